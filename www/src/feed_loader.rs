//! Loading open-data feeds in the browser with the core's feed client: the sans-IO
//! `ocpi_open_data::feed::FeedFetch` driven by the browser transport `feed::browser::run`.
//!
//! One feed the user gives is read as one or more *sources*: a versions list that offers several
//! versions is split into one source per version (a server may serve different data in each; see
//! `docs/readings.md`), any other URL is one source. Each source reads its locations, then its
//! tariffs, each module with its own `FeedFetch`; a failed page keeps what loaded, and a retry
//! continues from that page into the same store. Refreshes read the locations endpoint with
//! `date_from` into the same store (merged by id and `last_updated`).

use ocpi_open_data::diagnostic::Summary;
use ocpi_open_data::feed::{FeedItem, FeedObject};
use ocpi_open_data::spec::Version;
use serde_json::Value;

/// The version details URLs of a Versions document, highest version first, one per version this
/// app reads; `None` when `body` is not a versions list. Relative URLs are resolved on `base`.
pub fn version_sources(body: &[u8], base: &str) -> Option<Vec<(Version, String)>> {
    let doc: Value = serde_json::from_slice(body).ok()?;
    let list = doc.get("data").unwrap_or(&doc).as_array()?;
    let base = url::Url::parse(base).ok();
    let mut out: Vec<(Version, bool, String)> = Vec::new();
    for v in list {
        let (Some(label), Some(href)) = (
            v.get("version").and_then(Value::as_str),
            v.get("url").and_then(Value::as_str),
        ) else {
            continue;
        };
        let Some(version) = Version::from_label(label) else {
            continue;
        };
        let exact = label.trim() == version.as_str();
        let href = match &base {
            Some(b) => b.join(href).map_or(href.to_string(), |u| u.to_string()),
            None => href.to_string(),
        };
        match out.iter_mut().find(|(v, _, _)| *v == version) {
            // An exact label wins over a withdrawn one read as the same version (2.2.1 over 2.2).
            Some(slot) if exact && !slot.1 => *slot = (version, exact, href),
            Some(_) => {}
            None => out.push((version, exact, href)),
        }
    }
    if out.is_empty() {
        return None;
    }
    out.sort_by_key(|v| std::cmp::Reverse(v.0));
    Some(out.into_iter().map(|(v, _, u)| (v, u)).collect())
}

/// Diagnostics of the items of a page, by severity.
pub fn item_summary<'a>(items: impl IntoIterator<Item = &'a FeedItem>) -> Summary {
    let mut s = Summary::default();
    for item in items {
        s.merge(Summary::of(&item.diagnostics));
    }
    s
}

/// What a page item is, for the map.
pub enum Read<'a> {
    Location(&'a ocpi_open_data::model::Location),
    Tariff(&'a ocpi_open_data::model::Tariff),
}

/// The object of an item.
pub fn read(item: &FeedItem) -> Read<'_> {
    match &item.object {
        FeedObject::Location(l) => Read::Location(l),
        FeedObject::Tariff(t) => Read::Tariff(t),
    }
}

/// Resolves a URL from the page (a feed given as `/ocpi/versions` is relative to it).
#[cfg(target_arch = "wasm32")]
pub fn absolute(url: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    web_sys::Url::new_with_base(url, &base)
        .map(|u| u.href())
        .unwrap_or_else(|_| url.to_string())
}

/// Reads `url` once to see whether it is a versions list offering several versions.
#[cfg(target_arch = "wasm32")]
pub async fn probe_versions(url: &str) -> Option<Vec<(Version, String)>> {
    use ocpi_open_data::feed::{Request, browser};
    let request = Request {
        id: 0,
        url: url.to_string(),
        headers: vec![("Accept".into(), "application/json".into())],
        timeout_ms: 30_000,
        max_body_bytes: 1 << 20,
    };
    let response = browser::send(&request, None).await.ok()?;
    if response.status != 200 {
        return None;
    }
    version_sources(&response.body, url).filter(|v| v.len() > 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_versions_list_gives_one_source_per_version() {
        let body = br#"{"data":[{"version":"2.1.1","url":"/ocpi/2.1.1"},{"version":"2.2","url":"https://a/2.2"},
            {"version":"2.2.1","url":"https://a/2.2.1"},{"version":"3.0","url":"https://a/3"},{"version":"2.3.0","url":"/ocpi/2.3.0"}],
            "status_code":1000}"#;
        let sources = version_sources(body, "http://127.0.0.1:8080/ocpi/versions").expect("a list");
        assert_eq!(
            sources,
            vec![
                (
                    Version::V2_3_0,
                    "http://127.0.0.1:8080/ocpi/2.3.0".to_string()
                ),
                (Version::V2_2_1, "https://a/2.2.1".to_string()),
                (
                    Version::V2_1_1,
                    "http://127.0.0.1:8080/ocpi/2.1.1".to_string()
                ),
            ]
        );
        let details = br#"{"data":{"version":"2.2.1","endpoints":[]},"status_code":1000}"#;
        assert_eq!(version_sources(details, "https://a/"), None);
        assert_eq!(version_sources(b"not json", "https://a/"), None);
    }

    #[test]
    fn page_items_are_counted_by_severity() {
        let page = br#"{"data":[{"country_code":"NL","party_id":"ABC","id":"1","publish":true,
            "address":"a","city":"c","country":"NLD","coordinates":{"latitude":"52.1","longitude":"5.1"},
            "last_updated":"2025-01-01T00:00:00Z"}],"status_code":1000,"timestamp":"2025-01-01T00:00:00Z"}"#;
        let files: [(&str, &[u8]); 1] = [("p", page)];
        let (reports, feed) = ocpi_open_data::model::read_feed(&files, |_| Default::default());
        let item = FeedItem {
            key: None,
            object: FeedObject::Location(Box::new(feed.locations[0].clone())),
            json: Value::Null,
            diagnostics: reports[0].diagnostics.clone(),
            page: 0,
            page_url: "p".into(),
        };
        let s = item_summary([&item]);
        assert!(s.errors > 0, "time_zone and evses are required");
        assert!(matches!(read(&item), Read::Location(l) if l.id == "1"));
    }
}
