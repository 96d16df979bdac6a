//! React Native's layouts on the phone (390x844 points, a 47 pt status bar and a 34 pt home
//! indicator): where each part lands by Amplify's measures, and the PNG's pixels there.

use pinview::pixels::Item;
use pinview::rules::check::{Options as CheckOptions, review};
use pinview::rules::platform::Platform;

use super::{
    at, campaign, card, draw, inside, options, rounded, solid_image, square_card, with_image,
};
use crate::support::now;

/// The safe area's top and bottom on the phone.
const TOP: f32 = 47.0;
const BOTTOM: f32 = 844.0 - 34.0;

#[test]
fn a_top_banner_sits_16_below_the_status_bar_with_secondary_left_and_primary_right() {
    let c = campaign("TOP_BANNER", &[card("#1A73E8", "#FBBC04", "#C5221F", "")]);
    let (canvas, png) = draw(&c, &options(Platform::Ios, 2.0));
    let card = canvas.find("card").expect("a card");
    assert_eq!((card.x, card.y, card.w), (16.0, TOP + 16.0, 358.0));
    assert_eq!(at(&png, 2.0, inside(card, 4.0, 4.0)), "#1A73E8");
    let later = canvas.find("button-0").expect("the secondary button");
    let open = canvas.find("button-1").expect("the primary button");
    assert!(later.right() < open.x, "{later:?} then {open:?}");
    assert_eq!((later.w, later.h), (open.w, 50.0));
    // Inside the 1 pt border, clear of the centred words.
    assert_eq!(at(&png, 2.0, inside(later, 6.0, 25.0)), "#FBBC04");
    assert_eq!(at(&png, 2.0, inside(open, 6.0, 25.0)), "#C5221F");
    // The default border, theme border.primary.
    assert_eq!(at(&png, 2.0, inside(later, 0.25, 25.0)), "#89949F");
    assert_eq!(canvas.lines("button"), ["Later", "Open"]);
    assert_eq!(canvas.lines("header"), ["Header"]);
}

#[test]
fn bottom_and_middle_banners_keep_to_the_safe_area() {
    let cards = [card("#188038", "#FFFFFF", "#000000", "")];
    let (canvas, png) = draw(
        &campaign("BOTTOM_BANNER", &cards),
        &options(Platform::Android, 2.0),
    );
    let bottom = canvas.find("card").unwrap();
    assert_eq!(bottom.bottom(), BOTTOM - 16.0);
    assert_eq!(at(&png, 2.0, inside(bottom, 3.0, 3.0)), "#188038");
    let (canvas, _) = draw(
        &campaign("MIDDLE_BANNER", &cards),
        &options(Platform::Android, 1.0),
    );
    let middle = canvas.find("card").unwrap();
    assert!(
        (middle.y + middle.h / 2.0 - (TOP + BOTTOM) / 2.0).abs() < 0.01,
        "{middle:?}"
    );
}

#[test]
fn a_banner_image_is_a_fifth_of_the_short_side_beside_the_text() {
    let (c, o) = with_image(
        "TOP_BANNER",
        ["#FFFFFF", "#E8E8E8", "#E8E8E8"],
        "https://img.example/sq.png",
        Ok(solid_image(150, 100, [255, 0, 0, 255])),
        (Platform::Ios, 2.0),
    );
    let (canvas, png) = draw(&c, &o);
    let image = canvas.image().expect("the image is drawn");
    // 0.2 × 390 = 78 wide, 3:2 kept; inside the 12 pt padding of a card 16 from the edge.
    let (x, _, w, h) = rounded(image);
    assert_eq!((x, w, h), (28.0, 78.0, 52.0));
    assert_eq!(at(&png, 2.0, image.centre()), "#FF0000");
    assert_eq!(at(&png, 2.0, (image.x - 4.0, image.centre().1)), "#FFFFFF");
}

