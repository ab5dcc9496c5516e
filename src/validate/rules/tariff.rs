//! Rules inside one Tariff: restrictions that can never apply, elements that can never be
//! reached, price limits, validity, step sizes, prices and taxes, the free-of-charge pattern.

use super::{Ctx, arr, dec, energy_mix, head, last_updated_future, num_text, text, ts_of};
use crate::diagnostic::Code;
use crate::json::Node;
use crate::spec::Version;
use crate::validate::format::utc_seconds;
use crate::validate::report::Item;
use rust_decimal::Decimal;

const TARIFF: &str = "mod_tariffs #Tariff";
const ELEMENT: &str = "mod_tariffs #TariffElement";
const COMPONENT: &str = "mod_tariffs #PriceComponent";
const RESTRICTIONS: &str = "mod_tariffs #TariffRestrictions";

const ENERGY: u8 = 1;
const FLAT: u8 = 2;
const PARKING_TIME: u8 = 4;
const TIME: u8 = 8;
const DIMENSIONS: [(u8, &str); 4] = [
    (ENERGY, "ENERGY"),
    (FLAT, "FLAT"),
    (PARKING_TIME, "PARKING_TIME"),
    (TIME, "TIME"),
];

fn dimension(ty: &str) -> u8 {
    match ty {
        "ENERGY" => ENERGY,
        "FLAT" => FLAT,
        "PARKING_TIME" => PARKING_TIME,
        "TIME" => TIME,
        _ => 0,
    }
}

fn names(mask: u8) -> String {
    DIMENSIONS
        .iter()
        .filter(|(bit, _)| mask & bit != 0)
        .map(|(_, n)| *n)
        .collect::<Vec<_>>()
        .join(", ")
}

/// An element without restrictions (absent, or an empty object).
fn unrestricted(element: &Node<'_>) -> bool {
    match element.get("restrictions") {
        None => true,
        Some(r) => r.as_object().is_some_and(<[_]>::is_empty),
    }
}

/// Currencies of countries whose sales taxes are not VAT: no VAT percentage can be given there.
const SALES_TAX_CURRENCIES: &[&str] = &["USD", "CAD"];

