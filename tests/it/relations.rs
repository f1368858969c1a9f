//! Relations between actors over time: the format's checks, the article's
//! relations against the checked reference table
//! (../shared/reference/article-relations.md), edits that keep them
//! consistent, and `timeline-explorer relations`.

use std::path::Path;
use std::process::Command;

use timeline_explorer::io::{self, BUILTIN_RON, LoadError, builtin_timeline, to_ron_string};
use timeline_explorer::model::edit;
use timeline_explorer::model::{Date, Provenance, RelationKind, Role, Timeline};

fn problems(text: &str) -> Vec<String> {
    match io::parse_timeline(text, "test.ron") {
        Err(LoadError::Invalid { problems, .. }) => {
            problems.iter().map(|p| p.to_string()).collect()
        }
        other => panic!("expected problems, got {other:?}"),
    }
}

/// The built-in file with one change.
fn changed(from: &str, to: &str) -> String {
    assert!(BUILTIN_RON.contains(from), "{from}");
    BUILTIN_RON.replacen(from, to, 1)
}

#[test]
fn each_kind_of_bad_relation_is_reported_with_its_line() {
    let cases = [
        (
            changed(
                r#"actors: ("russia", "turkey"),"#,
                r#"actors: ("russia", "ottomans"),"#,
            ),
            r#"unknown actor "ottomans""#,
        ),
        (
            changed(
                r#"start_events: ["su24-shootdown","#,
                r#"start_events: ["su25-shootdown","#,
            ),
            r#"unknown event "su25-shootdown""#,
        ),
        (
            changed(
                r#"start: "2015-11-24",
            end: "2016-06-27","#,
                r#"start: "2016-11-24",
            end: "2016-06-27","#,
            ),
            "ends (2016-06-27) before it starts (2016-11-24)",
        ),
        (
            changed(
                r#"start: "2016-06-27",
            end: "2016-08-09","#,
                r#"start: "2016-05-27",
            end: "2016-08-09","#,
            ),
            r#"starts (2016-05-27) while "ru-tr-2015" of the same pair runs to 2016-06-27"#,
        ),
        (
            changed(
                r#"actors: ("russia", "turkey"),"#,
                r#"actors: ("turkey", "turkey"),"#,
            ),
            "a relation is between two different actors",
        ),
    ];
    for (text, expected) in &cases {
        let found = problems(text);
        assert!(
            found
                .iter()
                .any(|p| p.contains(expected) && p.starts_with("line ")),
            "{expected:?} not in {found:#?}"
        );
    }
    // A relation without a source, and every problem of a file at once.
    let start = BUILTIN_RON.find("id: \"ru-tr-2014\"").unwrap();
    let sources = start + BUILTIN_RON[start..].find("sources: [").unwrap();
    let end = sources + BUILTIN_RON[sources..].find('\n').unwrap();
    let mut text = BUILTIN_RON.to_string();
    text.replace_range(sources..end, "sources: [],");
    let text = text.replacen(
        r#"start_events: ["su24-shootdown","#,
        r#"start_events: ["x","#,
        1,
    );
    let found = problems(&text);
    assert!(
        found.iter().any(|p| p.contains(r#"relation "ru-tr-2014""#)
            && p.contains("a relation needs at least one source")),
        "{found:#?}"
    );
    assert!(
        found.iter().any(|p| p.contains(r#"unknown event "x""#)),
        "{found:#?}"
    );
}

#[test]
fn a_role_must_belong_to_one_of_the_events_actors() {
    let text = changed(
        r#"roles: [("russia", Guarantor), ("iran", Guarantor)"#,
        r#"roles: [("china", Observer), ("iran", Guarantor)"#,
    );
    let found = problems(&text);
    assert!(
        found.iter().any(|p| p.contains(
            r#""china" is given the role Observer but is not one of the event's actors"#
        )),
        "{found:#?}"
    );
}

/// (id, actor, actor, kind, start, end) of every row of the reference
/// table, as the dataset must hold them.
type Row = (
    &'static str,
    &'static str,
    &'static str,
    RelationKind,
    &'static str,
    Option<&'static str>,
);

const ROWS: &[Row] = {
    use RelationKind::*;
    &[
        (
            "ru-sy-1944",
            "russia",
            "syria-pre-assad",
            Neutral,
            "1944-07-21",
            Some("1956"),
        ),
        (
            "ru-sy-1980",
            "russia",
            "syria-assad-government",
            Allied,
            "1980-10-08",
            Some("1991-12-26"),
        ),
        (
            "ru-sy-2015",
            "russia",
            "syria-assad-government",
            Allied,
            "2015-09-30",
            Some("2024-12-08"),
        ),
        (
            "ru-hts-2015",
            "russia",
            "hts",
            Hostile,
            "2015-09-30",
            Some("2024-12-08"),
        ),
        (
            "ru-hts-2024",
            "russia",
            "hts",
            Strained,
            "2024-12-08",
            Some("2025-01-29"),
        ),
        (
            "ru-synew-2025",
            "russia",
            "syria-new-government",
            Cooperating,
            "2025-07-31",
            None,
        ),
        (
            "ru-tr-2015",
            "russia",
            "turkey",
            Strained,
            "2015-11-24",
            Some("2016-06-27"),
        ),
        (
            "ru-tr-2016",
            "russia",
            "turkey",
            Cooperating,
            "2016-08-09",
            Some("2020-02-27"),
        ),
        (
            "tr-sdf-2024",
            "turkey",
            "sdf-kurds",
            Hostile,
            "2024-11-30",
            Some("2025-04"),
        ),
        (
            "us-cn-1971",
            "united-states",
            "china",
            Neutral,
            "1971-07-09",
            Some("1979-01-01"),
        ),
        (
            "ru-fr-1812",
            "russia",
            "france",
            Hostile,
            "1812-06-24",
            Some("1814-05-30"),
        ),
        (
            "ru-fr-1894",
            "russia",
            "france",
            Allied,
            "1894-01-04",
            Some("1917-12-15"),
        ),
        (
            "ru-de-1914",
            "russia",
            "germany",
            Hostile,
            "1914-08-01",
            Some("1918-03-03"),
        ),
    ]
};

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

#[test]
fn the_article_dataset_holds_the_reference_relations() {
    let t = builtin_timeline().unwrap();
    assert_eq!(t.relations.len(), 44);
    for &(id, a, b, kind, start, end) in ROWS {
        let r = t
            .relations
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("no relation {id}"));
        assert_eq!((r.actors.0.as_str(), r.actors.1.as_str()), (a, b), "{id}");
        assert_eq!(r.kind, kind, "{id}");
        assert_eq!(r.start, date(start), "{id}");
        assert_eq!(r.end, end.map(date), "{id}");
        assert!(!r.sources.is_empty(), "{id}");
    }
    // The pair at the heart of the article, and its qualifiers.
    let low = t.relations.iter().find(|r| r.id == "il-hz-2024").unwrap();
    assert_eq!(low.kind_text(), "Hostile (low intensity)");
    // Checked against the reference itself where it is available.
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/reference/article-relations.md");
    let Ok(reference) = std::fs::read_to_string(&path) else {
        return;
    };
    let mut rows = 0;
    for line in reference
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| id "))
    {
        let cells: Vec<&str> = line
            .trim()
            .trim_matches('|')
            .split(" | ")
            .map(str::trim)
            .collect();
        if cells.len() != 13 {
            continue;
        }
        rows += 1;
        let id = cells[0].split_whitespace().next().unwrap();
        let r = t
            .relations
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("reference row {id} is missing"));
        let kind = cells[3].split(" (").next().unwrap();
        let expected = match kind {
            "allied" => RelationKind::Allied,
            "cooperating" => RelationKind::Cooperating,
            "neutral/limited" => RelationKind::Neutral,
            "strained" => RelationKind::Strained,
            "hostile" => RelationKind::Hostile,
            other => panic!("{id}: kind {other}"),
        };
        assert_eq!(r.kind, expected, "{id}");
        assert_eq!(r.start, date(cells[4]), "{id}");
        match cells[5] {
            "open" | "not assessed" => assert_eq!(r.end, None, "{id}"),
            end => assert_eq!(r.end, Some(date(end)), "{id}"),
        }
        // Precision follows from the dates as written ("1956", "2025-04").
        assert_eq!(
            r.provenance,
            if cells[0].contains("[context]") {
                Provenance::Context
            } else {
                Provenance::Article
            },
            "{id}"
        );
        // Every mark is an event of the dataset, on its side: a backticked
        // id as it is, a new dated event ("+1956 arms deliveries") as a
        // context event of that date.
        let (starts, ends) = cells[8].split_once('→').unwrap_or((cells[8], ""));
        for (side, marks) in [(starts, &r.start_events), (ends, &r.end_events)] {
            for ticked in side.split('`').skip(1).step_by(2) {
                assert!(
                    marks.iter().any(|m| m == ticked),
                    "{id}: {ticked} not in {marks:?}"
                );
            }
            for token in side.split(';').map(str::trim) {
                let Some(dated) = token.strip_prefix('+') else {
                    continue;
                };
                let day = dated.split_whitespace().next().unwrap();
                assert!(
                    marks.iter().any(|m| {
                        let e = t.events.iter().find(|e| &e.id == m).unwrap();
                        e.start.to_iso() == day && e.provenance == Provenance::Context
                    }),
                    "{id}: no context event of {day} among {marks:?}"
                );
            }
        }
    }
    assert_eq!(rows, t.relations.len());
}

#[test]
fn relations_round_trip_through_ron() {
    let mut t = builtin_timeline().unwrap();
    let astana = t
        .events
        .iter_mut()
        .find(|e| e.id == "astana-talks-first-round")
        .unwrap();
    astana.roles = vec![
        ("russia".into(), Role::Guarantor),
        ("united-states".into(), Role::Observer),
    ];
    let text = to_ron_string(&t).unwrap();
    let back = io::parse_timeline(&text, "again.ron").unwrap();
    assert_eq!(back, t);
    let astana = back
        .events
        .iter()
        .find(|e| e.id == "astana-talks-first-round")
        .unwrap();
    assert_eq!(astana.role_of("united-states"), Role::Observer);
    assert_eq!(astana.role_of("turkey"), Role::Participant);
}

#[test]
fn deleting_what_a_relation_refers_to_keeps_the_file_valid_and_undoes_whole() {
    let mut t: Timeline = builtin_timeline().unwrap();
    let original = t.clone();
    let mut history = edit::History::new();
    let su24 = t
        .events
        .iter()
        .position(|e| e.id == "su24-shootdown")
        .unwrap();
    let e = edit::delete_event(&t, su24).unwrap();
    history.apply(&mut t, e).unwrap();
    assert!(t.relations.iter().all(|r| {
        !r.start_events
            .iter()
            .chain(&r.end_events)
            .any(|e| e == "su24-shootdown")
    }));
    let turkey = t.actors.iter().position(|a| a.id == "turkey").unwrap();
    let e = edit::delete_actor(&t, turkey).unwrap();
    history.apply(&mut t, e).unwrap();
    assert!(t.relations.iter().all(|r| !r.involves("turkey")));
    assert!(t.relations.len() < original.relations.len());
    // What is left is a valid file.
    io::parse_timeline(&to_ron_string(&t).unwrap(), "edited.ron").unwrap();
    history.undo(&mut t);
    history.undo(&mut t);
    assert_eq!(t, original);
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_timeline-explorer"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn the_relations_command_answers_at_a_date_and_for_a_pair() {
    for (at, pair, kind) in [
        ("2016-01-01", "russia,turkey", "strained"),
        ("2017-06-01", "Russia,Turkey", "cooperating"),
        ("2024-06-01", "russia,hts", "hostile"),
        ("2025-10-15", "russia,syria-new-government", "cooperating"),
        ("1813", "russia,france", "hostile"),
        ("1914-09", "france,russia", "allied"),
    ] {
        let (code, out, err) = run(&["relations", "--at", at, "--pair", pair, "--json"]);
        assert_eq!(code, 0, "{err}");
        let line: serde_json::Value = serde_json::from_str(out.trim()).unwrap();
        assert_eq!(line["kind"], kind, "{pair} at {at}: {out}");
    }
    let (code, out, _) = run(&["relations", "--at", "2016-01-01"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("At 1 January 2016:"), "{out}");
    assert!(
        out.lines().any(|l| l.starts_with("Russia – Turkey")
            && l.contains("Strained (24 November 2015 – 27 June 2016)")),
        "{out}"
    );
    let (code, out, _) = run(&["relations", "--pair", "turkey,russia"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 7, "{out}");
    assert!(
        out.contains("2020-03-05 – open") && out.contains("[context]"),
        "{out}"
    );
    let (code, _, err) = run(&["relations", "--pair", "russia,atlantis"]);
    assert_ne!(code, 0);
    assert!(err.contains(r#"no actor "atlantis""#), "{err}");
    let (code, _, err) = run(&["relations", "--pair", "iran,china"]);
    assert_ne!(code, 0);
    assert!(err.contains("no relations between Iran and China"), "{err}");
    let (code, _, err) = run(&["relations", "--at", "sometime"]);
    assert_ne!(code, 0);
    assert!(err.contains("--at \"sometime\""), "{err}");
}

#[test]
fn exports_that_cannot_carry_relations_say_so() {
    let t = builtin_timeline().unwrap();
    for format in [
        io::Format::Markwhen,
        io::Format::TimelineJs,
        io::Format::TimelineJsCsv,
        io::Format::Csv,
    ] {
        let (_, notes) = io::export_text(&t, format).unwrap();
        assert!(
            notes
                .iter()
                .any(|n| n.starts_with("relations between actors (44 periods): not written")),
            "{format:?}: {notes:?}"
        );
        assert!(
            notes.iter().any(|n| n.starts_with("actors' roles")),
            "{notes:?}"
        );
    }
    let (_, notes) = io::export_text(&t, io::Format::Ron).unwrap();
    assert!(notes.is_empty());
}

/// The relations lanes in the window: choose them in the lane selector,
/// click a band, read its detail, step to another period of the pair.
#[test]
fn selecting_a_band_shows_the_relation_and_its_pairs_history() {
    use crate::harness::*;
    use egui_kittest::kittest::Queryable;
    use timeline_explorer::query::Grouping;

    let mut h = harness_sized(app(), [1600.0, 900.0]);
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::ComboBox, "Lanes")
        .click();
    h.run();
    h.get_by_label("Relations").click();
    h.run();
    assert_eq!(h.state().grouping(), Grouping::Relations);
    // Switching fits the relations: from Tilsit (1807) to the article.
    let w = h.state().time_window();
    assert!(w.start_days < date("1807-07-07").axis_days());
    assert!(w.end_days > date("2025-10-15").axis_days());
    // The pairs that changed last come first: the article's own on top.
    let pairs = h.state().shown_pairs();
    let first = &h.state().relation_index().pairs[pairs[0]];
    assert!(first.is("turkey", "syria-new-government"), "{first:?}");
    // France's pairs, by the actor filter.
    h.state_mut().apply(timeline_explorer::Command::SetQuery(
        timeline_explorer::model::Query {
            actors: vec!["france".into()],
            ..Default::default()
        },
    ));
    h.run();
    assert_eq!(h.state().shown_pairs().len(), 1);
    h.get_by_label("Russia – France: Hostile, 24 June 1812 – 30 May 1814")
        .click();
    h.run();
    let selected = h
        .state()
        .selected_relation()
        .map(|r| h.state().timeline().relations[r].id.clone());
    assert_eq!(selected.as_deref(), Some("ru-fr-1812"));
    assert_eq!(h.state().selected(), None);
    h.get_by_label("Russia – France");
    h.get_by_label("Russian cavalry rode to Paris in 1814 to unseat Napoleon.");
    h.get_by_label(
        "Battle of Paris: Coalition armies under Tsar Alexander I enter Paris (30 March 1814)",
    )
    .click();
    h.run();
    // A marking event is one click away.
    assert_eq!(
        h.state().selected_event().map(|e| e.id.as_str()),
        Some("battle-of-paris-1814")
    );
    assert_eq!(h.state().selected_relation(), None);
}

/// The network at a date follows the selected event: the shoot-down of the
/// Su-24 shows Russia and Turkey strained; clicking that edge selects the
/// relation, whose detail lists the pair's history.
#[test]
fn the_network_follows_the_selection_and_an_edge_opens_the_pair() {
    use crate::harness::*;
    use egui_kittest::kittest::Queryable;
    use timeline_explorer::Command;
    use timeline_explorer::state::EventRef;

    let mut app = app();
    app.apply(Command::ToggleNetwork);
    let su24 = app
        .state()
        .timeline()
        .events
        .iter()
        .position(|e| e.id == "su24-shootdown")
        .unwrap();
    app.apply(Command::Select(Some(EventRef::at("su24-shootdown", su24))));
    let mut h = harness_sized(app, [1600.0, 900.0]);
    h.run();
    assert!(h.state().show_network());
    assert!(h.state().network_follows_selection());
    h.get_by_label("Relations at a date");
    assert!(
        h.get_all_by_label("24 November 2015").count() >= 2,
        "the network and the detail"
    );
    h.get_by_label("Russia – Turkey: Strained").click();
    h.run();
    let selected = h
        .state()
        .selected_relation()
        .map(|r| h.state().timeline().relations[r].id.clone());
    assert_eq!(selected.as_deref(), Some("ru-tr-2015"));
    h.get_by_label("The pair's history");
    // Another date: the edge changes with it, the places do not.
    let deal = h
        .state()
        .timeline()
        .events
        .iter()
        .position(|e| e.id == "turkey-s400-deal")
        .unwrap();
    h.state_mut().apply(Command::Select(Some(EventRef::at(
        "turkey-s400-deal",
        deal,
    ))));
    h.run();
    h.get_by_label("Russia – Turkey: Cooperating");
    assert!(h.get_all_by_label("12 September 2017").count() >= 1);
}

#[test]
fn events_filter_by_the_role_an_actor_plays() {
    use timeline_explorer::model::Query;
    let mut app = crate::harness::app();
    let ids = |app: &timeline_explorer::TimelineApp| -> Vec<String> {
        let s = app.state();
        s.visible_events()
            .iter()
            .map(|&i| s.timeline().events[i].id.clone())
            .collect()
    };
    let query = |actors: &[&str], role: Option<Role>| Query {
        actors: actors.iter().map(|a| a.to_string()).collect(),
        actor_role: role,
        ..Query::default()
    };
    app.apply(timeline_explorer::Command::SetQuery(query(
        &["russia"],
        Some(Role::Guarantor),
    )));
    assert_eq!(ids(&app), ["astana-talks-first-round"]);
    app.apply(timeline_explorer::Command::SetQuery(query(
        &["russia"],
        Some(Role::Host),
    )));
    let hosted = ids(&app);
    assert!(
        hosted.contains(&"sharaa-moscow-visit".to_string()),
        "{hosted:?}"
    );
    assert!(!hosted.contains(&"astana-talks-first-round".to_string()));
    app.apply(timeline_explorer::Command::SetQuery(query(
        &["united-states"],
        Some(Role::Observer),
    )));
    assert_eq!(ids(&app), ["astana-talks-first-round"]);
    // The facet counts follow the role: Russia guarantees one event.
    let russia = app
        .state()
        .timeline()
        .actors
        .iter()
        .position(|a| a.id == "russia")
        .unwrap();
    app.apply(timeline_explorer::Command::SetQuery(query(
        &["russia"],
        Some(Role::Guarantor),
    )));
    assert_eq!(app.state().facets().actors[russia], 1);
    // Any role: every event with Russia.
    app.apply(timeline_explorer::Command::SetQuery(query(
        &["russia"],
        None,
    )));
    assert!(ids(&app).len() > 10);
}

#[test]
fn relations_export_to_csv_a_row_each_and_formula_safe() {
    let mut t = builtin_timeline().unwrap();
    t.relations[0].summary = "=HYPERLINK(\"http://evil\")".into();
    let text = timeline_explorer::cli::relations_csv(&t).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), t.relations.len());
    let summary = headers.iter().position(|h| h == "summary").unwrap();
    assert!(
        rows[0][summary].starts_with("'="),
        "{:?}",
        &rows[0][summary]
    );
    let kind = headers.iter().position(|h| h == "kind").unwrap();
    let end = headers.iter().position(|h| h == "end").unwrap();
    let ru_tr = rows.iter().find(|r| &r[0] == "ru-tr-2015").unwrap();
    assert_eq!((&ru_tr[kind], &ru_tr[end]), ("strained", "2016-06-27"));
    let (code, out, _) = run(&["relations", "--csv"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 45);
}

/// The article's story shows the turns: at the Su-24 step the network
/// has Russia and Turkey strained, at the Moscow Declaration cooperating.
#[test]
fn story_steps_show_the_network_at_their_dates() {
    use crate::harness::*;
    use egui_kittest::kittest::Queryable;

    let mut h = harness_sized(app(), [1600.0, 900.0]);
    h.run();
    h.key_press(egui::Key::F5);
    h.run();
    assert!(!h.state().presentation().unwrap().shows_network());
    assert!(h.query_by_label("Relations at a date").is_none());
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert!(h.state().presentation().unwrap().shows_network());
    h.get_by_label("Relations at a date");
    h.get_by_label("Russia – Turkey: Strained");
    h.key_press(egui::Key::ArrowRight);
    h.run();
    h.get_by_label("Russia – Turkey: Cooperating");
    // The analogies: Russia and France at war in 1814, allies in 1914.
    h.key_press(egui::Key::End);
    h.run();
    h.get_by_label("Russia – France: Allied");
    h.key_press(egui::Key::ArrowLeft);
    h.run();
    h.get_by_label("Russia – France: Hostile");
}

#[test]
fn the_references_nuances_are_recorded_with_their_relations() {
    let t = builtin_timeline().unwrap();
    let note = |id: &str| {
        t.relations
            .iter()
            .find(|r| r.id == id)
            .and_then(|r| r.discrepancy.clone())
            .unwrap_or_default()
    };
    assert!(note("ru-hts-2015").contains("about nine years"));
    assert!(note("ru-hts-2024").contains("no HTS application"));
    assert!(note("ru-synew-2025").contains("terrorists yet partners"));
    assert!(note("ru-tr-2016").contains("ostensibly at odds"));
    assert!(note("ru-sy-1980").contains("1991–2005"));
    assert!(note("us-cn-1971").contains("never allies"));
    assert!(note("ru-fr-1894").contains("Reinsurance Treaty (1890)"));
    assert!(note("us-sdf-2019").contains("survived the Oct 2019 pull-back"));
    // The roles the events imply: the United States only observed Astana.
    let astana = t
        .events
        .iter()
        .find(|e| e.id == "astana-talks-first-round")
        .unwrap();
    assert_eq!(astana.role_of("united-states"), Role::Observer);
    assert_eq!(astana.role_of("russia"), Role::Guarantor);
    assert_eq!(astana.role_of("kazakhstan"), Role::Host);
}

/// Thirty actors and a hundred pairs: every actor keeps a place of its own
/// on the circle, far enough from its neighbours for a line of text.
#[test]
fn the_network_stays_readable_with_thirty_actors_and_a_hundred_pairs() {
    use timeline_explorer::layout::network::{circle_order, network_at};
    use timeline_explorer::query::RelationIndex;
    let mut t =
        timeline_explorer::generate::generate(&timeline_explorer::generate::GenerateOptions {
            events: 100,
            seed: 2,
            span_years: 50,
        });
    timeline_explorer::generate::add_relations(&mut t, 30, 2000, 3);
    let index = RelationIndex::new(&t);
    assert_eq!(index.pairs.len(), 100);
    let order = circle_order(&index);
    assert!(order.len() <= 30 && order.len() >= 25, "{}", order.len());
    let pairs: Vec<usize> = (0..index.pairs.len()).collect();
    let net = network_at(&t, &index, &order, &pairs, date("2000-01-01").axis_days());
    assert_eq!(net.edges.len(), 100);
    // On a circle of radius 200 pt, neighbours are at least 40 pt apart.
    for (i, a) in net.nodes.iter().enumerate() {
        for b in &net.nodes[i + 1..] {
            let d = ((a.x - b.x).powi(2) + (a.y - b.y).powi(2)).sqrt() * 200.0;
            assert!(d >= 40.0, "{} and {} are {d} pt apart", a.name, b.name);
        }
    }
    // Every pair is an edge, rated at the date or not.
    assert!(net.edges.iter().any(|e| e.kind.is_some()));
    assert!(net.edges.iter().all(|e| e.from != e.to));
}
