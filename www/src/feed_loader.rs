//! Loading one open-data feed in the browser: the app's single boundary to the network.
//!
//! [`load_feed`] is a minimal, honest client until the core's feed client (`src/feed/`, a sans-IO
//! state machine with a browser transport) takes its place: it discovers the endpoints from a
//! versions or version-details URL (or reads a Locations / Tariffs document given directly),
//! follows `Link: <…>; rel="next"` pages, reports progress from `X-Total-Count`, and on a
//! failed page stops with an error that says where to resume, keeping everything already
//! handed over. Each page is validated and converted by the core (`model::read_feed`).

use ocpi_open_data::model::{Location, Tariff};
use ocpi_open_data::validate::Kind;
use serde_json::Value;

/// Where loading stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Progress {
    /// What is being read: "endpoints", "locations", "tariffs", "done".
    pub stage: &'static str,
    pub pages: u32,
    pub items: u64,
    /// `X-Total-Count` of the endpoint being paged, when the server sends it.
    pub total: Option<u64>,
}

/// What to fetch next; also where a retry resumes.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// A versions URL, a version-details URL or a Locations / Tariffs document.
    Discover(String),
    Locations(String),
    Tariffs(String),
}

/// A page that failed. Everything before it was already handed over.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedError {
    pub message: String,
    /// Where a retry starts.
    pub resume: Step,
    /// The tariffs endpoint still to read after the locations, if known.
    pub tariffs_after: Option<String>,
    /// The endpoints discovered before the failure.
    pub endpoints: Endpoints,
}

/// Items of one page, validated and converted.
pub struct Page {
    pub locations: Vec<Location>,
    pub tariffs: Vec<Tariff>,
    pub errors: usize,
    pub warnings: usize,
}

/// The endpoints found by discovery.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Endpoints {
    pub locations: Option<String>,
    pub tariffs: Option<String>,
}

/// The `rel="next"` URL of a `Link` header.
pub fn next_link(header: &str) -> Option<String> {
    header.split(',').find_map(|part| {
        let (url, params) = part.split_once(';')?;
        let url = url.trim().strip_prefix('<')?.strip_suffix('>')?;
        let is_next = params.split(';').any(|p| {
            let p = p.trim().to_ascii_lowercase();
            p == "rel=\"next\"" || p == "rel=next"
        });
        is_next.then(|| url.to_string())
    })
}

/// The items of a Versions document: `(version, url)`.
fn versions(doc: &Value) -> Vec<(String, String)> {
    let list = doc.get("data").unwrap_or(doc);
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| {
            Some((
                v.get("version")?.as_str()?.to_string(),
                v.get("url")?.as_str()?.to_string(),
            ))
        })
        .collect()
}

/// The newest version this app reads, from a versions list.
pub fn best_version(doc: &Value) -> Option<String> {
    const KNOWN: [&str; 4] = ["2.3.0", "2.2.1", "2.2", "2.1.1"];
    let list = versions(doc);
    KNOWN
        .iter()
        .find_map(|k| list.iter().find(|(v, _)| v == k).map(|(_, u)| u.clone()))
}

/// The Locations and Tariffs endpoints of a Version-details document, for the sender role
/// (2.2+) or any role (2.1.1 has none).
pub fn endpoints(doc: &Value) -> Endpoints {
    let data = doc.get("data").unwrap_or(doc);
    let mut out = Endpoints::default();
    for e in data
        .get("endpoints")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let role_ok = e
            .get("role")
            .and_then(Value::as_str)
            .is_none_or(|r| r == "SENDER");
        let (Some(id), Some(url)) = (
            e.get("identifier").and_then(Value::as_str),
            e.get("url").and_then(Value::as_str),
        ) else {
            continue;
        };
        if !role_ok {
            continue;
        }
        match id {
            "locations" => out.locations = Some(url.to_string()),
            "tariffs" => out.tariffs = Some(url.to_string()),
            _ => {}
        }
    }
    out
}

/// Validates and converts one page of data.
pub fn read_page(url: &str, bytes: &[u8]) -> (Option<Kind>, Page) {
    let files: [(&str, &[u8]); 1] = [(url, bytes)];
    let (reports, feed) = ocpi_open_data::model::read_feed(&files, |_| Default::default());
    let kind = reports.first().and_then(|r| r.kind);
    let summary = reports.first().map(|r| r.summary()).unwrap_or_default();
    (
        kind,
        Page {
            locations: feed.locations,
            tariffs: feed.tariffs,
            errors: summary.errors,
            warnings: summary.warnings,
        },
    )
}

