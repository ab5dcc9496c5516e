//! Regulation views: what the EU AFIR ([`afir`]) and the UK Public Charge Point Regulations 2023
//! ([`uk`]) ask of public charging data, requirement by requirement, for every location
//! ("station") and EVSE ("recharging point") of a feed.
//!
//! Both views share one form ([`requirement`]): each requirement is evaluated to a
//! [`Finding`] with a status (`pass`, `fail`, `missing`, `not-representable`, `not-applicable`,
//! `unknown`), the value derived from the data, a plain-language reason and the JSON Pointers of
//! the OCPI fields it was derived from. The requirements are tables of data (id, title, where
//! the law says it, level, check); `docs/regulations.md` of the project lists where each comes
//! from and `docs/readings.md` how ambiguous parts are read.
//!
//! Built on the version-neutral [`crate::model`]; facts OCPI does not carry (commissioning date,
//! TEN-T location, micro-business status, the date of the evaluation) are inputs with
//! documented defaults ([`afir::AfirInputs`], [`uk::UkInputs`]).
//!
//! Locations with `publish: false` are left out of both views (OCPI says they are not for the
//! public, and the regulations are about public points); the report counts them. EVSEs that are
//! `REMOVED` or `PLANNED` are not recharging points in service and are left out of the points.

pub mod ad_hoc;
pub mod afir;
pub mod data_requirement;
pub mod facts;
pub mod opening;
pub mod place;
pub mod postcode;
pub mod reading;
pub mod reliability;
pub mod requirement;
pub mod uk;
pub mod uk_area;
pub mod uk_phone;

#[cfg(test)]
mod tests;

pub use facts::{FeedFacts, SiteFacts};
pub use place::Places;
pub use reading::{ViewFeed, read_view_feed};
pub use requirement::{Definition, Field, Finding, Level, Status, StatusCounts, Summary};

use crate::model::{Evse, EvseStatus, Feed, Location};
use ad_hoc::{AdHoc, TariffIndex};
use serde::Serialize;
use std::sync::Arc;

/// A view of a whole feed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub locations: Vec<LocationReport>,
    /// Requirements of the feed as a whole (the UK rapid network); empty for AFIR.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub network: Vec<Finding>,
    /// Per requirement id, how many stations have each status.
    pub summary: Summary,
    /// Locations left out because they are not published (`publish: false`).
    pub unpublished: usize,
}

impl Report {
    /// Whether any requirement fails or is missing, anywhere (the CLI then exits with 1).
    pub fn has_shortfalls(&self) -> bool {
        self.network.iter().any(|f| f.status.is_shortfall())
            || self.locations.iter().any(|l| {
                l.requirements.iter().any(|f| f.status.is_shortfall())
                    || l.evses
                        .iter()
                        .any(|e| e.requirements.iter().any(|f| f.status.is_shortfall()))
            })
    }
}

/// The view of one location (station) and its EVSEs (points).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocationReport {
    /// The location's `id`.
    pub id: String,
    /// The file the location was read from.
    pub file: String,
    /// The location's pointer in that file.
    pub pointer: String,
    /// Station-level requirements.
    pub requirements: Vec<Finding>,
    /// One entry per EVSE in service.
    pub evses: Vec<EvseReport>,
}

impl LocationReport {
    /// The finding of a station-level requirement.
    pub fn requirement(&self, id: &str) -> Option<&Finding> {
        self.requirements.iter().find(|f| f.id == id)
    }

    /// The station's status for requirement `id`: its own finding, or for a point-level
    /// requirement the worst of its points (not-applicable without points); `None` when the
    /// requirement was not evaluated here.
    pub fn status(&self, id: &str) -> Option<Status> {
        if let Some(f) = self.requirement(id) {
            return Some(f.status);
        }
        let mut statuses = self
            .evses
            .iter()
            .filter_map(|e| e.requirement(id))
            .map(|f| f.status)
            .peekable();
        statuses.peek()?;
        statuses.reduce(Status::worst)
    }
}

/// The view of one EVSE (recharging point).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvseReport {
    /// The EVSE's `uid`.
    pub uid: String,
    /// The EVSE's pointer in the locations file.
    pub pointer: String,
    /// Point-level requirements.
    pub requirements: Vec<Finding>,
}

impl EvseReport {
    /// The finding of a point-level requirement.
    pub fn requirement(&self, id: &str) -> Option<&Finding> {
        self.requirements.iter().find(|f| f.id == id)
    }
}

/// A location being evaluated, with its points and the pointers of their fields.
pub(crate) struct Station<'f> {
    pub location: &'f Location,
    pub points: Vec<Point<'f>>,
    pub places: &'f Places,
    /// The location's pointer, shared by the pointers of its fields.
    pub base: Arc<str>,
}

