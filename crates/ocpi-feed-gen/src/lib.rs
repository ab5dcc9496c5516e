//! Deterministic generator of realistic OCPI Locations and Tariffs feeds.
//!
//! ```
//! use ocpi_feed_gen::{generate, FeedOptions, GenVersion};
//!
//! let feed = generate(&FeedOptions {
//!     locations: 50,
//!     seed: 7,
//!     version: GenVersion::V221,
//!     deviation_rate: 0.1,
//! });
//! assert_eq!(feed.locations.len(), 50);
//! let json = feed.locations_envelope_json();
//! assert!(json.starts_with("{\"data\":["));
//! ```
//!
//! Output is a pure function of [`FeedOptions`]: the same options give byte-identical JSON on
//! every run and machine. No clock is read; all timestamps are derived from [`BASE_TIMESTAMP`].
//!
//! Generation writes compact JSON text directly (fields in the spec's order); [`generate`]
//! parses each object into a [`serde_json::Value`] (whose objects sort their keys), while
//! [`generate_json`] keeps the text, in the spec's order, and is several times faster for large
//! feeds. Both describe the same data: parsing `generate_json(o).locations_envelope` gives the
//! values of `generate(o).locations`.
//!
//! Every location is generated from its own seeded random stream, and whether (and how) it
//! deviates from the spec is decided afterwards from a separate stream. So the clean content of
//! location *n* does not depend on the feed size or on `deviation_rate`, and the locations that
//! deviate at rate 0.05 are a subset of those that deviate at rate 0.1.

use std::fmt;
use std::str::FromStr;

use serde_json::Value;

use crate::json::Json;

mod demo;
mod deviation;
mod json;
mod land;
mod location;
mod tables;
mod tariff;

pub use demo::{DemoFile, DemoOptions, DemoSummary, generate_demo};
pub use deviation::Deviation;
pub use land::{Land, LandError};

/// All `last_updated` values lie at or before this instant; it is also the envelope timestamp.
pub const BASE_TIMESTAMP: &str = "2026-01-15T00:00:00Z";

/// Which OCPI version(s) to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum GenVersion {
    V211,
    V221,
    V230,
    /// Each operator serves one version (seeded choice, about 30 % 2.1.1, 50 % 2.2.1,
    /// 20 % 2.3.0), like an aggregated national access point feed.
    Mixed,
}

impl GenVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            GenVersion::V211 => "2.1.1",
            GenVersion::V221 => "2.2.1",
            GenVersion::V230 => "2.3.0",
            GenVersion::Mixed => "mixed",
        }
    }
}

impl fmt::Display for GenVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for GenVersion {
    type Err = String;

    /// Accepts `2.1.1`, `2.2.1`, `2.3.0`, `mixed` (also `211`, `221`, `230`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "2.1.1" | "211" | "v211" => Ok(GenVersion::V211),
            "2.2.1" | "221" | "v221" => Ok(GenVersion::V221),
            "2.3.0" | "230" | "v230" => Ok(GenVersion::V230),
            "mixed" => Ok(GenVersion::Mixed),
            other => Err(format!(
                "unknown version {other:?} (expected 2.1.1, 2.2.1, 2.3.0 or mixed)"
            )),
        }
    }
}

/// The concrete OCPI version a generated object follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OcpiVersion {
    V211,
    V221,
    V230,
}

impl OcpiVersion {
    pub fn as_str(self) -> &'static str {
        match self {
            OcpiVersion::V211 => "2.1.1",
            OcpiVersion::V221 => "2.2.1",
            OcpiVersion::V230 => "2.3.0",
        }
    }
}

impl fmt::Display for OcpiVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What to generate.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedOptions {
    /// Number of locations.
    pub locations: usize,
    pub seed: u64,
    pub version: GenVersion,
    /// Share of locations (0.0..=1.0) that carry exactly one real-world deviation;
    /// 0.0 = every location is spec-valid for its version.
    pub deviation_rate: f64,
}

