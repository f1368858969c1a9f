//! Authoring in the app: the form, undo/redo through the UI, saving with a
//! backup, asking before unsaved changes are lost, recovery copies after a
//! crash, and following the file on disk.

use crate::harness::*;

use std::time::{Duration, Instant};

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use timeline_explorer::io::{self, load_timeline};
use timeline_explorer::model::edit;
use timeline_explorer::state::{Answer, Command, Pending};

#[test]
fn add_an_event_through_the_form_see_it_listed_undo_and_it_is_gone() {
    let mut h = harness(app());
    h.run();
    h.get_by_label("78 events");
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    // The cursor is in the title.
    field(&h, "Title").type_text("Sharaa returns to Moscow");
    h.run();
    field(&h, "Summary").focus();
    field(&h, "Summary").type_text("A second visit.");
    field(&h, "Source 1 title").focus();
    field(&h, "Source 1 title").type_text("Kremlin readout");
    field(&h, "Start").focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    field(&h, "Start").type_text("2026-01");
    h.run();
    // The parsed date, at its precision, under the field.
    h.get_by_label("January 2026 (to the month)");
    h.get_by_label("Add event").click();
    h.run();
    h.get_by_label("79 events");
    assert!(h.state().is_modified());
    let added = h
        .state()
        .timeline()
        .event("sharaa-returns-to-moscow-2026")
        .expect("the new event, with an id from its title");
    assert_eq!(added.start.to_iso(), "2026-01");
    // Listed in the table (and selected).
    assert!(h.query_all_by_label("Sharaa returns to Moscow").count() >= 1);
    assert_eq!(
        h.state().selected_event().map(|e| e.title.as_str()),
        Some("Sharaa returns to Moscow")
    );

    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    h.get_by_label("78 events");
    assert_eq!(h.query_all_by_label("Sharaa returns to Moscow").count(), 0);
    assert!(!h.state().is_modified());
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    h.run();
    h.get_by_label("79 events");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    h.get_by_label("79 events");
}

#[test]
fn the_form_cannot_be_applied_while_a_field_is_wrong() {
    let mut h = harness(app());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.get_by_label("a title is needed");
    h.get_by_label("at least one source is needed");
    h.get_by_label("a start date is needed");
    field(&h, "Title").type_text("Something");
    field(&h, "Start").focus();
    field(&h, "Start").type_text("2000");
    field(&h, "End").focus();
    field(&h, "End").type_text("1999");
    h.run();
    h.get_by_label_contains("is before the start");
    h.get_by_label("Add event").click();
    h.run();
    h.get_by_label("78 events");
    assert!(!h.state().is_modified());
}

#[test]
fn edit_duplicate_and_delete_from_the_detail_panel_all_undo() {
    let mut app = app();
    let before = app.timeline().clone();
    let first = app.event_ref(0);
    app.apply(Command::Select(Some(first)));
    let mut h = harness(app);
    h.run();
    h.get_by_label("Duplicate").click();
    h.run();
    h.get_by_label("79 events");
    h.get_by_label("Delete").click();
    h.run();
    h.get_by_label("78 events");
    let first = h.state().event_ref(0);
    h.state_mut().apply(Command::Select(Some(first)));
    h.run();
    h.get_by_label("Edit…").click();
    h.run();
    h.get_by_label("Edit event");
    field(&h, "Title").focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    field(&h, "Title").type_text("Renamed");
    h.run();
    h.get_by_label("Apply changes").click();
    h.run();
    assert_eq!(h.state().selected_event().unwrap().title, "Renamed");
    for _ in 0..3 {
        h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        h.run();
    }
    assert_eq!(h.state().timeline(), &before);
}

