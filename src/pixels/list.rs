//! The display list: what a picture is made of, in points, before any backend sees it. Boxes,
//! lines of text already wrapped and placed, images in their rectangles, and the close mark.

use std::sync::Arc;

pub use super::fallback::SystemFont;
use crate::images::Loaded;
use crate::model::colour::Rgba;

/// A rectangle in points, from the canvas's top left.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub const fn new(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }

    pub fn right(&self) -> f32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> f32 {
        self.y + self.h
    }

    /// Shrunk by `by` on every side; never negative.
    pub fn inset(&self, by: f32) -> Rect {
        Rect::new(
            self.x + by,
            self.y + by,
            (self.w - 2.0 * by).max(0.0),
            (self.h - 2.0 * by).max(0.0),
        )
    }

    /// The centre point.
    pub fn centre(&self) -> (f32, f32) {
        (self.x + self.w / 2.0, self.y + self.h / 2.0)
    }

    /// Whether the point lies inside.
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x && x < self.right() && y >= self.y && y < self.bottom()
    }
}

/// Where a line of text hangs from its `x`: as SVG's `text-anchor`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// Part of a line that no bundled font has glyphs for, drawn with a system font.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SystemRun {
    /// Byte offsets into the line's text.
    pub from: usize,
    pub to: usize,
    pub font: SystemFont,
}

/// One item of the picture, drawn in list order.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// A filled and maybe outlined box; `radius` rounds its corners.
    Box {
        id: Option<String>,
        rect: Rect,
        radius: f32,
        fill: Rgba,
        stroke: Option<(Rgba, f32)>,
    },
    /// One line of text: `y` is its baseline.
    Text {
        class: &'static str,
        x: f32,
        y: f32,
        anchor: Anchor,
        size: f32,
        weight: u16,
        colour: Rgba,
        text: String,
        /// Where a system font draws instead of the bundled ones; usually none.
        fonts: Vec<SystemRun>,
    },
    /// The image stretched to `rect`, which already has its aspect ratio.
    Image { rect: Rect, image: Arc<Loaded> },
    /// The close mark: a ✕ of two strokes inside `rect`.
    Cross {
        rect: Rect,
        colour: Rgba,
        width: f32,
    },
}

/// A picture: its size in points, the scale backends draw it at, and its items.
#[derive(Clone, Debug, PartialEq)]
pub struct Canvas {
    pub width: f32,
    pub height: f32,
    /// Pixels per point.
    pub scale: f32,
    pub items: Vec<Item>,
    /// Whether characters no bundled font has may be drawn with a system font.
    pub system_fonts: bool,
    /// Characters of the text that no font can draw.
    pub missing: Vec<char>,
    /// Characters drawn with a system font, and which.
    pub system: Vec<(char, SystemFont)>,
    /// What the picture leaves out or draws differently, for the side panel.
    pub notes: Vec<String>,
}

impl Canvas {
    pub fn new(width: f32, height: f32, scale: f32) -> Canvas {
        Canvas {
            width,
            height,
            scale,
            items: Vec::new(),
            system_fonts: false,
            missing: Vec::new(),
            system: Vec::new(),
            notes: Vec::new(),
        }
    }

    pub fn note(&mut self, note: String) {
        if !self.notes.contains(&note) {
            self.notes.push(note);
        }
    }

    pub fn note_missing(&mut self, chars: &[char]) {
        for c in chars {
            if !self.missing.contains(c) {
                self.missing.push(*c);
            }
        }
    }

    pub fn note_system(&mut self, chars: &[(char, SystemFont)]) {
        for drawn in chars {
            if !self.system.contains(drawn) {
                self.system.push(*drawn);
            }
        }
    }

    /// Width and height in whole pixels at the canvas's scale.
    pub fn pixel_size(&self) -> (u32, u32) {
        let px = |points: f32| (points * self.scale).round().max(1.0) as u32;
        (px(self.width), px(self.height))
    }

    pub fn fill(&mut self, id: Option<&str>, rect: Rect, fill: Rgba) {
        self.boxed(id, rect, 0.0, fill, None);
    }

    pub fn boxed(
        &mut self,
        id: Option<&str>,
        rect: Rect,
        radius: f32,
        fill: Rgba,
        stroke: Option<(Rgba, f32)>,
    ) {
        self.items.push(Item::Box {
            id: id.map(str::to_string),
            rect,
            radius,
            fill,
            stroke,
        });
    }

    /// The box with this id: where the layout put the card, a button, a dot.
    pub fn find(&self, wanted: &str) -> Option<Rect> {
        self.items.iter().find_map(|item| match item {
            Item::Box {
                id: Some(id), rect, ..
            } if id == wanted => Some(*rect),
            _ => None,
        })
    }

    /// Where the image was placed, if one was.
    pub fn image(&self) -> Option<Rect> {
        self.items.iter().find_map(|item| match item {
            Item::Image { rect, .. } => Some(*rect),
            _ => None,
        })
    }

    /// The lines of text of one class (`header`, `body`, `button`, `panel` …), in order.
    pub fn lines(&self, wanted: &str) -> Vec<&str> {
        self.items
            .iter()
            .filter_map(|item| match item {
                Item::Text { class, text, .. } if *class == wanted => Some(text.as_str()),
                _ => None,
            })
            .collect()
    }
}
