//! Opening times.

use super::location::Extra;
use super::read::Obj;
use super::ser;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// When the EVSEs of a location can be used (OCPI `Hours`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hours {
    /// Open around the clock (apart from exceptional closings). `false` when not given (2.1.1
    /// may express opening times with `regular_hours` only).
    #[serde(default)]
    pub twentyfourseven: bool,
    /// Weekly opening periods, in the location's local time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regular_hours: Vec<RegularHours>,
    /// Extra opening periods on given dates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exceptional_openings: Vec<ExceptionalPeriod>,
    /// Closures on given dates; they override everything else.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exceptional_closings: Vec<ExceptionalPeriod>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl Hours {
    pub(crate) fn read(o: &Obj<'_, '_>) -> Hours {
        Hours {
            twentyfourseven: o.bool("twentyfourseven").unwrap_or(false),
            regular_hours: o
                .objects("regular_hours")
                .iter()
                .filter_map(RegularHours::read)
                .collect(),
            exceptional_openings: o
                .objects("exceptional_openings")
                .iter()
                .filter_map(ExceptionalPeriod::read)
                .collect(),
            exceptional_closings: o
                .objects("exceptional_closings")
                .iter()
                .filter_map(ExceptionalPeriod::read)
                .collect(),
            extra: o.extra(),
        }
    }
}

/// A weekly opening period. Entries without a weekday from 1 to 7 or without both times are
/// left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RegularHours {
    /// 1 = Monday ... 7 = Sunday.
    pub weekday: u8,
    /// `HH:MM`, local time.
    pub period_begin: String,
    /// `HH:MM`, local time.
    pub period_end: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl RegularHours {
    fn read(o: &Obj<'_, '_>) -> Option<RegularHours> {
        let weekday = u8::try_from(o.u32("weekday")?)
            .ok()
            .filter(|d| (1..=7).contains(d))?;
        Some(RegularHours {
            weekday,
            period_begin: o.str("period_begin")?,
            period_end: o.str("period_end")?,
            extra: o.extra(),
        })
    }
}

/// A period on given dates, in UTC. Entries without both ends are left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExceptionalPeriod {
    #[serde(with = "ser::timestamp")]
    pub period_begin: jiff::Timestamp,
    #[serde(with = "ser::timestamp")]
    pub period_end: jiff::Timestamp,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl ExceptionalPeriod {
    fn read(o: &Obj<'_, '_>) -> Option<ExceptionalPeriod> {
        Some(ExceptionalPeriod {
            period_begin: o.timestamp("period_begin")?,
            period_end: o.timestamp("period_end")?,
            extra: o.extra(),
        })
    }
}
