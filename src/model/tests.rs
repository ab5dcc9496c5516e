//! The model built through the public entry: validate a document, then `build_feed`.

use super::*;
use crate::validate::{Options, validate_document};
use rust_decimal::Decimal;
use std::str::FromStr;

fn feed_of(path: &str, json: &str) -> Feed {
    let report = validate_document(path, json.as_bytes(), &Options::default());
    build_feed(&[report])
}

fn feed_as(path: &str, json: &str, version: Version) -> Feed {
    let options = Options {
        version: Some(version),
        ..Options::default()
    };
    let report = validate_document(path, json.as_bytes(), &options);
    build_feed(&[report])
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn ts(s: &str) -> jiff::Timestamp {
    s.parse().unwrap()
}

const LOCATION_211: &str = r#"{
  "data": [{
    "id": "LOC1",
    "type": "ON_STREET",
    "name": "Gent Zuid",
    "address": "F.Rooseveltlaan 3A",
    "city": "Gent",
    "postal_code": "9000",
    "country": "BEL",
    "coordinates": { "latitude": "51.047599", "longitude": "3.729944" },
    "evses": [{
      "uid": "3256",
      "evse_id": "BE-BEC-E041503001",
      "status": "AVAILABLE",
      "capabilities": ["RESERVABLE"],
      "connectors": [{
        "id": "1",
        "standard": "IEC_62196_T2",
        "format": "CABLE",
        "power_type": "AC_3_PHASE",
        "voltage": 230,
        "amperage": 32,
        "tariff_id": "11",
        "last_updated": "2015-03-16T10:10:02Z"
      }],
      "last_updated": "2015-06-28T08:12:01Z"
    }],
    "energy_mix": {
      "is_green_energy": false,
      "environ_impact": [{ "source": "CARBON_DIOXIDE", "amount": 372 }]
    },
    "opening_times": {
      "regular_hours": [{ "weekday": 1, "period_begin": "08:00", "period_end": "20:00" }],
      "twentyfourseven": false
    },
    "time_zone": "Europe/Brussels",
    "last_updated": "2015-06-29T20:39:09"
  }],
  "status_code": 1000,
  "timestamp": "2015-06-30T21:59:59Z"
}"#;

#[test]
fn location_2_1_1_is_normalised() {
    let feed = feed_of("locations-2.1.1.json", LOCATION_211);
    assert_eq!(feed.locations.len(), 1);
    let l = &feed.locations[0];
    assert_eq!(l.source.version, Version::V2_1_1);
    assert_eq!(l.source.file, "locations-2.1.1.json");
    assert_eq!(l.source.pointer, "/data/0");
    assert!(!l.source.has_errors, "{l:#?}");
    assert_eq!(l.id, "LOC1");
    assert!(l.publish, "2.1.1 has no publish field: public");
    assert!(!l.restricted_visibility);
    assert_eq!(l.parking_type.as_deref(), Some("ON_STREET"));
    assert_eq!(l.country_code, None);
    assert_eq!(l.postal_code.as_deref(), Some("9000"));
    assert_eq!(l.time_zone.as_deref(), Some("Europe/Brussels"));
    let c = l.coordinates.as_ref().unwrap();
    assert_eq!((c.lat, c.lon), (51.047599, 3.729944));
    assert_eq!(l.last_updated, Some(ts("2015-06-29T20:39:09Z")));
    assert!(l.charging_when_closed, "the spec's default");

    let evse = &l.evses[0];
    assert_eq!(evse.uid, "3256");
    assert_eq!(evse.status, EvseStatus::Available);
    assert_eq!(evse.capabilities, ["RESERVABLE"]);
    let connector = &evse.connectors[0];
    assert_eq!(connector.max_voltage, Some(230));
    assert_eq!(connector.max_amperage, Some(32));
    assert_eq!(connector.max_electric_power_w, None);
    assert_eq!(connector.tariff_ids, ["11"]);
    assert_eq!(connector.power_type, Some(PowerType::Ac3Phase));
    assert_eq!(connector.format, Some(ConnectorFormat::Cable));
    assert_eq!(connector.phases(), Some(3));

    let mix = l.energy_mix.as_ref().unwrap();
    assert_eq!(mix.environ_impact[0].category, "CARBON_DIOXIDE");
    assert_eq!(mix.environ_impact[0].amount, 372.0);

    let hours = l.opening_times.as_ref().unwrap();
    assert!(!hours.twentyfourseven);
    assert_eq!(hours.regular_hours[0].weekday, 1);
    assert_eq!(hours.regular_hours[0].period_begin, "08:00");

    // The serialised form uses the 2.2.1+ names only.
    let json = serde_json::to_value(l).unwrap();
    let connector = &json["evses"][0]["connectors"][0];
    assert_eq!(connector["max_voltage"], 230);
    assert_eq!(connector["tariff_ids"], serde_json::json!(["11"]));
    assert!(connector.get("voltage").is_none() && connector.get("tariff_id").is_none());
    assert!(json.get("type").is_none());
    assert_eq!(json["source"]["version"], "2.1.1");
    assert_eq!(json["last_updated"], "2015-06-29T20:39:09Z");
    assert_eq!(
        json["coordinates"],
        serde_json::json!({ "lat": 51.047599, "lon": 3.729944 })
    );
}

