//! What a priced session looks like: totals, a breakdown per component type and per period,
//! the explanation of the tariff, warnings, and (for a CDR) the comparison with its totals.

use super::error::PriceWarning;
use super::ser;
use super::tax::Money;
use super::zone::ZoneSource;
use crate::model::DimensionType;
use jiff::Timestamp;
use rust_decimal::Decimal;
use serde::Serialize;

/// What a part of the price is for. The four OCPI dimensions of the charging session, and the
/// two a reservation before it can be priced with (TIME and FLAT of an element restricted to
/// `reservation`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ComponentKind {
    Energy,
    Time,
    Flat,
    ParkingTime,
    ReservationTime,
    ReservationFlat,
}

impl ComponentKind {
    /// Every kind, in the order of the AFIR (per kWh, per minute, per session) and then the rest.
    pub const ALL: [ComponentKind; 6] = [
        ComponentKind::Energy,
        ComponentKind::Time,
        ComponentKind::Flat,
        ComponentKind::ParkingTime,
        ComponentKind::ReservationTime,
        ComponentKind::ReservationFlat,
    ];

    /// The OCPI dimension of the price components that price this kind.
    pub fn dimension(self) -> DimensionType {
        match self {
            ComponentKind::Energy => DimensionType::Energy,
            ComponentKind::Time | ComponentKind::ReservationTime => DimensionType::Time,
            ComponentKind::Flat | ComponentKind::ReservationFlat => DimensionType::Flat,
            ComponentKind::ParkingTime => DimensionType::ParkingTime,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ComponentKind::Energy => "ENERGY",
            ComponentKind::Time => "TIME",
            ComponentKind::Flat => "FLAT",
            ComponentKind::ParkingTime => "PARKING_TIME",
            ComponentKind::ReservationTime => "RESERVATION_TIME",
            ComponentKind::ReservationFlat => "RESERVATION_FLAT",
        }
    }

    /// The unit of quantities: `kWh`, `h` (hours, as OCPI prices time), or `session`.
    pub fn unit(self) -> &'static str {
        match self {
            ComponentKind::Energy => "kWh",
            ComponentKind::Time | ComponentKind::ParkingTime | ComponentKind::ReservationTime => {
                "h"
            }
            ComponentKind::Flat | ComponentKind::ReservationFlat => "session",
        }
    }
}

/// The price of a session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionPrice {
    pub tariff_id: String,
    /// ISO 4217 code of every amount.
    pub currency: String,
    /// The time zone restrictions were read in (IANA name, an offset, or `UTC`).
    pub time_zone: String,
    pub time_zone_source: ZoneSource,
    /// What the session costs, after `min_price` / `max_price`.
    pub total: Money,
    /// One entry per component type that priced something, in the AFIR order.
    pub components: Vec<ComponentPrice>,
    /// Set when `min_price` or `max_price` changed the total.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub price_limit: Option<AppliedLimit>,
    pub periods: Vec<PricedPeriod>,
    /// The tariff in plain English, prices in the AFIR order.
    pub explanation: String,
    pub warnings: Vec<PriceWarning>,
    /// With a CDR: its own totals and the differences.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cdr: Option<CdrComparison>,
}

/// The price of one component type over the session.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComponentPrice {
    #[serde(rename = "type")]
    pub kind: ComponentKind,
    /// Billed quantity (after step_size), in `unit`.
    #[serde(with = "ser::quantity")]
    pub quantity: Decimal,
    pub unit: &'static str,
    /// Price per unit when one price component priced all of it; `null` when several did
    /// (see `parts`).
    #[serde(with = "ser::amount_option")]
    pub price: Option<Decimal>,
    #[serde(flatten)]
    pub amount: Money,
    /// Each price component that priced part of it.
    pub parts: Vec<ComponentPart>,
}

/// What one price component (of one element) priced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComponentPart {
    /// Index of the tariff element (0-based).
    pub element: usize,
    #[serde(with = "ser::amount")]
    pub price: Decimal,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vat: Option<Decimal>,
    pub step_size: u32,
    #[serde(with = "ser::quantity")]
    pub quantity: Decimal,
    #[serde(flatten)]
    pub amount: Money,
}

/// A price limit that changed the total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AppliedLimit {
    /// `min_price` or `max_price`.
    pub kind: &'static str,
    /// The total of the components, before the limit.
    pub components_total: Money,
}

/// One period as priced.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PricedPeriod {
    #[serde(with = "ser::timestamp")]
    pub start: Timestamp,
    #[serde(with = "ser::timestamp")]
    pub end: Timestamp,
    /// Start in the local time restrictions are read in, written `YYYY-MM-DDThh:mm:ss`.
    #[serde(with = "ser::local")]
    pub local_start: jiff::civil::DateTime,
    #[serde(with = "ser::quantity")]
    pub energy_kwh: Decimal,
    #[serde(with = "ser::quantity")]
    pub charging_hours: Decimal,
    #[serde(with = "ser::quantity")]
    pub parking_hours: Decimal,
    #[serde(with = "ser::quantity", skip_serializing_if = "Decimal::is_zero")]
    pub reservation_hours: Decimal,
    #[serde(with = "ser::quantity_option")]
    pub power_kw: Option<Decimal>,
    #[serde(with = "ser::quantity_option")]
    pub current_a: Option<Decimal>,
    pub costs: Vec<PeriodCost>,
}

/// What one component type cost in one period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PeriodCost {
    #[serde(rename = "type")]
    pub kind: ComponentKind,
    pub element: usize,
    #[serde(with = "ser::amount")]
    pub price: Decimal,
    /// Billed quantity (a step_size remainder is billed in the last period of its type).
    #[serde(with = "ser::quantity")]
    pub quantity: Decimal,
    #[serde(flatten)]
    pub amount: Money,
}

/// A CDR's own totals next to the computed ones.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CdrComparison {
    /// Whether every total the CDR states matches within `tolerance` (true when it states none).
    pub matches: bool,
    #[serde(with = "ser::amount")]
    pub tolerance: Decimal,
    /// A credit CDR states the credited total negated; the computed total is negated to compare.
    pub credit: bool,
    pub totals: Vec<TotalComparison>,
}

/// One total of a CDR (`total_cost`, `total_energy_cost`, ...) against the computed one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TotalComparison {
    /// The CDR field.
    pub field: &'static str,
    pub stated: Money,
    pub computed: Money,
    /// `computed - stated`, where both are known.
    pub difference: Money,
    pub matches: bool,
}
