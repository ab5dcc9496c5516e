//! Token derivation and verification of the TOTP Token Format 1.0.
//!
//! Written on `hmac` + `sha2` rather than on totp-rs: totp-rs implements RFC 6238, whose tokens
//! are 6–8 decimal digits cut from 4 bytes of the HMAC ("dynamic truncation"). This format maps
//! every byte of the HMAC, read as a ring buffer from the offset, through an alphabet of any size,
//! for tokens of 4–255 characters; it allows HMAC-SHA384, which totp-rs does not offer; it binds a
//! token to a TLS channel with a second HMAC; and its previous slot of slot 0 wraps to 2^64-1,
//! where totp-rs' `check` subtracts from `time / step` and underflows. What the two share is the
//! slot counter and the first HMAC (steps 1–2), and there the tests check this module against
//! totp-rs' own `TOTP::sign`.
//!
//! Time is always an argument (Unix milliseconds): the module reads no clock, so it builds for
//! `wasm32-unknown-unknown`, where `std::time::SystemTime` panics.

use super::error::TotpError;
use hmac::{Hmac, Mac};
use serde::Serialize;
use sha2::{Sha256, Sha384, Sha512};
use std::fmt;
use std::str::FromStr;
use subtle::{Choice, ConstantTimeEq};

/// Base62 in the order the format prescribes.
pub const DEFAULT_ALPHABET: &str = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
/// Seconds a token is valid for, unless configured otherwise.
pub const DEFAULT_VALIDITY_SECONDS: u64 = 30;
/// Characters in a token, unless configured otherwise.
pub const DEFAULT_LENGTH: usize = 12;
/// The shortest and longest token the format allows.
pub const LENGTH_RANGE: std::ops::RangeInclusive<usize> = 4..=255;
/// Characters a shared secret needs at least (after trimming).
pub const MIN_SECRET_CHARS: usize = 16;
/// Characters an alphabet needs at least (after trimming).
pub const MIN_ALPHABET_CHARS: usize = 4;
/// The TLS exporter label of channel binding (RFC 5705 / RFC 8446 §7.5), with an empty context
/// and 32 bytes of output.
pub const TLS_EXPORTER_LABEL: &str = "EXPORTER-Time-Based-One-Time-Password-v1";

/// The HMAC hash functions the format allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HashAlgorithm {
    #[default]
    Sha256,
    Sha384,
    Sha512,
}

impl HashAlgorithm {
    /// The name used in configurations and messages (`sha256`).
    pub fn name(self) -> &'static str {
        match self {
            HashAlgorithm::Sha256 => "sha256",
            HashAlgorithm::Sha384 => "sha384",
            HashAlgorithm::Sha512 => "sha512",
        }
    }

    fn mac(self, key: &[u8], message: &[u8]) -> Digest {
        match self {
            HashAlgorithm::Sha256 => Digest::of::<Hmac<Sha256>>(key, message),
            HashAlgorithm::Sha384 => Digest::of::<Hmac<Sha384>>(key, message),
            HashAlgorithm::Sha512 => Digest::of::<Hmac<Sha512>>(key, message),
        }
    }
}

impl FromStr for HashAlgorithm {
    type Err = TotpError;

    /// Case-insensitive, `-` and `_` ignored, an `hmac` prefix allowed: `SHA-256`, `hmacsha256`
    /// and `sha256` are one.
    fn from_str(name: &str) -> Result<Self, TotpError> {
        let folded: String = name
            .trim()
            .chars()
            .filter(|c| *c != '-' && *c != '_')
            .flat_map(char::to_lowercase)
            .collect();
        match folded.strip_prefix("hmac").unwrap_or(&folded) {
            "sha256" => Ok(HashAlgorithm::Sha256),
            "sha384" => Ok(HashAlgorithm::Sha384),
            "sha512" => Ok(HashAlgorithm::Sha512),
            _ => Err(TotpError::HashUnsupported),
        }
    }
}

impl fmt::Display for HashAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An HMAC output of up to 64 bytes (SHA-512), without allocating.
struct Digest {
    bytes: [u8; 64],
    len: usize,
}

