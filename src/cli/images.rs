//! The image flags of the TUI and `render`; `Settings` merges them with the config file's.

use clap::Args;

use crate::config::Flags;
use crate::images::Protocols;
use crate::text::parse_byte_size;

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
    /// What these flags say; the config file and defaults fill the rest in `Settings`.
    pub fn flags(&self) -> Flags {
        Flags {
            images: self.images,
            remote_images: self.no_remote_images.then_some(false),
            max_image_size: self.max_image_size,
            ..Flags::default()
        }
    }
}
