//! When a location is open, as intervals of time, for measuring reliability "during opening
//! hours" (UK regulation 7).
//!
//! Reading (`docs/readings.md`): weekly `regular_hours` are local times of the location's time
//! zone (UTC when it has none), with daylight-saving transitions as the zone has them; a period
//! whose end is not after its begin runs past midnight; `24:00` is the end of the day.
//! `exceptional_openings` add time, `exceptional_closings` remove it (they win). A location
//! without `opening_times`, or whose opening times give neither 24/7 nor any weekly period, is
//! read as open all the time: missing hours are reported by the reference-data check, not
//! silently turned into "never open".

use crate::model::{Hours, Location};
use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::{Timestamp, ToSpan};

/// A half-open interval of time `[start, end)`.
pub type Interval = (Timestamp, Timestamp);

/// The intervals within `[from, to)` in which `location` is open, sorted and disjoint.
pub fn open_windows(location: &Location, from: Timestamp, to: Timestamp) -> Vec<Interval> {
    if from >= to {
        return Vec::new();
    }
    let Some(hours) = location.opening_times.as_deref() else {
        return vec![(from, to)];
    };
    let tz = location.tz().unwrap_or(TimeZone::UTC);
    let mut open = if hours.twentyfourseven || hours.regular_hours.is_empty() {
        vec![(from, to)]
    } else {
        weekly(hours, &tz, from, to)
    };
    open.extend(
        hours
            .exceptional_openings
            .iter()
            .map(|p| (p.period_begin, p.period_end)),
    );
    let open = merge(open);
    let closed = merge(
        hours
            .exceptional_closings
            .iter()
            .map(|p| (p.period_begin, p.period_end))
            .collect(),
    );
    clip(subtract(&open, &closed), from, to)
}

/// Total seconds of `windows` that fall inside `[start, end)`, starting the search at
/// `*cursor` (windows before it end before `start`); advances the cursor. Calls must come with
/// non-decreasing `start`.
pub fn seconds_open(
    windows: &[Interval],
    cursor: &mut usize,
    start: Timestamp,
    end: Timestamp,
) -> i64 {
    while *cursor < windows.len() && windows[*cursor].1 <= start {
        *cursor += 1;
    }
    let mut total = 0;
    for &(a, b) in &windows[*cursor..] {
        if a >= end {
            break;
        }
        let (a, b) = (a.max(start), b.min(end));
        if a < b {
            total += b.as_second() - a.as_second();
        }
    }
    total
}

/// The weekly periods that overlap `[from, to)`, as UTC intervals.
fn weekly(hours: &Hours, tz: &TimeZone, from: Timestamp, to: Timestamp) -> Vec<Interval> {
    let first = tz.to_datetime(from).date().saturating_sub(1.day());
    let last = tz.to_datetime(to).date();
    let mut out = Vec::new();
    let mut day = first;
    while day <= last {
        let weekday = day.weekday().to_monday_one_offset();
        for period in hours
            .regular_hours
            .iter()
            .filter(|r| i8::try_from(r.weekday).ok() == Some(weekday))
        {
            let (Some(begin), Some(end)) = (
                local_time(&period.period_begin),
                local_time(&period.period_end),
            ) else {
                continue;
            };
            let start = at(tz, day, begin.unwrap_or(Time::midnight()), 0);
            let end_day_offset = match end {
                // 24:00: the end of this day.
                None => 1,
                Some(e) if Some(e) <= begin => 1,
                Some(_) => 0,
            };
            let finish = at(tz, day, end.unwrap_or(Time::midnight()), end_day_offset);
            if let (Some(s), Some(f)) = (start, finish)
                && s < f
            {
                out.push((s, f));
            }
        }
        let Ok(next) = day.checked_add(1.day()) else {
            break;
        };
        day = next;
    }
    out
}

/// `HH:MM` as a time of day; `Some(None)` for `24:00`.
fn local_time(s: &str) -> Option<Option<Time>> {
    let (h, m) = s.trim().split_once(':')?;
    let (h, m): (i8, i8) = (h.parse().ok()?, m.get(..2)?.parse().ok()?);
    if h == 24 && m == 0 {
        return Some(None);
    }
    Time::new(h, m, 0, 0).ok().map(Some)
}

/// The instant of local `time` on `day` + `offset` days (a time skipped by a daylight-saving
/// change reads as the instant after the gap, a repeated one as the first).
fn at(tz: &TimeZone, day: Date, time: Time, offset: i64) -> Option<Timestamp> {
    let day = day.checked_add(offset.days()).ok()?;
    tz.to_timestamp(day.to_datetime(time)).ok()
}

