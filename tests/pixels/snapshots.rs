//! Checked-in PNGs of the demo's six layouts on a phone and three on the web, compared byte for
//! byte, drawn with the bundled fonts alone. A missing snapshot is written and the test fails, asking for it to be looked at;
//! `PINVIEW_BLESS=1` rewrites them all after a deliberate change.

use std::path::PathBuf;
use std::sync::Arc;

use pinview::images::resolve::embedded_bytes;
use pinview::images::{Limits, Location, decode, resolve};
use pinview::model::Campaign;
use pinview::render::{Pictures, PixelOptions, render_pixels, render_png};
use pinview::rules::platform::Platform;

use crate::support::{demo, now};

/// (snapshot name, demo endpoint, campaign, platform)
const CASES: &[(&str, &str, &str, Platform)] = &[
    (
        "phone_top_banner",
        "iphone-15",
        "dark-mode-launch",
        Platform::Ios,
    ),
    (
        "phone_middle_banner",
        "iphone-15",
        "flash-quiz",
        Platform::Ios,
    ),
    (
        "phone_bottom_banner",
        "android-pixel",
        "winter-sale-2026",
        Platform::Android,
    ),
    ("phone_modal", "android-pixel", "rate-us", Platform::Android),
    (
        "phone_full_screen",
        "iphone-15",
        "premium-upgrade",
        Platform::Ios,
    ),
    (
        "phone_carousel",
        "android-pixel",
        "onboarding-tour",
        Platform::Android,
    ),
    (
        "web_top_banner",
        "web-chrome",
        "checkout-nudge",
        Platform::Web,
    ),
    ("web_modal", "web-chrome", "webinar-invite", Platform::Web),
    (
        "web_full_screen",
        "iphone-15",
        "premium-upgrade",
        Platform::Web,
    ),
];

/// Every demo image the campaigns name, decoded from the binary as `--demo` loads them.
fn demo_pictures(campaigns: &[Campaign]) -> Pictures {
    let mut pictures = Pictures::new();
    for url in campaigns
        .iter()
        .flat_map(|c| c.cards())
        .filter_map(|card| card.image_url.as_deref().map(str::to_owned))
    {
        let Ok(Location::Embedded(name)) = resolve(&url, None) else {
            panic!("{url} is not a demo image");
        };
        let bytes = embedded_bytes(name).expect("a demo image");
        pictures.insert(
            url,
            Ok(Arc::new(decode(bytes, &Limits::default()).unwrap())),
        );
    }
    pictures
}

fn snapshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/pixels/snapshots")
}

#[test]
fn demo_layouts_match_their_snapshots() {
    let bless = std::env::var_os("PINVIEW_BLESS").is_some_and(|v| v == "1");
    let mut problems = Vec::new();
    for (name, endpoint, campaign, platform) in CASES {
        let (_, _, campaigns) = demo(endpoint);
        let mut options = PixelOptions::new(*platform, now());
        options.scale = 1.0;
        options.campaign = Some((*campaign).to_string());
        options.images = demo_pictures(&campaigns);
        // Bundled fonts only: the demo's Japanese and Korean would otherwise be drawn by whatever
        // system font this machine has, and the checked-in bytes hold on every machine.
        options.system_fonts = false;
        let canvas = render_pixels(&campaigns, &options).unwrap();
        assert!(canvas.find("card").is_some(), "{name}: nothing drawn");
        let png = render_png(&campaigns, &options).unwrap();
        let path = snapshot_dir().join(format!("{name}.png"));
        match std::fs::read(&path) {
            Ok(old) if old == png => {}
            Ok(_) if bless => std::fs::write(&path, &png).unwrap(),
            Ok(_) => {
                let new = std::env::temp_dir().join(format!("pinview-{name}.new.png"));
                std::fs::write(&new, &png).unwrap();
                problems.push(format!(
                    "{} differs: the new picture is {}; PINVIEW_BLESS=1 takes it once it is right",
                    path.display(),
                    new.display()
                ));
            }
            Err(_) => {
                std::fs::create_dir_all(snapshot_dir()).unwrap();
                std::fs::write(&path, &png).unwrap();
                if !bless {
                    problems.push(format!(
                        "{} was missing and is now written: review it",
                        path.display()
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
