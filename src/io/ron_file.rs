//! The timeline file format: RON, read with a size limit and full
//! validation, written pretty and atomically.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use crate::io::validate::{Problem, validate};
use crate::model::{Date, Timeline};

/// Files larger than this are refused without being read.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Why a timeline could not be loaded. Every variant names its file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{origin}: cannot read the file: {source}")]
    Io {
        origin: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{origin}: the file is {size_bytes} bytes, more than the limit of {limit_bytes} bytes; \
         it was not read"
    )]
    TooLarge {
        origin: String,
        size_bytes: u64,
        limit_bytes: u64,
    },
    #[error("{origin}:{line}:{column}: the file is not valid UTF-8 text")]
    NotUtf8 {
        origin: String,
        line: usize,
        column: usize,
    },
    #[error("{}", syntax_message(origin, *line, *column, message, line_text, *caret))]
    Syntax {
        origin: String,
        line: usize,
        column: usize,
        /// What the parser expected or found.
        message: String,
        /// The offending line of the file, or about [`EXCERPT_CHARS`] of it
        /// around the column when it is longer.
        line_text: String,
        /// The column within `line_text` (1-based).
        caret: usize,
    },
    /// A table with no column recognised as its dates.
    #[error(
        "{origin}:1:1: expected a date column (named date, start, start_date, event_date, when, …); \
         the columns are {}",
        crate::model::quoted_list(headers)
    )]
    ColumnsNotRecognised {
        origin: String,
        headers: Vec<String>,
    },
    /// An imported file of which nothing could be read as an event.
    #[error("{}", no_events_message(origin, skipped))]
    NoEvents {
        origin: String,
        /// Why each row, line or slide was skipped.
        skipped: Vec<String>,
    },
    #[error("{}", invalid_message(origin, problems))]
    Invalid {
        origin: String,
        problems: Vec<Problem>,
    },
}

/// The most of a line an error message shows, in characters.
pub const EXCERPT_CHARS: usize = 120;

/// About [`EXCERPT_CHARS`] characters of `line` around `column` (1-based,
/// in characters), with "…" where it was cut, and the column within the
/// excerpt. Control characters (binary garbage) are shown as `·`.
pub fn excerpt(line: &str, column: usize) -> (String, usize) {
    let column = column.max(1);
    let before = EXCERPT_CHARS / 2;
    let start = column.saturating_sub(1).saturating_sub(before);
    let shown = |c: char| if c.is_control() && c != '\t' { '·' } else { c };
    let mut out = String::new();
    let mut caret = column - start;
    if start > 0 {
        out.push('…');
        caret += 1;
    }
    let mut chars = line.chars().skip(start);
    out.extend(chars.by_ref().take(EXCERPT_CHARS).map(shown));
    if chars.next().is_some() {
        out.push('…');
    }
    (out, caret)
}

impl LoadError {
    /// A syntax error at `line`:`column` of `full_line`, keeping only an
    /// excerpt of the line.
    pub fn syntax(
        origin: &str,
        line: usize,
        column: usize,
        message: impl Into<String>,
        full_line: &str,
    ) -> Self {
        let (line_text, caret) = excerpt(full_line, column);
        LoadError::Syntax {
            origin: origin.to_string(),
            line,
            column,
            message: message.into(),
            line_text,
            caret,
        }
    }

    /// The problems as separate lines, for lists in the UI.
    pub fn lines(&self) -> Vec<String> {
        self.to_string().lines().map(str::to_string).collect()
    }
}

fn syntax_message(
    origin: &str,
    line: usize,
    column: usize,
    message: &str,
    text: &str,
    caret: usize,
) -> String {
    let gutter = line.to_string();
    let caret_pad: String = text
        .chars()
        .take(caret.saturating_sub(1))
        .map(|c| if c == '\t' { '\t' } else { ' ' })
        .collect();
    format!(
        "{origin}:{line}:{column}: syntax error: {message}\n {gutter} | {text}\n {} | {caret_pad}^",
        " ".repeat(gutter.len())
    )
}

fn no_events_message(origin: &str, skipped: &[String]) -> String {
    const SHOWN: usize = 20;
    let mut s = format!(
        "{origin}: no event could be read; {} item{} skipped:",
        skipped.len(),
        if skipped.len() == 1 { "" } else { "s" }
    );
    for line in skipped.iter().take(SHOWN) {
        s.push_str(&format!("\n  {line}"));
    }
    if skipped.len() > SHOWN {
        s.push_str(&format!("\n  and {} more", skipped.len() - SHOWN));
    }
    s
}

