//! Hierarchical greedy clustering of points per zoom level, on KD-trees.
//!
//! The algorithm is the one of Mapbox's `supercluster`: points are projected to Web Mercator in
//! `[0, 1]²`; going from the deepest zoom up, every node of the level below that is not yet taken
//! gathers its untaken neighbours within `radius` pixels (at that zoom) into one cluster at their
//! weighted centre. Each level is indexed by a static KD-tree (`geo-index`, the Rust port of
//! `kdbush`), so a viewport query is a range search.
//!
//! It is written here rather than taken from the `supercluster` crate because that crate's 3.x
//! line takes a GeoJSON `Feature` (a JSON map) per point and answers with new `Feature`s, about
//! ten times the memory of a compact record at 100,000 points, keeps no extent or aggregate of
//! the members, and its 4.x line needs rustc 1.96. Here each node keeps what the map needs to
//! draw and zoom without a second query: member count, the OR of the members' property bits, a
//! tally of members with chosen bits, the members' bounding box, and the zoom at which it splits.

use geo_index::kdtree::{KDTree, KDTreeBuilder, KDTreeIndex};

/// One input point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClusterPoint {
    /// The caller's id (e.g. the index of the location), handed back for single points.
    pub id: u32,
    pub lon: f64,
    pub lat: f64,
    /// Property bits; clusters carry the OR of their members' bits.
    pub bits: u32,
}

/// How to cluster.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClusterOptions {
    /// Cluster radius in screen pixels.
    pub radius_px: f64,
    /// Size of a map tile in pixels (256 for Leaflet and OSM tiles).
    pub tile_size: f64,
    /// Lowest zoom with clusters.
    pub min_zoom: u8,
    /// Highest zoom with clusters; above it every point is shown on its own.
    pub max_zoom: u8,
    /// Members whose bits intersect this mask are counted in [`ClusterItem::tally`]
    /// (e.g. "available now").
    pub tally_mask: u32,
}

impl Default for ClusterOptions {
    fn default() -> Self {
        ClusterOptions {
            radius_px: 50.0,
            tile_size: 256.0,
            min_zoom: 0,
            max_zoom: 16,
            tally_mask: 0,
        }
    }
}

/// A bounding box in degrees, rounded outwards to `f32` so it always contains its members.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Extent {
    pub west: f32,
    pub south: f32,
    pub east: f32,
    pub north: f32,
}

impl Extent {
    fn of_point(lon: f64, lat: f64) -> Extent {
        Extent {
            west: down(lon),
            south: down(lat),
            east: up(lon),
            north: up(lat),
        }
    }

    fn merge(&mut self, o: &Extent) {
        self.west = self.west.min(o.west);
        self.south = self.south.min(o.south);
        self.east = self.east.max(o.east);
        self.north = self.north.max(o.north);
    }

    /// Whether the point lies inside (borders included).
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        f64::from(self.west) <= lon
            && lon <= f64::from(self.east)
            && f64::from(self.south) <= lat
            && lat <= f64::from(self.north)
    }
}

/// `x` as f32, rounded towards −∞.
fn down(x: f64) -> f32 {
    let f = x as f32;
    if f64::from(f) > x { f.next_down() } else { f }
}

/// `x` as f32, rounded towards +∞.
fn up(x: f64) -> f32 {
    let f = x as f32;
    if f64::from(f) < x { f.next_up() } else { f }
}

/// A viewport in degrees. `west > east` means the box crosses the antimeridian.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl BBox {
    /// The whole world.
    pub const WORLD: BBox = BBox {
        west: -180.0,
        south: -90.0,
        east: 180.0,
        north: 90.0,
    };
}

/// What to draw: a single point or a cluster.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClusterItem {
    /// The point's own position, or the weighted centre of a cluster.
    pub lon: f64,
    pub lat: f64,
    /// Number of points (1 for a single point).
    pub count: u32,
    /// OR of the members' bits.
    pub bits: u32,
    /// Members whose bits intersect the tally mask.
    pub tally: u32,
    /// The caller's id of a single point; `None` for clusters.
    pub point: Option<u32>,
    /// Bounding box of the members.
    pub extent: Extent,
    /// The lowest zoom at which this cluster shows as more than one item (at most
    /// `max_zoom + 1`, where every point stands alone); `None` for single points.
    pub expansion_zoom: Option<u8>,
}

