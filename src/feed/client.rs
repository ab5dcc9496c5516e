//! The sans-IO state machine of a feed fetch: it says which request to send, reads what comes
//! back, and decides what to do next. No network, no clock, no runtime: the caller passes the
//! time in and performs the requests (see `native` and `browser` for the two transports).
//!
//! ```text
//! loop {
//!     match fetch.next_step(now_ms) {
//!         Step::Send(request) => fetch.receive(now_ms, request.id, transport(request)),
//!         Step::Wait { until_ms } => sleep until until_ms,
//!         Step::Event(event) => show progress, read the page's items from fetch.store(),
//!         Step::Done => break,
//!     }
//! }
//! ```

use super::auth::Auth;
use super::discovery;
use super::exchange::{Request, Response, TransportError};
use super::fault::Fault;
use super::link;
use super::page::{self, PageContent};
use super::retry::{Backoff, RetryPolicy, retry_after_ms};
use super::store::{FeedStore, Merge, Module};
use crate::diagnostic::{Diagnostic, Summary};
use crate::json::{self, ParseOptions};
use crate::spec::Version;
use crate::validate::{self, FileReport, Kind, Options};
use serde::Serialize;
use std::collections::{HashSet, VecDeque};
use url::Url;

/// What to fetch and how patiently.
#[derive(Debug, Clone)]
pub struct FetchConfig {
    /// A versions URL, a version details URL, or a module URL (`.../locations`).
    pub url: String,
    /// The module to read; `None` reads locations, unless the URL is a module URL.
    pub module: Option<Module>,
    /// Per request, body included.
    pub timeout_ms: u64,
    pub retry: RetryPolicy,
    /// Stop after this many module pages.
    pub max_pages: usize,
    /// Stop after this many body bytes in all (discovery included).
    pub max_bytes: u64,
    /// `limit` asked of the server for each page (it may return fewer: `X-Limit`).
    pub page_limit: Option<u32>,
    /// Read only objects changed since then (`date_from`, a refresh); merged by id.
    pub date_from: Option<jiff::Timestamp>,
    /// Seed of the backoff jitter (and of nothing else).
    pub seed: u64,
    pub auth: Auth,
}

impl FetchConfig {
    /// Defaults: 30 s per request, 4 retries from 0.5 s up to 30 s, 10,000 pages, 1 GiB.
    pub fn new(url: impl Into<String>) -> FetchConfig {
        FetchConfig {
            url: url.into(),
            module: None,
            timeout_ms: 30_000,
            retry: RetryPolicy::default(),
            max_pages: 10_000,
            max_bytes: 1 << 30,
            page_limit: None,
            date_from: None,
            seed: 0x5EED,
            auth: Auth::anonymous(),
        }
    }
}

/// Counters for a progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct Progress {
    /// Module pages read.
    pub pages: usize,
    /// Items read in this fetch (before merging).
    pub items: usize,
    /// Body bytes received, discovery included.
    pub bytes: u64,
    /// Items the server says match (`X-Total-Count`), when it says so.
    pub total: Option<u64>,
    /// Items per page the server allows (`X-Limit`), when it says so.
    pub limit: Option<u64>,
}

/// One module page that was read (completely, or up to a fault).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PageRead {
    pub index: usize,
    pub url: String,
    pub status: u16,
    pub kind: Option<Kind>,
    pub version: Option<Version>,
    pub bytes: usize,
    /// Positions in [`FeedFetch::store`] of the page's items (added or merged).
    pub items: Vec<usize>,
    /// Items that were new, that replaced an older copy, that lost to a newer copy.
    pub added: usize,
    pub replaced: usize,
    pub kept_newer: usize,
    /// EVSEs with status `REMOVED` dropped from the page's locations.
    pub removed_evses: usize,
    /// Diagnostics of the page that lie in no item (envelope, JSON, version).
    pub diagnostics: Vec<Diagnostic>,
    /// Why the page counts as failed, if it does; its items are kept all the same.
    pub fault: Option<Fault>,
}

/// A page (or a discovery step) that could not be read, or not completely.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FailedPage {
    pub url: String,
    pub error: Fault,
}

