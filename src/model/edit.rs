//! Edits to a timeline as reversible commands, and the undo/redo history.
//!
//! Every edit is a list of item changes (an event, actor, category, story
//! or saved view inserted, replaced or removed at an index), each holding
//! the item before and after, so undoing is applying the inverse. Edits
//! that remove something also fix what referred to it (story steps, view
//! selections, event actors), inside the same edit, so one undo brings
//! everything back.

use std::collections::HashSet;

use super::event::{Actor, Category, Event, Timeline};
use super::relation::Relation;
use super::view::{SavedView, Story};

/// One item inserted (`before` is `None`), removed (`after` is `None`) or
/// replaced, at `index` of its list.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Item<T> {
    pub index: usize,
    pub before: Option<T>,
    pub after: Option<T>,
}

impl<T: Clone> Item<T> {
    fn inverse(&self) -> Self {
        Item {
            index: self.index,
            before: self.after.clone(),
            after: self.before.clone(),
        }
    }

    fn apply(&self, list: &mut Vec<T>) -> Result<(), EditError> {
        match (&self.before, &self.after) {
            (None, Some(after)) if self.index <= list.len() => {
                list.insert(self.index, after.clone())
            }
            (Some(_), None) if self.index < list.len() => {
                list.remove(self.index);
            }
            (Some(_), Some(after)) if self.index < list.len() => list[self.index] = after.clone(),
            (None, None) => {}
            _ => return Err(EditError::OutOfRange(self.index)),
        }
        Ok(())
    }
}

/// A change to one list of the timeline.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Change {
    /// Boxed: an event is far larger than the other items.
    Event(Box<Item<Event>>),
    Actor(Item<Actor>),
    Category(Item<Category>),
    Story(Item<Story>),
    View(Item<SavedView>),
    Relation(Item<Relation>),
}

impl Change {
    fn inverse(&self) -> Change {
        match self {
            Change::Event(i) => Change::Event(Box::new(i.inverse())),
            Change::Actor(i) => Change::Actor(i.inverse()),
            Change::Category(i) => Change::Category(i.inverse()),
            Change::Story(i) => Change::Story(i.inverse()),
            Change::View(i) => Change::View(i.inverse()),
            Change::Relation(i) => Change::Relation(i.inverse()),
        }
    }

    fn apply(&self, t: &mut Timeline) -> Result<(), EditError> {
        match self {
            Change::Event(i) => i.apply(&mut t.events),
            Change::Actor(i) => i.apply(&mut t.actors),
            Change::Category(i) => i.apply(&mut t.categories),
            Change::Story(i) => i.apply(&mut t.stories),
            Change::View(i) => i.apply(&mut t.views),
            Change::Relation(i) => i.apply(&mut t.relations),
        }
    }
}

/// One user action: a label for the Undo menu and the changes it makes.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Edit {
    pub label: String,
    pub changes: Vec<Change>,
}

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("no item at index {0} (the edit does not fit this timeline)")]
    OutOfRange(usize),
    #[error("{0}")]
    Refused(String),
}

impl Edit {
    /// Applies the changes in order. On failure, the ones already applied
    /// are undone, so the timeline is as before.
    pub fn apply(&self, t: &mut Timeline) -> Result<(), EditError> {
        for (k, change) in self.changes.iter().enumerate() {
            if let Err(e) = change.apply(t) {
                for done in self.changes[..k].iter().rev() {
                    let _ = done.inverse().apply(t);
                }
                return Err(e);
            }
        }
        Ok(())
    }

    /// The edit that undoes this one.
    pub fn inverse(&self) -> Edit {
        Edit {
            label: self.label.clone(),
            changes: self.changes.iter().rev().map(Change::inverse).collect(),
        }
    }
}

