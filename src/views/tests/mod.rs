//! Tests of the regulation views on hand-made locations, read through the real reader
//! (`model::read_feed`) so that every pointer is a pointer into real JSON text.

mod afir;
mod uk;

use super::requirement::{Finding, Status};
use super::{LocationReport, Report};
use crate::model::{Feed, read_feed};
use crate::validate::Options;
use serde_json::{Value, json};

pub const LOCATIONS: &str = "locations.json";
pub const TARIFFS: &str = "tariffs.json";

/// A complete 2.2.1 location in the Netherlands: an AC point (22 kW, socket, tariff `AC`) and a
/// DC point (150 kW, cable, tariff `DC`).
pub fn nl_location() -> Value {
    json!({
        "country_code": "NL", "party_id": "ABC", "id": "LOC1", "publish": true,
        "name": "Utrecht Centraal", "address": "Stationsplein 1", "city": "Utrecht",
        "postal_code": "3511 ED", "country": "NLD",
        "coordinates": {"latitude": "52.089444", "longitude": "5.110278"},
        "operator": {"name": "Charge Co"}, "owner": {"name": "Charge Co B.V."},
        "facilities": ["CAFE", "TRAIN_STATION"],
        "time_zone": "Europe/Amsterdam",
        "opening_times": {"twentyfourseven": true},
        "energy_mix": {"is_green_energy": true},
        "evses": [
            {
                "uid": "E1", "evse_id": "NL*ABC*E1", "status": "AVAILABLE",
                "capabilities": ["RFID_READER", "CREDIT_CARD_PAYABLE", "CONTACTLESS_CARD_SUPPORT"],
                "connectors": [{
                    "id": "1", "standard": "IEC_62196_T2", "format": "SOCKET",
                    "power_type": "AC_3_PHASE", "max_voltage": 230, "max_amperage": 32,
                    "max_electric_power": 22000, "tariff_ids": ["AC"],
                    "last_updated": "2025-01-01T00:00:00Z"
                }],
                "floor_level": "0", "physical_reference": "1",
                "last_updated": "2025-01-01T00:00:00Z"
            },
            {
                "uid": "E2", "evse_id": "NL*ABC*E2", "status": "CHARGING",
                "capabilities": ["RFID_READER", "CHIP_CARD_SUPPORT", "CONTACTLESS_CARD_SUPPORT"],
                "connectors": [{
                    "id": "1", "standard": "IEC_62196_T2_COMBO", "format": "CABLE",
                    "power_type": "DC", "max_voltage": 920, "max_amperage": 250,
                    "max_electric_power": 150000, "tariff_ids": ["DC"],
                    "last_updated": "2025-01-01T00:00:00Z"
                }],
                "last_updated": "2025-01-01T00:00:00Z"
            }
        ],
        "last_updated": "2025-01-01T00:00:00Z"
    })
}

/// Ad hoc tariffs of [`nl_location`]: `AC` 0.35 EUR/kWh and `DC` 0.59 EUR/kWh + 6 EUR/h parking,
/// 21 % VAT, prices excluding VAT (2.2.1).
pub fn nl_tariffs() -> Vec<Value> {
    vec![
        json!({
            "country_code": "NL", "party_id": "ABC", "id": "AC", "currency": "EUR",
            "type": "AD_HOC_PAYMENT",
            "elements": [{"price_components": [{"type": "ENERGY", "price": 0.35, "vat": 21.0, "step_size": 1}]}],
            "last_updated": "2025-01-01T00:00:00Z"
        }),
        json!({
            "country_code": "NL", "party_id": "ABC", "id": "DC", "currency": "EUR",
            "type": "AD_HOC_PAYMENT",
            "elements": [{"price_components": [
                {"type": "ENERGY", "price": 0.59, "vat": 21.0, "step_size": 1},
                {"type": "PARKING_TIME", "price": 6.00, "vat": 21.0, "step_size": 60}
            ]}],
            "last_updated": "2025-01-01T00:00:00Z"
        }),
    ]
}

/// The same location as OCPI 2.3.0: the help phone, parking places and service providers that
/// 2.3.0 adds.
pub fn nl_location_230() -> Value {
    let mut l = nl_location();
    l["help_phone"] = json!("+31 0301234567");
    l["parking_places"] = json!([
        {"id": "P1", "vehicle_types": ["PERSONAL_VEHICLE", "VAN"], "reservation_required": false,
         "restricted_to_type": false, "roofed": true, "lighting": true,
         "max_vehicle_height": 210.0},
        {"id": "P2", "vehicle_types": ["DISABLED"], "reservation_required": false,
         "restricted_to_type": true, "roofed": false, "lighting": true}
    ]);
    l["evses"][0]["accepted_service_providers"] = json!(["Provider A"]);
    l["evses"][1]["connectors"][0]["capabilities"] = json!(["ISO_15118_2_PLUG_AND_CHARGE"]);
    l
}

/// 2.3.0 tariffs need `tax_included`.
pub fn tariffs_230(tariffs: Vec<Value>, tax_included: &str) -> Vec<Value> {
    tariffs
        .into_iter()
        .map(|mut t| {
            t["tax_included"] = json!(tax_included);
            t
        })
        .collect()
}

/// Reads locations (and tariffs, if any) as two files through the real reader.
pub fn feed(locations: &[Value], tariffs: &[Value]) -> Feed {
    let locations_bytes = serde_json::to_vec_pretty(&locations).unwrap();
    let tariffs_bytes = serde_json::to_vec_pretty(&tariffs).unwrap();
    let mut files: Vec<(&str, &[u8])> = vec![(LOCATIONS, &locations_bytes)];
    if !tariffs.is_empty() {
        files.push((TARIFFS, &tariffs_bytes));
    }
    let (_, feed) = read_feed(&files, |_| Options::default());
    assert_eq!(feed.locations.len(), locations.len());
    assert_eq!(feed.tariffs.len(), tariffs.len());
    feed
}

/// Applies `change` to a copy of `value`.
pub fn with(mut value: Value, change: impl FnOnce(&mut Value)) -> Value {
    change(&mut value);
    value
}

/// The finding `id` of the first location (station level).
pub fn station<'r>(report: &'r Report, id: &str) -> &'r Finding {
    only(report)
        .requirement(id)
        .unwrap_or_else(|| panic!("{id} not evaluated at station level"))
}

/// The finding `id` of EVSE `uid` of the first location.
pub fn point<'r>(report: &'r Report, uid: &str, id: &str) -> &'r Finding {
    only(report)
        .evses
        .iter()
        .find(|e| e.uid == uid)
        .unwrap_or_else(|| panic!("no EVSE {uid}"))
        .requirement(id)
        .unwrap_or_else(|| panic!("{id} not evaluated for EVSE {uid}"))
}

pub fn only(report: &Report) -> &LocationReport {
    assert_eq!(report.locations.len(), 1);
    &report.locations[0]
}

/// Asserts a status and that the reason says something, with the finding in the message.
pub fn assert_status(f: &Finding, status: Status) {
    assert_eq!(f.status, status, "{} {}: {}", f.id, f.value, f.reason);
    assert!(!f.reason.is_empty(), "{} has no reason", f.id);
}
