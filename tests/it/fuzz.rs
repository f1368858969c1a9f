//! A short run of the fuzzer (`timeline-explorer fuzz`, see src/fuzz.rs)
//! on every reader, with a fixed seed; the long run (a million inputs per
//! format) is `cargo run --release -- fuzz`.

use std::path::Path;
use std::time::Duration;

use timeline_explorer::fuzz::{FuzzOptions, check_input, run};
use timeline_explorer::io::Format;

#[test]
fn every_reader_survives_a_short_fuzz_run() {
    let dir = tempfile::tempdir().unwrap();
    let opts = FuzzOptions {
        formats: Format::ALL.to_vec(),
        inputs: 400,
        seed: 7,
        corpus: Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus"),
        failures: dir.path().to_path_buf(),
        time_limit: Duration::from_secs(20),
    };
    let mut out = Vec::new();
    let reports = run(&opts, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert_eq!(reports.len(), Format::ALL.len(), "{out}");
    for r in &reports {
        assert!(r.failure.is_none(), "{out}");
        assert_eq!(r.inputs, 400);
        // The mutations reach both outcomes, or the run proves little.
        assert!(r.read + r.refused == 400);
    }
    assert!(reports.iter().any(|r| r.read > 0) && reports.iter().any(|r| r.refused > 0));
}

/// The checks themselves catch what they are for.
#[test]
fn the_fuzz_checks_catch_unplaced_errors_and_refused_saves() {
    // A RON problem has a place: fine.
    assert_eq!(check_input(b"(title: 1)", Format::Ron), Ok(false));
    // A CSV table whose URL the RON loader would refuse must not be
    // accepted as a link (that was a real bug): it passes now.
    let csv = b"date,title,url\n2020-01-01,A,javascript:alert(1)\n";
    assert_eq!(check_input(csv, Format::Csv), Ok(true));
    // An error with no place is a failure.
    let unplaced = timeline_explorer::io::LoadError::Invalid {
        origin: "x".into(),
        problems: vec![timeline_explorer::io::Problem {
            location: "event \"a\"".into(),
            field: "end".into(),
            message: "ends before it starts".into(),
            line: None,
            column: None,
            path: "events[0].end".into(),
        }],
    };
    assert!(timeline_explorer::fuzz::positioned(&unplaced).is_err());
    let seeds = timeline_explorer::fuzz::seeds(
        Format::Markwhen,
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus"),
    );
    assert!(seeds.len() >= 2, "the built-in dataset and the corpus");
}
