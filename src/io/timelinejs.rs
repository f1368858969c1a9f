//! Importing TimelineJS (Knight Lab) JSON: the title slide, events, eras,
//! groups (as categories), media and backgrounds (kept whatever their
//! address), `display_date` and `unique_id`; exporting writes them back. Date parts may be numbers or strings,
//! an empty string meaning absent; years may be negative and far outside
//! any calendar library's range. HTML becomes readable text, links kept.
//!
//! A slide that cannot be read is skipped and reported; the rest imports.

use serde_json::Value;

use super::LoadError;
use crate::model::{
    Background, Certainty, Date, Era, Event, Media, Provenance, Source, TimeOfDay, Timeline,
};
use crate::model::{is_kebab_case, quoted};

/// A timeline read from another format, with what could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub timeline: Timeline,
    /// One line per slide or row that was skipped, saying where and why.
    pub skipped: Vec<String>,
    /// How something was read that the user should know about (an
    /// encoding, an ambiguous date order).
    pub notes: Vec<String>,
}

pub use super::html::html_to_text;

/// A date part that may be a number or a string; "" means absent.
fn part(value: Option<&Value>) -> Result<Option<i64>, String> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))
            .map(Some)
            .ok_or_else(|| format!("{n} is not a whole number")),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(Value::String(s)) => s
            .trim()
            .parse::<i64>()
            .map(Some)
            .map_err(|_| format!("{} is not a number", crate::model::quoted(s))),
        Some(other) => Err(format!("{other} is not a number")),
    }
}

/// An English month name or its abbreviation (`Mar`, `Sept`): its number.
fn month_name(text: &str) -> Option<u8> {
    let w = text.trim().trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 || !w.is_ascii() {
        return None;
    }
    crate::model::MONTH_NAMES
        .iter()
        .position(|m| m.to_ascii_lowercase().starts_with(&w))
        .map(|i| i as u8 + 1)
}

/// A TimelineJS DATE object as a date at its own precision.
fn date(value: &Value) -> Result<Date, String> {
    // Set by the spreadsheet reader for a Time it could not read.
    if let Some(e) = value.get("time_error").and_then(Value::as_str) {
        return Err(e.to_string());
    }
    let year = part(value.get("year"))?.ok_or("the year is missing")?;
    // Sheets are written by hand: "March" in the Month column is March.
    let month = match value.get("month") {
        Some(Value::String(s)) if month_name(s).is_some() => month_name(s).map(i64::from),
        other => part(other)?,
    };
    let day = part(value.get("day"))?;
    let hour = part(value.get("hour"))?;
    let minute = part(value.get("minute"))?;
    let small = |v: Option<i64>, what: &str| -> Result<Option<u8>, String> {
        v.map(|x| u8::try_from(x).map_err(|_| format!("{what} {x} is out of range")))
            .transpose()
    };
    let month = small(month, "month")?;
    let day = small(day, "day")?.filter(|_| month.is_some());
    let time = match (small(hour, "hour")?, day) {
        (Some(h), Some(_)) => Some(TimeOfDay {
            hour: h,
            minute: small(minute, "minute")?.unwrap_or(0),
        }),
        _ => None,
    };
    Date::new(year, month, day, time).map_err(|e| e.to_string())
}

/// Whether a date value has seconds (or milliseconds) other than zero,
/// which the model's minute precision does not keep.
fn has_seconds(date: &Value) -> bool {
    ["second", "millisecond"]
        .iter()
        .any(|k| part(date.get(*k)).ok().flatten().is_some_and(|v| v != 0))
}

