//! Campaign images fetched as the TUI fetches them (`resolve`, then `Loader::load`) from a small
//! HTTP server on 127.0.0.1 that this file starts: successes, refusals and hostile replies, each
//! ending in the words the slot shows; redirects; the disk cache; and files on disk.

use std::path::Path;
use std::time::Duration;

use pinview::images::{Format, ImageError, Limits, Loaded, Loader, Location, resolve};
use pinview::text::size_words;

use crate::image_server::{Site, picture};

fn loader() -> Loader {
    Loader::new(Limits::default(), true, None)
}

/// The words a failed load ends in.
async fn words(loader: &Loader, at: &Location) -> String {
    match loader.load(at).await {
        Ok(loaded) => panic!("{at} loaded: {:?}", loaded.info),
        Err(e) => e.to_string(),
    }
}

/// Cache entries written to `dir`, temporary files included.
fn cached_files(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| entries.count())
}

#[track_caller]
fn assert_ok_png(loaded: &Loaded, png: &[u8]) {
    assert_eq!(
        (loaded.info.width, loaded.info.height, loaded.info.format),
        (300, 200, Format::Png)
    );
    assert_eq!(loaded.info.bytes, png.len() as u64);
    assert_eq!(loaded.pixels.dimensions(), (300, 200));
}

#[tokio::test]
async fn png_and_jpeg_load_with_their_size_and_format() {
    let site = Site::start().await;
    let loader = loader();
    let png = loader.load(&site.at("/ok.png")).await.unwrap();
    assert_ok_png(&png, site.png());
    // The pixels are the picture's, not a placeholder's.
    assert_eq!(
        png.pixels.get_pixel(299, 199).0[..3],
        picture(300, 200).get_pixel(299, 199).0
    );
    let jpeg = loader.load(&site.at("/ok.jpg")).await.unwrap();
    assert_eq!(
        (jpeg.info.width, jpeg.info.height, jpeg.info.format),
        (120, 80, Format::Jpeg)
    );
    assert_eq!(jpeg.info.bytes, site.jpeg().len() as u64);
    // No Content-Type: the bytes decide.
    let unlabelled = loader.load(&site.at("/unlabelled.png")).await.unwrap();
    assert_ok_png(&unlabelled, site.png());
    assert_eq!(site.requests(), 3);
}

#[tokio::test]
async fn a_missing_image_is_not_found_with_its_http_status() {
    let site = Site::start().await;
    let said = words(&loader(), &site.at("/missing.png")).await;
    assert!(said.starts_with("not found: "), "{said}");
    assert_eq!(
        said,
        format!("not found: {} (HTTP 404)", site.url("/missing.png"))
    );
    assert_eq!(site.hits("/missing.png"), 1);
}

#[tokio::test(start_paused = true)]
async fn a_slow_reply_times_out_after_ten_seconds_not_an_hour() {
    let site = Site::start().await;
    let started = tokio::time::Instant::now();
    let said = words(&loader(), &site.at("/slow.png")).await;
    let waited = started.elapsed();
    assert_eq!(said, "timed out");
    assert!(
        waited >= Duration::from_secs(10) && waited < Duration::from_secs(11),
        "waited {waited:?}"
    );
    // It was the reply that was slow: the request got there.
    assert_eq!(site.hits("/slow.png"), 1);
}

#[tokio::test]
async fn a_web_page_is_not_an_image() {
    let site = Site::start().await;
    let loader = loader();
    assert_eq!(
        words(&loader, &site.at("/page.png")).await,
        "not an image: text/html"
    );
    // Labelled image/png, but a page all the same: the bytes are checked too.
    assert_eq!(
        words(&loader, &site.at("/fake.png")).await,
        "not an image: an HTML page"
    );
}

