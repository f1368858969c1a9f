//! Markwhen's dates: ISO and casual dates, times, ranges, durations,
//! relative dates and recurrences, read as its reference parser reads them.

use super::MAX_DATE_TEXT;
pub(super) use super::calendar::lacks_year;
use super::calendar::{iso_week, work_day};
use crate::model::{Date, MONTH_NAMES, Precision, TimeOfDay, today};

/// One Markwhen date, at its own precision. `now` is today.
pub fn parse_date(text: &str) -> Option<Date> {
    parse_date_styled(text, false)
}

/// A Markwhen date; `day_first` reads `17/08/2026` as 17 August (a file
/// whose front matter says `dateFormat: d/M/yyyy`).
pub fn parse_date_styled(text: &str, day_first: bool) -> Option<Date> {
    let t = text.trim();
    if t.len() > MAX_DATE_TEXT {
        return None;
    }
    let lower = t.to_lowercase();
    if lower == "now" || lower == "today" {
        return Some(today());
    }
    // `300 BC`, `300BC`, `300 BCE`; `476 AD`, `AD 476`, `1066 CE`.
    for (suffix, sign) in [("bce", -1), ("bc", -1), ("ad", 1), ("ce", 1)] {
        let year = lower
            .strip_suffix(suffix)
            .or_else(|| {
                (suffix == "ad")
                    .then(|| lower.strip_prefix("ad "))
                    .flatten()
            })
            .map(str::trim)
            .filter(|y| !y.is_empty() && y.bytes().all(|b| b.is_ascii_digit() || b == b'-'));
        if let Some(y) = year {
            return y
                .parse::<i64>()
                .ok()
                // "-5 BC" is no year: an era's years are counted up from 1.
                .filter(|&y| y >= 1)
                .and_then(|y| Date::year(sign * y).ok());
        }
    }
    if let Ok(d) = t.parse::<Date>() {
        return Some(d);
    }
    // ISO week dates: `2016-W21-3`, `2016W213` (a day); `2026-W01` alone
    // is its Monday here (a whole week is read as a range).
    if let Some((monday, day)) = iso_week(t) {
        return Some(day.unwrap_or(monday));
    }
    // ISO with seconds, fractions and a zone (2023-08-19T18:31:26.742Z):
    // read to the minute, the finest the model keeps.
    if t.len() > 16
        && t.is_char_boundary(16)
        && matches!(t.as_bytes()[10], b'T' | b' ')
        && seconds_and_zone(&t[16..])
        && let Ok(d) = t[..16].replacen(' ', "T", 1).parse::<Date>()
    {
        return Some(d);
    }
    // A time after a date: `Jan 4 2025 8am`, `2023-06-29 13:27`,
    // `November 8, 2022 9:15 pm`.
    if let Some((date_part, time)) = split_time(&lower)
        && let Some(d) = parse_date_styled(date_part, day_first)
        && let (Some(m), Some(day)) = (d.month(), d.day())
    {
        return Date::new(d.year_value(), Some(m), Some(day), Some(time)).ok();
    }
    // 05/2024 (month/year) and 12/25/2024 (US month/day/year).
    let parts: Vec<&str> = t.split('/').collect();
    let num = |s: &str| s.trim().parse::<i64>().ok();
    match parts.as_slice() {
        [m, y] if y.len() == 4 => return Date::ym(num(y)?, u8::try_from(num(m)?).ok()?).ok(),
        // 2023/8/15: year first.
        [y, m, d] if y.len() == 4 && m.len() <= 2 && d.len() <= 2 => {
            return Date::ymd(
                num(y)?,
                u8::try_from(num(m)?).ok()?,
                u8::try_from(num(d)?).ok()?,
            )
            .ok();
        }
        [d, m, y] if y.len() == 4 && day_first => {
            return Date::ymd(
                num(y)?,
                u8::try_from(num(m)?).ok()?,
                u8::try_from(num(d)?).ok()?,
            )
            .ok();
        }
        [m, d, y] if y.len() == 4 => {
            return Date::ymd(
                num(y)?,
                u8::try_from(num(m)?).ok()?,
                u8::try_from(num(d)?).ok()?,
            )
            .ok();
        }
        _ => {}
    }
    // "Dec 1 2025", "1 December 2025", "December 2025", with or without commas.
    let words: Vec<String> = lower
        .replace(',', " ")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let month_of = |w: &str| {
        MONTH_NAMES
            .iter()
            .position(|m| w.len() >= 3 && m.to_lowercase().starts_with(w))
            .map(|i| i as u8 + 1)
    };
    match words
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        // `Dec 1` has no year: the reference parser reads this year's.
        [m, d] if d.len() <= 2 && month_of(m).is_some() => Date::ymd(
            today().year_value(),
            month_of(m)?,
            u8::try_from(num(d)?).ok()?,
        )
        .ok(),
        // `8 August`, as `August 8`.
        [d, m] if d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit()) => Date::ymd(
            today().year_value(),
            month_of(m)?,
            u8::try_from(num(d)?).ok()?,
        )
        .ok(),
        [m, y] => Date::ym(num(y)?, month_of(m)?).ok(),
        [m, d, y] if month_of(m).is_some() => {
            Date::ymd(num(y)?, month_of(m)?, u8::try_from(num(d)?).ok()?).ok()
        }
        [d, m, y] => Date::ymd(num(y)?, month_of(m)?, u8::try_from(num(d)?).ok()?).ok(),
        _ => None,
    }
}