/// An id not yet used by any event: `base`, else `base-2`, `base-3`, …
pub fn unused_event_id(t: &Timeline, base: &str) -> String {
    // Ids as written too: an event's id may not be another's as written.
    let taken: HashSet<&str> = t
        .events
        .iter()
        .flat_map(|e| std::iter::once(e.id.as_str()).chain(e.id_as_written.as_deref()))
        .collect();
    if !taken.contains(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken.contains(id.as_str()))
        .unwrap_or_default()
}

/// An edit adding `item` at the end of a list of `len` items.
fn appended<T>(len: usize, item: T, wrap: fn(Item<T>) -> Change, label: String) -> Edit {
    Edit {
        label,
        changes: vec![wrap(Item {
            index: len,
            before: None,
            after: Some(item),
        })],
    }
}

/// An edit replacing `list[index]` with `item`.
fn replaced<T: Clone>(
    list: &[T],
    index: usize,
    item: T,
    wrap: fn(Item<T>) -> Change,
    label: String,
) -> Result<Edit, EditError> {
    let before = list.get(index).ok_or(EditError::OutOfRange(index))?.clone();
    Ok(Edit {
        label,
        changes: vec![wrap(Item {
            index,
            before: Some(before),
            after: Some(item),
        })],
    })
}

/// Adds an event at the end.
pub fn add_event(t: &Timeline, event: Event) -> Edit {
    let label = format!("add \"{}\"", event.title);
    appended(t.events.len(), event, |i| Change::Event(Box::new(i)), label)
}

/// Replaces the event at `index` (its id is kept by the form).
pub fn update_event(t: &Timeline, index: usize, event: Event) -> Result<Edit, EditError> {
    let label = format!("edit \"{}\"", event.title);
    replaced(
        &t.events,
        index,
        event,
        |i| Change::Event(Box::new(i)),
        label,
    )
}

/// A copy of the event, with a new id, right after it.
pub fn duplicate_event(t: &Timeline, index: usize) -> Result<Edit, EditError> {
    let mut copy = t
        .events
        .get(index)
        .ok_or(EditError::OutOfRange(index))?
        .clone();
    copy.id = unused_event_id(t, &format!("{}-copy", copy.id));
    // The source's id names the original, not the copy.
    copy.id_as_written = None;
    copy.title = format!("{} (copy)", copy.title);
    Ok(Edit {
        label: format!("duplicate \"{}\"", t.events[index].title),
        changes: vec![Change::Event(Box::new(Item {
            index: index + 1,
            before: None,
            after: Some(copy),
        }))],
    })
}

/// Removes the event, its story steps (a story left empty goes too), any
/// saved view's selection of it and its place among the events marking a
/// relation's start or end.
pub fn delete_event(t: &Timeline, index: usize) -> Result<Edit, EditError> {
    let event = t.events.get(index).ok_or(EditError::OutOfRange(index))?;
    let id = event.id.as_str();
    let mut changes = Vec::new();
    for (i, r) in t.relations.iter().enumerate() {
        if r.start_events.iter().chain(&r.end_events).any(|e| e == id) {
            let mut after = r.clone();
            after.start_events.retain(|e| e != id);
            after.end_events.retain(|e| e != id);
            changes.push(Change::Relation(Item {
                index: i,
                before: Some(r.clone()),
                after: Some(after),
            }));
        }
    }
    for (i, view) in t.views.iter().enumerate() {
        if view.selected.as_deref() == Some(id) {
            let mut after = view.clone();
            after.selected = None;
            changes.push(view_change(i, view, Some(after)));
        }
    }
    // Stories from the last, so removing one does not move the others.
    for (i, story) in t.stories.iter().enumerate().rev() {
        if story.steps.iter().any(|s| s.event == id) {
            let mut after = story.clone();
            after.steps.retain(|s| s.event != id);
            let after = (!after.steps.is_empty()).then_some(after);
            changes.push(Change::Story(Item {
                index: i,
                before: Some(story.clone()),
                after,
            }));
        }
    }
    changes.push(Change::Event(Box::new(Item {
        index,
        before: Some(event.clone()),
        after: None,
    })));
    Ok(Edit {
        label: format!("delete \"{}\"", event.title),
        changes,
    })
}

