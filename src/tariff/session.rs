//! A session description, and the charging periods it stands for.
//!
//! `{"start_date_time", "end_date_time", "timezone"?, "energy_kwh", "max_power_kw"?,
//! "max_current_a"?, "reservation"?: {"start_date_time", "expired"?}}` means: charge at the
//! highest power the connector and the limits allow, from the start until `energy_kwh` is
//! delivered, then stay connected without charging until the end. Times are RFC 3339; a time
//! without offset is local time in the session's time zone. `max_current_a` is summed over
//! all phases, as OCPI's current restrictions count it (3 × 16 A = 48 A).
//!
//! The session is split into periods at every moment a restriction of the tariff can change:
//! each local time of day a time window opens or closes (both, when clocks going back repeat
//! it), each local midnight, each daylight-saving change, each duration and energy threshold,
//! and the end of charging. Within a period nothing changes, so each is
//! priced exactly.

use super::engine::{MAX_SESSION_SECONDS, PreparedTariff};
use super::error::{ErrorCode, PriceError, PriceWarning, WarningCode};
use super::instant::Written;
use super::period::{ChargingPeriod, seconds_between};
use crate::json::{Node, ParseOptions, parse};
use crate::model::Connector;
use crate::validate::walk::parse_decimal;
use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};
use jiff::{SignedDuration, Timestamp};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

/// Largest energy of a session, kWh.
const MAX_ENERGY: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
/// Largest power, kW.
const MAX_POWER: Decimal = Decimal::from_parts(100_000, 0, 0, false, 0);
/// Smallest charging power, kW (1 W).
const MIN_POWER: Decimal = Decimal::from_parts(1, 0, 0, false, 3);

/// A moment as written: an instant, or a local time to be read in the session's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum When {
    #[serde(with = "super::ser::timestamp")]
    Instant(Timestamp),
    Local(#[serde(serialize_with = "local_text")] DateTime),
}

fn local_text<S: serde::Serializer>(dt: &DateTime, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&dt.strftime("%Y-%m-%dT%H:%M:%S"))
}

impl When {
    /// Reads RFC 3339 (`2025-01-07T09:00:00Z`, `...+01:00`) or a local `YYYY-MM-DDThh:mm[:ss]`,
    /// with the offset written, if any.
    pub fn parse(s: &str) -> Option<(When, Option<Offset>)> {
        match super::instant::read(s)?.0 {
            Written::Instant(t, offset) => Some((When::Instant(t), Some(offset))),
            Written::Civil(dt) => Some((When::Local(dt), None)),
        }
    }

    /// The instant, reading a local time in `tz` (a time skipped by a daylight-saving change
    /// reads as the moment after the change).
    pub fn instant(self, tz: &TimeZone) -> Option<Timestamp> {
        match self {
            When::Instant(t) => Some(t),
            When::Local(dt) => tz.to_ambiguous_timestamp(dt).compatible().ok(),
        }
    }
}

/// A reservation before the session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reservation {
    /// When the reservation was made; it ends when the session starts.
    pub start: When,
    /// The reservation expired unused: no charging session followed.
    pub expired: bool,
}

/// A charging session to price: when, how much energy, how fast.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Session {
    pub start: When,
    pub end: When,
    /// IANA time zone of the location.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    pub energy_kwh: Decimal,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_power_kw: Option<Decimal>,
    /// Summed over all phases.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_current_a: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reservation: Option<Reservation>,
    /// The UTC offset written in `start_date_time`: the time zone of last resort.
    #[serde(skip)]
    pub start_offset: Option<Offset>,
}

impl Session {
    /// A session from `start` to `end` delivering `energy_kwh` at up to `max_power_kw`.
    pub fn new(
        start: Timestamp,
        end: Timestamp,
        energy_kwh: Decimal,
        max_power_kw: Decimal,
    ) -> Session {
        Session {
            start: When::Instant(start),
            end: When::Instant(end),
            timezone: None,
            energy_kwh,
            max_power_kw: Some(max_power_kw),
            max_current_a: None,
            reservation: None,
            start_offset: None,
        }
    }

