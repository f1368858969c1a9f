//! Reading and writing timelines: the RON format with validation,
//! TimelineJS import, the SVG handout, and the built-in dataset.

pub mod markwhen;
mod ron_file;
pub mod svg;
pub mod timelinejs;
mod validate;

pub use ron_file::{
    LoadError, MAX_FILE_BYTES, SaveError, load_timeline, load_timeline_with_limit, parse_timeline,
    read_text, save_timeline, to_ron_string, write_atomically,
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

pub use timelinejs::Imported;

/// The formats the app reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The native format.
    Ron,
    /// TimelineJS JSON.
    TimelineJs,
    /// The TimelineJS spreadsheet layout as CSV.
    TimelineJsCsv,
    /// Markwhen text.
    Markwhen,
}

impl Format {
    /// From the file's extension, else from its first non-blank character.
    pub fn detect(path: &std::path::Path, text: &str) -> Format {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_lowercase)
            .as_deref()
        {
            Some("json") => Format::TimelineJs,
            Some("csv") => Format::TimelineJsCsv,
            Some("mw") => Format::Markwhen,
            Some("ron") => Format::Ron,
            _ if text.trim_start().starts_with('{') => Format::TimelineJs,
            _ => Format::Ron,
        }
    }
}

/// Opens a timeline in any format the app reads. Imported formats report
/// what they had to skip; RON is all or nothing.
pub fn load_any(path: &std::path::Path) -> Result<Imported, LoadError> {
    let text = read_text(path, MAX_FILE_BYTES)?;
    let origin = path.display().to_string();
    match Format::detect(path, &text) {
        Format::Ron => parse_timeline(&text, &origin).map(|timeline| Imported {
            timeline,
            skipped: Vec::new(),
        }),
        Format::TimelineJs => timelinejs::import_json(&text, &origin),
        Format::TimelineJsCsv => timelinejs::import_csv(&text, &origin),
        Format::Markwhen => markwhen::import(&text, &origin),
    }
}
