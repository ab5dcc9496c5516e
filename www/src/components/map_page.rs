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
                let mut urls: Vec<String> = Vec::new();
                for s in f {
                    if !urls.contains(&s.given) {
                        urls.push(s.given.clone());
                    }
                }
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

/// Starting, retrying and refreshing feeds (browser only): each module of each source is one
/// `FeedFetch` of the core, driven by its browser transport.
pub mod loading {
    use super::*;
    use crate::state::FeedState;
    #[cfg(target_arch = "wasm32")]
    use ocpi_open_data::feed::Module;

    thread_local!(static NEXT_ID: std::cell::Cell<u64> = const { std::cell::Cell::new(1) });

    fn next_id() -> u64 {
        NEXT_ID.with(|n| n.replace(n.get() + 1))
    }

    /// Adds a feed and starts loading it; a versions list offering several versions becomes one
    /// source per version.
    pub fn add_feed(state: MapState, given: String) {
        let id = next_id();
        state.feeds.update(|f| {
            f.push(FeedState {
                id,
                given: given.clone(),
                url: given.clone(),
                stage: "endpoints",
                loading: true,
                load_started: Some(jiff::Timestamp::now()),
                ..FeedState::default()
            })
        });
        #[cfg(target_arch = "wasm32")]
        leptos::task::spawn_local(async move {
            let url = crate::feed_loader::absolute(&given);
            let Some(versions) = crate::feed_loader::probe_versions(&url).await else {
                update(state, id, |s| s.url = url.clone());
                run(state, id, Module::Locations, url, true);
                return;
            };
            let started = Some(jiff::Timestamp::now());
            let sources: Vec<FeedState> = versions
                .iter()
                .map(|(version, details)| FeedState {
                    id: next_id(),
                    given: given.clone(),
                    url: details.clone(),
                    version: Some(*version),
                    stage: "endpoints",
                    loading: true,
                    load_started: started,
                    ..FeedState::default()
                })
                .collect();
            let runs: Vec<(u64, String)> = sources.iter().map(|s| (s.id, s.url.clone())).collect();
            state.feeds.update(|f| {
                if let Some(i) = f.iter().position(|s| s.id == id) {
                    f.splice(i..=i, sources);
                }
            });
            for (id, url) in runs {
                run(state, id, Module::Locations, url, true);
            }
        });
    }

    /// Removes a source and its data.
    pub fn remove_feed(state: MapState, id: u64) {
        state.feeds.update(|f| f.retain(|s| s.id != id));
        state.selected.set(None);
        state.rebuild_catalog();
    }

    /// Continues a source from the page that failed, into what it already read.
    pub fn retry(state: MapState, id: u64) {
        let Some(err) = state
            .feeds
            .with_untracked(|f| f.iter().find(|s| s.id == id).and_then(|s| s.error.clone()))
        else {
            return;
        };
        update(state, id, |s| {
            s.error = None;
            s.loading = true;
        });
        #[cfg(target_arch = "wasm32")]
        run(state, id, err.module, err.resume, true);
        #[cfg(not(target_arch = "wasm32"))]
        let _ = err;
    }

    /// Changes the source `id`, if it is still there.
    fn update(state: MapState, id: u64, change: impl FnOnce(&mut FeedState)) {
        state.feeds.update(|f| {
            if let Some(s) = f.iter_mut().find(|s| s.id == id) {
                change(s);
            }
        });
    }

    /// Takes the store of a module out of a source (a fetch holds it while it runs).
    #[cfg(target_arch = "wasm32")]
    fn take_store(state: MapState, id: u64, module: Module) -> ocpi_open_data::feed::FeedStore {
        let mut taken = crate::state::Shared::default();
        update(state, id, |s| {
            let slot = match module {
                Module::Locations => &mut s.location_store,
                Module::Tariffs => &mut s.tariff_store,
            };
            taken = std::mem::take(slot);
        });
        std::sync::Arc::try_unwrap(taken.0).unwrap_or_else(|shared| (*shared).clone())
    }

    /// Shows the items of a page that was read (added or merged at their store positions).
    #[cfg(target_arch = "wasm32")]
    fn show_page(
        s: &mut FeedState,
        page: &ocpi_open_data::feed::PageRead,
        store: &ocpi_open_data::feed::FeedStore,
    ) {
        use crate::feed_loader::{Read, item_summary, read};
        use std::sync::Arc;
        let items: Vec<_> = page
            .items
            .iter()
            .filter_map(|&i| Some((i, store.get(i)?)))
            .collect();
        let found = item_summary(items.iter().map(|(_, item)| *item));
        s.errors += found.errors;
        s.warnings += found.warnings;
        for (i, item) in items {
            match read(item) {
                Read::Location(l) => {
                    if s.locations.len() <= i {
                        s.locations.resize(i + 1, None);
                    }
                    s.locations[i] = Some(Arc::new(l.clone()));
                }
                Read::Tariff(t) => {
                    if s.tariffs.len() <= i {
                        s.tariffs.resize(i + 1, None);
                    }
                    s.tariffs[i] = Some(Arc::new(t.clone()));
                }
            }
        }
    }

