//! A price estimate for a session the user sets: energy (default 30 kWh), start (default now,
//! in the location's local time) and minutes parked after charging, at the power of the
//! connector, priced by the core (`ocpi_open_data::tariff::price_session`).

use std::sync::Arc;

use leptos::prelude::*;
use ocpi_open_data::model::Location;
use ocpi_open_data::tariff::{Language, SessionPrice, money};
use rust_decimal::Decimal;

use super::tariff_summary::tariffs_of;
use crate::opening::zone_of;
use crate::pricing::{SessionInput, connector_for, estimate, power_kw};
use crate::state::MapState;

/// `datetime-local` text of an instant in `zone`.
fn local_input(t: jiff::Timestamp, zone: &jiff::tz::TimeZone) -> String {
    t.to_zoned_datetime(zone.clone())
        .strftime("%Y-%m-%dT%H:%M")
        .to_string()
}

/// The total as text: after tax when the tariff gives it, else before tax.
fn total_text(p: &SessionPrice) -> String {
    match (p.total.after_tax, p.total.before_tax) {
        (Some(a), _) => format!("{} incl. taxes", money(a, &p.currency, Language::En)),
        (None, Some(b)) => format!("{} excl. VAT", money(b, &p.currency, Language::En)),
        (None, None) => "no total".to_string(),
    }
}

#[component]
pub fn PriceEstimate(location: Arc<Location>) -> impl IntoView {
    let state = expect_context::<MapState>();
    let zone = zone_of(&location).unwrap_or(jiff::tz::TimeZone::UTC);
    let (kwh, stay, chosen) = (
        state.estimate_kwh,
        state.estimate_stay,
        state.estimate_start,
    );
    let z0 = zone.clone();
    let start = Signal::derive(move || {
        chosen
            .get()
            .unwrap_or_else(|| local_input(state.now.get(), &z0))
    });
    let tariff = tariffs_of(&state, &location).into_iter().next();
    let kw = tariff
        .as_ref()
        .map(|t| power_kw(connector_for(&location, &t.id)));
    let loc = location.clone();
    let z = zone.clone();
    let result = move || -> Result<SessionPrice, String> {
        let t = tariff
            .as_ref()
            .ok_or("No tariff is known for these connectors.")?;
        let kwh = kwh
            .get()
            .trim()
            .parse::<Decimal>()
            .map_err(|_| "Enter the energy in kWh.")?;
        let stay_minutes = stay.get().trim().parse::<u32>().unwrap_or(0);
        let local: jiff::civil::DateTime = start
            .get()
            .parse()
            .map_err(|_| "Enter the start date and time.")?;
        let start = local
            .to_zoned_datetime(z.clone())
            .map_err(|e| e.to_string())?
            .timestamp();
        let input = SessionInput {
            kwh,
            start,
            stay_minutes,
        };
        match estimate(t, &loc, &input) {
            None => Err("Enter an energy above 0 kWh.".to_string()),
            Some(Err(e)) => Err(format!("This tariff cannot be priced: {e}")),
            Some(Ok(p)) => Ok(p),
        }
    };
    let zone_name = zone.iana_name().unwrap_or("UTC").to_string();
    view! {
        <section aria-labelledby="estimate-h" class="estimate">
            <h3 id="estimate-h">"Price estimate"</h3>
            <div class="row">
                <label for="est-kwh">"Energy (kWh)"</label>
                <input id="est-kwh" type="number" min="0" step="1" prop:value=move || kwh.get()
                    on:input:target=move |ev| kwh.set(ev.target().value()) />
                <label for="est-start">{format!("Start ({zone_name})")}</label>
                <input id="est-start" type="datetime-local" prop:value=move || start.get()
                    on:input:target=move |ev| chosen.set(Some(ev.target().value())) />
                <label for="est-stay">"Parked after charging (min)"</label>
                <input id="est-stay" type="number" min="0" step="5" prop:value=move || stay.get()
                    on:input:target=move |ev| stay.set(ev.target().value()) />
            </div>
            {kw.map(|kw| view! { <p class="hint">{format!("Charging at {} kW, the connector's power.", kw.normalize())}</p> })}
            <div class="estimate-result" aria-live="polite">
                {move || match result() {
                    Err(message) => view! { <p>{message}</p> }.into_any(),
                    Ok(p) => {
                        let lines: Vec<String> = p.components.iter().map(|c| {
                            let amount = c.amount.after_tax.or(c.amount.before_tax)
                                .map(|a| money(a, &p.currency, Language::En)).unwrap_or_default();
                            format!("{}: {} {} — {amount}", c.kind.as_str().to_lowercase().replace('_', " "),
                                c.quantity.normalize(), c.unit)
                        }).collect();
                        view! {
                            <p class="estimate-total"><strong>{format!("About {}", total_text(&p))}</strong></p>
                            <ul class="estimate-lines">{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul>
                            {p.price_limit.is_some().then(|| view! { <p class="hint">"A minimum or maximum price of the tariff applies."</p> })}
                        }.into_any()
                    }
                }}
            </div>
        </section>
    }
}
