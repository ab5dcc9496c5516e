//! Tariff generation: one tariff set (2–4 tariffs) per operator and country it serves.

use std::collections::BTreeSet;

use fastrand::Rng;

use crate::json::{Json, Num, Obj, Strs};
use crate::location::{energy_mix, op_style, text};
use crate::tables::{self, Operator, Profile};
use crate::{BASE_SECS, OcpiVersion, Ts, chance, days_from_civil, mix};

const DAYS: i64 = 86_400;

/// The tariffs of one operator in one country.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum TKind {
    /// AC, energy + daytime idle fee after 4 h.
    Ac,
    /// DC up to 50 kW, night / weekday-peak energy prices, charging time after 45 min.
    Dc,
    /// High-power DC, energy + idle fee after 60 min.
    Hpc,
    /// Card payment at the charger (`AD_HOC_PAYMENT`): session fee + energy.
    AdHoc,
    /// Free of charge (customers only).
    Free,
}

impl TKind {
    fn code(self) -> &'static str {
        match self {
            TKind::Ac => "AC",
            TKind::Dc => "DC",
            TKind::Hpc => "HPC",
            TKind::AdHoc => "ADHOC",
            TKind::Free => "FREE",
        }
    }
}

/// The tariff set of an operator profile (2–4 tariffs).
pub(crate) fn kinds(p: Profile) -> &'static [TKind] {
    match p {
        Profile::Hpc => &[TKind::Hpc, TKind::AdHoc],
        Profile::Mixed => &[TKind::Ac, TKind::Dc, TKind::Hpc, TKind::AdHoc],
        Profile::AcUrban => &[TKind::Ac, TKind::Dc, TKind::AdHoc, TKind::Free],
        Profile::AcOnStreet => &[TKind::Ac, TKind::AdHoc],
    }
}

/// The tariff a connector of the wanted kind points to, falling back to one the operator has.
pub(crate) fn resolve(p: Profile, wanted: TKind) -> TKind {
    let have = kinds(p);
    let order: &[TKind] = match wanted {
        TKind::Free => &[TKind::Free, TKind::Ac, TKind::Dc, TKind::Hpc],
        TKind::Ac => &[TKind::Ac, TKind::Dc, TKind::Hpc],
        TKind::Dc => &[TKind::Dc, TKind::Hpc, TKind::Ac],
        TKind::Hpc => &[TKind::Hpc, TKind::Dc, TKind::Ac],
        TKind::AdHoc => &[TKind::AdHoc],
    };
    order
        .iter()
        .copied()
        .find(|k| have.contains(k))
        .unwrap_or(TKind::AdHoc)
}

pub(crate) fn tariff_id(op: &Operator, country_idx: usize, kind: TKind) -> String {
    format!(
        "{}-{}-{}",
        op.party,
        tables::COUNTRIES[country_idx].a2,
        kind.code()
    )
}

/// Which (operator, country) pairs the locations used.
#[derive(Default)]
pub(crate) struct Usage(BTreeSet<(usize, usize)>);

impl Usage {
    pub(crate) fn insert(&mut self, op_idx: usize, country_idx: usize) {
        self.0.insert((op_idx, country_idx));
    }

    pub(crate) fn merge(&mut self, other: Usage) {
        self.0.extend(other.0);
    }
}

/// Every tariff the locations use, with the index of its operator.
pub(crate) fn generate_all(
    seed: u64,
    versions: &[OcpiVersion],
    usage: &Usage,
) -> Vec<(usize, Json)> {
    let mut out = Vec::new();
    for &(op_idx, c_idx) in &usage.0 {
        let op = &tables::OPERATORS[op_idx];
        for &kind in kinds(op.profile) {
            out.push((op_idx, tariff(seed, op_idx, c_idx, kind, versions[op_idx])));
        }
    }
    out
}

fn round_to(x: f64, decimals: i32) -> f64 {
    let f = [1.0, 10.0, 100.0, 1000.0, 10_000.0][decimals as usize];
    (x * f).round() / f
}

/// Prices of one tariff, converted to local currency, with and without VAT.
struct Pricing {
    v: OcpiVersion,
    factor: f64,
    vat: f64,
    tax_included: bool,
}

