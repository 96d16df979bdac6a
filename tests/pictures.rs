//! Real pixels in frames: the demo's pictures as half blocks where the device puts them (ANSI
//! snapshots), the details of each image, words for images that cannot be shown, and a TUI
//! that keeps answering keys while an image is still on its way.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::routing::get;
use crossterm::event::{Event, KeyCode, KeyEvent};
use pinview::config::Settings;
use pinview::effects::{Imaging, initial_state};
use pinview::images::Board;
use pinview::images::board::Mode;
use pinview::images::{Limits, Loader};
use pinview::model::Campaign;
use pinview::model::input::parse_campaigns;
use pinview::render::{Options, Pane, render_source, to_ansi, to_text};
use pinview::source::{Source, Target};
use pinview::tui::{LoopConfig, run_loop};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;
use ratatui_image::picker::Picker;

use crate::support::now;

/// Local images only, as `render` without `--remote-images`.
fn local_loader() -> Loader {
    Loader::new(Limits::default(), false, None)
}

/// Draws `campaign` of `source` as `render` does: fetched, its images loaded, drawn once.
async fn draw_with_images(
    source: Source,
    target: &Target,
    campaign: &str,
    size: (u16, u16),
    mode: Mode,
) -> Buffer {
    let mut options = Options::new(size.0, size.1, now());
    // At 80x24 the whole screen leaves a modal no row for its picture (text comes first, as
    // on a device), so the small frames are of the preview pane, as `render --pane preview`.
    if size.1 < 30 {
        options.pane = Pane::Preview;
    }
    options.campaign = Some(campaign.into());
    options.images = Board::new(mode, Picker::halfblocks().font_size());
    let settings = Settings::default();
    render_source(source, &settings, target, &options, Some(local_loader()))
        .await
        .unwrap()
}

/// One endpoint holding `campaigns`, as a source.
fn memory(target: &Target, campaigns: Vec<Campaign>) -> Source {
    Source::Memory(vec![(target.clone(), campaigns)])
}

async fn demo_frame(endpoint: &str, campaign: &str, size: (u16, u16)) -> Buffer {
    let target = Target::new("demo-app", endpoint);
    draw_with_images(Source::Demo, &target, campaign, size, Mode::Pixels).await
}

/// Cells drawn as half blocks in a colour of the image, not the card's or the slot's.
fn half_blocks(buf: &Buffer) -> usize {
    buf.content()
        .iter()
        .filter(|c| matches!(c.symbol(), "▀" | "▄"))
        .count()
}

#[tokio::test]
async fn demo_images_as_half_blocks_where_the_device_puts_them() {
    for (name, endpoint, campaign) in [
        ("banner", "android-pixel", "winter-sale-2026"),
        ("modal", "web-chrome", "webinar-invite"),
        ("carousel_card_1", "android-pixel", "onboarding-tour"),
    ] {
        for (w, h) in [(80, 24), (120, 40)] {
            let buf = demo_frame(endpoint, campaign, (w, h)).await;
            assert!(
                half_blocks(&buf) >= 8,
                "{name} at {w}x{h} has no picture:\n{}",
                to_text(&buf)
            );
            insta::assert_snapshot!(format!("image_{name}_{w}x{h}"), to_ansi(&buf));
        }
    }
}

#[tokio::test]
async fn the_banner_image_is_a_square_at_the_left_of_the_text() {
    let buf = demo_frame("android-pixel", "winter-sale-2026", (120, 40)).await;
    let text = to_text(&buf);
    let header = text
        .lines()
        .position(|l| l.contains("Winter sale"))
        .unwrap();
    let line: Vec<char> = text.lines().nth(header).unwrap().chars().collect();
    let image_at = line.iter().position(|c| matches!(c, '▀' | '▄'));
    let header_at = text
        .lines()
        .nth(header)
        .unwrap()
        .find("Winter sale")
        .unwrap();
    let header_col = text.lines().nth(header).unwrap()[..header_at]
        .chars()
        .count();
    assert!(
        image_at.is_some_and(|x| x < header_col),
        "no image left of the header:\n{text}"
    );
}

#[tokio::test]
async fn the_carousel_image_is_above_its_text_in_the_image_colours() {
    let buf = demo_frame("android-pixel", "onboarding-tour", (120, 40)).await;
    let text = to_text(&buf);
    let first_block = text
        .lines()
        .position(|l| l.contains('▀') || l.contains('▄'));
    let title = text.lines().position(|l| l.contains("Welcome to Nordlys"));
    assert!(first_block < title, "{text}");
    // tour-1.png's green check mark is in the picture; the card is navy.
    let green = buf.content().iter().any(|c| {
        [c.fg, c.bg]
            .iter()
            .any(|col| matches!(col, Color::Rgb(r, g, b) if *g > 150 && *r < 120 && *b < 160))
    });
    assert!(green, "the check mark's green is not drawn");
}

