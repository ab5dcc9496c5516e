//! `price`, `explainTariff` and `explainTariffParts`: the pricing engine, as the CLI's
//! `price --format json` gives it. Only in the full build (feature `wasm-full`): restrictions are
//! read in the location's local time, which needs the tz database.

use super::options::{JsOptions, MAX_INPUT_BYTES};
use super::{ApiError, ApiErrorCode, input, respond, to_js_via_json};
use crate::spec::Version;
use crate::tariff::{
    Language, PriceError, PriceRequest, Priced, explain_tariff_parts, pick_tariff, price_request,
    read_tariffs, read_tariffs_as,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// What the CLI prints when the input cannot be priced.
#[derive(Serialize)]
struct ErrorDocument<'e> {
    error: &'e PriceError,
}

fn invalid(message: impl Into<String>) -> ApiError {
    ApiError::new(ApiErrorCode::InvalidOptions, message)
}

/// An input held by a field of the request.
fn input_of(o: &mut JsOptions, name: &'static str) -> Result<Option<Vec<u8>>, ApiError> {
    o.get(name)
        .map(|v| input::bytes_of(&v, MAX_INPUT_BYTES).map_err(|e| e.within(&format!("`{name}`"))))
        .transpose()
}

fn language(o: &mut JsOptions) -> Result<Language, ApiError> {
    match o.string("language")?.as_deref() {
        None | Some("en") => Ok(Language::En),
        Some("de") => Ok(Language::De),
        Some(other) => Err(invalid(format!(
            "`language` \"{other}\": expected \"en\" or \"de\""
        ))),
    }
}

fn tariff_version(o: &mut JsOptions) -> Result<Option<Version>, ApiError> {
    match o.string("tariffVersion")?.as_deref() {
        None | Some("auto") => Ok(None),
        Some(v @ ("2.1.1" | "2.2.1" | "2.3.0")) => Ok(Version::from_label(v)),
        Some(other) => Err(invalid(format!(
            "`tariffVersion` \"{other}\": expected \"auto\", \"2.1.1\", \"2.2.1\" or \"2.3.0\""
        ))),
    }
}

/// Prices `{tariff?, session | cdr, tariffId?, tariffVersion?, timeZone?, language?}`: the
/// document of `price --format json`, or `{error}` when the input cannot be priced.
#[wasm_bindgen]
pub fn price(request: JsValue) -> Result<JsValue, JsValue> {
    respond(|| {
        let mut o = JsOptions::new(request)?;
        let tariff = input_of(&mut o, "tariff")?;
        let session = input_of(&mut o, "session")?;
        let cdr = input_of(&mut o, "cdr")?;
        let tariff_id = o.string("tariffId")?;
        let tariff_version = tariff_version(&mut o)?;
        let time_zone =
            match o.string("timeZone")? {
                Some(name) => Some(jiff::tz::db().get(&name).map_err(|_| {
                    invalid(format!("`timeZone` \"{name}\" is not an IANA time zone"))
                })?),
                None => None,
            };
        let language = language(&mut o)?;
        o.finish()?;
        let priced = match (&session, &cdr) {
            (Some(s), None) => Priced::Session(s),
            (None, Some(c)) => Priced::Cdr(c),
            _ => return Err(invalid("give either `session` or `cdr`")),
        };
        if tariff.is_none() && cdr.is_none() {
            return Err(invalid("`tariff` is needed to price a session"));
        }
        let result = price_request(&PriceRequest {
            tariff: tariff.as_deref(),
            tariff_id: tariff_id.as_deref(),
            tariff_version,
            priced,
            time_zone: time_zone.as_ref(),
            language,
        });
        match result {
            Ok((price, _)) => to_js_via_json(&price),
            Err(error) => to_js_via_json(&ErrorDocument { error: &error }),
        }
    })
}

/// The tariff chosen from a tariff file, explained.
fn explanation(tariff: JsValue, options: JsValue) -> Result<crate::tariff::Explanation, ApiError> {
    let mut o = JsOptions::new(options)?;
    let language = language(&mut o)?;
    let tariff_id = o.string("tariffId")?;
    let version = tariff_version(&mut o)?;
    o.finish()?;
    let bytes = input::bytes_of(&tariff, MAX_INPUT_BYTES)?;
    let unreadable = |e: PriceError| {
        ApiError::new(
            ApiErrorCode::TariffUnreadable,
            format!(
                "{}{} [{}]; {}",
                e.message,
                e.pointer
                    .as_ref()
                    .map_or_else(String::new, |p| format!(" (at {p})")),
                e.code,
                e.hint
            ),
        )
    };
    let tariffs = match version {
        Some(v) => read_tariffs_as(&bytes, true, v),
        None => read_tariffs(&bytes, true, None),
    }
    .map_err(unreadable)?;
    let chosen = pick_tariff(&tariffs, tariff_id.as_deref(), None).map_err(unreadable)?;
    Ok(explain_tariff_parts(chosen, language))
}

/// A tariff in plain words (English or German): the `explanation` of `price`.
#[wasm_bindgen(js_name = explainTariff)]
pub fn explain_tariff(tariff: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    respond(|| Ok(JsValue::from_str(&explanation(tariff, options)?.text)))
}

/// A tariff in plain words, component by component: `{prices, notes, text}`.
#[wasm_bindgen(js_name = explainTariffParts)]
pub fn explain_tariff_parts_js(tariff: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    respond(|| to_js_via_json(&explanation(tariff, options)?))
}
