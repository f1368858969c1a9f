//! Recovery copies: while a timeline has unsaved changes, every edit is
//! appended to a journal within moments of being made (and flushed to
//! disk), beside a snapshot of the whole timeline written every few
//! seconds; after a crash, the next start offers the snapshot with the
//! journal's later edits replayed, or, before the first snapshot, the
//! document's file (checked to be the one the edits were made to) with the
//! journal replayed.
//!
//! Each document has a key: a stable hash (BLAKE3) of its canonical path
//! (`untitled-PID` for one with no file), so that two files of the same name
//! in different folders never share a copy. Copies are readable by their
//! owner only, in a folder readable by its owner only. Headers hold the
//! path escaped (a newline in a folder name cannot forge a line).

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use super::{
    Access, LoadError, SaveError, parse_timeline, process_alive, read_text, to_ron_string,
    write_atomically_with,
};
use crate::model::Timeline;
use crate::model::edit::Edit;

const SNAPSHOT_MAGIC: &str = "// timeline-explorer recovery 2";
const JOURNAL_MAGIC: &str = "// timeline-explorer journal 2";

/// What a file was: its size, modification time and content hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Identity {
    pub len: u64,
    pub hash: String,
}

impl Identity {
    pub fn of_bytes(bytes: &[u8]) -> Self {
        Self {
            len: bytes.len() as u64,
            hash: blake3::hash(bytes).to_hex().to_string(),
        }
    }

    /// The file's identity now (reads it); `None` if it cannot be read.
    pub fn of_file(path: &Path) -> Option<Self> {
        let len = std::fs::metadata(path).ok()?.len();
        let mut hasher = blake3::Hasher::new();
        let mut file = std::fs::File::open(path).ok()?;
        std::io::copy(&mut file, &mut hasher).ok()?;
        Some(Self {
            len,
            hash: hasher.finalize().to_hex().to_string(),
        })
    }

    fn to_header(&self) -> String {
        format!("len={} blake3={}", self.len, self.hash)
    }

    fn from_header(text: &str) -> Option<Self> {
        let mut len = None;
        let mut hash = None;
        for part in text.split_whitespace() {
            if let Some(v) = part.strip_prefix("len=") {
                len = v.parse().ok();
            } else if let Some(v) = part.strip_prefix("blake3=") {
                hash = Some(v.to_string());
            }
        }
        Some(Self {
            len: len?,
            hash: hash?,
        })
    }
}

/// What the journal's edits apply to, before any snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Base {
    /// The document's file, as it was.
    File(Identity),
    /// The built-in dataset.
    Builtin,
    /// Nothing that can be read again: the snapshot is the base.
    Snapshot,
}

impl Base {
    fn to_header(&self) -> String {
        match self {
            Base::File(id) => format!("file {}", id.to_header()),
            Base::Builtin => "builtin".into(),
            Base::Snapshot => "snapshot".into(),
        }
    }

    fn from_header(text: &str) -> Option<Self> {
        match text.trim() {
            "builtin" => Some(Base::Builtin),
            "snapshot" => Some(Base::Snapshot),
            t => Identity::from_header(t.strip_prefix("file ")?).map(Base::File),
        }
    }
}

/// The document a copy recovers, and the header both files start with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub pid: u32,
    /// The document's file (canonical); `None` for one never saved.
    pub original: Option<PathBuf>,
    pub base: Base,
    /// The document's file as this session last read or wrote it: if it
    /// is different now, restoring and saving would replace its changes.
    pub known: Option<Identity>,
}

impl Header {
    fn write(&self, magic: &str, extra: &str) -> String {
        let of = match &self.original {
            Some(p) => serde_json::to_string(&p.to_string_lossy()).unwrap_or_default(),
            None => "none".into(),
        };
        let known = self
            .known
            .as_ref()
            .map_or("none".to_string(), Identity::to_header);
        format!(
            "{magic}\n// pid={}\n// of: {of}\n// base: {}\n// file: {known}\n{extra}",
            self.pid,
            self.base.to_header()
        )
    }

