//! Rules across fields, items and files. Each rule has a stable code (see `diagnostic.rs`) and
//! runs on the lenient values the walk produced, so types are already right: strings are strings
//! (coordinates too), numbers keep their exact text, DateTimes are in one normal form, enum values
//! are the spec's spelling.
//!
//! - [`location`]: inside one Location (ids, hours, coordinates, power, statuses, publishing, parking);
//! - [`tariff`]: inside one Tariff (restrictions, reachability of elements, prices, step sizes, taxes);
//! - [`feed`]: across all files of a feed (unique ids, tariff references) and inside versions documents;
//! - [`geo`]: the country areas used by the coordinate rules.

mod feed;
pub mod geo;
mod location;
mod tariff;

use super::detect::Kind;
use super::format::utc_seconds;
use super::report::{FileReport, Item};
use super::walk::parse_decimal;
use crate::diagnostic::{Code, Diagnostic};
use crate::json::{Node, Span};
use crate::spec::Version;
use jiff::Timestamp;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// Rules inside the items of one file.
pub fn check_file(
    kind: Kind,
    version: Version,
    items: &[Item<'_>],
    diagnostics: &mut Vec<Diagnostic>,
    now: Option<Timestamp>,
) {
    let dropped = Dropped::from_diagnostics(diagnostics);
    let mut cx = Ctx {
        version,
        now,
        out: diagnostics,
        dropped,
    };
    match kind {
        Kind::Location => items.iter().for_each(|item| location::check(&mut cx, item)),
        Kind::Tariff => items.iter().for_each(|item| tariff::check(&mut cx, item)),
        Kind::Versions => feed::check_versions(&mut cx, items),
        Kind::VersionDetails => items
            .iter()
            .for_each(|item| feed::check_version_details(&mut cx, item)),
    }
}

/// Rules inside one location or tariff, run right after its walk. `walk_start` is the index in
/// `diagnostics` where that walk's diagnostics begin (they say which list entries were dropped).
pub fn check_item(
    kind: Kind,
    version: Version,
    item: &Item<'_>,
    walk_start: usize,
    diagnostics: &mut Vec<Diagnostic>,
    now: Option<Timestamp>,
) {
    let dropped = Dropped::from_diagnostics(&diagnostics[walk_start..]);
    let mut cx = Ctx {
        version,
        now,
        out: diagnostics,
        dropped,
    };
    match kind {
        Kind::Location => location::check(&mut cx, item),
        Kind::Tariff => tariff::check(&mut cx, item),
        Kind::Versions | Kind::VersionDetails => {}
    }
}

/// Rules across the files of a feed: unique ids, tariff references.
pub fn check_feed(reports: &mut [FileReport<'_>]) {
    feed::check(reports);
}

/// What the rules of one file share: the version, "now", where diagnostics go, and the list
/// entries the walk dropped (so that pointers keep the input's indices).
pub(super) struct Ctx<'d> {
    pub version: Version,
    pub now: Option<Timestamp>,
    pub out: &'d mut Vec<Diagnostic>,
    pub dropped: Dropped,
}

impl Ctx<'_> {
    pub fn push(
        &mut self,
        code: Code,
        span: Span,
        pointer: String,
        section: &str,
        message: String,
    ) {
        self.out.push(diagnostic(
            self.version,
            code,
            span,
            pointer,
            section,
            message,
        ));
    }

    /// 2.2.1 or later.
    pub fn v22(&self) -> bool {
        self.version >= Version::V2_2_1
    }

    /// The index in the input of the `j`-th entry the walk kept in the list at `list`.
    pub fn index(&self, list: &str, j: usize) -> usize {
        self.dropped.original(list, j)
    }
}

pub(super) fn diagnostic(
    version: Version,
    code: Code,
    span: Span,
    pointer: String,
    section: &str,
    message: String,
) -> Diagnostic {
    Diagnostic {
        severity: code.severity(),
        code,
        message,
        pointer,
        line: 0,
        column: 0,
        spec: format!("{} {}", version.spec().spec_ref, section),
        span,
    }
}

