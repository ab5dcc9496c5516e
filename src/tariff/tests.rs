//! Unit tests per restriction, per rule of the engine, per tax reading, and per error.

use super::*;
use crate::model::{Connector, PowerType, Tariff, read_feed};
use crate::spec::Version;
use crate::validate::{Kind, Options};
use jiff::Timestamp;
use rust_decimal::Decimal;

/// A tariff of `version` from JSON, as the validator reads it.
fn tariff_of(version: Version, json: &str) -> Tariff {
    let (_, feed) = read_feed(&[("t.json", json.as_bytes())], |_| Options {
        kind: Some(Kind::Tariff),
        version: Some(version),
        ..Options::default()
    });
    feed.tariffs.into_iter().next().expect("one tariff")
}

/// A 2.2.1 tariff with these elements.
fn tariff(elements: &str) -> Tariff {
    tariff_of(
        Version::V2_2_1,
        &format!(
            r#"{{"country_code": "NL", "party_id": "ABC", "id": "t", "currency": "EUR",
                 "elements": {elements}, "last_updated": "2025-01-01T00:00:00Z"}}"#
        ),
    )
}

fn d(s: &str) -> Decimal {
    s.parse().expect("decimal")
}

fn session(json: &str) -> Session {
    Session::from_json(json.as_bytes()).expect("session")
}

/// Charging `energy` kWh at `power` kW from local `start` for `minutes` in Amsterdam.
fn local_session(start: &str, minutes: i64, energy: &str, power: &str) -> Session {
    let dt: jiff::civil::DateTime = start.parse().expect("local");
    let end = dt
        .checked_add(jiff::SignedDuration::from_mins(minutes))
        .expect("in range");
    session(&format!(
        r#"{{"start_date_time": "{start}", "end_date_time": "{}", "timezone": "Europe/Amsterdam",
             "energy_kwh": {energy}, "max_power_kw": {power}}}"#,
        end.strftime("%Y-%m-%dT%H:%M:%S")
    ))
}

fn total(p: &SessionPrice) -> String {
    amount_text(p.total.before_tax.expect("known"))
}

fn after(p: &SessionPrice) -> Option<String> {
    p.total.after_tax.map(amount_text)
}

fn priced(t: &Tariff, s: &Session) -> SessionPrice {
    price_session(t, s, None, None).expect("priced")
}

const NIGHT: &str = r#"[
    {"price_components": [{"type": "ENERGY", "price": 0.20, "step_size": 1}],
     "restrictions": {"start_time": "22:00", "end_time": "06:00"}},
    {"price_components": [{"type": "ENERGY", "price": 0.40, "step_size": 1}]}]"#;

#[test]
fn time_window_across_midnight() {
    let t = tariff(NIGHT);
    // 21:00-23:00 at 10 kW: 10 kWh before 22:00 × 0.40 + 10 kWh after × 0.20 = 6.00.
    let p = priced(&t, &local_session("2025-06-02T21:00:00", 120, "20", "10"));
    assert_eq!(total(&p), "6.00");
    assert_eq!(p.periods.len(), 2);
    assert_eq!(p.periods[1].local_start.to_string(), "2025-06-02T22:00:00");
    // 05:00-07:00: 10 kWh × 0.20 + 10 kWh × 0.40 = 6.00, split at 06:00 (exclusive end).
    let p = priced(&t, &local_session("2025-06-03T05:00:00", 120, "20", "10"));
    assert_eq!(total(&p), "6.00");
    assert_eq!(p.periods[1].costs[0].element, 1);
    // 23:00-05:00 lies wholly in the window: 60 kWh × 0.20 = 12.00.
    assert_eq!(
        total(&priced(
            &t,
            &local_session("2025-06-02T23:00:00", 360, "60", "10")
        )),
        "12.00"
    );
}

#[test]
fn end_time_midnight_is_the_end_of_the_day_and_equal_times_the_whole_day() {
    let t = tariff(
        r#"[{"price_components": [{"type": "ENERGY", "price": 0.10, "step_size": 1}],
             "restrictions": {"start_time": "20:00", "end_time": "00:00"}},
            {"price_components": [{"type": "ENERGY", "price": 0.50, "step_size": 1}],
             "restrictions": {"start_time": "08:00", "end_time": "08:00"}}]"#,
    );
    // 23:00-01:00: 10 kWh in 20:00-24:00 × 0.10, 10 kWh after midnight in the whole-day
    // element × 0.50 = 6.00.
    assert_eq!(
        total(&priced(
            &t,
            &local_session("2025-06-02T23:00:00", 120, "20", "10")
        )),
        "6.00"
    );
}

