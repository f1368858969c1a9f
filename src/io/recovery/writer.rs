//! The journal's writer: one thread that writes and removes this
//! session's copy files, in the order asked (see the module above).
//!
//! The journal's header is the authority on what its edits apply to: a
//! snapshot file counts only while the journal says its base is the
//! snapshot. So every change of base writes the new journal first and
//! removes what it replaces after, and a kill between the two leaves a
//! copy that is whole either way.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::{
    Base, Header, Identity, JOURNAL_MAGIC, RecoveryCopy, file_for, journal_for, private_folder,
    remove, remove_copy, save_err, snapshot_text,
};
use crate::io::{
    Access, SaveError, persist_temporary, to_ron_string, write_replacing, write_temporary,
};
use crate::model::Timeline;
use crate::model::edit::Edit;

/// What the journal writer is asked to do, in order.
enum Op {
    /// Another document is open (or the first): the last one's copy goes
    /// (its changes were saved or given up); nothing is written until an
    /// edit is made.
    Begin {
        epoch: u64,
        dir: PathBuf,
        header: Header,
    },
    Append {
        seq: u64,
        edit: Edit,
    },
    /// The whole timeline with the edits up to `seq`, written by a worker
    /// to the temporary file `temp`: it becomes the journal's base if it is
    /// newer than what is on disk (else it goes). An `eager` one (of a
    /// document just imported) waits for the first edit. `then_remove`: a
    /// crashed session's copy that this one now holds.
    Snapshot {
        epoch: u64,
        seq: u64,
        temp: PathBuf,
        eager: bool,
        then_remove: Option<RecoveryCopy>,
    },
    /// A save of the edits up to `seq` is about to replace the file with
    /// one of `identity`: noted in the journal (and on disk) before the
    /// save goes on, so that a crash just after it does not replay those
    /// edits on the file that already holds them.
    Saving {
        seq: u64,
        identity: Identity,
        noted: Sender<()>,
    },
    /// Saved in place with the edits up to `seq`: they are in the file,
    /// whose identity is now `known`.
    Saved {
        seq: u64,
        known: Option<Identity>,
    },
    /// Saved under another name with the edits up to `seq`: the copy
    /// moves to that document's key.
    Moved {
        seq: u64,
        original: PathBuf,
        known: Option<Identity>,
    },
    /// The document has nothing unsaved (saved, undone, discarded): no copy
    /// is left. Later snapshots of an earlier epoch are dropped.
    Remove {
        epoch: u64,
    },
    /// Answer once everything before is on disk: whether the copy is
    /// complete (its edits have a base to be replayed on).
    Flush(Sender<bool>),
}

/// Writes the open document's copy on a thread of its own, in the order
/// asked: each edit is appended and flushed to disk within moments,
/// whatever the timeline's size. Snapshots are serialized and written by
/// workers; this thread only renames them into place.
pub struct JournalWriter {
    tx: Sender<Op>,
    /// The last error, for the app to show.
    error: Arc<Mutex<Option<SaveError>>>,
}

/// Hands work to the writer from worker threads.
#[derive(Clone)]
pub struct SnapshotSender(Sender<Op>);

impl SnapshotSender {
    /// Serializes `timeline` (the edits up to `seq`) into a temporary file
    /// in `dir` (here, on the calling thread), then hands it to the writer.
    pub fn write(
        &self,
        dir: &Path,
        header: &Header,
        (epoch, seq): (u64, u64),
        timeline: &Timeline,
        eager: bool,
        then_remove: Option<RecoveryCopy>,
    ) -> Result<(), SaveError> {
        private_folder(dir).map_err(save_err(dir))?;
        let text = snapshot_text(header, seq, &to_ron_string(timeline)?);
        let temp = write_temporary(dir, text.as_bytes(), Access::Private)?;
        let _ = self.0.send(Op::Snapshot {
            epoch,
            seq,
            temp,
            eager,
            then_remove,
        });
        Ok(())
    }

