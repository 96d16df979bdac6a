//! pinview's config file: where it lives, its TOML format, and the checks that make a [`Config`].
//!
//! The file is optional. It names Pinpoint targets so that a live source can be picked by name,
//! and sets defaults such as the refresh interval:
//!
//! ```toml
//! refresh = "30s"            # "off", "90" (seconds), "2m", "1h", "1m30s"; at least 1s
//! remote_images = true      # false: never download images (demo, files and file:// only)
//! images = "auto"            # "auto" (kitty, sixel, iTerm2, else half blocks), "halfblocks", "off"
//! max_image_size = "5MB"     # largest image file or download: "800KB", "5MB", "5000000"
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

use std::collections::HashMap;
use std::ffi::OsString;
use std::fmt;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use toml::Spanned;

use crate::images::Protocols;
pub use crate::text::{Refresh, parse_byte_size, parse_refresh};

mod settings;
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

// ---------------------------------------------------------------------------------------------
// Parsing

/// The file as written; spans are kept on the values that are checked after parsing.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    refresh: Option<Spanned<String>>,
    remote_images: Option<bool>,
    images: Option<Spanned<String>>,
    max_image_size: Option<Spanned<String>>,
    #[serde(default, rename = "target")]
    targets: Vec<RawTarget>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTarget {
    name: Spanned<String>,
    app: Spanned<String>,
    region: Option<String>,
    profile: Option<String>,
    endpoint_url: Option<Spanned<String>>,
    #[serde(default)]
    endpoints: Vec<Spanned<RawEndpoint>>,
}

/// `"ep-1"` or `{ id = "ep-1", label = "..." }`.
enum RawEndpoint {
    Id(String),
    Table(RawEndpointTable),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEndpointTable {
    id: Spanned<String>,
    label: Option<String>,
}

// By hand rather than `#[serde(untagged)]`: untagged buffers the value, which loses toml's spans
// and replaces the real error with "did not match any variant".
impl<'de> Deserialize<'de> for RawEndpoint {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(EndpointVisitor)
    }
}

struct EndpointVisitor;

impl<'de> Visitor<'de> for EndpointVisitor {
    type Value = RawEndpoint;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an endpoint id or a table { id, label }")
    }

    fn visit_str<E: de::Error>(self, id: &str) -> Result<RawEndpoint, E> {
        Ok(RawEndpoint::Id(id.to_owned()))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawEndpoint, A::Error> {
        RawEndpointTable::deserialize(MapAccessDeserializer::new(map)).map(RawEndpoint::Table)
    }
}

/// Parses and checks config text; `path` is only used in errors and kept in the [`Config`].
pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
    let raw: RawConfig =
        toml::from_str(text).map_err(|e| ConfigError::from_toml(path, text, &e))?;
    let source = Source { path, text };
    let refresh = raw
        .refresh
        .as_ref()
        .map(|r| source.refresh(r))
        .transpose()?;
    let images = raw
        .images
        .as_ref()
        .map(|r| source.checked(r, str::parse::<Protocols>))
        .transpose()?;
    let max_image_size = raw
        .max_image_size
        .as_ref()
        .map(|r| source.checked(r, parse_byte_size))
        .transpose()?;
    source.check_unique_names(&raw.targets)?;
    let targets = raw
        .targets
        .into_iter()
        .map(|t| source.target(t))
        .collect::<Result<_, _>>()?;
    Ok(Config {
        path: path.to_path_buf(),
        refresh,
        remote_images: raw.remote_images,
        images,
        max_image_size,
        targets,
    })
}

/// The text being checked, so that errors can be positioned.
struct Source<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Source<'_> {
    fn error(&self, span: Range<usize>, message: impl Into<String>) -> ConfigError {
        ConfigError::at(self.path, self.text, span.start, message)
    }

    fn refresh(&self, raw: &Spanned<String>) -> Result<Refresh, ConfigError> {
        self.checked(raw, parse_refresh)
    }

    /// A string value through its parser, an error pointing at the value.
    fn checked<T>(
        &self,
        raw: &Spanned<String>,
        parse: impl FnOnce(&str) -> Result<T, String>,
    ) -> Result<T, ConfigError> {
        parse(raw.get_ref()).map_err(|message| self.error(raw.span(), message))
    }

    fn check_unique_names(&self, targets: &[RawTarget]) -> Result<(), ConfigError> {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for target in targets {
            let span = target.name.span();
            if let Some(&first) = seen.get(target.name.get_ref().as_str()) {
                let (line, _) = line_column(self.text, first);
                let message = format!(
                    "target name {:?} is already used on line {line}",
                    target.name.get_ref()
                );
                return Err(self.error(span, message));
            }
            seen.insert(target.name.get_ref(), span.start);
        }
        Ok(())
    }

    fn target(&self, raw: RawTarget) -> Result<TargetConfig, ConfigError> {
        let name = self.required(raw.name, "name")?;
        let app = self.required(raw.app, "app (the Pinpoint application id)")?;
        let endpoint_url = raw
            .endpoint_url
            .map(|url| self.endpoint_url(url))
            .transpose()?;
        let endpoints = raw
            .endpoints
            .into_iter()
            .map(|e| self.endpoint(e))
            .collect::<Result<_, _>>()?;
        Ok(TargetConfig {
            name,
            app,
            region: raw.region,
            profile: raw.profile,
            endpoint_url,
            endpoints,
        })
    }

    fn required(&self, raw: Spanned<String>, what: &str) -> Result<String, ConfigError> {
        if raw.get_ref().trim().is_empty() {
            return Err(self.error(raw.span(), format!("the target's {what} must not be empty")));
        }
        Ok(raw.into_inner())
    }

    fn endpoint_url(&self, raw: Spanned<String>) -> Result<String, ConfigError> {
        let url = raw.get_ref();
        let rest = strip_prefix_ignore_case(url, "https://")
            .or_else(|| strip_prefix_ignore_case(url, "http://"));
        if rest.is_none_or(str::is_empty) {
            let message = format!(
                "endpoint_url {url:?} is not an http:// or https:// URL: \
                 write e.g. http://127.0.0.1:4566"
            );
            return Err(self.error(raw.span(), message));
        }
        Ok(raw.into_inner())
    }

    fn endpoint(&self, raw: Spanned<RawEndpoint>) -> Result<EndpointConfig, ConfigError> {
        // A bare string's position is the string itself; in a table, point at the id.
        let string_span = raw.span();
        let (id, span, label) = match raw.into_inner() {
            RawEndpoint::Id(id) => (id, string_span, None),
            RawEndpoint::Table(table) => (table.id.get_ref().clone(), table.id.span(), table.label),
        };
        check_endpoint_id(&id).map_err(|message| self.error(span, message))?;
        Ok(EndpointConfig { id, label })
    }
}

/// Endpoint ids end up in request paths and cache file names, so keep them to plain text.
fn check_endpoint_id(id: &str) -> Result<(), String> {
    if id.is_empty() {
        Err("an endpoint id must not be empty".to_owned())
    } else if id.contains('/') {
        Err(format!("endpoint id {id:?} must not contain '/'"))
    } else if id.chars().any(char::is_control) {
        Err(format!(
            "endpoint id {id:?} must not contain control characters"
        ))
    } else {
        Ok(())
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests;
