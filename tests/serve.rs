//! The open-data server over real HTTP on loopback: the router runs in-process on
//! `127.0.0.1:0`, a reqwest client talks to it.

#![cfg(feature = "server")]

use ocpi_feed_gen::{FeedOptions, GenVersion, generate_json};
use ocpi_open_data::serve::{self, Protection, Reload, ServeOptions, Source, State};
use ocpi_open_data::totp::{BasicCarrier, Totp, TotpAuthorization, TotpHeader, TotpOptions};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

// ---------------------------------------------------------------- helpers

fn example_path(version: &str, name: &str) -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/fixtures/ocpi-spec-examples/"
    ))
    .join(version)
    .join(name)
}

fn example(version: &str, name: &str) -> Value {
    let path = example_path(version, name);
    let bytes =
        std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn bytes(name: &str, value: &Value) -> Source {
    Source::Bytes {
        name: name.to_string(),
        bytes: serde_json::to_vec(value).expect("serialisable").into(),
    }
}

/// Starts the router on a free loopback port; the server lives as long as the runtime.
async fn start(state: State) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, serve::router(state)).await });
    format!("http://{addr}")
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(Duration::from_secs(20))
        .build()
        .expect("client")
}

/// A client that neither asks for nor decodes compression.
fn identity_client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .no_gzip()
        .timeout(Duration::from_secs(20))
        .build()
        .expect("client")
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: Value,
    text: String,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    fn data(&self) -> &Value {
        &self.body["data"]
    }

    fn ids(&self) -> Vec<String> {
        self.data()
            .as_array()
            .expect("data array")
            .iter()
            .map(|i| i["id"].as_str().expect("id").to_string())
            .collect()
    }

    /// The URL of `Link: <...>; rel="next"`.
    fn next(&self) -> Option<String> {
        let link = self.header("link")?;
        assert!(link.ends_with("; rel=\"next\""), "{link}");
        Some(link[1..link.find('>').expect("<url>")].to_string())
    }
}

async fn get(client: &reqwest::Client, url: &str) -> Answer {
    send(client.get(url)).await
}

async fn send(request: reqwest::RequestBuilder) -> Answer {
    let response = request.send().await.expect("request");
    let status = response.status();
    let headers = response.headers().clone();
    let text = response.text().await.expect("body");
    let body = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
    };
    Answer {
        status,
        headers,
        body,
        text,
    }
}

fn assert_envelope(a: &Answer, status_code: u64) {
    let body = a.body.as_object().expect("envelope object");
    assert_eq!(body["status_code"], status_code, "{}", a.text);
    assert!(body["status_message"].is_string(), "{}", a.text);
    let ts = body["timestamp"].as_str().expect("timestamp");
    assert!(
        ts.parse::<jiff::Timestamp>().is_ok() && ts.ends_with('Z'),
        "{ts}"
    );
    assert!(body.contains_key("data"), "{}", a.text);
    assert_eq!(a.header("content-type"), Some("application/json"));
}

/// An OCPI error answer: HTTP status, OCPI code, `data` null, a message containing `needle`.
fn assert_error(a: &Answer, http: u16, code: u64, needle: &str) {
    assert_eq!(a.status.as_u16(), http, "{}", a.text);
    assert_envelope(a, code);
    assert!(a.data().is_null(), "{}", a.text);
    let message = a.body["status_message"].as_str().expect("message");
    assert!(message.contains(needle), "{message:?} lacks {needle:?}");
}

/// Follows `Link` from `url` to the last page; returns the ids in order and the pages seen.
async fn walk(client: &reqwest::Client, url: &str) -> (Vec<String>, Vec<Answer>) {
    let mut ids = Vec::new();
    let mut pages = Vec::new();
    let mut next = Some(url.to_string());
    while let Some(url) = next {
        let page = get(client, &url).await;
        assert_eq!(page.status, StatusCode::OK, "{url}: {}", page.text);
        ids.extend(page.ids());
        next = page.next();
        pages.push(page);
        assert!(pages.len() < 1000, "paging does not end");
    }
    (ids, pages)
}

/// A 2.2.1 location with the given id and `last_updated`.
fn location_221(id: &str, last_updated: &str) -> Value {
    json!({
        "country_code": "NL", "party_id": "EXA", "id": id, "publish": true,
        "address": "Street 1", "city": "Town", "country": "NLD",
        "coordinates": {"latitude": "52.000000", "longitude": "4.000000"},
        "evses": [{
            "uid": format!("{id}-E1"), "evse_id": "NL*EXA*E1", "status": "AVAILABLE",
            "connectors": [{
                "id": "1", "standard": "IEC_62196_T2", "format": "SOCKET",
                "power_type": "AC_3_PHASE", "max_voltage": 230, "max_amperage": 16,
                "last_updated": last_updated
            }],
            "last_updated": last_updated
        }],
        "time_zone": "Europe/Amsterdam",
        "last_updated": last_updated
    })
}

