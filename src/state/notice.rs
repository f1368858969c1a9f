//! Messages for the user, kept typed until they are shown: what an import
//! skipped, where a file went, why something could not be done.

use std::path::PathBuf;

use crate::io::SaveError;
use crate::model::edit::EditError;

use super::actions::Action;
use super::command::{Destination, ExportKind};

/// Why a command must wait or was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Busy {
    /// A change is being applied on a worker thread.
    Applying,
    /// The timeline is still loading.
    Loading,
    /// A save is being written.
    Saving,
}

/// One message, shown until dismissed or replaced.
#[derive(Debug)]
pub enum Notice {
    /// A file opened with a report: rows skipped (each with its place and
    /// reason) and assumptions made.
    Imported {
        events: usize,
        skipped: Vec<String>,
        notes: Vec<String>,
    },
    /// The column chooser found no header row.
    NoHeaderRow(PathBuf),
    Exported {
        kind: ExportKind,
        destination: Destination,
        /// What the format could not carry as such.
        folded: Vec<String>,
    },
    /// Save As in a format other than RON: a copy was written.
    SavedCopy {
        kind: ExportKind,
        destination: Destination,
        folded: Vec<String>,
    },
    ExportFailed {
        kind: ExportKind,
        error: SaveError,
    },
    Deleted {
        title: String,
    },
    Undid(String),
    Redid(String),
    /// A change is being applied to a large timeline.
    Applying {
        events: usize,
    },
    Busy(Busy),
    Saving(PathBuf),
    Saved {
        destination: Destination,
        backup: Option<PathBuf>,
        had_comments: bool,
    },
    SaveFailed(SaveError),
    EditFailed(EditError),
    /// A crashed session's changes are back: the journal's edits replayed
    /// on the last snapshot, and those that no longer fitted.
    Restored {
        replayed: usize,
        skipped: usize,
    },
    /// A recovery copy could not be written.
    RecoveryFailed(SaveError),
    /// The open file was deleted or renamed on disk.
    FileGone(PathBuf),
    /// Save with no change since the last save: the file was left alone.
    NothingToSave(PathBuf),
    Copied,
    /// A link that may not be opened (only http and https are).
    LinkRefused(String),
}

impl Notice {
    /// Whether it reports a failure (shown in the error colour).
    pub fn is_problem(&self) -> bool {
        matches!(
            self,
            Notice::ExportFailed { .. }
                | Notice::SaveFailed(_)
                | Notice::EditFailed(_)
                | Notice::NoHeaderRow(_)
                | Notice::LinkRefused(_)
                | Notice::RecoveryFailed(_)
                | Notice::FileGone(_)
        )
    }

    /// The message; `key` names an action's shortcut on this platform.
    pub fn message(&self, key: &dyn Fn(Action) -> String) -> String {
        match self {
            Notice::Imported {
                events,
                skipped,
                notes,
            } => {
                let mut said = Vec::new();
                if !skipped.is_empty() {
                    said.push(format!(
                        "Opened {events} events; skipped {}: {}",
                        skipped.len(),
                        skipped.join("; ")
                    ));
                }
                said.extend(notes.iter().cloned());
                said.join(". ")
            }
            Notice::NoHeaderRow(path) => {
                format!("{}: no header row to choose columns from", path.display())
            }
            // An SVG handout's notes say where its pages went.
            Notice::Exported {
                kind: kind @ ExportKind::Handout,
                destination,
                folded,
            } => {
                let mut m = saved_to(kind.noun(), destination, &[]);
                for note in folded {
                    m.push_str(&format!(" ({note})."));
                }
                m
            }
            Notice::Exported {
                kind,
                destination,
                folded,
            } => saved_to(kind.noun(), destination, folded),
            Notice::SavedCopy {
                kind,
                destination,
                folded,
            } => {
                let mut m = saved_to(kind.noun(), destination, folded);
                m.push_str(" The open timeline is unchanged; save it as RON to keep everything.");
                m
            }
            Notice::ExportFailed { kind, error } => {
                format!("Could not save the {}: {error}", kind.noun())
            }
            Notice::Deleted { title } => {
                format!("Deleted \"{title}\". {} brings it back.", key(Action::Undo))
            }
            Notice::Undid(label) => format!("Undid {label}"),
            Notice::Redid(label) => format!("Redid {label}"),
            Notice::Applying { events } => format!("Applying the change to {events} events…"),
            Notice::Busy(Busy::Applying) => {
                "Still applying the last change; try again in a moment.".into()
            }
            Notice::Busy(Busy::Loading) => {
                "The timeline is still loading; try again once it is shown.".into()
            }
            Notice::Busy(Busy::Saving) => "Still saving; try again in a moment.".into(),
            Notice::Saving(path) => format!("Saving {}…", path.display()),
            Notice::Saved {
                destination,
                backup,
                had_comments,
            } => {
                let mut m = match backup {
                    Some(b) => format!(
                        "Saved {} (the previous version is in {})",
                        destination.path.display(),
                        b.file_name().unwrap_or_default().to_string_lossy()
                    ),
                    None => format!("Saved {}", destination.path.display()),
                };
                if *had_comments {
                    m.push_str(
                        "; the file's // comments are not kept by saving, only in that backup",
                    );
                }
                if !destination.chosen {
                    m.push_str(" (no file dialog is available here, so a free name was chosen)");
                }
                m
            }
            Notice::SaveFailed(e) => format!("Could not save: {e}. Nothing was changed on disk."),
            Notice::EditFailed(e) => format!("Could not change the timeline: {e}"),
            Notice::Restored { replayed, skipped } => {
                let mut m = format!(
                    "Restored the unsaved changes; save them with {}.",
                    key(Action::Save)
                );
                if *skipped > 0 {
                    m.push_str(&format!(
                        " {skipped} of {} later edits no longer fitted the file and were left \
                         out; the crashed session's copy is kept, and offered again at the next \
                         start.",
                        replayed + skipped
                    ));
                }
                m
            }
            Notice::NothingToSave(path) => format!(
                "No changes to save: {} is up to date (it and its backup were left as they are).",
                path.display()
            ),
            Notice::FileGone(path) => format!(
                "{} was deleted or renamed by another program. The timeline stays open; {} writes it again.",
                path.display(),
                key(Action::Save)
            ),
            Notice::RecoveryFailed(e) => {
                format!("Could not write the recovery copy of the unsaved changes: {e}")
            }
            Notice::Copied => "Copied".into(),
            Notice::LinkRefused(url) => {
                format!("Not opened: {url} (only http and https links are opened)")
            }
        }
    }
}

/// "Saved the image to …", saying so when no dialog could ask where, and
/// what the format could not carry.
fn saved_to(what: &str, destination: &Destination, folded: &[String]) -> String {
    let mut m = if destination.chosen {
        format!("Saved the {what} to {}", destination.path.display())
    } else {
        format!(
            "No file dialog is available here, so the {what} was saved to {}",
            destination.path.display()
        )
    };
    if !folded.is_empty() {
        m.push_str(&format!(" Folded: {}.", folded.join("; ")));
    }
    m
}