/// What may follow `YYYY-MM-DDTHH:MM` in an ISO time: `:SS`, `.fff`, and
/// `Z` or an offset (`+02:00`, `-0500`).
fn seconds_and_zone(rest: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mut r = rest;
    if let Some(after) = r.strip_prefix(':') {
        // Bytes, not characters: `:€` must not be cut inside the euro sign.
        let Some((sec, tail)) = after.get(..2).zip(after.get(2..)) else {
            return false;
        };
        if !digits(sec) {
            return false;
        }
        r = tail;
        if let Some(frac) = r.strip_prefix('.') {
            let end = frac
                .find(|c: char| !c.is_ascii_digit())
                .unwrap_or(frac.len());
            if end == 0 {
                return false;
            }
            r = &frac[end..];
        }
    }
    match r {
        "" | "Z" | "z" => true,
        _ => {
            let Some(offset) = r.strip_prefix(['+', '-']) else {
                return false;
            };
            let offset = offset.replacen(':', "", 1);
            offset.len() == 4 && digits(&offset)
        }
    }
}

/// A time of day at the end of `lower`: `8am`, `9:15am`, `2 pm`, `13:27`.
/// Returns the text before it and the time.
fn split_time(lower: &str) -> Option<(&str, TimeOfDay)> {
    let t = lower.trim_end();
    let (rest, word) = match t.rsplit_once([' ', ',']) {
        Some((rest, w)) if w == "am" || w == "pm" => {
            let (rest2, w2) = rest.trim_end().rsplit_once([' ', ','])?;
            // "9:15 pm": the number is the word before.
            return time_of(&format!("{w2}{w}"))
                .map(|time| (rest2.trim_end_matches([',', ' ']), time));
        }
        Some((rest, w)) => (rest, w),
        None => return None,
    };
    let time = time_of(word)?;
    Some((rest.trim_end_matches([',', ' ']), time))
}

/// `8am`, `12pm`, `9:15am`, `13:27`.
fn time_of(word: &str) -> Option<TimeOfDay> {
    let (clock, meridiem) = if let Some(c) = word.strip_suffix("am") {
        (c, Some(false))
    } else if let Some(c) = word.strip_suffix("pm") {
        (c, Some(true))
    } else {
        (word, None)
    };
    let (h, m) = match clock.split_once(':') {
        Some((h, m)) if m.len() == 2 => (h, m),
        Some(_) => return None,
        None if meridiem.is_some() => (clock, "00"),
        None => return None,
    };
    if h.is_empty() || h.len() > 2 || !h.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (mut hour, minute): (u8, u8) = (h.parse().ok()?, m.parse().ok()?);
    if let Some(pm) = meridiem {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = match (pm, hour) {
            (false, 12) => 0,
            (true, 12) => 12,
            (true, h) => h + 12,
            (false, h) => h,
        };
    }
    (hour < 24 && minute < 60).then_some(TimeOfDay { hour, minute })
}

/// A Markwhen duration: `4 months`, `1 year`, `2 days`, `2h`, `90 minutes`,
/// `3 weeks`. Returns how many of which unit.
pub(super) fn duration_of(text: &str) -> Option<(i64, Precision, i64)> {
    let t = text.trim().to_lowercase();
    let split = t.find(|c: char| !c.is_ascii_digit())?;
    let (n, unit) = t.split_at(split);
    let n: i64 = n.parse().ok().filter(|&n| n > 0 && n < 100_000)?;
    // (precision of the end, count of that unit per one)
    let (precision, per) = match unit.trim() {
        "y" | "year" | "years" => (Precision::Year, 1),
        "month" | "months" => (Precision::Month, 1),
        "w" | "week" | "weeks" => (Precision::Day, 7),
        "d" | "day" | "days" => (Precision::Day, 1),
        // Monday to Friday: marked by a size of 0 (see [`work_day`]).
        "work day" | "work days" | "workday" | "workdays" | "week day" | "week days"
        | "weekday" | "weekdays" | "business day" | "business days" => (Precision::Day, 0),
        "h" | "hour" | "hours" => (Precision::Minute, 60),
        "m" | "min" | "minute" | "minutes" => (Precision::Minute, 1),
        _ => return None,
    };
    Some((n, precision, per))
}

