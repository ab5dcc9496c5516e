//! One page of a module: its validated items, with their diagnostics and models, and what the
//! page says about paging.

use super::store::{FeedItem, FeedObject, ItemKey};
use crate::diagnostic::{Code, Diagnostic, Summary};
use crate::model::{Location, Tariff};
use crate::spec::Version;
use crate::validate::{EnvelopeInfo, FileReport, Kind, is_within};

/// What a page held, after validation.
#[derive(Debug, Default)]
pub struct PageContent {
    pub kind: Option<Kind>,
    pub version: Option<Version>,
    pub items: Vec<FeedItem>,
    /// Number of entries of the item list that were objects (read as items).
    pub entries: usize,
    /// Diagnostics that lie in no item: the envelope, the JSON, the version.
    pub diagnostics: Vec<Diagnostic>,
    pub envelope: EnvelopeInfo,
    /// The first problem that makes the body not well-formed JSON.
    pub broken_json: Option<String>,
    pub summary: Summary,
}

/// Codes that say the body is not well-formed JSON (the page then counts as failed; what was
/// read before the problem is kept).
const BROKEN_JSON: &[Code] = &[
    Code::JsonSyntax,
    Code::JsonInvalidUtf8,
    Code::JsonTooDeep,
    Code::JsonComment,
    Code::InputTooLarge,
    Code::ItemTruncated,
];

/// Turns the report of a validated page into items: each location or tariff with its model,
/// its JSON as sent and the diagnostics inside it.
pub fn read(report: FileReport<'_>, body: &[u8], page: usize, url: &str) -> PageContent {
    let summary = report.summary();
    let broken_json = report
        .diagnostics
        .iter()
        .find(|d| BROKEN_JSON.contains(&d.code))
        .map(|d| format!("{} at line {}, column {}", d.message, d.line, d.column));
    let FileReport {
        kind,
        version,
        diagnostics,
        envelope,
        read,
        items: entries,
        ..
    } = report;
    let mut content = PageContent {
        kind,
        version,
        entries,
        envelope,
        broken_json,
        summary,
        ..PageContent::default()
    };
    let (Some(kind @ (Kind::Location | Kind::Tariff)), Some(version)) = (kind, version) else {
        content.diagnostics = diagnostics;
        return content;
    };
    // Diagnostics are in document order, and so are items: assign each to the item whose
    // pointer it lies within.
    let mut per_item: Vec<Vec<Diagnostic>> = vec![Vec::new(); read.len()];
    let mut pointers: Vec<(&str, usize)> = read
        .iter()
        .enumerate()
        .map(|(i, item)| (item.pointer.as_str(), i))
        .collect();
    pointers.sort_unstable();
    for d in diagnostics {
        let at = pointers.partition_point(|(p, _)| *p <= d.pointer.as_str());
        match at.checked_sub(1).map(|i| pointers[i]) {
            Some((p, i)) if is_within(&d.pointer, p) => per_item[i].push(d),
            _ => content.diagnostics.push(d),
        }
    }
    for (item, diagnostics) in read.iter().zip(per_item) {
        let json = raw_json(body, item);
        let object = match kind {
            Kind::Location => {
                let mut l = Location::from_item(item, version);
                l.source.file = url.to_string();
                FeedObject::Location(Box::new(l))
            }
            _ => {
                let mut t = Tariff::from_item(item, version);
                t.source.file = url.to_string();
                FeedObject::Tariff(Box::new(t))
            }
        };
        let key = match &object {
            FeedObject::Location(l) => key_of(&l.country_code, &l.party_id, &l.id),
            FeedObject::Tariff(t) => key_of(&t.country_code, &t.party_id, &t.id),
        };
        content.items.push(FeedItem {
            key,
            object,
            json,
            diagnostics,
            page,
            page_url: url.to_string(),
        });
    }
    content
}

fn key_of(country: &Option<String>, party: &Option<String>, id: &str) -> Option<ItemKey> {
    let id = id.trim();
    if id.is_empty() {
        return None;
    }
    Some(ItemKey {
        country_code: country.as_deref().unwrap_or("").to_ascii_uppercase(),
        party_id: party.as_deref().unwrap_or("").to_ascii_uppercase(),
        id: id.to_string(),
    })
}

/// The object as the server sent it (its bytes in the page), or the lenient value when those
/// bytes are not plain JSON for `serde_json` (a lone surrogate escape, say). Personal data
/// (`publish_allowed_to`) is removed at any depth.
fn raw_json(body: &[u8], item: &crate::validate::Item<'_>) -> serde_json::Value {
    let span = item.node.span;
    let mut value = body
        .get(span.start as usize..span.end as usize)
        .and_then(|bytes| serde_json::from_slice(bytes).ok())
        .unwrap_or_else(|| item.node.to_serde());
    scrub(&mut value);
    value
}

fn scrub(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            map.remove("publish_allowed_to");
            map.values_mut().for_each(scrub);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(scrub),
        _ => {}
    }
}
