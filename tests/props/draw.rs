//! Drawing: any campaigns at any size from 1x1 to 300x100, headless as text and as ANSI, never
//! panic and always give whole rows of plain cells; `pinview check`'s review of them never
//! panics and never quotes a control character.

use pinview::images::{Board, Mode, resolve};
use pinview::model::Campaign;
use pinview::render::{Options, Pane, RenderError, render_target};
use pinview::rules::check::{self, review};
use pinview::rules::platform::Platform;
use pinview::source::Target;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::TestCaseError;

use super::campaigns::{campaigns, now};
use super::output::{check_frame, no_controls};
use super::strings::{nasty, short};
use super::{Budget, run};

/// Cases `cargo test` runs; frames up to 300x100 in a debug build take a while each.
const CASES: u32 = 250;
/// Reviews alone are cheaper; `render` reviews every frame's campaigns too.
const REVIEW_CASES: u32 = 300;

/// Widths and heights where the layout changes, and the ends of the range.
const WIDTHS: &[u16] = &[1, 2, 29, 30, 31, 59, 60, 99, 100, 101, 299, 300];
const HEIGHTS: &[u16] = &[1, 2, 7, 8, 9, 14, 15, 16, 99, 100];

pub fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        2 => (1u16..=300, 1u16..=100),
        1 => (select(WIDTHS), select(HEIGHTS)),
        1 => (1u16..=40, 1u16..=12),
    ]
}

/// Everything a headless frame is drawn from.
#[derive(Debug)]
struct Scene {
    campaigns: Vec<Campaign>,
    targets: Vec<Target>,
    shown: Index,
    size: (u16, u16),
    platform: Platform,
    page: usize,
    preview_only: bool,
    /// Which campaign to select, by index into the list; `None` takes the first in device order.
    select: Option<Index>,
    now: jiff::ZonedDateTime,
    source: String,
    labels: Vec<String>,
    /// Image slots named, with each image failed for this reason.
    images: Option<String>,
}

fn scene() -> impl Strategy<Value = Scene> {
    let targets = vec((short(), short()), 1..4)
        .prop_map(|pairs| pairs.into_iter().map(|(a, e)| Target::new(a, e)).collect());
    (
        (campaigns(7), targets, any::<Index>(), size()),
        (select(&Platform::ALL[..]), 0usize..9, any::<bool>()),
        (proptest::option::of(any::<Index>()), now(), short()),
        (vec(short(), 0..3), proptest::option::of(nasty(80))),
    )
        .prop_map(
            |(
                (campaigns, targets, shown, size),
                (platform, page, preview_only),
                (select, now, source),
                (labels, images),
            )| Scene {
                campaigns,
                targets,
                shown,
                size,
                platform,
                page,
                preview_only,
                select,
                now,
                source,
                labels,
                images,
            },
        )
}

/// The frame `scene` gives, drawn and checked.
fn draw(scene: Scene) -> Result<(), TestCaseError> {
    let target = scene.shown.get(&scene.targets).clone();
    let wanted = scene
        .select
        .filter(|_| !scene.campaigns.is_empty())
        .map(|i| i.get(&scene.campaigns).id().to_string());
    let mut options = Options::new(scene.size.0, scene.size.1, scene.now.clone());
    options.platform = scene.platform;
    options.page = scene.page;
    options.pane = if scene.preview_only {
        Pane::Preview
    } else {
        Pane::All
    };
    options.campaign.clone_from(&wanted);
    options.source = scene.source;
    options.labels = scene.targets.iter().cloned().zip(scene.labels).collect();
    if let Some(why) = &scene.images {
        options.images = failed_images(&scene.campaigns, why);
    }
    let mut drawn = render_target(&scene.targets, &target, &scene.campaigns, &options);
    // A page past the cards is refused; the last card is drawn instead, and checked.
    if let Err(RenderError::NoSuchPage { page, cards, .. }) = drawn {
        prop_assert!(
            page == scene.page && page >= cards,
            "page {page} of {cards}"
        );
        options.page = cards - 1;
        drawn = render_target(&scene.targets, &target, &scene.campaigns, &options);
    }
    match drawn {
        Ok(frame) => check_frame(&frame),
        // A campaign without an id is listed as "(no id)", which selects none.
        Err(RenderError::NoSuchCampaign { wanted: w, .. }) => {
            prop_assert!(
                wanted.as_deref() == Some(w.as_str()),
                "{w:?} was not asked for"
            );
            Ok(())
        }
        Err(other) => Err(TestCaseError::fail(format!("render failed: {other}"))),
    }
}

/// A board that labels image slots, with every image the campaigns name failed for `why`.
fn failed_images(campaigns: &[Campaign], why: &str) -> Board {
    let mut board = Board::default();
    board.mode = Mode::Label;
    let urls = campaigns.iter().flat_map(Campaign::cards);
    for url in urls.filter_map(|card| card.image_url.as_deref()) {
        if let Ok(location) = resolve(url, None) {
            let key = location.key();
            board.request(&key);
            board.finish(&key, Err(why.to_string()));
        }
    }
    board
}

/// The review of `campaigns` at `now`, every finding's words checked.
fn reviewed(campaigns: Vec<Campaign>, now: jiff::ZonedDateTime) -> Result<(), TestCaseError> {
    for finding in review(&campaigns, &check::Options::at(now)) {
        no_controls(&format!("{} message", finding.rule.id), &finding.message)?;
        no_controls(&format!("{} words", finding.rule.id), &finding.words())?;
    }
    Ok(())
}

#[test]
fn any_campaigns_draw_as_whole_rows_of_plain_cells() {
    run("draw", Budget::bounded(CASES), scene(), draw);
}

#[test]
#[ignore = "long run: PINVIEW_PROPTEST_CASES"]
fn any_campaigns_draw_as_whole_rows_of_plain_cells_long() {
    run("draw (long)", Budget::long(CASES), scene(), draw);
}

#[test]
fn any_campaigns_review_without_control_characters() {
    let budget = Budget::bounded(REVIEW_CASES);
    run("review", budget, (campaigns(7), now()), |(c, n)| {
        reviewed(c, n)
    });
}

#[test]
#[ignore = "long run: PINVIEW_PROPTEST_CASES"]
fn any_campaigns_review_without_control_characters_long() {
    let budget = Budget::long(REVIEW_CASES);
    run("review (long)", budget, (campaigns(7), now()), |(c, n)| {
        reviewed(c, n)
    });
}
