//! The canvas's view model, tested without pixels.
use super::*;
use crate::io::builtin_timeline;
use crate::model::Date;
use crate::query::Grouping;

fn seven_px_per_char(text: &str) -> f32 {
    text.chars().count() as f32 * 7.0
}

fn days(s: &str) -> f64 {
    s.parse::<Date>().unwrap().axis_days()
}

fn cache(t: &Timeline, grouping: Grouping) -> LaneCache {
    let ids = TimeIndex::new(t).sorted().to_vec();
    let extents = crate::query::event_extents(&t.events);
    LaneCache::new(
        &extents,
        Lanes::build(t, &extents, &ids, grouping, metrics::MAX_ROWS_PER_LANE),
    )
}

fn params(from: &str, to: &str, width_pt: f32) -> ViewParams<'static> {
    params_rows(from, to, width_pt, 12)
}

fn params_rows(from: &str, to: &str, width_pt: f32, rows: usize) -> ViewParams<'static> {
    ViewParams {
        breaks: &crate::layout::NO_BREAKS,
        window: TimeWindow {
            start_days: days(from),
            end_days: days(to),
        },
        width_pt,
        viewport_top_pt: 0.0,
        viewport_height_pt: 2000.0,
        single_track_rows: rows,
        two_line_labels: false,
    }
}

fn id<'a>(t: &'a Timeline, item: &CanvasItem) -> &'a str {
    &t.events[item.event].id
}

#[test]
fn decade_view_places_events_in_order_without_label_overlap() {
    let t = builtin_timeline().unwrap();
    let c = cache(&t, Grouping::None);
    let l = layout(
        &t,
        &c,
        &params("2014-06", "2026", 1200.0),
        &seven_px_per_char,
    );
    let ids: Vec<&str> = l.items.iter().map(|i| id(&t, i)).collect();
    assert!(ids.contains(&"sharaa-moscow-visit"));
    assert!(ids.contains(&"russian-military-intervention"));
    assert!(!ids.contains(&"battle-of-paris-1814"));
    for pair in l.items.windows(2) {
        assert!(pair[0].x0_pt <= pair[1].x0_pt);
    }
    for a in l.items.iter().filter(|a| a.label.is_some()) {
        let (l0, l1) = (a.label_x_pt(), a.label_x_pt() + a.label_width_pt);
        for b in &l.items {
            if a.event != b.event && a.row == b.row {
                let (b0, b1) = b.claim_pt();
                assert!(
                    l1 <= b0 || b1 <= l0,
                    "the label of {} overlaps {}",
                    id(&t, a),
                    id(&t, b)
                );
            }
        }
        for c in l.clusters.iter().filter(|c| c.y_pt == a.y_pt) {
            assert!(
                l1 <= c.x0_pt || c.x1_pt <= l0,
                "the label of {} overlaps a cluster",
                id(&t, a)
            );
        }
        assert!(a.row < 12);
        if a.label.is_some() {
            assert!(a.label_x_pt() >= -0.5 && a.label_x_pt() + a.label_width_pt <= 1200.5);
        }
    }
    let shown = l.items.len() + l.clusters.iter().map(|c| c.count).sum::<usize>();
    let in_window = t
        .events
        .iter()
        .filter(|e| e.end_days() >= days("2014-06") && e.start_days() <= days("2026"))
        .count();
    assert_eq!(
        shown, in_window,
        "every event is drawn or counted in a cluster"
    );
}

