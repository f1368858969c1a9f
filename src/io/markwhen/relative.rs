//! Markwhen's relative dates: durations after the previous event
//! (`1 year`, `3 months - 1 month`, `8 days / 2023`), `after !id`,
//! `before !id`, `by 2 weeks`, and ranges between other events' ids.

use super::calendar::work_day;
use super::dates::{duration_of, end_after, parse_date_styled, shifted};
use crate::model::{Date, Event, Precision};

/// A range given only by durations, after the previous event (Markwhen's
/// relative dates): `1 year` starts when the previous event ends and lasts
/// a year; `3 months - 1 month` starts three months after it.
pub(super) fn relative_range(
    text: &str,
    previous: Option<&Event>,
    by_id: &dyn Fn(&str) -> Option<Event>,
    day_first: bool,
) -> Option<(Date, Option<Date>)> {
    if text.contains('!')
        && let Some(range) = id_range(text, by_id, day_first)
    {
        return Some(range);
    }
    if text.starts_with('.')
        && let Some(range) = previous.and_then(|p| super::previous::previous_range(text, p))
    {
        return Some(range);
    }
    let lower = text.to_ascii_lowercase();
    // `after !id …` and `before !id …` are relative to that event; `by …`
    // ends before the previous one starts.
    // `after !id / 100 years` is `after !id 100 years`.
    let id_and_rest = |prefix: &str| -> Option<(Event, &str)> {
        let rest = text.get(prefix.len()..)?.trim_start().strip_prefix('!')?;
        let (id, rest) = rest.split_once(' ').unwrap_or((rest, ""));
        let rest = rest.trim();
        Some((by_id(id)?, rest.strip_prefix("/ ").unwrap_or(rest).trim()))
    };
    if lower.starts_with("after !") {
        let (base, rest) = id_and_rest("after")?;
        return after(rest, &base);
    }
    // `!id 1 week`: after that event, as `after !id 1 week`.
    if text.starts_with('!') {
        let (base, rest) = id_and_rest("")?;
        return after(rest, &base);
    }
    // `after 2 days`: after the previous event.
    if let Some(rest) = lower.strip_prefix("after ") {
        return after(text.get(text.len() - rest.len()..)?, previous?);
    }
    // `-10 days / 1 day`: moved from where the previous event ends, and
    // lasting the second.
    if let Some((offset, length)) = text.split_once('/')
        && let Some(length) = duration_of(length)
        && let Some(range) = previous.and_then(|p| moved_after(offset, length, p))
    {
        return Some(range);
    }
    // `8 days 6 minutes / 2023`: from that long after the previous event
    // to the end of a date.
    for sep in ["/", " - "] {
        if let Some((gap, date)) = text.split_once(sep)
            && let Some(end) = parse_date_styled(date.trim(), day_first)
            && let Some(base) = previous
            && let Some((s, e)) = after(gap.trim(), base)
        {
            let last = e.unwrap_or(s);
            let p = last.precision();
            let start = if p == Precision::Minute {
                last
            } else {
                shifted(&last, 1, p, p)?
            };
            return (end.end_axis_days() > start.axis_days())
                .then(|| (start, (end != start).then_some(end)));
        }
    }
    if lower.starts_with("before !") {
        let (base, rest) = id_and_rest("before")?;
        return before(rest, &base);
    }
    // `by !id 7 work days`: ends when that event starts.
    if lower.starts_with("by !") {
        let (base, rest) = id_and_rest("by")?;
        return before(rest, &base);
    }
    if let Some(rest) = lower.strip_prefix("by ") {
        return before(text.get(text.len() - rest.len()..)?, previous?);
    }
    after(text, previous?)
}

