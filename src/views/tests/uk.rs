//! UK requirements, each with data that passes and data that does not.

use super::*;
use crate::views::data_requirement::DataRequirement;
use crate::views::reliability::{Reading, StatusSeries, measure};
use crate::views::uk::{RAPID_W, UkInputs, definitions, evaluate_feed};
use crate::views::{Level, facts::SiteFacts};
use jiff::civil::date;

/// A 2.3.0 location in London: a rapid point `R1` (150 kW DC, contactless, tariff `RAPID`) and a
/// fast point `F1` (22 kW AC, RFID only, tariff `FAST`).
fn gb_location() -> Value {
    json!({
        "country_code": "GB", "party_id": "CPO", "id": "UK1", "publish": true,
        "name": "Horse Guards", "address": "1 Horse Guards Road", "city": "London",
        "postal_code": "SW1A 2HQ", "country": "GBR",
        "coordinates": {"latitude": "51.503000", "longitude": "-0.129000"},
        "operator": {"name": "Charge UK"}, "time_zone": "Europe/London",
        "opening_times": {"twentyfourseven": true},
        "help_phone": "+44 800 123 4567",
        "evses": [
            {
                "uid": "R1", "evse_id": "GB*CPO*E1", "status": "AVAILABLE",
                "capabilities": ["CONTACTLESS_CARD_SUPPORT", "RFID_READER"],
                "connectors": [{
                    "id": "1", "standard": "IEC_62196_T2_COMBO", "format": "CABLE",
                    "power_type": "DC", "max_voltage": 920, "max_amperage": 250,
                    "max_electric_power": 150000, "tariff_ids": ["RAPID"],
                    "last_updated": "2025-01-01T00:00:00Z"
                }],
                "last_updated": "2025-01-01T00:00:00Z"
            },
            {
                "uid": "F1", "evse_id": "GB*CPO*E2", "status": "AVAILABLE",
                "capabilities": ["RFID_READER"],
                "connectors": [{
                    "id": "1", "standard": "IEC_62196_T2", "format": "SOCKET",
                    "power_type": "AC_3_PHASE", "max_voltage": 230, "max_amperage": 32,
                    "max_electric_power": 22000, "tariff_ids": ["FAST"],
                    "last_updated": "2025-01-01T00:00:00Z"
                }],
                "last_updated": "2025-01-01T00:00:00Z"
            }
        ],
        "last_updated": "2025-01-01T00:00:00Z"
    })
}

/// `RAPID`: 0.79 GBP/kWh including tax; `FAST`: 0.45 GBP/kWh + 1 GBP per session.
fn gb_tariffs() -> Vec<Value> {
    vec![
        json!({
            "country_code": "GB", "party_id": "CPO", "id": "RAPID", "currency": "GBP",
            "type": "AD_HOC_PAYMENT", "tax_included": "YES",
            "elements": [{"price_components": [{"type": "ENERGY", "price": 0.79, "step_size": 1}]}],
            "last_updated": "2025-01-01T00:00:00Z"
        }),
        json!({
            "country_code": "GB", "party_id": "CPO", "id": "FAST", "currency": "GBP",
            "type": "AD_HOC_PAYMENT", "tax_included": "YES",
            "elements": [{"price_components": [
                {"type": "ENERGY", "price": 0.45, "step_size": 1},
                {"type": "FLAT", "price": 1.00, "step_size": 1}
            ]}],
            "last_updated": "2025-01-01T00:00:00Z"
        }),
    ]
}

fn inputs() -> UkInputs {
    UkInputs::as_of(date(2025, 6, 1))
}

fn uk(locations: &[Value], tariffs: &[Value]) -> Report {
    evaluate_feed(&feed(locations, tariffs), &inputs())
}

fn uk_with(locations: &[Value], tariffs: &[Value], inputs: &UkInputs) -> Report {
    evaluate_feed(&feed(locations, tariffs), inputs)
}

fn base() -> Report {
    uk(&[gb_location()], &gb_tariffs())
}

fn installed(d: jiff::civil::Date) -> UkInputs {
    let mut i = inputs();
    i.facts.commissioned = Some(d);
    i
}

