//! The UK view: the Public Charge Point Regulations 2023 (SI 2023/1168), requirement by
//! requirement, for every published location and every EVSE in service, and for the network of
//! rapid charge points as a whole.
//!
//! Regulations 5 to 10 apply only to operators that are not micro businesses; regulation 11
//! (pricing) applies to all ([`UkInputs::micro_business`]). Dates: pricing from 24 November
//! 2023; contactless, reliability, helpline and open data from 24 November 2024; roaming from
//! 24 November 2025.

use super::ad_hoc::{AdHoc, TariffIndex, consumer_price};
use super::data_requirement::DataRequirement;
use super::facts::{FeedFacts, on_or_after};
use super::place::Places;
use super::postcode::is_uk_postcode;
use super::reliability::{Reading, ReliabilityFigures, Times};
use super::requirement::{Definition, Finding, Level, Status};
use super::uk_area::uk_area;
use super::uk_phone::{UkNumber, read_uk_number};
use super::{
    LocationReport, Point, Report, Rule, Station, evaluate_station, kw_text, kw_value, noon_utc,
};
use crate::model::{Connector, DimensionType, Feed, Location, Tariff};
use crate::spec::Version;
use jiff::civil::{Date, Time, date};
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// Facts the UK view needs that OCPI does not carry, and the results of the two checks that need
/// more than the model (the 2.2.1 walk of the original JSON, status snapshots over time).
#[derive(Debug, Clone)]
pub struct UkInputs {
    /// The date the evaluation is for (the CLI's default: today).
    pub as_of: Date,
    /// The operator is a micro business: regulations 5 to 10 do not apply. Default: `false`.
    pub micro_business: bool,
    /// Installation (commissioning) dates, for the feed and per location. Default: unknown.
    pub facts: FeedFacts,
    /// The session for which a tariff with time, flat or parking components is expressed in
    /// pence per kWh.
    pub reference_session: ReferenceSession,
    /// The OCPI 2.2.1 walk of the locations ([`DataRequirement::check`]); `None`: not run, the
    /// data requirement is then `unknown`.
    pub data_requirement: Option<DataRequirement>,
    /// Reliability measured from status snapshots ([`super::reliability::measure`]); `None`: no
    /// snapshots, reliability is then `unknown`.
    pub reliability: Option<ReliabilityFigures>,
}

impl UkInputs {
    /// Inputs for today's date on this machine's clock (native builds; in a browser give the
    /// date with [`UkInputs::as_of`]).
    pub fn today() -> UkInputs {
        UkInputs::as_of(jiff::ZonedDateTime::now().date())
    }

    /// Inputs for `as_of`, every other fact at its default.
    pub fn as_of(as_of: Date) -> UkInputs {
        UkInputs {
            as_of,
            micro_business: false,
            facts: FeedFacts::default(),
            reference_session: ReferenceSession::default(),
            data_requirement: None,
            reliability: None,
        }
    }
}

/// The session a tariff is priced for to give its pence-per-kWh equivalent: `energy_kwh`
/// charged at the connector's maximum power, starting at `start` (local time of the location) on
/// the evaluation date, then `parking_minutes` parked. Default: 30 kWh from 12:00, no parking —
/// overstay fees need not be part of the p/kWh figure (regulation 11).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceSession {
    pub energy_kwh: Decimal,
    pub start: Time,
    pub parking_minutes: u32,
}

impl Default for ReferenceSession {
    fn default() -> ReferenceSession {
        ReferenceSession {
            energy_kwh: Decimal::from(30),
            start: Time::constant(12, 0, 0, 0),
            parking_minutes: 0,
        }
    }
}

/// A view of a feed under the UK regulations.
pub type UkReport = Report;

/// Regulation 11 (pricing) in force.
pub const PRICING_FROM: Date = date(2023, 11, 24);
/// Regulations 5, 7, 9 and 10: one year after coming into force.
pub const ONE_YEAR_FROM: Date = date(2024, 11, 24);
/// Regulation 6 (roaming): two years after coming into force.
pub const ROAMING_FROM: Date = date(2025, 11, 24);
/// Regulation 5: new points of 8 kW and more installed from this date take contactless (one
/// secondary source says 24 November 2025; see `docs/readings.md`).
pub const CONTACTLESS_NEW_FROM: Date = date(2024, 11, 24);

/// 50 kW: a rapid charge point (regulation 2).
pub const RAPID_W: u32 = 50_000;
/// 8 kW: new points from this power take contactless (regulation 5).
const CONTACTLESS_NEW_W: u32 = 8_000;

/// Capabilities that name a way to pay (reference data: payment methods).
const PAYMENT_CAPABILITIES: [&str; 7] = [
    "CONTACTLESS_CARD_SUPPORT",
    "CHIP_CARD_SUPPORT",
    "CREDIT_CARD_PAYABLE",
    "DEBIT_CARD_PAYABLE",
    "PED_TERMINAL",
    "RFID_READER",
    "REMOTE_START_STOP_CAPABLE",
];

