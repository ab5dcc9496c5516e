//! The JSON reader.
//!
//! Written by hand because no JSON crate gives all of what validation needs at once: a byte span
//! for every value (for pointers, lines and columns), every duplicate key reported rather than
//! silently merged, numbers kept as their exact text (money is decimal), a depth limit reported
//! as a diagnostic rather than a crash, `//` comments only on request, and recovery: after a
//! syntax error the values completed before it are returned, so one cut-off item does not lose
//! the thousands read before it.

use super::value::{Member, Node, Span, Value};
use crate::diagnostic::Code;
use std::borrow::Cow;
use std::collections::HashMap;

/// Limits and leniency of the reader.
#[derive(Debug, Clone, Copy)]
pub struct ParseOptions {
    /// Accept `//` and `/* */` comments and trailing commas (JSON with comments).
    pub allow_comments: bool,
    /// Deepest allowed nesting of arrays and objects.
    pub max_depth: usize,
    /// Largest accepted input, in bytes.
    pub max_bytes: usize,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions {
            allow_comments: false,
            max_depth: 128,
            max_bytes: 1 << 30,
        }
    }
}

/// A problem found while reading the JSON text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonProblem {
    pub code: Code,
    pub message: String,
    pub span: Span,
}

/// What the reader produced: the tree (possibly partial) and every problem found.
#[derive(Debug)]
pub struct Parsed<'a> {
    /// `None` only when not even the start of a value could be read.
    pub root: Option<Node<'a>>,
    pub problems: Vec<JsonProblem>,
    /// A fatal syntax error stopped the reader; `root` holds what came before it.
    pub stopped: bool,
}

/// Reads `input` as one JSON document.
pub fn parse(input: &[u8], options: ParseOptions) -> Parsed<'_> {
    parse_inner(input, options, None)
}

/// Where a streamed item sits: in a top-level array, or in the `data` array of a top-level object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemList {
    Root,
    Data,
}

/// Reads `input` like [`parse`], but hands each element of the item list (the top-level array,
/// or the `data` array of a top-level object, as in the OCPI response envelope) to `sink` as
/// soon as it is read, instead of keeping it in the tree; the tree holds that array empty. A feed
/// of any length is then read with the memory of one item.
pub fn parse_streaming<'a>(
    input: &'a [u8],
    options: ParseOptions,
    sink: &mut dyn FnMut(Node<'a>, ItemList),
) -> Parsed<'a> {
    parse_inner(input, options, Some(sink))
}

fn parse_inner<'a, 's>(
    input: &'a [u8],
    options: ParseOptions,
    sink: Option<&'s mut dyn FnMut(Node<'a>, ItemList)>,
) -> Parsed<'a> {
    if input.len() > options.max_bytes {
        return Parsed {
            root: None,
            problems: vec![JsonProblem {
                code: Code::InputTooLarge,
                message: format!(
                    "the input is {} bytes, more than the limit of {} bytes; split it or raise the limit",
                    input.len(),
                    options.max_bytes
                ),
                span: Span::new(0, 0),
            }],
            stopped: true,
        };
    }
    let start = if input.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    let mut p = Parser {
        bytes: input,
        pos: start,
        options,
        problems: Vec::new(),
        stopped: false,
        depth: 0,
        input_is_utf8: std::str::from_utf8(input).is_ok(),
        items: Vec::new(),
        members: Vec::new(),
        sink,
        data_next: false,
    };
    p.skip_ws();
    if p.pos >= input.len() {
        p.fatal(
            Code::JsonSyntax,
            p.pos,
            "the input is empty; expected a JSON value".into(),
        );
        return Parsed {
            root: None,
            problems: p.problems,
            stopped: true,
        };
    }
    let root = p.value();
    if !p.stopped {
        p.skip_ws();
        if p.pos < input.len() {
            let pos = p.pos;
            p.fatal(
                Code::JsonSyntax,
                pos,
                "unexpected content after the end of the JSON value; a document holds exactly one value".into(),
            );
        }
    }
    let root = if matches!(root.value, Value::Null)
        && !root.complete
        && root.span.start == root.span.end
    {
        None
    } else {
        Some(root)
    };
    Parsed {
        root,
        problems: p.problems,
        stopped: p.stopped,
    }
}