#[test]
fn labels_use_the_free_space_and_flip_left_at_the_right_edge() {
    // Two centuries: the 19th-century analogies stand alone with room
    // to their right; the 1980 treaty is at the right edge.
    let t = builtin_timeline().unwrap();
    let c = cache(&t, Grouping::None);
    let width = 1200.0;
    let l = layout(&t, &c, &params("1800", "1985", width), &seven_px_per_char);
    let paris = l
        .items
        .iter()
        .find(|i| id(&t, i) == "battle-of-paris-1814")
        .expect("drawn alone");
    let title = &t.events[paris.event].title;
    assert!(seven_px_per_char(title) > metrics::MAX_LABEL_PT);
    let next = l
        .items
        .iter()
        .filter(|i| i.row == paris.row && i.claim_pt().0 > paris.x0_pt)
        .map(|i| i.claim_pt().0)
        .fold(width, f32::min);
    // Wider than the old fixed cut, unless the next mark is in the way.
    assert!(
        paris.label_width_pt > metrics::MAX_LABEL_PT
            || paris.label_x_pt() + metrics::MAX_LABEL_PT + metrics::LABEL_GAP_PT > next,
        "{} pt beside free space up to {next}",
        paris.label_width_pt
    );
    assert!(
        (paris.label_width_pt - seven_px_per_char(title)).abs() < 0.5
            || paris.label_x_pt() + paris.label_width_pt + metrics::LABEL_GAP_PT >= next - 0.5,
        "cut only where something is in the way"
    );
    // Near the right edge labels go left of their marks, on the canvas.
    let flipped: Vec<_> = l
        .items
        .iter()
        .filter(|i| i.label_left && i.label.is_some())
        .collect();
    assert!(!flipped.is_empty(), "some labels near the edge flip left");
    for i in &flipped {
        assert!(i.label_x_pt() >= -0.5);
        assert!(i.label_x_pt() + i.label_width_pt <= i.x0_pt);
    }
    // And nothing overlaps in a row.
    for a in l.items.iter().filter(|a| a.label.is_some()) {
        let (l0, l1) = (a.label_x_pt(), a.label_x_pt() + a.label_width_pt);
        assert!(l1 <= width + 0.5, "{} runs off the canvas", id(&t, a));
        for b in l
            .items
            .iter()
            .filter(|b| b.event != a.event && b.row == a.row)
        {
            let (b0, b1) = (b.mark_left_pt(), b.mark_right_pt());
            assert!(
                l1 <= b0 || b1 <= l0,
                "{} covers the mark of {}",
                id(&t, a),
                id(&t, b)
            );
            if b.label.is_some() {
                let (c0, c1) = (b.label_x_pt(), b.label_x_pt() + b.label_width_pt);
                assert!(
                    l1 <= c0 || c1 <= l0,
                    "labels of {} and {} overlap",
                    id(&t, a),
                    id(&t, b)
                );
            }
        }
    }
}

#[test]
fn periods_starting_before_the_view_are_culled_in_not_out() {
    let t = builtin_timeline().unwrap();
    let c = cache(&t, Grouping::None);
    // The escalation runs 17 Sep – 27 Nov 2024; the view starts inside it.
    let l = layout(
        &t,
        &c,
        &params("2024-11-01", "2024-12-31", 1000.0),
        &seven_px_per_char,
    );
    let esc = l
        .items
        .iter()
        .find(|i| id(&t, i) == "israel-hezbollah-escalation-2024")
        .unwrap();
    assert!(esc.x0_pt < 0.0 && esc.x1_pt > 0.0);
    assert!(!l.items.iter().any(|i| id(&t, i) == "sharaa-moscow-visit"));
}

#[test]
fn marks_follow_precision_and_periods() {
    let t = builtin_timeline().unwrap();
    let c = cache(&t, Grouping::Category);
    let l = layout(&t, &c, &params("1990", "2026", 4000.0), &seven_px_per_char);
    let kind_of = |key: &str| l.items.iter().find(|i| id(&t, i) == key).map(|i| i.kind);
    assert_eq!(
        kind_of("russia-syria-intergovernmental-commission"),
        Some(MarkKind::FuzzyPoint)
    );
    assert_eq!(
        kind_of("syrian-civil-war-begins"),
        Some(MarkKind::FuzzyPoint)
    );
    assert_eq!(kind_of("astana-talks-first-round"), Some(MarkKind::Period));
    assert_eq!(kind_of("fall-of-assad"), Some(MarkKind::Point));
}

