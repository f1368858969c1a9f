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
    pub current: usize,
    /// Events after the current step stay hidden.
    pub reveal: bool,
    /// Projector theme: light (high contrast) or dark.
    pub light: bool,
    /// What to restore when the presentation ends.
    before_window: TimeWindow,
    before_selected: Option<usize>,
}

impl Presentation {
    /// "7 / 24".
    pub fn progress(&self) -> String {
        format!("{} / {}", self.current + 1, self.steps.len())
    }
}

impl AppState {
    pub(super) fn start_presenting(&mut self, story: Option<usize>) {
        let t = &self.doc.timeline;
        let (title, steps): (String, Vec<(usize, Option<String>)>) =
            match story.and_then(|i| t.stories.get(i)) {
                Some(story) => (
                    story.name.clone(),
                    story
                        .steps
                        .iter()
                        .filter_map(|s| {
                            let e = t.events.iter().position(|ev| ev.id == s.event)?;
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
        self.presenting = Some(Presentation {
            title,
            steps,
            current: 0,
            reveal: false,
            light: true,
            before_window: self.target_window(),
            before_selected: self.selected,
        });
        self.show_step(0);
    }

    pub(super) fn stop_presenting(&mut self) {
        if let Some(p) = self.presenting.take() {
            self.selected = p.before_selected;
            self.reveal_generation += 1;
            self.rebuild_lanes();
            self.animate_to(p.before_window);
        }
    }

    pub(super) fn present_step_by(&mut self, delta: i64) {
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
            self.rebuild_lanes();
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
        self.rebuild_lanes();
        let (s, e) = self.doc.extents[event];
        // Some context on both sides: a couple of years, or four times the
        // event's own length.
        let span = ((e - s) * 4.0).max(2.0 * 365.25);
        let mid = (s + e) / 2.0;
        self.animate_to(TimeWindow {
            start_days: mid - span / 2.0,
            end_days: mid + span / 2.0,
        });
    }
}
