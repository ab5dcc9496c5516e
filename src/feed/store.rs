//! The items read from a feed and how a refresh merges into them.
//!
//! Merge rules (see `docs/readings.md`): an item is identified by `country_code`, `party_id` and
//! `id` (2.1.1 has only `id`); an item read again replaces the one held unless the one held has a
//! later `last_updated`; EVSEs with status `REMOVED` are dropped from every location as it is
//! stored; an item without an id cannot be matched and is always added.

use crate::diagnostic::Diagnostic;
use crate::model::{EvseStatus, Location, Tariff};
use crate::validate::Kind;
use serde::Serialize;
use std::collections::HashMap;

/// Which OCPI module a feed is read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Module {
    Locations,
    Tariffs,
}

impl Module {
    /// The module's identifier in version details (`locations`, `tariffs`).
    pub fn as_str(self) -> &'static str {
        match self {
            Module::Locations => "locations",
            Module::Tariffs => "tariffs",
        }
    }

    pub fn from_name(name: &str) -> Option<Module> {
        match name.trim().to_ascii_lowercase().as_str() {
            "locations" | "location" => Some(Module::Locations),
            "tariffs" | "tariff" => Some(Module::Tariffs),
            _ => None,
        }
    }

    /// The kind of object the module serves.
    pub fn kind(self) -> Kind {
        match self {
            Module::Locations => Kind::Location,
            Module::Tariffs => Kind::Tariff,
        }
    }

    pub fn of_kind(kind: Kind) -> Option<Module> {
        match kind {
            Kind::Location => Some(Module::Locations),
            Kind::Tariff => Some(Module::Tariffs),
            Kind::Versions | Kind::VersionDetails => None,
        }
    }
}

/// What identifies an object across pages and refreshes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct ItemKey {
    pub country_code: String,
    pub party_id: String,
    pub id: String,
}

/// The version-neutral object of an item.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FeedObject {
    Location(Box<Location>),
    Tariff(Box<Tariff>),
}

/// One location or tariff read from a feed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeedItem {
    /// `None` when the object has no usable id.
    pub key: Option<ItemKey>,
    /// The model, built from the validated (lenient) value.
    pub object: FeedObject,
    /// The object as the server sent it, without `publish_allowed_to` (personal data) and without
    /// EVSEs whose status is `REMOVED`.
    pub json: serde_json::Value,
    /// What validation found inside the object; pointers and lines refer to its page.
    pub diagnostics: Vec<Diagnostic>,
    /// Index of the page it was read from in its fetch.
    pub page: usize,
    /// URL of that page.
    pub page_url: String,
}

impl FeedItem {
    pub fn last_updated(&self) -> Option<jiff::Timestamp> {
        match &self.object {
            FeedObject::Location(l) => l.last_updated,
            FeedObject::Tariff(t) => t.last_updated,
        }
    }

    pub fn id(&self) -> &str {
        match &self.object {
            FeedObject::Location(l) => &l.id,
            FeedObject::Tariff(t) => &t.id,
        }
    }

    /// Drops EVSEs whose status is `REMOVED` from the model and the JSON; returns how many.
    pub(crate) fn drop_removed_evses(&mut self) -> usize {
        let FeedObject::Location(location) = &mut self.object else {
            return 0;
        };
        let before = location.evses.len();
        location.evses.retain(|e| e.status != EvseStatus::Removed);
        let removed = before - location.evses.len();
        if let Some(serde_json::Value::Array(evses)) = self.json.get_mut("evses") {
            evses.retain(|e| {
                !e.get("status")
                    .and_then(|s| s.as_str())
                    .is_some_and(|s| s.trim().eq_ignore_ascii_case("REMOVED"))
            });
        }
        removed
    }
}

/// What merging an item did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Merge {
    /// A new item.
    Added,
    /// It replaced an item with the same key that was not newer.
    Replaced,
    /// An item with the same key and a later `last_updated` was kept instead.
    KeptNewer,
}

/// The items of one module of a feed, merged by key, in the order first read.
#[derive(Debug, Clone, Default)]
pub struct FeedStore {
    items: Vec<FeedItem>,
    index: HashMap<ItemKey, usize>,
}

impl FeedStore {
    pub fn new() -> FeedStore {
        FeedStore::default()
    }

    /// A store holding items read before (for a `date_from` refresh).
    pub fn from_items(items: impl IntoIterator<Item = FeedItem>) -> FeedStore {
        let mut store = FeedStore::new();
        for item in items {
            store.merge(item);
        }
        store
    }

    /// Adds an item or merges it into the one with the same key; returns its position.
    pub fn merge(&mut self, mut item: FeedItem) -> (usize, Merge) {
        item.drop_removed_evses();
        let Some(key) = item.key.clone() else {
            self.items.push(item);
            return (self.items.len() - 1, Merge::Added);
        };
        match self.index.get(&key) {
            Some(&at) => {
                let held = &self.items[at];
                let newer_held = match (held.last_updated(), item.last_updated()) {
                    (Some(h), Some(i)) => h > i,
                    _ => false,
                };
                if newer_held {
                    (at, Merge::KeptNewer)
                } else {
                    self.items[at] = item;
                    (at, Merge::Replaced)
                }
            }
            None => {
                self.items.push(item);
                self.index.insert(key, self.items.len() - 1);
                (self.items.len() - 1, Merge::Added)
            }
        }
    }

    pub fn items(&self) -> &[FeedItem] {
        &self.items
    }

    pub fn get(&self, position: usize) -> Option<&FeedItem> {
        self.items.get(position)
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn into_items(self) -> Vec<FeedItem> {
        self.items
    }

    /// The latest `last_updated` of all items: the `date_from` of the next refresh.
    pub fn latest_update(&self) -> Option<jiff::Timestamp> {
        self.items.iter().filter_map(FeedItem::last_updated).max()
    }

    /// The items as an OCPI response envelope (`{"data": [...], "status_code": 1000, ...}`).
    pub fn to_envelope(&self, timestamp: jiff::Timestamp) -> serde_json::Value {
        serde_json::json!({
            "data": self.items.iter().map(|i| &i.json).collect::<Vec<_>>(),
            "status_code": 1000,
            "status_message": "Success",
            "timestamp": timestamp.strftime("%Y-%m-%dT%H:%M:%SZ").to_string(),
        })
    }
}
