//! Reliability of a network of rapid charge points (UK regulation 7), measured from a series of
//! EVSE status snapshots taken over time.
//!
//! # Snapshot files
//!
//! Each snapshot is one JSON document, in either form:
//!
//! - a **status list**: `{"timestamp": "2025-01-01T10:00:00Z", "statuses": [{"location_id":
//!   "L1", "evse_uid": "E1", "status": "AVAILABLE"}, ...]}`;
//! - an **OCPI Locations response** (any version) whose envelope has a `timestamp`: the
//!   `status` of every EVSE of every location is taken.
//!
//! The timestamp is RFC 3339 (`Z` assumed when no offset is written). A status that is not an
//! OCPI status reads as `UNKNOWN`, as OCPI tells receivers to do.
//!
//! # Measuring
//!
//! A status holds from its snapshot until the next snapshot; the last snapshot ends the series.
//! An EVSE absent from a snapshot is `UNKNOWN` until the next one. Only time within the
//! location's opening hours counts ([`super::opening`]). Per EVSE the time falls in three
//! classes: working (AVAILABLE, CHARGING, RESERVED), unavailable (INOPERATIVE, OUTOFORDER) and
//! ineligible (UNKNOWN, BLOCKED); PLANNED and REMOVED time is not counted at all. The regulation
//! calls UNKNOWN and BLOCKED "ineligible for measurement", and its readers disagree on what that
//! does to the figure, so three readings are given: ineligible time counted as working, left
//! out, or counted as unavailable. The network figure pools the time of all rapid EVSEs (time,
//! not an average of percentages).

use super::opening::{open_windows, seconds_open};
use crate::model::{EvseStatus, Feed, read_feed};
use crate::validate::{Kind, Options};
use jiff::Timestamp;
use serde::Deserialize;
use serde_json::{Value, json};
use std::collections::HashMap;

/// Why a snapshot could not be read. Codes are stable kebab-case ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotError {
    /// The file is not JSON.
    NotJson { file: String, message: String },
    /// Neither a `timestamp` member nor a status list.
    NoTimestamp { file: String },
    /// The `timestamp` is not an RFC 3339 date and time.
    BadTimestamp { file: String, value: String },
    /// The document holds neither `statuses` nor OCPI locations.
    NoStatuses { file: String },
}

impl SnapshotError {
    pub fn code(&self) -> &'static str {
        match self {
            SnapshotError::NotJson { .. } => "snapshot-not-json",
            SnapshotError::NoTimestamp { .. } => "snapshot-no-timestamp",
            SnapshotError::BadTimestamp { .. } => "snapshot-bad-timestamp",
            SnapshotError::NoStatuses { .. } => "snapshot-no-statuses",
        }
    }
}

impl std::fmt::Display for SnapshotError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let code = self.code();
        match self {
            SnapshotError::NotJson { file, message } => {
                write!(f, "{code}: {file} is not JSON ({message})")
            }
            SnapshotError::NoTimestamp { file } => write!(
                f,
                "{code}: {file} has no top-level `timestamp`; use an OCPI response envelope or a status list {{\"timestamp\", \"statuses\"}}"
            ),
            SnapshotError::BadTimestamp { file, value } => write!(
                f,
                "{code}: {file}: `timestamp` {value:?} is not a date and time such as 2025-01-01T10:00:00Z"
            ),
            SnapshotError::NoStatuses { file } => write!(
                f,
                "{code}: {file} holds neither `statuses` nor OCPI locations with EVSE statuses"
            ),
        }
    }
}

#[derive(Deserialize)]
struct Head {
    timestamp: Option<Value>,
    statuses: Option<Vec<StatusEntry>>,
}

#[derive(Deserialize)]
struct StatusEntry {
    location_id: String,
    evse_uid: String,
    status: String,
}

/// One snapshot: statuses by interned EVSE key, sorted by key.
#[derive(Debug, Clone)]
struct Snapshot {
    at: Timestamp,
    statuses: Vec<(u32, EvseStatus)>,
}

/// A series of snapshots of EVSE statuses.
#[derive(Debug, Clone, Default)]
pub struct StatusSeries {
    keys: HashMap<String, HashMap<String, u32>>,
    count: u32,
    snapshots: Vec<Snapshot>,
}

impl StatusSeries {
    pub fn new() -> StatusSeries {
        StatusSeries::default()
    }