    /// Notes that a save of the edits up to `seq` will make the file
    /// `identity`, and waits (a few seconds at most) until that is on disk.
    pub fn saving(&self, seq: u64, identity: Identity) {
        let (noted, done) = channel();
        if self
            .0
            .send(Op::Saving {
                seq,
                identity,
                noted,
            })
            .is_ok()
        {
            let _ = done.recv_timeout(Duration::from_secs(5));
        }
    }
}

impl JournalWriter {
    pub fn new() -> Self {
        let (tx, rx) = channel();
        let error = Arc::new(Mutex::new(None));
        let thread_error = Arc::clone(&error);
        let spawned = std::thread::Builder::new()
            .name("recovery-journal".into())
            .spawn(move || writer_loop(&rx, &thread_error));
        if let Err(e) = spawned {
            log::error!("cannot start the recovery journal: {e}");
        }
        Self { tx, error }
    }

    pub fn begin(&self, epoch: u64, dir: &Path, header: Header) {
        let _ = self.tx.send(Op::Begin {
            epoch,
            dir: dir.to_path_buf(),
            header,
        });
    }

    pub fn append(&self, seq: u64, edit: Edit) {
        let _ = self.tx.send(Op::Append { seq, edit });
    }

    pub fn snapshots(&self) -> SnapshotSender {
        SnapshotSender(self.tx.clone())
    }

    pub fn saved(&self, seq: u64, known: Option<Identity>) {
        let _ = self.tx.send(Op::Saved { seq, known });
    }

    pub fn moved(&self, seq: u64, original: PathBuf, known: Option<Identity>) {
        let _ = self.tx.send(Op::Moved {
            seq,
            original,
            known,
        });
    }

    pub fn remove(&self, epoch: u64) {
        let _ = self.tx.send(Op::Remove { epoch });
    }

    /// Waits (up to `timeout`) until everything asked for is on disk:
    /// `Some(complete)`, or `None` if the writer did not answer in time.
    pub fn flush(&self, timeout: Duration) -> Option<bool> {
        let (tx, rx) = channel();
        self.tx.send(Op::Flush(tx)).ok()?;
        rx.recv_timeout(timeout).ok()
    }

    /// The last write that failed, once.
    pub fn take_error(&self) -> Option<SaveError> {
        self.error.lock().ok()?.take()
    }
}

impl Default for JournalWriter {
    fn default() -> Self {
        Self::new()
    }
}

impl Drop for JournalWriter {
    /// What was asked for reaches the disk before the app ends (a removal
    /// after "Don't save" among it).
    fn drop(&mut self) {
        let _ = self.flush(Duration::from_secs(5));
    }
}

/// The writer's state: the open document's copy.
struct Open {
    epoch: u64,
    dir: PathBuf,
    header: Header,
    /// Where the copy's files are (named once, when the document is begun
    /// or moved: the key does not change if a folder becomes a link).
    snapshot_path: PathBuf,
    journal_path: PathBuf,
    /// What the document's edits apply to without a snapshot: its file as
    /// last read or saved, the built-in dataset, or nothing (`Snapshot`).
    document_base: Base,
    journal: Option<std::fs::File>,
    /// The edits after `covered`, as journal lines.
    lines: Vec<(u64, String)>,
    /// Saves announced and not yet done: the file they make, and the edits
    /// it holds.
    saving: Vec<(u64, Identity)>,
    /// The edits up to this one are in the base on disk (the file, the
    /// built-in dataset or the snapshot); `None`: the base is a snapshot
    /// not written yet.
    covered: Option<u64>,
    /// The snapshot file is on disk.
    snapshot: bool,
    /// An eager snapshot's temporary file, put in place with the first edit.
    waiting: Option<(u64, PathBuf)>,
}

impl Open {
    fn new(epoch: u64, dir: PathBuf, header: Header) -> Self {
        let snapshot_path = file_for(&dir, header.original.as_deref());
        Self {
            epoch,
            journal_path: journal_for(&snapshot_path),
            snapshot_path,
            dir,
            document_base: header.base.clone(),
            covered: (header.base != Base::Snapshot).then_some(0),
            header,
            journal: None,
            lines: Vec::new(),
            saving: Vec::new(),
            snapshot: false,
            waiting: None,
        }
    }

