//! The `price` command: outputs, formats and exit statuses.

mod cli_support;

use cli_support::{FIXTURES, run_stdin};
use std::process::Output;

fn pricing(rel: &str) -> String {
    format!("{FIXTURES}/tariff-pricing/{rel}")
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)))
}

const SESSION: &[u8] =
    br#"{"start_date_time": "2025-06-02T09:30:00", "end_date_time": "2025-06-02T10:30:00",
    "timezone": "Europe/Amsterdam", "energy_kwh": 20, "max_power_kw": 20}"#;

#[test]
fn a_session_is_priced_as_text_and_as_json() {
    let tariff = format!("{FIXTURES}/ocpi-spec-examples/2.2.1/tariff_9_025kwh_start.json");
    let out = run_stdin(&["price", "--tariff", &tariff, "--session", "-"], SESSION);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("total: €5.50 before tax, €6.10 after tax"),
        "{text}"
    );
    assert!(
        text.contains("€0.25 per kWh (+10% VAT); €0.50 per session (+20% VAT)"),
        "{text}"
    );

    let out = run_stdin(
        &[
            "price",
            "--tariff",
            &tariff,
            "--session",
            "-",
            "--format",
            "json",
        ],
        SESSION,
    );
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(v["currency"], "EUR");
    assert_eq!(v["total"]["before_tax"], "5.50");
    assert_eq!(v["total"]["after_tax"], "6.10");
    assert_eq!(v["components"][0]["type"], "ENERGY");
    assert_eq!(v["components"][0]["quantity"], "20");
    assert_eq!(v["components"][0]["price"], "0.25");
    assert_eq!(v["components"][1]["type"], "FLAT");
    assert_eq!(v["periods"][0]["local_start"], "2025-06-02T09:30:00");
    assert_eq!(v["periods"][0]["start"], "2025-06-02T07:30:00Z");
    assert!(
        v["explanation"]
            .as_str()
            .is_some_and(|e| e.starts_with("€0.25 per kWh"))
    );
    assert!(v.get("cdr").is_none());

    let out = run_stdin(
        &[
            "price",
            "--tariff",
            &tariff,
            "--session",
            "-",
            "--language",
            "de",
        ],
        SESSION,
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("0,25 € pro kWh"));
}

