//! The application: owns the state, applies commands, remembers state
//! between runs.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError};

use egui::{Frame, Margin, Panel, RichText};
use serde::{Deserialize, Serialize};

use crate::export;
use crate::io::{self, LoadError};
use crate::model::edit::Edit;
use crate::model::{Date, Precision, Query, SavedView, Timeline};
use crate::query::{FacetCounts, Grouping, Lanes, Prepared, SearchIndex, TimeIndex, filter};
use crate::ui::canvas::{CanvasInput, MinimapCache, canvas_ui};
use crate::ui::event_table::{SortColumn, event_table_ui, sort_events};
use crate::ui::filter_panel::{FilterPanelInput, filter_panel_ui};
use crate::ui::panels::detail_ui;
use crate::ui::presentation::{card_ui, presenter_bar_ui};
use crate::ui::theme::{self, Palette};
use crate::ui::view_model::{LaneCache, TimeWindow};

mod authoring;
pub use authoring::{Answer, Pending, RECOVERY_INTERVAL_S};

/// How many recent files the File menu lists.
pub const RECENT_FILES: usize = 10;

/// Every change to shared state goes through one of these, applied in
/// [`TimelineApp::apply`].
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Select an event (by index into `Timeline::events`), or clear.
    Select(Option<usize>),
    /// Select the previous (-1) or next (+1) event in date order.
    SelectRelative(i32),
    /// Select the previous (-1) or next (+1) row of the event table.
    SelectInTable(i32),
    /// Open a timeline file (loaded in the background).
    Open(PathBuf),
    /// Show the built-in dataset.
    OpenBuiltin,
    /// Fit the time window to all events (animated).
    FitAll,
    /// Show this window now (pointer-driven pan and zoom).
    SetWindow(TimeWindow),
    /// Move to this window smoothly (keys, clicks, commands).
    AnimateTo(TimeWindow),
    SetGrouping(Grouping),
    ToggleLegend,
    DismissErrors,
    /// Replace the filter query (the filter runs once, now).
    SetQuery(Query),
    /// Sort the event table by a column (again: reverse the order).
    SortTable(SortColumn),
    /// Save the current view under a name (replacing one of that name).
    SaveView(String),
    /// Bring back a saved view.
    RecallView(SavedView),
    RenameView {
        index: usize,
        name: String,
    },
    DeleteView(usize),
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
    ToggleFullscreen,
    /// Save a PNG of the window (asks the window for a screenshot first).
    ExportImage,
    /// Save the shown events as a printable SVG handout.
    ExportHandout,
    /// Write the whole timeline in another format (a copy; the open file
    /// is unchanged).
    ExportAs(io::Format),
    /// Forget the recent files.
    ClearRecent,
    /// Open the form for a new event.
    NewEvent,
    /// Open the form on an event (by index).
    EditEvent(usize),
    DuplicateEvent(usize),
    DeleteEvent(usize),
    /// Change the timeline (through the undo history).
    ApplyEdit(Edit),
    Undo,
    Redo,
    CloseForm,
    /// Open the actors and categories window.
    OpenCatalogue,
    CloseCatalogue,
    /// Save in place (RON), or ask where.
    Save,
    /// Save to this file (its extension gives the format), or ask.
    SaveAs(Option<PathBuf>),
    /// The answer to the unsaved-changes question.
    Answer(Answer),
    /// Bring back the changes of a crashed session.
    RestoreRecovery,
    DiscardRecovery,
    /// Read the open file again, keeping the view.
    ReloadFromDisk,
    /// Select the event with this id.
    SelectId(String),
    /// Open a CSV table with these columns for its fields (remembered for
    /// the file).
    OpenWithColumns(PathBuf, io::ColumnMap),
    /// Ask which columns of this CSV table hold what.
    ChooseColumns(PathBuf),
    CloseColumnChoice,
    DismissNotice,
}

/// A presentation in progress.
#[derive(Clone, Debug, PartialEq)]
pub struct Presentation {
    /// The story's name, or a description of the filtered events.
    pub title: String,
    /// Events (indices) and their captions, in presenting order.
    pub steps: Vec<(usize, Option<String>)>,
    pub current: usize,
    /// Events after the current step stay hidden.
    pub reveal: bool,
    /// Projector theme: light (high contrast) or dark.
    pub light: bool,
    /// What to restore when the presentation ends.
    before_window: TimeWindow,
    before_selected: Option<usize>,
}

impl Presentation {
    /// "7 / 24".
    pub fn progress(&self) -> String {
        format!("{} / {}", self.current + 1, self.steps.len())
    }
}

/// What depends on the data and the query: the filter's result, facet
/// counts, lanes and the table order. Computed when either changes (on a
/// worker thread after an edit of a large timeline).
pub(crate) struct Derived {
    facets: FacetCounts,
    index: TimeIndex,
    lane_cache: LaneCache,
    table_order: Vec<usize>,
    table_rank: Vec<usize>,
    /// What it was computed for.
    query: Query,
    grouping: Grouping,
    table_sort: (SortColumn, bool),
}

impl Derived {
    pub(crate) fn compute(
        timeline: &Timeline,
        search: &SearchIndex,
        extents: &[(f64, f64)],
        all_index: &TimeIndex,
        query: &Query,
        grouping: Grouping,
        table_sort: (SortColumn, bool),
    ) -> Self {
        let result = filter(timeline, search, extents, all_index.sorted(), query);
        let index = TimeIndex::from_sorted(extents, result.events, timeline.events.len());
        let lane_cache = lane_cache(timeline, extents, index.sorted(), grouping);
        let (table_order, table_rank) = table_order(timeline, index.sorted(), table_sort);
        Self {
            facets: result.facets,
            index,
            lane_cache,
            table_order,
            table_rank,
            query: query.clone(),
            grouping,
            table_sort,
        }
    }

    /// The same for a prepared timeline.
    pub(crate) fn for_prepared(
        p: &Prepared,
        (query, grouping, table_sort): &(Query, Grouping, (SortColumn, bool)),
    ) -> Self {
        Self::compute(
            &p.timeline,
            &p.search,
            &p.extents,
            &p.index,
            query,
            *grouping,
            *table_sort,
        )
    }
}

/// The lanes of `events` (in date order) under a grouping.
fn lane_cache(
    timeline: &Timeline,
    extents: &[(f64, f64)],
    events: &[usize],
    grouping: Grouping,
) -> LaneCache {
    let max_rows = match grouping {
        Grouping::None => theme::MAX_ROWS_SINGLE_TRACK,
        _ => theme::MAX_ROWS_PER_LANE,
    };
    let lanes = Lanes::build(timeline, extents, events, grouping, max_rows);
    LaneCache::new(extents, lanes)
}

/// The event table's order and, per event, its row (`usize::MAX` when not
/// shown).
fn table_order(
    timeline: &Timeline,
    events: &[usize],
    (column, ascending): (SortColumn, bool),
) -> (Vec<usize>, Vec<usize>) {
    let order = sort_events(timeline, events, column, ascending);
    let mut rank = vec![usize::MAX; timeline.events.len()];
    for (r, &e) in order.iter().enumerate() {
        rank[e] = r;
    }
    (order, rank)
}

/// What is remembered between runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersistedState {
    /// The file last opened; `None` for the built-in dataset.
    pub file: Option<PathBuf>,
    pub window: Option<TimeWindow>,
    pub selected_id: Option<String>,
    #[serde(default)]
    pub grouping: Grouping,
    #[serde(default = "yes")]
    pub show_legend: bool,
    #[serde(default)]
    pub query: Query,
    /// Views the user saved (for any file).
    #[serde(default)]
    pub views: Vec<SavedView>,
    /// Files opened lately, the latest first.
    #[serde(default)]
    pub recent: Vec<PathBuf>,
    /// Column choices for CSV tables, by file (as `--map` writes them).
    #[serde(default)]
    pub column_maps: Vec<(PathBuf, String)>,
}

