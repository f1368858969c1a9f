//! Changing the timeline: edits through the undo history, applied at once
//! on small timelines and on a worker thread on large ones, and what waits
//! for them.

use std::sync::Arc;

use crate::model::edit::{self, Edit, EditError};
use crate::query::Prepared;

use super::command::{JobDone, Rebuilt};
use super::derived::Derived;
use super::notice::{Busy, Notice};
use super::{AppState, Command, EventRef, empty_timeline};

/// Timelines with at least this many events are rebuilt after an edit on a
/// worker thread, so that the window never stalls (about 0.2 s of work at
/// 100,000 events, 3 s at a million).
pub const BACKGROUND_EDIT_EVENTS: usize = 20_000;

/// What an edit does to the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum EditKind {
    New,
    Undo,
    Redo,
}

/// A change being applied on a worker thread.
pub(super) struct Rebuild {
    id: u64,
    kind: EditKind,
    /// The event to select once it is in.
    select: Option<String>,
    /// The message once it is in.
    done: Option<Notice>,
}

impl AppState {
    /// Commands that must wait for (or cannot run during) a change being
    /// applied on a worker thread, a save, or a file being loaded. Returns
    /// the command back if it can run now.
    pub(super) fn hold_while_busy(&mut self, command: Command) -> Option<Command> {
        let busy_edit = self.rebuilding.is_some();
        let busy_save = self.saving.is_some();
        let busy_load = self.loading.is_some();
        if !busy_edit && !busy_load && !busy_save {
            return Some(command);
        }
        match command {
            // Not tied to the timeline's content: they run once it is in.
            // A save waits for a file being opened (or a copy restored):
            // it saves what is shown next.
            Command::Save | Command::SaveAs(_) => {
                self.queued.push_back(command);
                None
            }
            Command::Open(_) | Command::OpenBuiltin | Command::ReloadFromDisk
                if busy_edit || busy_save =>
            {
                self.queued.push_back(command);
                None
            }
            // An answer's save or open waits for the change or save in progress.
            Command::Answer(_) if busy_edit || busy_save => {
                self.queued.push_back(command);
                None
            }
            Command::Undo | Command::Redo if busy_edit => {
                self.queued.push_back(command);
                None
            }
            // An event not there yet may be one the change adds.
            Command::Select(Some(r)) if busy_edit && self.resolve(&r).is_none() => {
                self.queued.push_back(Command::Select(Some(r)));
                None
            }
            Command::ApplyEdit { .. }
            | Command::ApplyCatalogueEdit(_)
            | Command::SubmitForm
            | Command::DuplicateEvent(_)
            | Command::DeleteEvent(_)
            | Command::Undo
            | Command::Redo
            | Command::RestoreRecovery
                if busy_edit || busy_load =>
            {
                // The form and the actors window keep what was typed.
                self.notice = Some(Notice::Busy(if busy_edit {
                    Busy::Applying
                } else {
                    Busy::Loading
                }));
                None
            }
            other => Some(other),
        }
    }

    /// Runs the commands that waited for a change or a save, in order,
    /// until one of them starts another.
    pub(super) fn run_queued(&mut self) {
        while self.rebuilding.is_none()
            && self.saving.is_none()
            && self.loading.is_none()
            && let Some(command) = self.queued.pop_front()
        {
            self.run(command);
        }
    }

    pub(super) fn undo(&mut self) {
        let keep = self.selected_id();
        if let Some(inverse) = self.doc.history.take_undo() {
            let done = Notice::Undid(inverse.label.clone());
            self.run_edit(inverse, EditKind::Undo, keep, Some(done));
        }
    }

    pub(super) fn redo(&mut self) {
        let keep = self.selected_id();
        if let Some(edit) = self.doc.history.take_redo() {
            let done = Notice::Redid(edit.label.clone());
            self.run_edit(edit, EditKind::Redo, keep, Some(done));
        }
    }

    pub(super) fn duplicate_event(&mut self, r: &EventRef) {
        let Some(i) = self.resolve(r) else {
            return;
        };
        match edit::duplicate_event(&self.doc.timeline, i) {
            Ok(e) => {
                let new_id = match e.changes.first() {
                    Some(edit::Change::Event(item)) => item.after.as_ref().map(|e| e.id.clone()),
                    _ => None,
                };
                let keep = new_id.or_else(|| self.selected_id());
                self.run_edit(e, EditKind::New, keep, None);
            }
            Err(e) => self.notice = Some(Notice::EditFailed(e)),
        }
    }

    pub(super) fn delete_event(&mut self, r: &EventRef) {
        let Some(i) = self.resolve(r) else {
            return;
        };
        let title = self.doc.timeline.events[i].title.clone();
        match edit::delete_event(&self.doc.timeline, i) {
            Ok(e) => self.run_edit(e, EditKind::New, None, Some(Notice::Deleted { title })),
            Err(e) => self.notice = Some(Notice::EditFailed(e)),
        }
    }

