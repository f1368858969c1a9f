//! What is remembered between runs: one struct, every field defaulted, so
//! that state written by an older version still reads.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::layout::TimeWindow;
use crate::model::{Query, SavedView};
use crate::query::{Grouping, SortColumn};

use super::command::ThemeChoice;

/// How many recent files the File menu lists.
pub const RECENT_FILES: usize = 10;
/// The interface scales allowed (egui's keyboard zoom stays within these).
pub const UI_SCALE_MIN: f32 = 0.5;
pub const UI_SCALE_MAX: f32 = 3.0;
/// How many folders written into are remembered.
pub const WRITTEN_FOLDERS: usize = 20;
/// How many CSV column choices are remembered.
pub const COLUMN_MAPS: usize = 50;

/// What is remembered between runs. The preferences (everything but the
/// file, the window and the selection) are the app's live settings; the
/// other three are filled in when the state is saved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PersistedState {
    /// The file last opened; `None` for the built-in dataset.
    pub file: Option<PathBuf>,
    pub window: Option<TimeWindow>,
    pub selected_id: Option<String>,
    pub grouping: Grouping,
    pub show_legend: bool,
    /// Long stretches without events are drawn narrower, with a break.
    pub shorten_gaps: bool,
    /// Event labels may wrap onto a second line (rows grow taller).
    pub two_line_labels: bool,
    /// The network of relations at a date is shown.
    pub show_network: bool,
    pub query: Query,
    /// Views the user saved (for any file).
    pub views: Vec<SavedView>,
    /// Files opened lately, the latest first.
    pub recent: Vec<PathBuf>,
    /// Column choices for CSV tables, by file (as `--map` writes them).
    pub column_maps: Vec<(PathBuf, String)>,
    pub theme: ThemeChoice,
    /// The event table's sort column and direction (ascending).
    pub table_sort: (SortColumn, bool),
    /// Folders the app wrote into lately (saves, exports), the latest
    /// first: a killed write's temporary file there goes at the next start.
    pub written_folders: Vec<PathBuf>,
    /// The interface scale (egui's zoom factor) outside presentations.
    pub ui_scale: f32,
}

impl Default for PersistedState {
    fn default() -> Self {
        Self {
            file: None,
            window: None,
            selected_id: None,
            grouping: Grouping::None,
            show_legend: true,
            shorten_gaps: true,
            two_line_labels: false,
            show_network: false,
            query: Query::default(),
            views: Vec::new(),
            recent: Vec::new(),
            column_maps: Vec::new(),
            theme: ThemeChoice::System,
            table_sort: (SortColumn::Date, true),
            written_folders: Vec::new(),
            ui_scale: 1.0,
        }
    }
}

/// Remembered state that could not be read back.
#[derive(Debug, thiserror::Error)]
#[error("the remembered state does not decode: {0}")]
pub struct DecodeError(#[from] ron::error::SpannedError);

/// Remembered state that could not be written.
#[derive(Debug, thiserror::Error)]
#[error("the state cannot be encoded: {0}")]
pub struct EncodeError(#[from] ron::Error);

/// Decodes remembered state.
pub fn decode_state(text: &str) -> Result<PersistedState, DecodeError> {
    Ok(ron::from_str(text)?)
}

pub fn encode_state(state: &PersistedState) -> Result<String, EncodeError> {
    Ok(ron::to_string(state)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_from_an_older_version_keeps_what_it_has() {
        // Written before the theme and the table sort were remembered.
        let old = r#"(file: None, window: None, selected_id: Some("fall-of-assad"),
            grouping: Actor, show_legend: false, views: [], recent: ["/tmp/a.ron"])"#;
        let state = decode_state(old).unwrap();
        assert_eq!(state.selected_id.as_deref(), Some("fall-of-assad"));
        assert_eq!(state.grouping, Grouping::Actor);
        assert!(!state.show_legend);
        assert_eq!(state.recent, vec![PathBuf::from("/tmp/a.ron")]);
        assert_eq!(state.theme, ThemeChoice::System);
        let back = decode_state(&encode_state(&state).unwrap()).unwrap();
        assert_eq!(back, state);
    }

    #[test]
    fn unreadable_state_is_an_error_not_a_default() {
        assert!(decode_state("(file: 12").is_err());
    }
}
