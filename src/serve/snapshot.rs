//! One consistent reading of the sources: what every endpoint serves until the next reload.
//!
//! Files are read with the core's item-by-item pipeline (`validate_files_streaming`, the same one
//! `model::read_feed` uses): each item is walked and checked against the version detected for its
//! file, converted into the model to decide `publish`, `id` and `last_updated`, and written back as
//! compact JSON of that version (its lenient value, `publish_allowed_to` removed). Only that text
//! and a few keys stay in memory.

use super::served_json::{self, Part};
use super::source::{self, LoadError, Source};
use crate::Code;
use crate::model::{Location, Tariff};
use crate::spec::Version;
use crate::validate::{self, Item, Kind, Options};
use bytes::Bytes;
use serde::Serialize;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;
use std::sync::Arc;

/// An item ready to be served: its keys, and where its JSON text is in its module's text.
pub(crate) struct ServedItem {
    pub id: String,
    pub last_updated: Option<jiff::Timestamp>,
    pub range: Range<usize>,
}

/// A published location, with where its EVSEs and connectors are in its module's text.
pub(crate) struct ServedLocation {
    pub item: ServedItem,
    pub evses: Vec<Part>,
}

/// The items of one module in one version, in file and document order.
///
/// Their JSON texts sit in one buffer, separated by commas (`{...},{...}`), so that a page of
/// consecutive items is one zero-copy slice of it.
pub(crate) struct Module<T> {
    pub items: Vec<T>,
    text: Bytes,
    /// First index of each id.
    by_id: HashMap<String, usize>,
}

impl<T: Listed> Module<T> {
    /// The JSON text of one item, or of a part of it (an EVSE or connector range).
    pub fn json(&self, range: &Range<usize>) -> Bytes {
        self.text.slice(range.clone())
    }

    /// The JSON text of the items `from..to` (indices), with the commas between them.
    pub fn json_run(&self, from: usize, to: usize) -> Bytes {
        match (
            self.items.get(from),
            to.checked_sub(1).and_then(|l| self.items.get(l)),
        ) {
            (Some(first), Some(last)) if from < to => self
                .text
                .slice(first.served().range.start..last.served().range.end),
            _ => Bytes::new(),
        }
    }
}

/// What a module holds: plain items or locations.
pub(crate) trait Listed {
    fn served(&self) -> &ServedItem;
}

impl Listed for ServedItem {
    fn served(&self) -> &ServedItem {
        self
    }
}

impl Listed for ServedLocation {
    fn served(&self) -> &ServedItem {
        &self.item
    }
}

impl Module<ServedLocation> {
    /// The location with this id; ids are CiString, so a case-insensitive match is the fallback.
    pub fn get(&self, id: &str) -> Option<&ServedLocation> {
        match self.by_id.get(id) {
            Some(&i) => self.items.get(i),
            None => self
                .items
                .iter()
                .find(|l| l.item.id.eq_ignore_ascii_case(id)),
        }
    }
}

/// A module while the files are read.
struct ModuleBuilder<T> {
    items: Vec<T>,
    text: Vec<u8>,
    by_id: HashMap<String, usize>,
}

impl<T> Default for ModuleBuilder<T> {
    fn default() -> Self {
        ModuleBuilder {
            items: Vec::new(),
            text: Vec::new(),
            by_id: HashMap::new(),
        }
    }
}

impl<T> ModuleBuilder<T> {
    /// Appends an item whose text `write` writes into the module's text; `make` gets the item's
    /// range and what `write` returned (ranges in that text too).
    fn push<X>(
        &mut self,
        id: &str,
        write: impl FnOnce(&mut Vec<u8>) -> X,
        make: impl FnOnce(Range<usize>, X) -> T,
    ) {
        if !self.items.is_empty() {
            self.text.push(b',');
        }
        let start = self.text.len();
        let extra = write(&mut self.text);
        self.by_id.entry(id.to_string()).or_insert(self.items.len());
        self.items.push(make(start..self.text.len(), extra));
    }

    fn finish(self) -> Module<T> {
        Module {
            items: self.items,
            text: Bytes::from(self.text),
            by_id: self.by_id,
        }
    }
}

/// What is served under one version.
pub(crate) struct VersionData {
    /// `None`: no locations file of this version, so no `locations` endpoint.
    pub locations: Option<Module<ServedLocation>>,
    pub tariffs: Option<Module<ServedItem>>,
}

/// A version while the files are read.
#[derive(Default)]
struct VersionBuilder {
    locations: Option<ModuleBuilder<ServedLocation>>,
    tariffs: Option<ModuleBuilder<ServedItem>>,
}

/// What the server serves now.
pub struct Snapshot {
    pub(crate) versions: Vec<(Version, VersionData)>,
    /// Changes whenever the content of any file changes.
    pub(crate) tag: u64,
    summary: LoadSummary,
}

