//! Importing Markwhen (`.mw`) text timelines: a header (`title:`,
//! `description:`, `#tag: colour`), then `DATE_OR_RANGE: description` lines
//! whose description may continue on the following lines, `#tags`,
//! sections and groups (as categories) in both the `# Heading` and the
//! older `section`/`group` … `endSection`/`endGroup` syntax, and `//`
//! comments. Lines that look like events but whose dates cannot be read are
//! skipped and reported with their line number.

use super::LoadError;
use super::timelinejs::{IdSet, Imported, slug, unique_id};
use crate::model::quoted;
use crate::model::{
    Category, Certainty, Date, Event, MONTH_NAMES, Precision, Provenance, Source, TimeOfDay,
    Timeline, today,
};
use std::collections::HashSet;

/// The longest text read as a date or a range.
pub const MAX_DATE_TEXT: usize = 200;

/// One Markwhen date, at its own precision. `now` is today.
pub fn parse_date(text: &str) -> Option<Date> {
    let t = text.trim();
    if t.len() > MAX_DATE_TEXT {
        return None;
    }
    let lower = t.to_lowercase();
    if lower == "now" || lower == "today" {
        return Some(today());
    }
    for suffix in [" bce", " bc"] {
        if let Some(y) = lower.strip_suffix(suffix) {
            return y
                .trim()
                .parse::<i64>()
                .ok()
                // "-5 BC" is no year: a BC year is counted up from 1.
                .filter(|&y| y >= 1)
                .and_then(|y| Date::year(-y).ok());
        }
    }
    if let Ok(d) = t.parse::<Date>() {
        return Some(d);
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
        && let Some(d) = parse_date(date_part)
        && let (Some(m), Some(day)) = (d.month(), d.day())
    {
        return Date::new(d.year_value(), Some(m), Some(day), Some(time)).ok();
    }
    // 05/2024 (month/year) and 12/25/2024 (US month/day/year).
    let parts: Vec<&str> = t.split('/').collect();
    let num = |s: &str| s.trim().parse::<i64>().ok();
    match parts.as_slice() {
        [m, y] if y.len() == 4 => return Date::ym(num(y)?, u8::try_from(num(m)?).ok()?).ok(),
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
        let (sec, tail) = after.split_at(after.len().min(2));
        if sec.len() != 2 || !digits(sec) {
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
fn duration_of(text: &str) -> Option<(i64, Precision, i64)> {
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
        "h" | "hour" | "hours" => (Precision::Minute, 60),
        "m" | "min" | "minute" | "minutes" => (Precision::Minute, 1),
        _ => return None,
    };
    Some((n, precision, per))
}

/// The inclusive end of `start` plus a duration: `2023-04` + 4 months ends
/// with July 2023; `2017` + 2 days ends on 2 January 2017.
fn end_after(start: &Date, (n, unit, per): (i64, Precision, i64)) -> Option<Date> {
    use chrono::{Datelike, Duration, Months, NaiveDate, Timelike};
    let year = i32::try_from(start.year_value()).ok()?;
    let begin = NaiveDate::from_ymd_opt(
        year,
        u32::from(start.month().unwrap_or(1)),
        u32::from(start.day().unwrap_or(1)),
    )?
    .and_hms_opt(
        u32::from(start.time().map_or(0, |t| t.hour)),
        u32::from(start.time().map_or(0, |t| t.minute)),
        0,
    )?;
    // The end is at the finer of the start's precision and the unit's.
    let precision = unit.max(start.precision());
    let total = n.checked_mul(per)?;
    let exclusive = match unit {
        Precision::Year => {
            begin.checked_add_months(Months::new(u32::try_from(total.checked_mul(12)?).ok()?))?
        }
        Precision::Month => begin.checked_add_months(Months::new(u32::try_from(total).ok()?))?,
        Precision::Day => begin.checked_add_signed(Duration::try_days(total)?)?,
        Precision::Minute => begin.checked_add_signed(Duration::try_minutes(total)?)?,
    };
    let last = match precision {
        Precision::Year => exclusive.checked_sub_months(Months::new(12))?,
        Precision::Month => exclusive.checked_sub_months(Months::new(1))?,
        Precision::Day => exclusive.checked_sub_signed(Duration::days(1))?,
        Precision::Minute => exclusive.checked_sub_signed(Duration::minutes(1))?,
    };
    let y = i64::from(last.year());
    let (m, d) = (last.month() as u8, last.day() as u8);
    match precision {
        Precision::Year => Date::year(y),
        Precision::Month => Date::ym(y, m),
        Precision::Day => Date::ymd(y, m, d),
        Precision::Minute => Date::new(
            y,
            Some(m),
            Some(d),
            Some(TimeOfDay {
                hour: last.hour() as u8,
                minute: last.minute() as u8,
            }),
        ),
    }
    .ok()
}

/// A date or a range: `1964/2008`, `1964-2008`, `2005/now`, `Dec 1 2025`.
/// A range written backwards (`now/2025`) is read from its earlier end.
pub fn parse_range(text: &str) -> Option<(Date, Option<Date>)> {
    let t = text.trim();
    // No date or range is this long ("Wednesday, 1 December 2025 9:00am -
    // Thursday, 2 December 2025 10:00pm" is 70): longer text is not tried
    // at every separator (which would take time quadratic in its length).
    if t.len() > MAX_DATE_TEXT {
        return None;
    }
    if let Some(d) = parse_date(t) {
        return Some((d, None));
    }
    // Try every split point of the range separators, keeping the first that
    // gives two dates in order.
    // An unspaced hyphen only separates whole dates that cannot be read as
    // one ISO date: `1964-2008`, `05/2024-06/2024`, not `2024-02-30`.
    let whole = |side: &str| {
        let side = side.trim();
        (side.len() >= 3 && side.bytes().all(|b| b.is_ascii_digit())) || side.contains(['/', ' '])
    };
    // A date and a duration: `2023-04/4 months`, `03/2023 - 1 year`,
    // `17/08/2026 2pm - 2h` (the duration is the last part).
    for sep in [" - ", " – ", "/"] {
        if let Some((a, b)) = t.rsplit_once(sep)
            && let Some(duration) = duration_of(b)
            && let Some(s) = parse_date(a)
            && let Some(e) = end_after(&s, duration)
        {
            return Some((s, (e != s).then_some(e)));
        }
    }
    for sep in [" - ", " – ", "/", "-", "–"] {
        for (i, _) in t.match_indices(sep) {
            let (a, b) = (&t[..i], &t[i + sep.len()..]);
            if matches!(sep, "-" | "–") && !(whole(a) && whole(b)) {
                continue;
            }
            if let (Some(s), Some(e)) = (parse_date(a), parse_date(b)) {
                let (s, e) = if e.end_axis_days() > s.axis_days() {
                    (s, e)
                } else {
                    (e, s)
                };
                if e.end_axis_days() > s.axis_days() {
                    return Some((s, Some(e)));
                }
            }
        }
    }
    None
}

/// Splits an event line into its date part and its text: `2024-05: text`.
fn event_line(line: &str) -> Option<(&str, &str)> {
    let colon = line
        .find(": ")
        .or_else(|| line.ends_with(':').then(|| line.len() - 1))?;
    let (date, rest) = (&line[..colon], &line[colon + 1..]);
    let date = date.trim();
    (!date.is_empty()
        && date
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c.is_alphabetic() || c == '-'))
    .then_some((date, rest.trim()))
}

/// Whether a line is a Markwhen event line (`DATE_OR_RANGE: text`).
pub fn starts_with_date(line: &str) -> bool {
    event_line(line).is_some_and(|(date, _)| parse_range(date).is_some())
}

/// Imports Markwhen text.
pub fn import(text: &str, origin: &str) -> Result<Imported, LoadError> {
    let mut title = String::new();
    let mut description = String::new();
    let mut in_header = true;
    let mut sections: Vec<String> = Vec::new();
    let mut heading: Option<String> = None;
    let mut categories: Vec<Category> = Vec::new();
    let mut cat_ids = IdSet::default();
    let mut ids = IdSet::default();
    // Category ids by name.
    let mut category_of: std::collections::HashMap<String, String> =
        std::collections::HashMap::new();
    let mut events: Vec<Event> = Vec::new();
    // The last event's tags, to add those of its continuation lines once
    // each in constant time.
    let mut last_tags: HashSet<String> = HashSet::new();
    let mut skipped = Vec::new();
    let file = origin.rsplit('/').next().unwrap_or(origin).to_string();

    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = match raw.find("//") {
            Some(i) if !raw[..i].ends_with(':') => &raw[..i],
            _ => raw,
        };
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let lower = trimmed.to_lowercase();
        if in_header {
            if let Some(v) = strip_prefix_ignoring_case(trimmed, "title:") {
                title = v.trim().to_string();
                continue;
            }
            if let Some(v) = strip_prefix_ignoring_case(trimmed, "description:") {
                description = v.trim().to_string();
                continue;
            }
            // `#tag: colour` lines declare tag colours.
            if trimmed.starts_with('#') && trimmed.contains(':') && !trimmed.starts_with("# ") {
                continue;
            }
        }
        if lower == "endsection" || lower == "endgroup" {
            sections.pop();
            continue;
        }
        if let Some(name) = lower
            .strip_prefix("section ")
            .or_else(|| lower.strip_prefix("group "))
            .map(|_| trimmed.split_once(' ').map_or("", |(_, n)| n))
        {
            let name: String = name
                .split_whitespace()
                .filter(|w| !w.starts_with('#'))
                .collect::<Vec<_>>()
                .join(" ")
                .trim_matches('"')
                .to_string();
            sections.push(name);
            in_header = false;
            continue;
        }
        if let Some(h) = trimmed
            .strip_prefix('#')
            .filter(|h| h.starts_with([' ', '#']))
        {
            heading = Some(h.trim_start_matches('#').trim().to_string());
            in_header = false;
            continue;
        }
        // Indented lines, and `Word: …` lines that are not dates, continue
        // the description; a line that looks like a date but is not one is
        // reported.
        let indented = line.starts_with([' ', '\t']);
        if let Some((date_text, rest)) = event_line(trimmed).filter(|_| !indented) {
            let parsed = parse_range(date_text);
            if parsed.is_none() && !looks_like_date(date_text) {
                if let Some(last) = events.last_mut() {
                    if !last.summary.is_empty() {
                        last.summary.push('\n');
                    }
                    last.summary.push_str(&strip_tags(trimmed));
                }
                continue;
            }
            in_header = false;
            let Some((start, end)) = parsed else {
                skipped.push(format!(
                    "{origin}: line {line_no}: cannot read {} as a date or a range",
                    quoted(date_text)
                ));
                continue;
            };
            let group = sections.last().cloned().or_else(|| heading.clone());
            let (cat_id, cat_name) = match &group {
                Some(g) if !g.is_empty() => (slug(g), g.clone()),
                _ => ("event".to_string(), "Events".to_string()),
            };
            let cat_id = if cat_id.is_empty() {
                "section".to_string()
            } else {
                cat_id
            };
            let category = category_of
                .entry(cat_name.clone())
                .or_insert_with(|| {
                    let id = unique_id(cat_id, &mut cat_ids);
                    categories.push(Category {
                        id: id.clone(),
                        name: cat_name.clone(),
                    });
                    id
                })
                .clone();
            let title_text = strip_tags(rest);
            let title = if title_text.is_empty() {
                format!("Event on line {line_no}")
            } else {
                title_text
            };
            let id = unique_id(
                // From the text as written, so `now` gives the same id every day.
                Some(slug(&format!("{title} {date_text}")))
                    .filter(|s| !s.is_empty())
                    .unwrap_or(format!("event-{line_no}")),
                &mut ids,
            );
            events.push(Event {
                id,
                title,
                start,
                end,
                date_note: None,
                certainty: Certainty::Confirmed,
                provenance: Provenance::Article,
                actors: Vec::new(),
                category,
                tags: {
                    let tags = tags_in(rest);
                    last_tags = tags.iter().cloned().collect();
                    tags
                },
                location: None,
                summary: String::new(),
                claim: None,
                discrepancy: None,
                sources: vec![Source {
                    title: format!("Markwhen file {file}, line {line_no}"),
                    publisher: None,
                    url: None,
                    date: None,
                }],
            });
            continue;
        }
        // A continuation line: more description for the last event.
        if let Some(last) = events.last_mut() {
            if !last.summary.is_empty() {
                last.summary.push('\n');
            }
            last.summary.push_str(&strip_tags(trimmed));
            for t in tags_in(trimmed) {
                if last_tags.insert(t.clone()) {
                    last.tags.push(t);
                }
            }
        } else if in_header && description.is_empty() {
            description = trimmed.to_string();
        }
    }
    if title.is_empty() {
        title = file;
    }
    Ok(Imported {
        timeline: Timeline::with_parts(title, description, categories, Vec::new(), events),
        skipped,
        notes: Vec::new(),
    })
}

/// Breaks `//` that would start a comment (but not `://` in links).
fn no_comments(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut prev = ' ';
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '/' && prev != ':' && chars.peek() == Some(&'/') {
            out.push(' ');
        }
        prev = c;
    }
    out
}

