//! `ocpi-open-data fetch` against the fault-injecting server: exit statuses, the envelope file
//! and the JSON report.
#![cfg(feature = "cli")]

mod support;

use std::process::{Command, Output};
use std::sync::OnceLock;

const BIN: &str = env!("CARGO_BIN_EXE_ocpi-open-data");

fn server() -> &'static support::FaultServer {
    static SERVER: OnceLock<support::FaultServer> = OnceLock::new();
    SERVER.get_or_init(support::start)
}

fn fetch(args: &[&str]) -> Output {
    Command::new(BIN)
        .arg("fetch")
        .args(["--retry-delay-ms", "5", "--timeout-ms", "2000"])
        .args(args)
        .output()
        .expect("the binary runs")
}

fn report(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "not one JSON document ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn temp_path(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("ocpi-open-data-cli-fetch-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir.join(name)
}

#[test]
fn a_complete_feed_exits_zero_and_writes_an_envelope() {
    let out_file = temp_path("ok.json");
    let url = server().url("/ok/versions");
    let out = fetch(&[
        &url,
        "--out",
        out_file.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let r = report(&out);
    assert_eq!(r["url"], url.as_str());
    assert_eq!(r["version"], "2.2.1");
    assert_eq!(r["module"], "locations");
    assert_eq!(r["pages"], 3);
    assert_eq!(r["items"], 5);
    assert!(r["bytes"].as_u64().unwrap() > 1000);
    assert_eq!(r["failed_pages"], serde_json::json!([]));
    assert_eq!(r["diagnostics_summary"]["errors"], 0);
    let envelope: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out_file).unwrap()).unwrap();
    assert_eq!(envelope["status_code"], 1000);
    let ids: Vec<&str> = envelope["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["L1", "L2", "L3", "L4", "L5"]);
    // The written file is a valid OCPI document for `validate`.
    let validated = Command::new(BIN)
        .args(["validate", "--format", "json", out_file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(
        validated.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&validated.stdout)
    );
}

#[test]
fn a_partly_failed_feed_exits_one_and_keeps_the_rest() {
    let out_file = temp_path("down.json");
    let url = server().url("/down/2.2.1/locations");
    let out = fetch(&[
        &url,
        "--out",
        out_file.to_str().unwrap(),
        "--format",
        "json",
        "--retries",
        "1",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let r = report(&out);
    assert_eq!(r["items"], 2);
    assert_eq!(
        r["failed_pages"][0]["url"],
        server()
            .url("/down/2.2.1/locations?offset=2&limit=2")
            .as_str()
    );
    assert_eq!(r["failed_pages"][0]["error"]["code"], "server-error");
    assert!(
        r["failed_pages"][0]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("500")
    );
    let envelope: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out_file).unwrap()).unwrap();
    assert_eq!(envelope["data"].as_array().unwrap().len(), 2);
}

#[test]
fn nothing_read_exits_two() {
    let out = fetch(&[&server().url("/error/2.2.1/locations"), "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    let r = report(&out);
    assert_eq!(r["items"], 0);
    assert_eq!(r["failed_pages"][0]["error"]["code"], "ocpi-status");
    let out = fetch(&[&server().url("/nothing/versions")]);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("[http-status]"), "{text}");
}

#[test]
fn text_report_and_progress_for_a_person() {
    let out = fetch(&[&server().url("/cut/2.2.1/locations")]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("3 pages (2 without fault), 4 items"),
        "{text}"
    );
    assert!(text.contains("[json-invalid]"), "{text}");
    let progress = String::from_utf8_lossy(&out.stderr);
    assert!(
        progress.contains("page 1: 1 items (json-invalid)"),
        "{progress}"
    );
    assert!(progress.contains("of 5 items"), "{progress}");
}

#[test]
fn a_token_file_opens_a_protected_endpoint_and_is_never_printed() {
    let token = temp_path("token.txt");
    std::fs::write(&token, "s3cret\n").unwrap();
    let url = server().url("/private/2.2.1/locations");
    let out = fetch(&[
        &url,
        "--token-file",
        token.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(report(&out)["items"], 5);
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !all.contains("s3cret") && !all.contains("czNjcmV0"),
        "{all}"
    );
    let out = fetch(&[&url, "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        report(&out)["failed_pages"][0]["error"]["code"],
        "unauthorized"
    );
}

#[test]
fn setup_problems_exit_two_with_a_message() {
    let url = server().url("/ok/versions");
    let out = fetch(&[&url, "--totp-config", "/nonexistent/totp.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read the TOTP configuration"));
    let out = fetch(&[&url, "--token-file", "/nonexistent/token"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read the token file"));
    let out = fetch(&[&url, "--client-cert", "cert.pem"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "clap refuses a certificate without its key"
    );
    let out = fetch(&["not a url", "--format", "json"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        report(&out)["failed_pages"][0]["error"]["code"],
        "url-invalid"
    );
}
