//! Where an ImageUrl points: the demo's embedded pictures, a local file (a `file://` URL or a
//! path relative to the JSON file that names it), or the network.

use std::fmt;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use url::Url;

use super::ImageError;

static DEMO_IMAGES: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/assets/demo/images");

/// The host the demo's ImageUrls name; it never resolves, so they are answered from the binary.
pub const DEMO_HOST: &str = "demo.pinview.invalid";

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Location {
    /// One of the demo's pictures, by file name.
    Embedded(&'static str),
    File(PathBuf),
    Remote(Url),
}

impl Location {
    /// A stable name for caches and the board.
    pub fn key(&self) -> String {
        match self {
            Self::Embedded(name) => format!("demo:{name}"),
            Self::File(path) => format!("file:{}", path.display()),
            Self::Remote(url) => url.as_str().to_string(),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Embedded(name) => write!(f, "https://{DEMO_HOST}/images/{name}"),
            Self::File(path) => write!(f, "{}", path.display()),
            Self::Remote(url) => f.write_str(url.as_str()),
        }
    }
}

/// Resolves `raw` as written in a campaign. `base` is the folder of the JSON file it came from;
/// without one, a relative path cannot be resolved.
pub fn resolve(raw: &str, base: Option<&Path>) -> Result<Location, ImageError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(ImageError::BadUrl("it is empty".into()));
    }
    match Url::parse(raw) {
        Ok(url) => from_url(url),
        Err(url::ParseError::RelativeUrlWithoutBase) => from_path(raw, base),
        Err(e) => Err(ImageError::BadUrl(e.to_string())),
    }
}

fn from_url(url: Url) -> Result<Location, ImageError> {
    match url.scheme() {
        "http" | "https" => {
            if url.host_str() == Some(DEMO_HOST) {
                return embedded(&url);
            }
            Ok(Location::Remote(url))
        }
        "file" => url
            .to_file_path()
            .map(Location::File)
            .map_err(|()| ImageError::BadUrl("a file URL must name a local absolute path".into())),
        other => Err(ImageError::Scheme(format!("{other}:"))),
    }
}

fn embedded(url: &Url) -> Result<Location, ImageError> {
    let name = url
        .path()
        .strip_prefix("/images/")
        .filter(|n| !n.contains('/'));
    name.and_then(|n| DEMO_IMAGES.get_file(n))
        .and_then(|f| f.path().to_str())
        .map(Location::Embedded)
        .ok_or_else(|| ImageError::NotFound(format!("{url} is not one of the demo's images")))
}

fn from_path(raw: &str, base: Option<&Path>) -> Result<Location, ImageError> {
    match relative_path(raw) {
        Some(path) => Ok(Location::File(base.ok_or(ImageError::NoBase)?.join(path))),
        None => Ok(Location::File(PathBuf::from(raw.trim()))),
    }
}

/// `raw` as a path relative to the JSON file that names it: no scheme, not absolute.
pub fn relative_path(raw: &str) -> Option<&Path> {
    let raw = raw.trim();
    let path = Path::new(raw);
    let no_scheme = matches!(
        Url::parse(raw),
        Err(url::ParseError::RelativeUrlWithoutBase)
    );
    (no_scheme && !path.is_absolute()).then_some(path)
}

/// The bytes of one of the demo's pictures.
pub fn embedded_bytes(name: &str) -> Option<&'static [u8]> {
    DEMO_IMAGES.get_file(name).map(|f| f.contents())
}
