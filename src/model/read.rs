//! Reading the lenient values of the spec walk, field by field, with the version's table at hand.
//!
//! The walk has already given every field of the table the type the table says (or dropped it),
//! so reading here never needs to guess: a field that is absent, `null` or of another shape is
//! simply "not given". Only fields of the object's table are read as typed fields; every other
//! member goes to `extra`, so a field of another version (or a vendor's) is never read without
//! having been checked.

use super::evse::CalibrationLaw;
use crate::json::{Member, Node, Value};
use crate::spec::{ObjectSpec, Type, Version};
use crate::validate::walk::{VENDOR_EXTENSIONS, parse_decimal};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::collections::BTreeMap;

/// Members that are never copied to the model, whatever the version: `publish_allowed_to` holds
/// token uids and card numbers (personal data) that must never be shown or re-served.
pub(crate) const NEVER_KEPT: &[&str] = &["publish_allowed_to"];

/// One object of the lenient value, with its table.
#[derive(Clone, Copy)]
pub(crate) struct Obj<'n, 'a> {
    members: &'n [Member<'a>],
    spec: Option<&'static ObjectSpec>,
    pub version: Version,
}

impl<'n, 'a> Obj<'n, 'a> {
    /// `node` read against `spec` (a non-object reads as an object without members).
    pub fn new(node: &'n Node<'a>, spec: Option<&'static ObjectSpec>, version: Version) -> Self {
        Obj {
            members: node.as_object().unwrap_or(&[]),
            spec,
            version,
        }
    }

    /// Whether `key` is a field of this object's table.
    pub fn is_field(&self, key: &str) -> bool {
        match self.spec {
            Some(spec) => spec.field(key).is_some(),
            None => false,
        }
    }

    /// The member `key`, whatever the table says; `null` reads as absent.
    pub fn raw(&self, key: &str) -> Option<&'n Node<'a>> {
        self.members
            .iter()
            .find(|m| crate::json::key_eq(&m.key, key))
            .map(|m| &m.node)
            .filter(|n| !n.is_null())
    }

    /// The field `key`, if it is a field of the table and given.
    pub fn get(&self, key: &str) -> Option<&'n Node<'a>> {
        if self.is_field(key) {
            self.raw(key)
        } else {
            None
        }
    }

    /// A string field; empty strings read as absent.
    pub fn str(&self, key: &str) -> Option<String> {
        self.get(key).and_then(text)
    }

    /// A string field, or `""` when not given.
    pub fn string(&self, key: &str) -> String {
        self.str(key).unwrap_or_default()
    }

    pub fn bool(&self, key: &str) -> Option<bool> {
        self.get(key).and_then(Node::as_bool)
    }

    /// A number field as an exact decimal.
    pub fn decimal(&self, key: &str) -> Option<Decimal> {
        self.get(key).and_then(decimal)
    }

    /// A number field as a binary float (for measurements, never for money).
    pub fn f64(&self, key: &str) -> Option<f64> {
        let n = self.get(key)?.as_number_text()?.parse::<f64>().ok()?;
        n.is_finite().then_some(n)
    }

    /// A whole, non-negative number that fits a `u32`.
    pub fn u32(&self, key: &str) -> Option<u32> {
        let d = self.decimal(key)?;
        if d.fract().is_zero() {
            d.to_u32()
        } else {
            None
        }
    }

    /// A whole, non-negative number that fits a `u64`.
    pub fn u64(&self, key: &str) -> Option<u64> {
        let d = self.decimal(key)?;
        if d.fract().is_zero() {
            d.to_u64()
        } else {
            None
        }
    }

    /// A DateTime field.
    pub fn timestamp(&self, key: &str) -> Option<jiff::Timestamp> {
        self.get(key)
            .and_then(Node::as_str)
            .and_then(parse_timestamp)
    }

