//! OCPI 2.1.1: the Locations, Tariffs and Versions modules as tables.
//!
//! Source: `ocpi/ocpi` branch `release-2.1.1-bugfixes` (`mod_locations.md`, `mod_tariffs.md`,
//! `types.md`, `version_information_endpoint.md`). Field order is the spec's order.

use super::table::dsl::*;
use super::table::{EnumSpec, Format, ObjectSpec};
use super::{Alias, Version, VersionSpec};

// ---------------------------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------------------------

pub static LOCATION_TYPE: EnumSpec = EnumSpec {
    name: "LocationType",
    values: &[
        "ON_STREET",
        "PARKING_GARAGE",
        "UNDERGROUND_GARAGE",
        "PARKING_LOT",
        "OTHER",
        "UNKNOWN",
    ],
    open: false,
};

pub static STATUS: EnumSpec = EnumSpec {
    name: "Status",
    values: &[
        "AVAILABLE",
        "BLOCKED",
        "CHARGING",
        "INOPERATIVE",
        "OUTOFORDER",
        "PLANNED",
        "REMOVED",
        "RESERVED",
        "UNKNOWN",
    ],
    open: false,
};

pub static CAPABILITY: EnumSpec = EnumSpec {
    name: "Capability",
    values: &[
        "CHARGING_PROFILE_CAPABLE",
        "CREDIT_CARD_PAYABLE",
        "REMOTE_START_STOP_CAPABLE",
        "RESERVABLE",
        "RFID_READER",
        "UNLOCK_CAPABLE",
    ],
    open: false,
};

pub static CONNECTOR_FORMAT: EnumSpec = EnumSpec {
    name: "ConnectorFormat",
    values: &["SOCKET", "CABLE"],
    open: false,
};

pub static CONNECTOR_TYPE: EnumSpec = EnumSpec {
    name: "ConnectorType",
    values: &[
        "CHADEMO",
        "DOMESTIC_A",
        "DOMESTIC_B",
        "DOMESTIC_C",
        "DOMESTIC_D",
        "DOMESTIC_E",
        "DOMESTIC_F",
        "DOMESTIC_G",
        "DOMESTIC_H",
        "DOMESTIC_I",
        "DOMESTIC_J",
        "DOMESTIC_K",
        "DOMESTIC_L",
        "IEC_60309_2_single_16",
        "IEC_60309_2_three_16",
        "IEC_60309_2_three_32",
        "IEC_60309_2_three_64",
        "IEC_62196_T1",
        "IEC_62196_T1_COMBO",
        "IEC_62196_T2",
        "IEC_62196_T2_COMBO",
        "IEC_62196_T3A",
        "IEC_62196_T3C",
        "TESLA_R",
        "TESLA_S",
    ],
    open: false,
};

pub static POWER_TYPE: EnumSpec = EnumSpec {
    name: "PowerType",
    values: &["AC_1_PHASE", "AC_3_PHASE", "DC"],
    open: false,
};

pub static FACILITY: EnumSpec = EnumSpec {
    name: "Facility",
    values: &[
        "HOTEL",
        "RESTAURANT",
        "CAFE",
        "MALL",
        "SUPERMARKET",
        "SPORT",
        "RECREATION_AREA",
        "NATURE",
        "MUSEUM",
        "BUS_STOP",
        "TAXI_STAND",
        "TRAIN_STATION",
        "AIRPORT",
        "CARPOOL_PARKING",
        "FUEL_STATION",
        "WIFI",
    ],
    open: false,
};

pub static IMAGE_CATEGORY: EnumSpec = EnumSpec {
    name: "ImageCategory",
    values: &[
        "CHARGER", "ENTRANCE", "LOCATION", "NETWORK", "OPERATOR", "OTHER", "OWNER",
    ],
    open: false,
};

pub static PARKING_RESTRICTION: EnumSpec = EnumSpec {
    name: "ParkingRestriction",
    values: &["EV_ONLY", "PLUGGED", "DISABLED", "CUSTOMERS", "MOTORCYCLES"],
    open: false,
};

pub static ENERGY_SOURCE_CATEGORY: EnumSpec = EnumSpec {
    name: "EnergySourceCategory",
    values: &[
        "NUCLEAR",
        "GENERAL_FOSSIL",
        "COAL",
        "GAS",
        "GENERAL_GREEN",
        "SOLAR",
        "WIND",
        "WATER",
    ],
    open: false,
};

pub static ENVIRONMENTAL_IMPACT_CATEGORY: EnumSpec = EnumSpec {
    name: "EnvironmentalImpactCategory",
    values: &["NUCLEAR_WASTE", "CARBON_DIOXIDE"],
    open: false,
};

