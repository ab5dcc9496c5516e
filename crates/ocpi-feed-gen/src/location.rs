//! Location / EVSE / Connector generation, fields in the spec's order for each version.

use std::borrow::Cow;
use std::sync::OnceLock;

use fastrand::Rng;

use crate::json::{Coord, Json, Num, Obj, Strs};
use crate::land::Land;
use crate::tables::{self, City, Country, IdStyle, Lang, Operator, PostFmt, Profile};
use crate::tariff::{self, TKind, Usage};
use crate::{BASE_SECS, OcpiVersion, Ts, TsStyle, chance, mix, splitmix, weighted};

/// Facts about a generated location that deviations need.
pub(crate) struct Facts {
    pub version: OcpiVersion,
    /// Index of the operator in `tables::OPERATORS`.
    pub op_idx: usize,
    pub index: usize,
    pub city: &'static City,
    pub country: &'static Country,
}

/// Per-operator formatting habits (all spec-valid), seeded per operator.
#[derive(Clone, Copy, Debug)]
pub(crate) struct OpStyle {
    pub ts: TsStyle,
    pub coord_decimals: usize,
    /// Emit `[]` for empty optional lists instead of leaving them out.
    pub empty_lists: bool,
    /// `step_size` for TIME / PARKING_TIME components (1 s or 60 s).
    pub time_step: i64,
    /// 2.3.0 `tax_included`: YES (else NO).
    pub tax_included: bool,
    /// 2.1.1: send the (optional) `time_zone`.
    pub tz_211: bool,
    pub logo: bool,
    pub terms_url: bool,
}

pub(crate) fn op_style(seed: u64, op_idx: usize, v: OcpiVersion) -> OpStyle {
    let mut r = Rng::with_seed(mix(seed, op_idx as u64, 4));
    let ts = match (v, r.u32(0..10)) {
        (OcpiVersion::V211, 0..=1) => TsStyle::NoZone,
        (OcpiVersion::V211, _) => TsStyle::Z,
        (_, 0..=1) => TsStyle::NoZone,
        (_, 2..=3) => TsStyle::Millis,
        _ => TsStyle::Z,
    };
    let coord_decimals = match (v, r.u32(0..10)) {
        (OcpiVersion::V211, _) => 6,
        (_, 0..=1) => 5,
        (_, 2..=3) => 7,
        _ => 6,
    };
    OpStyle {
        ts,
        coord_decimals,
        empty_lists: r.u32(0..10) < 3,
        time_step: if r.bool() { 1 } else { 60 },
        tax_included: r.u32(0..10) < 6,
        tz_211: r.u32(0..10) < 7,
        logo: r.bool(),
        terms_url: r.u32(0..10) < 3,
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Site {
    OnStreet,
    Garage,
    RetailLot,
    FastHub,
    Motorway,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Ac,
    Dc,
    Hpc,
}

#[derive(Clone, Copy, Debug)]
struct Conn {
    standard: &'static str,
    format: &'static str,
    power_type: &'static str,
    voltage: i64,
    amperage: i64,
    power: Option<i64>,
    class: Class,
}

const fn conn(
    standard: &'static str,
    format: &'static str,
    power_type: &'static str,
    voltage: i64,
    amperage: i64,
    power: Option<i64>,
    class: Class,
) -> Conn {
    Conn {
        standard,
        format,
        power_type,
        voltage,
        amperage,
        power,
        class,
    }
}

const T2_7: Conn = conn(
    "IEC_62196_T2",
    "SOCKET",
    "AC_1_PHASE",
    230,
    32,
    None,
    Class::Ac,
);
const T2_11: Conn = conn(
    "IEC_62196_T2",
    "SOCKET",
    "AC_3_PHASE",
    230,
    16,
    None,
    Class::Ac,
);
const T2_22: Conn = conn(
    "IEC_62196_T2",
    "SOCKET",
    "AC_3_PHASE",
    230,
    32,
    None,
    Class::Ac,
);
const T2_22_CABLE: Conn = conn(
    "IEC_62196_T2",
    "CABLE",
    "AC_3_PHASE",
    230,
    32,
    Some(22000),
    Class::Ac,
);
const T2_43: Conn = conn(
    "IEC_62196_T2",
    "CABLE",
    "AC_3_PHASE",
    230,
    63,
    Some(43000),
    Class::Dc,
);
const DOM_E: Conn = conn(
    "DOMESTIC_E",
    "SOCKET",
    "AC_1_PHASE",
    230,
    16,
    None,
    Class::Ac,
);
const DOM_F: Conn = conn(
    "DOMESTIC_F",
    "SOCKET",
    "AC_1_PHASE",
    230,
    16,
    None,
    Class::Ac,
);
const DOM_G: Conn = conn(
    "DOMESTIC_G",
    "SOCKET",
    "AC_1_PHASE",
    230,
    13,
    None,
    Class::Ac,
);
const CCS_50: Conn = conn(
    "IEC_62196_T2_COMBO",
    "CABLE",
    "DC",
    500,
    125,
    Some(50000),
    Class::Dc,
);
const CHA_50: Conn = conn("CHADEMO", "CABLE", "DC", 500, 125, Some(50000), Class::Dc);
const CCS_150: Conn = conn(
    "IEC_62196_T2_COMBO",
    "CABLE",
    "DC",
    920,
    250,
    Some(150000),
    Class::Hpc,
);
const CCS_300: Conn = conn(
    "IEC_62196_T2_COMBO",
    "CABLE",
    "DC",
    920,
    400,
    Some(300000),
    Class::Hpc,
);
const CCS_350: Conn = conn(
    "IEC_62196_T2_COMBO",
    "CABLE",
    "DC",
    1000,
    500,
    Some(350000),
    Class::Hpc,
);
const CCS_400: Conn = conn(
    "IEC_62196_T2_COMBO",
    "CABLE",
    "DC",
    1000,
    500,
    Some(400000),
    Class::Hpc,
);

const STATUSES: &[(&str, u32)] = &[
    ("AVAILABLE", 550),
    ("CHARGING", 240),
    ("OUTOFORDER", 50),
    ("UNKNOWN", 60),
    ("INOPERATIVE", 30),
    ("BLOCKED", 20),
    ("RESERVED", 20),
    ("PLANNED", 20),
    ("REMOVED", 10),
];

const DAYS: i64 = 86_400;

/// Everything needed while building one location.
struct Ctx {
    v: OcpiVersion,
    style: OpStyle,
    op: &'static Operator,
    op_idx: usize,
    country: &'static Country,
    lang: &'static Lang,
    /// Tariff ids of this operator in this country, by `TKind` (only kinds it has).
    tariff_ids: [Option<String>; 5],
    terms_url: Option<String>,
}

/// A human-readable string: printable ASCII for 2.1.1, UTF-8 otherwise.
pub(crate) fn text(v: OcpiVersion, s: &str) -> Cow<'_, str> {
    if v == OcpiVersion::V211 && !s.is_ascii() {
        Cow::Owned(tables::ascii_fold(s))
    } else {
        Cow::Borrowed(s)
    }
}

impl Ctx {
    fn s<'a>(&self, s: &'a str) -> Cow<'a, str> {
        text(self.v, s)
    }

    fn ts(&self, secs: i64) -> Ts {
        Ts(secs, self.style.ts)
    }

    fn coord(&self, x: f64) -> Coord {
        Coord(x, self.style.coord_decimals)
    }

    fn geo(&self, lat: f64, lon: f64) -> Json {
        let mut o = Obj::new(2);
        o.put("latitude", self.coord(lat));
        o.put("longitude", self.coord(lon));
        o.done()
    }

    fn display_texts(&self, en: &str, local: &str) -> Vec<Json> {
        let mut out = vec![display_text(self, "en", en)];
        if self.lang.code != "en" {
            out.push(display_text(self, self.lang.code, local));
        }
        out
    }
}

