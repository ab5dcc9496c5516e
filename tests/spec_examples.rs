//! Every example of the OCPI specification in `../shared/fixtures/ocpi-spec-examples`: the valid
//! ones give no error; the ones its SOURCES.md lists as invalid give exactly the expected errors,
//! at the right line and column.

use ocpi_open_data::json::{self, ParseOptions};
use ocpi_open_data::spec::Version;
use ocpi_open_data::validate::{self, FileReport, Options};
use ocpi_open_data::{Diagnostic, Severity};
use std::path::{Path, PathBuf};

const ROOT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/fixtures/ocpi-spec-examples"
);

fn fixture(rel: &str) -> (String, Vec<u8>) {
    let path = Path::new(ROOT).join(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    (path.display().to_string(), bytes)
}

fn version_of(rel: &str) -> Version {
    Version::from_label(rel.split('/').next().unwrap()).unwrap()
}

/// How SOURCES.md says each file is to be read.
enum ReadAs {
    /// A whole document: detect kind and version (the folder is the label).
    Document,
    /// The value of the single member of a wrapper object, as this table.
    Inner(&'static str),
    /// The whole file as this table; `partial` for PATCH bodies.
    Object(&'static str, bool),
}

fn read_as(name: &str) -> ReadAs {
    match name {
        n if n.starts_with("location_energymix_example") => ReadAs::Inner("EnergyMix"),
        "location_regularhours_example.json" => ReadAs::Inner("Hours"),
        n if n.starts_with("location_hours_") => ReadAs::Object("Hours", false),
        "location_patch_example_location.json" => ReadAs::Object("Location", true),
        "location_patch_example_status.json" | "location_patch_example_remove_evse.json" => {
            ReadAs::Object("EVSE", true)
        }
        "location_patch_example_tariff.json" => ReadAs::Object("Connector", true),
        "location_put_example_add_evse.json" => ReadAs::Object("EVSE", false),
        "tariff_patch_example.json" => ReadAs::Object("Tariff", true),
        "type_displaytext_example.json" => ReadAs::Object("DisplayText", false),
        _ => ReadAs::Document,
    }
}

fn check(rel: &str) -> (Vec<u8>, Vec<Diagnostic>) {
    let (path, bytes) = fixture(rel);
    let version = version_of(rel);
    let name = rel.rsplit('/').next().unwrap();
    let diagnostics = match read_as(name) {
        ReadAs::Document => {
            let options = Options {
                label: validate::label_from_path(rel),
                ..Options::default()
            };
            let report = validate::validate_document(&path, &bytes, &options);
            report.diagnostics
        }
        ReadAs::Object(table, partial) => {
            validate::validate_as(&path, &bytes, version, table, partial).diagnostics
        }
        ReadAs::Inner(table) => {
            let parsed = json::parse(&bytes, ParseOptions::default());
            let root = parsed.root.expect("wrapper files are JSON objects");
            let inner = &root.as_object().expect("a wrapper object")[0].node;
            let slice = &bytes[inner.span.start as usize..inner.span.end as usize];
            let report: FileReport = validate::validate_as(&path, slice, version, table, false);
            report.diagnostics
        }
    };
    (bytes, diagnostics)
}

fn errors(diagnostics: &[Diagnostic]) -> Vec<(String, String, u32, u32)> {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            (
                d.code.as_str().to_string(),
                d.pointer.clone(),
                d.line,
                d.column,
            )
        })
        .collect()
}

fn all_examples() -> Vec<String> {
    let mut out = Vec::new();
    for version in ["2.1.1", "2.2.1", "2.3.0"] {
        let mut dirs = vec![PathBuf::from(ROOT).join(version)];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "json") {
                    out.push(
                        path.strip_prefix(ROOT)
                            .unwrap()
                            .to_string_lossy()
                            .replace('\\', "/"),
                    );
                }
            }
        }
    }
    out.sort();
    out
}

/// Files SOURCES.md lists as invalid, with every error a correct validator must give.
fn expected_errors(rel: &str) -> Option<Vec<(&'static str, &'static str, u32, u32)>> {
    Some(match rel {
        "2.1.1/location_put_example_add_evse.json" => vec![
            ("field-missing", "/connectors/0/amperage", 7, 3),
            ("field-missing", "/connectors/0/last_updated", 7, 3),
            ("field-missing", "/connectors/0/power_type", 7, 3),
            ("field-missing", "/connectors/0/voltage", 7, 3),
            ("field-missing", "/last_updated", 1, 1),
        ],
        "2.2.1/location_put_example_add_evse.json" | "2.3.0/location_put_example_add_evse.json" => {
            vec![
                ("field-missing", "/connectors/0/last_updated", 7, 5),
                ("field-missing", "/connectors/0/max_amperage", 7, 5),
                ("field-missing", "/connectors/0/max_voltage", 7, 5),
                ("field-missing", "/connectors/0/power_type", 7, 5),
            ]
        }
        "2.1.1/tariff_put_example.json"
        | "2.2.1/tariff_put_example.json"
        | "2.3.0/tariff_put_example.json" => {
            vec![("field-missing", "/last_updated", 1, 1)]
        }
        "2.1.1/transport_and_format_version_info_example.json" => {
            vec![("enum-unknown", "/data/0/version", 3, 14)]
        }
        "2.1.1/transport_and_format_error_response_example.json" => {
            vec![("envelope-status-error", "/status_code", 2, 17)]
        }
        "2.3.0/as-released-v2.3.0/location_example.json" => vec![
            ("field-type", "/evses/0/parking/0", 42, 17),
            ("field-type", "/evses/0/parking/1", 42, 22),
            ("field-type", "/evses/1/parking/0", 63, 17),
            ("field-type", "/evses/1/parking/1", 63, 22),
        ],
        "2.3.0/as-released-v2.3.0/location_example_parking_garage_opening_hours.json" => {
            vec![("field-type", "/evses/0/parking/0", 29, 17)]
        }
        _ => return None,
    })
}