/// One level of the hierarchy: a node per cluster or point, in insertion order.
struct Level {
    x: Vec<f32>,
    y: Vec<f32>,
    count: Vec<u32>,
    bits: Vec<u32>,
    tally: Vec<u32>,
    extent: Vec<Extent>,
    /// For a node of one point: the index of that point in `ClusterIndex::points`.
    first_point: Vec<u32>,
    /// Zoom at which the node splits (`u8::MAX` = never).
    expansion: Vec<u8>,
    tree: Option<KDTree<f32>>,
}

impl Level {
    fn with_capacity(n: usize) -> Level {
        Level {
            x: Vec::with_capacity(n),
            y: Vec::with_capacity(n),
            count: Vec::with_capacity(n),
            bits: Vec::with_capacity(n),
            tally: Vec::with_capacity(n),
            extent: Vec::with_capacity(n),
            first_point: Vec::with_capacity(n),
            expansion: Vec::with_capacity(n),
            tree: None,
        }
    }

    fn len(&self) -> usize {
        self.x.len()
    }

    fn index(&mut self) {
        let n = self.len();
        if n == 0 {
            return;
        }
        let mut b = KDTreeBuilder::<f32>::new(n as u32);
        for i in 0..n {
            b.add(self.x[i], self.y[i]);
        }
        self.tree = Some(b.finish());
    }

    fn copy_from(&mut self, other: &Level, i: usize) {
        self.x.push(other.x[i]);
        self.y.push(other.y[i]);
        self.count.push(other.count[i]);
        self.bits.push(other.bits[i]);
        self.tally.push(other.tally[i]);
        self.extent.push(other.extent[i]);
        self.first_point.push(other.first_point[i]);
        self.expansion.push(other.expansion[i]);
    }
}

/// The clustered points for every zoom. Build once with [`ClusterIndex::new`]; rebuild to
/// change the set of points (e.g. after a filter).
pub struct ClusterIndex {
    options: ClusterOptions,
    points: Vec<ClusterPoint>,
    /// `levels[z - min_zoom]` for `z` in `min_zoom..=max_zoom + 1`; the last level holds the
    /// points themselves.
    levels: Vec<Level>,
    #[cfg(test)]
    parents: Vec<Vec<u32>>,
}

/// Web Mercator x in `[0, 1]`.
pub fn mercator_x(lon: f64) -> f64 {
    (lon / 360.0 + 0.5).clamp(0.0, 1.0)
}

/// Web Mercator y in `[0, 1]`, 0 at the north.
pub fn mercator_y(lat: f64) -> f64 {
    let s = lat.to_radians().sin();
    let y = 0.5 - 0.25 * ((1.0 + s) / (1.0 - s)).ln() / std::f64::consts::PI;
    if y.is_nan() { 0.5 } else { y.clamp(0.0, 1.0) }
}

