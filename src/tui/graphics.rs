//! What the terminal can show of images: the protocol asked of it once at start (with a check
//! ratatui-image does not make), and frames whose kitty placeholders keep their image ids.

use std::io::{self, Read, Write};
use std::time::Duration;

use ratatui::buffer::Buffer;
use ratatui::style::Color;
use ratatui_image::picker::cap_parser::QueryStdioOptions;
use ratatui_image::picker::{Capability, Picker, ProtocolType};

use crate::images::Protocols;
use crate::ui::theme::Palette;

/// How long a terminal has to start answering the graphics query; local terminals take
/// milliseconds, SSH a round trip.
const QUERY_TIMEOUT: Duration = Duration::from_secs(1);

/// How images will be drawn. The terminal is asked after the alternate screen is entered and
/// before events are read, so its answer is not taken for key presses.
pub(super) fn pick_protocol(protocols: Protocols) -> Option<Picker> {
    match protocols {
        Protocols::Off => None,
        Protocols::Halfblocks => Some(Picker::halfblocks()),
        Protocols::Auto => {
            let options = QueryStdioOptions {
                timeout: QUERY_TIMEOUT,
                ..QueryStdioOptions::default()
            };
            let asked = std::time::Instant::now();
            let mut picker = Picker::from_query_stdio_with_options(options).unwrap_or_else(|e| {
                tracing::warn!("cannot ask the terminal for graphics ({e}); drawing half blocks");
                Picker::halfblocks()
            });
            // A timeout is not an error to the picker; only the time taken tells.
            if asked.elapsed() >= QUERY_TIMEOUT {
                release_query_reader();
            }
            // Inside tmux the answers take another road; its users keep the picker's word.
            let kitty =
                picker.capabilities().contains(&Capability::Kitty) && !picker.tmux_detected();
            if kitty && picker.protocol_type() == ProtocolType::Kitty && !placeholders_drawn() {
                tracing::info!(
                    "the terminal's kitty graphics lack Unicode placeholders; drawing half blocks"
                );
                picker.set_protocol_type(ProtocolType::Halfblocks);
            }
            Some(picker)
        }
    }
}

/// The image id of the placeholder query; the picker's own queries use 31 and 32.
const PLACEHOLDER_QUERY_ID: u32 = 4242;

/// Whether the terminal draws kitty images placed by Unicode placeholders (`U=1`), the only way
/// ratatui-image places them. Kitty answers the picker's graphics query long before 0.28, the
/// first to draw placeholders; older ones (Debian 12 has 0.26.5) show a box in every cell. They
/// reject a command with `U=1` without a word, so the status report sent after this query comes
/// back alone. No answer at all (a slow link) leaves the picker's word standing.
fn placeholders_drawn() -> bool {
    let query =
        format!("\x1b_Gi={PLACEHOLDER_QUERY_ID},s=1,v=1,a=q,t=d,f=24,U=1;AAAA\x1b\\\x1b[5n");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let (mut answer, mut byte) = (Vec::new(), [0u8]);
        // Up to the status report's answer, `ESC [ 0 n`; raw mode is on, so bytes come as sent.
        while !answer.ends_with(b"\x1b[0n") && answer.len() < 4096 {
            match io::stdin().read(&mut byte) {
                Ok(1) => answer.push(byte[0]),
                _ => break,
            }
        }
        let _ = tx.send(answer);
    });
    let mut out = io::stdout();
    if out
        .write_all(query.as_bytes())
        .and_then(|()| out.flush())
        .is_err()
    {
        return true;
    }
    match rx.recv_timeout(QUERY_TIMEOUT) {
        Ok(answer) => placeholder_query_answered(&answer),
        Err(_) => {
            release_query_reader();
            true
        }
    }
}

/// Whether the terminal's answers (up to its status report) accept the placeholder query.
fn placeholder_query_answered(answer: &[u8]) -> bool {
    let ok = format!("_Gi={PLACEHOLDER_QUERY_ID};OK");
    answer.windows(ok.len()).any(|w| w == ok.as_bytes())
}

/// After an unanswered query the detection thread is still reading standard input and would
/// swallow the first key press. A status report, which terminals (tmux included, when the
/// graphics query went to an absent outer terminal) answer themselves, ends its read.
fn release_query_reader() {
    let mut out = io::stdout();
    let _ = out.write_all(b"\x1b[5n").and_then(|()| out.flush());
    // The answer must reach that thread before the event reader starts.
    std::thread::sleep(Duration::from_millis(100));
}

/// The character kitty shows images in; its foreground colour names the image.
const KITTY_PLACEHOLDER: char = '\u{10EEEE}';

/// The frame's colours made ones the terminal shows, but for kitty's image placeholders: their
/// foreground is the image's id, and an approximated one shows no image (tmux's `TERM` says 256
/// colours while kitty outside draws the images).
pub(super) fn adapt(buf: &mut Buffer, palette: Palette) {
    let ids: Vec<(usize, Color)> = (buf.content.iter().enumerate())
        .filter(|(_, cell)| cell.symbol().contains(KITTY_PLACEHOLDER))
        .map(|(i, cell)| (i, cell.fg))
        .collect();
    crate::ui::theme::adapt(buf, palette);
    for (i, fg) in ids {
        buf.content[i].fg = fg;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::terminal::ColorDepth;
    use ratatui::layout::{Rect, Size};
    use ratatui_image::Resize;

    #[test]
    fn only_an_ok_to_the_placeholder_query_counts() {
        // kitty 0.26.5: the query is dropped, only the status report comes back.
        assert!(!placeholder_query_answered(b"\x1b[0n"));
        assert!(placeholder_query_answered(b"\x1b_Gi=4242;OK\x1b\\\x1b[0n"));
        assert!(!placeholder_query_answered(
            b"\x1b_Gi=4242;EINVAL:bad key\x1b\\\x1b[0n"
        ));
        assert!(!placeholder_query_answered(b"\x1b_Gi=31;OK\x1b\\\x1b[0n"));
    }

    #[test]
    fn kitty_placeholders_keep_their_image_id_in_fewer_colours() {
        let mut picker = Picker::halfblocks();
        picker.set_protocol_type(ProtocolType::Kitty);
        let image = image::DynamicImage::new_rgb8(20, 40);
        let protocol = picker.new_protocol(image, Size::new(2, 2), Resize::Fit(None));
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 2));
        ratatui::widgets::Widget::render(
            ratatui_image::Image::new(&protocol.unwrap()),
            Rect::new(0, 0, 2, 2),
            &mut buf,
        );
        buf[(3, 1)].set_fg(Color::Rgb(250, 10, 10));
        let id = buf[(1, 1)].fg;
        assert!(
            matches!(id, Color::Rgb(..)),
            "kitty names the image by colour"
        );
        let palette = Palette {
            depth: ColorDepth::Indexed256,
            chrome: true,
        };
        adapt(&mut buf, palette);
        assert_eq!(buf[(0, 0)].fg, id);
        assert_eq!(buf[(1, 1)].fg, id);
        assert!(
            matches!(buf[(3, 1)].fg, Color::Indexed(_)),
            "other cells adapt"
        );
    }
}
