//! Files: opening (in the background), the CSV column chooser, recent
//! files, saving (atomic, with a backup, on a worker), exporting, the
//! unsaved-changes question, closing, and following the open file on disk.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::io::{self, Access, ColumnMap, Format, LoadError, SaveError, watch};
use crate::query::Prepared;

use super::command::{Destination, ExportKind, JobDone, Loaded, SavePurpose};
use super::notice::Notice;
use super::persist::{COLUMN_MAPS, RECENT_FILES, WRITTEN_FOLDERS};
use super::{AppState, Command, Effect, LoadJob, Pending, canonical, same_file};
use crate::io::recovery::Base;
use crate::model::Timeline;

/// A save being written on a worker thread.
pub(super) struct SaveJob {
    id: u64,
    /// The journal's edits up to this one are in the file.
    seq: u64,
    /// The document it saves (another may be shown when it ends).
    generation: u64,
    /// Whether the user chose the path (else a default was taken).
    chosen: bool,
    /// What waits for the save (closing, opening another file).
    then: Option<Pending>,
}

impl AppState {
    /// Follow the open file on disk (on in the app; tests choose).
    pub(super) fn set_watching(&mut self, on: bool) {
        self.watch_enabled = on;
        self.update_watcher();
    }

    /// The open document's path changes: the watcher follows it.
    pub(super) fn set_path(&mut self, path: Option<PathBuf>) {
        if self.doc.path != path {
            self.doc.path = path;
            self.update_watcher();
        }
    }

    fn update_watcher(&mut self) {
        let wanted = self.doc.path.as_deref().filter(|_| self.watch_enabled);
        if self.watcher.as_ref().map(|w| w.requested_path()) == wanted {
            return;
        }
        self.watcher = wanted.and_then(|p| {
            let sender = self.jobs.sender();
            let path = p.to_path_buf();
            watch::FileWatcher::new(p, move || sender.send(JobDone::DiskChanged(path.clone())))
                .map_err(|e| log::warn!("cannot follow {}: {e}", p.display()))
                .ok()
        });
    }

    /// A new document is shown: its history starts empty and it matches
    /// its file.
    pub(super) fn document_replaced(&mut self, signature: Option<watch::Signature>) {
        self.doc_generation += 1;
        self.doc.history = crate::model::edit::History::new();
        self.form = None;
        self.doc.disk_signature = signature;
    }

    /// Opening something else: asks first if there are unsaved changes.
    /// Returns whether to go ahead now.
    fn may_replace_document(&mut self, next: Pending) -> bool {
        if self.is_modified() {
            self.pending = Some(next);
            false
        } else {
            true
        }
    }

    pub(super) fn open(&mut self, path: PathBuf) {
        if self.may_replace_document(Pending::Open(path.clone())) {
            // What was to be restored belonged to the file asked for before.
            self.restore = None;
            self.start_loading(path);
        }
    }

    pub(super) fn open_builtin(&mut self) {
        if !self.may_replace_document(Pending::OpenBuiltin) {
            return;
        }
        match io::builtin_timeline() {
            Ok(t) => {
                self.loading = None;
                self.set_prepared(Prepared::new(t), None, None);
                self.document_replaced(None);
                self.recovery_new_document(Base::Builtin, None);
            }
            Err(e) => self.load_error = Some(e),
        }
    }

    pub(super) fn open_with_columns(&mut self, path: PathBuf, map: ColumnMap) {
        let key = canonical(&path);
        let maps = &mut self.remembered.column_maps;
        maps.retain(|(p, _)| *p != key);
        maps.insert(0, (key, map.to_spec()));
        maps.truncate(COLUMN_MAPS);
        self.column_choice = None;
        self.open(path);
    }

    /// The columns chosen for a CSV table, if any.
    fn column_map_for(&self, path: &Path) -> Option<ColumnMap> {
        let path = canonical(path);
        self.remembered
            .column_maps
            .iter()
            .find(|(p, _)| *p == path)
            .and_then(|(_, spec)| spec.parse().ok())
    }

