//! A save interrupted at any moment, even by SIGKILL, leaves either the
//! complete old file or the complete new one, never a mix or a truncation.
//!
//! A child process (this test binary, re-run in helper mode) saves two
//! different timelines over the same file in a loop through the app's one
//! atomic writer; the parent kills it at random moments, many times, and
//! checks the file each time.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use timeline_explorer::generate::{GenerateOptions, generate};
use timeline_explorer::io::{parse_timeline, to_ron_string, write_atomically};

const CHILD_ENV: &str = "TIMELINE_EXPLORER_SAVE_LOOP_DIR";

/// Helper, not a test of its own: run by the test below in a child process.
#[test]
#[ignore = "run by saves_survive_sigkill_at_random_moments in a child process"]
fn save_loop_child() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let dir = Path::new(&dir);
    let a = std::fs::read(dir.join("a.ron")).unwrap();
    let b = std::fs::read(dir.join("b.ron")).unwrap();
    let out = dir.join("out.ron");
    // Tell the parent the loop is starting.
    std::fs::write(dir.join("ready"), b"").unwrap();
    loop {
        write_atomically(&out, &a).unwrap();
        write_atomically(&out, &b).unwrap();
    }
}

#[test]
fn saves_survive_sigkill_at_random_moments() {
    let dir = tempfile::tempdir().unwrap();
    let text = |seed| {
        to_ron_string(&generate(&GenerateOptions {
            events: 3000,
            seed,
            span_years: 50,
        }))
        .unwrap()
    };
    let (a, b) = (text(1), text(2));
    assert_ne!(a, b);
    std::fs::write(dir.path().join("a.ron"), &a).unwrap();
    std::fs::write(dir.path().join("b.ron"), &b).unwrap();
    let out = dir.path().join("out.ron");
    write_atomically(&out, a.as_bytes()).unwrap();

    let exe = std::env::current_exe().unwrap();
    let (mut saw_a, mut saw_b) = (0, 0);
    let kills = 40;
    // A fixed pseudo-random sequence of delays (xorshift), so a failure can
    // be replayed.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut interrupted = 0;
    for _ in 0..kills {
        let _ = std::fs::remove_file(dir.path().join("ready"));
        let mut child = Command::new(&exe)
            .args([
                "--ignored",
                "--exact",
                "kill_save::save_loop_child",
                "--nocapture",
            ])
            .env(CHILD_ENV, dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        while !dir.path().join("ready").exists() {
            assert!(child.try_wait().unwrap().is_none(), "the save loop stopped");
            std::thread::sleep(Duration::from_millis(1));
        }
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        std::thread::sleep(Duration::from_micros(state % 30_000));
        let pid = child.id();
        child.kill().unwrap(); // SIGKILL on Unix
        child.wait().unwrap();
        // A write cut short leaves its temporary file, named by its process.
        let own = format!(".timeline-save-{pid}-");
        if temporaries(dir.path()).iter().any(|n| n.starts_with(&own)) {
            interrupted += 1;
        }

        let now = std::fs::read_to_string(&out).expect("the file is always there");
        if now == a {
            saw_a += 1;
        } else if now == b {
            saw_b += 1;
        } else {
            panic!(
                "the file is neither version: {} bytes, starts {:?}",
                now.len(),
                &now[..now.len().min(80)]
            );
        }
        assert!(parse_timeline(&now, "out.ron").is_ok());
    }
    // The kills landed at different moments: both versions were seen, and
    // some writes were interrupted half-way (their temporary files stayed).
    assert!(saw_a > 0 && saw_b > 0, "a: {saw_a}, b: {saw_b}");
    assert!(interrupted > 0, "no kill landed during a write");
    // A later writer removes the temporaries of the killed ones (a child
    // killed before its first write ended removed none: the parent's write
    // is the later one for all).
    write_atomically(&out, a.as_bytes()).unwrap();
    let left = temporaries(dir.path());
    assert!(left.is_empty(), "{left:?}");
}

/// Our temporary files in a folder.
fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".timeline-save-"))
        .collect()
}
