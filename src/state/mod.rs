//! The app without a window: the open timeline, what is derived from it,
//! the view, the dialogs' data, messages and background work. No egui.
//!
//! [`Command`] is the only way in: [`AppState::apply`] handles one and
//! returns the [`Effect`]s that need the platform. Background jobs report
//! back as commands on one channel ([`jobs`]); the window applies them in
//! `App::logic`, whether or not it is visible, and so can a test or the
//! command line ([`AppState::settle`]).

mod actions;
mod command;
mod derived;
mod dialogs;
mod editing;
mod files;
mod jobs;
mod notice;
mod persist;
mod presenting;
mod recovery;
mod relations;
mod view;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use crate::io::destination::Folder;
pub use actions::Action;
pub use command::{
    Answer, Command, Destination, Effect, EventRef, ExportKind, JobDone, Loaded, OpenPurpose,
    Pending, Rebuilt, RecoveryRead, SavePurpose, ThemeChoice,
};
pub use derived::{DeriveInputs, Derived, lane_cache};
pub use dialogs::{CHOOSABLE_FIELDS, Catalogue, ColumnChoice, EventForm};
pub use editing::BACKGROUND_EDIT_EVENTS;
pub use jobs::{JobSender, Waker};
pub use notice::{Busy, Notice};
pub use persist::{
    COLUMN_MAPS, DecodeError, EncodeError, PersistedState, RECENT_FILES, UI_SCALE_MAX,
    UI_SCALE_MIN, decode_state, encode_state,
};
pub use presenting::Presentation;
pub use recovery::RECOVERY_INTERVAL_S;

use crate::io::{self, LoadError, recovery::RecoveryCopy, watch};
use crate::layout::{Breaks, LaneCache, TimeWindow};
use crate::model::edit::History;
use crate::model::{Event, Query, SavedView, Timeline};
use crate::query::{
    FacetCounts, Grouping, Prepared, RelationIndex, SearchIndex, SortColumn, TimeIndex,
};

/// A view change in progress.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Animation {
    from: TimeWindow,
    to: TimeWindow,
    /// Clock time when it started; `None` until the next tick.
    started_s: Option<f64>,
}

/// A file being read in the background.
#[derive(Clone, Debug, PartialEq)]
struct LoadJob {
    id: u64,
    path: PathBuf,
}

/// The open document: the timeline and what is derived from its data alone.
struct Document {
    /// Shared with worker threads (edits on large timelines, saves,
    /// recovery copies); replaced, never mutated in place while shared.
    timeline: Arc<Timeline>,
    /// Where it came from: a path, or `None` for the built-in one.
    path: Option<PathBuf>,
    /// Each event's axis extent.
    extents: Vec<(f64, f64)>,
    /// All events in date order.
    all_index: TimeIndex,
    /// The axis's breaks: long stretches without any event.
    breaks: Breaks,
    relations: RelationIndex,
    search: SearchIndex,
    history: History,
    /// The file as last loaded or saved by us.
    disk_signature: Option<watch::Signature>,
}

pub struct AppState {
    doc: Document,
    derived: Derived,
    /// The preferences, live (see [`PersistedState`]).
    remembered: PersistedState,
    /// Bumped whenever the data or the filter change (for caches).
    data_generation: u64,
    selected: Option<usize>,
    /// A relation (index into `Timeline::relations`) selected instead.
    selected_relation: Option<usize>,
    /// The network's date chosen by hand (axis days).
    network_days: Option<f64>,
    window: TimeWindow,
    animation: Option<Animation>,
    /// Bumped when the table should scroll to the selection.
    reveal_generation: u64,
    presenting: Option<Presentation>,
    form: Option<EventForm>,
    catalogue: Option<Catalogue>,
    column_choice: Option<ColumnChoice>,
    pending: Option<Pending>,
    offered_recovery: Option<RecoveryCopy>,
    /// The list of keyboard shortcuts is shown.
    show_shortcuts: bool,
    /// "About this timeline" is shown.
    show_about: bool,
    notice: Option<Notice>,
    /// Why the last file could not be opened.
    load_error: Option<LoadError>,
    /// Which recent files exist, as last looked.
    recent_exists: Vec<(PathBuf, bool)>,
    jobs: jobs::Jobs,
    loading: Option<LoadJob>,
    /// The state to restore once the pending load finishes.
    restore: Option<PersistedState>,
    rebuilding: Option<editing::Rebuild>,
    saving: Option<files::SaveJob>,
    /// What waits for a Save As whose destination is being asked for.
    save_as_then: Option<Pending>,
    /// Bumped when another document is shown (results of work started for
    /// the one before are then not applied to it).
    doc_generation: u64,
    /// Commands waiting for a change or a save to finish.
    queued: VecDeque<Command>,
    recovery: recovery::Recovery,
    /// The user agreed to close (changes saved or discarded), or the app
    /// was told to end.
    allow_close: bool,
    watch_enabled: bool,
    watcher: Option<watch::FileWatcher>,
    /// A change on disk arrived while a load or save ran: look again after.
    disk_recheck: bool,
    /// Timelines with at least this many events are changed on a worker.
    background_from: usize,
    /// The clock's time at the last tick.
    now_s: f64,
    /// Effects of the command being applied.
    effects: Vec<Effect>,
}

