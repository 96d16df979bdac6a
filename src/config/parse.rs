//! The config file's TOML as written, and the checks that turn it into a [`Config`], each error
//! positioned at the value it is about.

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use serde::de::value::MapAccessDeserializer;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use toml::Spanned;

use super::{Config, ConfigError, EndpointConfig, TargetConfig, line_column};
use crate::images::Protocols;
use crate::text::{Refresh, parse_byte_size, parse_refresh};

/// The file as written; spans are kept on the values that are checked after parsing.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    refresh: Option<Spanned<String>>,
    remote_images: Option<bool>,
    images: Option<Spanned<String>>,
    max_image_size: Option<Spanned<ByteSize>>,
    #[serde(default, rename = "target")]
    targets: Vec<RawTarget>,
}

/// `max_image_size = "5MB"`, or a bare number of bytes as TOML writes one.
enum ByteSize {
    Text(String),
    Bytes(i64),
}

impl<'de> Deserialize<'de> for ByteSize {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Size;
        impl serde::de::Visitor<'_> for Size {
            type Value = ByteSize;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a size such as \"5MB\" or \"800KB\", or a number of bytes")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ByteSize, E> {
                Ok(ByteSize::Text(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<ByteSize, E> {
                Ok(ByteSize::Bytes(v))
            }
        }
        d.deserialize_any(Size)
    }
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
    let max_image_size =
        raw.max_image_size
            .as_ref()
            .map(|r| match r.get_ref() {
                ByteSize::Text(text) => {
                    parse_byte_size(text).map_err(|message| source.error(r.span(), message))
                }
                ByteSize::Bytes(n) => parse_byte_size(&n.to_string())
                    .map_err(|message| source.error(r.span(), message)),
            })
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
