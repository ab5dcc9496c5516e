//! The core's tariff pricing (`ocpi_open_data::tariff`) as the panel uses it: the session the
//! user sets (energy, start, time parked after charging) on one connector, priced in the
//! location's time zone.

use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use ocpi_open_data::model::{Connector, Location, Tariff};
use ocpi_open_data::tariff::{PriceError, Session, SessionPrice, price_session};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// Charging power assumed when the connector states none (a common AC wallbox, 11 kW).
pub const FALLBACK_POWER_KW: u32 = 11;

/// What the user sets.
#[derive(Debug, Clone, PartialEq)]
pub struct SessionInput {
    pub kwh: Decimal,
    pub start: Timestamp,
    /// Minutes the car stays plugged in after charging ended.
    pub stay_minutes: u32,
}

/// The connector a session is priced on: the most powerful one of the location whose tariffs
/// include `tariff_id` (or any, when none names it).
pub fn connector_for<'l>(location: &'l Location, tariff_id: &str) -> Option<&'l Connector> {
    let connectors = || {
        location
            .evses_in_service()
            .flat_map(|e| e.connectors.iter())
    };
    let names = |c: &&Connector| c.tariff_ids.iter().any(|t| t == tariff_id);
    connectors()
        .filter(names)
        .max_by_key(|c| c.power_w().unwrap_or(0))
        .or_else(|| connectors().max_by_key(|c| c.power_w().unwrap_or(0)))
}

/// The charging power of a connector in kW (its stated power, else [`FALLBACK_POWER_KW`]).
pub fn power_kw(connector: Option<&Connector>) -> Decimal {
    connector
        .and_then(Connector::power_w)
        .filter(|w| *w > 0)
        .map_or(Decimal::from(FALLBACK_POWER_KW), |w| {
            Decimal::from(w) / Decimal::from(1000)
        })
}

/// The session: charging at `power_kw` from the start until the energy is in, then parked.
pub fn session(input: &SessionInput, power_kw: Decimal) -> Option<Session> {
    if input.kwh <= Decimal::ZERO || power_kw <= Decimal::ZERO {
        return None;
    }
    let charge_secs = (input.kwh / power_kw * Decimal::from(3600))
        .ceil()
        .to_i64()?;
    let end = input
        .start
        .checked_add(SignedDuration::from_secs(
            charge_secs + i64::from(input.stay_minutes) * 60,
        ))
        .ok()?;
    Some(Session::new(input.start, end, input.kwh, power_kw))
}

/// The price of the session at `location` under `tariff`, in the location's time zone (when it
/// has a readable one; else the core infers it from the country).
pub fn estimate(
    tariff: &Tariff,
    location: &Location,
    input: &SessionInput,
) -> Option<Result<SessionPrice, PriceError>> {
    let connector = connector_for(location, &tariff.id);
    let mut s = session(input, power_kw(connector))?;
    let zone = location
        .time_zone
        .as_deref()
        .and_then(|z| TimeZone::get(z).ok());
    if zone.is_none() {
        s.timezone = ocpi_open_data::tariff::zone_of_country(&location.country).map(String::from);
    }
    Some(price_session(tariff, &s, connector, zone.as_ref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &str) -> Vec<u8> {
        std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    #[test]
    fn a_session_is_priced_at_the_connector_power_in_local_time() {
        let dir = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../shared/fixtures/ocpi-spec-examples/2.2.1/"
        );
        let loc = read(&format!("{dir}location_example.json"));
        let tariff = read(&format!("{dir}tariff_1_simple_2hour.json"));
        let files: [(&str, &[u8]); 2] = [("l.json", &loc), ("t.json", &tariff)];
        let (_, feed) = ocpi_open_data::model::read_feed(&files, |_| Default::default());
        let location = feed.locations.first().expect("location");
        let tariff = feed.tariffs.first().expect("tariff");
        let input = SessionInput {
            kwh: Decimal::from(30),
            start: "2025-03-04T09:00:00Z".parse().expect("ts"),
            stay_minutes: 0,
        };
        let connector = connector_for(location, &tariff.id);
        let kw = power_kw(connector);
        let s = session(&input, kw).expect("session");
        let price = estimate(tariff, location, &input)
            .expect("priced")
            .expect("no error");
        // The same session priced directly by the core gives the same total.
        let direct = price_session(tariff, &s, connector, None).expect("priced");
        assert_eq!(price.total, direct.total);
        assert!(
            price
                .total
                .after_tax
                .or(price.total.before_tax)
                .is_some_and(|t| t > Decimal::ZERO)
        );
        assert_eq!(
            price.time_zone,
            location.time_zone.clone().unwrap_or_default()
        );
    }

    #[test]
    fn no_energy_no_session() {
        let input = SessionInput {
            kwh: Decimal::ZERO,
            start: Timestamp::UNIX_EPOCH,
            stay_minutes: 0,
        };
        assert!(session(&input, Decimal::from(11)).is_none());
        assert_eq!(power_kw(None), Decimal::from(11));
    }
}
