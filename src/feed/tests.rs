//! The sans-IO core driven with scripted responses and a fake clock.

use super::*;
use crate::spec::Version;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

const START_MS: i64 = 1_750_000_000_000;
const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures");

fn fixture(rel: &str) -> Vec<u8> {
    std::fs::read(format!("{FIXTURES}/{rel}")).expect("fixture exists")
}

/// What a scripted run saw.
struct Run {
    fetch: FeedFetch,
    requests: Vec<Request>,
    events: Vec<Event>,
    /// Sleeps the fetch asked for, in ms.
    waits: Vec<i64>,
    end_ms: i64,
}

impl Run {
    fn report(&self) -> FetchReport {
        self.fetch.report()
    }
    fn urls(&self) -> Vec<&str> {
        self.requests.iter().map(|r| r.url.as_str()).collect()
    }
    fn ids(&self) -> Vec<&str> {
        self.fetch.store().items().iter().map(|i| i.id()).collect()
    }
    fn codes(&self) -> Vec<&'static str> {
        self.report()
            .failed_pages
            .iter()
            .map(|f| f.error.code())
            .collect()
    }
    fn pages(&self) -> Vec<&PageRead> {
        self.events
            .iter()
            .filter_map(|e| match e {
                Event::Page(p) => Some(p),
                _ => None,
            })
            .collect()
    }
}

/// Drives `fetch` to its end; `answer` gets each request and the time, and returns the outcome.
fn drive(
    mut fetch: FeedFetch,
    mut answer: impl FnMut(&Request, i64) -> Result<Response, TransportError>,
) -> Run {
    let mut now = START_MS;
    let mut requests = Vec::new();
    let mut events = Vec::new();
    let mut waits = Vec::new();
    for _ in 0..10_000 {
        match fetch.next_step(now) {
            Step::Done => {
                return Run {
                    fetch,
                    requests,
                    events,
                    waits,
                    end_ms: now,
                };
            }
            Step::Event(e) => events.push(e),
            Step::Wait { until_ms } => {
                assert!(until_ms > now, "a wait must lie in the future");
                waits.push(until_ms - now);
                now = until_ms;
            }
            Step::Send(request) => {
                let outcome = answer(&request, now);
                requests.push(request.clone());
                fetch.receive(now, request.id, outcome);
            }
        }
    }
    panic!("the fetch did not end");
}

/// The first request of a fetch, past its events.
fn first_send(fetch: &mut FeedFetch, now: i64) -> Request {
    loop {
        match fetch.next_step(now) {
            Step::Send(r) => return r,
            Step::Event(_) => {}
            other => panic!("expected a request, got {other:?}"),
        }
    }
}

fn config(url: &str) -> FetchConfig {
    let mut c = FetchConfig::new(url);
    c.retry = RetryPolicy {
        max_retries: 3,
        base_delay_ms: 100,
        max_delay_ms: 1_000,
        max_retry_after_ms: 60_000,
    };
    c
}

fn envelope(data: &str) -> String {
    format!(
        r#"{{"data": {data}, "status_code": 1000, "status_message": "Success", "timestamp": "2025-06-01T10:00:00Z"}}"#
    )
}

fn ok(body: impl Into<Vec<u8>>) -> Result<Response, TransportError> {
    Ok(Response::new(200, body))
}

/// A 2.2.1 location with the given EVSEs (uid, status).
fn location(id: &str, updated: &str, evses: &[(&str, &str)]) -> String {
    let evses: Vec<String> = evses
        .iter()
        .map(|(uid, status)| {
            format!(
                r#"{{"uid": "{uid}", "evse_id": "NL*ABC*E{uid}", "status": "{status}",
                "connectors": [{{"id": "1", "standard": "IEC_62196_T2", "format": "SOCKET",
                "power_type": "AC_3_PHASE", "max_voltage": 230, "max_amperage": 16,
                "max_electric_power": 11000, "last_updated": "{updated}"}}],
                "last_updated": "{updated}"}}"#
            )
        })
        .collect();
    format!(
        r#"{{"country_code": "NL", "party_id": "ABC", "id": "{id}", "publish": true,
        "address": "Street 1", "city": "Town", "postal_code": "1234AB", "country": "NLD",
        "coordinates": {{"latitude": "52.370000", "longitude": "4.890000"}},
        "time_zone": "Europe/Amsterdam", "evses": [{}], "last_updated": "{updated}"}}"#,
        evses.join(",")
    )
}

fn locations(ids: &[&str]) -> String {
    let items: Vec<String> = ids
        .iter()
        .map(|id| location(id, "2025-05-01T00:00:00Z", &[("1", "AVAILABLE")]))
        .collect();
    format!("[{}]", items.join(","))
}

// --- discovery ---

#[test]
fn discovery_2_1_1_from_the_spec_examples() {
    // The 2.1.1 example lists 2.1.1 and 2.0; its details list endpoints without roles.
    let versions = fixture("ocpi-spec-examples/2.1.1/versions_info_example.json");
    let details = r#"{"version": "2.1.1", "endpoints": [
        {"identifier": "credentials", "url": "https://example.com/ocpi/cpo/2.1.1/credentials/"},
        {"identifier": "locations", "url": "https://example.com/ocpi/cpo/2.1.1/locations/"}]}"#;
    let page = format!(
        "[{}]",
        String::from_utf8(fixture("ocpi-spec-examples/2.1.1/location_example.json")).unwrap()
    );
    let run = drive(
        FeedFetch::new(config("https://example.com/ocpi/cpo/versions")),
        |r, _| match r.url.as_str() {
            "https://example.com/ocpi/cpo/versions" => ok(versions.clone()),
            "https://example.com/ocpi/cpo/2.1.1/" => ok(envelope(details)),
            "https://example.com/ocpi/cpo/2.1.1/locations/" => ok(envelope(&page)),
            other => panic!("unexpected {other}"),
        },
    );
    let report = run.report();
    assert_eq!(report.version, Some(Version::V2_1_1));
    assert_eq!(report.module, Some(Module::Locations));
    assert_eq!(
        report.endpoint.as_deref(),
        Some("https://example.com/ocpi/cpo/2.1.1/locations/")
    );
    assert_eq!(run.ids(), ["LOC1"]);
    assert!(report.is_complete(), "{:?}", report.failed_pages);
    assert_eq!(run.pages()[0].version, Some(Version::V2_1_1));
    assert!(run.events.iter().any(|e| matches!(
        e,
        Event::Discovered {
            version: Some(Version::V2_1_1),
            module: Module::Locations,
            ..
        }
    )));
}

