use std::collections::{BTreeMap, BTreeSet};

use ocpi_feed_gen::{
    Deviation, Feed, FeedOptions, GenVersion, OcpiVersion, generate, generate_json,
};
use serde_json::Value;

fn opts(locations: usize, seed: u64, version: GenVersion, rate: f64) -> FeedOptions {
    FeedOptions {
        locations,
        seed,
        version,
        deviation_rate: rate,
    }
}

const ALL_VERSIONS: [GenVersion; 4] = [
    GenVersion::V211,
    GenVersion::V221,
    GenVersion::V230,
    GenVersion::Mixed,
];

const LOCATION_211: &[&str] = &[
    "id",
    "type",
    "address",
    "city",
    "postal_code",
    "country",
    "coordinates",
    "last_updated",
];
const LOCATION_22: &[&str] = &[
    "country_code",
    "party_id",
    "id",
    "publish",
    "address",
    "city",
    "country",
    "coordinates",
    "time_zone",
    "last_updated",
];
const EVSE: &[&str] = &["uid", "status", "connectors", "last_updated"];
const CONNECTOR_211: &[&str] = &[
    "id",
    "standard",
    "format",
    "power_type",
    "voltage",
    "amperage",
    "last_updated",
];
const CONNECTOR_22: &[&str] = &[
    "id",
    "standard",
    "format",
    "power_type",
    "max_voltage",
    "max_amperage",
    "last_updated",
];
const TARIFF_211: &[&str] = &["id", "currency", "elements", "last_updated"];
const TARIFF_221: &[&str] = &[
    "country_code",
    "party_id",
    "id",
    "currency",
    "elements",
    "last_updated",
];
const TARIFF_230: &[&str] = &[
    "country_code",
    "party_id",
    "id",
    "currency",
    "elements",
    "tax_included",
    "last_updated",
];

fn require(obj: &Value, names: &[&str], what: &str) {
    let map = obj
        .as_object()
        .unwrap_or_else(|| panic!("{what} is not an object"));
    for name in names {
        match map.get(*name) {
            None | Some(Value::Null) => panic!("{what} lacks required field {name}: {obj}"),
            Some(_) => {}
        }
    }
}

fn arr<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn evses(loc: &Value) -> &[Value] {
    arr(loc, "evses")
}

