//! What a user looks at: a filter query, a lane grouping, and named views
//! that bring a query, a time window, a grouping and a selection back. Plain
//! data; [`crate::query`] evaluates queries.

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::event::{Certainty, Provenance};

/// How the selected actors combine.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActorMatch {
    /// Events with at least one of the selected actors.
    #[default]
    Any,
    /// Events with every selected actor.
    All,
}

/// A filter over events. Every part that is set must hold; an empty list
/// means "no constraint".
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Query {
    /// Free text: every word must start a word of the title, summary, actors
    /// (names and aliases), location, tags or sources; "quoted phrases"
    /// must appear as phrases. Case and diacritics do not matter.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub text: String,
    /// Actor ids.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<String>,
    #[serde(skip_serializing_if = "is_default")]
    pub actor_match: ActorMatch,
    /// The role the selected actors must play ("Russia as guarantor");
    /// `None` for any role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub actor_role: Option<super::Role>,
    /// Category ids (any of them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub categories: Vec<String>,
    /// Tags (any of them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Events that overlap this range (both ends optional).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
    /// Certainty levels (any of them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub certainties: Vec<Certainty>,
    /// Article or context (any of them).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub provenances: Vec<Provenance>,
    /// Only events whose claim and record differ.
    #[serde(skip_serializing_if = "is_default")]
    pub only_discrepancies: bool,
    /// The relations lanes: pairs with a period of one of these kinds (in
    /// the date range, if one is given).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relation_kinds: Vec<super::RelationKind>,
    /// The relations lanes: only pairs whose relation changed within the
    /// date range.
    #[serde(default, skip_serializing_if = "is_default")]
    pub relations_changed: bool,
}

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

impl Query {
    /// Whether the query lets every event through.
    pub fn is_empty(&self) -> bool {
        *self == Query::default()
    }

    /// The filter in words, for a handout: "all events", or each part
    /// ("search “Astana”; actors: Russia or Turkey; from 2015").
    pub fn describe(&self, t: &super::Timeline) -> String {
        if self.is_empty() {
            return "all events".into();
        }
        let mut parts = Vec::new();
        if !self.text.trim().is_empty() {
            parts.push(format!("search \u{201c}{}\u{201d}", self.text.trim()));
        }
        if !self.actors.is_empty() {
            let names: Vec<&str> = self.actors.iter().map(|a| t.actor_name(a)).collect();
            let joiner = match self.actor_match {
                ActorMatch::Any => " or ",
                ActorMatch::All => " and ",
            };
            parts.push(format!("actors: {}", names.join(joiner)));
        }
        if !self.categories.is_empty() {
            let names: Vec<&str> = self
                .categories
                .iter()
                .map(|c| t.category(c).map_or(c.as_str(), |c| c.name.as_str()))
                .collect();
            parts.push(format!("categories: {}", names.join(", ")));
        }
        if !self.tags.is_empty() {
            parts.push(format!("tags: {}", self.tags.join(", ")));
        }
        match (&self.from, &self.to) {
            (Some(a), Some(b)) => parts.push(format!("from {} to {}", a.display(), b.display())),
            (Some(a), None) => parts.push(format!("from {}", a.display())),
            (None, Some(b)) => parts.push(format!("until {}", b.display())),
            (None, None) => {}
        }
        if !self.certainties.is_empty() {
            let names: Vec<&str> = self.certainties.iter().map(|c| c.label()).collect();
            parts.push(format!("certainty: {}", names.join(", ")));
        }
        if !self.provenances.is_empty() {
            let w = t.wording();
            let names: Vec<&str> = self.provenances.iter().map(|p| w.provenance(*p)).collect();
            parts.push(names.join(", "));
        }
        if self.only_discrepancies {
            parts.push("only where the claim and the record differ".into());
        }
        if parts.is_empty() {
            "filtered".into()
        } else {
            parts.join("; ")
        }
    }
}

/// How events are grouped into lanes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Grouping {
    /// One track with every event.
    #[default]
    None,
    /// A lane per actor; an event with several actors is in each of their lanes.
    Actor,
    /// A lane per category.
    Category,
    /// Not events: a lane per pair of actors, showing how they stood to
    /// each other over time.
    Relations,
}

impl Grouping {
    pub const ALL: [Grouping; 4] = [
        Grouping::None,
        Grouping::Actor,
        Grouping::Category,
        Grouping::Relations,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Grouping::None => "One track",
            Grouping::Actor => "By actor",
            Grouping::Category => "By category",
            Grouping::Relations => "Relations",
        }
    }
}

/// A named view: the query, the time window, the lanes and the selection.
/// Kept with the app's state, or shipped in a timeline file (`views`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SavedView {
    pub name: String,
    #[serde(default, skip_serializing_if = "Query::is_empty")]
    pub query: Query,
    /// The time window, as dates (both or neither).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<Date>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub grouping: Grouping,
    /// The selected event's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected: Option<String>,
}

/// A named, ordered walk through events, for presenting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Story {
    pub name: String,
    pub steps: Vec<StoryStep>,
}

/// One step of a story: an event and, optionally, what to say about it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoryStep {
    /// An event id.
    pub event: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<String>,
    /// Show the network of relations at the step's date beside it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub network: bool,
}
