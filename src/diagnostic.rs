//! Diagnostics: every problem found in the input, as data with a stable code and a precise place.

use crate::json::Span;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One problem, where it is, and which rule says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    /// Plain-language message: what is wrong and what to do.
    pub message: String,
    /// RFC 6901 JSON Pointer into the input (`""` for the whole document).
    pub pointer: String,
    /// 1-based line of the place (0 when there is no input to point into).
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// The version and section of the specification the rule comes from.
    pub spec: String,
    /// Byte range in the input; the CLI and the validator page underline it.
    #[serde(skip)]
    pub span: Span,
}

macro_rules! codes {
    ($( $(#[doc = $doc:literal])* $variant:ident = $id:literal, $sev:ident; )*) => {
        /// A stable diagnostic code. The text ids (`as_str`) never change meaning; each is
        /// documented in `docs/diagnostics.md`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The kebab-case id, e.g. `"field-missing"`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $id,)* }
            }

            /// The severity this code is always reported with.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$sev,)* }
            }

            /// One sentence on what the rule checks.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => concat!($($doc),*).trim_ascii(),)* }
            }

            pub fn from_id(id: &str) -> Option<Code> {
                match id { $($id => Some(Code::$variant),)* _ => None }
            }
        }
    };
}

codes! {
    // --- reading JSON ---
    /// The input is not well-formed JSON; everything read before the error is kept.
    JsonSyntax = "json-syntax", Error;
    /// The input contains bytes that are not UTF-8; they are replaced by U+FFFD.
    JsonInvalidUtf8 = "json-invalid-utf8", Error;
    /// Arrays and objects nest deeper than the limit (128).
    JsonTooDeep = "json-too-deep", Error;
    /// An object has the same key twice; the last value is used, as browsers do.
    JsonDuplicateKey = "json-duplicate-key", Warning;
    /// The input contains `//` or `/* */` comments, which JSON does not allow (accepted only with the lenient comments option).
    JsonComment = "json-comment", Error;
    /// The input is larger than the configured limit.
    InputTooLarge = "input-too-large", Error;
    /// An item was cut off by a syntax error and could not be read.
    ItemTruncated = "item-truncated", Error;
    // --- what the document is ---
    /// Neither the kind of document nor any OCPI object could be recognised.
    DocumentUnrecognized = "document-unrecognized", Error;
    /// The document says it is an OCPI version this tool does not read (3.0 drafts, 2.0, ...).
    VersionUnsupported = "version-unsupported", Error;
    /// The document is labelled with withdrawn version 2.2 (or 2.1); it is read as 2.2.1 (2.1.1).
    VersionWithdrawn = "version-withdrawn", Warning;
    /// The data has the shape of one version but was labelled (or forced) as another.
    VersionShapeMismatch = "version-shape-mismatch", Warning;
    /// The response envelope reports an OCPI error (`status_code` outside 1000-1999).
    EnvelopeStatusError = "envelope-status-error", Error;
    /// The response envelope lacks `status_code` or `timestamp`, or holds a wrong type there.
    EnvelopeIncomplete = "envelope-incomplete", Warning;
    /// The items are wrapped in a non-standard structure (`items`, `content`, a bare array) that was read anyway.
    WrapperNonStandard = "wrapper-non-standard", Info;
    /// An item of a list of locations or tariffs is not an object, or lacks what identifies it; it is skipped.
    ItemDropped = "item-dropped", Error;
    // --- the spec walk: one field against its table ---
    /// A required field is absent.
    FieldMissing = "field-missing", Error;
    /// A required field is `null`.
    FieldNull = "field-null", Error;
    /// A field holds the wrong JSON type and cannot be read; it is dropped.
    FieldType = "field-type", Error;
    /// A field holds the wrong JSON type but its meaning is clear (`"230"` for 230); it was converted.
    FieldCoerced = "field-coerced", Warning;
    /// A list is `null` or an object/list is `""`; read as absent.
    FieldEmptyAsAbsent = "field-empty-as-absent", Warning;
    /// A `+` list (at least one entry) is empty.
    ListEmpty = "list-empty", Error;
    /// A string is longer than the spec allows.
    StringTooLong = "string-too-long", Error;
    /// A string holds characters its type does not allow (non-ASCII in CiString or 2.1.1 string, control characters).
    StringCharset = "string-charset", Error;
    /// A field name that is not the spec's, but unambiguously one of its fields (camelCase, a near miss); read as that field.
    FieldRenamed = "field-renamed", Warning;
    /// A field name from another OCPI version (`voltage` under 2.2.1); read as this version's field.
    FieldOtherVersion = "field-other-version", Warning;
    /// A field the spec does not define; kept and passed through.
    FieldUnknown = "field-unknown", Info;
    /// A known vendor extension (German calibration law: `energy_meter`, `transparency_software`, `calibration_info_url`); kept in the model.
    VendorExtension = "vendor-extension", Info;
    /// A value outside a closed enum; the field is dropped (EVSE `status` is read as UNKNOWN).
    EnumUnknown = "enum-unknown", Error;
    /// A value outside a 2.3.0 OpenEnum: allowed by the spec, but receivers may not understand it.
    EnumExtension = "enum-extension", Warning;
    /// An enum value in the wrong letter case or spelling (`available`); read as the spec's value.
    EnumCase = "enum-case", Warning;
    /// A DateTime that does not follow the version's format and cannot be read.
    DatetimeInvalid = "datetime-invalid", Error;
    /// A DateTime read with a lenient rule (a space instead of `T`, a time zone offset, fractions in 2.1.1).
    DatetimeLenient = "datetime-lenient", Warning;
    /// A URL that is not an absolute `http:` or `https:` URL.
    UrlInvalid = "url-invalid", Error;
    /// An integer with more digits than allowed, or a number with a fraction where an int is required.
    IntInvalid = "int-invalid", Error;
    /// A number that cannot be held as a decimal (too large, or not a number).
    NumberOutOfRange = "number-out-of-range", Error;
    /// A number with more than 4 decimals; kept exactly, but the spec expects at most 4.
    NumberPrecision = "number-precision", Info;
    /// Not an ISO 3166-1 country code of the required form (an alpha-2 code where alpha-3 is required is converted).
    CountryCodeInvalid = "country-code-invalid", Error;
    /// Not an ISO 4217 currency code.
    CurrencyInvalid = "currency-invalid", Error;
    /// Not an ISO 639-1 language code.
    LanguageInvalid = "language-invalid", Error;
    /// Not a time zone of the IANA database; the message suggests the nearest IANA name.
    TimeZoneInvalid = "time-zone-invalid", Error;
    /// A time of day that is not `HH:MM` (24 h, leading zeros).
    TimeInvalid = "time-invalid", Error;
    /// A date that is not a valid `YYYY-MM-DD`.
    DateInvalid = "date-invalid", Error;
    /// A coordinate that is not a decimal number in range.
    CoordinateInvalid = "coordinate-invalid", Error;
    /// A coordinate with a number of decimals the version does not allow (read anyway).
    CoordinateFormat = "coordinate-format", Warning;
    /// A party id that is not three letters or digits.
    PartyIdInvalid = "party-id-invalid", Warning;
    /// An EVSE id that does not follow the eMI3 / IDACS pattern (`CC*PPP*Exxx`).
    EvseIdFormat = "evse-id-format", Warning;
    /// A telephone number that does not look like one.
    PhoneInvalid = "phone-invalid", Warning;
    // --- rules across fields: locations ---
    /// Two locations of one feed share an `id`.
    LocationIdDuplicate = "location-id-duplicate", Error;
    /// Two EVSEs of one location share a `uid`.
    EvseUidDuplicate = "evse-uid-duplicate", Error;
    /// Two connectors of one EVSE share an `id`.
    ConnectorIdDuplicate = "connector-id-duplicate", Error;
    /// A connector references a tariff that is not among the tariffs given alongside.
    TariffReferenceUnresolved = "tariff-reference-unresolved", Error;
    /// A connector references two tariffs of the same `type` whose validity periods overlap.
    TariffReferenceSameType = "tariff-reference-same-type", Warning;
    /// `twentyfourseven` is true but `regular_hours` are given too.
    HoursTwentyfoursevenWithRegular = "hours-twentyfourseven-with-regular", Error;
    /// `twentyfourseven` is false (or absent) and no `regular_hours` are given: the location would never be open.
    HoursRegularMissing = "hours-regular-missing", Error;
    /// A regular-hours period ends at or before it begins.
    RegularHoursInverted = "regular-hours-inverted", Error;
    /// Two regular-hours periods of the same weekday overlap.
    RegularHoursOverlap = "regular-hours-overlap", Warning;
    /// An exceptional opening or closing ends at or before it begins.
    ExceptionalPeriodInverted = "exceptional-period-inverted", Error;
    /// A status schedule period ends at or before it begins.
    StatusScheduleInverted = "status-schedule-inverted", Error;
    /// Coordinates are exactly 0,0 (a placeholder, off the coast of Africa).
    CoordinatesZero = "coordinates-zero", Error;
    /// Latitude and longitude look swapped: swapped, the point falls inside the location's country.
    CoordinatesSwapped = "coordinates-swapped", Warning;
    /// The coordinates lie outside the location's country.
    CoordinatesOutsideCountry = "coordinates-outside-country", Warning;
    /// An EVSE lies more than 2 km from its location.
    EvseFarFromLocation = "evse-far-from-location", Warning;
    /// `max_electric_power` is more than 10% above voltage x amperage x phases.
    PowerAboveRating = "power-above-rating", Warning;
    /// `max_electric_power` is below 1000 W: probably given in kW; the message offers the kW reading.
    PowerLooksLikeKw = "power-looks-like-kw", Warning;
    /// Voltage, amperage or power outside what any public charger delivers.
    PowerImplausible = "power-implausible", Warning;
    /// The connector standard and its `power_type` contradict each other (CCS or CHAdeMO on AC, Schuko on DC).
    ConnectorPowerTypeMismatch = "connector-power-type-mismatch", Warning;
    /// An EVSE has status REMOVED: it no longer exists and is not shown on a map.
    EvseRemoved = "evse-removed", Info;
    /// Every EVSE of the location is REMOVED (or it has none): the spec considers the location expired.
    LocationExpired = "location-expired", Warning;
    /// A child object's `last_updated` is later than its parent's, which must be bumped on every child change.
    LastUpdatedChildLater = "last-updated-child-later", Warning;
    /// A `last_updated` lies in the future.
    LastUpdatedFuture = "last-updated-future", Warning;
    /// The EVSE id's country and party do not match the location's `country_code` and `party_id`.
    EvseIdParty = "evse-id-party", Warning;
    /// The location has `publish: false`: it must never appear on a public map.
    LocationUnpublished = "location-unpublished", Info;
    /// `publish_allowed_to` is given although `publish` is true.
    PublishAllowedToWhenPublished = "publish-allowed-to-when-published", Error;
    /// `publish_allowed_to` holds personal data (token uids, card numbers) and must not appear in open data.
    PublishAllowedToPersonalData = "publish-allowed-to-personal-data", Warning;
    /// A `publish_allowed_to` entry sets none of `uid`, `visual_number`, `group_id`, or lacks `type` with `uid` or `issuer` with `visual_number`.
    PublishTokenIncomplete = "publish-token-incomplete", Error;
    /// An EVSE's `parking[].parking_id` names no entry of the location's `parking_places`.
    ParkingReferenceUnresolved = "parking-reference-unresolved", Error;
    /// Two `parking_places` of a location share an `id`.
    ParkingIdDuplicate = "parking-id-duplicate", Error;
    /// A parking place for vehicles other than cars and motorcycles lacks the dimensions the spec asks for.
    ParkingDimensionsMissing = "parking-dimensions-missing", Warning;
    /// Energy source percentages are outside 0-100 or do not add up to 100.
    EnergyMixPercentages = "energy-mix-percentages", Warning;
    /// The location has no EVSE at all.
    LocationWithoutEvses = "location-without-evses", Info;
    // --- rules across fields: tariffs ---
    /// A restriction's minimum is not below its maximum (kWh, power, current or duration): the element can never apply.
    RestrictionMinNotBelowMax = "restriction-min-not-below-max", Error;
    /// `start_time` equals `end_time`: a zero-length window (or, by some readings, all day).
    RestrictionTimeEqual = "restriction-time-equal", Warning;
    /// `end_time` is `23:59`, probably meant as midnight (`00:00`); one minute a day is not covered.
    RestrictionTimeBeforeMidnight = "restriction-time-before-midnight", Warning;
    /// `start_date` is not before `end_date` (end is exclusive): the element can never apply.
    RestrictionDateInverted = "restriction-date-inverted", Error;
    /// `day_of_week` names a day twice.
    RestrictionDayDuplicate = "restriction-day-duplicate", Warning;
    /// `day_of_week` is an empty list: readers disagree whether that means never or always.
    RestrictionDayEmpty = "restriction-day-empty", Warning;
    /// A power or current restriction on an element that only prices parking time (no power flows while parking).
    RestrictionPowerOnParking = "restriction-power-on-parking", Warning;
    /// An energy restriction (`min_kwh`/`max_kwh`) on an element that only prices a FLAT fee, which is charged once at the start.
    RestrictionEnergyOnFlat = "restriction-energy-on-flat", Warning;
    /// A reservation element holds components other than FLAT and TIME.
    ReservationComponentType = "reservation-component-type", Error;
    /// An element can never be used: an earlier element without restrictions already prices all of its dimensions.
    TariffElementUnreachable = "tariff-element-unreachable", Warning;
    /// `min_price` is above `max_price`.
    TariffMinAboveMax = "tariff-min-above-max", Error;
    /// `start_date_time` is not before `end_date_time`.
    TariffValidityInverted = "tariff-validity-inverted", Error;
    /// The tariff's validity ended before its `last_updated`, or it is not yet valid.
    TariffNotCurrent = "tariff-not-current", Info;
    /// `step_size` is 0: its meaning is undefined; read as 1.
    StepSizeZero = "step-size-zero", Warning;
    /// `step_size` is not 1: the spec advises 1, and OCPI 3.0 removes step sizes.
    StepSizeNotOne = "step-size-not-one", Info;
    /// `step_size` on a FLAT component has no meaning.
    StepSizeOnFlat = "step-size-on-flat", Info;
    /// A negative price.
    PriceNegative = "price-negative", Error;
    /// A VAT percentage outside 0-100.
    VatOutOfRange = "vat-out-of-range", Error;
    /// A 2.3.0 tariff with `tax_included: "N/A"` gives VAT percentages, or one with `YES` gives none.
    TaxIncludedVatMismatch = "tax-included-vat-mismatch", Warning;
    /// No element without restrictions prices energy or time: some sessions may find no price.
    TariffNoFallback = "tariff-no-fallback", Info;
    /// A free-of-charge tariff that is not written in the spec's pattern (one FLAT component of 0).
    TariffFreeNotCanonical = "tariff-free-not-canonical", Info;
    /// Two tariffs of one feed share an `id` (per country code and party).
    TariffIdDuplicate = "tariff-id-duplicate", Error;
    /// Two versions of the versions list share a version number, or a details document lists no endpoint.
    VersionsInvalid = "versions-invalid", Error;
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Counts per severity, as printed in every report.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Summary {
        let mut s = Summary::default();
        for d in diagnostics {
            s.add(d.severity);
        }
        s
    }

    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Info => self.infos += 1,
        }
    }

    pub fn merge(&mut self, other: Summary) {
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
    }
}