    /// Reads a session description (JSON; comments allowed).
    pub fn from_json(bytes: &[u8]) -> Result<Session, PriceError> {
        let parsed = parse(
            bytes,
            ParseOptions {
                allow_comments: true,
                ..ParseOptions::default()
            },
        );
        if let Some(problem) = parsed
            .problems
            .iter()
            .find(|p| p.code.severity() == crate::Severity::Error)
        {
            return Err(PriceError::new(
                ErrorCode::JsonInvalid,
                problem.message.clone(),
            ));
        }
        let root = parsed
            .root
            .ok_or_else(|| PriceError::new(ErrorCode::JsonInvalid, "no JSON value"))?;
        Session::from_node(&root)
    }

    /// Reads a session description from a JSON tree.
    pub fn from_node(root: &Node<'_>) -> Result<Session, PriceError> {
        if root.as_object().is_none() {
            return Err(invalid("", "the session must be a JSON object"));
        }
        let when = |node: &Node<'_>,
                    key: &str,
                    base: &str|
         -> Result<(When, Option<Offset>), PriceError> {
            let pointer = format!("{base}/{key}");
            let text = node
                .get(key)
                .and_then(Node::as_str)
                .ok_or_else(|| invalid(&pointer, format!("`{key}` is missing or not a string")))?;
            When::parse(text).ok_or_else(|| {
                invalid(
                    &pointer,
                    format!(
                        "\"{text}\" is not a date and time (RFC 3339, or local YYYY-MM-DDThh:mm)"
                    ),
                )
            })
        };
        let decimal = |key: &str| -> Result<Option<Decimal>, PriceError> {
            match root.get(key) {
                None => Ok(None),
                Some(n) if n.is_null() => Ok(None),
                Some(n) => n
                    .as_number_text()
                    .or_else(|| n.as_str())
                    .and_then(parse_decimal)
                    .map(Some)
                    .ok_or_else(|| invalid(&format!("/{key}"), format!("`{key}` is not a number"))),
            }
        };
        let reservation = match root.get("reservation").filter(|n| !n.is_null()) {
            None => None,
            Some(r) => Some(Reservation {
                start: when(r, "start_date_time", "/reservation")?.0,
                expired: match r.get("expired") {
                    None => false,
                    Some(n) => n.as_bool().ok_or_else(|| {
                        invalid("/reservation/expired", "`expired` is not true or false")
                    })?,
                },
            }),
        };
        let (start, start_offset) = when(root, "start_date_time", "")?;
        Ok(Session {
            start,
            end: when(root, "end_date_time", "")?.0,
            timezone: match root.get("timezone").filter(|n| !n.is_null()) {
                None => None,
                Some(n) => Some(
                    n.as_str()
                        .ok_or_else(|| invalid("/timezone", "`timezone` is not a string"))?
                        .to_string(),
                ),
            },
            energy_kwh: decimal("energy_kwh")?
                .ok_or_else(|| invalid("/energy_kwh", "`energy_kwh` is missing"))?,
            max_power_kw: decimal("max_power_kw")?,
            max_current_a: decimal("max_current_a")?,
            reservation,
            start_offset,
        })
    }

