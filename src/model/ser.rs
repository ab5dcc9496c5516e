//! Serde helpers for types whose crates are built without serde support here.
//!
//! Timestamps are written as RFC 3339 strings in UTC (`2015-06-29T20:39:09Z`, fractions only when
//! there are any), the form OCPI itself uses.

use crate::spec::Version;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `jiff::Timestamp` as an RFC 3339 string.
pub mod timestamp {
    use super::*;

    pub fn serialize<S: Serializer>(t: &jiff::Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(t)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<jiff::Timestamp, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        super::super::read::parse_timestamp(&s)
            .ok_or_else(|| D::Error::custom(format!("not a timestamp: {s}")))
    }
}

/// `Option<jiff::Timestamp>` as an RFC 3339 string or `null`.
pub mod timestamp_option {
    use super::*;

    pub fn serialize<S: Serializer>(
        t: &Option<jiff::Timestamp>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => serializer.collect_str(t),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<jiff::Timestamp>, D::Error> {
        let s = <Option<std::borrow::Cow<'de, str>>>::deserialize(deserializer)?;
        match s {
            None => Ok(None),
            Some(s) => super::super::read::parse_timestamp(&s)
                .map(Some)
                .ok_or_else(|| D::Error::custom(format!("not a timestamp: {s}"))),
        }
    }
}

/// [`Version`] as its label (`"2.2.1"`).
pub mod version {
    use super::*;

    pub fn serialize<S: Serializer>(v: &Version, serializer: S) -> Result<S::Ok, S::Error> {
        v.serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Version, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        Version::from_label(&s)
            .ok_or_else(|| D::Error::custom(format!("not an OCPI version this crate reads: {s}")))
    }
}
