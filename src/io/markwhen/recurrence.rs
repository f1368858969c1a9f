//! Recurrences after a date (`2023-01-03 every other week for 1 year`),
//! expanded into their occurrences.
//!
//! The reference parser hands the text after `every` to rrule's English
//! reader (`@markwhen/rrule`, `nlp/parsetext.js`) and its view draws what
//! `expand()` makes of it; we read the same words:
//! - `every [N] UNIT` with UNIT years, months, weeks, days, hours,
//!   minutes, or weekdays (`weekday`, `week days`, `work days`, `business
//!   days`: Monday to Friday of every N-th week, as rrule's weekly rule on
//!   MO-FR; a start on a weekend begins with the next such week's Monday);
//! - then `xN` or `for N times` (that many), `until DATE`, `til DATE` or
//!   `| DATE` (those that start by the end of DATE, the first at least),
//!   or nothing: no end, expanded as far as [`MAX_OCCURRENCES`] and the
//!   year 9999 (where rrule stops), and said in the import report.
//!
//! Two readings differ from the reference's on purpose (the oracle test
//! says so): `every other week` repeats every second week (rrule knows no
//! `other` and the reference keeps one event), and `for 1 year` repeats
//! within that year (rrule takes `for N UNIT` as N times, whatever the
//! unit: `every 3 months for 1 year` is once).

use super::calendar::weekday_offsets;
use super::dates::{duration_of, end_after, parse_date, shifted};
use crate::model::{Date, Precision};

/// The most occurrences a recurrence is expanded to.
pub const MAX_OCCURRENCES: usize = 1000;

/// The last year an endless recurrence reaches (as rrule's `MAXYEAR`).
const LAST_YEAR: i64 = 9999;

/// An occurrence's start and end.
pub(super) type Occurrence = (Date, Option<Date>);

/// Where a recurrence stops.
enum Stop {
    /// After that many.
    Count(usize),
    /// Those that start by this date (inclusive).
    Within(Date),
    /// Those that start before this axis day (the end of an `until` date),
    /// the first at least.
    Until(f64),
    /// Never: as far as the limits go.
    Never,
}

