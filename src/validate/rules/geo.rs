//! Rough areas of countries, for telling whether a location's coordinates fall inside its
//! `country` (and whether swapping latitude and longitude would put them there).
//!
//! One or more bounding boxes per country, keyed by ISO 3166-1 alpha-3: every European country
//! (with the UK, Norway, Switzerland, Iceland and Turkey) and the US, Canada, Australia and New
//! Zealand. The boxes cover the mainland and the islands that belong to the same ISO code and
//! carry chargers (Balearics and Canaries, Corsica, Madeira and the Azores, Alaska and Hawaii,
//! Tasmania); territories with their own ISO code (Faroe, Svalbard, Puerto Rico, ...) are not part
//! of their parent. Every box is widened by [`MARGIN`] degrees on each side. A country missing from
//! the table is never checked.

/// Degrees added on each side of every box.
pub const MARGIN: f64 = 0.5;

/// A latitude/longitude rectangle, in degrees (WGS 84), without the margin.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoundingBox {
    pub min_lat: f64,
    pub max_lat: f64,
    pub min_lon: f64,
    pub max_lon: f64,
}

impl BoundingBox {
    /// Whether the point lies inside the box widened by [`MARGIN`].
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        lat >= self.min_lat - MARGIN
            && lat <= self.max_lat + MARGIN
            && lon >= self.min_lon - MARGIN
            && lon <= self.max_lon + MARGIN
    }
}

const fn b(min_lat: f64, max_lat: f64, min_lon: f64, max_lon: f64) -> BoundingBox {
    BoundingBox {
        min_lat,
        max_lat,
        min_lon,
        max_lon,
    }
}

/// The table, sorted by alpha-3 code (checked by a test) for binary search.
static COUNTRIES: &[(&str, &[BoundingBox])] = &[
    ("ALB", &[b(39.64, 42.66, 19.26, 21.06)]),
    ("AND", &[b(42.43, 42.66, 1.41, 1.79)]),
    ("ARM", &[b(38.84, 41.30, 43.45, 46.63)]),
    ("AUS", &[b(-43.64, -10.68, 113.16, 153.64)]),
    ("AUT", &[b(46.37, 49.02, 9.53, 17.16)]),
    ("AZE", &[b(38.39, 41.91, 44.77, 50.39)]),
    ("BEL", &[b(49.50, 51.51, 2.54, 6.41)]),
    ("BGR", &[b(41.23, 44.22, 22.36, 28.61)]),
    ("BIH", &[b(42.56, 45.28, 15.72, 19.62)]),
    ("BLR", &[b(51.26, 56.17, 23.18, 32.78)]),
    // Mainland, Vancouver Island and the Arctic archipelago.
    ("CAN", &[b(41.68, 83.11, -141.00, -52.62)]),
    ("CHE", &[b(45.82, 47.81, 5.96, 10.49)]),
    ("CYP", &[b(34.57, 35.70, 32.27, 34.60)]),
    ("CZE", &[b(48.55, 51.06, 12.09, 18.86)]),
    ("DEU", &[b(47.27, 55.06, 5.87, 15.04)]),
    // Jutland, the islands and Bornholm.
    ("DNK", &[b(54.56, 57.75, 8.07, 15.20)]),
    // Mainland with the Balearics, Ceuta and Melilla; the Canary Islands.
    (
        "ESP",
        &[
            b(35.27, 43.79, -9.30, 4.33),
            b(27.64, 29.42, -18.16, -13.42),
        ],
    ),
    ("EST", &[b(57.52, 59.68, 21.76, 28.21)]),
    // Mainland with Åland.
    ("FIN", &[b(59.81, 70.09, 19.08, 31.59)]),
    // Metropolitan France with Corsica; the overseas departments, which feeds often file under FRA.
    (
        "FRA",
        &[
            b(41.33, 51.09, -5.14, 9.56),
            b(-21.39, -20.87, 55.22, 55.84),
            b(15.83, 16.51, -61.81, -61.00),
            b(14.39, 14.88, -61.23, -60.81),
            b(2.11, 5.75, -54.60, -51.61),
            b(-13.00, -12.64, 45.02, 45.30),
        ],
    ),
    // Great Britain with Northern Ireland, Scilly, Orkney and Shetland.
    ("GBR", &[b(49.86, 60.86, -8.65, 1.77)]),
    ("GEO", &[b(41.05, 43.59, 40.01, 46.74)]),
    ("GRC", &[b(34.80, 41.75, 19.37, 29.65)]),
    ("HRV", &[b(42.39, 46.55, 13.49, 19.45)]),
    ("HUN", &[b(45.74, 48.59, 16.11, 22.90)]),
    ("IRL", &[b(51.42, 55.39, -10.48, -5.99)]),
    ("ISL", &[b(63.30, 66.57, -24.55, -13.49)]),
    // Mainland with Sicily, Sardinia and Lampedusa.
    ("ITA", &[b(35.49, 47.09, 6.63, 18.52)]),
    ("LIE", &[b(47.05, 47.27, 9.47, 9.64)]),
    ("LTU", &[b(53.90, 56.45, 20.93, 26.84)]),
    ("LUX", &[b(49.45, 50.18, 5.73, 6.53)]),
    ("LVA", &[b(55.67, 58.09, 20.97, 28.24)]),
    ("MCO", &[b(43.72, 43.75, 7.41, 7.44)]),
    ("MDA", &[b(45.47, 48.49, 26.62, 30.14)]),
    ("MKD", &[b(40.85, 42.37, 20.45, 23.04)]),
    ("MLT", &[b(35.80, 36.08, 14.18, 14.58)]),
    ("MNE", &[b(41.85, 43.56, 18.43, 20.36)]),
    ("NLD", &[b(50.75, 53.56, 3.36, 7.23)]),
    // Mainland without Svalbard (SJM).
    ("NOR", &[b(57.96, 71.19, 4.65, 31.17)]),
    ("NZL", &[b(-47.29, -34.39, 166.43, 178.57)]),
    ("POL", &[b(49.00, 54.84, 14.12, 24.15)]),
    // Mainland; Madeira; the Azores.
    (
        "PRT",
        &[
            b(36.96, 42.15, -9.50, -6.19),
            b(32.40, 33.13, -17.27, -16.27),
            b(36.93, 39.73, -31.27, -25.01),
        ],
    ),
    ("ROU", &[b(43.62, 48.27, 20.26, 29.76)]),
    // West of the antimeridian (with Kaliningrad); Chukotka east of it.
    (
        "RUS",
        &[
            b(41.18, 81.86, 19.64, 180.00),
            b(64.00, 71.60, -180.00, -168.90),
        ],
    ),
    ("SMR", &[b(43.89, 43.99, 12.40, 12.52)]),
    // With Kosovo, which has no ISO code of its own.
    ("SRB", &[b(41.85, 46.19, 18.82, 23.01)]),
    ("SVK", &[b(47.73, 49.61, 16.83, 22.57)]),
    ("SVN", &[b(45.42, 46.88, 13.38, 16.61)]),
    ("SWE", &[b(55.34, 69.06, 10.96, 24.17)]),
    ("TUR", &[b(35.82, 42.11, 25.66, 44.82)]),
    ("UKR", &[b(44.39, 52.38, 22.14, 40.23)]),
    // The contiguous states; Alaska (east of the antimeridian); Hawaii.
    (
        "USA",
        &[
            b(24.40, 49.38, -124.85, -66.88),
            b(51.20, 71.44, -179.15, -129.97),
            b(18.91, 22.24, -160.25, -154.80),
        ],
    ),
    ("VAT", &[b(41.90, 41.91, 12.44, 12.46)]),
];

