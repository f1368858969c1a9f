//! What files the app writes may contain and who may read them; what it
//! refuses to read; what links and exports can never do.

#[cfg(unix)]
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

use timeline_explorer::Command;
use timeline_explorer::io::{self, Access, Format, recovery};
use timeline_explorer::model::edit;
use timeline_explorer::state::{AppState, ExportKind};

use crate::harness::*;

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// A private document (0600): its backup, its copies in other formats and
/// its handout are private too; recovery copies are 0600 in a 0700 folder.
#[cfg(unix)]
#[test]
fn a_private_document_stays_private_in_every_file_made_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    set_mode(&path, 0o600);
    let recovery_dir = dir.path().join("recovery");
    let mut state = AppState::new();
    let _ = state.apply(Command::SetRecoveryFolder(Some(recovery_dir.clone())));
    open_now(&mut state, &path);
    let e = edit::delete_event(state.timeline(), 0).unwrap();
    let _ = state.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    // A recovery copy, as a termination signal writes it.
    let _ = state.apply(Command::Terminate);
    let copy = recovery::copy_for(&recovery_dir, Some(&path)).expect("a copy");
    assert_eq!(mode(&copy.journal), 0o600, "recovery journal");
    let snapshot = recovery::write(&recovery_dir, Some(&path), state.timeline()).unwrap();
    assert_eq!(mode(&snapshot), 0o600, "recovery snapshot");
    assert_eq!(mode(&recovery_dir), 0o700, "recovery folder");
    apply_and_settle(&mut state, Command::Save);
    assert_eq!(mode(&path), 0o600, "the document keeps its mode");
    assert_eq!(mode(&dir.path().join("article.ron.bak")), 0o600, "backup");
    let json = dir.path().join("copy.json");
    apply_and_settle(
        &mut state,
        Command::ExportTo(
            ExportKind::Timeline(Format::TimelineJs),
            json.clone().into(),
        ),
    );
    assert_eq!(mode(&json), 0o600, "a copy in another format");
    let svg = dir.path().join("handout.svg");
    apply_and_settle(
        &mut state,
        Command::ExportTo(ExportKind::Handout, svg.clone().into()),
    );
    assert_eq!(mode(&svg), 0o600, "the handout");
}

/// A backup that already exists with wider permissions is narrowed to the
/// document's.
#[cfg(unix)]
#[test]
fn an_old_backup_takes_the_documents_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    set_mode(&path, 0o600);
    let backup = dir.path().join("article.ron.bak");
    std::fs::write(&backup, "old").unwrap();
    set_mode(&backup, 0o644);
    io::save_with_backup(&path, b"new", None).unwrap();
    assert_eq!(mode(&backup), 0o600);
}

/// A new file (no document to take after) gets the usual permissions: what
/// the umask allows, not the temporary file's private mode.
#[cfg(unix)]
#[test]
fn a_new_file_gets_the_usual_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let plain = dir.path().join("plain");
    std::fs::write(&plain, "x").unwrap();
    let ours = dir.path().join("new.ron");
    io::write_atomically(&ours, b"x").unwrap();
    assert_eq!(mode(&ours), mode(&plain));
    let like = dir.path().join("like.json");
    let private = dir.path().join("private.ron");
    std::fs::write(&private, "x").unwrap();
    set_mode(&private, 0o600);
    io::write_atomically_with(&like, b"x", Access::Like(&private)).unwrap();
    assert_eq!(mode(&like), 0o600);
}

/// Saving through a symbolic link writes the file it points to; the link
/// stays a link.
#[cfg(unix)]
#[test]
fn saving_through_a_symbolic_link_writes_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    std::fs::create_dir(&real_dir).unwrap();
    let target = article_file(&real_dir);
    let link = dir.path().join("link.ron");
    std::os::unix::fs::symlink("real/article.ron", &link).unwrap();
    let mut state = AppState::new();
    open_now(&mut state, &link);
    let e = edit::delete_event(state.timeline(), 0).unwrap();
    let _ = state.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    apply_and_settle(&mut state, Command::Save);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    assert_eq!(io::load_timeline(&target).unwrap().events.len(), 77);
    assert!(
        real_dir.join("article.ron.bak").exists(),
        "backup beside the target"
    );
    assert!(!dir.path().join("link.ron.bak").exists());
    // Saving by the link's own name (the app opened it by its target's).
    io::save_with_backup(&link, b"through the link", None).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read(&target).unwrap(), b"through the link");
}

/// A link planted where the backup goes is replaced, not followed: the
/// file it points to is left alone.
#[cfg(unix)]
#[test]
fn a_link_where_the_backup_goes_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let backup = dir.path().join("article.ron.bak");
    std::os::unix::fs::symlink(&victim, &backup).unwrap();
    io::save_with_backup(&path, b"new", None).unwrap();
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(std::fs::symlink_metadata(&backup).unwrap().is_file());
    assert_eq!(std::fs::read(&path).unwrap(), b"new");
}

/// Saved under a new name, a private document stays private.
#[cfg(unix)]
#[test]
fn save_as_keeps_a_private_document_private() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    set_mode(&path, 0o600);
    let mut state = AppState::new();
    open_now(&mut state, &path);
    let target = dir.path().join("renamed.ron");
    apply_and_settle(&mut state, Command::SaveAs(Some(target.clone().into())));
    assert_eq!(io::load_timeline(&target).unwrap().events.len(), 78);
    assert_eq!(mode(&target), 0o600);
}

