//! Throughput of validate and validate+normalize on a generated 20,000-location feed, against
//! `serde_json::from_slice::<serde_json::Value>` of the same bytes in the same run, and the peak
//! memory of validate+normalize relative to the input size.
//!
//! `npm run bench` runs this and prints the ratios (`scripts/bench-report.mjs`).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ocpi_feed_gen::{FeedOptions, GenVersion, generate_json};
use ocpi_open_data::json::{ParseOptions, parse};
use ocpi_open_data::model::build_feed;
use ocpi_open_data::validate::{Options, validate_document};
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

fn feeds() -> Vec<(&'static str, Vec<u8>)> {
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
    vec![
        (
            "2.2.1-5pct-deviations",
            generate_json(&deviating).locations_envelope.into_bytes(),
        ),
        (
            "2.3.0-clean",
            generate_json(&clean).locations_envelope.into_bytes(),
        ),
    ]
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
    for (name, bytes) in feeds() {
        let options = Options::default();
        let report = validate_document(name, &bytes, &options);
        let errors = report.summary().errors;
        let memory = peak_during(|| {
            let r = validate_document(name, &bytes, &options);
            let feed = build_feed(std::slice::from_ref(&r));
            (r, feed)
        });
        let serde_memory =
            peak_during(|| serde_json::from_slice::<serde_json::Value>(&bytes).unwrap());
        println!(
            "feed {name}: {} bytes, {} locations, {} diagnostics ({errors} errors); peak memory validate+normalize {:.2}x input, serde_json::Value {:.2}x input",
            bytes.len(),
            report.items,
            report.diagnostics.len(),
            memory as f64 / bytes.len() as f64,
            serde_memory as f64 / bytes.len() as f64,
        );
        let mut group = c.benchmark_group(format!("feed/{name}"));
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.sample_size(10);
        group.bench_function(BenchmarkId::new("baseline", "serde_json_value"), |b| {
            b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&bytes)).unwrap())
        });
        group.bench_function(BenchmarkId::new("stage", "json_tree"), |b| {
            b.iter(|| parse(black_box(&bytes), ParseOptions::default()))
        });
        group.bench_function(BenchmarkId::new("stage", "validate"), |b| {
            b.iter(|| validate_document(name, black_box(&bytes), &options))
        });
        group.bench_function(BenchmarkId::new("stage", "validate_normalize"), |b| {
            b.iter(|| {
                let r = validate_document(name, black_box(&bytes), &options);
                build_feed(std::slice::from_ref(&r))
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
