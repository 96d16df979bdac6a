//! A card's image in its slot: the real pixels, fitted and centred on the card's colour, or
//! words that say it is loading or why it cannot be shown.

use std::path::Path;
use std::sync::Arc;

use ratatui::buffer::Buffer;
use ratatui::layout::{Rect, Size};
use ratatui::widgets::Widget;

use super::parts::{fill, image_slot};
use ratatui_image::picker::Picker;

pub use crate::app::images::{Status, image_status};
use crate::app::pixels::same_picture;
use crate::images::board::{Entry, FrameKey, Mode, Want};
use crate::images::frame::{centre, fit};
use crate::images::{Board, Loaded};
use crate::model::colour::Rgba;
use crate::text::clean;

/// What the view knows of images while drawing one frame.
pub struct Pictures<'a> {
    pub board: &'a Board,
    /// The folder relative ImageUrls start from.
    pub base: Option<&'a Path>,
    /// The spinner's current frame.
    pub spinner: &'static str,
    /// An overlay (help) covers the screen: images stay out of the frame, since kitty is sent
    /// an image's pixels only the first time it is drawn, and a first drawing under the overlay
    /// would be lost.
    pub covered: bool,
}

impl Pictures<'_> {
    /// Draws the image `url` names into `slot`, on a card of colour `background`.
    pub fn draw(&self, buf: &mut Buffer, slot: Rect, url: &str, background: Rgba) {
        let slot = slot.intersection(buf.area);
        if slot.is_empty() {
            return;
        }
        match self.status(url) {
            Status::Off | Status::Ready(..) if self.covered => {
                image_slot(buf, slot, &["▣ image".into()], "▣")
            }
            Status::Off => image_slot(buf, slot, &["▣ image".into()], "▣"),
            Status::Loading => {
                let line = format!("{} loading image", self.spinner);
                image_slot(buf, slot, &[line], self.spinner);
            }
            Status::Failed(why) => failed(buf, slot, &why),
            Status::Ready(_, image) if self.board.mode == Mode::Label => {
                let line = format!(
                    "▣ {} {}x{}",
                    file_name(url),
                    image.info.width,
                    image.info.height
                );
                image_slot(buf, slot, &[line], "▣");
            }
            Status::Ready(key, image) => self.pixels(buf, slot, key, &image, background),
        }
    }

    /// Draws the image stored under `key` (a pixel preview) into `slot`; false when it is not
    /// ready, and the caller draws something else meanwhile. A picture is shown only once it is
    /// encoded for the terminal, and until then an earlier drawing of the same picture (one
    /// with fewer of its images loaded), so the pane goes from cells to the picture once, and
    /// an image coming in swaps one picture for the next: never cells or a blank slot between.
    pub fn draw_key(&self, buf: &mut Buffer, slot: Rect, key: &str, background: Rgba) -> bool {
        let slot = slot.intersection(buf.area);
        if slot.is_empty() || self.covered {
            return false;
        }
        if let Some(Entry::Ready(image)) = self.board.entry(key) {
            let frame = self.frame_key(slot, key, image, background);
            if self.board.headless || self.board.frame(&frame).is_some() {
                let image = Arc::clone(image);
                self.pixels(buf, slot, key.to_string(), &image, background);
                return true;
            }
            // Encoded off the UI thread; meanwhile the pane keeps what it showed.
            self.board.want(frame, image);
        }
        let Some(prefix) = same_picture(key) else {
            return false;
        };
        let earlier = self.board.ready_with_prefix(prefix).find(|(k, image)| {
            let frame = self.frame_key(slot, k, image, background);
            matches!(self.board.frame(&frame), Some(Ok(_)))
        });
        match earlier {
            Some((earlier, image)) => {
                let image = Arc::clone(image);
                self.pixels(buf, slot, earlier.to_string(), &image, background);
                true
            }
            None => false,
        }
    }

    /// The frame `image` (stored under `key`) is drawn from in `slot`.
    fn frame_key(&self, slot: Rect, key: &str, image: &Loaded, bg: Rgba) -> FrameKey {
        let (_, cells) = self.place(slot, image);
        FrameKey {
            image: key.to_string(),
            cells: (cells.width, cells.height),
            background: [bg.r, bg.g, bg.b],
        }
    }

    /// Where `image` goes in `slot`, fitted and centred, and its size in cells.
    fn place(&self, slot: Rect, image: &Loaded) -> (Rect, Size) {
        let cells = fit(
            image.info.width,
            image.info.height,
            Size::new(slot.width, slot.height),
            self.board.font(),
        );
        (centre(slot, cells), cells)
    }

    pub fn status(&self, url: &str) -> Status {
        image_status(self.board, self.base, url)
    }

    fn pixels(&self, buf: &mut Buffer, slot: Rect, key: String, image: &Arc<Loaded>, bg: Rgba) {
        let (rect, _) = self.place(slot, image);
        fill(buf, slot, bg);
        let key = self.frame_key(slot, &key, image, bg);
        match self.board.frame(&key) {
            Some(Ok(frame)) => ratatui_image::Image::new(&frame.0).render(rect, buf),
            Some(Err(why)) => failed(buf, slot, why),
            None if self.board.headless => {
                let want = Want {
                    key,
                    image: Arc::clone(image),
                };
                match want.encode(&Picker::halfblocks()) {
                    Ok(frame) => ratatui_image::Image::new(&frame.0).render(rect, buf),
                    Err(why) => failed(buf, slot, &why),
                }
            }
            None => {
                // Encoded off the UI thread; the next frame has it.
                self.board.want(key, image);
                image_slot(buf, rect, &[self.spinner.to_string()], self.spinner);
            }
        }
    }
}

