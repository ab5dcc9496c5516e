//! AFIR requirements, each with data that passes and data that does not.

use super::*;
use crate::views::afir::{AfirInputs, AfirView, definitions, evaluate_feed};
use crate::views::facts::SiteFacts;
use crate::views::{Level, Places};
use jiff::civil::date;

fn inputs() -> AfirInputs {
    AfirInputs::as_of(date(2025, 6, 1))
}

fn afir(locations: &[Value], tariffs: &[Value]) -> Report {
    evaluate_feed(&feed(locations, tariffs), &inputs())
}

fn afir_with(locations: &[Value], tariffs: &[Value], inputs: &AfirInputs) -> Report {
    evaluate_feed(&feed(locations, tariffs), inputs)
}

fn base() -> Report {
    afir(&[nl_location()], &nl_tariffs())
}

fn commissioned(d: jiff::civil::Date) -> AfirInputs {
    let mut i = inputs();
    i.facts.commissioned = Some(d);
    i
}

#[test]
fn the_table_lists_every_requirement_once() {
    let defs = definitions();
    let mut ids: Vec<&str> = defs.iter().map(|d| d.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), defs.len(), "ids are unique");
    for item in 1..=24 {
        assert!(ids.contains(&format!("AFIR-A{item}").as_str()), "A{item}");
    }
    for item in 1..=10 {
        assert!(ids.contains(&format!("AFIR-B{item}").as_str()), "B{item}");
    }
    for id in [
        "AFIR-F1",
        "AFIR-F2",
        "AFIR-F3",
        "AFIR-5.1-ADHOC",
        "AFIR-5.1-INSTR-NEW",
        "AFIR-5.4-KWH",
        "AFIR-5.10-CABLE",
        "AFIR-ANNEXII-CONN",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
    let level = |id: &str| defs.iter().find(|d| d.id == id).unwrap().level;
    assert_eq!(level("AFIR-A9"), Level::Station);
    assert_eq!(level("AFIR-B6"), Level::Point);
    assert_eq!(level("AFIR-B5"), Level::Station);
    // Every finding of a report comes from the table, in its order.
    let report = base();
    let station_ids: Vec<&str> = only(&report).requirements.iter().map(|f| f.id).collect();
    let expected: Vec<&str> = defs
        .iter()
        .filter(|d| d.level == Level::Station)
        .map(|d| d.id)
        .collect();
    assert_eq!(station_ids, expected);
}

#[test]
fn a_complete_location_gives_every_derivable_value() {
    let report = base();
    let s = |id| station(&report, id);
    assert_status(s("AFIR-A1"), Status::Pass);
    assert_eq!(s("AFIR-A1").value, json!("Charge Co B.V."));
    assert_eq!(s("AFIR-A1").fields, ["/0/owner/name"]);
    assert_eq!(s("AFIR-A2").value, json!("Charge Co"));
    assert_eq!(s("AFIR-A2").fields, ["/0/operator/name"]);
    assert_eq!(s("AFIR-A3").value, json!(2));
    assert_eq!(
        s("AFIR-A3").fields,
        ["/0/evses/0/status", "/0/evses/1/status"]
    );
    assert_status(s("AFIR-A4"), Status::NotRepresentable);
    assert_status(s("AFIR-A5"), Status::NotRepresentable);
    assert!(s("AFIR-A5").reason.contains("OCPI 2.2.1"));
    assert_status(s("AFIR-A6"), Status::NotRepresentable);
    assert_eq!(s("AFIR-A6").value["catering"], json!(true));
    assert_eq!(s("AFIR-A6").value["other"], json!(["TRAIN_STATION"]));
    assert_eq!(
        s("AFIR-A7").value,
        json!({"lat": 52.089444, "lon": 5.110278})
    );
    assert_eq!(s("AFIR-A7").fields, ["/0/coordinates"]);
    assert_status(s("AFIR-A8"), Status::Pass);
    assert!(
        s("AFIR-A8")
            .fields
            .iter()
            .any(|x| x == "/0/evses/0/floor_level")
    );
    assert_eq!(s("AFIR-A9").value, json!("NL"));
    assert_eq!(s("AFIR-A9").fields, ["/0/country"]);
    assert_status(s("AFIR-A10"), Status::NotRepresentable);
    assert_eq!(s("AFIR-A11").value, json!("Utrecht"));
    assert_eq!(s("AFIR-A12").value, json!("3511 ED"));
    assert_eq!(s("AFIR-A13").value, json!("Stationsplein 1"));
    assert_eq!(s("AFIR-A14").value["twentyfourseven"], json!(true));
    // Amsterdam is at +02:00 in June (summer time).
    assert_eq!(
        s("AFIR-A15").value,
        json!({"time_zone": "Europe/Amsterdam", "utc_offset": "+02"})
    );
    for id in ["AFIR-A16", "AFIR-A17", "AFIR-A18", "AFIR-A19"] {
        assert_status(s(id), Status::NotRepresentable);
    }
    assert_eq!(s("AFIR-A20").value, json!("yes"));
    assert_eq!(s("AFIR-A21").value, json!("yes"));
    assert_status(s("AFIR-A22"), Status::NotRepresentable);
    assert_status(s("AFIR-A23"), Status::NotRepresentable);
    assert_eq!(s("AFIR-A24").value, json!("yes"));
    assert_status(s("AFIR-B5"), Status::NotRepresentable);
    assert_eq!(s("AFIR-B5").value, json!({"upper_bound_kw": 172.0}));
    assert_status(s("AFIR-B7"), Status::NotRepresentable);
    assert_eq!(s("AFIR-B10").value, json!("yes"));
    assert_eq!(s("AFIR-B10").fields, ["/0/energy_mix/is_green_energy"]);

    let p = |uid, id| point(&report, uid, id);
    assert_eq!(p("E1", "AFIR-B1").value, json!("NL*ABC*E1"));
    assert_eq!(p("E1", "AFIR-B1").fields, ["/0/evses/0/evse_id"]);
    assert_eq!(p("E2", "AFIR-B2").value, json!(1));
    assert_eq!(
        p("E1", "AFIR-B3").value,
        json!([{"connector": "1", "standard": "IEC_62196_T2", "type": "Type 2"}])
    );
    assert_eq!(p("E2", "AFIR-B3").value[0]["type"], json!("CCS Combo 2"));
    assert_eq!(p("E1", "AFIR-B4").value, json!("AC"));
    assert_eq!(p("E2", "AFIR-B4").value, json!("DC"));
    assert_eq!(p("E1", "AFIR-B6").value, json!(22.0));
    assert_eq!(
        p("E1", "AFIR-B6").fields,
        ["/0/evses/0/connectors/0/max_electric_power"]
    );
    assert_eq!(p("E2", "AFIR-B6").value, json!(150.0));
    assert_status(p("E1", "AFIR-B8"), Status::NotRepresentable);
    assert_eq!(
        p("E1", "AFIR-B9").value,
        json!({"remote": false, "preferences": false, "bidirectional": null})
    );
    assert_eq!(p("E1", "AFIR-F1").value, json!("operational"));
    assert_eq!(p("E1", "AFIR-F2").value, json!("not in use"));
    assert_eq!(p("E2", "AFIR-F2").value, json!("in use"));
    assert_eq!(p("E2", "AFIR-F2").fields, ["/0/evses/1/status"]);
}