    /// Loads a file in the background; the current timeline stays until
    /// the new one is ready (and stays if it cannot be read).
    fn start_loading(&mut self, path: PathBuf) {
        let options = io::LoadOptions {
            format: None,
            map: self.column_map_for(&path),
        };
        let id = self.jobs.next_id();
        let (worker_path, panic_path) = (path.clone(), path.clone());
        self.jobs.spawn(
            "load",
            move || {
                // Taken before reading: a change while loading shows as a difference.
                let signature = watch::Signature::of(&worker_path);
                let result = io::load_with(&worker_path, &options).map(|imported| {
                    // A RON file is what recovery replays edits on.
                    let identity = io::recovery::Identity::of_file(&worker_path);
                    Box::new(Loaded {
                        prepared: Prepared::new(imported.timeline),
                        skipped: imported.skipped,
                        notes: imported.notes,
                        signature,
                        identity,
                    })
                });
                JobDone::Loaded {
                    job: id,
                    path: worker_path,
                    result,
                }
            },
            move || JobDone::Loaded {
                job: id,
                result: Err(LoadError::Io {
                    origin: panic_path.display().to_string(),
                    source: std::io::Error::other("reading the file stopped unexpectedly"),
                }),
                path: panic_path,
            },
        );
        self.loading = Some(LoadJob { id, path });
    }

    /// A file arrived from the background (an older load's result, after
    /// another file was opened, is dropped).
    pub(super) fn loaded(
        &mut self,
        job: u64,
        path: PathBuf,
        result: Result<Box<Loaded>, LoadError>,
    ) {
        if self.loading.as_ref().is_none_or(|l| l.id != job) {
            return;
        }
        self.loading = None;
        match result {
            // Nothing of an imported file could be read: say why, and keep
            // what was shown (an empty RON timeline is a document, though).
            Ok(loaded)
                if loaded.prepared.timeline.events.is_empty() && !loaded.skipped.is_empty() =>
            {
                self.restore = None;
                self.load_error = Some(LoadError::NoEvents {
                    origin: path.display().to_string(),
                    skipped: loaded.skipped,
                });
            }
            Ok(loaded) => {
                let Loaded {
                    prepared,
                    skipped,
                    notes,
                    signature,
                    identity,
                } = *loaded;
                let events = prepared.timeline.events.len();
                self.notice =
                    (!skipped.is_empty() || !notes.is_empty()).then_some(Notice::Imported {
                        events,
                        skipped,
                        notes,
                    });
                // Remembered (as the last file, a recent one) by its canonical
                // path: the next start may be in another folder.
                let path = canonical(&path);
                let is_ron = Format::for_output(&path) == Some(Format::Ron);
                self.remember_recent(&path);
                self.set_prepared(prepared, Some(path), None);
                self.document_replaced(signature);
                // Edits replay on a RON file; anything else needs a snapshot.
                let base = match &identity {
                    Some(id) if is_ron => Base::File(id.clone()),
                    _ => Base::Snapshot,
                };
                self.recovery_new_document(base, identity);
                self.recovery_eager_base();
                if let Some(state) = self.restore.take() {
                    self.restore_view(&state);
                }
            }
            Err(e) => {
                self.restore = None;
                // A table whose header names were not understood: offer to
                // choose its columns.
                let choose = matches!(e, LoadError::ColumnsNotRecognised { .. });
                self.load_error = Some(e);
                if choose {
                    self.choose_columns(path);
                }
            }
        }
        if std::mem::take(&mut self.disk_recheck)
            && let Some(path) = self.doc.path.clone()
        {
            self.disk_changed(&path);
        }
        self.run_queued();
    }

    /// Reloads the open file in the background, keeping the view, the query
    /// and the selection; if the new content is invalid, the errors are
    /// shown and the last good version stays.
    pub(super) fn reload_from_disk(&mut self) {
        let Some(path) = self.doc.path.clone() else {
            return;
        };
        self.restore = Some(self.persisted_state());
        self.start_loading(path);
    }

