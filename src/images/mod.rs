//! Campaign images: where an ImageUrl points, fetched within limits, decoded and resized off the
//! UI thread, cached in memory and on disk, and drawn with the terminal's best protocol.

pub mod board;
pub mod decode;
mod disk;
pub mod frame;
pub mod load;
pub mod resolve;

use std::fmt;
use std::time::Duration;

use crate::text::size_words;

pub use board::{Board, Entry, Frame, FrameKey, Mode, Want};
pub use decode::{Format, ImageInfo, Loaded, decode};
pub use load::Loader;
pub use resolve::{Location, resolve};

/// How images are drawn: the terminal's best protocol, half blocks, or not at all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Protocols {
    /// Kitty, sixel or iTerm2 when the terminal answers for one, else half blocks.
    #[default]
    Auto,
    Halfblocks,
    Off,
}

impl std::str::FromStr for Protocols {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim() {
            "auto" => Ok(Self::Auto),
            "halfblocks" => Ok(Self::Halfblocks),
            "off" => Ok(Self::Off),
            other => Err(format!(
                "{other:?} is not a way to draw images: auto, halfblocks or off"
            )),
        }
    }
}

/// How much an image may cost before it is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Largest file or download, in bytes.
    pub max_bytes: u64,
    /// For a whole download, redirects included.
    pub timeout: Duration,
    /// Largest width and height, in pixels.
    pub max_side: u32,
    /// Largest buffer the decoder may allocate, in bytes.
    pub max_alloc: u64,
}

pub const DEFAULT_MAX_BYTES: u64 = 5 * 1000 * 1000;

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: DEFAULT_MAX_BYTES,
            timeout: Duration::from_secs(10),
            max_side: 4096,
            // A 4096x4096 RGBA image and the decoder's working room.
            max_alloc: 96 * 1024 * 1024,
        }
    }
}

/// Why an image cannot be shown, in words for the slot and the details pane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImageError {
    /// `ftp:`, `javascript:`, `data:` …
    Scheme(String),
    BadUrl(String),
    /// A relative path, but the campaign did not come from a file.
    NoBase,
    RemoteOff,
    NotFound(String),
    Status(u16),
    TooLarge {
        bytes: Option<u64>,
        max: u64,
    },
    NotAnImage(String),
    TimedOut,
    Connect(String),
    Redirect(String),
    Read(String),
    Pixels {
        width: u32,
        height: u32,
        max: u32,
    },
    Broken(String),
}

impl fmt::Display for ImageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Scheme(s) => write!(
                f,
                "unsupported image URL ({s}…): only http, https and file are read"
            ),
            Self::BadUrl(e) => write!(f, "bad image URL: {e}"),
            Self::NoBase => f.write_str(
                "relative image path, but the campaign did not come from a file to be relative to",
            ),
            Self::RemoteOff => f.write_str("remote images are off (--no-remote-images)"),
            Self::NotFound(what) => write!(f, "not found: {what}"),
            Self::Status(code) => write!(f, "the server answered HTTP {code}"),
            Self::TooLarge {
                bytes: Some(b),
                max,
            } => write!(
                f,
                "image too large: {} > {}",
                size_words(*b),
                size_words(*max)
            ),
            Self::TooLarge { bytes: None, max } => {
                write!(f, "image too large: over {}", size_words(*max))
            }
            Self::NotAnImage(what) => write!(f, "not an image: {what}"),
            Self::TimedOut => f.write_str("timed out"),
            Self::Connect(e) => write!(f, "cannot connect: {e}"),
            Self::Redirect(e) => write!(f, "redirect refused: {e}"),
            Self::Read(e) => write!(f, "cannot read the image: {e}"),
            Self::Pixels { width, height, max } => {
                write!(f, "image too large: {width}x{height} pixels > {max}x{max}")
            }
            Self::Broken(e) => write!(f, "broken image: {e}"),
        }
    }
}

impl std::error::Error for ImageError {}

#[cfg(test)]
mod tests;
