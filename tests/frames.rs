//! Whole frames through `pinview::render`: every layout at 80x24 and 120x40 as text snapshots,
//! colours checked cell by cell and as ANSI snapshots, and the edge cases (tiny terminals,
//! hostile text, empty endpoints).

use pinview::model::input::parse_campaigns;
use pinview::render::{Options, Pane, render, render_target, to_ansi, to_text};
use pinview::rules::platform::Platform;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

use crate::support::{demo, now};

fn frame(
    endpoint: &str,
    campaign: &str,
    size: (u16, u16),
    platform: Platform,
    page: usize,
) -> Buffer {
    draw(endpoint, campaign, size, platform, page, Pane::All)
}

fn preview(
    endpoint: &str,
    campaign: &str,
    size: (u16, u16),
    platform: Platform,
    page: usize,
) -> Buffer {
    draw(endpoint, campaign, size, platform, page, Pane::Preview)
}

/// A demo campaign drawn as `pinview render --demo` would.
fn draw(
    endpoint: &str,
    campaign: &str,
    size: (u16, u16),
    platform: Platform,
    page: usize,
    pane: Pane,
) -> Buffer {
    let (targets, target, campaigns) = demo(endpoint);
    let mut options = Options::new(size.0, size.1, now());
    options.campaign = Some(campaign.into());
    options.platform = platform;
    options.page = page;
    options.pane = pane;
    options.source = "demo".into();
    render_target(&targets, &target, &campaigns, &options).unwrap()
}

/// Every layout, plus the web canvas and the missing-layout fallback.
const CASES: &[(&str, &str, &str, Platform, usize)] = &[
    (
        "bottom_banner",
        "android-pixel",
        "winter-sale-2026",
        Platform::Android,
        0,
    ),
    (
        "top_banner",
        "iphone-15",
        "dark-mode-launch",
        Platform::Ios,
        0,
    ),
    ("middle_banner", "iphone-15", "flash-quiz", Platform::Ios, 0),
    (
        "mobile_feed",
        "android-pixel",
        "rate-us",
        Platform::Default,
        0,
    ),
    ("overlays", "iphone-15", "premium-upgrade", Platform::Ios, 0),
    (
        "carousel_card_1",
        "android-pixel",
        "onboarding-tour",
        Platform::Android,
        0,
    ),
    (
        "carousel_card_4",
        "android-pixel",
        "onboarding-tour",
        Platform::Android,
        3,
    ),
    (
        "missing_layout",
        "android-pixel",
        "spring-teaser",
        Platform::Default,
        0,
    ),
    (
        "web_bottom_banner",
        "web-chrome",
        "cookie-free-shipping",
        Platform::Web,
        0,
    ),
    (
        "web_modal",
        "web-chrome",
        "webinar-invite",
        Platform::Web,
        0,
    ),
    ("web_carousel", "web-chrome", "gift-guide", Platform::Web, 0),
];

#[test]
fn every_layout_at_80x24() {
    for (name, endpoint, campaign, platform, page) in CASES {
        let text = to_text(&frame(endpoint, campaign, (80, 24), *platform, *page));
        insta::assert_snapshot!(format!("{name}_80x24"), text);
    }
}

#[test]
fn every_layout_at_120x40() {
    for (name, endpoint, campaign, platform, page) in CASES {
        let text = to_text(&frame(endpoint, campaign, (120, 40), *platform, *page));
        insta::assert_snapshot!(format!("{name}_120x40"), text);
    }
}

#[test]
fn colour_frames_as_ansi() {
    for (name, endpoint, campaign, platform, page) in [
        (
            "bottom_banner",
            "android-pixel",
            "winter-sale-2026",
            Platform::Android,
            0,
        ),
        ("overlays", "iphone-15", "premium-upgrade", Platform::Ios, 0),
        (
            "carousel_card_2",
            "android-pixel",
            "onboarding-tour",
            Platform::Android,
            1,
        ),
    ] {
        let ansi = to_ansi(&preview(endpoint, campaign, (48, 28), platform, page));
        insta::assert_snapshot!(format!("{name}_ansi"), ansi);
    }
}

