//! Pricing periods against a tariff: element selection, step_size, FLAT once, taxes, price
//! limits. One engine for CDRs and session descriptions.
//!
//! 1. Each period is evaluated at its start: for every dimension it consumed, the first element
//!    (in the tariff's order) whose restrictions hold and that has a component of that dimension
//!    prices it, with its first component of that dimension (OCPI 2.2+ "per dimension" wording,
//!    applied to 2.1.1 too). Elements restricted to `reservation` price only reservation
//!    periods, and only they do.
//! 2. FLAT is charged once per session: by the first period in which an element with a FLAT
//!    component applies. The same for the FLAT of a reservation.
//! 3. `step_size` is applied at the end, per component type: the billed quantity of all
//!    periods of that type is rounded up to a multiple of the step_size of the component that
//!    priced the last of them, and the remainder is billed in that last period, at its price.
//!    When the session ends within the charging time billed this way, the parking before its
//!    end is not billed (the spec's step_size example #1).
//! 4. Amounts are exact (no rounding until output); taxes per [`TaxRule`]; then `min_price` and
//!    `max_price`, each bound before and after taxes applying on its own.

use super::error::{ErrorCode, PriceError, PriceWarning, WarningCode, push_warning};
use super::period::ChargingPeriod;
use super::priced::{
    AppliedLimit, ComponentKind, ComponentPart, ComponentPrice, PeriodCost, PricedPeriod,
    SessionPrice,
};
use super::restriction::{Applies, Moment, Rule, Verdict};
use super::tax::{Money, TaxRule};
use super::zone::Zone;
use crate::model::{DimensionType, PriceComponent, PriceLimit, Tariff};
use jiff::Timestamp;
use rust_decimal::Decimal;

/// Largest price per unit accepted (per kWh, per hour, per session).
const MAX_PRICE: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);
/// Largest price limit accepted.
const MAX_LIMIT: Decimal = Decimal::from_parts(1_000_000_000, 0, 0, false, 0);
/// Largest VAT rate accepted, percent.
const MAX_VAT: Decimal = Decimal::from_parts(1000, 0, 0, false, 0);
/// Largest energy (kWh) or time (hours) of one period.
pub(crate) const MAX_QUANTITY: Decimal = Decimal::from_parts(10_000_000, 0, 0, false, 0);
/// Most periods in one session.
pub(crate) const MAX_PERIODS: usize = 100_000;
/// Longest session, seconds (366 days).
pub(crate) const MAX_SESSION_SECONDS: i64 = 366 * 24 * 3600;

const DIMENSIONS: [DimensionType; 4] = [
    DimensionType::Energy,
    DimensionType::Flat,
    DimensionType::ParkingTime,
    DimensionType::Time,
];

fn dimension_slot(d: &DimensionType) -> Option<usize> {
    DIMENSIONS.iter().position(|x| x == d)
}

/// A tariff read for pricing: restrictions as numbers, the first component of each dimension of
/// each element, the tax rule.
#[derive(Debug)]
pub struct PreparedTariff<'t> {
    pub tariff: &'t Tariff,
    pub rules: Vec<Rule>,
    /// Per element, per dimension (ENERGY, FLAT, PARKING_TIME, TIME): index of the first
    /// component of that dimension.
    first_component: Vec<[Option<usize>; 4]>,
    pub tax: TaxRule,
    /// Notes from reading the tariff (unknown restrictions and dimensions).
    pub warnings: Vec<PriceWarning>,
}

