//! RFC 6901 JSON Pointers: built while walking, rendered only when a diagnostic needs one.

use super::value::{Node, Value};
use std::borrow::Cow;

/// A path from the document root to a value.
#[derive(Debug, Clone, Default)]
pub struct Pointer<'a> {
    segments: Vec<Segment<'a>>,
}

#[derive(Debug, Clone)]
enum Segment<'a> {
    Key(Cow<'a, str>),
    Index(usize),
}

impl<'a> Pointer<'a> {
    pub fn root() -> Pointer<'a> {
        Pointer {
            segments: Vec::new(),
        }
    }

    pub fn push_key(&mut self, key: Cow<'a, str>) {
        self.segments.push(Segment::Key(key));
    }

    pub fn push_index(&mut self, index: usize) {
        self.segments.push(Segment::Index(index));
    }

    pub fn pop(&mut self) {
        self.segments.pop();
    }

    pub fn depth(&self) -> usize {
        self.segments.len()
    }

    /// Drops segments until `depth` remain.
    pub fn truncate(&mut self, depth: usize) {
        self.segments.truncate(depth);
    }

    /// The pointer text, e.g. `/data/3/evses/0/uid`.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for segment in &self.segments {
            out.push('/');
            match segment {
                Segment::Key(k) => escape_into(&mut out, k),
                Segment::Index(i) => out.push_str(&i.to_string()),
            }
        }
        out
    }

    /// The pointer text with one more key, without changing the pointer.
    pub fn render_with(&self, key: &str) -> String {
        let mut out = self.render();
        out.push('/');
        escape_into(&mut out, key);
        out
    }
}

fn escape_into(out: &mut String, key: &str) {
    for c in key.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
}

/// The pointer of the innermost value that contains byte `offset` (used to place JSON syntax
/// problems, which are found before any walk).
pub fn pointer_at(root: &Node<'_>, offset: u32) -> String {
    let mut pointer = Pointer::root();
    let mut node = root;
    loop {
        let next = match &node.value {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .find(|(_, n)| n.span.start <= offset && offset < n.span.end.max(n.span.start + 1)),
            Value::Object(members) => {
                let found = members.iter().find(|m| {
                    m.key_span.start <= offset
                        && offset < m.node.span.end.max(m.node.span.start + 1)
                });
                match found {
                    Some(m) => {
                        pointer.push_key(Cow::Borrowed(&m.key));
                        node = &m.node;
                        continue;
                    }
                    None => None,
                }
            }
            _ => None,
        };
        match next {
            Some((i, n)) => {
                pointer.push_index(i);
                node = n;
            }
            None => return pointer.render(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_tilde_and_slash() {
        let mut p = Pointer::root();
        p.push_key("a/b".into());
        p.push_index(3);
        p.push_key("m~n".into());
        assert_eq!(p.render(), "/a~1b/3/m~0n");
    }
}
