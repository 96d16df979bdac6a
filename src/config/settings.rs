//! One `Settings` for a run: the flags, then the config file, then the defaults, merged once so
//! every command reads the same values.

use std::time::Duration;

use super::Config;
use crate::images::{Limits, Protocols};
use crate::rules::platform::Platform;
use crate::text::Refresh;

/// How often live sources are fetched again unless told otherwise.
pub const DEFAULT_REFRESH: Duration = Duration::from_secs(30);

/// What the command line said, each `None` when it said nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    pub platform: Option<Platform>,
    pub refresh: Option<Refresh>,
    pub images: Option<Protocols>,
    /// `Some(true)` for `--remote-images`, `Some(false)` for `--no-remote-images`.
    pub remote_images: Option<bool>,
    pub max_image_size: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    pub platform: Platform,
    /// `--refresh`, for every source.
    refresh_flag: Option<Refresh>,
    /// The file's `refresh`, for live sources: files are watched and the demo never changes.
    refresh_file: Option<Refresh>,
    pub images: Protocols,
    /// `None` when neither the flags nor the file chose: the command decides (the TUI
    /// downloads, `render` does not, so a frame never depends on the network by default).
    pub remote_images: Option<bool>,
    pub limits: Limits,
    /// The file the settings came from, read once; its targets name live sources.
    pub config: Option<Config>,
}

impl Settings {
    /// The flags, else the file, else the defaults.
    pub fn merge(flags: Flags, config: Option<Config>) -> Self {
        let file = config.as_ref();
        let mut limits = Limits::default();
        if let Some(max) = flags.max_image_size.or(file.and_then(|c| c.max_image_size)) {
            limits.max_bytes = max;
        }
        Self {
            platform: flags.platform.unwrap_or_default(),
            refresh_flag: flags.refresh,
            refresh_file: file.and_then(|c| c.refresh),
            images: flags
                .images
                .or(file.and_then(|c| c.images))
                .unwrap_or_default(),
            remote_images: flags.remote_images.or(file.and_then(|c| c.remote_images)),
            limits,
            config,
        }
    }

    /// How often to fetch again: the flag; else, for a source pinview cannot watch (live
    /// data), the file's or every 30 s; else never (files are watched, the demo never changes).
    pub fn refresh(&self, remote: bool) -> Option<Duration> {
        let chosen = match (self.refresh_flag, remote) {
            (Some(r), _) => r,
            (None, true) => self.refresh_file.unwrap_or(Refresh::Every(DEFAULT_REFRESH)),
            (None, false) => Refresh::Off,
        };
        match chosen {
            Refresh::Off => None,
            Refresh::Every(d) => Some(d),
        }
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self::merge(Flags::default(), None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn file(text: &str) -> Option<Config> {
        Some(super::super::parse(Path::new("config.toml"), text).unwrap())
    }

    #[test]
    fn flags_beat_the_file_and_the_file_beats_defaults() {
        let config = file(
            "refresh = \"2m\"\nremote_images = false\nimages = \"off\"\nmax_image_size = \"800KB\"\n",
        );
        let from_file = Settings::merge(Flags::default(), config.clone());
        assert_eq!(from_file.refresh(true), Some(Duration::from_secs(120)));
        assert_eq!(
            from_file.refresh(false),
            None,
            "files are watched, not polled"
        );
        assert_eq!(from_file.remote_images, Some(false));
        assert_eq!(from_file.images, Protocols::Off);
        assert_eq!(from_file.limits.max_bytes, 800_000);
        let flags = Flags {
            refresh: Some(Refresh::Off),
            images: Some(Protocols::Halfblocks),
            remote_images: Some(true),
            max_image_size: Some(1_000),
            platform: Some(Platform::Ios),
        };
        let from_flags = Settings::merge(flags, config);
        assert_eq!(from_flags.refresh(true), None);
        assert_eq!(from_flags.remote_images, Some(true));
        assert_eq!(from_flags.images, Protocols::Halfblocks);
        assert_eq!(from_flags.limits.max_bytes, 1_000);
        assert_eq!(from_flags.platform, Platform::Ios);
    }

    #[test]
    fn without_a_choice_only_live_sources_refresh() {
        let defaults = Settings::default();
        assert_eq!(defaults.refresh(true), Some(DEFAULT_REFRESH));
        assert_eq!(defaults.refresh(false), None);
        assert_eq!(defaults.remote_images, None);
        assert_eq!(defaults.limits, Limits::default());
    }
}