#[test]
fn location_type_other_reads_as_no_parking_type() {
    let json = LOCATION_211.replace(r#""type": "ON_STREET""#, r#""type": "OTHER""#);
    let feed = feed_of("l.json", &json);
    assert_eq!(feed.locations[0].parking_type, None);
    assert!(
        feed.locations[0].extra.is_empty(),
        "{:?}",
        feed.locations[0].extra
    );
}

const LOCATION_221: &str = r#"[{
  "country_code": "NL",
  "party_id": "ABC",
  "id": "LOC2",
  "publish": true,
  "name": "Garage",
  "address": "Stationsplein 1",
  "city": "Amsterdam",
  "country": "NLD",
  "coordinates": { "latitude": "52.37900", "longitude": "4.90000" },
  "parking_type": "PARKING_GARAGE",
  "evses": [
    {
      "uid": "E1",
      "evse_id": "NL*ABC*E1",
      "status": "CHARGING",
      "connectors": [
        { "id": "1", "standard": "IEC_62196_T2_COMBO", "format": "CABLE", "power_type": "DC",
          "max_voltage": 920, "max_amperage": 400, "max_electric_power": 150000,
          "tariff_ids": ["DC1", "ADHOC"], "last_updated": "2024-01-01T00:00:00Z" },
        { "id": "2", "standard": "CHADEMO", "format": "CABLE", "power_type": "DC",
          "max_voltage": 500, "max_amperage": 125,
          "last_updated": "2024-01-01T00:00:00Z" }
      ],
      "last_updated": "2024-01-01T00:00:00Z"
    },
    {
      "uid": "E2",
      "status": "REMOVED",
      "connectors": [
        { "id": "1", "standard": "IEC_62196_T2", "format": "SOCKET", "power_type": "AC_1_PHASE",
          "max_voltage": 230, "max_amperage": 16, "last_updated": "2024-01-01T00:00:00Z" }
      ],
      "last_updated": "2024-01-01T00:00:00Z"
    }
  ],
  "operator": { "name": "ABC Charging", "website": "https://abc.example" },
  "facilities": ["TRAIN_STATION"],
  "time_zone": "Europe/Amsterdam",
  "opening_times": {
    "twentyfourseven": true,
    "exceptional_closings": [
      { "period_begin": "2024-12-25T00:00:00Z", "period_end": "2024-12-26T00:00:00.5Z" }
    ]
  },
  "last_updated": "2024-01-01T00:00:00.25Z"
}]"#;

#[test]
fn location_2_2_1() {
    let feed = feed_of("locations.json", LOCATION_221);
    let l = &feed.locations[0];
    assert_eq!(l.source.version, Version::V2_2_1);
    assert!(!l.source.has_errors);
    assert_eq!(l.country_code.as_deref(), Some("NL"));
    assert_eq!(l.party_id.as_deref(), Some("ABC"));
    assert_eq!(l.parking_type.as_deref(), Some("PARKING_GARAGE"));
    assert_eq!(l.operator.as_ref().unwrap().name, "ABC Charging");
    assert_eq!(l.facilities, ["TRAIN_STATION"]);
    assert_eq!(l.postal_code, None);
    assert_eq!(l.evses.len(), 2);
    assert_eq!(
        l.evses_in_service()
            .map(|e| e.uid.as_str())
            .collect::<Vec<_>>(),
        ["E1"]
    );

    let dc = &l.evses[0];
    assert_eq!(dc.connectors[0].tariff_ids, ["DC1", "ADHOC"]);
    assert_eq!(
        dc.connectors[0].power_w(),
        Some(150_000),
        "max_electric_power wins"
    );
    assert_eq!(dc.connectors[1].power_w(), Some(62_500), "DC: V × A");
    assert_eq!(dc.connectors[1].phases(), None);
    assert_eq!(dc.max_power_w(), Some(150_000));
    assert_eq!(l.evses[1].max_power_w(), Some(3680));
    assert_eq!(
        l.max_power_w(),
        Some(150_000),
        "the removed EVSE does not count"
    );

    let hours = l.opening_times.as_ref().unwrap();
    assert!(hours.twentyfourseven);
    assert_eq!(
        hours.exceptional_closings[0].period_begin,
        ts("2024-12-25T00:00:00Z")
    );
    let json = serde_json::to_value(l).unwrap();
    assert_eq!(
        json["opening_times"]["exceptional_closings"][0]["period_end"],
        "2024-12-26T00:00:00.5Z"
    );
    assert_eq!(json["last_updated"], "2024-01-01T00:00:00.25Z");
    assert_eq!(
        json["evses"][0]["connectors"][0]["max_electric_power"],
        150000
    );
    assert_eq!(json["evses"][0]["status"], "CHARGING");
}