fn view_change(index: usize, before: &SavedView, after: Option<SavedView>) -> Change {
    Change::View(Item {
        index,
        before: Some(before.clone()),
        after,
    })
}

/// Adds an actor at the end.
pub fn add_actor(t: &Timeline, actor: Actor) -> Edit {
    let label = format!("add actor \"{}\"", actor.name);
    appended(t.actors.len(), actor, Change::Actor, label)
}

/// Replaces the actor at `index` (same id).
pub fn update_actor(t: &Timeline, index: usize, actor: Actor) -> Result<Edit, EditError> {
    let label = format!("edit actor \"{}\"", actor.name);
    replaced(&t.actors, index, actor, Change::Actor, label)
}

/// Removes the actor from every event, view and affiliation, and its
/// relations (a relation needs both its actors), then the actor itself.
pub fn delete_actor(t: &Timeline, index: usize) -> Result<Edit, EditError> {
    let actor = t.actors.get(index).ok_or(EditError::OutOfRange(index))?;
    let id = actor.id.as_str();
    let mut changes = Vec::new();
    // From the last, so removing one does not move the others.
    for (i, r) in t.relations.iter().enumerate().rev() {
        if r.involves(id) {
            changes.push(Change::Relation(Item {
                index: i,
                before: Some(r.clone()),
                after: None,
            }));
        }
    }
    for (i, ev) in t.events.iter().enumerate() {
        if ev.actors.iter().any(|a| a == id) {
            let mut after = ev.clone();
            after.actors.retain(|a| a != id);
            after.roles.retain(|(a, _)| a != id);
            changes.push(Change::Event(Box::new(Item {
                index: i,
                before: Some(ev.clone()),
                after: Some(after),
            })));
        }
    }
    for (i, view) in t.views.iter().enumerate() {
        if view.query.actors.iter().any(|a| a == id) {
            let mut after = view.clone();
            after.query.actors.retain(|a| a != id);
            changes.push(view_change(i, view, Some(after)));
        }
    }
    for (i, other) in t.actors.iter().enumerate() {
        if other.affiliation.as_deref() == Some(id) {
            let mut after = other.clone();
            after.affiliation = None;
            changes.push(Change::Actor(Item {
                index: i,
                before: Some(other.clone()),
                after: Some(after),
            }));
        }
    }
    changes.push(Change::Actor(Item {
        index,
        before: Some(actor.clone()),
        after: None,
    }));
    Ok(Edit {
        label: format!("delete actor \"{}\"", actor.name),
        changes,
    })
}

/// Adds a category at the end.
pub fn add_category(t: &Timeline, category: Category) -> Edit {
    let label = format!("add category \"{}\"", category.name);
    appended(t.categories.len(), category, Change::Category, label)
}

/// Renames the category at `index` (same id).
pub fn update_category(t: &Timeline, index: usize, category: Category) -> Result<Edit, EditError> {
    let label = format!("edit category \"{}\"", category.name);
    replaced(&t.categories, index, category, Change::Category, label)
}

/// Removes an unused category (and it from saved views). A category that
/// events still use is refused: move those events first.
pub fn delete_category(t: &Timeline, index: usize) -> Result<Edit, EditError> {
    let category = t
        .categories
        .get(index)
        .ok_or(EditError::OutOfRange(index))?;
    let used = t
        .events
        .iter()
        .filter(|e| e.category == category.id)
        .count();
    if used > 0 {
        return Err(EditError::Refused(format!(
            "{used} event{} still in \"{}\"; give {} another category first",
            if used == 1 { " is" } else { "s are" },
            category.name,
            if used == 1 { "it" } else { "them" }
        )));
    }
    let mut changes = Vec::new();
    for (i, view) in t.views.iter().enumerate() {
        if view.query.categories.contains(&category.id) {
            let mut after = view.clone();
            after.query.categories.retain(|c| c != &category.id);
            changes.push(view_change(i, view, Some(after)));
        }
    }
    changes.push(Change::Category(Item {
        index,
        before: Some(category.clone()),
        after: None,
    }));
    Ok(Edit {
        label: format!("delete category \"{}\"", category.name),
        changes,
    })
}

