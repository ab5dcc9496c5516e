//! The ad hoc price of a connector as the regulations read it: which tariff a driver without a
//! contract pays, and its prices per kWh, per minute and per session for the consumer.
//!
//! Selection (`docs/readings.md`, "Regulation views"): the connector's `tariff_ids` are resolved
//! among the feed's tariffs (same `country_code` and `party_id` as the location first, then by id
//! alone); tariffs not valid at the evaluation moment (`start_date_time`/`end_date_time`) are
//! left out; of the rest, the first of type `AD_HOC_PAYMENT` is the ad hoc tariff, else the
//! first without a type (valid for every session). `REGULAR` and `PROFILE_*` tariffs are for
//! contract customers and never count as ad hoc.
//!
//! Consumer prices: `tax_included = YES` or `N/A` — the price as given; `NO` (and every 2.2.1
//! tariff) — the price plus the component's `vat` percentage, or the price as given when `vat`
//! is absent (OCPI 2.2.1: "if omitted, no VAT is applicable"); 2.1.1 prices exclude VAT and 2.1.1
//! has no VAT field, so their consumer price is unknown. Per-minute prices are hourly prices
//! divided by 60. Derived prices are rounded to four decimal places (half away from zero);
//! prices as given keep their digits.

use super::place::Places;
use super::requirement::Field;
use crate::model::{
    Connector, DimensionType, Feed, Location, PriceComponent, Tariff, TariffType, TaxIncluded,
};
use crate::spec::Version;
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{Value, json};
use std::collections::HashMap;

/// The feed's tariffs by id, for resolving `tariff_ids` quickly.
pub struct TariffIndex<'f> {
    by_id: HashMap<&'f str, Vec<usize>>,
    feed: &'f Feed,
}

impl<'f> TariffIndex<'f> {
    pub fn new(feed: &'f Feed) -> TariffIndex<'f> {
        let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, t) in feed.tariffs.iter().enumerate() {
            by_id.entry(t.id.as_str()).or_default().push(i);
        }
        TariffIndex { by_id, feed }
    }

    /// Whether the feed holds any tariff at all.
    pub fn has_tariffs(&self) -> bool {
        !self.feed.tariffs.is_empty()
    }

    /// The tariff `id` of the location's party, else the first tariff with that id.
    pub fn resolve(&self, id: &str, location: &Location) -> Option<&'f Tariff> {
        let candidates = self.by_id.get(id)?;
        let tariffs = &self.feed.tariffs;
        candidates
            .iter()
            .map(|&i| &tariffs[i])
            .find(|t| t.country_code == location.country_code && t.party_id == location.party_id)
            .or_else(|| candidates.first().map(|&i| &tariffs[i]))
    }
}

/// What the ad hoc tariff of one connector is, or why there is none.
#[derive(Debug, Clone)]
pub enum AdHoc<'f> {
    /// The ad hoc tariff; `untyped` when it has no `type` (valid for every session), `others`
    /// when further ad hoc tariffs were referenced and ignored.
    Found {
        tariff: &'f Tariff,
        untyped: bool,
        others: usize,
    },
    /// The connector references no tariff: its price is unknown (not free).
    NoReference,
    /// The connector references tariffs but none were given (no tariffs file).
    NotGiven { ids: Vec<String> },
    /// None of the referenced ids is among the given tariffs.
    Unresolved { ids: Vec<String> },
    /// Tariffs were found but none is valid at the evaluation moment.
    NotValid { ids: Vec<String> },
    /// The tariffs valid at the evaluation moment (`contract`) are all for contract customers
    /// (`REGULAR`, `PROFILE_*`); `not_valid` were found but are not valid then.
    ContractOnly {
        contract: Vec<String>,
        not_valid: Vec<String>,
    },
}