#[test]
fn power_from_voltage_amperage_and_phases() {
    let feed = feed_of("l.json", LOCATION_211);
    let connector = &feed.locations[0].evses[0].connectors[0];
    assert_eq!(
        connector.power_w(),
        Some(22_080),
        "AC_3_PHASE 230 V × 32 A × 3"
    );
    assert_eq!(feed.locations[0].evses[0].max_power_w(), Some(22_080));

    let mut c = connector.clone();
    c.power_type = Some(PowerType::Ac2PhaseSplit);
    assert_eq!((c.phases(), c.power_w()), (Some(2), Some(14_720)));
    c.power_type = Some(PowerType::Other("AC_4_PHASE".into()));
    assert_eq!(c.power_w(), None);
    c.power_type = None;
    assert_eq!(c.power_w(), None);
    c.max_electric_power_w = Some(11_000);
    assert_eq!(c.power_w(), Some(11_000));
    c.max_electric_power_w = None;
    c.power_type = Some(PowerType::Dc);
    c.max_voltage = Some(u32::MAX);
    c.max_amperage = Some(u32::MAX);
    assert_eq!(
        c.power_w(),
        None,
        "overflow gives no power, not a wrong one"
    );
}

const LOCATION_230: &str = r#"{"data": [{
  "country_code": "DE",
  "party_id": "XYZ",
  "id": "LOC3",
  "publish": true,
  "address": "Hauptstraße 1",
  "city": "Berlin",
  "postal_code": "10115",
  "country": "DEU",
  "coordinates": { "latitude": "52.52000", "longitude": "13.40500" },
  "parking_type": "ALONG_MOTORWAY",
  "help_phone": "+49301234567",
  "parking_places": [{
    "id": "P1",
    "vehicle_types": ["PERSONAL_VEHICLE", "DISABLED"],
    "restricted_to_type": false,
    "reservation_required": false,
    "max_vehicle_height": 210.5,
    "direction": "PERPENDICULAR",
    "roofed": true
  }],
  "evses": [{
    "uid": "E1",
    "evse_id": "DE*XYZ*E1",
    "status": "AVAILABLE",
    "parking": [{ "parking_id": "P1", "evse_position": "LEFT" }],
    "accepted_service_providers": ["Provider A"],
    "connectors": [{
      "id": "1", "standard": "IEC_62196_T2", "format": "SOCKET", "power_type": "AC_3_PHASE",
      "max_voltage": 230, "max_amperage": 16, "capabilities": ["ISO_15118_2_PLUG_AND_CHARGE"],
      "tariff_ids": ["T1"], "last_updated": "2025-03-01T00:00:00Z"
    }],
    "energy_meter": { "meter_id": "M-1", "public_key": "abc" },
    "transparency_software": "https://transparenz.example/safe",
    "calibration_info_url": "https://example.com/eichrecht",
    "x_vendor_flag": { "a": [1, 2.50] },
    "last_updated": "2025-03-01T00:00:00Z"
  }],
  "time_zone": "Europe/Berlin",
  "custom_rating": 4.5,
  "last_updated": "2025-03-01T00:00:00Z"
}]}"#;