    /// Reads the header lines; returns the header and the lines after it
    /// that start with `// ` (the snapshot's `seq=`).
    fn read(lines: &mut impl Iterator<Item = String>, magic: &str) -> Option<Self> {
        if lines.next()? != magic {
            return None;
        }
        let pid = lines.next()?.strip_prefix("// pid=")?.trim().parse().ok()?;
        let of = lines.next()?;
        let of = of.strip_prefix("// of: ")?.trim();
        let original = match of {
            "none" => None,
            quoted => Some(PathBuf::from(serde_json::from_str::<String>(quoted).ok()?)),
        };
        let base = Base::from_header(lines.next()?.strip_prefix("// base: ")?)?;
        let known = match lines.next()?.strip_prefix("// file: ")?.trim() {
            "none" => None,
            id => Some(Identity::from_header(id)?),
        };
        Some(Self {
            pid,
            original,
            base,
            known,
        })
    }
}

/// The canonical form of a document's path (absolute if it does not exist).
pub fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// A document's key: the stem of its file name and a hash of its canonical
/// path; `untitled-PID` for a document with no file.
fn key(original: Option<&Path>) -> String {
    match original {
        Some(p) => {
            let p = canonical(p);
            let hash = blake3::hash(p.as_os_str().as_encoded_bytes());
            let stem = p
                .file_stem()
                .map(|s| crate::model::slug(&s.to_string_lossy()))
                .unwrap_or_default();
            format!("{stem}-{}", &hash.to_hex()[..16])
        }
        None => format!("untitled-{}", std::process::id()),
    }
}

/// The snapshot file for a document.
pub fn file_for(dir: &Path, original: Option<&Path>) -> PathBuf {
    dir.join(format!("{}.ron", key(original)))
}

/// The journal beside a snapshot file.
pub fn journal_for(snapshot: &Path) -> PathBuf {
    snapshot.with_extension("journal")
}

/// Creates the recovery folder readable by its owner only (and narrows an
/// existing one): copies hold unsaved, possibly private, documents.
fn private_folder(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(dir)
    }
}

fn save_err(path: &Path) -> impl Fn(std::io::Error) -> SaveError + '_ {
    move |source| SaveError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Writes a snapshot of a document (atomically), holding the journal's
/// edits up to `seq`.
pub fn write_snapshot(
    dir: &Path,
    header: &Header,
    timeline: &Timeline,
    seq: u64,
) -> Result<PathBuf, SaveError> {
    private_folder(dir).map_err(save_err(dir))?;
    let file = file_for(dir, header.original.as_deref());
    let body = to_ron_string(timeline)?;
    let text = header.write(SNAPSHOT_MAGIC, &format!("// seq={seq}\n{body}"));
    write_atomically_with(&file, text.as_bytes(), Access::Private)?;
    Ok(file)
}

/// Writes a snapshot of a document with no journal (what a termination
/// signal and older callers write).
pub fn write(
    dir: &Path,
    original: Option<&Path>,
    timeline: &Timeline,
) -> Result<PathBuf, SaveError> {
    let original = original.map(canonical);
    let header = Header {
        pid: std::process::id(),
        known: original.as_deref().and_then(Identity::of_file),
        original,
        base: Base::Snapshot,
    };
    write_snapshot(dir, &header, timeline, 0)
}

/// A recovery copy found on disk: a snapshot, a journal, or both.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveryCopy {
    /// The snapshot file (it may not exist yet: then the journal applies to
    /// the base).
    pub file: PathBuf,
    pub journal: PathBuf,
    /// The document it recovers; `None` for a timeline never saved.
    pub original: Option<PathBuf>,
    /// The process that wrote it.
    pub pid: u32,
    pub written: Option<SystemTime>,
    pub base: Base,
    /// The journal's edits up to this one are in the snapshot.
    pub snapshot_seq: Option<u64>,
    /// Edits in the journal after the snapshot.
    pub later_edits: usize,
    /// The document's file is no longer the one the edits were made to (or
    /// is gone): restoring replays them on what is there now.
    pub base_changed: bool,
}

fn lines_of(path: &Path) -> Option<impl Iterator<Item = String>> {
    let f = std::fs::File::open(path).ok()?;
    Some(std::io::BufReader::new(f).lines().map_while(Result::ok))
}

