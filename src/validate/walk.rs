//! The spec walk: one JSON object against one table, field by field.
//!
//! The walker consumes the tree and returns the lenient value: exact fields as they were,
//! coerced fields in the spec's form, dropped fields removed, unknown fields kept. Everything it
//! changes or drops is reported. It holds no knowledge of any particular field: that lives in the
//! tables of `spec/`.

use super::format::{self, Checked};
use crate::diagnostic::{Code, Diagnostic};
use crate::json::{Member, Node, Pointer, Span, Value, key_eq};
use crate::spec::{AliasKind, Card, FieldSpec, Format, ObjectSpec, Type, VersionSpec, codes};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::str::FromStr;

/// Field names of known vendor extensions, kept in the model as such.
pub const VENDOR_EXTENSIONS: &[&str] = &[
    "energy_meter",
    "transparency_software",
    "calibration_info_url",
];

/// Walks objects of one version, collecting diagnostics.
pub struct Walker<'a, 'd> {
    pub spec: &'static VersionSpec,
    pub pointer: Pointer<'a>,
    pub diagnostics: &'d mut Vec<Diagnostic>,
    /// Read a PATCH body: required fields may be absent.
    pub partial: bool,
}

impl<'a, 'd> Walker<'a, 'd> {
    pub fn new(
        spec: &'static VersionSpec,
        pointer: Pointer<'a>,
        diagnostics: &'d mut Vec<Diagnostic>,
    ) -> Self {
        Walker {
            spec,
            pointer,
            diagnostics,
            partial: false,
        }
    }

    /// Reports a diagnostic at the current pointer.
    pub fn report(&mut self, code: Code, span: Span, section: &str, message: String) {
        let pointer = self.pointer.render();
        self.push(code, span, pointer, section, message);
    }

    fn report_child(&mut self, code: Code, span: Span, key: &str, section: &str, message: String) {
        let pointer = self.pointer.render_with(key);
        self.push(code, span, pointer, section, message);
    }

    fn push(&mut self, code: Code, span: Span, pointer: String, section: &str, message: String) {
        self.diagnostics.push(Diagnostic {
            severity: code.severity(),
            code,
            message,
            pointer,
            line: 0,
            column: 0,
            spec: format!("{} {}", self.spec.spec_ref, section),
            span,
        });
    }