/// The undo and redo stacks, and where the file was last saved.
#[derive(Clone, Debug, Default)]
pub struct History {
    done: Vec<Edit>,
    undone: Vec<Edit>,
    /// `done.len()` when last saved or opened; `None` once that state can
    /// no longer be reached by undo or redo.
    saved_at: Option<usize>,
    /// The same for a save still being written (on a worker thread).
    saving_at: Option<usize>,
}

impl History {
    /// An empty history of a timeline just opened or saved.
    pub fn new() -> Self {
        Self {
            done: Vec::new(),
            undone: Vec::new(),
            saved_at: Some(0),
            saving_at: None,
        }
    }

    /// Applies a new edit; the redo stack is dropped.
    pub fn apply(&mut self, t: &mut Timeline, edit: Edit) -> Result<(), EditError> {
        edit.apply(t)?;
        self.record(edit);
        Ok(())
    }

    /// Records an edit applied elsewhere (e.g. on a worker thread); the
    /// redo stack is dropped.
    pub fn record(&mut self, edit: Edit) {
        if self.saved_at.is_some_and(|s| s > self.done.len()) {
            self.saved_at = None;
        }
        if self.saving_at.is_some_and(|s| s > self.done.len()) {
            self.saving_at = None;
        }
        self.done.push(edit);
        self.undone.clear();
    }

    /// Drops the last recorded edit (its application failed).
    pub fn forget_last(&mut self) {
        self.done.pop();
    }

    /// Moves the last edit to the redo stack and returns the edit that
    /// undoes it, to be applied by the caller.
    pub fn take_undo(&mut self) -> Option<Edit> {
        let edit = self.done.pop()?;
        let inverse = edit.inverse();
        self.undone.push(edit);
        Some(inverse)
    }

    /// Moves the last undone edit back and returns it, to be applied by
    /// the caller.
    pub fn take_redo(&mut self) -> Option<Edit> {
        let edit = self.undone.pop()?;
        self.done.push(edit.clone());
        Some(edit)
    }

    /// Undoes the last edit; returns its label.
    pub fn undo(&mut self, t: &mut Timeline) -> Option<String> {
        let inverse = self.take_undo()?;
        if inverse.apply(t).is_err() {
            self.take_redo();
            return None;
        }
        Some(inverse.label)
    }

    /// Redoes the last undone edit; returns its label.
    pub fn redo(&mut self, t: &mut Timeline) -> Option<String> {
        let edit = self.take_redo()?;
        if edit.apply(t).is_err() {
            self.take_undo();
            return None;
        }
        Some(edit.label)
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.done.last().map(|e| e.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.undone.last().map(|e| e.label.as_str())
    }

    /// Whether the timeline differs from the file (as saved or opened).
    pub fn is_modified(&self) -> bool {
        self.saved_at != Some(self.done.len())
    }

    /// The timeline now matches the file.
    pub fn mark_saved(&mut self) {
        self.saved_at = Some(self.done.len());
    }

    /// A save of the current state has started (written elsewhere).
    pub fn begin_save(&mut self) {
        self.saving_at = Some(self.done.len());
    }

    /// That save is on disk: the file matches the state it was taken
    /// from, wherever the history has moved since.
    pub fn finish_save(&mut self) {
        self.saved_at = self.saving_at.take();
    }

    /// That save failed: the file is as before.
    pub fn finish_save_failed(&mut self) {
        self.saving_at = None;
    }

    /// The file no longer matches anything in the history (it changed on
    /// disk, or a recovery copy was restored).
    pub fn mark_unsaved(&mut self) {
        self.saved_at = None;
    }
}

pub use super::draft::{DraftField, EventDraft, KeptFields, SourceDraft};
