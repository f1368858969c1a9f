//! The event form's draft: the text a user types, checked into an event.

use super::date::Date;
use super::edit::unused_event_id;
use super::event::{Certainty, Event, Provenance, Source, Timeline};

/// An event as typed into the form: text fields, checked by [`EventDraft::check`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EventDraft {
    pub id: String,
    pub title: String,
    pub start: String,
    pub end: String,
    pub date_note: String,
    pub certainty: Option<Certainty>,
    pub provenance: Option<Provenance>,
    pub actors: Vec<String>,
    /// The actors' roles, kept through an edit (the form does not show
    /// them yet); a role whose actor was removed goes with it.
    pub roles: Vec<(String, crate::model::Role)>,
    pub category: String,
    /// Comma-separated.
    pub tags: String,
    pub location: String,
    pub summary: String,
    pub claim: String,
    pub discrepancy: String,
    pub sources: Vec<SourceDraft>,
    /// What the form does not show, kept through an edit as it was.
    pub kept: KeptFields,
}

/// The event's fields the form does not show (read from other formats):
/// an edit keeps them as they were.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KeptFields {
    pub coordinates: Option<crate::model::Coordinates>,
    pub numbers: Vec<(String, f64)>,
    pub display_date: Option<String>,
    pub media: Option<Box<crate::model::Media>>,
    pub background: Option<Box<crate::model::Background>>,
    /// The title the source did not give (`Event::untitled`): still made
    /// up while the form leaves it as it was.
    pub made_up_title: Option<String>,
    /// The id as the source wrote it, with the id it stands beside: kept
    /// while the form leaves the id as it was.
    pub id_as_written: Option<(String, String)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourceDraft {
    pub title: String,
    pub publisher: String,
    pub url: String,
    pub date: String,
}

/// The form's fields, for placing messages next to them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DraftField {
    Id,
    Title,
    Start,
    End,
    Category,
    Actors,
    Sources,
    SourceTitle(usize),
    SourceUrl(usize),
    SourceDate(usize),
}

fn text(s: &str) -> Option<String> {
    Some(s.trim().to_string()).filter(|s| !s.is_empty())
}

impl EventDraft {
    /// A new event's form: no date yet (a default date would be saved by
    /// mistake), the first category, one empty source.
    pub fn new_event(t: &Timeline) -> Self {
        Self {
            certainty: Some(Certainty::Reported),
            provenance: Some(Provenance::Context),
            category: t
                .categories
                .first()
                .map(|c| c.id.clone())
                .unwrap_or_default(),
            sources: vec![SourceDraft::default()],
            ..Self::default()
        }
    }

    /// The form filled from an event.
    pub fn from_event(e: &Event) -> Self {
        Self {
            id: e.id.clone(),
            title: e.title.clone(),
            start: e.start.to_iso(),
            end: e.end.as_ref().map(Date::to_iso).unwrap_or_default(),
            date_note: e.date_note.clone().unwrap_or_default(),
            certainty: Some(e.certainty),
            provenance: Some(e.provenance),
            actors: e.actors.clone(),
            roles: e.roles.clone(),
            category: e.category.clone(),
            tags: e.tags.join(", "),
            location: e.location.clone().unwrap_or_default(),
            summary: e.summary.clone(),
            claim: e.claim.clone().unwrap_or_default(),
            discrepancy: e.discrepancy.clone().unwrap_or_default(),
            sources: e
                .sources
                .iter()
                .map(|s| SourceDraft {
                    title: s.title.clone(),
                    publisher: s.publisher.clone().unwrap_or_default(),
                    url: s.url.clone().unwrap_or_default(),
                    date: s.date.as_ref().map(Date::to_iso).unwrap_or_default(),
                })
                .collect(),
            kept: KeptFields {
                coordinates: e.coordinates,
                numbers: e.numbers.clone(),
                display_date: e.display_date.clone(),
                media: e.media.clone(),
                background: e.background.clone(),
                made_up_title: e.untitled.then(|| e.title.clone()),
                id_as_written: e.id_as_written.clone().map(|w| (e.id.clone(), w)),
            },
        }
    }

    /// A date field as typed: empty, a date at its precision, or why not.
    pub fn parse_date(text: &str) -> Option<Result<Date, String>> {
        let t = text.trim();
        (!t.is_empty()).then(|| {
            super::date_entry::parse_entry(t).map_err(|e| match e {
                super::date_entry::EntryError::Form(message) => message,
                other => other.to_string(),
            })
        })
    }

