//! EVSEs and connectors.

use super::enums::{ConnectorFormat, EvseStatus, PowerType};
use super::location::{Coordinates, DisplayText, EvseParking, Extra, Image};
use super::read::Obj;
use super::ser;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One charging point: what a driver plugs into, with one or more connectors of which only one
/// can be used at a time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evse {
    /// The CPO's technical id. When missing: the `evse_id`, else `""`.
    pub uid: String,
    /// Human-facing eMI3 / IDACS id such as `NL*ABC*E12345`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evse_id: Option<String>,
    /// `Unknown` when missing or not an OCPI status.
    #[serde(default)]
    pub status: EvseStatus,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub status_schedule: Vec<StatusSchedule>,
    /// OCPI `Capability` values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capabilities: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub connectors: Vec<Connector>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor_level: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coordinates: Option<Coordinates>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub physical_reference: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub directions: Vec<DisplayText>,
    /// OCPI `ParkingRestriction` values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parking_restrictions: Vec<String>,
    /// Parking spaces usable while charging here (2.3.0).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parking: Vec<EvseParking>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<Image>,
    /// eMSPs whose contract payment is accepted (2.3.0).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted_service_providers: Vec<String>,
    /// `None` when missing or unreadable.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "ser::timestamp_option"
    )]
    pub last_updated: Option<jiff::Timestamp>,
    /// German calibration-law fields (`energy_meter`, `transparency_software`,
    /// `calibration_info_url`), the usual place for them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calibration: Option<Box<CalibrationLaw>>,
    /// Members that are not fields of EVSE in the data's version.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl Evse {
    pub(crate) fn read(o: &Obj<'_, '_>) -> Evse {
        let evse_id = o.str("evse_id");
        Evse {
            uid: o.str("uid").or_else(|| evse_id.clone()).unwrap_or_default(),
            evse_id,
            status: o
                .str("status")
                .map(|s| EvseStatus::from_ocpi(&s))
                .unwrap_or_default(),
            status_schedule: o
                .objects("status_schedule")
                .iter()
                .filter_map(StatusSchedule::read)
                .collect(),
            capabilities: o.strings("capabilities"),
            connectors: o
                .objects("connectors")
                .iter()
                .map(Connector::read)
                .collect(),
            floor_level: o.str("floor_level"),
            coordinates: o.object("coordinates").and_then(|c| Coordinates::read(&c)),
            physical_reference: o.str("physical_reference"),
            directions: DisplayText::read_list(o, "directions"),
            parking_restrictions: o.strings("parking_restrictions"),
            parking: o.objects("parking").iter().map(EvseParking::read).collect(),
            images: Image::read_list(o, "images"),
            accepted_service_providers: o.strings("accepted_service_providers"),
            last_updated: o.timestamp("last_updated"),
            calibration: o.calibration().map(Box::new),
            extra: o.extra(),
        }
    }

    /// The highest power of its connectors, in W (see [`Connector::power_w`]).
    pub fn max_power_w(&self) -> Option<u32> {
        self.connectors.iter().filter_map(Connector::power_w).max()
    }

    /// Whether the EVSE still exists (its status is not REMOVED).
    pub fn in_service(&self) -> bool {
        self.status != EvseStatus::Removed
    }
}

/// A planned status period of an EVSE. Entries without a readable start are left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusSchedule {
    #[serde(with = "ser::timestamp")]
    pub period_begin: jiff::Timestamp,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "ser::timestamp_option"
    )]
    pub period_end: Option<jiff::Timestamp>,
    /// `Unknown` when missing or not an OCPI status.
    #[serde(default)]
    pub status: EvseStatus,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl StatusSchedule {
    fn read(o: &Obj<'_, '_>) -> Option<StatusSchedule> {
        Some(StatusSchedule {
            period_begin: o.timestamp("period_begin")?,
            period_end: o.timestamp("period_end"),
            status: o
                .str("status")
                .map(|s| EvseStatus::from_ocpi(&s))
                .unwrap_or_default(),
            extra: o.extra(),
        })
    }
}

