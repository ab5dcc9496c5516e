//! What can stop a price (errors) and what a price should be read with (warnings), as data with
//! stable kebab-case codes.

use serde::{Serialize, Serializer};
use std::fmt;

macro_rules! code_table {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $( $(#[doc = $doc:literal])* $variant:ident = $id:literal, $hint:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $( $(#[doc = $doc])* $variant, )+
        }

        impl $name {
            /// Every code, in the order of this table.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable kebab-case id.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $id,)+ }
            }

            /// What to do about it.
            pub fn hint(self) -> &'static str {
                match self { $($name::$variant => $hint,)+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

code_table! {
    /// Why a session could not be priced.
    pub enum ErrorCode {
        /// The tariff has no element, so it says nothing about prices.
        TariffHasNoElements = "tariff-has-no-elements",
            "give the tariff at least one element with price components";
        /// The tariff names no currency, so its amounts mean nothing.
        CurrencyMissing = "currency-missing",
            "give the tariff its ISO 4217 `currency`";
        /// A price, VAT rate or limit of the tariff is too large to be a real one.
        TariffValueOutOfRange = "tariff-value-out-of-range",
            "check the tariff's prices (at most 1,000,000 per unit), VAT rates (0 to 1000) and price limits";
        /// The session or CDR ends before it starts.
        SessionEndsBeforeStart = "session-ends-before-start",
            "check the start and end times (and their time zone offsets)";
        /// The session or CDR lasts longer than a year, or has more periods than can be priced.
        SessionTooLong = "session-too-long",
            "price sessions of at most 366 days and 100,000 charging periods";
        /// The session description cannot be read: a field is missing or has the wrong type.
        SessionInvalid = "session-invalid",
            "write the session as {\"start_date_time\", \"end_date_time\", \"energy_kwh\", \"max_power_kw\"?, \"max_current_a\"?, \"timezone\"?}";
        /// Energy is to be charged but the charging power cannot be known.
        PowerUnknown = "power-unknown",
            "give `max_power_kw`, or a connector with `max_electric_power` (or voltage, amperage and power type)";
        /// A quantity of the session or CDR is negative, zero where it must not be, or unrealistically large.
        QuantityOutOfRange = "quantity-out-of-range",
            "check the energy (0 to 1,000,000 kWh), power (above 0, at most 100,000 kW) and current of the input";
        /// A time zone name is not in the IANA database.
        TimeZoneUnknown = "time-zone-unknown",
            "name the time zone as in the IANA database, e.g. Europe/Amsterdam";
        /// The CDR cannot be read: a required field is missing or unreadable.
        CdrInvalid = "cdr-invalid",
            "give the CDR a `start_date_time`, an end (`end_date_time` or 2.1.1 `stop_date_time`) and readable `charging_periods`";
        /// The CDR has no charging period to price.
        CdrHasNoPeriods = "cdr-has-no-periods",
            "give the CDR at least one charging period with dimensions";
        /// The CDR and the tariff are in different currencies.
        CurrencyMismatch = "currency-mismatch",
            "price the CDR with a tariff in the CDR's currency";
        /// An expired reservation is described together with charged energy.
        ReservationExpiredWithEnergy = "reservation-expired-with-energy",
            "an expired reservation is not followed by charging: set `energy_kwh` to 0 or `expired` to false";
        /// The input is not JSON (or not the expected JSON value).
        JsonInvalid = "json-invalid",
            "check the file is JSON (comments need the option to allow them)";
        /// The tariff file holds no tariff, or none with the asked id.
        TariffNotFound = "tariff-not-found",
            "give a file with a tariff object, a list of tariffs or an OCPI response envelope; pick one with its id when there are several";
    }
}

/// Why a session could not be priced: a stable code, a plain message and, for input errors,
/// the JSON Pointer of the place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PriceError {
    pub code: ErrorCode,
    pub message: String,
    /// RFC 6901 pointer into the input the error is about, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pointer: Option<String>,
    /// What to do about it (the code's hint).
    pub hint: &'static str,
}

impl PriceError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> PriceError {
        PriceError {
            code,
            message: message.into(),
            pointer: None,
            hint: code.hint(),
        }
    }

    pub fn at(code: ErrorCode, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        PriceError {
            pointer: Some(pointer.into()),
            ..PriceError::new(code, message)
        }
    }
}

impl fmt::Display for PriceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)?;
        if let Some(p) = &self.pointer {
            write!(f, " (at {p})")?;
        }
        Ok(())
    }
}

impl std::error::Error for PriceError {}

code_table! {
    /// Something a price should be read with: the price was computed, under the stated reading.
    pub enum WarningCode {
        /// The validator found errors in the tariff: what could not be read was left out of it.
        TariffHasErrors = "tariff-has-errors",
            "run `ocpi-open-data validate` on the tariff and correct what it reports";
        /// The time zone was not given and was inferred (from the country, an offset, or UTC).
        TimeZoneAssumed = "time-zone-assumed",
            "give the location's time zone: restrictions on time of day, day and date are read in it";
        /// The session starts outside the tariff's `start_date_time` .. `end_date_time`.
        TariffNotActive = "tariff-not-active",
            "check that this tariff was (or will be) valid when the session starts";
        /// An element has a restriction this tool cannot evaluate; the element is never used.
        RestrictionUnknown = "restriction-unknown",
            "use only the restrictions of the tariff's OCPI version";
        /// A price component of a type OCPI does not define is not priced.
        DimensionUnknown = "dimension-unknown",
            "use the dimension types ENERGY, FLAT, TIME and PARKING_TIME";
        /// A restriction needs a value (power, current) the input does not give; it is read as not met.
        RestrictionValueMissing = "restriction-value-missing",
            "give the charging power or current (a connector, `max_power_kw`, `max_current_a`, or CDR dimensions)";
        /// The energy could not be delivered before the session ends; less energy was priced.
        EnergyNotReached = "energy-not-reached",
            "lengthen the session or raise the power";
        /// A CDR period states neither TIME nor PARKING_TIME; its length was counted as charging (energy delivered) or parking (none).
        PeriodTimeDerived = "period-time-derived",
            "state TIME and PARKING_TIME volumes in every charging period";
        /// A CDR period dimension OCPI does not define, or that does not price anything, was ignored.
        CdrDimensionIgnored = "cdr-dimension-ignored",
            "use the CDR dimension types of the CDR's OCPI version";
        /// A CDR value was read leniently (a timestamp without offset, a negative volume read as 0, periods out of order).
        CdrReadLeniently = "cdr-read-leniently",
            "write timestamps as RFC 3339 in UTC, volumes as non-negative numbers, periods in time order";
        /// The tariff's tax information is incomplete, so one of the totals is unknown.
        TaxUnknown = "tax-unknown",
            "give `vat` on every price component (2.2.1) or `tax_included` (2.3.0)";
        /// A price limit could be applied to only one of the totals.
        PriceLimitPartial = "price-limit-partial",
            "give both the amount before and after taxes in min_price / max_price";
    }
}

/// A note on how a price was computed: stable code and plain message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PriceWarning {
    pub code: WarningCode,
    pub message: String,
}

impl PriceWarning {
    pub fn new(code: WarningCode, message: impl Into<String>) -> PriceWarning {
        PriceWarning {
            code,
            message: message.into(),
        }
    }
}

/// Adds a warning unless one with the same code and message is already there.
pub(crate) fn push_warning(warnings: &mut Vec<PriceWarning>, w: PriceWarning) {
    if !warnings.contains(&w) {
        warnings.push(w);
    }
}