/// A location with only the 22 kW point, with `capabilities`.
fn fast_only(capabilities: Value) -> Value {
    with(gb_location(), |l| {
        let f = l["evses"][1].clone();
        l["evses"] = json!([f]);
        l["evses"][0]["capabilities"] = capabilities;
    })
}

#[test]
fn the_table_lists_every_requirement_once() {
    let defs = definitions();
    let mut ids: Vec<(&str, Level)> = defs.iter().map(|d| (d.id, d.level)).collect();
    ids.sort_unstable_by_key(|(id, l)| (*id, *l as u8));
    ids.dedup();
    assert_eq!(ids.len(), defs.len());
    for id in [
        "UK-R5-CONTACTLESS",
        "UK-R6-ROAMING",
        "UK-R9-HELPLINE",
        "UK-R10-HOLD",
        "UK-R10-REFDATA-POSTCODE",
        "UK-R10-FREE-TARIFF",
        "UK-R11-PKWH",
    ] {
        assert!(defs.iter().any(|d| d.id == id), "{id}");
    }
    assert!(
        defs.iter()
            .any(|d| d.id == "UK-R7-RELIABILITY" && d.level == Level::Network)
    );
    assert!(
        defs.iter()
            .any(|d| d.id == "UK-R7-RELIABILITY" && d.level == Level::Point)
    );
}

#[test]
fn a_complete_location() {
    let r = base();
    assert_status(point(&r, "R1", "UK-R5-CONTACTLESS"), Status::Pass);
    assert_eq!(point(&r, "R1", "UK-R5-CONTACTLESS").value, json!(150.0));
    // The 22 kW point shares the rapid point's contactless terminal.
    let shared = point(&r, "F1", "UK-R5-CONTACTLESS");
    assert_status(shared, Status::Pass);
    assert!(shared.reason.contains("shared"));
    assert_status(station(&r, "UK-R6-ROAMING"), Status::NotApplicable);
    assert_status(point(&r, "R1", "UK-R7-RELIABILITY"), Status::Unknown);
    assert_status(point(&r, "F1", "UK-R7-RELIABILITY"), Status::NotApplicable);
    let helpline = station(&r, "UK-R9-HELPLINE");
    assert_status(helpline, Status::Pass);
    assert!(helpline.reason.contains("freephone"));
    assert_eq!(helpline.fields, ["/0/help_phone"]);
    assert_status(station(&r, "UK-R10-HOLD"), Status::Unknown);
    let location = station(&r, "UK-R10-REFDATA-LOCATION");
    assert_status(location, Status::Pass);
    assert!(location.reason.contains("Southern England"));
    assert_eq!(location.fields, ["/0/coordinates", "/0/country"]);
    assert_eq!(
        station(&r, "UK-R10-REFDATA-POSTCODE").value,
        json!("SW1A 2HQ")
    );
    assert_status(station(&r, "UK-R10-REFDATA-HOURS"), Status::Pass);
    assert_status(point(&r, "R1", "UK-R10-REFDATA-CONNECTOR"), Status::Pass);
    assert_eq!(point(&r, "F1", "UK-R10-REFDATA-POWER").value, json!(22.0));
    assert_eq!(
        point(&r, "R1", "UK-R10-REFDATA-PAYMENT").value,
        json!(["CONTACTLESS_CARD_SUPPORT", "RFID_READER"])
    );
    assert_eq!(
        point(&r, "R1", "UK-R10-REFDATA-PRICE").value,
        json!([{"connector": "1", "tariff": "RAPID", "currency": "GBP"}])
    );
    assert_status(point(&r, "R1", "UK-R10-FREE-TARIFF"), Status::NotApplicable);
    let rapid = point(&r, "R1", "UK-R11-PKWH");
    assert_status(rapid, Status::Pass);
    assert_eq!(
        rapid.value,
        json!([{"connector": "1", "tariff": "RAPID", "p_per_kwh": "79", "incl_vat": true}])
    );
    assert_eq!(
        rapid.fields,
        [
            "/0/evses/0/connectors/0/tariff_ids",
            "tariffs.json#/0/currency",
            "tariffs.json#/0/elements/0/price_components/0"
        ]
    );
    // A session fee is spread over the reference session: (30 kWh x 0.45 + 1.00) / 30 kWh.
    let fast = point(&r, "F1", "UK-R11-PKWH");
    assert_status(fast, Status::Pass);
    assert_eq!(fast.value[0]["p_per_kwh"], json!("48.33"));
    assert_eq!(r.network.len(), 1);
    assert_status(&r.network[0], Status::Unknown);
    assert!(!r.has_shortfalls());
}

