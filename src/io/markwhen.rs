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
use crate::model::{Category, Certainty, Event, Provenance, Source, Timeline};
use std::collections::HashSet;

mod calendar;
mod custom;
mod dates;
mod export;
mod front_matter;
mod luxon;
mod media;
mod previous;
mod recurrence;
mod relative;
mod words;
use custom::Priority;
use dates::lacks_year;
pub use dates::{
    parse_date, parse_date_styled, parse_range, parse_range_ordered, parse_range_styled,
};
pub use export::export;
use export::yaml_scalar;
use front_matter::{read_bare_header, read_front_matter};
pub use recurrence::MAX_OCCURRENCES;
use recurrence::recurrence;
use relative::relative_range;
use words::{
    id_from_text, looks_like_date, strip_prefix_ignoring_case, strip_tags, tags_in, take_id,
};

/// The most events a file's recurrences are expanded to, together.
pub const MAX_EXPANDED_PER_FILE: usize = 100_000;

/// The longest text read as a date or a range.
pub const MAX_DATE_TEXT: usize = 200;

/// Whether a header line sets a day-first date order (`dateFormat:
/// d/M/y`, `fromFormat: dd/MM/yyyy`).
fn says_day_first(line: &str) -> bool {
    strip_prefix_ignoring_case(line, "fromformat:")
        .or_else(|| strip_prefix_ignoring_case(line, "dateformat:"))
        .is_some_and(|v| v.trim().trim_matches(['"', '\'']).starts_with('d'))
}

/// Splits an event line into its date part and its text: `2024-05: text`.
fn event_line(line: &str) -> Option<(&str, &str)> {
    let colon = line
        .find(": ")
        .or_else(|| line.ends_with(':').then(|| line.len() - 1))
        .or_else(|| glued_colon(line))?;
    let (date, rest) = (&line[..colon], &line[colon + 1..]);
    let date = date.trim();
    // `!id …` names an event, `.start` the previous one's; `![picture](…)` is Markdown.
    (!date.is_empty()
        && !date.starts_with("![")
        && date.chars().next().is_some_and(|c| {
            c.is_ascii_digit() || c.is_alphabetic() || matches!(c, '-' | '!' | '.')
        })
        && (!date.starts_with('.') || date.starts_with(".start") || date.starts_with(".end")))
    .then_some((date, rest.trim()))
}

