//! `ocpi-open-data`: validate and normalize OCPI Locations and Tariffs from files or stdin.
//!
//! Exit status: 0 = no errors in the data, 1 = errors in the data, 2 = the tool could not run.

mod afir;
mod fetch;
mod input;
mod price;
mod regulation;
mod render;
mod serve;
mod totp;
mod uk;

use clap::{Parser, Subcommand, ValueEnum};
use input::Input;
use ocpi_open_data::Severity;
use ocpi_open_data::spec::Version;
use ocpi_open_data::validate::{self, Kind, Options};
use std::io::Write;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "ocpi-open-data",
    version,
    about = "Read, validate and explain OCPI Locations and Tariffs (2.1.1, 2.2.1, 2.3.0)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check OCPI JSON against the spec of its version and report every problem with its place.
    Validate {
        #[command(flatten)]
        read: ReadArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Show only diagnostics at least this severe (text output).
        #[arg(long, value_enum, default_value_t = MinSeverity::Info)]
        min_severity: MinSeverity,
    },
    /// Print the version-neutral model of the data as JSON: {"locations": [...], "tariffs": [...]}.
    Normalize {
        #[command(flatten)]
        read: ReadArgs,
        /// Output format (only json).
        #[arg(long, value_enum, default_value_t = NormalizeFormat::Json)]
        format: NormalizeFormat,
    },
    /// Read an open-data feed (versions, version details or module URL) into an OCPI envelope file.
    Fetch(fetch::FetchArgs),
    /// Price a session or a CDR against a tariff, and compare a CDR with its own totals.
    Price(price::PriceArgs),
    /// Serve OCPI files as anonymous open-data endpoints (versions, locations, tariffs).
    Serve(serve::ServeArgs),
    /// Print the previous, current and next TOTP of a configuration and the seconds left.
    Totp(totp::TotpArgs),
    /// EU AFIR: every requirement of Art. 5 and IR (EU) 2025/655 Tables A, B, F per location and EVSE.
    Afir(afir::AfirArgs),
    /// UK Public Charge Point Regulations 2023: every requirement per location and EVSE, and the rapid network.
    Uk(uk::UkArgs),
}

#[derive(clap::Args)]
struct ReadArgs {
    /// Files to read; `-` reads standard input. Several files are checked as one feed.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    /// OCPI version to read the data as; `auto` detects it from the shape of the data.
    #[arg(long = "version", value_name = "VERSION", default_value = "auto", value_parser = parse_version)]
    ocpi_version: VersionArg,
    /// Kind of document; `auto` detects it.
    #[arg(long, value_enum, default_value_t = KindArg::Auto)]
    kind: KindArg,
    /// Version the data claims to be (e.g. the version in the URL it came from); compared with its shape.
    /// By default a version in the file name (`.../2.2/...`, `ocpi_2_2_1_...`) is used.
    #[arg(long, value_name = "VERSION")]
    label: Option<String>,
    /// Accept JSON with `//` and `/* */` comments and trailing commas.
    #[arg(long)]
    allow_comments: bool,
}

#[derive(Clone, Copy)]
enum VersionArg {
    Auto,
    Fixed(Version),
}