fn display_text(ctx: &Ctx, language: &str, text: &str) -> Json {
    let mut o = Obj::new(2);
    o.put("language", language);
    o.put("text", ctx.s(text));
    o.done()
}

fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[rng.usize(0..items.len())]
}

fn digits(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| char::from(b'0' + rng.u8(0..10))).collect()
}

fn letters(rng: &mut Rng, alphabet: &[u8], n: usize) -> String {
    (0..n)
        .map(|_| char::from(alphabet[rng.usize(0..alphabet.len())]))
        .collect()
}

fn postal_code(rng: &mut Rng, country: &Country, city: &City) -> String {
    let prefixes: Vec<&str> = city.post.split('|').collect();
    let prefix = pick(rng, &prefixes);
    let fill = |rng: &mut Rng, len: usize| {
        let mut s = prefix.to_string();
        s.push_str(&digits(rng, len.saturating_sub(prefix.len())));
        s
    };
    match country.post {
        PostFmt::Uk => {
            let district = if prefix.len() == 2 && matches!(prefix, "EC" | "WC") {
                format!("{}{}", rng.u8(1..5), letters(rng, b"ABMNPRVWXY", 1))
            } else {
                rng.u8(1..21).to_string()
            };
            let inward = format!(
                "{}{}",
                rng.u8(0..10),
                letters(rng, b"ABDEFGHJLNPQRSTUWXYZ", 2)
            );
            format!("{prefix}{district} {inward}")
        }
        PostFmt::Eircode => {
            let first = letters(rng, b"ACDEFHKNPRTVWXY", 1);
            let rest = letters(rng, b"ACDEFHKNPRTVWXY0123456789", 3);
            format!("{prefix} {first}{rest}")
        }
        PostFmt::Nl => {
            let num = fill(rng, 4);
            format!("{num} {}", letters(rng, b"ABCEGHJKLMNPRTVWXZ", 2))
        }
        PostFmt::Digits(n) => fill(rng, n),
        PostFmt::Pt => format!("{}-{}", fill(rng, 4), digits(rng, 3)),
        PostFmt::ThreeTwo => {
            let d = fill(rng, 5);
            format!("{} {}", &d[..3], &d[3..])
        }
        PostFmt::Pl => {
            let d = fill(rng, 5);
            format!("{}-{}", &d[..2], &d[2..])
        }
    }
}