#[test]
fn daylight_saving_days_in_amsterdam() {
    // TIME 6.00 per hour between 01:00 and 04:00 local.
    let t = tariff(
        r#"[{"price_components": [{"type": "TIME", "price": 6.00, "step_size": 1}],
             "restrictions": {"start_time": "01:00", "end_time": "04:00"}}]"#,
    );
    // 30 March 2025: 02:00 CET becomes 03:00 CEST. 00:00-05:00 local is 4 real hours; the
    // window holds 01:00-02:00 and 03:00-04:00: 2 h × 6.00 = 12.00.
    let s = local_session("2025-03-30T00:00:00", 300, "1000", "1");
    let p = priced(&t, &s);
    let hours: Decimal = p.periods.iter().map(|x| x.charging_hours).sum();
    assert_eq!(hours, d("4"));
    assert_eq!(total(&p), "12.00");
    // 26 October 2025: 03:00 CEST becomes 02:00 CET. 00:00-05:00 local is 6 real hours; the
    // window holds 01:00-04:00 local, which is 4 real hours: 24.00.
    let p = priced(&t, &local_session("2025-10-26T00:00:00", 300, "1000", "1"));
    assert_eq!(
        p.periods.iter().map(|x| x.charging_hours).sum::<Decimal>(),
        d("6")
    );
    assert_eq!(total(&p), "24.00");
    // A window inside the hours that change: 01:30-02:30 on the spring day holds only
    // 01:30-02:00 (02:00-03:00 does not exist): a session 01:00-04:00 local pays 0.5 h = 3.00.
    let t_half = tariff(
        r#"[{"price_components": [{"type": "TIME", "price": 6.00, "step_size": 1}],
             "restrictions": {"start_time": "01:30", "end_time": "02:30"}}]"#,
    );
    assert_eq!(
        total(&priced(
            &t_half,
            &local_session("2025-03-30T01:00:00", 180, "1000", "1")
        )),
        "3.00"
    );
    // 02:30-03:00 on the autumn day happens twice: 02:00 CEST to 04:00 CET (local times 2 h
    // apart, 3 real hours) pays 2 × 0.5 h = 6.00.
    let t_twice = tariff(
        r#"[{"price_components": [{"type": "TIME", "price": 6.00, "step_size": 1}],
             "restrictions": {"start_time": "02:30", "end_time": "03:00"}}]"#,
    );
    let p = priced(
        &t_twice,
        &local_session("2025-10-26T02:00:00", 120, "1000", "1"),
    );
    assert_eq!(
        p.periods.iter().map(|x| x.charging_hours).sum::<Decimal>(),
        d("3")
    );
    assert_eq!(total(&p), "6.00");
    // Durations are real time: the first 3 hours of the spring session are 00:00-04:00 local.
    let t = tariff(
        r#"[{"price_components": [{"type": "TIME", "price": 6.00, "step_size": 1}],
             "restrictions": {"max_duration": 10800}}]"#,
    );
    let p = priced(&t, &local_session("2025-03-30T00:00:00", 300, "1000", "1"));
    assert_eq!(total(&p), "18.00");
    assert_eq!(
        p.periods.last().expect("periods").local_start.to_string(),
        "2025-03-30T04:00:00"
    );
}

#[test]
fn day_of_week_is_the_local_day_of_each_period() {
    let t = tariff(
        r#"[{"price_components": [{"type": "ENERGY", "price": 0.10, "step_size": 1}],
             "restrictions": {"day_of_week": ["SATURDAY", "SUNDAY"]}},
            {"price_components": [{"type": "ENERGY", "price": 0.30, "step_size": 1}]}]"#,
    );
    // Friday 23:00 to Saturday 01:00: 10 kWh × 0.30 + 10 kWh × 0.10 = 4.00.
    assert_eq!(
        total(&priced(
            &t,
            &local_session("2025-06-06T23:00:00", 120, "20", "10")
        )),
        "4.00"
    );
    // A window across midnight on Friday only: Saturday 02:00 is Saturday, not in it.
    let t = tariff(
        r#"[{"price_components": [{"type": "ENERGY", "price": 0.10, "step_size": 1}],
             "restrictions": {"start_time": "22:00", "end_time": "06:00", "day_of_week": ["FRIDAY"]}},
            {"price_components": [{"type": "ENERGY", "price": 0.30, "step_size": 1}]}]"#,
    );
    // Friday 23:00-Saturday 03:00: 10 kWh × 0.10 (Friday 23-24) + 30 kWh × 0.30 = 10.00.
    assert_eq!(
        total(&priced(
            &t,
            &local_session("2025-06-06T23:00:00", 240, "40", "10")
        )),
        "10.00"
    );
}

#[test]
fn start_date_inclusive_end_date_exclusive() {
    let t = tariff(
        r#"[{"price_components": [{"type": "ENERGY", "price": 0.10, "step_size": 1}],
             "restrictions": {"start_date": "2025-01-01", "end_date": "2025-02-01"}},
            {"price_components": [{"type": "ENERGY", "price": 0.30, "step_size": 1}]}]"#,
    );
    // 31 January 23:00 to 1 February 01:00 local: 10 × 0.10 + 10 × 0.30 = 4.00.
    assert_eq!(
        total(&priced(
            &t,
            &local_session("2025-01-31T23:00:00", 120, "20", "10")
        )),
        "4.00"
    );
    // 31 December 23:00 to 1 January 01:00: 10 × 0.30 + 10 × 0.10 = 4.00.
    assert_eq!(
        total(&priced(
            &t,
            &local_session("2024-12-31T23:00:00", 120, "20", "10")
        )),
        "4.00"
    );
    // All of it in January: 2.00.
    assert_eq!(
        total(&priced(
            &t,
            &local_session("2025-01-15T10:00:00", 120, "20", "10")
        )),
        "2.00"
    );
}

