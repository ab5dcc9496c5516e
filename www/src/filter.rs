//! The map's filters and how a location is tested against them.
//!
//! Connector standard, minimum power, AC/DC and "available now" apply to the **same
//! connector**: a site with an available 22 kW Type 2 and an occupied 150 kW CCS does not match
//! "CCS, 150 kW, available now".

use jiff::Timestamp;
use ocpi_open_data::cluster::Plug;
use ocpi_open_data::model::{EvseStatus, Location, PowerType};
use rust_decimal::Decimal;

use crate::catalog::Entry;
use crate::opening::{OpenState, is_24_7, open_at};

/// AC or DC charging.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Current {
    Ac,
    Dc,
}

/// Everything a user can filter by. The default shows every location.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Filters {
    /// Any of these plug groups (empty = any).
    pub plugs: Vec<Plug>,
    /// Minimum connector power in kW.
    pub min_kw: Option<u32>,
    pub available_now: bool,
    pub current: Option<Current>,
    /// Maximum energy price per kWh (in the tariff's currency).
    pub max_price: Option<Decimal>,
    pub card: bool,
    pub contactless: bool,
    pub open_now: bool,
    pub always_open: bool,
    pub accessible_parking: bool,
    /// Any of these operators (empty = any).
    pub operators: Vec<String>,
    /// Words that must all occur in city, address, postal code, name or operator.
    pub text: String,
}

const CARD: &[&str] = &[
    "CREDIT_CARD_PAYABLE",
    "DEBIT_CARD_PAYABLE",
    "PED_TERMINAL",
    "CHIP_CARD_SUPPORT",
    "CONTACTLESS_CARD_SUPPORT",
];

impl Filters {
    /// Whether any filter is set.
    pub fn is_active(&self) -> bool {
        *self != Filters::default()
    }

    /// Whether the entry passes every filter at `now`.
    pub fn matches(&self, entry: &Entry, now: Timestamp) -> bool {
        let l = &entry.location;
        if !self.operators.is_empty() && !self.operators.contains(&entry.operator) {
            return false;
        }
        if !self.text.trim().is_empty() {
            let text = self.text.to_lowercase();
            if !text.split_whitespace().all(|w| entry.search.contains(w)) {
                return false;
            }
        }
        if let Some(max) = self.max_price
            && entry.marker.price_per_kwh.is_none_or(|p| p > max)
        {
            return false;
        }
        if self.card && !has_capability(l, CARD) {
            return false;
        }
        if self.contactless && !has_capability(l, &["CONTACTLESS_CARD_SUPPORT"]) {
            return false;
        }
        if self.always_open && !is_24_7(l.opening_times.as_deref()) {
            return false;
        }
        if self.open_now && open_at(l, now) != OpenState::Open {
            return false;
        }
        if self.accessible_parking && !has_accessible_parking(l) {
            return false;
        }
        self.connector_matches(l)
    }

    fn connector_matches(&self, l: &Location) -> bool {
        let per_connector =
            !self.plugs.is_empty() || self.min_kw.is_some() || self.current.is_some();
        if !per_connector && !self.available_now {
            return true;
        }
        l.evses_in_service().any(|e| {
            if self.available_now && e.status != EvseStatus::Available {
                return false;
            }
            e.connectors.iter().any(|c| {
                if !self.plugs.is_empty() && !self.plugs.contains(&Plug::of_standard(&c.standard)) {
                    return false;
                }
                if let Some(kw) = self.min_kw
                    && c.power_w().is_none_or(|w| w < kw.saturating_mul(1000))
                {
                    return false;
                }
                match self.current {
                    Some(Current::Dc) => c.power_type == Some(PowerType::Dc),
                    Some(Current::Ac) => c
                        .power_type
                        .as_ref()
                        .is_some_and(|p| *p != PowerType::Dc && p.phases().is_some()),
                    None => true,
                }
            })
        })
    }
}

fn has_capability(l: &Location, any: &[&str]) -> bool {
    l.evses_in_service()
        .any(|e| e.capabilities.iter().any(|c| any.contains(&c.as_str())))
}

