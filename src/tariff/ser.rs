//! How prices are written: amounts as decimal strings with two to four decimals, quantities with
//! up to six, timestamps as RFC 3339 in UTC.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serializer;

/// An amount of money as written to JSON and text: rounded half away from zero to four decimals
/// (CDRs state up to four), then written with at least two.
pub fn amount_text(d: Decimal) -> String {
    let mut r = d
        .round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero)
        .normalize();
    if r.scale() < 2 {
        r.rescale(2);
    }
    r.to_string()
}

/// A quantity (kWh, hours) rounded to six decimals, without trailing zeros.
pub fn quantity_text(d: Decimal) -> String {
    d.round_dp_with_strategy(6, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
        .to_string()
}

/// `Decimal` money as [`amount_text`].
pub mod amount {
    use super::*;
    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&amount_text(*d))
    }
}

/// `Option<Decimal>` money as [`amount_text`] or `null`.
pub mod amount_option {
    use super::*;
    pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&amount_text(*d)),
            None => s.serialize_none(),
        }
    }
}

/// A quantity as [`quantity_text`].
pub mod quantity {
    use super::*;
    pub fn serialize<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&quantity_text(*d))
    }
}

/// An optional quantity as [`quantity_text`] or `null`.
pub mod quantity_option {
    use super::*;
    pub fn serialize<S: Serializer>(d: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&quantity_text(*d)),
            None => s.serialize_none(),
        }
    }
}

/// `jiff::Timestamp` as RFC 3339 in UTC.
pub mod timestamp {
    use serde::Serializer;
    pub fn serialize<S: Serializer>(t: &jiff::Timestamp, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(t)
    }
}

/// `jiff::civil::DateTime` as `YYYY-MM-DDThh:mm:ss`.
pub mod local {
    use serde::Serializer;
    pub fn serialize<S: Serializer>(t: &jiff::civil::DateTime, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&t.strftime("%Y-%m-%dT%H:%M:%S"))
    }
}
