//! The real `aws-sdk-pinpoint` client against `pinview serve` on 127.0.0.1: replies, typed
//! errors, edits served without restart, and faults the TUI must survive.

use std::net::SocketAddr;
use std::time::Duration;

use aws_sdk_pinpoint::config::{BehaviorVersion, Credentials, Region};
use aws_sdk_pinpoint::operation::get_in_app_messages::GetInAppMessagesError;
use pinview::app::{Action, Effect, Fetch, Mark, State, start, update};
use pinview::config::Settings;
use pinview::effects::{Runner, initial_state};
use pinview::model::input::parse_campaigns;
use pinview::server::{Catalog, Fault, Server};
use pinview::source::{AwsClient, AwsOptions, Source, SourceError, Target};
use tokio::sync::mpsc::UnboundedReceiver;

use crate::support::now;

const LOOPBACK: &str = "127.0.0.1:0";

async fn serve(catalog: Catalog) -> Server {
    Server::start(catalog, LOOPBACK.parse::<SocketAddr>().unwrap())
        .await
        .unwrap()
}

/// pinview's own client, as `--endpoint-url` builds it, with static test credentials.
async fn client(url: &str) -> AwsClient {
    AwsClient::connect(&AwsOptions {
        endpoint_url: Some(url.to_string()),
        region: Some("eu-west-1".into()),
        credentials: Some(Credentials::new("AKIDTEST", "secret", None, None, "static")),
        ..AwsOptions::default()
    })
    .await
    .unwrap()
}

/// The SDK client as any Rust app would build it.
fn sdk(url: &str) -> aws_sdk_pinpoint::Client {
    let config = aws_sdk_pinpoint::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(Credentials::new("AKIDTEST", "secret", None, None, "static"))
        .endpoint_url(url)
        .build();
    aws_sdk_pinpoint::Client::from_conf(config)
}

#[tokio::test]
async fn every_demo_endpoint_returns_exactly_the_demo_campaigns() {
    let server = serve(Catalog::demo()).await;
    let client = client(&server.url()).await;
    let targets = Source::Demo.targets();
    assert_eq!(targets.len(), 3);
    // The demo's image URLs now name this server; everything else is exactly the demo.
    let served_images = format!("{}/images/", server.url());
    for target in targets {
        let mut expected = Source::Demo.fetch_local(&target).unwrap();
        let cards = expected
            .iter_mut()
            .filter_map(|c| c.in_app_message.as_mut()?.content.as_mut())
            .flatten();
        for url in cards.filter_map(|card| card.image_url.as_mut()) {
            assert!(
                url.starts_with("https://demo.pinview.invalid/images/"),
                "{url}"
            );
            *url = url
                .replace("https://demo.pinview.invalid/images/", &served_images)
                .into();
        }
        let got = client.fetch(&target).await.unwrap();
        assert!(!got.is_empty());
        assert_eq!(got, expected, "{target}");
    }
    server.stop().await.unwrap();
}

#[tokio::test]
async fn unknown_app_and_endpoint_are_typed_not_found_errors() {
    let server = serve(Catalog::demo()).await;
    let sdk = sdk(&server.url());
    for (app, endpoint, words) in [
        ("demo-app", "nokia-3310", "Endpoint nokia-3310 not found"),
        (
            "no-such-app",
            "android-pixel",
            "Application no-such-app not found",
        ),
    ] {
        let err = sdk
            .get_in_app_messages()
            .application_id(app)
            .endpoint_id(endpoint)
            .send()
            .await
            .unwrap_err()
            .into_service_error();
        let GetInAppMessagesError::NotFoundException(e) = &err else {
            panic!("not a NotFoundException: {err:?}");
        };
        assert!(e.message().unwrap_or_default().contains(words), "{e:?}");
        assert!(e.request_id().is_some_and(|id| id.len() == 36), "{e:?}");
    }
    // pinview's own source says what to do about it.
    let err = client(&server.url())
        .await
        .fetch(&Target::new("demo-app", "nokia-3310"))
        .await
        .unwrap_err();
    assert!(matches!(err, SourceError::NotFound { .. }), "{err:?}");
    assert!(
        err.to_string().contains("check --app and --endpoint"),
        "{err}"
    );
    server.stop().await.unwrap();
}