fn uuid(rng: &mut Rng) -> String {
    let hi = rng.u64(..);
    let lo = rng.u64(..);
    let hi = (hi & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000;
    let lo = (lo & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        hi >> 32,
        (hi >> 16) & 0xFFFF,
        hi & 0xFFFF,
        lo >> 48,
        lo & 0xFFFF_FFFF_FFFF
    )
}

/// Table lookups precomputed once (avoids string comparisons per location).
struct Lookup {
    city_total: u32,
    /// Per city: (country index, language).
    cities: Vec<(usize, &'static Lang)>,
    /// Per country index: operators present there, weighted by rough network size.
    operators: Vec<Vec<(usize, u32)>>,
}

fn lookup() -> &'static Lookup {
    static LOOKUP: OnceLock<Lookup> = OnceLock::new();
    LOOKUP.get_or_init(|| Lookup {
        city_total: tables::CITIES.iter().map(|c| c.weight).sum(),
        cities: tables::CITIES
            .iter()
            .map(|c| {
                let country = tables::COUNTRIES
                    .iter()
                    .position(|k| k.a2 == c.country)
                    .expect("city country in table");
                (country, tables::lang(c.lang))
            })
            .collect(),
        operators: tables::COUNTRIES
            .iter()
            .map(|c| {
                tables::OPERATORS
                    .iter()
                    .enumerate()
                    .filter(|(_, o)| o.countries.contains(&c.a2))
                    .map(|(i, o)| {
                        // Fast-charging networks have far fewer sites than AC networks.
                        let size = match o.profile {
                            Profile::Hpc => 1,
                            Profile::Mixed => 4,
                            Profile::AcUrban => 6,
                            Profile::AcOnStreet => 5,
                        };
                        (i, if o.cc == c.a2 { size * 3 } else { size })
                    })
                    .collect()
            })
            .collect(),
    })
}

fn pick_city(rng: &mut Rng, lk: &Lookup) -> usize {
    let mut r = rng.u32(0..lk.city_total);
    for (i, c) in tables::CITIES.iter().enumerate() {
        if r < c.weight {
            return i;
        }
        r -= c.weight;
    }
    0
}

fn pick_site(rng: &mut Rng, p: Profile) -> Site {
    use Site::*;
    match p {
        Profile::Hpc => weighted(rng, &[(Motorway, 4), (FastHub, 6)]),
        Profile::Mixed => weighted(
            rng,
            &[
                (OnStreet, 33),
                (Garage, 20),
                (RetailLot, 27),
                (FastHub, 15),
                (Motorway, 5),
            ],
        ),
        Profile::AcUrban => weighted(
            rng,
            &[(OnStreet, 35), (Garage, 30), (RetailLot, 30), (FastHub, 5)],
        ),
        Profile::AcOnStreet => OnStreet,
    }
}

fn ac_evse(rng: &mut Rng, country: &Country) -> Vec<Conn> {
    let uk = matches!(country.a2, "GB" | "IE");
    let main = if uk {
        weighted(rng, &[(T2_7, 6), (T2_22, 3), (T2_22_CABLE, 1)])
    } else {
        weighted(rng, &[(T2_22, 5), (T2_11, 4), (T2_22_CABLE, 1)])
    };
    let mut out = vec![main];
    if chance(rng, 0.15) {
        out.push(match country.a2 {
            "GB" | "IE" => DOM_G,
            "FR" | "BE" => DOM_E,
            _ => DOM_F,
        });
    }
    out
}

fn triple_evse() -> Vec<Conn> {
    vec![CCS_50, CHA_50, T2_43]
}

fn ccs150_evse(rng: &mut Rng) -> Vec<Conn> {
    if chance(rng, 0.3) {
        vec![CCS_150, CHA_50]
    } else {
        vec![CCS_150]
    }
}

fn hpc_evse(rng: &mut Rng) -> Vec<Conn> {
    let ccs = weighted(
        rng,
        &[(CCS_150, 2), (CCS_300, 3), (CCS_350, 2), (CCS_400, 1)],
    );
    if chance(rng, 0.15) {
        vec![ccs, CHA_50]
    } else {
        vec![ccs]
    }
}

fn plan_evses(rng: &mut Rng, site: Site, p: Profile, country: &Country) -> Vec<Vec<Conn>> {
    match site {
        Site::OnStreet => {
            let n = if p == Profile::AcOnStreet {
                weighted(rng, &[(1, 8), (2, 2)])
            } else {
                weighted(rng, &[(1, 30), (2, 55), (3, 8), (4, 7)])
            };
            (0..n).map(|_| ac_evse(rng, country)).collect()
        }
        Site::Garage => {
            let n = weighted(
                rng,
                &[(2, 30), (3, 20), (4, 20), (5, 8), (6, 8), (8, 7), (10, 7)],
            );
            let mut v: Vec<Vec<Conn>> = (0..n).map(|_| ac_evse(rng, country)).collect();
            if chance(rng, 0.2) {
                v[n - 1] = triple_evse();
            }
            v
        }
        Site::RetailLot => {
            let n = weighted(rng, &[(2, 35), (3, 20), (4, 25), (6, 12), (8, 8)]);
            let mut v: Vec<Vec<Conn>> = (0..n).map(|_| ac_evse(rng, country)).collect();
            if chance(rng, 0.4) {
                let dc = rng.usize(1..=2).min(n);
                let fast = chance(rng, 0.5);
                for e in v.iter_mut().take(dc) {
                    *e = if fast {
                        ccs150_evse(rng)
                    } else {
                        triple_evse()
                    };
                }
            }
            v
        }
        Site::FastHub => {
            let n = weighted(rng, &[(2, 35), (3, 20), (4, 30), (6, 15)]);
            if p == Profile::Hpc {
                (0..n).map(|_| hpc_evse(rng)).collect()
            } else if chance(rng, 0.4) {
                (0..n).map(|_| triple_evse()).collect()
            } else {
                (0..n).map(|_| ccs150_evse(rng)).collect()
            }
        }
        Site::Motorway => {
            let n = weighted(rng, &[(4, 25), (6, 30), (8, 20), (10, 12), (12, 13)]);
            (0..n).map(|_| hpc_evse(rng)).collect()
        }
    }
}

fn capabilities(
    rng: &mut Rng,
    v: OcpiVersion,
    class: Class,
    site: Site,
    p: Profile,
) -> Vec<&'static str> {
    let v22 = v != OcpiVersion::V211;
    let mut caps = Vec::new();
    let (card, profile_cap, reservable, unlock, rfid) = match class {
        Class::Ac => (
            chance(rng, 0.1),
            chance(rng, 0.1),
            chance(rng, 0.05),
            chance(rng, 0.3),
            p != Profile::AcOnStreet || chance(rng, 0.3),
        ),
        Class::Dc | Class::Hpc => (
            chance(rng, if site == Site::Motorway { 0.85 } else { 0.7 }),
            chance(rng, 0.3),
            chance(rng, 0.1),
            chance(rng, 0.2),
            chance(rng, 0.9),
        ),
    };
    if profile_cap {
        caps.push("CHARGING_PROFILE_CAPABLE");
    }
    if card {
        if v22 {
            if chance(rng, 0.4) {
                caps.push("CHIP_CARD_SUPPORT");
            }
            caps.push("CONTACTLESS_CARD_SUPPORT");
        }
        caps.push("CREDIT_CARD_PAYABLE");
        if v22 {
            if chance(rng, 0.5) {
                caps.push("DEBIT_CARD_PAYABLE");
            }
            if chance(rng, 0.3) {
                caps.push("PED_TERMINAL");
            }
        }
    }
    caps.push("REMOTE_START_STOP_CAPABLE");
    if reservable {
        caps.push("RESERVABLE");
    }
    if rfid {
        caps.push("RFID_READER");
    }
    if unlock {
        caps.push("UNLOCK_CAPABLE");
    }
    caps
}

