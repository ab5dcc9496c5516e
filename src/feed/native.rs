//! The native transport: reqwest with rustls on tokio, optional TLS client certificate (mutual
//! TLS), a timeout per request, a byte cap while the body streams in, and cancellation.

use super::client::{Event, FeedFetch, Step};
use super::exchange::{Request, Response, TransportError};
use super::store::FeedStore;
use std::time::Duration;
pub use tokio_util::sync::CancellationToken;

/// How the HTTP client is set up.
#[derive(Clone, Default)]
pub struct NativeOptions {
    /// PEM of the client certificate (chain) for mutual TLS.
    pub client_cert_pem: Option<Vec<u8>>,
    /// PEM of its private key.
    pub client_key_pem: Option<Vec<u8>>,
    /// `User-Agent`; a default naming this crate when `None`.
    pub user_agent: Option<String>,
    /// Do not follow redirects to another host (set when credentials are sent, so that they
    /// never reach a host they were not meant for).
    pub same_host_redirects_only: bool,
}

impl std::fmt::Debug for NativeOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NativeOptions")
            .field(
                "client_cert_pem",
                &self.client_cert_pem.as_ref().map(|_| "<pem>"),
            )
            .field(
                "client_key_pem",
                &self.client_key_pem.as_ref().map(|_| "<redacted>"),
            )
            .field("user_agent", &self.user_agent)
            .field("same_host_redirects_only", &self.same_host_redirects_only)
            .finish()
    }
}

/// The client could not be set up (a certificate or key that cannot be read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupError(pub String);

impl std::fmt::Display for SetupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SetupError {}

/// Sends the requests of a [`FeedFetch`] with reqwest.
#[derive(Debug, Clone)]
pub struct NativeTransport {
    client: reqwest::Client,
}

impl NativeTransport {
    pub fn new(options: &NativeOptions) -> Result<NativeTransport, SetupError> {
        let agent = options.user_agent.clone().unwrap_or_else(|| {
            format!(
                "{}/{} (OCPI open-data client)",
                env!("CARGO_PKG_NAME"),
                env!("CARGO_PKG_VERSION")
            )
        });
        let mut builder = reqwest::Client::builder()
            .user_agent(agent)
            .use_rustls_tls();
        match (&options.client_cert_pem, &options.client_key_pem) {
            (Some(cert), Some(key)) => {
                let mut pem = key.clone();
                pem.push(b'\n');
                pem.extend_from_slice(cert);
                let identity = reqwest::Identity::from_pem(&pem).map_err(|e| {
                    SetupError(format!(
                        "the client certificate or key cannot be read as PEM ({e}); give a PEM certificate and its PEM private key"
                    ))
                })?;
                builder = builder.identity(identity);
            }
            (None, None) => {}
            _ => {
                return Err(SetupError(
                    "a client certificate needs its key, and a key its certificate; give both"
                        .into(),
                ));
            }
        }
        if options.same_host_redirects_only {
            builder = builder.redirect(reqwest::redirect::Policy::custom(|attempt| {
                let first = attempt
                    .previous()
                    .first()
                    .and_then(|u| u.host_str().map(str::to_owned));
                if attempt.previous().len() > 10 {
                    attempt.error("too many redirects")
                } else if first.as_deref() == attempt.url().host_str() {
                    attempt.follow()
                } else {
                    attempt.stop()
                }
            }));
        }
        let client = builder
            .build()
            .map_err(|e| SetupError(format!("the HTTP client cannot be set up: {e}")))?;
        Ok(NativeTransport { client })
    }

    /// Performs one request: the whole exchange, body included, within its timeout; the body
    /// is read up to `max_body_bytes`.
    pub async fn send(&self, request: &Request) -> Result<Response, TransportError> {
        let timeout = Duration::from_millis(request.timeout_ms);
        match tokio::time::timeout(timeout, self.exchange(request)).await {
            Ok(outcome) => outcome,
            Err(_) => Err(TransportError::Timeout),
        }
    }

    async fn exchange(&self, request: &Request) -> Result<Response, TransportError> {
        let mut builder = self.client.get(&request.url);
        for (name, value) in &request.headers {
            builder = builder.header(name, value);
        }
        let mut response = builder.send().await.map_err(classify)?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let cap = usize::try_from(request.max_body_bytes).unwrap_or(usize::MAX);
        let mut body = Vec::new();
        let mut body_truncated = false;
        while let Some(chunk) = response.chunk().await.map_err(classify)? {
            let room = cap - body.len();
            if chunk.len() > room {
                body.extend_from_slice(&chunk[..room]);
                body_truncated = true;
                break;
            }
            body.extend_from_slice(&chunk);
        }
        Ok(Response {
            status,
            headers,
            body,
            body_truncated,
        })
    }
}

fn classify(error: reqwest::Error) -> TransportError {
    if error.is_timeout() {
        return TransportError::Timeout;
    }
    // The message names the URL and the cause, never the headers (no credentials).
    let mut message = error.to_string();
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        message.push_str(": ");
        message.push_str(&cause.to_string());
        source = cause.source();
    }
    TransportError::Connection(message)
}

/// The time now, in milliseconds since the Unix epoch.
pub fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

/// Drives `fetch` to its end with `transport`, calling `on_event` with each event and the store
/// (a page's items are `store.get(position)` for the positions in `PageRead::items`).
/// Cancelling `cancel` abandons the request in flight or the wait, and ends the fetch.
pub async fn run(
    fetch: &mut FeedFetch,
    transport: &NativeTransport,
    cancel: &CancellationToken,
    mut on_event: impl FnMut(&Event, &FeedStore),
) {
    loop {
        if cancel.is_cancelled() {
            fetch.cancel();
        }
        match fetch.next_step(now_ms()) {
            Step::Done => return,
            Step::Event(event) => on_event(&event, fetch.store()),
            Step::Wait { until_ms } => {
                let wait = u64::try_from(until_ms.saturating_sub(now_ms())).unwrap_or(0);
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_millis(wait)) => {}
                    _ = cancel.cancelled() => fetch.cancel(),
                }
            }
            Step::Send(request) => {
                let outcome = tokio::select! {
                    outcome = transport.send(&request) => outcome,
                    _ = cancel.cancelled() => Err(TransportError::Cancelled),
                };
                fetch.receive(now_ms(), request.id, outcome);
            }
        }
    }
}
