//! Typed enums the pricing engine and the map branch on.
//!
//! Each one is written and read as the OCPI string (`"AC_3_PHASE"`, `"N/A"`, ...). Values this
//! crate does not know are kept as they were in an `Other(String)` variant, so nothing the data
//! says is lost; [`EvseStatus`] is the exception: OCPI tells receivers to treat a status they do
//! not understand as `UNKNOWN`, so it has no `Other`.
//!
//! Open enums that nothing here branches on (ConnectorType, Capability, Facility, ParkingType,
//! ParkingRestriction, ImageCategory, VehicleType, ConnectorCapability, ...) stay plain `String`s
//! in the model.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Serialize / Deserialize / Display / From<&str> for an enum with `as_str` and `from_ocpi`.
macro_rules! string_impls {
    ($name:ident) => {
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name::from_ocpi(s)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
                Ok($name::from_ocpi(&s))
            }
        }
    };
}

/// An enum whose unknown values are kept in `Other(String)`.
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident => $text:literal, )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[$vmeta])* $variant, )+
            /// A value OCPI does not define (or that this crate does not know), as written.
            Other(String),
        }

        impl $name {
            /// Every value OCPI defines, in the spec's order.
            pub const KNOWN: &'static [$name] = &[$($name::$variant),+];

            /// The OCPI string.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $text, )+
                    $name::Other(s) => s,
                }
            }

            /// Reads the OCPI string; anything else becomes `Other`.
            pub fn from_ocpi(s: &str) -> Self {
                match s {
                    $( $text => $name::$variant, )+
                    other => $name::Other(other.to_string()),
                }
            }

            /// Whether this is a value OCPI defines.
            pub fn is_known(&self) -> bool {
                !matches!(self, $name::Other(_))
            }
        }

        string_impls!($name);
    };
}

open_enum! {
    /// How a connector delivers power (OCPI `PowerType`).
    pub enum PowerType {
        Ac1Phase => "AC_1_PHASE",
        /// Two of three phases connected (2.2.1+).
        Ac2Phase => "AC_2_PHASE",
        /// Split phase (2.2.1+).
        Ac2PhaseSplit => "AC_2_PHASE_SPLIT",
        Ac3Phase => "AC_3_PHASE",
        Dc => "DC",
    }
}

impl PowerType {
    /// Number of AC phases: 1, 2 or 3; `None` for DC and unknown values.
    pub fn phases(&self) -> Option<u8> {
        match self {
            PowerType::Ac1Phase => Some(1),
            PowerType::Ac2Phase | PowerType::Ac2PhaseSplit => Some(2),
            PowerType::Ac3Phase => Some(3),
            PowerType::Dc | PowerType::Other(_) => None,
        }
    }

    /// What voltage × current is multiplied by to get power: the number of phases for AC
    /// (voltage is line to neutral), 1 for DC; `None` for unknown values.
    pub fn power_factor(&self) -> Option<u8> {
        match self {
            PowerType::Dc => Some(1),
            other => other.phases(),
        }
    }

    pub fn is_dc(&self) -> bool {
        matches!(self, PowerType::Dc)
    }
}

open_enum! {
    /// Socket or attached cable (OCPI `ConnectorFormat`).
    pub enum ConnectorFormat {
        Socket => "SOCKET",
        Cable => "CABLE",
    }
}

open_enum! {
    /// What a price component prices (OCPI `TariffDimensionType`).
    pub enum DimensionType {
        /// Per kWh; step size in Wh.
        Energy => "ENERGY",
        /// A fixed fee per session.
        Flat => "FLAT",
        /// Per hour of not charging; step size in seconds.
        ParkingTime => "PARKING_TIME",
        /// Per hour of charging; step size in seconds.
        Time => "TIME",
    }
}

open_enum! {
    /// A day of the week (OCPI `DayOfWeek`).
    pub enum DayOfWeek {
        Monday => "MONDAY",
        Tuesday => "TUESDAY",
        Wednesday => "WEDNESDAY",
        Thursday => "THURSDAY",
        Friday => "FRIDAY",
        Saturday => "SATURDAY",
        Sunday => "SUNDAY",
    }
}

impl DayOfWeek {
    /// ISO 8601 number: 1 = Monday ... 7 = Sunday (the numbering of `RegularHours.weekday`).
    pub fn iso_number(&self) -> Option<u8> {
        match self {
            DayOfWeek::Monday => Some(1),
            DayOfWeek::Tuesday => Some(2),
            DayOfWeek::Wednesday => Some(3),
            DayOfWeek::Thursday => Some(4),
            DayOfWeek::Friday => Some(5),
            DayOfWeek::Saturday => Some(6),
            DayOfWeek::Sunday => Some(7),
            DayOfWeek::Other(_) => None,
        }
    }

