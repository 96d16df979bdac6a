//! pinview: preview Amazon Pinpoint in-app messages in the terminal.
//!
//! The crate is also a library so that frames can be rendered headless, for example under a
//! team's own snapshot tests: see [`render`].

pub mod app;
pub mod cli;
pub mod config;
pub mod effects;
pub mod images;
pub mod logging;
pub mod model;
pub mod pixels;
pub mod render;
pub mod rules;
pub mod server;
pub mod source;
pub mod text;
pub mod tui;
pub mod ui;