struct Parser<'a, 's> {
    bytes: &'a [u8],
    pos: usize,
    options: ParseOptions,
    problems: Vec<JsonProblem>,
    /// Set by the first fatal error; from then on every level returns what it has.
    stopped: bool,
    depth: usize,
    /// The whole input is valid UTF-8, checked once: string slices between quotes need no
    /// further check then.
    input_is_utf8: bool,
    /// Scratch stacks shared by all open arrays and objects: each container collects its
    /// children here and moves them into one exactly sized `Vec` when it closes, so that a feed of
    /// millions of values does not pay for repeated growth of small vectors.
    items: Vec<Node<'a>>,
    members: Vec<Member<'a>>,
    /// Receives the items of the item list when streaming.
    sink: Option<&'s mut dyn FnMut(Node<'a>, ItemList)>,
    /// The value about to be read is the `data` member of the top-level object.
    data_next: bool,
}

impl<'a> Parser<'a, '_> {
    fn fatal(&mut self, code: Code, at: usize, message: String) {
        if !self.stopped {
            self.stopped = true;
            let end = (at + 1).min(self.bytes.len()).max(at);
            self.problems.push(JsonProblem {
                code,
                message,
                span: Span::new(at, end),
            });
        }
    }

    fn problem(&mut self, code: Code, span: Span, message: String) {
        self.problems.push(JsonProblem {
            code,
            message,
            span,
        });
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        loop {
            match self.peek() {
                Some(b' ' | b'\n' | b'\r' | b'\t') => self.pos += 1,
                Some(b'/') if matches!(self.bytes.get(self.pos + 1), Some(b'/' | b'*')) => {
                    if !self.skip_comment() {
                        return;
                    }
                }
                _ => return,
            }
        }
    }

    /// Skips one comment; returns false when reading must stop.
    fn skip_comment(&mut self) -> bool {
        let start = self.pos;
        let block = self.bytes[self.pos + 1] == b'*';
        if !self.options.allow_comments {
            self.fatal(
                Code::JsonComment,
                start,
                "JSON does not allow comments; remove them, or read the file as JSON with comments (--allow-comments)"
                    .into(),
            );
            return false;
        }
        if block {
            match memchr::memmem::find(&self.bytes[self.pos + 2..], b"*/") {
                Some(i) => self.pos += 2 + i + 2,
                None => {
                    self.fatal(
                        Code::JsonSyntax,
                        start,
                        "a /* comment is never closed".into(),
                    );
                    return false;
                }
            }
        } else {
            match memchr::memchr(b'\n', &self.bytes[self.pos..]) {
                Some(i) => self.pos += i + 1,
                None => self.pos = self.bytes.len(),
            }
        }
        true
    }

    fn unexpected(&mut self, expected: &str) {
        let at = self.pos;
        let message = match self.bytes.get(at) {
            None => format!("the input ends too early; expected {expected}"),
            Some(&b) => format!(
                "unexpected {}; expected {expected}",
                describe_byte(self.bytes, at, b)
            ),
        };
        self.fatal(Code::JsonSyntax, at, message);
    }

    fn value(&mut self) -> Node<'a> {
        let start = self.pos;
        match self.peek() {
            Some(b'{') => self.object(),
            Some(b'[') => self.array(),
            Some(b'"') => {
                let value = self.string();
                Node {
                    span: Span::new(start, self.pos),
                    complete: !self.stopped,
                    value: Value::String(value),
                }
            }
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(b't') => self.literal(b"true", Value::Bool(true)),
            Some(b'f') => self.literal(b"false", Value::Bool(false)),
            Some(b'n') => self.literal(b"null", Value::Null),
            _ => {
                self.unexpected("a value (object, array, string, number, true, false or null)");
                Node {
                    span: Span::new(start, start),
                    value: Value::Null,
                    complete: false,
                }
            }
        }
    }

    fn literal(&mut self, word: &'static [u8], value: Value<'a>) -> Node<'a> {
        let start = self.pos;
        if self.bytes[self.pos..].starts_with(word) {
            self.pos += word.len();
            Node::new(Span::new(start, self.pos), value)
        } else {
            self.unexpected("a value (object, array, string, number, true, false or null)");
            Node {
                span: Span::new(start, start),
                value: Value::Null,
                complete: false,
            }
        }
    }

    fn number(&mut self) -> Node<'a> {
        let start = self.pos;
        let b = self.bytes;
        let mut i = self.pos;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        match b.get(i) {
            Some(b'0') => {
                i += 1;
                if matches!(b.get(i), Some(b'0'..=b'9')) {
                    self.pos = i;
                    self.fatal(
                        Code::JsonSyntax,
                        i,
                        "a number may not have leading zeros".into(),
                    );
                    return Node {
                        span: Span::new(start, i),
                        value: Value::Null,
                        complete: false,
                    };
                }
            }
            Some(b'1'..=b'9') => {
                while matches!(b.get(i), Some(b'0'..=b'9')) {
                    i += 1;
                }
            }
            _ => {
                self.pos = i;
                self.unexpected("a digit");
                return Node {
                    span: Span::new(start, i),
                    value: Value::Null,
                    complete: false,
                };
            }
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            if !matches!(b.get(i), Some(b'0'..=b'9')) {
                self.pos = i;
                self.unexpected("a digit after the decimal point");
                return Node {
                    span: Span::new(start, i),
                    value: Value::Null,
                    complete: false,
                };
            }
            while matches!(b.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if !matches!(b.get(i), Some(b'0'..=b'9')) {
                self.pos = i;
                self.unexpected("a digit in the exponent");
                return Node {
                    span: Span::new(start, i),
                    value: Value::Null,
                    complete: false,
                };
            }
            while matches!(b.get(i), Some(b'0'..=b'9')) {
                i += 1;
            }
        }
        self.pos = i;
        // SAFETY: the bytes are ASCII digits, signs, `.`, `e` and `E`, checked above.
        let text = unsafe { std::str::from_utf8_unchecked(&b[start..i]) };
        Node::new(Span::new(start, i), Value::Number(Cow::Borrowed(text)))
    }

    /// Reads a string starting at the opening quote.
    fn string(&mut self) -> Cow<'a, str> {
        let start = self.pos;
        self.pos += 1;
        let b = self.bytes;
        let content_start = self.pos;
        // Fast path: no escapes and no control characters.
        match memchr::memchr3(b'"', b'\\', b'\n', &b[self.pos..]) {
            Some(i) if b[self.pos + i] == b'"' => {
                let at = self.pos + i;
                let raw = &b[content_start..at];
                if raw.iter().any(|&c| c < 0x20) {
                    return self.string_slow(start);
                }
                self.pos = at + 1;
                self.utf8(raw, Span::new(start, at + 1))
            }
            Some(_) => self.string_slow(start),
            None => {
                self.pos = b.len();
                self.fatal(
                    Code::JsonSyntax,
                    start,
                    "a string is never closed (missing \")".into(),
                );
                let raw = &b[content_start..];
                self.utf8(raw, Span::new(start, b.len()))
            }
        }
    }

    fn utf8(&mut self, raw: &'a [u8], span: Span) -> Cow<'a, str> {
        if self.input_is_utf8 {
            // SAFETY: the whole input was checked to be UTF-8, and `raw` lies between two ASCII
            // quotes (or a quote and the end), which are never inside a multi-byte sequence.
            return Cow::Borrowed(unsafe { std::str::from_utf8_unchecked(raw) });
        }
        match std::str::from_utf8(raw) {
            Ok(s) => Cow::Borrowed(s),
            Err(e) => {
                let at = span.start as usize + 1 + e.valid_up_to();
                self.problem(
                    Code::JsonInvalidUtf8,
                    Span::new(at, at + 1),
                    "the string holds bytes that are not UTF-8 (perhaps Latin-1); they were replaced by \u{FFFD}; save the file as UTF-8"
                        .into(),
                );
                Cow::Owned(String::from_utf8_lossy(raw).into_owned())
            }
        }
    }

    /// Reads a string with escapes or raw control characters, at `self.pos` just after the quote.
    fn string_slow(&mut self, start: usize) -> Cow<'a, str> {
        let b = self.bytes;
        let mut out: Vec<u8> = Vec::new();
        let mut reported_control = false;
        loop {
            let Some(&c) = b.get(self.pos) else {
                self.fatal(
                    Code::JsonSyntax,
                    start,
                    "a string is never closed (missing \")".into(),
                );
                break;
            };
            match c {
                b'"' => {
                    self.pos += 1;
                    break;
                }
                b'\\' => {
                    let esc_at = self.pos;
                    self.pos += 1;
                    let Some(&e) = b.get(self.pos) else {
                        self.fatal(
                            Code::JsonSyntax,
                            esc_at,
                            "the input ends inside an escape sequence".into(),
                        );
                        break;
                    };
                    self.pos += 1;
                    match e {
                        b'"' => out.push(b'"'),
                        b'\\' => out.push(b'\\'),
                        b'/' => out.push(b'/'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'u' => {
                            let Some(ch) = self.unicode_escape(esc_at) else {
                                break;
                            };
                            let mut buf = [0u8; 4];
                            out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                        }
                        _ => {
                            self.fatal(
                                Code::JsonSyntax,
                                esc_at,
                                format!(
                                    "unknown escape sequence \\{}",
                                    describe_byte(b, esc_at + 1, e)
                                ),
                            );
                            break;
                        }
                    }
                }
                c if c < 0x20 => {
                    if !reported_control {
                        reported_control = true;
                        self.problem(
                            Code::JsonSyntax,
                            Span::new(self.pos, self.pos + 1),
                            "a string holds a raw control character (line break or tab); JSON requires it escaped as \\n or \\t; read as written"
                                .into(),
                        );
                    }
                    out.push(c);
                    self.pos += 1;
                }
                _ => {
                    out.push(c);
                    self.pos += 1;
                }
            }
        }
        match String::from_utf8(out) {
            Ok(s) => Cow::Owned(s),
            Err(e) => {
                self.problem(
                    Code::JsonInvalidUtf8,
                    Span::new(start, self.pos),
                    "the string holds bytes that are not UTF-8 (perhaps Latin-1); they were replaced by \u{FFFD}; save the file as UTF-8"
                        .into(),
                );
                Cow::Owned(String::from_utf8_lossy(e.as_bytes()).into_owned())
            }
        }
    }

    fn hex4(&mut self, esc_at: usize) -> Option<u32> {
        let digits = self.bytes.get(self.pos..self.pos + 4);
        let value = digits
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|s| u32::from_str_radix(s, 16).ok());
        match value {
            Some(v) if digits.is_some_and(|d| d.iter().all(u8::is_ascii_hexdigit)) => {
                self.pos += 4;
                Some(v)
            }
            _ => {
                self.fatal(
                    Code::JsonSyntax,
                    esc_at,
                    "\\u must be followed by four hexadecimal digits".into(),
                );
                None
            }
        }
    }

    fn unicode_escape(&mut self, esc_at: usize) -> Option<char> {
        let hi = self.hex4(esc_at)?;
        if (0xD800..0xDC00).contains(&hi) {
            if self.bytes.get(self.pos..self.pos + 2) == Some(b"\\u") {
                let save = self.pos;
                self.pos += 2;
                let lo = self.hex4(esc_at)?;
                if (0xDC00..0xE000).contains(&lo) {
                    return char::from_u32(0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00));
                }
                self.pos = save;
            }
            self.problem(
                Code::JsonInvalidUtf8,
                Span::new(esc_at, self.pos),
                "a \\u escape is half of a surrogate pair; replaced by \u{FFFD}".into(),
            );
            return Some('\u{FFFD}');
        }
        if (0xDC00..0xE000).contains(&hi) {
            self.problem(
                Code::JsonInvalidUtf8,
                Span::new(esc_at, self.pos),
                "a \\u escape is half of a surrogate pair; replaced by \u{FFFD}".into(),
            );
            return Some('\u{FFFD}');
        }
        char::from_u32(hi)
    }

    fn enter(&mut self, at: usize) -> bool {
        self.depth += 1;
        if self.depth > self.options.max_depth {
            self.fatal(
                Code::JsonTooDeep,
                at,
                format!(
                    "arrays and objects nest deeper than {} levels; OCPI data never does",
                    self.options.max_depth
                ),
            );
            return false;
        }
        true
    }

    fn array(&mut self) -> Node<'a> {
        let start = self.pos;
        if !self.enter(start) {
            self.depth -= 1;
            return Node {
                span: Span::new(start, start + 1),
                value: Value::Array(Vec::new()),
                complete: false,
            };
        }
        self.pos += 1;
        let list = match (self.depth, std::mem::take(&mut self.data_next)) {
            _ if self.sink.is_none() => None,
            (1, _) => Some(ItemList::Root),
            (2, true) => Some(ItemList::Data),
            _ => None,
        };
        let base = self.items.len();
        self.skip_ws();
        let mut complete = false;
        if self.peek() == Some(b']') {
            self.pos += 1;
            complete = true;
        }
        while !complete && !self.stopped {
            self.skip_ws();
            if self.stopped {
                break;
            }
            let item = self.value();
            if item.complete || item.span.end > item.span.start {
                match (list, self.sink.as_mut()) {
                    (Some(list), Some(sink)) => sink(item, list),
                    _ => self.items.push(item),
                }
            }
            if self.stopped {
                break;
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    let comma = self.pos;
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b']') {
                        self.trailing_comma(comma);
                        self.pos += 1;
                        complete = true;
                    }
                }
                Some(b']') => {
                    self.pos += 1;
                    complete = true;
                }
                _ => self.unexpected("`,` or `]` in an array"),
            }
        }
        self.depth -= 1;
        let items: Vec<Node<'a>> = self.items.drain(base..).collect();
        Node {
            span: Span::new(start, self.pos),
            value: Value::Array(items),
            complete,
        }
    }

    fn trailing_comma(&mut self, at: usize) {
        if !self.options.allow_comments {
            self.problem(
                Code::JsonSyntax,
                Span::new(at, at + 1),
                "a trailing comma before the closing bracket is not allowed in JSON; read as if absent".into(),
            );
        }
    }

    fn object(&mut self) -> Node<'a> {
        let start = self.pos;
        if !self.enter(start) {
            self.depth -= 1;
            return Node {
                span: Span::new(start, start + 1),
                value: Value::Object(Vec::new()),
                complete: false,
            };
        }
        self.pos += 1;
        let base = self.members.len();
        let mut keys = KeySet::default();
        self.skip_ws();
        let mut complete = false;
        if self.peek() == Some(b'}') {
            self.pos += 1;
            complete = true;
        }
        while !complete && !self.stopped {
            self.skip_ws();
            if self.stopped {
                break;
            }
            if self.peek() != Some(b'"') {
                self.unexpected("a key in double quotes");
                break;
            }
            let key_start = self.pos;
            let key = self.string();
            let key_span = Span::new(key_start, self.pos);
            if self.stopped {
                break;
            }
            self.skip_ws();
            if self.peek() != Some(b':') {
                self.unexpected("`:` after the key");
                break;
            }
            self.pos += 1;
            self.skip_ws();
            if self.stopped {
                break;
            }
            self.data_next = self.depth == 1 && key == "data";
            let node = self.value();
            self.data_next = false;
            if !node.complete && node.span.end == node.span.start {
                break;
            }
            self.insert(
                base,
                &mut keys,
                Member {
                    key,
                    key_span,
                    node,
                },
            );
            if self.stopped {
                break;
            }
            self.skip_ws();
            match self.peek() {
                Some(b',') => {
                    let comma = self.pos;
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek() == Some(b'}') {
                        self.trailing_comma(comma);
                        self.pos += 1;
                        complete = true;
                    }
                }
                Some(b'}') => {
                    self.pos += 1;
                    complete = true;
                }
                _ => self.unexpected("`,` or `}` in an object"),
            }
        }
        self.depth -= 1;
        let members: Vec<Member<'a>> = self.members.drain(base..).collect();
        Node {
            span: Span::new(start, self.pos),
            value: Value::Object(members),
            complete,
        }
    }

    /// Adds a member to the object whose members start at `base` of the scratch stack, reporting
    /// and replacing an earlier one of the same name.
    fn insert(&mut self, base: usize, keys: &mut KeySet<'a>, member: Member<'a>) {
        let existing = keys.find(&member.key, &self.members[base..]);
        if let Some(i) = existing {
            self.problem(
                Code::JsonDuplicateKey,
                member.key_span,
                format!(
                    "the key \"{}\" appears twice in this object; the last value is used (as JavaScript does); remove one",
                    member.key
                ),
            );
            self.members[base + i] = member;
            return;
        }
        keys.add(&member, self.members.len() - base, &self.members[base..]);
        self.members.push(member);
    }
}

