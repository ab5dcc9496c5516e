//! Reading the moments written in CDRs and session descriptions, as leniently as real CDRs need:
//! RFC 3339 with `Z` or an offset, without offset, or with unpadded fields (`2025-8-13T9:07:50Z`).

use jiff::Timestamp;
use jiff::civil::DateTime;
use jiff::fmt::temporal::Pieces;
use jiff::tz::Offset;

/// A moment as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// With `Z` or an offset: an instant, and the offset written.
    Instant(Timestamp, Offset),
    /// Without offset: a civil date and time.
    Civil(DateTime),
}

/// Reads a date and time; `lenient` is set when the text is not in RFC 3339 form.
pub fn read(text: &str) -> Option<(Written, bool)> {
    let text = text.trim();
    if let Some(w) = pieces(text) {
        return Some((w, false));
    }
    pieces(&padded(text)?).map(|w| (w, true))
}

fn pieces(text: &str) -> Option<Written> {
    let p = Pieces::parse(text).ok()?;
    let dt = p.date().to_datetime(p.time()?);
    match p.offset() {
        Some(o) => {
            let offset = o.to_numeric_offset();
            Some(Written::Instant(offset.to_timestamp(dt).ok()?, offset))
        }
        None => Some(Written::Civil(dt)),
    }
}

/// `2025-8-13 9:7:50.1+1:00` → `2025-08-13T09:07:50.1+01:00`.
fn padded(text: &str) -> Option<String> {
    let (date, rest) = text.split_once(['T', 't', ' '])?;
    let ymd: Vec<&str> = date.split('-').collect();
    let [y, m, d] = ymd.as_slice() else {
        return None;
    };
    let zone_at = rest
        .find(['Z', 'z', '+'])
        .or_else(|| rest.rfind('-'))
        .unwrap_or(rest.len());
    let (time, zone) = rest.split_at(zone_at);
    let (hms, fraction) = match time.split_once('.') {
        Some((hms, f)) => (hms, format!(".{f}")),
        None => (time, String::new()),
    };
    let parts: Vec<&str> = hms.split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let two = |s: &str| -> Option<String> {
        (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| format!("{s:0>2}"))
    };
    let zone = match zone {
        "" | "Z" | "z" => zone.to_ascii_uppercase(),
        z => {
            let (sign, hm) = z.split_at(1);
            let (h, m) = hm.split_once(':').unwrap_or((hm, "00"));
            format!("{sign}{}:{}", two(h)?, two(m)?)
        }
    };
    Some(format!(
        "{y:0>4}-{}-{}T{}:{}:{}{fraction}{zone}",
        two(m)?,
        two(d)?,
        two(parts[0])?,
        two(parts[1])?,
        two(parts.get(2).copied().unwrap_or("00"))?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_strict_and_lenient_forms() {
        let (w, lenient) = read("2022-01-13T16:55:00+01:00").unwrap();
        assert!(!lenient);
        assert_eq!(
            w,
            Written::Instant("2022-01-13T15:55:00Z".parse().unwrap(), Offset::constant(1))
        );
        let (w, lenient) = read("2025-8-13T21:07:50.029Z").unwrap();
        assert!(lenient);
        assert_eq!(
            w,
            Written::Instant("2025-08-13T21:07:50.029Z".parse().unwrap(), Offset::UTC)
        );
        let (w, _) = read("2025-04-07T15:48:21").unwrap();
        assert_eq!(w, Written::Civil("2025-04-07T15:48:21".parse().unwrap()));
        assert_eq!(read("yesterday"), None);
        assert_eq!(read("2025-13-01T00:00:00Z"), None);
    }
}
