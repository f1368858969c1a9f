//! Calendar arithmetic Markwhen needs beyond plain dates: working days,
//! ISO weeks, and telling a date written without its year.

use crate::model::{Date, MONTH_NAMES};

/// The `n`-th working day (Monday to Friday) from `d`, to the day: for
/// `n > 0` counting `d` itself when it is one (five working days from a
/// Monday end on the Friday); for `n < 0` counting back from the day
/// before `d`. As the reference parser counts `work days`, `week days`
/// and `business days`.
pub(super) fn work_day(d: &Date, n: i64) -> Option<Date> {
    use chrono::{Datelike, NaiveDate, Weekday};
    if n == 0 {
        return None;
    }
    let mut day = NaiveDate::from_ymd_opt(
        i32::try_from(d.year_value()).ok()?,
        u32::from(d.month().unwrap_or(1)),
        u32::from(d.day().unwrap_or(1)),
    )?;
    let working = |x: NaiveDate| !matches!(x.weekday(), Weekday::Sat | Weekday::Sun);
    let step = |x: NaiveDate, forward: bool| {
        if forward { x.succ_opt() } else { x.pred_opt() }
    };
    let forward = n > 0;
    if !forward {
        day = day.pred_opt()?;
    }
    let mut left = n.unsigned_abs();
    // `duration_of` keeps `n` under 100,000: at most 140,000 steps.
    loop {
        if working(day) {
            left -= 1;
            if left == 0 {
                break;
            }
        }
        day = step(day, forward)?;
    }
    Date::ymd(i64::from(day.year()), day.month() as u8, day.day() as u8).ok()
}

/// The days after `d` (0 for `d` itself) that are Monday to Friday of
/// every `every_weeks`-th week from `d`'s (weeks from Monday, as rrule's
/// weekly rule on MO-FR counts them): without end.
pub(super) fn weekday_offsets(d: &Date, every_weeks: u32) -> impl Iterator<Item = i64> {
    use chrono::{Datelike, NaiveDate};
    let first = NaiveDate::from_ymd_opt(
        i32::try_from(d.year_value()).unwrap_or(i32::MAX),
        u32::from(d.month().unwrap_or(1)),
        u32::from(d.day().unwrap_or(1)),
    );
    // Days from the week's Monday to `d`; no day, no offsets.
    let into_week = first.map(|f| i64::from(f.weekday().num_days_from_monday()));
    let week = 7 * i64::from(every_weeks.max(1));
    (0i64..)
        .take_while(move |_| into_week.is_some())
        .flat_map(move |n| (0..5).map(move |day| n * week + day))
        .filter_map(move |off| Some(off - into_week?))
        .filter(|&off| off >= 0)
}