#[test]
fn the_modal_is_centred_and_at_least_two_fifths_of_the_safe_area() {
    let c = campaign("MOBILE_FEED", &[card("#9334E6", "#FFFFFF", "#202124", "")]);
    let (canvas, png) = draw(&c, &options(Platform::Default, 2.0));
    let card = canvas.find("card").unwrap();
    assert_eq!((card.x, card.w), (16.0, 358.0));
    assert!(card.h >= 0.4 * (BOTTOM - TOP) - 0.01, "{card:?}");
    assert!((card.y + card.h / 2.0 - (TOP + BOTTOM) / 2.0).abs() < 0.01);
    for (dx, dy) in [(2.0, 2.0), (card.w - 2.0, 2.0), (2.0, card.h - 2.0)] {
        assert_eq!(
            at(&png, 2.0, inside(card, dx, dy)),
            "#9334E6",
            "at {dx},{dy}"
        );
    }
    // Buttons pinned to the bottom: margin 8 and padding 4 below them.
    let open = canvas.find("button-1").unwrap();
    assert_eq!(open.bottom(), card.bottom() - 12.0);
}

#[test]
fn full_screen_paints_the_whole_screen_and_places_the_image_by_amplifys_rule() {
    let (c, o) = with_image(
        "OVERLAYS",
        ["#202124", "#E8E8E8", "#1A73E8"],
        "https://img.example/wide.png",
        Ok(solid_image(300, 200, [0, 200, 0, 255])),
        (Platform::Ios, 2.0),
    );
    let (canvas, png) = draw(&c, &o);
    for point in [(1.0, 1.0), (389.0, 843.0), (20.0, 700.0)] {
        assert_eq!(at(&png, 2.0, point), "#202124", "at {point:?}");
    }
    let image = canvas.image().expect("the image");
    // 0.6 × 390 = 234 wide, 156 tall at 3:2, centred; below the close row (20 + 8) and its
    // 12 pt margin, inside the safe area padded 16.
    assert_eq!(
        rounded(image),
        (78.0, TOP + 16.0 + 28.0 + 12.0, 234.0, 156.0)
    );
    assert_eq!(at(&png, 2.0, image.centre()), "#00C800");
    assert_eq!(at(&png, 2.0, (image.x - 3.0, image.centre().1)), "#202124");
    let open = canvas.find("button-1").unwrap();
    assert_eq!(open.bottom(), BOTTOM - 16.0 - 8.0);
    assert_eq!(at(&png, 2.0, inside(open, 6.0, 25.0)), "#1A73E8");
}

#[test]
fn an_image_that_failed_is_left_out_and_said_so() {
    let (c, mut o) = with_image(
        "OVERLAYS",
        ["#202124", "#E8E8E8", "#1A73E8"],
        "https://img.example/gone.png",
        Err("not found: gone.png\u{1b}[2J".into()),
        (Platform::Ios, 1.0),
    );
    o.side_panel = true;
    let (canvas, _) = draw(&c, &o);
    assert_eq!(canvas.image(), None);
    let panel = canvas.lines("panel").join(" ");
    assert!(panel.contains("not found: gone.png"), "{panel}");
    assert!(!panel.contains('\u{1b}'), "{panel:?}");
}

#[test]
fn carousel_dots_show_the_card_in_amplifys_greys() {
    let cards = [
        card("#C5221F", "#FFFFFF", "#FFFFFF", ""),
        card("#188038", "#FFFFFF", "#FFFFFF", ""),
        card("#1A73E8", "#FFFFFF", "#FFFFFF", ""),
    ];
    let mut o = options(Platform::Android, 2.0);
    o.page = 1;
    let (canvas, png) = draw(&campaign("CAROUSEL", &cards), &o);
    assert_eq!(
        at(&png, 2.0, (10.0, 400.0)),
        "#188038",
        "the second card fills the screen"
    );
    let dots: Vec<_> = (0..3)
        .map(|i| canvas.find(&format!("dot-{i}")).unwrap())
        .collect();
    assert_eq!(canvas.find("dot-3"), None);
    // 12 pt dots, 4 pt margins, centred, 4 above the home indicator.
    assert_eq!(
        (dots[0].x, dots[0].y, dots[0].w),
        (169.0, BOTTOM - 16.0, 12.0)
    );
    assert_eq!(dots[1].centre().0, 195.0);
    let colours: Vec<String> = dots.iter().map(|d| at(&png, 2.0, d.centre())).collect();
    assert_eq!(colours, ["#D8D8D8", "#A1A1A1", "#D8D8D8"]);
}

