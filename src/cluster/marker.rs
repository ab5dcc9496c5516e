//! Compact marker records: what a map shows of a location at a glance (availability, power
//! class, connector standards, payment, price per kWh), and the property bits the cluster index
//! aggregates.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::model::{DimensionType, EvseStatus, Location, PowerType, Tariff, TaxIncluded};

/// Whether a location can be used now, from its EVSEs' statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Availability {
    /// At least one EVSE is AVAILABLE.
    Available,
    /// None available, at least one in use (CHARGING, BLOCKED, RESERVED).
    Occupied,
    /// Every EVSE in service is OUTOFORDER, INOPERATIVE or PLANNED.
    OutOfService,
    /// No status says anything (UNKNOWN, or no EVSE).
    Unknown,
}

impl Availability {
    /// Words for the marker and the list (never colour alone).
    pub fn label(self) -> &'static str {
        match self {
            Availability::Available => "available",
            Availability::Occupied => "occupied",
            Availability::OutOfService => "out of service",
            Availability::Unknown => "status unknown",
        }
    }
}

/// Power classes drivers search by (the AFIR groups: up to 7.4 kW, up to 22 kW, fast, high
/// power from 150 kW).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PowerClass {
    Unknown,
    /// Up to 7.4 kW.
    Slow,
    /// Above 7.4 kW, up to 22 kW.
    Ac22,
    /// Above 22 kW, below 150 kW (DC 50 kW, AC 43 kW).
    Fast,
    /// 150 kW and above.
    Ultra,
}

/// The power class of a power in W: `(upper bound exclusive in W, class)`, in order.
const POWER_CLASSES: &[(u32, PowerClass)] = &[
    (7_401, PowerClass::Slow),
    (22_001, PowerClass::Ac22),
    (150_000, PowerClass::Fast),
    (u32::MAX, PowerClass::Ultra),
];

impl PowerClass {
    pub fn of_watts(w: u32) -> PowerClass {
        POWER_CLASSES
            .iter()
            .find(|(limit, _)| w < *limit)
            .map_or(PowerClass::Ultra, |(_, c)| *c)
    }

    /// Short text for a marker: `7 kW`, `22 kW`, `50+ kW`, `150+ kW`, `? kW`.
    pub fn label(self) -> &'static str {
        match self {
            PowerClass::Unknown => "? kW",
            PowerClass::Slow => "≤7 kW",
            PowerClass::Ac22 => "≤22 kW",
            PowerClass::Fast => "50+ kW",
            PowerClass::Ultra => "150+ kW",
        }
    }
}

/// Connector standards as drivers know them, grouped from OCPI `ConnectorType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Plug {
    Type2,
    Ccs2,
    Chademo,
    Type1,
    Ccs1,
    Nacs,
    Domestic,
    Other,
}

/// OCPI ConnectorType → plug group; types not listed are `Other`.
const PLUG_OF_STANDARD: &[(&str, Plug)] = &[
    ("IEC_62196_T2", Plug::Type2),
    ("IEC_62196_T2_COMBO", Plug::Ccs2),
    ("CHADEMO", Plug::Chademo),
    ("CHAOJI", Plug::Chademo),
    ("IEC_62196_T1", Plug::Type1),
    ("IEC_62196_T1_COMBO", Plug::Ccs1),
    ("SAE_J3400", Plug::Nacs),
    ("TESLA_S", Plug::Nacs),
    ("TESLA_R", Plug::Nacs),
    ("DOMESTIC_A", Plug::Domestic),
    ("DOMESTIC_B", Plug::Domestic),
    ("DOMESTIC_C", Plug::Domestic),
    ("DOMESTIC_D", Plug::Domestic),
    ("DOMESTIC_E", Plug::Domestic),
    ("DOMESTIC_F", Plug::Domestic),
    ("DOMESTIC_G", Plug::Domestic),
    ("DOMESTIC_H", Plug::Domestic),
    ("DOMESTIC_I", Plug::Domestic),
    ("DOMESTIC_IEC_60906_1", Plug::Domestic),
    ("DOMESTIC_J", Plug::Domestic),
    ("DOMESTIC_K", Plug::Domestic),
    ("DOMESTIC_L", Plug::Domestic),
    ("DOMESTIC_M", Plug::Domestic),
    ("DOMESTIC_N", Plug::Domestic),
    ("DOMESTIC_O", Plug::Domestic),
];

impl Plug {
    /// Every group, in the order a filter lists them.
    pub const ALL: [Plug; 8] = [
        Plug::Type2,
        Plug::Ccs2,
        Plug::Chademo,
        Plug::Type1,
        Plug::Ccs1,
        Plug::Nacs,
        Plug::Domestic,
        Plug::Other,
    ];

