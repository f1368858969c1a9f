//! Following the open file on disk (`notify`, through
//! `notify-debouncer-full`, which waits until a burst of events is over:
//! editors write in several steps). The folder is watched rather than the
//! file, because editors often save by writing a new file and renaming it
//! over the old one.

use std::path::{Path, PathBuf};
use std::time::Duration;

use notify::RecursiveMode;
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

/// How long the folder must be quiet before a change is reported.
pub const SETTLE: Duration = Duration::from_millis(200);

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
    _debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
}

impl FileWatcher {
    /// Watches `path`; `on_change` runs (on the watcher's thread) once
    /// things have settled after the file was written, created, removed or
    /// renamed.
    pub fn new(path: &Path, on_change: impl Fn() + Send + 'static) -> notify::Result<Self> {
        let requested = path.to_path_buf();
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let name = absolute.file_name().map(|n| n.to_os_string());
        let shown = absolute.display().to_string();
        let mut debouncer =
            new_debouncer(
                SETTLE,
                None,
                move |result: DebounceEventResult| match result {
                    Ok(events) => {
                        let touched = events.iter().any(|e| {
                            !e.event.kind.is_access()
                                && e.event
                                    .paths
                                    .iter()
                                    .any(|p| p.file_name() == name.as_deref())
                        });
                        if touched {
                            on_change();
                        }
                    }
                    Err(errors) => {
                        for e in errors {
                            log::warn!("watching {shown}: {e}");
                        }
                    }
                },
            )?;
        let dir = absolute.parent().unwrap_or(Path::new("."));
        debouncer.watch(dir, RecursiveMode::NonRecursive)?;
        Ok(Self {
            requested,
            _debouncer: debouncer,
        })
    }

    /// The path it was asked to watch, as given.
    pub fn requested_path(&self) -> &Path {
        &self.requested
    }
}