impl Default for FeedOptions {
    fn default() -> Self {
        FeedOptions {
            locations: 100,
            seed: 1,
            version: GenVersion::V221,
            deviation_rate: 0.0,
        }
    }
}

/// Per-location facts a test may want to check the generated JSON against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LocationInfo {
    /// The version whose shape this location has (before any deviation).
    pub version: OcpiVersion,
    /// The deviation applied to this location, if any.
    pub deviation: Option<Deviation>,
    /// The operator's short name (`fastned`, `ionity`, ...): the demo writes one feed per operator.
    pub operator: &'static str,
}

/// A generated feed: OCPI Location and Tariff objects as JSON values.
#[derive(Clone, Debug, PartialEq)]
pub struct Feed {
    pub locations: Vec<Value>,
    pub tariffs: Vec<Value>,
    /// Parallel to `locations`.
    pub location_info: Vec<LocationInfo>,
}

impl Feed {
    /// The locations as an OCPI response envelope (compact JSON).
    pub fn locations_envelope_json(&self) -> String {
        envelope(&self.locations)
    }

    /// The tariffs as an OCPI response envelope (compact JSON).
    pub fn tariffs_envelope_json(&self) -> String {
        envelope(&self.tariffs)
    }
}

/// The same feed as [`Feed`], as JSON text only (see [`generate_json`]).
#[derive(Clone, Debug, PartialEq)]
pub struct FeedJson {
    /// Equal to [`Feed::locations_envelope_json`] of the same options.
    pub locations_envelope: String,
    /// Equal to [`Feed::tariffs_envelope_json`] of the same options.
    pub tariffs_envelope: String,
    pub location_info: Vec<LocationInfo>,
}

const ENVELOPE_HEAD: &str = "{\"data\":[";

fn envelope_tail(buf: &mut String) {
    buf.push_str("],\"status_code\":1000,\"status_message\":\"Success\",\"timestamp\":\"");
    buf.push_str(BASE_TIMESTAMP);
    buf.push_str("\"}");
}

fn envelope(items: &[Value]) -> String {
    let mut buf: Vec<u8> = Vec::with_capacity(64 + items.len() * 4096);
    buf.extend_from_slice(ENVELOPE_HEAD.as_bytes());
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            buf.push(b',');
        }
        serde_json::to_writer(&mut buf, item).expect("serialising a Value into a Vec cannot fail");
    }
    let mut text = String::from_utf8(buf).expect("serde_json writes UTF-8");
    envelope_tail(&mut text);
    text
}

fn envelope_of_texts<'a>(items: impl Iterator<Item = &'a Json> + Clone) -> String {
    let len: usize = items.clone().map(|j| j.0.len() + 1).sum();
    let mut buf = String::with_capacity(len + 128);
    buf.push_str(ENVELOPE_HEAD);
    for (i, item) in items.enumerate() {
        if i > 0 {
            buf.push(',');
        }
        buf.push_str(&item.0);
    }
    envelope_tail(&mut buf);
    buf
}

fn parse(j: &Json) -> Value {
    serde_json::from_str(&j.0).expect("the generator writes valid JSON")
}

/// Generate a feed as `serde_json::Value`s. Same options ⇒ identical output.
///
/// For large feeds that are only written out or fed to a parser, [`generate_json`] is faster.
pub fn generate(opts: &FeedOptions) -> Feed {
    let mut locations = Vec::with_capacity(opts.locations);
    let (tariffs, location_info) = build(opts, None, |j| locations.push(parse(&j)));
    Feed {
        locations,
        tariffs: tariffs.iter().map(|(_, t)| parse(t)).collect(),
        location_info,
    }
}

/// Generate the same feed as [`generate`] straight into envelope JSON text, without building
/// `Value` trees (several times faster and far less memory for big feeds).
pub fn generate_json(opts: &FeedOptions) -> FeedJson {
    let mut buf = String::with_capacity(opts.locations.saturating_mul(4096).min(1 << 30) + 128);
    buf.push_str(ENVELOPE_HEAD);
    let mut first = true;
    let (tariffs, location_info) = build(opts, None, |j| {
        if !first {
            buf.push(',');
        }
        first = false;
        buf.push_str(&j.0);
    });
    envelope_tail(&mut buf);
    FeedJson {
        locations_envelope: buf,
        tariffs_envelope: envelope_of_texts(tariffs.iter().map(|(_, t)| t)),
        location_info,
    }
}

