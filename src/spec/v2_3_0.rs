//! OCPI 2.3.0: the Locations, Tariffs and Versions modules as tables.
//!
//! Source: `ocpi/ocpi` branch `release-2.3.0-bugfixes` (= tag `v2.3.0`, "2.3.0 including
//! Payments", plus errata: `Location.address` string(255), `Location.state` string(45)). Field
//! order is the spec's order. `Tariff.preauthorize_amount` exists in 2.3.0 as released and in the
//! Payments package but not in edition 2 core; it is kept here as an optional field. The Bookings
//! package's `TariffRestrictions.booking` is not part of core and is not listed.
//!
//! Enums marked `open` are 2.3.0 OpenEnums: values outside the list are allowed (a warning).

use super::table::dsl::*;
use super::table::{EnumSpec, Format, ObjectSpec};
use super::{Version, VersionSpec};

// ---------------------------------------------------------------------------------------------
// Enums
// ---------------------------------------------------------------------------------------------

// Unchanged since 2.2.1 (same fields, types, cardinalities, section and referenced tables).
// `ModuleID` is an OpenEnum in 2.3.0 (2.3.0 packages use `payments`, `invoicereconciliation`
// and `Booking`); the 2.2.1 table is already open, so it is shared.
pub use super::v2_2_1::{
    CONNECTOR_FORMAT, DAY_OF_WEEK, ENERGY_SOURCE_CATEGORY, INTERFACE_ROLE, MODULE_ID, POWER_TYPE,
    RESERVATION_RESTRICTION_TYPE, STATUS, TARIFF_DIMENSION_TYPE, TARIFF_TYPE, TOKEN_TYPE,
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
    open: true,
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
    open: true,
};

pub static CONNECTOR_CAPABILITY: EnumSpec = EnumSpec {
    name: "ConnectorCapability",
    values: &[
        "ISO_15118_2_PLUG_AND_CHARGE",
        "ISO_15118_20_PLUG_AND_CHARGE",
    ],
    open: true,
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
        "MCS",
        "NEMA_5_20",
        "NEMA_6_30",
        "NEMA_6_50",
        "NEMA_10_30",
        "NEMA_10_50",
        "NEMA_14_30",
        "NEMA_14_50",
        "PANTOGRAPH_BOTTOM_UP",
        "PANTOGRAPH_TOP_DOWN",
        "SAE_J3400",
        "TESLA_R",
        "TESLA_S",
    ],
    open: true,
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
    open: true,
};

pub static IMAGE_CATEGORY: EnumSpec = EnumSpec {
    name: "ImageCategory",
    values: &[
        "CHARGER", "ENTRANCE", "LOCATION", "NETWORK", "OPERATOR", "OTHER", "OWNER",
    ],
    open: true,
};

pub static PARKING_RESTRICTION: EnumSpec = EnumSpec {
    name: "ParkingRestriction",
    values: &[
        "CUSTOMERS",
        "DISABLED",
        "EMPLOYEES",
        "EV_ONLY",
        "MOTORCYCLES",
        "PLUGGED",
        "TAXIS",
        "TENANTS",
    ],
    open: true,
};

pub static ENVIRONMENTAL_IMPACT_CATEGORY: EnumSpec = EnumSpec {
    name: "EnvironmentalImpactCategory",
    values: &["NUCLEAR_WASTE", "CARBON_DIOXIDE"],
    open: true,
};

pub static EVSE_POSITION: EnumSpec = EnumSpec {
    name: "EVSEPosition",
    values: &["LEFT", "RIGHT", "CENTER"],
    open: false,
};

pub static PARKING_DIRECTION: EnumSpec = EnumSpec {
    name: "ParkingDirection",
    values: &["PARALLEL", "PERPENDICULAR", "ANGLE"],
    open: false,
};

pub static VEHICLE_TYPE: EnumSpec = EnumSpec {
    name: "VehicleType",
    values: &[
        "MOTORCYCLE",
        "PERSONAL_VEHICLE",
        "PERSONAL_VEHICLE_WITH_TRAILER",
        "VAN",
        "SEMI_TRACTOR",
        "RIGID",
        "TRUCK_WITH_TRAILER",
        "BUS",
        "DISABLED",
    ],
    open: true,
};

pub static TAX_INCLUDED: EnumSpec = EnumSpec {
    name: "TaxIncluded",
    values: &["YES", "NO", "N/A"],
    open: false,
};

pub static VERSION_NUMBER: EnumSpec = EnumSpec {
    name: "VersionNumber",
    values: &["2.0", "2.1", "2.1.1", "2.2", "2.2.1", "2.3.0"],
    open: true,
};

