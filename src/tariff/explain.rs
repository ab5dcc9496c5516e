//! A tariff in plain words, prices in the order the AFIR lists them: per kWh, per minute, per
//! session, then the others (parking, reservation) and the limits.
//!
//! Every price component becomes one phrase with the conditions of its element ("€0.05 per
//! minute after 60 minutes"); an element without conditions after another of the same type is
//! the fallback ("otherwise"). Prices are as the tariff states them, with the tax they carry.

use super::priced::ComponentKind;
use super::restriction::parse_minute;
use super::tax::TaxRule;
use crate::model::{DayOfWeek, ReservationRestriction, Restrictions, Tariff};
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

/// The language of an explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    #[default]
    En,
    De,
}

impl Language {
    /// Reads `en` / `de` (any case, with or without region).
    pub fn from_code(code: &str) -> Option<Language> {
        match code.get(..2)?.to_ascii_lowercase().as_str() {
            "en" => Some(Language::En),
            "de" => Some(Language::De),
            _ => None,
        }
    }
}

/// A tariff explained: one entry per price component, notes, and the whole as text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub prices: Vec<ExplainedPrice>,
    /// Price limits, validity, tax notes.
    pub notes: Vec<String>,
    pub text: String,
}

/// One price component in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExplainedPrice {
    #[serde(rename = "type")]
    pub kind: ComponentKind,
    /// Index of the element (0-based).
    pub element: usize,
    /// The price per the unit below (per minute for TIME: the hourly price / 60).
    #[serde(with = "super::ser::amount")]
    pub amount: Decimal,
    /// `kWh`, `minute`, `session`, `hour`.
    pub per: &'static str,
    /// The conditions of the element, in words.
    pub conditions: Vec<String>,
    pub text: String,
}

/// The tariff in plain words (see [`explain_tariff_parts`]).
pub fn explain_tariff(tariff: &Tariff, language: Language) -> String {
    explain_tariff_parts(tariff, language).text
}