#[test]
fn crowded_rows_drop_labels_then_cluster() {
    let t = builtin_timeline().unwrap();
    let c = cache(&t, Grouping::None);
    let p = params_rows("1800", "2030", 600.0, 2);
    let l = layout(&t, &c, &p, &seven_px_per_char);
    // Two rows asked for, but never fewer than the overlapping periods need.
    let rows = c.row_count(0, &p);
    assert_eq!(rows, c.lanes.lanes[0].rows.len());
    assert!(l.items.iter().all(|i| i.row < rows));
    assert!(l.items.iter().any(|i| i.label.is_none()) || !l.clusters.is_empty());
    assert!(
        !l.clusters.is_empty(),
        "2015–2025 cannot fit one by one in 600 px"
    );
    let shown = l.items.len() + l.clusters.iter().map(|c| c.count).sum::<usize>();
    assert_eq!(shown, t.events.len());
}

#[test]
fn lanes_by_actor_stack_below_each_other_and_cull_vertically() {
    let t = builtin_timeline().unwrap();
    let c = cache(&t, Grouping::Actor);
    let mut p = params("1800", "2030", 1200.0);
    p.viewport_height_pt = 1e6;
    let all = layout(&t, &c, &p, &seven_px_per_char);
    assert_eq!(all.lanes.len(), c.lanes.lanes.len());
    for pair in all.lanes.windows(2) {
        assert_eq!(pair[0].top_pt + pair[0].height_pt, pair[1].top_pt);
    }
    assert_eq!(all.lanes[0].title, "Russia");
    p.viewport_height_pt = 100.0;
    let some = layout(&t, &c, &p, &seven_px_per_char);
    assert!(some.lanes.len() < all.lanes.len());
    assert_eq!(some.content_height_pt, all.content_height_pt);
    assert!(
        some.items
            .iter()
            .all(|i| i.y_pt <= 100.0 + all.lanes[0].height_pt)
    );
}

#[test]
fn dense_lanes_become_bins_bounded_by_the_width() {
    let t = crate::generate::generate(&crate::generate::GenerateOptions {
        events: 20_000,
        seed: 7,
        span_years: 50,
    });
    let ids = TimeIndex::new(&t).sorted().to_vec();
    let extents = crate::query::event_extents(&t.events);
    let c = LaneCache::new(
        &extents,
        Lanes::build(
            &t,
            &extents,
            &ids,
            Grouping::None,
            metrics::MAX_ROWS_PER_LANE,
        ),
    );
    let (from, to) = c.indexes[0].extent_days().unwrap();
    let p = ViewParams {
        breaks: &crate::layout::NO_BREAKS,
        window: TimeWindow::fit(from, to),
        width_pt: 1600.0,
        viewport_top_pt: 0.0,
        viewport_height_pt: 900.0,
        single_track_rows: 30,
        two_line_labels: false,
    };
    let l = layout(&t, &c, &p, &seven_px_per_char);
    assert!(l.items.is_empty());
    let rows = c.lanes.lanes[0].rows.len();
    assert!(l.clusters.len() <= rows * (1600.0 / metrics::CLUSTER_BIN_PT) as usize);
    let counted: usize = l.clusters.iter().map(|c| c.count).sum();
    assert_eq!(counted, t.events.len());
}

