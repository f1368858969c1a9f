//! The view: selection, the time window and its animation, the filter and
//! what is derived from it, lanes, the table's order, saved views.

use std::sync::Arc;

use crate::layout::{Breaks, TimeWindow, metrics};
use crate::model::{Date, Precision, Query, SavedView};
use crate::query::{Grouping, Prepared, SortColumn, TimeIndex, table_order};

use super::derived::{DeriveInputs, Derived, lane_cache};
use super::{Animation, AppState, Command, Effect, PersistedState};

/// How precisely to store a saved view's window, from its span.
fn view_precision(span_days: f64) -> Precision {
    if span_days > 200.0 * 365.0 {
        Precision::Year
    } else if span_days > 3.0 * 365.0 {
        Precision::Month
    } else if span_days > 3.0 {
        Precision::Day
    } else {
        Precision::Minute
    }
}

/// A selected event is zoomed to until at most this many shown events
/// (itself included) start within a label's reach of it: the rows of even
/// a small window then hold them all.
const REVEAL_MAX_NEIGHBOURS: usize = 4;
/// The narrowest canvas the reveal plans for (a 1024-point window less the
/// filter panel): wider canvases only have more room.
const REVEAL_CANVAS_PT: f64 = 700.0;

impl AppState {
    /// Restores what does not depend on the file: lanes, legend, saved
    /// views, recent files, column choices, theme, table order.
    pub(super) fn restore_preferences(&mut self, state: &PersistedState) {
        let grouping = state.grouping;
        self.remembered = PersistedState {
            file: None,
            window: None,
            selected_id: None,
            grouping: self.remembered.grouping,
            query: self.remembered.query.clone(),
            ..state.clone()
        };
        self.set_grouping(grouping);
        self.sort_table_by(state.table_sort);
    }

    /// Restores the view of the file the state was saved with.
    pub(super) fn restore_view(&mut self, state: &PersistedState) {
        self.set_query(state.query.clone());
        if let Some(w) = state.window {
            self.window = w.clamped();
        }
        if let Some(id) = &state.selected_id {
            self.selected = self.doc.timeline.events.iter().position(|e| &e.id == id);
            self.reveal_generation += 1;
        }
    }

    pub(super) fn select(&mut self, event: Option<usize>) {
        self.selected = event.filter(|&i| i < self.doc.timeline.events.len());
        self.selected_relation = None;
        self.reveal_generation += 1;
        if let Some(event) = self.selected {
            self.reveal_in_canvas(event);
        }
    }

    pub(super) fn select_relative(&mut self, step: i32) {
        let sorted = self.derived.index.sorted();
        if sorted.is_empty() {
            return;
        }
        let rank = self.selected.and_then(|s| self.derived.index.rank_of(s));
        let next = match rank {
            None if step >= 0 => 0,
            None => sorted.len() - 1,
            Some(r) => (r as i64 + i64::from(step)).clamp(0, sorted.len() as i64 - 1) as usize,
        };
        let event = sorted[next];
        self.select(Some(event));
    }

    pub(super) fn select_in_table(&mut self, step: i32) {
        let order = &self.derived.table_order;
        if order.is_empty() {
            return;
        }
        let row = self.selected.and_then(|s| self.table_row(s));
        let next = match row {
            None if step >= 0 => 0,
            None => order.len() - 1,
            Some(r) => (r as i64 + i64::from(step)).clamp(0, order.len() as i64 - 1) as usize,
        };
        let event = order[next];
        self.select(Some(event));
    }

    /// Moves the window so that the event is visible, and zooms in until
    /// it is drawn on its own: few enough shown events start near it that
    /// the canvas's rows hold them all, none hidden inside a cluster.
    fn reveal_in_canvas(&mut self, event: usize) {
        // On the screen's scale: through the axis's breaks.
        let breaks = self.breaks().clone();
        let (s, e) = self.doc.extents[event];
        let (s, e) = (breaks.u(s), breaks.u(e));
        let w = breaks.to_u(&self.target_window());
        // Never closer than its own precision can tell apart: a day's
        // event in a window of weeks, a year's in one of decades (a period
        // by its start's precision, and then it must fit).
        let start = &self.doc.timeline.events[event].start;
        let unit = breaks.u(start.end_axis_days()) - breaks.u(start.axis_days());
        let floor = (unit * 20.0).max(crate::layout::MIN_SPAN_DAYS * 2.0);
        let span = self
            .span_showing_alone(&breaks, s, w.span_days(), floor)
            .max((e - s) * 1.2);
        let margin = span * 0.1;
        if span < w.span_days() * 0.999 || s < w.start_days + margin || e > w.end_days - margin {
            // The whole event with room around it when it fits, else its
            // start near the left.
            let mid = if e - s <= span * 0.8 {
                (s + e) / 2.0
            } else {
                s + span * 0.4
            };
            self.animate_to(breaks.from_u(&TimeWindow {
                start_days: mid - span / 2.0,
                end_days: mid + span / 2.0,
            }));
        }
    }