    pub fn of_standard(standard: &str) -> Plug {
        PLUG_OF_STANDARD
            .iter()
            .find(|(s, _)| *s == standard)
            .map_or(Plug::Other, |(_, p)| *p)
    }

    pub fn label(self) -> &'static str {
        match self {
            Plug::Type2 => "Type 2",
            Plug::Ccs2 => "CCS",
            Plug::Chademo => "CHAdeMO",
            Plug::Type1 => "Type 1",
            Plug::Ccs1 => "CCS1",
            Plug::Nacs => "NACS / Tesla",
            Plug::Domestic => "Domestic socket",
            Plug::Other => "Other",
        }
    }

    /// Stable short name for URLs.
    pub fn key(self) -> &'static str {
        match self {
            Plug::Type2 => "type2",
            Plug::Ccs2 => "ccs",
            Plug::Chademo => "chademo",
            Plug::Type1 => "type1",
            Plug::Ccs1 => "ccs1",
            Plug::Nacs => "nacs",
            Plug::Domestic => "domestic",
            Plug::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<Plug> {
        Plug::ALL.into_iter().find(|p| p.key() == key)
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// EVSE capabilities that mean "pay with a bank card here" (2.1.1 has only the first).
const CARD_CAPABILITIES: &[&str] = &[
    "CREDIT_CARD_PAYABLE",
    "DEBIT_CARD_PAYABLE",
    "PED_TERMINAL",
    "CHIP_CARD_SUPPORT",
    "CONTACTLESS_CARD_SUPPORT",
];

/// What a map marker of a location shows, computed once per location.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MarkerRecord {
    pub lon: f64,
    pub lat: f64,
    pub availability: Availability,
    pub power: PowerClass,
    /// EVSEs in service (status not REMOVED) and how many of them are AVAILABLE.
    pub evses: u16,
    pub evses_available: u16,
    plugs: u16,
    /// Some EVSE takes bank cards at the charger.
    pub card: bool,
    /// Some EVSE takes contactless cards.
    pub contactless: bool,
    pub dc: bool,
    /// The lowest energy price per kWh in the tariffs the connectors name (any time of day),
    /// with VAT where the tariff says how much; `None` when no ENERGY component is known.
    pub price_per_kwh: Option<Decimal>,
    pub currency: Option<String>,
}

/// Property bits of a marker, aggregated (OR) by the cluster index.
pub mod bits {
    pub const AVAILABLE: u32 = 1 << 0;
    pub const OCCUPIED: u32 = 1 << 1;
    pub const OUT_OF_SERVICE: u32 = 1 << 2;
    pub const DC: u32 = 1 << 3;
    pub const CARD: u32 = 1 << 4;
    /// One bit per power class from here (`POWER_SHIFT + class as u32`).
    pub const POWER_SHIFT: u32 = 8;
}

impl MarkerRecord {
    /// The record of a location; `None` when it has no usable position or must not appear on
    /// a public map (`publish: false`). `tariff` looks a tariff up by id.
    pub fn of<'t>(
        location: &Location,
        tariff: impl Fn(&str) -> Option<&'t Tariff>,
    ) -> Option<MarkerRecord> {
        if !location.is_public() {
            return None;
        }
        let c = location.coordinates.as_ref()?;
        if !(c.lat.is_finite() && c.lon.is_finite()) || (c.lat == 0.0 && c.lon == 0.0) {
            return None;
        }
        let (mut evses, mut available, mut occupied, mut down) = (0u16, 0u16, 0u16, 0u16);
        let (mut plugs, mut card, mut contactless, mut dc) = (0u16, false, false, false);
        let mut price: Option<(Decimal, String)> = None;
        for evse in location.evses_in_service() {
            evses = evses.saturating_add(1);
            match evse.status {
                EvseStatus::Available => available = available.saturating_add(1),
                EvseStatus::Charging | EvseStatus::Blocked | EvseStatus::Reserved => {
                    occupied = occupied.saturating_add(1)
                }
                EvseStatus::OutOfOrder | EvseStatus::Inoperative | EvseStatus::Planned => {
                    down = down.saturating_add(1)
                }
                EvseStatus::Unknown | EvseStatus::Removed => {}
            }
            card |= evse
                .capabilities
                .iter()
                .any(|c| CARD_CAPABILITIES.contains(&c.as_str()));
            contactless |= evse
                .capabilities
                .iter()
                .any(|c| c == "CONTACTLESS_CARD_SUPPORT");
            for conn in &evse.connectors {
                plugs |= Plug::of_standard(&conn.standard).bit();
                dc |= conn.power_type == Some(PowerType::Dc);
                for id in &conn.tariff_ids {
                    if let Some(t) = tariff(id)
                        && let Some(p) = lowest_energy_price(t)
                        && price.as_ref().is_none_or(|(q, _)| p < *q)
                    {
                        price = Some((p, t.currency.clone()));
                    }
                }
            }
        }
        let availability = if available > 0 {
            Availability::Available
        } else if occupied > 0 {
            Availability::Occupied
        } else if down > 0 && down == evses {
            Availability::OutOfService
        } else {
            Availability::Unknown
        };
        let power = location
            .max_power_w()
            .map_or(PowerClass::Unknown, PowerClass::of_watts);
        let (price_per_kwh, currency) = match price {
            Some((p, c)) => (Some(p), Some(c)),
            None => (None, None),
        };
        Some(MarkerRecord {
            lon: c.lon,
            lat: c.lat,
            availability,
            power,
            evses,
            evses_available: available,
            plugs,
            card,
            contactless,
            dc,
            price_per_kwh,
            currency,
        })
    }

    /// The plug groups present at the location.
    pub fn plugs(&self) -> impl Iterator<Item = Plug> + '_ {
        Plug::ALL.into_iter().filter(|p| self.plugs & p.bit() != 0)
    }

    /// The bits the cluster index aggregates.
    pub fn bits(&self) -> u32 {
        let mut b = match self.availability {
            Availability::Available => bits::AVAILABLE,
            Availability::Occupied => bits::OCCUPIED,
            Availability::OutOfService => bits::OUT_OF_SERVICE,
            Availability::Unknown => 0,
        };
        if self.dc {
            b |= bits::DC;
        }
        if self.card {
            b |= bits::CARD;
        }
        b | 1 << (bits::POWER_SHIFT + self.power as u32)
    }
}