/// The tariff in plain words, with each price and note apart.
pub fn explain_tariff_parts(tariff: &Tariff, language: Language) -> Explanation {
    let words = Words::of(language);
    let tax = TaxRule::of(tariff);
    let mut prices: Vec<ExplainedPrice> = Vec::new();
    for kind in ComponentKind::ALL {
        let mut seen_kind = false;
        for (i, element) in tariff.elements.iter().enumerate() {
            let reservation = element
                .restrictions
                .as_ref()
                .and_then(|r| r.reservation.as_ref());
            let for_reservation = matches!(
                kind,
                ComponentKind::ReservationTime | ComponentKind::ReservationFlat
            );
            if reservation.is_some() != for_reservation {
                continue;
            }
            let Some(c) = element
                .price_components
                .iter()
                .find(|c| c.dimension == kind.dimension())
            else {
                continue;
            };
            let (amount, per, unit) = match kind {
                ComponentKind::Energy => (c.price, "kWh", words.per_kwh),
                ComponentKind::Time => (c.price / Decimal::from(60), "minute", words.per_minute),
                ComponentKind::Flat => (c.price, "session", words.per_session),
                ComponentKind::ParkingTime => (c.price, "hour", words.per_hour_parked),
                ComponentKind::ReservationTime => (c.price, "hour", words.per_hour_reserved),
                ComponentKind::ReservationFlat => (c.price, "session", words.per_reservation),
            };
            let mut conditions = match &element.restrictions {
                Some(r) => conditions(r, &words),
                None => Vec::new(),
            };
            if matches!(
                reservation,
                Some(ReservationRestriction::ReservationExpires)
            ) {
                conditions.push(words.reservation_expires.to_string());
            }
            if conditions.is_empty() && seen_kind {
                conditions.push(words.otherwise.to_string());
            }
            let mut text = format!("{} {unit}", money(amount, &tariff.currency, language));
            for condition in &conditions {
                text.push(' ');
                text.push_str(condition);
            }
            let mut notes: Vec<String> = Vec::new();
            if let Some(step) = step_phrase(kind, c.step_size, &words, language) {
                notes.push(step);
            }
            if let Some(vat) = c.vat
                && matches!(tax, TaxRule::BeforeVatAbsentIsNone | TaxRule::BeforeTax)
            {
                notes.push((words.plus_vat)(&number(vat, language)));
            }
            if !notes.is_empty() {
                text.push_str(&format!(" ({})", notes.join(", ")));
            }
            prices.push(ExplainedPrice {
                kind,
                element: i,
                amount: round4(amount),
                per,
                conditions,
                text,
            });
            seen_kind = true;
        }
    }
    let notes = notes(tariff, tax, &prices, &words, language);
    let mut text = prices
        .iter()
        .map(|p| p.text.as_str())
        .chain(notes.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("; ");
    if prices.is_empty() {
        text = if text.is_empty() {
            words.no_prices.to_string()
        } else {
            format!("{}; {text}", words.no_prices)
        };
    }
    Explanation {
        prices,
        notes,
        text,
    }
}

fn notes(
    tariff: &Tariff,
    tax: TaxRule,
    prices: &[ExplainedPrice],
    words: &Words,
    language: Language,
) -> Vec<String> {
    let mut notes = Vec::new();
    if tariff.is_free() {
        notes.push(words.free.to_string());
    }
    if let Some(min) = &tariff.min_price {
        notes.push(format!(
            "{} {} {}",
            words.at_least,
            money(min.before_taxes, &tariff.currency, language),
            words.per_session
        ));
    }
    if let Some(max) = &tariff.max_price {
        notes.push(format!(
            "{} {} {}",
            words.at_most,
            money(max.before_taxes, &tariff.currency, language),
            words.per_session
        ));
    }
    let any_vat = tariff.price_components().any(|c| c.vat.is_some());
    match tax {
        TaxRule::BeforeTaxRateUnknown => notes.push(words.excl_vat.to_string()),
        TaxRule::BeforeVatAbsentIsNone if !any_vat && !prices.is_empty() => {
            notes.push(words.no_vat.to_string())
        }
        TaxRule::BeforeTax if !any_vat => notes.push(words.excl_taxes.to_string()),
        TaxRule::AfterTax => notes.push(words.incl_taxes.to_string()),
        TaxRule::NoTax => notes.push(words.no_taxes.to_string()),
        _ => {}
    }
    if let Some(s) = tariff.start_date_time {
        notes.push(format!("{} {}", words.valid_from, s.strftime("%Y-%m-%d")));
    }
    if let Some(e) = tariff.end_date_time {
        notes.push(format!(
            "{} {}",
            words.valid_until,
            e.strftime("%Y-%m-%d %H:%M UTC")
        ));
    }
    notes
}

/// The conditions of a set of restrictions, in words.
fn conditions(r: &Restrictions, words: &Words) -> Vec<String> {
    let mut out = Vec::new();
    let time = |s: &str| match parse_minute(s) {
        Some(0) | Some(1440) => words.midnight.to_string(),
        _ => s.to_string(),
    };
    match (&r.start_time, &r.end_time) {
        (Some(s), Some(e)) if s != e => out.push((words.between)(&time(s), &time(e))),
        (Some(s), None) => out.push(format!("{} {}", words.from_time, time(s))),
        (None, Some(e)) => out.push(format!("{} {}", words.before_time, time(e))),
        _ => {}
    }
    if let Some(days) = days(&r.day_of_week, words) {
        out.push(days);
    }
    if let Some(d) = &r.start_date {
        out.push(format!("{} {}", words.from_date, (words.date)(d)));
    }
    if let Some(d) = &r.end_date {
        out.push(format!("{} {}", words.before_date, (words.date)(d)));
    }
    let n = |d: &Decimal| number(*d, words.language);
    match (&r.min_kwh, &r.max_kwh) {
        (Some(a), Some(b)) => out.push((words.kwh_between)(&n(a), &n(b))),
        (Some(a), None) => out.push((words.kwh_after)(&n(a))),
        (None, Some(b)) => out.push((words.kwh_first)(&n(b))),
        (None, None) => {}
    }
    let minutes = |s: &u64| duration_text(*s, words);
    match (&r.min_duration, &r.max_duration) {
        (Some(a), Some(b)) => out.push((words.duration_between)(&minutes(a), &minutes(b))),
        (Some(a), None) => out.push((words.duration_after)(&minutes(a))),
        (None, Some(b)) => out.push((words.duration_first)(&minutes(b))),
        (None, None) => {}
    }
    for (min, max, unit) in [
        (&r.min_power, &r.max_power, "kW"),
        (&r.min_current, &r.max_current, "A"),
    ] {
        match (min, max) {
            (Some(a), Some(b)) => out.push((words.value_between)(&n(a), &n(b), unit)),
            (Some(a), None) => out.push((words.value_at_least)(&n(a), unit)),
            (None, Some(b)) => out.push((words.value_below)(&n(b), unit)),
            (None, None) => {}
        }
    }
    let unknown = r.extra.iter().filter(|(_, v)| !v.is_null()).count();
    if unknown > 0 {
        out.push(words.unknown_conditions.to_string());
    }
    out
}

/// Days as a range ("Monday to Friday") or a list; `None` for every day or none.
fn days(list: &[DayOfWeek], words: &Words) -> Option<String> {
    let mut n: Vec<u8> = list.iter().filter_map(DayOfWeek::iso_number).collect();
    n.sort_unstable();
    n.dedup();
    if n.is_empty() || n.len() == 7 {
        return None;
    }
    let name = |d: u8| words.days[usize::from(d - 1)];
    let contiguous = n.windows(2).all(|w| w[1] == w[0] + 1);
    if contiguous && n.len() >= 3 {
        let (first, last) = (n[0], n[n.len() - 1]);
        return Some((words.day_range)(name(first), name(last)));
    }
    let names: Vec<&str> = n.iter().map(|d| name(*d)).collect();
    let joined = match names.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} {} {last}", rest.join(", "), words.and),
        None => String::new(),
    };
    Some(format!("{} {joined}", words.on))
}