pub(super) fn check(cx: &mut Ctx<'_>, item: &Item<'_>) {
    let t = &item.node;
    let p = item.pointer.as_str();
    let list = format!("{p}/elements");
    let elements_node = t.get("elements");
    let elements = arr(elements_node);

    // Per dimension, the first element without restrictions that prices it.
    let mut covered_by: [Option<usize>; 4] = [None; 4];
    let mut covered: u8 = 0;
    let mut fallback = false;
    let mut any_component = false;
    let mut all_flat = true;
    let mut all_zero = true;
    let mut any_vat = false;
    let mut any_positive_vat = false;

    for (j, element) in elements.iter().enumerate() {
        let e = cx.index(&list, j);
        let ep = format!("{list}/{e}");
        let components = arr(element.get("price_components"));
        let clist = format!("{ep}/price_components");
        let mut mask: u8 = 0;
        for (m, component) in components.iter().enumerate() {
            let c = cx.index(&clist, m);
            let cp = format!("{clist}/{c}");
            let ty = text(component.get("type")).unwrap_or("");
            let bit = dimension(ty);
            mask |= bit;
            any_component = true;
            if bit != FLAT {
                all_flat = false;
            }
            let price_node = component.get("price");
            if let Some(price) = dec(price_node) {
                if !price.is_zero() {
                    all_zero = false;
                }
                if price < Decimal::ZERO {
                    cx.push(
                        Code::PriceNegative,
                        price_node.expect("read").span,
                        format!("{cp}/price"),
                        COMPONENT,
                        format!(
                            "the {ty} price is {}; prices cannot be negative",
                            num_text(price_node)
                        ),
                    );
                }
            }
            let vat_node = component.get("vat");
            if let Some(vat) = dec(vat_node) {
                any_vat = true;
                if vat > Decimal::ZERO {
                    any_positive_vat = true;
                }
                if vat < Decimal::ZERO || vat > Decimal::from(100) {
                    cx.push(
                        Code::VatOutOfRange,
                        vat_node.expect("read").span,
                        format!("{cp}/vat"),
                        COMPONENT,
                        format!(
                            "vat {} is not a percentage between 0 and 100",
                            num_text(vat_node)
                        ),
                    );
                }
            }
            step_size(cx, component, &cp, ty);
        }
        let free_of_restrictions = unrestricted(element);
        if let Some(r) = element.get("restrictions")
            && r.as_object().is_some_and(|o| !o.is_empty())
        {
            restrictions(
                cx,
                r,
                &format!("{ep}/restrictions"),
                mask,
                components,
                &clist,
            );
        }
        if mask != 0 && covered != 0 && mask & !covered == 0 {
            let by: Vec<String> = DIMENSIONS
                .iter()
                .enumerate()
                .filter(|(_, (bit, _))| mask & bit != 0)
                .filter_map(|(i, _)| covered_by[i])
                .map(|i| format!("elements/{}", cx.index(&list, i)))
                .fold(Vec::new(), |mut acc, s| {
                    if !acc.contains(&s) {
                        acc.push(s);
                    }
                    acc
                });
            cx.push(
                Code::TariffElementUnreachable,
                head(element.span),
                ep.clone(),
                ELEMENT,
                format!(
                    "this element can never be used: {} {} already priced by {} without restrictions, and for each dimension the first matching element wins; move this element before it or remove it",
                    names(mask),
                    if mask.count_ones() == 1 { "is" } else { "are" },
                    by.join(" and ")
                ),
            );
        }
        if free_of_restrictions {
            for (i, (bit, _)) in DIMENSIONS.iter().enumerate() {
                if mask & bit != 0 && covered_by[i].is_none() {
                    covered_by[i] = Some(j);
                }
            }
            covered |= mask;
            if mask & (ENERGY | TIME) != 0 {
                fallback = true;
            }
        }
    }

    let v23 = cx.version >= Version::V2_3_0;
    let (lower, upper) = if v23 {
        ("before_taxes", "after_taxes")
    } else {
        ("excl_vat", "incl_vat")
    };
    let limit_section = if v23 {
        "mod_tariffs #PriceLimit"
    } else {
        "types #Price"
    };
    let min_price = t.get("min_price");
    let max_price = t.get("max_price");
    let mut min_is_zero = true;
    if cx.v22() {
        for (field, node) in [("min_price", min_price), ("max_price", max_price)] {
            let Some(node) = node else { continue };
            for key in [lower, upper] {
                let value_node = node.get(key);
                let Some(value) = dec(value_node) else {
                    continue;
                };
                if field == "min_price" && !value.is_zero() {
                    min_is_zero = false;
                }
                if value < Decimal::ZERO {
                    cx.push(
                        Code::PriceNegative,
                        value_node.expect("read").span,
                        format!("{p}/{field}/{key}"),
                        limit_section,
                        format!(
                            "{field}.{key} is {}; prices cannot be negative",
                            num_text(value_node)
                        ),
                    );
                }
            }
        }
        if let (Some(min), Some(max)) = (min_price, max_price) {
            let mut above: Vec<String> = Vec::new();
            for key in [lower, upper] {
                if let (Some(a), Some(b)) = (dec(min.get(key)), dec(max.get(key)))
                    && a > b
                {
                    above.push(format!(
                        "{key} {} > {}",
                        num_text(min.get(key)),
                        num_text(max.get(key))
                    ));
                }
            }
            if !above.is_empty() {
                cx.push(
                    Code::TariffMinAboveMax,
                    max.span,
                    format!("{p}/max_price"),
                    TARIFF,
                    format!(
                        "min_price is above max_price ({}): no session cost can satisfy both; correct one of them",
                        above.join(", ")
                    ),
                );
            }
        }
    }

    let free = any_component && all_zero && min_is_zero;
    if free {
        let canonical = elements.len() == 1
            && unrestricted(&elements[0])
            && arr(elements[0].get("price_components")).len() == 1
            && text(arr(elements[0].get("price_components"))[0].get("type")) == Some("FLAT");
        if !canonical {
            cx.push(
                Code::TariffFreeNotCanonical,
                head(elements_node.map_or(t.span, |n| n.span)),
                list.clone(),
                TARIFF,
                "every price of this tariff is 0, but it is not written in the spec's free-of-charge pattern (one element without restrictions holding one FLAT component with price 0); write it that way so that every receiver sees it is free".into(),
            );
        }
    } else if any_component && !all_flat && !fallback {
        cx.push(
            Code::TariffNoFallback,
            head(elements_node.map_or(t.span, |n| n.span)),
            list.clone(),
            TARIFF,
            "no element without restrictions prices ENERGY or TIME: a session outside every restriction (another time, day or power) finds no energy or time price; consider a last element without restrictions as the default".into(),
        );
    }

    let start_node = t.get("start_date_time");
    let end_node = t.get("end_date_time");
    let start = ts_of(start_node);
    let end = ts_of(end_node);
    if let (Some(s), Some(e)) = (start, end)
        && s >= e
    {
        cx.push(
            Code::TariffValidityInverted,
            end_node.expect("read").span,
            format!("{p}/end_date_time"),
            TARIFF,
            format!(
                "end_date_time {} is not after start_date_time {}: the tariff is never valid; correct the dates",
                text(end_node).unwrap_or_default(),
                text(start_node).unwrap_or_default()
            ),
        );
    } else {
        not_current(cx, t, p, start, end);
    }

    if v23 {
        tax_included(cx, t, p, any_vat, any_positive_vat);
    }
    if let Some(mix) = t.get("energy_mix") {
        energy_mix(cx, mix, &format!("{p}/energy_mix"));
    }
    last_updated_future(
        cx,
        t.get("last_updated"),
        || format!("{p}/last_updated"),
        TARIFF,
    );
}

