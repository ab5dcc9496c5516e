//! The app's one boundary to the core's pricing of a session against a tariff (`src/tariff/`).
//! That module is not part of this build; until it is, [`estimate`] and [`explain`] answer
//! `None` and the price estimate says "not available in this build". The tariff itself is still
//! shown as published (see `components::tariff_summary`).

use jiff::Timestamp;
use ocpi_open_data::model::{Location, Tariff};
use rust_decimal::Decimal;

/// The session the user sets: energy, start and duration.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub kwh: Decimal,
    pub start: Timestamp,
    pub minutes: u32,
}

/// A priced session.
#[derive(Debug, Clone, PartialEq)]
pub struct Estimate {
    pub total: Decimal,
    pub currency: String,
    pub includes_tax: bool,
    /// One line per priced part (energy, time, session fee, parking).
    pub lines: Vec<String>,
}

/// The price of `session` at `location` under `tariff`.
pub fn estimate(_tariff: &Tariff, _location: &Location, _session: &Session) -> Option<Estimate> {
    None
}

/// The tariff in plain words, in the order AFIR asks prices to be shown.
pub fn explain(_tariff: &Tariff) -> Option<Vec<String>> {
    None
}
