//! The journal's writer: one thread that writes and removes this
//! session's copy files, in the order asked (see the module above).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};

use super::{
    Base, Header, Identity, JOURNAL_MAGIC, RecoveryCopy, canonical, file_for, journal_for,
    private_folder, remove, remove_copy, save_err, snapshot_text,
};
use crate::io::{Access, SaveError, write_replacing};
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
    /// The whole timeline with the edits up to `seq` (serialized on a
    /// worker): it becomes the journal's base if it is newer than what is
    /// on disk. An `eager` one (of a document just imported) waits in
    /// memory for the first edit. `then_remove`: a crashed session's copy
    /// that this one now holds.
    Snapshot {
        epoch: u64,
        seq: u64,
        body: String,
        eager: bool,
        then_remove: Option<RecoveryCopy>,
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
/// whatever the timeline's size. Snapshots are serialized elsewhere (that
/// takes seconds for a million events) and handed over.
pub struct JournalWriter {
    tx: Sender<Op>,
    /// The last error, for the app to show.
    error: Arc<Mutex<Option<SaveError>>>,
}

/// Hands a serialized snapshot to the writer (from a worker thread).
#[derive(Clone)]
pub struct SnapshotSender(Sender<Op>);

impl SnapshotSender {
    pub fn send(
        &self,
        epoch: u64,
        seq: u64,
        body: String,
        eager: bool,
        then_remove: Option<RecoveryCopy>,
    ) {
        let _ = self.0.send(Op::Snapshot {
            epoch,
            seq,
            body,
            eager,
            then_remove,
        });
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
    pub fn flush(&self, timeout: std::time::Duration) -> Option<bool> {
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
    /// after "Discard" among it).
    fn drop(&mut self) {
        let _ = self.flush(std::time::Duration::from_secs(5));
    }
}

/// The writer's state: the open document's copy.
struct Open {
    epoch: u64,
    dir: PathBuf,
    header: Header,
    /// What the document's edits apply to without a snapshot: its file as
    /// last read or saved, the built-in dataset, or nothing (`Snapshot`).
    document_base: Base,
    journal: Option<std::fs::File>,
    /// The edits after `covered`, as journal lines.
    lines: Vec<(u64, String)>,
    /// The edits up to this one are in the base on disk (the file, the
    /// built-in dataset or the snapshot); `None`: the base is a snapshot
    /// not written yet.
    covered: Option<u64>,
    /// The snapshot file is on disk.
    snapshot: bool,
    /// An eager snapshot, written with the first edit.
    waiting: Option<(u64, String)>,
}

impl Open {
    fn snapshot_path(&self) -> PathBuf {
        file_for(&self.dir, self.header.original.as_deref())
    }

    fn journal_path(&self) -> PathBuf {
        journal_for(&self.snapshot_path())
    }

    fn remove_files(&mut self) {
        self.journal = None;
        remove(&self.journal_path());
        remove(&self.snapshot_path());
        self.snapshot = false;
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
}

fn apply_op(open: &mut Option<Open>, op: Op) -> Result<(), SaveError> {
    match op {
        Op::Begin { epoch, dir, header } => {
            if let Some(mut o) = open.take() {
                o.remove_files();
            }
            let covered = (header.base != Base::Snapshot).then_some(0);
            *open = Some(Open {
                epoch,
                dir,
                document_base: header.base.clone(),
                header,
                journal: None,
                lines: Vec::new(),
                covered,
                snapshot: false,
                waiting: None,
            });
        }
        Op::Append { seq, edit } => {
            let Some(o) = open else { return Ok(()) };
            let line = ron::to_string(&edit)?;
            if let Some((seq, body)) = o.waiting.take() {
                write_snapshot(o, seq, &body)?;
            }
            append(o, seq, line)?;
        }
        Op::Snapshot {
            epoch,
            seq,
            body,
            eager,
            then_remove,
        } => {
            if let Some(o) = open
                && o.epoch == epoch
                && o.covered.is_none_or(|c| seq > c)
            {
                if eager && o.lines.is_empty() && !o.snapshot {
                    o.waiting = Some((seq, body));
                } else {
                    write_snapshot(o, seq, &body)?;
                }
            }
            // Whether written or superseded (by a newer snapshot, a save, or
            // the document's being given up), the crashed copy is held.
            if let Some(copy) = then_remove {
                remove_copy(&copy);
            }
        }
        Op::Saved { seq, known } => {
            let Some(o) = open else { return Ok(()) };
            o.header.known = known.clone();
            rebase_on_file(o, seq, known);
            rewrite_journal(o)?;
        }
        Op::Moved {
            seq,
            original,
            known,
        } => {
            let Some(o) = open else { return Ok(()) };
            let (old_snapshot, old_journal) = (o.snapshot_path(), o.journal_path());
            o.journal = None;
            o.header.original = Some(canonical(&original));
            o.header.known = known.clone();
            rebase_on_file(o, seq, known);
            if o.snapshot {
                std::fs::rename(&old_snapshot, o.snapshot_path())
                    .map_err(save_err(&old_snapshot))?;
            } else {
                remove(&old_snapshot);
            }
            remove(&old_journal);
            rewrite_journal(o)?;
        }
        Op::Remove { epoch } => {
            let Some(o) = open else { return Ok(()) };
            o.remove_files();
            o.epoch = epoch;
            o.lines.clear();
            o.waiting = None;
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
/// the base, unless a snapshot on disk holds more.
fn rebase_on_file(o: &mut Open, seq: u64, known: Option<Identity>) {
    o.document_base = known.clone().map_or(Base::Snapshot, Base::File);
    if o.snapshot && o.covered.is_some_and(|c| c >= seq) {
        return;
    }
    let Some(known) = known else {
        // The file could not be read back: the next snapshot is the base.
        o.header.base = Base::Snapshot;
        if !o.snapshot {
            o.covered = None;
        }
        return;
    };
    if o.snapshot {
        remove(&o.snapshot_path());
        o.snapshot = false;
    }
    o.waiting = None;
    o.header.base = Base::File(known);
    o.covered = Some(seq);
    o.lines.retain(|(s, _)| *s > seq);
}

/// Writes the snapshot (atomically): it is the base of the edits after
/// `seq`, and the journal keeps only those.
fn write_snapshot(o: &mut Open, seq: u64, body: &str) -> Result<(), SaveError> {
    private_folder(&o.dir).map_err(save_err(&o.dir))?;
    o.header.base = Base::Snapshot;
    let text = snapshot_text(&o.header, seq, body);
    write_replacing(&o.snapshot_path(), text.as_bytes(), Access::Private)?;
    o.snapshot = true;
    o.covered = Some(seq);
    o.lines.retain(|(s, _)| *s > seq);
    rewrite_journal(o)
}

fn append(o: &mut Open, seq: u64, line: String) -> Result<(), SaveError> {
    let path = o.journal_path();
    if o.journal.is_none() {
        private_folder(&o.dir).map_err(save_err(&o.dir))?;
        let mut options = std::fs::OpenOptions::new();
        options.create(true).truncate(true).write(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut f = options.open(&path).map_err(save_err(&path))?;
        let mut text = o.header.write(JOURNAL_MAGIC, "");
        for (seq, line) in &o.lines {
            text.push_str(&format!("{seq}\t{line}\n"));
        }
        f.write_all(text.as_bytes()).map_err(save_err(&path))?;
        o.journal = Some(f);
    }
    if let Some(f) = o.journal.as_mut() {
        f.write_all(format!("{seq}\t{line}\n").as_bytes())
            .map_err(save_err(&path))?;
    }
    o.lines.push((seq, line));
    Ok(())
}

/// The journal written again (atomically): the header as it is now and
/// the edits after the base. With nothing to say (no snapshot, no edit) it
/// goes.
fn rewrite_journal(o: &mut Open) -> Result<(), SaveError> {
    let path = o.journal_path();
    o.journal = None;
    if o.lines.is_empty() && !o.snapshot {
        remove(&path);
        return Ok(());
    }
    let mut text = o.header.write(JOURNAL_MAGIC, "");
    for (seq, line) in &o.lines {
        text.push_str(&format!("{seq}\t{line}\n"));
    }
    write_replacing(&path, text.as_bytes(), Access::Private)?;
    let f = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .map_err(save_err(&path))?;
    o.journal = Some(f);
    Ok(())
}