    /// Opens the column chooser for a CSV table (its header read in the
    /// background).
    pub(super) fn choose_columns(&mut self, path: PathBuf) {
        let panic_path = path.clone();
        self.jobs.spawn(
            "read-header",
            move || {
                // The header row is all that is needed: read the start only.
                let mut head = Vec::new();
                if let Ok(file) = io::open_regular(&path) {
                    use std::io::Read;
                    let _ = file.take(64 * 1024).read_to_end(&mut head);
                }
                let headers = io::csv_table::headers(&String::from_utf8_lossy(&head));
                JobDone::HeadersRead { path, headers }
            },
            move || JobDone::HeadersRead {
                path: panic_path,
                headers: Vec::new(),
            },
        );
    }

    /// Puts a file that opened at the top of the recent files.
    fn remember_recent(&mut self, path: &Path) {
        let path = canonical(path);
        let recent = &mut self.remembered.recent;
        recent.retain(|p| p != &path);
        recent.insert(0, path.clone());
        recent.truncate(RECENT_FILES);
        self.recent_exists.retain(|(p, _)| p != &path);
        self.recent_exists.push((path, true));
    }

    /// Remembers the folder a write goes to (before it starts: a killed
    /// write leaves its temporary file there for the next start to remove).
    fn remember_written_folder(&mut self, path: &Path) {
        let Some(folder) = canonical(path).parent().map(Path::to_path_buf) else {
            return;
        };
        let folders = &mut self.remembered.written_folders;
        folders.retain(|f| *f != folder);
        folders.insert(0, folder);
        folders.truncate(WRITTEN_FOLDERS);
    }

    pub(super) fn check_recent_files(&mut self) {
        let files = self.remembered.recent.clone();
        self.jobs.spawn(
            "check-recent",
            move || {
                JobDone::RecentChecked(
                    files
                        .into_iter()
                        .map(|p| {
                            let exists = p.is_file();
                            (p, exists)
                        })
                        .collect(),
                )
            },
            || JobDone::RecentChecked(Vec::new()),
        );
    }

    /// Whether Save writes the open file in place (a RON file), rather than
    /// asking where (the built-in dataset, or an imported format).
    fn saves_in_place(&self) -> Option<PathBuf> {
        self.doc
            .path
            .clone()
            .filter(|p| Format::for_output(p) == Some(Format::Ron))
    }

    /// Ctrl+S: saves in place, or asks where.
    pub(super) fn save(&mut self) {
        self.save_then(None);
    }

    fn save_then(&mut self, then: Option<Pending>) {
        // Nothing changed and the file is there: writing it again would
        // only replace the backup (the version before the last real change)
        // with the current one.
        if !self.is_modified()
            && then.is_none()
            && let Some(path) = self.saves_in_place()
            && watch::Signature::of(&path).is_some()
        {
            self.notice = Some(Notice::NothingToSave(path));
            return;
        }
        match self.saves_in_place() {
            Some(path) => self.start_save(Destination { path, chosen: true }, then),
            None => {
                // What waits goes with the answer to "where?".
                self.save_as_then = then;
                self.ask_where(SavePurpose::SaveAs);
            }
        }
    }

    fn ask_where(&mut self, purpose: SavePurpose) {
        let suggested_name = match purpose {
            SavePurpose::SaveAs => self
                .doc
                .path
                .as_ref()
                .and_then(|p| p.file_stem())
                .map(|s| format!("{}.ron", s.to_string_lossy()))
                .unwrap_or_else(|| io::destination::file_name_for(&self.doc.timeline.title, "ron")),
            SavePurpose::Export(kind) => {
                io::destination::file_name_for(&self.doc.timeline.title, kind.extension())
            }
        };
        self.effects.push(Effect::PickSavePath {
            suggested_name,
            purpose,
        });
    }