#[test]
fn micro_businesses_and_dates() {
    let mut micro = inputs();
    micro.micro_business = true;
    let r = uk_with(&[gb_location()], &gb_tariffs(), &micro);
    for id in ["UK-R9-HELPLINE", "UK-R10-HOLD", "UK-R10-REFDATA-POSTCODE"] {
        assert_status(station(&r, id), Status::NotApplicable);
    }
    assert_status(point(&r, "R1", "UK-R5-CONTACTLESS"), Status::NotApplicable);
    assert_status(&r.network[0], Status::NotApplicable);
    // Pricing applies to every operator.
    assert_status(point(&r, "R1", "UK-R11-PKWH"), Status::Pass);

    let early = uk_with(
        &[gb_location()],
        &gb_tariffs(),
        &UkInputs::as_of(date(2024, 6, 1)),
    );
    assert_status(
        point(&early, "R1", "UK-R5-CONTACTLESS"),
        Status::NotApplicable,
    );
    assert_status(point(&early, "R1", "UK-R11-PKWH"), Status::Pass);
    let before = uk_with(
        &[gb_location()],
        &gb_tariffs(),
        &UkInputs::as_of(date(2023, 6, 1)),
    );
    assert_status(point(&before, "R1", "UK-R11-PKWH"), Status::NotApplicable);
}

#[test]
fn contactless_by_power_and_installation_date() {
    let rfid = [fast_only(json!(["RFID_READER"]))];
    let new = uk_with(&rfid, &gb_tariffs(), &installed(date(2025, 1, 1)));
    assert_status(point(&new, "F1", "UK-R5-CONTACTLESS"), Status::Fail);
    let old = uk_with(&rfid, &gb_tariffs(), &installed(date(2024, 1, 1)));
    assert_status(
        point(&old, "F1", "UK-R5-CONTACTLESS"),
        Status::NotApplicable,
    );
    let f = point(&uk(&rfid, &gb_tariffs()), "F1", "UK-R5-CONTACTLESS").clone();
    assert_status(&f, Status::Unknown);
    assert!(f.reason.contains("installation date"));
    let per_location = {
        let mut i = inputs();
        i.facts.locations.insert(
            "UK1".into(),
            SiteFacts {
                commissioned: Some(date(2025, 2, 1)),
                ten_t: None,
            },
        );
        i
    };
    assert_status(
        point(
            &uk_with(&rfid, &gb_tariffs(), &per_location),
            "F1",
            "UK-R5-CONTACTLESS",
        ),
        Status::Fail,
    );
    let seven_kw = with(fast_only(json!(["RFID_READER"])), |l| {
        l["evses"][0]["connectors"][0]["max_electric_power"] = json!(7400);
    });
    let f = point(&uk(&[seven_kw], &gb_tariffs()), "F1", "UK-R5-CONTACTLESS").clone();
    assert_status(&f, Status::NotApplicable);
    assert!(f.reason.contains("7.4 kW"));

    let rapid_without = with(gb_location(), |l| {
        l["evses"][0]["capabilities"] = json!(["RFID_READER"]);
    });
    let r = uk(&[rapid_without], &gb_tariffs());
    let f = point(&r, "R1", "UK-R5-CONTACTLESS");
    assert_status(f, Status::Fail);
    assert!(f.reason.contains("rapid"));
    assert!(r.has_shortfalls());
    let nothing = with(gb_location(), |l| {
        l["evses"][0]["capabilities"] = json!([]);
        l["evses"][1]["capabilities"] = json!([]);
    });
    assert_status(
        point(&uk(&[nothing], &gb_tariffs()), "R1", "UK-R5-CONTACTLESS"),
        Status::Missing,
    );
}