/// Something the caller may show or use. As JSON: `{"type": "page", ...}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Event {
    /// Discovery ended: the module endpoint and the version read.
    Discovered {
        version: Option<Version>,
        module: Module,
        endpoint: String,
    },
    /// A request failed in a way that may pass, and will be sent again after a delay.
    Retrying {
        url: String,
        retry: u32,
        delay_ms: u64,
        fault: Fault,
    },
    Page(PageRead),
    Progress(Progress),
    /// A page or step failed for good (also listed in the report).
    Failed(FailedPage),
}

/// What the caller does next.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    /// Perform this request and pass the outcome to [`FeedFetch::receive`].
    Send(Request),
    /// Nothing to do before this time (a backoff, or a request in flight until its deadline);
    /// call `next_step` again then, or when a response arrives.
    Wait {
        until_ms: i64,
    },
    Event(Event),
    /// The fetch is over: read [`FeedFetch::report`] and [`FeedFetch::store`].
    Done,
}

/// The outcome of a fetch, as the CLI prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FetchReport {
    pub url: String,
    pub version: Option<Version>,
    pub module: Option<Module>,
    /// The module endpoint the pages were read from.
    pub endpoint: Option<String>,
    pub pages: usize,
    /// Module pages read without a fault.
    pub pages_ok: usize,
    /// Items held after merging.
    pub items: usize,
    pub bytes: u64,
    pub total: Option<u64>,
    pub removed_evses: usize,
    pub failed_pages: Vec<FailedPage>,
    /// Diagnostics of every page and discovery document read, by severity.
    pub diagnostics_summary: Summary,
    /// Diagnostics of the versions and version details documents.
    pub discovery_diagnostics: Vec<Diagnostic>,
}

impl FetchReport {
    /// Every page was read completely.
    pub fn is_complete(&self) -> bool {
        self.failed_pages.is_empty()
    }

    /// Nothing could be read: no item is held and no page was read without a fault.
    pub fn read_nothing(&self) -> bool {
        self.items == 0 && self.pages_ok == 0
    }
}

/// Why a request is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Purpose {
    /// The URL the caller gave: versions, details or a module page, told from the response.
    Entry,
    Details,
    Page,
}

#[derive(Debug, Clone)]
struct Pending {
    url: Url,
    purpose: Purpose,
    retry: u32,
    not_before_ms: i64,
    /// The token is sent in its other form (after a 401).
    switched: bool,
}

#[derive(Debug)]
enum Phase {
    Ready(Pending),
    InFlight {
        pending: Pending,
        id: u64,
        deadline_ms: i64,
    },
    Finished,
}

/// A fetch of one module of one feed. See the module documentation for the loop that drives it.
#[derive(Debug)]
pub struct FeedFetch {
    config: FetchConfig,
    backoff: Backoff,
    phase: Phase,
    events: VecDeque<Event>,
    store: FeedStore,
    next_id: u64,
    cancelled: bool,
    version: Option<Version>,
    version_label: Option<String>,
    module: Option<Module>,
    endpoint: Option<String>,
    visited: HashSet<String>,
    seen_keys: HashSet<super::store::ItemKey>,
    progress: Progress,
    pages_ok: usize,
    removed_evses: usize,
    failed: Vec<FailedPage>,
    summary: Summary,
    discovery_diagnostics: Vec<Diagnostic>,
}

impl FeedFetch {
    /// A fetch into an empty store.
    pub fn new(config: FetchConfig) -> FeedFetch {
        FeedFetch::with_store(config, FeedStore::new())
    }

    /// A refresh: the items read are merged into `store` (set `date_from`, e.g. to
    /// `store.latest_update()`, to ask only for what changed).
    pub fn with_store(config: FetchConfig, store: FeedStore) -> FeedFetch {
        let mut fetch = FeedFetch {
            backoff: Backoff::new(config.seed),
            phase: Phase::Finished,
            events: VecDeque::new(),
            store,
            next_id: 1,
            cancelled: false,
            version: None,
            version_label: None,
            module: config.module,
            endpoint: None,
            visited: HashSet::new(),
            seen_keys: HashSet::new(),
            progress: Progress::default(),
            pages_ok: 0,
            removed_evses: 0,
            failed: Vec::new(),
            summary: Summary::default(),
            discovery_diagnostics: Vec::new(),
            config,
        };
        let given = fetch.config.url.trim().to_string();
        match Url::parse(&given) {
            Ok(url) if matches!(url.scheme(), "http" | "https") => {
                let pending = fetch.entry(url);
                fetch.phase = Phase::Ready(pending);
            }
            Ok(url) => {
                let reason = format!("the scheme `{}` is not http or https", url.scheme());
                fetch.fail(given.clone(), Fault::UrlInvalid { url: given, reason });
            }
            Err(e) => {
                let reason = if given.is_empty() {
                    "no URL given".to_string()
                } else {
                    e.to_string()
                };
                fetch.fail(given.clone(), Fault::UrlInvalid { url: given, reason });
            }
        }
        fetch
    }