#[test]
fn a_zero_radius_keeps_four_on_react_native() {
    let (canvas, png) = draw(
        &campaign("TOP_BANNER", &[square_card()]),
        &options(Platform::Ios, 4.0),
    );
    let open = canvas.find("button-1").unwrap();
    // The corner pixel lies outside a 4 pt round corner: the card shows there.
    assert_eq!(at(&png, 4.0, (open.x, open.y)), "#FFFFFF");
    assert_eq!(at(&png, 4.0, inside(open, 6.0, 25.0)), "#000000");
}

#[test]
fn a_translucent_card_shows_the_app_through_it() {
    let c = campaign("TOP_BANNER", &[card("#FF000080", "#FFFFFF", "#FFFFFF", "")]);
    let (canvas, png) = draw(&c, &options(Platform::Ios, 2.0));
    let card = canvas.find("card").unwrap();
    let p = png
        .get_pixel(((card.x + 4.0) * 2.0) as u32, ((card.y + 4.0) * 2.0) as u32)
        .0;
    // Half red over the app's dark bar, not over white as contrast checks assume.
    assert!(
        (140..175).contains(&p[0]) && p[1] < 48 && p[2] < 48,
        "{p:?}"
    );
}

#[test]
fn no_content_is_an_empty_card_with_its_close_mark() {
    let c = campaign("MOBILE_FEED", &[]);
    let (canvas, png) = draw(&c, &options(Platform::Default, 1.0));
    let card = canvas.find("card").expect("an empty card");
    assert_eq!(at(&png, 1.0, card.centre()), "#FFFFFF");
    assert!(canvas.items.iter().any(|i| matches!(i, Item::Cross { .. })));
    assert!(canvas.lines("header").is_empty() && canvas.lines("button").is_empty());
}

#[test]
fn an_unknown_layout_draws_nothing_and_the_panel_says_why() {
    let mut o = options(Platform::Ios, 1.0);
    o.side_panel = true;
    let (canvas, _) = draw(
        &campaign("SIDEBAR", &[card("#FFFFFF", "#E8E8E8", "#E8E8E8", "")]),
        &o,
    );
    assert_eq!(canvas.find("card"), None);
    let panel = canvas.lines("panel").join(" ");
    assert!(
        panel.contains("layout SIDEBAR: devices draw nothing"),
        "{panel}"
    );
}

#[test]
fn the_side_panel_names_the_campaign_and_every_finding_by_id() {
    // No EventFilter: devices never show it, an error finding.
    let json = br##"{"InAppMessageCampaigns":[{"CampaignId":"lonely","InAppMessage":{
        "Layout":"TOP_BANNER","Content":[{"HeaderConfig":{"Header":"Hi","TextColor":"#FFFFFF"}}]}}]}"##;
    let c = pinview::model::input::parse_campaigns(json).unwrap();
    let mut o = options(Platform::Android, 1.0);
    o.side_panel = true;
    let (canvas, _) = draw(&c, &o);
    assert_eq!(canvas.width, 390.0 + 400.0);
    assert!(canvas.find("panel").is_some());
    let panel = canvas.lines("panel").join(" ");
    let findings = review(&c, &CheckOptions::at(now()));
    assert!(!findings.is_empty());
    for f in &findings {
        assert!(
            panel.contains(f.rule.id),
            "{} missing from {panel}",
            f.rule.id
        );
    }
    for words in [
        "lonely",
        "Android on a phone",
        "TOP_BANNER",
        "no EventFilter",
    ] {
        assert!(panel.contains(words), "{words:?} missing from {panel}");
    }
}

