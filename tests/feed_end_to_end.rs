#![cfg(all(feature = "fetch", feature = "server"))]
//! The feed client against the open-data server, end to end over loopback: discovery from the
//! versions URL, paging, a `date_from` refresh merged into what was read, and protected mode with
//! a token and a TOTP.

use ocpi_feed_gen::{FeedOptions, GenVersion, generate_json};
use ocpi_open_data::feed::native::{self, CancellationToken, NativeOptions, NativeTransport};
use ocpi_open_data::feed::{
    Auth, FeedFetch, FeedObject, FeedStore, FetchConfig, FetchReport, Module, RetryPolicy,
};
use ocpi_open_data::serve::{self, Protection, ServeOptions, Source, State};
use ocpi_open_data::spec::Version;
use ocpi_open_data::totp::{Totp, TotpOptions};
use serde_json::Value;
use std::sync::Arc;

const SECRET: &str = "a-shared-secret-of-the-operator";

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime")
}

/// Starts the router on a free loopback port, on `runtime`.
fn start(runtime: &tokio::runtime::Runtime, state: State) -> String {
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("address");
        tokio::spawn(async move { axum::serve(listener, serve::router(state)).await });
        format!("http://{addr}")
    })
}

fn config(url: String, module: Module, limit: u32) -> FetchConfig {
    let mut config = FetchConfig::new(url);
    config.module = Some(module);
    config.page_limit = Some(limit);
    config.timeout_ms = 10_000;
    config.retry = RetryPolicy {
        max_retries: 1,
        base_delay_ms: 10,
        max_delay_ms: 20,
        max_retry_after_ms: 100,
    };
    config
}

fn run(runtime: &tokio::runtime::Runtime, mut fetch: FeedFetch) -> (FetchReport, FeedStore) {
    let transport = NativeTransport::new(&NativeOptions::default()).expect("a client");
    runtime.block_on(native::run(
        &mut fetch,
        &transport,
        &CancellationToken::new(),
        |_, _| {},
    ));
    (fetch.report(), fetch.into_store())
}

fn generated(version: GenVersion, locations: usize) -> (Value, Value) {
    let json = generate_json(&FeedOptions {
        locations,
        seed: 7,
        version,
        deviation_rate: 0.0,
    });
    (
        serde_json::from_str(&json.locations_envelope).expect("locations envelope"),
        serde_json::from_str(&json.tariffs_envelope).expect("tariffs envelope"),
    )
}

fn source(name: &str, value: &Value) -> Source {
    Source::Bytes {
        name: name.to_string(),
        bytes: serde_json::to_vec(value).expect("serialisable").into(),
    }
}

fn published_ids(envelope: &Value) -> Vec<String> {
    envelope["data"]
        .as_array()
        .expect("data")
        .iter()
        .filter(|l| l["publish"] != Value::Bool(false))
        .map(|l| l["id"].as_str().expect("id").to_string())
        .collect()
}

fn held_ids(store: &FeedStore) -> Vec<String> {
    store.items().iter().map(|i| i.id().to_string()).collect()
}

#[test]
fn every_version_is_read_completely_across_pages() {
    let runtime = runtime();
    for (shape, version) in [
        (GenVersion::V211, Version::V2_1_1),
        (GenVersion::V221, Version::V2_2_1),
        (GenVersion::V230, Version::V2_3_0),
    ] {
        let (locations, tariffs) = generated(shape, 230);
        let base = start(
            &runtime,
            State::load([
                source("locations.json", &locations),
                source("tariffs.json", &tariffs),
            ])
            .expect("load"),
        );
        let versions_url = format!("{base}/ocpi/versions");

        let (report, store) = run(
            &runtime,
            FeedFetch::new(config(versions_url.clone(), Module::Locations, 50)),
        );
        assert!(
            report.is_complete(),
            "{version:?}: {:?}",
            report.failed_pages
        );
        assert_eq!(report.version, Some(version));
        let expected = published_ids(&locations);
        assert_eq!(report.total, Some(expected.len() as u64), "{version:?}");
        assert_eq!(report.pages, expected.len().div_ceil(50), "{version:?}");
        assert_eq!(
            held_ids(&store),
            expected,
            "{version:?}: every page, in order"
        );
        assert!(
            store
                .items()
                .iter()
                .all(|i| matches!(i.object, FeedObject::Location(_))),
            "{version:?}"
        );

        let (report, store) = run(
            &runtime,
            FeedFetch::new(config(versions_url, Module::Tariffs, 40)),
        );
        assert!(
            report.is_complete(),
            "{version:?}: {:?}",
            report.failed_pages
        );
        let tariff_ids: Vec<String> = tariffs["data"]
            .as_array()
            .expect("tariffs")
            .iter()
            .map(|t| t["id"].as_str().expect("id").to_string())
            .collect();
        assert_eq!(held_ids(&store), tariff_ids, "{version:?}");
    }
}

