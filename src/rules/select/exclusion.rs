//! Why a campaign did not show for an event: one variant per device rule, carrying its facts,
//! with a stable rule name and the words a person reads.

use std::fmt;

use jiff::Timestamp;

use crate::rules::schedule::relative;

/// The rule that kept a campaign from showing, with what it compared. Campaign numbers in the
/// words (`#2`) count from 1 in the list's order; the fields hold 0-based indexes.
#[derive(Clone, Debug, PartialEq)]
pub enum Exclusion {
    /// The campaign has no EventFilter, or it has no `Dimensions` or no `EventType`: no event
    /// ever matches it. `missing` names the absent part.
    NoEventFilter {
        missing: &'static str,
    },
    /// The event's name is not in `EventType.Values` (compared exactly; `DimensionType` is not
    /// read, so EXCLUSIVE acts as INCLUSIVE).
    Event {
        got: String,
        wanted: Vec<String>,
    },
    /// An attribute of the campaign whose `Values` do not include the event's value (`got` is
    /// `None` when the event lacks the attribute, or has no attributes at all).
    Attribute {
        key: String,
        wanted: Vec<String>,
        got: Option<String>,
    },
    /// A metric of the campaign the event's value does not satisfy. A `value` of 0 or none, or an
    /// operator other than EQUAL, GREATER_THAN(_OR_EQUAL), LESS_THAN(_OR_EQUAL), never matches.
    Metric {
        key: String,
        op: Option<String>,
        value: Option<f64>,
        got: Option<f64>,
    },
    /// A campaign earlier in the list has the same `CampaignId` (or both have none), and the
    /// device remembers a check's answer by id: this campaign gets that campaign's failed `check`
    /// ("event", "attribute" or "metric") though its own filter passes.
    SameId {
        earlier: usize,
        check: &'static str,
    },
    /// `now` is not before the end date, or the end date cannot be read (`ended` is `None`).
    EndDate {
        end: String,
        ended: Option<Timestamp>,
        now: Timestamp,
    },
    SessionCap {
        cap: i32,
        shown: u32,
    },
    DailyCap {
        cap: i32,
        shown: u32,
    },
    TotalCap {
        cap: i32,
        shown: u32,
    },
    /// Eligible, but another eligible campaign has a better priority (a lower number; any
    /// priority beats none). `priority` is as sent: 0 counts as none.
    Outranked {
        priority: Option<i32>,
        winner: usize,
        winner_priority: i32,
    },
    /// Eligible with the winner's priority, but the device's tie-break chose the winner.
    Tie {
        winner: usize,
        why: TieBreak,
    },
}

/// How the default conflict handler chose between campaigns of the same priority.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TieBreak {
    /// The winner ends sooner (a dated campaign ends sooner than an undated one); `ends` is the
    /// winner's end in short form.
    EndsSooner { ends: String },
    /// Both end at the same time (or neither has an end date): the list's order decides.
    EarlierInList,
}

/// The device's checks, in the order it runs them (amplify-js `processInAppMessages`); the first
/// that fails decides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Check {
    Event,
    Attributes,
    Metrics,
    EndDate,
    Caps,
    Priority,
}

impl Check {
    pub const ORDER: [Check; 6] = [
        Check::Event,
        Check::Attributes,
        Check::Metrics,
        Check::EndDate,
        Check::Caps,
        Check::Priority,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Check::Event => "event",
            Check::Attributes => "attributes",
            Check::Metrics => "metrics",
            Check::EndDate => "end date",
            Check::Caps => "caps",
            Check::Priority => "priority",
        }
    }
}

impl Exclusion {
    /// The check that excluded the campaign.
    pub fn check(&self) -> Check {
        match self {
            Self::NoEventFilter { .. } | Self::Event { .. } => Check::Event,
            Self::Attribute { .. } => Check::Attributes,
            Self::Metric { .. } => Check::Metrics,
            Self::SameId { check, .. } => match *check {
                "attribute" => Check::Attributes,
                "metric" => Check::Metrics,
                _ => Check::Event,
            },
            Self::EndDate { .. } => Check::EndDate,
            Self::SessionCap { .. } | Self::DailyCap { .. } | Self::TotalCap { .. } => Check::Caps,
            Self::Outranked { .. } | Self::Tie { .. } => Check::Priority,
        }
    }

    /// Whether the campaign passed every check and lost only to a better one.
    pub fn passed_checks(&self) -> bool {
        self.check() == Check::Priority
    }

