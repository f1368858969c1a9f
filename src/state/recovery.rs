//! Recovery: every edit goes to a journal beside the document's snapshot
//! (written every few seconds while there are unsaved changes), both in the
//! recovery folder; a crash loses at most the edits of the last moment.
//! Copies left by a crash are offered at the next start.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::io::recovery::{self, Base, Header, Identity, JournalWriter};
use crate::io::{self, watch};
use crate::model::edit::Edit;
use crate::query::Prepared;

use super::command::JobDone;
use super::notice::Notice;
use super::{AppState, Effect};

/// Seconds between snapshots while there are unsaved changes.
pub const RECOVERY_INTERVAL_S: f64 = 5.0;

#[derive(Default)]
pub(super) struct Recovery {
    /// Where copies go; `None` turns them off.
    dir: Option<PathBuf>,
    journal: Option<JournalWriter>,
    /// What the open document's edits apply to (its file as loaded or
    /// saved, the built-in dataset, or a snapshot).
    pub(super) base: Option<Base>,
    /// The document's file as this session last read or wrote it.
    pub(super) known: Option<Identity>,
    /// The journal holds this document's edits (a start was sent).
    started: bool,
    /// The number of the last edit journaled.
    pub(super) seq: u64,
    /// Clock time of the last snapshot (or of the first change after one).
    written_s: Option<f64>,
    /// A change was made since the last snapshot.
    pub(super) due: bool,
    /// Bumped when the copy is removed (saved, discarded): a snapshot still
    /// being written for an earlier epoch is removed when it lands.
    epoch: u64,
}

impl AppState {
    /// Where recovery copies go (`None`: nowhere). Also looks (in the
    /// background) for copies left by a crash, to offer them.
    pub(super) fn set_recovery_dir(&mut self, dir: Option<PathBuf>) {
        self.recovery.journal = dir.as_ref().map(|_| JournalWriter::new());
        self.recovery.dir = dir;
        self.recovery.started = false;
        self.offered_recovery = None;
        self.look_for_recovery();
    }