fn yes() -> bool {
    true
}

impl Default for PersistedState {
    fn default() -> Self {
        Self {
            file: None,
            window: None,
            selected_id: None,
            grouping: Grouping::None,
            show_legend: true,
            query: Query::default(),
            views: Vec::new(),
            recent: Vec::new(),
            column_maps: Vec::new(),
        }
    }
}

/// A view change in progress.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Animation {
    from: TimeWindow,
    to: TimeWindow,
    /// `egui` input time when it started; `None` until the first frame.
    started_s: Option<f64>,
}

const STORAGE_KEY: &str = "timeline-explorer-state";

/// What the background loader sends back: the prepared data and what the
/// import skipped, or why the file could not be opened.
type LoadResult = Result<
    (
        Prepared,
        Vec<String>,
        Vec<String>,
        Option<io::watch::Signature>,
    ),
    LoadError,
>;

/// How precisely to store a saved view's window, from its span.
fn view_precision(span_days: f64) -> Precision {
    if span_days > 200.0 * 365.0 {
        Precision::Year
    } else if span_days > 3.0 * 365.0 {
        Precision::Month
    } else if span_days > 3.0 {
        Precision::Day
    } else {
        Precision::Minute
    }
}

pub struct TimelineApp {
    /// Shared with worker threads (edits on large timelines, recovery
    /// copies); replaced, never mutated in place while shared.
    timeline: Arc<Timeline>,
    /// Where the timeline came from: a path, or `None` for the built-in one.
    path: Option<PathBuf>,
    /// All events in date order.
    all_index: TimeIndex,
    /// The events the query lets through, in date order.
    index: TimeIndex,
    search: SearchIndex,
    query: Query,
    facets: FacetCounts,
    /// The event table's order (the filtered events) and its inverse.
    table_order: Vec<usize>,
    table_rank: Vec<usize>,
    table_sort: (SortColumn, bool),
    saved_views: Vec<SavedView>,
    /// Files opened lately, the latest first (at most [`RECENT_FILES`]).
    recent: Vec<PathBuf>,
    /// Column choices for CSV tables, by file.
    column_maps: Vec<(PathBuf, String)>,
    /// The column chooser, when open.
    column_choice: Option<crate::ui::column_map::ColumnChoice>,
    /// Each event's axis extent, computed once per dataset.
    extents: Vec<(f64, f64)>,
    lane_cache: LaneCache,
    minimap: MinimapCache,
    /// Bumped whenever the data or the filter change.
    data_generation: u64,
    grouping: Grouping,
    show_legend: bool,
    selected: Option<usize>,
    window: TimeWindow,
    animation: Option<Animation>,
    /// Scroll the list to the selection on the next frame.
    reveal_in_list: bool,
    /// Messages about files that could not be opened.
    errors: Vec<String>,
    /// A file being opened: the prepared data and what the import skipped.
    loading: Option<(PathBuf, Receiver<LoadResult>)>,
    /// The state to restore once the pending load finishes.
    restore: Option<PersistedState>,
    title_dirty: bool,
    presenting: Option<Presentation>,
    /// Ask the window to enter or leave full screen on the next frame.
    toggle_fullscreen: bool,
    /// Zoom and theme from before presenting, to restore afterwards.
    chrome_before: Option<(f32, egui::ThemePreference)>,
    /// A PNG export was asked for: request a screenshot next frame.
    awaiting_screenshot: bool,
    /// Where the requested screenshot will arrive.
    screenshot: Option<Receiver<std::sync::Arc<egui::ColorImage>>>,
    /// A message for the user (where an export went, or why it failed).
    notice: Option<String>,
    /// Editing, saving, recovery copies and the file on disk.
    authoring: authoring::Authoring,
}

impl TimelineApp {
    /// The app on the built-in dataset.
    pub fn new() -> Self {
        match io::builtin_timeline() {
            Ok(t) => Self::with_timeline(t),
            // Only possible if the shipped file is broken; the tests prevent it.
            Err(e) => {
                let mut app = Self::with_timeline(empty_timeline());
                app.errors = e.lines();
                app
            }
        }
    }

    /// The app on a given timeline (for tests and benchmarks).
    pub fn with_timeline(timeline: Timeline) -> Self {
        let mut app = Self {
            timeline: Arc::new(empty_timeline()),
            path: None,
            all_index: TimeIndex::default(),
            index: TimeIndex::default(),
            search: SearchIndex::default(),
            query: Query::default(),
            facets: FacetCounts::default(),
            table_order: Vec::new(),
            table_rank: Vec::new(),
            table_sort: (SortColumn::Date, true),
            saved_views: Vec::new(),
            recent: Vec::new(),
            column_maps: Vec::new(),
            column_choice: None,
            extents: Vec::new(),
            lane_cache: LaneCache::default(),
            minimap: MinimapCache::default(),
            data_generation: 0,
            grouping: Grouping::None,
            show_legend: true,
            selected: None,
            window: TimeWindow::default(),
            animation: None,
            reveal_in_list: false,
            errors: Vec::new(),
            loading: None,
            restore: None,
            title_dirty: true,
            presenting: None,
            toggle_fullscreen: false,
            chrome_before: None,
            awaiting_screenshot: false,
            screenshot: None,
            notice: None,
            authoring: authoring::Authoring::default(),
        };
        app.set_timeline(timeline, None);
        app.document_replaced(None);
        app
    }