#[test]
fn energy_thresholds_split_periods_exactly() {
    let t = tariff(
        r#"[{"price_components": [{"type": "ENERGY", "price": 0.50, "step_size": 1}],
             "restrictions": {"max_kwh": 10}},
            {"price_components": [{"type": "ENERGY", "price": 0.30, "step_size": 1}],
             "restrictions": {"min_kwh": 10}}]"#,
    );
    // 25 kWh at 7 kW: the first 10 kWh × 0.50, the next 15 × 0.30 = 9.50.
    let p = priced(&t, &local_session("2025-06-02T10:00:00", 300, "25", "7"));
    assert_eq!(total(&p), "9.50");
    assert_eq!(p.periods[0].energy_kwh, d("10"));
}

#[test]
fn power_and_current_restrictions() {
    let t = tariff(
        r#"[{"price_components": [{"type": "ENERGY", "price": 0.59, "step_size": 1}],
             "restrictions": {"min_power": 50}},
            {"price_components": [{"type": "ENERGY", "price": 0.45, "step_size": 1}],
             "restrictions": {"max_current": 32}},
            {"price_components": [{"type": "ENERGY", "price": 0.39, "step_size": 1}]}]"#,
    );
    let s = |power: &str| local_session("2025-06-02T10:00:00", 240, "10", power);
    // 150 kW: 0.59 per kWh.
    assert_eq!(total(&priced(&t, &s("150"))), "5.90");
    // 11 kW without a connector: the current is unknown, so the max_current element is not
    // used (with a warning) and the fallback prices it.
    let p = priced(&t, &s("11"));
    assert_eq!(total(&p), "3.90");
    assert!(
        p.warnings
            .iter()
            .any(|w| w.code == WarningCode::RestrictionValueMissing)
    );
    // On a 1-phase 230 V 16 A connector: 3.68 kW and 16 A (< 32 A): 0.45.
    let connector = |phases: PowerType, amps: u32| Connector {
        id: "1".into(),
        standard: "IEC_62196_T2".into(),
        format: None,
        power_type: Some(phases),
        max_voltage: Some(230),
        max_amperage: Some(amps),
        max_electric_power_w: None,
        tariff_ids: Vec::new(),
        terms_and_conditions: None,
        capabilities: Vec::new(),
        last_updated: None,
        calibration: None,
        extra: Default::default(),
    };
    let one_phase = connector(PowerType::Ac1Phase, 16);
    let p = price_session(&t, &s("50"), Some(&one_phase), None).expect("priced");
    assert_eq!(total(&p), "4.50");
    assert_eq!(p.periods[0].power_kw, Some(d("3.68")));
    assert_eq!(p.periods[0].current_a, Some(d("16")));
    // 3-phase 32 A: 22.08 kW and 96 A summed over the phases (not below 32 A): 0.39.
    let three_phase = connector(PowerType::Ac3Phase, 32);
    let p = price_session(&t, &s("50"), Some(&three_phase), None).expect("priced");
    assert_eq!(total(&p), "3.90");
    assert_eq!(p.periods[0].current_a, Some(d("96")));
    // max_current_a limits the power on a known voltage: 16 A × 230 V = 3.68 kW.
    let mut limited = s("50");
    limited.max_current_a = Some(d("16"));
    let p = price_session(&t, &limited, Some(&three_phase), None).expect("priced");
    assert_eq!(p.periods[0].power_kw, Some(d("3.68")));
    assert_eq!(total(&p), "4.50");
}

#[test]
fn durations_count_from_the_start_of_the_session_including_parking() {
    // Parking free for the first 2 hours of the session, then 6.00 per hour.
    let t = tariff(
        r#"[{"price_components": [{"type": "PARKING_TIME", "price": 6.00, "step_size": 1}],
             "restrictions": {"min_duration": 7200}}]"#,
    );
    // Charging 1 h, parked 3 h: parking from hour 2 to 4 is priced: 12.00.
    assert_eq!(
        total(&priced(
            &t,
            &local_session("2025-06-02T10:00:00", 240, "10", "10")
        )),
        "12.00"
    );
    // Charging 3 h, parked 1 h: the whole hour of parking is after 2 h: 6.00.
    assert_eq!(
        total(&priced(
            &t,
            &local_session("2025-06-02T10:00:00", 240, "30", "10")
        )),
        "6.00"
    );
}

#[test]
fn reservation_elements_price_only_reservations() {
    let t = tariff(
        r#"[{"price_components": [{"type": "TIME", "price": 5.00, "step_size": 1}],
             "restrictions": {"reservation": "RESERVATION"}},
            {"price_components": [{"type": "TIME", "price": 1.00, "step_size": 1}]}]"#,
    );
    // Reserved 30 min, then 1 h charging: 0.5 h × 5.00 + 1 h × 1.00 = 3.50.
    let s = session(
        r#"{"start_date_time": "2025-06-02T10:00:00Z", "end_date_time": "2025-06-02T11:00:00Z",
            "energy_kwh": 10, "max_power_kw": 10,
            "reservation": {"start_date_time": "2025-06-02T09:30:00Z"}}"#,
    );
    let p = priced(&t, &s);
    assert_eq!(total(&p), "3.50");
    assert_eq!(p.periods[0].reservation_hours, d("0.5"));
    // Without a reservation the reservation element is never used: 1.00.
    let s = session(
        r#"{"start_date_time": "2025-06-02T10:00:00Z", "end_date_time": "2025-06-02T11:00:00Z",
            "energy_kwh": 10, "max_power_kw": 10}"#,
    );
    assert_eq!(total(&priced(&t, &s)), "1.00");
}

