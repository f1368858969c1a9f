//! Recovery: every edit goes to a journal beside the document's snapshot
//! (written every few seconds while there are unsaved changes), both in the
//! recovery folder; a crash loses at most the edits of the last moment.
//! Copies left by a crash are offered at the next start, one after another.
//!
//! The journal's writer (a thread of its own, `io::recovery::JournalWriter`)
//! does every write and removal of this session's copy, in the order asked;
//! this side decides what to ask, numbering edits (`seq`) and documents
//! (`epoch`: a snapshot of an earlier epoch is dropped).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::io::recovery::{self, Base, Header, Identity, JournalWriter, RecoveryCopy};
use crate::io::{self, LoadError, SaveError, watch};
use crate::model::Timeline;
use crate::model::edit::Edit;
use crate::query::Prepared;

use super::command::{JobDone, Pending, RecoveryRead};
use super::notice::Notice;
use super::{AppState, Effect, LoadJob};

/// Seconds between snapshots while there are unsaved changes.
pub const RECOVERY_INTERVAL_S: f64 = 5.0;

/// Documents imported from another format up to this many events are
/// serialized for recovery as soon as they are shown (kept in memory until
/// the first edit), so that even the first edit has a base on disk at once.
/// Larger ones are serialized at their first edit.
const EAGER_BASE_EVENTS: usize = 200_000;

#[derive(Default)]
pub(super) struct Recovery {
    /// Where copies go; `None` turns them off.
    dir: Option<PathBuf>,
    journal: Option<JournalWriter>,
    /// What the open document's edits apply to without a snapshot (its
    /// file as loaded or saved, the built-in dataset, or `Snapshot`: none).
    pub(super) base: Option<Base>,
    /// The document's file as this session last read or wrote it.
    pub(super) known: Option<Identity>,
    /// A snapshot to replay the edits on was sent (needed when the base is
    /// `Snapshot`).
    base_sent: bool,
    /// The number of the last edit journaled.
    pub(super) seq: u64,
    /// Clock time of the last snapshot (or of the first change after one).
    written_s: Option<f64>,
    /// A change was made since the last snapshot.
    pub(super) due: bool,
    /// Bumped for each document and whenever the copy is removed (saved,
    /// discarded): a snapshot of an earlier epoch is dropped by the writer.
    epoch: u64,
    /// A periodic snapshot of this epoch is being serialized (one at a
    /// time: a million events take seconds).
    serializing: Option<u64>,
    /// Copies not to offer again (being restored).
    restoring: Vec<PathBuf>,
}

impl AppState {
    /// Where recovery copies go (`None`: nowhere). Also looks (in the
    /// background) for copies left by a crash, to offer them.
    pub(super) fn set_recovery_dir(&mut self, dir: Option<PathBuf>) {
        self.recovery.journal = dir.as_ref().map(|_| JournalWriter::new());
        self.recovery.dir = dir;
        self.offered_recovery = None;
        // The open document's copy starts in the new folder.
        let base = self.recovery.base.clone().unwrap_or(Base::Snapshot);
        let known = self.recovery.known.clone();
        self.recovery_new_document(base, known);
        self.recovery_eager_base();
        self.look_for_recovery();
    }

    /// Looks through the recovery folder for the newest copy left by a
    /// crash (and removes our killed writes' temporary files in the folders
    /// of the recent files and those written into lately). Copies that hold nothing new (the same text as
    /// their file, by hash) are removed instead.
    fn look_for_recovery(&mut self) {
        let Some(dir) = self.recovery.dir.clone() else {
            return;
        };
        let mut folders: Vec<PathBuf> = self
            .remembered
            .recent
            .iter()
            .filter_map(|p| p.parent().map(PathBuf::from))
            .chain(self.remembered.written_folders.iter().cloned())
            .collect();
        folders.sort();
        folders.dedup();
        let skip = self.recovery.restoring.clone();
        self.jobs.spawn(
            "look-for-recovery",
            move || {
                for folder in folders {
                    io::remove_stale_temporaries(&folder);
                }
                io::remove_stale_temporaries(&dir);
                for copy in recovery::orphans(&dir) {
                    if skip.contains(&copy.file) {
                        continue;
                    }
                    if !recovery::holds_nothing_new(&copy) {
                        return JobDone::RecoveryFound(Some(copy));
                    }
                    recovery::remove_copy(&copy);
                }
                JobDone::RecoveryFound(None)
            },
            || JobDone::RecoveryFound(None),
        );
    }

