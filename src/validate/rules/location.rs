//! Rules inside one Location: unique ids, opening hours, coordinates, power ratings, connector
//! standards, statuses, timestamps, EVSE ids, publishing and (2.3.0) parking places.

use super::{
    Ctx, arr, dec, duplicates, energy_mix, geo, head, last_updated_future, num_text, text, ts_of,
};
use crate::diagnostic::Code;
use crate::json::{Node, Span};
use crate::spec::Version;
use crate::validate::format::utc_seconds;
use crate::validate::report::Item;
use rust_decimal::Decimal;

const LOCATION: &str = "mod_locations #Location";
const EVSE: &str = "mod_locations #EVSE";
const CONNECTOR: &str = "mod_locations #Connector";
const GEO: &str = "mod_locations #GeoLocation";
const HOURS: &str = "mod_locations #Hours";
const REGULAR_HOURS: &str = "mod_locations #RegularHours";
const EXCEPTIONAL: &str = "mod_locations #ExceptionalPeriod";
const STATUS_SCHEDULE: &str = "mod_locations #StatusSchedule";
const PUBLISH_TOKEN: &str = "mod_locations #PublishTokenType";
const PARKING: &str = "mod_locations #Parking";
const EVSE_PARKING: &str = "mod_locations #EVSEParking";

/// How far an EVSE may lie from its location's point.
const EVSE_MAX_DISTANCE_M: f64 = 2000.0;

pub(super) fn check(cx: &mut Ctx<'_>, item: &Item<'_>) {
    let loc = &item.node;
    let p = item.pointer.as_str();
    if cx.v22() {
        publish(cx, loc, p);
    }
    let here = location_coordinates(cx, loc, p);
    let related = format!("{p}/related_locations");
    for (j, point) in arr(loc.get("related_locations")).iter().enumerate() {
        if read_point(point) == Some((0.0, 0.0)) {
            let k = cx.index(&related, j);
            zero(cx, point, format!("{related}/{k}"), "this related location");
        }
    }
    if let Some(hours) = loc.get("opening_times")
        && hours.as_object().is_some()
    {
        opening_times(cx, hours, &format!("{p}/opening_times"));
    }
    if let Some(mix) = loc.get("energy_mix") {
        energy_mix(cx, mix, &format!("{p}/energy_mix"));
    }
    last_updated_future(
        cx,
        loc.get("last_updated"),
        || format!("{p}/last_updated"),
        LOCATION,
    );
    let parking_ids = if cx.version >= Version::V2_3_0 {
        parking_places(cx, loc, p)
    } else {
        Vec::new()
    };
    evses(cx, loc, p, here, &parking_ids);
}

// ---------------------------------------------------------------------------------------------
// Publishing (2.2+)
// ---------------------------------------------------------------------------------------------