/// What a response said.
#[cfg(target_arch = "wasm32")]
struct Fetched {
    url: String,
    body: Vec<u8>,
    total: Option<u64>,
    next: Option<String>,
}

#[cfg(target_arch = "wasm32")]
async fn fetch(url: &str) -> Result<Fetched, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let resp = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| format!("{url}: the request failed ({})", js_text(&e)))?;
    let resp: web_sys::Response = resp.dyn_into().map_err(|_| "not a response")?;
    let final_url = resp.url();
    if !resp.ok() {
        return Err(format!(
            "{url}: HTTP {} {}",
            resp.status(),
            resp.status_text()
        ));
    }
    let headers = resp.headers();
    let total = headers
        .get("X-Total-Count")
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse().ok());
    let next = headers
        .get("Link")
        .ok()
        .flatten()
        .and_then(|h| next_link(&h))
        .and_then(|n| resolve(&n, &final_url));
    let buf = JsFuture::from(resp.array_buffer().map_err(|e| js_text(&e))?)
        .await
        .map_err(|e| format!("{url}: reading the body failed ({})", js_text(&e)))?;
    Ok(Fetched {
        url: final_url,
        body: js_sys::Uint8Array::new(&buf).to_vec(),
        total,
        next,
    })
}

#[cfg(target_arch = "wasm32")]
fn js_text(v: &wasm_bindgen::JsValue) -> String {
    v.as_string()
        .or_else(|| {
            js_sys::Reflect::get(v, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| "unknown error".into())
}

/// `href` against `base`, like a browser does.
#[cfg(target_arch = "wasm32")]
fn resolve(href: &str, base: &str) -> Option<String> {
    web_sys::Url::new_with_base(href, base)
        .ok()
        .map(|u| u.href())
}

/// Resolves a URL from the page (feeds given as `/ocpi/versions` are relative to it).
#[cfg(target_arch = "wasm32")]
pub fn absolute(url: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .unwrap_or_default();
    resolve(url, &base).unwrap_or_else(|| url.to_string())
}

/// Loads a feed from `start`, handing each page to `on_page` and progress to `on_progress`.
/// Returns the endpoints it found, or the error of the page that failed (with where to resume).
#[cfg(target_arch = "wasm32")]
pub async fn load_feed(
    start: Step,
    tariffs_after: Option<String>,
    on_progress: &dyn Fn(Progress),
    on_page: &dyn Fn(Page),
) -> Result<Endpoints, FeedError> {
    let mut found = Endpoints::default();
    // The tariffs endpoint still to read once the locations are done.
    let mut pending_tariffs = tariffs_after;
    let mut step = Some(start);
    let mut progress = Progress {
        stage: "endpoints",
        ..Progress::default()
    };
    while let Some(s) = step.take() {
        let url = match &s {
            Step::Discover(u) | Step::Locations(u) | Step::Tariffs(u) => absolute(u),
        };
        let page = match fetch(&url).await {
            Ok(p) => p,
            Err(message) => {
                return Err(FeedError {
                    message,
                    resume: s,
                    tariffs_after: pending_tariffs,
                    endpoints: found,
                });
            }
        };
        let kind_of_step = match &s {
            Step::Discover(_) => {
                let doc: Option<Value> = serde_json::from_slice(&page.body).ok();
                if let Some(doc) = &doc
                    && let Some(details) = best_version(doc)
                {
                    step = Some(Step::Discover(
                        resolve(&details, &page.url).unwrap_or(details),
                    ));
                    continue;
                }
                let eps = doc.as_ref().map(endpoints).unwrap_or_default();
                if eps.locations.is_some() || eps.tariffs.is_some() {
                    found = eps.clone();
                    step = match (eps.locations, eps.tariffs) {
                        (Some(l), t) => {
                            pending_tariffs = t;
                            Some(Step::Locations(l))
                        }
                        (None, t) => t.map(Step::Tariffs),
                    };
                    continue;
                }
                None
            }
            Step::Locations(_) => Some(Kind::Location),
            Step::Tariffs(_) => Some(Kind::Tariff),
        };
        let (kind, data) = read_page(&page.url, &page.body);
        let kind = kind_of_step.or(kind);
        let is_tariffs = match kind {
            Some(Kind::Tariff) => true,
            Some(Kind::Location) => false,
            _ => {
                return Err(FeedError {
                    message: format!(
                        "{url}: neither an OCPI versions list, version details, nor Locations or Tariffs data"
                    ),
                    resume: s,
                    tariffs_after: pending_tariffs,
                    endpoints: found,
                });
            }
        };
        let stage = if is_tariffs { "tariffs" } else { "locations" };
        if progress.stage != stage {
            progress = Progress {
                stage,
                ..Progress::default()
            };
        }
        progress.pages += 1;
        progress.items += if is_tariffs {
            data.tariffs.len()
        } else {
            data.locations.len()
        } as u64;
        progress.total = page.total.or(progress.total);
        on_page(data);
        on_progress(progress.clone());
        step = match page.next {
            Some(n) if is_tariffs => Some(Step::Tariffs(n)),
            Some(n) => Some(Step::Locations(n)),
            None if !is_tariffs => pending_tariffs.take().map(Step::Tariffs),
            None => None,
        };
    }
    progress.stage = "done";
    on_progress(progress);
    Ok(found)
}

/// The locations endpoint with `date_from` set, for a refresh of what changed since `since`.
pub fn changed_since(endpoint: &str, since: jiff::Timestamp) -> String {
    let sep = if endpoint.contains('?') { '&' } else { '?' };
    let stamp = since.strftime("%Y-%m-%dT%H:%M:%SZ").to_string();
    format!("{endpoint}{sep}date_from={}", stamp.replace(':', "%3A"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_headers() {
        assert_eq!(
            next_link(r#"<https://x.example/ocpi/2.2.1/locations?offset=50&limit=50>; rel="next""#),
            Some("https://x.example/ocpi/2.2.1/locations?offset=50&limit=50".into())
        );
        assert_eq!(
            next_link(r#"<https://a/prev>; rel="prev", </next?o=2>; rel=next"#),
            Some("/next?o=2".into())
        );
        assert_eq!(next_link(r#"<https://a/prev>; rel="prev""#), None);
        assert_eq!(next_link("garbage"), None);
    }

    #[test]
    fn discovery_documents() {
        let versions: Value = serde_json::from_str(
            r#"{"data":[{"version":"2.1.1","url":"https://a/2.1.1"},{"version":"2.2.1","url":"https://a/2.2.1"}],"status_code":1000}"#,
        )
        .expect("json");
        assert_eq!(best_version(&versions), Some("https://a/2.2.1".into()));
        let details: Value = serde_json::from_str(
            r#"{"data":{"version":"2.2.1","endpoints":[
                {"identifier":"locations","role":"RECEIVER","url":"https://a/receiver"},
                {"identifier":"locations","role":"SENDER","url":"https://a/locations"},
                {"identifier":"tariffs","role":"SENDER","url":"https://a/tariffs"}]}}"#,
        )
        .expect("json");
        assert_eq!(
            endpoints(&details),
            Endpoints {
                locations: Some("https://a/locations".into()),
                tariffs: Some("https://a/tariffs".into())
            }
        );
        assert_eq!(best_version(&details), None);
    }

    #[test]
    fn pages_are_read_by_the_core() {
        let page = br#"{"data":[{"country_code":"NL","party_id":"ABC","id":"1","publish":true,
            "address":"a","city":"c","country":"NLD","coordinates":{"latitude":"52.1","longitude":"5.1"},
            "last_updated":"2025-01-01T00:00:00Z"}],"status_code":1000,"timestamp":"2025-01-01T00:00:00Z"}"#;
        let (kind, data) = read_page("p1", page);
        assert_eq!(kind, Some(Kind::Location));
        assert_eq!(data.locations.len(), 1);
        assert!(data.errors > 0, "time_zone and evses are required");
        assert_eq!(
            changed_since(
                "https://a/l?limit=50",
                "2025-01-15T10:00:00Z".parse().expect("ts")
            ),
            "https://a/l?limit=50&date_from=2025-01-15T10%3A00%3A00Z"
        );
    }
}
