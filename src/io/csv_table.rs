//! Any table of events as CSV: the columns are recognised by common header
//! names (`date`, `start`, `end`, `title`, `headline`, `description`,
//! `notes`, `actor`, `actor1`, `actor2`, `category`, `type`, `location`,
//! `source`, `url`, …) or mapped explicitly
//! (`start=event_date,title=notes,actors=actor1+actor2`). Comma, semicolon
//! and tab separated files are all read.
//!
//! The export writes every attribute the app knows as its own column, so a
//! table exported here imports back with the same events.

use std::collections::{HashMap, HashSet};

use super::LoadError;
pub use super::columns::{ColumnMap, Field, headers, recognised};
use super::columns::{assign, date_from_parts, delimiter, is_missing, read_numbers};
use super::table_dates::{ColumnReading, parse_table_date};
use super::timelinejs::{Groups, IdSet, Imported, slug, unique_id};
use crate::model::{
    Actor, ActorKind, Certainty, Coordinates, Date, Event, Provenance, Source, Timeline, quoted,
};

/// Distinct start texts remembered with their reading.
const DATE_CACHE_LIMIT: usize = 100_000;

/// One date cell read alone (tests and callers without a column): see
/// [`super::table_dates`] for how a column decides its forms.
pub fn parse_cell_date(text: &str, day_first: bool) -> Result<Date, String> {
    let mut reading = ColumnReading {
        day_first,
        ..ColumnReading::of([text])
    };
    parse_table_date(text, &mut reading).map(|d| d.start)
}

/// The actor columns a row of `len` cells has, in the columns' order.
fn actor_columns_in(columns: &[usize], order_of: &HashMap<usize, usize>, len: usize) -> Vec<usize> {
    if columns.len() <= len {
        return columns.iter().copied().filter(|&c| c < len).collect();
    }
    let mut present: Vec<(usize, usize)> = (0..len)
        .filter_map(|c| order_of.get(&c).map(|&order| (order, c)))
        .collect();
    present.sort_unstable();
    present.into_iter().map(|(_, c)| c).collect()
}

/// Splits a cell holding several values (`a; b`, `a | b`).
fn list(cell: &str) -> Vec<String> {
    super::cells::split_list(cell)
}

fn header_error(origin: &str, text: &str, message: String) -> LoadError {
    LoadError::syntax(origin, 1, 1, message, text.lines().next().unwrap_or(""))
}

