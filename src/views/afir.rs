//! The EU AFIR view: Regulation (EU) 2023/1804 Article 5 and the data items of Tables A, B and F
//! of Implementing Regulation (EU) 2025/655, for every published location (station) and every
//! EVSE in service (recharging point).
//!
//! Each requirement is one row of [`RULES`]: id, title, where the law says it, and the check.
//! Table items derive their value from the data (country as ISO 3166-1 alpha-2, power in kW,
//! prices per kWh / minute / session in the AFIR order, ...); a missing value is `missing` for
//! mandatory items, and items OCPI cannot carry are `not-representable`. Article 5 checks
//! depend on facts OCPI does not carry — the commissioning date, the TEN-T location — which are
//! [`AfirInputs`]; where such a fact decides a check and is not given, the check says so
//! (`unknown`).

use super::ad_hoc::{AdHoc, PricesInAfirOrder, TariffIndex, tariff_field};
use super::facts::{FeedFacts, on_or_after};
use super::place::Places;
use super::requirement::{Definition, Field, Finding, Status};
use super::{
    LocationReport, Point, Report, Rule, Station, evaluate_station, kw_text, kw_value, noon_utc,
};
use crate::model::{ConnectorFormat, DimensionType, EvseStatus, Feed, Location, PowerType};
use crate::spec::Version;
use crate::spec::codes::alpha3_to_alpha2;
use crate::validate::format::{Checked, check_evse_id};
use jiff::civil::{Date, date};
use serde_json::{Value, json};

/// Facts the AFIR view needs that OCPI does not carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AfirInputs {
    /// The date the evaluation is for (date-bound duties, tariff validity at noon UTC).
    pub as_of: Date,
    /// Commissioning date and TEN-T location, for the feed and per location. Default: dates
    /// unknown, not on the TEN-T network.
    pub facts: FeedFacts,
}

impl AfirInputs {
    /// Inputs for today's date on this machine's clock (native builds; in a browser give the
    /// date with [`AfirInputs::as_of`]).
    pub fn today() -> AfirInputs {
        AfirInputs::as_of(jiff::ZonedDateTime::now().date())
    }

    /// Inputs for `as_of`, every other fact at its default.
    pub fn as_of(as_of: Date) -> AfirInputs {
        AfirInputs {
            as_of,
            facts: FeedFacts::default(),
        }
    }
}

/// A view of a feed under AFIR.
pub type AfirReport = Report;

/// AFIR applies (Art. 26): points deployed from this date are "new" for Art. 5(1) and 5(4).
pub const AFIR_APPLIES: Date = date(2024, 4, 13);
/// Art. 5(7): every public point digitally connected.
pub const DIGITAL_FROM: Date = date(2024, 10, 14);
/// Art. 5(10): DC public points with a fixed cable.
pub const FIXED_CABLE_FROM: Date = date(2025, 4, 14);
/// Art. 5(1) third subparagraph: existing points of 50 kW and more on the TEN-T network.
pub const RETROFIT_FROM: Date = date(2027, 1, 1);
/// Delegated Regulation (EU) 2025/656 (Annex II exemptions at 3.7 kW and below) applies.
pub const ANNEX_II_EXEMPTIONS_FROM: Date = date(2026, 1, 8);

/// 50 kW, the power class of Art. 5(1) and 5(4).
const HIGH_POWER_W: u32 = 50_000;
/// 3.7 kW, at or below which Delegated Regulation 2025/656 exempts points from Annex II.
const ANNEX_II_EXEMPT_W: u32 = 3_700;

/// Capabilities that show a payment-card reader (Art. 5(1) (a) and (b)).
const CARD_READERS: [&str; 2] = ["CHIP_CARD_SUPPORT", "CONTACTLESS_CARD_SUPPORT"];
/// Capabilities that show ad hoc payment without a contract.
const AD_HOC_CAPABILITIES: [&str; 4] = [
    "CREDIT_CARD_PAYABLE",
    "DEBIT_CARD_PAYABLE",
    "CONTACTLESS_CARD_SUPPORT",
    "CHIP_CARD_SUPPORT",
];
/// Capabilities that show contract-based (MSP) charging.
const CONTRACT_CAPABILITIES: [&str; 2] = ["RFID_READER", "REMOTE_START_STOP_CAPABLE"];
/// Connector capabilities of Plug & Charge (2.3.0).
const PLUG_AND_CHARGE: [&str; 2] = [
    "ISO_15118_2_PLUG_AND_CHARGE",
    "ISO_15118_20_PLUG_AND_CHARGE",
];

/// OCPI connector standards and the connector types of IR 2025/655 Table B item 3.
const CONNECTOR_TYPES: [(&str, &str); 5] = [
    ("IEC_62196_T2", "Type 2"),
    ("IEC_62196_T2_COMBO", "CCS Combo 2"),
    ("CHADEMO", "CHAdeMO"),
    ("MCS", "MCS"),
    ("SAE_J3400", "other"),
];

/// OCPI 2.3.0 VehicleType values and the vehicle categories of Table A item 16.
const VEHICLE_CATEGORIES: [(&str, &str); 9] = [
    ("MOTORCYCLE", "L"),
    ("PERSONAL_VEHICLE", "M1"),
    ("PERSONAL_VEHICLE_WITH_TRAILER", "M1"),
    ("DISABLED", "M1"),
    ("VAN", "N1"),
    ("BUS", "M2/M3"),
    ("RIGID", "N2/N3"),
    ("SEMI_TRACTOR", "N2/N3"),
    ("TRUCK_WITH_TRAILER", "N2/N3"),
];

/// OCPI Facility values that mean catering (Table A item 6).
const CATERING: [&str; 2] = ["RESTAURANT", "CAFE"];