#[test]
fn save_writes_atomically_keeps_a_backup_and_clears_the_dot() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    let original = std::fs::read_to_string(&path).unwrap();
    let mut app = app();
    open_now(&mut app, &path);
    let e = edit::delete_event(app.timeline(), 0).unwrap();
    app.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    let mut h = harness(app);
    h.run();
    h.get_by_label("Unsaved changes");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    settle(&mut h);
    assert!(!h.state().is_modified());
    assert!(h.query_by_label("Unsaved changes").is_none());
    assert_eq!(load_timeline(&path).unwrap().events.len(), 77);
    let backup = dir.path().join("article.ron.bak");
    assert_eq!(std::fs::read_to_string(backup).unwrap(), original);
    // The stable layout: saving what was loaded gives the same bytes.
    let again = io::to_ron_string(&load_timeline(&path).unwrap()).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), again);
    // No temporary files left behind.
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn save_as_ron_becomes_the_document_and_other_formats_are_copies() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    let e = edit::duplicate_event(app.timeline(), 0).unwrap();
    app.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    // The built-in dataset has no file: Save As is the way.
    let json = dir.path().join("copy.json");
    apply_and_settle(&mut app, Command::SaveAs(Some(json.clone().into())));
    assert!(
        app.is_modified(),
        "a TimelineJS copy does not save the document"
    );
    assert!(
        notice_text(&app).unwrap().contains("Folded"),
        "{:?}",
        notice_text(&app)
    );
    assert_eq!(io::load_any(&json).unwrap().timeline.events.len(), 79);
    let ron = dir.path().join("mine.ron");
    apply_and_settle(&mut app, Command::SaveAs(Some(ron.clone().into())));
    assert!(!app.is_modified());
    assert_eq!(load_timeline(&ron).unwrap().events.len(), 79);
    assert_eq!(app.recent_files()[0], ron);
}

#[test]
fn closing_or_opening_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    let mut app = app();
    open_now(&mut app, &path);
    let e = edit::delete_event(app.timeline(), 0).unwrap();
    app.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    // Opening another timeline waits for an answer.
    app.apply(Command::OpenBuiltin);
    assert_eq!(app.pending(), Some(&Pending::OpenBuiltin));
    assert_eq!(app.timeline().events.len(), 77);
    app.apply(Command::Answer(Answer::Cancel));
    assert_eq!(app.pending(), None);
    assert_eq!(app.timeline().events.len(), 77);

    // Closing the window is refused until the user answers.
    let mut h = harness(app);
    h.run();
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    assert_eq!(h.state().pending(), Some(&Pending::Close));
    h.get_by_label("Save your changes?");
    h.get_by_label("Save").click();
    h.run();
    settle(&mut h);
    assert_eq!(h.state().pending(), None);
    assert!(!h.state().is_modified());
    assert_eq!(load_timeline(&path).unwrap().events.len(), 77);
}

/// Makes a recovery file look written by a process that is gone.
fn written_by_a_dead_process(file: &std::path::Path) {
    let text = std::fs::read_to_string(file).unwrap();
    let ours = format!("// pid={}\n", std::process::id());
    assert!(text.contains(&ours), "{text:.200}");
    let dead = format!("// pid={}\n", u32::MAX - 1);
    std::fs::write(file, text.replacen(&ours, &dead, 1)).unwrap();
}

#[test]
fn a_crash_leaves_a_recovery_copy_that_the_next_start_offers() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let path = article_file(dir.path());

    // The copy a crashed session left: written by a process that is gone.
    let mut crashed = load_timeline(&path).unwrap();
    let e = edit::delete_event(&crashed, 0).unwrap();
    e.apply(&mut crashed).unwrap();
    crashed.title = "Edited before the crash".into();
    let file = io::recovery::write(&recovery, Some(&path), &crashed).unwrap();
    written_by_a_dead_process(&file);

    let mut app = app();
    let _ = app.apply(Command::SetRecoveryFolder(Some(recovery.clone())));
    let _ = app.settle(std::time::Duration::from_secs(10));
    let offered = app.offered_recovery().expect("the copy is offered").clone();
    assert_eq!(offered.original.as_deref(), Some(path.as_path()));
    let mut h = harness(app);
    h.run();
    h.get_by_label("Recover unsaved changes?");
    h.get_by_label("Restore the changes").click();
    h.run();
    assert!(
        error_lines(h.state()).is_empty(),
        "{:?}",
        error_lines(h.state())
    );
    assert!(h.state().offered_recovery().is_none());
    assert_eq!(h.state().timeline().title, "Edited before the crash");
    assert_eq!(h.state().timeline().events.len(), 77);
    assert!(h.state().is_modified());
    // Saving writes the original file and removes the copy.
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    settle(&mut h);
    assert_eq!(
        load_timeline(&path).unwrap().title,
        "Edited before the crash"
    );
    assert_eq!(std::fs::read_dir(&recovery).unwrap().count(), 0);
}