#[test]
fn location_2_3_0_with_parking_and_help_phone() {
    let feed = feed_of("locations.json", LOCATION_230);
    let l = &feed.locations[0];
    assert_eq!(l.source.version, Version::V2_3_0);
    assert!(!l.source.has_errors);
    assert_eq!(l.help_phone.as_deref(), Some("+49301234567"));
    assert_eq!(l.parking_type.as_deref(), Some("ALONG_MOTORWAY"));
    let p = &l.parking_places[0];
    assert_eq!(p.id, "P1");
    assert_eq!(p.vehicle_types, ["PERSONAL_VEHICLE", "DISABLED"]);
    assert_eq!(p.max_vehicle_height, Some(210.5));
    assert_eq!(p.direction.as_deref(), Some("PERPENDICULAR"));
    assert_eq!(p.roofed, Some(true));
    assert!(!p.restricted_to_type && !p.reservation_required);
    let evse = &l.evses[0];
    assert_eq!(evse.parking[0].parking_id, "P1");
    assert_eq!(evse.parking[0].evse_position.as_deref(), Some("LEFT"));
    assert_eq!(evse.accepted_service_providers, ["Provider A"]);
    assert_eq!(
        evse.connectors[0].capabilities,
        ["ISO_15118_2_PLUG_AND_CHARGE"]
    );
    assert_eq!(evse.connectors[0].power_w(), Some(11_040));
}

#[test]
fn calibration_fields_are_typed_and_unknown_fields_kept() {
    let feed = feed_of("locations.json", LOCATION_230);
    let l = &feed.locations[0];
    let evse = &l.evses[0];
    let law = evse.calibration.as_ref().expect("calibration read");
    assert_eq!(
        law.energy_meter,
        Some(serde_json::json!({ "meter_id": "M-1", "public_key": "abc" }))
    );
    assert_eq!(
        law.transparency_software,
        Some(serde_json::json!("https://transparenz.example/safe"))
    );
    assert_eq!(
        law.calibration_info_url.as_deref(),
        Some("https://example.com/eichrecht")
    );
    // Vendor extensions are not also in `extra`; other unknown fields are, as they were.
    assert_eq!(evse.extra.len(), 1, "{:?}", evse.extra);
    assert_eq!(
        evse.extra["x_vendor_flag"],
        serde_json::json!({ "a": [1, 2.50] })
    );
    assert_eq!(l.extra.len(), 1);
    assert_eq!(l.extra["custom_rating"], serde_json::json!(4.5));
    assert_eq!(l.calibration, None);
    assert_eq!(evse.connectors[0].calibration, None);

    let json = serde_json::to_value(l).unwrap();
    assert_eq!(
        json["custom_rating"],
        serde_json::Value::Null,
        "extra is its own member, not flattened"
    );
    assert_eq!(json["extra"]["custom_rating"], 4.5);
    assert_eq!(
        json["evses"][0]["calibration"]["calibration_info_url"],
        "https://example.com/eichrecht"
    );
    assert!(json["evses"][0]["extra"].get("energy_meter").is_none());
}

#[test]
fn calibration_on_a_connector_and_a_non_string_url() {
    let json = LOCATION_230
        .replace(
            r#""capabilities": ["ISO_15118_2_PLUG_AND_CHARGE"],"#,
            r#""energy_meter": "EMH-123","#,
        )
        .replace(
            r#""calibration_info_url": "https://example.com/eichrecht","#,
            r#""calibration_info_url": 17,"#,
        );
    let feed = feed_of("l.json", &json);
    let evse = &feed.locations[0].evses[0];
    let on_connector = evse.connectors[0].calibration.as_ref().unwrap();
    assert_eq!(
        on_connector.energy_meter,
        Some(serde_json::json!("EMH-123"))
    );
    let on_evse = evse.calibration.as_ref().unwrap();
    assert_eq!(on_evse.calibration_info_url, None);
    assert_eq!(
        evse.extra["calibration_info_url"],
        serde_json::json!(17),
        "not a URL: kept as it was"
    );
}

#[test]
fn fields_of_another_version_stay_unknown() {
    // help_phone is a 2.3.0 field: under 2.2.1 it was not checked, so it is not read as one.
    let json = LOCATION_221.replace(
        r#""name": "Garage","#,
        r#""name": "Garage", "help_phone": "+31 20 1234567","#,
    );
    let feed = feed_as("l.json", &json, Version::V2_2_1);
    let l = &feed.locations[0];
    assert_eq!(l.help_phone, None);
    assert_eq!(l.extra["help_phone"], serde_json::json!("+31 20 1234567"));
}