    /// A new document is shown: its edits will apply to `base`; its file,
    /// as read, is `known`. The last document's copy goes (its changes were
    /// saved or given up).
    pub(super) fn recovery_new_document(&mut self, base: Base, known: Option<Identity>) {
        self.recovery.epoch += 1;
        self.recovery.base = Some(base.clone());
        self.recovery.known = known;
        self.recovery.base_sent = false;
        self.recovery.seq = 0;
        self.recovery.written_s = None;
        self.recovery.due = false;
        self.recovery.serializing = None;
        let header = self.header(base.clone());
        if let (Some(dir), Some(journal)) = (&self.recovery.dir, &self.recovery.journal) {
            journal.begin(self.recovery.epoch, dir, header);
        }
    }

    /// For a document with no base on disk (imported from another format):
    /// its snapshot, serialized now and kept in memory by the writer until
    /// the first edit, so that the edit has a base at once.
    pub(super) fn recovery_eager_base(&mut self) {
        if self.recovery.base == Some(Base::Snapshot)
            && !self.recovery.base_sent
            && self.doc.timeline.events.len() <= EAGER_BASE_EVENTS
        {
            self.recovery.base_sent = true;
            self.spawn_snapshot(Arc::clone(&self.doc.timeline), 0, true, None);
        }
    }

    fn header(&self, base: Base) -> Header {
        Header {
            pid: std::process::id(),
            session: recovery::session().to_string(),
            original: self.doc.path.as_deref().map(recovery::canonical),
            base,
            known: self.recovery.known.clone(),
        }
    }

    /// Whether the next journaled edit needs the timeline before it (as the
    /// snapshot its journal starts from).
    pub(super) fn journal_needs_base_snapshot(&self) -> bool {
        self.recovery.journal.is_some()
            && !self.recovery.base_sent
            && self
                .recovery
                .base
                .as_ref()
                .is_none_or(|b| *b == Base::Snapshot)
    }

    /// Journals an edit accepted for the document (`before`: the timeline
    /// it applies to), flushed to disk within moments.
    pub(super) fn journal_edit(&mut self, edit: &Edit, before: &Arc<Timeline>) {
        if self.recovery.journal.is_none() {
            return;
        }
        if self.journal_needs_base_snapshot() {
            // Nothing to replay the edits on: the timeline as it was
            // becomes the snapshot they apply to.
            self.recovery.base_sent = true;
            self.spawn_snapshot(Arc::clone(before), self.recovery.seq, false, None);
        }
        self.recovery.seq += 1;
        if let Some(journal) = &self.recovery.journal {
            journal.append(self.recovery.seq, edit.clone());
        }
    }

    /// A snapshot of `timeline` (holding the edits up to `seq`), serialized
    /// on a worker and handed to the journal's writer.
    fn spawn_snapshot(
        &mut self,
        timeline: Arc<Timeline>,
        seq: u64,
        eager: bool,
        then_remove: Option<RecoveryCopy>,
    ) {
        let (Some(journal), Some(dir)) = (&self.recovery.journal, self.recovery.dir.clone()) else {
            return;
        };
        let sender = journal.snapshots();
        let epoch = self.recovery.epoch;
        let header = self.header(Base::Snapshot);
        self.jobs.spawn(
            "recovery-snapshot",
            move || JobDone::RecoverySnapshot {
                result: sender.write(&dir, &header, (epoch, seq), &timeline, eager, then_remove),
                epoch,
            },
            move || JobDone::RecoverySnapshot {
                result: Err(SaveError::Io {
                    path: String::new(),
                    source: std::io::Error::other("writing the recovery copy stopped"),
                }),
                epoch,
            },
        );
    }

    /// The edits the shown timeline holds: all journaled ones but the one
    /// a worker is still applying.
    fn applied_seq(&self) -> u64 {
        self.recovery.seq - u64::from(self.rebuilding.is_some() && self.recovery.seq > 0)
    }

    /// For a save of the shown timeline: a handle that notes in the journal
    /// that the file is about to hold the edits so far (see
    /// `SnapshotSender::saving`), and their number.
    pub(super) fn recovery_saving_note(&self) -> Option<(recovery::SnapshotSender, u64)> {
        let journal = self.recovery.journal.as_ref()?;
        Some((journal.snapshots(), self.applied_seq()))
    }