#[tokio::test]
async fn details_give_size_bytes_format_and_the_aspect_check() {
    let target = Target::new("demo-app", "web-chrome");
    let mut options = Options::new(120, 40, now());
    options.campaign = Some("gift-guide".into());
    options.page = 2;
    options.images = Board::new(Mode::Pixels, Picker::halfblocks().font_size());
    let settings = Settings::default();
    let buf = render_source(
        Source::Demo,
        &settings,
        &target,
        &options,
        Some(local_loader()),
    );
    let text = to_text(&buf.await.unwrap());
    // The details wrap at their width: the words are checked line by line.
    assert!(text.contains("320x240 px · 7 KB ·"), "{text}");
    assert!(text.contains("⚠ 4:3; Pinpoint"), "{text}");
    assert!(text.contains("recommends 3:2"), "{text}");
    let buf = demo_frame("android-pixel", "onboarding-tour", (120, 40)).await;
    let text = to_text(&buf);
    assert!(text.contains("300x200 px · 8.5 KB ·"), "{text}");
    assert!(text.contains("3:2, as recommended"), "{text}");
}

#[tokio::test]
async fn text_frames_name_the_image_and_ansi_frames_repeat_byte_for_byte() {
    let target = Target::new("demo-app", "iphone-15");
    let text = to_text(
        &draw_with_images(
            Source::Demo,
            &target,
            "premium-upgrade",
            (120, 40),
            Mode::Label,
        )
        .await,
    );
    assert!(text.contains("▣ premium.png 300x200"), "{text}");
    let once = to_ansi(&demo_frame("iphone-15", "premium-upgrade", (120, 40)).await);
    let twice = to_ansi(&demo_frame("iphone-15", "premium-upgrade", (120, 40)).await);
    assert_eq!(once, twice);
}

fn one_modal(url: &str) -> Vec<Campaign> {
    let json = format!(
        r##"{{"InAppMessageCampaigns":[{{"CampaignId":"c","InAppMessage":{{"Layout":"MOBILE_FEED",
        "Content":[{{"BackgroundColor":"#FFFFFF","HeaderConfig":{{"Header":"Hi"}},
        "ImageUrl":{url:?}}}]}}}}]}}"##
    );
    parse_campaigns(json.as_bytes()).unwrap()
}

#[tokio::test]
async fn images_that_cannot_be_shown_say_why_in_the_slot_and_the_details() {
    let target = Target::new("app", "endpoint");
    for (url, words) in [
        ("javascript:alert(1)", "unsupported image URL"),
        ("ftp://example.com/a.png", "unsupported image URL"),
        ("https://cdn.example.com/a.png", "remote images are off"),
        ("/nowhere/at/all.png", "not found: /nowhere/at/all.png"),
        ("images/a.png", "relative image path"),
    ] {
        let source = memory(&target, one_modal(url));
        let buf = draw_with_images(source, &target, "c", (120, 40), Mode::Pixels).await;
        let text = to_text(&buf);
        // Once in the slot (wrapped) and once in the details.
        assert!(text.contains("✕ "), "{url}: {text}");
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            flat.matches(words.split(' ').next().unwrap()).count() >= 2,
            "{url}: '{words}' not in both places:\n{text}"
        );
    }
}

