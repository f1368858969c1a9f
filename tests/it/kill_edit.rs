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
    crate::harness::open_now(&mut state, &dir.join("timeline.ron"));
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

/// Kills the child `rounds` times, each a second after it said it had made
/// some edits, and checks that the copy holds them.
fn edits_survive_kills(events: usize, rounds: usize) {
    let exe = std::env::current_exe().unwrap();
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D ^ events as u64;
    for round in 0..rounds {
        let dir = tempfile::tempdir().unwrap();
        let t = if events > 0 {
            generate(&GenerateOptions {
                events,
                seed: 5,
                span_years: 50,
            })
        } else {
            io::builtin_timeline().unwrap()
        };
        io::save_timeline(&dir.path().join("timeline.ron"), &t).unwrap();
        let mut child = Command::new(&exe)
            .args([
                "--ignored",
                "--exact",
                "kill_edit::edit_loop_child",
                "--nocapture",
            ])
            .env(CHILD_ENV, dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let wanted = 1 + seed % 6;
        let start = Instant::now();
        let seen = loop {
            assert!(child.try_wait().unwrap().is_none(), "the edit loop stopped");
            assert!(start.elapsed() < Duration::from_secs(120), "no progress");
            if let Some(n) = progress(dir.path()).filter(|&n| n >= wanted) {
                break n;
            }
            std::thread::sleep(Duration::from_millis(2));
        };
        std::thread::sleep(Duration::from_secs(1));
        child.kill().unwrap();
        child.wait().unwrap();
        let copies = recovery::orphans(&dir.path().join("recovery"));
        assert_eq!(copies.len(), 1, "round {round}: {copies:?}");
        let recovered = recovery::read(&copies[0]).unwrap();
        let title = &recovered.timeline.events[0].title;
        let n: u64 = title
            .strip_prefix("edit ")
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("round {round}: title {title:?}"));
        assert!(
            n >= seen,
            "round {round}: {seen} edits were made a second before the kill, the copy holds {n}"
        );
        assert_eq!(recovered.skipped, 0);
        assert_eq!(recovered.timeline.events.len(), t.events.len());
    }
}

#[test]
fn every_edit_a_second_old_survives_a_kill() {
    edits_survive_kills(0, 6);
}

#[test]
fn every_edit_a_second_old_survives_a_kill_on_a_large_timeline() {
    edits_survive_kills(25_000, 2);
}