fn snapshot_header(path: &Path) -> Option<(Header, u64)> {
    let mut lines = lines_of(path)?;
    let header = Header::read(&mut lines, SNAPSHOT_MAGIC)?;
    let seq = lines.next()?.strip_prefix("// seq=")?.trim().parse().ok()?;
    Some((header, seq))
}

/// The journal's entries: `(seq, edit)` in order. A line cut short by a
/// crash ends the journal.
fn journal_entries(path: &Path) -> Option<(Header, Vec<(u64, Edit)>)> {
    let mut lines = lines_of(path)?;
    let header = Header::read(&mut lines, JOURNAL_MAGIC)?;
    let mut entries = Vec::new();
    for line in lines {
        let Some((seq, text)) = line.split_once('\t') else {
            break;
        };
        let (Ok(seq), Ok(edit)) = (seq.parse::<u64>(), ron::from_str::<Edit>(text)) else {
            break;
        };
        entries.push((seq, edit));
    }
    Some((header, entries))
}

/// Recovery copies left by processes that are no longer running, the
/// newest first. Whether each one's base is still the file it was is
/// looked at (reading the file: call off the UI thread).
pub fn orphans(dir: &Path) -> Vec<RecoveryCopy> {
    let mut copies: Vec<RecoveryCopy> = copies(dir)
        .into_iter()
        .filter(|c| !process_alive(c.pid))
        .collect();
    copies.sort_by_key(|c| std::cmp::Reverse(c.written));
    copies
}

/// The copy of one document, whoever wrote it.
pub fn copy_for(dir: &Path, original: Option<&Path>) -> Option<RecoveryCopy> {
    read_copy(file_for(dir, original))
}

/// Every copy in the folder.
fn copies(dir: &Path) -> Vec<RecoveryCopy> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut keys: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron" || e == "journal"))
        .map(|p| p.with_extension("ron"))
        .collect();
    keys.sort();
    keys.dedup();
    keys.into_iter().filter_map(read_copy).collect()
}

/// A copy from its snapshot file's path (the snapshot, the journal, or
/// both may exist).
fn read_copy(file: PathBuf) -> Option<RecoveryCopy> {
    let journal = journal_for(&file);
    let snapshot = snapshot_header(&file);
    let logged = journal_entries(&journal);
    let header = snapshot
        .as_ref()
        .map(|(h, _)| h.clone())
        .or_else(|| logged.as_ref().map(|(h, _)| h.clone()))?;
    let snapshot_seq = snapshot.as_ref().map(|(_, s)| *s);
    let later_edits = logged.as_ref().map_or(0, |(_, e)| {
        e.iter()
            .filter(|(seq, _)| snapshot_seq.is_none_or(|s| *seq > s))
            .count()
    });
    let base = logged
        .as_ref()
        .map_or(header.base.clone(), |(h, _)| h.base.clone());
    let base_changed = match (&header.known, &header.original) {
        (Some(id), Some(p)) => Identity::of_file(p).as_ref() != Some(id),
        _ => false,
    };
    let written = [&file, &journal]
        .iter()
        .filter_map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .max();
    Some(RecoveryCopy {
        file,
        journal,
        original: header.original,
        pid: header.pid,
        written,
        base,
        snapshot_seq,
        later_edits,
        base_changed,
    })
}

/// Whether a copy holds nothing its file does not: no edit after the
/// snapshot, and the snapshot's text is the file's (compared by hash, not
/// by reading both timelines).
pub fn holds_nothing_new(copy: &RecoveryCopy) -> bool {
    if copy.later_edits > 0 {
        return false;
    }
    let (Some(original), Some(_)) = (&copy.original, copy.snapshot_seq) else {
        return copy.snapshot_seq.is_none();
    };
    let Ok(text) = std::fs::read_to_string(&copy.file) else {
        return false;
    };
    // The body starts after the six header lines.
    let body = text.splitn(7, '\n').nth(6).unwrap_or("");
    Identity::of_file(original) == Some(Identity::of_bytes(body.as_bytes()))
}

/// What a recovery copy gives back.
#[derive(Debug)]
pub struct Recovered {
    pub timeline: Timeline,
    /// Journal edits replayed, and those that no longer fit (skipped).
    pub replayed: usize,
    pub skipped: usize,
}

