//! Protected mode: every `/ocpi` request needs a known OCPI token and, when a TOTP is configured,
//! a valid TOTP, in one of the three carriers of the TOTP format:
//!
//! - `Authorization: Token <token>` with `TOTP: 0 <totp>`;
//! - `Authorization: Basic base64(<token>:0 <totp>)`;
//! - `Authorization: TOTP login="<base64 token>", totp="<base64 totp>", tlscb=false`.
//!
//! The token may be sent raw (OCPI 2.1.1) or Base64-encoded (2.2+). Failures are HTTP 401 with an
//! OCPI 2000 envelope that says what is missing or malformed, but never which of a well-formed
//! token and TOTP was wrong.

use super::envelope::{ApiError, OcpiStatus};
use crate::totp::{BasicCarrier, TotpAuthorization, TotpConfig, TotpHeader};
use crate::totp::{CarrierError, Totp};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use base64::Engine as _;
use std::fmt;
use std::path::Path;
use subtle::{Choice, ConstantTimeEq};

/// Who may read the protected endpoints. `Debug` shows neither tokens nor the secret.
#[derive(Clone)]
pub struct Protection {
    tokens: Vec<String>,
    totp: Option<Totp>,
    accept_bare_totp: bool,
}

impl fmt::Debug for Protection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Protection")
            .field("tokens", &format_args!("<{} redacted>", self.tokens.len()))
            .field("totp", &self.totp)
            .field("accept_bare_totp", &self.accept_bare_totp)
            .finish()
    }
}

/// A protection setting that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtectionError {
    pub message: String,
}

impl ProtectionError {
    /// Stable kebab-case id.
    pub fn code(&self) -> &'static str {
        "serve-protection-invalid"
    }
}

impl fmt::Display for ProtectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ProtectionError {}

impl Protection {
    /// Accepts these OCPI tokens, and requires a TOTP of `totp` when given.
    pub fn new(tokens: Vec<String>, totp: Option<Totp>) -> Result<Protection, ProtectionError> {
        let tokens: Vec<String> = tokens
            .into_iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        if tokens.is_empty() {
            return Err(ProtectionError {
                message: "protected mode needs at least one OCPI token".into(),
            });
        }
        Ok(Protection {
            tokens,
            totp,
            accept_bare_totp: false,
        })
    }

    /// Also accepts `TOTP: <token>` without its type, as older peers sent it.
    pub fn accept_bare_totp(mut self, accept: bool) -> Protection {
        self.accept_bare_totp = accept;
        self
    }

    /// Reads a token file (one token a line; blank lines and lines starting with `#` skipped) and
    /// an optional TOTP configuration file.
    pub fn from_files(
        token_file: &Path,
        totp_config: Option<&Path>,
    ) -> Result<Protection, ProtectionError> {
        let text = std::fs::read_to_string(token_file).map_err(|e| ProtectionError {
            message: format!("cannot read the token file {}: {e}", token_file.display()),
        })?;
        let tokens = text
            .lines()
            .filter(|l| !l.trim_start().starts_with('#'))
            .map(str::to_string)
            .collect();
        let totp = match totp_config {
            None => None,
            Some(path) => Some(read_totp_config(path)?),
        };
        Protection::new(tokens, totp)
    }