#[tokio::test]
async fn access_denied_names_the_permission_needed() {
    let server = serve(Catalog::demo()).await;
    server.faults().set(Some(Fault::Error {
        status: 403,
        kind: "AccessDeniedException".into(),
    }));
    let err = client(&server.url())
        .await
        .fetch(&Target::new("demo-app", "iphone-15"))
        .await
        .unwrap_err();
    assert!(matches!(err, SourceError::AccessDenied { .. }), "{err:?}");
    assert!(
        err.to_string().contains("mobiletargeting:GetInAppMessages"),
        "{err}"
    );
    server.stop().await.unwrap();
}

#[tokio::test]
async fn other_pinpoint_operations_get_an_error_of_the_same_form() {
    let server = serve(Catalog::demo()).await;
    let sdk = sdk(&server.url());
    let err = sdk
        .get_apps()
        .send()
        .await
        .unwrap_err()
        .into_service_error();
    assert!(err.is_method_not_allowed_exception(), "{err:?}");
    assert!(
        aws_sdk_pinpoint::error::ProvideErrorMetadata::message(&err)
            .unwrap_or_default()
            .contains("answers only GetInAppMessages"),
        "{err:?}"
    );
    server.stop().await.unwrap();
}

#[tokio::test]
async fn an_edited_file_is_served_on_the_next_request_and_a_broken_one_keeps_the_last_good() {
    let dir = tempfile::tempdir().unwrap();
    let app = dir.path().join("shop");
    std::fs::create_dir(&app).unwrap();
    let file = app.join("user-1.json");
    let one = r#"{"InAppMessageCampaigns":[{"CampaignId":"a","Priority":1}]}"#;
    std::fs::write(&file, one).unwrap();
    let server = serve(Catalog::dir(dir.path()).unwrap()).await;
    let client = client(&server.url()).await;
    let target = Target::new("shop", "user-1");
    let ids = |c: Vec<pinview::model::Campaign>| -> Vec<String> {
        c.into_iter()
            .map(|c| c.campaign_id.unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(client.fetch(&target).await.unwrap()), ["a"]);
    // Same length, written at once: only the bytes tell the versions apart.
    std::fs::write(&file, one.replace("\"a\"", "\"b\"")).unwrap();
    assert_eq!(ids(client.fetch(&target).await.unwrap()), ["b"]);
    // Any shape pinview reads; the reply is always the API's bare body.
    std::fs::write(&file, r#"[{"CampaignId":"c"},{"CampaignId":"d"}]"#).unwrap();
    assert_eq!(ids(client.fetch(&target).await.unwrap()), ["c", "d"]);
    std::fs::write(&file, "{\"InAppMessageCampaigns\": [\n  {\"CampaignId\": }").unwrap();
    assert_eq!(
        ids(client.fetch(&target).await.unwrap()),
        ["c", "d"],
        "last good kept"
    );
    // A new endpoint appears without a restart; a removed one is gone.
    std::fs::write(app.join("user-2.json"), "[]").unwrap();
    assert!(
        client
            .fetch(&Target::new("shop", "user-2"))
            .await
            .unwrap()
            .is_empty()
    );
    std::fs::remove_file(&file).unwrap();
    let err = client.fetch(&target).await.unwrap_err();
    assert!(matches!(err, SourceError::NotFound { .. }), "{err:?}");
    server.stop().await.unwrap();
}

#[test]
fn a_file_broken_from_the_start_names_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("shop")).unwrap();
    std::fs::write(
        dir.path().join("shop/u.json"),
        "[\n  {\"Priority\": \"high\"}\n]",
    )
    .unwrap();
    let catalog = Catalog::dir(dir.path()).unwrap();
    let (reply, problem) = catalog.lookup(&Target::new("shop", "u"));
    assert!(reply.is_err());
    let problem = problem.unwrap();
    assert!(problem.contains("u.json:2:"), "{problem}");
    assert!(problem.contains("[0].Priority"), "{problem}");
}