/// The requirements of the AFIR view, in the order of the report.
pub(crate) static RULES: &[Rule<AfirInputs>] = &[
    Rule::station(
        "AFIR-A1",
        "Legal name of the operator or owner",
        "IR (EU) 2025/655 Annex Table A item 1",
        a1_legal_name,
    ),
    Rule::station(
        "AFIR-A2",
        "Commercial name shown to the public",
        "IR (EU) 2025/655 Annex Table A item 2",
        a2_commercial_name,
    ),
    Rule::station(
        "AFIR-A3",
        "Number of recharging points usable simultaneously",
        "IR (EU) 2025/655 Annex Table A item 3",
        a3_points,
    ),
    Rule::station(
        "AFIR-A4",
        "Staff present on site",
        "IR (EU) 2025/655 Annex Table A item 4",
        a4_staff,
    ),
    Rule::station(
        "AFIR-A5",
        "Helpdesk telephone number",
        "IR (EU) 2025/655 Annex Table A item 5",
        a5_helpdesk,
    ),
    Rule::station(
        "AFIR-A6",
        "Facilities with associated services",
        "IR (EU) 2025/655 Annex Table A item 6",
        a6_facilities,
    ),
    Rule::station(
        "AFIR-A7",
        "Geographic coordinates (WGS 84)",
        "IR (EU) 2025/655 Annex Table A item 7",
        a7_coordinates,
    ),
    Rule::station(
        "AFIR-A8",
        "Additional location information",
        "IR (EU) 2025/655 Annex Table A item 8",
        a8_location_info,
    ),
    Rule::station(
        "AFIR-A9",
        "Country (ISO 3166-1 alpha-2)",
        "IR (EU) 2025/655 Annex Table A item 9",
        a9_country,
    ),
    Rule::station(
        "AFIR-A10",
        "Region (NUTS-1)",
        "IR (EU) 2025/655 Annex Table A item 10",
        a10_region,
    ),
    Rule::station(
        "AFIR-A11",
        "City or town",
        "IR (EU) 2025/655 Annex Table A item 11",
        a11_city,
    ),
    Rule::station(
        "AFIR-A12",
        "Postal code",
        "IR (EU) 2025/655 Annex Table A item 12",
        a12_postal_code,
    ),
    Rule::station(
        "AFIR-A13",
        "Street and number",
        "IR (EU) 2025/655 Annex Table A item 13",
        a13_street,
    ),
    Rule::station(
        "AFIR-A14",
        "Opening hours",
        "IR (EU) 2025/655 Annex Table A item 14",
        a14_opening_hours,
    ),
    Rule::station(
        "AFIR-A15",
        "Time zone (UTC offset)",
        "IR (EU) 2025/655 Annex Table A item 15",
        a15_time_zone,
    ),
    Rule::station(
        "AFIR-A16",
        "Vehicle types served",
        "IR (EU) 2025/655 Annex Table A item 16",
        a16_vehicle_types,
    ),
    Rule::station(
        "AFIR-A17",
        "Maximum vehicle weight and dimensions",
        "IR (EU) 2025/655 Annex Table A item 17",
        a17_dimensions,
    ),
    Rule::station(
        "AFIR-A18",
        "Number of parking spaces for recharging",
        "IR (EU) 2025/655 Annex Table A item 18",
        a18_parking_spaces,
    ),
    Rule::station(
        "AFIR-A19",
        "Parking spaces accessible to persons with disabilities",
        "IR (EU) 2025/655 Annex Table A item 19",
        a19_accessible_spaces,
    ),
    Rule::station(
        "AFIR-A20",
        "Payment card reader (chip)",
        "IR (EU) 2025/655 Annex Table A item 20",
        a20_chip_reader,
    ),
    Rule::station(
        "AFIR-A21",
        "Contactless payment card reader",
        "IR (EU) 2025/655 Annex Table A item 21",
        a21_contactless_reader,
    ),
    Rule::station(
        "AFIR-A22",
        "Other ad hoc payment options (QR code, website, cash)",
        "IR (EU) 2025/655 Annex Table A item 22",
        a22_other_payment,
    ),
    Rule::station(
        "AFIR-A23",
        "Accepted payment service providers",
        "IR (EU) 2025/655 Annex Table A item 23",
        a23_payment_providers,
    ),
    Rule::station(
        "AFIR-A24",
        "Contract-based payment possible",
        "IR (EU) 2025/655 Annex Table A item 24",
        a24_contract_payment,
    ),
    Rule::point(
        "AFIR-B1",
        "Recharging point ID with the operator ID issued by the IDRO",
        "IR (EU) 2025/655 Annex Table B item 1",
        b1_point_id,
    ),
    Rule::point(
        "AFIR-B2",
        "Number of connectors",
        "IR (EU) 2025/655 Annex Table B item 2",
        b2_connector_count,
    ),
    Rule::point(
        "AFIR-B3",
        "Connector types",
        "IR (EU) 2025/655 Annex Table B item 3",
        b3_connector_types,
    ),
    Rule::point(
        "AFIR-B4",
        "Type of current (AC/DC)",
        "IR (EU) 2025/655 Annex Table B item 4",
        b4_current,
    ),
    Rule::station(
        "AFIR-B5",
        "Maximum power of the station (kW)",
        "IR (EU) 2025/655 Annex Table B item 5",
        b5_station_power,
    ),
    Rule::point(
        "AFIR-B6",
        "Maximum power of the recharging point (kW)",
        "IR (EU) 2025/655 Annex Table B item 6",
        b6_point_power,
    ),
    Rule::station(
        "AFIR-B7",
        "Accepted mobility service providers",
        "IR (EU) 2025/655 Annex Table B item 7",
        b7_service_providers,
    ),
    Rule::point(
        "AFIR-B8",
        "Plug and charge (automatic authentication)",
        "IR (EU) 2025/655 Annex Table B item 8",
        b8_plug_and_charge,
    ),
    Rule::point(
        "AFIR-B9",
        "Smart recharging services",
        "IR (EU) 2025/655 Annex Table B item 9",
        b9_smart_services,
    ),
    Rule::station(
        "AFIR-B10",
        "100 % renewable electricity",
        "IR (EU) 2025/655 Annex Table B item 10",
        b10_renewable,
    ),
    Rule::point(
        "AFIR-F1",
        "Operational status",
        "IR (EU) 2025/655 Annex Table F item 1",
        f1_operational,
    ),
    Rule::point(
        "AFIR-F2",
        "Availability",
        "IR (EU) 2025/655 Annex Table F item 2",
        f2_availability,
    ),
    Rule::point(
        "AFIR-F3",
        "Ad hoc price (per kWh, per minute, per session, other)",
        "IR (EU) 2025/655 Annex Table F item 3 (station level there; per point here, as OCPI prices each connector)",
        f3_ad_hoc_price,
    ),
    Rule::point(
        "AFIR-5.1-ADHOC",
        "Ad hoc recharging without a contract",
        "Reg. (EU) 2023/1804 Art. 5(1) first subparagraph",
        adhoc_access,
    ),
    Rule::point(
        "AFIR-5.1-INSTR-NEW",
        "Payment card reader or contactless reader (new points; QR only below 50 kW)",
        "Reg. (EU) 2023/1804 Art. 5(1) second subparagraph",
        instrument_new,
    ),
    Rule::point(
        "AFIR-5.1-RETRO",
        "Card or contactless reader at existing 50 kW+ points on the TEN-T network",
        "Reg. (EU) 2023/1804 Art. 5(1) third subparagraph",
        instrument_retrofit,
    ),
    Rule::point(
        "AFIR-5.2-AUTOAUTH",
        "Ad hoc option kept where automatic authentication is offered",
        "Reg. (EU) 2023/1804 Art. 5(2)",
        auto_authentication,
    ),
    Rule::point(
        "AFIR-5.4-KWH",
        "Ad hoc price based on the price per kWh (50 kW and above)",
        "Reg. (EU) 2023/1804 Art. 5(4)",
        price_per_kwh,
    ),
    Rule::point(
        "AFIR-5.4-DISPLAY-HPC",
        "Price per kWh and occupancy fee shown at the station (50 kW and above)",
        "Reg. (EU) 2023/1804 Art. 5(4)",
        price_display,
    ),
    Rule::point(
        "AFIR-5.4-ORDER-LPC",
        "All price components available, in the AFIR order (below 50 kW)",
        "Reg. (EU) 2023/1804 Art. 5(4)",
        price_order,
    ),
    Rule::point(
        "AFIR-5.7-DIGITAL",
        "Digitally connected recharging point",
        "Reg. (EU) 2023/1804 Art. 5(7)",
        digitally_connected,
    ),
    Rule::point(
        "AFIR-5.8-SMART",
        "Smart recharging capable (points built from 13 April 2024)",
        "Reg. (EU) 2023/1804 Art. 5(8)",
        smart_recharging,
    ),
    Rule::point(
        "AFIR-5.10-CABLE",
        "Fixed cable on DC points",
        "Reg. (EU) 2023/1804 Art. 5(10)",
        fixed_cable,
    ),
    Rule::point(
        "AFIR-ANNEXII-CONN",
        "Annex II connectors: Type 2 for AC, CCS Combo 2 for DC",
        "Reg. (EU) 2023/1804 Annex II, as replaced by Delegated Reg. (EU) 2025/656",
        annex_ii_connectors,
    ),
];

/// Every requirement of the view, in report order.
pub fn definitions() -> Vec<Definition> {
    RULES.iter().map(Rule::definition).collect()
}

/// Evaluates a feed: one report per published location, and the summary.
pub fn evaluate_feed(feed: &Feed, inputs: &AfirInputs) -> AfirReport {
    AfirView::new(feed, inputs).report()
}

/// Evaluates one location of `feed` (its tariffs are looked up in the feed), for a map panel.
pub fn evaluate_location(feed: &Feed, location: &Location, inputs: &AfirInputs) -> LocationReport {
    AfirView::new(feed, inputs).location(location)
}

/// The AFIR view of one feed, ready to evaluate the whole feed or single locations.
pub struct AfirView<'f> {
    feed: &'f Feed,
    inputs: &'f AfirInputs,
    tariffs: TariffIndex<'f>,
    places: Places,
}

impl<'f> AfirView<'f> {
    pub fn new(feed: &'f Feed, inputs: &'f AfirInputs) -> AfirView<'f> {
        AfirView {
            feed,
            inputs,
            tariffs: TariffIndex::new(feed),
            places: Places::default(),
        }
    }

    /// Uses the places of EVSEs and connectors read from the validation reports, so that
    /// pointers stay exact where the spec walk skipped list entries (see [`Places`]).
    pub fn with_places(mut self, places: Places) -> AfirView<'f> {
        self.places = places;
        self
    }

    /// The view of one location.
    pub fn location(&self, location: &Location) -> LocationReport {
        let station = super::station(
            location,
            &self.places,
            &self.tariffs,
            noon_utc(self.inputs.as_of),
        );
        evaluate_station(&station, RULES, self.inputs)
    }

    /// The view of every published location, with the summary.
    pub fn report(&self) -> AfirReport {
        super::evaluate_feed(
            self.feed,
            &self.places,
            RULES,
            self.inputs,
            &self.tariffs,
            noon_utc(self.inputs.as_of),
        )
    }
}

// ---------------------------------------------------------------------------------------------
// Shared readings

fn given(s: &str) -> bool {
    !s.trim().is_empty()
}

