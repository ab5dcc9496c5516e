//! Checks of the string formats the spec names (DateTime, `HH:MM`, dates, URLs, coordinates, codes).
//! Each check says whether a value is exact, readable with a lenient rule, or unreadable.

use crate::spec::codes;

/// The outcome of checking one string against a format.
#[derive(Debug, PartialEq, Eq)]
pub enum Checked {
    /// The value is exactly as the spec wants.
    Exact,
    /// The value is readable; `.0` is the spec's form of it and `.1` says what was wrong.
    Lenient(String, String),
    /// The value cannot be read; the text says why.
    Invalid(String),
}

fn digits(b: &[u8]) -> bool {
    b.iter().all(u8::is_ascii_digit)
}

fn num(b: &[u8]) -> u32 {
    b.iter().fold(0, |acc, &d| acc * 10 + (d - b'0') as u32)
}

fn valid_date(y: u32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && jiff::civil::Date::new(y as i16, m as i8, d as i8).is_ok()
}

/// Checks an OCPI DateTime. `fractions`: the version allows fractional seconds (2.2+).
pub fn check_datetime(s: &str, fractions: bool) -> Checked {
    let b = s.as_bytes();
    let shape_ok = b.len() >= 19
        && digits(&b[0..4])
        && b[4] == b'-'
        && digits(&b[5..7])
        && b[7] == b'-'
        && digits(&b[8..10])
        && matches!(b[10], b'T' | b't' | b' ')
        && digits(&b[11..13])
        && b[13] == b':'
        && digits(&b[14..16])
        && b[16] == b':'
        && digits(&b[17..19]);
    if !shape_ok {
        return Checked::Invalid(format!(
            "\"{}\" is not a DateTime; write it as YYYY-MM-DDThh:mm:ssZ in UTC, e.g. 2025-03-12T10:54:38Z",
            truncate(s)
        ));
    }
    let (y, mo, d) = (num(&b[0..4]), num(&b[5..7]), num(&b[8..10]));
    let (h, mi, sec) = (num(&b[11..13]), num(&b[14..16]), num(&b[17..19]));
    if !valid_date(y, mo, d) || h > 23 || mi > 59 || sec > 60 {
        return Checked::Invalid(format!("\"{}\" is not a real date and time", truncate(s)));
    }
    let mut rest = &b[19..];
    let mut fraction = "";
    if let [b'.', tail @ ..] = rest {
        let n = tail.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return Checked::Invalid(format!(
                "\"{}\" has a decimal point without digits",
                truncate(s)
            ));
        }
        fraction = &s[19..20 + n];
        rest = &tail[n..];
    }
    let mut problems: Vec<&str> = Vec::new();
    if b[10] != b'T' {
        problems.push("a space or lower-case t between date and time");
    }
    if !fraction.is_empty() && !fractions {
        problems.push("fractional seconds, which 2.1.1 does not allow");
    }
    let utc = match rest {
        [] | [b'Z'] => true,
        [b'z'] => {
            problems.push("a lower-case z");
            true
        }
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2]
            if [h1, h2, m1, m2].iter().all(|c| c.is_ascii_digit()) =>
        {
            let offset_min = (num(&[*h1, *h2]) * 60 + num(&[*m1, *m2])) as i64;
            let offset = if *sign == b'-' {
                -offset_min
            } else {
                offset_min
            };
            // Convert to UTC so that everything downstream reads one form.
            let local = format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", y, mo, d, h, mi, sec);
            let Ok(dt) = local.parse::<jiff::civil::DateTime>() else {
                return Checked::Invalid(format!(
                    "\"{}\" is not a real date and time",
                    truncate(s)
                ));
            };
            let Ok(offset) = jiff::tz::Offset::from_seconds((offset * 60) as i32) else {
                return Checked::Invalid(format!("\"{}\" has an impossible offset", truncate(s)));
            };
            let Ok(ts) = offset.to_timestamp(dt) else {
                return Checked::Invalid(format!(
                    "\"{}\" is not a real date and time",
                    truncate(s)
                ));
            };
            let utc = utc_seconds(ts);
            return Checked::Lenient(
                format!("{utc}{fraction}Z"),
                "a time zone offset; OCPI DateTimes are UTC without offset (read as the same instant in UTC)".into(),
            );
        }
        _ => {
            return Checked::Invalid(format!(
                "\"{}\" has unexpected text after the time",
                truncate(s)
            ));
        }
    };
    debug_assert!(utc);
    if s.len() > 25 {
        problems.push("more than 25 characters");
    }
    if problems.is_empty() {
        Checked::Exact
    } else {
        let canonical = format!("{}T{}{}Z", &s[0..10], &s[11..19], fraction);
        Checked::Lenient(canonical, problems.join(" and "))
    }
}

