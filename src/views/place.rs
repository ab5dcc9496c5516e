//! JSON Pointers of the EVSEs, connectors, tariff elements and price components of the model, in
//! the data they were read from.
//!
//! The model keeps the pointer of each location and tariff (`source.pointer`) but not of the
//! objects in their lists. Those lists keep the data's order, with three exceptions:
//! - the spec walk (`validate::walk`) skips a `null` entry or an entry that is not an object
//!   (reported as `field-null` / `field-type` at the entry's own pointer);
//! - the spec walk reads a single object where a list is expected as a list of one (reported as
//!   `field-coerced` at the list's pointer);
//! - the model leaves out a price component whose `type` or `price` the walk dropped (reported
//!   as `field-missing`, `field-null`, `field-type`, `enum-unknown` or `number-out-of-range` at
//!   that field).
//!
//! The model's index is then not the data's index. [`Places`] records those reports and maps
//! each model index back to the data; without them (`Places::default()`), indices are taken as
//! they are, which is exact for every list that none of the three changed.

use crate::diagnostic::Code;
use crate::validate::FileReport;
use std::collections::{BTreeMap, BTreeSet};

/// How the spec walk changed the lists of EVSEs and connectors, per file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    /// (file, list pointer) → data indices of the entries the walk skipped.
    skipped: BTreeMap<(String, String), BTreeSet<usize>>,
    /// (file, list pointer) of lists given as a single object.
    single: BTreeSet<(String, String)>,
}

/// The lists whose entries the views point into.
const LISTS: [&str; 4] = ["evses", "connectors", "elements", "price_components"];

/// Codes that mean the walk dropped the field they point at.
const DROPPED: [Code; 5] = [
    Code::FieldMissing,
    Code::FieldNull,
    Code::FieldType,
    Code::EnumUnknown,
    Code::NumberOutOfRange,
];

impl Places {
    /// Reads the changes to lists of EVSEs and connectors from validation reports (those of
    /// `model::read_feed`, for example).
    pub fn from_reports(reports: &[FileReport<'_>]) -> Places {
        let mut places = Places::default();
        for report in reports {
            for d in &report.diagnostics {
                let Some((parent, last)) = d.pointer.rsplit_once('/') else {
                    continue;
                };
                if d.code == Code::FieldCoerced && LISTS.contains(&last) {
                    places
                        .single
                        .insert((report.path.clone(), d.pointer.clone()));
                    continue;
                }
                if !DROPPED.contains(&d.code) {
                    continue;
                }
                // An entry dropped by the walk: `<list>/<index>`.
                let entry = if matches!(d.code, Code::FieldNull | Code::FieldType) {
                    Some((parent, last))
                } else {
                    None
                };
                // A price component the model leaves out: `<list>/<index>/type|price`.
                let component = match last {
                    "type" | "price" => parent
                        .rsplit_once('/')
                        .filter(|(list, _)| list.ends_with("/price_components")),
                    _ => None,
                };
                for (list_pointer, index) in entry.into_iter().chain(component) {
                    let (Some((_, list)), Ok(index)) =
                        (list_pointer.rsplit_once('/'), index.parse::<usize>())
                    else {
                        continue;
                    };
                    if LISTS.contains(&list) {
                        places
                            .skipped
                            .entry((report.path.clone(), list_pointer.to_string()))
                            .or_default()
                            .insert(index);
                    }
                }
            }
        }
        places
    }

    /// The pointer of entry `index` (the model's index) of the list at `list` in `file`.
    pub fn entry(&self, file: &str, list: &str, index: usize) -> String {
        if self.skipped.is_empty() && self.single.is_empty() {
            return format!("{list}/{index}");
        }
        let key = (file.to_string(), list.to_string());
        if self.single.contains(&key) {
            return list.to_string();
        }
        let mut data_index = index;
        if let Some(skipped) = self.skipped.get(&key) {
            // The n-th entry kept is the n-th index that was not skipped.
            let mut kept = 0;
            data_index = 0;
            loop {
                if !skipped.contains(&data_index) {
                    if kept == index {
                        break;
                    }
                    kept += 1;
                }
                data_index += 1;
            }
        }
        format!("{list}/{data_index}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::read_feed;
    use crate::validate::Options;

    #[test]
    fn skipped_entries_shift_the_indices_back_to_the_data() {
        let json = br#"[{"country_code":"NL","party_id":"ABC","id":"L1","publish":true,
            "address":"a","city":"c","country":"NLD",
            "coordinates":{"latitude":"52.1","longitude":"4.1"},"time_zone":"Europe/Amsterdam",
            "last_updated":"2024-01-01T00:00:00Z",
            "evses":[null, {"uid":"A","status":"AVAILABLE","last_updated":"2024-01-01T00:00:00Z",
              "connectors":["x", {"id":"1","standard":"IEC_62196_T2","format":"SOCKET",
              "power_type":"AC_3_PHASE","max_voltage":230,"max_amperage":16,
              "last_updated":"2024-01-01T00:00:00Z"}]}]}]"#;
        let (reports, feed) = read_feed(&[("f.json", json)], |_| Options::default());
        let location = &feed.locations[0];
        assert_eq!(location.evses.len(), 1);
        assert_eq!(location.evses[0].connectors.len(), 1);
        let places = Places::from_reports(&reports);
        let evse = places.entry("f.json", "/0/evses", 0);
        assert_eq!(evse, "/0/evses/1");
        assert_eq!(
            places.entry("f.json", &format!("{evse}/connectors"), 0),
            "/0/evses/1/connectors/1"
        );
        // Without the reports the model's indices are taken as they are.
        assert_eq!(
            Places::default().entry("f.json", "/0/evses", 0),
            "/0/evses/0"
        );
    }

    #[test]
    fn price_components_without_a_price_are_counted_out() {
        let json = br#"[{"country_code":"NL","party_id":"ABC","id":"T1","currency":"EUR",
            "elements":[{"price_components":[{"type":"FLAT","step_size":1},
              {"type":"ENERGY","price":0.3,"step_size":1}]}],
            "last_updated":"2024-01-01T00:00:00Z"}]"#;
        let (reports, feed) = read_feed(&[("t.json", json)], |_| Options::default());
        let components = &feed.tariffs[0].elements[0].price_components;
        assert_eq!(components.len(), 1);
        let places = Places::from_reports(&reports);
        assert_eq!(
            places.entry("t.json", "/0/elements/0/price_components", 0),
            "/0/elements/0/price_components/1"
        );
    }

    #[test]
    fn a_single_object_read_as_a_list_is_pointed_at_directly() {
        let json = br#"{"country_code":"NL","party_id":"ABC","id":"L1","publish":true,
            "address":"a","city":"c","country":"NLD",
            "coordinates":{"latitude":"52.1","longitude":"4.1"},"time_zone":"Europe/Amsterdam",
            "last_updated":"2024-01-01T00:00:00Z",
            "evses":{"uid":"A","status":"AVAILABLE","last_updated":"2024-01-01T00:00:00Z",
              "connectors":[]}}"#;
        let (reports, feed) = read_feed(&[("f.json", json)], |_| Options::default());
        assert_eq!(feed.locations[0].evses.len(), 1);
        let places = Places::from_reports(&reports);
        assert_eq!(places.entry("f.json", "/evses", 0), "/evses");
    }
}