    /// The first request: a URL whose last segment names a module is read as that module's
    /// first page (with `limit` and `date_from` added); any other is told from its response.
    fn entry(&mut self, url: Url) -> Pending {
        let segment = url
            .path_segments()
            .and_then(|mut s| s.rfind(|s| !s.is_empty()))
            .and_then(Module::from_name);
        if let Some(module) = segment.filter(|m| m.as_str() == segment_text(&url)) {
            self.module = Some(module);
            self.version_label = validate::label_from_path(url.path());
            self.version = self.version_label.as_deref().and_then(Version::from_label);
            let url = self.with_query(url);
            self.discovered(&url);
            return pending(url, Purpose::Page, 0);
        }
        pending(url, Purpose::Entry, 0)
    }

    /// Asks the fetch to stop: the request in flight (if any) is abandoned, and the next
    /// `next_step` records it as cancelled and ends.
    pub fn cancel(&mut self) {
        self.cancelled = true;
    }

    pub fn is_done(&self) -> bool {
        matches!(self.phase, Phase::Finished) && self.events.is_empty()
    }

    /// The items read so far (and those of the store given to [`FeedFetch::with_store`]).
    pub fn store(&self) -> &FeedStore {
        &self.store
    }

    pub fn into_store(self) -> FeedStore {
        self.store
    }

    pub fn progress(&self) -> Progress {
        self.progress
    }

    /// The report so far; final once `next_step` returned `Done`.
    pub fn report(&self) -> FetchReport {
        FetchReport {
            url: self.config.url.clone(),
            version: self.version,
            module: self.module,
            endpoint: self.endpoint.clone(),
            pages: self.progress.pages,
            pages_ok: self.pages_ok,
            items: self.store.len(),
            bytes: self.progress.bytes,
            total: self.progress.total,
            removed_evses: self.removed_evses,
            failed_pages: self.failed.clone(),
            diagnostics_summary: self.summary,
            discovery_diagnostics: self.discovery_diagnostics.clone(),
        }
    }

    /// What to do next, at time `now_ms` (milliseconds since the Unix epoch).
    pub fn next_step(&mut self, now_ms: i64) -> Step {
        loop {
            if let Some(event) = self.events.pop_front() {
                return Step::Event(event);
            }
            match std::mem::replace(&mut self.phase, Phase::Finished) {
                Phase::Finished => return Step::Done,
                Phase::Ready(p) | Phase::InFlight { pending: p, .. } if self.cancelled => {
                    self.fail(p.url.to_string(), Fault::Cancelled);
                }
                Phase::Ready(p) if now_ms < p.not_before_ms => {
                    let until_ms = p.not_before_ms;
                    self.phase = Phase::Ready(p);
                    return Step::Wait { until_ms };
                }
                Phase::Ready(p) => {
                    let remaining = self.config.max_bytes.saturating_sub(self.progress.bytes);
                    if remaining == 0 {
                        self.fail(
                            p.url.to_string(),
                            Fault::MaxBytes {
                                limit: self.config.max_bytes,
                            },
                        );
                        continue;
                    }
                    let id = self.next_id;
                    self.next_id += 1;
                    let mut headers = vec![("Accept".to_string(), "application/json".to_string())];
                    headers.extend(self.config.auth.request_headers(
                        self.version,
                        p.switched,
                        now_ms,
                    ));
                    let request = Request {
                        id,
                        url: p.url.to_string(),
                        headers,
                        timeout_ms: self.config.timeout_ms,
                        max_body_bytes: remaining,
                    };
                    self.phase = Phase::InFlight {
                        pending: p,
                        id,
                        deadline_ms: now_ms.saturating_add_unsigned(self.config.timeout_ms),
                    };
                    return Step::Send(request);
                }
                Phase::InFlight {
                    pending,
                    deadline_ms,
                    ..
                } if now_ms >= deadline_ms => {
                    let fault = Fault::Timeout {
                        after_ms: self.config.timeout_ms,
                    };
                    self.retry_or_fail(now_ms, pending, fault, None);
                }
                phase @ Phase::InFlight { deadline_ms, .. } => {
                    self.phase = phase;
                    return Step::Wait {
                        until_ms: deadline_ms,
                    };
                }
            }
        }
    }

