//! Criterion benchmarks of the canvas view model and the index behind it,
//! on generated timelines (`cargo bench`). The whole-window frame times are
//! measured by `timeline-explorer bench`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use timeline_explorer::generate::{GenerateOptions, generate};
use timeline_explorer::layout::{LaneCache, TimeWindow, ViewParams, layout, metrics};
use timeline_explorer::query::{Grouping, Lanes, TimeIndex, event_extents};

fn view_model(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout");
    for events in [1_000usize, 100_000] {
        let t = generate(&GenerateOptions {
            events,
            seed: 1,
            span_years: 100,
        });
        let extents = event_extents(&t.events);
        let ids = TimeIndex::new(&t).sorted().to_vec();
        for grouping in [Grouping::None, Grouping::Actor] {
            let lanes = Lanes::build(&t, &extents, &ids, grouping, metrics::MAX_ROWS_PER_LANE);
            let cache = LaneCache::new(&extents, lanes);
            let (from, to) = cache
                .indexes
                .iter()
                .filter_map(|i| i.extent_days())
                .fold((f64::MAX, f64::MIN), |(a, b), (c, d)| (a.min(c), b.max(d)));
            let fit = TimeWindow::fit(from, to);
            let mid = fit.centre_days();
            for (view, window) in [
                ("fit-all", fit),
                ("1%", fit.zoomed(100.0, mid)),
                (
                    "one-day",
                    TimeWindow {
                        start_days: mid.floor(),
                        end_days: mid.floor() + 1.0,
                    },
                ),
            ] {
                let params = ViewParams {
                    window,
                    breaks: &timeline_explorer::layout::NO_BREAKS,
                    width_pt: 1270.0,
                    viewport_top_pt: 0.0,
                    viewport_height_pt: 700.0,
                    single_track_rows: 25,
                    two_line_labels: false,
                };
                let id = BenchmarkId::new(format!("{grouping:?}/{view}"), events);
                group.bench_with_input(id, &params, |b, p| {
                    b.iter(|| layout(&t, &cache, black_box(p), &|s: &str| s.len() as f32 * 7.0))
                });
            }
        }
    }
    group.finish();
}

fn building(c: &mut Criterion) {
    let t = generate(&GenerateOptions {
        events: 100_000,
        seed: 1,
        span_years: 100,
    });
    let ids = TimeIndex::new(&t).sorted().to_vec();
    c.bench_function("extents+lanes 100k", |b| {
        b.iter(|| {
            let extents = event_extents(&t.events);
            Lanes::build(
                &t,
                &extents,
                &ids,
                Grouping::Actor,
                metrics::MAX_ROWS_PER_LANE,
            )
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(2));
    targets = view_model, building
}
criterion_main!(benches);
