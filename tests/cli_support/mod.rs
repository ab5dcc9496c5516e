//! Running the `ocpi-open-data` binary in the CLI contract tests.

#![allow(dead_code)] // each test file uses its own part

use std::io::Write;
use std::process::{Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_ocpi-open-data");
pub const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/fixtures");

/// A fixture's path from its place under `../shared/fixtures`.
pub fn fixture(rel: &str) -> String {
    format!("{FIXTURES}/{rel}")
}

/// Runs the binary with `args` and no input.
pub fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Runs the binary with `args`, writing `input` to its standard input. The tool may exit before
/// reading it (bad arguments): a closed pipe is fine.
pub fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    child.stdin.take().expect("stdin").write_all(input).ok();
    child.wait_with_output().expect("the binary ends")
}