#[test]
fn valid_examples_give_no_errors() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for rel in all_examples() {
        if expected_errors(&rel).is_some() {
            continue;
        }
        checked += 1;
        let (_, diagnostics) = check(&rel);
        let errs = errors(&diagnostics);
        if !errs.is_empty() {
            failures.push(format!("{rel}: {errs:?}"));
        }
    }
    assert!(checked >= 100, "only {checked} examples found under {ROOT}");
    assert!(
        failures.is_empty(),
        "examples with errors:\n{}",
        failures.join("\n")
    );
}

#[test]
fn invalid_examples_give_exactly_the_expected_errors() {
    let mut checked = 0;
    for rel in all_examples() {
        let Some(mut expected) = expected_errors(&rel) else {
            continue;
        };
        checked += 1;
        let (_, diagnostics) = check(&rel);
        let mut got = errors(&diagnostics);
        got.sort();
        expected.sort();
        let expected: Vec<(String, String, u32, u32)> = expected
            .into_iter()
            .map(|(c, p, l, col)| (c.to_string(), p.to_string(), l, col))
            .collect();
        assert_eq!(got, expected, "{rel}");
    }
    assert_eq!(checked, 10);
}

#[test]
fn non_spec_fields_of_the_invalid_examples_are_reported() {
    // `floor` (for `floor_level`) and `physical_reference` as a number.
    let (_, diagnostics) = check("2.2.1/location_put_example_add_evse.json");
    let codes: Vec<(&str, &str)> = diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.pointer.as_str()))
        .collect();
    assert!(codes.contains(&("field-renamed", "/floor")), "{codes:?}");
    assert!(
        codes.contains(&("field-coerced", "/floor_level")),
        "{codes:?}"
    );
    assert!(
        codes.contains(&("field-coerced", "/physical_reference")),
        "{codes:?}"
    );
    let (_, diagnostics) = check("2.1.1/location_put_example_add_evse.json");
    let codes: Vec<(&str, &str)> = diagnostics
        .iter()
        .map(|d| (d.code.as_str(), d.pointer.as_str()))
        .collect();
    assert!(
        codes.contains(&("field-coerced", "/floor_level")),
        "{codes:?}"
    );
}

#[test]
fn borderline_examples_get_their_warnings() {
    let warned = |rel: &str, code: &str| {
        let (_, diagnostics) = check(rel);
        diagnostics
            .iter()
            .any(|d| d.code.as_str() == code && d.severity != Severity::Error)
    };
    for v in ["2.1.1", "2.2.1", "2.3.0"] {
        assert!(
            warned(
                &format!("{v}/tariff_5_free_of_charge.json"),
                "step-size-zero"
            ),
            "{v}"
        );
    }
    assert!(warned("2.1.1/location_example.json", "evse-id-format"));
    assert!(warned(
        "2.2.1/version_details_example.json",
        "version-withdrawn"
    ));
    assert!(warned(
        "2.3.0/transport_and_format_version_details_example.json",
        "version-withdrawn"
    ));
}

#[test]
fn versions_are_detected_from_the_shape() {
    let detect = |rel: &str| {
        let (path, bytes) = fixture(rel);
        let r = validate::validate_document(&path, &bytes, &Options::default());
        (r.kind.map(|k| k.as_str()), r.version)
    };
    assert_eq!(
        detect("2.1.1/location_example.json"),
        (Some("location"), Some(Version::V2_1_1))
    );
    assert_eq!(
        detect("2.2.1/location_example.json"),
        (Some("location"), Some(Version::V2_2_1))
    );
    assert_eq!(
        detect("2.3.0/location_example.json"),
        (Some("location"), Some(Version::V2_3_0))
    );
    assert_eq!(
        detect("2.1.1/tariff_4_complex.json"),
        (Some("tariff"), Some(Version::V2_1_1))
    );
    assert_eq!(
        detect("2.2.1/tariff_4_complex.json"),
        (Some("tariff"), Some(Version::V2_2_1))
    );
    assert_eq!(
        detect("2.3.0/tariff_4_complex.json"),
        (Some("tariff"), Some(Version::V2_3_0))
    );
    assert_eq!(
        detect("2.2.1/versions_info_example.json"),
        (Some("versions"), Some(Version::V2_2_1))
    );
    assert_eq!(
        detect("2.1.1/version_details_example.json"),
        (Some("version_details"), Some(Version::V2_1_1))
    );
}