/// The network-level requirement (reported in `Report::network`).
pub const NETWORK_RELIABILITY: Definition = Definition {
    id: "UK-R7-RELIABILITY",
    title: "Rapid network reliable 99 % of the time during opening hours",
    reference: "SI 2023/1168 reg. 7",
    level: Level::Network,
};

/// The requirements of the UK view for stations and points, in report order.
pub(crate) static RULES: &[Rule<UkInputs>] = &[
    Rule::point(
        "UK-R5-CONTACTLESS",
        "Contactless payment (rapid points; new points of 8 kW and more)",
        "SI 2023/1168 reg. 5",
        contactless,
    ),
    Rule::station(
        "UK-R6-ROAMING",
        "Payment through a roaming provider",
        "SI 2023/1168 reg. 6",
        roaming,
    ),
    Rule::point(
        "UK-R7-RELIABILITY",
        "Reliability of this rapid point during opening hours (the duty is on the network average)",
        "SI 2023/1168 reg. 7",
        point_reliability,
    ),
    Rule::station(
        "UK-R9-HELPLINE",
        "Free-to-use staffed helpline, 24 hours",
        "SI 2023/1168 reg. 9",
        helpline,
    ),
    Rule::station(
        "UK-R10-HOLD",
        "Data held in OCPI 2.2.1 (Location, EVSE, Connector)",
        "SI 2023/1168 reg. 2 and 10",
        data_requirement,
    ),
    Rule::station(
        "UK-R10-REFDATA-LOCATION",
        "Reference data: position inside the UK",
        "SI 2023/1168 reg. 10(6)",
        refdata_location,
    ),
    Rule::station(
        "UK-R10-REFDATA-POSTCODE",
        "Reference data: UK postcode",
        "SI 2023/1168 reg. 10(6)",
        refdata_postcode,
    ),
    Rule::station(
        "UK-R10-REFDATA-HOURS",
        "Reference data: times the points can be used",
        "SI 2023/1168 reg. 10(6)",
        refdata_hours,
    ),
    Rule::point(
        "UK-R10-REFDATA-CONNECTOR",
        "Reference data: connector type",
        "SI 2023/1168 reg. 10(6)",
        refdata_connector,
    ),
    Rule::point(
        "UK-R10-REFDATA-POWER",
        "Reference data: power",
        "SI 2023/1168 reg. 10(6)",
        refdata_power,
    ),
    Rule::point(
        "UK-R10-REFDATA-PAYMENT",
        "Reference data: payment methods",
        "SI 2023/1168 reg. 10(6)",
        refdata_payment,
    ),
    Rule::point(
        "UK-R10-REFDATA-PRICE",
        "Reference data: price",
        "SI 2023/1168 reg. 10(6)(d)(iv)",
        refdata_price,
    ),
    Rule::point(
        "UK-R10-FREE-TARIFF",
        "Free points reference a free-of-charge tariff",
        "SI 2023/1168 reg. 10; DfT guidance; OCPI 2.2.1 mod_locations Connector.tariff_ids",
        free_tariff,
    ),
    Rule::point(
        "UK-R11-PKWH",
        "Price in pence per kWh (bundled fees as a p/kWh equivalent)",
        "SI 2023/1168 reg. 11",
        pence_per_kwh,
    ),
];

/// Every requirement of the view, in report order, then the network requirement.
pub fn definitions() -> Vec<Definition> {
    RULES
        .iter()
        .map(Rule::definition)
        .chain(std::iter::once(NETWORK_RELIABILITY))
        .collect()
}

/// Evaluates a feed: one report per published location, the network, and the summary.
pub fn evaluate_feed(feed: &Feed, inputs: &UkInputs) -> UkReport {
    UkView::new(feed, inputs).report()
}

/// Evaluates one location of `feed` (its tariffs are looked up in the feed), for a map panel.
pub fn evaluate_location(feed: &Feed, location: &Location, inputs: &UkInputs) -> LocationReport {
    UkView::new(feed, inputs).location(location)
}

/// The UK view of one feed, ready to evaluate the whole feed or single locations.
pub struct UkView<'f> {
    feed: &'f Feed,
    inputs: &'f UkInputs,
    tariffs: TariffIndex<'f>,
    places: Places,
}

impl<'f> UkView<'f> {
    pub fn new(feed: &'f Feed, inputs: &'f UkInputs) -> UkView<'f> {
        UkView {
            feed,
            inputs,
            tariffs: TariffIndex::new(feed),
            places: Places::default(),
        }
    }

    /// Uses the places of EVSEs and connectors read from the validation reports (see
    /// [`Places`]).
    pub fn with_places(mut self, places: Places) -> UkView<'f> {
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

    /// The view of every published location, the network, and the summary.
    pub fn report(&self) -> UkReport {
        let mut report = super::evaluate_feed(
            self.feed,
            &self.places,
            RULES,
            self.inputs,
            &self.tariffs,
            noon_utc(self.inputs.as_of),
        );
        report
            .network
            .push(network_reliability(&report, self.inputs));
        report
    }
}