/// Whether text was meant as a date: it starts with a digit or a sign, is
/// `now`, or starts with a month name.
fn looks_like_date(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    let first = lower.split_whitespace().next().unwrap_or("").to_string();
    lower.starts_with(|c: char| c.is_ascii_digit() || c == '-')
        || lower.starts_with("now")
        || lower.starts_with("today")
        || MONTH_NAMES
            .iter()
            .any(|m| first.len() >= 3 && m.to_lowercase().starts_with(&first))
}

/// `text` after `prefix` (ASCII), in any case.
fn strip_prefix_ignoring_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

/// The `#tags` in a line (lowercase, without the `#`).
fn tags_in(text: &str) -> Vec<String> {
    let mut tags = Vec::new();
    let mut seen = HashSet::new();
    for w in text.split_whitespace() {
        if let Some(t) = w.strip_prefix('#') {
            let t: String = t
                .chars()
                .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            let t = t.to_lowercase();
            if !t.is_empty() && seen.insert(t.clone()) {
                tags.push(t);
            }
        }
    }
    tags
}

/// The text without its `#tags`.
fn strip_tags(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| !w.starts_with('#'))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A date as Markwhen writes it: ISO for the common era, `N BC` before it
/// (Markwhen has no BCE months or days; those keep their year, and the
/// exact date goes into the text).
fn date_text(d: &Date) -> (String, bool) {
    if d.year_value() < 0 {
        (
            format!("{} BC", -d.year_value()),
            d.precision() != crate::model::Precision::Year,
        )
    } else {
        (d.to_iso(), false)
    }
}

