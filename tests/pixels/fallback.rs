//! System fonts for what the bundled fonts lack: a Georgian header drawn in a system face and
//! named in the side panel; with system fonts off (`PixelOptions::system_fonts`, or
//! `PINVIEW_SYSTEM_FONTS=0` on the command line) the same characters listed as drawn as boxes.
//! Where no system font has Georgian (this image has DejaVu Sans, which does) the tests say so
//! and stop.

use std::path::Path;
use std::process::Command;

use image::RgbaImage;
use pinview::model::Campaign;
use pinview::pixels::{Canvas, Item};
use pinview::render::PixelOptions;
use pinview::rules::platform::Platform;

use super::{campaign, draw, options};
use crate::support::NOW;

const HEADER: &str = "გამარჯობა";
/// Its characters in order of first appearance, as the canvas lists them.
const CHARS: [char; 7] = ['გ', 'ა', 'მ', 'რ', 'ჯ', 'ო', 'ბ'];

fn card_json() -> String {
    format!(
        r##"{{"BackgroundColor":"#FFFFFF",
        "HeaderConfig":{{"Header":"{HEADER}","TextColor":"#000000"}},
        "BodyConfig":{{"Body":"Body text","TextColor":"#000000"}}}}"##
    )
}

fn georgian() -> Vec<Campaign> {
    campaign("MIDDLE_BANNER", &[card_json()])
}

fn with_panel(system_fonts: bool) -> PixelOptions {
    let mut o = options(Platform::Default, 2.0);
    o.side_panel = true;
    o.system_fonts = system_fonts;
    o
}

/// Whether a font file known to have Georgian is installed: then the fallback must work.
fn dejavu_installed() -> bool {
    fn walk(dir: &Path, depth: usize) -> bool {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return false;
        };
        entries.flatten().any(|e| {
            let path = e.path();
            path.file_name().is_some_and(|n| n == "DejaVuSans.ttf")
                || (depth > 0 && path.is_dir() && walk(&path, depth - 1))
        })
    }
    walk(Path::new("/usr/share/fonts"), 4)
}

/// `true` when the test should stop: no system font drew Georgian, and none is known to be here.
fn no_georgian_font(canvas: &Canvas) -> bool {
    let none = canvas.missing.contains(&'გ') && !dejavu_installed();
    if none {
        eprintln!("skipped: no system font has Georgian (install DejaVu Sans to run this)");
    }
    none
}

/// The header line's baseline, its x and its system-font runs.
fn header(canvas: &Canvas) -> (f32, f32, Vec<pinview::pixels::SystemRun>) {
    canvas
        .items
        .iter()
        .find_map(|item| match item {
            Item::Text {
                class: "header",
                x,
                y,
                fonts,
                ..
            } => Some((*x, *y, fonts.clone())),
            _ => None,
        })
        .expect("a header line")
}

/// Dark pixels in the header's line box, 240 points wide from its x.
fn ink(png: &RgbaImage, canvas: &Canvas) -> (usize, Vec<u8>) {
    let (x, baseline, _) = header(canvas);
    let s = canvas.scale;
    let (mut dark, mut pixels) = (0, Vec::new());
    for py in ((baseline - 18.0) * s) as u32..((baseline + 5.0) * s) as u32 {
        for px in (x * s) as u32..((x + 240.0) * s) as u32 {
            let p = png.get_pixel(px, py).0;
            pixels.extend_from_slice(&p[..3]);
            if u32::from(p[0]) + u32::from(p[1]) + u32::from(p[2]) < 3 * 100 {
                dark += 1;
            }
        }
    }
    (dark, pixels)
}

#[test]
fn a_georgian_header_is_drawn_with_a_system_font_and_the_panel_names_it() {
    let (canvas, png) = draw(&georgian(), &with_panel(true));
    if no_georgian_font(&canvas) {
        return;
    }
    assert!(canvas.missing.is_empty(), "{:?}", canvas.missing);
    let drawn: Vec<char> = canvas.system.iter().map(|(c, _)| *c).collect();
    assert_eq!(drawn, CHARS);
    let family = canvas.system[0].1.family();
    assert!(!family.is_empty() && !family.chars().any(char::is_control));
    let (_, _, runs) = header(&canvas);
    assert_eq!(runs.len(), 1, "{runs:?}");
    assert_eq!((runs[0].from, runs[0].to), (0, HEADER.len()));
    let panel = canvas.lines("panel").join(" ");
    assert!(panel.contains("SYSTEM FONTS"), "{panel}");
    assert!(
        panel.contains(&format!("{family} draws U+10D2 U+10D0")),
        "{panel}"
    );
    assert!(!panel.contains("drawn as boxes"), "{panel}");
    // Ink where the header is, and not the bundled font's boxes: the pixels differ from theirs.
    let (dark, pixels) = ink(&png, &canvas);
    assert!(dark > 200, "{dark} dark pixels in the header");
    let (off, off_png) = draw(&georgian(), &with_panel(false));
    assert_eq!(header(&off).1, header(&canvas).1, "the same line box");
    assert_ne!(
        ink(&off_png, &off).1,
        pixels,
        "system font and boxes drew alike"
    );
}