impl Digest {
    fn of<M: Mac + hmac::digest::KeyInit>(key: &[u8], message: &[u8]) -> Digest {
        let mut mac = <M as hmac::digest::KeyInit>::new_from_slice(key)
            .expect("HMAC accepts keys of every length");
        mac.update(message);
        let out = mac.finalize().into_bytes();
        let mut bytes = [0u8; 64];
        bytes[..out.len()].copy_from_slice(&out);
        Digest {
            bytes,
            len: out.len(),
        }
    }

    fn as_slice(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// Optional parameters of [`Totp::new`]; `None` takes the format's default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TotpOptions {
    /// Seconds per slot (default 30); must be above 0.
    pub validity_seconds: Option<u64>,
    /// Characters per token, 4..=255 (default 12).
    pub length: Option<usize>,
    /// Characters tokens are drawn from (default Base62); trimmed, at least 4, distinct, no
    /// whitespace.
    pub alphabet: Option<String>,
    /// HMAC hash (default SHA-256).
    pub hash: Option<HashAlgorithm>,
}

/// A configured TOTP generator and verifier for one shared secret.
///
/// `Debug` shows every parameter except the secret.
#[derive(Clone)]
pub struct Totp {
    /// UTF-8 of the trimmed shared secret: the HMAC key.
    key: Box<[u8]>,
    validity_seconds: u64,
    length: usize,
    alphabet: Box<[char]>,
    hash: HashAlgorithm,
}

impl fmt::Debug for Totp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Totp")
            .field("secret", &"<redacted>")
            .field("validity_seconds", &self.validity_seconds)
            .field("length", &self.length)
            .field("alphabet", &self.alphabet.iter().collect::<String>())
            .field("hash", &self.hash)
            .finish()
    }
}

/// The tokens around one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TotpTokens {
    /// Token of the slot before the current one.
    pub previous: String,
    /// Token of the current slot: the one to send.
    pub current: String,
    /// Token of the slot after the current one.
    pub next: String,
    /// Whole seconds until the current slot ends (1..=validity).
    pub remaining_seconds: u64,
}

impl Totp {
    /// Checks the parameters against the format's input rules, in the order its conformance set
    /// expects: secret, length, validity, hash, alphabet.
    pub fn new(shared_secret: &str, options: TotpOptions) -> Result<Totp, TotpError> {
        let secret = shared_secret.trim();
        if secret.is_empty() {
            return Err(TotpError::SecretEmpty);
        }
        if secret.chars().any(char::is_whitespace) {
            return Err(TotpError::SecretWhitespace);
        }
        if secret.chars().count() < MIN_SECRET_CHARS {
            return Err(TotpError::SecretTooShort);
        }
        let length = options.length.unwrap_or(DEFAULT_LENGTH);
        if !LENGTH_RANGE.contains(&length) {
            return Err(TotpError::LengthOutOfRange);
        }
        let validity_seconds = options.validity_seconds.unwrap_or(DEFAULT_VALIDITY_SECONDS);
        if validity_seconds == 0 {
            return Err(TotpError::ValidityInvalid);
        }
        let alphabet = match &options.alphabet {
            Some(a) => parse_alphabet(a)?,
            None => DEFAULT_ALPHABET.chars().collect(),
        };
        Ok(Totp {
            key: secret.as_bytes().into(),
            validity_seconds,
            length,
            alphabet,
            hash: options.hash.unwrap_or_default(),
        })
    }

    pub fn validity_seconds(&self) -> u64 {
        self.validity_seconds
    }

    pub fn length(&self) -> usize {
        self.length
    }

    pub fn hash(&self) -> HashAlgorithm {
        self.hash
    }

    /// The alphabet tokens are drawn from.
    pub fn alphabet(&self) -> String {
        self.alphabet.iter().collect()
    }

    /// The slot of a moment: `floor(unix_ms / 1000 / validity)`.
    pub fn slot(&self, unix_ms: i64) -> Result<u64, TotpError> {
        Ok(whole_seconds(unix_ms)? / self.validity_seconds)
    }

