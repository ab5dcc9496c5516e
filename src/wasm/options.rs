//! The options object of a call: read by name, each value checked, unknown names refused.
//!
//! Names are camelCase (`allowComments` for the CLI's `--allow-comments`). A binding reads the
//! options it shares with the others through [`Reading::read`], then its own through the same
//! [`JsOptions`], then calls [`JsOptions::finish`], which refuses any name nobody asked for (a
//! typo, or `allow_comments`) instead of ignoring it.

use super::{ApiError, ApiErrorCode, type_name};
use crate::spec::Version;
use crate::validate::{Kind, Options, label_from_path};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

/// The options object of one call, and the names read from it so far.
pub(crate) struct JsOptions {
    object: Option<js_sys::Object>,
    known: Vec<&'static str>,
}

fn invalid(message: String) -> ApiError {
    ApiError::new(ApiErrorCode::InvalidOptions, message)
}

impl JsOptions {
    /// `undefined` and `null` are no options; anything but an object is refused.
    pub(crate) fn new(options: JsValue) -> Result<JsOptions, ApiError> {
        let object = if options.is_undefined() || options.is_null() {
            None
        } else if let Some(object) = options.dyn_ref::<js_sys::Object>()
            && !js_sys::Array::is_array(&options)
            && !options.is_function()
        {
            Some(object.clone())
        } else {
            return Err(invalid(format!(
                "options must be an object, not {}",
                type_name(&options)
            )));
        };
        Ok(JsOptions {
            object,
            known: Vec::new(),
        })
    }

    /// The value of `name`; `None` when absent, `undefined` or `null`.
    pub(crate) fn get(&mut self, name: &'static str) -> Option<JsValue> {
        self.known.push(name);
        let object = self.object.as_ref()?;
        js_sys::Reflect::get(object, &JsValue::from_str(name))
            .ok()
            .filter(|v| !v.is_undefined() && !v.is_null())
    }

    pub(crate) fn string(&mut self, name: &'static str) -> Result<Option<String>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v.as_string().map(Some).ok_or_else(|| {
                invalid(format!("`{name}` must be a string, not {}", type_name(&v)))
            }),
        }
    }

    pub(crate) fn bool(&mut self, name: &'static str) -> Result<Option<bool>, ApiError> {
        match self.get(name) {
            None => Ok(None),
            Some(v) => v.as_bool().map(Some).ok_or_else(|| {
                invalid(format!(
                    "`{name}` must be true or false, not {}",
                    type_name(&v)
                ))
            }),
        }
    }

    /// A whole number within `min..=max`.
    pub(crate) fn whole_number(
        &mut self,
        name: &'static str,
        min: u32,
        max: u32,
    ) -> Result<Option<u32>, ApiError> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        match v.as_f64() {
            Some(n) if n.fract() == 0.0 && n >= f64::from(min) && n <= f64::from(max) => {
                Ok(Some(n as u32))
            }
            _ => Err(invalid(format!(
                "`{name}` must be a whole number from {min} to {max}, not {}",
                v.as_f64().map_or_else(|| type_name(&v), |n| n.to_string())
            ))),
        }
    }

    /// An instant: a `Date`, an RFC 3339 string or milliseconds since 1970.
    pub(crate) fn timestamp(
        &mut self,
        name: &'static str,
    ) -> Result<Option<jiff::Timestamp>, ApiError> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        let millis = if let Some(date) = v.dyn_ref::<js_sys::Date>() {
            date.get_time()
        } else if let Some(ms) = v.as_f64() {
            ms
        } else if let Some(text) = v.as_string() {
            return text.parse::<jiff::Timestamp>().map(Some).map_err(|_| {
                invalid(format!(
                    "`{name}` \"{text}\" is not an RFC 3339 date-time such as 2025-01-31T12:00:00Z"
                ))
            });
        } else {
            return Err(invalid(format!(
                "`{name}` must be a Date, an RFC 3339 string or milliseconds since 1970, not {}",
                type_name(&v)
            )));
        };
        if !millis.is_finite() {
            return Err(invalid(format!("`{name}` is not a valid date")));
        }
        jiff::Timestamp::from_millisecond(millis as i64)
            .map(Some)
            .map_err(|_| invalid(format!("`{name}` is out of the range of dates")))
    }

    /// A calendar date: a `"YYYY-MM-DD"` string, or a `Date` (its date where the code runs).
    #[cfg_attr(not(feature = "wasm-full"), allow(dead_code))]
    pub(crate) fn date(
        &mut self,
        name: &'static str,
    ) -> Result<Option<jiff::civil::Date>, ApiError> {
        let Some(v) = self.get(name) else {
            return Ok(None);
        };
        if let Some(date) = v.dyn_ref::<js_sys::Date>() {
            return local_date(date)
                .map(Some)
                .ok_or_else(|| invalid(format!("`{name}` is not a valid date")));
        }
        let Some(text) = v.as_string() else {
            return Err(invalid(format!(
                "`{name}` must be a date \"YYYY-MM-DD\" or a Date, not {}",
                type_name(&v)
            )));
        };
        text.parse::<jiff::civil::Date>()
            .map(Some)
            .map_err(|_| invalid(format!("`{name}` \"{text}\" is not a date YYYY-MM-DD")))
    }

    /// Refuses the names that were not read.
    pub(crate) fn finish(self) -> Result<(), ApiError> {
        let Some(object) = &self.object else {
            return Ok(());
        };
        for key in js_sys::Object::keys(object).iter() {
            let key = key.as_string().unwrap_or_default();
            if !self.known.contains(&key.as_str()) {
                let camel = camel_case(&key);
                let hint = if self.known.contains(&camel.as_str()) {
                    format!(" (did you mean `{camel}`?)")
                } else {
                    format!("; the options are {}", self.known.join(", "))
                };
                return Err(invalid(format!("unknown option `{key}`{hint}")));
            }
        }
        Ok(())
    }
}

