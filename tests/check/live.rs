//! `check` on live endpoints through the SDK, against `pinview serve`'s demo on 127.0.0.1:
//! no file to point into, so `<app>/<endpoint>` and the response's JSON path instead.

use std::path::Path;
use std::process::{Command, Output};

use pinview::server::{Catalog, Server};
use serde_json::Value;

use super::{NOW, check, json, status, stderr, stdout};

/// The binary with no real config and no real AWS credentials.
fn live(home: &Path, url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pinview"))
        .env_clear()
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("AWS_CONFIG_FILE", home.join("no-aws-config"))
        .env(
            "AWS_SHARED_CREDENTIALS_FILE",
            home.join("no-aws-credentials"),
        )
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .args([
            "check",
            "--now",
            NOW,
            "--endpoint-url",
            url,
            "--app",
            "demo-app",
        ])
        .args(args)
        .output()
        .expect("run pinview")
}

/// A finding without where it is: what live and file reports share.
fn what(f: &Value) -> (Value, Value, Value, Value) {
    (
        f["rule"].clone(),
        f["campaign"].clone(),
        f["card"].clone(),
        f["message"].clone(),
    )
}

/// `pinview serve --demo` on a free port of 127.0.0.1, with the runtime it runs on.
fn demo_server() -> (tokio::runtime::Runtime, Server) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let server = runtime
        .block_on(Server::start(
            Catalog::demo(),
            "127.0.0.1:0".parse().unwrap(),
        ))
        .unwrap();
    (runtime, server)
}

#[test]
fn live_endpoints_are_named_by_app_and_endpoint_with_response_paths() {
    let (runtime, server) = demo_server();
    let home = tempfile::tempdir().unwrap();
    let endpoints = ["--endpoint", "iphone-15", "--endpoint", "web-chrome"];
    let url = server.url();

    let out = live(
        home.path(),
        &url,
        &[&endpoints[..], &["--format", "json"]].concat(),
    );
    status(&out, 1);
    let findings = json(&out);
    let offline = json(&check(&["--demo", "--format", "json"]));
    let offline: Vec<&Value> = offline
        .iter()
        .filter(|f| f["file"] != "demo/demo-app/android-pixel.json")
        .collect();
    assert_eq!(findings.len(), offline.len(), "{findings:#?}");
    for (online, file) in findings.iter().zip(offline) {
        assert_eq!(what(online), what(file));
        let name = file["file"]
            .as_str()
            .unwrap()
            .trim_start_matches("demo/")
            .trim_end_matches(".json");
        assert_eq!(online["file"], name);
        assert_eq!(
            (&online["line"], &online["column"]),
            (&Value::Null, &Value::Null)
        );
        // The demo's files are the API's body: its paths are the response's.
        assert_eq!(online["json_path"], file["json_path"]);
        assert!(
            online["json_path"]
                .as_str()
                .unwrap()
                .starts_with("InAppMessageCampaigns[")
        );
    }

    let out = live(home.path(), &url, &endpoints);
    let text = stdout(&out);
    assert!(
        text.contains("demo-app/web-chrome: error[PV027] campaign gift-guide: "),
        "{text}"
    );
    assert!(text.ends_with("(2 endpoints)\n"), "{text}");

    let out = live(
        home.path(),
        &url,
        &[&endpoints[..], &["--format", "sarif"]].concat(),
    );
    let log: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let result = &log["runs"][0]["results"][0];
    assert!(
        result["locations"][0].get("physicalLocation").is_none(),
        "{result}"
    );
    let logical = &result["locations"][0]["logicalLocations"][0]["fullyQualifiedName"];
    assert!(
        logical
            .as_str()
            .unwrap()
            .starts_with("demo-app/iphone-15/InAppMessageCampaigns["),
        "{logical}"
    );
    assert!(
        result["message"]["text"]
            .as_str()
            .unwrap()
            .contains("(at InAppMessageCampaigns[")
    );

    let out = live(
        home.path(),
        &url,
        &["--format", "github", "--endpoint", "web-chrome"],
    );
    let text = stdout(&out);
    assert!(
        text.contains("::error title=PV027::demo-app/web-chrome: campaign gift-guide"),
        "{text}"
    );
    assert!(!text.contains("file="), "{text}");

    // An endpoint the server does not know is input that cannot be read.
    let out = live(
        home.path(),
        &url,
        &["--endpoint", "nope", "--endpoint", "iphone-15"],
    );
    status(&out, 2);
    assert!(
        stderr(&out).starts_with("demo-app/nope: "),
        "{}",
        stderr(&out)
    );
    assert!(
        stdout(&out).ends_with("(1 endpoint, 1 unreadable)\n"),
        "{}",
        stdout(&out)
    );
    runtime.block_on(server.stop()).unwrap();
}

#[test]
fn images_are_downloaded_from_the_server_with_images() {
    let (runtime, server) = demo_server();
    let home = tempfile::tempdir().unwrap();
    let args = [
        "--endpoint",
        "android-pixel",
        "--format",
        "json",
        "--images",
    ];
    let online = json(&live(home.path(), &server.url(), &args));
    let offline = json(&check(&[
        "--demo",
        "--endpoint",
        "android-pixel",
        "--format",
        "json",
        "--images",
    ]));
    let online: Vec<_> = online.iter().map(what).collect();
    let offline: Vec<_> = offline.iter().map(what).collect();
    // The same pictures, downloaded or embedded, give the same findings.
    assert_eq!(online, offline);
    runtime.block_on(server.stop()).unwrap();
}
