//! The map page's state: loaded feeds, the joined catalog, filters, the viewport and the open
//! location, as signals shared by the components.

use std::sync::Arc;

use jiff::Timestamp;
use leptos::prelude::*;
use ocpi_open_data::cluster::{BBox, ClusterIndex, ClusterOptions, ClusterPoint, marker::bits};
use ocpi_open_data::model::{Location, Tariff};

use crate::catalog::{Catalog, FeedData};
use crate::feed_loader::{FeedError, Progress};
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

/// One feed the user asked for.
#[derive(Debug, Clone, Default)]
pub struct FeedState {
    pub url: String,
    pub progress: Progress,
    pub loading: bool,
    pub error: Option<FeedError>,
    pub locations: Vec<Arc<Location>>,
    pub tariffs: Vec<Arc<Tariff>>,
    /// Diagnostics of the validator over all pages read.
    pub errors: usize,
    pub warnings: usize,
    /// The Locations endpoint, for refreshes with `date_from`.
    pub locations_endpoint: Option<String>,
    /// When the last complete read or refresh started.
    pub synced: Option<Timestamp>,
    /// When the first read started (a read resumed after an error is synced as of then).
    pub load_started: Option<Timestamp>,
}

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
        }
    }

    /// Joins every feed's data into a new catalog, keeping the open location open.
    pub fn rebuild_catalog(&self) {
        let key_before = self.selected.get_untracked().and_then(|i| {
            self.catalog
                .with_untracked(|c| c.entries.get(i).map(|e| key_of(&e.location)))
        });
        let catalog = self.feeds.with_untracked(|feeds| {
            let data: Vec<FeedData<'_>> = feeds
                .iter()
                .map(|f| FeedData {
                    locations: &f.locations,
                    tariffs: &f.tariffs,
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