impl AppState {
    /// The app on the built-in dataset. If the shipped file is broken (the
    /// tests prevent it), an empty timeline with the error shown.
    pub fn new() -> Self {
        match io::builtin_timeline() {
            Ok(t) => {
                let mut state = Self::with_timeline(t);
                state.recovery_new_document(io::recovery::Base::Builtin, None);
                state
            }
            Err(e) => {
                let mut state = Self::with_timeline(empty_timeline());
                state.load_error = Some(e);
                state
            }
        }
    }

    /// The app on a given timeline (tests, benchmarks).
    pub fn with_timeline(timeline: Timeline) -> Self {
        let mut state = Self {
            doc: Document {
                timeline: Arc::new(empty_timeline()),
                path: None,
                extents: Vec::new(),
                all_index: TimeIndex::default(),
                breaks: Breaks::default(),
                relations: RelationIndex::default(),
                search: SearchIndex::default(),
                history: History::new(),
                disk_signature: None,
            },
            derived: Derived::default(),
            remembered: PersistedState::default(),
            data_generation: 0,
            selected: None,
            selected_relation: None,
            network_days: None,
            window: TimeWindow::default(),
            animation: None,
            reveal_generation: 0,
            presenting: None,
            form: None,
            catalogue: None,
            column_choice: None,
            pending: None,
            offered_recovery: None,
            show_shortcuts: false,
            show_about: false,
            notice: None,
            load_error: None,
            recent_exists: Vec::new(),
            jobs: jobs::Jobs::default(),
            loading: None,
            restore: None,
            rebuilding: None,
            saving: None,
            save_as_then: None,
            doc_generation: 0,
            queued: VecDeque::new(),
            recovery: recovery::Recovery::default(),
            allow_close: false,
            watch_enabled: false,
            watcher: None,
            disk_recheck: false,
            background_from: BACKGROUND_EDIT_EVENTS,
            now_s: 0.0,
            effects: Vec::new(),
        };
        state.set_prepared(Prepared::new(timeline), None, None);
        state.document_replaced(None);
        state
    }

    /// The app as it was when `state` was saved. `file` (from the command
    /// line) wins over the remembered file; a file is loaded in the
    /// background and its view restored when it arrives.
    pub fn restored(state: &PersistedState, file: Option<PathBuf>) -> Self {
        let mut app = Self::new();
        app.restore_preferences(state);
        match file.or_else(|| state.file.clone()) {
            Some(path) => {
                let restore = Some(state.clone())
                    .filter(|s| s.file.as_deref().is_some_and(|f| same_file(f, &path)));
                let _ = app.apply(Command::Open(path));
                // Set after opening: an Open forgets what was to be restored.
                app.restore = restore;
            }
            None => app.restore_view(state),
        }
        app
    }

    /// Applies one command; returns what the platform must do.
    pub fn apply(&mut self, command: Command) -> Vec<Effect> {
        self.run(command);
        std::mem::take(&mut self.effects)
    }

    /// Applies the results of background jobs that have arrived.
    pub fn poll_jobs(&mut self) -> Vec<Effect> {
        for command in self.jobs.ready() {
            self.run(command);
        }
        std::mem::take(&mut self.effects)
    }