/// Reads a recovery copy back: the snapshot (else the base) with the
/// journal's later edits replayed.
pub fn read(copy: &RecoveryCopy) -> Result<Recovered, LoadError> {
    let mut timeline = if copy.snapshot_seq.is_some() {
        let text = read_text(&copy.file, super::MAX_FILE_BYTES)?;
        let body = text.splitn(7, '\n').nth(6).unwrap_or("");
        parse_timeline(body, &copy.file.display().to_string())?
    } else {
        match (&copy.base, &copy.original) {
            (Base::Builtin, _) => super::builtin_timeline()?,
            (Base::File(_), Some(path)) => super::load_timeline(path)?,
            _ => {
                return Err(LoadError::Io {
                    origin: copy.journal.display().to_string(),
                    source: std::io::Error::other("the copy has no snapshot to start from"),
                });
            }
        }
    };
    let (mut replayed, mut skipped) = (0, 0);
    if let Some((_, entries)) = journal_entries(&copy.journal) {
        for (seq, edit) in entries {
            if copy.snapshot_seq.is_some_and(|s| seq <= s) {
                continue;
            }
            match edit.apply(&mut timeline) {
                Ok(()) => replayed += 1,
                Err(_) => skipped += 1,
            }
        }
    }
    Ok(Recovered {
        timeline,
        replayed,
        skipped,
    })
}

/// Removes a recovery file (after a save, or when the user discards it).
pub fn remove(file: &Path) {
    if let Err(e) = std::fs::remove_file(file)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        log::warn!("could not remove the recovery copy {}: {e}", file.display());
    }
}

/// Removes a copy's snapshot and journal.
pub fn remove_copy(copy: &RecoveryCopy) {
    remove(&copy.file);
    remove(&copy.journal);
}

/// What the journal writer is asked to do, in order.
enum Op {
    /// Start a journal for a document (replacing any of its copy).
    Start {
        dir: PathBuf,
        header: Header,
    },
    Append {
        seq: u64,
        edit: Edit,
    },
    /// The edits up to `seq` are in a snapshot, or in the file just saved:
    /// the journal keeps only the later ones, applying to `base`.
    Compact {
        seq: u64,
        base: Base,
    },
    /// The document was saved or its changes discarded: no copy is left.
    Remove,
    /// Answer once everything before is on disk.
    Flush(Sender<()>),
}

/// Appends the open document's edits to its journal on a thread of its
/// own, in the order they were made, each flushed to disk within moments
/// whatever the timeline's size. Snapshots are written elsewhere (they take
/// seconds for a million events) and then compact the journal.
pub struct JournalWriter {
    tx: Sender<Op>,
    /// The last error, for the app to show.
    error: Arc<Mutex<Option<SaveError>>>,
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

    pub fn start(&self, dir: &Path, header: Header) {
        let _ = self.tx.send(Op::Start {
            dir: dir.to_path_buf(),
            header,
        });
    }

    pub fn append(&self, seq: u64, edit: Edit) {
        let _ = self.tx.send(Op::Append { seq, edit });
    }

    pub fn compact(&self, seq: u64, base: Base) {
        let _ = self.tx.send(Op::Compact { seq, base });
    }

    pub fn remove(&self) {
        let _ = self.tx.send(Op::Remove);
    }