impl ClusterIndex {
    /// Clusters `points` for every zoom from `options.min_zoom` to `options.max_zoom`.
    /// Points with non-finite or out-of-range coordinates are left out (see [`Self::len`]).
    pub fn new(points: &[ClusterPoint], options: ClusterOptions) -> ClusterIndex {
        let options = ClusterOptions {
            max_zoom: options.max_zoom.clamp(options.min_zoom, 30),
            ..options
        };
        let points: Vec<ClusterPoint> = points
            .iter()
            .copied()
            .filter(|p| {
                p.lon.is_finite()
                    && p.lat.is_finite()
                    && (-180.0..=180.0).contains(&p.lon)
                    && (-90.0..=90.0).contains(&p.lat)
            })
            .collect();
        let mut raw = Level::with_capacity(points.len());
        for (i, p) in points.iter().enumerate() {
            raw.x.push(mercator_x(p.lon) as f32);
            raw.y.push(mercator_y(p.lat) as f32);
            raw.count.push(1);
            raw.bits.push(p.bits);
            raw.tally.push(u32::from(p.bits & options.tally_mask != 0));
            raw.extent.push(Extent::of_point(p.lon, p.lat));
            raw.first_point.push(i as u32);
            raw.expansion.push(u8::MAX);
        }
        raw.index();

        let depth = usize::from(options.max_zoom - options.min_zoom) + 2;
        let mut levels: Vec<Level> = Vec::with_capacity(depth);
        levels.push(raw);
        #[cfg(test)]
        let mut parents = Vec::new();
        for z in (options.min_zoom..=options.max_zoom).rev() {
            let below = levels.last().expect("the raw level is there");
            let (level, _parent) = cluster_level(below, z, &options);
            #[cfg(test)]
            parents.push(_parent);
            levels.push(level);
        }
        levels.reverse();
        #[cfg(test)]
        parents.reverse();
        ClusterIndex {
            options,
            points,
            levels,
            #[cfg(test)]
            parents,
        }
    }

    /// Number of points indexed.
    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    pub fn options(&self) -> &ClusterOptions {
        &self.options
    }

    fn level(&self, zoom: f64) -> &Level {
        let z = if zoom.is_finite() { zoom.floor() } else { 0.0 };
        let lo = f64::from(self.options.min_zoom);
        let hi = f64::from(self.options.max_zoom) + 1.0;
        let i = (z.clamp(lo, hi) - lo) as usize;
        &self.levels[i]
    }

    /// The clusters and single points to draw in `bbox` at `zoom` (fractional zooms round
    /// down), in a stable order.
    pub fn clusters(&self, bbox: BBox, zoom: f64) -> Vec<ClusterItem> {
        let level = self.level(zoom);
        let mut out: Vec<ClusterItem> = self
            .node_ids_in(level, bbox)
            .into_iter()
            .map(|i| self.item(level, i as usize))
            .collect();
        out.shrink_to_fit();
        out
    }

    /// The ids of the points in `bbox` (whatever the zoom), in a stable order.
    pub fn points_in(&self, bbox: BBox) -> Vec<u32> {
        let raw = self.levels.last().expect("the raw level is there");
        self.node_ids_in(raw, bbox)
            .into_iter()
            .map(|i| self.points[i as usize].id)
            .collect()
    }