impl Pricing {
    /// Consumer price (incl. VAT) in local currency from a EUR/GBP-like base price.
    fn gross(&self, base: f64) -> f64 {
        round_to(base * self.factor, 2)
    }

    fn net(&self, base: f64) -> f64 {
        round_to(self.gross(base) / (1.0 + self.vat / 100.0), 4)
    }

    /// The `price` a PriceComponent carries in this version.
    fn component_price(&self, base: f64) -> f64 {
        if self.v == OcpiVersion::V230 && self.tax_included {
            self.gross(base)
        } else {
            self.net(base)
        }
    }

    fn limit(&self, base: f64) -> Json {
        let mut o = Obj::new(2);
        if self.v == OcpiVersion::V230 {
            o.put("before_taxes", Num(self.net(base)));
            o.put("after_taxes", Num(self.gross(base)));
        } else {
            o.put("excl_vat", Num(self.net(base)));
            o.put("incl_vat", Num(self.gross(base)));
        }
        o.done()
    }
}

#[derive(Default)]
struct Restr {
    start_time: Option<&'static str>,
    end_time: Option<&'static str>,
    min_duration: Option<i64>,
    day_of_week: &'static [&'static str],
}

impl Restr {
    fn is_empty(&self) -> bool {
        self.start_time.is_none()
            && self.end_time.is_none()
            && self.min_duration.is_none()
            && self.day_of_week.is_empty()
    }

    fn value(&self) -> Json {
        let mut o = Obj::new(4);
        o.opt("start_time", self.start_time);
        o.opt("end_time", self.end_time);
        o.opt("min_duration", self.min_duration);
        if !self.day_of_week.is_empty() {
            o.put("day_of_week", Strs(self.day_of_week));
        }
        o.done()
    }
}