fn envelope_of(items: Vec<Value>) -> Value {
    json!({"data": items, "status_code": 1000, "timestamp": "2024-01-01T00:00:00Z"})
}

/// What the core's own reading says the published locations of these bytes are.
fn published_ids(files: &[(&str, &[u8])]) -> Vec<String> {
    let (_, feed) = ocpi_open_data::model::read_feed(files, |_| Default::default());
    feed.locations
        .iter()
        .filter(|l| l.is_public())
        .map(|l| l.id.clone())
        .collect()
}

// ---------------------------------------------------------------- tests

#[tokio::test]
async fn spec_examples_of_every_version_are_served_in_their_version() {
    let mut sources = Vec::new();
    for (version, files) in [
        (
            "2.1.1",
            &["location_example.json", "tariff_4_complex.json"][..],
        ),
        (
            "2.2.1",
            &[
                "location_example.json",
                "location_example_uc2_destination_charger.json",
                "location_example_uc3_destination_charger_not_published.json",
                "location_example_uc4_limited_visibility.json",
                "tariff_1_simple_2hour.json",
                "tariff_4_complex.json",
            ][..],
        ),
        (
            "2.3.0",
            &["location_example.json", "tariff_4_complex.json"][..],
        ),
    ] {
        for file in files {
            sources.push(Source::Path(example_path(version, file)));
        }
    }
    let base = start(State::load(sources).expect("load")).await;
    let c = client();

    let versions = get(&c, &format!("{base}/ocpi/versions")).await;
    assert_eq!(versions.status, StatusCode::OK);
    assert_envelope(&versions, 1000);
    assert_eq!(
        versions.data(),
        &json!([
            {"version": "2.1.1", "url": format!("{base}/ocpi/2.1.1")},
            {"version": "2.2.1", "url": format!("{base}/ocpi/2.2.1")},
            {"version": "2.3.0", "url": format!("{base}/ocpi/2.3.0")},
        ])
    );

    // 2.1.1 endpoints have no role; from 2.2.1 on they are the SENDER interface.
    let details = get(&c, &format!("{base}/ocpi/2.1.1")).await;
    assert_eq!(
        details.data(),
        &json!({"version": "2.1.1", "endpoints": [
            {"identifier": "locations", "url": format!("{base}/ocpi/2.1.1/locations")},
            {"identifier": "tariffs", "url": format!("{base}/ocpi/2.1.1/tariffs")},
        ]})
    );
    for version in ["2.2.1", "2.3.0"] {
        let details = get(&c, &format!("{base}/ocpi/{version}")).await;
        assert_eq!(
            details.data(),
            &json!({"version": version, "endpoints": [
                {"identifier": "locations", "role": "SENDER", "url": format!("{base}/ocpi/{version}/locations")},
                {"identifier": "tariffs", "role": "SENDER", "url": format!("{base}/ocpi/{version}/tariffs")},
            ]})
        );
    }

    // Each clean example comes back as it was: the version served is the version of the file.
    for version in ["2.1.1", "2.2.1", "2.3.0"] {
        let page = get(&c, &format!("{base}/ocpi/{version}/locations")).await;
        assert_envelope(&page, 1000);
        assert_eq!(
            page.data()[0],
            example(version, "location_example.json"),
            "{version}"
        );
        let tariffs = get(&c, &format!("{base}/ocpi/{version}/tariffs")).await;
        let last = tariffs.data().as_array().expect("tariffs").last().cloned();
        assert_eq!(
            last,
            Some(example(version, "tariff_4_complex.json")),
            "{version}"
        );
    }

    // The two unpublished 2.2.1 examples are not served.
    let page = get(&c, &format!("{base}/ocpi/2.2.1/locations")).await;
    assert_eq!(page.header("x-total-count"), Some("2"));
    assert_eq!(
        page.ids(),
        [
            example("2.2.1", "location_example.json")["id"]
                .as_str()
                .expect("id"),
            example("2.2.1", "location_example_uc2_destination_charger.json")["id"]
                .as_str()
                .expect("id"),
        ]
    );
}