/// The calendar date of `date` in the time zone the code runs in (what the CLI calls today).
#[cfg_attr(not(feature = "wasm-full"), allow(dead_code))]
pub(crate) fn local_date(date: &js_sys::Date) -> Option<jiff::civil::Date> {
    if date.get_time().is_nan() {
        return None;
    }
    let year = i16::try_from(date.get_full_year()).ok()?;
    let month = i8::try_from(date.get_month() + 1).ok()?;
    let day = i8::try_from(date.get_date()).ok()?;
    jiff::civil::Date::new(year, month, day).ok()
}

/// `allow_comments` → `allowComments`, to point at the right name.
fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' || c == '-' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// The deepest nesting `maxDepth` may allow. The reader and the spec walk recurse once per level,
/// and deeper inputs would overflow the stack WebAssembly runs on (about 1 MB in browsers and
/// Node); the tests read an input this deep in Node and in Chromium.
pub(crate) const MAX_DEPTH: u32 = 1000;
/// The default of `maxBytes`: the core's own limit, 1 GiB.
const DEFAULT_MAX_BYTES: u32 = 1 << 30;
/// The largest input of the calls without `maxBytes` (pricing): the core's limit, 1 GiB.
#[cfg_attr(not(feature = "wasm-full"), allow(dead_code))]
pub(crate) const MAX_INPUT_BYTES: usize = DEFAULT_MAX_BYTES as usize;
/// The name of an input given without `path`.
pub(crate) const UNNAMED_INPUT: &str = "<input>";

/// How to read the data: the options of the CLI's `validate` and `normalize`.
#[derive(Clone)]
pub(crate) struct Reading {
    /// `path`: the name of a single input (`path` in the report, `source.file` in the model).
    pub(crate) path: Option<String>,
    /// `version`: `"auto"` (default), `"2.1.1"`, `"2.2.1"` or `"2.3.0"`.
    version: Option<Version>,
    /// `kind`: `"auto"` (default), `"location"` or `"tariff"`.
    kind: Option<Kind>,
    /// `label`: the version the data claims to be; by default one found in `path`.
    label: Option<String>,
    /// `allowComments`.
    allow_comments: bool,
    /// `maxBytes`: the largest input, in bytes of UTF-8 (default 1 GiB).
    pub(crate) max_bytes: usize,
    /// `maxDepth`: the deepest nesting (default 128, at most [`MAX_DEPTH`]).
    max_depth: usize,
    /// `now`: the moment for the rules about the future; the clock by default.
    now: jiff::Timestamp,
}

impl Reading {
    /// Reads the options every binding that reads OCPI data shares.
    pub(crate) fn read(o: &mut JsOptions) -> Result<Reading, ApiError> {
        let path = o.string("path")?;
        let version = match o.string("version")?.as_deref() {
            None | Some("auto") => None,
            Some(v @ ("2.1.1" | "2.2.1" | "2.3.0")) => Version::from_label(v),
            Some(other) => {
                return Err(invalid(format!(
                    "`version` \"{other}\": expected \"auto\", \"2.1.1\", \"2.2.1\" or \"2.3.0\""
                )));
            }
        };
        let kind = match o.string("kind")?.as_deref() {
            None | Some("auto") => None,
            Some("location") => Some(Kind::Location),
            Some("tariff") => Some(Kind::Tariff),
            Some(other) => {
                return Err(invalid(format!(
                    "`kind` \"{other}\": expected \"auto\", \"location\" or \"tariff\""
                )));
            }
        };
        let label = o.string("label")?;
        let allow_comments = o.bool("allowComments")?.unwrap_or(false);
        let max_bytes = o
            .whole_number("maxBytes", 1, u32::MAX)?
            .unwrap_or(DEFAULT_MAX_BYTES) as usize;
        // Zero is the core's default (128).
        let max_depth = o.whole_number("maxDepth", 1, MAX_DEPTH)?.unwrap_or(0) as usize;
        let now = match o.timestamp("now")? {
            Some(now) => now,
            None => jiff::Timestamp::from_millisecond(js_sys::Date::now() as i64)
                .unwrap_or(jiff::Timestamp::UNIX_EPOCH),
        };
        Ok(Reading {
            path,
            version,
            kind,
            label,
            allow_comments,
            max_bytes,
            max_depth,
            now,
        })
    }

    /// The same without `path`, for arrays of files given beside the input.
    #[cfg_attr(not(feature = "wasm-full"), allow(dead_code))]
    pub(crate) fn without_path(&self) -> Reading {
        Reading {
            path: None,
            ..self.clone()
        }
    }

    /// `now`: the option, or the clock.
    #[cfg_attr(not(feature = "wasm-full"), allow(dead_code))]
    pub(crate) fn now(&self) -> jiff::Timestamp {
        self.now
    }

    /// The core's options for the input named `path`: as in the CLI, the version label is taken
    /// from the name when `label` is not given.
    pub(crate) fn options_for(&self, path: &str) -> Options {
        Options {
            version: self.version,
            kind: self.kind,
            label: self.label.clone().or_else(|| label_from_path(path)),
            allow_comments: self.allow_comments,
            max_depth: self.max_depth,
            max_bytes: self.max_bytes,
            now: Some(self.now),
        }
    }
}