const BROKEN_AND_GOOD: &str = r#"[
  {
    "country_code": "NL", "party_id": "ABC", "id": 12345, "publish": "yes please",
    "address": null, "city": "Utrecht", "country": "NLD",
    "coordinates": { "latitude": "north", "longitude": "5.1" },
    "evses": [
      { "evse_id": "NL*ABC*E9", "status": "FAULTED",
        "connectors": [{ "id": "1", "standard": "IEC_62196_T2", "power_type": "AC_9_PHASE", "max_voltage": "230 V" }] },
      "not an evse"
    ],
    "time_zone": "Mars/Olympus_Mons",
    "opening_times": { "twentyfourseven": false, "regular_hours": [{ "weekday": 9, "period_begin": "08:00", "period_end": "18:00" }] },
    "last_updated": "last tuesday"
  },
  {
    "country_code": "NL", "party_id": "ABC", "id": "GOOD", "publish": true,
    "address": "Oudegracht 1", "city": "Utrecht", "country": "NLD",
    "coordinates": { "latitude": "52.09000", "longitude": "5.12000" },
    "time_zone": "Europe/Amsterdam", "last_updated": "2024-05-01T12:00:00Z"
  }
]"#;

#[test]
fn a_broken_location_next_to_a_good_one() {
    let feed = feed_as("l.json", BROKEN_AND_GOOD, Version::V2_2_1);
    assert_eq!(feed.locations.len(), 2);
    let broken = &feed.locations[0];
    let good = &feed.locations[1];
    assert!(broken.source.has_errors);
    assert!(!good.source.has_errors, "{good:#?}");
    assert_eq!(good.id, "GOOD");
    assert!(good.coordinates.is_some());

    assert_eq!(broken.id, "12345", "integer ids are coerced by the walk");
    assert!(
        broken.publish,
        "unreadable publish, no publish_allowed_to: public"
    );
    assert_eq!(broken.address, "");
    assert_eq!(broken.coordinates, None);
    assert_eq!(broken.time_zone, None);
    assert_eq!(broken.last_updated, None);
    assert_eq!(
        broken.evses.len(),
        1,
        "a non-object in the list is not an EVSE"
    );
    let evse = &broken.evses[0];
    assert_eq!(evse.uid, "NL*ABC*E9", "uid falls back to evse_id");
    assert_eq!(evse.status, EvseStatus::Unknown);
    assert_eq!(evse.last_updated, None);
    let c = &evse.connectors[0];
    assert_eq!(c.format, None);
    assert_eq!(c.power_type, None);
    assert_eq!(c.max_voltage, None);
    assert_eq!(c.power_w(), None);
    let hours = broken.opening_times.as_ref().unwrap();
    assert!(hours.regular_hours.is_empty(), "weekday 9 does not exist");
    serde_json::to_string(&feed).unwrap();
}

#[test]
fn unpublished_location_never_carries_publish_allowed_to() {
    let json = r#"[{
      "country_code": "NL", "party_id": "ABC", "id": "PRIV", "publish": false,
      "publish_allowed_to": [
        { "uid": "04A1B2C3D4E5F6", "type": "RFID" },
        { "visual_number": "NL-ABC-123456-7", "issuer": "Fleet Co" }
      ],
      "address": "Privéweg 1", "city": "Delft", "country": "NLD",
      "coordinates": { "latitude": "52.01100", "longitude": "4.35700" },
      "time_zone": "Europe/Amsterdam", "last_updated": "2024-05-01T12:00:00Z",
      "evses": [{ "uid": "E", "status": "AVAILABLE", "last_updated": "2024-05-01T12:00:00Z",
        "connectors": [{ "id": "1", "standard": "IEC_62196_T2", "format": "SOCKET", "power_type": "AC_1_PHASE",
          "max_voltage": 230, "max_amperage": 16, "last_updated": "2024-05-01T12:00:00Z" }],
        "x_meta": { "publish_allowed_to": [{ "uid": "04A1B2C3D4E5F6" }], "keep": 1 } }]
    }]"#;
    let feed = feed_of("l.json", json);
    let l = &feed.locations[0];
    assert!(!l.publish);
    assert!(!l.is_public());
    assert!(l.restricted_visibility);
    assert_eq!(l.evses[0].extra["x_meta"], serde_json::json!({ "keep": 1 }));
    let out = serde_json::to_string(&feed).unwrap();
    for secret in [
        "publish_allowed_to",
        "04A1B2C3D4E5F6",
        "NL-ABC-123456-7",
        "Fleet Co",
    ] {
        assert!(!out.contains(secret), "{secret} leaked: {out}");
    }

    // The same under 2.1.1, where publish and publish_allowed_to are not fields at all.
    let feed = feed_as("l.json", json, Version::V2_1_1);
    let l = &feed.locations[0];
    assert!(
        !l.publish,
        "a 2.1.1 reading must not show what the data hides"
    );
    assert!(l.restricted_visibility);
    assert!(!l.extra.contains_key("publish"));
    let out = serde_json::to_string(&feed).unwrap();
    assert!(
        !out.contains("publish_allowed_to") && !out.contains("04A1B2C3D4E5F6"),
        "{out}"
    );

    // publish missing, but publish_allowed_to given: not public.
    let missing = json.replace(r#""publish": false,"#, "");
    let feed = feed_as("l.json", &missing, Version::V2_2_1);
    assert!(!feed.locations[0].publish);
}