#[tokio::test]
async fn paging_follows_link_to_the_last_page() {
    let feed = generate_json(&FeedOptions {
        locations: 250,
        seed: 11,
        version: GenVersion::V221,
        deviation_rate: 0.05,
    });
    let expected = published_ids(&[("locations.json", feed.locations_envelope.as_bytes())]);
    assert!(expected.len() > 200, "{}", expected.len());
    let state = State::load_with(
        [Source::Bytes {
            name: "locations.json".into(),
            bytes: feed.locations_envelope.as_bytes().into(),
        }],
        ServeOptions {
            page_limit: 100,
            base_url: Some("https://open.example/base/".into()),
            ..ServeOptions::default()
        },
    )
    .expect("load");
    let base = start(state).await;
    let c = client();
    let total = expected.len().to_string();

    // A limit under the maximum is honoured and carried by every next link; the links use the
    // configured base URL, so the walk goes through the real server by replacing it.
    let first = get(&c, &format!("{base}/ocpi/2.2.1/locations?limit=60")).await;
    assert_eq!(first.header("x-limit"), Some("60"));
    assert_eq!(first.header("x-total-count"), Some(total.as_str()));
    assert_eq!(
        first.next().as_deref(),
        Some("https://open.example/base/ocpi/2.2.1/locations?offset=60&limit=60")
    );
    let mut ids = first.ids();
    let mut next = first.next();
    let mut pages = 1;
    while let Some(url) = next {
        let local = url.replace("https://open.example/base", &base);
        let page = get(&c, &local).await;
        assert_eq!(page.header("x-limit"), Some("60"));
        assert_eq!(page.header("x-total-count"), Some(total.as_str()));
        ids.extend(page.ids());
        next = page.next();
        pages += 1;
    }
    assert_eq!(ids, expected);
    assert_eq!(pages, expected.len().div_ceil(60));

    // Asking for more than the maximum gets the maximum.
    let capped = get(&c, &format!("{base}/ocpi/2.2.1/locations?limit=5000")).await;
    assert_eq!(capped.header("x-limit"), Some("100"));
    assert_eq!(capped.ids().len(), 100);
    assert!(
        capped
            .next()
            .expect("next")
            .ends_with("offset=100&limit=100")
    );
    // No limit: the maximum.
    let default = get(&c, &format!("{base}/ocpi/2.2.1/locations")).await;
    assert_eq!(default.header("x-limit"), Some("100"));
    // The last page has no next link; past the end, an empty page.
    let last = get(&c, &format!("{base}/ocpi/2.2.1/locations?offset=200")).await;
    assert_eq!(last.ids(), expected[200..]);
    assert_eq!(last.next(), None);
    let beyond = get(&c, &format!("{base}/ocpi/2.2.1/locations?offset=9999")).await;
    assert_eq!(beyond.status, StatusCode::OK);
    assert_eq!(beyond.data(), &json!([]));
    assert_eq!(beyond.header("x-total-count"), Some(total.as_str()));
    assert_eq!(beyond.next(), None);
}

#[tokio::test]
async fn date_from_is_inclusive_and_date_to_exclusive() {
    // Not in time order, as real feeds are not: a date range can pick items apart.
    let times = [
        "2024-01-01T00:00:00Z",
        "2024-01-02T00:00:00Z",
        "2024-01-02T00:00:00Z",
        "2024-01-03T00:00:00Z",
        "2024-01-01T12:00:00Z",
    ];
    let items = times
        .iter()
        .enumerate()
        .map(|(i, t)| location_221(&format!("L{i}"), t))
        .collect();
    let state = State::load([bytes("locations_2.2.1.json", &envelope_of(items))]).expect("load");
    let base = start(state).await;
    let c = client();
    let url = format!("{base}/ocpi/2.2.1/locations");
    for (query, ids, total) in [
        ("date_from=2024-01-02T00:00:00Z", &["L1", "L2", "L3"][..], 3),
        ("date_to=2024-01-02T00:00:00Z", &["L0", "L4"][..], 2),
        (
            "date_from=2024-01-02T00:00:00Z&date_to=2024-01-03T00:00:00Z",
            &["L1", "L2"][..],
            2,
        ),
        ("date_from=2024-01-02T00:00:01Z", &["L3"][..], 1),
        ("date_to=2024-01-01T00:00:00Z", &[][..], 0),
        (
            "date_from=2024-01-01T12:00:00Z&offset=1&limit=2",
            &["L2", "L3"][..],
            4,
        ),
        // No zone: UTC, as OCPI says.
        ("date_from=2024-01-03T00:00:00", &["L3"][..], 1),
    ] {
        let page = get(&c, &format!("{url}?{query}")).await;
        assert_eq!(page.ids(), ids, "{query}");
        assert_eq!(
            page.header("x-total-count"),
            Some(total.to_string().as_str()),
            "{query}"
        );
    }
    // The next link carries the filters.
    let (ids, pages) = walk(
        &c,
        &format!("{url}?date_from=2024-01-02T00:00:00Z&date_to=2024-01-03T00:00:00Z&limit=1"),
    )
    .await;
    assert_eq!(ids, ["L1", "L2"]);
    assert_eq!(
        pages[0].next().as_deref(),
        Some(
            format!("{url}?offset=1&limit=1&date_from=2024-01-02T00%3A00%3A00Z&date_to=2024-01-03T00%3A00%3A00Z")
                .as_str()
        )
    );
    let (ids, _) = walk(&c, &format!("{url}?date_to=2024-01-02T00:00:00Z&limit=1")).await;
    assert_eq!(ids, ["L0", "L4"]);
    let bad = get(&c, &format!("{url}?date_from=yesterday")).await;
    assert_error(&bad, 400, 2001, "date_from");
}