/// Imports a CSV table of events. Rows that cannot be read are skipped
/// and reported with their line and column.
pub fn import(text: &str, origin: &str, map: Option<&ColumnMap>) -> Result<Imported, LoadError> {
    let text = text.trim_start_matches('\u{feff}');
    let delimiter = delimiter(text);
    // A GDELT export has no header row: recognised by its shape.
    let gdelt_headers = (delimiter == b'\t')
        .then(|| {
            let first = text.lines().next().unwrap_or("");
            super::gdelt::headers_for(&first.split('\t').collect::<Vec<_>>())
        })
        .flatten();
    // The map's columns this version has (1.0 files before April 2013 have
    // no SOURCEURL).
    let gdelt_map: Option<ColumnMap> = gdelt_headers.as_ref().and_then(|h| {
        let mut map: ColumnMap = super::gdelt::MAP.parse().ok()?;
        map.columns.retain_mut(|(_, cols)| {
            cols.retain(|c| h.contains(c));
            !cols.is_empty()
        });
        Some(map)
    });
    let map = map.or(gdelt_map.as_ref());
    let lines = super::cells::LineIndex::new(text);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(gdelt_headers.is_none())
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match &gdelt_headers {
        Some(h) => h.clone(),
        None => reader
            .headers()
            .map_err(|e| header_error(origin, text, format!("cannot read the header row: {e}")))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect(),
    };
    let columns = assign(&headers, map).map_err(|m| header_error(origin, text, m))?;
    let gdelt_column = |name: &str| {
        gdelt_headers
            .as_ref()
            .and_then(|h| h.iter().position(|n| n == name))
    };
    let (g_actor1, g_actor2, g_root) = (
        gdelt_column("Actor1Name"),
        gdelt_column("Actor2Name"),
        gdelt_column("EventRootCode"),
    );
    let col = |f: Field| columns.get(&f).and_then(|c| c.first()).copied();
    // A whole-date column, else a year column with month and day beside it.
    let whole_dates = col(Field::Start).is_some();
    let Some(c_start) = col(Field::Start).or(col(Field::Year)) else {
        return Err(LoadError::ColumnsNotRecognised {
            origin: origin.to_string(),
            headers,
        });
    };
    let mut skipped = Vec::new();
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) if r.iter().all(|f| f.trim().is_empty()) => {}
            Ok(r) => rows.push(r),
            Err(e) => {
                let line = lines.line_of_position(e.position());
                skipped.push(format!("{origin}: line {line}: {e}"));
            }
        }
    }
    // A `'` our own export put before a formula-like cell goes again.
    let text_cell = |r: &csv::StringRecord, c: Option<usize>| {
        super::cells::unneutralize(c.and_then(|c| r.get(c)).unwrap_or("").trim()).to_string()
    };
    // Elsewhere a missing value written as pandas and R write it (NA,
    // N/A, NULL, NaN) is no value.
    let cell = |r: &csv::StringRecord, c: Option<usize>| {
        let t = text_cell(r, c);
        if is_missing(&t) { String::new() } else { t }
    };
    // Dates from year, month and day columns, as one ISO text per row.
    let parts = |r: &csv::StringRecord, y: Field, m: Field, d: Field| {
        date_from_parts(&cell(r, col(y)), &cell(r, col(m)), &cell(r, col(d)))
    };
    let composed: Vec<(String, String)> = if whole_dates {
        Vec::new()
    } else {
        rows.iter()
            .map(|r| {
                (
                    parts(r, Field::Year, Field::Month, Field::Day),
                    parts(r, Field::EndYear, Field::EndMonth, Field::EndDay),
                )
            })
            .collect()
    };
    let start_cell = |n: usize, r: &csv::StringRecord| match composed.get(n) {
        Some((s, _)) => s.clone(),
        None => cell(r, Some(c_start)),
    };
    let c_end = col(Field::End).or(col(Field::EndYear).filter(|_| !whole_dates));
    let end_cell = |n: usize, r: &csv::StringRecord| match composed.get(n) {
        Some((_, e)) => e.clone(),
        None => cell(r, col(Field::End)),
    };
    // How each date column is read, decided from all its cells. Start and
    // End are read alike: one order for both (a start of 03/04/2015 and an
    // end of 25/04/2015 are both day first).
    let joint = if whole_dates {
        let column_cells = |c: Option<usize>| {
            rows.iter()
                .map(move |r| c.and_then(|c| r.get(c)).unwrap_or("").trim())
        };
        ColumnReading::of(column_cells(Some(c_start)).chain(column_cells(col(Field::End))))
    } else {
        ColumnReading::of(composed.iter().flat_map(|(s, e)| [s.as_str(), e.as_str()]))
    };
    let mut start_reading = joint;
    let mut end_reading = joint;
    let mut approximate_rows = 0usize;
    let mut notes = Vec::new();

    let file_name = origin.rsplit('/').next().unwrap_or(origin);
    let mut groups = Groups::default();
    let mut actors: Vec<Actor> = Vec::new();
    let mut actor_of: HashMap<String, String> = HashMap::new();
    let mut ids = IdSet::default();
    let mut actor_ids = IdSet::default();
    let mut events = Vec::new();
    // The actor columns, and (by position) whether a column is one: a short
    // row is read in the time of its own cells, however many actor columns
    // the header names.
    let actor_columns: Vec<usize> = columns.get(&Field::Actors).cloned().unwrap_or_default();
    let mut is_actor_column: HashMap<usize, usize> = HashMap::new();
    for (order, &c) in actor_columns.iter().enumerate() {
        is_actor_column.entry(c).or_insert(order);
    }
    // Numeric columns: each named by its header, or a `numbers` column
    // listing `name=value` pairs.
    let number_columns: Vec<(usize, String, bool)> = columns
        .get(&Field::Numbers)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|&c| {
            let header = headers.get(c).map_or("", String::as_str).trim();
            (
                c,
                header.to_string(),
                header.eq_ignore_ascii_case("numbers"),
            )
        })
        .collect();
    let mut date_cache: HashMap<String, Result<super::table_dates::CellDate, String>> =
        HashMap::new();
    for (n, r) in rows.iter().enumerate() {
        let line = lines.line_of_position(r.position());
        if let Some(why) = super::cells::extra_fields(r, headers.len()) {
            skipped.push(format!("{origin}: line {line}: {why}"));
            continue;
        }
        let place = |c: usize| {
            format!(
                "{origin}: line {line}, column {} ({})",
                c + 1,
                headers.get(c).map_or("", String::as_str)
            )
        };
        let start_text = start_cell(n, r);
        if start_text.is_empty() {
            skipped.push(format!("{}: no date", place(c_start)));
            continue;
        }
        // Dates repeat (many events a day): each text is read once. The
        // reading only learns flags for the report, so a cached result is
        // the one a second reading would give.
        let parsed = match date_cache.get(&start_text) {
            Some(r) => r.clone(),
            None => {
                let r = parse_table_date(&start_text, &mut start_reading);
                if date_cache.len() < DATE_CACHE_LIMIT {
                    date_cache.insert(start_text.clone(), r.clone());
                }
                r
            }
        };
        let read = match parsed {
            Ok(d) => d,
            Err(e) => {
                skipped.push(format!("{}: {e}", place(c_start)));
                continue;
            }
        };
        let start = read.start;
        let end_text = end_cell(n, r);
        let end = if end_text.is_empty() {
            // A range in the start cell (2004-2011) ends there.
            read.end
        } else {
            let c_end = c_end.unwrap_or(0);
            match parse_table_date(&end_text, &mut end_reading).map(|d| d.end.unwrap_or(d.start)) {
                Ok(e) if e.end_axis_days() <= start.axis_days() => {
                    skipped.push(format!(
                        "{}: ends ({}) before it starts ({})",
                        place(c_end),
                        e.to_iso(),
                        start.to_iso()
                    ));
                    continue;
                }
                Ok(e) if e == start => None,
                Ok(e) => Some(e),
                Err(e) => {
                    skipped.push(format!("{}: {e}", place(c_end)));
                    continue;
                }
            }
        };
        if read.approximate {
            approximate_rows += 1;
        }
        let certainty = match cell(r, col(Field::Certainty)).to_lowercase().as_str() {
            // c. 1850, 1850s: the date says it is approximate.
            "" if read.approximate => Certainty::Approximate,
            // GDELT's events are coded by machine from news reports.
            "" if gdelt_headers.is_some() => Certainty::Reported,
            "" => Certainty::Confirmed,
            c => match Certainty::ALL
                .into_iter()
                .find(|x| x.label().to_lowercase() == c)
            {
                Some(x) => x,
                None => {
                    skipped.push(format!(
                        "{}: {} is not a certainty (expected Confirmed, Reported, Contested or Approximate)",
                        place(col(Field::Certainty).unwrap_or(0)),
                        quoted(c)
                    ));
                    continue;
                }
            },
        };
        let provenance = match cell(r, col(Field::Provenance)).to_lowercase() {
            p if p.starts_with("context") => Provenance::Context,
            _ => Provenance::Article,
        };
        let description = text_cell(r, col(Field::Description));
        let title = match text_cell(r, col(Field::Title)) {
            t if !t.is_empty() => t.replace('\n', " "),
            // GDELT has no titles: who did what to whom.
            _ if gdelt_headers.is_some() => {
                super::gdelt::title(&cell(r, g_actor1), &cell(r, g_root), &cell(r, g_actor2))
            }
            _ if !description.is_empty() => description
                .chars()
                .take(80)
                .collect::<String>()
                .replace('\n', " ")
                .trim_end()
                .to_string(),
            _ => format!("Event on line {line}"),
        };

        let category_text = cell(r, col(Field::Category));
        let category = match super::gdelt::cameo_root(&category_text) {
            Some(name) if gdelt_headers.is_some() => groups.id_for(name),
            _ => groups.id_for(&category_text),
        };

        let mut event_actors = Vec::new();
        let mut seen_actors = HashSet::new();
        for c in actor_columns_in(&actor_columns, &is_actor_column, r.len()) {
            for name in list(&cell(r, Some(c))) {
                let id = actor_of
                    .entry(name.to_lowercase())
                    .or_insert_with(|| {
                        let s = slug(&name);
                        let id = unique_id(
                            if s.is_empty() { "actor".into() } else { s },
                            &mut actor_ids,
                        );
                        actors.push(Actor {
                            id: id.clone(),
                            name: name.clone(),
                            aliases: Vec::new(),
                            kind: ActorKind::Organisation,
                            title: None,
                            affiliation: None,
                        });
                        id
                    })
                    .clone();
                if seen_actors.insert(id.clone()) {
                    event_actors.push(id);
                }
            }
        }

        // Several sources are written `a | b` with their addresses `u | v`.
        let titles: Vec<String> = cell(r, col(Field::Source))
            .split(" | ")
            .map(str::trim)
            .map(str::to_string)
            .collect();
        let urls: Vec<String> = cell(r, col(Field::Url))
            .split(" | ")
            .map(str::trim)
            .map(str::to_string)
            .collect();
        let publishers: Vec<String> = cell(r, col(Field::Publisher))
            .split(" | ")
            .map(str::trim)
            .map(str::to_string)
            .collect();
        let count = titles.len().max(urls.len());
        let mut sources = Vec::new();
        for i in 0..count {
            let mut title = titles.get(i).cloned().unwrap_or_default();
            let mut url = urls.get(i).cloned().filter(|u| !u.is_empty());
            // Only web addresses are links (one rule with the RON loader):
            // anything else stays as text in the title, and is reported.
            if let Some(u) = url.take_if(|u| !super::is_web_url(u)) {
                notes.push(format!(
                    "{}: {} is not an http(s) address: kept as text, not as a link",
                    place(col(Field::Url).unwrap_or(0)),
                    quoted(&u)
                ));
                title = if title.is_empty() {
                    u
                } else {
                    format!("{title} ({u})")
                };
            }
            let publisher = publishers.get(i).cloned().filter(|p| !p.is_empty());
            if title.is_empty() && url.is_none() {
                continue;
            }
            sources.push(Source {
                title: if title.is_empty() {
                    url.clone().unwrap_or_default()
                } else {
                    title
                },
                publisher,
                url,
                date: None,
            });
        }
        if sources.is_empty() {
            sources.push(Source {
                title: format!("CSV file {file_name}, line {line}"),
                publisher: None,
                url: None,
                date: None,
            });
        }

        let wanted = Some(slug(&cell(r, col(Field::Id))))
            .filter(|s| !s.is_empty() && super::is_kebab_case(s))
            .unwrap_or_else(|| {
                let s = slug(&format!("{title} {}", start.to_iso()));
                if super::is_kebab_case(&s) {
                    s
                } else {
                    format!("event-{}", n + 1)
                }
            });
        let optional = |f: Field| Some(cell(r, col(f))).filter(|s| !s.is_empty());
        let several = |f: Field| columns.get(&f).map_or(&[][..], Vec::as_slice).iter();
        let mut tags: Vec<String> = Vec::new();
        for &c in several(Field::Tags) {
            for t in list(&cell(r, Some(c))) {
                if !tags.contains(&t) {
                    tags.push(t);
                }
            }
        }
        // Location, admin1, country: most precise first, each once.
        let mut places: Vec<String> = Vec::new();
        for &c in several(Field::Location) {
            let p = cell(r, Some(c));
            if !p.is_empty() && !places.contains(&p) {
                places.push(p);
            }
        }
        let coordinates = match (
            cell(r, col(Field::Latitude)),
            cell(r, col(Field::Longitude)),
        ) {
            (lat, lon) if lat.is_empty() && lon.is_empty() => None,
            (lat, lon) => match (lat.parse::<f64>(), lon.parse::<f64>()) {
                (Ok(lat), Ok(lon)) => match (Coordinates { lat, lon }).check() {
                    Ok(c) => Some(c),
                    Err(why) => {
                        notes.push(format!(
                            "{}: {why}: coordinates left out",
                            place(col(Field::Latitude).unwrap_or(0))
                        ));
                        None
                    }
                },
                _ => {
                    notes.push(format!(
                        "{}: {} and {} are not a latitude and a longitude: coordinates left out",
                        place(col(Field::Latitude).or(col(Field::Longitude)).unwrap_or(0)),
                        quoted(&lat),
                        quoted(&lon)
                    ));
                    None
                }
            },
        };
        let mut numbers: Vec<(String, f64)> = Vec::new();
        for (c, header, listed) in &number_columns {
            let c = *c;
            let text = cell(r, Some(c));
            if text.is_empty() {
                continue;
            }
            let found = read_numbers(header, *listed, &text);
            for item in found {
                match item {
                    Ok((name, v)) if numbers.iter().all(|(n, _)| *n != name) => {
                        numbers.push((name, v))
                    }
                    Ok((name, _)) => notes.push(format!(
                        "{}: a second number named {}: left out",
                        place(c),
                        quoted(&name)
                    )),
                    Err(why) => notes.push(format!("{}: {why}: left out", place(c))),
                }
            }
        }
        let media = optional(Field::Media)
            .filter(|u| match crate::model::address_problem(u) {
                None => true,
                Some(why) => {
                    let c = col(Field::Media).unwrap_or(0);
                    notes.push(format!("{}: the media address {why}: left out", place(c)));
                    false
                }
            })
            .map(|url| {
                Box::new(crate::model::Media {
                    url,
                    ..Default::default()
                })
            });
        events.push(Event {
            roles: Vec::new(),
            id: unique_id(wanted, &mut ids),
            title,
            start,
            end,
            date_note: optional(Field::DateNote),
            certainty,
            provenance,
            actors: event_actors,
            category,
            tags,
            location: (!places.is_empty()).then(|| places.join(", ")),
            summary: description,
            claim: optional(Field::Claim),
            discrepancy: optional(Field::Discrepancy),
            sources,
            coordinates,
            numbers,
            display_date: optional(Field::DisplayDate),
            media,
            background: None,
            untitled: false,
        });
    }
    // The assumptions the date columns needed, said once each.
    let header_of = |c: Option<usize>| {
        c.and_then(|c| headers.get(c))
            .map_or("", String::as_str)
            .to_string()
    };
    // Said once for both date columns.
    let columns_named = match c_end {
        Some(c) => format!("{} and {}", header_of(Some(c_start)), header_of(Some(c))),
        None => header_of(Some(c_start)),
    };
    let mut both = start_reading;
    both.two_digit_years |= end_reading.two_digit_years;
    both.dotted |= end_reading.dotted;
    let mut assumptions = both.notes(origin, &columns_named);
    if approximate_rows > 0 {
        assumptions.push(format!(
            "{origin}: {approximate_rows} date{} written as approximate (c. 1850, 1850?, 1850s): certainty Approximate",
            if approximate_rows == 1 { "" } else { "s" }
        ));
    }
    if let Some(h) = &gdelt_headers {
        assumptions.insert(
            0,
            format!(
                "{origin}: read as a GDELT {} event export (no header row; columns {})",
                if h.len() == 61 { "2.0" } else { "1.0" },
                gdelt_map
                    .as_ref()
                    .map(ColumnMap::to_spec)
                    .unwrap_or_default()
            ),
        );
    }
    if !whole_dates {
        assumptions.push(format!(
            "{origin}: dates made from the year, month and day columns"
        ));
    }
    // Columns no field reads are named, so that nothing goes unseen.
    let read: HashSet<usize> = columns
        .iter()
        .filter(|(f, _)| !(whole_dates && Field::DATE_PARTS.contains(f)))
        .flat_map(|(_, c)| c.iter().copied())
        .collect();
    let unread: Vec<&str> = headers
        .iter()
        .enumerate()
        .filter(|(i, h)| !read.contains(i) && !h.trim().is_empty())
        .map(|(_, h)| h.as_str())
        .collect();
    if !unread.is_empty() && gdelt_headers.is_none() {
        assumptions.push(format!(
            "{origin}: {} column{} not read: {} (choose them with --map or in the column chooser)",
            unread.len(),
            if unread.len() == 1 { "" } else { "s" },
            unread.join(", ")
        ));
    }
    notes.splice(0..0, assumptions);
    let title = file_name
        .rsplit_once('.')
        .map_or(file_name, |(stem, _)| stem)
        .to_string();
    let mut timeline =
        Timeline::with_parts(title, String::new(), groups.categories, Vec::new(), events);
    timeline.actors = actors;
    Ok(Imported {
        timeline,
        skipped,
        notes,
    })
}

