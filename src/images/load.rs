//! Gets an image's bytes from where it lives, politely and within limits, then decodes them on
//! the blocking pool so no caller's thread ever waits on pixels.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use reqwest::header::{ACCEPT, CONTENT_TYPE, USER_AGENT};
use reqwest::redirect;
use url::Url;

use super::disk::DiskCache;
use super::resolve::embedded_bytes;
use super::{ImageError, Limits, Loaded, Location, decode};

const MAX_REDIRECTS: usize = 5;

/// Loads images for one run of pinview. Cheap to clone; clones share the HTTP client.
#[derive(Clone, Debug)]
pub struct Loader {
    /// Built at the first download: reading the system's certificates costs a run that never
    /// downloads (a file, the demo) a few megabytes and milliseconds.
    client: Arc<OnceLock<Result<reqwest::Client, String>>>,
    limits: Limits,
    remote: bool,
    disk: Option<DiskCache>,
}

impl Loader {
    /// `remote` allows the network; `cache` is the folder for downloaded images, if any.
    pub fn new(limits: Limits, remote: bool, cache: Option<PathBuf>) -> Self {
        Self {
            client: Arc::default(),
            limits,
            remote,
            disk: cache.map(DiskCache::new),
        }
    }

    fn client(&self) -> Result<&reqwest::Client, ImageError> {
        let timeout = self.limits.timeout;
        self.client
            .get_or_init(|| {
                reqwest::Client::builder()
                    .redirect(redirect::Policy::custom(|attempt| {
                        if attempt.previous().len() > MAX_REDIRECTS {
                            attempt.error(format!("more than {MAX_REDIRECTS} redirects"))
                        } else if !matches!(attempt.url().scheme(), "http" | "https") {
                            let to = format!("{}:", attempt.url().scheme());
                            attempt.error(format!("to {to}; only http and https are followed"))
                        } else {
                            attempt.follow()
                        }
                    }))
                    .connect_timeout(Duration::from_secs(3).min(timeout))
                    .build()
                    .map_err(|e| e.to_string())
            })
            .as_ref()
            .map_err(|e| ImageError::Connect(e.clone()))
    }

    /// Whether this loader may use the network.
    pub fn remote(&self) -> bool {
        self.remote
    }

    /// Fetches and decodes the image at `at`. A download is kept on disk only once it has
    /// decoded, so a half-uploaded file is fetched again next time.
    pub async fn load(&self, at: &Location) -> Result<Loaded, ImageError> {
        let (bytes, downloaded) = match at {
            Location::Remote(url) => self.remote_bytes(url).await?,
            _ => (self.bytes(at).await?, false),
        };
        let limits = self.limits;
        let disk = self.disk.clone().filter(|_| downloaded);
        let key = at.key();
        tokio::task::spawn_blocking(move || {
            let loaded = decode(&bytes, &limits)?;
            if let Some(disk) = disk {
                disk.put(&key, &bytes);
            }
            Ok(loaded)
        })
        .await
        .map_err(|e| ImageError::Broken(format!("the decoder stopped: {e}")))?
    }

    /// The image's bytes, not yet decoded.
    pub async fn bytes(&self, at: &Location) -> Result<Vec<u8>, ImageError> {
        match at {
            Location::Embedded(name) => embedded_bytes(name)
                .map(<[u8]>::to_vec)
                .ok_or_else(|| ImageError::NotFound(format!("demo image {name}"))),
            Location::File(path) => self.read_file(path.clone()).await,
            Location::Remote(url) => self.remote_bytes(url).await.map(|(bytes, _)| bytes),
        }
    }

