//! The open-data server: OCPI files served as anonymous OCPI endpoints (feature `server`).
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use ocpi_open_data::serve::{self, State};
//!
//! let state = State::load(["data/locations.json", "data/tariffs.json"])?;
//! let _watcher = state.watch(std::time::Duration::from_secs(1), |_event| {});
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! axum::serve(listener, serve::router(state)).await?;
//! # Ok(()) }
//! ```
//!
//! Endpoints (`{v}` is a version the data has: `2.1.1`, `2.2.1`, `2.3.0`):
//!
//! | path | data |
//! |---|---|
//! | `/ocpi/versions` | the versions of the data, each with its details URL |
//! | `/ocpi/{v}` | version details: `locations` and/or `tariffs` (role `SENDER` from 2.2.1) |
//! | `/ocpi/{v}/locations` | a page of published locations |
//! | `/ocpi/{v}/locations/{id}[/{evse_uid}[/{connector_id}]]` | one location, EVSE or connector |
//! | `/ocpi/{v}/tariffs` | a page of tariffs |
//!
//! Each item is served in the version detected for its file, as the core's spec walk read it
//! (its lenient value: coerced where unambiguous, unreadable fields dropped, unknown fields kept),
//! never with `publish_allowed_to`; locations with `publish: false` are not served at all.
//!
//! - `source.rs`: files, directories and in-memory inputs; change fingerprints.
//! - `snapshot.rs`: one consistent reading of the sources, swapped atomically on reload.
//! - `served_json.rs`: the JSON text of an item, with EVSE and connector ranges.
//! - `paging.rs`: `offset`, `limit`, `date_from`, `date_to`, and the next link.
//! - `envelope.rs`: the OCPI envelope and error answers.
//! - `routes.rs`: the handlers, `ETag` / `If-None-Match`.
//! - `protect.rs`: protected mode (token and TOTP).
//! - `reload.rs`: polling for changed files.

mod envelope;
mod paging;
mod protect;
mod reload;
mod routes;
mod served_json;
mod snapshot;
mod source;

pub use envelope::OcpiStatus;
pub use protect::{Protection, ProtectionError};
pub use reload::{Reload, ReloadEvent};
pub use snapshot::{FileSummary, LoadSummary, Snapshot, VersionSummary};
pub use source::{LoadError, Source};

use arc_swap::ArcSwap;
use axum::Router;
use axum::http::{HeaderName, Method, header};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};

/// Items per page when the client asks for no `limit`, and the most it may ask for.
pub const DEFAULT_PAGE_LIMIT: usize = 1000;

/// How the server answers.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The public URL of the server (`https://example.com/open-data`), used in `/ocpi/versions`,
    /// version details and `Link` headers. `None`: `http://` + the request's `Host`.
    pub base_url: Option<String>,
    /// The page size: the default `limit` and its maximum.
    pub page_limit: usize,
    /// A directory served at `/` (the map app); `/ocpi/...` stays the API.
    pub static_dir: Option<PathBuf>,
    /// Protected mode; `None` serves anonymously.
    pub protection: Option<Protection>,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            base_url: None,
            page_limit: DEFAULT_PAGE_LIMIT,
            static_dir: None,
            protection: None,
        }
    }
}

/// The server's state: its sources, options and the snapshot being served. Cheap to clone.
#[derive(Clone)]
pub struct State(Arc<Shared>);

struct Shared {
    sources: Vec<Source>,
    options: ServeOptions,
    snapshot: ArcSwap<Snapshot>,
    /// The files as they were when last read (taken before reading them, so that a change
    /// during the reading is seen as a change).
    read: Mutex<source::Fingerprint>,
    reloads: AtomicU64,
}

impl State {
    /// Reads the sources (files, directories, or [`Source::Bytes`]) with default options.
    pub fn load<S: Into<Source>>(sources: impl IntoIterator<Item = S>) -> Result<State, LoadError> {
        State::load_with(sources, ServeOptions::default())
    }

    /// Reads the sources and answers with `options`.
    pub fn load_with<S: Into<Source>>(
        sources: impl IntoIterator<Item = S>,
        mut options: ServeOptions,
    ) -> Result<State, LoadError> {
        let sources: Vec<Source> = sources.into_iter().map(Into::into).collect();
        let read = source::fingerprint(&sources);
        let snapshot = Snapshot::load(&sources)?;
        options.page_limit = options.page_limit.max(1);
        if let Some(base) = &mut options.base_url {
            while base.ends_with('/') {
                base.pop();
            }
        }
        Ok(State(Arc::new(Shared {
            sources,
            options,
            snapshot: ArcSwap::from_pointee(snapshot),
            read: Mutex::new(read),
            reloads: AtomicU64::new(0),
        })))
    }