// ---------------------------------------------------------------------------------------------
// Shared readings

/// A not-applicable finding when regulations 5–10 do not apply: to micro businesses, or before
/// `from`.
fn out_of_scope(id: &'static str, inputs: &UkInputs, from: Date) -> Option<Finding> {
    if inputs.micro_business {
        return Some(Finding::new(
            id,
            Status::NotApplicable,
            "the operator is a micro business (regulation 4; input)",
        ));
    }
    if inputs.as_of < from {
        return Some(Finding::new(
            id,
            Status::NotApplicable,
            format!("applies from {from} (evaluated for {})", inputs.as_of),
        ));
    }
    None
}

/// Whether a point is rapid (50 kW or more); `None` when its power is not known.
fn is_rapid(p: &Point<'_>) -> Option<bool> {
    p.power_w().map(|w| w >= RAPID_W)
}

/// Pence per kWh with whether the figure includes VAT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PencePerKwh {
    pub pence: Decimal,
    pub incl_vat: bool,
}

/// Why a tariff has no pence-per-kWh equivalent here.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EquivalentError {
    /// The tariff has no price component.
    NoPrice,
    /// The connector's power is not known, so the reference session's length is not either.
    PowerUnknown,
    /// The pricing engine could not price the reference session (its message).
    NotPriced(String),
}