/// The exported header: one column per attribute.
/// (Every field but the date parts: the export writes whole dates.)
pub const EXPORT_FIELDS: &[Field] = Field::ALL
    .split_at(Field::ALL.len() - Field::DATE_PARTS.len())
    .0;

/// The timeline as a CSV table, one row per event in date order. Nothing
/// needs folding: each attribute has its column; several actors or tags
/// are joined with `; `, several sources with ` | `. Actors and categories
/// are written by name. Returns the notes on what changed form.
pub fn export(timeline: &Timeline) -> (String, Vec<String>) {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(EXPORT_FIELDS.iter().map(|f| f.name()));
    let index = crate::query::TimeIndex::new(timeline);
    let mut several_sources = 0;
    for &i in index.sorted() {
        let ev = &timeline.events[i];
        if ev.sources.len() > 1 {
            several_sources += 1;
        }
        let joined = |f: &dyn Fn(&Source) -> String| {
            ev.sources.iter().map(f).collect::<Vec<_>>().join(" | ")
        };
        let cells: Vec<String> = EXPORT_FIELDS
            .iter()
            .map(|field| match field {
                Field::Id => ev.id.clone(),
                Field::Start => ev.start.to_iso(),
                Field::End => ev.end.as_ref().map(Date::to_iso).unwrap_or_default(),
                Field::Title => ev.title.clone(),
                Field::Description => ev.summary.clone(),
                Field::Actors => {
                    super::cells::join_list(ev.actors.iter().map(|a| timeline.actor_name(a)))
                }
                Field::Category => timeline
                    .category(&ev.category)
                    .map_or(ev.category.clone(), |c| c.name.clone()),
                Field::Location => ev.location.clone().unwrap_or_default(),
                Field::Source => joined(&|s| s.title.replace(" | ", " / ")),
                Field::Publisher => joined(&|s| s.publisher.clone().unwrap_or_default()),
                Field::Url => joined(&|s| s.url.clone().unwrap_or_default()),
                Field::Certainty => ev.certainty.label().to_string(),
                Field::Provenance => match ev.provenance {
                    Provenance::Article => "Article",
                    Provenance::Context => "Context",
                }
                .to_string(),
                Field::Tags => super::cells::join_list(ev.tags.iter().map(String::as_str)),
                Field::DateNote => ev.date_note.clone().unwrap_or_default(),
                Field::Claim => ev.claim.clone().unwrap_or_default(),
                Field::Discrepancy => ev.discrepancy.clone().unwrap_or_default(),
                Field::Latitude => ev
                    .coordinates
                    .map(|c| c.lat.to_string())
                    .unwrap_or_default(),
                Field::Longitude => ev
                    .coordinates
                    .map(|c| c.lon.to_string())
                    .unwrap_or_default(),
                Field::Numbers => ev
                    .numbers
                    .iter()
                    .map(|(name, v)| format!("{}={v}", name.replace([';', '='], " ")))
                    .collect::<Vec<_>>()
                    .join("; "),
                Field::DisplayDate => ev.display_date.clone().unwrap_or_default(),
                Field::Media => ev.media.as_ref().map(|m| m.url.clone()).unwrap_or_default(),
                // Dates are written whole, in the start and end columns.
                Field::Year
                | Field::Month
                | Field::Day
                | Field::EndYear
                | Field::EndMonth
                | Field::EndDay => String::new(),
            })
            .collect();
        let _ = writer.write_record(
            cells
                .iter()
                .map(|c| super::cells::neutralize(c).into_owned()),
        );
    }
    let text = String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default();
    let mut notes = vec![
        "actors and categories: written by name (ids are made again from the names on import)"
            .to_string(),
    ];
    if several_sources > 0 {
        notes.push(format!(
            "several sources: joined with \" | \" in the source, publisher and url columns ({several_sources} events)"
        ));
    }
    if !timeline.eras.is_empty() || !timeline.views.is_empty() || !timeline.stories.is_empty() {
        notes.push("eras, saved views and stories: not written (a table holds events only)".into());
    }
    (text, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_export_writes_every_field_but_the_date_parts() {
        for f in Field::ALL {
            assert_eq!(
                EXPORT_FIELDS.contains(&f),
                !Field::DATE_PARTS.contains(&f),
                "{f:?}"
            );
        }
    }

    #[test]
    fn map_spec_parses_and_rejects() {
        let m: ColumnMap = "start=event_date,title=notes,actors=actor1+actor2"
            .parse()
            .unwrap();
        assert_eq!(
            m.columns,
            vec![
                (Field::Start, vec!["event_date".to_string()]),
                (Field::Title, vec!["notes".to_string()]),
                (
                    Field::Actors,
                    vec!["actor1".to_string(), "actor2".to_string()]
                ),
            ]
        );
        assert!(
            "happened=x"
                .parse::<ColumnMap>()
                .unwrap_err()
                .contains("fields are")
        );
        assert!(
            "start"
                .parse::<ColumnMap>()
                .unwrap_err()
                .contains("FIELD=COLUMN")
        );
        assert!(
            "title=a+b"
                .parse::<ColumnMap>()
                .unwrap_err()
                .contains("only actors")
        );
    }

    #[test]
    fn cell_dates() {
        let iso = |t: &str| parse_cell_date(t, false).map(|d| d.to_iso());
        assert_eq!(iso("2015").unwrap(), "2015");
        assert_eq!(iso("-300").unwrap(), "-0300");
        assert_eq!(iso("2015-09-30 12:34:56").unwrap(), "2015-09-30T12:34");
        assert_eq!(iso("2015-09-30T12:34:56Z").unwrap(), "2015-09-30T12:34");
        assert_eq!(iso("09/30/2015").unwrap(), "2015-09-30");
        assert_eq!(iso("30 Sep 2015").unwrap(), "2015-09-30");
        assert_eq!(
            parse_cell_date("03/04/2015", true).unwrap().to_iso(),
            "2015-04-03"
        );
        assert!(iso("soon").unwrap_err().contains("not a date"));
        assert!(parse_cell_date("31/02/2015", true).is_err());
    }

    #[test]
    fn delimiter_is_guessed_from_the_header() {
        assert_eq!(delimiter("date;title;notes\n2020;a,b;c"), b';');
        assert_eq!(delimiter("date\ttitle\n"), b'\t');
        assert_eq!(delimiter("date,title\n"), b',');
        assert_eq!(delimiter("date\n"), b',');
    }
}
