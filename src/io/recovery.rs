//! Recovery copies: while a timeline has unsaved changes, the app writes it
//! every few seconds to its data directory; after a crash, the next start
//! offers to restore it. One RON file per document, whose first line says
//! which file it recovers and which process wrote it.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::{
    Access, LoadError, SaveError, parse_timeline, process_alive, read_text, to_ron_string,
    write_atomically_with,
};
use crate::model::Timeline;

const HEADER: &str = "// timeline-explorer recovery";

/// A recovery copy found on disk.
#[derive(Clone, Debug, PartialEq)]
pub struct RecoveryCopy {
    /// The recovery file itself.
    pub file: PathBuf,
    /// The document it recovers; `None` for a timeline never saved.
    pub original: Option<PathBuf>,
    /// The process that wrote it.
    pub pid: u32,
    pub written: Option<SystemTime>,
}

/// The recovery file for a document: named by a stable hash (BLAKE3) of
/// its path, the same in every version of the app.
pub fn file_for(dir: &Path, original: Option<&Path>) -> PathBuf {
    let name = match original {
        Some(p) => {
            let hash = blake3::hash(p.as_os_str().as_encoded_bytes());
            let stem = p
                .file_stem()
                .map(|s| crate::model::slug(&s.to_string_lossy()))
                .unwrap_or_default();
            format!("{stem}-{}.ron", &hash.to_hex()[..16])
        }
        None => "untitled.ron".to_string(),
    };
    dir.join(name)
}

/// Writes the recovery copy of a document (atomically).
pub fn write(
    dir: &Path,
    original: Option<&Path>,
    timeline: &Timeline,
) -> Result<PathBuf, SaveError> {
    private_folder(dir).map_err(|source| SaveError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let file = file_for(dir, original);
    let original_text = original
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    let text = format!(
        "{HEADER} pid={}\n// of: {original_text}\n{}",
        std::process::id(),
        to_ron_string(timeline)?
    );
    write_atomically_with(&file, text.as_bytes(), Access::Private)?;
    Ok(file)
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

/// Recovery copies left by processes that are no longer running.
pub fn orphans(dir: &Path) -> Vec<RecoveryCopy> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut copies: Vec<RecoveryCopy> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .filter_map(|file| {
            let head = std::fs::File::open(&file).ok().and_then(|f| {
                use std::io::BufRead;
                let mut lines = std::io::BufReader::new(f).lines();
                Some((lines.next()?.ok()?, lines.next()?.ok()?))
            })?;
            let pid = head
                .0
                .strip_prefix(HEADER)?
                .trim()
                .strip_prefix("pid=")?
                .parse()
                .ok()?;
            let original = head.1.strip_prefix("// of: ")?.trim();
            Some(RecoveryCopy {
                written: std::fs::metadata(&file).and_then(|m| m.modified()).ok(),
                file,
                original: (!original.is_empty()).then(|| PathBuf::from(original)),
                pid,
            })
        })
        .filter(|c| !process_alive(c.pid))
        .collect();
    copies.sort_by_key(|c| std::cmp::Reverse(c.written));
    copies
}

/// Reads a recovery copy back.
pub fn read(copy: &RecoveryCopy) -> Result<Timeline, LoadError> {
    let text = read_text(&copy.file, super::MAX_FILE_BYTES)?;
    parse_timeline(&text, &copy.file.display().to_string())
}

/// Removes a recovery copy (after a save, or when the user discards it).
pub fn remove(file: &Path) {
    if let Err(e) = std::fs::remove_file(file)
        && e.kind() != std::io::ErrorKind::NotFound
    {
        log::warn!("could not remove the recovery copy {}: {e}", file.display());
    }
}
