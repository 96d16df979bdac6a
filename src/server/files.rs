//! The images `pinview serve` names in its replies: the demo's pictures at `/images/{name}`, and
//! PNG and JPEG files inside a served folder at `/files/{*path}`, read again on each request.

use std::io::Read;
use std::path::{Path as FsPath, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

use super::{Catalog, Shared, error, links, log};
use crate::images::decode::{Format, sniff};
use crate::images::{DEFAULT_MAX_BYTES, resolve::embedded_bytes};
use crate::text::clean;
use crate::text::size_words;

pub const IMAGES_ROUTE: &str = "/images/{name}";
pub const FILES_ROUTE: &str = "/files/{*path}";

/// One of the demo's pictures; they never change, so clients may keep them an hour.
pub(super) async fn demo_image(
    State(shared): State<Arc<Shared>>,
    name: Result<Path<String>, PathRejection>,
    uri: Uri,
) -> Response {
    let found = name
        .ok()
        .and_then(|Path(name)| embedded_bytes(&name))
        .and_then(|bytes| Some((bytes, sniff(bytes).ok()?)));
    match found {
        Some((bytes, format)) => {
            let response = image(Bytes::from_static(bytes), format, "public, max-age=3600");
            served(response, &uri, bytes.len())
        }
        None => not_found(&shared, &uri, "not one of the demo's images"),
    }
}

/// A PNG or JPEG inside the served folder, read now so edits show; anything else is not found.
pub(super) async fn folder_file(
    State(shared): State<Arc<Shared>>,
    path: Result<Path<String>, PathRejection>,
    uri: Uri,
) -> Response {
    let (Catalog::Dir { root, .. }, Ok(Path(path))) = (&shared.catalog, path) else {
        return not_found(&shared, &uri, "no folder is served");
    };
    let root = root.clone();
    let read = tokio::task::spawn_blocking(move || read_inside(&root, &path)).await;
    match read.unwrap_or_else(|e| Err(e.to_string())) {
        Ok((bytes, format)) => {
            let size = bytes.len();
            served(image(bytes, format, "no-cache"), &uri, size)
        }
        Err(why) => not_found(&shared, &uri, &why),
    }
}

/// The bytes of `path` (slash-separated, from the URL) under `root`, if it is a servable image
/// that is really inside `root`, symlinks followed.
fn read_inside(root: &FsPath, path: &str) -> Result<(Bytes, Format), String> {
    let parts: Vec<&str> = path.split('/').collect();
    if !links::is_servable(&parts) {
        return Err("not a PNG or JPEG path inside the served folder".into());
    }
    let file: PathBuf = parts.iter().fold(root.to_path_buf(), |p, s| p.join(s));
    let file = file.canonicalize().map_err(|e| e.to_string())?;
    let root = root.canonicalize().map_err(|e| e.to_string())?;
    if !file.starts_with(&root) {
        return Err("leads outside the served folder".into());
    }
    let opened = std::fs::File::open(&file).map_err(|e| e.to_string())?;
    let meta = opened.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err("not a file".into());
    }
    let too_large = || format!("larger than {}", size_words(DEFAULT_MAX_BYTES));
    if meta.len() > DEFAULT_MAX_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    opened
        .take(DEFAULT_MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > DEFAULT_MAX_BYTES {
        return Err(too_large());
    }
    let format = sniff(&bytes).map_err(|e| e.to_string())?;
    Ok((Bytes::from(bytes), format))
}

fn image(bytes: Bytes, format: Format, cache: &'static str) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    let kind = match format {
        Format::Png => "image/png",
        Format::Jpeg => "image/jpeg",
    };
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

/// The image's size, for the log line.
fn served(response: Response, uri: &Uri, size: usize) -> Response {
    let what = format!("{}: {}", clean(uri.path()), size_words(size as u64));
    log::noted(response, what, None)
}

/// Why is logged; the client only hears that there is no image there.
fn not_found(shared: &Shared, uri: &Uri, why: &str) -> Response {
    let path = uri.path();
    let response = error(
        StatusCode::NOT_FOUND,
        "NotFoundException",
        &format!("no image at {path}"),
        &shared.request_id(),
    );
    let what = format!("{}: not found: {}", clean(path), clean(why));
    log::noted(response, what, None)
}
