//! Rules across the files of a feed (unique location and tariff ids, tariff references from
//! connectors) and inside versions documents (unique version numbers and endpoints).

use super::{Ctx, Dropped, arr, diagnostic, head, text, ts_of};
use crate::diagnostic::{Code, Diagnostic};
use crate::json::Node;
use crate::spec::Version;
use crate::validate::detect::Kind;
use crate::validate::report::{FileReport, Item};
use std::collections::HashMap;

const LOCATION: &str = "mod_locations #Location";
const CONNECTOR: &str = "mod_locations #Connector";
const TARIFF: &str = "mod_tariffs #Tariff";
const VERSION: &str = "version_information_endpoint #Version";
const ENDPOINT: &str = "version_information_endpoint #Endpoint";

// ---------------------------------------------------------------------------------------------
// Versions documents
// ---------------------------------------------------------------------------------------------

/// The versions list: every version number once.
pub(super) fn check_versions(cx: &mut Ctx<'_>, items: &[Item<'_>]) {
    let mut seen: HashMap<&str, &str> = HashMap::with_capacity(items.len());
    for item in items {
        let Some(node) = item.node.get("version") else {
            continue;
        };
        let Some(number) = node.as_str() else {
            continue;
        };
        if let Some(first) = seen.get(number) {
            cx.push(
                Code::VersionsInvalid,
                node.span,
                format!("{}/version", item.pointer),
                VERSION,
                format!(
                    "version {number} is listed twice (first at {}); list each version once, with the URL of its details",
                    if first.is_empty() { "the document root" } else { first }
                ),
            );
        } else {
            seen.insert(number, &item.pointer);
        }
    }
}

