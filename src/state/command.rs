//! The only way to change the app's state: [`Command`]s in, [`Effect`]s out.
//!
//! Widgets, keys, menus, the window's lifecycle and background jobs all
//! produce commands; [`super::AppState::apply`] handles each one and returns
//! what only the platform can do (dialogs, the viewport, the clipboard,
//! links), which the window performs.

use std::path::PathBuf;

use crate::io::destination::Folder;
use crate::io::{self, ColumnMap, Format, LoadError, SaveError, recovery::RecoveryCopy};
use crate::layout::TimeWindow;
use crate::model::edit::{Edit, EditError};
use crate::model::{Query, SavedView, Timeline};
use crate::query::{Grouping, Prepared, SortColumn};

use super::Derived;
use super::dialogs::{Catalogue, ColumnChoice, EventForm};

/// An event, named by its id. The position is only a hint that saves a
/// search when it still holds that id; it is checked before use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventRef {
    pub id: String,
    hint: Option<usize>,
}

impl EventRef {
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            hint: None,
        }
    }

    /// The event at `index` of the timeline it was read from.
    pub fn at(id: &str, index: usize) -> Self {
        Self {
            id: id.to_string(),
            hint: Some(index),
        }
    }

    /// Where the event is in `t`: the hint if it still holds the id, else
    /// a search.
    pub fn index_in(&self, t: &Timeline) -> Option<usize> {
        if let Some(i) = self.hint
            && t.events.get(i).is_some_and(|e| e.id == self.id)
        {
            return Some(i);
        }
        t.events.iter().position(|e| e.id == self.id)
    }
}

impl From<&str> for EventRef {
    fn from(id: &str) -> Self {
        Self::new(id)
    }
}

impl From<String> for EventRef {
    fn from(id: String) -> Self {
        Self::new(id)
    }
}

/// System, light or dark (remembered between runs).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => "System",
            ThemeChoice::Light => "Light",
            ThemeChoice::Dark => "Dark",
        }
    }
}

/// Where a file is to be written, and whether the user chose it (`false`:
/// no file dialog could open, so a free name in a default folder was taken).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Destination {
    pub path: PathBuf,
    pub chosen: bool,
}

impl From<PathBuf> for Destination {
    fn from(path: PathBuf) -> Self {
        Self { path, chosen: true }
    }
}

impl From<&std::path::Path> for Destination {
    fn from(path: &std::path::Path) -> Self {
        path.to_path_buf().into()
    }
}

/// What a file picked to open is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenPurpose {
    /// Open it as a timeline.
    Open,
    /// Ask which of its columns hold what (a CSV table).
    ChooseColumns,
}

/// What is exported.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// The whole timeline in another format (a copy; the open file stays).
    Timeline(Format),
    /// The shown events as a printable SVG handout.
    Handout,
    /// The shown events as a printable PDF handout (pages of A4).
    HandoutPdf,
    /// An image of the window (PNG).
    Image,
}

impl ExportKind {
    /// How it is named in messages.
    pub fn noun(self) -> &'static str {
        match self {
            ExportKind::Timeline(f) => f.label(),
            ExportKind::Handout | ExportKind::HandoutPdf => "handout",
            ExportKind::Image => "image",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            ExportKind::Timeline(f) => f.extension(),
            ExportKind::Handout => "svg",
            ExportKind::HandoutPdf => "pdf",
            ExportKind::Image => "png",
        }
    }

    /// The user folder it goes to when no dialog can open.
    pub fn folder(self) -> Folder {
        match self {
            ExportKind::Image => Folder::Pictures,
            _ => Folder::Documents,
        }
    }
}

/// What a path picked for writing is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SavePurpose {
    /// Save the timeline there (RON becomes the document; other formats are
    /// written as a copy).
    SaveAs,
    Export(ExportKind),
}

/// Something waiting for the user's answer about unsaved changes.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// The window is closing.
    Close,
    /// Another file is to be opened.
    Open(PathBuf),
    /// The built-in dataset is to be shown.
    OpenBuiltin,
    /// The open file changed on disk while there are unsaved edits.
    DiskChanged,
    /// A crashed session's copy is to be restored in place of the
    /// document.
    Restore(RecoveryCopy),
}

/// The user's answer to a [`Pending`] question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    Save,
    Discard,
    Cancel,
    /// The file changed on disk: keep the edits in the app.
    KeepMine,
    /// The file changed on disk: load it, dropping the edits.
    LoadFromDisk,
}

