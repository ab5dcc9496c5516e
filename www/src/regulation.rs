//! The core's regulation views (`ocpi_open_data::views`: EU AFIR, UK Public Charge Point
//! Regulations 2023) as the app uses them: one location with the tariffs its connectors name
//! (the map's panel), or everything the validator read. The evaluation date is always given:
//! in the browser it is today's date from the browser's clock (jiff's `js` feature).

use std::sync::Arc;

use jiff::civil::Date;
use ocpi_open_data::model::{Feed, Location, Tariff};
use ocpi_open_data::views::{Definition, Finding, LocationReport, Report, Status, afir, uk};

/// The two regulations the app shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Regulation {
    Afir,
    Uk,
}

impl Regulation {
    /// Short name, for badges and tabs.
    pub fn name(self) -> &'static str {
        match self {
            Regulation::Afir => "AFIR",
            Regulation::Uk => "UK PCPR",
        }
    }

    /// The requirement definitions (title and legal reference by id).
    pub fn definitions(self) -> Vec<Definition> {
        match self {
            Regulation::Afir => afir::definitions(),
            Regulation::Uk => uk::definitions(),
        }
    }
}

/// Today's date in the local time of the browser (or of the machine, in native tests).
pub fn today() -> Date {
    jiff::ZonedDateTime::now().date()
}

/// Both views of one location, its tariffs looked up in `tariffs` (the ones its connectors name).
pub fn location_reports(
    location: &Location,
    tariffs: &[Arc<Tariff>],
    as_of: Date,
) -> (LocationReport, LocationReport) {
    let feed = Feed {
        locations: Vec::new(),
        tariffs: tariffs.iter().map(|t| Tariff::clone(t)).collect(),
    };
    let afir_inputs = afir::AfirInputs::as_of(as_of);
    let uk_inputs = uk::UkInputs::as_of(as_of);
    (
        afir::AfirView::new(&feed, &afir_inputs).location(location),
        uk::UkView::new(&feed, &uk_inputs).location(location),
    )
}

/// Both views of a whole feed (every published location).
pub fn feed_reports(feed: &Feed, as_of: Date) -> (Report, Report) {
    (
        afir::evaluate_feed(feed, &afir::AfirInputs::as_of(as_of)),
        uk::evaluate_feed(feed, &uk::UkInputs::as_of(as_of)),
    )
}

/// Findings of a location as shown: station-level ones, then each EVSE's under its uid.
pub fn findings(report: &LocationReport) -> Vec<(Option<&str>, &Finding)> {
    report
        .requirements
        .iter()
        .map(|f| (None, f))
        .chain(report.evses.iter().flat_map(|e| {
            e.requirements
                .iter()
                .map(move |f| (Some(e.uid.as_str()), f))
        }))
        .collect()
}

/// The verdict a badge shows: the number of failed and missing requirements, and of those the
/// data cannot decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Verdict {
    pub shortfalls: usize,
    pub unknown: usize,
    pub applicable: usize,
}

/// Counts the findings of a location report.
pub fn verdict(report: &LocationReport) -> Verdict {
    let mut v = Verdict::default();
    for (_, f) in findings(report) {
        match f.status {
            Status::Fail | Status::Missing => v.shortfalls += 1,
            Status::Unknown => v.unknown += 1,
            Status::NotApplicable => continue,
            Status::Pass | Status::NotRepresentable => {}
        }
        v.applicable += 1;
    }
    v
}

/// A finding's value as short text (`null` shows nothing).
pub fn value_text(f: &Finding) -> String {
    match &f.value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOCATIONS: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../shared/fixtures/ocpi-spec-examples/2.2.1/location_example.json"
    );

    #[test]
    fn a_location_gets_both_views() {
        let Ok(bytes) = std::fs::read(LOCATIONS) else {
            panic!("fixture missing: {LOCATIONS}");
        };
        let files: [(&str, &[u8]); 1] = [("locations.json", &bytes)];
        let (_, feed) = ocpi_open_data::model::read_feed(&files, |_| Default::default());
        let location = feed.locations.first().expect("a location");
        let as_of = jiff::civil::date(2026, 1, 15);
        let (a, u) = location_reports(location, &[], as_of);
        assert_eq!(a.id, location.id);
        assert!(!findings(&a).is_empty());
        assert!(!findings(&u).is_empty());
        let v = verdict(&a);
        assert!(v.applicable > 0);
        let (fa, _) = feed_reports(&feed, as_of);
        assert_eq!(
            fa.locations.len(),
            feed.locations.iter().filter(|l| l.publish).count()
        );
        let defs = Regulation::Afir.definitions();
        assert!(
            findings(&a)
                .iter()
                .all(|(_, f)| defs.iter().any(|d| d.id == f.id))
        );
    }
}