    /// The token of one slot. `exporter_material` binds it to a TLS channel (the 32 bytes of the
    /// TLS exporter with label [`TLS_EXPORTER_LABEL`]); `None` gives a plain token.
    pub fn token_for_slot(&self, slot: u64, exporter_material: Option<&[u8]>) -> String {
        let mut digest = self.hash.mac(&self.key, &slot.to_be_bytes());
        if let Some(material) = exporter_material {
            digest = self.hash.mac(material, digest.as_slice());
        }
        let d = digest.as_slice();
        let offset = usize::from(d[d.len() - 1] & 0x0F);
        let n = self.alphabet.len();
        (0..self.length)
            .map(|i| self.alphabet[usize::from(d[(offset + i) % d.len()]) % n])
            .collect()
    }

    /// Previous, current and next token at `unix_ms`, and the seconds left in the current slot.
    /// The previous slot of slot 0 is 2^64-1, as the format says.
    pub fn tokens(
        &self,
        unix_ms: i64,
        exporter_material: Option<&[u8]>,
    ) -> Result<TotpTokens, TotpError> {
        let seconds = whole_seconds(unix_ms)?;
        let slot = seconds / self.validity_seconds;
        Ok(TotpTokens {
            previous: self.token_for_slot(slot.wrapping_sub(1), exporter_material),
            current: self.token_for_slot(slot, exporter_material),
            next: self.token_for_slot(slot.wrapping_add(1), exporter_material),
            remaining_seconds: self.validity_seconds - seconds % self.validity_seconds,
        })
    }

    /// Whether `token` is the token of the previous, current or next slot at `unix_ms`.
    ///
    /// All three candidates are derived and compared in constant time (`subtle`), and the results
    /// are combined without branching, so the time taken does not tell which slot matched or how
    /// many leading characters were right.
    pub fn verify(
        &self,
        token: &str,
        unix_ms: i64,
        exporter_material: Option<&[u8]>,
    ) -> Result<bool, TotpError> {
        let slot = self.slot(unix_ms)?;
        let mut accepted = Choice::from(0);
        for candidate in [slot.wrapping_sub(1), slot, slot.wrapping_add(1)] {
            let expected = self.token_for_slot(candidate, exporter_material);
            accepted |= expected.as_bytes().ct_eq(token.as_bytes());
        }
        Ok(bool::from(accepted))
    }
}

/// `floor(unix_ms / 1000)`, refusing times before the epoch.
fn whole_seconds(unix_ms: i64) -> Result<u64, TotpError> {
    u64::try_from(unix_ms)
        .map(|ms| ms / 1000)
        .map_err(|_| TotpError::TimestampNegative)
}

