//! Throughput of validate and validate+normalize on a generated 20,000-location feed and its
//! tariffs, against `serde_json::from_slice::<serde_json::Value>` of the same bytes in the same
//! run, and the peak memory of validate and validate+normalize relative to the input size.
//!
//! `npm run bench` runs this and prints the ratios (`scripts/bench-report.mjs`).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ocpi_feed_gen::{FeedOptions, GenVersion, generate_json};
use ocpi_open_data::json::{ParseOptions, parse};
use ocpi_open_data::model::read_feed;
use ocpi_open_data::validate::{Options, validate_files_streaming};
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Counts live and peak heap bytes, to measure the memory cost of validation.
struct CountingAllocator;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(now, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size > layout.size() {
                let now = LIVE.fetch_add(new_size - layout.size(), Ordering::Relaxed) + new_size
                    - layout.size();
                PEAK.fetch_max(now, Ordering::Relaxed);
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Locations and their tariffs, as an operator publishes them.
fn feeds() -> Vec<(&'static str, Vec<u8>, Vec<u8>)> {
    let deviating = FeedOptions {
        locations: 20_000,
        seed: 7,
        version: GenVersion::V221,
        deviation_rate: 0.05,
    };
    let clean = FeedOptions {
        locations: 20_000,
        seed: 7,
        version: GenVersion::V230,
        deviation_rate: 0.0,
    };
    [("2.2.1-5pct-deviations", deviating), ("2.3.0-clean", clean)]
        .into_iter()
        .map(|(name, options)| {
            let json = generate_json(&options);
            (
                name,
                json.locations_envelope.into_bytes(),
                json.tariffs_envelope.into_bytes(),
            )
        })
        .collect()
}

/// Peak heap bytes above what was live before `f` ran.
fn peak_during<T>(f: impl FnOnce() -> T) -> usize {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let out = f();
    let peak = PEAK.load(Ordering::Relaxed);
    drop(out);
    peak - before
}

fn bench(c: &mut Criterion) {
    for (name, locations, tariffs) in feeds() {
        let files = [
            ("locations.json", locations.as_slice()),
            ("tariffs.json", tariffs.as_slice()),
        ];
        let input = (locations.len() + tariffs.len()) as f64;
        let validate =
            || validate_files_streaming(&files, |_| Options::default(), &mut |_, _, _, _| {});
        let normalize = || read_feed(&files, |_| Options::default());
        let baseline = || {
            (
                serde_json::from_slice::<serde_json::Value>(&locations).unwrap(),
                serde_json::from_slice::<serde_json::Value>(&tariffs).unwrap(),
            )
        };
        let (reports, feed) = normalize();
        let validate_memory = peak_during(validate);
        let normalize_memory = peak_during(normalize);
        let serde_memory = peak_during(baseline);
        println!(
            "feed {name}: {} bytes, {} locations, {} tariffs, {} diagnostics ({} errors); peak memory: validate {:.2}x input, validate+normalize {:.2}x, serde_json::Value {:.2}x",
            input,
            feed.locations.len(),
            feed.tariffs.len(),
            reports.iter().map(|r| r.diagnostics.len()).sum::<usize>(),
            reports.iter().map(|r| r.summary().errors).sum::<usize>(),
            validate_memory as f64 / input,
            normalize_memory as f64 / input,
            serde_memory as f64 / input,
        );
        drop((reports, feed));
        let mut group = c.benchmark_group(format!("feed/{name}"));
        group.throughput(Throughput::Bytes(input as u64));
        group.sample_size(10);
        group.bench_function(BenchmarkId::new("baseline", "serde_json_value"), |b| {
            b.iter(baseline)
        });
        group.bench_function(BenchmarkId::new("stage", "json_tree"), |b| {
            b.iter(|| {
                (
                    parse(black_box(&locations), ParseOptions::default()),
                    parse(black_box(&tariffs), ParseOptions::default()),
                )
            })
        });
        group.bench_function(BenchmarkId::new("stage", "validate"), |b| b.iter(validate));
        group.bench_function(BenchmarkId::new("stage", "validate_normalize"), |b| {
            b.iter(normalize)
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