    /// The periods of this session for a tariff, in `tz`, on `connector` if known.
    pub(crate) fn periods(
        &self,
        prepared: &PreparedTariff<'_>,
        tz: &TimeZone,
        connector: Option<&Connector>,
        warnings: &mut Vec<PriceWarning>,
    ) -> Result<(Vec<ChargingPeriod>, bool), PriceError> {
        let instant = |w: When, field: &str| {
            w.instant(tz)
                .ok_or_else(|| invalid(&format!("/{field}"), format!("`{field}` is out of range")))
        };
        let start = instant(self.start, "start_date_time")?;
        let end = instant(self.end, "end_date_time")?;
        if end < start {
            return Err(PriceError::new(
                ErrorCode::SessionEndsBeforeStart,
                format!("the session ends ({end}) before it starts ({start})"),
            ));
        }
        if end.as_second() - start.as_second() > MAX_SESSION_SECONDS {
            return Err(PriceError::new(
                ErrorCode::SessionTooLong,
                "the session lasts more than 366 days",
            ));
        }
        if self.energy_kwh < Decimal::ZERO || self.energy_kwh > MAX_ENERGY {
            return Err(PriceError::at(
                ErrorCode::QuantityOutOfRange,
                "/energy_kwh",
                format!(
                    "energy {} kWh is not between 0 and {MAX_ENERGY}",
                    self.energy_kwh
                ),
            ));
        }
        let mut periods = Vec::new();
        let mut expired = false;
        if let Some(r) = &self.reservation {
            let reserved_from = instant(r.start, "reservation/start_date_time")?;
            if reserved_from > start {
                return Err(PriceError::new(
                    ErrorCode::SessionEndsBeforeStart,
                    "the reservation starts after the session",
                ));
            }
            if start.as_second() - reserved_from.as_second() > MAX_SESSION_SECONDS {
                return Err(PriceError::new(
                    ErrorCode::SessionTooLong,
                    "the reservation lasts more than 366 days",
                ));
            }
            expired = r.expired;
            if r.expired && self.energy_kwh > Decimal::ZERO {
                return Err(PriceError::new(
                    ErrorCode::ReservationExpiredWithEnergy,
                    "an expired reservation is followed by no charging, but energy_kwh is above 0",
                ));
            }
            if reserved_from < start {
                periods.push(ChargingPeriod::reservation(reserved_from, start));
            }
            if r.expired {
                return Ok((periods, true));
            }
        }
        let drive = if self.energy_kwh.is_zero() {
            Drive {
                power_kw: Decimal::ZERO,
                current_a: Some(Decimal::ZERO),
            }
        } else {
            self.drive(connector)?
        };
        let charge_end = if drive.power_kw.is_zero() {
            start
        } else {
            let nanos = (self.energy_kwh * Decimal::from(3_600_000_000_000u64) / drive.power_kw)
                .ceil()
                .to_i64()
                .unwrap_or(i64::MAX);
            start
                .checked_add(SignedDuration::from_nanos(nanos))
                .unwrap_or(end)
                .min(end)
        };
        let delivered = if charge_end == end && !drive.power_kw.is_zero() {
            let possible = drive.power_kw * seconds_between(start, end) / Decimal::from(3600);
            if possible < self.energy_kwh {
                warnings.push(PriceWarning::new(
                    WarningCode::EnergyNotReached,
                    format!(
                        "at {} kW the session can deliver only {} kWh of the {} kWh asked; that is priced",
                        drive.power_kw.normalize(),
                        super::ser::quantity_text(possible),
                        self.energy_kwh.normalize()
                    ),
                ));
                possible
            } else {
                self.energy_kwh
            }
        } else {
            self.energy_kwh
        };

        // Every moment something can change, with the exact energy delivered by then.
        let mut cuts: Vec<(Timestamp, Option<Decimal>)> = vec![
            (start, Some(Decimal::ZERO)),
            (charge_end, Some(delivered)),
            (end, None),
        ];
        for minute in prepared.minute_boundaries() {
            local_times(start, end, tz, minute, &mut cuts);
        }
        offset_changes(start, end, tz, &mut cuts);
        for seconds in prepared.duration_boundaries() {
            if let Ok(seconds) = i64::try_from(seconds)
                && let Ok(t) = start.checked_add(SignedDuration::from_secs(seconds))
                && t > start
                && t < end
            {
                cuts.push((t, None));
            }
        }
        if !drive.power_kw.is_zero() {
            for kwh in prepared.energy_boundaries() {
                if kwh > Decimal::ZERO && kwh < delivered {
                    let nanos =
                        (kwh * Decimal::from(3_600_000_000_000u64) / drive.power_kw).floor();
                    if let Some(n) = nanos.to_i64()
                        && let Ok(t) = start.checked_add(SignedDuration::from_nanos(n))
                    {
                        cuts.push((t, Some(kwh)));
                    }
                }
            }
        }
        cuts.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.is_some().cmp(&a.1.is_some())));
        cuts.dedup_by(|later, earlier| later.0 == earlier.0);

        let energy_at = |t: Timestamp, exact: Option<Decimal>| -> Decimal {
            if let Some(e) = exact {
                return e.min(delivered);
            }
            if t >= charge_end {
                return delivered;
            }
            (drive.power_kw * seconds_between(start, t) / Decimal::from(3600)).min(delivered)
        };
        let mut previous_energy = Decimal::ZERO;
        for pair in cuts.windows(2) {
            let ((a, _), (b, exact_b)) = (pair[0], pair[1]);
            if b <= a {
                continue;
            }
            let energy_b = energy_at(b, exact_b).max(previous_energy);
            if a < charge_end {
                let mut p = ChargingPeriod::charging(a, b, energy_b - previous_energy)
                    .with_power(drive.power_kw);
                p.current_a = drive.current_a;
                periods.push(p);
            } else {
                periods.push(ChargingPeriod::parking(a, b));
            }
            previous_energy = energy_b;
        }
        Ok((periods, expired))
    }

    /// The charging power and current on `connector`, within the session's limits.
    fn drive(&self, connector: Option<&Connector>) -> Result<Drive, PriceError> {
        for (key, value) in [
            ("max_power_kw", self.max_power_kw),
            ("max_current_a", self.max_current_a),
        ] {
            if value.is_some_and(|v| v <= Decimal::ZERO || v > MAX_POWER) {
                return Err(PriceError::at(
                    ErrorCode::QuantityOutOfRange,
                    format!("/{key}"),
                    format!("`{key}` must be above 0 and at most {MAX_POWER}"),
                ));
            }
        }
        let voltage = connector
            .and_then(|c| c.max_voltage)
            .filter(|v| *v > 0)
            .map(Decimal::from);
        let connector_kw = connector
            .and_then(Connector::power_w)
            .filter(|w| *w > 0)
            .map(|w| Decimal::from(w) / Decimal::ONE_THOUSAND);
        let current_kw = match (self.max_current_a, voltage) {
            (Some(a), Some(v)) => Some(a * v / Decimal::ONE_THOUSAND),
            _ => None,
        };
        let power_kw = [connector_kw, self.max_power_kw, current_kw]
            .into_iter()
            .flatten()
            .min()
            .ok_or_else(|| {
                PriceError::new(
                    ErrorCode::PowerUnknown,
                    "the charging power is not known: neither `max_power_kw` nor a connector with its power is given",
                )
            })?;
        if power_kw < MIN_POWER {
            return Err(PriceError::new(
                ErrorCode::QuantityOutOfRange,
                format!("a charging power of {power_kw} kW is below 1 W"),
            ));
        }
        let current_a = match voltage {
            Some(v) => Some(power_kw * Decimal::ONE_THOUSAND / v),
            None => self.max_current_a,
        };
        Ok(Drive {
            power_kw,
            current_a,
        })
    }
}

