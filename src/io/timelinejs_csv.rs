//! The TimelineJS spreadsheet layout (Google Sheets exported as CSV): one
//! header row, then a row per slide; `Type` is empty, `title` or `era`.
//! Import builds the JSON document TimelineJS would and reads it with the
//! JSON importer; export writes the JSON export's slides as rows.

use serde_json::Value;

use super::LoadError;
use super::timelinejs::{Folded, Imported, Places, export_value, import_value};
use crate::model::Timeline;

/// `[text](url)` Markdown links as HTML links (spreadsheets often hold them).
fn markdown_links_to_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Linear however many brackets: each search starts past the last one.
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        // No `](`, or no `)` after it: no later `[` can make a link either.
        let Some(close) = after.find("](") else {
            break;
        };
        let url_part = &after[close + 2..];
        let Some(end) = url_part.find(')') else {
            break;
        };
        let (label, url, tail) = (&after[..close], &url_part[..end], &url_part[end + 1..]);
        if let Some(inner) = label.rfind('[') {
            // The link, if any, starts at the last `[` before `](`.
            let skip = open + 1 + inner;
            out.push_str(&rest[..skip]);
            rest = &rest[skip..];
        } else if url.contains(char::is_whitespace) {
            out.push_str(&rest[..open + 1 + close + 2]);
            rest = url_part;
        } else {
            out.push_str(&rest[..open]);
            out.push_str(&format!("<a href=\"{url}\">{label}</a>"));
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

/// A time of day as TimelineJS's sheet reader takes it (`parseTime`):
/// `13:45`, `14:30:00`, `14.30`, `1430`, `2:30 PM`, `2:30 p.m.`, `12 am`.
/// Returns hour, minute and second.
fn time_of_day(text: &str) -> Result<(u8, u8, u8), String> {
    let bad = |why: &str| {
        format!(
            "{} is not a time ({why}; expected 13:45, 1430 or 1:45 PM)",
            crate::model::quoted(text)
        )
    };
    let t = text.trim();
    // A trailing am/pm, with or without dots: "pm", "p.m.", "P.M".
    let lower = t.to_ascii_lowercase();
    let (clock, period) = {
        let b = lower.as_bytes();
        let mut end = b.len();
        let strip = |end: &mut usize, c: u8| {
            if *end > 0 && b[*end - 1] == c {
                *end -= 1;
                true
            } else {
                false
            }
        };
        strip(&mut end, b'.');
        if strip(&mut end, b'm') {
            strip(&mut end, b'.');
            match b.get(end.wrapping_sub(1)) {
                Some(b'a') | Some(b'p') if end > 0 => {
                    let p = b[end - 1];
                    (t[..end - 1].trim(), Some(p == b'p'))
                }
                _ => (t, None),
            }
        } else {
            (t, None)
        }
    };
    let digits_only = !clock.is_empty() && clock.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = if digits_only && (3..=4).contains(&clock.len()) {
        let (h, m) = clock.split_at(clock.len() - 2);
        vec![h, m]
    } else if clock.contains(':') {
        clock.split(':').collect()
    } else {
        clock.split('.').collect()
    };
    if parts.len() > 3 {
        return Err(bad("too many parts"));
    }
    let number = |s: &str, what: &str, max: u8| -> Result<u8, String> {
        let s = s.trim();
        s.parse::<u8>()
            .ok()
            .filter(|v| *v <= max)
            .ok_or_else(|| bad(&format!("{} is not {what}", crate::model::quoted(s))))
    };
    let mut hour = number(parts[0], "an hour", 23)?;
    match period {
        Some(_) if !(1..=12).contains(&hour) => return Err(bad("an hour of 1 to 12 before am/pm")),
        Some(true) if hour != 12 => hour += 12,
        Some(false) if hour == 12 => hour = 0,
        _ => {}
    }
    let minute = parts.get(1).map_or(Ok(0), |m| number(m, "a minute", 59))?;
    // Seconds may carry a fraction ("00.5", "00,5"), which is dropped.
    let second = parts.get(2).map_or(Ok(0), |s| {
        let whole = s.split(['.', ',']).next().unwrap_or("");
        number(whole, "a second", 59)
    })?;
    Ok((hour, minute, second))
}

/// A number cell as TimelineJS's sheet reader cleans it: spaces and commas
/// dropped (`-12,000` is -12000).
fn clean_integer(cell: &str) -> String {
    cell.chars()
        .filter(|c| !c.is_whitespace() && *c != ',')
        .collect()
}

/// A background cell as TimelineJS reads it: an address (`http…`, `//…`,
/// `/…`) is a picture, anything else a colour.
fn background(cell: &str) -> Value {
    let cell = cell.trim();
    if cell.is_empty() {
        Value::Null
    } else if ["http:/", "https:/", "/"].iter().any(|p| {
        cell.get(..p.len())
            .is_some_and(|c| c.eq_ignore_ascii_case(p))
    }) {
        serde_json::json!({ "url": cell })
    } else {
        serde_json::json!({ "color": cell })
    }
}

/// Imports the TimelineJS spreadsheet layout (CSV from Google Sheets):
/// one header row, then a row per slide; `Type` is empty, `title` or `era`.
pub fn import(text: &str, origin: &str) -> Result<Imported, LoadError> {
    let lines = super::cells::LineIndex::new(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| {
            let first = text.lines().next().unwrap_or("");
            LoadError::syntax(
                origin,
                1,
                1,
                format!("cannot read the header row: {e}"),
                first,
            )
        })?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    if !headers.iter().any(|h| h == "year") || !headers.iter().any(|h| h == "headline") {
        return Err(LoadError::syntax(
            origin,
            1,
            1,
            "expected the TimelineJS header (Year, Month, Day, Time, End Year, …, Headline, Text, …)",
            text.lines().next().unwrap_or(""),
        ));
    }
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (c_year, c_month, c_day, c_time) = (col("year"), col("month"), col("day"), col("time"));
    let (e_year, e_month, e_day, e_time) = (
        col("end year"),
        col("end month"),
        col("end day"),
        col("end time"),
    );
    let (c_display, c_head, c_text) = (col("display date"), col("headline"), col("text"));
    let (c_media, c_credit, c_caption) = (col("media"), col("media credit"), col("media caption"));
    let (c_thumbnail, c_alt, c_background) =
        (col("media thumbnail"), col("alt text"), col("background"));
    // "Tag" is the first sheet template's name for Group.
    let (c_type, c_group) = (col("type"), col("group").or(col("tag")));
    let mut titles = 0usize;

    let mut events = Vec::new();
    let mut places = Vec::new();
    let mut era_places = Vec::new();
    let mut eras = Vec::new();
    let mut title = Value::Null;
    let mut skipped = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = lines.line_of_position(e.position());
                skipped.push(format!("{origin}: line {line}: {e}"));
                continue;
            }
        };
        let line = lines.line_of_position(record.position());
        let get = |c: Option<usize>| {
            super::cells::unneutralize(c.and_then(|c| record.get(c)).unwrap_or("").trim())
                .to_string()
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if let Some(why) = super::cells::extra_fields(&record, headers.len()) {
            skipped.push(format!("{origin}: line {line}: {why}"));
            continue;
        }
        let date_of =
            |y: Option<usize>, m: Option<usize>, d: Option<usize>, t: Option<usize>| -> Value {
                let mut v = serde_json::json!({
                    "year": clean_integer(&get(y)),
                    "month": clean_integer(&get(m)),
                    "day": clean_integer(&get(d)),
                });
                let time = get(t);
                if !time.is_empty() {
                    match time_of_day(&time) {
                        Ok((h, mi, sec)) => {
                            v["hour"] = Value::from(h);
                            v["minute"] = Value::from(mi);
                            v["second"] = Value::from(sec);
                        }
                        Err(e) => v["time_error"] = Value::from(e),
                    }
                }
                v
            };
        let text = serde_json::json!({
            "headline": markdown_links_to_html(&get(c_head)),
            "text": markdown_links_to_html(&get(c_text)),
        });
        let media = serde_json::json!({
            "url": get(c_media),
            "credit": markdown_links_to_html(&get(c_credit)),
            "caption": markdown_links_to_html(&get(c_caption)),
            "thumbnail": get(c_thumbnail),
            "alt": get(c_alt),
        });
        let kind = get(c_type).to_lowercase();
        // A second title row is a slide, as TimelineJS shows it.
        if kind == "title" {
            titles += 1;
        }
        match kind.as_str() {
            "title" if titles == 1 => title = serde_json::json!({ "text": text, "media": media }),
            "era" => {
                eras.push(serde_json::json!({
                    "start_date": date_of(c_year, c_month, c_day, c_time),
                    "end_date": date_of(e_year, e_month, e_day, e_time),
                    "text": text,
                }));
                era_places.push(format!("line {line}"));
            }
            _ => {
                let mut slide = serde_json::json!({
                    "start_date": date_of(c_year, c_month, c_day, c_time),
                    "text": text,
                    "media": media,
                    "group": get(c_group),
                    "display_date": get(c_display),
                    "background": background(&get(c_background)),
                });
                if !get(e_year).is_empty() {
                    slide["end_date"] = date_of(e_year, e_month, e_day, e_time);
                }
                if get(c_year).is_empty() {
                    slide.as_object_mut().map(|o| o.remove("start_date"));
                }
                events.push(slide);
                places.push(format!("line {line}"));
            }
        }
    }
    let root = serde_json::json!({ "title": title, "events": events, "eras": eras });
    let places = Places::Lines {
        events: &places,
        eras: &era_places,
    };
    let mut imported = import_value(&root, origin, &places)?;
    skipped.append(&mut imported.skipped);
    imported.skipped = skipped;
    if titles > 1 {
        imported.notes.push(format!(
            "{origin}: {titles} rows of type title; the first is the title slide, the others are events (as TimelineJS shows them)"
        ));
    }
    Ok(imported)
}