fn facilities(rng: &mut Rng, v: OcpiVersion, site: Site) -> Vec<&'static str> {
    let mut f: Vec<&'static str> = match site {
        Site::OnStreet => match rng.u32(0..10) {
            0..=5 => vec![],
            6 => vec!["BUS_STOP"],
            7 => vec!["TRAM_STOP"],
            8 => vec!["CAFE"],
            _ => vec!["BIKE_SHARING"],
        },
        Site::Garage => vec![pick(
            rng,
            &[
                "MALL",
                "TRAIN_STATION",
                "HOTEL",
                "MUSEUM",
                "METRO_STATION",
                "AIRPORT",
            ],
        )],
        Site::RetailLot => {
            let mut f = vec![if chance(rng, 0.6) {
                "SUPERMARKET"
            } else {
                "MALL"
            }];
            if chance(rng, 0.3) {
                f.push("CAFE");
            }
            if chance(rng, 0.3) {
                f.push("PARKING_LOT");
            }
            f
        }
        Site::FastHub => {
            let mut f = vec![];
            for (name, p) in [
                ("RESTAURANT", 0.4),
                ("CAFE", 0.5),
                ("FUEL_STATION", 0.3),
                ("WIFI", 0.5),
            ] {
                if chance(rng, p) {
                    f.push(name);
                }
            }
            f
        }
        Site::Motorway => {
            let mut f = vec!["FUEL_STATION"];
            for (name, p) in [
                ("RESTAURANT", 0.8),
                ("CAFE", 0.6),
                ("RECREATION_AREA", 0.2),
                ("WIFI", 0.6),
            ] {
                if chance(rng, p) {
                    f.push(name);
                }
            }
            f
        }
    };
    if v == OcpiVersion::V211 {
        f.retain(|x| {
            !matches!(
                *x,
                "BIKE_SHARING" | "PARKING_LOT" | "TRAM_STOP" | "METRO_STATION"
            )
        });
    }
    f
}

/// An EnergyMix object (2.1.1 names the impact category `source`, 2.2+ `category`).
pub(crate) fn energy_mix(v: OcpiVersion, rng: &mut Rng, green: bool) -> Json {
    let mut o = Obj::new(5);
    o.put("is_green_energy", green);
    let impact_key = if v == OcpiVersion::V211 {
        "source"
    } else {
        "category"
    };
    let source = |s: &str, p: f64| {
        let mut o = Obj::new(2);
        o.put("source", s);
        o.put("percentage", Num(p));
        o.done()
    };
    let impact = |c: &str, a: f64| {
        let mut o = Obj::new(2);
        o.put(impact_key, c);
        o.put("amount", Num(a));
        o.done()
    };
    if green {
        let wind = f64::from(rng.u32(40..=80));
        let solar = f64::from(rng.u32(0..=(100 - wind as u32)));
        let mut sources = vec![source("WIND", wind)];
        if solar > 0.0 {
            sources.push(source("SOLAR", solar));
        }
        if wind + solar < 100.0 {
            sources.push(source("WATER", 100.0 - wind - solar));
        }
        o.put("energy_sources", sources);
        o.put("environ_impact", vec![impact("CARBON_DIOXIDE", 0.0)]);
    } else {
        let fossil = f64::from(rng.u32(20..=50));
        let nuclear = f64::from(rng.u32(0..=20));
        o.put(
            "energy_sources",
            vec![
                source("GENERAL_FOSSIL", fossil),
                source("NUCLEAR", nuclear),
                source("GENERAL_GREEN", 100.0 - fossil - nuclear),
            ],
        );
        o.put(
            "environ_impact",
            vec![
                impact("CARBON_DIOXIDE", f64::from(rng.u32(150..=400))),
                impact("NUCLEAR_WASTE", 0.0006),
            ],
        );
    }
    let (supplier, product) = pick(rng, tables::ENERGY_SUPPLIERS);
    o.put("supplier_name", text(v, supplier));
    o.put("energy_product_name", text(v, product));
    o.done()
}

fn image(url: String, thumb: Option<String>, category: &str, kind: &str, w: i64, h: i64) -> Json {
    let mut o = Obj::new(6);
    o.put("url", url);
    o.opt("thumbnail", thumb);
    o.put("category", category);
    o.put("type", kind);
    o.put("width", w);
    o.put("height", h);
    o.done()
}

fn business(ctx: &Ctx) -> Json {
    let op = ctx.op;
    let mut o = Obj::new(3);
    o.put("name", ctx.s(op.name));
    o.put("website", format!("https://www.{}.example.com", op.slug));
    if ctx.style.logo {
        o.put(
            "logo",
            image(
                format!("https://www.{}.example.com/static/logo.png", op.slug),
                Some(format!(
                    "https://www.{}.example.com/static/logo-64.png",
                    op.slug
                )),
                "OPERATOR",
                "png",
                512,
                512,
            ),
        );
    }
    o.done()
}

fn regular_hours(days: std::ops::RangeInclusive<i64>, begin: &str, end: &str) -> Vec<Json> {
    days.map(|d| {
        let mut o = Obj::new(3);
        o.put("weekday", d);
        o.put("period_begin", begin);
        o.put("period_end", end);
        o.done()
    })
    .collect()
}

/// A closed local calendar day expressed in UTC.
fn closing(ctx: &Ctx, tz: &str, y: i64, m: i64, d: i64, summer: bool) -> Json {
    let mut offset = if tz == "Atlantic/Canary" {
        0
    } else {
        ctx.country.winter_offset
    };
    if summer {
        offset += 1;
    }
    let start = crate::days_from_civil(y, m, d) * DAYS - offset * 3600;
    let mut o = Obj::new(2);
    o.put("period_begin", ctx.ts(start));
    o.put("period_end", ctx.ts(start + DAYS));
    o.done()
}

