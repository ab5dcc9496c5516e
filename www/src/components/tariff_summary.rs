//! The ad hoc tariff of a location as published: price per kWh, per hour of charging, per
//! session and per hour of parking (the order AFIR asks prices to be shown in), with their
//! restrictions. The words of the core's tariff explanation are added when this build has them.

use std::sync::Arc;

use leptos::prelude::*;
use ocpi_open_data::model::{
    DimensionType, Location, Restrictions, Tariff, TariffType, TaxIncluded,
};

use crate::browser::safe_href;
use crate::state::MapState;

/// The tariffs the connectors of a location name, the ad hoc one (AD_HOC_PAYMENT) first.
pub fn tariffs_of(state: &MapState, l: &Location) -> Vec<Arc<Tariff>> {
    let mut ids: Vec<&str> = l
        .evses_in_service()
        .flat_map(|e| e.connectors.iter())
        .flat_map(|c| c.tariff_ids.iter().map(String::as_str))
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let mut out: Vec<Arc<Tariff>> = state.catalog.with_untracked(|c| {
        ids.iter()
            .filter_map(|id| c.tariff_for(l, id).map(|t| Arc::new(t.clone())))
            .collect()
    });
    out.sort_by_key(|t| t.tariff_type != Some(TariffType::AdHocPayment));
    out
}

/// AFIR order: energy, time, session (flat), parking time.
fn rank(d: &DimensionType) -> u8 {
    match d {
        DimensionType::Energy => 0,
        DimensionType::Time => 1,
        DimensionType::Flat => 2,
        DimensionType::ParkingTime => 3,
        _ => 4,
    }
}

fn unit(d: &DimensionType) -> &'static str {
    match d {
        DimensionType::Energy => "per kWh",
        DimensionType::Time => "per hour charging",
        DimensionType::Flat => "per session",
        DimensionType::ParkingTime => "per hour parking",
        _ => "",
    }
}

/// Restrictions in words (`16:00–20:00, MONDAY–FRIDAY, after 60 min`).
pub fn restriction_text(r: &Restrictions) -> String {
    let mut parts = Vec::new();
    if r.start_time.is_some() || r.end_time.is_some() {
        parts.push(format!(
            "{}–{}",
            r.start_time.as_deref().unwrap_or("00:00"),
            r.end_time.as_deref().unwrap_or("24:00")
        ));
    }
    if !r.day_of_week.is_empty() {
        let days: Vec<String> = r
            .day_of_week
            .iter()
            .map(|d| d.as_str().to_lowercase())
            .collect();
        parts.push(days.join(", "));
    }
    if let Some(m) = r.min_duration {
        parts.push(format!("after {} min", m / 60));
    }
    if let Some(m) = r.max_duration {
        parts.push(format!("up to {} min", m / 60));
    }
    if let Some(k) = r.min_kwh {
        parts.push(format!("from {k} kWh"));
    }
    if let Some(k) = r.max_kwh {
        parts.push(format!("up to {k} kWh"));
    }
    if let Some(p) = r.min_power {
        parts.push(format!("from {p} kW"));
    }
    if let Some(p) = r.max_power {
        parts.push(format!("below {p} kW"));
    }
    parts.join(", ")
}

#[component]
pub fn TariffSummary(location: Arc<Location>) -> impl IntoView {
    let state = expect_context::<MapState>();
    let tariffs = tariffs_of(&state, &location);
    let Some(t) = tariffs.first().cloned() else {
        return view! {
            <section aria-labelledby="tariff-h"><h3 id="tariff-h">"Tariff"</h3>
            <p>"This feed names no tariff for these connectors (or it is not loaded)."</p></section>
        }
        .into_any();
    };
    let kind = match &t.tariff_type {
        Some(TariffType::AdHocPayment) => "Ad hoc payment tariff".to_string(),
        Some(other) => format!("{} tariff", other.as_str().to_lowercase().replace('_', " ")),
        None => "Tariff".to_string(),
    };
    let tax = match t.tax_included {
        TaxIncluded::Yes => "Prices include taxes.",
        _ => "Prices exclude VAT unless stated.",
    };
    let mut rows: Vec<(u8, String, String, String)> = Vec::new();
    for e in &t.elements {
        let when = e
            .restrictions
            .as_ref()
            .map(restriction_text)
            .unwrap_or_default();
        for c in &e.price_components {
            let vat = c.vat.map(|v| format!(" + {v} % VAT")).unwrap_or_default();
            rows.push((
                rank(&c.dimension),
                format!("{} {}{vat}", c.price.normalize(), t.currency),
                unit(&c.dimension).to_string(),
                if when.is_empty() {
                    "any time".to_string()
                } else {
                    when.clone()
                },
            ));
        }
    }
    rows.sort_by_key(|r| r.0);
    let words = crate::pricing::explain(&t);
    let alt: Vec<String> = t.tariff_alt_text.iter().map(|d| d.text.clone()).collect();
    let url = t.tariff_alt_url.as_deref().and_then(safe_href);
    view! {
        <section aria-labelledby="tariff-h" class="tariff">
            <h3 id="tariff-h">{format!("{kind} ({})", t.id)}</h3>
            <table>
                <caption class="visually-hidden">"Price components in the AFIR order"</caption>
                <thead><tr><th scope="col">"Price"</th><th scope="col">"Unit"</th><th scope="col">"When"</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|(_, p, u, w)| view! { <tr><td>{p}</td><td>{u}</td><td>{w}</td></tr> }).collect_view()}
                </tbody>
            </table>
            <p class="hint">{tax}</p>
            {words.map(|w| view! { <ul>{w.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> })}
            {alt.into_iter().map(|a| view! { <p class="alt">{a}</p> }).collect_view()}
            {url.map(|u| view! { <a href=u rel="noopener noreferrer nofollow" target="_blank">"Tariff details"</a> })}
            {(tariffs.len() > 1).then(|| view! { <p class="hint">{format!("{} other tariffs apply with a contract.", tariffs.len() - 1)}</p> })}
        </section>
    }
    .into_any()
}