/// A string member, trimmed; `None` when absent or empty.
fn str_member(value: &Value, key: &str) -> Option<String> {
    value
        .get(key)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// An address kept as the file gives it, or reported and left out.
fn address(value: &Value, key: &str, place: &str, notes: &mut Vec<String>) -> Option<String> {
    let url = str_member(value, key)?;
    match crate::model::address_problem(&url) {
        None => Some(url),
        Some(why) => {
            notes.push(format!("{place}{key}: {why}; not kept"));
            None
        }
    }
}

/// A slide's media, whatever its address (a relative path too); captions
/// and credits as readable text, none invented.
fn media_of(m: &Value, place: &str, notes: &mut Vec<String>) -> Option<Box<Media>> {
    let url = address(m, "url", place, notes)?;
    let text = |key: &str| {
        m.get(key)
            .and_then(Value::as_str)
            .map(|t| html_to_text(t).replace('\n', " ").trim().to_string())
            .filter(|t| !t.is_empty())
    };
    Some(Box::new(Media {
        url,
        caption: text("caption"),
        credit: text("credit"),
        thumbnail: address(m, "thumbnail", place, notes),
        alt: text("alt"),
    }))
}

/// A slide's background: a picture, a colour, or both.
fn background_of(b: &Value, place: &str, notes: &mut Vec<String>) -> Option<Box<Background>> {
    let background = Background {
        url: address(b, "url", place, notes),
        color: str_member(b, "color"),
        alt: str_member(b, "alt"),
    };
    (background != Background::default()).then(|| Box::new(background))
}

fn text_field(slide: &Value, key: &str) -> String {
    slide
        .get("text")
        .and_then(|t| t.get(key))
        .and_then(Value::as_str)
        .map(html_to_text)
        .unwrap_or_default()
}

pub use crate::model::slug;

pub use super::ids::{FastHash, FastMap, Groups, IdSet, NO_GROUP_NAME, is_no_group, unique_id};

/// Imports TimelineJS JSON text. `origin` names the file in messages and
/// stands in for a missing title.
pub fn import_json(text: &str, origin: &str) -> Result<Imported, LoadError> {
    let root: Value = serde_json::from_str(text).map_err(|e| {
        let line_text = text.lines().nth(e.line().saturating_sub(1)).unwrap_or("");
        LoadError::syntax(
            origin,
            e.line().max(1),
            e.column().max(1),
            e.to_string(),
            line_text,
        )
    })?;
    if let Some(v2) = root
        .get("timeline")
        .filter(|_| root.get("events").is_none())
    {
        let (line, column) = super::ron_positions::locate(text, &["timeline".to_string()].into())
            .get("timeline")
            .copied()
            .unwrap_or((1, 1));
        let n = v2.get("date").and_then(Value::as_array).map_or(0, Vec::len);
        return Err(LoadError::syntax(
            origin,
            line,
            column,
            format!(
                "this is a TimelineJS 2 file (\"timeline\" with {n} slide{} under \"date\"), \
                 an older format than the TimelineJS 3 JSON this app reads; \
                 open it in TimelineJS 2 and publish it again with TimelineJS 3, \
                 or copy its slides into the TimelineJS 3 spreadsheet template",
                if n == 1 { "" } else { "s" }
            ),
            text.lines().nth(line.saturating_sub(1)).unwrap_or(""),
        ));
    }
    let mut imported = import_value(&root, origin, &Places::Json)?;
    locate_skips(&mut imported.skipped, text);
    // Notes name their slide the same way (an address not kept, an id).
    locate_skips(&mut imported.notes, text);
    Ok(imported)
}

/// Where the slides and eras of a document came from, for skip messages.
pub(super) enum Places<'a> {
    /// Found in the JSON text afterwards (see [`locate_skips`]).
    Json,
    /// The lines of a spreadsheet's rows: events, then eras.
    Lines {
        events: &'a [String],
        eras: &'a [String],
    },
}

impl Places<'_> {
    /// The start of a skip message about item `i` of `list` ("events",
    /// "eras").
    fn of(&self, origin: &str, list: &str, i: usize) -> String {
        let lines = match self {
            Places::Json => {
                let kind = if list == "eras" { "era" } else { "event" };
                return format!("{origin}: {MARK}{list}[{i}]{MARK} ({kind} {}): ", i + 1);
            }
            Places::Lines { events, eras } => match list {
                "eras" => eras,
                _ => events,
            },
        };
        match lines.get(i) {
            Some(p) => format!("{origin}: {p}: "),
            None => format!("{origin}: {list} {} ", i + 1),
        }
    }
}

/// Marks a JSON path in a skip message or a note until its line and column are known.
const MARK: char = '\u{1}';

