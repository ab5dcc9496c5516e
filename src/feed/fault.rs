//! Why a request, a page or a whole fetch did not succeed: errors as data with stable codes.

use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// One thing that went wrong while reading a feed. `code()` is a stable kebab-case id; the
/// message says what happened and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// No complete response arrived within the per-request timeout (retried first).
    Timeout { after_ms: u64 },
    /// The connection failed or broke (DNS, refused, reset, TLS); retried first.
    Connection { message: String },
    /// The server answered with an HTTP status that is not success and not worth retrying.
    HttpStatus {
        status: u16,
        message: Option<String>,
    },
    /// The server kept answering 5xx after every retry.
    ServerError { status: u16 },
    /// The server kept answering 429, or asked to wait longer than allowed.
    RateLimited { retry_after_ms: Option<u64> },
    /// 401 or 403: the endpoint wants credentials, or other ones.
    Unauthorized {
        status: u16,
        message: Option<String>,
    },
    /// The response envelope reports an OCPI status code other than success (1xxx).
    OcpiStatus { code: i64, message: Option<String> },
    /// The body is not well-formed JSON (cut off, garbled); the items before the break are kept.
    JsonInvalid { message: String },
    /// The response is not an OCPI document of the kind expected at this step.
    NotOcpi { expected: &'static str },
    /// The versions endpoint offers none of the versions this client speaks.
    NoCommonVersion { offered: Vec<String> },
    /// The version details list no endpoint of the module for the sender role.
    NoEndpoint {
        module: &'static str,
        version: String,
    },
    /// The `Link` header cannot be read, or its `next` target is not an http(s) URL.
    LinkInvalid { header: String, reason: String },
    /// A URL (the one given, or one from the data) is not an absolute http(s) URL.
    UrlInvalid { url: String, reason: String },
    /// The `next` page is one already read: the server's paging loops.
    NextLoop { url: String },
    /// Every item of the page was already read in this run: the server repeats a page.
    PageRepeated { items: usize },
    /// The configured maximum number of pages was reached.
    MaxPages { limit: usize },
    /// The configured maximum number of bytes was reached (a page that never ends, a huge feed).
    MaxBytes { limit: u64 },
    /// The caller cancelled the fetch.
    Cancelled,
}

impl Fault {
    /// The stable id of this kind of fault.
    pub fn code(&self) -> &'static str {
        match self {
            Fault::Timeout { .. } => "timeout",
            Fault::Connection { .. } => "connection",
            Fault::HttpStatus { .. } => "http-status",
            Fault::ServerError { .. } => "server-error",
            Fault::RateLimited { .. } => "rate-limited",
            Fault::Unauthorized { .. } => "unauthorized",
            Fault::OcpiStatus { .. } => "ocpi-status",
            Fault::JsonInvalid { .. } => "json-invalid",
            Fault::NotOcpi { .. } => "not-ocpi",
            Fault::NoCommonVersion { .. } => "no-common-version",
            Fault::NoEndpoint { .. } => "no-endpoint",
            Fault::LinkInvalid { .. } => "link-invalid",
            Fault::UrlInvalid { .. } => "url-invalid",
            Fault::NextLoop { .. } => "next-loop",
            Fault::PageRepeated { .. } => "page-repeated",
            Fault::MaxPages { .. } => "max-pages",
            Fault::MaxBytes { .. } => "max-bytes",
            Fault::Cancelled => "cancelled",
        }
    }

    /// Every code, for documentation and tests.
    pub const CODES: &'static [&'static str] = &[
        "timeout",
        "connection",
        "http-status",
        "server-error",
        "rate-limited",
        "unauthorized",
        "ocpi-status",
        "json-invalid",
        "not-ocpi",
        "no-common-version",
        "no-endpoint",
        "link-invalid",
        "url-invalid",
        "next-loop",
        "page-repeated",
        "max-pages",
        "max-bytes",
        "cancelled",
    ];

    /// Whether asking again may help (the retry policy decides how often).
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Fault::Timeout { .. }
                | Fault::Connection { .. }
                | Fault::ServerError { .. }
                | Fault::RateLimited { .. }
        )
    }
}

fn with_message(prefix: String, message: &Option<String>) -> String {
    match message {
        Some(m) if !m.trim().is_empty() => format!("{prefix}: {}", m.trim()),
        _ => prefix,
    }
}

impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Fault::Timeout { after_ms } => format!(
                "no complete response within {after_ms} ms; the server is slow or the page is large (raise the timeout)"
            ),
            Fault::Connection { message } => {
                format!("the connection failed: {message}; check the URL and the network")
            }
            Fault::HttpStatus { status, message } => with_message(
                format!("the server answered HTTP {status}; check the URL"),
                message,
            ),
            Fault::ServerError { status } => {
                format!("the server answered HTTP {status} to every retry; try again later")
            }
            Fault::RateLimited {
                retry_after_ms: Some(ms),
            } => format!(
                "the server limits the request rate and asks to wait {} s, longer than allowed; try again later",
                ms / 1000
            ),
            Fault::RateLimited {
                retry_after_ms: None,
            } => "the server limited the request rate (HTTP 429) on every retry; try again later"
                .to_string(),
            Fault::Unauthorized { status, message } => with_message(
                format!(
                    "the server refused access (HTTP {status}); this endpoint needs a token (and TOTP), or the one given is not accepted"
                ),
                message,
            ),
            Fault::OcpiStatus { code, message } => with_message(
                format!("the response reports OCPI status {code}, not success"),
                message,
            ),
            Fault::JsonInvalid { message } => format!(
                "the page is not well-formed JSON ({message}); the items before the break were kept"
            ),
            Fault::NotOcpi { expected } => format!(
                "the response is not {expected}; check that the URL is an OCPI versions, version details or module endpoint"
            ),
            Fault::NoCommonVersion { offered } => format!(
                "the server offers OCPI {}, none of 2.1.1, 2.2.1 and 2.3.0, which this client reads",
                if offered.is_empty() {
                    "no version".to_string()
                } else {
                    offered.join(", ")
                }
            ),
            Fault::NoEndpoint { module, version } => format!(
                "the version details of {version} list no `{module}` endpoint for the sender role; the operator does not publish it, or pass the module URL directly"
            ),
            Fault::LinkInvalid { header, reason } => format!(
                "the `Link` header `{header}` cannot be followed ({reason}); the pages after this one were not read"
            ),
            Fault::UrlInvalid { url, reason } => {
                format!("`{url}` is not a usable http(s) URL ({reason})")
            }
            Fault::NextLoop { url } => format!(
                "the next page `{url}` was already read: the server's paging loops; stopped there"
            ),
            Fault::PageRepeated { items } => format!(
                "all {items} items of this page were already read: the server repeats a page (it may ignore `offset`); stopped there"
            ),
            Fault::MaxPages { limit } => format!(
                "stopped after {limit} pages, the configured maximum; raise it to read more"
            ),
            Fault::MaxBytes { limit } => format!(
                "stopped after {limit} bytes, the configured maximum; raise it to read more"
            ),
            Fault::Cancelled => "cancelled before this page was read".to_string(),
        };
        f.write_str(&text)
    }
}

impl Serialize for Fault {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Fault", 2)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}
