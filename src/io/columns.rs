//! Which column of a table holds which event attribute: the fields, the
//! header names recognised for each (snake_case, camelCase, spaces, as
//! real exports write them), and explicit maps (`--map`).

use std::collections::{HashMap, HashSet};

/// An event attribute a column can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Start,
    End,
    Title,
    Description,
    Actors,
    Category,
    Location,
    Source,
    Publisher,
    Url,
    Certainty,
    Provenance,
    Tags,
    DateNote,
    Claim,
    Discrepancy,
    Latitude,
    Longitude,
    /// Numeric columns (fatalities, mentions…), each kept under its header.
    Numbers,
    DisplayDate,
    Media,
    /// Date parts in their own columns (`year`, `startMonth`, `end_day`),
    /// read when the table has no whole-date column.
    Year,
    Month,
    Day,
    EndYear,
    EndMonth,
    EndDay,
}

impl Field {
    pub const ALL: [Field; 28] = [
        Field::Id,
        Field::Start,
        Field::End,
        Field::Title,
        Field::Description,
        Field::Actors,
        Field::Category,
        Field::Location,
        Field::Source,
        Field::Publisher,
        Field::Url,
        Field::Certainty,
        Field::Provenance,
        Field::Tags,
        Field::DateNote,
        Field::Claim,
        Field::Discrepancy,
        Field::Latitude,
        Field::Longitude,
        Field::Numbers,
        Field::DisplayDate,
        Field::Media,
        Field::Year,
        Field::Month,
        Field::Day,
        Field::EndYear,
        Field::EndMonth,
        Field::EndDay,
    ];

    /// The date parts, read only when a table has no whole-date column
    /// (and never written: the export writes whole dates).
    pub const DATE_PARTS: [Field; 6] = [
        Field::Year,
        Field::Month,
        Field::Day,
        Field::EndYear,
        Field::EndMonth,
        Field::EndDay,
    ];

    /// Whether several columns can feed this field (`actors=a1+a2`).
    pub fn takes_several(self) -> bool {
        matches!(
            self,
            Field::Actors | Field::Numbers | Field::Tags | Field::Location
        )
    }

    /// The name used in `--map` and in the exported header.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Start => "start",
            Field::End => "end",
            Field::Title => "title",
            Field::Description => "description",
            Field::Actors => "actors",
            Field::Category => "category",
            Field::Location => "location",
            Field::Source => "source",
            Field::Publisher => "publisher",
            Field::Url => "url",
            Field::Certainty => "certainty",
            Field::Provenance => "provenance",
            Field::Tags => "tags",
            Field::DateNote => "date_note",
            Field::Claim => "claim",
            Field::Discrepancy => "discrepancy",
            Field::Latitude => "latitude",
            Field::Longitude => "longitude",
            Field::Numbers => "numbers",
            Field::DisplayDate => "display_date",
            Field::Media => "media",
            Field::Year => "year",
            Field::Month => "month",
            Field::Day => "day",
            Field::EndYear => "end_year",
            Field::EndMonth => "end_month",
            Field::EndDay => "end_day",
        }
    }

    /// The header names (normalised: lowercase, `_` and `-` as spaces)
    /// recognised for this field.
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Id => &["id", "event id", "unique id", "uid", "event id cnty"],
            Field::Start => &[
                "start",
                "start date",
                "event date",
                "date",
                "begin",
                "from",
                "when",
                "timestamp",
                "datetime",
                "date time",
            ],
            Field::End => &["end", "end date", "until", "to", "finish"],
            Field::Title => &["title", "headline", "event", "name", "label"],
            Field::Description => &["description", "notes", "note", "text", "summary", "details"],
            Field::Actors => &[
                "actors",
                "actor",
                "actor1",
                "actor2",
                "actor 1",
                "actor 2",
                "assoc actor 1",
                "assoc actor 2",
                "participants",
                "people",
            ],
            Field::Category => &["category", "type", "event type", "group", "kind"],
            // Most precise first: joined in this order, ", " between.
            Field::Location => &[
                "location",
                "place",
                "where",
                "admin3",
                "admin2",
                "admin1",
                "region name",
                "country",
            ],
            Field::Source => &["source", "sources", "source title", "reference"],
            Field::Publisher => &["publisher", "outlet"],
            Field::Url => &["url", "link", "source url", "href"],
            Field::Certainty => &["certainty", "confidence"],
            Field::Provenance => &["provenance"],
            Field::Tags => &["tags", "tag", "keywords", "sub event type", "disorder type"],
            Field::DateNote => &["date note"],
            Field::Claim => &["claim"],
            Field::Discrepancy => &["discrepancy"],
            Field::Latitude => &["latitude", "lat", "action geo lat"],
            Field::Longitude => &["longitude", "lon", "lng", "long", "action geo long"],
            Field::Numbers => &[
                "numbers",
                "fatalities",
                "deaths",
                "killed",
                "injured",
                "wounded",
                "casualties",
                "num mentions",
                "num sources",
                "num articles",
                "goldstein scale",
                "avg tone",
            ],
            Field::DisplayDate => &["display date"],
            Field::Media => &["media", "image", "picture", "media url"],
            Field::Year => &["year", "start year"],
            Field::Month => &["month", "start month"],
            Field::Day => &["day", "start day"],
            Field::EndYear => &["end year"],
            Field::EndMonth => &["end month"],
            Field::EndDay => &["end day"],
        }
    }

    fn from_name(name: &str) -> Option<Field> {
        recognised(name)
    }
}