#[test]
fn roaming_evidence_from_2_3_0() {
    let later = UkInputs::as_of(date(2026, 1, 1));
    let r = uk_with(&[gb_location()], &gb_tariffs(), &later);
    assert_status(station(&r, "UK-R6-ROAMING"), Status::NotRepresentable);
    let listed = with(gb_location(), |l| {
        l["evses"][0]["accepted_service_providers"] = json!(["Roam Co"]);
    });
    let r = uk_with(&[listed], &gb_tariffs(), &later);
    assert_eq!(station(&r, "UK-R6-ROAMING").value, json!(["Roam Co"]));
}

#[test]
fn helpline_numbers() {
    let phone = |p: &str| {
        let l = with(gb_location(), |l| l["help_phone"] = json!(p));
        station(&uk(&[l], &gb_tariffs()), "UK-R9-HELPLINE").clone()
    };
    assert_status(&phone("0906 123 4567"), Status::Fail);
    assert!(phone("0906 123 4567").reason.contains("premium-rate"));
    assert_status(&phone("0845 123 4567"), Status::Fail);
    assert_status(&phone("+33 1 23 45 67 89"), Status::Fail);
    assert_status(&phone("020 7946 0000"), Status::Pass);
    // Still 2.3.0 without `help_phone`: another field only 2.3.0 has.
    let none = with(gb_location(), |l| {
        l.as_object_mut().unwrap().remove("help_phone");
        l["evses"][0]["accepted_service_providers"] = json!(["Roam Co"]);
    });
    assert_status(
        station(&uk(&[none], &gb_tariffs()), "UK-R9-HELPLINE"),
        Status::Missing,
    );
    // 2.2.1 cannot carry a helpline (the tariffs become 2.2.1 too).
    let tariffs_221: Vec<Value> = gb_tariffs()
        .into_iter()
        .map(|mut t| {
            t.as_object_mut().unwrap().remove("tax_included");
            t
        })
        .collect();
    let l221 = with(gb_location(), |l| {
        l.as_object_mut().unwrap().remove("help_phone");
    });
    let r = uk(&[l221], &tariffs_221);
    assert_status(station(&r, "UK-R9-HELPLINE"), Status::NotRepresentable);
}

#[test]
fn data_requirement_walks_the_location_as_2_2_1() {
    let good = serde_json::to_vec(&json!([gb_location()])).unwrap();
    let old = serde_json::to_vec(&json!([{"id": "UK1", "type": "ON_STREET",
        "address": "1 Horse Guards Road", "city": "London", "postal_code": "SW1A 2HQ",
        "country": "GBR", "coordinates": {"latitude": "51.503000", "longitude": "-0.129000"},
        "evses": [], "last_updated": "2025-01-01T00:00:00Z"}]))
    .unwrap();
    for (bytes, status) in [(&good, Status::Pass), (&old, Status::Fail)] {
        let (_, feed) = read_feed(&[(LOCATIONS, bytes)], |_| Options::default());
        let mut i = inputs();
        i.data_requirement = Some(DataRequirement::check(&[(LOCATIONS, bytes)]));
        let r = evaluate_feed(&feed, &i);
        let f = station(&r, "UK-R10-HOLD");
        assert_status(f, status);
        if status == Status::Fail {
            // A 2.1.1 location lacks what 2.2.1 requires.
            assert!(
                f.reason.contains("field-missing at /0/country_code"),
                "{}",
                f.reason
            );
            assert!(
                f.fields.iter().any(|x| x == "/0/party_id"),
                "{:?}",
                f.fields
            );
            assert!(f.value["errors"].as_u64().unwrap() >= 3);
        } else {
            assert_eq!(f.value["errors"], json!(0));
        }
    }
}

