//! A minimal compact-JSON writer.
//!
//! Objects are written field by field in the order the generator puts them (the spec's order),
//! straight into text. Leaves are formatted exactly as `serde_json` formats them (same string
//! escaping, integers, and `serde_json`'s own float formatting), so parsing a fragment into a
//! `serde_json::Value` gives the same value as the generator meant.
//! Building text directly is several times faster than building `Value` trees.

use std::borrow::Cow;
use std::fmt::Write as _;

/// A rendered JSON value (compact text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Json(pub(crate) String);

/// Anything that can write itself as a JSON value.
pub(crate) trait ToJson {
    fn write_json(&self, out: &mut String);
}

/// Bytes serde_json escapes: control characters, `"` and `\\`.
const NEEDS_ESCAPE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

pub(crate) fn escape_into(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let bytes = s.as_bytes();
    if !bytes.iter().any(|&b| NEEDS_ESCAPE[b as usize]) {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !NEEDS_ESCAPE[b as usize] {
            continue;
        }
        let esc: &str = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            _ => "",
        };
        out.push_str(&s[start..i]);
        if esc.is_empty() {
            let _ = write!(out, "\\u{:04x}", b);
        } else {
            out.push_str(esc);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

impl ToJson for str {
    fn write_json(&self, out: &mut String) {
        escape_into(out, self);
    }
}

impl ToJson for String {
    fn write_json(&self, out: &mut String) {
        escape_into(out, self);
    }
}

impl ToJson for Cow<'_, str> {
    fn write_json(&self, out: &mut String) {
        escape_into(out, self);
    }
}

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, out: &mut String) {
        (**self).write_json(out);
    }
}

impl ToJson for Json {
    fn write_json(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}

impl ToJson for bool {
    fn write_json(&self, out: &mut String) {
        out.push_str(if *self { "true" } else { "false" });
    }
}

/// Decimal digits of `n` (without `core::fmt`, which is slow for millions of small numbers).
pub(crate) fn write_u64(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &buf[i..] {
        out.push(char::from(d));
    }
}

pub(crate) fn write_i64(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    write_u64(out, n.unsigned_abs());
}

/// `n` with at least `width` digits (zero-padded).
pub(crate) fn write_padded(out: &mut String, n: u64, width: usize) {
    let mut digits = 1;
    let mut m = n / 10;
    while m > 0 {
        digits += 1;
        m /= 10;
    }
    for _ in digits..width {
        out.push('0');
    }
    write_u64(out, n);
}

macro_rules! int_to_json {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn write_json(&self, out: &mut String) {
                write_i64(out, i64::try_from(*self).expect("small integers"));
            }
        }
    )*};
}
int_to_json!(i64, u64, i32, u32, usize);

/// A coordinate as a JSON string with a fixed number of decimals (`"52.370123"`).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Coord(pub(crate) f64, pub(crate) usize);

impl ToJson for Coord {
    fn write_json(&self, out: &mut String) {
        out.push('"');
        write_fixed(out, self.0, self.1);
        out.push('"');
    }
}

/// `x` with exactly `decimals` decimals, rounded half away from zero.
pub(crate) fn write_fixed(out: &mut String, x: f64, decimals: usize) {
    let scale = 10u64.pow(decimals as u32);
    let v = (x.abs() * scale as f64).round() as u64;
    if x < 0.0 && v != 0 {
        out.push('-');
    }
    write_u64(out, v / scale);
    if decimals > 0 {
        out.push('.');
        write_padded(out, v % scale, decimals);
    }
}

impl ToJson for [Json] {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&item.0);
        }
        out.push(']');
    }
}

impl ToJson for Vec<Json> {
    fn write_json(&self, out: &mut String) {
        self.as_slice().write_json(out);
    }
}

/// A list of strings.
pub(crate) struct Strs<'a>(pub(crate) &'a [&'a str]);

impl ToJson for Strs<'_> {
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, s) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            escape_into(out, s);
        }
        out.push(']');
    }
}

/// A number without a spurious `.0` for whole values (`20` rather than `20.0`); other values
/// use serde_json's own float formatting.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Num(pub(crate) f64);

