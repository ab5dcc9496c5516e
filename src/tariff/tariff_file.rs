//! Tariffs as the pricing engine takes them: read from a file (a tariff, a list, an OCPI
//! envelope) or from inside a CDR, and picked by id.

use super::cdr::Cdr;
use super::error::{ErrorCode, PriceError};
use crate::model::{Tariff, read_feed};
use crate::spec::Version;
use crate::validate::{Kind, Options};

/// Reads the tariffs of a document. Versions are detected from the shape; a tariff whose shape
/// says an older version than `at_least` (a 2.2.1 tariff without any field new in 2.2 looks like
/// 2.1.1) is read as `at_least`, the version of the CDR it prices.
pub fn read_tariffs(
    bytes: &[u8],
    allow_comments: bool,
    at_least: Option<Version>,
) -> Result<Vec<Tariff>, PriceError> {
    let tariffs = read_with(bytes, allow_comments, None)?;
    match at_least {
        Some(v) if tariffs.iter().any(|t| t.source.version < v) => {
            read_with(bytes, allow_comments, Some(v))
        }
        _ => Ok(tariffs),
    }
}

/// Reads the tariffs of a document as `version`, whatever their shape says.
pub fn read_tariffs_as(
    bytes: &[u8],
    allow_comments: bool,
    version: Version,
) -> Result<Vec<Tariff>, PriceError> {
    read_with(bytes, allow_comments, Some(version))
}

fn read_with(
    bytes: &[u8],
    allow_comments: bool,
    version: Option<Version>,
) -> Result<Vec<Tariff>, PriceError> {
    let read = |version: Option<Version>| {
        let (reports, feed) = read_feed(&[("tariff", bytes)], |_| Options {
            kind: Some(Kind::Tariff),
            version,
            allow_comments,
            ..Options::default()
        });
        let fatal = reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .find(|d| d.code.as_str().starts_with("json-") && d.severity == crate::Severity::Error);
        match fatal {
            Some(d) if feed.tariffs.is_empty() => Err(PriceError::new(
                ErrorCode::JsonInvalid,
                format!("{} (line {}, column {})", d.message, d.line, d.column),
            )),
            _ => Ok(feed.tariffs),
        }
    };
    read(version)
}

/// Picks the tariff to price with: the one with `id` when given; else the only one; else the
/// one the CDR's periods name first. Several tariffs and nothing to choose by is an error.
pub fn pick_tariff<'t>(
    tariffs: &'t [Tariff],
    id: Option<&str>,
    cdr: Option<&Cdr>,
) -> Result<&'t Tariff, PriceError> {
    let ids = || {
        tariffs
            .iter()
            .map(|t| format!("\"{}\"", t.id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if let Some(id) = id {
        return tariffs.iter().find(|t| t.id == id).ok_or_else(|| {
            PriceError::new(
                ErrorCode::TariffNotFound,
                format!("no tariff with id \"{id}\"; the file has {}", ids()),
            )
        });
    }
    if let [only] = tariffs {
        return Ok(only);
    }
    if let Some(named) = cdr
        .and_then(|c| c.tariff_ids().first().copied())
        .and_then(|id| tariffs.iter().find(|t| t.id == id))
    {
        return Ok(named);
    }
    Err(PriceError::new(
        ErrorCode::TariffNotFound,
        if tariffs.is_empty() {
            "no tariff found".to_string()
        } else {
            format!(
                "{} tariffs ({}); choose one by its id",
                tariffs.len(),
                ids()
            )
        },
    ))
}
