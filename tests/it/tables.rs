//! CSV tables (generic and the TimelineJS sheet), format detection, and
//! `convert` between every format the app reads and writes.

use crate::harness::*;

use std::path::Path;

use proptest::prelude::*;
use timeline_explorer::io::csv_table::{self, ColumnMap};
use timeline_explorer::io::{self, Format, LoadOptions, timelinejs_csv};
use timeline_explorer::model::{Certainty, Precision};

/// A table as a database would export it: timestamps, two actor columns,
/// a notes column, one bad date, one row ending before it starts, a blank
/// row, a quoted field with a newline and a comma.
const EVENTS_CSV: &str = "\u{feff}event_id,event_date,end_date,headline,notes,actor1,actor2,event_type,country,source,url,certainty
1,2015-09-30 08:15:00,,Russian air strikes begin,\"First strikes near Homs,
reported by the ministry\",Russia,,Air strike,Syria,Ministry of Defence,https://example.org/a,Confirmed
2,2016-03,,Partial withdrawal announced,,Russia,Vladimir Putin,Statement,Russia,,,Reported
3,Sept 31 2017,,Bad date,,,,,,,,
4,2019-10-22,2019-10-09,Ends before it starts,,Turkey,,Offensive,Syria,,,
5,,,,,,,,,,,
6,-300,,Seleucid foundation,,,,History,,,,Approximate
7,2024-12-08,,Fall of Assad,,Hayat Tahrir al-Sham; Syrian National Army,russia,Offensive,Syria,Reuters | AP,https://r.example | https://ap.example,maybe
";

fn import(text: &str, map: Option<&str>) -> io::Imported {
    let map: Option<ColumnMap> = map.map(|m| m.parse().unwrap());
    csv_table::import(text, "events.csv", map.as_ref()).unwrap()
}

#[test]
fn columns_are_recognised_by_their_header_names() {
    let imported = import(EVENTS_CSV, None);
    let t = &imported.timeline;
    let titles: Vec<&str> = t.events.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Russian air strikes begin",
            "Partial withdrawal announced",
            "Seleucid foundation"
        ]
    );
    let first = &t.events[0];
    assert_eq!(first.start.to_iso(), "2015-09-30T08:15");
    assert_eq!(first.start.precision(), Precision::Minute);
    assert!(
        first.summary.contains("Homs,\nreported"),
        "{}",
        first.summary
    );
    assert_eq!(first.location.as_deref(), Some("Syria"));
    assert_eq!(first.sources[0].title, "Ministry of Defence");
    assert_eq!(
        first.sources[0].url.as_deref(),
        Some("https://example.org/a")
    );
    assert_eq!(t.category(&first.category).unwrap().name, "Air strike");
    let second = &t.events[1];
    assert_eq!(second.start.precision(), Precision::Month);
    assert_eq!(second.certainty, Certainty::Reported);
    // actor1 and actor2 both feed the actors; the same name is one actor.
    let names: Vec<&str> = second.actors.iter().map(|a| t.actor_name(a)).collect();
    assert_eq!(names, ["Russia", "Vladimir Putin"]);
    assert_eq!(first.actors, vec![second.actors[0].clone()]);
    assert_eq!(t.events[2].start.to_iso(), "-0300");
    assert_eq!(t.events[2].certainty, Certainty::Approximate);
    // The id column gives ids; rows without one get them from the title.
    assert_eq!(first.id, "1");
    // Sources were made for rows without one, naming the line.
    assert_eq!(t.events[2].sources[0].title, "CSV file events.csv, line 8");
}

#[test]
fn bad_rows_are_skipped_with_line_column_and_reason() {
    let imported = import(EVENTS_CSV, None);
    let s = &imported.skipped;
    assert_eq!(s.len(), 4, "{s:#?}");
    assert!(
        s[0].starts_with(
            "events.csv: line 5, column 2 (event_date): \"Sept 31 2017\" is not a date"
        ),
        "{}",
        s[0]
    );
    assert!(
        s[1].starts_with("events.csv: line 6, column 3 (end_date): ends (2019-10-09) before it starts (2019-10-22)"),
        "{}",
        s[1]
    );
    assert_eq!(s[2], "events.csv: line 7, column 2 (event_date): no date");
    assert!(
        s[3].starts_with("events.csv: line 9, column 12 (certainty): \"maybe\" is not a certainty"),
        "{}",
        s[3]
    );
}

#[test]
fn an_explicit_map_overrides_the_header_names() {
    let text = "when it happened,what,who,who else,notes\n2020-01-02,Quiet,A,B,Loud title\n";
    // `notes` would be the description; the map makes it the title.
    let imported = import(
        text,
        Some("start=when it happened,title=notes,actors=who+who else"),
    );
    let ev = &imported.timeline.events[0];
    assert_eq!(ev.title, "Loud title");
    assert_eq!(ev.start.to_iso(), "2020-01-02");
    assert_eq!(ev.actors.len(), 2);
    // Without a map there is no recognisable date column: a clear refusal.
    let err = csv_table::import(text, "t.csv", None)
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("t.csv:1:1"), "{err}");
    // The window shows this message too: it names no command-line option
    // (the command line adds one, below).
    assert!(!err.contains("--"), "{err}");
    assert!(
        err.contains(r#""when it happened", "what", "who""#),
        "{err}"
    );
    // A map naming a column that is not there says which columns there are.
    let map: ColumnMap = "start=event_date".parse().unwrap();
    let err = csv_table::import(text, "t.csv", Some(&map))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("the column chosen for start, \"event_date\", is not in this table"),
        "{err}"
    );
    assert!(
        err.contains(r#"the columns are "when it happened""#),
        "{err}"
    );
    // A header of thousands of columns is not repeated whole.
    let wide = format!("{}\n", vec!["col"; 10_000].join(","));
    let err = csv_table::import(&wide, "t.csv", None)
        .unwrap_err()
        .to_string();
    assert!(err.len() < 600, "{} bytes", err.len());
    assert!(err.contains("and 9988 more"), "{err}");
}

