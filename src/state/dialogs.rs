//! What the dialogs hold while open: the event form's draft, the actors
//! and categories being edited, the CSV column choice. Plain data: the
//! widgets in `ui` edit a copy and send it back as a command.

use std::path::PathBuf;

use crate::io::csv_table::{ColumnMap, Field, recognised};
use crate::model::edit::{DraftField, EventDraft};
use crate::model::{Actor, Category, Event, Timeline};

use super::command::EventRef;

/// An open event form: what is being edited and the text typed so far.
#[derive(Clone, Debug, PartialEq)]
pub struct EventForm {
    /// The event being edited; `None` for a new event.
    pub editing: Option<EventRef>,
    pub draft: EventDraft,
    /// Narrows the actor list.
    pub actor_filter: String,
    /// Which of the actor suggestions Enter adds (moved by Up and Down).
    pub actor_highlight: usize,
    /// Put the cursor in the title on the first frame.
    pub focus_title: bool,
    /// The last check: of which draft, against which data generation.
    checked: Option<CheckedDraft>,
}

/// A draft's check, kept until the draft or the data change.
#[derive(Clone, Debug, PartialEq)]
struct CheckedDraft {
    draft: EventDraft,
    data_generation: u64,
    result: Result<Event, Vec<(DraftField, String)>>,
}

impl EventForm {
    pub fn new_event(t: &Timeline) -> Self {
        Self {
            editing: None,
            draft: EventDraft::new_event(t),
            actor_filter: String::new(),
            actor_highlight: 0,
            focus_title: true,
            checked: None,
        }
    }

    pub fn edit(event: EventRef, e: &Event) -> Self {
        Self {
            editing: Some(event),
            draft: EventDraft::from_event(e),
            actor_filter: String::new(),
            actor_highlight: 0,
            focus_title: true,
            checked: None,
        }
    }

    /// The draft checked against the timeline; computed again only when
    /// the draft or the data (`data_generation`) have changed.
    pub fn check(
        &mut self,
        t: &Timeline,
        data_generation: u64,
    ) -> Result<Event, Vec<(DraftField, String)>> {
        match &self.checked {
            Some(c) if c.data_generation == data_generation && c.draft == self.draft => {
                c.result.clone()
            }
            _ => {
                let index = self.editing.as_ref().and_then(|r| r.index_in(t));
                let result = self.draft.check(t, index);
                self.checked = Some(CheckedDraft {
                    draft: self.draft.clone(),
                    data_generation,
                    result: result.clone(),
                });
                result
            }
        }
    }
}

/// The actors and categories window: the actor or category being edited.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Catalogue {
    /// Index (`None` for a new one), the edited copy, and its other names
    /// as typed.
    pub actor: Option<(Option<usize>, Actor, String)>,
    pub category: Option<(Option<usize>, Category)>,
    /// Why the last change was refused.
    pub message: Option<String>,
}

impl Catalogue {
    /// Closes the actor or category editor once its change is taken.
    pub fn change_taken(&mut self) {
        self.actor = None;
        self.category = None;
    }
}

/// The fields the column chooser offers, in order; `Actors` may take
/// several columns.
pub const CHOOSABLE_FIELDS: [Field; 9] = [
    Field::Start,
    Field::End,
    Field::Title,
    Field::Description,
    Field::Category,
    Field::Location,
    Field::Source,
    Field::Url,
    Field::Certainty,
];

/// The column chooser: the file, its columns and the choices so far.
#[derive(Clone, Debug, PartialEq)]
pub struct ColumnChoice {
    pub path: PathBuf,
    pub headers: Vec<String>,
    /// For each of [`CHOOSABLE_FIELDS`], the chosen column.
    pub chosen: Vec<Option<usize>>,
    /// Columns holding actors.
    pub actors: Vec<bool>,
}

impl ColumnChoice {
    /// Starts from what the header names say.
    pub fn new(path: PathBuf, headers: Vec<String>) -> Self {
        let chosen = CHOOSABLE_FIELDS
            .iter()
            .map(|f| headers.iter().position(|h| recognised(h) == Some(*f)))
            .collect();
        let actors = headers
            .iter()
            .map(|h| recognised(h) == Some(Field::Actors))
            .collect();
        Self {
            path,
            headers,
            chosen,
            actors,
        }
    }

    /// The map for the importer; `None` until a date column is chosen.
    pub fn map(&self) -> Option<ColumnMap> {
        self.chosen.first().copied().flatten()?;
        let mut columns: Vec<(Field, Vec<String>)> = CHOOSABLE_FIELDS
            .iter()
            .zip(&self.chosen)
            .filter_map(|(f, c)| c.map(|c| (*f, vec![self.headers[c].clone()])))
            .collect();
        let actors: Vec<String> = self
            .headers
            .iter()
            .zip(&self.actors)
            .filter(|(_, on)| **on)
            .map(|(h, _)| h.clone())
            .collect();
        if !actors.is_empty() {
            columns.push((Field::Actors, actors));
        }
        Some(ColumnMap { columns })
    }
}