#[test]
fn reference_data_location_and_postcode() {
    let at = |lat: &str, lon: &str, country: &str| {
        let l = with(gb_location(), |l| {
            l["coordinates"] = json!({"latitude": lat, "longitude": lon});
            l["country"] = json!(country);
        });
        station(&uk(&[l], &gb_tariffs()), "UK-R10-REFDATA-LOCATION").clone()
    };
    assert_status(&at("54.597300", "-5.930100", "GBR"), Status::Pass);
    assert_status(&at("53.349800", "-6.260300", "GBR"), Status::Fail);
    assert_status(&at("-0.129000", "51.503000", "GBR"), Status::Fail);
    let ireland = at("53.349800", "-6.260300", "IRL");
    assert_status(&ireland, Status::Fail);
    assert!(ireland.reason.contains("not GBR"));
    let dutch = with(gb_location(), |l| l["postal_code"] = json!("3511 ED"));
    assert_status(
        station(&uk(&[dutch], &gb_tariffs()), "UK-R10-REFDATA-POSTCODE"),
        Status::Fail,
    );
    let none = with(gb_location(), |l| {
        l.as_object_mut().unwrap().remove("postal_code");
        l.as_object_mut().unwrap().remove("opening_times");
    });
    let r = uk(&[none], &gb_tariffs());
    assert_status(station(&r, "UK-R10-REFDATA-POSTCODE"), Status::Missing);
    assert_status(station(&r, "UK-R10-REFDATA-HOURS"), Status::Missing);
}

#[test]
fn reference_data_of_points() {
    let bare = with(gb_location(), |l| {
        l["evses"][0]["capabilities"] = json!(["RESERVABLE"]);
        l["evses"][0]["connectors"][0]
            .as_object_mut()
            .unwrap()
            .remove("format");
        l["evses"][1]["connectors"][0]["tariff_ids"] = json!([]);
    });
    let r = uk(&[bare], &gb_tariffs());
    let f = point(&r, "R1", "UK-R10-REFDATA-CONNECTOR");
    assert_status(f, Status::Missing);
    assert!(
        f.fields
            .iter()
            .any(|x| x == "/0/evses/0/connectors/0/format")
    );
    assert_status(point(&r, "R1", "UK-R10-REFDATA-PAYMENT"), Status::Missing);
    assert_status(point(&r, "F1", "UK-R10-REFDATA-PRICE"), Status::Missing);
    let free = point(&r, "F1", "UK-R10-FREE-TARIFF");
    assert_status(free, Status::Missing);
    assert!(free.reason.contains("free-of-charge tariff"));
    let no_power = with(gb_location(), |l| {
        let c = &mut l["evses"][1]["connectors"][0];
        c.as_object_mut().unwrap().remove("max_electric_power");
        c.as_object_mut().unwrap().remove("max_amperage");
    });
    assert_status(
        point(
            &uk(&[no_power], &gb_tariffs()),
            "F1",
            "UK-R10-REFDATA-POWER",
        ),
        Status::Missing,
    );
}

#[test]
fn free_points_reference_a_free_tariff() {
    let free = json!({"country_code": "GB", "party_id": "CPO", "id": "FAST", "currency": "GBP",
        "tax_included": "N/A",
        "elements": [{"price_components": [{"type": "FLAT", "price": 0, "step_size": 1}]}],
        "last_updated": "2025-01-01T00:00:00Z"});
    let r = uk(&[gb_location()], &[gb_tariffs()[0].clone(), free]);
    let f = point(&r, "F1", "UK-R10-FREE-TARIFF");
    assert_status(f, Status::Pass);
    assert!(
        f.fields
            .iter()
            .any(|x| x == "tariffs.json#/1/elements/0/price_components/0")
    );
    assert_eq!(
        point(&r, "F1", "UK-R11-PKWH").value,
        json!([{"connector": "1", "tariff": "FAST", "p_per_kwh": "0", "incl_vat": true}])
    );
    // No payment needed: contactless does not apply.
    assert_status(point(&r, "F1", "UK-R5-CONTACTLESS"), Status::NotApplicable);
}

