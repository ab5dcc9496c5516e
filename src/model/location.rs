//! Locations and the small objects they share with EVSEs and tariffs.

use super::evse::{CalibrationLaw, Evse};
use super::hours::Hours;
use super::read::{Obj, is_iana_zone};
use super::{Source, ser};
use crate::spec::Version;
use crate::validate::Item;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Unknown members of an object, as they were in the data.
pub type Extra = BTreeMap<String, serde_json::Value>;

/// A charging site, version-neutral.
///
/// Missing required values read as empty defaults so that one broken location never hides its
/// neighbours; `source.has_errors` says whether the validator found anything wrong inside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Location {
    /// Where the location was read from.
    pub source: Source,
    /// ISO 3166-1 alpha-2 code of the owning CPO (2.2.1+; `None` for 2.1.1 or when missing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_code: Option<String>,
    /// Party id of the owning CPO (2.2.1+; `None` for 2.1.1 or when missing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub party_id: Option<String>,
    /// The CPO's id of the location; `""` when missing or unreadable.
    pub id: String,
    /// May the location be shown publicly? 2.1.1 has no such field: `true`. When the field is
    /// missing or unreadable: `false` if `publish_allowed_to` lists anyone (that list is only
    /// allowed on unpublished locations), else `true`.
    pub publish: bool,
    /// `publish_allowed_to` listed at least one token: the location is meant for some drivers
    /// only. The list itself is personal data and is never kept.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub restricted_visibility: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Street and number; `""` when missing.
    #[serde(default)]
    pub address: String,
    /// `""` when missing.
    #[serde(default)]
    pub city: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postal_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// ISO 3166-1 alpha-3 code of the country the location is in; `""` when missing.
    #[serde(default)]
    pub country: String,
    /// `None` when missing or unreadable (such a location cannot be placed on a map).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinates: Option<Coordinates>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related_locations: Vec<AdditionalGeoLocation>,
    /// OCPI `ParkingType` (open in 2.3.0). For 2.1.1 read from `type` (LocationType):
    /// ON_STREET, PARKING_GARAGE, UNDERGROUND_GARAGE and PARKING_LOT carry over, OTHER and
    /// UNKNOWN give `None`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parking_type: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evses: Vec<Evse>,
    /// Parking spaces (2.3.0), referenced from `Evse::parking`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parking_places: Vec<Parking>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub directions: Vec<DisplayText>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<Box<BusinessDetails>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suboperator: Option<Box<BusinessDetails>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Box<BusinessDetails>>,
    /// OCPI `Facility` values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facilities: Vec<String>,
    /// IANA time zone name; `None` when missing or not a zone of the IANA database.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_zone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening_times: Option<Box<Hours>>,
    /// Does charging go on outside opening hours? The spec's default, `true`, when not given.
    #[serde(default = "yes")]
    pub charging_when_closed: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<Image>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub energy_mix: Option<Box<EnergyMix>>,
    /// Phone number for help (2.3.0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help_phone: Option<String>,
    /// `None` when missing or unreadable.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "ser::timestamp_option"
    )]
    pub last_updated: Option<jiff::Timestamp>,
    /// German calibration-law fields given on the location itself (usually they are on EVSEs).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calibration: Option<Box<CalibrationLaw>>,
    /// Members that are not fields of Location in the data's version.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

pub(crate) fn yes() -> bool {
    true
}

