//! Facts about a site that decide whether a rule applies but that OCPI does not carry: when its
//! points were commissioned, whether it lies on the TEN-T road network. The caller gives them,
//! for all locations at once or per location id; what is not given is unknown (commissioning
//! date) or has a documented default (TEN-T: no).

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Facts about one location, each overriding the default of the whole feed when given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteFacts {
    /// The date the location's points were deployed (commissioned), `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commissioned: Option<Date>,
    /// Whether the location lies on the TEN-T road network or in a safe and secure parking area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ten_t: Option<bool>,
}

/// Facts for a whole feed: defaults plus overrides per location id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedFacts {
    /// Commissioning date of every location without its own; `None`: unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commissioned: Option<Date>,
    /// Whether locations without their own fact lie on the TEN-T network; default `false`.
    #[serde(default)]
    pub ten_t: bool,
    /// Per location id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub locations: BTreeMap<String, SiteFacts>,
}

impl FeedFacts {
    /// The commissioning date of location `id`, if known.
    pub fn commissioned(&self, id: &str) -> Option<Date> {
        self.locations
            .get(id)
            .and_then(|f| f.commissioned)
            .or(self.commissioned)
    }

    /// Whether location `id` lies on the TEN-T network.
    pub fn ten_t(&self, id: &str) -> bool {
        self.locations
            .get(id)
            .and_then(|f| f.ten_t)
            .unwrap_or(self.ten_t)
    }

    /// Reads per-location facts from JSON: `{"<location id>": {"commissioned": "YYYY-MM-DD",
    /// "ten_t": true}}`.
    pub fn locations_from_json(bytes: &[u8]) -> Result<BTreeMap<String, SiteFacts>, FactsError> {
        serde_json::from_slice(bytes).map_err(|e| FactsError {
            message: format!("{e}"),
        })
    }
}

/// A facts file that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactsError {
    pub message: String,
}

impl FactsError {
    /// Stable code of this error.
    pub const CODE: &'static str = "facts-invalid";
}

impl std::fmt::Display for FactsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}; expected {{\"<location id>\": {{\"commissioned\": \"YYYY-MM-DD\", \"ten_t\": true}}}}",
            Self::CODE,
            self.message
        )
    }
}

/// When a date-bound duty starts, relative to a date.
pub(crate) fn on_or_after(date: Option<Date>, start: Date) -> Option<bool> {
    date.map(|d| d >= start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn per_location_facts_override_the_defaults() {
        let mut facts = FeedFacts {
            commissioned: Some(date(2023, 1, 1)),
            ten_t: false,
            locations: BTreeMap::new(),
        };
        facts.locations = FeedFacts::locations_from_json(
            br#"{"L1": {"commissioned": "2024-05-01", "ten_t": true}, "L2": {"ten_t": true}}"#,
        )
        .unwrap();
        assert_eq!(facts.commissioned("L1"), Some(date(2024, 5, 1)));
        assert_eq!(facts.commissioned("L2"), Some(date(2023, 1, 1)));
        assert!(facts.ten_t("L1") && facts.ten_t("L2") && !facts.ten_t("L3"));
        let bad = FeedFacts::locations_from_json(br#"{"L1": {"comissioned": "2024-05-01"}}"#)
            .unwrap_err();
        assert!(
            bad.to_string()
                .starts_with("facts-invalid: unknown field `comissioned`")
        );
    }
}
