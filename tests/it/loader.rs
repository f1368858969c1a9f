//! Every loader error class, one small bad file each under tests/data/bad.

use std::io::Write;
use std::path::{Path, PathBuf};

use timeline_explorer::io::{
    LoadError, load_timeline, load_timeline_with_limit, parse_timeline, save_timeline,
    to_ron_string,
};

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(path)
}

/// Loads a bad file and returns its problems as (line, location, field).
fn problems(file: &str) -> Vec<(Option<usize>, String, String)> {
    match load_timeline(&data(file)) {
        Err(LoadError::Invalid { origin, problems }) => {
            assert!(origin.ends_with(file), "{origin}");
            problems
                .into_iter()
                .map(|p| (p.line, p.location, p.field))
                .collect()
        }
        other => panic!("{file}: expected semantic problems, got {other:?}"),
    }
}

fn syntax(file: &str) -> (usize, usize, String, String, String) {
    match load_timeline(&data(file)) {
        Err(e @ LoadError::Syntax { .. }) => {
            let text = e.to_string();
            let LoadError::Syntax {
                line,
                column,
                message,
                line_text,
                ..
            } = e
            else {
                unreachable!()
            };
            (line, column, message, line_text, text)
        }
        other => panic!("{file}: expected a syntax error, got {other:?}"),
    }
}

#[test]
fn duplicate_id_points_at_the_duplicate() {
    assert_eq!(
        problems("bad/duplicate-id.ron"),
        [(Some(18), "event \"intervention\"".into(), "id".into())]
    );
}

#[test]
fn an_id_as_written_is_not_another_event_s_id_or_id_as_written_or_empty() {
    assert_eq!(
        problems("bad/id-as-written.ron"),
        [
            (Some(44), "event \"fourth\"".into(), "id_as_written".into()),
            (Some(20), "event \"again\"".into(), "id_as_written".into()),
            (Some(32), "event \"third\"".into(), "id_as_written".into()),
        ]
    );
}

#[test]
fn unknown_actor_and_category() {
    assert_eq!(
        problems("bad/unknown-actor.ron"),
        [(Some(12), "event \"astana\"".into(), "actors".into())]
    );
    assert_eq!(
        problems("bad/unknown-category.ron"),
        [(Some(13), "event \"astana\"".into(), "category".into())]
    );
}

#[test]
fn end_before_start() {
    let p = problems("bad/end-before-start.ron");
    assert_eq!(p, [(Some(10), "event \"astana\"".into(), "end".into())]);
}

#[test]
fn impossible_date_is_named() {
    let err = load_timeline(&data("bad/impossible-date.ron"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("event \"leap\", field `start`"), "{err}");
    assert!(err.contains("2025-02-30"), "{err}");
}

#[test]
fn empty_title_no_source_and_bad_id() {
    assert_eq!(problems("bad/empty-title.ron")[0].2, "title");
    assert_eq!(problems("bad/no-source.ron")[0].2, "sources");
    assert_eq!(problems("bad/id-not-kebab-case.ron")[0].2, "id");
}

#[test]
fn all_problems_are_reported_at_once() {
    let p = problems("bad/many-problems.ron");
    let fields: Vec<&str> = p.iter().map(|(_, _, f)| f.as_str()).collect();
    for want in ["actors", "start", "sources", "id", "title", "category"] {
        assert!(fields.contains(&want), "{want} missing from {fields:?}");
    }
    // The second event's problems point at its own fields.
    assert!(
        p.iter()
            .any(|(line, _, f)| f == "title" && *line == Some(19)),
        "{p:?}"
    );
}

/// Every problem, whatever holds it (the timeline, an actor, a category, an
/// era, a view, a story, an event, a source), points at the line and
/// column where its field is written, or at its item when the field is
/// missing.
#[test]
fn every_problem_has_the_line_and_column_of_its_field() {
    let text = r#"(
    title: "",
    source_document: Some((title: "Doc", date: Some("2025-02-30"))),
    actors: [(id: "Bad Id", name: "", kind: State), (id: "b", name: "B", kind: State, affiliation: Some("ghost"))],
    categories: [(id: "c", name: "C"), (id: "c", name: "Again")],
    eras: [(title: "Era", start: "2000", end: "1990")],
    views: [(name: "", query: (actors: ["ghost"]), selected: Some("nope"))],
    stories: [(name: "S", steps: [(event: "e"), (event: "missing")])],
    events: [
        (id: "e", title: "E", start: "2020", certainty: Confirmed, provenance: Article,
         actors: ["ghost"], category: "c", summary: "s",
         sources: [(title: "x", url: Some("ftp://example.org"), date: Some("2020-13"))]),
        (id: "f", title: "F", start: "2020", certainty: Confirmed, provenance: Article,
         actors: [], category: "c", summary: "s", sources: []),
    ],
)"#;
    let problems = match parse_timeline(text, "t.ron") {
        Err(LoadError::Invalid { problems, .. }) => problems,
        other => panic!("expected problems, got {other:?}"),
    };
    assert!(problems.len() >= 14, "{problems:#?}");
    let lines: Vec<&str> = text.lines().collect();
    for p in &problems {
        let (Some(line), Some(column)) = (p.line, p.column) else {
            panic!("no position: {p}");
        };
        let at: String = lines[line - 1].chars().skip(column - 1).collect();
        // The field's own name, or (for a field that is missing) the item.
        let leaf = p
            .field
            .rsplit(['.', ']'])
            .next()
            .unwrap_or("")
            .trim_start_matches('[');
        assert!(
            at.starts_with(leaf) || at.starts_with('('),
            "{p}: points at {at:?}"
        );
    }
    // The missing sources of the second event: its own line, not the first's.
    let missing = problems
        .iter()
        .find(|p| p.field == "sources" && p.location == "event \"f\"")
        .unwrap();
    assert_eq!(missing.line, Some(14));
}