#[test]
fn ad_hoc_prices_are_consumer_prices_in_the_afir_order() {
    let report = base();
    let ac = point(&report, "E1", "AFIR-F3");
    assert_status(ac, Status::Pass);
    // 0.35 EUR excluding 21 % VAT.
    assert_eq!(
        ac.value,
        json!([{"connector": "1", "tariff": "AC", "currency": "EUR", "per_kwh": ["0.4235"],
                "per_minute": [], "per_session": [], "other": [], "incl_tax": true,
                "restricted": false}])
    );
    assert_eq!(
        ac.fields,
        [
            "/0/evses/0/connectors/0/tariff_ids",
            "tariffs.json#/0/currency",
            "tariffs.json#/0/elements/0/price_components/0"
        ]
    );
    assert!(
        ac.reason.contains("0.4235 EUR/kWh (incl. tax)"),
        "{}",
        ac.reason
    );
    let dc = point(&report, "E2", "AFIR-F3");
    assert_eq!(dc.value[0]["per_kwh"], json!(["0.7139"]));
    // 6 EUR/h + 21 % = 7.26 EUR/h = 0.121 EUR/min.
    assert_eq!(
        dc.value[0]["other"],
        json!([{"type": "PARKING_TIME", "per_minute": "0.121"}])
    );
}