    fn remove_files(&mut self) {
        self.journal = None;
        remove(&self.journal_path);
        remove(&self.snapshot_path);
        self.snapshot = false;
        if let Some((_, temp)) = self.waiting.take() {
            remove(&temp);
        }
    }
}

fn writer_loop(rx: &Receiver<Op>, error: &Mutex<Option<SaveError>>) {
    let mut open: Option<Open> = None;
    let report = |e: SaveError| {
        log::error!("recovery journal: {e}");
        if let Ok(mut slot) = error.lock() {
            *slot = Some(e);
        }
    };
    while let Ok(op) = rx.recv() {
        let mut ops = vec![op];
        // What has queued up meanwhile goes to disk in one flush.
        ops.extend(rx.try_iter());
        for op in ops {
            if let Err(e) = apply_op(&mut open, op) {
                report(e);
            }
        }
        if let Some(f) = open.as_mut().and_then(|o| o.journal.as_mut()) {
            let _ = f.sync_data();
        }
    }
    if let Some(o) = &mut open
        && let Some((_, temp)) = o.waiting.take()
    {
        remove(&temp);
    }
}

fn apply_op(open: &mut Option<Open>, op: Op) -> Result<(), SaveError> {
    match op {
        Op::Begin { epoch, dir, header } => {
            if let Some(mut o) = open.take() {
                o.remove_files();
            }
            *open = Some(Open::new(epoch, dir, header));
        }
        Op::Append { seq, edit } => {
            let Some(o) = open else { return Ok(()) };
            let line = ron::to_string(&edit)?;
            if let Some((seq, temp)) = o.waiting.take() {
                put_snapshot(o, seq, &temp)?;
            }
            append(o, seq, line)?;
        }
        Op::Snapshot {
            epoch,
            seq,
            temp,
            eager,
            then_remove,
        } => {
            match open {
                Some(o) if o.epoch == epoch && o.covered.is_none_or(|c| seq > c) => {
                    if eager && o.lines.is_empty() && !o.snapshot {
                        if let Some((_, older)) = o.waiting.replace((seq, temp)) {
                            remove(&older);
                        }
                    } else {
                        put_snapshot(o, seq, &temp)?;
                    }
                }
                _ => remove(&temp),
            }
            // Whether written or superseded (by a newer snapshot, a save, or
            // the document's being given up), the crashed copy is held.
            if let Some(copy) = then_remove {
                remove_copy(&copy);
            }
        }
        Op::Saving {
            seq,
            identity,
            noted,
        } => {
            if let Some(o) = open {
                o.saving.push((seq, identity));
                if !o.lines.is_empty() || o.snapshot {
                    rewrite_journal(o)?;
                }
            }
            let _ = noted.send(());
        }
        Op::Saved { seq, known } => {
            let Some(o) = open else { return Ok(()) };
            o.header.known = known.clone();
            o.saving.retain(|(s, _)| *s > seq);
            let drop_snapshot = rebase_on_file(o, seq, known);
            rewrite_journal(o)?;
            if drop_snapshot {
                remove(&o.snapshot_path);
            }
        }
        Op::Moved {
            seq,
            original,
            known,
        } => {
            let Some(o) = open else { return Ok(()) };
            let (old_snapshot, old_journal) = (o.snapshot_path.clone(), o.journal_path.clone());
            o.journal = None;
            o.header.original = Some(super::canonical(&original));
            o.snapshot_path = file_for(&o.dir, o.header.original.as_deref());
            o.journal_path = journal_for(&o.snapshot_path);
            o.header.known = known.clone();
            o.saving.clear();
            // A snapshot the file now covers is left behind with the old name.
            rebase_on_file(o, seq, known);
            if o.snapshot {
                // Linked (or copied) to the new name first: the old copy
                // stays whole until the new one is.
                if std::fs::hard_link(&old_snapshot, &o.snapshot_path).is_err() {
                    std::fs::copy(&old_snapshot, &o.snapshot_path)
                        .map_err(save_err(&o.snapshot_path))?;
                }
            }
            rewrite_journal(o)?;
            remove(&old_journal);
            remove(&old_snapshot);
        }
        Op::Remove { epoch } => {
            let Some(o) = open else { return Ok(()) };
            o.remove_files();
            o.epoch = epoch;
            o.lines.clear();
            o.saving.clear();
            // Later edits apply to the document's own base again.
            o.header.base = o.document_base.clone();
            o.covered = (o.document_base != Base::Snapshot).then_some(0);
        }
        Op::Flush(done) => {
            if let Some(f) = open.as_mut().and_then(|o| o.journal.as_mut()) {
                let _ = f.sync_data();
            }
            let complete = open
                .as_ref()
                .is_none_or(|o| o.lines.is_empty() || o.covered.is_some());
            let _ = done.send(complete);
        }
    }
    Ok(())
}