#[tokio::test]
async fn single_location_evse_and_connector_and_404_shapes() {
    let location = example("2.2.1", "location_example.json");
    // Another location first, so that the example's EVSEs are not at the start of the text.
    let state = State::load([
        Source::Path(example_path(
            "2.2.1",
            "location_example_uc2_destination_charger.json",
        )),
        Source::Path(example_path("2.2.1", "location_example.json")),
    ])
    .expect("load");
    let base = start(state).await;
    let c = client();
    let id = location["id"].as_str().expect("id");
    let evse = &location["evses"][1];
    let uid = evse["uid"].as_str().expect("uid");
    let connector = &evse["connectors"][0];
    let cid = connector["id"].as_str().expect("id");
    let url = format!("{base}/ocpi/2.2.1/locations");

    let one = get(&c, &format!("{url}/{id}")).await;
    assert_eq!(one.status, StatusCode::OK);
    assert_envelope(&one, 1000);
    assert_eq!(one.data(), &location);
    assert_eq!(one.header("x-total-count"), None, "not a list");
    let one = get(&c, &format!("{url}/{id}/{uid}")).await;
    assert_eq!(one.data(), evse);
    let one = get(&c, &format!("{url}/{id}/{uid}/{cid}")).await;
    assert_eq!(one.data(), connector);
    // Ids are CiString: case does not matter.
    let one = get(&c, &format!("{url}/{}", id.to_lowercase())).await;
    assert_eq!(one.data()["id"], id);

    assert_error(&get(&c, &format!("{url}/NOPE")).await, 404, 2003, "NOPE");
    assert_error(
        &get(&c, &format!("{url}/{id}/NOPE")).await,
        404,
        2003,
        "no EVSE `NOPE`",
    );
    assert_error(
        &get(&c, &format!("{url}/{id}/{uid}/9")).await,
        404,
        2003,
        "connector `9`",
    );
    assert_error(
        &get(&c, &format!("{base}/ocpi/2.1.1/locations")).await,
        404,
        2000,
        "Version `2.1.1` is not served",
    );
    assert_error(
        &get(&c, &format!("{base}/ocpi/2.2.1/tariffs")).await,
        404,
        2000,
        "No tariffs are served",
    );
    assert_error(
        &get(&c, &format!("{base}/ocpi/2.2.1/cdrs")).await,
        404,
        2000,
        "No endpoint",
    );
    assert_error(
        &get(&c, &format!("{base}/elsewhere")).await,
        404,
        2000,
        "No endpoint",
    );
    assert_error(&send(c.post(&url)).await, 405, 2000, "read-only");
    assert_error(
        &get(&c, &format!("{url}?limit=0")).await,
        400,
        2001,
        "limit",
    );
    assert_error(
        &get(&c, &format!("{url}?offset=-3")).await,
        400,
        2001,
        "offset",
    );
    // Trailing slashes of list endpoints are the same endpoint.
    assert_eq!(get(&c, &format!("{url}/")).await.ids().len(), 2);
}

