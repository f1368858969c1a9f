//! Recovery copies through the app's state: each test is a way the
//! journal, its snapshots and saves could disagree, and what the copy must
//! hold then.

use std::path::{Path, PathBuf};
use std::time::Duration;

use timeline_explorer::io::{self, recovery};
use timeline_explorer::model::edit;
use timeline_explorer::state::{Answer, AppState, RECOVERY_INTERVAL_S};
use timeline_explorer::{Command, Timeline};

use crate::harness::*;

const WAIT: Duration = Duration::from_secs(20);

fn state_with_recovery(dir: &Path) -> (AppState, PathBuf) {
    let recovery_dir = dir.join("recovery");
    let mut state = AppState::new();
    let _ = state.apply(Command::SetRecoveryFolder(Some(recovery_dir.clone())));
    let _ = state.settle(WAIT);
    (state, recovery_dir)
}

fn delete_first(state: &mut AppState) {
    let e = edit::delete_event(state.timeline(), 0).unwrap();
    let _ = state.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
}

/// Background work done, and the copy asked for on disk.
fn settle_copy(state: &mut AppState) {
    let _ = state.settle(WAIT);
    assert_eq!(state.flush_recovery(WAIT), Some(true), "a complete copy");
}

/// The periodic snapshot, as the clock would start it.
fn snapshot_now(state: &mut AppState, now_s: &mut f64) {
    let _ = state.apply(Command::Tick { now_s: *now_s });
    *now_s += RECOVERY_INTERVAL_S + 1.0;
    let _ = state.apply(Command::Tick { now_s: *now_s });
}

fn recovered(copy: &recovery::RecoveryCopy) -> Timeline {
    recovery::read(copy).unwrap().timeline
}

/// Makes a copy look like a crashed session's: written by a process that
/// is gone, under another session's name.
fn crashed(copy: &recovery::RecoveryCopy) -> recovery::RecoveryCopy {
    let ours = format!("// pid={}\n", std::process::id());
    let dead = format!("// pid={}\n", u32::MAX - 1);
    let rename =
        |p: &Path| p.with_file_name(format!("crashed-{}", p.file_name().unwrap().display()));
    for file in [&copy.file, &copy.journal] {
        if let Ok(text) = std::fs::read_to_string(file) {
            std::fs::write(rename(file), text.replacen(&ours, &dead, 1)).unwrap();
            std::fs::remove_file(file).unwrap();
        }
    }
    recovery::orphans(copy.file.parent().unwrap())
        .into_iter()
        .find(|c| c.file == rename(&copy.file))
        .expect("the crashed copy")
}

/// Edits made while a save runs stay in the copy, and the snapshot taken
/// before the save no longer counts: restoring gives every edit.
#[test]
fn edits_made_while_saving_survive_beside_an_older_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    let (mut state, recovery_dir) = state_with_recovery(dir.path());
    open_now(&mut state, &path);
    let n = state.timeline().events.len();
    let mut now_s = 0.0;
    delete_first(&mut state);
    snapshot_now(&mut state, &mut now_s);
    settle_copy(&mut state);
    let copy = recovery::copy_for(&recovery_dir, Some(&path)).unwrap();
    assert_eq!(copy.snapshot_seq, Some(1), "{copy:?}");
    delete_first(&mut state);
    let _ = state.apply(Command::Save);
    assert!(state.is_saving());
    delete_first(&mut state);
    settle_copy(&mut state);
    assert!(state.is_modified());
    assert_eq!(io::load_timeline(&path).unwrap().events.len(), n - 2);
    let copy = recovery::copy_for(&recovery_dir, Some(&path)).unwrap();
    assert!(
        !copy.base_changed,
        "the file is the one just saved: {copy:?}"
    );
    assert_eq!(recovered(&copy).events.len(), n - 3, "{copy:?}");
    assert_eq!(&recovered(&copy), state.timeline());
}