const TARIFF_211: &str = r#"[{
  "id": "12",
  "currency": "EUR",
  "tariff_alt_text": [{ "language": "en", "text": "2 euro p/hour" }],
  "elements": [{
    "price_components": [{ "type": "TIME", "price": 2.00, "step_size": 300 }],
    "restrictions": { "start_time": "08:00", "end_time": "18:00", "min_power": 11.5, "max_duration": 7200,
                      "day_of_week": ["MONDAY", "FRIDAY"] }
  }],
  "last_updated": "2015-06-29T20:39:09Z"
}]"#;

#[test]
fn tariff_2_1_1() {
    let feed = feed_of("tariffs.json", TARIFF_211);
    let t = &feed.tariffs[0];
    assert_eq!(t.source.version, Version::V2_1_1);
    assert!(!t.source.has_errors);
    assert_eq!(t.id, "12");
    assert_eq!(t.currency, "EUR");
    assert_eq!(t.tax_included, TaxIncluded::No, "2.1.1 prices exclude VAT");
    assert_eq!(t.tariff_alt_text[0].text, "2 euro p/hour");
    let c = &t.elements[0].price_components[0];
    assert_eq!(c.dimension, DimensionType::Time);
    assert_eq!(c.price, dec("2"));
    assert_eq!(c.vat, None);
    assert_eq!(c.step_size, 300);
    let r = t.elements[0].restrictions.as_ref().unwrap();
    assert_eq!(r.start_time.as_deref(), Some("08:00"));
    assert_eq!(r.min_power, Some(dec("11.5")));
    assert_eq!(r.max_duration, Some(7200));
    assert_eq!(r.day_of_week, [DayOfWeek::Monday, DayOfWeek::Friday]);
    assert!(!t.is_free());
    let json = serde_json::to_value(t).unwrap();
    assert_eq!(json["elements"][0]["price_components"][0]["price"], "2.00");
    assert_eq!(json["elements"][0]["price_components"][0]["type"], "TIME");
    assert_eq!(json["elements"][0]["restrictions"]["min_power"], "11.5");
    assert_eq!(json["tax_included"], "NO");
}

const TARIFF_221: &str = r#"{"data": [{
  "country_code": "DE", "party_id": "ALL", "id": "AD_HOC",
  "currency": "EUR",
  "type": "AD_HOC_PAYMENT",
  "min_price": { "excl_vat": 0.50, "incl_vat": 0.60 },
  "max_price": { "excl_vat": 20 },
  "elements": [
    { "price_components": [
        { "type": "ENERGY", "price": 0.2500, "vat": 19.0, "step_size": 1 },
        { "type": "PARKING_TIME", "price": 1.0000, "vat": 19, "step_size": 60 }
      ],
      "restrictions": { "min_kwh": 0.0, "max_kwh": 50.5, "min_current": 16 } },
    { "price_components": [{ "type": "TIME", "price": 3, "step_size": 60 }],
      "restrictions": { "reservation": "RESERVATION" } }
  ],
  "start_date_time": "2024-01-01T00:00:00Z",
  "last_updated": "2024-01-01T00:00:00Z"
}]}"#;

