//! Why a TOTP configuration, timestamp or carrier header was refused.

use std::fmt;

/// A parameter of the token format that breaks its input rules.
///
/// The messages are those of the format's conformance set (`totp-invalid-inputs.json`), word for
/// word, so that every implementation tells users the same thing; [`TotpError::hint`] says what to
/// do. No message ever contains the shared secret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TotpError {
    SecretEmpty,
    SecretWhitespace,
    SecretTooShort,
    LengthOutOfRange,
    ValidityInvalid,
    TimestampNegative,
    HashUnsupported,
    AlphabetEmpty,
    AlphabetTooShort,
    AlphabetDuplicates,
    AlphabetWhitespace,
}

impl TotpError {
    /// Stable kebab-case id.
    pub fn code(self) -> &'static str {
        match self {
            TotpError::SecretEmpty => "totp-secret-empty",
            TotpError::SecretWhitespace => "totp-secret-whitespace",
            TotpError::SecretTooShort => "totp-secret-too-short",
            TotpError::LengthOutOfRange => "totp-length-out-of-range",
            TotpError::ValidityInvalid => "totp-validity-invalid",
            TotpError::TimestampNegative => "totp-timestamp-negative",
            TotpError::HashUnsupported => "totp-hash-unsupported",
            TotpError::AlphabetEmpty => "totp-alphabet-empty",
            TotpError::AlphabetTooShort => "totp-alphabet-too-short",
            TotpError::AlphabetDuplicates => "totp-alphabet-duplicates",
            TotpError::AlphabetWhitespace => "totp-alphabet-whitespace",
        }
    }

    /// The message of the format's conformance set.
    pub fn message(self) -> &'static str {
        match self {
            TotpError::SecretEmpty => "The given shared secret must not be null or empty!",
            TotpError::SecretWhitespace => {
                "The given shared secret must not contain any whitespace characters!"
            }
            TotpError::SecretTooShort => {
                "The length of the given shared secret must be at least 16 characters!"
            }
            TotpError::LengthOutOfRange => {
                "The expected length of the TOTP must be between 4 and 255 characters!"
            }
            TotpError::ValidityInvalid => {
                "The validity time must be a positive integer number of seconds!"
            }
            TotpError::TimestampNegative => {
                "The timestamp must be a non-negative Unix timestamp in milliseconds!"
            }
            TotpError::HashUnsupported => {
                "The hash algorithm must be one of: sha256, sha384, sha512!"
            }
            TotpError::AlphabetEmpty => "The given alphabet must not be null or empty!",
            TotpError::AlphabetTooShort => "The given alphabet must contain at least 4 characters!",
            TotpError::AlphabetDuplicates => {
                "The given alphabet must not contain duplicate characters!"
            }
            TotpError::AlphabetWhitespace => {
                "The given alphabet must not contain any whitespace characters!"
            }
        }
    }

    /// What to do about it.
    pub fn hint(self) -> &'static str {
        match self {
            TotpError::SecretEmpty | TotpError::SecretWhitespace | TotpError::SecretTooShort => {
                "use the shared secret agreed with the other party: at least 16 characters, no spaces"
            }
            TotpError::LengthOutOfRange => {
                "set `length` to a whole number from 4 to 255 (default 12)"
            }
            TotpError::ValidityInvalid => {
                "set `validityTime` to a whole number of seconds above 0 (default 30)"
            }
            TotpError::TimestampNegative => {
                "pass the time as milliseconds since 1970-01-01T00:00:00Z"
            }
            TotpError::HashUnsupported => {
                "set `hashAlgorithm` to sha256 (default), sha384 or sha512"
            }
            TotpError::AlphabetEmpty
            | TotpError::AlphabetTooShort
            | TotpError::AlphabetDuplicates
            | TotpError::AlphabetWhitespace => {
                "leave `alphabet` out for Base62, or give 4 or more distinct characters without spaces"
            }
        }
    }
}

