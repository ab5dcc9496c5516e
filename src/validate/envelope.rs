//! Finding the OCPI objects in a document: the response envelope, bare objects and arrays, and
//! the non-standard wrappers real feeds use.

use super::report::Context;
use crate::diagnostic::Code;
use crate::json::{Node, Pointer, Span, Value};
use serde::Serialize;

/// The objects a document carries, each with its pointer.
pub struct Unwrapped<'a> {
    pub items: Vec<(Node<'a>, Pointer<'a>)>,
    /// The envelope reported an OCPI error; no data is expected.
    pub status_error: bool,
    pub envelope: EnvelopeInfo,
}

/// What a document says about itself besides its items: the OCPI status and, for the paging
/// wrappers of web frameworks, the next page and the total. A feed client reads these.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct EnvelopeInfo {
    /// `status_code` of the response envelope, when it is an integer.
    pub status_code: Option<i64>,
    /// `status_message` of the response envelope.
    pub status_message: Option<String>,
    /// A next-page URL given in the body (`"next": "..."` of a paging wrapper).
    pub next: Option<String>,
    /// A total number of items given in the body (`total`, `totalElements`, `total_count`).
    pub total: Option<u64>,
}

/// Keys of a paging wrapper that hold the total number of items.
const WRAPPER_TOTALS: &[&str] = &["total", "totalElements", "total_count"];

const ENVELOPE_FIELDS: &[&str] = &["data", "status_code", "status_message", "timestamp"];
/// Keys under which paging frameworks put the list of items.
const WRAPPER_LISTS: &[&str] = &[
    "items",
    "content",
    "results",
    "locations",
    "tariffs",
    "records",
];
/// Keys that may stand beside such a list without making the wrapper ambiguous.
const WRAPPER_META: &[&str] = &[
    "next",
    "previous",
    "prev",
    "total",
    "totalElements",
    "totalPages",
    "last",
    "first",
    "size",
    "number",
    "numberOfElements",
    "offset",
    "limit",
    "count",
    "page",
    "pageable",
    "sort",
    "empty",
    "links",
    "_links",
    "status_code",
    "status_message",
    "timestamp",
    "total_count",
];

/// `data_streamed`: the top-level object had a `data` array whose items the reader has handed
/// over already; the object is then read as the envelope around them.
pub fn unwrap<'a>(root: Node<'a>, data_streamed: bool, cx: &mut Context<'_>) -> Unwrapped<'a> {
    let span = root.span;
    match root.value {
        Value::Array(items) => {
            cx.report(
                Code::WrapperNonStandard,
                Span::new(span.start as usize, span.start as usize + 1),
                String::new(),
                "transport_and_format #Response format",
                "the document is a bare array; OCPI responses wrap it in an envelope ({\"data\": [...], \"status_code\": 1000, ...}); read as the list of items".into(),
            );
            Unwrapped {
                items: indexed(items, Pointer::root()),
                status_error: false,
                envelope: EnvelopeInfo::default(),
            }
        }
        Value::Object(ref members) => {
            let has = |k: &str| members.iter().any(|m| m.key == k);
            let is_envelope = has("data")
                && (has("status_code") || has("timestamp") || has("status_message"))
                || (has("status_code")
                    && members
                        .iter()
                        .all(|m| ENVELOPE_FIELDS.contains(&m.key.as_ref())));
            if is_envelope || data_streamed {
                return envelope(root, cx);
            }
            if has("data") && members.len() == 1 {
                cx.report(
                    Code::EnvelopeIncomplete,
                    span_start(span),
                    String::new(),
                    "transport_and_format #Response format",
                    "the envelope holds only `data`; it lacks `status_code` and `timestamp`".into(),
                );
                return envelope(root, cx);
            }
            let lists: Vec<&str> = members
                .iter()
                .filter(|m| {
                    WRAPPER_LISTS.contains(&m.key.as_ref())
                        && matches!(m.node.value, Value::Array(_))
                })
                .map(|m| m.key.as_ref())
                .collect();
            let rest_is_meta = members.iter().all(|m| {
                WRAPPER_LISTS.contains(&m.key.as_ref()) || WRAPPER_META.contains(&m.key.as_ref())
            });
            if lists.len() == 1 && rest_is_meta {
                let key = lists[0].to_string();
                cx.report(
                    Code::WrapperNonStandard,
                    span_start(span),
                    String::new(),
                    "transport_and_format #Response format",
                    format!("the items are wrapped in a non-standard `{key}` list (a paging framework's format); read from there"),
                );
                let Value::Object(members) = root.value else {
                    unreachable!()
                };
                let info = wrapper_info(&members);
                for m in members {
                    if m.key == key.as_str()
                        && let Value::Array(items) = m.node.value
                    {
                        let mut p = Pointer::root();
                        p.push_key(m.key);
                        return Unwrapped {
                            items: indexed(items, p),
                            status_error: false,
                            envelope: info,
                        };
                    }
                }
                unreachable!("the list was found above");
            }
            Unwrapped {
                items: vec![(root, Pointer::root())],
                status_error: false,
                envelope: EnvelopeInfo::default(),
            }
        }
        _ => Unwrapped {
            items: vec![(root, Pointer::root())],
            status_error: false,
            envelope: EnvelopeInfo::default(),
        },
    }
}