#[test]
fn semicolons_tabs_and_day_first_dates() {
    let text = "Datum;Titel;Title\n03/04/2015;x;April the third\n30/09/2015;y;Thirtieth\n";
    let imported = import(text, Some("start=datum"));
    let isos: Vec<String> = imported
        .timeline
        .events
        .iter()
        .map(|e| e.start.to_iso())
        .collect();
    assert_eq!(isos, ["2015-04-03", "2015-09-30"]);
    assert!(
        imported.notes[0].contains("day/month/year"),
        "{:?}",
        imported.notes
    );
    assert!(imported.skipped.is_empty());
    let text = "date\ttitle\n04/03/2015\tUS style\n";
    let imported = import(text, None);
    assert_eq!(imported.timeline.events[0].start.to_iso(), "2015-04-03");
    assert_eq!(imported.timeline.events[0].title, "US style");
}

#[test]
fn ids_actors_and_categories_are_stable_across_imports() {
    let a = import(EVENTS_CSV, None).timeline;
    let b = import(EVENTS_CSV, None).timeline;
    assert_eq!(a, b);
    assert!(
        a.actors.iter().all(|x| io::is_kebab_case(&x.id)),
        "{:?}",
        a.actors
    );
    assert!(a.categories.iter().all(|c| io::is_kebab_case(&c.id)));
}

#[test]
fn the_article_survives_csv_export_and_import() {
    let t = io::builtin_timeline().unwrap();
    let (text, notes) = csv_table::export(&t);
    assert!(
        notes.iter().any(|n| n.contains("several sources")),
        "{notes:?}"
    );
    let back = csv_table::import(&text, "article.csv", None).unwrap();
    assert!(back.skipped.is_empty(), "{:?}", back.skipped);
    let mut original: Vec<_> = t.events.iter().collect();
    original.sort_by(|a, b| a.start.cmp(&b.start).then(a.id.cmp(&b.id)));
    assert_eq!(back.timeline.events.len(), original.len());
    for b in &back.timeline.events {
        let a = t.event(&b.id).expect("same ids");
        assert_eq!(a.title, b.title);
        assert_eq!(a.start, b.start);
        assert_eq!(a.end, b.end);
        assert_eq!(a.start.precision(), b.start.precision());
        assert_eq!(a.certainty, b.certainty);
        assert_eq!(a.provenance, b.provenance);
        assert_eq!(a.summary, b.summary);
        assert_eq!(a.claim, b.claim);
        assert_eq!(a.discrepancy, b.discrepancy);
        assert_eq!(a.date_note, b.date_note);
        assert_eq!(a.location, b.location);
        assert_eq!(a.tags, b.tags);
        assert_eq!(a.sources.len(), b.sources.len(), "{}", a.id);
        for (x, y) in a.sources.iter().zip(&b.sources) {
            assert_eq!((&x.title, &x.url), (&y.title, &y.url));
        }
        let names = |tl: &timeline_explorer::model::Timeline,
                     ev: &timeline_explorer::model::Event| {
            ev.actors
                .iter()
                .map(|a| tl.actor_name(a).to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&t, a), names(&back.timeline, b));
        assert_eq!(
            t.category(&a.category).unwrap().name,
            back.timeline.category(&b.category).unwrap().name
        );
    }
}

#[test]
fn the_timelinejs_sheet_export_reads_back_like_the_json_export() {
    let t = io::builtin_timeline().unwrap();
    let (csv, folded) = timelinejs_csv::export(&t);
    assert!(
        csv.starts_with("Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n"),
        "{}",
        &csv[..200]
    );
    assert!(folded.notes.iter().any(|n| n.starts_with("a discrepancy")));
    let from_csv = timelinejs_csv::import(&csv, "t.csv").unwrap();
    let (json, _) = io::timelinejs::export_json(&t);
    let from_json = io::timelinejs::import_json(&json, "t.csv").unwrap();
    assert!(from_csv.skipped.is_empty(), "{:?}", from_csv.skipped);
    assert_eq!(from_csv.timeline.events.len(), t.events.len());
    for (a, b) in from_json
        .timeline
        .events
        .iter()
        .zip(&from_csv.timeline.events)
    {
        assert_eq!((&a.title, a.start, a.end), (&b.title, b.start, b.end));
        assert_eq!(a.start.precision(), b.start.precision());
        assert_eq!(a.category, b.category);
    }
    assert_eq!(from_csv.timeline.title, t.title);
    assert_eq!(from_csv.timeline.eras.len(), t.eras.len());
}

#[test]
fn formats_are_detected_by_extension_then_content() {
    let p = |name: &str| Path::new(name).to_path_buf();
    assert_eq!(Format::detect(&p("a.json"), ""), Format::TimelineJs);
    assert_eq!(
        Format::detect(&p("a.csv"), "Year,Month,Day,Headline\n"),
        Format::TimelineJsCsv
    );
    assert_eq!(Format::detect(&p("a.csv"), "date,title\n"), Format::Csv);
    assert_eq!(Format::detect(&p("a.mw"), ""), Format::Markwhen);
    let ron = io::BUILTIN_RON;
    let (json, _) = io::timelinejs::export_json(&io::builtin_timeline().unwrap());
    let t = io::builtin_timeline().unwrap();
    let (mw, _) = io::markwhen::export(&t);
    let (csv, _) = csv_table::export(&t);
    let (sheet, _) = timelinejs_csv::export(&t);
    for (text, format) in [
        (ron, Format::Ron),
        (json.as_str(), Format::TimelineJs),
        (mw.as_str(), Format::Markwhen),
        ("2024-05: an event\n", Format::Markwhen),
        (csv.as_str(), Format::Csv),
        (sheet.as_str(), Format::TimelineJsCsv),
    ] {
        assert_eq!(Format::detect(&p("download"), text), format, "{text:.80}");
        assert_eq!(Format::detect(&p("notes.txt"), text), format, "{text:.80}");
    }
}

