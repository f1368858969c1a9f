//! `timeline-explorer bench`: renders the full app window headless
//! (`egui::Context::run_ui` + `tessellate`) on generated timelines of several
//! sizes, in several views, and reports milliseconds per frame and vertex
//! counts, then the time to load each generated file.

pub mod imports;

use std::io::Write;
use std::time::Instant;

use crate::app::TimelineApp;
use crate::generate::{GenerateOptions, generate};
use crate::io::{load_timeline, save_timeline};
use crate::layout::TimeWindow;
use crate::model::{Certainty, Query, Timeline};
use crate::query::Prepared;
use crate::state::{AppState, Command};

/// Window size of the headless frames.
pub const BENCH_WIDTH_PT: f32 = 1600.0;
pub const BENCH_HEIGHT_PT: f32 = 900.0;

#[derive(Clone, Debug)]
pub struct BenchOptions {
    pub events: Vec<usize>,
    pub frames: usize,
}

/// One row of the table.
#[derive(Clone, Debug)]
pub struct FrameStats {
    pub events: usize,
    pub view: &'static str,
    pub median_ms: f64,
    pub p95_ms: f64,
    pub vertices: usize,
}

/// The input of headless frame number `frame` (at 60 frames a second).
fn frame_input(frame: usize) -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(BENCH_WIDTH_PT, BENCH_HEIGHT_PT),
        )),
        time: Some(frame as f64 / 60.0),
        ..Default::default()
    }
}

/// Renders `frames` frames of `app` and returns (median ms, p95 ms,
/// vertices of the last frame). A few warm-up frames are not counted.
pub fn measure_frames(app: &mut TimelineApp, frames: usize) -> (f64, f64, usize) {
    let ctx = egui::Context::default();
    let mut times_ms = Vec::with_capacity(frames);
    let mut vertices = 0;
    let warmup = 3;
    for frame in 0..frames + warmup {
        let input = frame_input(frame);
        let started = Instant::now();
        let output = ctx.run_ui(input, |ui| app.frame(ui));
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
        vertices = primitives
            .iter()
            .map(|p| match &p.primitive {
                egui::epaint::Primitive::Mesh(mesh) => mesh.vertices.len(),
                egui::epaint::Primitive::Callback(_) => 0,
            })
            .sum();
        if frame >= warmup {
            times_ms.push(elapsed_ms);
        }
    }
    times_ms.sort_by(f64::total_cmp);
    let pick = |q: f64| times_ms[((times_ms.len() - 1) as f64 * q).round() as usize];
    (pick(0.5), pick(0.95), vertices)
}

