//! Validating whole documents: read the JSON, find the items, detect kind and version, walk each
//! item against its table, then run the rules across fields and across files.

use super::detect::{self, Detection, Kind};
use super::envelope;
use super::report::{Context, FileReport, Item};
use super::rules;
use super::walk::Walker;
use crate::diagnostic::{Code, Diagnostic};
use crate::json::{self, ItemList, Member, Node, ParseOptions, Pointer, Span, Value};
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
/// each file's name). The reports keep every item's lenient value in `read`.
pub fn validate_files_with<'a>(
    files: &[(&str, &'a [u8])],
    options_for: impl Fn(&str) -> Options,
) -> Vec<FileReport<'a>> {
    run(files, options_for, true, &mut |_, _, _, _| {})
}

/// Validates files as one feed, handing each location or tariff to `on_item` right after its
/// walk and rules, then keeping only what the rules across files need (ids, tariff references)
/// in `read`. The model is built this way (`model::read_feed`), so that a feed of any size is
/// read with the memory of what is built from it plus one item. `on_item` receives the index of
/// the file, the kind, the version and the item.
pub fn validate_files_streaming<'a>(
    files: &[(&str, &'a [u8])],
    options_for: impl Fn(&str) -> Options,
    on_item: &mut dyn FnMut(usize, Kind, Version, &Item<'a>),
) -> Vec<FileReport<'a>> {
    run(files, options_for, false, on_item)
}

fn run<'a>(
    files: &[(&str, &'a [u8])],
    options_for: impl Fn(&str) -> Options,
    keep_items: bool,
    on_item: &mut dyn FnMut(usize, Kind, Version, &Item<'a>),
) -> Vec<FileReport<'a>> {
    // Tariff references are checked only when tariffs are given alongside; without any, the
    // reduced items need no references at all. Every tariff has one of these keys.
    let tariffs_given = files
        .iter()
        .any(|(path, _)| options_for(path).kind == Some(Kind::Tariff))
        || [
            &b"\"elements\""[..],
            b"\"currency\"",
            b"\"tariff_alt_text\"",
        ]
        .iter()
        .any(|key| {
            files
                .iter()
                .any(|(_, bytes)| memchr::memmem::find(bytes, key).is_some())
        });
    let mut reports: Vec<FileReport<'a>> = files
        .iter()
        .enumerate()
        .map(|(i, (path, bytes))| {
            let mut hook =
                |kind: Kind, version: Version, item: &Item<'a>| on_item(i, kind, version, item);
            let keep = match (keep_items, tariffs_given) {
                (true, _) => Keep::Everything,
                (false, true) => Keep::IdsAndReferences,
                (false, false) => Keep::Ids,
            };
            validate_one(path, bytes, &options_for(path), keep, &mut hook)
        })
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
        envelope: Default::default(),
        read: Vec::new(),
        line_index: None,
    }
}

/// How much of each location or tariff a report keeps once it has been handed on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Keep {
    /// The whole lenient value.
    Everything,
    /// Ids, tariff validity and tariff references: what the rules across files need.
    IdsAndReferences,
    /// Ids only (no tariffs in the feed, so no reference can be checked).
    Ids,
}

/// Kind and version are decided on this many items (or all, if fewer); later items are read
/// with that decision as they arrive.
const DETECT_FROM: usize = 64;

/// Fields that exist only in 2.3.0 and never as a value, searched in the raw bytes of a feed whose
/// first items look like 2.2.1: a 2.3.0 feed may carry them only on later items.
const V2_3_0_KEYS: &[&str] = &[
    "\"parking_places\"",
    "\"help_phone\"",
    "\"accepted_service_providers\"",
    "\"tax_included\"",
    "\"preauthorize_amount\"",
    "\"before_taxes\"",
];

/// The state of reading one file: items wait in `buffer` until kind and version are decided,
/// then each is walked, checked, handed on and (when streaming) reduced as it arrives.
struct FileReader<'a, 'o, 'h> {
    bytes: &'a [u8],
    options: &'o Options,
    keep: Keep,
    on_item: &'h mut dyn FnMut(Kind, Version, &Item<'a>),
    report: FileReport<'a>,
    buffer: Vec<(Node<'a>, Pointer<'a>)>,
    decided: Option<(Kind, Version, &'static ObjectSpec)>,
    /// No kind could be recognised in the first items: the rest is not walked.
    unrecognised: bool,
    stopped: bool,
}