#[test]
fn step_size_rounds_the_total_up_at_the_last_period() {
    // The spec's step_size text: 115.2 Wh at 0.25 per kWh.
    for (step, expected) in [(1, "0.029"), (25, "0.0313"), (500, "0.125")] {
        let t = tariff(&format!(
            r#"[{{"price_components": [{{"type": "ENERGY", "price": 0.25, "step_size": {step}}}]}}]"#
        ));
        let p = priced(&t, &local_session("2025-06-02T10:00:00", 60, "0.1152", "1"));
        assert_eq!(total(&p), expected, "step {step}");
    }
    // FLAT has no step: a step_size of 1000 changes nothing.
    let t =
        tariff(r#"[{"price_components": [{"type": "FLAT", "price": 1.00, "step_size": 1000}]}]"#);
    assert_eq!(
        total(&priced(
            &t,
            &local_session("2025-06-02T10:00:00", 60, "1", "1")
        )),
        "1.00"
    );
    // Parking that goes on beyond the billed charging time is billed in full: TIME per 15 min,
    // 20 min charging → 30 min; 20 min parked → 20 min (per minute): 0.50 + 0.3333.
    let t = tariff(
        r#"[{"price_components": [{"type": "TIME", "price": 1.00, "step_size": 900},
                                   {"type": "PARKING_TIME", "price": 1.00, "step_size": 60}]}]"#,
    );
    assert_eq!(
        total(&priced(
            &t,
            &local_session("2025-06-02T10:00:00", 40, "2", "6")
        )),
        "0.8333"
    );
    // Ending within the billed charging time: 20 min charging, 5 min parked: 0.50 only.
    assert_eq!(
        total(&priced(
            &t,
            &local_session("2025-06-02T10:00:00", 25, "2", "6")
        )),
        "0.50"
    );
}

#[test]
fn flat_is_charged_once_by_the_first_period_it_applies_in() {
    let t = tariff(
        r#"[{"price_components": [{"type": "FLAT", "price": 1.00, "step_size": 1}],
             "restrictions": {"day_of_week": ["SATURDAY"]}},
            {"price_components": [{"type": "FLAT", "price": 2.00, "step_size": 1},
                                  {"type": "ENERGY", "price": 0, "step_size": 1}]}]"#,
    );
    // Friday 23:00 into Saturday: the first period (Friday) decides: 2.00, once.
    let p = priced(&t, &local_session("2025-06-06T23:00:00", 180, "30", "10"));
    assert_eq!(total(&p), "2.00");
    assert_eq!(
        p.components
            .iter()
            .find(|c| c.kind == ComponentKind::Flat)
            .map(|c| c.quantity),
        Some(d("1"))
    );
    // Saturday: 1.00.
    assert_eq!(
        total(&priced(
            &t,
            &local_session("2025-06-07T10:00:00", 180, "30", "10")
        )),
        "1.00"
    );
    // A FLAT that applies only after an hour is charged once, when it starts to apply.
    let t = tariff(
        r#"[{"price_components": [{"type": "FLAT", "price": 5.00, "step_size": 1}],
             "restrictions": {"min_duration": 3600}}]"#,
    );
    assert_eq!(
        total(&priced(
            &t,
            &local_session("2025-06-02T10:00:00", 120, "10", "10")
        )),
        "5.00"
    );
    assert_eq!(
        total(&priced(
            &t,
            &local_session("2025-06-02T10:00:00", 30, "1", "10")
        )),
        "0.00"
    );
}

#[test]
fn min_and_max_price_apply_to_each_total_on_its_own() {
    // Components: 1 kWh × 0.40 = 0.40 before, 0.60 after 50% VAT. min {0.50, 0.55}: before
    // rises to 0.50, after stays 0.60 (already above its bound).
    let t = tariff_of(
        Version::V2_2_1,
        r#"{"country_code": "NL", "party_id": "ABC", "id": "t", "currency": "EUR",
            "min_price": {"excl_vat": 0.50, "incl_vat": 0.55},
            "elements": [{"price_components": [{"type": "ENERGY", "price": 0.40, "vat": 50, "step_size": 1}]}],
            "last_updated": "2025-01-01T00:00:00Z"}"#,
    );
    let p = priced(&t, &local_session("2025-06-02T10:00:00", 60, "1", "10"));
    assert_eq!((total(&p), after(&p)), ("0.50".into(), Some("0.60".into())));
    // A limit without an after-tax amount moves the after-tax total at the tax ratio:
    // max {before 1.00}: 10 kWh × 0.40 = 4.00 / 6.00 → 1.00 / 1.50.
    let t = tariff_of(
        Version::V2_3_0,
        r#"{"country_code": "NL", "party_id": "ABC", "id": "t", "currency": "EUR",
            "tax_included": "NO", "max_price": {"before_taxes": 1.00},
            "elements": [{"price_components": [{"type": "ENERGY", "price": 0.40, "vat": 50, "step_size": 1}]}],
            "last_updated": "2025-01-01T00:00:00Z"}"#,
    );
    let p = priced(&t, &local_session("2025-06-02T10:00:00", 60, "10", "10"));
    assert_eq!((total(&p), after(&p)), ("1.00".into(), Some("1.50".into())));
    assert_eq!(p.price_limit.as_ref().map(|l| l.kind), Some("max_price"));
}

