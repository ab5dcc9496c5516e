//! The map itself: a Leaflet map over the bundled offline basemap (and a raster tile layer
//! when one is configured), reporting its viewport to the state.

use leptos::html::Div;
use leptos::prelude::*;
use ocpi_open_data::cluster::BBox;

use super::ClusterLayer;
use crate::state::{MapState, Viewport};
use crate::url_state::{DEFAULT_POSITION, Position};

/// OpenStreetMap's tiles, used when the URL names none and the browser is online.
pub const OSM_TILES: &str = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";

/// The Leaflet map of the page, once created.
#[derive(Clone, Copy)]
pub struct MapHandleCell(pub StoredValue<Option<crate::leaflet::MapHandle>, LocalStorage>);

#[component]
pub fn MapView(initial: Option<Position>) -> impl IntoView {
    let state = expect_context::<MapState>();
    let el = NodeRef::<Div>::new();
    let handle = MapHandleCell(StoredValue::new_local(None));
    provide_context(handle);
    let item_clicked = RwSignal::new(None::<String>);

    Effect::new(move |_| {
        let Some(div) = el.get() else { return };
        if handle.0.with_value(Option::is_some) {
            return;
        }
        let p = initial.unwrap_or(DEFAULT_POSITION);
        let tiles = match state.tiles.get_untracked() {
            Some(t) if t == "none" => None,
            Some(t) => Some(t),
            None if online() => Some(OSM_TILES.to_string()),
            None => None,
        };
        let on_move =
            wasm_bindgen::closure::Closure::<dyn Fn(f64, f64, f64, f64, f64, f64, f64)>::new(
                move |west, south, east, north, zoom, lat, lon| {
                    state.viewport.set(Some(Viewport {
                        bbox: BBox {
                            west,
                            south,
                            east,
                            north,
                        },
                        zoom,
                        center: Position { lat, lon, zoom },
                    }));
                },
            );
        let on_item = wasm_bindgen::closure::Closure::<dyn Fn(String)>::new(move |key: String| {
            item_clicked.set(Some(key));
        });
        let created = crate::leaflet::create_map(
            &div, p.lat, p.lon, p.zoom, tiles, "basemap", &on_move, &on_item,
        );
        on_move.forget();
        on_item.forget();
        match created {
            Ok(h) => handle.0.set_value(Some(h)),
            Err(e) => leptos::logging::error!("the map could not start: {e:?}"),
        }
    });

    view! {
        <div class="map" node_ref=el role="region" aria-label="Map of charging locations"></div>
        <ClusterLayer clicked=item_clicked />
    }
}

fn online() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window().is_some_and(|w| w.navigator().on_line())
    }
    #[cfg(not(target_arch = "wasm32"))]
    false
}
