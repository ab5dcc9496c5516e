//! A fault-injecting OCPI server for the feed client's tests, on a loopback port.
//!
//! Every route family lives under its own prefix; each serves 2.2.1 locations in pages of two,
//! with one kind of fault:
//!
//! | prefix | behaviour |
//! |---|---|
//! | `/ok` | versions → details → 3 pages by `Link`, `X-Total-Count: 5`, `X-Limit: 2` |
//! | `/flaky` | page 1 answers 500 twice, then succeeds |
//! | `/down` | page 1 fine, page 2 always 500 with an OCPI error body |
//! | `/busy` | page 1 answers 429 with `Retry-After: 1` once |
//! | `/cut` | page 1 is truncated JSON (with a `Link` on), page 2 fine |
//! | `/badlink` | page 1 has a `Link` without its closing `>` |
//! | `/loop` | page 2 links to itself |
//! | `/endless` | page 1 is a body that never ends |
//! | `/drip`, `/slow` | page 1 sends a byte every 50 ms (`/drip` counts its requests) |
//! | `/error` | page 1 is an OCPI error envelope (2001) with HTTP 200 |
//! | `/private` | page 1 answers 401 with an OCPI error body unless `Authorization` is sent |
//! | `/nothing` | every path answers 404 |

#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use axum::routing::get;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// A running test server; it stops when the test process ends.
pub struct FaultServer {
    pub addr: SocketAddr,
    /// Requests received per family, for the tests that count retries.
    pub hits: Arc<Hits>,
}

#[derive(Default)]
pub struct Hits {
    pub flaky: AtomicUsize,
    pub down: AtomicUsize,
    pub busy: AtomicUsize,
    pub drip: AtomicUsize,
}

impl FaultServer {
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }
}

/// Starts a server on its own thread and runtime.
pub fn start() -> FaultServer {
    let hits = Arc::new(Hits::default());
    let state = hits.clone();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("a loopback port");
            tx.send(listener.local_addr().expect("an address"))
                .expect("the test waits");
            let app = Router::new()
                .route("/{family}/versions", get(versions))
                .route("/{family}/2.2.1", get(details))
                .route("/{family}/2.2.1/locations", get(page))
                .with_state(state);
            axum::serve(listener, app).await.expect("the server runs");
        });
    });
    let addr = rx.recv().expect("the server starts");
    FaultServer { addr, hits }
}

fn host(headers: &HeaderMap) -> String {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("127.0.0.1")
        .to_string()
}

fn json(status: StatusCode) -> axum::http::response::Builder {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, "application/json")
}

fn respond(builder: axum::http::response::Builder, body: impl Into<Body>) -> Response {
    builder.body(body.into()).expect("a valid response")
}

fn envelope(data: &str) -> String {
    format!(
        r#"{{"data": {data}, "status_code": 1000, "status_message": "Success", "timestamp": "2025-06-01T10:00:00Z"}}"#
    )
}

/// A valid 2.2.1 location.
pub fn location(id: &str) -> String {
    format!(
        r#"{{"country_code": "NL", "party_id": "ABC", "id": "{id}", "publish": true,
        "address": "Street 1", "city": "Town", "postal_code": "1234AB", "country": "NLD",
        "coordinates": {{"latitude": "52.370000", "longitude": "4.890000"}},
        "time_zone": "Europe/Amsterdam",
        "evses": [{{"uid": "{id}-1", "evse_id": "NL*ABC*E{id}", "status": "AVAILABLE",
            "connectors": [{{"id": "1", "standard": "IEC_62196_T2", "format": "SOCKET",
            "power_type": "AC_3_PHASE", "max_voltage": 230, "max_amperage": 16,
            "max_electric_power": 11000, "last_updated": "2025-05-01T00:00:00Z"}}],
            "last_updated": "2025-05-01T00:00:00Z"}}],
        "last_updated": "2025-05-01T00:00:00Z"}}"#
    )
}

const IDS: [&str; 5] = ["L1", "L2", "L3", "L4", "L5"];

fn page_of(offset: usize) -> String {
    let items: Vec<String> = IDS
        .iter()
        .skip(offset)
        .take(2)
        .map(|id| location(id))
        .collect();
    envelope(&format!("[{}]", items.join(",")))
}

async fn versions(Path(family): Path<String>, headers: HeaderMap) -> Response {
    if family == "nothing" {
        return respond(json(StatusCode::NOT_FOUND), "not here");
    }
    let host = host(&headers);
    let body = envelope(&format!(
        r#"[{{"version": "2.1.1", "url": "http://{host}/{family}/2.1.1"}},
            {{"version": "2.2.1", "url": "http://{host}/{family}/2.2.1"}}]"#
    ));
    respond(json(StatusCode::OK), body)
}

