//! How a TOTP travels in HTTP: the `TOTP: <type> <token>` header, the `Authorization: Basic`
//! carrier and the `Authorization: TOTP login=..., totp=...` scheme.
//!
//! The auth-param grammar of RFC 9110 §11 is small and has no well-kept standalone parser (the
//! `http`/`headers` crates parse only the schemes they know), so it is read here by hand.

use super::error::CarrierError;
use base64::Engine as _;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::{DecodePaddingMode, general_purpose};
use std::fmt;

/// Standard Base64 that accepts values with or without `=` padding.
const BASE64_LENIENT: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The `TOTP` header: `TOTP: <type> <token>`, type `0` a plain token, `1` a token bound to the
/// TLS channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotpHeader {
    /// Type `1`: the token was derived with TLS exporter material.
    pub channel_bound: bool,
    pub token: String,
}

impl TotpHeader {
    /// The header name.
    pub const NAME: &'static str = "TOTP";

    /// A plain (type `0`) token.
    pub fn plain(token: impl Into<String>) -> TotpHeader {
        TotpHeader {
            channel_bound: false,
            token: token.into(),
        }
    }

    /// The header value: `0 CN63y502maVh`.
    pub fn to_value(&self) -> String {
        format!("{} {}", u8::from(self.channel_bound), self.token)
    }

    /// Reads a header value. A bare `<token>` (what older peers sent) is accepted only when
    /// `accept_bare` is set, as a plain token.
    pub fn parse(value: &str, accept_bare: bool) -> Result<TotpHeader, CarrierError> {
        let mut parts = value.split_ascii_whitespace();
        match (parts.next(), parts.next(), parts.next()) {
            (None, _, _) => Err(CarrierError::Empty),
            (Some(kind), Some(token), None) => {
                let channel_bound = match kind {
                    "0" => false,
                    "1" => true,
                    _ => return Err(CarrierError::InvalidType),
                };
                Ok(TotpHeader {
                    channel_bound,
                    token: token.to_string(),
                })
            }
            (Some(token), None, _) if accept_bare => Ok(TotpHeader::plain(token)),
            (Some(_), None, _) => Err(CarrierError::BareToken),
            (Some(_), Some(_), Some(_)) => Err(CarrierError::InvalidType),
        }
    }
}

/// `Authorization: Basic base64(<OCPI token>:<type> <token>)`. `Debug` hides the OCPI token.
#[derive(Clone, PartialEq, Eq)]
pub struct BasicCarrier {
    pub ocpi_token: String,
    pub totp: TotpHeader,
}

impl fmt::Debug for BasicCarrier {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BasicCarrier")
            .field("ocpi_token", &"<redacted>")
            .field("totp", &self.totp)
            .finish()
    }
}

impl BasicCarrier {
    /// The `Authorization` header value.
    pub fn to_authorization(&self) -> String {
        let credentials = format!("{}:{}", self.ocpi_token, self.totp.to_value());
        format!("Basic {}", STANDARD.encode(credentials))
    }

    /// Reads an `Authorization: Basic` value. The OCPI token ends at the first `:` (RFC 7617: a
    /// user-id holds no colon).
    pub fn parse(authorization: &str, accept_bare: bool) -> Result<BasicCarrier, CarrierError> {
        let credentials = scheme_credentials(authorization, "Basic")?;
        let decoded = general_purpose::STANDARD
            .decode(credentials)
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .ok_or(CarrierError::NotBase64 {
                name: "credentials",
            })?;
        let (ocpi_token, totp) = decoded.split_once(':').ok_or(CarrierError::NoColon)?;
        if ocpi_token.is_empty() {
            return Err(CarrierError::EmptyParam { name: "OCPI token" });
        }
        Ok(BasicCarrier {
            ocpi_token: ocpi_token.to_string(),
            totp: TotpHeader::parse(totp, accept_bare)?,
        })
    }
}

/// `Authorization: TOTP login="<base64>", totp="<base64>"[, tlscb=false]`: login and token are
/// Base64 of UTF-8, each on its own; `tlscb` defaults to `true`. `Debug` hides the login.
#[derive(Clone, PartialEq, Eq)]
pub struct TotpAuthorization {
    pub login: String,
    pub totp: String,
    /// The token is bound to the TLS channel.
    pub tlscb: bool,
}

impl fmt::Debug for TotpAuthorization {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TotpAuthorization")
            .field("login", &"<redacted>")
            .field("totp", &self.totp)
            .field("tlscb", &self.tlscb)
            .finish()
    }
}

impl TotpAuthorization {
    /// The canonical header value: `tlscb` only when it is `false` (true is the default).
    pub fn to_header_value(&self) -> String {
        let mut value = format!(
            "TOTP login=\"{}\", totp=\"{}\"",
            STANDARD.encode(&self.login),
            STANDARD.encode(&self.totp)
        );
        if !self.tlscb {
            value.push_str(", tlscb=false");
        }
        value
    }