/// What was read: per file and per version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LoadSummary {
    pub files: Vec<FileSummary>,
    pub versions: Vec<VersionSummary>,
}

/// One file as the validator saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileSummary {
    pub path: String,
    /// `location`, `tariff`, `versions`, `version_details`; `None` when not recognised.
    pub kind: Option<String>,
    pub version: Option<String>,
    pub items: usize,
    pub errors: usize,
    pub warnings: usize,
    /// The file is not well-formed JSON (or not UTF-8); only the items before the problem count.
    pub broken: bool,
}

/// What one version serves.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VersionSummary {
    pub version: String,
    /// Served locations.
    pub locations: usize,
    /// Locations not served because `publish` is `false`.
    pub locations_unpublished: usize,
    pub tariffs: usize,
}

impl Snapshot {
    /// Reads every source.
    pub fn load(sources: &[Source]) -> Result<Snapshot, LoadError> {
        let inputs = source::expand(sources)?;
        let mut names = Vec::with_capacity(inputs.len());
        let mut contents = Vec::with_capacity(inputs.len());
        for input in &inputs {
            names.push(input.name());
            contents.push(input.read()?);
        }
        Ok(Snapshot::from_files(&names, &contents))
    }

    fn from_files(names: &[String], contents: &[Arc<[u8]>]) -> Snapshot {
        let files: Vec<(&str, &[u8])> = names
            .iter()
            .zip(contents)
            .map(|(n, c)| (n.as_str(), &c[..]))
            .collect();
        let mut hasher = DefaultHasher::new();
        files.hash(&mut hasher);

        let mut versions: Vec<(Version, VersionBuilder)> = Vec::new();
        let mut unpublished: HashMap<Version, usize> = HashMap::new();
        let mut on_item = |_: usize, kind: Kind, version: Version, item: &Item<'_>| {
            let data = version_data(&mut versions, version);
            match kind {
                Kind::Location => {
                    let location = Location::from_item(item, version);
                    if !location.is_public() {
                        *unpublished.entry(version).or_default() += 1;
                        return;
                    }
                    data.locations.get_or_insert_default().push(
                        &location.id,
                        |out| served_json::write_location(&item.node, out),
                        |range, evses| ServedLocation {
                            item: ServedItem {
                                id: location.id.clone(),
                                last_updated: location.last_updated,
                                range,
                            },
                            evses,
                        },
                    );
                }
                Kind::Tariff => {
                    let tariff = Tariff::from_item(item, version);
                    data.tariffs.get_or_insert_default().push(
                        &tariff.id,
                        |out| served_json::write_value(&item.node, out),
                        |range, ()| ServedItem {
                            id: tariff.id.clone(),
                            last_updated: tariff.last_updated,
                            range,
                        },
                    );
                }
                Kind::Versions | Kind::VersionDetails => {}
            }
        };
        let reports = validate::validate_files_streaming(
            &files,
            |path| Options {
                label: validate::label_from_path(path),
                ..Options::default()
            },
            &mut on_item,
        );

        let mut file_summaries = Vec::with_capacity(reports.len());
        for report in &reports {
            // A file of a module without items still makes the module's endpoint exist; with no
            // item to tell its kind and version, its name tells (`ocpi_2_2_1_tariffs.json`).
            let (kind, version) = match (report.kind, report.version) {
                (Some(kind), Some(version)) => (Some(kind), Some(version)),
                _ if report.items == 0 => (
                    kind_from_name(&report.path),
                    report.version.or_else(|| {
                        validate::label_from_path(&report.path)
                            .and_then(|l| Version::from_label(&l))
                    }),
                ),
                _ => (None, None),
            };
            if let Some(version) = version {
                let data = version_data(&mut versions, version);
                match kind {
                    Some(Kind::Location) => {
                        data.locations.get_or_insert_default();
                    }
                    Some(Kind::Tariff) => {
                        data.tariffs.get_or_insert_default();
                    }
                    _ => {}
                }
            }
            let summary = report.summary();
            file_summaries.push(FileSummary {
                path: report.path.clone(),
                kind: report.kind.map(|k| k.as_str().to_string()),
                version: report.version.map(|v| v.as_str().to_string()),
                items: report.items,
                errors: summary.errors,
                warnings: summary.warnings,
                broken: report
                    .diagnostics
                    .iter()
                    .any(|d| matches!(d.code, Code::JsonSyntax | Code::JsonInvalidUtf8)),
            });
        }
        versions.retain(|(_, d)| d.locations.is_some() || d.tariffs.is_some());
        versions.sort_by_key(|(v, _)| *v);
        let versions: Vec<(Version, VersionData)> = versions
            .into_iter()
            .map(|(v, d)| {
                let data = VersionData {
                    locations: d.locations.map(ModuleBuilder::finish),
                    tariffs: d.tariffs.map(ModuleBuilder::finish),
                };
                (v, data)
            })
            .collect();
        let version_summaries = versions
            .iter()
            .map(|(version, data)| VersionSummary {
                version: version.as_str().to_string(),
                locations: data.locations.as_ref().map_or(0, |m| m.items.len()),
                locations_unpublished: unpublished.get(version).copied().unwrap_or(0),
                tariffs: data.tariffs.as_ref().map_or(0, |m| m.items.len()),
            })
            .collect();
        Snapshot {
            versions,
            tag: hasher.finish(),
            summary: LoadSummary {
                files: file_summaries,
                versions: version_summaries,
            },
        }
    }

    /// What was read.
    pub fn summary(&self) -> &LoadSummary {
        &self.summary
    }

    /// The versions served, oldest first.
    pub fn versions(&self) -> impl Iterator<Item = Version> + '_ {
        self.versions.iter().map(|(v, _)| *v)
    }

    pub(crate) fn version(&self, version: Version) -> Option<&VersionData> {
        self.versions
            .iter()
            .find(|(v, _)| *v == version)
            .map(|(_, d)| d)
    }

    /// Whether a file is not well-formed JSON.
    pub fn has_broken_files(&self) -> bool {
        self.summary.files.iter().any(|f| f.broken)
    }
}

