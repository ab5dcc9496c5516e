//! The OCPI response envelope: `{"data": ..., "status_code": ..., "status_message": ...,
//! "timestamp": ...}`, and the error answers of the server.

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use std::collections::VecDeque;
use std::convert::Infallible;
use std::pin::Pin;
use std::task::{Context, Poll};

/// The OCPI status codes this server answers with (OCPI transport, "Status codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OcpiStatus {
    /// 1000 Generic success.
    Success,
    /// 2000 Generic client error: unknown endpoint, method or version; failed authentication.
    ClientError,
    /// 2001 Invalid or missing parameters.
    InvalidParameters,
    /// 2003 Unknown Location (also an unknown EVSE or connector of a location).
    UnknownLocation,
}

impl OcpiStatus {
    pub fn code(self) -> u16 {
        match self {
            OcpiStatus::Success => 1000,
            OcpiStatus::ClientError => 2000,
            OcpiStatus::InvalidParameters => 2001,
            OcpiStatus::UnknownLocation => 2003,
        }
    }
}

/// An error answer: HTTP status, OCPI status and a message saying what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub http: StatusCode,
    pub status: OcpiStatus,
    pub message: String,
}

impl ApiError {
    pub fn not_found(status: OcpiStatus, message: impl Into<String>) -> ApiError {
        ApiError {
            http: StatusCode::NOT_FOUND,
            status,
            message: message.into(),
        }
    }

    pub fn bad_parameter(message: impl Into<String>) -> ApiError {
        ApiError {
            http: StatusCode::BAD_REQUEST,
            status: OcpiStatus::InvalidParameters,
            message: message.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = envelope(
            |out| out.extend_from_slice(b"null"),
            self.status,
            &self.message,
        );
        json_response(self.http, body)
    }
}

/// The envelope around `data`, written by `write_data`; `timestamp` is now, in whole seconds.
pub fn envelope(
    write_data: impl FnOnce(&mut Vec<u8>),
    status: OcpiStatus,
    message: &str,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(256);
    out.extend_from_slice(ENVELOPE_HEAD);
    write_data(&mut out);
    out.extend_from_slice(&envelope_tail(status, message));
    out
}

/// What comes before `data`.
const ENVELOPE_HEAD: &[u8] = b"{\"data\":";

/// An envelope around data given as shared slices of the snapshot: the items are not copied.
pub fn envelope_chunks(data: Vec<Bytes>, status: OcpiStatus, message: &str) -> ChunkedBody {
    let mut chunks = VecDeque::with_capacity(data.len() + 2);
    chunks.push_back(Bytes::from_static(ENVELOPE_HEAD));
    chunks.extend(data.into_iter().filter(|c| !c.is_empty()));
    chunks.push_back(Bytes::from(envelope_tail(status, message)));
    ChunkedBody::new(chunks)
}

/// What comes after `data`: status, message, timestamp.
fn envelope_tail(status: OcpiStatus, message: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(96 + message.len());
    out.extend_from_slice(b",\"status_code\":");
    out.extend_from_slice(status.code().to_string().as_bytes());
    out.extend_from_slice(b",\"status_message\":");
    // Writing a string into a Vec cannot fail.
    let _ = serde_json::to_writer(&mut out, message);
    out.extend_from_slice(b",\"timestamp\":\"");
    let now = jiff::Timestamp::now().as_second();
    let now = jiff::Timestamp::from_second(now).unwrap_or(jiff::Timestamp::UNIX_EPOCH);
    out.extend_from_slice(now.to_string().as_bytes());
    out.extend_from_slice(b"\"}");
    out
}

/// A response body of several byte chunks with a known length, handed to hyper one by one
/// (which writes them with vectored I/O instead of copying them into one buffer).
pub struct ChunkedBody {
    chunks: VecDeque<Bytes>,
    remaining: u64,
}

impl ChunkedBody {
    fn new(chunks: VecDeque<Bytes>) -> ChunkedBody {
        let remaining = chunks.iter().map(|c| c.len() as u64).sum();
        ChunkedBody { chunks, remaining }
    }
}

impl http_body::Body for ChunkedBody {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<http_body::Frame<Bytes>, Infallible>>> {
        let next = self.chunks.pop_front();
        if let Some(chunk) = &next {
            self.remaining -= chunk.len() as u64;
        }
        Poll::Ready(next.map(|chunk| Ok(http_body::Frame::data(chunk))))
    }

    fn is_end_stream(&self) -> bool {
        self.chunks.is_empty()
    }

    fn size_hint(&self) -> http_body::SizeHint {
        http_body::SizeHint::with_exact(self.remaining)
    }
}

impl From<ChunkedBody> for Body {
    fn from(body: ChunkedBody) -> Body {
        Body::new(body)
    }
}

/// A JSON response with the given status.
pub fn json_response(status: StatusCode, body: Vec<u8>) -> Response {
    let mut response = (status, body).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_make_the_same_envelope() {
        use http_body::Body as _;
        let body = envelope_chunks(
            vec![Bytes::from_static(b"[1,"), Bytes::from_static(b"2]")],
            OcpiStatus::Success,
            "Success",
        );
        assert_eq!(body.size_hint().exact(), Some(body.remaining));
        let text: Vec<u8> = body.chunks.iter().flat_map(|c| c.iter().copied()).collect();
        let value: serde_json::Value = serde_json::from_slice(&text).expect("JSON");
        assert_eq!(value["data"], serde_json::json!([1, 2]));
        assert_eq!(text.len() as u64, body.remaining);
    }

    #[test]
    fn envelope_shape() {
        let body = envelope(
            |o| o.extend_from_slice(b"[1,2]"),
            OcpiStatus::Success,
            "Success",
        );
        let value: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
        assert_eq!(value["data"], serde_json::json!([1, 2]));
        assert_eq!(value["status_code"], 1000);
        assert_eq!(value["status_message"], "Success");
        let ts = value["timestamp"].as_str().expect("timestamp");
        assert!(ts.ends_with('Z') && ts.len() == 20, "{ts}");
    }
}
