//! `normalize`: the version-neutral model, as the CLI's `normalize` prints it.

use super::options::{JsOptions, Reading};
use super::{input, respond, to_js_via_json};
use crate::model::read_feed;
use wasm_bindgen::prelude::*;

/// Reads one document, or an array of `{path, input}` as one feed, into
/// `{locations, tariffs}`.
#[wasm_bindgen]
pub fn normalize(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    respond(|| {
        let mut o = JsOptions::new(options)?;
        let reading = Reading::read(&mut o)?;
        o.finish()?;
        let inputs = input::one_or_many(&input, &reading)?;
        let (_, feed) = read_feed(&input::as_files(&inputs), |path| reading.options_for(path));
        to_js_via_json(&feed)
    })
}