#[tokio::test]
async fn an_oversize_body_is_refused_by_its_length_without_reading_it() {
    let site = Site::start().await;
    // The body never ends: only a refusal from the headers answers before the timeout.
    let limits = Limits {
        timeout: Duration::from_secs(5),
        ..Limits::default()
    };
    let loader = Loader::new(limits, true, None);
    assert_eq!(
        words(&loader, &site.at("/big.png")).await,
        "image too large: 12.4 MB > 5 MB"
    );
}

#[tokio::test]
async fn an_oversize_body_of_unknown_length_is_cut_off_at_the_cap() {
    let site = Site::start().await;
    let limits = Limits {
        timeout: Duration::from_secs(5),
        ..Limits::default()
    };
    let loader = Loader::new(limits, true, None);
    assert_eq!(
        words(&loader, &site.at("/endless.png")).await,
        "image too large: over 5 MB"
    );
}

#[tokio::test]
async fn the_size_cap_is_configurable() {
    let site = Site::start().await;
    let size = site.png().len() as u64;
    assert!(size > 1000, "the test picture is {size} bytes");
    let tight = Loader::new(
        Limits {
            max_bytes: 1000,
            ..Limits::default()
        },
        true,
        None,
    );
    assert_eq!(
        words(&tight, &site.at("/ok.png")).await,
        format!("image too large: {} > 1 KB", size_words(size))
    );
    // The same image under the default cap.
    assert!(loader().load(&site.at("/ok.png")).await.is_ok());
}

#[tokio::test]
async fn truncated_and_oversized_images_end_in_words() {
    let site = Site::start().await;
    let loader = loader();
    let cut = words(&loader, &site.at("/cut.png")).await;
    assert!(cut.starts_with("broken image: "), "{cut}");
    assert_eq!(
        words(&loader, &site.at("/huge.png")).await,
        "image too large: 20000x20000 pixels > 4096x4096"
    );
}

#[tokio::test]
async fn redirects_are_followed_to_http_only() {
    let site = Site::start().await;
    let loader = loader();
    let loaded = loader.load(&site.at("/to-ok")).await.unwrap();
    assert_ok_png(&loaded, site.png());
    assert_eq!((site.hits("/to-ok"), site.hits("/ok.png")), (1, 1));

    for (path, scheme) in [("/to-ftp", "ftp:"), ("/to-javascript", "javascript:")] {
        let said = words(&loader, &site.at(path)).await;
        assert_eq!(
            said,
            format!("redirect refused: to {scheme}; only http and https are followed")
        );
    }
    assert_eq!(site.requests(), 4, "nothing is fetched after a refusal");
}

#[tokio::test]
async fn up_to_five_redirects_are_followed_and_a_loop_is_refused() {
    let site = Site::start().await;
    let loader = loader();
    let loaded = loader.load(&site.at("/hop/4")).await.unwrap();
    assert_ok_png(&loaded, site.png());
    assert_eq!(site.hits("/ok.png"), 1);

    let said = words(&loader, &site.at("/loop")).await;
    assert_eq!(said, "redirect refused: more than 5 redirects");
    // The first request and the five redirects followed; the sixth is refused.
    assert_eq!(site.hits("/loop"), 6);
}

#[tokio::test]
async fn no_remote_images_never_touches_the_network() {
    let site = Site::start().await;
    let dir = tempfile::tempdir().unwrap();
    let off = Loader::new(Limits::default(), false, Some(dir.path().to_path_buf()));
    assert!(!off.remote());
    for path in ["/ok.png", "/missing.png", "/to-ok"] {
        assert_eq!(
            words(&off, &site.at(path)).await,
            "remote images are off (--no-remote-images)"
        );
        assert_eq!(off.bytes(&site.at(path)).await, Err(ImageError::RemoteOff));
    }
    assert_eq!(site.requests(), 0);
    // Files still load.
    let file = dir.path().join("local.png");
    std::fs::write(&file, site.png()).unwrap();
    let loaded = off.load(&Location::File(file)).await.unwrap();
    assert_ok_png(&loaded, site.png());
}