impl Station<'_> {
    /// Pointers of the price components of `tariff` of the given dimensions (all when empty).
    pub fn tariff_components(
        &self,
        tariff: &crate::model::Tariff,
        dimensions: &[crate::model::DimensionType],
    ) -> Vec<Field> {
        ad_hoc::component_fields(tariff, self.file(), dimensions, self.places)
    }

    /// Pointer of a field of the location (`rest` starts with `/`).
    pub fn field(&self, rest: &'static str) -> Field {
        Field::joined(&self.base, rest)
    }

    /// The file the location was read from.
    pub fn file(&self) -> &str {
        &self.location.source.file
    }

    /// Pointers of a field of every EVSE in service.
    pub fn point_fields(&self, rest: &'static str) -> Vec<Field> {
        self.points.iter().map(|p| p.field(rest)).collect()
    }
}

/// An EVSE in service being evaluated.
pub(crate) struct Point<'f> {
    pub evse: &'f Evse,
    /// Pointer of the EVSE in the data.
    pub pointer: Arc<str>,
    /// Pointers of its connectors, in the model's order.
    pub connectors: Vec<Arc<str>>,
    /// The ad hoc tariff of each connector.
    pub ad_hoc: Vec<AdHoc<'f>>,
}

impl Point<'_> {
    /// Pointer of a field of the EVSE (`rest` starts with `/` or is empty).
    pub fn field(&self, rest: &'static str) -> Field {
        Field::joined(&self.pointer, rest)
    }

    /// Pointer of a field of connector `i`.
    pub fn connector_field(&self, i: usize, rest: &'static str) -> Field {
        Field::joined(&self.connectors[i], rest)
    }

    /// Pointers of a field of every connector.
    pub fn connector_fields(&self, rest: &'static str) -> Vec<Field> {
        self.connectors
            .iter()
            .map(|c| Field::joined(c, rest))
            .collect()
    }

    /// The point's power in W: the highest of its connectors (only one is used at a time).
    pub fn power_w(&self) -> Option<u32> {
        self.evse.max_power_w()
    }

    /// Pointers of the fields the power is derived from, per connector.
    pub fn power_fields(&self) -> Vec<Field> {
        let mut out = Vec::new();
        for (i, c) in self.evse.connectors.iter().enumerate() {
            if c.max_electric_power_w.is_some() {
                out.push(self.connector_field(i, "/max_electric_power"));
            } else {
                for f in ["/max_voltage", "/max_amperage", "/power_type"] {
                    out.push(self.connector_field(i, f));
                }
            }
        }
        out
    }

    /// Free of charge: every connector has an ad hoc tariff and all of them are free.
    pub fn is_free(&self) -> bool {
        !self.ad_hoc.is_empty()
            && self
                .ad_hoc
                .iter()
                .all(|a| a.tariff().is_some_and(|t| t.is_free()))
    }

    /// The ad hoc tariffs of a point's connectors, as a finding when there is a problem with them:
    /// `missing` when a connector references none, `unknown` when no tariffs were given, `fail`
    /// when references do not resolve or only contract tariffs are referenced.
    pub fn ad_hoc_problem(&self, id: &'static str) -> Option<Finding> {
        let point = self;
        let mut status = Status::Pass;
        let mut reasons = Vec::new();
        let mut fields = Vec::new();
        for (i, ad_hoc) in point.ad_hoc.iter().enumerate() {
            let Some(problem) = ad_hoc.problem() else {
                continue;
            };
            let s = match ad_hoc {
                AdHoc::NoReference => Status::Missing,
                AdHoc::NotGiven { .. } => Status::Unknown,
                _ => Status::Fail,
            };
            status = status.worst(s);
            reasons.push(format!(
                "connector {}: {problem}",
                point.evse.connectors[i].id
            ));
            fields.push(point.connector_field(i, "/tariff_ids"));
        }
        if point.ad_hoc.is_empty() {
            return Some(
                Finding::new(id, Status::Missing, "the EVSE has no connectors")
                    .fields([point.field("/connectors")]),
            );
        }
        (status != Status::Pass)
            .then(|| Finding::new(id, status, reasons.join("; ")).fields(fields))
    }

    pub fn has_capability(&self, capability: &str) -> bool {
        self.evse.capabilities.iter().any(|c| c == capability)
    }
}