/// Locations generated per worker thread and round (bounds memory, amortises thread start-up).
const CHUNK: usize = 2048;

/// Generate the clean (spec-valid) locations `range`, on several threads for big ranges.
/// Each location depends only on the seed and its index, so the result does not depend on
/// how the range is split.
fn generate_range(
    range: std::ops::Range<usize>,
    seed: u64,
    versions: &[OcpiVersion],
    workers: usize,
    usage: &mut tariff::Usage,
    land: Option<&Land>,
) -> Vec<(Json, location::Facts)> {
    let one = |r: std::ops::Range<usize>| {
        let mut used = tariff::Usage::default();
        let out: Vec<_> = r
            .map(|i| {
                let mut rng = fastrand::Rng::with_seed(mix(seed, i as u64, 1));
                location::generate(&mut rng, i, seed, versions, &mut used, land)
            })
            .collect();
        (out, used)
    };
    if workers <= 1 || range.len() <= CHUNK {
        let (out, used) = one(range);
        usage.merge(used);
        return out;
    }
    let per = range.len().div_ceil(workers);
    let parts: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|w| {
                let lo = (range.start + w * per).min(range.end);
                let hi = (lo + per).min(range.end);
                scope.spawn(move || one(lo..hi))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("generator thread panicked"))
            .collect()
    });
    let mut out = Vec::with_capacity(range.len());
    for (part, used) in parts {
        out.extend(part);
        usage.merge(used);
    }
    out
}

/// Generate all locations (handed to `emit` in order) and return the tariffs (with their
/// operator's index) and the per-location facts. With a land mask, locations are placed on land only.
fn build(
    opts: &FeedOptions,
    land: Option<&Land>,
    mut emit: impl FnMut(Json),
) -> (Vec<(usize, Json)>, Vec<LocationInfo>) {
    let rate = if opts.deviation_rate.is_nan() {
        0.0
    } else {
        opts.deviation_rate.clamp(0.0, 1.0)
    };
    let versions = operator_versions(opts.seed, opts.version);
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    let mut tariffs_used = tariff::Usage::default();
    let mut location_info = Vec::with_capacity(opts.locations);
    let mut dev_counters = [0usize; 3];
    let dev_start = splitmix(opts.seed ^ 0xD1B5_4A32_D192_ED03) as usize;

    let mut start = 0;
    while start < opts.locations {
        let end = opts.locations.min(start + CHUNK * workers);
        let clean = generate_range(
            start..end,
            opts.seed,
            &versions,
            workers,
            &mut tariffs_used,
            land,
        );
        for (i, (loc, facts)) in (start..end).zip(clean) {
            let v = facts.version;
            // Whether and how this location deviates comes from a separate stream, so the
            // clean content never depends on the rate.
            let mut dev_rng = fastrand::Rng::with_seed(mix(opts.seed, i as u64, 2));
            let (loc, deviation) = if rate > 0.0 && dev_rng.f64() < rate {
                let kinds = Deviation::applicable(v);
                let slot = &mut dev_counters[v as usize];
                let kind = kinds[(dev_start + *slot) % kinds.len()];
                *slot += 1;
                let mut value = parse(&loc);
                deviation::apply(kind, &mut value, &facts, &mut dev_rng);
                (Json(value.to_string()), Some(kind))
            } else {
                (loc, None)
            };
            emit(loc);
            location_info.push(LocationInfo {
                version: v,
                deviation,
                operator: tables::OPERATORS[facts.op_idx].slug,
            });
        }
        start = end;
    }

    let tariffs = tariff::generate_all(opts.seed, &versions, &tariffs_used);
    (tariffs, location_info)
}