/// Sorts and joins overlapping or touching intervals.
fn merge(mut intervals: Vec<Interval>) -> Vec<Interval> {
    intervals.retain(|(a, b)| a < b);
    intervals.sort();
    let mut out: Vec<Interval> = Vec::with_capacity(intervals.len());
    for (a, b) in intervals {
        match out.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// `open` minus `closed` (both sorted and disjoint).
fn subtract(open: &[Interval], closed: &[Interval]) -> Vec<Interval> {
    let mut out = Vec::new();
    for &(mut a, b) in open {
        for &(c, d) in closed {
            if d <= a || c >= b {
                continue;
            }
            if c > a {
                out.push((a, c));
            }
            a = a.max(d);
            if a >= b {
                break;
            }
        }
        if a < b {
            out.push((a, b));
        }
    }
    out
}

fn clip(intervals: Vec<Interval>, from: Timestamp, to: Timestamp) -> Vec<Interval> {
    intervals
        .into_iter()
        .map(|(a, b)| (a.max(from), b.min(to)))
        .filter(|(a, b)| a < b)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::read_feed;
    use crate::validate::Options;

    fn location(opening_times: &str) -> Location {
        let json = format!(
            r#"{{"country_code":"GB","party_id":"ABC","id":"L1","publish":true,"address":"a",
            "city":"London","country":"GBR","coordinates":{{"latitude":"51.5","longitude":"-0.1"}},
            "time_zone":"Europe/London","last_updated":"2025-01-01T00:00:00Z"{opening_times}}}"#
        );
        let (_, feed) = read_feed(&[("l.json", json.as_bytes())], |_| Options::default());
        feed.locations.into_iter().next().unwrap()
    }

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn hours(windows: &[Interval]) -> i64 {
        windows
            .iter()
            .map(|(a, b)| b.as_second() - a.as_second())
            .sum::<i64>()
            / 3600
    }

    #[test]
    fn no_opening_times_is_open_all_the_time() {
        let l = location("");
        let w = open_windows(&l, ts("2025-03-03T00:00:00Z"), ts("2025-03-04T00:00:00Z"));
        assert_eq!(hours(&w), 24);
    }

    #[test]
    fn weekly_hours_follow_local_time_across_daylight_saving() {
        // Monday to Sunday 08:00-20:00 London time; the clocks go forward on Sunday 30 March 2025.
        let days: Vec<String> = (1..=7)
            .map(|d| format!(r#"{{"weekday":{d},"period_begin":"08:00","period_end":"20:00"}}"#))
            .collect();
        let l = location(&format!(
            r#","opening_times":{{"twentyfourseven":false,"regular_hours":[{}]}}"#,
            days.join(",")
        ));
        // Saturday 29 March (GMT): 08:00-20:00 local = 08:00-20:00 UTC.
        let sat = open_windows(&l, ts("2025-03-29T00:00:00Z"), ts("2025-03-30T00:00:00Z"));
        assert_eq!(
            sat,
            vec![(ts("2025-03-29T08:00:00Z"), ts("2025-03-29T20:00:00Z"))]
        );
        // Monday 31 March (BST): 08:00-20:00 local = 07:00-19:00 UTC.
        let mon = open_windows(&l, ts("2025-03-31T00:00:00Z"), ts("2025-04-01T00:00:00Z"));
        assert_eq!(
            mon,
            vec![(ts("2025-03-31T07:00:00Z"), ts("2025-03-31T19:00:00Z"))]
        );
        // A whole week: 7 × 12 h.
        let week = open_windows(&l, ts("2025-03-24T00:00:00Z"), ts("2025-03-31T00:00:00Z"));
        assert_eq!(hours(&week), 84);
    }

    #[test]
    fn periods_past_midnight_and_exceptional_closings() {
        // Friday 22:00 to Saturday 02:00; closed by exception on Friday 7 March 2025 from 23:00.
        let l = location(
            r#","opening_times":{"twentyfourseven":false,
              "regular_hours":[{"weekday":5,"period_begin":"22:00","period_end":"02:00"}],
              "exceptional_closings":[{"period_begin":"2025-03-07T23:00:00Z","period_end":"2025-03-08T01:00:00Z"}]}"#,
        );
        let w = open_windows(&l, ts("2025-03-07T00:00:00Z"), ts("2025-03-09T00:00:00Z"));
        assert_eq!(
            w,
            vec![
                (ts("2025-03-07T22:00:00Z"), ts("2025-03-07T23:00:00Z")),
                (ts("2025-03-08T01:00:00Z"), ts("2025-03-08T02:00:00Z")),
            ]
        );
        let mut cursor = 0;
        assert_eq!(
            seconds_open(
                &w,
                &mut cursor,
                ts("2025-03-07T22:30:00Z"),
                ts("2025-03-08T01:30:00Z")
            ),
            3600
        );
    }

    #[test]
    fn exceptional_openings_add_time_to_a_24_7_location() {
        let l = location(
            r#","opening_times":{"twentyfourseven":true,
              "exceptional_closings":[{"period_begin":"2025-03-03T10:00:00Z","period_end":"2025-03-03T12:00:00Z"}]}"#,
        );
        let w = open_windows(&l, ts("2025-03-03T00:00:00Z"), ts("2025-03-04T00:00:00Z"));
        assert_eq!(hours(&w), 22);
    }
}
