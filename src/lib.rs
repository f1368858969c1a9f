//! Timeline Explorer: explore dated events on a zoomable, filterable timeline.
//!
//! Layers, from the bottom; each uses only the ones before it:
//! [`model`] (dates, events, edits: plain data) → [`query`] (filters,
//! indexes, lanes, table order) → [`layout`] (screen layout in named units
//! and the visual style, shared by the canvas and the handout) → [`io`]
//! (formats and disk) → [`state`] (the app without a window: commands in,
//! effects out, background jobs) → [`ui`] (egui: reads the state, returns
//! commands) → [`app`] (the eframe shell). [`cli`], [`bench`], [`scaling`],
//! [`fuzz`] and [`generate`] sit on top. Only `ui`, `app` and `bench` use egui or eframe
//! (a test checks it); `docs/architecture.md` shows how a command flows.

pub mod app;
pub mod bench;
pub mod cli;
pub mod fuzz;
pub mod generate;
pub mod io;
pub mod layout;
pub mod model;
pub mod query;
pub mod scaling;
pub mod state;
pub mod ui;

pub use app::TimelineApp;
pub use model::{Date, Event, Precision, Timeline};
pub use state::{AppState, Command};