fn cells_with_bg(buf: &Buffer, colour: Color) -> usize {
    buf.content.iter().filter(|c| c.bg == colour).count()
}

fn position_of(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    let text = to_text(buf);
    text.lines().enumerate().find_map(|(y, line)| {
        let byte = line.find(needle)?;
        let x = unicode_width::UnicodeWidthStr::width(&line[..byte]);
        Some((x as u16, y as u16))
    })
}

#[test]
fn overlay_paints_its_background_over_the_whole_screen() {
    let buf = preview("iphone-15", "premium-upgrade", (48, 28), Platform::Ios, 0);
    let navy = Color::Rgb(0x0B, 0x1F, 0x3A);
    // The phone's screen is everything inside the frame but the status bar.
    let (x, y) = position_of(&buf, "No thanks").unwrap();
    assert_eq!(buf[(x, y - 2)].bg, navy, "around the buttons");
    let painted = cells_with_bg(&buf, navy);
    assert!(painted > 400, "only {painted} cells in the campaign colour");
}

#[test]
fn buttons_carry_their_colours_and_alpha_is_composited() {
    let buf = preview("iphone-15", "premium-upgrade", (48, 28), Platform::Ios, 0);
    let (x, y) = position_of(&buf, "Upgrade").unwrap();
    let cell = &buf[(x, y)];
    // #FFC857 at 0xE6 alpha over #0B1F3A.
    let blend =
        |fg: u8, bg: u8| ((u32::from(fg) * 0xE6 + u32::from(bg) * (255 - 0xE6) + 127) / 255) as u8;
    assert_eq!(
        cell.bg,
        Color::Rgb(blend(0xFF, 0x0B), blend(0xC8, 0x1F), blend(0x57, 0x3A))
    );
}

#[test]
fn absent_colours_take_the_renderer_defaults() {
    let campaigns = parse_campaigns(
        br#"{"CampaignId":"plain","InAppMessage":{"Layout":"MOBILE_FEED","Content":[{
            "HeaderConfig":{"Header":"Plain card"},
            "PrimaryBtn":{"DefaultConfig":{"Text":"Okay","ButtonAction":"CLOSE"}}}]}}"#,
    )
    .unwrap();
    let mut options = Options::new(48, 28, now());
    options.pane = Pane::Preview;
    let buf = render(&campaigns, &options).unwrap();
    let (x, y) = position_of(&buf, "Plain card").unwrap();
    assert_eq!(buf[(x, y)].bg, Color::Rgb(255, 255, 255), "white card");
    assert_eq!(buf[(x, y)].fg, Color::Rgb(0, 0, 0), "black text");
    let (x, y) = position_of(&buf, "Okay").unwrap();
    assert_eq!(
        buf[(x, y)].bg,
        Color::Rgb(0xE8, 0xE8, 0xE8),
        "default button"
    );
    assert_eq!(buf[(x, y)].fg, Color::Rgb(0, 0, 0));
}

#[test]
fn carousel_dots_mark_the_active_card() {
    let buf = preview(
        "android-pixel",
        "onboarding-tour",
        (48, 28),
        Platform::Android,
        1,
    );
    let dots: Vec<Color> = buf
        .content
        .iter()
        .filter(|c| c.symbol() == "●")
        .map(|c| c.fg)
        .collect();
    let active = Color::Rgb(0xA1, 0xA1, 0xA1);
    let inactive = Color::Rgb(0xD8, 0xD8, 0xD8);
    assert_eq!(dots, [inactive, active, inactive, inactive]);
}