/// The edits up to `seq` are in the document's file (just saved): it is
/// the base, unless a snapshot on disk holds more. Returns whether the
/// snapshot file is to go (once the journal no longer names it).
fn rebase_on_file(o: &mut Open, seq: u64, known: Option<Identity>) -> bool {
    o.document_base = known.clone().map_or(Base::Snapshot, Base::File);
    if o.snapshot && o.covered.is_some_and(|c| c >= seq) {
        return false;
    }
    let Some(known) = known else {
        // The file could not be read back: the next snapshot is the base.
        o.header.base = Base::Snapshot;
        if !o.snapshot {
            o.covered = None;
        }
        return false;
    };
    let had_snapshot = std::mem::take(&mut o.snapshot);
    if let Some((_, temp)) = o.waiting.take() {
        remove(&temp);
    }
    o.header.base = Base::File(known);
    o.covered = Some(seq);
    o.lines.retain(|(s, _)| *s > seq);
    had_snapshot
}

/// Puts a snapshot written to `temp` in place (a rename): it is the base
/// of the edits after `seq`, and the journal keeps only those.
fn put_snapshot(o: &mut Open, seq: u64, temp: &Path) -> Result<(), SaveError> {
    persist_temporary(temp, &o.snapshot_path)?;
    o.header.base = Base::Snapshot;
    o.snapshot = true;
    o.covered = Some(seq);
    o.lines.retain(|(s, _)| *s > seq);
    rewrite_journal(o)
}

/// The journal's text: the header, the saves under way, the edits.
fn journal_text(o: &Open) -> String {
    let mut text = o.header.write(JOURNAL_MAGIC, "");
    for (seq, identity) in &o.saving {
        text.push_str(&format!("saving\t{seq}\t{}\n", identity.to_header()));
    }
    for (seq, line) in &o.lines {
        text.push_str(&format!("{seq}\t{line}\n"));
    }
    text
}

fn append(o: &mut Open, seq: u64, line: String) -> Result<(), SaveError> {
    let path = o.journal_path.clone();
    if o.journal.is_none() {
        private_folder(&o.dir).map_err(save_err(&o.dir))?;
        let mut options = std::fs::OpenOptions::new();
        options.create(true).truncate(true).write(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut f = options.open(&path).map_err(save_err(&path))?;
        f.write_all(journal_text(o).as_bytes())
            .map_err(save_err(&path))?;
        o.journal = Some(f);
    }
    if let Some(f) = o.journal.as_mut() {
        f.write_all(format!("{seq}\t{line}\n").as_bytes())
            .map_err(save_err(&path))?;
    }
    o.lines.push((seq, line));
    Ok(())
}

/// The journal written again (atomically, and flushed): the header as it
/// is now, the saves under way and the edits after the base. With nothing
/// to say (no snapshot, no edit) it goes.
fn rewrite_journal(o: &mut Open) -> Result<(), SaveError> {
    let path = o.journal_path.clone();
    o.journal = None;
    if o.lines.is_empty() && !o.snapshot {
        remove(&path);
        return Ok(());
    }
    private_folder(&o.dir).map_err(save_err(&o.dir))?;
    write_replacing(&path, journal_text(o).as_bytes(), Access::Private)?;
    let f = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .map_err(save_err(&path))?;
    o.journal = Some(f);
    Ok(())
}