/// The inclusive end of `start` plus a duration: `2023-04` + 4 months ends
/// with July 2023; `2017` + 2 days ends on 2 January 2017.
pub(super) fn end_after(start: &Date, (n, unit, per): (i64, Precision, i64)) -> Option<Date> {
    if per == 0 {
        return work_day(start, n);
    }
    // At the finer of the start's precision and the unit's: the first
    // moment after the duration, less one step of that precision.
    // To the minute, the end is the moment itself, as a range written
    // `2pm - 4pm` ends at 4 pm.
    let precision = unit.max(start.precision());
    let exclusive = shifted(start, n.checked_mul(per)?, unit, precision)?;
    if precision == Precision::Minute {
        return Some(exclusive);
    }
    shifted(&exclusive, -1, precision, precision)
}

/// `d` moved by `total` units (years, months, days or minutes), kept at
/// `precision`.
pub(super) fn shifted(d: &Date, total: i64, unit: Precision, precision: Precision) -> Option<Date> {
    use chrono::{Datelike, Duration, Months, NaiveDate, Timelike};
    let year = i32::try_from(d.year_value()).ok()?;
    let begin = NaiveDate::from_ymd_opt(
        year,
        u32::from(d.month().unwrap_or(1)),
        u32::from(d.day().unwrap_or(1)),
    )?
    .and_hms_opt(
        u32::from(d.time().map_or(0, |t| t.hour)),
        u32::from(d.time().map_or(0, |t| t.minute)),
        0,
    )?;
    let months = |n: i64| -> Option<Months> { Some(Months::new(u32::try_from(n.abs()).ok()?)) };
    let moved = match unit {
        Precision::Year | Precision::Month => {
            let n = if unit == Precision::Year {
                total.checked_mul(12)?
            } else {
                total
            };
            if n >= 0 {
                begin.checked_add_months(months(n)?)?
            } else {
                begin.checked_sub_months(months(n)?)?
            }
        }
        Precision::Day => begin.checked_add_signed(Duration::try_days(total)?)?,
        Precision::Minute => begin.checked_add_signed(Duration::try_minutes(total)?)?,
    };
    let y = i64::from(moved.year());
    let (m, day) = (moved.month() as u8, moved.day() as u8);
    match precision {
        Precision::Year => Date::year(y),
        Precision::Month => Date::ym(y, m),
        Precision::Day => Date::ymd(y, m, day),
        Precision::Minute => Date::new(
            y,
            Some(m),
            Some(day),
            Some(TimeOfDay {
                hour: moved.hour() as u8,
                minute: moved.minute() as u8,
            }),
        ),
    }
    .ok()
}

/// The era a date ends with (`247 BCE`: `bce`), if it is a year in one.
fn era_of(text: &str) -> Option<&'static str> {
    let lower = text.trim().to_lowercase();
    ["bce", "bc", "ce", "ad"].into_iter().find(|era| {
        lower
            .strip_suffix(era)
            .map(str::trim_end)
            .is_some_and(|y| !y.is_empty() && y.bytes().all(|b| b.is_ascii_digit()))
    })
}

/// `9:30pm`, `10:00am`, `13:00` on the day of `day` (which has one).
fn time_on(day: &Date, text: &str) -> Option<Date> {
    let lower = text.trim().to_lowercase();
    let time = time_of(&lower.replace(' ', ""))?;
    Date::new(day.year_value(), day.month(), Some(day.day()?), Some(time)).ok()
}

/// A date or a range: `1964/2008`, `1964-2008`, `2005/now`, `Dec 1 2025`.
/// A range written backwards (`now/2025`) is read from its earlier end.
pub fn parse_range(text: &str) -> Option<(Date, Option<Date>)> {
    parse_range_styled(text, false)
}

/// [`parse_range`] with the file's date order (see [`parse_date_styled`]).
pub fn parse_range_styled(text: &str, day_first: bool) -> Option<(Date, Option<Date>)> {
    parse_range_ordered(text, day_first).map(|(range, _)| range)
}

