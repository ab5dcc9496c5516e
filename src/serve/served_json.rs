//! The JSON text of a served item: its lenient value written back as compact JSON, without
//! `publish_allowed_to` at any depth, with the byte ranges of its EVSEs and connectors so that
//! the single-EVSE and single-connector endpoints can serve a slice of it.

use crate::json::{Member, Node, Value};
use std::ops::Range;

/// The member never written, at any depth: token uids and card numbers (personal data).
pub(crate) const NEVER_SERVED: &str = "publish_allowed_to";

/// An EVSE or a connector inside a location's JSON text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    /// EVSE `uid` (else its `evse_id`, as the model reads it) or connector `id`; `""` if absent.
    pub id: String,
    /// Its bytes within the location's text.
    pub range: Range<usize>,
    /// The connectors of an EVSE.
    pub children: Vec<Part>,
}

/// Writes any value.
pub(crate) fn write_value(node: &Node<'_>, out: &mut Vec<u8>) {
    match &node.value {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(true) => out.extend_from_slice(b"true"),
        Value::Bool(false) => out.extend_from_slice(b"false"),
        // The number's text as read (or as the walk coerced it): decimals keep their digits.
        Value::Number(text) => out.extend_from_slice(text.as_bytes()),
        Value::String(s) => write_string(s, out),
        Value::Array(items) => write_array(items, out, |item, out| write_value(item, out)),
        Value::Object(members) => write_object(members, out, |_, _, _| false),
    }
}

/// Writes a location and returns where its EVSEs and their connectors are in `out`.
pub(crate) fn write_location(node: &Node<'_>, out: &mut Vec<u8>) -> Vec<Part> {
    let mut evses = Vec::new();
    let Some(members) = node.as_object() else {
        write_value(node, out);
        return evses;
    };
    write_object(members, out, |key, value, out| {
        let (true, Some(items)) = (key == "evses", value.as_array()) else {
            return false;
        };
        write_array(items, out, |evse, out| {
            let start = out.len();
            let mut connectors = Vec::new();
            match evse.as_object() {
                Some(evse_members) => write_object(evse_members, out, |key, value, out| {
                    let (true, Some(items)) = (key == "connectors", value.as_array()) else {
                        return false;
                    };
                    write_array(items, out, |connector, out| {
                        let start = out.len();
                        write_value(connector, out);
                        connectors.push(Part {
                            id: text_of(connector, "id"),
                            range: start..out.len(),
                            children: Vec::new(),
                        });
                    });
                    true
                }),
                None => write_value(evse, out),
            }
            let uid = text_of(evse, "uid");
            evses.push(Part {
                id: if uid.is_empty() {
                    text_of(evse, "evse_id")
                } else {
                    uid
                },
                range: start..out.len(),
                children: connectors,
            });
        });
        true
    });
    evses
}

fn text_of(node: &Node<'_>, key: &str) -> String {
    node.get(key)
        .and_then(Node::as_str)
        .unwrap_or_default()
        .to_string()
}

fn write_array<'n, 'a: 'n>(
    items: &'n [Node<'a>],
    out: &mut Vec<u8>,
    mut item: impl FnMut(&'n Node<'a>, &mut Vec<u8>),
) {
    out.push(b'[');
    for (i, node) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        item(node, out);
    }
    out.push(b']');
}

/// Writes an object; `special` may write a member's value itself and return `true`.
fn write_object(
    members: &[Member<'_>],
    out: &mut Vec<u8>,
    mut special: impl FnMut(&str, &Node<'_>, &mut Vec<u8>) -> bool,
) {
    out.push(b'{');
    let mut first = true;
    for member in members {
        if member.key == NEVER_SERVED {
            continue;
        }
        if !first {
            out.push(b',');
        }
        first = false;
        write_string(&member.key, out);
        out.push(b':');
        if !special(&member.key, &member.node, out) {
            write_value(&member.node, out);
        }
    }
    out.push(b'}');
}

fn write_string(s: &str, out: &mut Vec<u8>) {
    // serde_json escapes exactly what JSON requires; writing into a Vec cannot fail.
    if serde_json::to_writer(&mut *out, s).is_err() {
        out.extend_from_slice(b"null");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::{ParseOptions, parse};

    fn tree(text: &str) -> Node<'_> {
        parse(text.as_bytes(), ParseOptions::default())
            .root
            .expect("valid JSON")
    }

    #[test]
    fn publish_allowed_to_is_dropped_at_every_depth() {
        let text = r#"{"id":"L1","publish_allowed_to":[{"uid":"123"}],"evses":[{"uid":"E1","x":{"publish_allowed_to":1,"k":"v"}}],"n":[1.50,"\u00e9\n"]}"#;
        let mut out = Vec::new();
        write_value(&tree(text), &mut out);
        let written = String::from_utf8(out).expect("UTF-8");
        assert_eq!(
            written,
            r#"{"id":"L1","evses":[{"uid":"E1","x":{"k":"v"}}],"n":[1.50,"é\n"]}"#
        );
    }

    #[test]
    fn evse_and_connector_ranges_slice_the_location() {
        let text = r#"{"id":"L1","evses":[{"uid":"E1","connectors":[{"id":"1"},{"id":"2","publish_allowed_to":[]}]},{"evse_id":"NL*X*E2"}]}"#;
        let mut out = Vec::new();
        let evses = write_location(&tree(text), &mut out);
        let slice = |r: &Range<usize>| std::str::from_utf8(&out[r.clone()]).expect("UTF-8");
        assert_eq!(evses.len(), 2);
        assert_eq!(evses[0].id, "E1");
        assert_eq!(
            slice(&evses[0].range),
            r#"{"uid":"E1","connectors":[{"id":"1"},{"id":"2"}]}"#
        );
        assert_eq!(evses[0].children[1].id, "2");
        assert_eq!(slice(&evses[0].children[1].range), r#"{"id":"2"}"#);
        assert_eq!(evses[1].id, "NL*X*E2");
        assert_eq!(slice(&evses[1].range), r#"{"evse_id":"NL*X*E2"}"#);
    }
}