async fn details(Path(family): Path<String>, headers: HeaderMap) -> Response {
    let host = host(&headers);
    let body = envelope(&format!(
        r#"{{"version": "2.2.1", "endpoints": [
            {{"identifier": "credentials", "role": "SENDER", "url": "http://{host}/{family}/2.2.1/credentials"}},
            {{"identifier": "locations", "role": "SENDER", "url": "http://{host}/{family}/2.2.1/locations"}}]}}"#
    ));
    respond(json(StatusCode::OK), body)
}

async fn page(
    Path(family): Path<String>,
    State(hits): State<Arc<Hits>>,
    headers: HeaderMap,
    uri: axum::http::Uri,
) -> Response {
    let host = host(&headers);
    let offset: usize = uri
        .query()
        .and_then(|q| q.split('&').find_map(|p| p.strip_prefix("offset=")))
        .and_then(|o| o.parse().ok())
        .unwrap_or(0);
    let next = |to: usize| {
        format!(r#"<http://{host}/{family}/2.2.1/locations?offset={to}&limit=2>; rel="next""#)
    };
    let paged = |offset: usize| {
        let mut b = json(StatusCode::OK)
            .header("X-Total-Count", "5")
            .header("X-Limit", "2");
        if offset + 2 < IDS.len() {
            b = b.header(header::LINK, next(offset + 2));
        }
        respond(b, page_of(offset))
    };
    match family.as_str() {
        "ok" => paged(offset),
        "flaky" => {
            if hits.flaky.fetch_add(1, Ordering::SeqCst) < 2 {
                respond(json(StatusCode::INTERNAL_SERVER_ERROR), "oops")
            } else {
                paged(offset)
            }
        }
        "down" if offset > 0 => {
            hits.down.fetch_add(1, Ordering::SeqCst);
            respond(
                json(StatusCode::INTERNAL_SERVER_ERROR),
                r#"{"status_code": 3000, "status_message": "database down", "timestamp": "2025-06-01T10:00:00Z"}"#,
            )
        }
        "busy" if hits.busy.fetch_add(1, Ordering::SeqCst) == 0 => respond(
            json(StatusCode::TOO_MANY_REQUESTS).header(header::RETRY_AFTER, "1"),
            "",
        ),
        "cut" if offset == 0 => {
            let full = page_of(0);
            let cut = full[..full.find(r#""id": "L2""#).expect("L2 is there")].to_string();
            respond(json(StatusCode::OK).header(header::LINK, next(2)), cut)
        }
        "cut" => paged(offset),
        "badlink" => respond(
            json(StatusCode::OK).header(
                header::LINK,
                format!(r#"<http://{host}/badlink/2.2.1/locations?offset=2; rel="next""#),
            ),
            page_of(0),
        ),
        "loop" => {
            // The second page names itself as its next.
            respond(
                json(StatusCode::OK).header(header::LINK, next(2)),
                page_of(offset),
            )
        }
        "endless" => {
            let start = futures_util::stream::once(async {
                Ok::<_, std::convert::Infallible>(bytes::Bytes::from(format!(
                    r#"{{"data": [{}, "#,
                    location("L1")
                )))
            });
            let filler = futures_util::stream::repeat_with(|| {
                Ok::<_, std::convert::Infallible>(bytes::Bytes::from_static(&[b' '; 8192]))
            });
            use futures_util::StreamExt;
            respond(json(StatusCode::OK), Body::from_stream(start.chain(filler)))
        }
        "drip" | "slow" => {
            if family == "drip" {
                hits.drip.fetch_add(1, Ordering::SeqCst);
            }
            let body = page_of(0).into_bytes();
            let stream = futures_util::stream::unfold(0usize, move |i| {
                let body = body.clone();
                async move {
                    if i >= body.len() {
                        return None;
                    }
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    Some((
                        Ok::<_, std::convert::Infallible>(bytes::Bytes::from(vec![body[i]])),
                        i + 1,
                    ))
                }
            });
            respond(json(StatusCode::OK), Body::from_stream(stream))
        }
        "error" => respond(
            json(StatusCode::OK),
            r#"{"status_code": 2001, "status_message": "Invalid or missing parameters", "timestamp": "2025-06-01T10:00:00Z"}"#,
        ),
        "private" => {
            let auth = headers
                .get(header::AUTHORIZATION)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            // 2.2.1: the token Base64-encoded (`s3cret` → `czNjcmV0`).
            if auth == "Token czNjcmV0" {
                paged(offset)
            } else {
                respond(
                    json(StatusCode::UNAUTHORIZED),
                    r#"{"status_code": 2000, "status_message": "a token is required", "timestamp": "2025-06-01T10:00:00Z"}"#,
                )
            }
        }
        _ => paged(offset),
    }
}
