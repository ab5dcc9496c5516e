//! The public charging map: feeds, filters, the map, the list of locations in view and the
//! panel of the open location.

use leptos::prelude::*;

use super::{FeedStatus, FilterBar, LocationList, LocationPanel, MapView};
use crate::state::MapState;
use crate::url_state::ViewState;

/// The feed the map reads when the URL names none: the server the page came from.
pub const DEFAULT_FEED: &str = "/ocpi/versions";

/// Seconds between availability refreshes (`date_from`).
const REFRESH_SECS: u64 = 60;

#[component]
pub fn MapPage(initial: ViewState) -> impl IntoView {
    let state = MapState::new(
        initial.filters.clone(),
        initial.tiles.clone(),
        initial.selected.clone(),
    );
    provide_context(state);
    let feeds = if initial.feeds.is_empty() {
        vec![DEFAULT_FEED.to_string()]
    } else {
        initial.feeds.clone()
    };
    for url in feeds {
        loading::add_feed(state, url);
    }
    loading::start_clock_and_refresh(state, initial.refresh_secs.unwrap_or(REFRESH_SECS));
    url_sync(state, initial.refresh_secs);

    let list_open = RwSignal::new(false);
    view! {
        <a class="skip" href="#location-list">"Skip to the list of locations"</a>
        <header class="top">
            <h1>"Public charging map"</h1>
            <nav aria-label="Pages">
                <a href="validator.html">"Validate OCPI files"</a>
            </nav>
        </header>
        <div class="layout">
            <aside class="side" aria-label="Feeds and filters">
                <FeedStatus />
                <FilterBar />
            </aside>
            <main class="map-area">
                <MapView initial=initial.position />
                <button
                    class="list-toggle"
                    aria-expanded=move || list_open.get().to_string()
                    aria-controls="location-list"
                    on:click=move |_| list_open.update(|o| *o = !*o)
                >
                    {move || if list_open.get() { "Hide list" } else { "Show list" }}
                </button>
                <LocationList open=list_open />
                <LocationPanel />
            </main>
        </div>
    }
}

/// Keeps the URL in step with the view: feeds, position, filters, the open location.
fn url_sync(state: MapState, refresh_secs: Option<u64>) {
    Effect::new(move |_| {
        let view = ViewState {
            feeds: state.feeds.with(|f| {
                let urls: Vec<String> = f.iter().map(|f| f.url.clone()).collect();
                if urls == [DEFAULT_FEED] {
                    Vec::new()
                } else {
                    urls
                }
            }),
            position: state.viewport.get().map(|v| v.center),
            filters: state.filters.get(),
            selected: state
                .selected
                .get()
                .and_then(|i| {
                    state
                        .catalog
                        .with(|c| c.entries.get(i).map(|e| crate::state::key_of(&e.location)))
                })
                .or_else(|| state.wanted.get()),
            tiles: state.tiles.get(),
            refresh_secs,
        };
        crate::browser::replace_query(&view.to_query());
    });
}

/// Starting, retrying and refreshing feeds (browser only).
pub mod loading {
    use super::*;
    #[cfg(target_arch = "wasm32")]
    use crate::feed_loader::{self, Step};
    use crate::state::FeedState;

    /// Adds a feed and starts loading it.
    pub fn add_feed(state: MapState, url: String) {
        let index = state.feeds.with_untracked(|f| f.len());
        state.feeds.update(|f| {
            f.push(FeedState {
                url: url.clone(),
                loading: true,
                load_started: Some(jiff::Timestamp::now()),
                ..FeedState::default()
            })
        });
        #[cfg(target_arch = "wasm32")]
        run(state, index, Step::Discover(url), None);
        #[cfg(not(target_arch = "wasm32"))]
        let _ = index;
    }

    /// Removes a feed and its data.
    pub fn remove_feed(state: MapState, index: usize) {
        state.feeds.update(|f| {
            if index < f.len() {
                f.remove(index);
            }
        });
        state.selected.set(None);
        state.rebuild_catalog();
    }

    /// Continues a feed from the page that failed.
    pub fn retry(state: MapState, index: usize) {
        let Some(err) = state
            .feeds
            .with_untracked(|f| f.get(index).and_then(|f| f.error.clone()))
        else {
            return;
        };
        state.feeds.update(|f| {
            if let Some(f) = f.get_mut(index) {
                f.error = None;
                f.loading = true;
            }
        });
        #[cfg(target_arch = "wasm32")]
        run(state, index, err.resume, err.tariffs_after);
        #[cfg(not(target_arch = "wasm32"))]
        let _ = err;
    }

