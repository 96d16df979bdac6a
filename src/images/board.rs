//! What the screen knows of each image: loading, failed and why, or ready; and the frames
//! encoded for the slots it was drawn in. Bounded: the least recently asked-for images go.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt;
use std::sync::{Arc, Mutex};

use ratatui::layout::Size;
use ratatui_image::FontSize;
use ratatui_image::picker::Picker;
use ratatui_image::protocol::Protocol;

use super::{Loaded, frame};

/// Decoded pixels kept in memory at most; each image is at most 1024x1024 RGBA (4 MiB).
const MAX_PIXEL_BYTES: usize = 64 * 1024 * 1024;
/// Encoded frames kept: a few sizes of the images on screen.
const MAX_FRAMES: usize = 32;

/// How images are shown.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Nothing is loaded; the slot is marked.
    #[default]
    Off,
    /// The slot names the image, its size or why it failed: plain-text frames.
    Label,
    /// The real pixels.
    Pixels,
}

#[derive(Clone, Debug)]
pub enum Entry {
    Loading,
    Failed(String),
    Ready(Arc<Loaded>),
}

/// One image encoded for one slot size and card colour.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FrameKey {
    pub image: String,
    pub cells: (u16, u16),
    pub background: [u8; 3],
}

/// An encoded image, ready to draw.
#[derive(Clone)]
pub struct Frame(pub Arc<Protocol>);

impl PartialEq for Frame {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl fmt::Debug for Frame {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Frame({:?})", self.0.size())
    }
}

/// A frame the view needed and did not have.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Want {
    pub key: FrameKey,
    pub image: Arc<Loaded>,
}

impl Want {
    /// Fits and encodes the image for its slot: CPU work, for the blocking pool or a headless
    /// frame.
    pub fn encode(&self, picker: &Picker) -> Result<Frame, String> {
        let (w, h) = self.key.cells;
        let cells = Size::new(w, h);
        frame::encode(&self.image.pixels, picker, cells, self.key.background)
            .map(|p| Frame(Arc::new(p)))
    }
}

#[derive(Debug, Default)]
pub struct Board {
    pub mode: Mode,
    /// No loop comes back for frames (a headless frame): a slot is encoded where it is drawn,
    /// in half blocks so the bytes are the same on every machine.
    pub headless: bool,
    /// The terminal's cell size in pixels, for keeping aspect ratios.
    pub font: Option<FontSize>,
    entries: HashMap<String, Entry>,
    /// Image keys, least recently asked for first.
    used: VecDeque<String>,
    frames: HashMap<FrameKey, Result<Frame, String>>,
    frame_order: VecDeque<FrameKey>,
    pending: HashSet<FrameKey>,
    /// Written by the view while drawing, read by the loop after the frame.
    wants: Mutex<Vec<Want>>,
}

impl Clone for Board {
    fn clone(&self) -> Self {
        Self {
            mode: self.mode,
            headless: self.headless,
            font: self.font,
            entries: self.entries.clone(),
            used: self.used.clone(),
            frames: self.frames.clone(),
            frame_order: self.frame_order.clone(),
            pending: self.pending.clone(),
            wants: Mutex::default(),
        }
    }
}

impl Board {
    pub fn new(mode: Mode, font: FontSize) -> Self {
        Self {
            mode,
            font: Some(font),
            ..Self::default()
        }
    }

