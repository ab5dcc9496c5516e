//! The demo data set of the charging map: one feed per operator, each in the OCPI version that
//! operator serves, written as separate files (`<version>/<operator>/locations.json`,
//! `.../tariffs.json`) plus a `manifest.json` that says what is in them.
//!
//! Besides the per-location deviations of [`crate::Deviation`], the demo carries the
//! document-level ones of real feeds (`real-world-data.md`): one operator serves a bare array
//! instead of the response envelope, one a web framework's paging wrapper
//! (`{"content": [...], "totalElements": N, "last": true}`), and one tariff has
//! `"currency": null`.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use crate::json::Json;
use crate::land::Land;
use crate::{FeedOptions, GenVersion, LocationInfo, OcpiVersion, build, envelope_of_texts, tables};

/// What demo to generate.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoOptions {
    pub locations: usize,
    pub seed: u64,
    /// Share of locations with one real-world deviation.
    pub deviation_rate: f64,
}

impl Default for DemoOptions {
    /// About 5,000 locations; 15 % deviating, in line with the share of real feeds whose
    /// locations a strict reader rejects.
    fn default() -> Self {
        DemoOptions {
            locations: 5000,
            seed: 2026,
            deviation_rate: 0.15,
        }
    }
}

/// One file of the demo, its path relative to the output folder (`/`-separated).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoFile {
    pub path: String,
    pub body: String,
}

/// How an operator's locations file is wrapped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocumentShape {
    /// The OCPI response envelope `{"data": [...], "status_code": 1000, ...}`.
    Envelope,
    /// A bare JSON array of locations.
    BareArray,
    /// `{"content": [...], "totalElements": N, "last": true}`.
    PagingWrapper,
}

impl DocumentShape {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentShape::Envelope => "envelope",
            DocumentShape::BareArray => "bare-array",
            DocumentShape::PagingWrapper => "paging-wrapper",
        }
    }
}

/// One operator's feed in the demo.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoOperator {
    pub slug: &'static str,
    pub name: &'static str,
    pub version: OcpiVersion,
    pub locations: usize,
    /// Locations without `"publish": false` (the ones a public map shows).
    pub public_locations: usize,
    pub deviating: usize,
    pub tariffs: usize,
    pub shape: DocumentShape,
    pub locations_path: String,
    pub tariffs_path: String,
}

/// What the demo holds; also written as `manifest.json`.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoSummary {
    pub locations: usize,
    pub public_locations: usize,
    pub tariffs: usize,
    pub operators: Vec<DemoOperator>,
}

impl DemoSummary {
    /// The manifest as JSON (stable field order).
    pub fn to_json(&self) -> String {
        let mut per_version: BTreeMap<&str, usize> = BTreeMap::new();
        for op in &self.operators {
            *per_version.entry(op.version.as_str()).or_default() += op.locations;
        }
        let operators: Vec<Value> = self
            .operators
            .iter()
            .map(|o| {
                json!({
                    "operator": o.slug,
                    "name": o.name,
                    "version": o.version.as_str(),
                    "locations": o.locations,
                    "public_locations": o.public_locations,
                    "deviating_locations": o.deviating,
                    "tariffs": o.tariffs,
                    "shape": o.shape.as_str(),
                    "locations_file": o.locations_path,
                    "tariffs_file": o.tariffs_path,
                })
            })
            .collect();
        let doc = json!({
            "locations": self.locations,
            "public_locations": self.public_locations,
            "tariffs": self.tariffs,
            "locations_per_version": per_version,
            "operators": operators,
        });
        serde_json::to_string_pretty(&doc).expect("a json! value serialises")
    }
}

/// Which operator (by position among those with locations) gets which document shape.
fn shape_for(position: usize) -> DocumentShape {
    match position % 9 {
        4 => DocumentShape::BareArray,
        7 => DocumentShape::PagingWrapper,
        _ => DocumentShape::Envelope,
    }
}