/// The timeline as Markwhen text: a header, then a `# Section` per
/// category with its events in date order. What Markwhen cannot carry
/// (certainty, claims, discrepancies, sources, actors, locations, exact BCE
/// dates) is written as indented description lines; the returned notes say
/// what was folded.
pub fn export(timeline: &Timeline) -> (String, Vec<String>) {
    let mut out = format!("title: {}\n", timeline.title.replace('\n', " "));
    if !timeline.description.is_empty() {
        out.push_str(&format!(
            "description: {}\n",
            timeline.description.replace('\n', " ")
        ));
    }
    let mut folded = [0usize; 4];
    let index = crate::query::TimeIndex::new(timeline);
    for cat in &timeline.categories {
        let events: Vec<&Event> = index
            .sorted()
            .iter()
            .map(|&i| &timeline.events[i])
            .filter(|e| e.category == cat.id)
            .collect();
        if events.is_empty() {
            continue;
        }
        out.push_str(&format!("\n# {}\n\n", cat.name));
        for ev in events {
            let (start, s_cut) = date_text(&ev.start);
            let (range, e_cut) = match &ev.end {
                Some(end) => {
                    let (e, cut) = date_text(end);
                    (format!("{start}/{e}"), cut)
                }
                None => (start, false),
            };
            let tags: String = ev
                .tags
                .iter()
                .map(|t| format!(" #{}", t.replace(' ', "-")))
                .collect();
            out.push_str(&format!("{range}: {}{tags}\n", ev.title.replace('\n', " ")));
            let mut lines: Vec<String> = ev.summary.lines().map(str::to_string).collect();
            if s_cut || e_cut {
                folded[0] += 1;
                lines.push(format!("Date: {}", ev.date_display()));
            }
            if ev.certainty != Certainty::Confirmed {
                folded[1] += 1;
                lines.push(format!(
                    "{}: {}",
                    ev.certainty.label(),
                    ev.certainty.explanation()
                ));
            }
            if let Some(c) = &ev.claim {
                lines.push(format!("What the article says: {c}"));
            }
            if let Some(d) = &ev.discrepancy {
                folded[2] += 1;
                lines.push(format!("The article and the record differ: {d}"));
            }
            for s in &ev.sources {
                folded[3] += 1;
                let url = s
                    .url
                    .as_deref()
                    .map(|u| format!(" {u}"))
                    .unwrap_or_default();
                lines.push(format!("Source: {}{url}", s.title));
            }
            for line in lines {
                out.push_str(&format!("  {}\n", no_comments(&line)));
            }
        }
    }
    let names = ["exact BCE dates", "certainty", "discrepancies", "sources"];
    let notes = folded
        .iter()
        .zip(names)
        .filter(|(n, _)| **n > 0)
        .map(|(n, what)| format!("{what}: written into the descriptions ({n})"))
        .collect();
    (out, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_keys_in_any_case() {
        assert_eq!(strip_prefix_ignoring_case("TiTlE: A", "title:"), Some(" A"));
        assert_eq!(strip_prefix_ignoring_case("tİtle: A", "title:"), None);
        assert_eq!(strip_prefix_ignoring_case("ti", "title:"), None);
    }

    #[test]
    fn dates_and_ranges() {
        let iso = |t: &str| parse_date(t).map(|d| d.to_iso());
        assert_eq!(iso("2024"), Some("2024".into()));
        assert_eq!(iso("2024-05"), Some("2024-05".into()));
        assert_eq!(iso("05/2024"), Some("2024-05".into()));
        assert_eq!(iso("12/25/2024"), Some("2024-12-25".into()));
        assert_eq!(iso("Dec 1 2025"), Some("2025-12-01".into()));
        assert_eq!(iso("1 December 2025"), Some("2025-12-01".into()));
        assert_eq!(iso("March 2011"), Some("2011-03".into()));
        assert_eq!(iso("300 BC"), Some("-0300".into()));
        // No year below 1 BC, and none that overflows when made negative.
        assert_eq!(iso("-5 BC"), None);
        assert_eq!(iso("0 BC"), None);
        assert_eq!(iso("-9223372036854775808 BC"), None);
        assert_eq!(iso("TITLE: x"), None);
        assert_eq!(iso("now"), Some(today().to_iso()));
        assert_eq!(iso("soon"), None);
        let range = |t: &str| parse_range(t).map(|(s, e)| (s.to_iso(), e.map(|d| d.to_iso())));
        assert_eq!(
            range("1964/2008"),
            Some(("1964".into(), Some("2008".into())))
        );
        assert_eq!(
            range("1964-2008"),
            Some(("1964".into(), Some("2008".into())))
        );
        assert_eq!(range("2024-05-17"), Some(("2024-05-17".into(), None)));
        assert_eq!(range("2005/now").map(|r| r.0), Some("2005".into()));
        assert_eq!(
            range("2008/1964"),
            Some(("1964".into(), Some("2008".into())))
        );
        assert_eq!(range("now/2025").map(|r| r.0), Some("2025".into()));
        assert_eq!(range("x/y"), None);
    }
}

#[cfg(test)]
mod time_tests {
    use super::*;

    fn range(t: &str) -> Option<(String, Option<String>)> {
        parse_range(t).map(|(s, e)| (s.to_iso(), e.map(|d| d.to_iso())))
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
            Some(("2025-10-15T14:00".into(), Some("2025-10-15T15:59".into())))
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