fn parse_version(s: &str) -> Result<VersionArg, String> {
    match s {
        "auto" => Ok(VersionArg::Auto),
        "2.1.1" | "2.2.1" | "2.3.0" => Ok(VersionArg::Fixed(
            Version::from_label(s).expect("listed above"),
        )),
        _ => Err("expected auto, 2.1.1, 2.2.1 or 2.3.0".into()),
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum KindArg {
    Auto,
    Location,
    Tariff,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    Text,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum NormalizeFormat {
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum MinSeverity {
    Error,
    Warning,
    Info,
}

impl MinSeverity {
    fn admits(self, s: Severity) -> bool {
        match self {
            MinSeverity::Error => s == Severity::Error,
            MinSeverity::Warning => s != Severity::Info,
            MinSeverity::Info => true,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A panic is a bug of this tool, never a verdict on the data: report it as "could not run".
    let result = std::panic::catch_unwind(move || run(cli));
    match result {
        Ok(Ok(code)) => code,
        Ok(Err(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(2)
        }
        Err(_) => {
            eprintln!(
                "error: internal error while reading the data; please report it with the input"
            );
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, String> {
    match cli.command {
        Command::Fetch(args) => fetch::run(args),
        Command::Price(args) => price::run(args),
        Command::Serve(args) => serve::run(args),
        Command::Totp(args) => totp::run(args),
        Command::Afir(args) => afir::run(args),
        Command::Uk(args) => uk::run(args),
        Command::Validate {
            read,
            format,
            min_severity,
        } => {
            let inputs = input::read_all(&read.files)?;
            let reports = validate_inputs(&inputs, &read, &mut |_, _, _, _| {});
            let has_errors = reports.iter().any(|r| r.has_errors());
            let mut out = std::io::stdout().lock();
            let written = match format {
                Format::Json => render::json_report(&mut out, &reports),
                Format::Text => {
                    render::text_report(&mut out, &reports, &inputs, |s| min_severity.admits(s))
                }
            };
            written
                .and_then(|_| out.flush())
                .map_err(|e| format!("cannot write the report: {e}"))?;
            Ok(ExitCode::from(u8::from(has_errors)))
        }
        Command::Normalize {
            read,
            format: NormalizeFormat::Json,
        } => {
            let inputs = input::read_all(&read.files)?;
            let files = files_of(&inputs);
            let (reports, feed) = ocpi_open_data::model::read_feed(&files, options_for(&read));
            let has_errors = reports.iter().any(|r| r.has_errors());
            let mut out = std::io::stdout().lock();
            serde_json::to_writer(&mut out, &feed)
                .map_err(std::io::Error::from)
                .and_then(|_| writeln!(out))
                .and_then(|_| out.flush())
                .map_err(|e| format!("cannot write the output: {e}"))?;
            let summary = reports
                .iter()
                .fold(ocpi_open_data::Summary::default(), |mut s, r| {
                    s.merge(r.summary());
                    s
                });
            eprintln!(
                "{} locations, {} tariffs; {} errors, {} warnings, {} infos (run `validate` for details)",
                feed.locations.len(),
                feed.tariffs.len(),
                summary.errors,
                summary.warnings,
                summary.infos
            );
            Ok(ExitCode::from(u8::from(has_errors)))
        }
    }
}

/// Validates the inputs as one feed, keeping of each item only what the report needs.
fn validate_inputs<'a>(
    inputs: &'a [Input],
    read: &ReadArgs,
    on_item: &mut dyn FnMut(usize, Kind, Version, &validate::Item<'a>),
) -> Vec<validate::FileReport<'a>> {
    validate::validate_files_streaming(&files_of(inputs), options_for(read), on_item)
}

fn files_of(inputs: &[Input]) -> Vec<(&str, &[u8])> {
    inputs
        .iter()
        .map(|i| (i.name.as_str(), i.bytes.as_slice()))
        .collect()
}

/// The options of each file: the same for all, except the version label read from its name.
fn options_for(read: &ReadArgs) -> impl Fn(&str) -> Options + '_ {
    let now = jiff::Timestamp::now();
    move |path: &str| Options {
        version: match read.ocpi_version {
            VersionArg::Auto => None,
            VersionArg::Fixed(v) => Some(v),
        },
        kind: match read.kind {
            KindArg::Auto => None,
            KindArg::Location => Some(Kind::Location),
            KindArg::Tariff => Some(Kind::Tariff),
        },
        label: read
            .label
            .clone()
            .or_else(|| validate::label_from_path(path)),
        allow_comments: read.allow_comments,
        now: Some(now),
        ..Options::default()
    }
}