    /// Applies the event form: adds its event, or replaces the one edited.
    /// The form stays open (with what was typed) if the change cannot be
    /// made now.
    pub(super) fn submit_form(&mut self) {
        let Some(form) = &mut self.form else {
            return;
        };
        let event = match form.check(&self.doc.timeline, self.data_generation) {
            Ok(event) => event,
            Err(problems) => {
                // Ctrl+Enter on a form with red fields says why nothing happened.
                let n = problems.len();
                let first = problems.first().map(|(_, m)| m.as_str()).unwrap_or("");
                self.notice = Some(Notice::EditFailed(EditError::Refused(format!(
                    "{n} thing{} in the form to fix first ({first})",
                    if n == 1 { "" } else { "s" }
                ))));
                return;
            }
        };
        let t = &self.doc.timeline;
        let edit = match &form.editing {
            Some(r) => match r.index_in(t) {
                Some(i) => edit::update_event(t, i, event.clone()),
                None => Err(EditError::Refused(
                    "the event changed while the form was open; open it again".into(),
                )),
            },
            None => Ok(edit::add_event(t, event.clone())),
        };
        match edit {
            Ok(e) => {
                self.form = None;
                self.run_edit(e, EditKind::New, Some(event.id), None);
            }
            Err(e) => self.notice = Some(Notice::EditFailed(e)),
        }
    }

    /// A change from the actors and categories window; its editor closes
    /// once the change is taken.
    pub(super) fn apply_catalogue_edit(&mut self, edit: Edit) {
        if let Some(c) = &mut self.catalogue {
            c.change_taken();
            c.message = None;
        }
        let keep = self.selected_id();
        self.run_edit(edit, EditKind::New, keep, None);
    }

    /// Whether edits and saves run on a worker thread (large timelines).
    pub(super) fn works_in_background(&self) -> bool {
        self.doc.timeline.events.len() >= self.background_from
    }

    /// Applies an edit (new, or taken from the history to undo or redo),
    /// then refreshes what depends on the data, keeping the view and
    /// selecting `select` if it exists. Large timelines are rebuilt on a
    /// worker thread while the window keeps showing the last state.
    pub(super) fn run_edit(
        &mut self,
        edit: Edit,
        kind: EditKind,
        select: Option<String>,
        done: Option<Notice>,
    ) {
        if !self.works_in_background() {
            // The timeline as it was, when the journal needs it as its base.
            let before = self
                .journal_needs_base_snapshot()
                .then(|| Arc::clone(&self.doc.timeline));
            match edit.apply(Arc::make_mut(&mut self.doc.timeline)) {
                Ok(()) => {
                    let before = before.unwrap_or_else(|| Arc::clone(&self.doc.timeline));
                    self.journal_edit(&edit, &before);
                    drop(before);
                    if kind == EditKind::New {
                        self.doc.history.record(edit);
                    }
                    let timeline =
                        std::mem::replace(&mut self.doc.timeline, Arc::new(empty_timeline()));
                    let timeline = Arc::try_unwrap(timeline).unwrap_or_else(|t| (*t).clone());
                    self.after_edit(Prepared::new(timeline), None, select);
                    if done.is_some() {
                        self.notice = done;
                    }
                }
                Err(e) => {
                    self.revert_history(kind);
                    self.notice = Some(Notice::EditFailed(e));
                }
            }
            return;
        }
        if kind == EditKind::New {
            self.doc.history.record(edit.clone());
        }
        let base = Arc::clone(&self.doc.timeline);
        // Journaled now: the change is covered before the worker is done.
        self.journal_edit(&edit, &base);
        let inputs = self.derive_inputs();
        let id = self.jobs.next_id();
        self.jobs.spawn(
            "apply-edit",
            move || {
                let mut timeline = (*base).clone();
                drop(base);
                let result = edit.apply(&mut timeline).map(|()| {
                    let prepared = Prepared::new(timeline);
                    let derived = Derived::for_prepared(&prepared, &inputs);
                    Box::new(Rebuilt { prepared, derived })
                });
                JobDone::Rebuilt { job: id, result }
            },
            move || JobDone::Rebuilt {
                job: id,
                result: Err(EditError::Refused(
                    "the worker applying the change stopped".into(),
                )),
            },
        );
        self.notice = Some(Notice::Applying {
            events: self.doc.timeline.events.len(),
        });
        self.rebuilding = Some(Rebuild {
            id,
            kind,
            select,
            done,
        });
    }

    /// The history as it was before an edit that could not be applied.
    fn revert_history(&mut self, kind: EditKind) {
        let h = &mut self.doc.history;
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

    /// Swaps in what a worker built (or undoes the history if it failed),
    /// then runs the commands that waited for it.
    pub(super) fn rebuilt(&mut self, job: u64, result: Result<Box<Rebuilt>, EditError>) {
        let Some(rebuild) = self.rebuilding.take_if(|r| r.id == job) else {
            return;
        };
        match result {
            Ok(rebuilt) => {
                let Rebuilt { prepared, derived } = *rebuilt;
                self.after_edit(prepared, Some(derived), rebuild.select);
                self.notice = rebuild.done;
            }
            Err(e) => {
                self.revert_history(rebuild.kind);
                self.notice = Some(Notice::EditFailed(e));
                // The edit was journaled before it failed: a snapshot of the
                // timeline as shown replaces it.
                if self.is_modified() {
                    self.recovery_rebase_on_shown();
                }
            }
        }
        self.run_queued();
    }

    fn after_edit(&mut self, prepared: Prepared, derived: Option<Derived>, select: Option<String>) {
        let window = self.window;
        self.selected = None;
        let path = self.doc.path.clone();
        self.set_prepared(prepared, path, derived);
        self.window = window;
        self.selected =
            select.and_then(|id| self.doc.timeline.events.iter().position(|e| e.id == id));
        self.reveal_generation += 1;
        self.recovery.due = true;
        // Back at the saved state: nothing to recover. (Not while a save
        // runs: the file may soon hold an older state than this one.)
        if !self.is_modified() && self.saving.is_none() {
            self.remove_recovery_copy();
        }
    }
}
