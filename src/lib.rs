//! Timeline Explorer: explore dated events on a zoomable, filterable timeline.
//!
//! Layers, from the bottom: [`model`] (dates, events), [`io`] (the RON format
//! and validation), [`query`] (sorting, visible ranges), [`ui`] (egui
//! drawing), [`app`] (state and commands), [`cli`] (subcommands).

pub mod app;
pub mod bench;
pub mod cli;
pub mod export;
pub mod generate;
pub mod io;
pub mod model;
pub mod query;
pub mod ui;

pub use app::{Command, TimelineApp};
pub use model::{Date, Event, Precision, Timeline};