    fn node_ids_in(&self, level: &Level, bbox: BBox) -> Vec<u32> {
        let Some(tree) = &level.tree else {
            return Vec::new();
        };
        if !(bbox.west.is_finite()
            && bbox.east.is_finite()
            && bbox.south.is_finite()
            && bbox.north.is_finite())
        {
            return Vec::new();
        }
        let (south, north) = (bbox.south.max(-90.0), bbox.north.min(90.0));
        if south > north {
            return Vec::new();
        }
        let (y0, y1) = (mercator_y(north), mercator_y(south));
        let mut ids = if bbox.east - bbox.west >= 360.0 {
            range(tree, 0.0, y0, 1.0, y1)
        } else {
            let west = ((bbox.west + 180.0).rem_euclid(360.0)) - 180.0;
            let east = ((bbox.east + 180.0).rem_euclid(360.0)) - 180.0;
            if west <= east {
                range(tree, mercator_x(west), y0, mercator_x(east), y1)
            } else {
                let mut a = range(tree, mercator_x(west), y0, 1.0, y1);
                a.extend(range(tree, 0.0, y0, mercator_x(east), y1));
                a
            }
        };
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    fn item(&self, level: &Level, i: usize) -> ClusterItem {
        let count = level.count[i];
        if count == 1 {
            let p = &self.points[level.first_point[i] as usize];
            return ClusterItem {
                lon: p.lon,
                lat: p.lat,
                count,
                bits: level.bits[i],
                tally: level.tally[i],
                point: Some(p.id),
                extent: level.extent[i],
                expansion_zoom: None,
            };
        }
        ClusterItem {
            lon: lon_of(f64::from(level.x[i])),
            lat: lat_of(f64::from(level.y[i])),
            count,
            bits: level.bits[i],
            tally: level.tally[i],
            point: None,
            extent: level.extent[i],
            expansion_zoom: (level.expansion[i] != u8::MAX).then_some(level.expansion[i]),
        }
    }
}

fn range(tree: &KDTree<f32>, x0: f64, y0: f64, x1: f64, y1: f64) -> Vec<u32> {
    // Round the box outwards so f32 node coordinates on its border are found.
    tree.range(down(x0), down(y0), up(x1), up(y1))
}

/// Longitude of a Web Mercator x.
pub fn lon_of(x: f64) -> f64 {
    (x - 0.5) * 360.0
}

/// Latitude of a Web Mercator y.
pub fn lat_of(y: f64) -> f64 {
    let y2 = (180.0 - y * 360.0).to_radians();
    (360.0 * y2.exp().atan() / std::f64::consts::PI) - 90.0
}

/// Builds the level of zoom `z` from the level below it; returns it and, for each node below,
/// the index of its parent.
fn cluster_level(below: &Level, z: u8, o: &ClusterOptions) -> (Level, Vec<u32>) {
    let n = below.len();
    let r = (o.radius_px / (o.tile_size * 2f64.powi(i32::from(z)))) as f32;
    let mut taken = vec![false; n];
    let mut parent = vec![u32::MAX; n];
    let mut level = Level::with_capacity(n / 2);
    let Some(tree) = &below.tree else {
        return (level, parent);
    };
    for i in 0..n {
        if taken[i] {
            continue;
        }
        taken[i] = true;
        let me = level.len() as u32;
        parent[i] = me;
        let neighbours: Vec<u32> = tree
            .within(below.x[i], below.y[i], r)
            .into_iter()
            .filter(|&j| !taken[j as usize])
            .collect();
        if neighbours.is_empty() {
            level.copy_from(below, i);
            continue;
        }
        let c = f64::from(below.count[i]);
        let (mut wx, mut wy, mut count) = (
            f64::from(below.x[i]) * c,
            f64::from(below.y[i]) * c,
            below.count[i],
        );
        let (mut bits, mut tally, mut extent) = (below.bits[i], below.tally[i], below.extent[i]);
        for &j in &neighbours {
            let j = j as usize;
            taken[j] = true;
            parent[j] = me;
            let c = f64::from(below.count[j]);
            wx += f64::from(below.x[j]) * c;
            wy += f64::from(below.y[j]) * c;
            count = count.saturating_add(below.count[j]);
            bits |= below.bits[j];
            tally = tally.saturating_add(below.tally[j]);
            extent.merge(&below.extent[j]);
        }
        level.x.push((wx / f64::from(count)) as f32);
        level.y.push((wy / f64::from(count)) as f32);
        level.count.push(count);
        level.bits.push(bits);
        level.tally.push(tally);
        level.extent.push(extent);
        level.first_point.push(below.first_point[i]);
        level.expansion.push(z + 1);
    }
    level.index();
    (level, parent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn grid(n: usize) -> Vec<ClusterPoint> {
        (0..n)
            .map(|i| ClusterPoint {
                id: i as u32 * 10,
                lon: -10.0 + (i % 97) as f64 * 0.37,
                lat: 40.0 + (i / 97) as f64 * 0.11,
                bits: 1 << (i % 5),
            })
            .collect()
    }

    impl ClusterIndex {
        /// The node of `level` that raw point `p` belongs to.
        fn node_of(&self, level: usize, p: usize) -> usize {
            let mut node = p;
            for l in (level..self.levels.len() - 1).rev() {
                node = self.parents[l][node] as usize;
            }
            node
        }
    }

    fn check_invariants(index: &ClusterIndex) {
        let n = index.len();
        for (l, level) in index.levels.iter().enumerate() {
            let total: u64 = level.count.iter().map(|&c| u64::from(c)).sum();
            assert_eq!(total, n as u64, "counts add up at level {l}");
            let mut members = vec![0u32; level.len()];
            let mut bits = vec![0u32; level.len()];
            for (p, point) in index.points.iter().enumerate() {
                let node = index.node_of(l, p);
                members[node] += 1;
                bits[node] |= point.bits;
                assert!(
                    level.extent[node].contains(point.lon, point.lat),
                    "extent of node {node} at level {l} contains point {p}"
                );
            }
            assert_eq!(
                members, level.count,
                "each point in exactly one node, level {l}"
            );
            assert_eq!(bits, level.bits);
        }
    }

    #[test]
    fn counts_extents_and_membership_on_a_grid() {
        let points = grid(2000);
        let index = ClusterIndex::new(&points, ClusterOptions::default());
        assert_eq!(index.len(), 2000);
        check_invariants(&index);
        // Zoomed out, far fewer items than points; zoomed in past max_zoom, every point.
        let far = index.clusters(BBox::WORLD, 2.0);
        assert!(far.len() < 50, "{}", far.len());
        assert_eq!(far.iter().map(|c| c.count).sum::<u32>(), 2000);
        let near = index.clusters(BBox::WORLD, 20.0);
        assert_eq!(near.len(), 2000);
        assert!(near.iter().all(|c| c.point.is_some() && c.count == 1));
    }

    #[test]
    fn expansion_zoom_splits_the_cluster() {
        let points = grid(500);
        let index = ClusterIndex::new(&points, ClusterOptions::default());
        for z in 0..=16u8 {
            for c in index.clusters(BBox::WORLD, f64::from(z)) {
                if c.count == 1 {
                    assert_eq!(c.expansion_zoom, None);
                    continue;
                }
                let ez = c.expansion_zoom.expect("distinct points split");
                assert!(ez > z);
                // At the expansion zoom, the cluster's members are in more than one item.
                let b = BBox {
                    west: f64::from(c.extent.west),
                    south: f64::from(c.extent.south),
                    east: f64::from(c.extent.east),
                    north: f64::from(c.extent.north),
                };
                let inside = index.clusters(b, f64::from(ez));
                assert!(
                    inside.len() > 1,
                    "cluster of {} at z{z} splits at {ez}",
                    c.count
                );
                // One zoom before, all members still form one item.
                if ez > z + 1 {
                    let before = index.clusters(b, f64::from(ez - 1));
                    assert!(before.iter().any(|i| i.count == c.count));
                }
            }
        }
    }

    #[test]
    fn identical_points_never_split() {
        let points: Vec<ClusterPoint> = (0..5)
            .map(|i| ClusterPoint {
                id: i,
                lon: 4.9,
                lat: 52.37,
                bits: 0,
            })
            .collect();
        let index = ClusterIndex::new(&points, ClusterOptions::default());
        let items = index.clusters(BBox::WORLD, 10.0);
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].count, 5);
        assert_eq!(items[0].expansion_zoom, Some(17), "only past max_zoom");
        assert_eq!(index.clusters(BBox::WORLD, 16.0).len(), 1);
        assert_eq!(index.clusters(BBox::WORLD, 17.0).len(), 5);
    }

