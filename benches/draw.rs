//! Drawing a 200x60 frame of a 1,000-campaign endpoint. Only the rows on screen are built, so
//! selecting a campaign in the middle of the list costs the same as the first. And the large
//! file: what the UI thread spends when 10,000 campaigns arrive, arrive again, and are drawn.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use pinview::model::Campaign;
use pinview::render::{Options, state_for, to_text};
use pinview::source::{Source, Target};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

mod common;

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;
/// Position in device order of the campaign the second bench selects.
const MIDDLE: usize = 500;

fn options() -> Options {
    let now = pinview::cli::parse_now("2026-11-24T12:00:00Z").unwrap();
    Options::new(WIDTH, HEIGHT, now)
}

fn draw(c: &mut Criterion) {
    let campaigns: Vec<Campaign> =
        pinview::model::input::parse_campaigns(&common::api_body()).expect("bench body parses");
    assert_eq!(campaigns.len(), common::CAMPAIGNS);
    let targets = Source::Demo.targets();
    let target = Target::new("demo-app", "load-test");
    let area = Rect::new(0, 0, WIDTH, HEIGHT);

    let first = state_for(&targets, &target, &campaigns, &options()).expect("state");
    assert_eq!(first.visible.len(), common::CAMPAIGNS);
    let mut buf = Buffer::empty(area);
    c.bench_function("draw_200x60_1000_campaigns", |b| {
        b.iter(|| {
            buf.reset();
            pinview::ui::draw_buffer(black_box(&first), area, &mut buf);
        })
    });

    let middle_id = campaigns[first.visible[MIDDLE]].id().to_string();
    let mut middle_options = options();
    middle_options.campaign = Some(middle_id.clone());
    let middle = state_for(&targets, &target, &campaigns, &middle_options).expect("state");
    assert_eq!(middle.selected, MIDDLE);
    assert!(middle.list_offset > 0, "the list should have scrolled");
    buf.reset();
    pinview::ui::draw_buffer(&middle, area, &mut buf);
    assert!(
        to_text(&buf).contains(&middle_id),
        "the selected campaign {middle_id} should be on screen"
    );
    c.bench_function("draw_200x60_1000_campaigns_select_500", |b| {
        b.iter(|| {
            buf.reset();
            pinview::ui::draw_buffer(black_box(&middle), area, &mut buf);
        })
    });
}

fn large(c: &mut Criterion) {
    let campaigns: Vec<Campaign> =
        pinview::model::input::parse_campaigns(&common::large_body()).expect("bench body parses");
    let targets = Source::Demo.targets();
    let target = Target::new("demo-app", "load-test");
    let area = Rect::new(0, 0, WIDTH, HEIGHT);
    let mut group = c.benchmark_group("large_10000");
    group.sample_size(20);
    let now = options().now;
    let review = |campaigns: &[Campaign]| pinview::app::Reviewed::of(campaigns, &now);
    // Findings and fingerprints: off the UI thread in the TUI (the fetch works them out), so
    // measured apart from `update`.
    group.bench_function("review", |b| b.iter(|| review(black_box(&campaigns))));
    let reviewed = review(&campaigns);
    let empty = state_for(&targets, &target, &[], &options()).expect("state");
    let arrive = |state: &mut pinview::app::State, (fresh, reviewed): (Vec<Campaign>, _)| {
        pinview::app::update(
            state,
            pinview::app::Action::Fetched {
                target: target.clone(),
                request: 0,
                at: now.timestamp(),
                result: Ok(fresh),
                reviewed: Some(reviewed),
            },
        )
    };
    // What the UI thread spends when the first fetch arrives: device order, selection.
    group.bench_function("update_first_load", |b| {
        b.iter_batched(
            || (empty.clone(), (campaigns.clone(), reviewed.clone())),
            // Returned, so freeing the state and the replaced campaigns is not timed: the TUI
            // frees them off the UI thread.
            |(mut state, fresh)| {
                let outcome = arrive(&mut state, fresh);
                (state, outcome)
            },
            criterion::BatchSize::LargeInput,
        )
    });
    let mut state = empty.clone();
    arrive(&mut state, (campaigns.clone(), reviewed.clone()));
    assert_eq!(state.visible.len(), common::LARGE_CAMPAIGNS);
    // A reload: each campaign marked against the one before by id.
    group.bench_function("update_reload", |b| {
        b.iter_batched(
            || (state.clone(), (campaigns.clone(), reviewed.clone())),
            // Returned, so freeing the state and the replaced campaigns is not timed: the TUI
            // frees them off the UI thread.
            |(mut state, fresh)| {
                let outcome = arrive(&mut state, fresh);
                (state, outcome)
            },
            criterion::BatchSize::LargeInput,
        )
    });
    let mut buf = Buffer::empty(area);
    group.bench_function("draw_200x60", |b| {
        b.iter(|| {
            buf.reset();
            pinview::ui::draw_buffer(black_box(&state), area, &mut buf);
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(10));
    targets = draw, large
}
criterion_main!(benches);