    async fn read_file(&self, path: PathBuf) -> Result<Vec<u8>, ImageError> {
        let max = self.limits.max_bytes;
        let shown = path.display().to_string();
        let meta = tokio::fs::metadata(&path)
            .await
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => ImageError::NotFound(shown.clone()),
                _ => ImageError::Read(format!("{shown}: {e}")),
            })?;
        if !meta.is_file() {
            return Err(ImageError::Read(format!("{shown} is not a file")));
        }
        if meta.len() > max {
            return Err(ImageError::TooLarge {
                bytes: Some(meta.len()),
                max,
            });
        }
        tokio::fs::read(&path)
            .await
            .map_err(|e| ImageError::Read(format!("{shown}: {e}")))
    }

    /// The bytes from the disk cache, or downloaded (then `true`).
    async fn remote_bytes(&self, url: &Url) -> Result<(Vec<u8>, bool), ImageError> {
        if !self.remote {
            return Err(ImageError::RemoteOff);
        }
        let max = self.limits.max_bytes;
        if let Some(disk) = self.disk.clone() {
            let key = url.as_str().to_string();
            let cached = tokio::task::spawn_blocking(move || disk.get(&key, max)).await;
            if let Ok(Some(bytes)) = cached {
                return Ok((bytes, false));
            }
        }
        let bytes = tokio::time::timeout(self.limits.timeout, self.download(url))
            .await
            .map_err(|_| ImageError::TimedOut)??;
        Ok((bytes, true))
    }

    async fn download(&self, url: &Url) -> Result<Vec<u8>, ImageError> {
        let client = self.client()?;
        let max = self.limits.max_bytes;
        let mut response = client
            .get(url.clone())
            .header(ACCEPT, "image/png, image/jpeg")
            .header(USER_AGENT, concat!("pinview/", env!("CARGO_PKG_VERSION")))
            .send()
            .await
            .map_err(request_error)?;
        let status = response.status();
        if status == reqwest::StatusCode::NOT_FOUND || status == reqwest::StatusCode::GONE {
            return Err(ImageError::NotFound(format!(
                "{} (HTTP {})",
                response.url(),
                status.as_u16()
            )));
        }
        if !status.is_success() {
            return Err(ImageError::Status(status.as_u16()));
        }
        if let Some(kind) = response.headers().get(CONTENT_TYPE) {
            check_content_type(&String::from_utf8_lossy(kind.as_bytes()))?;
        }
        if let Some(len) = response.content_length().filter(|&l| l > max) {
            return Err(ImageError::TooLarge {
                bytes: Some(len),
                max,
            });
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(request_error)? {
            if body.len() as u64 + chunk.len() as u64 > max {
                return Err(ImageError::TooLarge { bytes: None, max });
            }
            body.extend_from_slice(&chunk);
        }
        Ok(body)
    }
}

/// Pinpoint allows PNG and JPEG; anything else is refused before its body is read.
fn check_content_type(value: &str) -> Result<(), ImageError> {
    let essence = value
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "image/png" | "image/jpeg" | "image/jpg" => Ok(()),
        // Some servers label everything so; the bytes are checked anyway.
        "application/octet-stream" | "binary/octet-stream" => Ok(()),
        "" => Ok(()),
        other if other.starts_with("image/") => Err(ImageError::NotAnImage(format!(
            "{other} is not PNG or JPEG, the formats Pinpoint allows"
        ))),
        other => Err(ImageError::NotAnImage(other.to_string())),
    }
}

fn request_error(e: reqwest::Error) -> ImageError {
    if e.is_timeout() {
        return ImageError::TimedOut;
    }
    let cause = innermost(&e);
    if e.is_redirect() {
        ImageError::Redirect(cause)
    } else if e.is_connect() {
        ImageError::Connect(cause)
    } else {
        ImageError::Read(cause)
    }
}

/// The root cause's words: reqwest's own message only says which URL failed.
fn innermost(e: &(dyn std::error::Error + 'static)) -> String {
    let mut current = e;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_png_and_jpeg_content_types_pass() {
        assert!(check_content_type("image/png").is_ok());
        assert!(check_content_type("IMAGE/JPEG; charset=binary").is_ok());
        assert!(check_content_type("application/octet-stream").is_ok());
        assert_eq!(
            check_content_type("text/html; charset=utf-8")
                .unwrap_err()
                .to_string(),
            "not an image: text/html"
        );
        assert!(
            check_content_type("image/webp")
                .unwrap_err()
                .to_string()
                .contains("image/webp is not PNG or JPEG")
        );
    }
}