fn opening_times(ctx: &Ctx, rng: &mut Rng, site: Site, tz: &str) -> (Option<Json>, bool) {
    let regular = matches!(site, Site::Garage | Site::RetailLot) && chance(rng, 0.55);
    let mut closings = Vec::new();
    if chance(rng, if regular { 0.08 } else { 0.02 }) {
        closings.push(closing(ctx, tz, 2025, 12, 25, false));
        if chance(rng, 0.5) {
            closings.push(closing(ctx, tz, 2026, 1, 1, false));
        }
        if chance(rng, 0.3) {
            closings.push(closing(ctx, tz, 2026, 4, 5, true));
        }
    }
    let mut o = Obj::new(4);
    if regular {
        let mut hours = if site == Site::RetailLot {
            regular_hours(1..=6, "08:00", "21:00")
        } else {
            regular_hours(1..=6, "07:00", "22:00")
        };
        if chance(rng, 0.3) {
            hours.extend(regular_hours(7..=7, "09:00", "18:00"));
        }
        if ctx.v == OcpiVersion::V211 {
            // 2.1.1 Hours is a choice: regular_hours *or* twentyfourseven.
            o.put("regular_hours", hours);
        } else {
            o.put("twentyfourseven", false);
            o.put("regular_hours", hours);
        }
    } else {
        o.put("twentyfourseven", true);
    }
    if !closings.is_empty() {
        o.put("exceptional_closings", closings);
    }
    (Some(o.done()), regular)
}

fn publish_token(rng: &mut Rng, op: &Operator) -> Json {
    let mut o = Obj::new(2);
    match rng.u32(0..3) {
        0 => {
            o.put("uid", letters(rng, b"0123456789ABCDEF", 14));
            o.put("type", "RFID");
        }
        1 => {
            o.put(
                "visual_number",
                format!(
                    "{}-{}-C{}-{}",
                    op.cc,
                    op.party,
                    digits(rng, 6),
                    digits(rng, 1)
                ),
            );
            o.put("issuer", op.brand);
        }
        _ => {
            o.put("group_id", format!("FLEET-{}", digits(rng, 4)));
        }
    }
    o.done()
}

fn help_phone(country: &Country, op: &Operator) -> String {
    let h = splitmix(op.party.bytes().fold(0u64, |a, b| a * 131 + u64::from(b)));
    format!(
        "{} 800 {:03} {:04}",
        country.phone,
        h % 1000,
        (h / 1000) % 10_000
    )
}

/// Cosine of an angle in degrees (|x| <= 90), by Taylor series: plain arithmetic, so the
/// same on every platform (unlike libm's `cos`). Error < 1e-12 in that range.
fn cos_deg(deg: f64) -> f64 {
    let r = deg * (std::f64::consts::PI / 180.0);
    let r2 = r * r;
    let mut term = 1.0;
    let mut sum = 1.0;
    for k in 1..=12 {
        let k = f64::from(k);
        term = -term * r2 / ((2.0 * k - 1.0) * (2.0 * k));
        sum += term;
    }
    sum
}

/// Jittered point around a city centre (roughly Gaussian, radius by city size).
fn jitter(rng: &mut Rng, city: &City, site: Site) -> (f64, f64) {
    let (dn, de) = if site == Site::Motorway {
        let dist = 8.0 + rng.f64() * 22.0;
        // A random direction without trigonometry (libm results may differ between platforms;
        // +, -, *, / and sqrt are exact IEEE operations, so the output is the same everywhere).
        let (x, y) = loop {
            let (x, y) = (rng.f64() * 2.0 - 1.0, rng.f64() * 2.0 - 1.0);
            let r2 = x * x + y * y;
            if r2 > 0.01 && r2 <= 1.0 {
                let r = r2.sqrt();
                break (x / r, y / r);
            }
        };
        (dist * x, dist * y)
    } else {
        let radius = 2.0 + f64::from(city.weight) * 0.8;
        let g = |rng: &mut Rng| (rng.f64() + rng.f64() + rng.f64() - 1.5) * radius;
        (g(rng), g(rng))
    };
    let lat = city.lat + dn / 111.32;
    let lon = city.lon + de / (111.32 * cos_deg(lat));
    (lat, lon)
}

/// Tries points around the city until one is on land (demo maps are drawn over land outlines);
/// without a mask this is [`jitter`] itself, so feeds made without one are unchanged.
fn jitter_on_land(rng: &mut Rng, city: &City, site: Site, land: Option<&Land>) -> (f64, f64) {
    let Some(land) = land else {
        return jitter(rng, city, site);
    };
    for _ in 0..32 {
        let (lat, lon) = jitter(rng, city, site);
        if land.contains(lat, lon) {
            return (lat, lon);
        }
    }
    (city.lat, city.lon)
}

fn street_address(ctx: &Ctx, rng: &mut Rng) -> (String, &'static str) {
    let street = pick(rng, ctx.lang.streets);
    let n = rng.u32(1..=180);
    let addr = if ctx.lang.number_first {
        format!("{n} {street}")
    } else {
        format!("{}{street} {n}", ctx.lang.street_prefix)
    };
    (addr, street)
}

struct EvseOut {
    value: Json,
    last_updated: i64,
}