    /// Checks a request's headers at `now_ms` (Unix milliseconds).
    pub fn check(&self, headers: &HeaderMap, now_ms: i64) -> Result<(), Unauthorized> {
        let authorization = header_text(headers, header::AUTHORIZATION.as_str())?;
        let totp_header = header_text(headers, TotpHeader::NAME)?;
        let Some(authorization) = authorization else {
            return Err(self.refuse("the `Authorization` header is missing"));
        };
        let scheme = authorization
            .split_ascii_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let (token, totp): (String, Option<TotpHeader>) = match scheme.as_str() {
            "token" => {
                let token = authorization.trim()[5..].trim().to_string();
                let totp = match totp_header {
                    Some(value) => Some(
                        TotpHeader::parse(value, self.accept_bare_totp)
                            .map_err(|e| self.malformed("TOTP", e))?,
                    ),
                    None => None,
                };
                (token, totp)
            }
            "basic" => {
                let carrier = BasicCarrier::parse(authorization, self.accept_bare_totp)
                    .map_err(|e| self.malformed("Authorization", e))?;
                (carrier.ocpi_token, Some(carrier.totp))
            }
            "totp" => {
                let auth = TotpAuthorization::parse(authorization)
                    .map_err(|e| self.malformed("Authorization", e))?;
                let totp = TotpHeader {
                    channel_bound: auth.tlscb,
                    token: auth.totp,
                };
                (auth.login, Some(totp))
            }
            _ => {
                return Err(self.refuse(
                    "the `Authorization` header must use the `Token`, `Basic` or `TOTP` scheme",
                ));
            }
        };
        let token_ok = self.knows(&token);
        let Some(generator) = &self.totp else {
            return if token_ok {
                Ok(())
            } else {
                Err(self.refuse("the token is not valid"))
            };
        };
        let Some(totp) = totp else {
            return Err(self.refuse("a TOTP is required: send the `TOTP: 0 <totp>` header"));
        };
        if totp.channel_bound {
            return Err(self.refuse(
                "this server speaks plain HTTP and cannot check a TOTP bound to a TLS channel; send a plain TOTP (`TOTP: 0 <totp>`, or `tlscb=false`)",
            ));
        }
        let totp_ok = generator.verify(&totp.token, now_ms, None).unwrap_or(false);
        if token_ok && totp_ok {
            Ok(())
        } else {
            Err(self.refuse("the token or the TOTP is not valid"))
        }
    }

    /// Whether `token` (raw, or Base64 of UTF-8) is one of the tokens, compared in constant time
    /// against all of them.
    fn knows(&self, token: &str) -> bool {
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(token)
            .ok()
            .and_then(|b| String::from_utf8(b).ok());
        let mut known = Choice::from(0);
        for expected in &self.tokens {
            known |= expected.as_bytes().ct_eq(token.as_bytes());
            if let Some(decoded) = &decoded {
                known |= expected.as_bytes().ct_eq(decoded.as_bytes());
            }
        }
        bool::from(known)
    }

    fn refuse(&self, why: &str) -> Unauthorized {
        let how = if self.totp.is_some() {
            "send `Authorization: Token <token>` and `TOTP: 0 <totp>`"
        } else {
            "send `Authorization: Token <token>`"
        };
        Unauthorized {
            message: format!("Unauthorized: {why}; {how}"),
            totp_required: self.totp.is_some(),
        }
    }

    fn malformed(&self, header: &str, e: CarrierError) -> Unauthorized {
        self.refuse(&format!("the `{header}` header cannot be read ({e})"))
    }
}

fn read_totp_config(path: &Path) -> Result<Totp, ProtectionError> {
    let bytes = std::fs::read(path).map_err(|e| ProtectionError {
        message: format!("cannot read the TOTP configuration {}: {e}", path.display()),
    })?;
    let config = TotpConfig::from_json(&bytes).map_err(|e| ProtectionError {
        message: format!("{}: {e}", path.display()),
    })?;
    if config.use_tls_exporter_material {
        return Err(ProtectionError {
            message: format!(
                "{}: `useTLSExporterMaterial` is true, but this server speaks plain HTTP and has no TLS channel to bind TOTPs to; set it to false",
                path.display()
            ),
        });
    }
    config.totp().map_err(|e| ProtectionError {
        message: format!("{}: {e} ({})", path.display(), e.hint()),
    })
}

/// A header's value as text; a value that is not visible ASCII is refused.
fn header_text<'h>(headers: &'h HeaderMap, name: &str) -> Result<Option<&'h str>, Unauthorized> {
    match headers.get(name) {
        None => Ok(None),
        Some(value) => value.to_str().map(Some).map_err(|_| Unauthorized {
            message: format!("Unauthorized: the `{name}` header is not readable text"),
            totp_required: false,
        }),
    }
}

/// A refused request: HTTP 401, OCPI 2000.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unauthorized {
    pub message: String,
    totp_required: bool,
}

impl IntoResponse for Unauthorized {
    fn into_response(self) -> Response {
        let challenge = if self.totp_required {
            "Token realm=\"ocpi\", TOTP realm=\"ocpi\""
        } else {
            "Token realm=\"ocpi\""
        };
        let mut response = ApiError {
            http: StatusCode::UNAUTHORIZED,
            status: OcpiStatus::ClientError,
            message: self.message,
        }
        .into_response();
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static(challenge),
        );
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::totp::TotpOptions;

