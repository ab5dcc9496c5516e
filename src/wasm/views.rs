//! `afir` and `uk`: the regulation views, the documents of the CLI's `afir --format json` and
//! `uk --format json`. Only in the full build (feature `wasm-full`): they read local time in
//! each location's time zone, which needs the tz database.

use super::options::{JsOptions, Reading, local_date};
use super::{ApiError, ApiErrorCode, input, respond, to_js_via_json};
use crate::views::afir::{AfirInputs, AfirView};
use crate::views::data_requirement::DataRequirement;
use crate::views::reliability::{StatusSeries, measure};
use crate::views::uk::{RAPID_W, UkInputs, UkView};
use crate::views::{FeedFacts, ViewFeed, read_view_feed};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// The name of the tariffs input when it is given alone, without `path`.
const UNNAMED_TARIFFS: &str = "<tariffs>";

/// The inputs and options both views share (the CLI's `ViewArgs`).
struct ViewCall {
    files: Vec<input::NamedInput>,
    locations: usize,
    as_of: jiff::civil::Date,
    commissioned: Option<jiff::civil::Date>,
    facts: Option<String>,
    reading: Reading,
}

impl ViewCall {
    /// Reads `input` (the locations), `tariffs`, `asOf`, `commissioned` and `facts`.
    fn read(input: &JsValue, o: &mut JsOptions) -> Result<ViewCall, ApiError> {
        let reading = Reading::read(o)?;
        let mut files = input::one_or_many(input, &reading)?;
        let locations = files.len();
        if let Some(tariffs) = o.get("tariffs") {
            match tariffs.dyn_ref::<js_sys::Array>() {
                Some(array) => files.extend(input::files(array, &reading.without_path())?),
                None => files.push(input::NamedInput {
                    path: UNNAMED_TARIFFS.to_string(),
                    bytes: input::bytes_of(&tariffs, reading.max_bytes)
                        .map_err(|e| e.within("`tariffs`"))?,
                }),
            }
        }
        let as_of = match o.date("asOf")? {
            Some(date) => date,
            None => local_date(&js_sys::Date::new_0()).ok_or_else(|| {
                ApiError::new(
                    ApiErrorCode::InvalidOptions,
                    "the clock gives no date; pass `asOf`",
                )
            })?,
        };
        let commissioned = o.date("commissioned")?;
        let facts = match o.get("facts") {
            None => None,
            Some(v) => Some(match v.as_string() {
                Some(text) => text,
                None => js_sys::JSON::stringify(&v)
                    .ok()
                    .and_then(|s| s.as_string())
                    .ok_or_else(|| {
                        ApiError::new(
                            ApiErrorCode::InvalidOptions,
                            "`facts` must be an object {\"<location id>\": {\"commissioned\", \"ten_t\"}} or its JSON",
                        )
                    })?,
            }),
        };
        Ok(ViewCall {
            files,
            locations,
            as_of,
            commissioned,
            facts,
            reading,
        })
    }

    fn facts(&self, ten_t: bool) -> Result<FeedFacts, ApiError> {
        let locations = match &self.facts {
            Some(text) => FeedFacts::locations_from_json(text.as_bytes()).map_err(|e| {
                ApiError::new(ApiErrorCode::InvalidOptions, format!("`facts`: {e}"))
            })?,
            None => Default::default(),
        };
        Ok(FeedFacts {
            commissioned: self.commissioned,
            ten_t,
            locations,
        })
    }

    fn feed(&self) -> ViewFeed {
        read_view_feed(
            &input::as_files(&self.files),
            self.locations,
            self.reading.now(),
        )
    }
}

/// The EU AFIR requirements for every location and EVSE: the document of
/// `afir --format json`.
#[wasm_bindgen]
pub fn afir(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    respond(|| {
        let mut o = JsOptions::new(options)?;
        let call = ViewCall::read(&input, &mut o)?;
        let ten_t = o.bool("tenT")?.unwrap_or(false);
        o.finish()?;
        let read = call.feed();
        let inputs = AfirInputs {
            as_of: call.as_of,
            facts: call.facts(ten_t)?,
        };
        let report = AfirView::new(&read.feed, &inputs)
            .with_places(read.places)
            .report();
        to_js_via_json(&report)
    })
}

/// The UK Public Charge Point Regulations 2023 for every location and EVSE, and the reliability
/// of the rapid network from `snapshots`: the document of `uk --format json`.
#[wasm_bindgen]
pub fn uk(input: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    respond(|| {
        let mut o = JsOptions::new(options)?;
        let call = ViewCall::read(&input, &mut o)?;
        let micro_business = o.bool("microBusiness")?.unwrap_or(false);
        let snapshots = match o.get("snapshots") {
            None => None,
            Some(v) => match v.dyn_ref::<js_sys::Array>() {
                Some(array) => Some(input::files(array, &call.reading.without_path())?),
                None => {
                    return Err(ApiError::new(
                        ApiErrorCode::InvalidOptions,
                        "`snapshots` must be an array of { path, input }",
                    ));
                }
            },
        };
        o.finish()?;
        let series = match snapshots {
            Some(files) if files.is_empty() => {
                return Err(ApiError::new(
                    ApiErrorCode::InvalidOptions,
                    "`snapshots` is empty; give at least one snapshot or leave it out",
                ));
            }
            Some(files) => {
                let mut series = StatusSeries::new();
                for file in &files {
                    series
                        .add_document(&file.path, &file.bytes)
                        .map_err(|e| ApiError::new(ApiErrorCode::InvalidInput, e.to_string()))?;
                }
                Some(series)
            }
            None => None,
        };
        let read = call.feed();
        let locations = input::as_files(&call.files[..call.locations]);
        let inputs = UkInputs {
            as_of: call.as_of,
            micro_business,
            facts: call.facts(false)?,
            data_requirement: Some(DataRequirement::check(&locations)),
            reliability: series.map(|s| measure(&read.feed, s, RAPID_W)),
            ..UkInputs::as_of(call.as_of)
        };
        let report = UkView::new(&read.feed, &inputs)
            .with_places(read.places)
            .report();
        to_js_via_json(&report)
    })
}