fn publish(cx: &mut Ctx<'_>, loc: &Node<'_>, p: &str) {
    let publish = loc.get("publish");
    if let Some(node) = publish
        && node.as_bool() == Some(false)
    {
        cx.push(
            Code::LocationUnpublished,
            node.span,
            format!("{p}/publish"),
            LOCATION,
            "publish is false: this location may only be shown to the holders of the tokens in publish_allowed_to, never on a public map; leave it out of open data".into(),
        );
    }
    let Some(allowed) = loc.get("publish_allowed_to") else {
        return;
    };
    let tokens = arr(Some(allowed));
    if tokens.is_empty() {
        return;
    }
    if publish.and_then(Node::as_bool) == Some(true) {
        cx.push(
            Code::PublishAllowedToWhenPublished,
            head(allowed.span),
            format!("{p}/publish_allowed_to"),
            LOCATION,
            "publish_allowed_to is only allowed when publish is false; a published location is visible to everyone, so remove publish_allowed_to".into(),
        );
    }
    cx.push(
        Code::PublishAllowedToPersonalData,
        head(allowed.span),
        format!("{p}/publish_allowed_to"),
        LOCATION,
        format!(
            "publish_allowed_to lists {} token{} (uids, card numbers, issuers): personal data that must not appear in open data; remove it from public feeds",
            tokens.len(),
            if tokens.len() == 1 { "" } else { "s" }
        ),
    );
    let list = format!("{p}/publish_allowed_to");
    for (j, token) in tokens.iter().enumerate() {
        let k = cx.index(&list, j);
        let tp = format!("{list}/{k}");
        let has = |f: &str| token.get(f).is_some();
        if !has("uid") && !has("visual_number") && !has("group_id") {
            cx.push(
                Code::PublishTokenIncomplete,
                head(token.span),
                tp.clone(),
                PUBLISH_TOKEN,
                "this publish_allowed_to entry sets none of uid, visual_number and group_id, so it matches no token; set at least one".into(),
            );
        }
        if has("uid") && !has("type") {
            cx.push(
                Code::PublishTokenIncomplete,
                head(token.span),
                format!("{tp}/type"),
                PUBLISH_TOKEN,
                format!(
                    "this publish_allowed_to entry sets uid \"{}\" but no type; a uid needs its token type (RFID, APP_USER, ...)",
                    text(token.get("uid")).unwrap_or_default()
                ),
            );
        }
        if has("visual_number") && !has("issuer") {
            cx.push(
                Code::PublishTokenIncomplete,
                head(token.span),
                format!("{tp}/issuer"),
                PUBLISH_TOKEN,
                format!(
                    "this publish_allowed_to entry sets visual_number \"{}\" but no issuer; a visual number needs the issuer printed on the card",
                    text(token.get("visual_number")).unwrap_or_default()
                ),
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Coordinates
// ---------------------------------------------------------------------------------------------

fn read_point(node: &Node<'_>) -> Option<(f64, f64)> {
    let lat: f64 = node.get("latitude")?.as_str()?.trim().parse().ok()?;
    let lon: f64 = node.get("longitude")?.as_str()?.trim().parse().ok()?;
    (lat.is_finite() && lon.is_finite()).then_some((lat, lon))
}

fn zero(cx: &mut Ctx<'_>, node: &Node<'_>, pointer: String, what: &str) {
    cx.push(
        Code::CoordinatesZero,
        node.span,
        pointer,
        GEO,
        format!(
            "the coordinates of {what} are 0,0, a placeholder off the coast of Africa, not a real place; give the real WGS 84 position or leave the coordinates out where that is allowed"
        ),
    );
}

/// Checks the location's own point; returns it when it is usable for distances.
fn location_coordinates(cx: &mut Ctx<'_>, loc: &Node<'_>, p: &str) -> Option<(f64, f64)> {
    let node = loc.get("coordinates")?;
    let (lat, lon) = read_point(node)?;
    let pointer = format!("{p}/coordinates");
    if lat == 0.0 && lon == 0.0 {
        zero(cx, node, pointer, "this location");
        return None;
    }
    let country = text(loc.get("country"))
        .map(str::to_ascii_uppercase)
        .unwrap_or_default();
    if geo::inside(&country, lat, lon) == Some(false) {
        let swapped = lon.abs() <= 90.0 && geo::inside(&country, lon, lat) == Some(true);
        if swapped {
            cx.push(
                Code::CoordinatesSwapped,
                node.span,
                pointer,
                GEO,
                format!(
                    "latitude {lat} and longitude {lon} lie outside {country}, but swapped (latitude {lon}, longitude {lat}) they fall inside it: latitude and longitude look swapped"
                ),
            );
        } else {
            cx.push(
                Code::CoordinatesOutsideCountry,
                node.span,
                pointer,
                GEO,
                format!(
                    "latitude {lat}, longitude {lon} lie outside {country}, the location's country; check the coordinates and the country"
                ),
            );
        }
    }
    Some((lat, lon))
}

// ---------------------------------------------------------------------------------------------
// Opening hours
// ---------------------------------------------------------------------------------------------

/// Minutes since midnight of `HH:MM`; `end` reads `00:00` and `24:00` as the end of the day.
fn minutes(s: &str, end: bool) -> Option<u32> {
    let (h, m) = s.split_once(':')?;
    let (h, m): (u32, u32) = (h.parse().ok()?, m.parse().ok()?);
    let t = h * 60 + m;
    Some(if end && (t == 0 || t == 24 * 60) {
        24 * 60
    } else {
        t
    })
}

fn opening_times(cx: &mut Ctx<'_>, hours: &Node<'_>, hp: &str) {
    let twentyfourseven = hours.get("twentyfourseven");
    let open_all_week = twentyfourseven.and_then(Node::as_bool) == Some(true);
    let regular = hours.get("regular_hours");
    let regular_entries = arr(regular);
    let regular_list = format!("{hp}/regular_hours");
    if open_all_week && !regular_entries.is_empty() {
        cx.push(
            Code::HoursTwentyfoursevenWithRegular,
            head(regular.map_or(hours.span, |n| n.span)),
            regular_list.clone(),
            HOURS,
            if cx.v22() {
                "twentyfourseven is true but regular_hours are given too; regular_hours may only be used when twentyfourseven is false: remove one of them".into()
            } else {
                "twentyfourseven is true but regular_hours are given too; 2.1.1 Hours is a choice of one of the two: remove one of them".into()
            },
        );
    }
    if !open_all_week && regular_entries.is_empty() && !cx.dropped.any(&regular_list) {
        let (span, pointer, said) = match twentyfourseven {
            Some(n) if n.as_bool() == Some(false) => (
                n.span,
                format!("{hp}/twentyfourseven"),
                "twentyfourseven is false",
            ),
            _ => (
                head(hours.span),
                hp.to_string(),
                "opening_times has neither twentyfourseven: true",
            ),
        };
        cx.push(
            Code::HoursRegularMissing,
            span,
            pointer,
            HOURS,
            format!(
                "{said} and no regular_hours are given, so the location would never be open; give regular_hours, set twentyfourseven to true, or leave opening_times out"
            ),
        );
    }
    // Periods: inverted, then overlapping per weekday.
    let mut periods: Vec<(i64, u32, u32, usize, Span)> = Vec::with_capacity(regular_entries.len());
    for (j, entry) in regular_entries.iter().enumerate() {
        let k = cx.index(&regular_list, j);
        let begin_text = text(entry.get("period_begin"));
        let end_node = entry.get("period_end");
        let (Some(begin_text), Some(end_text)) = (begin_text, text(end_node)) else {
            continue;
        };
        let (Some(begin), Some(end)) = (minutes(begin_text, false), minutes(end_text, true)) else {
            continue;
        };
        if end <= begin {
            cx.push(
                Code::RegularHoursInverted,
                end_node.map_or(entry.span, |n| n.span),
                format!("{regular_list}/{k}/period_end"),
                REGULAR_HOURS,
                format!(
                    "this period ends at {end_text}, not after it begins at {begin_text}; period_end must be later than period_begin (write a period past midnight as two periods, ending the first at 00:00)"
                ),
            );
            continue;
        }
        let weekday = dec(entry.get("weekday"))
            .and_then(|d| i64::try_from(d).ok())
            .unwrap_or(0);
        periods.push((weekday, begin, end, k, entry.span));
    }
    periods.sort_by_key(|&(w, b, e, k, _)| (w, b, e, k));
    let mut previous: Option<(i64, u32, usize)> = None; // weekday, latest end so far, its index
    for &(weekday, begin, end, k, span) in &periods {
        match previous {
            Some((w, latest, other)) if w == weekday && begin < latest => {
                cx.push(
                    Code::RegularHoursOverlap,
                    head(span),
                    format!("{regular_list}/{k}"),
                    REGULAR_HOURS,
                    format!(
                        "this period on weekday {weekday} ({}–{}) overlaps regular_hours/{other} of the same day; merge them into one period",
                        clock(begin),
                        clock(end)
                    ),
                );
                if end > latest {
                    previous = Some((weekday, end, k));
                }
            }
            _ => previous = Some((weekday, end, k)),
        }
    }
    for field in ["exceptional_openings", "exceptional_closings"] {
        let list = format!("{hp}/{field}");
        for (j, period) in arr(hours.get(field)).iter().enumerate() {
            let end_node = period.get("period_end");
            let (Some(begin), Some(end)) = (ts_of(period.get("period_begin")), ts_of(end_node))
            else {
                continue;
            };
            if end <= begin {
                let k = cx.index(&list, j);
                cx.push(
                    Code::ExceptionalPeriodInverted,
                    end_node.map_or(period.span, |n| n.span),
                    format!("{list}/{k}/period_end"),
                    EXCEPTIONAL,
                    format!(
                        "this exceptional period ends at {}, not after it begins at {}; swap or correct the times",
                        text(end_node).unwrap_or_default(),
                        text(period.get("period_begin")).unwrap_or_default()
                    ),
                );
            }
        }
    }
}

fn clock(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

// ---------------------------------------------------------------------------------------------
// Parking places (2.3.0)
// ---------------------------------------------------------------------------------------------

const DIMENSIONS: &[&str] = &[
    "max_vehicle_weight",
    "max_vehicle_height",
    "max_vehicle_length",
    "max_vehicle_width",
    "parking_space_length",
    "parking_space_width",
    "dangerous_goods_allowed",
];

/// Checks `parking_places`; returns their ids for the EVSE references.
fn parking_places<'n>(cx: &mut Ctx<'_>, loc: &'n Node<'_>, p: &str) -> Vec<&'n str> {
    let list = format!("{p}/parking_places");
    let places = arr(loc.get("parking_places"));
    let mut ids: Vec<&str> = Vec::with_capacity(places.len());
    let mut id_places: Vec<usize> = Vec::with_capacity(places.len());
    for (j, place) in places.iter().enumerate() {
        if let Some(id) = text(place.get("id")) {
            ids.push(id);
            id_places.push(j);
        }
        let types = arr(place.get("vehicle_types"));
        let large = types
            .iter()
            .filter_map(Node::as_str)
            .find(|t| !matches!(*t, "PERSONAL_VEHICLE" | "MOTORCYCLE"));
        if let Some(large) = large {
            let missing: Vec<&str> = DIMENSIONS
                .iter()
                .copied()
                .filter(|f| place.get(f).is_none())
                .collect();
            if !missing.is_empty() {
                let k = cx.index(&list, j);
                cx.push(
                    Code::ParkingDimensionsMissing,
                    head(place.span),
                    format!("{list}/{k}"),
                    PARKING,
                    format!(
                        "this parking place is for {large}, so the spec asks for its limits, but it lacks {}; give them so that drivers of larger vehicles know whether they fit",
                        missing.join(", ")
                    ),
                );
            }
        }
    }
    for (later, first) in duplicates(&ids, true) {
        let place = &places[id_places[later]];
        let k = cx.index(&list, id_places[later]);
        let first_k = cx.index(&list, id_places[first]);
        cx.push(
            Code::ParkingIdDuplicate,
            place.get("id").map_or(place.span, |n| n.span),
            format!("{list}/{k}/id"),
            PARKING,
            format!(
                "parking place id \"{}\" is already used by parking_places/{first_k}; ids must be unique within the location",
                ids[later]
            ),
        );
    }
    ids
}

// ---------------------------------------------------------------------------------------------
// EVSEs and connectors
// ---------------------------------------------------------------------------------------------

fn evses(
    cx: &mut Ctx<'_>,
    loc: &Node<'_>,
    p: &str,
    here: Option<(f64, f64)>,
    parking_ids: &[&str],
) {
    let list = format!("{p}/evses");
    let evses_node = loc.get("evses");
    let evses = arr(evses_node);
    if evses.is_empty() {
        if !cx.dropped.any(&list) {
            let (span, pointer) = match evses_node {
                Some(n) => (head(n.span), list),
                None => (head(loc.span), p.to_string()),
            };
            cx.push(
                Code::LocationWithoutEvses,
                span,
                pointer,
                LOCATION,
                "this location has no EVSEs: there is nothing to charge at; it is not shown on a map".into(),
            );
        }
        return;
    }
    let ci = cx.v22();
    let loc_ts = ts_of(loc.get("last_updated"));
    let owner = if ci {
        text(loc.get("country_code")).zip(text(loc.get("party_id")))
    } else {
        None
    };

    let mut uids: Vec<&str> = Vec::with_capacity(evses.len());
    let mut uid_evses: Vec<usize> = Vec::with_capacity(evses.len());
    let mut removed = 0usize;
    for (j, evse) in evses.iter().enumerate() {
        let i = cx.index(&list, j);
        let ep = format!("{list}/{i}");
        if let Some(uid) = text(evse.get("uid")) {
            uids.push(uid);
            uid_evses.push(j);
        }
        if let Some(status) = evse.get("status")
            && status.as_str() == Some("REMOVED")
        {
            removed += 1;
            cx.push(
                Code::EvseRemoved,
                status.span,
                format!("{ep}/status"),
                EVSE,
                format!(
                    "EVSE {} is REMOVED: it no longer exists and is not shown on a map",
                    text(evse.get("evse_id"))
                        .or(text(evse.get("uid")))
                        .unwrap_or("?")
                ),
            );
        }
        let evse_ts = ts_of(evse.get("last_updated"));
        child_later(
            cx,
            evse.get("last_updated"),
            evse_ts,
            loc_ts,
            &ep,
            "EVSE",
            "location",
            EVSE,
        );
        last_updated_future(
            cx,
            evse.get("last_updated"),
            || format!("{ep}/last_updated"),
            EVSE,
        );
        if let Some((cc, party)) = owner {
            evse_id_party(cx, evse, &ep, cc, party);
        }
        status_schedule(cx, evse, &ep);
        if let Some(node) = evse.get("coordinates")
            && let Some(point) = read_point(node)
        {
            if point == (0.0, 0.0) {
                zero(cx, node, format!("{ep}/coordinates"), "this EVSE");
            } else if let Some(here) = here {
                let d = geo::distance_m(here, point);
                if d > EVSE_MAX_DISTANCE_M {
                    cx.push(
                        Code::EvseFarFromLocation,
                        node.span,
                        format!("{ep}/coordinates"),
                        GEO,
                        format!(
                            "this EVSE lies {:.1} km from its location's coordinates ({}, {}); an EVSE more than 2 km away probably belongs to another location, or one of the points is wrong",
                            d / 1000.0,
                            here.0,
                            here.1
                        ),
                    );
                }
            }
        }
        if cx.version >= Version::V2_3_0 {
            let plist = format!("{ep}/parking");
            for (m, link) in arr(evse.get("parking")).iter().enumerate() {
                let Some(id_node) = link.get("parking_id") else {
                    continue;
                };
                let Some(id) = id_node.as_str() else { continue };
                if !parking_ids
                    .iter()
                    .any(|known| known.eq_ignore_ascii_case(id))
                {
                    let m = cx.index(&plist, m);
                    cx.push(
                        Code::ParkingReferenceUnresolved,
                        id_node.span,
                        format!("{plist}/{m}/parking_id"),
                        EVSE_PARKING,
                        if parking_ids.is_empty() {
                            format!("parking_id \"{id}\" names no parking place: the location has no parking_places; add the place or remove the link")
                        } else {
                            format!(
                                "parking_id \"{id}\" names no entry of the location's parking_places (ids: {}); add the place or fix the id",
                                parking_ids.join(", ")
                            )
                        },
                    );
                }
            }
        }
        connectors(cx, evse, &ep, evse_ts);
    }
    for (later, first) in duplicates(&uids, ci) {
        let evse = &evses[uid_evses[later]];
        let i = cx.index(&list, uid_evses[later]);
        let first_i = cx.index(&list, uid_evses[first]);
        cx.push(
            Code::EvseUidDuplicate,
            evse.get("uid").map_or(evse.span, |n| n.span),
            format!("{list}/{i}/uid"),
            EVSE,
            format!(
                "EVSE uid \"{}\" is already used by evses/{first_i} of this location; every EVSE needs its own uid",
                uids[later]
            ),
        );
    }
    if removed == evses.len() {
        cx.push(
            Code::LocationExpired,
            head(evses_node.map_or(loc.span, |n| n.span)),
            list,
            LOCATION,
            format!(
                "all {} EVSE{} of this location {} REMOVED: the spec considers the location expired; it is not shown on a map",
                evses.len(),
                if evses.len() == 1 { "" } else { "s" },
                if evses.len() == 1 { "is" } else { "are" }
            ),
        );
    }
}

#[allow(clippy::too_many_arguments)]
fn child_later(
    cx: &mut Ctx<'_>,
    node: Option<&Node<'_>>,
    child: Option<jiff::Timestamp>,
    parent: Option<jiff::Timestamp>,
    cp: &str,
    child_name: &str,
    parent_name: &str,
    section: &str,
) {
    let (Some(node), Some(child), Some(parent)) = (node, child, parent) else {
        return;
    };
    if child > parent {
        cx.push(
            Code::LastUpdatedChildLater,
            node.span,
            format!("{cp}/last_updated"),
            section,
            format!(
                "this {child_name}'s last_updated ({}) is later than its {parent_name}'s ({}Z); a {parent_name}'s last_updated must be bumped whenever one of its children changes",
                node.as_str().unwrap_or_default(),
                utc_seconds(parent)
            ),
        );
    }
}

/// The country and party of an eMI3 EVSE id: `CC*PPP*E...` or `CCPPPE...`.
fn evse_id_owner(id: &str) -> Option<(&str, &str)> {
    let alpha2 = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic());
    let party = |s: &str| s.len() == 3 && s.bytes().all(|b| b.is_ascii_alphanumeric());
    if id.contains('*') {
        let mut parts = id.split('*');
        let (cc, pp, rest) = (parts.next()?, parts.next()?, parts.next()?);
        (alpha2(cc)
            && party(pp)
            && rest.len() > 1
            && rest.as_bytes()[0].eq_ignore_ascii_case(&b'E'))
        .then_some((cc, pp))
    } else {
        let b = id.as_bytes();
        (b.len() > 6
            && b[..6].is_ascii()
            && alpha2(&id[..2])
            && party(&id[2..5])
            && b[5].eq_ignore_ascii_case(&b'E'))
        .then(|| (&id[..2], &id[2..5]))
    }
}

fn evse_id_party(cx: &mut Ctx<'_>, evse: &Node<'_>, ep: &str, cc: &str, party: &str) {
    let Some(node) = evse.get("evse_id") else {
        return;
    };
    let Some(id) = node.as_str() else { return };
    let Some((id_cc, id_party)) = evse_id_owner(id) else {
        return;
    };
    if !id_cc.eq_ignore_ascii_case(cc) || !id_party.eq_ignore_ascii_case(party) {
        cx.push(
            Code::EvseIdParty,
            node.span,
            format!("{ep}/evse_id"),
            EVSE,
            format!(
                "EVSE id \"{id}\" names country {id_cc} and party {id_party}, but the location belongs to {cc} {party} (country_code, party_id); check that the EVSE id and the location's owner are right"
            ),
        );
    }
}

fn status_schedule(cx: &mut Ctx<'_>, evse: &Node<'_>, ep: &str) {
    let list = format!("{ep}/status_schedule");
    for (j, entry) in arr(evse.get("status_schedule")).iter().enumerate() {
        let end_node = entry.get("period_end");
        let (Some(begin), Some(end)) = (ts_of(entry.get("period_begin")), ts_of(end_node)) else {
            continue;
        };
        if end <= begin {
            let k = cx.index(&list, j);
            cx.push(
                Code::StatusScheduleInverted,
                end_node.map_or(entry.span, |n| n.span),
                format!("{list}/{k}/period_end"),
                STATUS_SCHEDULE,
                format!(
                    "this status period ends at {}, not after it begins at {}; correct the times or leave period_end out when the end is not known",
                    text(end_node).unwrap_or_default(),
                    text(entry.get("period_begin")).unwrap_or_default()
                ),
            );
        }
    }
}

fn connectors(cx: &mut Ctx<'_>, evse: &Node<'_>, ep: &str, evse_ts: Option<jiff::Timestamp>) {
    let list = format!("{ep}/connectors");
    let connectors = arr(evse.get("connectors"));
    let mut ids: Vec<&str> = Vec::with_capacity(connectors.len());
    let mut id_connectors: Vec<usize> = Vec::with_capacity(connectors.len());
    for (j, connector) in connectors.iter().enumerate() {
        let c = cx.index(&list, j);
        let cp = format!("{list}/{c}");
        if let Some(id) = text(connector.get("id")) {
            ids.push(id);
            id_connectors.push(j);
        }
        power(cx, connector, &cp);
        standard_vs_power_type(cx, connector, &cp);
        let ts = ts_of(connector.get("last_updated"));
        child_later(
            cx,
            connector.get("last_updated"),
            ts,
            evse_ts,
            &cp,
            "connector",
            "EVSE",
            CONNECTOR,
        );
        last_updated_future(
            cx,
            connector.get("last_updated"),
            || format!("{cp}/last_updated"),
            CONNECTOR,
        );
    }
    for (later, first) in duplicates(&ids, cx.v22()) {
        let connector = &connectors[id_connectors[later]];
        let c = cx.index(&list, id_connectors[later]);
        let first_c = cx.index(&list, id_connectors[first]);
        cx.push(
            Code::ConnectorIdDuplicate,
            connector.get("id").map_or(connector.span, |n| n.span),
            format!("{list}/{c}/id"),
            CONNECTOR,
            format!(
                "connector id \"{}\" is already used by connectors/{first_c} of this EVSE; every connector of an EVSE needs its own id",
                ids[later]
            ),
        );
    }
}

fn phases(power_type: &str) -> Option<u32> {
    match power_type {
        "AC_1_PHASE" | "DC" => Some(1),
        "AC_2_PHASE" | "AC_2_PHASE_SPLIT" => Some(2),
        "AC_3_PHASE" => Some(3),
        _ => None,
    }
}

fn power(cx: &mut Ctx<'_>, connector: &Node<'_>, cp: &str) {
    let (vk, ak) = if cx.v22() {
        ("max_voltage", "max_amperage")
    } else {
        ("voltage", "amperage")
    };
    let volt_node = connector.get(vk);
    let amp_node = connector.get(ak);
    let power_node = if cx.v22() {
        connector.get("max_electric_power")
    } else {
        None
    };
    let volt = dec(volt_node);
    let amps = dec(amp_node);
    let watts = dec(power_node);

    let implausible = |cx: &mut Ctx<'_>, node: Option<&Node<'_>>, field: &str, why: String| {
        if let Some(node) = node {
            cx.push(
                Code::PowerImplausible,
                node.span,
                format!("{cp}/{field}"),
                CONNECTOR,
                why,
            );
        }
    };
    if let Some(v) = volt {
        if v.is_zero() {
            implausible(
                cx,
                volt_node,
                vk,
                format!("{vk} is 0 V; give the connector's real maximum voltage"),
            );
        } else if v > Decimal::from(1500) {
            implausible(
                cx,
                volt_node,
                vk,
                format!(
                    "{vk} {} V is above 1500 V, more than any public charger delivers; check the value and its unit (V)",
                    num_text(volt_node)
                ),
            );
        }
    }
    if let Some(a) = amps {
        if a.is_zero() {
            implausible(
                cx,
                amp_node,
                ak,
                format!("{ak} is 0 A; give the connector's real maximum current"),
            );
        } else if a > Decimal::from(3000) {
            implausible(
                cx,
                amp_node,
                ak,
                format!(
                    "{ak} {} A is above 3000 A, more than any charger delivers (even MCS); check the value and its unit (A)",
                    num_text(amp_node)
                ),
            );
        }
    }
    let Some(w) = watts else { return };
    let shown = num_text(power_node);
    if w.is_zero() {
        implausible(
            cx,
            power_node,
            "max_electric_power",
            "max_electric_power is 0 W; give the real maximum power in W, or leave the field out"
                .into(),
        );
        return;
    }
    if w > Decimal::from(4_000_000) {
        implausible(
            cx,
            power_node,
            "max_electric_power",
            format!(
                "max_electric_power {shown} W is above 4 MW, more than any charger delivers; check the value and its unit (W)"
            ),
        );
        return;
    }
    if w < Decimal::from(1000) {
        let node = power_node.expect("read above");
        let as_w = (w * Decimal::from(1000)).normalize();
        cx.push(
            Code::PowerLooksLikeKw,
            node.span,
            format!("{cp}/max_electric_power"),
            CONNECTOR,
            format!("max_electric_power {shown} W is below 1000 W; it looks like kW — {shown} kW would be {as_w}; OCPI wants watts"),
        );
        return;
    }
    let (Some(v), Some(a)) = (volt, amps) else {
        return;
    };
    if v <= Decimal::ZERO || a <= Decimal::ZERO {
        return;
    }
    let Some(n) = text(connector.get("power_type")).and_then(phases) else {
        return;
    };
    let Some(rating) = v
        .checked_mul(a)
        .and_then(|x| x.checked_mul(Decimal::from(n)))
    else {
        return;
    };
    let (Some(lhs), Some(rhs)) = (
        w.checked_mul(Decimal::from(10)),
        rating.checked_mul(Decimal::from(11)),
    ) else {
        return;
    };
    if lhs > rhs {
        let node = power_node.expect("read above");
        let formula = if n == 1 {
            format!("{} V × {} A", num_text(volt_node), num_text(amp_node))
        } else {
            format!(
                "{} V × {} A × {n} phases",
                num_text(volt_node),
                num_text(amp_node)
            )
        };
        cx.push(
            Code::PowerAboveRating,
            node.span,
            format!("{cp}/max_electric_power"),
            CONNECTOR,
            format!(
                "max_electric_power {shown} W is more than 10% above {formula} = {} W; check the power, the voltage (line to neutral for AC) and the current",
                rating.normalize()
            ),
        );
    }
}

/// Connector standards that carry DC only.
fn dc_only(standard: &str) -> bool {
    matches!(
        standard,
        "IEC_62196_T1_COMBO" | "IEC_62196_T2_COMBO" | "CHADEMO" | "CHAOJI" | "GBT_DC" | "MCS"
    )
}

/// Connector standards that carry AC only. (Type 2 can carry DC in rare set-ups: not listed.)
fn ac_only(standard: &str) -> bool {
    standard.starts_with("DOMESTIC_")
        || standard.starts_with("IEC_60309_")
        || standard.starts_with("NEMA_")
        || matches!(
            standard,
            "IEC_62196_T1" | "IEC_62196_T3A" | "IEC_62196_T3C" | "GBT_AC"
        )
}

fn standard_vs_power_type(cx: &mut Ctx<'_>, connector: &Node<'_>, cp: &str) {
    let (Some(standard), Some(node)) =
        (text(connector.get("standard")), connector.get("power_type"))
    else {
        return;
    };
    let Some(power_type) = node.as_str() else {
        return;
    };
    let is_dc = power_type == "DC";
    let mismatch = if is_dc {
        ac_only(standard)
    } else {
        dc_only(standard) && phases(power_type).is_some()
    };
    if mismatch {
        let (kind, other) = if is_dc {
            ("an AC", "DC")
        } else {
            ("a DC", power_type)
        };
        cx.push(
            Code::ConnectorPowerTypeMismatch,
            node.span,
            format!("{cp}/power_type"),
            CONNECTOR,
            format!(
                "standard {standard} is {kind} connector but power_type is {other}; one of the two is wrong"
            ),
        );
    }
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn evse_id_owners() {
        assert_eq!(evse_id_owner("BE*BEC*E041503001"), Some(("BE", "BEC")));
        assert_eq!(evse_id_owner("nl*tnm*e123"), Some(("nl", "tnm")));
        assert_eq!(evse_id_owner("DEABCE123"), Some(("DE", "ABC")));
        assert_eq!(evse_id_owner("BE-BEC-E041503001"), None);
        assert_eq!(evse_id_owner("3256"), None);
        assert_eq!(evse_id_owner("ÄÖÜ*ABC*E1"), None);
    }

    #[test]
    fn minutes_of_day() {
        assert_eq!(minutes("00:00", true), Some(1440));
        assert_eq!(minutes("24:00", true), Some(1440));
        assert_eq!(minutes("00:00", false), Some(0));
        assert_eq!(minutes("22:30", true), Some(1350));
        assert!(super::super::timestamp("2020-01-01T00:00:00.5Z").is_some());
    }
}

#[cfg(test)]
mod tests {
    use super::super::testutil::*;
    use crate::diagnostic::{Code, Severity};
    use crate::spec::Version::{V2_1_1, V2_2_1, V2_3_0};

    #[test]
    fn evse_uid_duplicate() {
        let doc = edit(LOC_221, &[("\"uid\": \"3257\"", "\"uid\": \"3256\"")]);
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::EvseUidDuplicate,
            Severity::Error,
            "/evses/1/uid",
            line_of_nth(&doc, "\"uid\": \"3256\"", 2),
        );
        // CiString in 2.2+: letter case does not make uids different.
        let doc = edit(
            LOC_221,
            &[
                ("\"uid\": \"3256\"", "\"uid\": \"ab\""),
                ("\"uid\": \"3257\"", "\"uid\": \"AB\""),
            ],
        );
        expect(
            &run(&doc, V2_2_1),
            Code::EvseUidDuplicate,
            Severity::Error,
            "/evses/1/uid",
            line_of(&doc, "\"AB\""),
        );
        // A plain string in 2.1.1: "abc" and "ABC" differ.
        let doc = edit(LOC_211, &[("\"uid\": \"3256\"", "\"uid\": \"ABC\"")]);
        expect_none(&run(&doc, V2_1_1), Code::EvseUidDuplicate);
        let doc = edit(LOC_211, &[("\"uid\": \"3256\"", "\"uid\": \"abc\"")]);
        expect(
            &run(&doc, V2_1_1),
            Code::EvseUidDuplicate,
            Severity::Error,
            "/evses/1/uid",
            line_of_nth(&doc, "\"abc\"", 2),
        );
    }

    #[test]
    fn connector_id_duplicate() {
        let doc = edit(LOC_221, &[("\"id\": \"2\"", "\"id\": \"1\"")]);
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::ConnectorIdDuplicate,
            Severity::Error,
            "/evses/0/connectors/1/id",
            line_of_nth(&doc, "\"id\": \"1\"", 2),
        );
        // Connector ids of different EVSEs may repeat (the base has "1" in both EVSEs).
        expect_none(&run(LOC_221, V2_2_1), Code::ConnectorIdDuplicate);
    }

    #[test]
    fn pointers_keep_the_input_index_when_the_walk_drops_an_entry() {
        // evses[0] is null (dropped by the walk): the duplicate connector sits at evses/2 in the input.
        let doc = edit(
            LOC_221,
            &[
                ("\"evses\": [{", "\"evses\": [null, {"),
                ("\"id\": \"2\"", "\"id\": \"1\""),
            ],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::ConnectorIdDuplicate,
            Severity::Error,
            "/evses/1/connectors/1/id",
            line_of_nth(&doc, "\"id\": \"1\"", 2),
        );
        let doc = edit(
            &doc,
            &[("\"status\": \"RESERVED\"", "\"status\": \"REMOVED\"")],
        );
        expect(
            &run(&doc, V2_2_1),
            Code::EvseRemoved,
            Severity::Info,
            "/evses/2/status",
            line_of(&doc, "\"REMOVED\""),
        );
    }

    #[test]
    fn hours_twentyfourseven_with_regular() {
        let doc = edit(
            LOC_221,
            &[("\"twentyfourseven\": false", "\"twentyfourseven\": true")],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::HoursTwentyfoursevenWithRegular,
            Severity::Error,
            "/opening_times/regular_hours",
            line_of(&doc, "\"regular_hours\""),
        );
        expect_none(&d, Code::HoursRegularMissing);
        // 2.1.1: the spec's own example sends regular_hours with twentyfourseven false: fine.
        let doc = edit(
            LOC_211,
            &[(
                "\"twentyfourseven\": true",
                "\"twentyfourseven\": false, \"regular_hours\": [{\"weekday\": 1, \"period_begin\": \"08:00\", \"period_end\": \"20:00\"}]",
            )],
        );
        assert_clean(&run(&doc, V2_1_1));
        let doc = edit(
            LOC_211,
            &[(
                "\"twentyfourseven\": true",
                "\"twentyfourseven\": true, \"regular_hours\": [{\"weekday\": 1, \"period_begin\": \"08:00\", \"period_end\": \"20:00\"}]",
            )],
        );
        expect(
            &run(&doc, V2_1_1),
            Code::HoursTwentyfoursevenWithRegular,
            Severity::Error,
            "/opening_times/regular_hours",
            line_of(&doc, "\"regular_hours\""),
        );
    }

    #[test]
    fn hours_regular_missing() {
        let doc = edit(
            LOC_221,
            &[(
                "\"regular_hours\": [\n      {\"weekday\": 1, \"period_begin\": \"07:00\", \"period_end\": \"12:00\"},\n      {\"weekday\": 1, \"period_begin\": \"12:00\", \"period_end\": \"18:00\"},\n      {\"weekday\": 6, \"period_begin\": \"22:00\", \"period_end\": \"00:00\"}\n    ],",
                "\"regular_hours\": [],",
            )],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::HoursRegularMissing,
            Severity::Error,
            "/opening_times/twentyfourseven",
            line_of(&doc, "\"twentyfourseven\""),
        );
        // 2.1.1: neither twentyfourseven true nor regular_hours.
        let doc = edit(
            LOC_211,
            &[("\"twentyfourseven\": true", "\"exceptional_openings\": []")],
        );
        expect(
            &run(&doc, V2_1_1),
            Code::HoursRegularMissing,
            Severity::Error,
            "/opening_times",
            line_of(&doc, "\"opening_times\""),
        );
        expect_none(&run(LOC_211, V2_1_1), Code::HoursRegularMissing);
    }

    #[test]
    fn regular_hours_inverted() {
        let doc = edit(
            LOC_221,
            &[("\"period_end\": \"18:00\"", "\"period_end\": \"06:00\"")],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::RegularHoursInverted,
            Severity::Error,
            "/opening_times/regular_hours/1/period_end",
            line_of(&doc, "\"06:00\""),
        );
        // Equal begin and end is inverted too; 22:00-00:00 (the base) is not.
        let doc = edit(
            LOC_221,
            &[("\"period_end\": \"18:00\"", "\"period_end\": \"12:00\"")],
        );
        expect(
            &run(&doc, V2_2_1),
            Code::RegularHoursInverted,
            Severity::Error,
            "/opening_times/regular_hours/1/period_end",
            line_of(&doc, "\"period_begin\": \"12:00\""),
        );
        expect_none(&run(LOC_221, V2_2_1), Code::RegularHoursInverted);
    }

    #[test]
    fn regular_hours_overlap() {
        let doc = edit(
            LOC_221,
            &[("\"period_begin\": \"12:00\"", "\"period_begin\": \"11:00\"")],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::RegularHoursOverlap,
            Severity::Warning,
            "/opening_times/regular_hours/1",
            line_of(&doc, "\"11:00\""),
        );
        // Periods that touch (07-12, 12-18 in the base) do not overlap; the same period on other days is fine.
        let doc = edit(
            LOC_221,
            &[(
                "{\"weekday\": 6, \"period_begin\": \"22:00\"",
                "{\"weekday\": 2, \"period_begin\": \"07:00\"",
            )],
        );
        expect_none(&run(&doc, V2_2_1), Code::RegularHoursOverlap);
    }

    #[test]
    fn exceptional_period_inverted() {
        let doc = edit(
            LOC_221,
            &[(
                "\"period_end\": \"2025-12-26T00:00:00Z\"",
                "\"period_end\": \"2025-12-24T00:00:00Z\"",
            )],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::ExceptionalPeriodInverted,
            Severity::Error,
            "/opening_times/exceptional_closings/0/period_end",
            line_of(&doc, "2025-12-24"),
        );
    }

    #[test]
    fn status_schedule_inverted() {
        let doc = edit(
            LOC_221,
            &[(
                "\"period_end\": \"2025-07-02T08:00:00Z\"",
                "\"period_end\": \"2025-07-01T08:00:00Z\"",
            )],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::StatusScheduleInverted,
            Severity::Error,
            "/evses/0/status_schedule/0/period_end",
            line_of_nth(&doc, "2025-07-01T08", 2),
        );
        // An open end is fine.
        let doc = edit(
            LOC_221,
            &[("\"period_end\": \"2025-07-02T08:00:00Z\",", "")],
        );
        expect_none(&run(&doc, V2_2_1), Code::StatusScheduleInverted);
    }

    #[test]
    fn coordinates_zero() {
        let doc = edit(
            LOC_221,
            &[
                ("\"latitude\": \"51.047599\"", "\"latitude\": \"0.000000\""),
                ("\"longitude\": \"3.729944\"", "\"longitude\": \"0.000000\""),
            ],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::CoordinatesZero,
            Severity::Error,
            "/coordinates",
            line_of(&doc, "\"coordinates\""),
        );
        expect_none(&d, Code::CoordinatesOutsideCountry);
        expect_none(&d, Code::EvseFarFromLocation);
        let doc = edit(
            LOC_221,
            &[
                ("\"latitude\": \"51.047650\"", "\"latitude\": \"0.0\""),
                ("\"longitude\": \"3.729990\"", "\"longitude\": \"0.0\""),
            ],
        );
        expect(
            &run(&doc, V2_2_1),
            Code::CoordinatesZero,
            Severity::Error,
            "/evses/0/coordinates",
            line_of_nth(&doc, "\"coordinates\"", 2),
        );
    }

    #[test]
    fn coordinates_swapped() {
        let doc = edit(
            LOC_221,
            &[
                ("\"latitude\": \"51.047599\"", "\"latitude\": \"3.729944\""),
                (
                    "\"longitude\": \"3.729944\"",
                    "\"longitude\": \"51.047599\"",
                ),
            ],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::CoordinatesSwapped,
            Severity::Warning,
            "/coordinates",
            line_of(&doc, "\"coordinates\""),
        );
        expect_none(&d, Code::CoordinatesOutsideCountry);
    }

    #[test]
    fn coordinates_outside_country() {
        let doc = edit(LOC_221, &[("\"country\": \"BEL\"", "\"country\": \"DEU\"")]);
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::CoordinatesOutsideCountry,
            Severity::Warning,
            "/coordinates",
            line_of(&doc, "\"coordinates\""),
        );
        expect_none(&d, Code::CoordinatesSwapped);
        // Countries not in the table are not checked.
        let doc = edit(LOC_221, &[("\"country\": \"BEL\"", "\"country\": \"JPN\"")]);
        expect_none(&run(&doc, V2_2_1), Code::CoordinatesOutsideCountry);
        // Within the margin of 0.5 degrees: Gent is about 0.1 degrees from the French border box.
        let doc = edit(LOC_221, &[("\"country\": \"BEL\"", "\"country\": \"FRA\"")]);
        expect_none(&run(&doc, V2_2_1), Code::CoordinatesOutsideCountry);
    }

    #[test]
    fn evse_far_from_location() {
        let doc = edit(
            LOC_221,
            &[("\"latitude\": \"51.047650\"", "\"latitude\": \"51.100000\"")],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::EvseFarFromLocation,
            Severity::Warning,
            "/evses/0/coordinates",
            line_of_nth(&doc, "\"coordinates\"", 2),
        );
        // About 1.1 km away: fine.
        let doc = edit(
            LOC_221,
            &[("\"latitude\": \"51.047650\"", "\"latitude\": \"51.057650\"")],
        );
        expect_none(&run(&doc, V2_2_1), Code::EvseFarFromLocation);
    }

    #[test]
    fn power_above_rating() {
        let doc = edit(
            LOC_221,
            &[(
                "\"max_electric_power\": 11000",
                "\"max_electric_power\": 22000",
            )],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::PowerAboveRating,
            Severity::Warning,
            "/evses/0/connectors/0/max_electric_power",
            line_of(&doc, "22000"),
        );
        assert!(
            d.iter()
                .any(|d| d.code == Code::PowerAboveRating && d.message.contains("11040 W")),
            "{d:#?}"
        );
        // 10% above is tolerated: 230 V x 16 A x 3 = 11040 W, x 1.1 = 12144 W.
        let doc = edit(
            LOC_221,
            &[(
                "\"max_electric_power\": 11000",
                "\"max_electric_power\": 12144",
            )],
        );
        expect_none(&run(&doc, V2_2_1), Code::PowerAboveRating);
        // DC: V x A (920 x 400 = 368 kW); one phase for AC_1_PHASE.
        let doc = edit(
            LOC_221,
            &[(
                "\"max_electric_power\": 150000",
                "\"max_electric_power\": 450000",
            )],
        );
        expect(
            &run(&doc, V2_2_1),
            Code::PowerAboveRating,
            Severity::Warning,
            "/evses/0/connectors/1/max_electric_power",
            line_of(&doc, "450000"),
        );
        let doc = edit(
            LOC_221,
            &[(
                "\"max_amperage\": 32,",
                "\"max_amperage\": 32, \"max_electric_power\": 22000,",
            )],
        );
        expect(
            &run(&doc, V2_2_1),
            Code::PowerAboveRating,
            Severity::Warning,
            "/evses/1/connectors/0/max_electric_power",
            line_of(&doc, "22000"),
        );
    }

    #[test]
    fn power_looks_like_kw() {
        let doc = edit(
            LOC_221,
            &[(
                "\"max_electric_power\": 11000",
                "\"max_electric_power\": 22",
            )],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::PowerLooksLikeKw,
            Severity::Warning,
            "/evses/0/connectors/0/max_electric_power",
            line_of(&doc, "\"max_electric_power\": 22,"),
        );
        assert!(
            d.iter().any(|d| d.message.contains("22 kW would be 22000")),
            "{d:#?}"
        );
        expect_none(&d, Code::PowerAboveRating);
        let doc = edit(
            LOC_221,
            &[(
                "\"max_electric_power\": 11000",
                "\"max_electric_power\": 1000",
            )],
        );
        expect_none(&run(&doc, V2_2_1), Code::PowerLooksLikeKw);
    }

    #[test]
    fn power_implausible() {
        let doc = edit(
            LOC_221,
            &[("\"max_voltage\": 920", "\"max_voltage\": 9200")],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::PowerImplausible,
            Severity::Warning,
            "/evses/0/connectors/1/max_voltage",
            line_of(&doc, "9200"),
        );
        let doc = edit(LOC_221, &[("\"max_amperage\": 400", "\"max_amperage\": 0")]);
        expect(
            &run(&doc, V2_2_1),
            Code::PowerImplausible,
            Severity::Warning,
            "/evses/0/connectors/1/max_amperage",
            line_of(&doc, "\"max_amperage\": 0"),
        );
        let doc = edit(
            LOC_221,
            &[(
                "\"max_electric_power\": 150000",
                "\"max_electric_power\": 5000000",
            )],
        );
        expect(
            &run(&doc, V2_2_1),
            Code::PowerImplausible,
            Severity::Warning,
            "/evses/0/connectors/1/max_electric_power",
            line_of(&doc, "5000000"),
        );
        // 2.1.1 names the fields voltage and amperage.
        let doc = edit(LOC_211, &[("\"amperage\": 125", "\"amperage\": 12500")]);
        expect(
            &run(&doc, V2_1_1),
            Code::PowerImplausible,
            Severity::Warning,
            "/evses/0/connectors/1/amperage",
            line_of(&doc, "12500"),
        );
        // MCS at its limits (1250 V, 3000 A, 3.75 MW) is plausible.
        expect_none(&run(LOC_230, V2_3_0), Code::PowerImplausible);
    }

    #[test]
    fn connector_power_type_mismatch() {
        let doc = edit(
            LOC_221,
            &[("\"power_type\": \"DC\"", "\"power_type\": \"AC_3_PHASE\"")],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::ConnectorPowerTypeMismatch,
            Severity::Warning,
            "/evses/0/connectors/1/power_type",
            line_of_nth(&doc, "\"AC_3_PHASE\"", 2),
        );
        let doc = edit(
            LOC_211,
            &[("\"standard\": \"CHADEMO\"", "\"standard\": \"DOMESTIC_F\"")],
        );
        expect(
            &run(&doc, V2_1_1),
            Code::ConnectorPowerTypeMismatch,
            Severity::Warning,
            "/evses/0/connectors/1/power_type",
            line_of(&doc, "\"DC\""),
        );
        // Type 2 can carry DC in rare set-ups: not flagged.
        let doc = edit(
            LOC_221,
            &[(
                "\"standard\": \"IEC_62196_T2_COMBO\"",
                "\"standard\": \"IEC_62196_T2\"",
            )],
        );
        expect_none(&run(&doc, V2_2_1), Code::ConnectorPowerTypeMismatch);
    }

    #[test]
    fn evse_removed_and_location_expired() {
        let doc = edit(
            LOC_221,
            &[("\"status\": \"RESERVED\"", "\"status\": \"REMOVED\"")],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::EvseRemoved,
            Severity::Info,
            "/evses/1/status",
            line_of(&doc, "\"REMOVED\""),
        );
        expect_none(&d, Code::LocationExpired);
        let doc = edit(
            &doc,
            &[("\"status\": \"AVAILABLE\"", "\"status\": \"REMOVED\"")],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::LocationExpired,
            Severity::Warning,
            "/evses",
            line_of(&doc, "\"evses\""),
        );
        expect_at(
            &d,
            Code::EvseRemoved,
            Severity::Info,
            "/evses/0/status",
            line_of(&doc, "\"REMOVED\""),
        );
    }

    #[test]
    fn location_without_evses() {
        let doc = r#"{
  "country_code": "BE", "party_id": "BEC", "id": "LOC2", "publish": true,
  "address": "F.Rooseveltlaan 3A", "city": "Gent", "country": "BEL",
  "coordinates": {"latitude": "51.047599", "longitude": "3.729944"},
  "evses": [],
  "time_zone": "Europe/Brussels",
  "last_updated": "2015-06-29T20:39:09Z"
}"#;
        let d = run(doc, V2_2_1);
        expect(
            &d,
            Code::LocationWithoutEvses,
            Severity::Info,
            "/evses",
            line_of(doc, "\"evses\""),
        );
        expect_none(&d, Code::LocationExpired);
        let doc = edit(doc, &[("\n  \"evses\": [],", "")]);
        expect(
            &run(&doc, V2_2_1),
            Code::LocationWithoutEvses,
            Severity::Info,
            "",
            1,
        );
        expect_none(&run(LOC_221, V2_2_1), Code::LocationWithoutEvses);
    }

    #[test]
    fn last_updated_child_later() {
        let doc = edit(
            LOC_221,
            &[(
                "\"last_updated\": \"2015-06-28T08:12:01Z\"",
                "\"last_updated\": \"2016-01-01T00:00:00Z\"",
            )],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::LastUpdatedChildLater,
            Severity::Warning,
            "/evses/0/last_updated",
            line_of(&doc, "2016-01-01"),
        );
        let doc = edit(
            LOC_221,
            &[(
                "\"last_updated\": \"2015-03-16T10:10:02Z\"",
                "\"last_updated\": \"2015-06-28T09:00:00Z\"",
            )],
        );
        expect(
            &run(&doc, V2_2_1),
            Code::LastUpdatedChildLater,
            Severity::Warning,
            "/evses/0/connectors/0/last_updated",
            line_of(&doc, "2015-06-28T09"),
        );
        // Equal times (the second EVSE and its connector) are fine.
        expect_none(&run(LOC_221, V2_2_1), Code::LastUpdatedChildLater);
    }

    #[test]
    fn last_updated_future() {
        let doc = edit(
            LOC_221,
            &[(
                "\"last_updated\": \"2015-06-30T10:00:00Z\"",
                "\"last_updated\": \"2025-06-01T12:06:00Z\"",
            )],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::LastUpdatedFuture,
            Severity::Warning,
            "/last_updated",
            line_of(&doc, "2025-06-01T12:06"),
        );
        // Without a "now" the rule does not run; five minutes of clock skew are allowed.
        expect_none(&run_without_now(&doc, V2_2_1), Code::LastUpdatedFuture);
        let doc = edit(
            LOC_221,
            &[(
                "\"last_updated\": \"2015-06-30T10:00:00Z\"",
                "\"last_updated\": \"2025-06-01T12:04:59Z\"",
            )],
        );
        expect_none(&run(&doc, V2_2_1), Code::LastUpdatedFuture);
    }

    #[test]
    fn evse_id_party() {
        let doc = edit(
            LOC_221,
            &[(
                "\"evse_id\": \"BE*BEC*E041503001\"",
                "\"evse_id\": \"NL*TNM*E041503001\"",
            )],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::EvseIdParty,
            Severity::Warning,
            "/evses/0/evse_id",
            line_of(&doc, "NL*TNM"),
        );
        let doc = edit(
            LOC_221,
            &[(
                "\"evse_id\": \"BE*BEC*E041503001\"",
                "\"evse_id\": \"BEXYZE041503001\"",
            )],
        );
        expect(
            &run(&doc, V2_2_1),
            Code::EvseIdParty,
            Severity::Warning,
            "/evses/0/evse_id",
            line_of(&doc, "BEXYZ"),
        );
        // Letter case does not matter; ids outside the eMI3 pattern and 2.1.1 are not compared.
        let doc = edit(
            LOC_221,
            &[(
                "\"evse_id\": \"BE*BEC*E041503001\"",
                "\"evse_id\": \"be*bec*E041503001\"",
            )],
        );
        expect_none(&run(&doc, V2_2_1), Code::EvseIdParty);
        let doc = edit(
            LOC_221,
            &[(
                "\"evse_id\": \"BE*BEC*E041503001\"",
                "\"evse_id\": \"NL-TNM-E041503001\"",
            )],
        );
        expect_none(&run(&doc, V2_2_1), Code::EvseIdParty);
        let doc = edit(
            LOC_211,
            &[(
                "\"evse_id\": \"BE*BEC*E041503001\"",
                "\"evse_id\": \"NL*TNM*E041503001\"",
            )],
        );
        expect_none(&run(&doc, V2_1_1), Code::EvseIdParty);
    }

    #[test]
    fn publishing() {
        let doc = edit(LOC_221, &[("\"publish\": true", "\"publish\": false")]);
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::LocationUnpublished,
            Severity::Info,
            "/publish",
            line_of(&doc, "\"publish\""),
        );
        expect_none(&d, Code::PublishAllowedToPersonalData);

        let doc = edit(
            LOC_221,
            &[(
                "\"publish\": true,",
                "\"publish\": true,\n  \"publish_allowed_to\": [{\"group_id\": \"G1\"}],",
            )],
        );
        let d = run(&doc, V2_2_1);
        let line = line_of(&doc, "\"publish_allowed_to\"");
        expect(
            &d,
            Code::PublishAllowedToWhenPublished,
            Severity::Error,
            "/publish_allowed_to",
            line,
        );
        expect(
            &d,
            Code::PublishAllowedToPersonalData,
            Severity::Warning,
            "/publish_allowed_to",
            line,
        );
        expect_none(&d, Code::LocationUnpublished);
        expect_none(&d, Code::PublishTokenIncomplete);

        let doc = edit(
            LOC_221,
            &[(
                "\"publish\": true,",
                "\"publish\": false,\n  \"publish_allowed_to\": [{\"visual_number\": \"12345-67\", \"issuer\": \"NewMotion\"}],",
            )],
        );
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::PublishAllowedToPersonalData,
            Severity::Warning,
            "/publish_allowed_to",
            line_of(&doc, "\"publish_allowed_to\""),
        );
        expect_none(&d, Code::PublishAllowedToWhenPublished);
        expect_none(&d, Code::PublishTokenIncomplete);
    }

    #[test]
    fn publish_token_incomplete() {
        let doc = edit(
            LOC_221,
            &[(
                "\"publish\": true,",
                "\"publish\": false,\n  \"publish_allowed_to\": [\n    {\"type\": \"RFID\"},\n    {\"uid\": \"12345678905880\"},\n    {\"visual_number\": \"0055375624\"},\n    {\"uid\": \"1\", \"type\": \"RFID\", \"visual_number\": \"2\", \"issuer\": \"X\"}\n  ],",
            )],
        );
        let d = run(&doc, V2_2_1);
        assert_eq!(
            d.iter()
                .filter(|d| d.code == Code::PublishTokenIncomplete)
                .count(),
            3,
            "{d:#?}"
        );
        expect_at(
            &d,
            Code::PublishTokenIncomplete,
            Severity::Error,
            "/publish_allowed_to/0",
            line_of(&doc, "{\"type\": \"RFID\"}"),
        );
        expect_at(
            &d,
            Code::PublishTokenIncomplete,
            Severity::Error,
            "/publish_allowed_to/1/type",
            line_of(&doc, "12345678905880"),
        );
        expect_at(
            &d,
            Code::PublishTokenIncomplete,
            Severity::Error,
            "/publish_allowed_to/2/issuer",
            line_of(&doc, "0055375624"),
        );
    }

    #[test]
    fn parking_reference_unresolved() {
        let doc = edit(
            LOC_230,
            &[("{\"parking_id\": \"P3\"", "{\"parking_id\": \"P9\"")],
        );
        let d = run(&doc, V2_3_0);
        expect(
            &d,
            Code::ParkingReferenceUnresolved,
            Severity::Error,
            "/evses/1/parking/1/parking_id",
            line_of(&doc, "\"P9\""),
        );
        // Parking ids are CiStrings: "p2" resolves to "P2" (in the base). 2.2.1 has no parking.
        expect_none(&run(LOC_230, V2_3_0), Code::ParkingReferenceUnresolved);
    }

    #[test]
    fn parking_id_duplicate() {
        let doc = edit(LOC_230, &[("{\"id\": \"P3\"", "{\"id\": \"p1\"")]);
        let d = run(&doc, V2_3_0);
        expect(
            &d,
            Code::ParkingIdDuplicate,
            Severity::Error,
            "/parking_places/2/id",
            line_of(&doc, "\"p1\""),
        );
    }

    #[test]
    fn parking_dimensions_missing() {
        let doc = edit(
            LOC_230,
            &[(
                "\"vehicle_types\": [\"PERSONAL_VEHICLE\"]",
                "\"vehicle_types\": [\"PERSONAL_VEHICLE\", \"BUS\"]",
            )],
        );
        let d = run(&doc, V2_3_0);
        expect(
            &d,
            Code::ParkingDimensionsMissing,
            Severity::Warning,
            "/parking_places/0",
            line_of(&doc, "{\"id\": \"P1\""),
        );
        // P3 (trucks) gives all its dimensions; P1 and P2 (cars, motorcycles) need none.
        expect_none(&run(LOC_230, V2_3_0), Code::ParkingDimensionsMissing);
    }

    #[test]
    fn energy_mix_percentages() {
        let doc = edit(LOC_221, &[("\"percentage\": 64.1", "\"percentage\": 74.1")]);
        let d = run(&doc, V2_2_1);
        expect(
            &d,
            Code::EnergyMixPercentages,
            Severity::Warning,
            "/energy_mix/energy_sources",
            line_of(&doc, "\"energy_sources\""),
        );
        let doc = edit(
            LOC_221,
            &[
                ("\"percentage\": 35.9", "\"percentage\": -64.1"),
                ("\"percentage\": 64.1", "\"percentage\": 164.1"),
            ],
        );
        let d = run(&doc, V2_2_1);
        // Each share out of range, but together 100.
        assert_eq!(
            d.iter()
                .filter(|d| d.code == Code::EnergyMixPercentages)
                .count(),
            2,
            "{d:#?}"
        );
        expect_at(
            &d,
            Code::EnergyMixPercentages,
            Severity::Warning,
            "/energy_mix/energy_sources/0/percentage",
            line_of(&doc, "-64.1"),
        );
        expect_at(
            &d,
            Code::EnergyMixPercentages,
            Severity::Warning,
            "/energy_mix/energy_sources/1/percentage",
            line_of(&doc, "164.1"),
        );
        // Half a percent off is rounding.
        let doc = edit(LOC_221, &[("\"percentage\": 64.1", "\"percentage\": 63.7")]);
        expect_none(&run(&doc, V2_2_1), Code::EnergyMixPercentages);
    }
}