fn invalid_message(origin: &str, problems: &[Problem]) -> String {
    let mut s = format!(
        "{origin}: {} problem{} found:",
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    );
    for p in problems {
        s.push_str(&format!("\n  - {p}"));
    }
    s
}

/// Why a timeline could not be saved. The file on disk is unchanged.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("cannot encode the timeline as RON: {0}")]
    Encode(#[from] ron::Error),
    #[error("the window image could not be encoded as PNG")]
    Image,
    #[error("{path}: cannot save: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Parses and validates a timeline from RON text. `origin` names the text in
/// messages (usually the file path).
pub fn parse_timeline(text: &str, origin: &str) -> Result<Timeline, LoadError> {
    // `implicit_some` lets optional fields be written as `end: "2017"` as
    // well as `end: Some("2017")`.
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    let raw: Timeline<String> = options.from_str(text).map_err(|e| {
        let line = e.span.start.line.max(1);
        let column = e.span.start.col.max(1);
        let line_text = text.lines().nth(line - 1).unwrap_or("");
        let mut message = crate::model::shortened(&e.code.to_string());
        let at_line_start = line_text.chars().take(column - 1).all(char::is_whitespace);
        if matches!(e.code, ron::Error::ExpectedComma) && at_line_start && line > 1 {
            message.push_str(&format!(
                " (is a comma missing at the end of line {}?)",
                line - 1
            ));
        }
        LoadError::syntax(origin, line, column, message, line_text)
    })?;
    validate(raw, Some(text)).map_err(|problems| LoadError::Invalid {
        origin: origin.to_string(),
        problems,
    })
}

/// Loads a timeline file, refusing files over [`MAX_FILE_BYTES`].
pub fn load_timeline(path: &Path) -> Result<Timeline, LoadError> {
    load_timeline_with_limit(path, MAX_FILE_BYTES)
}

/// Loads a timeline file, refusing files over `limit_bytes` (checked before
/// reading, and again while reading for files whose size is not known).
pub fn load_timeline_with_limit(path: &Path, limit_bytes: u64) -> Result<Timeline, LoadError> {
    let text = read_text(path, limit_bytes)?;
    parse_timeline(&text, &path.display().to_string())
}

/// Reads a text file, refusing files over `limit_bytes` (checked before
/// reading, and again while reading for files whose size is not known) and
/// bytes that are not UTF-8 (with the line and column where they start).
pub fn read_text(path: &Path, limit_bytes: u64) -> Result<String, LoadError> {
    let bytes = read_bytes(path, limit_bytes)?;
    String::from_utf8(bytes).map_err(|e| not_utf8(&path.display().to_string(), &e))
}

/// Reads a file's bytes, refusing files over `limit_bytes` (checked before
/// reading, and again while reading for files whose size is not known).
pub fn read_bytes(path: &Path, limit_bytes: u64) -> Result<Vec<u8>, LoadError> {
    let origin = path.display().to_string();
    let io_err = |source| LoadError::Io {
        origin: origin.clone(),
        source,
    };
    // Looked at before opening: opening a FIFO waits for a writer forever,
    // and a device (/dev/zero) never ends.
    let before = std::fs::metadata(path).map_err(io_err)?;
    if let Some(what) = not_a_regular_file(&before) {
        return Err(io_err(std::io::Error::other(format!(
            "it is {what}, not a regular file"
        ))));
    }
    let file = std::fs::File::open(path).map_err(io_err)?;
    let meta = file.metadata().map_err(io_err)?;
    if let Some(what) = not_a_regular_file(&meta) {
        return Err(io_err(std::io::Error::other(format!(
            "it is {what}, not a regular file"
        ))));
    }
    let too_large = |size_bytes| LoadError::TooLarge {
        origin: origin.clone(),
        size_bytes,
        limit_bytes,
    };
    if meta.len() > limit_bytes {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(io_err)?;
    if bytes.len() as u64 > limit_bytes {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Opens a file for reading only if it is a regular file: opening a FIFO
/// waits for a writer forever, and a device never ends.
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let refuse = |what: &str| std::io::Error::other(format!("it is {what}, not a regular file"));
    if let Some(what) = not_a_regular_file(&std::fs::metadata(path)?) {
        return Err(refuse(what));
    }
    let file = std::fs::File::open(path)?;
    if let Some(what) = not_a_regular_file(&file.metadata()?) {
        return Err(refuse(what));
    }
    Ok(file)
}

/// What a file is when it is not a regular file ("a folder", "a FIFO").
fn not_a_regular_file(meta: &std::fs::Metadata) -> Option<&'static str> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a file")
}

/// The error for bytes that are not UTF-8: where the first bad byte is.
pub fn not_utf8(origin: &str, e: &std::string::FromUtf8Error) -> LoadError {
    let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
    let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
    let column = 1 + valid.iter().rev().take_while(|&&b| b != b'\n').count();
    LoadError::NotUtf8 {
        origin: origin.to_string(),
        line,
        column,
    }
}

/// The timeline as pretty RON, fields in a stable order.
pub fn to_ron_string(timeline: &Timeline<Date>) -> Result<String, SaveError> {
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ".to_string())
        .struct_names(false)
        .escape_strings(false)
        // Events and actors one field per line; their lists and sources on
        // one line each.
        .depth_limit(3)
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME);
    let mut text = ron::ser::to_string_pretty(timeline, config)?;
    text.push('\n');
    Ok(text)
}

/// Saves atomically: writes a temporary file in the same folder, flushes it
/// to disk, then renames it over `path`. A crash leaves either the old or the
/// new file, never a half-written one.
pub fn save_timeline(path: &Path, timeline: &Timeline<Date>) -> Result<(), SaveError> {
    let text = to_ron_string(timeline)?;
    write_atomically(path, text.as_bytes())
}

/// Which permissions a written file gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access<'a> {
    /// A file being replaced keeps its own; a new one gets the usual ones
    /// (read-write for all, less the umask).
    Keep,
    /// As `Keep`, but a new file takes this file's (a copy of a private
    /// document stays private).
    Like(&'a Path),
    /// This file's, always (a backup of a document).
    Same(&'a Path),
    /// Read-write for the owner only, always (recovery copies).
    Private,
}

/// Writes `bytes` to `path` through a temporary file and a rename, keeping
/// the permissions of a file it replaces.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    write_atomically_with(path, bytes, Access::Keep)
}

/// The file a path names once symbolic links are followed (a save through
/// a link writes the link's target, in the target's folder; the link stays).
pub fn follow_links(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => match std::fs::read_link(&p) {
                Ok(target) if target.is_absolute() => p = target,
                Ok(target) => {
                    let dir = p.parent().map(Path::to_path_buf).unwrap_or_default();
                    p = dir.join(target);
                }
                Err(_) => break,
            },
            _ => break,
        }
    }
    p
}

