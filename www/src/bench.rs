//! The clustering as the benchmark page (`scripts/bench-map/`) calls it, side by side with JS
//! `supercluster` on the same points: build the index from `[lon, lat, bits, …]`, then answer
//! viewport queries with the same marker records the map draws.

use ocpi_open_data::cluster::{BBox, ClusterIndex, ClusterPoint};
use wasm_bindgen::prelude::*;

/// A cluster index over flat `[lon, lat, bits]` triples.
#[wasm_bindgen]
pub struct BenchIndex(ClusterIndex);

#[wasm_bindgen]
impl BenchIndex {
    #[wasm_bindgen(constructor)]
    pub fn new(flat: &[f64]) -> BenchIndex {
        let points: Vec<ClusterPoint> = flat
            .chunks_exact(3)
            .enumerate()
            .map(|(i, p)| ClusterPoint {
                id: i as u32,
                lon: p[0],
                lat: p[1],
                bits: p[2] as u32,
            })
            .collect();
        BenchIndex(ClusterIndex::new(&points, crate::state::cluster_options()))
    }

    /// Markers of the viewport as the JSON the map's `drawItems` takes.
    pub fn markers(&self, west: f64, south: f64, east: f64, north: f64, zoom: f64) -> String {
        let items = self.0.clusters(
            BBox {
                west,
                south,
                east,
                north,
            },
            zoom,
        );
        let mut out = String::with_capacity(items.len() * 120 + 2);
        out.push('[');
        for (n, c) in items.iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            let (key, main, cls) = match c.point {
                Some(id) => (format!("l{id}"), "✓".to_string(), "mk-loc av-available"),
                None => (
                    format!("c{n}"),
                    c.count.to_string(),
                    "mk-cluster sz-m has-free",
                ),
            };
            out.push_str(&format!(
                r#"{{"key":"{key}","lat":{},"lon":{},"main":"{main}","sub":"{} free","title":"{} locations","cls":"{cls}","size":40}}"#,
                c.lat, c.lon, c.tally, c.count
            ));
        }
        out.push(']');
        out
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