/// Every string under `tariff_ids` / `tariff_id` (also the camelCase spellings).
fn referenced_tariffs(loc: &Value, out: &mut BTreeSet<String>) {
    match loc {
        Value::Object(m) => {
            for (k, v) in m {
                match (k.as_str(), v) {
                    ("tariff_ids" | "tariffIds", Value::Array(ids)) => {
                        out.extend(ids.iter().filter_map(Value::as_str).map(str::to_string));
                    }
                    ("tariff_id" | "tariffId", Value::String(id)) => {
                        out.insert(id.clone());
                    }
                    _ => referenced_tariffs(v, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|i| referenced_tariffs(i, out)),
        _ => {}
    }
}

fn tariff_ids(feed: &Feed) -> BTreeSet<String> {
    feed.tariffs
        .iter()
        .map(|t| t["id"].as_str().expect("tariff id").to_string())
        .collect()
}

#[test]
fn same_options_give_identical_output() {
    for version in ALL_VERSIONS {
        for rate in [0.0, 0.25] {
            let o = opts(200, 42, version, rate);
            assert_eq!(generate_json(&o), generate_json(&o));
        }
    }
    let o = opts(100, 42, GenVersion::Mixed, 0.25);
    let (a, b) = (generate(&o), generate(&o));
    assert_eq!(a, b);
    assert_eq!(a.locations_envelope_json(), b.locations_envelope_json());
    let a = generate_json(&opts(50, 1, GenVersion::V221, 0.0));
    let b = generate_json(&opts(50, 2, GenVersion::V221, 0.0));
    assert_ne!(a.locations_envelope, b.locations_envelope);
}

#[test]
fn value_and_text_paths_give_the_same_data() {
    let parsed = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
    for version in ALL_VERSIONS {
        for (seed, rate) in [(1, 0.0), (2, 0.5)] {
            let o = opts(60, seed, version, rate);
            let values = generate(&o);
            let text = generate_json(&o);
            assert_eq!(
                parsed(&values.locations_envelope_json()),
                parsed(&text.locations_envelope)
            );
            assert_eq!(
                parsed(&values.tariffs_envelope_json()),
                parsed(&text.tariffs_envelope)
            );
            assert_eq!(values.location_info, text.location_info);
        }
    }
}

#[test]
fn location_content_does_not_depend_on_feed_size_or_rate() {
    let small = generate(&opts(20, 9, GenVersion::Mixed, 0.0));
    let large = generate(&opts(100, 9, GenVersion::Mixed, 0.0));
    assert_eq!(small.locations[..], large.locations[..20]);

    // Deviating locations at a lower rate are a subset of those at a higher rate, and
    // non-deviating locations are identical to the clean feed.
    let clean = generate(&opts(300, 9, GenVersion::V221, 0.0));
    let low = generate(&opts(300, 9, GenVersion::V221, 0.05));
    let high = generate(&opts(300, 9, GenVersion::V221, 0.2));
    for i in 0..300 {
        if low.location_info[i].deviation.is_some() {
            assert!(high.location_info[i].deviation.is_some());
        }
        if high.location_info[i].deviation.is_none() {
            assert_eq!(clean.locations[i], high.locations[i]);
        }
    }
}

#[test]
fn threaded_generation_matches_small_feeds() {
    // Above 2048 locations generation is spread over threads (when the machine has more than
    // one core); the first locations must be the same bytes as in a small feed.
    let big = generate_json(&opts(2100, 7, GenVersion::Mixed, 0.2));
    let small = generate_json(&opts(100, 7, GenVersion::Mixed, 0.2));
    let data = |env: &str| env[..env.rfind("],\"status_code\"").unwrap()].to_string();
    let small_data = data(&small.locations_envelope);
    assert!(data(&big.locations_envelope).starts_with(&(small_data + ",")));
    assert_eq!(big.location_info[..100], small.location_info[..]);
}

#[test]
fn location_count_matches() {
    for n in [0, 1, 7, 120] {
        for version in ALL_VERSIONS {
            let f = generate(&opts(n, 3, version, 0.1));
            assert_eq!(f.locations.len(), n);
            assert_eq!(f.location_info.len(), n);
        }
    }
    for n in [0, 150] {
        for version in ALL_VERSIONS {
            let f = generate_json(&opts(n, 3, version, 0.1));
            assert_eq!(f.location_info.len(), n);
            let env: Value = serde_json::from_str(&f.locations_envelope).unwrap();
            assert_eq!(env["data"].as_array().unwrap().len(), n);
        }
    }
}

#[test]
fn every_referenced_tariff_exists() {
    for version in ALL_VERSIONS {
        for rate in [0.0, 0.5] {
            let f = generate(&opts(100, 11, version, rate));
            let known = tariff_ids(&f);
            assert_eq!(known.len(), f.tariffs.len(), "tariff ids are unique");
            let mut used = BTreeSet::new();
            for loc in &f.locations {
                referenced_tariffs(loc, &mut used);
            }
            assert!(!used.is_empty());
            for id in &used {
                assert!(
                    known.contains(id),
                    "{version} rate {rate}: unknown tariff {id}"
                );
            }
        }
    }
}

#[test]
fn tariff_sets_have_two_to_four_tariffs() {
    let f = generate(&opts(800, 5, GenVersion::Mixed, 0.0));
    let mut sets: BTreeMap<String, usize> = BTreeMap::new();
    for t in &f.tariffs {
        let id = t["id"].as_str().unwrap();
        let set = id.rsplit_once('-').unwrap().0.to_string();
        *sets.entry(set).or_default() += 1;
    }
    assert!(sets.len() > 20);
    for (set, n) in sets {
        assert!((2..=4).contains(&n), "{set}: {n} tariffs");
    }
}

#[test]
fn spec_valid_feeds_have_required_fields() {
    for version in ALL_VERSIONS {
        let f = generate(&opts(200, 21, version, 0.0));
        for (loc, info) in f.locations.iter().zip(&f.location_info) {
            assert_eq!(info.deviation, None);
            let v211 = info.version == OcpiVersion::V211;
            require(
                loc,
                if v211 { LOCATION_211 } else { LOCATION_22 },
                "location",
            );
            require(
                &loc["coordinates"],
                &["latitude", "longitude"],
                "coordinates",
            );
            for evse in evses(loc) {
                require(evse, EVSE, "evse");
                let connectors = arr(evse, "connectors");
                assert!(!connectors.is_empty(), "connectors is a + list");
                for c in connectors {
                    require(
                        c,
                        if v211 { CONNECTOR_211 } else { CONNECTOR_22 },
                        "connector",
                    );
                }
            }
        }
        for t in &f.tariffs {
            let names = if t.get("tax_included").is_some() {
                TARIFF_230
            } else if t.get("country_code").is_some() {
                TARIFF_221
            } else {
                TARIFF_211
            };
            require(t, names, "tariff");
            assert!(!arr(t, "elements").is_empty());
            for e in arr(t, "elements") {
                assert!(!arr(e, "price_components").is_empty());
            }
        }
    }
}

#[test]
fn v211_has_no_v22_fields() {
    for rate in [0.0, 0.5] {
        let f = generate_json(&opts(500, 8, GenVersion::V211, rate));
        let (locations, tariffs) = (f.locations_envelope, f.tariffs_envelope);
        for text in [&locations, &tariffs] {
            for field in [
                "\"country_code\"",
                "\"party_id\"",
                "\"publish\"",
                "\"tariff_ids\"",
            ] {
                assert!(!text.contains(field), "2.1.1 output contains {field}");
            }
        }
        assert!(!locations.contains("\"max_voltage\""));
        assert!(!locations.contains("\"parking_type\""));
        assert!(!tariffs.contains("\"vat\""));
        if rate == 0.0 {
            assert!(locations.is_ascii(), "2.1.1 strings are printable ASCII");
            assert!(tariffs.is_ascii());
        }
    }
}

#[test]
fn children_are_not_newer_than_parents() {
    fn ts(v: &Value) -> &str {
        // Compare on YYYY-MM-DDTHH:MM:SS; all styles share that prefix.
        &v["last_updated"].as_str().unwrap()[..19]
    }
    for version in ALL_VERSIONS {
        let f = generate(&opts(250, 13, version, 0.0));
        for loc in &f.locations {
            assert!(ts(loc) < "2026-01-15T00:00:01");
            for evse in evses(loc) {
                assert!(ts(evse) <= ts(loc));
                for c in arr(evse, "connectors") {
                    assert!(ts(c) <= ts(evse));
                }
            }
        }
        for t in &f.tariffs {
            assert!(ts(t) < "2026-01-15T00:00:01");
        }
    }
}

fn coord_ok(s: &str, int_digits: usize, decimals: std::ops::RangeInclusive<usize>) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let Some((i, d)) = s.split_once('.') else {
        return false;
    };
    (1..=int_digits).contains(&i.len())
        && decimals.contains(&d.len())
        && i.bytes().chain(d.bytes()).all(|b| b.is_ascii_digit())
}

#[test]
fn coordinates_follow_the_version_pattern() {
    for version in [GenVersion::V211, GenVersion::V221, GenVersion::V230] {
        let f = generate(&opts(250, 17, version, 0.0));
        let decimals = if version == GenVersion::V211 {
            6..=6
        } else {
            5..=7
        };
        for loc in &f.locations {
            let lat = loc["coordinates"]["latitude"].as_str().unwrap();
            let lon = loc["coordinates"]["longitude"].as_str().unwrap();
            assert!(
                coord_ok(lat, 2, decimals.clone()) && lat.len() <= 10,
                "{lat}"
            );
            assert!(
                coord_ok(lon, 3, decimals.clone()) && lon.len() <= 11,
                "{lon}"
            );
            let (la, lo): (f64, f64) = (lat.parse().unwrap(), lon.parse().unwrap());
            assert!(
                (27.0..72.0).contains(&la) && (-20.0..35.0).contains(&lo),
                "{la},{lo}"
            );
        }
    }
}

#[test]
fn v230_parking_links_resolve() {
    let f = generate(&opts(300, 19, GenVersion::V230, 0.0));
    let mut links = 0;
    for loc in &f.locations {
        let places: BTreeSet<&str> = arr(loc, "parking_places")
            .iter()
            .map(|p| p["id"].as_str().unwrap())
            .collect();
        assert_eq!(places.len(), arr(loc, "parking_places").len(), "unique ids");
        for evse in evses(loc) {
            for link in arr(evse, "parking") {
                assert!(places.contains(link["parking_id"].as_str().unwrap()));
                links += 1;
            }
        }
    }
    assert!(links > 100);
}

#[test]
fn ids_are_unique_per_operator() {
    let f = generate(&opts(1200, 23, GenVersion::V221, 0.0));
    let mut locs = BTreeSet::new();
    let mut uids = BTreeSet::new();
    let mut evse_ids = BTreeSet::new();
    for loc in &f.locations {
        let party = loc["party_id"].as_str().unwrap();
        assert!(locs.insert((party, loc["id"].as_str().unwrap())));
        for evse in evses(loc) {
            assert!(uids.insert((party, evse["uid"].as_str().unwrap())));
            if let Some(id) = evse["evse_id"].as_str() {
                assert!(evse_ids.insert(id));
            }
            let ids: BTreeSet<&str> = arr(evse, "connectors")
                .iter()
                .map(|c| c["id"].as_str().unwrap())
                .collect();
            assert_eq!(ids.len(), arr(evse, "connectors").len());
        }
    }
}

#[test]
fn deviation_rate_controls_deviations() {
    let none = generate_json(&opts(400, 29, GenVersion::Mixed, 0.0));
    assert!(none.location_info.iter().all(|i| i.deviation.is_none()));

    let all = generate_json(&opts(400, 29, GenVersion::Mixed, 1.0));
    assert!(all.location_info.iter().all(|i| i.deviation.is_some()));

    // With enough deviating locations every kind shows up, and only where it applies.
    for version in [GenVersion::V211, GenVersion::V221, GenVersion::V230] {
        let f = generate_json(&opts(600, 31, version, 0.1));
        let n = f
            .location_info
            .iter()
            .filter(|i| i.deviation.is_some())
            .count();
        assert!((30..=100).contains(&n), "{version}: {n} deviating of 600");
        let seen: BTreeSet<Deviation> =
            f.location_info.iter().filter_map(|i| i.deviation).collect();
        let v = f.location_info[0].version;
        let expected: BTreeSet<Deviation> = Deviation::ALL
            .iter()
            .copied()
            .filter(|d| d.applies_to(v))
            .collect();
        assert_eq!(seen, expected, "{version}");
    }
}

#[test]
fn deviations_look_like_the_real_world_table() {
    let f = generate(&opts(600, 37, GenVersion::V221, 0.3));
    let mut checked = BTreeSet::new();
    for (loc, info) in f.locations.iter().zip(&f.location_info) {
        let Some(d) = info.deviation else { continue };
        let text = loc.to_string();
        let ok = match d {
            Deviation::NullLists => loc["facilities"].is_null() && loc["images"].is_null(),
            Deviation::EmptyStringObjects => loc["opening_times"] == "",
            Deviation::NumbersAsStrings => text.contains("\"max_voltage\":\""),
            Deviation::CoordinatesAsNumbers => loc["coordinates"]["latitude"].is_f64(),
            Deviation::IntegerIds => loc["id"].is_u64(),
            Deviation::PowerInKw => evses(loc)
                .iter()
                .flat_map(|e| arr(e, "connectors"))
                .all(|c| c["max_electric_power"].as_i64().unwrap() < 1000),
            Deviation::MissingTimeZone => loc.get("time_zone").is_none(),
            Deviation::NonIanaTimeZone => {
                let tz = loc["time_zone"].as_str().unwrap();
                tz.ends_with(' ') || tz.ends_with("Standard Time")
            }
            Deviation::V211NamesUnderV22 => {
                text.contains("\"voltage\":") && !text.contains("\"max_voltage\"")
            }
            Deviation::NonStandardStatus => text.contains("\"WORKING\""),
            Deviation::CamelCaseNames => {
                text.contains("\"lastUpdated\"") && text.contains("\"powerType\"")
            }
            Deviation::TimestampWithoutZone => {
                let t = loc["last_updated"].as_str().unwrap();
                t.len() == 19 && t.as_bytes()[10] == b' '
            }
            Deviation::VendorFields => {
                text.contains("\"energy_meter\"") && text.contains("\"calibration_info_url\"")
            }
            Deviation::UnpublishedLocation => {
                loc["publish"] == false && loc.get("publish_allowed_to").is_none()
            }
        };
        assert!(ok, "{d} not visible in {text}");
        checked.insert(d);
    }
    assert_eq!(checked.len(), Deviation::ALL.len());
}

#[test]
fn mixed_feeds_mix_versions() {
    let f = generate(&opts(600, 41, GenVersion::Mixed, 0.0));
    let versions: BTreeSet<OcpiVersion> = f.location_info.iter().map(|i| i.version).collect();
    assert_eq!(versions.len(), 3);
    for (loc, info) in f.locations.iter().zip(&f.location_info) {
        assert_eq!(
            loc.get("country_code").is_some(),
            info.version != OcpiVersion::V211
        );
        if info.version != OcpiVersion::V230 {
            assert!(loc.get("parking_places").is_none() && loc.get("help_phone").is_none());
        }
    }
}

#[test]
fn envelope_shape() {
    let f = generate(&opts(10, 1, GenVersion::V230, 0.0));
    for text in [f.locations_envelope_json(), f.tariffs_envelope_json()] {
        let env: Value = serde_json::from_str(&text).unwrap();
        let keys: Vec<&str> = env
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["data", "status_code", "status_message", "timestamp"]);
        assert_eq!(env["status_code"], 1000);
        assert_eq!(env["status_message"], "Success");
        assert_eq!(env["timestamp"], ocpi_feed_gen::BASE_TIMESTAMP);
    }
}

#[test]
fn fields_are_in_spec_order() {
    // The text keeps the spec's order (a `serde_json::Value` would sort the keys).
    let f = generate_json(&opts(50, 2, GenVersion::V221, 0.0));
    let text = &f.locations_envelope;
    let first = &text[..text.find("},{\"country_code\"").unwrap()];
    let pos = |k: &str| {
        first
            .find(&format!("\"{k}\":"))
            .unwrap_or_else(|| panic!("{k}"))
    };
    assert!(pos("country_code") < pos("party_id") && pos("party_id") < pos("id"));
    assert!(pos("address") < pos("city") && pos("city") < pos("country"));
    assert!(pos("evses") < pos("time_zone"));
    assert!(first.rfind("\"last_updated\":").unwrap() > pos("time_zone"));
}
