//! Relations between actors over time: periods in which two actors stood
//! to each other in one way (allied, cooperating, neutral, strained,
//! hostile), what marks their start and end, and where they come from.
//!
//! Timeline tools relate events to entities; the article this project
//! started from is about entities related to each other, and how that
//! changes: Russia bombed the rebels for a decade and now works with their
//! former leader's government.

use serde::{Deserialize, Serialize};

use super::date::Date;
use super::event::{Provenance, Source};

/// How two actors stood to each other, on one ordinal scale from the
/// closest to the most hostile.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RelationKind {
    /// An alliance, a treaty partnership, or military support.
    Allied,
    /// Working relations and deals, without an alliance.
    Cooperating,
    /// Neutral or limited relations: ties without much substance.
    Neutral,
    /// A crisis: sanctions, hostile rhetoric, a standoff, without fighting.
    Strained,
    /// Armed conflict, or a terrorist designation backed by strikes.
    Hostile,
}

impl RelationKind {
    /// From the closest to the most hostile.
    pub const ALL: [RelationKind; 5] = [
        RelationKind::Allied,
        RelationKind::Cooperating,
        RelationKind::Neutral,
        RelationKind::Strained,
        RelationKind::Hostile,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RelationKind::Allied => "Allied",
            RelationKind::Cooperating => "Cooperating",
            RelationKind::Neutral => "Neutral or limited",
            RelationKind::Strained => "Strained",
            RelationKind::Hostile => "Hostile",
        }
    }

    /// One sentence for people who have not read the data format.
    pub fn explanation(self) -> &'static str {
        match self {
            RelationKind::Allied => "An alliance, a treaty partnership or military support.",
            RelationKind::Cooperating => "Working relations and deals, without an alliance.",
            RelationKind::Neutral => "Ties without much substance either way.",
            RelationKind::Strained => {
                "A crisis: sanctions, hostile rhetoric or a standoff, without fighting."
            }
            RelationKind::Hostile => {
                "Armed conflict, or a terrorist designation backed by strikes."
            }
        }
    }

    /// The kind's place on the scale: 2 for allied down to -2 for hostile.
    pub fn score(self) -> i8 {
        match self {
            RelationKind::Allied => 2,
            RelationKind::Cooperating => 1,
            RelationKind::Neutral => 0,
            RelationKind::Strained => -1,
            RelationKind::Hostile => -2,
        }
    }

    /// The kind's name in files and on the command line: `allied`,
    /// `cooperating`, `neutral`, `strained`, `hostile`.
    pub fn key(self) -> &'static str {
        match self {
            RelationKind::Allied => "allied",
            RelationKind::Cooperating => "cooperating",
            RelationKind::Neutral => "neutral",
            RelationKind::Strained => "strained",
            RelationKind::Hostile => "hostile",
        }
    }
}

/// How far a relation's dating and kind can be trusted, together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Confidence {
    /// Well dated by its marking events; its kind is not in dispute.
    High,
    /// Its dates or its kind are a reading others could make differently.
    Medium,
    /// A rough reading: dates or kind are uncertain.
    Low,
}

impl Confidence {
    pub fn label(self) -> &'static str {
        match self {
            Confidence::High => "High",
            Confidence::Medium => "Medium",
            Confidence::Low => "Low",
        }
    }
}

/// A period in which two actors stood to each other in one way.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Relation<D = Date> {
    /// Unique, kebab-case.
    pub id: String,
    /// The two actors (ids); the order carries no meaning.
    pub actors: (String, String),
    pub kind: RelationKind,
    /// A finer reading of the kind: "low intensity", "full war",
    /// "patron–proxy".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    pub start: D,
    /// Absent: still so when the source document was written.
    #[serde(default = "none", skip_serializing_if = "Option::is_none")]
    pub end: Option<D>,
    /// Caveats about the dates: other dates in use, what the end means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_note: Option<String>,
    pub confidence: Confidence,
    pub provenance: Provenance,
    /// What the relation was, in neutral words.
    pub summary: String,
    /// What the source document says about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<String>,
    /// Where the claim and the record differ, or a caveat on the reading.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discrepancy: Option<String>,
    /// Events that mark its start (ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub start_events: Vec<String>,
    /// Events that mark its end (ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub end_events: Vec<String>,
    pub sources: Vec<Source<D>>,
}

fn none<T>() -> Option<T> {
    None
}

impl Relation<Date> {
    /// Where the period starts on the axis (days).
    pub fn start_days(&self) -> f64 {
        self.start.axis_days()
    }

    /// Where it ends on the axis: the end of its end date, or `open_days`
    /// for a period still open.
    pub fn end_days(&self, open_days: f64) -> f64 {
        self.end
            .as_ref()
            .map_or(open_days.max(self.start_days()), Date::end_axis_days)
    }