#[test]
fn convert_between_every_pair_of_formats() {
    let dir = tempfile::tempdir().unwrap();
    let exe = env!("CARGO_BIN_EXE_timeline-explorer");
    let article = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/russia-syria.ron");
    // Every format written from the article, each under a name that hides
    // its format (so reading it back relies on the content).
    for from in Format::ALL {
        let first = dir.path().join(format!("first-{}", from.name()));
        let out = std::process::Command::new(exe)
            .args(["convert", article.to_str().unwrap(), "-o"])
            .arg(&first)
            .args(["--to", from.name()])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        for to in Format::ALL {
            let second = dir
                .path()
                .join(format!("second-{}.{}", from.name(), to.extension()));
            let out = std::process::Command::new(exe)
                .arg("convert")
                .arg(&first)
                .arg("-o")
                .arg(&second)
                .args(["--to", to.name()])
                .output()
                .unwrap();
            let said = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success(),
                "{} -> {}: {}",
                from.name(),
                to.name(),
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(said.contains("wrote 78 events"), "{said}");
            let back = io::load_with(
                &second,
                &LoadOptions {
                    format: Some(to),
                    map: None,
                },
            )
            .unwrap();
            assert_eq!(
                back.timeline.events.len(),
                78,
                "{} -> {}",
                from.name(),
                to.name()
            );
        }
    }
    // The default comes from the extension: .csv is the plain table.
    let out = std::process::Command::new(exe)
        .args(["convert", article.to_str().unwrap(), "-o"])
        .arg(dir.path().join("plain.csv"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = std::fs::read_to_string(dir.path().join("plain.csv")).unwrap();
    assert!(text.starts_with("id,start,end,title"), "{text:.100}");
    // --map on the command line.
    let table = dir.path().join("odd.csv");
    std::fs::write(&table, "when,notes,a1,a2\n2020-05,A title,X,Y\n").unwrap();
    let out = std::process::Command::new(exe)
        .args([
            "list",
            "--json",
            "--map",
            "start=when,title=notes,actors=a1+a2",
        ])
        .arg(&table)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("\"title\":\"A title\""), "{said}");
    assert!(said.contains("\"actors\":[\"x\",\"y\"]"), "{said}");
    let out = std::process::Command::new(exe)
        .args(["check", "--map", "happened=when"])
        .arg(&table)
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("fields are"));
    // A table without a date column: the command line names its option.
    let undated = dir.path().join("undated.csv");
    std::fs::write(&undated, "happened,notes\n2020-05,A title\n").unwrap();
    let out = std::process::Command::new(exe)
        .arg("check")
        .arg(&undated)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("expected a date column"), "{said}");
    assert!(said.contains("--map start=COLUMN"), "{said}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_tables_never_panic(s in "\\PC{0,300}") {
        let _ = csv_table::import(&s, "fuzz.csv", None);
        let _ = csv_table::import(&format!("date,title,actor1,actor2,end,certainty\n{s}"), "fuzz.csv", None);
        let _ = io::import_text(&s, "fuzz", Format::sniff(&s), None);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
        let text = String::from_utf8_lossy(&bytes);
        for format in Format::ALL {
            let _ = io::import_text(&text, "bytes", format, None);
        }
    }

    #[test]
    fn mutated_tables_never_panic(cut in 0usize..EVENTS_CSV.len(), insert in "[\",;\\n0-9a-z/|-]{0,5}") {
        let mut text = EVENTS_CSV.to_string();
        let at = (0..=cut).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        text.insert_str(at, &insert);
        let _ = csv_table::import(&text, "mutated.csv", None);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20))]

    #[test]
    fn generated_timelines_survive_every_export(seed in 0u64..1000) {
        let t = timeline_explorer::generate::generate(&timeline_explorer::generate::GenerateOptions {
            events: 40,
            seed,
            span_years: 3000,
        });
        for format in Format::ALL {
            let (text, _) = io::export_text(&t, format).unwrap();
            let back = io::import_text(&text, "gen", format, None).unwrap();
            prop_assert!(back.skipped.is_empty(), "{}: {:?}", format.name(), back.skipped);
            prop_assert_eq!(back.timeline.events.len(), t.events.len(), "{}", format.name());
            let mut a: Vec<_> = t.events.iter().map(|e| (e.start, e.end)).collect();
            let mut b: Vec<_> = back.timeline.events.iter().map(|e| (e.start, e.end)).collect();
            if format == Format::Markwhen {
                // Markwhen has no BCE months: only the years come back there.
                let years = |v: &mut Vec<(timeline_explorer::model::Date, Option<timeline_explorer::model::Date>)>| {
                    v.iter().map(|(s, _)| s.year_value()).collect::<Vec<_>>()
                };
                a.sort();
                b.sort();
                prop_assert_eq!(years(&mut a), years(&mut b));
            } else {
                a.sort();
                b.sort();
                prop_assert_eq!(a, b, "{}", format.name());
            }
        }
    }
}