/// Every change to the app's state.
#[derive(Debug)]
pub enum Command {
    // Selection and the view.
    /// Select an event, or clear the selection.
    Select(Option<EventRef>),
    /// Select the previous (-1) or next (+1) event in date order.
    SelectRelative(i32),
    /// Select the previous (-1) or next (+1) row of the event table.
    SelectInTable(i32),
    /// Fit the time window to all shown events (animated).
    FitAll,
    /// Show this window now (pointer-driven pan and zoom).
    SetWindow(TimeWindow),
    /// Move to this window smoothly (keys, clicks, commands).
    AnimateTo(TimeWindow),
    /// Time has passed (seconds on the app's clock): animations advance,
    /// recovery copies fall due.
    Tick {
        now_s: f64,
    },
    SetGrouping(Grouping),
    ToggleLegend,
    /// Select a relation (by id), or none; it deselects the event.
    SelectRelation(Option<String>),
    /// Show or hide the network of relations at a date.
    ToggleNetwork,
    /// The network's date (axis days), or `None` to follow the selection.
    SetNetworkDate(Option<f64>),
    /// Draw long stretches without events narrower (a broken axis), or not.
    ToggleShortenGaps,
    /// Let event labels wrap onto two lines, or keep them on one.
    ToggleTwoLineLabels,
    /// Show or hide the list of keyboard shortcuts.
    ToggleShortcuts,
    /// Show or hide "About this timeline": its description and the source
    /// document it analyses.
    ToggleAbout,
    /// The interface scale (egui's zoom; Ctrl +/− change it), remembered.
    SetUiScale(f32),
    SetTheme(ThemeChoice),
    /// Replace the filter query (the filter runs once, now).
    SetQuery(Query),
    /// Sort the event table by a column (again: reverse the order).
    SortTable(SortColumn),
    /// Save the current view under a name (replacing one of that name).
    SaveView(String),
    /// Bring back a saved view.
    RecallView(Box<SavedView>),
    RenameView {
        index: usize,
        name: String,
    },
    DeleteView(usize),
    /// Put an event's citation on the clipboard.
    CopyCitation(EventRef),
    /// Open a link (only http and https are ever opened).
    OpenLink(String),

    // Files.
    /// Ask for a file (with the system's dialog).
    ShowOpenDialog(OpenPurpose),
    /// Open a timeline file (loaded in the background).
    Open(PathBuf),
    /// Show the built-in dataset.
    OpenBuiltin,
    /// Open a CSV table with these columns for its fields (remembered for
    /// the file).
    OpenWithColumns(PathBuf, ColumnMap),
    /// Ask which columns of this CSV table hold what.
    ChooseColumns(PathBuf),
    /// The column chooser as the user left it this frame.
    UpdateColumnChoice(ColumnChoice),
    CloseColumnChoice,
    /// Read the open file again, keeping the view.
    ReloadFromDisk,
    /// Look whether the recent files still exist.
    CheckRecentFiles,
    /// Forget the recent files.
    ClearRecent,
    /// Save in place (RON), or ask where.
    Save,
    /// Save to this file (its extension gives the format), or ask where.
    SaveAs(Option<Destination>),
    /// Export (asks where).
    Export(ExportKind),
    /// Export to this file.
    ExportTo(ExportKind, Destination),
    /// The user cancelled a file dialog.
    DialogCancelled,
    /// Where recovery copies go (`None`: nowhere); also looks for copies
    /// left by a crash.
    SetRecoveryFolder(Option<PathBuf>),
    /// Follow the open file on disk (on in the app).
    FollowFileOnDisk(bool),
    /// Timelines with at least this many events are changed on a worker.
    SetBackgroundEditsFrom(usize),

    // Authoring.
    /// Open the form for a new event.
    NewEvent,
    /// Open the form on an event.
    EditEvent(EventRef),
    DuplicateEvent(EventRef),
    DeleteEvent(EventRef),
    /// The form as the user left it this frame.
    UpdateForm(Box<EventForm>),
    /// Apply the form (when its draft is valid).
    SubmitForm,
    CloseForm,
    /// Change the timeline through the undo history, then select `select`
    /// (an event id), once the change is in.
    ApplyEdit {
        edit: Edit,
        select: Option<String>,
    },
    Undo,
    Redo,
    /// Open the actors and categories window.
    OpenCatalogue,
    /// The actors and categories window as the user left it this frame.
    UpdateCatalogue(Box<Catalogue>),
    /// Apply the change made in the actors and categories window.
    ApplyCatalogueEdit(Edit),
    CloseCatalogue,
    /// The answer to the unsaved-changes question.
    Answer(Answer),
    /// Bring back the changes of a crashed session.
    RestoreRecovery,
    DiscardRecovery,

    // Presenting.
    /// Start presenting a story (by index), or the filtered events in date
    /// order (`None`).
    StartPresenting(Option<usize>),
    /// Leave the presentation and return to the view from before it.
    StopPresenting,
    /// Move by this many steps (negative goes back).
    PresentStep(i64),
    /// Jump to a step (clamped to the last).
    PresentGoTo(usize),
    /// Show only the steps so far (progressive reveal), or everything.
    ToggleReveal,
    /// Switch the projector theme between light and dark.
    ToggleProjectorTheme,
    /// Blank the projected picture (B or `.`, what clickers send), or show
    /// it again.
    ToggleBlank,
    /// Open or close the presenter view: the notes, the next step and the
    /// time, in a window of its own for the presenter's screen.
    TogglePresenterView,
    ToggleFullscreen,