impl<'a> FileReader<'a, '_, '_> {
    fn push(&mut self, node: Node<'a>, pointer: Pointer<'a>) {
        if self.decided.is_some() {
            self.process(node, pointer);
        } else if !self.unrecognised {
            self.buffer.push((node, pointer));
            if self.buffer.len() >= DETECT_FROM {
                self.decide();
            }
        }
    }

    /// Detects kind and version on the buffered items and reads them.
    fn decide(&mut self) {
        let buffer = std::mem::take(&mut self.buffer);
        if buffer.is_empty() {
            return;
        }
        let candidates: Vec<&Node> = buffer.iter().map(|(n, _)| n).collect();
        let mut cx = Context {
            diagnostics: &mut self.report.diagnostics,
            spec_ref: "OCPI",
        };
        let Some(kind) = self
            .options
            .kind
            .or_else(|| detect::detect_kind(&candidates))
        else {
            self.unrecognised = true;
            if !self.stopped {
                cx.report(
                    Code::DocumentUnrecognized,
                    Span::new(0, 0),
                    String::new(),
                    "",
                    "this is not a Location, Tariff, Versions or Version details document: none of their fields were found; pass --kind to say which it is"
                        .into(),
                );
            }
            return;
        };
        let mut detection = detect::detect_version(kind, &candidates);
        if buffer.len() >= DETECT_FROM {
            detection.reason = format!("in the first {DETECT_FROM} items, {}", detection.reason);
            if detection.version == Version::V2_2_1 && matches!(kind, Kind::Location | Kind::Tariff)
            {
                let later = V2_3_0_KEYS
                    .iter()
                    .find(|k| memchr::memmem::find(self.bytes, k.as_bytes()).is_some());
                if let Some(key) = later {
                    detection.version = Version::V2_3_0;
                    detection.reason = format!(
                        "{}; but {key}, which exists only in 2.3.0, occurs further on",
                        detection.reason
                    );
                }
            }
        }
        let version = resolve_version(kind, &detection, self.options, &candidates, &mut cx);
        self.report.kind = Some(kind);
        self.report.version = Some(version);
        self.report.version_reason = match self.options.version {
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
        self.decided = Some((kind, version, object));
        for (node, pointer) in buffer {
            self.process(node, pointer);
        }
    }

    /// Walks one item, runs its rules, hands it on and keeps it (whole, or reduced when streaming).
    fn process(&mut self, node: Node<'a>, pointer: Pointer<'a>) {
        let Some((kind, version, object)) = self.decided else {
            return;
        };
        let walk_start = self.report.diagnostics.len();
        let Some(item) = walk_item(
            node,
            pointer,
            object,
            kind,
            &mut self.report.diagnostics,
            version.spec(),
        ) else {
            return;
        };
        self.report.items += 1;
        if matches!(kind, Kind::Location | Kind::Tariff) {
            rules::check_item(
                kind,
                version,
                &item,
                walk_start,
                &mut self.report.diagnostics,
                self.options.now,
            );
            (self.on_item)(kind, version, &item);
            if self.keep != Keep::Everything {
                let Item {
                    node,
                    pointer,
                    has_errors,
                } = item;
                let node = skeleton(node, kind, self.keep == Keep::IdsAndReferences);
                self.report.read.push(Item {
                    node,
                    pointer,
                    has_errors,
                });
                return;
            }
        }
        self.report.read.push(item);
    }
}

/// What the rules across files need of an item: its ids, tariff validity and tariff references,
/// at their places. The rest of the lenient value is dropped once the model holds it; EVSEs and
/// connectors that reference no tariff become `null`, which keeps the indices of the others.
fn skeleton(node: Node<'_>, kind: Kind, references: bool) -> Node<'_> {
    match kind {
        Kind::Location if references => keep(node, &["id", "country_code", "party_id", "evses"]),
        Kind::Location => keep(node, &["id", "country_code", "party_id"]),
        Kind::Tariff => keep(
            node,
            &[
                "id",
                "country_code",
                "party_id",
                "type",
                "start_date_time",
                "end_date_time",
            ],
        ),
        Kind::Versions | Kind::VersionDetails => node,
    }
}

/// Keeps the members named in `fields`; below `evses` and `connectors`, only tariff references.
fn keep<'a>(node: Node<'a>, fields: &[&str]) -> Node<'a> {
    let Node {
        span,
        complete,
        value,
    } = node;
    let Value::Object(members) = value else {
        return Node {
            span,
            complete,
            value,
        };
    };
    let mut kept: Vec<Member<'a>> = Vec::new();
    for mut m in members {
        if !fields.contains(&m.key.as_ref()) {
            continue;
        }
        m.node = match m.key.as_ref() {
            "evses" => each(m.node, &["connectors"]),
            "connectors" => each(m.node, &["tariff_ids", "tariff_id"]),
            _ => m.node,
        };
        if !m.node.is_null() {
            kept.push(m);
        }
    }
    kept.shrink_to_fit();
    Node {
        span,
        complete,
        value: Value::Object(kept),
    }
}

