//! Where campaigns come from. Every source answers one question, `fetch(target)`: the campaigns
//! one endpoint of one application is eligible for, or a typed error a person can act on.

pub mod aws;
mod aws_model;
pub(crate) mod demo;
mod files;
pub mod watch;

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use std::time::Duration;

pub use aws::{AwsClient, AwsOptions};
pub use files::{Files, folder_of, scan};

use crate::model::Campaign;
use crate::model::input::{ParseError, parse_campaigns};
use crate::model::stream::{ReadError, read_campaigns};
pub use crate::model::{Target, is_safe_id};

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
    /// aws-config found no region for a live source.
    NoRegion,
    NoCredentials {
        detail: String,
    },
    AccessDenied {
        target: Target,
        message: String,
    },
    /// The service says the application or the endpoint does not exist.
    NotFound {
        target: Target,
        message: String,
    },
    Throttled {
        message: String,
    },
    Connect {
        url: String,
        detail: String,
    },
    TimedOut {
        url: String,
        after: Duration,
    },
    /// Any other error the service named.
    Service {
        url: String,
        /// The HTTP status: a 5xx is the server's failure and may pass.
        status: u16,
        code: String,
        message: String,
    },
    /// A reply that is not a Pinpoint response.
    BadReply {
        url: String,
        detail: String,
    },
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
            Self::NoRegion => f.write_str(
                "no AWS region: pass --region, set AWS_REGION, or set region in your profile",
            ),
            Self::NoCredentials { detail } => write!(
                f,
                "no AWS credentials found: pass --profile, set AWS_PROFILE or AWS_ACCESS_KEY_ID, or run `aws sso login` ({detail})"
            ),
            Self::AccessDenied { target, message } => write!(
                f,
                "access denied to application {}: the credentials need mobiletargeting:GetInAppMessages ({})",
                target.app,
                said(message)
            ),
            Self::NotFound { target, message } => write!(
                f,
                "application {} or endpoint {} not found: check --app and --endpoint ({})",
                target.app,
                target.endpoint,
                said(message)
            ),
            Self::Throttled { message } => write!(
                f,
                "throttled: too many requests; pinview retries with backoff, or raise --refresh ({})",
                said(message)
            ),
            Self::Connect { url, detail } => write!(
                f,
                "cannot connect to {url}: {detail}; is the server running and --endpoint-url right?"
            ),
            Self::TimedOut { url, after } => write!(
                f,
                "timed out after {}s waiting for {url}; check the network, or pass a longer --timeout",
                after.as_secs_f32()
            ),
            Self::Service {
                url, code, message, ..
            } => {
                write!(f, "{url} answered with {code} ({})", said(message))
            }
            Self::BadReply { url, detail } => {
                write!(
                    f,
                    "{url} sent a reply that is not a Pinpoint response: {detail}"
                )
            }
        }
    }
}

impl std::error::Error for SourceError {}

impl SourceError {
    /// Whether asking again later can succeed: a timeout, throttling, a refused connection or a
    /// server's own failure can pass; missing credentials, denied access, unknown ids, no region
    /// and bad files wait for a person.
    pub fn retry_can_help(&self) -> bool {
        match self {
            Self::Throttled { .. }
            | Self::Connect { .. }
            | Self::TimedOut { .. }
            | Self::BadReply { .. } => true,
            Self::Service { status, .. } => *status >= 500,
            Self::Missing(_)
            | Self::NoJson(_)
            | Self::Io { .. }
            | Self::Parse { .. }
            | Self::UnknownTarget(_)
            | Self::NoRegion
            | Self::NoCredentials { .. }
            | Self::AccessDenied { .. }
            | Self::NotFound { .. } => false,
        }
    }
}

/// The service's own words, or a note that it gave none.
fn said(message: &str) -> String {
    if message.is_empty() {
        "no message from the service".into()
    } else {
        format!("the service said: {message}")
    }
}

/// Where the campaigns on screen come from.
#[derive(Clone, Debug)]
pub enum Source {
    /// The demo embedded in the binary.
    Demo,
    /// JSON files on disk, each one endpoint.
    Files(Files),
    /// Pinpoint's API, through the SDK.
    Live(Live),
    /// Campaigns a program already holds, by endpoint: for library users' own tests.
    Memory(Vec<(Target, Vec<Campaign>)>),
}

/// Live endpoints, each application with the client configured for it.
#[derive(Clone, Debug, Default)]
pub struct Live {
    pub clients: Vec<(String, AwsClient)>,
    pub targets: Vec<Target>,
    /// Names people gave endpoints in the config file.
    pub labels: BTreeMap<Target, String>,
}

impl Source {
    /// Opens files and directories, reading every file once so that a bad one is reported
    /// before anything is drawn.
    pub fn open_files(paths: &[PathBuf]) -> Result<Source, SourceError> {
        let dirs = paths.iter().filter(|p| p.is_dir()).cloned().collect();
        Ok(Source::Files(Files::open(scan(paths)?, dirs)?))
    }

