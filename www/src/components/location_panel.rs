//! The open location: address, operator, opening hours in its time zone, EVSEs, the ad hoc
//! tariff with a price estimate, and the AFIR / UK badges.

use leptos::html::H2;
use leptos::prelude::*;

use super::{EvseList, PriceEstimate, RegulationBadges, TariffSummary};
use crate::browser::safe_href;
use crate::opening::{OpenState, describe, open_at, zone_of};
use crate::state::{MapState, Shared};

#[component]
pub fn LocationPanel() -> impl IntoView {
    let state = expect_context::<MapState>();
    let heading = NodeRef::<H2>::new();
    // Redrawn only when another location opens, its data changed or more of its tariffs are
    // known (not when the catalog is rebuilt around it, nor when the clock ticks).
    let entry = Memo::new(move |_| {
        let i = state.selected.get()?;
        state.catalog.with(|c| {
            c.entries.get(i).map(|e| {
                let l = &e.location;
                let tariffs = l
                    .evses_in_service()
                    .flat_map(|v| v.connectors.iter())
                    .flat_map(|k| k.tariff_ids.iter())
                    .filter(|id| c.tariff_for(l, id).is_some())
                    .count();
                (Shared(l.clone()), e.operator.clone(), tariffs)
            })
        })
    });
    // Move focus to the panel when a location opens.
    Effect::new(move |_| {
        if state.selected.get().is_some()
            && let Some(h) = heading.get()
        {
            let _ = h.focus();
        }
    });
    let close = move || state.selected.set(None);

    view! {
        <Show when=move || entry.with(Option::is_some)>
            <aside class="panel" aria-labelledby="panel-h"
                on:keydown=move |ev| if ev.key() == "Escape" { close() }>
                <button class="close" aria-label="Close details" on:click=move |_| close()>"×"</button>
                {move || entry.get().map(|(location, operator, _)| {
                    let l = location.0.clone();
                    let title = l.name.clone().unwrap_or_else(|| l.address.clone());
                    let address = [Some(l.address.clone()), l.postal_code.clone(), Some(l.city.clone()), Some(l.country.clone())]
                        .into_iter().flatten().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ");
                    let website = l.operator.as_ref().and_then(|o| o.website.as_deref().and_then(safe_href));
                    let zone = zone_of(&l);
                    let lo = l.clone();
                    let open = move || match open_at(&lo, state.now.get()) {
                        OpenState::Open => "Open now",
                        OpenState::Closed => "Closed now",
                        OpenState::Unknown => "Opening state unknown (no time zone)",
                    };
                    let local = move || zone.as_ref().map(|z| format!(" · Local time {} ({})",
                        state.now.get().to_zoned_datetime(z.clone()).strftime("%a %H:%M"), z.iana_name().unwrap_or("?")));
                    let hours = describe(l.opening_times.as_deref());
                    let directions: Vec<String> = l.directions.iter().map(|d| d.text.clone()).collect();
                    let facilities = l.facilities.join(", ").to_lowercase().replace('_', " ");
                    let source = format!("From {} ({}, OCPI {}){}", l.source.file, l.source.pointer, l.source.version,
                        if l.source.has_errors { " — the validator found errors in this location" } else { "" });
                    view! {
                        <h2 id="panel-h" tabindex="-1" node_ref=heading>{title}</h2>
                        <p class="address">{address}</p>
                        <p class="operator">"Operator: " {operator}
                            {website.map(|w| view! { " · " <a href=w.clone() rel="noopener noreferrer nofollow" target="_blank">"website"</a> })}
                        </p>
                        <RegulationBadges location=l.clone() />
                        <section aria-labelledby="hours-h">
                            <h3 id="hours-h">"Opening hours"</h3>
                            <p class="open-state">{open}{local}</p>
                            <ul class="hours">{hours.into_iter().map(|h| view! { <li>{h}</li> }).collect_view()}</ul>
                            {(l.charging_when_closed && l.opening_times.as_deref().is_some_and(|h| !crate::opening::is_24_7(Some(h))))
                                .then(|| view! { <p>"A session may go on after closing time."</p> })}
                        </section>
                        <EvseList location=l.clone() />
                        <TariffSummary location=l.clone() />
                        <PriceEstimate location=l.clone() />
                        {(!directions.is_empty()).then(|| view! {
                            <section><h3>"Directions"</h3>{directions.into_iter().map(|d| view! { <p>{d}</p> }).collect_view()}</section>
                        })}
                        {(!facilities.is_empty()).then(|| view! { <p class="facilities">"Facilities: " {facilities}</p> })}
                        <p class="source">{source}</p>
                    }
                })}
            </aside>
        </Show>
    }
}
