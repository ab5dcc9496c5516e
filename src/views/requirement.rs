//! The common form of both regulation views: a requirement's definition, one finding about one
//! station or point, and the counts per status that summarise a feed.

use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::Arc;

/// The outcome of one requirement for one station or point.
///
/// Ordered from the most to the least serious, so that `min` over the points of a station gives
/// the station's status for a point-level requirement (see [`Status::worst`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The data shows the requirement is not met.
    Fail,
    /// The data should say this and does not.
    Missing,
    /// The data does not allow a verdict (a fact OCPI does not carry decides it, the readings of
    /// the regulation disagree, or a part of the data was not given).
    Unknown,
    /// OCPI cannot carry this item: not the operator's failure.
    NotRepresentable,
    /// The data shows the requirement is met.
    Pass,
    /// The requirement does not apply here (power class, date, current type, ...).
    NotApplicable,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Pass,
        Status::Fail,
        Status::Missing,
        Status::NotRepresentable,
        Status::NotApplicable,
        Status::Unknown,
    ];

    /// The kebab-case name used in JSON and text output.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Fail => "fail",
            Status::Missing => "missing",
            Status::NotRepresentable => "not-representable",
            Status::NotApplicable => "not-applicable",
            Status::Unknown => "unknown",
        }
    }

    /// The more serious of two statuses: fail, missing, unknown, not-representable, pass,
    /// not-applicable (in that order).
    pub fn worst(self, other: Status) -> Status {
        self.min(other)
    }

    /// Whether this status makes the command exit with 1 (the data falls short).
    pub fn is_shortfall(self) -> bool {
        matches!(self, Status::Fail | Status::Missing)
    }
}

impl std::fmt::Display for Status {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a requirement is evaluated for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// A location (AFIR "station" data level).
    Station,
    /// An EVSE (AFIR "recharging point").
    Point,
    /// All points of the feed together (the UK rapid network).
    Network,
}

/// One requirement: its id (as in `docs/regulations.md` of the project), a title, where the
/// law says it, and what it is evaluated for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Definition {
    pub id: &'static str,
    pub title: &'static str,
    /// Article, regulation or table item, e.g. `IR (EU) 2025/655 Annex Table A item 9`.
    pub reference: &'static str,
    pub level: Level,
}

/// One requirement evaluated for one station, point or network.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// The requirement's id.
    pub id: &'static str,
    pub status: Status,
    /// The value derived from the data (country code, power in kW, prices, ...), or `null`.
    pub value: serde_json::Value,
    /// Why, in plain language.
    pub reason: Cow<'static, str>,
    /// JSON Pointers of the OCPI fields the finding was derived from, in the locations file; a
    /// field of another file (a tariff) is written `<file>#<pointer>`.
    pub fields: Vec<Field>,
}

impl Finding {
    pub fn new(id: &'static str, status: Status, reason: impl Into<Cow<'static, str>>) -> Finding {
        Finding {
            id,
            status,
            value: serde_json::Value::Null,
            reason: reason.into(),
            fields: Vec::new(),
        }
    }

    /// The same finding with a derived value.
    pub fn value(mut self, value: impl Into<serde_json::Value>) -> Finding {
        self.value = value.into();
        self
    }

    /// The same finding with the pointers of the fields it was derived from.
    pub fn fields<F: Into<Field>>(mut self, fields: impl IntoIterator<Item = F>) -> Finding {
        self.fields.extend(fields.into_iter().map(Into::into));
        self
    }

    /// Appends to the reason.
    pub fn add_reason(&mut self, more: &str) {
        self.reason.to_mut().push_str(more);
    }
}

/// The JSON Pointer of one field: the pointer of its object, shared by every field of that
/// object, and the rest (`/0/evses/1` + `/evse_id`), so that a report of a large feed does not
/// hold one string per field. Written and compared as the whole pointer text.
#[derive(Debug, Clone)]
pub struct Field(FieldText);

#[derive(Debug, Clone)]
enum FieldText {
    Joined(Arc<str>, &'static str),
    Owned(String),
}

impl Field {
    /// The pointer `base` + `rest`.
    pub fn joined(base: &Arc<str>, rest: &'static str) -> Field {
        Field(FieldText::Joined(Arc::clone(base), rest))
    }