    #[test]
    fn bad_coordinates_are_left_out_and_empty_is_fine() {
        let points = [
            ClusterPoint {
                id: 1,
                lon: f64::NAN,
                lat: 1.0,
                bits: 0,
            },
            ClusterPoint {
                id: 2,
                lon: 200.0,
                lat: 1.0,
                bits: 0,
            },
            ClusterPoint {
                id: 3,
                lon: 1.0,
                lat: 1.0,
                bits: 0,
            },
        ];
        let index = ClusterIndex::new(&points, ClusterOptions::default());
        assert_eq!(index.len(), 1);
        assert_eq!(index.points_in(BBox::WORLD), vec![3]);
        let empty = ClusterIndex::new(&[], ClusterOptions::default());
        assert!(empty.is_empty());
        assert!(empty.clusters(BBox::WORLD, 3.0).is_empty());
        assert!(empty.points_in(BBox::WORLD).is_empty());
    }

    #[test]
    fn tally_counts_members_with_the_mask() {
        let points = grid(300);
        let index = ClusterIndex::new(
            &points,
            ClusterOptions {
                tally_mask: 1,
                ..ClusterOptions::default()
            },
        );
        let expected = points.iter().filter(|p| p.bits & 1 != 0).count() as u32;
        for z in [0.0, 5.0, 9.0, 17.0] {
            let items = index.clusters(BBox::WORLD, z);
            assert_eq!(items.iter().map(|c| c.tally).sum::<u32>(), expected);
        }
    }