#[test]
fn hostile_text_reaches_no_line_with_a_control_character() {
    let nasty = card("#FFFFFF", "#E8E8E8", "#E8E8E8", "")
        .replace(
            "\"Header\":\"Header\"",
            "\"Header\":\"Re\\u001b[31md\\u0007 \\u202Eevil\"",
        )
        .replace("\"Body text\"", "\"line\\r\\none\\u0000two\"");
    let (canvas, _) = draw(
        &campaign("MOBILE_FEED", &[nasty]),
        &options(Platform::Ios, 1.0),
    );
    let text: String = canvas
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Text { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    // Caret notation: no bundled font has the control pictures the terminal shows.
    assert!(text.contains("Re^[[31md^G"), "{text:?}");
    assert!(
        !text.chars().any(|c| c.is_control() || c == '\u{202E}'),
        "{text:?}"
    );
    assert_eq!(canvas.lines("body"), ["line", "one^@two"]);
}

#[test]
fn odd_text_on_every_layout_never_panics_and_stays_inside_the_screen() {
    let long = "word ".repeat(3000);
    let texts = [
        "",
        "   ",
        "\n\n\n",
        "مرحبا بالعالم، خصم اليوم",
        "שלום עולם",
        "e\u{301}\u{301}\u{301}\u{301}\u{301}",
        "👩\u{200D}👩\u{200D}👧\u{200D}👦 🎉🎉🎉",
        "今日だけ 半額セール",
        "\u{FFFE}\u{FFFF}\u{10FFFF}",
        "a\u{2028}b\u{2029}c",
        "Supercalifragilisticexpialidocious".repeat(20).as_str(),
        long.as_str(),
    ]
    .map(|t| serde_json::to_string(t).unwrap());
    let layouts = [
        "TOP_BANNER",
        "MOBILE_FEED",
        "OVERLAYS",
        "CAROUSEL",
        "BOTTOM_BANNER",
    ];
    for (i, text) in texts.iter().enumerate() {
        let card = card("#FFFFFF", "#E8E8E8", "#E8E8E8", "")
            .replace("\"Header\":\"Header\"", &format!("\"Header\":{text}"))
            .replace("\"Body text\"", text)
            .replace("\"Later\"", text);
        let c = campaign(layouts[i % layouts.len()], &[card]);
        for platform in [Platform::Ios, Platform::Web] {
            let canvas = pinview::render::render_pixels(&c, &options(platform, 1.0)).unwrap();
            for item in &canvas.items {
                if let Item::Text { text, y, .. } = item {
                    assert!(!text.chars().any(char::is_control), "{text:?}");
                    assert!(*y < canvas.height + 30.0, "{text:?} far below at {y}");
                }
            }
            let svg = pinview::render::render_svg(&c, &options(platform, 1.0)).unwrap();
            roxmltree::Document::parse(&svg).expect("well-formed XML");
        }
    }
    let c = campaign(
        "MOBILE_FEED",
        &[card("#FFFFFF", "#E8E8E8", "#E8E8E8", "").replace("\"Body text\"", &texts[11])],
    );
    assert!(pinview::render::render_png(&c, &options(Platform::Ios, 1.0)).is_ok());
}

/// A picture that loses words says so: text past the card's room, and a card past the screen.
#[test]
fn text_and_cards_that_do_not_fit_are_said() {
    let body = "A long body that keeps going. ".repeat(80);
    let long = format!(
        r##"{{"BackgroundColor":"#FFFFFF","BodyConfig":{{"Body":"{body}","TextColor":"#000000"}}}}"##
    );
    let (canvas, _) = draw(
        &campaign("TOP_BANNER", &[long]),
        &options(Platform::Ios, 1.0),
    );
    assert!(
        canvas
            .notes
            .iter()
            .any(|n| n.starts_with("the body does not fit: ")),
        "{:?}",
        canvas.notes
    );
    assert!(
        canvas
            .notes
            .iter()
            .any(|n| n.contains("taller than the screen"))
    );
    let (fits, _) = draw(
        &campaign("TOP_BANNER", &[card("#FFFFFF", "#000000", "#000000", "")]),
        &options(Platform::Ios, 1.0),
    );
    assert!(fits.notes.is_empty(), "{:?}", fits.notes);
}