fn step_size(cx: &mut Ctx<'_>, component: &Node<'_>, cp: &str, ty: &str) {
    let node = component.get("step_size");
    let Some(step) = dec(node) else { return };
    let node = node.expect("read");
    let shown = num_text(Some(node));
    if step.is_zero() {
        cx.push(
            Code::StepSizeZero,
            node.span,
            format!("{cp}/step_size"),
            COMPONENT,
            format!("step_size of the {ty} component is 0, whose meaning the spec does not define; it is read as 1 — write 1"),
        );
    } else if ty == "FLAT" {
        if step != Decimal::ONE {
            cx.push(
                Code::StepSizeOnFlat,
                node.span,
                format!("{cp}/step_size"),
                COMPONENT,
                format!("step_size {shown} on a FLAT component has no meaning (a flat fee has no unit to round); write 1"),
            );
        }
    } else if step != Decimal::ONE {
        let unit = match ty {
            "ENERGY" => " Wh",
            "TIME" | "PARKING_TIME" => " s",
            _ => "",
        };
        cx.push(
            Code::StepSizeNotOne,
            node.span,
            format!("{cp}/step_size"),
            COMPONENT,
            format!(
                "step_size of the {ty} component is {shown}{unit}: usage is rounded up to multiples of it; the spec advises 1, and OCPI 3.0 removes step sizes"
            ),
        );
    }
}

const PAIRS: [(&str, &str, &str); 4] = [
    ("min_kwh", "max_kwh", "kWh"),
    ("min_current", "max_current", "A"),
    ("min_power", "max_power", "kW"),
    ("min_duration", "max_duration", "s"),
];