#[test]
fn syntax_error_names_file_line_column_and_shows_the_line() {
    let (line, column, message, line_text, text) = syntax("bad/syntax-missing-comma.ron");
    assert_eq!((line, column), (10, 13));
    assert!(message.contains("Expected comma"), "{message}");
    assert!(message.contains("line 9"), "{message}");
    assert_eq!(line_text.trim(), "certainty: Confirmed,");
    assert!(text.contains("syntax-missing-comma.ron:10:13"), "{text}");
    assert!(text.contains("^"), "{text}");
}

#[test]
fn unknown_fields_and_variants_are_syntax_errors_not_silently_dropped() {
    let (line, _, message, _, _) = syntax("bad/syntax-unknown-field.ron");
    assert_eq!(line, 11);
    assert!(message.contains("colour"), "{message}");
    let (_, _, message, _, _) = syntax("bad/syntax-unknown-certainty.ron");
    assert!(
        message.contains("Rumoured") && message.contains("Confirmed"),
        "{message}"
    );
    let (line, _, message, _, _) = syntax("bad/syntax-truncated.ron");
    assert_eq!(line, 12);
    assert!(message.contains("end"), "{message}");
}

#[test]
fn files_over_the_limit_are_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    std::fs::write(&path, vec![b' '; 4096]).unwrap();
    match load_timeline_with_limit(&path, 1024) {
        Err(LoadError::TooLarge {
            size_bytes,
            limit_bytes,
            origin,
        }) => {
            assert_eq!((size_bytes, limit_bytes), (4096, 1024));
            assert!(origin.ends_with("big.ron"));
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    // The default limit is 512 MiB.
    assert_eq!(timeline_explorer::io::MAX_FILE_BYTES, 512 * 1024 * 1024);
}

#[test]
fn missing_file_folder_and_binary_file() {
    let err = load_timeline(Path::new("/nonexistent/timeline.ron")).unwrap_err();
    assert!(matches!(err, LoadError::Io { .. }), "{err:?}");
    assert!(err.to_string().contains("/nonexistent/timeline.ron"));
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        load_timeline(dir.path()),
        Err(LoadError::Io { .. })
    ));
    let bin = dir.path().join("bin.ron");
    std::fs::write(&bin, b"(\n  title: \"\xff\xfe\",\n)").unwrap();
    match load_timeline(&bin) {
        Err(LoadError::NotUtf8 { line, column, .. }) => assert_eq!((line, column), (2, 11)),
        other => panic!("expected NotUtf8, got {other:?}"),
    }
}

#[test]
fn hostile_text_never_panics() {
    let long = "(".repeat(100_000);
    for text in [
        "",
        "(",
        ")",
        "[]",
        "(title: 5)",
        long.as_str(),
        "(events: [(start: \"\")])",
    ] {
        assert!(parse_timeline(text, "hostile").is_err());
    }
}