#[test]
fn taxes_per_version() {
    let element = r#"[{"price_components": [{"type": "ENERGY", "price": 0.30, "vat": 20, "step_size": 1},
                                             {"type": "FLAT", "price": 1.00, "step_size": 1}]}]"#;
    let s = local_session("2025-06-02T10:00:00", 60, "10", "10");
    // 2.2.1: ENERGY 3.00 + 20% = 3.60; FLAT without vat: no VAT applies: 1.00. 4.00 / 4.60.
    let p = priced(&tariff(element), &s);
    assert_eq!((total(&p), after(&p)), ("4.00".into(), Some("4.60".into())));
    let v230 = |included: &str| {
        tariff_of(
            Version::V2_3_0,
            &format!(
                r#"{{"country_code": "NL", "party_id": "ABC", "id": "t", "currency": "EUR",
                     "tax_included": "{included}", "elements": {element},
                     "last_updated": "2025-01-01T00:00:00Z"}}"#
            ),
        )
    };
    // 2.3.0 NO: the FLAT's tax is unknown, so the total after tax is.
    let p = priced(&v230("NO"), &s);
    assert_eq!((total(&p), after(&p)), ("4.00".into(), None));
    assert!(p.warnings.iter().any(|w| w.code == WarningCode::TaxUnknown));
    // 2.3.0 YES: prices include tax: ENERGY 3.00 after, 2.50 before; FLAT 1.00 after, before
    // unknown.
    let p = priced(&v230("YES"), &s);
    assert_eq!((p.total.before_tax, after(&p)), (None, Some("4.00".into())));
    let energy = p
        .components
        .iter()
        .find(|c| c.kind == ComponentKind::Energy)
        .expect("energy");
    assert_eq!(
        energy.amount.before_tax.map(amount_text),
        Some("2.50".into())
    );
    // 2.3.0 N/A: no taxes.
    let p = priced(&v230("N/A"), &s);
    assert_eq!((total(&p), after(&p)), ("4.00".into(), Some("4.00".into())));
    // 2.1.1: prices exclude a VAT whose rate is not given.
    let t = tariff_of(
        Version::V2_1_1,
        r#"{"id": "t", "currency": "EUR", "last_updated": "2025-01-01T00:00:00Z",
            "elements": [{"price_components": [{"type": "ENERGY", "price": 0.30, "step_size": 1}]}]}"#,
    );
    let p = priced(&t, &s);
    assert_eq!((total(&p), after(&p)), ("3.00".into(), None));
}

#[test]
fn unknown_restrictions_and_dimensions_are_reported_and_not_used() {
    let t = tariff_of(
        Version::V2_1_1,
        r#"{"id": "t", "currency": "EUR", "last_updated": "2025-01-01T00:00:00Z",
            "elements": [
              {"price_components": [{"type": "ENERGY", "price": 9, "step_size": 1}],
               "restrictions": {"min_vehicle_soc": 80}},
              {"price_components": [{"type": "ENERGY", "price": 0.30, "step_size": 1}]}]}"#,
    );
    // The validator drops a component of an unknown type; one built in code is kept and not
    // priced.
    let mut t = t;
    let mut congestion = t.elements[1].price_components[0].clone();
    congestion.dimension = crate::model::DimensionType::Other("CONGESTION_TIME".into());
    t.elements[1].price_components.insert(0, congestion);
    let p = priced(&t, &local_session("2025-06-02T10:00:00", 60, "10", "10"));
    assert_eq!(total(&p), "3.00");
    let codes: Vec<WarningCode> = p.warnings.iter().map(|w| w.code).collect();
    assert!(
        codes.contains(&WarningCode::RestrictionUnknown),
        "{codes:?}"
    );
    assert!(codes.contains(&WarningCode::DimensionUnknown), "{codes:?}");
    // A tariff the validator found errors in is priced with a warning.
    t.source.has_errors = true;
    let p = priced(&t, &local_session("2025-06-02T10:00:00", 60, "10", "10"));
    assert_eq!(p.warnings[0].code, WarningCode::TariffHasErrors);
}

