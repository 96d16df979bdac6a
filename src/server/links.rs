//! ImageUrls a client of `pinview serve` can fetch: the demo's pictures and images beside a
//! served file are named by this server's `/images/` and `/files/` routes, with the host each
//! request came in on. Everything else is passed on exactly as written.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::body::Bytes;
use axum::http::{HeaderMap, Uri, header};
use url::Url;

use crate::images::resolve::relative_path;
use crate::images::{Location, resolve};
use crate::model::input::api_body_bytes;
use crate::model::is_safe_id;
use crate::model::{Campaign, Content};

/// The only files `/files/` serves, by extension; their bytes are checked too.
pub const IMAGE_EXTENSIONS: [&str; 3] = ["png", "jpg", "jpeg"];

/// The served folder and the application folder a JSON file sits in, to resolve relative
/// ImageUrls from.
pub struct Folder<'a> {
    pub root: &'a Path,
    pub app: &'a str,
}

/// A reply body cut where the serving host goes: `pieces[0] host pieces[1] host …`.
#[derive(Debug)]
pub struct Linked {
    pieces: Vec<Bytes>,
}

impl Linked {
    pub fn with_host(&self, host: &str) -> Bytes {
        let size = self.pieces.iter().map(Bytes::len).sum::<usize>()
            + host.len() * (self.pieces.len() - 1);
        let mut out = Vec::with_capacity(size);
        for (i, piece) in self.pieces.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(host.as_bytes());
            }
            out.extend_from_slice(piece);
        }
        Bytes::from(out)
    }
}

/// The API body for `campaigns` as written, and, when any ImageUrl names something this server
/// serves, the same body with those URLs pointing here.
pub fn bodies(
    mut campaigns: Vec<Campaign>,
    folder: Option<&Folder>,
) -> (Bytes, Option<Arc<Linked>>) {
    let plain = serialize(&campaigns);
    let served: Vec<Vec<Option<String>>> = campaigns
        .iter()
        .map(|c| {
            cards(c)
                .iter()
                .map(|card| {
                    card.image_url
                        .as_deref()
                        .and_then(|raw| served_path(raw, folder))
                })
                .collect()
        })
        .collect();
    let count = served.iter().flatten().flatten().count();
    if count == 0 {
        return (plain, None);
    }
    // A stand-in host, found again after serializing; the count proves nothing else matched.
    let seed = RandomState::new();
    for attempt in 0u64..8 {
        let marker = format!("pinview-host-{:016x}", seed.hash_one(attempt));
        // Rewritten in place: the plain body is already written, and a large list is not copied.
        for (campaign, paths) in campaigns.iter_mut().zip(&served) {
            let cards = campaign
                .in_app_message
                .as_mut()
                .and_then(|m| m.content.as_mut());
            for (card, path) in cards.into_iter().flatten().zip(paths) {
                if let Some(path) = path {
                    card.image_url = Some(format!("http://{marker}{path}").into());
                }
            }
        }
        let body = serialize(&campaigns);
        let pieces: Vec<Bytes> = split(&body, marker.as_bytes());
        if pieces.len() == count + 1 {
            return (plain, Some(Arc::new(Linked { pieces })));
        }
    }
    (plain, None)
}

fn cards(campaign: &Campaign) -> &[Content] {
    campaign
        .in_app_message
        .as_ref()
        .and_then(|m| m.content.as_deref())
        .unwrap_or_default()
}

fn serialize(campaigns: &[Campaign]) -> Bytes {
    Bytes::from(api_body_bytes(campaigns))
}

fn split(body: &Bytes, marker: &[u8]) -> Vec<Bytes> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i + marker.len() <= body.len() {
        if &body[i..i + marker.len()] == marker {
            pieces.push(body.slice(start..i));
            i += marker.len();
            start = i;
        } else {
            i += 1;
        }
    }
    pieces.push(body.slice(start..));
    pieces
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
    fn a_linked_body_differs_only_in_the_rewritten_urls() {
        let json = r#"[{"CampaignId":"pinview-host-","InAppMessage":{"Content":[
            {"ImageUrl":"https://demo.pinview.invalid/images/premium.png"},
            {"ImageUrl":"https://example.com/b.png"}]}}]"#;
        let campaigns = crate::model::input::parse_campaigns(json.as_bytes()).unwrap();
        let (plain, linked) = bodies(campaigns, None);
        let linked = linked.unwrap().with_host("127.0.0.1:9");
        let expected = String::from_utf8_lossy(&plain).replace(
            "https://demo.pinview.invalid/images/",
            "http://127.0.0.1:9/images/",
        );
        assert_eq!(String::from_utf8_lossy(&linked), expected);
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