pub static TARIFF_DIMENSION_TYPE: EnumSpec = EnumSpec {
    name: "TariffDimensionType",
    values: &["ENERGY", "FLAT", "PARKING_TIME", "TIME"],
    open: false,
};

pub static DAY_OF_WEEK: EnumSpec = EnumSpec {
    name: "DayOfWeek",
    values: &[
        "MONDAY",
        "TUESDAY",
        "WEDNESDAY",
        "THURSDAY",
        "FRIDAY",
        "SATURDAY",
        "SUNDAY",
    ],
    open: false,
};

pub static VERSION_NUMBER: EnumSpec = EnumSpec {
    name: "VersionNumber",
    values: &["2.0", "2.1", "2.1.1"],
    open: false,
};

/// Custom module ids are allowed by bilateral agreement, so unknown ids are only a warning.
pub static MODULE_ID: EnumSpec = EnumSpec {
    name: "ModuleID",
    values: &[
        "cdrs",
        "commands",
        "credentials",
        "locations",
        "sessions",
        "tariffs",
        "tokens",
    ],
    open: true,
};

// ---------------------------------------------------------------------------------------------
// Locations module
// ---------------------------------------------------------------------------------------------

pub static LOCATION: ObjectSpec = ObjectSpec {
    name: "Location",
    section: "mod_locations #Location",
    fields: &[
        req("id", string(39)),
        req("type", en(&LOCATION_TYPE)),
        opt("name", string(255)),
        req("address", string(45)),
        req("city", string(45)),
        req("postal_code", string(10)),
        req("country", string_fmt(3, Format::CountryAlpha3)),
        req("coordinates", obj(&GEO_LOCATION)),
        list("related_locations", obj(&ADDITIONAL_GEO_LOCATION)),
        list("evses", obj(&EVSE)),
        list("directions", obj(&DISPLAY_TEXT)),
        opt("operator", obj(&BUSINESS_DETAILS)),
        opt("suboperator", obj(&BUSINESS_DETAILS)),
        opt("owner", obj(&BUSINESS_DETAILS)),
        list("facilities", en(&FACILITY)),
        opt("time_zone", string_fmt(255, Format::TimeZone)),
        opt("opening_times", obj(&HOURS)),
        opt("charging_when_closed", BOOL),
        list("images", obj(&IMAGE)),
        opt("energy_mix", obj(&ENERGY_MIX)),
        req("last_updated", DATETIME),
    ],
};

pub static EVSE: ObjectSpec = ObjectSpec {
    name: "EVSE",
    section: "mod_locations #EVSE",
    fields: &[
        req("uid", string(39)),
        opt("evse_id", string_fmt(48, Format::EvseId)),
        req("status", en(&STATUS)),
        list("status_schedule", obj(&STATUS_SCHEDULE)),
        list("capabilities", en(&CAPABILITY)),
        list1("connectors", obj(&CONNECTOR)),
        opt("floor_level", string(4)),
        opt("coordinates", obj(&GEO_LOCATION)),
        opt("physical_reference", string(16)),
        list("directions", obj(&DISPLAY_TEXT)),
        list("parking_restrictions", en(&PARKING_RESTRICTION)),
        list("images", obj(&IMAGE)),
        req("last_updated", DATETIME),
    ],
};

pub static CONNECTOR: ObjectSpec = ObjectSpec {
    name: "Connector",
    section: "mod_locations #Connector",
    fields: &[
        req("id", string(36)),
        req("standard", en(&CONNECTOR_TYPE)),
        req("format", en(&CONNECTOR_FORMAT)),
        req("power_type", en(&POWER_TYPE)),
        req("voltage", int()),
        req("amperage", int()),
        opt("tariff_id", string(36)),
        opt("terms_and_conditions", URL),
        req("last_updated", DATETIME),
    ],
};

pub static ADDITIONAL_GEO_LOCATION: ObjectSpec = ObjectSpec {
    name: "AdditionalGeoLocation",
    section: "mod_locations #AdditionalGeoLocation",
    fields: &[
        req("latitude", string_fmt(10, Format::Latitude)),
        req("longitude", string_fmt(11, Format::Longitude)),
        opt("name", obj(&DISPLAY_TEXT)),
    ],
};

pub static GEO_LOCATION: ObjectSpec = ObjectSpec {
    name: "GeoLocation",
    section: "mod_locations #GeoLocation",
    fields: &[
        req("latitude", string_fmt(10, Format::Latitude)),
        req("longitude", string_fmt(11, Format::Longitude)),
    ],
};

