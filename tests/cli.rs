//! The command-line contract: outputs, formats and exit statuses.

mod cli_support;

use cli_support::{fixture, run, run_stdin};
use std::process::Output;

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

#[test]
fn a_valid_file_exits_zero() {
    let out = run(&[
        "validate",
        &fixture("ocpi-spec-examples/2.2.1/location_example.json"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("location, OCPI 2.2.1"), "{text}");
    assert!(text.contains("1 items read, 1 without errors"), "{text}");
}

#[test]
fn errors_in_the_data_exit_one_with_a_json_report() {
    let path = fixture("real-world-samples/ocpi_2_2_locations-zepto.json");
    let out = run(&["validate", "--format", "json", &path]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    let file = &report["files"][0];
    assert_eq!(file["kind"], "location");
    assert_eq!(file["version"], "2.2.1");
    assert_eq!(file["items"], 10);
    assert!(
        file["version_reason"]
            .as_str()
            .unwrap()
            .contains("country_code")
    );
    let first = &file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["severity"] == "error")
        .unwrap();
    for key in [
        "severity", "code", "message", "pointer", "line", "column", "spec",
    ] {
        assert!(!first[key].is_null(), "{key} missing in {first}");
    }
    assert_eq!(first["code"], "field-missing");
    assert_eq!(first["pointer"], "/0/evses/0/last_updated");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(21), Some(7))
    );
    let summary = &report["summary"];
    assert!(summary["errors"].as_u64().unwrap() >= 10);
}

#[test]
fn text_output_shows_the_source_line_and_a_caret() {
    let path = fixture("real-world-samples/ocpi_2_2_locations-zepto.json");
    let out = run(&["validate", "--min-severity", "warning", &path]);
    let text = String::from_utf8(out.stdout).unwrap();
    let expected =
        "warning[field-other-version]: `voltage` is the name of this field in another OCPI version";
    let at = text.find(expected).unwrap_or_else(|| panic!("{text}"));
    let block: Vec<&str> = text[at..].lines().take(6).collect();
    assert!(
        block[1].contains("ocpi_2_2_locations-zepto.json:31:13 at /0/evses/0/connectors/0/voltage"),
        "{block:?}"
    );
    assert_eq!(block[3], "31 |             \"voltage\": 230,");
    assert_eq!(block[4], "   |             ^^^^^^^^^");
    assert!(block[5].starts_with("  = spec: OCPI 2.2.1"), "{block:?}");
    assert!(!text.contains("info["), "infos are filtered out");
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let out = run_stdin(&["validate", "--format", "json", "-"], b"{\"id\": 1");
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!(report["files"][0]["path"], "<stdin>");
    let codes: Vec<&str> = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["json-syntax"]);
}

#[test]
fn the_tool_could_not_run_exits_two() {
    assert_eq!(
        run(&["validate", "/no/such/file.json"]).status.code(),
        Some(2)
    );
    assert_eq!(
        run(&["validate", "--version", "3.0", "x.json"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(run(&["validate"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn garbage_never_exits_other_than_zero_one_or_two() {
    for input in [
        &b"\xFF\xFE\x00"[..],
        b"[[[[[[[[",
        b"{\"data\": 5}",
        b"null",
        b"\"text\"",
        &[b'['; 100_000],
    ] {
        let out = run_stdin(&["validate", "--format", "json", "-"], input);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{:?}",
            String::from_utf8_lossy(&out.stderr)
        );
        json(&out);
    }
}

#[test]
fn forced_version_and_kind() {
    let path = fixture("ocpi-spec-examples/2.1.1/location_example.json");
    let out = run(&["validate", "--format", "json", "--version", "2.2.1", &path]);
    let report = json(&out);
    assert_eq!(report["files"][0]["version"], "2.2.1");
    let codes: Vec<&str> = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"version-shape-mismatch"), "{codes:?}");
    assert!(codes.contains(&"field-other-version"), "{codes:?}");
}

#[test]
fn several_files_form_one_feed() {
    let loc = fixture("ocpi-spec-examples/2.2.1/location_example.json");
    let out = run(&["validate", "--format", "json", &loc, &loc]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    let second = report["files"][1]["diagnostics"].as_array().unwrap();
    assert!(
        second.iter().any(|d| d["code"] == "location-id-duplicate"),
        "{second:?}"
    );
}

#[test]
fn json_with_comments_needs_the_option() {
    let tariff = std::fs::read_to_string(fixture(
        "ocpi-spec-examples/2.2.1/tariff_1_simple_2hour.json",
    ))
    .unwrap();
    let commented = format!("// hand-written tariff, 2 euro per hour\n{tariff}");
    let strict = json(&run_stdin(
        &["validate", "--format", "json", "-"],
        commented.as_bytes(),
    ));
    assert_eq!(strict["files"][0]["diagnostics"][0]["code"], "json-comment");
    assert_eq!(strict["files"][0]["diagnostics"][0]["line"], 1);
    let out = run_stdin(
        &["validate", "--format", "json", "--allow-comments", "-"],
        commented.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["files"][0]["kind"], "tariff");
}

#[test]
fn normalize_prints_the_model() {
    let path = fixture("ocpi-spec-examples/2.1.1/location_example.json");
    let out = run(&["normalize", &path]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let feed = json(&out);
    let location = &feed["locations"][0];
    assert_eq!(location["id"], "LOC1");
    let connector = &location["evses"][0]["connectors"][0];
    assert_eq!(connector["max_voltage"], 220);
    assert!(feed["tariffs"].as_array().unwrap().is_empty());
}
