//! The public charging map and the offline validator page of ocpi-open-data (Leptos,
//! client-side rendered). `index.html` mounts the map, `validator.html` the validator; the page
//! says which with `<body data-page="…">`.
//!
//! The core does the work: its feed client reads the feeds ([`feed_loader`],
//! `components::map_page::loading`), its regulation views give the badges and tabs
//! ([`regulation`]), its pricing prices the session the user sets ([`pricing`]).

pub mod bench;
pub mod browser;
pub mod catalog;
pub mod components;
pub mod feed_loader;
pub mod filter;
pub mod leaflet;
pub mod opening;
pub mod pricing;
pub mod regulation;
pub mod state;
pub mod url_state;

use leptos::prelude::*;

/// Entry point (wasm): mounts the page named by `<body data-page>`.
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
    let page = page_name();
    if page == "bench" {
        return;
    }
    let initial = url_state::ViewState::from_query(&browser::query());
    if page == "validator" {
        leptos::mount::mount_to_body(components::ValidatorPage);
    } else {
        leptos::mount::mount_to_body(
            move || view! { <components::MapPage initial=initial.clone() /> },
        );
    }
}

fn page_name() -> String {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
            .and_then(|b| b.get_attribute("data-page"))
            .unwrap_or_else(|| "map".into())
    }
    #[cfg(not(target_arch = "wasm32"))]
    String::from("map")
}
