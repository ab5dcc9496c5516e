//! The TOTP configuration file: the parameters agreed with the other party out of band.
//!
//! ```json
//! {
//!   "sharedSecret": "secure!Charging!",
//!   "validityTime": 30,
//!   "length": 12,
//!   "alphabet": "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
//!   "hashAlgorithm": "sha256",
//!   "useTLSExporterMaterial": false
//! }
//! ```
//!
//! Field names are those the format gives for the per-party configuration; only `sharedSecret` is
//! required. `validityTimeSeconds` and `totpLength` (the names of the conformance vectors) are
//! accepted for `validityTime` and `length`. Unknown fields are refused, so that a misspelt
//! parameter does not silently fall back to its default.

use super::error::TotpError;
use super::token::{HashAlgorithm, Totp, TotpOptions};
use serde::Deserialize;
use std::fmt;

/// The parameters of one TOTP relationship, as read from JSON.
///
/// Numbers are read as JSON numbers of any kind so that `12.5` or `-30` get the format's own
/// message rather than a deserializer's. `Debug` hides the secret.
#[derive(Clone, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TotpConfig {
    pub shared_secret: String,
    #[serde(default, alias = "validityTimeSeconds")]
    pub validity_time: Option<f64>,
    #[serde(default, alias = "totpLength")]
    pub length: Option<f64>,
    #[serde(default)]
    pub alphabet: Option<String>,
    #[serde(default)]
    pub hash_algorithm: Option<String>,
    /// Whether tokens are bound to the TLS channel (type `1`); the material comes from the TLS
    /// session, not from this file.
    #[serde(default, rename = "useTLSExporterMaterial")]
    pub use_tls_exporter_material: bool,
}

impl fmt::Debug for TotpConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TotpConfig")
            .field("shared_secret", &"<redacted>")
            .field("validity_time", &self.validity_time)
            .field("length", &self.length)
            .field("alphabet", &self.alphabet)
            .field("hash_algorithm", &self.hash_algorithm)
            .field("use_tls_exporter_material", &self.use_tls_exporter_material)
            .finish()
    }
}

/// A configuration file that is not a JSON object of the expected fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotpConfigError {
    /// What is wrong; never quotes a value from the file (it may be the secret).
    pub message: String,
    /// 1-based line and column in the file (0 when unknown).
    pub line: usize,
    pub column: usize,
}

impl TotpConfigError {
    /// Stable kebab-case id.
    pub fn code(&self) -> &'static str {
        "totp-config-invalid"
    }
}

impl fmt::Display for TotpConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (line {}, column {}); expected {{\"sharedSecret\": \"...\", \"validityTime\": 30, \"length\": 12, \"alphabet\": \"...\", \"hashAlgorithm\": \"sha256\"}}",
            self.message, self.line, self.column
        )
    }
}

impl std::error::Error for TotpConfigError {}

impl TotpConfig {
    /// A configuration with the secret and every other parameter at its default.
    pub fn with_secret(shared_secret: impl Into<String>) -> TotpConfig {
        TotpConfig {
            shared_secret: shared_secret.into(),
            validity_time: None,
            length: None,
            alphabet: None,
            hash_algorithm: None,
            use_tls_exporter_material: false,
        }
    }

    /// Reads a configuration file.
    pub fn from_json(bytes: &[u8]) -> Result<TotpConfig, TotpConfigError> {
        serde_json::from_slice(bytes).map_err(|e| TotpConfigError {
            message: redacted_message(&e),
            line: e.line(),
            column: e.column(),
        })
    }

    /// Checks the parameters and builds the generator.
    pub fn totp(&self) -> Result<Totp, TotpError> {
        // The secret is checked first, as in `Totp::new`; the numbers before they are narrowed.
        Totp::new(&self.shared_secret, TotpOptions::default())?;
        let length = match self.length {
            None => None,
            Some(n) => Some(whole(n, 255).ok_or(TotpError::LengthOutOfRange)? as usize),
        };
        let validity_seconds = match self.validity_time {
            None => None,
            Some(n) => Some(whole(n, u64::MAX).ok_or(TotpError::ValidityInvalid)?),
        };
        let hash = match &self.hash_algorithm {
            None => None,
            Some(name) => Some(name.parse::<HashAlgorithm>()?),
        };
        Totp::new(
            &self.shared_secret,
            TotpOptions {
                validity_seconds,
                length,
                alphabet: self.alphabet.clone(),
                hash,
            },
        )
    }
}

/// A JSON number as a whole number in `0..=max`, or `None` for fractions, negative numbers and
/// numbers out of range (a 0 is let through for `Totp::new` to judge).
fn whole(n: f64, max: u64) -> Option<u64> {
    (n.is_finite() && n.fract() == 0.0 && n >= 0.0 && n <= max as f64).then_some(n as u64)
}

/// serde_json's message, without the offending value for type errors (it may be the secret).
fn redacted_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let text = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(m, _)| m);
    if text.starts_with("invalid type") || text.starts_with("invalid value") {
        "a field has a value of the wrong type".to_string()
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_field() {
        let config = TotpConfig::from_json(
            br#"{"sharedSecret": "Conformance!Secret#2026", "validityTime": 120, "length": 20,
                 "alphabet": "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", "hashAlgorithm": "SHA-384"}"#,
        )
        .expect("valid config");
        let totp = config.totp().expect("valid parameters");
        assert_eq!(totp.validity_seconds(), 120);
        assert_eq!(totp.length(), 20);
        assert_eq!(totp.alphabet(), "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        assert_eq!(totp.hash(), HashAlgorithm::Sha384);
    }

    #[test]
    fn misspelt_fields_are_refused_by_name() {
        let e = TotpConfig::from_json(br#"{"sharedSecret": "secure!Charging!", "lenght": 8}"#)
            .expect_err("unknown field");
        assert!(e.message.contains("unknown field `lenght`"), "{e}");
        assert_eq!((e.line, e.code()), (1, "totp-config-invalid"));
    }

    #[test]
    fn errors_never_quote_the_secret() {
        for json in [
            r#"{"sharedSecret": "secure!Charging!", "length": "secure!Charging!"}"#,
            r#"{"sharedSecret": "secure!Charging!", "useTLSExporterMaterial": "secure!Charging!"}"#,
            r#"{"validityTime": "secure!Charging!"}"#,
        ] {
            let e = TotpConfig::from_json(json.as_bytes()).expect_err("wrong type");
            assert!(!e.to_string().contains("secure!"), "{e}");
            assert!(!format!("{e:?}").contains("secure!"), "{e:?}");
        }
    }

    #[test]
    fn numbers_that_are_not_whole_get_the_format_message() {
        let mut config = TotpConfig::with_secret("secure!Charging!");
        config.length = Some(12.5);
        assert_eq!(config.totp().err(), Some(TotpError::LengthOutOfRange));
        config.length = Some(-4.0);
        assert_eq!(config.totp().err(), Some(TotpError::LengthOutOfRange));
        config.length = None;
        config.validity_time = Some(4.5);
        assert_eq!(config.totp().err(), Some(TotpError::ValidityInvalid));
        config.validity_time = Some(f64::INFINITY);
        assert_eq!(config.totp().err(), Some(TotpError::ValidityInvalid));
    }

    #[test]
    fn debug_hides_the_secret() {
        let config = TotpConfig::with_secret("secure!Charging!");
        let debug = format!("{config:?}");
        assert!(!debug.contains("secure!Charging!"), "{debug}");
        assert!(debug.contains("<redacted>"), "{debug}");
    }
}