    /// The event, or every problem with the field it belongs to.
    /// `editing` is the index of the event being edited (its id may stay).
    pub fn check(
        &self,
        t: &Timeline,
        editing: Option<usize>,
    ) -> Result<Event, Vec<(DraftField, String)>> {
        let mut problems = Vec::new();
        let mut id = self.id.trim().to_string();
        // A new event without an id gets one from its title and year.
        if id.is_empty() && editing.is_none() {
            let year = Self::parse_date(&self.start)
                .and_then(Result::ok)
                .map(|d| d.year_value().to_string())
                .unwrap_or_default();
            let base = super::text::slug(&format!("{} {year}", self.title));
            if !base.is_empty() {
                id = unused_event_id(t, &base);
            }
        }
        if self.title.trim().is_empty() {
            problems.push((DraftField::Title, "a title is needed".into()));
        }
        // Without a title (said above) there is nothing to make an id of.
        let id_follows_title = self.id.trim().is_empty() && self.title.trim().is_empty();
        if !id_follows_title {
            if !super::text::is_kebab_case(&id) {
                problems.push((
                    DraftField::Id,
                    "the id must be lowercase letters and digits joined by hyphens, like astana-talks-2017".into(),
                ));
            } else if t.events.iter().enumerate().any(|(i, e)| {
                (e.id == id || e.id_as_written.as_deref() == Some(id.as_str()))
                    && Some(i) != editing
            }) {
                problems.push((
                    DraftField::Id,
                    format!("another event already has the id \"{id}\""),
                ));
            }
        }
        let start = match Self::parse_date(&self.start) {
            None => {
                problems.push((DraftField::Start, "a start date is needed".into()));
                None
            }
            Some(Err(e)) => {
                problems.push((DraftField::Start, e));
                None
            }
            Some(Ok(d)) => Some(d),
        };
        let end = match Self::parse_date(&self.end) {
            None => None,
            Some(Err(e)) => {
                problems.push((DraftField::End, e));
                None
            }
            Some(Ok(d)) => Some(d),
        };
        if let (Some(s), Some(e)) = (&start, &end)
            && e.end_axis_days() <= s.axis_days()
        {
            problems.push((
                DraftField::End,
                format!(
                    "the end ({}) is before the start ({})",
                    e.display(),
                    s.display()
                ),
            ));
        }
        if t.category(&self.category).is_none() {
            problems.push((DraftField::Category, "choose a category".into()));
        }
        if let Some(unknown) = self.actors.iter().find(|a| t.actor(a).is_none()) {
            problems.push((
                DraftField::Actors,
                format!("no actor has the id \"{unknown}\""),
            ));
        }
        let mut sources = Vec::new();
        for (i, s) in self.sources.iter().enumerate() {
            if s.title.trim().is_empty() && s.url.trim().is_empty() && s.publisher.trim().is_empty()
            {
                continue;
            }
            if s.title.trim().is_empty() {
                problems.push((DraftField::SourceTitle(i), "a source needs a title".into()));
            }
            let url = text(&s.url);
            if let Some(u) = &url
                && !(u.starts_with("https://") || u.starts_with("http://"))
            {
                problems.push((
                    DraftField::SourceUrl(i),
                    "a web address starts with https:// or http://".into(),
                ));
            }
            let date = match Self::parse_date(&s.date) {
                Some(Err(e)) => {
                    problems.push((DraftField::SourceDate(i), e));
                    None
                }
                other => other.and_then(Result::ok),
            };
            sources.push(Source {
                title: s.title.trim().to_string(),
                publisher: text(&s.publisher),
                url,
                date,
            });
        }
        if sources.is_empty() {
            problems.push((DraftField::Sources, "at least one source is needed".into()));
        }
        let (Some(start), true) = (start, problems.is_empty()) else {
            return Err(problems);
        };
        // The source's id stays while the id it stood beside does.
        let id_as_written = self
            .kept
            .id_as_written
            .as_ref()
            .filter(|(was, _)| *was == id)
            .map(|(_, w)| w.clone());
        Ok(Event {
            id,
            title: self.title.trim().to_string(),
            start,
            end,
            date_note: text(&self.date_note),
            certainty: self.certainty.unwrap_or(Certainty::Reported),
            provenance: self.provenance.unwrap_or(Provenance::Context),
            actors: self.actors.clone(),
            roles: self
                .roles
                .iter()
                .filter(|(a, _)| self.actors.contains(a))
                .cloned()
                .collect(),
            category: self.category.clone(),
            tags: self.tags.split(',').filter_map(text).collect(),
            location: text(&self.location),
            summary: self.summary.trim().to_string(),
            claim: text(&self.claim),
            discrepancy: text(&self.discrepancy),
            sources,
            coordinates: self.kept.coordinates,
            numbers: self.kept.numbers.clone(),
            display_date: self.kept.display_date.clone(),
            media: self.kept.media.clone(),
            background: self.kept.background.clone(),
            untitled: self
                .kept
                .made_up_title
                .as_deref()
                .is_some_and(|t| t == self.title.trim()),
            id_as_written,
        })
    }
}