fn restrictions(
    cx: &mut Ctx<'_>,
    r: &Node<'_>,
    rp: &str,
    mask: u8,
    components: &[Node<'_>],
    clist: &str,
) {
    for (min, max, unit) in PAIRS {
        let max_node = r.get(max);
        if let (Some(a), Some(b)) = (dec(r.get(min)), dec(max_node))
            && a >= b
        {
            cx.push(
                Code::RestrictionMinNotBelowMax,
                max_node.expect("read").span,
                format!("{rp}/{max}"),
                RESTRICTIONS,
                format!(
                    "{min} {} {unit} is not below {max} {} {unit}; the minimum is inclusive and the maximum exclusive, so this element can never apply",
                    num_text(r.get(min)),
                    num_text(max_node)
                ),
            );
        }
    }
    let start_time = text(r.get("start_time"));
    let end_node = r.get("end_time");
    if let (Some(s), Some(e)) = (start_time, text(end_node))
        && s == e
    {
        cx.push(
            Code::RestrictionTimeEqual,
            end_node.expect("read").span,
            format!("{rp}/end_time"),
            RESTRICTIONS,
            format!(
                "start_time and end_time are both {s}: a window of no time at all, or the whole day by some readings; leave both out for the whole day"
            ),
        );
    }
    if let Some(node) = end_node
        && node.as_str() == Some("23:59")
    {
        cx.push(
            Code::RestrictionTimeBeforeMidnight,
            node.span,
            format!("{rp}/end_time"),
            RESTRICTIONS,
            "end_time is 23:59, which leaves the last minute of the day uncovered (end_time is exclusive); write 00:00 for the end of the day".into(),
        );
    }
    let end_date_node = r.get("end_date");
    if let (Some(s), Some(e)) = (text(r.get("start_date")), text(end_date_node))
        && s >= e
    {
        cx.push(
            Code::RestrictionDateInverted,
            end_date_node.expect("read").span,
            format!("{rp}/end_date"),
            RESTRICTIONS,
            format!(
                "end_date {e} is not after start_date {s} (end_date is exclusive), so this element can never apply; correct the dates"
            ),
        );
    }
    if let Some(days_node) = r.get("day_of_week") {
        let dlist = format!("{rp}/day_of_week");
        let days = arr(Some(days_node));
        if days.is_empty() {
            if !cx.dropped.any(&dlist) {
                cx.push(
                    Code::RestrictionDayEmpty,
                    days_node.span,
                    dlist,
                    RESTRICTIONS,
                    "day_of_week is an empty list: some receivers read it as never, others as every day; leave it out for every day".into(),
                );
            }
        } else {
            for (j, day) in days.iter().enumerate() {
                let Some(name) = day.as_str() else { continue };
                if days[..j].iter().any(|d| d.as_str() == Some(name)) {
                    let k = cx.index(&dlist, j);
                    cx.push(
                        Code::RestrictionDayDuplicate,
                        day.span,
                        format!("{dlist}/{k}"),
                        RESTRICTIONS,
                        format!("day_of_week names {name} twice; list each day once"),
                    );
                }
            }
        }
    }
    if mask == PARKING_TIME
        && let Some(field) = ["min_power", "max_power", "min_current", "max_current"]
            .into_iter()
            .find(|f| r.get(f).is_some())
    {
        cx.push(
            Code::RestrictionPowerOnParking,
            r.get(field).expect("found").span,
            format!("{rp}/{field}"),
            RESTRICTIONS,
            format!(
                "{field} restricts an element that only prices PARKING_TIME, but no power flows while parking: the element may never apply; remove the restriction or price TIME instead"
            ),
        );
    }
    if mask == FLAT
        && let Some(field) = ["min_kwh", "max_kwh"]
            .into_iter()
            .find(|f| r.get(f).is_some())
    {
        cx.push(
            Code::RestrictionEnergyOnFlat,
            r.get(field).expect("found").span,
            format!("{rp}/{field}"),
            RESTRICTIONS,
            format!(
                "{field} restricts an element that only prices a FLAT fee, which is charged once when the session starts, before any energy flows; receivers disagree on when it applies"
            ),
        );
    }
    if cx.v22()
        && let Some(reservation) = text(r.get("reservation"))
    {
        for (m, component) in components.iter().enumerate() {
            let Some(type_node) = component.get("type") else {
                continue;
            };
            let Some(ty) = type_node.as_str() else {
                continue;
            };
            if ty != "FLAT" && ty != "TIME" {
                let c = cx.index(clist, m);
                cx.push(
                    Code::ReservationComponentType,
                    type_node.span,
                    format!("{clist}/{c}/type"),
                    RESTRICTIONS,
                    format!(
                        "this element prices a reservation ({reservation}) but holds a {ty} component; reservation elements may only hold FLAT and TIME components"
                    ),
                );
            }
        }
    }
}

fn not_current(
    cx: &mut Ctx<'_>,
    t: &Node<'_>,
    p: &str,
    start: Option<jiff::Timestamp>,
    end: Option<jiff::Timestamp>,
) {
    let end_node = t.get("end_date_time");
    let start_node = t.get("start_date_time");
    let last_updated = ts_of(t.get("last_updated"));
    let fmt = |ts: jiff::Timestamp| format!("{}Z", utc_seconds(ts));
    if let (Some(now), Some(e)) = (cx.now, end)
        && e <= now
    {
        cx.push(
            Code::TariffNotCurrent,
            end_node.expect("read").span,
            format!("{p}/end_date_time"),
            TARIFF,
            format!(
                "this tariff's validity ended at {} (now is {}); it no longer applies to new sessions — remove it or publish its successor",
                text(end_node).unwrap_or_default(),
                fmt(now)
            ),
        );
    } else if let (Some(e), Some(u)) = (end, last_updated)
        && e < u
    {
        cx.push(
            Code::TariffNotCurrent,
            end_node.expect("read").span,
            format!("{p}/end_date_time"),
            TARIFF,
            format!(
                "this tariff's validity ended at {}, before it was last updated ({}); an expired tariff should be removed or its end_date_time corrected",
                text(end_node).unwrap_or_default(),
                fmt(u)
            ),
        );
    } else if let (Some(now), Some(s)) = (cx.now, start)
        && s > now
    {
        cx.push(
            Code::TariffNotCurrent,
            start_node.expect("read").span,
            format!("{p}/start_date_time"),
            TARIFF,
            format!(
                "this tariff is not valid yet: it starts at {} (now is {})",
                text(start_node).unwrap_or_default(),
                fmt(now)
            ),
        );
    }
}

fn tax_included(cx: &mut Ctx<'_>, t: &Node<'_>, p: &str, any_vat: bool, any_positive_vat: bool) {
    let Some(node) = t.get("tax_included") else {
        return;
    };
    let Some(value) = node.as_str() else { return };
    let currency = text(t.get("currency")).unwrap_or_default();
    let message = match value {
        "N/A" if any_positive_vat => {
            "tax_included is \"N/A\" (no taxes apply) but price components give VAT percentages above 0; remove the vat fields or set tax_included to YES or NO"
        }
        "YES" if !any_vat && !SALES_TAX_CURRENCIES.contains(&currency) => {
            "tax_included is YES but no price component gives a vat percentage, so the tax inside the prices is unknown; give vat on the components"
        }
        _ => return,
    };
    cx.push(
        Code::TaxIncludedVatMismatch,
        node.span,
        format!("{p}/tax_included"),
        TARIFF,
        message.into(),
    );
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use crate::diagnostic::{Code, Severity};
    use crate::spec::Version::{V2_1_1, V2_2_1, V2_3_0};

    /// A small 2.2.1 tariff with the given elements.
    fn small(elements: &str) -> String {
        format!(
            "{{\n  \"country_code\": \"DE\",\n  \"party_id\": \"ALL\",\n  \"id\": \"1\",\n  \"currency\": \"EUR\",\n  \"elements\": [\n{elements}\n  ],\n  \"last_updated\": \"2024-12-01T00:00:00Z\"\n}}"
        )
    }

    #[test]
    fn restriction_min_not_below_max() {
        let doc = edit(
            TARIFF_221,
            &[("\"max_duration\": 7200", "\"max_duration\": 3600")],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::RestrictionMinNotBelowMax,
            Severity::Error,
            "/elements/3/restrictions/max_duration",
            line_of(&doc, "\"max_duration\""),
        );
        let doc = edit(TARIFF_221, &[("\"min_kwh\": 0.0", "\"min_kwh\": 60.0")]);
        expect(
            &run(&doc, V2_2_1),
            Code::RestrictionMinNotBelowMax,
            Severity::Error,
            "/elements/4/restrictions/max_kwh",
            line_of(&doc, "\"max_kwh\""),
        );
        let doc = edit(TARIFF_221, &[("\"min_power\": 11.0", "\"min_power\": 50")]);
        expect(
            &run(&doc, V2_2_1),
            Code::RestrictionMinNotBelowMax,
            Severity::Error,
            "/elements/4/restrictions/max_power",
            line_of(&doc, "\"max_power\""),
        );
        let doc = edit(
            TARIFF_221,
            &[(
                "\"max_current\": 32.00",
                "\"min_current\": 40, \"max_current\": 32.00",
            )],
        );
        expect(
            &run(&doc, V2_2_1),
            Code::RestrictionMinNotBelowMax,
            Severity::Error,
            "/elements/1/restrictions/max_current",
            line_of(&doc, "\"max_current\""),
        );
        expect_none(&run(TARIFF_221, V2_2_1), Code::RestrictionMinNotBelowMax);
    }

    #[test]
    fn restriction_time_equal() {
        let doc = edit(
            TARIFF_221,
            &[("\"end_time\": \"18:00\"", "\"end_time\": \"09:00\"")],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::RestrictionTimeEqual,
            Severity::Warning,
            "/elements/3/restrictions/end_time",
            line_of(&doc, "\"end_time\""),
        );
        // end_time before start_time wraps past midnight (the 2.3.0 base has 23:59-07:00): fine.
        expect_none(&run(TARIFF_230, V2_3_0), Code::RestrictionTimeEqual);
    }

    #[test]
    fn restriction_time_before_midnight() {
        let doc = edit(
            TARIFF_221,
            &[("\"end_time\": \"18:00\"", "\"end_time\": \"23:59\"")],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::RestrictionTimeBeforeMidnight,
            Severity::Warning,
            "/elements/3/restrictions/end_time",
            line_of(&doc, "\"end_time\""),
        );
        // Only end_time: the 2.3.0 base starts at 23:59.
        expect_none(
            &run(TARIFF_230, V2_3_0),
            Code::RestrictionTimeBeforeMidnight,
        );
    }

    #[test]
    fn restriction_date_inverted() {
        let doc = edit(
            TARIFF_221,
            &[(
                "\"end_date\": \"2026-01-01\"",
                "\"end_date\": \"2025-01-01\"",
            )],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::RestrictionDateInverted,
            Severity::Error,
            "/elements/3/restrictions/end_date",
            line_of(&doc, "\"end_date\""),
        );
    }

    #[test]
    fn restriction_day_duplicate() {
        let doc = edit(TARIFF_221, &[("\"FRIDAY\"]", "\"FRIDAY\", \"MONDAY\"]")]);
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::RestrictionDayDuplicate,
            Severity::Warning,
            "/elements/2/restrictions/day_of_week/5",
            line_of(&doc, "\"day_of_week\""),
        );
        // An unknown day dropped by the walk keeps the input's index.
        let doc = edit(
            TARIFF_221,
            &[
                ("[\"MONDAY\",", "[\"FUNDAY\", \"MONDAY\","),
                ("\"FRIDAY\"]", "\"FRIDAY\", \"MONDAY\"]"),
            ],
        );
        expect(
            &run(&doc, V2_2_1),
            Code::RestrictionDayDuplicate,
            Severity::Warning,
            "/elements/2/restrictions/day_of_week/6",
            line_of(&doc, "\"day_of_week\""),
        );
    }

    #[test]
    fn restriction_day_empty() {
        let doc = edit(
            TARIFF_221,
            &[(
                "\"day_of_week\": [\"MONDAY\", \"TUESDAY\", \"WEDNESDAY\", \"THURSDAY\", \"FRIDAY\"]",
                "\"day_of_week\": []",
            )],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::RestrictionDayEmpty,
            Severity::Warning,
            "/elements/2/restrictions/day_of_week",
            line_of(&doc, "\"day_of_week\""),
        );
        // null is read as absent, and a list whose only entry the walk dropped is not "empty".
        let doc = edit(
            TARIFF_221,
            &[(
                "\"day_of_week\": [\"MONDAY\", \"TUESDAY\", \"WEDNESDAY\", \"THURSDAY\", \"FRIDAY\"]",
                "\"day_of_week\": null",
            )],
        );
        expect_none(&run(&doc, V2_2_1), Code::RestrictionDayEmpty);
        let doc = edit(
            TARIFF_221,
            &[(
                "\"day_of_week\": [\"MONDAY\", \"TUESDAY\", \"WEDNESDAY\", \"THURSDAY\", \"FRIDAY\"]",
                "\"day_of_week\": [\"FUNDAY\"]",
            )],
        );
        expect_none(&run(&doc, V2_2_1), Code::RestrictionDayEmpty);
    }

    #[test]
    fn restriction_power_on_parking() {
        let doc = edit(
            TARIFF_221,
            &[(
                "\"start_time\": \"09:00\",",
                "\"start_time\": \"09:00\", \"max_current\": 16,",
            )],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::RestrictionPowerOnParking,
            Severity::Warning,
            "/elements/3/restrictions/max_current",
            line_of(&doc, "\"max_current\": 16"),
        );
        // A power restriction on TIME (the base's element 1) is fine.
        expect_none(&run(TARIFF_221, V2_2_1), Code::RestrictionPowerOnParking);
    }

    #[test]
    fn restriction_energy_on_flat() {
        let doc = edit(
            TARIFF_221,
            &[(
                "\"step_size\": 1\n    }]\n  }, {",
                "\"step_size\": 1\n    }],\n    \"restrictions\": {\"max_kwh\": 1}\n  }, {",
            )],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::RestrictionEnergyOnFlat,
            Severity::Warning,
            "/elements/0/restrictions/max_kwh",
            line_of(&doc, "{\"max_kwh\": 1}"),
        );
        expect_none(&run(TARIFF_221, V2_2_1), Code::RestrictionEnergyOnFlat);
    }

    #[test]
    fn reservation_component_type() {
        let doc = edit(
            TARIFF_230,
            &[("\"type\": \"FLAT\"", "\"type\": \"ENERGY\"")],
        );
        let d = run(&doc, V2_3_0);
        expect(
            &d,
            Code::ReservationComponentType,
            Severity::Error,
            "/elements/0/price_components/0/type",
            line_of(&doc, "\"ENERGY\""),
        );
        // FLAT (the base) and TIME are allowed.
        let doc = edit(TARIFF_230, &[("\"type\": \"FLAT\"", "\"type\": \"TIME\"")]);
        expect_none(&run(&doc, V2_3_0), Code::ReservationComponentType);
    }

    #[test]
    fn tariff_element_unreachable() {
        // Element 1 loses its restriction (an empty object is no restriction): element 2 prices
        // only TIME, which element 1 now always prices first.
        let doc = edit(TARIFF_221, &[("\"max_current\": 32.00", "")]);
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::TariffElementUnreachable,
            Severity::Warning,
            "/elements/2",
            line_of_nth(&doc, "}, {", 2),
        );
        // Element 4 (ENERGY) and element 5 (ENERGY and TIME) still price ENERGY first: reachable.
        expect_none(&run(TARIFF_221, V2_2_1), Code::TariffElementUnreachable);
        // 2.1.1 uses the same per-dimension reading.
        let doc = small(
            "    {\"price_components\": [{\"type\": \"TIME\", \"price\": 2, \"step_size\": 1}]},\n    {\"price_components\": [{\"type\": \"TIME\", \"price\": 1, \"step_size\": 1}], \"restrictions\": {\"max_power\": 11}}",
        );
        expect(
            &run(&doc, V2_2_1),
            Code::TariffElementUnreachable,
            Severity::Warning,
            "/elements/1",
            line_of(&doc, "\"price\": 1,"),
        );
    }

    #[test]
    fn tariff_min_above_max() {
        let doc = edit(
            TARIFF_221,
            &[(
                "\"max_price\": {\"excl_vat\": 50.00",
                "\"max_price\": {\"excl_vat\": 0.40",
            )],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::TariffMinAboveMax,
            Severity::Error,
            "/max_price",
            line_of(&doc, "\"max_price\""),
        );
        // incl_vat compared too, when both give it.
        let doc = edit(TARIFF_221, &[("\"incl_vat\": 60.00", "\"incl_vat\": 0.55")]);
        expect(
            &run(&doc, V2_2_1),
            Code::TariffMinAboveMax,
            Severity::Error,
            "/max_price",
            line_of(&doc, "\"max_price\""),
        );
        let doc = edit(
            TARIFF_230,
            &[("\"after_taxes\": 60.00", "\"after_taxes\": 0.59")],
        );
        expect(
            &run(&doc, V2_3_0),
            Code::TariffMinAboveMax,
            Severity::Error,
            "/max_price",
            line_of(&doc, "\"max_price\""),
        );
        // Equal limits are fine.
        let doc = edit(
            TARIFF_221,
            &[(
                "\"max_price\": {\"excl_vat\": 50.00",
                "\"max_price\": {\"excl_vat\": 0.50",
            )],
        );
        expect_none(&run(&doc, V2_2_1), Code::TariffMinAboveMax);
    }

    #[test]
    fn tariff_validity_inverted() {
        let doc = edit(
            TARIFF_221,
            &[(
                "\"end_date_time\": \"2026-01-01T00:00:00Z\"",
                "\"end_date_time\": \"2025-01-01T00:00:00Z\"",
            )],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::TariffValidityInverted,
            Severity::Error,
            "/end_date_time",
            line_of(&doc, "\"end_date_time\""),
        );
        expect_none(&d, Code::TariffNotCurrent);
    }

    #[test]
    fn tariff_not_current() {
        let doc = edit(
            TARIFF_221,
            &[(
                "\"end_date_time\": \"2026-01-01T00:00:00Z\"",
                "\"end_date_time\": \"2025-05-01T00:00:00Z\"",
            )],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::TariffNotCurrent,
            Severity::Info,
            "/end_date_time",
            line_of(&doc, "\"end_date_time\""),
        );
        expect_none(&run_without_now(&doc, V2_2_1), Code::TariffNotCurrent);
        // Not valid yet.
        let doc = edit(
            TARIFF_221,
            &[(
                "\"start_date_time\": \"2025-01-01T00:00:00Z\"",
                "\"start_date_time\": \"2025-07-01T00:00:00Z\"",
            )],
        );
        expect(
            &run(&doc, V2_2_1),
            Code::TariffNotCurrent,
            Severity::Info,
            "/start_date_time",
            line_of(&doc, "\"start_date_time\""),
        );
        // Ended before it was last updated: found without a "now".
        let doc = edit(
            TARIFF_221,
            &[(
                "\"last_updated\": \"2024-12-01T00:00:00Z\"",
                "\"last_updated\": \"2026-02-01T00:00:00Z\"",
            )],
        );
        expect(
            &run_without_now(&doc, V2_2_1),
            Code::TariffNotCurrent,
            Severity::Info,
            "/end_date_time",
            line_of(&doc, "\"end_date_time\""),
        );
    }

    #[test]
    fn step_sizes() {
        let doc = edit(
            TARIFF_221,
            &[(
                "\"price\": 2.50,\n      \"vat\": 15.0,\n      \"step_size\": 1",
                "\"price\": 2.50,\n      \"vat\": 15.0,\n      \"step_size\": 0",
            )],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::StepSizeZero,
            Severity::Warning,
            "/elements/0/price_components/0/step_size",
            line_of(&doc, "\"step_size\": 0"),
        );
        expect_none(&d, Code::StepSizeOnFlat);
        expect_none(&d, Code::StepSizeNotOne);

        let doc = edit(
            TARIFF_221,
            &[(
                "\"price\": 2.50,\n      \"vat\": 15.0,\n      \"step_size\": 1",
                "\"price\": 2.50,\n      \"vat\": 15.0,\n      \"step_size\": 5",
            )],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::StepSizeOnFlat,
            Severity::Info,
            "/elements/0/price_components/0/step_size",
            line_of(&doc, "\"step_size\": 5"),
        );
        expect_none(&d, Code::StepSizeNotOne);

        let doc = edit(
            TARIFF_221,
            &[(
                "\"price\": 1.00,\n      \"vat\": 20.0,\n      \"step_size\": 1",
                "\"price\": 1.00,\n      \"vat\": 20.0,\n      \"step_size\": 900",
            )],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::StepSizeNotOne,
            Severity::Info,
            "/elements/1/price_components/0/step_size",
            line_of(&doc, "900"),
        );
        expect_none(&d, Code::StepSizeOnFlat);
    }

    #[test]
    fn price_negative() {
        let doc = edit(TARIFF_221, &[("\"price\": 0.25", "\"price\": -0.25")]);
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::PriceNegative,
            Severity::Error,
            "/elements/4/price_components/0/price",
            line_of(&doc, "-0.25"),
        );
        let doc = edit(
            TARIFF_221,
            &[(
                "\"min_price\": {\"excl_vat\": 0.50",
                "\"min_price\": {\"excl_vat\": -0.50",
            )],
        );
        expect(
            &run(&doc, V2_2_1),
            Code::PriceNegative,
            Severity::Error,
            "/min_price/excl_vat",
            line_of(&doc, "-0.50"),
        );
        let doc = edit(TARIFF_211, &[("\"price\": 2.50", "\"price\": -2.50")]);
        expect(
            &run(&doc, V2_1_1),
            Code::PriceNegative,
            Severity::Error,
            "/elements/1/price_components/0/price",
            line_of(&doc, "-2.50"),
        );
    }

    #[test]
    fn vat_out_of_range() {
        let doc = edit(TARIFF_221, &[("\"vat\": 15.0", "\"vat\": 115.0")]);
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::VatOutOfRange,
            Severity::Error,
            "/elements/0/price_components/0/vat",
            line_of(&doc, "115.0"),
        );
        let doc = edit(TARIFF_221, &[("\"vat\": 15.0", "\"vat\": -1")]);
        expect(
            &run(&doc, V2_2_1),
            Code::VatOutOfRange,
            Severity::Error,
            "/elements/0/price_components/0/vat",
            line_of(&doc, "\"vat\": -1"),
        );
        let doc = edit(TARIFF_221, &[("\"vat\": 15.0", "\"vat\": 100")]);
        expect_none(&run(&doc, V2_2_1), Code::VatOutOfRange);
    }

    #[test]
    fn tax_included_vat_mismatch() {
        let doc = edit(
            TARIFF_230,
            &[("\"tax_included\": \"NO\"", "\"tax_included\": \"N/A\"")],
        );
        let d = run(&doc, V2_3_0);
        expect(
            &d,
            Code::TaxIncludedVatMismatch,
            Severity::Warning,
            "/tax_included",
            line_of(&doc, "\"tax_included\""),
        );
        let no_vat = edit(
            TARIFF_230,
            &[
                ("\"vat\": 19.0,", ""),
                ("\"vat\": 19.0,", ""),
                ("\"vat\": 19.0,", ""),
            ],
        );
        let doc = edit(
            &no_vat,
            &[("\"tax_included\": \"NO\"", "\"tax_included\": \"YES\"")],
        );
        expect(
            &run(&doc, V2_3_0),
            Code::TaxIncludedVatMismatch,
            Severity::Warning,
            "/tax_included",
            line_of(&doc, "\"tax_included\""),
        );
        // North American sales taxes are not VAT (the spec's tariff_20 example).
        let doc = edit(&doc, &[("\"currency\": \"EUR\"", "\"currency\": \"CAD\"")]);
        expect_none(&run(&doc, V2_3_0), Code::TaxIncludedVatMismatch);
        // YES with VAT, N/A without VAT, NO: consistent.
        let doc = edit(
            TARIFF_230,
            &[("\"tax_included\": \"NO\"", "\"tax_included\": \"YES\"")],
        );
        expect_none(&run(&doc, V2_3_0), Code::TaxIncludedVatMismatch);
        let doc = edit(
            &no_vat,
            &[("\"tax_included\": \"NO\"", "\"tax_included\": \"N/A\"")],
        );
        expect_none(&run(&doc, V2_3_0), Code::TaxIncludedVatMismatch);
    }

    #[test]
    fn tariff_no_fallback() {
        let doc = edit(
            TARIFF_221,
            &[(
                "\"restrictions\": {}",
                "\"restrictions\": {\"max_power\": 100}",
            )],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::TariffNoFallback,
            Severity::Info,
            "/elements",
            line_of(&doc, "\"elements\""),
        );
        // Only FLAT components, or free: no energy or time price to fall back to is expected.
        let doc = small(
            "    {\"price_components\": [{\"type\": \"FLAT\", \"price\": 5, \"step_size\": 1}], \"restrictions\": {\"max_duration\": 3600}}",
        );
        expect_none(&run(&doc, V2_2_1), Code::TariffNoFallback);
        expect_none(&run(TARIFF_211, V2_1_1), Code::TariffNoFallback);
    }

    #[test]
    fn tariff_free_not_canonical() {
        let doc = small(
            "    {\"price_components\": [{\"type\": \"FLAT\", \"price\": 0, \"step_size\": 1}, {\"type\": \"ENERGY\", \"price\": 0.00, \"step_size\": 1}]}",
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::TariffFreeNotCanonical,
            Severity::Info,
            "/elements",
            line_of(&doc, "\"elements\""),
        );
        expect_none(&d, Code::TariffNoFallback);
        // The spec's pattern: one element, no restrictions, one FLAT component of 0.
        let doc = small(
            "    {\"price_components\": [{\"type\": \"FLAT\", \"price\": 0.00, \"step_size\": 1}]}",
        );
        assert_clean(&run(&doc, V2_2_1));
    }

    #[test]
    fn shared_rules_on_tariffs() {
        let doc = edit(TARIFF_221, &[("\"percentage\": 60", "\"percentage\": 50")]);
        expect(
            &run(&doc, V2_2_1),
            Code::EnergyMixPercentages,
            Severity::Warning,
            "/energy_mix/energy_sources",
            line_of(&doc, "\"energy_sources\""),
        );
        let doc = edit(
            TARIFF_221,
            &[(
                "\"last_updated\": \"2024-12-01T00:00:00Z\"",
                "\"last_updated\": \"2025-07-01T00:00:00Z\"",
            )],
        );
        expect(
            &run(&doc, V2_2_1),
            Code::LastUpdatedFuture,
            Severity::Warning,
            "/last_updated",
            line_of(&doc, "\"last_updated\""),
        );
    }
}
