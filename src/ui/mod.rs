//! egui code only: the timeline canvas, panels and theme.

pub mod axis;
pub mod canvas;
pub mod catalogue;
pub mod column_map;
pub mod event_form;
pub mod event_table;
pub mod filter_panel;
pub mod panels;
pub mod presentation;
pub mod theme;
pub mod view_model;