/// Starts `offset` (`-10 days`, `5 months`) from the moment `base` ends
/// and lasts `length`.
fn moved_after(offset: &str, length: Duration, base: &Event) -> Option<(Date, Option<Date>)> {
    let offset = offset.trim();
    let (sign, amount) = match offset.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, offset.strip_prefix('+').unwrap_or(offset)),
    };
    let (n, unit, per) = duration_of(amount).filter(|d| d.2 != 0)?;
    let last = base.end.unwrap_or(base.start);
    let precision = unit.max(length.1).max(last.precision());
    // The first moment after it (to the minute, its end is that moment).
    let step = i64::from(last.precision() != Precision::Minute);
    let moment = shifted(&last, step, last.precision(), precision)?;
    let start = shifted(&moment, sign * n.checked_mul(per)?, unit, precision)?;
    let end = end_after(&start, length)?;
    Some((start, (end != start).then_some(end)))
}

/// A range with another event's `!id` on either side (`2022 / !launch`,
/// `!a - !b`, `!a.start / !b.end`): as a start, `!id` and `!id.end` are
/// the moment it ends and `!id.start` when it starts; as an end, `!id` and
/// `!id.start` stop when it starts and `!id.end` when it ends.
fn id_range(
    text: &str,
    by_id: &dyn Fn(&str) -> Option<Event>,
    day_first: bool,
) -> Option<(Date, Option<Date>)> {
    let side = |s: &str, is_start: bool| -> Option<Date> {
        let s = s.trim();
        let Some(reference) = s.strip_prefix('!') else {
            return parse_date_styled(s, day_first);
        };
        // `!id 100 days`, `!id -5 days`: moved from where `!id` alone
        // would be (after it as a start, at its start as an end).
        let (reference, offset) = match reference.split_once(' ') {
            Some((id, offset)) => {
                let offset = offset.trim();
                let (sign, amount) = match offset.strip_prefix('-') {
                    Some(rest) => (-1, rest),
                    None => (1, offset.strip_prefix('+').unwrap_or(offset)),
                };
                let (n, unit, per) = duration_of(amount).filter(|d| d.2 != 0)?;
                (id, Some((sign * n.checked_mul(per)?, unit)))
            }
            None => (reference, None),
        };
        let (id, which) = match reference.rsplit_once('.') {
            Some((id, w @ ("start" | "end"))) => (id, Some(w)),
            _ => (reference, None),
        };
        let ev = by_id(id)?;
        let last = ev.end.unwrap_or(ev.start);
        let one = |d: &Date, by: i64| shifted(d, by, d.precision(), d.precision());
        if let Some((total, unit)) = offset {
            if which.is_some() {
                return None;
            }
            // The first moment it starts or stops, moved; an end is the
            // last step before that moment (to the minute, the moment).
            let moment = if is_start { one(&last, 1)? } else { ev.start };
            let precision = unit.max(moment.precision());
            let moved = shifted(&moment, total, unit, precision)?;
            return if is_start || precision == Precision::Minute {
                Some(moved)
            } else {
                shifted(&moved, -1, precision, precision)
            };
        }
        match (is_start, which) {
            (true, Some("start")) => Some(ev.start),
            (true, _) => one(&last, 1),
            (false, Some("end")) => Some(last),
            (false, _) => one(&ev.start, -1),
        }
    };
    for sep in [" / ", " - ", " – ", "/"] {
        for (i, _) in text.match_indices(sep) {
            let (a, b) = (&text[..i], &text[i + sep.len()..]);
            if !a.trim_start().starts_with('!') && !b.trim_start().starts_with('!') {
                continue;
            }
            if let (Some(start), Some(end)) = (side(a, true), side(b, false))
                && end.end_axis_days() > start.axis_days()
            {
                return Some((start, (end != start).then_some(end)));
            }
        }
    }
    None
}

/// A duration: how many of which unit, and the unit's size in its
/// precision's steps (a week is 7 days).
type Duration = (i64, Precision, i64);

/// `GAP - LENGTH` or `LENGTH`, as durations.
fn gap_and_length(text: &str) -> Option<(Option<Duration>, Duration)> {
    match text.split_once(" - ") {
        Some((a, b)) => Some((Some(duration_of(a)?), duration_of(b)?)),
        None => Some((None, duration_of(text)?)),
    }
}

