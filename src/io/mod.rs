//! Reading and writing timelines: the RON format with validation,
//! TimelineJS import, the SVG handout, and the built-in dataset.

pub mod cells;
pub mod columns;
pub mod csv_chunks;
mod csv_rows;
pub mod csv_table;
pub mod destination;
pub mod gdelt;
pub mod html;
mod ids;
pub mod links;
pub mod markwhen;
pub mod pdf;
pub mod recovery;
mod ron_file;
pub mod ron_positions;
pub mod svg;
pub mod system_fonts;
pub mod table_dates;
pub mod timelinejs;
pub mod timelinejs_csv;
mod validate;
pub mod watch;

pub use links::{MediaLink, is_openable_url, is_web_url, media_link};
pub use ron_file::{
    Access, EXCERPT_CHARS, excerpt, follow_links, open_regular, persist_temporary, process_alive,
    remove_stale_temporaries, write_atomically_with, write_replacing, write_temporary,
};
pub use ron_file::{
    LoadError, MAX_FILE_BYTES, SaveError, load_timeline, load_timeline_with_limit, parse_timeline,
    read_bytes, read_text, save_timeline, to_ron_string, write_atomically,
};
pub use validate::{Problem, is_kebab_case, validate};

use crate::model::Timeline;

/// The article's timeline, compiled into the binary.
pub const BUILTIN_RON: &str = include_str!("../../data/russia-syria.ron");
/// How the built-in dataset is named in messages.
pub const BUILTIN_ORIGIN: &str = "built-in dataset (data/russia-syria.ron)";

/// The built-in dataset, parsed and validated.
pub fn builtin_timeline() -> Result<Timeline, LoadError> {
    parse_timeline(BUILTIN_RON, BUILTIN_ORIGIN)
}

pub use csv_table::ColumnMap;
pub use timelinejs::Imported;

/// The formats the app reads and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// The native format.
    Ron,
    /// TimelineJS JSON.
    TimelineJs,
    /// The TimelineJS spreadsheet layout as CSV.
    TimelineJsCsv,
    /// Markwhen text.
    Markwhen,
    /// Any table of events as CSV (columns found by their header names).
    Csv,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Ron,
        Format::TimelineJs,
        Format::TimelineJsCsv,
        Format::Markwhen,
        Format::Csv,
    ];

    /// The name used on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Format::Ron => "ron",
            Format::TimelineJs => "timelinejs",
            Format::TimelineJsCsv => "timelinejs-csv",
            Format::Markwhen => "markwhen",
            Format::Csv => "csv",
        }
    }

    /// How the format is named in menus and messages.
    pub fn label(self) -> &'static str {
        match self {
            Format::Ron => "Timeline Explorer (RON)",
            Format::TimelineJs => "TimelineJS (JSON)",
            Format::TimelineJsCsv => "TimelineJS spreadsheet (CSV)",
            Format::Markwhen => "Markwhen",
            Format::Csv => "Table (CSV)",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Ron => "ron",
            Format::TimelineJs => "json",
            Format::TimelineJsCsv | Format::Csv => "csv",
            Format::Markwhen => "mw",
        }
    }

    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The format a file to be written gets from its extension (`.csv`
    /// means the generic table).
    pub fn for_output(path: &std::path::Path) -> Option<Format> {
        match extension(path).as_deref() {
            Some("json") => Some(Format::TimelineJs),
            Some("ron") => Some(Format::Ron),
            Some("mw") => Some(Format::Markwhen),
            Some("csv" | "tsv") => Some(Format::Csv),
            _ => None,
        }
    }

    /// From the file's extension, else from its content. A `.csv` file is
    /// the TimelineJS sheet if its header has `Year` and `Headline`, else a
    /// generic table.
    pub fn detect(path: &std::path::Path, text: &str) -> Format {
        match extension(path).as_deref() {
            Some("json") => Format::TimelineJs,
            Some("csv" | "tsv") => csv_kind(text),
            Some("mw") => Format::Markwhen,
            Some("ron") => Format::Ron,
            _ => Format::sniff(text),
        }
    }

    /// The format of a text with no telling extension.
    pub fn sniff(text: &str) -> Format {
        let text = text.trim_start_matches('\u{feff}');
        let first = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with("//"))
            .unwrap_or("");
        if first.starts_with('{') || first.starts_with('[') {
            return Format::TimelineJs;
        }
        if first.starts_with('(') || first.starts_with("Timeline(") || first.starts_with("#![") {
            return Format::Ron;
        }
        let lower = first.to_lowercase();
        // YAML front matter opens Markwhen files.
        if first == "---"
            || lower.starts_with("title:")
            || lower.starts_with("description:")
            || lower.starts_with("section ")
            || lower.starts_with("group ")
            || first.starts_with('#')
            || markwhen::starts_with_date(first)
        {
            return Format::Markwhen;
        }
        if first.contains([',', ';', '\t']) {
            return csv_kind(text);
        }
        Format::Ron
    }
}