#[test]
fn unsaved_edits_are_copied_for_recovery_and_the_copy_goes_when_saved() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let path = article_file(dir.path());
    let mut app = app();
    let _ = app.apply(Command::SetRecoveryFolder(Some(recovery.clone())));
    let _ = app.settle(std::time::Duration::from_secs(10));
    open_now(&mut app, &path);
    let e = edit::delete_event(app.timeline(), 0).unwrap();
    app.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    // The edit is in the journal at once; the periodic snapshot follows.
    let journaled = wait_until("the journal", || {
        io::recovery::copy_for(&recovery, Some(&path)).filter(|c| c.later_edits == 1)
    });
    assert_eq!(
        io::recovery::read(&journaled)
            .unwrap()
            .timeline
            .events
            .len(),
        77
    );
    let _ = app.apply(Command::Tick { now_s: 0.0 });
    let _ = app.apply(Command::Tick {
        now_s: timeline_explorer::state::RECOVERY_INTERVAL_S + 1.0,
    });
    let _ = app.settle(std::time::Duration::from_secs(10));
    assert_eq!(
        app.flush_recovery(std::time::Duration::from_secs(10)),
        Some(true)
    );
    let copy = io::recovery::copy_for(&recovery, Some(&path)).expect("a copy");
    assert!(copy.snapshot_seq.is_some(), "{copy:?}");
    assert_eq!(io::recovery::read(&copy).unwrap().timeline.events.len(), 77);
    // A running app's own copy is not offered as a crash's.
    assert!(io::recovery::orphans(&recovery).is_empty());
    apply_and_settle(&mut app, Command::Save);
    wait_until("the copy to go", || {
        (!copy.file.exists() && !copy.journal.exists()).then_some(())
    });
}

#[test]
fn the_app_follows_the_file_keeps_the_last_good_version_and_reloads_when_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    let mut app = app();
    let _ = app.apply(Command::FollowFileOnDisk(true));
    open_now(&mut app, &path);
    app.apply(Command::Select(Some("astana-talks-first-round".into())));
    let query = timeline_explorer::model::Query {
        text: "Astana".into(),
        ..Default::default()
    };
    app.apply(Command::SetQuery(query.clone()));
    let mut h = harness(app);
    h.run_steps(3);

    // Another program writes a broken file.
    let good = std::fs::read_to_string(&path).unwrap();
    let broken = good.replacen("events: [", "events: [ oops", 1);
    std::fs::write(&path, &broken).unwrap();
    wait_for(&mut h, "the broken file's errors", |a| {
        a.load_error().is_some()
    });
    let errors = error_lines(h.state()).join("\n");
    assert!(errors.contains("article.ron:"), "{errors}");
    assert_eq!(
        h.state().timeline().events.len(),
        78,
        "the last good version stays"
    );

    // Then fixes it, with one event fewer.
    let mut t = io::parse_timeline(&good, "good").unwrap();
    t.events.retain(|e| e.id != "napoleon-abdication-1814");
    for r in &mut t.relations {
        r.start_events.retain(|e| e != "napoleon-abdication-1814");
    }
    io::save_timeline(&path, &t).unwrap();
    wait_for(&mut h, "the fixed file", |a| {
        a.timeline().events.len() == 77
    });
    assert!(error_lines(h.state()).is_empty());
    // The query and the selection are kept.
    assert_eq!(h.state().query(), &query);
    assert_eq!(
        h.state().selected_event().map(|e| e.id.as_str()),
        Some("astana-talks-first-round")
    );
}

