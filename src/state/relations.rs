//! Relations between actors in the app: their index, the selected
//! relation, the axis the relations lanes are drawn on.

use super::AppState;
use crate::layout::relations::shown_pairs;
use crate::layout::{Breaks, NO_BREAKS};
use crate::query::RelationIndex;

impl AppState {
    /// Rebuilds what is derived from the relations (after a load or an
    /// edit), keeping the selected relation if its id is still there.
    pub(super) fn index_relations(&mut self, selected_id: Option<String>) {
        let t = &self.doc.timeline;
        self.doc.relations = RelationIndex::new(t);
        self.selected_relation =
            selected_id.and_then(|id| t.relations.iter().position(|r| r.id == id));
    }

    pub(super) fn selected_relation_id(&self) -> Option<String> {
        self.selected_relation
            .and_then(|i| self.doc.timeline.relations.get(i))
            .map(|r| r.id.clone())
    }

    pub(super) fn select_relation(&mut self, id: Option<&str>) {
        self.selected_relation =
            id.and_then(|id| self.doc.timeline.relations.iter().position(|r| r.id == id));
        if self.selected_relation.is_some() {
            self.selected = None;
        }
        self.reveal_generation += 1;
    }

    /// The earliest start and latest end of the relations shown, within
    /// the filter's date range if it has one.
    pub(super) fn relations_extent_days(&self) -> Option<(f64, f64)> {
        let t = &self.doc.timeline;
        let q = &self.remembered.query;
        let from = q.from.as_ref().map_or(f64::NEG_INFINITY, |d| d.axis_days());
        let to = q.to.as_ref().map_or(f64::INFINITY, |d| d.end_axis_days());
        let open = self.doc.relations.open_until_days;
        self.shown_pairs()
            .iter()
            .flat_map(|&p| &self.doc.relations.pairs[p].periods)
            .map(|&i| (t.relations[i].start_days(), t.relations[i].end_days(open)))
            .filter(|&(s, e)| e >= from && s <= to)
            .map(|(s, e)| (s.max(from), e.min(to)))
            .reduce(|(a, b), (c, d)| (a.min(c), b.max(d)))
    }

    /// The selected relation (index into `Timeline::relations`).
    pub fn selected_relation(&self) -> Option<usize> {
        self.selected_relation
    }

    /// Some event says what role an actor played in it (computed once per
    /// load or edit).
    pub fn has_roles(&self) -> bool {
        self.doc.relations.has_roles
    }

    pub fn relation_index(&self) -> &RelationIndex {
        &self.doc.relations
    }

    /// The pairs the relations lanes show: those involving an actor the
    /// filter asks for, or all.
    pub fn shown_pairs(&self) -> Vec<usize> {
        shown_pairs(
            &self.doc.timeline,
            &self.doc.relations,
            &self.remembered.query,
        )
    }

    /// The breaks the axis is drawn with (none when the user turned them
    /// off): the whole timeline's events', whatever the filter, and the
    /// same for the relations lanes, so switching lanes keeps the scale. A
    /// relation may run through a break: its band is drawn narrower there,
    /// between the break's zigzag edges.
    pub fn breaks(&self) -> &Breaks {
        if self.remembered.shorten_gaps {
            &self.doc.breaks
        } else {
            &NO_BREAKS
        }
    }

    pub(super) fn network_command(&mut self, command: super::Command) {
        match command {
            super::Command::ToggleNetwork => {
                self.remembered.show_network = !self.remembered.show_network;
            }
            super::Command::SetNetworkDate(days) => {
                self.network_days = days.filter(|d| d.is_finite());
            }
            _ => {}
        }
    }

    pub fn show_network(&self) -> bool {
        self.remembered.show_network
    }

    /// The date the network shows (axis days): the one chosen by hand, else
    /// the selected event's or relation's start, else the middle of the
    /// view.
    pub fn network_days(&self) -> f64 {
        let t = &self.doc.timeline;
        self.network_days
            .or_else(|| self.selected.map(|i| t.events[i].start_days()))
            .or_else(|| self.selected_relation.map(|i| t.relations[i].start_days()))
            .unwrap_or_else(|| self.window.centre_days())
    }

    /// Whether the network's date follows the selection (no date chosen).
    pub fn network_follows_selection(&self) -> bool {
        self.network_days.is_none()
    }

    pub fn shorten_gaps(&self) -> bool {
        self.remembered.shorten_gaps
    }

    pub fn two_line_labels(&self) -> bool {
        self.remembered.two_line_labels
    }
}