#[test]
fn ad_hoc_price_problems() {
    let no_ids = with(nl_location(), |l| {
        l["evses"][0]["connectors"][0]
            .as_object_mut()
            .unwrap()
            .remove("tariff_ids");
    });
    let r = afir(&[no_ids], &nl_tariffs());
    let f = point(&r, "E1", "AFIR-F3");
    assert_status(f, Status::Missing);
    assert_eq!(f.fields, ["/0/evses/0/connectors/0/tariff_ids"]);

    let r = afir(&[nl_location()], &[]);
    assert_status(point(&r, "E1", "AFIR-F3"), Status::Unknown);
    assert!(
        point(&r, "E1", "AFIR-F3")
            .reason
            .contains("no tariffs were given")
    );

    let unknown_id = with(nl_location(), |l| {
        l["evses"][0]["connectors"][0]["tariff_ids"] = json!(["NOPE"]);
    });
    let r = afir(&[unknown_id], &nl_tariffs());
    assert_status(point(&r, "E1", "AFIR-F3"), Status::Fail);

    let regular = with(nl_tariffs()[0].clone(), |t| t["type"] = json!("REGULAR"));
    let r = afir(&[nl_location()], &[regular, nl_tariffs()[1].clone()]);
    let f = point(&r, "E1", "AFIR-F3");
    assert_status(f, Status::Fail);
    assert!(f.reason.contains("contract customers"), "{}", f.reason);

    let expired = with(nl_tariffs()[0].clone(), |t| {
        t["end_date_time"] = json!("2025-01-01T00:00:00Z");
    });
    let r = afir(&[nl_location()], &[expired, nl_tariffs()[1].clone()]);
    assert!(point(&r, "E1", "AFIR-F3").reason.contains("not valid"));

    // The ad hoc tariff starts later; until then only the contract tariff applies.
    let later = with(nl_tariffs()[0].clone(), |t| {
        t["start_date_time"] = json!("2025-10-01T00:00:00Z");
    });
    let contract = with(nl_tariffs()[0].clone(), |t| {
        t["id"] = json!("ACREG");
        t["type"] = json!("REGULAR");
    });
    let both = with(nl_location(), |l| {
        l["evses"][0]["connectors"][0]["tariff_ids"] = json!(["ACREG", "AC"]);
    });
    let r = afir(&[both], &[later, contract, nl_tariffs()[1].clone()]);
    let f = point(&r, "E1", "AFIR-F3");
    assert_status(f, Status::Fail);
    assert_eq!(
        f.reason,
        "connector 1: no ad hoc tariff: tariff ACREG is for contract customers only (REGULAR or PROFILE_*); tariff AC is not valid on the evaluation date"
    );

    // A tariff without type is valid for every session, ad hoc included.
    let untyped = with(nl_tariffs()[0].clone(), |t| {
        t.as_object_mut().unwrap().remove("type");
    });
    let r = afir(&[nl_location()], &[untyped, nl_tariffs()[1].clone()]);
    let f = point(&r, "E1", "AFIR-F3");
    assert_status(f, Status::Pass);
    assert!(f.reason.contains("without type"));
}

#[test]
fn tax_included_and_2_1_1_prices() {
    // 2.3.0 prices that include tax are shown as they are.
    let tariffs = tariffs_230(nl_tariffs(), "YES");
    let r = afir(&[nl_location_230()], &tariffs);
    assert_eq!(
        point(&r, "E1", "AFIR-F3").value[0]["per_kwh"],
        json!(["0.35"])
    );

    // 2.1.1 prices exclude VAT and carry no rate: the consumer price is unknown.
    let tariff_211 = json!({"id": "AC", "currency": "EUR",
        "elements": [{"price_components": [{"type": "ENERGY", "price": 0.35, "step_size": 1}]}],
        "last_updated": "2025-01-01T00:00:00Z"});
    let location_211 = json!({"id": "LOC1", "type": "ON_STREET", "address": "a", "city": "c",
        "country": "NLD", "coordinates": {"latitude": "52.1", "longitude": "5.1"},
        "evses": [{"uid": "E1", "status": "AVAILABLE", "connectors": [{"id": "1",
            "standard": "IEC_62196_T2", "format": "SOCKET", "power_type": "AC_3_PHASE",
            "voltage": 230, "amperage": 16, "tariff_id": "AC",
            "last_updated": "2025-01-01T00:00:00Z"}],
            "last_updated": "2025-01-01T00:00:00Z"}],
        "last_updated": "2025-01-01T00:00:00Z"});
    let r = afir(&[location_211], &[tariff_211]);
    let f = point(&r, "E1", "AFIR-F3");
    assert_status(f, Status::Pass);
    assert_eq!(f.value[0]["incl_tax"], json!(false));
    assert_eq!(f.value[0]["per_kwh"], json!(["0.35"]));
    assert!(f.reason.contains("excl. VAT"), "{}", f.reason);
    // The power of a 2.1.1 connector comes from voltage × current × phases.
    assert_eq!(point(&r, "E1", "AFIR-B6").value, json!(11.04));
    assert!(point(&r, "E1", "AFIR-B6").reason.contains("derived"));
}

#[test]
fn names_and_counts() {
    let r = afir(
        &[with(nl_location(), |l| {
            l.as_object_mut().unwrap().remove("owner");
        })],
        &nl_tariffs(),
    );
    assert_eq!(station(&r, "AFIR-A1").fields, ["/0/operator/name"]);

    let r = afir(
        &[with(nl_location(), |l| {
            let o = l.as_object_mut().unwrap();
            o.remove("owner");
            o.remove("operator");
        })],
        &nl_tariffs(),
    );
    assert_status(station(&r, "AFIR-A1"), Status::Missing);
    assert_status(station(&r, "AFIR-A2"), Status::Missing);

    let removed = with(nl_location(), |l| {
        l["evses"][0]["status"] = json!("REMOVED");
        l["evses"][1]["status"] = json!("PLANNED");
    });
    let r = afir(&[removed], &nl_tariffs());
    let f = station(&r, "AFIR-A3");
    assert_status(f, Status::Missing);
    assert_eq!(f.value, json!(0));
    assert!(only(&r).evses.is_empty());
    assert_status(station(&r, "AFIR-A20"), Status::Missing);
}