// ---------------------------------------------------------------------------------------------
// Locations module
// ---------------------------------------------------------------------------------------------

// Unchanged since 2.2.1 (same fields, types, cardinalities, section and referenced tables).
pub use super::v2_2_1::{
    ADDITIONAL_GEO_LOCATION, DISPLAY_TEXT, ENERGY_SOURCE, EXCEPTIONAL_PERIOD, GEO_LOCATION, HOURS,
    PUBLISH_TOKEN_TYPE, REGULAR_HOURS, STATUS_SCHEDULE,
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
        list("parking_places", obj(&PARKING)),
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
        opt("help_phone", cistring_fmt(25, Format::Phone)),
        req("last_updated", DATETIME),
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
        list("parking", obj(&EVSE_PARKING)),
        list("images", obj(&IMAGE)),
        list("accepted_service_providers", string(50)),
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
        list("capabilities", en(&CONNECTOR_CAPABILITY)),
        req("last_updated", DATETIME),
    ],
};

pub static PARKING: ObjectSpec = ObjectSpec {
    name: "Parking",
    section: "mod_locations #Parking",
    fields: &[
        req("id", cistring(36)),
        opt("physical_reference", string(12)),
        list1("vehicle_types", en(&VEHICLE_TYPE)),
        opt("max_vehicle_weight", NUMBER),
        opt("max_vehicle_height", NUMBER),
        opt("max_vehicle_length", NUMBER),
        opt("max_vehicle_width", NUMBER),
        opt("parking_space_length", NUMBER),
        opt("parking_space_width", NUMBER),
        opt("dangerous_goods_allowed", BOOL),
        opt("direction", en(&PARKING_DIRECTION)),
        opt("drive_through", BOOL),
        req("restricted_to_type", BOOL),
        req("reservation_required", BOOL),
        opt("time_limit", NUMBER),
        opt("roofed", BOOL),
        list("images", obj(&IMAGE)),
        opt("lighting", BOOL),
        opt("refrigeration_outlet", BOOL),
        list("standards", cistring(36)),
        opt("apds_reference", cistring_any()),
    ],
};

pub static EVSE_PARKING: ObjectSpec = ObjectSpec {
    name: "EVSEParking",
    section: "mod_locations #EVSEParking",
    fields: &[
        req("parking_id", cistring(36)),
        opt("evse_position", en(&EVSE_POSITION)),
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

// Unchanged since 2.2.1 (same fields, types, cardinalities, section and referenced tables).
pub use super::v2_2_1::{PRICE_COMPONENT, TARIFF_ELEMENT, TARIFF_RESTRICTIONS};

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
        opt("min_price", obj(&PRICE_LIMIT)),
        opt("max_price", obj(&PRICE_LIMIT)),
        opt("preauthorize_amount", NUMBER),
        list1("elements", obj(&TARIFF_ELEMENT)),
        req("tax_included", en(&TAX_INCLUDED)),
        opt("start_date_time", DATETIME),
        opt("end_date_time", DATETIME),
        opt("energy_mix", obj(&ENERGY_MIX)),
        req("last_updated", DATETIME),
    ],
};

/// Used by `Tariff.min_price` / `max_price` in 2.3.0 (instead of `Price`).
pub static PRICE_LIMIT: ObjectSpec = ObjectSpec {
    name: "PriceLimit",
    section: "mod_tariffs #PriceLimit",
    fields: &[req("before_taxes", NUMBER), opt("after_taxes", NUMBER)],
};

/// 2.3.0 Price (Sessions / CDRs); not used by Locations or Tariffs, listed for completeness.
pub static PRICE: ObjectSpec = ObjectSpec {
    name: "Price",
    section: "types #Price",
    fields: &[req("before_taxes", NUMBER), list("taxes", obj(&TAX_AMOUNT))],
};

pub static TAX_AMOUNT: ObjectSpec = ObjectSpec {
    name: "TaxAmount",
    section: "types #TaxAmount",
    fields: &[
        req("name", string_any()),
        opt("account_number", string_any()),
        opt("percentage", NUMBER),
        req("amount", NUMBER),
    ],
};

// ---------------------------------------------------------------------------------------------
// Versions module
// ---------------------------------------------------------------------------------------------

// Unchanged since 2.2.1 (same fields, types, cardinalities, section and referenced tables).
pub use super::v2_2_1::ENDPOINT;

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

// ---------------------------------------------------------------------------------------------
// The version as a whole
// ---------------------------------------------------------------------------------------------

