//! `ocpi-feed-gen --locations N --seed S --version 2.1.1|2.2.1|2.3.0|mixed --deviations R --out-dir DIR`
//!
//! Writes `locations.json` and `tariffs.json` (OCPI response envelopes) into DIR.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use ocpi_feed_gen::{FeedOptions, GenVersion, generate_json};

const USAGE: &str = "\
usage: ocpi-feed-gen [--locations N] [--seed S] [--version 2.1.1|2.2.1|2.3.0|mixed]
                     [--deviations RATE] [--out-dir DIR]

Writes DIR/locations.json and DIR/tariffs.json as OCPI response envelopes.
Defaults: --locations 1000 --seed 1 --version 2.2.1 --deviations 0 --out-dir .
The output depends only on the options (byte-identical on every run).";

struct Args {
    opts: FeedOptions,
    out_dir: PathBuf,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>, String> {
    let mut opts = FeedOptions {
        locations: 1000,
        seed: 1,
        version: GenVersion::V221,
        deviation_rate: 0.0,
    };
    let mut out_dir = PathBuf::from(".");
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        if flag == "-h" || flag == "--help" {
            return Ok(None);
        }
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "--locations" | "-n" => {
                let v = value()?;
                opts.locations = v
                    .parse()
                    .map_err(|_| format!("--locations: not a count: {v:?}"))?;
            }
            "--seed" | "-s" => {
                let v = value()?;
                opts.seed = v
                    .parse()
                    .map_err(|_| format!("--seed: not an unsigned integer: {v:?}"))?;
            }
            "--version" | "-v" => opts.version = value()?.parse()?,
            "--deviations" | "-d" => {
                let v = value()?;
                let rate: f64 = v
                    .parse()
                    .map_err(|_| format!("--deviations: not a number: {v:?}"))?;
                if !(0.0..=1.0).contains(&rate) {
                    return Err(format!("--deviations must be between 0 and 1, got {rate}"));
                }
                opts.deviation_rate = rate;
            }
            "--out-dir" | "-o" => out_dir = PathBuf::from(value()?),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Some(Args { opts, out_dir }))
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(Some(a)) => a,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("ocpi-feed-gen: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };

    let started = Instant::now();
    let feed = generate_json(&args.opts);
    let generated = started.elapsed();
    let (locations, tariffs) = (&feed.locations_envelope, &feed.tariffs_envelope);

    if let Err(e) = std::fs::create_dir_all(&args.out_dir) {
        eprintln!(
            "ocpi-feed-gen: cannot create {}: {e}",
            args.out_dir.display()
        );
        return ExitCode::FAILURE;
    }
    for (name, body) in [("locations.json", locations), ("tariffs.json", tariffs)] {
        let path = args.out_dir.join(name);
        if let Err(e) = std::fs::write(&path, body) {
            eprintln!("ocpi-feed-gen: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    let deviating = feed
        .location_info
        .iter()
        .filter(|i| i.deviation.is_some())
        .count();
    eprintln!(
        "ocpi-feed-gen: {} locations ({} deviating), version {}, seed {}: \
         locations.json {} bytes, tariffs.json {} bytes; generated in {:.1} ms, total {:.1} ms",
        feed.location_info.len(),
        deviating,
        args.opts.version,
        args.opts.seed,
        locations.len(),
        tariffs.len(),
        generated.as_secs_f64() * 1000.0,
        started.elapsed().as_secs_f64() * 1000.0,
    );
    ExitCode::SUCCESS
}