pub static BUSINESS_DETAILS: ObjectSpec = ObjectSpec {
    name: "BusinessDetails",
    section: "mod_locations #BusinessDetails",
    fields: &[
        req("name", string(100)),
        opt("website", URL),
        opt("logo", obj(&IMAGE)),
    ],
};

pub static IMAGE: ObjectSpec = ObjectSpec {
    name: "Image",
    section: "mod_locations #Image",
    fields: &[
        req("url", URL),
        opt("thumbnail", URL),
        req("category", en(&IMAGE_CATEGORY)),
        req("type", string(4)),
        opt("width", int_digits(5)),
        opt("height", int_digits(5)),
    ],
};

/// 2.1.1 Hours is a "choice of two": `regular_hours` or `twentyfourseven`. The table keeps both
/// as not required; the choice itself is checked by a rule.
pub static HOURS: ObjectSpec = ObjectSpec {
    name: "Hours",
    section: "mod_locations #Hours",
    fields: &[
        list("regular_hours", obj(&REGULAR_HOURS)),
        opt("twentyfourseven", BOOL),
        list("exceptional_openings", obj(&EXCEPTIONAL_PERIOD)),
        list("exceptional_closings", obj(&EXCEPTIONAL_PERIOD)),
    ],
};

pub static REGULAR_HOURS: ObjectSpec = ObjectSpec {
    name: "RegularHours",
    section: "mod_locations #RegularHours",
    fields: &[
        req("weekday", int_digits(1)),
        req("period_begin", string_fmt(5, Format::LocalTime)),
        req("period_end", string_fmt(5, Format::LocalTime)),
    ],
};

pub static EXCEPTIONAL_PERIOD: ObjectSpec = ObjectSpec {
    name: "ExceptionalPeriod",
    section: "mod_locations #ExceptionalPeriod",
    fields: &[req("period_begin", DATETIME), req("period_end", DATETIME)],
};

pub static ENERGY_MIX: ObjectSpec = ObjectSpec {
    name: "EnergyMix",
    section: "mod_locations #EnergyMix",
    fields: &[
        req("is_green_energy", BOOL),
        list("energy_sources", obj(&ENERGY_SOURCE)),
        list("environ_impact", obj(&ENVIRONMENTAL_IMPACT)),
        opt("supplier_name", string(64)),
        opt("energy_product_name", string(64)),
    ],
};

pub static ENERGY_SOURCE: ObjectSpec = ObjectSpec {
    name: "EnergySource",
    section: "mod_locations #EnergySource",
    fields: &[
        req("source", en(&ENERGY_SOURCE_CATEGORY)),
        req("percentage", NUMBER),
    ],
};

/// 2.1.1 calls the category field `source` (renamed `category` in 2.2).
pub static ENVIRONMENTAL_IMPACT: ObjectSpec = ObjectSpec {
    name: "EnvironmentalImpact",
    section: "mod_locations #EnvironmentalImpact",
    fields: &[
        req("source", en(&ENVIRONMENTAL_IMPACT_CATEGORY)),
        req("amount", NUMBER),
    ],
};

pub static STATUS_SCHEDULE: ObjectSpec = ObjectSpec {
    name: "StatusSchedule",
    section: "mod_locations #StatusSchedule",
    fields: &[
        req("period_begin", DATETIME),
        opt("period_end", DATETIME),
        req("status", en(&STATUS)),
    ],
};

pub static DISPLAY_TEXT: ObjectSpec = ObjectSpec {
    name: "DisplayText",
    section: "types #DisplayText",
    fields: &[
        req("language", string_fmt(2, Format::Language)),
        req("text", string(512)),
    ],
};

// ---------------------------------------------------------------------------------------------
// Tariffs module
// ---------------------------------------------------------------------------------------------

pub static TARIFF: ObjectSpec = ObjectSpec {
    name: "Tariff",
    section: "mod_tariffs #Tariff",
    fields: &[
        req("id", string(36)),
        req("currency", string_fmt(3, Format::Currency)),
        list("tariff_alt_text", obj(&DISPLAY_TEXT)),
        opt("tariff_alt_url", URL),
        list1("elements", obj(&TARIFF_ELEMENT)),
        opt("energy_mix", obj(&ENERGY_MIX)),
        req("last_updated", DATETIME),
    ],
};

pub static TARIFF_ELEMENT: ObjectSpec = ObjectSpec {
    name: "TariffElement",
    section: "mod_tariffs #TariffElement",
    fields: &[
        list1("price_components", obj(&PRICE_COMPONENT)),
        opt("restrictions", obj(&TARIFF_RESTRICTIONS)),
    ],
};

