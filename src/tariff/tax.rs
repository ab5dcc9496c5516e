//! Amounts before and after tax, as each OCPI version defines its prices.
//!
//! | version, `tax_included` | price is | `vat` given | `vat` absent |
//! |---|---|---|---|
//! | 2.1.1 | before tax | (no such field) | after tax unknown |
//! | 2.2.1 | before VAT | after = before × (1 + vat/100) | no VAT applies: after = before |
//! | 2.3.0 `NO` | before tax | after = before × (1 + vat/100) | after tax unknown |
//! | 2.3.0 `YES` | after tax | before = after / (1 + vat/100) | before tax unknown |
//! | 2.3.0 `N/A` | no taxes | after = before | after = before |

use crate::model::{Tariff, TaxIncluded};
use crate::spec::Version;
use rust_decimal::Decimal;
use serde::Serialize;
use std::ops::Add;

/// How the prices of a tariff relate to taxes (the rows of the table above).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaxRule {
    /// 2.1.1: prices exclude VAT, whose rate the tariff cannot state.
    BeforeTaxRateUnknown,
    /// 2.2.1: prices exclude VAT; a component without `vat` has none.
    BeforeVatAbsentIsNone,
    /// 2.3.0 `tax_included: NO`.
    BeforeTax,
    /// 2.3.0 `tax_included: YES`.
    AfterTax,
    /// 2.3.0 `tax_included: N/A`.
    NoTax,
}

impl TaxRule {
    pub fn of(tariff: &Tariff) -> TaxRule {
        match (tariff.source.version, &tariff.tax_included) {
            (Version::V2_1_1, _) => TaxRule::BeforeTaxRateUnknown,
            (Version::V2_2_1, _) => TaxRule::BeforeVatAbsentIsNone,
            (Version::V2_3_0, TaxIncluded::Yes) => TaxRule::AfterTax,
            (Version::V2_3_0, TaxIncluded::NotApplicable) => TaxRule::NoTax,
            (Version::V2_3_0, _) => TaxRule::BeforeTax,
        }
    }

    /// The amount of a price times a quantity, before and after tax.
    /// Nothing costs nothing, before and after any tax.
    pub fn split(self, amount: Decimal, vat: Option<Decimal>) -> Money {
        if amount.is_zero() {
            return Money::zero();
        }
        let factor = vat.and_then(|v| {
            (Decimal::ONE_HUNDRED + v)
                .checked_div(Decimal::ONE_HUNDRED)
                .filter(|f| !f.is_zero())
        });
        match self {
            TaxRule::BeforeTaxRateUnknown => Money::new(Some(amount), None),
            TaxRule::BeforeVatAbsentIsNone => {
                Money::new(Some(amount), Some(factor.map_or(amount, |f| amount * f)))
            }
            TaxRule::BeforeTax => {
                Money::new(Some(amount), factor.and_then(|f| amount.checked_mul(f)))
            }
            TaxRule::AfterTax => {
                Money::new(factor.and_then(|f| amount.checked_div(f)), Some(amount))
            }
            TaxRule::NoTax => Money::new(Some(amount), Some(amount)),
        }
    }
}

/// An amount before and after tax; either may be unknown (see the table of [`TaxRule`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Money {
    #[serde(with = "super::ser::amount_option")]
    pub before_tax: Option<Decimal>,
    #[serde(with = "super::ser::amount_option")]
    pub after_tax: Option<Decimal>,
}

impl Money {
    pub fn new(before_tax: Option<Decimal>, after_tax: Option<Decimal>) -> Money {
        Money {
            before_tax,
            after_tax,
        }
    }

    pub fn zero() -> Money {
        Money::new(Some(Decimal::ZERO), Some(Decimal::ZERO))
    }

    /// The amount negated (a credit).
    pub fn negated(self) -> Money {
        Money::new(self.before_tax.map(|d| -d), self.after_tax.map(|d| -d))
    }
}

impl Add for Money {
    type Output = Money;
    /// An unknown part makes the sum unknown.
    fn add(self, other: Money) -> Money {
        let sum = |a: Option<Decimal>, b: Option<Decimal>| a?.checked_add(b?);
        Money::new(
            sum(self.before_tax, other.before_tax),
            sum(self.after_tax, other.after_tax),
        )
    }
}