    /// The outcome of request `id`, received at `now_ms`. Outcomes of requests the fetch no
    /// longer waits for (timed out, cancelled) are ignored.
    pub fn receive(&mut self, now_ms: i64, id: u64, outcome: Result<Response, TransportError>) {
        let Phase::InFlight { id: expected, .. } = &self.phase else {
            return;
        };
        if *expected != id || self.cancelled {
            return;
        }
        let Phase::InFlight { pending, .. } = std::mem::replace(&mut self.phase, Phase::Finished)
        else {
            return;
        };
        match outcome {
            Err(TransportError::Cancelled) => {
                self.cancelled = true;
                self.phase = Phase::Ready(pending);
            }
            Err(TransportError::Timeout) => {
                let fault = Fault::Timeout {
                    after_ms: self.config.timeout_ms,
                };
                self.retry_or_fail(now_ms, pending, fault, None);
            }
            Err(TransportError::Connection(message)) => {
                self.retry_or_fail(now_ms, pending, Fault::Connection { message }, None);
            }
            Ok(response) => self.response(now_ms, pending, response),
        }
    }

    fn response(&mut self, now_ms: i64, mut pending: Pending, response: Response) {
        let status = response.status;
        let retry_after = response
            .header("Retry-After")
            .and_then(|v| retry_after_ms(v, now_ms));
        match status {
            200..=299 => {
                self.progress.bytes += response.body.len() as u64;
                match pending.purpose {
                    Purpose::Entry => self.entry_response(now_ms, pending, response),
                    Purpose::Details => self.details_response(now_ms, pending, response),
                    Purpose::Page => {
                        let report =
                            self.validate(now_ms, &pending.url, &response.body, self.module);
                        self.page(now_ms, pending, &response, report);
                    }
                }
            }
            401 | 403 if !pending.switched && self.config.auth.can_switch_encoding() => {
                pending.switched = true;
                pending.not_before_ms = now_ms;
                self.phase = Phase::Ready(pending);
            }
            401 | 403 => {
                let message = ocpi_message(&response.body);
                self.fail(
                    pending.url.to_string(),
                    Fault::Unauthorized { status, message },
                );
            }
            429 => self.retry_or_fail(
                now_ms,
                pending,
                Fault::RateLimited {
                    retry_after_ms: None,
                },
                retry_after,
            ),
            500..=599 => {
                self.retry_or_fail(now_ms, pending, Fault::ServerError { status }, retry_after)
            }
            _ => {
                let message = ocpi_message(&response.body);
                self.fail(
                    pending.url.to_string(),
                    Fault::HttpStatus { status, message },
                );
            }
        }
    }

    /// Retries a transient failure after a backoff (or the server's `Retry-After`), or records
    /// it once the retries are spent.
    fn retry_or_fail(
        &mut self,
        now_ms: i64,
        mut pending: Pending,
        fault: Fault,
        retry_after: Option<u64>,
    ) {
        let policy = &self.config.retry;
        if let Some(ms) = retry_after
            && ms > policy.max_retry_after_ms
        {
            let fault = Fault::RateLimited {
                retry_after_ms: Some(ms),
            };
            self.fail(pending.url.to_string(), fault);
            return;
        }
        if pending.retry >= policy.max_retries {
            self.fail(pending.url.to_string(), fault);
            return;
        }
        pending.retry += 1;
        let delay_ms = match retry_after {
            Some(ms) => ms,
            None => self.backoff.delay_ms(policy, pending.retry),
        };
        pending.not_before_ms = now_ms.saturating_add_unsigned(delay_ms);
        self.events.push_back(Event::Retrying {
            url: pending.url.to_string(),
            retry: pending.retry,
            delay_ms,
            fault,
        });
        self.phase = Phase::Ready(pending);
    }

