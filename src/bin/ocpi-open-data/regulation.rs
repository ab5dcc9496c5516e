//! What the `afir` and `uk` subcommands share: their common arguments, reading the locations
//! and tariffs as one feed, and printing a regulation report as text or JSON.

use crate::Format;
use crate::input::{self, Input};
use jiff::civil::Date;
use ocpi_open_data::views::{Definition, FeedFacts, Report, Status, ViewFeed, read_view_feed};
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ViewArgs {
    /// Locations files to read; `-` reads standard input. Several files form one feed.
    #[arg(required = true, value_name = "LOCATIONS")]
    pub locations: Vec<String>,
    /// Tariffs file(s) the connectors' `tariff_ids` refer to (repeat for several).
    #[arg(long, value_name = "FILE")]
    pub tariffs: Vec<String>,
    /// The date the evaluation is for (YYYY-MM-DD); default: today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub as_of: Option<Date>,
    /// Commissioning (installation) date of every location without its own (YYYY-MM-DD);
    /// default: unknown.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub commissioned: Option<Date>,
    /// Facts per location id, JSON: {"<id>": {"commissioned": "YYYY-MM-DD", "ten_t": true}}.
    #[arg(long, value_name = "FILE")]
    pub facts: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>()
        .map_err(|e| format!("expected a date YYYY-MM-DD: {e}"))
}

impl ViewArgs {
    /// The evaluation date: `--as-of`, else today.
    pub fn as_of(&self) -> Date {
        self.as_of
            .unwrap_or_else(|| jiff::ZonedDateTime::now().date())
    }

    /// The facts of `--commissioned`, `--facts` and `ten_t`.
    pub fn facts(&self, ten_t: bool) -> Result<FeedFacts, String> {
        let locations = match &self.facts {
            Some(path) => {
                let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
                FeedFacts::locations_from_json(&bytes).map_err(|e| format!("{path}: {e}"))?
            }
            None => Default::default(),
        };
        Ok(FeedFacts {
            commissioned: self.commissioned,
            ten_t,
            locations,
        })
    }
}

/// The inputs as read: locations files first, then tariffs files.
pub struct Inputs {
    pub files: Vec<Input>,
    pub locations: usize,
}

impl Inputs {
    pub fn read(args: &ViewArgs) -> Result<Inputs, String> {
        let mut files = input::read_all(&args.locations)?;
        let locations = files.len();
        if !args.tariffs.is_empty() {
            files.extend(input::read_all(&args.tariffs)?);
        }
        Ok(Inputs { files, locations })
    }

    pub fn all(&self) -> Vec<(&str, &[u8])> {
        self.files
            .iter()
            .map(|i| (i.name.as_str(), i.bytes.as_slice()))
            .collect()
    }

    pub fn locations(&self) -> Vec<(&str, &[u8])> {
        self.all().into_iter().take(self.locations).collect()
    }
}

/// Reads the inputs as one feed: locations files as locations, tariffs files as tariffs.
pub fn read(inputs: &Inputs) -> ViewFeed {
    read_view_feed(&inputs.all(), inputs.locations, jiff::Timestamp::now())
}

/// Prints the report and returns the exit status: 1 when a requirement fails or is missing, or
/// when a locations file could not be read at all.
pub fn finish(
    report: &Report,
    definitions: &[Definition],
    format: Format,
    read: &ViewFeed,
) -> Result<ExitCode, String> {
    let mut out = std::io::stdout().lock();
    let written = match format {
        Format::Json => serde_json::to_writer(&mut out, report)
            .map_err(std::io::Error::from)
            .and_then(|_| writeln!(out)),
        Format::Text => text(&mut out, report, definitions),
    };
    written
        .and_then(|_| out.flush())
        .map_err(|e| format!("cannot write the report: {e}"))?;
    for note in &read.notes {
        eprintln!("note: {note}");
    }
    Ok(ExitCode::from(u8::from(
        report.has_shortfalls() || read.unreadable,
    )))
}

/// A value in one short line.
fn short(value: &serde_json::Value) -> String {
    let text = match value {
        serde_json::Value::Null => return String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.chars().count() > 40 {
        let cut: String = text.chars().take(39).collect();
        format!("{cut}…")
    } else {
        text
    }
}

fn line(
    out: &mut impl Write,
    indent: &str,
    f: &ocpi_open_data::views::Finding,
) -> std::io::Result<()> {
    writeln!(
        out,
        "{indent}{:<26} {:<17} {:<40} {}",
        f.id,
        f.status.as_str(),
        short(&f.value),
        f.reason
    )
}

/// A table per location (its requirements, then each EVSE's), the network, then the summary.
fn text(out: &mut impl Write, report: &Report, definitions: &[Definition]) -> std::io::Result<()> {
    for location in &report.locations {
        writeln!(
            out,
            "location {} ({} at {})",
            location.id,
            location.file,
            if location.pointer.is_empty() {
                "/"
            } else {
                &location.pointer
            }
        )?;
        for f in &location.requirements {
            line(out, "  ", f)?;
        }
        for evse in &location.evses {
            writeln!(out, "  EVSE {} (at {})", evse.uid, evse.pointer)?;
            for f in &evse.requirements {
                line(out, "    ", f)?;
            }
        }
        writeln!(out)?;
    }
    if !report.network.is_empty() {
        writeln!(out, "network")?;
        for f in &report.network {
            line(out, "  ", f)?;
        }
        writeln!(out)?;
    }
    writeln!(
        out,
        "summary: {} location(s){}; stations per status",
        report.locations.len(),
        if report.unpublished > 0 {
            format!(", {} unpublished left out", report.unpublished)
        } else {
            String::new()
        }
    )?;
    write!(out, "  {:<26}", "requirement")?;
    for s in Status::ALL {
        write!(out, " {}", s.as_str())?;
    }
    writeln!(out, "  title")?;
    let mut seen = std::collections::HashSet::new();
    for d in definitions.iter().filter(|d| seen.insert(d.id)) {
        let counts = report.summary.get(d.id);
        if counts.total() == 0 {
            continue;
        }
        write!(out, "  {:<26}", d.id)?;
        for s in Status::ALL {
            write!(out, " {:>width$}", counts.get(s), width = s.as_str().len())?;
        }
        writeln!(out, "  {}", d.title)?;
    }
    Ok(())
}
