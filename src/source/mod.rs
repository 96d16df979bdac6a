//! Where campaigns come from. Every source answers one question, `fetch(target)`: the campaigns
//! one endpoint of one application is eligible for, or a typed error a person can act on.

mod demo;
mod files;

use std::fmt;
use std::path::{Path, PathBuf};

pub use files::scan;

use crate::model::Campaign;
use crate::model::input::{ParseError, parse_campaigns};

/// One endpoint of one application.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Target {
    pub app: String,
    pub endpoint: String,
}

impl Target {
    pub fn new(app: impl Into<String>, endpoint: impl Into<String>) -> Self {
        Self {
            app: app.into(),
            endpoint: endpoint.into(),
        }
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} › {}", self.app, self.endpoint)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum SourceError {
    /// A path given by the user does not exist.
    Missing(PathBuf),
    /// A directory with nothing pinview can read in it.
    NoJson(PathBuf),
    Io {
        path: PathBuf,
        message: String,
    },
    /// A file that is not campaigns; the position is in the error.
    Parse {
        path: PathBuf,
        error: ParseError,
    },
    UnknownTarget(Target),
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing(p) => write!(f, "{}: no such file or directory", p.display()),
            Self::NoJson(p) => write!(
                f,
                "{}: no .json files here (expected <endpoint-id>.json or <app-id>/<endpoint-id>.json)",
                p.display()
            ),
            Self::Io { path, message } => write!(f, "{}: cannot read: {message}", path.display()),
            Self::Parse { path, error } => write!(
                f,
                "{}:{}:{}: {error}",
                path.display(),
                error.line(),
                error.column()
            ),
            Self::UnknownTarget(t) => {
                write!(f, "no endpoint {} in application {}", t.endpoint, t.app)
            }
        }
    }
}

impl std::error::Error for SourceError {}

/// Where the campaigns on screen come from.
#[derive(Clone, Debug)]
pub enum Source {
    /// The demo embedded in the binary.
    Demo,
    /// JSON files on disk, each one endpoint.
    Files(Vec<(Target, PathBuf)>),
}

impl Source {
    /// Opens files and directories, reading every file once so that a bad one is reported
    /// before anything is drawn.
    pub fn open_files(paths: &[PathBuf]) -> Result<Source, SourceError> {
        let entries = scan(paths)?;
        let source = Source::Files(entries);
        for target in source.targets() {
            source.fetch(&target)?;
        }
        Ok(source)
    }

    /// A short name for the status bar.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Demo => "demo",
            Self::Files(_) => "files",
        }
    }

    pub fn targets(&self) -> Vec<Target> {
        match self {
            Self::Demo => demo::targets(),
            Self::Files(entries) => entries.iter().map(|(t, _)| t.clone()).collect(),
        }
    }

    /// Reads one endpoint's campaigns. Local sources are quick enough to call from a blocking
    /// task; the TUI never calls this on its event loop.
    pub fn fetch(&self, target: &Target) -> Result<Vec<Campaign>, SourceError> {
        match self {
            Self::Demo => {
                let bytes =
                    demo::file(target).ok_or_else(|| SourceError::UnknownTarget(target.clone()))?;
                parse_at(
                    Path::new(&format!("demo/{}/{}.json", target.app, target.endpoint)),
                    bytes,
                )
            }
            Self::Files(entries) => {
                let (_, path) = entries
                    .iter()
                    .find(|(t, _)| t == target)
                    .ok_or_else(|| SourceError::UnknownTarget(target.clone()))?;
                let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
                parse_at(path, &bytes)
            }
        }
    }
}

fn parse_at(path: &Path, bytes: &[u8]) -> Result<Vec<Campaign>, SourceError> {
    parse_campaigns(bytes).map_err(|error| SourceError::Parse {
        path: path.to_path_buf(),
        error,
    })
}

fn io_error(path: &Path, err: std::io::Error) -> SourceError {
    if err.kind() == std::io::ErrorKind::NotFound {
        SourceError::Missing(path.to_path_buf())
    } else {
        SourceError::Io {
            path: path.to_path_buf(),
            message: err.to_string(),
        }
    }
}
