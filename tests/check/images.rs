//! `check --images`: each ImageUrl loaded once, relative to its JSON file, and the image rules
//! fed what loading found; without the flag no image is looked at.

use std::path::Path;

use serde_json::{Value, json};

use super::{check, json as findings, status};

/// A PNG of `width`x`height`; noisy pixels when `noisy`, so it does not compress.
fn png(path: &Path, width: u32, height: u32, noisy: bool) {
    let mut seed: u32 = 7;
    let image = image::RgbImage::from_fn(width, height, |x, y| {
        if noisy {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let [a, b, c, _] = seed.to_le_bytes();
            image::Rgb([a, b, c])
        } else {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        }
    });
    image.save(path).unwrap();
}

fn campaign(id: &str, image: &str) -> Value {
    json!({
        "CampaignId": id, "Priority": 1,
        "Schedule": {"EventFilter": {"Dimensions": {"EventType": {"Values": ["_session.start"]}}}},
        "InAppMessage": {"Layout": "TOP_BANNER", "Content": [{
            "BackgroundColor": "#FFFFFF", "ImageUrl": image,
            "HeaderConfig": {"Header": "Hello", "TextColor": "#000000", "Alignment": "LEFT"}
        }]}
    })
}

#[test]
fn images_are_loaded_once_each_and_judged() {
    let dir = tempfile::tempdir().unwrap();
    png(&dir.path().join("square.png"), 100, 100, false);
    png(&dir.path().join("wide.png"), 300, 100, false);
    png(&dir.path().join("big.png"), 700, 700, true);
    let campaigns = json!([
        campaign("square", "square.png"),
        campaign("wide", "wide.png"),
        campaign("missing", "missing.png"),
        campaign("big", "big.png"),
        campaign("wide-again", "./wide.png"),
        campaign("ftp", "ftp://example.com/a.png"),
    ]);
    let ids: Vec<&str> = campaigns
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["CampaignId"].as_str().unwrap())
        .collect();
    let file = dir.path().join("phone.json");
    std::fs::write(&file, serde_json::to_string_pretty(&campaigns).unwrap()).unwrap();
    let file = file.to_str().unwrap();

    let plain = findings(&check(&["--file", file, "--format", "json"]));
    assert!(
        plain
            .iter()
            .all(|f| !f["rule"].as_str().unwrap().starts_with("PV07")),
        "without --images no image is looked at: {plain:#?}"
    );

    let out = check(&["--file", file, "--format", "json", "--images"]);
    status(&out, 1);
    let found: Vec<(String, String, String)> = findings(&out)
        .iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("PV07"))
        .map(|f| {
            let s = |k: &str| f[k].as_str().unwrap().to_string();
            let at = ids.iter().position(|id| *id == s("campaign")).unwrap();
            assert_eq!(
                f["json_path"],
                format!("[{at}].InAppMessage.Content[0].ImageUrl")
            );
            (s("campaign"), s("rule"), s("message"))
        })
        .collect();
    let missing = std::path::absolute(dir.path().join("missing.png")).unwrap();
    let wide = "image is 300x100 (3:1); the layout's recommended size is 100x100 (1:1)";
    assert_eq!(
        found,
        [
            ("wide", "PV073", wide.to_string()),
            ("missing", "PV071", format!(
                "image cannot be loaded (not found: {}); devices show the message without it",
                missing.display()
            )),
            ("big", "PV072", "image is 1.5 MB; over 1 MB delays the message on slow networks".into()),
            ("wide-again", "PV073", wide.to_string()),
            ("ftp", "PV071", "image cannot be loaded (unsupported image URL (ftp:…): only http, https and file are read); devices show the message without it".into()),
        ]
        .map(|(c, r, m)| (c.to_string(), r.to_string(), m))
    );
}

#[test]
fn the_demos_pictures_are_read_from_the_binary() {
    let out = check(&["--demo", "--format", "json", "--images"]);
    let images: Vec<Value> = findings(&out)
        .into_iter()
        .filter(|f| f["rule"].as_str().unwrap().starts_with("PV07"))
        .collect();
    // Every picture loads; the one 4:3 picture in a carousel is not the 3:2 recommended.
    assert_eq!(images.len(), 1, "{images:#?}");
    assert_eq!(
        (
            &images[0]["rule"],
            &images[0]["campaign"],
            &images[0]["card"]
        ),
        (&json!("PV073"), &json!("gift-guide"), &json!(3))
    );
    assert_eq!(
        images[0]["message"],
        "image is 320x240 (4:3); the layout's recommended size is 300x200 (3:2)"
    );
}