#[test]
fn energy_that_cannot_be_delivered_in_time_is_reported() {
    let t =
        tariff(r#"[{"price_components": [{"type": "ENERGY", "price": 0.30, "step_size": 1}]}]"#);
    // 50 kWh asked in 1 h at 11 kW: 11 kWh delivered and priced.
    let p = priced(&t, &local_session("2025-06-02T10:00:00", 60, "50", "11"));
    assert_eq!(total(&p), "3.30");
    assert!(
        p.warnings
            .iter()
            .any(|w| w.code == WarningCode::EnergyNotReached)
    );
}

#[test]
fn errors_have_stable_codes() {
    let t =
        tariff(r#"[{"price_components": [{"type": "ENERGY", "price": 0.30, "step_size": 1}]}]"#);
    let code = |json: &str| match Session::from_json(json.as_bytes()) {
        Err(e) => e.code,
        Ok(s) => {
            price_session(&t, &s, None, None)
                .expect_err("an error")
                .code
        }
    };
    assert_eq!(
        code(
            r#"{"start_date_time": "2025-06-02T10:00:00Z", "end_date_time": "2025-06-02T09:00:00Z", "energy_kwh": 1, "max_power_kw": 1}"#
        ),
        ErrorCode::SessionEndsBeforeStart
    );
    assert_eq!(
        code(
            r#"{"start_date_time": "2025-06-02T10:00:00Z", "end_date_time": "2025-06-02T11:00:00Z", "energy_kwh": 1}"#
        ),
        ErrorCode::PowerUnknown
    );
    assert_eq!(
        code(
            r#"{"start_date_time": "2025-06-02T10:00:00Z", "end_date_time": "2025-06-02T11:00:00Z", "energy_kwh": -1, "max_power_kw": 1}"#
        ),
        ErrorCode::QuantityOutOfRange
    );
    assert_eq!(
        code(
            r#"{"start_date_time": "2025-06-02T10:00:00Z", "end_date_time": "2027-06-02T11:00:00Z", "energy_kwh": 1, "max_power_kw": 1}"#
        ),
        ErrorCode::SessionTooLong
    );
    assert_eq!(
        code(
            r#"{"start_date_time": "2025-06-02T10:00:00Z", "end_date_time": "2025-06-02T11:00:00Z", "energy_kwh": 1, "max_power_kw": 1, "timezone": "Mars/Olympus"}"#
        ),
        ErrorCode::TimeZoneUnknown
    );
    assert_eq!(
        code(
            r#"{"start_date_time": "2025-06-02T10:00:00Z", "end_date_time": "2025-06-02T11:00:00Z", "energy_kwh": 1, "max_power_kw": 1, "reservation": {"start_date_time": "2025-06-02T09:00:00Z", "expired": true}}"#
        ),
        ErrorCode::ReservationExpiredWithEnergy
    );
    let e = Session::from_json(br#"{"start_date_time": "tomorrow", "end_date_time": "2025-06-02T11:00:00Z", "energy_kwh": 1}"#)
        .expect_err("bad time");
    assert_eq!(
        (e.code, e.pointer.as_deref()),
        (ErrorCode::SessionInvalid, Some("/start_date_time"))
    );
    assert_eq!(
        Session::from_json(b"{").expect_err("json").code,
        ErrorCode::JsonInvalid
    );

    let s = local_session("2025-06-02T10:00:00", 60, "1", "1");
    let mut no_elements = t.clone();
    no_elements.elements.clear();
    assert_eq!(
        price_session(&no_elements, &s, None, None)
            .expect_err("no elements")
            .code,
        ErrorCode::TariffHasNoElements
    );
    let mut no_currency = t.clone();
    no_currency.currency.clear();
    assert_eq!(
        price_session(&no_currency, &s, None, None)
            .expect_err("no currency")
            .code,
        ErrorCode::CurrencyMissing
    );
    let mut absurd = t.clone();
    absurd.elements[0].price_components[0].price = d("1e20");
    assert_eq!(
        price_session(&absurd, &s, None, None)
            .expect_err("absurd")
            .code,
        ErrorCode::TariffValueOutOfRange
    );

    let cdr = |json: &str| Cdr::from_json(json.as_bytes(), false);
    assert_eq!(
        cdr(r#"{"start_date_time": "2025-06-02T10:00:00Z", "end_date_time": "2025-06-02T11:00:00Z", "charging_periods": []}"#)
            .expect_err("no periods").code,
        ErrorCode::CdrHasNoPeriods
    );
    assert_eq!(
        cdr(r#"{"end_date_time": "2025-06-02T11:00:00Z"}"#)
            .expect_err("no start")
            .code,
        ErrorCode::CdrInvalid
    );
    let usd = cdr(
        r#"{"start_date_time": "2025-06-02T10:00:00Z", "end_date_time": "2025-06-02T11:00:00Z", "currency": "USD",
            "charging_periods": [{"start_date_time": "2025-06-02T10:00:00Z", "dimensions": [{"type": "ENERGY", "volume": 1}]}]}"#,
    )
    .expect("cdr");
    assert_eq!(
        price_cdr(&t, &usd, None).expect_err("currency").code,
        ErrorCode::CurrencyMismatch
    );
    for code in ErrorCode::ALL {
        assert!(
            code.as_str()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-')
        );
        assert!(!code.hint().is_empty());
    }
}

#[test]
fn a_cdr_without_time_zone_is_read_in_its_country_or_its_offset() {
    let t = tariff(NIGHT);
    let cdr = |country: &str, start: &str| {
        Cdr::from_json(
            format!(
                r#"{{"start_date_time": "{start}", "end_date_time": "2025-06-02T22:00:00Z", "currency": "EUR",
                     "cdr_location": {{"country": "{country}"}}, "total_cost": {{"excl_vat": 2.0}},
                     "charging_periods": [{{"start_date_time": "{start}", "dimensions": [{{"type": "ENERGY", "volume": 10}}]}}]}}"#
            )
            .as_bytes(),
            false,
        )
        .expect("cdr")
    };
    // 20:30 UTC is 22:30 in Amsterdam: night price 0.20.
    let p = price_cdr(&t, &cdr("NLD", "2025-06-02T20:30:00Z"), None).expect("priced");
    assert_eq!(
        (p.time_zone.as_str(), total(&p)),
        ("Europe/Amsterdam", "2.00".to_string())
    );
    assert!(p.cdr.as_ref().is_some_and(|c| c.matches));
    // Spain has two time zones: the offset written in the start time is used.
    let p = price_cdr(&t, &cdr("ESP", "2025-06-02T22:30:00+02:00"), None).expect("priced");
    assert_eq!(
        (p.time_zone.as_str(), total(&p)),
        ("+02", "2.00".to_string())
    );
    // Nothing known: UTC (20:30, day price 0.40), with a warning.
    let p = price_cdr(&t, &cdr("ESP", "2025-06-02T20:30:00Z"), None).expect("priced");
    assert_eq!(
        (p.time_zone.as_str(), total(&p)),
        ("UTC", "4.00".to_string())
    );
    assert!(
        p.warnings
            .iter()
            .any(|w| w.code == WarningCode::TimeZoneAssumed)
    );
    assert!(p.cdr.as_ref().is_some_and(|c| !c.matches));
}

#[test]
fn every_country_zone_is_in_the_time_zone_database() {
    for (country, zone) in SINGLE_ZONE_COUNTRIES {
        assert!(jiff::tz::db().get(zone).is_ok(), "{country} {zone}");
        assert!(crate::spec::codes::is_country_alpha2(country), "{country}");
    }
    assert_eq!(zone_of_country("nld"), Some("Europe/Amsterdam"));
    assert_eq!(zone_of_country("GB"), Some("Europe/London"));
    assert_eq!(zone_of_country("USA"), None);
}

#[test]
fn explanations_in_english_and_german() {
    let t = tariff(
        r#"[{"price_components": [{"type": "ENERGY", "price": 0.39, "step_size": 1},
                                   {"type": "FLAT", "price": 1.00, "step_size": 1}]},
            {"price_components": [{"type": "TIME", "price": 3.00, "step_size": 60}],
             "restrictions": {"min_duration": 3600}},
            {"price_components": [{"type": "PARKING_TIME", "price": 6.00, "step_size": 900}],
             "restrictions": {"start_time": "09:00", "end_time": "18:00",
                              "day_of_week": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"]}}]"#,
    );
    assert_eq!(
        explain_tariff(&t, Language::En),
        "€0.39 per kWh; €0.05 per minute after 60 minutes (billed per 1 minute); €1.00 per session; \
         €6.00 per hour parked (not charging) between 09:00 and 18:00 Monday to Friday \
         (billed per 15 minutes); no VAT applies"
    );
    assert_eq!(
        explain_tariff(&t, Language::De),
        "0,39 € pro kWh; 0,05 € pro Minute nach 60 Minuten (abgerechnet je 1 Minute); 1,00 € pro Ladevorgang; \
         6,00 € pro Stunde Parken (ohne Laden) zwischen 09:00 und 18:00 Montag bis Freitag \
         (abgerechnet je 15 Minuten); keine MwSt."
    );
    let parts = explain_tariff_parts(&t, Language::En);
    let kinds: Vec<ComponentKind> = parts.prices.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [
            ComponentKind::Energy,
            ComponentKind::Time,
            ComponentKind::Flat,
            ComponentKind::ParkingTime
        ]
    );
    assert_eq!(parts.prices[1].amount, d("0.05"));
    // Fallbacks, limits, a GBP tariff with VAT, reservations.
    let t = tariff_of(
        Version::V2_2_1,
        r#"{"country_code": "GB", "party_id": "ABC", "id": "t", "currency": "GBP",
            "min_price": {"excl_vat": 2.00}, "end_date_time": "2026-12-31T23:00:00Z",
            "elements": [
              {"price_components": [{"type": "ENERGY", "price": 0.45, "vat": 20, "step_size": 1}],
               "restrictions": {"min_power": 50}},
              {"price_components": [{"type": "ENERGY", "price": 0.35, "vat": 20, "step_size": 1}]},
              {"price_components": [{"type": "FLAT", "price": 1.50, "vat": 20, "step_size": 1}],
               "restrictions": {"reservation": "RESERVATION_EXPIRES"}}],
            "last_updated": "2025-01-01T00:00:00Z"}"#,
    );
    assert_eq!(
        explain_tariff(&t, Language::En),
        "£0.45 per kWh at 50 kW or more (+20% VAT); £0.35 per kWh otherwise (+20% VAT); \
         £1.50 per reservation when the reservation expires unused (+20% VAT); at least £2.00 per session; \
         valid until 2026-12-31 23:00 UTC"
    );
    let free = tariff(r#"[{"price_components": [{"type": "FLAT", "price": 0, "step_size": 0}]}]"#);
    assert!(explain_tariff(&free, Language::En).contains("free of charge"));
}

#[test]
fn reference_session_and_ad_hoc_prices() {
    let t = tariff(
        r#"[{"price_components": [{"type": "ENERGY", "price": 0.30, "vat": 20, "step_size": 1},
                                   {"type": "FLAT", "price": 1.00, "vat": 20, "step_size": 1},
                                   {"type": "PARKING_TIME", "price": 6.00, "vat": 20, "step_size": 1}]}]"#,
    );
    let tz = jiff::tz::db().get("Europe/London").expect("zone");
    let reference = ReferenceSession::default();
    assert_eq!(reference.start.weekday(), jiff::civil::Weekday::Tuesday);
    let connector = |w: u32| Connector {
        id: "1".into(),
        standard: "IEC_62196_T2_COMBO".into(),
        format: None,
        power_type: Some(PowerType::Dc),
        max_voltage: Some(400),
        max_amperage: Some(125),
        max_electric_power_w: Some(w),
        tariff_ids: Vec::new(),
        terms_and_conditions: None,
        capabilities: Vec::new(),
        last_updated: None,
        calibration: None,
        extra: Default::default(),
    };
    // 50 kW: 30 kWh in 36 min, 24 min parked: 9.00 + 1.00 + 2.40 = 12.40 for 30 kWh = 0.41333
    // per kWh; after 20% VAT 0.496.
    let e =
        equivalent_price_per_kwh(&t, Some(&connector(50_000)), &tz, &reference).expect("priced");
    assert_eq!(e.energy_kwh, d("30"));
    assert_eq!(e.per_kwh.before_tax.map(amount_text), Some("0.4133".into()));
    assert_eq!(e.per_kwh.after_tax.map(amount_text), Some("0.496".into()));
    // 7.4 kW: 7.4 kWh in the hour: 2.22 + 1.00 = 3.22 / 7.4 = 0.43514.
    let e = equivalent_price_per_kwh(&t, Some(&connector(7_400)), &tz, &reference).expect("priced");
    assert_eq!(e.energy_kwh, d("7.4"));
    assert_eq!(e.per_kwh.before_tax.map(amount_text), Some("0.4351".into()));
    // Without a connector or power limit there is no power to charge at.
    assert_eq!(
        equivalent_price_per_kwh(&t, None, &tz, &reference)
            .expect_err("no power")
            .code,
        ErrorCode::PowerUnknown
    );
    let on = ReferenceSession::tuesday_on_or_after(jiff::civil::date(2025, 6, 5));
    assert_eq!(on.start, jiff::civil::datetime(2025, 6, 10, 10, 0, 0, 0));

    let prices = ad_hoc_prices(&t);
    assert_eq!(
        (
            prices.per_kwh,
            prices.per_minute,
            prices.per_session,
            prices.parking_per_minute
        ),
        (Some(d("0.30")), None, Some(d("1.00")), Some(d("0.1")))
    );
    assert!(!prices.conditional);
    let night = ad_hoc_prices(&tariff(NIGHT));
    assert_eq!((night.per_kwh, night.conditional), (Some(d("0.40")), false));
}