    /// Writes the timeline as RON to `destination` on a worker (atomically,
    /// the old file kept as `.bak`); the file becomes the open document.
    /// Edits may go on meanwhile; the file holds the state the save
    /// started from.
    fn start_save(&mut self, destination: Destination, then: Option<Pending>) {
        let timeline = Arc::clone(&self.doc.timeline);
        let id = self.jobs.next_id();
        let (target, panic_target) = (destination.path.clone(), destination.path.clone());
        // A new file is as private as the document's own.
        let like = self.doc.path.clone();
        let note = self.recovery_saving_note();
        self.remember_written_folder(&target);
        self.jobs.spawn(
            "save",
            move || {
                let had_comments = has_comments(&target);
                let mut identity = None;
                let result = io::to_ron_string(&timeline).and_then(|text| {
                    let id = io::recovery::Identity::of_bytes(text.as_bytes());
                    // Noted in the journal first: a crash right after the
                    // file is replaced does not replay these edits on it.
                    if let Some((journal, seq)) = &note {
                        journal.saving(*seq, id.clone());
                    }
                    identity = Some(id);
                    io::save_with_backup(&target, text.as_bytes(), like.as_deref())
                });
                JobDone::Saved {
                    job: id,
                    path: target,
                    result,
                    had_comments,
                    identity,
                }
            },
            move || JobDone::Saved {
                job: id,
                result: Err(SaveError::Io {
                    path: panic_target.display().to_string(),
                    source: std::io::Error::other("the saving thread stopped"),
                }),
                path: panic_target,
                had_comments: false,
                identity: None,
            },
        );
        self.doc.history.begin_save();
        if self.works_in_background() {
            self.notice = Some(Notice::Saving(destination.path.clone()));
        }
        self.saving = Some(SaveJob {
            id,
            seq: self.recovery.seq,
            generation: self.doc_generation,
            chosen: destination.chosen,
            then,
        });
    }

    /// After a save: the history marks the saved state, the recovery copy
    /// goes, the file is followed and the user told; then what waited.
    pub(super) fn saved(
        &mut self,
        job: u64,
        path: PathBuf,
        result: Result<Option<PathBuf>, SaveError>,
        had_comments: bool,
        identity: Option<io::recovery::Identity>,
    ) {
        let Some(save) = self.saving.take_if(|s| s.id == job) else {
            return;
        };
        let destination = Destination {
            path: path.clone(),
            chosen: save.chosen,
        };
        if save.generation != self.doc_generation {
            // Another document is shown now: the file was written, but it is
            // not this document's.
            self.notice = Some(match result {
                Ok(backup) => Notice::Saved {
                    destination,
                    backup,
                    had_comments,
                },
                Err(e) => Notice::SaveFailed(e),
            });
            self.run_queued();
            return;
        }
        match result {
            Ok(backup) => {
                let path = canonical(&path);
                let moved =
                    self.doc.path.as_deref().map(canonical).as_deref() != Some(path.as_path());
                self.set_path(Some(path.clone()));
                self.doc.history.finish_save();
                self.doc.disk_signature = watch::Signature::of(&path);
                self.remember_recent(&path);
                if moved {
                    // Saved under another name: the copy moves with it.
                    self.recovery_after_save_as(identity, save.seq);
                } else {
                    // Edited while saving: the copy keeps those edits.
                    self.recovery_after_save(identity, save.seq);
                }
                self.notice = Some(Notice::Saved {
                    destination,
                    backup,
                    had_comments,
                });
                if let Some(next) = save.then {
                    self.proceed(next);
                }
            }
            Err(e) => {
                self.doc.history.finish_save_failed();
                self.notice = Some(Notice::SaveFailed(e));
            }
        }
        if std::mem::take(&mut self.disk_recheck)
            && let Some(path) = self.doc.path.clone()
        {
            self.disk_changed(&path);
        }
        self.run_queued();
    }

    /// Save As: RON becomes the open document; any other format is written
    /// as a copy (it cannot carry everything), saying what was folded.
    pub(super) fn save_as(&mut self, target: Option<Destination>) {
        let Some(destination) = target else {
            self.ask_where(SavePurpose::SaveAs);
            return;
        };
        let then = self.save_as_then.take();
        match Format::for_output(&destination.path).unwrap_or(Format::Ron) {
            Format::Ron => self.start_save(destination, then),
            format => {
                // A copy: the document is still unsaved, so what waited for
                // the save asks again.
                if then.is_some() {
                    self.pending = then;
                }
                self.export_to(ExportKind::Timeline(format), destination, true);
            }
        }
    }