    #[cfg(target_arch = "wasm32")]
    fn run(state: MapState, index: usize, step: Step, tariffs_after: Option<String>) {
        let url = state
            .feeds
            .with_untracked(|f| f.get(index).map(|f| f.url.clone()))
            .unwrap_or_default();
        let started = jiff::Timestamp::now();
        leptos::task::spawn_local(async move {
            let url_done = url.clone();
            // The feed may have been removed meanwhile: find it by URL each time.
            let find = move |f: &mut Vec<FeedState>| f.iter().position(|s| s.url == url);
            let find2 = find.clone();
            let on_progress = move |p: feed_loader::Progress| {
                state.feeds.update(|f| {
                    if let Some(i) = find(f) {
                        f[i].progress = p.clone();
                    }
                });
            };
            let on_page = move |page: feed_loader::Page| {
                state.feeds.update(|f| {
                    if let Some(i) = find2(f) {
                        let s = &mut f[i];
                        s.locations
                            .extend(page.locations.into_iter().map(std::sync::Arc::new));
                        s.tariffs
                            .extend(page.tariffs.into_iter().map(std::sync::Arc::new));
                        s.errors += page.errors;
                        s.warnings += page.warnings;
                    }
                });
                schedule_rebuild(state);
            };
            let result = feed_loader::load_feed(step, tariffs_after, &on_progress, &on_page).await;
            state.feeds.update(|f| {
                let Some(s) = f.iter_mut().find(|s| s.url == url_done) else {
                    return;
                };
                s.loading = false;
                match result {
                    Ok(eps) => {
                        if eps.locations.is_some() {
                            s.locations_endpoint = eps.locations;
                        }
                        s.synced = Some(s.load_started.unwrap_or(started));
                    }
                    Err(e) => {
                        if e.endpoints.locations.is_some() {
                            s.locations_endpoint = e.endpoints.locations.clone();
                        }
                        s.error = Some(e);
                    }
                }
            });
            state.rebuild_catalog();
        });
    }

    /// Rebuilds the catalog at most every 300 ms while pages arrive.
    #[cfg(target_arch = "wasm32")]
    fn schedule_rebuild(state: MapState) {
        use std::cell::Cell;
        thread_local!(static PENDING: Cell<bool> = const { Cell::new(false) });
        if PENDING.with(|p| p.replace(true)) {
            return;
        }
        set_timeout(
            move || {
                PENDING.with(|p| p.set(false));
                state.rebuild_catalog();
            },
            std::time::Duration::from_millis(300),
        );
    }

    /// Ticks the clock every minute and refreshes availability of fully read feeds with
    /// `date_from` every `refresh_secs`.
    pub fn start_clock_and_refresh(state: MapState, refresh_secs: u64) {
        #[cfg(target_arch = "wasm32")]
        {
            let _ = set_interval_with_handle(
                move || state.now.set(jiff::Timestamp::now()),
                std::time::Duration::from_secs(60),
            );
            let _ = set_interval_with_handle(
                move || refresh_all(state),
                std::time::Duration::from_secs(refresh_secs),
            );
        }
        #[cfg(not(target_arch = "wasm32"))]
        let _ = (state, refresh_secs);
    }

    /// Reads what changed since the last sync of each idle feed and replaces those locations.
    #[cfg(target_arch = "wasm32")]
    fn refresh_all(state: MapState) {
        let due: Vec<(String, String, jiff::Timestamp)> = state.feeds.with_untracked(|f| {
            f.iter()
                .filter(|s| !s.loading && s.error.is_none())
                .filter_map(|s| Some((s.url.clone(), s.locations_endpoint.clone()?, s.synced?)))
                .collect()
        });
        for (url, endpoint, since) in due {
            let started = jiff::Timestamp::now();
            let step = Step::Locations(feed_loader::changed_since(&endpoint, since));
            leptos::task::spawn_local(async move {
                let changed = std::cell::RefCell::new(Vec::new());
                let on_page = |p: feed_loader::Page| changed.borrow_mut().extend(p.locations);
                let result = feed_loader::load_feed(step, None, &|_| {}, &on_page).await;
                if result.is_err() {
                    // A failed refresh keeps the data as it was; the next one tries again.
                    return;
                }
                let changed = changed.into_inner();
                state.feeds.update(|f| {
                    let Some(s) = f.iter_mut().find(|s| s.url == url) else {
                        return;
                    };
                    for l in changed {
                        let key = crate::state::key_of(&l);
                        match s
                            .locations
                            .iter()
                            .position(|o| crate::state::key_of(o) == key)
                        {
                            Some(i) => s.locations[i] = std::sync::Arc::new(l),
                            None => s.locations.push(std::sync::Arc::new(l)),
                        }
                    }
                    s.synced = Some(started);
                });
                state.rebuild_catalog();
            });
        }
    }
}
