//! `pinview render --format png|svg` as a user runs it: to a file, to a pipe, never to a
//! terminal, the same bytes twice, and its flags' limits.

use std::io::Read;
use std::process::{Command, Output};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

use crate::support::NOW;

const BIN: &str = env!("CARGO_BIN_EXE_pinview");

fn pinview(args: &[&str]) -> Output {
    Command::new(BIN).args(args).output().expect("run pinview")
}

fn temp_file(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("pinview-pixels-{}-{name}", std::process::id()))
}

/// Width and height from a PNG's IHDR.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
    let n = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (n(16), n(20))
}

#[test]
fn png_to_a_file_is_the_same_bytes_every_run() {
    let (a, b) = (temp_file("a.png"), temp_file("b.png"));
    for out in [&a, &b] {
        let args = [
            "render",
            "--demo",
            "--endpoint",
            "iphone-15",
            "--campaign",
            "premium-upgrade",
            "--now",
            NOW,
            "--format",
            "png",
            "--out",
            out.to_str().unwrap(),
        ];
        let run = pinview(&args);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(run.stdout.is_empty());
    }
    let (a_bytes, b_bytes) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    // The phone, 390x844 at scale 2, and the 400 pt panel of `--pane all`.
    assert_eq!(png_size(&a_bytes), ((390 + 400) * 2, 844 * 2));
    assert!(a_bytes == b_bytes, "two runs wrote different PNGs");
    let _ = std::fs::remove_file(a);
    let _ = std::fs::remove_file(b);
}

#[test]
fn a_pipe_gets_the_picture_and_flags_shape_it() {
    let run = pinview(&[
        "render",
        "--demo",
        "--platform",
        "web",
        "--device",
        "tablet",
        "--pane",
        "preview",
        "--scale",
        "1",
        "--now",
        NOW,
        "--format",
        "png",
    ]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(png_size(&run.stdout), (820, 1180));
    let run = pinview(&[
        "render",
        "--demo",
        "--endpoint",
        "android-pixel",
        "--now",
        NOW,
        "--format",
        "svg",
    ]);
    assert!(run.status.success());
    let svg = String::from_utf8(run.stdout).unwrap();
    let doc = roxmltree::Document::parse(&svg).expect("XML");
    let words: String = doc.descendants().filter_map(|n| n.text()).collect();
    // The first campaign in device order, the panel's rows, and the demo's picture.
    for want in ["winter-sale-2026", "CAMPAIGN", "TRIGGER", "FINDINGS"] {
        assert!(words.contains(want), "{want} missing");
    }
    assert!(
        svg.contains("data:image/png;base64,"),
        "the demo image is embedded"
    );
}

#[test]
fn bad_scales_and_unknown_campaigns_exit_2() {
    let run = pinview(&["render", "--demo", "--format", "png", "--scale", "9"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("from 0.25 to 4"));
    let run = pinview(&["render", "--demo", "--format", "svg", "--campaign", "nope"]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains("no campaign \"nope\""));
    assert!(run.stdout.is_empty());
}

#[test]
fn a_picture_is_never_written_to_a_terminal() {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("a pty");
    let mut cmd = CommandBuilder::new(BIN);
    cmd.args(["render", "--demo", "--format", "png", "--now", NOW]);
    let mut child = pair.slave.spawn_command(cmd).expect("spawn pinview");
    drop(pair.slave);
    let mut reader = pair.master.try_clone_reader().unwrap();
    let reading = std::thread::spawn(move || {
        let mut seen = Vec::new();
        // Ends when the child closes the pty (EIO on Linux).
        let _ = reader.read_to_end(&mut seen);
        seen
    });
    let status = child.wait().expect("pinview exits");
    drop(pair.master);
    let seen = reading.join().unwrap();
    let text = String::from_utf8_lossy(&seen);
    assert_eq!(status.exit_code(), 2, "{text}");
    assert!(
        text.contains("will not write a PNG picture to the terminal"),
        "{text}"
    );
    assert!(
        !seen.windows(4).any(|w| w == b"\x89PNG"),
        "PNG bytes reached the terminal"
    );
}
