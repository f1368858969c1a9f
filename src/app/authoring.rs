//! Authoring: applying edits through the history, saving (atomic, with a
//! backup), asking before unsaved changes are lost, recovery copies, and
//! following the open file on disk.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::RichText;

use super::{Command, Derived, TimelineApp, empty_timeline, saved_message};
use crate::export;
use crate::io::{self, Format, recovery, watch};
use crate::model::edit::{self, Edit, History};
use crate::query::Prepared;
use crate::ui::catalogue::{Catalogue, CatalogueAction, catalogue_ui};
use crate::ui::event_form::{EventForm, FormAction, event_form_ui};

/// Timelines with at least this many events are rebuilt after an edit on a
/// worker thread, so that the window never stalls (about 0.2 s of work at
/// 100,000 events, 3 s at a million).
pub const BACKGROUND_EDIT_EVENTS: usize = 20_000;

/// What an edit does to the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum EditKind {
    New,
    Undo,
    Redo,
}

/// A change being applied on a worker thread.
pub struct Rebuild {
    rx: std::sync::mpsc::Receiver<Result<(Prepared, Derived), edit::EditError>>,
    kind: EditKind,
    select: Option<String>,
    /// The message once it is in.
    done: Option<String>,
}

/// Seconds between recovery copies while there are unsaved changes.
pub const RECOVERY_INTERVAL_S: f64 = 5.0;
/// Seconds to wait after a change on disk before reading the file (editors
/// write in several steps).
const DISK_SETTLE_S: f64 = 0.2;

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

/// The authoring state the app keeps.
#[derive(Default)]
pub struct Authoring {
    pub history: History,
    pub form: Option<EventForm>,
    pub catalogue: Option<Catalogue>,
    pub pending: Option<Pending>,
    /// The user agreed to close (changes saved or discarded).
    pub allow_close: bool,
    /// Close the window on the next frame.
    pub close_now: bool,
    /// Where recovery copies go; `None` turns them off.
    pub recovery_dir: Option<PathBuf>,
    /// Input time of the last recovery copy.
    pub recovery_written_s: Option<f64>,
    /// An edit was made since the last recovery copy.
    pub recovery_due: bool,
    /// A copy left by a crash, offered at start.
    pub offered_recovery: Option<recovery::RecoveryCopy>,
    /// Follow the open file on disk.
    pub watch_enabled: bool,
    pub watcher: Option<watch::FileWatcher>,
    /// The file as last loaded or saved by us.
    pub disk_signature: Option<watch::Signature>,
    /// Input time when the watcher last reported a change.
    pub disk_changed_s: Option<f64>,
    /// Whether the title bar shows the file as modified.
    pub modified_shown: bool,
    /// A change being applied on a worker thread.
    pub rebuilding: Option<Rebuild>,
    /// A save being written on a worker thread: the file, and the result
    /// (the backup made) with whether the old file had comments.
    #[allow(clippy::type_complexity)]
    pub saving: Option<(
        PathBuf,
        std::sync::mpsc::Receiver<(Result<Option<PathBuf>, io::SaveError>, bool)>,
    )>,
    /// Commands waiting for it.
    pub queued: std::collections::VecDeque<Command>,
    /// See [`TimelineApp::set_background_edits_from`].
    pub background_from: Option<usize>,
}

impl TimelineApp {
    /// Whether the timeline has changes not yet saved.
    pub fn is_modified(&self) -> bool {
        self.authoring.history.is_modified()
    }

    pub fn history(&self) -> &History {
        &self.authoring.history
    }

    /// The question waiting for an answer, if any.
    pub fn pending(&self) -> Option<&Pending> {
        self.authoring.pending.as_ref()
    }

    pub fn offered_recovery(&self) -> Option<&recovery::RecoveryCopy> {
        self.authoring.offered_recovery.as_ref()
    }

    /// Where recovery copies go (`None`: nowhere). Also looks for copies
    /// left by a crash, to offer them.
    pub fn set_recovery_dir(&mut self, dir: Option<PathBuf>) {
        self.authoring.recovery_dir = dir;
        self.offer_next_recovery();
    }

