//! The markers: clusters with their count and how many have a free charger, single locations
//! with a shape and a word for availability and their power class (never colour alone).

use leptos::prelude::*;
use ocpi_open_data::cluster::marker::{bits, max_power_class};
use ocpi_open_data::cluster::{Availability, ClusterItem, PowerClass};
use serde::Serialize;

use super::map_view::MapHandleCell;
use crate::state::MapState;

/// One marker as the JS side draws it (all text, no HTML).
#[derive(Serialize)]
struct MarkerItem {
    key: String,
    lat: f64,
    lon: f64,
    main: String,
    sub: String,
    title: String,
    cls: String,
    size: u32,
}

fn power_class(p: PowerClass) -> &'static str {
    match p {
        PowerClass::Unknown => "pw-unknown",
        PowerClass::Slow => "pw-slow",
        PowerClass::Ac22 => "pw-ac22",
        PowerClass::Fast => "pw-fast",
        PowerClass::Ultra => "pw-ultra",
    }
}

/// The symbol of an availability: a shape that reads without colour.
pub fn availability_symbol(a: Availability) -> &'static str {
    match a {
        Availability::Available => "✓",
        Availability::Occupied => "●",
        Availability::OutOfService => "✕",
        Availability::Unknown => "?",
    }
}

fn availability_class(a: Availability) -> &'static str {
    match a {
        Availability::Available => "av-available",
        Availability::Occupied => "av-occupied",
        Availability::OutOfService => "av-out",
        Availability::Unknown => "av-unknown",
    }
}

fn cluster_marker(n: usize, c: &ClusterItem) -> MarkerItem {
    let (size, size_cls) = match c.count {
        0..=9 => (34, "sz-s"),
        10..=99 => (42, "sz-m"),
        100..=999 => (50, "sz-l"),
        _ => (58, "sz-xl"),
    };
    let power = max_power_class(c.bits);
    let free = if c.tally > 0 {
        format!("{} free", c.tally)
    } else {
        "none free".to_string()
    };
    MarkerItem {
        key: format!("c{n}"),
        lat: c.lat,
        lon: c.lon,
        main: c.count.to_string(),
        sub: free.clone(),
        title: format!(
            "{} locations, {free}, up to {}. Activate to zoom in.",
            c.count,
            power.label()
        ),
        cls: format!(
            "mk-cluster {size_cls} {}",
            if c.bits & bits::AVAILABLE != 0 {
                "has-free"
            } else {
                "no-free"
            }
        ),
        size,
    }
}

#[component]
pub fn ClusterLayer(clicked: RwSignal<Option<String>>) -> impl IntoView {
    let state = expect_context::<MapState>();
    let handle = expect_context::<MapHandleCell>();
    let drawn = StoredValue::new(Vec::<ClusterItem>::new());
    let first = StoredValue::new(true);

    Effect::new(move |_| {
        let Some(vp) = state.viewport.get() else {
            return;
        };
        let shown = state.shown.get();
        let selected = state.selected.get();
        let items = shown.index.clusters(vp.bbox, vp.zoom);
        let markers: Vec<MarkerItem> = state.catalog.with_untracked(|catalog| {
            items
                .iter()
                .enumerate()
                .filter_map(|(n, c)| match c.point {
                    None => Some(cluster_marker(n, c)),
                    Some(id) => {
                        let e = catalog.entries.get(id as usize)?;
                        let m = &e.marker;
                        let place = e.location.name.as_deref().unwrap_or(&e.location.address);
                        Some(MarkerItem {
                            key: format!("l{id}"),
                            lat: c.lat,
                            lon: c.lon,
                            main: availability_symbol(m.availability).to_string(),
                            sub: m.power.label().to_string(),
                            title: format!(
                                "{place}, {}: {}, {}, {} of {} free. Activate for details.",
                                e.location.city,
                                m.availability.label(),
                                m.power.label(),
                                m.evses_available,
                                m.evses
                            ),
                            cls: format!(
                                "mk-loc {} {}{}",
                                availability_class(m.availability),
                                power_class(m.power),
                                if selected == Some(id as usize) {
                                    " selected"
                                } else {
                                    ""
                                }
                            ),
                            size: 40,
                        })
                    }
                })
                .collect()
        });
        drawn.set_value(items);
        let json = serde_json::to_string(&markers).unwrap_or_else(|_| "[]".into());
        handle.0.with_value(|h| {
            if let Some(h) = h {
                crate::leaflet::draw_items(h, &json);
            }
        });
        if !markers.is_empty() && first.get_value() {
            first.set_value(false);
            crate::browser::mark("ocpi-first-clustered-render");
        }
    });

    Effect::new(move |_| {
        let Some(key) = clicked.get() else { return };
        if let Some(n) = key.strip_prefix('c').and_then(|n| n.parse::<usize>().ok()) {
            let Some(c) = drawn.with_value(|d| d.get(n).copied()) else {
                return;
            };
            let min_zoom = c.expansion_zoom.map_or(0.0, f64::from);
            handle.0.with_value(|h| {
                if let Some(h) = h {
                    crate::leaflet::zoom_to_extent(
                        h,
                        f64::from(c.extent.west),
                        f64::from(c.extent.south),
                        f64::from(c.extent.east),
                        f64::from(c.extent.north),
                        min_zoom,
                    );
                }
            });
        } else if let Some(id) = key.strip_prefix('l').and_then(|n| n.parse::<usize>().ok()) {
            state.selected.set(Some(id));
        }
        clicked.set(None);
    });
}