    /// The app as eframe starts it: `file` from the command line wins over the
    /// file remembered from the last run.
    pub fn from_creation_context(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> Self {
        // The theme (system, light or dark) comes back with egui's own
        // remembered options; the system's preference is the default.
        let stored = cc.storage.and_then(|s| s.get_string(STORAGE_KEY));
        let state = stored.map(|text| decode_state(&text)).unwrap_or_default();
        let mut app = Self::restored(&state, file);
        app.set_recovery_dir(
            dirs::data_dir().map(|d| d.join("timeline-explorer").join("recovery")),
        );
        app.set_watching(true);
        app
    }

    /// The app as it was when `state` was saved. `file` (from the command
    /// line) wins over the remembered file; a file is loaded in the
    /// background and its view restored when it arrives.
    pub fn restored(state: &PersistedState, file: Option<PathBuf>) -> Self {
        let mut app = Self::new();
        app.restore_preferences(state);
        let target = file.or_else(|| state.file.clone());
        match target {
            Some(path) => {
                app.restore =
                    Some(state.clone()).filter(|s| s.file.as_deref() == Some(path.as_path()));
                app.apply(Command::Open(path));
            }
            None => app.restore_state(state),
        }
        app
    }

    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// The selected event.
    pub fn selected_event(&self) -> Option<&crate::model::Event> {
        self.selected.and_then(|i| self.timeline.events.get(i))
    }

    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    /// The window shown now (mid-animation, the current step).
    pub fn time_window(&self) -> TimeWindow {
        self.window
    }

    /// Where the view is going: the end of the running animation, or the
    /// current window.
    pub fn target_window(&self) -> TimeWindow {
        self.animation.map_or(self.window, |a| a.to)
    }

    pub fn grouping(&self) -> Grouping {
        self.grouping
    }

    pub fn lane_cache(&self) -> &LaneCache {
        &self.lane_cache
    }

    pub fn query(&self) -> &Query {
        &self.query
    }

    /// The events the query shows, in date order.
    pub fn visible_events(&self) -> &[usize] {
        self.index.sorted()
    }

    /// The event table's rows, in its current order.
    pub fn table_order(&self) -> &[usize] {
        &self.table_order
    }

    pub fn facets(&self) -> &FacetCounts {
        &self.facets
    }

    pub fn presentation(&self) -> Option<&Presentation> {
        self.presenting.as_ref()
    }

    /// The views the user saved (remembered with the app's state).
    pub fn saved_views(&self) -> &[SavedView] {
        &self.saved_views
    }

    /// The views shipped in the open timeline file.
    pub fn file_views(&self) -> &[SavedView] {
        &self.timeline.views
    }

    pub fn errors(&self) -> &[String] {
        &self.errors
    }

    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// The state to remember.
    pub fn persisted_state(&self) -> PersistedState {
        PersistedState {
            file: self.path.clone(),
            window: Some(self.target_window()),
            selected_id: self.selected.map(|i| self.timeline.events[i].id.clone()),
            grouping: self.grouping,
            show_legend: self.show_legend,
            query: self.query.clone(),
            views: self.saved_views.clone(),
            recent: self.recent.clone(),
            column_maps: self.column_maps.clone(),
        }
    }

    /// Restores what does not depend on the file: lanes, legend, saved views.
    fn restore_preferences(&mut self, state: &PersistedState) {
        self.show_legend = state.show_legend;
        self.saved_views = state.views.clone();
        self.recent = state.recent.clone();
        self.column_maps = state.column_maps.clone();
        self.apply(Command::SetGrouping(state.grouping));
    }

    /// Restores the view of the file the state was saved with.
    fn restore_state(&mut self, state: &PersistedState) {
        self.apply(Command::SetQuery(state.query.clone()));
        if let Some(w) = state.window {
            self.window = w.clamped();
        }
        if let Some(id) = &state.selected_id {
            self.selected = self.timeline.events.iter().position(|e| &e.id == id);
            self.reveal_in_list = true;
        }
    }

    /// Applies one command to the state.
    pub fn apply(&mut self, command: Command) {
        let Some(command) = self.apply_authoring(command) else {
            return;
        };
        match command {
            Command::Select(i) => {
                self.selected = i.filter(|&i| i < self.timeline.events.len());
                self.reveal_in_list = true;
                if let Some(event) = self.selected {
                    self.reveal_in_canvas(event);
                }
            }
            Command::SelectRelative(step) => {
                let sorted = self.index.sorted();
                if sorted.is_empty() {
                    return;
                }
                let rank = self.selected.and_then(|s| self.index.rank_of(s));
                let next = match rank {
                    None if step >= 0 => 0,
                    None => sorted.len() - 1,
                    Some(r) => {
                        (r as i64 + i64::from(step)).clamp(0, sorted.len() as i64 - 1) as usize
                    }
                };
                let event = sorted[next];
                self.selected = Some(event);
                self.reveal_in_list = true;
                self.reveal_in_canvas(event);
            }
            Command::SelectInTable(step) => {
                if self.table_order.is_empty() {
                    return;
                }
                let row = self
                    .selected
                    .map(|s| self.table_rank[s])
                    .filter(|&r| r != usize::MAX);
                let next = match row {
                    None if step >= 0 => 0,
                    None => self.table_order.len() - 1,
                    Some(r) => (r as i64 + i64::from(step))
                        .clamp(0, self.table_order.len() as i64 - 1)
                        as usize,
                };
                let event = self.table_order[next];
                self.selected = Some(event);
                self.reveal_in_list = true;
                self.reveal_in_canvas(event);
            }
            Command::Open(path) => {
                if self.may_replace_document(Pending::Open(path.clone())) {
                    self.start_loading(path);
                }
            }
            Command::OpenBuiltin => {
                if self.may_replace_document(Pending::OpenBuiltin)
                    && let Ok(t) = io::builtin_timeline()
                {
                    self.loading = None;
                    self.set_timeline(t, None);
                    self.document_replaced(None);
                }
            }
            Command::OpenWithColumns(path, map) => {
                let key = std::path::absolute(&path).unwrap_or_else(|_| path.clone());
                self.column_maps.retain(|(p, _)| *p != key);
                self.column_maps.insert(0, (key, map.to_spec()));
                self.column_maps.truncate(50);
                self.column_choice = None;
                self.apply(Command::Open(path));
            }
            Command::ChooseColumns(path) => self.choose_columns(path),
            Command::CloseColumnChoice => self.column_choice = None,
            Command::SelectId(id) => {
                let i = self.timeline.events.iter().position(|e| e.id == id);
                self.apply(Command::Select(i));
            }
            Command::FitAll => {
                if let Some((from, to)) = self.index.extent_days() {
                    self.apply(Command::AnimateTo(TimeWindow::fit(from, to)));
                }
            }
            Command::SetWindow(w) => {
                self.animation = None;
                self.window = w.clamped();
            }
            Command::AnimateTo(w) => {
                self.animation = Some(Animation {
                    from: self.window,
                    to: w.clamped(),
                    started_s: None,
                });
            }
            Command::SetGrouping(g) => {
                if g != self.grouping {
                    self.grouping = g;
                    self.rebuild_lanes();
                }
            }
            Command::ToggleLegend => self.show_legend = !self.show_legend,
            Command::DismissErrors => self.errors.clear(),
            Command::SetQuery(q) => {
                if q != self.query {
                    self.query = q;
                    self.apply_filter();
                }
            }
            Command::SortTable(column) => {
                let ascending = if self.table_sort.0 == column {
                    !self.table_sort.1
                } else {
                    true
                };
                self.table_sort = (column, ascending);
                self.sort_table();
            }
            Command::SaveView(name) => {
                let view = self.current_view(name);
                match self.saved_views.iter_mut().find(|v| v.name == view.name) {
                    Some(existing) => *existing = view,
                    None => self.saved_views.push(view),
                }
            }
            Command::RecallView(view) => self.recall_view(&view),
            Command::RenameView { index, name } => {
                if let Some(v) = self.saved_views.get_mut(index)
                    && !name.trim().is_empty()
                {
                    v.name = name.trim().to_string();
                }
            }
            Command::DeleteView(index) => {
                if index < self.saved_views.len() {
                    self.saved_views.remove(index);
                }
            }
            Command::StartPresenting(story) => self.start_presenting(story),
            Command::StopPresenting => {
                if let Some(p) = self.presenting.take() {
                    self.selected = p.before_selected;
                    self.reveal_in_list = true;
                    self.rebuild_lanes();
                    self.apply(Command::AnimateTo(p.before_window));
                }
            }
            Command::PresentStep(delta) => {
                if let Some(p) = &self.presenting {
                    let last = p.steps.len().saturating_sub(1) as i64;
                    let to = (p.current as i64 + delta).clamp(0, last) as usize;
                    self.present_step(to);
                }
            }
            Command::PresentGoTo(step) => {
                if let Some(p) = &self.presenting {
                    self.present_step(step.min(p.steps.len().saturating_sub(1)));
                }
            }
            Command::ToggleReveal => {
                if let Some(p) = &mut self.presenting {
                    p.reveal = !p.reveal;
                    self.rebuild_lanes();
                }
            }
            Command::ToggleProjectorTheme => {
                if let Some(p) = &mut self.presenting {
                    p.light = !p.light;
                }
            }
            Command::ToggleFullscreen => self.toggle_fullscreen = true,
            Command::ExportImage => self.awaiting_screenshot = true,
            Command::ExportHandout => self.export_handout(),
            Command::ExportAs(format) => self.export_as(format),
            Command::ClearRecent => self.recent.clear(),
            Command::DismissNotice => self.notice = None,
            // Handled by `apply_authoring`.
            Command::NewEvent
            | Command::EditEvent(_)
            | Command::DuplicateEvent(_)
            | Command::DeleteEvent(_)
            | Command::ApplyEdit(_)
            | Command::Undo
            | Command::Redo
            | Command::CloseForm
            | Command::OpenCatalogue
            | Command::CloseCatalogue
            | Command::Save
            | Command::SaveAs(_)
            | Command::Answer(_)
            | Command::RestoreRecovery
            | Command::DiscardRecovery
            | Command::ReloadFromDisk => {}
        }
    }

    /// Loads a file in the background; the current timeline stays until
    /// the new one is ready (and stays if it cannot be read).
    fn start_loading(&mut self, path: PathBuf) {
        let (tx, rx) = std::sync::mpsc::channel();
        let worker_path = path.clone();
        let options = io::LoadOptions {
            format: None,
            map: self.column_map_for(&path),
        };
        std::thread::spawn(move || {
            // Taken before reading: a change while loading shows as a difference.
            let signature = io::watch::Signature::of(&worker_path);
            // The receiver may be gone if another file was opened meanwhile.
            let _ = tx.send(io::load_with(&worker_path, &options).map(|imported| {
                (
                    Prepared::new(imported.timeline),
                    imported.skipped,
                    imported.notes,
                    signature,
                )
            }));
        });
        self.loading = Some((path, rx));
    }

    /// The columns chosen for a CSV table, if any.
    fn column_map_for(&self, path: &Path) -> Option<io::ColumnMap> {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.column_maps
            .iter()
            .find(|(p, _)| *p == path)
            .and_then(|(_, spec)| spec.parse().ok())
    }

    /// Opens the column chooser for a CSV table (its header read now).
    fn choose_columns(&mut self, path: PathBuf) {
        // The header row is all that is needed: read the start only.
        let mut head = Vec::new();
        if let Ok(file) = std::fs::File::open(&path) {
            use std::io::Read;
            let _ = file.take(64 * 1024).read_to_end(&mut head);
        }
        let headers = io::csv_table::headers(&String::from_utf8_lossy(&head));
        if headers.is_empty() {
            self.notice = Some(format!(
                "{}: no header row to choose columns from",
                path.display()
            ));
        } else {
            self.column_choice = Some(crate::ui::column_map::ColumnChoice::new(path, headers));
        }
    }

    /// Replaces the timeline, keeping the selection if its id still exists.
    fn set_timeline(&mut self, timeline: Timeline, path: Option<PathBuf>) {
        self.set_prepared(Prepared::new(timeline), path);
    }

    fn set_prepared(&mut self, prepared: Prepared, path: Option<PathBuf>) {
        self.set_prepared_with(prepared, path, None);
    }

    /// As [`Self::set_prepared`], with the filter results, lanes and table
    /// order if they were already computed (on a worker thread) for the
    /// current query, lanes and sort.
    fn set_prepared_with(
        &mut self,
        prepared: Prepared,
        path: Option<PathBuf>,
        derived: Option<Derived>,
    ) {
        let selected_id = self.selected.map(|i| self.timeline.events[i].id.clone());
        self.data_generation += 1;
        self.extents = prepared.extents;
        self.all_index = prepared.index;
        self.search = prepared.search;
        let old = std::mem::replace(&mut self.timeline, Arc::new(prepared.timeline));
        if old.events.len() > 10_000 {
            // Freeing a large timeline takes a while: not on the UI thread.
            std::thread::spawn(move || drop(old));
        }
        // A query naming actors or categories this file lacks is dropped.
        if !self.query_fits_timeline() {
            self.query = Query::default();
        }
        match derived {
            Some(d)
                if d.query == self.query
                    && d.grouping == self.grouping
                    && d.table_sort == self.table_sort =>
            {
                self.install_derived(d)
            }
            _ => self.apply_filter(),
        }
        self.path = path;
        self.selected =
            selected_id.and_then(|id| self.timeline.events.iter().position(|e| e.id == id));
        self.errors.clear();
        self.title_dirty = true;
        self.animation = None;
        if let Some((from, to)) = self.index.extent_days() {
            self.window = TimeWindow::fit(from, to);
        }
    }

    fn query_fits_timeline(&self) -> bool {
        self.query
            .actors
            .iter()
            .all(|a| self.timeline.actor(a).is_some())
            && self
                .query
                .categories
                .iter()
                .all(|c| self.timeline.category(c).is_some())
    }

    /// Runs the query (when it or the data change, never per frame) and
    /// rebuilds what depends on its result.
    fn apply_filter(&mut self) {
        let derived = Derived::compute(
            &self.timeline,
            &self.search,
            &self.extents,
            &self.all_index,
            &self.query,
            self.grouping,
            self.table_sort,
        );
        self.install_derived(derived);
    }

    fn install_derived(&mut self, d: Derived) {
        self.facets = d.facets;
        self.index = d.index;
        self.lane_cache = d.lane_cache;
        self.table_order = d.table_order;
        self.table_rank = d.table_rank;
        self.data_generation += 1;
        if self.presenting.as_ref().is_some_and(|p| p.reveal) {
            self.rebuild_lanes();
        }
        self.reveal_in_list = true;
    }

    /// The query, lanes and table sort that filter results are computed for
    /// (for a worker thread to compute them).
    pub(crate) fn derive_inputs(&self) -> (Query, Grouping, (SortColumn, bool)) {
        (self.query.clone(), self.grouping, self.table_sort)
    }

    /// Orders the event table by its sort column.
    fn sort_table(&mut self) {
        (self.table_order, self.table_rank) =
            table_order(&self.timeline, self.index.sorted(), self.table_sort);
    }

    /// The current view, named.
    fn current_view(&self, name: String) -> SavedView {
        let w = self.target_window();
        let precision = view_precision(w.span_days());
        SavedView {
            name,
            query: self.query.clone(),
            from: Date::from_axis_days(w.start_days, precision),
            to: Date::from_axis_days(w.end_days, precision),
            grouping: self.grouping,
            selected: self.selected.map(|i| self.timeline.events[i].id.clone()),
        }
    }

    fn recall_view(&mut self, view: &SavedView) {
        self.apply(Command::SetQuery(view.query.clone()));
        self.apply(Command::SetGrouping(view.grouping));
        if let Some(id) = &view.selected {
            self.selected = self.timeline.events.iter().position(|e| &e.id == id);
            self.reveal_in_list = true;
        }
        match (view.from, view.to) {
            (Some(from), Some(to)) => {
                self.apply(Command::AnimateTo(TimeWindow {
                    start_days: from.axis_days(),
                    end_days: to.axis_days().max(from.end_axis_days()),
                }));
            }
            _ => self.apply(Command::FitAll),
        }
    }

    /// Rebuilds the lanes after the data or the grouping changed.
    fn rebuild_lanes(&mut self) {
        self.lane_cache = match self.revealed_index() {
            Some(revealed) => lane_cache(
                &self.timeline,
                &self.extents,
                revealed.sorted(),
                self.grouping,
            ),
            None => lane_cache(
                &self.timeline,
                &self.extents,
                self.index.sorted(),
                self.grouping,
            ),
        };
    }

    /// While presenting with progressive reveal: the steps shown so far.
    fn revealed_index(&self) -> Option<TimeIndex> {
        let p = self.presenting.as_ref().filter(|p| p.reveal)?;
        let ids: Vec<usize> = p.steps[..=p.current.min(p.steps.len().saturating_sub(1))]
            .iter()
            .map(|(e, _)| *e)
            .collect();
        Some(TimeIndex::from_subset(
            &self.timeline.events,
            &self.extents,
            ids,
            false,
        ))
    }

    fn start_presenting(&mut self, story: Option<usize>) {
        let (title, steps): (String, Vec<(usize, Option<String>)>) =
            match story.and_then(|i| self.timeline.stories.get(i)) {
                Some(story) => (
                    story.name.clone(),
                    story
                        .steps
                        .iter()
                        .filter_map(|s| {
                            let e = self
                                .timeline
                                .events
                                .iter()
                                .position(|ev| ev.id == s.event)?;
                            Some((e, s.caption.clone()))
                        })
                        .collect(),
                ),
                None => (
                    if self.query.is_empty() {
                        "All events in date order".to_string()
                    } else {
                        "The filtered events in date order".to_string()
                    },
                    self.index.sorted().iter().map(|&e| (e, None)).collect(),
                ),
            };
        if steps.is_empty() {
            return;
        }
        self.presenting = Some(Presentation {
            title,
            steps,
            current: 0,
            reveal: false,
            light: true,
            before_window: self.target_window(),
            before_selected: self.selected,
        });
        self.present_step(0);
    }

    /// Shows step `step`: selects its event and moves the view there.
    fn present_step(&mut self, step: usize) {
        let Some(p) = &mut self.presenting else {
            return;
        };
        p.current = step;
        let event = p.steps[step].0;
        self.selected = Some(event);
        self.reveal_in_list = true;
        self.rebuild_lanes();
        let (s, e) = self.extents[event];
        // Some context on both sides: a couple of years, or four times the
        // event's own length.
        let span = ((e - s) * 4.0).max(2.0 * 365.25);
        let mid = (s + e) / 2.0;
        self.apply(Command::AnimateTo(TimeWindow {
            start_days: mid - span / 2.0,
            end_days: mid + span / 2.0,
        }));
    }

    /// Advances the running animation to input time `now_s`; returns
    /// whether one is running.
    fn step_animation(&mut self, now_s: f64) -> bool {
        let Some(anim) = &mut self.animation else {
            return false;
        };
        let started = *anim.started_s.get_or_insert(now_s);
        let t = ((now_s - started) / theme::ANIMATION_S).clamp(0.0, 1.0);
        // Ease out: fast at first, settling gently.
        let eased = 1.0 - (1.0 - t).powi(3);
        self.window = anim.from.lerp(&anim.to, eased);
        if t >= 1.0 {
            self.window = anim.to;
            self.animation = None;
        }
        true
    }

    /// Loads `path` now, on this thread (for tests and the CLI).
    pub fn open_blocking(&mut self, path: &Path) {
        let options = io::LoadOptions {
            format: None,
            map: self.column_map_for(path),
        };
        match io::load_with(path, &options) {
            Ok(imported) => {
                self.remember_recent(path);
                self.set_timeline(imported.timeline, Some(path.to_path_buf()));
                self.document_replaced(io::watch::Signature::of(path));
            }
            Err(e) => self.errors = e.lines(),
        }
    }

    /// Moves the window so that the event is visible, keeping the zoom.
    fn reveal_in_canvas(&mut self, event: usize) {
        let ev = &self.timeline.events[event];
        let (s, e) = (ev.start_days(), ev.end_days());
        let w = self.target_window();
        let margin = w.span_days() * 0.1;
        if s < w.start_days + margin || e > w.end_days - margin {
            let mid = (s + e) / 2.0;
            let half = w.span_days().max((e - s) * 1.2) / 2.0;
            self.apply(Command::AnimateTo(TimeWindow {
                start_days: mid - half,
                end_days: mid + half,
            }));
        }
    }

    fn poll_loading(&mut self, ctx: &egui::Context) {
        let Some((path, rx)) = &self.loading else {
            return;
        };
        match rx.try_recv() {
            Ok(Ok((prepared, skipped, notes, signature))) => {
                let mut said = Vec::new();
                if !skipped.is_empty() {
                    said.push(format!(
                        "Opened {} events; skipped {}: {}",
                        prepared.timeline.events.len(),
                        skipped.len(),
                        skipped.join("; ")
                    ));
                }
                said.extend(notes);
                self.notice = (!said.is_empty()).then(|| said.join(". "));
                let path = path.clone();
                self.loading = None;
                self.remember_recent(&path);
                self.set_prepared(prepared, Some(path));
                self.document_replaced(signature);
                if let Some(state) = self.restore.take() {
                    self.restore_state(&state);
                }
            }
            Ok(Err(e)) => {
                log::warn!("{e}");
                // A table whose header names were not understood: offer to
                // choose its columns.
                let table = io::Format::for_output(path) == Some(io::Format::Csv)
                    && matches!(e, LoadError::Syntax { line: 1, .. });
                let path = path.clone();
                self.loading = None;
                self.restore = None;
                self.errors = e.lines();
                if table {
                    self.choose_columns(path);
                }
            }
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(50))
            }
            Err(TryRecvError::Disconnected) => {
                self.errors = vec![format!("{}: loading stopped unexpectedly", path.display())];
                self.loading = None;
            }
        }
    }

    /// The command a key press stands for, if any. Shortcuts that move the
    /// view build on where an animation is heading, so repeated presses add up.
    pub fn key_command(&self, key: egui::Key, modifiers: egui::Modifiers) -> Option<Command> {
        use egui::Key;
        if key == Key::F11 {
            return Some(Command::ToggleFullscreen);
        }
        if let Some(p) = &self.presenting {
            // What presentation clickers send: Page Up/Down, arrows, space.
            return Some(match key {
                Key::ArrowRight | Key::Space | Key::PageDown | Key::ArrowDown => {
                    Command::PresentStep(1)
                }
                Key::ArrowLeft | Key::Backspace | Key::PageUp | Key::ArrowUp => {
                    Command::PresentStep(-1)
                }
                Key::Home => Command::PresentGoTo(0),
                Key::End => Command::PresentGoTo(p.steps.len().saturating_sub(1)),
                Key::Escape => Command::StopPresenting,
                _ => return None,
            });
        }
        if modifiers.command {
            let editing = self.authoring.form.is_some();
            match key {
                Key::Z if modifiers.shift && !editing => return Some(Command::Redo),
                Key::Z if !editing => return Some(Command::Undo),
                Key::Y if !editing => return Some(Command::Redo),
                Key::S if modifiers.shift => return Some(Command::SaveAs(None)),
                Key::S => return Some(Command::Save),
                Key::N if !editing => return Some(Command::NewEvent),
                Key::D if !editing => return self.selected.map(Command::DuplicateEvent),
                _ => {}
            }
        }
        let dialog_open = self.authoring.form.is_some()
            || self.authoring.catalogue.is_some()
            || self.authoring.pending.is_some();
        if dialog_open && key == Key::Escape {
            // Escape closes the dialog, nothing else.
            return None;
        }
        if self.authoring.form.is_none() {
            match key {
                Key::Delete => return self.selected.map(Command::DeleteEvent),
                Key::F2 | Key::Enter => return self.selected.map(Command::EditEvent),
                _ => {}
            }
        }
        if key == Key::O && modifiers.command && !self.is_loading() {
            return pick_timeline_file().map(Command::Open);
        }
        if key == Key::E && modifiers.command && modifiers.shift {
            return Some(Command::ExportImage);
        }
        if key == Key::F5 {
            return Some(Command::StartPresenting(self.default_story()));
        }
        let target = self.target_window();
        let centre = target.centre_days();
        Some(match (key, modifiers.shift) {
            (Key::ArrowRight, true) => Command::AnimateTo(target.shifted(1.0 / 3.0)),
            (Key::ArrowLeft, true) => Command::AnimateTo(target.shifted(-1.0 / 3.0)),
            (Key::ArrowRight, false) => Command::SelectRelative(1),
            (Key::ArrowLeft, false) => Command::SelectRelative(-1),
            (Key::ArrowDown, false) => Command::SelectInTable(1),
            (Key::ArrowUp, false) => Command::SelectInTable(-1),
            (Key::Plus | Key::Equals, _) => Command::AnimateTo(target.zoomed(2.0, centre)),
            (Key::Minus, _) => Command::AnimateTo(target.zoomed(0.5, centre)),
            (Key::Num0 | Key::Home, _) => Command::FitAll,
            (Key::Escape, _) => Command::Select(None),
            _ => return None,
        })
    }

    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Writes a copy of the timeline in `format`, saying what was folded.
    fn export_as(&mut self, format: io::Format) {
        let name = export::file_name_for(&self.timeline.title, format.extension());
        let Some((path, fallback)) =
            export::choose_destination(&name, format.extension(), export::Folder::Documents)
        else {
            return;
        };
        self.notice = Some(match io::save_as(&path, &self.timeline, format) {
            Ok(notes) if notes.is_empty() => saved_message(format.label(), &path, fallback),
            Ok(notes) => format!(
                "{} Folded: {}.",
                saved_message(format.label(), &path, fallback),
                notes.join("; ")
            ),
            Err(e) => format!("Could not save the {}: {e}", format.label()),
        });
    }

    /// Puts a file that opened at the top of the recent files.
    fn remember_recent(&mut self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(RECENT_FILES);
    }

    /// Files opened lately, the latest first.
    pub fn recent_files(&self) -> &[PathBuf] {
        &self.recent
    }

    fn export_handout(&mut self) {
        let name = export::file_name_for(&self.timeline.title, "svg");
        let Some((path, fallback)) =
            export::choose_destination(&name, "svg", export::Folder::Documents)
        else {
            return;
        };
        let svg = io::svg::handout_svg(&self.timeline, self.index.sorted(), io::svg::Paper::A4);
        self.notice = Some(match io::write_atomically(&path, svg.as_bytes()) {
            Ok(()) => saved_message("handout", &path, fallback),
            Err(e) => format!("Could not save the handout: {e}"),
        });
    }

    /// Asks the window for a screenshot when a PNG export was requested,
    /// and saves it when it arrives.
    fn receive_screenshot(&mut self, ctx: &egui::Context) {
        if self.awaiting_screenshot {
            self.awaiting_screenshot = false;
            let (tx, rx) = std::sync::mpsc::channel();
            let repaint = ctx.clone();
            ctx.request_screenshot(move |image| {
                // The receiver is gone only if the app was closed meanwhile.
                let _ = tx.send(image);
                repaint.request_repaint();
            });
            self.screenshot = Some(rx);
        }
        let Some(image) = self.screenshot.as_ref().and_then(|rx| rx.try_recv().ok()) else {
            return;
        };
        self.screenshot = None;
        let name = export::file_name_for(&self.timeline.title, "png");
        let Some((path, fallback)) =
            export::choose_destination(&name, "png", export::Folder::Pictures)
        else {
            return;
        };
        self.notice = Some(match export::save_png(&image, &path) {
            Ok(()) => saved_message("image", &path, fallback),
            Err(e) => format!("Could not save the image: {e}"),
        });
    }

    /// What F5 presents: the file's first story, else the filtered events.
    pub fn default_story(&self) -> Option<usize> {
        (!self.timeline.stories.is_empty()).then_some(0)
    }

    fn source_name(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => "built-in dataset".to_string(),
        }
    }

    /// The whole window. Public so that UI tests can drive it without eframe.
    pub fn root_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.poll_loading(&ctx);
        if self.step_animation(ctx.input(|i| i.time)) {
            ctx.request_repaint();
        }
        if self.title_dirty {
            let dot = if self.is_modified() { "● " } else { "" };
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(format!(
                "{dot}{} — Timeline Explorer",
                self.timeline.title
            )));
            self.title_dirty = false;
        }
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        let mut commands: Vec<Command> = dropped.into_iter().take(1).map(Command::Open).collect();
        if !ctx.egui_wants_keyboard_input() {
            let keys = ctx.input(|i| {
                i.events
                    .iter()
                    .filter_map(|e| match e {
                        egui::Event::Key {
                            key,
                            pressed: true,
                            modifiers,
                            ..
                        } => Some((*key, *modifiers)),
                        _ => None,
                    })
                    .collect::<Vec<_>>()
            });
            for (key, modifiers) in keys {
                commands.extend(self.key_command(key, modifiers));
            }
        }
        let focus_search = ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::F));

        // Closing while presenting: leave the presentation first, so the
        // remembered zoom and theme are the user's own. A termination signal
        // (see main.rs) asks for the same, then closes the window.
        let terminate = ctx
            .data(|d| d.get_temp::<bool>(terminate_id()))
            .unwrap_or(false);
        if self.presenting.is_some() && (terminate || ctx.input(|i| i.viewport().close_requested()))
        {
            self.apply(Command::StopPresenting);
        }
        self.presentation_chrome(&ctx);
        if terminate {
            self.finish_rebuild();
        }
        if terminate && self.is_modified() {
            // No one to ask: keep the changes as a recovery copy, offered at
            // the next start.
            self.write_recovery_now();
            self.authoring.allow_close = true;
        }
        self.authoring_frame(&ctx, &mut commands);
        if let Some(choice) = &mut self.column_choice {
            use crate::ui::column_map::{ColumnAction, column_map_ui};
            match column_map_ui(&ctx, choice) {
                ColumnAction::None => {}
                ColumnAction::Open(path, map) => commands.push(Command::OpenWithColumns(path, map)),
                ColumnAction::Cancel => commands.push(Command::CloseColumnChoice),
            }
        }
        if terminate {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        self.receive_screenshot(&ctx);
        if self.toggle_fullscreen {
            self.toggle_fullscreen = false;
            let full = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!full));
        }
        let reveal = std::mem::take(&mut self.reveal_in_list);
        if let Some(p) = &self.presenting {
            Panel::top("presenter").show(ui, |ui| presenter_bar_ui(ui, p, &mut commands));
        } else {
            self.explore_panels_ui(ui, reveal, focus_search, &mut commands);
        }
        egui::CentralPanel::default()
            .frame(Frame::NONE)
            .show(ui, |ui| {
                if self.timeline.events.is_empty() {
                    ui.centered_and_justified(|ui| ui.label("This timeline has no events."));
                } else {
                    let input = CanvasInput {
                        timeline: &self.timeline,
                        cache: &self.lane_cache,
                        index: &self.index,
                        window: self.window,
                        selected: self.selected,
                        show_legend: self.show_legend,
                        data_generation: self.data_generation,
                        query: &self.query,
                    };
                    canvas_ui(ui, &input, &mut self.minimap, &mut commands);
                }
            });
        if let Some(p) = &self.presenting {
            card_ui(&ctx, &self.timeline, p);
        }
        for c in commands {
            self.apply(c);
        }
    }

    /// The exploring layout: top bar, filters, event table and detail.
    fn explore_panels_ui(
        &mut self,
        ui: &mut egui::Ui,
        reveal: bool,
        focus_search: bool,
        commands: &mut Vec<Command>,
    ) {
        self.top_bar_ui(ui, commands);
        Panel::left("filters")
            .resizable(true)
            .default_size(theme::FILTER_PANEL_WIDTH_PX)
            .min_size(theme::LIST_PANEL_MIN_PX)
            .show(ui, |ui| {
                let input = FilterPanelInput {
                    timeline: &self.timeline,
                    query: &self.query,
                    facets: &self.facets,
                    tags: &self.search.tags,
                    shown: self.index.len(),
                    total: self.timeline.events.len(),
                    views: &self.saved_views,
                    file_views: &self.timeline.views,
                    focus_search,
                };
                filter_panel_ui(ui, &input, commands);
            });
        Panel::bottom("event-table")
            .resizable(true)
            .default_size(theme::TABLE_PANEL_HEIGHT_PX)
            .min_size(theme::TABLE_PANEL_MIN_PX)
            .show(ui, |ui| {
                let reveal_row = if reveal {
                    self.selected
                        .map(|s| self.table_rank[s])
                        .filter(|&r| r != usize::MAX)
                } else {
                    None
                };
                event_table_ui(
                    ui,
                    &self.timeline,
                    &self.table_order,
                    self.table_sort,
                    self.selected,
                    reveal_row,
                    commands,
                );
            });
        if let Some(i) = self.selected {
            Panel::right("detail")
                .resizable(true)
                .default_size(theme::DETAIL_PANEL_WIDTH_PX)
                .min_size(theme::DETAIL_PANEL_MIN_PX)
                .show(ui, |ui| {
                    ui.add_space(4.0);
                    if ui
                        .small_button("Close")
                        .on_hover_text("Clear the selection (Esc)")
                        .clicked()
                    {
                        commands.push(Command::Select(None));
                    }
                    ui.horizontal(|ui| {
                        if ui
                            .small_button("Edit…")
                            .on_hover_text("Edit this event (Enter)")
                            .clicked()
                        {
                            commands.push(Command::EditEvent(i));
                        }
                        if ui
                            .small_button("Duplicate")
                            .on_hover_text("Add a copy of this event (Ctrl+D)")
                            .clicked()
                        {
                            commands.push(Command::DuplicateEvent(i));
                        }
                        if ui
                            .small_button("Delete")
                            .on_hover_text("Delete this event (Del); Ctrl+Z brings it back")
                            .clicked()
                        {
                            commands.push(Command::DeleteEvent(i));
                        }
                    });
                    detail_ui(ui, &self.timeline, &self.timeline.events[i]);
                });
        }
    }

    /// While presenting: the whole window zoomed so that text is large on
    /// a projector (body text at least 24 px at 1920×1080, growing with the
    /// window), and the projector theme. Restored afterwards.
    fn presentation_chrome(&mut self, ctx: &egui::Context) {
        match (&self.presenting, self.chrome_before) {
            (Some(p), before) => {
                let (zoom, theme) = before
                    .unwrap_or_else(|| (ctx.zoom_factor(), ctx.options(|o| o.theme_preference)));
                self.chrome_before = Some((zoom, theme));
                let native_ppp = ctx.pixels_per_point() / ctx.zoom_factor();
                let height_px = ctx.content_rect().height() * ctx.pixels_per_point();
                let wanted =
                    (theme::PRESENT_ZOOM_AT_1080P * height_px / 1080.0 / native_ppp).max(1.0);
                if (wanted - ctx.zoom_factor()).abs() > 0.02 {
                    ctx.set_zoom_factor(wanted);
                }
                let theme_wanted = if p.light {
                    egui::Theme::Light
                } else {
                    egui::Theme::Dark
                };
                if ctx.theme() != theme_wanted {
                    ctx.set_theme(theme_wanted);
                }
                // High contrast: pure black on the light theme, white on the dark.
                let text = match theme_wanted {
                    egui::Theme::Light => egui::Color32::BLACK,
                    egui::Theme::Dark => egui::Color32::WHITE,
                };
                if ctx.style_of(theme_wanted).visuals.override_text_color != Some(text) {
                    ctx.style_mut_of(theme_wanted, |s| s.visuals.override_text_color = Some(text));
                }
            }
            (None, Some((zoom, theme))) => {
                ctx.set_zoom_factor(zoom);
                ctx.set_theme(theme);
                for t in [egui::Theme::Light, egui::Theme::Dark] {
                    ctx.style_mut_of(t, |s| s.visuals.override_text_color = None);
                }
                self.chrome_before = None;
            }
            (None, None) => {}
        }
    }

    /// File: open (by dialog, recent, built-in) and export.
    fn file_menu_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.menu_button("File", |ui| {
            if ui
                .button("Open…  Ctrl+O")
                .on_hover_text("Open a timeline: RON, TimelineJS (JSON or sheet CSV), Markwhen or a CSV table. You can also drop a file on the window.")
                .clicked()
            {
                commands.extend(pick_timeline_file().map(Command::Open));
            }
            let save_hint = if self.path.as_deref().and_then(io::Format::for_output) == Some(io::Format::Ron) {
                "Save the changes to this file (the previous version is kept as .bak)"
            } else {
                "This timeline is not a RON file yet: choose where to save it"
            };
            if ui
                .add_enabled(self.is_modified(), egui::Button::new("Save  Ctrl+S"))
                .on_hover_text(save_hint)
                .clicked()
            {
                commands.push(Command::Save);
            }
            if ui
                .button("Save as…  Ctrl+Shift+S")
                .on_hover_text("Save to another file: RON keeps everything; other formats are written as a copy")
                .clicked()
            {
                commands.push(Command::SaveAs(None));
            }
            ui.separator();
            if ui
                .button("Open a CSV table, choosing its columns…")
                .on_hover_text("For a table whose column names are not recognised: say which column holds the dates, the titles, the actors…")
                .clicked()
            {
                commands.extend(pick_timeline_file().map(Command::ChooseColumns));
            }
            ui.menu_button("Open recent", |ui| {
                if self.recent.is_empty() {
                    ui.label(RichText::new("No recent files").weak());
                }
                for path in &self.recent {
                    let name = path
                        .file_name()
                        .map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
                    let exists = path.exists();
                    let button = ui
                        .add_enabled(exists, egui::Button::new(name))
                        .on_hover_text(path.display().to_string())
                        .on_disabled_hover_text(format!("{} (not found)", path.display()));
                    if button.clicked() {
                        commands.push(Command::Open(path.clone()));
                    }
                }
                if !self.recent.is_empty() {
                    ui.separator();
                    if ui.button("Clear recent files").clicked() {
                        commands.push(Command::ClearRecent);
                    }
                }
            });
            if ui
                .add_enabled(self.path.is_some(), egui::Button::new("Built-in dataset"))
                .clicked()
            {
                commands.push(Command::OpenBuiltin);
            }
            ui.separator();
            ui.menu_button("Export", |ui| {
                if ui
                    .button("Image of the window (PNG), Ctrl+Shift+E")
                    .clicked()
                {
                    commands.push(Command::ExportImage);
                }
                let label = format!("Printable handout (SVG), {} events", self.index.len());
                if ui.button(label).clicked() {
                    commands.push(Command::ExportHandout);
                }
                ui.separator();
                for format in io::Format::ALL {
                    if ui
                        .button(format!("{}…", format.label()))
                        .on_hover_text("A copy of the whole timeline; what the format cannot carry is folded into the text")
                        .clicked()
                    {
                        commands.push(Command::ExportAs(format));
                    }
                }
            });
        });
    }

    /// Edit: undo, redo, and changing events, actors and categories.
    fn edit_menu_ui(&self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        ui.menu_button("Edit", |ui| {
            let history = self.history();
            let undo = history
                .undo_label()
                .map_or("Undo".to_string(), |l| format!("Undo {l}"));
            if ui
                .add_enabled(
                    history.undo_label().is_some(),
                    egui::Button::new(format!("{undo}  Ctrl+Z")),
                )
                .clicked()
            {
                commands.push(Command::Undo);
            }
            let redo = history
                .redo_label()
                .map_or("Redo".to_string(), |l| format!("Redo {l}"));
            if ui
                .add_enabled(
                    history.redo_label().is_some(),
                    egui::Button::new(format!("{redo}  Ctrl+Shift+Z")),
                )
                .clicked()
            {
                commands.push(Command::Redo);
            }
            ui.separator();
            if ui.button("New event…  Ctrl+N").clicked() {
                commands.push(Command::NewEvent);
            }
            let selected = self.selected;
            if ui
                .add_enabled(
                    selected.is_some(),
                    egui::Button::new("Edit the selected event…  Enter"),
                )
                .clicked()
            {
                commands.extend(selected.map(Command::EditEvent));
            }
            if ui
                .add_enabled(
                    selected.is_some(),
                    egui::Button::new("Duplicate it  Ctrl+D"),
                )
                .clicked()
            {
                commands.extend(selected.map(Command::DuplicateEvent));
            }
            if ui
                .add_enabled(selected.is_some(), egui::Button::new("Delete it  Del"))
                .clicked()
            {
                commands.extend(selected.map(Command::DeleteEvent));
            }
            ui.separator();
            if ui.button("Actors and categories…").clicked() {
                commands.push(Command::OpenCatalogue);
            }
        });
    }

    fn top_bar_ui(&mut self, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
        let palette = Palette::for_visuals(ui.visuals());
        Panel::top("top-bar").show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                self.file_menu_ui(ui, commands);
                self.edit_menu_ui(ui, commands);
                ui.heading(&self.timeline.title);
                if self.is_modified() {
                    modified_dot_ui(ui);
                }
                ui.label(RichText::new(format!("{} events", self.timeline.events.len())).weak());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button("Fit all")
                        .on_hover_text("Show every event (0 or Home)")
                        .clicked()
                    {
                        commands.push(Command::FitAll);
                    }
                    ui.menu_button("Present", |ui| {
                        for (i, story) in self.timeline.stories.iter().enumerate() {
                            if ui.button(&story.name).clicked() {
                                commands.push(Command::StartPresenting(Some(i)));
                            }
                        }
                        let label =
                            format!("The shown events in date order ({})", self.index.len());
                        if ui.button(label).clicked() {
                            commands.push(Command::StartPresenting(None));
                        }
                    })
                    .response
                    .on_hover_text("Present to a class, step by step (F5)");
                    theme_ui(ui);
                    if ui
                        .selectable_label(self.show_legend, "Legend")
                        .on_hover_text("Show what the marks mean")
                        .clicked()
                    {
                        commands.push(Command::ToggleLegend);
                    }
                    let mut grouping = self.grouping;
                    egui::ComboBox::new("grouping", "Lanes")
                        .selected_text(grouping.label())
                        .show_ui(ui, |ui| {
                            for g in Grouping::ALL {
                                ui.selectable_value(&mut grouping, g, g.label());
                            }
                        });
                    if grouping != self.grouping {
                        commands.push(Command::SetGrouping(grouping));
                    }
                    ui.label(RichText::new(self.source_name()).weak().small())
                        .on_hover_text("Drop a .ron timeline file on the window to open it");
                });
            });
            if let Some((path, _)) = &self.loading {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(format!("Opening {} …", path.display()));
                });
            }
            if let Some(notice) = &self.notice {
                ui.horizontal(|ui| {
                    ui.label(RichText::new(notice).strong());
                    if ui.small_button("OK").clicked() {
                        commands.push(Command::DismissNotice);
                    }
                });
            }
            if !self.errors.is_empty() {
                Frame::new()
                    .fill(palette.error_bg)
                    .inner_margin(Margin::same(6))
                    .corner_radius(4)
                    .show(ui, |ui| {
                        ui.horizontal(|ui| {
                            ui.label(
                                RichText::new(format!(
                                    "Could not open the file. Still showing: {}",
                                    self.source_name()
                                ))
                                .strong()
                                .color(palette.error_text),
                            );
                            if ui.small_button("Dismiss").clicked() {
                                commands.push(Command::DismissErrors);
                            }
                        });
                        egui::ScrollArea::vertical()
                            .id_salt("errors")
                            .max_height(160.0)
                            .show(ui, |ui| {
                                for line in &self.errors {
                                    ui.label(
                                        RichText::new(line).monospace().color(palette.error_text),
                                    );
                                }
                            });
                    });
            }
            ui.add_space(2.0);
        });
    }
}

