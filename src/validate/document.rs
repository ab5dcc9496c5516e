//! Validating whole documents: read the JSON, find the items, detect kind and version, walk each
//! item against its table, then run the rules across fields and across files.

use super::detect::{self, Detection, Kind};
use super::envelope;
use super::report::{Context, FileReport, Item};
use super::rules;
use super::walk::Walker;
use crate::diagnostic::{Code, Diagnostic};
use crate::json::{self, Node, ParseOptions, Pointer, Span, Value};
use crate::spec::{ObjectSpec, Version};

/// How to read a document.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Read as this version whatever the shape says (a mismatch is still reported).
    pub version: Option<Version>,
    /// Read as this kind instead of detecting it.
    pub kind: Option<Kind>,
    /// The version the data claims to be (from its URL, file name or the feed's version list).
    pub label: Option<String>,
    /// Accept JSON with `//` comments and trailing commas.
    pub allow_comments: bool,
    /// Limits; zero means the default (depth 128, 1 GiB).
    pub max_depth: usize,
    pub max_bytes: usize,
    /// The moment "now" for rules about the future; `None` skips them.
    pub now: Option<jiff::Timestamp>,
}

impl Options {
    fn parse_options(&self) -> ParseOptions {
        let d = ParseOptions::default();
        ParseOptions {
            allow_comments: self.allow_comments,
            max_depth: if self.max_depth == 0 {
                d.max_depth
            } else {
                self.max_depth
            },
            max_bytes: if self.max_bytes == 0 {
                d.max_bytes
            } else {
                self.max_bytes
            },
        }
    }
}

/// Validates several files as one feed: each file alone, then ids and tariff references across
/// all of them.
pub fn validate_files<'a>(files: &[(&str, &'a [u8])], options: &Options) -> Vec<FileReport<'a>> {
    validate_files_with(files, |_| options.clone())
}

/// Like [`validate_files`], with options chosen per file (for example a version label taken from
/// each file's name).
pub fn validate_files_with<'a>(
    files: &[(&str, &'a [u8])],
    options_for: impl Fn(&str) -> Options,
) -> Vec<FileReport<'a>> {
    let mut reports: Vec<FileReport<'a>> = files
        .iter()
        .map(|(path, bytes)| validate_one(path, bytes, &options_for(path)))
        .collect();
    rules::check_feed(&mut reports);
    for (report, (_, bytes)) in reports.iter_mut().zip(files) {
        report.finish(bytes);
    }
    reports
}

/// Validates one file.
pub fn validate_document<'a>(path: &str, bytes: &'a [u8], options: &Options) -> FileReport<'a> {
    let mut reports = validate_files(&[(path, bytes)], options);
    reports.pop().expect("one report per file")
}

fn empty_report<'a>(path: &str) -> FileReport<'a> {
    FileReport {
        path: path.to_string(),
        kind: None,
        version: None,
        version_reason: String::new(),
        items: 0,
        items_ok: 0,
        diagnostics: Vec::new(),
        read: Vec::new(),
        line_index: None,
    }
}

