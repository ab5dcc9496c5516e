//! Printing reports: human text in the manner of rustc, or one JSON document.

use crate::input::Input;
use ocpi_open_data::json::LineIndex;
use ocpi_open_data::validate::{FeedReport, FileReport};
use ocpi_open_data::{Diagnostic, Severity};
use std::io::{self, Write};

pub fn json_report(out: &mut impl Write, reports: &[FileReport<'_>]) -> io::Result<()> {
    serde_json::to_writer(&mut *out, &FeedReport::new(reports))?;
    writeln!(out)
}

pub fn text_report(
    out: &mut impl Write,
    reports: &[FileReport<'_>],
    inputs: &[Input],
    show: impl Fn(Severity) -> bool,
) -> io::Result<()> {
    for (report, input) in reports.iter().zip(inputs) {
        // Validation leaves the index of lines in the report; build one only if it did not.
        let built;
        let index = match &report.line_index {
            Some(index) => index,
            None => {
                built = LineIndex::new(&input.bytes);
                &built
            }
        };
        for d in report.diagnostics.iter().filter(|d| show(d.severity)) {
            diagnostic(out, d, &report.path, &input.bytes, index)?;
        }
        let kind = report.kind.map_or("unrecognised document", |k| k.as_str());
        let version = report
            .version
            .map_or_else(String::new, |v| format!(", OCPI {v}"));
        let reason = if report.version_reason.is_empty() {
            String::new()
        } else {
            format!(" ({})", report.version_reason)
        };
        let s = report.summary();
        writeln!(out, "{}: {kind}{version}{reason}", report.path)?;
        writeln!(
            out,
            "  {} items read, {} without errors; {} errors, {} warnings, {} infos",
            report.items, report.items_ok, s.errors, s.warnings, s.infos
        )?;
    }
    if reports.len() > 1 {
        let s = FeedReport::new(reports).summary;
        writeln!(
            out,
            "total: {} errors, {} warnings, {} infos",
            s.errors, s.warnings, s.infos
        )?;
    }
    Ok(())
}

fn diagnostic(
    out: &mut impl Write,
    d: &Diagnostic,
    path: &str,
    text: &[u8],
    index: &LineIndex,
) -> io::Result<()> {
    writeln!(out, "{}[{}]: {}", d.severity.as_str(), d.code, d.message)?;
    let pointer = if d.pointer.is_empty() {
        String::new()
    } else {
        format!(" at {}", d.pointer)
    };
    writeln!(out, "  --> {path}:{}:{}{pointer}", d.line, d.column)?;
    if d.line > 0 {
        let line_text = String::from_utf8_lossy(index.line_text(text, d.line));
        // Long lines (minified JSON) are shown around the column only.
        let chars: Vec<char> = line_text.chars().collect();
        let col = (d.column as usize).saturating_sub(1);
        let (start, prefix) = if chars.len() > 120 && col > 50 {
            (col - 50, "…")
        } else {
            (0, "")
        };
        let end = (start + 120).min(chars.len());
        let shown: String = chars[start.min(end)..end]
            .iter()
            .map(|&c| if c == '\t' { ' ' } else { c })
            .collect();
        let suffix = if end < chars.len() { "…" } else { "" };
        let gutter = d.line.to_string().len();
        let caret_at = prefix.chars().count() + col - start.min(col);
        let width = ((d.span.end.saturating_sub(d.span.start)) as usize).clamp(1, 40);
        writeln!(out, "{:gutter$} |", "")?;
        writeln!(out, "{} | {prefix}{shown}{suffix}", d.line)?;
        writeln!(
            out,
            "{:gutter$} | {}{}",
            "",
            " ".repeat(caret_at),
            "^".repeat(width)
        )?;
    }
    writeln!(out, "  = spec: {}", d.spec)?;
    writeln!(out)
}
