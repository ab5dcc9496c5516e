//! The spatial index behind the map: per-zoom clusters of points on KD-trees
//! ([`ClusterIndex`]), and the compact marker record of a location ([`MarkerRecord`]) whose bits
//! the clusters aggregate.
//!
//! ```
//! use ocpi_open_data::cluster::{BBox, ClusterIndex, ClusterOptions, ClusterPoint};
//!
//! let points: Vec<ClusterPoint> = (0..1000)
//!     .map(|i| ClusterPoint { id: i, lon: 4.0 + f64::from(i % 40) * 0.01, lat: 52.0 + f64::from(i / 40) * 0.01, bits: 0 })
//!     .collect();
//! let index = ClusterIndex::new(&points, ClusterOptions::default());
//! let view = BBox { west: 3.0, south: 51.0, east: 6.0, north: 53.0 };
//! let items = index.clusters(view, 8.0);
//! assert_eq!(items.iter().map(|c| c.count).sum::<u32>(), 1000);
//! let big = items.iter().max_by_key(|c| c.count).unwrap();
//! assert!(big.expansion_zoom.unwrap() > 8); // click: zoom to big.extent, at least this zoom
//! ```

mod index;
pub mod marker;

pub use index::{
    BBox, ClusterIndex, ClusterItem, ClusterOptions, ClusterPoint, Extent, lat_of, lon_of,
    mercator_x, mercator_y,
};
pub use marker::{Availability, MarkerRecord, Plug, PowerClass};