/// Whether a date or range text has a side written without a year
/// (`Dec 1`, `1 Dec`): read as this year's, which the import says.
pub(super) fn lacks_year(text: &str) -> bool {
    let month = |w: &str| {
        w.len() >= 3
            && MONTH_NAMES
                .iter()
                .any(|m| m.to_lowercase().starts_with(&w.to_lowercase()))
    };
    let day = |w: &str| (1..=2).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit());
    text.split([' ', '-', '–', '/'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .windows(2)
        .any(|w| (month(w[0]) && day(w[1])) || (day(w[0]) && month(w[1])))
        && !text
            .split(|c: char| !c.is_ascii_digit())
            .any(|n| n.len() >= 3)
}

/// An ISO week date: the week's Monday, and the day when one is given
/// (`2016-W21-3` is Wednesday 25 May 2016; `2016W213` the same).
pub(super) fn iso_week(t: &str) -> Option<(Date, Option<Date>)> {
    use chrono::{Datelike, NaiveDate, Weekday};
    let b = t.as_bytes();
    if b.len() < 7 || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let rest = t[4..].strip_prefix('-').unwrap_or(&t[4..]);
    let rest = rest.strip_prefix('W')?;
    let (week, day) = match rest.as_bytes() {
        [_, _] => (&rest[..2], None),
        [_, _, b'-', d] | [_, _, d] if d.is_ascii_digit() => {
            (&rest[..2], Some(u32::from(*d - b'0')))
        }
        _ => return None,
    };
    if !week.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let year: i32 = t[..4].parse().ok()?;
    let week: u32 = week.parse().ok()?;
    let weekday = |n: u32| match n {
        1 => Some(Weekday::Mon),
        2 => Some(Weekday::Tue),
        3 => Some(Weekday::Wed),
        4 => Some(Weekday::Thu),
        5 => Some(Weekday::Fri),
        6 => Some(Weekday::Sat),
        7 => Some(Weekday::Sun),
        _ => None,
    };
    let to_date =
        |d: NaiveDate| Date::ymd(i64::from(d.year()), d.month() as u8, d.day() as u8).ok();
    let monday = to_date(NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?)?;
    let day = match day {
        Some(n) => Some(to_date(NaiveDate::from_isoywd_opt(
            year,
            week,
            weekday(n)?,
        )?)?),
        None => None,
    };
    Some((monday, day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::markwhen::dates::parse_range;

    /// Each event's start and end (ISO) as a whole file gives them.
    fn events(text: &str) -> Vec<(String, Option<String>)> {
        crate::io::markwhen::import(text, "t.mw")
            .unwrap()
            .timeline
            .events
            .iter()
            .map(|e| (e.start.to_iso(), e.end.map(|d| d.to_iso())))
            .collect()
    }

    #[test]
    fn dates_without_a_year_are_known() {
        for t in ["Dec 1", "1 December", "Dec 1 - Dec 5", "March 3/March 9"] {
            assert!(lacks_year(t), "{t}");
        }
        for t in [
            "Dec 1 2025",
            "1 December 2025",
            "December 2025",
            "2025-12-01",
            "Dec 1 - Dec 5 2025",
        ] {
            assert!(!lacks_year(t), "{t}");
        }
        let imported = crate::io::markwhen::import("2020: A\nDec 1: B\n", "y.mw").unwrap();
        assert!(
            imported
                .notes
                .iter()
                .any(|n| n.contains("line 2: 1 date without a year")),
            "{:?}",
            imported.notes
        );
    }

    #[test]
    fn iso_week_dates() {
        let range = |t: &str| parse_range(t).map(|(s, e)| (s.to_iso(), e.map(|d| d.to_iso())));
        assert_eq!(range("2016-W21-3"), Some(("2016-05-25".into(), None)));
        assert_eq!(range("2016W213"), Some(("2016-05-25".into(), None)));
        assert_eq!(
            range("2026W01"),
            Some(("2025-12-29".into(), Some("2026-01-04".into())))
        );
        assert_eq!(
            range("2016-W21-3 / 2016-05-30"),
            Some(("2016-05-25".into(), Some("2016-05-30".into())))
        );
        for bad in ["2016-W54-1", "2016-W21-8", "2016W2", "2016-W2x"] {
            assert_eq!(range(bad), None, "{bad}");
        }
    }

    #[test]
    fn work_days_skip_weekends_as_the_reference_counts_them() {
        // From Sunday 10 July 2022: Monday to Friday.
        let got = events("July 10, 2022: Sunday\n5 work days: til friday\n");
        assert_eq!(got[1], ("2022-07-11".into(), Some("2022-07-15".into())));
        // Ten business days after Monday 11 July, then ten week days.
        let got = events("July 11, 2022: Monday\n10 business days - 10 week days: next\n");
        assert_eq!(got[1], ("2022-07-26".into(), Some("2022-08-08".into())));
        // Seven work days that end when Monday starts.
        let got = events("July 11 2022: !monday Monday\nby !monday 7 work days: event\n");
        assert_eq!(got[1], ("2022-06-30".into(), Some("2022-07-10".into())));
    }
}