#[test]
fn helpdesk_phone_format_2_3_0() {
    let tariffs = tariffs_230(nl_tariffs(), "NO");
    let r = afir(&[nl_location_230()], &tariffs);
    let f = station(&r, "AFIR-A5");
    assert_status(f, Status::Pass);
    assert_eq!(f.value, json!("+31 0301234567"));
    assert_eq!(f.fields, ["/0/help_phone"]);

    let spaced = with(nl_location_230(), |l| {
        l["help_phone"] = json!("+31 30 123 4567")
    });
    let f = station(&afir(&[spaced], &tariffs), "AFIR-A5").clone();
    assert_status(&f, Status::Fail);

    let none = with(nl_location_230(), |l| {
        l.as_object_mut().unwrap().remove("help_phone");
    });
    assert_status(
        station(&afir(&[none], &tariffs), "AFIR-A5"),
        Status::Missing,
    );
}

#[test]
fn parking_items_2_3_0() {
    let tariffs = tariffs_230(nl_tariffs(), "NO");
    let r = afir(&[nl_location_230()], &tariffs);
    let a6 = station(&r, "AFIR-A6");
    // Bathrooms and resting facilities stay out of reach of OCPI.
    assert_status(a6, Status::NotRepresentable);
    assert_eq!(a6.value["roofed"], json!(true));
    assert_eq!(a6.value["illuminated"], json!(true));
    let a16 = station(&r, "AFIR-A16");
    assert_status(a16, Status::Pass);
    assert_eq!(
        a16.value,
        json!({"L": false, "M1": true, "M2/M3": false, "N1": true, "N2/N3": false, "other": []})
    );
    let a17 = station(&r, "AFIR-A17");
    assert_status(a17, Status::Pass);
    assert_eq!(a17.value[0]["height_m"], json!(2.1));
    assert_eq!(station(&r, "AFIR-A18").value, json!(2));
    assert_eq!(station(&r, "AFIR-A19").value, json!(1));
    assert_eq!(station(&r, "AFIR-B7").value, json!(["Provider A"]));
    assert_eq!(point(&r, "E2", "AFIR-B8").value, json!("yes"));
    assert_eq!(point(&r, "E1", "AFIR-B8").value, json!("no"));

    let no_parking = with(nl_location_230(), |l| {
        l.as_object_mut().unwrap().remove("parking_places");
        l["evses"][0]["accepted_service_providers"] = json!([]);
    });
    let r = afir(&[no_parking], &tariffs);
    assert_status(station(&r, "AFIR-A6"), Status::Missing);
    assert_status(station(&r, "AFIR-A16"), Status::Missing);
    assert_status(station(&r, "AFIR-A18"), Status::Missing);
    // RFID readers show contract-based charging: the providers should be listed.
    assert_status(station(&r, "AFIR-B7"), Status::Missing);
}

#[test]
fn accessible_bays_in_2_2_1_are_a_lower_bound() {
    let l = with(nl_location(), |l| {
        l["evses"][1]["parking_restrictions"] = json!(["DISABLED"]);
    });
    let f = station(&afir(&[l], &nl_tariffs()), "AFIR-A19").clone();
    assert_status(&f, Status::Pass);
    assert_eq!(f.value, json!(1));
    assert_eq!(
        f.fields,
        [
            "/0/evses/0/parking_restrictions",
            "/0/evses/1/parking_restrictions"
        ]
    );
}

#[test]
fn position_and_address_items() {
    let zero = with(nl_location(), |l| {
        l["coordinates"] = json!({"latitude": "0.000000", "longitude": "0.000000"});
    });
    assert_status(
        station(&afir(&[zero], &nl_tariffs()), "AFIR-A7"),
        Status::Fail,
    );
    let no_coordinates = with(nl_location(), |l| {
        l.as_object_mut().unwrap().remove("coordinates");
    });
    assert_status(
        station(&afir(&[no_coordinates], &nl_tariffs()), "AFIR-A7"),
        Status::Missing,
    );
    let no_postcode = with(nl_location(), |l| {
        l.as_object_mut().unwrap().remove("postal_code");
    });
    assert_status(
        station(&afir(&[no_postcode], &nl_tariffs()), "AFIR-A12"),
        Status::Missing,
    );
    let no_hours = with(nl_location(), |l| {
        l.as_object_mut().unwrap().remove("opening_times");
    });
    assert_status(
        station(&afir(&[no_hours], &nl_tariffs()), "AFIR-A14"),
        Status::Missing,
    );
    let weekly = with(nl_location(), |l| {
        l["opening_times"] = json!({"twentyfourseven": false, "regular_hours": [
            {"weekday": 1, "period_begin": "08:00", "period_end": "20:00"}]});
    });
    let f = station(&afir(&[weekly], &nl_tariffs()), "AFIR-A14").clone();
    assert_eq!(
        f.value["regular_hours"],
        json!([{"weekday": 1, "begin": "08:00", "end": "20:00"}])
    );
    let bad_zone = with(nl_location(), |l| l["time_zone"] = json!("Mars/Olympus"));
    assert_status(
        station(&afir(&[bad_zone], &nl_tariffs()), "AFIR-A15"),
        Status::Missing,
    );
    let bare = with(nl_location(), |l| {
        l["evses"][0].as_object_mut().unwrap().remove("floor_level");
        l["evses"][0]
            .as_object_mut()
            .unwrap()
            .remove("physical_reference");
    });
    assert_status(
        station(&afir(&[bare], &nl_tariffs()), "AFIR-A8"),
        Status::NotApplicable,
    );
    let no_mix = with(nl_location(), |l| {
        l.as_object_mut().unwrap().remove("energy_mix");
    });
    assert_status(
        station(&afir(&[no_mix], &nl_tariffs()), "AFIR-B10"),
        Status::Missing,
    );
}