/// [`parse_range_styled`], and whether the range was written backwards
/// (`2008/1964`), its later end first: read from the earlier, as the
/// reference parser reads it, and said in the import report.
pub fn parse_range_ordered(text: &str, day_first: bool) -> Option<((Date, Option<Date>), bool)> {
    let t = text.trim();
    // No date or range is this long ("Wednesday, 1 December 2025 9:00am -
    // Thursday, 2 December 2025 10:00pm" is 70): longer text is not tried
    // at every separator (which would take time quadratic in its length).
    if t.len() > MAX_DATE_TEXT {
        return None;
    }
    // `2026-W01`: Monday to Sunday of that week.
    if let Some((monday, None)) = iso_week(t) {
        let sunday = shifted(&monday, 6, Precision::Day, Precision::Day)?;
        return Some(((monday, Some(sunday)), false));
    }
    if let Some(d) = parse_date_styled(t, day_first) {
        return Some(((d, None), false));
    }
    // Try every split point of the range separators, keeping the first that
    // gives two dates in order.
    // An unspaced hyphen only separates whole dates that cannot be read as
    // one ISO date: `1964-2008`, `05/2024-06/2024`, not `2024-02-30`.
    let whole = |side: &str| {
        let side = side.trim();
        (side.len() >= 3 && side.bytes().all(|b| b.is_ascii_digit()))
            || side.contains(['/', ' '])
            // An ISO time (`…14.00Z-2024-01-27T18:13:59.00Z`).
            || (side.len() >= 16 && side.as_bytes()[10] == b'T')
    };
    // A date and a duration: `2023-04/4 months`, `03/2023 - 1 year`,
    // `17/08/2026 2pm - 2h` (the duration is the last part).
    for sep in [" - ", " – ", "/"] {
        if let Some((a, b)) = t.rsplit_once(sep)
            && let Some(duration) = duration_of(b)
            && let Some(s) = parse_date_styled(a, day_first)
            && let Some(e) = end_after(&s, duration)
        {
            return Some(((s, (e != s).then_some(e)), false));
        }
    }
    for sep in [" - ", " – ", " to ", "/", "-", "–"] {
        for (i, _) in t.match_indices(sep) {
            let (a, b) = (&t[..i], &t[i + sep.len()..]);
            if matches!(sep, "-" | "–") && !(whole(a) && whole(b)) {
                continue;
            }
            // `285–247 BCE`: an era written once holds for both ends.
            let a_in_era = era_of(b)
                .filter(|_| !a.trim().is_empty() && a.trim().bytes().all(|c| c.is_ascii_digit()))
                .map(|era| format!("{} {era}", a.trim()));
            let Some(s) = parse_date_styled(a_in_era.as_deref().unwrap_or(a), day_first) else {
                continue;
            };
            // `June 4 1990 8am - 9:30pm`: an end that is only a time is
            // on the start's day.
            if let Some(e) = parse_date_styled(b, day_first).or_else(|| time_on(&s, b)) {
                let backwards = e.end_axis_days() <= s.axis_days();
                let (s, e) = if backwards { (e, s) } else { (s, e) };
                if e.end_axis_days() > s.axis_days() {
                    return Some(((s, Some(e)), backwards));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(t: &str) -> Option<(String, Option<String>)> {
        parse_range(t).map(|(s, e)| (s.to_iso(), e.map(|d| d.to_iso())))
    }

    #[test]
    fn a_time_alone_ends_on_the_start_s_day_and_an_era_holds_for_both_ends() {
        assert_eq!(
            range("June 4 1990 8am - 9:30pm"),
            Some(("1990-06-04T08:00".into(), Some("1990-06-04T21:30".into())))
        );
        assert_eq!(
            range("Jan 4 2025 9:15am - 10:00 am"),
            Some(("2025-01-04T09:15".into(), Some("2025-01-04T10:00".into())))
        );
        // A time needs the start's day; a day without a year is this year's.
        assert_eq!(range("2020 - 9:30pm"), None);
        let this_year = today().year_value();
        assert_eq!(
            range("June 4 2020 8:39 - 8 August 12:34").and_then(|r| r.1),
            Some(format!("{this_year}-08-08T12:34"))
        );
        // `285–247 BCE`: both before the common era; `586 BC- 70 AD` as written.
        let years =
            |t: &str| parse_range(t).map(|(s, e)| (s.year_value(), e.map(|e| e.year_value())));
        assert_eq!(years("285–247 BCE"), Some((-285, Some(-247))));
        assert_eq!(years("586 BC- 70 AD"), Some((-586, Some(70))));
        assert_eq!(years("1964-2008"), Some((1964, Some(2008))));
        // ISO times whose zone is glued to the dash.
        assert_eq!(
            range("2022-05-01T12:13:14.00Z-2024-01-27T18:13:59.00Z"),
            Some(("2022-05-01T12:13".into(), Some("2024-01-27T18:13".into())))
        );
    }

    #[test]
    fn times_after_dates() {
        let iso = |t: &str| parse_date(t).map(|d| d.to_iso());
        assert_eq!(iso("Jan 4 2025 8am"), Some("2025-01-04T08:00".into()));
        assert_eq!(iso("Sep 1 2023 7:52"), Some("2023-09-01T07:52".into()));
        assert_eq!(iso("Jun 29 2023 13:27"), Some("2023-06-29T13:27".into()));
        assert_eq!(
            iso("November 8, 2022 9:15 pm"),
            Some("2022-11-08T21:15".into())
        );
        assert_eq!(iso("2023-06-29 12am"), Some("2023-06-29T00:00".into()));
        assert_eq!(iso("2023-06-29 12pm"), Some("2023-06-29T12:00".into()));
        assert_eq!(
            iso("2023-08-19T18:31:26.742Z"),
            Some("2023-08-19T18:31".into())
        );
        // A time needs a day; impossible times are no dates.
        assert_eq!(iso("2023 8am"), None);
        assert_eq!(iso("Jan 4 2025 13pm"), None);
        assert_eq!(iso("Jan 4 2025 24:00"), None);
        assert_eq!(iso("Jan 4 2025 9:5"), None);
        assert_eq!(
            iso("2023-08-19T18:31:26+02:00"),
            Some("2023-08-19T18:31".into())
        );
        assert_eq!(iso("2023-08-19T18:31:2"), None);
        assert_eq!(iso("2023-08-19T18:31 - 2024"), None);
    }

    /// Each event's start and end (ISO) as a whole file gives them.
    fn events(text: &str) -> Vec<(String, Option<String>)> {
        super::super::import(text, "t.mw")
            .unwrap()
            .timeline
            .events
            .iter()
            .map(|e| (e.start.to_iso(), e.end.map(|d| d.to_iso())))
            .collect()
    }

    #[test]
    fn ranges_between_other_events() {
        let base = "2025-07-28 / 2025-08-01: Planning !plan\n2025-08-09: Next !next\n";
        let got = events(&format!("{base}!plan / !next: between\n"));
        assert_eq!(got[2], ("2025-08-02".into(), Some("2025-08-08".into())));
        let got = events(&format!("{base}!plan.start - !next.end: all\n"));
        assert_eq!(got[2], ("2025-07-28".into(), Some("2025-08-09".into())));
        let got = events("2024: !launch Launch\n2022 / !launch: Until the launch\n");
        assert_eq!(got[1], ("2022".into(), Some("2023".into())));
        // An unknown id is no date.
        let imported = super::super::import("2024: A\n!nope / 2025: B\n", "r.mw").unwrap();
        assert_eq!(imported.timeline.events.len(), 1);
        assert!(!imported.skipped.is_empty());
    }

    #[test]
    fn ranges_with_times_and_durations() {
        assert_eq!(
            range("November 8, 2022 9am - November 9, 2023, 10am"),
            Some(("2022-11-08T09:00".into(), Some("2023-11-09T10:00".into())))
        );
        assert_eq!(
            range("2023-08-19T18:31:26.742Z - 2030-12-31T16:00:00.000Z"),
            Some(("2023-08-19T18:31".into(), Some("2030-12-31T16:00".into())))
        );
        // Date and duration: the end is inclusive, at the finer precision.
        assert_eq!(
            range("2023-04/4 months"),
            Some(("2023-04".into(), Some("2023-07".into())))
        );
        assert_eq!(
            range("03/2023 - 1 year"),
            Some(("2023-03".into(), Some("2024-02".into())))
        );
        assert_eq!(
            range("2017/2 days"),
            Some(("2017".into(), Some("2017-01-02".into())))
        );
        assert_eq!(
            range("2025-10-15 2pm - 2h"),
            Some(("2025-10-15T14:00".into(), Some("2025-10-15T16:00".into())))
        );
        assert_eq!(
            range("2025-10-15/3 weeks"),
            Some(("2025-10-15".into(), Some("2025-11-04".into())))
        );
        // One day of one day is that day.
        assert_eq!(range("2025-10-15/1 day"), Some(("2025-10-15".into(), None)));
        assert_eq!(range("2025-10-15/0 days"), None);
        assert_eq!(range("2025-10-15/99999999999 years"), None);
    }
}