impl Location {
    /// Converts one location read by the validator. Never fails: what is missing reads as the
    /// defaults documented on each field. `source.file` is left empty (see [`super::build_feed`]).
    pub fn from_item(item: &Item<'_>, version: Version) -> Location {
        let o = Obj::new(&item.node, Some(version.spec().location), version);
        let allowed_to = o
            .raw("publish_allowed_to")
            .is_some_and(|n| match n.as_array() {
                Some(entries) => !entries.is_empty(),
                // Under 2.1.1 the member is not walked: a single entry may come unwrapped.
                None => n.as_object().is_some(),
            });
        // `publish` is read in every version (a 2.1.1 reader must not show what the data hides).
        let given = o.raw("publish").and_then(|n| n.as_bool());
        let publish = given.unwrap_or(!allowed_to);
        let parking_type = match version {
            Version::V2_1_1 => o.str("type").filter(|t| {
                matches!(
                    t.as_str(),
                    "ON_STREET" | "PARKING_GARAGE" | "UNDERGROUND_GARAGE" | "PARKING_LOT"
                )
            }),
            _ => o.str("parking_type"),
        };
        Location {
            source: Source::of(item, version),
            country_code: o.str("country_code"),
            party_id: o.str("party_id"),
            id: o.string("id"),
            publish,
            restricted_visibility: allowed_to,
            name: o.str("name"),
            address: o.string("address"),
            city: o.string("city"),
            postal_code: o.str("postal_code"),
            state: o.str("state"),
            country: o.string("country"),
            coordinates: o.object("coordinates").and_then(|c| Coordinates::read(&c)),
            related_locations: o
                .objects("related_locations")
                .iter()
                .filter_map(AdditionalGeoLocation::read)
                .collect(),
            parking_type,
            evses: o.objects("evses").iter().map(Evse::read).collect(),
            parking_places: o
                .objects("parking_places")
                .iter()
                .map(Parking::read)
                .collect(),
            directions: DisplayText::read_list(&o, "directions"),
            operator: o
                .object("operator")
                .map(|b| Box::new(BusinessDetails::read(&b))),
            suboperator: o
                .object("suboperator")
                .map(|b| Box::new(BusinessDetails::read(&b))),
            owner: o
                .object("owner")
                .map(|b| Box::new(BusinessDetails::read(&b))),
            facilities: o.strings("facilities"),
            time_zone: o.str("time_zone").filter(|z| is_iana_zone(z)),
            opening_times: o.object("opening_times").map(|h| Box::new(Hours::read(&h))),
            charging_when_closed: o.bool("charging_when_closed").unwrap_or(true),
            images: Image::read_list(&o, "images"),
            energy_mix: o
                .object("energy_mix")
                .map(|e| Box::new(EnergyMix::read(&e))),
            help_phone: o.str("help_phone"),
            last_updated: o.timestamp("last_updated"),
            calibration: o.calibration().map(Box::new),
            // Under 2.1.1 a boolean `publish` was read above; anything else stays in `extra`.
            extra: o.extra_except(if given.is_some() { &["publish"] } else { &[] }),
        }
    }

    /// EVSEs that exist: every one whose status is not REMOVED.
    pub fn evses_in_service(&self) -> impl Iterator<Item = &Evse> {
        self.evses
            .iter()
            .filter(|e| e.status != super::EvseStatus::Removed)
    }

    /// Whether the location may appear on a public map (`publish` is not `false`).
    pub fn is_public(&self) -> bool {
        self.publish
    }

    /// The location's time zone, when it names one of the IANA database. Always `None` in a
    /// build without the `tzdb` feature (the small WebAssembly build), whose callers then read
    /// local times as UTC and say so.
    pub fn tz(&self) -> Option<jiff::tz::TimeZone> {
        jiff::tz::db().get(self.time_zone.as_deref()?).ok()
    }

    /// The most powerful connector of the location's EVSEs in service, in W.
    pub fn max_power_w(&self) -> Option<u32> {
        self.evses_in_service().filter_map(Evse::max_power_w).max()
    }
}

