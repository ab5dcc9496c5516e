//! The AFIR and UK results of a location as badges that expand into their requirement list.

use std::sync::Arc;

use leptos::prelude::*;
use ocpi_open_data::model::Location;

use super::tariff_summary::tariffs_of;
use crate::regulation::{RegulationReport, afir_report, uk_report};
use crate::state::MapState;

#[component]
pub fn RegulationBadges(location: Arc<Location>) -> impl IntoView {
    let state = expect_context::<MapState>();
    let tariffs = tariffs_of(&state, &location);
    let refs: Vec<&ocpi_open_data::model::Tariff> = tariffs.iter().map(|t| t.as_ref()).collect();
    let afir = afir_report(&location, &refs);
    let uk = uk_report(&location, &refs);
    view! {
        <div class="badges">
            <Badge name="AFIR" report=afir />
            <Badge name="UK PCPR" report=uk />
        </div>
    }
}

#[component]
fn Badge(name: &'static str, report: Option<RegulationReport>) -> impl IntoView {
    match report {
        None => view! {
            <span class="badge badge-na">{format!("{name}: not available in this build")}</span>
        }
        .into_any(),
        Some(r) => {
            let failed = r
                .requirements
                .iter()
                .filter(|q| q.met == Some(false))
                .count();
            let summary = if failed == 0 {
                format!("{name}: requirements met")
            } else {
                format!("{name}: {failed} requirements not met")
            };
            view! {
                <details class=if failed == 0 { "badge badge-ok" } else { "badge badge-fail" }>
                    <summary>{summary}</summary>
                    <ul>
                        {r.requirements.into_iter().map(|q| {
                            let mark = match q.met { Some(true) => "✓ met", Some(false) => "✕ not met", None => "? unknown" };
                            view! { <li>{format!("{mark} — {} {}: {}", q.reference, q.title, q.detail)}</li> }
                        }).collect_view()}
                    </ul>
                </details>
            }
            .into_any()
        }
    }
}
