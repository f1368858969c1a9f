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
use std::ops::Range;

use super::LoadError;
pub use super::columns::{ColumnMap, Field, headers, recognised};
use super::columns::{assign, delimiter};
use super::csv_rows::{GdeltColumns, PieceOut, RowReader};
use super::table_dates::{ColumnReading, DateEvidence, parse_table_date};
use super::timelinejs::FastMap;
use super::timelinejs::{Groups, IdSet, Imported, slug, unique_id};
use crate::model::{Actor, ActorKind, Date, Provenance, Source, Timeline, quoted};

/// One date cell read alone (tests and callers without a column): see
/// [`super::table_dates`] for how a column decides its forms.
pub fn parse_cell_date(text: &str, day_first: bool) -> Result<Date, String> {
    let mut reading = ColumnReading {
        day_first,
        ..ColumnReading::of([text])
    };
    parse_table_date(text, &mut reading).map(|d| d.start)
}

/// Calls `each` with the line and cells of every record of `text[range]`
/// (blank rows are no record) until it returns false; returns the records
/// that cannot be read, with their lines.
fn for_each_record(
    text: &str,
    range: Range<usize>,
    delimiter: u8,
    rows: &RowReader,
    mut each: impl FnMut(usize, &csv::StringRecord) -> bool,
) -> Vec<String> {
    let offset = range.start;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(&text.as_bytes()[range]);
    let line_of =
        |p: Option<&csv::Position>| p.map_or(0, |p| rows.lines.line_of(offset + p.byte() as usize));
    let mut skipped = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) if record.iter().all(|f| f.trim().is_empty()) => {}
            Ok(true) => {
                if !each(line_of(record.position()), &record) {
                    break;
                }
            }
            Err(e) => {
                let line = line_of(e.position());
                let why = match e.kind() {
                    csv::ErrorKind::Utf8 { err, .. } => format!("not UTF-8 text ({err})"),
                    // Text in memory has no reading errors; were there one,
                    // the reader would not move on.
                    csv::ErrorKind::Io(_) => {
                        skipped.push(format!("{}: line {line}: {e}", rows.origin));
                        break;
                    }
                    _ => e.to_string(),
                };
                skipped.push(format!("{}: line {line}: {why}", rows.origin));
            }
        }
    }
    skipped
}

fn header_error(origin: &str, text: &str, message: String) -> LoadError {
    LoadError::syntax(origin, 1, 1, message, text.lines().next().unwrap_or(""))
}

/// Imports a CSV table of events. Rows that cannot be read are skipped
/// and reported with their line and column.
pub fn import(text: &str, origin: &str, map: Option<&ColumnMap>) -> Result<Imported, LoadError> {
    import_in_pieces(text, origin, map, super::csv_chunks::threads())
}