/// The relations lanes' frame (the whole window, the lanes fitted), the
/// network at a date over every pair, and the index build, for `periods`
/// periods among `actors` actors, as one line of the report.
pub fn measure_relations(actors: usize, periods: usize, frames: usize) -> String {
    use crate::layout::network::{circle_order, network_at};
    use crate::query::{Grouping, RelationIndex};
    let mut t = generate(&GenerateOptions {
        events: 1000,
        seed: 1,
        span_years: 100,
    });
    crate::generate::add_relations(&mut t, actors, periods, 1);
    let started = Instant::now();
    let index = RelationIndex::new(&t);
    let index_ms = started.elapsed().as_secs_f64() * 1000.0;
    let order = circle_order(&index);
    let pairs: Vec<usize> = (0..index.pairs.len()).collect();
    let (from, to) = (
        t.relations
            .iter()
            .map(|r| r.start_days())
            .fold(f64::INFINITY, f64::min),
        t.relations
            .iter()
            .map(|r| r.end_days(0.0))
            .fold(f64::NEG_INFINITY, f64::max),
    );
    let mut net_ms: Vec<f64> = (0..50)
        .map(|k| {
            let days = from + (to - from) * f64::from(k) / 50.0;
            let started = Instant::now();
            let net = network_at(&t, &index, &order, &pairs, days);
            std::hint::black_box(&net);
            started.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    net_ms.sort_by(f64::total_cmp);
    let mut app = TimelineApp::new(AppState::with_timeline(t));
    app.state_mut()
        .apply(Command::SetGrouping(Grouping::Relations));
    let target = app.state().target_window();
    app.state_mut().apply(Command::SetWindow(target));
    let (median_ms, p95_ms, _) = measure_frames(&mut app, frames);
    format!(
        "relations {periods:>7} periods, {actors:>5} actors, {:>6} pairs: lanes frame {median_ms:>7.2} ms (p95 {p95_ms:.2}); network at a date {:>6.3} ms; index built in {index_ms:>6.1} ms",
        index.pairs.len(),
        net_ms[net_ms.len() / 2]
    )
}

/// Median milliseconds to re-filter after a keystroke, for a few kinds of
/// query, as one line of the report.
pub fn measure_filter(timeline: &Timeline) -> String {
    let prepared_at = Instant::now();
    let prepared = Prepared::new(timeline.clone());
    let index_ms = prepared_at.elapsed().as_secs_f64() * 1000.0;
    let queries = [
        (
            "text",
            Query {
                text: "summit".into(),
                ..Query::default()
            },
        ),
        (
            "phrase",
            Query {
                text: "\"border closed\"".into(),
                ..Query::default()
            },
        ),
        (
            "facets",
            Query {
                actors: vec!["northland".into()],
                certainties: vec![Certainty::Confirmed, Certainty::Reported],
                ..Query::default()
            },
        ),
        (
            "all",
            Query {
                text: "treaty capital".into(),
                actors: vec!["northland".into(), "southland".into()],
                only_discrepancies: false,
                categories: vec!["diplomatic".into()],
                ..Query::default()
            },
        ),
    ];
    let mut parts = Vec::new();
    for (name, q) in &queries {
        let mut times: Vec<f64> = (0..5)
            .map(|_| {
                let started = Instant::now();
                let r = prepared.filter(q);
                std::hint::black_box(r.events.len());
                started.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        parts.push(format!("{name} {:.1}", times[times.len() / 2]));
    }
    format!(
        "filter_ms median {}; sort and search indexes built in {index_ms:.0} ms",
        parts.join(", ")
    )
}

/// The three views: everything, about 1% of the span around the median
/// event, and one day around it.
/// Milliseconds from an edit (renaming the first event) or its undo until
/// the window shows it (history, indexes, lanes, table order; on a worker
/// thread for large timelines), and the longest frame meanwhile: median of
/// five of each.
pub fn measure_edit(app: &mut TimelineApp) -> String {
    let ctx = egui::Context::default();
    let mut frame = 0;
    let mut until_shown = |app: &mut TimelineApp, command: Command| {
        let mut longest_frame_ms: f64 = 0.0;
        let started = Instant::now();
        app.state_mut().apply(command);
        loop {
            let input = frame_input(frame);
            frame += 1;
            let frame_started = Instant::now();
            let output = ctx.run_ui(input, |ui| app.frame(ui));
            let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
            let ms = frame_started.elapsed().as_secs_f64() * 1000.0;
            longest_frame_ms = longest_frame_ms.max(ms);
            if !app.state().is_applying_edit() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        (started.elapsed().as_secs_f64() * 1000.0, longest_frame_ms)
    };
    // Warm up: the first frames of a new context lay out every glyph.
    until_shown(app, Command::SetWindow(app.state().target_window()));
    until_shown(app, Command::SetWindow(app.state().target_window()));
    let mut longest_frame_ms: f64 = 0.0;
    let mut edit_ms = Vec::new();
    let mut undo_ms = Vec::new();
    for round in 0..5 {
        let mut event = app.state().timeline().events[0].clone();
        event.title = format!("{} ({round})", event.title);
        let Ok(edit) = crate::model::edit::update_event(app.state().timeline(), 0, event) else {
            return "no events".into();
        };
        let (ms, longest) = until_shown(app, Command::ApplyEdit { edit, select: None });
        edit_ms.push(ms);
        longest_frame_ms = longest_frame_ms.max(longest);
        let (ms, longest) = until_shown(app, Command::Undo);
        undo_ms.push(ms);
        longest_frame_ms = longest_frame_ms.max(longest);
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    format!(
        "shown after {:>8.1} ms, undone after {:>8.1} ms; longest frame meanwhile {:>6.1} ms",
        median(&mut edit_ms),
        median(&mut undo_ms),
        longest_frame_ms
    )
}

/// Milliseconds from an edit until it is in the recovery journal on disk
/// (median of five), whatever the timeline's size.
pub fn measure_recovery(app: &mut TimelineApp) -> anyhow::Result<String> {
    let dir = tempfile::tempdir()?;
    let _ = app
        .state_mut()
        .apply(Command::SetRecoveryFolder(Some(dir.path().to_path_buf())));
    let mut times = Vec::new();
    for round in 1..=5 {
        let mut event = app.state().timeline().events[0].clone();
        event.title = format!("{} [{round}]", event.title);
        let Ok(edit) = crate::model::edit::update_event(app.state().timeline(), 0, event) else {
            anyhow::bail!("no events");
        };
        let started = Instant::now();
        let _ = app
            .state_mut()
            .apply(Command::ApplyEdit { edit, select: None });
        loop {
            let journaled = crate::io::recovery::copy_for(dir.path(), None)
                .is_some_and(|c| c.later_edits >= round);
            if journaled {
                break;
            }
            anyhow::ensure!(
                started.elapsed() < std::time::Duration::from_secs(30),
                "the edit never reached the journal"
            );
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        let _ = app.state_mut().settle(std::time::Duration::from_secs(60));
    }
    let _ = app.state_mut().apply(Command::SetRecoveryFolder(None));
    times.sort_by(f64::total_cmp);
    Ok(format!(
        "an edit is on disk in the recovery journal {:.1} ms after it is made (median of 5)",
        times[2]
    ))
}

fn views(app: &TimelineApp) -> Vec<(&'static str, TimeWindow)> {
    let events = &app.state().timeline().events;
    let mut starts: Vec<f64> = events.iter().map(|e| e.start_days()).collect();
    starts.sort_by(f64::total_cmp);
    let (first, last) = (starts[0], starts[starts.len() - 1]);
    let median = starts[starts.len() / 2];
    let fit = TimeWindow::fit(first, last);
    let one_percent = fit.span_days() / 100.0;
    vec![
        ("fit-all", fit),
        (
            "1% of span",
            TimeWindow {
                start_days: median - one_percent / 2.0,
                end_days: median + one_percent / 2.0,
            },
        ),
        (
            "one day",
            TimeWindow {
                start_days: median.floor(),
                end_days: median.floor() + 1.0,
            },
        ),
    ]
}

/// Runs the benchmark and prints the table to `out`.
pub fn run_bench(opts: &BenchOptions, out: &mut dyn Write) -> anyhow::Result<Vec<FrameStats>> {
    let mut rows = Vec::new();
    if cfg!(debug_assertions) {
        writeln!(
            out,
            "warning: this is a debug build; measure with `cargo run --release -- bench`"
        )?;
    }
    writeln!(
        out,
        "{:>9}  {:<11} {:>10} {:>8} {:>9}",
        "events", "view", "median_ms", "p95_ms", "vertices"
    )?;
    let mut timelines = Vec::new();
    for &n in &opts.events {
        let timeline = generate(&GenerateOptions {
            events: n,
            seed: 1,
            span_years: 100,
        });
        let built = Instant::now();
        let mut app = TimelineApp::new(AppState::with_timeline(timeline.clone()));
        let build_ms = built.elapsed().as_secs_f64() * 1000.0;
        for (view, window) in views(&app) {
            app.state_mut().apply(Command::SetWindow(window));
            let (median_ms, p95_ms, vertices) = measure_frames(&mut app, opts.frames.max(1));
            writeln!(
                out,
                "{n:>9}  {view:<11} {median_ms:>10.2} {p95_ms:>8.2} {vertices:>9}"
            )?;
            rows.push(FrameStats {
                events: n,
                view,
                median_ms,
                p95_ms,
                vertices,
            });
        }
        writeln!(out, "edit   {n:>9} events: {}", measure_edit(&mut app))?;
        writeln!(out, "saved  {n:>9} events: {}", measure_recovery(&mut app)?)?;
        timelines.push((n, timeline, build_ms));
    }
    for (n, timeline, _) in &timelines {
        let line = measure_filter(timeline);
        writeln!(out, "filter {n:>9} events: {line}")?;
    }
    for (actors, periods) in [(30, 1_000), (1_000, 100_000)] {
        writeln!(
            out,
            "{}",
            measure_relations(actors, periods, opts.frames.max(1))
        )?;
    }
    imports::measure_imports(1_000_000, 100_000, out)?;
    let dir = tempfile::tempdir()?;
    for (n, timeline, build_ms) in timelines {
        let path = dir.path().join(format!("bench-{n}.ron"));
        save_timeline(&path, &timeline)?;
        let size_mb = std::fs::metadata(&path)?.len() as f64 / 1e6;
        let started = Instant::now();
        let loaded = load_timeline(&path)?;
        let load_ms = started.elapsed().as_secs_f64() * 1000.0;
        anyhow::ensure!(
            loaded.events.len() == timeline.events.len(),
            "reloaded a different timeline"
        );
        writeln!(
            out,
            "load {n:>9} events: {size_mb:>8.1} MB RON in {load_ms:>9.1} ms; indexes and lanes built in {build_ms:>7.1} ms"
        )?;
    }
    Ok(rows)
}