#[test]
fn a_change_on_disk_with_unsaved_edits_asks_which_to_keep() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    let mut app = app();
    let _ = app.apply(Command::FollowFileOnDisk(true));
    open_now(&mut app, &path);
    let e = edit::delete_event(app.timeline(), 0).unwrap();
    app.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    let mut h = harness(app);
    h.run_steps(3);
    let mut t = load_timeline(&path).unwrap();
    t.title = "Changed elsewhere".into();
    io::save_timeline(&path, &t).unwrap();
    wait_for(&mut h, "the question", |a| {
        a.pending() == Some(&Pending::DiskChanged)
    });
    h.get_by_label("The file changed on disk");
    // Neither version was overwritten.
    assert_eq!(h.state().timeline().events.len(), 77);
    assert_eq!(load_timeline(&path).unwrap().title, "Changed elsewhere");
    h.get_by_label("Keep my edits").click();
    h.run();
    assert!(h.state().is_modified());
    assert_eq!(h.state().timeline().events.len(), 77);
    assert_eq!(load_timeline(&path).unwrap().title, "Changed elsewhere");
}

#[test]
fn escape_closes_the_form_and_keeps_the_selection_then_delete_deletes_it() {
    let mut app = app();
    let first_title = app.timeline().events[0].title.clone();
    let first = app.event_ref(0);
    app.apply(Command::Select(Some(first)));
    let mut h = harness(app);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.get_by_label("Edit event");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Edit event").is_none());
    assert_eq!(h.state().selected(), Some(0));
    h.key_press(Key::Delete);
    h.run();
    h.get_by_label("77 events");
    h.get_by_label_contains("Ctrl+Z brings it back");
    let label = format!("delete \"{first_title}\"");
    assert_eq!(h.state().history().undo_label(), Some(label.as_str()));
}

#[test]
fn actors_and_categories_are_edited_in_their_window_and_undo() {
    let mut h = harness(app());
    h.run();
    let actors = h.state().timeline().actors.len();
    h.state_mut().apply(Command::OpenCatalogue);
    h.run();
    h.get_by_label("Add actor").click();
    h.run();
    h.get_by_label("Actor name").focus();
    h.get_by_label("Actor name").type_text("Asma al-Assad");
    h.run();
    h.get_by_label("Apply").click();
    h.run();
    let t = h.state().timeline();
    assert_eq!(t.actors.len(), actors + 1);
    assert_eq!(t.actor("asma-al-assad").unwrap().name, "Asma al-Assad");
    // A category in use is not deleted, and the window says why.
    // The last Delete button is the last category's (Historical analogy).
    h.query_all_by_label("Delete").last().unwrap().click();
    h.run();
    h.get_by_label_contains("give them another category first");
    assert!(
        h.state()
            .timeline()
            .category("historical-analogy")
            .is_some()
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().timeline().actors.len(), actors);
}

#[test]
fn a_recovery_copy_identical_to_its_file_is_removed_not_offered() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let path = article_file(dir.path());
    let file = io::recovery::write(&recovery, Some(&path), &load_timeline(&path).unwrap()).unwrap();
    written_by_a_dead_process(&file);
    let mut app = app();
    let _ = app.apply(Command::SetRecoveryFolder(Some(recovery)));
    let _ = app.settle(std::time::Duration::from_secs(10));
    assert!(app.offered_recovery().is_none());
    assert!(!file.exists());
}