    fn validate<'b>(
        &self,
        now_ms: i64,
        url: &Url,
        body: &'b [u8],
        module: Option<Module>,
    ) -> FileReport<'b> {
        let label = self
            .version_label
            .clone()
            .or_else(|| validate::label_from_path(url.path()));
        let options = Options {
            kind: module.map(Module::kind),
            label,
            now: jiff::Timestamp::from_millisecond(now_ms).ok(),
            ..Options::default()
        };
        validate::validate_document(url.as_str(), body, &options)
    }

    /// The response to the URL the caller gave: a versions list, version details, or a page.
    fn entry_response(&mut self, now_ms: i64, pending: Pending, response: Response) {
        if response.body_truncated {
            let fault = Fault::MaxBytes {
                limit: self.config.max_bytes,
            };
            self.fail(pending.url.to_string(), fault);
            return;
        }
        let report = self.validate(now_ms, &pending.url, &response.body, None);
        match report.kind {
            Some(Kind::Versions) => {
                if let Some(fault) = status_fault(&report) {
                    self.fail(pending.url.to_string(), fault);
                    return;
                }
                self.keep_discovery(&report);
                let parsed = json::parse(&response.body, ParseOptions::default());
                let objects = discovery::objects(parsed.root.as_ref());
                match discovery::choose_version(&objects, &pending.url) {
                    Ok(choice) => {
                        self.version = Some(choice.version);
                        self.version_label = Some(choice.label);
                        self.phase = Phase::Ready(pending_at(choice.url, Purpose::Details, now_ms));
                    }
                    Err(fault) => self.fail(pending.url.to_string(), fault),
                }
            }
            Some(Kind::VersionDetails) => self.details(now_ms, pending, &response, &report),
            Some(kind @ (Kind::Location | Kind::Tariff)) => {
                self.module = Module::of_kind(kind);
                let url = self.with_query(pending.url.clone());
                self.discovered(&url);
                if url != pending.url {
                    // The first page must be asked again with `limit` / `date_from`.
                    self.phase = Phase::Ready(pending_at(url, Purpose::Page, now_ms));
                } else {
                    self.page(now_ms, pending, &response, report);
                }
            }
            None => match status_fault(&report) {
                Some(fault) => self.fail(pending.url.to_string(), fault),
                None if report.items == 0
                    && report
                        .diagnostics
                        .iter()
                        .all(|d| d.severity != crate::Severity::Error) =>
                {
                    // An empty list: a module page with nothing in it.
                    self.module = Some(self.module.unwrap_or(Module::Locations));
                    self.discovered(&pending.url.clone());
                    self.page(now_ms, pending, &response, report);
                }
                None => self.fail(
                    pending.url.to_string(),
                    Fault::NotOcpi {
                        expected: "an OCPI versions list, version details or module page",
                    },
                ),
            },
        }
    }

    fn details_response(&mut self, now_ms: i64, pending: Pending, response: Response) {
        if response.body_truncated {
            let fault = Fault::MaxBytes {
                limit: self.config.max_bytes,
            };
            self.fail(pending.url.to_string(), fault);
            return;
        }
        let report = self.validate(now_ms, &pending.url, &response.body, None);
        if let Some(fault) = status_fault(&report) {
            self.fail(pending.url.to_string(), fault);
            return;
        }
        if report.kind != Some(Kind::VersionDetails) {
            let fault = Fault::NotOcpi {
                expected: "an OCPI version details document",
            };
            self.fail(pending.url.to_string(), fault);
            return;
        }
        self.details(now_ms, pending, &response, &report);
    }

    /// Version details: pick the module's endpoint and start paging.
    fn details(
        &mut self,
        now_ms: i64,
        pending: Pending,
        response: &Response,
        report: &FileReport<'_>,
    ) {
        self.keep_discovery(report);
        let parsed = json::parse(&response.body, ParseOptions::default());
        let objects = discovery::objects(parsed.root.as_ref());
        if let Some((version, label)) = discovery::details_version(&objects) {
            self.version = Some(version);
            self.version_label = Some(label);
        }
        let module = self.module.unwrap_or(Module::Locations);
        self.module = Some(module);
        let version = self.version.unwrap_or(Version::V2_1_1);
        match discovery::choose_endpoint(&objects, module, version, &pending.url) {
            Ok(url) => {
                let url = self.with_query(url);
                self.discovered(&url);
                self.phase = Phase::Ready(pending_at(url, Purpose::Page, now_ms));
            }
            Err(fault) => self.fail(pending.url.to_string(), fault),
        }
    }

    fn keep_discovery(&mut self, report: &FileReport<'_>) {
        self.summary.merge(report.summary());
        self.discovery_diagnostics
            .extend(report.diagnostics.iter().cloned());
    }

    fn discovered(&mut self, url: &Url) {
        let module = self.module.unwrap_or(Module::Locations);
        self.endpoint = Some(url.to_string());
        self.events.push_back(Event::Discovered {
            version: self.version,
            module,
            endpoint: url.to_string(),
        });
    }

    /// Adds `limit` and `date_from` to the first page's URL when configured and not there.
    fn with_query(&self, mut url: Url) -> Url {
        let has = |url: &Url, key: &str| url.query_pairs().any(|(k, _)| k == key);
        if let Some(limit) = self.config.page_limit
            && !has(&url, "limit")
        {
            url.query_pairs_mut()
                .append_pair("limit", &limit.to_string());
        }
        if let Some(from) = self.config.date_from
            && !has(&url, "date_from")
        {
            url.query_pairs_mut().append_pair(
                "date_from",
                &from.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            );
        }
        url
    }

    /// A module page: keep its items, then find the next one.
    fn page(&mut self, now_ms: i64, pending: Pending, response: &Response, report: FileReport<'_>) {
        let index = self.progress.pages;
        self.progress.pages += 1;
        self.visited.insert(visit_key(&pending.url));
        let content = page::read(report, &response.body, index, pending.url.as_str());
        self.summary.merge(content.summary);
        if self.version.is_none() {
            self.version = content.version;
        }
        if let Some(total) = response
            .header_u64("X-Total-Count")
            .or(content.envelope.total)
        {
            self.progress.total = Some(total);
        }
        if let Some(limit) = response.header_u64("X-Limit") {
            self.progress.limit = Some(limit);
        }
        let mut fault = if response.body_truncated {
            Some(Fault::MaxBytes {
                limit: self.config.max_bytes,
            })
        } else if let Some(fault) = status_code_fault(&content) {
            Some(fault)
        } else {
            content
                .broken_json
                .clone()
                .map(|message| Fault::JsonInvalid { message })
        };
        let PageContent {
            items,
            entries,
            diagnostics,
            kind,
            version,
            envelope,
            ..
        } = content;
        let count = items.len();
        let repeated = items
            .iter()
            .filter(|i| i.key.as_ref().is_some_and(|k| self.seen_keys.contains(k)))
            .count();
        let mut read = PageRead {
            index,
            url: pending.url.to_string(),
            status: response.status,
            kind,
            version,
            bytes: response.body.len(),
            items: Vec::with_capacity(count),
            added: 0,
            replaced: 0,
            kept_newer: 0,
            removed_evses: 0,
            diagnostics,
            fault: None,
        };
        for mut item in items {
            if let Some(key) = &item.key {
                self.seen_keys.insert(key.clone());
            }
            read.removed_evses += item.drop_removed_evses();
            let (at, merge) = self.store.merge(item);
            read.items.push(at);
            match merge {
                Merge::Added => read.added += 1,
                Merge::Replaced => read.replaced += 1,
                Merge::KeptNewer => read.kept_newer += 1,
            }
        }
        self.removed_evses += read.removed_evses;
        self.progress.items += count;
        if fault.is_none() && count > 0 && repeated == count {
            fault = Some(Fault::PageRepeated { items: count });
        }
        read.fault = fault.clone();
        if fault.is_none() {
            self.pages_ok += 1;
        }
        self.events.push_back(Event::Page(read));
        self.events.push_back(Event::Progress(self.progress));
        let go_on = match &fault {
            None | Some(Fault::JsonInvalid { .. }) => true,
            Some(_) => false,
        };
        if let Some(fault) = fault {
            self.fail(pending.url.to_string(), fault);
        }
        if !go_on {
            return;
        }
        let next = match self.next_url(&pending.url, response, envelope.next.as_deref(), entries) {
            Ok(next) => next,
            Err(fault) => {
                self.fail(pending.url.to_string(), fault);
                return;
            }
        };
        let Some(next) = next else {
            return;
        };
        let next = self.keep_filters(next);
        if self.visited.contains(&visit_key(&next)) {
            self.fail(
                next.to_string(),
                Fault::NextLoop {
                    url: next.to_string(),
                },
            );
        } else if self.progress.pages >= self.config.max_pages {
            let fault = Fault::MaxPages {
                limit: self.config.max_pages,
            };
            self.fail(next.to_string(), fault);
        } else {
            self.phase = Phase::Ready(pending_at(next, Purpose::Page, now_ms));
        }
    }

    /// The next page: the `Link` header's `rel="next"`, else a `next` in the body, else the
    /// next `offset` when `X-Total-Count` says there is more.
    fn next_url(
        &self,
        url: &Url,
        response: &Response,
        body_next: Option<&str>,
        entries: usize,
    ) -> Result<Option<Url>, Fault> {
        let links = response.header_values("Link");
        match link::next_link(links, url) {
            Err((header, reason)) => return Err(Fault::LinkInvalid { header, reason }),
            Ok(Some(next)) => return Ok(Some(next)),
            Ok(None) => {}
        }
        if let Some(next) = body_next.filter(|n| !n.trim().is_empty()) {
            return discovery::resolve(url, next.trim()).map(Some);
        }
        let Some(total) = self.progress.total else {
            return Ok(None);
        };
        let offset: u64 = url
            .query_pairs()
            .find(|(k, _)| k == "offset")
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(0);
        let next_offset = offset + entries as u64;
        if entries == 0 || next_offset >= total {
            return Ok(None);
        }
        let limit = self.progress.limit.map(|l| l.to_string());
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .filter(|(k, _)| k != "offset" && !(k == "limit" && limit.is_some()))
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let mut next = url.clone();
        {
            let mut query = next.query_pairs_mut();
            query.clear();
            for (k, v) in &pairs {
                query.append_pair(k, v);
            }
            query.append_pair("offset", &next_offset.to_string());
            if let Some(limit) = &limit {
                query.append_pair("limit", limit);
            }
        }
        Ok(Some(next))
    }

    /// A `date_from` refresh keeps its filter on every page, even when the server's `next`
    /// link forgets it (which would read the whole feed again).
    fn keep_filters(&self, mut url: Url) -> Url {
        if let Some(from) = self.config.date_from
            && !url.query_pairs().any(|(k, _)| k == "date_from")
        {
            url.query_pairs_mut().append_pair(
                "date_from",
                &from.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
            );
        }
        url
    }

    fn fail(&mut self, url: String, error: Fault) {
        let failed = FailedPage { url, error };
        self.failed.push(failed.clone());
        self.events.push_back(Event::Failed(failed));
        self.phase = Phase::Finished;
    }
}