    /// The shown timeline no longer matches what the journal replays to (an
    /// edit failed on a worker, or the user kept their version of a file
    /// changed on disk): a snapshot of it becomes the base at once, under a
    /// new number, so that nothing journaled before it is replayed.
    pub(super) fn recovery_rebase_on_shown(&mut self) {
        if self.recovery.journal.is_none() {
            return;
        }
        self.recovery.seq += 1;
        self.recovery.base = Some(Base::Snapshot);
        self.recovery.base_sent = true;
        self.recovery.due = false;
        self.recovery.written_s = Some(self.now_s);
        self.spawn_snapshot(
            Arc::clone(&self.doc.timeline),
            self.recovery.seq,
            false,
            None,
        );
    }

    /// The periodic snapshot, when due (called on every tick).
    pub(super) fn recovery_tick(&mut self) {
        if let Some(e) = self
            .recovery
            .journal
            .as_ref()
            .and_then(JournalWriter::take_error)
        {
            self.notice = Some(Notice::RecoveryFailed(e));
        }
        if !self.is_modified() || !self.recovery.due || self.recovery.journal.is_none() {
            return;
        }
        let now = self.now_s;
        let last = *self.recovery.written_s.get_or_insert(now);
        if now - last < RECOVERY_INTERVAL_S {
            self.effects
                .push(Effect::WakeAfter(RECOVERY_INTERVAL_S - (now - last)));
            return;
        }
        if self.recovery.serializing == Some(self.recovery.epoch) || self.rebuilding.is_some() {
            // The last one is still being written, or an edit is being
            // applied (the shown timeline lacks it): the next waits.
            self.effects.push(Effect::WakeAfter(1.0));
            return;
        }
        self.recovery.written_s = Some(now);
        self.recovery.due = false;
        self.recovery.serializing = Some(self.recovery.epoch);
        // Serialized off the UI thread: a large timeline takes a while.
        self.spawn_snapshot(
            Arc::clone(&self.doc.timeline),
            self.applied_seq(),
            false,
            None,
        );
    }

    /// A snapshot was handed to the writer (or could not be serialized).
    pub(super) fn recovery_snapshot_sent(&mut self, result: Result<(), SaveError>, epoch: u64) {
        if self.recovery.serializing == Some(epoch) {
            self.recovery.serializing = None;
        }
        if let Err(e) = result {
            self.notice = Some(Notice::RecoveryFailed(e));
        }
    }

    /// The app is ending: everything journaled reaches the disk; if the
    /// edits have nothing on disk to be replayed on yet (their snapshot is
    /// still being serialized), one is written now.
    pub(super) fn write_recovery_now(&mut self) {
        let (Some(journal), Some(dir)) = (&self.recovery.journal, self.recovery.dir.clone()) else {
            return;
        };
        let wait = Duration::from_secs(10);
        if journal.flush(wait) == Some(true) && (self.recovery.seq > 0 || self.recovery.base_sent) {
            return;
        }
        let header = self.header(Base::Snapshot);
        let seq = (self.recovery.epoch, self.applied_seq());
        match journal
            .snapshots()
            .write(&dir, &header, seq, &self.doc.timeline, false, None)
        {
            Ok(()) => {
                if journal.flush(wait).is_none() {
                    log::error!("the recovery copy was not written in time");
                }
            }
            Err(e) => log::error!("could not write the recovery copy: {e}"),
        }
        self.recovery.due = false;
    }

    /// Saved (to the document's file) as `identity` with the edits up to
    /// `seq_saved` in it: the copy goes, or (edited meanwhile) keeps the
    /// later edits, now applying to the file.
    pub(super) fn recovery_after_save(&mut self, identity: Option<Identity>, seq_saved: u64) {
        let base = identity.clone().map_or(Base::Snapshot, Base::File);
        if !self.is_modified() {
            self.recovery_new_document(base, identity);
            self.recovery_eager_base();
            return;
        }
        if let Some(journal) = &self.recovery.journal {
            journal.saved(seq_saved, identity.clone());
        }
        self.recovery_rebase_after_save(base, identity);
    }

    /// Saved under another name (`path`, now the document's): the copy
    /// moves with it, keeping the edits made while saving.
    pub(super) fn recovery_after_save_as(&mut self, identity: Option<Identity>, seq_saved: u64) {
        let base = identity.clone().map_or(Base::Snapshot, Base::File);
        if !self.is_modified() {
            self.recovery_new_document(base, identity);
            self.recovery_eager_base();
            return;
        }
        if let (Some(journal), Some(path)) = (&self.recovery.journal, &self.doc.path) {
            journal.moved(seq_saved, path.clone(), identity.clone());
        }
        self.recovery_rebase_after_save(base, identity);
    }

