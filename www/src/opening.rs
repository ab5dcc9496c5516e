//! Whether a location can be used for charging at a given instant, in its own time zone.
//!
//! Readings (see `docs/readings.md`, "Open now on the map"): charging is possible when the
//! location is 24/7, inside a regular period (periods whose end is before their begin run past
//! midnight), or inside an exceptional opening, and not inside an exceptional closing.
//! `charging_when_closed` (default true) is about sessions that continue past closing time, not
//! about starting one, so it does not make a closed location open. A location without `opening_times`
//! states no limit and counts as open. A location without a valid IANA `time_zone` is read in
//! its country's zone when the country has one zone; otherwise regular hours cannot be placed
//! and the answer is "unknown".

use jiff::Timestamp;
use jiff::civil::Time;
use jiff::tz::TimeZone;
use ocpi_open_data::model::{Hours, Location};

/// The answer for one location and instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenState {
    Open,
    Closed,
    /// Regular hours exist but the local time is not known (no usable time zone).
    Unknown,
}

/// Countries (ISO 3166-1 alpha-3) with a single time zone, for locations that leave it out.
const COUNTRY_ZONES: &[(&str, &str)] = &[
    ("AUT", "Europe/Vienna"),
    ("BEL", "Europe/Brussels"),
    ("BGR", "Europe/Sofia"),
    ("CHE", "Europe/Zurich"),
    ("CZE", "Europe/Prague"),
    ("DEU", "Europe/Berlin"),
    ("DNK", "Europe/Copenhagen"),
    ("EST", "Europe/Tallinn"),
    ("FIN", "Europe/Helsinki"),
    ("FRA", "Europe/Paris"),
    ("GBR", "Europe/London"),
    ("GRC", "Europe/Athens"),
    ("HRV", "Europe/Zagreb"),
    ("HUN", "Europe/Budapest"),
    ("IRL", "Europe/Dublin"),
    ("ITA", "Europe/Rome"),
    ("LTU", "Europe/Vilnius"),
    ("LUX", "Europe/Luxembourg"),
    ("LVA", "Europe/Riga"),
    ("NLD", "Europe/Amsterdam"),
    ("NOR", "Europe/Oslo"),
    ("POL", "Europe/Warsaw"),
    ("ROU", "Europe/Bucharest"),
    ("SVK", "Europe/Bratislava"),
    ("SVN", "Europe/Ljubljana"),
    ("SWE", "Europe/Stockholm"),
];

/// The location's time zone, or its country's when it has one zone.
pub fn zone_of(location: &Location) -> Option<TimeZone> {
    location.tz().or_else(|| {
        let name = COUNTRY_ZONES
            .iter()
            .find(|(c, _)| *c == location.country)
            .map(|(_, z)| *z)?;
        jiff::tz::db().get(name).ok()
    })
}

fn hhmm(s: &str) -> Option<Time> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (i8, i8) = (h.parse().ok()?, m.parse().ok()?);
    if h == 24 && m == 0 {
        return Some(Time::MAX);
    }
    Time::new(h, m, 0, 0).ok()
}

/// Whether the location is open around the clock: `twentyfourseven`, or regular hours that
/// cover every day from 00:00 to 24:00.
pub fn is_24_7(hours: Option<&Hours>) -> bool {
    let Some(h) = hours else { return false };
    if h.twentyfourseven {
        return true;
    }
    (1..=7u8).all(|d| {
        h.regular_hours.iter().any(|r| {
            r.weekday == d
                && hhmm(&r.period_begin) == Some(Time::midnight())
                && matches!(hhmm(&r.period_end), Some(t) if t >= Time::constant(23, 59, 0, 0))
        })
    })
}

/// Whether charging is possible at `now`.
pub fn open_at(location: &Location, now: Timestamp) -> OpenState {
    let Some(hours) = location.opening_times.as_deref() else {
        return OpenState::Open;
    };
    let in_period =
        |p: &ocpi_open_data::model::ExceptionalPeriod| p.period_begin <= now && now < p.period_end;
    if hours.exceptional_closings.iter().any(in_period) {
        return OpenState::Closed;
    }
    if hours.twentyfourseven || hours.exceptional_openings.iter().any(in_period) {
        return OpenState::Open;
    }
    if hours.regular_hours.is_empty() {
        // Neither 24/7 nor any period: nothing is stated.
        return OpenState::Open;
    }
    let Some(zone) = zone_of(location) else {
        return OpenState::Unknown;
    };
    let local = now.to_zoned_datetime(zone);
    let today = local.weekday().to_monday_one_offset() as u8;
    let yesterday = if today == 1 { 7 } else { today - 1 };
    let t = local.time();
    let open = hours.regular_hours.iter().any(|r| {
        let (Some(b), Some(e)) = (hhmm(&r.period_begin), hhmm(&r.period_end)) else {
            return false;
        };
        if b <= e {
            r.weekday == today && b <= t && t < e
        } else {
            // Past midnight: from `b` on its weekday to `e` on the next day.
            (r.weekday == today && t >= b) || (r.weekday == yesterday && t < e)
        }
    });
    if open {
        OpenState::Open
    } else {
        OpenState::Closed
    }
}

