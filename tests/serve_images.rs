//! `pinview serve` serves the images its replies name: the demo's pictures, and PNG and JPEG
//! files inside a served folder, never anything else.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;

use pinview::images::resolve::embedded_bytes;
use pinview::server::{Catalog, Server};
use pinview::source::Target;

const DEMO_IMAGES: &str = "https://demo.pinview.invalid/images/";

async fn serve(catalog: Catalog) -> Server {
    Server::start(catalog, "127.0.0.1:0".parse::<SocketAddr>().unwrap())
        .await
        .unwrap()
}

fn http() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

async fn get(url: &str) -> reqwest::Response {
    http().get(url).send().await.unwrap()
}

/// Every ImageUrl in a reply, in order.
fn image_urls(body: &[u8]) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_slice(body).unwrap();
    json["InAppMessageCampaigns"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["InAppMessage"]["Content"].as_array().cloned())
        .flatten()
        .filter_map(|card| card["ImageUrl"].as_str().map(str::to_string))
        .collect()
}

/// The status of a request sent byte for byte, so `..` and `%2F` reach the server unchanged.
fn raw_status(addr: SocketAddr, path: &str) -> u16 {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = Vec::new();
    let _ = stream.read_to_end(&mut reply);
    String::from_utf8_lossy(&reply)
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_replies_name_this_server_and_it_serves_the_embedded_pictures() {
    let server = serve(Catalog::demo()).await;
    let prefix = format!("{}/images/", server.url());
    let reply = get(&format!(
        "{}/v1/apps/demo-app/endpoints/android-pixel/inappmessages",
        server.url()
    ))
    .await;
    assert_eq!(reply.status(), 200);
    let body = reply.bytes().await.unwrap();
    // Apart from the image URLs, the very bytes of the demo's reply.
    let campaigns = pinview::source::Source::Demo
        .fetch_local(&Target::new("demo-app", "android-pixel"))
        .unwrap();
    let demo = String::from_utf8(pinview::model::input::api_body_bytes(&campaigns)).unwrap();
    assert!(demo.contains(DEMO_IMAGES));
    assert_eq!(
        String::from_utf8(body.to_vec()).unwrap(),
        demo.replace(DEMO_IMAGES, &prefix)
    );
    let urls = image_urls(&body);
    assert_eq!(urls.len(), 5);
    assert!(urls.iter().all(|u| u.starts_with(&prefix)), "{urls:?}");
    let winter = format!("{prefix}winter-sale.png");
    assert!(urls.contains(&winter), "{urls:?}");
    let image = get(&winter).await;
    assert_eq!(image.status(), 200);
    assert_eq!(image.headers()["content-type"], "image/png");
    assert_eq!(image.headers()["cache-control"], "public, max-age=3600");
    assert_eq!(
        image.bytes().await.unwrap().as_ref(),
        embedded_bytes("winter-sale.png").unwrap()
    );
    assert_eq!(get(&format!("{prefix}nope.png")).await.status(), 404);
    assert_eq!(
        get(&format!(
            "{}/files/demo-app/android-pixel.json",
            server.url()
        ))
        .await
        .status(),
        404,
        "no folder is served in demo mode"
    );
    server.stop().await.unwrap();
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_served_folder_names_its_images_by_url_and_serves_only_images_inside_it() {
    let home = tempfile::tempdir().unwrap();
    let root = home.path().join("served");
    let png = embedded_bytes("gift-1.png").unwrap();
    let other_png = embedded_bytes("gift-2.png").unwrap();
    write(&root.join("shop/images/a.png"), png);
    write(&root.join("shop/.hidden.png"), png);
    write(&root.join("shop/.git/b.png"), png);
    write(&root.join("shop/notes.txt"), b"not an image");
    write(&root.join("shop/page.png"), b"<!doctype html><p>hello</p>");
    let mut huge = png.to_vec();
    huge.resize(pinview::images::DEFAULT_MAX_BYTES as usize + 1, 0);
    write(&root.join("shop/huge.png"), &huge);
    write(&home.path().join("secret.png"), png);
    #[cfg(unix)]
    std::os::unix::fs::symlink(home.path().join("secret.png"), root.join("shop/link.png")).unwrap();
    let file_url = format!("file://{}", root.join("shop/images/a.png").display());
    let untouched = [
        "https://example.com/b.png",
        file_url.as_str(),
        "../../secret.png",
        "/etc/x.png",
        ".hidden.png",
        "notes.txt",
        "link.png",
    ];
    let cards: Vec<String> = std::iter::once("images/a.png")
        .chain(untouched)
        .map(|url| format!(r#"{{"ImageUrl":{url:?}}}"#))
        .collect();
    let json = format!(
        r#"{{"InAppMessageCampaigns":[{{"CampaignId":"c","InAppMessage":{{"Layout":"CAROUSEL","Content":[{}]}}}}]}}"#,
        cards.join(",")
    );
    write(&root.join("shop/user-1.json"), json.as_bytes());

    let server = serve(Catalog::dir(&root).unwrap()).await;
    let reply = get(&format!(
        "{}/v1/apps/shop/endpoints/user-1/inappmessages",
        server.url()
    ))
    .await;
    assert_eq!(reply.status(), 200);
    let urls = image_urls(&reply.bytes().await.unwrap());
    let served = format!("{}/files/shop/images/a.png", server.url());
    assert_eq!(urls[0], served);
    #[cfg(unix)]
    assert_eq!(urls[1..], untouched, "passed on exactly as written");

    let image = get(&served).await;
    assert_eq!(image.status(), 200);
    assert_eq!(image.headers()["content-type"], "image/png");
    assert_eq!(image.bytes().await.unwrap().as_ref(), png);
    // Read on each request: an edit shows at once.
    write(&root.join("shop/images/a.png"), other_png);
    assert_eq!(
        get(&served).await.bytes().await.unwrap().as_ref(),
        other_png
    );

    let addr = server.addr();
    assert_eq!(raw_status(addr, "/files/shop/images/a.png"), 200);
    for path in [
        "/files/shop/../../secret.png",
        "/files/shop%2F..%2F..%2Fsecret.png",
        "/files/%2E%2E/secret.png",
        "/files/shop/.hidden.png",
        "/files/shop/.git/b.png",
        "/files/shop/link.png",
        "/files/shop/notes.txt",
        "/files/shop/page.png",
        "/files/shop/huge.png",
        "/files/shop/user-1.json",
        "/files/shop/images",
        "/files/shop/missing.png",
        "/files/shop%5Cimages%5Ca.png",
        "/files/shop/images/a.png%00.png",
    ] {
        assert_eq!(raw_status(addr, path), 404, "{path}");
    }
    server.stop().await.unwrap();
}
