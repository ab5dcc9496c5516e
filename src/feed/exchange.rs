//! What the sans-IO core asks a transport to do, and what the transport hands back.

/// One HTTP GET the core wants performed.
#[derive(Clone, PartialEq, Eq)]
pub struct Request {
    /// Matches the answer to the request: pass it back to [`super::FeedFetch::receive`].
    pub id: u64,
    pub url: String,
    /// Header name and value pairs, including credentials when configured.
    pub headers: Vec<(String, String)>,
    /// Give up on the request (body included) after this long and report a timeout.
    pub timeout_ms: u64,
    /// Read at most this many body bytes; stop there and set `Response::body_truncated`.
    pub max_body_bytes: u64,
}

/// Headers whose values are credentials: never printed.
const SECRET_HEADERS: &[&str] = &["authorization", "totp"];

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                let secret = SECRET_HEADERS.iter().any(|s| k.eq_ignore_ascii_case(s));
                (k.as_str(), if secret { "<redacted>" } else { v.as_str() })
            })
            .collect();
        f.debug_struct("Request")
            .field("id", &self.id)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("timeout_ms", &self.timeout_ms)
            .field("max_body_bytes", &self.max_body_bytes)
            .finish()
    }
}

/// An HTTP response as the transport received it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    /// Header name and value pairs; a header sent several times appears several times.
    pub headers: Vec<(String, String)>,
    /// The body, decompressed.
    pub body: Vec<u8>,
    /// The body was longer than `Request::max_body_bytes`; `body` holds its first bytes.
    pub body_truncated: bool,
}

impl Response {
    /// A complete response with no headers.
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body: body.into(),
            body_truncated: false,
        }
    }

    /// Adds a header (builder style, for transports and tests).
    pub fn with_header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }

    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Every value of a header, in order (a `Link` may be sent as several headers).
    pub fn header_values<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s str> + 's {
        self.headers
            .iter()
            .filter(move |(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A header holding a non-negative integer (`X-Total-Count`, `X-Limit`).
    pub fn header_u64(&self, name: &str) -> Option<u64> {
        self.header(name)?.trim().parse().ok()
    }
}

/// Why a transport could not deliver a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    /// The request did not complete within `Request::timeout_ms`.
    Timeout,
    /// The connection could not be made or broke (message from the HTTP stack, never credentials).
    Connection(String),
    /// The caller's cancellation stopped the request.
    Cancelled,
}