/// (dimension, base price, step size)
type Component = (&'static str, f64, i64);
/// Price components sharing one set of restrictions.
type Element = (Vec<Component>, Restr);

const WEEKDAYS: &[&str] = &["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"];

fn tariff(seed: u64, op_idx: usize, c_idx: usize, kind: TKind, v: OcpiVersion) -> Json {
    let op = &tables::OPERATORS[op_idx];
    let country = &tables::COUNTRIES[c_idx];
    let style = op_style(seed, op_idx, v);
    let mut rng = Rng::with_seed(mix(seed, (op_idx * 64 + c_idx) as u64, 16 + kind as u64));
    let pricing = Pricing {
        v,
        factor: tables::price_factor(country.currency),
        vat: country.vat,
        tax_included: style.tax_included,
    };
    let lang = tables::lang(tables::country_lang(country.a2));
    let en = tables::lang("en");
    let cents = |rng: &mut Rng, lo: u32, hi: u32| f64::from(rng.u32(lo..=hi)) / 100.0;

    let mut elements: Vec<Element> = Vec::new();
    let ts = style.time_step;
    let (alt_en, alt_local) = match kind {
        TKind::Ac => {
            let energy = cents(&mut rng, 39, 59);
            let park = cents(&mut rng, 240, 600);
            elements.push((
                vec![("ENERGY", energy, 1), ("PARKING_TIME", park, ts)],
                Restr {
                    start_time: Some("08:00"),
                    end_time: Some("20:00"),
                    min_duration: Some(4 * 3600),
                    ..Restr::default()
                },
            ));
            elements.push((vec![("ENERGY", energy, 1)], Restr::default()));
            (en.t_ac, lang.t_ac)
        }
        TKind::Dc => {
            let energy = cents(&mut rng, 55, 69);
            let time = cents(&mut rng, 300, 900);
            elements.push((
                vec![("ENERGY", energy - 0.10, 1)],
                Restr {
                    start_time: Some("22:00"),
                    end_time: Some("06:00"),
                    ..Restr::default()
                },
            ));
            elements.push((
                vec![("ENERGY", energy + 0.10, 1)],
                Restr {
                    start_time: Some("16:00"),
                    end_time: Some("20:00"),
                    day_of_week: WEEKDAYS,
                    ..Restr::default()
                },
            ));
            elements.push((
                vec![("ENERGY", energy, 1), ("TIME", time, ts)],
                Restr {
                    min_duration: Some(45 * 60),
                    ..Restr::default()
                },
            ));
            elements.push((vec![("ENERGY", energy, 1)], Restr::default()));
            (en.t_dc, lang.t_dc)
        }
        TKind::Hpc => {
            let energy = cents(&mut rng, 59, 79);
            let idle = cents(&mut rng, 600, 1200);
            elements.push((
                vec![("ENERGY", energy, 1), ("PARKING_TIME", idle, ts)],
                Restr {
                    min_duration: Some(3600),
                    ..Restr::default()
                },
            ));
            elements.push((vec![("ENERGY", energy, 1)], Restr::default()));
            (en.t_hpc, lang.t_hpc)
        }
        TKind::AdHoc => {
            let energy = cents(&mut rng, 59, 79);
            let flat = cents(&mut rng, 35, 99);
            elements.push((
                vec![("FLAT", flat, 1), ("ENERGY", energy, 1)],
                Restr::default(),
            ));
            (en.t_adhoc, lang.t_adhoc)
        }
        TKind::Free => {
            elements.push((vec![("FLAT", 0.0, 1)], Restr::default()));
            (en.t_free, lang.t_free)
        }
    };

    let mut o = Obj::new(16);
    if v != OcpiVersion::V211 {
        o.put("country_code", op.cc);
        o.put("party_id", op.party);
    }
    o.put("id", tariff_id(op, c_idx, kind));
    o.put("currency", country.currency);
    if v != OcpiVersion::V211 {
        o.put(
            "type",
            if kind == TKind::AdHoc {
                "AD_HOC_PAYMENT"
            } else {
                "REGULAR"
            },
        );
    }
    let mut alt = vec![display_text(v, "en", alt_en)];
    if lang.code != "en" {
        alt.push(display_text(v, lang.code, alt_local));
    }
    o.put("tariff_alt_text", alt);
    o.put(
        "tariff_alt_url",
        format!(
            "https://www.{}.example.com/tariffs/{}/{}",
            op.slug,
            country.a2.to_ascii_lowercase(),
            kind.code().to_ascii_lowercase()
        ),
    );
    if v != OcpiVersion::V211 {
        if kind == TKind::AdHoc {
            o.put("min_price", pricing.limit(1.00));
        }
        if kind == TKind::Ac && chance(&mut rng, 0.4) {
            o.put("max_price", pricing.limit(50.00));
        }
    }
    let elements: Vec<Json> = elements
        .into_iter()
        .map(|(components, restr)| {
            let mut e = Obj::new(2);
            let comps: Vec<Json> = components
                .into_iter()
                .map(|(dim, base, step)| {
                    let mut c = Obj::new(4);
                    c.put("type", dim);
                    c.put("price", Num(pricing.component_price(base)));
                    if v != OcpiVersion::V211 {
                        c.put("vat", Num(country.vat));
                    }
                    c.put("step_size", step);
                    c.done()
                })
                .collect();
            e.put("price_components", comps);
            if !restr.is_empty() {
                e.put("restrictions", restr.value());
            }
            e.done()
        })
        .collect();
    o.put("elements", elements);
    if v == OcpiVersion::V230 {
        o.put(
            "tax_included",
            if style.tax_included { "YES" } else { "NO" },
        );
    }
    if v != OcpiVersion::V211 && chance(&mut rng, 0.4) {
        let month = rng.i64(1..=12);
        o.put(
            "start_date_time",
            Ts(days_from_civil(2025, month, 1) * DAYS, style.ts),
        );
    }
    if op.green && chance(&mut rng, 0.5) {
        o.put("energy_mix", energy_mix(v, &mut rng, true));
    }
    let updated = BASE_SECS - rng.i64(30 * DAYS..400 * DAYS);
    o.put("last_updated", Ts(updated, style.ts));
    o.done()
}

fn display_text(v: OcpiVersion, language: &str, s: &str) -> Json {
    let mut o = Obj::new(2);
    o.put("language", language);
    o.put("text", text(v, s));
    o.done()
}