/// Turns the JSON paths marked in skip messages into lines and columns of
/// `text` (one pass over it, only when something was skipped).
fn locate_skips(skipped: &mut [String], text: &str) {
    let paths: std::collections::HashSet<String> = skipped
        .iter()
        .filter_map(|s| s.split(MARK).nth(1).map(str::to_string))
        .collect();
    if paths.is_empty() {
        return;
    }
    let found = super::ron_positions::locate(text, &paths);
    for s in skipped.iter_mut() {
        let mut parts = s.splitn(3, MARK);
        let (Some(before), Some(path), Some(after)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        let place = match found.get(path) {
            Some((line, column)) => format!("line {line}, column {column}"),
            None => path.to_string(),
        };
        *s = format!("{before}{place}{after}");
    }
}

/// Imports a TimelineJS document already parsed into JSON values (from
/// JSON, or built from the spreadsheet layout). `places` says where each
/// slide and era came from, for skip messages.
pub(super) fn import_value(
    root: &Value,
    origin: &str,
    places: &Places<'_>,
) -> Result<Imported, LoadError> {
    let Some(slides) = root.get("events").and_then(Value::as_array) else {
        return Err(LoadError::Invalid {
            origin: origin.to_string(),
            problems: vec![super::Problem {
                location: "the file".to_string(),
                field: "events".to_string(),
                message: "a TimelineJS file needs an \"events\" list".to_string(),
                // The root object, which lacks it.
                line: Some(1),
                column: Some(1),
                path: "events".to_string(),
            }],
        });
    };
    let title_slide = root.get("title");
    let title = title_slide
        .map(|t| text_field(t, "headline"))
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| origin.rsplit('/').next().unwrap_or(origin).to_string());
    let description = title_slide
        .map(|t| text_field(t, "text"))
        .unwrap_or_default();

    let mut skipped = Vec::new();
    let mut notes = Vec::new();
    let mut with_seconds = 0usize;
    let mut groups = Groups::default();
    let mut ids = IdSet::default();
    let mut events = Vec::new();
    let mut event_places: Vec<String> = Vec::new();
    for (i, slide) in slides.iter().enumerate() {
        let place = places.of(origin, "events", i);
        let Some(start) = slide.get("start_date") else {
            skipped.push(format!("{place}has no start_date"));
            continue;
        };
        let start = match date(start) {
            Ok(d) => d,
            Err(e) => {
                skipped.push(format!("{place}start_date: {e}"));
                continue;
            }
        };
        let end = match slide.get("end_date").map(date).transpose() {
            Ok(Some(end)) if end.end_axis_days() <= start.axis_days() => {
                skipped.push(format!(
                    "{place}ends ({}) before it starts ({})",
                    end.to_iso(),
                    start.to_iso()
                ));
                continue;
            }
            Ok(end) => end,
            Err(e) => {
                skipped.push(format!("{place}end_date: {e}"));
                continue;
            }
        };
        let headline = text_field(slide, "headline");
        let summary = text_field(slide, "text");
        let title = if !headline.is_empty() {
            headline.replace('\n', " ")
        } else if !summary.is_empty() {
            summary
                .chars()
                .take(80)
                .collect::<String>()
                .replace('\n', " ")
        } else {
            format!("Event {}", i + 1)
        };
        let untitled = headline.is_empty();
        let group = slide.get("group").and_then(Value::as_str).unwrap_or("");
        let category = groups.id_for(group);
        let wanted_id = slide
            .get("unique_id")
            .and_then(Value::as_str)
            .map(slug)
            .filter(|s| is_kebab_case(s))
            .unwrap_or_else(|| {
                let s = slug(&format!("{title} {}", start.to_iso()));
                if is_kebab_case(&s) {
                    s
                } else {
                    format!("event-{}", i + 1)
                }
            });
        let id = unique_id(wanted_id, &mut ids);
        // The id as written is kept beside ours (and written back); one
        // that cannot be is said, with what the event's id is.
        let given = slide.get("unique_id").and_then(Value::as_str).unwrap_or("");
        let id_as_written = match super::ids::written_id(given, &id) {
            Ok(w) => w,
            Err(problem) => {
                notes.push(format!(
                    "{place}unique_id {problem}: not kept; the event's id is {}",
                    quoted(&id)
                ));
                None
            }
        };
        event_places.push(place.clone());
        let media = slide
            .get("media")
            .and_then(|m| media_of(m, &place, &mut notes));
        let background = slide
            .get("background")
            .and_then(|b| background_of(b, &place, &mut notes));
        let source = Source {
            title: format!(
                "TimelineJS file {}",
                origin.rsplit('/').next().unwrap_or(origin)
            ),
            publisher: None,
            url: None,
            date: None,
        };
        let display_date = slide
            .get("display_date")
            .and_then(Value::as_str)
            .or_else(|| {
                slide
                    .get("start_date")
                    .and_then(|d| d.get("display_date"))
                    .and_then(Value::as_str)
            })
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_string);
        for key in ["start_date", "end_date"] {
            if slide.get(key).is_some_and(has_seconds) {
                with_seconds += 1;
            }
        }
        events.push(Event {
            roles: Vec::new(),
            id,
            title,
            start,
            end,
            date_note: None,
            certainty: Certainty::Confirmed,
            provenance: Provenance::Article,
            actors: Vec::new(),
            category,
            tags: Vec::new(),
            location: None,
            summary,
            claim: None,
            discrepancy: None,
            sources: vec![source],
            coordinates: None,
            numbers: Vec::new(),
            display_date,
            media,
            background,
            untitled,
            id_as_written,
        });
    }
    for (i, given) in super::ids::keep_written_ids(&mut events) {
        notes.push(format!(
            "{}unique_id {} is used by another event: kept as {}",
            event_places[i],
            quoted(&given),
            quoted(&events[i].id)
        ));
    }

    let mut eras = Vec::new();
    for (i, era) in root
        .get("eras")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let place = places.of(origin, "eras", i);
        let dates = era
            .get("start_date")
            .ok_or("has no start_date".to_string())
            .and_then(date)
            .and_then(|s| {
                Ok((
                    s,
                    era.get("end_date")
                        .ok_or("has no end_date".to_string())
                        .and_then(date)?,
                ))
            });
        match dates {
            Ok((start, end)) if end.end_axis_days() > start.axis_days() => {
                let headline = text_field(era, "headline");
                eras.push(Era {
                    title: if headline.is_empty() {
                        format!("Era {}", i + 1)
                    } else {
                        headline
                    },
                    start,
                    end,
                });
            }
            Ok(_) => skipped.push(format!("{place}ends before it starts")),
            Err(e) => skipped.push(format!("{place}{e}")),
        }
    }
    // Eras may come in any order; the canvas draws them by date.
    eras.sort_by_key(|e| e.start);
    if with_seconds > 0 {
        notes.push(format!(
            "{origin}: {with_seconds} date{} with seconds kept to the minute",
            if with_seconds == 1 { "" } else { "s" }
        ));
    }

    Ok(Imported {
        timeline: Timeline::with_parts(title, description, groups.categories, eras, events),
        skipped,
        notes,
    })
}