    /// Export: asks where (an image: takes the screenshot first).
    pub(super) fn export(&mut self, kind: ExportKind) {
        match kind {
            ExportKind::Image => self.effects.push(Effect::Screenshot),
            _ => self.ask_where(SavePurpose::Export(kind)),
        }
    }

    /// Writes a copy of the timeline, or the handout of the shown events,
    /// to `destination` (on a worker), saying what was folded. A new file
    /// takes the open document's permissions (a private file's copy stays
    /// private). `as_copy`: a Save As in another format.
    pub(super) fn export_to(&mut self, kind: ExportKind, destination: Destination, as_copy: bool) {
        let timeline = Arc::clone(&self.doc.timeline);
        let events = self.derived.index.sorted().to_vec();
        let filter = self.remembered.query.describe(&timeline);
        let path = destination.path.clone();
        self.remember_written_folder(&path);
        let like = self.doc.path.clone();
        let (done_destination, panic_destination) = (destination.clone(), destination);
        let panic_path = path.display().to_string();
        self.jobs.spawn(
            "export",
            move || {
                let access = like.as_deref().map_or(Access::Keep, Access::Like);
                JobDone::Exported {
                    kind,
                    destination: done_destination,
                    result: write_export(&timeline, &events, &filter, kind, &path, access),
                    as_copy,
                }
            },
            move || JobDone::Exported {
                kind,
                destination: panic_destination,
                result: Err(SaveError::Io {
                    path: panic_path,
                    source: std::io::Error::other("the export stopped unexpectedly"),
                }),
                as_copy,
            },
        );
    }

    pub(super) fn answer(&mut self, answer: super::Answer) {
        use super::Answer;
        let Some(pending) = self.pending.take() else {
            return;
        };
        match (pending, answer) {
            // The crashed copy is offered again.
            (Pending::Restore(copy), Answer::Cancel) => self.offered_recovery = Some(copy),
            (_, Answer::Cancel) => {}
            (Pending::DiskChanged, Answer::KeepMine) => {
                // The file on disk is no longer what the history started from.
                self.doc.history.mark_unsaved();
                self.doc.disk_signature = self.doc.path.as_deref().and_then(watch::Signature::of);
                // The document is no longer the file its edits replay on: a
                // snapshot of it is.
                self.recovery.known = self
                    .doc
                    .path
                    .as_deref()
                    .and_then(io::recovery::Identity::of_file);
                self.recovery_rebase_on_shown();
            }
            (Pending::DiskChanged, Answer::LoadFromDisk) => self.run(Command::ReloadFromDisk),
            (next, Answer::Save) => self.save_then(Some(next)),
            (next, Answer::Discard) => {
                self.remove_recovery_copy();
                self.doc.history.mark_saved();
                self.proceed(next);
            }
            (next, _) => self.pending = Some(next),
        }
    }

    /// Carries out what waited for the unsaved changes to be dealt with.
    fn proceed(&mut self, next: Pending) {
        match next {
            Pending::Close => {
                self.allow_close = true;
                self.effects.push(Effect::Close);
            }
            // Through `run`: what must wait for work in progress waits.
            Pending::Open(p) => self.run(Command::Open(p)),
            Pending::OpenBuiltin => self.run(Command::OpenBuiltin),
            Pending::DiskChanged => self.run(Command::ReloadFromDisk),
            Pending::Restore(copy) => self.start_restoring(copy),
        }
    }

    /// The window is asked to close: a presentation ends first (so that the
    /// remembered view is the user's own); with unsaved changes the close
    /// waits for the user's answer, and a hidden window is shown to ask.
    pub(super) fn close_requested(&mut self) {
        if self.presenting.is_some() {
            self.stop_presenting();
        }
        if self.may_close() {
            return;
        }
        self.effects.push(Effect::CancelClose);
        self.effects.push(Effect::Show);
        if self.pending.is_none() {
            self.pending = Some(Pending::Close);
        }
    }

