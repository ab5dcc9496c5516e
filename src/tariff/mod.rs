//! Pricing a charging session against a tariff, and explaining a tariff in words.
//!
//! Two inputs, one engine: a CDR's charging periods ([`Cdr`]) are priced as the CDR states
//! them; a session description ([`Session`]: start, end, energy, power limits) is first turned
//! into periods, split at every moment a restriction of the tariff can change. Both are priced
//! by [`engine`] against the version-neutral [`crate::model::Tariff`] of any OCPI version.
//!
//! ```
//! use ocpi_open_data::tariff::{amount_text, price_session, Session};
//! use ocpi_open_data::model::Tariff;
//!
//! let tariff: Tariff = serde_json::from_str(r#"{
//!     "source": {"file": "", "pointer": "", "version": "2.2.1", "has_errors": false},
//!     "id": "1", "currency": "EUR", "tax_included": "NO",
//!     "elements": [{"price_components": [
//!         {"type": "ENERGY", "price": "0.39", "vat": "21", "step_size": 1},
//!         {"type": "FLAT", "price": "1.00", "vat": "21", "step_size": 1}]}]
//! }"#).unwrap();
//! let session = Session::from_json(br#"{"start_date_time": "2026-01-06T10:00:00Z",
//!     "end_date_time": "2026-01-06T11:00:00Z", "energy_kwh": 30, "max_power_kw": 50}"#).unwrap();
//! let price = price_session(&tariff, &session, None, None).unwrap();
//! // 30 kWh × 0.39 + 1.00 = 12.70; after 21% VAT: 15.367
//! assert_eq!(amount_text(price.total.before_tax.unwrap()), "12.70");
//! assert_eq!(amount_text(price.total.after_tax.unwrap()), "15.367");
//! assert_eq!(price.explanation, "€0.39 per kWh (+21% VAT); €1.00 per session (+21% VAT)");
//! ```
//!
//! How the ambiguous parts of the specification are read (step_size, overlapping elements,
//! taxes, restriction boundaries, durations with parking, 2.1.1) is written down in
//! `docs/readings.md`, section "Pricing".
//!
//! Errors are [`PriceError`]s with stable codes ([`ErrorCode`]); notes on how a price was
//! computed are [`PriceWarning`]s ([`WarningCode`]). Nothing in the input can make it panic.

mod cdr;
mod engine;
mod error;
mod explain;
mod instant;
mod period;
mod priced;
mod reference;
mod request;
mod restriction;
mod ser;
mod session;
mod tariff_file;
mod tax;
mod zone;

#[cfg(test)]
mod tests;

pub use cdr::{CDR_TOLERANCE, Cdr, CdrPeriod};
pub use error::{ErrorCode, PriceError, PriceWarning, WarningCode};
pub use explain::{
    ExplainedPrice, Explanation, Language, explain_tariff, explain_tariff_parts, money,
};
pub use period::ChargingPeriod;
pub use priced::{
    AppliedLimit, CdrComparison, ComponentKind, ComponentPart, ComponentPrice, PeriodCost,
    PricedPeriod, SessionPrice, TotalComparison,
};
pub use reference::{
    AdHocPrices, EquivalentPrice, ReferenceSession, ad_hoc_prices, equivalent_price_per_kwh,
};
pub use request::{PriceRequest, Priced, price_request};
pub use ser::amount_text;
pub use session::{Reservation, Session, When};
pub use tariff_file::{pick_tariff, read_tariffs, read_tariffs_as};
pub use tax::{Money, TaxRule};
pub use zone::{SINGLE_ZONE_COUNTRIES, ZoneSource, zone_of_country};

use engine::{PreparedTariff, PricingContext};
use jiff::tz::TimeZone;
use zone::Zone;

/// Prices periods given directly (in any order), read in `time_zone`.
pub fn price_periods(
    tariff: &Tariff,
    periods: &[ChargingPeriod],
    time_zone: &TimeZone,
) -> Result<SessionPrice, PriceError> {
    let prepared = PreparedTariff::new(tariff)?;
    engine::price(
        &prepared,
        periods,
        &Zone::given(time_zone),
        PricingContext::default(),
        Vec::new(),
    )
}

/// Prices a session description on `connector` (its power limits the charging power).
/// `time_zone` is the location's; without it the session's `timezone`, then the offset written
/// in its start time, then UTC are used.
pub fn price_session(
    tariff: &Tariff,
    session: &Session,
    connector: Option<&Connector>,
    time_zone: Option<&TimeZone>,
) -> Result<SessionPrice, PriceError> {
    price_session_with(tariff, session, connector, time_zone, true)
}

/// [`price_session`], with the explanation left out when `explain` is false.
pub(crate) fn price_session_with(
    tariff: &Tariff,
    session: &Session,
    connector: Option<&Connector>,
    time_zone: Option<&TimeZone>,
    explain: bool,
) -> Result<SessionPrice, PriceError> {
    let prepared = PreparedTariff::new(tariff)?;
    let mut warnings = Vec::new();
    let zone = match (time_zone, &session.timezone) {
        (Some(tz), _) => Zone::given(tz),
        (None, Some(name)) => Zone::named(name, ZoneSource::Given)?,
        (None, None) => Zone::infer(None, None, session.start_offset, &mut warnings),
    };
    let (periods, reservation_expired) =
        session.periods(&prepared, &zone.tz, connector, &mut warnings)?;
    engine::price(
        &prepared,
        &periods,
        &zone,
        PricingContext {
            reservation_expired,
            explain,
        },
        warnings,
    )
}

/// Prices a CDR's charging periods and compares the result with the CDR's own totals
/// (`SessionPrice::cdr`). `time_zone` is the location's; without it the CDR's location time
/// zone, then the single time zone of its country, then the offset of its start time, then UTC.
pub fn price_cdr(
    tariff: &Tariff,
    cdr: &Cdr,
    time_zone: Option<&TimeZone>,
) -> Result<SessionPrice, PriceError> {
    if let Some(currency) = &cdr.currency
        && !currency.eq_ignore_ascii_case(&tariff.currency)
    {
        return Err(PriceError::new(
            ErrorCode::CurrencyMismatch,
            format!(
                "the CDR is in {currency}, the tariff \"{}\" in {}",
                tariff.id, tariff.currency
            ),
        ));
    }
    let prepared = PreparedTariff::new(tariff)?;
    let (periods, mut warnings) = cdr.charging_periods()?;
    let zone = match time_zone {
        Some(tz) => Zone::given(tz),
        None => Zone::infer(
            cdr.time_zone.as_deref(),
            cdr.country.as_deref(),
            cdr.start_offset,
            &mut warnings,
        ),
    };
    let expired = periods.iter().all(ChargingPeriod::is_reservation);
    let mut price = engine::price(
        &prepared,
        &periods,
        &zone,
        PricingContext {
            reservation_expired: expired,
            explain: true,
        },
        warnings,
    )?;
    price.cdr = Some(cdr.compare(&price));
    Ok(price)
}

use crate::model::{Connector, Tariff};
