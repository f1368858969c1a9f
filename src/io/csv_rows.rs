//! One row of a CSV table read into an event, apart from every other row
//! (so that rows are read on several threads): what needs the whole table
//! (category and actor ids, unique event ids) is left for the caller, who
//! assigns it in row order.

use std::collections::HashMap;

use super::cells::{LineIndex, split_list, unneutralize};
use super::columns::{Field, date_from_parts, is_missing, read_numbers};
use super::table_dates::{CellDate, ColumnReading, DateEvidence, parse_table_date};
use super::timelinejs::{FastMap, slug};
use crate::model::{Certainty, Coordinates, Event, Provenance, Source, quoted};

/// Distinct start texts remembered with their reading, per thread.
const DATE_CACHE_LIMIT: usize = 100_000;

/// Values kept once each, in order. A row holds a few, compared one by
/// one; a hostile cell of thousands is checked against a set instead
/// (never a scan per value).
#[derive(Default)]
struct Distinct {
    items: Vec<String>,
    keys: Option<std::collections::HashSet<String>>,
}

impl Distinct {
    const SCAN: usize = 8;

    /// Adds `value` unless one the same is there: `same` compares two
    /// (for a few), `key` makes what equal values share (for many).
    fn push(&mut self, value: String, same: fn(&str, &str) -> bool, key: fn(&str) -> String) {
        if self.keys.is_none() && self.items.len() >= Self::SCAN {
            self.keys = Some(self.items.iter().map(|v| key(v)).collect());
        }
        let new = match &mut self.keys {
            Some(keys) => keys.insert(key(&value)),
            None => !self.items.iter().any(|v| same(v, &value)),
        };
        if new {
            self.items.push(value);
        }
    }
}

/// Equal but for case.
fn same_ignoring_case(a: &str, b: &str) -> bool {
    a == b
        || a.chars()
            .flat_map(char::to_lowercase)
            .eq(b.chars().flat_map(char::to_lowercase))
}

/// What every row is read with: the table's columns and names.
pub struct RowReader<'a> {
    pub origin: &'a str,
    pub file_name: &'a str,
    pub headers: &'a [String],
    pub columns: &'a HashMap<Field, Vec<usize>>,
    /// See [`RowReader::first_columns`].
    pub first_columns: [Option<usize>; Field::ALL.len()],
    pub lines: &'a LineIndex<'a>,
    /// A GDELT export: titles from actors and CAMEO codes, certainty
    /// Reported.
    pub gdelt: Option<GdeltColumns>,
    /// The start column (a whole date, or the year).
    pub c_start: usize,
    /// The end column the report names.
    pub c_end: Option<usize>,
    /// The actor columns in order, and each one's rank by position.
    pub actor_columns: Vec<usize>,
    pub actor_rank: HashMap<usize, usize>,
    /// Numeric columns: index, header, whether it lists `name=value`s.
    pub number_columns: Vec<(usize, String, bool)>,
}

/// The GDELT columns a title is made of.
#[derive(Clone, Copy, Debug)]
pub struct GdeltColumns {
    pub actor1: Option<usize>,
    pub actor2: Option<usize>,
    pub root: Option<usize>,
}

/// What one thread learns while reading its rows.
#[derive(Default)]
pub struct RowState {
    pub start_reading: ColumnReading,
    pub end_reading: ColumnReading,
    cache: FastMap<String, Result<CellDate, String>>,
}

impl RowState {
    pub fn new(reading: ColumnReading) -> Self {
        Self {
            start_reading: reading,
            end_reading: reading,
            cache: FastMap::default(),
        }
    }
}

/// The rows of one piece of the table as read: events still without
/// their table-wide ids (`id` is the wanted id, `category` the group's
/// name, `actors` the actors' names), and what was left out.
pub struct PieceOut {
    pub events: Vec<Event>,
    /// Events (by index) whose id is to be `event-N` after the row's
    /// number in the table (N - 1 is `rows` before it, counted here).
    pub numbered: Vec<(usize, usize)>,
    pub skipped: Vec<String>,
    pub notes: Vec<String>,
    /// Rows read, events or not.
    pub rows: usize,
    /// Events whose date says it is approximate.
    pub approximate: usize,
    pub state: RowState,
    /// What the date cells say about how to read them.
    pub evidence: DateEvidence,
}