/// Saved under another name while edits go on: the copy moves to the new
/// file with every edit, and the old name's copy goes.
#[test]
fn edits_made_while_saving_as_move_with_the_copy() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    let target = dir.path().join("renamed.ron");
    let (mut state, recovery_dir) = state_with_recovery(dir.path());
    open_now(&mut state, &path);
    let n = state.timeline().events.len();
    delete_first(&mut state);
    let _ = state.apply(Command::SaveAs(Some(target.clone().into())));
    delete_first(&mut state);
    settle_copy(&mut state);
    assert!(state.is_modified());
    assert_eq!(io::load_timeline(&target).unwrap().events.len(), n - 1);
    assert!(recovery::copy_for(&recovery_dir, Some(&path)).is_none());
    let copy = recovery::copy_for(&recovery_dir, Some(&target)).expect("the moved copy");
    assert_eq!(
        copy.original.as_deref(),
        Some(std::fs::canonicalize(&target).unwrap().as_path())
    );
    assert!(!copy.base_changed);
    assert_eq!(recovered(&copy).events.len(), n - 2);
}

/// A file imported from another format has no RON to replay edits on: the
/// copy is complete from the first edit, even when the app is ended at once.
#[test]
fn an_imported_file_edited_once_then_ended_can_be_recovered() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("story.mw");
    std::fs::write(
        &path,
        "2015-09-30: One\n2019-10-09: Two\n2024-12-08: Three\n",
    )
    .unwrap();
    let (mut state, recovery_dir) = state_with_recovery(dir.path());
    let _ = state.apply(Command::Open(path.clone()));
    let _ = state.settle(WAIT);
    assert_eq!(state.timeline().events.len(), 3);
    delete_first(&mut state);
    // No waiting for the background work: the end writes what is missing.
    let _ = state.apply(Command::Terminate);
    assert_eq!(state.flush_recovery(WAIT), Some(true));
    let copy = recovery::copy_for(&recovery_dir, Some(&path)).expect("a copy");
    assert_eq!(&recovered(&copy), state.timeline());
}

/// A snapshot being written when the document is given up for another is
/// dropped, and the given-up copy goes: nothing is left to offer.
#[test]
fn a_document_given_up_leaves_no_copy_even_with_a_snapshot_in_flight() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    let (mut state, recovery_dir) = state_with_recovery(dir.path());
    open_now(&mut state, &path);
    let mut now_s = 0.0;
    delete_first(&mut state);
    snapshot_now(&mut state, &mut now_s);
    // Not settled: the snapshot may still be serializing.
    let _ = state.apply(Command::OpenBuiltin);
    let _ = state.apply(Command::Answer(Answer::Discard));
    settle_copy(&mut state);
    assert!(!state.is_modified());
    let left: Vec<_> = std::fs::read_dir(&recovery_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

/// "Don't save" and the window closes: the copy is removed before the app
/// is gone, not offered at the next start.
#[test]
fn changes_given_up_on_closing_are_not_offered_next_time() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    let (mut state, recovery_dir) = state_with_recovery(dir.path());
    open_now(&mut state, &path);
    delete_first(&mut state);
    settle_copy(&mut state);
    assert!(recovery::copy_for(&recovery_dir, Some(&path)).is_some());
    let _ = state.apply(Command::CloseRequested);
    let _ = state.apply(Command::Answer(Answer::Discard));
    drop(state);
    assert_eq!(std::fs::read_dir(&recovery_dir).unwrap().count(), 0);
}