    /// Reads one snapshot document (see the module documentation) and adds it to the series.
    pub fn add_document(&mut self, file: &str, bytes: &[u8]) -> Result<(), SnapshotError> {
        let head: Head = match serde_json::from_slice(bytes) {
            Ok(head) => head,
            Err(e) if e.is_data() => {
                // Valid JSON of another shape (a bare array of locations, for example).
                return match serde_json::from_slice::<serde::de::IgnoredAny>(bytes) {
                    Ok(_) => Err(SnapshotError::NoTimestamp { file: file.into() }),
                    Err(e) => Err(SnapshotError::NotJson {
                        file: file.into(),
                        message: e.to_string(),
                    }),
                };
            }
            Err(e) => {
                return Err(SnapshotError::NotJson {
                    file: file.into(),
                    message: e.to_string(),
                });
            }
        };
        let Some(raw) = head.timestamp else {
            return Err(SnapshotError::NoTimestamp { file: file.into() });
        };
        let at =
            raw.as_str()
                .and_then(parse_timestamp)
                .ok_or_else(|| SnapshotError::BadTimestamp {
                    file: file.into(),
                    value: raw.to_string(),
                })?;
        let mut statuses = Vec::new();
        if let Some(entries) = head.statuses {
            for e in entries {
                let key = self.key(&e.location_id, &e.evse_uid);
                statuses.push((key, EvseStatus::from_ocpi(e.status.trim())));
            }
        } else {
            let options = Options {
                kind: Some(Kind::Location),
                ..Options::default()
            };
            let (_, feed) = read_feed(&[(file, bytes)], |_| options.clone());
            if feed.locations.is_empty() {
                return Err(SnapshotError::NoStatuses { file: file.into() });
            }
            for location in &feed.locations {
                for evse in &location.evses {
                    let key = self.key(&location.id, &evse.uid);
                    statuses.push((key, evse.status));
                }
            }
        }
        statuses.sort_by_key(|(k, _)| *k);
        // The last entry for an EVSE wins, as in a feed read in order.
        statuses.reverse();
        statuses.dedup_by_key(|(k, _)| *k);
        statuses.reverse();
        self.snapshots.push(Snapshot { at, statuses });
        Ok(())
    }

    fn key(&mut self, location: &str, uid: &str) -> u32 {
        let by_uid = self.keys.entry(location.to_string()).or_default();
        if let Some(k) = by_uid.get(uid) {
            return *k;
        }
        let k = self.count;
        by_uid.insert(uid.to_string(), k);
        self.count += 1;
        k
    }

    fn lookup(&self, location: &str, uid: &str) -> Option<u32> {
        self.keys.get(location)?.get(uid).copied()
    }

    /// Number of snapshots.
    pub fn len(&self) -> usize {
        self.snapshots.len()
    }

    pub fn is_empty(&self) -> bool {
        self.snapshots.is_empty()
    }

    /// Puts the snapshots in time order (files may come in any order).
    fn sort(&mut self) {
        self.snapshots.sort_by_key(|s| s.at);
    }
}

/// Reads an RFC 3339 timestamp; without an offset, UTC.
fn parse_timestamp(s: &str) -> Option<Timestamp> {
    let s = s.trim();
    s.parse::<Timestamp>()
        .ok()
        .or_else(|| format!("{s}Z").parse::<Timestamp>().ok())
}

/// Seconds within opening hours in each class of status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Times {
    /// AVAILABLE, CHARGING, RESERVED.
    pub working: i64,
    /// INOPERATIVE, OUTOFORDER.
    pub unavailable: i64,
    /// UNKNOWN, BLOCKED (and EVSEs absent from a snapshot).
    pub ineligible: i64,
}

/// One way of reading UNKNOWN and BLOCKED time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// Ineligible time counts as working time.
    IneligibleAsWorking,
    /// Ineligible time is left out of the measurement.
    IneligibleExcluded,
    /// Ineligible time counts as unavailable time.
    IneligibleAsUnavailable,
}

impl Reading {
    pub const ALL: [Reading; 3] = [
        Reading::IneligibleAsWorking,
        Reading::IneligibleExcluded,
        Reading::IneligibleAsUnavailable,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Reading::IneligibleAsWorking => "unknown_blocked_as_working",
            Reading::IneligibleExcluded => "unknown_blocked_excluded",
            Reading::IneligibleAsUnavailable => "unknown_blocked_as_unavailable",
        }
    }
}

/// The regulation's threshold: reliable 99 % of the time.
pub const THRESHOLD_PERCENT: i64 = 99;

impl Times {
    fn add(&mut self, status: EvseStatus, seconds: i64) {
        match status {
            EvseStatus::Available | EvseStatus::Charging | EvseStatus::Reserved => {
                self.working += seconds
            }
            EvseStatus::Inoperative | EvseStatus::OutOfOrder => self.unavailable += seconds,
            EvseStatus::Unknown | EvseStatus::Blocked => self.ineligible += seconds,
            EvseStatus::Planned | EvseStatus::Removed => {}
        }
    }

    fn merge(&mut self, other: Times) {
        self.working += other.working;
        self.unavailable += other.unavailable;
        self.ineligible += other.ineligible;
    }

    /// Working and total seconds under a reading.
    pub fn fraction(&self, reading: Reading) -> (i64, i64) {
        let (w, u, i) = (self.working, self.unavailable, self.ineligible);
        match reading {
            Reading::IneligibleAsWorking => (w + i, w + u + i),
            Reading::IneligibleExcluded => (w, w + u),
            Reading::IneligibleAsUnavailable => (w, w + u + i),
        }
    }

    /// Reliability in percent under a reading; `None` when no time was measured.
    pub fn percent(&self, reading: Reading) -> Option<f64> {
        let (ok, total) = self.fraction(reading);
        (total > 0).then(|| ok as f64 * 100.0 / total as f64)
    }