impl PieceOut {
    pub fn new(reading: ColumnReading, capacity: usize) -> Self {
        Self {
            events: Vec::with_capacity(capacity),
            numbered: Vec::new(),
            skipped: Vec::new(),
            notes: Vec::new(),
            rows: 0,
            approximate: 0,
            state: RowState::new(reading),
            evidence: DateEvidence::default(),
        }
    }
}

impl RowReader<'_> {
    /// The first column of `f` (looked up in a table made once: a row
    /// asks some twenty times).
    fn col(&self, f: Field) -> Option<usize> {
        self.first_columns.get(f as usize).copied().flatten()
    }

    fn several(&self, f: Field) -> &[usize] {
        self.columns.get(&f).map_or(&[][..], Vec::as_slice)
    }

    /// Each field's first column, by `Field as usize`.
    pub fn first_columns(
        columns: &HashMap<Field, Vec<usize>>,
    ) -> [Option<usize>; Field::ALL.len()] {
        let mut first = [None; Field::ALL.len()];
        for (f, c) in columns {
            if let Some(slot) = first.get_mut(*f as usize) {
                *slot = c.first().copied();
            }
        }
        first
    }

    /// The cell without the `'` our own export put before a formula-like
    /// cell.
    fn text_cell<'r>(&self, r: &'r csv::StringRecord, c: Option<usize>) -> &'r str {
        unneutralize(c.and_then(|c| r.get(c)).unwrap_or("").trim())
    }

    /// The cell, a missing value written as pandas and R write it (NA,
    /// N/A, NULL, NaN) read as none.
    fn cell<'r>(&self, r: &'r csv::StringRecord, c: Option<usize>) -> &'r str {
        let t = self.text_cell(r, c);
        if is_missing(t) { "" } else { t }
    }

    /// The start and end texts from year, month and day columns.
    pub fn composed(&self, r: &csv::StringRecord) -> (String, String) {
        let parts = |y: Field, m: Field, d: Field| {
            date_from_parts(
                self.cell(r, self.col(y)),
                self.cell(r, self.col(m)),
                self.cell(r, self.col(d)),
            )
        };
        (
            parts(Field::Year, Field::Month, Field::Day),
            parts(Field::EndYear, Field::EndMonth, Field::EndDay),
        )
    }

    /// The raw start and end cells the column reading is decided from.
    pub fn date_cells<'r>(&self, r: &'r csv::StringRecord) -> [&'r str; 2] {
        let raw = |c: Option<usize>| c.and_then(|c| r.get(c)).unwrap_or("").trim();
        [raw(Some(self.c_start)), raw(self.col(Field::End))]
    }

    fn place(&self, line: usize, c: usize) -> String {
        format!(
            "{}: line {line}, column {} ({})",
            self.origin,
            c + 1,
            self.headers.get(c).map_or("", String::as_str)
        )
    }

    /// The row on `line`, into `out`. `composed` holds its dates when they
    /// are made from parts.
    pub fn read(
        &self,
        line: usize,
        r: &csv::StringRecord,
        composed: Option<&(String, String)>,
        out: &mut PieceOut,
    ) {
        let n = out.rows;
        out.rows += 1;
        match self.event(line, r, composed, &mut out.state, &mut out.notes) {
            Ok((event, approximate)) => {
                if event.id.is_empty() {
                    out.numbered.push((out.events.len(), n));
                }
                out.events.push(event);
                out.approximate += usize::from(approximate);
            }
            Err(why) => out.skipped.push(why),
        }
    }

    /// The row's dates made from year, month and day columns, when the
    /// table has no whole-date column (made once per row: the evidence and
    /// the event both read them).
    pub fn composed_if_needed(&self, r: &csv::StringRecord) -> Option<(String, String)> {
        self.col(Field::Start).is_none().then(|| self.composed(r))
    }

    /// Takes in what the row's date cells (or `composed` dates) say about
    /// their column.
    pub fn add_evidence(
        &self,
        r: &csv::StringRecord,
        composed: Option<&(String, String)>,
        evidence: &mut DateEvidence,
    ) {
        match composed {
            Some((start, end)) => {
                evidence.add(start);
                evidence.add(end);
            }
            None => {
                for cell in self.date_cells(r) {
                    evidence.add(cell);
                }
            }
        }
    }

    fn event(
        &self,
        line: usize,
        r: &csv::StringRecord,
        composed: Option<&(String, String)>,
        state: &mut RowState,
        notes: &mut Vec<String>,
    ) -> Result<(Event, bool), String> {
        if let Some(why) = super::cells::extra_fields(r, self.headers.len()) {
            return Err(format!("{}: line {line}: {why}", self.origin));
        }
        let place = |c: usize| self.place(line, c);
        let start_text = match composed {
            Some((s, _)) => s.as_str(),
            None => self.cell(r, Some(self.c_start)),
        };
        if start_text.is_empty() {
            return Err(format!("{}: no date", place(self.c_start)));
        }
        // Dates repeat (many events a day): each text is read once. The
        // reading only learns flags for the report, so a cached result is
        // the one a second reading would give.
        let parsed = match state.cache.get(start_text) {
            Some(r) => r.clone(),
            None => {
                let r = parse_table_date(start_text, &mut state.start_reading);
                if state.cache.len() < DATE_CACHE_LIMIT {
                    state.cache.insert(start_text.to_string(), r.clone());
                }
                r
            }
        };
        let read = parsed.map_err(|e| format!("{}: {e}", place(self.c_start)))?;
        let start = read.start;
        let end_text = match composed {
            Some((_, e)) => e.as_str(),
            None => self.cell(r, self.col(Field::End)),
        };
        let end = if end_text.is_empty() {
            // A range in the start cell (2004-2011) ends there.
            read.end
        } else {
            let c_end = self.c_end.unwrap_or(0);
            match parse_table_date(end_text, &mut state.end_reading)
                .map(|d| d.end.unwrap_or(d.start))
            {
                Ok(e) if e.end_axis_days() <= start.axis_days() => {
                    return Err(format!(
                        "{}: ends ({}) before it starts ({})",
                        place(c_end),
                        e.to_iso(),
                        start.to_iso()
                    ));
                }
                Ok(e) if e == start => None,
                Ok(e) => Some(e),
                Err(e) => return Err(format!("{}: {e}", place(c_end))),
            }
        };
        let c_certainty = self.col(Field::Certainty);
        let certainty = match self.cell(r, c_certainty).to_lowercase().as_str() {
            // c. 1850, 1850s: the date says it is approximate.
            "" if read.approximate => Certainty::Approximate,
            // GDELT's events are coded by machine from news reports.
            "" if self.gdelt.is_some() => Certainty::Reported,
            "" => Certainty::Confirmed,
            c => Certainty::ALL
                .into_iter()
                .find(|x| x.label().to_lowercase() == c)
                .ok_or_else(|| {
                    format!(
                        "{}: {} is not a certainty (expected Confirmed, Reported, Contested or Approximate)",
                        place(c_certainty.unwrap_or(0)),
                        quoted(c)
                    )
                })?,
        };
        let provenance = match self.cell(r, self.col(Field::Provenance)).to_lowercase() {
            p if p.starts_with("context") => Provenance::Context,
            _ => Provenance::Article,
        };
        let description = self.text_cell(r, self.col(Field::Description));
        let given = self.text_cell(r, self.col(Field::Title));
        let title = if !given.is_empty() {
            given.replace('\n', " ")
        } else if let Some(g) = self.gdelt {
            // GDELT has no titles: who did what to whom.
            super::gdelt::title(
                self.cell(r, g.actor1),
                self.cell(r, g.root),
                self.cell(r, g.actor2),
            )
        } else if !description.is_empty() {
            let cut = description
                .char_indices()
                .nth(80)
                .map_or(description.len(), |(i, _)| i);
            let head = description[..cut].trim_end();
            if head.contains('\n') {
                head.replace('\n', " ")
            } else {
                head.to_string()
            }
        } else {
            format!("Event on line {line}")
        };

        let category_text = self.cell(r, self.col(Field::Category));
        let category = match super::gdelt::cameo_root(category_text) {
            Some(name) if self.gdelt.is_some() => name.to_string(),
            _ => category_text.to_string(),
        };

        // Each actor once, names that differ only in case being one.
        let mut actors = Distinct::default();
        for c in self.actor_columns_in(r.len()) {
            for name in split_list(self.cell(r, Some(c))) {
                actors.push(name, same_ignoring_case, str::to_lowercase);
            }
        }
        let mut actors = actors.items;
        // A million events: each Vec holds what it needs, not room for four.
        actors.shrink_to_fit();

        let sources = self.sources(r, line, notes);
        let wanted = Some(slug(self.cell(r, self.col(Field::Id))))
            .filter(|s| !s.is_empty() && super::is_kebab_case(s))
            .unwrap_or_else(|| {
                let s = slug(&format!("{title} {}", start.to_iso()));
                // Else `event-N`, N known only to the caller: none here.
                if super::is_kebab_case(&s) {
                    s
                } else {
                    String::new()
                }
            });
        let optional = |f: Field| {
            Some(self.cell(r, self.col(f)))
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let mut tags = Distinct::default();
        for &c in self.several(Field::Tags) {
            for t in split_list(self.cell(r, Some(c))) {
                tags.push(t, |a, b| a == b, str::to_string);
            }
        }
        let mut tags = tags.items;
        tags.shrink_to_fit();
        // Location, admin1, country: most precise first, each once.
        let mut places: Vec<&str> = Vec::new();
        for &c in self.several(Field::Location) {
            let p = self.cell(r, Some(c));
            if !p.is_empty() && !places.contains(&p) {
                places.push(p);
            }
        }
        let coordinates = self.coordinates(r, line, notes);
        let numbers = self.numbers(r, line, notes);
        let media = optional(Field::Media)
            .filter(|u| match crate::model::address_problem(u) {
                None => true,
                Some(why) => {
                    let c = self.col(Field::Media).unwrap_or(0);
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
        // The id as written, kept beside ours when it differs.
        let given_id = self.cell(r, self.col(Field::Id));
        let id_as_written = match super::ids::written_id(given_id, &wanted) {
            Ok(w) => w,
            Err(why) => {
                let c = self.col(Field::Id).unwrap_or(0);
                notes.push(format!("{}: the id {why}: not kept as written", place(c)));
                None
            }
        };
        let event = Event {
            roles: Vec::new(),
            id_as_written,
            id: wanted,
            title,
            start,
            end,
            date_note: optional(Field::DateNote),
            certainty,
            provenance,
            actors,
            category,
            tags,
            location: (!places.is_empty()).then(|| places.join(", ")),
            summary: description.to_string(),
            claim: optional(Field::Claim),
            discrepancy: optional(Field::Discrepancy),
            sources,
            coordinates,
            numbers,
            display_date: optional(Field::DisplayDate),
            media,
            background: None,
            untitled: false,
        };
        Ok((event, read.approximate))
    }

    /// The actor columns a row of `len` cells has, in the columns' order:
    /// a short row is read in the terms of its own cells, however many
    /// actor columns the header names.
    fn actor_columns_in(&self, len: usize) -> Vec<usize> {
        if self.actor_columns.len() <= len {
            return self
                .actor_columns
                .iter()
                .copied()
                .filter(|&c| c < len)
                .collect();
        }
        let mut present: Vec<(usize, usize)> = (0..len)
            .filter_map(|c| self.actor_rank.get(&c).map(|&order| (order, c)))
            .collect();
        present.sort_unstable();
        present.into_iter().map(|(_, c)| c).collect()
    }

    /// Several sources are written `a | b` with their addresses `u | v`.
    fn sources(&self, r: &csv::StringRecord, line: usize, notes: &mut Vec<String>) -> Vec<Source> {
        let split = |f: Field| -> Vec<&str> {
            let cell = self.cell(r, self.col(f));
            if memchr::memchr(b'|', cell.as_bytes()).is_none() {
                return vec![cell];
            }
            cell.split(" | ").map(str::trim).collect()
        };
        let (titles, urls, publishers) = (
            split(Field::Source),
            split(Field::Url),
            split(Field::Publisher),
        );
        let count = titles.len().max(urls.len());
        let mut sources = Vec::with_capacity(count);
        for i in 0..count {
            let mut title = titles.get(i).copied().unwrap_or_default().to_string();
            let mut url = urls.get(i).filter(|u| !u.is_empty()).map(|u| u.to_string());
            // Only web addresses are links (one rule with the RON loader):
            // anything else stays as text in the title, and is reported.
            if let Some(u) = url.take_if(|u| !super::is_web_url(u)) {
                notes.push(format!(
                    "{}: {} is not an http(s) address: kept as text, not as a link",
                    self.place(line, self.col(Field::Url).unwrap_or(0)),
                    quoted(&u)
                ));
                title = if title.is_empty() {
                    u
                } else {
                    format!("{title} ({u})")
                };
            }
            let publisher = publishers
                .get(i)
                .filter(|p| !p.is_empty())
                .map(|p| p.to_string());
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
                title: format!("CSV file {}, line {line}", self.file_name),
                publisher: None,
                url: None,
                date: None,
            });
        }
        sources
    }

    fn coordinates(
        &self,
        r: &csv::StringRecord,
        line: usize,
        notes: &mut Vec<String>,
    ) -> Option<Coordinates> {
        let (c_lat, c_lon) = (self.col(Field::Latitude), self.col(Field::Longitude));
        let (lat, lon) = (self.cell(r, c_lat), self.cell(r, c_lon));
        if lat.is_empty() && lon.is_empty() {
            return None;
        }
        match (lat.parse::<f64>(), lon.parse::<f64>()) {
            (Ok(lat), Ok(lon)) => match (Coordinates { lat, lon }).check() {
                Ok(c) => Some(c),
                Err(why) => {
                    notes.push(format!(
                        "{}: {why}: coordinates left out",
                        self.place(line, c_lat.unwrap_or(0))
                    ));
                    None
                }
            },
            _ => {
                notes.push(format!(
                    "{}: {} and {} are not a latitude and a longitude: coordinates left out",
                    self.place(line, c_lat.or(c_lon).unwrap_or(0)),
                    quoted(lat),
                    quoted(lon)
                ));
                None
            }
        }
    }

    fn numbers(
        &self,
        r: &csv::StringRecord,
        line: usize,
        notes: &mut Vec<String>,
    ) -> Vec<(String, f64)> {
        let mut numbers: Vec<(String, f64)> = Vec::with_capacity(self.number_columns.len());
        for (c, header, listed) in &self.number_columns {
            let text = self.cell(r, Some(*c));
            if text.is_empty() {
                continue;
            }
            for item in read_numbers(header, *listed, text) {
                match item {
                    Ok((name, v)) if numbers.iter().all(|(n, _)| *n != name) => {
                        numbers.push((name, v))
                    }
                    Ok((name, _)) => notes.push(format!(
                        "{}: a second number named {}: left out",
                        self.place(line, *c),
                        quoted(&name)
                    )),
                    Err(why) => notes.push(format!("{}: {why}: left out", self.place(line, *c))),
                }
            }
        }
        numbers.shrink_to_fit();
        numbers
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinct_values_are_kept_once_whether_few_or_many() {
        for n in [3usize, 50] {
            let mut actors = Distinct::default();
            for i in 0..n {
                actors.push(format!("Actor {i}"), same_ignoring_case, str::to_lowercase);
                actors.push(format!("ACTOR {i}"), same_ignoring_case, str::to_lowercase);
            }
            // A name seen among the first ones, again after the set is made.
            actors.push("actor 0".into(), same_ignoring_case, str::to_lowercase);
            let expected: Vec<String> = (0..n).map(|i| format!("Actor {i}")).collect();
            assert_eq!(actors.items, expected, "{n} names");
        }
    }
}
