//! Charge detail records: read leniently (2.1.1, 2.2.1 and 2.3.0 shapes), turned into the
//! periods the engine prices, and compared with the totals they state.
//!
//! A CDR period lasts from its `start_date_time` to the next period's (the last to the CDR's
//! end), as the CDR module defines; it is priced with the elements that apply at its start. The
//! volumes the CDR states are what is priced:
//!
//! | CDR dimension | read as |
//! |---|---|
//! | `ENERGY` | energy, kWh |
//! | `TIME` | charging time, hours |
//! | `PARKING_TIME` | parking time, hours |
//! | `RESERVATION_TIME` | reservation time, hours (2.2.1+) |
//! | `POWER`, else energy / charging time, else `MAX_POWER`, else `MIN_POWER` | the period's power for power restrictions |
//! | `CURRENT`, else `MAX_CURRENT`, else `MIN_CURRENT` | the period's current for current restrictions |
//! | `FLAT` (2.1.1), `ENERGY_EXPORT`, `ENERGY_IMPORT`, `STATE_OF_CHARGE` | not priced |
//!
//! A period that states neither TIME nor PARKING_TIME (nor RESERVATION_TIME) is charging for its
//! whole length when it delivered energy and parking otherwise, with a warning.

use super::engine::MAX_QUANTITY;
use super::error::{ErrorCode, PriceError, PriceWarning, WarningCode, push_warning};
use super::instant::{self, Written};
use super::period::{ChargingPeriod, seconds_between};
use super::priced::{ComponentKind, SessionPrice, TotalComparison};
use super::tax::Money;
use crate::json::{Node, ParseOptions, parse};
use crate::model::Tariff;
use crate::spec::Version;
use crate::validate::walk::parse_decimal;
use jiff::Timestamp;
use jiff::tz::Offset;
use rust_decimal::Decimal;

/// How far a computed total may be from the CDR's and still match: one cent (CDRs round).
pub const CDR_TOLERANCE: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

const SECONDS_PER_HOUR: Decimal = Decimal::from_parts(3600, 0, 0, false, 0);

/// A CDR as far as pricing needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cdr {
    pub id: Option<String>,
    /// The OCPI version its shape is of.
    pub version: Version,
    pub start: Timestamp,
    pub end: Timestamp,
    /// The UTC offset written in `start_date_time`.
    pub start_offset: Option<Offset>,
    pub currency: Option<String>,
    /// The location's time zone (2.1.1 `location.time_zone`; a `cdr_location.time_zone` if sent).
    pub time_zone: Option<String>,
    /// The location's country (alpha-3 or alpha-2 as written).
    pub country: Option<String>,
    /// A credit CDR: its `total_cost` is the credited CDR's, negated.
    pub credit: bool,
    pub periods: Vec<CdrPeriod>,
    /// The totals the CDR states: (`total_cost`, ...) → amount.
    pub totals: Vec<(&'static str, Money)>,
    /// The tariffs the CDR carries (`tariffs`).
    pub tariffs: Vec<Tariff>,
    /// How the CDR was read.
    pub warnings: Vec<PriceWarning>,
}

/// One charging period as the CDR states it.
#[derive(Debug, Clone, PartialEq)]
pub struct CdrPeriod {
    pub start: Timestamp,
    pub tariff_id: Option<String>,
    /// (`type`, `volume`) as stated.
    pub dimensions: Vec<(String, Decimal)>,
}

/// What a CDR dimension (`CdrDimensionType` of 2.1.1, 2.2.1 and 2.3.0) is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reading {
    EnergyKwh,
    ChargingHours,
    ParkingHours,
    ReservationHours,
    PowerKw,
    MaxPowerKw,
    MinPowerKw,
    CurrentA,
    MaxCurrentA,
    MinCurrentA,
    /// A dimension of the spec that prices nothing here.
    NotPriced,
}