fn is_unpublished(location: &Json) -> bool {
    serde_json::from_str::<Value>(&location.0)
        .ok()
        .and_then(|v| v.get("publish").and_then(Value::as_bool))
        == Some(false)
}

/// Generates the demo: operators' feeds, each in its own version, over land when a mask is
/// given. Same options and mask ⇒ byte-identical files. The manifest is the last file.
pub fn generate_demo(opts: &DemoOptions, land: Option<&Land>) -> (Vec<DemoFile>, DemoSummary) {
    let feed_opts = FeedOptions {
        locations: opts.locations,
        seed: opts.seed,
        version: GenVersion::Mixed,
        deviation_rate: opts.deviation_rate,
    };
    let mut locations: Vec<Json> = Vec::with_capacity(opts.locations);
    let (tariffs, info) = build(&feed_opts, land, |j| locations.push(j));

    // Group by operator, in the operators' table order.
    let mut by_op: Vec<Vec<(Json, LocationInfo)>> =
        (0..tables::OPERATORS.len()).map(|_| Vec::new()).collect();
    for (loc, i) in locations.into_iter().zip(info) {
        if let Some(pos) = tables::OPERATORS.iter().position(|o| o.slug == i.operator) {
            by_op[pos].push((loc, i));
        }
    }
    let mut tariffs_by_op: Vec<Vec<Json>> =
        (0..tables::OPERATORS.len()).map(|_| Vec::new()).collect();
    for (op_idx, t) in tariffs {
        tariffs_by_op[op_idx].push(t);
    }

    let mut files = Vec::new();
    let mut summary = DemoSummary {
        locations: 0,
        public_locations: 0,
        tariffs: 0,
        operators: Vec::new(),
    };
    let mut currency_null_done = false;
    for (op_idx, items) in by_op.into_iter().enumerate() {
        if items.is_empty() {
            continue;
        }
        let op = &tables::OPERATORS[op_idx];
        let version = items[0].1.version;
        let shape = shape_for(summary.operators.len());
        let dir = format!("{}/{}", version.as_str(), op.slug);
        let public = items.iter().filter(|(l, _)| !is_unpublished(l)).count();
        let deviating = items.iter().filter(|(_, i)| i.deviation.is_some()).count();
        let texts: Vec<&Json> = items.iter().map(|(l, _)| l).collect();
        let body = match shape {
            DocumentShape::Envelope => envelope_of_texts(texts.iter().copied()),
            DocumentShape::BareArray => array_of_texts(&texts),
            DocumentShape::PagingWrapper => format!(
                "{{\"content\":{},\"totalElements\":{},\"last\":true}}",
                array_of_texts(&texts),
                texts.len()
            ),
        };
        let mut op_tariffs = std::mem::take(&mut tariffs_by_op[op_idx]);
        // One tariff of the first 2.2.1 operator with `currency: null` (seen in real feeds).
        if !currency_null_done
            && version == OcpiVersion::V221
            && let Some(first) = op_tariffs.first_mut()
            && let Some(at) = first.0.find("\"currency\":\"")
        {
            let end = at + "\"currency\":\"".len() + 4;
            first.0.replace_range(at..end, "\"currency\":null");
            currency_null_done = true;
        }
        let locations_path = format!("{dir}/locations.json");
        let tariffs_path = format!("{dir}/tariffs.json");
        files.push(DemoFile {
            path: locations_path.clone(),
            body,
        });
        files.push(DemoFile {
            path: tariffs_path.clone(),
            body: envelope_of_texts(op_tariffs.iter()),
        });
        summary.locations += items.len();
        summary.public_locations += public;
        summary.tariffs += op_tariffs.len();
        summary.operators.push(DemoOperator {
            slug: op.slug,
            name: op.name,
            version,
            locations: items.len(),
            public_locations: public,
            deviating,
            tariffs: op_tariffs.len(),
            shape,
            locations_path,
            tariffs_path,
        });
    }
    files.push(DemoFile {
        path: "manifest.json".into(),
        body: summary.to_json(),
    });
    (files, summary)
}

