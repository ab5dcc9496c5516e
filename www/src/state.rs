//! The map page's state: loaded feeds, the joined catalog, filters, the viewport and the open
//! location, as signals shared by the components.

use std::sync::Arc;

use jiff::Timestamp;
use leptos::prelude::*;
use ocpi_open_data::cluster::{BBox, ClusterIndex, ClusterOptions, ClusterPoint, marker::bits};
use ocpi_open_data::feed::{FeedStore, Module, Progress};
use ocpi_open_data::model::{Location, Tariff};
use ocpi_open_data::spec::Version;

use crate::catalog::{Catalog, FeedData};
use crate::filter::Filters;
use crate::url_state::Position;

/// An `Arc` compared by identity, so memos of big values change only when rebuilt.
#[derive(Debug, Default)]
pub struct Shared<T>(pub Arc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// A page that failed for good; everything read before it is kept.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedError {
    pub message: String,
    pub module: Module,
    /// Where a retry starts: the failed page (or discovery step).
    pub resume: String,
    /// The code of the fault (`http-status`, `timeout`, ...).
    pub code: &'static str,
}

/// One source being read: a feed the user gave, or one version of it (see `feed_loader`).
#[derive(Debug, Clone, Default)]
pub struct FeedState {
    /// Identifies the source while it loads (URLs may repeat across versions).
    pub id: u64,
    /// What the user gave (kept in the URL of the page).
    pub given: String,
    /// What this source reads: the given URL, or one version's details URL.
    pub url: String,
    /// The version, when a versions list was split by version.
    pub version: Option<Version>,
    /// The module being read: "endpoints", "locations", "tariffs", "done".
    pub stage: &'static str,
    pub progress: Progress,
    pub loading: bool,
    pub refreshing: bool,
    pub error: Option<FeedError>,
    /// Locations by their position in the locations store (`None`: not a location).
    pub locations: Vec<Option<Arc<Location>>>,
    pub tariffs: Vec<Option<Arc<Tariff>>>,
    /// The items read, per module, for retries and `date_from` refreshes (empty while a fetch
    /// holds them).
    pub location_store: Shared<FeedStore>,
    pub tariff_store: Shared<FeedStore>,
    /// Diagnostics of the validator over all pages read.
    pub errors: usize,
    pub warnings: usize,
    /// The Locations endpoint, for refreshes with `date_from`.
    pub locations_endpoint: Option<String>,
    /// The URL the tariffs are discovered from, when the locations were found by discovery.
    pub tariffs_from: Option<String>,
    /// When the last complete read or refresh started.
    pub synced: Option<Timestamp>,
    /// When the first read started (a read resumed after an error is synced as of then).
    pub load_started: Option<Timestamp>,
}

impl FeedState {
    /// The locations read.
    pub fn location_list(&self) -> impl Iterator<Item = &Arc<Location>> {
        self.locations.iter().flatten()
    }

    /// The tariffs read.
    pub fn tariff_list(&self) -> impl Iterator<Item = &Arc<Tariff>> {
        self.tariffs.iter().flatten()
    }
}

/// The locations and tariffs of one source, as the catalog joins them.
type SourceLists = (Vec<Arc<Location>>, Vec<Arc<Tariff>>);

/// The visible part of the map.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Viewport {
    pub bbox: BBox,
    pub zoom: f64,
    pub center: Position,
}

/// The locations that pass the filters, clustered.
pub struct Shown {
    /// Catalog indices of the entries shown.
    pub entries: Vec<u32>,
    pub index: ClusterIndex,
}

/// Cluster options of the map: 50 px radius, clusters up to zoom 16.
pub fn cluster_options() -> ClusterOptions {
    ClusterOptions {
        tally_mask: bits::AVAILABLE,
        ..ClusterOptions::default()
    }
}

impl Shown {
    pub fn build(catalog: &Catalog, filters: &Filters, now: Timestamp) -> Shown {
        let active = filters.is_active();
        let mut entries = Vec::with_capacity(catalog.entries.len());
        let mut points = Vec::with_capacity(catalog.entries.len());
        for (i, e) in catalog.entries.iter().enumerate() {
            if active && !filters.matches(e, now) {
                continue;
            }
            entries.push(i as u32);
            points.push(ClusterPoint {
                id: i as u32,
                lon: e.marker.lon,
                lat: e.marker.lat,
                bits: e.marker.bits(),
            });
        }
        Shown {
            entries,
            index: ClusterIndex::new(&points, cluster_options()),
        }
    }
}

