//! Load test of the open-data server, on loopback only, bounded in time.
//!
//! `cargo bench --bench serve_load` serves a generated feed of 20,000 locations (and their
//! tariffs) in-process on `127.0.0.1:0` and sends requests from concurrent clients for a fixed
//! time per scenario, checking every answer. It reports requests per second, throughput and
//! latency percentiles, and each scenario's rate as a ratio of a baseline measured in the same
//! run: an axum route that returns a prepared body of the same size (the HTTP stack and the
//! transfer alone), so that the ratio is the cost of the server's own work.
//!
//! `SERVE_LOAD_SECONDS` (default 12) sets the measuring time per scenario, split into
//! `SERVE_LOAD_ROUNDS` (default 3) turns taken in rotation with the other scenarios;
//! `SERVE_LOAD_CLIENTS` (default 8) is the number of concurrent connections. The figures also go to
//! `target/serve-load.json`.

use axum::routing::get;
use ocpi_feed_gen::{FeedOptions, GenVersion, generate_json};
use ocpi_open_data::serve::{self, ServeOptions, Source, State};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const LOCATIONS: usize = 20_000;
const PAGE: usize = 1000;
/// Requests per scenario at most, whatever the time: the loop ends by itself.
const MAX_REQUESTS: usize = 2_000_000;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// One request of a scenario: the URL, extra headers, and what a correct answer looks like.
#[derive(Clone)]
struct Target {
    url: String,
    gzip: bool,
    /// Body length of a correct answer (the envelope's timestamp has a fixed length); `None`
    /// when compressed.
    body_len: Option<usize>,
    /// `X-Total-Count` of a correct answer.
    total: Option<String>,
}

#[derive(Default)]
struct Outcome {
    latencies_us: Vec<u64>,
    bytes: u64,
    errors: u64,
}

async fn run_scenario(targets: Arc<Vec<Target>>, clients: usize, seconds: f64) -> (Outcome, f64) {
    let warm_up = Duration::from_millis(500);
    let measure = Duration::from_secs_f64(seconds);
    let start = Instant::now();
    let stop = Arc::new(AtomicBool::new(false));
    let mut tasks = Vec::new();
    for client_no in 0..clients {
        let (targets, stop) = (targets.clone(), stop.clone());
        tasks.push(tokio::spawn(async move {
            let client = reqwest::Client::builder()
                .no_proxy()
                .no_gzip()
                .timeout(Duration::from_secs(30))
                .build()
                .expect("client");
            let mut outcome = Outcome::default();
            let mut i = client_no * 7;
            let mut sent = 0;
            while !stop.load(Ordering::Relaxed) && sent < MAX_REQUESTS / clients {
                let target = &targets[i % targets.len()];
                i += 1;
                sent += 1;
                let mut request = client.get(&target.url);
                if target.gzip {
                    request = request.header("Accept-Encoding", "gzip");
                }
                let began = Instant::now();
                let mut received = 0;
                let ok = match request.send().await {
                    Ok(response) => {
                        let status_ok = response.status() == reqwest::StatusCode::OK;
                        let total_ok = target.total.as_deref().is_none_or(|t| {
                            response
                                .headers()
                                .get("x-total-count")
                                .is_some_and(|v| v.as_bytes() == t.as_bytes())
                        });
                        let gzip_ok = !target.gzip
                            || response
                                .headers()
                                .get("content-encoding")
                                .is_some_and(|v| v.as_bytes() == b"gzip");
                        match response.bytes().await {
                            Ok(body) => {
                                received = body.len() as u64;
                                status_ok
                                    && total_ok
                                    && gzip_ok
                                    && target.body_len.is_none_or(|n| n == body.len())
                            }
                            Err(_) => false,
                        }
                    }
                    Err(_) => false,
                };
                let elapsed = began.elapsed();
                if began.duration_since(start) >= warm_up {
                    outcome.latencies_us.push(elapsed.as_micros() as u64);
                    outcome.bytes += received;
                    outcome.errors += u64::from(!ok);
                }
            }
            outcome
        }));
    }
    tokio::time::sleep(warm_up).await;
    let measured_from = Instant::now();
    tokio::time::sleep(measure).await;
    stop.store(true, Ordering::Relaxed);
    let mut all = Outcome::default();
    for task in tasks {
        let o = task.await.expect("client task");
        all.latencies_us.extend(o.latencies_us);
        all.bytes += o.bytes;
        all.errors += o.errors;
    }
    // Requests still running at the stop count: measure up to the end of the last one.
    let wall = measured_from.elapsed().as_secs_f64();
    (all, wall)
}