/// A header as compared: lowercase words, whatever the case style
/// (`start_date`, `start-date`, `startDate`, `Start Date`).
fn normalise(header: &str) -> String {
    let header = header.trim().trim_start_matches('\u{feff}');
    let mut spaced = String::with_capacity(header.len() + 4);
    let mut prev: Option<char> = None;
    for c in header.chars() {
        // camelCase: a capital after a small letter or a digit starts a word.
        if c.is_uppercase() && prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit()) {
            spaced.push(' ');
        }
        spaced.extend(c.to_lowercase());
        prev = Some(c);
    }
    spaced
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Columns named explicitly for fields (`--map`); every other field is
/// found by its header name.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ColumnMap {
    /// Field, then the column names it reads (several only for actors).
    pub columns: Vec<(Field, Vec<String>)>,
}

impl std::str::FromStr for ColumnMap {
    type Err = String;

    /// `start=event_date,title=notes,actors=actor1+actor2`.
    fn from_str(spec: &str) -> Result<Self, String> {
        let mut columns = Vec::new();
        for item in spec.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let (field, cols) = item
                .split_once('=')
                .ok_or_else(|| format!("{item:?}: expected FIELD=COLUMN"))?;
            let field = Field::from_name(field).ok_or_else(|| {
                let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
                format!("{field:?} is not a field; fields are {}", names.join(", "))
            })?;
            let cols: Vec<String> = cols
                .split('+')
                .map(|c| c.trim().to_string())
                .filter(|c| !c.is_empty())
                .collect();
            if cols.is_empty() {
                return Err(format!("{item:?}: no column named"));
            }
            if cols.len() > 1 && !field.takes_several() {
                return Err(format!(
                    "{item:?}: only actors, tags, location and numbers can join several columns (with +)"
                ));
            }
            columns.push((field, cols));
        }
        Ok(ColumnMap { columns })
    }
}

impl ColumnMap {
    /// The map as `--map` writes it: `start=event_date,actors=a1+a2`.
    pub fn to_spec(&self) -> String {
        self.columns
            .iter()
            .map(|(f, cols)| format!("{}={}", f.name(), cols.join("+")))
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// The header row of a CSV table (for choosing columns by hand).
pub fn headers(text: &str) -> Vec<String> {
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter(text))
        .from_reader(text.as_bytes());
    reader
        .headers()
        .map(|h| h.iter().map(|c| c.trim().to_string()).collect())
        .unwrap_or_default()
}

/// The field a header name is recognised as, if any.
pub fn recognised(header: &str) -> Option<Field> {
    let h = normalise(header);
    Field::ALL
        .into_iter()
        .find(|f| f.aliases().contains(&h.as_str()) || normalise(f.name()) == h)
}

/// The separator the header line uses most: comma, semicolon or tab.
pub(super) fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&d| (first.bytes().filter(|&b| b == d).count(), d == b','))
        .unwrap_or(b',')
}

