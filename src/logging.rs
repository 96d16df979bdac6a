//! Where logs go: a file named by `PINVIEW_LOG` for the TUI (never the screen it draws on),
//! standard error for `pinview serve`.

use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::EnvFilter;

/// Logs to the file `PINVIEW_LOG` names, if set. Keep the guard alive: dropping it flushes.
pub fn to_file_from_env() -> Option<WorkerGuard> {
    let path = std::env::var_os("PINVIEW_LOG").filter(|p| !p.is_empty())?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .ok()?;
    let (writer, guard) = tracing_appender::non_blocking(file);
    tracing_subscriber::fmt()
        .with_env_filter(filter())
        .with_writer(writer)
        .with_ansi(false)
        .try_init()
        .ok()?;
    Some(guard)
}

/// A server's log: one line per request and per problem, on standard error.
pub fn to_stderr() {
    use std::io::IsTerminal;
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter())
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .with_target(false)
        .try_init();
}

/// `RUST_LOG` when set, else pinview's own messages at info.
fn filter() -> EnvFilter {
    EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("pinview=info"))
}