/// One plug or socket of an EVSE.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Connector {
    /// Id within its EVSE; `""` when missing.
    pub id: String,
    /// OCPI `ConnectorType` (`IEC_62196_T2`, `CHADEMO`, ...); `""` when missing.
    #[serde(default)]
    pub standard: String,
    /// `None` when missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<ConnectorFormat>,
    /// `None` when missing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub power_type: Option<PowerType>,
    /// Volts, line to neutral for AC (2.1.1 `voltage`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_voltage: Option<u32>,
    /// Amperes (2.1.1 `amperage`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_amperage: Option<u32>,
    /// Maximum power in W as the data gives it (2.2.1+ `max_electric_power`); see
    /// [`Connector::power_w`] for the power whether given or not.
    #[serde(
        rename = "max_electric_power",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub max_electric_power_w: Option<u32>,
    /// Ids of the tariffs that apply (2.1.1 `tariff_id` becomes a list of one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tariff_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub terms_and_conditions: Option<String>,
    /// OCPI `ConnectorCapability` values (2.3.0).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capabilities: Vec<String>,
    /// `None` when missing or unreadable.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "ser::timestamp_option"
    )]
    pub last_updated: Option<jiff::Timestamp>,
    /// German calibration-law fields given on the connector.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calibration: Option<Box<CalibrationLaw>>,
    /// Members that are not fields of Connector in the data's version.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: Extra,
}

impl Connector {
    pub(crate) fn read(o: &Obj<'_, '_>) -> Connector {
        let mut tariff_ids = o.strings("tariff_ids");
        if let Some(id) = o.str("tariff_id") {
            tariff_ids.push(id);
        }
        Connector {
            id: o.string("id"),
            standard: o.string("standard"),
            format: o.str("format").map(|s| ConnectorFormat::from_ocpi(&s)),
            power_type: o.str("power_type").map(|s| PowerType::from_ocpi(&s)),
            max_voltage: o.u32("max_voltage").or_else(|| o.u32("voltage")),
            max_amperage: o.u32("max_amperage").or_else(|| o.u32("amperage")),
            max_electric_power_w: o.u32("max_electric_power"),
            tariff_ids,
            terms_and_conditions: o.str("terms_and_conditions"),
            capabilities: o.strings("capabilities"),
            last_updated: o.timestamp("last_updated"),
            calibration: o.calibration().map(Box::new),
            extra: o.extra(),
        }
    }

    /// Number of AC phases (1, 2 or 3); `None` for DC, unknown or missing power types.
    pub fn phases(&self) -> Option<u8> {
        self.power_type.as_ref()?.phases()
    }

    /// Maximum power in W: `max_electric_power` when given, else voltage × current × phases
    /// (voltage line to neutral; DC: voltage × current). `None` when neither can be known.
    pub fn power_w(&self) -> Option<u32> {
        if let Some(w) = self.max_electric_power_w {
            return Some(w);
        }
        let factor = u64::from(self.power_type.as_ref()?.power_factor()?);
        let watts = u64::from(self.max_voltage?) * u64::from(self.max_amperage?) * factor;
        u32::try_from(watts).ok()
    }
}

/// German calibration law (Eichrecht) data that some operators add to OCPI objects: the meter,
/// the transparency software to check signed meter values, and where to read more. Read wherever
/// it occurs on a Location, EVSE or Connector; kept as given otherwise.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CalibrationLaw {
    /// `energy_meter` as given (usually an object with the meter id, vendor, model, public key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub energy_meter: Option<serde_json::Value>,
    /// `transparency_software` as given (usually an object or a URL).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub transparency_software: Option<serde_json::Value>,
    /// `calibration_info_url` when it is a string (anything else stays in `extra`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calibration_info_url: Option<String>,
}