#[test]
fn no_label_overlaps_another_in_its_row_at_any_zoom_or_width() {
    let t = builtin_timeline().unwrap();
    let c = cache(&t, Grouping::None);
    for (from, to) in [
        ("1800", "2030"),
        ("1900", "2030"),
        ("1990", "2026"),
        ("2010", "2026"),
        ("2014", "2020"),
        ("2024", "2026"),
        ("2024-09", "2025-03"),
        ("window", "2000"),
    ] {
        for (width, rows) in [
            (360.0, 12),
            (520.0, 11),
            (520.0, 6),
            (700.0, 12),
            (1200.0, 16),
        ] {
            let remembered = from == "window";
            let mut p = if remembered {
                params_rows("1900", to, width, rows)
            } else {
                params_rows(from, to, width, rows)
            };
            if remembered {
                // A window the app was left at (a remembered state).
                p.window = TimeWindow {
                    start_days: -12847.425,
                    end_days: 29649.425,
                };
            }
            let l = layout(&t, &c, &p, &seven_px_per_char);
            for a in l.items.iter().filter(|a| a.label.is_some()) {
                let (l0, l1) = (a.label_x_pt(), a.label_x_pt() + a.label_width_pt);
                assert!(
                    l0 >= -0.5 && l1 <= width + 0.5,
                    "{from}–{to} at {width}: {} off the canvas",
                    id(&t, a)
                );
                for b in l
                    .items
                    .iter()
                    .filter(|b| b.event != a.event && b.row == a.row)
                {
                    let (m0, m1) = (b.mark_left_pt(), b.mark_right_pt());
                    assert!(
                        l1 <= m0 + 0.5 || m1 <= l0 + 0.5,
                        "{from}–{to} at {width}: the label of {} covers the mark of {}",
                        id(&t, a),
                        id(&t, b)
                    );
                    if b.label.is_some() {
                        let (c0, c1) = (b.label_x_pt(), b.label_x_pt() + b.label_width_pt);
                        assert!(
                            l1 <= c0 + 0.5 || c1 <= l0 + 0.5,
                            "{from}–{to} at {width}: labels of {} and {} overlap",
                            id(&t, a),
                            id(&t, b)
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn a_broken_axis_draws_every_event_outside_its_breaks_with_readable_ticks() {
    let t = builtin_timeline().unwrap();
    let c = cache(&t, Grouping::None);
    let ids = TimeIndex::new(&t).sorted().to_vec();
    let extents = crate::query::event_extents(&t.events);
    let breaks = Breaks::find(&extents, &ids);
    assert!(!breaks.is_empty());
    let (from, to) = c.indexes[0].extent_days().unwrap();
    let p = ViewParams {
        breaks: &breaks,
        window: breaks.fit(from, to),
        width_pt: 1100.0,
        viewport_top_pt: 0.0,
        viewport_height_pt: 2000.0,
        single_track_rows: 30,
        two_line_labels: false,
    };
    let l = layout(&t, &c, &p, &seven_px_per_char);
    let drawn: usize = l.items.len() + l.clusters.iter().map(|c| c.count).sum::<usize>();
    assert_eq!(drawn, t.events.len());
    assert_eq!(l.breaks.len(), breaks.gaps().len());
    for b in &l.breaks {
        assert!(b.x1_pt - b.x0_pt >= 12.0, "{b:?} too narrow to see");
        // (A mark is at least 2 pt wide, however short its event.)
        for i in &l.items {
            assert!(
                i.x1_pt <= b.x0_pt + 2.01 || i.x0_pt >= b.x1_pt - 0.01,
                "{} is drawn inside {b:?}",
                id(&t, i)
            );
        }
        for &x in l.tick_x_pt.iter().chain(&l.minor_tick_x_pt) {
            assert!(
                x <= b.x0_pt + 0.01 || x >= b.x1_pt - 0.01,
                "a tick at {x} in {b:?}"
            );
        }
    }
    // Tick labels (written right of their tick) never overlap.
    for (pair, xs) in l.ticks.windows(2).zip(l.tick_x_pt.windows(2)) {
        assert!(
            xs[0] + seven_px_per_char(&pair[0].label) <= xs[1],
            "{pair:?} at {xs:?}"
        );
    }
    // The first stretch (the Napoleonic wars, 1807–1814) has a tick of its
    // own, not one for the margin before it.
    let first = l.ticks[0].days;
    assert!(
        first >= days("1807") && first <= days("1815"),
        "{:?}",
        l.ticks
    );
    // The dense decade has ticks of its own.
    assert!(l.ticks.iter().any(|t| t.label == "2020"), "{:?}", l.ticks);
}

#[test]
fn dense_lanes_binned_across_a_break_count_every_event_once() {
    let mut t = crate::generate::generate(&crate::generate::GenerateOptions {
        events: 5_000,
        seed: 3,
        span_years: 10,
    });
    // The same events, a second time two centuries earlier.
    let early: Vec<_> =
        t.events
            .iter()
            .map(|e| {
                let mut e = e.clone();
                e.id.push_str("-early");
                e.start =
                    Date::from_axis_days(e.start.axis_days() - 200.0 * 365.25, e.start.precision())
                        .unwrap();
                e.end = e.end.as_ref().and_then(|d| {
                    Date::from_axis_days(d.axis_days() - 200.0 * 365.25, d.precision())
                });
                e
            })
            .collect();
    t.events.extend(early);
    let ids = TimeIndex::new(&t).sorted().to_vec();
    let extents = crate::query::event_extents(&t.events);
    let breaks = Breaks::find(&extents, &ids);
    assert_eq!(breaks.gaps().len(), 1, "{breaks:?}");
    let c = LaneCache::new(
        &extents,
        Lanes::build(&t, &extents, &ids, Grouping::None, 8),
    );
    let (from, to) = c.indexes[0].extent_days().unwrap();
    let p = ViewParams {
        breaks: &breaks,
        window: breaks.fit(from, to),
        width_pt: 1200.0,
        viewport_top_pt: 0.0,
        viewport_height_pt: 2000.0,
        single_track_rows: 8,
        two_line_labels: false,
    };
    let l = layout(&t, &c, &p, &seven_px_per_char);
    let counted: usize = l.clusters.iter().map(|c| c.count).sum::<usize>() + l.items.len();
    assert!(l.clusters.len() > 10, "{} clusters", l.clusters.len());
    assert_eq!(counted, t.events.len());
    // Both decades get a fair share of the width, the break a little.
    let b = &l.breaks[0];
    assert!(
        b.x0_pt > 400.0 && b.x1_pt < 800.0 && b.x1_pt - b.x0_pt < 100.0,
        "{b:?}"
    );
}

#[test]
fn two_line_labels_cut_fewer_titles_and_never_overlap() {
    let t = builtin_timeline().unwrap();
    let c = cache(&t, Grouping::None);
    let cut = |two: bool| {
        let mut p = params("2014-06", "2026", 900.0);
        p.two_line_labels = two;
        let l = layout(&t, &c, &p, &seven_px_per_char);
        let mut cut = 0;
        for a in &l.items {
            let Some(label) = &a.label else { continue };
            let full = seven_px_per_char(label);
            assert!(a.label_lines == 1 || two, "two lines only when asked");
            let holds = match a.label_lines {
                1 => a.label_width_pt,
                // Two lines hold about twice the width, less where words
                // break.
                _ => 2.0 * a.label_width_pt - metrics::WRAP_SLACK_PT,
            };
            if a.label_lines == 2 {
                assert!(a.label_width_pt < full, "{label} fits one line");
            }
            if holds + 0.5 < full {
                cut += 1;
            }
            for b in &l.items {
                if std::ptr::eq(a, b) || a.row != b.row || a.lane != b.lane || b.label.is_none() {
                    continue;
                }
                let (a0, a1) = (a.label_x_pt(), a.label_x_pt() + a.label_width_pt);
                let (b0, b1) = (b.label_x_pt(), b.label_x_pt() + b.label_width_pt);
                assert!(a1 <= b0 + 0.5 || b1 <= a0 + 0.5, "{label} overlaps");
            }
        }
        // Rows are taller with two lines.
        let step = if two {
            metrics::ROW_HEIGHT_TWO_LINES_PT
        } else {
            metrics::ROW_HEIGHT_PT
        };
        for a in &l.items {
            let offset = a.y_pt - metrics::LANE_HEADER_PT - step / 2.0;
            assert!((offset / step - (offset / step).round()).abs() < 1e-3);
        }
        cut
    };
    let (one, two) = (cut(false), cut(true));
    assert!(two < one, "cut titles: {one} on one line, {two} on two");
}