/// The pence-per-kWh equivalent of an ad hoc tariff for the reference session on `as_of`.
///
/// An energy-only tariff (one price per kWh for every element, no restrictions, no minimum or
/// maximum price, a step size that divides the reference energy) is its own equivalent. Any
/// other tariff is priced by the pricing engine ([`crate::tariff::equivalent_price_per_kwh`]) for
/// the reference session: `energy_kwh` charged at the connector's full power from `start` (local
/// time; a location without a time zone reads as `Europe/London`), then `parking_minutes` parked;
/// the cost divided by the energy delivered.
fn equivalent_p_per_kwh(
    tariff: &Tariff,
    connector: &Connector,
    time_zone: Option<&str>,
    session: &ReferenceSession,
    as_of: Date,
) -> Result<PencePerKwh, EquivalentError> {
    let mut components = tariff.price_components().peekable();
    let Some(first) = components.peek().copied() else {
        return Err(EquivalentError::NoPrice);
    };
    let energy_wh = session.energy_kwh * Decimal::from(1000);
    let energy_only = tariff.price_components().all(|c| {
        c.dimension == DimensionType::Energy
            && c.price == first.price
            && c.vat == first.vat
            && (energy_wh % Decimal::from(c.step_size)).is_zero()
    });
    let unrestricted = tariff
        .elements
        .iter()
        .all(|e| e.restrictions.as_ref().is_none_or(|r| r.is_empty()));
    let hundred = Decimal::ONE_HUNDRED;
    if energy_only && unrestricted && tariff.min_price.is_none() && tariff.max_price.is_none() {
        let price = consumer_price(tariff, first);
        return Ok(match price.incl_tax {
            Some(p) => PencePerKwh {
                pence: (p * hundred).normalize(),
                incl_vat: true,
            },
            None => PencePerKwh {
                pence: (price.given * hundred).normalize(),
                incl_vat: false,
            },
        });
    }
    let power_w = connector.power_w().filter(|w| *w > 0);
    let Some(power_w) = power_w else {
        return Err(EquivalentError::PowerUnknown);
    };
    // Whole minutes of charging at full power, rounded up, then the parking time.
    let charge_minutes = (session.energy_kwh * Decimal::from(60_000) / Decimal::from(power_w))
        .ceil()
        .to_string()
        .parse::<u32>()
        .map_err(|_| EquivalentError::NotPriced("the reference session is too long".into()))?;
    let zone = time_zone
        .and_then(|name| jiff::tz::TimeZone::get(name).ok())
        .or_else(|| jiff::tz::TimeZone::get("Europe/London").ok())
        .unwrap_or(jiff::tz::TimeZone::UTC);
    let reference = crate::tariff::ReferenceSession {
        start: as_of.to_datetime(session.start),
        connected_minutes: charge_minutes.saturating_add(session.parking_minutes),
        energy_kwh: session.energy_kwh,
        max_power_kw: None,
    };
    let priced =
        crate::tariff::equivalent_price_per_kwh(tariff, Some(connector), &zone, &reference)
            .map_err(|e| EquivalentError::NotPriced(e.to_string()))?;
    if [priced.total.before_tax, priced.total.after_tax]
        .iter()
        .all(|t| t.is_none_or(|t| t.is_zero()))
    {
        return Err(EquivalentError::NotPriced(
            "no element of the tariff applies to it".into(),
        ));
    }
    let pence = |pounds: Decimal| (super::ad_hoc::round(pounds) * hundred).normalize();
    match (priced.per_kwh.after_tax, priced.per_kwh.before_tax) {
        (Some(after), _) => Ok(PencePerKwh {
            pence: pence(after),
            incl_vat: true,
        }),
        (None, Some(before)) => Ok(PencePerKwh {
            pence: pence(before),
            incl_vat: false,
        }),
        (None, None) => Err(EquivalentError::NotPriced(
            "the session has no known cost".into(),
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// Regulation 5

fn contactless(p: &Point<'_>, s: &Station<'_>, inputs: &UkInputs) -> Finding {
    const ID: &str = "UK-R5-CONTACTLESS";
    if let Some(f) = out_of_scope(ID, inputs, ONE_YEAR_FROM) {
        return f;
    }
    let power_fields = p.power_fields();
    let Some(w) = p.power_w() else {
        return Finding::new(ID, Status::Unknown, "the point's power is not known")
            .fields(power_fields);
    };
    if w < CONTACTLESS_NEW_W {
        return Finding::new(
            ID,
            Status::NotApplicable,
            format!("{}: below 8 kW", kw_text(w)),
        )
        .fields(power_fields);
    }
    if p.is_free() {
        return Finding::new(
            ID,
            Status::NotApplicable,
            "free of charge: no payment needed",
        );
    }
    let mut fields = vec![p.field("/capabilities")];
    const CONTACTLESS: &str = "CONTACTLESS_CARD_SUPPORT";
    if p.has_capability(CONTACTLESS) {
        return Finding::new(ID, Status::Pass, format!("{}: {CONTACTLESS}", kw_text(w)))
            .value(kw_value(w))
            .fields(fields);
    }
    fields.extend(s.point_fields("/capabilities"));
    if let Some(other) = s.points.iter().find(|o| o.has_capability(CONTACTLESS)) {
        return Finding::new(
            ID,
            Status::Pass,
            format!(
                "{}: {CONTACTLESS} on EVSE {} of the same location (a shared payment terminal is assumed)",
                kw_text(w),
                other.evse.uid
            ),
        )
        .value(kw_value(w))
        .fields(fields);
    }
    let published = s.points.iter().any(|o| !o.evse.capabilities.is_empty());
    let lacking = if published {
        Status::Fail
    } else {
        Status::Missing
    };
    let lacking_reason = if published {
        "no EVSE of the location lists CONTACTLESS_CARD_SUPPORT"
    } else {
        "no EVSE of the location lists its capabilities, so contactless payment cannot be seen"
    };
    if w >= RAPID_W {
        return Finding::new(
            ID,
            lacking,
            format!(
                "{}, a rapid point (all rapid points, old and new): {lacking_reason}",
                kw_text(w)
            ),
        )
        .value(kw_value(w))
        .fields(fields);
    }
    match on_or_after(inputs.facts.commissioned(&s.location.id), CONTACTLESS_NEW_FROM) {
        Some(false) => Finding::new(
            ID,
            Status::NotApplicable,
            format!(
                "{}, installed before {CONTACTLESS_NEW_FROM} (input): only rapid points and new points need contactless",
                kw_text(w)
            ),
        ),
        Some(true) => Finding::new(
            ID,
            lacking,
            format!("{}, installed from {CONTACTLESS_NEW_FROM} (input): {lacking_reason}", kw_text(w)),
        )
        .value(kw_value(w))
        .fields(fields),
        None => Finding::new(
            ID,
            Status::Unknown,
            format!(
                "{}: {lacking_reason}; points from 8 kW need it if installed from {CONTACTLESS_NEW_FROM}, and the installation date is not known (give it as an input)",
                kw_text(w)
            ),
        )
        .value(kw_value(w))
        .fields(fields),
    }
}

// ---------------------------------------------------------------------------------------------
// Regulation 6

fn roaming(s: &Station<'_>, inputs: &UkInputs) -> Finding {
    const ID: &str = "UK-R6-ROAMING";
    if let Some(f) = out_of_scope(ID, inputs, ROAMING_FROM) {
        return f;
    }
    let mut providers: Vec<&str> = Vec::new();
    for p in &s.points {
        for n in &p.evse.accepted_service_providers {
            if !providers.contains(&n.as_str()) {
                providers.push(n);
            }
        }
    }
    if providers.is_empty() {
        Finding::new(
            ID,
            Status::NotRepresentable,
            "open data does not say which roaming providers take payment here (2.3.0 `accepted_service_providers` would be evidence)",
        )
        .fields(s.point_fields("/accepted_service_providers"))
    } else {
        Finding::new(
            ID,
            Status::Pass,
            "service providers accepted (`accepted_service_providers`)",
        )
        .value(providers)
        .fields(s.point_fields("/accepted_service_providers"))
    }
}

// ---------------------------------------------------------------------------------------------
// Regulation 7

/// A status from the three readings: all reach 99 % → pass, none → fail, else unknown.
fn reliability_finding(id: &'static str, times: &Times, what: &str) -> Finding {
    let verdicts: Vec<(Reading, Option<bool>)> = Reading::ALL
        .iter()
        .map(|r| (*r, times.reaches_threshold(*r)))
        .collect();
    let describe = |r: Reading| {
        times
            .percent(r)
            .map_or("no time measured".to_string(), |p| format!("{p:.2} %"))
    };
    let figures = format!(
        "UNKNOWN/BLOCKED as working: {}, left out: {}, as unavailable: {}",
        describe(Reading::IneligibleAsWorking),
        describe(Reading::IneligibleExcluded),
        describe(Reading::IneligibleAsUnavailable)
    );
    let status = if verdicts.iter().any(|(_, v)| v.is_none()) {
        if verdicts.iter().all(|(_, v)| v.is_none()) {
            return Finding::new(
                id,
                Status::Unknown,
                format!("{what}: no time within opening hours between the snapshots"),
            )
            .value(times.to_json());
        }
        // Only the reading that leaves UNKNOWN/BLOCKED out has nothing to measure.
        Status::Unknown
    } else if verdicts.iter().all(|(_, v)| *v == Some(true)) {
        Status::Pass
    } else if verdicts.iter().all(|(_, v)| *v == Some(false)) {
        Status::Fail
    } else {
        Status::Unknown
    };
    let verdict = match status {
        Status::Pass => "at least 99 % under every reading",
        Status::Fail => "below 99 % under every reading",
        _ => "the readings of UNKNOWN and BLOCKED time disagree on 99 %",
    };
    Finding::new(id, status, format!("{what}: {verdict} ({figures})")).value(times.to_json())
}

fn point_reliability(p: &Point<'_>, s: &Station<'_>, inputs: &UkInputs) -> Finding {
    const ID: &str = "UK-R7-RELIABILITY";
    if let Some(f) = out_of_scope(ID, inputs, ONE_YEAR_FROM) {
        return f;
    }
    match is_rapid(p) {
        Some(false) => {
            return Finding::new(ID, Status::NotApplicable, "not a rapid point (below 50 kW)")
                .fields(p.power_fields());
        }
        None => {
            return Finding::new(ID, Status::Unknown, "the point's power is not known")
                .fields(p.power_fields());
        }
        Some(true) => {}
    }
    let Some(figures) = &inputs.reliability else {
        return Finding::new(
            ID,
            Status::Unknown,
            "reliability needs status snapshots taken over time (give them as an input)",
        );
    };
    let fields = [p.field("/status"), s.field("/opening_times")];
    match figures.point(&s.location.id, &p.evse.uid) {
        Some(times) => {
            let mut f = reliability_finding(ID, &times, "this point");
            if let Value::Object(map) = &mut f.value {
                map.insert("from".into(), json!(figures.from.map(|t| t.to_string())));
                map.insert("to".into(), json!(figures.to.map(|t| t.to_string())));
            }
            f.fields(fields)
        }
        None => Finding::new(
            ID,
            Status::Unknown,
            "the point was not measured (fewer than two snapshots)",
        )
        .fields(fields),
    }
}

/// The network requirement: the pooled time of every rapid point.
fn network_reliability(report: &Report, inputs: &UkInputs) -> Finding {
    const ID: &str = NETWORK_RELIABILITY.id;
    if let Some(f) = out_of_scope(ID, inputs, ONE_YEAR_FROM) {
        return f;
    }
    let rapid = report
        .locations
        .iter()
        .flat_map(|l| &l.evses)
        .filter(|e| {
            e.requirement(ID)
                .is_some_and(|f| f.status != Status::NotApplicable)
        })
        .count();
    if rapid == 0 {
        return Finding::new(
            ID,
            Status::NotApplicable,
            "no rapid point (50 kW or more) in the feed",
        );
    }
    let Some(figures) = &inputs.reliability else {
        return Finding::new(
            ID,
            Status::Unknown,
            format!("{rapid} rapid point(s); reliability needs status snapshots taken over time"),
        );
    };
    let mut f = reliability_finding(
        ID,
        &figures.network,
        &format!(
            "{} rapid point(s) over {} snapshot(s)",
            figures.points.len(),
            figures.snapshots
        ),
    );
    if let Value::Object(map) = &mut f.value {
        map.insert("rapid_points".into(), json!(figures.points.len()));
        map.insert("snapshots".into(), json!(figures.snapshots));
        map.insert("from".into(), json!(figures.from.map(|t| t.to_string())));
        map.insert("to".into(), json!(figures.to.map(|t| t.to_string())));
    }
    f
}

// ---------------------------------------------------------------------------------------------
// Regulation 9

fn helpline(s: &Station<'_>, inputs: &UkInputs) -> Finding {
    const ID: &str = "UK-R9-HELPLINE";
    if let Some(f) = out_of_scope(ID, inputs, ONE_YEAR_FROM) {
        return f;
    }
    let l = s.location;
    if l.source.version < Version::V2_3_0 {
        return Finding::new(
            ID,
            Status::NotRepresentable,
            format!(
                "OCPI {} has no helpline field (2.3.0 adds `help_phone`)",
                l.source.version
            ),
        );
    }
    let field = s.field("/help_phone");
    let Some(phone) = l.help_phone.as_deref().filter(|p| !p.trim().is_empty()) else {
        return Finding::new(ID, Status::Missing, "`help_phone` is not given").fields([field]);
    };
    let (status, reason) = match read_uk_number(phone) {
        UkNumber::Foreign => (
            Status::Fail,
            "not a UK number: not free to call from the UK".to_string(),
        ),
        UkNumber::Invalid => (Status::Fail, "not a telephone number".to_string()),
        UkNumber::Uk { cost, .. } if cost.is_premium() => (
            Status::Fail,
            format!("{}: the helpline must be free to use", cost.describe()),
        ),
        UkNumber::Uk { cost, .. } => (
            Status::Pass,
            format!(
                "{} (that it is staffed 24 hours a day is not in the data)",
                cost.describe()
            ),
        ),
    };
    Finding::new(ID, status, reason)
        .value(phone)
        .fields([field])
}

// ---------------------------------------------------------------------------------------------
// Regulation 10

fn data_requirement(s: &Station<'_>, inputs: &UkInputs) -> Finding {
    const ID: &str = "UK-R10-HOLD";
    if let Some(f) = out_of_scope(ID, inputs, ONE_YEAR_FROM) {
        return f;
    }
    let l = s.location;
    let Some(walk) = &inputs.data_requirement else {
        return Finding::new(
            ID,
            Status::Unknown,
            "the OCPI 2.2.1 walk needs the original JSON (not run)",
        );
    };
    let Some(errors) = walk.errors(&l.source.file, &l.source.pointer) else {
        return Finding::new(
            ID,
            Status::Unknown,
            "the location was not among the files walked as OCPI 2.2.1",
        );
    };
    let warnings = walk.warnings(&l.source.file, &l.source.pointer);
    let value = json!({"errors": errors.len(), "warnings": warnings});
    if errors.is_empty() {
        return Finding::new(
            ID,
            Status::Pass,
            format!(
                "valid OCPI 2.2.1 (read as {}; {warnings} warning(s))",
                l.source.version
            ),
        )
        .value(value)
        .fields([s.field("")]);
    }
    let first: Vec<String> = errors
        .iter()
        .take(5)
        .map(|e| format!("{} at {}", e.code, e.pointer))
        .collect();
    let more = if errors.len() > 5 {
        format!(" and {} more", errors.len() - 5)
    } else {
        String::new()
    };
    Finding::new(
        ID,
        Status::Fail,
        format!(
            "{} error(s) against the OCPI 2.2.1 tables (published as {}): {}{more}; run `validate --version 2.2.1` for details",
            errors.len(),
            l.source.version,
            first.join(", ")
        ),
    )
    .value(value)
    .fields(errors.iter().map(|e| e.pointer.clone()))
}

fn refdata_location(s: &Station<'_>, inputs: &UkInputs) -> Finding {
    const ID: &str = "UK-R10-REFDATA-LOCATION";
    if let Some(f) = out_of_scope(ID, inputs, ONE_YEAR_FROM) {
        return f;
    }
    let l = s.location;
    let fields = [s.field("/coordinates"), s.field("/country")];
    let Some(c) = &l.coordinates else {
        return Finding::new(ID, Status::Missing, "no readable coordinates").fields(fields);
    };
    let value = json!({"lat": c.lat, "lon": c.lon, "country": l.country});
    if l.country != "GBR" {
        return Finding::new(
            ID,
            Status::Fail,
            format!("`country` is {:?}, not GBR", l.country),
        )
        .value(value)
        .fields(fields);
    }
    match uk_area(c.lat, c.lon) {
        Some(area) => Finding::new(
            ID,
            Status::Pass,
            format!("inside the UK ({}; a coarse table of boxes)", area.name),
        )
        .value(value)
        .fields(fields),
        None => Finding::new(
            ID,
            Status::Fail,
            format!(
                "{}, {} is outside the UK (swapped latitude and longitude, or a placeholder?)",
                c.lat, c.lon
            ),
        )
        .value(value)
        .fields(fields),
    }
}

fn refdata_postcode(s: &Station<'_>, inputs: &UkInputs) -> Finding {
    const ID: &str = "UK-R10-REFDATA-POSTCODE";
    if let Some(f) = out_of_scope(ID, inputs, ONE_YEAR_FROM) {
        return f;
    }
    let field = s.field("/postal_code");
    match s.location.postal_code.as_deref() {
        None => Finding::new(ID, Status::Missing, "`postal_code` is not given").fields([field]),
        Some(code) if is_uk_postcode(code) => {
            Finding::new(ID, Status::Pass, "shaped like a UK postcode")
                .value(code)
                .fields([field])
        }
        Some(code) => Finding::new(
            ID,
            Status::Fail,
            "not shaped like a UK postcode (e.g. SW1A 2AA)",
        )
        .value(code)
        .fields([field]),
    }
}

fn refdata_hours(s: &Station<'_>, inputs: &UkInputs) -> Finding {
    const ID: &str = "UK-R10-REFDATA-HOURS";
    if let Some(f) = out_of_scope(ID, inputs, ONE_YEAR_FROM) {
        return f;
    }
    let field = s.field("/opening_times");
    match &s.location.opening_times {
        Some(h) if h.twentyfourseven => Finding::new(ID, Status::Pass, "open 24/7")
            .value("24/7")
            .fields([field]),
        Some(h) if !h.regular_hours.is_empty() => Finding::new(
            ID,
            Status::Pass,
            format!("{} weekly opening period(s)", h.regular_hours.len()),
        )
        .value(h.regular_hours.len())
        .fields([field]),
        Some(_) => Finding::new(
            ID,
            Status::Missing,
            "`opening_times` is neither 24/7 nor gives weekly periods",
        )
        .fields([field]),
        None => Finding::new(ID, Status::Missing, "`opening_times` is not given").fields([field]),
    }
}

fn refdata_connector(p: &Point<'_>, _: &Station<'_>, inputs: &UkInputs) -> Finding {
    const ID: &str = "UK-R10-REFDATA-CONNECTOR";
    if let Some(f) = out_of_scope(ID, inputs, ONE_YEAR_FROM) {
        return f;
    }
    if p.evse.connectors.is_empty() {
        return Finding::new(ID, Status::Missing, "the EVSE has no connectors")
            .fields([p.field("/connectors")]);
    }
    let mut fields = Vec::new();
    let mut lacking = Vec::new();
    let mut value = Vec::new();
    for (i, c) in p.evse.connectors.iter().enumerate() {
        fields.extend(
            ["/standard", "/format", "/power_type"]
                .iter()
                .map(|f| p.connector_field(i, f)),
        );
        let format = c.format.as_ref().map(|f| f.as_str().to_string());
        let power_type = c.power_type.as_ref().map(|t| t.as_str().to_string());
        if c.standard.trim().is_empty() || format.is_none() || power_type.is_none() {
            lacking.push(c.id.as_str());
        }
        value.push(json!({"connector": c.id, "standard": c.standard, "format": format, "power_type": power_type}));
    }
    if lacking.is_empty() {
        Finding::new(
            ID,
            Status::Pass,
            "standard, format and power type of every connector",
        )
        .value(value)
        .fields(fields)
    } else {
        Finding::new(
            ID,
            Status::Missing,
            format!(
                "connector {} lacks its standard, format or power type",
                lacking.join(", ")
            ),
        )
        .value(value)
        .fields(fields)
    }
}

fn refdata_power(p: &Point<'_>, _: &Station<'_>, inputs: &UkInputs) -> Finding {
    const ID: &str = "UK-R10-REFDATA-POWER";
    if let Some(f) = out_of_scope(ID, inputs, ONE_YEAR_FROM) {
        return f;
    }
    match p.power_w() {
        Some(w) => Finding::new(ID, Status::Pass, kw_text(w))
            .value(kw_value(w))
            .fields(p.power_fields()),
        None => Finding::new(
            ID,
            Status::Missing,
            "no connector gives `max_electric_power`, nor voltage, current and power type",
        )
        .fields(p.power_fields()),
    }
}

fn refdata_payment(p: &Point<'_>, _: &Station<'_>, inputs: &UkInputs) -> Finding {
    const ID: &str = "UK-R10-REFDATA-PAYMENT";
    if let Some(f) = out_of_scope(ID, inputs, ONE_YEAR_FROM) {
        return f;
    }
    let field = p.field("/capabilities");
    let methods: Vec<&str> = PAYMENT_CAPABILITIES
        .iter()
        .copied()
        .filter(|c| p.has_capability(c))
        .collect();
    if methods.is_empty() {
        Finding::new(
            ID,
            Status::Missing,
            "`capabilities` names no way to pay (card, contactless, RFID, app)",
        )
        .fields([field])
    } else {
        Finding::new(
            ID,
            Status::Pass,
            format!("from `capabilities`: {}", methods.join(", ")),
        )
        .value(methods)
        .fields([field])
    }
}

fn refdata_price(p: &Point<'_>, s: &Station<'_>, inputs: &UkInputs) -> Finding {
    const ID: &str = "UK-R10-REFDATA-PRICE";
    if let Some(f) = out_of_scope(ID, inputs, ONE_YEAR_FROM) {
        return f;
    }
    if let Some(problem) = p.ad_hoc_problem(ID) {
        return problem;
    }
    let mut fields = p.connector_fields("/tariff_ids");
    let tariffs: Vec<Value> = p
        .ad_hoc
        .iter()
        .zip(&p.evse.connectors)
        .filter_map(|(a, c)| {
            let t = a.tariff()?;
            fields.extend(s.tariff_components(t, &[]));
            Some(json!({"connector": c.id, "tariff": t.id, "currency": t.currency}))
        })
        .collect();
    Finding::new(
        ID,
        Status::Pass,
        "every connector references a tariff for drivers without a contract",
    )
    .value(tariffs)
    .fields(fields)
}

fn free_tariff(p: &Point<'_>, s: &Station<'_>, inputs: &UkInputs) -> Finding {
    const ID: &str = "UK-R10-FREE-TARIFF";
    if let Some(f) = out_of_scope(ID, inputs, ONE_YEAR_FROM) {
        return f;
    }
    let mut fields = p.connector_fields("/tariff_ids");
    if p.is_free() {
        for t in p.ad_hoc.iter().filter_map(AdHoc::tariff) {
            fields.extend(s.tariff_components(t, &[]));
        }
        return Finding::new(
            ID,
            Status::Pass,
            "free of charge, through a referenced tariff whose prices are all zero",
        )
        .fields(fields);
    }
    if p.ad_hoc
        .iter()
        .any(|a| a.tariff().is_some_and(|t| !t.is_free()))
    {
        return Finding::new(
            ID,
            Status::NotApplicable,
            "not a free point (it has a price)",
        )
        .fields(fields);
    }
    match p.ad_hoc_problem(ID) {
        Some(mut problem) => {
            if problem.status == Status::Missing {
                problem.add_reason(
                    "; a free point must still reference a free-of-charge tariff, or drivers cannot tell free from unknown",
                );
            }
            problem
        }
        None => Finding::new(ID, Status::NotApplicable, "not a free point").fields(fields),
    }
}

// ---------------------------------------------------------------------------------------------
// Regulation 11

fn pence_per_kwh(p: &Point<'_>, s: &Station<'_>, inputs: &UkInputs) -> Finding {
    const ID: &str = "UK-R11-PKWH";
    if inputs.as_of < PRICING_FROM {
        return Finding::new(
            ID,
            Status::NotApplicable,
            format!("applies from {PRICING_FROM}"),
        );
    }
    if let Some(problem) = p.ad_hoc_problem(ID) {
        return problem;
    }
    let mut status = Status::Pass;
    let mut values = Vec::new();
    let mut reasons = Vec::new();
    let mut fields = Vec::new();
    for (i, a) in p.ad_hoc.iter().enumerate() {
        let Some(tariff) = a.tariff() else {
            continue;
        };
        let connector = &p.evse.connectors[i];
        fields.push(p.connector_field(i, "/tariff_ids"));
        fields.push(super::ad_hoc::tariff_field(tariff, s.file(), "/currency"));
        fields.extend(s.tariff_components(tariff, &[]));
        let label = format!("connector {}, tariff {}", connector.id, tariff.id);
        if tariff.is_free() {
            values.push(json!({"connector": connector.id, "tariff": tariff.id, "p_per_kwh": "0", "incl_vat": true}));
            reasons.push(format!("{label}: free of charge"));
            continue;
        }
        if tariff.currency != "GBP" {
            status = status.worst(Status::Fail);
            reasons.push(format!(
                "{label}: prices in {:?}, not in pounds and pence",
                tariff.currency
            ));
            continue;
        }
        match equivalent_p_per_kwh(
            tariff,
            connector,
            s.location.time_zone.as_deref(),
            &inputs.reference_session,
            inputs.as_of,
        ) {
            Ok(e) => {
                values.push(json!({
                    "connector": connector.id, "tariff": tariff.id,
                    "p_per_kwh": e.pence.to_string(), "incl_vat": e.incl_vat,
                }));
                let vat = if e.incl_vat {
                    "incl. VAT"
                } else {
                    "excl. VAT; the VAT rate is not given"
                };
                reasons.push(format!("{label}: {}p/kWh ({vat})", e.pence));
            }
            Err(EquivalentError::NoPrice) => {
                status = status.worst(Status::Fail);
                reasons.push(format!("{label}: the tariff has no price component"));
            }
            Err(EquivalentError::PowerUnknown) => {
                status = status.worst(Status::Unknown);
                reasons.push(format!(
                    "{label}: the connector's power is not known, so the reference session ({} kWh from {}) cannot be priced",
                    inputs.reference_session.energy_kwh, inputs.reference_session.start
                ));
            }
            Err(EquivalentError::NotPriced(why)) => {
                status = status.worst(Status::Unknown);
                reasons.push(format!(
                    "{label}: the reference session ({} kWh from {}) cannot be priced: {why}",
                    inputs.reference_session.energy_kwh, inputs.reference_session.start
                ));
            }
        }
    }
    Finding::new(ID, status, reasons.join("; "))
        .value(values)
        .fields(fields)
}