#[tokio::test]
async fn unpublished_locations_and_publish_allowed_to_never_leave() {
    let mut hidden = location_221("HIDDEN", "2024-01-01T00:00:00Z");
    hidden["publish"] = json!(false);
    // `publish` missing but a list of allowed drivers: unpublished (the model's reading).
    let mut implied = location_221("IMPLIED", "2024-01-01T00:00:00Z");
    implied.as_object_mut().expect("object").remove("publish");
    implied["publish_allowed_to"] = json!([{"uid": "0102030405", "type": "RFID"}]);
    let mut leaky = location_221("LEAKY", "2024-01-01T00:00:00Z");
    leaky["publish_allowed_to"] = json!([{"visual_number": "12345-67", "issuer": "X"}]);
    leaky["evses"][0]["publish_allowed_to"] = json!([{"uid": "nested"}]);
    leaky["evses"][0]["connectors"][0]["publish_allowed_to"] = json!("deeper");
    let feed = envelope_of(vec![hidden, implied, leaky]);
    let state = State::load([
        bytes("locations_2.2.1.json", &feed),
        Source::Path(example_path(
            "2.2.1",
            "location_example_uc4_limited_visibility.json",
        )),
    ])
    .expect("load");
    assert_eq!(
        state.snapshot().summary().versions[0].locations_unpublished,
        3
    );
    let base = start(state).await;
    let c = client();
    let url = format!("{base}/ocpi/2.2.1/locations");

    let page = get(&c, &url).await;
    assert_eq!(page.ids(), ["LEAKY"]);
    assert_eq!(page.header("x-total-count"), Some("1"));
    for id in ["HIDDEN", "IMPLIED", "f76c2e0c-a6ef-4f67-bf23-6a187e5ca0e0"] {
        assert_error(&get(&c, &format!("{url}/{id}")).await, 404, 2003, id);
    }
    for path in ["", "/LEAKY", "/LEAKY/LEAKY-E1", "/LEAKY/LEAKY-E1/1"] {
        let a = get(&c, &format!("{url}{path}")).await;
        assert_eq!(a.status, StatusCode::OK, "{path}");
        assert!(!a.text.contains("publish_allowed_to"), "{path}: {}", a.text);
        assert!(
            !a.text.contains("12345-67") && !a.text.contains("nested"),
            "{path}"
        );
    }
    // Everything else of the location is still there.
    let one = get(&c, &format!("{url}/LEAKY")).await;
    assert_eq!(one.data()["evses"][0]["connectors"][0]["max_voltage"], 230);
}

#[tokio::test]
async fn cors_preflight_and_exposed_headers() {
    let state = State::load([bytes(
        "locations_2.2.1.json",
        &envelope_of(vec![location_221("L0", "2024-01-01T00:00:00Z")]),
    )])
    .expect("load");
    let base = start(state).await;
    let c = client();
    let url = format!("{base}/ocpi/2.2.1/locations");
    let preflight = send(
        c.request(reqwest::Method::OPTIONS, &url)
            .header("Origin", "https://map.example")
            .header("Access-Control-Request-Method", "GET")
            .header("Access-Control-Request-Headers", "authorization, totp"),
    )
    .await;
    assert!(preflight.status.is_success(), "{}", preflight.status);
    assert_eq!(preflight.header("access-control-allow-origin"), Some("*"));
    let allowed = preflight
        .header("access-control-allow-headers")
        .expect("allow-headers")
        .to_ascii_lowercase();
    assert!(
        allowed.contains("authorization") && allowed.contains("totp"),
        "{allowed}"
    );
    assert!(
        preflight
            .header("access-control-allow-methods")
            .expect("allow-methods")
            .contains("GET")
    );

    let page = send(c.get(&url).header("Origin", "https://map.example")).await;
    assert_eq!(page.header("access-control-allow-origin"), Some("*"));
    let exposed = page
        .header("access-control-expose-headers")
        .expect("expose-headers")
        .to_ascii_lowercase();
    for name in ["link", "x-total-count", "x-limit"] {
        assert!(exposed.contains(name), "{exposed} lacks {name}");
    }
}

#[tokio::test]
async fn gzip_when_the_client_asks() {
    let feed = generate_json(&FeedOptions {
        locations: 40,
        seed: 3,
        version: GenVersion::V230,
        deviation_rate: 0.0,
    });
    let state = State::load([Source::Bytes {
        name: "locations.json".into(),
        bytes: feed.locations_envelope.as_bytes().into(),
    }])
    .expect("load");
    let base = start(state).await;
    let url = format!("{base}/ocpi/2.3.0/locations");

    let raw = identity_client();
    let plain = raw.get(&url).send().await.expect("plain");
    assert_eq!(plain.headers().get("content-encoding"), None);
    let plain: Value = serde_json::from_slice(&plain.bytes().await.expect("body")).expect("JSON");
    let zipped = raw
        .get(&url)
        .header("Accept-Encoding", "gzip")
        .send()
        .await
        .expect("gzip");
    assert_eq!(
        zipped
            .headers()
            .get("content-encoding")
            .map(|v| v.as_bytes()),
        Some(&b"gzip"[..])
    );
    let zipped = zipped.bytes().await.expect("body");
    assert_eq!(&zipped[..2], &[0x1f, 0x8b], "gzip magic");
    let plain_len = serde_json::to_vec(&plain).expect("JSON").len();
    assert!(
        zipped.len() * 4 < plain_len,
        "{} vs {plain_len}",
        zipped.len()
    );
    // A client that decodes gzip gets the same data.
    let decoded = get(&client(), &url).await;
    assert_eq!(decoded.data(), &plain["data"]);
}