impl Default for TimelineApp {
    fn default() -> Self {
        Self::new()
    }
}

/// Asks for a timeline file with the system's dialog (`None` if cancelled
/// or if no dialog can open; files can still be dropped on the window).
fn pick_timeline_file() -> Option<PathBuf> {
    export::dialog_available()
        .then(|| {
            rfd::FileDialog::new()
                .add_filter(
                    "Timelines (RON, TimelineJS, Markwhen, CSV)",
                    &["ron", "json", "csv", "tsv", "mw", "txt"],
                )
                .add_filter("All files", &["*"])
                .pick_file()
        })
        .flatten()
}

/// A dot after the title while there are unsaved changes.
fn modified_dot_ui(ui: &mut egui::Ui) {
    let size = egui::vec2(theme::MODIFIED_DOT_PX, theme::MODIFIED_DOT_PX);
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::hover());
    ui.painter().circle_filled(
        rect.center(),
        theme::MODIFIED_DOT_PX / 2.0,
        ui.visuals().warn_fg_color,
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, "Unsaved changes"));
    response.on_hover_text("Unsaved changes (Ctrl+S saves)");
}

/// Where a termination signal is flagged for the app (see main.rs).
pub fn terminate_id() -> egui::Id {
    egui::Id::unique("timeline-explorer-terminate")
}

