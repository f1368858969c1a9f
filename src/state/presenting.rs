//! Presenting a story (or the shown events) step by step.

use crate::layout::TimeWindow;

use super::AppState;

/// A presentation in progress.
#[derive(Clone, Debug, PartialEq)]
pub struct Presentation {
    /// The story's name, or a description of the filtered events.
    pub title: String,
    /// Events (indices) and their captions, in presenting order.
    pub steps: Vec<(usize, Option<String>)>,
    /// The steps' event ids: what the steps are, whatever the positions
    /// (kept in step with `steps` when the timeline changes).
    ids: Vec<String>,
    /// Which steps show the network of relations at their date.
    network: Vec<bool>,
    pub current: usize,
    /// Events after the current step stay hidden.
    pub reveal: bool,
    /// Projector theme: light (high contrast) or dark.
    pub light: bool,
    /// What to restore when the presentation ends.
    before_window: TimeWindow,
    before_selected: Option<String>,
    /// The filter set aside while a story is presented (its events are
    /// shown whatever the filter), given back at the end.
    pub suspended_query: Option<crate::model::Query>,
    /// The projected picture is blanked (the presenter view stays).
    pub blanked: bool,
    /// The presenter view is open.
    pub presenter_view: bool,
    /// When the presentation started, on the app's clock (seconds).
    pub started_s: f64,
}

impl Presentation {
    /// "7 / 24".
    pub fn progress(&self) -> String {
        format!("{} / {}", self.current + 1, self.steps.len())
    }

    /// Whether the current step shows the network of relations.
    pub fn shows_network(&self) -> bool {
        self.network.get(self.current).copied().unwrap_or(false)
    }

    /// The time since the presentation started, as a clock shows it
    /// ("4:05", "1:02:09").
    pub fn elapsed_text(&self, now_s: f64) -> String {
        let total = (now_s - self.started_s).max(0.0) as u64;
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
        if h > 0 {
            format!("{h}:{m:02}:{s:02}")
        } else {
            format!("{m}:{s:02}")
        }
    }

    /// The step after the current one, if any: its event and caption.
    pub fn next_step(&self) -> Option<&(usize, Option<String>)> {
        self.steps.get(self.current + 1)
    }
}

impl AppState {
    pub(super) fn start_presenting(&mut self, story: Option<usize>) {
        let t = &self.doc.timeline;
        let mut network = Vec::new();
        let (title, steps): (String, Vec<(usize, Option<String>)>) =
            match story.and_then(|i| t.stories.get(i)) {
                Some(story) => (
                    story.name.clone(),
                    story
                        .steps
                        .iter()
                        .filter_map(|s| {
                            let e = t.events.iter().position(|ev| ev.id == s.event)?;
                            network.push(s.network);
                            Some((e, s.caption.clone()))
                        })
                        .collect(),
                ),
                None => (
                    if self.remembered.query.is_empty() {
                        "All events in date order".to_string()
                    } else {
                        "The filtered events in date order".to_string()
                    },
                    self.derived
                        .index
                        .sorted()
                        .iter()
                        .map(|&e| (e, None))
                        .collect(),
                ),
            };
        if steps.is_empty() {
            return;
        }
        let ids = steps.iter().map(|(e, _)| t.events[*e].id.clone()).collect();
        // A story shows its events whatever the filter: the filter is set
        // aside (and says so) until the presentation ends.
        let suspended_query = (story.is_some() && !self.remembered.query.is_empty())
            .then(|| std::mem::take(&mut self.remembered.query));
        if suspended_query.is_some() {
            self.apply_filter();
        }
        network.resize(steps.len(), false);
        self.presenting = Some(Presentation {
            title,
            steps,
            ids,
            network,
            current: 0,
            reveal: false,
            light: true,
            before_window: self.target_window(),
            before_selected: self.selected_id(),
            suspended_query,
            blanked: false,
            presenter_view: false,
            started_s: self.now_s,
        });
        self.show_step(0);
    }

