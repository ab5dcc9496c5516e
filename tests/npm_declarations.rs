//! The npm package's TypeScript declarations list the diagnostic codes: exactly the codes of the
//! core, in its order, so that `code` is typed as what the package can return.

use ocpi_open_data::Code;

#[test]
fn the_declared_diagnostic_codes_are_the_cores() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/npm/index.d.ts");
    let text = std::fs::read_to_string(path).expect("npm/index.d.ts is readable");
    let start = text
        .find("export type DiagnosticCode =")
        .expect("index.d.ts declares DiagnosticCode");
    let end = start + text[start..].find(';').expect("the union ends with ;");
    let declared: Vec<&str> = text[start..end].split('"').skip(1).step_by(2).collect();
    let core: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    let missing: Vec<&&str> = core.iter().filter(|c| !declared.contains(c)).collect();
    let extra: Vec<&&str> = declared.iter().filter(|c| !core.contains(c)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "npm/index.d.ts DiagnosticCode: missing {missing:?}, not codes of the core {extra:?}"
    );
    assert_eq!(
        declared, core,
        "npm/index.d.ts lists the codes in another order"
    );
}
