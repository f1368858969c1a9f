//! The relations lanes' view model: one lane per pair of actors, each
//! period a band from its start to its end coloured by its kind, a mark
//! where the kind changes (linked to the event that changed it). Plain
//! data, no egui; painted by `ui::relations`.

use super::breaks::Scale;
use super::canvas::ViewParams;
use super::metrics;
use crate::model::{ActorMatch, Confidence, Query, RelationKind, Timeline};
use crate::query::RelationIndex;

/// A pair's lane.
#[derive(Clone, Debug, PartialEq)]
pub struct PairLaneView {
    /// Its place among the lanes, from the top.
    pub lane: usize,
    /// Index into `RelationIndex::pairs`.
    pub pair: usize,
    pub title: String,
    pub periods: usize,
    pub top_pt: f32,
    pub height_pt: f32,
}

/// One period drawn as a band.
#[derive(Clone, Debug, PartialEq)]
pub struct RelationBand {
    /// Index into `Timeline::relations`.
    pub relation: usize,
    pub lane: usize,
    pub x0_pt: f32,
    pub x1_pt: f32,
    /// Centre line, from the top of the lanes' content.
    pub y_pt: f32,
    pub kind: RelationKind,
    pub confidence: Confidence,
    /// Still so when the source was written: drawn to the edge of the
    /// known, fading out.
    pub open: bool,
    /// The kind written on the band, when it fits.
    pub label: Option<String>,
}