#[test]
fn country_is_converted_to_alpha_2() {
    let be = with(nl_location(), |l| l["country"] = json!("BEL"));
    assert_eq!(
        station(&afir(&[be], &nl_tariffs()), "AFIR-A9").value,
        json!("BE")
    );
    let none = with(nl_location(), |l| {
        l.as_object_mut().unwrap().remove("country");
    });
    assert_status(
        station(&afir(&[none], &nl_tariffs()), "AFIR-A9"),
        Status::Missing,
    );
}

#[test]
fn capability_items_read_absence_as_no_only_when_capabilities_are_published() {
    let no_chip = with(nl_location(), |l| {
        l["evses"][1]["capabilities"] = json!(["RFID_READER"]);
    });
    let f = station(&afir(&[no_chip], &nl_tariffs()), "AFIR-A20").clone();
    assert_status(&f, Status::Pass);
    assert_eq!(f.value, json!("no"));
    let none = with(nl_location(), |l| {
        l["evses"][0]["capabilities"] = json!([]);
        l["evses"][1]["capabilities"] = json!([]);
    });
    let r = afir(&[none], &nl_tariffs());
    assert_status(station(&r, "AFIR-A20"), Status::Missing);
    assert_status(station(&r, "AFIR-A24"), Status::Missing);
}

#[test]
fn point_identifiers_and_connectors() {
    let bad = with(nl_location(), |l| l["evses"][0]["evse_id"] = json!("12345"));
    assert_status(
        point(&afir(&[bad], &nl_tariffs()), "E1", "AFIR-B1"),
        Status::Fail,
    );
    let none = with(nl_location(), |l| {
        l["evses"][0].as_object_mut().unwrap().remove("evse_id");
    });
    assert_status(
        point(&afir(&[none], &nl_tariffs()), "E1", "AFIR-B1"),
        Status::Missing,
    );
    let derived = with(nl_location(), |l| {
        l["evses"][0]["connectors"][0]
            .as_object_mut()
            .unwrap()
            .remove("max_electric_power");
    });
    let r = afir(&[derived], &nl_tariffs());
    let f = point(&r, "E1", "AFIR-B6");
    // 230 V × 32 A × 3 phases.
    assert_eq!(f.value, json!(22.08));
    assert_eq!(
        f.fields,
        [
            "/0/evses/0/connectors/0/max_voltage",
            "/0/evses/0/connectors/0/max_amperage",
            "/0/evses/0/connectors/0/power_type"
        ]
    );
    let other = with(nl_location(), |l| {
        l["evses"][0]["connectors"][0]["standard"] = json!("IEC_62196_T1");
    });
    let r = afir(&[other], &nl_tariffs());
    assert_eq!(point(&r, "E1", "AFIR-B3").value[0]["type"], json!("other"));
}

#[test]
fn dynamic_status_items() {
    let statuses = |s1: &str, s2: &str| {
        afir(
            &[with(nl_location(), |l| {
                l["evses"][0]["status"] = json!(s1);
                l["evses"][1]["status"] = json!(s2);
            })],
            &nl_tariffs(),
        )
    };
    let r = statuses("INOPERATIVE", "UNKNOWN");
    assert_eq!(point(&r, "E1", "AFIR-F1").value, json!("non-operational"));
    assert_status(point(&r, "E1", "AFIR-F2"), Status::NotApplicable);
    assert_status(point(&r, "E2", "AFIR-F1"), Status::Unknown);
    assert_status(point(&r, "E2", "AFIR-F2"), Status::Unknown);
    assert_status(point(&r, "E2", "AFIR-5.7-DIGITAL"), Status::Unknown);
    let r = statuses("RESERVED", "BLOCKED");
    assert_eq!(point(&r, "E1", "AFIR-F2").value, json!("reserved"));
    assert_eq!(point(&r, "E2", "AFIR-F2").value, json!("in use"));
    let scheduled = with(nl_location(), |l| {
        l["evses"][0]["status_schedule"] = json!([{"period_begin": "2025-07-01T00:00:00Z",
            "period_end": "2025-07-02T00:00:00Z", "status": "INOPERATIVE"}]);
    });
    let r = afir(&[scheduled], &nl_tariffs());
    assert_eq!(
        point(&r, "E1", "AFIR-F2").value,
        json!({"now": "not in use", "planned": [{"from": "2025-07-01T00:00:00Z",
            "until": "2025-07-02T00:00:00Z", "status": "INOPERATIVE"}]})
    );
}