#[test]
fn pence_per_kwh_readings() {
    let euro = with(gb_tariffs()[0].clone(), |t| t["currency"] = json!("EUR"));
    let r = uk(&[gb_location()], &[euro, gb_tariffs()[1].clone()]);
    assert_status(point(&r, "R1", "UK-R11-PKWH"), Status::Fail);

    // 2.2.1: 0.40 GBP + 20 % VAT = 48p.
    let excl = json!({"country_code": "GB", "party_id": "CPO", "id": "RAPID", "currency": "GBP",
        "type": "AD_HOC_PAYMENT",
        "elements": [{"price_components": [{"type": "ENERGY", "price": 0.40, "vat": 20.0, "step_size": 1}]}],
        "last_updated": "2025-01-01T00:00:00Z"});
    let l221 = with(gb_location(), |l| {
        l.as_object_mut().unwrap().remove("help_phone");
    });
    let r = uk(&[l221], &[excl]);
    assert_eq!(
        point(&r, "R1", "UK-R11-PKWH").value[0]["p_per_kwh"],
        json!("48")
    );

    // Other tariffs are priced for the reference session (30 kWh from 12:00 on the evaluation
    // date, at the connector's power, no parking). A minimum price above the session's cost sets
    // it: max(30 x 0.79, 30.00) / 30 kWh = 100p.
    let t = with(gb_tariffs()[0].clone(), |t| {
        t["min_price"] = json!({"before_taxes": 25.0, "after_taxes": 30.0});
    });
    let r = uk(&[gb_location()], &[t, gb_tariffs()[1].clone()]);
    let finding = point(&r, "R1", "UK-R11-PKWH");
    assert_status(finding, Status::Pass);
    assert_eq!(finding.value[0]["p_per_kwh"], json!("100"));

    // A price that holds only from 18:00 to 22:00 does not apply to a session at 12:00.
    let t = with(gb_tariffs()[0].clone(), |t| {
        t["elements"][0]["restrictions"] = json!({"start_time": "18:00", "end_time": "22:00"});
    });
    let r = uk(&[gb_location()], &[t, gb_tariffs()[1].clone()]);
    let finding = point(&r, "R1", "UK-R11-PKWH");
    assert_status(finding, Status::Unknown);
    assert!(
        finding.reason.contains("no element of the tariff applies"),
        "{}",
        finding.reason
    );

    // A time-of-day tariff with an evening price and a day price: the day price applies.
    let t = with(gb_tariffs()[0].clone(), |t| {
        t["elements"] = json!([
            {"price_components": [{"type": "ENERGY", "price": 0.99, "step_size": 1}],
             "restrictions": {"start_time": "18:00", "end_time": "22:00"}},
            {"price_components": [{"type": "ENERGY", "price": 0.59, "step_size": 1}]}
        ]);
    });
    let r = uk(&[gb_location()], &[t, gb_tariffs()[1].clone()]);
    assert_eq!(
        point(&r, "R1", "UK-R11-PKWH").value[0]["p_per_kwh"],
        json!("59")
    );
}

/// A status list snapshot.
fn snapshot(at: &str, statuses: &[(&str, &str)]) -> Vec<u8> {
    let list: Vec<Value> = statuses
        .iter()
        .map(|(uid, s)| json!({"location_id": "UK1", "evse_uid": uid, "status": s}))
        .collect();
    serde_json::to_vec(&json!({"timestamp": at, "statuses": list})).unwrap()
}

fn hours_after(h: i64) -> String {
    let t: jiff::Timestamp = "2025-03-03T00:00:00Z".parse().unwrap();
    t.checked_add(jiff::SignedDuration::from_hours(h))
        .unwrap()
        .to_string()
}

fn reliability_report(location: Value, snapshots: &[Vec<u8>]) -> Report {
    let feed = feed(&[location], &gb_tariffs());
    let mut series = StatusSeries::new();
    // Given in reverse: the series puts them in time order.
    for (i, s) in snapshots.iter().enumerate().rev() {
        series.add_document(&format!("s{i}.json"), s).unwrap();
    }
    let mut i = inputs();
    i.reliability = Some(measure(&feed, series, RAPID_W));
    evaluate_feed(&feed, &i)
}