/// A recurrence after a date: `every other week for 1 year`, `every year
/// for 10 years`, `every 6 months for 10 times`, `every other year x9`,
/// `every weekday until 2025-05-01`, `every 2 years`. Returns each
/// occurrence's start and end (from the first one's), and whether the list
/// was cut at [`MAX_OCCURRENCES`].
pub(super) fn recurrence(
    start: Date,
    end: Option<Date>,
    rule: &str,
) -> Option<(Vec<Occurrence>, bool)> {
    let rule = rule.trim().to_lowercase();
    let rest = rule.strip_prefix("every")?.trim_start();
    let (every_n, rest) = match rest.strip_prefix("other ") {
        Some(r) => (2, r),
        None => match rest.split_once(' ') {
            Some((n, r)) if n.bytes().all(|b| b.is_ascii_digit()) => {
                // `every 0 days` repeats nothing.
                (n.parse::<u32>().ok().filter(|&n| n > 0)?, r)
            }
            _ => (1, rest),
        },
    };
    // Two-word units first: `week days`, `work days`, `business days`.
    let two_words = ["week day", "work day", "business day"]
        .iter()
        .find(|w| rest.starts_with(*w))
        .map(|w| {
            let len = w.len() + usize::from(rest[w.len()..].starts_with('s'));
            rest.split_at(len)
        });
    let (unit_word, limit) =
        two_words.unwrap_or_else(|| rest.split_once(' ').unwrap_or((rest, "")));
    let (_, unit, per) = duration_of(&format!("1 {unit_word}"))?;
    let step = i64::from(every_n).checked_mul(per)?;
    let limit = limit.trim();
    let until_date = ["until ", "til ", "|"]
        .iter()
        .find_map(|w| limit.strip_prefix(w))
        .map(str::trim);
    let stop = if let Some(x) = limit.strip_prefix('x') {
        Stop::Count(x.trim().parse().ok()?)
    } else if let Some(n) = limit
        .strip_prefix("for ")
        .and_then(|l| l.strip_suffix(" times").or_else(|| l.strip_suffix(" time")))
    {
        Stop::Count(n.trim().parse().ok()?)
    } else if let Some(d) = limit.strip_prefix("for ") {
        Stop::Within(end_after(&start, duration_of(d)?)?)
    } else if let Some(d) = until_date {
        Stop::Until(parse_date(d)?.end_axis_days())
    } else if limit.is_empty() {
        Stop::Never
    } else {
        return None;
    };
    // The k-th start: by steps of the unit, or the next weekday of every
    // n-th week (a size of 0 marks weekdays, see `duration_of`).
    let mut weekdays = (per == 0).then(|| weekday_offsets(&start, every_n));
    if weekdays.is_none() && step <= 0 {
        return None;
    }
    // Steps finer than the date (`2020 every day`) move it at their
    // precision, each occurrence as long as the first (as the reference
    // keeps the first's length).
    let by_unit = if per == 0 { Precision::Day } else { unit };
    let (start, end) = if by_unit > start.precision() {
        let end = at_precision(end.as_ref().unwrap_or(&start), by_unit, true)?;
        (at_precision(&start, by_unit, false)?, Some(end))
    } else {
        (start, end)
    };
    let mut out = Vec::new();
    let mut capped = false;
    for k in 0.. {
        let by = match weekdays.as_mut() {
            Some(offsets) => offsets.next()?,
            None => step.checked_mul(k)?,
        };
        let Some(s) = shifted(&start, by, by_unit, start.precision()) else {
            // Past the calendar: an endless one stops there.
            break;
        };
        let done = match &stop {
            Stop::Count(c) => k as usize >= *c,
            Stop::Within(last) => s > *last,
            Stop::Until(day) => k > 0 && s.axis_days() >= *day,
            Stop::Never => s.year_value() > LAST_YEAR,
        };
        if done {
            break;
        }
        if out.len() == MAX_OCCURRENCES {
            capped = true;
            break;
        }
        let e = match &end {
            Some(e) => Some(shifted(e, by, by_unit, e.precision())?),
            None => None,
        };
        out.push((s, e));
    }
    (!out.is_empty()).then_some((out, capped))
}

