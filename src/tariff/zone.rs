//! The time zone restrictions are read in: the location's, or the best that can be inferred.

use super::error::{ErrorCode, PriceError, PriceWarning, WarningCode};
use crate::spec::codes::alpha3_to_alpha2;
use jiff::tz::{Offset, TimeZone};
use serde::Serialize;

/// Countries that use one time zone, ISO 3166-1 alpha-2 → IANA name. Only these are inferred
/// from a country code; a country with several zones (ES with the Canaries, PT with the Azores,
/// FR overseas under their own codes, US, CA, AU, RU, ...) is not listed.
pub static SINGLE_ZONE_COUNTRIES: &[(&str, &str)] = &[
    ("AD", "Europe/Andorra"),
    ("AE", "Asia/Dubai"),
    ("AL", "Europe/Tirane"),
    ("AT", "Europe/Vienna"),
    ("BA", "Europe/Sarajevo"),
    ("BE", "Europe/Brussels"),
    ("BG", "Europe/Sofia"),
    ("BY", "Europe/Minsk"),
    ("CH", "Europe/Zurich"),
    ("CZ", "Europe/Prague"),
    ("DE", "Europe/Berlin"),
    ("DK", "Europe/Copenhagen"),
    ("EE", "Europe/Tallinn"),
    ("FI", "Europe/Helsinki"),
    ("FR", "Europe/Paris"),
    ("GB", "Europe/London"),
    ("GR", "Europe/Athens"),
    ("HK", "Asia/Hong_Kong"),
    ("HR", "Europe/Zagreb"),
    ("HU", "Europe/Budapest"),
    ("IE", "Europe/Dublin"),
    ("IL", "Asia/Jerusalem"),
    ("IN", "Asia/Kolkata"),
    ("IS", "Atlantic/Reykjavik"),
    ("IT", "Europe/Rome"),
    ("JP", "Asia/Tokyo"),
    ("KR", "Asia/Seoul"),
    ("LI", "Europe/Vaduz"),
    ("LT", "Europe/Vilnius"),
    ("LU", "Europe/Luxembourg"),
    ("LV", "Europe/Riga"),
    ("MC", "Europe/Monaco"),
    ("MD", "Europe/Chisinau"),
    ("ME", "Europe/Podgorica"),
    ("MK", "Europe/Skopje"),
    ("MT", "Europe/Malta"),
    ("NL", "Europe/Amsterdam"),
    ("NO", "Europe/Oslo"),
    ("PL", "Europe/Warsaw"),
    ("RO", "Europe/Bucharest"),
    ("RS", "Europe/Belgrade"),
    ("SE", "Europe/Stockholm"),
    ("SG", "Asia/Singapore"),
    ("SI", "Europe/Ljubljana"),
    ("SK", "Europe/Bratislava"),
    ("SM", "Europe/San_Marino"),
    ("TR", "Europe/Istanbul"),
    ("TW", "Asia/Taipei"),
    ("VA", "Europe/Vatican"),
    ("ZA", "Africa/Johannesburg"),
];

/// The IANA zone of a country with a single zone, from its alpha-2 or alpha-3 code.
pub fn zone_of_country(code: &str) -> Option<&'static str> {
    let upper = code.trim().to_ascii_uppercase();
    let alpha2 = match upper.len() {
        2 => upper.as_str(),
        3 => alpha3_to_alpha2(&upper)?,
        _ => return None,
    };
    SINGLE_ZONE_COUNTRIES
        .iter()
        .find(|(c, _)| *c == alpha2)
        .map(|(_, z)| *z)
}

/// Where the time zone came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ZoneSource {
    /// Given by the caller (the location's `time_zone`, `--timezone`, the session's `timezone`).
    Given,
    /// The time zone of the CDR's location.
    Data,
    /// Inferred from the country of the location (a country with one time zone).
    Country,
    /// The fixed UTC offset written in the start time (no daylight-saving changes).
    Offset,
    /// Nothing was known: UTC.
    Utc,
}

impl ZoneSource {
    /// Where the zone came from, in words.
    pub fn describe(self) -> &'static str {
        match self {
            ZoneSource::Given => "given",
            ZoneSource::Data => "the location's",
            ZoneSource::Country => "the country's",
            ZoneSource::Offset => "the offset of the start time",
            ZoneSource::Utc => "assumed",
        }
    }
}

/// A time zone with its name and where it came from.
#[derive(Debug, Clone)]
pub struct Zone {
    pub tz: TimeZone,
    /// IANA name, or the offset (`+01:00`), or `UTC`.
    pub name: String,
    pub source: ZoneSource,
}

impl Zone {
    /// A zone the caller gave.
    pub fn given(tz: &TimeZone) -> Zone {
        let name = match (tz.iana_name(), tz.to_fixed_offset()) {
            (Some(name), _) => name.to_string(),
            (None, Ok(offset)) => offset.to_string(),
            (None, Err(_)) => "a time zone given without name".to_string(),
        };
        Zone {
            name,
            tz: tz.clone(),
            source: ZoneSource::Given,
        }
    }

    /// The zone called `name` in the IANA database.
    pub fn named(name: &str, source: ZoneSource) -> Result<Zone, PriceError> {
        let tz = jiff::tz::db().get(name.trim()).map_err(|_| {
            PriceError::new(
                ErrorCode::TimeZoneUnknown,
                format!("\"{name}\" is not a time zone of the IANA database"),
            )
        })?;
        Ok(Zone {
            name: tz.iana_name().unwrap_or(name).to_string(),
            tz,
            source,
        })
    }

    /// The best zone from what the data offers, in this order: the location's zone, the
    /// country's single zone, the offset written in the start time, UTC. A guess adds a
    /// warning.
    pub fn infer(
        data_zone: Option<&str>,
        country: Option<&str>,
        start_offset: Option<Offset>,
        warnings: &mut Vec<PriceWarning>,
    ) -> Zone {
        if let Some(zone) = data_zone.and_then(|n| Zone::named(n, ZoneSource::Data).ok()) {
            return zone;
        }
        if let Some(c) = country
            && let Some(name) = zone_of_country(c)
            && let Ok(zone) = Zone::named(name, ZoneSource::Country)
        {
            warnings.push(PriceWarning::new(
                WarningCode::TimeZoneAssumed,
                format!("no time zone given; read in {name}, the time zone of the country {c}"),
            ));
            return zone;
        }
        if let Some(offset) = start_offset.filter(|o| *o != Offset::UTC) {
            warnings.push(PriceWarning::new(
                WarningCode::TimeZoneAssumed,
                format!(
                    "no time zone given; read at the fixed offset {offset} of the start time, without daylight-saving changes"
                ),
            ));
            return Zone {
                tz: TimeZone::fixed(offset),
                name: offset.to_string(),
                source: ZoneSource::Offset,
            };
        }
        warnings.push(PriceWarning::new(
            WarningCode::TimeZoneAssumed,
            "no time zone given and none can be inferred; read in UTC",
        ));
        Zone {
            tz: TimeZone::UTC,
            name: "UTC".into(),
            source: ZoneSource::Utc,
        }
    }
}