#[allow(clippy::too_many_arguments)]
fn evse(
    ctx: &Ctx,
    rng: &mut Rng,
    site: Site,
    n: usize,
    loc_index: usize,
    loc_id: &str,
    conns: &[Conn],
    max_ts: i64,
    offline: bool,
    free_ac: bool,
    coords: Option<(f64, f64)>,
    parking: Option<Vec<Json>>,
    providers: &[&str],
) -> EvseOut {
    let v = ctx.v;
    let op = ctx.op;
    let class = if conns.iter().any(|c| c.class == Class::Hpc) {
        Class::Hpc
    } else if conns.iter().any(|c| c.class == Class::Dc) {
        Class::Dc
    } else {
        Class::Ac
    };
    let caps = capabilities(rng, v, class, site, op.profile);
    let terminal = caps.contains(&"CREDIT_CARD_PAYABLE");
    let mut status = if offline {
        "UNKNOWN"
    } else {
        weighted(rng, STATUSES)
    };
    if status == "RESERVED" && !caps.contains(&"RESERVABLE") {
        status = "AVAILABLE";
    }
    let uid = match op.ids {
        IdStyle::Prefixed => format!("{loc_id}-{n}"),
        IdStyle::Numeric => format!("{}{n:02}", 1_000_000 + loc_index),
        IdStyle::Uuid => uuid(rng),
    };
    let evse_id = format!("{}*{}*E{}*{n}", op.cc, op.party, 10_000 + loc_index);
    let evse_ts = if n == 1 || chance(rng, 0.3) {
        max_ts
    } else {
        max_ts - rng.i64(0..30 * DAYS)
    };

    let mut o = Obj::new(16);
    o.put("uid", uid);
    if status != "REMOVED" || chance(rng, 0.5) {
        o.put("evse_id", evse_id);
    }
    o.put("status", status);
    if status == "PLANNED" {
        let mut s = Obj::new(2);
        s.put("period_begin", ctx.ts(BASE_SECS + rng.i64(10..60) * DAYS));
        s.put("status", "AVAILABLE");
        o.put("status_schedule", vec![s.done()]);
    } else {
        o.list("status_schedule", &[], ctx.style.empty_lists);
    }
    o.str_list("capabilities", &caps, ctx.style.empty_lists);

    let connectors: Vec<Json> = conns
        .iter()
        .enumerate()
        .map(|(ci, c)| {
            let ts = if ci == 0 || chance(rng, 0.5) {
                evse_ts
            } else {
                evse_ts - rng.i64(0..60 * DAYS)
            };
            connector(ctx, rng, ci + 1, c, ts, terminal, free_ac)
        })
        .collect();
    o.put("connectors", connectors);

    if site == Site::Garage {
        o.put("floor_level", pick(rng, &["-2", "-1", "-1", "0", "1", "2"]));
    }
    if let Some((lat, lon)) = coords {
        o.put("coordinates", ctx.geo(lat, lon));
    }
    let phys = match site {
        Site::OnStreet if op.profile == Profile::AcOnStreet => {
            Some(format!("LP{}", digits(rng, 5)))
        }
        Site::OnStreet => None,
        Site::Garage | Site::RetailLot => Some(format!("{n:02}")),
        Site::FastHub | Site::Motorway => Some(n.to_string()),
    };
    o.opt("physical_reference", phys);
    o.list("directions", &[], ctx.style.empty_lists);

    let mut restrictions: Vec<&str> = Vec::new();
    match site {
        Site::OnStreet => {
            if chance(rng, 0.5) {
                restrictions.push("EV_ONLY");
            }
            if chance(rng, 0.2) {
                restrictions.push("PLUGGED");
            }
        }
        Site::Garage | Site::RetailLot => {
            if chance(rng, 0.6) {
                restrictions.push("EV_ONLY");
            }
            if site == Site::RetailLot && free_ac {
                restrictions.push("CUSTOMERS");
            }
            if chance(rng, 0.05) {
                restrictions.push("DISABLED");
            }
        }
        Site::FastHub | Site::Motorway => restrictions.push("EV_ONLY"),
    }
    o.str_list("parking_restrictions", &restrictions, ctx.style.empty_lists);
    if v == OcpiVersion::V230
        && let Some(p) = parking
    {
        o.put("parking", p);
    }
    if chance(rng, 0.01) {
        o.put(
            "images",
            vec![image(
                format!(
                    "https://img.{}.example.com/evses/{}.jpg",
                    op.slug,
                    n + loc_index * 16
                ),
                None,
                "CHARGER",
                "jpeg",
                1200,
                1600,
            )],
        );
    } else {
        o.list("images", &[], ctx.style.empty_lists);
    }
    if v == OcpiVersion::V230 && !providers.is_empty() {
        o.put("accepted_service_providers", Strs(providers));
    }
    o.put("last_updated", ctx.ts(evse_ts));
    EvseOut {
        value: o.done(),
        last_updated: evse_ts,
    }
}

fn connector(
    ctx: &Ctx,
    rng: &mut Rng,
    id: usize,
    c: &Conn,
    ts: i64,
    terminal: bool,
    free_ac: bool,
) -> Json {
    let v = ctx.v;
    let profile = ctx.op.profile;
    let wanted = match c.class {
        Class::Ac if free_ac => TKind::Free,
        Class::Ac => TKind::Ac,
        Class::Dc => TKind::Dc,
        Class::Hpc => TKind::Hpc,
    };
    let regular = tariff::resolve(profile, wanted);
    let id_of = |k: TKind| {
        ctx.tariff_ids[k as usize]
            .as_deref()
            .expect("resolved kind exists")
    };
    let regular_id = id_of(regular);

    let mut o = Obj::new(11);
    o.put("id", ["1", "2", "3", "4"][id - 1]);
    o.put("standard", c.standard);
    o.put("format", c.format);
    o.put("power_type", c.power_type);
    if v == OcpiVersion::V211 {
        o.put("voltage", c.voltage);
        o.put("amperage", c.amperage);
        o.put("tariff_id", regular_id);
    } else {
        o.put("max_voltage", c.voltage);
        o.put("max_amperage", c.amperage);
        let power = c.power.or_else(|| {
            // Some operators state the AC power too (never above V x A x phases).
            (c.power_type == "AC_3_PHASE" && chance(rng, 0.3)).then_some(if c.amperage >= 32 {
                22000
            } else {
                11000
            })
        });
        o.opt("max_electric_power", power);
        if terminal && regular != TKind::Free {
            o.put("tariff_ids", Strs(&[regular_id, id_of(TKind::AdHoc)]));
        } else {
            o.put("tariff_ids", Strs(&[regular_id]));
        }
    }
    o.opt("terms_and_conditions", ctx.terms_url.as_deref());
    if v == OcpiVersion::V230 && c.standard == "IEC_62196_T2_COMBO" && c.class == Class::Hpc {
        let mut caps = Vec::new();
        if chance(rng, 0.5) {
            caps.push("ISO_15118_2_PLUG_AND_CHARGE");
            if chance(rng, 0.4) {
                caps.push("ISO_15118_20_PLUG_AND_CHARGE");
            }
        }
        o.str_list("capabilities", &caps, ctx.style.empty_lists);
    }
    o.put("last_updated", ctx.ts(ts));
    o.done()
}

