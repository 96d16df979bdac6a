//! pinview's config file: where it lives, its TOML format, and the checks that make a [`Config`].
//!
//! The file is optional. It names Pinpoint targets so that a live source can be picked by name,
//! and sets defaults such as the refresh interval:
//!
//! ```toml
//! refresh = "30s"            # "off", "90" (seconds), "2m", "1h", "1m30s"; at least 1s
//! remote_images = true      # false: never download images (demo, files and file:// only)
//! images = "auto"            # "auto" (kitty, sixel, iTerm2, else half blocks), "halfblocks", "off"
//! max_image_size = "5MB"     # largest image file or download: "800KB", "5MB", 5000000
//!
//! [[target]]
//! name = "prod"              # required, unique
//! app = "5f3c0a..."          # required: the Pinpoint application id
//! region = "eu-west-1"
//! profile = "prod"
//! endpoint_url = "http://127.0.0.1:4566"
//! endpoints = ["ep-1", { id = "ep-2", label = "Alice's iPhone" }]
//! ```
//!
//! Unknown keys are errors, so a typo is reported with its position rather than ignored.

use std::ffi::OsString;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::images::Protocols;
pub use crate::text::{Refresh, parse_byte_size, parse_refresh};

mod parse;
mod settings;
pub use parse::parse;
pub use settings::{DEFAULT_REFRESH, Flags, Settings};

/// Names the config file explicitly; a missing file is then an error rather than "no config".
const CONFIG_ENV: &str = "PINVIEW_CONFIG";

/// A parsed and checked config file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The file it was read from, for messages that point back at it.
    pub path: PathBuf,
    pub refresh: Option<Refresh>,
    pub remote_images: Option<bool>,
    pub images: Option<Protocols>,
    pub max_image_size: Option<u64>,
    pub targets: Vec<TargetConfig>,
}

/// One `[[target]]`: a Pinpoint application and how to reach it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetConfig {
    pub name: String,
    pub app: String,
    pub region: Option<String>,
    pub profile: Option<String>,
    pub endpoint_url: Option<String>,
    pub endpoints: Vec<EndpointConfig>,
}

/// An endpoint of a target, with an optional human-readable label.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointConfig {
    pub id: String,
    pub label: Option<String>,
}

/// A config problem, positioned at the offending value when there is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based; 0 when the error has no position (e.g. the file cannot be read).
    pub line: usize,
    /// 1-based, counted in characters; 0 when the error has no position.
    pub column: usize,
    pub message: String,
}

impl ConfigError {
    fn whole_file(path: &Path, message: impl Into<String>) -> Self {
        Self {
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            message: message.into(),
        }
    }

    fn at(path: &Path, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let (line, column) = line_column(text, offset);
        Self {
            path: path.to_path_buf(),
            line,
            column,
            message: message.into(),
        }
    }

    fn from_toml(path: &Path, text: &str, error: &toml::de::Error) -> Self {
        // Only `message()`: the error's Display adds a multi-line snippet of its own.
        match error.span() {
            Some(span) => Self::at(path, text, span.start, error.message()),
            None => Self::whole_file(path, error.message()),
        }
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        if self.line == 0 {
            write!(f, "{path}: {}", self.message)
        } else {
            write!(f, "{path}:{}:{}: {}", self.line, self.column, self.message)
        }
    }
}

impl std::error::Error for ConfigError {}

/// 1-based line and character column of byte `offset` in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    // Spans come from the parser, but clamp anyway so a bad offset cannot panic the slicing.
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + 1;
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

// ---------------------------------------------------------------------------------------------
// Location

/// The config file: `$PINVIEW_CONFIG`, else `$XDG_CONFIG_HOME/pinview/config.toml`, else
/// `$HOME/.config/pinview/config.toml`; `None` when none of these can be formed.
pub fn config_path() -> Option<PathBuf> {
    config_path_in(|name| std::env::var_os(name))
}

/// The cache directory: `$XDG_CACHE_HOME/pinview`, else `$HOME/.cache/pinview`.
pub fn cache_dir() -> Option<PathBuf> {
    cache_dir_in(|name| std::env::var_os(name))
}

// The `_in` variants take the environment as a function so tests need not mutate the process's.
fn config_path_in(env: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    if let Some(explicit) = non_empty(&env, CONFIG_ENV) {
        return Some(PathBuf::from(explicit));
    }
    base_dir(&env, "XDG_CONFIG_HOME", ".config").map(|dir| dir.join("pinview").join("config.toml"))
}

fn cache_dir_in(env: impl Fn(&str) -> Option<OsString>) -> Option<PathBuf> {
    base_dir(&env, "XDG_CACHE_HOME", ".cache").map(|dir| dir.join("pinview"))
}

/// An XDG base directory: `$xdg_var`, else `$HOME/home_fallback`.
fn base_dir(
    env: &impl Fn(&str) -> Option<OsString>,
    xdg_var: &str,
    home_fallback: &str,
) -> Option<PathBuf> {
    // The XDG spec says relative values are invalid and must be ignored.
    let xdg = non_empty(env, xdg_var)
        .map(PathBuf::from)
        .filter(|dir| dir.is_absolute());
    xdg.or_else(|| non_empty(env, "HOME").map(|home| PathBuf::from(home).join(home_fallback)))
}

fn non_empty(env: &impl Fn(&str) -> Option<OsString>, name: &str) -> Option<OsString> {
    env(name).filter(|value| !value.is_empty())
}

// ---------------------------------------------------------------------------------------------
// Loading

/// Reads the config file at [`config_path`]. A missing file is `Ok(None)`, unless
/// `$PINVIEW_CONFIG` named it: then the user expects it to be there.
pub fn load() -> Result<Option<Config>, ConfigError> {
    load_in(|name| std::env::var_os(name))
}

fn load_in(env: impl Fn(&str) -> Option<OsString>) -> Result<Option<Config>, ConfigError> {
    let explicit = non_empty(&env, CONFIG_ENV).is_some();
    let Some(path) = config_path_in(env) else {
        return Ok(None);
    };
    match std::fs::read(&path) {
        Ok(bytes) => parse_bytes(&path, bytes).map(Some),
        Err(e) if e.kind() == io::ErrorKind::NotFound && !explicit => Ok(None),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(ConfigError::whole_file(
            &path,
            format!("{CONFIG_ENV} names this file, but it does not exist"),
        )),
        Err(e) => Err(ConfigError::whole_file(
            &path,
            format!("cannot read the config file: {e}"),
        )),
    }
}

fn parse_bytes(path: &Path, bytes: Vec<u8>) -> Result<Config, ConfigError> {
    match String::from_utf8(bytes) {
        Ok(text) => parse(path, &text),
        Err(e) => {
            // Point at the bad byte: the text up to it is valid, so positions are well defined.
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(&e.as_bytes()[..valid]);
            Err(ConfigError::at(
                path,
                &text,
                valid,
                "the file is not valid UTF-8",
            ))
        }
    }
}

#[cfg(test)]
mod tests;