fn extension(path: &std::path::Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_lowercase)
}

fn csv_kind(text: &str) -> Format {
    let header = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap_or("")
        .to_lowercase();
    let cells: Vec<&str> = header
        .split(',')
        .map(|c| c.trim().trim_matches('"'))
        .collect();
    if cells.contains(&"year") && cells.contains(&"headline") {
        Format::TimelineJsCsv
    } else {
        Format::Csv
    }
}

/// How to read a file: the format (detected when `None`) and, for CSV
/// tables, which columns hold what.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    pub format: Option<Format>,
    pub map: Option<ColumnMap>,
}

/// Opens a timeline in any format the app reads. Imported formats report
/// what they had to skip; RON is all or nothing.
pub fn load_any(path: &std::path::Path) -> Result<Imported, LoadError> {
    load_with(path, &LoadOptions::default())
}

/// Opens a timeline as `options` say. A column map implies a CSV table.
pub fn load_with(path: &std::path::Path, options: &LoadOptions) -> Result<Imported, LoadError> {
    let origin = path.display().to_string();
    let is_table = matches!(options.format, Some(Format::Csv | Format::TimelineJsCsv))
        || options.map.is_some()
        || matches!(extension(path).as_deref(), Some("csv" | "tsv"));
    let bytes = read_bytes(path, MAX_FILE_BYTES)?;
    let (text, note) = match decode_utf16(&bytes, &origin) {
        Some(decoded) => decoded,
        None => match String::from_utf8(bytes) {
            Ok(text) => (text, None),
            // Spreadsheets often save CSV in Windows-1252, not UTF-8.
            Err(e) if is_table => {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(e.as_bytes());
                (
                    text.into_owned(),
                    Some(format!(
                        "{origin}: not UTF-8, so read as Windows-1252 (the usual encoding of spreadsheet CSV files)"
                    )),
                )
            }
            Err(e) => return Err(ron_file::not_utf8(&origin, &e)),
        },
    };
    let format = match (options.format, &options.map) {
        (Some(f), _) => f,
        (None, Some(_)) => Format::Csv,
        (None, None) => Format::detect(path, &text),
    };
    let mut imported = import_text(&text, &origin, format, options.map.as_ref())?;
    imported.notes.splice(0..0, note);
    Ok(imported)
}