fn array_of_texts(items: &[&Json]) -> String {
    let mut out = String::with_capacity(items.iter().map(|j| j.0.len() + 1).sum::<usize>() + 2);
    out.push('[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&item.0);
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> DemoOptions {
        DemoOptions {
            locations: 600,
            ..DemoOptions::default()
        }
    }

    #[test]
    fn every_version_and_shape_appears_and_counts_add_up() {
        let (files, summary) = generate_demo(&small(), None);
        let versions: std::collections::BTreeSet<_> =
            summary.operators.iter().map(|o| o.version).collect();
        assert_eq!(versions.len(), 3, "2.1.1, 2.2.1 and 2.3.0 operators");
        let shapes: std::collections::BTreeSet<_> =
            summary.operators.iter().map(|o| o.shape.as_str()).collect();
        assert_eq!(shapes.len(), 3);
        assert_eq!(
            summary.operators.iter().map(|o| o.locations).sum::<usize>(),
            600
        );
        assert!(summary.public_locations < summary.locations);
        assert_eq!(files.len(), summary.operators.len() * 2 + 1);
        for op in &summary.operators {
            let body = &files
                .iter()
                .find(|f| f.path == op.locations_path)
                .expect("locations file")
                .body;
            let v: Value = serde_json::from_str(body).expect("valid JSON");
            let items = match op.shape {
                DocumentShape::Envelope => v["data"].as_array().cloned(),
                DocumentShape::BareArray => v.as_array().cloned(),
                DocumentShape::PagingWrapper => v["content"].as_array().cloned(),
            }
            .expect("items list");
            assert_eq!(items.len(), op.locations, "{}", op.slug);
            assert!(op.locations_path.starts_with(op.version.as_str()));
        }
    }

    #[test]
    fn one_tariff_has_a_null_currency_and_stays_json() {
        let (files, _) = generate_demo(&small(), None);
        let nulls: Vec<_> = files
            .iter()
            .filter(|f| f.path.ends_with("tariffs.json"))
            .filter(|f| f.body.contains("\"currency\":null"))
            .collect();
        assert_eq!(nulls.len(), 1);
        let v: Value = serde_json::from_str(&nulls[0].body).expect("valid JSON");
        assert!(v["data"][0]["currency"].is_null());
        assert!(v["data"][0]["id"].is_string());
    }

    #[test]
    fn deterministic_and_on_land_with_a_mask() {
        // A mask that is land only east of 0°: every point must fall there (or at a city
        // centre when no try succeeds).
        let mask = Land::from_geojson(
            r#"{"type":"Polygon","coordinates":[[[0,-80],[179,-80],[179,80],[0,80],[0,-80]]]}"#,
        )
        .expect("mask");
        let (a, _) = generate_demo(&small(), Some(&mask));
        let (b, _) = generate_demo(&small(), Some(&mask));
        assert_eq!(a, b);
        let centres: Vec<(f64, f64)> = tables::CITIES.iter().map(|c| (c.lat, c.lon)).collect();
        for f in a.iter().filter(|f| f.path.ends_with("locations.json")) {
            let v: Value = serde_json::from_str(&f.body).expect("JSON");
            let items = v
                .get("data")
                .or_else(|| v.get("content"))
                .unwrap_or(&v)
                .as_array()
                .expect("items")
                .clone();
            for loc in items {
                let c = loc
                    .get("coordinates")
                    .expect("coordinates kept by every deviation");
                let num = |k: &str| match &c[k] {
                    Value::String(s) => s.parse::<f64>().expect("number text"),
                    other => other.as_f64().expect("number"),
                };
                let (lat, lon) = (num("latitude"), num("longitude"));
                let at_centre = centres
                    .iter()
                    .any(|&(y, x)| (y - lat).abs() < 1e-5 && (x - lon).abs() < 1e-5);
                assert!(lon >= 0.0 || at_centre, "({lat}, {lon}) in {}", f.path);
            }
        }
    }
}