/// Which columns hold which field, from the map and the header names.
pub(super) fn assign(
    headers: &[String],
    map: Option<&ColumnMap>,
) -> Result<HashMap<Field, Vec<usize>>, String> {
    let mut assigned: HashMap<Field, Vec<usize>> = HashMap::new();
    let mut used = HashSet::new();
    for (field, cols) in map.map(|m| m.columns.as_slice()).unwrap_or_default() {
        for col in cols {
            let wanted = normalise(col);
            let i = headers
                .iter()
                .position(|h| normalise(h) == wanted)
                .ok_or_else(|| {
                    format!(
                        "the column chosen for {}, {}, is not in this table; the columns are {}",
                        field.name(),
                        crate::model::quoted(col),
                        crate::model::quoted_list(headers)
                    )
                })?;
            assigned.entry(*field).or_default().push(i);
            used.insert(i);
        }
    }
    for (i, header) in headers.iter().enumerate() {
        if used.contains(&i) {
            continue;
        }
        let Some(field) = recognised(header) else {
            continue;
        };
        if map.is_some_and(|m| m.columns.iter().any(|(f, _)| *f == field)) {
            continue;
        }
        assigned.entry(field).or_default().push(i);
    }
    // Fields fed by several columns keep them all (actor1, actor2, …;
    // location, admin1, country in that order). Every other field reads
    // the column whose name it knows best (`event_date` over `timestamp`):
    // the others are left for the report of columns not read.
    let rank = |field: Field, c: usize| {
        let h = normalise(&headers[c]);
        if normalise(field.name()) == h {
            return 0;
        }
        field
            .aliases()
            .iter()
            .position(|a| *a == h)
            .map_or(usize::MAX, |p| p + 1)
    };
    for (field, cols) in assigned.iter_mut() {
        let explicit = map.is_some_and(|m| m.columns.iter().any(|(f, _)| f == field));
        if explicit || *field == Field::Actors {
            continue;
        }
        cols.sort_by_key(|&c| (rank(*field, c), c));
        if !field.takes_several() {
            cols.truncate(1);
        }
    }
    Ok(assigned)
}

/// A cell that says "no value" as pandas and R write it.
pub(super) fn is_missing(cell: &str) -> bool {
    matches!(
        cell,
        "NA" | "N/A" | "n/a" | "#N/A" | "NULL" | "null" | "NaN" | "nan" | "None"
    )
}

/// One date text from year, month and day cells (`1969`, `7`, `20` gives
/// `1969-07-20`; a month name is kept as a name: `20 July 1969`); empty
/// when there is no year.
pub(super) fn date_from_parts(year: &str, month: &str, day: &str) -> String {
    let year = year.replace(',', "");
    if year.is_empty() {
        return String::new();
    }
    let iso_year = match year.parse::<i64>() {
        Ok(y) if y < 0 => format!("-{:04}", y.unsigned_abs()),
        Ok(y) => format!("{y:04}"),
        Err(_) => year.clone(),
    };
    match (month.parse::<u32>(), month.is_empty(), day.is_empty()) {
        (_, true, _) => iso_year,
        (Ok(m), false, true) => format!("{iso_year}-{m:02}"),
        (Ok(m), false, false) => match day.parse::<u32>() {
            Ok(d) => format!("{iso_year}-{m:02}-{d:02}"),
            Err(_) => format!("{iso_year}-{m:02}-{day}"),
        },
        (Err(_), false, true) => format!("{month} {year}"),
        (Err(_), false, false) => format!("{day} {month} {year}"),
    }
}

/// The named numbers of a numeric cell: its header names the number
/// (`fatalities`: `12`), or a `numbers` column lists them
/// (`fatalities=12; mentions=3`, as the export writes them).
pub(super) fn read_numbers(
    header: &str,
    listed: bool,
    text: &str,
) -> Vec<Result<(String, f64), String>> {
    let one = |name: &str, value: &str| {
        let name = name.trim().to_string();
        match value.trim().parse::<f64>() {
            Ok(v) => match crate::model::number_problem(&name, v) {
                None => Ok((name, v)),
                Some(why) => Err(why),
            },
            Err(_) => Err(format!(
                "{} is not a number for {}",
                crate::model::quoted(value.trim()),
                crate::model::quoted(&name)
            )),
        }
    };
    if listed {
        super::cells::split_list(text)
            .iter()
            .map(|item| match item.split_once('=') {
                Some((name, value)) => one(name, value),
                None => Err(format!("{} is not NAME=NUMBER", crate::model::quoted(item))),
            })
            .collect()
    } else {
        vec![one(header, text)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `Field::ALL` lists every field in declaration order, so that
    /// `field as usize` indexes tables of `Field::ALL.len()`.
    #[test]
    fn all_fields_are_listed_in_order() {
        for (i, f) in Field::ALL.iter().enumerate() {
            assert_eq!(*f as usize, i, "{f:?}");
        }
    }
}
