//! `price`: price a session description or a CDR against a tariff.
//!
//! Exit status: 0 priced (and, with `--cdr`, matching the CDR's totals); 1 priced but differing
//! from the CDR, or the data has errors (the tariff has validation errors, or cannot be priced);
//! 2 the tool could not run (unreadable file, bad arguments).

use crate::input;
use ocpi_open_data::tariff::{
    Language, PriceError, PriceRequest, Priced, SessionPrice, amount_text, money, price_request,
};
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct PriceArgs {
    /// The tariff: a tariff object, a list of tariffs or an OCPI response envelope (`-` for
    /// standard input). Optional with `--cdr` when the CDR carries its tariffs.
    #[arg(long, value_name = "FILE", required_unless_present = "cdr")]
    tariff: Option<String>,
    /// The id of the tariff to use when the file has several.
    #[arg(long, value_name = "ID")]
    tariff_id: Option<String>,
    /// OCPI version to read the tariff as; `auto` detects it from its shape (with `--cdr`, a
    /// tariff that looks older than the CDR is read as the CDR's version).
    #[arg(long, value_name = "VERSION", default_value = "auto", value_parser = crate::parse_version)]
    tariff_version: crate::VersionArg,
    /// A CDR (2.1.1, 2.2.1 or 2.3.0) to price and compare with its own totals.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "session",
        required_unless_present = "session"
    )]
    cdr: Option<String>,
    /// A session: {"start_date_time", "end_date_time", "timezone"?, "energy_kwh",
    /// "max_power_kw"?, "max_current_a"?}.
    #[arg(long, value_name = "FILE")]
    session: Option<String>,
    /// The location's IANA time zone (restrictions are read in it); overrides what the data says.
    #[arg(long, value_name = "ZONE")]
    timezone: Option<String>,
    /// Language of the explanation.
    #[arg(long, value_enum, default_value_t = LanguageArg::En)]
    language: LanguageArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = crate::Format::Text)]
    format: crate::Format,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LanguageArg {
    En,
    De,
}

#[derive(Serialize)]
struct ErrorDocument<'e> {
    error: &'e PriceError,
}

/// Runs `price`; `Err` is a reason the tool could not run.
pub fn run(args: PriceArgs) -> Result<ExitCode, String> {
    let mut paths: Vec<String> = args.tariff.iter().cloned().collect();
    paths.extend(args.cdr.iter().cloned());
    paths.extend(args.session.iter().cloned());
    let inputs = input::read_all(&paths)?;
    let mut inputs = inputs.into_iter();
    let tariff_bytes = args
        .tariff
        .as_ref()
        .and_then(|_| inputs.next())
        .map(|i| i.bytes);
    let data = inputs.next().map(|i| i.bytes).unwrap_or_default();
    let time_zone = match &args.timezone {
        Some(name) => Some(
            jiff::tz::db()
                .get(name)
                .map_err(|_| format!("--timezone: \"{name}\" is not an IANA time zone"))?,
        ),
        None => None,
    };
    let language = match args.language {
        LanguageArg::En => Language::En,
        LanguageArg::De => Language::De,
    };
    let result = price(
        &args,
        tariff_bytes.as_deref(),
        &data,
        time_zone.as_ref(),
        language,
    );
    let mut out = std::io::stdout().lock();
    let written = match (&result, args.format) {
        (Ok((price, _)), crate::Format::Json) => serde_json::to_writer(&mut out, price)
            .map_err(std::io::Error::from)
            .and_then(|_| writeln!(out)),
        (Ok((price, _)), crate::Format::Text) => text(&mut out, price),
        (Err(e), crate::Format::Json) => {
            serde_json::to_writer(&mut out, &ErrorDocument { error: e })
                .map_err(std::io::Error::from)
                .and_then(|_| writeln!(out))
        }
        (Err(e), crate::Format::Text) => writeln!(
            out,
            "error[{}]: {}{}\n  = help: {}",
            e.code,
            e.message,
            e.pointer
                .as_ref()
                .map_or_else(String::new, |p| format!(" (at {p})")),
            e.hint
        ),
    };
    written
        .and_then(|_| out.flush())
        .map_err(|e| format!("cannot write the output: {e}"))?;
    let fails = match &result {
        Ok((price, tariff_errors)) => {
            *tariff_errors || price.cdr.as_ref().is_some_and(|c| !c.matches)
        }
        Err(_) => true,
    };
    Ok(ExitCode::from(u8::from(fails)))
}