fn duration_text(seconds: u64, words: &Words) -> String {
    if seconds.is_multiple_of(60) {
        (words.minutes)(seconds / 60)
    } else {
        (words.seconds)(seconds)
    }
}

fn step_phrase(
    kind: ComponentKind,
    step: u32,
    words: &Words,
    language: Language,
) -> Option<String> {
    if step <= 1 {
        return None;
    }
    match kind {
        ComponentKind::Energy => {
            let kwh = Decimal::from(step) / Decimal::ONE_THOUSAND;
            Some(format!(
                "{} {} kWh",
                words.billed_per,
                number(kwh, language)
            ))
        }
        ComponentKind::Time | ComponentKind::ParkingTime | ComponentKind::ReservationTime => {
            Some(format!(
                "{} {}",
                words.billed_per,
                duration_text(u64::from(step), words)
            ))
        }
        ComponentKind::Flat | ComponentKind::ReservationFlat => None,
    }
}

fn round4(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(4, RoundingStrategy::MidpointAwayFromZero)
        .normalize()
}

/// A number with two to four decimals when it has a fraction, in the language's notation.
fn number(d: Decimal, language: Language) -> String {
    let r = round4(d);
    let s = r.to_string();
    match language {
        Language::En => s,
        Language::De => s.replace('.', ","),
    }
}

/// An amount of money with its currency: `€0.39` / `0,39 €`.
pub fn money(amount: Decimal, currency: &str, language: Language) -> String {
    let mut r = round4(amount);
    if r.scale() < 2 {
        r.rescale(2);
    }
    let digits = r.abs().to_string();
    let sign = if r.is_sign_negative() && !r.is_zero() {
        "-"
    } else {
        ""
    };
    let symbol = match currency {
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        "USD" => Some("$"),
        _ => None,
    };
    match (language, symbol) {
        (Language::En, Some(sym)) => format!("{sign}{sym}{digits}"),
        (Language::En, None) => format!("{sign}{currency} {digits}"),
        (Language::De, sym) => format!(
            "{sign}{} {}",
            digits.replace('.', ","),
            sym.unwrap_or(currency)
        ),
    }
}