    /// The cell size used to keep aspect ratios; half blocks' when none was detected.
    pub fn font(&self) -> FontSize {
        self.font.unwrap_or(FontSize::new(10, 20))
    }

    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries.get(key)
    }

    /// The ready images whose keys start with `prefix`, most recently stored or asked for first.
    pub fn ready_with_prefix<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a Arc<Loaded>)> + 'a {
        self.used
            .iter()
            .rev()
            .filter_map(move |key| match self.entries.get(key) {
                Some(Entry::Ready(image)) if key.starts_with(prefix) => Some((key.as_str(), image)),
                _ => None,
            })
    }

    /// Notes that `key` is wanted on screen. True when it must be loaded.
    pub fn request(&mut self, key: &str) -> bool {
        self.touch(key);
        if self.entries.contains_key(key) {
            return false;
        }
        self.entries.insert(key.to_string(), Entry::Loading);
        true
    }

    /// Stores a load's result.
    pub fn finish(&mut self, key: &str, result: Result<Arc<Loaded>, String>) {
        self.touch(key);
        let entry = match result {
            Ok(image) => Entry::Ready(image),
            Err(why) => Entry::Failed(why),
        };
        self.entries.insert(key.to_string(), entry);
        self.evict();
    }

    /// Forgets failures, so the next request tries again.
    pub fn forget_failures(&mut self) {
        self.entries
            .retain(|_, entry| !matches!(entry, Entry::Failed(_)));
        self.used.retain(|k| self.entries.contains_key(k));
    }

    /// Whether anything is loading or being encoded: the spinner turns while so.
    pub fn busy(&self) -> bool {
        !self.pending.is_empty() || self.entries.values().any(|e| matches!(e, Entry::Loading))
    }

    pub fn frame(&self, key: &FrameKey) -> Option<&Result<Frame, String>> {
        self.frames.get(key)
    }

    /// Called by the view: `key` was needed and is not encoded yet.
    pub fn want(&self, key: FrameKey, image: &Arc<Loaded>) {
        if self.pending.contains(&key) {
            return;
        }
        if let Ok(mut wants) = self.wants.lock()
            && !wants.iter().any(|w| w.key == key)
        {
            wants.push(Want {
                key,
                image: Arc::clone(image),
            });
        }
    }

    /// The frames the last draw needed.
    pub fn take_wants(&self) -> Vec<Want> {
        self.wants
            .lock()
            .map(|mut w| std::mem::take(&mut *w))
            .unwrap_or_default()
    }

    /// Marks a frame as being encoded. False when it already is.
    pub fn start_frame(&mut self, key: &FrameKey) -> bool {
        !self.frames.contains_key(key) && self.pending.insert(key.clone())
    }

    pub fn finish_frame(&mut self, key: FrameKey, frame: Result<Frame, String>) {
        self.pending.remove(&key);
        if self.frames.insert(key.clone(), frame).is_none() {
            self.frame_order.push_back(key);
        }
        while self.frame_order.len() > MAX_FRAMES {
            if let Some(old) = self.frame_order.pop_front() {
                self.frames.remove(&old);
            }
        }
    }

    fn touch(&mut self, key: &str) {
        if let Some(i) = self.used.iter().position(|k| k == key) {
            self.used.remove(i);
        }
        self.used.push_back(key.to_string());
    }

    /// Drops the least recently wanted images until the pixels fit the budget. Loading entries
    /// stay: their answers are on the way.
    fn evict(&mut self) {
        let size = |e: &Entry| match e {
            Entry::Ready(image) => image.pixels.as_raw().len(),
            _ => 0,
        };
        let mut total: usize = self.entries.values().map(size).sum();
        let mut i = 0;
        while total > MAX_PIXEL_BYTES && i < self.used.len() {
            let key = self.used[i].clone();
            match self.entries.get(&key) {
                Some(Entry::Loading) => i += 1,
                Some(entry) => {
                    total -= size(entry);
                    self.entries.remove(&key);
                    self.used.remove(i);
                    self.frames.retain(|k, _| k.image != key);
                    self.frame_order.retain(|k| k.image != key);
                }
                None => {
                    self.used.remove(i);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn image() -> Arc<Loaded> {
        Arc::new(Loaded::picture(image::RgbaImage::new(2, 2), 16))
    }

    #[test]
    fn ready_images_by_prefix_come_newest_first() {
        let mut board = Board::new(Mode::Pixels, FontSize::new(10, 20));
        board.finish("pixels:a:0", Ok(image()));
        board.finish("pixels:b:0", Ok(image()));
        board.finish("pixels:a:1", Ok(image()));
        board.request("pixels:a:2");
        board.finish("pixels:a:3", Err("failed".into()));
        let keys: Vec<&str> = board
            .ready_with_prefix("pixels:a:")
            .map(|(k, _)| k)
            .collect();
        assert_eq!(keys, ["pixels:a:1", "pixels:a:0"]);
        // Asking for one again makes it the newest.
        board.request("pixels:a:0");
        let first = board.ready_with_prefix("pixels:a:").next().map(|(k, _)| k);
        assert_eq!(first, Some("pixels:a:0"));
    }
}