impl<'t> PreparedTariff<'t> {
    pub fn new(tariff: &'t Tariff) -> Result<PreparedTariff<'t>, PriceError> {
        if tariff.elements.is_empty() {
            return Err(PriceError::new(
                ErrorCode::TariffHasNoElements,
                format!("tariff \"{}\" has no elements", tariff.id),
            ));
        }
        if tariff.currency.trim().is_empty() {
            return Err(PriceError::new(
                ErrorCode::CurrencyMissing,
                format!("tariff \"{}\" names no currency", tariff.id),
            ));
        }
        let mut warnings = Vec::new();
        let mut rules = Vec::with_capacity(tariff.elements.len());
        let mut first_component = Vec::with_capacity(tariff.elements.len());
        for (i, element) in tariff.elements.iter().enumerate() {
            let rule = Rule::read(element.restrictions.as_ref());
            if !rule.unreadable.is_empty() {
                warnings.push(PriceWarning::new(
                    WarningCode::RestrictionUnknown,
                    format!(
                        "element {i} has restrictions that cannot be evaluated ({}); it is never used",
                        rule.unreadable.join(", ")
                    ),
                ));
            }
            rules.push(rule);
            let mut slots = [None; 4];
            for (j, c) in element.price_components.iter().enumerate() {
                check_component(i, j, c)?;
                match dimension_slot(&c.dimension) {
                    Some(slot) => {
                        slots[slot].get_or_insert(j);
                    }
                    None => warnings.push(PriceWarning::new(
                        WarningCode::DimensionUnknown,
                        format!(
                            "element {i} component {j} prices \"{}\", which is not an OCPI dimension; it is not priced",
                            c.dimension.as_str()
                        ),
                    )),
                }
            }
            first_component.push(slots);
        }
        for (name, limit) in [
            ("min_price", &tariff.min_price),
            ("max_price", &tariff.max_price),
        ] {
            if let Some(l) = limit {
                let out = |d: Decimal| d.abs() > MAX_LIMIT;
                if out(l.before_taxes) || l.after_taxes.is_some_and(out) {
                    return Err(PriceError::at(
                        ErrorCode::TariffValueOutOfRange,
                        format!("/{name}"),
                        format!("{name} is beyond {MAX_LIMIT}"),
                    ));
                }
            }
        }
        Ok(PreparedTariff {
            tariff,
            rules,
            first_component,
            tax: TaxRule::of(tariff),
            warnings,
        })
    }

    /// Local minutes of the day at which some element's time window opens or closes, with
    /// midnight (where weekday and date restrictions change).
    pub fn minute_boundaries(&self) -> Vec<u16> {
        let mut m: Vec<u16> = std::iter::once(0)
            .chain(self.rules.iter().flat_map(Rule::minute_boundaries))
            .collect();
        m.sort_unstable();
        m.dedup();
        m
    }

    /// Session durations (seconds) at which some element starts or stops applying.
    pub fn duration_boundaries(&self) -> Vec<u64> {
        let mut d: Vec<u64> = self
            .rules
            .iter()
            .flat_map(Rule::duration_boundaries)
            .collect();
        d.sort_unstable();
        d.dedup();
        d
    }

    /// Delivered energies (kWh) at which some element starts or stops applying.
    pub fn energy_boundaries(&self) -> Vec<Decimal> {
        let mut e: Vec<Decimal> = self
            .rules
            .iter()
            .flat_map(Rule::energy_boundaries)
            .collect();
        e.sort_unstable();
        e.dedup();
        e
    }

    fn component(
        &self,
        element: usize,
        kind: ComponentKind,
    ) -> Option<(usize, &'t PriceComponent)> {
        let slot = dimension_slot(&kind.dimension())?;
        let j = self.first_component.get(element)?[slot]?;
        Some((
            j,
            self.tariff.elements.get(element)?.price_components.get(j)?,
        ))
    }
}

fn check_component(i: usize, j: usize, c: &PriceComponent) -> Result<(), PriceError> {
    let pointer = format!("/elements/{i}/price_components/{j}");
    if c.price.abs() > MAX_PRICE {
        return Err(PriceError::at(
            ErrorCode::TariffValueOutOfRange,
            format!("{pointer}/price"),
            format!("price {} is beyond {MAX_PRICE} per unit", c.price),
        ));
    }
    if c.vat.is_some_and(|v| v < Decimal::ZERO || v > MAX_VAT) {
        return Err(PriceError::at(
            ErrorCode::TariffValueOutOfRange,
            format!("{pointer}/vat"),
            "vat is not a percentage between 0 and 1000",
        ));
    }
    Ok(())
}

/// One component type's share of one period.
#[derive(Debug, Clone)]
struct Part {
    period: usize,
    kind: ComponentKind,
    element: usize,
    component: usize,
    /// Billed quantity in step units (Wh, seconds, or 1 for FLAT), after step_size and parking
    /// covered by billed time.
    billed: Decimal,
}

/// How an input is to be priced, besides its periods.
#[derive(Debug, Clone, Copy)]
pub struct PricingContext {
    /// The reservation before the session expired without a charging session.
    pub reservation_expired: bool,
    /// Write the explanation of the tariff into the result (about half the cost of a price;
    /// left out where only amounts are used).
    pub explain: bool,
}

impl Default for PricingContext {
    fn default() -> Self {
        PricingContext {
            reservation_expired: false,
            explain: true,
        }
    }
}

/// Prices `periods` (in any order; they are priced in time order) with a prepared tariff, in
/// `zone`. `warnings` are carried into the result (from reading the input).
pub fn price(
    prepared: &PreparedTariff<'_>,
    periods: &[ChargingPeriod],
    zone: &Zone,
    context: PricingContext,
    mut warnings: Vec<PriceWarning>,
) -> Result<SessionPrice, PriceError> {
    let tariff = prepared.tariff;
    if tariff.source.has_errors {
        warnings.push(PriceWarning::new(
            WarningCode::TariffHasErrors,
            format!(
                "tariff \"{}\" has validation errors; what could not be read is not priced",
                tariff.id
            ),
        ));
    }
    for w in &prepared.warnings {
        push_warning(&mut warnings, w.clone());
    }
    check_periods(periods)?;
    let mut order: Vec<usize> = (0..periods.len()).collect();
    order.sort_by_key(|&i| periods[i].start);
    let periods: Vec<&ChargingPeriod> = order.iter().map(|&i| &periods[i]).collect();

    let (mut parts, locals) = select_parts(prepared, &periods, zone, context, &mut warnings);
    apply_step_sizes(prepared, &periods, &mut parts);
    let costs: Vec<Money> = parts
        .iter()
        .map(|part| {
            let c = component_of(prepared, part);
            prepared
                .tax
                .split(part.billed * c.price / unit_size(part.kind), c.vat)
        })
        .collect();
    let components = components(prepared, &parts, &costs);
    let components_total = costs.iter().fold(Money::zero(), |a, b| a + *b);
    if let Some(which) = match (components_total.before_tax, components_total.after_tax) {
        (None, _) => Some("before"),
        (_, None) => Some("after"),
        _ => None,
    } {
        push_warning(
            &mut warnings,
            PriceWarning::new(
                WarningCode::TaxUnknown,
                format!("the tariff's tax information does not give the total {which} tax"),
            ),
        );
    }
    let (total, price_limit) = apply_limits(tariff, components_total, &mut warnings);

    Ok(SessionPrice {
        tariff_id: tariff.id.clone(),
        currency: tariff.currency.clone(),
        time_zone: zone.name.clone(),
        time_zone_source: zone.source,
        total,
        components,
        price_limit,
        periods: period_rows(prepared, &periods, &locals, &parts, &costs),
        explanation: if context.explain {
            super::explain::explain_tariff(tariff, super::explain::Language::En)
        } else {
            String::new()
        },
        warnings,
        cdr: None,
    })
}

/// Step 1: evaluates the restrictions at the start of each period and records, per component
/// type consumed, the element and component that price it. Also returns each period's local
/// start.
fn select_parts(
    prepared: &PreparedTariff<'_>,
    periods: &[&ChargingPeriod],
    zone: &Zone,
    context: PricingContext,
    warnings: &mut Vec<PriceWarning>,
) -> (Vec<Part>, Vec<jiff::civil::DateTime>) {
    let session_start = periods
        .iter()
        .find(|p| !p.is_reservation())
        .or(periods.first())
        .map(|p| p.start);
    let reservation_start = periods.iter().find(|p| p.is_reservation()).map(|p| p.start);
    if let Some(start) = session_start {
        check_tariff_active(prepared.tariff, start, warnings);
    }
    let mut parts: Vec<Part> = Vec::with_capacity(periods.len() * 2);
    let mut locals = Vec::with_capacity(periods.len());
    let mut energy_before = Decimal::ZERO;
    let mut verdicts: Vec<Verdict> = Vec::with_capacity(prepared.rules.len());
    let mut flat_charged = false;
    let mut reservation_flat_charged = false;
    for (index, period) in periods.iter().enumerate() {
        let local = zone.tz.to_datetime(period.start);
        locals.push(local);
        let reservation = period.is_reservation();
        let origin = if reservation {
            reservation_start
        } else {
            session_start
        };
        let moment = Moment {
            minute: local.hour() as u16 * 60 + local.minute() as u16,
            weekday: local.weekday(),
            date: local.date(),
            energy_kwh: energy_before,
            elapsed_ns: origin.map_or(0, |o| period.start.as_nanosecond() - o.as_nanosecond()),
            power_kw: period.power_kw,
            current_a: period.current_a,
        };
        verdicts.clear();
        verdicts.extend(prepared.rules.iter().map(|r| r.evaluate(&moment)));

        let reservation_wanted;
        let session_wanted;
        let wanted: &[(ComponentKind, Decimal)] = if reservation {
            reservation_wanted = [
                (ComponentKind::ReservationTime, period.reservation_seconds),
                (
                    ComponentKind::ReservationFlat,
                    flat_quantity(&mut reservation_flat_charged),
                ),
            ];
            &reservation_wanted
        } else {
            session_wanted = [
                (
                    ComponentKind::Energy,
                    period.energy_kwh * Decimal::ONE_THOUSAND,
                ),
                (ComponentKind::Time, period.charging_seconds),
                (ComponentKind::ParkingTime, period.parking_seconds),
                (ComponentKind::Flat, flat_quantity(&mut flat_charged)),
            ];
            &session_wanted
        };
        for &(kind, quantity) in wanted {
            if quantity <= Decimal::ZERO {
                continue;
            }
            let (found, value_missing) =
                select(prepared, &verdicts, kind, context.reservation_expired);
            if value_missing {
                warn_value_missing(warnings, kind);
            }
            match found {
                Some((element, component)) => parts.push(Part {
                    period: index,
                    kind,
                    element,
                    component,
                    billed: quantity,
                }),
                // A FLAT not found in this period may apply in a later one.
                None => match kind {
                    ComponentKind::Flat => flat_charged = false,
                    ComponentKind::ReservationFlat => reservation_flat_charged = false,
                    _ => {}
                },
            }
        }
        energy_before += period.energy_kwh;
    }
    (parts, locals)
}

/// The periods as priced, each with its costs.
fn period_rows(
    prepared: &PreparedTariff<'_>,
    periods: &[&ChargingPeriod],
    locals: &[jiff::civil::DateTime],
    parts: &[Part],
    costs: &[Money],
) -> Vec<PricedPeriod> {
    periods
        .iter()
        .zip(locals)
        .enumerate()
        .map(|(index, (p, local))| PricedPeriod {
            start: p.start,
            end: p.end,
            local_start: *local,
            energy_kwh: p.energy_kwh,
            charging_hours: p.charging_seconds / SECONDS_PER_HOUR,
            parking_hours: p.parking_seconds / SECONDS_PER_HOUR,
            reservation_hours: p.reservation_seconds / SECONDS_PER_HOUR,
            power_kw: p.power_kw,
            current_a: p.current_a,
            costs: parts
                .iter()
                .zip(costs)
                .filter(|(part, _)| part.period == index)
                .map(|(part, money)| PeriodCost {
                    kind: part.kind,
                    element: part.element,
                    price: component_of(prepared, part).price,
                    quantity: part.billed / unit_size(part.kind),
                    amount: *money,
                })
                .collect(),
        })
        .collect()
}

const SECONDS_PER_HOUR: Decimal = Decimal::from_parts(3600, 0, 0, false, 0);

/// FLAT is asked for once: the first call says 1 and marks it charged (the caller unmarks it
/// when no element priced it).
fn flat_quantity(charged: &mut bool) -> Decimal {
    if *charged {
        Decimal::ZERO
    } else {
        *charged = true;
        Decimal::ONE
    }
}

fn warn_value_missing(warnings: &mut Vec<PriceWarning>, kind: ComponentKind) {
    push_warning(
        warnings,
        PriceWarning::new(
            WarningCode::RestrictionValueMissing,
            format!(
                "an element with {} has a power or current restriction, but the input does not give the power or current; read as not met",
                kind.dimension().as_str()
            ),
        ),
    );
}

fn check_periods(periods: &[ChargingPeriod]) -> Result<(), PriceError> {
    if periods.len() > MAX_PERIODS {
        return Err(PriceError::new(
            ErrorCode::SessionTooLong,
            format!(
                "{} periods; at most {MAX_PERIODS} can be priced",
                periods.len()
            ),
        ));
    }
    for (i, p) in periods.iter().enumerate() {
        let quantities = [
            p.energy_kwh,
            p.charging_seconds / SECONDS_PER_HOUR,
            p.parking_seconds / SECONDS_PER_HOUR,
            p.reservation_seconds / SECONDS_PER_HOUR,
        ];
        let powers = [p.power_kw, p.current_a];
        if quantities
            .iter()
            .any(|q| *q < Decimal::ZERO || *q > MAX_QUANTITY)
            || powers
                .iter()
                .flatten()
                .any(|q| *q < Decimal::ZERO || *q > MAX_QUANTITY)
        {
            return Err(PriceError::at(
                ErrorCode::QuantityOutOfRange,
                format!("/charging_periods/{i}"),
                format!("period {i} has a negative or unrealistically large quantity"),
            ));
        }
        if p.end < p.start {
            return Err(PriceError::at(
                ErrorCode::SessionEndsBeforeStart,
                format!("/charging_periods/{i}"),
                format!("period {i} ends before it starts"),
            ));
        }
    }
    if let (Some(first), Some(last)) = (
        periods.iter().map(|p| p.start).min(),
        periods.iter().map(|p| p.end).max(),
    ) && last.as_second() - first.as_second() > MAX_SESSION_SECONDS
    {
        return Err(PriceError::new(
            ErrorCode::SessionTooLong,
            "the periods span more than 366 days",
        ));
    }
    Ok(())
}

fn check_tariff_active(tariff: &Tariff, start: Timestamp, warnings: &mut Vec<PriceWarning>) {
    let before = tariff.start_date_time.is_some_and(|s| start < s);
    let after = tariff.end_date_time.is_some_and(|e| start >= e);
    if before || after {
        warnings.push(PriceWarning::new(
            WarningCode::TariffNotActive,
            format!(
                "the session starts at {start}, {} the tariff's {}",
                if before { "before" } else { "at or after" },
                if before {
                    "start_date_time"
                } else {
                    "end_date_time"
                }
            ),
        ));
    }
}

/// The first element that applies and has a component for `kind` (element, component), and
/// whether a candidate before it could not be evaluated (a power or current was unknown).
fn select(
    prepared: &PreparedTariff<'_>,
    verdicts: &[Verdict],
    kind: ComponentKind,
    reservation_expired: bool,
) -> (Option<(usize, usize)>, bool) {
    let passes: &[Applies] = match kind {
        ComponentKind::ReservationTime | ComponentKind::ReservationFlat if reservation_expired => {
            &[Applies::ReservationExpires, Applies::Reservation]
        }
        ComponentKind::ReservationTime | ComponentKind::ReservationFlat => &[Applies::Reservation],
        _ => &[Applies::Session],
    };
    let mut missing = false;
    for applies in passes {
        for (i, rule) in prepared.rules.iter().enumerate() {
            if rule.applies_to() != *applies {
                continue;
            }
            let Some((j, _)) = prepared.component(i, kind) else {
                continue;
            };
            match verdicts[i] {
                Verdict::Applies => return (Some((i, j)), missing),
                Verdict::ValueMissing => missing = true,
                Verdict::DoesNotApply => {}
            }
        }
    }
    (None, missing)
}

fn component_of<'t>(prepared: &PreparedTariff<'t>, part: &Part) -> &'t PriceComponent {
    &prepared.tariff.elements[part.element].price_components[part.component]
}