    /// After a save with edits made meanwhile: the later edits now apply
    /// to `base` (the file just written, or a snapshot of what is shown,
    /// written at once).
    fn recovery_rebase_after_save(&mut self, base: Base, identity: Option<Identity>) {
        self.recovery.base = Some(base.clone());
        self.recovery.known = identity;
        if base == Base::Snapshot {
            self.recovery.base_sent = true;
            self.spawn_snapshot(
                Arc::clone(&self.doc.timeline),
                self.recovery.seq,
                false,
                None,
            );
        }
        self.recovery.due = true;
    }

    /// Nothing is unsaved any more (undone to the saved state, or given
    /// up): the copy goes.
    pub(super) fn remove_recovery_copy(&mut self) {
        self.recovery.epoch += 1;
        if let Some(journal) = &self.recovery.journal {
            journal.remove(self.recovery.epoch);
        }
        self.recovery.base_sent = false;
        self.recovery.due = false;
        self.recovery.written_s = None;
        self.recovery.serializing = None;
    }

    pub(super) fn discard_recovery(&mut self) {
        if let Some(copy) = self.offered_recovery.take() {
            recovery::remove_copy(&copy);
        }
        self.look_for_recovery();
    }

    /// "Restore": the copy is read on a worker (asking first if the open
    /// document has unsaved changes of its own).
    pub(super) fn restore_recovery(&mut self) {
        let Some(copy) = self.offered_recovery.take() else {
            return;
        };
        if self.is_modified() {
            self.pending = Some(Pending::Restore(copy));
            return;
        }
        self.start_restoring(copy);
    }

    pub(super) fn start_restoring(&mut self, copy: RecoveryCopy) {
        self.recovery.restoring.push(copy.file.clone());
        let id = self.jobs.next_id();
        let (worker_copy, panic_copy) = (copy.clone(), copy.clone());
        self.jobs.spawn(
            "restore-recovery",
            move || {
                let copy = worker_copy;
                let result = recovery::read(&copy).map(|recovered| {
                    let signature = copy.original.as_deref().and_then(watch::Signature::of);
                    let known = copy.original.as_deref().and_then(Identity::of_file);
                    Box::new(RecoveryRead {
                        prepared: Prepared::new(recovered.timeline),
                        replayed: recovered.replayed,
                        skipped: recovered.skipped,
                        signature,
                        known,
                    })
                });
                JobDone::RecoveryRead {
                    job: id,
                    copy,
                    result,
                }
            },
            move || JobDone::RecoveryRead {
                job: id,
                result: Err(LoadError::Io {
                    origin: panic_copy.file.display().to_string(),
                    source: std::io::Error::other("reading the recovery copy stopped"),
                }),
                copy: panic_copy,
            },
        );
        let path = copy.original.clone().unwrap_or_else(|| copy.file.clone());
        self.loading = Some(LoadJob { id, path });
    }

    /// The copy was read: it is the document now, with unsaved changes; it
    /// is written as this session's copy at once, and only then is the
    /// crashed session's removed. The next crashed copy is offered after.
    pub(super) fn recovery_read(
        &mut self,
        job: u64,
        copy: RecoveryCopy,
        result: Result<Box<RecoveryRead>, LoadError>,
    ) {
        if self.loading.as_ref().is_none_or(|l| l.id != job) {
            return;
        }
        self.loading = None;
        match result {
            Ok(read) => {
                let RecoveryRead {
                    prepared,
                    replayed,
                    skipped,
                    signature,
                    known,
                } = *read;
                self.set_prepared(prepared, copy.original.clone(), None);
                self.document_replaced(signature);
                self.recovery_new_document(Base::Snapshot, known);
                self.doc.history.mark_unsaved();
                self.recovery.base_sent = true;
                self.recovery.due = true;
                // Edits that no longer fit stay in the crashed copy (offered
                // again at the next start) rather than vanish.
                let crashed = (skipped == 0).then_some(copy);
                self.spawn_snapshot(Arc::clone(&self.doc.timeline), 0, false, crashed);
                self.notice = Some(Notice::Restored { replayed, skipped });
                self.look_for_recovery();
            }
            Err(e) => {
                self.recovery.restoring.retain(|f| *f != copy.file);
                self.offered_recovery = Some(copy);
                self.load_error = Some(e);
            }
        }
        self.run_queued();
    }
}

impl AppState {
    /// Waits (up to `timeout`) until the recovery copy asked for so far is
    /// on disk: `Some(complete)` (whether its edits have a base to be
    /// replayed on), `None` with no copies or no answer in time.
    pub fn flush_recovery(&self, timeout: Duration) -> Option<bool> {
        self.recovery.journal.as_ref()?.flush(timeout)
    }
}