/// [`import`], the body read in at most `pieces` pieces at once (the
/// result is the same for any number: tests compare them).
pub fn import_in_pieces(
    text: &str,
    origin: &str,
    map: Option<&ColumnMap>,
    pieces: usize,
) -> Result<Imported, LoadError> {
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
    let col = |f: Field| columns.get(&f).and_then(|c| c.first()).copied();
    // A whole-date column, else a year column with month and day beside it.
    let whole_dates = col(Field::Start).is_some();
    let Some(c_start) = col(Field::Start).or(col(Field::Year)) else {
        return Err(LoadError::ColumnsNotRecognised {
            origin: origin.to_string(),
            headers,
        });
    };
    let file_name = origin.rsplit('/').next().unwrap_or(origin);
    // The actor columns, and (by position) whether a column is one.
    let actor_columns: Vec<usize> = columns.get(&Field::Actors).cloned().unwrap_or_default();
    let mut actor_rank: HashMap<usize, usize> = HashMap::new();
    for (order, &c) in actor_columns.iter().enumerate() {
        actor_rank.entry(c).or_insert(order);
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
    let c_end = col(Field::End).or(col(Field::EndYear).filter(|_| !whole_dates));
    let rows_reader = RowReader {
        origin,
        file_name,
        headers: &headers,
        columns: &columns,
        first_columns: RowReader::first_columns(&columns),
        lines: &lines,
        gdelt: gdelt_headers.is_some().then(|| GdeltColumns {
            actor1: gdelt_column("Actor1Name"),
            actor2: gdelt_column("Actor2Name"),
            root: gdelt_column("EventRootCode"),
        }),
        c_start,
        c_end,
        actor_columns,
        actor_rank,
        number_columns,
    };

    // The body, cut where records end, is read on every thread.
    let body_start = if gdelt_headers.is_some() {
        0
    } else {
        reader.position().byte() as usize
    };
    drop(reader);
    let pieces = super::csv_chunks::record_pieces(text.as_bytes(), body_start, delimiter, pieces);
    // How each date column is read is decided from all its cells (start
    // and end alike: a start of 03/04/2015 and an end of 25/04/2015 are both
    // day first). The rows are read with the reading of the first rows,
    // and again in the rare table whose later rows decide otherwise.
    let mut guess = DateEvidence::default();
    let mut sample = (0usize, 0usize);
    for_each_record(
        text,
        body_start..text.len(),
        delimiter,
        &rows_reader,
        |_, r| {
            let composed = rows_reader.composed_if_needed(r);
            rows_reader.add_evidence(r, composed.as_ref(), &mut guess);
            sample = (sample.0 + 1, sample.1 + r.as_slice().len() + r.len());
            sample.0 < 1000
        },
    );
    // Room for the events (a Vec that grows copies them): the rows a
    // piece would hold were they like the first ones, never more than it
    // has lines, nor more than 2,000,000 (about 900 MB of address space:
    // what is not used costs no memory, but a file of blank lines must not
    // reserve more than a small machine allows; past that the Vec grows).
    let per_row_bytes = sample.1.max(1) as f64 / sample.0.max(1) as f64;
    let room = |range: Range<usize>| {
        let estimate = (range.len() as f64 / per_row_bytes * 1.25) as usize;
        estimate.min(lines.breaks_in(range) + 1).min(2_000_000)
    };
    let read_all = |reading: ColumnReading| {
        super::csv_chunks::in_parallel(pieces.clone(), |range| {
            // The first piece's events become the timeline's: room for all.
            let rows = if range.start == body_start {
                room(body_start..text.len())
            } else {
                room(range.clone())
            };
            let mut out = PieceOut::new(reading, rows);
            let unreadable = for_each_record(text, range, delimiter, &rows_reader, |line, r| {
                let composed = rows_reader.composed_if_needed(r);
                rows_reader.add_evidence(r, composed.as_ref(), &mut out.evidence);
                rows_reader.read(line, r, composed.as_ref(), &mut out);
                true
            });
            out.skipped.splice(0..0, unreadable);
            out
        })
    };
    let mut joint = guess.reading();
    let mut outs = read_all(joint);
    let evidence = outs
        .iter()
        .fold(DateEvidence::default(), |e, o| e.merge(o.evidence));
    if evidence.reading() != joint {
        joint = evidence.reading();
        drop(outs);
        outs = read_all(joint);
    }

    // Ids, categories and actors for the whole table, in row order.
    let mut start_reading = joint;
    let mut end_reading = joint;
    let mut approximate_rows = 0usize;
    let mut notes = Vec::new();
    let mut groups = Groups::default();
    let mut actors: Vec<Actor> = Vec::new();
    // Actors by lowercase name, and by the names as written (so that
    // most names need no lowercasing).
    let mut actor_of: FastMap<String, String> = FastMap::default();
    let mut actor_by_name: FastMap<String, String> = FastMap::default();
    let mut ids = IdSet::with_capacity(outs.iter().map(|o| o.events.len()).sum());
    let mut actor_ids = IdSet::default();
    let mut skipped: Vec<String> = Vec::new();
    let mut first_row = 0;
    for out in &mut outs {
        for (i, n) in std::mem::take(&mut out.numbered) {
            // No id could be made from its title and date.
            out.events[i].id = format!("event-{}", first_row + n + 1);
        }
        first_row += out.rows;
        start_reading.learn(&out.state.start_reading);
        end_reading.learn(&out.state.end_reading);
        approximate_rows += out.approximate;
        skipped.append(&mut out.skipped);
        notes.append(&mut out.notes);
        for event in &mut out.events {
            groups.name_to_id(&mut event.category);
            for actor in &mut event.actors {
                if let Some(id) = actor_by_name.get(actor.as_str()) {
                    actor.clone_from(id);
                    continue;
                }
                // Names that differ only in case are one actor.
                let id = actor_of
                    .entry(actor.to_lowercase())
                    .or_insert_with(|| {
                        let s = slug(actor);
                        let id = unique_id(
                            if s.is_empty() { "actor".into() } else { s },
                            &mut actor_ids,
                        );
                        actors.push(Actor {
                            id: id.clone(),
                            name: actor.clone(),
                            aliases: Vec::new(),
                            kind: ActorKind::Organisation,
                            title: None,
                            affiliation: None,
                        });
                        id
                    })
                    .clone();
                actor_by_name.insert(std::mem::replace(actor, id.clone()), id);
            }
            event.id = unique_id(std::mem::take(&mut event.id), &mut ids);
            if event.id_as_written.as_ref() == Some(&event.id) {
                event.id_as_written = None;
            }
        }
    }
    let mut outs = outs.into_iter();
    let mut events = outs.next().map(|o| o.events).unwrap_or_default();
    for mut out in outs {
        events.append(&mut out.events);
    }
    // Ids as written that another row has too: said, with the first.
    let dropped = super::ids::keep_written_ids(&mut events);
    if let Some((i, given)) = dropped.first() {
        notes.push(format!(
            "{origin}: {} id{} as written not kept, being another row's id too (the first: {}, kept as {})",
            dropped.len(),
            if dropped.len() == 1 { "" } else { "s" },
            quoted(given),
            quoted(&events[*i].id)
        ));
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
                Field::Id => ev.id_as_written.clone().unwrap_or_else(|| ev.id.clone()),
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
