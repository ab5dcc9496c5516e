//! Reading a feed item by item (`model::read_feed`, what the CLI does) gives the same diagnostics
//! and the same model as reading it whole, and decides the version on the whole feed.

use ocpi_feed_gen::{FeedOptions, GenVersion, generate_json};
use ocpi_open_data::model::{build_feed, read_feed};
use ocpi_open_data::validate::{self, Options};

fn feed(version: GenVersion, locations: usize) -> (Vec<u8>, Vec<u8>) {
    let opts = FeedOptions {
        locations,
        seed: 11,
        version,
        deviation_rate: 0.3,
    };
    let json = generate_json(&opts);
    (
        json.locations_envelope.into_bytes(),
        json.tariffs_envelope.into_bytes(),
    )
}

#[test]
fn item_by_item_equals_whole() {
    for version in [GenVersion::V211, GenVersion::V221, GenVersion::V230] {
        let (locations, tariffs) = feed(version, 150);
        let files = [
            ("locations.json", locations.as_slice()),
            ("tariffs.json", tariffs.as_slice()),
        ];
        let whole = validate::validate_files(&files, &Options::default());
        let whole_feed = build_feed(&whole);
        let (streamed, streamed_feed) = read_feed(&files, |_| Options::default());
        for (a, b) in whole.iter().zip(&streamed) {
            assert_eq!(a.diagnostics, b.diagnostics, "{version:?} {}", a.path);
            assert_eq!(
                (a.items, a.items_ok, a.kind, a.version),
                (b.items, b.items_ok, b.kind, b.version)
            );
            assert_eq!(a.version_reason, b.version_reason);
        }
        assert_eq!(whole_feed, streamed_feed, "{version:?}");
        assert!(
            whole.iter().map(|r| r.diagnostics.len()).sum::<usize>() > 10,
            "the deviations are found"
        );
    }
}

#[test]
fn tariff_references_are_checked_across_files_when_streaming() {
    let (locations, _) = feed(GenVersion::V221, 80);
    let other_tariffs = br#"[{"country_code":"NL","party_id":"XXX","id":"NONE","currency":"EUR","elements":[{"price_components":[{"type":"ENERGY","price":0.3,"step_size":1}]}],"last_updated":"2025-01-01T00:00:00Z"}]"#;
    let files = [
        ("locations.json", locations.as_slice()),
        ("tariffs.json", other_tariffs.as_slice()),
    ];
    let (reports, feed) = read_feed(&files, |_| Options::default());
    let unresolved = reports[0]
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str() == "tariff-reference-unresolved")
        .count();
    assert!(unresolved > 80, "{unresolved}");
    assert!(
        feed.locations.iter().all(|l| l.source.has_errors),
        "unresolved references are errors of each location"
    );
}

#[test]
fn a_2_3_0_field_after_the_first_items_still_decides_the_version() {
    let location = |i: usize, extra: &str| {
        format!(
            r#"{{"country_code":"NL","party_id":"TNM","id":"L{i}","publish":true,"address":"Kade 1","city":"Utrecht","country":"NLD","coordinates":{{"latitude":"52.09000","longitude":"5.12000"}},"time_zone":"Europe/Amsterdam"{extra},"last_updated":"2025-01-01T00:00:00Z"}}"#
        )
    };
    let mut items: Vec<String> = (0..100).map(|i| location(i, "")).collect();
    items[90] = location(90, r#","help_phone":"+31 30 123 4567""#);
    let text = format!("[{}]", items.join(","));
    let (reports, feed) = read_feed(&[("l.json", text.as_bytes())], |_| Options::default());
    assert_eq!(
        reports[0].version.map(|v| v.as_str()),
        Some("2.3.0"),
        "{}",
        reports[0].version_reason
    );
    assert!(
        reports[0].version_reason.contains("help_phone"),
        "{}",
        reports[0].version_reason
    );
    assert_eq!(
        feed.locations[90].help_phone.as_deref(),
        Some("+31 30 123 4567")
    );
}