    /// Offers the newest copy left by a crash. Copies that hold nothing
    /// new (the same as their file, e.g. written just as it was saved) are
    /// removed instead.
    fn offer_next_recovery(&mut self) {
        self.authoring.offered_recovery = None;
        let Some(dir) = self.authoring.recovery_dir.clone() else {
            return;
        };
        for copy in recovery::orphans(&dir) {
            let same = copy.original.as_deref().is_some_and(|original| {
                matches!(
                    (io::load_timeline(original), recovery::read(&copy)),
                    (Ok(a), Ok(b)) if a == b
                )
            });
            if same {
                recovery::remove(&copy.file);
            } else {
                self.authoring.offered_recovery = Some(copy);
                return;
            }
        }
    }

    /// Follow the open file on disk (on in the app; tests choose).
    pub fn set_watching(&mut self, on: bool) {
        self.authoring.watch_enabled = on;
        if !on {
            self.authoring.watcher = None;
        }
    }

    /// A new document is shown: its history starts empty and it matches
    /// its file.
    pub(super) fn document_replaced(&mut self, signature: Option<watch::Signature>) {
        self.authoring.history = History::new();
        self.authoring.form = None;
        self.authoring.disk_signature = signature;
        self.authoring.disk_changed_s = None;
        self.title_dirty = true;
    }

    /// Applies the authoring commands; returns the command back if it is
    /// not one of them.
    pub(super) fn apply_authoring(&mut self, command: Command) -> Option<Command> {
        let command = self.hold_while_busy(command)?;
        match command {
            Command::NewEvent => {
                self.authoring.form = Some(EventForm::new_event(&self.timeline));
            }
            Command::EditEvent(i) => {
                if let Some(e) = self.timeline.events.get(i) {
                    self.authoring.form = Some(EventForm::edit(i, e));
                }
            }
            Command::DuplicateEvent(i) => {
                let edit = edit::duplicate_event(&self.timeline, i);
                let new_id = edit.as_ref().ok().and_then(|e| match e.changes.first() {
                    Some(edit::Change::Event(item)) => item.after.as_ref().map(|e| e.id.clone()),
                    _ => None,
                });
                self.apply_edit_result(edit, new_id);
            }
            Command::DeleteEvent(i) => {
                let edit = edit::delete_event(&self.timeline, i);
                let done = self
                    .timeline
                    .events
                    .get(i)
                    .map(|e| format!("Deleted \"{}\". Ctrl+Z brings it back.", e.title));
                match edit {
                    Ok(e) => self.run_edit(e, EditKind::New, None, done),
                    Err(e) => self.notice = Some(format!("Could not change the timeline: {e}")),
                }
            }
            Command::ApplyEdit(edit) => {
                let keep = self.selected_id();
                self.run_edit(edit, EditKind::New, keep, None);
            }
            Command::Undo => {
                let keep = self.selected_id();
                if let Some(inverse) = self.authoring.history.take_undo() {
                    let done = format!("Undid {}", inverse.label);
                    self.run_edit(inverse, EditKind::Undo, keep, Some(done));
                }
            }
            Command::Redo => {
                let keep = self.selected_id();
                if let Some(edit) = self.authoring.history.take_redo() {
                    let done = format!("Redid {}", edit.label);
                    self.run_edit(edit, EditKind::Redo, keep, Some(done));
                }
            }
            Command::CloseForm => self.authoring.form = None,
            Command::OpenCatalogue => self.authoring.catalogue = Some(Catalogue::default()),
            Command::CloseCatalogue => self.authoring.catalogue = None,
            Command::Save => match self.saves_in_place() {
                Some(p) if self.works_in_background() => self.save_to_in_background(p),
                _ => {
                    self.save();
                }
            },
            Command::SaveAs(target) => {
                self.save_as(target, true);
            }
            Command::Answer(answer) => self.answer(answer),
            Command::RestoreRecovery => self.restore_recovery(),
            Command::DiscardRecovery => {
                if let Some(copy) = self.authoring.offered_recovery.take() {
                    recovery::remove(&copy.file);
                }
                self.offer_next_recovery();
            }
            Command::ReloadFromDisk => self.reload_from_disk(),
            other => return Some(other),
        }
        None
    }