/// The phrases of one language.
struct Words {
    language: Language,
    per_kwh: &'static str,
    per_minute: &'static str,
    per_session: &'static str,
    per_hour_parked: &'static str,
    per_hour_reserved: &'static str,
    per_reservation: &'static str,
    reservation_expires: &'static str,
    otherwise: &'static str,
    midnight: &'static str,
    between: fn(&str, &str) -> String,
    from_time: &'static str,
    before_time: &'static str,
    from_date: &'static str,
    before_date: &'static str,
    date: fn(&str) -> String,
    kwh_between: fn(&str, &str) -> String,
    kwh_after: fn(&str) -> String,
    kwh_first: fn(&str) -> String,
    duration_between: fn(&str, &str) -> String,
    duration_after: fn(&str) -> String,
    duration_first: fn(&str) -> String,
    minutes: fn(u64) -> String,
    seconds: fn(u64) -> String,
    value_between: fn(&str, &str, &str) -> String,
    value_at_least: fn(&str, &str) -> String,
    value_below: fn(&str, &str) -> String,
    days: [&'static str; 7],
    day_range: fn(&str, &str) -> String,
    on: &'static str,
    and: &'static str,
    billed_per: &'static str,
    plus_vat: fn(&str) -> String,
    unknown_conditions: &'static str,
    free: &'static str,
    no_prices: &'static str,
    at_least: &'static str,
    at_most: &'static str,
    excl_vat: &'static str,
    no_vat: &'static str,
    excl_taxes: &'static str,
    incl_taxes: &'static str,
    no_taxes: &'static str,
    valid_from: &'static str,
    valid_until: &'static str,
}

impl Words {
    fn of(language: Language) -> Words {
        match language {
            Language::En => Words {
                language,
                per_kwh: "per kWh",
                per_minute: "per minute",
                per_session: "per session",
                per_hour_parked: "per hour parked (not charging)",
                per_hour_reserved: "per hour of reservation",
                per_reservation: "per reservation",
                reservation_expires: "when the reservation expires unused",
                otherwise: "otherwise",
                midnight: "midnight",
                between: |a, b| format!("between {a} and {b}"),
                from_time: "from",
                before_time: "before",
                from_date: "from",
                before_date: "before",
                date: |d| d.to_string(),
                kwh_between: |a, b| format!("from {a} kWh up to {b} kWh"),
                kwh_after: |a| format!("after the first {a} kWh"),
                kwh_first: |b| format!("for the first {b} kWh"),
                duration_between: |a, b| format!("after {a}, up to {b}"),
                duration_after: |a| format!("after {a}"),
                duration_first: |b| format!("for the first {b}"),
                minutes: |m| match m {
                    1 => "1 minute".into(),
                    m => format!("{m} minutes"),
                },
                seconds: |s| format!("{s} seconds"),
                value_between: |a, b, u| format!("from {a} {u} up to {b} {u}"),
                value_at_least: |a, u| format!("at {a} {u} or more"),
                value_below: |b, u| format!("below {b} {u}"),
                days: [
                    "Monday",
                    "Tuesday",
                    "Wednesday",
                    "Thursday",
                    "Friday",
                    "Saturday",
                    "Sunday",
                ],
                day_range: |a, b| format!("{a} to {b}"),
                on: "on",
                and: "and",
                billed_per: "billed per",
                plus_vat: |v| format!("+{v}% VAT"),
                unknown_conditions: "under conditions that cannot be read",
                free: "free of charge",
                no_prices: "no prices given",
                at_least: "at least",
                at_most: "at most",
                excl_vat: "prices exclude VAT",
                no_vat: "no VAT applies",
                excl_taxes: "prices exclude taxes",
                incl_taxes: "prices include taxes",
                no_taxes: "no taxes apply",
                valid_from: "valid from",
                valid_until: "valid until",
            },
            Language::De => Words {
                language,
                per_kwh: "pro kWh",
                per_minute: "pro Minute",
                per_session: "pro Ladevorgang",
                per_hour_parked: "pro Stunde Parken (ohne Laden)",
                per_hour_reserved: "pro Stunde Reservierung",
                per_reservation: "pro Reservierung",
                reservation_expires: "wenn die Reservierung ungenutzt verfällt",
                otherwise: "sonst",
                midnight: "Mitternacht",
                between: |a, b| format!("zwischen {a} und {b}"),
                from_time: "ab",
                before_time: "vor",
                from_date: "ab",
                before_date: "vor dem",
                date: |d| match (d.get(0..4), d.get(5..7), d.get(8..10)) {
                    (Some(y), Some(m), Some(day)) => format!("{day}.{m}.{y}"),
                    _ => d.to_string(),
                },
                kwh_between: |a, b| format!("ab {a} kWh bis {b} kWh"),
                kwh_after: |a| format!("nach den ersten {a} kWh"),
                kwh_first: |b| format!("für die ersten {b} kWh"),
                duration_between: |a, b| format!("nach {a}, bis {b}"),
                duration_after: |a| format!("nach {a}"),
                duration_first: |b| format!("in den ersten {b}"),
                minutes: |m| match m {
                    1 => "1 Minute".into(),
                    m => format!("{m} Minuten"),
                },
                seconds: |s| format!("{s} Sekunden"),
                value_between: |a, b, u| format!("ab {a} {u} bis unter {b} {u}"),
                value_at_least: |a, u| format!("ab {a} {u}"),
                value_below: |b, u| format!("unter {b} {u}"),
                days: [
                    "Montag",
                    "Dienstag",
                    "Mittwoch",
                    "Donnerstag",
                    "Freitag",
                    "Samstag",
                    "Sonntag",
                ],
                day_range: |a, b| format!("{a} bis {b}"),
                on: "am",
                and: "und",
                billed_per: "abgerechnet je",
                plus_vat: |v| format!("zzgl. {v} % MwSt."),
                unknown_conditions: "unter Bedingungen, die nicht lesbar sind",
                free: "kostenlos",
                no_prices: "keine Preise angegeben",
                at_least: "mindestens",
                at_most: "höchstens",
                excl_vat: "Preise ohne MwSt.",
                no_vat: "keine MwSt.",
                excl_taxes: "Preise ohne Steuern",
                incl_taxes: "Preise inklusive Steuern",
                no_taxes: "keine Steuern",
                valid_from: "gültig ab",
                valid_until: "gültig bis",
            },
        }
    }
}