/// Prices the input; also says whether the tariff had validation errors.
fn price(
    args: &PriceArgs,
    tariff_bytes: Option<&[u8]>,
    data: &[u8],
    time_zone: Option<&jiff::tz::TimeZone>,
    language: Language,
) -> Result<(SessionPrice, bool), PriceError> {
    price_request(&PriceRequest {
        tariff: tariff_bytes,
        tariff_id: args.tariff_id.as_deref(),
        tariff_version: match args.tariff_version {
            crate::VersionArg::Fixed(v) => Some(v),
            crate::VersionArg::Auto => None,
        },
        priced: if args.cdr.is_some() {
            Priced::Cdr(data)
        } else {
            Priced::Session(data)
        },
        time_zone,
        language,
    })
}

fn text(out: &mut impl Write, p: &SessionPrice) -> std::io::Result<()> {
    let m = |d: Option<rust_decimal::Decimal>| {
        d.map_or_else(
            || "unknown".to_string(),
            |d| money(d, &p.currency, Language::En),
        )
    };
    writeln!(
        out,
        "tariff {} ({}): {}",
        p.tariff_id, p.currency, p.explanation
    )?;
    writeln!(
        out,
        "time zone: {} ({})",
        p.time_zone,
        p.time_zone_source.describe()
    )?;
    writeln!(out)?;
    writeln!(
        out,
        "{:<20} {:>10} {:>10} {:>10} {:>10}  costs",
        "period (local)", "kWh", "charging h", "parking h", "power kW"
    )?;
    for period in &p.periods {
        let costs: Vec<String> = period
            .costs
            .iter()
            .map(|c| {
                format!(
                    "{} {} × {} = {}",
                    c.kind.as_str(),
                    quantity(c.quantity),
                    amount_text(c.price),
                    m(c.amount.before_tax)
                )
            })
            .collect();
        writeln!(
            out,
            "{:<20} {:>10} {:>10} {:>10} {:>10}  {}",
            period.local_start.strftime("%Y-%m-%d %H:%M:%S").to_string(),
            quantity(period.energy_kwh),
            quantity(period.charging_hours),
            quantity(period.parking_hours),
            period.power_kw.map_or_else(|| "-".into(), quantity),
            costs.join("; ")
        )?;
    }
    writeln!(out)?;
    for c in &p.components {
        writeln!(
            out,
            "{:<17} {:>12} {:<8} {:>12} before tax  {:>12} after tax",
            c.kind.as_str(),
            quantity(c.quantity),
            c.unit,
            m(c.amount.before_tax),
            m(c.amount.after_tax)
        )?;
    }
    if let Some(limit) = &p.price_limit {
        writeln!(
            out,
            "{} applied (components came to {} before tax)",
            limit.kind,
            m(limit.components_total.before_tax)
        )?;
    }
    writeln!(
        out,
        "total: {} before tax, {} after tax",
        m(p.total.before_tax),
        m(p.total.after_tax)
    )?;
    if let Some(cdr) = &p.cdr {
        writeln!(out)?;
        for t in &cdr.totals {
            writeln!(
                out,
                "CDR {:<22} stated {} / {}, computed {} / {}: {}",
                t.field,
                m(t.stated.before_tax),
                m(t.stated.after_tax),
                m(t.computed.before_tax),
                m(t.computed.after_tax),
                if t.matches { "matches" } else { "DIFFERS" }
            )?;
        }
        writeln!(
            out,
            "{}",
            match (cdr.totals.is_empty(), cdr.matches) {
                (true, _) => "the CDR states no totals to compare",
                (false, true) => "the CDR's totals match the tariff",
                (false, false) => "the CDR's totals differ from the tariff",
            }
        )?;
    }
    for w in &p.warnings {
        writeln!(out, "warning[{}]: {}", w.code, w.message)?;
    }
    Ok(())
}

fn quantity(d: rust_decimal::Decimal) -> String {
    d.round_dp(4).normalize().to_string()
}