#[test]
fn tariff_2_2_1_price_limits_vat_and_exact_money() {
    let feed = feed_of("tariffs.json", TARIFF_221);
    let t = &feed.tariffs[0];
    assert_eq!(t.source.version, Version::V2_2_1);
    assert!(!t.source.has_errors, "{t:#?}");
    assert_eq!(t.tariff_type, Some(TariffType::AdHocPayment));
    assert_eq!(t.tax_included, TaxIncluded::No, "2.2.1 prices exclude VAT");
    let min = t.min_price.as_ref().unwrap();
    assert_eq!(
        (min.before_taxes, min.after_taxes),
        (dec("0.5"), Some(dec("0.6")))
    );
    let max = t.max_price.as_ref().unwrap();
    assert_eq!((max.before_taxes, max.after_taxes), (dec("20"), None));
    let energy = &t.elements[0].price_components[0];
    assert_eq!(energy.price, dec("0.25"));
    assert_eq!(
        energy.price.to_string(),
        "0.2500",
        "the data's digits are kept"
    );
    assert_eq!(energy.vat, Some(dec("19")));
    let r = t.elements[0].restrictions.as_ref().unwrap();
    assert_eq!(r.min_kwh, Some(Decimal::ZERO));
    assert_eq!(r.max_kwh, Some(dec("50.5")));
    assert_eq!(r.min_current, Some(dec("16")));
    assert_eq!(r.reservation, None);
    let reservation = t.elements[1].restrictions.as_ref().unwrap();
    assert_eq!(
        reservation.reservation,
        Some(ReservationRestriction::Reservation)
    );
    assert_eq!(t.elements[1].price_components[0].vat, None);
    assert_eq!(t.start_date_time, Some(ts("2024-01-01T00:00:00Z")));

    let json = serde_json::to_value(t).unwrap();
    assert_eq!(
        json["elements"][0]["price_components"][0]["price"], "0.2500",
        "money is a string, as given"
    );
    assert_eq!(json["elements"][0]["price_components"][0]["vat"], "19.0");
    assert_eq!(
        json["min_price"],
        serde_json::json!({ "before_taxes": "0.50", "after_taxes": "0.60" })
    );
    assert_eq!(
        json["max_price"],
        serde_json::json!({ "before_taxes": "20" })
    );
    assert_eq!(json["type"], "AD_HOC_PAYMENT");
    let text = serde_json::to_string(t).unwrap();
    assert!(!text.contains("excl_vat") && !text.contains("incl_vat"));
}

const TARIFF_230: &str = r#"[{
  "country_code": "US", "party_id": "CPO", "id": "T1",
  "currency": "USD",
  "min_price": { "before_taxes": 1.00, "after_taxes": 1.09 },
  "preauthorize_amount": 50,
  "tax_included": "N/A",
  "elements": [
    { "price_components": [{ "type": "FLAT", "price": 0, "step_size": 1 }] },
    { "price_components": [{ "type": "ENERGY", "price": 0.0, "vat": 0, "step_size": 1 }] }
  ],
  "last_updated": "2025-02-21T00:00:00Z"
}]"#;

#[test]
fn tariff_2_3_0_tax_included_and_price_limit() {
    let feed = feed_of("tariffs.json", TARIFF_230);
    let t = &feed.tariffs[0];
    assert_eq!(t.source.version, Version::V2_3_0);
    assert!(!t.source.has_errors, "{t:#?}");
    assert_eq!(t.tax_included, TaxIncluded::NotApplicable);
    let min = t.min_price.as_ref().unwrap();
    assert_eq!(
        (min.before_taxes, min.after_taxes),
        (dec("1"), Some(dec("1.09")))
    );
    assert_eq!(t.preauthorize_amount, Some(dec("50")));
    assert_eq!(
        t.elements[1].price_components[0].vat,
        Some(Decimal::ZERO),
        "0 % VAT is not 'no VAT'"
    );
    assert!(
        !t.is_free(),
        "every price is 0, but the minimum price is not"
    );
    let json = serde_json::to_value(t).unwrap();
    assert_eq!(json["tax_included"], "N/A");
    assert_eq!(json["preauthorize_amount"], "50");

    let free = TARIFF_230.replace(
        r#""min_price": { "before_taxes": 1.00, "after_taxes": 1.09 },"#,
        "",
    );
    let t = &feed_of("t.json", &free).tariffs[0];
    assert!(t.is_free());
    assert_eq!(t.min_price, None);
}

#[test]
fn tariff_without_components_is_not_free_and_keeps_defaults() {
    let json = r#"[{ "country_code": "NL", "party_id": "ABC", "id": "X", "currency": null,
                     "tax_included": "MAYBE", "elements": [{ "price_components": [{ "type": "ENERGY", "price": "lots" }] }],
                     "last_updated": "2025-02-21T00:00:00Z" }]"#;
    let feed = feed_as("t.json", json, Version::V2_3_0);
    let t = &feed.tariffs[0];
    assert!(t.source.has_errors);
    assert_eq!(t.currency, "");
    assert_eq!(t.tax_included, TaxIncluded::No);
    assert_eq!(t.elements.len(), 1);
    assert!(
        t.elements[0].price_components.is_empty(),
        "a component without a price cannot be priced"
    );
    assert!(!t.is_free());
}