    /// One word for a list row: why the campaign does not show.
    pub fn word(&self) -> &'static str {
        match self {
            Self::NoEventFilter { .. } => "no filter",
            Self::SameId { .. } => "same id",
            Self::EndDate { .. } => "ended",
            Self::Tie { .. } => "tie lost",
            Self::Outranked { .. } => "outranked",
            _ => match self.check() {
                Check::Event => "event",
                Check::Attributes => "attribute",
                Check::Metrics => "metric",
                Check::Caps => "capped",
                Check::EndDate | Check::Priority => "excluded",
            },
        }
    }

    /// A stable name for the rule, for scripts and tests.
    pub fn rule(&self) -> &'static str {
        match self {
            Self::NoEventFilter { .. } => "no_event_filter",
            Self::Event { .. } => "event",
            Self::Attribute { .. } => "attribute",
            Self::Metric { .. } => "metric",
            Self::SameId { .. } => "same_id",
            Self::EndDate { .. } => "end_date",
            Self::SessionCap { .. } => "session_cap",
            Self::DailyCap { .. } => "daily_cap",
            Self::TotalCap { .. } => "total_cap",
            Self::Outranked { .. } => "priority",
            Self::Tie { .. } => "tie",
        }
    }
}

impl fmt::Display for Exclusion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoEventFilter { missing } if *missing == "EventFilter" => {
                write!(f, "no EventFilter: devices never show it")
            }
            Self::NoEventFilter { missing } => {
                write!(f, "no {missing} in its EventFilter: devices never show it")
            }
            Self::Event { got, wanted } if wanted.is_empty() => {
                write!(f, "event {got}: its EventType lists no events")
            }
            Self::Event { got, wanted } => {
                write!(f, "event {got} is not one of: {}", wanted.join(", "))
            }
            Self::Attribute { key, got: None, .. } => write!(f, "attribute {key}: event has none"),
            Self::Attribute {
                key,
                wanted,
                got: Some(got),
            } if wanted.is_empty() => write!(f, "attribute {key}: {got}, but it lists no values"),
            Self::Attribute {
                key,
                wanted,
                got: Some(got),
            } => write!(
                f,
                "attribute {key}: {got} is not one of: {}",
                wanted.join(", ")
            ),
            Self::Metric {
                key,
                op,
                value,
                got,
            } => metric_words(f, key, op.as_deref(), *value, *got),
            Self::SameId { earlier, check } => write!(
                f,
                "same CampaignId as #{}, whose {check} check failed: the device reuses that answer",
                earlier + 1
            ),
            Self::EndDate {
                end, ended: None, ..
            } => write!(f, "EndDate \"{end}\" cannot be read: devices never show it"),
            Self::EndDate {
                ended: Some(ended),
                now,
                ..
            } if ended == now => write!(f, "expired just now"),
            Self::EndDate {
                ended: Some(ended),
                now,
                ..
            } => write!(f, "expired {}", relative(*now, *ended)),
            Self::SessionCap { cap, shown } => {
                cap_words(f, "session", *cap, *shown, "this session")
            }
            Self::DailyCap { cap, shown } => cap_words(f, "daily", *cap, *shown, "today"),
            Self::TotalCap { cap, shown } => cap_words(f, "total", *cap, *shown, "in all"),
            Self::Outranked {
                priority,
                winner,
                winner_priority,
            } => {
                let mine = match priority {
                    Some(0) => "Priority 0 (counts as none)".to_string(),
                    Some(p) => format!("priority {p}"),
                    None => "no priority".to_string(),
                };
                write!(
                    f,
                    "{mine} loses to priority {winner_priority} (#{})",
                    winner + 1
                )
            }
            Self::Tie {
                winner,
                why: TieBreak::EndsSooner { ends },
            } => write!(f, "same priority; #{} ends sooner ({ends})", winner + 1),
            Self::Tie {
                winner,
                why: TieBreak::EarlierInList,
            } => write!(
                f,
                "same priority and end; #{} is earlier in the list",
                winner + 1
            ),
        }
    }
}

fn metric_words(
    f: &mut fmt::Formatter<'_>,
    key: &str,
    op: Option<&str>,
    value: Option<f64>,
    got: Option<f64>,
) -> fmt::Result {
    let Some(op) = op else {
        return write!(
            f,
            "metric {key}: no ComparisonOperator: devices never match it"
        );
    };
    let Some(symbol) = operator_symbol(op) else {
        return write!(
            f,
            "metric {key}: operator {op} is unknown: devices never match it"
        );
    };
    match (value, got) {
        (None, _) => write!(f, "metric {key}: no Value: devices never match it"),
        (Some(0.0), _) => {
            write!(f, "metric {key}: Value 0 never matches on devices")
        }
        (_, None) => write!(f, "metric {key}: event has none"),
        (Some(v), Some(got)) => write!(f, "metric {key}: {got} is not {symbol} {v}"),
    }
}

/// The symbol of a comparison operator devices know, `None` for any other.
pub fn operator_symbol(op: &str) -> Option<&'static str> {
    Some(match op {
        "EQUAL" => "=",
        "GREATER_THAN" => ">",
        "GREATER_THAN_OR_EQUAL" => ">=",
        "LESS_THAN" => "<",
        "LESS_THAN_OR_EQUAL" => "<=",
        _ => return None,
    })
}

fn cap_words(
    f: &mut fmt::Formatter<'_>,
    name: &str,
    cap: i32,
    shown: u32,
    when: &str,
) -> fmt::Result {
    if cap < 0 {
        write!(f, "{name} cap {cap} is negative: devices never show it")
    } else {
        write!(f, "{name} cap {cap} reached (shown {shown} {when})")
    }
}