/// A WGS 84 position (OCPI `GeoLocation`), read from OCPI's decimal strings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Coordinates {
    /// Latitude in decimal degrees.
    pub lat: f64,
    /// Longitude in decimal degrees.
    pub lon: f64,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl Coordinates {
    /// `None` unless both latitude and longitude are given and in range.
    pub(crate) fn read(o: &Obj<'_, '_>) -> Option<Coordinates> {
        let degrees = |key: &str, limit: f64| {
            let v = o.str(key)?.trim().parse::<f64>().ok()?;
            (v.is_finite() && v.abs() <= limit).then_some(v)
        };
        Some(Coordinates {
            lat: degrees("latitude", 90.0)?,
            lon: degrees("longitude", 180.0)?,
            extra: o.extra(),
        })
    }
}

/// A further point that matters to drivers (entrance, exit, ...). Entries without readable
/// coordinates are left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AdditionalGeoLocation {
    pub lat: f64,
    pub lon: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<DisplayText>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl AdditionalGeoLocation {
    fn read(o: &Obj<'_, '_>) -> Option<AdditionalGeoLocation> {
        let c = Coordinates::read(o)?;
        Some(AdditionalGeoLocation {
            lat: c.lat,
            lon: c.lon,
            name: o.object("name").and_then(|d| DisplayText::read(&d)),
            extra: o.extra(),
        })
    }
}

/// A text in one language. Entries without text are left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DisplayText {
    /// ISO 639-1 code; `""` when missing.
    #[serde(default)]
    pub language: String,
    pub text: String,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl DisplayText {
    pub(crate) fn read(o: &Obj<'_, '_>) -> Option<DisplayText> {
        Some(DisplayText {
            language: o.string("language"),
            text: o.str("text")?,
            extra: o.extra(),
        })
    }

    pub(crate) fn read_list(o: &Obj<'_, '_>, key: &str) -> Vec<DisplayText> {
        o.objects(key)
            .iter()
            .filter_map(DisplayText::read)
            .collect()
    }
}

/// A company (operator, sub-operator, owner).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BusinessDetails {
    /// `""` when missing.
    #[serde(default)]
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub logo: Option<Image>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl BusinessDetails {
    fn read(o: &Obj<'_, '_>) -> BusinessDetails {
        BusinessDetails {
            name: o.string("name"),
            website: o.str("website"),
            logo: o.object("logo").and_then(|i| Image::read(&i)),
            extra: o.extra(),
        }
    }
}

/// A picture or logo. Images without a URL are left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Image {
    pub url: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thumbnail: Option<String>,
    /// OCPI `ImageCategory`; `""` when missing.
    #[serde(default)]
    pub category: String,
    /// File type (`png`, `jpeg`, ...); `""` when missing.
    #[serde(rename = "type", default)]
    pub image_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl Image {
    pub(crate) fn read(o: &Obj<'_, '_>) -> Option<Image> {
        Some(Image {
            url: o.str("url")?,
            thumbnail: o.str("thumbnail"),
            category: o.string("category"),
            image_type: o.string("type"),
            width: o.u32("width"),
            height: o.u32("height"),
            extra: o.extra(),
        })
    }

    pub(crate) fn read_list(o: &Obj<'_, '_>, key: &str) -> Vec<Image> {
        o.objects(key).iter().filter_map(Image::read).collect()
    }
}

/// Where the energy comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnergyMix {
    /// `false` when missing.
    #[serde(default)]
    pub is_green_energy: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub energy_sources: Vec<EnergySource>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub environ_impact: Vec<EnvironmentalImpact>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub energy_product_name: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl EnergyMix {
    pub(crate) fn read(o: &Obj<'_, '_>) -> EnergyMix {
        EnergyMix {
            is_green_energy: o.bool("is_green_energy").unwrap_or(false),
            energy_sources: o
                .objects("energy_sources")
                .iter()
                .filter_map(EnergySource::read)
                .collect(),
            environ_impact: o
                .objects("environ_impact")
                .iter()
                .filter_map(EnvironmentalImpact::read)
                .collect(),
            supplier_name: o.str("supplier_name"),
            energy_product_name: o.str("energy_product_name"),
            extra: o.extra(),
        }
    }
}

