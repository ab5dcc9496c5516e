//! Malformed input: every case gets a diagnostic with a place, never a panic, and what was read
//! before the problem is kept.

use ocpi_open_data::validate::{self, Options};
use ocpi_open_data::{Code, Severity};

fn codes(bytes: &[u8]) -> Vec<(Code, u32, u32)> {
    let r = validate::validate_document("input.json", bytes, &Options::default());
    r.diagnostics
        .iter()
        .map(|d| (d.code, d.line, d.column))
        .collect()
}

const LOCATION: &str = r#"{"country_code":"NL","party_id":"TNM","id":"LOC1","publish":true,"address":"Stationsplein 1","city":"Amsterdam","postal_code":"1012 AB","country":"NLD","coordinates":{"latitude":"52.378900","longitude":"4.900000"},"time_zone":"Europe/Amsterdam","last_updated":"2025-01-01T00:00:00Z"}"#;

fn feed(n: usize) -> String {
    let items: Vec<String> = (0..n)
        .map(|i| LOCATION.replace("LOC1", &format!("LOC{i}")))
        .collect();
    format!(
        "{{\"data\":[{}],\"status_code\":1000,\"timestamp\":\"2025-01-01T00:00:00Z\"}}",
        items.join(",\n")
    )
}

#[test]
fn truncated_feed_keeps_every_complete_location() {
    let text = feed(50);
    let cut = text.find("LOC37").unwrap() + 20;
    let r = validate::validate_document("cut.json", &text.as_bytes()[..cut], &Options::default());
    assert_eq!(r.items, 37, "the 37 complete locations are read");
    assert_eq!(r.items_ok, 37);
    let first = &r.diagnostics[0];
    assert!(
        r.diagnostics.iter().any(|d| d.code == Code::JsonSyntax),
        "{:?}",
        r.diagnostics
    );
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.code == Code::ItemTruncated && d.pointer == "/data/37")
    );
    assert!(first.line >= 1);
}

#[test]
fn invalid_utf8_is_reported_at_its_place() {
    let text = LOCATION.replace("Amsterdam\"", "Amst\u{FFFF}rdam\"");
    let bytes = text.replace('\u{FFFF}', "\u{1}").into_bytes();
    let mut bytes = bytes;
    let at = bytes.iter().position(|&b| b == 1).unwrap();
    bytes[at] = 0xE9; // Latin-1 e-acute
    let found = codes(&bytes);
    assert!(
        found
            .iter()
            .any(|&(c, line, col)| c == Code::JsonInvalidUtf8 && line == 1 && col == at as u32 + 1),
        "{found:?}"
    );
}

#[test]
fn deep_nesting_is_an_error() {
    let text = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let found = codes(text.as_bytes());
    assert!(found.contains(&(Code::JsonTooDeep, 1, 129)), "{found:?}");
}

#[test]
fn huge_numbers_are_reported_not_wrapped() {
    let text = LOCATION.replace(r#""publish":true"#, r#""publish":true,"evses":[{"uid":"E1","status":"AVAILABLE","last_updated":"2025-01-01T00:00:00Z","connectors":[{"id":"1","standard":"IEC_62196_T2","format":"SOCKET","power_type":"AC_3_PHASE","max_voltage":1e400,"max_amperage":123456789012345678901234567890,"last_updated":"2025-01-01T00:00:00Z"}]}]"#);
    let r = validate::validate_document("n.json", text.as_bytes(), &Options::default());
    let errs: Vec<_> = r
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| (d.code, d.pointer.as_str()))
        .collect();
    assert!(
        errs.contains(&(Code::NumberOutOfRange, "/evses/0/connectors/0/max_voltage")),
        "{errs:?}"
    );
    assert!(
        errs.contains(&(Code::NumberOutOfRange, "/evses/0/connectors/0/max_amperage")),
        "{errs:?}"
    );
}

