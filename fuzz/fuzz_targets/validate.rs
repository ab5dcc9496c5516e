//! Any bytes through the whole pipeline: JSON reader, detection, spec walk, rules, model, and the
//! JSON output. The first byte chooses options so that forced versions, kinds, comments and both
//! ways of building the model are fuzzed too.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ocpi_open_data::spec::Version;
use ocpi_open_data::validate::{self, Kind, Options};

fuzz_target!(|data: &[u8]| {
    let (choice, input) = match data.split_first() {
        Some((c, rest)) => (*c, rest),
        None => (0, data),
    };
    let options = Options {
        allow_comments: choice & 1 != 0,
        version: match (choice >> 1) & 3 {
            1 => Some(Version::V2_1_1),
            2 => Some(Version::V2_2_1),
            3 => Some(Version::V2_3_0),
            _ => None,
        },
        kind: match (choice >> 3) & 3 {
            1 => Some(Kind::Location),
            2 => Some(Kind::Tariff),
            _ => None,
        },
        label: if choice & 0x20 != 0 { Some("2.2".into()) } else { None },
        ..Options::default()
    };
    // Both ways through: lenient trees kept then converted, or converted item by item.
    let (reports, feed) = if choice & 0x40 != 0 {
        ocpi_open_data::model::read_feed(&[("fuzz.json", input)], |_| options.clone())
    } else {
        let report = validate::validate_document("fuzz.json", input, &options);
        let feed = ocpi_open_data::model::build_feed(std::slice::from_ref(&report));
        (vec![report], feed)
    };
    for d in &reports[0].diagnostics {
        assert!(d.line >= 1 && d.column >= 1, "a diagnostic without a place: {d:?}");
    }
    let _ = serde_json::to_string(&feed);
});