/// Applies [`keep`] to each entry of a list; entries left empty become `null`, and a list of
/// nothing but `null` becomes `null` itself.
fn each<'a>(node: Node<'a>, fields: &[&str]) -> Node<'a> {
    let Value::Array(items) = node.value else {
        return Node::new(node.span, Value::Null);
    };
    let mut kept: Vec<Node<'a>> = items
        .into_iter()
        .map(|n| {
            let n = keep(n, fields);
            match &n.value {
                Value::Object(m) if m.is_empty() => Node::new(n.span, Value::Null),
                _ => n,
            }
        })
        .collect();
    if kept.iter().all(Node::is_null) {
        return Node::new(node.span, Value::Null);
    }
    // `collect` reuses the list's old buffer, sized for what the entries held before.
    kept.shrink_to_fit();
    Node {
        span: node.span,
        complete: node.complete,
        value: Value::Array(kept),
    }
}

fn validate_one<'a>(
    path: &str,
    bytes: &'a [u8],
    options: &Options,
    keep: Keep,
    on_item: &mut dyn FnMut(Kind, Version, &Item<'a>),
) -> FileReport<'a> {
    let mut reader = FileReader {
        bytes,
        options,
        keep,
        on_item,
        report: empty_report(path),
        buffer: Vec::new(),
        decided: None,
        unrecognised: false,
        stopped: false,
    };
    let mut streamed = 0usize;
    let parsed = json::parse_streaming(bytes, options.parse_options(), &mut |node, list| {
        let mut pointer = Pointer::root();
        if list == ItemList::Data {
            pointer.push_key("data".into());
        }
        pointer.push_index(streamed);
        streamed += 1;
        reader.push(node, pointer);
    });
    reader.stopped = parsed.stopped;
    let mut cx = Context {
        diagnostics: &mut reader.report.diagnostics,
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
    if let Some(root) = parsed.root {
        cx.spec_ref = "OCPI";
        let data_streamed = matches!(&root.value, Value::Object(m) if m.iter().any(|m| m.key == "data" && matches!(m.node.value, Value::Array(_))));
        let unwrapped = envelope::unwrap(root, data_streamed, &mut cx);
        let status_error = unwrapped.status_error;
        reader.report.envelope = unwrapped.envelope;
        for (node, pointer) in unwrapped.items {
            reader.push(node, pointer);
        }
        if streamed == 0
            && reader.buffer.is_empty()
            && reader.decided.is_none()
            && !reader.unrecognised
        {
            if !status_error {
                reader.report.version_reason = "the document holds no items".into();
            }
            return reader.report;
        }
    }
    if reader.decided.is_none() {
        reader.decide();
    }
    let mut report = reader.report;
    if let (Some(kind @ (Kind::Versions | Kind::VersionDetails)), Some(version)) =
        (report.kind, report.version)
    {
        rules::check_file(
            kind,
            version,
            &report.read,
            &mut report.diagnostics,
            options.now,
        );
    }
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
