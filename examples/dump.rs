fn main() {
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).unwrap();
        let opts = ocpi_open_data::validate::Options {
            label: ocpi_open_data::validate::label_from_path(&path),
            allow_comments: true,
            ..Default::default()
        };
        let r = ocpi_open_data::validate::validate_document(&path, &bytes, &opts);
        println!(
            "== {} kind={:?} version={:?} items={} ok={} ({})",
            path, r.kind, r.version, r.items, r.items_ok, r.version_reason
        );
        for d in &r.diagnostics {
            println!(
                "  {}:{} {} {} {} — {}",
                d.line,
                d.column,
                d.severity.as_str(),
                d.code,
                d.pointer,
                d.message
            );
        }
    }
}