/// Opening files fills File ▸ Open recent (latest first, remembered between
/// runs); choosing one opens it.
#[test]
fn recent_files_are_listed_remembered_and_reopen() {
    use egui_kittest::kittest::Queryable;

    let dir = tempfile::tempdir().unwrap();
    let t = io::builtin_timeline().unwrap();
    let csv = dir.path().join("table.csv");
    let mw = dir.path().join("notes.mw");
    io::save_as(&csv, &t, Format::Csv, io::Access::Keep).unwrap();
    std::fs::write(&mw, "title: Two events\n2020: one\n2021: two\n").unwrap();

    let mut app = app();
    open_now(&mut app, &csv);
    open_now(&mut app, &mw);
    open_now(&mut app, &csv);
    assert_eq!(app.recent_files(), [csv.clone(), mw.clone()]);
    let state = app.persisted_state();
    let restored = app_restored(&state, None);
    assert_eq!(restored.recent_files(), [csv.clone(), mw.clone()]);

    let mut h = harness_sized(app, [1400.0, 900.0]);
    h.run();
    h.get_by_label("78 events");
    h.get_by_label("File").click();
    h.run();
    h.get_by_label("Open recent").hover();
    h.run();
    h.get_by_label("notes.mw").click();
    // The file loads in the background.
    for _ in 0..100 {
        h.step();
        if h.state().timeline().events.len() == 2 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(h.state().timeline().title, "Two events");
    assert_eq!(h.state().recent_files()[0], mw);
}

/// Dropping a file on the window opens it, whatever its format.
#[test]
fn a_dropped_file_opens() {
    let dir = tempfile::tempdir().unwrap();
    let sheet = dir.path().join("dropped.csv");
    let mut t = io::builtin_timeline().unwrap();
    t.title = "Dropped sheet".into();
    io::save_as(&sheet, &t, Format::TimelineJsCsv, io::Access::Keep).unwrap();
    let mut h = harness_sized(app(), [1400.0, 900.0]);
    h.run();
    #[derive(Debug)]
    struct Dropped(std::path::PathBuf);
    impl egui::DroppedFile for Dropped {
        fn path(&self) -> &Path {
            &self.0
        }
        fn bytes(&self) -> Result<Vec<u8>, String> {
            std::fs::read(&self.0).map_err(|e| e.to_string())
        }
    }
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(sheet.clone())));
    for _ in 0..100 {
        h.step();
        if h.state().timeline().title == "Dropped sheet" {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert_eq!(h.state().timeline().title, "Dropped sheet");
    assert_eq!(h.state().timeline().events.len(), 78);
    assert_eq!(h.state().recent_files()[0], sheet);
}

/// Spreadsheets often save CSV as Windows-1252: it is read as such, and
/// the import says so. Other formats stay strict about UTF-8.
#[test]
fn a_windows_1252_table_is_read_and_the_user_told() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("excel.csv");
    // "Würzburg – Café" in Windows-1252: ü = FC, – = 96, é = E9.
    let mut bytes = b"date;title;location\n1945-03-16;Bombing of W".to_vec();
    bytes.extend([0xFC]);
    bytes.extend(b"rzburg ");
    bytes.extend([0x96]);
    bytes.extend(b" Caf");
    bytes.extend([0xE9]);
    bytes.extend(b";Bavaria\n");
    std::fs::write(&path, &bytes).unwrap();
    let imported = io::load_any(&path).unwrap();
    assert_eq!(
        imported.timeline.events[0].title,
        "Bombing of Würzburg – Café"
    );
    assert!(
        imported.notes[0].contains("Windows-1252"),
        "{:?}",
        imported.notes
    );
    let ron = dir.path().join("bad.ron");
    std::fs::write(&ron, &bytes).unwrap();
    assert!(matches!(
        io::load_any(&ron),
        Err(io::LoadError::NotUtf8 { .. })
    ));
}

/// A table whose column names are not recognised opens a column chooser;
/// the choice opens the file and is remembered for it.
#[test]
fn the_window_asks_which_columns_hold_what_and_remembers() {
    use egui::accesskit::Role;

    use egui_kittest::kittest::{NodeT, Queryable};
    use timeline_explorer::Command;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("odd.csv");
    std::fs::write(
        &path,
        "happened,what,who\n2020-01-02,First,A\n2021-05,Second,B\n",
    )
    .unwrap();
    let mut h = harness_sized(app(), [1400.0, 900.0]);
    h.run();
    h.state_mut().apply(Command::Open(path.clone()));
    let start = std::time::Instant::now();
    while h.query_by_label("Which columns hold what?").is_none() {
        assert!(start.elapsed() < std::time::Duration::from_secs(10));
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    assert!(error_lines(h.state())[0].contains("expected a date column"));
    assert!(
        h.get_by_label("Open with these columns")
            .accesskit_node()
            .is_disabled(),
        "no date column chosen yet"
    );
    h.get_by_role_and_label(Role::ComboBox, "Date (or start)")
        .click();
    h.run();
    h.get_by_role_and_label(Role::Button, "happened").click();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "Title").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "what").click();
    h.run();
    h.get_by_role_and_label(Role::CheckBox, "who").click();
    h.run();
    h.get_by_label("Open with these columns").click();
    let start = std::time::Instant::now();
    while h.state().timeline().events.len() != 2 {
        assert!(start.elapsed() < std::time::Duration::from_secs(10));
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let t = h.state().timeline();
    assert_eq!(t.events[0].title, "First");
    assert_eq!(t.actor_name(&t.events[1].actors[0]), "B");
    // Remembered for the file: it opens again without asking.
    let state = h.state().persisted_state();
    assert_eq!(
        state.column_maps[0].1,
        "start=happened,title=what,actors=who"
    );
    let mut again = app_restored(&state, None);
    open_now(&mut again, &path);
    assert!(again.load_error().is_none(), "{:?}", again.load_error());
    assert_eq!(again.timeline().events.len(), 2);
}

/// A TimelineJS sheet's era rows that cannot be read are reported with
/// their line, as event rows are.
#[test]
fn sheet_era_rows_that_cannot_be_read_name_their_line() {
    let sheet = "Year,Month,Day,Time,End Year,End Month,End Day,End Time,Display Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Group,Background\n\
                 2020,1,1,,,,,,,An event,,,,,,,,\n\
                 2021,,,,,,,,,An era without an end,,,,,,era,,\n";
    let imported = timelinejs_csv::import(sheet, "s.csv").unwrap();
    assert_eq!(imported.timeline.events.len(), 1);
    assert_eq!(imported.skipped.len(), 1, "{:?}", imported.skipped);
    assert!(
        imported.skipped[0].starts_with("s.csv: line 3: "),
        "{}",
        imported.skipped[0]
    );
}

