//! Rules across fields, items and files. Each rule has a stable code (see `diagnostic.rs`) and
//! runs on the lenient values the walk produced, so types are already right.

use super::detect::Kind;
use super::report::{FileReport, Item};
use crate::diagnostic::Diagnostic;
use crate::spec::Version;

/// Rules inside the items of one file.
pub fn check_file(
    _kind: Kind,
    _version: Version,
    _items: &[Item<'_>],
    _diagnostics: &mut Vec<Diagnostic>,
    _now: Option<jiff::Timestamp>,
) {
}

/// Rules across the files of a feed: unique ids, tariff references.
pub fn check_feed(_reports: &mut [FileReport<'_>]) {}