/// The version each operator (by table index) serves.
fn operator_versions(seed: u64, v: GenVersion) -> Vec<OcpiVersion> {
    (0..tables::OPERATORS.len())
        .map(|i| match v {
            GenVersion::V211 => OcpiVersion::V211,
            GenVersion::V221 => OcpiVersion::V221,
            GenVersion::V230 => OcpiVersion::V230,
            GenVersion::Mixed => {
                let r = splitmix(mix(seed, i as u64, 3)) % 10;
                match r {
                    0..=2 => OcpiVersion::V211,
                    3..=7 => OcpiVersion::V221,
                    _ => OcpiVersion::V230,
                }
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Small shared helpers

pub(crate) fn splitmix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = x;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Derive an independent stream seed from the feed seed, an index and a purpose tag.
pub(crate) fn mix(seed: u64, index: u64, tag: u64) -> u64 {
    splitmix(splitmix(seed ^ tag.wrapping_mul(0xA076_1D64_78BD_642F)) ^ index)
}

/// Weighted choice; weights need not sum to anything in particular.
pub(crate) fn weighted<T: Copy>(rng: &mut fastrand::Rng, items: &[(T, u32)]) -> T {
    let total: u32 = items.iter().map(|(_, w)| w).sum();
    let mut r = rng.u32(0..total.max(1));
    for (item, w) in items {
        if r < *w {
            return *item;
        }
        r -= w;
    }
    items[items.len() - 1].0
}

pub(crate) fn chance(rng: &mut fastrand::Rng, p: f64) -> bool {
    rng.f64() < p
}

/// Seconds since the Unix epoch of [`BASE_TIMESTAMP`].
pub(crate) const BASE_SECS: i64 = days_from_civil(2026, 1, 15) * 86_400;

pub(crate) const fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// How an operator writes DateTime values (all spec-valid for the version using them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TsStyle {
    /// `2025-06-29T20:39:09Z`
    Z,
    /// `2025-06-29T20:39:09` (no designator = UTC)
    NoZone,
    /// `2025-06-29T20:39:09.123Z` (2.2+ only)
    Millis,
}

#[cfg(test)]
fn fmt_ts(secs: i64, style: TsStyle) -> String {
    let mut s = String::with_capacity(24);
    write_ts(&mut s, secs, style);
    s
}

pub(crate) fn write_ts(out: &mut String, secs: i64, style: TsStyle) {
    use crate::json::write_padded as pad;
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400) as u64;
    let (y, m, d) = civil_from_days(days);
    pad(out, y as u64, 4);
    out.push('-');
    pad(out, u64::from(m), 2);
    out.push('-');
    pad(out, u64::from(d), 2);
    out.push('T');
    pad(out, rem / 3600, 2);
    out.push(':');
    pad(out, rem % 3600 / 60, 2);
    out.push(':');
    pad(out, rem % 60, 2);
    match style {
        TsStyle::Z => out.push('Z'),
        TsStyle::NoZone => {}
        TsStyle::Millis => {
            // A function of the second, so equal seconds give equal strings and ordering holds.
            out.push('.');
            pad(out, secs.unsigned_abs().wrapping_mul(7919) % 1000, 3);
            out.push('Z');
        }
    }
}

/// A DateTime as a JSON string.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ts(pub(crate) i64, pub(crate) TsStyle);

impl json::ToJson for Ts {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        write_ts(out, self.0, self.1);
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_timestamp_matches_secs() {
        assert_eq!(fmt_ts(BASE_SECS, TsStyle::Z), BASE_TIMESTAMP);
        assert_eq!(fmt_ts(0, TsStyle::Z), "1970-01-01T00:00:00Z");
        assert_eq!(
            fmt_ts(
                days_from_civil(2024, 2, 29) * 86_400 + 3661,
                TsStyle::NoZone
            ),
            "2024-02-29T01:01:01"
        );
    }

    #[test]
    fn version_parsing() {
        assert_eq!("2.3.0".parse::<GenVersion>(), Ok(GenVersion::V230));
        assert_eq!("Mixed".parse::<GenVersion>(), Ok(GenVersion::Mixed));
        assert!("2.2".parse::<GenVersion>().is_err());
    }
}
