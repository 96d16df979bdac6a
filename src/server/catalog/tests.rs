//! Tests of the catalog: the demo, files read again only when they change, and what is refused.

use super::*;

#[test]
fn demo_answers_its_endpoints_and_tells_app_from_endpoint() {
    let catalog = Catalog::demo();
    let (hit, _) = catalog.lookup(&Target::new("demo-app", "android-pixel"));
    assert!(hit.unwrap().campaigns > 0);
    let (miss, _) = catalog.lookup(&Target::new("demo-app", "nokia-3310"));
    assert_eq!(miss.unwrap_err(), Miss::Endpoint);
    let (miss, _) = catalog.lookup(&Target::new("other-app", "android-pixel"));
    assert_eq!(miss.unwrap_err(), Miss::App);
}

/// The campaign ids a reply sends.
fn ids(reply: &Reply) -> Vec<String> {
    let body = reply.to_vec("h");
    crate::model::input::parse_campaigns(&body)
        .unwrap()
        .iter()
        .map(|c| c.id().to_string())
        .collect()
}

/// A served folder with one file, `shop/user.json`, holding `text`.
fn shop_user(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("shop")).unwrap();
    let file = dir.path().join("shop").join("user.json");
    std::fs::write(&file, text).unwrap();
    (dir, file)
}

#[test]
fn a_file_is_read_again_only_when_its_bytes_change() {
    let (dir, file) = shop_user(r#"[{"CampaignId":"a"}]"#);
    let catalog = Catalog::dir(dir.path()).unwrap();
    let target = Target::new("shop", "user");
    let first = catalog.lookup(&target).0.unwrap();
    let again = catalog.lookup(&target).0.unwrap();
    // The hash taken while first reading it matches the one taken to compare.
    assert!(Arc::ptr_eq(&first.body, &again.body));
    std::fs::write(&file, r#"[{"CampaignId":"a"},{"CampaignId":"b"}]"#).unwrap();
    let changed = catalog.lookup(&target).0.unwrap();
    assert_eq!(changed.campaigns, 2);
    std::fs::write(&file, "[{").unwrap();
    let (kept, error) = catalog.lookup(&target);
    assert_eq!(kept.unwrap().campaigns, 2, "the last good reply stays");
    let error = error.unwrap();
    assert!(error.contains("user.json:1:"), "{error}");
}

/// A file whose size, time and inode are those last read, long enough ago, is not read.
#[test]
fn a_settled_file_is_not_read_again() {
    let (dir, file) = shop_user(r#"[{"CampaignId":"a"}]"#);
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
    let set_time = |f: &Path| {
        std::fs::File::options()
            .write(true)
            .open(f)
            .unwrap()
            .set_modified(old)
            .unwrap();
    };
    set_time(&file);
    let catalog = Catalog::dir(dir.path()).unwrap();
    let target = Target::new("shop", "user");
    assert_eq!(catalog.lookup(&target).0.unwrap().campaigns, 1);
    // Same size and time, other bytes: proof that the stamp alone answered.
    std::fs::write(&file, r#"[{"CampaignId":"b"}]"#).unwrap();
    set_time(&file);
    assert_eq!(ids(&catalog.lookup(&target).0.unwrap()), ["a"]);
    // A fresh time is read again, whatever the size.
    std::fs::write(&file, r#"[{"CampaignId":"c"}]"#).unwrap();
    assert_eq!(ids(&catalog.lookup(&target).0.unwrap()), ["c"]);
}

/// A pipe in the folder would hold its request until someone writes to it.
#[cfg(unix)]
#[test]
fn pipes_and_links_out_of_the_folder_are_not_read() {
    let (dir, outside) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let app = dir.path().join("shop");
    std::fs::create_dir(&app).unwrap();
    let fifo = app.join("pipe.json");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.unwrap().success());
    let secret = outside.path().join("secret.json");
    std::fs::write(&secret, "[]").unwrap();
    std::os::unix::fs::symlink(&secret, app.join("out.json")).unwrap();
    let catalog = Catalog::dir(dir.path()).unwrap();
    let (miss, error) = catalog.lookup(&Target::new("shop", "pipe"));
    assert!(matches!(miss, Err(Miss::Unreadable(_))), "{miss:?}");
    assert!(error.unwrap().contains("not a regular file"));
    let (miss, error) = catalog.lookup(&Target::new("shop", "out"));
    assert!(matches!(miss, Err(Miss::Unreadable(_))), "{miss:?}");
    assert!(error.unwrap().contains("outside the served folder"));
    // Neither is listed as served.
    let listed: Vec<String> = catalog
        .targets()
        .iter()
        .map(|t| t.endpoint.clone())
        .collect();
    assert!(!listed.contains(&"out".to_string()), "{listed:?}");
    // A good file replaced by a pipe keeps being answered with what it held.
    let good = app.join("good.json");
    std::fs::write(&good, r#"[{"CampaignId":"g"}]"#).unwrap();
    let target = Target::new("shop", "good");
    assert_eq!(catalog.lookup(&target).0.unwrap().campaigns, 1);
    std::fs::remove_file(&good).unwrap();
    let made = std::process::Command::new("mkfifo").arg(&good).status();
    assert!(made.unwrap().success());
    let (kept, error) = catalog.lookup(&target);
    assert_eq!(kept.unwrap().campaigns, 1);
    assert!(error.unwrap().contains("not a regular file"));
}
