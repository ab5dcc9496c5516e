//! The EVSEs of a location: status (symbol and word), connectors with plug, power and current,
//! payment options, and where to park (2.3.0).

use std::sync::Arc;

use leptos::prelude::*;
use ocpi_open_data::cluster::{Availability, Plug};
use ocpi_open_data::model::{Evse, EvseStatus, Location};

fn status_text(s: &EvseStatus) -> (&'static str, &'static str) {
    let a = match s {
        EvseStatus::Available => Availability::Available,
        EvseStatus::Charging | EvseStatus::Blocked | EvseStatus::Reserved => Availability::Occupied,
        EvseStatus::OutOfOrder
        | EvseStatus::Inoperative
        | EvseStatus::Planned
        | EvseStatus::Removed => Availability::OutOfService,
        EvseStatus::Unknown => Availability::Unknown,
    };
    (super::cluster_layer::availability_symbol(a), a.label())
}

/// Payment options of an EVSE in words.
pub fn payment_options(e: &Evse) -> Vec<&'static str> {
    const WORDS: &[(&str, &str)] = &[
        ("CONTACTLESS_CARD_SUPPORT", "contactless card"),
        ("CREDIT_CARD_PAYABLE", "credit card"),
        ("DEBIT_CARD_PAYABLE", "debit card"),
        ("CHIP_CARD_SUPPORT", "chip card"),
        ("PED_TERMINAL", "PIN terminal"),
        ("RFID_READER", "RFID charging card"),
        ("REMOTE_START_STOP_CAPABLE", "app"),
    ];
    WORDS
        .iter()
        .filter(|(c, _)| e.capabilities.iter().any(|x| x == c))
        .map(|(_, w)| *w)
        .collect()
}

#[component]
pub fn EvseList(location: Arc<ocpi_open_data::model::Location>) -> impl IntoView {
    let l: &Location = &location;
    let evses: Vec<_> = l.evses_in_service().cloned().collect();
    let n = evses.len();
    view! {
        <section aria-labelledby="evses-h">
            <h3 id="evses-h">{format!("Charge points ({n})")}</h3>
            <ul class="evses">
                {evses.into_iter().map(|e| {
                    let (sym, word) = status_text(&e.status);
                    let name = e.evse_id.clone().unwrap_or_else(|| e.uid.clone());
                    let pay = payment_options(&e);
                    let pay = if pay.is_empty() { "not stated".to_string() } else { pay.join(", ") };
                    let place = [e.physical_reference.clone().map(|p| format!("No. {p}")),
                                 e.floor_level.clone().map(|f| format!("floor {f}"))]
                        .into_iter().flatten().collect::<Vec<_>>().join(", ");
                    let parking = e.parking.iter().map(|p| p.parking_id.clone()).collect::<Vec<_>>().join(", ");
                    view! {
                        <li class="evse">
                            <div class="evse-head">
                                <span class=format!("status st-{}", e.status.as_str().to_lowercase())>{format!("{sym} {word}")}</span>
                                " " <span class="evse-id">{name}</span>
                                {(!place.is_empty()).then(|| view! { <span class="evse-place">{format!(" · {place}")}</span> })}
                            </div>
                            <ul class="connectors">
                                {e.connectors.iter().map(|c| {
                                    let plug = Plug::of_standard(&c.standard).label();
                                    let kw = c.power_w().map_or("power unknown".to_string(), |w| format!("{} kW", (f64::from(w) / 1000.0 * 10.0).round() / 10.0));
                                    let current = c.power_type.as_ref().map_or("", |p| if p.phases().is_some() { "AC" } else { "DC" });
                                    let format = c.format.as_ref().map(|f| f.as_str().to_lowercase()).unwrap_or_default();
                                    view! { <li>{format!("{plug} ({}) · {kw} {current} · {format}", c.standard)}</li> }
                                }).collect_view()}
                            </ul>
                            <div class="payment">"Pay by: " {pay}</div>
                            {(!parking.is_empty()).then(|| view! { <div class="parking">"Parking place: " {parking}</div> })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </section>
    }
}
