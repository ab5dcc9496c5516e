//! The ad hoc tariff of a location as published: price per kWh, per hour of charging, per
//! session and per hour of parking (the order AFIR asks prices to be shown in), with their
//! conditions, in the words of the core's tariff explanation.

use std::sync::Arc;

use leptos::prelude::*;
use ocpi_open_data::model::{Location, Tariff, TariffType, TaxIncluded};
use ocpi_open_data::tariff::{ComponentKind, Language, ad_hoc_prices, explain_tariff_parts, money};

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

/// The plain ad hoc prices in the AFIR order, one line.
fn ad_hoc_line(t: &Tariff) -> String {
    let p = ad_hoc_prices(t);
    let m = |a: rust_decimal::Decimal| money(a, &p.currency, Language::En);
    let parts: Vec<String> = [
        p.per_kwh.map(|a| format!("{} per kWh", m(a))),
        p.per_minute.map(|a| format!("{} per minute", m(a))),
        p.per_session.map(|a| format!("{} per session", m(a))),
        p.parking_per_minute
            .map(|a| format!("parking {} per minute", m(a))),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        return "No price is published.".to_string();
    }
    format!(
        "{}{}",
        parts.join(" · "),
        if p.conditional {
            " (some prices hold only at certain times or conditions)"
        } else {
            ""
        }
    )
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
    let headline = ad_hoc_line(&t);
    let explained = explain_tariff_parts(&t, Language::En);
    let rows: Vec<(String, String, String)> = explained
        .prices
        .iter()
        .map(|p| {
            let when = if p.conditions.is_empty() {
                "any time".to_string()
            } else {
                p.conditions.join(", ")
            };
            let what = match p.kind {
                ComponentKind::Time => " charging",
                ComponentKind::ParkingTime => " parking",
                ComponentKind::ReservationTime | ComponentKind::ReservationFlat => " reserved",
                ComponentKind::Energy | ComponentKind::Flat => "",
            };
            (
                money(p.amount, &t.currency, Language::En),
                format!("per {}{what}", p.per),
                when,
            )
        })
        .collect();
    let notes = explained.notes;
    let alt: Vec<String> = t.tariff_alt_text.iter().map(|d| d.text.clone()).collect();
    let url = t.tariff_alt_url.as_deref().and_then(safe_href);
    view! {
        <section aria-labelledby="tariff-h" class="tariff">
            <h3 id="tariff-h">{format!("{kind} ({})", t.id)}</h3>
            <p class="ad-hoc">{headline}</p>
            <table>
                <caption class="visually-hidden">"Price components in the AFIR order"</caption>
                <thead><tr><th scope="col">"Price"</th><th scope="col">"Unit"</th><th scope="col">"When"</th></tr></thead>
                <tbody>
                    {rows.into_iter().map(|(p, u, w)| view! { <tr><td>{p}</td><td>{u}</td><td>{w}</td></tr> }).collect_view()}
                </tbody>
            </table>
            {notes.is_empty().then(|| view! { <p class="hint">{tax}</p> })}
            {(!notes.is_empty()).then(|| view! { <ul class="tariff-notes">{notes.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> })}
            {alt.into_iter().map(|a| view! { <p class="alt">{a}</p> }).collect_view()}
            {url.map(|u| view! { <a href=u rel="noopener noreferrer nofollow" target="_blank">"Tariff details"</a> })}
            {(tariffs.len() > 1).then(|| view! { <p class="hint">{format!("{} other tariffs apply with a contract.", tariffs.len() - 1)}</p> })}
        </section>
    }
    .into_any()
}
