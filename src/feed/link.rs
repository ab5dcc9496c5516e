//! The HTTP `Link` header (RFC 8288): the next page of an OCPI list.
//!
//! Written by hand: the crates that parse it are unmaintained, or split on every comma (a comma
//! may stand inside a quoted parameter and inside the URI itself), or pull in a parser framework
//! for forty lines of grammar.

use url::Url;

/// One link: its target as written and its parameters (names lower-cased, values unquoted).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub target: String,
    pub params: Vec<(String, Option<String>)>,
}

impl Link {
    /// The relation types of the link (`rel` holds a space-separated list), lower-cased.
    pub fn rels(&self) -> impl Iterator<Item = String> + '_ {
        self.params
            .iter()
            .filter(|(k, _)| k == "rel")
            .take(1) // RFC 8288 §3.3: occurrences after the first are ignored
            .flat_map(|(_, v)| v.as_deref().unwrap_or("").split_ascii_whitespace())
            .map(str::to_ascii_lowercase)
    }
}

/// Parses a `Link` field value: `<uri>; param=value; param="quoted", <uri2>; ...`.
pub fn parse_links(value: &str) -> Result<Vec<Link>, String> {
    let mut links = Vec::new();
    let mut rest = value.trim_start();
    loop {
        rest = rest.trim_start_matches(|c: char| c == ',' || c.is_ascii_whitespace());
        if rest.is_empty() {
            return Ok(links);
        }
        let Some(after_lt) = rest.strip_prefix('<') else {
            return Err(format!(
                "a link must start with `<`, found `{}`",
                first_chars(rest)
            ));
        };
        let Some(close) = after_lt.find('>') else {
            return Err("a link target lacks its closing `>`".into());
        };
        let target = after_lt[..close].trim().to_string();
        rest = &after_lt[close + 1..];
        let mut params = Vec::new();
        loop {
            rest = rest.trim_start();
            if rest.is_empty() || rest.starts_with(',') {
                break;
            }
            let Some(after_semi) = rest.strip_prefix(';') else {
                return Err(format!(
                    "expected `;` or `,` after a link, found `{}`",
                    first_chars(rest)
                ));
            };
            rest = after_semi.trim_start();
            if rest.is_empty() || rest.starts_with(',') || rest.starts_with(';') {
                continue;
            }
            let name_len = rest.find(|c: char| !is_token_char(c)).unwrap_or(rest.len());
            if name_len == 0 {
                return Err(format!(
                    "a link parameter name is missing before `{}`",
                    first_chars(rest)
                ));
            }
            let name = rest[..name_len].to_ascii_lowercase();
            rest = rest[name_len..].trim_start();
            let value = if let Some(after_eq) = rest.strip_prefix('=') {
                rest = after_eq.trim_start();
                let (value, remaining) = if rest.starts_with('"') {
                    quoted(rest)?
                } else {
                    let len = rest.find(|c: char| !is_token_char(c)).unwrap_or(rest.len());
                    (rest[..len].to_string(), &rest[len..])
                };
                rest = remaining;
                Some(value)
            } else {
                None
            };
            // `rel*=UTF-8''next` (RFC 8187) means the same as `rel=next`.
            match name.strip_suffix('*') {
                Some(base) => params.push((base.to_string(), value.map(|v| ext_value(&v)))),
                None => params.push((name, value)),
            }
        }
        links.push(Link { target, params });
    }
}

fn first_chars(s: &str) -> String {
    s.chars().take(20).collect()
}

/// `token` characters of RFC 9110.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

/// Reads a quoted-string at the start of `s`; returns its value and the rest.
fn quoted(s: &str) -> Result<(String, &str), String> {
    let mut value = String::new();
    let mut chars = s.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Ok((value, &s[i + 1..])),
            '\\' => match chars.next() {
                Some((_, escaped)) => value.push(escaped),
                None => break,
            },
            _ => value.push(c),
        }
    }
    Err("a quoted link parameter lacks its closing `\"`".into())
}

/// Decodes an RFC 8187 ext-value (`charset'language'percent-encoded`).
fn ext_value(v: &str) -> String {
    let mut parts = v.splitn(3, '\'');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(_charset), Some(_language), Some(encoded)) => {
            url::form_urlencoded::parse(format!("x={}", encoded.replace('+', "%2B")).as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default()
        }
        _ => v.to_string(),
    }
}

/// The target of the first `rel="next"` link among the `Link` header values, resolved against
/// the URL of the response. `Ok(None)` when there is no next link.
pub fn next_link<'v>(
    values: impl IntoIterator<Item = &'v str>,
    base: &Url,
) -> Result<Option<Url>, (String, String)> {
    for value in values {
        let links = parse_links(value).map_err(|reason| (value.to_string(), reason))?;
        for link in links {
            if link.rels().any(|r| r == "next") {
                let url = base.join(&link.target).map_err(|e| {
                    (
                        value.to_string(),
                        format!("the target `{}` is not a URL: {e}", link.target),
                    )
                })?;
                if !matches!(url.scheme(), "http" | "https") {
                    return Err((
                        value.to_string(),
                        format!("the target `{url}` is not an http(s) URL"),
                    ));
                }
                return Ok(Some(url));
            }
        }
    }
    Ok(None)
}
