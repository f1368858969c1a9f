//! An edit survives a crash: a child process (this test binary, re-run in
//! helper mode) edits a timeline in a loop, saying after each edit how many
//! it has made; the parent kills it (SIGKILL) a second after reading that
//! count, then recovers the copy it left. Every edit made a second before
//! the kill must be in it, for a small timeline and for one large enough to
//! be changed on a worker thread.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use timeline_explorer::generate::{GenerateOptions, generate};
use timeline_explorer::io::{self, recovery};
use timeline_explorer::model::edit;
use timeline_explorer::state::AppState;

const CHILD_ENV: &str = "TIMELINE_EXPLORER_EDIT_LOOP_DIR";
/// The file the child opens in that folder.
const FILE_ENV: &str = "TIMELINE_EXPLORER_EDIT_LOOP_FILE";

/// Helper, not a test of its own: run by the tests below in a child
/// process. Edits the first event's title again and again ("edit 1",
/// "edit 2", …) and writes the count to `progress` after each.
#[test]
#[ignore = "run by the kill tests in a child process"]
fn edit_loop_child() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let dir = Path::new(&dir);
    let mut state = AppState::new();
    let _ = state.apply(timeline_explorer::Command::SetRecoveryFolder(Some(
        dir.join("recovery"),
    )));
    let file = std::env::var(FILE_ENV).unwrap_or_else(|_| "timeline.ron".into());
    crate::harness::open_now(&mut state, &dir.join(file));
    assert!(state.load_error().is_none());
    for n in 1.. {
        let mut event = state.timeline().events[0].clone();
        event.title = format!("edit {n}");
        let e = edit::update_event(state.timeline(), 0, event).unwrap();
        let _ = state.apply(timeline_explorer::Command::ApplyEdit {
            edit: e,
            select: None,
        });
        // A large timeline changes on a worker: the next edit waits for it,
        // as the app's would.
        let _ = state.settle(Duration::from_secs(30));
        std::fs::write(dir.join("progress.tmp"), n.to_string()).unwrap();
        std::fs::rename(dir.join("progress.tmp"), dir.join("progress")).unwrap();
        std::thread::sleep(Duration::from_millis(15));
    }
}

fn progress(dir: &Path) -> Option<u64> {
    std::fs::read_to_string(dir.join("progress"))
        .ok()?
        .trim()
        .parse()
        .ok()
}

/// What the child edits.
#[derive(Clone, Copy)]
enum Source {
    /// A RON file of the built-in dataset (0) or of that many generated
    /// events: edits replay on the file.
    Ron(usize),
    /// A Markwhen file: imported, so edits replay on a snapshot.
    Markwhen,
}

impl Source {
    /// Writes the file into `dir`: its name and its number of events.
    fn write(self, dir: &Path) -> (&'static str, usize) {
        match self {
            Source::Ron(events) => {
                let t = if events > 0 {
                    generate(&GenerateOptions {
                        events,
                        seed: 5,
                        span_years: 50,
                    })
                } else {
                    io::builtin_timeline().unwrap()
                };
                io::save_timeline(&dir.join("timeline.ron"), &t).unwrap();
                ("timeline.ron", t.events.len())
            }
            Source::Markwhen => {
                let text = "title: Imported\n\n2015-09-30: Russia intervenes\n\
                            2019-10-09: Operation Peace Spring\n2024-12-08: Assad falls\n";
                std::fs::write(dir.join("timeline.mw"), text).unwrap();
                ("timeline.mw", 3)
            }
        }
    }
}

/// Starts the edit loop on `file` in `dir`.
fn start_child(dir: &Path, file: &str) -> std::process::Child {
    let _ = std::fs::remove_file(dir.join("progress"));
    Command::new(std::env::current_exe().unwrap())
        .args([
            "--ignored",
            "--exact",
            "kill_edit::edit_loop_child",
            "--nocapture",
        ])
        .env(CHILD_ENV, dir)
        .env(FILE_ENV, file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Waits until the child says it made at least `wanted` edits, then a
/// second more, and kills it: the count it had said.
fn kill_after(child: &mut std::process::Child, dir: &Path, wanted: u64) -> u64 {
    let start = Instant::now();
    let seen = loop {
        assert!(child.try_wait().unwrap().is_none(), "the edit loop stopped");
        assert!(start.elapsed() < Duration::from_secs(120), "no progress");
        if let Some(n) = progress(dir).filter(|&n| n >= wanted) {
            break n;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    std::thread::sleep(Duration::from_secs(1));
    child.kill().unwrap();
    child.wait().unwrap();
    seen
}

/// The number in the first event's title ("edit N").
fn edits_in(recovered: &recovery::Recovered) -> u64 {
    let title = &recovered.timeline.events[0].title;
    title
        .strip_prefix("edit ")
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("title {title:?}"))
}

/// Kills the child `rounds` times, each a second after it said it had made
/// some edits, and checks that the copy holds them.
fn edits_survive_kills(source: Source, rounds: usize) {
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D ^ rounds as u64;
    for round in 0..rounds {
        let dir = tempfile::tempdir().unwrap();
        let (file, events) = source.write(dir.path());
        let mut child = start_child(dir.path(), file);
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let seen = kill_after(&mut child, dir.path(), 1 + seed % 6);
        let copies = recovery::orphans(&dir.path().join("recovery"));
        assert_eq!(copies.len(), 1, "round {round}: {copies:?}");
        let recovered = recovery::read(&copies[0]).unwrap();
        let n = edits_in(&recovered);
        assert!(
            n >= seen,
            "round {round}: {seen} edits were made a second before the kill, the copy holds {n}"
        );
        assert_eq!(recovered.skipped, 0);
        assert_eq!(recovered.timeline.events.len(), events);
    }
}

#[test]
fn every_edit_a_second_old_survives_a_kill() {
    edits_survive_kills(Source::Ron(0), 6);
}

#[test]
fn every_edit_a_second_old_survives_a_kill_on_a_large_timeline() {
    edits_survive_kills(Source::Ron(25_000), 2);
}

/// An imported file has no RON to replay edits on: its snapshot is there
/// from the first edit.
#[test]
fn every_edit_a_second_old_survives_a_kill_on_an_imported_file() {
    edits_survive_kills(Source::Markwhen, 4);
}

/// A second session on the same file, killed too, leaves its own copy
/// beside the first one's: neither writes over the other.
#[test]
fn a_second_session_on_the_same_file_keeps_the_first_ones_copy() {
    let dir = tempfile::tempdir().unwrap();
    let (file, _) = Source::Ron(0).write(dir.path());
    let mut first = start_child(dir.path(), file);
    let first_seen = kill_after(&mut first, dir.path(), 4);
    let mut second = start_child(dir.path(), file);
    kill_after(&mut second, dir.path(), 1);
    let copies = recovery::orphans(&dir.path().join("recovery"));
    assert_eq!(copies.len(), 2, "{copies:?}");
    let counts: Vec<u64> = copies
        .iter()
        .map(|c| edits_in(&recovery::read(c).unwrap()))
        .collect();
    assert!(
        counts.iter().any(|&n| n >= first_seen),
        "the first session's {first_seen} edits: {counts:?}"
    );
}
