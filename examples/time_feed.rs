fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(2000);
    let t = std::time::Instant::now();
    let opts = ocpi_feed_gen::FeedOptions {
        locations: n,
        seed: 7,
        version: ocpi_feed_gen::GenVersion::V221,
        deviation_rate: 0.05,
    };
    let bytes = ocpi_feed_gen::generate_json(&opts)
        .locations_envelope
        .into_bytes();
    eprintln!("generated {} bytes in {:?}", bytes.len(), t.elapsed());
    let t = std::time::Instant::now();
    let v: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    eprintln!("serde_json::Value in {:?}", t.elapsed());
    drop(v);
    let t = std::time::Instant::now();
    let p = ocpi_open_data::json::parse(&bytes, Default::default());
    eprintln!("parsed in {:?}", t.elapsed());
    drop(p);
    let t = std::time::Instant::now();
    let r = ocpi_open_data::validate::validate_document("x", &bytes, &Default::default());
    eprintln!(
        "validated in {:?}: {} diagnostics",
        t.elapsed(),
        r.diagnostics.len()
    );
    let mut counts = std::collections::BTreeMap::new();
    for d in &r.diagnostics {
        *counts.entry(d.code.as_str()).or_insert(0) += 1;
    }
    eprintln!("{counts:?}");
    let t = std::time::Instant::now();
    let f = ocpi_open_data::model::build_feed(std::slice::from_ref(&r));
    eprintln!(
        "model in {:?}: {} locations",
        t.elapsed(),
        f.locations.len()
    );
}
