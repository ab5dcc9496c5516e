//! The AFIR and UK views on the OCPI specification's own examples and on real operator feeds in
//! `../shared/fixtures`, with statuses and values worked out by hand from the files.

use jiff::civil::date;
use ocpi_open_data::model::{Feed, read_feed};
use ocpi_open_data::validate::Options;
use ocpi_open_data::views::afir::{self, AfirInputs};
use ocpi_open_data::views::data_requirement::DataRequirement;
use ocpi_open_data::views::uk::{self, UkInputs};
use ocpi_open_data::views::{Finding, LocationReport, Places, Report, Status};
use serde_json::{Value, json};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures");

fn bytes(rel: &str) -> Vec<u8> {
    let path = format!("{FIXTURES}/{rel}");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Reads fixture files (relative to the fixtures folder) as one feed, with their places.
fn read(files: &[(&str, Vec<u8>)]) -> (Feed, Places) {
    let files: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    let (reports, feed) = read_feed(&files, |_| Options::default());
    (feed, Places::from_reports(&reports))
}

fn afir_report(files: &[(&str, Vec<u8>)]) -> Report {
    let (feed, places) = read(files);
    let inputs = AfirInputs::as_of(date(2025, 6, 1));
    afir::AfirView::new(&feed, &inputs)
        .with_places(places)
        .report()
}

fn station<'r>(l: &'r LocationReport, id: &str) -> &'r Finding {
    l.requirement(id).unwrap()
}

fn point<'r>(l: &'r LocationReport, uid: &str, id: &str) -> &'r Finding {
    l.evses
        .iter()
        .find(|e| e.uid == uid)
        .unwrap_or_else(|| panic!("no EVSE {uid}"))
        .requirement(id)
        .unwrap()
}

fn status(f: &Finding) -> Status {
    f.status
}

#[test]
fn spec_location_2_2_1_with_spec_tariffs() {
    // Connectors reference tariffs 11, 13 (EVSE 3256) and 12 (EVSE 3257). The spec's tariff 12
    // of tariff_2_alt_text is AD_HOC_PAYMENT at 1.90 EUR/h + 5.2 % VAT; 13 is PROFILE_CHEAP;
    // no example has id 11.
    let report = afir_report(&[
        (
            "location_example.json",
            bytes("ocpi-spec-examples/2.2.1/location_example.json"),
        ),
        (
            "tariff_2.json",
            bytes("ocpi-spec-examples/2.2.1/tariff_2_alt_text.json"),
        ),
        (
            "tariff_3.json",
            bytes("ocpi-spec-examples/2.2.1/tariff_3_alt_url.json"),
        ),
    ]);
    let l = &report.locations[0];
    assert_eq!(l.id, "LOC1");
    assert_eq!(station(l, "AFIR-A1").value, json!("BeCharged"));
    assert_eq!(station(l, "AFIR-A3").value, json!(2));
    assert_eq!(station(l, "AFIR-A9").value, json!("BE"));
    assert_eq!(
        station(l, "AFIR-A15").value,
        json!({"time_zone": "Europe/Brussels", "utc_offset": "+02"})
    );
    assert_eq!(status(station(l, "AFIR-A14")), Status::Missing);
    assert_eq!(status(station(l, "AFIR-A5")), Status::NotRepresentable);
    // 220 V × 16 A × 3 phases, twice.
    assert_eq!(
        station(l, "AFIR-B5").value,
        json!({"upper_bound_kw": 21.12})
    );
    assert_eq!(point(l, "3256", "AFIR-B6").value, json!(10.56));
    assert_eq!(
        point(l, "3256", "AFIR-B1").value,
        json!("BE*BEC*E041503001")
    );
    assert_eq!(point(l, "3257", "AFIR-F2").value, json!("reserved"));

    // 1.90 × 1.052 = 1.9988 EUR/h → 0.0333 EUR/min.
    let f3 = point(l, "3257", "AFIR-F3");
    assert_eq!(status(f3), Status::Pass);
    assert_eq!(f3.value[0]["per_minute"], json!(["0.0333"]));
    assert_eq!(f3.value[0]["tariff"], json!("12"));
    assert!(
        f3.fields
            .iter()
            .any(|x| x == "tariff_2.json#/elements/0/price_components/0")
    );
    let f3 = point(l, "3256", "AFIR-F3");
    assert_eq!(status(f3), Status::Fail);
    assert!(f3.reason.contains("tariff 11 is referenced but not among"));
    assert!(f3.reason.contains("tariff 13 is for contract customers"));
    assert_eq!(status(point(l, "3257", "AFIR-5.1-ADHOC")), Status::Pass);
    assert_eq!(status(point(l, "3257", "AFIR-5.4-ORDER-LPC")), Status::Pass);
    // RESERVABLE is listed, no card reader: below 50 kW a QR code could do.
    assert_eq!(
        status(point(l, "3257", "AFIR-5.1-INSTR-NEW")),
        Status::Unknown
    );
    assert_eq!(status(point(l, "3256", "AFIR-ANNEXII-CONN")), Status::Pass);
}

