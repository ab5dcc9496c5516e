//! The unit the engine prices: a stretch of a session in which what it charges for is known.
//! Both inputs become these: a session description is split at every moment a restriction can
//! change ([`super::session`]), a CDR's charging periods are taken as the CDR states them
//! ([`super::cdr`]).

use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::Serialize;

/// One period of a session: from `start` (inclusive) to `end` (exclusive), with what was
/// consumed in it. Restrictions are evaluated at `start`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChargingPeriod {
    #[serde(with = "super::ser::timestamp")]
    pub start: Timestamp,
    #[serde(with = "super::ser::timestamp")]
    pub end: Timestamp,
    /// Energy delivered in the period, kWh.
    pub energy_kwh: Decimal,
    /// Time spent charging (OCPI TIME), seconds.
    pub charging_seconds: Decimal,
    /// Time connected but not charging (OCPI PARKING_TIME), seconds.
    pub parking_seconds: Decimal,
    /// Time of a reservation before the session (OCPI RESERVATION_TIME), seconds.
    pub reservation_seconds: Decimal,
    /// Charging power, kW; 0 while parking; `None` when not known.
    pub power_kw: Option<Decimal>,
    /// Charging current summed over all phases, A; 0 while parking; `None` when not known.
    pub current_a: Option<Decimal>,
}

impl ChargingPeriod {
    /// A period spent charging: its whole length is charging time; the power is the average.
    pub fn charging(start: Timestamp, end: Timestamp, energy_kwh: Decimal) -> ChargingPeriod {
        let seconds = seconds_between(start, end);
        let power_kw = if seconds.is_zero() {
            None
        } else {
            energy_kwh
                .checked_mul(Decimal::from(3600))
                .and_then(|e| e.checked_div(seconds))
        };
        ChargingPeriod {
            start,
            end,
            energy_kwh,
            charging_seconds: seconds,
            parking_seconds: Decimal::ZERO,
            reservation_seconds: Decimal::ZERO,
            power_kw,
            current_a: None,
        }
    }

    /// A period connected without charging.
    pub fn parking(start: Timestamp, end: Timestamp) -> ChargingPeriod {
        ChargingPeriod {
            start,
            end,
            energy_kwh: Decimal::ZERO,
            charging_seconds: Decimal::ZERO,
            parking_seconds: seconds_between(start, end),
            reservation_seconds: Decimal::ZERO,
            power_kw: Some(Decimal::ZERO),
            current_a: Some(Decimal::ZERO),
        }
    }

    /// A reservation before the session (the time a charge point was held for the driver).
    pub fn reservation(start: Timestamp, end: Timestamp) -> ChargingPeriod {
        ChargingPeriod {
            reservation_seconds: seconds_between(start, end),
            parking_seconds: Decimal::ZERO,
            ..ChargingPeriod::parking(start, end)
        }
    }

    /// With this charging power (kW).
    pub fn with_power(mut self, power_kw: Decimal) -> ChargingPeriod {
        self.power_kw = Some(power_kw);
        self
    }

    /// With this charging current (A, summed over phases).
    pub fn with_current(mut self, current_a: Decimal) -> ChargingPeriod {
        self.current_a = Some(current_a);
        self
    }

    /// Whether the period is part of a reservation rather than of the charging session.
    pub fn is_reservation(&self) -> bool {
        self.reservation_seconds > Decimal::ZERO
            && self.charging_seconds.is_zero()
            && self.parking_seconds.is_zero()
            && self.energy_kwh.is_zero()
    }
}

/// Whole and fractional seconds from `a` to `b` (negative when `b` is before `a`), exact to the
/// nanosecond.
pub(crate) fn seconds_between(a: Timestamp, b: Timestamp) -> Decimal {
    let nanos = b.as_nanosecond() - a.as_nanosecond();
    Decimal::try_from_i128_with_scale(nanos, 9)
        .map(|d| d.normalize())
        .unwrap_or(Decimal::ZERO)
}
