//! Bytes to pixels, within limits: only PNG and JPEG, judged by their content, with the size
//! checked from the header before any pixel is decoded.

use std::fmt;
use std::io::Cursor;

use image::imageops::FilterType;
use image::{ImageError as DecodeError, ImageFormat, ImageReader, RgbaImage};

use super::{ImageError, Limits};

/// Pixels kept per image: enough for any slot on any screen, and bounded so the cache is.
pub const KEPT_SIDE: u32 = 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Png,
    Jpeg,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Png => "PNG",
            Self::Jpeg => "JPEG",
        })
    }
}

/// What the details pane says of an image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageInfo {
    pub width: u32,
    pub height: u32,
    pub bytes: u64,
    pub format: Format,
}

/// A decoded image: its facts, and its pixels shrunk to at most `KEPT_SIDE`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Loaded {
    pub info: ImageInfo,
    pub pixels: RgbaImage,
}

impl Loaded {
    /// A picture pinview drew itself, `bytes` long as a PNG.
    pub fn picture(pixels: RgbaImage, bytes: u64) -> Loaded {
        Loaded {
            info: ImageInfo {
                width: pixels.width(),
                height: pixels.height(),
                bytes,
                format: Format::Png,
            },
            pixels,
        }
    }
}

/// Which of the two allowed formats `bytes` are, by their first bytes.
pub fn sniff(bytes: &[u8]) -> Result<Format, ImageError> {
    match image::guess_format(bytes) {
        Ok(ImageFormat::Png) => Ok(Format::Png),
        Ok(ImageFormat::Jpeg) => Ok(Format::Jpeg),
        Ok(other) => Err(ImageError::NotAnImage(format!(
            "{} is not PNG or JPEG, the formats Pinpoint allows",
            other.extensions_str().first().unwrap_or(&"this format")
        ))),
        Err(_) if looks_like_html(bytes) => Err(ImageError::NotAnImage("an HTML page".into())),
        Err(_) => Err(ImageError::NotAnImage("neither PNG nor JPEG data".into())),
    }
}

fn looks_like_html(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(256)]).to_ascii_lowercase();
    let head = head.trim_start();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// Decodes `bytes`, refusing anything over the limits before decoding it.
pub fn decode(bytes: &[u8], limits: &Limits) -> Result<Loaded, ImageError> {
    let size = bytes.len() as u64;
    if size > limits.max_bytes {
        return Err(ImageError::TooLarge {
            bytes: Some(size),
            max: limits.max_bytes,
        });
    }
    let format = sniff(bytes)?;
    let image_format = match format {
        Format::Png => ImageFormat::Png,
        Format::Jpeg => ImageFormat::Jpeg,
    };
    let reader = || ImageReader::with_format(Cursor::new(bytes), image_format);
    let (width, height) = reader().into_dimensions().map_err(broken)?;
    if width > limits.max_side || height > limits.max_side {
        return Err(ImageError::Pixels {
            width,
            height,
            max: limits.max_side,
        });
    }
    let mut decode_limits = image::Limits::default();
    decode_limits.max_image_width = Some(limits.max_side);
    decode_limits.max_image_height = Some(limits.max_side);
    decode_limits.max_alloc = Some(limits.max_alloc);
    let mut reader = reader();
    reader.limits(decode_limits);
    let image = reader.decode().map_err(broken)?;
    let mut pixels = image.into_rgba8();
    if pixels.width() > KEPT_SIDE || pixels.height() > KEPT_SIDE {
        pixels = image::DynamicImage::ImageRgba8(pixels)
            .resize(KEPT_SIDE, KEPT_SIDE, FilterType::Triangle)
            .into_rgba8();
    }
    Ok(Loaded {
        info: ImageInfo {
            width,
            height,
            bytes: size,
            format,
        },
        pixels,
    })
}

fn broken(e: DecodeError) -> ImageError {
    match e {
        DecodeError::Limits(_) => ImageError::Broken(
            "decoding it would need more memory than pinview allows for one image".into(),
        ),
        DecodeError::IoError(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            ImageError::Broken("the file is cut short".into())
        }
        other => ImageError::Broken(other.to_string()),
    }
}