/// An image server that accepts and never answers.
async fn stalled_server() -> (String, Arc<AtomicUsize>) {
    let hits = Arc::new(AtomicUsize::new(0));
    let counted = Arc::clone(&hits);
    let app = Router::new().route(
        "/{name}",
        get(move || {
            counted.fetch_add(1, Ordering::SeqCst);
            async {
                tokio::time::sleep(Duration::from_secs(3600)).await;
                "never"
            }
        }),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (format!("http://{addr}"), hits)
}

/// Keys are answered and drawn while every image is still loading.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_image_never_delays_a_frame() {
    let (base, hits) = stalled_server().await;
    let dir = tempfile::tempdir().unwrap();
    let json = format!(
        r#"{{"InAppMessageCampaigns":[
        {{"CampaignId":"first","Priority":1,"InAppMessage":{{"Layout":"MOBILE_FEED",
          "Content":[{{"HeaderConfig":{{"Header":"First"}},"ImageUrl":"{base}/a.png"}}]}}}},
        {{"CampaignId":"second","Priority":2,"InAppMessage":{{"Layout":"MOBILE_FEED",
          "Content":[{{"HeaderConfig":{{"Header":"Second"}},"ImageUrl":"{base}/b.png"}}]}}}}]}}"#
    );
    let file = dir.path().join("slow.json");
    std::fs::write(&file, json).unwrap();
    let source = Source::open_files(&[file]).unwrap();
    let mut state = initial_state(&source, &Settings::default(), None, now());
    state.size = (120, 40);
    state.images = pinview::images::Board::new(Mode::Pixels, Picker::halfblocks().font_size());
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<Event>();
    let events = Box::pin(futures_util::stream::poll_fn(move |cx| rx.poll_recv(cx)));
    let frames = Arc::new(AtomicUsize::new(0));
    let config = LoopConfig {
        clock: Arc::new(now),
        synchronized: false,
        frames: Arc::clone(&frames),
        imaging: Some(Imaging {
            loader: Loader::new(Limits::default(), true, None),
            picker: Picker::halfblocks(),
        }),
    };
    let counted = Arc::clone(&frames);
    // A thread of its own, so its polling never blocks the runtime the loop runs on.
    let driver = tokio::task::spawn_blocking(move || {
        let wait_for = |what: &str, done: &dyn Fn() -> bool| {
            let deadline = std::time::Instant::now() + Duration::from_secs(5);
            while !done() {
                assert!(
                    std::time::Instant::now() < deadline,
                    "waited 5 s for {what}"
                );
                std::thread::sleep(Duration::from_millis(5));
            }
        };
        wait_for("the first frame and image request", &|| {
            counted.load(Ordering::SeqCst) >= 1 && hits.load(Ordering::SeqCst) >= 1
        });
        let before = counted.load(Ordering::SeqCst);
        tx.send(Event::Key(KeyEvent::from(KeyCode::Char('j'))))
            .unwrap();
        wait_for("a frame after j", &|| {
            counted.load(Ordering::SeqCst) > before
        });
        wait_for("the second image's request", &|| {
            hits.load(Ordering::SeqCst) >= 2
        });
        tx.send(Event::Key(KeyEvent::from(KeyCode::Char('q'))))
            .unwrap();
    });
    let state = run_loop(&mut terminal, events, Arc::new(source), state, config)
        .await
        .unwrap();
    driver.await.unwrap();
    assert_eq!(state.selected_campaign().unwrap().id(), "second");
    let screen = to_text(terminal.backend().buffer());
    assert!(screen.contains("loading image"), "{screen}");
    assert!(screen.contains("loading…"), "details say so too:\n{screen}");
}

/// `render --remote-images --campaign second` loads only the drawn message's images: another
/// campaign's image that never answers costs nothing, and is never even asked for.
#[tokio::test]
async fn render_loads_only_the_drawn_messages_images() {
    let (base, hits) = stalled_server().await;
    let json = format!(
        r#"[{{"CampaignId":"first","Priority":1,"InAppMessage":{{"Layout":"MOBILE_FEED",
          "Content":[{{"HeaderConfig":{{"Header":"First"}},"ImageUrl":"{base}/a.png"}}]}}}},
        {{"CampaignId":"second","Priority":2,"InAppMessage":{{"Layout":"MOBILE_FEED",
          "Content":[{{"HeaderConfig":{{"Header":"Second"}},
          "ImageUrl":"https://demo.pinview.invalid/images/premium.png"}}]}}}}]"#
    );
    let target = Target::new("app", "phone");
    let source = memory(&target, parse_campaigns(json.as_bytes()).unwrap());
    let mut options = Options::new(120, 40, now());
    options.campaign = Some("second".into());
    options.images = Board::new(Mode::Label, Picker::halfblocks().font_size());
    let remote = Loader::new(Limits::default(), true, None);
    let settings = Settings::default();
    let started = std::time::Instant::now();
    let frame = render_source(source, &settings, &target, &options, Some(remote));
    let frame = tokio::time::timeout(Duration::from_secs(5), frame)
        .await
        .expect("the frame waited for another campaign's image")
        .unwrap();
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(
        hits.load(Ordering::SeqCst),
        0,
        "the stalled image was asked for"
    );
    assert!(to_text(&frame).contains("▣ premium.png 300x200"));
}

/// `render` tells an unknown campaign apart from a blank frame.
#[tokio::test]
async fn render_names_an_unknown_campaign() {
    let target = Target::new("demo-app", "iphone-15");
    let mut options = Options::new(100, 30, now());
    options.campaign = Some("no-such-thing".into());
    let settings = Settings::default();
    let err = render_source(Source::Demo, &settings, &target, &options, None)
        .await
        .unwrap_err();
    let words = err.to_string();
    assert!(words.contains("no campaign \"no-such-thing\""), "{words}");
    assert!(words.contains("premium-upgrade"), "{words}");
}