    /// Waits (up to `timeout`) until everything asked for is on disk.
    pub fn flush(&self, timeout: std::time::Duration) -> bool {
        let (tx, rx) = channel();
        self.tx.send(Op::Flush(tx)).is_ok() && rx.recv_timeout(timeout).is_ok()
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

/// The writer's state: the open document's journal.
struct Open {
    dir: PathBuf,
    header: Header,
    journal: Option<std::fs::File>,
    /// The lines in the journal file, to rewrite it when compacting.
    lines: Vec<(u64, String)>,
}

impl Open {
    fn journal_path(&self) -> PathBuf {
        journal_for(&file_for(&self.dir, self.header.original.as_deref()))
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
            match op {
                Op::Start { dir, header } => {
                    if let Some(o) = open.take() {
                        remove_files(&o);
                    }
                    open = Some(Open {
                        dir,
                        header,
                        journal: None,
                        lines: Vec::new(),
                    });
                }
                Op::Append { seq, edit } => {
                    let Some(o) = &mut open else { continue };
                    if let Err(e) = append(o, seq, &edit) {
                        report(e);
                    }
                }
                Op::Compact { seq, base } => {
                    let Some(o) = &mut open else { continue };
                    if let Err(e) = compact(o, seq, base) {
                        report(e);
                    }
                }
                Op::Remove => {
                    if let Some(o) = open.take() {
                        remove_files(&o);
                    }
                }
                Op::Flush(done) => {
                    if let Some(f) = open.as_mut().and_then(|o| o.journal.as_mut()) {
                        let _ = f.sync_data();
                    }
                    let _ = done.send(());
                }
            }
        }
        if let Some(f) = open.as_mut().and_then(|o| o.journal.as_mut()) {
            let _ = f.sync_data();
        }
    }
}

fn remove_files(o: &Open) {
    let file = file_for(&o.dir, o.header.original.as_deref());
    remove(&journal_for(&file));
    remove(&file);
}

fn append(o: &mut Open, seq: u64, edit: &Edit) -> Result<(), SaveError> {
    let path = o.journal_path();
    if o.journal.is_none() {
        private_folder(&o.dir).map_err(save_err(&o.dir))?;
        let mut options = std::fs::OpenOptions::new();
        options.create(true).truncate(true).write(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut f = options.open(&path).map_err(save_err(&path))?;
        f.write_all(o.header.write(JOURNAL_MAGIC, "").as_bytes())
            .map_err(save_err(&path))?;
        for (seq, line) in &o.lines {
            f.write_all(format!("{seq}\t{line}\n").as_bytes())
                .map_err(save_err(&path))?;
        }
        o.journal = Some(f);
    }
    let line = ron::to_string(edit)?;
    if let Some(f) = o.journal.as_mut() {
        f.write_all(format!("{seq}\t{line}\n").as_bytes())
            .map_err(save_err(&path))?;
    }
    o.lines.push((seq, line));
    Ok(())
}

/// After a snapshot (or a save) up to `seq`: the journal is written again
/// (atomically) with the later edits only, applying to `base`.
fn compact(o: &mut Open, seq: u64, base: Base) -> Result<(), SaveError> {
    o.lines.retain(|(s, _)| *s > seq);
    o.header.base = base;
    let path = o.journal_path();
    o.journal = None;
    if o.lines.is_empty() {
        remove(&path);
        return Ok(());
    }
    let mut text = o.header.write(JOURNAL_MAGIC, "");
    for (seq, line) in &o.lines {
        text.push_str(&format!("{seq}\t{line}\n"));
    }
    write_atomically_with(&path, text.as_bytes(), Access::Private)?;
    let f = std::fs::OpenOptions::new()
        .append(true)
        .open(&path)
        .map_err(save_err(&path))?;
    o.journal = Some(f);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_escape_the_path() {
        let header = Header {
            pid: 7,
            original: Some(PathBuf::from("/tmp/evil\n// of: \"/etc/passwd\"/tl.ron")),
            base: Base::File(Identity::of_bytes(b"abc")),
            known: Some(Identity::of_bytes(b"abc")),
        };
        let text = header.write(JOURNAL_MAGIC, "");
        assert_eq!(text.lines().count(), 5, "{text}");
        let back = Header::read(&mut text.lines().map(str::to_string), JOURNAL_MAGIC).unwrap();
        assert_eq!(back, header);
    }

    #[test]
    fn documents_of_the_same_name_in_two_folders_have_two_copies() {
        let a = tempfile::tempdir().unwrap();
        let b = tempfile::tempdir().unwrap();
        let dir = Path::new("/r");
        assert_ne!(
            file_for(dir, Some(&a.path().join("tl.ron"))),
            file_for(dir, Some(&b.path().join("tl.ron")))
        );
        // The same file however it is named.
        std::fs::write(a.path().join("tl.ron"), "x").unwrap();
        let dotted = a.path().join(".").join("tl.ron");
        assert_eq!(
            file_for(dir, Some(&dotted)),
            file_for(dir, Some(&a.path().join("tl.ron")))
        );
    }
}