#[test]
fn discovery_2_2_1_takes_the_sender_endpoint() {
    // The spec's example lists a RECEIVER `locations` endpoint (the eMSP's) besides the SENDER.
    let versions = envelope(
        &String::from_utf8(fixture(
            "ocpi-spec-examples/2.2.1/versions_info_example.json",
        ))
        .unwrap(),
    );
    let details = String::from_utf8(fixture(
        "ocpi-spec-examples/2.2.1/version_details_example2.json",
    ))
    .unwrap()
    .replace("\"version\": \"2.2\"", "\"version\": \"2.2.1\"");
    let run = drive(
        FeedFetch::new(config("https://www.server.com/ocpi/versions")),
        |r, _| match r.url.as_str() {
            "https://www.server.com/ocpi/versions" => ok(versions.clone()),
            "https://www.server.com/ocpi/2.2.1" => ok(envelope(&details)),
            "https://example.com/ocpi/cpo/2.2/locations" => ok(envelope(&locations(&["A"]))),
            other => panic!("unexpected {other}"),
        },
    );
    assert_eq!(run.report().version, Some(Version::V2_2_1));
    assert_eq!(run.ids(), ["A"]);
    assert!(run.report().is_complete());
}

#[test]
fn discovery_2_3_0_for_tariffs() {
    let versions = envelope(
        r#"[{"version": "2.1.1", "url": "/ocpi/2.1.1"}, {"version": "2.2.1", "url": "/ocpi/2.2.1"},
            {"version": "2.3.0", "url": "/ocpi/2.3.0"}, {"version": "3.0", "url": "/ocpi/3.0"}]"#,
    );
    let details = envelope(
        r#"{"version": "2.3.0", "endpoints": [
            {"identifier": "locations", "role": "SENDER", "url": "https://h.example/ocpi/2.3.0/locations"},
            {"identifier": "tariffs", "role": "SENDER", "url": "tariffs"}]}"#,
    );
    let tariff = fixture("ocpi-spec-examples/2.3.0/tariff_1_simple_2hour.json");
    let page = envelope(&format!("[{}]", String::from_utf8(tariff).unwrap()));
    let mut c = config("https://h.example/ocpi/versions");
    c.module = Some(Module::Tariffs);
    let run = drive(FeedFetch::new(c), |r, _| match r.url.as_str() {
        "https://h.example/ocpi/versions" => ok(versions.clone()),
        "https://h.example/ocpi/2.3.0" => ok(details.clone()),
        // A relative endpoint URL resolves against the details URL.
        "https://h.example/ocpi/tariffs" => ok(page.clone()),
        other => panic!("unexpected {other}"),
    });
    let report = run.report();
    assert_eq!(report.version, Some(Version::V2_3_0));
    assert_eq!(report.module, Some(Module::Tariffs));
    assert_eq!(run.ids(), ["12"]);
    assert!(matches!(
        run.fetch.store().items()[0].object,
        FeedObject::Tariff(_)
    ));
}

#[test]
fn an_exact_label_wins_over_the_withdrawn_one_of_the_same_version() {
    let versions = r#"[{"version": "2.2", "url": "https://h.example/2.2"},
                       {"version": "2.2.1", "url": "https://h.example/2.2.1"},
                       {"version": "2.1.1", "url": "https://h.example/2.1.1"}]"#;
    let run = drive(
        FeedFetch::new(config("https://h.example/versions")),
        |r, _| {
            match r.url.as_str() {
                "https://h.example/versions" => ok(versions),
                // The details of 2.2.1 list no locations: the fetch ends there, after one details request.
                _ => ok(envelope(
                    r#"{"version": "2.2.1", "endpoints": [{"identifier": "credentials", "role": "SENDER", "url": "https://h.example/c"}]}"#,
                )),
            }
        },
    );
    assert_eq!(
        run.urls(),
        ["https://h.example/versions", "https://h.example/2.2.1"]
    );
    assert_eq!(run.codes(), ["no-endpoint"]);
    assert!(run.report().read_nothing());
}

#[test]
fn no_common_version_names_what_was_offered() {
    let run = drive(
        FeedFetch::new(config("https://h.example/versions")),
        |_, _| {
            ok(envelope(
                r#"[{"version": "2.0", "url": "https://h.example/2.0"}, {"version": "3.0", "url": "https://h.example/3.0"}]"#,
            ))
        },
    );
    let report = run.report();
    assert_eq!(run.codes(), ["no-common-version"]);
    let message = report.failed_pages[0].error.to_string();
    assert!(message.contains("2.0, 3.0"), "{message}");
    assert!(report.read_nothing());
}

#[test]
fn a_receiver_endpoint_is_not_read() {
    let details = envelope(
        r#"{"version": "2.2.1", "endpoints": [{"identifier": "locations", "role": "RECEIVER", "url": "https://h.example/l"}]}"#,
    );
    let run = drive(
        FeedFetch::new(config("https://h.example/2.2.1/details")),
        |_, _| ok(details.clone()),
    );
    assert_eq!(run.codes(), ["no-endpoint"]);
    assert_eq!(run.requests.len(), 1);
}

