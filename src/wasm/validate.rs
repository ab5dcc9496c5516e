//! `validate` and `validateFeed`: the reports of the CLI's `validate --format json`.

use super::options::{JsOptions, Reading};
use super::{ApiError, ApiErrorCode, input, respond, to_js};
use crate::validate::{FeedReport, validate_files_streaming};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// Validates one document: the report of one file of `validate --format json`
/// (`{path, kind, version, version_reason, items, items_ok, diagnostics}`).
#[wasm_bindgen]
pub fn validate(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    respond(|| {
        if js_sys::Array::is_array(&input) {
            return Err(ApiError::new(
                ApiErrorCode::InvalidInput,
                "validate reads one input; use validateFeed for an array of files",
            ));
        }
        let mut o = JsOptions::new(options)?;
        let reading = Reading::read(&mut o)?;
        o.finish()?;
        let inputs = [input::single(&input, &reading)?];
        let mut reports = validate_files_streaming(
            &input::as_files(&inputs),
            |path| reading.options_for(path),
            &mut |_, _, _, _| {},
        );
        to_js(&reports.pop())
    })
}

/// Validates files as one feed (ids unique across them, tariff references resolved): the whole
/// document of `validate --format json`, `{files, summary}`.
#[wasm_bindgen(js_name = validateFeed)]
pub fn validate_feed(files: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    respond(|| {
        let Some(files) = files.dyn_ref::<js_sys::Array>() else {
            return Err(ApiError::new(
                ApiErrorCode::InvalidInput,
                "validateFeed reads an array of { path, input }; use validate for one input",
            ));
        };
        let mut o = JsOptions::new(options)?;
        let reading = Reading::read(&mut o)?;
        o.finish()?;
        let inputs = input::files(files, &reading)?;
        let reports = validate_files_streaming(
            &input::as_files(&inputs),
            |path| reading.options_for(path),
            &mut |_, _, _, _| {},
        );
        to_js(&FeedReport::new(&reports))
    })
}