/// The prefix of our temporary files: with the writing process's id, so
/// that a later start knows whose they are.
fn temporary_prefix() -> String {
    format!("{TEMP_PREFIX}{}-", std::process::id())
}

const TEMP_PREFIX: &str = ".timeline-save-";
const TEMP_SUFFIX: &str = ".tmp";

/// Writes `bytes` to `path` through a temporary file in the same folder
/// (flushed to disk, then renamed over the old file): a crash leaves
/// either the old or the new file, never a half-written one. `access`
/// says which permissions the file gets.
pub fn write_atomically_with(
    path: &Path,
    bytes: &[u8],
    access: Access<'_>,
) -> Result<(), SaveError> {
    write_atomically_to(path, &follow_links(path), bytes, access)
}

/// Like [`write_atomically_with`], but what is at `path` is replaced, a
/// symbolic link included, never followed (for backups and copies that are
/// ours: a planted link must not aim them at another file).
pub fn write_replacing(path: &Path, bytes: &[u8], access: Access<'_>) -> Result<(), SaveError> {
    write_atomically_to(path, path, bytes, access)
}

/// Writes `bytes` to a new temporary file in `dir` (flushed to disk, named
/// as ours so that a later start removes it if we are killed), for
/// [`persist_temporary`] to rename into place later, maybe on another
/// thread.
pub fn write_temporary(dir: &Path, bytes: &[u8], access: Access<'_>) -> Result<PathBuf, SaveError> {
    let io_err = |source| SaveError::Io {
        path: dir.display().to_string(),
        source,
    };
    let mut builder = tempfile::Builder::new();
    let prefix = temporary_prefix();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600));
    let mut tmp = builder.tempfile_in(dir).map_err(io_err)?;
    tmp.write_all(bytes).map_err(io_err)?;
    tmp.as_file().sync_all().map_err(io_err)?;
    if let Access::Same(like) | Access::Like(like) = access
        && let Ok(m) = std::fs::metadata(like)
    {
        tmp.as_file()
            .set_permissions(m.permissions())
            .map_err(io_err)?;
    }
    tmp.into_temp_path().keep().map_err(|e| io_err(e.error))
}