/// Checks a `HH:MM` local time. `24:00` is read as the end of the day.
pub fn check_local_time(s: &str) -> Checked {
    let b = s.as_bytes();
    let exact = b.len() == 5 && digits(&b[0..2]) && b[2] == b':' && digits(&b[3..5]);
    if exact {
        let (h, m) = (num(&b[0..2]), num(&b[3..5]));
        if h <= 23 && m <= 59 {
            return Checked::Exact;
        }
        if h == 24 && m == 0 {
            return Checked::Lenient("24:00".into(), "24:00 is not a valid time; the spec writes the end of the day as 00:00 in end times".into());
        }
        return Checked::Invalid(format!(
            "\"{}\" is not a time of day (HH:MM, 00:00 to 23:59)",
            truncate(s)
        ));
    }
    // `7:00` or `07:00:00`
    let parts: Vec<&str> = s.split(':').collect();
    if (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 2 && digits(p.as_bytes()))
        && (parts.len() == 2 || parts[2] == "00")
    {
        let (h, m) = (num(parts[0].as_bytes()), num(parts[1].as_bytes()));
        if h <= 23 && m <= 59 {
            return Checked::Lenient(
                format!("{h:02}:{m:02}"),
                "the spec's form is HH:MM with leading zeros and no seconds".into(),
            );
        }
    }
    Checked::Invalid(format!(
        "\"{}\" is not a time of day in the form HH:MM",
        truncate(s)
    ))
}

/// Checks a `YYYY-MM-DD` date.
pub fn check_date(s: &str) -> Checked {
    let b = s.as_bytes();
    if b.len() == 10
        && digits(&b[0..4])
        && b[4] == b'-'
        && digits(&b[5..7])
        && b[7] == b'-'
        && digits(&b[8..10])
    {
        if valid_date(num(&b[0..4]), num(&b[5..7]), num(&b[8..10])) {
            return Checked::Exact;
        }
        return Checked::Invalid(format!("\"{}\" is not a real date", truncate(s)));
    }
    Checked::Invalid(format!(
        "\"{}\" is not a date in the form YYYY-MM-DD",
        truncate(s)
    ))
}

/// Checks a URL: absolute, `http:` or `https:`, with a host.
pub fn check_url(s: &str) -> Checked {
    let lower_scheme = s
        .get(..8)
        .map(|p| p.to_ascii_lowercase())
        .unwrap_or_default();
    let rest = if lower_scheme.starts_with("https://") {
        &s[8..]
    } else if lower_scheme.starts_with("http://") {
        &s[7..]
    } else {
        return Checked::Invalid(format!(
            "\"{}\" is not an absolute http: or https: URL",
            truncate(s)
        ));
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Checked::Invalid(format!(
            "\"{}\" is not a valid URL (no host, or spaces in it)",
            truncate(s)
        ));
    }
    Checked::Exact
}

