//! Screen layout in named units, shared by the canvas and the printed
//! handout: the time window, the axis's ticks, the canvas's view model,
//! sizes ([`metrics`]) and the visual style ([`style`]). Pure: no egui.

pub mod axis;
pub mod breaks;
pub mod canvas;
pub mod metrics;
pub mod network;
pub mod relations;
pub mod style;
pub mod window;

pub use breaks::{Breaks, NO_BREAKS, Scale};
pub use canvas::{
    CanvasItem, CanvasLayout, Cluster, EraView, LaneCache, LaneView, MarkKind, ViewParams, layout,
};
pub use style::{Palette, Rgba};
pub use window::{MAX_SPAN_DAYS, MIN_SPAN_DAYS, TimeWindow};
