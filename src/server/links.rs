//! ImageUrls a client of `pinview serve` can fetch: the demo's pictures and images beside a
//! served file are named by this server's `/images/` and `/files/` routes, with the host each
//! request came in on. Everything else is passed on exactly as written.

use std::path::{Component, Path, PathBuf};

use axum::http::{HeaderMap, Uri, header};
use url::Url;

use crate::images::resolve::relative_path;
use crate::images::{Location, resolve};
use crate::model::is_safe_id;

/// The only files `/files/` serves, by extension; their bytes are checked too.
pub const IMAGE_EXTENSIONS: [&str; 3] = ["png", "jpg", "jpeg"];

/// The served folder and the application folder a JSON file sits in, to resolve relative
/// ImageUrls from.
pub struct Folder<'a> {
    pub root: &'a Path,
    pub app: &'a str,
}

/// The path on this server that serves the image `raw` names, if it is one of the demo's
/// pictures, or (in a served folder) a PNG or JPEG path relative to the JSON file that stays
/// inside the folder. `http(s)` and `file:` URLs and absolute paths are never served.
pub fn served_path(raw: &str, folder: Option<&Folder>) -> Option<String> {
    if let Ok(Location::Embedded(name)) = resolve(raw, None) {
        return Some(encode("images", &[name]));
    }
    let folder = folder?;
    let mut inside: Vec<&str> = vec![folder.app];
    for part in relative_path(raw)?.components() {
        match part {
            Component::Normal(s) => inside.push(s.to_str()?),
            Component::CurDir => {}
            Component::ParentDir => {
                inside.pop()?;
            }
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    if !is_servable(&inside) {
        return None;
    }
    // A file that is there must really be inside the folder, symlinks followed.
    let file: PathBuf = inside
        .iter()
        .fold(folder.root.to_path_buf(), |p, s| p.join(s));
    if let (Ok(file), Ok(root)) = (file.canonicalize(), folder.root.canonicalize())
        && !file.starts_with(root)
    {
        return None;
    }
    Some(encode("files", &inside))
}

/// Path components `/files/` may serve: safe names, none hidden, an image extension last.
pub fn is_servable(parts: &[&str]) -> bool {
    let Some(last) = parts.last() else {
        return false;
    };
    let extension = Path::new(last)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    parts.iter().all(|p| is_safe_id(p))
        && extension.is_some_and(|e| IMAGE_EXTENSIONS.contains(&e.as_str()))
}

/// `/route/seg/seg`, each segment percent-encoded.
fn encode(route: &str, segments: &[&str]) -> String {
    let mut url = Url::parse("http://x/").expect("a valid base URL");
    if let Ok(mut path) = url.path_segments_mut() {
        path.clear().push(route).extend(segments);
    }
    url.path().to_string()
}

/// The host a client reached this server by: the request's `Host` (or its URI's authority)
/// when it looks like host[:port], else the address the server is bound to.
pub fn request_host(headers: &HeaderMap, uri: &Uri, bound: &str) -> String {
    let given = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| uri.authority().map(|a| a.as_str()));
    match given {
        Some(host) if is_plausible_host(host) => host.to_string(),
        _ => bound.to_string(),
    }
}

fn is_plausible_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 255
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b".-:[]".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_urls_name_the_images_route_and_others_pass_through() {
        let demo = "https://demo.pinview.invalid/images/winter-sale.png";
        assert_eq!(
            served_path(demo, None).as_deref(),
            Some("/images/winter-sale.png")
        );
        for raw in [
            "https://demo.pinview.invalid/images/nope.png",
            "https://example.com/a.png",
            "file:///etc/passwd",
            "images/a.png",
        ] {
            assert_eq!(served_path(raw, None), None, "{raw}");
        }
    }

    #[test]
    fn relative_paths_stay_inside_the_folder_and_are_encoded() {
        let root = tempfile::tempdir().unwrap();
        let folder = Folder {
            root: root.path(),
            app: "shop",
        };
        let path = |raw| served_path(raw, Some(&folder));
        assert_eq!(
            path("images/a.png").as_deref(),
            Some("/files/shop/images/a.png")
        );
        assert_eq!(
            path("./a b%.JPG").as_deref(),
            Some("/files/shop/a%20b%25.JPG")
        );
        assert_eq!(path("../logo.jpeg").as_deref(), Some("/files/logo.jpeg"));
        for raw in [
            "../../x.png",
            "/etc/x.png",
            ".hidden/a.png",
            "a\\b.png",
            "notes.txt",
            "file:///tmp/a.png",
            "http://example.com/a.png",
        ] {
            assert_eq!(path(raw), None, "{raw}");
        }
    }

    #[test]
    fn only_plausible_hosts_are_echoed() {
        let host = |h: &str| {
            let mut headers = HeaderMap::new();
            headers.insert(header::HOST, h.parse().unwrap());
            request_host(&headers, &Uri::from_static("/"), "127.0.0.1:1")
        };
        assert_eq!(host("localhost:8080"), "localhost:8080");
        assert_eq!(host("[::1]:4590"), "[::1]:4590");
        assert_eq!(host("evil.com/\"><x"), "127.0.0.1:1");
        assert_eq!(host("a b"), "127.0.0.1:1");
    }
}