fn segment_text(url: &Url) -> String {
    url.path_segments()
        .and_then(|mut s| s.rfind(|s| !s.is_empty()))
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn pending(url: Url, purpose: Purpose, not_before_ms: i64) -> Pending {
    Pending {
        url,
        purpose,
        retry: 0,
        not_before_ms,
        switched: false,
    }
}

fn pending_at(url: Url, purpose: Purpose, now_ms: i64) -> Pending {
    pending(url, purpose, now_ms)
}

/// URLs that differ only in the order of their query parameters are the same page.
fn visit_key(url: &Url) -> String {
    let mut pairs: Vec<(String, String)> = url
        .query_pairs()
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.sort();
    let mut base = url.clone();
    base.set_query(None);
    base.set_fragment(None);
    format!("{base}?{pairs:?}")
}

/// The OCPI status of a page, when it is not success (1xxx).
fn status_code_fault(content: &PageContent) -> Option<Fault> {
    match content.envelope.status_code {
        Some(code) if !(1000..2000).contains(&code) => Some(Fault::OcpiStatus {
            code,
            message: content.envelope.status_message.clone(),
        }),
        _ => None,
    }
}

fn status_fault(report: &FileReport<'_>) -> Option<Fault> {
    match report.envelope.status_code {
        Some(code) if !(1000..2000).contains(&code) => Some(Fault::OcpiStatus {
            code,
            message: report.envelope.status_message.clone(),
        }),
        _ => None,
    }
}

/// The `status_message` of an OCPI error body, if the body is one.
fn ocpi_message(body: &[u8]) -> Option<String> {
    let value: serde_json::Value = serde_json::from_slice(body).ok()?;
    let message = value.get("status_message")?.as_str()?;
    let code = value.get("status_code").and_then(|c| c.as_i64());
    Some(match code {
        Some(code) => format!("OCPI status {code}, {message}"),
        None => message.to_string(),
    })
}