    const NOW: i64 = 1_716_423_785_000;

    fn protection() -> Protection {
        let totp = Totp::new("secure!Charging!", TotpOptions::default()).expect("valid");
        Protection::new(vec!["tok-123".into()], Some(totp)).expect("valid")
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).expect("header"));
        }
        map
    }

    #[test]
    fn each_carrier_is_accepted_with_a_good_totp() {
        let p = protection();
        let ok = [
            headers(&[
                ("authorization", "Token tok-123"),
                ("totp", "0 CN63y502maVh"),
            ]),
            // Base64 of the token (OCPI 2.2+), and the previous slot's TOTP.
            headers(&[
                ("authorization", "Token dG9rLTEyMw=="),
                ("totp", "0 MdPU0jCm5tXz"),
            ]),
            headers(&[(
                "authorization",
                &BasicCarrier {
                    ocpi_token: "tok-123".into(),
                    totp: TotpHeader::plain("dI54vnA25m2h"),
                }
                .to_authorization(),
            )]),
            headers(&[(
                "authorization",
                &TotpAuthorization {
                    login: "tok-123".into(),
                    totp: "CN63y502maVh".into(),
                    tlscb: false,
                }
                .to_header_value(),
            )]),
        ];
        for h in ok {
            assert_eq!(p.check(&h, NOW), Ok(()), "{h:?}");
        }
    }

    #[test]
    fn wrong_token_and_wrong_totp_get_the_same_answer() {
        let p = protection();
        let wrong_token = p
            .check(
                &headers(&[("authorization", "Token nope"), ("totp", "0 CN63y502maVh")]),
                NOW,
            )
            .expect_err("wrong token");
        let wrong_totp = p
            .check(
                &headers(&[
                    ("authorization", "Token tok-123"),
                    ("totp", "0 CN63y502maVX"),
                ]),
                NOW,
            )
            .expect_err("wrong totp");
        assert_eq!(wrong_token, wrong_totp);
        assert!(wrong_token.message.contains("not valid"));
        // Two slots later the current TOTP is no longer accepted.
        let late = p.check(
            &headers(&[
                ("authorization", "Token tok-123"),
                ("totp", "0 CN63y502maVh"),
            ]),
            NOW + 60_000,
        );
        assert_eq!(late, Err(wrong_totp));
    }

    #[test]
    fn missing_parts_are_named() {
        let p = protection();
        let cases = [
            (headers(&[]), "`Authorization` header is missing"),
            (
                headers(&[("authorization", "Token tok-123")]),
                "a TOTP is required",
            ),
            (
                headers(&[("authorization", "Token tok-123"), ("totp", "CN63y502maVh")]),
                "without its type",
            ),
            (
                headers(&[
                    ("authorization", "Token tok-123"),
                    ("totp", "1 CN63y502maVh"),
                ]),
                "TLS channel",
            ),
            (headers(&[("authorization", "Bearer x")]), "scheme"),
        ];
        for (h, needle) in cases {
            let e = p.check(&h, NOW).expect_err(needle);
            assert!(e.message.contains(needle), "{needle}: {}", e.message);
        }
    }

    #[test]
    fn bare_totp_only_when_allowed() {
        let p = protection().accept_bare_totp(true);
        let h = headers(&[("authorization", "Token tok-123"), ("totp", "CN63y502maVh")]);
        assert_eq!(p.check(&h, NOW), Ok(()));
    }

    #[test]
    fn token_only_mode() {
        let p = Protection::new(vec!["a".into(), " b ".into(), "".into()], None).expect("valid");
        assert_eq!(
            p.check(&headers(&[("authorization", "Token b")]), NOW),
            Ok(())
        );
        assert!(
            p.check(&headers(&[("authorization", "Token c")]), NOW)
                .is_err()
        );
        assert!(Protection::new(vec![" ".into()], None).is_err());
    }

    #[test]
    fn debug_hides_tokens_and_secret() {
        let debug = format!("{:?}", protection());
        assert!(
            !debug.contains("tok-123") && !debug.contains("secure!"),
            "{debug}"
        );
    }
}