/// "Saved the image to …", saying so when no dialog could open.
fn saved_message(what: &str, path: &Path, fallback: bool) -> String {
    if fallback {
        format!(
            "No file dialog is available here, so the {what} was saved to {}",
            path.display()
        )
    } else {
        format!("Saved the {what} to {}", path.display())
    }
}

/// System, light or dark; egui remembers the choice between runs.
fn theme_ui(ui: &mut egui::Ui) {
    let current = ui.ctx().options(|o| o.theme_preference);
    let mut choice = current;
    egui::ComboBox::new("theme", "Theme")
        .selected_text(theme_name(current))
        .show_ui(ui, |ui| {
            for pref in [
                egui::ThemePreference::System,
                egui::ThemePreference::Light,
                egui::ThemePreference::Dark,
            ] {
                ui.selectable_value(&mut choice, pref, theme_name(pref));
            }
        });
    if choice != current {
        ui.ctx().set_theme(choice);
    }
}

fn theme_name(pref: egui::ThemePreference) -> &'static str {
    match pref {
        egui::ThemePreference::System => "System",
        egui::ThemePreference::Light => "Light",
        egui::ThemePreference::Dark => "Dark",
    }
}

/// Decodes remembered state; anything unreadable falls back to defaults.
pub fn decode_state(text: &str) -> PersistedState {
    ron::from_str(text).unwrap_or_else(|e| {
        log::warn!("ignoring remembered state that no longer decodes: {e}");
        PersistedState::default()
    })
}

pub fn encode_state(state: &PersistedState) -> String {
    ron::to_string(state).unwrap_or_default()
}

fn empty_timeline() -> Timeline {
    Timeline::with_parts(
        "Empty timeline".to_string(),
        String::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    )
}

impl eframe::App for TimelineApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.root_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        storage.set_string(STORAGE_KEY, encode_state(&self.persisted_state()));
    }
}