/// Finds earlier keys of one object. Small objects (all of OCPI's) are scanned only when a
/// 64-bit filter of key hashes says a key may be present; past 24 keys a hash map takes over, so
/// that an object of a million keys stays linear.
#[derive(Default)]
struct KeySet<'a> {
    filter: u64,
    count: usize,
    index: Option<HashMap<Cow<'a, str>, usize>>,
}

impl<'a> KeySet<'a> {
    const INDEX_FROM: usize = 24;

    fn bit(key: &str) -> u64 {
        let b = key.as_bytes();
        let h = (b.len() as u64)
            .wrapping_mul(31)
            .wrapping_add(b.first().copied().unwrap_or(0) as u64)
            .wrapping_mul(31)
            .wrapping_add(b.last().copied().unwrap_or(0) as u64)
            .wrapping_mul(31)
            .wrapping_add(b.get(b.len() / 2).copied().unwrap_or(0) as u64);
        1 << (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 58)
    }

    fn find(&self, key: &str, members: &[Member<'a>]) -> Option<usize> {
        if let Some(map) = &self.index {
            return map.get(key).copied();
        }
        if self.filter & Self::bit(key) == 0 {
            return None;
        }
        members.iter().position(|m| m.key == key)
    }

    /// Records the key of `member` at `position`; `earlier` are the members before it.
    fn add(&mut self, member: &Member<'a>, position: usize, earlier: &[Member<'a>]) {
        let key = &member.key;
        self.count += 1;
        match &mut self.index {
            Some(map) => {
                map.insert(key.clone(), position);
            }
            None if self.count >= Self::INDEX_FROM => {
                let mut map: HashMap<Cow<'a, str>, usize> = earlier
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (m.key.clone(), i))
                    .collect();
                map.insert(key.clone(), position);
                self.index = Some(map);
            }
            None => self.filter |= Self::bit(key),
        }
    }
}

fn describe_byte(bytes: &[u8], at: usize, b: u8) -> String {
    match b {
        b'\'' => "a single quote (JSON strings use double quotes)".into(),
        0x20..=0x7E => format!("`{}`", b as char),
        _ => match std::str::from_utf8(&bytes[at..(at + 4).min(bytes.len())]) {
            Ok(s) if !s.is_empty() => {
                format!("`{}`", s.chars().next().unwrap_or('?').escape_default())
            }
            _ => format!("byte 0x{b:02X}"),
        },
    }
}
