//! The binary as a user calls it: exit codes, error messages and `render`'s output.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::NOW;

fn pinview(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pinview"))
        .args(args)
        .output()
        .expect("run pinview")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("pinview-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn render_with_pinned_now_is_repeatable_and_plain() {
    let args = [
        "render",
        "--demo",
        "--endpoint",
        "iphone-15",
        "--size",
        "120x40",
        "--now",
        NOW,
    ];
    let a = pinview(&args);
    let b = pinview(&args);
    assert!(a.status.success(), "{}", stderr(&a));
    assert_eq!(a.stdout, b.stdout);
    let text = String::from_utf8(a.stdout).unwrap();
    assert_eq!(text.lines().count(), 40);
    assert!(text.contains("dark-mode-launch"));
    assert!(!text.contains('\u{1b}'), "text format carries no escapes");
}

#[test]
fn render_ansi_carries_24_bit_colour() {
    let out = pinview(&[
        "render", "--demo", "--format", "ansi", "--pane", "preview", "--now", NOW,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    // winter-sale-2026's card background, #0B3D91.
    assert!(text.contains("48;2;11;61;145"), "{text}");
}

#[test]
fn render_help_documents_every_flag_with_an_example() {
    let out = pinview(&["render", "--help"]);
    let help = String::from_utf8(out.stdout).unwrap();
    for flag in [
        "--demo",
        "--file",
        "--app",
        "--endpoint",
        "--campaign",
        "--size",
        "--platform",
        "--page",
        "--pane",
        "--format",
        "--now",
    ] {
        assert!(help.contains(flag), "{flag} missing from:\n{help}");
    }
    assert!(help.contains("e.g."), "{help}");
    assert!(
        help.contains("pinview render --demo --campaign onboarding-tour --page 2"),
        "{help}"
    );
}

#[test]
fn invalid_json_names_file_line_and_column() {
    let dir = temp_dir("syntax");
    let file = write(
        &dir,
        "phone.json",
        "{\n  \"InAppMessageCampaigns\": [\n    {,\n  ]\n}\n",
    );
    let out = pinview(&["render", "--file", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{}:3:6: invalid JSON", file.display())),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

/// `--file <(aws pinpoint get-in-app-messages …)`: a pipe is read once, whatever its shape, and
/// its errors still name line and column.
#[test]
fn a_pipe_is_read_in_every_shape_and_errors_name_their_place() {
    let dir = temp_dir("pipe");
    for (text, expect) in [
        (r#"{"CampaignId":"single-one"}"#, Ok("single-one")),
        (r#"[{"CampaignId":"listed"}]"#, Ok("listed")),
        ("[{\"CampaignId\":\"x\"},\n]", Err(":2:1: invalid JSON")),
    ] {
        let fifo = dir.join("endpoint.json");
        let _ = std::fs::remove_file(&fifo);
        let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::write(fifo, text).unwrap())
        };
        let out = pinview(&["render", "--now", NOW, "--file", fifo.to_str().unwrap()]);
        writer.join().unwrap();
        match expect {
            Ok(id) => {
                assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
                assert!(String::from_utf8_lossy(&out.stdout).contains(id));
            }
            Err(place) => {
                assert_eq!(out.status.code(), Some(2));
                assert!(stderr(&out).contains(place), "{}", stderr(&out));
            }
        }
    }
}

#[test]
fn wrong_shape_names_the_json_path() {
    let dir = temp_dir("shape");
    let file = write(
        &dir,
        "shop/phone.json",
        r#"{"InAppMessageCampaigns":[{},{},{},{"Priority":"high"}]}"#,
    );
    let out = pinview(&["render", "--file", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(&format!(
            "{}:1:53: InAppMessageCampaigns[3].Priority: invalid type: string \"high\", expected an integer",
            file.display()
        )),
        "{err}"
    );
}

#[test]
fn missing_paths_and_unknown_ids_are_named() {
    let out = pinview(&["render", "--file", "/no/such/place.json"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("/no/such/place.json: no such file or directory"));

    let out = pinview(&["render", "--demo", "--endpoint", "pager"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "no endpoint \"pager\" in demo-app; endpoints: android-pixel, iphone-15, web-chrome"
        ),
        "{}",
        stderr(&out)
    );

    let out = pinview(&["render", "--demo", "--campaign", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no campaign \"nope\" here; campaigns: winter-sale-2026"),
        "{}",
        stderr(&out)
    );

    let out = pinview(&[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--demo"), "{}", stderr(&out));
}

/// A page past the cards is said, as an unknown campaign is, not drawn as the last card.
#[test]
fn a_page_past_the_cards_is_an_error() {
    let page = |campaign: &str, page: &str| {
        pinview(&["render", "--demo", "--campaign", campaign, "--page", page])
    };
    let out = page("onboarding-tour", "9");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains(
            "no card 9 in campaign \"onboarding-tour\": it has 4, so --page goes from 1 to 4"
        ),
        "{err}"
    );
    let out = page("winter-sale-2026", "2");
    assert!(stderr(&out).contains("it draws one card, shown without --page"));
    // A banner with several cards draws the first only.
    let dir = temp_dir("banner-cards");
    let two = write(
        &dir,
        "two.json",
        r#"[{"CampaignId":"b","InAppMessage":{"Layout":"TOP_BANNER","Content":[{},{}]}}]"#,
    );
    let out = pinview(&["render", "--file", two.to_str().unwrap(), "--page", "2"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("(only a CAROUSEL pages)"),
        "{}",
        stderr(&out)
    );
    let out = page("onboarding-tour", "4");
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn all_four_input_shapes_render_the_same_campaign() {
    let dir = temp_dir("shapes");
    let campaign = r#"{"CampaignId":"same","Priority":1,"InAppMessage":{"Layout":"MOBILE_FEED","Content":[{"HeaderConfig":{"Header":"Same message"}}]}}"#;
    let shapes = [
        format!(r#"{{"InAppMessageCampaigns":[{campaign}]}}"#),
        format!(r#"{{"InAppMessagesResponse":{{"InAppMessageCampaigns":[{campaign}]}}}}"#),
        format!("[{campaign}]"),
        campaign.to_string(),
    ];
    let mut frames = Vec::new();
    for (i, text) in shapes.iter().enumerate() {
        // Same stem, so the header names the same endpoint.
        let file = write(&dir.join(i.to_string()), "device.json", text);
        let out = pinview(&["render", "--file", file.to_str().unwrap(), "--now", NOW]);
        assert!(out.status.success(), "{}", stderr(&out));
        frames.push(
            String::from_utf8(out.stdout)
                .unwrap()
                .replace(&format!("{i} › "), "_ › "),
        );
    }
    assert!(frames[0].contains("Same message"), "{}", frames[0]);
    for f in &frames[1..] {
        assert_eq!(f, &frames[0]);
    }
}

#[test]
fn a_directory_of_endpoint_files_is_one_application() {
    let dir = temp_dir("app-dir").join("shop-app");
    write(&dir, "tablet.json", "[]");
    write(&dir, "phone.json", r#"[{"CampaignId":"p1"}]"#);
    let out = pinview(&[
        "render",
        "--file",
        dir.to_str().unwrap(),
        "--endpoint",
        "tablet",
        "--now",
        NOW,
        "--size",
        "120x40",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("shop-app › tablet  [2/2]"), "{text}");
    assert!(text.contains("tablet returned no campaigns"), "{text}");
}

#[test]
fn errors_never_echo_control_characters() {
    let dir = temp_dir("hostile-name");
    let file = write(&dir, "x.json", "{\"Priority\": \"\u{1b}[31mred\"}");
    let out = pinview(&["render", "--file", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    // An id with a line break listed in an error stays on the error's one line.
    let ids = write(
        &dir,
        "ids.json",
        r#"[{"CampaignId":"new\nline\u2028x"},{"CampaignId":"ok"}]"#,
    );
    let out = pinview(&[
        "render",
        "--file",
        ids.to_str().unwrap(),
        "--campaign",
        "no\npe",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert_eq!(err.trim_end().lines().count(), 1, "{err:?}");
    assert!(err.contains("campaigns: new line x, ok"), "{err:?}");
}

#[test]
fn the_tui_without_a_terminal_points_to_render() {
    let out = pinview(&["--demo"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("pinview render"), "{}", stderr(&out));
}

/// `render` reads the config file's image keys as the TUI does: `max_image_size` refuses a
/// larger local picture, `images = "off"` leaves every slot a plain mark.
#[test]
fn render_honours_the_config_files_image_settings() {
    let dir = temp_dir("config-images");
    let picture = std::fs::read("assets/demo/images/premium.png").unwrap();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("premium.png"), &picture).unwrap();
    let file = write(
        &dir,
        "phone.json",
        r#"[{"CampaignId":"c","InAppMessage":{"Layout":"MOBILE_FEED","Content":[
            {"HeaderConfig":{"Header":"Hi"},"ImageUrl":"premium.png"}]}}]"#,
    );
    let config = dir.join("config.toml");
    let render = |config_text: Option<&str>| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pinview"));
        cmd.args(["render", "--file", file.to_str().unwrap(), "--now", NOW]);
        cmd.args(["--size", "120x40"]);
        match config_text {
            Some(text) => {
                std::fs::write(&config, text).unwrap();
                cmd.env("PINVIEW_CONFIG", &config);
            }
            None => {
                cmd.env("PINVIEW_CONFIG", dir.join("none.toml"));
                cmd.env_remove("PINVIEW_CONFIG");
                cmd.env("XDG_CONFIG_HOME", &dir);
            }
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    assert!(render(None).contains("▣ premium.png 300x200"));
    let small = render(Some("max_image_size = \"1KB\"\n"));
    assert!(small.contains("too large"), "{small}");
    let off = render(Some("images = \"off\"\n"));
    assert!(off.contains("▣ image"), "{off}");
    assert!(!off.contains("premium.png 300x200"), "{off}");
}

/// Output that cannot be written (a full disk) is said and fails the run; a reader that has
/// gone does not.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_is_an_error_and_a_closed_pipe_is_not() {
    let commands: [&[&str]; 6] = [
        &["render", "--demo"],
        &["get", "--demo", "--endpoint", "iphone-15"],
        &["simulate", "--demo", "--event", "_session.start"],
        &["check", "--demo"],
        &["check", "--rules"],
        &["check", "--explain", "PV004"],
    ];
    for args in commands {
        let full = std::fs::File::create("/dev/full").unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_pinview"))
            .args(args)
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            stderr(&out).contains("cannot write the output: No space left on device"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_pinview"))
        .args(["render", "--demo", "--size", "300x100"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}
