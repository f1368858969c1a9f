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

/// "13:45", "1:45 PM", "12:05 am" as (hour, minute).
fn time_of_day(text: &str) -> Result<(u8, u8), String> {
    let t = text.trim().to_lowercase();
    let (clock, pm) = match (t.strip_suffix("pm"), t.strip_suffix("am")) {
        (Some(c), _) => (c.trim(), Some(true)),
        (_, Some(c)) => (c.trim(), Some(false)),
        _ => (t.as_str(), None),
    };
    let (h, m) = clock.split_once(':').unwrap_or((clock, "0"));
    let bad = || {
        format!(
            "{} is not a time (expected 13:45 or 1:45 PM)",
            crate::model::quoted(text)
        )
    };
    let h: u8 = h.trim().parse().map_err(|_| bad())?;
    let m: u8 = m.trim().parse().map_err(|_| bad())?;
    let h = match pm {
        Some(true) if (1..12).contains(&h) => h + 12,
        Some(false) if h == 12 => 0,
        Some(_) if !(1..=12).contains(&h) => return Err(bad()),
        _ => h,
    };
    if h > 23 || m > 59 {
        return Err(bad());
    }
    Ok((h, m))
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
    let (c_type, c_group) = (col("type"), col("group"));

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
                let mut v = serde_json::json!({ "year": get(y), "month": get(m), "day": get(d) });
                let time = get(t);
                if !time.is_empty() {
                    match time_of_day(&time) {
                        Ok((h, mi)) => {
                            v["hour"] = Value::from(h);
                            v["minute"] = Value::from(mi);
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
        });
        match get(c_type).to_lowercase().as_str() {
            "title" => title = serde_json::json!({ "text": text, "media": media }),
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
    Ok(imported)
}

/// The header row of the TimelineJS sheet template.
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
            "{:02}:{:02}",
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
    let mut rows: Vec<Vec<String>> = vec![HEADER.iter().map(|h| h.to_string()).collect()];
    let mut row = |slide: &Value, kind: &str| {
        let mut cells = Vec::with_capacity(HEADER.len());
        cells.extend(date_cells(slide.get("start_date")));
        cells.extend(date_cells(slide.get("end_date")));
        cells.push(String::new());
        cells.push(text(slide, "headline"));
        cells.push(text(slide, "text"));
        cells.push(media(slide, "url"));
        cells.push(media(slide, "credit"));
        cells.push(media(slide, "caption"));
        cells.push(String::new());
        cells.push(kind.to_string());
        cells.push(
            slide
                .get("group")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
        );
        cells.push(String::new());
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
    for slide in root
        .get("events")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
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
