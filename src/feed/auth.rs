//! Credentials for protected endpoints: the OCPI token and headers from a pluggable source
//! (the TOTP second secret). Anonymous by default. Nothing here is ever printed.

use crate::spec::Version;
use base64::Engine;
use std::sync::Arc;

/// Produces headers for a request at a moment in time, e.g. `TOTP: 0 <token>` from the
/// second-secret generator. Called once per request, so time-based tokens are always fresh.
pub trait HeaderSource: Send + Sync {
    fn headers(&self, now_unix_ms: i64) -> Vec<(String, String)>;
}

impl<F> HeaderSource for F
where
    F: Fn(i64) -> Vec<(String, String)> + Send + Sync,
{
    fn headers(&self, now_unix_ms: i64) -> Vec<(String, String)> {
        self(now_unix_ms)
    }
}

/// How the token is written in `Authorization: Token ...`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TokenEncoding {
    /// As OCPI says for the version in use: Base64 for 2.2.1 and 2.3.0, as given for 2.1.1 and
    /// while the version is not known yet; after a 401 the other form is tried once.
    #[default]
    Auto,
    /// Always as given.
    Plain,
    /// Always Base64 (RFC 4648 §4) of the token's UTF-8 bytes.
    Base64,
}

/// The OCPI credentials token. Its `Debug` output never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    pub fn new(token: impl Into<String>) -> Token {
        Token(token.into().trim().to_string())
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// What a request carries to authenticate itself.
#[derive(Clone, Default)]
pub struct Auth {
    pub token: Option<Token>,
    pub encoding: TokenEncoding,
    /// Further headers per request, computed for each one (the TOTP header).
    pub headers: Option<Arc<dyn HeaderSource>>,
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth")
            .field("token", &self.token.as_ref().map(|_| "<redacted>"))
            .field("encoding", &self.encoding)
            .field("headers", &self.headers.as_ref().map(|_| "<source>"))
            .finish()
    }
}

impl Auth {
    /// No credentials: the open-data case.
    pub fn anonymous() -> Auth {
        Auth::default()
    }

    /// `Authorization: Token ...` with this token.
    pub fn token(token: impl Into<String>) -> Auth {
        Auth {
            token: Some(Token::new(token)),
            ..Auth::default()
        }
    }

    /// Adds a source of further headers (the TOTP header).
    pub fn with_headers(mut self, source: Arc<dyn HeaderSource>) -> Auth {
        self.headers = Some(source);
        self
    }

    /// Whether anything is sent at all.
    pub fn is_configured(&self) -> bool {
        self.token.is_some() || self.headers.is_some()
    }

    /// Whether a 401 is worth one more try with the token in its other form.
    pub(crate) fn can_switch_encoding(&self) -> bool {
        self.token.is_some() && self.encoding == TokenEncoding::Auto
    }

    /// The headers of one request. `switched`: the other form of the token, after a 401.
    pub(crate) fn request_headers(
        &self,
        version: Option<Version>,
        switched: bool,
        now_unix_ms: i64,
    ) -> Vec<(String, String)> {
        let mut headers = Vec::new();
        if let Some(Token(token)) = &self.token {
            let base64 = match self.encoding {
                TokenEncoding::Plain => false,
                TokenEncoding::Base64 => true,
                TokenEncoding::Auto => {
                    matches!(version, Some(Version::V2_2_1 | Version::V2_3_0)) != switched
                }
            };
            let value = if base64 {
                base64::engine::general_purpose::STANDARD.encode(token.as_bytes())
            } else {
                token.clone()
            };
            headers.push(("Authorization".to_string(), format!("Token {value}")));
        }
        if let Some(source) = &self.headers {
            headers.extend(source.headers(now_unix_ms));
        }
        headers
    }
}

/// A TOTP generator sends the current token of the second secret in the `TOTP` header, computed
/// anew for every request. Channel-bound tokens need the TLS exporter material of the connection,
/// which the transports do not expose, so a generator here sends plain (type 0) tokens.
impl HeaderSource for crate::totp::Totp {
    fn headers(&self, now_unix_ms: i64) -> Vec<(String, String)> {
        match self.tokens(now_unix_ms, None) {
            Ok(tokens) => vec![(
                crate::totp::TotpHeader::NAME.to_string(),
                crate::totp::TotpHeader::plain(tokens.current).to_value(),
            )],
            // Only a time before 1970 fails; the server then answers 401, which is reported.
            Err(_) => Vec::new(),
        }
    }
}