impl<'f> AdHoc<'f> {
    /// Selects the ad hoc tariff of `connector` valid at `at`.
    pub fn of(
        index: &TariffIndex<'f>,
        location: &Location,
        connector: &Connector,
        at: jiff::Timestamp,
    ) -> AdHoc<'f> {
        let ids = &connector.tariff_ids;
        if ids.is_empty() {
            return AdHoc::NoReference;
        }
        if !index.has_tariffs() {
            return AdHoc::NotGiven { ids: ids.clone() };
        }
        // One pass without allocating for the usual case; the lists for the reasons only when
        // there is no ad hoc tariff.
        let valid_at = |t: &Tariff| {
            t.start_date_time.is_none_or(|s| s <= at) && t.end_date_time.is_none_or(|e| at < e)
        };
        let (mut typed, mut typed_count) = (None, 0);
        let (mut untyped, mut untyped_count) = (None, 0);
        let mut found = false;
        for t in ids.iter().filter_map(|id| index.resolve(id, location)) {
            found = true;
            if !valid_at(t) {
                continue;
            }
            match t.tariff_type {
                Some(TariffType::AdHocPayment) => {
                    typed.get_or_insert(t);
                    typed_count += 1;
                }
                None => {
                    untyped.get_or_insert(t);
                    untyped_count += 1;
                }
                Some(_) => {}
            }
        }
        if let Some(tariff) = typed {
            return AdHoc::Found {
                tariff,
                untyped: false,
                others: typed_count - 1,
            };
        }
        if let Some(tariff) = untyped {
            return AdHoc::Found {
                tariff,
                untyped: true,
                others: untyped_count - 1,
            };
        }
        if !found {
            return AdHoc::Unresolved { ids: ids.clone() };
        }
        let (valid, not_valid): (Vec<&Tariff>, Vec<&Tariff>) = ids
            .iter()
            .filter_map(|id| index.resolve(id, location))
            .partition(|t| valid_at(t));
        if valid.is_empty() {
            return AdHoc::NotValid { ids: ids.clone() };
        }
        AdHoc::ContractOnly {
            contract: valid.iter().map(|t| t.id.clone()).collect(),
            not_valid: not_valid.iter().map(|t| t.id.clone()).collect(),
        }
    }

    /// The ad hoc tariff, if one was found.
    pub fn tariff(&self) -> Option<&'f Tariff> {
        match self {
            AdHoc::Found { tariff, .. } => Some(tariff),
            _ => None,
        }
    }

    /// Why there is no ad hoc tariff, in plain language (`None` when there is one).
    pub fn problem(&self) -> Option<String> {
        let list = |ids: &[String]| ids.join(", ");
        match self {
            AdHoc::Found { .. } => None,
            AdHoc::NoReference => {
                Some("the connector references no tariff, so its price is unknown".into())
            }
            AdHoc::NotGiven { ids } => Some(format!(
                "the connector references tariff {} but no tariffs were given (pass the tariffs file)",
                list(ids)
            )),
            AdHoc::Unresolved { ids } => Some(format!(
                "tariff {} is referenced but not among the given tariffs",
                list(ids)
            )),
            AdHoc::NotValid { ids } => Some(format!(
                "tariff {} is not valid on the evaluation date (start_date_time / end_date_time)",
                list(ids)
            )),
            AdHoc::ContractOnly {
                contract,
                not_valid,
            } => {
                let mut text = format!(
                    "no ad hoc tariff: tariff {} is for contract customers only (REGULAR or PROFILE_*)",
                    list(contract)
                );
                if !not_valid.is_empty() {
                    text.push_str(&format!(
                        "; tariff {} is not valid on the evaluation date",
                        list(not_valid)
                    ));
                }
                Some(text)
            }
        }
    }
}

/// One price as a consumer pays it.
#[derive(Debug, Clone, PartialEq)]
pub struct ConsumerPrice {
    /// The price as the tariff gives it, per its own unit (kWh, hour, session).
    pub given: Decimal,
    /// Including taxes, when known.
    pub incl_tax: Option<Decimal>,
}

/// Whether and how the tariff's prices include tax.
pub fn consumer_price(tariff: &Tariff, component: &PriceComponent) -> ConsumerPrice {
    let incl_tax = match &tariff.tax_included {
        TaxIncluded::Yes | TaxIncluded::NotApplicable => Some(component.price),
        TaxIncluded::No => match component.vat {
            Some(vat) => Some(round(
                component.price * (Decimal::ONE + vat / Decimal::ONE_HUNDRED),
            )),
            None if tariff.source.version == Version::V2_1_1 => None,
            None => Some(component.price),
        },
        TaxIncluded::Other(_) => None,
    };
    ConsumerPrice {
        given: component.price,
        incl_tax,
    }
}

/// Rounds a derived price to four decimal places, half away from zero, without trailing zeros.
pub fn round(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// The prices of a tariff in the order AFIR Art. 5(4) lists them: per kWh, per minute (charging
/// time), per session, then any other component (parking time, per minute).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PricesInAfirOrder {
    pub per_kwh: Vec<ConsumerPrice>,
    /// TIME prices, converted from per hour to per minute.
    pub per_minute: Vec<ConsumerPrice>,
    pub per_session: Vec<ConsumerPrice>,
    /// PARKING_TIME prices, per minute.
    pub parking_per_minute: Vec<ConsumerPrice>,
    /// Whether every price has a known consumer price.
    pub all_incl_tax: bool,
    /// Whether some element has restrictions (the price depends on time, energy, ...).
    pub restricted: bool,
}

