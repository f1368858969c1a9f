//! The command line, run as a separate process.

use std::path::Path;
use std::process::Command;

fn exe() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_timeline-explorer"));
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = exe().args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn check_good_files() {
    let (code, out, _) = run(&[
        "check",
        "data/russia-syria.ron",
        "tests/data/good/minimal.ron",
    ]);
    assert_eq!(code, 0);
    assert!(
        out.contains(
            "data/russia-syria.ron: ok, 78 events, 1807-07-07–2025-10-15, 44 relation periods"
        ),
        "{out}"
    );
    assert!(
        out.contains("minimal.ron: ok, 2 events, 13.8 billion years ago–10 January 49 BCE"),
        "{out}"
    );
}

#[test]
fn check_reports_every_bad_file_and_fails() {
    let (code, out, err) = run(&[
        "check",
        "data/russia-syria.ron",
        "tests/data/bad/many-problems.ron",
        "tests/data/bad/syntax-missing-comma.ron",
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("russia-syria.ron: ok"), "{out}");
    assert!(err.contains("many-problems.ron: 6 problems found"), "{err}");
    assert!(err.contains("syntax-missing-comma.ron:10:13"), "{err}");
}

#[test]
fn list_json_has_the_fields_at_their_precision() {
    let (code, out, _) = run(&["list", "--json"]);
    assert_eq!(code, 0);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 78);
    assert_eq!(lines[0]["id"], "treaty-of-tilsit-1807");
    let commission = lines
        .iter()
        .find(|l| l["id"] == "russia-syria-intergovernmental-commission")
        .unwrap();
    assert_eq!(commission["start"], "1993");
    assert_eq!(commission["precision"], "year");
    assert_eq!(commission["certainty"], "Reported");
    for key in [
        "id",
        "title",
        "start",
        "end",
        "precision",
        "certainty",
        "actors",
        "category",
        "provenance",
        "discrepancy",
    ] {
        assert!(lines[0].get(key).is_some(), "missing {key}");
    }
    // Sorted by start.
    let starts: Vec<&str> = lines.iter().map(|l| l["start"].as_str().unwrap()).collect();
    let mut sorted = starts.clone();
    sorted.sort_by_key(|s| s.parse::<timeline_explorer::Date>().unwrap());
    assert_eq!(starts, sorted);
}

#[test]
fn list_negative_years_and_table() {
    let (code, out, _) = run(&["list", "tests/data/good/minimal.ron", "--json"]);
    assert_eq!(code, 0);
    assert!(out.contains("\"start\":\"-0049-01-10\""), "{out}");
    let (code, out, _) = run(&["list"]);
    assert_eq!(code, 0);
    assert!(
        out.lines().next().unwrap().starts_with("1807-07-07 "),
        "{out}"
    );
    // A period shows both its ends.
    assert!(
        out.lines()
            .any(|l| l.starts_with("1814-03-30 – 1814-03-31")),
        "{out}"
    );
}

#[test]
fn list_bad_file_is_a_clear_error() {
    let (code, _, err) = run(&["list", "tests/data/bad/unknown-actor.ron"]);
    assert_eq!(code, 1);
    assert!(err.contains("unknown actor \"narnia\""), "{err}");
}

#[test]
fn help_for_every_subcommand() {
    for sub in [
        &["--help"][..],
        &["check", "--help"],
        &["list", "--help"],
        &["fmt", "--help"],
    ] {
        let (code, out, _) = run(sub);
        assert_eq!(code, 0, "{sub:?}");
        assert!(out.contains("Usage:"), "{out}");
    }
}

#[test]
fn fmt_rewrites_in_canonical_form_and_refuses_bad_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.ron");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/good/minimal.ron");
    std::fs::copy(&src, &path).unwrap();
    let (code, _, _) = run(&["fmt", path.to_str().unwrap()]);
    assert_eq!(code, 0);
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("#![enable(implicit_some)]"));
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "(title: ").unwrap();
    let (code, _, err) = run(&["fmt", bad.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains("bad.ron:1:"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&bad).unwrap(),
        "(title: ",
        "a bad file is left alone"
    );
}

#[test]
fn a_mistyped_command_is_an_error_with_a_suggestion_not_a_file_to_open() {
    let (code, _, err) = run(&["lst"]);
    assert_ne!(code, 0);
    assert!(
        err.contains("did you mean `timeline-explorer list`"),
        "{err}"
    );
    let (code, _, err) = run(&["qqqqqq"]);
    assert_ne!(code, 0);
    assert!(err.contains("the commands are check, list"), "{err}");
}

#[test]
fn generate_writes_what_the_extension_says_or_refuses() {
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("g.json");
    let (code, out, err) = run(&["generate", "--events", "7", "-o", json.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("TimelineJS"), "{out}");
    let back = timeline_explorer::io::load_any(&json).unwrap();
    assert_eq!(back.timeline.events.len(), 7);
    let odd = dir.path().join("g.xyz");
    let (code, _, err) = run(&["generate", "-o", odd.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains("cannot tell the format"), "{err}");
    assert!(!odd.exists());
}

#[test]
fn an_os_error_is_said_once() {
    let (code, _, err) = run(&["list", "/nonexistent/none.ron"]);
    assert_ne!(code, 0);
    assert_eq!(err.matches("No such file or directory").count(), 1, "{err}");
    let (_, _, err) = run(&["generate", "-o", "/nonexistent/dir/x.ron"]);
    assert_eq!(err.matches("No such file or directory").count(), 1, "{err}");
    assert!(!err.contains(".timeline-save-"), "{err}");
}

#[test]
fn one_event_is_one_event_not_one_events() {
    let dir = tempfile::tempdir().unwrap();
    let mw = dir.path().join("one.mw");
    std::fs::write(&mw, "2020-05-09: The only one\n").unwrap();
    let (code, out, err) = run(&["check", mw.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("one.mw: ok, 1 event, "), "{out}");
    let ron = dir.path().join("one.ron");
    let (code, out, err) = run(&["convert", mw.to_str().unwrap(), "-o", ron.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("wrote 1 event ("), "{out}{err}");
    let (code, out, _) = run(&["check", "tests/data/good/minimal.ron"]);
    assert_eq!(code, 0);
    assert!(out.contains("ok, 2 events, "), "{out}");
}