    fn parts(&self) -> (&str, &str) {
        match &self.0 {
            FieldText::Joined(base, rest) => (base, rest),
            FieldText::Owned(s) => (s, ""),
        }
    }
}

impl From<String> for Field {
    fn from(s: String) -> Field {
        Field(FieldText::Owned(s))
    }
}

impl std::fmt::Display for Field {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (a, b) = self.parts();
        f.write_str(a)?;
        f.write_str(b)
    }
}

impl PartialEq<str> for Field {
    fn eq(&self, other: &str) -> bool {
        let (a, b) = self.parts();
        other.len() == a.len() + b.len() && other.starts_with(a) && other.ends_with(b)
    }
}

impl PartialEq<&str> for Field {
    fn eq(&self, other: &&str) -> bool {
        self == *other
    }
}

impl PartialEq for Field {
    fn eq(&self, other: &Field) -> bool {
        let (a, b) = other.parts();
        let (c, d) = self.parts();
        a.len() + b.len() == c.len() + d.len()
            && a.bytes().chain(b.bytes()).eq(c.bytes().chain(d.bytes()))
    }
}

impl Eq for Field {}

impl Serialize for Field {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.0 {
            FieldText::Owned(s) => serializer.serialize_str(s),
            FieldText::Joined(..) => serializer.collect_str(self),
        }
    }
}

/// How many stations have each status for one requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct StatusCounts {
    counts: [usize; 6],
}

impl StatusCounts {
    pub fn add(&mut self, status: Status) {
        self.counts[Self::slot(status)] += 1;
    }

    pub fn get(&self, status: Status) -> usize {
        self.counts[Self::slot(status)]
    }

    pub fn total(&self) -> usize {
        self.counts.iter().sum()
    }

    fn slot(status: Status) -> usize {
        Status::ALL
            .iter()
            .position(|s| *s == status)
            .unwrap_or_default()
    }
}

impl Serialize for StatusCounts {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(Status::ALL.len()))?;
        for status in Status::ALL {
            map.serialize_entry(status.as_str(), &self.get(status))?;
        }
        map.end()
    }
}

/// Per requirement id, how many stations have each status. A point-level requirement counts a
/// station once, with the worst status of its points ([`Status::worst`]); a station without
/// evaluated points counts as not-applicable for it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(transparent)]
pub struct Summary {
    pub requirements: BTreeMap<&'static str, StatusCounts>,
}

impl Summary {
    pub fn add(&mut self, id: &'static str, status: Status) {
        self.requirements.entry(id).or_default().add(status);
    }

    /// The counts of one requirement (all zero if it was never evaluated).
    pub fn get(&self, id: &str) -> StatusCounts {
        self.requirements.get(id).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worst_status_orders_from_fail_to_not_applicable() {
        assert_eq!(Status::Pass.worst(Status::Fail), Status::Fail);
        assert_eq!(Status::Missing.worst(Status::Unknown), Status::Missing);
        assert_eq!(
            Status::NotApplicable.worst(Status::Pass),
            Status::Pass,
            "a point that passes outweighs one the rule does not apply to"
        );
        assert_eq!(
            Status::Pass.worst(Status::NotRepresentable),
            Status::NotRepresentable
        );
        assert!(Status::Missing.is_shortfall());
        assert!(!Status::Unknown.is_shortfall());
    }

    #[test]
    fn fields_read_as_their_whole_pointer() {
        let base: Arc<str> = Arc::from("/0/evses/1");
        let joined = Field::joined(&base, "/evse_id");
        assert_eq!(joined, "/0/evses/1/evse_id");
        assert_ne!(joined, "/0/evses/1/evse_i");
        assert_eq!(joined, Field::from("/0/evses/1/evse_id".to_string()));
        assert_eq!(joined.to_string(), "/0/evses/1/evse_id");
        assert_eq!(
            serde_json::to_string(&joined).unwrap(),
            "\"/0/evses/1/evse_id\""
        );
    }

    #[test]
    fn counts_serialize_with_every_status() {
        let mut summary = Summary::default();
        summary.add("AFIR-A9", Status::Pass);
        summary.add("AFIR-A9", Status::Pass);
        summary.add("AFIR-A9", Status::NotRepresentable);
        let json = serde_json::to_value(&summary).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"AFIR-A9": {"pass": 2, "fail": 0, "missing": 0,
                "not-representable": 1, "not-applicable": 0, "unknown": 0}})
        );
        assert_eq!(summary.get("AFIR-A9").total(), 3);
        assert_eq!(summary.get("AFIR-A1").total(), 0);
    }
}
