#![cfg(feature = "fetch")]
//! The native feed client against a fault-injecting server: it ends, keeps what it had, and
//! reports each fault.

mod support;

use native::CancellationToken;
use ocpi_open_data::feed::native::{self, NativeOptions, NativeTransport};
use ocpi_open_data::feed::{Auth, Event, Fault, FeedFetch, FetchConfig, FetchReport, RetryPolicy};
use ocpi_open_data::spec::Version;
use std::sync::OnceLock;
use std::sync::atomic::Ordering;
use std::time::{Duration, Instant};

fn server() -> &'static support::FaultServer {
    static SERVER: OnceLock<support::FaultServer> = OnceLock::new();
    SERVER.get_or_init(support::start)
}

struct Fetched {
    report: FetchReport,
    ids: Vec<String>,
    events: Vec<Event>,
    took: Duration,
}

fn fetch(path: &str, tweak: impl FnOnce(&mut FetchConfig)) -> Fetched {
    fetch_with(path, tweak, CancellationToken::new())
}

fn fetch_with(
    path: &str,
    tweak: impl FnOnce(&mut FetchConfig),
    cancel: CancellationToken,
) -> Fetched {
    let mut config = FetchConfig::new(server().url(path));
    config.timeout_ms = 2_000;
    config.retry = RetryPolicy {
        max_retries: 3,
        base_delay_ms: 10,
        max_delay_ms: 50,
        max_retry_after_ms: 5_000,
    };
    tweak(&mut config);
    let transport = NativeTransport::new(&NativeOptions::default()).expect("a client");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let mut fetch = FeedFetch::new(config);
    let mut events = Vec::new();
    let started = Instant::now();
    runtime.block_on(native::run(&mut fetch, &transport, &cancel, |e, _| {
        events.push(e.clone())
    }));
    Fetched {
        report: fetch.report(),
        ids: fetch
            .store()
            .items()
            .iter()
            .map(|i| i.id().to_string())
            .collect(),
        events,
        took: started.elapsed(),
    }
}

fn codes(report: &FetchReport) -> Vec<&'static str> {
    report.failed_pages.iter().map(|f| f.error.code()).collect()
}

#[test]
fn a_healthy_feed_is_read_through_discovery_and_three_pages() {
    let f = fetch("/ok/versions", |_| {});
    assert_eq!(f.ids, ["L1", "L2", "L3", "L4", "L5"]);
    assert!(f.report.is_complete(), "{:?}", f.report.failed_pages);
    assert_eq!(f.report.version, Some(Version::V2_2_1));
    assert_eq!(f.report.pages, 3);
    assert_eq!(f.report.total, Some(5));
    assert_eq!(
        f.report.endpoint.as_deref(),
        Some(server().url("/ok/2.2.1/locations").as_str())
    );
    assert_eq!(f.report.diagnostics_summary.errors, 0);
}

#[test]
fn five_hundreds_are_retried_then_succeed() {
    let f = fetch("/flaky/2.2.1/locations", |_| {});
    assert_eq!(server().hits.flaky.load(Ordering::SeqCst), 5);
    assert_eq!(f.ids.len(), 5);
    assert!(f.report.is_complete());
    let retries = f
        .events
        .iter()
        .filter(|e| {
            matches!(
                e,
                Event::Retrying {
                    fault: Fault::ServerError { status: 500 },
                    ..
                }
            )
        })
        .count();
    assert_eq!(retries, 2);
}

#[test]
fn a_page_that_keeps_failing_is_reported_and_the_first_is_kept() {
    let f = fetch("/down/2.2.1/locations", |_| {});
    assert_eq!(f.ids, ["L1", "L2"]);
    assert_eq!(server().hits.down.load(Ordering::SeqCst), 4);
    assert_eq!(f.report.failed_pages.len(), 1);
    assert_eq!(
        f.report.failed_pages[0].url,
        server().url("/down/2.2.1/locations?offset=2&limit=2")
    );
    assert_eq!(
        f.report.failed_pages[0].error,
        Fault::ServerError { status: 500 }
    );
    assert!(!f.report.read_nothing());
}

#[test]
fn too_many_requests_waits_as_retry_after_says() {
    let f = fetch("/busy/2.2.1/locations", |_| {});
    assert!(f.report.is_complete());
    assert_eq!(f.ids.len(), 5);
    assert!(f.took >= Duration::from_millis(1_000), "{:?}", f.took);
    assert!(f.events.iter().any(|e| matches!(
        e,
        Event::Retrying {
            delay_ms: 1_000,
            fault: Fault::RateLimited { .. },
            ..
        }
    )));
}