#[test]
fn spec_location_2_3_0_parking_items() {
    let report = afir_report(&[(
        "location_example.json",
        bytes("ocpi-spec-examples/2.3.0/location_example.json"),
    )]);
    let l = &report.locations[0];
    assert_eq!(
        station(l, "AFIR-A16").value,
        json!({"L": false, "M1": true, "M2/M3": false, "N1": false, "N2/N3": false, "other": []})
    );
    assert_eq!(station(l, "AFIR-A18").value, json!(3));
    assert_eq!(station(l, "AFIR-A19").value, json!(0));
    assert_eq!(status(station(l, "AFIR-A17")), Status::NotApplicable);
    // The example's parking places say nothing about roof or light.
    assert_eq!(status(station(l, "AFIR-A6")), Status::Missing);
    assert_eq!(status(station(l, "AFIR-A5")), Status::Missing);
    assert_eq!(point(l, "3256", "AFIR-B8").value, json!("no"));
    // Without tariffs given, the ad hoc price is unknown, not failed.
    assert_eq!(status(point(l, "3256", "AFIR-F3")), Status::Unknown);
}

#[test]
fn spec_examples_of_opening_hours_and_publication() {
    let report = afir_report(&[(
        "garage.json",
        bytes("ocpi-spec-examples/2.2.1/location_example_parking_garage_opening_hours.json"),
    )]);
    let hours = station(&report.locations[0], "AFIR-A14");
    assert_eq!(status(hours), Status::Pass);
    assert_eq!(hours.value["regular_hours"].as_array().unwrap().len(), 7);
    assert_eq!(
        hours.value["regular_hours"][0],
        json!({"weekday": 1, "begin": "07:00", "end": "18:00"})
    );
    for name in [
        "location_example_uc3_destination_charger_not_published.json",
        "location_example_uc4_limited_visibility.json",
        "location_example_uc5_home_charge_point.json",
    ] {
        let report = afir_report(&[(name, bytes(&format!("ocpi-spec-examples/2.3.0/{name}")))]);
        assert!(report.locations.is_empty(), "{name}");
        assert_eq!(report.unpublished, 1, "{name}");
    }
    let report = afir_report(&[(
        "location_example.json",
        bytes("ocpi-spec-examples/2.1.1/location_example.json"),
    )]);
    let l = &report.locations[0];
    assert!(station(l, "AFIR-A5").reason.contains("OCPI 2.1.1"));
    assert_eq!(station(l, "AFIR-A9").value, json!("BE"));
}

/// The 2.2.1 spec location with every connector pointing at tariff `id`.
fn location_priced_by(id: &str) -> Vec<u8> {
    let mut l: Value =
        serde_json::from_slice(&bytes("ocpi-spec-examples/2.2.1/location_example.json")).unwrap();
    for evse in l["evses"].as_array_mut().unwrap() {
        for c in evse["connectors"].as_array_mut().unwrap() {
            c["tariff_ids"] = json!([id]);
        }
    }
    serde_json::to_vec(&l).unwrap()
}

#[test]
fn spec_tariffs_in_the_afir_order() {
    // tariff_10: 0.50 EUR session + 20 %, 0.25 EUR/kWh + 10 %, 2.00 EUR/h parking + 20 %.
    let report = afir_report(&[
        ("location.json", location_priced_by("18")),
        (
            "tariff.json",
            bytes("ocpi-spec-examples/2.2.1/tariff_10_025kwh_parking_start.json"),
        ),
    ]);
    let f3 = point(&report.locations[0], "3257", "AFIR-F3");
    assert_eq!(f3.value[0]["per_kwh"], json!(["0.275"]));
    assert_eq!(f3.value[0]["per_session"], json!(["0.6"]));
    assert_eq!(
        f3.value[0]["other"],
        json!([{"type": "PARKING_TIME", "per_minute": "0.04"}])
    );
    assert!(
        f3.reason
            .contains("0.275 EUR/kWh, 0.6 EUR/session, 0.04 EUR/min parking (incl. tax)"),
        "{}",
        f3.reason
    );

    // tariff_5: free of charge (a FLAT of 0).
    let report = afir_report(&[
        ("location.json", location_priced_by("15")),
        (
            "tariff.json",
            bytes("ocpi-spec-examples/2.2.1/tariff_5_free_of_charge.json"),
        ),
    ]);
    let l = &report.locations[0];
    assert_eq!(
        status(point(l, "3256", "AFIR-5.1-ADHOC")),
        Status::NotApplicable
    );
    assert!(
        point(l, "3256", "AFIR-F3")
            .reason
            .contains("free of charge")
    );

    // tariff_4 is REGULAR: for contract customers only.
    let report = afir_report(&[
        ("location.json", location_priced_by("14")),
        (
            "tariff.json",
            bytes("ocpi-spec-examples/2.2.1/tariff_4_complex.json"),
        ),
    ]);
    assert_eq!(
        status(point(&report.locations[0], "3256", "AFIR-F3")),
        Status::Fail
    );
}

