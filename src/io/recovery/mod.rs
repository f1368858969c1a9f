//! Recovery copies: while a timeline has unsaved changes, every edit is
//! appended to a journal within moments of being made (and flushed to
//! disk), beside a snapshot of the whole timeline written every few
//! seconds; after a crash, the next start offers the snapshot with the
//! journal's later edits replayed, or, before the first snapshot, the
//! document's file (checked to be the one the edits were made to) with the
//! journal replayed.
//!
//! Each session's copy of a document has a key of its own: a stable hash
//! (BLAKE3) of the document's canonical path and the session (process id
//! and start time), so that two files of the same name in different
//! folders, two windows on one file, and a crashed session's copy and the
//! next session's never share files. Copies are readable by their owner
//! only, in a folder readable by its owner only. Headers hold the path
//! escaped (a newline in a folder name cannot forge a line).
//!
//! One thread, the [`JournalWriter`], writes and removes a session's copy
//! files, in the order they were asked for: snapshots are serialized on
//! workers and handed to it, and a snapshot that arrives after a newer one
//! (or after a save that covers it, or for a document no longer open) is
//! dropped, never written over newer data.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use std::sync::OnceLock;
use std::time::SystemTime;

use super::{
    Access, LoadError, SaveError, open_regular, parse_timeline, process_alive, read_text,
    to_ron_string, write_replacing,
};
use crate::model::Timeline;
use crate::model::edit::Edit;

mod writer;
pub use writer::{JournalWriter, SnapshotSender};

const SNAPSHOT_MAGIC: &str = "// timeline-explorer recovery 3";
const JOURNAL_MAGIC: &str = "// timeline-explorer journal 3";

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
        let mut file = open_regular(path).ok()?;
        let len = file.metadata().ok()?.len();
        let mut hasher = blake3::Hasher::new();
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
    /// The session that wrote it ([`session`]): a later process given the
    /// same id (as in a container, where ids repeat) is another session.
    pub session: String,
    /// The document's file (canonical); `None` for one never saved.
    pub original: Option<PathBuf>,
    pub base: Base,
    /// The document's file as this session last read or wrote it: if it
    /// is different now, restoring and saving would replace its changes.
    pub known: Option<Identity>,
}

impl Header {
    fn write(&self, magic: &str, extra: &str) -> String {
        let of = self
            .original
            .as_deref()
            .map_or("none".into(), path_to_header);
        let known = self
            .known
            .as_ref()
            .map_or("none".to_string(), Identity::to_header);
        format!(
            "{magic}\n// pid={}\n// session={}\n// of: {of}\n// base: {}\n// file: {known}\n{extra}",
            self.pid,
            self.session,
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
        let session = lines
            .next()?
            .strip_prefix("// session=")?
            .trim()
            .to_string();
        let of = lines.next()?;
        let of = of.strip_prefix("// of: ")?.trim();
        let original = match of {
            "none" => None,
            written => Some(path_from_header(written)?),
        };
        let base = Base::from_header(lines.next()?.strip_prefix("// base: ")?)?;
        let known = match lines.next()?.strip_prefix("// file: ")?.trim() {
            "none" => None,
            id => Some(Identity::from_header(id)?),
        };
        Some(Self {
            pid,
            session,
            original,
            base,
            known,
        })
    }
}

/// A path in a header: a JSON string, or (not UTF-8) its bytes in hex.
fn path_to_header(path: &Path) -> String {
    match path.to_str() {
        Some(text) => serde_json::to_string(text).unwrap_or_default(),
        None => {
            let hex: String = path
                .as_os_str()
                .as_encoded_bytes()
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            format!("hex:{hex}")
        }
    }
}

fn path_from_header(text: &str) -> Option<PathBuf> {
    if let Some(hex) = text.strip_prefix("hex:") {
        let bytes: Option<Vec<u8>> = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok())
            .collect();
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStringExt;
            return Some(PathBuf::from(std::ffi::OsString::from_vec(bytes?)));
        }
        #[cfg(not(unix))]
        {
            return Some(PathBuf::from(String::from_utf8_lossy(&bytes?).into_owned()));
        }
    }
    serde_json::from_str::<String>(text).ok().map(PathBuf::from)
}

/// This session: the process id and the time it started (a later process
/// given the same id has another session).
pub fn session() -> &'static str {
    static SESSION: OnceLock<String> = OnceLock::new();
    SESSION.get_or_init(|| {
        let started_ms = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        format!("{}-{started_ms:x}", std::process::id())
    })
}

