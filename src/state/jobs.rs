//! Background work: each job runs on a thread of its own and reports back
//! as a [`Command`] on one channel, then wakes the window (so that
//! `App::logic` runs and applies it, visible or not).
//!
//! A plain channel rather than one promise per job: results arrive in the
//! order they finished, wake-up happens after the result is sent (never
//! before, so none is missed), and a test or the command line can block on
//! the same channel until the work is done.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use super::command::{Command, JobDone};

/// Wakes whoever applies commands (the window: a repaint request).
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// Sends job results; cheap to clone into threads (and the file watcher).
#[derive(Clone)]
pub struct JobSender {
    tx: Sender<Command>,
    /// Shared, so that senders made before the window existed wake it too.
    waker: Arc<RwLock<Waker>>,
}

impl JobSender {
    pub fn send(&self, done: JobDone) {
        // The receiver is gone only when the app is closing: nothing to tell.
        let _ = self.tx.send(Command::Job(done));
        let waker = self.waker.read().map(|w| Arc::clone(&w));
        if let Ok(wake) = waker {
            wake();
        }
    }
}

pub struct Jobs {
    sender: JobSender,
    rx: Receiver<Command>,
    next_id: u64,
    /// Jobs started and not yet reported (decremented after the report is
    /// sent, so a count of zero means every report is in the channel).
    running: Arc<AtomicUsize>,
}

impl Default for Jobs {
    fn default() -> Self {
        let (tx, rx) = channel();
        Self {
            sender: JobSender {
                tx,
                waker: Arc::new(RwLock::new(Arc::new(|| {}))),
            },
            rx,
            next_id: 0,
            running: Arc::default(),
        }
    }
}

impl Jobs {
    /// Who to wake when a job finishes.
    pub fn set_waker(&mut self, waker: Waker) {
        if let Ok(mut w) = self.sender.waker.write() {
            *w = waker;
        }
    }

    /// How many jobs are running.
    pub fn running(&self) -> usize {
        self.running.load(Ordering::SeqCst)
    }

    pub fn sender(&self) -> JobSender {
        self.sender.clone()
    }

    /// A fresh id, to tell a job's result from an earlier one's.
    pub fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// Runs `work` on a thread; its result comes back as a command. If the
    /// work panics, `on_panic` is reported instead, so that nothing waits
    /// for it forever.
    pub fn spawn(
        &self,
        name: &str,
        work: impl FnOnce() -> JobDone + Send + 'static,
        on_panic: impl FnOnce() -> JobDone + Send + 'static,
    ) {
        let sender = self.sender();
        let running = Arc::clone(&self.running);
        running.fetch_add(1, Ordering::SeqCst);
        // Shared, so that the report still comes when no thread can start.
        let fallback = Arc::new(std::sync::Mutex::new(Some(on_panic)));
        let thread_fallback = Arc::clone(&fallback);
        let spawned = std::thread::Builder::new()
            .name(name.to_string())
            .spawn(move || {
                let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work))
                    .ok()
                    .or_else(|| thread_fallback.lock().ok()?.take().map(|f| f()));
                if let Some(done) = done {
                    sender.send(done);
                }
                running.fetch_sub(1, Ordering::SeqCst);
            });
        if let Err(e) = spawned {
            log::error!("cannot start a thread for {name}: {e}");
            if let Some(f) = fallback.lock().ok().and_then(|mut f| f.take()) {
                self.sender.send(f());
            }
            self.running.fetch_sub(1, Ordering::SeqCst);
        }
    }

    /// Results that have arrived, without waiting.
    pub fn ready(&self) -> Vec<Command> {
        self.rx.try_iter().collect()
    }

    /// Waits up to `timeout` for the next result.
    pub fn wait(&self, timeout: Duration) -> Option<Command> {
        self.rx.recv_timeout(timeout).ok()
    }
}
