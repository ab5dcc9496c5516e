//! Property tests over mutated documents: whatever happens to the bytes, validation ends with
//! diagnostics in document order, each with a place, and never panics.

use ocpi_open_data::validate::{self, Options};
use proptest::prelude::*;

const BASE: &[&str] = &[
    include_str!("../../shared/fixtures/ocpi-spec-examples/2.2.1/location_example.json"),
    include_str!("../../shared/fixtures/ocpi-spec-examples/2.1.1/location_example.json"),
    include_str!("../../shared/fixtures/ocpi-spec-examples/2.3.0/location_example.json"),
    include_str!("../../shared/fixtures/ocpi-spec-examples/2.2.1/tariff_4_complex.json"),
    include_str!(
        "../../shared/fixtures/ocpi-spec-examples/2.3.0/tariff_6_025kwh_start_max_price.json"
    ),
    include_str!("../../shared/fixtures/real-world-samples/ocpi_2_2_locations-zepto.json"),
];

const TOKENS: &[&str] = &[
    "null",
    "[]",
    "{}",
    "\"\"",
    "-1",
    "1e999",
    "\"x\"",
    ",",
    ":",
    "[",
    "{",
    "\"",
    "\\",
    "true",
    "\u{0}",
    "\u{FEFF}",
    "0.12345678901234567890",
];

#[derive(Debug, Clone)]
enum Mutation {
    Truncate(usize),
    Delete(usize, usize),
    Insert(usize, usize),
    Flip(usize, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1usize..40).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(a, t)| Mutation::Insert(a, t)),
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Mutation::Flip(a, b)),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match *m {
            Mutation::Truncate(at) => bytes.truncate(at % len),
            Mutation::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                if at < end {
                    bytes.drain(at..end);
                }
            }
            Mutation::Insert(at, t) => {
                let at = (at % len).min(bytes.len());
                bytes.splice(at..at, TOKENS[t].bytes());
            }
            Mutation::Flip(at, b) => {
                if !bytes.is_empty() {
                    let at = at % bytes.len();
                    bytes[at] = b;
                }
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn mutated_documents_give_placed_diagnostics(base in 0..BASE.len(), mutations in prop::collection::vec(mutation(), 1..6), comments in any::<bool>()) {
        let bytes = apply(BASE[base].as_bytes().to_vec(), &mutations);
        let options = Options { allow_comments: comments, ..Options::default() };
        let report = validate::validate_document("m.json", &bytes, &options);
        let line_count = bytes.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        for pair in report.diagnostics.windows(2) {
            prop_assert!(pair[0].span.start <= pair[1].span.start, "not in document order");
        }
        for d in &report.diagnostics {
            prop_assert!(d.line >= 1 && d.line <= line_count, "line {} of {}", d.line, line_count);
            prop_assert!(d.column >= 1);
            prop_assert!(d.pointer.is_empty() || d.pointer.starts_with('/'));
            prop_assert!(!d.message.is_empty());
        }
        prop_assert!(report.items_ok <= report.items);
        let feed = ocpi_open_data::model::build_feed(std::slice::from_ref(&report));
        prop_assert!(serde_json::to_string(&feed).is_ok());
    }

    #[test]
    fn a_cut_feed_keeps_what_came_before_the_cut(cut in 0usize..100_000) {
        let text = BASE[5];
        let cut = cut % text.len();
        let report = validate::validate_document("cut.json", &text.as_bytes()[..cut], &Options::default());
        // Every location whose closing brace lies before the cut is read.
        let complete = complete_top_level_objects(&text.as_bytes()[..cut]);
        prop_assert_eq!(report.items, complete);
    }
}

/// Counts the objects of the top-level array that close before the end of `bytes`.
fn complete_top_level_objects(bytes: &[u8]) -> usize {
    let (mut depth, mut in_string, mut escaped, mut count) = (0i32, false, false, 0);
    for &b in bytes {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth -= 1;
                if depth == 1 && b == b'}' {
                    count += 1;
                }
            }
            _ => {}
        }
    }
    count
}