fn percentile(sorted: &[u64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)] as f64 / 1000.0
}

struct Row {
    name: &'static str,
    requests: usize,
    rps: f64,
    mb_per_s: f64,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    errors: u64,
}

fn row(name: &'static str, mut outcome: Outcome, wall: f64) -> Row {
    outcome.latencies_us.sort_unstable();
    let n = outcome.latencies_us.len();
    Row {
        name,
        requests: n,
        rps: n as f64 / wall,
        mb_per_s: outcome.bytes as f64 / wall / 1e6,
        p50_ms: percentile(&outcome.latencies_us, 50.0),
        p99_ms: percentile(&outcome.latencies_us, 99.0),
        max_ms: outcome.latencies_us.last().copied().unwrap_or(0) as f64 / 1000.0,
        errors: outcome.errors,
    }
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument that does not match skips the run.
    if let Some(filter) = std::env::args().skip(1).find(|a| !a.starts_with('-'))
        && !"serve_load".contains(&filter)
    {
        return;
    }
    let seconds = env_number("SERVE_LOAD_SECONDS", 12).clamp(1, 120);
    let rounds = env_number("SERVE_LOAD_ROUNDS", 3).clamp(1, 10);
    let clients = env_number("SERVE_LOAD_CLIENTS", 8).clamp(1, 256) as usize;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(bench(seconds as f64, rounds as f64, clients));
}