/// List entries the walk dropped (null, wrong type, unknown enum value), per list pointer.
/// The lenient lists no longer hold them, so the `j`-th entry of a lenient list may sit at a
/// later index in the input; pointers must name the input's index.
#[derive(Debug, Default)]
pub(super) struct Dropped {
    lists: HashMap<String, Vec<usize>>,
}

impl Dropped {
    pub fn from_diagnostics(diagnostics: &[Diagnostic]) -> Dropped {
        let mut lists: HashMap<String, Vec<usize>> = HashMap::new();
        for d in diagnostics {
            if !matches!(
                d.code,
                Code::FieldType | Code::FieldNull | Code::EnumUnknown
            ) {
                continue;
            }
            let Some((list, last)) = d.pointer.rsplit_once('/') else {
                continue;
            };
            if last.is_empty() || !last.bytes().all(|b| b.is_ascii_digit()) {
                continue;
            }
            if let Ok(index) = last.parse::<usize>() {
                lists.entry(list.to_string()).or_default().push(index);
            }
        }
        for indices in lists.values_mut() {
            indices.sort_unstable();
            indices.dedup();
        }
        Dropped { lists }
    }

    pub fn original(&self, list: &str, j: usize) -> usize {
        if self.lists.is_empty() {
            return j;
        }
        let Some(dropped) = self.lists.get(list) else {
            return j;
        };
        let mut k = j;
        for &d in dropped {
            if d <= k {
                k += 1;
            } else {
                break;
            }
        }
        k
    }

    /// Whether the walk dropped any entry of the list at `list`.
    pub fn any(&self, list: &str) -> bool {
        !self.lists.is_empty() && self.lists.contains_key(list)
    }
}

// ---------------------------------------------------------------------------------------------
// Small readers of lenient values
// ---------------------------------------------------------------------------------------------

/// The entries of a list field (empty when absent).
pub(super) fn arr<'n, 'a>(node: Option<&'n Node<'a>>) -> &'n [Node<'a>] {
    node.and_then(Node::as_array).unwrap_or(&[])
}

pub(super) fn text<'n>(node: Option<&'n Node<'_>>) -> Option<&'n str> {
    node.and_then(Node::as_str)
}

/// A number field as an exact decimal.
pub(super) fn dec(node: Option<&Node<'_>>) -> Option<Decimal> {
    node.and_then(Node::as_number_text).and_then(parse_decimal)
}

/// The number's text as written (for messages).
pub(super) fn num_text<'n>(node: Option<&'n Node<'_>>) -> &'n str {
    node.and_then(Node::as_number_text).unwrap_or("?")
}

/// A DateTime the walk normalised (`YYYY-MM-DDThh:mm:ss[.f]Z`, maybe without `Z`).
pub(super) fn timestamp(s: &str) -> Option<Timestamp> {
    let s = s.strip_suffix(['Z', 'z']).unwrap_or(s);
    let dt: jiff::civil::DateTime = s.parse().ok()?;
    jiff::tz::Offset::UTC.to_timestamp(dt).ok()
}

pub(super) fn ts_of(node: Option<&Node<'_>>) -> Option<Timestamp> {
    text(node).and_then(timestamp)
}

/// The first byte of a span: where a diagnostic about a whole object points.
pub(super) fn head(span: Span) -> Span {
    Span {
        start: span.start,
        end: span.end.min(span.start + 1),
    }
}

/// Whether `a` and `b` are equal as CiStrings (case-insensitive) or as strings.
pub(super) fn same(a: &str, b: &str, case_insensitive: bool) -> bool {
    if case_insensitive {
        a.eq_ignore_ascii_case(b)
    } else {
        a == b
    }
}