    /// Whether the relation is between these two actors, in either order.
    pub fn is_between(&self, a: &str, b: &str) -> bool {
        (self.actors.0 == a && self.actors.1 == b) || (self.actors.0 == b && self.actors.1 == a)
    }

    /// Whether `actor` is one of the two.
    pub fn involves(&self, actor: &str) -> bool {
        self.actors.0 == actor || self.actors.1 == actor
    }

    /// The pair, in a fixed order (for grouping periods of one pair).
    pub fn pair_key(&self) -> (&str, &str) {
        let (a, b) = (self.actors.0.as_str(), self.actors.1.as_str());
        if a <= b { (a, b) } else { (b, a) }
    }

    /// The kind with its qualifier: "Hostile (low intensity)".
    pub fn kind_text(&self) -> String {
        match &self.qualifier {
            Some(q) => format!("{} ({q})", self.kind.label()),
            None => self.kind.label().to_string(),
        }
    }

    /// Whether the period covers the moment `days`: from its start to the
    /// end of its end date (an open period goes on).
    pub fn covers(&self, days: f64) -> bool {
        days >= self.start_days() && self.end.as_ref().is_none_or(|e| days < e.end_axis_days())
    }

    /// "1 August 1914 – 3 March 1918", "since 31 July 2025".
    pub fn date_display(&self) -> String {
        match &self.end {
            Some(e) => format!("{} – {}", self.start.display(), e.display()),
            None => format!("since {}", self.start.display()),
        }
    }
}

/// The role an actor plays in an event. `Participant` unless the event
/// says otherwise.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Role {
    /// Takes part as one of the parties (the default).
    #[default]
    Participant,
    /// Hosts the event on its soil or at its invitation.
    Host,
    /// Brokers between the parties without being one.
    Mediator,
    /// Guarantees an agreement reached at the event.
    Guarantor,
    /// Attends without taking part.
    Observer,
    /// What the event is done to (a strike's target, a ban's subject).
    Target,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Participant,
        Role::Host,
        Role::Mediator,
        Role::Guarantor,
        Role::Observer,
        Role::Target,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Role::Participant => "Participant",
            Role::Host => "Host",
            Role::Mediator => "Mediator",
            Role::Guarantor => "Guarantor",
            Role::Observer => "Observer",
            Role::Target => "Target",
        }
    }

    /// For the command line and file columns: `participant`, `host`, …
    pub fn key(self) -> &'static str {
        match self {
            Role::Participant => "participant",
            Role::Host => "host",
            Role::Mediator => "mediator",
            Role::Guarantor => "guarantor",
            Role::Observer => "observer",
            Role::Target => "target",
        }
    }

    pub fn from_key(key: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.key().eq_ignore_ascii_case(key.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn relation(start: &str, end: Option<&str>) -> Relation {
        Relation {
            id: "a-b".into(),
            actors: ("b".into(), "a".into()),
            kind: RelationKind::Strained,
            qualifier: Some("cold".into()),
            start: start.parse().unwrap(),
            end: end.map(|e| e.parse().unwrap()),
            date_note: None,
            confidence: Confidence::High,
            provenance: Provenance::Article,
            summary: "s".into(),
            claim: None,
            discrepancy: None,
            start_events: vec![],
            end_events: vec![],
            sources: vec![],
        }
    }

    #[test]
    fn a_period_covers_its_end_date_and_an_open_one_goes_on() {
        let r = relation("2015-11-24", Some("2016-06-27"));
        let day = |s: &str| s.parse::<Date>().unwrap().axis_days();
        assert!(!r.covers(day("2015-11-23")));
        assert!(r.covers(day("2015-11-24")));
        assert!(r.covers(day("2016-06-27") + 0.5));
        assert!(!r.covers(day("2016-06-28")));
        let open = relation("2025-07-31", None);
        assert!(open.covers(day("2030-01-01")));
        assert_eq!(open.date_display(), "since 31 July 2025");
        assert_eq!(r.pair_key(), ("a", "b"));
        assert!(r.is_between("a", "b") && r.is_between("b", "a") && !r.is_between("a", "c"));
        assert_eq!(r.kind_text(), "Strained (cold)");
    }

    #[test]
    fn kinds_are_ordered_from_allied_to_hostile() {
        let scores: Vec<i8> = RelationKind::ALL.iter().map(|k| k.score()).collect();
        assert_eq!(scores, [2, 1, 0, -1, -2]);
        assert!(RelationKind::Allied < RelationKind::Hostile);
        assert_eq!(Role::from_key(" Guarantor"), Some(Role::Guarantor));
        assert_eq!(Role::from_key("boss"), None);
    }
}