#[tokio::test]
async fn the_disk_cache_survives_a_restart() {
    let site = Site::start().await;
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("images");
    let first = Loader::new(Limits::default(), true, Some(cache.clone()));
    let loaded = first.load(&site.at("/ok.png")).await.unwrap();
    assert_ok_png(&loaded, site.png());
    assert_eq!(site.hits("/ok.png"), 1);
    assert_eq!(cached_files(&cache), 1);

    // A refresh, then a restart: a new Loader on the same folder.
    let again = first.load(&site.at("/ok.png")).await.unwrap();
    assert_ok_png(&again, site.png());
    let restarted = Loader::new(Limits::default(), true, Some(cache.clone()));
    let loaded = restarted.load(&site.at("/ok.png")).await.unwrap();
    assert_ok_png(&loaded, site.png());
    assert_eq!(
        site.hits("/ok.png"),
        1,
        "the cached image was fetched again"
    );

    // A different URL is a different entry.
    restarted.load(&site.at("/ok.jpg")).await.unwrap();
    assert_eq!(site.hits("/ok.jpg"), 1);
    assert_eq!(cached_files(&cache), 2);
}

#[tokio::test]
async fn failures_and_non_images_are_not_cached() {
    let site = Site::start().await;
    let dir = tempfile::tempdir().unwrap();
    let cache = dir.path().join("images");
    // Broken and oversized images too: a half-uploaded file must be fetched again.
    for path in [
        "/missing.png",
        "/page.png",
        "/fake.png",
        "/cut.png",
        "/huge.png",
    ] {
        for _ in 0..2 {
            let loader = Loader::new(Limits::default(), true, Some(cache.clone()));
            words(&loader, &site.at(path)).await;
        }
        assert_eq!(site.hits(path), 2, "{path} was answered from the cache");
    }
    assert_eq!(cached_files(&cache), 0);
}

#[tokio::test]
async fn other_url_schemes_are_refused_before_any_request() {
    let site = Site::start().await;
    for (url, scheme) in [
        ("javascript:alert(1)", "javascript:"),
        ("ftp://example.com/a.png", "ftp:"),
    ] {
        let e = resolve(url, None).unwrap_err();
        assert_eq!(e, ImageError::Scheme(scheme.into()));
        let said = e.to_string();
        assert!(
            said.starts_with(&format!("unsupported image URL ({scheme}…)")),
            "{said}"
        );
        assert!(
            said.ends_with("only http, https and file are read"),
            "{said}"
        );
    }
    assert_eq!(site.requests(), 0);
}

#[tokio::test]
async fn files_load_by_url_and_by_path_relative_to_the_campaign() {
    let site = Site::start().await;
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("images")).unwrap();
    let file = dir.path().join("images").join("ok.png");
    std::fs::write(&file, site.png()).unwrap();
    let loader = loader();

    let by_url = url::Url::from_file_path(&file).unwrap().to_string();
    let at = resolve(&by_url, None).unwrap();
    assert_eq!(at, Location::File(file.clone()));
    assert_ok_png(&loader.load(&at).await.unwrap(), site.png());

    let at = resolve("images/ok.png", Some(dir.path())).unwrap();
    assert_ok_png(&loader.load(&at).await.unwrap(), site.png());

    let at = resolve("images/gone.png", Some(dir.path())).unwrap();
    assert_eq!(
        words(&loader, &at).await,
        format!(
            "not found: {}",
            dir.path().join("images/gone.png").display()
        )
    );
    // The size cap holds for files too.
    let tight = Loader::new(
        Limits {
            max_bytes: 1000,
            ..Limits::default()
        },
        true,
        None,
    );
    let at = resolve("images/ok.png", Some(dir.path())).unwrap();
    assert!(words(&tight, &at).await.starts_with("image too large: "),);
    assert_eq!(site.requests(), 0);
}
