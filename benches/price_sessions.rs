//! 100,000 session prices over the tariffs of a generated feed (all three versions, time-of-day,
//! power and parking tariffs among them), against parsing those tariffs' JSON with
//! `serde_json::from_slice::<serde_json::Value>` 100,000 times in the same run.
//!
//! `npm run bench` runs this and prints the ratio (`scripts/bench-report.mjs`).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use ocpi_feed_gen::{FeedOptions, GenVersion, generate};
use ocpi_open_data::model::read_feed;
use ocpi_open_data::tariff::{Session, When, price_session};
use ocpi_open_data::validate::Options;
use rust_decimal::Decimal;
use std::hint::black_box;

const SESSIONS: usize = 100_000;

/// Sessions spread over a week: start every 37 minutes, 20 minutes to 6 hours long, 5 to 60 kWh,
/// at 11, 50 or 150 kW.
fn sessions() -> Vec<Session> {
    let base: jiff::civil::DateTime = "2026-01-05T00:00:00".parse().expect("date");
    (0..97)
        .map(|i: i64| {
            let start = base
                .checked_add(jiff::SignedDuration::from_mins(i * 37 % (7 * 1440)))
                .expect("in range");
            let end = start
                .checked_add(jiff::SignedDuration::from_mins(20 + i * 53 % 340))
                .expect("in range");
            let power = [11, 50, 150][i as usize % 3];
            Session {
                start: When::Local(start),
                end: When::Local(end),
                timezone: None,
                energy_kwh: Decimal::from(5 + i * 7 % 56),
                max_power_kw: Some(Decimal::from(power)),
                max_current_a: None,
                reservation: None,
                start_offset: None,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let feed = generate(&FeedOptions {
        locations: 2_000,
        seed: 11,
        version: GenVersion::Mixed,
        deviation_rate: 0.0,
    });
    let envelope = feed.tariffs_envelope_json();
    let (_, model) = read_feed(&[("tariffs.json", envelope.as_bytes())], |_| {
        Options::default()
    });
    let tariffs = model.tariffs;
    let texts: Vec<Vec<u8>> = feed
        .tariffs
        .iter()
        .map(|t| serde_json::to_vec(t).expect("serialisable"))
        .collect();
    let sessions = sessions();
    let tz = jiff::tz::db().get("Europe/Amsterdam").expect("zone");
    let mut priced = 0usize;
    let mut periods = 0usize;
    for (i, s) in sessions.iter().enumerate() {
        if let Ok(p) = price_session(&tariffs[i % tariffs.len()], s, None, Some(&tz)) {
            priced += 1;
            periods += p.periods.len();
        }
    }
    println!(
        "{} tariffs ({} bytes of JSON), {} session shapes, {priced} priced, {:.1} periods per session",
        tariffs.len(),
        texts.iter().map(Vec::len).sum::<usize>(),
        sessions.len(),
        periods as f64 / priced.max(1) as f64
    );

    let mut group = c.benchmark_group("price/sessions");
    group.throughput(Throughput::Elements(SESSIONS as u64));
    group.sample_size(10);
    group.bench_function(BenchmarkId::new("baseline", "serde_json_value"), |b| {
        b.iter(|| {
            for i in 0..SESSIONS {
                let v: serde_json::Value =
                    serde_json::from_slice(black_box(&texts[i % texts.len()])).expect("valid");
                black_box(v);
            }
        })
    });
    group.bench_function(BenchmarkId::new("stage", "price_session"), |b| {
        b.iter(|| {
            for i in 0..SESSIONS {
                let p = price_session(
                    black_box(&tariffs[i % tariffs.len()]),
                    black_box(&sessions[i % sessions.len()]),
                    None,
                    Some(&tz),
                );
                black_box(p.ok());
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