fn yes_no(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// Combines the statuses of the parts of a multi-part item: a representable part that fails or
/// is missing decides; otherwise a part OCPI cannot carry makes the item not representable.
fn combine(parts: impl IntoIterator<Item = Status>) -> Status {
    parts.into_iter().fold(Status::Pass, Status::worst)
}

/// Whether any EVSE of the station publishes capabilities: then a capability that is absent is
/// read as "no", otherwise as not published.
fn capabilities_published(station: &Station<'_>) -> bool {
    station
        .points
        .iter()
        .any(|p| !p.evse.capabilities.is_empty())
}

/// The EVSEs of the station that have one of `capabilities`, as (uid, capability).
fn with_capability<'s>(station: &'s Station<'_>, capabilities: &[&str]) -> Vec<(&'s str, &'s str)> {
    let mut out = Vec::new();
    for p in &station.points {
        for c in &p.evse.capabilities {
            if capabilities.contains(&c.as_str()) {
                out.push((p.evse.uid.as_str(), c.as_str()));
            }
        }
    }
    out
}

/// A station-level yes/no item read from the EVSEs' capabilities.
fn capability_item(
    id: &'static str,
    station: &Station<'_>,
    capabilities: &[&str],
    what: &str,
) -> Finding {
    let fields = station.point_fields("/capabilities");
    let found = with_capability(station, capabilities);
    if station.points.is_empty() {
        return Finding::new(id, Status::Missing, "the location has no EVSE in service")
            .fields([station.field("/evses")]);
    }
    if !found.is_empty() {
        let uids: Vec<&str> = found.iter().map(|(u, _)| *u).collect();
        return Finding::new(
            id,
            Status::Pass,
            format!("{what}: yes (EVSE {})", dedup(uids).join(", ")),
        )
        .value("yes")
        .fields(fields);
    }
    if capabilities_published(station) {
        Finding::new(
            id,
            Status::Pass,
            format!(
                "{what}: no (the EVSEs list their capabilities, none of {})",
                capabilities.join(", ")
            ),
        )
        .value("no")
        .fields(fields)
    } else {
        Finding::new(
            id,
            Status::Missing,
            format!("no EVSE lists its capabilities, so whether there is a {what} is not said"),
        )
        .fields(fields)
    }
}

fn dedup(mut v: Vec<&str>) -> Vec<&str> {
    let mut seen = std::collections::HashSet::new();
    v.retain(|x| seen.insert(*x));
    v
}

/// The commissioning date relative to AFIR's application date.
enum Deployed {
    Before,
    FromApplication,
    Unknown,
}

fn deployed(station: &Station<'_>, inputs: &AfirInputs) -> Deployed {
    match on_or_after(
        inputs.facts.commissioned(&station.location.id),
        AFIR_APPLIES,
    ) {
        Some(true) => Deployed::FromApplication,
        Some(false) => Deployed::Before,
        None => Deployed::Unknown,
    }
}

/// A card reader (chip or contactless) for a point: on the point, or on another EVSE of the
/// same location (a payment terminal shared by the points of a station).
enum CardReader {
    OnPoint(String),
    Shared { uid: String, capability: String },
    Absent { published: bool },
}

fn card_reader(point: &Point<'_>, station: &Station<'_>) -> CardReader {
    if let Some(c) = CARD_READERS.iter().find(|c| point.has_capability(c)) {
        return CardReader::OnPoint((*c).to_string());
    }
    if let Some((uid, capability)) = with_capability(station, &CARD_READERS).into_iter().next() {
        return CardReader::Shared {
            uid: uid.to_string(),
            capability: capability.to_string(),
        };
    }
    CardReader::Absent {
        published: capabilities_published(station),
    }
}

fn card_reader_fields(point: &Point<'_>, station: &Station<'_>) -> Vec<Field> {
    let mut fields = vec![point.field("/capabilities")];
    fields.extend(
        station
            .points
            .iter()
            .filter(|p| p.pointer != point.pointer)
            .map(|p| p.field("/capabilities")),
    );
    fields
}

// ---------------------------------------------------------------------------------------------
// Table A

fn a1_legal_name(s: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-A1";
    let l = s.location;
    // The owner is the legal entity where given (Danish guidance); else the operator.
    for (key, field, details) in [
        ("owner", "/owner/name", &l.owner),
        ("operator", "/operator/name", &l.operator),
    ] {
        if let Some(d) = details.as_ref().filter(|d| given(&d.name)) {
            return Finding::new(
                ID,
                Status::Pass,
                format!(
                    "from `{key}.name`; OCPI does not say whether it is the legal or the trading name"
                ),
            )
            .value(d.name.clone())
            .fields([s.field(field)]);
        }
    }
    Finding::new(
        ID,
        Status::Missing,
        "neither `owner` nor `operator` gives a name",
    )
    .fields([s.field("/owner"), s.field("/operator")])
}

fn a2_commercial_name(s: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-A2";
    match s.location.operator.as_ref().filter(|d| given(&d.name)) {
        Some(d) => Finding::new(ID, Status::Pass, "from `operator.name`")
            .value(d.name.clone())
            .fields([s.field("/operator/name")]),
        None => Finding::new(ID, Status::Missing, "`operator.name` is not given")
            .fields([s.field("/operator")]),
    }
}

fn a3_points(s: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-A3";
    let n = s.points.len();
    let status = if n > 0 { Status::Pass } else { Status::Missing };
    Finding::new(
        ID,
        status,
        format!(
            "{n} EVSE(s) in service (REMOVED and PLANNED not counted; each EVSE serves one vehicle at a time)"
        ),
    )
    .value(n)
    .fields(s.point_fields("/status"))
}

fn a4_staff(s: &Station<'_>, _: &AfirInputs) -> Finding {
    Finding::new(
        "AFIR-A4",
        Status::NotRepresentable,
        "OCPI has no field for staff on site",
    )
    .fields([s.field("/facilities")])
}

/// Table A item 5 format: `+<country code> <number with leading zero>[-extension]`.
fn afir_phone_format(phone: &str) -> bool {
    let Some(rest) = phone.strip_prefix('+') else {
        return false;
    };
    let Some((country, number)) = rest.split_once(' ') else {
        return false;
    };
    let (number, extension) = match number.split_once('-') {
        Some((n, e)) => (n, Some(e)),
        None => (number, None),
    };
    let digits = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    digits(country, 1, 3)
        && !country.starts_with('0')
        && digits(number, 4, 15)
        && extension.is_none_or(|e| digits(e, 1, 8))
}

fn a5_helpdesk(s: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-A5";
    let l = s.location;
    if l.source.version < Version::V2_3_0 {
        return Finding::new(
            ID,
            Status::NotRepresentable,
            format!(
                "OCPI {} has no helpdesk telephone field (2.3.0 adds `help_phone`)",
                l.source.version
            ),
        );
    }
    let field = s.field("/help_phone");
    match l.help_phone.as_deref().filter(|p| given(p)) {
        None => Finding::new(ID, Status::Missing, "`help_phone` is not given").fields([field]),
        Some(phone) if afir_phone_format(phone) => {
            Finding::new(ID, Status::Pass, "given in the Table A format")
                .value(phone)
                .fields([field])
        }
        Some(phone) => Finding::new(
            ID,
            Status::Fail,
            "not in the Table A format `+<country code> <number including the leading zero>` with an optional `-<extension>` and no other spaces, dashes or brackets (e.g. `+32 0470123456`)",
        )
        .value(phone)
        .fields([field]),
    }
}

fn a6_facilities(s: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-A6";
    let l = s.location;
    let catering = l.facilities.iter().any(|f| CATERING.contains(&f.as_str()));
    let other: Vec<&str> = l
        .facilities
        .iter()
        .map(String::as_str)
        .filter(|f| !CATERING.contains(f))
        .collect();
    let mut fields = vec![s.field("/facilities")];
    let mut statuses = vec![Status::NotRepresentable];
    let mut notes = vec!["OCPI has no field for bathrooms or resting facilities".to_string()];
    let (roofed, lit) = if l.source.version >= Version::V2_3_0 {
        fields.push(s.field("/parking_places"));
        let any = |f: fn(&crate::model::Parking) -> Option<bool>| {
            let values: Vec<bool> = l.parking_places.iter().filter_map(f).collect();
            (!values.is_empty()).then(|| values.contains(&true))
        };
        let (roofed, lit) = (any(|p| p.roofed), any(|p| p.lighting));
        if roofed.is_none() || lit.is_none() {
            statuses.push(Status::Missing);
            notes.push("no parking place says whether it is roofed and lit".into());
        }
        (roofed, lit)
    } else {
        notes.push(format!(
            "OCPI {} cannot say whether parking is roofed or lit (2.3.0 `parking_places`)",
            l.source.version
        ));
        (None, None)
    };
    let status = combine(statuses);
    Finding::new(
        ID,
        status,
        format!(
            "catering: {} (from `facilities`); {}",
            yes_no(catering),
            notes.join("; ")
        ),
    )
    .value(json!({
        "roofed": roofed, "illuminated": lit, "catering": catering,
        "bathrooms": null, "resting": null, "other": other,
    }))
    .fields(fields)
}

