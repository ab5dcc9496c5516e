//! Filters drivers ask for: plug × minimum power × available now on the same connector, AC/DC,
//! price, payment, opening, accessible parking, operator, and a text search.

use leptos::prelude::*;
use ocpi_open_data::cluster::Plug;
use rust_decimal::Decimal;

use crate::filter::{Current, Filters};
use crate::state::MapState;

const POWERS_KW: [u32; 6] = [7, 11, 22, 50, 150, 300];

#[component]
pub fn FilterBar() -> impl IntoView {
    let state = expect_context::<MapState>();
    let f = state.filters;
    let set = move |change: &dyn Fn(&mut Filters)| f.update(|x| change(x));
    let shown = move || state.shown.with(|s| s.entries.len());
    let total = move || state.catalog.with(|c| c.entries.len());

    let check = move |label: &'static str,
                      id: &'static str,
                      get: fn(&Filters) -> bool,
                      put: fn(&mut Filters, bool)| {
        view! {
            <label class="check" for=id>
                <input type="checkbox" id=id prop:checked=move || f.with(get)
                    on:change:target=move |ev| { let on = ev.target().checked(); f.update(|x| put(x, on)); } />
                {label}
            </label>
        }
    };

    view! {
        <section class="filters" aria-labelledby="filters-h">
            <h2 id="filters-h">"Filters"</h2>
            <p class="count" role="status" aria-live="polite">
                {move || format!("{} of {} locations", shown(), total())}
            </p>
            <label for="search">"Search city, address or operator"</label>
            <input id="search" type="search" prop:value=move || f.with(|x| x.text.clone())
                on:input:target=move |ev| { let v = ev.target().value(); set(&|x| x.text = v.clone()); } />

            <fieldset>
                <legend>"Connector"</legend>
                <p class="hint">"Plug, power and “available now” must hold for the same connector."</p>
                <div class="plugs">
                    {Plug::ALL.into_iter().filter(|p| *p != Plug::Other).map(|p| {
                        let id = format!("plug-{}", p.key());
                        let for_id = id.clone();
                        view! {
                            <label class="check" for=for_id>
                                <input type="checkbox" id=id prop:checked=move || f.with(|x| x.plugs.contains(&p))
                                    on:change:target=move |ev| {
                                        let on = ev.target().checked();
                                        f.update(|x| { x.plugs.retain(|q| *q != p); if on { x.plugs.push(p); } });
                                    } />
                                {p.label()}
                            </label>
                        }
                    }).collect_view()}
                </div>
                <label for="min-kw">"Minimum power"</label>
                <select id="min-kw" on:change:target=move |ev| {
                        let v = ev.target().value().parse::<u32>().ok();
                        f.update(|x| x.min_kw = v);
                    }
                    prop:value=move || f.with(|x| x.min_kw.map(|k| k.to_string()).unwrap_or_default())>
                    <option value="">"Any"</option>
                    {POWERS_KW.into_iter().map(|k| view! { <option value=k.to_string()>{format!("{k} kW or more")}</option> }).collect_view()}
                </select>
                {check("Available now", "available-now", |x| x.available_now, |x, on| x.available_now = on)}
                <div class="radio" role="radiogroup" aria-label="Current">
                    {[(None, "AC or DC", "cur-any"), (Some(Current::Ac), "AC", "cur-ac"), (Some(Current::Dc), "DC", "cur-dc")]
                        .into_iter().map(|(c, label, id)| view! {
                            <label for=id>
                                <input type="radio" name="current" id=id prop:checked=move || f.with(|x| x.current == c)
                                    on:change=move |_| f.update(|x| x.current = c) />
                                {label}
                            </label>
                        }).collect_view()}
                </div>
            </fieldset>

            <fieldset>
                <legend>"Price and payment"</legend>
                <label for="max-price">"Maximum price per kWh (tariff currency)"</label>
                <input id="max-price" type="number" min="0" step="0.01" inputmode="decimal"
                    prop:value=move || f.with(|x| x.max_price.map(|p| p.to_string()).unwrap_or_default())
                    on:change:target=move |ev| {
                        let v = ev.target().value().trim().parse::<Decimal>().ok().filter(|p| !p.is_sign_negative());
                        f.update(|x| x.max_price = v);
                    } />
                {check("Bank card at the charger", "pay-card", |x| x.card, |x, on| x.card = on)}
                {check("Contactless", "pay-contactless", |x| x.contactless, |x, on| x.contactless = on)}
            </fieldset>

            <fieldset>
                <legend>"Access"</legend>
                {check("Open now (local time)", "open-now", |x| x.open_now, |x, on| x.open_now = on)}
                {check("Open 24/7", "always-open", |x| x.always_open, |x, on| x.always_open = on)}
                {check("Accessible parking", "accessible", |x| x.accessible_parking, |x, on| x.accessible_parking = on)}
            </fieldset>

            <label for="operator">"Operator"</label>
            <select id="operator"
                prop:value=move || f.with(|x| x.operators.first().cloned().unwrap_or_default())
                on:change:target=move |ev| {
                    let v = ev.target().value();
                    f.update(|x| x.operators = if v.is_empty() { vec![] } else { vec![v.clone()] });
                }>
                <option value="">"Any operator"</option>
                {move || state.catalog.with(|c| c.operators.clone()).into_iter().map(|o| {
                    let selected = f.with_untracked(|x| x.operators.contains(&o));
                    view! { <option value=o.clone() selected=selected>{o.clone()}</option> }
                }).collect_view()}
            </select>
            <button class="clear" on:click=move |_| f.set(Filters::default())
                disabled=move || !f.with(Filters::is_active)>"Clear filters"</button>
        </section>
    }
}