#[test]
fn spec_tariffs_2_3_0_with_and_without_tax() {
    let mut location: Value =
        serde_json::from_slice(&bytes("ocpi-spec-examples/2.3.0/location_example.json")).unwrap();
    for evse in location["evses"].as_array_mut().unwrap() {
        for c in evse["connectors"].as_array_mut().unwrap() {
            c["tariff_ids"] = json!(["12"]);
        }
    }
    let location = serde_json::to_vec(&location).unwrap();
    // tariff_20: 2.10 CAD/h including tax → 0.035 CAD/min.
    let inclusive = afir_report(&[
        ("location.json", location.clone()),
        (
            "tariff.json",
            bytes("ocpi-spec-examples/2.3.0/tariff_20_simple_north_american_inclusive.json"),
        ),
    ]);
    let f3 = point(&inclusive.locations[0], "3256", "AFIR-F3");
    assert_eq!(f3.value[0]["per_minute"], json!(["0.035"]));
    assert_eq!(f3.value[0]["incl_tax"], json!(true));
    assert_eq!(f3.value[0]["currency"], json!("CAD"));
    // tariff_19: 2.00 CAD/h excluding tax, no VAT given: no VAT applies (OCPI), 0.0333 CAD/min.
    let exclusive = afir_report(&[
        ("location.json", location),
        (
            "tariff.json",
            bytes("ocpi-spec-examples/2.3.0/tariff_19_simple_north_american_exclusive.json"),
        ),
    ]);
    let f3 = point(&exclusive.locations[0], "3256", "AFIR-F3");
    assert_eq!(f3.value[0]["per_minute"], json!(["0.0333"]));
}

#[test]
fn real_world_electric_era_us_rapid_chargers() {
    let report = afir_report(&[(
        "electricera.json",
        bytes("real-world-samples/ocpi_2_2_locations-electricera.json"),
    )]);
    assert_eq!(report.locations.len(), 3);
    let l = &report.locations[0];
    assert_eq!(l.pointer, "/data/0");
    assert_eq!(station(l, "AFIR-A9").value, json!("US"));
    assert_eq!(station(l, "AFIR-A20").value, json!("yes"));
    assert_eq!(point(l, "2", "AFIR-B6").value, json!(150.0));
    assert_eq!(
        point(l, "2", "AFIR-B3").value,
        json!([
            {"connector": "1", "standard": "IEC_62196_T1_COMBO", "type": "other"},
            {"connector": "2", "standard": "CHADEMO", "type": "CHAdeMO"}
        ])
    );
    // CCS1 and CHAdeMO: no CCS Combo 2, as Annex II wants in the EU.
    assert_eq!(status(point(l, "2", "AFIR-ANNEXII-CONN")), Status::Fail);
    assert_eq!(
        point(l, "2", "AFIR-5.1-INSTR-NEW").value,
        json!("CHIP_CARD_SUPPORT")
    );
    assert_eq!(status(point(l, "2", "AFIR-5.10-CABLE")), Status::Pass);
    // Six EVSEs of 200 kW each at the third site.
    assert_eq!(
        station(&report.locations[2], "AFIR-B5").value,
        json!({"upper_bound_kw": 1200.0})
    );
    assert_eq!(report.summary.get("AFIR-ANNEXII-CONN").get(Status::Fail), 3);
}

#[test]
fn real_world_gaia_leaves_removed_evses_out() {
    let report = afir_report(&[(
        "gaia.json",
        bytes("real-world-samples/ocpi_2_2_locations-gaia.json"),
    )]);
    let first = &report.locations[0];
    // Its only EVSE is REMOVED.
    assert!(first.evses.is_empty());
    assert_eq!(status(station(first, "AFIR-A3")), Status::Missing);
    let second = &report.locations[1];
    // Two of four EVSEs are REMOVED; the others keep their place in the data.
    assert_eq!(station(second, "AFIR-A3").value, json!(2));
    let pointers: Vec<&str> = second.evses.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(pointers, ["/data/1/evses/2", "/data/1/evses/3"]);
    let evse = &second.evses[0];
    assert_eq!(
        evse.requirement("AFIR-5.8-SMART").unwrap().status,
        Status::Pass
    );
    // Tariff FRGRNT000004 is referenced but no tariffs were given.
    assert_eq!(evse.requirement("AFIR-F3").unwrap().status, Status::Unknown);
}