/// Restoring: the crashed copy is kept until this session's copy holds its
/// changes, then removed; the next crashed copy is offered after.
#[test]
fn restoring_one_crashed_copy_then_offers_the_next() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.ron"), dir.path().join("b.ron"));
    let mut t = io::builtin_timeline().unwrap();
    t.title = "A".into();
    io::save_timeline(&a, &t).unwrap();
    t.title = "B".into();
    io::save_timeline(&b, &t).unwrap();
    // Two sessions crashed, one with each file edited.
    let mut crashed_copies = Vec::new();
    for (path, title) in [(&a, "A, edited"), (&b, "B, edited")] {
        let (mut session, recovery_dir) = state_with_recovery(dir.path());
        open_now(&mut session, path);
        let mut event = session.timeline().events[0].clone();
        event.title = title.into();
        let e = edit::update_event(session.timeline(), 0, event).unwrap();
        let _ = session.apply(Command::ApplyEdit {
            edit: e,
            select: None,
        });
        settle_copy(&mut session);
        let copy = recovery::copy_for(&recovery_dir, Some(path)).unwrap();
        crashed_copies.push(crashed(&copy));
        std::mem::forget(session);
    }
    let (mut state, recovery_dir) = state_with_recovery(dir.path());
    let first = state.offered_recovery().expect("a copy is offered").clone();
    let _ = state.apply(Command::RestoreRecovery);
    settle_copy(&mut state);
    let restored_title = state.timeline().events[0].title.clone();
    assert!(restored_title.ends_with(", edited"), "{restored_title}");
    assert!(
        !first.file.exists() && !first.journal.exists(),
        "the crashed copy went"
    );
    let own = recovery::copy_for(&recovery_dir, first.original.as_deref()).expect("ours");
    assert_eq!(&recovered(&own), state.timeline());
    let next = state
        .offered_recovery()
        .expect("the other copy is offered next");
    assert_ne!(next.file, first.file);
    assert!(crashed_copies.iter().any(|c| c.file == next.file));
}

/// A write killed half-way leaves its temporary file (named by its
/// process): the next start removes those of processes that are gone, in
/// the folders of the recent files and those written into lately, and
/// leaves a running process's alone.
#[test]
fn the_next_start_removes_temporaries_of_killed_writes() {
    let dir = tempfile::tempdir().unwrap();
    let (docs, exports) = (dir.path().join("docs"), dir.path().join("exports"));
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::create_dir_all(&exports).unwrap();
    let path = article_file(&docs);
    let mut state = AppState::new();
    open_now(&mut state, &path);
    let handout = exports.join("handout.svg");
    let _ = state.apply(Command::ExportTo(
        timeline_explorer::state::ExportKind::Handout,
        handout.clone().into(),
    ));
    let _ = state.settle(WAIT);
    assert!(handout.exists());
    let remembered = state.persisted_state();
    let temporary = |folder: &Path, pid: u32| folder.join(format!(".timeline-save-{pid}-x1.tmp"));
    let dead = u32::MAX - 1;
    let left = [temporary(&docs, dead), temporary(&exports, dead)];
    let live = temporary(&exports, std::process::id());
    for file in left.iter().chain([&live]) {
        std::fs::write(file, "half a file").unwrap();
    }
    let mut next = AppState::restored(&remembered, None);
    let _ = next.apply(Command::SetRecoveryFolder(Some(
        dir.path().join("recovery"),
    )));
    let _ = next.settle(WAIT);
    for file in &left {
        assert!(!file.exists(), "{} is left", file.display());
    }
    assert!(live.exists(), "a running process's temporary file stays");
}

/// The periodic snapshot waits while an edit is applied on a worker (the
/// shown timeline lacks it): the copy keeps that edit.
#[test]
fn a_snapshot_due_while_an_edit_is_applied_keeps_the_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    let (mut state, recovery_dir) = state_with_recovery(dir.path());
    open_now(&mut state, &path);
    // An edit (a snapshot is due), then one applied on a worker.
    delete_first(&mut state);
    let mut now_s = 0.0;
    let _ = state.apply(Command::Tick { now_s });
    let _ = state.apply(Command::SetBackgroundEditsFrom(0));
    delete_first(&mut state);
    assert!(state.is_applying_edit());
    snapshot_now(&mut state, &mut now_s);
    settle_copy(&mut state);
    snapshot_now(&mut state, &mut now_s);
    settle_copy(&mut state);
    let copy = recovery::copy_for(&recovery_dir, Some(&path)).unwrap();
    assert_eq!(&recovered(&copy), state.timeline(), "{copy:?}");
}

/// Undone back to the saved state while a save runs, then edited again:
/// the copy still replays to what is shown (not to the save plus the new
/// edit).
#[test]
fn an_undo_to_the_saved_state_during_a_save_keeps_the_copy_right() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    let (mut state, recovery_dir) = state_with_recovery(dir.path());
    open_now(&mut state, &path);
    delete_first(&mut state);
    let _ = state.apply(Command::Save);
    let _ = state.apply(Command::Undo);
    let mut event = state.timeline().events[1].clone();
    event.title = "Edited after the undo".into();
    let e = edit::update_event(state.timeline(), 1, event).unwrap();
    let _ = state.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    settle_copy(&mut state);
    assert!(state.is_modified());
    let copy = recovery::copy_for(&recovery_dir, Some(&path)).expect("a copy");
    assert_eq!(&recovered(&copy), state.timeline(), "{copy:?}");
}