/// Text that starts with a UTF-16 byte order mark (Excel's "Unicode text",
/// Windows tools), decoded, with a note saying so; `None` for anything else.
fn decode_utf16(bytes: &[u8], origin: &str) -> Option<(String, Option<String>)> {
    let (encoding, bom_len) = encoding_rs::Encoding::for_bom(bytes)?;
    if encoding == encoding_rs::UTF_8 {
        return None;
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
    let mut note = format!(
        "{origin}: read as {} (its byte order mark says so)",
        encoding.name()
    );
    if had_errors {
        note.push_str("; some bytes were not valid and are shown as \u{fffd}");
    }
    Some((text.into_owned(), Some(note)))
}

/// Reads text in a known format.
pub fn import_text(
    text: &str,
    origin: &str,
    format: Format,
    map: Option<&ColumnMap>,
) -> Result<Imported, LoadError> {
    let text = text.trim_start_matches('\u{feff}');
    match format {
        Format::Ron => parse_timeline(text, origin).map(|timeline| Imported {
            timeline,
            skipped: Vec::new(),
            notes: Vec::new(),
        }),
        Format::TimelineJs => timelinejs::import_json(text, origin),
        Format::TimelineJsCsv => timelinejs_csv::import(text, origin),
        Format::Markwhen => markwhen::import(text, origin),
        Format::Csv => csv_table::import(text, origin, map),
    }
}

/// The timeline as text in `format`, with notes on what the format could
/// not carry as such (folded into the text, or changed in form).
pub fn export_text(
    timeline: &Timeline,
    format: Format,
) -> Result<(String, Vec<String>), SaveError> {
    let (text, mut notes) = match format {
        Format::Ron => return Ok((to_ron_string(timeline)?, Vec::new())),
        Format::TimelineJs => {
            let (text, folded) = timelinejs::export_json(timeline);
            (text, folded.notes)
        }
        Format::TimelineJsCsv => {
            let (text, folded) = timelinejs_csv::export(timeline);
            (text, folded.notes)
        }
        Format::Markwhen => markwhen::export(timeline),
        Format::Csv => csv_table::export(timeline),
    };
    // Only RON carries relations and roles: say what stays behind.
    let relations = timeline.relations.len();
    if relations > 0 {
        notes.push(format!(
            "relations between actors ({relations} period{}): not written ({} has no place for them; keep the .ron file, or export them with `relations --json`)",
            if relations == 1 { "" } else { "s" },
            format.label()
        ));
    }
    let roles = timeline
        .events
        .iter()
        .filter(|e| !e.roles.is_empty())
        .count();
    if roles > 0 {
        notes.push(format!(
            "actors' roles (host, mediator, guarantor, …) in {roles} event{}: not written, every actor is a participant there",
            if roles == 1 { "" } else { "s" }
        ));
    }
    Ok((text, notes))
}

/// Writes the timeline to `path` in `format`, atomically, with `access`'s
/// permissions; returns the notes on what was folded.
pub fn save_as(
    path: &std::path::Path,
    timeline: &Timeline,
    format: Format,
    access: Access<'_>,
) -> Result<Vec<String>, SaveError> {
    let (text, notes) = export_text(timeline, format)?;
    write_atomically_with(path, text.as_bytes(), access)?;
    Ok(notes)
}

/// Saves over `path` keeping what was there as `NAME.bak` beside it (with
/// the file's own permissions); both writes are atomic. Through a symbolic
/// link, the link's target is saved (and backed up beside it); a link
/// where the backup goes is replaced, never followed. A new file takes the
/// permissions of `like` (the document's file, when saving it under
/// another name). Returns the backup's path if one was made.
pub fn save_with_backup(
    path: &std::path::Path,
    bytes: &[u8],
    like: Option<&std::path::Path>,
) -> Result<Option<std::path::PathBuf>, SaveError> {
    let target = follow_links(path);
    let io_err = |source| SaveError::Io {
        path: path.display().to_string(),
        source,
    };
    let backup = match open_regular(&target) {
        Ok(mut file) => {
            let mut old = Vec::new();
            std::io::Read::read_to_end(&mut file, &mut old).map_err(io_err)?;
            let mut name = target.file_name().unwrap_or_default().to_os_string();
            name.push(".bak");
            let backup = target.with_file_name(name);
            ron_file::write_replacing(&backup, &old, Access::Same(&target))?;
            Some(backup)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(source) => return Err(io_err(source)),
    };
    write_atomically_with(path, bytes, like.map_or(Access::Keep, Access::Like))?;
    Ok(backup)
}