#[test]
fn acled_dates_and_two_digit_years_are_read_and_the_assumption_reported() {
    let text = "event_date,event_type,actor1,actor2,location,notes,fatalities\n\
                9-May-20,Battles,Taliban,Military Forces of Afghanistan,Kunduz,An attack.,3\n\
                21-Mar-20,Protests,Protesters,,Kabul,A march.,0\n\
                28 December 2022,Riots,Rioters,,Herat,Stones thrown.,0\n";
    let imported = import(text, None);
    let starts: Vec<String> = imported
        .timeline
        .events
        .iter()
        .map(|e| e.start.to_iso())
        .collect();
    assert_eq!(starts, ["2020-05-09", "2020-03-21", "2022-12-28"]);
    assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.contains("two-digit years") && n.contains("event_date")),
        "{:?}",
        imported.notes
    );
    let e = &imported.timeline.events[0];
    assert_eq!(e.actors.len(), 2);
    assert_eq!(e.location.as_deref(), Some("Kunduz"));
}

/// A GDELT 2.0 event row of 61 tab-separated fields.
fn gdelt_row(id: u64, sqldate: &str, a1: &str, root: &str, a2: &str, url: &str) -> String {
    let mut f = vec![String::new(); 61];
    f[0] = id.to_string();
    f[1] = sqldate.into();
    f[2] = sqldate[..6].into();
    f[3] = sqldate[..4].into();
    f[4] = format!("{}.5", &sqldate[..4]);
    f[6] = a1.into();
    f[16] = a2.into();
    f[26] = format!("{root}0");
    f[28] = root.into();
    f[52] = "Moscow, Moskva, Russia".into();
    f[59] = format!("{sqldate}143000");
    f[60] = url.into();
    f.join("\t")
}

#[test]
fn a_gdelt_export_is_recognised_by_its_shape_and_its_dates_are_days() {
    let text = [
        gdelt_row(
            1,
            "20251015",
            "RUSSIA",
            "04",
            "SYRIA",
            "https://example.org/a",
        ),
        gdelt_row(2, "20241208", "REBEL", "19", "", "https://example.org/b"),
    ]
    .join("\n");
    let imported = io::import_text(&text, "20251015.export.CSV", Format::Csv, None).unwrap();
    let t = &imported.timeline;
    assert_eq!(t.events.len(), 2);
    let e = &t.events[0];
    assert_eq!(e.start.to_iso(), "2025-10-15");
    assert_eq!(e.start.precision(), Precision::Day);
    assert_eq!(e.title, "RUSSIA: Consult (SYRIA)");
    assert_eq!(e.id, "1");
    assert_eq!(e.certainty, Certainty::Reported);
    assert_eq!(e.sources[0].url.as_deref(), Some("https://example.org/a"));
    assert_eq!(e.location.as_deref(), Some("Moscow, Moskva, Russia"));
    assert_eq!(t.category(&e.category).unwrap().name, "Consult");
    assert_eq!(t.events[1].title, "REBEL: Fight");
    assert!(
        imported.notes.iter().any(|n| n.contains("GDELT 2.0")),
        "{:?}",
        imported.notes
    );
    assert!(imported.notes.iter().any(|n| n.contains("YYYYMMDD")));
}

#[test]
fn check_fails_on_a_file_with_no_event_and_strict_on_any_skip() {
    let exe = env!("CARGO_BIN_EXE_timeline-explorer");
    let dir = tempfile::tempdir().unwrap();
    let none = dir.path().join("none.csv");
    std::fs::write(&none, "date,title\nsometime,A\nlater,B\n").unwrap();
    let out = std::process::Command::new(exe)
        .arg("check")
        .arg(&none)
        .output()
        .unwrap();
    assert!(!out.status.success(), "no event is a failure");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("no event could be read"), "{said}");
    assert!(
        said.contains("line 2"),
        "the skipped rows are listed: {said}"
    );

    let some = dir.path().join("some.csv");
    std::fs::write(&some, "date,title\n2020,A\nlater,B\n").unwrap();
    let run = |strict: bool| {
        let mut c = std::process::Command::new(exe);
        c.arg("check");
        if strict {
            c.arg("--strict");
        }
        c.arg(&some).output().unwrap()
    };
    assert!(run(false).status.success(), "one event and a skip is fine");
    let strict = run(true);
    assert!(!strict.status.success());
    assert!(String::from_utf8_lossy(&strict.stderr).contains("1 item skipped (--strict)"));
}

#[test]
fn opening_a_file_with_no_readable_event_says_so_and_keeps_the_timeline() {
    let dir = tempfile::tempdir().unwrap();
    let none = dir.path().join("none.csv");
    std::fs::write(&none, "date,title\nsometime,A\n").unwrap();
    let mut state = timeline_explorer::state::AppState::default();
    let before = state.timeline().events.len();
    assert!(before > 0);
    open_now(&mut state, &none);
    assert_eq!(state.timeline().events.len(), before, "the timeline stays");
    let lines = error_lines(&state).join("\n");
    assert!(lines.contains("no event could be read"), "{lines}");
    assert!(lines.contains("sometime"), "{lines}");
}

#[test]
fn line_numbers_are_exact_in_lf_crlf_and_cr_files_and_long_rows_are_reported() {
    for (name, eol) in [("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")] {
        let text = [
            "date,title",
            "2020,A",
            "bad,B",
            "2021,C,extra,more",
            "2022,D,,",
            "",
        ]
        .join(eol);
        let imported = csv_table::import(&text, name, None).unwrap();
        let titles: Vec<&str> = imported
            .timeline
            .events
            .iter()
            .map(|e| e.title.as_str())
            .collect();
        assert_eq!(titles, ["A", "D"], "{name}: trailing empty fields are fine");
        assert_eq!(imported.skipped.len(), 2, "{name}: {:?}", imported.skipped);
        assert!(
            imported.skipped[0].contains("line 3"),
            "{name}: {:?}",
            imported.skipped
        );
        assert!(
            imported.skipped[1].contains("line 4") && imported.skipped[1].contains("4 fields"),
            "{name}: {:?}",
            imported.skipped
        );
    }
}

