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

/// Set `key`, keeping its position if present, else inserting it right after `after`
/// (or at the end).
fn set_near(map: &mut Map<String, Value>, key: &str, value: Value, after: &str) {
    if let Some(slot) = map.get_mut(key) {
        *slot = value;
        return;
    }
    match map.keys().position(|k| k == after) {
        Some(pos) => {
            map.shift_insert(pos + 1, key.to_string(), value);
        }
        None => {
            map.insert(key.to_string(), value);
        }
    }
}

/// Rename a key in place (same position).
fn rename(map: &mut Map<String, Value>, old: &str, new: &str) {
    if let Some(pos) = map.keys().position(|k| k == old)
        && let Some((_, v)) = map.shift_remove_entry(old)
    {
        map.shift_insert(pos, new.to_string(), v);
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
            set_near(m, "facilities", Value::Null, "operator");
            set_near(m, "images", Value::Null, "opening_times");
            if let Some(e) = evses(loc).next() {
                set_near(e, "capabilities", Value::Null, "status");
            }
        }
        Deviation::EmptyStringObjects => {
            let m = obj(loc);
            set_near(m, "directions", Value::from(""), "evses");
            set_near(m, "opening_times", Value::from(""), "time_zone");
            if rng.bool() {
                set_near(m, "energy_mix", Value::from(""), "images");
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
                set_near(e, "physical_reference", Value::from(phys), "coordinates");
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
                    set_near(c, "max_electric_power", Value::from(kw), "max_amperage");
                }
            }
        }
        Deviation::MissingTimeZone => {
            obj(loc).shift_remove("time_zone");
        }
        Deviation::NonIanaTimeZone => {
            let tz = if rng.bool() {
                facts.country.windows_tz.to_string()
            } else {
                format!("{} ", facts.city.tz)
            };
            set_near(obj(loc), "time_zone", Value::String(tz), "facilities");
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
                    c.shift_remove("max_electric_power");
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
                let pos = e.len().saturating_sub(1);
                e.shift_insert(pos, "energy_meter".into(), Value::Object(meter));
                let pos = e.len().saturating_sub(1);
                e.shift_insert(
                    pos,
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
            m.shift_remove("publish_allowed_to");
            set_near(m, "publish", Value::Bool(false), "id");
        }
    }
}
