//! The OCPI response envelope: `{"data": ..., "status_code": ..., "status_message": ...,
//! "timestamp": ...}`, and the error answers of the server.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

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
    out.extend_from_slice(b"{\"data\":");
    write_data(&mut out);
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