    /// Reads the header value: the scheme case-insensitively, auth-params in any order, quoted or
    /// not, unknown ones ignored, duplicates refused.
    pub fn parse(value: &str) -> Result<TotpAuthorization, CarrierError> {
        let params = auth_params(scheme_credentials(value, "TOTP")?)?;
        let mut login = None;
        let mut totp = None;
        let mut tlscb = None;
        for (name, value) in params {
            let slot = match name.to_ascii_lowercase().as_str() {
                "login" => &mut login,
                "totp" => &mut totp,
                "tlscb" => &mut tlscb,
                _ => continue,
            };
            if slot.replace(value).is_some() {
                return Err(CarrierError::DuplicateParam {
                    name: param_name(&name),
                });
            }
        }
        let login = decode_param(login, "login")?;
        let totp = decode_param(totp, "totp")?;
        let tlscb = match tlscb {
            None => true,
            Some(v) if v.eq_ignore_ascii_case("true") => true,
            Some(v) if v.eq_ignore_ascii_case("false") => false,
            Some(_) => return Err(CarrierError::InvalidTlscb),
        };
        Ok(TotpAuthorization { login, totp, tlscb })
    }
}

fn param_name(name: &str) -> &'static str {
    match name.to_ascii_lowercase().as_str() {
        "login" => "login",
        "totp" => "totp",
        _ => "tlscb",
    }
}

fn decode_param(value: Option<String>, name: &'static str) -> Result<String, CarrierError> {
    let value = value.ok_or(CarrierError::MissingParam { name })?;
    let text = BASE64_LENIENT
        .decode(value.as_bytes())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .ok_or(CarrierError::NotBase64 { name })?;
    if text.is_empty() {
        return Err(CarrierError::EmptyParam { name });
    }
    Ok(text)
}

