//! OCPI 2.2.1: the Locations, Tariffs and Versions modules as tables.
//!
//! Source: `ocpi/ocpi` branch `release-2.2.1-bugfixes` (`mod_locations.asciidoc`,
//! `mod_tariffs.asciidoc`, `types.asciidoc`, `version_information_endpoint.asciidoc`), including
//! the errata (`Location.address` string(255), `Location.state` string(45)). Field order is the
//! spec's order.

use super::table::dsl::*;
use super::table::{EnumSpec, Format, ObjectSpec};
use super::{Alias, Version, VersionSpec};

// ---------------------------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------------------------

// Unchanged since 2.1.1 (same fields, types, cardinalities, section and referenced tables).
pub use super::v2_1_1::{
    CONNECTOR_FORMAT, DAY_OF_WEEK, ENERGY_SOURCE_CATEGORY, ENVIRONMENTAL_IMPACT_CATEGORY,
    IMAGE_CATEGORY, PARKING_RESTRICTION, STATUS, TARIFF_DIMENSION_TYPE,
};

pub static PARKING_TYPE: EnumSpec = EnumSpec {
    name: "ParkingType",
    values: &[
        "ALONG_MOTORWAY",
        "PARKING_GARAGE",
        "PARKING_LOT",
        "ON_DRIVEWAY",
        "ON_STREET",
        "UNDERGROUND_GARAGE",
    ],
    open: false,
};

pub static CAPABILITY: EnumSpec = EnumSpec {
    name: "Capability",
    values: &[
        "CHARGING_PROFILE_CAPABLE",
        "CHARGING_PREFERENCES_CAPABLE",
        "CHIP_CARD_SUPPORT",
        "CONTACTLESS_CARD_SUPPORT",
        "CREDIT_CARD_PAYABLE",
        "DEBIT_CARD_PAYABLE",
        "PED_TERMINAL",
        "REMOTE_START_STOP_CAPABLE",
        "RESERVABLE",
        "RFID_READER",
        "START_SESSION_CONNECTOR_REQUIRED",
        "TOKEN_GROUP_CAPABLE",
        "UNLOCK_CAPABLE",
    ],
    open: false,
};

pub static CONNECTOR_TYPE: EnumSpec = EnumSpec {
    name: "ConnectorType",
    values: &[
        "CHADEMO",
        "CHAOJI",
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
        "DOMESTIC_M",
        "DOMESTIC_N",
        "DOMESTIC_O",
        "GBT_AC",
        "GBT_DC",
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
        "NEMA_5_20",
        "NEMA_6_30",
        "NEMA_6_50",
        "NEMA_10_30",
        "NEMA_10_50",
        "NEMA_14_30",
        "NEMA_14_50",
        "PANTOGRAPH_BOTTOM_UP",
        "PANTOGRAPH_TOP_DOWN",
        "TESLA_R",
        "TESLA_S",
    ],
    open: false,
};

pub static POWER_TYPE: EnumSpec = EnumSpec {
    name: "PowerType",
    values: &[
        "AC_1_PHASE",
        "AC_2_PHASE",
        "AC_2_PHASE_SPLIT",
        "AC_3_PHASE",
        "DC",
    ],
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
        "BIKE_SHARING",
        "BUS_STOP",
        "TAXI_STAND",
        "TRAM_STOP",
        "METRO_STATION",
        "TRAIN_STATION",
        "AIRPORT",
        "PARKING_LOT",
        "CARPOOL_PARKING",
        "FUEL_STATION",
        "WIFI",
    ],
    open: false,
};

pub static TOKEN_TYPE: EnumSpec = EnumSpec {
    name: "TokenType",
    values: &["AD_HOC_USER", "APP_USER", "OTHER", "RFID"],
    open: false,
};

pub static TARIFF_TYPE: EnumSpec = EnumSpec {
    name: "TariffType",
    values: &[
        "AD_HOC_PAYMENT",
        "PROFILE_CHEAP",
        "PROFILE_FAST",
        "PROFILE_GREEN",
        "REGULAR",
    ],
    open: false,
};

pub static RESERVATION_RESTRICTION_TYPE: EnumSpec = EnumSpec {
    name: "ReservationRestrictionType",
    values: &["RESERVATION", "RESERVATION_EXPIRES"],
    open: false,
};

pub static VERSION_NUMBER: EnumSpec = EnumSpec {
    name: "VersionNumber",
    values: &["2.0", "2.1", "2.1.1", "2.2", "2.2.1"],
    open: false,
};

/// Custom module ids are allowed by bilateral agreement, so unknown ids are only a warning.
pub static MODULE_ID: EnumSpec = EnumSpec {
    name: "ModuleID",
    values: &[
        "cdrs",
        "chargingprofiles",
        "commands",
        "credentials",
        "hubclientinfo",
        "locations",
        "sessions",
        "tariffs",
        "tokens",
    ],
    open: true,
};

pub static INTERFACE_ROLE: EnumSpec = EnumSpec {
    name: "InterfaceRole",
    values: &["SENDER", "RECEIVER"],
    open: false,
};