impl ToJson for Num {
    fn write_json(&self, out: &mut String) {
        let x = self.0;
        if x.fract() == 0.0 && x.abs() < 1e15 {
            write_i64(out, x as i64);
        } else {
            out.push_str(&serde_json::Value::from(x).to_string());
        }
    }
}

/// Insertion-ordered JSON object writer.
pub(crate) struct Obj {
    buf: String,
    empty: bool,
}

impl Obj {
    /// `fields` = the expected number of fields (sizes the buffer).
    pub(crate) fn new(fields: usize) -> Self {
        let mut buf = String::with_capacity(2 + fields * 24);
        buf.push('{');
        Obj { buf, empty: true }
    }

    fn key(&mut self, key: &str) {
        debug_assert!(key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
        if !self.empty {
            self.buf.push(',');
        }
        self.empty = false;
        self.buf.push('"');
        self.buf.push_str(key);
        self.buf.push_str("\":");
    }

    pub(crate) fn put(&mut self, key: &str, value: impl ToJson) {
        self.key(key);
        value.write_json(&mut self.buf);
    }

    pub(crate) fn opt(&mut self, key: &str, value: Option<impl ToJson>) {
        if let Some(v) = value {
            self.put(key, v);
        }
    }

    /// An optional (`*`) list: left out when empty unless the operator sends `[]`.
    pub(crate) fn list(&mut self, key: &str, items: &[Json], empty_lists: bool) {
        if !items.is_empty() || empty_lists {
            self.put(key, items);
        }
    }

    /// An optional (`*`) list of strings, same rule as [`Obj::list`].
    pub(crate) fn str_list(&mut self, key: &str, items: &[&str], empty_lists: bool) {
        if !items.is_empty() || empty_lists {
            self.put(key, Strs(items));
        }
    }

    pub(crate) fn done(mut self) -> Json {
        self.buf.push('}');
        Json(self.buf)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn same_as_serde(v: impl ToJson, expected: Value) {
        let mut s = String::new();
        v.write_json(&mut s);
        assert_eq!(s, expected.to_string());
    }

    #[test]
    fn fixed_and_integers() {
        let mut s = String::new();
        write_fixed(&mut s, 52.3701234, 6);
        s.push(' ');
        write_fixed(&mut s, -0.1278, 5);
        s.push(' ');
        write_fixed(&mut s, -0.0000001, 6);
        s.push(' ');
        write_fixed(&mut s, 9.9999999, 6);
        s.push(' ');
        write_i64(&mut s, -1234567);
        s.push(' ');
        write_padded(&mut s, 7, 3);
        assert_eq!(s, "52.370123 -0.12780 0.000000 10.000000 -1234567 007");
    }

    #[test]
    fn leaves_match_serde_json() {
        same_as_serde("plain", Value::from("plain"));
        same_as_serde(
            "q\"b\\n\nt\tc\u{1}d\u{7f}é€",
            Value::from("q\"b\\n\nt\tc\u{1}d\u{7f}é€"),
        );
        same_as_serde(12_i64, Value::from(12));
        same_as_serde(-3_i32, Value::from(-3));
        same_as_serde(true, Value::from(true));
        for x in [
            0.4958,
            8.1,
            25.5,
            0.0006,
            1e-7,
            52.3701234,
            1234.5678,
            0.1 + 0.2,
        ] {
            same_as_serde(Num(x), Value::from(x));
        }
        same_as_serde(Num(20.0), Value::from(20));
    }

    #[test]
    fn objects_keep_order() {
        let mut o = Obj::new(16);
        o.put("b", 1_i64);
        o.put("a", "x");
        o.str_list("l", &["p", "q"], false);
        o.str_list("e", &[], false);
        o.list("z", &[], true);
        let j = o.done();
        assert_eq!(j.0, r#"{"b":1,"a":"x","l":["p","q"],"z":[]}"#);
        let v: Value = serde_json::from_str(&j.0).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"b": 1, "a": "x", "l": ["p", "q"], "z": []})
        );
    }
}