/// The canonical form of a document's path (absolute if it does not exist).
pub fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// This session's key for a document: the stem of its file name, a hash of
/// its canonical path and the session; `untitled-SESSION` for a document
/// with no file.
fn key(original: Option<&Path>) -> String {
    match original {
        Some(p) => {
            let p = canonical(p);
            let hash = blake3::hash(p.as_os_str().as_encoded_bytes());
            let stem = p
                .file_stem()
                .map(|s| crate::model::slug(&s.to_string_lossy()))
                .unwrap_or_default();
            format!("{stem}-{}-{}", &hash.to_hex()[..16], session())
        }
        None => format!("untitled-{}", session()),
    }
}

/// This session's snapshot file for a document.
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

/// A snapshot file's text: the header, the seq it holds edits up to, the
/// timeline's RON.
fn snapshot_text(header: &Header, seq: u64, body: &str) -> String {
    header.write(SNAPSHOT_MAGIC, &format!("// seq={seq}\n{body}"))
}

/// The lines before a snapshot's body (the header and its seq).
const SNAPSHOT_HEADER_LINES: usize = 7;

/// A snapshot's body: the text after its header lines.
fn snapshot_body(text: &str) -> &str {
    text.splitn(SNAPSHOT_HEADER_LINES + 1, '\n')
        .nth(SNAPSHOT_HEADER_LINES)
        .unwrap_or("")
}

/// Writes a snapshot of a document with no journal, as a copy of this
/// session (what tests of a crash and the benchmark write).
pub fn write(
    dir: &Path,
    original: Option<&Path>,
    timeline: &Timeline,
) -> Result<PathBuf, SaveError> {
    let original = original.map(canonical);
    let header = Header {
        pid: std::process::id(),
        session: session().to_string(),
        known: original.as_deref().and_then(Identity::of_file),
        original,
        base: Base::Snapshot,
    };
    private_folder(dir).map_err(save_err(dir))?;
    let file = file_for(dir, header.original.as_deref());
    let text = snapshot_text(&header, 0, &to_ron_string(timeline)?);
    write_replacing(&file, text.as_bytes(), Access::Private)?;
    Ok(file)
}

/// A recovery copy found on disk: a snapshot, a journal, or both.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveryCopy {
    /// The snapshot file (it may not exist, or not count: then the journal
    /// applies to the base).
    pub file: PathBuf,
    pub journal: PathBuf,
    /// The document it recovers; `None` for a timeline never saved.
    pub original: Option<PathBuf>,
    /// The process that wrote it.
    pub pid: u32,
    pub written: Option<SystemTime>,
    pub base: Base,
    /// The journal's edits up to this one are in the snapshot (when the
    /// journal's base is the snapshot).
    pub snapshot_seq: Option<u64>,
    /// The journal's edits up to this one are in the document's file as it
    /// is now (a save that was under way when the app ended finished).
    pub saved_seq: Option<u64>,
    /// Edits in the journal after the snapshot or the save.
    pub later_edits: usize,
    /// The journal has a line that cannot be read before its end (written
    /// by another version?): it is never taken to hold nothing new.
    pub unreadable_lines: bool,
    /// The document's file is no longer the one the edits were made to (or
    /// is gone): restoring replays them on what is there now.
    pub base_changed: bool,
}

impl RecoveryCopy {
    /// The edits up to this one are in the base restoring starts from.
    fn replay_after(&self) -> u64 {
        self.snapshot_seq.or(self.saved_seq).unwrap_or(0)
    }
}

fn lines_of(path: &Path) -> Option<impl Iterator<Item = String>> {
    let f = open_regular(path).ok()?;
    Some(std::io::BufReader::new(f).lines().map_while(Result::ok))
}

fn snapshot_header(path: &Path) -> Option<(Header, u64)> {
    let mut lines = lines_of(path)?;
    let header = Header::read(&mut lines, SNAPSHOT_MAGIC)?;
    let seq = lines.next()?.strip_prefix("// seq=")?.trim().parse().ok()?;
    Some((header, seq))
}

/// A journal as read: its header, its edits `(seq, edit)` in order, the
/// saves that were under way, and whether a line before the last could not
/// be read (the last one may be cut short by a crash).
struct Journal {
    header: Header,
    entries: Vec<(u64, Edit)>,
    saving: Vec<(u64, Identity)>,
    unreadable_lines: bool,
}