/// A version details document: every (module, role) endpoint once.
pub(super) fn check_version_details(cx: &mut Ctx<'_>, item: &Item<'_>) {
    let list = format!("{}/endpoints", item.pointer);
    let endpoints = arr(item.node.get("endpoints"));
    let mut seen: Vec<(&str, &str, usize)> = Vec::with_capacity(endpoints.len());
    for (j, endpoint) in endpoints.iter().enumerate() {
        let Some(identifier) = text(endpoint.get("identifier")) else {
            continue;
        };
        let role = text(endpoint.get("role")).unwrap_or("");
        let k = cx.index(&list, j);
        if let Some(&(_, _, first)) = seen.iter().find(|(i, r, _)| *i == identifier && *r == role) {
            let what = if role.is_empty() {
                format!("module {identifier}")
            } else {
                format!("module {identifier} with role {role}")
            };
            cx.push(
                Code::VersionsInvalid,
                head(endpoint.span),
                format!("{list}/{k}"),
                ENDPOINT,
                format!("{what} is listed twice (first at endpoints/{first}); a client cannot tell which URL to use — list it once"),
            );
        } else {
            seen.push((identifier, role, k));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Feeds
// ---------------------------------------------------------------------------------------------

/// Where an item sits: report index and item index.
#[derive(Clone, Copy)]
struct At {
    report: usize,
    item: usize,
}

/// One tariff id named by a connector.
struct Reference<'n, 'a> {
    pointer: String,
    node: &'n Node<'a>,
    id: &'n str,
    /// The tariff it resolves to (an index into the feed's tariffs).
    tariff: Option<usize>,
}

struct TariffInfo<'r> {
    at: At,
    country_code: &'r str,
    party_id: &'r str,
    /// `type`, or "none" when absent.
    kind: &'r str,
    start: Option<jiff::Timestamp>,
    end: Option<jiff::Timestamp>,
}

/// The key that identifies an item in a feed: country code and party (2.2+, case-insensitive)
/// and id (case-insensitive in 2.2+, where it is a CiString).
fn key(item: &Node<'_>, version: Version) -> Option<String> {
    let id = text(item.get("id"))?;
    if version == Version::V2_1_1 {
        return Some(format!("2.1.1\u{0}{id}"));
    }
    let cc = text(item.get("country_code")).unwrap_or("");
    let party = text(item.get("party_id")).unwrap_or("");
    Some(format!("{}\u{0}{}\u{0}{}", cc, party, id).to_ascii_lowercase())
}

pub(super) fn check(reports: &mut [FileReport<'_>]) {
    let mut found: Vec<(usize, Diagnostic)> = Vec::new();
    duplicate_ids(reports, Kind::Location, &mut found);
    duplicate_ids(reports, Kind::Tariff, &mut found);
    tariff_references(reports, &mut found);
    for (report, d) in found {
        reports[report].diagnostics.push(d);
    }
}

fn place(reports: &[FileReport<'_>], at: At, here: usize) -> String {
    let pointer = &reports[at.report].read[at.item].pointer;
    let pointer = if pointer.is_empty() {
        "the document root"
    } else {
        pointer.as_str()
    };
    if at.report == here {
        format!("{pointer} of this file")
    } else {
        format!("{pointer} in {}", reports[at.report].path)
    }
}

fn duplicate_ids(reports: &[FileReport<'_>], kind: Kind, found: &mut Vec<(usize, Diagnostic)>) {
    let mut first: HashMap<String, At> = HashMap::new();
    let (code, section, what) = match kind {
        Kind::Location => (Code::LocationIdDuplicate, LOCATION, "location"),
        _ => (Code::TariffIdDuplicate, TARIFF, "tariff"),
    };
    for (r, report) in reports.iter().enumerate() {
        if report.kind != Some(kind) {
            continue;
        }
        let Some(version) = report.version else {
            continue;
        };
        for (i, item) in report.read.iter().enumerate() {
            let Some(k) = key(&item.node, version) else {
                continue;
            };
            match first.get(&k) {
                None => {
                    first.insert(k, At { report: r, item: i });
                }
                Some(&at) => {
                    let id_node = item.node.get("id").expect("keyed by id");
                    let id = id_node.as_str().unwrap_or_default();
                    let owner = if version == Version::V2_1_1 {
                        String::new()
                    } else {
                        format!(
                            " of {} {}",
                            text(item.node.get("country_code")).unwrap_or("?"),
                            text(item.node.get("party_id")).unwrap_or("?")
                        )
                    };
                    found.push((
                        r,
                        diagnostic(
                            version,
                            code,
                            id_node.span,
                            format!("{}/id", item.pointer),
                            section,
                            format!(
                                "{what} id \"{id}\"{owner} is also used by the {what} at {}; ids must be unique, so one of them would replace the other",
                                place(reports, at, r)
                            ),
                        ),
                    ));
                }
            }
        }
    }
}

fn tariff_references(reports: &[FileReport<'_>], found: &mut Vec<(usize, Diagnostic)>) {
    if !reports.iter().any(|r| r.kind == Some(Kind::Tariff)) {
        return;
    }
    let mut tariffs: Vec<TariffInfo<'_>> = Vec::new();
    let mut by_id: HashMap<String, Vec<usize>> = HashMap::new();
    let mut files: Vec<&str> = Vec::new();
    for (r, report) in reports.iter().enumerate() {
        if report.kind != Some(Kind::Tariff) {
            continue;
        }
        files.push(&report.path);
        for (i, item) in report.read.iter().enumerate() {
            let t = &item.node;
            let Some(id) = text(t.get("id")) else {
                continue;
            };
            by_id
                .entry(id.to_ascii_lowercase())
                .or_default()
                .push(tariffs.len());
            tariffs.push(TariffInfo {
                at: At { report: r, item: i },
                country_code: text(t.get("country_code")).unwrap_or(""),
                party_id: text(t.get("party_id")).unwrap_or(""),
                kind: text(t.get("type")).unwrap_or("none"),
                start: ts_of(t.get("start_date_time")),
                end: ts_of(t.get("end_date_time")),
            });
        }
    }
    let where_ = if files.len() == 1 {
        files[0].to_string()
    } else {
        format!("{} tariff files", files.len())
    };

    for (r, report) in reports.iter().enumerate() {
        if report.kind != Some(Kind::Location) {
            continue;
        }
        let Some(version) = report.version else {
            continue;
        };
        let dropped = Dropped::from_diagnostics(&report.diagnostics);
        for item in &report.read {
            let loc = &item.node;
            let owner = (
                text(loc.get("country_code")).unwrap_or(""),
                text(loc.get("party_id")).unwrap_or(""),
            );
            let elist = format!("{}/evses", item.pointer);
            for (j, evse) in arr(loc.get("evses")).iter().enumerate() {
                let clist = format!("{elist}/{}/connectors", dropped.original(&elist, j));
                for (m, connector) in arr(evse.get("connectors")).iter().enumerate() {
                    let cp = format!("{clist}/{}", dropped.original(&clist, m));
                    let mut refs: Vec<Reference<'_, '_>> = Vec::new();
                    if version == Version::V2_1_1 {
                        if let Some(node) = connector.get("tariff_id")
                            && let Some(id) = node.as_str()
                        {
                            refs.push(Reference {
                                pointer: format!("{cp}/tariff_id"),
                                node,
                                id,
                                tariff: None,
                            });
                        }
                    } else {
                        let tlist = format!("{cp}/tariff_ids");
                        for (k, node) in arr(connector.get("tariff_ids")).iter().enumerate() {
                            if let Some(id) = node.as_str() {
                                let pointer = format!("{tlist}/{}", dropped.original(&tlist, k));
                                refs.push(Reference {
                                    pointer,
                                    node,
                                    id,
                                    tariff: None,
                                });
                            }
                        }
                    }
                    for reference in &mut refs {
                        let candidates = by_id.get(&reference.id.to_ascii_lowercase());
                        reference.tariff = candidates.and_then(|c| {
                            c.iter()
                                .copied()
                                .find(|&t| {
                                    tariffs[t].country_code.eq_ignore_ascii_case(owner.0)
                                        && tariffs[t].party_id.eq_ignore_ascii_case(owner.1)
                                })
                                .or_else(|| c.first().copied())
                        });
                        if reference.tariff.is_none() {
                            found.push((
                                r,
                                diagnostic(
                                    version,
                                    Code::TariffReferenceUnresolved,
                                    reference.node.span,
                                    reference.pointer.clone(),
                                    CONNECTOR,
                                    format!(
                                        "this connector references tariff \"{}\", but none of the {} tariff{} in {where_} has that id; add the tariff or correct the reference",
                                        reference.id,
                                        tariffs.len(),
                                        if tariffs.len() == 1 { "" } else { "s" }
                                    ),
                                ),
                            ));
                        }
                    }
                    same_type(reports, &tariffs, &refs, r, version, found);
                }
            }
        }
    }
}

/// Two referenced tariffs of one type whose validity periods overlap: at most one tariff per
/// type may apply at any moment.
fn same_type(
    reports: &[FileReport<'_>],
    tariffs: &[TariffInfo<'_>],
    refs: &[Reference<'_, '_>],
    r: usize,
    version: Version,
    found: &mut Vec<(usize, Diagnostic)>,
) {
    if refs.len() < 2 {
        return;
    }
    // Sort the resolved references by type, then start; an overlap shows with the latest end so far.
    let mut resolved: Vec<(usize, usize)> = refs
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.tariff.map(|t| (i, t)))
        .collect();
    resolved.sort_by(|a, b| {
        let (ta, tb) = (&tariffs[a.1], &tariffs[b.1]);
        (ta.kind, ta.start, a.0).cmp(&(tb.kind, tb.start, b.0))
    });
    // (type, tariff with the latest end so far, that end; None = open-ended)
    let mut open: Option<(&str, usize, Option<jiff::Timestamp>)> = None;
    for &(ri, t) in &resolved {
        let info = &tariffs[t];
        match open {
            Some((kind, other, end)) if kind == info.kind => {
                if other == t {
                    continue; // the same tariff named twice
                }
                let overlaps = match (end, info.start) {
                    (None, _) | (_, None) => true,
                    (Some(e), Some(s)) => s < e,
                };
                if overlaps {
                    let Reference {
                        pointer, node, id, ..
                    } = &refs[ri];
                    let other_id = text(
                        reports[tariffs[other].at.report].read[tariffs[other].at.item]
                            .node
                            .get("id"),
                    )
                    .unwrap_or("?");
                    found.push((
                        r,
                        diagnostic(
                            version,
                            Code::TariffReferenceSameType,
                            node.span,
                            pointer.clone(),
                            CONNECTOR,
                            format!(
                                "tariffs \"{other_id}\" and \"{id}\" are both of type {} and their validity periods overlap; a connector may reference at most one tariff per type at any moment — give them different types or non-overlapping start_date_time/end_date_time",
                                if info.kind == "none" { "none (no type)" } else { info.kind }
                            ),
                        ),
                    ));
                }
                let later_end = match (end, info.end) {
                    (None, _) | (_, None) => None,
                    (Some(a), Some(b)) => Some(a.max(b)),
                };
                let keep = if later_end == end { other } else { t };
                open = Some((kind, keep, later_end));
            }
            _ => open = Some((info.kind, t, info.end)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use crate::diagnostic::{Code, Severity};
    use crate::spec::Version::{V2_1_1, V2_2_1, V2_3_0};

    fn tariff(id: &str, extra: &str) -> String {
        format!(
            "{{\"country_code\": \"BE\", \"party_id\": \"BEC\", \"id\": \"{id}\", \"currency\": \"EUR\",{extra}\n  \"elements\": [{{\"price_components\": [{{\"type\": \"ENERGY\", \"price\": 0.30, \"step_size\": 1}}]}}],\n  \"last_updated\": \"2015-06-29T20:39:09Z\"}}"
        )
    }

    fn list(items: &[String]) -> String {
        format!("[\n{}\n]", items.join(",\n"))
    }

    #[test]
    fn location_id_duplicate_across_files() {
        let second = edit(LOC_221, &[("\"id\": \"LOC1\"", "\"id\": \"loc1\"")]);
        let d = run_feed(&[("a.json", LOC_221), ("b.json", &second)], V2_2_1);
        expect_none(&d[0], Code::LocationIdDuplicate);
        expect(
            &d[1],
            Code::LocationIdDuplicate,
            Severity::Error,
            "/id",
            line_of(&second, "\"loc1\""),
        );
        assert!(
            d[1].iter().any(|x| x.message.contains("in a.json")),
            "{:#?}",
            d[1]
        );
        // Another party may use the same id.
        let other = edit(
            LOC_221,
            &[("\"party_id\": \"BEC\"", "\"party_id\": \"XYZ\"")],
        );
        let d = run_feed(&[("a.json", LOC_221), ("b.json", &other)], V2_2_1);
        expect_none(&d[1], Code::LocationIdDuplicate);
    }

    #[test]
    fn location_id_duplicate_in_one_file() {
        let doc = format!("[\n{LOC_211},\n{LOC_211}\n]");
        let d = run_feed(&[("locations.json", &doc)], V2_1_1);
        expect(
            &d[0],
            Code::LocationIdDuplicate,
            Severity::Error,
            "/1/id",
            line_of_nth(&doc, "\"id\": \"LOC1\"", 2),
        );
        // 2.1.1 ids are case-sensitive strings.
        let doc = format!(
            "[\n{LOC_211},\n{}\n]",
            edit(LOC_211, &[("\"id\": \"LOC1\"", "\"id\": \"loc1\"")])
        );
        expect_none(
            &run_feed(&[("locations.json", &doc)], V2_1_1)[0],
            Code::LocationIdDuplicate,
        );
    }

    #[test]
    fn tariff_id_duplicate() {
        let doc = list(&[tariff("11", ""), tariff("12", ""), tariff("11", "")]);
        let d = run_feed(&[("tariffs.json", &doc)], V2_2_1);
        expect(
            &d[0],
            Code::TariffIdDuplicate,
            Severity::Error,
            "/2/id",
            line_of_nth(&doc, "\"id\": \"11\"", 2),
        );
        let d = run_feed(&[("t1.json", TARIFF_221), ("t2.json", TARIFF_221)], V2_2_1);
        expect_none(&d[0], Code::TariffIdDuplicate);
        expect(
            &d[1],
            Code::TariffIdDuplicate,
            Severity::Error,
            "/id",
            line_of(TARIFF_221, "\"id\""),
        );
    }

    #[test]
    fn tariff_reference_unresolved() {
        let tariffs = list(&[tariff("11", ""), tariff("12", "")]);
        let d = run_feed(
            &[("locations.json", LOC_221), ("tariffs.json", &tariffs)],
            V2_2_1,
        );
        expect(
            &d[0],
            Code::TariffReferenceUnresolved,
            Severity::Error,
            "/evses/0/connectors/1/tariff_ids/0",
            line_of(LOC_221, "[\"13\"]"),
        );
        expect_none(&d[1], Code::TariffReferenceUnresolved);
        // CiString: "13" resolves to "13" whatever the case; without any tariff file nothing is checked.
        let tariffs = list(&[tariff("11", ""), tariff("12", ""), tariff("13", "")]);
        let d = run_feed(
            &[("locations.json", LOC_221), ("tariffs.json", &tariffs)],
            V2_2_1,
        );
        expect_none(&d[0], Code::TariffReferenceUnresolved);
        expect_none(&run(LOC_221, V2_2_1), Code::TariffReferenceUnresolved);
        // 2.1.1: tariff_id.
        let tariffs = list(&[edit(TARIFF_211, &[])]);
        let d = run_feed(
            &[("locations.json", LOC_211), ("tariffs.json", &tariffs)],
            V2_1_1,
        );
        expect(
            &d[0],
            Code::TariffReferenceUnresolved,
            Severity::Error,
            "/evses/0/connectors/1/tariff_id",
            line_of(LOC_211, "\"tariff_id\": \"12\""),
        );
    }

    #[test]
    fn tariff_references_are_case_insensitive() {
        let doc = edit(
            LOC_230,
            &[("[\"11\"]", "[\"abc\"]"), ("[\"12\"]", "[\"ABC\"]")],
        );
        let tariffs = list(&[edit(
            &tariff("Abc", ""),
            &[(
                "\"currency\": \"EUR\",",
                "\"currency\": \"EUR\", \"tax_included\": \"NO\",",
            )],
        )]);
        let d = run_feed(
            &[("locations.json", &doc), ("tariffs.json", &tariffs)],
            V2_3_0,
        );
        expect_none(&d[0], Code::TariffReferenceUnresolved);
    }

    #[test]
    fn tariff_reference_same_type() {
        let doc = edit(LOC_221, &[("[\"11\"]", "[\"11\", \"12\"]")]);
        let open = list(&[
            tariff("11", " \"type\": \"REGULAR\","),
            tariff(
                "12",
                " \"type\": \"REGULAR\", \"start_date_time\": \"2025-01-01T00:00:00Z\",",
            ),
            tariff("13", ""),
        ]);
        let d = run_feed(&[("locations.json", &doc), ("tariffs.json", &open)], V2_2_1);
        expect(
            &d[0],
            Code::TariffReferenceSameType,
            Severity::Warning,
            "/evses/0/connectors/0/tariff_ids/1",
            line_of(&doc, "[\"11\", \"12\"]"),
        );
        // Consecutive periods of one type: fine.
        let consecutive = list(&[
            tariff(
                "11",
                " \"type\": \"REGULAR\", \"end_date_time\": \"2025-01-01T00:00:00Z\",",
            ),
            tariff(
                "12",
                " \"type\": \"REGULAR\", \"start_date_time\": \"2025-01-01T00:00:00Z\",",
            ),
            tariff("13", ""),
        ]);
        let d = run_feed(
            &[("locations.json", &doc), ("tariffs.json", &consecutive)],
            V2_2_1,
        );
        expect_none(&d[0], Code::TariffReferenceSameType);
        // Different types: fine. Two without a type share the type "none".
        let typed = list(&[
            tariff("11", " \"type\": \"REGULAR\","),
            tariff("12", " \"type\": \"AD_HOC_PAYMENT\","),
            tariff("13", ""),
        ]);
        let d = run_feed(
            &[("locations.json", &doc), ("tariffs.json", &typed)],
            V2_2_1,
        );
        expect_none(&d[0], Code::TariffReferenceSameType);
        let untyped = list(&[tariff("11", ""), tariff("12", ""), tariff("13", "")]);
        let d = run_feed(
            &[("locations.json", &doc), ("tariffs.json", &untyped)],
            V2_2_1,
        );
        expect(
            &d[0],
            Code::TariffReferenceSameType,
            Severity::Warning,
            "/evses/0/connectors/0/tariff_ids/1",
            line_of(&doc, "[\"11\", \"12\"]"),
        );
        // The same tariff named twice is not two tariffs.
        let twice = edit(LOC_221, &[("[\"11\"]", "[\"11\", \"11\"]")]);
        let d = run_feed(
            &[("locations.json", &twice), ("tariffs.json", &untyped)],
            V2_2_1,
        );
        expect_none(&d[0], Code::TariffReferenceSameType);
    }

    #[test]
    fn versions_invalid() {
        let doc = "[\n  {\"version\": \"2.1.1\", \"url\": \"https://example.com/ocpi/2.1.1\"},\n  {\"version\": \"2.2.1\", \"url\": \"https://example.com/ocpi/2.2.1\"},\n  {\"version\": \"2.1.1\", \"url\": \"https://example.com/ocpi/211\"}\n]";
        let d = run(doc, V2_2_1);
        expect(&d, Code::VersionsInvalid, Severity::Error, "/2/version", 4);
        let fine = edit(
            doc,
            &[(
                "{\"version\": \"2.1.1\", \"url\": \"https://example.com/ocpi/211\"}",
                "{\"version\": \"2.3.0\", \"url\": \"https://example.com/ocpi/2.3.0\"}",
            )],
        );
        expect_none(&run(&fine, V2_3_0), Code::VersionsInvalid);
    }

    #[test]
    fn version_details_invalid() {
        let doc = "{\n  \"version\": \"2.2.1\",\n  \"endpoints\": [\n    {\"identifier\": \"locations\", \"role\": \"SENDER\", \"url\": \"https://example.com/ocpi/2.2.1/locations\"},\n    {\"identifier\": \"locations\", \"role\": \"RECEIVER\", \"url\": \"https://example.com/ocpi/emsp/2.2.1/locations\"},\n    {\"identifier\": \"locations\", \"role\": \"SENDER\", \"url\": \"https://example.com/ocpi/2.2.1/locations2\"}\n  ]\n}";
        let d = run(doc, V2_2_1);
        expect(
            &d,
            Code::VersionsInvalid,
            Severity::Error,
            "/endpoints/2",
            6,
        );
        // The same module with both roles is fine.
        let fine = edit(
            doc,
            &[(
                ",\n    {\"identifier\": \"locations\", \"role\": \"SENDER\", \"url\": \"https://example.com/ocpi/2.2.1/locations2\"}",
                "",
            )],
        );
        expect_none(&run(&fine, V2_2_1), Code::VersionsInvalid);
        // 2.1.1 endpoints have no role: the module alone counts.
        let doc = "{\n  \"version\": \"2.1.1\",\n  \"endpoints\": [\n    {\"identifier\": \"tariffs\", \"url\": \"https://example.com/ocpi/2.1.1/tariffs\"},\n    {\"identifier\": \"tariffs\", \"url\": \"https://example.com/ocpi/2.1.1/tariffs2\"}\n  ]\n}";
        expect(
            &run(doc, V2_1_1),
            Code::VersionsInvalid,
            Severity::Error,
            "/endpoints/1",
            5,
        );
    }
}
