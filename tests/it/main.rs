//! The integration tests, in one binary (one link of eframe, one harness).
//!
//! State tests drive [`AppState`] with no window at all; UI tests drive the
//! real `eframe::App` through egui_kittest, so `App::logic` runs as it does
//! in the window (see [`harness`]).

mod harness;

mod architecture;
mod authoring;
mod canvas;
mod cli;
mod dataset;
mod dates;
mod edit;
mod explore;
mod export;
mod fonts;
mod fuzz;
mod hidden_window;
mod import;
mod kill_edit;
mod kill_save;
mod loader;
mod markwhen_oracle;
mod panels;
mod present;
mod query;
mod recovery;
mod relations;
mod safety;
mod snapshots;
mod state;
mod tables;
mod ui;