fn parking_place(rng: &mut Rng, id: &str, site: Site, kind: u8) -> Json {
    // kind: 0 = car, 1 = car + disabled, 2 = drive-through for vans / trailers
    let mut o = Obj::new(19);
    o.put("id", id);
    if matches!(site, Site::Garage | Site::RetailLot) {
        o.put("physical_reference", id.trim_start_matches('P'));
    }
    let types: &[&str] = match kind {
        0 => &["PERSONAL_VEHICLE"],
        1 => &["PERSONAL_VEHICLE", "DISABLED"],
        _ => &["PERSONAL_VEHICLE", "PERSONAL_VEHICLE_WITH_TRAILER", "VAN"],
    };
    o.put("vehicle_types", Strs(types));
    if kind != 0 {
        let trailer = kind == 2;
        o.put("max_vehicle_weight", if trailer { 3500 } else { 2500 });
        o.put("max_vehicle_height", if trailer { 300 } else { 210 });
        o.put("max_vehicle_length", if trailer { 1800 } else { 500 });
        o.put("max_vehicle_width", if trailer { 255 } else { 200 });
        o.put("parking_space_length", if trailer { 2000 } else { 550 });
        o.put("parking_space_width", if trailer { 400 } else { 350 });
        o.put("dangerous_goods_allowed", false);
    }
    o.put(
        "direction",
        match site {
            Site::OnStreet => "PARALLEL",
            _ if kind == 2 => "PARALLEL",
            _ => "PERPENDICULAR",
        },
    );
    if kind == 2 {
        o.put("drive_through", true);
    }
    o.put("restricted_to_type", kind == 1);
    o.put("reservation_required", false);
    if site == Site::OnStreet && chance(rng, 0.4) {
        o.put("time_limit", 240);
    }
    o.put("roofed", site == Site::Garage);
    if kind == 1 {
        o.put(
            "images",
            vec![image(
                format!(
                    "https://img.example.com/parking/{id}-{}.jpg",
                    rng.u32(1000..10_000)
                ),
                None,
                "LOCATION",
                "jpeg",
                1600,
                1200,
            )],
        );
    }
    o.put("lighting", site != Site::OnStreet || chance(rng, 0.7));
    o.done()
}