    /// The day with ISO 8601 number `n` (1 = Monday ... 7 = Sunday).
    pub fn from_iso_number(n: u8) -> Option<DayOfWeek> {
        DayOfWeek::KNOWN
            .get(usize::from(n).checked_sub(1)?)
            .cloned()
    }
}

open_enum! {
    /// Which sessions a tariff is for (OCPI `TariffType`, 2.2.1+).
    pub enum TariffType {
        AdHocPayment => "AD_HOC_PAYMENT",
        ProfileCheap => "PROFILE_CHEAP",
        ProfileFast => "PROFILE_FAST",
        ProfileGreen => "PROFILE_GREEN",
        Regular => "REGULAR",
    }
}

open_enum! {
    /// Whether the prices of a tariff include taxes (OCPI `TaxIncluded`, 2.3.0). For 2.1.1 and
    /// 2.2.1 tariffs, whose prices are defined as excluding VAT, the model says `No`.
    pub enum TaxIncluded {
        Yes => "YES",
        No => "NO",
        /// No taxes apply.
        NotApplicable => "N/A",
    }
}

open_enum! {
    /// Marks a tariff element that prices a reservation (OCPI `ReservationRestrictionType`).
    pub enum ReservationRestriction {
        Reservation => "RESERVATION",
        ReservationExpires => "RESERVATION_EXPIRES",
    }
}

/// The status of an EVSE (OCPI `Status`). Values OCPI does not define, and a missing status,
/// read as `Unknown`, as the spec tells receivers to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum EvseStatus {
    Available,
    Blocked,
    Charging,
    Inoperative,
    OutOfOrder,
    Planned,
    /// Discontinued: OCPI's way of deleting an EVSE.
    Removed,
    Reserved,
    /// No status known (also the reading of missing and unknown values).
    #[default]
    Unknown,
}

impl EvseStatus {
    pub const KNOWN: &'static [EvseStatus] = &[
        EvseStatus::Available,
        EvseStatus::Blocked,
        EvseStatus::Charging,
        EvseStatus::Inoperative,
        EvseStatus::OutOfOrder,
        EvseStatus::Planned,
        EvseStatus::Removed,
        EvseStatus::Reserved,
        EvseStatus::Unknown,
    ];

    /// The OCPI string.
    pub fn as_str(&self) -> &'static str {
        match self {
            EvseStatus::Available => "AVAILABLE",
            EvseStatus::Blocked => "BLOCKED",
            EvseStatus::Charging => "CHARGING",
            EvseStatus::Inoperative => "INOPERATIVE",
            EvseStatus::OutOfOrder => "OUTOFORDER",
            EvseStatus::Planned => "PLANNED",
            EvseStatus::Removed => "REMOVED",
            EvseStatus::Reserved => "RESERVED",
            EvseStatus::Unknown => "UNKNOWN",
        }
    }

    /// Reads the OCPI string; anything else is `Unknown`.
    pub fn from_ocpi(s: &str) -> Self {
        EvseStatus::KNOWN
            .iter()
            .copied()
            .find(|v| v.as_str() == s)
            .unwrap_or(EvseStatus::Unknown)
    }
}

string_impls!(EvseStatus);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_strings() {
        for p in PowerType::KNOWN {
            assert_eq!(&PowerType::from_ocpi(p.as_str()), p);
        }
        assert_eq!(
            PowerType::from_ocpi("AC_4_PHASE"),
            PowerType::Other("AC_4_PHASE".into())
        );
        assert_eq!(TaxIncluded::from_ocpi("N/A"), TaxIncluded::NotApplicable);
        assert_eq!(EvseStatus::from_ocpi("FAULTED"), EvseStatus::Unknown);
        assert_eq!(
            serde_json::to_string(&TaxIncluded::NotApplicable).unwrap(),
            "\"N/A\""
        );
        assert_eq!(
            serde_json::from_str::<DimensionType>("\"PARKING_TIME\"").unwrap(),
            DimensionType::ParkingTime
        );
        assert_eq!(DayOfWeek::from_iso_number(7), Some(DayOfWeek::Sunday));
        assert_eq!(DayOfWeek::from_iso_number(0), None);
        assert_eq!(DayOfWeek::from_iso_number(8), None);
    }
}
