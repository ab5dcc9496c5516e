//! The TOTP second secret: the Open Charging Technology "TOTP Token Format 1.0".
//!
//! OCPI authenticates requests with one long-lived token; the second secret adds a short-lived
//! token derived from a shared secret and the time, so that the static token acts as a login
//! name and the TOTP as the password. Tokens are drawn from an alphabet (Base62 by default) and
//! are not RFC 6238 codes (see `token.rs` for why this is not built on totp-rs).
//!
//! ```
//! use ocpi_open_data::totp::{Totp, TotpOptions, TotpHeader};
//!
//! let totp = Totp::new("secure!Charging!", TotpOptions::default())?;
//! let tokens = totp.tokens(1_716_423_785_000, None)?; // Unix milliseconds
//! assert_eq!(tokens.current, "CN63y502maVh");
//! assert_eq!(tokens.remaining_seconds, 25);
//! assert_eq!(TotpHeader::plain(tokens.current.clone()).to_value(), "0 CN63y502maVh");
//! assert!(totp.verify("MdPU0jCm5tXz", 1_716_423_785_000, None)?); // the previous slot
//! # Ok::<(), ocpi_open_data::totp::TotpError>(())
//! ```
//!
//! - `token.rs`: derivation, the previous/current/next window, constant-time verification.
//! - `config.rs`: the JSON configuration file (`sharedSecret`, `validityTime`, ...).
//! - `carrier.rs`: the `TOTP:` header, `Authorization: Basic` and `Authorization: TOTP`.
//! - `error.rs`: errors with the format's exact messages and stable codes.
//!
//! The secret never leaves the [`Totp`] value: `Debug` redacts it, and no error quotes it.

mod carrier;
mod config;
mod error;
mod report;
mod token;

pub use carrier::{BasicCarrier, TotpAuthorization, TotpHeader};
pub use config::{TotpConfig, TotpConfigError};
pub use error::{CarrierError, TotpError};
pub use report::TotpReport;
pub use token::{
    DEFAULT_ALPHABET, DEFAULT_LENGTH, DEFAULT_VALIDITY_SECONDS, HashAlgorithm, LENGTH_RANGE,
    MIN_ALPHABET_CHARS, MIN_SECRET_CHARS, TLS_EXPORTER_LABEL, Totp, TotpOptions, TotpTokens,
};