#[test]
fn good_file_loads_with_deep_time_and_bce() {
    let t = load_timeline(&data("good/minimal.ron")).unwrap();
    assert_eq!(t.events.len(), 2);
    assert_eq!(t.events[0].start.display(), "10 January 49 BCE");
    assert_eq!(t.events[1].start.display(), "13.8 billion years ago");
}

#[test]
fn save_round_trips_and_is_atomic() {
    let t = load_timeline(&data("good/minimal.ron")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.ron");
    std::fs::File::create(&path)
        .unwrap()
        .write_all(b"old content")
        .unwrap();
    save_timeline(&path, &t).unwrap();
    assert_eq!(load_timeline(&path).unwrap(), t);
    // No temporary files are left behind.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["out.ron"]);
    // Saving twice gives the same bytes: the field order is stable.
    let first = std::fs::read_to_string(&path).unwrap();
    save_timeline(&path, &load_timeline(&path).unwrap()).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), first);
}

#[test]
fn failed_save_leaves_the_old_file() {
    let t = load_timeline(&data("good/minimal.ron")).unwrap();
    let missing_dir = Path::new("/nonexistent-dir/out.ron");
    assert!(save_timeline(missing_dir, &t).is_err());
    assert!(
        to_ron_string(&t)
            .unwrap()
            .starts_with("#![enable(implicit_some)]")
    );
}

#[test]
fn readme_example_is_a_valid_timeline() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let start = readme.find("```ron\n").expect("README has a RON example") + "```ron\n".len();
    let end = start + readme[start..].find("```").unwrap();
    let t = parse_timeline(&readme[start..end], "README.md").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(t.events.len(), 1);
    assert_eq!(t.actors.len(), 3);
    assert_eq!(t.eras.len(), 1);
    assert_eq!(t.relations.len(), 1);
    assert_eq!(t.events[0].roles.len(), 1);
}

#[test]
fn era_ending_before_it_starts_is_reported() {
    let err = load_timeline(&data("bad/era-ends-before-start.ron"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("era 1 \"Backwards\", field `end`"), "{err}");
}

#[test]
fn temporaries_of_killed_saves_are_cleaned_up_when_stale() {
    let dir = tempfile::tempdir().unwrap();
    let stale = dir.path().join(".timeline-save-old.tmp");
    let fresh = dir.path().join(".timeline-save-new.tmp");
    for p in [&stale, &fresh] {
        std::fs::write(p, b"half a file").unwrap();
    }
    let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
    std::fs::File::options()
        .write(true)
        .open(&stale)
        .unwrap()
        .set_modified(two_hours_ago)
        .unwrap();
    timeline_explorer::io::write_atomically(&dir.path().join("t.ron"), b"x").unwrap();
    assert!(!stale.exists());
    // A fresh one may belong to a save in progress.
    assert!(fresh.exists());
}

/// A broken line of ten megabytes: the message shows about 120 characters
/// around the column (with the caret under the right one), never the line.
#[test]
fn errors_show_a_short_excerpt_of_a_long_line() {
    let filler = "x".repeat(10_000_000);
    let text = format!("(\n    title: \"{filler}\" oops,\n)");
    let err = parse_timeline(&text, "long.ron").unwrap_err();
    let message = err.to_string();
    assert!(message.len() < 1_000, "{} bytes", message.len());
    assert!(message.starts_with("long.ron:2:"), "{message:.200}");
    let LoadError::Syntax {
        line_text,
        caret,
        column,
        ..
    } = &err
    else {
        panic!("{err:?}")
    };
    assert!(*column > 10_000_000);
    let at: String = line_text.chars().skip(caret - 1).take(4).collect();
    assert_eq!(at, "oops", "{line_text}");
    // The same for a value quoted in a semantic problem.
    let long_id = "a".repeat(1_000_000);
    let text = std::fs::read_to_string(data("good/minimal.ron"))
        .unwrap()
        .replacen("category: \"", &format!("category: \"{long_id}"), 1);
    let message = parse_timeline(&text, "m.ron").unwrap_err().to_string();
    assert!(message.len() < 2_000, "{} bytes", message.len());
    assert!(
        message.contains("unknown category \"aaaa"),
        "{message:.300}"
    );
}
