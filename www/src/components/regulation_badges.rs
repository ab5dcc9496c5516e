//! The AFIR and UK results of a location as badges that expand into their requirement list
//! (status, requirement, reason, value).

use std::sync::Arc;

use leptos::prelude::*;
use ocpi_open_data::model::Location;
use ocpi_open_data::views::{LocationReport, Status};

use super::tariff_summary::tariffs_of;
use crate::regulation::{Regulation, findings, location_reports, today, value_text, verdict};
use crate::state::MapState;

#[component]
pub fn RegulationBadges(location: Arc<Location>) -> impl IntoView {
    let state = expect_context::<MapState>();
    let tariffs = tariffs_of(&state, &location);
    let (afir, uk) = location_reports(&location, &tariffs, today());
    view! {
        <div class="badges">
            <Badge regulation=Regulation::Afir report=afir />
            <Badge regulation=Regulation::Uk report=uk />
        </div>
    }
}

/// The word and symbol of a status (never colour alone).
pub fn status_label(s: Status) -> &'static str {
    match s {
        Status::Pass => "✓ pass",
        Status::Fail => "✕ fail",
        Status::Missing => "✕ missing",
        Status::Unknown => "? unknown",
        Status::NotRepresentable => "– not in OCPI",
        Status::NotApplicable => "– n/a",
    }
}

/// One regulation's result: a summary that opens into the requirement list.
#[component]
pub fn Badge(regulation: Regulation, report: LocationReport) -> impl IntoView {
    let name = regulation.name();
    let v = verdict(&report);
    let (class, summary) = if v.applicable == 0 {
        ("badge badge-na", format!("{name}: does not apply"))
    } else if v.shortfalls > 0 {
        (
            "badge badge-fail",
            format!(
                "{name}: {} of {} requirements not met",
                v.shortfalls, v.applicable
            ),
        )
    } else if v.unknown > 0 {
        (
            "badge badge-unknown",
            format!("{name}: met where the data tells ({} unknown)", v.unknown),
        )
    } else {
        ("badge badge-ok", format!("{name}: requirements met"))
    };
    let defs = regulation.definitions();
    let rows: Vec<_> = findings(&report)
        .into_iter()
        .filter(|(_, f)| f.status != Status::NotApplicable)
        .map(|(evse, f)| {
            let title = defs
                .iter()
                .find(|d| d.id == f.id)
                .map_or(f.id.to_string(), |d| {
                    format!("{} ({})", d.title, d.reference)
                });
            let on = evse.map(|u| format!("EVSE {u}: ")).unwrap_or_default();
            (
                f.status,
                format!("{on}{title}"),
                f.reason.to_string(),
                value_text(f),
            )
        })
        .collect();
    view! {
        <details class=class data-regulation=name>
            <summary>{summary}</summary>
            <ul class="requirements">
                {rows.into_iter().map(|(status, title, reason, value)| view! {
                    <li class=format!("req req-{}", status.as_str())>
                        <span class="req-status">{status_label(status)}</span>
                        " "<span class="req-title">{title}</span>
                        <div class="req-reason">{reason}</div>
                        {(!value.is_empty()).then(|| view! { <div class="req-value">"Value: " {value}</div> })}
                    </li>
                }).collect_view()}
            </ul>
        </details>
    }
}
