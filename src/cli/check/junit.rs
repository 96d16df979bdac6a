//! JUnit XML for CI dashboards: a test suite per file, a test case per campaign, failed when it
//! has a finding at or above `--fail-on`; an unreadable file is a suite with one error.

use std::fmt::Write;

use super::Run;
use super::report::{FileReport, Located};
use super::text::{line, words};
use crate::text::clean;

pub(super) fn render(run: &Run) -> String {
    let mut suites = String::new();
    let (mut tests, mut failures) = (0, 0);
    for file in &run.files {
        let (n, failed) = suite(run, file, &mut suites);
        tests += n;
        failures += failed;
    }
    for bad in &run.unreadable {
        let name = xml(&bad.file);
        let _ = write!(
            suites,
            "  <testsuite name=\"{name}\" tests=\"1\" failures=\"0\" errors=\"1\">\n    \
             <testcase classname=\"{name}\" name=\"(file)\">\n      \
             <error message=\"{}\" type=\"unreadable\"/>\n    </testcase>\n  </testsuite>\n",
            xml(&bad.text)
        );
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"pinview check\" \
         tests=\"{}\" failures=\"{failures}\" errors=\"{}\">\n{suites}</testsuites>\n",
        tests + run.unreadable.len(),
        run.unreadable.len()
    )
}

/// Writes one file's suite; returns its test and failure counts.
fn suite(run: &Run, file: &FileReport, out: &mut String) -> (usize, usize) {
    let name = xml(&file.name);
    let mut cases = String::new();
    let mut failures = 0;
    for (index, id) in file.campaigns.iter().enumerate() {
        let findings: Vec<&Located> = file
            .findings
            .iter()
            .filter(|l| l.finding.campaign == index)
            .collect();
        let (failing, other): (Vec<&Located>, Vec<&Located>) = findings
            .into_iter()
            .partition(|l| l.finding.severity().reaches(run.fail_on));
        let _ = writeln!(
            cases,
            "    <testcase classname=\"{name}\" name=\"{}\">",
            xml(id)
        );
        if let Some(worst) = failing.first() {
            failures += 1;
            let text: Vec<String> = failing.iter().map(|l| line(&file.name, l)).collect();
            let _ = writeln!(
                cases,
                "      <failure message=\"{}\" type=\"{}\">{}</failure>",
                xml(&words(worst)),
                worst.finding.rule.id,
                xml_text(&text.join("\n"))
            );
        }
        // Findings under the threshold are kept for whoever opens the case.
        if !other.is_empty() {
            let text: Vec<String> = other.iter().map(|l| line(&file.name, l)).collect();
            let _ = writeln!(
                cases,
                "      <system-out>{}</system-out>",
                xml_text(&text.join("\n"))
            );
        }
        cases.push_str("    </testcase>\n");
    }
    let tests = file.campaigns.len();
    let _ = write!(
        out,
        "  <testsuite name=\"{name}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">\n\
         {cases}  </testsuite>\n"
    );
    (tests, failures)
}

/// One line of text for an attribute or element: cleaned of controls, then escaped.
fn xml(text: &str) -> String {
    crate::text::xml::escape(&clean(text))
}

/// Lines of element text: each line as `xml`, joined by line breaks.
fn xml_text(text: &str) -> String {
    text.split('\n').map(xml).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_forbidden_characters_replaced() {
        assert_eq!(
            xml("<a href=\"x\">&'</a>\u{FFFE}\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;\u{FFFD}\u{2401}"
        );
        assert_eq!(xml_text("a\nb<"), "a\nb&lt;");
    }
}
