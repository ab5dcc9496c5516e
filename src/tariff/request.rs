//! One pricing request as the CLI's `price` and the npm package's `price` make it: a tariff file
//! (or the tariffs a CDR carries), a session description or a CDR, and the choices around them.
//! Both front ends call [`price_request`], so they give the same document.

use super::{
    Cdr, Language, PriceError, Session, SessionPrice, explain_tariff, pick_tariff, price_cdr,
    price_session, read_tariffs, read_tariffs_as,
};
use crate::model::Tariff;
use crate::spec::Version;

/// What is priced: the JSON of a session description or of a CDR.
#[derive(Debug, Clone, Copy)]
pub enum Priced<'a> {
    /// `{"start_date_time", "end_date_time", "timezone"?, "energy_kwh", ...}`.
    Session(&'a [u8]),
    /// An OCPI CDR (2.1.1, 2.2.1 or 2.3.0), priced and compared with its own totals.
    Cdr(&'a [u8]),
}

/// A pricing request.
#[derive(Debug, Clone, Copy)]
pub struct PriceRequest<'a> {
    /// The tariff file: a tariff, a list or an envelope. Optional for a CDR that carries its
    /// tariffs.
    pub tariff: Option<&'a [u8]>,
    /// The tariff to use when the file has several.
    pub tariff_id: Option<&'a str>,
    /// Read the tariff as this version; `None` detects it from its shape.
    pub tariff_version: Option<Version>,
    pub priced: Priced<'a>,
    /// The location's time zone; overrides what the data says.
    pub time_zone: Option<&'a jiff::tz::TimeZone>,
    /// The language of `explanation`.
    pub language: Language,
}

/// Prices the request; also says whether the chosen tariff has validation errors (the CLI then
/// exits with 1).
pub fn price_request(request: &PriceRequest<'_>) -> Result<(SessionPrice, bool), PriceError> {
    let mut result = match request.priced {
        Priced::Cdr(data) => {
            let cdr = Cdr::from_json(data, true)?;
            let tariffs = match request.tariff {
                Some(bytes) => tariffs_of(request, bytes, Some(cdr.version))?,
                None => cdr.tariffs.clone(),
            };
            let chosen = pick_tariff(&tariffs, request.tariff_id, Some(&cdr))?;
            let price = price_cdr(chosen, &cdr, request.time_zone)?;
            (price, chosen.source.has_errors)
        }
        Priced::Session(data) => {
            let session = Session::from_json(data)?;
            let tariffs = tariffs_of(request, request.tariff.unwrap_or_default(), None)?;
            let chosen = pick_tariff(&tariffs, request.tariff_id, None)?;
            let price = price_session(chosen, &session, None, request.time_zone)?;
            (price, chosen.source.has_errors)
        }
    };
    if request.language != Language::En {
        // The explanation in the asked language; the rest of the document does not change.
        let tariffs = match (request.tariff, request.priced) {
            (Some(bytes), _) => tariffs_of(request, bytes, None)?,
            (None, Priced::Cdr(data)) => Cdr::from_json(data, true)?.tariffs,
            (None, Priced::Session(_)) => Vec::new(),
        };
        if let Some(t) = tariffs.iter().find(|t| t.id == result.0.tariff_id) {
            result.0.explanation = explain_tariff(t, request.language);
        }
    }
    Ok(result)
}

/// The tariffs of the tariff file, read as `tariff_version` says.
fn tariffs_of(
    request: &PriceRequest<'_>,
    bytes: &[u8],
    at_least: Option<Version>,
) -> Result<Vec<Tariff>, PriceError> {
    match request.tariff_version {
        Some(v) => read_tariffs_as(bytes, true, v),
        None => read_tariffs(bytes, true, at_least),
    }
}