#[test]
fn article_5_1_ad_hoc_access() {
    let r = base();
    let f = point(&r, "E1", "AFIR-5.1-ADHOC");
    assert_status(f, Status::Pass);
    assert_eq!(
        f.value,
        json!(["CREDIT_CARD_PAYABLE", "CONTACTLESS_CARD_SUPPORT"])
    );
    let untyped_no_card = with(nl_location(), |l| {
        l["evses"][0]["capabilities"] = json!(["RFID_READER"]);
        l["evses"][1]["capabilities"] = json!(["RFID_READER"]);
    });
    let untyped = with(nl_tariffs()[0].clone(), |t| {
        t.as_object_mut().unwrap().remove("type");
    });
    let r = afir(
        std::slice::from_ref(&untyped_no_card),
        &[untyped, nl_tariffs()[1].clone()],
    );
    assert_status(point(&r, "E1", "AFIR-5.1-ADHOC"), Status::Unknown);
    // An AD_HOC_PAYMENT tariff shows the way without a contract.
    let r = afir(&[untyped_no_card], &nl_tariffs());
    assert_status(point(&r, "E1", "AFIR-5.1-ADHOC"), Status::Pass);
    let free = json!({"country_code": "NL", "party_id": "ABC", "id": "AC", "currency": "EUR",
        "elements": [{"price_components": [{"type": "FLAT", "price": 0, "step_size": 1}]}],
        "last_updated": "2025-01-01T00:00:00Z"});
    let r = afir(&[nl_location()], &[free, nl_tariffs()[1].clone()]);
    assert_status(point(&r, "E1", "AFIR-5.1-ADHOC"), Status::NotApplicable);
    assert_status(point(&r, "E1", "AFIR-5.1-INSTR-NEW"), Status::NotApplicable);
}

/// A location with only a 150 kW DC point whose capabilities are `capabilities`.
fn dc_only(capabilities: Value) -> Value {
    with(nl_location(), |l| {
        let dc = l["evses"][1].clone();
        l["evses"] = json!([dc]);
        l["evses"][0]["capabilities"] = capabilities;
    })
}

#[test]
fn article_5_1_payment_instrument_for_new_points() {
    let r = base();
    let f = point(&r, "E2", "AFIR-5.1-INSTR-NEW");
    assert_status(f, Status::Pass);
    assert_eq!(f.value, json!("CHIP_CARD_SUPPORT"));

    // The DC point has no reader, but the AC point of the same station has one.
    let shared = with(nl_location(), |l| {
        l["evses"][1]["capabilities"] = json!(["RFID_READER"]);
    });
    let f = point(&afir(&[shared], &nl_tariffs()), "E2", "AFIR-5.1-INSTR-NEW").clone();
    assert_status(&f, Status::Pass);
    assert!(f.reason.contains("shared"), "{}", f.reason);
    assert!(f.fields.iter().any(|x| x == "/0/evses/0/capabilities"));

    let no_reader = [dc_only(json!(["RFID_READER"]))];
    let new = afir_with(&no_reader, &nl_tariffs(), &commissioned(date(2024, 6, 1)));
    assert_status(point(&new, "E2", "AFIR-5.1-INSTR-NEW"), Status::Fail);
    let old = afir_with(&no_reader, &nl_tariffs(), &commissioned(date(2023, 6, 1)));
    assert_status(
        point(&old, "E2", "AFIR-5.1-INSTR-NEW"),
        Status::NotApplicable,
    );
    let unknown = afir(&no_reader, &nl_tariffs());
    let f = point(&unknown, "E2", "AFIR-5.1-INSTR-NEW");
    assert_status(f, Status::Unknown);
    assert!(f.reason.contains("commissioning date"));
    let unpublished = afir_with(
        &[dc_only(json!([]))],
        &nl_tariffs(),
        &commissioned(date(2024, 6, 1)),
    );
    assert_status(
        point(&unpublished, "E2", "AFIR-5.1-INSTR-NEW"),
        Status::Missing,
    );

    // Below 50 kW a dynamic QR code also satisfies Art. 5(1): not visible in OCPI.
    let ac_only = with(nl_location(), |l| {
        let ac = l["evses"][0].clone();
        l["evses"] = json!([ac]);
        l["evses"][0]["capabilities"] = json!(["RFID_READER"]);
    });
    let r = afir_with(&[ac_only], &nl_tariffs(), &commissioned(date(2024, 6, 1)));
    assert_status(point(&r, "E1", "AFIR-5.1-INSTR-NEW"), Status::Unknown);
}