/// Checks a latitude or longitude string against the version's decimals rule.
pub fn check_coordinate(s: &str, is_latitude: bool, decimals: (u8, u8)) -> Checked {
    let (name, limit, int_digits) = if is_latitude {
        ("latitude", 90.0, 2)
    } else {
        ("longitude", 180.0, 3)
    };
    let t = s.trim();
    let Ok(value) = t.parse::<f64>() else {
        return Checked::Invalid(format!(
            "{name} \"{}\" is not a decimal number",
            truncate(s)
        ));
    };
    if !value.is_finite() || value.abs() > limit {
        return Checked::Invalid(format!(
            "{name} {} is outside -{limit}..{limit}",
            truncate(s)
        ));
    }
    let body = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let shape_ok = !int.is_empty()
        && int.len() <= int_digits
        && digits(int.as_bytes())
        && digits(frac.as_bytes())
        && (decimals.0 as usize..=decimals.1 as usize).contains(&frac.len())
        && t == s;
    if shape_ok {
        return Checked::Exact;
    }
    let want = if decimals.0 == decimals.1 {
        format!("exactly {} decimals", decimals.0)
    } else {
        format!("{} to {} decimals", decimals.0, decimals.1)
    };
    Checked::Lenient(
        t.to_string(),
        format!("{name} \"{}\" should have {want}", truncate(s)),
    )
}

