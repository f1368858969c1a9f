//! Recovery copies: while there are unsaved changes, the timeline is
//! written to the recovery folder every few seconds (on a worker), and on a
//! termination signal at once; copies left by a crash are offered at the
//! next start.

use std::path::PathBuf;
use std::sync::Arc;

use crate::io::{self, recovery, watch};
use crate::query::Prepared;

use super::command::JobDone;
use super::notice::Notice;
use super::{AppState, Effect};

/// Seconds between recovery copies while there are unsaved changes.
pub const RECOVERY_INTERVAL_S: f64 = 5.0;

#[derive(Default)]
pub(super) struct Recovery {
    /// Where copies go; `None` turns them off.
    dir: Option<PathBuf>,
    /// Clock time of the last copy (or of the first change after one).
    written_s: Option<f64>,
    /// A change was made since the last copy.
    pub(super) due: bool,
    /// Bumped when the copy is removed (saved, discarded): a periodic copy
    /// still being written for an earlier epoch is removed when it lands.
    epoch: u64,
}

impl AppState {
    /// Where recovery copies go (`None`: nowhere). Also looks (in the
    /// background) for copies left by a crash, to offer them.
    pub(super) fn set_recovery_dir(&mut self, dir: Option<PathBuf>) {
        self.recovery.dir = dir;
        self.offered_recovery = None;
        self.look_for_recovery();
    }

    /// Looks through the recovery folder for the newest copy left by a
    /// crash. Copies that hold nothing new (the same as their file, e.g.
    /// written just as it was saved) are removed instead.
    fn look_for_recovery(&mut self) {
        let Some(dir) = self.recovery.dir.clone() else {
            return;
        };
        self.jobs.spawn(
            "look-for-recovery",
            move || {
                for copy in recovery::orphans(&dir) {
                    let same = copy.original.as_deref().is_some_and(|original| {
                        matches!(
                            (io::load_timeline(original), recovery::read(&copy)),
                            (Ok(a), Ok(b)) if a == b
                        )
                    });
                    if !same {
                        return JobDone::RecoveryFound(Some(copy));
                    }
                    recovery::remove(&copy.file);
                }
                JobDone::RecoveryFound(None)
            },
            || JobDone::RecoveryFound(None),
        );
    }

    /// The periodic copy, when due (called on every tick).
    pub(super) fn recovery_tick(&mut self) {
        if !self.is_modified() || !self.recovery.due {
            return;
        }
        let Some(dir) = self.recovery.dir.clone() else {
            return;
        };
        let now = self.now_s;
        let last = *self.recovery.written_s.get_or_insert(now);
        if now - last < RECOVERY_INTERVAL_S {
            self.effects
                .push(Effect::WakeAfter(RECOVERY_INTERVAL_S - (now - last)));
            return;
        }
        self.recovery.written_s = Some(now);
        self.recovery.due = false;
        // Written off the UI thread: a large timeline takes a while to serialise.
        let timeline = Arc::clone(&self.doc.timeline);
        let original = self.doc.path.clone();
        let epoch = self.recovery.epoch;
        self.jobs.spawn(
            "recovery-copy",
            move || JobDone::RecoveryWritten {
                result: recovery::write(&dir, original.as_deref(), &timeline),
                epoch,
            },
            move || JobDone::RecoveryWritten {
                result: Err(io::SaveError::Io {
                    path: String::new(),
                    source: std::io::Error::other("writing the recovery copy stopped"),
                }),
                epoch,
            },
        );
    }

    /// A periodic copy landed: if the changes were saved or discarded while
    /// it was written, it holds nothing to recover and goes.
    pub(super) fn recovery_written(&mut self, result: Result<PathBuf, io::SaveError>, epoch: u64) {
        match result {
            Ok(file) if epoch != self.recovery.epoch || !self.is_modified() => {
                recovery::remove(&file);
            }
            Ok(_) => {}
            Err(e) => log::error!("could not write the recovery copy: {e}"),
        }
    }

    /// Writes the recovery copy now (on this thread: the app is ending).
    pub(super) fn write_recovery_now(&mut self) {
        let Some(dir) = self.recovery.dir.clone() else {
            return;
        };
        if let Err(e) = recovery::write(&dir, self.doc.path.as_deref(), &self.doc.timeline) {
            log::error!("could not write the recovery copy: {e}");
        }
        self.recovery.due = false;
    }

    pub(super) fn recovery_file(&self) -> Option<PathBuf> {
        let dir = self.recovery.dir.as_deref()?;
        Some(recovery::file_for(dir, self.doc.path.as_deref()))
    }

    pub(super) fn remove_recovery_copy(&mut self) {
        if let Some(f) = self.recovery_file() {
            recovery::remove(&f);
        }
        self.recovery.due = false;
        self.recovery.epoch += 1;
    }

    pub(super) fn discard_recovery(&mut self) {
        if let Some(copy) = self.offered_recovery.take() {
            recovery::remove(&copy.file);
        }
        self.look_for_recovery();
    }

    pub(super) fn restore_recovery(&mut self) {
        let Some(copy) = self.offered_recovery.take() else {
            return;
        };
        match recovery::read(&copy) {
            Ok(t) => {
                let signature = copy.original.as_deref().and_then(watch::Signature::of);
                self.set_prepared(Prepared::new(t), copy.original.clone(), None);
                self.document_replaced(signature);
                self.doc.history.mark_unsaved();
                self.recovery.due = true;
                // Our own copy (same name, our process) replaces the orphan.
                if self.recovery_file().as_deref() != Some(copy.file.as_path()) {
                    recovery::remove(&copy.file);
                }
                self.write_recovery_now();
                self.notice = Some(Notice::Restored);
            }
            Err(e) => self.load_error = Some(e),
        }
    }
}