    /// A termination signal: no one to ask. An edit being applied is waited
    /// for; unsaved changes are kept as a recovery copy, offered at the next
    /// start; then the window closes.
    pub(super) fn terminate(&mut self) {
        if self.presenting.is_some() {
            self.stop_presenting();
        }
        if self.rebuilding.is_some() || self.saving.is_some() {
            let effects = self.settle_rebuild();
            self.effects.extend(effects);
        }
        if self.is_modified() {
            self.write_recovery_now();
        }
        self.allow_close = true;
        self.effects.push(Effect::Close);
    }

    /// Waits (up to ten seconds) for a change being applied, or a save
    /// being written, on a worker.
    fn settle_rebuild(&mut self) -> Vec<Effect> {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while self.rebuilding.is_some() || self.saving.is_some() {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                break;
            }
            if let Some(command) = self.jobs.wait(left) {
                self.run(command);
            }
        }
        std::mem::take(&mut self.effects)
    }

    /// Something happened to the open file: reload it, or ask if there are
    /// unsaved edits. Our own saves, and a file briefly gone (an editor
    /// mid-save), are not changes.
    pub(super) fn disk_changed(&mut self, path: &Path) {
        let Some(open) = self.doc.path.clone() else {
            return;
        };
        if !same_file(&open, path) && canonical(&open) != canonical(path) {
            return;
        }
        if self.loading.is_some() || self.saving.is_some() {
            // Look again once it is done.
            self.disk_recheck = true;
            return;
        }
        let now = watch::Signature::of(&open);
        if now.is_none() {
            // Still gone once the folder has been quiet for a moment (an
            // editor's save would have put it back): deleted or renamed.
            self.notice = Some(Notice::FileGone(open));
            return;
        }
        if now == self.doc.disk_signature {
            if matches!(&self.notice, Some(Notice::FileGone(_))) {
                self.notice = None;
            }
            return;
        }
        if self.is_modified() {
            if self.pending.is_none() {
                self.pending = Some(Pending::DiskChanged);
            }
        } else {
            self.reload_from_disk();
        }
    }
}

/// Writes one export: a copy of the timeline in another format, or the
/// handout of `events`. Returns what was folded.
fn write_export(
    timeline: &Timeline,
    events: &[usize],
    filter: &str,
    kind: ExportKind,
    path: &Path,
    access: Access<'_>,
) -> Result<Vec<String>, SaveError> {
    match kind {
        ExportKind::Timeline(format) => io::save_as(path, timeline, format, access),
        ExportKind::Handout => {
            // One file per page, the first where asked.
            let pages = io::svg::handout_pages(timeline, events, io::svg::Paper::A4);
            let paths = io::svg::page_paths(path, pages.len());
            for (page, p) in pages.iter().zip(&paths) {
                io::write_atomically_with(p, page.as_bytes(), access)?;
            }
            Ok(pages_note(&paths))
        }
        ExportKind::HandoutPdf => {
            // The titles' bold face from the system, as in the window.
            let bold = io::system_fonts::bold_sans();
            let pdf = io::pdf::handout_pdf(timeline, events, filter, io::pdf::PdfPaper::A4, bold)
                .map_err(|e| SaveError::Io {
                path: path.display().to_string(),
                source: std::io::Error::other(e),
            })?;
            io::write_atomically_with(path, &pdf, access).map(|()| Vec::new())
        }
        ExportKind::Image => Err(SaveError::Io {
            path: path.display().to_string(),
            source: std::io::Error::other("images are written by the window"),
        }),
    }
}

/// What a handout of several pages says about its files.
fn pages_note(paths: &[std::path::PathBuf]) -> Vec<String> {
    match paths {
        [] | [_] => Vec::new(),
        [first, .., last] => vec![format!(
            "{} pages, one file each: {} to {}",
            paths.len(),
            first.display(),
            last.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        )],
    }
}

/// Whether a file has `//` comment lines (saving drops them).
fn has_comments(path: &Path) -> bool {
    use std::io::BufRead;
    io::open_regular(path).is_ok_and(|f| {
        std::io::BufReader::new(f)
            .lines()
            .map_while(Result::ok)
            .any(|l| l.trim_start().starts_with("//"))
    })
}