    /// Looks through the recovery folder for the newest copy left by a
    /// crash (and removes our killed saves' temporary files in the folders
    /// of the recent files). Copies that hold nothing new (the same text as
    /// their file, by hash) are removed instead.
    fn look_for_recovery(&mut self) {
        let Some(dir) = self.recovery.dir.clone() else {
            return;
        };
        let folders: Vec<PathBuf> = self
            .remembered
            .recent
            .iter()
            .filter_map(|p| p.parent().map(PathBuf::from))
            .collect();
        self.jobs.spawn(
            "look-for-recovery",
            move || {
                for folder in folders {
                    io::remove_stale_temporaries(&folder);
                }
                io::remove_stale_temporaries(&dir);
                for copy in recovery::orphans(&dir) {
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
    /// as read, is `known`.
    pub(super) fn recovery_new_document(&mut self, base: Base, known: Option<Identity>) {
        self.recovery.base = Some(base);
        self.recovery.known = known;
        self.recovery.started = false;
        self.recovery.seq = 0;
        self.recovery.written_s = None;
    }

    fn header(&self, base: Base) -> Header {
        Header {
            pid: std::process::id(),
            original: self.doc.path.as_deref().map(recovery::canonical),
            base,
            known: self.recovery.known.clone(),
        }
    }

    /// Whether the next journaled edit needs the timeline before it (as the
    /// snapshot its journal starts from).
    pub(super) fn journal_needs_base_snapshot(&self) -> bool {
        self.recovery.dir.is_some()
            && !self.recovery.started
            && self
                .recovery
                .base
                .as_ref()
                .is_none_or(|b| *b == Base::Snapshot)
    }

    /// Journals an edit accepted for the document (`before`: the timeline
    /// it applies to), flushed to disk within moments.
    pub(super) fn journal_edit(&mut self, edit: &Edit, before: &Arc<crate::model::Timeline>) {
        let Some(dir) = self.recovery.dir.clone() else {
            return;
        };
        if self.recovery.journal.is_none() {
            return;
        }
        if !self.recovery.started {
            let base = self.recovery.base.clone().unwrap_or(Base::Snapshot);
            let header = self.header(base.clone());
            if let Some(journal) = &self.recovery.journal {
                journal.start(&dir, header);
            }
            self.recovery.started = true;
            if base == Base::Snapshot {
                // Nothing to replay the edits on: the timeline as it was
                // becomes the snapshot they apply to.
                self.spawn_snapshot(Arc::clone(before), self.recovery.seq);
            }
        }
        self.recovery.seq += 1;
        if let Some(journal) = &self.recovery.journal {
            journal.append(self.recovery.seq, edit.clone());
        }
    }

    /// A snapshot of `timeline` (holding the edits up to `seq`), written on
    /// a worker; it then compacts the journal.
    fn spawn_snapshot(&mut self, timeline: Arc<crate::model::Timeline>, seq: u64) {
        let Some(dir) = self.recovery.dir.clone() else {
            return;
        };
        let header = self.header(Base::Snapshot);
        let epoch = self.recovery.epoch;
        self.jobs.spawn(
            "recovery-snapshot",
            move || JobDone::RecoveryWritten {
                result: recovery::write_snapshot(&dir, &header, &timeline, seq),
                epoch,
                seq,
            },
            move || JobDone::RecoveryWritten {
                result: Err(io::SaveError::Io {
                    path: String::new(),
                    source: std::io::Error::other("writing the recovery copy stopped"),
                }),
                epoch,
                seq,
            },
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
        if !self.is_modified() || !self.recovery.due || self.recovery.dir.is_none() {
            return;
        }
        let now = self.now_s;
        let last = *self.recovery.written_s.get_or_insert(now);
        if now - last < RECOVERY_INTERVAL_S {
            self.effects
                .push(Effect::WakeAfter(RECOVERY_INTERVAL_S - (now - last)));
            return;
        }
        self.recovery.written_s = Some(now);
        self.recovery.due = false;
        // Written off the UI thread: a large timeline takes a while.
        self.spawn_snapshot(Arc::clone(&self.doc.timeline), self.recovery.seq);
    }

    /// A snapshot landed: the journal keeps only the edits after it; if the
    /// changes were saved or discarded while it was written, it holds
    /// nothing to recover and goes.
    pub(super) fn recovery_written(
        &mut self,
        result: Result<PathBuf, io::SaveError>,
        epoch: u64,
        seq: u64,
    ) {
        match result {
            Ok(file) if epoch != self.recovery.epoch || !self.is_modified() => {
                recovery::remove(&file);
            }
            Ok(_) => {
                if let Some(journal) = &self.recovery.journal {
                    journal.compact(seq, Base::Snapshot);
                }
            }
            Err(e) => self.notice = Some(Notice::RecoveryFailed(e)),
        }
    }

    /// The app is ending: everything journaled reaches the disk (a
    /// snapshot is written at once if nothing was journaled).
    pub(super) fn write_recovery_now(&mut self) {
        let Some(dir) = self.recovery.dir.clone() else {
            return;
        };
        if self.recovery.started
            && let Some(journal) = &self.recovery.journal
            && journal.flush(Duration::from_secs(10))
        {
            return;
        }
        let header = self.header(Base::Snapshot);
        if let Err(e) =
            recovery::write_snapshot(&dir, &header, &self.doc.timeline, self.recovery.seq)
        {
            log::error!("could not write the recovery copy: {e}");
        }
        self.recovery.due = false;
    }

    /// Saved as `identity` with the edits up to `seq_saved` in it: the copy
    /// goes, or (edited meanwhile) keeps the later edits, now applying to
    /// the file.
    pub(super) fn recovery_after_save(&mut self, identity: Option<Identity>, seq_saved: u64) {
        let base = identity.clone().map_or(Base::Snapshot, Base::File);
        if !self.is_modified() {
            self.remove_recovery_copy();
            self.recovery_new_document(base, identity);
            return;
        }
        self.recovery.base = Some(base.clone());
        self.recovery.known = identity;
        if let Some(journal) = &self.recovery.journal {
            if base == Base::Snapshot {
                self.spawn_snapshot(Arc::clone(&self.doc.timeline), self.recovery.seq);
            } else {
                journal.compact(seq_saved, base);
            }
        }
        self.recovery.due = true;
    }

    pub(super) fn remove_recovery_copy(&mut self) {
        if let Some(journal) = &self.recovery.journal {
            journal.remove();
        }
        self.recovery.started = false;
        self.recovery.due = false;
        self.recovery.written_s = None;
        self.recovery.epoch += 1;
    }

    pub(super) fn discard_recovery(&mut self) {
        if let Some(copy) = self.offered_recovery.take() {
            recovery::remove_copy(&copy);
        }
        self.look_for_recovery();
    }

    pub(super) fn restore_recovery(&mut self) {
        let Some(copy) = self.offered_recovery.take() else {
            return;
        };
        match recovery::read(&copy) {
            Ok(recovered) => {
                let signature = copy.original.as_deref().and_then(watch::Signature::of);
                self.set_prepared(
                    Prepared::new(recovered.timeline),
                    copy.original.clone(),
                    None,
                );
                self.document_replaced(signature);
                let known = copy.original.as_deref().and_then(Identity::of_file);
                self.recovery_new_document(Base::Snapshot, known);
                self.doc.history.mark_unsaved();
                recovery::remove_copy(&copy);
                // This session's own copy, at once.
                if let (Some(dir), Some(journal)) =
                    (self.recovery.dir.clone(), &self.recovery.journal)
                {
                    journal.start(&dir, self.header(Base::Snapshot));
                    self.recovery.started = true;
                    self.spawn_snapshot(Arc::clone(&self.doc.timeline), 0);
                }
                self.notice = Some(Notice::Restored {
                    replayed: recovered.replayed,
                    skipped: recovered.skipped,
                });
            }
            Err(e) => self.load_error = Some(e),
        }
    }
}