#[test]
fn a_date_from_refresh_merges_changes_and_drops_removed_evses() {
    let runtime = runtime();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("locations.json");
    let (mut locations, _) = generated(GenVersion::V221, 60);
    for location in locations["data"].as_array_mut().expect("data") {
        location["last_updated"] = Value::from("2026-01-01T00:00:00Z");
        location["publish"] = Value::Bool(true);
    }
    std::fs::write(&path, serde_json::to_vec(&locations).expect("json")).expect("write");
    let state = State::load([path.clone()]).expect("load");
    let base = start(&runtime, state.clone());
    let url = format!("{base}/ocpi/versions");

    let (report, store) = run(
        &runtime,
        FeedFetch::new(config(url.clone(), Module::Locations, 25)),
    );
    assert!(report.is_complete(), "{:?}", report.failed_pages);
    assert_eq!(store.len(), 60);
    assert_eq!(
        store.latest_update(),
        Some("2026-01-01T00:00:00Z".parse().expect("timestamp"))
    );

    // Two locations change later: one gets a new name, the other loses its first EVSE.
    let data = locations["data"].as_array_mut().expect("data");
    data[3]["name"] = Value::from("Renamed station");
    data[3]["last_updated"] = Value::from("2026-02-01T00:00:00Z");
    let removed_uid = data[10]["evses"][0]["uid"]
        .as_str()
        .expect("uid")
        .to_string();
    data[10]["evses"][0]["status"] = Value::from("REMOVED");
    data[10]["evses"][0]["last_updated"] = Value::from("2026-02-01T00:00:00Z");
    data[10]["last_updated"] = Value::from("2026-02-01T00:00:00Z");
    let (renamed_id, trimmed_id) = (data[3]["id"].clone(), data[10]["id"].clone());
    let evses_before = data[10]["evses"].as_array().expect("evses").len();
    std::fs::write(&path, serde_json::to_vec(&locations).expect("json")).expect("write");
    state.reload().expect("reload");

    let mut refresh = config(url, Module::Locations, 25);
    // date_from is inclusive: a refresh asks from a moment after what it holds.
    refresh.date_from = Some("2026-01-15T00:00:00Z".parse().expect("timestamp"));
    let (report, store) = run(&runtime, FeedFetch::with_store(refresh, store));
    assert!(report.is_complete(), "{:?}", report.failed_pages);
    assert_eq!(report.total, Some(2), "only what changed is sent");
    assert_eq!(store.len(), 60, "merged by id, nothing duplicated");

    let location = |id: &str| {
        store
            .items()
            .iter()
            .find(|i| i.id() == id)
            .map(|i| match &i.object {
                FeedObject::Location(l) => (**l).clone(),
                FeedObject::Tariff(_) => panic!("a tariff under a location id"),
            })
            .expect("held")
    };
    let renamed = location(renamed_id.as_str().expect("id"));
    assert_eq!(renamed.name.as_deref(), Some("Renamed station"));
    let trimmed = location(trimmed_id.as_str().expect("id"));
    assert!(
        trimmed.evses.iter().all(|e| e.uid != removed_uid),
        "the REMOVED EVSE is dropped"
    );
    assert_eq!(trimmed.evses.len(), evses_before - 1);
}

#[test]
fn protected_mode_needs_the_token_and_a_current_totp() {
    let runtime = runtime();
    let (locations, _) = generated(GenVersion::V230, 30);
    let totp = || Totp::new(SECRET, TotpOptions::default()).expect("a generator");
    let protection = Protection::new(vec!["open-sesame".to_string()], Some(totp())).expect("ok");
    let state = State::load_with(
        [source("locations.json", &locations)],
        ServeOptions {
            protection: Some(protection),
            ..ServeOptions::default()
        },
    )
    .expect("load");
    let url = format!("{}/ocpi/versions", start(&runtime, state));
    let expected = published_ids(&locations);

    let mut with_both = config(url.clone(), Module::Locations, 10);
    with_both.auth = Auth::token("open-sesame").with_headers(Arc::new(totp()));
    let (report, store) = run(&runtime, FeedFetch::new(with_both));
    assert!(report.is_complete(), "{:?}", report.failed_pages);
    assert_eq!(held_ids(&store), expected);

    let mut token_only = config(url.clone(), Module::Locations, 10);
    token_only.auth = Auth::token("open-sesame");
    let (report, store) = run(&runtime, FeedFetch::new(token_only));
    assert!(report.read_nothing());
    assert_eq!(store.len(), 0);
    assert_eq!(report.failed_pages[0].error.code(), "unauthorized");

    let wrong =
        Totp::new("another-secret-of-someone-else", TotpOptions::default()).expect("a generator");
    let mut wrong_totp = config(url.clone(), Module::Locations, 10);
    wrong_totp.auth = Auth::token("open-sesame").with_headers(Arc::new(wrong));
    let (report, _) = run(&runtime, FeedFetch::new(wrong_totp));
    assert_eq!(report.failed_pages[0].error.code(), "unauthorized");

    let (report, _) = run(&runtime, FeedFetch::new(config(url, Module::Locations, 10)));
    assert_eq!(report.failed_pages[0].error.code(), "unauthorized");
}