#[test]
fn utf16_files_with_a_byte_order_mark_are_read_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let text = "date,title\n2020,Привет 中文\n";
    for (name, bom, be) in [
        ("le.csv", [0xFF, 0xFE], false),
        ("be.csv", [0xFE, 0xFF], true),
    ] {
        let mut bytes = bom.to_vec();
        for unit in text.encode_utf16() {
            bytes.extend(if be {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let imported = io::load_any(&path).unwrap();
        assert_eq!(imported.timeline.events[0].title, "Привет 中文", "{name}");
        assert!(
            imported.notes.iter().any(|n| n.contains("UTF-16")),
            "{name}: {:?}",
            imported.notes
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Whatever a table importer accepts, the RON loader accepts: an
    /// imported table saved as RON loads back as the same timeline.
    #[test]
    fn an_imported_table_saved_as_ron_loads_back_the_same(
        rows in proptest::collection::vec(
            (
                prop_oneof![
                    Just("2020".to_string()),
                    Just("9-May-20".to_string()),
                    Just("c. 1850".to_string()),
                    Just("2004-2011".to_string()),
                    Just("20200509".to_string()),
                    Just("31/12/1999".to_string()),
                    "\\PC{0,12}",
                ],
                "\\PC{0,30}",
                "\\PC{0,20}",
                prop_oneof![Just(String::new()), Just("https://example.org/a".to_string()), "\\PC{0,15}"],
            ),
            1..12,
        )
    ) {
        let mut text = String::from("date,title,actor1,url\n");
        for (date, title, actor, url) in &rows {
            let cell = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
            text.push_str(&format!("{},{},{},{}\n", cell(date), cell(title), cell(actor), cell(url)));
        }
        if let Ok(imported) = csv_table::import(&text, "p.csv", None) {
            let ron = io::to_ron_string(&imported.timeline).unwrap();
            let back = io::parse_timeline(&ron, "p.ron");
            prop_assert!(back.is_ok(), "{:?}\n{ron}", back.err().map(|e| e.to_string()));
            prop_assert_eq!(back.unwrap(), imported.timeline);
        }
    }
}

#[test]
fn start_and_end_columns_share_one_day_order() {
    let text = "start,end,title\n03/04/2015,25/04/2015,A\n";
    let imported = csv_table::import(text, "d.csv", None).unwrap();
    let e = &imported.timeline.events[0];
    assert_eq!(
        e.start.to_iso(),
        "2015-04-03",
        "day first, as the end column shows"
    );
    assert_eq!(e.end.map(|d| d.to_iso()).as_deref(), Some("2015-04-25"));
    let said: Vec<&String> = imported
        .notes
        .iter()
        .filter(|n| n.contains("day/month/year"))
        .collect();
    assert_eq!(said.len(), 1, "{:?}", imported.notes);
    assert!(said[0].contains("start and end"), "{said:?}");
}

#[test]
fn gdelt_1_files_without_source_urls_and_coordinates_and_numbers_are_kept() {
    // GDELT 2.0 row with coordinates and counts.
    let mut f: Vec<String> = gdelt_row(7, "20251015", "RUSSIA", "04", "SYRIA", "https://e.org/a")
        .split('\t')
        .map(str::to_string)
        .collect();
    f[30] = "1.9".into(); // GoldsteinScale
    f[31] = "10".into(); // NumMentions
    f[56] = "55.75".into(); // ActionGeo_Lat
    f[57] = "37.6166".into(); // ActionGeo_Long
    let imported = io::import_text(&f.join("\t"), "g.CSV", Format::Csv, None).unwrap();
    let e = &imported.timeline.events[0];
    let c = e.coordinates.unwrap();
    assert_eq!((c.lat, c.lon), (55.75, 37.6166));
    assert!(e.numbers.contains(&("GoldsteinScale".to_string(), 1.9)));
    assert!(e.numbers.contains(&("NumMentions".to_string(), 10.0)));
    // GDELT 1.0 daily files before April 2013: 57 columns, no SOURCEURL.
    let old: Vec<&str> = f.iter().map(String::as_str).collect();
    let mut v1: Vec<&str> = old.clone();
    v1.remove(48); // Actor2Geo_ADM2Code
    v1.remove(40); // Actor1Geo_ADM2Code
    v1.remove(54); // ActionGeo_ADM2Code (after the two removals)
    v1.truncate(57);
    assert_eq!(v1.len(), 57);
    let imported = io::import_text(&v1.join("\t"), "g1.CSV", Format::Csv, None).unwrap();
    assert_eq!(imported.timeline.events.len(), 1);
    assert!(imported.notes.iter().any(|n| n.contains("GDELT 1.0")));
}

#[test]
fn acled_columns_keep_coordinates_fatalities_places_and_sub_types() {
    let text = "event_id_cnty,event_date,year,event_type,sub_event_type,actor1,assoc_actor_1,country,admin1,location,latitude,longitude,notes,source,fatalities,timestamp\n\
AFG1,21 March 2020,2020,Battles,Armed clash,Taliban,NA,Afghanistan,Balkh,Dawlat Abad,36.9882,66.8207,Afghan forces repulsed an attack.,Xinhua,12,1584984341\n\
AFG2,22 March 2020,2020,Battles,Armed clash,Taliban,,Afghanistan,Kabul,Kabul,95.5,69.18,Bad latitude.,Pajhwok,NA,1584984342\n\
AFG3,23 March 2020,2020,Riots,Mob violence,Rioters,,Afghanistan,Kabul,Kabul,34.5,69.18,Bad count.,Pajhwok,many,1584984343\n";
    let imported = import(text, None);
    assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
    let t = &imported.timeline;
    assert_eq!(t.events.len(), 3);
    let e = &t.events[0];
    assert_eq!(e.id, "afg1");
    assert_eq!(e.start.to_iso(), "2020-03-21", "event_date, not timestamp");
    assert_eq!(
        e.location.as_deref(),
        Some("Dawlat Abad, Balkh, Afghanistan")
    );
    let c = e.coordinates.unwrap();
    assert_eq!((c.lat, c.lon), (36.9882, 66.8207));
    assert_eq!(e.numbers, [("fatalities".to_string(), 12.0)]);
    assert_eq!(e.tags, ["Armed clash"]);
    assert_eq!(t.category(&e.category).unwrap().name, "Battles");
    // NA is no value: no actor called "NA", no number.
    assert!(t.actors.iter().all(|a| a.name != "NA"));
    assert!(t.events[1].numbers.is_empty());
    // What could not be kept is said with its place.
    assert_eq!(t.events[1].coordinates, None);
    let said = |what: &str| imported.notes.iter().any(|n| n.contains(what));
    assert!(
        said("line 3, column 11 (latitude): latitude 95.5"),
        "{:?}",
        imported.notes
    );
    assert!(said(
        "line 4, column 15 (fatalities): \"many\" is not a number"
    ));
    // Columns no field reads are named.
    assert!(
        said("2 columns not read: year, timestamp"),
        "{:?}",
        imported.notes
    );
    // The app's own table keeps all of it, and so does RON.
    let (csv, _) = csv_table::export(t);
    let back = csv_table::import(&csv, "back.csv", None).unwrap();
    for (a, b) in t.events.iter().zip(&back.timeline.events) {
        assert_eq!(
            (&a.coordinates, &a.numbers, &a.location, &a.tags),
            (&b.coordinates, &b.numbers, &b.location, &b.tags)
        );
    }
    let ron = io::to_ron_string(t).unwrap();
    assert_eq!(io::parse_timeline(&ron, "a.ron").unwrap(), *t);
}

#[test]
fn year_month_day_columns_in_any_case_style_make_dates() {
    let text = "startYear,startMonth,startDay,endYear,endMonth,title,displayDate,media\n\
1969,7,20,,,Moon,Summer 1969,pics/moon.jpg\n\
-500,,,-400,,Classical Greece,,\n\
1945,April,,1945,May,Berlin,,\n";
    let imported = import(text, None);
    assert!(imported.skipped.is_empty(), "{:?}", imported.skipped);
    let t = &imported.timeline;
    let dates: Vec<(String, Option<String>)> = t
        .events
        .iter()
        .map(|e| (e.start.to_iso(), e.end.map(|d| d.to_iso())))
        .collect();
    assert_eq!(
        dates,
        [
            ("1969-07-20".to_string(), None),
            ("-0500".to_string(), Some("-0400".to_string())),
            ("1945-04".to_string(), Some("1945-05".to_string())),
        ]
    );
    assert_eq!(t.events[0].display_date.as_deref(), Some("Summer 1969"));
    assert_eq!(
        t.events[0].media.as_ref().map(|m| m.url.as_str()),
        Some("pics/moon.jpg")
    );
    assert!(
        imported
            .notes
            .iter()
            .any(|n| n.contains("year, month and day columns")),
        "{:?}",
        imported.notes
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    /// Coordinates, numbers, display dates and media survive every format
    /// that has a place for them, and the RON loader takes what each
    /// importer made of them.
    #[test]
    fn coordinates_numbers_and_media_survive_the_formats_that_carry_them(
        seed in 0u64..1000,
        lat in -90.0f64..90.0,
        lon in -180.0f64..180.0,
        count in 0u32..100_000,
    ) {
        use timeline_explorer::model::{Coordinates, Media};
        let mut t = timeline_explorer::generate::generate(&timeline_explorer::generate::GenerateOptions {
            events: 12,
            seed,
            span_years: 300,
        });
        for (i, e) in t.events.iter_mut().enumerate() {
            if i % 2 == 0 {
                e.coordinates = Some(Coordinates { lat, lon });
                e.numbers = vec![("fatalities".into(), f64::from(count)), ("tone".into(), -1.5)];
            }
            if i % 3 == 0 {
                e.display_date = Some(format!("Around {}", e.start.year_value()));
                e.media = Some(Box::new(Media { url: format!("pics/{i}.jpg"), ..Default::default() }));
            }
        }
        let by_start = |events: &[timeline_explorer::model::Event]| {
            let mut v: Vec<_> = events
                .iter()
                .map(|e| (e.start, e.coordinates.map(|c| (c.lat.to_bits(), c.lon.to_bits())), e.numbers.clone(), e.display_date.clone(), e.media.as_ref().map(|m| m.url.clone())))
                .collect();
            v.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
            v
        };
        for format in [Format::Ron, Format::Csv] {
            let (text, _) = io::export_text(&t, format).unwrap();
            let back = io::import_text(&text, "gen", format, None).unwrap();
            prop_assert_eq!(by_start(&back.timeline.events), by_start(&t.events), "{}", format.name());
            let ron = io::to_ron_string(&back.timeline).unwrap();
            prop_assert!(io::parse_timeline(&ron, "again").is_ok(), "{}", format.name());
        }
        // TimelineJS has display dates and media, not coordinates or numbers.
        for format in [Format::TimelineJs, Format::TimelineJsCsv] {
            let (text, _) = io::export_text(&t, format).unwrap();
            let back = io::import_text(&text, "gen", format, None).unwrap();
            let shown = |events: &[timeline_explorer::model::Event]| {
                let mut v: Vec<_> = events.iter().map(|e| (e.start, e.display_date.clone(), e.media.as_ref().map(|m| m.url.clone()))).collect();
                v.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
                v
            };
            prop_assert_eq!(shown(&back.timeline.events), shown(&t.events), "{}", format.name());
        }
    }
}

/// A table of a few megabytes, read in one piece and in four: the same
/// events, ids, actors, skipped rows (with their lines) and notes, even
/// where the last rows decide how the first are read (a day over 12).
#[test]
fn a_large_table_read_in_pieces_is_the_table_read_whole() {
    for newline in ["\n", "\r\n"] {
        let mut text = format!("date,title,notes,actor1,actor2,category{newline}");
        let mut bad_lines = Vec::new();
        let mut line = 2;
        let rows = 60_000;
        for i in 0..rows {
            let (actor, category) = match i % 3 {
                0 => ("Russia", "Air strike"),
                // The same actor written otherwise first appears late.
                1 if i > rows / 2 => ("RUSSIA", "Statement"),
                _ => ("Turkey", "Offensive"),
            };
            let date = if i == rows - 10 {
                // Decides that every slash date is day first.
                "25/04/2015".to_string()
            } else if i % 7 == 0 {
                "03/04/2015".to_string()
            } else {
                format!("{}-{:02}-{:02}", 2000 + i % 20, 1 + i % 12, 1 + i % 28)
            };
            let row = match i {
                _ if i == rows / 3 || i == rows - 5 => {
                    bad_lines.push(line);
                    format!("Sept 31 2017,Bad,,,,{category}{newline}")
                }
                // Titles repeat, so ids collide across the pieces.
                _ => format!(
                    "{date},Event {},\"a note, \"\"quoted\"\"{newline}over two lines\",{actor},Syria,{category}{newline}",
                    i % 500
                ),
            };
            line += if row.contains("over two lines") { 2 } else { 1 };
            text.push_str(&row);
        }
        let pieces = io::csv_chunks::record_pieces(text.as_bytes(), 0, b',', 4);
        assert_eq!(pieces.len(), 4, "the table was not cut");
        let whole = csv_table::import_in_pieces(&text, "big.csv", None, 1).unwrap();
        let cut = csv_table::import_in_pieces(&text, "big.csv", None, 4).unwrap();
        assert!(whole == cut, "reading in pieces changed the result");
        let t = &cut.timeline;
        assert_eq!(t.events.len(), rows - 2);
        assert_eq!(cut.skipped.len(), 2, "{:?}", cut.skipped);
        for (message, line) in cut.skipped.iter().zip(&bad_lines) {
            assert!(
                message.contains(&format!("line {line},")),
                "{message} is not line {line}"
            );
        }
        let ids: std::collections::HashSet<&str> = t.events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids.len(), t.events.len(), "ids are not unique");
        assert_eq!(t.actors.len(), 3, "{:?}", t.actors);
        // 03/04/2015 is the 3rd of April: a later row has a day over 12.
        assert_eq!(t.events[0].start.to_iso(), "2015-04-03");
        assert!(
            cut.notes.iter().any(|n| n.contains("day/month/year")),
            "{:?}",
            cut.notes
        );
        assert_eq!(
            t.events[0].summary,
            format!("a note, \"quoted\"{newline}over two lines")
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(12))]

    /// Coordinates, numbers and media (relative addresses too) come back
    /// from every format that can carry them, and the export says so of
    /// every format that cannot: never lost without a word.
    #[test]
    fn coordinates_numbers_and_media_come_back_or_are_said_to_be_lost(seed in 0u64..1000) {
        use timeline_explorer::model::{Coordinates, Media};
        let mut t = timeline_explorer::generate::generate(&timeline_explorer::generate::GenerateOptions {
            events: 30,
            seed,
            span_years: 300,
        });
        for (i, e) in t.events.iter_mut().enumerate() {
            let k = i as u64 + seed;
            if k.is_multiple_of(3) {
                e.coordinates = Some(Coordinates {
                    lat: (k % 170) as f64 - 85.0 + 0.125,
                    lon: (k % 350) as f64 - 175.0 - 0.5,
                });
                e.numbers = vec![("fatalities".into(), (k % 40) as f64)];
            }
            if k % 4 == 1 {
                e.media = Some(Box::new(Media {
                    url: if k % 8 == 1 {
                        format!("images/{i}.jpg")
                    } else {
                        format!("https://example.org/{i}.png")
                    },
                    ..Default::default()
                }));
            }
        }
        for format in Format::ALL {
            let (text, notes) = io::export_text(&t, format).unwrap();
            let back = io::import_text(&text, "gen", format, None).unwrap();
            let said = |word: &str| notes.iter().any(|n| n.contains(word));
            // Matched by date and title (a TimelineJS sheet has no ids).
            let sorted = |events: &[timeline_explorer::model::Event]| {
                let mut v: Vec<timeline_explorer::model::Event> = events.to_vec();
                v.sort_by(|a, b| (a.start, a.end, &a.title).partial_cmp(&(b.start, b.end, &b.title)).unwrap());
                v
            };
            let (before, after) = (sorted(&t.events), sorted(&back.timeline.events));
            prop_assert_eq!(before.len(), after.len(), "{}", format.name());
            for (a, b) in before.iter().zip(&after) {
                prop_assert_eq!(&a.title, &b.title, "{}", format.name());
                if a.coordinates.is_some() && !said("coordinates") {
                    prop_assert_eq!(a.coordinates, b.coordinates, "{}: {}", format.name(), a.id);
                }
                if !a.numbers.is_empty() && !said("numbers") {
                    prop_assert_eq!(&a.numbers, &b.numbers, "{}: {}", format.name(), a.id);
                }
                // Every format has a place for a media address (a caption
                // may be what is said to be lost).
                if a.media.is_some() {
                    prop_assert_eq!(
                        a.media.as_ref().map(|m| m.url.as_str()),
                        b.media.as_ref().map(|m| m.url.as_str()),
                        "{}: {}", format.name(), a.id
                    );
                }
            }
        }
    }
}