#[test]
fn reliability_under_the_three_readings() {
    // R1: 99 h available, then 1 h out of order: exactly 99 % however UNKNOWN is read.
    let exact = reliability_report(
        gb_location(),
        &[
            snapshot(&hours_after(0), &[("R1", "AVAILABLE")]),
            snapshot(&hours_after(99), &[("R1", "OUTOFORDER")]),
            snapshot(&hours_after(100), &[("R1", "AVAILABLE")]),
        ],
    );
    let f = point(&exact, "R1", "UK-R7-RELIABILITY");
    assert_status(f, Status::Pass);
    assert_eq!(f.value["working_hours"], json!(99.0));
    assert_eq!(f.value["unavailable_hours"], json!(1.0));
    assert_eq!(f.value["from"], json!("2025-03-03T00:00:00Z"));
    assert_status(&exact.network[0], Status::Pass);
    assert_eq!(exact.network[0].value["rapid_points"], json!(1));

    // 97 h available, 2 h UNKNOWN (R1 missing from the snapshot), 1 h out of order:
    // 99 % with UNKNOWN as working, 98.98 % without it, 97 % with it as unavailable.
    let split = reliability_report(
        gb_location(),
        &[
            snapshot(&hours_after(0), &[("R1", "AVAILABLE")]),
            snapshot(&hours_after(97), &[("F1", "AVAILABLE")]),
            snapshot(&hours_after(99), &[("R1", "OUTOFORDER")]),
            snapshot(&hours_after(100), &[("R1", "AVAILABLE")]),
        ],
    );
    let f = point(&split, "R1", "UK-R7-RELIABILITY");
    assert_status(f, Status::Unknown);
    assert!(f.reason.contains("disagree"));
    let percent = &f.value["reliability_percent"];
    assert_eq!(percent[Reading::IneligibleAsWorking.as_str()], json!(99.0));
    assert_eq!(percent[Reading::IneligibleExcluded.as_str()], json!(98.98));
    assert_eq!(
        percent[Reading::IneligibleAsUnavailable.as_str()],
        json!(97.0)
    );

    let broken = reliability_report(
        gb_location(),
        &[
            snapshot(&hours_after(0), &[("R1", "OUTOFORDER")]),
            snapshot(&hours_after(10), &[("R1", "AVAILABLE")]),
        ],
    );
    assert_status(point(&broken, "R1", "UK-R7-RELIABILITY"), Status::Fail);
    assert_status(&broken.network[0], Status::Fail);
    assert!(broken.has_shortfalls());
}

#[test]
fn reliability_counts_only_opening_hours() {
    // Open 08:00-20:00 every day (London, GMT in March): the night out of order does not count.
    let days: Vec<Value> = (1..=7)
        .map(|d| json!({"weekday": d, "period_begin": "08:00", "period_end": "20:00"}))
        .collect();
    let daytime = with(gb_location(), |l| {
        l["opening_times"] = json!({"twentyfourseven": false, "regular_hours": days});
    });
    let r = reliability_report(
        daytime,
        &[
            snapshot(&hours_after(8), &[("R1", "AVAILABLE")]),
            snapshot(&hours_after(20), &[("R1", "OUTOFORDER")]),
            snapshot(&hours_after(32), &[("R1", "AVAILABLE")]),
        ],
    );
    let f = point(&r, "R1", "UK-R7-RELIABILITY");
    assert_status(f, Status::Pass);
    assert_eq!(f.value["working_hours"], json!(12.0));
    assert_eq!(f.value["unavailable_hours"], json!(0.0));
}

#[test]
fn snapshots_can_be_locations_responses() {
    let response = |at: &str, status: &str| {
        let l = with(gb_location(), |l| l["evses"][0]["status"] = json!(status));
        serde_json::to_vec(&json!({"status_code": 1000, "timestamp": at, "data": [l]})).unwrap()
    };
    let r = reliability_report(
        gb_location(),
        &[
            response(&hours_after(0), "AVAILABLE"),
            response(&hours_after(50), "INOPERATIVE"),
            response(&hours_after(100), "AVAILABLE"),
        ],
    );
    let f = point(&r, "R1", "UK-R7-RELIABILITY");
    assert_status(f, Status::Fail);
    assert_eq!(f.value["working_hours"], json!(50.0));
    assert_eq!(f.value["unavailable_hours"], json!(50.0));
}