// ---------------------------------------------------------------------------------------------
// Locations module
// ---------------------------------------------------------------------------------------------

// Unchanged since 2.1.1 (same fields, types, cardinalities, section and referenced tables).
pub use super::v2_1_1::{
    ADDITIONAL_GEO_LOCATION, DISPLAY_TEXT, ENERGY_SOURCE, EXCEPTIONAL_PERIOD, GEO_LOCATION,
    REGULAR_HOURS, STATUS_SCHEDULE,
};

pub static LOCATION: ObjectSpec = ObjectSpec {
    name: "Location",
    section: "mod_locations #Location",
    fields: &[
        req("country_code", cistring_fmt(2, Format::CountryAlpha2)),
        req("party_id", cistring_fmt(3, Format::PartyId)),
        req("id", cistring(36)),
        req("publish", BOOL),
        list("publish_allowed_to", obj(&PUBLISH_TOKEN_TYPE)),
        opt("name", string(255)),
        req("address", string(255)),
        req("city", string(45)),
        opt("postal_code", string(10)),
        opt("state", string(45)),
        req("country", string_fmt(3, Format::CountryAlpha3)),
        req("coordinates", obj(&GEO_LOCATION)),
        list("related_locations", obj(&ADDITIONAL_GEO_LOCATION)),
        opt("parking_type", en(&PARKING_TYPE)),
        list("evses", obj(&EVSE)),
        list("directions", obj(&DISPLAY_TEXT)),
        opt("operator", obj(&BUSINESS_DETAILS)),
        opt("suboperator", obj(&BUSINESS_DETAILS)),
        opt("owner", obj(&BUSINESS_DETAILS)),
        list("facilities", en(&FACILITY)),
        req("time_zone", string_fmt(255, Format::TimeZone)),
        opt("opening_times", obj(&HOURS)),
        opt("charging_when_closed", BOOL),
        list("images", obj(&IMAGE)),
        opt("energy_mix", obj(&ENERGY_MIX)),
        req("last_updated", DATETIME),
    ],
};

pub static PUBLISH_TOKEN_TYPE: ObjectSpec = ObjectSpec {
    name: "PublishTokenType",
    section: "mod_locations #PublishTokenType",
    fields: &[
        opt("uid", cistring(36)),
        opt("type", en(&TOKEN_TYPE)),
        opt("visual_number", string(64)),
        opt("issuer", string(64)),
        opt("group_id", cistring(36)),
    ],
};

pub static EVSE: ObjectSpec = ObjectSpec {
    name: "EVSE",
    section: "mod_locations #EVSE",
    fields: &[
        req("uid", cistring(36)),
        opt("evse_id", cistring_fmt(48, Format::EvseId)),
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
        req("id", cistring(36)),
        req("standard", en(&CONNECTOR_TYPE)),
        req("format", en(&CONNECTOR_FORMAT)),
        req("power_type", en(&POWER_TYPE)),
        req("max_voltage", int()),
        req("max_amperage", int()),
        opt("max_electric_power", int()),
        list("tariff_ids", cistring(36)),
        opt("terms_and_conditions", URL),
        req("last_updated", DATETIME),
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
        req("type", cistring(4)),
        opt("width", int_digits(5)),
        opt("height", int_digits(5)),
    ],
};