fn read_journal(path: &Path) -> Option<Journal> {
    let mut lines = lines_of(path)?.peekable();
    let header = Header::read(&mut lines, JOURNAL_MAGIC)?;
    let mut journal = Journal {
        header,
        entries: Vec::new(),
        saving: Vec::new(),
        unreadable_lines: false,
    };
    while let Some(line) = lines.next() {
        let read = match line.split_once('\t') {
            Some(("saving", rest)) => rest.split_once('\t').and_then(|(seq, id)| {
                let seq = seq.parse::<u64>().ok()?;
                journal.saving.push((seq, Identity::from_header(id)?));
                Some(())
            }),
            Some((seq, text)) => seq.parse::<u64>().ok().and_then(|seq| {
                journal
                    .entries
                    .push((seq, ron::from_str::<Edit>(text).ok()?));
                Some(())
            }),
            None => None,
        };
        if read.is_none() {
            journal.unreadable_lines = lines.peek().is_some();
            break;
        }
    }
    Some(journal)
}

/// Recovery copies left by sessions that are no longer running, the
/// newest first: their process is gone, or it is ours and the session is
/// not (a process id used again). Whether each one's base is still the
/// file it was is looked at (reading the file: call off the UI thread).
pub fn orphans(dir: &Path) -> Vec<RecoveryCopy> {
    let ours = std::process::id();
    let mut copies: Vec<RecoveryCopy> = copy_files(dir)
        .into_iter()
        .filter_map(|file| {
            read_copy(file, |h| {
                !process_alive(h.pid) || (h.pid == ours && h.session != session())
            })
        })
        .collect();
    copies.sort_by_key(|c| std::cmp::Reverse(c.written));
    copies
}

/// This session's copy of a document.
pub fn copy_for(dir: &Path, original: Option<&Path>) -> Option<RecoveryCopy> {
    read_copy(file_for(dir, original), |_| true)
}

/// The snapshot-file paths of every copy in the folder.
fn copy_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut keys: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron" || e == "journal"))
        .map(|p| p.with_extension("ron"))
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