/// Every CDR dimension type of the three versions.
const DIMENSIONS: &[(&str, Reading)] = &[
    ("ENERGY", Reading::EnergyKwh),
    ("TIME", Reading::ChargingHours),
    ("PARKING_TIME", Reading::ParkingHours),
    ("RESERVATION_TIME", Reading::ReservationHours),
    ("POWER", Reading::PowerKw),
    ("MAX_POWER", Reading::MaxPowerKw),
    ("MIN_POWER", Reading::MinPowerKw),
    ("CURRENT", Reading::CurrentA),
    ("MAX_CURRENT", Reading::MaxCurrentA),
    ("MIN_CURRENT", Reading::MinCurrentA),
    ("FLAT", Reading::NotPriced),
    ("ENERGY_EXPORT", Reading::NotPriced),
    ("ENERGY_IMPORT", Reading::NotPriced),
    ("STATE_OF_CHARGE", Reading::NotPriced),
];

/// The CDR totals compared, and the component types whose amounts they hold.
const TOTALS: &[(&str, &[ComponentKind])] = &[
    ("total_cost", &[]),
    ("total_energy_cost", &[ComponentKind::Energy]),
    ("total_time_cost", &[ComponentKind::Time]),
    ("total_parking_cost", &[ComponentKind::ParkingTime]),
    ("total_fixed_cost", &[ComponentKind::Flat]),
    (
        "total_reservation_cost",
        &[
            ComponentKind::ReservationTime,
            ComponentKind::ReservationFlat,
        ],
    ),
];

