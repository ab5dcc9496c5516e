use super::*;
use crate::diagnostic::Code;

fn read(text: &str) -> Parsed<'_> {
    parse(text.as_bytes(), ParseOptions::default())
}

#[test]
fn reads_values_with_spans() {
    let p = read(r#" {"a": [1, -2.50, "x\"y", true, null], "b": {}} "#);
    assert!(p.problems.is_empty(), "{:?}", p.problems);
    let root = p.root.unwrap();
    assert_eq!(root.span, Span::new(1, 47));
    let a = root.get("a").unwrap().as_array().unwrap();
    assert_eq!(a[1].as_number_text(), Some("-2.50"));
    assert_eq!(a[2].as_str(), Some("x\"y"));
    assert_eq!(a[3].as_bool(), Some(true));
}

#[test]
fn duplicate_keys_are_reported_and_last_wins() {
    let p = read(r#"{"id": "1", "id": "2"}"#);
    assert_eq!(p.problems.len(), 1);
    assert_eq!(p.problems[0].code, Code::JsonDuplicateKey);
    assert_eq!(p.problems[0].span, Span::new(12, 16));
    assert_eq!(p.root.unwrap().get("id").unwrap().as_str(), Some("2"));
}

#[test]
fn duplicate_keys_in_large_objects() {
    let mut text = String::from("{");
    for i in 0..100 {
        text.push_str(&format!("\"k{i}\": {i},"));
    }
    text.push_str("\"k5\": 0}");
    let p = read(&text);
    assert_eq!(p.problems.len(), 1);
    assert_eq!(p.root.unwrap().as_object().unwrap().len(), 100);
}

#[test]
fn truncated_input_keeps_complete_items() {
    let p = read(r#"[{"id": "1"}, {"id": "2"}, {"id": "3", "na"#);
    assert!(p.stopped);
    assert_eq!(p.problems[0].code, Code::JsonSyntax);
    let root = p.root.unwrap();
    assert!(!root.complete);
    let items = root.as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert!(items[0].complete && items[1].complete);
    assert!(!items[2].complete);
}

#[test]
fn too_deep_is_an_error_not_a_crash() {
    let text = "[".repeat(100_000);
    let p = read(&text);
    assert_eq!(p.problems[0].code, Code::JsonTooDeep);
    let ok = format!("{}{}", "[".repeat(128), "]".repeat(128));
    assert!(read(&ok).problems.is_empty());
}

#[test]
fn comments_only_when_allowed() {
    let text = "// tariff\n{\"a\": 1, /* x */ \"b\": [1,2,],}";
    let strict = read(text);
    assert_eq!(strict.problems[0].code, Code::JsonComment);
    let lenient = parse(
        text.as_bytes(),
        ParseOptions {
            allow_comments: true,
            ..Default::default()
        },
    );
    assert!(lenient.problems.is_empty(), "{:?}", lenient.problems);
    assert_eq!(
        lenient
            .root
            .unwrap()
            .get("b")
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn invalid_utf8_is_replaced_and_reported() {
    let bytes = b"{\"city\": \"M\xFCnchen\", \"x\": 1}";
    let p = parse(bytes, ParseOptions::default());
    assert_eq!(p.problems.len(), 1);
    assert_eq!(p.problems[0].code, Code::JsonInvalidUtf8);
    assert_eq!(
        p.root.unwrap().get("city").unwrap().as_str(),
        Some("M\u{FFFD}nchen")
    );
}

#[test]
fn escapes_and_surrogates() {
    let p = read(r#"["\u00e9\ud83d\ude00\n\/", "\ud800x"]"#);
    let root = p.root.unwrap();
    assert_eq!(root.as_array().unwrap()[0].as_str(), Some("é😀\n/"));
    assert_eq!(p.problems.len(), 1);
    assert_eq!(p.problems[0].code, Code::JsonInvalidUtf8);
}

#[test]
fn byte_order_mark_and_crlf() {
    let p = parse(
        b"\xEF\xBB\xBF{\r\n\"a\": 1\r\n}\r\n",
        ParseOptions::default(),
    );
    assert!(p.problems.is_empty());
    assert!(p.root.is_some());
}

#[test]
fn huge_numbers_keep_their_text() {
    let p = read("[1e999999, 123456789012345678901234567890.5]");
    let root = p.root.unwrap();
    assert_eq!(
        root.as_array().unwrap()[0].as_number_text(),
        Some("1e999999")
    );
}

#[test]
fn syntax_errors_have_places() {
    for (text, at) in [
        ("{\"a\" 1}", 5),
        ("[1 2]", 3),
        ("{'a': 1}", 1),
        ("", 0),
        ("[01]", 2),
        ("[1] x", 4),
        ("tru", 0),
    ] {
        let p = read(text);
        assert!(p.stopped, "{text}");
        assert_eq!(p.problems[0].span.start, at, "{text}: {:?}", p.problems);
    }
}

#[test]
fn raw_control_characters_are_recoverable() {
    let p = read("{\"a\": \"line\nbreak\", \"b\": 2}");
    assert_eq!(p.problems.len(), 1);
    assert!(!p.stopped);
    assert_eq!(
        p.root.unwrap().get("a").unwrap().as_str(),
        Some("line\nbreak")
    );
}

#[test]
fn pointer_of_a_place() {
    let p = read(r#"{"data": [{"id": 1}, {"id": "x", "evses": [ {"uid": 5} ]}]}"#);
    let root = p.root.unwrap();
    let at = r#"{"data": [{"id": 1}, {"id": "x", "evses": [ {"uid": "#.len() as u32;
    assert_eq!(pointer_at(&root, at), "/data/1/evses/0/uid");
}

#[test]
fn streaming_hands_over_items_of_the_list() {
    let text = r#"{"data": [{"id": "1"}, {"id": "2"}, {"id": "3"], "status_code": 1000}"#;
    let mut seen = Vec::new();
    let p = parse_streaming(
        text.as_bytes(),
        ParseOptions::default(),
        &mut |node, list| {
            seen.push((
                node.get("id").and_then(Node::as_str).map(str::to_string),
                node.complete,
                list,
            ));
        },
    );
    assert_eq!(seen.len(), 3);
    assert_eq!(seen[0], (Some("1".into()), true, ItemList::Data));
    assert!(!seen[2].1, "the cut-off item is handed over as incomplete");
    let root = p.root.unwrap();
    assert_eq!(root.get("data").unwrap().as_array().unwrap().len(), 0);

    let mut count = 0;
    parse_streaming(
        b"[[1], [2, [3]]]",
        ParseOptions::default(),
        &mut |node, list| {
            assert_eq!(list, ItemList::Root);
            assert!(node.as_array().is_some());
            count += 1;
        },
    );
    assert_eq!(count, 2, "only the top-level list is streamed");

    let mut nested = 0;
    parse_streaming(
        br#"{"x": {"data": [1, 2]}}"#,
        ParseOptions::default(),
        &mut |_, _| nested += 1,
    );
    assert_eq!(
        nested, 0,
        "a `data` member below the top level is not the item list"
    );
}