/// A copy from its snapshot file's path (the snapshot, the journal, or
/// both may exist), if its writer is one `wanted`. The journal's header is
/// the authority: the snapshot counts only if the journal's base is the
/// snapshot (or there is no journal).
fn read_copy(file: PathBuf, wanted: impl Fn(&Header) -> bool) -> Option<RecoveryCopy> {
    let journal_path = journal_for(&file);
    let journal = read_journal(&journal_path);
    let snapshot = snapshot_header(&file).filter(|_| {
        journal
            .as_ref()
            .is_none_or(|j| j.header.base == Base::Snapshot)
    });
    let header = journal
        .as_ref()
        .map(|j| j.header.clone())
        .or_else(|| snapshot.as_ref().map(|(h, _)| h.clone()))?;
    if !wanted(&header) {
        return None;
    }
    let snapshot_seq = snapshot.as_ref().map(|(_, s)| *s);
    let now = header.original.as_deref().and_then(Identity::of_file);
    // A save under way when the app ended may have finished: then the file
    // holds its edits.
    let saved_seq = match (&header.base, &now, &journal) {
        (Base::File(_), Some(now), Some(j)) if snapshot_seq.is_none() => j
            .saving
            .iter()
            .filter(|(_, id)| id == now)
            .map(|(seq, _)| *seq)
            .max(),
        _ => None,
    };
    let base_changed = match (&header.known, &header.original) {
        (Some(id), Some(_)) => now.as_ref() != Some(id) && saved_seq.is_none(),
        _ => false,
    };
    let mut copy = RecoveryCopy {
        written: [&file, &journal_path]
            .iter()
            .filter_map(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
            .max(),
        file,
        journal: journal_path,
        original: header.original,
        pid: header.pid,
        base: header.base,
        snapshot_seq,
        saved_seq,
        later_edits: 0,
        unreadable_lines: journal.as_ref().is_some_and(|j| j.unreadable_lines),
        base_changed,
    };
    let after = copy.replay_after();
    copy.later_edits = journal.as_ref().map_or(0, |j| {
        j.entries.iter().filter(|(seq, _)| *seq > after).count()
    });
    Some(copy)
}

/// Whether a copy holds nothing its file does not: no edit after the
/// snapshot or the save, and the snapshot's text (if it counts) is the
/// file's (compared by size, then by hash, not by reading both timelines).
pub fn holds_nothing_new(copy: &RecoveryCopy) -> bool {
    if copy.later_edits > 0 || copy.unreadable_lines {
        return false;
    }
    let (Some(original), Some(_)) = (&copy.original, copy.snapshot_seq) else {
        // No snapshot and no edit: nothing to give back. (A snapshot of a
        // document never saved is something.)
        return copy.snapshot_seq.is_none();
    };
    let Ok(file_len) = std::fs::metadata(original).map(|m| m.len()) else {
        return false;
    };
    // The header's length, from its lines alone.
    let Some(header_len) = lines_of(&copy.file).map(|lines| {
        lines
            .take(SNAPSHOT_HEADER_LINES)
            .map(|l| l.len() as u64 + 1)
            .sum::<u64>()
    }) else {
        return false;
    };
    let copy_len = std::fs::metadata(&copy.file).map_or(0, |m| m.len());
    if copy_len.saturating_sub(header_len) != file_len {
        return false;
    }
    let Ok(text) = read_text(&copy.file, super::MAX_FILE_BYTES) else {
        return false;
    };
    Identity::of_file(original) == Some(Identity::of_bytes(snapshot_body(&text).as_bytes()))
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
        parse_timeline(snapshot_body(&text), &copy.file.display().to_string())?
    } else {
        match (&copy.base, &copy.original) {
            (Base::Builtin, _) => super::builtin_timeline()?,
            (Base::File(_), Some(path)) => super::load_timeline(path)?,
            _ => {
                return Err(LoadError::Io {
                    origin: copy.journal.display().to_string(),
                    source: std::io::Error::other(
                        "its edits were made before a copy of the whole document could be \
                         written, and there is nothing to replay them on",
                    ),
                });
            }
        }
    };
    let (mut replayed, mut skipped) = (0, 0);
    let after = copy.replay_after();
    if let Some(journal) = read_journal(&copy.journal) {
        for (seq, edit) in journal.entries {
            if seq <= after {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_escape_the_path() {
        let header = Header {
            pid: 7,
            session: session().to_string(),
            original: Some(PathBuf::from("/tmp/evil\n// of: \"/etc/passwd\"/tl.ron")),
            base: Base::File(Identity::of_bytes(b"abc")),
            known: Some(Identity::of_bytes(b"abc")),
        };
        let text = header.write(JOURNAL_MAGIC, "");
        assert_eq!(text.lines().count(), 6, "{text}");
        let back = Header::read(&mut text.lines().map(str::to_string), JOURNAL_MAGIC).unwrap();
        assert_eq!(back, header);
    }

    /// A path that is not UTF-8 comes back byte for byte (not with
    /// replacement characters that name another file).
    #[cfg(unix)]
    #[test]
    fn headers_keep_paths_that_are_not_utf8() {
        use std::os::unix::ffi::OsStrExt;
        let path = PathBuf::from(std::ffi::OsStr::from_bytes(b"/tmp/caf\xe9/tl.ron"));
        let header = Header {
            pid: 7,
            session: session().to_string(),
            original: Some(path.clone()),
            base: Base::Builtin,
            known: None,
        };
        let text = header.write(JOURNAL_MAGIC, "");
        let back = Header::read(&mut text.lines().map(str::to_string), JOURNAL_MAGIC).unwrap();
        assert_eq!(back.original, Some(path));
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

    fn builtin_header() -> Header {
        Header {
            pid: std::process::id(),
            session: session().to_string(),
            original: None,
            base: Base::Builtin,
            known: None,
        }
    }

    /// Snapshots serialized on workers may arrive in any order: an older
    /// one never replaces a newer one, and one of a document no longer
    /// open writes nothing.
    #[test]
    fn snapshots_arriving_late_or_out_of_order_are_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let t0 = crate::io::builtin_timeline().unwrap();
        let e1 = crate::model::edit::delete_event(&t0, 0).unwrap();
        let mut t1 = t0.clone();
        e1.apply(&mut t1).unwrap();
        let e2 = crate::model::edit::delete_event(&t1, 0).unwrap();
        let mut t2 = t1.clone();
        e2.apply(&mut t2).unwrap();
        let writer = JournalWriter::new();
        writer.begin(1, dir.path(), builtin_header());
        writer.append(1, e1);
        writer.append(2, e2);
        let snapshots = writer.snapshots();
        let header = builtin_header();
        let dir_path = dir.path();
        snapshots
            .write(dir_path, &header, (1, 2), &t2, false, None)
            .unwrap();
        snapshots
            .write(dir_path, &header, (1, 1), &t1, false, None)
            .unwrap();
        assert_eq!(writer.flush(std::time::Duration::from_secs(10)), Some(true));
        let copy = copy_for(dir.path(), None).unwrap();
        assert_eq!(copy.snapshot_seq, Some(2));
        assert_eq!(copy.later_edits, 0);
        assert_eq!(read(&copy).unwrap().timeline, t2);
        // Another document: the last one's copy goes, and its late
        // snapshot writes nothing.
        writer.begin(2, dir.path(), builtin_header());
        snapshots
            .write(dir_path, &header, (1, 3), &t0, false, None)
            .unwrap();
        assert_eq!(writer.flush(std::time::Duration::from_secs(10)), Some(true));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }
}