#[test]
fn periods_given_directly_are_priced_in_time_order() {
    let t = tariff(NIGHT);
    let at = |s: &str| -> Timestamp { s.parse().expect("timestamp") };
    let utc = jiff::tz::TimeZone::UTC;
    let periods = [
        ChargingPeriod::charging(
            at("2025-06-02T22:00:00Z"),
            at("2025-06-02T23:00:00Z"),
            d("10"),
        ),
        ChargingPeriod::charging(
            at("2025-06-02T21:00:00Z"),
            at("2025-06-02T22:00:00Z"),
            d("10"),
        ),
        ChargingPeriod::parking(at("2025-06-02T23:00:00Z"), at("2025-06-03T00:00:00Z")),
    ];
    let p = price_periods(&t, &periods, &utc).expect("priced");
    assert_eq!(total(&p), "6.00");
    assert_eq!(p.periods[0].start, at("2025-06-02T21:00:00Z"));
    let mut bad = periods.clone();
    bad[0].energy_kwh = d("-1");
    assert_eq!(
        price_periods(&t, &bad, &utc).expect_err("negative").code,
        ErrorCode::QuantityOutOfRange
    );
    let mut power_unknown = periods[0].clone();
    power_unknown.power_kw = None;
    let t = tariff(
        r#"[{"price_components": [{"type": "ENERGY", "price": 0.59, "step_size": 1}],
             "restrictions": {"min_power": 50}}]"#,
    );
    let p = price_periods(&t, &[power_unknown], &utc).expect("priced");
    assert_eq!(total(&p), "0.00");
    assert!(
        p.warnings
            .iter()
            .any(|w| w.code == WarningCode::RestrictionValueMissing)
    );
}