#[test]
fn truncated_json_keeps_the_complete_items_and_goes_on() {
    let f = fetch("/cut/2.2.1/locations", |_| {});
    assert_eq!(f.ids, ["L1", "L3", "L4", "L5"]);
    assert_eq!(codes(&f.report), ["json-invalid"]);
    assert_eq!(f.report.pages, 3);
    assert_eq!(f.report.pages_ok, 2);
}

#[test]
fn a_broken_link_ends_paging_with_the_page_kept() {
    let f = fetch("/badlink/2.2.1/locations", |_| {});
    assert_eq!(f.ids, ["L1", "L2"]);
    assert_eq!(codes(&f.report), ["link-invalid"]);
}

#[test]
fn a_next_loop_is_stopped() {
    let f = fetch("/loop/2.2.1/locations", |_| {});
    assert_eq!(f.ids, ["L1", "L2", "L3", "L4"]);
    assert_eq!(codes(&f.report), ["next-loop"]);
}

#[test]
fn a_page_that_never_ends_is_cut_at_the_byte_cap() {
    let f = fetch("/endless/2.2.1/locations", |c| c.max_bytes = 256 * 1024);
    assert_eq!(f.ids, ["L1"]);
    assert_eq!(codes(&f.report), ["max-bytes"]);
    assert_eq!(f.report.bytes, 256 * 1024);
    assert!(f.took < Duration::from_secs(10));
}

#[test]
fn a_slow_drip_times_out_after_its_retries() {
    let before = server().hits.drip.load(Ordering::SeqCst);
    let f = fetch("/drip/2.2.1/locations", |c| {
        c.timeout_ms = 300;
        c.retry.max_retries = 1;
    });
    assert_eq!(server().hits.drip.load(Ordering::SeqCst) - before, 2);
    assert_eq!(
        f.report.failed_pages[0].error,
        Fault::Timeout { after_ms: 300 }
    );
    assert!(f.report.read_nothing());
    assert!(f.took < Duration::from_secs(5), "{:?}", f.took);
}

#[test]
fn an_ocpi_error_envelope_is_reported() {
    let f = fetch("/error/2.2.1/locations", |_| {});
    assert_eq!(
        f.report.failed_pages[0].error,
        Fault::OcpiStatus {
            code: 2001,
            message: Some("Invalid or missing parameters".into())
        }
    );
    assert!(f.report.read_nothing());
}

#[test]
fn a_protected_endpoint_needs_the_token() {
    let f = fetch("/private/2.2.1/locations", |_| {});
    let error = &f.report.failed_pages[0].error;
    assert_eq!(error.code(), "unauthorized");
    assert!(error.to_string().contains("a token is required"), "{error}");
    let f = fetch("/private/2.2.1/locations", |c| {
        c.auth = Auth::token("s3cret")
    });
    assert!(f.report.is_complete());
    assert_eq!(f.ids.len(), 5);
}

#[test]
fn a_missing_endpoint_and_a_closed_port_read_nothing() {
    let f = fetch("/nothing/versions", |_| {});
    assert!(matches!(
        f.report.failed_pages[0].error,
        Fault::HttpStatus { status: 404, .. }
    ));
    assert!(f.report.read_nothing());
    // A port nobody listens on: a connection error after the retries.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let mut config = FetchConfig::new(format!("http://127.0.0.1:{port}/ocpi/versions"));
    config.retry = RetryPolicy {
        max_retries: 1,
        base_delay_ms: 1,
        max_delay_ms: 1,
        max_retry_after_ms: 0,
    };
    let transport = NativeTransport::new(&NativeOptions::default()).unwrap();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut fetch = FeedFetch::new(config);
    runtime.block_on(native::run(
        &mut fetch,
        &transport,
        &CancellationToken::new(),
        |_, _| {},
    ));
    assert_eq!(codes(&fetch.report()), ["connection"]);
}

#[test]
fn cancellation_stops_a_drip_at_once() {
    let cancel = CancellationToken::new();
    let trigger = cancel.clone();
    std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(200));
        trigger.cancel();
    });
    let f = fetch_with("/slow/2.2.1/locations", |c| c.timeout_ms = 20_000, cancel);
    assert_eq!(codes(&f.report), ["cancelled"]);
    assert!(f.took < Duration::from_secs(3), "{:?}", f.took);
}

#[test]
fn a_half_configured_client_certificate_is_refused() {
    let options = NativeOptions {
        client_cert_pem: Some(b"-----BEGIN CERTIFICATE-----\n".to_vec()),
        ..NativeOptions::default()
    };
    let error = NativeTransport::new(&options).unwrap_err();
    assert!(error.to_string().contains("give both"), "{error}");
    let options = NativeOptions {
        client_cert_pem: Some(b"not a pem".to_vec()),
        client_key_pem: Some(b"not a pem either".to_vec()),
        ..NativeOptions::default()
    };
    let error = NativeTransport::new(&options).unwrap_err();
    assert!(error.to_string().contains("PEM"), "{error}");
}