/// Regular hours as lines of text (`Mon 08:00–21:00`), in weekday order.
pub fn describe(hours: Option<&Hours>) -> Vec<String> {
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let Some(h) = hours else {
        return vec!["No opening hours given".into()];
    };
    if h.twentyfourseven {
        return vec!["Open 24/7".into()];
    }
    let mut out = Vec::new();
    for d in 1..=7u8 {
        let periods: Vec<String> = h
            .regular_hours
            .iter()
            .filter(|r| r.weekday == d)
            .map(|r| format!("{}–{}", r.period_begin, r.period_end))
            .collect();
        let text = if periods.is_empty() {
            "closed".to_string()
        } else {
            periods.join(", ")
        };
        out.push(format!("{} {text}", DAYS[usize::from(d - 1)]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ocpi_open_data::model::RegularHours;

    fn location(hours: Option<Hours>, tz: Option<&str>, country: &str) -> Location {
        let json = format!(
            r#"{{"country_code":"DE","party_id":"ABC","id":"1","publish":true,"address":"a","city":"c",
            "country":"{country}","coordinates":{{"latitude":"52.5","longitude":"13.4"}},
            "last_updated":"2025-01-01T00:00:00Z"{tz}}}"#,
            tz = tz.map_or(String::new(), |z| format!(r#","time_zone":"{z}""#))
        );
        let files: [(&str, &[u8]); 1] = [("l.json", json.as_bytes())];
        let (_, feed) = ocpi_open_data::model::read_feed(&files, |_| Default::default());
        let mut l = feed.locations.into_iter().next().expect("one location");
        l.opening_times = hours.map(Box::new);
        l
    }

    fn weekdays(begin: &str, end: &str) -> Hours {
        Hours {
            twentyfourseven: false,
            regular_hours: (1..=5)
                .map(|d| RegularHours {
                    weekday: d,
                    period_begin: begin.into(),
                    period_end: end.into(),
                    extra: Default::default(),
                })
                .collect(),
            exceptional_openings: vec![],
            exceptional_closings: vec![],
            extra: Default::default(),
        }
    }

    fn at(s: &str) -> Timestamp {
        s.parse().expect("timestamp")
    }

    #[test]
    fn regular_hours_in_the_local_zone() {
        let l = location(
            Some(weekdays("08:00", "20:00")),
            Some("Europe/Berlin"),
            "DEU",
        );
        // Wednesday 2025-01-15: 07:30 UTC = 08:30 in Berlin (open); 19:30 UTC = 20:30 (closed).
        assert_eq!(open_at(&l, at("2025-01-15T07:30:00Z")), OpenState::Open);
        assert_eq!(open_at(&l, at("2025-01-15T19:30:00Z")), OpenState::Closed);
        // Saturday.
        assert_eq!(open_at(&l, at("2025-01-18T12:00:00Z")), OpenState::Closed);
    }

    #[test]
    fn missing_zone_falls_back_to_the_country_or_unknown() {
        let l = location(Some(weekdays("08:00", "20:00")), None, "DEU");
        assert_eq!(open_at(&l, at("2025-01-15T07:30:00Z")), OpenState::Open);
        let l = location(Some(weekdays("08:00", "20:00")), None, "ESP");
        assert_eq!(open_at(&l, at("2025-01-15T07:30:00Z")), OpenState::Unknown);
    }

    #[test]
    fn periods_past_midnight_and_closings() {
        let mut h = weekdays("22:00", "06:00");
        let l = location(Some(h.clone()), Some("UTC"), "GBR");
        // Tuesday 23:00 and Wednesday 05:00 are open, Wednesday 12:00 is not.
        assert_eq!(open_at(&l, at("2025-01-14T23:00:00Z")), OpenState::Open);
        assert_eq!(open_at(&l, at("2025-01-15T05:00:00Z")), OpenState::Open);
        assert_eq!(open_at(&l, at("2025-01-15T12:00:00Z")), OpenState::Closed);
        h.twentyfourseven = true;
        h.exceptional_closings = vec![ocpi_open_data::model::ExceptionalPeriod {
            period_begin: at("2025-12-25T00:00:00Z"),
            period_end: at("2025-12-26T00:00:00Z"),
            extra: Default::default(),
        }];
        let l = location(Some(h), Some("UTC"), "GBR");
        assert!(l.charging_when_closed, "OCPI's default");
        assert_eq!(open_at(&l, at("2025-12-25T10:00:00Z")), OpenState::Closed);
        assert_eq!(open_at(&l, at("2025-12-26T10:00:00Z")), OpenState::Open);
    }

    #[test]
    fn no_hours_is_open_and_24_7_detection() {
        let l = location(None, None, "ESP");
        assert_eq!(open_at(&l, at("2025-01-15T03:00:00Z")), OpenState::Open);
        assert!(!is_24_7(None));
        let mut all = weekdays("00:00", "24:00");
        assert!(!is_24_7(Some(&all)), "weekdays only");
        for d in 6..=7 {
            all.regular_hours.push(RegularHours {
                weekday: d,
                period_begin: "00:00".into(),
                period_end: "23:59".into(),
                extra: Default::default(),
            });
        }
        assert!(is_24_7(Some(&all)));
        assert_eq!(
            describe(Some(&weekdays("08:00", "20:00")))[0],
            "Mon 08:00–20:00"
        );
    }
}
