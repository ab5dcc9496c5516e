//! What the OCPI specification defines, as data: one table per object per version, the enums,
//! and the code lists (countries, currencies, languages) that fields refer to.

pub mod codes;
pub mod table;
pub mod v2_1_1;
pub mod v2_2_1;
pub mod v2_3_0;

use serde::Serialize;
pub use table::{Card, EnumSpec, FieldSpec, Format, ObjectSpec, Type};

/// An OCPI version this crate reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Version {
    #[serde(rename = "2.1.1")]
    V2_1_1,
    #[serde(rename = "2.2.1")]
    V2_2_1,
    #[serde(rename = "2.3.0")]
    V2_3_0,
}

impl Version {
    pub const ALL: [Version; 3] = [Version::V2_1_1, Version::V2_2_1, Version::V2_3_0];

    pub fn as_str(self) -> &'static str {
        match self {
            Version::V2_1_1 => "2.1.1",
            Version::V2_2_1 => "2.2.1",
            Version::V2_3_0 => "2.3.0",
        }
    }

    /// Reads a version label. `2.2` (withdrawn) is read as 2.2.1, `2.1` as 2.1.1.
    pub fn from_label(label: &str) -> Option<Version> {
        match label.trim().trim_start_matches(['v', 'V']) {
            "2.1.1" | "2.1" => Some(Version::V2_1_1),
            "2.2.1" | "2.2" => Some(Version::V2_2_1),
            "2.3.0" | "2.3" => Some(Version::V2_3_0),
            _ => None,
        }
    }

    /// The tables of this version.
    pub fn spec(self) -> &'static VersionSpec {
        match self {
            Version::V2_1_1 => &v2_1_1::SPEC,
            Version::V2_2_1 => &v2_2_1::SPEC,
            Version::V2_3_0 => &v2_3_0::SPEC,
        }
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Everything the walker needs to know about one version.
#[derive(Debug)]
pub struct VersionSpec {
    pub version: Version,
    /// Where the version's text lives, used as the prefix of every `spec` reference.
    pub spec_ref: &'static str,
    pub location: &'static ObjectSpec,
    pub evse: &'static ObjectSpec,
    pub connector: &'static ObjectSpec,
    pub tariff: &'static ObjectSpec,
    pub hours: &'static ObjectSpec,
    pub energy_mix: &'static ObjectSpec,
    pub display_text: &'static ObjectSpec,
    /// `Version` object of the versions endpoint.
    pub version_info: &'static ObjectSpec,
    /// `VersionDetails` object of the version details endpoint.
    pub version_details: &'static ObjectSpec,
    /// `string` is printable ASCII only (2.1.1) rather than printable UTF-8 (2.2+).
    pub ascii_strings: bool,
    /// DateTime may carry fractional seconds (2.2+).
    pub datetime_fractions: bool,
    /// Allowed number of decimals in coordinates (2.1.1: exactly 6; 2.2+: 5 to 7).
    pub coordinate_decimals: (u8, u8),
    /// Field names that real feeds use for a field of this version, with the field they mean.
    pub aliases: &'static [Alias],
}

/// A field name that is not the spec's, but unambiguously means one of its fields.
#[derive(Debug)]
pub struct Alias {
    /// Object the alias occurs in (`ObjectSpec::name`).
    pub object: &'static str,
    pub alias: &'static str,
    pub field: &'static str,
    pub kind: AliasKind,
}

impl Alias {
    /// The name of `field` in another OCPI version.
    pub const fn other_version(
        object: &'static str,
        alias: &'static str,
        field: &'static str,
    ) -> Alias {
        Alias {
            object,
            alias,
            field,
            kind: AliasKind::OtherVersion,
        }
    }