    /// The snapshot being served now. Requests hold their own `Arc`, so a reload never changes
    /// the data under a request that has started.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        self.0.snapshot.load_full()
    }

    pub fn options(&self) -> &ServeOptions {
        &self.0.options
    }

    pub fn sources(&self) -> &[Source] {
        &self.0.sources
    }

    /// How many times new data replaced the served snapshot.
    pub fn reloads(&self) -> u64 {
        self.0.reloads.load(Ordering::Relaxed)
    }

    /// Reads the sources again (blocking) and serves the result, unless a file is not well-formed
    /// JSON (cut off mid-write, say): then the data served so far stays.
    pub fn reload(&self) -> Result<Reload, LoadError> {
        // Whatever the outcome, these files have been looked at: the watcher waits for the next
        // change instead of retrying.
        let read = source::fingerprint(&self.0.sources);
        *self.0.read.lock().unwrap_or_else(|e| e.into_inner()) = read;
        let snapshot = Snapshot::load(&self.0.sources)?;
        if snapshot.has_broken_files() {
            let files = snapshot
                .summary()
                .files
                .iter()
                .filter(|f| f.broken)
                .map(|f| f.path.clone())
                .collect();
            return Ok(Reload::KeptBroken { files });
        }
        let summary = snapshot.summary().clone();
        self.0.snapshot.store(Arc::new(snapshot));
        self.0.reloads.fetch_add(1, Ordering::Relaxed);
        Ok(Reload::Replaced(summary))
    }

    /// Polls the files every `interval` and reloads once a change has been stable for one
    /// interval; `on_event` hears of every reload. Needs a Tokio runtime; abort the handle to stop.
    pub fn watch(
        &self,
        interval: std::time::Duration,
        on_event: impl Fn(ReloadEvent) + Send + Sync + 'static,
    ) -> tokio::task::JoinHandle<()> {
        tokio::spawn(reload::watch(self.clone(), interval, Arc::new(on_event)))
    }

    fn read_fingerprint(&self) -> source::Fingerprint {
        self.0
            .read
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The base of the URLs in answers: the configured one, else from the `Host` header.
    fn base_url(&self, headers: &axum::http::HeaderMap) -> String {
        if let Some(base) = &self.0.options.base_url {
            return base.clone();
        }
        let host = headers
            .get(header::HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_graphic()))
            .unwrap_or("localhost");
        format!("http://{host}")
    }
}

/// The headers a browser may send and read across origins.
const TOTP_HEADER: HeaderName = HeaderName::from_static("totp");
const X_TOTAL_COUNT: HeaderName = HeaderName::from_static("x-total-count");
const X_LIMIT: HeaderName = HeaderName::from_static("x-limit");
const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
const X_CORRELATION_ID: HeaderName = HeaderName::from_static("x-correlation-id");

/// The HTTP service: the OCPI API under `/ocpi`, the static directory (if any) everywhere else;
/// CORS for any origin and gzip around both.
pub fn router(state: State) -> Router {
    let api = routes::api(&state);
    let mut app = Router::new().nest("/ocpi", api);
    app = match &state.options().static_dir {
        Some(dir) => {
            let index = dir.join("index.html");
            // Paths the app routes itself (`/validator`) get its index page.
            app.fallback_service(ServeDir::new(dir).fallback(ServeFile::new(index)))
        }
        None => app.fallback(routes::unknown_endpoint),
    };
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::any())
        .allow_methods([Method::GET, Method::HEAD, Method::OPTIONS])
        .allow_headers([
            header::AUTHORIZATION,
            TOTP_HEADER,
            header::IF_NONE_MATCH,
            X_REQUEST_ID,
            X_CORRELATION_ID,
        ])
        .expose_headers([header::LINK, X_TOTAL_COUNT, X_LIMIT, header::ETAG])
        .max_age(std::time::Duration::from_secs(3600));
    // The fastest gzip level: pages of 1,000 locations are megabytes of JSON, and level 1 costs a
    // fraction of the default level's time for a few percent more bytes.
    let compression = CompressionLayer::new().quality(CompressionLevel::Fastest);
    app.layer(compression).layer(cors)
}