fn a7_coordinates(s: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-A7";
    let field = s.field("/coordinates");
    match &s.location.coordinates {
        None => Finding::new(
            ID,
            Status::Missing,
            "no readable coordinates (latitude −90..90, longitude −180..180)",
        )
        .fields([field]),
        Some(c) if c.lat == 0.0 && c.lon == 0.0 => Finding::new(
            ID,
            Status::Fail,
            "the coordinates are 0, 0: a placeholder, not a place",
        )
        .value(json!({"lat": c.lat, "lon": c.lon}))
        .fields([field]),
        Some(c) => Finding::new(ID, Status::Pass, "WGS 84 decimal degrees")
            .value(json!({"lat": c.lat, "lon": c.lon}))
            .fields([field]),
    }
}

fn a8_location_info(s: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-A8";
    let l = s.location;
    let mut info = Vec::new();
    let mut fields = Vec::new();
    if !l.directions.is_empty() {
        info.push(json!({"directions": l.directions.iter().map(|d| &d.text).collect::<Vec<_>>()}));
        fields.push(s.field("/directions"));
    }
    for p in &s.points {
        let e = p.evse;
        if let Some(f) = &e.floor_level {
            info.push(json!({"evse": e.uid, "floor_level": f}));
            fields.push(p.field("/floor_level"));
        }
        if let Some(r) = &e.physical_reference {
            info.push(json!({"evse": e.uid, "physical_reference": r}));
            fields.push(p.field("/physical_reference"));
        }
        if !e.directions.is_empty() {
            info.push(json!({"evse": e.uid, "directions": e.directions.iter().map(|d| &d.text).collect::<Vec<_>>()}));
            fields.push(p.field("/directions"));
        }
    }
    if info.is_empty() {
        Finding::new(
            ID,
            Status::NotApplicable,
            "no floor level, bay number or directions given; the item applies where there is such information",
        )
    } else {
        Finding::new(
            ID,
            Status::Pass,
            "floor level, bay number or directions given",
        )
        .value(info)
        .fields(fields)
    }
}

fn a9_country(s: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-A9";
    let field = s.field("/country");
    let country = s.location.country.as_str();
    if !given(country) {
        return Finding::new(ID, Status::Missing, "`country` is not given").fields([field]);
    }
    match alpha3_to_alpha2(country) {
        Some(a2) => Finding::new(
            ID,
            Status::Pass,
            format!("converted from the alpha-3 code {country} of `country` (`country_code` is the operator's country, not the site's)"),
        )
        .value(a2)
        .fields([field]),
        None => Finding::new(
            ID,
            Status::Fail,
            format!("{country} is not an ISO 3166-1 alpha-3 code"),
        )
        .value(country)
        .fields([field]),
    }
}

fn a10_region(s: &Station<'_>, _: &AfirInputs) -> Finding {
    let mut f = Finding::new(
        "AFIR-A10",
        Status::NotRepresentable,
        "OCPI has no NUTS-1 region; `state` is free text, shown as a hint",
    );
    if let Some(state) = &s.location.state {
        f = f.value(json!({"state": state})).fields([s.field("/state")]);
    }
    f
}