pub static PRICE_COMPONENT: ObjectSpec = ObjectSpec {
    name: "PriceComponent",
    section: "mod_tariffs #PriceComponent",
    fields: &[
        req("type", en(&TARIFF_DIMENSION_TYPE)),
        req("price", NUMBER),
        req("step_size", int()),
    ],
};

pub static TARIFF_RESTRICTIONS: ObjectSpec = ObjectSpec {
    name: "TariffRestrictions",
    section: "mod_tariffs #TariffRestrictions",
    fields: &[
        opt("start_time", string_fmt(5, Format::LocalTime)),
        opt("end_time", string_fmt(5, Format::LocalTime)),
        opt("start_date", string_fmt(10, Format::Date)),
        opt("end_date", string_fmt(10, Format::Date)),
        opt("min_kwh", NUMBER),
        opt("max_kwh", NUMBER),
        opt("min_power", NUMBER),
        opt("max_power", NUMBER),
        opt("min_duration", int()),
        opt("max_duration", int()),
        list("day_of_week", en(&DAY_OF_WEEK)),
    ],
};

// ---------------------------------------------------------------------------------------------
// Versions module
// ---------------------------------------------------------------------------------------------

pub static VERSION: ObjectSpec = ObjectSpec {
    name: "Version",
    section: "version_information_endpoint #Version",
    fields: &[req("version", en(&VERSION_NUMBER)), req("url", URL)],
};

pub static VERSION_DETAILS: ObjectSpec = ObjectSpec {
    name: "VersionDetails",
    section: "version_information_endpoint #VersionDetails",
    fields: &[
        req("version", en(&VERSION_NUMBER)),
        list1("endpoints", obj(&ENDPOINT)),
    ],
};

pub static ENDPOINT: ObjectSpec = ObjectSpec {
    name: "Endpoint",
    section: "version_information_endpoint #Endpoint",
    fields: &[req("identifier", en(&MODULE_ID)), req("url", URL)],
};

// ---------------------------------------------------------------------------------------------
// The version as a whole
// ---------------------------------------------------------------------------------------------

/// Every object of this version.
pub static OBJECTS: &[&ObjectSpec] = &[
    &LOCATION,
    &EVSE,
    &CONNECTOR,
    &ADDITIONAL_GEO_LOCATION,
    &GEO_LOCATION,
    &BUSINESS_DETAILS,
    &IMAGE,
    &HOURS,
    &REGULAR_HOURS,
    &EXCEPTIONAL_PERIOD,
    &ENERGY_MIX,
    &ENERGY_SOURCE,
    &ENVIRONMENTAL_IMPACT,
    &STATUS_SCHEDULE,
    &DISPLAY_TEXT,
    &TARIFF,
    &TARIFF_ELEMENT,
    &PRICE_COMPONENT,
    &TARIFF_RESTRICTIONS,
    &VERSION,
    &VERSION_DETAILS,
    &ENDPOINT,
];

/// Every enum of this version.
pub static ENUMS: &[&EnumSpec] = &[
    &LOCATION_TYPE,
    &STATUS,
    &CAPABILITY,
    &CONNECTOR_FORMAT,
    &CONNECTOR_TYPE,
    &POWER_TYPE,
    &FACILITY,
    &IMAGE_CATEGORY,
    &PARKING_RESTRICTION,
    &ENERGY_SOURCE_CATEGORY,
    &ENVIRONMENTAL_IMPACT_CATEGORY,
    &TARIFF_DIMENSION_TYPE,
    &DAY_OF_WEEK,
    &VERSION_NUMBER,
    &MODULE_ID,
];

/// Names real feeds use for fields of this version: the 2.2+ names of renamed fields, and
/// common near misses. camelCase spellings are handled generically by the walker.
pub static ALIASES: &[Alias] = &[
    // 2.2+ names served under a 2.1.1 label.
    Alias::other_version("Connector", "max_voltage", "voltage"),
    Alias::other_version("Connector", "max_amperage", "amperage"),
    Alias::other_version("Connector", "tariff_ids", "tariff_id"),
    Alias::other_version("Location", "parking_type", "type"),
    Alias::other_version("EnvironmentalImpact", "category", "source"),
    // Near misses.
    Alias::near_miss("EVSE", "floor", "floor_level"),
    Alias::near_miss("GeoLocation", "lat", "latitude"),
    Alias::near_miss("GeoLocation", "lon", "longitude"),
    Alias::near_miss("GeoLocation", "lng", "longitude"),
    Alias::near_miss("AdditionalGeoLocation", "lat", "latitude"),
    Alias::near_miss("AdditionalGeoLocation", "lon", "longitude"),
    Alias::near_miss("AdditionalGeoLocation", "lng", "longitude"),
    Alias::near_miss("Location", "uid", "id"),
    Alias::near_miss("Connector", "uid", "id"),
    Alias::near_miss("Location", "timezone", "time_zone"),
    Alias::near_miss("Location", "opening_hours", "opening_times"),
];

