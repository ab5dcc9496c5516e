//! The tokens of one moment as a document: what the CLI's `totp --format json` prints and the
//! npm package's `Totp#tokens` returns. No secret in it.

use super::{Totp, TotpError, TotpHeader};
use serde::Serialize;

/// The previous, current and next token at a moment, with the slot's parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TotpReport {
    pub at_ms: i64,
    pub slot: u64,
    pub validity_seconds: u64,
    pub hash_algorithm: &'static str,
    pub previous: String,
    pub current: String,
    pub next: String,
    pub remaining_seconds: u64,
    /// The header line to send: `TOTP: 0 <current>`.
    pub header: String,
}

impl TotpReport {
    /// The plain (not TLS-bound) tokens of `totp` at `at_ms` (Unix milliseconds).
    pub fn at(totp: &Totp, at_ms: i64) -> Result<TotpReport, TotpError> {
        let tokens = totp.tokens(at_ms, None)?;
        let header = TotpHeader::plain(tokens.current.clone()).to_value();
        Ok(TotpReport {
            at_ms,
            slot: totp.slot(at_ms)?,
            validity_seconds: totp.validity_seconds(),
            hash_algorithm: totp.hash().name(),
            previous: tokens.previous,
            current: tokens.current,
            next: tokens.next,
            remaining_seconds: tokens.remaining_seconds,
            header: format!("TOTP: {header}"),
        })
    }
}
