//! The AFIR and UK views of a generated 20,000-location feed and its tariffs, against
//! `serde_json::from_slice::<serde_json::Value>` of the same bytes in the same run.
//!
//! The evaluation date is the generator's base date (2026-01-15). The feed is read into the
//! model once, outside the timings; each stage then evaluates every
//! location: `afir` and `uk` the views alone, `uk_data_requirement` the OCPI 2.2.1 walk of the
//! locations file that the UK view's data requirement needs, `read_afir_uk` everything from the
//! bytes (read the feed, walk it as 2.2.1, evaluate both views). `npm run bench` prints the
//! ratios (`scripts/bench-report.mjs`).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use jiff::civil::date;
use ocpi_feed_gen::{FeedOptions, GenVersion, generate_json};
use ocpi_open_data::model::read_feed;
use ocpi_open_data::validate::Options;
use ocpi_open_data::views::afir::{self, AfirInputs};
use ocpi_open_data::views::data_requirement::DataRequirement;
use ocpi_open_data::views::uk::{self, UkInputs};
use ocpi_open_data::views::{Places, Status};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let variants = [
        (
            "2.2.1-5pct-deviations",
            FeedOptions {
                locations: 20_000,
                seed: 7,
                version: GenVersion::V221,
                deviation_rate: 0.05,
            },
        ),
        (
            "2.3.0-clean",
            FeedOptions {
                locations: 20_000,
                seed: 7,
                version: GenVersion::V230,
                deviation_rate: 0.0,
            },
        ),
    ];
    let afir_inputs = AfirInputs::as_of(date(2026, 1, 15));
    for (name, options) in variants {
        let json = generate_json(&options);
        let locations = json.locations_envelope.into_bytes();
        let tariffs = json.tariffs_envelope.into_bytes();
        let files = [
            ("locations.json", locations.as_slice()),
            ("tariffs.json", tariffs.as_slice()),
        ];
        let (reports, feed) = read_feed(&files, |_| Options::default());
        let places = Places::from_reports(&reports);
        drop(reports);
        let mut uk_inputs = UkInputs::as_of(date(2026, 1, 15));
        uk_inputs.data_requirement = Some(DataRequirement::check(&files[..1]));

        let afir_report = afir::AfirView::new(&feed, &afir_inputs)
            .with_places(places.clone())
            .report();
        let uk_report = uk::UkView::new(&feed, &uk_inputs)
            .with_places(places.clone())
            .report();
        let findings = |r: &ocpi_open_data::views::Report| -> usize {
            r.locations
                .iter()
                .map(|l| {
                    l.requirements.len()
                        + l.evses.iter().map(|e| e.requirements.len()).sum::<usize>()
                })
                .sum()
        };
        println!(
            "feed {name}: {} bytes, {} locations, {} tariffs; AFIR {} findings ({} stations failing AFIR-F3), UK {} findings ({} stations failing UK-R10-HOLD)",
            locations.len() + tariffs.len(),
            feed.locations.len(),
            feed.tariffs.len(),
            findings(&afir_report),
            afir_report.summary.get("AFIR-F3").get(Status::Fail),
            findings(&uk_report),
            uk_report.summary.get("UK-R10-HOLD").get(Status::Fail),
        );
        drop((afir_report, uk_report));

        let mut group = c.benchmark_group(format!("views/{name}"));
        group.throughput(Throughput::Bytes((locations.len() + tariffs.len()) as u64));
        group.sample_size(10);
        group.bench_function(BenchmarkId::new("baseline", "serde_json_value"), |b| {
            b.iter(|| {
                (
                    serde_json::from_slice::<serde_json::Value>(black_box(&locations)).unwrap(),
                    serde_json::from_slice::<serde_json::Value>(black_box(&tariffs)).unwrap(),
                )
            })
        });
        group.bench_function(BenchmarkId::new("stage", "afir"), |b| {
            b.iter(|| {
                afir::AfirView::new(black_box(&feed), &afir_inputs)
                    .with_places(places.clone())
                    .report()
            })
        });
        group.bench_function(BenchmarkId::new("stage", "uk"), |b| {
            b.iter(|| {
                uk::UkView::new(black_box(&feed), &uk_inputs)
                    .with_places(places.clone())
                    .report()
            })
        });
        group.bench_function(BenchmarkId::new("stage", "uk_data_requirement"), |b| {
            b.iter(|| DataRequirement::check(black_box(&files[..1])))
        });
        group.bench_function(BenchmarkId::new("stage", "read_afir_uk"), |b| {
            b.iter(|| {
                let (reports, feed) = read_feed(black_box(&files), |_| Options::default());
                let places = Places::from_reports(&reports);
                let mut inputs = UkInputs::as_of(date(2026, 1, 15));
                inputs.data_requirement = Some(DataRequirement::check(&files[..1]));
                let a = afir::AfirView::new(&feed, &afir_inputs)
                    .with_places(places.clone())
                    .report();
                let u = uk::UkView::new(&feed, &inputs).with_places(places).report();
                (a, u)
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