    /// A short name for the status bar.
    pub fn label(&self) -> String {
        match self {
            Self::Demo => "demo".into(),
            Self::Files(_) => "files".into(),
            Self::Memory(_) => "memory".into(),
            Self::Live(live) => {
                let urls: Vec<&str> = live
                    .clients
                    .iter()
                    .map(|(_, c)| short_url(c.url()))
                    .collect();
                match urls.as_slice() {
                    [one] => one.to_string(),
                    _ => "live".into(),
                }
            }
        }
    }

    pub fn targets(&self) -> Vec<Target> {
        match self {
            Self::Demo => demo::targets(),
            Self::Files(files) => files.entries().into_iter().map(|(t, _)| t).collect(),
            Self::Live(live) => live.targets.clone(),
            Self::Memory(entries) => entries.iter().map(|(t, _)| t.clone()).collect(),
        }
    }

    /// The name the config file gives an endpoint.
    pub fn endpoint_label(&self, target: &Target) -> Option<&str> {
        match self {
            Self::Live(live) => live.labels.get(target).map(String::as_str),
            _ => None,
        }
    }

    /// Whether data can change without pinview noticing, so it should be polled.
    pub fn is_remote(&self) -> bool {
        matches!(self, Self::Live(_))
    }

    /// The folder an endpoint's relative ImageUrls are resolved from: its JSON file's.
    pub fn image_base(&self, target: &Target) -> Option<PathBuf> {
        self.files()?.image_base(target)
    }

    /// The files to watch for changes, when this is a file source.
    pub fn files(&self) -> Option<&Files> {
        match self {
            Self::Files(files) => Some(files),
            _ => None,
        }
    }

    /// One endpoint's campaigns.
    pub async fn fetch(&self, target: &Target) -> Result<Vec<Campaign>, SourceError> {
        match self {
            Self::Live(live) => {
                let client = live
                    .clients
                    .iter()
                    .find(|(app, _)| *app == target.app)
                    .or(live.clients.first())
                    .map(|(_, c)| c)
                    .ok_or_else(|| SourceError::UnknownTarget(target.clone()))?;
                client.fetch(target).await
            }
            Self::Files(files) => {
                if let Some(campaigns) = files.take_primed(target) {
                    return Ok(campaigns);
                }
                let path = files.path(target)?;
                // A large file takes a tenth of a second to read: off the runtime's threads.
                let at = path.clone();
                tokio::task::spawn_blocking(move || read_again(&at))
                    .await
                    .map_err(|e| SourceError::Io {
                        path,
                        message: e.to_string(),
                    })?
            }
            local => local.fetch_local(target),
        }
    }

    /// Reads a local source without a runtime; live sources answer `UnknownTarget`.
    pub fn fetch_local(&self, target: &Target) -> Result<Vec<Campaign>, SourceError> {
        match self {
            Self::Demo => {
                let bytes =
                    demo::file(target).ok_or_else(|| SourceError::UnknownTarget(target.clone()))?;
                parse_at(
                    Path::new(&format!("demo/{}/{}.json", target.app, target.endpoint)),
                    bytes,
                )
            }
            Self::Files(files) => {
                if let Some(campaigns) = files.take_primed(target) {
                    return Ok(campaigns);
                }
                read_again(&files.path(target)?)
            }
            Self::Memory(entries) => entries
                .iter()
                .find(|(t, _)| t == target)
                .map(|(_, c)| c.clone())
                .ok_or_else(|| SourceError::UnknownTarget(target.clone())),
            Self::Live(_) => Err(SourceError::UnknownTarget(target.clone())),
        }
    }
}

fn short_url(url: &str) -> &str {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    rest.trim_end_matches('/')
}

fn parse_at(path: &Path, bytes: &[u8]) -> Result<Vec<Campaign>, SourceError> {
    parse_campaigns(bytes).map_err(|error| SourceError::Parse {
        path: path.to_path_buf(),
        error,
    })
}

/// Reads a file again for a fetch after the first. A pipe's fetches are answered by what
/// opening read (`Files::take_primed`); reading it again would wait for a writer that is gone.
fn read_again(path: &Path) -> Result<Vec<Campaign>, SourceError> {
    if files::is_pipe(path) {
        return Err(SourceError::Io {
            path: path.to_path_buf(),
            message: "a pipe is read once; what it held is shown".into(),
        });
    }
    read_at(path)
}

/// Reads a file's campaigns a chunk at a time: the file's bytes and its campaigns are never
/// held together.
fn read_at(path: &Path) -> Result<Vec<Campaign>, SourceError> {
    let mut file = std::fs::File::open(path).map_err(|e| io_error(path, e))?;
    if !file.metadata().is_ok_and(|m| m.is_file()) {
        // A pipe (`--file <(aws pinpoint …)`) cannot be read again to say where an error is:
        // it is read whole.
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut file, &mut bytes).map_err(|e| io_error(path, e))?;
        return parse_at(path, &bytes);
    }
    read_campaigns(file).map_err(|e| match e {
        ReadError::Io(e) => io_error(path, e),
        ReadError::Parse(error) => SourceError::Parse {
            path: path.to_path_buf(),
            error,
        },
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