#[test]
fn duplicate_keys_are_warned() {
    let text = LOCATION.replace(
        r#""city":"Amsterdam""#,
        r#""city":"Amsterdam","city":"Utrecht""#,
    );
    let found = codes(text.as_bytes());
    assert!(
        found.iter().any(|&(c, _, _)| c == Code::JsonDuplicateKey),
        "{found:?}"
    );
}

#[test]
fn a_fifty_megabyte_string_is_too_long_not_a_crash() {
    let big = "x".repeat(50 * 1024 * 1024);
    let text = LOCATION.replace("Stationsplein 1", &big);
    let r = validate::validate_document("big.json", text.as_bytes(), &Options::default());
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.code == Code::StringTooLong && d.pointer == "/address")
    );
    assert_eq!(r.items, 1);
}

#[test]
fn size_limit_is_a_diagnostic() {
    let text = feed(3);
    let options = Options {
        max_bytes: 100,
        ..Options::default()
    };
    let r = validate::validate_document("f.json", text.as_bytes(), &options);
    assert_eq!(r.diagnostics[0].code, Code::InputTooLarge);
}

#[test]
fn wrong_types_everywhere_give_diagnostics() {
    for replacement in ["null", "[]", "{}", "\"\"", "12", "true", "\"x\""] {
        let text = LOCATION.replace(
            r#"{"latitude":"52.378900","longitude":"4.900000"}"#,
            replacement,
        );
        let r = validate::validate_document("t.json", text.as_bytes(), &Options::default());
        assert!(
            r.diagnostics
                .iter()
                .any(|d| d.pointer.starts_with("/coordinates") && d.severity == Severity::Error),
            "{replacement}: {:?}",
            r.diagnostics
        );
        assert_eq!(r.items, 1, "{replacement}");
    }
}

#[test]
fn empty_and_whitespace_input() {
    for input in ["", "   \n", "\u{FEFF}"] {
        let found = codes(input.as_bytes());
        assert_eq!(found[0].0, Code::JsonSyntax, "{input:?}");
    }
}

#[test]
fn comments_only_behind_the_option() {
    let text = format!("// exported by hand\n{LOCATION}");
    assert_eq!(codes(text.as_bytes())[0].0, Code::JsonComment);
    let lenient = Options {
        allow_comments: true,
        ..Options::default()
    };
    let r = validate::validate_document("c.json", text.as_bytes(), &lenient);
    assert!(!r.has_errors(), "{:?}", r.diagnostics);
}

#[test]
fn one_broken_location_does_not_hide_its_neighbours() {
    let text = format!(
        "[{LOCATION}, 42, {}, {}]",
        r#"{"id": {"nested": true}}"#,
        LOCATION.replace("LOC1", "LOC2")
    );
    let r = validate::validate_document("mixed.json", text.as_bytes(), &Options::default());
    assert_eq!(
        r.items, 3,
        "the number 42 is dropped, the broken object kept"
    );
    assert_eq!(r.items_ok, 2);
    assert!(
        r.diagnostics
            .iter()
            .any(|d| d.code == Code::ItemDropped && d.pointer == "/1")
    );
}

#[test]
fn evse_id_with_multi_byte_characters_near_its_start() {
    // Found by the fuzzer: an EVSE id whose third byte lies inside a replacement character.
    let text = LOCATION.replace(
        r#""publish":true"#,
        "\"publish\":true,\"evses\":[{\"uid\":\"E1\",\"evse_id\":\"\u{FFFD}]]]]\u{FFFD}xample\",\"status\":\"AVAILABLE\",\"last_updated\":\"2025-01-01T00:00:00Z\",\"connectors\":[]}]",
    );
    let r = validate::validate_document("e.json", text.as_bytes(), &Options::default());
    assert!(r.diagnostics.iter().any(|d| d.code == Code::EvseIdFormat));
    let crash = include_bytes!("data/fuzz-crash-evse-id.bin");
    let r = validate::validate_document("crash.json", crash, &Options::default());
    assert!(!r.diagnostics.is_empty());
}
