//! The shape of a spec table: what one field of one OCPI object is allowed to hold.
//!
//! Every object of every version is described by one `ObjectSpec` (see `v2_1_1.rs`, `v2_2_1.rs`,
//! `v2_3_0.rs`). The walker in `validate/` reads these tables; no per-field code exists anywhere.

/// One OCPI object type in one version (`Location`, `EVSE`, `TariffRestrictions`, ...).
#[derive(Debug)]
pub struct ObjectSpec {
    /// Name as the spec writes it, e.g. `"EVSE"`.
    pub name: &'static str,
    /// Section of the spec the object is defined in, e.g. `"mod_locations.md#evse-object"`.
    pub section: &'static str,
    pub fields: &'static [FieldSpec],
}

impl ObjectSpec {
    /// The field named `name`, if the object has one.
    pub fn field(&self, name: &str) -> Option<&'static FieldSpec> {
        self.fields
            .iter()
            .find(|f| crate::json::key_eq(f.name, name))
    }
}

/// One field of an object.
#[derive(Debug)]
pub struct FieldSpec {
    pub name: &'static str,
    pub ty: Type,
    pub card: Card,
}

/// Cardinality as the spec writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Card {
    /// `1`: present and not `null`.
    Required,
    /// `?`: absent, `null` or a value.
    Optional,
    /// `*`: a list of zero or more; absent and `null` mean empty.
    List,
    /// `+`: a list of one or more.
    NonEmptyList,
}

impl Card {
    pub fn is_list(self) -> bool {
        matches!(self, Card::List | Card::NonEmptyList)
    }
}

/// The type of a field (for list fields: of each element).
#[derive(Debug, Clone, Copy)]
pub enum Type {
    /// `string(n)`: case-sensitive text. 2.1.1 allows printable ASCII only, 2.2+ printable UTF-8.
    Str {
        max: Option<u16>,
        format: Format,
    },
    /// `CiString(n)`: case-insensitive, printable ASCII only.
    CiStr {
        max: Option<u16>,
        format: Format,
    },
    /// `URL`: string(255) that must parse as an absolute URL.
    Url,
    /// `DateTime`: string(25), UTC, with the version's rules for fractions.
    DateTime,
    /// `int` or `int(n)` (at most `n` digits).
    Int {
        digits: Option<u8>,
    },
    /// `number`: a JSON number, kept as an exact decimal.
    Number,
    Bool,
    Enum(&'static EnumSpec),
    Object(&'static ObjectSpec),
}

/// A format a string must follow on top of its type and length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    None,
    /// ISO 3166-1 alpha-2 (`country_code`).
    CountryAlpha2,
    /// ISO 3166-1 alpha-3 (`Location.country`).
    CountryAlpha3,
    /// ISO 4217 (`Tariff.currency`).
    Currency,
    /// ISO 639-1 (`DisplayText.language`).
    Language,
    /// IANA time zone name (`Location.time_zone`).
    TimeZone,
    /// `HH:MM`, 24 h (`RegularHours.period_begin`, `TariffRestrictions.start_time`).
    LocalTime,
    /// `YYYY-MM-DD` (`TariffRestrictions.start_date`).
    Date,
    /// GeoLocation latitude, with the version's decimal rule.
    Latitude,
    /// GeoLocation longitude, with the version's decimal rule.
    Longitude,
    /// ISO 15118 party id (`party_id`): three letters or digits.
    PartyId,
    /// eMI3 / IDACS EVSE id (`EVSE.evse_id`); a mismatch is a warning.
    EvseId,
    /// A telephone number (`Location.help_phone`).
    Phone,
}

/// An enumeration and whether values outside it are allowed (2.3.0 OpenEnum).
#[derive(Debug)]
pub struct EnumSpec {
    pub name: &'static str,
    pub values: &'static [&'static str],
    /// `true` for a 2.3.0 OpenEnum: an unknown value is a warning, not an error.
    pub open: bool,
}

impl EnumSpec {
    pub fn contains(&self, value: &str) -> bool {
        self.values.contains(&value)
    }
}

/// Shorthands that keep the tables readable.
pub mod dsl {
    use super::*;

    pub const fn req(name: &'static str, ty: Type) -> FieldSpec {
        FieldSpec {
            name,
            ty,
            card: Card::Required,
        }
    }
    pub const fn opt(name: &'static str, ty: Type) -> FieldSpec {
        FieldSpec {
            name,
            ty,
            card: Card::Optional,
        }
    }
    pub const fn list(name: &'static str, ty: Type) -> FieldSpec {
        FieldSpec {
            name,
            ty,
            card: Card::List,
        }
    }
    pub const fn list1(name: &'static str, ty: Type) -> FieldSpec {
        FieldSpec {
            name,
            ty,
            card: Card::NonEmptyList,
        }
    }
    pub const fn string(max: u16) -> Type {
        Type::Str {
            max: Some(max),
            format: Format::None,
        }
    }
    pub const fn string_fmt(max: u16, format: Format) -> Type {
        Type::Str {
            max: Some(max),
            format,
        }
    }
    pub const fn string_any() -> Type {
        Type::Str {
            max: None,
            format: Format::None,
        }
    }
    pub const fn cistring(max: u16) -> Type {
        Type::CiStr {
            max: Some(max),
            format: Format::None,
        }
    }
    pub const fn cistring_fmt(max: u16, format: Format) -> Type {
        Type::CiStr {
            max: Some(max),
            format,
        }
    }
    pub const fn cistring_any() -> Type {
        Type::CiStr {
            max: None,
            format: Format::None,
        }
    }
    pub const fn int() -> Type {
        Type::Int { digits: None }
    }
    pub const fn int_digits(n: u8) -> Type {
        Type::Int { digits: Some(n) }
    }
    pub const fn en(e: &'static EnumSpec) -> Type {
        Type::Enum(e)
    }
    pub const fn obj(o: &'static ObjectSpec) -> Type {
        Type::Object(o)
    }
    pub const URL: Type = Type::Url;
    pub const DATETIME: Type = Type::DateTime;
    pub const NUMBER: Type = Type::Number;
    pub const BOOL: Type = Type::Bool;
}