/// RFC 9110 `tchar`: the characters of a token.
fn is_tchar(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// What follows `<scheme> ` in an authorization value, after checking the scheme.
fn scheme_credentials<'v>(value: &'v str, scheme: &'static str) -> Result<&'v str, CarrierError> {
    let value = value.trim_matches([' ', '\t']);
    if value.is_empty() {
        return Err(CarrierError::Empty);
    }
    let end = value.find(|c| !is_tchar(c)).unwrap_or(value.len());
    if !value[..end].eq_ignore_ascii_case(scheme) {
        return Err(CarrierError::WrongScheme { expected: scheme });
    }
    let rest = &value[end..];
    if rest.is_empty() {
        return Err(CarrierError::NoCredentials { scheme });
    }
    if !rest.starts_with(' ') {
        return Err(CarrierError::MalformedParams);
    }
    Ok(rest.trim_start_matches(' '))
}

/// `#auth-param`: `name = (token / quoted-string)` separated by commas, whitespace around `=` and
/// `,` allowed, empty list elements skipped. A token68 blob or anything else is an error.
fn auth_params(input: &str) -> Result<Vec<(String, String)>, CarrierError> {
    let mut params = Vec::new();
    let mut rest = input;
    let skip_ows = |s: &str| s.trim_start_matches([' ', '\t']).len();
    loop {
        rest = rest.trim_start_matches([' ', '\t', ',']);
        if rest.is_empty() {
            break;
        }
        let name_end = rest.find(|c| !is_tchar(c)).unwrap_or(rest.len());
        if name_end == 0 {
            return Err(CarrierError::MalformedParams);
        }
        let name = &rest[..name_end];
        rest = &rest[name_end..];
        rest = &rest[rest.len() - skip_ows(rest)..];
        rest = rest
            .strip_prefix('=')
            .ok_or(CarrierError::MalformedParams)?;
        rest = &rest[rest.len() - skip_ows(rest)..];
        let value;
        if let Some(quoted) = rest.strip_prefix('"') {
            let (text, after) = quoted_string(quoted)?;
            value = text;
            rest = after;
        } else {
            let end = rest.find(|c| !is_tchar(c)).unwrap_or(rest.len());
            if end == 0 {
                return Err(CarrierError::MalformedParams);
            }
            value = rest[..end].to_string();
            rest = &rest[end..];
        }
        params.push((name.to_string(), value));
        rest = &rest[rest.len() - skip_ows(rest)..];
        if !rest.is_empty() && !rest.starts_with(',') {
            return Err(CarrierError::MalformedParams);
        }
    }
    if params.is_empty() {
        return Err(CarrierError::MalformedParams);
    }
    Ok(params)
}

/// The rest of a quoted-string after its opening `"`: its text (escapes resolved) and what
/// follows the closing `"`.
fn quoted_string(input: &str) -> Result<(String, &str), CarrierError> {
    let mut text = String::new();
    let mut chars = input.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((text, &input[i + 1..])),
            '\\' => match chars.next() {
                Some((_, escaped)) => text.push(escaped),
                None => break,
            },
            _ => text.push(c),
        }
    }
    Err(CarrierError::MalformedParams)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totp_header_round_trip() {
        let header = TotpHeader::plain("CN63y502maVh");
        assert_eq!(header.to_value(), "0 CN63y502maVh");
        assert_eq!(TotpHeader::parse("0 CN63y502maVh", false), Ok(header));
        let bound = TotpHeader::parse("1  gAzxPfYtmRgd ", false).expect("type 1");
        assert!(bound.channel_bound);
        assert_eq!(bound.token, "gAzxPfYtmRgd");
    }

    #[test]
    fn totp_header_refuses_a_bare_token_unless_asked() {
        assert_eq!(
            TotpHeader::parse("CN63y502maVh", false),
            Err(CarrierError::BareToken)
        );
        assert_eq!(
            TotpHeader::parse("CN63y502maVh", true),
            Ok(TotpHeader::plain("CN63y502maVh"))
        );
        assert_eq!(
            TotpHeader::parse("2 CN63y502maVh", true),
            Err(CarrierError::InvalidType)
        );
        assert_eq!(
            TotpHeader::parse("0 a b", true),
            Err(CarrierError::InvalidType)
        );
        assert_eq!(TotpHeader::parse("  ", true), Err(CarrierError::Empty));
    }

    #[test]
    fn basic_carrier_round_trip() {
        let carrier = BasicCarrier {
            ocpi_token: "ocpi-token-123".into(),
            totp: TotpHeader::plain("CN63y502maVh"),
        };
        let header = carrier.to_authorization();
        // base64("ocpi-token-123:0 CN63y502maVh")
        assert_eq!(header, "Basic b2NwaS10b2tlbi0xMjM6MCBDTjYzeTUwMm1hVmg=");
        assert_eq!(BasicCarrier::parse(&header, false), Ok(carrier));
        assert_eq!(
            BasicCarrier::parse("basic b2NwaS10b2tlbi0xMjM6MCBDTjYzeTUwMm1hVmg=", false)
                .map(|c| c.totp.token),
            Ok("CN63y502maVh".to_string())
        );
    }

    #[test]
    fn basic_carrier_errors() {
        assert_eq!(
            BasicCarrier::parse("Token abc", false),
            Err(CarrierError::WrongScheme { expected: "Basic" })
        );
        assert_eq!(
            BasicCarrier::parse("Basic !!!", false),
            Err(CarrierError::NotBase64 {
                name: "credentials"
            })
        );
        // base64("no-colon")
        assert_eq!(
            BasicCarrier::parse("Basic bm8tY29sb24=", false),
            Err(CarrierError::NoColon)
        );
        // base64("tok:CN63y502maVh"): the type is missing.
        assert_eq!(
            BasicCarrier::parse("Basic dG9rOkNONjN5NTAybWFWaA==", false),
            Err(CarrierError::BareToken)
        );
    }

    #[test]
    fn debug_hides_logins_and_ocpi_tokens() {
        let auth = TotpAuthorization {
            login: "static-token-xyz".into(),
            totp: "CN63y502maVh".into(),
            tlscb: false,
        };
        let basic = BasicCarrier {
            ocpi_token: "static-token-xyz".into(),
            totp: TotpHeader::plain("CN63y502maVh"),
        };
        let debug = format!("{auth:?} {basic:?}");
        assert!(!debug.contains("static-token-xyz"), "{debug}");
    }

    #[test]
    fn auth_param_errors_name_the_problem() {
        assert_eq!(
            TotpAuthorization::parse("TOTP login=\"bG9naW4=\", totp=\"dG90cA==\", tlscb=maybe"),
            Err(CarrierError::InvalidTlscb)
        );
        assert_eq!(
            TotpAuthorization::parse("TOTP totp=\"dG90cA==\""),
            Err(CarrierError::MissingParam { name: "login" })
        );
        assert_eq!(
            TotpAuthorization::parse("TOTP login=\"bG9naW4=\", LOGIN=\"bG9naW4=\", totp=x"),
            Err(CarrierError::DuplicateParam { name: "login" })
        );
        assert_eq!(
            TotpAuthorization::parse("TOTPX login=\"bG9naW4=\""),
            Err(CarrierError::WrongScheme { expected: "TOTP" })
        );
        assert_eq!(
            TotpAuthorization::parse("TOTP"),
            Err(CarrierError::NoCredentials { scheme: "TOTP" })
        );
    }
}
