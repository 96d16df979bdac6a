//! The SVG read back as XML: the same geometry as the display list and the PNG, escaped text,
//! the image embedded at the size drawn; and both formats byte-identical on a rerun.

use base64::Engine;
use pinview::render::{render_png, render_svg};
use pinview::rules::platform::Platform;

use super::{campaign, card, draw, options, solid_image, with_image};

/// A rect's x, y, width and height by id.
fn rect(doc: &roxmltree::Document<'_>, id: &str) -> Option<(f32, f32, f32, f32)> {
    let node = doc.descendants().find(|n| n.attribute("id") == Some(id))?;
    let n = |name: &str| node.attribute(name).and_then(|v| v.parse::<f32>().ok());
    Some((n("x")?, n("y")?, n("width")?, n("height")?))
}

#[test]
fn the_svg_has_the_display_lists_geometry() {
    let (c, o) = with_image(
        "MOBILE_FEED",
        ["#1A73E8", "#FBBC04", "#C5221F"],
        "https://img.example/a.png",
        Ok(solid_image(400, 200, [9, 9, 9, 255])),
        (Platform::Ios, 3.0),
    );
    let (canvas, _) = draw(&c, &o);
    let svg = render_svg(&c, &o).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(root.attribute("width"), Some("1170"));
    assert_eq!(root.attribute("height"), Some("2532"));
    assert_eq!(root.attribute("viewBox"), Some("0 0 390 844"));
    for id in ["card", "button-0", "button-1"] {
        let want = canvas.find(id).unwrap();
        let (x, y, w, h) = rect(&doc, id).unwrap_or_else(|| panic!("no #{id}"));
        for (got, want) in [(x, want.x), (y, want.y), (w, want.w), (h, want.h)] {
            assert!((got - want).abs() <= 0.005, "#{id}: {got} vs {want}");
        }
    }
    let card = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("card"))
        .unwrap();
    assert_eq!(card.attribute("fill"), Some("#1A73E8"));
    let (bx0, ..) = rect(&doc, "button-0").unwrap();
    let (bx1, ..) = rect(&doc, "button-1").unwrap();
    assert!(bx0 < bx1, "secondary left of primary");
    // The image: 0.6 × 390 = 234 wide at 2:1, embedded as a PNG of the pixels it covers.
    let (_, _, w, h) = rect(&doc, "image").expect("an image");
    assert_eq!((w, h), (234.0, 117.0));
    let image = doc
        .descendants()
        .find(|n| n.tag_name().name() == "image")
        .unwrap();
    let href = image
        .attribute(("http://www.w3.org/1999/xlink", "href"))
        .expect("an xlink:href");
    let data = href
        .strip_prefix("data:image/png;base64,")
        .expect("a PNG data URI");
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(data)
        .unwrap();
    let embedded = image::load_from_memory(&bytes).unwrap();
    assert_eq!(
        (embedded.width(), embedded.height()),
        (400, 200),
        "never larger than itself"
    );
}

#[test]
fn text_is_escaped_and_the_xml_holds_exactly_the_words() {
    let tricky = card("#FFFFFF", "#E8E8E8", "#E8E8E8", "").replace(
        "\"Header\":\"Header\"",
        "\"Header\":\"<b>Tom & Jerry's</b> \\u001b]0;x\\u0007\"",
    );
    let c = campaign("MOBILE_FEED", &[tricky]);
    let svg = render_svg(&c, &options(Platform::Android, 1.0)).unwrap();
    assert!(!svg.contains("<b>") && !svg.contains('\u{1b}') && !svg.contains('\u{7}'));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let header: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("header"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(header.concat(), "<b>Tom & Jerry's</b> ^[]0;x^G");
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let (c, mut o) = with_image(
        "OVERLAYS",
        ["#202124", "#E8E8E8", "#1A73E8"],
        "https://img.example/a.png",
        Ok(solid_image(300, 200, [200, 40, 40, 255])),
        (Platform::Ios, 2.0),
    );
    o.side_panel = true;
    let (png_a, png_b) = (render_png(&c, &o).unwrap(), render_png(&c, &o).unwrap());
    assert!(png_a == png_b, "two PNG renders differ");
    assert_eq!(render_svg(&c, &o).unwrap(), render_svg(&c, &o).unwrap());
    // Only the IHDR, IDAT and IEND chunks: nothing that could carry a time or a machine.
    let mut at = 8;
    let mut chunks = Vec::new();
    while at + 8 <= png_a.len() {
        let len = u32::from_be_bytes(png_a[at..at + 4].try_into().unwrap()) as usize;
        chunks.push(String::from_utf8_lossy(&png_a[at + 4..at + 8]).into_owned());
        at += 12 + len;
    }
    chunks.dedup();
    assert_eq!(chunks, ["IHDR", "IDAT", "IEND"]);
}