impl Cdr {
    /// Reads a CDR from JSON (`allow_comments`: JSON with comments). A bare CDR object or an
    /// OCPI envelope with one CDR in `data`.
    pub fn from_json(bytes: &[u8], allow_comments: bool) -> Result<Cdr, PriceError> {
        let parsed = parse(
            bytes,
            ParseOptions {
                allow_comments,
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
        let (node, base) = match root.get("data") {
            Some(data) if data.as_object().is_some() => (data, "/data"),
            Some(data) => match data.as_array() {
                Some([one]) => (one, "/data/0"),
                Some(list) => {
                    return Err(PriceError::at(
                        ErrorCode::CdrInvalid,
                        "/data",
                        format!("the envelope holds {} CDRs; give one", list.len()),
                    ));
                }
                None => (&root, ""),
            },
            None => (&root, ""),
        };
        Cdr::read(node, base, bytes, allow_comments)
    }

    fn read(
        node: &Node<'_>,
        base: &str,
        bytes: &[u8],
        allow_comments: bool,
    ) -> Result<Cdr, PriceError> {
        if node.as_object().is_none() {
            return Err(PriceError::at(
                ErrorCode::CdrInvalid,
                base,
                "the CDR is not a JSON object",
            ));
        }
        let mut warnings = Vec::new();
        let text = |n: Option<&Node<'_>>| n.and_then(Node::as_str).map(str::to_string);
        let version = if node.get("stop_date_time").is_some()
            || node.get("location").is_some()
            || node
                .get("total_cost")
                .is_some_and(|n| n.as_number_text().is_some())
        {
            Version::V2_1_1
        } else if node
            .get("total_cost")
            .is_some_and(|n| n.get("before_taxes").is_some())
        {
            Version::V2_3_0
        } else {
            Version::V2_2_1
        };
        let (start, start_offset) = time(node, "start_date_time", base, &mut warnings)?;
        let end_key = if node.get("end_date_time").is_some() {
            "end_date_time"
        } else {
            "stop_date_time"
        };
        let (end, _) = time(node, end_key, base, &mut warnings)?;
        if end < start {
            return Err(PriceError::at(
                ErrorCode::SessionEndsBeforeStart,
                format!("{base}/{end_key}"),
                format!("the CDR ends ({end}) before it starts ({start})"),
            ));
        }
        let location = node.get("cdr_location").or_else(|| node.get("location"));
        let mut periods = Vec::new();
        let list = node
            .get("charging_periods")
            .and_then(Node::as_array)
            .unwrap_or(&[]);
        for (i, p) in list.iter().enumerate() {
            let at = format!("{base}/charging_periods/{i}");
            let (start, _) = time(p, "start_date_time", &at, &mut warnings)?;
            let mut dimensions = Vec::new();
            for (j, d) in p
                .get("dimensions")
                .and_then(Node::as_array)
                .unwrap_or(&[])
                .iter()
                .enumerate()
            {
                let kind = d.get("type").and_then(Node::as_str);
                let volume = d
                    .get("volume")
                    .and_then(|v| v.as_number_text().or_else(|| v.as_str()))
                    .and_then(parse_decimal);
                match (kind, volume) {
                    (Some(kind), Some(volume)) => dimensions.push((kind.to_string(), volume)),
                    _ => {
                        return Err(PriceError::at(
                            ErrorCode::CdrInvalid,
                            format!("{at}/dimensions/{j}"),
                            "a dimension needs a `type` and a numeric `volume`",
                        ));
                    }
                }
            }
            periods.push(CdrPeriod {
                start,
                tariff_id: text(p.get("tariff_id")),
                dimensions,
            });
        }
        if periods.is_empty() {
            return Err(PriceError::at(
                ErrorCode::CdrHasNoPeriods,
                format!("{base}/charging_periods"),
                "the CDR has no charging periods",
            ));
        }
        let mut totals = Vec::new();
        for (field, _) in TOTALS {
            if let Some(n) = node.get(field).filter(|n| !n.is_null()) {
                match amount(n) {
                    Some(m) => totals.push((*field, m)),
                    None => push_warning(
                        &mut warnings,
                        PriceWarning::new(
                            WarningCode::CdrReadLeniently,
                            format!("`{field}` is not an amount; not compared"),
                        ),
                    ),
                }
            }
        }
        let mut tariffs = Vec::new();
        for t in node.get("tariffs").and_then(Node::as_array).unwrap_or(&[]) {
            let (start, end) = (t.span.start as usize, t.span.end as usize);
            if let Some(slice) = bytes.get(start..end) {
                tariffs.extend(super::tariff_file::read_tariffs(
                    slice,
                    allow_comments,
                    Some(version),
                )?);
            }
        }
        Ok(Cdr {
            id: text(node.get("id")),
            version,
            start,
            end,
            start_offset,
            currency: text(node.get("currency")),
            time_zone: location.and_then(|l| text(l.get("time_zone"))),
            country: location.and_then(|l| text(l.get("country"))),
            credit: node.get("credit").and_then(Node::as_bool).unwrap_or(false),
            periods,
            totals,
            tariffs,
            warnings,
        })
    }

    /// The tariff ids the periods name, in order of first use.
    pub fn tariff_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = Vec::new();
        for id in self.periods.iter().filter_map(|p| p.tariff_id.as_deref()) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    /// The periods to price, in time order, with the warnings of reading them.
    pub fn charging_periods(&self) -> Result<(Vec<ChargingPeriod>, Vec<PriceWarning>), PriceError> {
        let mut warnings = self.warnings.clone();
        let mut order: Vec<usize> = (0..self.periods.len()).collect();
        order.sort_by_key(|&i| self.periods[i].start);
        if order.windows(2).any(|w| w[0] > w[1]) {
            push_warning(
                &mut warnings,
                PriceWarning::new(
                    WarningCode::CdrReadLeniently,
                    "the charging periods are not in time order; they are priced in time order",
                ),
            );
        }
        let mut out = Vec::with_capacity(order.len());
        for (k, &i) in order.iter().enumerate() {
            let p = &self.periods[i];
            let end = order
                .get(k + 1)
                .map_or(self.end, |&next| self.periods[next].start)
                .max(p.start);
            out.push(period(p, i, end, &mut warnings)?);
        }
        Ok((out, warnings))
    }

    /// Compares the CDR's totals with a computed price (negated for a credit CDR's `total_cost`).
    pub fn compare(&self, price: &SessionPrice) -> super::priced::CdrComparison {
        let mut totals = Vec::new();
        for (field, stated) in &self.totals {
            let Some((_, kinds)) = TOTALS.iter().find(|(f, _)| f == field) else {
                continue;
            };
            let computed = if kinds.is_empty() {
                if self.credit {
                    price.total.negated()
                } else {
                    price.total
                }
            } else {
                price
                    .components
                    .iter()
                    .filter(|c| kinds.contains(&c.kind))
                    .fold(Money::zero(), |a, c| a + c.amount)
            };
            let diff = |c: Option<Decimal>, s: Option<Decimal>| c?.checked_sub(s?);
            let difference = Money::new(
                diff(computed.before_tax, stated.before_tax),
                diff(computed.after_tax, stated.after_tax),
            );
            let compared = [difference.before_tax, difference.after_tax];
            let matches = compared.iter().any(Option::is_some)
                && compared.iter().flatten().all(|d| d.abs() <= CDR_TOLERANCE);
            totals.push(TotalComparison {
                field,
                stated: *stated,
                computed,
                difference,
                matches,
            });
        }
        super::priced::CdrComparison {
            matches: totals.iter().all(|t| t.matches),
            tolerance: CDR_TOLERANCE,
            credit: self.credit,
            totals,
        }
    }
}

/// A CDR period as the engine prices it.
fn period(
    p: &CdrPeriod,
    index: usize,
    end: Timestamp,
    warnings: &mut Vec<PriceWarning>,
) -> Result<ChargingPeriod, PriceError> {
    let mut q = ChargingPeriod {
        start: p.start,
        end,
        energy_kwh: Decimal::ZERO,
        charging_seconds: Decimal::ZERO,
        parking_seconds: Decimal::ZERO,
        reservation_seconds: Decimal::ZERO,
        power_kw: None,
        current_a: None,
    };
    let (mut power, mut max_power, mut min_power) = (None, None, None);
    let (mut current, mut max_current, mut min_current) = (None, None, None);
    let mut time_stated = false;
    for (kind, volume) in &p.dimensions {
        if volume.abs() > MAX_QUANTITY * SECONDS_PER_HOUR {
            return Err(PriceError::at(
                ErrorCode::QuantityOutOfRange,
                format!("/charging_periods/{index}"),
                format!("the {kind} volume {volume} is unrealistically large"),
            ));
        }
        let mut v = *volume;
        if v < Decimal::ZERO {
            push_warning(
                warnings,
                PriceWarning::new(
                    WarningCode::CdrReadLeniently,
                    format!("period {index} states a negative {kind} volume ({volume}); read as 0"),
                ),
            );
            v = Decimal::ZERO;
        }
        let reading = DIMENSIONS
            .iter()
            .find(|(name, _)| name == kind)
            .map(|(_, r)| *r);
        match reading {
            Some(Reading::EnergyKwh) => q.energy_kwh += v,
            Some(Reading::ChargingHours) => q.charging_seconds += v * SECONDS_PER_HOUR,
            Some(Reading::ParkingHours) => q.parking_seconds += v * SECONDS_PER_HOUR,
            Some(Reading::ReservationHours) => q.reservation_seconds += v * SECONDS_PER_HOUR,
            Some(Reading::PowerKw) => power = Some(v),
            Some(Reading::MaxPowerKw) => max_power = Some(v),
            Some(Reading::MinPowerKw) => min_power = Some(v),
            Some(Reading::CurrentA) => current = Some(v),
            Some(Reading::MaxCurrentA) => max_current = Some(v),
            Some(Reading::MinCurrentA) => min_current = Some(v),
            Some(Reading::NotPriced) => {}
            None => push_warning(
                warnings,
                PriceWarning::new(
                    WarningCode::CdrDimensionIgnored,
                    format!("the CDR dimension \"{kind}\" is not an OCPI dimension; ignored"),
                ),
            ),
        }
        time_stated |= matches!(
            reading,
            Some(Reading::ChargingHours | Reading::ParkingHours | Reading::ReservationHours)
        );
    }
    if !time_stated {
        let length = seconds_between(p.start, end);
        if q.energy_kwh > Decimal::ZERO {
            q.charging_seconds = length;
        } else {
            q.parking_seconds = length;
        }
        push_warning(
            warnings,
            PriceWarning::new(
                WarningCode::PeriodTimeDerived,
                "a charging period states neither TIME nor PARKING_TIME; its length is read as charging when it delivered energy, as parking otherwise",
            ),
        );
    }
    let average = if q.charging_seconds > Decimal::ZERO {
        (q.energy_kwh * SECONDS_PER_HOUR).checked_div(q.charging_seconds)
    } else if q.energy_kwh.is_zero() {
        Some(Decimal::ZERO)
    } else {
        None
    };
    q.power_kw = power.or(average).or(max_power).or(min_power);
    let idle = q.energy_kwh.is_zero() && q.charging_seconds.is_zero();
    q.current_a = current
        .or(max_current)
        .or(min_current)
        .or(idle.then_some(Decimal::ZERO));
    Ok(q)
}

/// A DateTime member, read leniently (without offset: UTC, as OCPI timestamps are).
fn time(
    node: &Node<'_>,
    key: &str,
    base: &str,
    warnings: &mut Vec<PriceWarning>,
) -> Result<(Timestamp, Option<Offset>), PriceError> {
    let pointer = format!("{base}/{key}");
    let text = node.get(key).and_then(Node::as_str).ok_or_else(|| {
        PriceError::at(
            ErrorCode::CdrInvalid,
            &pointer,
            format!("`{key}` is missing"),
        )
    })?;
    let (written, lenient) = instant::read(text).ok_or_else(|| {
        PriceError::at(
            ErrorCode::CdrInvalid,
            &pointer,
            format!("\"{text}\" is not a date and time"),
        )
    })?;
    const NOT_RFC_3339: &str = "timestamps not written as RFC 3339";
    if lenient && !warnings.iter().any(|w| w.message.starts_with(NOT_RFC_3339)) {
        warnings.push(PriceWarning::new(
            WarningCode::CdrReadLeniently,
            format!("{NOT_RFC_3339} (such as \"{text}\") are read leniently"),
        ));
    }
    match written {
        Written::Instant(t, offset) => Ok((t, Some(offset))),
        Written::Civil(dt) => {
            push_warning(
                warnings,
                PriceWarning::new(
                    WarningCode::CdrReadLeniently,
                    "timestamps without a UTC offset are read as UTC, as OCPI timestamps are",
                ),
            );
            Offset::UTC
                .to_timestamp(dt)
                .map(|t| (t, None))
                .map_err(|_| PriceError::at(ErrorCode::CdrInvalid, &pointer, "out of range"))
        }
    }
}

/// A CDR amount: a number (2.1.1, before VAT), a 2.2.1 `Price` or a 2.3.0 `Price`.
fn amount(n: &Node<'_>) -> Option<Money> {
    let number = |n: Option<&Node<'_>>| {
        n.filter(|n| !n.is_null())
            .and_then(|n| n.as_number_text().or_else(|| n.as_str()))
            .and_then(parse_decimal)
    };
    if let Some(d) = number(Some(n)) {
        return Some(Money::new(Some(d), None));
    }
    n.as_object()?;
    if let Some(before) = number(n.get("excl_vat")) {
        return Some(Money::new(Some(before), number(n.get("incl_vat"))));
    }
    let before = number(n.get("before_taxes"))?;
    let taxes = n.get("taxes").and_then(Node::as_array).unwrap_or(&[]);
    let after = if taxes.is_empty() {
        None
    } else {
        taxes
            .iter()
            .map(|t| number(t.get("amount")))
            .try_fold(before, |sum, a| sum.checked_add(a?))
    };
    Some(Money::new(Some(before), after))
}