#[tokio::test]
async fn ids_that_would_leave_the_served_folder_are_not_found() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("shop")).unwrap();
    std::fs::write(dir.path().join("secret.json"), "[]").unwrap();
    let server = serve(Catalog::dir(&dir.path().join("shop")).unwrap()).await;
    let client = client(&server.url()).await;
    for (app, endpoint) in [("..", "secret"), ("shop", "../secret"), (".", "x")] {
        let err = client.fetch(&Target::new(app, endpoint)).await.unwrap_err();
        assert!(
            matches!(err, SourceError::NotFound { .. }),
            "{app}/{endpoint}: {err:?}"
        );
    }
    server.stop().await.unwrap();
}

/// A live state and the runner that carries out its effects.
struct Live {
    state: State,
    runner: Runner,
    replies: UnboundedReceiver<Action>,
}

impl Live {
    /// Sends the fetches the outcome asks for and feeds the replies back.
    async fn answer(&mut self, effects: Vec<Effect>) {
        self.runner
            .settle(&mut self.state, &mut self.replies, effects)
            .await;
    }

    async fn key(&mut self, c: char) {
        let key = crossterm::event::KeyEvent::from(crossterm::event::KeyCode::Char(c));
        let out = update(&mut self.state, Action::Key(key));
        self.answer(out.effects).await;
    }
}

/// A state showing one live endpoint of the server at `url`, not fetched yet.
async fn live(url: &str, endpoint: &str) -> Live {
    let target = Target::new("demo-app", endpoint);
    let source = Source::Live(pinview::source::Live {
        clients: vec![("demo-app".into(), client(url).await)],
        targets: vec![target],
        labels: Default::default(),
    });
    let mut state = initial_state(&source, &Settings::default(), None, now());
    state.size = (120, 40);
    let (runner, replies) =
        Runner::new(std::sync::Arc::new(source), std::sync::Arc::new(now), None);
    Live {
        state,
        runner,
        replies,
    }
}

/// Slow replies, 500, 429 and a refused connection: the last good campaigns stay, marked
/// stale with the error in words, and the next good reply recovers. The clock is paused, so
/// the 10 s timeout and the SDK's retry backoff take no real time.
#[tokio::test(start_paused = true)]
async fn faults_keep_the_last_good_data_and_recover() {
    let server = serve(Catalog::demo()).await;
    let mut app = live(&server.url(), "android-pixel").await;
    let out = start(&mut app.state);
    app.answer(out.effects).await;
    assert_eq!(app.state.campaigns().len(), 4);
    app.state.selected = 2;
    let kept = app.state.selected_id();
    let faults: [(Fault, &str); 3] = [
        (
            Fault::Delay(Duration::from_secs(3600)),
            "timed out after 10s",
        ),
        (
            Fault::Error {
                status: 500,
                kind: "InternalServerErrorException".into(),
            },
            "InternalServerErrorException",
        ),
        (
            Fault::Error {
                status: 429,
                kind: "TooManyRequestsException".into(),
            },
            "throttled",
        ),
    ];
    for (fault, words) in faults {
        server.faults().set(Some(fault.clone()));
        app.key('r').await;
        let endpoint = app.state.endpoint().unwrap();
        let Fetch::Failed { error, .. } = &endpoint.fetch else {
            panic!("{fault:?}: not failed: {:?}", endpoint.fetch);
        };
        assert!(error.message().contains(words), "{fault:?}: {error}");
        assert!(endpoint.is_stale());
        assert_eq!(app.state.campaigns().len(), 4, "{fault:?}: last good kept");
        assert_eq!(app.state.selected_id(), kept);
        assert!(endpoint.due.is_some(), "a retry is scheduled");
        server.faults().set(None);
        app.key('r').await;
        let endpoint = app.state.endpoint().unwrap();
        assert!(matches!(endpoint.fetch, Fetch::Loaded { .. }), "{fault:?}");
        assert!(!endpoint.is_stale());
        assert_eq!(endpoint.failures, 0);
    }
    let url = server.url();
    server.stop().await.unwrap();
    app.key('r').await;
    let Fetch::Failed { error, .. } = &app.state.endpoint().unwrap().fetch else {
        panic!("a stopped server is an error");
    };
    assert!(
        error
            .message()
            .contains(&format!("cannot connect to {url}")),
        "{error}"
    );
    assert_eq!(app.state.campaigns().len(), 4);
    // The same port answers again: the retry due recovers.
    let again = Server::start(Catalog::demo(), url[7..].parse().unwrap())
        .await
        .unwrap();
    let later = now()
        .checked_add(jiff::SignedDuration::from_secs(120))
        .unwrap();
    let out = update(&mut app.state, Action::Tick(later));
    assert_eq!(out.effects.len(), 1, "the retry is due");
    app.answer(out.effects).await;
    assert!(!app.state.endpoint().unwrap().is_stale());
    again.stop().await.unwrap();
}

