//! The `totp` and `serve` subcommands through the binary: outputs, formats, exit statuses.

#![cfg(feature = "cli")]

mod cli_support;

use cli_support::{BIN, run_stdin};
use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

const EXAMPLES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/fixtures/ocpi-spec-examples"
);

fn temp_file(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).expect("write");
    path.display().to_string()
}

#[test]
fn totp_prints_the_known_answer() {
    let dir = tempfile::tempdir().expect("temp dir");
    let config = temp_file(&dir, "totp.json", r#"{"sharedSecret": "secure!Charging!"}"#);
    let out = run_stdin(&["totp", "--config", &config, "--at", "1716423785000"], b"");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for line in [
        "previous   MdPU0jCm5tXz",
        "current    CN63y502maVh",
        "next       dI54vnA25m2h",
        "remaining  25 s of 30 s",
        "header     TOTP: 0 CN63y502maVh",
    ] {
        assert!(text.contains(line), "{text}");
    }
    assert!(!text.contains("secure!Charging!"));
}

#[test]
fn totp_json_from_stdin() {
    let out = run_stdin(
        &[
            "totp",
            "--config",
            "-",
            "--at",
            "1716423785000",
            "--format",
            "json",
        ],
        br#"{"sharedSecret": "secure!Charging!", "hashAlgorithm": "SHA-512"}"#,
    );
    assert_eq!(out.status.code(), Some(0));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["current"], "yBhTTbXO2ILd");
    assert_eq!(doc["previous"], "wjmTW4LVTdwv");
    assert_eq!(doc["next"], "MHMqTXE1oVf9");
    assert_eq!(doc["remaining_seconds"], 25);
    assert_eq!(doc["hash_algorithm"], "sha512");
    assert_eq!(doc["header"], "TOTP: 0 yBhTTbXO2ILd");
}

#[test]
fn totp_refuses_bad_configurations_with_status_2() {
    for (config, needle) in [
        (
            r#"{"sharedSecret": "secure!Charging"}"#,
            "at least 16 characters! [totp-secret-too-short]",
        ),
        (
            r#"{"sharedSecret": "secure!Charging!", "hashAlgorithm": "sha1"}"#,
            "one of: sha256, sha384, sha512!",
        ),
        (
            r#"{"sharedSecret": "secure!Charging!", "lenght": 8}"#,
            "unknown field `lenght`",
        ),
        ("not json", "totp-config-invalid"),
    ] {
        let out = run_stdin(&["totp", "--config", "-"], config.as_bytes());
        assert_eq!(out.status.code(), Some(2), "{config}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(needle), "{config}: {err}");
        assert!(!err.contains("secure!Charging"), "{err}");
    }
    let out = run_stdin(&["totp", "--config", "/nonexistent/totp.json"], b"");
    assert_eq!(out.status.code(), Some(2));
}

/// Starts `serve` on a free port and returns the child and the versions URL it reports.
fn start_serve(args: &[&str]) -> (std::process::Child, String) {
    let mut child = Command::new(BIN)
        .arg("serve")
        .args(["--addr", "127.0.0.1:0", "--format", "json"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary runs");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("start-up report");
    let doc: serde_json::Value = serde_json::from_str(&line).expect("JSON report");
    let url = doc["versions_url"]
        .as_str()
        .expect("versions_url")
        .to_string();
    (child, url)
}

#[test]
fn serve_answers_over_http_and_reports_what_it_read() {
    let location = format!("{EXAMPLES}/2.2.1/location_example.json");
    let unpublished =
        format!("{EXAMPLES}/2.2.1/location_example_uc3_destination_charger_not_published.json");
    let (mut child, versions_url) = start_serve(&[&location, &unpublished]);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let result = runtime.block_on(async {
        let c = reqwest::Client::builder()
            .no_proxy()
            .build()
            .expect("client");
        let versions: serde_json::Value = c.get(&versions_url).send().await?.json().await?;
        let details_url = versions["data"][0]["url"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let details: serde_json::Value = c.get(&details_url).send().await?.json().await?;
        let locations_url = details["data"]["endpoints"][0]["url"]
            .as_str()
            .unwrap_or_default()
            .to_string();
        let page = c.get(&locations_url).send().await?;
        let total = page.headers().get("x-total-count").cloned();
        let page: serde_json::Value = page.json().await?;
        Ok::<_, reqwest::Error>((versions, total, page))
    });
    let _ = child.kill();
    let _ = child.wait();
    let (versions, total, page) = result.expect("HTTP");
    assert_eq!(versions["data"][0]["version"], "2.2.1");
    assert_eq!(total.as_ref().and_then(|v| v.to_str().ok()), Some("1"));
    assert_eq!(page["data"][0]["id"], "LOC1");
}

#[test]
fn serve_cannot_run_without_readable_inputs() {
    let out = run_stdin(
        &["serve", "--addr", "127.0.0.1:0", "/nonexistent/feed.json"],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/feed.json"));
    let dir = tempfile::tempdir().expect("temp dir");
    let tokens = temp_file(&dir, "tokens.txt", "# none\n\n");
    let location = format!("{EXAMPLES}/2.2.1/location_example.json");
    let out = run_stdin(
        &[
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--token-file",
            &tokens,
            &location,
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("at least one OCPI token"));
    let out = run_stdin(&["serve", "--addr", "256.0.0.1:80", &location], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot listen"));
}
