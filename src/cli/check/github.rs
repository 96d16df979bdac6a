//! GitHub Actions workflow commands: an `::error`, `::warning` or `::notice` annotation per
//! finding on the file and line it is about, escaped as the runner requires, then the summary.

use std::fmt::Write;

use super::report::slashed;
use super::text::{summary, words};
use super::{Run, report::Located};
use crate::rules::check::Severity;
use crate::text::clean;

pub(super) fn render(run: &Run) -> String {
    let mut out = String::new();
    for file in &run.files {
        for located in &file.findings {
            let _ = writeln!(out, "{}", annotation(&file.name, file.is_file, located));
        }
    }
    // A file that cannot be read fails the run: its annotation goes where it breaks.
    for bad in &run.unreadable {
        let place = match (bad.is_file, bad.at) {
            (false, _) => String::new(),
            (true, None) => format!("file={},", property(&slashed(&bad.file))),
            (true, Some(at)) => format!(
                "file={},line={},col={},",
                property(&slashed(&bad.file)),
                at.line,
                at.column
            ),
        };
        let _ = writeln!(out, "::error {place}title=unreadable::{}", data(&bad.text));
    }
    out.push_str(&summary(run));
    out.push('\n');
    out
}

fn annotation(file: &str, is_file: bool, located: &Located) -> String {
    let command = match located.finding.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let title = property(located.finding.rule.id);
    match (is_file, located.at) {
        (true, Some(at)) => format!(
            "::{command} file={},line={},col={},title={title}::{}",
            property(&slashed(file)),
            at.line,
            at.column,
            data(&words(located))
        ),
        // A live endpoint is no file in the repository: it is named in the message instead.
        _ => format!(
            "::{command} title={title}::{}",
            data(&format!("{}: {}", clean(file), words(located)))
        ),
    }
}

/// A command's message: `%`, CR and LF escaped, as the runner's `escapeData`.
fn data(text: &str) -> String {
    clean(text)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value: also `:` and `,`, which end it, as the runner's `escapeProperty`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_and_properties_are_escaped_as_the_runner_reads_them() {
        assert_eq!(data("50% off\r\n::x"), "50%25 off ::x");
        assert_eq!(property("a:b,c%"), "a%3Ab%2Cc%25");
    }
}