/// Killed just after a save replaced the file (before the app heard it
/// was done): the file holds the edits, and restoring does not apply them
/// a second time.
#[test]
fn a_crash_just_after_a_save_does_not_replay_its_edits_twice() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    let (mut state, recovery_dir) = state_with_recovery(dir.path());
    open_now(&mut state, &path);
    let n = state.timeline().events.len();
    delete_first(&mut state);
    delete_first(&mut state);
    let _ = state.flush_recovery(WAIT);
    let _ = state.apply(Command::Save);
    // The save's worker replaces the file; its report is never read.
    wait_until("the save", || {
        io::load_timeline(&path)
            .ok()
            .filter(|t| t.events.len() == n - 2)
    });
    let copy = recovery::copy_for(&recovery_dir, Some(&path)).expect("a copy");
    std::mem::forget(state);
    let copy = crashed(&copy);
    assert!(!copy.base_changed, "{copy:?}");
    assert!(
        recovery::holds_nothing_new(&copy),
        "the file holds everything: {copy:?}"
    );
    assert_eq!(recovered(&copy).events.len(), n - 2);
}

/// A crashed session's edits that no longer fit the file are not thrown
/// away with its copy: the copy stays.
#[test]
fn a_crashed_copy_with_edits_left_out_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    let (mut session, recovery_dir) = state_with_recovery(dir.path());
    open_now(&mut session, &path);
    let last = session.timeline().events.len() - 1;
    let e = edit::delete_event(session.timeline(), last).unwrap();
    let _ = session.apply(Command::ApplyEdit {
        edit: e,
        select: None,
    });
    settle_copy(&mut session);
    let copy = crashed(&recovery::copy_for(&recovery_dir, Some(&path)).unwrap());
    std::mem::forget(session);
    // Meanwhile the file lost that event: the edit cannot be replayed.
    let mut t = io::load_timeline(&path).unwrap();
    let gone = t.events.pop().unwrap().id;
    for story in &mut t.stories {
        story.steps.retain(|s| s.event != gone);
    }
    for r in &mut t.relations {
        r.start_events.retain(|e| *e != gone);
        r.end_events.retain(|e| *e != gone);
    }
    io::save_timeline(&path, &t).unwrap();
    let (mut state, _) = state_with_recovery(dir.path());
    assert_eq!(state.offered_recovery().map(|c| &c.file), Some(&copy.file));
    let _ = state.apply(Command::RestoreRecovery);
    settle_copy(&mut state);
    let notice = notice_text(&state).unwrap_or_default();
    assert!(
        notice.contains("left out"),
        "{notice:?} {:?}",
        state.load_error()
    );
    assert!(copy.journal.exists(), "the crashed copy is kept");
}

/// A copy written under our process id by another session (ids repeat in
/// containers) is a crashed one, offered; our own session's is not.
#[test]
fn a_copy_of_another_session_with_our_process_id_is_offered() {
    let dir = tempfile::tempdir().unwrap();
    let path = article_file(dir.path());
    let recovery_dir = dir.path().join("recovery");
    let mut t = io::load_timeline(&path).unwrap();
    t.title = "Edited by an earlier session".into();
    let file = recovery::write(&recovery_dir, Some(&path), &t).unwrap();
    assert!(recovery::orphans(&recovery_dir).is_empty(), "ours");
    let text = std::fs::read_to_string(&file).unwrap();
    let ours = format!("// session={}\n", recovery::session());
    assert!(text.contains(&ours));
    let other = file.with_file_name("earlier.ron");
    std::fs::write(&other, text.replacen(&ours, "// session=1-abc\n", 1)).unwrap();
    std::fs::remove_file(&file).unwrap();
    let found = recovery::orphans(&recovery_dir);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(recovered(&found[0]).title, "Edited by an earlier session");
}