#[test]
fn secondary_button_is_left_of_primary() {
    let buf = preview(
        "android-pixel",
        "winter-sale-2026",
        (48, 28),
        Platform::Android,
        0,
    );
    let later = position_of(&buf, "Later").unwrap();
    let shop = position_of(&buf, "Shop").unwrap();
    assert_eq!(later.1, shop.1, "one row");
    assert!(later.0 < shop.0);
}

#[test]
fn render_is_byte_for_byte_repeatable() {
    let a = to_ansi(&frame(
        "iphone-15",
        "flash-quiz",
        (120, 40),
        Platform::Ios,
        0,
    ));
    let b = to_ansi(&frame(
        "iphone-15",
        "flash-quiz",
        (120, 40),
        Platform::Ios,
        0,
    ));
    assert_eq!(a, b);
}

#[test]
fn every_size_down_to_1x1_draws() {
    for w in (1..=130).step_by(7) {
        for h in (1..=45).step_by(4) {
            for (_, endpoint, campaign, platform, page) in CASES {
                let text = to_text(&frame(endpoint, campaign, (w, h), *platform, *page));
                assert_eq!(text.lines().count(), usize::from(h));
                let p = to_text(&preview(endpoint, campaign, (w, h), *platform, *page));
                assert_eq!(p.lines().count(), usize::from(h));
            }
        }
    }
}

#[test]
fn too_small_says_how_big_it_must_be() {
    let text = to_text(&frame(
        "android-pixel",
        "rate-us",
        (60, 5),
        Platform::Default,
        0,
    ));
    assert!(
        text.contains("window too small: pinview needs 30x8, this is 60x5"),
        "{text}"
    );
}

#[test]
fn narrow_terminal_shows_the_list_and_the_message_text() {
    let text = to_text(&frame(
        "android-pixel",
        "rate-us",
        (50, 14),
        Platform::Default,
        0,
    ));
    insta::assert_snapshot!("narrow_50x14", text);
}

#[test]
fn empty_endpoint_is_named() {
    let mut options = Options::new(160, 30, now());
    options.source = "files".into();
    let targets = [pinview::source::Target::new("shop", "quiet-phone")];
    let text = to_text(&render_target(&targets, &targets[0], &[], &options).unwrap());
    assert!(text.contains("quiet-phone returned no campaigns"), "{text}");
    assert!(
        text.contains("quiet-phone has no campaign to preview"),
        "{text}"
    );
}

/// Every text field of a campaign, written by someone hostile.
const HOSTILE: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202E}evil\u{2066}\r\n\u{8}\u{0}";

fn hostile_campaigns() -> Vec<pinview::model::Campaign> {
    let s = serde_json::to_string(HOSTILE).unwrap();
    let json = format!(
        r#"[{{"CampaignId":{s},"TreatmentId":{s},"Schedule":{{"EndDate":{s},"QuietTime":{{"Start":{s},"End":{s}}},
        "EventFilter":{{"FilterType":{s},"Dimensions":{{"EventType":{{"DimensionType":{s},"Values":[{s}]}},
        "Attributes":{{{s}:{{"AttributeType":{s},"Values":[{s}]}}}},"Metrics":{{{s}:{{"ComparisonOperator":{s},"Value":1}}}}}}}}}},
        "InAppMessage":{{"Layout":{s},"CustomConfig":{{{s}:{s}}},"Content":[{{"BackgroundColor":{s},"ImageUrl":{s},
        "HeaderConfig":{{"Header":{s},"TextColor":{s},"Alignment":{s}}},"BodyConfig":{{"Body":{s},"TextColor":{s},"Alignment":{s}}},
        "PrimaryBtn":{{"DefaultConfig":{{"Text":{s},"TextColor":{s},"BackgroundColor":{s},"ButtonAction":{s},"Link":{s}}},
        "Web":{{"ButtonAction":{s},"Link":{s}}}}},"SecondaryBtn":{{"Android":{{"ButtonAction":{s},"Link":{s}}}}}}}]}}}}]"#
    );
    parse_campaigns(json.as_bytes()).unwrap()
}

fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n') || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Removes the SGR sequences `to_ansi` writes itself, so whatever is left came from content.
fn strip_sgr(ansi: &str) -> String {
    let mut out = String::new();
    let mut chars = ansi.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' && chars.peek() == Some(&'[') {
            chars.next();
            for d in chars.by_ref() {
                if d == 'm' {
                    break;
                }
                assert!(d.is_ascii_digit() || d == ';', "not an SGR sequence: {d:?}");
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn no_control_character_from_a_campaign_reaches_the_frame() {
    let campaigns = hostile_campaigns();
    for platform in Platform::ALL {
        for (w, h) in [(120, 40), (80, 24), (50, 14)] {
            for pane in [Pane::All, Pane::Preview] {
                let mut options = Options::new(w, h, now());
                options.platform = platform;
                options.pane = pane;
                let buf = render(&campaigns, &options).unwrap();
                let text = to_text(&buf);
                assert!(
                    !text.chars().any(is_forbidden),
                    "{platform:?} {w}x{h}: {text:?}"
                );
                let ansi = strip_sgr(&to_ansi(&buf));
                assert!(!ansi.chars().any(is_forbidden), "{platform:?} {w}x{h}");
                // The reviewer still sees that something was there.
                if pane == Pane::All && w == 120 {
                    assert!(text.contains('␛'), "{text}");
                }
            }
        }
    }
}

#[test]
fn too_small_wording_fits_the_width() {
    let text = to_text(&frame(
        "android-pixel",
        "rate-us",
        (20, 6),
        Platform::Default,
        0,
    ));
    assert!(text.contains("too small: need 30x8"), "{text}");
    let text = to_text(&frame(
        "android-pixel",
        "rate-us",
        (10, 3),
        Platform::Default,
        0,
    ));
    assert!(text.contains("need 30x8"), "{text}");
}

#[test]
fn long_or_wide_unknown_layouts_keep_the_list_columns() {
    let campaigns = parse_campaigns(
        r#"[{"CampaignId":"a","Priority":1,"InAppMessage":{"Layout":"HOLOGRAM_WITH_A_MUCH_LONGER_NAME"}},
            {"CampaignId":"b","Priority":2,"InAppMessage":{"Layout":"漢字漢字漢字"}},
            {"CampaignId":"c","Priority":3,"InAppMessage":{"Layout":"TOP_BANNER"}}]"#
            .as_bytes(),
    )
    .unwrap();
    let text = to_text(&render(&campaigns, &Options::new(50, 14, now())).unwrap());
    let rows: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("  a ") || l.contains("  b ") || l.contains("  c "))
        .collect();
    assert_eq!(rows.len(), 3, "{text}");
    // The badge column starts at the same cell on every row.
    let ends: Vec<usize> = rows
        .iter()
        .map(|r| unicode_width::UnicodeWidthStr::width(&r[..r.find('✕').unwrap()]))
        .collect();
    assert!(rows[0].contains("HOLOGRAM_WIT…"), "{text}");
    assert!(ends.iter().all(|e| *e == ends[0]), "{ends:?}\n{text}");
}

/// A priority of ten digits takes its own width: the row keeps its badges.
#[test]
fn a_wide_priority_keeps_the_badges_on_the_row() {
    let campaigns = parse_campaigns(
        br#"[{"CampaignId":"huge","Priority":2147483647,"Schedule":{"EndDate":"never"},
            "InAppMessage":{"Layout":"TOP_BANNER"}}]"#,
    )
    .unwrap();
    let text = to_text(&render(&campaigns, &Options::new(120, 30, now())).unwrap());
    let row = text
        .lines()
        .find(|l| l.contains("▶2147483647"))
        .expect("the row is drawn");
    assert!(row.contains("huge"), "{row}");
    assert!(row.contains('⌛') && row.contains('✕'), "{row}");
}