/// Large timelines are rebuilt after an edit on a worker thread; the window
/// keeps drawing the last state meanwhile. (The threshold is lowered here
/// so that the article takes that path.)
#[test]
fn edits_on_large_timelines_are_applied_in_the_background() {
    let mut app = app();
    let _ = app.apply(Command::SetBackgroundEditsFrom(0));
    let before = app.timeline().clone();
    let mut h = harness(app);
    h.run();
    let e = edit::delete_event(h.state().timeline(), 0).unwrap();
    h.state_mut().apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    assert!(h.state().is_applying_edit());
    assert!(h.state().is_modified());
    // Another edit meanwhile is refused with a message; undo waits its turn.
    let e = edit::duplicate_event(h.state().timeline(), 1).unwrap();
    h.state_mut().apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    assert!(notice_text(h.state()).unwrap().contains("Still applying"));
    h.state_mut().apply(Command::Undo);
    wait_for(&mut h, "the edit and its undo", |a| !a.is_applying_edit());
    assert_eq!(h.state().timeline(), &before);
    assert!(!h.state().is_modified());
    h.state_mut().apply(Command::Redo);
    wait_for(&mut h, "the redo", |a| !a.is_applying_edit());
    assert_eq!(h.state().timeline().events.len(), 77);
    h.get_by_label("77 events");
}

#[test]
fn while_there_are_unsaved_changes_a_copy_is_written_every_few_seconds() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery");
    let path = article_file(dir.path());
    let mut app = app();
    let _ = app.apply(Command::SetRecoveryFolder(Some(recovery.clone())));
    let _ = app.settle(std::time::Duration::from_secs(10));
    open_now(&mut app, &path);
    let copy = io::recovery::file_for(&recovery, Some(&path));
    // Harness steps are a quarter of a second of input time.
    let mut h = harness(app);
    h.run();
    let e = edit::delete_event(h.state().timeline(), 0).unwrap();
    h.state_mut().apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    for _ in 0..8 {
        h.step();
    }
    assert!(!copy.exists(), "not before the interval has passed");
    let start = Instant::now();
    while !copy.exists() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no recovery copy"
        );
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
    // Written on a worker thread: wait until it reads back whole.
    let start = Instant::now();
    let kept = loop {
        let text = std::fs::read_to_string(&copy).unwrap();
        if let Ok(t) = io::parse_timeline(&text, "copy") {
            break t;
        }
        assert!(start.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(10));
    };
    assert_eq!(kept.events.len(), 77);
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    settle(&mut h);
    // Saved: the copy goes (its journal writer removes it, in order).
    wait_until("the copy to go", || (!copy.exists()).then_some(()));
}

#[test]
fn saving_a_commented_file_says_the_comments_stay_only_in_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    let text = std::fs::read_to_string(&path).unwrap();
    let commented = text.replacen("(\n", "(\n    // checked against the reference table\n", 1);
    std::fs::write(&path, &commented).unwrap();
    let mut app = app();
    open_now(&mut app, &path);
    assert!(error_lines(&app).is_empty(), "{:?}", error_lines(&app));
    let e = edit::duplicate_event(app.timeline(), 0).unwrap();
    app.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    apply_and_settle(&mut app, Command::Save);
    assert!(
        notice_text(&app).unwrap().contains("comments are not kept"),
        "{:?}",
        notice_text(&app)
    );
    let backup = std::fs::read_to_string(dir.path().join("article.ron.bak")).unwrap();
    assert!(backup.contains("// checked against the reference table"));
}

/// Large timelines are saved on a worker thread; edits made meanwhile
/// keep the document modified, and the file's own change on disk is not
/// mistaken for another program's.
#[test]
fn large_timelines_are_saved_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    let mut app = app();
    let _ = app.apply(Command::FollowFileOnDisk(true));
    open_now(&mut app, &path);
    let _ = app.apply(Command::SetBackgroundEditsFrom(0));
    let mut h = harness(app);
    h.run_steps(2);
    let e = edit::delete_event(h.state().timeline(), 0).unwrap();
    h.state_mut().apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    wait_for(&mut h, "the edit", |a| !a.is_applying_edit());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.step();
    wait_for(&mut h, "the save", |a| {
        notice_text(a).is_some_and(|n| n.starts_with("Saved"))
    });
    assert!(!h.state().is_modified());
    assert_eq!(load_timeline(&path).unwrap().events.len(), 77);
    // Edited again: were the save's own change on disk taken for another
    // program's, the app would now ask which version to keep.
    let e = edit::delete_event(h.state().timeline(), 0).unwrap();
    h.state_mut().apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    wait_for(&mut h, "the second edit", |a| !a.is_applying_edit());
    assert!(h.state().is_modified());
    // Give the watcher time to report the save.
    for _ in 0..20 {
        h.step();
        std::thread::sleep(Duration::from_millis(30));
    }
    assert_eq!(h.state().pending(), None);
    assert_eq!(h.state().timeline().events.len(), 76, "nothing reloaded");
}