fn failed(buf: &mut Buffer, slot: Rect, why: &str) {
    let text = format!("✕ {}", clean(why));
    let width = usize::from(slot.width.max(1));
    let lines: Vec<String> = textwrap::wrap(&text, width)
        .into_iter()
        .map(|l| l.into_owned())
        .collect();
    image_slot(buf, slot, &lines, "✕");
}

/// The last part of a URL or path, for labels.
fn file_name(url: &str) -> String {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let name = path.rsplit('/').find(|s| !s.is_empty()).unwrap_or(path);
    clean(name).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;
    use ratatui_image::FontSize;

    const BG: Rgba = Rgba::opaque(0, 0, 0);
    const FIRST: &str = "pixels:00ab:0:Default:200x200:0";
    const SECOND: &str = "pixels:00ab:0:Default:200x200:1";

    fn picture(rgb: [u8; 3]) -> Arc<Loaded> {
        let pixels =
            image::RgbaImage::from_pixel(200, 200, image::Rgba([rgb[0], rgb[1], rgb[2], 255]));
        Arc::new(Loaded::picture(pixels, 0))
    }

    /// `key` drawn into a 20x10 pane: whether it drew, and the pane.
    fn draw(board: &Board, key: &str) -> (bool, Buffer) {
        draw_under(board, key, false)
    }

    fn draw_under(board: &Board, key: &str, covered: bool) -> (bool, Buffer) {
        let area = Rect::new(0, 0, 20, 10);
        let mut buf = Buffer::empty(area);
        let pictures = Pictures {
            board,
            base: None,
            spinner: "⠋",
            covered,
        };
        (pictures.draw_key(&mut buf, area, key, BG), buf)
    }

    #[test]
    fn no_picture_is_drawn_under_an_overlay() {
        let mut board = Board::new(Mode::Pixels, FontSize::new(10, 20));
        board.finish(FIRST, Ok(picture([200, 0, 0])));
        draw(&board, FIRST);
        encode_wanted(&mut board);
        assert!(draw(&board, FIRST).0);
        let (drawn, buf) = draw_under(&board, FIRST, true);
        assert!(!drawn);
        assert_eq!(buf, Buffer::empty(buf.area));
    }

    /// Encodes the frames the last draw asked for, as the loop does.
    fn encode_wanted(board: &mut Board) -> usize {
        let wants = board.take_wants();
        for want in &wants {
            board.start_frame(&want.key);
            board.finish_frame(want.key.clone(), want.encode(&Picker::halfblocks()));
        }
        wants.len()
    }

    #[test]
    fn a_picture_not_encoded_yet_leaves_the_pane_to_the_caller() {
        let mut board = Board::new(Mode::Pixels, FontSize::new(10, 20));
        board.finish(FIRST, Ok(picture([200, 0, 0])));
        let (drawn, buf) = draw(&board, FIRST);
        assert!(
            !drawn,
            "no blank slot with a spinner between the cells and the picture"
        );
        assert_eq!(buf, Buffer::empty(buf.area));
        assert_eq!(encode_wanted(&mut board), 1, "its frame is asked for");
        let (drawn, buf) = draw(&board, FIRST);
        assert!(drawn);
        assert_eq!(buf[(10, 5)].bg, Color::Rgb(200, 0, 0));
    }

    #[test]
    fn an_earlier_drawing_of_the_same_picture_stays_until_the_next_is_encoded() {
        let mut board = Board::new(Mode::Pixels, FontSize::new(10, 20));
        board.finish(FIRST, Ok(picture([200, 0, 0])));
        draw(&board, FIRST);
        encode_wanted(&mut board);
        let (_, shown) = draw(&board, FIRST);
        // An image came in: the next drawing is on its way, then drawn but not encoded.
        board.request(SECOND);
        assert_eq!(draw(&board, SECOND), (true, shown.clone()));
        board.finish(SECOND, Ok(picture([0, 0, 200])));
        assert_eq!(draw(&board, SECOND), (true, shown));
        assert_eq!(encode_wanted(&mut board), 1);
        let (drawn, buf) = draw(&board, SECOND);
        assert!(drawn);
        assert_eq!(buf[(10, 5)].bg, Color::Rgb(0, 0, 200));
        // Another message's picture is never shown for this one.
        let other = "pixels:00cd:0:Default:200x200:0";
        board.request(other);
        assert!(!draw(&board, other).0);
        assert!(
            !draw(&board, "pixels:00ab:1:Default:200x200:0").0,
            "another card"
        );
    }
}