/// The header row of the TimelineJS sheet template (newer templates add
/// `Alt Text`, written when some media has one).
pub const HEADER: [&str; 18] = [
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
];

/// Year, month, day and time cells of a TimelineJS date value.
fn date_cells(date: Option<&Value>) -> [String; 4] {
    let part = |key: &str| {
        date.and_then(|d| d.get(key))
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    let time = match (
        date.and_then(|d| d.get("hour")),
        date.and_then(|d| d.get("minute")),
    ) {
        (Some(h), Some(m)) => format!(
            "{:02}:{:02}:00",
            h.as_i64().unwrap_or(0),
            m.as_i64().unwrap_or(0)
        ),
        _ => String::new(),
    };
    [part("year"), part("month"), part("day"), time]
}

/// The timeline as the TimelineJS sheet template (CSV, ready to paste into
/// the Google Sheet): a title row, era rows, then one row per event. What
/// the sheet has no column for is folded into Text, as in the JSON export.
pub fn export(timeline: &Timeline) -> (String, Folded) {
    let (root, folded) = export_value(timeline);
    let mut writer = csv::Writer::from_writer(Vec::new());
    let text = |slide: &Value, key: &str| {
        slide
            .get("text")
            .and_then(|t| t.get(key))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let media = |slide: &Value, key: &str| {
        slide
            .get("media")
            .and_then(|t| t.get(key))
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let member = |slide: &Value, key: &str| {
        slide
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let slides = || {
        root.get("events")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
    };
    let with_alt = slides().any(|s| !media(s, "alt").is_empty());
    let mut header: Vec<String> = HEADER.iter().map(|h| h.to_string()).collect();
    if with_alt {
        header.push("Alt Text".to_string());
    }
    let mut rows: Vec<Vec<String>> = vec![header];
    let mut row = |slide: &Value, kind: &str| {
        let mut cells = Vec::with_capacity(HEADER.len());
        cells.extend(date_cells(slide.get("start_date")));
        cells.extend(date_cells(slide.get("end_date")));
        cells.push(member(slide, "display_date"));
        cells.push(text(slide, "headline"));
        cells.push(text(slide, "text"));
        cells.push(media(slide, "url"));
        cells.push(media(slide, "credit"));
        cells.push(media(slide, "caption"));
        cells.push(media(slide, "thumbnail"));
        cells.push(kind.to_string());
        cells.push(member(slide, "group"));
        // One cell: the picture if there is one, else the colour (the
        // sheet cannot hold both).
        let background = slide.get("background");
        cells.push(
            ["url", "color"]
                .iter()
                .find_map(|k| background.and_then(|b| b.get(*k)).and_then(Value::as_str))
                .unwrap_or("")
                .to_string(),
        );
        if with_alt {
            cells.push(media(slide, "alt"));
        }
        rows.push(cells);
    };
    if let Some(title) = root.get("title") {
        row(title, "title");
    }
    for era in root
        .get("eras")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        row(era, "era");
    }
    for slide in slides() {
        row(slide, "");
    }
    for cells in rows {
        // Writing to memory cannot fail. Formula-like cells are written so
        // that a spreadsheet shows them as text.
        let _ = writer.write_record(
            cells
                .iter()
                .map(|c| super::cells::neutralize(c).into_owned()),
        );
    }
    let bytes = writer.into_inner().unwrap_or_default();
    (String::from_utf8(bytes).unwrap_or_default(), folded)
}

#[cfg(test)]
mod markdown_tests {
    use super::markdown_links_to_html as links;

    #[test]
    fn markdown_links_become_html_links() {
        assert_eq!(
            links("see [the report](https://example.org/r) now"),
            "see <a href=\"https://example.org/r\">the report</a> now"
        );
        assert_eq!(links("[a [b](u)"), "[a <a href=\"u\">b</a>");
        assert_eq!(links("[a](u v) [b](w)"), "[a](u v) <a href=\"w\">b</a>");
        assert_eq!(links("no link [here"), "no link [here");
        // Many brackets, with and without what closes a link.
        let many = "[".repeat(100_000);
        assert_eq!(links(&many), many);
        let unclosed = "[a](".repeat(50_000);
        assert_eq!(links(&unclosed), unclosed);
    }
}
