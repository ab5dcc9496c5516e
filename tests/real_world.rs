//! Real operator feeds from `../shared/fixtures/real-world-samples`: every location is read, and
//! each deviation from the specification is reported at its place.

use ocpi_open_data::model::build_feed;
use ocpi_open_data::validate::{self, FileReport, Options};

const ROOT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/fixtures/real-world-samples"
);

fn read(name: &str) -> (Vec<u8>, String) {
    let path = format!("{ROOT}/{name}");
    (std::fs::read(&path).unwrap(), path)
}

fn validate<'a>(path: &str, bytes: &'a [u8]) -> FileReport<'a> {
    let options = Options {
        label: validate::label_from_path(path),
        ..Options::default()
    };
    validate::validate_document(path, bytes, &options)
}

fn has(report: &FileReport, code: &str, pointer: &str, line: u32) -> bool {
    report
        .diagnostics
        .iter()
        .any(|d| d.code.as_str() == code && d.pointer == pointer && d.line == line)
}

fn count(report: &FileReport, code: &str) -> usize {
    report
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == code)
        .count()
}

#[test]
fn zepto_a_2_1_1_shape_under_a_2_2_address() {
    let (bytes, path) = read("ocpi_2_2_locations-zepto.json");
    let report = validate(&path, &bytes);
    assert_eq!(report.items, 10);
    assert_eq!(report.version.map(|v| v.as_str()), Some("2.2.1"));
    assert!(has(&report, "version-withdrawn", "", 1));
    assert!(has(&report, "version-shape-mismatch", "", 1));
    assert!(has(&report, "wrapper-non-standard", "", 1));
    assert!(has(
        &report,
        "field-other-version",
        "/0/evses/0/connectors/0/voltage",
        31
    ));
    assert!(has(
        &report,
        "field-other-version",
        "/0/evses/0/connectors/0/amperage",
        32
    ));
    assert!(has(&report, "field-missing", "/0/evses/0/last_updated", 21));
    assert!(has(
        &report,
        "field-coerced",
        "/5/evses/0/connectors/0/max_amperage",
        315
    ));
    // Every connector carries the 2.1.1 names: each one is reported.
    let connectors = bytes.windows(9).filter(|w| w == b"\"voltage\"").count();
    assert_eq!(count(&report, "field-other-version"), connectors * 2);
    let feed = build_feed(std::slice::from_ref(&report));
    assert_eq!(feed.locations.len(), 10);
    let c = &feed.locations[0].evses[0].connectors[0];
    assert_eq!((c.max_voltage, c.max_amperage), (Some(230), Some(32)));
}

#[test]
fn electric_era_coordinates_with_too_many_decimals() {
    let (bytes, path) = read("ocpi_2_2_locations-electricera.json");
    let report = validate(&path, &bytes);
    assert_eq!(report.items, 3);
    assert_eq!(report.items_ok, 3);
    assert!(has(
        &report,
        "coordinate-format",
        "/data/0/evses/0/coordinates/latitude",
        61
    ));
    assert!(has(
        &report,
        "coordinate-format",
        "/data/0/evses/0/coordinates/longitude",
        62
    ));
    assert_eq!(count(&report, "coordinate-format"), 16);
    assert_eq!(build_feed(std::slice::from_ref(&report)).locations.len(), 3);
}

#[test]
fn gaia_removed_evses() {
    let (bytes, path) = read("ocpi_2_2_locations-gaia.json");
    let report = validate(&path, &bytes);
    assert_eq!(report.items, 4);
    assert!(has(&report, "location-expired", "/data/0/evses", 19));
    assert!(has(&report, "evse-removed", "/data/0/evses/0/status", 22));
    assert_eq!(build_feed(std::slice::from_ref(&report)).locations.len(), 4);
}

#[test]
fn ocpi_like_sample_with_lat_lon_keys() {
    let (bytes, path) = read("tests_files_ocpi.json");
    let report = validate(&path, &bytes);
    assert_eq!(report.items, 2);
    assert!(has(&report, "field-renamed", "/data/0/coordinates/lat", 14));
    assert!(has(&report, "field-renamed", "/data/0/coordinates/lon", 15));
    assert!(has(&report, "field-renamed", "/data/0/uid", 6));
    assert!(has(&report, "country-code-invalid", "/data/0/country", 11));
    assert!(has(&report, "field-missing", "/data/0/time_zone", 5));
    assert!(has(&report, "field-unknown", "/data/0/evses/0/phone", 24));
    let feed = build_feed(std::slice::from_ref(&report));
    assert_eq!(feed.locations.len(), 2);
    let first = &feed.locations[0];
    assert_eq!(first.id, "DE*EBW*E800282");
    assert_eq!(first.country, "DEU");
    let coordinates = first
        .coordinates
        .as_ref()
        .expect("lat/lon read as coordinates");
    assert!((coordinates.lat - 48.599106).abs() < 1e-9);
    // EVSEs without uid take their evse_id.
    assert_eq!(first.evses[0].uid, "DE*EBW*E800282*1");
}