/// A parking place for disabled drivers: a 2.3.0 parking place whose vehicle types include
/// `DISABLED`, or an EVSE whose parking restrictions say `DISABLED`.
pub fn has_accessible_parking(l: &Location) -> bool {
    l.parking_places
        .iter()
        .any(|p| p.vehicle_types.iter().any(|v| v == "DISABLED"))
        || l.evses_in_service()
            .any(|e| e.parking_restrictions.iter().any(|r| r == "DISABLED"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Catalog, FeedData};
    use std::sync::Arc;

    const LOCATIONS: &str = r#"[
      {"country_code":"NL","party_id":"ABC","id":"MIXED","publish":true,"name":"Hub","address":"Kerkstraat 1",
       "city":"Utrecht","postal_code":"3511 AB","country":"NLD",
       "coordinates":{"latitude":"52.09","longitude":"5.12"},"time_zone":"Europe/Amsterdam",
       "operator":{"name":"Fastned"},
       "evses":[
        {"uid":"1","status":"AVAILABLE","capabilities":["RFID_READER"],
         "connectors":[{"id":"1","standard":"IEC_62196_T2","format":"SOCKET","power_type":"AC_3_PHASE",
           "max_voltage":230,"max_amperage":32,"tariff_ids":["AC"],"last_updated":"2025-01-01T00:00:00Z"}],
         "last_updated":"2025-01-01T00:00:00Z"},
        {"uid":"2","status":"CHARGING","capabilities":["CONTACTLESS_CARD_SUPPORT"],
         "connectors":[{"id":"1","standard":"IEC_62196_T2_COMBO","format":"CABLE","power_type":"DC",
           "max_voltage":920,"max_amperage":250,"max_electric_power":150000,"tariff_ids":["DC"],
           "last_updated":"2025-01-01T00:00:00Z"}],
         "last_updated":"2025-01-01T00:00:00Z"}],
       "last_updated":"2025-01-01T00:00:00Z"},
      {"country_code":"DE","party_id":"XYZ","id":"PARK","publish":true,"address":"Hauptstraße 5",
       "city":"Berlin","country":"DEU","coordinates":{"latitude":"52.52","longitude":"13.40"},
       "time_zone":"Europe/Berlin","opening_times":{"twentyfourseven":false,
         "regular_hours":[{"weekday":1,"period_begin":"08:00","period_end":"20:00"}]},
       "evses":[{"uid":"1","status":"AVAILABLE","parking_restrictions":["DISABLED"],
         "connectors":[{"id":"1","standard":"IEC_62196_T2","format":"SOCKET","power_type":"AC_1_PHASE",
           "max_voltage":230,"max_amperage":16,"last_updated":"2025-01-01T00:00:00Z"}],
         "last_updated":"2025-01-01T00:00:00Z"}],
       "last_updated":"2025-01-01T00:00:00Z"}
    ]"#;

    const TARIFFS: &str = r#"[
      {"country_code":"NL","party_id":"ABC","id":"AC","currency":"EUR",
       "elements":[{"price_components":[{"type":"ENERGY","price":0.40,"step_size":1}]}],
       "last_updated":"2025-01-01T00:00:00Z"},
      {"country_code":"NL","party_id":"ABC","id":"DC","currency":"EUR",
       "elements":[{"price_components":[{"type":"ENERGY","price":0.70,"step_size":1}]}],
       "last_updated":"2025-01-01T00:00:00Z"}
    ]"#;

    fn catalog() -> Catalog {
        let files: [(&str, &[u8]); 2] = [
            ("l.json", LOCATIONS.as_bytes()),
            ("t.json", TARIFFS.as_bytes()),
        ];
        let (_, feed) = ocpi_open_data::model::read_feed(&files, |_| Default::default());
        let locations: Vec<_> = feed.locations.into_iter().map(Arc::new).collect();
        let tariffs: Vec<_> = feed.tariffs.into_iter().map(Arc::new).collect();
        Catalog::build(&[FeedData {
            locations: &locations,
            tariffs: &tariffs,
        }])
    }

    fn ids(f: &Filters) -> Vec<String> {
        let now: Timestamp = "2025-01-15T12:00:00Z".parse().expect("ts");
        catalog()
            .entries
            .iter()
            .filter(|e| f.matches(e, now))
            .map(|e| e.location.id.clone())
            .collect()
    }

    #[test]
    fn no_filter_shows_everything() {
        assert_eq!(ids(&Filters::default()), ["MIXED", "PARK"]);
        assert!(!Filters::default().is_active());
    }

    #[test]
    fn standard_power_and_availability_apply_to_the_same_connector() {
        let ccs_fast = Filters {
            plugs: vec![Plug::Ccs2],
            min_kw: Some(150),
            ..Filters::default()
        };
        assert_eq!(ids(&ccs_fast), ["MIXED"]);
        // The CCS connector is charging; the available one is AC 22 kW.
        let now_too = Filters {
            available_now: true,
            ..ccs_fast.clone()
        };
        assert!(ids(&now_too).is_empty());
        let type2_available = Filters {
            plugs: vec![Plug::Type2],
            min_kw: Some(11),
            available_now: true,
            ..Filters::default()
        };
        assert_eq!(
            ids(&type2_available),
            ["MIXED"],
            "22 kW at MIXED, 3.7 kW at PARK"
        );
        let dc = Filters {
            current: Some(Current::Dc),
            ..Filters::default()
        };
        assert_eq!(ids(&dc), ["MIXED"]);
        let ac = Filters {
            current: Some(Current::Ac),
            ..Filters::default()
        };
        assert_eq!(ids(&ac), ["MIXED", "PARK"]);
    }

    #[test]
    fn price_payment_hours_parking_operator_and_text() {
        let cheap = Filters {
            max_price: Some(Decimal::new(45, 2)),
            ..Filters::default()
        };
        assert_eq!(ids(&cheap), ["MIXED"], "PARK has no price: left out");
        assert!(
            ids(&Filters {
                max_price: Some(Decimal::new(30, 2)),
                ..Filters::default()
            })
            .is_empty()
        );
        let contactless = Filters {
            contactless: true,
            ..Filters::default()
        };
        assert_eq!(ids(&contactless), ["MIXED"]);
        // Wednesday noon: PARK is open on Mondays only.
        let open = Filters {
            open_now: true,
            ..Filters::default()
        };
        assert_eq!(ids(&open), ["MIXED"]);
        let accessible = Filters {
            accessible_parking: true,
            ..Filters::default()
        };
        assert_eq!(ids(&accessible), ["PARK"]);
        let op = Filters {
            operators: vec!["DE*XYZ".into()],
            ..Filters::default()
        };
        assert_eq!(ids(&op), ["PARK"]);
        let text = Filters {
            text: "utrecht KERK".into(),
            ..Filters::default()
        };
        assert_eq!(ids(&text), ["MIXED"]);
        let fastned = Filters {
            text: "fastned".into(),
            ..Filters::default()
        };
        assert_eq!(ids(&fastned), ["MIXED"]);
    }
}