/// The next page and the total that a paging wrapper gives beside its list.
fn wrapper_info(members: &[crate::json::Member<'_>]) -> EnvelopeInfo {
    let mut info = EnvelopeInfo::default();
    for m in members {
        if m.key == "next" {
            info.next = m.node.as_str().map(str::to_string);
        } else if WRAPPER_TOTALS.contains(&m.key.as_ref()) {
            info.total = m.node.as_number_text().and_then(|t| t.parse().ok());
        }
    }
    info
}

fn span_start(span: Span) -> Span {
    Span::new(span.start as usize, span.start as usize + 1)
}

fn indexed<'a>(items: Vec<Node<'a>>, base: Pointer<'a>) -> Vec<(Node<'a>, Pointer<'a>)> {
    items
        .into_iter()
        .enumerate()
        .map(|(i, n)| {
            let mut p = base.clone();
            p.push_index(i);
            (n, p)
        })
        .collect()
}

fn envelope<'a>(root: Node<'a>, cx: &mut Context<'_>) -> Unwrapped<'a> {
    const SECTION: &str = "transport_and_format #Response format";
    let span = root.span;
    let Value::Object(members) = root.value else {
        unreachable!("checked by the caller")
    };
    let mut data = None;
    let mut status_code = None;
    let mut has_timestamp = false;
    let mut status_message = None;
    for m in members {
        match m.key.as_ref() {
            "data" => data = Some((m.key, m.node)),
            "status_code" => status_code = Some(m.node),
            "timestamp" => {
                has_timestamp = true;
                let ok = m.node.as_str().is_some_and(|s| {
                    !matches!(
                        super::format::check_datetime(s, true),
                        super::format::Checked::Invalid(_)
                    )
                });
                if !ok {
                    cx.report(
                        Code::EnvelopeIncomplete,
                        m.node.span,
                        "/timestamp".into(),
                        SECTION,
                        "the envelope's `timestamp` is not a DateTime".into(),
                    );
                }
            }
            "status_message" => {
                status_message = m.node.as_str().map(str::to_string);
                if m.node.as_str().is_none() && !m.node.is_null() {
                    cx.report(
                        Code::EnvelopeIncomplete,
                        m.node.span,
                        "/status_message".into(),
                        SECTION,
                        "the envelope's `status_message` must be a string".into(),
                    );
                }
            }
            _ => cx.report(
                Code::FieldUnknown,
                m.key_span,
                format!("/{}", m.key),
                SECTION,
                format!(
                    "`{}` is not a field of the response envelope; ignored",
                    m.key
                ),
            ),
        }
    }
    let mut status_error = false;
    let envelope_info = |status_code: Option<i64>| EnvelopeInfo {
        status_code,
        status_message: status_message.clone(),
        ..EnvelopeInfo::default()
    };
    let code_value = status_code
        .as_ref()
        .and_then(|n| n.as_number_text())
        .and_then(|t| t.parse::<i64>().ok());
    match &status_code {
        None => cx.report(
            Code::EnvelopeIncomplete,
            span_start(span),
            "/status_code".into(),
            SECTION,
            "the envelope lacks `status_code` (1000 for success)".into(),
        ),
        Some(node) => {
            let code = node.as_number_text().and_then(|t| t.parse::<i64>().ok());
            match code {
                Some(c) if (1000..2000).contains(&c) => {}
                Some(c) => {
                    status_error = true;
                    cx.report(
                        Code::EnvelopeStatusError,
                        node.span,
                        "/status_code".into(),
                        SECTION,
                        format!(
                            "the response reports OCPI status {c} ({}), not success",
                            status_meaning(c)
                        ),
                    );
                }
                None => cx.report(
                    Code::EnvelopeIncomplete,
                    node.span,
                    "/status_code".into(),
                    SECTION,
                    "the envelope's `status_code` must be a four-digit integer".into(),
                ),
            }
        }
    }
    if !has_timestamp {
        cx.report(
            Code::EnvelopeIncomplete,
            span_start(span),
            "/timestamp".into(),
            SECTION,
            "the envelope lacks `timestamp`".into(),
        );
    }
    let mut base = Pointer::root();
    match data {
        Some((key, node)) => {
            base.push_key(key);
            match node.value {
                Value::Array(items) => Unwrapped {
                    items: indexed(items, base),
                    status_error,
                    envelope: envelope_info(code_value),
                },
                Value::Null => Unwrapped {
                    items: Vec::new(),
                    status_error,
                    envelope: envelope_info(code_value),
                },
                _ => Unwrapped {
                    items: vec![(node, base)],
                    status_error,
                    envelope: envelope_info(code_value),
                },
            }
        }
        None => Unwrapped {
            items: Vec::new(),
            status_error,
            envelope: envelope_info(code_value),
        },
    }
}

fn status_meaning(code: i64) -> &'static str {
    match code {
        2000 => "generic client error",
        2001 => "invalid or missing parameters",
        2002 => "not enough information",
        2003 => "unknown location",
        2004 => "unknown token",
        3000 => "generic server error",
        3001 => "unable to use the client's API",
        3002 => "unsupported version",
        3003 => "no matching endpoints",
        2005..=2999 => "client error",
        3004..=3999 => "server error",
        4000..=4999 => "hub error",
        _ => "not an OCPI status code",
    }
}
