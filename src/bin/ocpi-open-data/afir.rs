//! `ocpi-open-data afir`: the EU AFIR requirements for every location and EVSE of a feed.

use crate::regulation::{self, Inputs, ViewArgs};
use ocpi_open_data::views::afir::{AfirInputs, AfirView, definitions};
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct AfirArgs {
    #[command(flatten)]
    pub view: ViewArgs,
    /// Every location lies on the TEN-T road network or in a safe and secure parking area
    /// (default: none does; per location with --facts).
    #[arg(long)]
    pub ten_t: bool,
}

pub fn run(args: AfirArgs) -> Result<ExitCode, String> {
    let inputs = Inputs::read(&args.view)?;
    let read = regulation::read(&inputs);
    let feed = &read.feed;
    let afir = AfirInputs {
        as_of: args.view.as_of(),
        facts: args.view.facts(args.ten_t)?,
    };
    let report = AfirView::new(feed, &afir)
        .with_places(read.places.clone())
        .report();
    regulation::finish(&report, &definitions(), args.view.format, &read)
}