pub static HOURS: ObjectSpec = ObjectSpec {
    name: "Hours",
    section: "mod_locations #Hours",
    fields: &[
        req("twentyfourseven", BOOL),
        list("regular_hours", obj(&REGULAR_HOURS)),
        list("exceptional_openings", obj(&EXCEPTIONAL_PERIOD)),
        list("exceptional_closings", obj(&EXCEPTIONAL_PERIOD)),
    ],
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

pub static ENVIRONMENTAL_IMPACT: ObjectSpec = ObjectSpec {
    name: "EnvironmentalImpact",
    section: "mod_locations #EnvironmentalImpact",
    fields: &[
        req("category", en(&ENVIRONMENTAL_IMPACT_CATEGORY)),
        req("amount", NUMBER),
    ],
};

// ---------------------------------------------------------------------------------------------
// Tariffs module
// ---------------------------------------------------------------------------------------------

pub static TARIFF: ObjectSpec = ObjectSpec {
    name: "Tariff",
    section: "mod_tariffs #Tariff",
    fields: &[
        req("country_code", cistring_fmt(2, Format::CountryAlpha2)),
        req("party_id", cistring_fmt(3, Format::PartyId)),
        req("id", cistring(36)),
        req("currency", string_fmt(3, Format::Currency)),
        opt("type", en(&TARIFF_TYPE)),
        list("tariff_alt_text", obj(&DISPLAY_TEXT)),
        opt("tariff_alt_url", URL),
        opt("min_price", obj(&PRICE)),
        opt("max_price", obj(&PRICE)),
        list1("elements", obj(&TARIFF_ELEMENT)),
        opt("start_date_time", DATETIME),
        opt("end_date_time", DATETIME),
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
        opt("vat", NUMBER),
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
        opt("min_current", NUMBER),
        opt("max_current", NUMBER),
        opt("min_power", NUMBER),
        opt("max_power", NUMBER),
        opt("min_duration", int()),
        opt("max_duration", int()),
        list("day_of_week", en(&DAY_OF_WEEK)),
        opt("reservation", en(&RESERVATION_RESTRICTION_TYPE)),
    ],
};

pub static PRICE: ObjectSpec = ObjectSpec {
    name: "Price",
    section: "types #Price",
    fields: &[req("excl_vat", NUMBER), opt("incl_vat", NUMBER)],
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
    fields: &[
        req("identifier", en(&MODULE_ID)),
        req("role", en(&INTERFACE_ROLE)),
        req("url", URL),
    ],
};

// ---------------------------------------------------------------------------------------------
// The version as a whole
// ---------------------------------------------------------------------------------------------

/// Every object of this version.
pub static OBJECTS: &[&ObjectSpec] = &[
    &LOCATION,
    &PUBLISH_TOKEN_TYPE,
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
    &PRICE,
    &VERSION,
    &VERSION_DETAILS,
    &ENDPOINT,
];

/// Every enum of this version.
pub static ENUMS: &[&EnumSpec] = &[
    &PARKING_TYPE,
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
    &TOKEN_TYPE,
    &TARIFF_TYPE,
    &TARIFF_DIMENSION_TYPE,
    &DAY_OF_WEEK,
    &RESERVATION_RESTRICTION_TYPE,
    &VERSION_NUMBER,
    &MODULE_ID,
    &INTERFACE_ROLE,
];

/// Names real feeds use for fields of this version: the 2.1.1 names of renamed fields (a 2.1.1
/// shape served under a 2.2.1 address), and common near misses. camelCase spellings are handled
/// generically by the walker.
pub static ALIASES: &[Alias] = &[
    // 2.1.1 names served under a 2.2.1 or 2.3.0 label.
    Alias::other_version("Connector", "voltage", "max_voltage"),
    Alias::other_version("Connector", "amperage", "max_amperage"),
    Alias::other_version("Connector", "tariff_id", "tariff_ids"),
    Alias::other_version("Location", "type", "parking_type"),
    Alias::other_version("EnvironmentalImpact", "source", "category"),
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
    version: Version::V2_2_1,
    spec_ref: "OCPI 2.2.1",
    location: &LOCATION,
    evse: &EVSE,
    connector: &CONNECTOR,
    tariff: &TARIFF,
    hours: &HOURS,
    energy_mix: &ENERGY_MIX,
    display_text: &DISPLAY_TEXT,
    version_info: &VERSION,
    version_details: &VERSION_DETAILS,
    ascii_strings: false,
    datetime_fractions: true,
    coordinate_decimals: (5, 7),
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
                "country_code",
                "party_id",
                "id",
                "publish",
                "publish_allowed_to",
                "name",
                "address",
                "city",
                "postal_code",
                "state",
                "country",
                "coordinates",
                "related_locations",
                "parking_type",
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
        assert_eq!(LOCATION.fields.len(), 26);
        assert_eq!(LOCATION.field("time_zone").unwrap().card, Card::Required);
        assert_eq!(LOCATION.field("postal_code").unwrap().card, Card::Optional);
        assert!(matches!(
            LOCATION.field("address").unwrap().ty,
            Type::Str { max: Some(255), .. }
        ));
        assert!(matches!(
            LOCATION.field("state").unwrap().ty,
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
                "max_voltage",
                "max_amperage",
                "max_electric_power",
                "tariff_ids",
                "terms_and_conditions",
                "last_updated",
            ]
        );
        assert_eq!(CONNECTOR.field("tariff_ids").unwrap().card, Card::List);
    }

    #[test]
    fn tariff_fields() {
        assert_eq!(
            names(&TARIFF),
            [
                "country_code",
                "party_id",
                "id",
                "currency",
                "type",
                "tariff_alt_text",
                "tariff_alt_url",
                "min_price",
                "max_price",
                "elements",
                "start_date_time",
                "end_date_time",
                "energy_mix",
                "last_updated",
            ]
        );
        assert_eq!(
            names(&PRICE_COMPONENT),
            ["type", "price", "vat", "step_size"]
        );
        assert_eq!(
            names(&TARIFF_RESTRICTIONS),
            [
                "start_time",
                "end_time",
                "start_date",
                "end_date",
                "min_kwh",
                "max_kwh",
                "min_current",
                "max_current",
                "min_power",
                "max_power",
                "min_duration",
                "max_duration",
                "day_of_week",
                "reservation",
            ]
        );
    }

    #[test]
    fn hours_twentyfourseven_required() {
        assert_eq!(HOURS.field("twentyfourseven").unwrap().card, Card::Required);
    }

    #[test]
    fn enums() {
        assert_eq!(CONNECTOR_TYPE.values.len(), 40);
        assert!(CONNECTOR_TYPE.contains("IEC_60309_2_single_16"));
        assert_eq!(ENUMS.len(), 19);
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
        assert_eq!(SPEC.version, Version::V2_2_1);
        assert!(!SPEC.ascii_strings);
        assert!(SPEC.datetime_fractions);
        assert_eq!(SPEC.coordinate_decimals, (5, 7));
    }
}