/// What an export could not carry as such and folded into the text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Folded {
    /// One line per kind of information, with how many events it concerns.
    pub notes: Vec<String>,
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Media as TimelineJS writes it; the caption and credit are text, which
/// TimelineJS reads as HTML, so they are escaped.
fn media_json(m: &Media) -> Value {
    let mut v = serde_json::json!({ "url": m.url });
    for (key, value) in [
        ("caption", &m.caption),
        ("credit", &m.credit),
        ("alt", &m.alt),
    ] {
        if let Some(t) = value {
            v[key] = Value::from(escape_html(t));
        }
    }
    if let Some(t) = &m.thumbnail {
        v["thumbnail"] = Value::from(t.as_str());
    }
    v
}

fn date_json(d: &Date) -> Value {
    let mut m = serde_json::Map::new();
    m.insert("year".into(), Value::from(d.year_value()));
    if let Some(month) = d.month() {
        m.insert("month".into(), Value::from(month));
    }
    if let Some(day) = d.day() {
        m.insert("day".into(), Value::from(day));
    }
    if let Some(t) = d.time() {
        m.insert("hour".into(), Value::from(t.hour));
        m.insert("minute".into(), Value::from(t.minute));
    }
    Value::Object(m)
}

/// The timeline as TimelineJS JSON, loadable by TimelineJS itself. What
/// TimelineJS has no place for (certainty, the article's claim, the
/// discrepancy, sources beyond the first, actors, location) goes into the
/// slide's text as readable paragraphs; `Folded` says what was folded.
pub fn export_json(timeline: &Timeline) -> (String, Folded) {
    let (root, folded) = export_value(timeline);
    let mut text = serde_json::to_string_pretty(&root).unwrap_or_default();
    text.push('\n');
    (text, folded)
}