#[test]
fn with_system_fonts_off_the_characters_are_listed_as_missing() {
    let (canvas, _) = draw(&georgian(), &with_panel(false));
    assert_eq!(canvas.missing, CHARS);
    assert!(canvas.system.is_empty());
    assert!(header(&canvas).2.is_empty());
    let panel = canvas.lines("panel").join(" ");
    assert!(
        panel.contains("no bundled font has U+10D2 U+10D0 U+10DB"),
        "{panel}"
    );
    assert!(panel.contains("(system fonts off)"), "{panel}");
    assert!(!panel.contains("SYSTEM FONTS"), "{panel}");
}

/// `pinview render` of the Georgian campaign as SVG, with `PINVIEW_SYSTEM_FONTS` set or unset.
fn render_svg(file: &Path, variable: Option<&str>, pane: &str) -> (String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_pinview"));
    cmd.args(["render", "--file", file.to_str().unwrap(), "--now", NOW]);
    cmd.args(["--format", "svg", "--pane", pane]);
    match variable {
        Some(v) => cmd.env("PINVIEW_SYSTEM_FONTS", v),
        None => cmd.env_remove("PINVIEW_SYSTEM_FONTS"),
    };
    let run = cmd.output().expect("run pinview");
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert!(run.status.success(), "{stderr}");
    (String::from_utf8(run.stdout).expect("UTF-8"), stderr)
}

#[test]
fn the_environment_variable_turns_system_fonts_off() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("phone.json");
    let body = format!(
        r#"{{"InAppMessageCampaigns":[{{"CampaignId":"georgian","Priority":1,
        "Schedule":{{"EventFilter":{{"Dimensions":{{"EventType":{{"Values":["_session.start"]}}}}}}}},
        "InAppMessage":{{"Layout":"MIDDLE_BANNER","Content":[{}]}}}}]}}"#,
        card_json()
    );
    std::fs::write(&file, body).unwrap();
    let (off, _) = render_svg(&file, Some("0"), "all");
    assert!(!off.contains("<tspan"), "a system font was used");
    assert!(off.contains("no bundled font has U+10D2"), "{off}");
    assert_eq!(
        render_svg(&file, Some("0"), "all").0,
        off,
        "not the same bytes"
    );
    let (_, said) = render_svg(&file, Some("0"), "preview");
    let words = "pinview: no bundled font has U+10D2 U+10D0 U+10DB U+10E0 U+10EF U+10DD U+10D1 \
                 (system fonts off): drawn as boxes";
    assert_eq!(said.trim_end(), words);
    let (on, said) = render_svg(&file, None, "preview");
    if on.contains("<tspan") {
        assert!(said.is_empty(), "{said}");
        let (on, _) = render_svg(&file, None, "all");
        assert!(on.contains("SYSTEM FONTS"), "{on}");
        assert!(!on.contains("drawn as boxes"), "{on}");
    } else {
        assert!(!dejavu_installed(), "DejaVu Sans is here but was not used");
        eprintln!("skipped the rest: no system font has Georgian");
    }
}

#[test]
fn a_character_no_font_has_is_named_on_stderr_as_the_panel_names_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("phone.json");
    // A private-use character: no bundled face and no system face has it.
    let card = card_json().replace(HEADER, "Hi \u{10FFFD}");
    let body = format!(
        r#"{{"InAppMessageCampaigns":[{{"CampaignId":"nofont","Priority":1,
        "Schedule":{{"EventFilter":{{"Dimensions":{{"EventType":{{"Values":["_session.start"]}}}}}}}},
        "InAppMessage":{{"Layout":"MIDDLE_BANNER","Content":[{card}]}}}}]}}"#
    );
    std::fs::write(&file, body).unwrap();
    let (_, said) = render_svg(&file, None, "preview");
    assert_eq!(
        said.trim_end(),
        "pinview: no font has U+10FFFD: drawn as boxes"
    );
    let (panel, said) = render_svg(&file, None, "all");
    assert!(said.is_empty(), "{said}");
    assert!(
        panel.contains("no font has U+10FFFD: drawn as boxes"),
        "{panel}"
    );
    let (_, said) = render_svg(&file, Some("0"), "preview");
    let words = "pinview: no bundled font has U+10FFFD (system fonts off): drawn as boxes";
    assert_eq!(said.trim_end(), words);
}