#[tokio::test]
async fn marks_follow_the_served_file_between_fetches() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("demo-app")).unwrap();
    let file = dir.path().join("demo-app/android-pixel.json");
    let body = |items: &[(&str, i32)]| {
        let list: Vec<String> = items
            .iter()
            .map(|(id, p)| format!(r#"{{"CampaignId":"{id}","Priority":{p}}}"#))
            .collect();
        format!("[{}]", list.join(","))
    };
    std::fs::write(&file, body(&[("keep", 1), ("edit", 2), ("drop", 3)])).unwrap();
    let server = serve(Catalog::dir(dir.path()).unwrap()).await;
    let mut app = live(&server.url(), "android-pixel").await;
    let out = start(&mut app.state);
    app.answer(out.effects).await;
    assert!(
        app.state.endpoint().unwrap().marks.is_empty(),
        "nothing to compare on the first fetch"
    );
    std::fs::write(&file, body(&[("keep", 1), ("edit", 9), ("add", 4)])).unwrap();
    app.key('r').await;
    let e = app.state.endpoint().unwrap();
    let mark_of = |id: &str| {
        let i = e
            .campaigns
            .iter()
            .position(|c| c.campaign_id.as_deref() == Some(id))
            .unwrap();
        e.mark(i)
    };
    assert_eq!(mark_of("keep"), Mark::Same);
    assert_eq!(mark_of("edit"), Mark::Changed);
    assert_eq!(mark_of("add"), Mark::New);
    assert_eq!(mark_of("drop"), Mark::Removed);
    assert_eq!(e.live_count(), 3);
    app.key('r').await;
    let e = app.state.endpoint().unwrap();
    assert!(
        e.marks.iter().all(|m| *m == Mark::Same),
        "marks last until the next fetch"
    );
    assert_eq!(
        e.campaigns.len(),
        3,
        "the removed one is gone after the next fetch"
    );
    server.stop().await.unwrap();
}

#[test]
fn payload_parses_as_the_api_body() {
    // The server's reply is the bare body the SDK expects, never wrapped.
    let catalog = Catalog::demo();
    let (reply, _) = catalog.lookup(&Target::new("demo-app", "iphone-15"));
    let body = reply.unwrap().to_vec("127.0.0.1:1");
    assert!(body.starts_with(b"{\"InAppMessageCampaigns\":["));
    assert_eq!(parse_campaigns(&body).unwrap().len(), 3);
}

/// The real client's "not found" and "access denied" are lasting: shown, not retried.
#[tokio::test]
async fn not_found_and_access_denied_wait_for_r() {
    let server = serve(Catalog::demo()).await;
    let mut app = live(&server.url(), "nobody").await;
    let out = start(&mut app.state);
    app.answer(out.effects).await;
    let endpoint = app.state.endpoint().unwrap();
    let Fetch::Failed { error, .. } = &endpoint.fetch else {
        panic!("not failed: {:?}", endpoint.fetch);
    };
    assert!(!error.is_transient(), "{error}");
    assert!(error.message().contains("not found"), "{error}");
    assert_eq!(endpoint.due, None, "no retry is scheduled");

    server.faults().set(Some(Fault::Error {
        status: 403,
        kind: "ForbiddenException".into(),
    }));
    let mut app = live(&server.url(), "android-pixel").await;
    let out = start(&mut app.state);
    app.answer(out.effects).await;
    let endpoint = app.state.endpoint().unwrap();
    let Fetch::Failed { error, .. } = &endpoint.fetch else {
        panic!("not failed: {:?}", endpoint.fetch);
    };
    assert!(error.message().contains("access denied"), "{error}");
    assert_eq!(endpoint.due, None);
    server.faults().set(None);
    app.key('r').await;
    assert!(matches!(
        app.state.endpoint().unwrap().fetch,
        Fetch::Loaded { .. }
    ));
    server.stop().await.unwrap();
}