/// Trims an alphabet and checks it: not empty, at least 4 characters, no duplicates (checked
/// before whitespace, as the conformance set expects), no whitespace.
fn parse_alphabet(alphabet: &str) -> Result<Box<[char]>, TotpError> {
    let chars: Box<[char]> = alphabet.trim().chars().collect();
    if chars.is_empty() {
        return Err(TotpError::AlphabetEmpty);
    }
    if chars.len() < MIN_ALPHABET_CHARS {
        return Err(TotpError::AlphabetTooShort);
    }
    let mut sorted = chars.to_vec();
    sorted.sort_unstable();
    if sorted.windows(2).any(|w| w[0] == w[1]) {
        return Err(TotpError::AlphabetDuplicates);
    }
    if chars.iter().any(|c| c.is_whitespace()) {
        return Err(TotpError::AlphabetWhitespace);
    }
    Ok(chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "secure!Charging!";
    /// 2024-05-23T00:23:05Z, the format's known answer.
    const T: i64 = 1_716_423_785_000;

    fn defaults() -> Totp {
        Totp::new(SECRET, TotpOptions::default()).expect("valid defaults")
    }

    #[test]
    fn known_answer() {
        let t = defaults().tokens(T, None).expect("non-negative time");
        assert_eq!(
            (t.previous.as_str(), t.current.as_str(), t.next.as_str()),
            ("MdPU0jCm5tXz", "CN63y502maVh", "dI54vnA25m2h")
        );
        assert_eq!(t.remaining_seconds, 25);
    }

    #[test]
    fn verification_accepts_exactly_the_three_slots_around_now() {
        let totp = defaults();
        let slot = totp.slot(T).expect("non-negative time");
        for (delta, accepted) in [(-2i64, false), (-1, true), (0, true), (1, true), (2, false)] {
            let candidate = totp.token_for_slot(slot.wrapping_add_signed(delta), None);
            assert_eq!(
                totp.verify(&candidate, T, None),
                Ok(accepted),
                "slot offset {delta}"
            );
        }
    }

    #[test]
    fn verification_window_moves_with_the_clock() {
        let totp = defaults();
        let current = totp.tokens(T, None).expect("time").current;
        // The current token stays valid for the rest of its slot and the whole next one ...
        assert_eq!(totp.verify(&current, T + 24_000, None), Ok(true));
        assert_eq!(totp.verify(&current, T + 54_999, None), Ok(true));
        // ... and not in the slot after that.
        assert_eq!(totp.verify(&current, T + 55_000, None), Ok(false));
        // Before: valid from the start of the slot before its own.
        assert_eq!(totp.verify(&current, T - 35_000, None), Ok(true));
        assert_eq!(totp.verify(&current, T - 35_001, None), Ok(false));
    }

    #[test]
    fn verification_rejects_near_misses_of_the_current_token() {
        let totp = defaults();
        let current = totp.tokens(T, None).expect("time").current;
        let mut last_changed = current.clone();
        last_changed.pop();
        last_changed.push(if current.ends_with('h') { 'g' } else { 'h' });
        for wrong in [
            "",
            &current[..11],
            &format!("{current}x"),
            &current.to_lowercase(),
            &last_changed,
        ] {
            assert_eq!(totp.verify(wrong, T, None), Ok(false), "{wrong:?}");
        }
    }

    #[test]
    fn verification_at_the_epoch_accepts_the_wrapped_previous_slot() {
        let totp = defaults();
        let wrapped = totp.token_for_slot(u64::MAX, None);
        assert_eq!(wrapped, "SzcwtcR5qcY7");
        assert_eq!(totp.verify(&wrapped, 0, None), Ok(true));
        assert_eq!(totp.verify(&wrapped, 30_000, None), Ok(false));
    }

    #[test]
    fn a_bound_token_verifies_only_with_the_same_channel_material() {
        let totp = defaults();
        let material = [7u8; 32];
        let bound = totp.tokens(T, Some(&material)).expect("time").current;
        assert_ne!(bound, totp.tokens(T, None).expect("time").current);
        assert_eq!(totp.verify(&bound, T, Some(&material)), Ok(true));
        assert_eq!(totp.verify(&bound, T, None), Ok(false));
        assert_eq!(totp.verify(&bound, T, Some(&[8u8; 32])), Ok(false));
    }

    #[test]
    fn negative_time_is_refused_by_every_entry_point() {
        let totp = defaults();
        assert_eq!(totp.slot(-1), Err(TotpError::TimestampNegative));
        assert_eq!(totp.tokens(-1, None), Err(TotpError::TimestampNegative));
        assert_eq!(
            totp.verify("CN63y502maVh", -1, None),
            Err(TotpError::TimestampNegative)
        );
    }

    #[test]
    fn hash_names_are_folded() {
        for name in [
            "sha256",
            "SHA-256",
            "hmacsha256",
            "HMAC_SHA_256",
            " Sha256 ",
        ] {
            assert_eq!(name.parse(), Ok(HashAlgorithm::Sha256), "{name}");
        }
        assert_eq!("SHA-384".parse(), Ok(HashAlgorithm::Sha384));
        assert_eq!("hmac-sha512".parse(), Ok(HashAlgorithm::Sha512));
        for name in ["sha1", "md5", "", "sha3-256", "hmac"] {
            assert_eq!(
                name.parse::<HashAlgorithm>(),
                Err(TotpError::HashUnsupported),
                "{name}"
            );
        }
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let totp = defaults();
        let debug = format!("{totp:?} {totp:#?}");
        assert!(!debug.contains(SECRET), "{debug}");
        assert!(!debug.contains("secure!"), "{debug}");
        assert!(debug.contains("<redacted>"), "{debug}");
        assert!(debug.contains("length: 12"), "{debug}");
    }
}
