//! `pinview serve`: starts the server, says what it serves and how to call it, and stops on
//! Ctrl-C or SIGTERM.

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;
use std::time::Duration;

use super::{EXIT_FETCH, ServeArgs, dedup, fail};
use crate::model::Target;
use crate::server::{Catalog, Options, Server};
use crate::text::clean;

/// How long exiting waits for the log's reader to take the last lines.
const LOG_FLUSH: Duration = Duration::from_millis(500);

pub async fn run_serve(args: &ServeArgs) -> ExitCode {
    let log = crate::server::log::to_stderr(args.log_format);
    let (catalog, what) = match &args.dir {
        Some(dir) => match Catalog::dir(dir) {
            Ok(c) => (c, dir.display().to_string()),
            Err(e) => return fail(&e.to_string()),
        },
        None => (Catalog::demo(), "the bundled demo".to_string()),
    };
    let targets = catalog.targets();
    // Read every file once now, so a bad one is reported at start, not at its first request.
    for t in &targets {
        if let (_, Some(problem)) = catalog.lookup(t) {
            tracing::warn!("{}", clean(&problem));
        }
    }
    let addr = SocketAddr::new(args.bind, args.port);
    let stopped = stop_signal();
    let options = Options {
        log_requests: !args.quiet,
        max_connections: args.max_connections as usize,
        ..Options::default()
    };
    let server = match Server::start_with(catalog, addr, options).await {
        Ok(s) => s,
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            return fail(&format!(
                "{addr} is in use: pass another --port, or --port 0 for any free one"
            ));
        }
        Err(e) => return fail(&format!("cannot listen on {addr}: {e}")),
    };
    let folder = args.dir.is_some();
    // A reader that has gone (`| head`) must not stop the server.
    let mut out = std::io::stdout();
    let mut banner = banner(&what, &targets, &server.url(), args.bind, folder);
    if let Some(loose) = args.dir.as_deref().and_then(loose_files) {
        banner = banner.replacen("\nlistening on ", &format!("\n{loose}\nlistening on "), 1);
    }
    let _ = writeln!(out, "{banner}");
    let _ = out.flush();
    stopped.await;
    // Through the log, not eprintln!: standard error may be a pipe no one reads.
    tracing::info!("pinview serve: stopping");
    let code = match server.stop().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!("pinview serve: server error: {e}");
            ExitCode::from(EXIT_FETCH)
        }
    };
    // A reader that never reads must not keep the process alive.
    if let Some(log) = log {
        log.close(LOG_FLUSH);
    }
    code
}

/// `--file DIR` reads `DIR/<endpoint>.json` as application DIR; serve answers by the path's
/// application, so such files would go unanswered without a word.
fn loose_files(dir: &std::path::Path) -> Option<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.to_ascii_lowercase().ends_with(".json"))
        .collect();
    names.sort();
    let first = names.first()?;
    let more = match names.len() {
        1 => String::new(),
        n => format!(" and {} more", n - 1),
    };
    let full = dir.canonicalize().ok()?;
    let (app, above) = (full.file_name()?, full.parent()?);
    Some(format!(
        "warning: not served: {}{more}, at the top of the folder. Requests name an application, \
         so serve reads <app-id>/<endpoint-id>.json: `pinview serve {}` answers these as \
         application {}.",
        clean(first),
        clean(&above.display().to_string()),
        clean(&app.to_string_lossy())
    ))
}

/// What is served, where, and commands to paste. `folder`: a folder is served, not the demo.
fn banner(what: &str, targets: &[Target], url: &str, bind: IpAddr, folder: bool) -> String {
    let listing = dedup(targets.iter().map(|t| t.app.as_str()))
        .iter()
        .map(|a| {
            let eps: Vec<&str> = targets
                .iter()
                .filter(|t| t.app == *a)
                .map(|t| t.endpoint.as_str())
                .collect();
            format!("  {}: {}", clean(a), clean(&eps.join(", ")))
        })
        .collect::<Vec<_>>()
        .join("\n");
    let (app, endpoint) = targets
        .first()
        .map_or(("APP-ID".to_string(), "ENDPOINT-ID".to_string()), |t| {
            (clean(&t.app).into_owned(), clean(&t.endpoint).into_owned())
        });
    let exposed = if bind.is_loopback() {
        String::new()
    } else {
        format!(
            "\nwarning: listening on {bind}: anyone who can reach this machine can read these campaigns"
        )
    };
    let images = if folder {
        format!(
            "Images: the folder's PNG and JPEG files under {url}/files/; relative ImageUrls point there."
        )
    } else {
        format!(
            "Images: the demo's pictures under {url}/images/; the replies' ImageUrls point there."
        )
    };
    format!(
        "pinview serve: GetInAppMessages from {what}\n{}\nlistening on {url}{exposed}\n{images}\n\
         Any SigV4 signature is accepted: this is a stand-in for Pinpoint, not a gate; any credentials work.\n\n\
         Try:\n  pinview --endpoint-url {url} --app {app} --endpoint {endpoint}\n  \
         AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws pinpoint get-in-app-messages --region us-east-1 \\\n      \
         --application-id {app} --endpoint-id {endpoint} --endpoint-url {url}\n\nCtrl-C stops.",
        if listing.is_empty() {
            "  (no <app-id>/<endpoint-id>.json files yet: add some, they are served without a restart)".to_string()
        } else {
            listing
        },
    )
}

/// Ctrl-C, or SIGTERM from a service manager. Handlers are installed when this is called, so
/// a signal that arrives before the wait begins is not lost.
fn stop_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let int = signal(SignalKind::interrupt());
        let term = signal(SignalKind::terminate());
        async move {
            match (int, term) {
                (Ok(mut int), Ok(mut term)) => {
                    tokio::select! {
                        _ = int.recv() => {}
                        _ = term.recv() => {}
                    }
                }
                _ => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}
