//! Tariffs. Every amount of money is a `rust_decimal::Decimal`, written to JSON as a string with
//! the digits the data gave (`"0.2500"` stays `"0.2500"`), so no binary float ever touches money.

use super::enums::{DayOfWeek, DimensionType, ReservationRestriction, TariffType, TaxIncluded};
use super::location::{DisplayText, EnergyMix, Extra};
use super::read::Obj;
use super::{Source, ser};
use crate::spec::Version;
use crate::validate::Item;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A tariff, version-neutral.
///
/// Missing required values read as the defaults documented on each field; `source.has_errors`
/// says whether the validator found anything wrong inside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tariff {
    /// Where the tariff was read from.
    pub source: Source,
    /// 2.2.1+; `None` for 2.1.1 or when missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// 2.2.1+; `None` for 2.1.1 or when missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_id: Option<String>,
    /// `""` when missing.
    pub id: String,
    /// ISO 4217 code; `""` when missing (real feeds send `null`), in which case amounts have no
    /// known currency.
    #[serde(default)]
    pub currency: String,
    /// Which sessions the tariff is for (2.2.1+); `None` = all.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub tariff_type: Option<TariffType>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tariff_alt_text: Vec<DisplayText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tariff_alt_url: Option<String>,
    /// Minimum cost of a session (2.2.1 `Price`, 2.3.0 `PriceLimit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_price: Option<PriceLimit>,
    /// Maximum cost of a session (2.2.1 `Price`, 2.3.0 `PriceLimit`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_price: Option<PriceLimit>,
    /// Amount a payment terminal should pre-authorise (2.3.0 with Payments).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "rust_decimal::serde::str_option"
    )]
    pub preauthorize_amount: Option<Decimal>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elements: Vec<TariffElement>,
    /// Whether the prices include taxes. 2.1.1 and 2.2.1 define prices as excluding VAT: `No`.
    /// A 2.3.0 tariff without a readable `tax_included` also reads as `No`, the meaning prices
    /// had in every earlier version.
    pub tax_included: TaxIncluded,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "ser::timestamp_option"
    )]
    pub start_date_time: Option<jiff::Timestamp>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "ser::timestamp_option"
    )]
    pub end_date_time: Option<jiff::Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub energy_mix: Option<Box<EnergyMix>>,
    /// `None` when missing or unreadable.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "ser::timestamp_option"
    )]
    pub last_updated: Option<jiff::Timestamp>,
    /// Members that are not fields of Tariff in the data's version.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl Tariff {
    /// Converts one tariff read by the validator. Never fails: what is missing reads as the
    /// defaults documented on each field. `source.file` is left empty (see [`super::build_feed`]).
    pub fn from_item(item: &Item<'_>, version: Version) -> Tariff {
        let o = Obj::new(&item.node, Some(version.spec().tariff), version);
        let tax_included = match version {
            Version::V2_1_1 | Version::V2_2_1 => TaxIncluded::No,
            Version::V2_3_0 => o
                .str("tax_included")
                .map(|s| TaxIncluded::from_ocpi(&s))
                .unwrap_or(TaxIncluded::No),
        };
        Tariff {
            source: Source::of(item, version),
            country_code: o.str("country_code"),
            party_id: o.str("party_id"),
            id: o.string("id"),
            currency: o.string("currency"),
            tariff_type: o.str("type").map(|s| TariffType::from_ocpi(&s)),
            tariff_alt_text: DisplayText::read_list(&o, "tariff_alt_text"),
            tariff_alt_url: o.str("tariff_alt_url"),
            min_price: o.object("min_price").and_then(|p| PriceLimit::read(&p)),
            max_price: o.object("max_price").and_then(|p| PriceLimit::read(&p)),
            preauthorize_amount: o.decimal("preauthorize_amount"),
            elements: o
                .objects("elements")
                .iter()
                .map(TariffElement::read)
                .collect(),
            tax_included,
            start_date_time: o.timestamp("start_date_time"),
            end_date_time: o.timestamp("end_date_time"),
            energy_mix: o
                .object("energy_mix")
                .map(|e| Box::new(EnergyMix::read(&e))),
            last_updated: o.timestamp("last_updated"),
            extra: o.extra(),
        }
    }

    /// Every price component of every element.
    pub fn price_components(&self) -> impl Iterator<Item = &PriceComponent> {
        self.elements.iter().flat_map(|e| e.price_components.iter())
    }

    /// Free of charge: at least one price component, every price is zero, and no minimum price
    /// above zero. A tariff with no readable price component is not called free (its prices are
    /// unknown, not zero).
    pub fn is_free(&self) -> bool {
        let mut components = self.price_components().peekable();
        components.peek().is_some()
            && components.all(|c| c.price.is_zero())
            && self.min_price.as_ref().is_none_or(|m| {
                m.before_taxes.is_zero() && m.after_taxes.is_none_or(|a| a.is_zero())
            })
    }
}