fn validate_one<'a>(path: &str, bytes: &'a [u8], options: &Options) -> FileReport<'a> {
    let mut report = empty_report(path);
    let parsed = json::parse(bytes, options.parse_options());
    let mut cx = Context {
        diagnostics: &mut report.diagnostics,
        spec_ref: "JSON",
    };
    for problem in &parsed.problems {
        let pointer = parsed
            .root
            .as_ref()
            .map(|r| json::pointer_at(r, problem.span.start))
            .unwrap_or_default();
        cx.report(
            problem.code,
            problem.span,
            pointer,
            "",
            problem.message.clone(),
        );
    }
    let Some(root) = parsed.root else {
        return report;
    };
    cx.spec_ref = "OCPI";
    let unwrapped = envelope::unwrap(root, &mut cx);
    if unwrapped.items.is_empty() {
        if !unwrapped.status_error {
            report.version_reason = "the document holds no items".into();
        }
        return report;
    }
    let candidates: Vec<&Node> = unwrapped.items.iter().map(|(n, _)| n).collect();
    let kind = options.kind.or_else(|| detect::detect_kind(&candidates));
    let Some(kind) = kind else {
        if parsed.stopped {
            // The syntax error already says why nothing could be recognised.
            return report;
        }
        cx.report(
            Code::DocumentUnrecognized,
            Span::new(0, 0),
            String::new(),
            "",
            "this is not a Location, Tariff, Versions or Version details document: none of their fields were found; pass --kind to say which it is"
                .into(),
        );
        return report;
    };
    report.kind = Some(kind);
    let detection = detect::detect_version(kind, &candidates);
    let version = resolve_version(kind, &detection, options, &candidates, &mut cx);
    report.version = Some(version);
    report.version_reason = match options.version {
        Some(v) if v != detection.version => {
            format!(
                "forced by the caller; the shape looks like {} ({})",
                detection.version, detection.reason
            )
        }
        Some(_) => format!(
            "forced by the caller; the shape agrees ({})",
            detection.reason
        ),
        None if version != detection.version => {
            format!(
                "labelled {version}, which the shape fits: {}",
                detection.reason
            )
        }
        None => detection.reason.clone(),
    };

    let spec = version.spec();
    let object: &'static ObjectSpec = match kind {
        Kind::Location => spec.location,
        Kind::Tariff => spec.tariff,
        Kind::Versions => spec.version_info,
        Kind::VersionDetails => spec.version_details,
    };
    for (node, pointer) in unwrapped.items {
        if let Some(item) = walk_item(node, pointer, object, kind, &mut report.diagnostics, spec) {
            report.read.push(item);
        }
    }
    report.items = report.read.len();
    rules::check_file(
        kind,
        version,
        &report.read,
        &mut report.diagnostics,
        options.now,
    );
    report
}

fn walk_item<'a>(
    node: Node<'a>,
    pointer: Pointer<'a>,
    object: &'static ObjectSpec,
    kind: Kind,
    diagnostics: &mut Vec<Diagnostic>,
    spec: &'static crate::spec::VersionSpec,
) -> Option<Item<'a>> {
    let rendered = pointer.render();
    let mut walker = Walker::new(spec, pointer, diagnostics);
    if !node.complete {
        walker.report(
            Code::ItemTruncated,
            node.span,
            object.section,
            format!("this {} was cut off by the syntax error and is skipped; the items before it were read", kind.as_str()),
        );
        return None;
    }
    if !matches!(node.value, Value::Object(_)) {
        walker.report(
            Code::ItemDropped,
            node.span,
            object.section,
            format!(
                "an item must be a {} object, not a {}; skipped",
                object.name,
                node.type_name()
            ),
        );
        return None;
    }
    let node = walker.object(node, object);
    Some(Item {
        node,
        pointer: rendered,
        has_errors: false,
    })
}