    /// The elements of a list field.
    pub fn list(&self, key: &str) -> &'n [Node<'a>] {
        self.get(key).and_then(Node::as_array).unwrap_or(&[])
    }

    /// A list of strings (non-empty strings only).
    pub fn strings(&self, key: &str) -> Vec<String> {
        self.list(key).iter().filter_map(text).collect()
    }

    /// The table of the objects held by field `key`.
    fn child_spec(&self, key: &str) -> Option<&'static ObjectSpec> {
        match self.spec?.field(key)?.ty {
            Type::Object(spec) => Some(spec),
            _ => None,
        }
    }

    /// An object field, read against the table the field's type names.
    pub fn object(&self, key: &str) -> Option<Obj<'n, 'a>> {
        let node = self.get(key)?;
        node.as_object()?;
        Some(Obj::new(node, self.child_spec(key), self.version))
    }

    /// The objects of a list field.
    pub fn objects(&self, key: &str) -> Vec<Obj<'n, 'a>> {
        let spec = self.child_spec(key);
        self.list(key)
            .iter()
            .filter(|n| n.as_object().is_some())
            .map(|n| Obj::new(n, spec, self.version))
            .collect()
    }

    /// Members that are not fields of the table, as they were, except the vendor extensions read
    /// by [`Obj::calibration`], the keys in `except` (read elsewhere) and personal data.
    pub fn extra_except(&self, except: &[&str]) -> BTreeMap<String, serde_json::Value> {
        self.members
            .iter()
            .filter(|m| {
                let key = m.key.as_ref();
                let read_elsewhere = self.is_field(key)
                    || except.contains(&key)
                    || (VENDOR_EXTENSIONS.contains(&key) && self.calibration_reads(m));
                !read_elsewhere && !NEVER_KEPT.contains(&key)
            })
            .map(|m| (m.key.to_string(), scrub(m.node.to_serde())))
            .collect()
    }

    /// Members that are not fields of the table (see [`Obj::extra_except`]).
    pub fn extra(&self) -> BTreeMap<String, serde_json::Value> {
        self.extra_except(&[])
    }

    /// Whether [`Obj::calibration`] takes this vendor-extension member.
    fn calibration_reads(&self, m: &Member<'_>) -> bool {
        match m.key.as_ref() {
            "calibration_info_url" => m.node.is_null() || text(&m.node).is_some(),
            _ => true,
        }
    }

    /// The German calibration-law extension fields, when any is given (and not a field of the
    /// table, which none of them is in any OCPI version).
    pub fn calibration(&self) -> Option<CalibrationLaw> {
        let vendor = |key: &str| {
            if self.is_field(key) {
                None
            } else {
                self.raw(key)
            }
        };
        let law = CalibrationLaw {
            energy_meter: vendor("energy_meter").map(|n| scrub(n.to_serde())),
            transparency_software: vendor("transparency_software").map(|n| scrub(n.to_serde())),
            calibration_info_url: vendor("calibration_info_url").and_then(text),
        };
        (law != CalibrationLaw::default()).then_some(law)
    }
}

/// Removes the members in [`NEVER_KEPT`] at any depth of a value kept as it was.
fn scrub(value: serde_json::Value) -> serde_json::Value {
    match value {
        serde_json::Value::Object(map) => serde_json::Value::Object(
            map.into_iter()
                .filter(|(k, _)| !NEVER_KEPT.contains(&k.as_str()))
                .map(|(k, v)| (k, scrub(v)))
                .collect(),
        ),
        serde_json::Value::Array(items) => {
            serde_json::Value::Array(items.into_iter().map(scrub).collect())
        }
        other => other,
    }
}

/// A non-empty string value.
pub(crate) fn text(node: &Node<'_>) -> Option<String> {
    match &node.value {
        Value::String(s) if !s.is_empty() => Some(s.to_string()),
        _ => None,
    }
}

/// A number value as an exact decimal.
pub(crate) fn decimal(node: &Node<'_>) -> Option<Decimal> {
    parse_decimal(node.as_number_text()?)
}

/// Reads an OCPI DateTime as the walk leaves it (`YYYY-MM-DDThh:mm:ss[.f]`, with or without `Z`,
/// always UTC).
pub(crate) fn parse_timestamp(s: &str) -> Option<jiff::Timestamp> {
    let s = s.trim();
    if let Ok(t) = s.parse::<jiff::Timestamp>() {
        return Some(t);
    }
    let mut utc = s.replacen([' ', 't'], "T", 1);
    if utc.ends_with('z') {
        utc.pop();
    }
    if !utc.ends_with('Z') {
        utc.push('Z');
    }
    utc.parse::<jiff::Timestamp>().ok()
}

/// Whether `name` is a time zone of the IANA database.
pub(crate) fn is_iana_zone(name: &str) -> bool {
    crate::spec::codes::iana_time_zone(name).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        let t = parse_timestamp("2015-06-29T20:39:09").unwrap();
        assert_eq!(t.to_string(), "2015-06-29T20:39:09Z");
        assert_eq!(
            parse_timestamp("2016-12-29T17:45:09.2Z")
                .unwrap()
                .to_string(),
            "2016-12-29T17:45:09.2Z"
        );
        assert_eq!(
            parse_timestamp("2018-01-01T01:08:01.123")
                .unwrap()
                .to_string(),
            "2018-01-01T01:08:01.123Z"
        );
        assert_eq!(
            parse_timestamp("2025-03-12 10:54:38").unwrap().to_string(),
            "2025-03-12T10:54:38Z"
        );
        assert!(parse_timestamp("yesterday").is_none());
    }

    #[test]
    fn zones() {
        assert!(is_iana_zone("Europe/Amsterdam"));
        assert!(!is_iana_zone("GMT Standard Time"));
        assert!(!is_iana_zone(""));
    }
}