/// Step units per display unit: Wh per kWh, seconds per hour, 1 per session.
fn unit_size(kind: ComponentKind) -> Decimal {
    match kind {
        ComponentKind::Energy => Decimal::ONE_THOUSAND,
        ComponentKind::Time | ComponentKind::ParkingTime | ComponentKind::ReservationTime => {
            SECONDS_PER_HOUR
        }
        ComponentKind::Flat | ComponentKind::ReservationFlat => Decimal::ONE,
    }
}

/// Rounds each component type's billed quantity up to the step_size of the component that
/// priced its last period, billing the remainder there. TIME first: time billed beyond the end
/// of charging covers the parking right after it.
fn apply_step_sizes(
    prepared: &PreparedTariff<'_>,
    periods: &[&ChargingPeriod],
    parts: &mut [Part],
) {
    for kind in [
        ComponentKind::Energy,
        ComponentKind::Time,
        ComponentKind::ParkingTime,
        ComponentKind::ReservationTime,
    ] {
        let total: Decimal = parts
            .iter()
            .filter(|p| p.kind == kind)
            .map(|p| p.billed)
            .sum();
        let Some(last) = parts
            .iter()
            .rposition(|p| p.kind == kind && p.billed > Decimal::ZERO)
        else {
            continue;
        };
        let step = Decimal::from(component_of(prepared, &parts[last]).step_size.max(1));
        let rounded = (total / step).ceil() * step;
        let extra = rounded - total;
        if extra <= Decimal::ZERO {
            continue;
        }
        parts[last].billed += extra;
        if kind == ComponentKind::Time {
            cover_parking(periods, parts, parts[last].period, extra);
        }
    }
}