#[test]
fn article_5_1_retrofit_from_2027_on_the_ten_t_network() {
    let no_reader = [dc_only(json!(["RFID_READER"]))];
    let mut later = AfirInputs::as_of(date(2027, 2, 1));
    assert_status(
        point(
            &afir_with(&no_reader, &nl_tariffs(), &later),
            "E2",
            "AFIR-5.1-RETRO",
        ),
        Status::NotApplicable,
    );
    later.facts.locations.insert(
        "LOC1".into(),
        SiteFacts {
            commissioned: Some(date(2020, 1, 1)),
            ten_t: Some(true),
        },
    );
    let r = afir_with(&no_reader, &nl_tariffs(), &later);
    assert_status(point(&r, "E2", "AFIR-5.1-RETRO"), Status::Fail);
    // Old points are outside the rule for new points, but not outside the retrofit.
    assert_status(point(&r, "E2", "AFIR-5.1-INSTR-NEW"), Status::NotApplicable);
    assert_status(
        point(&base(), "E2", "AFIR-5.1-RETRO"),
        Status::NotApplicable,
    );
}

#[test]
fn article_5_2_automatic_authentication_keeps_ad_hoc() {
    let tariffs = tariffs_230(nl_tariffs(), "NO");
    let r = afir(&[nl_location_230()], &tariffs);
    assert_status(point(&r, "E2", "AFIR-5.2-AUTOAUTH"), Status::Pass);
    assert_status(point(&r, "E1", "AFIR-5.2-AUTOAUTH"), Status::NotApplicable);
}

#[test]
fn article_5_4_price_per_kwh_at_50_kw() {
    let r = base();
    let f = point(&r, "E2", "AFIR-5.4-KWH");
    assert_status(f, Status::Pass);
    assert!(f.reason.contains("occupancy"));
    assert_status(point(&r, "E1", "AFIR-5.4-KWH"), Status::NotApplicable);
    assert_status(
        point(&r, "E2", "AFIR-5.4-DISPLAY-HPC"),
        Status::NotRepresentable,
    );
    assert_status(
        point(&r, "E1", "AFIR-5.4-DISPLAY-HPC"),
        Status::NotApplicable,
    );

    let time_only = with(nl_tariffs()[1].clone(), |t| {
        t["elements"] = json!([{"price_components": [{"type": "TIME", "price": 12, "vat": 21, "step_size": 60}]}]);
    });
    let r = afir(&[nl_location()], &[nl_tariffs()[0].clone(), time_only]);
    let f = point(&r, "E2", "AFIR-5.4-KWH");
    assert_status(f, Status::Fail);
    assert_eq!(f.fields, ["tariffs.json#/1/elements/0/price_components/0"]);

    let kwh_and_time = with(nl_tariffs()[1].clone(), |t| {
        t["elements"] = json!([{"price_components": [
            {"type": "ENERGY", "price": 0.5, "vat": 21, "step_size": 1},
            {"type": "TIME", "price": 3, "vat": 21, "step_size": 60}]}]);
    });
    let r = afir(
        &[nl_location()],
        &[nl_tariffs()[0].clone(), kwh_and_time.clone()],
    );
    assert_status(point(&r, "E2", "AFIR-5.4-KWH"), Status::Unknown);
    let old = afir_with(
        &[nl_location()],
        &[nl_tariffs()[0].clone(), kwh_and_time],
        &commissioned(date(2024, 1, 1)),
    );
    assert_status(point(&old, "E2", "AFIR-5.4-KWH"), Status::NotApplicable);
}

#[test]
fn article_5_4_all_components_below_50_kw() {
    let r = base();
    let f = point(&r, "E1", "AFIR-5.4-ORDER-LPC");
    assert_status(f, Status::Pass);
    assert!(f.reason.contains("in the AFIR order"));
    assert_eq!(f.fields, ["/0/evses/0/connectors/0/tariff_ids"]);
    assert_status(point(&r, "E2", "AFIR-5.4-ORDER-LPC"), Status::NotApplicable);
    let no_ids = with(nl_location(), |l| {
        l["evses"][0]["connectors"][0]["tariff_ids"] = json!([]);
    });
    assert_status(
        point(&afir(&[no_ids], &nl_tariffs()), "E1", "AFIR-5.4-ORDER-LPC"),
        Status::Missing,
    );
}

#[test]
fn article_5_7_and_5_8() {
    let early = afir_with(
        &[nl_location()],
        &nl_tariffs(),
        &AfirInputs::as_of(date(2024, 9, 1)),
    );
    assert_status(
        point(&early, "E1", "AFIR-5.7-DIGITAL"),
        Status::NotApplicable,
    );
    assert_status(point(&base(), "E1", "AFIR-5.7-DIGITAL"), Status::Pass);
    assert_status(point(&base(), "E1", "AFIR-5.8-SMART"), Status::Unknown);
    let smart = with(nl_location(), |l| {
        l["evses"][0]["capabilities"] = json!(["CHARGING_PROFILE_CAPABLE"]);
    });
    assert_status(
        point(&afir(&[smart], &nl_tariffs()), "E1", "AFIR-5.8-SMART"),
        Status::Pass,
    );
    let old = afir_with(
        &[nl_location()],
        &nl_tariffs(),
        &commissioned(date(2023, 1, 1)),
    );
    assert_status(point(&old, "E1", "AFIR-5.8-SMART"), Status::NotApplicable);
}