    // Messages.
    DismissErrors,
    DismissNotice,

    // The window's lifecycle.
    /// The window is asked to close (by the user or the window manager).
    CloseRequested,
    /// A termination signal: keep unsaved changes as a recovery copy, then
    /// close without asking.
    Terminate,

    /// Background work reporting back.
    Job(JobDone),
}

/// What a background job reports.
#[derive(Debug)]
pub enum JobDone {
    /// A file was read (or could not be).
    Loaded {
        job: u64,
        path: PathBuf,
        result: Result<Box<Loaded>, LoadError>,
    },
    /// An edit of a large timeline was applied on a worker.
    Rebuilt {
        job: u64,
        result: Result<Box<Rebuilt>, EditError>,
    },
    /// A save finished: the backup made, and whether the old file had
    /// `//` comments (not kept by saving).
    Saved {
        job: u64,
        path: PathBuf,
        result: Result<Option<PathBuf>, SaveError>,
        had_comments: bool,
        /// What was written (the file's identity for recovery).
        identity: Option<io::recovery::Identity>,
    },
    /// A recovery snapshot was serialized and handed to the journal's
    /// writer (or could not be), for recovery `epoch`.
    RecoverySnapshot {
        result: Result<(), SaveError>,
        epoch: u64,
    },
    /// A crashed session's copy was read back to be restored (or could
    /// not be).
    RecoveryRead {
        job: u64,
        copy: RecoveryCopy,
        result: Result<Box<RecoveryRead>, LoadError>,
    },
    /// The recovery folder was looked through: the newest copy left by a
    /// crash that holds something its file does not.
    RecoveryFound(Option<RecoveryCopy>),
    /// The header row of a CSV table, for the column chooser.
    HeadersRead { path: PathBuf, headers: Vec<String> },
    /// Which of the recent files exist.
    RecentChecked(Vec<(PathBuf, bool)>),
    /// Something happened to the open file on disk.
    DiskChanged(PathBuf),
    /// An export (written by the window, for images) finished: what the
    /// format could not carry, or why it failed. `as_copy`: a Save As in a
    /// format other than RON.
    Exported {
        kind: ExportKind,
        destination: Destination,
        result: Result<Vec<String>, SaveError>,
        as_copy: bool,
    },
}

/// A timeline changed on a worker, with what is derived from it.
pub struct Rebuilt {
    pub prepared: Prepared,
    pub derived: Derived,
}

impl std::fmt::Debug for Rebuilt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Rebuilt({} events)", self.prepared.timeline.events.len())
    }
}

/// A file read in the background.
pub struct RecoveryRead {
    pub prepared: Prepared,
    /// Journal edits replayed, and those that no longer fit.
    pub replayed: usize,
    pub skipped: usize,
    /// The document's file as it is now (the copy's edits were made to it
    /// if its identity is the copy's).
    pub signature: Option<io::watch::Signature>,
    pub known: Option<crate::io::recovery::Identity>,
}

impl std::fmt::Debug for RecoveryRead {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecoveryRead")
            .field("events", &self.prepared.timeline.events.len())
            .field("replayed", &self.replayed)
            .field("skipped", &self.skipped)
            .finish_non_exhaustive()
    }
}

pub struct Loaded {
    pub prepared: Prepared,
    /// What the import skipped, and its notes.
    pub skipped: Vec<String>,
    pub notes: Vec<String>,
    /// The file's signature when reading started.
    pub signature: Option<io::watch::Signature>,
    /// What was read (recovery checks a file is still the one it was).
    pub identity: Option<io::recovery::Identity>,
}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Loaded")
            .field("events", &self.prepared.timeline.events.len())
            .field("skipped", &self.skipped)
            .field("notes", &self.notes)
            .finish()
    }
}

/// What the window must do for the state: the platform's part.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Ask for a file to open; the answer comes back as a command.
    PickFile(OpenPurpose),
    /// Ask where to write; the answer comes back as a command.
    PickSavePath {
        suggested_name: String,
        purpose: SavePurpose,
    },
    /// Take a screenshot of the window and export it as an image.
    Screenshot,
    Close,
    /// Veto the close the window manager asked for.
    CancelClose,
    /// Bring the window back (from minimized or hidden) and focus it: a
    /// question is waiting.
    Show,
    ToggleFullscreen,
    CopyText(String),
    /// Open an http(s) link in the browser.
    OpenUrl(String),
    /// Run the logic again after this many seconds (timers).
    WakeAfter(f64),
}