/// Every object of this version.
pub static OBJECTS: &[&ObjectSpec] = &[
    &LOCATION,
    &PUBLISH_TOKEN_TYPE,
    &EVSE,
    &CONNECTOR,
    &PARKING,
    &EVSE_PARKING,
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
    &PRICE_LIMIT,
    &PRICE,
    &TAX_AMOUNT,
    &VERSION,
    &VERSION_DETAILS,
    &ENDPOINT,
];

/// Every enum of this version.
pub static ENUMS: &[&EnumSpec] = &[
    &PARKING_TYPE,
    &STATUS,
    &CAPABILITY,
    &CONNECTOR_CAPABILITY,
    &CONNECTOR_FORMAT,
    &CONNECTOR_TYPE,
    &POWER_TYPE,
    &FACILITY,
    &IMAGE_CATEGORY,
    &PARKING_RESTRICTION,
    &ENERGY_SOURCE_CATEGORY,
    &ENVIRONMENTAL_IMPACT_CATEGORY,
    &TOKEN_TYPE,
    &EVSE_POSITION,
    &PARKING_DIRECTION,
    &VEHICLE_TYPE,
    &TARIFF_TYPE,
    &TARIFF_DIMENSION_TYPE,
    &DAY_OF_WEEK,
    &RESERVATION_RESTRICTION_TYPE,
    &TAX_INCLUDED,
    &VERSION_NUMBER,
    &MODULE_ID,
    &INTERFACE_ROLE,
];

/// 2.3.0 reads the same foreign names as 2.2.1.
pub use super::v2_2_1::ALIASES;

pub static SPEC: VersionSpec = VersionSpec {
    version: Version::V2_3_0,
    spec_ref: "OCPI 2.3.0",
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
                "parking_places",
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
                "help_phone",
                "last_updated",
            ]
        );
        assert_eq!(LOCATION.fields.len(), 28);
        assert_eq!(LOCATION.field("time_zone").unwrap().card, Card::Required);
        assert!(matches!(
            LOCATION.field("address").unwrap().ty,
            Type::Str { max: Some(255), .. }
        ));
        assert!(matches!(
            LOCATION.field("help_phone").unwrap().ty,
            Type::CiStr {
                max: Some(25),
                format: Format::Phone
            }
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
                "parking",
                "images",
                "accepted_service_providers",
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
                "capabilities",
                "last_updated",
            ]
        );
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
                "preauthorize_amount",
                "elements",
                "tax_included",
                "start_date_time",
                "end_date_time",
                "energy_mix",
                "last_updated",
            ]
        );
        assert_eq!(TARIFF.field("tax_included").unwrap().card, Card::Required);
        assert!(matches!(
            TARIFF.field("min_price").unwrap().ty,
            Type::Object(o) if o.name == "PriceLimit"
        ));
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
    fn parking_fields() {
        assert_eq!(PARKING.fields.len(), 21);
        assert_eq!(
            PARKING.field("vehicle_types").unwrap().card,
            Card::NonEmptyList
        );
        assert!(matches!(
            PARKING.field("apds_reference").unwrap().ty,
            Type::CiStr { max: None, .. }
        ));
        assert_eq!(names(&EVSE_PARKING), ["parking_id", "evse_position"]);
    }

    #[test]
    fn enums() {
        assert_eq!(CONNECTOR_TYPE.values.len(), 42);
        assert!(CONNECTOR_TYPE.contains("MCS"));
        assert!(CONNECTOR_TYPE.contains("SAE_J3400"));
        assert!(TAX_INCLUDED.contains("N/A"));
        assert!(VERSION_NUMBER.contains("2.3.0"));
        assert_eq!(ENUMS.len(), 24);
        let mut open: Vec<&str> = ENUMS.iter().filter(|e| e.open).map(|e| e.name).collect();
        open.sort_unstable();
        assert_eq!(
            open,
            [
                "Capability",
                "ConnectorCapability",
                "ConnectorType",
                "EnvironmentalImpactCategory",
                "Facility",
                "ImageCategory",
                "ModuleID",
                "ParkingRestriction",
                "ParkingType",
                "VehicleType",
                "VersionNumber",
            ]
        );
        for e in ENUMS {
            let mut v = e.values.to_vec();
            v.sort_unstable();
            v.dedup();
            assert_eq!(v.len(), e.values.len(), "duplicate value in {}", e.name);
        }
    }

    #[test]
    fn version_flags() {
        assert_eq!(SPEC.version, Version::V2_3_0);
        assert!(!SPEC.ascii_strings);
        assert!(SPEC.datetime_fractions);
        assert_eq!(SPEC.coordinate_decimals, (5, 7));
    }
}