/// Renames a file from [`write_temporary`] over `target` (what is there,
/// a link included, is replaced), the rename flushed with its folder.
pub fn persist_temporary(temp: &Path, target: &Path) -> Result<(), SaveError> {
    std::fs::rename(temp, target).map_err(|source| SaveError::Io {
        path: target.display().to_string(),
        source,
    })?;
    if let Some(dir) = target.parent()
        && let Ok(d) = std::fs::File::open(dir)
    {
        let _ = d.sync_all();
    }
    Ok(())
}

fn write_atomically_to(
    path: &Path,
    target: &Path,
    bytes: &[u8],
    access: Access<'_>,
) -> Result<(), SaveError> {
    let target = target.to_path_buf();
    let io_err = |source| SaveError::Io {
        path: path.display().to_string(),
        source,
    };
    let dir = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let permissions = match access {
        Access::Private => private_permissions(),
        Access::Same(like) => std::fs::metadata(like).ok().map(|m| m.permissions()),
        Access::Keep | Access::Like(_) => std::fs::metadata(&target)
            .ok()
            .map(|m| m.permissions())
            .or_else(|| match access {
                Access::Like(like) => std::fs::metadata(like).ok().map(|m| m.permissions()),
                _ => None,
            }),
    };
    let prefix = temporary_prefix();
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(TEMP_SUFFIX);
    // Created private; a new file with no model gets the usual mode (the
    // umask applies, as for any new file).
    #[cfg(unix)]
    builder.permissions(match permissions {
        None => new_file_permissions(),
        Some(_) => std::os::unix::fs::PermissionsExt::from_mode(0o600),
    });
    // The temporary file's own name is of no use in a message: the OS's
    // reason is.
    let plain = |e: std::io::Error| {
        if let Some(code) = e.raw_os_error() {
            return std::io::Error::from_raw_os_error(code);
        }
        // tempfile adds " at path <the temporary file>" to the OS's reason.
        let message = e.to_string();
        let reason = message.split(" at path ").next().unwrap_or(&message);
        std::io::Error::new(e.kind(), reason.to_string())
    };
    let mut tmp = builder.tempfile_in(dir).map_err(|e| io_err(plain(e)))?;
    tmp.write_all(bytes).map_err(io_err)?;
    tmp.as_file().sync_all().map_err(io_err)?;
    if let Some(permissions) = permissions {
        tmp.as_file().set_permissions(permissions).map_err(io_err)?;
    }
    tmp.persist(&target).map_err(|e| io_err(e.error))?;
    // The rename itself reaches the disk with the folder.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    remove_stale_temporaries(dir);
    Ok(())
}

/// Temporary files of writes that were killed half-way (SIGKILL, power
/// loss) are left behind. Ours carry the writing process's id: those of a
/// process no longer running are removed (on the next save in the folder,
/// and at start in the folders of the recent files); nameless older ones
/// after an hour.
pub fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let hour = std::time::Duration::from_secs(3600);
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Some(rest) = name
            .strip_prefix(TEMP_PREFIX)
            .filter(|_| name.ends_with(TEMP_SUFFIX))
        else {
            continue;
        };
        let owner: Option<u32> = rest.split('-').next().and_then(|p| p.parse().ok());
        let stale = match owner {
            Some(pid) => !process_alive(pid),
            None => entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > hour),
        };
        if stale && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a process is running (ours always is): on Unix, asked of the
/// system (`kill` with no signal: a process we may not signal is running
/// too). Elsewhere it cannot be known here and is taken to be, so that a
/// running window's copy is never taken for a crashed one's.
pub fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        if pid <= 0 {
            return false;
        }
        // SAFETY: signal 0 only checks that the process exists.
        let found = unsafe { libc::kill(pid, 0) } == 0;
        found || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        true
    }
}

#[cfg(unix)]
fn new_file_permissions() -> std::fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    std::fs::Permissions::from_mode(0o666)
}

#[cfg(unix)]
fn private_permissions() -> Option<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    Some(std::fs::Permissions::from_mode(0o600))
}

/// Elsewhere there are no mode bits to narrow.
#[cfg(not(unix))]
fn private_permissions() -> Option<std::fs::Permissions> {
    None
}
