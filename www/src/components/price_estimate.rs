//! A price estimate for a session the user sets (default: 30 kWh, starting now, 45 minutes),
//! from the core's pricing when this build has it.

use std::sync::Arc;

use leptos::prelude::*;
use ocpi_open_data::model::Location;
use rust_decimal::Decimal;

use super::tariff_summary::tariffs_of;
use crate::pricing::{Session, estimate};
use crate::state::MapState;

#[component]
pub fn PriceEstimate(location: Arc<Location>) -> impl IntoView {
    let state = expect_context::<MapState>();
    let kwh = RwSignal::new("30".to_string());
    let minutes = RwSignal::new("45".to_string());
    let loc = location.clone();
    let result = move || {
        let tariffs = tariffs_of(&state, &loc);
        let t = tariffs.first()?;
        let session = Session {
            kwh: kwh.get().trim().parse::<Decimal>().ok()?,
            start: state.now.get(),
            minutes: minutes.get().trim().parse().ok()?,
        };
        Some(estimate(t, &loc, &session))
    };
    view! {
        <section aria-labelledby="estimate-h" class="estimate">
            <h3 id="estimate-h">"Price estimate"</h3>
            <div class="row">
                <label for="est-kwh">"Energy (kWh)"</label>
                <input id="est-kwh" type="number" min="0" step="1" prop:value=move || kwh.get()
                    on:input:target=move |ev| kwh.set(ev.target().value()) />
                <label for="est-min">"Duration (min)"</label>
                <input id="est-min" type="number" min="0" step="5" prop:value=move || minutes.get()
                    on:input:target=move |ev| minutes.set(ev.target().value()) />
            </div>
            <p class="estimate-result" aria-live="polite">
                {move || match result() {
                    None => "Enter energy and duration (and a tariff must be known).".to_string(),
                    Some(None) => "Price estimate: not available in this build.".to_string(),
                    Some(Some(e)) => format!("About {} {}{}", e.total.round_dp(2), e.currency,
                        if e.includes_tax { " incl. taxes" } else { " excl. VAT" }),
                }}
            </p>
        </section>
    }
}