#[test]
fn real_world_zepto_2_1_1_shape() {
    let report = afir_report(&[(
        "zepto.json",
        bytes("real-world-samples/ocpi_2_2_locations-zepto.json"),
    )]);
    assert_eq!(report.locations.len(), 10);
    let l = &report.locations[0];
    assert_eq!(l.id, "8832002");
    assert_eq!(
        point(l, "8832002", "AFIR-F1").value,
        json!("non-operational")
    );
    // 230 V × 32 A × 3 phases from the 2.1.1 names `voltage` and `amperage`.
    let power = point(l, "8832002", "AFIR-B6");
    assert_eq!(power.value, json!(22.08));
    assert!(power.reason.contains("derived"));
    assert_eq!(status(point(l, "8832002", "AFIR-B1")), Status::Missing);
    assert_eq!(status(point(l, "8832002", "AFIR-F3")), Status::Missing);
    assert_eq!(report.summary.get("AFIR-A14").get(Status::Missing), 10);
}

#[test]
fn real_world_samples_in_the_uk_view() {
    // Electric Era's US sites are not UK sites: position and postcode fail.
    let files = [(
        "electricera.json",
        bytes("real-world-samples/ocpi_2_2_locations-electricera.json"),
    )];
    let (feed, places) = read(&files);
    let mut inputs = UkInputs::as_of(date(2025, 6, 1));
    let walked: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    inputs.data_requirement = Some(DataRequirement::check(&walked));
    let report = uk::UkView::new(&feed, &inputs).with_places(places).report();
    let l = &report.locations[0];
    assert_eq!(status(station(l, "UK-R10-REFDATA-LOCATION")), Status::Fail);
    assert_eq!(station(l, "UK-R10-REFDATA-POSTCODE").value, json!("97218"));
    assert_eq!(status(station(l, "UK-R10-REFDATA-POSTCODE")), Status::Fail);
    // 150 kW with contactless.
    assert_eq!(status(point(l, "2", "UK-R5-CONTACTLESS")), Status::Pass);
    assert_eq!(status(station(l, "UK-R10-HOLD")), Status::Pass);
    // 2.2.1 has no help phone.
    assert_eq!(
        status(station(l, "UK-R9-HELPLINE")),
        Status::NotRepresentable
    );
    assert_eq!(report.network[0].status, Status::Unknown);

    // Zepto's 2.1.1 shape is not the OCPI 2.2.1 the UK data requirement names.
    let files = [(
        "zepto.json",
        bytes("real-world-samples/ocpi_2_2_locations-zepto.json"),
    )];
    let (feed, _) = read(&files);
    let walked: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    inputs.data_requirement = Some(DataRequirement::check(&walked));
    let report = uk::evaluate_feed(&feed, &inputs);
    let hold = station(&report.locations[0], "UK-R10-HOLD");
    assert_eq!(hold.status, Status::Fail);
    assert!(
        hold.fields.iter().any(|x| x == "/0/evses/0/last_updated"),
        "{:?}",
        hold.fields
    );
    assert_eq!(report.summary.get("UK-R10-HOLD").get(Status::Fail), 10);
}

#[test]
fn generated_uk_locations_are_inside_the_uk_with_uk_postcodes() {
    use ocpi_feed_gen::{FeedOptions, GenVersion, generate_json};
    let json = generate_json(&FeedOptions {
        locations: 600,
        seed: 11,
        version: GenVersion::V230,
        deviation_rate: 0.0,
    });
    let files = [
        ("locations.json", json.locations_envelope.into_bytes()),
        ("tariffs.json", json.tariffs_envelope.into_bytes()),
    ];
    let (feed, _) = read(&files);
    let report = uk::evaluate_feed(&feed, &UkInputs::as_of(date(2025, 6, 1)));
    let gb: Vec<&LocationReport> = report
        .locations
        .iter()
        .filter(|l| {
            feed.locations
                .iter()
                .any(|m| m.id == l.id && m.country == "GBR")
        })
        .collect();
    assert!(gb.len() > 10, "the generator makes GB locations");
    for l in gb {
        assert_eq!(
            station(l, "UK-R10-REFDATA-LOCATION").status,
            Status::Pass,
            "{}",
            l.id
        );
        let postcode = station(l, "UK-R10-REFDATA-POSTCODE");
        assert!(
            matches!(postcode.status, Status::Pass | Status::Missing),
            "{}: {}",
            l.id,
            postcode.value
        );
    }
}
