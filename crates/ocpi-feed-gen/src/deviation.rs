//! Real-world deviations from the spec (see `real-world-data.md`), one per affected location.

use std::fmt;

use fastrand::Rng;
use serde_json::{Map, Value};

use crate::OcpiVersion;
use crate::location::Facts;

/// A way real feeds deviate from the OCPI spec. A deviating location carries exactly one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Deviation {
    /// `null` where a list is expected: location `facilities` / `images`, first EVSE's
    /// `capabilities`.
    NullLists,
    /// `""` where a list or object is expected: `directions`, `opening_times`, `energy_mix`.
    EmptyStringObjects,
    /// Connector voltage / amperage as strings (`"230"`), EVSE `physical_reference` and
    /// `floor_level` as numbers.
    NumbersAsStrings,
    /// Coordinates as JSON numbers (`"latitude": 52.37`), location, EVSEs and related points.
    CoordinatesAsNumbers,
    /// Location `id`, EVSE `uid`s and connector `id`s as JSON integers.
    IntegerIds,
    /// `max_electric_power` in kW instead of W on every connector (2.2+).
    PowerInKw,
    /// `time_zone` left out (2.2+, where it is required).
    MissingTimeZone,
    /// Windows zone name (`"GMT Standard Time"`) or an IANA name with a trailing space.
    NonIanaTimeZone,
    /// 2.1.1 field names in a 2.2.1 / 2.3.0 feed: `type`, `voltage`, `amperage`, `tariff_id`.
    V211NamesUnderV22,
    /// EVSE status values outside the enum: `"WORKING"`, `"FAULTED"`.
    NonStandardStatus,
    /// Every field name in camelCase (`powerType`, `lastUpdated`, `timeZone`, ...).
    CamelCaseNames,
    /// `last_updated` values like `"2025-03-12 10:54:38"` (space, no zone).
    TimestampWithoutZone,
    /// Vendor extension fields on EVSEs: `energy_meter`, `calibration_info_url`.
    VendorFields,
    /// `"publish": false` without `publish_allowed_to` in an open-data feed (2.2+).
    UnpublishedLocation,
}

impl Deviation {
    pub const ALL: [Deviation; 14] = [
        Deviation::NullLists,
        Deviation::EmptyStringObjects,
        Deviation::NumbersAsStrings,
        Deviation::CoordinatesAsNumbers,
        Deviation::IntegerIds,
        Deviation::PowerInKw,
        Deviation::MissingTimeZone,
        Deviation::NonIanaTimeZone,
        Deviation::V211NamesUnderV22,
        Deviation::NonStandardStatus,
        Deviation::CamelCaseNames,
        Deviation::TimestampWithoutZone,
        Deviation::VendorFields,
        Deviation::UnpublishedLocation,
    ];

    /// A stable snake_case name.
    pub fn name(self) -> &'static str {
        match self {
            Deviation::NullLists => "null_lists",
            Deviation::EmptyStringObjects => "empty_string_objects",
            Deviation::NumbersAsStrings => "numbers_as_strings",
            Deviation::CoordinatesAsNumbers => "coordinates_as_numbers",
            Deviation::IntegerIds => "integer_ids",
            Deviation::PowerInKw => "power_in_kw",
            Deviation::MissingTimeZone => "missing_time_zone",
            Deviation::NonIanaTimeZone => "non_iana_time_zone",
            Deviation::V211NamesUnderV22 => "v211_names_under_v22",
            Deviation::NonStandardStatus => "non_standard_status",
            Deviation::CamelCaseNames => "camel_case_names",
            Deviation::TimestampWithoutZone => "timestamp_without_zone",
            Deviation::VendorFields => "vendor_fields",
            Deviation::UnpublishedLocation => "unpublished_location",
        }
    }

    /// Whether this is a deviation at all for the given version (e.g. a missing `time_zone`
    /// is allowed in 2.1.1, and 2.1.1 has no `publish` or `max_electric_power`).
    pub fn applies_to(self, v: OcpiVersion) -> bool {
        match self {
            Deviation::PowerInKw
            | Deviation::MissingTimeZone
            | Deviation::V211NamesUnderV22
            | Deviation::UnpublishedLocation => v != OcpiVersion::V211,
            _ => true,
        }
    }

    pub(crate) fn applicable(v: OcpiVersion) -> &'static [Deviation] {
        const V211: [Deviation; 10] = [
            Deviation::NullLists,
            Deviation::EmptyStringObjects,
            Deviation::NumbersAsStrings,
            Deviation::CoordinatesAsNumbers,
            Deviation::IntegerIds,
            Deviation::NonIanaTimeZone,
            Deviation::NonStandardStatus,
            Deviation::CamelCaseNames,
            Deviation::TimestampWithoutZone,
            Deviation::VendorFields,
        ];
        match v {
            OcpiVersion::V211 => &V211,
            _ => &Deviation::ALL,
        }
    }
}

