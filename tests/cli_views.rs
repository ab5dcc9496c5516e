//! The command-line contract of `afir` and `uk`: JSON shape, text output and exit statuses.

mod cli_support;

use cli_support::{fixture, run, run_stdin};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::process::Output;

fn json_of(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// A fresh directory for the files of one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ocpi-views-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, value: &Value) -> String {
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_vec_pretty(value).unwrap()).unwrap();
    path.display().to_string()
}

/// A 2.3.0 UK location that meets every requirement the data can show: one rapid point with
/// contactless, a freephone helpline, a UK postcode.
fn uk_location() -> Value {
    json!([{
        "country_code": "GB", "party_id": "CPO", "id": "UK1", "publish": true,
        "address": "1 Horse Guards Road", "city": "London", "postal_code": "SW1A 2HQ",
        "country": "GBR", "coordinates": {"latitude": "51.503000", "longitude": "-0.129000"},
        "operator": {"name": "Charge UK"}, "time_zone": "Europe/London",
        "opening_times": {"twentyfourseven": true}, "help_phone": "+44 800 123 4567",
        "evses": [{
            "uid": "R1", "evse_id": "GB*CPO*E1", "status": "AVAILABLE",
            "capabilities": ["CONTACTLESS_CARD_SUPPORT", "CHIP_CARD_SUPPORT"],
            "connectors": [{"id": "1", "standard": "IEC_62196_T2_COMBO", "format": "CABLE",
                "power_type": "DC", "max_voltage": 920, "max_amperage": 250,
                "max_electric_power": 150000, "tariff_ids": ["RAPID"],
                "last_updated": "2025-01-01T00:00:00Z"}],
            "last_updated": "2025-01-01T00:00:00Z"
        }],
        "last_updated": "2025-01-01T00:00:00Z"
    }])
}

fn uk_tariffs() -> Value {
    json!([{
        "country_code": "GB", "party_id": "CPO", "id": "RAPID", "currency": "GBP",
        "type": "AD_HOC_PAYMENT", "tax_included": "YES",
        "elements": [{"price_components": [{"type": "ENERGY", "price": 0.79, "step_size": 1}]}],
        "last_updated": "2025-01-01T00:00:00Z"
    }])
}

fn assert_entry_shape(entry: &Value) {
    for key in ["id", "status", "value", "reason", "fields"] {
        assert!(entry.get(key).is_some(), "{key} missing in {entry}");
    }
    let status = entry["status"].as_str().unwrap();
    assert!(
        [
            "pass",
            "fail",
            "missing",
            "not-representable",
            "not-applicable",
            "unknown"
        ]
        .contains(&status),
        "{status}"
    );
    assert!(entry["fields"].is_array());
}