    #[test]
    fn antimeridian_boxes() {
        let points = [
            ClusterPoint {
                id: 1,
                lon: 179.5,
                lat: 0.0,
                bits: 0,
            },
            ClusterPoint {
                id: 2,
                lon: -179.5,
                lat: 0.0,
                bits: 0,
            },
            ClusterPoint {
                id: 3,
                lon: 0.0,
                lat: 0.0,
                bits: 0,
            },
        ];
        let index = ClusterIndex::new(&points, ClusterOptions::default());
        let b = BBox {
            west: 179.0,
            south: -1.0,
            east: -179.0,
            north: 1.0,
        };
        assert_eq!(index.points_in(b), vec![1, 2]);
    }

    fn arb_points() -> impl Strategy<Value = Vec<ClusterPoint>> {
        prop::collection::vec((-30.0f64..40.0, 35.0f64..70.0, 0u32..16, 0usize..4), 1..400)
            .prop_map(|v| {
                v.into_iter()
                    .enumerate()
                    .map(|(i, (lon, lat, bits, dup))| ClusterPoint {
                        id: i as u32,
                        // Some points share a place exactly.
                        lon: if dup == 0 { 4.0 } else { lon },
                        lat: if dup == 0 { 50.0 } else { lat },
                        bits,
                    })
                    .collect()
            })
    }

    fn arb_bbox() -> impl Strategy<Value = BBox> {
        (-40.0f64..45.0, 30.0f64..72.0, 0.1f64..40.0, 0.1f64..20.0).prop_map(|(w, s, dw, dh)| {
            BBox {
                west: w,
                south: s,
                east: w + dw,
                north: (s + dh).min(85.0),
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        #[test]
        fn every_point_in_exactly_one_cluster_per_zoom(points in arb_points()) {
            let index = ClusterIndex::new(&points, ClusterOptions { max_zoom: 12, ..ClusterOptions::default() });
            check_invariants(&index);
        }

        #[test]
        fn queries_match_brute_force(points in arb_points(), bbox in arb_bbox(), zoom in 0.0f64..15.0) {
            let index = ClusterIndex::new(&points, ClusterOptions { max_zoom: 12, ..ClusterOptions::default() });
            let mut expected: Vec<u32> = points
                .iter()
                .filter(|p| p.lon >= bbox.west && p.lon <= bbox.east && p.lat >= bbox.south && p.lat <= bbox.north)
                .map(|p| p.id)
                .collect();
            expected.sort_unstable();
            let mut got = index.points_in(bbox);
            got.sort_unstable();
            prop_assert_eq!(got, expected);
            // A world query returns every node of the level, whose counts add up.
            let all = index.clusters(BBox::WORLD, zoom);
            prop_assert_eq!(all.iter().map(|c| u64::from(c.count)).sum::<u64>(), points.len() as u64);
            // A bbox query returns exactly the nodes of the level whose position is inside it.
            let level = index.level(zoom);
            let (x0, x1) = (down(mercator_x(bbox.west)), up(mercator_x(bbox.east)));
            let (y0, y1) = (down(mercator_y(bbox.north)), up(mercator_y(bbox.south)));
            let brute: Vec<u32> = (0..level.len() as u32)
                .filter(|&i| {
                    let (x, y) = (level.x[i as usize], level.y[i as usize]);
                    x >= x0 && x <= x1 && y >= y0 && y <= y1
                })
                .collect();
            prop_assert_eq!(index.node_ids_in(level, bbox), brute);
        }
    }
}