/// The TimelineJS document as JSON values (shared with the spreadsheet
/// export), and what was folded into the text.
pub(super) fn export_value(timeline: &Timeline) -> (Value, Folded) {
    let mut counts: Vec<(&str, usize)> = vec![
        ("certainty other than confirmed", 0),
        ("what the article says", 0),
        ("a discrepancy", 0),
        ("more than one source", 0),
        ("actors", 0),
        ("a location", 0),
        ("a note on the date", 0),
        ("coordinates", 0),
        ("numbers", 0),
    ];
    let mut events = Vec::new();
    for ev in &timeline.events {
        let mut text = if ev.summary.is_empty() {
            String::new()
        } else {
            format!("<p>{}</p>", escape_html(&ev.summary))
        };
        let mut fold = |k: usize, html: String| {
            counts[k].1 += 1;
            text.push_str(&html);
        };
        if ev.certainty != Certainty::Confirmed {
            fold(
                0,
                format!(
                    "<p><b>{}:</b> {}</p>",
                    ev.certainty.label(),
                    ev.certainty.explanation()
                ),
            );
        }
        if let Some(c) = &ev.claim {
            fold(
                1,
                format!("<p><b>What the article says:</b> {}</p>", escape_html(c)),
            );
        }
        if let Some(d) = &ev.discrepancy {
            fold(
                2,
                format!(
                    "<p><b>The article and the record differ:</b> {}</p>",
                    escape_html(d)
                ),
            );
        }
        if ev.sources.len() > 1 {
            let items: Vec<String> = ev.sources[1..]
                .iter()
                .map(|s| match &s.url {
                    Some(u) => format!(
                        "<li><a href=\"{}\">{}</a></li>",
                        escape_html(u),
                        escape_html(&s.title)
                    ),
                    None => format!("<li>{}</li>", escape_html(&s.title)),
                })
                .collect();
            fold(
                3,
                format!("<p><b>More sources:</b></p><ul>{}</ul>", items.join("")),
            );
        }
        if !ev.actors.is_empty() {
            let names: Vec<&str> = ev.actors.iter().map(|a| timeline.actor_name(a)).collect();
            fold(
                4,
                format!("<p><b>Actors:</b> {}</p>", escape_html(&names.join(", "))),
            );
        }
        if let Some(l) = &ev.location {
            fold(5, format!("<p><b>Location:</b> {}</p>", escape_html(l)));
        }
        if let Some(n) = &ev.date_note {
            fold(6, format!("<p><b>Date:</b> {}</p>", escape_html(n)));
        }
        // TimelineJS has no place for a point or a count.
        if let Some(c) = ev.coordinates {
            fold(
                7,
                format!("<p><b>Coordinates:</b> {}, {}</p>", c.lat, c.lon),
            );
        }
        if !ev.numbers.is_empty() {
            let pairs: Vec<String> = ev
                .numbers
                .iter()
                .map(|(name, value)| format!("{} {value}", escape_html(name)))
                .collect();
            fold(8, format!("<p><b>Numbers:</b> {}</p>", pairs.join(", ")));
        }
        let mut words = serde_json::Map::new();
        if !ev.untitled {
            words.insert("headline".into(), Value::from(escape_html(&ev.title)));
        }
        if !text.is_empty() {
            words.insert("text".into(), Value::from(text));
        }
        let mut slide = serde_json::json!({
            "unique_id": ev.id_as_written.as_deref().unwrap_or(&ev.id),
            "start_date": date_json(&ev.start),
            "text": words,
        });
        match timeline.category(&ev.category) {
            Some(c) if is_no_group(c) => {}
            Some(c) => slide["group"] = Value::from(c.name.as_str()),
            None => slide["group"] = Value::from(ev.category.as_str()),
        }
        if let Some(end) = &ev.end {
            slide["end_date"] = date_json(end);
        }
        if let Some(d) = &ev.display_date {
            slide["display_date"] = Value::from(d.as_str());
        }
        if let Some(b) = &ev.background {
            slide["background"] = serde_json::to_value(b).unwrap_or_default();
        }
        if let Some(m) = &ev.media {
            slide["media"] = media_json(m);
        } else if let Some(first) = ev.sources.first() {
            let mut media = serde_json::json!({ "caption": first.title });
            if let Some(url) = &first.url {
                media["url"] = Value::from(url.as_str());
            }
            if let Some(p) = &first.publisher {
                media["credit"] = Value::from(p.as_str());
            }
            if first.url.is_some() {
                slide["media"] = media;
            }
        }
        events.push(slide);
    }
    let eras: Vec<Value> = timeline
        .eras
        .iter()
        .map(|e| {
            serde_json::json!({
                "start_date": date_json(&e.start),
                "end_date": date_json(&e.end),
                "text": { "headline": e.title },
            })
        })
        .collect();
    let mut root = serde_json::json!({
        "title": { "text": { "headline": timeline.title, "text": escape_html(&timeline.description) } },
        "events": events,
    });
    if !eras.is_empty() {
        root["eras"] = Value::from(eras);
    }
    let notes = counts
        .into_iter()
        .filter(|(_, n)| *n > 0)
        .map(|(what, n)| {
            format!(
                "{what}: folded into the text of {n} event{}",
                if n == 1 { "" } else { "s" }
            )
        })
        .collect();
    (root, Folded { notes })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_readable_text_with_links() {
        let t = html_to_text(
            r#"<p>Take <a href="https://en.wikipedia.org/wiki/Ada">Ada</a> &amp; friends&nbsp;&#8212; see</p><p>next</p>"#,
        );
        assert!(!t.contains('<') && !t.contains("&amp;"), "{t}");
        assert!(
            t.contains("Ada") && t.contains("https://en.wikipedia.org/wiki/Ada"),
            "{t}"
        );
        assert!(t.contains("& friends"), "{t}");
        assert!(t.contains("next"), "{t}");
        assert_eq!(html_to_text("plain"), "plain");
    }

    #[test]
    fn date_parts_as_numbers_or_strings() {
        let d = date(&serde_json::json!({"year": "1904", "month": "", "day": ""})).unwrap();
        assert_eq!(d.to_iso(), "1904");
        let d = date(&serde_json::json!({"year": 1815, "month": 12, "day": "10"})).unwrap();
        assert_eq!(d.to_iso(), "1815-12-10");
        let d = date(&serde_json::json!({"year": "-13800000000"})).unwrap();
        assert_eq!(d.display(), "13.8 billion years ago");
        let d = date(
            &serde_json::json!({"year": 2020, "month": 3, "day": 1, "hour": "13", "minute": ""}),
        )
        .unwrap();
        assert_eq!(d.to_iso(), "2020-03-01T13:00");
        assert!(date(&serde_json::json!({"month": 3})).is_err());
        assert!(date(&serde_json::json!({"year": "abc"})).is_err());
        assert!(date(&serde_json::json!({"year": 2021, "month": 2, "day": 30})).is_err());
    }

    #[test]
    fn slugs_are_kebab_case() {
        assert_eq!(slug("Ada Lovelace"), "ada-lovelace");
        assert_eq!(
            slug("Grace Hopper: COBOL (1959)"),
            "grace-hopper-cobol-1959"
        );
        let mut taken = IdSet::default();
        assert_eq!(unique_id("a".into(), &mut taken), "a");
        assert_eq!(unique_id("a".into(), &mut taken), "a-2");
    }
}
