//! The locations in view as a list, in step with the map: the way to reach every location by
//! keyboard or screen reader. Arrow keys move between entries; Enter opens one.

use leptos::prelude::*;

use super::cluster_layer::availability_symbol;
use crate::state::MapState;

/// At most this many entries are listed; the heading says how many there are.
const LIST_LIMIT: usize = 200;

#[component]
pub fn LocationList(open: RwSignal<bool>) -> impl IntoView {
    let state = expect_context::<MapState>();
    let in_view = Memo::new(move |_| {
        let Some(vp) = state.viewport.get() else {
            return Vec::new();
        };
        let shown = state.shown.get();
        let mut ids = shown.index.points_in(vp.bbox);
        // Nearest to the centre first.
        let (cx, cy) = (vp.center.lon, vp.center.lat);
        state.catalog.with_untracked(|c| {
            ids.sort_by(|a, b| {
                let d = |i: &u32| {
                    c.entries.get(*i as usize).map_or(f64::MAX, |e| {
                        let (dx, dy) = (e.marker.lon - cx, e.marker.lat - cy);
                        dx * dx + dy * dy
                    })
                };
                d(a).total_cmp(&d(b))
            })
        });
        ids
    });
    let heading = move || {
        let n = in_view.with(Vec::len);
        if n > LIST_LIMIT {
            format!("Locations in view: {n} (nearest {LIST_LIMIT} listed; zoom in for the rest)")
        } else {
            format!("Locations in view: {n}")
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        if key != "ArrowDown" && key != "ArrowUp" {
            return;
        }
        ev.prevent_default();
        #[cfg(target_arch = "wasm32")]
        {
            use wasm_bindgen::JsCast;
            let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            let Ok(list) = doc.query_selector_all("#location-list .loc-item") else {
                return;
            };
            let active = doc.active_element();
            let n = list.length();
            let mut at: Option<u32> = None;
            for i in 0..n {
                if let (Some(node), Some(a)) = (list.item(i), &active)
                    && node.is_same_node(Some(a))
                {
                    at = Some(i);
                }
            }
            let next = match (at, key.as_str()) {
                (Some(i), "ArrowDown") => (i + 1).min(n.saturating_sub(1)),
                (Some(i), _) => i.saturating_sub(1),
                (None, _) => 0,
            };
            if let Some(el) = list
                .item(next)
                .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        }
    };

    view! {
        <section id="location-list" class="location-list" class:open=move || open.get()
            aria-labelledby="list-h" tabindex="-1">
            <h2 id="list-h">{heading}</h2>
            <ol on:keydown=on_key>
                {move || {
                    let ids = in_view.get();
                    state.catalog.with(|c| ids.iter().take(LIST_LIMIT).filter_map(|&id| {
                        let e = c.entries.get(id as usize)?;
                        let m = &e.marker;
                        let title = e.location.name.clone().unwrap_or_else(|| e.location.address.clone());
                        let line = format!("{}, {} · {}", e.location.address, e.location.city, e.operator);
                        let status = format!("{} {} · {} of {} free · {}", availability_symbol(m.availability),
                            m.availability.label(), m.evses_available, m.evses, m.power.label());
                        let price = m.price_per_kwh.map(|p| format!("from {} {}/kWh", p.round_dp(2), m.currency.clone().unwrap_or_default()));
                        let idx = id as usize;
                        Some(view! {
                            <li>
                                <button class="loc-item" data-entry=idx
                                    aria-current=move || (state.selected.get() == Some(idx)).then_some("true")
                                    on:click=move |_| state.selected.set(Some(idx))>
                                    <span class="loc-title">{title}</span>
                                    <span class="loc-line">{line}</span>
                                    <span class="loc-status">{status}</span>
                                    {price.map(|p| view! { <span class="loc-price">{p}</span> })}
                                </button>
                            </li>
                        })
                    }).collect_view())
                }}
            </ol>
        </section>
    }
}