    /// Reads one module of a source from `entry` (discovery, or the page to resume at); after
    /// the locations, the tariffs when `then_tariffs` and they were found by discovery.
    #[cfg(target_arch = "wasm32")]
    fn run(state: MapState, id: u64, module: Module, entry: String, then_tariffs: bool) {
        use ocpi_open_data::feed::{Event, FeedFetch, FetchConfig, browser};
        leptos::task::spawn_local(async move {
            let store = take_store(state, id, module);
            update(state, id, |s| {
                s.stage = module.as_str();
                s.progress = Default::default();
            });
            let mut config = FetchConfig::new(entry.clone());
            config.module = Some(module);
            let mut fetch = FeedFetch::with_store(config, store);
            browser::run(&mut fetch, None, |event, store| match event {
                Event::Discovered { endpoint, .. } if module == Module::Locations => {
                    let endpoint = endpoint.clone();
                    let from = entry.clone();
                    update(state, id, move |s| {
                        // Discovery found the endpoint: the tariffs are found the same way.
                        if endpoint.split('?').next() != from.split('?').next() {
                            s.tariffs_from = Some(s.url.clone());
                        }
                        s.locations_endpoint = Some(endpoint);
                    });
                }
                Event::Page(page) => {
                    update(state, id, |s| show_page(s, page, store));
                    schedule_rebuild(state);
                }
                Event::Progress(p) => update(state, id, |s| s.progress = *p),
                _ => {}
            })
            .await;
            let report = fetch.report();
            let store = crate::state::Shared(std::sync::Arc::new(fetch.into_store()));
            let failed = report
                .failed_pages
                .first()
                .map(|f| crate::state::FeedError {
                    message: format!("{} ({})", f.error, f.url),
                    module,
                    resume: f.url.clone(),
                    code: f.error.code(),
                });
            let mut tariffs_from = None;
            update(state, id, |s| {
                match module {
                    Module::Locations => s.location_store = store,
                    Module::Tariffs => s.tariff_store = store,
                }
                tariffs_from = s.tariffs_from.clone();
                if failed.is_some() {
                    s.error = failed.clone();
                    s.loading = false;
                }
            });
            if failed.is_none() {
                match tariffs_from {
                    Some(from) if module == Module::Locations && then_tariffs => {
                        run(state, id, Module::Tariffs, from, false);
                    }
                    _ => update(state, id, |s| {
                        s.loading = false;
                        s.stage = "done";
                        s.synced = s.load_started;
                    }),
                }
            }
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

    /// Reads the locations changed since the last sync of each idle source (`date_from`) into
    /// its store; a failed refresh keeps the data as it was and the next one tries again.
    #[cfg(target_arch = "wasm32")]
    fn refresh_all(state: MapState) {
        use ocpi_open_data::feed::{Event, FeedFetch, FetchConfig, browser};
        let due: Vec<(u64, String, jiff::Timestamp)> = state.feeds.with_untracked(|f| {
            f.iter()
                .filter(|s| !s.loading && !s.refreshing && s.error.is_none())
                .filter_map(|s| Some((s.id, s.locations_endpoint.clone()?, s.synced?)))
                .collect()
        });
        for (id, endpoint, since) in due {
            let started = jiff::Timestamp::now();
            update(state, id, |s| s.refreshing = true);
            leptos::task::spawn_local(async move {
                let store = take_store(state, id, Module::Locations);
                let mut config = FetchConfig::new(endpoint);
                config.module = Some(Module::Locations);
                config.date_from = Some(since);
                let mut fetch = FeedFetch::with_store(config, store);
                browser::run(&mut fetch, None, |event, store| {
                    if let Event::Page(page) = event {
                        update(state, id, |s| {
                            let (errors, warnings) = (s.errors, s.warnings);
                            show_page(s, page, store);
                            // The counts stay those of the full read.
                            (s.errors, s.warnings) = (errors, warnings);
                        });
                    }
                })
                .await;
                let complete = fetch.report().is_complete();
                let store = crate::state::Shared(std::sync::Arc::new(fetch.into_store()));
                update(state, id, |s| {
                    s.location_store = store;
                    s.refreshing = false;
                    if complete {
                        s.synced = Some(started);
                    }
                });
                state.rebuild_catalog();
            });
        }
    }
}