fn text_item(
    id: &'static str,
    s: &Station<'_>,
    (key, pointer): (&str, &'static str),
    value: Option<&str>,
) -> Finding {
    let field = s.field(pointer);
    match value.filter(|v| given(v)) {
        Some(v) => Finding::new(id, Status::Pass, format!("from `{key}`"))
            .value(v.trim())
            .fields([field]),
        None => Finding::new(id, Status::Missing, format!("`{key}` is not given")).fields([field]),
    }
}

fn a11_city(s: &Station<'_>, _: &AfirInputs) -> Finding {
    text_item("AFIR-A11", s, ("city", "/city"), Some(&s.location.city))
}

fn a12_postal_code(s: &Station<'_>, _: &AfirInputs) -> Finding {
    let mut f = text_item(
        "AFIR-A12",
        s,
        ("postal_code", "/postal_code"),
        s.location.postal_code.as_deref(),
    );
    if f.status == Status::Missing {
        f.add_reason(" (OCPI allows leaving it out only where a place has none)");
    }
    f
}

fn a13_street(s: &Station<'_>, _: &AfirInputs) -> Finding {
    text_item(
        "AFIR-A13",
        s,
        ("address", "/address"),
        Some(&s.location.address),
    )
}

fn a14_opening_hours(s: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-A14";
    let field = s.field("/opening_times");
    let Some(hours) = &s.location.opening_times else {
        return Finding::new(
            ID,
            Status::Missing,
            "`opening_times` is not given (not read as open around the clock)",
        )
        .fields([field]);
    };
    if hours.twentyfourseven {
        return Finding::new(ID, Status::Pass, "open 24/7")
            .value(json!({"twentyfourseven": true, "exceptional_closings": hours.exceptional_closings.len()}))
            .fields([field]);
    }
    if hours.regular_hours.is_empty() {
        return Finding::new(
            ID,
            Status::Missing,
            "`opening_times` is neither 24/7 nor gives regular hours",
        )
        .fields([field]);
    }
    let regular: Vec<Value> = hours
        .regular_hours
        .iter()
        .map(|r| json!({"weekday": r.weekday, "begin": r.period_begin, "end": r.period_end}))
        .collect();
    Finding::new(ID, Status::Pass, "weekly opening periods given")
        .value(json!({"twentyfourseven": false, "regular_hours": regular}))
        .fields([field])
}

fn a15_time_zone(s: &Station<'_>, inputs: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-A15";
    let field = s.field("/time_zone");
    let (Some(name), Some(tz)) = (&s.location.time_zone, s.location.tz()) else {
        return Finding::new(
            ID,
            Status::Missing,
            "no time zone of the IANA database is given",
        )
        .fields([field]);
    };
    let offset = tz.to_offset(noon_utc(inputs.as_of));
    Finding::new(
        ID,
        Status::Pass,
        format!(
            "{name}, UTC offset {offset} on {} (the offset changes with daylight saving time)",
            inputs.as_of
        ),
    )
    .value(json!({"time_zone": name, "utc_offset": offset.to_string()}))
    .fields([field])
}

fn a16_vehicle_types(s: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-A16";
    let l = s.location;
    if l.source.version < Version::V2_3_0 {
        let motorcycles = s.points.iter().any(|p| {
            p.evse
                .parking_restrictions
                .iter()
                .any(|r| r == "MOTORCYCLES")
        });
        let mut f = Finding::new(
            ID,
            Status::NotRepresentable,
            format!(
                "OCPI {} has no vehicle types (2.3.0 `parking_places[].vehicle_types`)",
                l.source.version
            ),
        );
        if motorcycles {
            f = f
                .value(json!({"L": true}))
                .fields(s.point_fields("/parking_restrictions"));
            f.add_reason("; an EVSE is restricted to motorcycles (category L)");
        }
        return f;
    }
    let field = s.field("/parking_places");
    if l.parking_places.is_empty() {
        return Finding::new(ID, Status::Missing, "no `parking_places` given").fields([field]);
    }
    let mut categories: Vec<&str> = Vec::new();
    let mut other: Vec<&str> = Vec::new();
    for t in l.parking_places.iter().flat_map(|p| &p.vehicle_types) {
        match VEHICLE_CATEGORIES.iter().find(|(v, _)| v == t) {
            Some((_, c)) if !categories.contains(c) => categories.push(c),
            Some(_) => {}
            None if !other.contains(&t.as_str()) => other.push(t),
            None => {}
        }
    }
    if categories.is_empty() && other.is_empty() {
        return Finding::new(
            ID,
            Status::Missing,
            "the parking places list no vehicle types",
        )
        .fields([field]);
    }
    let value = json!({
        "L": categories.contains(&"L"),
        "M1": categories.contains(&"M1"),
        "M2/M3": categories.contains(&"M2/M3"),
        "N1": categories.contains(&"N1"),
        "N2/N3": categories.contains(&"N2/N3"),
        "other": other,
    });
    Finding::new(
        ID,
        Status::Pass,
        "from `parking_places[].vehicle_types` (OCPI VehicleType → UNECE category)",
    )
    .value(value)
    .fields([field])
}

fn a17_dimensions(s: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-A17";
    let l = s.location;
    if l.source.version < Version::V2_3_0 {
        return Finding::new(
            ID,
            Status::NotRepresentable,
            format!(
                "OCPI {} has no vehicle limits (2.3.0 `parking_places`)",
                l.source.version
            ),
        );
    }
    let field = s.field("/parking_places");
    let light_only = !l.parking_places.is_empty()
        && l.parking_places.iter().all(|p| {
            !p.vehicle_types.is_empty()
                && p.vehicle_types
                    .iter()
                    .all(|t| matches!(t.as_str(), "PERSONAL_VEHICLE" | "MOTORCYCLE"))
        });
    let limits: Vec<Value> = l
        .parking_places
        .iter()
        .filter(|p| {
            p.max_vehicle_weight.is_some()
                || p.max_vehicle_height.is_some()
                || p.max_vehicle_length.is_some()
                || p.max_vehicle_width.is_some()
        })
        .map(|p| {
            json!({
                "parking": p.id,
                "weight_t": p.max_vehicle_weight.map(|kg| kg / 1000.0),
                "height_m": p.max_vehicle_height.map(|cm| cm / 100.0),
                "length_m": p.max_vehicle_length.map(|cm| cm / 100.0),
                "width_m": p.max_vehicle_width.map(|cm| cm / 100.0),
            })
        })
        .collect();
    if !limits.is_empty() {
        Finding::new(ID, Status::Pass, "from `parking_places` (kg → t, cm → m)")
            .value(limits)
            .fields([field])
    } else if light_only {
        Finding::new(
            ID,
            Status::NotApplicable,
            "only cars and motorcycles park here; limits are needed for other vehicles",
        )
        .fields([field])
    } else {
        Finding::new(
            ID,
            Status::Missing,
            "no parking place gives maximum weight or dimensions, and not all are for cars or motorcycles only",
        )
        .fields([field])
    }
}

fn a18_parking_spaces(s: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-A18";
    let l = s.location;
    if l.source.version < Version::V2_3_0 {
        return Finding::new(
            ID,
            Status::NotRepresentable,
            format!(
                "OCPI {} has no parking spaces (2.3.0 `parking_places`); the {} EVSE(s) in service are only a proxy",
                l.source.version,
                s.points.len()
            ),
        );
    }
    let n = l.parking_places.len();
    let field = s.field("/parking_places");
    if n == 0 {
        Finding::new(ID, Status::Missing, "no `parking_places` given").fields([field])
    } else {
        Finding::new(ID, Status::Pass, "count of `parking_places`")
            .value(n)
            .fields([field])
    }
}

fn a19_accessible_spaces(s: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-A19";
    let l = s.location;
    if l.source.version >= Version::V2_3_0 {
        let field = s.field("/parking_places");
        if l.parking_places.is_empty() {
            return Finding::new(ID, Status::Missing, "no `parking_places` given").fields([field]);
        }
        let n = l
            .parking_places
            .iter()
            .filter(|p| p.vehicle_types.iter().any(|t| t == "DISABLED"))
            .count();
        return Finding::new(
            ID,
            Status::Pass,
            "parking places with vehicle type DISABLED (0 is an answer: the places are listed)",
        )
        .value(n)
        .fields([field]);
    }
    let reserved = s
        .points
        .iter()
        .filter(|p| p.evse.parking_restrictions.iter().any(|r| r == "DISABLED"))
        .count();
    let fields = s.point_fields("/parking_restrictions");
    if reserved > 0 {
        Finding::new(
            ID,
            Status::Pass,
            format!(
                "{reserved} EVSE(s) with parking restricted to disabled persons (OCPI {} marks reserved bays only: a lower bound)",
                l.source.version
            ),
        )
        .value(reserved)
        .fields(fields)
    } else {
        Finding::new(
            ID,
            Status::NotRepresentable,
            format!(
                "OCPI {} marks only bays reserved for disabled persons, and none is; accessible spaces cannot be counted",
                l.source.version
            ),
        )
        .fields(fields)
    }
}

fn a20_chip_reader(s: &Station<'_>, _: &AfirInputs) -> Finding {
    capability_item(
        "AFIR-A20",
        s,
        &["CHIP_CARD_SUPPORT"],
        "payment card (chip) reader",
    )
}

fn a21_contactless_reader(s: &Station<'_>, _: &AfirInputs) -> Finding {
    capability_item(
        "AFIR-A21",
        s,
        &["CONTACTLESS_CARD_SUPPORT"],
        "contactless card reader",
    )
}

fn a22_other_payment(_: &Station<'_>, _: &AfirInputs) -> Finding {
    Finding::new(
        "AFIR-A22",
        Status::NotRepresentable,
        "OCPI has no field for QR code, website or cash payment",
    )
}

fn a23_payment_providers(_: &Station<'_>, _: &AfirInputs) -> Finding {
    Finding::new(
        "AFIR-A23",
        Status::NotRepresentable,
        "OCPI has no field for accepted payment service providers (card schemes)",
    )
}

fn a24_contract_payment(s: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-A24";
    let providers = s
        .points
        .iter()
        .any(|p| !p.evse.accepted_service_providers.is_empty());
    if providers {
        return Finding::new(
            ID,
            Status::Pass,
            "contract-based payment: yes (`accepted_service_providers` is given)",
        )
        .value("yes")
        .fields(s.point_fields("/accepted_service_providers"));
    }
    capability_item(
        ID,
        s,
        &CONTRACT_CAPABILITIES,
        "contract-based payment (RFID reader or remote start)",
    )
}

// ---------------------------------------------------------------------------------------------
// Table B

fn b1_point_id(p: &Point<'_>, _: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-B1";
    let field = p.field("/evse_id");
    match p.evse.evse_id.as_deref().filter(|i| given(i)) {
        None => Finding::new(
            ID,
            Status::Missing,
            "`evse_id` is not given (`uid` is the operator's technical id, not the IDRO-issued one)",
        )
        .fields([field]),
        Some(id) => match check_evse_id(id) {
            Checked::Invalid(why) => Finding::new(ID, Status::Fail, why)
                .value(id)
                .fields([field]),
            _ => Finding::new(
                ID,
                Status::Pass,
                "eMI3 form; whether the operator prefix is registered with the IDRO is not checked",
            )
            .value(id)
            .fields([field]),
        },
    }
}

fn b2_connector_count(p: &Point<'_>, _: &Station<'_>, _: &AfirInputs) -> Finding {
    let n = p.evse.connectors.len();
    let status = if n > 0 { Status::Pass } else { Status::Missing };
    Finding::new("AFIR-B2", status, format!("{n} connector(s)"))
        .value(n)
        .fields([p.field("/connectors")])
}

fn b3_connector_types(p: &Point<'_>, _: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-B3";
    if p.evse.connectors.is_empty() {
        return Finding::new(ID, Status::Missing, "the EVSE has no connectors")
            .fields([p.field("/connectors")]);
    }
    let mut types = Vec::new();
    let mut missing = Vec::new();
    for c in &p.evse.connectors {
        if !given(&c.standard) {
            missing.push(c.id.as_str());
            continue;
        }
        let afir = CONNECTOR_TYPES
            .iter()
            .find(|(ocpi, _)| *ocpi == c.standard)
            .map_or("other", |(_, t)| t);
        types.push(json!({"connector": c.id, "standard": c.standard, "type": afir}));
    }
    let fields = p.connector_fields("/standard");
    if !missing.is_empty() {
        return Finding::new(
            ID,
            Status::Missing,
            format!("connector {} gives no `standard`", missing.join(", ")),
        )
        .value(types)
        .fields(fields);
    }
    Finding::new(
        ID,
        Status::Pass,
        "OCPI standard → AFIR type (Type 2, CCS Combo 2, CHAdeMO, MCS, other)",
    )
    .value(types)
    .fields(fields)
}

/// "AC", "DC" or "AC+DC" for the connectors of a point; `None` when no power type is known.
fn current(p: &Point<'_>) -> Option<&'static str> {
    let types: Vec<&PowerType> = p
        .evse
        .connectors
        .iter()
        .filter_map(|c| c.power_type.as_ref())
        .filter(|t| t.is_known())
        .collect();
    let dc = types.iter().any(|t| t.is_dc());
    let ac = types.iter().any(|t| !t.is_dc());
    match (ac, dc) {
        (true, true) => Some("AC+DC"),
        (false, true) => Some("DC"),
        (true, false) => Some("AC"),
        (false, false) => None,
    }
}

fn b4_current(p: &Point<'_>, _: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-B4";
    let fields = p.connector_fields("/power_type");
    match current(p) {
        Some(c) => Finding::new(ID, Status::Pass, "from the connectors' `power_type`")
            .value(c)
            .fields(fields),
        None => Finding::new(
            ID,
            Status::Missing,
            "no connector gives a known `power_type`",
        )
        .fields(fields),
    }
}

fn b5_station_power(s: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-B5";
    let powers: Vec<u32> = s.points.iter().filter_map(Point::power_w).collect();
    let mut f = Finding::new(
        ID,
        Status::NotRepresentable,
        "OCPI has no station power (grid or cabinet limits are not in the data)",
    );
    if !powers.is_empty() {
        let sum: u64 = powers.iter().map(|w| u64::from(*w)).sum();
        let sum = u32::try_from(sum).unwrap_or(u32::MAX);
        f = f
            .value(json!({"upper_bound_kw": kw_value(sum)}))
            .fields(s.points.iter().flat_map(Point::power_fields));
        f.add_reason(&format!(
            "; the sum of the points' maxima, {}, is an upper bound, derived, not declared",
            kw_text(sum)
        ));
    }
    f
}

fn b6_point_power(p: &Point<'_>, _: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-B6";
    let fields = p.power_fields();
    match p.power_w() {
        Some(w) => {
            let declared = p
                .evse
                .connectors
                .iter()
                .any(|c| c.max_electric_power_w == Some(w));
            let how = if declared {
                "the highest `max_electric_power` of its connectors"
            } else {
                "derived from voltage × current × phases (no `max_electric_power`)"
            };
            Finding::new(ID, Status::Pass, format!("{}: {how}", kw_text(w)))
                .value(kw_value(w))
                .fields(fields)
        }
        None => Finding::new(
            ID,
            Status::Missing,
            "no connector gives `max_electric_power`, nor voltage, current and power type",
        )
        .fields(fields),
    }
}

fn b7_service_providers(s: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-B7";
    let l = s.location;
    if l.source.version < Version::V2_3_0 {
        return Finding::new(
            ID,
            Status::NotRepresentable,
            format!(
                "OCPI {} has no accepted service providers (2.3.0 `accepted_service_providers`)",
                l.source.version
            ),
        );
    }
    let fields = s.point_fields("/accepted_service_providers");
    let mut names: Vec<&str> = Vec::new();
    for p in &s.points {
        for n in &p.evse.accepted_service_providers {
            if !names.contains(&n.as_str()) {
                names.push(n);
            }
        }
    }
    if !names.is_empty() {
        return Finding::new(
            ID,
            Status::Pass,
            "union of the EVSEs' `accepted_service_providers`",
        )
        .value(names)
        .fields(fields);
    }
    if with_capability(s, &CONTRACT_CAPABILITIES).is_empty() {
        Finding::new(
            ID,
            Status::NotApplicable,
            "no sign of contract-based charging (no RFID reader or remote start), and no providers listed",
        )
        .fields(fields)
    } else {
        Finding::new(
            ID,
            Status::Missing,
            "contract-based charging is offered (RFID reader or remote start) but no `accepted_service_providers` are listed",
        )
        .fields(fields)
    }
}

fn b8_plug_and_charge(p: &Point<'_>, s: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-B8";
    if s.location.source.version < Version::V2_3_0 {
        return Finding::new(
            ID,
            Status::NotRepresentable,
            format!(
                "OCPI {} cannot say whether Plug & Charge is offered (2.3.0 connector `capabilities`)",
                s.location.source.version
            ),
        );
    }
    let yes = p.evse.connectors.iter().any(|c| {
        c.capabilities
            .iter()
            .any(|x| PLUG_AND_CHARGE.contains(&x.as_str()))
    });
    Finding::new(
        ID,
        Status::Pass,
        format!(
            "Plug & Charge: {} (connector `capabilities` ISO_15118_*_PLUG_AND_CHARGE)",
            yes_no(yes)
        ),
    )
    .value(yes_no(yes))
    .fields(p.connector_fields("/capabilities"))
}

fn b9_smart_services(p: &Point<'_>, _: &Station<'_>, _: &AfirInputs) -> Finding {
    let remote = p.has_capability("REMOTE_START_STOP_CAPABLE")
        || p.has_capability("CHARGING_PROFILE_CAPABLE");
    let preferences = p.has_capability("CHARGING_PREFERENCES_CAPABLE");
    Finding::new(
        "AFIR-B9",
        Status::NotRepresentable,
        format!(
            "remote monitoring/control: {}, user preferences: {} (from `capabilities`); OCPI cannot say whether bidirectional charging is offered",
            yes_no(remote),
            yes_no(preferences)
        ),
    )
    .value(json!({"remote": remote, "preferences": preferences, "bidirectional": null}))
    .fields([p.field("/capabilities")])
}

fn b10_renewable(s: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-B10";
    match &s.location.energy_mix {
        Some(mix) => Finding::new(
            ID,
            Status::Pass,
            format!("`energy_mix.is_green_energy`: {}", mix.is_green_energy),
        )
        .value(yes_no(mix.is_green_energy))
        .fields([s.field("/energy_mix/is_green_energy")]),
        None => Finding::new(
            ID,
            Status::Missing,
            "no `energy_mix`: whether the electricity is 100 % renewable is not said",
        )
        .fields([s.field("/energy_mix")]),
    }
}

// ---------------------------------------------------------------------------------------------
// Table F

fn f1_operational(p: &Point<'_>, _: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-F1";
    let field = p.field("/status");
    let status = p.evse.status;
    let (s, value) = match status {
        EvseStatus::Available
        | EvseStatus::Charging
        | EvseStatus::Reserved
        | EvseStatus::Blocked => (Status::Pass, "operational"),
        EvseStatus::Inoperative | EvseStatus::OutOfOrder => (Status::Pass, "non-operational"),
        EvseStatus::Unknown => {
            return Finding::new(
                ID,
                Status::Unknown,
                "status UNKNOWN (or not an OCPI status): the operational status is not known",
            )
            .fields([field]);
        }
        EvseStatus::Planned | EvseStatus::Removed => {
            return Finding::new(ID, Status::NotApplicable, "not in service").fields([field]);
        }
    };
    Finding::new(ID, s, format!("from status {status}"))
        .value(value)
        .fields([field])
}

fn f2_availability(p: &Point<'_>, _: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-F2";
    let field = p.field("/status");
    let status = p.evse.status;
    let value = match status {
        EvseStatus::Available => "not in use",
        EvseStatus::Charging | EvseStatus::Blocked => "in use",
        EvseStatus::Reserved => "reserved",
        EvseStatus::Inoperative | EvseStatus::OutOfOrder => {
            return Finding::new(
                ID,
                Status::NotApplicable,
                format!("status {status}: availability is given for operational points"),
            )
            .fields([field]);
        }
        EvseStatus::Unknown => {
            return Finding::new(
                ID,
                Status::Unknown,
                "status UNKNOWN (or not an OCPI status): availability is not known",
            )
            .fields([field]);
        }
        EvseStatus::Planned | EvseStatus::Removed => {
            return Finding::new(ID, Status::NotApplicable, "not in service").fields([field]);
        }
    };
    let mut f = Finding::new(
        ID,
        Status::Pass,
        format!("from status {status} (BLOCKED: a vehicle occupies the bay, read as in use)"),
    );
    let mut fields = vec![field];
    let future: Vec<Value> = p
        .evse
        .status_schedule
        .iter()
        .map(|s| {
            json!({"from": s.period_begin.to_string(), "until": s.period_end.map(|e| e.to_string()), "status": s.status.as_str()})
        })
        .collect();
    if !future.is_empty() {
        fields.push(p.field("/status_schedule"));
        f = f.value(json!({"now": value, "planned": future}));
    } else {
        f = f.value(value);
    }
    f.fields(fields)
}

fn f3_ad_hoc_price(p: &Point<'_>, s: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-F3";
    if let Some(problem) = p.ad_hoc_problem(ID) {
        return problem;
    }
    let file = s.file();
    let mut prices = Vec::new();
    let mut fields = Vec::new();
    let mut reasons = Vec::new();
    for (i, ad_hoc) in p.ad_hoc.iter().enumerate() {
        let AdHoc::Found {
            tariff,
            untyped,
            others,
        } = ad_hoc
        else {
            continue;
        };
        let connector = &p.evse.connectors[i];
        let in_order = PricesInAfirOrder::of(tariff);
        let mut value = in_order.to_json();
        if let Value::Object(map) = &mut value {
            map.insert("connector".into(), json!(connector.id));
            map.insert("tariff".into(), json!(tariff.id));
            map.insert("currency".into(), json!(tariff.currency));
        }
        prices.push(value);
        fields.push(p.connector_field(i, "/tariff_ids"));
        fields.push(tariff_field(tariff, file, "/currency"));
        fields.extend(s.tariff_components(tariff, &[]));
        let mut reason = format!(
            "connector {}: tariff {}: {}",
            connector.id,
            tariff.id,
            in_order.describe(&tariff.currency)
        );
        if *untyped {
            reason.push_str(" (a tariff without type, valid for every session)");
        }
        if *others > 0 {
            reason.push_str(&format!(
                " ({others} further ad hoc tariff(s) referenced; the first is used)"
            ));
        }
        if in_order.restricted {
            reason.push_str(" (prices depend on time, energy or power)");
        }
        reasons.push(reason);
    }
    if p.is_free() {
        reasons.push("free of charge".into());
    }
    Finding::new(ID, Status::Pass, reasons.join("; "))
        .value(prices)
        .fields(fields)
}

// ---------------------------------------------------------------------------------------------
// Article 5

fn power_class(p: &Point<'_>) -> Option<bool> {
    p.power_w().map(|w| w >= HIGH_POWER_W)
}

fn adhoc_access(p: &Point<'_>, s: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-5.1-ADHOC";
    let mut fields = vec![p.field("/capabilities")];
    fields.extend(p.connector_fields("/tariff_ids"));
    if p.is_free() {
        return Finding::new(
            ID,
            Status::NotApplicable,
            "free of charge: no payment needed (Art. 5(1) last subparagraph)",
        )
        .fields(fields);
    }
    let caps: Vec<&str> = AD_HOC_CAPABILITIES
        .iter()
        .copied()
        .filter(|c| p.has_capability(c))
        .collect();
    if !caps.is_empty() {
        return Finding::new(
            ID,
            Status::Pass,
            format!("payment without contract: {}", caps.join(", ")),
        )
        .value(caps)
        .fields(fields);
    }
    let typed = p
        .ad_hoc
        .iter()
        .any(|a| matches!(a, AdHoc::Found { untyped: false, .. }));
    if typed {
        return Finding::new(
            ID,
            Status::Pass,
            "an AD_HOC_PAYMENT tariff is published for this point",
        )
        .fields(fields);
    }
    if let CardReader::Shared { uid, capability } = card_reader(p, s) {
        return Finding::new(
            ID,
            Status::Pass,
            format!("EVSE {uid} of the same location has {capability}: a shared payment terminal is assumed"),
        )
        .fields(card_reader_fields(p, s));
    }
    Finding::new(
        ID,
        Status::Unknown,
        "no card payment capability and no AD_HOC_PAYMENT tariff; payment by QR code or website has no OCPI field",
    )
    .fields(fields)
}

/// The card-reader test of Art. 5(1) (a)/(b) for one point, given that it applies.
fn card_reader_finding(
    id: &'static str,
    p: &Point<'_>,
    s: &Station<'_>,
    high_power: bool,
    when_absent: Status,
    absent_reason: &'static str,
) -> Finding {
    let fields = card_reader_fields(p, s);
    match card_reader(p, s) {
        CardReader::OnPoint(c) => Finding::new(id, Status::Pass, format!("{c} on this EVSE"))
            .value(c)
            .fields([p.field("/capabilities")]),
        CardReader::Shared { uid, capability } => Finding::new(
            id,
            Status::Pass,
            format!(
                "{capability} on EVSE {uid} of the same location: a payment terminal shared by the station's points is assumed"
            ),
        )
        .value(capability)
        .fields(fields),
        CardReader::Absent { published: false } => Finding::new(
            id,
            Status::Missing,
            "no EVSE of the location lists its capabilities, so a card reader cannot be seen",
        )
        .fields(fields),
        CardReader::Absent { published: true } if !high_power => Finding::new(
            id,
            Status::Unknown,
            "no card or contactless reader listed; below 50 kW a secure internet payment (dynamic QR code) also satisfies Art. 5(1), and OCPI has no field for it",
        )
        .fields(fields),
        CardReader::Absent { published: true } => {
            Finding::new(id, when_absent, absent_reason).fields(fields)
        }
    }
}

fn instrument_new(p: &Point<'_>, s: &Station<'_>, inputs: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-5.1-INSTR-NEW";
    if p.is_free() {
        return Finding::new(
            ID,
            Status::NotApplicable,
            "free of charge: no payment needed",
        );
    }
    let Some(high_power) = power_class(p) else {
        return Finding::new(
            ID,
            Status::Unknown,
            "the point's power is not known, so its power class is not known",
        )
        .fields(p.power_fields());
    };
    let (when_absent, reason) = match deployed(s, inputs) {
        Deployed::Before => {
            return Finding::new(
                ID,
                Status::NotApplicable,
                "deployed before 13 April 2024 (commissioning date given)",
            );
        }
        Deployed::FromApplication => (
            Status::Fail,
            "deployed from 13 April 2024, 50 kW or more, and no card or contactless reader on any EVSE of the location",
        ),
        Deployed::Unknown => (
            Status::Unknown,
            "no card or contactless reader listed; this applies to points deployed from 13 April 2024, and the commissioning date is not known (give it as an input)",
        ),
    };
    card_reader_finding(ID, p, s, high_power, when_absent, reason)
}

fn instrument_retrofit(p: &Point<'_>, s: &Station<'_>, inputs: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-5.1-RETRO";
    if inputs.as_of < RETROFIT_FROM {
        return Finding::new(
            ID,
            Status::NotApplicable,
            format!(
                "applies from 1 January 2027 (evaluated for {})",
                inputs.as_of
            ),
        );
    }
    if p.is_free() {
        return Finding::new(
            ID,
            Status::NotApplicable,
            "free of charge: no payment needed",
        );
    }
    match power_class(p) {
        Some(false) => {
            return Finding::new(ID, Status::NotApplicable, "below 50 kW").fields(p.power_fields());
        }
        None => {
            return Finding::new(ID, Status::Unknown, "the point's power is not known")
                .fields(p.power_fields());
        }
        Some(true) => {}
    }
    if !inputs.facts.ten_t(&s.location.id) {
        return Finding::new(
            ID,
            Status::NotApplicable,
            "not on the TEN-T network or in a safe and secure parking area (input; default: not)",
        );
    }
    card_reader_finding(
        ID,
        p,
        s,
        true,
        Status::Fail,
        "50 kW or more on the TEN-T network and no card or contactless reader on any EVSE of the location",
    )
}

fn auto_authentication(p: &Point<'_>, s: &Station<'_>, inputs: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-5.2-AUTOAUTH";
    let fields = p.connector_fields("/capabilities");
    let offered = p.evse.connectors.iter().any(|c| {
        c.capabilities
            .iter()
            .any(|x| PLUG_AND_CHARGE.contains(&x.as_str()))
    });
    if !offered {
        let reason = if s.location.source.version < Version::V2_3_0 {
            "OCPI before 2.3.0 cannot say whether automatic authentication is offered; none is assumed"
        } else {
            "no automatic authentication (Plug & Charge) offered"
        };
        return Finding::new(ID, Status::NotApplicable, reason).fields(fields);
    }
    let ad_hoc = adhoc_access(p, s, inputs);
    let status = match ad_hoc.status {
        Status::Pass | Status::NotApplicable => Status::Pass,
        other => other,
    };
    Finding::new(
        ID,
        status,
        format!(
            "Plug & Charge is offered; ad hoc charging: {} (whether the option is displayed is not in the data)",
            ad_hoc.reason
        ),
    )
    .fields(fields.into_iter().chain(ad_hoc.fields))
}

fn price_per_kwh(p: &Point<'_>, s: &Station<'_>, inputs: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-5.4-KWH";
    match power_class(p) {
        Some(false) => {
            return Finding::new(ID, Status::NotApplicable, "below 50 kW").fields(p.power_fields());
        }
        None => {
            return Finding::new(ID, Status::Unknown, "the point's power is not known")
                .fields(p.power_fields());
        }
        Some(true) => {}
    }
    if matches!(deployed(s, inputs), Deployed::Before) {
        return Finding::new(
            ID,
            Status::NotApplicable,
            "deployed before 13 April 2024 (commissioning date given)",
        );
    }
    if p.is_free() {
        return Finding::new(ID, Status::NotApplicable, "free of charge");
    }
    if let Some(problem) = p.ad_hoc_problem(ID) {
        return problem;
    }
    let mut status = Status::Pass;
    let mut reasons = Vec::new();
    let mut fields = Vec::new();
    for (i, ad_hoc) in p.ad_hoc.iter().enumerate() {
        let Some(tariff) = ad_hoc.tariff() else {
            continue;
        };
        let connector = &p.evse.connectors[i].id;
        let has = |d: DimensionType| tariff.price_components().any(|c| c.dimension == d);
        let kwh = tariff
            .price_components()
            .any(|c| c.dimension == DimensionType::Energy && c.price > rust_decimal::Decimal::ZERO);
        fields.extend(s.tariff_components(tariff, &[]));
        let (verdict, why) = if !kwh {
            (
                Status::Fail,
                "no price per kWh (ENERGY) in the ad hoc tariff".to_string(),
            )
        } else if has(DimensionType::Time) || has(DimensionType::Flat) {
            let extra: Vec<&str> = [DimensionType::Time, DimensionType::Flat]
                .into_iter()
                .filter(|d| has(d.clone()))
                .map(|d| match d {
                    DimensionType::Time => "a charging-time fee (TIME)",
                    _ => "a session fee (FLAT)",
                })
                .collect();
            (
                Status::Unknown,
                format!(
                    "a price per kWh, plus {}; whether such fees are allowed at 50 kW and above is not settled",
                    extra.join(" and ")
                ),
            )
        } else if has(DimensionType::ParkingTime) {
            (
                Status::Pass,
                "a price per kWh, plus a parking (occupancy) fee, which Art. 5(4) allows".into(),
            )
        } else {
            (Status::Pass, "a price per kWh".into())
        };
        status = status.worst(verdict);
        reasons.push(format!(
            "connector {connector}, tariff {}: {why}",
            tariff.id
        ));
    }
    Finding::new(ID, status, reasons.join("; ")).fields(fields)
}

fn price_display(p: &Point<'_>, _: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-5.4-DISPLAY-HPC";
    match power_class(p) {
        Some(true) => Finding::new(
            ID,
            Status::NotRepresentable,
            "what the station displays is not in OCPI data (the ad hoc price is in AFIR-F3)",
        ),
        Some(false) => Finding::new(ID, Status::NotApplicable, "below 50 kW"),
        None => Finding::new(ID, Status::Unknown, "the point's power is not known"),
    }
    .fields(p.power_fields())
}

fn price_order(p: &Point<'_>, _: &Station<'_>, _: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-5.4-ORDER-LPC";
    match power_class(p) {
        Some(true) => {
            return Finding::new(
                ID,
                Status::NotApplicable,
                "50 kW or more (see AFIR-5.4-KWH)",
            )
            .fields(p.power_fields());
        }
        None => {
            return Finding::new(ID, Status::Unknown, "the point's power is not known")
                .fields(p.power_fields());
        }
        Some(false) => {}
    }
    if p.is_free() {
        return Finding::new(ID, Status::NotApplicable, "free of charge");
    }
    if let Some(problem) = p.ad_hoc_problem(ID) {
        return problem;
    }
    Finding::new(
        ID,
        Status::Pass,
        "an ad hoc tariff gives every price component; AFIR-F3 lists them in the AFIR order (per kWh, per minute, per session, other)",
    )
    .fields(p.connector_fields("/tariff_ids"))
}

fn digitally_connected(p: &Point<'_>, _: &Station<'_>, inputs: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-5.7-DIGITAL";
    let fields = [p.field("/status"), p.field("/last_updated")];
    if inputs.as_of < DIGITAL_FROM {
        return Finding::new(ID, Status::NotApplicable, "applies from 14 October 2024");
    }
    if p.evse.status == EvseStatus::Unknown {
        return Finding::new(
            ID,
            Status::Unknown,
            "status UNKNOWN: the point may not be digitally connected (one snapshot cannot tell)",
        )
        .fields(fields);
    }
    let since = p
        .evse
        .last_updated
        .map(|t| format!(", last updated {t}"))
        .unwrap_or_default();
    Finding::new(
        ID,
        Status::Pass,
        format!("the point reports status {}{since}", p.evse.status),
    )
    .fields(fields)
}

fn smart_recharging(p: &Point<'_>, s: &Station<'_>, inputs: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-5.8-SMART";
    let field = p.field("/capabilities");
    if matches!(deployed(s, inputs), Deployed::Before) {
        return Finding::new(
            ID,
            Status::NotApplicable,
            "built before 13 April 2024 (commissioning date given; renovation is not an input)",
        );
    }
    if p.has_capability("CHARGING_PROFILE_CAPABLE") {
        return Finding::new(ID, Status::Pass, "CHARGING_PROFILE_CAPABLE").fields([field]);
    }
    Finding::new(
        ID,
        Status::Unknown,
        "CHARGING_PROFILE_CAPABLE is not listed; operators rarely publish it, so its absence proves nothing",
    )
    .fields([field])
}

fn fixed_cable(p: &Point<'_>, _: &Station<'_>, inputs: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-5.10-CABLE";
    if inputs.as_of < FIXED_CABLE_FROM {
        return Finding::new(ID, Status::NotApplicable, "applies from 14 April 2025");
    }
    let dc: Vec<usize> = p
        .evse
        .connectors
        .iter()
        .enumerate()
        .filter(|(_, c)| c.power_type.as_ref().is_some_and(PowerType::is_dc))
        .map(|(i, _)| i)
        .collect();
    if dc.is_empty() {
        return Finding::new(ID, Status::NotApplicable, "no DC connector")
            .fields(p.connector_fields("/power_type"));
    }
    let fields: Vec<Field> = dc
        .iter()
        .flat_map(|&i| {
            [
                p.connector_field(i, "/format"),
                p.connector_field(i, "/power_type"),
            ]
        })
        .collect();
    let by_format = |format: Option<&ConnectorFormat>| -> Vec<&str> {
        dc.iter()
            .map(|&i| &p.evse.connectors[i])
            .filter(|c| c.format.as_ref() == format)
            .map(|c| c.id.as_str())
            .collect()
    };
    let sockets = by_format(Some(&ConnectorFormat::Socket));
    let unknown = by_format(None);
    if !sockets.is_empty() {
        Finding::new(
            ID,
            Status::Fail,
            format!("DC connector {} is a SOCKET", sockets.join(", ")),
        )
        .fields(fields)
    } else if !unknown.is_empty() {
        Finding::new(
            ID,
            Status::Missing,
            format!("DC connector {} gives no `format`", unknown.join(", ")),
        )
        .fields(fields)
    } else {
        Finding::new(ID, Status::Pass, "every DC connector has a CABLE").fields(fields)
    }
}

fn annex_ii_connectors(p: &Point<'_>, _: &Station<'_>, inputs: &AfirInputs) -> Finding {
    const ID: &str = "AFIR-ANNEXII-CONN";
    let fields: Vec<Field> = p
        .connector_fields("/standard")
        .into_iter()
        .chain(p.connector_fields("/power_type"))
        .collect();
    let connectors = &p.evse.connectors;
    if connectors.is_empty() {
        return Finding::new(ID, Status::Missing, "the EVSE has no connectors")
            .fields([p.field("/connectors")]);
    }
    let has = |dc: bool, standard: &str| {
        connectors.iter().any(|c| {
            c.standard == standard && c.power_type.as_ref().is_some_and(|t| t.is_dc() == dc)
        })
    };
    let ac_present = connectors.iter().any(|c| {
        c.power_type
            .as_ref()
            .is_some_and(|t| t.is_known() && !t.is_dc())
    });
    let dc_present = connectors
        .iter()
        .any(|c| c.power_type.as_ref().is_some_and(PowerType::is_dc));
    if !ac_present && !dc_present {
        return Finding::new(
            ID,
            Status::Missing,
            "no connector gives a known `power_type`",
        )
        .fields(fields);
    }
    let mut lacking = Vec::new();
    if ac_present && !has(false, "IEC_62196_T2") {
        lacking.push("an AC point without a Type 2 (IEC_62196_T2) connector");
    }
    if dc_present && !has(true, "IEC_62196_T2_COMBO") {
        lacking.push("a DC point without a CCS Combo 2 (IEC_62196_T2_COMBO) connector");
    }
    if lacking.is_empty() {
        return Finding::new(ID, Status::Pass, "Annex II connector present").fields(fields);
    }
    if inputs.as_of >= ANNEX_II_EXEMPTIONS_FROM
        && p.power_w().is_some_and(|w| w <= ANNEX_II_EXEMPT_W)
    {
        return Finding::new(
            ID,
            Status::NotApplicable,
            format!(
                "{}; at 3.7 kW or less, Delegated Regulation (EU) 2025/656 exempts such points (L-category vehicles, Mode 2 sockets)",
                lacking.join(" and ")
            ),
        )
        .fields(fields);
    }
    Finding::new(ID, Status::Fail, lacking.join(" and ")).fields(fields)
}