/// `d` at the finer `precision`: its first moment, or (`last`) its end
/// (to the minute, an end is the moment the next begins).
fn at_precision(d: &Date, precision: Precision, last: bool) -> Option<Date> {
    if d.precision() >= precision {
        return Some(*d);
    }
    if !last {
        return shifted(d, 0, Precision::Day, precision);
    }
    let next = shifted(d, 1, d.precision(), precision)?;
    if precision == Precision::Minute {
        Some(next)
    } else {
        shifted(&next, -1, precision, precision)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::markwhen::relative_tests::events;
    use crate::io::markwhen::{MAX_EXPANDED_PER_FILE, import};

    #[test]
    fn recurrences_are_expanded_one_event_each_time() {
        let got = events("2023-01-03 every other week for 1 year: Sprint review\n");
        assert_eq!(
            got.len(),
            27,
            "from 3 Jan 2023 to 3 Jan 2024 every two weeks"
        );
        assert_eq!(got[1].0, "2023-01-17");
        assert!(
            got[0]
                .2
                .as_deref()
                .unwrap()
                .starts_with("Occurrence 1 of 27")
        );
        let got = events("October 7, 1989 every year for 10 years: Birthday\n");
        assert_eq!(got.len(), 10, "those that start within the ten years");
        assert_eq!(got[9].0, "1998-10-07");
        assert_eq!(events("2025-03-04 every week for 12 weeks: W\n").len(), 12);
        let got = events("2022-01/2022-03 every other year x9: Q\n");
        assert_eq!(got.len(), 9);
        assert_eq!(
            (got[8].0.as_str(), got[8].1.as_deref()),
            ("2038-01", Some("2038-03"))
        );
        assert_eq!(
            events("Feb 1 2023 every 6 months for 10 times: H\n").len(),
            10
        );
        // Until a date: those that start by its end (12 Dec is the 19th); the first at least.
        let n = |t: &str| events(&format!("2025-04-04 every other week until {t}: E\n")).len();
        assert_eq!(
            (n("2025-12-12"), n("2025-12-11"), n("2025-01-01")),
            (19, 18, 1)
        );
        // Too many: capped and said.
        let imported = import("2023-01-01 every day x5000: D\n", "t.mw").unwrap();
        assert_eq!(imported.timeline.events.len(), MAX_OCCURRENCES);
        assert!(imported.skipped[0].contains("more than 1000"));
        // Zero steps repeat nothing; non-ASCII before "every" is no panic.
        assert!(
            import("2023-01-01 every 0 days x5: D\n", "t.mw")
                .unwrap()
                .timeline
                .events
                .is_empty()
        );
        let _ = import(
            "ẞ every day: x\n2020 K every day: x\n2020-13-01T00:00:€: x\n",
            "t.mw",
        )
        .unwrap();
        // The file's total is bounded.
        let many = "2020 every day x1000: a\n".repeat(MAX_EXPANDED_PER_FILE / 1000 + 2);
        let imported = import(&many, "t.mw").unwrap();
        assert_eq!(imported.timeline.events.len(), MAX_EXPANDED_PER_FILE);
        assert!(imported.skipped.iter().any(|s| s.contains("already make")));
        // A rule that cannot be read is reported, not dropped.
        let imported = import("2023-01-01 every blue moon: D\n", "t.mw").unwrap();
        assert!(imported.timeline.events.is_empty());
        assert!(imported.skipped[0].contains("recurrence"));
    }

    fn starts(start: &str, rule: &str) -> (Vec<String>, bool) {
        let (list, capped) = recurrence(parse_date(start).unwrap(), None, rule).unwrap();
        (list.iter().map(|(s, _)| s.to_iso()).collect(), capped)
    }

    #[test]
    fn weekdays_are_monday_to_friday_of_every_nth_week() {
        // Wednesday 1 January 2025.
        let (got, _) = starts("2025-01-01", "every weekday for 5 times");
        assert_eq!(
            got,
            [
                "2025-01-01",
                "2025-01-02",
                "2025-01-03",
                "2025-01-06",
                "2025-01-07"
            ]
        );
        // A Saturday start: its week has no weekday left, and every other
        // week skips the next (rrule counts weeks from the start's).
        let (got, _) = starts("2025-01-04", "every 2 week days x6");
        assert_eq!(got.first().map(String::as_str), Some("2025-01-13"));
        assert_eq!(got.last().map(String::as_str), Some("2025-01-27"));
        let (got, _) = starts("2025-01-04", "every weekday x1");
        assert_eq!(got, ["2025-01-06"]);
        let (got, _) = starts("2025-01-01", "every business day until 2025-01-08");
        assert_eq!(got.len(), 6);
    }

    #[test]
    fn until_has_its_synonyms_and_no_end_stops_at_the_limits() {
        for rule in [
            "every day until 2025-01-10",
            "every day til 2025-01-10",
            "every day | 2025-01-10",
        ] {
            assert_eq!(starts("2025-01-01", rule).0.len(), 10, "{rule}");
        }
        // No end: as far as the cap...
        let (got, capped) = starts("2022-12-01", "every 2 years");
        assert_eq!((got.len(), capped), (MAX_OCCURRENCES, true));
        assert_eq!(got[1], "2024-12-01");
        // ...or the year 9999, whichever comes first.
        let (got, capped) = starts("2013", "every 10 years");
        assert_eq!((got.len(), capped), (799, false));
        assert_eq!(got.last().map(String::as_str), Some("9993"));
        // A count past the cap is cut and says so; `for N time(s)` counts.
        assert!(starts("2020", "every day x5000").1);
        assert_eq!(starts("2020", "every year for 1 time").0.len(), 1);
        // Steps finer than the date move it at their precision, each as
        // long as the first.
        let (list, _) = recurrence(parse_date("2020").unwrap(), None, "every day x2").unwrap();
        let iso = |d: &Option<Date>| d.map(|d| d.to_iso());
        assert_eq!(list[1].0.to_iso(), "2020-01-02");
        assert_eq!(iso(&list[1].1).as_deref(), Some("2021-01-01"));
        // Unknown words are no recurrence.
        assert!(recurrence(parse_date("2020").unwrap(), None, "every day soon").is_none());
    }
}