/// Builds the station for `location`: its EVSEs in service, their pointers and ad hoc tariffs.
pub(crate) fn station<'f>(
    location: &'f Location,
    places: &'f Places,
    tariffs: &TariffIndex<'f>,
    at: jiff::Timestamp,
) -> Station<'f> {
    let file = &location.source.file;
    let evses_list = format!("{}/evses", location.source.pointer);
    let points = location
        .evses
        .iter()
        .enumerate()
        .filter(|(_, e)| !matches!(e.status, EvseStatus::Removed | EvseStatus::Planned))
        .map(|(i, evse)| {
            let pointer = places.entry(file, &evses_list, i);
            let connectors_list = format!("{pointer}/connectors");
            Point {
                evse,
                connectors: (0..evse.connectors.len())
                    .map(|c| Arc::from(places.entry(file, &connectors_list, c)))
                    .collect(),
                ad_hoc: evse
                    .connectors
                    .iter()
                    .map(|c| AdHoc::of(tariffs, location, c, at))
                    .collect(),
                pointer: Arc::from(pointer),
            }
        })
        .collect();
    Station {
        location,
        points,
        places,
        base: Arc::from(location.source.pointer.as_str()),
    }
}

/// How one requirement is evaluated, by level.
pub(crate) enum Check<C> {
    Station(fn(&Station<'_>, &C) -> Finding),
    Point(fn(&Point<'_>, &Station<'_>, &C) -> Finding),
}

/// One row of a view's table of requirements: what it is and how it is checked.
pub(crate) struct Rule<C: 'static> {
    pub id: &'static str,
    pub title: &'static str,
    pub reference: &'static str,
    pub check: Check<C>,
}

impl<C> Rule<C> {
    /// A station-level row of a view's table.
    pub const fn station(
        id: &'static str,
        title: &'static str,
        reference: &'static str,
        check: fn(&Station<'_>, &C) -> Finding,
    ) -> Rule<C> {
        Rule {
            id,
            title,
            reference,
            check: Check::Station(check),
        }
    }

    /// A point-level (EVSE) row of a view's table.
    pub const fn point(
        id: &'static str,
        title: &'static str,
        reference: &'static str,
        check: fn(&Point<'_>, &Station<'_>, &C) -> Finding,
    ) -> Rule<C> {
        Rule {
            id,
            title,
            reference,
            check: Check::Point(check),
        }
    }

    pub fn definition(&self) -> Definition {
        Definition {
            id: self.id,
            title: self.title,
            reference: self.reference,
            level: match self.check {
                Check::Station(_) => Level::Station,
                Check::Point(_) => Level::Point,
            },
        }
    }
}

/// Evaluates every rule for one station.
pub(crate) fn evaluate_station<C>(
    station: &Station<'_>,
    rules: &[Rule<C>],
    cx: &C,
) -> LocationReport {
    let mut requirements = Vec::new();
    for rule in rules {
        if let Check::Station(check) = rule.check {
            requirements.push(check(station, cx));
        }
    }
    let evses = station
        .points
        .iter()
        .map(|point| EvseReport {
            uid: point.evse.uid.clone(),
            pointer: point.pointer.to_string(),
            requirements: rules
                .iter()
                .filter_map(|rule| match rule.check {
                    Check::Point(check) => Some(check(point, station, cx)),
                    Check::Station(_) => None,
                })
                .collect(),
        })
        .collect();
    LocationReport {
        id: station.location.id.clone(),
        file: station.location.source.file.clone(),
        pointer: station.location.source.pointer.clone(),
        requirements,
        evses,
    }
}

/// Adds a location's statuses to the summary: one count per requirement.
pub(crate) fn summarise<C>(summary: &mut Summary, report: &LocationReport, rules: &[Rule<C>]) {
    for rule in rules {
        let status = report.status(rule.id).unwrap_or(Status::NotApplicable);
        summary.add(rule.id, status);
    }
}

/// Evaluates every published location of a feed.
pub(crate) fn evaluate_feed<C>(
    feed: &Feed,
    places: &Places,
    rules: &[Rule<C>],
    cx: &C,
    tariffs: &TariffIndex<'_>,
    at: jiff::Timestamp,
) -> Report {
    let mut report = Report {
        locations: Vec::with_capacity(feed.locations.len()),
        network: Vec::new(),
        summary: Summary::default(),
        unpublished: 0,
    };
    for location in &feed.locations {
        if !location.is_public() {
            report.unpublished += 1;
            continue;
        }
        let station = station(location, places, tariffs, at);
        let location_report = evaluate_station(&station, rules, cx);
        summarise(&mut report.summary, &location_report, rules);
        report.locations.push(location_report);
    }
    report
}

/// Power in kW as a JSON number (`22080` W → `22.08`).
pub(crate) fn kw_value(w: u32) -> serde_json::Value {
    serde_json::json!(f64::from(w) / 1000.0)
}

/// Power in kW as text (`22080` W → `22.08 kW`).
pub(crate) fn kw_text(w: u32) -> String {
    format!(
        "{} kW",
        rust_decimal::Decimal::new(i64::from(w), 3).normalize()
    )
}

/// The moment a date stands for when something must be valid "on" it: noon UTC.
pub(crate) fn noon_utc(date: jiff::civil::Date) -> jiff::Timestamp {
    jiff::tz::TimeZone::UTC
        .to_timestamp(date.at(12, 0, 0, 0))
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
}