/// Chooses the version to read with, reporting labels and shapes that disagree.
fn resolve_version(
    kind: Kind,
    detection: &Detection,
    options: &Options,
    items: &[&Node<'_>],
    cx: &mut Context<'_>,
) -> Version {
    let mut labels: Vec<String> = options.label.iter().cloned().collect();
    if kind == Kind::VersionDetails {
        labels.extend(
            items
                .iter()
                .filter_map(|i| i.get("version").and_then(Node::as_str))
                .map(str::to_string),
        );
    }
    let shape = detection.version;
    // A 2.2.1 shape is a valid 2.3.0 document that uses no 2.3.0 field: the label decides then.
    let compatible =
        |label: Version| label == shape || (label == Version::V2_3_0 && shape == Version::V2_2_1);
    let labelled = labels.iter().find_map(|l| Version::from_label(l));
    let chosen = match (options.version, labelled) {
        (Some(forced), _) => forced,
        (None, Some(label))
            if compatible(label) && matches!(kind, Kind::Location | Kind::Tariff) =>
        {
            label
        }
        _ => shape,
    };
    let place = Span::new(0, 0);
    for label in &labels {
        match Version::from_label(label) {
            // A details document of 2.0 or 2.1 is valid content of the versions module.
            None if kind == Kind::VersionDetails && matches!(label.trim(), "2.0" | "2.1") => {}
            None => cx.report(
                Code::VersionUnsupported,
                place,
                String::new(),
                "",
                format!(
                    "the data is labelled OCPI {label}, which this tool does not read (it reads 2.1.1, 2.2.1 and 2.3.0); it was checked against the {shape} tables its shape matches, so read the results with care"
                ),
            ),
            Some(v) => {
                let trimmed = label.trim().trim_start_matches(['v', 'V']);
                if trimmed == "2.2" || trimmed == "2.1" {
                    cx.report(
                        Code::VersionWithdrawn,
                        place,
                        String::new(),
                        "",
                        format!("the data is labelled {trimmed}, a withdrawn version; read as {v}"),
                    );
                }
                if !compatible(v) && kind != Kind::VersionDetails && kind != Kind::Versions {
                    cx.report(
                        Code::VersionShapeMismatch,
                        place,
                        String::new(),
                        "",
                        format!(
                            "the data is labelled {trimmed} but has the shape of {shape} ({}); read as {chosen}",
                            detection.reason
                        ),
                    );
                }
            }
        }
    }
    if !detection.minority.is_empty() && chosen == shape {
        let mut fields: Vec<String> = detection
            .minority
            .iter()
            .map(|(v, f)| format!("`{f}` ({v})"))
            .collect();
        fields.dedup();
        cx.report(
            Code::VersionShapeMismatch,
            place,
            String::new(),
            "",
            format!(
                "the data mixes fields of another version into its {shape} shape: {}; each is read as its {shape} equivalent where one exists",
                fields.join(", ")
            ),
        );
    }
    if let Some(forced) = options.version
        && !compatible(forced)
        && matches!(kind, Kind::Location | Kind::Tariff)
    {
        cx.report(
            Code::VersionShapeMismatch,
            place,
            String::new(),
            "",
            format!(
                "read as {forced} as asked, but the data has the shape of {shape} ({})",
                detection.reason
            ),
        );
    }
    chosen
}

/// Validates a document as one object of the given table (for parts such as an EnergyMix or a
/// PATCH body). `partial` allows required fields to be absent.
pub fn validate_as<'a>(
    path: &str,
    bytes: &'a [u8],
    version: Version,
    object: &str,
    partial: bool,
) -> FileReport<'a> {
    let mut report = empty_report(path);
    let spec = version.spec();
    let Some(object) = spec.object(object) else {
        panic!("no table {object} in {version}");
    };
    report.version = Some(version);
    report.version_reason = "forced by the caller".into();
    let parsed = json::parse(bytes, ParseOptions::default());
    let mut cx = Context {
        diagnostics: &mut report.diagnostics,
        spec_ref: "JSON",
    };
    for problem in &parsed.problems {
        cx.report(
            problem.code,
            problem.span,
            String::new(),
            "",
            problem.message.clone(),
        );
    }
    if let Some(root) = parsed.root {
        let mut walker = Walker::new(spec, Pointer::root(), &mut report.diagnostics);
        walker.partial = partial;
        if matches!(root.value, Value::Object(_)) {
            let node = walker.object(root, object);
            report.read.push(Item {
                node,
                pointer: String::new(),
                has_errors: false,
            });
        } else {
            walker.report(
                Code::ItemDropped,
                root.span,
                object.section,
                format!("expected a {} object", object.name),
            );
        }
    }
    report.items = report.read.len();
    let kind = match object.name {
        "Location" => Some(Kind::Location),
        "Tariff" => Some(Kind::Tariff),
        _ => None,
    };
    if let Some(kind) = kind {
        report.kind = Some(kind);
        // A PATCH body holds only what changed: rules about the whole object do not apply.
        if !partial {
            rules::check_file(kind, version, &report.read, &mut report.diagnostics, None);
        }
    }
    report.finish(bytes);
    report
}