/// How the car charges: constant power (kW) and current (A, summed over phases).
struct Drive {
    power_kw: Decimal,
    current_a: Option<Decimal>,
}

/// Adds the instants strictly between `start` and `end` at which the local time is `minute`:
/// both instants of a time repeated when clocks go back.
fn local_times(
    start: Timestamp,
    end: Timestamp,
    tz: &TimeZone,
    minute: u16,
    cuts: &mut Vec<(Timestamp, Option<Decimal>)>,
) {
    let first = tz.to_datetime(start).date();
    let last = tz.to_datetime(end).date();
    let mut day = first;
    while day <= last {
        if let Ok(time) = jiff::civil::Time::new((minute / 60) as i8, (minute % 60) as i8, 0, 0) {
            let ambiguous = tz.to_ambiguous_timestamp(day.to_datetime(time));
            for t in [ambiguous.earlier(), ambiguous.later()]
                .into_iter()
                .flatten()
            {
                if t > start && t < end {
                    cuts.push((t, None));
                }
            }
        }
        match day.tomorrow() {
            Ok(next) => day = next,
            Err(_) => break,
        }
    }
}

/// Adds the moments the zone's offset changes (daylight saving) between `start` and `end`: the
/// local time jumps there.
fn offset_changes(
    start: Timestamp,
    end: Timestamp,
    tz: &TimeZone,
    cuts: &mut Vec<(Timestamp, Option<Decimal>)>,
) {
    for transition in tz.following(start) {
        let t = transition.timestamp();
        if t >= end {
            break;
        }
        if t > start {
            cuts.push((t, None));
        }
    }
}

fn invalid(pointer: &str, message: impl Into<String>) -> PriceError {
    PriceError::at(ErrorCode::SessionInvalid, pointer, message)
}