#[test]
fn a_cdr_matching_its_tariff_exits_zero_and_a_differing_one_one() {
    let dir = "v221/real_world/simple_3hour_5parking";
    let out = run_stdin(
        &[
            "price",
            "--tariff",
            &pricing(&format!("{dir}/tariff.json")),
            "--cdr",
            &pricing(&format!("{dir}/cdr1.json")),
            "--format",
            "json",
        ],
        b"",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let v = json(&out);
    assert_eq!(v["cdr"]["matches"], true);
    assert_eq!(v["cdr"]["totals"][0]["field"], "total_cost");
    assert_eq!(v["cdr"]["totals"][0]["stated"]["before_tax"], "11.25");
    assert_eq!(v["cdr"]["totals"][0]["difference"]["before_tax"], "0.00");

    let dir = "v221/real_world/periods_state_no_time_tariff_prices_parking";
    let out = run_stdin(
        &[
            "price",
            "--tariff",
            &pricing(&format!("{dir}/tariff.json")),
            "--cdr",
            &pricing(&format!("{dir}/cdr.json")),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("DIFFERS"), "{text}");
    assert!(
        text.contains("the CDR's totals differ from the tariff"),
        "{text}"
    );
}

#[test]
fn a_cdr_carrying_its_tariff_needs_no_tariff_file() {
    let out = run_stdin(
        &[
            "price",
            "--cdr",
            &pricing("v211/real_world/issue_59_allego/cdr.json"),
            "--format",
            "json",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let v = json(&out);
    assert_eq!(v["tariff_id"], "995");
    assert_eq!(v["time_zone"], "Europe/Amsterdam");
    assert_eq!(v["total"]["before_tax"], "25.0841");
}

#[test]
fn errors_exit_one_for_data_and_two_for_the_tool() {
    let tariff = format!("{FIXTURES}/ocpi-spec-examples/2.2.1/tariff_9_025kwh_start.json");
    // A session that cannot be priced: exit 1 with the error as JSON.
    let out = run_stdin(
        &["price", "--tariff", &tariff, "--session", "-", "--format", "json"],
        br#"{"start_date_time": "2025-06-02T10:00:00Z", "end_date_time": "2025-06-02T09:00:00Z", "energy_kwh": 1, "max_power_kw": 1}"#,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["error"]["code"], "session-ends-before-start");
    let out = run_stdin(
        &["price", "--tariff", &tariff, "--session", "-"],
        br#"{"start_date_time": "2025-06-02T10:00:00Z"}"#,
    );
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("error[session-invalid]"), "{text}");
    assert!(text.contains("(at /end_date_time)"), "{text}");
    // Several tariffs and no id to choose by.
    let list = format!(
        "[{}, {}]",
        std::fs::read_to_string(&tariff).expect("tariff"),
        std::fs::read_to_string(format!(
            "{FIXTURES}/ocpi-spec-examples/2.2.1/tariff_8_simple_025kwh.json"
        ))
        .expect("tariff")
    );
    let dir = std::env::temp_dir().join(format!("price-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("tariffs.json");
    std::fs::write(&path, list).expect("written");
    let path = path.to_string_lossy().to_string();
    let out = run_stdin(
        &[
            "price",
            "--tariff",
            &path,
            "--session",
            "-",
            "--format",
            "json",
        ],
        SESSION,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["error"]["code"], "tariff-not-found");
    let out = run_stdin(
        &[
            "price",
            "--tariff",
            &path,
            "--tariff-id",
            "16",
            "--session",
            "-",
            "--format",
            "json",
        ],
        SESSION,
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(json(&out)["total"]["before_tax"], "5.00");
    std::fs::remove_dir_all(&dir).ok();
    // Unreadable file, bad arguments, unknown time zone: exit 2.
    assert_eq!(
        run_stdin(
            &["price", "--tariff", "/nonexistent", "--session", "-"],
            SESSION
        )
        .status
        .code(),
        Some(2)
    );
    assert_eq!(
        run_stdin(&["price", "--tariff", &tariff], b"")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run_stdin(
            &[
                "price",
                "--tariff",
                &tariff,
                "--session",
                "-",
                "--timezone",
                "Mars/Base"
            ],
            SESSION
        )
        .status
        .code(),
        Some(2)
    );
}

#[test]
fn the_tariff_version_can_be_forced() {
    // A tariff without any field new in 2.2 reads as 2.1.1: its VAT rate is unknown. Read as
    // 2.2.1, a component without `vat` has no VAT.
    let tariff = format!("{FIXTURES}/ocpi-spec-examples/2.1.1/tariff_1_simple_2hour.json");
    let out = run_stdin(
        &[
            "price",
            "--tariff",
            &tariff,
            "--session",
            "-",
            "--format",
            "json",
        ],
        SESSION,
    );
    let v = json(&out);
    assert_eq!(
        (
            v["total"]["before_tax"].as_str(),
            v["total"]["after_tax"].as_str()
        ),
        (Some("2.00"), None)
    );
    let out = run_stdin(
        &[
            "price",
            "--tariff",
            &tariff,
            "--tariff-version",
            "2.2.1",
            "--session",
            "-",
            "--format",
            "json",
        ],
        SESSION,
    );
    let v = json(&out);
    assert_eq!(v["total"]["after_tax"], "2.00");
}

#[test]
fn a_tariff_with_validation_errors_is_priced_and_exits_one() {
    // An unknown dimension type: the validator drops that component.
    let tariff = br#"{"country_code": "NL", "party_id": "ABC", "id": "e", "currency": "EUR",
        "elements": [{"price_components": [
            {"type": "ENERGY", "price": 0.30, "step_size": 1},
            {"type": "CONGESTION", "price": 9.99, "step_size": 1}]}],
        "last_updated": "2025-01-01T00:00:00Z"}"#;
    let dir = std::env::temp_dir().join(format!("price-cli-errors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("tariff.json");
    std::fs::write(&path, tariff).expect("written");
    let out = run_stdin(
        &[
            "price",
            "--tariff",
            &path.to_string_lossy(),
            "--session",
            "-",
            "--format",
            "json",
        ],
        SESSION,
    );
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    assert_eq!(v["total"]["before_tax"], "6.00");
    assert_eq!(v["warnings"][0]["code"], "tariff-has-errors");
}