impl fmt::Display for TotpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

impl std::error::Error for TotpError {}

/// A TOTP carrier header (`TOTP:`, `Authorization: Basic`, `Authorization: TOTP`) that cannot be
/// read. Messages name the part that is wrong, never its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CarrierError {
    /// The header value is empty.
    Empty,
    /// Another authentication scheme than the one expected.
    WrongScheme { expected: &'static str },
    /// The scheme name without credentials.
    NoCredentials { scheme: &'static str },
    /// Not a list of `name=value` auth-params (RFC 9110 §11.2).
    MalformedParams,
    /// A parameter given twice.
    DuplicateParam { name: &'static str },
    /// A required parameter is absent.
    MissingParam { name: &'static str },
    /// A parameter that must not be empty is.
    EmptyParam { name: &'static str },
    /// A value that must be Base64 of UTF-8 text is not.
    NotBase64 { name: &'static str },
    /// `tlscb` is neither `true` nor `false`.
    InvalidTlscb,
    /// The TOTP type is neither `0` nor `1`.
    InvalidType,
    /// A bare token without its type, which is accepted only as a compatibility option.
    BareToken,
    /// `Basic` credentials without the `:` between the OCPI token and the TOTP.
    NoColon,
}

impl CarrierError {
    /// Stable kebab-case id.
    pub fn code(self) -> &'static str {
        match self {
            CarrierError::Empty => "totp-header-empty",
            CarrierError::WrongScheme { .. } => "totp-header-wrong-scheme",
            CarrierError::NoCredentials { .. } => "totp-header-no-credentials",
            CarrierError::MalformedParams => "totp-header-malformed",
            CarrierError::DuplicateParam { .. } => "totp-header-duplicate-parameter",
            CarrierError::MissingParam { .. } => "totp-header-missing-parameter",
            CarrierError::EmptyParam { .. } => "totp-header-empty-parameter",
            CarrierError::NotBase64 { .. } => "totp-header-not-base64",
            CarrierError::InvalidTlscb => "totp-header-invalid-tlscb",
            CarrierError::InvalidType => "totp-header-invalid-type",
            CarrierError::BareToken => "totp-header-bare-token",
            CarrierError::NoColon => "totp-header-no-colon",
        }
    }
}

impl fmt::Display for CarrierError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CarrierError::Empty => f.write_str("the header is empty"),
            CarrierError::WrongScheme { expected } => {
                write!(f, "expected the `{expected}` authentication scheme")
            }
            CarrierError::NoCredentials { scheme } => {
                write!(f, "the `{scheme}` scheme needs credentials after its name")
            }
            CarrierError::MalformedParams => f.write_str(
                "expected `TOTP login=\"<base64>\", totp=\"<base64>\"[, tlscb=false]` (name=value pairs separated by commas)",
            ),
            CarrierError::DuplicateParam { name } => {
                write!(f, "the parameter `{name}` is given more than once")
            }
            CarrierError::MissingParam { name } => write!(f, "the parameter `{name}` is missing"),
            CarrierError::EmptyParam { name } => write!(f, "the parameter `{name}` is empty"),
            CarrierError::NotBase64 { name } => {
                write!(f, "`{name}` must be Base64 of UTF-8 text")
            }
            CarrierError::InvalidTlscb => f.write_str("`tlscb` must be `true` or `false`"),
            CarrierError::InvalidType => f.write_str(
                "the TOTP type must be `0` (plain token) or `1` (bound to the TLS channel), as in `TOTP: 0 <token>`",
            ),
            CarrierError::BareToken => f.write_str(
                "a TOTP without its type is not accepted; send `TOTP: 0 <token>`",
            ),
            CarrierError::NoColon => f.write_str(
                "`Basic` credentials must be Base64 of `<OCPI token>:<type> <TOTP>`",
            ),
        }
    }
}

impl std::error::Error for CarrierError {}
