//! Tariff restrictions, read once into numbers and evaluated at the start of each period.
//!
//! All given conditions must hold. Minimums are inclusive, maximums exclusive. Times of day,
//! weekdays and dates are those of the location's local time at the start of the period.

use crate::model::{ReservationRestriction, Restrictions};
use jiff::civil::{Date, Weekday};
use rust_decimal::Decimal;

/// Minutes in a day: `end_time` 00:00 (and the lenient `24:00`) mean this, the end of the day.
const END_OF_DAY: u16 = 24 * 60;

/// Which sessions an element prices: the charging session, or a reservation before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applies {
    Session,
    Reservation,
    /// A reservation that expired without a charging session.
    ReservationExpires,
}

/// The restrictions of one element, ready to evaluate.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Rule {
    start_minute: Option<u16>,
    end_minute: Option<u16>,
    start_date: Option<Date>,
    end_date: Option<Date>,
    /// Bit `n` set: ISO weekday `n` (1 = Monday) allowed; 0 = every day.
    days: u8,
    min_kwh: Option<Decimal>,
    max_kwh: Option<Decimal>,
    min_current: Option<Decimal>,
    max_current: Option<Decimal>,
    min_power: Option<Decimal>,
    max_power: Option<Decimal>,
    min_duration_s: Option<u64>,
    max_duration_s: Option<u64>,
    reservation: Option<Applies>,
    /// Conditions that cannot be read or evaluated; the element then never applies.
    pub unreadable: Vec<String>,
}

/// What the restrictions are evaluated against: the start of one period.
#[derive(Debug, Clone, Copy)]
pub struct Moment {
    /// Local minute of the day (0..1440).
    pub minute: u16,
    pub weekday: Weekday,
    pub date: Date,
    /// Energy delivered before this moment, kWh.
    pub energy_kwh: Decimal,
    /// Time since the session (or reservation) started, nanoseconds.
    pub elapsed_ns: i128,
    pub power_kw: Option<Decimal>,
    pub current_a: Option<Decimal>,
}

/// The outcome of evaluating a rule at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Applies,
    DoesNotApply,
    /// A power or current restriction could not be evaluated (the value is unknown): read as
    /// not applying.
    ValueMissing,
}

impl Rule {
    /// Reads the restrictions of an element (`None`: no restrictions).
    pub fn read(r: Option<&Restrictions>) -> Rule {
        let Some(r) = r else {
            return Rule::default();
        };
        let mut rule = Rule::default();
        for (field, value, slot) in [
            ("start_time", &r.start_time, &mut rule.start_minute),
            ("end_time", &r.end_time, &mut rule.end_minute),
        ] {
            if let Some(s) = value {
                match parse_minute(s) {
                    Some(m) => *slot = Some(m),
                    None => rule.unreadable.push(format!("{field} \"{s}\"")),
                }
            }
        }
        for (field, value, slot) in [
            ("start_date", &r.start_date, &mut rule.start_date),
            ("end_date", &r.end_date, &mut rule.end_date),
        ] {
            if let Some(s) = value {
                match s.parse::<Date>() {
                    Ok(d) => *slot = Some(d),
                    Err(_) => rule.unreadable.push(format!("{field} \"{s}\"")),
                }
            }
        }
        for day in &r.day_of_week {
            match day.iso_number() {
                Some(n) => rule.days |= 1 << n,
                None => rule
                    .unreadable
                    .push(format!("day_of_week \"{}\"", day.as_str())),
            }
        }
        rule.min_kwh = r.min_kwh;
        rule.max_kwh = r.max_kwh;
        rule.min_current = r.min_current;
        rule.max_current = r.max_current;
        rule.min_power = r.min_power;
        rule.max_power = r.max_power;
        rule.min_duration_s = r.min_duration;
        rule.max_duration_s = r.max_duration;
        rule.reservation = match &r.reservation {
            None => None,
            Some(ReservationRestriction::Reservation) => Some(Applies::Reservation),
            Some(ReservationRestriction::ReservationExpires) => Some(Applies::ReservationExpires),
            Some(other) => {
                rule.unreadable
                    .push(format!("reservation \"{}\"", other.as_str()));
                None
            }
        };
        for (key, value) in &r.extra {
            let unset = value.is_null() || value.as_array().is_some_and(Vec::is_empty);
            if !unset {
                rule.unreadable.push(format!("`{key}`"));
            }
        }
        rule
    }

