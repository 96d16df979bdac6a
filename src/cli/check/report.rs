//! One endpoint's review, with each finding placed at the line and column of its field: what
//! every report format is written from.

use super::images::Facts;
use super::input::{Origin, Unit};
use crate::model::locate::{Locations, Position};
use crate::rules::check::{Finding, Options, review, review_images, sort};
use crate::source::SourceError;

/// A finding and where it is.
pub(crate) struct Located {
    pub finding: Finding,
    /// The campaign's id as written (or a stand-in when it has none).
    pub campaign_id: String,
    /// `None` for live endpoints: there is no file to point into.
    pub at: Option<Position>,
    /// The field's full path in the document, e.g. `InAppMessageCampaigns[3].Schedule.EndDate`.
    pub json_path: String,
}

/// One endpoint's campaigns and findings.
pub(crate) struct FileReport {
    /// The path as given, `demo/<app>/<endpoint>.json`, or `<app>/<endpoint>` for live data.
    pub name: String,
    /// Whether `name` is a file a code-scanning tool can open.
    pub is_file: bool,
    /// Campaign ids in list order, one test case each in JUnit.
    pub campaigns: Vec<String>,
    /// By campaign, worst first within one.
    pub findings: Vec<Located>,
}

/// An endpoint that could not be read, and why, as printed on standard error.
pub(crate) struct Unreadable {
    pub file: String,
    /// `FILE:LINE:COL: message`, or `FILE: message` when there is no position.
    pub text: String,
    /// Where a file stops being readable JSON, for annotations on that line.
    pub at: Option<Position>,
    /// A file in the repository, not a live endpoint.
    pub is_file: bool,
}

impl Unreadable {
    pub fn new(file: &str, error: &SourceError) -> Unreadable {
        let at = match error {
            SourceError::Parse { error, .. } => Some(Position {
                line: error.line(),
                column: error.column(),
            }),
            _ => None,
        };
        Unreadable {
            file: file.to_string(),
            text: error.to_string(),
            at,
            is_file: true,
        }
    }
}

/// Reviews one endpoint; locations are worked out only for a file that has findings.
pub(super) fn review_unit(unit: Unit, options: &Options, facts: Option<&Facts>) -> FileReport {
    let mut findings = review(&unit.campaigns, options);
    if let Some(facts) = facts {
        let base = unit.image_base();
        findings.extend(review_images(&unit.campaigns, &|url| {
            facts.fact(url, base.as_deref())
        }));
        sort(&mut findings);
    }
    let locations = match &unit.bytes {
        Some(bytes) if !findings.is_empty() => Some(locations_of(bytes, &findings)),
        _ => None,
    };
    let findings = findings
        .into_iter()
        .map(|finding| {
            let campaign_id = unit
                .campaigns
                .get(finding.campaign)
                .map_or("(no id)", |c| c.id())
                .to_string();
            let (at, json_path) = match &locations {
                Some(found) => {
                    let path = found.field_path(finding.campaign, &finding.path);
                    (Some(found.nearest(&path)), path)
                }
                None => (None, live_path(finding.campaign, &finding.path)),
            };
            Located {
                finding,
                campaign_id,
                at,
                json_path,
            }
        })
        .collect();
    FileReport {
        is_file: !matches!(unit.origin, Origin::Live),
        name: unit.name,
        campaigns: unit.campaigns.iter().map(|c| c.id().to_string()).collect(),
        findings,
    }
}

/// The path in the API's response, the shape the SDK reads.
fn live_path(campaign: usize, field: &str) -> String {
    if field.is_empty() {
        format!("InAppMessageCampaigns[{campaign}]")
    } else {
        format!("InAppMessageCampaigns[{campaign}].{field}")
    }
}

/// The positions of the fields the findings are about.
fn locations_of(bytes: &[u8], findings: &[Finding]) -> Locations {
    let fields = findings.iter().map(|f| (f.campaign, &*f.path));
    Locations::of_fields(&String::from_utf8_lossy(bytes), fields).unwrap_or_default()
}

/// The name a report shows for a file: forward slashes, as SARIF and GitHub want.
pub(super) fn slashed(name: &str) -> String {
    if std::path::MAIN_SEPARATOR == '\\' {
        name.replace('\\', "/")
    } else {
        name.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn live_paths_are_the_responses() {
        assert_eq!(live_path(3, ""), "InAppMessageCampaigns[3]");
        assert_eq!(
            live_path(0, "Schedule.EndDate"),
            "InAppMessageCampaigns[0].Schedule.EndDate"
        );
    }

    #[test]
    fn names_use_forward_slashes() {
        assert_eq!(slashed("campaigns/a.json"), "campaigns/a.json");
    }
}
