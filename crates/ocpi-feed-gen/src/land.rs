//! A land mask read from GeoJSON polygons, so that demo locations jittered around a coastal city
//! stay on land.
//!
//! The demo is drawn on the map over Natural Earth land outlines (npm `world-atlas`); reading the
//! same outlines here keeps every generated point on the land the map shows. Point-in-polygon is
//! a plain even-odd ray test over the rings in one grid cell (a few lines, no geometry crate
//! needed for a yes/no question on a few thousand points).

use serde_json::Value;

/// Grid cell size in degrees for the ring index.
const CELL: f64 = 1.0;
const COLS: usize = 360;
const ROWS: usize = 180;

/// Land polygons with a coarse grid index.
pub struct Land {
    /// Rings as `(lon, lat)` vertex lists; the even-odd rule over all rings of the mask handles
    /// holes, since land polygons do not overlap.
    rings: Vec<Vec<(f64, f64)>>,
    /// Per grid cell (row-major, from -180/-90): indices of rings whose bounding box touches it.
    cells: Vec<Vec<u32>>,
}

/// Why a GeoJSON document could not be used as a land mask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LandError(pub String);

impl std::fmt::Display for LandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LandError {}

impl Land {
    /// Reads a GeoJSON FeatureCollection, Feature or geometry of Polygons / MultiPolygons.
    pub fn from_geojson(text: &str) -> Result<Land, LandError> {
        let value: Value = serde_json::from_str(text)
            .map_err(|e| LandError(format!("the land file is not JSON: {e}")))?;
        let mut rings = Vec::new();
        collect(&value, &mut rings);
        if rings.is_empty() {
            return Err(LandError(
                "the land file has no Polygon or MultiPolygon geometry".into(),
            ));
        }
        let mut cells = vec![Vec::new(); COLS * ROWS];
        for (i, ring) in rings.iter().enumerate() {
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for &(x, y) in ring {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
            let (c0, r0) = cell_of(x0, y0);
            let (c1, r1) = cell_of(x1, y1);
            for r in r0..=r1 {
                for c in c0..=c1 {
                    cells[r * COLS + c].push(i as u32);
                }
            }
        }
        Ok(Land { rings, cells })
    }

    /// Whether the point lies on land.
    pub fn contains(&self, lat: f64, lon: f64) -> bool {
        if !lat.is_finite() || !lon.is_finite() {
            return false;
        }
        let (c, r) = cell_of(lon, lat);
        let mut inside = false;
        for &i in &self.cells[r * COLS + c] {
            if ring_contains(&self.rings[i as usize], lon, lat) {
                inside = !inside;
            }
        }
        inside
    }
}

fn cell_of(lon: f64, lat: f64) -> (usize, usize) {
    let c = ((lon + 180.0) / CELL).floor().clamp(0.0, (COLS - 1) as f64) as usize;
    let r = ((lat + 90.0) / CELL).floor().clamp(0.0, (ROWS - 1) as f64) as usize;
    (c, r)
}

fn ring_contains(ring: &[(f64, f64)], x: f64, y: f64) -> bool {
    let mut inside = false;
    let n = ring.len();
    if n < 3 {
        return false;
    }
    let mut j = n - 1;
    for i in 0..n {
        let (xi, yi) = ring[i];
        let (xj, yj) = ring[j];
        if (yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi {
            inside = !inside;
        }
        j = i;
    }
    inside
}

fn collect(v: &Value, rings: &mut Vec<Vec<(f64, f64)>>) {
    match v.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => {
            for f in v
                .get("features")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                collect(f, rings);
            }
        }
        Some("Feature") => {
            if let Some(g) = v.get("geometry") {
                collect(g, rings);
            }
        }
        Some("GeometryCollection") => {
            for g in v
                .get("geometries")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                collect(g, rings);
            }
        }
        Some("Polygon") => {
            if let Some(c) = v.get("coordinates") {
                polygon(c, rings);
            }
        }
        Some("MultiPolygon") => {
            for p in v
                .get("coordinates")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                polygon(p, rings);
            }
        }
        _ => {}
    }
}

fn polygon(coords: &Value, rings: &mut Vec<Vec<(f64, f64)>>) {
    for ring in coords.as_array().into_iter().flatten() {
        let points: Vec<(f64, f64)> = ring
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|p| {
                let p = p.as_array()?;
                Some((p.first()?.as_f64()?, p.get(1)?.as_f64()?))
            })
            .collect();
        if points.len() >= 3 {
            rings.push(points);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SQUARE_WITH_HOLE: &str = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[
            [[0,0],[10,0],[10,10],[0,10],[0,0]],
            [[4,4],[6,4],[6,6],[4,6],[4,4]]]}},
        {"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[
            [[[20,20],[21,20],[21,21],[20,21],[20,20]]]]}}]}"#;

    #[test]
    fn inside_outside_and_holes() {
        let land = Land::from_geojson(SQUARE_WITH_HOLE).expect("valid mask");
        assert!(land.contains(2.0, 2.0));
        assert!(land.contains(9.5, 0.5));
        assert!(!land.contains(5.0, 5.0), "inside the hole");
        assert!(!land.contains(11.0, 5.0));
        assert!(land.contains(20.5, 20.5));
        assert!(!land.contains(-5.0, -5.0));
        assert!(!land.contains(f64::NAN, 1.0));
    }

    #[test]
    fn rejects_documents_without_polygons() {
        assert!(Land::from_geojson("{").is_err());
        assert!(Land::from_geojson(r#"{"type":"Point","coordinates":[1,2]}"#).is_err());
    }
}
