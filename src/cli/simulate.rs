//! `pinview simulate`: which message a device shows for an event, and why each other campaign
//! does not; with `--events`, a sequence replayed with display counts carried forward.

mod report;
mod script;

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use jiff::ZonedDateTime;

pub use script::{event_name, parse_attr, parse_metric};

use super::{EXIT_FETCH, SimulateArgs, fail, fail_with, written};
use crate::config::Config;
use crate::rules::layout::draws_nothing;
use crate::rules::select::{Counts, Event, select};
use crate::text::clean;
use report::Report;
use script::{LineError, Step, parse_script, utf8};

pub async fn run_simulate(args: &SimulateArgs, config: Option<&Config>) -> ExitCode {
    // The clock is read once: lines without `at` all happen at the same instant.
    // The system clock to the second: a person reads the time printed beside each event.
    let clock = args.now.clone().unwrap_or_else(|| {
        let now = ZonedDateTime::now();
        now.round(jiff::Unit::Second).unwrap_or(now)
    });
    // Every line is checked before the source is opened, so a typo costs no fetch.
    let steps = match steps(args, &clock) {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    let (source, target) = match args.source.open_at(config).await {
        Ok(opened) => opened,
        Err(e) => return fail(&e),
    };
    let campaigns = match source.fetch(&target).await {
        Ok(c) => c,
        Err(e) => return fail_with(&e.to_string(), EXIT_FETCH),
    };

    let mut report = Report::new(&campaigns, args.format, args.platform);
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut counts = Counts::new();
    let mut text = report.heading(&target);
    for step in &steps {
        match step {
            Step::Event { event, at } => {
                let selection = select(&campaigns, event, &counts, at);
                // The device counts a message once it is drawn; one without an id as "". One it
                // selects but draws as nothing is never counted.
                if let Some(shown) = selection.shown
                    && draws_nothing(&campaigns[shown], args.platform).is_none()
                {
                    let id = campaigns[shown].campaign_id.as_deref().unwrap_or("");
                    counts.record(id, at);
                }
                report.event(&mut text, event, at, &selection);
            }
            Step::Displayed { id, at } => {
                counts.record(id, at);
                report.displayed(&mut text, id, at);
            }
            Step::SessionStart => {
                counts.start_session();
                report.session(&mut text);
            }
        }
        // A closed pipe (`| head`) ends the run quietly; a full disk is said.
        if let Err(e) = out.write_all(text.as_bytes()) {
            return written(Err(e)).err().unwrap_or(ExitCode::SUCCESS);
        }
        text.clear();
    }
    match written(out.write_all(text.as_bytes()).and_then(|()| out.flush())) {
        Ok(()) => ExitCode::SUCCESS,
        Err(code) => code,
    }
}

/// What to replay: the lines of `--events`, or the one event of `--event` at the clock.
fn steps(args: &SimulateArgs, clock: &ZonedDateTime) -> Result<Vec<Step>, String> {
    if let Some(path) = &args.events {
        return read_events(path, clock);
    }
    let Some(name) = &args.event else {
        return Err("say what happens: --event NAME, or --events FILE.jsonl (see --help)".into());
    };
    let event = Event {
        name: event_name(name)?,
        attributes: args.attributes.iter().cloned().collect(),
        metrics: args.metrics.iter().cloned().collect(),
    };
    Ok(vec![Step::Event {
        event,
        at: clock.clone(),
    }])
}

fn read_events(path: &Path, clock: &ZonedDateTime) -> Result<Vec<Step>, String> {
    let shown = || clean(&path.display().to_string()).into_owned();
    let bytes = std::fs::read(path).map_err(|e| {
        format!(
            "cannot read {}: {e}; check the path after --events",
            shown()
        )
    })?;
    let at_line = |e: LineError| format!("{}:{}:{}: {}", shown(), e.line, e.column, e.message);
    let text = utf8(&bytes).map_err(at_line)?;
    let steps = parse_script(text, clock).map_err(at_line)?;
    if steps.is_empty() {
        return Err(format!(
            "{} has nothing to replay: write one JSON object a line, e.g. {{\"event\": \"_session.start\"}}",
            shown()
        ));
    }
    Ok(steps)
}