/// Starts when `base` ends (after the gap) and lasts the length.
fn after(text: &str, base: &Event) -> Option<(Date, Option<Date>)> {
    let base_end = base.end.unwrap_or(base.start);
    let Some((gap, length)) = gap_and_length(text) else {
        return after_compound(text, &base_end);
    };
    // The first moment after the base event, at the finer precision.
    let precision = length.1.max(base_end.precision());
    let step = i64::from(base_end.precision() != Precision::Minute);
    let mut start = shifted(&base_end, step, base_end.precision(), precision)?;
    match gap {
        // After `n` working days: the day after the n-th.
        Some((n, _, 0)) => {
            start = shifted(&work_day(&start, n)?, 1, Precision::Day, Precision::Day)?
        }
        Some((n, unit, per)) => {
            start = shifted(&start, n.checked_mul(per)?, unit, precision.max(unit))?
        }
        None => {}
    }
    let end = end_after(&start, length)?;
    Some((start, (end != start).then_some(end)))
}

/// A length of several units (`1 month 1 day`, `3 years 8 days 1
/// month`) after the moment `base_end` ends: years and months first, then
/// days, then time, as Luxon adds them.
fn after_compound(text: &str, base_end: &Date) -> Option<(Date, Option<Date>)> {
    let mut words = text.split_whitespace();
    let mut parts: Vec<Duration> = Vec::new();
    while let Some(w) = words.next() {
        let part = if w.bytes().all(|b| b.is_ascii_digit()) {
            duration_of(&format!("{w} {}", words.next()?))?
        } else {
            duration_of(w)?
        };
        if part.2 == 0 || parts.len() > 16 {
            return None;
        }
        parts.push(part);
    }
    if parts.len() < 2 {
        return None;
    }
    let finest = parts.iter().map(|p| p.1).max()?;
    let precision = finest.max(base_end.precision());
    // To the minute, an end is the moment itself, where the next starts.
    let step = i64::from(base_end.precision() != Precision::Minute);
    let start = shifted(base_end, step, base_end.precision(), precision)?;
    let (mut months, mut days, mut minutes) = (0i64, 0i64, 0i64);
    for (n, unit, per) in parts {
        let total = n.checked_mul(per)?;
        match unit {
            Precision::Year => months = months.checked_add(total.checked_mul(12)?)?,
            Precision::Month => months = months.checked_add(total)?,
            Precision::Day => days = days.checked_add(total)?,
            Precision::Minute => minutes = minutes.checked_add(total)?,
        }
    }
    let mut end = shifted(&start, months, Precision::Month, precision)?;
    end = shifted(&end, days, Precision::Day, precision)?;
    end = shifted(&end, minutes, Precision::Minute, precision)?;
    if precision != Precision::Minute {
        end = shifted(&end, -1, precision, precision)?;
    }
    Some((start, (end != start).then_some(end)))
}

/// Ends when `base` starts (the gap before it) and lasts the length.
fn before(text: &str, base: &Event) -> Option<(Date, Option<Date>)> {
    let (gap, (n, unit, per)) = gap_and_length(text)?;
    let mut precision = unit.max(base.start.precision());
    let mut end_exclusive = base.start;
    match gap {
        // `n` working days before: the n-th counting back from the day before.
        Some((g, _, 0)) => end_exclusive = work_day(&base.start, -g)?,
        Some((g, gunit, gper)) => {
            precision = precision.max(gunit);
            end_exclusive = shifted(&base.start, -g.checked_mul(gper)?, gunit, precision)?;
        }
        None => {}
    }
    let end_exclusive = shifted(&end_exclusive, 0, precision, precision)?;
    let start = if per == 0 {
        work_day(&end_exclusive, -n)?
    } else {
        shifted(&end_exclusive, -n.checked_mul(per)?, unit, precision)?
    };
    let end = shifted(&end_exclusive, -1, precision, precision)?;
    Some((start, (end != start).then_some(end)))
}
