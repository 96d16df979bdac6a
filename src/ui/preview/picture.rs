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
use crate::images::board::{FrameKey, Mode, Want};
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
}

impl Pictures<'_> {
    /// Draws the image `url` names into `slot`, on a card of colour `background`.
    pub fn draw(&self, buf: &mut Buffer, slot: Rect, url: &str, background: Rgba) {
        let slot = slot.intersection(buf.area);
        if slot.is_empty() {
            return;
        }
        match self.status(url) {
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
    /// ready, and the caller draws something else meanwhile.
    pub fn draw_key(&self, buf: &mut Buffer, slot: Rect, key: &str, background: Rgba) -> bool {
        let slot = slot.intersection(buf.area);
        match self.board.entry(key) {
            Some(crate::images::board::Entry::Ready(image)) if !slot.is_empty() => {
                let image = Arc::clone(image);
                self.pixels(buf, slot, key.to_string(), &image, background);
                true
            }
            _ => false,
        }
    }

    pub fn status(&self, url: &str) -> Status {
        image_status(self.board, self.base, url)
    }

    fn pixels(&self, buf: &mut Buffer, slot: Rect, key: String, image: &Arc<Loaded>, bg: Rgba) {
        let cells = fit(
            image.info.width,
            image.info.height,
            Size::new(slot.width, slot.height),
            self.board.font(),
        );
        let rect = centre(slot, cells);
        fill(buf, slot, bg);
        let key = FrameKey {
            image: key,
            cells: (cells.width, cells.height),
            background: [bg.r, bg.g, bg.b],
        };
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