#[tokio::test]
async fn etag_answers_304_until_the_data_changes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("locations_2.2.1.json");
    write(
        &file,
        &envelope_of(vec![location_221("L0", "2024-01-01T00:00:00Z")]),
    );
    let state = State::load([file.clone()]).expect("load");
    let base = start(state.clone()).await;
    let c = client();
    let url = format!("{base}/ocpi/2.2.1/locations");

    let first = get(&c, &url).await;
    let etag = first.header("etag").expect("etag").to_string();
    assert!(etag.starts_with("W/\""), "{etag}");
    let again = send(c.get(&url).header("If-None-Match", &etag)).await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    assert!(again.text.is_empty());
    assert_eq!(again.header("etag"), Some(etag.as_str()));
    // A list of validators, and `*`, match too; another one does not.
    let listed = send(
        c.get(&url)
            .header("If-None-Match", format!("W/\"0\", {etag}")),
    )
    .await;
    assert_eq!(listed.status, StatusCode::NOT_MODIFIED);
    let star = send(c.get(&url).header("If-None-Match", "*")).await;
    assert_eq!(star.status, StatusCode::NOT_MODIFIED);
    let other = send(c.get(&url).header("If-None-Match", "W/\"0\"")).await;
    assert_eq!(other.status, StatusCode::OK);
    // Another page or another resource has another validator.
    let page2 = get(&c, &format!("{url}?offset=1")).await;
    assert_ne!(page2.header("etag"), Some(etag.as_str()));
    let versions = get(&c, &format!("{base}/ocpi/versions")).await;
    assert_ne!(versions.header("etag"), Some(etag.as_str()));

    write(
        &file,
        &envelope_of(vec![
            location_221("L0", "2024-01-01T00:00:00Z"),
            location_221("L1", "2024-01-01T00:00:00Z"),
        ]),
    );
    assert!(matches!(state.reload(), Ok(Reload::Replaced(_))));
    let changed = send(c.get(&url).header("If-None-Match", &etag)).await;
    assert_eq!(changed.status, StatusCode::OK);
    assert_eq!(changed.ids(), ["L0", "L1"]);
    assert_ne!(changed.header("etag"), Some(etag.as_str()));
}

fn write(path: &Path, value: &Value) {
    std::fs::write(path, serde_json::to_vec(value).expect("JSON")).expect("write");
}

/// Writes by renaming a complete file over the old one, as careful publishers do.
fn write_atomically(path: &Path, value: &Value) {
    let tmp = path.with_extension("json.tmp");
    write(&tmp, value);
    std::fs::rename(&tmp, path).expect("rename");
}