/// All signals of the map page (cheap to copy into closures).
#[derive(Clone, Copy)]
pub struct MapState {
    pub feeds: RwSignal<Vec<FeedState>>,
    pub catalog: RwSignal<Shared<Catalog>>,
    pub filters: RwSignal<Filters>,
    pub viewport: RwSignal<Option<Viewport>>,
    /// Catalog index of the open location.
    pub selected: RwSignal<Option<usize>>,
    /// `country_code*party_id*id` from the URL, until the location has loaded.
    pub wanted: RwSignal<Option<String>>,
    pub tiles: RwSignal<Option<String>>,
    /// The current minute (for "open now").
    pub now: RwSignal<Timestamp>,
    pub shown: Memo<Shared<Shown>>,
    /// The session of the price estimate, kept while the panel redraws or another location opens:
    /// energy in kWh, local start (`None`: now), minutes parked after charging.
    pub estimate_kwh: RwSignal<String>,
    pub estimate_start: RwSignal<Option<String>>,
    pub estimate_stay: RwSignal<String>,
}

impl MapState {
    pub fn new(filters: Filters, tiles: Option<String>, wanted: Option<String>) -> MapState {
        let catalog = RwSignal::new(Shared(Arc::new(Catalog::default())));
        let filters = RwSignal::new(filters);
        let now = RwSignal::new(Timestamp::now());
        let shown = Memo::new(move |_| {
            let f = filters.get();
            // Only "open now" depends on the clock.
            let t = if f.open_now {
                now.get()
            } else {
                now.get_untracked()
            };
            catalog.with(|c| Shared(Arc::new(Shown::build(c, &f, t))))
        });
        MapState {
            feeds: RwSignal::new(Vec::new()),
            catalog,
            filters,
            viewport: RwSignal::new(None),
            selected: RwSignal::new(None),
            wanted: RwSignal::new(wanted),
            tiles: RwSignal::new(tiles),
            now,
            shown,
            estimate_kwh: RwSignal::new("30".to_string()),
            estimate_start: RwSignal::new(None),
            estimate_stay: RwSignal::new("0".to_string()),
        }
    }

    /// Joins every feed's data into a new catalog, keeping the open location open.
    pub fn rebuild_catalog(&self) {
        let key_before = self.selected.get_untracked().and_then(|i| {
            self.catalog
                .with_untracked(|c| c.entries.get(i).map(|e| key_of(&e.location)))
        });
        let catalog = self.feeds.with_untracked(|feeds| {
            // A location served in several versions is shown once, from the first source that
            // has it (the highest version of a split versions list).
            let mut seen = std::collections::HashSet::new();
            let lists: Vec<SourceLists> = feeds
                .iter()
                .map(|f| {
                    (
                        f.location_list()
                            .filter(|l| seen.insert(key_of(l)))
                            .cloned()
                            .collect(),
                        f.tariff_list().cloned().collect(),
                    )
                })
                .collect();
            let data: Vec<FeedData<'_>> = lists
                .iter()
                .map(|(l, t)| FeedData {
                    locations: l,
                    tariffs: t,
                })
                .collect();
            Catalog::build(&data)
        });
        let wanted = key_before.or_else(|| self.wanted.get_untracked());
        let selected = wanted.and_then(|k| {
            catalog
                .entries
                .iter()
                .position(|e| key_of(&e.location) == k)
        });
        if selected.is_some() {
            self.wanted.set(None);
        }
        self.catalog.set(Shared(Arc::new(catalog)));
        self.selected.set(selected);
    }
}

/// `country_code*party_id*id`, the key of a location in the URL.
pub fn key_of(l: &Location) -> String {
    format!(
        "{}*{}*{}",
        l.country_code.as_deref().unwrap_or(""),
        l.party_id.as_deref().unwrap_or(""),
        l.id
    )
}
