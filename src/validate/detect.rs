//! Telling what a document is (locations, tariffs, versions, version details) and which OCPI
//! version its shape follows, from the fields present rather than from a label.

use crate::json::{Node, Value};
use crate::spec::Version;
use serde::Serialize;

/// What kind of OCPI document a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Location,
    Tariff,
    /// The versions endpoint: a list of `{version, url}`.
    Versions,
    /// The version details endpoint: `{version, endpoints}`.
    VersionDetails,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Location => "location",
            Kind::Tariff => "tariff",
            Kind::Versions => "versions",
            Kind::VersionDetails => "version_details",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        match name {
            "location" | "locations" => Some(Kind::Location),
            "tariff" | "tariffs" => Some(Kind::Tariff),
            "versions" => Some(Kind::Versions),
            "version_details" | "version-details" => Some(Kind::VersionDetails),
            _ => None,
        }
    }
}

/// The kind most items look like, if any.
pub fn detect_kind(items: &[&Node<'_>]) -> Option<Kind> {
    let mut counts = [0usize; 4];
    for item in items {
        if let Some(kind) = item_kind(item) {
            counts[kind as usize] += 1;
        }
    }
    let (best, &n) = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, n)| (**n, std::cmp::Reverse(*i)))?;
    if n == 0 {
        return None;
    }
    Some(
        [
            Kind::Location,
            Kind::Tariff,
            Kind::Versions,
            Kind::VersionDetails,
        ][best],
    )
}

fn item_kind(node: &Node<'_>) -> Option<Kind> {
    let has = |k: &str| node.get(k).is_some();
    node.as_object()?;
    if has("endpoints") && has("version") {
        return Some(Kind::VersionDetails);
    }
    if has("version") && has("url") {
        return Some(Kind::Versions);
    }
    if has("elements") || has("currency") || has("tariff_alt_text") {
        return Some(Kind::Tariff);
    }
    if has("coordinates") || has("evses") || has("address") || has("city") || has("postal_code") {
        return Some(Kind::Location);
    }
    None
}

/// Fields whose presence tells a version apart, by object, for locations.
struct Marker {
    path: &'static [&'static str],
    version: Version,
}

const fn m(path: &'static [&'static str], version: Version) -> Marker {
    Marker { path, version }
}

use Version::{V2_1_1, V2_2_1, V2_3_0};

const LOCATION_MARKERS: &[Marker] = &[
    m(&["parking_places"], V2_3_0),
    m(&["help_phone"], V2_3_0),
    m(&["evses", "parking"], V2_3_0),
    m(&["evses", "accepted_service_providers"], V2_3_0),
    m(&["evses", "connectors", "capabilities"], V2_3_0),
    m(&["country_code"], V2_2_1),
    m(&["party_id"], V2_2_1),
    m(&["publish"], V2_2_1),
    m(&["publish_allowed_to"], V2_2_1),
    m(&["parking_type"], V2_2_1),
    m(&["state"], V2_2_1),
    m(&["evses", "connectors", "max_voltage"], V2_2_1),
    m(&["evses", "connectors", "max_amperage"], V2_2_1),
    m(&["evses", "connectors", "max_electric_power"], V2_2_1),
    m(&["evses", "connectors", "tariff_ids"], V2_2_1),
    m(&["energy_mix", "environ_impact", "category"], V2_2_1),
    m(&["type"], V2_1_1),
    m(&["evses", "connectors", "voltage"], V2_1_1),
    m(&["evses", "connectors", "amperage"], V2_1_1),
    m(&["evses", "connectors", "tariff_id"], V2_1_1),
    m(&["energy_mix", "environ_impact", "source"], V2_1_1),
];

const TARIFF_MARKERS: &[Marker] = &[
    m(&["tax_included"], V2_3_0),
    m(&["preauthorize_amount"], V2_3_0),
    m(&["min_price", "before_taxes"], V2_3_0),
    m(&["max_price", "before_taxes"], V2_3_0),
    m(&["country_code"], V2_2_1),
    m(&["party_id"], V2_2_1),
    m(&["type"], V2_2_1),
    m(&["start_date_time"], V2_2_1),
    m(&["end_date_time"], V2_2_1),
    m(&["min_price", "excl_vat"], V2_2_1),
    m(&["max_price", "excl_vat"], V2_2_1),
    m(&["elements", "price_components", "vat"], V2_2_1),
    m(&["elements", "restrictions", "reservation"], V2_2_1),
    m(&["elements", "restrictions", "min_current"], V2_2_1),
    m(&["elements", "restrictions", "max_current"], V2_2_1),
];