fn feed_of(n: usize, prefix: &str) -> Value {
    envelope_of(
        (0..n)
            .map(|i| location_221(&format!("{prefix}{i}"), "2024-01-01T00:00:00Z"))
            .collect(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reload_after_a_file_changes_while_requests_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("locations_2.2.1.json");
    write(&file, &feed_of(30, "OLD"));
    let state = State::load([dir.path().to_path_buf()]).expect("load");
    let events = Arc::new(AtomicUsize::new(0));
    let counter = events.clone();
    let watcher = state.watch(Duration::from_millis(25), move |_| {
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let base = start(state.clone()).await;
    let url = format!("{base}/ocpi/2.2.1/locations");

    // Four clients ask all the time; every answer must be whole and of one snapshot.
    let stop = Arc::new(AtomicBool::new(false));
    let seen_new = Arc::new(AtomicBool::new(false));
    let mut clients = Vec::new();
    for _ in 0..4 {
        let (stop, seen_new, url) = (stop.clone(), seen_new.clone(), url.clone());
        clients.push(tokio::spawn(async move {
            let c = client();
            let mut answers = 0usize;
            while !stop.load(Ordering::SeqCst) {
                let page = get(&c, &url).await;
                assert_eq!(page.status, StatusCode::OK, "{}", page.text);
                let ids = page.ids();
                let total = page.header("x-total-count").expect("total").to_string();
                assert_eq!(total, ids.len().to_string());
                let old = ids.len() == 30 && ids.iter().all(|i| i.starts_with("OLD"));
                let new = ids.len() == 45 && ids.iter().all(|i| i.starts_with("NEW"));
                assert!(old || new, "mixed answer: {ids:?}");
                if new {
                    seen_new.store(true, Ordering::SeqCst);
                }
                answers += 1;
            }
            answers
        }));
    }
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(!seen_new.load(Ordering::SeqCst));
    write_atomically(&file, &feed_of(45, "NEW"));
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while !seen_new.load(Ordering::SeqCst) {
        assert!(
            tokio::time::Instant::now() < deadline,
            "no reload within 10 s"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    tokio::time::sleep(Duration::from_millis(100)).await;
    stop.store(true, Ordering::SeqCst);
    let mut answers = 0;
    for handle in clients {
        answers += handle.await.expect("client task");
    }
    assert!(answers > 20, "{answers} answers");
    assert_eq!(state.reloads(), 1);
    assert_eq!(events.load(Ordering::SeqCst), 1);

    // A file cut off mid-write is not served: the previous data stays.
    std::fs::write(&file, br#"{"data":[{"country_code":"NL","id":"CUT"#).expect("write");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while events.load(Ordering::SeqCst) < 2 {
        assert!(tokio::time::Instant::now() < deadline, "no reload event");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(state.reloads(), 1);
    let page = get(&client(), &url).await;
    assert_eq!(page.ids().len(), 45);
    watcher.abort();
}

async fn protected_server() -> (String, Totp) {
    let totp = Totp::new("secure!Charging!", TotpOptions::default()).expect("valid");
    let state = State::load_with(
        [bytes(
            "locations_2.2.1.json",
            &envelope_of(vec![location_221("L0", "2024-01-01T00:00:00Z")]),
        )],
        ServeOptions {
            protection: Some(
                Protection::new(vec!["tok-abc".into()], Some(totp.clone())).expect("valid"),
            ),
            ..ServeOptions::default()
        },
    )
    .expect("load");
    (start(state).await, totp)
}

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

#[tokio::test]
async fn protected_mode_needs_a_token_and_a_valid_totp() {
    let (base, totp) = protected_server().await;
    let c = client();
    let url = format!("{base}/ocpi/2.2.1/locations");

    let missing = get(&c, &url).await;
    assert_error(&missing, 401, 2000, "`Authorization` header is missing");
    assert!(
        missing
            .header("www-authenticate")
            .expect("challenge")
            .contains("TOTP")
    );
    let no_totp = send(c.get(&url).header("Authorization", "Token tok-abc")).await;
    assert_error(&no_totp, 401, 2000, "a TOTP is required");

    // A TOTP of ten slots ago, and a right TOTP with a wrong token: the same answer.
    let stale = totp.tokens(now_ms() - 300_000, None).expect("time").current;
    let bad_totp = send(
        c.get(&url)
            .header("Authorization", "Token tok-abc")
            .header("TOTP", TotpHeader::plain(stale).to_value()),
    )
    .await;
    assert_error(&bad_totp, 401, 2000, "the token or the TOTP is not valid");
    let current = totp.tokens(now_ms(), None).expect("time").current;
    let bad_token = send(
        c.get(&url)
            .header("Authorization", "Token tok-xyz")
            .header("TOTP", TotpHeader::plain(current.clone()).to_value()),
    )
    .await;
    assert_eq!(
        bad_token.body["status_message"],
        bad_totp.body["status_message"]
    );

    // The three carriers, with the current TOTP.
    let good = send(
        c.get(&url)
            .header("Authorization", "Token tok-abc")
            .header("TOTP", TotpHeader::plain(current.clone()).to_value()),
    )
    .await;
    assert_eq!(good.status, StatusCode::OK, "{}", good.text);
    assert_eq!(good.ids(), ["L0"]);
    let basic = BasicCarrier {
        ocpi_token: "tok-abc".into(),
        totp: TotpHeader::plain(current.clone()),
    };
    let good = send(
        c.get(&url)
            .header("Authorization", basic.to_authorization()),
    )
    .await;
    assert_eq!(good.status, StatusCode::OK, "{}", good.text);
    let scheme = TotpAuthorization {
        login: "tok-abc".into(),
        totp: current,
        tlscb: false,
    };
    let good = send(
        c.get(&url)
            .header("Authorization", scheme.to_header_value()),
    )
    .await;
    assert_eq!(good.status, StatusCode::OK, "{}", good.text);

    // Every API path is protected; a browser's preflight is not (it carries no credentials).
    let versions = get(&c, &format!("{base}/ocpi/versions")).await;
    assert_eq!(versions.status, StatusCode::UNAUTHORIZED);
    let preflight = send(
        c.request(reqwest::Method::OPTIONS, &url)
            .header("Origin", "https://map.example")
            .header("Access-Control-Request-Method", "GET")
            .header("Access-Control-Request-Headers", "authorization, totp"),
    )
    .await;
    assert!(preflight.status.is_success());
}

#[tokio::test]
async fn generated_feeds_of_every_version() {
    for (version, label) in [
        (GenVersion::V211, "2.1.1"),
        (GenVersion::V221, "2.2.1"),
        (GenVersion::V230, "2.3.0"),
    ] {
        let feed = generate_json(&FeedOptions {
            locations: 120,
            seed: 5,
            version,
            deviation_rate: 0.1,
        });
        let files = [
            ("locations.json", feed.locations_envelope.as_bytes()),
            ("tariffs.json", feed.tariffs_envelope.as_bytes()),
        ];
        let expected = published_ids(&files);
        let (_, model) = ocpi_open_data::model::read_feed(&files, |_| Default::default());
        let state = State::load_with(
            files.iter().map(|(name, b)| Source::Bytes {
                name: name.to_string(),
                bytes: (*b).into(),
            }),
            ServeOptions {
                page_limit: 50,
                ..ServeOptions::default()
            },
        )
        .expect("load");
        let base = start(state).await;
        let c = client();
        let versions = get(&c, &format!("{base}/ocpi/versions")).await;
        assert_eq!(versions.data()[0]["version"], label);
        assert_eq!(versions.data().as_array().map(Vec::len), Some(1));
        let (ids, pages) = walk(&c, &format!("{base}/ocpi/{label}/locations")).await;
        assert_eq!(ids, expected, "{label}");
        assert_eq!(pages.len(), expected.len().div_ceil(50), "{label}");
        let (tariffs, _) = walk(&c, &format!("{base}/ocpi/{label}/tariffs")).await;
        assert_eq!(tariffs.len(), model.tariffs.len(), "{label}");
        // Each served location reads back as the same location of the same version.
        let first = get(
            &c,
            &format!("{base}/ocpi/{label}/locations/{}", expected[0]),
        )
        .await;
        let served = serde_json::to_vec(&json!([first.data()])).expect("JSON");
        let (reports, again) = ocpi_open_data::model::read_feed(
            &[(&format!("served_{label}.json"), &served[..])],
            |_| Default::default(),
        );
        assert_eq!(reports[0].version.map(|v| v.as_str()), Some(label));
        let original = model
            .locations
            .iter()
            .find(|l| l.id == expected[0])
            .expect("in the model");
        assert_eq!(again.locations[0].evses, original.evses, "{label}");
        assert_eq!(
            again.locations[0].coordinates, original.coordinates,
            "{label}"
        );
    }
}

#[tokio::test]
async fn a_static_directory_is_served_beside_the_api() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("index.html"),
        "<!doctype html><title>map</title>",
    )
    .expect("write");
    std::fs::write(dir.path().join("app.js"), "console.log(1)").expect("write");
    let state = State::load_with(
        [bytes(
            "locations_2.2.1.json",
            &envelope_of(vec![location_221("L0", "2024-01-01T00:00:00Z")]),
        )],
        ServeOptions {
            static_dir: Some(dir.path().to_path_buf()),
            ..ServeOptions::default()
        },
    )
    .expect("load");
    let base = start(state).await;
    let c = client();
    let text = |url: String| {
        let c = c.clone();
        async move {
            let r = c.get(url).send().await.expect("request");
            (r.status(), r.text().await.expect("text"))
        }
    };
    assert_eq!(
        text(format!("{base}/")).await.1,
        "<!doctype html><title>map</title>"
    );
    assert_eq!(text(format!("{base}/app.js")).await.1, "console.log(1)");
    // Paths the app routes itself get its page.
    let (status, body) = text(format!("{base}/validator")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("<title>map</title>"));
    // The API stays the API, errors included.
    assert_eq!(
        get(&c, &format!("{base}/ocpi/2.2.1/locations")).await.ids(),
        ["L0"]
    );
    assert_error(
        &get(&c, &format!("{base}/ocpi/nothing/here")).await,
        404,
        2000,
        "No endpoint",
    );
}