pub static SPEC: VersionSpec = VersionSpec {
    version: Version::V2_1_1,
    spec_ref: "OCPI 2.1.1",
    location: &LOCATION,
    evse: &EVSE,
    connector: &CONNECTOR,
    tariff: &TARIFF,
    hours: &HOURS,
    energy_mix: &ENERGY_MIX,
    display_text: &DISPLAY_TEXT,
    version_info: &VERSION,
    version_details: &VERSION_DETAILS,
    ascii_strings: true,
    datetime_fractions: false,
    coordinate_decimals: (6, 6),
    aliases: ALIASES,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Card, Type};

    fn names(o: &ObjectSpec) -> Vec<&'static str> {
        o.fields.iter().map(|f| f.name).collect()
    }

    #[test]
    fn location_fields() {
        assert_eq!(
            names(&LOCATION),
            [
                "id",
                "type",
                "name",
                "address",
                "city",
                "postal_code",
                "country",
                "coordinates",
                "related_locations",
                "evses",
                "directions",
                "operator",
                "suboperator",
                "owner",
                "facilities",
                "time_zone",
                "opening_times",
                "charging_when_closed",
                "images",
                "energy_mix",
                "last_updated",
            ]
        );
        assert_eq!(LOCATION.fields.len(), 21);
        assert_eq!(LOCATION.field("time_zone").unwrap().card, Card::Optional);
        assert_eq!(LOCATION.field("postal_code").unwrap().card, Card::Required);
        assert!(matches!(
            LOCATION.field("address").unwrap().ty,
            Type::Str { max: Some(45), .. }
        ));
    }

    #[test]
    fn evse_fields() {
        assert_eq!(
            names(&EVSE),
            [
                "uid",
                "evse_id",
                "status",
                "status_schedule",
                "capabilities",
                "connectors",
                "floor_level",
                "coordinates",
                "physical_reference",
                "directions",
                "parking_restrictions",
                "images",
                "last_updated",
            ]
        );
        assert_eq!(EVSE.field("connectors").unwrap().card, Card::NonEmptyList);
    }

    #[test]
    fn connector_fields() {
        assert_eq!(
            names(&CONNECTOR),
            [
                "id",
                "standard",
                "format",
                "power_type",
                "voltage",
                "amperage",
                "tariff_id",
                "terms_and_conditions",
                "last_updated",
            ]
        );
    }

    #[test]
    fn tariff_fields() {
        assert_eq!(
            names(&TARIFF),
            [
                "id",
                "currency",
                "tariff_alt_text",
                "tariff_alt_url",
                "elements",
                "energy_mix",
                "last_updated",
            ]
        );
        assert_eq!(names(&PRICE_COMPONENT), ["type", "price", "step_size"]);
        assert_eq!(
            names(&TARIFF_RESTRICTIONS),
            [
                "start_time",
                "end_time",
                "start_date",
                "end_date",
                "min_kwh",
                "max_kwh",
                "min_power",
                "max_power",
                "min_duration",
                "max_duration",
                "day_of_week",
            ]
        );
    }

    #[test]
    fn hours_is_a_choice() {
        assert_eq!(HOURS.field("regular_hours").unwrap().card, Card::List);
        assert_eq!(HOURS.field("twentyfourseven").unwrap().card, Card::Optional);
    }

    #[test]
    fn enums() {
        assert_eq!(CONNECTOR_TYPE.values.len(), 25);
        assert!(CONNECTOR_TYPE.contains("IEC_60309_2_single_16"));
        assert_eq!(ENUMS.len(), 15);
        let open: Vec<&str> = ENUMS.iter().filter(|e| e.open).map(|e| e.name).collect();
        assert_eq!(open, ["ModuleID"]);
        for e in ENUMS {
            let mut v = e.values.to_vec();
            v.sort_unstable();
            v.dedup();
            assert_eq!(v.len(), e.values.len(), "duplicate value in {}", e.name);
        }
    }

    #[test]
    fn version_flags() {
        assert_eq!(SPEC.version, Version::V2_1_1);
        assert!(SPEC.ascii_strings);
        assert!(!SPEC.datetime_fractions);
        assert_eq!(SPEC.coordinate_decimals, (6, 6));
    }
}