    fn selected_id(&self) -> Option<String> {
        self.selected
            .and_then(|i| self.timeline.events.get(i))
            .map(|e| e.id.clone())
    }

    fn apply_edit_result(&mut self, edit: Result<Edit, edit::EditError>, select: Option<String>) {
        match edit {
            Ok(e) => {
                let keep = select.or_else(|| self.selected_id());
                self.run_edit(e, EditKind::New, keep, None);
            }
            Err(e) => self.notice = Some(format!("Could not change the timeline: {e}")),
        }
    }

    /// Whether a change is being applied on a worker thread.
    pub fn is_applying_edit(&self) -> bool {
        self.authoring.rebuilding.is_some()
    }

    /// Timelines with at least `events` events are rebuilt after an edit
    /// on a worker thread (the default is [`BACKGROUND_EDIT_EVENTS`]).
    pub fn set_background_edits_from(&mut self, events: usize) {
        self.authoring.background_from = Some(events);
    }

    /// Applies an edit (new, or taken from the history to undo or redo),
    /// then refreshes what depends on the data, keeping the view and
    /// selecting `select` if it exists. Large timelines are rebuilt on a
    /// worker thread while the window keeps showing the last state.
    fn run_edit(
        &mut self,
        edit: Edit,
        kind: EditKind,
        select: Option<String>,
        done: Option<String>,
    ) {
        if !self.works_in_background() {
            match edit.apply(Arc::make_mut(&mut self.timeline)) {
                Ok(()) => {
                    if kind == EditKind::New {
                        self.authoring.history.record(edit);
                    }
                    let timeline =
                        std::mem::replace(&mut self.timeline, Arc::new(empty_timeline()));
                    let timeline = Arc::try_unwrap(timeline).unwrap_or_else(|t| (*t).clone());
                    self.after_edit(Prepared::new(timeline), None, select);
                    self.notice = done.or(self.notice.take());
                }
                Err(e) => {
                    self.revert_history(kind);
                    self.notice = Some(format!("Could not change the timeline: {e}"));
                }
            }
            return;
        }
        if kind == EditKind::New {
            self.authoring.history.record(edit.clone());
        }
        let base = Arc::clone(&self.timeline);
        let inputs = self.derive_inputs();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut timeline = (*base).clone();
            drop(base);
            let result = edit.apply(&mut timeline).map(|()| {
                let prepared = Prepared::new(timeline);
                let derived = Derived::for_prepared(&prepared, &inputs);
                (prepared, derived)
            });
            // The receiver is gone only if the app closed meanwhile.
            let _ = tx.send(result);
        });
        self.notice = Some(format!(
            "Applying the change to {} events…",
            self.timeline.events.len()
        ));
        self.authoring.rebuilding = Some(Rebuild {
            rx,
            kind,
            select,
            done,
        });
    }

    /// The history as it was before an edit that could not be applied.
    fn revert_history(&mut self, kind: EditKind) {
        let h = &mut self.authoring.history;
        match kind {
            EditKind::New => h.forget_last(),
            EditKind::Undo => {
                h.take_redo();
            }
            EditKind::Redo => {
                h.take_undo();
            }
        }
    }

    /// Installs a timeline rebuilt on a worker thread when it is ready.
    fn poll_rebuild(&mut self, ctx: &egui::Context) {
        let Some(rebuild) = &self.authoring.rebuilding else {
            return;
        };
        let result = match rebuild.rx.try_recv() {
            Ok(result) => result,
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
                return;
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Err(edit::EditError::Refused(
                "the worker applying the change stopped".into(),
            )),
        };
        self.install_rebuild(result);
    }

    /// Swaps in what a worker built (or undoes the history if it failed),
    /// then runs the commands that waited for it.
    fn install_rebuild(&mut self, result: Result<(Prepared, Derived), edit::EditError>) {
        let Some(rebuild) = self.authoring.rebuilding.take() else {
            return;
        };
        match result {
            Ok((prepared, derived)) => {
                self.after_edit(prepared, Some(derived), rebuild.select);
                self.notice = rebuild.done;
            }
            Err(e) => {
                self.revert_history(rebuild.kind);
                self.notice = Some(format!("Could not change the timeline: {e}"));
            }
        }
        // Undo, redo and saves asked for meanwhile, in order.
        while self.authoring.rebuilding.is_none()
            && let Some(command) = self.authoring.queued.pop_front()
        {
            self.apply(command);
        }
    }

    /// Commands that must wait for (or cannot run during) a change being
    /// applied on a worker thread or a file being loaded. Returns the
    /// command back if it can run now.
    fn hold_while_busy(&mut self, command: Command) -> Option<Command> {
        let busy_edit = self.authoring.rebuilding.is_some();
        let busy_load = self.loading.is_some();
        if !busy_edit && !busy_load {
            return Some(command);
        }
        match command {
            // Not tied to event positions: they run once the change is in.
            Command::Undo | Command::Redo | Command::Save | Command::SaveAs(_) if busy_edit => {
                self.authoring.queued.push_back(command);
                None
            }
            Command::ApplyEdit(_)
            | Command::DuplicateEvent(_)
            | Command::DeleteEvent(_)
            | Command::Undo
            | Command::Redo
            | Command::RestoreRecovery => {
                self.notice = Some(if busy_edit {
                    "Still applying the last change; try again in a moment.".into()
                } else {
                    "The timeline is still loading; try again once it is shown.".into()
                });
                None
            }
            Command::Open(_) | Command::OpenBuiltin | Command::ReloadFromDisk if busy_edit => {
                self.authoring.queued.push_back(command);
                None
            }
            other => Some(other),
        }
    }

    fn after_edit(&mut self, prepared: Prepared, derived: Option<Derived>, select: Option<String>) {
        let window = self.window;
        self.selected = None;
        let path = self.path.clone();
        self.set_prepared_with(prepared, path, derived);
        self.window = window;
        self.selected = select.and_then(|id| self.timeline.events.iter().position(|e| e.id == id));
        self.reveal_in_list = self.selected.is_some();
        self.authoring.recovery_due = true;
        self.title_dirty = true;
        if !self.is_modified() {
            self.remove_recovery_copy();
        }
    }

    /// Whether Save writes the open file in place (a RON file), rather than
    /// asking where (the built-in dataset, or an imported format).
    fn saves_in_place(&self) -> Option<PathBuf> {
        self.path
            .clone()
            .filter(|p| Format::for_output(p) == Some(Format::Ron))
    }

    /// Whether edits and saves run on a worker thread (large timelines).
    fn works_in_background(&self) -> bool {
        let threshold = self
            .authoring
            .background_from
            .unwrap_or(BACKGROUND_EDIT_EVENTS);
        self.timeline.events.len() >= threshold
    }

    /// Ctrl+S: saves in place, or asks where. Returns whether it saved.
    pub(super) fn save(&mut self) -> bool {
        match self.saves_in_place() {
            Some(p) => self.save_to(&p),
            None => self.save_as(None, false),
        }
    }

    /// Writes the timeline as RON to `path` (atomically, the old file kept
    /// as `.bak`); the file becomes the open document.
    fn save_to(&mut self, path: &Path) -> bool {
        // A save still being written in the background finishes first.
        if let Some((earlier, rx)) = self.authoring.saving.take()
            && let Ok((result, had_comments)) = rx.recv()
        {
            self.saved(&earlier, result, had_comments);
        }
        let had_comments = has_comments(path);
        let result = io::to_ron_string(&self.timeline)
            .and_then(|text| io::save_with_backup(path, text.as_bytes()));
        self.authoring.history.begin_save();
        self.saved(path, result, had_comments)
    }

    /// The same on a worker thread, for large timelines (serialising a
    /// million events takes seconds): the window stays responsive and
    /// edits may go on; the file matches the state the save started from.
    fn save_to_in_background(&mut self, path: PathBuf) {
        if self.authoring.saving.is_some() {
            self.notice = Some("Still saving; try again in a moment.".into());
            return;
        }
        let timeline = Arc::clone(&self.timeline);
        let target = path.clone();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let had_comments = has_comments(&target);
            let result = io::to_ron_string(&timeline)
                .and_then(|text| io::save_with_backup(&target, text.as_bytes()));
            // The receiver is gone only if the app closed meanwhile.
            let _ = tx.send((result, had_comments));
        });
        self.authoring.history.begin_save();
        self.authoring.saving = Some((path.clone(), rx));
        self.notice = Some(format!("Saving {}…", path.display()));
    }

    fn poll_save(&mut self, ctx: &egui::Context) {
        let Some((path, rx)) = &self.authoring.saving else {
            return;
        };
        let (result, had_comments) = match rx.try_recv() {
            Ok(r) => r,
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(50));
                return;
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => (
                Err(io::SaveError::Io {
                    path: path.display().to_string(),
                    source: std::io::Error::other("the saving thread stopped"),
                }),
                false,
            ),
        };
        let path = path.clone();
        self.authoring.saving = None;
        self.saved(&path, result, had_comments);
    }

    /// After a save: the history marks the saved state, the recovery copy
    /// goes, the file is followed and the user told.
    fn saved(
        &mut self,
        path: &Path,
        result: Result<Option<PathBuf>, io::SaveError>,
        had_comments: bool,
    ) -> bool {
        match result {
            Ok(backup) => {
                let old_recovery = self.recovery_file();
                self.path = Some(path.to_path_buf());
                self.authoring.history.finish_save();
                self.authoring.disk_signature = watch::Signature::of(path);
                self.remember_recent(path);
                if let Some(f) = old_recovery {
                    recovery::remove(&f);
                }
                if self.is_modified() {
                    // Edited while saving: the copy must cover those edits.
                    self.authoring.recovery_due = true;
                } else {
                    self.remove_recovery_copy();
                }
                self.title_dirty = true;
                self.notice = Some(match backup {
                    Some(b) => format!(
                        "Saved {} (the previous version is in {}){}",
                        path.display(),
                        b.file_name().unwrap_or_default().to_string_lossy(),
                        if had_comments {
                            "; the file's // comments are not kept by saving, only in that backup"
                        } else {
                            ""
                        }
                    ),
                    None => format!("Saved {}", path.display()),
                });
                true
            }
            Err(e) => {
                self.authoring.history.finish_save_failed();
                self.notice = Some(format!("Could not save: {e}. Nothing was changed on disk."));
                false
            }
        }
    }

    /// Save As: RON becomes the open document; any other format is written
    /// as a copy (it cannot carry everything), saying what was folded.
    /// `background`: a large timeline may be written on a worker thread
    /// (then this returns `false` before the save is done).
    pub(super) fn save_as(&mut self, target: Option<PathBuf>, background: bool) -> bool {
        let (path, fallback) = match target {
            Some(p) => (p, false),
            None => {
                let stem = self
                    .path
                    .as_ref()
                    .and_then(|p| p.file_stem())
                    .map(|s| format!("{}.ron", s.to_string_lossy()))
                    .unwrap_or_else(|| export::file_name_for(&self.timeline.title, "ron"));
                match pick_save_path(&stem) {
                    Some(choice) => choice,
                    None => return false,
                }
            }
        };
        let format = Format::for_output(&path).unwrap_or(Format::Ron);
        if format == Format::Ron {
            if background && self.works_in_background() {
                self.save_to_in_background(path);
                return false;
            }
            let saved = self.save_to(&path);
            if saved && fallback {
                self.notice = Some(saved_message("timeline", &path, true));
            }
            return saved;
        }
        self.notice = Some(match io::save_as(&path, &self.timeline, format) {
            Ok(notes) => {
                let mut m = saved_message(format.label(), &path, fallback);
                if !notes.is_empty() {
                    m.push_str(&format!(" Folded: {}.", notes.join("; ")));
                }
                m.push_str(" The open timeline is unchanged; save it as RON to keep everything.");
                m
            }
            Err(e) => format!("Could not save the {}: {e}", format.label()),
        });
        false
    }

    fn answer(&mut self, answer: Answer) {
        let Some(pending) = self.authoring.pending.take() else {
            return;
        };
        match (pending, answer) {
            (_, Answer::Cancel) => {}
            (Pending::DiskChanged, Answer::KeepMine) => {
                // The file on disk is no longer what the history started from.
                self.authoring.history.mark_unsaved();
                self.authoring.disk_signature = self.path.as_deref().and_then(watch::Signature::of);
                self.title_dirty = true;
            }
            (Pending::DiskChanged, Answer::LoadFromDisk) => self.reload_from_disk(),
            (next, Answer::Save) => {
                if self.save() {
                    self.proceed(next);
                }
            }
            (next, Answer::Discard) => {
                self.remove_recovery_copy();
                self.authoring.history.mark_saved();
                self.proceed(next);
            }
            (next, _) => self.authoring.pending = Some(next),
        }
    }

    /// Carries out what waited for the unsaved changes to be dealt with.
    fn proceed(&mut self, next: Pending) {
        match next {
            Pending::Close => {
                self.authoring.allow_close = true;
                self.authoring.close_now = true;
            }
            Pending::Open(p) => self.apply(Command::Open(p)),
            Pending::OpenBuiltin => self.apply(Command::OpenBuiltin),
            Pending::DiskChanged => self.reload_from_disk(),
        }
    }

    /// Opening something else: asks first if there are unsaved changes.
    /// Returns whether to go ahead now.
    pub(super) fn may_replace_document(&mut self, next: Pending) -> bool {
        if self.is_modified() {
            self.authoring.pending = Some(next);
            false
        } else {
            true
        }
    }

    /// Reloads the open file in the background, keeping the view, the query
    /// and the selection; if the new content is invalid, the errors are
    /// shown and the last good version stays.
    fn reload_from_disk(&mut self) {
        let Some(path) = self.path.clone() else {
            return;
        };
        self.restore = Some(self.persisted_state());
        self.start_loading(path);
    }

    fn recovery_file(&self) -> Option<PathBuf> {
        let dir = self.authoring.recovery_dir.as_deref()?;
        Some(recovery::file_for(dir, self.path.as_deref()))
    }

    fn remove_recovery_copy(&mut self) {
        if let Some(f) = self.recovery_file() {
            recovery::remove(&f);
        }
        self.authoring.recovery_due = false;
    }

    /// Waits (up to ten seconds) for a change being applied on a worker
    /// thread, so that closing does not lose it.
    pub(super) fn finish_rebuild(&mut self) {
        let result = self
            .authoring
            .rebuilding
            .as_ref()
            .and_then(|r| r.rx.recv_timeout(std::time::Duration::from_secs(10)).ok());
        if let Some(result) = result {
            self.install_rebuild(result);
        }
    }

    /// Writes the recovery copy now (on this thread).
    pub fn write_recovery_now(&mut self) {
        let Some(dir) = self.authoring.recovery_dir.clone() else {
            return;
        };
        if let Err(e) = recovery::write(&dir, self.path.as_deref(), &self.timeline) {
            log::warn!("could not write the recovery copy: {e}");
        }
        self.authoring.recovery_due = false;
    }

    fn restore_recovery(&mut self) {
        let Some(copy) = self.authoring.offered_recovery.take() else {
            return;
        };
        match recovery::read(&copy) {
            Ok(t) => {
                // A file still loading from the last run must not replace it.
                self.loading = None;
                self.restore = None;
                let signature = copy.original.as_deref().and_then(watch::Signature::of);
                self.set_timeline(t, copy.original.clone());
                self.document_replaced(signature);
                self.authoring.history.mark_unsaved();
                self.authoring.recovery_due = true;
                // Our own copy (same name, our process) replaces the orphan.
                if self.recovery_file().as_deref() != Some(copy.file.as_path()) {
                    recovery::remove(&copy.file);
                }
                self.write_recovery_now();
                self.notice = Some("Restored the unsaved changes; save them with Ctrl+S.".into());
            }
            Err(e) => self.errors = e.lines(),
        }
    }

    /// Per frame: the close request, recovery copies, the file on disk,
    /// the title bar, and the authoring windows.
    pub(super) fn authoring_frame(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let now = ctx.input(|i| i.time);
        self.poll_rebuild(ctx);
        self.poll_save(ctx);
        if ctx.input(|i| i.viewport().close_requested())
            && self.is_modified()
            && !self.authoring.allow_close
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.authoring.pending = Some(Pending::Close);
        }
        if std::mem::take(&mut self.authoring.close_now) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
        self.recovery_tick(ctx, now);
        self.watch_tick(ctx, now);
        if self.authoring.modified_shown != self.is_modified() {
            self.authoring.modified_shown = self.is_modified();
            self.title_dirty = true;
        }
        self.authoring_windows_ui(ctx, commands);
    }

    fn recovery_tick(&mut self, ctx: &egui::Context, now: f64) {
        if !self.is_modified() || !self.authoring.recovery_due {
            return;
        }
        let Some(dir) = self.authoring.recovery_dir.clone() else {
            return;
        };
        let last = *self.authoring.recovery_written_s.get_or_insert(now);
        if now - last < RECOVERY_INTERVAL_S {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                RECOVERY_INTERVAL_S - (now - last),
            ));
            return;
        }
        self.authoring.recovery_written_s = Some(now);
        self.authoring.recovery_due = false;
        // Written off the UI thread: a large timeline takes a while to serialise.
        let timeline = Arc::clone(&self.timeline);
        let original = self.path.clone();
        std::thread::spawn(move || {
            if let Err(e) = recovery::write(&dir, original.as_deref(), &timeline) {
                log::warn!("could not write the recovery copy: {e}");
            }
        });
    }

    fn watch_tick(&mut self, ctx: &egui::Context, now: f64) {
        let a = &mut self.authoring;
        let wanted = self.path.as_deref().filter(|_| a.watch_enabled);
        if a.watcher.as_ref().map(|w| w.requested_path()) != wanted {
            a.watcher = wanted.and_then(|p| {
                let repaint = ctx.clone();
                watch::FileWatcher::new(p, move || repaint.request_repaint())
                    .map_err(|e| log::warn!("cannot follow {}: {e}", p.display()))
                    .ok()
            });
        }
        if a.watcher.as_ref().is_some_and(|w| w.changed()) {
            a.disk_changed_s = Some(now);
        }
        let Some(since) = a.disk_changed_s else {
            return;
        };
        if now - since < DISK_SETTLE_S || self.loading.is_some() || a.saving.is_some() {
            // Settling, or a load is running: look again once it is done.
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(DISK_SETTLE_S));
            return;
        }
        a.disk_changed_s = None;
        let Some(path) = self.path.clone() else {
            return;
        };
        let now_signature = watch::Signature::of(&path);
        if now_signature.is_none() || now_signature == self.authoring.disk_signature {
            // Gone (an editor mid-save; a later event will follow), or our
            // own save.
            return;
        }
        if self.is_modified() {
            if self.authoring.pending.is_none() {
                self.authoring.pending = Some(Pending::DiskChanged);
            }
        } else {
            self.reload_from_disk();
        }
    }

    /// The event form, the actors and categories window, and the questions.
    fn authoring_windows_ui(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if let Some(form) = &mut self.authoring.form {
            match event_form_ui(ctx, form, &self.timeline, self.data_generation) {
                FormAction::None => {}
                FormAction::Cancel => commands.push(Command::CloseForm),
                FormAction::Apply(_)
                    if self.authoring.rebuilding.is_some() || self.loading.is_some() =>
                {
                    // The form stays open with what was typed.
                    self.notice =
                        Some("Still applying the last change; try again in a moment.".into());
                }
                FormAction::Apply(event) => {
                    let event = *event;
                    let select = Some(event.id.clone());
                    let edit = match form.editing {
                        Some(i)
                            if self
                                .timeline
                                .events
                                .get(i)
                                .is_some_and(|e| e.id == event.id) =>
                        {
                            edit::update_event(&self.timeline, i, event)
                        }
                        Some(_) => Err(edit::EditError::Refused(
                            "the event changed while the form was open; open it again".into(),
                        )),
                        None => Ok(edit::add_event(&self.timeline, event)),
                    };
                    commands.push(Command::CloseForm);
                    match edit {
                        Ok(e) => {
                            commands.push(Command::ApplyEdit(e));
                            if let Some(id) = select {
                                commands.push(Command::SelectId(id));
                            }
                        }
                        Err(e) => self.notice = Some(e.to_string()),
                    }
                }
            }
        }
        if let Some(cat) = &mut self.authoring.catalogue {
            match catalogue_ui(ctx, cat, &self.timeline) {
                CatalogueAction::None => {}
                CatalogueAction::Close => commands.push(Command::CloseCatalogue),
                CatalogueAction::Apply(_)
                    if self.authoring.rebuilding.is_some() || self.loading.is_some() =>
                {
                    // The editor keeps what was typed.
                    self.notice =
                        Some("Still applying the last change; try again in a moment.".into());
                }
                CatalogueAction::Apply(e) => {
                    cat.change_taken();
                    commands.push(Command::ApplyEdit(e));
                }
            }
        }
        if let Some(pending) = &self.authoring.pending {
            pending_ui(ctx, pending, &self.source_name(), commands);
        } else if let Some(copy) = &self.authoring.offered_recovery {
            recovery_offer_ui(ctx, copy, commands);
        }
    }
}