    /// The widest span, up to `span_days`, at which at most
    /// [`REVEAL_MAX_NEIGHBOURS`] shown events start within a label's reach
    /// of `at_u` on a canvas of [`REVEAL_CANVAS_PT`] (spans and `at_u` in the
    /// compressed coordinate of `breaks`).
    fn span_showing_alone(
        &self,
        breaks: &crate::layout::Breaks,
        at_u: f64,
        span_days: f64,
        floor_days: f64,
    ) -> f64 {
        let at_days = breaks.days(at_u);
        let reach_pt = f64::from(
            metrics::MIN_LABEL_PT + 2.0 * metrics::MARKER_RADIUS_PT + metrics::LABEL_GAP_PT,
        );
        let mut span = span_days;
        // Events starting at the same moment are told apart by rows, not
        // by zooming.
        let same = self.derived.index.count_starting_in(at_days, at_days);
        let allowed = REVEAL_MAX_NEIGHBOURS.max(same);
        // Halving from any span reaches the floor in ~100 steps.
        for _ in 0..128 {
            let near = reach_pt * span / REVEAL_CANVAS_PT;
            let n = self
                .derived
                .index
                .count_starting_in(breaks.days(at_u - near), breaks.days(at_u + near));
            if n <= allowed || span / 2.0 < floor_days {
                break;
            }
            span /= 2.0;
        }
        span
    }

    pub(super) fn fit_all(&mut self) {
        if self.remembered.grouping == Grouping::Relations {
            if let Some((from, to)) = self.relations_extent_days() {
                self.animate_to(self.breaks().fit(from, to));
            }
            return;
        }
        if let Some((from, to)) = self.derived.index.extent_days() {
            self.animate_to(self.breaks().fit(from, to));
        }
    }

    pub(super) fn animate_to(&mut self, w: TimeWindow) {
        self.animation = Some(Animation {
            from: self.window,
            to: w.clamped(),
            started_s: None,
        });
        // The next tick starts it.
        self.effects.push(Effect::WakeAfter(0.0));
    }

    /// Time passes: the animation advances, recovery copies fall due.
    pub(super) fn tick(&mut self, now_s: f64) {
        self.now_s = now_s;
        if let Some(anim) = &mut self.animation {
            let started = *anim.started_s.get_or_insert(now_s);
            let t = ((now_s - started) / metrics::ANIMATION_S).clamp(0.0, 1.0);
            // Ease out: fast at first, settling gently.
            let eased = 1.0 - (1.0 - t).powi(3);
            let (from, to) = (anim.from, anim.to);
            self.window = self.breaks().lerp(&from, &to, eased);
            if t >= 1.0 {
                self.window = to;
                self.animation = None;
            } else {
                self.effects.push(Effect::WakeAfter(0.0));
            }
        }
        self.recovery_tick();
    }

    pub(super) fn set_grouping(&mut self, g: Grouping) {
        if g != self.remembered.grouping {
            // The relations lanes span other years (and breaks) than the
            // events: each is shown whole when switched to.
            let other_axis =
                (g == Grouping::Relations) != (self.remembered.grouping == Grouping::Relations);
            self.remembered.grouping = g;
            self.rebuild_lanes();
            if other_axis && !self.doc.timeline.relations.is_empty() {
                self.fit_all();
            }
        }
    }

    pub(super) fn set_query(&mut self, q: Query) {
        if q != self.remembered.query {
            self.remembered.query = q;
            self.apply_filter();
        }
    }

    /// Replaces the timeline, keeping the selection if its id still exists,
    /// with the filter results, lanes and table order if they were already
    /// computed (on a worker thread) for the current settings.
    pub(super) fn set_prepared(
        &mut self,
        prepared: Prepared,
        path: Option<std::path::PathBuf>,
        derived: Option<Derived>,
    ) {
        let selected_id = self.selected_id();
        self.data_generation += 1;
        self.doc.extents = prepared.extents;
        self.doc.all_index = prepared.index;
        self.doc.breaks = Breaks::find(&self.doc.extents, self.doc.all_index.sorted());
        let relation_id = self.selected_relation_id();
        self.doc.search = prepared.search;
        let old = std::mem::replace(&mut self.doc.timeline, Arc::new(prepared.timeline));
        if old.events.len() > 10_000 {
            // Freeing a large timeline takes a while: not on the UI thread.
            std::thread::spawn(move || drop(old));
        }
        // Before anything derived is rebuilt from the steps' positions.
        self.remap_presentation();
        // A query naming actors or categories this file lacks is dropped.
        if !self.query_fits_timeline() {
            self.remembered.query = Query::default();
        }
        match derived {
            Some(d) if d.inputs == self.derive_inputs() => self.install_derived(d),
            _ => self.apply_filter(),
        }
        self.set_path(path);
        self.selected =
            selected_id.and_then(|id| self.doc.timeline.events.iter().position(|e| e.id == id));
        self.index_relations(relation_id);
        self.load_error = None;
        self.animation = None;
        if let Some((from, to)) = self.derived.index.extent_days() {
            self.window = self.breaks().fit(from, to);
        }
    }

