//! Shared helpers: the demo's campaigns and a pinned clock.

use jiff::ZonedDateTime;
use pinview::model::Campaign;
use pinview::source::{Source, Target};

/// The instant every frame test is drawn at: demo end dates are relative to it.
pub const NOW: &str = "2026-11-24T12:00:00Z";

pub fn now() -> ZonedDateTime {
    pinview::cli::parse_now(NOW).unwrap()
}

pub fn demo(endpoint: &str) -> (Vec<Target>, Target, Vec<Campaign>) {
    let source = Source::Demo;
    let targets = source.targets();
    let target = Target::new("demo-app", endpoint);
    let campaigns = source.fetch_local(&target).unwrap();
    (targets, target, campaigns)
}