#[test]
fn reports_of_other_kinds_add_nothing_and_files_are_named() {
    let versions = r#"{"data": [{"version": "2.2.1", "url": "https://example.com/ocpi/2.2.1"}], "status_code": 1000}"#;
    let reports = crate::validate::validate_files(
        &[
            ("versions.json", versions.as_bytes()),
            ("a.json", LOCATION_221.as_bytes()),
            ("b.json", TARIFF_221.as_bytes()),
            ("c.json", b"not json at all"),
        ],
        &Options::default(),
    );
    let feed = build_feed(&reports);
    assert_eq!(feed.locations.len(), 1);
    assert_eq!(feed.tariffs.len(), 1);
    assert_eq!(feed.locations[0].source.file, "a.json");
    assert_eq!(feed.tariffs[0].source.file, "b.json");
    assert_eq!(feed.tariff("AD_HOC").map(|t| t.id.as_str()), Some("AD_HOC"));
}

#[test]
fn serialised_feed_reads_back_the_same() {
    for (json, version) in [
        (LOCATION_211, None),
        (LOCATION_221, None),
        (LOCATION_230, None),
        (BROKEN_AND_GOOD, Some(Version::V2_2_1)),
        (TARIFF_211, None),
        (TARIFF_221, None),
        (TARIFF_230, None),
    ] {
        let feed = match version {
            Some(v) => feed_as("f.json", json, v),
            None => feed_of("f.json", json),
        };
        let text = serde_json::to_string(&feed).unwrap();
        let back: Feed = serde_json::from_str(&text).unwrap();
        assert_eq!(back, feed, "{text}");
    }
}

#[test]
fn top_level_shape() {
    let feed = feed_of("l.json", LOCATION_221);
    let json = serde_json::to_value(&feed).unwrap();
    assert!(json["locations"].is_array() && json["tariffs"].is_array());
    let source = &json["locations"][0]["source"];
    assert_eq!(
        *source,
        serde_json::json!({ "file": "l.json", "pointer": "/0", "version": "2.2.1", "has_errors": false })
    );
    // Empty lists and absent values are left out.
    let evse = &json["locations"][0]["evses"][1];
    assert!(
        evse.get("evse_id").is_none()
            && evse.get("images").is_none()
            && evse.get("extra").is_none()
    );
}

/// Every value of every document above replaced, one at a time, by values of the wrong kind:
/// the conversion never panics, and every item still comes out.
#[test]
fn no_value_of_any_shape_breaks_the_conversion() {
    fn paths(v: &serde_json::Value, at: &mut Vec<String>, out: &mut Vec<String>) {
        if !at.is_empty() {
            out.push(format!("/{}", at.join("/")));
        }
        match v {
            serde_json::Value::Object(map) => {
                for (k, child) in map {
                    at.push(k.replace('~', "~0").replace('/', "~1"));
                    paths(child, at, out);
                    at.pop();
                }
            }
            serde_json::Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    at.push(i.to_string());
                    paths(child, at, out);
                    at.pop();
                }
            }
            _ => {}
        }
    }
    let junk = [
        serde_json::json!(null),
        serde_json::json!(""),
        serde_json::json!("x"),
        serde_json::json!(-1),
        serde_json::json!(1.5),
        serde_json::json!(true),
        serde_json::json!([]),
        serde_json::json!({}),
        serde_json::json!([{}]),
    ];
    let docs = [
        LOCATION_211,
        LOCATION_221,
        LOCATION_230,
        BROKEN_AND_GOOD,
        TARIFF_211,
        TARIFF_221,
        TARIFF_230,
    ];
    for doc in docs {
        let original: serde_json::Value = serde_json::from_str(doc).unwrap();
        let expected = {
            let f = feed_of("d.json", doc);
            f.locations.len() + f.tariffs.len()
        };
        let mut all = Vec::new();
        paths(&original, &mut Vec::new(), &mut all);
        // Every path below an item (the items themselves and the envelope stay).
        let below_item = |p: &&String| {
            let parts: Vec<&str> = p.split('/').skip(1).collect();
            match parts.as_slice() {
                ["data", n, _, ..] | [n, _, ..] => n.parse::<usize>().is_ok(),
                _ => false,
            }
        };
        for path in all.iter().filter(below_item) {
            for value in &junk {
                let mut changed = original.clone();
                *changed.pointer_mut(path).unwrap() = value.clone();
                let text = changed.to_string();
                for version in Version::ALL {
                    let feed = feed_as("d.json", &text, version);
                    assert_eq!(
                        feed.locations.len() + feed.tariffs.len(),
                        expected,
                        "{path} = {value} as {version}"
                    );
                    serde_json::to_string(&feed).unwrap();
                }
            }
        }
    }
}
