//! The JavaScript API of the npm package (wasm-bindgen), compiled for wasm32 with the `wasm`
//! feature only.
//!
//! Here: the errors a call throws (JS `Error`s named `OcpiError` with a stable kebab-case `code`,
//! which the package's entry re-throws as instances of its `OcpiError` class) and the turning of
//! results into plain JS objects with the field names of the CLI's JSON. `wasm/input.rs` reads
//! inputs (a string, a `Uint8Array`, an array of files), `wasm/options.rs` the options object
//! (camelCase names, unknown names refused). Each capability has its own file below `wasm/`.
//!
//! A thrown error means the call could not run (bad argument, input above the size limit); what
//! is wrong in the data is never thrown, it is in the returned report.

#[cfg(feature = "wasm-full")]
mod feed;
mod input;
mod normalize;
mod options;
#[cfg(feature = "wasm-full")]
mod price;
#[cfg(feature = "wasm-full")]
mod totp;
mod validate;
#[cfg(feature = "wasm-full")]
mod views;

use serde::Serialize;
use wasm_bindgen::prelude::*;

/// Why a call could not run. The codes are part of the npm API (`OcpiErrorCode` in the
/// package's `index.d.ts`).
#[derive(Debug)]
pub(crate) struct ApiError {
    code: ApiErrorCode,
    message: String,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum ApiErrorCode {
    /// The input is neither a string nor bytes.
    InvalidInput,
    /// An option has an unknown name or a value of the wrong type or range.
    InvalidOptions,
    /// The input is larger than `maxBytes` (1 GiB by default); it was not copied.
    InputTooLarge,
    /// The result could not be handed to JavaScript.
    Output,
    /// The tariff to explain could not be read or chosen.
    #[cfg_attr(not(feature = "wasm-full"), allow(dead_code))]
    TariffUnreadable,
    /// A TOTP configuration or moment the format refuses; the core's code (`totp-...`).
    #[cfg_attr(not(feature = "wasm-full"), allow(dead_code))]
    Totp(&'static str),
}

impl ApiErrorCode {
    fn as_str(self) -> &'static str {
        match self {
            ApiErrorCode::InvalidInput => "invalid-input",
            ApiErrorCode::InvalidOptions => "invalid-options",
            ApiErrorCode::InputTooLarge => "input-too-large",
            ApiErrorCode::Output => "output-failed",
            ApiErrorCode::TariffUnreadable => "tariff-unreadable",
            ApiErrorCode::Totp(code) => code,
        }
    }
}

impl ApiError {
    pub(crate) fn new(code: ApiErrorCode, message: impl Into<String>) -> Self {
        ApiError {
            code,
            message: message.into(),
        }
    }

    /// The same error about `what` (an option holding an input).
    #[cfg_attr(not(feature = "wasm-full"), allow(dead_code))]
    pub(crate) fn within(self, what: &str) -> ApiError {
        ApiError {
            code: self.code,
            message: format!("{what}: {}", self.message),
        }
    }

    pub(crate) fn into_js(self) -> JsValue {
        let error = js_sys::Error::new(&self.message);
        error.set_name("OcpiError");
        // Setting a property on a fresh Error object cannot fail.
        let _ = js_sys::Reflect::set(
            &error,
            &JsValue::from_str("code"),
            &JsValue::from_str(self.code.as_str()),
        );
        error.into()
    }
}

/// `typeof`, with arrays and `null` named as such, for messages.
pub(crate) fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(value) {
        "an array".into()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// Runs a binding: its error becomes a thrown `OcpiError`.
pub(crate) fn respond(run: impl FnOnce() -> Result<JsValue, ApiError>) -> Result<JsValue, JsValue> {
    run().map_err(ApiError::into_js)
}

/// A result as a plain JS object: maps as objects and `None` as `null`, as in the CLI's JSON.
pub(crate) fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, ApiError> {
    let serializer = serde_wasm_bindgen::Serializer::new()
        .serialize_maps_as_objects(true)
        .serialize_missing_as_null(true);
    value
        .serialize(&serializer)
        .map_err(|e| ApiError::new(ApiErrorCode::Output, e.to_string()))
}

/// A result that holds numbers from the data (unknown fields' values, durations) as a plain JS
/// object: the CLI's JSON text, read by `JSON.parse`. serde-wasm-bindgen refuses integers beyond
/// 2^53, which the data may hold; `JSON.parse` reads them as the nearest number, as it does with
/// the CLI's output, so the result is exactly `JSON.parse` of what the CLI prints. (As fast as
/// serde-wasm-bindgen for the model of a whole feed, and one serializer less in the .wasm.)
pub(crate) fn to_js_via_json<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, ApiError> {
    let text = serde_json::to_string(value)
        .map_err(|e| ApiError::new(ApiErrorCode::Output, e.to_string()))?;
    js_sys::JSON::parse(&text)
        .map_err(|_| ApiError::new(ApiErrorCode::Output, "the result could not be read as JSON"))
}