/// `location` or `tariff` in a file name (the last path segment).
fn kind_from_name(path: &str) -> Option<Kind> {
    let name = path
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(path)
        .to_ascii_lowercase();
    match (name.contains("location"), name.contains("tariff")) {
        (true, false) => Some(Kind::Location),
        (false, true) => Some(Kind::Tariff),
        _ => None,
    }
}

fn version_data(
    versions: &mut Vec<(Version, VersionBuilder)>,
    version: Version,
) -> &mut VersionBuilder {
    let i = match versions.iter().position(|(v, _)| *v == version) {
        Some(i) => i,
        None => {
            versions.push((version, VersionBuilder::default()));
            versions.len() - 1
        }
    };
    &mut versions[i].1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes(name: &str, text: &str) -> Source {
        Source::Bytes {
            name: name.to_string(),
            bytes: text.as_bytes().into(),
        }
    }

    const LOCATION_221: &str = r#"{"country_code":"NL","party_id":"ABC","id":"LOC1","publish":true,
        "address":"Street 1","city":"Town","country":"NLD",
        "coordinates":{"latitude":"52.000000","longitude":"4.000000"},"time_zone":"Europe/Amsterdam",
        "last_updated":"2024-01-01T00:00:00Z"}"#;

    #[test]
    fn unpublished_locations_are_counted_not_served() {
        let hidden = LOCATION_221
            .replace("LOC1", "LOC2")
            .replace("\"publish\":true", "\"publish\":false");
        let snapshot = Snapshot::load(&[bytes("l.json", &format!("[{LOCATION_221},{hidden}]"))])
            .expect("read");
        let data = snapshot.version(Version::V2_2_1).expect("2.2.1");
        let locations = data.locations.as_ref().expect("locations");
        assert_eq!(locations.items.len(), 1);
        assert!(locations.get("LOC2").is_none());
        assert!(locations.get("loc1").is_some(), "CiString lookup");
        assert!(data.tariffs.is_none());
        assert_eq!(snapshot.summary().versions[0].locations_unpublished, 1);
    }

    #[test]
    fn an_empty_module_file_still_makes_its_endpoint() {
        let snapshot = Snapshot::load(&[
            bytes("locations.json", &format!("[{LOCATION_221}]")),
            bytes(
                "ocpi_2_2_1_tariffs.json",
                r#"{"data":[],"status_code":1000,"timestamp":"2024-01-01T00:00:00Z"}"#,
            ),
        ])
        .expect("read");
        assert_eq!(snapshot.versions().collect::<Vec<_>>(), [Version::V2_2_1]);
        let data = snapshot.version(Version::V2_2_1).expect("2.2.1");
        assert_eq!(data.tariffs.as_ref().map(|t| t.items.len()), Some(0));
        assert!(!snapshot.has_broken_files());
    }

    #[test]
    fn the_tag_follows_the_content() {
        let a = Snapshot::load(&[bytes("l.json", &format!("[{LOCATION_221}]"))]).expect("read");
        let b = Snapshot::load(&[bytes("l.json", &format!("[{LOCATION_221}]"))]).expect("read");
        let c = Snapshot::load(&[bytes("l.json", &format!("[{LOCATION_221} ]"))]).expect("read");
        assert_eq!(a.tag, b.tag);
        assert_ne!(a.tag, c.tag);
    }

    #[test]
    fn a_cut_file_is_reported_broken() {
        let cut = format!("[{LOCATION_221},{{\"id\":");
        let snapshot = Snapshot::load(&[bytes("l.json", &cut)]).expect("read");
        assert!(snapshot.has_broken_files());
        assert_eq!(snapshot.summary().versions[0].locations, 1);
    }
}
