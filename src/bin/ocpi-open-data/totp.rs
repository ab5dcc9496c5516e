//! `ocpi-open-data totp --config FILE [--at UNIX_MS]`: the previous, current and next TOTP of a
//! configuration, and the seconds the current one stays valid.

use crate::Format;
use crate::input;
use ocpi_open_data::totp::{TotpConfig, TotpReport};
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct TotpArgs {
    /// TOTP configuration (JSON: sharedSecret, validityTime, length, alphabet, hashAlgorithm);
    /// `-` reads standard input.
    #[arg(long, value_name = "FILE")]
    config: String,
    /// The moment, in Unix milliseconds; default now.
    #[arg(long, value_name = "UNIX_MS", allow_negative_numbers = true)]
    at: Option<i64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

pub fn run(args: TotpArgs) -> Result<ExitCode, String> {
    let inputs = input::read_all(std::slice::from_ref(&args.config))?;
    let input = inputs.first().ok_or("no configuration was read")?;
    let config = TotpConfig::from_json(&input.bytes)
        .map_err(|e| format!("{}: {e} [{}]", input.name, e.code()))?;
    let totp = config
        .totp()
        .map_err(|e| format!("{}: {e} [{}]\n  help: {}", input.name, e.code(), e.hint()))?;
    let at = args
        .at
        .unwrap_or_else(|| jiff::Timestamp::now().as_millisecond());
    let report = TotpReport::at(&totp, at)
        .map_err(|e| format!("--at {at}: {e} [{}]\n  help: {}", e.code(), e.hint()))?;
    let mut out = std::io::stdout().lock();
    let written = match args.format {
        Format::Json => serde_json::to_writer(&mut out, &report)
            .map_err(std::io::Error::from)
            .and_then(|_| writeln!(out)),
        Format::Text => writeln!(
            out,
            "previous   {}\ncurrent    {}\nnext       {}\nremaining  {} s of {} s\nheader     {}",
            report.previous,
            report.current,
            report.next,
            report.remaining_seconds,
            report.validity_seconds,
            report.header
        ),
    };
    written
        .and_then(|_| out.flush())
        .map_err(|e| format!("cannot write the output: {e}"))?;
    Ok(ExitCode::SUCCESS)
}