/// The share of one energy source. Entries without a source or a share are left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnergySource {
    /// OCPI `EnergySourceCategory`.
    pub source: String,
    /// Share in percent, 0–100.
    pub percentage: f64,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl EnergySource {
    fn read(o: &Obj<'_, '_>) -> Option<EnergySource> {
        Some(EnergySource {
            source: o.str("source")?,
            percentage: o.f64("percentage")?,
            extra: o.extra(),
        })
    }
}

/// Environmental impact per kWh. 2.1.1 calls the category `source`; it is `category` here as in
/// 2.2.1+. Entries without a category or an amount are left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EnvironmentalImpact {
    /// OCPI `EnvironmentalImpactCategory`.
    pub category: String,
    /// Amount in g/kWh.
    pub amount: f64,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl EnvironmentalImpact {
    fn read(o: &Obj<'_, '_>) -> Option<EnvironmentalImpact> {
        let category = o.str("category").or_else(|| o.str("source"))?;
        Some(EnvironmentalImpact {
            category,
            amount: o.f64("amount")?,
            extra: o.extra(),
        })
    }
}

/// A parking space usable while charging (2.3.0 `Parking`). Measurements are binary floats:
/// they are never used for money.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parking {
    /// `""` when missing.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub physical_reference: Option<String>,
    /// OCPI `VehicleType` values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vehicle_types: Vec<String>,
    /// kg.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_vehicle_weight: Option<f64>,
    /// cm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_vehicle_height: Option<f64>,
    /// cm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_vehicle_length: Option<f64>,
    /// cm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_vehicle_width: Option<f64>,
    /// cm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parking_space_length: Option<f64>,
    /// cm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parking_space_width: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dangerous_goods_allowed: Option<bool>,
    /// OCPI `ParkingDirection`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drive_through: Option<bool>,
    /// `false` when missing.
    #[serde(default)]
    pub restricted_to_type: bool,
    /// `false` when missing.
    #[serde(default)]
    pub reservation_required: bool,
    /// Minutes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub roofed: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<Image>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lighting: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refrigeration_outlet: Option<bool>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standards: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub apds_reference: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl Parking {
    fn read(o: &Obj<'_, '_>) -> Parking {
        Parking {
            id: o.string("id"),
            physical_reference: o.str("physical_reference"),
            vehicle_types: o.strings("vehicle_types"),
            max_vehicle_weight: o.f64("max_vehicle_weight"),
            max_vehicle_height: o.f64("max_vehicle_height"),
            max_vehicle_length: o.f64("max_vehicle_length"),
            max_vehicle_width: o.f64("max_vehicle_width"),
            parking_space_length: o.f64("parking_space_length"),
            parking_space_width: o.f64("parking_space_width"),
            dangerous_goods_allowed: o.bool("dangerous_goods_allowed"),
            direction: o.str("direction"),
            drive_through: o.bool("drive_through"),
            restricted_to_type: o.bool("restricted_to_type").unwrap_or(false),
            reservation_required: o.bool("reservation_required").unwrap_or(false),
            time_limit: o.f64("time_limit"),
            roofed: o.bool("roofed"),
            images: Image::read_list(o, "images"),
            lighting: o.bool("lighting"),
            refrigeration_outlet: o.bool("refrigeration_outlet"),
            standards: o.strings("standards"),
            apds_reference: o.str("apds_reference"),
            extra: o.extra(),
        }
    }
}

/// Link from an EVSE to a parking space of its location (2.3.0 `EVSEParking`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvseParking {
    /// `id` of one of the location's `parking_places`; `""` when missing.
    pub parking_id: String,
    /// OCPI `EVSEPosition` (LEFT, RIGHT, CENTER).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evse_position: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl EvseParking {
    pub(crate) fn read(o: &Obj<'_, '_>) -> EvseParking {
        EvseParking {
            parking_id: o.string("parking_id"),
            evse_position: o.str("evse_position"),
            extra: o.extra(),
        }
    }
}
