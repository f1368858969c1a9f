//! Editing: every edit kind undoes and redoes to identical state, edits keep
//! the timeline valid (a save of it loads again), and the form explains
//! each invalid input next to its field.

use proptest::prelude::*;
use timeline_explorer::io::{self, parse_timeline, to_ron_string};
use timeline_explorer::model::edit::{self, DraftField, Edit, EventDraft, History, SourceDraft};
use timeline_explorer::model::{Actor, ActorKind, Category, Timeline};

fn article() -> Timeline {
    io::builtin_timeline().unwrap()
}

/// One random edit of any kind, or `None` when it does not apply (e.g. a
/// category still in use).
fn edit_from(t: &Timeline, kind: u8, pick: usize, n: u32) -> Option<Edit> {
    let ev = |p: usize| (!t.events.is_empty()).then(|| p % t.events.len());
    match kind % 10 {
        0 => {
            let mut e = t.events.get(pick % t.events.len().max(1))?.clone();
            e.id = edit::unused_event_id(t, &format!("new-{n}"));
            e.title = format!("New event {n}");
            Some(edit::add_event(t, e))
        }
        1 => {
            let i = ev(pick)?;
            let mut e = t.events[i].clone();
            e.title = format!("{} (edited {n})", e.title);
            e.start = format!("{}", 1900 + n % 120).parse().unwrap();
            e.end = None;
            edit::update_event(t, i, e).ok()
        }
        2 => edit::duplicate_event(t, ev(pick)?).ok(),
        3 | 4 => edit::delete_event(t, ev(pick)?).ok(),
        5 => Some(edit::add_actor(
            t,
            Actor {
                id: format!("actor-{n}"),
                name: format!("Actor {n}"),
                aliases: Vec::new(),
                kind: ActorKind::Person,
                title: None,
                affiliation: t.actors.first().map(|a| a.id.clone()),
            },
        ))
        .filter(|_| t.actor(&format!("actor-{n}")).is_none()),
        6 => {
            let i = pick % t.actors.len().max(1);
            let mut a = t.actors.get(i)?.clone();
            a.name = format!("{} {n}", a.name);
            edit::update_actor(t, i, a).ok()
        }
        7 => edit::delete_actor(t, pick % t.actors.len().max(1)).ok(),
        8 => Some(edit::add_category(
            t,
            Category {
                id: format!("cat-{n}"),
                name: format!("Category {n}"),
            },
        ))
        .filter(|_| t.category(&format!("cat-{n}")).is_none()),
        _ => edit::delete_category(t, pick % t.categories.len().max(1)).ok(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn every_edit_undoes_and_redoes_to_identical_state(
        steps in proptest::collection::vec((any::<u8>(), any::<usize>()), 1..25)
    ) {
        let mut t = article();
        let mut history = History::new();
        let mut states = vec![t.clone()];
        for (n, (kind, pick)) in steps.iter().enumerate() {
            let Some(e) = edit_from(&t, *kind, *pick, n as u32) else { continue };
            history.apply(&mut t, e).unwrap();
            // Every state is a valid timeline: it saves and loads again.
            let text = to_ron_string(&t).unwrap();
            let back = parse_timeline(&text, "state.ron");
            prop_assert!(back.is_ok(), "{}", back.unwrap_err());
            states.push(t.clone());
        }
        prop_assert_eq!(history.is_modified(), states.len() > 1);
        for expected in states.iter().rev().skip(1) {
            prop_assert!(history.undo(&mut t).is_some());
            prop_assert_eq!(&t, expected);
        }
        prop_assert!(history.undo(&mut t).is_none());
        prop_assert!(!history.is_modified());
        for expected in states.iter().skip(1) {
            prop_assert!(history.redo(&mut t).is_some());
            prop_assert_eq!(&t, expected);
        }
        prop_assert!(history.redo(&mut t).is_none());
    }
}

#[test]
fn deleting_an_actor_removes_it_everywhere_and_undo_brings_it_back() {
    let mut t = article();
    let before = t.clone();
    let i = t.actors.iter().position(|a| a.id == "russia").unwrap();
    let mut h = History::new();
    let e = edit::delete_actor(&t, i).unwrap();
    h.apply(&mut t, e).unwrap();
    assert!(t.actor("russia").is_none());
    assert!(
        t.events
            .iter()
            .all(|e| !e.actors.contains(&"russia".into()))
    );
    assert!(
        t.views
            .iter()
            .all(|v| !v.query.actors.contains(&"russia".into()))
    );
    assert!(parse_timeline(&to_ron_string(&t).unwrap(), "x.ron").is_ok());
    assert_eq!(h.undo_label(), Some("delete actor \"Russia\""));
    h.undo(&mut t);
    assert_eq!(t, before);
}

#[test]
fn a_category_in_use_is_not_deleted() {
    let t = article();
    let err = edit::delete_category(&t, 0).unwrap_err().to_string();
    assert!(err.contains("give them another category first"), "{err}");
}

#[test]
fn saving_marks_the_history_and_new_edits_after_undo_lose_the_saved_state() {
    let mut t = article();
    let mut h = History::new();
    assert!(!h.is_modified());
    let e = edit::duplicate_event(&t, 0).unwrap();
    h.apply(&mut t, e).unwrap();
    assert!(h.is_modified());
    h.mark_saved();
    assert!(!h.is_modified());
    h.undo(&mut t);
    assert!(h.is_modified());
    h.redo(&mut t);
    assert!(!h.is_modified());
    h.undo(&mut t);
    let e = edit::delete_event(&t, 0).unwrap();
    h.apply(&mut t, e).unwrap();
    assert!(h.is_modified());
    h.undo(&mut t);
    // The saved state (with the duplicate) is gone from the history.
    assert!(h.is_modified());
}

fn valid_draft(t: &Timeline) -> EventDraft {
    EventDraft {
        title: "Sharaa meets Putin again".into(),
        start: "2025-10-15".into(),
        summary: "A second meeting.".into(),
        actors: vec!["russia".into()],
        sources: vec![SourceDraft {
            title: "Kremlin readout".into(),
            url: "https://example.org/readout".into(),
            ..SourceDraft::default()
        }],
        ..EventDraft::new_event(t)
    }
}

fn problems(t: &Timeline, draft: &EventDraft, editing: Option<usize>) -> Vec<(DraftField, String)> {
    draft.check(t, editing).unwrap_err()
}

#[test]
fn a_valid_draft_becomes_an_event_with_an_id_from_its_title() {
    let t = article();
    let e = valid_draft(&t).check(&t, None).unwrap();
    assert_eq!(e.id, "sharaa-meets-putin-again-2025");
    assert_eq!(e.start.to_iso(), "2025-10-15");
    assert_eq!(e.sources.len(), 1);
    // Editing an event keeps its own id without complaint.
    let first = EventDraft::from_event(&t.events[0]);
    assert_eq!(first.check(&t, Some(0)).unwrap(), t.events[0]);
}

#[test]
fn every_invalid_input_is_explained_next_to_its_field() {
    let t = article();
    let base = valid_draft(&t);
    let cases: Vec<(EventDraft, DraftField, &str)> = vec![
        (
            EventDraft {
                title: "  ".into(),
                ..base.clone()
            },
            DraftField::Title,
            "a title is needed",
        ),
        (
            EventDraft {
                start: "".into(),
                ..base.clone()
            },
            DraftField::Start,
            "a start date is needed",
        ),
        (
            EventDraft {
                start: "2015-13".into(),
                ..base.clone()
            },
            DraftField::Start,
            "month",
        ),
        (
            EventDraft {
                start: "sometime".into(),
                ..base.clone()
            },
            DraftField::Start,
            "is not a date: write 2025, Nov 2025",
        ),
        (
            EventDraft {
                start: "0".into(),
                ..base.clone()
            },
            DraftField::Start,
            "year 0",
        ),
        (
            EventDraft {
                end: "2015-02-30".into(),
                ..base.clone()
            },
            DraftField::End,
            "day",
        ),
        (
            EventDraft {
                end: "2020".into(),
                ..base.clone()
            },
            DraftField::End,
            "is before the start",
        ),
        (
            EventDraft {
                id: "Bad Id".into(),
                ..base.clone()
            },
            DraftField::Id,
            "lowercase letters and digits",
        ),
        (
            EventDraft {
                id: t.events[0].id.clone(),
                ..base.clone()
            },
            DraftField::Id,
            "already has the id",
        ),
        (
            EventDraft {
                category: "nope".into(),
                ..base.clone()
            },
            DraftField::Category,
            "choose a category",
        ),
        (
            EventDraft {
                actors: vec!["nobody".into()],
                ..base.clone()
            },
            DraftField::Actors,
            "no actor has the id \"nobody\"",
        ),
        (
            EventDraft {
                sources: vec![SourceDraft::default()],
                ..base.clone()
            },
            DraftField::Sources,
            "at least one source",
        ),
        (
            EventDraft {
                sources: vec![SourceDraft {
                    url: "https://x.org".into(),
                    ..SourceDraft::default()
                }],
                ..base.clone()
            },
            DraftField::SourceTitle(0),
            "a source needs a title",
        ),
        (
            EventDraft {
                sources: vec![SourceDraft {
                    title: "T".into(),
                    url: "example.org".into(),
                    ..SourceDraft::default()
                }],
                ..base.clone()
            },
            DraftField::SourceUrl(0),
            "starts with https://",
        ),
        (
            EventDraft {
                sources: vec![SourceDraft {
                    title: "T".into(),
                    date: "2025-1x".into(),
                    ..SourceDraft::default()
                }],
                ..base.clone()
            },
            DraftField::SourceDate(0),
            "is not a date: write 2025",
        ),
    ];
    for (draft, field, words) in cases {
        let got = problems(&t, &draft, None);
        assert!(
            got.iter().any(|(f, m)| *f == field && m.contains(words)),
            "{field:?} should say {words:?}; got {got:?}"
        );
    }
}

#[test]
fn the_date_field_shows_the_parsed_date_at_its_precision() {
    let shown = |t: &str| EventDraft::parse_date(t).map(|r| r.map(|d| d.display()));
    assert_eq!(shown("2015"), Some(Ok("2015".into())));
    assert_eq!(shown("2015-09"), Some(Ok("September 2015".into())));
    assert_eq!(shown("2015-09-30"), Some(Ok("30 September 2015".into())));
    assert_eq!(shown("-300"), Some(Ok("300 BCE".into())));
    assert_eq!(shown(""), None);
    assert!(matches!(shown("2015-9-31"), Some(Err(_))));
}

#[test]
fn a_save_written_in_the_background_marks_the_state_it_started_from() {
    let mut t = article();
    let mut h = History::new();
    let e = edit::duplicate_event(&t, 0).unwrap();
    h.apply(&mut t, e).unwrap();
    h.begin_save();
    // An edit while the save is being written.
    let e = edit::delete_event(&t, 0).unwrap();
    h.apply(&mut t, e).unwrap();
    h.finish_save();
    assert!(h.is_modified());
    h.undo(&mut t);
    assert!(!h.is_modified(), "back at the saved state");
    // A failed save changes nothing.
    h.begin_save();
    h.finish_save_failed();
    assert!(!h.is_modified());
}
