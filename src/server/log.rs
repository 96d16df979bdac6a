//! The server's log on standard error: one line per event, as text for people or as JSON for
//! machines, queued to a [`Lossy`] writer so a slow or absent reader never holds up a request.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;
use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::util::SubscriberInitExt;

use super::Shared;
use crate::logging::{Lossy, QUEUE_LINES, filter, stderr_sink};
use crate::text::clean;

/// What a handler says about its answer, for the request's log line: `what` is cleaned text
/// such as `demo-app › iphone-15: 3 campaigns`.
#[derive(Clone, Debug)]
pub(super) struct Note {
    pub what: String,
    pub campaigns: Option<usize>,
}

/// Attaches `what` to `response` for the log line.
pub(super) fn noted(mut response: Response, what: String, campaigns: Option<usize>) -> Response {
    response.extensions_mut().insert(Note { what, campaigns });
    response
}

/// `router` with a log line per request when `on`.
pub(super) fn layer(router: Router<Arc<Shared>>, on: bool) -> Router<Arc<Shared>> {
    if on {
        router.layer(axum::middleware::from_fn(request))
    } else {
        router
    }
}

/// The request's log line, once its answer is ready: text reads `GET demo-app › iphone-15: 3
/// campaigns (200, 0.4 ms)`, JSON adds method, path, status, campaigns, latency_ms and request_id.
pub(super) async fn request(req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let path = clean(req.uri().path()).into_owned();
    let response = next.run(req).await;
    let latency_ms = (started.elapsed().as_secs_f64() * 1e6).round() / 1e3;
    let status = response.status().as_u16();
    let note = response.extensions().get::<Note>();
    let what = note.map_or(path.as_str(), |n| n.what.as_str());
    let campaigns = note.and_then(|n| n.campaigns).map(|n| n as u64);
    let request_id = response
        .headers()
        .get("x-amzn-requestid")
        .and_then(|v| v.to_str().ok());
    tracing::info!(
        method = method.as_str(),
        path = path.as_str(),
        status,
        campaigns,
        latency_ms,
        request_id,
        "{method} {what} ({status}, {latency_ms:.1} ms)"
    );
    response
}

/// The shape of a server's log lines: text is time, level and a sentence; JSON one object a line
/// with `time`, `level`, `message` and the event's fields. (The variants have no doc comments, so
/// `--help` stays one line a flag.)
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    #[default]
    Text,
    Json,
}

/// A server's log on standard error, one line per event in `format`. Writing never waits for
/// the reader: call [`Lossy::close`] before exiting to flush what it can.
pub fn to_stderr(format: Format) -> Option<Arc<Lossy>> {
    let note = move |n: u64| {
        let message = format!("{n} log lines dropped: the log reader was slow");
        line(format, Level::WARN, &message, &[("dropped", n.into())])
    };
    let out = Arc::new(Lossy::spawn(stderr_sink(), QUEUE_LINES, note).ok()?);
    let lines = Lines {
        format,
        out: Arc::clone(&out),
    };
    tracing_subscriber::registry()
        .with(filter())
        .with(lines)
        .try_init()
        .ok()?;
    Some(out)
}

/// Formats each event as a line and queues it.
struct Lines {
    format: Format,
    out: Arc<Lossy>,
}

impl<S: Subscriber> Layer<S> for Lines {
    fn on_event(&self, event: &Event<'_>, _: Context<'_, S>) {
        let mut fields = Fields::default();
        event.record(&mut fields);
        let level = *event.metadata().level();
        self.out
            .push(line(self.format, level, &fields.message, &fields.rest));
    }
}

/// An event's message and its other fields, in order.
#[derive(Default)]
struct Fields {
    message: String,
    rest: Vec<(&'static str, serde_json::Value)>,
}

impl Fields {
    fn add(&mut self, field: &Field, value: serde_json::Value) {
        self.rest.push((field.name(), value));
    }
}

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let text = format!("{value:?}");
        if field.name() == "message" {
            self.message = text;
        } else {
            self.add(field, text.into());
        }
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.message = value.to_string();
        } else {
            self.add(field, value.into());
        }
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.add(field, value.into());
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.add(field, value.into());
    }

    fn record_f64(&mut self, field: &Field, value: f64) {
        self.add(field, value.into());
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.add(field, value.into());
    }
}

/// One log line, newline included. Text is for people and carries the message alone (events put
/// what matters in it); JSON adds the fields. Strings are cleaned of control characters either
/// way, so nothing a client sent can drive the terminal that shows the log.
fn line(
    format: Format,
    level: Level,
    message: &str,
    fields: &[(&str, serde_json::Value)],
) -> Vec<u8> {
    let time = format!("{:.3}", jiff::Timestamp::now());
    let message = clean(message);
    match format {
        Format::Text => format!("{time} {level:>5} {message}\n").into_bytes(),
        Format::Json => {
            let mut object = serde_json::Map::new();
            object.insert("time".into(), time.into());
            object.insert("level".into(), level.as_str().into());
            object.insert("message".into(), message.into());
            for (name, value) in fields {
                let value = match value {
                    serde_json::Value::String(s) => clean(s).into(),
                    other => other.clone(),
                };
                object.insert((*name).to_string(), value);
            }
            let mut bytes = serde_json::Value::Object(object).to_string().into_bytes();
            bytes.push(b'\n');
            bytes
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_carry_the_fields_and_no_control_characters() {
        let fields = [("status", 200.into()), ("path", "/a\u{1b}[2J".into())];
        let bytes = line(Format::Json, Level::INFO, "GET \u{7}x", &fields);
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.ends_with('\n'), "{text}");
        assert!(!text.contains(['\u{1b}', '\u{7}']), "{text}");
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["level"], "INFO");
        assert_eq!(json["status"], 200);
        assert!(json["time"].as_str().unwrap().ends_with('Z'), "{json}");
        // serde_json would escape it as \u001b; a reader decoding that must not get ESC either.
        assert!(!json["path"].as_str().unwrap().contains('\u{1b}'));
        assert!(!json["message"].as_str().unwrap().contains('\u{7}'));
        let text = String::from_utf8(line(Format::Text, Level::WARN, "a\u{1b}b", &[])).unwrap();
        assert!(
            text.contains(" WARN a") && !text.contains('\u{1b}'),
            "{text}"
        );
    }
}