/// The open file deleted (or renamed away) by another program: the app
/// says so and keeps the timeline; once the file is back, it follows it
/// again.
#[test]
fn a_deleted_file_is_reported_and_the_timeline_stays() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    let mut app = app();
    let _ = app.apply(Command::FollowFileOnDisk(true));
    open_now(&mut app, &path);
    let mut h = harness(app);
    h.run_steps(2);
    std::fs::remove_file(&path).unwrap();
    wait_for(&mut h, "the notice", |a| {
        notice_text(a).is_some_and(|n| n.contains("was deleted or renamed"))
    });
    assert_eq!(h.state().timeline().events.len(), 78);
    h.get_by_label_contains("was deleted or renamed by another program");
    // Back, with a change: it is read again and the notice goes.
    let mut t = io::builtin_timeline().unwrap();
    t.title = "Back again".into();
    io::save_timeline(&path, &t).unwrap();
    wait_for(&mut h, "the reload", |a| a.timeline().title == "Back again");
    assert!(
        notice_text(h.state()).is_none(),
        "{:?}",
        notice_text(h.state())
    );
}

/// A second Ctrl+S with nothing changed leaves the file and its backup
/// alone: the backup keeps the version before the last real change.
#[test]
fn saving_without_changes_leaves_the_file_and_its_backup_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    let original = std::fs::read(&path).unwrap();
    let mut app = app();
    open_now(&mut app, &path);
    let e = edit::delete_event(app.timeline(), 0).unwrap();
    app.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    apply_and_settle(&mut app, Command::Save);
    let backup = dir.path().join("article.ron.bak");
    assert_eq!(std::fs::read(&backup).unwrap(), original);
    let saved = std::fs::read(&path).unwrap();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::thread::sleep(Duration::from_millis(20));
    apply_and_settle(&mut app, Command::Save);
    assert!(
        notice_text(&app).is_some_and(|n| n.starts_with("No changes to save")),
        "{:?}",
        notice_text(&app)
    );
    assert_eq!(
        std::fs::read(&backup).unwrap(),
        original,
        "the backup stays"
    );
    assert_eq!(std::fs::read(&path).unwrap(), saved);
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
}

/// Types `text` one character a frame into the field that has the keyboard
/// (focused once, never again), so that messages come and go in between.
fn type_slowly(h: &mut egui_kittest::Harness<'static, timeline_explorer::TimelineApp>, text: &str) {
    for ch in text.chars() {
        h.event(egui::Event::Text(ch.to_string()));
        h.run();
    }
}