    /// Walks an object against `spec`. The node must be an object.
    pub fn object(&mut self, node: Node<'a>, spec: &'static ObjectSpec) -> Node<'a> {
        let span = node.span;
        let complete = node.complete;
        let Value::Object(mut members) = node.value else {
            return node;
        };
        // The members are rewritten in place: kept ones move to the front, dropped ones vanish.
        let mut kept = 0;
        let mut seen: u64 = 0; // bit i: field i of the table is present
        for read in 0..members.len() {
            let Member {
                key,
                key_span,
                node,
            } = std::mem::replace(&mut members[read], placeholder());
            let resolved = self.resolve_key(&key, key_span, spec, &members[..kept]);
            let member = match resolved {
                Resolved::Field(index, name) => {
                    let field = &spec.fields[index];
                    self.pointer.push_key(name.clone());
                    let value = self.field(node, field, spec);
                    self.pointer.pop();
                    if index < 64 {
                        seen |= 1 << index;
                    }
                    value.map(|value| Member {
                        key: name,
                        key_span,
                        node: value,
                    })
                }
                Resolved::Unknown => Some(Member {
                    key,
                    key_span,
                    node,
                }),
            };
            if let Some(member) = member {
                members[kept] = member;
                kept += 1;
            }
        }
        members.truncate(kept);
        if !self.partial && complete {
            for (index, field) in spec.fields.iter().enumerate() {
                let present = index < 64 && seen & (1 << index) != 0;
                if !present && field.card == Card::Required {
                    self.report_child(
                        Code::FieldMissing,
                        Span::new(span.start as usize, span.start as usize + 1),
                        field.name,
                        spec.section,
                        format!("{} lacks the required field `{}`", spec.name, field.name),
                    );
                }
                if !present && field.card == Card::NonEmptyList {
                    self.report_child(
                        Code::FieldMissing,
                        Span::new(span.start as usize, span.start as usize + 1),
                        field.name,
                        spec.section,
                        format!(
                            "{} lacks `{}`, a list that needs at least one entry",
                            spec.name, field.name
                        ),
                    );
                }
            }
        }
        Node {
            span,
            complete,
            value: Value::Object(members),
        }
    }

    fn resolve_key(
        &mut self,
        key: &Cow<'a, str>,
        key_span: Span,
        spec: &'static ObjectSpec,
        already: &[Member<'a>],
    ) -> Resolved<'a> {
        if let Some(i) = spec.fields.iter().position(|f| key_eq(f.name, key)) {
            return Resolved::Field(i, key.clone());
        }
        let taken = |name: &str| already.iter().any(|m| m.key == name);
        if let Some(alias) = self
            .spec
            .aliases
            .iter()
            .find(|a| a.object == spec.name && a.alias == key.as_ref())
            && let Some(i) = spec.fields.iter().position(|f| f.name == alias.field)
            && !taken(alias.field)
        {
            let (code, why) = match alias.kind {
                AliasKind::OtherVersion => (
                    Code::FieldOtherVersion,
                    "is the name of this field in another OCPI version",
                ),
                AliasKind::NearMiss => (Code::FieldRenamed, "is not a field of the spec"),
            };
            self.report_child(
                code,
                key_span,
                key,
                spec.section,
                format!(
                    "`{key}` {why}; read as `{}` (rename it to `{}` for {})",
                    alias.field, alias.field, self.spec.version
                ),
            );
            return Resolved::Field(i, Cow::Borrowed(alias.field));
        }
        if key.bytes().any(|b| b.is_ascii_uppercase()) {
            let snake = to_snake_case(key);
            if let Some(i) = spec.fields.iter().position(|f| f.name == snake)
                && !taken(&snake)
            {
                let field = spec.fields[i].name;
                self.report_child(
                    Code::FieldRenamed,
                    key_span,
                    key,
                    spec.section,
                    format!("`{key}` is not a field of the spec; read as `{field}` (OCPI field names are snake_case)"),
                );
                return Resolved::Field(i, Cow::Borrowed(field));
            }
        }
        if VENDOR_EXTENSIONS.contains(&key.as_ref()) {
            self.report_child(
                Code::VendorExtension,
                key_span,
                key,
                spec.section,
                format!("`{key}` is a vendor extension (German calibration law), not an OCPI field; kept"),
            );
        } else {
            self.report_child(
                Code::FieldUnknown,
                key_span,
                key,
                spec.section,
                format!(
                    "`{key}` is not a field of {} in OCPI {}; kept as an unknown field",
                    spec.name, self.spec.version
                ),
            );
        }
        Resolved::Unknown
    }

    /// Walks one field's value; `None` drops the field.
    fn field(
        &mut self,
        node: Node<'a>,
        field: &'static FieldSpec,
        parent: &'static ObjectSpec,
    ) -> Option<Node<'a>> {
        let section = parent.section;
        if field.card.is_list() {
            return self.list(node, field, parent);
        }
        match &node.value {
            Value::Null => {
                if field.card == Card::Required && !self.partial {
                    self.report(
                        Code::FieldNull,
                        node.span,
                        section,
                        format!("`{}` is required but null", field.name),
                    );
                }
                return None;
            }
            Value::String(s) if s.is_empty() && matches!(field.ty, Type::Object(_)) => {
                self.report(
                    Code::FieldEmptyAsAbsent,
                    node.span,
                    section,
                    format!(
                        "`{}` is an empty string where an object is expected; read as absent",
                        field.name
                    ),
                );
                if field.card == Card::Required && !self.partial {
                    self.report(
                        Code::FieldMissing,
                        node.span,
                        section,
                        format!("`{}` is required", field.name),
                    );
                }
                return None;
            }
            _ => {}
        }
        // A value that cannot be read was reported there; the item goes on without it.
        self.value(node, field.ty, field.name, section)
    }

    fn list(
        &mut self,
        node: Node<'a>,
        field: &'static FieldSpec,
        parent: &'static ObjectSpec,
    ) -> Option<Node<'a>> {
        let section = parent.section;
        let span = node.span;
        let items = match node.value {
            Value::Array(items) => items,
            Value::Null => {
                if field.card == Card::NonEmptyList && !self.partial {
                    self.report(
                        Code::FieldNull,
                        span,
                        section,
                        format!("`{}` is null but needs at least one entry", field.name),
                    );
                }
                return None;
            }
            Value::String(ref s) if s.is_empty() => {
                self.report(
                    Code::FieldEmptyAsAbsent,
                    span,
                    section,
                    format!(
                        "`{}` is an empty string where a list is expected; read as an empty list",
                        field.name
                    ),
                );
                return None;
            }
            _ => {
                self.report(
                    Code::FieldCoerced,
                    span,
                    section,
                    format!(
                        "`{}` holds a single {} where a list is expected; read as a list of one",
                        field.name,
                        node.type_name()
                    ),
                );
                vec![node]
            }
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.into_iter().enumerate() {
            self.pointer.push_index(i);
            if item.is_null() {
                self.report(
                    Code::FieldNull,
                    item.span,
                    section,
                    format!("an entry of `{}` is null; skipped", field.name),
                );
            } else if let Some(v) = self.value(item, field.ty, field.name, section) {
                out.push(v);
            }
            self.pointer.pop();
        }
        if out.is_empty() && field.card == Card::NonEmptyList && !self.partial {
            self.report(
                Code::ListEmpty,
                span,
                section,
                format!("`{}` must hold at least one entry", field.name),
            );
        }
        Some(Node {
            span,
            complete: true,
            value: Value::Array(out),
        })
    }

    /// Checks one value against a type; returns the lenient value or `None` to drop it.
    pub fn value(
        &mut self,
        node: Node<'a>,
        ty: Type,
        name: &str,
        section: &str,
    ) -> Option<Node<'a>> {
        match ty {
            Type::Object(spec) => match node.value {
                Value::Object(_) => Some(self.object(node, spec)),
                _ => {
                    self.report(
                        Code::FieldType,
                        node.span,
                        spec.section,
                        format!(
                            "`{name}` must be an object ({}), not a {}; dropped",
                            spec.name,
                            node.type_name()
                        ),
                    );
                    None
                }
            },
            Type::Str { max, format } => {
                self.string(node, max, format, !self.spec.ascii_strings, name, section)
            }
            Type::CiStr { max, format } => self.string(node, max, format, false, name, section),
            Type::Url => {
                let node = self.string(node, Some(255), Format::None, true, name, section)?;
                match format::check_url(node.as_str().unwrap_or_default()) {
                    Checked::Invalid(why) => {
                        self.report(
                            Code::UrlInvalid,
                            node.span,
                            section,
                            format!("`{name}`: {why}; dropped"),
                        );
                        None
                    }
                    _ => Some(node),
                }
            }
            Type::DateTime => {
                let node = self.string(node, None, Format::None, false, name, section)?;
                match format::check_datetime(
                    node.as_str().unwrap_or_default(),
                    self.spec.datetime_fractions,
                ) {
                    Checked::Exact => Some(node),
                    Checked::Lenient(canonical, why) => {
                        self.report(
                            Code::DatetimeLenient,
                            node.span,
                            section,
                            format!("`{name}` has {why}; read as {canonical}"),
                        );
                        Some(Node {
                            value: Value::String(Cow::Owned(canonical)),
                            ..node
                        })
                    }
                    Checked::Invalid(why) => {
                        self.report(
                            Code::DatetimeInvalid,
                            node.span,
                            section,
                            format!("`{name}`: {why}; dropped"),
                        );
                        None
                    }
                }
            }
            Type::Int { digits } => self.int(node, digits, name, section),
            Type::Number => self.number(node, name, section),
            Type::Bool => match &node.value {
                Value::Bool(_) => Some(node),
                Value::String(s)
                    if matches!(
                        s.as_ref(),
                        "true" | "false" | "TRUE" | "FALSE" | "True" | "False"
                    ) =>
                {
                    let b = s.eq_ignore_ascii_case("true");
                    self.coerced(
                        &node,
                        name,
                        section,
                        "a string",
                        if b { "true" } else { "false" },
                    );
                    Some(Node {
                        value: Value::Bool(b),
                        ..node
                    })
                }
                Value::Number(n) if n == "0" || n == "1" => {
                    let b = n == "1";
                    self.coerced(
                        &node,
                        name,
                        section,
                        "a number",
                        if b { "true" } else { "false" },
                    );
                    Some(Node {
                        value: Value::Bool(b),
                        ..node
                    })
                }
                _ => self.wrong_type(node, name, section, "a boolean"),
            },
            Type::Enum(spec) => {
                let node = self.string(node, None, Format::None, false, name, section)?;
                let text = node.as_str().unwrap_or_default();
                if spec.contains(text) {
                    return Some(node);
                }
                let normal = text.trim().replace([' ', '-'], "_");
                if let Some(v) = spec.values.iter().find(|v| v.eq_ignore_ascii_case(&normal)) {
                    self.report(
                        Code::EnumCase,
                        node.span,
                        section,
                        format!(
                            "\"{}\" is not a {} value; read as \"{v}\"",
                            format::truncate(text),
                            spec.name
                        ),
                    );
                    return Some(Node {
                        value: Value::String(Cow::Borrowed(v)),
                        ..node
                    });
                }
                let known = if spec.values.len() <= 12 {
                    format!(" (one of {})", spec.values.join(", "))
                } else {
                    String::new()
                };
                if spec.open {
                    self.report(
                        Code::EnumExtension,
                        node.span,
                        section,
                        format!(
                            "\"{}\" is not a known {} value{known}; allowed by the OpenEnum rule of 2.3.0, but receivers may not understand it",
                            format::truncate(text),
                            spec.name
                        ),
                    );
                    Some(node)
                } else {
                    let fallback = if spec.name == "Status" {
                        "; read as UNKNOWN"
                    } else {
                        "; dropped"
                    };
                    self.report(
                        Code::EnumUnknown,
                        node.span,
                        section,
                        format!(
                            "\"{}\" is not a {} value{known}{fallback}",
                            format::truncate(text),
                            spec.name
                        ),
                    );
                    None
                }
            }
        }
    }

    fn coerced(&mut self, node: &Node<'a>, name: &str, section: &str, from: &str, to: &str) {
        self.report(
            Code::FieldCoerced,
            node.span,
            section,
            format!("`{name}` is {from} but the spec wants {to}; converted"),
        );
    }

    fn wrong_type(
        &mut self,
        node: Node<'a>,
        name: &str,
        section: &str,
        want: &str,
    ) -> Option<Node<'a>> {
        self.report(
            Code::FieldType,
            node.span,
            section,
            format!(
                "`{name}` must be {want}, not a {}; dropped",
                node.type_name()
            ),
        );
        None
    }

    fn string(
        &mut self,
        node: Node<'a>,
        max: Option<u16>,
        format: Format,
        unicode: bool,
        name: &str,
        section: &str,
    ) -> Option<Node<'a>> {
        let node = match node.value {
            Value::String(_) => node,
            Value::Number(ref n) => {
                let text = n.to_string();
                self.report(
                    Code::FieldCoerced,
                    node.span,
                    section,
                    format!("`{name}` is the number {text} but the spec wants a string; read as \"{text}\""),
                );
                Node {
                    value: Value::String(Cow::Owned(text)),
                    ..node
                }
            }
            Value::Bool(b) => {
                self.report(
                    Code::FieldCoerced,
                    node.span,
                    section,
                    format!(
                        "`{name}` is the boolean {b} but the spec wants a string; read as \"{b}\""
                    ),
                );
                Node {
                    value: Value::String(Cow::Owned(b.to_string())),
                    ..node
                }
            }
            _ => return self.wrong_type(node, name, section, "a string"),
        };
        let text = node.as_str().unwrap_or_default();
        let is_coordinate = matches!(format, Format::Latitude | Format::Longitude);
        if let Some(max) = max
            && text.len() > max as usize
            && !is_coordinate
        {
            let chars = text.chars().count();
            if chars > max as usize {
                self.report(
                    Code::StringTooLong,
                    node.span,
                    section,
                    format!("`{name}` is {chars} characters long; the spec allows at most {max}"),
                );
            }
        }
        if !text.bytes().all(|b| (0x20..0x7F).contains(&b)) {
            let bad = if unicode {
                text.chars().find(|c| c.is_control())
            } else {
                text.chars().find(|c| !(' '..='~').contains(c))
            };
            if let Some(c) = bad {
                let what = if unicode {
                    "printable text"
                } else {
                    "printable ASCII"
                };
                self.report(
                    Code::StringCharset,
                    node.span,
                    section,
                    format!(
                        "`{name}` holds {} but only {what} is allowed here",
                        c.escape_default()
                    ),
                );
            }
        }
        if format == Format::None {
            return Some(node);
        }
        self.format(node, format, name, section)
    }

    fn format(
        &mut self,
        node: Node<'a>,
        format: Format,
        name: &str,
        section: &str,
    ) -> Option<Node<'a>> {
        let text = node.as_str().unwrap_or_default();
        let span = node.span;
        let replace = |node: Node<'a>, s: String| Node {
            value: Value::String(Cow::Owned(s)),
            ..node
        };
        match format {
            Format::None => Some(node),
            Format::CountryAlpha2 => {
                let upper = text.to_ascii_uppercase();
                if codes::is_country_alpha2(&upper) {
                    return Some(if upper == text {
                        node
                    } else {
                        replace(node, upper)
                    });
                }
                self.report(
                    Code::CountryCodeInvalid,
                    span,
                    section,
                    format!(
                        "`{name}` \"{}\" is not an ISO 3166-1 alpha-2 country code",
                        format::truncate(text)
                    ),
                );
                Some(node)
            }
            Format::CountryAlpha3 => {
                let upper = text.to_ascii_uppercase();
                if codes::is_country_alpha3(&upper) {
                    return Some(if upper == text {
                        node
                    } else {
                        replace(node, upper)
                    });
                }
                if let Some(a3) = codes::alpha2_to_alpha3(&upper) {
                    self.report(
                        Code::CountryCodeInvalid,
                        span,
                        section,
                        format!("`{name}` \"{text}\" is an alpha-2 code; OCPI wants ISO 3166-1 alpha-3 here; read as \"{a3}\""),
                    );
                    return Some(replace(node, a3.to_string()));
                }
                self.report(
                    Code::CountryCodeInvalid,
                    span,
                    section,
                    format!(
                        "`{name}` \"{}\" is not an ISO 3166-1 alpha-3 country code",
                        format::truncate(text)
                    ),
                );
                Some(node)
            }
            Format::Currency => {
                if codes::is_currency(text) {
                    return Some(node);
                }
                let upper = text.trim().to_ascii_uppercase();
                self.report(
                    Code::CurrencyInvalid,
                    span,
                    section,
                    if codes::is_currency(&upper) {
                        format!("`{name}` \"{text}\" must be written \"{upper}\"; read as that")
                    } else {
                        format!(
                            "`{name}` \"{}\" is not an ISO 4217 currency code",
                            format::truncate(text)
                        )
                    },
                );
                if codes::is_currency(&upper) {
                    Some(replace(node, upper))
                } else {
                    Some(node)
                }
            }
            Format::Language => {
                if codes::is_language(text) {
                    return Some(node);
                }
                let lower = text.to_ascii_lowercase();
                let base = lower.split(['-', '_']).next().unwrap_or("").to_string();
                if codes::is_language(&base) {
                    self.report(
                        Code::LanguageInvalid,
                        span,
                        section,
                        format!("`{name}` \"{text}\" is not an ISO 639-1 code; read as \"{base}\""),
                    );
                    return Some(replace(node, base));
                }
                self.report(
                    Code::LanguageInvalid,
                    span,
                    section,
                    format!(
                        "`{name}` \"{}\" is not an ISO 639-1 language code (like en, nl, de)",
                        format::truncate(text)
                    ),
                );
                Some(node)
            }
            Format::TimeZone => match format::check_time_zone(text) {
                Checked::Exact => Some(node),
                Checked::Lenient(zone, why) => {
                    self.report(Code::TimeZoneInvalid, span, section, why);
                    Some(replace(node, zone))
                }
                Checked::Invalid(why) => {
                    self.report(
                        Code::TimeZoneInvalid,
                        span,
                        section,
                        format!("{why}; dropped"),
                    );
                    None
                }
            },
            Format::LocalTime => match format::check_local_time(text) {
                Checked::Exact => Some(node),
                Checked::Lenient(t, why) => {
                    self.report(
                        Code::TimeInvalid,
                        span,
                        section,
                        format!("`{name}` \"{text}\": {why}; read as {t}"),
                    );
                    Some(replace(node, t))
                }
                Checked::Invalid(why) => {
                    self.report(
                        Code::TimeInvalid,
                        span,
                        section,
                        format!("`{name}`: {why}; dropped"),
                    );
                    None
                }
            },
            Format::Date => match format::check_date(text) {
                Checked::Invalid(why) => {
                    self.report(
                        Code::DateInvalid,
                        span,
                        section,
                        format!("`{name}`: {why}; dropped"),
                    );
                    None
                }
                _ => Some(node),
            },
            Format::Latitude | Format::Longitude => {
                let lat = format == Format::Latitude;
                match format::check_coordinate(text, lat, self.spec.coordinate_decimals) {
                    Checked::Exact => Some(node),
                    Checked::Lenient(v, why) => {
                        self.report(Code::CoordinateFormat, span, section, why);
                        Some(if v == text { node } else { replace(node, v) })
                    }
                    Checked::Invalid(why) => {
                        self.report(
                            Code::CoordinateInvalid,
                            span,
                            section,
                            format!("{why}; dropped"),
                        );
                        None
                    }
                }
            }
            Format::PartyId => {
                if text.len() == 3 && text.bytes().all(|b| b.is_ascii_alphanumeric()) {
                    return Some(if text.bytes().any(|b| b.is_ascii_lowercase()) {
                        let upper = text.to_ascii_uppercase();
                        replace(node, upper)
                    } else {
                        node
                    });
                }
                self.report(
                    Code::PartyIdInvalid,
                    span,
                    section,
                    format!(
                        "`{name}` \"{}\" is not a party id of three letters or digits",
                        format::truncate(text)
                    ),
                );
                Some(node)
            }
            Format::EvseId => {
                if let Checked::Invalid(why) = format::check_evse_id(text) {
                    self.report(Code::EvseIdFormat, span, section, why);
                }
                Some(node)
            }
            Format::Phone => {
                if let Checked::Invalid(why) = format::check_phone(text) {
                    self.report(Code::PhoneInvalid, span, section, why);
                }
                Some(node)
            }
        }
    }

    fn int(
        &mut self,
        node: Node<'a>,
        digits: Option<u8>,
        name: &str,
        section: &str,
    ) -> Option<Node<'a>> {
        let (text, from_string) = match &node.value {
            Value::Number(n) => (n.to_string(), false),
            Value::String(s) => (s.trim().to_string(), true),
            _ => return self.wrong_type(node, name, section, "an integer"),
        };
        let Some(value) = parse_decimal(&text) else {
            if from_string {
                return self.wrong_type(node, name, section, "an integer");
            }
            self.report(
                Code::NumberOutOfRange,
                node.span,
                section,
                format!(
                    "`{name}` {} cannot be read as a number; dropped",
                    format::truncate(&text)
                ),
            );
            return None;
        };
        if !value.fract().is_zero() {
            let whole = value.round().normalize().to_string();
            self.report(
                Code::FieldCoerced,
                node.span,
                section,
                format!("`{name}` must be a whole number, not {text}; read as {whole}"),
            );
            return Some(Node {
                value: Value::Number(Cow::Owned(whole)),
                ..node
            });
        }
        let normal = value.trunc().normalize().to_string();
        if let Some(d) = digits
            && normal.trim_start_matches('-').len() > d as usize
        {
            self.report(
                Code::IntInvalid,
                node.span,
                section,
                format!(
                    "`{name}` {normal} has more than {d} digit{}",
                    if d == 1 { "" } else { "s" }
                ),
            );
        }
        if from_string {
            self.coerced(
                &node,
                name,
                section,
                &format!("the string \"{}\"", format::truncate(&text)),
                "an integer",
            );
            return Some(Node {
                value: Value::Number(Cow::Owned(normal)),
                ..node
            });
        }
        if normal != text {
            // 230.0 or 2.3e2: a whole number written as a decimal.
            return Some(Node {
                value: Value::Number(Cow::Owned(normal)),
                ..node
            });
        }
        Some(node)
    }

    fn number(&mut self, node: Node<'a>, name: &str, section: &str) -> Option<Node<'a>> {
        let (text, from_string) = match &node.value {
            Value::Number(n) => (n.as_ref(), false),
            Value::String(s) => (s.trim(), true),
            _ => return self.wrong_type(node, name, section, "a number"),
        };
        let text_owned;
        let text = if from_string && text.contains(',') && !text.contains('.') {
            text_owned = text.replace(',', ".");
            text_owned.as_str()
        } else {
            text
        };
        let Some(value) = parse_decimal(text) else {
            if from_string {
                return self.wrong_type(node, name, section, "a number");
            }
            self.report(
                Code::NumberOutOfRange,
                node.span,
                section,
                format!(
                    "`{name}` {} is too large or too precise to hold exactly; dropped",
                    format::truncate(text)
                ),
            );
            return None;
        };
        if value.scale() > 4 {
            self.report(
                Code::NumberPrecision,
                node.span,
                section,
                format!(
                    "`{name}` {text} has {} decimals; OCPI numbers use at most 4 (kept exactly)",
                    value.scale()
                ),
            );
        }
        if from_string {
            let normal = value.to_string();
            self.coerced(
                &node,
                name,
                section,
                &format!("the string \"{}\"", format::truncate(text)),
                "a number",
            );
            return Some(Node {
                value: Value::Number(Cow::Owned(normal)),
                ..node
            });
        }
        Some(node)
    }
}

/// A member that costs nothing to create, to move real members out of a vector.
fn placeholder<'a>() -> Member<'a> {
    Member {
        key: Cow::Borrowed(""),
        key_span: Span::default(),
        node: Node::new(Span::default(), Value::Null),
    }
}

enum Resolved<'a> {
    Field(usize, Cow<'a, str>),
    Unknown,
}

/// Parses a JSON number's text as an exact decimal (exponents included).
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    if text.bytes().any(|b| b == b'e' || b == b'E') {
        Decimal::from_scientific(text).ok()
    } else {
        Decimal::from_str(text).ok()
    }
}

/// `powerType` → `power_type`.
pub fn to_snake_case(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for (i, c) in key.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}