/// A FIFO would block a read forever and /dev/zero never ends: both are
/// refused at once, with what they are.
#[cfg(unix)]
#[test]
fn what_is_not_a_regular_file_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.ron");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status();
    if status.is_ok_and(|s| s.success()) {
        let err = io::load_timeline(&fifo).unwrap_err().to_string();
        assert!(err.contains("FIFO"), "{err}");
    }
    let err = io::load_any(Path::new("/dev/zero"))
        .unwrap_err()
        .to_string();
    assert!(err.contains("a device, not a regular file"), "{err}");
    let err = io::load_any(dir.path()).unwrap_err().to_string();
    assert!(err.contains("a folder"), "{err}");
    if fifo.exists() {
        // Saving onto one: refused, not waited on.
        let err = io::save_with_backup(&fifo, b"x", None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("FIFO"), "{err}");
        assert!(io::recovery::Identity::of_file(&fifo).is_none());
    }
    // The app says so and keeps what it had.
    let mut state = AppState::new();
    open_now(&mut state, &fifo);
    assert_eq!(state.timeline().events.len(), 78);
    assert!(state.load_error().is_some());
    assert_eq!(state.jobs_running(), 0);
    let _ = state.settle(Duration::from_secs(1));
}

/// Cells that a spreadsheet would run as formulas are written as text, in
/// both CSV exports; the app reads its own files back unchanged.
#[test]
fn csv_exports_cannot_be_turned_into_formulas() {
    let mut t = io::builtin_timeline().unwrap();
    let hostile = [
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(A1:A9)",
        "\tTabbed",
    ];
    for (e, text) in t.events.iter_mut().zip(hostile) {
        e.title = text.to_string();
        e.summary = text.to_string();
    }
    t.actors[0].name = "=1+1 | A;B".into();
    for format in [Format::Csv, Format::TimelineJsCsv] {
        let (text, _) = io::export_text(&t, format).unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        for record in reader.records() {
            for cell in record.unwrap().iter() {
                let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
                let number = cell
                    .trim_start_matches(['-', '+'])
                    .chars()
                    .all(|c| c.is_ascii_digit());
                assert!(!risky || number, "{format:?}: {cell:?}");
            }
        }
        let back = io::import_text(&text, "x.csv", format, None)
            .unwrap()
            .timeline;
        for text in hostile {
            assert!(
                back.events.iter().any(|e| e.title.trim() == text.trim()),
                "{format:?}: {text:?} came back as {:?}",
                back.events.iter().map(|e| &e.title).collect::<Vec<_>>()
            );
        }
        if format == Format::Csv {
            assert!(
                back.actors.iter().any(|a| a.name == "=1+1 | A;B"),
                "an actor's name keeps its | and ;"
            );
        }
    }
}

/// Characters XML 1.0 forbids never reach the SVG handout: it stays
/// well-formed whatever the titles hold.
#[test]
fn the_svg_handout_is_well_formed_whatever_the_text() {
    let mut t = io::builtin_timeline().unwrap();
    t.title = "Bell\u{7} and NUL\u{0} <&> \u{fffe}".into();
    for (i, e) in t.events.iter_mut().enumerate().take(20) {
        e.title = format!("{}\u{1b}[31m{}\u{ffff}", e.title, char::from(i as u8));
    }
    let all: Vec<usize> = (0..t.events.len()).collect();
    let svg = io::svg::handout_svg(&t, &all, io::svg::Paper::A4);
    roxmltree::Document::parse(&svg).expect("well-formed XML");
    assert!(svg.contains("Bell\u{fffd} and NUL\u{fffd} &lt;&amp;&gt;"));
}

/// A table's addresses that are not web links are kept as text and
/// reported, never as links: what a CSV import accepts, the RON loader
/// accepts, and nothing else can be opened from it.
#[test]
fn only_web_addresses_become_links_from_a_table() {
    let csv = "date,title,source,url\n\
               2020-01-01,A,Ministry,javascript:alert(1)\n\
               2020-01-02,B,,file:///etc/passwd\n\
               2020-01-03,C,Agency,https://example.org/c\n";
    let imported = io::csv_table::import(csv, "t.csv", None).unwrap();
    let urls: Vec<Option<&str>> = imported
        .timeline
        .events
        .iter()
        .flat_map(|e| e.sources.iter().map(|s| s.url.as_deref()))
        .collect();
    assert_eq!(urls, [None, None, Some("https://example.org/c")]);
    let titles: Vec<&str> = imported
        .timeline
        .events
        .iter()
        .map(|e| e.sources[0].title.as_str())
        .collect();
    assert_eq!(
        titles,
        [
            "Ministry (javascript:alert(1))",
            "file:///etc/passwd",
            "Agency"
        ]
    );
    assert_eq!(
        imported
            .notes
            .iter()
            .filter(|n| n.contains("is not an http(s) address"))
            .count(),
        2,
        "{:?}",
        imported.notes
    );
    // What the import gives, RON keeps and reads back.
    let ron = io::to_ron_string(&imported.timeline).unwrap();
    assert_eq!(
        io::parse_timeline(&ron, "t.ron").unwrap(),
        imported.timeline
    );
}