/// The highest power class whose bit is set in aggregated `bits`.
pub fn max_power_class(bits: u32) -> PowerClass {
    [
        PowerClass::Ultra,
        PowerClass::Fast,
        PowerClass::Ac22,
        PowerClass::Slow,
    ]
    .into_iter()
    .find(|c| bits & (1 << (bits::POWER_SHIFT + *c as u32)) != 0)
    .unwrap_or(PowerClass::Unknown)
}

/// The lowest ENERGY price of a tariff, per kWh, with VAT added when the tariff's prices exclude
/// it and the component states the rate.
pub fn lowest_energy_price(t: &Tariff) -> Option<Decimal> {
    t.price_components()
        .filter(|c| c.dimension == DimensionType::Energy)
        .map(|c| match (&t.tax_included, c.vat) {
            (TaxIncluded::Yes, _) | (_, None) => c.price,
            (_, Some(vat)) => (c.price * (Decimal::ONE + vat / Decimal::ONE_HUNDRED)).round_dp(4),
        })
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::read_feed;
    use crate::validate::Options;

    const LOCATION: &str = r#"{
      "country_code": "NL", "party_id": "ABC", "id": "L1", "publish": true,
      "address": "Kerkstraat 1", "city": "Utrecht", "country": "NLD",
      "coordinates": {"latitude": "52.090700", "longitude": "5.121400"},
      "time_zone": "Europe/Amsterdam",
      "evses": [
        {"uid": "1", "status": "CHARGING", "capabilities": ["CREDIT_CARD_PAYABLE", "CONTACTLESS_CARD_SUPPORT"],
         "connectors": [{"id": "1", "standard": "IEC_62196_T2_COMBO", "format": "CABLE", "power_type": "DC",
           "max_voltage": 920, "max_amperage": 400, "max_electric_power": 300000, "tariff_ids": ["T1"],
           "last_updated": "2025-01-01T00:00:00Z"}],
         "last_updated": "2025-01-01T00:00:00Z"},
        {"uid": "2", "status": "AVAILABLE",
         "connectors": [{"id": "1", "standard": "IEC_62196_T2", "format": "SOCKET", "power_type": "AC_3_PHASE",
           "max_voltage": 230, "max_amperage": 32, "tariff_ids": ["T2"],
           "last_updated": "2025-01-01T00:00:00Z"}],
         "last_updated": "2025-01-01T00:00:00Z"},
        {"uid": "3", "status": "REMOVED",
         "connectors": [{"id": "1", "standard": "CHADEMO", "format": "CABLE", "power_type": "DC",
           "max_voltage": 500, "max_amperage": 125, "last_updated": "2025-01-01T00:00:00Z"}],
         "last_updated": "2025-01-01T00:00:00Z"}
      ],
      "last_updated": "2025-01-01T00:00:00Z"
    }"#;

    const TARIFFS: &str = r#"[
      {"country_code": "NL", "party_id": "ABC", "id": "T1", "currency": "EUR",
       "elements": [{"price_components": [{"type": "ENERGY", "price": 0.50, "vat": 21.0, "step_size": 1}]}],
       "last_updated": "2025-01-01T00:00:00Z"},
      {"country_code": "NL", "party_id": "ABC", "id": "T2", "currency": "EUR",
       "elements": [{"price_components": [{"type": "ENERGY", "price": 0.30, "vat": 21.0, "step_size": 1},
                                           {"type": "PARKING_TIME", "price": 2.00, "step_size": 60}]}],
       "last_updated": "2025-01-01T00:00:00Z"}
    ]"#;

    fn feed(location: &str) -> crate::model::Feed {
        let files: [(&str, &[u8]); 2] = [
            ("locations.json", location.as_bytes()),
            ("tariffs.json", TARIFFS.as_bytes()),
        ];
        read_feed(&files, |_| Options::default()).1
    }

    #[test]
    fn record_of_a_location() {
        let feed = feed(LOCATION);
        let m = MarkerRecord::of(&feed.locations[0], |id| feed.tariff(id)).expect("public");
        assert_eq!(m.availability, Availability::Available);
        assert_eq!(m.evses, 2, "REMOVED does not count");
        assert_eq!(m.evses_available, 1);
        assert_eq!(m.power, PowerClass::Ultra);
        assert_eq!(m.plugs().collect::<Vec<_>>(), vec![Plug::Type2, Plug::Ccs2]);
        assert!(m.card && m.contactless && m.dc);
        // 0.30 + 21 % VAT
        assert_eq!(m.price_per_kwh, Some(Decimal::new(3630, 4)));
        assert_eq!(m.currency.as_deref(), Some("EUR"));
        let b = m.bits();
        assert_ne!(b & bits::AVAILABLE, 0);
        assert_eq!(max_power_class(b), PowerClass::Ultra);
        assert_eq!((m.lat, m.lon), (52.0907, 5.1214));
    }

    #[test]
    fn unpublished_and_unplaced_locations_have_no_marker() {
        let hidden = LOCATION.replace("\"publish\": true", "\"publish\": false");
        let feed1 = feed(&hidden);
        assert!(MarkerRecord::of(&feed1.locations[0], |id| feed1.tariff(id)).is_none());
        let nowhere = LOCATION
            .replace("\"52.090700\"", "\"0.0\"")
            .replace("\"5.121400\"", "\"0.0\"");
        let feed2 = feed(&nowhere);
        assert!(MarkerRecord::of(&feed2.locations[0], |id| feed2.tariff(id)).is_none());
    }

    #[test]
    fn availability_words_for_each_case() {
        let occupied = LOCATION.replace("\"AVAILABLE\"", "\"BLOCKED\"");
        let f = feed(&occupied);
        let m = MarkerRecord::of(&f.locations[0], |id| f.tariff(id)).expect("public");
        assert_eq!(m.availability, Availability::Occupied);
        let down = LOCATION
            .replace("\"AVAILABLE\"", "\"OUTOFORDER\"")
            .replace("\"CHARGING\"", "\"INOPERATIVE\"");
        let f = feed(&down);
        let m = MarkerRecord::of(&f.locations[0], |id| f.tariff(id)).expect("public");
        assert_eq!(m.availability, Availability::OutOfService);
        assert_eq!(m.availability.label(), "out of service");
    }

    #[test]
    fn power_class_boundaries() {
        assert_eq!(PowerClass::of_watts(3_700), PowerClass::Slow);
        assert_eq!(PowerClass::of_watts(7_400), PowerClass::Slow);
        assert_eq!(PowerClass::of_watts(11_000), PowerClass::Ac22);
        assert_eq!(PowerClass::of_watts(22_000), PowerClass::Ac22);
        assert_eq!(PowerClass::of_watts(43_000), PowerClass::Fast);
        assert_eq!(PowerClass::of_watts(149_999), PowerClass::Fast);
        assert_eq!(PowerClass::of_watts(150_000), PowerClass::Ultra);
        assert_eq!(Plug::of_standard("IEC_62196_T2_COMBO"), Plug::Ccs2);
        assert_eq!(Plug::of_standard("PANTOGRAPH_TOP_DOWN"), Plug::Other);
        assert_eq!(Plug::from_key("chademo"), Some(Plug::Chademo));
    }
}