/// Generate location number `index`. Returns the JSON object and facts for deviations.
pub(crate) fn generate(
    rng: &mut Rng,
    index: usize,
    seed: u64,
    versions: &[OcpiVersion],
    usage: &mut Usage,
    land: Option<&Land>,
) -> (Json, Facts) {
    let lk = lookup();
    let city_idx = pick_city(rng, lk);
    let city = &tables::CITIES[city_idx];
    let (country_idx, lang) = lk.cities[city_idx];
    let country = &tables::COUNTRIES[country_idx];
    let op_idx = weighted(rng, &lk.operators[country_idx]);
    let op = &tables::OPERATORS[op_idx];
    let v = versions[op_idx];
    let style = op_style(seed, op_idx, v);
    let ctx = Ctx {
        v,
        style,
        op,
        op_idx,
        country,
        lang,
        tariff_ids: {
            let mut ids: [Option<String>; 5] = Default::default();
            for &k in tariff::kinds(op.profile) {
                ids[k as usize] = Some(tariff::tariff_id(op, country_idx, k));
            }
            ids
        },
        terms_url: style
            .terms_url
            .then(|| format!("https://www.{}.example.com/terms", op.slug)),
    };
    usage.insert(ctx.op_idx, country_idx);

    let site = pick_site(rng, op.profile);
    let (lat, lon) = jitter_on_land(rng, city, site, land);
    let loc_id = match op.ids {
        IdStyle::Prefixed => format!("{}-{:06}", op.party, 4000 + index),
        IdStyle::Numeric => (1_000_000 + index).to_string(),
        IdStyle::Uuid => uuid(rng),
    };
    let loc_ts =
        BASE_SECS - ((rng.f64() * rng.f64()) * 400.0 * DAYS as f64) as i64 - rng.i64(0..3600);
    let motorway = pick(rng, country.motorways);
    let (address, street) = if site == Site::Motorway {
        let a = if ctx.lang.number_first {
            format!("{motorway} {}", ctx.lang.services)
        } else {
            format!("{} {motorway}", ctx.lang.services)
        };
        (a, motorway)
    } else {
        street_address(&ctx, rng)
    };
    let name = match site {
        Site::OnStreet => street.to_string(),
        Site::Garage => format!("{} {street}", ctx.lang.garage),
        Site::RetailLot | Site::FastHub => format!("{} {} {street}", op.brand, city.name),
        Site::Motorway => format!("{} {} {motorway}", op.brand, city.name),
    };
    let postal = postal_code(rng, country, city);
    // 2.2+: postal_code may be left out where a place has none (motorway sites).
    let postal = if v != OcpiVersion::V211 && site == Site::Motorway && chance(rng, 0.3) {
        None
    } else {
        Some(postal)
    };

    let plan = plan_evses(rng, site, op.profile, country);
    let offline = chance(rng, 0.03);
    let free_ac = site == Site::RetailLot && op.profile == Profile::AcUrban && chance(rng, 0.5);
    let evse_coords = plan.len() > 1 && chance(rng, 0.4);
    let providers: Vec<&str> = if v == OcpiVersion::V230 && chance(rng, 0.6) {
        tables::SERVICE_PROVIDERS
            .iter()
            .copied()
            .filter(|_| chance(rng, 0.35))
            .collect()
    } else {
        Vec::new()
    };

    // 2.3.0 parking places: one per EVSE, sometimes a disabled-accessible one, and a
    // drive-through trailer bay at motorway sites.
    let mut parking_places = Vec::new();
    let mut evse_parking: Vec<Option<Vec<Json>>> = vec![None; plan.len()];
    if v == OcpiVersion::V230 && chance(rng, 0.7) {
        let disabled_at = if chance(rng, 0.25) {
            Some(rng.usize(0..plan.len()))
        } else {
            None
        };
        for (i, slot) in evse_parking.iter_mut().enumerate() {
            let pid = format!("P{}", i + 1);
            let kind = if Some(i) == disabled_at { 1 } else { 0 };
            parking_places.push(parking_place(rng, &pid, site, kind));
            let mut link = Obj::new(2);
            link.put("parking_id", pid);
            if chance(rng, 0.7) {
                link.put("evse_position", pick(rng, &["LEFT", "RIGHT", "CENTER"]));
            }
            *slot = Some(vec![link.done()]);
        }
        if site == Site::Motorway {
            let pid = format!("P{}", plan.len() + 1);
            parking_places.push(parking_place(rng, &pid, site, 2));
            let mut link = Obj::new(2);
            link.put("parking_id", pid);
            link.put("evse_position", "RIGHT");
            if let Some(Some(last)) = evse_parking.last_mut() {
                last.push(link.done());
            }
        }
    }

    let mut evses = Vec::with_capacity(plan.len());
    let mut newest = i64::MIN;
    for (i, conns) in plan.iter().enumerate() {
        let coords = evse_coords.then(|| {
            (
                lat + (rng.f64() - 0.5) * 0.0004,
                lon + (rng.f64() - 0.5) * 0.0006,
            )
        });
        let e = evse(
            &ctx,
            rng,
            site,
            i + 1,
            index,
            &loc_id,
            conns,
            loc_ts,
            offline,
            free_ac,
            coords,
            evse_parking[i].take(),
            &providers,
        );
        newest = newest.max(e.last_updated);
        evses.push(e.value);
    }
    debug_assert!(newest <= loc_ts);

    // ---- assemble in spec order
    let mut o = Obj::new(28);
    if v != OcpiVersion::V211 {
        o.put("country_code", op.cc);
        o.put("party_id", op.party);
    }
    o.put("id", loc_id);
    if v == OcpiVersion::V211 {
        o.put(
            "type",
            match site {
                Site::OnStreet => "ON_STREET",
                Site::Garage => "PARKING_GARAGE",
                Site::RetailLot | Site::FastHub => "PARKING_LOT",
                Site::Motorway => "OTHER",
            },
        );
    } else {
        let unpublished = chance(rng, 0.02);
        o.put("publish", !unpublished);
        if unpublished {
            let n = rng.usize(1..=3);
            o.put(
                "publish_allowed_to",
                (0..n).map(|_| publish_token(rng, op)).collect::<Vec<_>>(),
            );
        }
    }
    if site != Site::OnStreet || chance(rng, 0.6) {
        o.put("name", ctx.s(&name));
    }
    o.put("address", ctx.s(&address));
    o.put("city", ctx.s(city.name));
    o.opt("postal_code", postal);
    o.put("country", country.a3);
    o.put("coordinates", ctx.geo(lat, lon));
    if site == Site::Garage && chance(rng, 0.15) {
        let mut rl = Obj::new(3);
        rl.put("latitude", ctx.coord(lat + 0.0003));
        rl.put("longitude", ctx.coord(lon - 0.0004));
        rl.put(
            "name",
            display_text(&ctx, ctx.lang.code, pick(rng, ctx.lang.streets)),
        );
        o.put("related_locations", vec![rl.done()]);
    } else {
        o.list("related_locations", &[], ctx.style.empty_lists);
    }
    if v != OcpiVersion::V211 && chance(rng, 0.95) {
        o.put(
            "parking_type",
            match site {
                Site::OnStreet => "ON_STREET",
                Site::Garage => {
                    if chance(rng, 0.4) {
                        "UNDERGROUND_GARAGE"
                    } else {
                        "PARKING_GARAGE"
                    }
                }
                Site::RetailLot | Site::FastHub => "PARKING_LOT",
                Site::Motorway => "ALONG_MOTORWAY",
            },
        );
    }
    o.put("evses", evses);
    if v == OcpiVersion::V230 {
        o.list("parking_places", &parking_places, ctx.style.empty_lists);
    }
    if matches!(site, Site::Garage | Site::RetailLot) && chance(rng, 0.3) {
        o.put(
            "directions",
            ctx.display_texts(tables::lang("en").directions, ctx.lang.directions),
        );
    } else {
        o.list("directions", &[], ctx.style.empty_lists);
    }
    if chance(rng, 0.9) {
        o.put("operator", business(&ctx));
    }
    o.str_list(
        "facilities",
        &facilities(rng, v, site),
        ctx.style.empty_lists,
    );
    if v != OcpiVersion::V211 || ctx.style.tz_211 {
        o.put("time_zone", city.tz);
    }
    let (hours, regular) = opening_times(&ctx, rng, site, city.tz);
    o.opt("opening_times", hours);
    if regular {
        o.put(
            "charging_when_closed",
            site != Site::Garage || chance(rng, 0.6),
        );
    }
    if chance(rng, 0.04) {
        let stem = format!("https://img.{}.example.com/locations/{index}", op.slug);
        o.put(
            "images",
            vec![image(
                format!("{stem}.jpg"),
                Some(format!("{stem}-thumb.jpg")),
                if chance(rng, 0.5) {
                    "LOCATION"
                } else {
                    "ENTRANCE"
                },
                "jpeg",
                1600,
                1200,
            )],
        );
    } else {
        o.list("images", &[], ctx.style.empty_lists);
    }
    if chance(rng, if op.green { 0.5 } else { 0.08 }) {
        o.put("energy_mix", energy_mix(v, rng, op.green));
    }
    if v == OcpiVersion::V230 && chance(rng, 0.8) {
        o.put("help_phone", help_phone(tables::country(op.cc), op));
    }
    o.put("last_updated", ctx.ts(loc_ts));

    (
        o.done(),
        Facts {
            version: v,
            op_idx,
            index,
            city,
            country,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cos_deg_is_accurate() {
        for deg in [0.0, 28.1, 45.0, 51.5, 63.4, 71.0, 90.0] {
            assert!(
                (cos_deg(deg) - f64::to_radians(deg).cos()).abs() < 1e-12,
                "{deg}"
            );
        }
    }
}
