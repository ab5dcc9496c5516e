//! `ocpi-open-data uk`: the UK Public Charge Point Regulations 2023 for every location and EVSE
//! of a feed, and the reliability of its rapid network from status snapshots.

use crate::regulation::{self, Inputs, ViewArgs};
use ocpi_open_data::views::data_requirement::DataRequirement;
use ocpi_open_data::views::reliability::{StatusSeries, measure};
use ocpi_open_data::views::uk::{RAPID_W, UkInputs, UkView, definitions};
use std::path::Path;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct UkArgs {
    #[command(flatten)]
    pub view: ViewArgs,
    /// The operator is a micro business: regulations 5 to 10 do not apply.
    #[arg(long)]
    pub micro_business: bool,
    /// A directory of EVSE status snapshots taken over time (`*.json`: OCPI Locations responses
    /// with a `timestamp`, or {"timestamp", "statuses": [{"location_id", "evse_uid", "status"}]}),
    /// for the reliability of the rapid network.
    #[arg(long, value_name = "DIR")]
    pub snapshots: Option<String>,
}

pub fn run(args: UkArgs) -> Result<ExitCode, String> {
    let inputs = Inputs::read(&args.view)?;
    let read = regulation::read(&inputs);
    let feed = &read.feed;
    let series = match &args.snapshots {
        Some(dir) => Some(read_snapshots(Path::new(dir))?),
        None => None,
    };
    let uk = UkInputs {
        as_of: args.view.as_of(),
        micro_business: args.micro_business,
        facts: args.view.facts(false)?,
        data_requirement: Some(DataRequirement::check(&inputs.locations())),
        reliability: series.map(|s| measure(feed, s, RAPID_W)),
        ..UkInputs::as_of(args.view.as_of())
    };
    let report = UkView::new(feed, &uk)
        .with_places(read.places.clone())
        .report();
    regulation::finish(&report, &definitions(), args.view.format, &read)
}

/// Reads every `*.json` file of `dir` as a snapshot; any unreadable one stops the tool.
fn read_snapshots(dir: &Path) -> Result<StatusSeries, String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot read the snapshots directory {}: {e}", dir.display()))?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!("no *.json snapshots in {}", dir.display()));
    }
    let mut series = StatusSeries::new();
    for path in paths {
        let name = path.display().to_string();
        let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {name}: {e}"))?;
        series
            .add_document(&name, &bytes)
            .map_err(|e| e.to_string())?;
    }
    Ok(series)
}
