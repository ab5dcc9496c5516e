//! The inputs of a view read as one feed: locations files as locations, tariffs files as
//! tariffs. The CLI's `afir` and `uk` and the npm package's `afir` and `uk` read them here, so
//! they evaluate the same feed.

use super::Places;
use crate::model::{Feed, read_feed};
use crate::validate::{self, FileReport, Kind, Options};

/// What was read: the feed, the places of its EVSEs and connectors, a note per file with errors,
/// and whether a locations file gave no location at all because of errors (nothing could be
/// evaluated: the data falls short).
pub struct ViewFeed {
    pub feed: Feed,
    pub places: Places,
    /// One line per file with errors, e.g. "a.json: 2 of 10 item(s) with errors in the data
    /// (run `validate` for details)".
    pub notes: Vec<String>,
    pub unreadable: bool,
}

/// Reads `files` as one feed: the first `locations` of them as Locations, the rest as Tariffs;
/// `now` is the moment for the rules about the future.
pub fn read_view_feed(files: &[(&str, &[u8])], locations: usize, now: jiff::Timestamp) -> ViewFeed {
    let locations = locations.min(files.len());
    let (reports, feed) = read_feed(files, |path| Options {
        kind: Some(
            if files[..locations].iter().any(|(name, _)| *name == path) {
                Kind::Location
            } else {
                Kind::Tariff
            },
        ),
        label: validate::label_from_path(path),
        now: Some(now),
        ..Options::default()
    });
    let unreadable = reports[..locations]
        .iter()
        .any(|r| r.items == 0 && r.has_errors());
    ViewFeed {
        notes: notes(&reports),
        places: Places::from_reports(&reports),
        feed,
        unreadable,
    }
}

fn notes(reports: &[FileReport<'_>]) -> Vec<String> {
    reports
        .iter()
        .filter(|r| r.has_errors())
        .map(|r| {
            format!(
                "{}: {} of {} item(s) with errors in the data (run `validate` for details)",
                r.path,
                r.items - r.items_ok,
                r.items
            )
        })
        .collect()
}