#[test]
fn article_5_10_fixed_cable_on_dc() {
    let r = base();
    let f = point(&r, "E2", "AFIR-5.10-CABLE");
    assert_status(f, Status::Pass);
    assert_eq!(
        f.fields,
        [
            "/0/evses/1/connectors/0/format",
            "/0/evses/1/connectors/0/power_type"
        ]
    );
    assert_status(point(&r, "E1", "AFIR-5.10-CABLE"), Status::NotApplicable);
    let socket = with(nl_location(), |l| {
        l["evses"][1]["connectors"][0]["format"] = json!("SOCKET");
    });
    assert_status(
        point(
            &afir(std::slice::from_ref(&socket), &nl_tariffs()),
            "E2",
            "AFIR-5.10-CABLE",
        ),
        Status::Fail,
    );
    let before = afir_with(
        &[socket],
        &nl_tariffs(),
        &AfirInputs::as_of(date(2025, 4, 13)),
    );
    assert_status(
        point(&before, "E2", "AFIR-5.10-CABLE"),
        Status::NotApplicable,
    );
    let no_format = with(nl_location(), |l| {
        l["evses"][1]["connectors"][0]
            .as_object_mut()
            .unwrap()
            .remove("format");
    });
    assert_status(
        point(&afir(&[no_format], &nl_tariffs()), "E2", "AFIR-5.10-CABLE"),
        Status::Missing,
    );
}

#[test]
fn annex_ii_connectors() {
    assert_status(point(&base(), "E1", "AFIR-ANNEXII-CONN"), Status::Pass);
    assert_status(point(&base(), "E2", "AFIR-ANNEXII-CONN"), Status::Pass);
    let chademo = with(nl_location(), |l| {
        l["evses"][1]["connectors"][0]["standard"] = json!("CHADEMO");
    });
    let f = point(&afir(&[chademo], &nl_tariffs()), "E2", "AFIR-ANNEXII-CONN").clone();
    assert_status(&f, Status::Fail);
    assert!(f.reason.contains("CCS Combo 2"));
    let schuko = with(nl_location(), |l| {
        l["evses"][0]["connectors"][0] = json!({"id": "1", "standard": "DOMESTIC_F",
            "format": "SOCKET", "power_type": "AC_1_PHASE", "max_voltage": 230,
            "max_amperage": 16, "tariff_ids": ["AC"], "last_updated": "2025-01-01T00:00:00Z"});
    });
    let r = afir(std::slice::from_ref(&schuko), &nl_tariffs());
    assert_status(point(&r, "E1", "AFIR-ANNEXII-CONN"), Status::Fail);
    // From 8 January 2026, points of 3.7 kW and less are exempt.
    let later = afir_with(
        &[schuko],
        &nl_tariffs(),
        &AfirInputs::as_of(date(2026, 2, 1)),
    );
    assert_status(
        point(&later, "E1", "AFIR-ANNEXII-CONN"),
        Status::NotApplicable,
    );
}

#[test]
fn summary_counts_stations_with_the_worst_status_of_their_points() {
    let second = with(nl_location(), |l| {
        l["id"] = json!("LOC2");
        l["evses"][1]["connectors"][0]["format"] = json!("SOCKET");
    });
    let report = afir(&[nl_location(), second], &nl_tariffs());
    let cable = report.summary.get("AFIR-5.10-CABLE");
    assert_eq!(cable.get(Status::Pass), 1);
    assert_eq!(cable.get(Status::Fail), 1);
    assert_eq!(report.summary.get("AFIR-A9").get(Status::Pass), 2);
    assert_eq!(
        report.summary.get("AFIR-A4").get(Status::NotRepresentable),
        2
    );
    for d in definitions() {
        assert_eq!(report.summary.get(d.id).total(), 2, "{}", d.id);
    }
    assert!(report.has_shortfalls());
}

#[test]
fn unpublished_locations_are_left_out() {
    let hidden = with(nl_location(), |l| l["publish"] = json!(false));
    let report = afir(&[hidden], &nl_tariffs());
    assert!(report.locations.is_empty());
    assert_eq!(report.unpublished, 1);
    assert_eq!(report.summary.get("AFIR-A1").total(), 0);
}

#[test]
fn pointers_follow_the_data_where_the_walk_skipped_entries() {
    let mut value = nl_location();
    value["evses"] = json!([null, value["evses"][0].clone()]);
    let bytes = serde_json::to_vec(&json!([value])).unwrap();
    let (reports, feed) = read_feed(&[(LOCATIONS, &bytes)], |_| Options::default());
    let inputs = inputs();
    let view = AfirView::new(&feed, &inputs).with_places(Places::from_reports(&reports));
    let report = view.report();
    let evse = &only(&report).evses[0];
    assert_eq!(evse.pointer, "/0/evses/1");
    assert_eq!(
        evse.requirement("AFIR-B1").unwrap().fields,
        ["/0/evses/1/evse_id"]
    );
    // The same location evaluated on its own, for a map panel.
    let single = view.location(&feed.locations[0]);
    assert_eq!(&single, only(&report));
}
