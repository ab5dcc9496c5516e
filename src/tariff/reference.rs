//! Prices for display: a tariff's price per kWh equivalent for a documented reference session
//! (the UK's "pence per kWh" for tariffs with time, flat or parking components), and the plain
//! component prices of an ad-hoc tariff.

use super::error::{ErrorCode, PriceError};
use super::priced::SessionPrice;
use super::session::{Session, When};
use super::tax::Money;
use crate::model::{Connector, DimensionType, Tariff, TaxIncluded};
use jiff::civil::{Date, DateTime, Weekday};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, ToSpan};
use rust_decimal::Decimal;
use serde::Serialize;

/// The session a tariff is priced for to express it per kWh.
///
/// Default: plugged in on a Tuesday (6 January 2026) at 10:00 local time for one hour, asking for
/// 30 kWh at the connector's full power: a 50 kW charger delivers the 30 kWh in 36 minutes and
/// the car stays 24 minutes without charging; a 7.4 kW charger delivers 7.4 kWh in the hour.
/// The equivalent price is the session's cost divided by the energy actually delivered.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReferenceSession {
    /// Local date and time the car is plugged in.
    #[serde(serialize_with = "local_text")]
    pub start: DateTime,
    /// How long it stays plugged in, minutes.
    pub connected_minutes: u32,
    /// Energy asked for, kWh.
    pub energy_kwh: Decimal,
    /// A power limit of the car, kW (`None`: the connector's power).
    pub max_power_kw: Option<Decimal>,
}

fn local_text<S: serde::Serializer>(dt: &DateTime, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&dt.strftime("%Y-%m-%dT%H:%M"))
}

impl Default for ReferenceSession {
    fn default() -> Self {
        ReferenceSession {
            start: jiff::civil::datetime(2026, 1, 6, 10, 0, 0, 0),
            connected_minutes: 60,
            energy_kwh: Decimal::from(30),
            max_power_kw: None,
        }
    }
}

impl ReferenceSession {
    /// The default session, on the first Tuesday on or after `date` (for tariffs whose date
    /// restrictions or validity make the default day meaningless).
    pub fn tuesday_on_or_after(date: Date) -> ReferenceSession {
        let offset = (7 + Weekday::Tuesday.to_monday_one_offset()
            - date.weekday().to_monday_one_offset())
            % 7;
        let day = date.checked_add(i64::from(offset).days()).unwrap_or(date);
        ReferenceSession {
            start: day.at(10, 0, 0, 0),
            ..ReferenceSession::default()
        }
    }
}

/// A tariff expressed per kWh for a reference session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EquivalentPrice {
    pub currency: String,
    /// Energy the reference session delivered, kWh.
    #[serde(with = "super::ser::quantity")]
    pub energy_kwh: Decimal,
    /// The session's cost.
    pub total: Money,
    /// Cost per kWh delivered, before and after tax (each `None` when unknown).
    pub per_kwh: Money,
}

/// The price of `reference` on `connector` under `tariff`, per kWh delivered. Local times are
/// read in `time_zone` (the location's).
pub fn equivalent_price_per_kwh(
    tariff: &Tariff,
    connector: Option<&Connector>,
    time_zone: &TimeZone,
    reference: &ReferenceSession,
) -> Result<EquivalentPrice, PriceError> {
    let start = time_zone
        .to_ambiguous_timestamp(reference.start)
        .compatible()
        .map_err(|e| PriceError::new(ErrorCode::SessionInvalid, e.to_string()))?;
    let end = start
        .checked_add(SignedDuration::from_mins(i64::from(
            reference.connected_minutes,
        )))
        .map_err(|e| PriceError::new(ErrorCode::SessionInvalid, e.to_string()))?;
    let session = Session {
        start: When::Instant(start),
        end: When::Instant(end),
        timezone: None,
        energy_kwh: reference.energy_kwh,
        max_power_kw: reference.max_power_kw,
        max_current_a: None,
        reservation: None,
        start_offset: None,
    };
    let price: SessionPrice =
        super::price_session_with(tariff, &session, connector, Some(time_zone), false)?;
    let energy: Decimal = price.periods.iter().map(|p| p.energy_kwh).sum();
    if energy.is_zero() {
        return Err(PriceError::new(
            ErrorCode::QuantityOutOfRange,
            "the reference session delivers no energy, so there is no price per kWh",
        ));
    }
    let per = |d: Option<Decimal>| d.and_then(|d| d.checked_div(energy));
    Ok(EquivalentPrice {
        currency: price.currency,
        energy_kwh: energy,
        per_kwh: Money::new(per(price.total.before_tax), per(price.total.after_tax)),
        total: price.total,
    })
}

/// The plain prices of a tariff, per dimension: the price of the fallback element (one without
/// restrictions) where there is one, else of the first element with that dimension
/// (`conditional` is then set). Amounts as the tariff states them (see `tax_included`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AdHocPrices {
    pub currency: String,
    #[serde(with = "super::ser::amount_option")]
    pub per_kwh: Option<Decimal>,
    /// TIME price per hour / 60.
    #[serde(with = "super::ser::amount_option")]
    pub per_minute: Option<Decimal>,
    #[serde(with = "super::ser::amount_option")]
    pub per_session: Option<Decimal>,
    /// PARKING_TIME price per hour / 60.
    #[serde(with = "super::ser::amount_option")]
    pub parking_per_minute: Option<Decimal>,
    /// Some price holds only under restrictions (time of day, power, ...).
    pub conditional: bool,
    pub tax_included: TaxIncluded,
}

/// The per-kWh, per-minute, per-session (and parking) prices of a tariff, in the AFIR order.
pub fn ad_hoc_prices(tariff: &Tariff) -> AdHocPrices {
    let mut conditional = false;
    let mut price = |d: DimensionType| -> Option<Decimal> {
        let session_elements = || {
            tariff.elements.iter().filter(|e| {
                e.restrictions
                    .as_ref()
                    .is_none_or(|r| r.reservation.is_none())
            })
        };
        let of = |e: &crate::model::TariffElement| {
            e.price_components
                .iter()
                .find(|c| c.dimension == d)
                .map(|c| c.price)
        };
        if let Some(p) = session_elements()
            .filter(|e| e.restrictions.as_ref().is_none_or(|r| r.is_empty()))
            .find_map(of)
        {
            return Some(p);
        }
        let p = session_elements().find_map(of);
        conditional |= p.is_some();
        p
    };
    let per_minute = |p: Option<Decimal>| p.map(|p| p / Decimal::from(60));
    AdHocPrices {
        currency: tariff.currency.clone(),
        per_kwh: price(DimensionType::Energy),
        per_minute: per_minute(price(DimensionType::Time)),
        per_session: price(DimensionType::Flat),
        parking_per_minute: per_minute(price(DimensionType::ParkingTime)),
        conditional,
        tax_included: tariff.tax_included.clone(),
    }
}
