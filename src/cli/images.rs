//! The image flags of the TUI and `render`, merged with the config file's settings.

use clap::Args;

use crate::config;
use crate::images::{Limits, Protocols};
use crate::text::parse_byte_size;
use crate::tui::ImageOptions;

#[derive(Debug, Args, Clone, Default)]
pub struct ImageArgs {
    /// How to draw images: auto (the terminal's best of kitty, sixel and iTerm2, else coloured
    /// half blocks, which work everywhere), halfblocks, or off.
    #[arg(long, value_name = "auto|halfblocks|off", value_parser = parse_protocols)]
    pub images: Option<Protocols>,
    /// Never download images, for privacy or CI: the demo's pictures, local files and file://
    /// URLs are still shown.
    #[arg(long)]
    pub no_remote_images: bool,
    /// The largest image file or download, e.g. 800KB. Default: 5MB.
    #[arg(long, value_name = "SIZE", value_parser = parse_byte_size)]
    pub max_image_size: Option<u64>,
}

fn parse_protocols(text: &str) -> Result<Protocols, String> {
    text.parse()
}

impl ImageArgs {
    /// The flags, else the config file, else the defaults. A broken config file is an error:
    /// `remote_images = flase` must not quietly download.
    pub fn options(&self) -> Result<ImageOptions, String> {
        let config = config::load().map_err(|e| e.to_string())?;
        let config = config.as_ref();
        Ok(ImageOptions {
            protocols: self
                .images
                .or(config.and_then(|c| c.images))
                .unwrap_or_default(),
            remote: !self.no_remote_images && config.and_then(|c| c.remote_images).unwrap_or(true),
            limits: limits(
                self.max_image_size
                    .or(config.and_then(|c| c.max_image_size)),
            ),
        })
    }
}

/// The default limits with the size cap, if one is given.
pub fn limits(max_bytes: Option<u64>) -> Limits {
    let mut limits = Limits::default();
    if let Some(max) = max_bytes {
        limits.max_bytes = max;
    }
    limits
}