/// Charging time billed beyond the end of charging (a step_size remainder) covers the parking
/// right after it when the session ends within that time: the driver left before the billed
/// charging time was over, so that parking is not billed again (the spec's step_size example
/// #1). Parking that goes on longer is billed in full (the spec's complex tariff example bills
/// 150 minutes of charging and 45 of parking for 147 and 42).
fn cover_parking(periods: &[&ChargingPeriod], parts: &mut [Part], after: usize, extra: Decimal) {
    let following: Vec<usize> = periods
        .iter()
        .enumerate()
        .skip(after + 1)
        .take_while(|(_, p)| p.charging_seconds.is_zero())
        .map(|(i, _)| i)
        .collect();
    if following.len() + after + 1 != periods.len() {
        return;
    }
    let parked: Decimal = following.iter().map(|&i| periods[i].parking_seconds).sum();
    if parked > extra {
        return;
    }
    for part in parts
        .iter_mut()
        .filter(|p| p.kind == ComponentKind::ParkingTime && following.contains(&p.period))
    {
        part.billed = Decimal::ZERO;
    }
}

/// Sums the parts per component type, in the AFIR order.
fn components(
    prepared: &PreparedTariff<'_>,
    parts: &[Part],
    costs: &[Money],
) -> Vec<ComponentPrice> {
    let mut out = Vec::new();
    for kind in ComponentKind::ALL {
        let mut list: Vec<ComponentPart> = Vec::new();
        let mut amount = Money::zero();
        let mut quantity = Decimal::ZERO;
        for (part, cost) in parts.iter().zip(costs).filter(|(p, _)| p.kind == kind) {
            let c = component_of(prepared, part);
            amount = amount + *cost;
            quantity += part.billed;
            match list
                .iter_mut()
                .find(|x| x.element == part.element && x.price == c.price)
            {
                Some(x) => {
                    x.quantity += part.billed / unit_size(kind);
                    x.amount = x.amount + *cost;
                }
                None => list.push(ComponentPart {
                    element: part.element,
                    price: c.price,
                    vat: c.vat,
                    step_size: c.step_size,
                    quantity: part.billed / unit_size(kind),
                    amount: *cost,
                }),
            }
        }
        if list.is_empty() {
            continue;
        }
        let price = list
            .iter()
            .all(|x| x.price == list[0].price)
            .then_some(list[0].price);
        out.push(ComponentPrice {
            kind,
            quantity: quantity / unit_size(kind),
            unit: kind.unit(),
            price,
            amount,
            parts: list,
        });
    }
    out
}