/// Pairs `(later, first)` of positions in `keys` holding the same key. Quadratic for short
/// lists, hashed for long ones.
pub(super) fn duplicates(keys: &[&str], case_insensitive: bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if keys.len() <= 32 {
        for (i, k) in keys.iter().enumerate() {
            if let Some(first) = keys[..i].iter().position(|e| same(e, k, case_insensitive)) {
                out.push((i, first));
            }
        }
    } else {
        let mut seen: HashMap<String, usize> = HashMap::with_capacity(keys.len());
        for (i, k) in keys.iter().enumerate() {
            let key = if case_insensitive {
                k.to_ascii_lowercase()
            } else {
                k.to_string()
            };
            match seen.get(&key) {
                Some(&first) => out.push((i, first)),
                None => {
                    seen.insert(key, i);
                }
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Rules shared by locations and tariffs
// ---------------------------------------------------------------------------------------------

const ENERGY_SOURCE: &str = "mod_locations #EnergySource";

/// Energy source percentages: each 0-100, together 100 (± 0.5).
pub(super) fn energy_mix(cx: &mut Ctx<'_>, mix: &Node<'_>, pointer: &str) {
    let Some(sources) = mix.get("energy_sources") else {
        return;
    };
    let list = format!("{pointer}/energy_sources");
    let entries = arr(Some(sources));
    if entries.is_empty() {
        return;
    }
    let hundred = Decimal::from(100);
    let mut sum = Decimal::ZERO;
    let mut all_read = true;
    for (j, source) in entries.iter().enumerate() {
        let k = cx.index(&list, j);
        let node = source.get("percentage");
        let Some(pct) = dec(node) else {
            all_read = false;
            continue;
        };
        sum = sum.checked_add(pct).unwrap_or(sum);
        if pct < Decimal::ZERO || pct > hundred {
            let name = text(source.get("source")).unwrap_or("an energy source");
            cx.push(
                Code::EnergyMixPercentages,
                node.map_or(source.span, |n| n.span),
                format!("{list}/{k}/percentage"),
                ENERGY_SOURCE,
                format!(
                    "the share of {name} is {} %; a percentage must lie between 0 and 100",
                    num_text(node)
                ),
            );
        }
    }
    let off = (sum - hundred).abs();
    if all_read && off > Decimal::new(5, 1) {
        cx.push(
            Code::EnergyMixPercentages,
            head(sources.span),
            list,
            ENERGY_SOURCE,
            format!(
                "the energy source percentages add up to {} %, not 100 %; give every source's share so that they total 100",
                sum.normalize()
            ),
        );
    }
}

/// Clock skew allowed before a `last_updated` counts as being in the future.
const SKEW_SECONDS: i64 = 300;

/// A `last_updated` later than now (plus five minutes of clock skew).
pub(super) fn last_updated_future(
    cx: &mut Ctx<'_>,
    node: Option<&Node<'_>>,
    pointer: impl FnOnce() -> String,
    section: &str,
) {
    let Some(now) = cx.now else { return };
    let Some(ts) = ts_of(node) else { return };
    let Ok(limit) = now.checked_add(jiff::SignedDuration::from_secs(SKEW_SECONDS)) else {
        return;
    };
    if ts > limit {
        let node = node.expect("a timestamp was read from it");
        cx.push(
            Code::LastUpdatedFuture,
            node.span,
            pointer(),
            section,
            format!(
                "last_updated {} lies in the future (now is {}Z); the sender's clock is probably wrong, or the time is local time written as UTC",
                node.as_str().unwrap_or_default(),
                utc_seconds(now)
            ),
        );
    }
}

#[cfg(test)]
pub(super) mod testutil {
    //! Helpers for the rules' tests: base documents per version that no rule complains about,
    //! textual edits that break one rule at a time, and assertions on the diagnostics.

    use crate::diagnostic::{Code, Diagnostic, Severity};
    use crate::spec::Version;
    use crate::validate::{Options, validate_document, validate_files};

    /// "Now" in every test.
    pub const NOW: &str = "2025-06-01T12:00:00Z";

    pub fn options(version: Version) -> Options {
        Options {
            version: Some(version),
            now: Some(NOW.parse().unwrap()),
            ..Default::default()
        }
    }

    /// Validates one document as `version`, with [`NOW`].
    pub fn run(doc: &str, version: Version) -> Vec<Diagnostic> {
        validate_document("test.json", doc.as_bytes(), &options(version)).diagnostics
    }

    /// Validates one document as `version` without a "now".
    pub fn run_without_now(doc: &str, version: Version) -> Vec<Diagnostic> {
        let options = Options {
            version: Some(version),
            ..Default::default()
        };
        validate_document("test.json", doc.as_bytes(), &options).diagnostics
    }

    /// Validates files as one feed; returns each file's diagnostics.
    pub fn run_feed(files: &[(&str, &str)], version: Version) -> Vec<Vec<Diagnostic>> {
        let files: Vec<(&str, &[u8])> = files.iter().map(|(p, d)| (*p, d.as_bytes())).collect();
        validate_files(&files, &options(version))
            .into_iter()
            .map(|r| r.diagnostics)
            .collect()
    }

    /// Replaces the first occurrence of each `from` (which must occur) by its `to`.
    pub fn edit(doc: &str, edits: &[(&str, &str)]) -> String {
        let mut out = doc.to_string();
        for (from, to) in edits {
            assert!(out.contains(from), "the document does not contain {from:?}");
            out = out.replacen(from, to, 1);
        }
        out
    }

    /// The 1-based line of the `n`-th (1-based) occurrence of `needle`.
    pub fn line_of_nth(doc: &str, needle: &str, n: usize) -> u32 {
        let (pos, _) = doc
            .match_indices(needle)
            .nth(n - 1)
            .unwrap_or_else(|| panic!("{needle:?} #{n} not found"));
        doc[..pos].matches('\n').count() as u32 + 1
    }

    /// The 1-based line of the first occurrence of `needle`.
    pub fn line_of(doc: &str, needle: &str) -> u32 {
        line_of_nth(doc, needle, 1)
    }

    /// The codes of the rules across fields (locations, tariffs, feeds and versions).
    pub fn rule_codes() -> impl Iterator<Item = Code> {
        let start = Code::ALL
            .iter()
            .position(|c| *c == Code::LocationIdDuplicate)
            .unwrap();
        Code::ALL[start..].iter().copied()
    }

    /// Exactly one diagnostic with `code`, with this severity, pointer and line.
    #[track_caller]
    pub fn expect(diags: &[Diagnostic], code: Code, severity: Severity, pointer: &str, line: u32) {
        let found: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == code).collect();
        assert_eq!(found.len(), 1, "expected one {code}, got {found:#?}");
        check(found[0], severity, pointer, line);
    }

    /// One diagnostic with `code` at `pointer` (others with the code may exist elsewhere).
    #[track_caller]
    pub fn expect_at(
        diags: &[Diagnostic],
        code: Code,
        severity: Severity,
        pointer: &str,
        line: u32,
    ) {
        let found: Vec<&Diagnostic> = diags
            .iter()
            .filter(|d| d.code == code && d.pointer == pointer)
            .collect();
        assert_eq!(
            found.len(),
            1,
            "expected one {code} at {pointer}, got {:#?}",
            diags.iter().filter(|d| d.code == code).collect::<Vec<_>>()
        );
        check(found[0], severity, pointer, line);
    }

    #[track_caller]
    fn check(d: &Diagnostic, severity: Severity, pointer: &str, line: u32) {
        assert_eq!(d.severity, severity, "{d:#?}");
        assert_eq!(d.severity, d.code.severity(), "{d:#?}");
        assert_eq!(d.pointer, pointer, "{d:#?}");
        assert_eq!(d.line, line, "{d:#?}");
        assert!(d.column >= 1, "{d:#?}");
        assert!(d.spec.starts_with("OCPI 2."), "{d:#?}");
        assert!(!d.message.is_empty());
    }

    #[track_caller]
    pub fn expect_none(diags: &[Diagnostic], code: Code) {
        let found: Vec<&Diagnostic> = diags.iter().filter(|d| d.code == code).collect();
        assert!(found.is_empty(), "expected no {code}, got {found:#?}");
    }

    /// No diagnostic from any rule, and no error at all.
    #[track_caller]
    pub fn assert_clean(diags: &[Diagnostic]) {
        let rules: Vec<Code> = rule_codes().collect();
        let found: Vec<&Diagnostic> = diags
            .iter()
            .filter(|d| rules.contains(&d.code) || d.severity == Severity::Error)
            .collect();
        assert!(
            found.is_empty(),
            "expected a clean document, got {found:#?}"
        );
    }

    pub const LOC_221: &str = r#"{
  "country_code": "BE",
  "party_id": "BEC",
  "id": "LOC1",
  "publish": true,
  "name": "Gent Zuid",
  "address": "F.Rooseveltlaan 3A",
  "city": "Gent",
  "postal_code": "9000",
  "country": "BEL",
  "coordinates": {
    "latitude": "51.047599",
    "longitude": "3.729944"
  },
  "parking_type": "ON_STREET",
  "evses": [{
    "uid": "3256",
    "evse_id": "BE*BEC*E041503001",
    "status": "AVAILABLE",
    "status_schedule": [{
      "period_begin": "2025-07-01T08:00:00Z",
      "period_end": "2025-07-02T08:00:00Z",
      "status": "INOPERATIVE"
    }],
    "capabilities": ["RESERVABLE"],
    "connectors": [{
      "id": "1",
      "standard": "IEC_62196_T2",
      "format": "CABLE",
      "power_type": "AC_3_PHASE",
      "max_voltage": 230,
      "max_amperage": 16,
      "max_electric_power": 11000,
      "tariff_ids": ["11"],
      "last_updated": "2015-03-16T10:10:02Z"
    }, {
      "id": "2",
      "standard": "IEC_62196_T2_COMBO",
      "format": "CABLE",
      "power_type": "DC",
      "max_voltage": 920,
      "max_amperage": 400,
      "max_electric_power": 150000,
      "tariff_ids": ["13"],
      "last_updated": "2015-03-18T08:12:01Z"
    }],
    "coordinates": {
      "latitude": "51.047650",
      "longitude": "3.729990"
    },
    "physical_reference": "1",
    "floor_level": "-1",
    "last_updated": "2015-06-28T08:12:01Z"
  }, {
    "uid": "3257",
    "evse_id": "BE*BEC*E041503002",
    "status": "RESERVED",
    "capabilities": ["RESERVABLE"],
    "connectors": [{
      "id": "1",
      "standard": "IEC_62196_T2",
      "format": "SOCKET",
      "power_type": "AC_1_PHASE",
      "max_voltage": 230,
      "max_amperage": 32,
      "tariff_ids": ["12"],
      "last_updated": "2015-06-29T20:39:09Z"
    }],
    "physical_reference": "2",
    "floor_level": "-2",
    "last_updated": "2015-06-29T20:39:09Z"
  }],
  "operator": {
    "name": "BeCharged"
  },
  "time_zone": "Europe/Brussels",
  "opening_times": {
    "twentyfourseven": false,
    "regular_hours": [
      {"weekday": 1, "period_begin": "07:00", "period_end": "12:00"},
      {"weekday": 1, "period_begin": "12:00", "period_end": "18:00"},
      {"weekday": 6, "period_begin": "22:00", "period_end": "00:00"}
    ],
    "exceptional_closings": [
      {"period_begin": "2025-12-25T00:00:00Z", "period_end": "2025-12-26T00:00:00Z"}
    ]
  },
  "energy_mix": {
    "is_green_energy": false,
    "energy_sources": [
      {"source": "GENERAL_GREEN", "percentage": 35.9},
      {"source": "GAS", "percentage": 64.1}
    ]
  },
  "last_updated": "2015-06-30T10:00:00Z"
}"#;

    pub const LOC_211: &str = r#"{
  "id": "LOC1",
  "type": "ON_STREET",
  "name": "Gent Zuid",
  "address": "F.Rooseveltlaan 3A",
  "city": "Gent",
  "postal_code": "9000",
  "country": "BEL",
  "coordinates": {
    "latitude": "51.047599",
    "longitude": "3.729944"
  },
  "evses": [{
    "uid": "3256",
    "evse_id": "BE*BEC*E041503001",
    "status": "AVAILABLE",
    "connectors": [{
      "id": "1",
      "standard": "IEC_62196_T2",
      "format": "CABLE",
      "power_type": "AC_3_PHASE",
      "voltage": 230,
      "amperage": 16,
      "tariff_id": "11",
      "last_updated": "2015-03-16T10:10:02Z"
    }, {
      "id": "2",
      "standard": "CHADEMO",
      "format": "CABLE",
      "power_type": "DC",
      "voltage": 500,
      "amperage": 125,
      "tariff_id": "12",
      "last_updated": "2015-03-18T08:12:01Z"
    }],
    "last_updated": "2015-06-28T08:12:01Z"
  }, {
    "uid": "abc",
    "evse_id": "BE*BEC*E041503002",
    "status": "RESERVED",
    "connectors": [{
      "id": "1",
      "standard": "IEC_62196_T2",
      "format": "SOCKET",
      "power_type": "AC_1_PHASE",
      "voltage": 230,
      "amperage": 32,
      "tariff_id": "11",
      "last_updated": "2015-06-29T20:39:09Z"
    }],
    "last_updated": "2015-06-29T20:39:09Z"
  }],
  "operator": {
    "name": "BeCharged"
  },
  "opening_times": {
    "twentyfourseven": true
  },
  "last_updated": "2015-06-30T10:00:00Z"
}"#;

    pub const LOC_230: &str = r#"{
  "country_code": "BE",
  "party_id": "BEC",
  "id": "LOC1",
  "publish": true,
  "name": "Gent Zuid",
  "address": "F.Rooseveltlaan 3A",
  "city": "Gent",
  "postal_code": "9000",
  "country": "BEL",
  "coordinates": {
    "latitude": "51.047599",
    "longitude": "3.729944"
  },
  "parking_type": "PARKING_GARAGE",
  "evses": [{
    "uid": "3256",
    "evse_id": "BE*BEC*E041503001",
    "status": "AVAILABLE",
    "connectors": [{
      "id": "1",
      "standard": "IEC_62196_T2",
      "format": "CABLE",
      "power_type": "AC_3_PHASE",
      "max_voltage": 230,
      "max_amperage": 16,
      "tariff_ids": ["11"],
      "last_updated": "2015-03-16T10:10:02Z"
    }],
    "parking": [
      {"parking_id": "P1", "evse_position": "LEFT"},
      {"parking_id": "P2", "evse_position": "RIGHT"}
    ],
    "last_updated": "2015-06-28T08:12:01Z"
  }, {
    "uid": "3257",
    "evse_id": "BE*BEC*E041503002",
    "status": "RESERVED",
    "connectors": [{
      "id": "1",
      "standard": "MCS",
      "format": "CABLE",
      "power_type": "DC",
      "max_voltage": 1250,
      "max_amperage": 3000,
      "max_electric_power": 3750000,
      "tariff_ids": ["12"],
      "last_updated": "2015-06-29T20:39:09Z"
    }],
    "parking": [
      {"parking_id": "p2", "evse_position": "LEFT"},
      {"parking_id": "P3", "evse_position": "RIGHT"}
    ],
    "last_updated": "2015-06-29T20:39:09Z"
  }],
  "parking_places": [
    {"id": "P1", "vehicle_types": ["PERSONAL_VEHICLE"], "reservation_required": false, "restricted_to_type": true},
    {"id": "P2", "vehicle_types": ["MOTORCYCLE", "PERSONAL_VEHICLE"], "reservation_required": false, "restricted_to_type": true},
    {"id": "P3", "vehicle_types": ["TRUCK_WITH_TRAILER"], "reservation_required": false, "restricted_to_type": true,
     "max_vehicle_weight": 40000, "max_vehicle_height": 400, "max_vehicle_length": 1875, "max_vehicle_width": 255,
     "parking_space_length": 2500, "parking_space_width": 450, "dangerous_goods_allowed": false}
  ],
  "time_zone": "Europe/Brussels",
  "last_updated": "2015-06-30T10:00:00Z"
}"#;

    pub const TARIFF_221: &str = r#"{
  "country_code": "DE",
  "party_id": "ALL",
  "id": "14",
  "currency": "EUR",
  "type": "REGULAR",
  "min_price": {"excl_vat": 0.50, "incl_vat": 0.60},
  "max_price": {"excl_vat": 50.00, "incl_vat": 60.00},
  "elements": [{
    "price_components": [{
      "type": "FLAT",
      "price": 2.50,
      "vat": 15.0,
      "step_size": 1
    }]
  }, {
    "price_components": [{
      "type": "TIME",
      "price": 1.00,
      "vat": 20.0,
      "step_size": 1
    }],
    "restrictions": {
      "max_current": 32.00
    }
  }, {
    "price_components": [{
      "type": "TIME",
      "price": 2.00,
      "vat": 20.0,
      "step_size": 1
    }],
    "restrictions": {
      "min_current": 32.00,
      "day_of_week": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"]
    }
  }, {
    "price_components": [{
      "type": "PARKING_TIME",
      "price": 5.00,
      "vat": 10.0,
      "step_size": 1
    }],
    "restrictions": {
      "start_time": "09:00",
      "end_time": "18:00",
      "start_date": "2025-01-01",
      "end_date": "2026-01-01",
      "min_duration": 3600,
      "max_duration": 7200
    }
  }, {
    "price_components": [{
      "type": "ENERGY",
      "price": 0.25,
      "vat": 20.0,
      "step_size": 1
    }],
    "restrictions": {
      "min_kwh": 0.0,
      "max_kwh": 50.0,
      "min_power": 11.0,
      "max_power": 50.0
    }
  }, {
    "price_components": [{
      "type": "ENERGY",
      "price": 0.30,
      "vat": 20.0,
      "step_size": 1
    }, {
      "type": "TIME",
      "price": 0.50,
      "vat": 20.0,
      "step_size": 1
    }],
    "restrictions": {}
  }],
  "start_date_time": "2025-01-01T00:00:00Z",
  "end_date_time": "2026-01-01T00:00:00Z",
  "energy_mix": {
    "is_green_energy": true,
    "energy_sources": [
      {"source": "SOLAR", "percentage": 40},
      {"source": "WIND", "percentage": 60}
    ]
  },
  "last_updated": "2024-12-01T00:00:00Z"
}"#;

    pub const TARIFF_230: &str = r#"{
  "country_code": "DE",
  "party_id": "ALL",
  "id": "14",
  "currency": "EUR",
  "type": "AD_HOC_PAYMENT",
  "min_price": {"before_taxes": 0.50, "after_taxes": 0.60},
  "max_price": {"before_taxes": 50.00, "after_taxes": 60.00},
  "elements": [{
    "price_components": [{
      "type": "FLAT",
      "price": 2.50,
      "vat": 19.0,
      "step_size": 1
    }],
    "restrictions": {
      "reservation": "RESERVATION"
    }
  }, {
    "price_components": [{
      "type": "TIME",
      "price": 2.00,
      "vat": 19.0,
      "step_size": 1
    }],
    "restrictions": {
      "start_time": "23:59",
      "end_time": "07:00"
    }
  }, {
    "price_components": [{
      "type": "ENERGY",
      "price": 0.59,
      "vat": 19.0,
      "step_size": 1
    }]
  }],
  "tax_included": "NO",
  "last_updated": "2024-12-01T00:00:00Z"
}"#;

    pub const TARIFF_211: &str = r#"{
  "id": "11",
  "currency": "EUR",
  "elements": [{
    "price_components": [{
      "type": "TIME",
      "price": 1.00,
      "step_size": 1
    }],
    "restrictions": {
      "max_power": 32.00
    }
  }, {
    "price_components": [{
      "type": "FLAT",
      "price": 2.50,
      "step_size": 1
    }, {
      "type": "TIME",
      "price": 2.00,
      "step_size": 1
    }]
  }],
  "last_updated": "2015-06-29T20:39:09Z"
}"#;

    #[test]
    fn base_documents_are_clean() {
        assert_clean(&run(LOC_221, Version::V2_2_1));
        assert_clean(&run(LOC_211, Version::V2_1_1));
        assert_clean(&run(LOC_230, Version::V2_3_0));
        assert_clean(&run(TARIFF_221, Version::V2_2_1));
        assert_clean(&run(TARIFF_230, Version::V2_3_0));
        assert_clean(&run(TARIFF_211, Version::V2_1_1));
    }

    #[test]
    fn base_documents_have_the_shape_of_their_version() {
        for (doc, version) in [
            (LOC_221, Version::V2_2_1),
            (LOC_211, Version::V2_1_1),
            (LOC_230, Version::V2_3_0),
            (TARIFF_221, Version::V2_2_1),
            (TARIFF_230, Version::V2_3_0),
            (TARIFF_211, Version::V2_1_1),
        ] {
            let report = validate_document("t.json", doc.as_bytes(), &Options::default());
            assert_eq!(report.version, Some(version), "{}", report.version_reason);
            assert!(
                report
                    .diagnostics
                    .iter()
                    .all(|d| d.severity != Severity::Error),
                "{:#?}",
                report.diagnostics
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::{Code, Severity};

    /// The group headings of `docs/diagnostics.md`, each with the first code of its range in
    /// `Code::ALL`.
    const GROUPS: &[(&str, Code)] = &[
        ("Reading JSON", Code::JsonSyntax),
        ("The document", Code::DocumentUnrecognized),
        ("Fields (the spec walk)", Code::FieldMissing),
        ("Locations", Code::LocationIdDuplicate),
        ("Tariffs", Code::RestrictionMinNotBelowMax),
        ("Feeds and versions", Code::TariffIdDuplicate),
    ];

    fn render() -> String {
        let mut out = String::new();
        out.push_str("# Diagnostics\n\n");
        out.push_str(
            "<!-- Generated from `src/diagnostic.rs` by the test `diagnostics_doc_is_current` in \
             `src/validate/rules/mod.rs`; run `UPDATE_DOCS=1 cargo test --lib diagnostics_doc_is_current` \
             after changing a code. -->\n\n",
        );
        out.push_str(
            "Every problem the validator finds is a *diagnostic*: a `severity` (`error`, `warning` or \
             `info`), a `code` from the tables below, a plain-language `message` that says what is wrong \
             and what to do, a `pointer` (an RFC 6901 JSON Pointer into the input, `\"\"` for the whole \
             document), the 1-based `line` and `column` of the place, and `spec`, the OCPI version and \
             section the rule comes from. Codes are stable: a code never changes its meaning, and each \
             is always reported with the severity listed here.\n\n",
        );
        out.push_str(
            "The validator tolerates what it can, in steps: a value that is exactly as the spec wants \
             passes; a value whose meaning is clear is coerced to the spec's form and reported as a \
             warning; a field that cannot be read is dropped and reported as an error; an item (a \
             location or tariff) that cannot be read at all is dropped and reported as an error. A \
             document is never dropped because of one bad item.\n",
        );
        let mut group = 0;
        for code in Code::ALL {
            if group < GROUPS.len() && *code == GROUPS[group].1 {
                out.push_str(&format!("\n## {}\n\n", GROUPS[group].0));
                out.push_str("| code | severity | what it means |\n|---|---|---|\n");
                group += 1;
            }
            out.push_str(&format!(
                "| `{}` | {} | {} |\n",
                code.as_str(),
                code.severity().as_str(),
                code.summary().replace('|', "\\|").replace('\n', " ")
            ));
        }
        out
    }

    #[test]
    fn diagnostics_doc_is_current() {
        // Every group boundary is a code, in order.
        let positions: Vec<usize> = GROUPS
            .iter()
            .map(|(_, c)| Code::ALL.iter().position(|x| x == c).expect("group code"))
            .collect();
        assert_eq!(positions[0], 0);
        assert!(positions.windows(2).all(|w| w[0] < w[1]));
        let rendered = render();
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/diagnostics.md");
        if std::env::var("UPDATE_DOCS").is_ok_and(|v| v == "1") {
            std::fs::create_dir_all(concat!(env!("CARGO_MANIFEST_DIR"), "/docs")).unwrap();
            std::fs::write(path, &rendered).unwrap();
            return;
        }
        let current = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            current == rendered,
            "docs/diagnostics.md is out of date; run `UPDATE_DOCS=1 cargo test --lib diagnostics_doc_is_current`"
        );
    }

    #[test]
    fn every_code_has_a_summary() {
        for code in Code::ALL {
            assert!(!code.summary().is_empty(), "{code}");
            assert!(matches!(
                code.severity(),
                Severity::Error | Severity::Warning | Severity::Info
            ));
        }
    }
}