impl PricesInAfirOrder {
    /// Collects the distinct prices of each dimension, in element order.
    pub fn of(tariff: &Tariff) -> PricesInAfirOrder {
        let mut prices = PricesInAfirOrder {
            all_incl_tax: true,
            restricted: tariff
                .elements
                .iter()
                .any(|e| e.restrictions.as_ref().is_some_and(|r| !r.is_empty())),
            ..PricesInAfirOrder::default()
        };
        let per_minute = |p: ConsumerPrice| ConsumerPrice {
            given: round(p.given / Decimal::from(60)),
            incl_tax: p.incl_tax.map(|v| round(v / Decimal::from(60))),
        };
        for component in tariff.price_components() {
            let price = consumer_price(tariff, component);
            prices.all_incl_tax &= price.incl_tax.is_some();
            let (list, price) = match component.dimension {
                DimensionType::Energy => (&mut prices.per_kwh, price),
                DimensionType::Time => (&mut prices.per_minute, per_minute(price)),
                DimensionType::Flat => (&mut prices.per_session, price),
                DimensionType::ParkingTime => (&mut prices.parking_per_minute, per_minute(price)),
                DimensionType::Other(_) => continue,
            };
            if !list.contains(&price) {
                list.push(price);
            }
        }
        prices
    }

    /// The prices as JSON, consumer prices where known: `{"per_kwh": [...], "per_minute": [...],
    /// "per_session": [...], "other": [{"type": "PARKING_TIME", "per_minute": ...}],
    /// "incl_tax": bool, "restricted": bool}`.
    pub fn to_json(&self) -> Value {
        let shown = |list: &[ConsumerPrice]| -> Vec<String> {
            list.iter()
                .map(|p| {
                    if self.all_incl_tax {
                        p.incl_tax.unwrap_or(p.given).to_string()
                    } else {
                        p.given.to_string()
                    }
                })
                .collect()
        };
        let other: Vec<Value> = shown(&self.parking_per_minute)
            .into_iter()
            .map(|p| json!({"type": "PARKING_TIME", "per_minute": p}))
            .collect();
        json!({
            "per_kwh": shown(&self.per_kwh),
            "per_minute": shown(&self.per_minute),
            "per_session": shown(&self.per_session),
            "other": other,
            "incl_tax": self.all_incl_tax,
            "restricted": self.restricted,
        })
    }

    /// The prices in words, in the AFIR order: `0.275 EUR/kWh, 0.0333 EUR/min, 0.6 EUR/session`.
    pub fn describe(&self, currency: &str) -> String {
        let value = |p: &ConsumerPrice| {
            if self.all_incl_tax {
                p.incl_tax.unwrap_or(p.given)
            } else {
                p.given
            }
        };
        let mut parts = Vec::new();
        for (list, unit) in [
            (&self.per_kwh, "kWh"),
            (&self.per_minute, "min"),
            (&self.per_session, "session"),
            (&self.parking_per_minute, "min parking"),
        ] {
            for p in list {
                parts.push(format!("{} {currency}/{unit}", value(p)));
            }
        }
        if parts.is_empty() {
            return "no price components".into();
        }
        let tax = if self.all_incl_tax {
            "incl. tax"
        } else {
            "excl. VAT; the consumer price is not known"
        };
        format!("{} ({tax})", parts.join(", "))
    }
}

/// The pointer of a tariff field, with the tariff's file when it differs from `file`.
pub fn tariff_field(tariff: &Tariff, file: &str, rest: &str) -> Field {
    Field::from(if tariff.source.file == file {
        format!("{}{rest}", tariff.source.pointer)
    } else {
        format!("{}#{}{rest}", tariff.source.file, tariff.source.pointer)
    })
}

/// Pointers of the price components of a tariff of the given dimensions (all when empty).
pub fn component_fields(
    tariff: &Tariff,
    file: &str,
    dimensions: &[DimensionType],
    places: &Places,
) -> Vec<Field> {
    let own = &tariff.source.file;
    let prefix = if own == file {
        String::new()
    } else {
        format!("{own}#")
    };
    let mut out = Vec::new();
    for (e, element) in tariff.elements.iter().enumerate() {
        let element_pointer = places.entry(own, &format!("{}/elements", tariff.source.pointer), e);
        for (c, component) in element.price_components.iter().enumerate() {
            if dimensions.is_empty() || dimensions.contains(&component.dimension) {
                let pointer = places.entry(own, &format!("{element_pointer}/price_components"), c);
                out.push(Field::from(format!("{prefix}{pointer}")));
            }
        }
    }
    out
}