    /// Whether the reading reaches 99 % (exact integer comparison); `None` without time.
    pub fn reaches_threshold(&self, reading: Reading) -> Option<bool> {
        let (ok, total) = self.fraction(reading);
        (total > 0).then(|| ok * 100 >= THRESHOLD_PERCENT * total)
    }

    /// The figures as JSON: hours per class and the percentage under each reading.
    pub fn to_json(&self) -> Value {
        let hours = |s: i64| (s as f64 / 36.0).round() / 100.0;
        let mut percent = serde_json::Map::new();
        for r in Reading::ALL {
            percent.insert(
                r.as_str().into(),
                json!(self.percent(r).map(|p| (p * 1000.0).round() / 1000.0)),
            );
        }
        json!({
            "working_hours": hours(self.working),
            "unavailable_hours": hours(self.unavailable),
            "unknown_or_blocked_hours": hours(self.ineligible),
            "reliability_percent": percent,
        })
    }
}

/// Reliability measured for the rapid EVSEs of a feed.
#[derive(Debug, Clone, Default)]
pub struct ReliabilityFigures {
    /// First and last snapshot.
    pub from: Option<Timestamp>,
    pub to: Option<Timestamp>,
    pub snapshots: usize,
    /// Per (location id, EVSE uid) of every rapid EVSE measured.
    pub points: HashMap<(String, String), Times>,
    /// All rapid EVSEs together.
    pub network: Times,
}

impl ReliabilityFigures {
    /// The figures of one EVSE.
    pub fn point(&self, location: &str, uid: &str) -> Option<Times> {
        self.points
            .get(&(location.to_string(), uid.to_string()))
            .copied()
    }
}

/// Measures every EVSE in service of a published location of `feed` whose power is at least
/// `min_power_w` (50 kW for "rapid"), over the snapshots of `series`.
pub fn measure(feed: &Feed, mut series: StatusSeries, min_power_w: u32) -> ReliabilityFigures {
    series.sort();
    let mut figures = ReliabilityFigures {
        from: series.snapshots.first().map(|s| s.at),
        to: series.snapshots.last().map(|s| s.at),
        snapshots: series.len(),
        ..ReliabilityFigures::default()
    };
    let (Some(from), Some(to)) = (figures.from, figures.to) else {
        return figures;
    };
    for location in feed.locations.iter().filter(|l| l.is_public()) {
        let rapid: Vec<_> = location
            .evses
            .iter()
            .filter(|e| {
                !matches!(e.status, EvseStatus::Removed | EvseStatus::Planned)
                    && e.max_power_w().is_some_and(|w| w >= min_power_w)
            })
            .collect();
        if rapid.is_empty() {
            continue;
        }
        let windows = open_windows(location, from, to);
        for evse in rapid {
            let key = series.lookup(&location.id, &evse.uid);
            let mut times = Times::default();
            let mut cursor = 0;
            for pair in series.snapshots.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                let status = key
                    .and_then(|k| {
                        a.statuses
                            .binary_search_by_key(&k, |(k, _)| *k)
                            .ok()
                            .map(|i| a.statuses[i].1)
                    })
                    .unwrap_or(EvseStatus::Unknown);
                let seconds = seconds_open(&windows, &mut cursor, a.at, b.at);
                times.add(status, seconds);
            }
            figures.network.merge(times);
            figures
                .points
                .insert((location.id.clone(), evse.uid.clone()), times);
        }
    }
    figures
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_order_and_threshold() {
        let t = Times {
            working: 980,
            unavailable: 5,
            ineligible: 15,
        };
        assert_eq!(t.fraction(Reading::IneligibleAsWorking), (995, 1000));
        assert_eq!(t.fraction(Reading::IneligibleExcluded), (980, 985));
        assert_eq!(t.fraction(Reading::IneligibleAsUnavailable), (980, 1000));
        assert_eq!(
            t.reaches_threshold(Reading::IneligibleAsWorking),
            Some(true)
        );
        assert_eq!(t.reaches_threshold(Reading::IneligibleExcluded), Some(true));
        assert_eq!(
            t.reaches_threshold(Reading::IneligibleAsUnavailable),
            Some(false)
        );
        assert_eq!(
            Times::default().reaches_threshold(Reading::IneligibleExcluded),
            None
        );
    }

    #[test]
    fn snapshot_errors_have_codes_and_say_what_to_do() {
        let mut s = StatusSeries::new();
        let e = s.add_document("a.json", b"{").unwrap_err();
        assert_eq!(e.code(), "snapshot-not-json");
        let e = s.add_document("b.json", b"[]").unwrap_err();
        assert_eq!(e.code(), "snapshot-no-timestamp");
        assert!(e.to_string().contains("status list"));
        let e = s
            .add_document("c.json", br#"{"timestamp": "yesterday", "statuses": []}"#)
            .unwrap_err();
        assert_eq!(e.code(), "snapshot-bad-timestamp");
        let e = s
            .add_document(
                "d.json",
                br#"{"timestamp": "2025-01-01T00:00:00Z", "data": []}"#,
            )
            .unwrap_err();
        assert_eq!(e.code(), "snapshot-no-statuses");
        assert!(s.is_empty());
    }
}