    /// A misspelling or abbreviation of `field`.
    pub const fn near_miss(
        object: &'static str,
        alias: &'static str,
        field: &'static str,
    ) -> Alias {
        Alias {
            object,
            alias,
            field,
            kind: AliasKind::NearMiss,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AliasKind {
    /// The field's name in another OCPI version (`voltage` in 2.2.1 means `max_voltage`).
    OtherVersion,
    /// A common misspelling or abbreviation (`floor` for `floor_level`, `lat` for `latitude`).
    NearMiss,
}

impl VersionSpec {
    /// Every object table of this version.
    pub fn objects(&self) -> &'static [&'static ObjectSpec] {
        match self.version {
            Version::V2_1_1 => v2_1_1::OBJECTS,
            Version::V2_2_1 => v2_2_1::OBJECTS,
            Version::V2_3_0 => v2_3_0::OBJECTS,
        }
    }

    /// The object table called `name` (`"EnergyMix"`, `"EVSE"`, ...).
    pub fn object(&self, name: &str) -> Option<&'static ObjectSpec> {
        self.objects().iter().copied().find(|o| o.name == name)
    }

    /// Every enum of this version.
    pub fn enums(&self) -> &'static [&'static EnumSpec] {
        match self.version {
            Version::V2_1_1 => v2_1_1::ENUMS,
            Version::V2_2_1 => v2_2_1::ENUMS,
            Version::V2_3_0 => v2_3_0::ENUMS,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Object and enum counts per version, as the tables of `docs/ocpi-datamodel.md` list them.
    const COUNTS: [(Version, usize, usize); 3] = [
        (Version::V2_1_1, 22, 15),
        (Version::V2_2_1, 24, 19),
        (Version::V2_3_0, 28, 24),
    ];

    #[test]
    fn objects_are_consistent() {
        for (version, objects, enums) in COUNTS {
            let spec = version.spec();
            assert_eq!(spec.objects().len(), objects, "{version}");
            assert_eq!(spec.enums().len(), enums, "{version}");
            let mut names = HashSet::new();
            for o in spec.objects() {
                assert!(
                    names.insert(o.name),
                    "{version}: object {} listed twice",
                    o.name
                );
                // The walker tracks present fields in a 64-bit mask.
                assert!(
                    o.fields.len() <= 64,
                    "{version}: {} has too many fields",
                    o.name
                );
                let mut fields = HashSet::new();
                for f in o.fields {
                    assert!(
                        fields.insert(f.name),
                        "{version}: {}.{} twice",
                        o.name,
                        f.name
                    );
                }
            }
            let mut names = HashSet::new();
            for e in spec.enums() {
                assert!(
                    names.insert(e.name),
                    "{version}: enum {} listed twice",
                    e.name
                );
            }
        }
    }

    /// Every object or enum a field refers to is the very item the version lists (compared by
    /// address), so a table shared with another version cannot pull in one this version lacks.
    #[test]
    fn references_stay_in_the_version() {
        for version in Version::ALL {
            let spec = version.spec();
            let listed_object = |o: &ObjectSpec| spec.objects().iter().any(|x| std::ptr::eq(*x, o));
            let listed_enum = |e: &EnumSpec| spec.enums().iter().any(|x| std::ptr::eq(*x, e));
            for o in spec.objects() {
                for f in o.fields {
                    match f.ty {
                        Type::Object(r) => {
                            assert!(
                                listed_object(r),
                                "{version}: {}.{} refers to {}",
                                o.name,
                                f.name,
                                r.name
                            )
                        }
                        Type::Enum(e) => {
                            assert!(
                                listed_enum(e),
                                "{version}: {}.{} refers to {}",
                                o.name,
                                f.name,
                                e.name
                            )
                        }
                        _ => {}
                    }
                }
            }
            for o in [
                spec.location,
                spec.evse,
                spec.connector,
                spec.tariff,
                spec.hours,
                spec.energy_mix,
                spec.display_text,
                spec.version_info,
                spec.version_details,
            ] {
                assert!(listed_object(o), "{version}: the spec refers to {}", o.name);
            }
        }
    }

    #[test]
    fn aliases_point_to_fields() {
        for version in Version::ALL {
            let spec = version.spec();
            for a in spec.aliases {
                let o = spec
                    .object(a.object)
                    .unwrap_or_else(|| panic!("{version}: alias on {}", a.object));
                assert!(
                    o.field(a.field).is_some(),
                    "{version}: {}.{} is no field",
                    a.object,
                    a.field
                );
                assert!(
                    o.field(a.alias).is_none(),
                    "{version}: alias {}.{} is a field",
                    a.object,
                    a.alias
                );
            }
        }
    }
}