/// The detected version and a sentence saying why.
#[derive(Debug, Clone)]
pub struct Detection {
    pub version: Version,
    pub reason: String,
    /// Marker fields of other versions that were found too (a mixed shape).
    pub minority: Vec<(Version, &'static str)>,
}

/// Detects the version of location or tariff items from the fields they carry.
pub fn detect_version(kind: Kind, items: &[&Node<'_>]) -> Detection {
    let markers = match kind {
        Kind::Location => LOCATION_MARKERS,
        Kind::Tariff => TARIFF_MARKERS,
        Kind::Versions | Kind::VersionDetails => return detect_versions_document(items),
    };
    let mut found: Vec<&Marker> = Vec::new();
    for marker in markers {
        if items.iter().any(|item| has_path(item, marker.path)) {
            found.push(marker);
        }
    }
    let names = |v: Version| -> Vec<&'static str> {
        found
            .iter()
            .filter(|m| m.version == v)
            .map(|m| *m.path.last().unwrap_or(&""))
            .collect()
    };
    let (n230, n22, n211) = (names(V2_3_0), names(V2_2_1), names(V2_1_1));
    let list = |v: &[&str]| {
        v.iter()
            .map(|s| format!("`{s}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let (version, reason) = if !n230.is_empty() {
        (
            V2_3_0,
            format!("fields that exist only in 2.3.0: {}", list(&n230)),
        )
    } else if !n22.is_empty() && n22.len() >= n211.len() {
        let extra = if n211.is_empty() {
            String::new()
        } else {
            format!(" (outnumbering the 2.1.1 fields {})", list(&n211))
        };
        (
            V2_2_1,
            format!(
                "fields introduced in 2.2: {}{extra}; 2.2 and 2.2.1 share this shape",
                list(&n22)
            ),
        )
    } else if !n211.is_empty() {
        (
            V2_1_1,
            format!("fields that exist only in 2.1.1: {}", list(&n211)),
        )
    } else if kind == Kind::Tariff {
        (
            V2_1_1,
            "no field introduced after 2.1.1 (no country_code, party_id, type, vat, tax_included)"
                .into(),
        )
    } else {
        (
            V2_2_1,
            "no version-specific field found; read as 2.2.1, the most widely used version".into(),
        )
    };
    let minority = found
        .iter()
        .filter(|m| m.version != version && !(version == V2_3_0 && m.version == V2_2_1))
        .map(|m| (m.version, *m.path.last().unwrap_or(&"")))
        .collect();
    Detection {
        version,
        reason,
        minority,
    }
}

fn detect_versions_document(items: &[&Node<'_>]) -> Detection {
    let labels: Vec<&str> = items
        .iter()
        .filter_map(|i| i.get("version").and_then(Node::as_str))
        .collect();
    let with_role = items.iter().any(|i| {
        i.get("endpoints")
            .and_then(Node::as_array)
            .is_some_and(|eps| eps.iter().any(|e| e.get("role").is_some()))
    });
    let best = labels.iter().filter_map(|l| Version::from_label(l)).max();
    let version = match (best, with_role) {
        (Some(v), _) => v,
        (None, true) => V2_2_1,
        (None, false) => V2_1_1,
    };
    let reason = match best {
        Some(v) => format!(
            "the document names version {}",
            labels
                .iter()
                .find(|l| Version::from_label(l) == Some(v))
                .unwrap_or(&"")
        ),
        None if with_role => "endpoints carry a `role` (2.2+)".into(),
        None => "endpoints carry no `role` (2.1.1)".into(),
    };
    Detection {
        version,
        reason,
        minority: Vec::new(),
    }
}

/// Whether any value reached by following `path` through objects and arrays exists.
fn has_path(node: &Node<'_>, path: &[&str]) -> bool {
    let Some((first, rest)) = path.split_first() else {
        return true;
    };
    match &node.value {
        Value::Object(members) => members
            .iter()
            .any(|mem| mem.key == *first && has_path(&mem.node, rest)),
        Value::Array(items) => items.iter().any(|i| has_path(i, path)),
        _ => false,
    }
}

/// Finds a version label in a file name or URL (`.../2.2/locations`, `ocpi_2_2_1_locations.json`).
pub fn label_from_path(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let boundary_before = i == 0
            || !bytes[i - 1].is_ascii_alphanumeric()
            || bytes[i - 1] == b'v'
            || bytes[i - 1] == b'V';
        if boundary_before && bytes[i].is_ascii_digit() {
            let mut j = i;
            let mut parts = Vec::new();
            loop {
                let start = j;
                while j < bytes.len() && bytes[j].is_ascii_digit() {
                    j += 1;
                }
                if j == start || j - start > 1 {
                    break;
                }
                parts.push(&path[start..j]);
                if j < bytes.len()
                    && (bytes[j] == b'.' || bytes[j] == b'_')
                    && j + 1 < bytes.len()
                    && bytes[j + 1].is_ascii_digit()
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let boundary_after = j >= bytes.len() || !bytes[j].is_ascii_alphanumeric();
            if (2..=3).contains(&parts.len()) && boundary_after && matches!(parts[0], "2" | "3") {
                return Some(parts.join("."));
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_in_paths() {
        assert_eq!(
            label_from_path("ocpi_2_2_locations-zepto.json").as_deref(),
            Some("2.2")
        );
        assert_eq!(
            label_from_path("https://x.example/ocpi/cpo/2.2.1/locations").as_deref(),
            Some("2.2.1")
        );
        assert_eq!(
            label_from_path("fixtures/2.1.1/location_example.json").as_deref(),
            Some("2.1.1")
        );
        assert_eq!(
            label_from_path("exports/v3.0/locations.json").as_deref(),
            Some("3.0")
        );
        assert_eq!(label_from_path("locations-2024-01-05.json"), None);
        assert_eq!(label_from_path("locations.json"), None);
    }
}