/// Whether a file has `//` comment lines (saving drops them).
fn has_comments(path: &Path) -> bool {
    std::fs::read_to_string(path)
        .map(|t| t.lines().any(|l| l.trim_start().starts_with("//")))
        .unwrap_or(false)
}

/// Asks where to save (`.ron` by default); without a dialog, a free name
/// in the documents folder (and `true`).
fn pick_save_path(file_name: &str) -> Option<(PathBuf, bool)> {
    if export::dialog_available() {
        let mut dialog = rfd::FileDialog::new().set_file_name(file_name);
        for f in Format::ALL {
            dialog = dialog.add_filter(f.label(), &[f.extension()]);
        }
        dialog.save_file().map(|p| (p, false))
    } else {
        let dir = export::default_destination(file_name, export::Folder::Documents);
        Some((dir, true))
    }
}

fn pending_ui(ctx: &egui::Context, pending: &Pending, name: &str, commands: &mut Vec<Command>) {
    egui::Modal::new(egui::Id::unique("unsaved-question")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        match pending {
            Pending::DiskChanged => {
                ui.heading("The file changed on disk");
                ui.label(format!(
                    "{name} was changed by another program, and you have edits that are not saved. Which version do you want?"
                ));
                ui.horizontal(|ui| {
                    if ui.button("Keep my edits").on_hover_text("The file on disk stays as it is until you save").clicked() {
                        commands.push(Command::Answer(Answer::KeepMine));
                    }
                    if ui.button("Load the file from disk").on_hover_text("Your unsaved edits are dropped").clicked() {
                        commands.push(Command::Answer(Answer::LoadFromDisk));
                    }
                });
            }
            other => {
                let what = match other {
                    Pending::Close => "closing",
                    _ => "opening another timeline",
                };
                ui.heading("Save your changes?");
                ui.label(format!("Save the changes to {name} before {what}?"));
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        commands.push(Command::Answer(Answer::Save));
                    }
                    if ui.button("Don't save").clicked() {
                        commands.push(Command::Answer(Answer::Discard));
                    }
                    if ui.button("Cancel").clicked() {
                        commands.push(Command::Answer(Answer::Cancel));
                    }
                });
            }
        }
    });
}

fn recovery_offer_ui(
    ctx: &egui::Context,
    copy: &recovery::RecoveryCopy,
    commands: &mut Vec<Command>,
) {
    egui::Modal::new(egui::Id::unique("recovery-offer")).show(ctx, |ui| {
        ui.set_max_width(460.0);
        ui.heading("Recover unsaved changes?");
        let what = copy
            .original
            .as_ref()
            .map_or("a timeline that was never saved".to_string(), |p| {
                p.display().to_string()
            });
        let when = copy
            .written
            .map(|t| {
                chrono::DateTime::<chrono::Local>::from(t)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_default();
        ui.label(format!(
            "Timeline Explorer stopped with unsaved changes to {what}. A copy from {when} was kept."
        ));
        ui.label(
            RichText::new(copy.file.display().to_string())
                .weak()
                .small(),
        );
        ui.horizontal(|ui| {
            if ui.button("Restore the changes").clicked() {
                commands.push(Command::RestoreRecovery);
            }
            if ui.button("Discard them").clicked() {
                commands.push(Command::DiscardRecovery);
            }
        });
    });
}