/// The boxes of a country (ISO 3166-1 alpha-3, upper case), if the table has it.
pub fn boxes(alpha3: &str) -> Option<&'static [BoundingBox]> {
    COUNTRIES
        .binary_search_by(|(code, _)| (*code).cmp(alpha3))
        .ok()
        .map(|i| COUNTRIES[i].1)
}

/// Whether the point lies inside any box of the country; `None` when the country is not in the
/// table.
pub fn inside(alpha3: &str, lat: f64, lon: f64) -> Option<bool> {
    boxes(alpha3).map(|bs| bs.iter().any(|b| b.contains(lat, lon)))
}

/// Great-circle distance in metres (haversine, mean Earth radius).
pub fn distance_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    const R: f64 = 6_371_008.8;
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let dlat = lat2 - lat1;
    let dlon = lon2 - lon1;
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlon / 2.0).sin().powi(2);
    2.0 * R * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_sane() {
        for pair in COUNTRIES.windows(2) {
            assert!(pair[0].0 < pair[1].0, "{} before {}", pair[0].0, pair[1].0);
        }
        for (code, bs) in COUNTRIES {
            assert_eq!(code.len(), 3);
            assert!(crate::spec::codes::is_country_alpha3(code), "{code}");
            for b in *bs {
                assert!(b.min_lat < b.max_lat && b.min_lon < b.max_lon, "{code}");
                assert!(
                    (-90.0..=90.0).contains(&b.min_lat) && (-90.0..=90.0).contains(&b.max_lat),
                    "{code}"
                );
                assert!(
                    (-180.0..=180.0).contains(&b.min_lon) && (-180.0..=180.0).contains(&b.max_lon),
                    "{code}"
                );
            }
        }
    }

    #[test]
    fn capitals_are_inside() {
        let capitals = [
            ("BEL", 50.8503, 4.3517),
            ("NLD", 52.3676, 4.9041),
            ("DEU", 52.5200, 13.4050),
            ("FRA", 48.8566, 2.3522),
            ("GBR", 51.5074, -0.1278),
            ("NOR", 59.9139, 10.7522),
            ("CHE", 46.9480, 7.4474),
            ("ISL", 64.1466, -21.9426),
            ("TUR", 39.9334, 32.8597),
            ("ESP", 28.1235, -15.4363),
            ("PRT", 38.7223, -9.1393),
            ("USA", 21.3069, -157.8583),
            ("USA", 61.2181, -149.9003),
            ("CAN", 45.4215, -75.6972),
            ("AUS", -42.8821, 147.3272),
            ("NZL", -41.2865, 174.7762),
        ];
        for (c, lat, lon) in capitals {
            assert_eq!(inside(c, lat, lon), Some(true), "{c} {lat} {lon}");
        }
        assert_eq!(inside("BEL", 3.73, 51.05), Some(false));
        assert_eq!(inside("XYZ", 0.0, 0.0), None);
    }

    #[test]
    fn haversine() {
        // Brussels to Amsterdam: about 173 km.
        let d = distance_m((50.8503, 4.3517), (52.3676, 4.9041));
        assert!((172_000.0..175_000.0).contains(&d), "{d}");
        assert_eq!(distance_m((51.0, 3.0), (51.0, 3.0)), 0.0);
    }
}
