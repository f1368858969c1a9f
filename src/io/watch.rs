//! Following the open file on disk (the `notify` crate). The folder is
//! watched rather than the file, because editors often save by writing a
//! new file and renaming it over the old one.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use notify::{RecursiveMode, Watcher};

/// Size and modification time: what tells our own writes from others'.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signature {
    pub len: u64,
    pub modified: Option<std::time::SystemTime>,
}

impl Signature {
    /// The file's signature now; `None` if it cannot be read.
    pub fn of(path: &Path) -> Option<Signature> {
        let meta = std::fs::metadata(path).ok()?;
        Some(Signature {
            len: meta.len(),
            modified: meta.modified().ok(),
        })
    }
}

/// Watches one file.
pub struct FileWatcher {
    /// The path as given (what the app compares with its open file).
    requested: PathBuf,
    path: PathBuf,
    _watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
}

impl FileWatcher {
    /// Watches `path`; `on_event` runs (on the watcher's thread) whenever
    /// something happens in its folder, e.g. to wake the UI.
    pub fn new(path: &Path, on_event: impl Fn() + Send + 'static) -> notify::Result<Self> {
        let requested = path.to_path_buf();
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let (tx, events) = channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            // The receiver is gone only when the watcher is being dropped.
            let _ = tx.send(event);
            on_event();
        })?;
        let dir = path.parent().unwrap_or(Path::new("."));
        watcher.watch(dir, RecursiveMode::NonRecursive)?;
        Ok(Self {
            requested,
            path,
            _watcher: watcher,
            events,
        })
    }

    /// The path it was asked to watch, as given.
    pub fn requested_path(&self) -> &Path {
        &self.requested
    }

    /// Whether anything happened to the file since the last call.
    pub fn changed(&self) -> bool {
        let name = self.path.file_name();
        let mut changed = false;
        while let Ok(event) = self.events.try_recv() {
            match event {
                Ok(e) => {
                    changed |= !e.kind.is_access() && e.paths.iter().any(|p| p.file_name() == name)
                }
                Err(e) => log::warn!("watching {}: {e}", self.path.display()),
            }
        }
        changed
    }
}
