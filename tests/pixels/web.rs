//! The web renderer's layouts on a 1280x800 viewport, and below its 768 px breakpoint.

use pinview::pixels::Device;
use pinview::rules::platform::Platform;

use super::{at, campaign, card, draw, inside, options, square_card};

#[test]
fn a_web_banner_is_400_by_150_at_the_right_with_its_header_on_one_line() {
    let long = card("#1A73E8", "#FFFFFF", "#202124", "").replace(
        "\"Header\":\"Header\"",
        "\"Header\":\"A header far too long to fit on the one line the web banner gives it\"",
    );
    let (canvas, png) = draw(
        &campaign("TOP_BANNER", &[long]),
        &options(Platform::Web, 1.0),
    );
    assert_eq!(canvas.pixel_size(), (1280, 800));
    let card = canvas.find("card").unwrap();
    assert_eq!(
        (card.x, card.y, card.w, card.h),
        (1280.0 - 12.0 - 400.0, 12.0, 400.0, 150.0)
    );
    assert_eq!(at(&png, 1.0, inside(card, 3.0, 3.0)), "#1A73E8");
    let header = canvas.lines("header");
    assert_eq!(header.len(), 1);
    assert!(header[0].ends_with('…'), "{header:?}");
    let (later, open) = (
        canvas.find("button-0").unwrap(),
        canvas.find("button-1").unwrap(),
    );
    assert!(later.right() < open.x);
    assert_eq!((open.h, open.bottom()), (33.0, card.bottom() - 16.0));
    assert_eq!(at(&png, 1.0, inside(later, 4.0, 16.0)), "#FFFFFF");
    assert_eq!(at(&png, 1.0, inside(open, 4.0, 16.0)), "#202124");
}

#[test]
fn web_full_screen_is_a_dialog_over_a_dimmed_page_and_the_modal_is_not() {
    let cards = [card("#FFFFFF", "#E8E8E8", "#1A73E8", "")];
    let o = options(Platform::Web, 1.0);
    let (full, full_png) = draw(&campaign("OVERLAYS", &cards), &o);
    let (modal, modal_png) = draw(&campaign("MOBILE_FEED", &cards), &o);
    let dialog = full.find("card").unwrap();
    // 30vw and 50vh are under 400: the minimums, centred.
    assert_eq!(
        (dialog.x, dialog.y, dialog.w, dialog.h),
        (440.0, 200.0, 400.0, 400.0)
    );
    assert_eq!(modal.find("card"), Some(dialog));
    assert!(full.find("backdrop").is_some() && modal.find("backdrop").is_none());
    assert_eq!(at(&full_png, 1.0, inside(dialog, 3.0, 3.0)), "#FFFFFF");
    for point in [(5.0, 790.0), (200.0, 130.0), (1270.0, 400.0)] {
        let (x, y) = (point.0 as u32, point.1 as u32);
        let lit = modal_png.get_pixel(x, y).0;
        let dim = full_png.get_pixel(x, y).0;
        for c in 0..3 {
            let half = f32::from(lit[c]) / 2.0;
            assert!(
                (f32::from(dim[c]) - half).abs() <= 1.5,
                "{point:?}: {lit:?} -> {dim:?}"
            );
        }
    }
    let open = full.find("button-1").unwrap();
    assert_eq!((open.h, open.bottom()), (40.0, dialog.bottom() - 16.0));
}

#[test]
fn below_768_banners_take_the_width_and_full_screen_the_viewport() {
    let cards = [card("#188038", "#FFFFFF", "#FFFFFF", "")];
    let mut o = options(Platform::Web, 1.0);
    o.device = Some(Device::Phone);
    let (banner, _) = draw(&campaign("BOTTOM_BANNER", &cards), &o);
    let card = banner.find("card").unwrap();
    assert_eq!(
        (card.x, card.w, card.bottom()),
        (12.0, 390.0 - 24.0, 844.0 - 12.0)
    );
    let (full, png) = draw(&campaign("OVERLAYS", &cards), &o);
    assert_eq!(
        full.find("card").map(|r| (r.x, r.y, r.w, r.h)),
        Some((0.0, 0.0, 390.0, 844.0))
    );
    assert_eq!(full.find("backdrop"), None);
    assert_eq!(at(&png, 1.0, (1.0, 843.0)), "#188038");
}

#[test]
fn the_web_keeps_a_zero_radius_square() {
    let (canvas, png) = draw(
        &campaign("MOBILE_FEED", &[square_card()]),
        &options(Platform::Web, 2.0),
    );
    let open = canvas.find("button-1").unwrap();
    assert_eq!(at(&png, 2.0, (open.x, open.y)), "#000000");
    // The default is 5 px: its corner pixel shows the card.
    let round = card("#FFFFFF", "#000000", "#000000", "");
    let (canvas, png) = draw(
        &campaign("MOBILE_FEED", &[round]),
        &options(Platform::Web, 2.0),
    );
    let open = canvas.find("button-1").unwrap();
    assert_eq!(at(&png, 2.0, (open.x, open.y)), "#FFFFFF");
}

#[test]
fn browsers_draw_no_carousel_and_fold_line_breaks() {
    let mut o = options(Platform::Web, 1.0);
    o.side_panel = true;
    let cards = [card("#C5221F", "#FFFFFF", "#FFFFFF", "")];
    let (canvas, _) = draw(&campaign("CAROUSEL", &cards), &o);
    assert_eq!(canvas.find("card"), None);
    assert!(
        canvas
            .lines("panel")
            .join(" ")
            .contains("the web renderer draws nothing")
    );
    let folded =
        card("#FFFFFF", "#E8E8E8", "#E8E8E8", "").replace("\"Body text\"", "\"one\\ntwo   three\"");
    let (canvas, _) = draw(&campaign("MOBILE_FEED", &[folded]), &o);
    assert_eq!(canvas.lines("body"), ["one two three"]);
}
