//! The inputs of a call: a string (read as UTF-8), a `Uint8Array` or `ArrayBuffer`, or an array
//! of `{ path, input }` read as one feed. Inputs above `maxBytes` are refused before they are
//! copied into WebAssembly memory.

use super::options::{Reading, UNNAMED_INPUT};
use super::{ApiError, ApiErrorCode, type_name};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// One input, copied into WebAssembly memory.
pub(crate) struct NamedInput {
    pub(crate) path: String,
    pub(crate) bytes: Vec<u8>,
}

/// The `(path, bytes)` pairs the core reads.
pub(crate) fn as_files(inputs: &[NamedInput]) -> Vec<(&str, &[u8])> {
    inputs
        .iter()
        .map(|f| (f.path.as_str(), f.bytes.as_slice()))
        .collect()
}

fn too_large(size: String, limit: usize) -> ApiError {
    ApiError::new(
        ApiErrorCode::InputTooLarge,
        format!(
            "the input is {size} bytes, more than the limit of {limit} bytes; split it or raise `maxBytes`"
        ),
    )
}

/// Copies one input: a string as UTF-8, a `Uint8Array` or `ArrayBuffer` as it is.
pub(crate) fn bytes_of(input: &JsValue, max_bytes: usize) -> Result<Vec<u8>, ApiError> {
    if let Some(text) = input.dyn_ref::<js_sys::JsString>() {
        // UTF-8 takes at least one byte per UTF-16 unit: a longer string is too large.
        let units = text.length() as usize;
        if units > max_bytes {
            return Err(too_large(format!("at least {units}"), max_bytes));
        }
        let bytes = String::from(text).into_bytes();
        if bytes.len() > max_bytes {
            return Err(too_large(bytes.len().to_string(), max_bytes));
        }
        return Ok(bytes);
    }
    let array = if let Some(array) = input.dyn_ref::<js_sys::Uint8Array>() {
        array.clone()
    } else if let Some(buffer) = input.dyn_ref::<js_sys::ArrayBuffer>() {
        js_sys::Uint8Array::new(buffer)
    } else {
        return Err(ApiError::new(
            ApiErrorCode::InvalidInput,
            format!(
                "the input must be a string, a Uint8Array or an ArrayBuffer, not {}",
                type_name(input)
            ),
        ));
    };
    let len = array.length() as usize;
    if len > max_bytes {
        return Err(too_large(len.to_string(), max_bytes));
    }
    Ok(array.to_vec())
}

/// One input, named by the `path` option (`<input>` without it).
pub(crate) fn single(input: &JsValue, reading: &Reading) -> Result<NamedInput, ApiError> {
    Ok(NamedInput {
        path: reading
            .path
            .clone()
            .unwrap_or_else(|| UNNAMED_INPUT.to_string()),
        bytes: bytes_of(input, reading.max_bytes)?,
    })
}

/// An array of `{ path, input }`, read as one feed; `maxBytes` limits them together.
pub(crate) fn files(files: &js_sys::Array, reading: &Reading) -> Result<Vec<NamedInput>, ApiError> {
    if reading.path.is_some() {
        return Err(ApiError::new(
            ApiErrorCode::InvalidOptions,
            "the `path` option names a single input; give each file of the array its own `path`",
        ));
    }
    let mut total = 0usize;
    let mut read = Vec::with_capacity(files.length() as usize);
    for (i, file) in files.iter().enumerate() {
        let not_a_file = || {
            ApiError::new(
                ApiErrorCode::InvalidInput,
                format!(
                    "file {i} must be an object {{ path: string, input: string | Uint8Array }}, not {}",
                    type_name(&file)
                ),
            )
        };
        if !file.is_object() {
            return Err(not_a_file());
        }
        let field = |name: &str| {
            js_sys::Reflect::get(&file, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
        };
        let path = field("path").as_string().ok_or_else(not_a_file)?;
        let bytes = bytes_of(&field("input"), reading.max_bytes - total).map_err(|e| match e.code {
            ApiErrorCode::InputTooLarge => ApiError::new(
                ApiErrorCode::InputTooLarge,
                format!(
                    "the files are more than {} bytes together (`maxBytes`) from file {i} ({path}) on; split the feed or raise `maxBytes`",
                    reading.max_bytes
                ),
            ),
            _ => ApiError::new(e.code, format!("file {i} ({path}): {}", e.message)),
        })?;
        total += bytes.len();
        read.push(NamedInput { path, bytes });
    }
    Ok(read)
}

/// One input, or an array of `{ path, input }`.
pub(crate) fn one_or_many(input: &JsValue, reading: &Reading) -> Result<Vec<NamedInput>, ApiError> {
    match input.dyn_ref::<js_sys::Array>() {
        Some(array) => files(array, reading),
        None => Ok(vec![single(input, reading)?]),
    }
}