#[test]
fn every_field_of_the_form_keeps_every_keystroke_while_messages_come_and_go() {
    let mut h = harness(app());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    // A new event has no date until one is typed.
    assert_eq!(h.state().form().expect("the form").draft.start, "");
    let sentence = "Kremlin readout, 15 October: talks on the bases";
    type FieldOf = fn(&edit::EventDraft) -> &str;
    let fields: [(&str, FieldOf); 11] = [
        ("Title", |d| &d.title),
        ("Date note", |d| &d.date_note),
        ("Id", |d| &d.id),
        ("Tags", |d| &d.tags),
        ("Location", |d| &d.location),
        ("Summary", |d| &d.summary),
        ("Claim", |d| &d.claim),
        ("Discrepancy", |d| &d.discrepancy),
        // Its message ("a source needs a title") goes at the first letter.
        ("Source 1 title", |d| &d.sources[0].title),
        ("Source 1 publisher", |d| &d.sources[0].publisher),
        // A sentence is not an address: the message stays, the typing too.
        ("Source 1 address", |d| &d.sources[0].url),
    ];
    for (label, value) in fields {
        field(&h, label).focus();
        h.run();
        type_slowly(&mut h, sentence);
        let draft = &h.state().form().expect("the form stays open").draft;
        assert_eq!(value(draft), sentence, "typed into {label}");
    }
    // Dates: every keystroke changes the message under the field (a year,
    // not a date, a two-digit year, then a day).
    for (label, typed) in [
        ("Start", "3 Nov 2025"),
        ("End", "Nov 2026"),
        ("Source 1 date", "2025-11-3"),
    ] {
        field(&h, label).focus();
        h.run();
        type_slowly(&mut h, typed);
        let draft = &h.state().form().expect("the form").draft;
        let value = match label {
            "Start" => &draft.start,
            "End" => &draft.end,
            _ => &draft.sources[0].date,
        };
        assert_eq!(value, typed, "typed into {label}");
    }
    // How each was read, at once (not a keystroke late).
    assert_eq!(
        h.query_all_by_label("3 November 2025 (to the day)").count(),
        2,
        "under Start and under the source's date"
    );
    h.get_by_label("November 2026 (to the month)");
}

#[test]
fn enter_adds_the_highlighted_actor_and_ctrl_enter_applies_the_form() {
    let mut h = harness(app());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    field(&h, "Title").type_text("A visit");
    h.run();
    field(&h, "Start").focus();
    h.run();
    field(&h, "Start").type_text("15 Oct 2025");
    h.run();
    field(&h, "Source 1 title").focus();
    h.run();
    field(&h, "Source 1 title").type_text("Readout");
    h.run();
    let actors_before = h.state().timeline().actors.len();
    assert!(actors_before > 0);
    field(&h, "Add an actor").focus();
    h.run();
    // "r" matches several actors; Down highlights the second, Enter adds it.
    field(&h, "Add an actor").type_text("r");
    h.run();
    let suggestions: Vec<String> = h
        .state()
        .timeline()
        .actors
        .iter()
        .filter(|a| {
            timeline_explorer::query::normalize(&a.name).contains('r')
                || a.aliases
                    .iter()
                    .any(|al| timeline_explorer::query::normalize(al).contains('r'))
        })
        .map(|a| a.id.clone())
        .take(2)
        .collect();
    assert_eq!(suggestions.len(), 2, "the dataset has two actors with an r");
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let form = h.state().form().expect("the form stays open");
    assert_eq!(form.draft.actors, vec![suggestions[1].clone()]);
    assert_eq!(form.actor_filter, "");
    // The field keeps the keyboard for the next actor.
    field(&h, "Add an actor").type_text("r");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let form = h.state().form().expect("the form stays open");
    assert_eq!(
        form.draft.actors,
        vec![suggestions[1].clone(), suggestions[0].clone()]
    );
    // Ctrl+Enter applies from any field.
    let before = h.state().timeline().events.len();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    assert!(h.state().form().is_none(), "the form is applied and closed");
    assert_eq!(h.state().timeline().events.len(), before + 1);
    let added = h.state().selected_event().expect("the new event, selected");
    assert_eq!(added.start.to_iso(), "2025-10-15");
    assert_eq!(added.actors.len(), 2);
}

#[test]
fn ctrl_enter_on_a_form_with_problems_says_why_nothing_happened() {
    let mut h = harness(app());
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::N);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    assert!(h.state().form().is_some(), "the form stays open");
    let notice = notice_text(h.state()).expect("a notice");
    assert!(notice.contains("to fix first"), "{notice}");
    assert!(notice.contains("a title is needed"), "{notice}");
}