#[test]
fn afir_json_has_the_documented_shape() {
    let out = run(&[
        "afir",
        "--format",
        "json",
        "--as-of",
        "2025-06-01",
        "--tariffs",
        &fixture("ocpi-spec-examples/2.2.1/tariff_2_alt_text.json"),
        &fixture("ocpi-spec-examples/2.2.1/location_example.json"),
    ]);
    let report = json_of(&out);
    // The spec's example has no opening times: a mandatory item is missing.
    assert_eq!(out.status.code(), Some(1));
    let location = &report["locations"][0];
    assert_eq!(location["id"], "LOC1");
    for entry in location["requirements"].as_array().unwrap() {
        assert_entry_shape(entry);
    }
    let evse = &location["evses"][0];
    assert_eq!(evse["uid"], "3256");
    for entry in evse["requirements"].as_array().unwrap() {
        assert_entry_shape(entry);
    }
    let a14 = location["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "AFIR-A14")
        .unwrap();
    assert_eq!(a14["status"], "missing");
    assert_eq!(a14["fields"], json!(["/opening_times"]));
    let summary = &report["summary"]["AFIR-A9"];
    assert_eq!(
        summary,
        &json!({"pass": 1, "fail": 0, "missing": 0, "not-representable": 0,
                "not-applicable": 0, "unknown": 0})
    );
    assert_eq!(report["summary"].as_object().unwrap().len(), 48);
}

#[test]
fn uk_exits_zero_when_nothing_fails_and_reads_snapshots() {
    let dir = scratch("uk-ok");
    let locations = write(&dir, "locations.json", &uk_location());
    let tariffs = write(&dir, "tariffs.json", &uk_tariffs());
    let snapshots = dir.join("snapshots");
    std::fs::create_dir_all(&snapshots).unwrap();
    for (name, at, status) in [
        ("a.json", "2025-03-03T00:00:00Z", "AVAILABLE"),
        ("b.json", "2025-03-07T00:00:00Z", "CHARGING"),
        ("c.json", "2025-03-10T00:00:00Z", "AVAILABLE"),
    ] {
        write(
            &snapshots,
            name,
            &json!({"timestamp": at, "statuses": [
                {"location_id": "UK1", "evse_uid": "R1", "status": status}]}),
        );
    }
    let out = run(&[
        "uk",
        "--format",
        "json",
        "--as-of",
        "2025-06-01",
        "--tariffs",
        &tariffs,
        "--snapshots",
        &snapshots.display().to_string(),
        &locations,
    ]);
    let report = json_of(&out);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        serde_json::to_string_pretty(&report).unwrap()
    );
    let network = &report["network"][0];
    assert_eq!(network["id"], "UK-R7-RELIABILITY");
    assert_eq!(network["status"], "pass");
    assert_eq!(network["value"]["working_hours"], json!(168.0));
    let requirements = report["locations"][0]["evses"][0]["requirements"]
        .as_array()
        .unwrap();
    let pkwh = requirements
        .iter()
        .find(|e| e["id"] == "UK-R11-PKWH")
        .unwrap();
    assert_eq!(pkwh["value"][0]["p_per_kwh"], "79");
    let hold = report["locations"][0]["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "UK-R10-HOLD")
        .unwrap()
        .clone();
    assert_eq!(hold["status"], "pass");
    assert_eq!(report["summary"]["UK-R9-HELPLINE"]["pass"], 1);
}

#[test]
fn uk_failures_exit_one_and_text_shows_a_table_and_the_summary() {
    let dir = scratch("uk-fail");
    let mut location = uk_location();
    location[0]["help_phone"] = json!("0906 123 4567");
    let locations = write(&dir, "locations.json", &location);
    let tariffs = write(&dir, "tariffs.json", &uk_tariffs());
    let out = run(&[
        "uk",
        "--as-of",
        "2025-06-01",
        "--tariffs",
        &tariffs,
        &locations,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("location UK1 ("), "{text}");
    let helpline = text
        .lines()
        .find(|l| l.trim_start().starts_with("UK-R9-HELPLINE"))
        .unwrap();
    assert!(helpline.contains("fail"), "{helpline}");
    assert!(helpline.contains("premium-rate"), "{helpline}");
    assert!(text.contains("  EVSE R1 (at /0/evses/0)"), "{text}");
    assert!(text.contains("\nsummary: 1 location(s)"), "{text}");
    assert!(
        text.lines()
            .any(|l| l.starts_with("  UK-R9-HELPLINE") && l.contains("Free-to-use")),
        "{text}"
    );
}

#[test]
fn micro_business_and_facts_options() {
    let dir = scratch("facts");
    let mut location = uk_location();
    location[0]["help_phone"] = json!("0906 123 4567");
    let locations = write(&dir, "locations.json", &location);
    let tariffs = write(&dir, "tariffs.json", &uk_tariffs());
    let out = run(&[
        "uk",
        "--micro-business",
        "--format",
        "json",
        "--tariffs",
        &tariffs,
        &locations,
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        json_of(&out)["summary"]["UK-R9-HELPLINE"]["not-applicable"],
        1
    );

    // AFIR: a DC point without a card reader, deployed after 13 April 2024 per the facts file.
    let mut no_reader = uk_location();
    no_reader[0]["evses"][0]["capabilities"] = json!(["RFID_READER"]);
    let path = write(&dir, "no_reader.json", &no_reader);
    let facts = write(
        &dir,
        "facts.json",
        &json!({"UK1": {"commissioned": "2024-06-01"}}),
    );
    let status_of = |extra: &[&str]| {
        let mut args = vec!["afir", "--format", "json", "--as-of", "2025-06-01"];
        args.extend_from_slice(extra);
        args.push(&path);
        let report = json_of(&run(&args));
        report["locations"][0]["evses"][0]["requirements"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == "AFIR-5.1-INSTR-NEW")
            .unwrap()["status"]
            .clone()
    };
    assert_eq!(status_of(&[]), "unknown");
    assert_eq!(status_of(&["--facts", &facts]), "fail");
    assert_eq!(
        status_of(&["--commissioned", "2023-01-01"]),
        "not-applicable"
    );
}

#[test]
fn locations_from_standard_input() {
    let bytes = serde_json::to_vec(&uk_location()).unwrap();
    let out = run_stdin(&["afir", "--format", "json", "-"], &bytes);
    let report = json_of(&out);
    assert_eq!(report["locations"][0]["file"], "<stdin>");
    assert_eq!(report["locations"][0]["evses"][0]["pointer"], "/0/evses/0");
    // Without tariffs the ad hoc price is unknown, not failed.
    let f3 = report["locations"][0]["evses"][0]["requirements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "AFIR-F3")
        .unwrap()
        .clone();
    assert_eq!(f3["status"], "unknown");
}

#[test]
fn the_tool_could_not_run_exits_two() {
    let dir = scratch("two");
    let locations = write(&dir, "locations.json", &uk_location());
    let bad_facts = write(&dir, "facts.json", &json!({"UK1": {"commisioned": "2024"}}));
    let snapshots = dir.join("snapshots");
    std::fs::create_dir_all(&snapshots).unwrap();
    std::fs::write(snapshots.join("a.json"), b"{\"statuses\": []}").unwrap();
    for (args, expected) in [
        (vec!["afir", "/no/such/file.json"], "cannot read"),
        (vec!["afir", "--as-of", "1 June", &locations], "YYYY-MM-DD"),
        (
            vec!["afir", "--facts", &bad_facts, &locations],
            "facts-invalid",
        ),
        (
            vec!["uk", "--tariffs", "/no/such/tariffs.json", &locations],
            "cannot read",
        ),
        (
            vec!["uk", "--snapshots", "/no/such/dir", &locations],
            "snapshots directory",
        ),
        (
            vec![
                "uk",
                "--snapshots",
                &snapshots.display().to_string(),
                &locations,
            ],
            "snapshot-no-timestamp",
        ),
        (vec!["afir"], "LOCATIONS"),
    ] {
        let out = run(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn garbage_never_exits_other_than_zero_one_or_two() {
    for input in [
        &b"\xFF\xFE\x00"[..],
        b"[[[[[[[[",
        b"{\"data\": 5}",
        b"null",
        &[b'['; 100_000],
    ] {
        for view in ["afir", "uk"] {
            let out = run_stdin(&[view, "--format", "json", "-"], input);
            // Nothing could be read: the data falls short.
            assert_eq!(
                out.status.code(),
                Some(1),
                "{view}: {:?}",
                String::from_utf8_lossy(&out.stderr)
            );
            let report = json_of(&out);
            assert!(report["locations"].as_array().unwrap().is_empty());
        }
    }
}