async fn bench(seconds: f64, rounds: f64, clients: usize) {
    let dir = tempfile::tempdir().expect("temp dir");
    let generated = Instant::now();
    let feed = generate_json(&FeedOptions {
        locations: LOCATIONS,
        seed: 1,
        version: GenVersion::V221,
        deviation_rate: 0.05,
    });
    std::fs::write(dir.path().join("locations.json"), &feed.locations_envelope).expect("write");
    std::fs::write(dir.path().join("tariffs.json"), &feed.tariffs_envelope).expect("write");
    let size = feed.locations_envelope.len() + feed.tariffs_envelope.len();
    drop(feed);
    let loaded = Instant::now();
    let state = State::load_with(
        [Source::Path(dir.path().to_path_buf())],
        ServeOptions {
            page_limit: PAGE,
            base_url: None,
            ..ServeOptions::default()
        },
    )
    .expect("load");
    let load_seconds = loaded.elapsed().as_secs_f64();
    let summary = state.snapshot().summary().clone();
    let served = summary.versions[0].locations;
    eprintln!(
        "feed: {LOCATIONS} locations ({served} published), {:.1} MB, generated in {:.1} s, read by the server in {:.2} s",
        size as f64 / 1e6,
        (loaded - generated).as_secs_f64(),
        load_seconds
    );

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, serve::router(state)).await });
    let base = format!("http://{addr}/ocpi/2.2.1");

    // Learn the correct answers once.
    let probe = reqwest::Client::builder()
        .no_proxy()
        .no_gzip()
        .build()
        .expect("client");
    let mut pages = Vec::new();
    let mut ids = Vec::new();
    for offset in (0..served).step_by(PAGE) {
        let url = format!("{base}/locations?offset={offset}&limit={PAGE}");
        let body = probe
            .get(&url)
            .send()
            .await
            .expect("probe")
            .bytes()
            .await
            .expect("body");
        let value: serde_json::Value = serde_json::from_slice(&body).expect("JSON page");
        for item in value["data"].as_array().expect("data") {
            ids.push(item["id"].as_str().expect("id").to_string());
        }
        pages.push(Target {
            url,
            gzip: false,
            body_len: Some(body.len()),
            total: Some(served.to_string()),
        });
    }
    assert_eq!(ids.len(), served, "the probe walked every page");
    let page_bytes = pages[0].body_len.unwrap_or(0);
    let gzip_pages: Vec<Target> = pages
        .iter()
        .map(|t| Target {
            gzip: true,
            body_len: None,
            ..t.clone()
        })
        .collect();
    let mut singles = Vec::new();
    for id in ids.iter().step_by(97) {
        let url = format!("{base}/locations/{id}");
        let len = probe
            .get(&url)
            .send()
            .await
            .expect("probe")
            .bytes()
            .await
            .expect("body")
            .len();
        singles.push(Target {
            url,
            gzip: false,
            body_len: Some(len),
            total: None,
        });
    }

    // The baseline: the same HTTP stack returning a prepared body of a page's size.
    let prepared = bytes_of(page_bytes);
    let baseline_app = axum::Router::new().route(
        "/page",
        get(move || {
            let body = prepared.clone();
            async move { ([("content-type", "application/json")], body) }
        }),
    );
    let baseline_listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind loopback");
    let baseline_addr = baseline_listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(baseline_listener, baseline_app).await });
    let baseline = vec![Target {
        url: format!("http://{baseline_addr}/page"),
        gzip: false,
        body_len: Some(page_bytes),
        total: None,
    }];

    eprintln!(
        "measuring {seconds} s per scenario in {rounds} rounds, {clients} concurrent connections (2 runtime threads shared by clients and server)"
    );
    // The scenarios take turns, round after round, so that a change in the machine's load (other
    // processes on the same two cores) weighs on all of them alike.
    let scenarios: [(&'static str, Arc<Vec<Target>>); 4] = [
        ("baseline: prepared body of one page", Arc::new(baseline)),
        ("locations, pages of 1,000", Arc::new(pages)),
        ("locations, pages of 1,000, gzip", Arc::new(gzip_pages)),
        ("single location", Arc::new(singles)),
    ];
    let mut totals: Vec<(Outcome, f64)> = (0..scenarios.len())
        .map(|_| (Outcome::default(), 0.0))
        .collect();
    for _ in 0..rounds as u32 {
        for (i, (_, targets)) in scenarios.iter().enumerate() {
            let (o, w) = run_scenario(targets.clone(), clients, seconds / rounds).await;
            totals[i].0.latencies_us.extend(o.latencies_us);
            totals[i].0.bytes += o.bytes;
            totals[i].0.errors += o.errors;
            totals[i].1 += w;
        }
    }
    let mut rows = Vec::new();
    for ((name, _), (outcome, wall)) in scenarios.iter().zip(totals) {
        rows.push(row(name, outcome, wall));
    }
    println!(
        "| scenario | requests | req/s | MB/s | p50 ms | p99 ms | max ms | errors | req/s vs baseline |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let base_rps = rows[0].rps;
    for r in &rows {
        println!(
            "| {} | {} | {:.1} | {:.0} | {:.1} | {:.1} | {:.1} | {} | {:.2}x |",
            r.name,
            r.requests,
            r.rps,
            r.mb_per_s,
            r.p50_ms,
            r.p99_ms,
            r.max_ms,
            r.errors,
            r.rps / base_rps
        );
    }
    let json: Vec<serde_json::Value> = rows
        .iter()
        .map(|r| {
            serde_json::json!({
                "scenario": r.name, "requests": r.requests, "rps": r.rps, "mb_per_s": r.mb_per_s,
                "p50_ms": r.p50_ms, "p99_ms": r.p99_ms, "max_ms": r.max_ms, "errors": r.errors,
                "rps_vs_baseline": r.rps / base_rps,
            })
        })
        .collect();
    let report = serde_json::json!({
        "locations": LOCATIONS, "published": served, "page": PAGE, "page_bytes": page_bytes,
        "feed_bytes": size, "load_seconds": load_seconds, "seconds_per_scenario": seconds,
        "rounds": rounds as u32, "clients": clients, "scenarios": json,
    });
    let out = concat!(env!("CARGO_MANIFEST_DIR"), "/target/serve-load.json");
    if let Err(e) = std::fs::write(out, serde_json::to_vec_pretty(&report).unwrap_or_default()) {
        eprintln!("cannot write {out}: {e}");
    }
    let errors: u64 = rows.iter().map(|r| r.errors).sum();
    assert_eq!(errors, 0, "every answer must be correct");
}

/// A JSON-looking body of `n` bytes.
fn bytes_of(n: usize) -> axum::body::Bytes {
    let mut body = Vec::with_capacity(n);
    body.extend_from_slice(b"{\"data\":\"");
    body.resize(n.saturating_sub(2), b'x');
    body.extend_from_slice(b"\"}");
    axum::body::Bytes::from(body)
}