    pub(super) fn stop_presenting(&mut self) {
        if let Some(p) = self.presenting.take() {
            if let Some(q) = p.suspended_query.clone() {
                self.remembered.query = q;
                self.apply_filter();
            }
            self.selected = p
                .before_selected
                .and_then(|id| self.doc.timeline.events.iter().position(|e| e.id == id));
            self.reveal_generation += 1;
            self.rebuild_lanes();
            self.animate_to(p.before_window);
        }
    }

    pub(super) fn present_step_by(&mut self, delta: i64) {
        // On a blanked screen the first press only shows the picture again
        // (where it was), as presentation programs do.
        if let Some(p) = &mut self.presenting
            && std::mem::take(&mut p.blanked)
        {
            return;
        }
        if let Some(p) = &self.presenting {
            let last = p.steps.len().saturating_sub(1) as i64;
            let to = (p.current as i64).saturating_add(delta).clamp(0, last) as usize;
            self.show_step(to);
        }
    }

    pub(super) fn present_go_to(&mut self, step: usize) {
        if let Some(p) = &self.presenting {
            self.show_step(step.min(p.steps.len().saturating_sub(1)));
        }
    }

    pub(super) fn toggle_reveal(&mut self) {
        if let Some(p) = &mut self.presenting {
            p.reveal = !p.reveal;
            let current = p.current;
            self.show_step(current);
        }
    }

    /// The timeline changed (reloaded, edited): the steps follow their
    /// events by id; steps whose event is gone are dropped, and the
    /// presentation ends if none is left.
    pub(super) fn remap_presentation(&mut self) {
        let Some(p) = &mut self.presenting else {
            return;
        };
        let index: std::collections::HashMap<&str, usize> = self
            .doc
            .timeline
            .events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        let current_id = p.ids.get(p.current).cloned();
        let (mut steps, mut ids, mut network) = (Vec::new(), Vec::new(), Vec::new());
        let flags = std::mem::take(&mut p.network);
        for (((_, caption), id), k) in p.steps.drain(..).zip(p.ids.drain(..)).zip(0..) {
            if let Some(&e) = index.get(id.as_str()) {
                steps.push((e, caption));
                ids.push(id);
                network.push(flags.get(k).copied().unwrap_or(false));
            }
        }
        p.network = network;
        p.current = current_id
            .and_then(|c| ids.iter().position(|id| *id == c))
            .unwrap_or(p.current)
            .min(steps.len().saturating_sub(1));
        p.steps = steps;
        p.ids = ids;
        if p.steps.is_empty() {
            self.presenting = None;
        }
    }

    /// Shows step `step`: selects its event and moves the view there.
    fn show_step(&mut self, step: usize) {
        let Some(p) = &mut self.presenting else {
            return;
        };
        p.current = step;
        let event = p.steps[step].0;
        self.selected = Some(event);
        self.reveal_generation += 1;
        // Revealing step by step: the view spans the story so far, so that
        // what was revealed stays in context; otherwise it is the step's.
        let factor = if p.reveal { 1.4 } else { 4.0 };
        let (s, e) = if p.reveal {
            p.steps[..=step]
                .iter()
                .map(|(ev, _)| self.doc.extents[*ev])
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), (s, e)| {
                    (a.min(s), b.max(e))
                })
        } else {
            self.doc.extents[event]
        };
        self.rebuild_lanes();
        // Some context on both sides: a couple of years, or a margin around
        // the span (the story so far, or the event's own length), as drawn
        // on the screen (a break shortens it).
        let breaks = self.breaks();
        let (s, e) = (breaks.u(s), breaks.u(e));
        let span = ((e - s) * factor).max(2.0 * 365.25);
        let mid = (s + e) / 2.0;
        let window = breaks.from_u(&TimeWindow {
            start_days: mid - span / 2.0,
            end_days: mid + span / 2.0,
        });
        self.animate_to(window);
    }
}
