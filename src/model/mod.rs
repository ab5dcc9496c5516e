//! The version-neutral model: Locations, EVSEs, Connectors and Tariffs as the views, the pricing
//! engine and the map use them, whatever OCPI version the data came in.
//!
//! Built from the lenient values of the spec walk ([`crate::validate::Item`]), never from raw
//! JSON, so every typed field has been checked against the data's version. Conversion never
//! panics and never fails as a whole: a missing required value reads as a documented default
//! (`""`, `None`, `EvseStatus::Unknown`, ...), and `source.has_errors` says whether the
//! validator found anything wrong in the object.
//!
//! Version differences are normalised:
//! - 2.1.1 `Location.type` (LocationType) → `parking_type` (OTHER / UNKNOWN → `None`);
//! - 2.1.1 `Connector.voltage` / `amperage` → `max_voltage` / `max_amperage`; `tariff_id` →
//!   `tariff_ids`;
//! - 2.1.1 `EnvironmentalImpact.source` → `category`;
//! - 2.2.1 `Price {excl_vat, incl_vat}` and 2.3.0 `PriceLimit {before_taxes, after_taxes}` →
//!   [`PriceLimit`];
//! - `tax_included`: 2.3.0's value; `No` for 2.1.1 and 2.2.1, whose prices exclude VAT;
//! - `publish`: `true` for 2.1.1, which has no such field.
//!
//! Money (prices, VAT, price limits) and tariff restriction amounts (kWh, kW, A) are
//! `rust_decimal::Decimal`, written to JSON as strings with the data's digits. Timestamps are
//! `jiff::Timestamp`, written as RFC 3339 strings in UTC.
//!
//! Members that are not fields of an object's table in the data's version are kept in the
//! object's `extra`, as they were. Two exceptions: the German calibration-law extension
//! (`energy_meter`, `transparency_software`, `calibration_info_url`) is read into a typed
//! `calibration` on Location, EVSE and Connector, wherever it occurs; and `publish_allowed_to`
//! (token uids and card numbers: personal data) is never kept, in any version, at any depth of
//! `extra`; only `Location::restricted_visibility` says it was there.

mod enums;
mod evse;
mod hours;
mod location;
mod read;
mod ser;
mod tariff;

#[cfg(test)]
mod tests;

pub use enums::{
    ConnectorFormat, DayOfWeek, DimensionType, EvseStatus, PowerType, ReservationRestriction,
    TariffType, TaxIncluded,
};
pub use evse::{CalibrationLaw, Connector, Evse, StatusSchedule};
pub use hours::{ExceptionalPeriod, Hours, RegularHours};
pub use location::{
    AdditionalGeoLocation, BusinessDetails, Coordinates, DisplayText, EnergyMix, EnergySource,
    EnvironmentalImpact, EvseParking, Extra, Image, Location, Parking,
};
pub use tariff::{PriceComponent, PriceLimit, Restrictions, Tariff, TariffElement};

use crate::spec::Version;
use crate::validate::{FileReport, Item, Kind};
use serde::{Deserialize, Serialize};

/// Everything read from a feed: its locations and its tariffs, in file and document order.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Feed {
    pub locations: Vec<Location>,
    pub tariffs: Vec<Tariff>,
}

impl Feed {
    /// The tariff with this id (the first one, if several share it).
    pub fn tariff(&self, id: &str) -> Option<&Tariff> {
        self.tariffs.iter().find(|t| t.id == id)
    }
}

/// Where a top-level object was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The file (or URL, or `-`) as the caller named it.
    pub file: String,
    /// JSON Pointer of the object in the file, e.g. `/data/3`.
    pub pointer: String,
    /// The OCPI version the object was read as.
    #[serde(with = "ser::version")]
    pub version: Version,
    /// Whether the validator reported an error inside the object.
    pub has_errors: bool,
}

impl Source {
    fn of(item: &Item<'_>, version: Version) -> Source {
        Source {
            file: String::new(),
            pointer: item.pointer.clone(),
            version,
            has_errors: item.has_errors,
        }
    }
}

/// Validates `files` as one feed and builds the model in the same pass, item by item: each
/// location or tariff is converted right after its walk and rules, and only what the rules across
/// files need is kept of its JSON. Peak memory is then the model plus one item, whatever the size
/// of the feed. Returns the reports (their `read` items reduced to ids and tariff references) and
/// the model, whose `source.has_errors` includes the rules across files.
pub fn read_feed<'a>(
    files: &[(&str, &'a [u8])],
    options_for: impl Fn(&str) -> crate::validate::Options,
) -> (Vec<FileReport<'a>>, Feed) {
    let mut feed = Feed::default();
    let mut on_item = |file: usize, kind: Kind, version: Version, item: &Item<'a>| {
        feed.push(kind, version, item, files[file].0);
    };
    let reports = crate::validate::validate_files_streaming(files, options_for, &mut on_item);
    // Errors found after conversion (rules across files) are known only now.
    let (mut locations, mut tariffs) = (feed.locations.iter_mut(), feed.tariffs.iter_mut());
    for report in &reports {
        for item in &report.read {
            match report.kind {
                Some(Kind::Location) => {
                    if let Some(location) = locations.next() {
                        location.source.has_errors = item.has_errors;
                    }
                }
                Some(Kind::Tariff) => {
                    if let Some(tariff) = tariffs.next() {
                        tariff.source.has_errors = item.has_errors;
                    }
                }
                _ => {}
            }
        }
    }
    (reports, feed)
}

/// Converts the items of validated files: locations from reports of kind Location, tariffs from
/// reports of kind Tariff, each read with its report's version. Other reports (versions, version
/// details, unrecognised documents) contribute nothing.
pub fn build_feed(reports: &[FileReport<'_>]) -> Feed {
    let mut feed = Feed::default();
    for report in reports {
        if let (Some(kind), Some(version)) = (report.kind, report.version) {
            for item in &report.read {
                feed.push(kind, version, item, &report.path);
            }
        }
    }
    feed
}

impl Feed {
    /// Converts one item of `file` and adds it, if it is a location or a tariff.
    fn push(&mut self, kind: Kind, version: Version, item: &Item<'_>, file: &str) {
        match kind {
            Kind::Location => {
                let mut location = Location::from_item(item, version);
                location.source.file = file.to_string();
                self.locations.push(location);
            }
            Kind::Tariff => {
                let mut tariff = Tariff::from_item(item, version);
                tariff.source.file = file.to_string();
                self.tariffs.push(tariff);
            }
            Kind::Versions | Kind::VersionDetails => {}
        }
    }
}