    /// Which sessions the element prices.
    pub fn applies_to(&self) -> Applies {
        self.reservation.unwrap_or(Applies::Session)
    }

    /// The local times of day (minutes) at which this rule can change.
    pub fn minute_boundaries(&self) -> impl Iterator<Item = u16> {
        [self.start_minute, self.end_minute]
            .into_iter()
            .flatten()
            .filter(|m| *m < END_OF_DAY)
    }

    /// The durations (seconds since the start) at which this rule can change.
    pub fn duration_boundaries(&self) -> impl Iterator<Item = u64> {
        [self.min_duration_s, self.max_duration_s]
            .into_iter()
            .flatten()
    }

    /// The energies (kWh delivered) at which this rule can change.
    pub fn energy_boundaries(&self) -> impl Iterator<Item = Decimal> {
        [self.min_kwh, self.max_kwh].into_iter().flatten()
    }

    /// Whether the rule holds at `m`.
    pub fn evaluate(&self, m: &Moment) -> Verdict {
        if !self.unreadable.is_empty() || !self.time_of_day_holds(m.minute) {
            return Verdict::DoesNotApply;
        }
        if self.days != 0 && self.days & (1 << m.weekday.to_monday_one_offset()) == 0 {
            return Verdict::DoesNotApply;
        }
        if self.start_date.is_some_and(|d| m.date < d) || self.end_date.is_some_and(|d| m.date >= d)
        {
            return Verdict::DoesNotApply;
        }
        if !within(Some(m.energy_kwh), self.min_kwh, self.max_kwh).unwrap_or(false) {
            return Verdict::DoesNotApply;
        }
        let elapsed_ok = |limit: u64| i128::from(limit) * 1_000_000_000;
        if self
            .min_duration_s
            .is_some_and(|s| m.elapsed_ns < elapsed_ok(s))
            || self
                .max_duration_s
                .is_some_and(|s| m.elapsed_ns >= elapsed_ok(s))
        {
            return Verdict::DoesNotApply;
        }
        let mut missing = false;
        for (value, min, max) in [
            (m.power_kw, self.min_power, self.max_power),
            (m.current_a, self.min_current, self.max_current),
        ] {
            match within(value, min, max) {
                Some(true) => {}
                Some(false) => return Verdict::DoesNotApply,
                None => missing = true,
            }
        }
        if missing {
            Verdict::ValueMissing
        } else {
            Verdict::Applies
        }
    }

    /// `start_time` inclusive, `end_time` exclusive; an end before the start wraps past
    /// midnight; equal start and end (including 00:00 to 00:00) is the whole day.
    fn time_of_day_holds(&self, minute: u16) -> bool {
        match (self.start_minute, self.end_minute) {
            (None, None) => true,
            (Some(s), None) => minute >= s,
            (None, Some(e)) => minute < end_of(e),
            (Some(s), Some(e)) => {
                let e = end_of(e);
                match s.cmp(&e) {
                    std::cmp::Ordering::Less => minute >= s && minute < e,
                    std::cmp::Ordering::Greater => minute >= s || minute < e,
                    std::cmp::Ordering::Equal => true,
                }
            }
        }
    }
}

/// An end time of 00:00 is the end of the day.
fn end_of(minute: u16) -> u16 {
    if minute == 0 { END_OF_DAY } else { minute }
}

/// `min <= value < max`; `None` when a bound is set and the value is unknown.
fn within(value: Option<Decimal>, min: Option<Decimal>, max: Option<Decimal>) -> Option<bool> {
    if min.is_none() && max.is_none() {
        return Some(true);
    }
    let v = value?;
    Some(min.is_none_or(|m| v >= m) && max.is_none_or(|m| v < m))
}

/// Reads `HH:MM` (and the lenient `24:00`) as minutes of the day.
pub fn parse_minute(s: &str) -> Option<u16> {
    let (h, m) = s.split_once(':')?;
    if h.is_empty() || h.len() > 2 || m.len() != 2 {
        return None;
    }
    let h: u16 = h.parse().ok()?;
    let m: u16 = m.parse().ok()?;
    match (h, m) {
        (24, 0) => Some(END_OF_DAY),
        (0..=23, 0..=59) => Some(h * 60 + m),
        _ => None,
    }
}
