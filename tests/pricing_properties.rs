//! Properties of prices over generated tariffs and sessions.
//!
//! - A longer stay never costs less: periods added at the end only add cost, so the total
//!   before tax never decreases when the end of the session moves later. This holds for
//!   tariffs with non-negative prices and step_size 1 wherever elements differ by restriction:
//!   with different steps or prices at the end, the step_size remainder is billed at the last
//!   element's price (the spec's rule), which can legitimately make a longer session cheaper
//!   (10 min in a 15-minute step at 10.00/h, then 1 min at 0.00/h).
//! - More energy never costs less, the parking time after charging staying the same, for
//!   tariffs whose parking and FLAT elements have no restrictions: charging periods are only
//!   added. (With restricted parking, more energy can move the parking into a cheaper window
//!   or past a threshold that makes it free, and a session that charges longer instead of
//!   parking can be cheaper when parking costs more than charging time.)
//! - The total is never below `min_price` nor above `max_price` (each bound applying to its
//!   own total), for limits with min ≤ max.

use ocpi_open_data::model::{Tariff, read_feed};
use ocpi_open_data::spec::Version;
use ocpi_open_data::tariff::{Session, amount_text, price_session};
use ocpi_open_data::validate::{Kind, Options};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn tariff_from(json: &str) -> Tariff {
    let (_, feed) = read_feed(&[("t.json", json.as_bytes())], |_| Options {
        kind: Some(Kind::Tariff),
        version: Some(Version::V2_2_1),
        ..Options::default()
    });
    feed.tariffs.into_iter().next().expect("a tariff")
}

/// Price in cents, as JSON text.
fn price() -> impl Strategy<Value = String> {
    (0u32..200).prop_map(|c| format!("{}.{:02}", c / 100, c % 100))
}

fn dimension() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("ENERGY"),
        Just("TIME"),
        Just("PARKING_TIME"),
        Just("FLAT")
    ]
}

