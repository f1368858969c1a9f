//! Image snapshots of the canvas on the article dataset, rendered with wgpu
//! (Mesa's software renderer on a headless machine). Kept few: fit-all,
//! grouped by actor, zoomed into 2024–2025, the relations lanes and the network at a date.
//!
//! After an intended visual change: `UPDATE_SNAPSHOTS=1 cargo test --test
//! it snapshots`, then look at the new PNGs in tests/snapshots before committing.

use crate::harness::*;

use egui_kittest::Harness;
use timeline_explorer::layout::TimeWindow;
use timeline_explorer::query::Grouping;
use timeline_explorer::state::ThemeChoice;
use timeline_explorer::{Command, Date, TimelineApp};

fn days(s: &str) -> f64 {
    s.parse::<Date>().unwrap().axis_days()
}

fn snapshot(name: &str, mut app: TimelineApp) {
    let _ = app.apply(Command::SetTheme(ThemeChoice::Dark));
    let mut h = Harness::builder()
        .with_size([1400.0, 860.0])
        .with_theme(egui::Theme::Dark)
        .wgpu()
        .build_eframe(move |_cc| app);
    h.run();
    h.snapshot(name);
}

#[test]
fn canvas_fit_all() {
    snapshot("canvas-fit-all", app());
}

#[test]
fn canvas_grouped_by_actor() {
    let mut app = app();
    app.apply(Command::SetGrouping(Grouping::Actor));
    app.apply(Command::SetWindow(TimeWindow {
        start_days: days("2014"),
        end_days: days("2026"),
    }));
    snapshot("canvas-by-actor", app);
}

#[test]
fn canvas_zoomed_into_2024_2025() {
    let mut app = app();
    app.apply(Command::SetWindow(TimeWindow {
        start_days: days("2024-08"),
        end_days: days("2025-11"),
    }));
    app.apply(Command::Select(Some("fall-of-assad".into())));
    snapshot("canvas-2024-2025", app);
}

#[test]
fn relations_lanes_with_a_relation_selected() {
    let mut app = app();
    app.apply(Command::SetGrouping(Grouping::Relations));
    app.apply(Command::SetWindow(TimeWindow {
        start_days: days("2014"),
        end_days: days("2026"),
    }));
    app.apply(Command::SelectRelation(Some("ru-tr-2015".into())));
    snapshot("relations-2014-2025", app);
}

#[test]
fn relations_network_at_the_su24_shootdown() {
    let mut app = app();
    app.apply(Command::ToggleNetwork);
    app.apply(Command::Select(Some("su24-shootdown".into())));
    snapshot("relations-network-2015", app);
}