    fn query_fits_timeline(&self) -> bool {
        let q = &self.remembered.query;
        let t = &self.doc.timeline;
        q.actors.iter().all(|a| t.actor(a).is_some())
            && q.categories.iter().all(|c| t.category(c).is_some())
    }

    /// The settings that derived data is computed for.
    pub(super) fn derive_inputs(&self) -> DeriveInputs {
        DeriveInputs {
            query: self.remembered.query.clone(),
            grouping: self.remembered.grouping,
            table_sort: self.remembered.table_sort,
        }
    }

    /// Runs the query (when it or the data change, never per frame) and
    /// rebuilds what depends on its result.
    pub(super) fn apply_filter(&mut self) {
        let derived = Derived::compute(
            &self.doc.timeline,
            &self.doc.search,
            &self.doc.extents,
            &self.doc.all_index,
            &self.derive_inputs(),
        );
        self.install_derived(derived);
    }

    pub(super) fn install_derived(&mut self, d: Derived) {
        self.derived = d;
        self.data_generation += 1;
        if self.presenting.as_ref().is_some_and(|p| p.reveal) {
            self.rebuild_lanes();
        }
        self.reveal_generation += 1;
    }

    pub(super) fn sort_table(&mut self, column: SortColumn) {
        let (current, ascending) = self.remembered.table_sort;
        let ascending = if current == column { !ascending } else { true };
        self.sort_table_by((column, ascending));
    }

    fn sort_table_by(&mut self, sort: (SortColumn, bool)) {
        self.remembered.table_sort = sort;
        if self.derived.inputs.table_sort == sort {
            return;
        }
        let (order, rank) = table_order(&self.doc.timeline, self.derived.index.sorted(), sort);
        self.derived.table_order = order;
        self.derived.table_rank = rank;
        self.derived.inputs.table_sort = sort;
    }

    /// The current view, named.
    fn current_view(&self, name: String) -> SavedView {
        let w = self.target_window();
        let precision = view_precision(w.span_days());
        SavedView {
            name,
            query: self.remembered.query.clone(),
            from: Date::from_axis_days(w.start_days, precision),
            to: Date::from_axis_days(w.end_days, precision),
            grouping: self.remembered.grouping,
            selected: self.selected_id(),
        }
    }

    pub(super) fn save_view(&mut self, name: String) {
        let view = self.current_view(name);
        let views = &mut self.remembered.views;
        match views.iter_mut().find(|v| v.name == view.name) {
            Some(existing) => *existing = view,
            None => views.push(view),
        }
    }

    pub(super) fn rename_view(&mut self, index: usize, name: String) {
        if let Some(v) = self.remembered.views.get_mut(index)
            && !name.trim().is_empty()
        {
            v.name = name.trim().to_string();
        }
    }

    pub(super) fn recall_view(&mut self, view: &SavedView) {
        self.set_query(view.query.clone());
        self.set_grouping(view.grouping);
        if let Some(id) = &view.selected {
            self.selected = self.doc.timeline.events.iter().position(|e| &e.id == id);
            self.reveal_generation += 1;
        }
        match (view.from, view.to) {
            (Some(from), Some(to)) => self.animate_to(TimeWindow {
                start_days: from.axis_days(),
                end_days: to.axis_days().max(from.end_axis_days()),
            }),
            _ => self.run(Command::FitAll),
        }
    }

    /// Rebuilds the lanes after the data or the grouping changed (while
    /// revealing a story step by step: of the steps so far).
    pub(super) fn rebuild_lanes(&mut self) {
        let t = &self.doc.timeline;
        let grouping = self.remembered.grouping;
        let revealed = self.revealed_index();
        self.derived.lane_cache = match &revealed {
            Some(revealed) => lane_cache(t, &self.doc.extents, revealed.sorted(), grouping),
            None => lane_cache(t, &self.doc.extents, self.derived.index.sorted(), grouping),
        };
        self.derived.revealed = revealed;
        self.derived.inputs.grouping = grouping;
    }

    /// While presenting with progressive reveal: the steps shown so far.
    fn revealed_index(&self) -> Option<TimeIndex> {
        let p = self.presenting.as_ref().filter(|p| p.reveal)?;
        let shown = p.current.min(p.steps.len().saturating_sub(1));
        let ids: Vec<usize> = p.steps[..=shown].iter().map(|(e, _)| *e).collect();
        Some(TimeIndex::from_subset(
            &self.doc.timeline.events,
            &self.doc.extents,
            ids,
            false,
        ))
    }
}