#[test]
fn a_direct_module_url_gets_limit_and_date_from_and_its_label() {
    let mut c = config("https://h.example/ocpi/2.2.1/locations");
    c.page_limit = Some(50);
    c.date_from = Some("2025-05-01T00:00:00Z".parse().unwrap());
    let run = drive(FeedFetch::new(c), |_, _| {
        ok(envelope(&locations(&["A", "B"])))
    });
    assert_eq!(
        run.urls(),
        ["https://h.example/ocpi/2.2.1/locations?limit=50&date_from=2025-05-01T00%3A00%3A00Z"]
    );
    assert_eq!(run.report().version, Some(Version::V2_2_1));
    assert_eq!(run.ids(), ["A", "B"]);
}

#[test]
fn a_module_page_is_recognised_from_the_response() {
    // The URL says nothing; the response is a page of tariffs.
    let tariff =
        String::from_utf8(fixture("ocpi-spec-examples/2.2.1/tariff_2_alt_text.json")).unwrap();
    let run = drive(
        FeedFetch::new(config("https://h.example/open-data/feed")),
        |_, _| ok(envelope(&format!("[{tariff}]"))),
    );
    let report = run.report();
    assert_eq!(report.module, Some(Module::Tariffs));
    assert_eq!(report.version, Some(Version::V2_2_1));
    assert_eq!(run.requests.len(), 1);
    assert_eq!(run.ids(), ["12"]);
}

#[test]
fn a_recognised_page_is_asked_again_with_the_configured_filters() {
    let mut c = config("https://h.example/feed");
    c.page_limit = Some(10);
    let run = drive(FeedFetch::new(c), |_, _| ok(envelope(&locations(&["A"]))));
    assert_eq!(
        run.urls(),
        ["https://h.example/feed", "https://h.example/feed?limit=10"]
    );
    assert_eq!(run.report().pages, 1);
}

