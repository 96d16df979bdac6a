//! `pinview check`: every campaign of an endpoint reviewed against a fixed, documented set of
//! rules (the catalogue), each finding pointing at the exact field it is about.
//!
//! The rules say where Pinpoint's documented limits are crossed, where a device does something
//! other than the payload asks (read from amplify-js and amplify-ui, see `rules::select`), where
//! text is hard to read, where a button or a campaign cannot be reached, and where the data
//! contradicts itself. The same findings feed the CLI's reports and the TUI's `✕` and details.

pub mod catalog;
mod content;
mod endpoint;
mod images;
mod links;
mod readable;
#[cfg(test)]
mod tests;
mod trigger;

use std::fmt;

use jiff::ZonedDateTime;

pub use catalog::{RULES, Rule, rule};
pub use images::{ImageFact, LARGE_IMAGE, review_images};

use crate::model::Campaign;
use crate::rules::platform::Platform;

/// How much a finding matters; sorts worst first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The device shows nothing, or something other than the author meant.
    Error,
    /// The device shows it, but less or differently than the payload says.
    Warning,
    /// Worth knowing; nothing is wrong.
    Note,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Self::Error, Self::Warning, Self::Note];

    pub fn word(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Note => "note",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        Self::ALL.into_iter().find(|s| s.word() == text)
    }

    /// Whether a finding of this severity reaches a `--fail-on` threshold.
    pub fn reaches(self, threshold: Severity) -> bool {
        self <= threshold
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// The device platforms a finding applies to: buttons resolve per platform, and web draws
/// differently from phones.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Platforms(u8);

impl Platforms {
    pub const DEVICES: [Platform; 3] = [Platform::Android, Platform::Ios, Platform::Web];
    pub const ALL: Platforms = Platforms(0b111);
    pub const PHONES: Platforms = Platforms(0b011);
    pub const WEB: Platforms = Platforms(0b100);

    pub fn only(platform: Platform) -> Platforms {
        match Self::DEVICES.iter().position(|p| *p == platform) {
            Some(i) => Platforms(1 << i),
            None => Self::ALL,
        }
    }

    /// The platforms a preview on `platform` stands for: the payload as stated is drawn as a
    /// phone draws it.
    pub fn drawn_on(platform: Platform) -> Platforms {
        match platform {
            Platform::Default => Self::PHONES,
            p => Self::only(p),
        }
    }

    pub fn with(self, other: Platforms) -> Platforms {
        Platforms(self.0 | other.0)
    }

    pub fn and(self, other: Platforms) -> Platforms {
        Platforms(self.0 & other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn contains(self, platform: Platform) -> bool {
        !Platforms::only(platform).and(self).is_empty()
    }

    pub fn iter(self) -> impl Iterator<Item = Platform> {
        Self::DEVICES.into_iter().filter(move |p| self.contains(*p))
    }

    /// Lower-case names for reports: `["android", "ios"]`.
    pub fn names(self) -> Vec<&'static str> {
        self.iter()
            .map(|p| match p {
                Platform::Android => "android",
                Platform::Ios => "ios",
                _ => "web",
            })
            .collect()
    }
}

/// One problem with one campaign.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub rule: &'static Rule,
    /// The campaign's position in the endpoint's list.
    pub campaign: usize,
    /// The card it is about, from 0, if any.
    pub card: Option<usize>,
    /// The JSON path of the field inside the campaign, e.g. `InAppMessage.Content[1].BodyConfig.Body`;
    /// empty for the campaign itself.
    pub path: Box<str>,
    /// What is wrong and what the device does, in a sentence without the campaign's name.
    pub message: Box<str>,
    pub platforms: Platforms,
}

impl Finding {
    pub fn severity(&self) -> Severity {
        self.rule.severity
    }

    /// `card 2: body is …`, with the platforms when not all: the words the TUI shows.
    pub fn words(&self) -> String {
        let card = self.card.map(|c| format!("card {}: ", c + 1));
        let on = (self.platforms != Platforms::ALL)
            .then(|| format!(" ({})", self.platforms.names().join(", ")));
        format!(
            "{}{}{}",
            card.unwrap_or_default(),
            self.message,
            on.unwrap_or_default()
        )
    }
}

/// A value from the payload, safe to put in a message: no control characters, at most 60 cells.
pub(crate) fn quote(text: &str) -> String {
    crate::text::fit(&crate::text::clean(text), 60)
}

/// What a review depends on besides the campaigns.
#[derive(Clone, Debug)]
pub struct Options {
    /// The clock and the device's zone, for end dates.
    pub now: ZonedDateTime,
    /// The platforms button and colour rules look at.
    pub platforms: Platforms,
    /// Whether findings keep the JSON path of their field. The TUI shows none: ten thousand
    /// campaigns' thirty thousand paths would cost two megabytes it never reads.
    pub paths: bool,
}

impl Options {
    /// The platforms of `wanted` this review looks at, if any.
    fn on(&self, wanted: Platforms) -> Option<Platforms> {
        let both = self.platforms.and(wanted);
        (!both.is_empty()).then_some(both)
    }

    pub fn at(now: ZonedDateTime) -> Options {
        Options {
            now,
            platforms: Platforms::ALL,
            paths: true,
        }
    }
}

/// Every finding for one endpoint's campaigns, by campaign in list order, worst first within
/// one campaign.
pub fn review(campaigns: &[Campaign], options: &Options) -> Vec<Finding> {
    let mut out = Vec::new();
    for (index, campaign) in campaigns.iter().enumerate() {
        let mut found = Found::new(index, options.paths);
        content::check(campaign, options, &mut found);
        readable::check(campaign, options, &mut found);
        links::check(campaign, options, &mut found);
        trigger::check(campaign, options, &mut found);
        out.extend(found.into_findings());
    }
    let from = out.len();
    endpoint::check(campaigns, options, &mut out);
    if !options.paths {
        out[from..].iter_mut().for_each(|f| f.path = Box::default());
    }
    sort(&mut out);
    out
}

/// The order reports use: by campaign in list order, then worst first, then by card, rule and
/// field. The order is total, so an in-place sort gives it without a stable sort's scratch copy
/// of every finding.
pub fn sort(findings: &mut [Finding]) {
    findings.sort_unstable_by(|a, b| {
        (
            a.campaign,
            a.severity(),
            a.card,
            a.rule.id,
            &a.path,
            &a.message,
        )
            .cmp(&(
                b.campaign,
                b.severity(),
                b.card,
                b.rule.id,
                &b.path,
                &b.message,
            ))
    });
}

/// The findings of one campaign as the checks report them; a finding reported for several
/// platforms with the same words is kept once with all of them.
struct Found {
    campaign: usize,
    paths: bool,
    findings: Vec<Finding>,
}

impl Found {
    fn new(campaign: usize, paths: bool) -> Found {
        Found {
            campaign,
            paths,
            findings: Vec::new(),
        }
    }

    fn add(
        &mut self,
        rule: &'static Rule,
        card: Option<usize>,
        path: String,
        message: String,
        platforms: Platforms,
    ) {
        if let Some(same) = self.findings.iter_mut().find(|f| {
            f.rule == rule
                && f.card == card
                && (!self.paths || *f.path == path)
                && *f.message == message
        }) {
            same.platforms = same.platforms.with(platforms);
            return;
        }
        // Boxed to their length: ten thousand campaigns hold thirty thousand findings.
        self.findings.push(Finding {
            rule,
            campaign: self.campaign,
            card,
            path: if self.paths {
                path.into_boxed_str()
            } else {
                Box::default()
            },
            message: message.into_boxed_str(),
            platforms,
        });
    }

    fn into_findings(self) -> Vec<Finding> {
        self.findings
    }
}