/// Restrictions of any kind the engine evaluates (with a constant power and no current).
fn restriction() -> impl Strategy<Value = String> {
    let hour = 0u32..24;
    prop_oneof![
        Just(String::new()),
        (hour.clone(), hour)
            .prop_map(|(a, b)| format!(r#""start_time": "{a:02}:00", "end_time": "{b:02}:30""#)),
        (1u32..8).prop_map(|d| format!(
            r#""day_of_week": ["{}"]"#,
            [
                "MONDAY",
                "TUESDAY",
                "WEDNESDAY",
                "THURSDAY",
                "FRIDAY",
                "SATURDAY",
                "SUNDAY"
            ][d as usize - 1]
        )),
        (0u32..40).prop_map(|k| format!(r#""min_kwh": {k}"#)),
        (1u32..40).prop_map(|k| format!(r#""max_kwh": {k}"#)),
        (0u32..20_000).prop_map(|s| format!(r#""min_duration": {s}"#)),
        (1u32..20_000).prop_map(|s| format!(r#""max_duration": {s}"#)),
        (0u32..60).prop_map(|p| format!(r#""min_power": {p}"#)),
        (1u32..60).prop_map(|p| format!(r#""max_power": {p}"#)),
    ]
}

fn element(restricted: bool) -> impl Strategy<Value = String> {
    (
        prop::collection::vec((dimension(), price()), 1..4),
        if restricted {
            restriction().boxed()
        } else {
            Just(String::new()).boxed()
        },
    )
        .prop_map(|(components, restriction)| {
            let components: Vec<String> = components
                .iter()
                .map(|(d, p)| format!(r#"{{"type": "{d}", "price": {p}, "step_size": 1}}"#))
                .collect();
            format!(
                r#"{{"price_components": [{}], "restrictions": {{{restriction}}}}}"#,
                components.join(", ")
            )
        })
}

fn tariff_json(elements: &[String], limits: &str) -> String {
    format!(
        r#"{{"country_code": "NL", "party_id": "ABC", "id": "p", "currency": "EUR", {limits}
             "elements": [{}], "last_updated": "2025-01-01T00:00:00Z"}}"#,
        elements.join(", ")
    )
}

/// A single unrestricted element with any step sizes.
fn stepped_element() -> impl Strategy<Value = String> {
    (
        price(),
        price(),
        price(),
        prop_oneof![Just(1u32), Just(100), Just(1000)],
        prop_oneof![Just(1u32), Just(60), Just(300), Just(900)],
    )
        .prop_map(|(e, t, p, se, st)| {
            format!(
                r#"{{"price_components": [
                    {{"type": "ENERGY", "price": {e}, "step_size": {se}}},
                    {{"type": "TIME", "price": {t}, "step_size": {st}}},
                    {{"type": "PARKING_TIME", "price": {p}, "step_size": {st}}},
                    {{"type": "FLAT", "price": {e}, "step_size": 1}}]}}"#
            )
        })
}

fn tariffs() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::collection::vec(element(true), 1..5).prop_map(|mut v| {
            v.push(
                r#"{"price_components": [{"type": "ENERGY", "price": 0.30, "step_size": 1}]}"#
                    .into(),
            );
            v
        }),
        stepped_element().prop_map(|e| vec![e]),
    ]
    .prop_map(|elements| tariff_json(&elements, ""))
}

fn session(start_minute: u32, minutes: u32, energy: u32, power: u32) -> Session {
    session_seconds(start_minute, minutes * 60, energy, power)
}

/// Powers (kW) that charge whole kWh in whole seconds.
const POWERS: &[u32] = &[
    1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 24, 25, 30, 36, 40, 45, 50, 60, 72, 75, 90, 100,
    120, 150,
];

/// A session `seconds` long from `start_minute` minutes after 28 March 2025 00:00 UTC (the
/// spring daylight-saving change in Amsterdam lies two days later), restrictions read in
/// Amsterdam.
fn session_seconds(start_minute: u32, seconds: u32, energy: u32, power: u32) -> Session {
    let base: jiff::Timestamp = "2025-03-28T00:00:00Z".parse().expect("timestamp");
    let start = base
        .checked_add(jiff::SignedDuration::from_mins(i64::from(start_minute)))
        .expect("in range");
    let end = start
        .checked_add(jiff::SignedDuration::from_secs(i64::from(seconds)))
        .expect("in range");
    let json = format!(
        r#"{{"start_date_time": "{start}", "end_date_time": "{end}", "timezone": "Europe/Amsterdam",
             "energy_kwh": {energy}, "max_power_kw": {power}}}"#
    );
    Session::from_json(json.as_bytes()).expect("session")
}

fn before_tax(t: &Tariff, s: &Session) -> Decimal {
    price_session(t, s, None, None)
        .expect("priced")
        .total
        .before_tax
        .expect("2.2.1 prices are before tax")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Start times span four days around the spring daylight-saving change in Amsterdam.
    #[test]
    fn a_longer_stay_never_costs_less(
        json in tariffs(),
        start in 0u32..(4 * 1440),
        minutes in 1u32..600,
        more in 1u32..600,
        energy in 0u32..60,
        power in 1u32..150,
    ) {
        let t = tariff_from(&json);
        let shorter = before_tax(&t, &session(start, minutes, energy, power));
        let longer = before_tax(&t, &session(start, minutes + more, energy, power));
        prop_assert!(longer >= shorter, "{shorter} then {longer} for {json}");
    }

    #[test]
    fn more_energy_never_costs_less(
        energy_elements in prop::collection::vec(
            (prop_oneof![Just("ENERGY"), Just("TIME")], price(), 0u32..40, 0u32..3),
            0..4,
        ),
        parking in price(),
        flat in price(),
        start in 0u32..(4 * 1440),
        energy in 0u32..60,
        extra in 1u32..30,
        parked in 0u32..18_000,
        power in prop::sample::select(POWERS),
    ) {
        let mut elements: Vec<String> = energy_elements
            .iter()
            .map(|(d, p, kwh, which)| {
                let r = match which {
                    0 => format!(r#""min_kwh": {kwh}"#),
                    1 => format!(r#""max_kwh": {}"#, kwh + 1),
                    _ => String::new(),
                };
                format!(r#"{{"price_components": [{{"type": "{d}", "price": {p}, "step_size": 1}}], "restrictions": {{{r}}}}}"#)
            })
            .collect();
        elements.push(format!(
            r#"{{"price_components": [{{"type": "ENERGY", "price": 0.25, "step_size": 1}},
                {{"type": "PARKING_TIME", "price": {parking}, "step_size": 1}},
                {{"type": "FLAT", "price": {flat}, "step_size": 1}}]}}"#
        ));
        let t = tariff_from(&tariff_json(&elements, ""));
        // Charging seconds (whole, by the choice of powers) plus the same parking.
        let seconds = |e: u32| e * 3600 / power + parked;
        let less = before_tax(&t, &session_seconds(start, seconds(energy), energy, power));
        let more = before_tax(&t, &session_seconds(start, seconds(energy + extra), energy + extra, power));
        prop_assert!(more >= less, "{less} then {more}");
    }

    #[test]
    fn the_total_stays_within_min_and_max_price(
        json_elements in prop::collection::vec(element(true), 1..4),
        min in 0u32..2000,
        spread in 0u32..3000,
        vat in 0u32..30,
        start in 0u32..(4 * 1440),
        minutes in 1u32..600,
        energy in 0u32..60,
        power in 1u32..150,
    ) {
        let max = min + spread;
        let cents = |c: u32| format!("{}.{:02}", c / 100, c % 100);
        let with_vat = |c: u32| cents(c * (100 + vat) / 100);
        let limits = format!(
            r#""min_price": {{"excl_vat": {}, "incl_vat": {}}}, "max_price": {{"excl_vat": {}, "incl_vat": {}}},"#,
            cents(min), with_vat(min), cents(max), with_vat(max)
        );
        let json = tariff_json(&json_elements, &limits);
        let t = tariff_from(&json);
        let p = price_session(&t, &session(start, minutes, energy, power), None, None).expect("priced");
        let (lo, hi) = (t.min_price.as_ref().expect("min"), t.max_price.as_ref().expect("max"));
        let before = p.total.before_tax.expect("before tax");
        prop_assert!(before >= lo.before_taxes && before <= hi.before_taxes, "{before} for {json}");
        if let (Some(after), Some(lo_after), Some(hi_after)) = (p.total.after_tax, lo.after_taxes, hi.after_taxes) {
            prop_assert!(after >= lo_after && after <= hi_after, "{after} for {json}");
        }
    }
}

/// The exception named above: the step_size remainder is billed at the last element's price,
/// so staying a minute longer into a free window makes the session cheaper.
#[test]
fn a_longer_stay_can_cost_less_when_the_step_remainder_moves_to_a_cheaper_element() {
    let t = tariff_from(&tariff_json(
        &[
            r#"{"price_components": [{"type": "PARKING_TIME", "price": 10.00, "step_size": 900}],
                "restrictions": {"end_time": "10:00"}}"#
                .into(),
            r#"{"price_components": [{"type": "PARKING_TIME", "price": 0.00, "step_size": 900}]}"#
                .into(),
        ],
        "",
    ));
    // Parked 09:50-10:00 local (08:50 UTC): 10 min rounded to 15 at 10.00/h = 2.50.
    let shorter = before_tax(&t, &session(530, 10, 0, 1));
    // Parked 09:50-10:01: 10 min at 10.00/h + 1 min at 0.00/h; the 4-minute remainder is billed
    // at 0.00/h: 1.6667.
    let longer = before_tax(&t, &session(530, 11, 0, 1));
    assert_eq!(
        (amount_text(shorter), amount_text(longer)),
        ("2.50".into(), "1.6667".into())
    );
}

/// Inputs whose numbers and times are replaced by extreme values: every one is priced or
/// refused with an error, never a panic.
mod extreme_inputs {
    use super::*;
    use ocpi_open_data::tariff::{Cdr, price_cdr};

    const CDRS: &[&str] = &[
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/fixtures/tariff-pricing/v211/real_world/custom_tariff_dimension/cdr.json"
        )),
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/fixtures/tariff-pricing/v211/real_world/custom_cdr_dimension/cdr.json"
        )),
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/fixtures/tariff-pricing/v221/real_world/codeberg_issue_228/cdr.json"
        )),
    ];

    const TARIFFS: &[&str] = &[
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/fixtures/ocpi-spec-examples/2.2.1/tariff_4_complex.json"
        )),
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/fixtures/ocpi-spec-examples/2.3.0/tariff_12_025kwh_min_price.json"
        )),
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../shared/fixtures/ocpi-spec-examples/2.2.1/tariff_14_step_size.json"
        )),
    ];

    const EXTREMES: &[&str] = &[
        "0",
        "-1",
        "1e28",
        "-79228162514264337593543950335",
        "79228162514264337593543950335",
        "0.0000000000000000000000000001",
        "4294967296",
        "18446744073709551616",
        "\"2025-13-45T25:61:61Z\"",
        "\"9999-12-31T23:59:59Z\"",
        "\"0001-01-01T00:00:00Z\"",
        "\"00:00\"",
        "\"24:00\"",
        "null",
        "[]",
        "\"\"",
    ];

    /// Byte ranges of the numbers and strings that are values (after a `:` or in a list).
    fn values(text: &str) -> Vec<(usize, usize)> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if matches!(b[i], b':' | b'[' | b',') {
                let mut j = i + 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                let start = j;
                if j < b.len() && b[j] == b'"' {
                    j += 1;
                    while j < b.len() && b[j] != b'"' {
                        j += 1;
                    }
                    if j < b.len()
                        && b.get(j + 1..).is_some_and(|r| {
                            r.iter().find(|c| !c.is_ascii_whitespace()) != Some(&b':')
                        })
                    {
                        out.push((start, j + 1));
                    }
                } else {
                    while j < b.len() && (b[j].is_ascii_digit() || b"-+.eE".contains(&b[j])) {
                        j += 1;
                    }
                    if j > start {
                        out.push((start, j));
                    }
                }
            }
            i += 1;
        }
        out
    }

    fn replaced(text: &str, pick: usize, value: &str) -> String {
        let spots = values(text);
        let (a, b) = spots[pick % spots.len()];
        format!("{}{}{}", &text[..a], value, &text[b..])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn extreme_values_in_a_cdr_never_panic(
            which in 0..CDRS.len(),
            picks in prop::collection::vec((any::<usize>(), prop::sample::select(EXTREMES)), 1..4),
        ) {
            let mut text = CDRS[which].to_string();
            for (pick, value) in &picks {
                text = replaced(&text, *pick, value);
            }
            if let Ok(cdr) = Cdr::from_json(text.as_bytes(), true) {
                for tariff in &cdr.tariffs {
                    if let Ok(p) = price_cdr(tariff, &cdr, None) {
                        prop_assert!(p.cdr.is_some());
                    }
                }
            }
        }

        #[test]
        fn extreme_values_in_a_tariff_or_session_never_panic(
            which in 0..TARIFFS.len(),
            picks in prop::collection::vec((any::<usize>(), prop::sample::select(EXTREMES)), 1..4),
            session_pick in any::<usize>(),
            session_value in prop::sample::select(EXTREMES),
        ) {
            let mut text = TARIFFS[which].to_string();
            for (pick, value) in &picks {
                text = replaced(&text, *pick, value);
            }
            let session_text = replaced(
                r#"{"start_date_time": "2025-06-02T09:30:00", "end_date_time": "2025-06-03T10:30:00",
                    "timezone": "Europe/Amsterdam", "energy_kwh": 20, "max_power_kw": 20,
                    "max_current_a": 32}"#,
                session_pick,
                session_value,
            );
            let (_, feed) = read_feed(&[("t.json", text.as_bytes())], |_| Options {
                kind: Some(Kind::Tariff),
                ..Options::default()
            });
            if let Ok(session) = Session::from_json(session_text.as_bytes()) {
                for tariff in &feed.tariffs {
                    let _ = ocpi_open_data::tariff::explain_tariff(tariff, ocpi_open_data::tariff::Language::De);
                    if let Ok(p) = price_session(tariff, &session, None, None) {
                        // Every version's prices are before or after tax: one total is known.
                        prop_assert!(p.total.before_tax.is_some() || p.total.after_tax.is_some());
                    }
                }
            }
        }
    }
}
