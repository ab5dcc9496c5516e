//! What validating one file produces, and the context that collects it.

use super::detect::Kind;
use crate::diagnostic::{Code, Diagnostic, Severity, Summary};
use crate::json::{LineIndex, Node, Span};
use crate::spec::Version;
use serde::Serialize;

/// Collects diagnostics of one file that are not tied to a version's tables.
pub struct Context<'d> {
    pub diagnostics: &'d mut Vec<Diagnostic>,
    /// `OCPI 2.2.1` once the version is known.
    pub spec_ref: &'static str,
}

impl Context<'_> {
    pub fn report(
        &mut self,
        code: Code,
        span: Span,
        pointer: String,
        section: &str,
        message: String,
    ) {
        self.diagnostics.push(Diagnostic {
            severity: code.severity(),
            code,
            message,
            pointer,
            line: 0,
            column: 0,
            spec: if section.is_empty() {
                self.spec_ref.to_string()
            } else {
                format!("{} {}", self.spec_ref, section)
            },
            span,
        });
    }
}

/// One top-level object read from a file, after the spec walk.
#[derive(Debug)]
pub struct Item<'a> {
    /// The lenient value: coerced where needed, invalid fields dropped, unknown fields kept.
    pub node: Node<'a>,
    /// Pointer of the item in the file, e.g. `/data/3`.
    pub pointer: String,
    /// Whether any error was reported inside the item.
    pub has_errors: bool,
}

/// The result of validating one file. Its JSON form (the fields below, in this order) is one
/// entry of `files` in the CLI's `validate --format json` and what the npm package's `validate`
/// returns.
#[derive(Debug, Serialize)]
pub struct FileReport<'a> {
    pub path: String,
    pub kind: Option<Kind>,
    pub version: Option<Version>,
    pub version_reason: String,
    /// Number of top-level objects read.
    pub items: usize,
    /// Number of those without errors.
    pub items_ok: usize,
    pub diagnostics: Vec<Diagnostic>,
    /// The envelope's status and a paging wrapper's next page and total.
    #[serde(skip)]
    pub envelope: super::envelope::EnvelopeInfo,
    #[serde(skip)]
    pub read: Vec<Item<'a>>,
    #[serde(skip)]
    pub line_index: Option<LineIndex>,
}

impl FileReport<'_> {
    pub fn summary(&self) -> Summary {
        Summary::of(&self.diagnostics)
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }

    /// Puts diagnostics in document order, fills in lines and columns, and counts clean items.
    pub fn finish(&mut self, text: &[u8]) {
        let index = self.line_index.get_or_insert_with(|| LineIndex::new(text));
        let offsets: Vec<u32> = self.diagnostics.iter().map(|d| d.span.start).collect();
        let places = index.line_columns(text, &offsets);
        for (d, (line, column)) in self.diagnostics.iter_mut().zip(places) {
            if d.line == 0 {
                d.line = line;
                d.column = column;
            }
        }
        self.diagnostics.sort_by(|a, b| {
            (a.span.start, a.severity, a.code, &a.pointer, &a.message).cmp(&(
                b.span.start,
                b.severity,
                b.code,
                &b.pointer,
                &b.message,
            ))
        });
        self.diagnostics.dedup();
        let mut error_pointers: Vec<&str> = self
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .map(|d| d.pointer.as_str())
            .collect();
        error_pointers.sort_unstable();
        for item in &mut self.read {
            // Sorted, the pointers inside an item follow the item's own pointer directly
            // (`/data/3`, `/data/3/...` sort before `/data/30`).
            let first = error_pointers.partition_point(|p| *p < item.pointer.as_str());
            item.has_errors = error_pointers
                .get(first)
                .is_some_and(|p| is_within(p, &item.pointer));
        }
        self.items_ok = self.read.iter().filter(|i| !i.has_errors).count();
    }
}

/// The JSON document of a validation: the report of every file and the counts over all of them.
/// The CLI's `validate --format json` prints it; the npm package's `validateFeed` returns it.
#[derive(Debug, Serialize)]
pub struct FeedReport<'r, 'a> {
    pub files: &'r [FileReport<'a>],
    pub summary: Summary,
}

impl<'r, 'a> FeedReport<'r, 'a> {
    pub fn new(files: &'r [FileReport<'a>]) -> Self {
        let summary = files.iter().fold(Summary::default(), |mut s, r| {
            s.merge(r.summary());
            s
        });
        FeedReport { files, summary }
    }
}

/// Whether `pointer` is `base` or lies inside it.
pub fn is_within(pointer: &str, base: &str) -> bool {
    pointer.starts_with(base)
        && (pointer.len() == base.len()
            || pointer.as_bytes()[base.len()] == b'/'
            || base.is_empty())
}