#[test]
fn a_page_that_is_no_ocpi_fails_as_not_ocpi() {
    let run = drive(FeedFetch::new(config("https://h.example/")), |_, _| {
        ok(r#"{"hello": "world"}"#)
    });
    assert_eq!(run.codes(), ["not-ocpi"]);
    let run = drive(FeedFetch::new(config("ftp://h.example/")), |_, _| {
        panic!("no request")
    });
    assert_eq!(run.codes(), ["url-invalid"]);
    let run = drive(FeedFetch::new(config("")), |_, _| panic!("no request"));
    assert_eq!(run.codes(), ["url-invalid"]);
}

// --- Link ---

#[test]
fn link_headers_are_read_as_rfc_8288_says() {
    let base = url::Url::parse("https://h.example/ocpi/2.2.1/locations?offset=0").unwrap();
    let next = |v: &str| link::next_link([v], &base);
    // Several links, `next` not first; quoted parameters holding commas and semicolons.
    assert_eq!(
        next(r#"<https://h.example/p?o=0>; rel="prev"; title="a, b; c", <https://h.example/p?o=2&l=2>; rel="next""#)
            .unwrap()
            .unwrap()
            .as_str(),
        "https://h.example/p?o=2&l=2"
    );
    // A target holding a comma; rel as a token, in capitals, among other relation types.
    assert_eq!(
        next("<https://h.example/p?ids=1,2>;REL=Next")
            .unwrap()
            .unwrap()
            .as_str(),
        "https://h.example/p?ids=1,2"
    );
    assert_eq!(
        next(r#"<https://h.example/z>; rel="last next""#)
            .unwrap()
            .unwrap()
            .as_str(),
        "https://h.example/z"
    );
    // A relative target resolves against the request URL.
    assert_eq!(
        next(r#"<?offset=50&limit=50>; rel="next""#)
            .unwrap()
            .unwrap()
            .as_str(),
        "https://h.example/ocpi/2.2.1/locations?offset=50&limit=50"
    );
    // RFC 8187 extended value, escaped quote in a quoted string, empty parameters.
    assert_eq!(
        next(r#"<https://h.example/e>; title="say \"hi\""; ; rel*=UTF-8'en'next"#)
            .unwrap()
            .unwrap()
            .as_str(),
        "https://h.example/e"
    );
    // Only the first `rel` counts.
    assert_eq!(
        next(r#"<https://h.example/x>; rel="prev"; rel="next""#).unwrap(),
        None
    );
    // No next link: the last page.
    assert_eq!(
        next(r#"<https://h.example/first>; rel="first""#).unwrap(),
        None
    );
    assert_eq!(next("").unwrap(), None);
    // Broken: no brackets, an open bracket, an open quote, a foreign scheme.
    for broken in [
        r#"https://h.example/p2; rel="next""#,
        r#"<https://h.example/p2; rel="next""#,
        r#"<https://h.example/p2>; rel="next"#,
        r#"<javascript:alert(1)>; rel="next""#,
        r#"<https://h.example/p2> rel="next""#,
    ] {
        assert!(next(broken).is_err(), "{broken}");
    }
    // Parsed links keep their parameters.
    let links =
        link::parse_links(r##"<a>; rel="next"; type="text/html", <b>; anchor="#x""##).unwrap();
    assert_eq!(links.len(), 2);
    assert_eq!(
        links[0].params[1],
        ("type".into(), Some("text/html".into()))
    );
    assert_eq!(links[1].target, "b");
}

#[test]
fn pages_follow_link_headers_several_of_them() {
    let run = drive(
        FeedFetch::new(config("https://h.example/2.2.1/locations")),
        |r, _| match r.url.as_str() {
            "https://h.example/2.2.1/locations" => {
                Ok(Response::new(200, envelope(&locations(&["A", "B"])))
                    .with_header(
                        "Link",
                        r#"<https://h.example/2.2.1/locations>; rel="first""#,
                    )
                    .with_header("link", r#"</2.2.1/locations?offset=2&limit=2>; rel="next""#)
                    .with_header("X-Total-Count", "3")
                    .with_header("X-Limit", "2"))
            }
            "https://h.example/2.2.1/locations?offset=2&limit=2" => {
                Ok(Response::new(200, envelope(&locations(&["C"])))
                    .with_header("X-Total-Count", "3"))
            }
            other => panic!("unexpected {other}"),
        },
    );
    assert_eq!(run.ids(), ["A", "B", "C"]);
    assert!(run.report().is_complete());
    assert_eq!(run.report().total, Some(3));
}

// --- offset / limit and progress ---

#[test]
fn offset_paging_when_only_the_total_is_given_with_progress() {
    let all = ["A", "B", "C", "D", "E"];
    let run = drive(
        FeedFetch::new(config("https://h.example/2.2.1/locations")),
        |r, _| {
            let url = url::Url::parse(&r.url).unwrap();
            let offset: usize = url
                .query_pairs()
                .find(|(k, _)| k == "offset")
                .map(|(_, v)| v.parse().unwrap())
                .unwrap_or(0);
            let end = (offset + 2).min(all.len());
            Ok(Response::new(200, envelope(&locations(&all[offset..end])))
                .with_header("X-Total-Count", "5")
                .with_header("X-Limit", "2"))
        },
    );
    assert_eq!(
        run.urls(),
        [
            "https://h.example/2.2.1/locations",
            "https://h.example/2.2.1/locations?offset=2&limit=2",
            "https://h.example/2.2.1/locations?offset=4&limit=2",
        ]
    );
    assert_eq!(run.ids(), all);
    let progress: Vec<Progress> = run
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Progress(p) => Some(*p),
            _ => None,
        })
        .collect();
    assert_eq!(progress.len(), 3);
    assert_eq!(
        progress
            .iter()
            .map(|p| (p.pages, p.items, p.total, p.limit))
            .collect::<Vec<_>>(),
        [
            (1, 2, Some(5), Some(2)),
            (2, 4, Some(5), Some(2)),
            (3, 5, Some(5), Some(2))
        ]
    );
    let bytes: u64 = run.pages().iter().map(|p| p.bytes as u64).sum();
    assert_eq!(progress[2].bytes, bytes);
    assert_eq!(run.report().bytes, bytes);
}

#[test]
fn a_server_that_ignores_offset_is_stopped_as_a_repeated_page() {
    let run = drive(
        FeedFetch::new(config("https://h.example/2.2.1/locations")),
        |_, _| {
            Ok(Response::new(200, envelope(&locations(&["A", "B"])))
                .with_header("X-Total-Count", "10"))
        },
    );
    assert_eq!(run.requests.len(), 2);
    assert_eq!(run.codes(), ["page-repeated"]);
    assert_eq!(run.ids(), ["A", "B"]);
    assert!(!run.report().read_nothing());
}

// --- non-standard page shapes ---

#[test]
fn non_standard_page_shapes_are_read() {
    // A bare array, then a framework wrapper with a body `next`, then `data` as one object,
    // then a Spring page paged by its total.
    let run = drive(
        FeedFetch::new(config("https://h.example/2.2.1/locations")),
        |r, _| {
            match r.url.as_str() {
            "https://h.example/2.2.1/locations" => Ok(Response::new(200, locations(&["A"]))
                .with_header("Link", r#"<https://h.example/p2>; rel="next""#)),
            "https://h.example/p2" => ok(format!(
                r#"{{"items": {}, "next": "/p3", "total": 9}}"#,
                locations(&["B"])
            )),
            "https://h.example/p3" => Ok(Response::new(200, format!(
                r#"{{"data": {}, "status_code": 1000, "timestamp": "2025-06-01T10:00:00Z"}}"#,
                location("C", "2025-05-01T00:00:00Z", &[])
            ))
            .with_header("Link", "</p4?offset=3>; rel=next")),
            // The total of the body ends paging: offset 3 + 1 item = 4.
            "https://h.example/p4?offset=3" => ok(format!(
                r#"{{"content": {}, "totalElements": 4, "last": true}}"#,
                locations(&["D"])
            )),
            other => panic!("unexpected {other}"),
        }
        },
    );
    assert_eq!(run.ids(), ["A", "B", "C", "D"]);
    assert!(
        run.report().is_complete(),
        "{:?}",
        run.report().failed_pages
    );
    // Each non-standard shape is reported on its page.
    let pages = run.pages();
    assert!(
        pages[0]
            .diagnostics
            .iter()
            .any(|d| d.code.as_str() == "wrapper-non-standard")
    );
    assert!(
        pages[1]
            .diagnostics
            .iter()
            .any(|d| d.code.as_str() == "wrapper-non-standard")
    );
}

#[test]
fn items_carry_their_diagnostics_and_model() {
    // The second location has a number as latitude and no time zone.
    let bad = location("B", "2025-05-01T00:00:00Z", &[("1", "AVAILABLE")])
        .replace(r#""latitude": "52.370000""#, r#""latitude": 52.37"#)
        .replace(r#""time_zone": "Europe/Amsterdam", "#, "");
    let page = format!(
        "[{}, {bad}]",
        location("A", "2025-05-01T00:00:00Z", &[("1", "AVAILABLE")])
    );
    let run = drive(
        FeedFetch::new(config("https://h.example/2.2.1/locations")),
        |_, _| ok(envelope(&page)),
    );
    let items = run.fetch.store().items();
    assert!(
        items[0]
            .diagnostics
            .iter()
            .all(|d| d.severity != crate::Severity::Error)
    );
    let codes: Vec<&str> = items[1]
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert!(codes.contains(&"field-coerced"), "{codes:?}");
    assert!(codes.contains(&"field-missing"), "{codes:?}");
    assert!(
        items[1]
            .diagnostics
            .iter()
            .all(|d| d.pointer.starts_with("/data/1"))
    );
    let FeedObject::Location(l) = &items[1].object else {
        panic!()
    };
    assert_eq!(l.coordinates.as_ref().unwrap().lat, 52.37);
    assert_eq!(l.source.file, "https://h.example/2.2.1/locations");
    assert_eq!(items[1].json["coordinates"]["latitude"], 52.37);
    assert!(run.report().diagnostics_summary.errors >= 1);
}

// --- date_from refresh ---

#[test]
fn a_refresh_merges_by_id_and_last_updated_and_drops_removed_evses() {
    // Before: A (two EVSEs), B (updated in June), C.
    let before = format!(
        "[{}, {}, {}]",
        location(
            "A",
            "2025-05-01T00:00:00Z",
            &[("1", "AVAILABLE"), ("2", "AVAILABLE")]
        ),
        location("B", "2025-06-10T00:00:00Z", &[("1", "AVAILABLE")]),
        location("C", "2025-05-01T00:00:00Z", &[("1", "CHARGING")])
    );
    let first = drive(
        FeedFetch::new(config("https://h.example/2.2.1/locations")),
        |_, _| ok(envelope(&before)),
    );
    let store = first.fetch.into_store();
    assert_eq!(
        store.latest_update(),
        Some("2025-06-10T00:00:00Z".parse().unwrap())
    );
    // The refresh: A changed (EVSE 2 removed), an older copy of B, a new D.
    let changes = format!(
        "[{}, {}, {}]",
        location(
            "A",
            "2025-06-15T00:00:00Z",
            &[("1", "AVAILABLE"), ("2", "REMOVED")]
        ),
        location("B", "2025-06-01T00:00:00Z", &[]),
        location("D", "2025-06-15T00:00:00Z", &[("1", "AVAILABLE")])
    );
    let mut c = config("https://h.example/2.2.1/locations");
    c.date_from = store.latest_update();
    let run = drive(FeedFetch::with_store(c, store), |r, _| {
        assert!(
            r.url.contains("date_from=2025-06-10T00%3A00%3A00Z"),
            "{}",
            r.url
        );
        Ok(Response::new(200, envelope(&changes)).with_header(
            "Link",
            r#"<https://h.example/2.2.1/locations?offset=3>; rel="next""#,
        ))
        .and_then(|resp| {
            if r.url.contains("offset=3") {
                ok(envelope("[]"))
            } else {
                Ok(resp)
            }
        })
    });
    // The next link forgot `date_from`: it is kept on every page.
    assert!(
        run.urls()[1].contains("offset=3") && run.urls()[1].contains("date_from="),
        "{:?}",
        run.urls()
    );
    assert_eq!(run.ids(), ["A", "B", "C", "D"]);
    let items = run.fetch.store().items();
    let FeedObject::Location(a) = &items[0].object else {
        panic!()
    };
    assert_eq!(
        a.evses.iter().map(|e| e.uid.as_str()).collect::<Vec<_>>(),
        ["1"]
    );
    assert_eq!(items[0].json["evses"].as_array().unwrap().len(), 1);
    assert_eq!(
        a.last_updated,
        Some("2025-06-15T00:00:00Z".parse().unwrap())
    );
    // B kept its newer copy.
    assert_eq!(
        items[1].last_updated(),
        Some("2025-06-10T00:00:00Z".parse().unwrap())
    );
    let page = run.pages()[0].clone();
    assert_eq!(
        (
            page.added,
            page.replaced,
            page.kept_newer,
            page.removed_evses
        ),
        (1, 1, 1, 1)
    );
    assert_eq!(run.report().removed_evses, 1);
}

#[test]
fn items_without_an_id_are_kept_and_personal_data_is_not() {
    let no_id = location("", "2025-05-01T00:00:00Z", &[]);
    let private = location("P", "2025-05-01T00:00:00Z", &[]).replace(
        r#""publish": true"#,
        r#""publish": false, "publish_allowed_to": [{"uid": "12345678"}]"#,
    );
    let run = drive(
        FeedFetch::new(config("https://h.example/2.2.1/locations")),
        |_, _| ok(envelope(&format!("[{no_id}, {no_id}, {private}]"))),
    );
    let items = run.fetch.store().items();
    assert_eq!(items.len(), 3);
    assert!(items[0].key.is_none());
    assert!(items[2].json.get("publish_allowed_to").is_none());
    assert_eq!(items[2].json["publish"], false);
}

// --- faults ---

#[test]
fn server_errors_are_retried_with_bounded_jittered_backoff() {
    let mut calls = 0;
    let run = drive(
        FeedFetch::new(config("https://h.example/2.2.1/locations")),
        |_, _| {
            calls += 1;
            if calls <= 2 {
                Ok(Response::new(503, "busy"))
            } else {
                ok(envelope(&locations(&["A"])))
            }
        },
    );
    assert_eq!(run.requests.len(), 3);
    assert!(run.report().is_complete());
    assert_eq!(run.waits.len(), 2);
    // Equal jitter: retry n waits between half and all of base * 2^(n-1).
    assert!((50..=100).contains(&run.waits[0]), "{:?}", run.waits);
    assert!((100..=200).contains(&run.waits[1]), "{:?}", run.waits);
    let retries: Vec<u32> = run
        .events
        .iter()
        .filter_map(|e| match e {
            Event::Retrying { retry, fault, .. } => {
                assert_eq!(fault.code(), "server-error");
                Some(*retry)
            }
            _ => None,
        })
        .collect();
    assert_eq!(retries, [1, 2]);
    // The same seed gives the same delays.
    let mut again = 0;
    let second = drive(
        FeedFetch::new(config("https://h.example/2.2.1/locations")),
        |_, _| {
            again += 1;
            if again <= 2 {
                Ok(Response::new(503, ""))
            } else {
                ok(envelope("[]"))
            }
        },
    );
    assert_eq!(run.waits, second.waits);
}

#[test]
fn retries_end_and_what_was_read_before_is_kept() {
    let run = drive(
        FeedFetch::new(config("https://h.example/2.2.1/locations")),
        |r, _| {
            if r.url.ends_with("/locations") {
                Ok(Response::new(200, envelope(&locations(&["A", "B"])))
                    .with_header("Link", r#"<https://h.example/p2>; rel="next""#))
            } else {
                Ok(Response::new(
                    500,
                    r#"{"status_code": 3000, "status_message": "db down", "timestamp": "2025-06-01T10:00:00Z"}"#,
                ))
            }
        },
    );
    assert_eq!(run.requests.len(), 1 + 4);
    let report = run.report();
    assert_eq!(run.ids(), ["A", "B"]);
    assert_eq!(report.items, 2);
    assert_eq!(report.failed_pages.len(), 1);
    assert_eq!(report.failed_pages[0].url, "https://h.example/p2");
    assert_eq!(
        report.failed_pages[0].error,
        Fault::ServerError { status: 500 }
    );
    assert!(!report.read_nothing());
    assert!(!report.is_complete());
}

#[test]
fn too_many_requests_honours_retry_after_seconds_and_dates() {
    let mut calls = 0;
    let run = drive(
        FeedFetch::new(config("https://h.example/2.2.1/locations")),
        |_, now| {
            calls += 1;
            match calls {
                1 => Ok(Response::new(429, "").with_header("Retry-After", "3")),
                2 => {
                    let at = std::time::UNIX_EPOCH
                        + std::time::Duration::from_millis((now + 5_000) as u64);
                    Ok(Response::new(429, "")
                        .with_header("Retry-After", &httpdate::fmt_http_date(at)))
                }
                _ => ok(envelope(&locations(&["A"]))),
            }
        },
    );
    assert_eq!(run.waits, [3_000, 5_000]);
    assert!(run.report().is_complete());
    assert_eq!(run.end_ms - START_MS, 8_000);
}

#[test]
fn a_retry_after_beyond_the_limit_fails_at_once() {
    let run = drive(
        FeedFetch::new(config("https://h.example/2.2.1/locations")),
        |_, _| Ok(Response::new(429, "").with_header("Retry-After", "3600")),
    );
    assert_eq!(run.requests.len(), 1);
    assert_eq!(
        run.report().failed_pages[0].error,
        Fault::RateLimited {
            retry_after_ms: Some(3_600_000)
        }
    );
    // 429 without Retry-After: backoff, then rate-limited.
    let run = drive(
        FeedFetch::new(config("https://h.example/2.2.1/locations")),
        |_, _| Ok(Response::new(429, "")),
    );
    assert_eq!(run.requests.len(), 4);
    assert_eq!(run.codes(), ["rate-limited"]);
}

#[test]
fn connection_errors_and_timeouts_are_retried() {
    let mut calls = 0;
    let run = drive(
        FeedFetch::new(config("https://h.example/2.2.1/locations")),
        |_, _| {
            calls += 1;
            match calls {
                1 => Err(TransportError::Connection("connection refused".into())),
                2 => Err(TransportError::Timeout),
                _ => ok(envelope(&locations(&["A"]))),
            }
        },
    );
    assert!(run.report().is_complete());
    assert_eq!(run.requests.len(), 3);
    let run = drive(
        FeedFetch::new(config("https://h.example/2.2.1/locations")),
        |_, _| Err(TransportError::Connection("connection reset".into())),
    );
    assert_eq!(run.codes(), ["connection"]);
    assert!(
        run.report().failed_pages[0]
            .error
            .to_string()
            .contains("connection reset")
    );
    assert!(run.report().read_nothing());
}

#[test]
fn the_core_enforces_the_deadline_of_a_request_in_flight() {
    let mut c = config("https://h.example/2.2.1/locations");
    c.timeout_ms = 2_000;
    c.retry.max_retries = 0;
    let mut fetch = FeedFetch::new(c);
    let request = first_send(&mut fetch, START_MS);
    assert_eq!(request.timeout_ms, 2_000);
    // The transport never answers: the fetch waits until the deadline, then gives up.
    assert_eq!(
        fetch.next_step(START_MS + 10),
        Step::Wait {
            until_ms: START_MS + 2_000
        }
    );
    let Step::Event(Event::Failed(failed)) = fetch.next_step(START_MS + 2_000) else {
        panic!()
    };
    assert_eq!(failed.error, Fault::Timeout { after_ms: 2_000 });
    // A late answer is ignored.
    fetch.receive(
        START_MS + 3_000,
        request.id,
        ok(envelope(&locations(&["A"]))),
    );
    assert_eq!(fetch.next_step(START_MS + 3_000), Step::Done);
    assert!(fetch.store().is_empty());
}

#[test]
fn ocpi_error_envelopes_fail_the_page() {
    let run = drive(
        FeedFetch::new(config("https://h.example/2.2.1/locations")),
        |_, _| {
            ok(
                r#"{"status_code": 2001, "status_message": "Invalid or missing parameters", "timestamp": "2025-06-01T10:00:00Z"}"#,
            )
        },
    );
    assert_eq!(
        run.report().failed_pages[0].error,
        Fault::OcpiStatus {
            code: 2001,
            message: Some("Invalid or missing parameters".into())
        }
    );
    assert!(run.report().read_nothing());
    // On the versions endpoint too, and as the body of an HTTP error.
    let run = drive(
        FeedFetch::new(config("https://h.example/versions")),
        |_, _| {
            ok(
                r#"{"status_code": 3002, "status_message": "Unsupported version", "timestamp": "2025-06-01T10:00:00Z"}"#,
            )
        },
    );
    assert_eq!(run.codes(), ["ocpi-status"]);
    let run = drive(
        FeedFetch::new(config("https://h.example/versions")),
        |_, _| {
            Ok(Response::new(
                404,
                r#"{"status_code": 2003, "status_message": "Unknown location", "timestamp": "2025-06-01T10:00:00Z"}"#,
            ))
        },
    );
    assert_eq!(
        run.report().failed_pages[0].error,
        Fault::HttpStatus {
            status: 404,
            message: Some("OCPI status 2003, Unknown location".into())
        }
    );
}

#[test]
fn truncated_json_keeps_the_items_before_the_cut_and_follows_the_link() {
    let full = envelope(&locations(&["A", "B", "C"]));
    let cut = &full[..full.find(r#""id": "C""#).unwrap()];
    let run = drive(
        FeedFetch::new(config("https://h.example/2.2.1/locations")),
        |r, _| {
            if r.url.ends_with("/locations") {
                Ok(Response::new(200, cut)
                    .with_header("Link", r#"<https://h.example/p2>; rel="next""#))
            } else {
                ok(envelope(&locations(&["D"])))
            }
        },
    );
    assert_eq!(run.ids(), ["A", "B", "D"]);
    assert_eq!(run.codes(), ["json-invalid"]);
    assert_eq!(
        run.report().failed_pages[0].url,
        "https://h.example/2.2.1/locations"
    );
    assert_eq!(run.report().pages, 2);
    assert_eq!(run.report().pages_ok, 1);
}

#[test]
fn a_broken_link_ends_paging_with_the_header_named() {
    let run = drive(
        FeedFetch::new(config("https://h.example/2.2.1/locations")),
        |_, _| {
            Ok(Response::new(200, envelope(&locations(&["A"])))
                .with_header("Link", r#"<https://h.example/p2; rel="next""#))
        },
    );
    assert_eq!(run.ids(), ["A"]);
    let error = &run.report().failed_pages[0].error;
    assert_eq!(error.code(), "link-invalid");
    assert!(
        error
            .to_string()
            .contains(r#"<https://h.example/p2; rel="next""#)
    );
}

#[test]
fn a_next_loop_is_stopped() {
    let run = drive(
        FeedFetch::new(config("https://h.example/2.2.1/locations")),
        |r, _| {
            let (items, next) = if r.url.ends_with("/locations") {
                (["A"], "https://h.example/p2?b=2&a=1")
            } else {
                (["B"], "https://h.example/p2?a=1&b=2")
            };
            Ok(Response::new(200, envelope(&locations(&items)))
                .with_header("Link", &format!("<{next}>; rel=\"next\""))
                .with_header(
                    "Link",
                    r#"<https://h.example/2.2.1/locations>; rel="first""#,
                ))
        },
    );
    assert_eq!(run.requests.len(), 2);
    assert_eq!(run.ids(), ["A", "B"]);
    assert_eq!(run.codes(), ["next-loop"]);
}

#[test]
fn unauthorized_tries_the_other_token_form_once() {
    let mut c = config("https://h.example/ocpi/2.2.1/locations");
    c.auth = Auth::token("secret-token");
    let run = drive(FeedFetch::new(c), |_, _| Ok(Response::new(401, "")));
    let auth: Vec<&str> = run
        .requests
        .iter()
        .map(|r| {
            r.headers
                .iter()
                .find(|(k, _)| k == "Authorization")
                .unwrap()
                .1
                .as_str()
        })
        .collect();
    // 2.2.1 (from the URL): Base64 first, then as given.
    assert_eq!(auth, ["Token c2VjcmV0LXRva2Vu", "Token secret-token"]);
    assert_eq!(run.codes(), ["unauthorized"]);
    // Anonymous: one request.
    let run = drive(
        FeedFetch::new(config("https://h.example/x/locations")),
        |_, _| Ok(Response::new(403, "")),
    );
    assert_eq!(run.requests.len(), 1);
    assert_eq!(run.codes(), ["unauthorized"]);
}

#[test]
fn credentials_come_from_the_token_and_the_header_source_and_are_never_printed() {
    let seen = Arc::new(AtomicI64::new(0));
    let seen_in = seen.clone();
    let totp = move |now: i64| {
        seen_in.store(now, Ordering::SeqCst);
        vec![("TOTP".to_string(), format!("0 T{}", now % 1000))]
    };
    let mut c = config("https://h.example/ocpi/2.1.1/locations");
    c.auth = Auth::token("plain-secret").with_headers(Arc::new(totp));
    let mut fetch = FeedFetch::new(c.clone());
    let request = first_send(&mut fetch, START_MS + 123);
    assert_eq!(seen.load(Ordering::SeqCst), START_MS + 123);
    assert!(
        request
            .headers
            .contains(&("Authorization".into(), "Token plain-secret".into()))
    );
    assert!(request.headers.contains(&("TOTP".into(), "0 T123".into())));
    let printed = format!("{request:?} {c:?} {fetch:?}");
    assert!(!printed.contains("plain-secret"), "{printed}");
    assert!(!printed.contains("T123"), "{printed}");
    let mut fixed = Auth::token("t");
    fixed.encoding = TokenEncoding::Base64;
    assert_eq!(fixed.request_headers(None, false, 0)[0].1, "Token dA==");
}

#[test]
fn max_pages_and_max_bytes_stop_the_fetch() {
    let endless = |r: &Request, _| {
        let n: usize = r
            .url
            .rsplit('=')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        Ok(
            Response::new(200, envelope(&locations(&[&format!("L{n}")]))).with_header(
                "Link",
                &format!("<https://h.example/l?page={}>; rel=\"next\"", n + 1),
            ),
        )
    };
    let mut c = config("https://h.example/2.2.1/locations");
    c.max_pages = 3;
    let run = drive(FeedFetch::new(c), endless);
    assert_eq!(run.ids(), ["L0", "L1", "L2"]);
    assert_eq!(run.codes(), ["max-pages"]);
    assert_eq!(
        run.report().failed_pages[0].url,
        "https://h.example/l?page=3"
    );

    // A byte budget smaller than the second page: the transport is told, and cuts.
    let page_size = envelope(&locations(&["L0"])).len() as u64;
    let mut c = config("https://h.example/2.2.1/locations");
    c.max_bytes = page_size + page_size / 2;
    let run = drive(FeedFetch::new(c), |r, now| {
        let mut response = endless(r, now)?;
        if response.body.len() as u64 > r.max_body_bytes {
            response.body.truncate(r.max_body_bytes as usize);
            response.body_truncated = true;
        }
        Ok(response)
    });
    assert_eq!(run.requests[1].max_body_bytes, page_size / 2);
    assert_eq!(run.ids(), ["L0"]);
    assert_eq!(run.codes(), ["max-bytes"]);
    assert_eq!(run.report().bytes, c_bytes(page_size));
}

fn c_bytes(page_size: u64) -> u64 {
    page_size + page_size / 2
}

#[test]
fn cancellation_ends_the_fetch_and_keeps_what_was_read() {
    let mut fetch = FeedFetch::new(config("https://h.example/2.2.1/locations"));
    let first = first_send(&mut fetch, START_MS);
    fetch.receive(
        START_MS,
        first.id,
        Ok(Response::new(200, envelope(&locations(&["A"])))
            .with_header("Link", r#"<https://h.example/p2>; rel="next""#)),
    );
    let mut now = START_MS;
    let second = loop {
        match fetch.next_step(now) {
            Step::Send(r) => break r,
            Step::Event(_) => {}
            other => panic!("{other:?}"),
        }
        now += 1;
    };
    // Cancelled while the second request is in flight; its answer arrives too late.
    fetch.cancel();
    fetch.receive(now, second.id, ok(envelope(&locations(&["B"]))));
    let mut events = Vec::new();
    loop {
        match fetch.next_step(now) {
            Step::Done => break,
            Step::Event(e) => events.push(e),
            other => panic!("{other:?}"),
        }
    }
    let report = fetch.report();
    assert_eq!(
        fetch
            .store()
            .items()
            .iter()
            .map(|i| i.id())
            .collect::<Vec<_>>(),
        ["A"]
    );
    assert_eq!(
        report.failed_pages,
        [FailedPage {
            url: "https://h.example/p2".into(),
            error: Fault::Cancelled
        }]
    );

    // Cancelled during a backoff wait.
    let mut fetch = FeedFetch::new(config("https://h.example/2.2.1/locations"));
    let r = first_send(&mut fetch, START_MS);
    fetch.receive(START_MS, r.id, Ok(Response::new(502, "")));
    assert!(matches!(
        fetch.next_step(START_MS),
        Step::Event(Event::Retrying { .. })
    ));
    assert!(matches!(fetch.next_step(START_MS), Step::Wait { .. }));
    fetch.cancel();
    assert!(matches!(
        fetch.next_step(START_MS),
        Step::Event(Event::Failed(FailedPage {
            error: Fault::Cancelled,
            ..
        }))
    ));
    assert_eq!(fetch.next_step(START_MS), Step::Done);
    assert!(fetch.report().read_nothing());
}

#[test]
fn retry_after_reads_seconds_and_http_dates() {
    let now = 1_445_412_480_000; // Wed, 21 Oct 2015 07:28:00 GMT
    assert_eq!(retry_after_ms("120", now), Some(120_000));
    assert_eq!(
        retry_after_ms("Wed, 21 Oct 2015 07:28:30 GMT", now),
        Some(30_000)
    );
    assert_eq!(
        retry_after_ms("Wednesday, 21-Oct-15 07:28:10 GMT", now),
        Some(10_000)
    );
    assert_eq!(retry_after_ms("Wed Oct 21 07:28:05 2015", now), Some(5_000));
    assert_eq!(
        retry_after_ms("Wed, 21 Oct 2015 07:00:00 GMT", now),
        Some(0)
    );
    assert_eq!(retry_after_ms("soon", now), None);
    assert_eq!(retry_after_ms("-5", now), None);
}

#[test]
fn backoff_grows_to_its_cap() {
    let policy = RetryPolicy {
        max_retries: 10,
        base_delay_ms: 100,
        max_delay_ms: 1_000,
        max_retry_after_ms: 0,
    };
    let mut b = Backoff::new(7);
    for retry in 1..=10 {
        let full = (100u64 << (retry - 1)).min(1_000);
        let d = b.delay_ms(&policy, retry);
        assert!(d >= full / 2 && d <= full, "retry {retry}: {d}");
    }
    assert!(b.delay_ms(&policy, u32::MAX) <= 1_000);
}

#[test]
fn every_fault_has_a_documented_code() {
    let docs = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for code in Fault::CODES {
        assert!(
            docs.contains(&format!("`{code}`")),
            "README lacks the fault code {code}"
        );
    }
    let json = serde_json::to_value(Fault::NextLoop { url: "u".into() }).unwrap();
    assert_eq!(json["code"], "next-loop");
    let event = Event::Failed(FailedPage {
        url: "u".into(),
        error: Fault::Cancelled,
    });
    let json = serde_json::to_value(event).unwrap();
    assert_eq!(json["type"], "failed");
    assert_eq!(json["error"]["code"], "cancelled");
    let json = serde_json::to_value(Event::Progress(Progress {
        pages: 2,
        ..Progress::default()
    }))
    .unwrap();
    assert_eq!(
        (json["type"].as_str(), json["pages"].as_u64()),
        (Some("progress"), Some(2))
    );
}
