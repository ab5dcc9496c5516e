//! The map's view in the URL, so it can be shared: feeds, position, filters, the open location
//! and the tile server.
//!
//! `?feed=URL&feed=URL&at=52.37,4.90,11&plug=ccs,type2&kw=50&now=1&current=dc&maxprice=0.45`
//! `&card=1&contactless=1&open=1&always=1&accessible=1&op=Fastned&q=utrecht&loc=NL*ABC*L1`
//! `&tiles=https://tile.example/{z}/{x}/{y}.png` (`tiles=none`: offline basemap only).

use ocpi_open_data::cluster::Plug;
use rust_decimal::Decimal;

use crate::filter::{Current, Filters};

/// Map centre and zoom.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Position {
    pub lat: f64,
    pub lon: f64,
    pub zoom: f64,
}

/// Europe, from Lisbon to Helsinki.
pub const DEFAULT_POSITION: Position = Position {
    lat: 50.5,
    lon: 8.0,
    zoom: 4.0,
};

/// Everything in the URL.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewState {
    pub feeds: Vec<String>,
    pub position: Option<Position>,
    pub filters: Filters,
    /// `country_code*party_id*id` of the open location.
    pub selected: Option<String>,
    pub tiles: Option<String>,
    /// Seconds between availability refreshes (`refresh=`, at least 5; default 60).
    pub refresh_secs: Option<u64>,
}

fn flag(v: &str) -> bool {
    matches!(v, "1" | "true" | "yes")
}

impl ViewState {
    /// Reads a query string (with or without the leading `?`). Values that cannot be read are
    /// ignored, never an error: a shared link with a typo still opens the map.
    pub fn from_query(query: &str) -> ViewState {
        let mut s = ViewState::default();
        let q = query.strip_prefix('?').unwrap_or(query);
        for (k, v) in form_urlencoded::parse(q.as_bytes()) {
            let v = v.trim();
            let f = &mut s.filters;
            match k.as_ref() {
                "feed" if !v.is_empty() => s.feeds.push(v.to_string()),
                "at" => {
                    let parts: Vec<f64> = v.split(',').filter_map(|p| p.parse().ok()).collect();
                    if let [lat, lon, zoom] = parts[..]
                        && (-90.0..=90.0).contains(&lat)
                        && (-180.0..=180.0).contains(&lon)
                        && (0.0..=22.0).contains(&zoom)
                    {
                        s.position = Some(Position { lat, lon, zoom });
                    }
                }
                "plug" => f.plugs = v.split(',').filter_map(Plug::from_key).collect(),
                "kw" => f.min_kw = v.parse().ok().filter(|k| *k > 0),
                "now" => f.available_now = flag(v),
                "current" => {
                    f.current = match v {
                        "ac" => Some(Current::Ac),
                        "dc" => Some(Current::Dc),
                        _ => None,
                    }
                }
                "maxprice" => {
                    f.max_price = v.parse().ok().filter(|p: &Decimal| !p.is_sign_negative())
                }
                "card" => f.card = flag(v),
                "contactless" => f.contactless = flag(v),
                "open" => f.open_now = flag(v),
                "always" => f.always_open = flag(v),
                "accessible" => f.accessible_parking = flag(v),
                "op" if !v.is_empty() => f.operators.push(v.to_string()),
                "q" => f.text = v.to_string(),
                "loc" if !v.is_empty() => s.selected = Some(v.to_string()),
                "tiles" if !v.is_empty() => s.tiles = Some(v.to_string()),
                "refresh" => s.refresh_secs = v.parse().ok().map(|r: u64| r.max(5)),
                _ => {}
            }
        }
        s
    }

    /// The query string (with `?`, or empty), in a fixed order.
    pub fn to_query(&self) -> String {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for feed in &self.feeds {
            q.append_pair("feed", feed);
        }
        if let Some(p) = self.position {
            q.append_pair("at", &format!("{:.5},{:.5},{}", p.lat, p.lon, p.zoom));
        }
        let f = &self.filters;
        if !f.plugs.is_empty() {
            let keys: Vec<&str> = f.plugs.iter().map(|p| p.key()).collect();
            q.append_pair("plug", &keys.join(","));
        }
        if let Some(kw) = f.min_kw {
            q.append_pair("kw", &kw.to_string());
        }
        let flags = [
            ("now", f.available_now),
            ("card", f.card),
            ("contactless", f.contactless),
            ("open", f.open_now),
            ("always", f.always_open),
            ("accessible", f.accessible_parking),
        ];
        for (k, on) in flags {
            if on {
                q.append_pair(k, "1");
            }
        }
        match f.current {
            Some(Current::Ac) => {
                q.append_pair("current", "ac");
            }
            Some(Current::Dc) => {
                q.append_pair("current", "dc");
            }
            None => {}
        }
        if let Some(p) = f.max_price {
            q.append_pair("maxprice", &p.normalize().to_string());
        }
        for op in &f.operators {
            q.append_pair("op", op);
        }
        if !f.text.is_empty() {
            q.append_pair("q", &f.text);
        }
        if let Some(sel) = &self.selected {
            q.append_pair("loc", sel);
        }
        if let Some(t) = &self.tiles {
            q.append_pair("tiles", t);
        }
        if let Some(r) = self.refresh_secs {
            q.append_pair("refresh", &r.to_string());
        }
        let out = q.finish();
        if out.is_empty() {
            out
        } else {
            format!("?{out}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let s = ViewState {
            feeds: vec![
                "https://ocpi.example.com/versions".into(),
                "/ocpi/versions?a=1&b=2".into(),
            ],
            position: Some(Position {
                lat: 52.37,
                lon: 4.9,
                zoom: 11.0,
            }),
            filters: Filters {
                plugs: vec![Plug::Ccs2, Plug::Type2],
                min_kw: Some(50),
                available_now: true,
                current: Some(Current::Dc),
                max_price: Some(Decimal::new(45, 2)),
                card: true,
                contactless: false,
                open_now: true,
                always_open: false,
                accessible_parking: true,
                operators: vec!["Fastned B.V.".into(), "Allego & Co".into()],
                text: "utrecht kerk".into(),
            },
            selected: Some("NL*ABC*L1".into()),
            tiles: Some("none".into()),
            refresh_secs: Some(30),
        };
        let q = s.to_query();
        assert!(q.starts_with("?feed=https%3A%2F%2Focpi.example.com%2Fversions&feed="));
        assert!(
            q.contains("&at=52.37000%2C4.90000%2C11&plug=ccs%2Ctype2&kw=50&now=1"),
            "{q}"
        );
        assert_eq!(ViewState::from_query(&q), s);
        assert_eq!(ViewState::default().to_query(), "");
    }

    #[test]
    fn bad_values_are_ignored() {
        let s =
            ViewState::from_query("at=100,4,3&kw=abc&plug=ccs,nope&maxprice=-1&current=x&zzz=1");
        assert_eq!(s.position, None);
        assert_eq!(s.filters.min_kw, None);
        assert_eq!(s.filters.plugs, vec![Plug::Ccs2]);
        assert_eq!(s.filters.max_price, None);
        assert_eq!(s.filters.current, None);
    }
}