/// `2025-01-01:text`, a date whose colon has no space after it: the first
/// colon, of the line's first three and its first 40 bytes, whose text
/// before is a whole date of some length (not `12` of `12:30 lunch`).
/// Bounded so that a line of colons costs three date readings, not one
/// per colon.
fn glued_colon(line: &str) -> Option<usize> {
    let mut end = 40.min(line.len());
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    let head = &line[..end];
    head.match_indices(':').take(3).map(|(i, _)| i).find(|&i| {
        let date = line[..i].trim();
        date.len() >= 6 && !date.bytes().all(|b| b.is_ascii_digit()) && parse_range(date).is_some()
    })
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
    // Ids as written that could not be kept, said with their line.
    let mut unkept_ids: Vec<String> = Vec::new();
    // Category ids by name.
    let mut category_of: std::collections::HashMap<String, String> =
        std::collections::HashMap::new();
    let mut events: Vec<Event> = Vec::new();
    // The last event's tags, to add its continuation lines' once each.
    let mut last_tags: HashSet<String> = HashSet::new();
    // The first event the last event line made, while property lines
    // (`id: …`) may follow it.
    let mut properties_of: Option<usize> = None;
    let mut skipped = Vec::new();
    let file = origin.rsplit('/').next().unwrap_or(origin).to_string();
    // Events made by expanding recurrences so far.
    let mut expanded = 0usize;
    // Event lines whose times carry a zone (said once in the report).
    let mut zoned_lines = 0usize;
    // Lines whose dates have no year (`Dec 1`): read as this year's.
    let mut yearless_lines: Vec<usize> = Vec::new();
    // Ranges written later end first (`2008/1964`), with their text.
    let mut backwards_lines: Vec<(usize, String)> = Vec::new();
    // Events by their `!id`, for `after !id` and `before !id`.
    let mut id_index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();

    // YAML front matter between `---` lines: its title, description and
    // date format are read; nothing in it is an event or a description.
    let mut day_first = false;
    let mut front_matter_end = 0;
    let mut lines_iter = text
        .lines()
        .enumerate()
        .skip_while(|(_, l)| l.trim().is_empty());
    let (mut custom, mut yaml) = (None, String::new());
    if let Some((opening, _)) = lines_iter.next().filter(|(_, l)| l.trim() == "---") {
        for (n, l) in lines_iter {
            let t = l.trim();
            if t == "---" {
                front_matter_end = n + 1;
                (_, custom) = read_front_matter(
                    &yaml,
                    origin,
                    opening + 1,
                    &mut title,
                    &mut description,
                    &mut skipped,
                );
                break;
            }
            yaml.push_str(l);
            yaml.push('\n');
            if let Some(v) = strip_prefix_ignoring_case(t, "title:") {
                title = yaml_scalar(v);
            } else if let Some(v) = strip_prefix_ignoring_case(t, "description:") {
                description = yaml_scalar(v);
            } else {
                day_first |= says_day_first(t);
            }
        }
        if front_matter_end == 0 {
            skipped.push(format!(
                "{origin}: line 1: front matter opened with --- is never closed: read as events"
            ));
        }
    } else if let Some((rules, end)) =
        read_bare_header(text, origin, &mut title, &mut description, &mut skipped)
    {
        (custom, front_matter_end) = (rules, end);
        // `dateFormat: d/M/y` (the 0.16 form) in a header without `---`.
        day_first = text
            .lines()
            .take(end)
            .any(|l| !l.starts_with([' ', '\t']) && says_day_first(l));
    }
    for (n, raw) in text.lines().enumerate().skip(front_matter_end) {
        let line_no = n + 1;
        let line = match raw.find("//") {
            Some(i) if !raw[..i].ends_with(':') => &raw[..i],
            _ => raw,
        };
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        // Property lines follow their event line at once.
        let properties = properties_of.take();
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
        // `id: name` right under an event line: the event's id (Markwhen
        // 1.x properties), as `!name` in its text would be.
        if let Some(first) = properties
            && let Some(name) = strip_prefix_ignoring_case(trimmed, "id:").map(str::trim)
            && !name.is_empty()
            && !name.contains(char::is_whitespace)
        {
            let given = slug(name);
            if !given.is_empty() {
                // The id made from the event's text gives way to this one.
                ids.release(&events[first].id);
                let id = unique_id(given.clone(), &mut ids);
                events[first].id_as_written =
                    super::ids::written_id(name, &id).unwrap_or_else(|why| {
                        unkept_ids.push(format!(
                            "{origin}: line {line_no}: the id {why}: not kept as written"
                        ));
                        None
                    });
                events[first].id = id;
                id_index.entry(given).or_insert(first);
                properties_of = Some(first);
                continue;
            }
        }
        // An indented line is an event when it reads as one (events inside
        // groups and sections are indented, as the reference parser reads
        // them); otherwise it continues the description.
        let indented = line.starts_with([' ', '\t']);
        // The file's `dateFormat` rules: before, after or instead of ours.
        let priority = custom.as_ref().map(|c| c.priority);
        let own = custom.as_ref().and_then(|c| {
            let m = c.match_line(line)?;
            Some((m.date_part, m.text.trim(), c.range(&m)))
        });
        let builtin = (priority != Some(Priority::Only))
            .then(|| {
                event_line(trimmed)
                    .filter(|(date, _)| !indented || parse_range_styled(date, day_first).is_some())
            })
            .flatten();
        let by_id = |id: &str| id_index.get(&slug(id)).map(|&i| events[i].clone());
        let builtin = builtin.map(|(date_text, rest)| {
            // `DATE every …`: a recurrence, expanded (one event each time).
            // ASCII lowercase keeps byte offsets (full lowercase may not: ẞ).
            let (range_text, rule) = match date_text.to_ascii_lowercase().find(" every ") {
                Some(i) => (&date_text[..i], Some(&date_text[i + 1..])),
                None => (date_text, None),
            };
            let read = parse_range_ordered(range_text, day_first).or_else(|| {
                relative_range(range_text, events.last(), &by_id, day_first).map(|r| (r, false))
            });
            (date_text, rest, range_text, rule, read)
        });
        // A rule's reading, unless the built-in one reads the line and
        // comes first (`priority: last`) or the rule's cannot read it.
        let own_wins = own.is_some()
            && match &builtin {
                Some((.., Some(_))) => {
                    priority != Some(Priority::Last) && matches!(own, Some((.., Ok(_))))
                }
                _ => true,
            };
        let event = match (own, builtin) {
            (Some((date, text, read)), _) if own_wins => {
                Some((date, text, date, None, read.map(Some)))
            }
            (_, Some((date, text, range_text, rule, read))) => {
                Some((date, text, range_text, rule, Ok(read)))
            }
            _ => None,
        };
        if let Some((date_text, rest, range_text, rule, read)) = event {
            let parsed = match read {
                Ok(Some((range, backwards))) => {
                    if backwards {
                        backwards_lines.push((line_no, range_text.trim().to_string()));
                    }
                    Some(range)
                }
                Ok(None) => None,
                Err(why) => {
                    in_header = false;
                    skipped.push(format!(
                        "{origin}: line {line_no}: {} matches a dateFormat rule, but {why}",
                        quoted(date_text)
                    ));
                    continue;
                }
            };
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
            let occurrences = match rule {
                None => vec![(start, end)],
                Some(rule) => match recurrence(start, end, rule) {
                    Some((mut list, capped)) => {
                        if capped {
                            skipped.push(format!(
                                "{origin}: line {line_no}: {} repeats more than {MAX_OCCURRENCES} times: the first {MAX_OCCURRENCES} are kept",
                                quoted(rule)
                            ));
                        }
                        // A file's recurrences together stay bounded too.
                        let room = MAX_EXPANDED_PER_FILE.saturating_sub(expanded);
                        if list.len() > room {
                            skipped.push(format!(
                                "{origin}: line {line_no}: the file's recurrences already make {MAX_EXPANDED_PER_FILE} events: {} of this one's are kept",
                                room
                            ));
                            list.truncate(room);
                        }
                        expanded += list.len();
                        if list.is_empty() {
                            continue;
                        }
                        list
                    }
                    None => {
                        skipped.push(format!(
                            "{origin}: line {line_no}: cannot read {} as a recurrence (expected e.g. every other week for 1 year, every year x9)",
                            quoted(rule)
                        ));
                        continue;
                    }
                },
            };
            let repeats = occurrences.len();
            let group = sections.last().cloned().or_else(|| heading.clone());
            let (cat_id, cat_name) = match &group {
                // A section named "Events" is the events without one, as
                // every importer reads that name, so that `event` stays.
                Some(g) if !g.is_empty() && g != super::ids::NO_GROUP_NAME => (slug(g), g.clone()),
                _ => ("event".to_string(), super::ids::NO_GROUP_NAME.to_string()),
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
            // `!id` in the text names the event (Markwhen's id syntax).
            let (rest_text, given_id) = take_id(rest);
            let (rest_text, media, more_pictures) = media::take_images(&rest_text);
            let title_text = strip_tags(&rest_text);
            let untitled = title_text.is_empty();
            let title = if untitled {
                format!("Event on line {line_no}")
            } else {
                title_text
            };
            if has_zone(date_text) {
                zoned_lines += 1;
            }
            if lacks_year(range_text) {
                yearless_lines.push(line_no);
            }
            let tags = tags_in(rest);
            last_tags = tags.iter().cloned().collect();
            properties_of = Some(events.len());
            for (k, (start, end)) in occurrences.into_iter().enumerate() {
                let id = unique_id(
                    // The file's own id, else from the text as written, so
                    // `now` gives the same id every day.
                    given_id
                        .as_deref()
                        .map(slug)
                        .filter(|s| !s.is_empty())
                        .or_else(|| Some(slug(&format!("{title} {date_text}"))))
                        .filter(|s| !s.is_empty())
                        .unwrap_or(format!("event-{line_no}")),
                    &mut ids,
                );
                let mut id_as_written = None;
                if k == 0
                    && let Some(written) = given_id.as_deref()
                {
                    id_index.entry(slug(written)).or_insert(events.len());
                    id_as_written = super::ids::written_id(written, &id).unwrap_or_else(|why| {
                        unkept_ids.push(format!(
                            "{origin}: line {line_no}: the id {why}: not kept as written"
                        ));
                        None
                    });
                }
                events.push(Event {
                    roles: Vec::new(),
                    id,
                    title: title.clone(),
                    start,
                    end,
                    date_note: rule.map(|r| {
                        format!(
                            "Occurrence {} of {repeats} ({}, from line {line_no})",
                            k + 1,
                            r.trim()
                        )
                    }),
                    certainty: Certainty::Confirmed,
                    provenance: Provenance::Article,
                    actors: Vec::new(),
                    category: category.clone(),
                    tags: tags.clone(),
                    location: None,
                    summary: more_pictures.join("\n"),
                    claim: None,
                    discrepancy: None,
                    sources: vec![Source {
                        title: format!("Markwhen file {file}, line {line_no}"),
                        publisher: None,
                        url: None,
                        date: None,
                    }],
                    coordinates: None,
                    numbers: Vec::new(),
                    display_date: None,
                    media: media.clone().map(Box::new),
                    background: None,
                    untitled,
                    id_as_written,
                });
            }
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
    let mut notes = unkept_ids;
    for (i, given) in super::ids::keep_written_ids(&mut events) {
        notes.push(format!(
            "{origin}: the id {} of {} is another event's id: kept as {}",
            quoted(&given),
            quoted(&events[i].title),
            quoted(&events[i].id)
        ));
    }
    if zoned_lines > 0 {
        notes.push(format!(
            "{origin}: {zoned_lines} date{} with a time zone (Z, +02:00…) read as written, in that zone's clock time",
            if zoned_lines == 1 { "" } else { "s" }
        ));
    }
    if let Some(first) = yearless_lines.first() {
        notes.push(format!(
            "{origin}: line {first}: {} date{} without a year read as {} (as Markwhen reads them)",
            yearless_lines.len(),
            if yearless_lines.len() == 1 { "" } else { "s" },
            crate::model::today().year_value()
        ));
    }
    if let Some((first, text)) = backwards_lines.first() {
        notes.push(format!(
            "{origin}: line {first}: {} range{} written later end first ({}) read from the earlier end (as Markwhen reads them)",
            backwards_lines.len(),
            if backwards_lines.len() == 1 { "" } else { "s" },
            quoted(text)
        ));
    }
    Ok(Imported {
        timeline: Timeline::with_parts(title, description, categories, Vec::new(), events),
        skipped,
        notes,
    })
}

/// Whether a date text has an ISO time with a zone (`…T18:31:26Z`,
/// `…T09:00+02:00`), which is read as written.
fn has_zone(text: &str) -> bool {
    text.split([' ', '/']).any(|part| {
        let Some(t) = part.find('T').filter(|&i| i == 10) else {
            return false;
        };
        let time = &part[t + 1..];
        time.ends_with(['Z', 'z'])
            || time
                .rfind(['+', '-'])
                .is_some_and(|i| time[i + 1..].chars().filter(char::is_ascii_digit).count() >= 2)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::today;

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
mod relative_tests {
    use super::*;

    /// Each event's start, end and date note, as ISO text.
    pub(super) fn events(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        import(text, "t.mw")
            .unwrap()
            .timeline
            .events
            .into_iter()
            .map(|e| (e.start.to_iso(), e.end.map(|d| d.to_iso()), e.date_note))
            .collect()
    }

    #[test]
    fn durations_alone_follow_the_previous_event() {
        let got = events(
            "2023-01 - 2023-03: First\n1 year: Then a year\n3 months - 1 month: A gap, then a month\n",
        );
        assert_eq!(got[1].0, "2023-04");
        assert_eq!(got[1].1.as_deref(), Some("2024-03"));
        assert_eq!(got[2].0, "2024-07");
        assert_eq!(got[2].1, None, "a month of one month is that month");
        // Without a previous event there is nothing to follow: reported.
        let imported = import("1 year: Alone\n", "t.mw").unwrap();
        assert!(imported.timeline.events.is_empty());
        assert_eq!(imported.skipped.len(), 1);
    }

    #[test]
    fn a_duration_then_a_date_runs_from_after_the_previous_event_to_that_date() {
        // As the reference parser reads them (its own test strings).
        let got = events("2022-06/3 weeks: First\n8 days 6 minutes/2023: Then\n");
        assert_eq!(got[1].0, "2022-06-30T00:06");
        assert_eq!(got[1].1.as_deref(), Some("2023"));
        let got = events("2022-06/3 weeks: First\n2 days - 2023: Again\n");
        assert_eq!(got[1].0, "2022-06-24");
        let got = events("2022-06-05: A\n1 week / 2023-01-10: B\n3 years/2023: Backwards\n");
        assert_eq!(got[1].0, "2022-06-13");
        assert_eq!(got[1].1.as_deref(), Some("2023-01-10"));
        assert_eq!(
            got.len(),
            2,
            "an end before the start is not an event: {got:?}"
        );
    }

    #[test]
    fn a_date_relative_to_an_unknown_id_is_reported_not_glued_on() {
        let imported = import("2024: A\nafter !nope 1 year: B\n", "t.mw").unwrap();
        assert_eq!(imported.timeline.events.len(), 1);
        assert!(!imported.timeline.events[0].summary.contains("nope"));
        assert!(
            imported.skipped[0].contains("after !nope"),
            "{:?}",
            imported.skipped
        );
    }

    #[test]
    fn times_with_a_zone_are_said_to_be_read_as_written() {
        let imported = import(
            "2023-08-19T18:31:26.742Z - 2030-12-31T16:00:00.000Z: A\n2024-01-01T09:00+02:00: B\n2024-02-01: C\n",
            "t.mw",
        )
        .unwrap();
        assert_eq!(imported.timeline.events.len(), 3);
        assert!(
            imported
                .notes
                .iter()
                .any(|n| n.contains("2 dates with a time zone")),
            "{:?}",
            imported.notes
        );
        assert!(import("2024-02-01: C\n", "t.mw").unwrap().notes.is_empty());
    }

    #[test]
    fn an_id_in_the_text_is_the_event_s_id_not_its_title() {
        let t = import("2023: Event !base\n2024: Wow! !second thing\n", "t.mw")
            .unwrap()
            .timeline;
        assert_eq!(
            (t.events[0].id.as_str(), t.events[0].title.as_str()),
            ("base", "Event")
        );
        assert_eq!(t.events[1].id, "second");
        assert_eq!(t.events[1].title, "Wow! thing");
    }

    #[test]
    fn list_items_and_year_first_slashes() {
        let imported = import(
            "2024-06-10: Reading\n- [ ] [[chan2023.pdf]]: Probability\n2023/8/15: Y/M/D\n",
            "t.mw",
        )
        .unwrap();
        assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
        let t = imported.timeline;
        assert_eq!(t.events.len(), 2);
        assert!(t.events[0].summary.contains("chan2023.pdf"));
        assert_eq!(t.events[1].start.to_iso(), "2023-08-15");
    }
}

#[cfg(test)]
mod front_matter_tests {
    use super::*;

    #[test]
    fn front_matter_gives_title_and_date_order_and_is_no_text() {
        let text = "---\ntitle: Boris's plan\ndescription: \"Chores\"\ntimezone: Europe/Paris\ndateFormat:\n  - pattern: '^\\d{1,2}/\\d{1,2}/\\d{4}$'\n    fromFormat: d/M/yyyy\n---\n\n# All\n\n17/08/2026 2pm - 2h: Chore\n  - [x] done\n05/09/2026: Next\n";
        let imported = import(text, "b.mw").unwrap();
        assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
        let t = imported.timeline;
        assert_eq!(t.title, "Boris's plan");
        assert_eq!(t.description, "Chores");
        assert_eq!(t.events.len(), 2);
        assert_eq!(t.events[0].start.to_iso(), "2026-08-17T14:00");
        assert_eq!(
            t.events[0].end.map(|d| d.to_iso()).as_deref(),
            Some("2026-08-17T16:00")
        );
        assert_eq!(
            t.events[1].start.to_iso(),
            "2026-09-05",
            "day first, as the file says"
        );
        assert!(!t.events.iter().any(|e| e.summary.contains("timezone")));
        // Without a date format, slashes are month first.
        let us = import("05/09/2026: Next\n", "u.mw").unwrap();
        assert_eq!(us.timeline.events[0].start.to_iso(), "2026-05-09");
        // Front matter never closed: said.
        let open = import("---\ntitle: x\n2020: A\n", "o.mw").unwrap();
        assert!(open.skipped.iter().any(|s| s.contains("never closed")));
    }
}