/// A minimum or maximum session cost. 2.2.1 `Price` (`excl_vat`, `incl_vat`) and 2.3.0
/// `PriceLimit` (`before_taxes`, `after_taxes`) both read into it. Without a readable amount
/// before taxes the limit is left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriceLimit {
    /// Amount excluding taxes (2.2.1 `excl_vat`).
    #[serde(with = "rust_decimal::serde::str")]
    pub before_taxes: Decimal,
    /// Amount including taxes (2.2.1 `incl_vat`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "rust_decimal::serde::str_option"
    )]
    pub after_taxes: Option<Decimal>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl PriceLimit {
    fn read(o: &Obj<'_, '_>) -> Option<PriceLimit> {
        Some(PriceLimit {
            before_taxes: o
                .decimal("before_taxes")
                .or_else(|| o.decimal("excl_vat"))?,
            after_taxes: o.decimal("after_taxes").or_else(|| o.decimal("incl_vat")),
            extra: o.extra(),
        })
    }
}

/// Price components that share the same restrictions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TariffElement {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub price_components: Vec<PriceComponent>,
    /// When the components apply; `None` = always.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restrictions: Option<Restrictions>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl TariffElement {
    fn read(o: &Obj<'_, '_>) -> TariffElement {
        TariffElement {
            price_components: o
                .objects("price_components")
                .iter()
                .filter_map(PriceComponent::read)
                .collect(),
            restrictions: o.object("restrictions").map(|r| Restrictions::read(&r)),
            extra: o.extra(),
        }
    }
}

/// The price of one dimension. A component without a readable `type` or `price` cannot be
/// priced and is left out (the validator reported why).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PriceComponent {
    /// What is priced (OCPI `type`).
    #[serde(rename = "type")]
    pub dimension: DimensionType,
    /// Price per unit (kWh, hour, session), including or excluding taxes as
    /// `Tariff::tax_included` says.
    #[serde(with = "rust_decimal::serde::str")]
    pub price: Decimal,
    /// VAT in percent for this dimension (2.2.1+); `None` = no VAT applies or not given.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "rust_decimal::serde::str_option"
    )]
    pub vat: Option<Decimal>,
    /// Billing granularity in Wh (ENERGY) or seconds (TIME, PARKING_TIME). 1 (the spec's advice)
    /// when missing, zero or unreadable.
    #[serde(default = "one")]
    pub step_size: u32,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

fn one() -> u32 {
    1
}

impl PriceComponent {
    fn read(o: &Obj<'_, '_>) -> Option<PriceComponent> {
        Some(PriceComponent {
            dimension: DimensionType::from_ocpi(&o.str("type")?),
            price: o.decimal("price")?,
            vat: o.decimal("vat"),
            step_size: o.u32("step_size").filter(|s| *s > 0).unwrap_or(1),
            extra: o.extra(),
        })
    }
}

/// When the components of an element apply (OCPI `TariffRestrictions`). All given conditions
/// must hold; minimums are inclusive, maximums exclusive.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Restrictions {
    /// `HH:MM`, local time of the location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_time: Option<String>,
    /// `HH:MM`, local time; before `start_time` means past midnight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_time: Option<String>,
    /// `YYYY-MM-DD`, inclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// `YYYY-MM-DD`, exclusive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_date: Option<String>,
    /// kWh.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "rust_decimal::serde::str_option"
    )]
    pub min_kwh: Option<Decimal>,
    /// kWh.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "rust_decimal::serde::str_option"
    )]
    pub max_kwh: Option<Decimal>,
    /// A, summed over phases (2.2.1+).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "rust_decimal::serde::str_option"
    )]
    pub min_current: Option<Decimal>,
    /// A, summed over phases (2.2.1+).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "rust_decimal::serde::str_option"
    )]
    pub max_current: Option<Decimal>,
    /// kW.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "rust_decimal::serde::str_option"
    )]
    pub min_power: Option<Decimal>,
    /// kW.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "rust_decimal::serde::str_option"
    )]
    pub max_power: Option<Decimal>,
    /// Seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_duration: Option<u64>,
    /// Seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_duration: Option<u64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub day_of_week: Vec<DayOfWeek>,
    /// The element prices a reservation (2.2.1+).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reservation: Option<ReservationRestriction>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl Restrictions {
    fn read(o: &Obj<'_, '_>) -> Restrictions {
        Restrictions {
            start_time: o.str("start_time"),
            end_time: o.str("end_time"),
            start_date: o.str("start_date"),
            end_date: o.str("end_date"),
            min_kwh: o.decimal("min_kwh"),
            max_kwh: o.decimal("max_kwh"),
            min_current: o.decimal("min_current"),
            max_current: o.decimal("max_current"),
            min_power: o.decimal("min_power"),
            max_power: o.decimal("max_power"),
            min_duration: o.u64("min_duration"),
            max_duration: o.u64("max_duration"),
            day_of_week: o
                .strings("day_of_week")
                .iter()
                .map(|d| DayOfWeek::from_ocpi(d))
                .collect(),
            reservation: o
                .str("reservation")
                .map(|s| ReservationRestriction::from_ocpi(&s)),
            extra: o.extra(),
        }
    }

    /// Whether no condition is set (the element always applies).
    pub fn is_empty(&self) -> bool {
        *self == Restrictions::default()
    }
}
