fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let t = std::time::Instant::now();
    let n = 2000;
    for _ in 0..n {
        let r = ocpi_open_data::validate::validate_document("x", &bytes, &Default::default());
        let f = ocpi_open_data::model::build_feed(std::slice::from_ref(&r));
        std::hint::black_box(serde_json::to_string(&f).unwrap());
    }
    eprintln!("{:?} per document", t.elapsed() / n);
}