    /// Waits (up to `timeout`) until no background job is running, applying
    /// their results as they come: for the command line, tests, and
    /// shutdown.
    pub fn settle(&mut self, timeout: Duration) -> Vec<Effect> {
        let deadline = Instant::now() + timeout;
        loop {
            for command in self.jobs.ready() {
                self.run(command);
            }
            if self.jobs.running() == 0 {
                // Every report is in the channel once the count is zero.
                for command in self.jobs.ready() {
                    self.run(command);
                }
                if self.jobs.running() == 0 {
                    break;
                }
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            if let Some(command) = self.jobs.wait(left.min(Duration::from_millis(50))) {
                self.run(command);
            }
        }
        std::mem::take(&mut self.effects)
    }

    /// Who to wake when background work finishes (the window).
    pub fn set_waker(&mut self, waker: Waker) {
        self.jobs.set_waker(waker);
    }

    /// A sender for reports from outside the state (the window's image
    /// export).
    pub fn job_sender(&self) -> JobSender {
        self.jobs.sender()
    }

    /// How many background jobs are running.
    pub fn jobs_running(&self) -> usize {
        self.jobs.running()
    }

    fn run(&mut self, command: Command) {
        let Some(command) = self.hold_while_busy(command) else {
            return;
        };
        match command {
            Command::Select(r) => {
                let i = r.and_then(|r| self.resolve(&r));
                self.select(i);
            }
            Command::SelectRelation(id) => self.select_relation(id.as_deref()),
            Command::ToggleNetwork | Command::SetNetworkDate(_) => self.network_command(command),
            Command::SelectRelative(step) => self.select_relative(step),
            Command::SelectInTable(step) => self.select_in_table(step),
            Command::FitAll => self.fit_all(),
            Command::SetWindow(w) => {
                self.animation = None;
                self.window = w.clamped();
            }
            Command::AnimateTo(w) => self.animate_to(w),
            Command::Tick { now_s } => self.tick(now_s),
            Command::SetGrouping(g) => self.set_grouping(g),
            Command::ToggleLegend => self.remembered.show_legend = !self.remembered.show_legend,
            Command::ToggleShortenGaps => {
                self.remembered.shorten_gaps = !self.remembered.shorten_gaps;
                // What was on the screen stays there.
                let target = self.target_window();
                self.animation = None;
                self.window = target;
                self.fit_all();
            }
            Command::ToggleTwoLineLabels => {
                self.remembered.two_line_labels = !self.remembered.two_line_labels;
            }
            Command::ToggleShortcuts => self.show_shortcuts = !self.show_shortcuts,
            Command::ToggleAbout => self.show_about = !self.show_about,
            Command::SetUiScale(scale) => {
                if scale.is_finite() {
                    self.remembered.ui_scale = scale.clamp(UI_SCALE_MIN, UI_SCALE_MAX);
                }
            }
            Command::SetTheme(t) => self.remembered.theme = t,
            Command::SetQuery(q) => self.set_query(q),
            Command::SortTable(column) => self.sort_table(column),
            Command::SaveView(name) => self.save_view(name),
            Command::RecallView(view) => self.recall_view(&view),
            Command::RenameView { index, name } => self.rename_view(index, name),
            Command::DeleteView(index) => {
                if index < self.remembered.views.len() {
                    self.remembered.views.remove(index);
                }
            }
            Command::CopyCitation(r) => {
                if let Some(i) = self.resolve(&r) {
                    let text = self.doc.timeline.citation(i);
                    self.effects.push(Effect::CopyText(text));
                    self.notice = Some(Notice::Copied);
                }
            }
            Command::OpenLink(url) => {
                if io::is_openable_url(&url) {
                    self.effects.push(Effect::OpenUrl(url));
                } else {
                    self.notice = Some(Notice::LinkRefused(url));
                }
            }
            Command::ShowOpenDialog(purpose) => self.effects.push(Effect::PickFile(purpose)),
            Command::Open(path) => self.open(path),
            Command::OpenBuiltin => self.open_builtin(),
            Command::OpenWithColumns(path, map) => self.open_with_columns(path, map),
            Command::ChooseColumns(path) => self.choose_columns(path),
            Command::UpdateColumnChoice(c) => {
                if self.column_choice.is_some() {
                    self.column_choice = Some(c);
                }
            }
            Command::CloseColumnChoice => self.column_choice = None,
            Command::ReloadFromDisk => self.reload_from_disk(),
            Command::CheckRecentFiles => self.check_recent_files(),
            Command::ClearRecent => {
                self.remembered.recent.clear();
                self.recent_exists.clear();
            }
            Command::Save => self.save(),
            Command::SaveAs(target) => self.save_as(target),
            Command::Export(kind) => self.export(kind),
            Command::ExportTo(kind, destination) => self.export_to(kind, destination, false),
            Command::DialogCancelled => self.save_as_then = None,
            Command::SetRecoveryFolder(dir) => self.set_recovery_dir(dir),
            Command::FollowFileOnDisk(on) => self.set_watching(on),
            Command::SetBackgroundEditsFrom(events) => self.background_from = events,
            Command::NewEvent => self.form = Some(EventForm::new_event(&self.doc.timeline)),
            Command::EditEvent(r) => {
                if let Some(i) = self.resolve(&r) {
                    let e = &self.doc.timeline.events[i];
                    self.form = Some(EventForm::edit(EventRef::at(&e.id, i), e));
                }
            }
            Command::DuplicateEvent(r) => self.duplicate_event(&r),
            Command::DeleteEvent(r) => self.delete_event(&r),
            Command::UpdateForm(form) => {
                if self.form.is_some() {
                    self.form = Some(*form);
                }
            }
            Command::SubmitForm => self.submit_form(),
            Command::CloseForm => self.form = None,
            Command::ApplyEdit { edit, select } => {
                let keep = select.or_else(|| self.selected_id());
                self.run_edit(edit, editing::EditKind::New, keep, None);
            }
            Command::Undo => self.undo(),
            Command::Redo => self.redo(),
            Command::OpenCatalogue => self.catalogue = Some(Catalogue::default()),
            Command::UpdateCatalogue(c) => {
                if self.catalogue.is_some() {
                    self.catalogue = Some(*c);
                }
            }
            Command::ApplyCatalogueEdit(edit) => self.apply_catalogue_edit(edit),
            Command::CloseCatalogue => self.catalogue = None,
            Command::Answer(answer) => self.answer(answer),
            Command::RestoreRecovery => self.restore_recovery(),
            Command::DiscardRecovery => self.discard_recovery(),
            Command::StartPresenting(story) => self.start_presenting(story),
            Command::StopPresenting => self.stop_presenting(),
            Command::PresentStep(delta) => self.present_step_by(delta),
            Command::PresentGoTo(step) => self.present_go_to(step),
            Command::ToggleReveal => self.toggle_reveal(),
            Command::ToggleProjectorTheme => {
                if let Some(p) = &mut self.presenting {
                    p.light = !p.light;
                }
            }
            Command::ToggleBlank => {
                if let Some(p) = &mut self.presenting {
                    p.blanked = !p.blanked;
                }
            }
            Command::TogglePresenterView => {
                if let Some(p) = &mut self.presenting {
                    p.presenter_view = !p.presenter_view;
                }
            }
            Command::ToggleFullscreen => self.effects.push(Effect::ToggleFullscreen),
            Command::DismissErrors => self.load_error = None,
            Command::DismissNotice => self.notice = None,
            Command::CloseRequested => self.close_requested(),
            Command::Terminate => self.terminate(),
            Command::Job(done) => self.job_done(done),
        }
    }

    /// A report from a background job.
    fn job_done(&mut self, done: JobDone) {
        match done {
            JobDone::Loaded { job, path, result } => self.loaded(job, path, result),
            JobDone::Rebuilt { job, result } => self.rebuilt(job, result),
            JobDone::Saved {
                job,
                path,
                result,
                had_comments,
                identity,
            } => self.saved(job, path, result, had_comments, identity),
            JobDone::RecoverySnapshot { result, epoch } => {
                self.recovery_snapshot_sent(result, epoch)
            }
            JobDone::RecoveryRead { job, copy, result } => self.recovery_read(job, copy, result),
            JobDone::RecoveryFound(copy) => self.offered_recovery = copy,
            JobDone::HeadersRead { path, headers } => {
                if headers.is_empty() {
                    self.notice = Some(Notice::NoHeaderRow(path));
                } else {
                    self.column_choice = Some(ColumnChoice::new(path, headers));
                }
            }
            JobDone::RecentChecked(exists) => self.recent_exists = exists,
            JobDone::DiskChanged(path) => self.disk_changed(&path),
            JobDone::Exported {
                kind,
                destination,
                result,
                as_copy,
            } => {
                self.notice = Some(match result {
                    Ok(folded) if as_copy => Notice::SavedCopy {
                        kind,
                        destination,
                        folded,
                    },
                    Ok(folded) => Notice::Exported {
                        kind,
                        destination,
                        folded,
                    },
                    Err(error) => Notice::ExportFailed { kind, error },
                });
            }
        }
    }

    /// The event a reference names, in the current timeline.
    fn resolve(&self, r: &EventRef) -> Option<usize> {
        r.index_in(&self.doc.timeline)
    }

    fn selected_id(&self) -> Option<String> {
        self.selected
            .and_then(|i| self.doc.timeline.events.get(i))
            .map(|e| e.id.clone())
    }

    // What the window reads.

    pub fn timeline(&self) -> &Timeline {
        &self.doc.timeline
    }

    /// Where the timeline came from (`None`: the built-in dataset).
    pub fn path(&self) -> Option<&Path> {
        self.doc.path.as_deref()
    }

    /// How the open timeline is named in messages.
    pub fn source_name(&self) -> String {
        match &self.doc.path {
            Some(p) => p.display().to_string(),
            None => "built-in dataset".to_string(),
        }
    }

    /// The window's title: the timeline's, with a dot while modified.
    pub fn window_title(&self) -> String {
        let dot = if self.is_modified() { "● " } else { "" };
        format!("{dot}{} — Timeline Explorer", self.doc.timeline.title)
    }

    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    pub fn selected_event(&self) -> Option<&Event> {
        self.selected.and_then(|i| self.doc.timeline.events.get(i))
    }

    /// A reference to the event at `index` (for commands).
    pub fn event_ref(&self, index: usize) -> EventRef {
        EventRef::at(&self.doc.timeline.events[index].id, index)
    }

    /// Bumped when the table should scroll to the selection.
    pub fn reveal_generation(&self) -> u64 {
        self.reveal_generation
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
        self.remembered.grouping
    }

    pub fn show_legend(&self) -> bool {
        self.remembered.show_legend
    }

    pub fn theme(&self) -> ThemeChoice {
        self.remembered.theme
    }

    /// The interface scale the user chose (1 is egui's normal size).
    pub fn ui_scale(&self) -> f32 {
        self.remembered.ui_scale
    }

    /// Whether "About this timeline" is shown.
    pub fn shows_about(&self) -> bool {
        self.show_about
    }

    /// Whether the list of keyboard shortcuts is shown.
    pub fn shows_shortcuts(&self) -> bool {
        self.show_shortcuts
    }

    pub fn lane_cache(&self) -> &LaneCache {
        &self.derived.lane_cache
    }

    pub fn query(&self) -> &Query {
        &self.remembered.query
    }

    /// The events the query shows, in date order.
    pub fn visible_events(&self) -> &[usize] {
        self.derived.index.sorted()
    }

    /// The same, as an index.
    pub fn visible_index(&self) -> &TimeIndex {
        &self.derived.index
    }

    /// What the overview strip shows: the shown events (while a story is
    /// revealed step by step, only the steps so far).
    pub fn overview_index(&self) -> &TimeIndex {
        self.derived
            .revealed
            .as_ref()
            .unwrap_or(&self.derived.index)
    }

    /// The earliest start and latest end of all the events, filtered or not:
    /// the overview strip's scale, which a filter does not change.
    pub fn all_extent_days(&self) -> Option<(f64, f64)> {
        self.doc.all_index.extent_days()
    }

    /// The event table's rows, in its current order.
    pub fn table_order(&self) -> &[usize] {
        &self.derived.table_order
    }

    /// The table row of an event, if shown.
    pub fn table_row(&self, event: usize) -> Option<usize> {
        self.derived
            .table_rank
            .get(event)
            .copied()
            .filter(|&r| r != usize::MAX)
    }

    pub fn table_sort(&self) -> (SortColumn, bool) {
        self.remembered.table_sort
    }

    pub fn facets(&self) -> &FacetCounts {
        &self.derived.facets
    }

    /// Actors with events under the query first, then the rest.
    pub fn actor_order(&self) -> &[usize] {
        &self.derived.actor_order
    }

    /// All the tags in the timeline, sorted.
    pub fn tags(&self) -> &[String] {
        &self.doc.search.tags
    }

    /// Bumped whenever the data or the filter change.
    pub fn data_generation(&self) -> u64 {
        self.data_generation
    }

    pub fn presentation(&self) -> Option<&Presentation> {
        self.presenting.as_ref()
    }

    /// The views the user saved (remembered with the app's state).
    pub fn saved_views(&self) -> &[SavedView] {
        &self.remembered.views
    }

    /// The views shipped in the open timeline file.
    pub fn file_views(&self) -> &[SavedView] {
        &self.doc.timeline.views
    }

    /// Why the last file could not be opened.
    pub fn load_error(&self) -> Option<&LoadError> {
        self.load_error.as_ref()
    }

    pub fn notice(&self) -> Option<&Notice> {
        self.notice.as_ref()
    }

    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// The file being opened, if any.
    pub fn loading_path(&self) -> Option<&Path> {
        self.loading.as_ref().map(|l| l.path.as_path())
    }

    /// Whether a change is being applied on a worker thread.
    pub fn is_applying_edit(&self) -> bool {
        self.rebuilding.is_some()
    }

    pub fn is_saving(&self) -> bool {
        self.saving.is_some()
    }

    pub fn is_modified(&self) -> bool {
        self.doc.history.is_modified()
    }

    pub fn history(&self) -> &History {
        &self.doc.history
    }

    /// The app's clock at the last tick (seconds).
    pub fn now_s(&self) -> f64 {
        self.now_s
    }

    pub fn form(&self) -> Option<&EventForm> {
        self.form.as_ref()
    }

    pub fn catalogue(&self) -> Option<&Catalogue> {
        self.catalogue.as_ref()
    }

    pub fn column_choice(&self) -> Option<&ColumnChoice> {
        self.column_choice.as_ref()
    }

    /// The question waiting for an answer, if any.
    pub fn pending(&self) -> Option<&Pending> {
        self.pending.as_ref()
    }

    pub fn offered_recovery(&self) -> Option<&RecoveryCopy> {
        self.offered_recovery.as_ref()
    }

    /// Files opened lately, the latest first.
    pub fn recent_files(&self) -> &[PathBuf] {
        &self.remembered.recent
    }

    /// Whether a recent file existed when last looked (`true` if not yet
    /// looked at).
    pub fn recent_file_exists(&self, path: &Path) -> bool {
        self.recent_exists
            .iter()
            .find(|(p, _)| p == path)
            .is_none_or(|(_, e)| *e)
    }

    /// Whether the window may close now (nothing unsaved, or the user
    /// agreed).
    pub fn may_close(&self) -> bool {
        self.allow_close || !self.is_modified()
    }

    /// What F5 presents: the file's first story, else the filtered events.
    pub fn default_story(&self) -> Option<usize> {
        (!self.doc.timeline.stories.is_empty()).then_some(0)
    }

    /// The state to remember.
    pub fn persisted_state(&self) -> PersistedState {
        PersistedState {
            file: self.doc.path.clone(),
            window: Some(self.target_window()),
            selected_id: self.selected_id(),
            ..self.remembered.clone()
        }
    }
}

impl Default for AppState {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether two paths name the same file (compared as absolute paths, and
/// canonically when both exist).
pub(crate) fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => canonical(a) == canonical(b),
    }
}

/// The canonical form of a path, what files are remembered by (recent
/// files, column choices, recovery copies): absolute, links and `..`
/// resolved; absolute as typed when the file does not exist.
pub(crate) fn canonical(path: &Path) -> PathBuf {
    io::recovery::canonical(path)
}

pub(crate) fn empty_timeline() -> Timeline {
    Timeline::with_parts(
        "Empty timeline".to_string(),
        String::new(),
        Vec::new(),
        Vec::new(),
        Vec::new(),
    )
}
