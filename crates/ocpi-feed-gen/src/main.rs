//! `ocpi-feed-gen --locations N --seed S --version 2.1.1|2.2.1|2.3.0|mixed --deviations R --out-dir DIR`
//!
//! Writes `locations.json` and `tariffs.json` (OCPI response envelopes) into DIR.
//!
//! `ocpi-feed-gen demo [--locations N] [--seed S] [--deviations R] [--land GEOJSON] --out-dir DIR`
//! writes the map's demo data set: one feed per operator in its own version
//! (`DIR/<version>/<operator>/locations.json`, `tariffs.json`) and `DIR/manifest.json`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use ocpi_feed_gen::{DemoOptions, FeedOptions, GenVersion, Land, generate_demo, generate_json};

const USAGE: &str = "\
usage: ocpi-feed-gen [--locations N] [--seed S] [--version 2.1.1|2.2.1|2.3.0|mixed]
                     [--deviations RATE] [--out-dir DIR]

Writes DIR/locations.json and DIR/tariffs.json as OCPI response envelopes.
Defaults: --locations 1000 --seed 1 --version 2.2.1 --deviations 0 --out-dir .
The output depends only on the options (byte-identical on every run).

usage: ocpi-feed-gen demo [--locations N] [--seed S] [--deviations RATE] [--land GEOJSON]
                          [--out-dir DIR]

Writes the charging map's demo data set: DIR/<version>/<operator>/locations.json and
tariffs.json (one feed per operator, in the version it serves) and DIR/manifest.json.
Defaults: --locations 5000 --seed 2026 --deviations 0.15 --out-dir target/demo-data.
With --land (GeoJSON land polygons, e.g. Natural Earth), every location is placed on land.";

struct DemoArgs {
    opts: DemoOptions,
    land: Option<PathBuf>,
    out_dir: PathBuf,
}

fn parse_demo_args(mut args: impl Iterator<Item = String>) -> Result<Option<DemoArgs>, String> {
    let mut out = DemoArgs {
        opts: DemoOptions::default(),
        land: None,
        out_dir: PathBuf::from("target/demo-data"),
    };
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = || {
            inline
                .clone()
                .or_else(|| args.next())
                .ok_or_else(|| format!("{flag} needs a value"))
        };
        match flag.as_str() {
            "-h" | "--help" => return Ok(None),
            "--locations" | "-n" => {
                let v = value()?;
                out.opts.locations = v
                    .parse()
                    .map_err(|_| format!("--locations: not a count: {v:?}"))?;
            }
            "--seed" | "-s" => {
                let v = value()?;
                out.opts.seed = v
                    .parse()
                    .map_err(|_| format!("--seed: not an unsigned integer: {v:?}"))?;
            }
            "--deviations" | "-d" => {
                let v = value()?;
                let rate: f64 = v
                    .parse()
                    .map_err(|_| format!("--deviations: not a number: {v:?}"))?;
                if !(0.0..=1.0).contains(&rate) {
                    return Err(format!("--deviations must be between 0 and 1, got {rate}"));
                }
                out.opts.deviation_rate = rate;
            }
            "--land" => out.land = Some(PathBuf::from(value()?)),
            "--out-dir" | "-o" => out.out_dir = PathBuf::from(value()?),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(Some(out))
}

fn run_demo(args: DemoArgs) -> ExitCode {
    let land = match &args.land {
        None => None,
        Some(path) => {
            let text = match std::fs::read_to_string(path) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("ocpi-feed-gen: cannot read {}: {e}", path.display());
                    return ExitCode::from(2);
                }
            };
            match Land::from_geojson(&text) {
                Ok(l) => Some(l),
                Err(e) => {
                    eprintln!("ocpi-feed-gen: {}: {e}", path.display());
                    return ExitCode::from(2);
                }
            }
        }
    };
    let started = Instant::now();
    let (files, summary) = generate_demo(&args.opts, land.as_ref());
    for file in &files {
        let path = args.out_dir.join(&file.path);
        if let Some(dir) = path.parent()
            && let Err(e) = std::fs::create_dir_all(dir)
        {
            eprintln!("ocpi-feed-gen: cannot create {}: {e}", dir.display());
            return ExitCode::FAILURE;
        }
        if let Err(e) = std::fs::write(&path, &file.body) {
            eprintln!("ocpi-feed-gen: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    eprintln!(
        "ocpi-feed-gen demo: {} locations ({} public), {} tariffs, {} operator feeds{} in {} ({:.0} ms)",
        summary.locations,
        summary.public_locations,
        summary.tariffs,
        summary.operators.len(),
        if land.is_some() { ", on land" } else { "" },
        args.out_dir.display(),
        started.elapsed().as_secs_f64() * 1000.0,
    );
    ExitCode::SUCCESS
}

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
    let mut argv = std::env::args().skip(1).peekable();
    if argv.peek().map(String::as_str) == Some("demo") {
        argv.next();
        return match parse_demo_args(argv) {
            Ok(Some(a)) => run_demo(a),
            Ok(None) => {
                println!("{USAGE}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("ocpi-feed-gen: {e}\n\n{USAGE}");
                ExitCode::from(2)
            }
        };
    }
    let args = match parse_args(argv) {
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