impl fmt::Display for Deviation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

// ---------------------------------------------------------------------------------------------

fn obj(v: &mut Value) -> &mut Map<String, Value> {
    v.as_object_mut().expect("generated locations are objects")
}

/// Rename a key. A deviating location is re-serialised from a `serde_json::Map`, whose keys are
/// sorted: its fields leave the spec's order, which real deviating feeds do not keep either.
fn rename(map: &mut Map<String, Value>, old: &str, new: &str) {
    if let Some(v) = map.remove(old) {
        map.insert(new.to_string(), v);
    }
}

fn evses(loc: &mut Value) -> impl Iterator<Item = &mut Map<String, Value>> {
    obj(loc)
        .get_mut("evses")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object_mut)
}

fn connectors(evse: &mut Map<String, Value>) -> impl Iterator<Item = &mut Map<String, Value>> {
    evse.get_mut("connectors")
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object_mut)
}

fn number_from_coord(v: &mut Value) {
    if let Some(o) = v.as_object_mut() {
        for key in ["latitude", "longitude"] {
            if let Some(slot) = o.get_mut(key)
                && let Some(x) = slot.as_str().and_then(|s| s.parse::<f64>().ok())
            {
                *slot = Value::from(x);
            }
        }
    }
}

fn to_camel(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    let mut upper = false;
    for ch in key.chars() {
        if ch == '_' {
            upper = true;
        } else if upper {
            out.push(ch.to_ascii_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}

fn camelize(v: &mut Value) {
    match v {
        Value::Object(map) => {
            let old = std::mem::take(map);
            for (k, mut val) in old {
                camelize(&mut val);
                map.insert(to_camel(&k), val);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(camelize),
        _ => {}
    }
}

fn spaced_timestamps(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for (k, val) in map.iter_mut() {
                if k == "last_updated" {
                    if let Some(s) = val.as_str() {
                        let mut t: String = s.chars().take(19).collect();
                        t = t.replacen('T', " ", 1);
                        *val = Value::String(t);
                    }
                } else {
                    spaced_timestamps(val);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(spaced_timestamps),
        _ => {}
    }
}

pub(crate) fn apply(kind: Deviation, loc: &mut Value, facts: &Facts, rng: &mut Rng) {
    match kind {
        Deviation::NullLists => {
            let m = obj(loc);
            m.insert("facilities".to_string(), Value::Null);
            m.insert("images".to_string(), Value::Null);
            if let Some(e) = evses(loc).next() {
                e.insert("capabilities".to_string(), Value::Null);
            }
        }
        Deviation::EmptyStringObjects => {
            let m = obj(loc);
            m.insert("directions".to_string(), Value::from(""));
            m.insert("opening_times".to_string(), Value::from(""));
            if rng.bool() {
                m.insert("energy_mix".to_string(), Value::from(""));
            }
        }
        Deviation::NumbersAsStrings => {
            for (i, e) in evses(loc).enumerate() {
                for c in connectors(e) {
                    for key in ["max_voltage", "max_amperage", "voltage", "amperage"] {
                        if let Some(slot) = c.get_mut(key) {
                            *slot = Value::String(slot.to_string());
                        }
                    }
                }
                let phys = e
                    .get("physical_reference")
                    .and_then(Value::as_str)
                    .and_then(|s| {
                        s.trim_start_matches(|c: char| !c.is_ascii_digit())
                            .parse::<i64>()
                            .ok()
                    })
                    .unwrap_or(i as i64 + 1);
                e.insert("physical_reference".to_string(), Value::from(phys));
                if let Some(floor) = e
                    .get("floor_level")
                    .and_then(Value::as_str)
                    .and_then(|s| s.parse::<i64>().ok())
                {
                    e.insert("floor_level".to_string(), Value::from(floor));
                }
            }
        }
        Deviation::CoordinatesAsNumbers => {
            let m = obj(loc);
            if let Some(c) = m.get_mut("coordinates") {
                number_from_coord(c);
            }
            if let Some(Value::Array(rel)) = m.get_mut("related_locations") {
                rel.iter_mut().for_each(number_from_coord);
            }
            for e in evses(loc) {
                if let Some(c) = e.get_mut("coordinates") {
                    number_from_coord(c);
                }
            }
        }
        Deviation::IntegerIds => {
            let base = 1_000_000 + facts.index as u64;
            let m = obj(loc);
            let id = m
                .get("id")
                .and_then(Value::as_str)
                .and_then(|s| s.parse::<u64>().ok())
                .unwrap_or(base);
            m.insert("id".to_string(), Value::from(id));
            for (i, e) in evses(loc).enumerate() {
                e.insert("uid".to_string(), Value::from(base * 100 + i as u64 + 1));
                for (j, c) in connectors(e).enumerate() {
                    c.insert("id".to_string(), Value::from(j as u64 + 1));
                }
            }
        }
        Deviation::PowerInKw => {
            for e in evses(loc) {
                for c in connectors(e) {
                    let phases = match c.get("power_type").and_then(Value::as_str) {
                        Some("AC_3_PHASE") => 3,
                        _ => 1,
                    };
                    let watts = c
                        .get("max_electric_power")
                        .and_then(Value::as_i64)
                        .unwrap_or_else(|| {
                            let v = c.get("max_voltage").and_then(Value::as_i64).unwrap_or(230);
                            let a = c.get("max_amperage").and_then(Value::as_i64).unwrap_or(16);
                            v * a * phases
                        });
                    let kw = (watts as f64 / 1000.0).round() as i64;
                    c.insert("max_electric_power".to_string(), Value::from(kw));
                }
            }
        }
        Deviation::MissingTimeZone => {
            obj(loc).remove("time_zone");
        }
        Deviation::NonIanaTimeZone => {
            let tz = if rng.bool() {
                facts.country.windows_tz.to_string()
            } else {
                format!("{} ", facts.city.tz)
            };
            obj(loc).insert("time_zone".to_string(), Value::String(tz));
        }
        Deviation::V211NamesUnderV22 => {
            let m = obj(loc);
            if let Some(pt) = m.get_mut("parking_type")
                && matches!(pt.as_str(), Some("ALONG_MOTORWAY" | "ON_DRIVEWAY"))
            {
                *pt = Value::from("OTHER");
            }
            rename(m, "parking_type", "type");
            for e in evses(loc) {
                for c in connectors(e) {
                    rename(c, "max_voltage", "voltage");
                    rename(c, "max_amperage", "amperage");
                    c.remove("max_electric_power");
                    if let Some(first) = c
                        .get("tariff_ids")
                        .and_then(Value::as_array)
                        .and_then(|a| a.first())
                        .cloned()
                    {
                        c.insert("tariff_ids".to_string(), first);
                    }
                    rename(c, "tariff_ids", "tariff_id");
                }
            }
        }
        Deviation::NonStandardStatus => {
            for (i, e) in evses(loc).enumerate() {
                let status = e.get("status").and_then(Value::as_str).unwrap_or("");
                let new = match status {
                    "OUTOFORDER" | "INOPERATIVE" => Some("FAULTED"),
                    _ if i == 0 => Some("WORKING"),
                    "AVAILABLE" | "CHARGING" => Some("WORKING"),
                    _ => None,
                };
                if let Some(n) = new {
                    e.insert("status".to_string(), Value::from(n));
                }
            }
        }
        Deviation::CamelCaseNames => camelize(loc),
        Deviation::TimestampWithoutZone => spaced_timestamps(loc),
        Deviation::VendorFields => {
            let slug: String = facts
                .city
                .name
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect();
            for (i, e) in evses(loc).enumerate() {
                let mut meter = Map::new();
                meter.insert("manufacturer".into(), Value::from("EMH"));
                meter.insert("model".into(), Value::from("eBZD"));
                meter.insert(
                    "serial".into(),
                    Value::from(format!("1EMH00{:08}", facts.index * 16 + i)),
                );
                e.insert("energy_meter".into(), Value::Object(meter));
                e.insert(
                    "calibration_info_url".into(),
                    Value::from(format!(
                        "https://eichrecht.example.com/{}/{}",
                        slug.to_ascii_lowercase(),
                        facts.index * 16 + i
                    )),
                );
            }
        }
        Deviation::UnpublishedLocation => {
            let m = obj(loc);
            m.remove("publish_allowed_to");
            m.insert("publish".to_string(), Value::Bool(false));
        }
    }
}