/// Where a pair's relation changed (or began), and the event that marks it.
#[derive(Clone, Debug, PartialEq)]
pub struct ChangeMark {
    pub x_pt: f32,
    pub y_pt: f32,
    pub lane: usize,
    /// The relation that begins here.
    pub relation: usize,
    /// The first event marking its start (index into `Timeline::events`).
    pub event: Option<usize>,
    /// The kind before, when the pair's previous period ends here.
    pub from: Option<RelationKind>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RelationsLayout {
    pub lanes: Vec<PairLaneView>,
    pub bands: Vec<RelationBand>,
    pub marks: Vec<ChangeMark>,
    pub content_height_pt: f32,
}

/// The height of a pair's lane.
pub fn pair_lane_height_pt() -> f32 {
    metrics::LANE_HEADER_PT + metrics::ROW_HEIGHT_PT + metrics::LANE_GAP_PT
}

pub use crate::query::relations::open_until_days;

/// Lays out the pairs `shown` (indices into `index.pairs`, in order): a
/// lane each, the visible periods as bands, the changes as marks. Work is
/// bounded by the lanes on screen.
pub fn layout_relations(
    t: &Timeline,
    index: &RelationIndex,
    shown: &[usize],
    params: &ViewParams<'_>,
    measure: &dyn Fn(&str) -> f32,
) -> RelationsLayout {
    let w = &params.window;
    let width_pt = params.width_pt.max(1.0);
    let scale: Scale<'_> = params.breaks.scale(w, width_pt);
    let open_days = index.open_until_days;
    let mut out = RelationsLayout::default();
    let height = pair_lane_height_pt();
    let view_bottom = params.viewport_top_pt + params.viewport_height_pt;
    for (lane, &p) in shown.iter().enumerate() {
        let top = lane as f32 * height;
        if top + height < params.viewport_top_pt || top > view_bottom {
            continue;
        }
        let pair = &index.pairs[p];
        out.lanes.push(PairLaneView {
            lane,
            pair: p,
            title: format!("{} – {}", t.actor_name(&pair.a), t.actor_name(&pair.b)),
            periods: pair.periods.len(),
            top_pt: top,
            height_pt: height,
        });
        let y_pt = top + metrics::LANE_HEADER_PT + metrics::ROW_HEIGHT_PT / 2.0;
        let mut previous: Option<(usize, f64)> = None;
        for &i in &pair.periods {
            let r = &t.relations[i];
            let (s, e) = (r.start_days(), r.end_days(open_days));
            // The previous period ends where this one starts (to the day,
            // or within the precision of a year or month).
            let from = previous
                .filter(|&(_, prev_end)| (s - prev_end).abs() <= 366.0)
                .map(|(k, _)| t.relations[k].kind);
            previous = Some((i, e));
            if e < w.start_days || s > w.end_days {
                continue;
            }
            let x0_pt = scale.x_pt(s).max(-10.0);
            let x1_pt = scale.x_pt(e).min(width_pt + 10.0).max(x0_pt + 2.0);
            let text = r.kind_text();
            let label = (measure(&text) + 2.0 * metrics::LABEL_GAP_PT
                <= x1_pt.min(width_pt) - x0_pt.max(0.0))
            .then_some(text);
            out.bands.push(RelationBand {
                relation: i,
                lane,
                x0_pt,
                x1_pt,
                y_pt,
                kind: r.kind,
                confidence: r.confidence,
                open: r.end.is_none(),
                label,
            });
            if s >= w.start_days {
                out.marks.push(ChangeMark {
                    x_pt: scale.x_pt(s),
                    y_pt,
                    lane,
                    relation: i,
                    event: index.start_event[i],
                    from,
                });
            }
        }
    }
    out.content_height_pt = shown.len() as f32 * height;
    out
}

/// The pairs the query shows: those involving the actors asked for (any
/// of them, or all: two actors with "all" are one pair), with a period of
/// one of the kinds asked for within the date range, and, if asked, whose
/// relation changed within it. The pair that changed last comes first:
/// what a news analysis is about is on top.
pub fn shown_pairs(t: &Timeline, index: &RelationIndex, q: &Query) -> Vec<usize> {
    let mut pairs = matching_pairs(t, index, q);
    let last_start = |p: usize| {
        index.pairs[p]
            .periods
            .last()
            .map_or(f64::NEG_INFINITY, |&i| t.relations[i].start_days())
    };
    pairs.sort_by(|&a, &b| last_start(b).total_cmp(&last_start(a)).then(a.cmp(&b)));
    pairs
}

fn matching_pairs(t: &Timeline, index: &RelationIndex, q: &Query) -> Vec<usize> {
    let from = q.from.as_ref().map_or(f64::NEG_INFINITY, |d| d.axis_days());
    let to = q.to.as_ref().map_or(f64::INFINITY, |d| d.end_axis_days());
    let open = index.open_until_days;
    (0..index.pairs.len())
        .filter(|&p| {
            let pair = &index.pairs[p];
            let actors = q.actors.is_empty()
                || match q.actor_match {
                    ActorMatch::Any => q.actors.iter().any(|a| pair.involves(a)),
                    ActorMatch::All => q.actors.iter().all(|a| pair.involves(a)),
                };
            let in_range = |i: usize| {
                let r = &t.relations[i];
                r.start_days() <= to && r.end_days(open) >= from
            };
            let kinds = q.relation_kinds.is_empty()
                || pair
                    .periods
                    .iter()
                    .any(|&i| in_range(i) && q.relation_kinds.contains(&t.relations[i].kind));
            // A change: a period after the pair's first starting in range.
            let changed = !q.relations_changed
                || pair.periods.iter().skip(1).any(|&i| {
                    let s = t.relations[i].start_days();
                    s >= from && s <= to
                });
            actors && kinds && changed
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::builtin_timeline;
    use crate::layout::{Breaks, TimeWindow};
    use crate::model::Date;

    fn days(s: &str) -> f64 {
        s.parse::<Date>().unwrap().axis_days()
    }

    fn params<'a>(breaks: &'a Breaks, from: &str, to: &str) -> ViewParams<'a> {
        ViewParams {
            window: TimeWindow {
                start_days: days(from),
                end_days: days(to),
            },
            breaks,
            width_pt: 1000.0,
            viewport_top_pt: 0.0,
            viewport_height_pt: 5000.0,
            single_track_rows: 10,
            two_line_labels: false,
        }
    }

    #[test]
    fn russia_and_turkey_change_from_cooperation_to_crisis_and_back() {
        let t = builtin_timeline().unwrap();
        let index = RelationIndex::new(&t);
        let q = Query {
            actors: vec!["turkey".to_string()],
            ..Query::default()
        };
        let turkey = shown_pairs(&t, &index, &q);
        assert!(turkey.iter().all(|&p| index.pairs[p].involves("turkey")));
        let p = index
            .pairs
            .iter()
            .position(|p| p.is("russia", "turkey"))
            .unwrap();
        let l = layout_relations(
            &t,
            &index,
            &[p],
            &params(&crate::layout::NO_BREAKS, "2014-06", "2021"),
            &|s| s.chars().count() as f32 * 7.0,
        );
        assert_eq!(l.lanes.len(), 1);
        assert_eq!(l.lanes[0].title, "Russia – Turkey");
        let kinds: Vec<RelationKind> = l.bands.iter().map(|b| b.kind).collect();
        use RelationKind::*;
        assert_eq!(
            kinds,
            [
                Cooperating,
                Strained,
                Neutral,
                Cooperating,
                Strained,
                Cooperating
            ]
        );
        // Bands follow each other without overlapping, in time order.
        for pair in l.bands.windows(2) {
            assert!(pair[0].x1_pt <= pair[1].x0_pt + 0.5, "{pair:?}");
        }
        // The crisis begins with the shoot-down, a change from cooperation.
        let crisis = l
            .marks
            .iter()
            .find(|m| t.relations[m.relation].id == "ru-tr-2015")
            .unwrap();
        assert_eq!(crisis.from, Some(Cooperating));
        assert_eq!(
            crisis.event.map(|e| t.events[e].id.as_str()),
            Some("su24-shootdown")
        );
        // The last period is still open and reaches the article's date.
        let last = l.bands.last().unwrap();
        assert!(last.open);
        let article = days("2025-10-16");
        let scale = crate::layout::NO_BREAKS.scale(
            &TimeWindow {
                start_days: days("2014-06"),
                end_days: days("2021"),
            },
            1000.0,
        );
        assert!((last.x1_pt - scale.x_pt(article).min(1010.0)).abs() < 1.0);
        // A long band is labelled with its kind; a week-long one is not.
        assert!(l.bands[3].label.as_deref() == Some("Cooperating"));
        assert!(l.bands[4].label.is_none());
    }

    #[test]
    fn pairs_filter_by_kind_by_pair_and_by_change_in_a_range() {
        let t = builtin_timeline().unwrap();
        let index = RelationIndex::new(&t);
        let names = |q: &Query| -> Vec<String> {
            shown_pairs(&t, &index, q)
                .iter()
                .map(|&p| format!("{}-{}", index.pairs[p].a, index.pairs[p].b))
                .collect()
        };
        let date = |s: &str| Some(s.parse::<Date>().unwrap());
        // One pair: two actors, all of them.
        let pair = Query {
            actors: vec!["turkey".into(), "russia".into()],
            actor_match: ActorMatch::All,
            ..Query::default()
        };
        assert_eq!(names(&pair), ["russia-turkey"]);
        // Hostile at some time in 2015–2016.
        let hostile = Query {
            relation_kinds: vec![RelationKind::Hostile],
            from: date("2015"),
            to: date("2016"),
            ..Query::default()
        };
        let h = names(&hostile);
        assert!(h.contains(&"russia-hts".to_string()), "{h:?}");
        assert!(!h.contains(&"russia-turkey".to_string()), "{h:?}");
        // Changed in 2024–2025: the fall of Assad turned several pairs.
        let changed = Query {
            relations_changed: true,
            from: date("2024-12"),
            to: date("2025-12"),
            ..Query::default()
        };
        let c = names(&changed);
        assert!(c.contains(&"russia-hts".to_string()), "{c:?}");
        assert!(
            c.contains(&"russia-syria-new-government".to_string()),
            "{c:?}"
        );
        assert!(!c.contains(&"united-states-china".to_string()), "{c:?}");
    }

    #[test]
    fn lanes_off_screen_are_not_laid_out() {
        let t = builtin_timeline().unwrap();
        let index = RelationIndex::new(&t);
        let all = shown_pairs(&t, &index, &Query::default());
        assert_eq!(all.len(), index.pairs.len());
        let mut p = params(&crate::layout::NO_BREAKS, "1800", "2026");
        p.viewport_height_pt = pair_lane_height_pt() * 2.5;
        let l = layout_relations(&t, &index, &all, &p, &|s| s.len() as f32 * 7.0);
        assert!(l.lanes.len() <= 4 && l.lanes.len() < all.len());
        assert_eq!(
            l.content_height_pt,
            all.len() as f32 * pair_lane_height_pt()
        );
    }
}