/// Applies `min_price` and `max_price`. Each bound applies to the total it names; when a limit
/// gives no after-tax amount, the after-tax total moves with the before-tax total at the same
/// tax ratio.
fn apply_limits(
    tariff: &Tariff,
    total: Money,
    warnings: &mut Vec<PriceWarning>,
) -> (Money, Option<AppliedLimit>) {
    let mut out = total;
    let mut applied = None;
    for (kind, limit, raise) in [
        ("min_price", &tariff.min_price, true),
        ("max_price", &tariff.max_price, false),
    ] {
        let Some(limit) = limit else { continue };
        let limited = limit_money(out, limit, raise, warnings);
        if limited != out {
            out = limited;
            applied = Some(AppliedLimit {
                kind,
                components_total: total,
            });
        }
    }
    (out, applied)
}

fn limit_money(
    total: Money,
    limit: &PriceLimit,
    raise: bool,
    warnings: &mut Vec<PriceWarning>,
) -> Money {
    let beyond = |value: Decimal, bound: Decimal| {
        if raise { value < bound } else { value > bound }
    };
    let mut out = total;
    if let Some(before) = total.before_tax
        && beyond(before, limit.before_taxes)
    {
        out.before_tax = Some(limit.before_taxes);
        if limit.after_taxes.is_none() {
            out.after_tax = match total.after_tax {
                Some(after) if !before.is_zero() => after
                    .checked_mul(limit.before_taxes)
                    .and_then(|x| x.checked_div(before)),
                _ => None,
            };
            if total.after_tax.is_some() && out.after_tax.is_none() {
                push_warning(
                    warnings,
                    PriceWarning::new(
                        WarningCode::PriceLimitPartial,
                        "the price limit gives no amount after taxes and the tax ratio is unknown; the total after taxes is unknown",
                    ),
                );
            }
        }
    }
    if let (Some(after), Some(bound)) = (out.after_tax, limit.after_taxes)
        && beyond(after, bound)
    {
        out.after_tax = Some(bound);
    }
    if total.before_tax.is_none() && limit.after_taxes.is_none() {
        push_warning(
            warnings,
            PriceWarning::new(
                WarningCode::PriceLimitPartial,
                "the total before taxes is unknown and the price limit gives no amount after taxes; the limit was not applied",
            ),
        );
    }
    out
}