/// `2025-01-31T12:00:00`: an instant in UTC to the second, as OCPI writes it (without the `Z`).
pub fn utc_seconds(ts: jiff::Timestamp) -> String {
    let t = jiff::tz::Offset::UTC.to_datetime(ts);
    let sign = if t.year() < 0 { "-" } else { "" };
    format!(
        "{sign}{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        t.year().unsigned_abs(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Checks an IANA time zone name; suggests one for near misses and Windows names.
pub fn check_time_zone(s: &str) -> Checked {
    if codes::iana_time_zone(s).is_some() && s.trim() == s {
        return Checked::Exact;
    }
    if let Some(suggestion) = suggest_time_zone(s) {
        return Checked::Lenient(
            suggestion.clone(),
            format!(
                "\"{}\" is not an IANA time zone name; read as \"{suggestion}\"",
                truncate(s)
            ),
        );
    }
    Checked::Invalid(format!(
        "\"{}\" is not an IANA time zone name (like Europe/Amsterdam)",
        truncate(s)
    ))
}

fn suggest_time_zone(s: &str) -> Option<String> {
    let t = s.trim();
    if let Some(iana) = codes::windows_time_zone_to_iana(t) {
        return Some(iana.to_string());
    }
    let candidate = t.replace(' ', "_").replace("\\/", "/");
    // Report the database's own spelling of the name.
    codes::iana_time_zone(&candidate).map(str::to_string)
}

/// Checks an eMI3 / IDACS EVSE id: `CC*PPP*E...` (separators optional).
pub fn check_evse_id(s: &str) -> Checked {
    let u = s.to_ascii_uppercase();
    let b = u.as_bytes();
    let mut i = 0;
    let ok = (|| {
        if b.len() < 7 || !b[0..2].iter().all(u8::is_ascii_alphabetic) {
            return false;
        }
        i = 2;
        if b.get(i) == Some(&b'*') {
            i += 1;
        }
        if !b
            .get(i..i + 3)
            .is_some_and(|p| p.iter().all(u8::is_ascii_alphanumeric))
        {
            return false;
        }
        i += 3;
        if b.get(i) == Some(&b'*') {
            i += 1;
        }
        if b.get(i) != Some(&b'E') {
            return false;
        }
        let tail = &b[i + 1..];
        !tail.is_empty()
            && tail.len() <= 31
            && tail.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'*')
    })();
    if ok {
        Checked::Exact
    } else {
        Checked::Invalid(format!(
            "EVSE id \"{}\" does not follow the eMI3 pattern CC*PPP*E... (country, operator, E, id; e.g. NL*TNM*E12345)",
            truncate(s)
        ))
    }
}

/// Checks a telephone number (digits with optional `+`, spaces, dashes, dots, parentheses).
pub fn check_phone(s: &str) -> Checked {
    let digits_count = s.chars().filter(char::is_ascii_digit).count();
    let allowed = s
        .chars()
        .enumerate()
        .all(|(i, c)| c.is_ascii_digit() || " -./()".contains(c) || (c == '+' && i == 0));
    if allowed && (5..=20).contains(&digits_count) {
        Checked::Exact
    } else {
        Checked::Invalid(format!(
            "\"{}\" does not look like a telephone number (e.g. +31 20 123 4567)",
            truncate(s)
        ))
    }
}

/// Shortens long values so that messages stay readable.
pub fn truncate(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let cut: String = s.chars().take(MAX).collect();
        format!("{cut}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetimes() {
        assert_eq!(check_datetime("2015-06-29T20:39:09Z", true), Checked::Exact);
        assert_eq!(check_datetime("2015-06-29T20:39:09", false), Checked::Exact);
        assert_eq!(
            check_datetime("2016-12-29T17:45:09.2Z", true),
            Checked::Exact
        );
        assert!(
            matches!(check_datetime("2016-12-29T17:45:09.2Z", false), Checked::Lenient(ref c, _) if c == "2016-12-29T17:45:09.2Z")
        );
        assert!(
            matches!(check_datetime("2025-03-12 10:54:38", true), Checked::Lenient(ref c, _) if c == "2025-03-12T10:54:38Z")
        );
        assert!(
            matches!(check_datetime("2025-03-12T10:54:38+01:00", true), Checked::Lenient(ref c, _) if c == "2025-03-12T09:54:38Z")
        );
        assert!(matches!(
            check_datetime("2025-02-30T10:54:38Z", true),
            Checked::Invalid(_)
        ));
        assert!(matches!(
            check_datetime("yesterday", true),
            Checked::Invalid(_)
        ));
        assert!(matches!(
            check_datetime("2025-03-12", true),
            Checked::Invalid(_)
        ));
    }

    #[test]
    fn times_and_dates() {
        assert_eq!(check_local_time("23:59"), Checked::Exact);
        assert!(matches!(check_local_time("7:00"), Checked::Lenient(ref c, _) if c == "07:00"));
        assert!(matches!(check_local_time("24:00"), Checked::Lenient(..)));
        assert!(matches!(check_local_time("25:00"), Checked::Invalid(_)));
        assert_eq!(check_date("2024-02-29"), Checked::Exact);
        assert!(matches!(check_date("2023-02-29"), Checked::Invalid(_)));
    }

    #[test]
    fn coordinates() {
        assert_eq!(check_coordinate("52.370216", true, (6, 6)), Checked::Exact);
        assert_eq!(check_coordinate("52.37021", true, (5, 7)), Checked::Exact);
        assert!(matches!(
            check_coordinate("52.3", true, (5, 7)),
            Checked::Lenient(..)
        ));
        assert!(matches!(
            check_coordinate("152.3", true, (5, 7)),
            Checked::Invalid(_)
        ));
        assert_eq!(
            check_coordinate("-122.4194155", false, (5, 7)),
            Checked::Exact
        );
        assert!(matches!(
            check_coordinate("north", false, (5, 7)),
            Checked::Invalid(_)
        ));
    }

    #[test]
    fn urls_and_ids() {
        assert_eq!(check_url("https://example.com/x"), Checked::Exact);
        assert!(matches!(
            check_url("javascript:alert(1)"),
            Checked::Invalid(_)
        ));
        assert!(matches!(check_url("www.example.com"), Checked::Invalid(_)));
        assert_eq!(check_evse_id("BE*BEC*E041503001"), Checked::Exact);
        assert_eq!(check_evse_id("NLTNME12345"), Checked::Exact);
        assert!(matches!(
            check_evse_id("BE-BEC-E041503001"),
            Checked::Invalid(_)
        ));
        assert_eq!(check_phone("+31 20 123 4567"), Checked::Exact);
        assert!(matches!(check_phone("call us"), Checked::Invalid(_)));
    }

    #[test]
    fn time_zones() {
        assert_eq!(check_time_zone("Europe/Amsterdam"), Checked::Exact);
        assert!(
            matches!(check_time_zone("Asia/Kuala Lumpur"), Checked::Lenient(ref c, _) if c == "Asia/Kuala_Lumpur")
        );
        assert!(
            matches!(check_time_zone("GMT Standard Time"), Checked::Lenient(ref c, _) if c == "Europe/London")
        );
        assert!(matches!(
            check_time_zone("Mars/Olympus"),
            Checked::Invalid(_)
        ));
    }
}
