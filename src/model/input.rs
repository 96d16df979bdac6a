//! The JSON shapes a user has at hand, read into one list of campaigns.
//!
//! Accepted: the API body `{"InAppMessageCampaigns":[...]}`, the AWS CLI / boto3 output
//! `{"InAppMessagesResponse":{...}}`, a bare array of campaigns, and a single campaign object.
//! The shape is told apart while streaming, so parsing costs one pass and type errors carry the
//! JSON path of the value at fault.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};

use super::{Campaign, InAppMessagesResponse};

pub(super) const API_KEY: &str = "InAppMessageCampaigns";
pub(super) const CLI_KEY: &str = "InAppMessagesResponse";

/// Why a document could not be read as campaigns. Positions are 1-based, the column counted in
/// characters as editors and `check` count it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// Not JSON at all.
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// JSON, but a value has the wrong type; `path` is where, e.g. `InAppMessageCampaigns[3].Priority`.
    Shape {
        line: usize,
        column: usize,
        path: String,
        message: String,
    },
}

impl ParseError {
    pub fn line(&self) -> usize {
        match self {
            Self::Syntax { line, .. } | Self::Shape { line, .. } => *line,
        }
    }

    pub fn column(&self) -> usize {
        match self {
            Self::Syntax { column, .. } | Self::Shape { column, .. } => *column,
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Syntax { message, .. } => write!(f, "invalid JSON: {message}"),
            Self::Shape { path, message, .. } if path.is_empty() || path == "." => {
                f.write_str(message)
            }
            Self::Shape { path, message, .. } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for ParseError {}

/// Reads campaigns from any accepted shape.
pub fn parse_campaigns(bytes: &[u8]) -> Result<Vec<Campaign>, ParseError> {
    let bytes = without_bom(bytes);
    // Good documents at serde_json's own speed; only one that fails is read again with its
    // path tracked, to say where.
    let mut fast = serde_json::Deserializer::from_slice(bytes);
    if let Ok(AnyShape(mut campaigns)) = AnyShape::deserialize(&mut fast)
        && fast.end().is_ok()
    {
        campaigns.shrink_to_fit();
        return Ok(campaigns);
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let AnyShape(campaigns) = serde_path_to_error::deserialize(&mut de).map_err(|err| {
        let path = err.path().to_string();
        classify(bytes, path, err.into_inner())
    })?;
    de.end()
        .map_err(|err| classify(bytes, String::new(), err))?;
    Ok(campaigns)
}

/// UTF-8 with a byte-order mark, as Windows tools (PowerShell's `Out-File -Encoding utf8`) save
/// JSON. Positions count from after it, as editors show them.
pub(super) const BOM: &[u8] = b"\xEF\xBB\xBF";

pub(super) fn without_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

fn classify(bytes: &[u8], path: String, inner: serde_json::Error) -> ParseError {
    // serde_json says column 0 for the end of a line break (EOF after one, or a raw newline in a
    // string): the next line's first column is a place an editor can go to.
    let line = inner.line();
    let column = char_column(bytes, line, inner.column()).max(1);
    let message = strip_position(&inner.to_string());
    match inner.classify() {
        serde_json::error::Category::Data => ParseError::Shape {
            line,
            column,
            path,
            message: plain_words(&message),
        },
        _ => ParseError::Syntax {
            line,
            column,
            message,
        },
    }
}

/// serde_json counts a line's bytes; an editor counts its characters, which differ as soon as
/// an emoji or an accent comes before the error on a one-line API body.
fn char_column(bytes: &[u8], line: usize, byte_column: usize) -> usize {
    let start = match line {
        0 | 1 => 0,
        _ => memchr::memchr_iter(b'\n', bytes)
            .nth(line - 2)
            .map_or(bytes.len(), |i| i + 1),
    };
    let end = start.saturating_add(byte_column).min(bytes.len());
    String::from_utf8_lossy(&bytes[start..end]).chars().count()
}

/// serde_json appends " at line L column C"; the position is reported separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Rust type names mean nothing to a marketer reading an error.
fn plain_words(message: &str) -> String {
    // An integer that does not fit is one of the API's 32-bit fields: say its range.
    let int = if message.starts_with("invalid value: integer") {
        "expected an integer from -2147483648 to 2147483647"
    } else {
        "expected an integer"
    };
    message
        .replace("expected i32", int)
        .replace("expected i64", "expected an integer")
        .replace("expected f64", "expected a number")
        .replace("expected a sequence", "expected a list")
        .replace("expected a map", "expected an object")
}

/// The API body's bytes, written straight from borrowed campaigns: a large list is not
/// copied to be serialized.
pub fn api_body_bytes(campaigns: &[Campaign]) -> Vec<u8> {
    #[derive(serde::Serialize)]
    struct Body<'a> {
        #[serde(rename = "InAppMessageCampaigns")]
        campaigns: &'a [Campaign],
    }
    serde_json::to_vec(&Body { campaigns }).unwrap_or_default()
}

/// Serializes as the API body, the shape every pinview output uses.
pub fn to_api_body(campaigns: &[Campaign]) -> InAppMessagesResponse {
    InAppMessagesResponse {
        in_app_message_campaigns: Some(campaigns.to_vec()),
    }
}

struct AnyShape(Vec<Campaign>);

impl<'de> Deserialize<'de> for AnyShape {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(AnyShapeVisitor).map(AnyShape)
    }
}

struct AnyShapeVisitor;

impl<'de> Visitor<'de> for AnyShapeVisitor {
    type Value = Vec<Campaign>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "an object with InAppMessageCampaigns or InAppMessagesResponse, a list of campaigns, or one campaign",
        )
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        campaign_list(de::value::SeqAccessDeserializer::new(seq))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let Some(first) = map.next_key::<String>()? else {
            return Ok(Vec::new());
        };
        match first.as_str() {
            API_KEY | CLI_KEY => {
                let campaigns = if first == API_KEY {
                    map.next_value::<Option<List>>()?.map(|l| l.0)
                } else {
                    map.next_value::<Option<CliResponse>>()?.and_then(|r| r.0)
                };
                // Later keys (ResponseMetadata from some tools) carry nothing to preview.
                while map.next_key::<de::IgnoredAny>()?.is_some() {
                    map.next_value::<de::IgnoredAny>()?;
                }
                Ok(campaigns.unwrap_or_default())
            }
            key if !CAMPAIGN_KEYS.contains(&key) => Err(de::Error::custom(format!(
                "unknown key \"{}\": {}",
                shown(key),
                WHAT_A_FILE_HOLDS
            ))),
            _ => {
                let replay = Replay {
                    first: Some(first),
                    rest: map,
                };
                Campaign::deserialize(de::value::MapAccessDeserializer::new(replay))
                    .map(|c| vec![c])
            }
        }
    }
}

/// A campaign's own keys, as the API spells them: a document that starts with any other key is
/// no campaign, most often a misspelt wrapper that would otherwise show as an empty campaign.
const CAMPAIGN_KEYS: &[&str] = &[
    "CampaignId",
    "DailyCap",
    "InAppMessage",
    "Priority",
    "Schedule",
    "SessionCap",
    "TotalCap",
    "TreatmentId",
];

const WHAT_A_FILE_HOLDS: &str = "a file holds \"InAppMessageCampaigns\", \"InAppMessagesResponse\", a list of campaigns, or one campaign (keys such as \"CampaignId\" and \"InAppMessage\")";

/// A key as an error quotes it: one line, and not the whole of a key someone made huge.
fn shown(key: &str) -> String {
    let line = key.chars().map(|c| if c.is_control() { ' ' } else { c });
    match key.chars().count() {
        n if n > 40 => line.take(40).chain(['…']).collect(),
        _ => line.collect(),
    }
}

/// A list of campaigns, each an object: serde would also take a list of values for one.
struct List(Vec<Campaign>);

impl<'de> Deserialize<'de> for List {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        campaign_list(d).map(List)
    }
}

fn campaign_list<'de, D: de::Deserializer<'de>>(d: D) -> Result<Vec<Campaign>, D::Error> {
    let list = Vec::<ObjectCampaign>::deserialize(d)?;
    Ok(list.into_iter().map(|c| c.0).collect())
}

struct ObjectCampaign(Campaign);

impl<'de> Deserialize<'de> for ObjectCampaign {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Object;
        impl<'de> Visitor<'de> for Object {
            type Value = Campaign;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a campaign object")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Campaign, A::Error> {
                Campaign::deserialize(de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_map(Object).map(ObjectCampaign)
    }
}

/// The AWS CLI's `InAppMessagesResponse`. Other keys beside the list carry nothing to preview;
/// without it, one is a typo that would show an eligible endpoint as eligible for nothing.
struct CliResponse(Option<Vec<Campaign>>);

impl<'de> Deserialize<'de> for CliResponse {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Response;
        impl<'de> Visitor<'de> for Response {
            type Value = Option<Vec<Campaign>>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object with InAppMessageCampaigns")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let (mut campaigns, mut seen, mut other) = (None, false, None);
                while let Some(key) = map.next_key::<String>()? {
                    if key == API_KEY {
                        if seen {
                            return Err(de::Error::duplicate_field(API_KEY));
                        }
                        seen = true;
                        campaigns = map.next_value::<Option<List>>()?.map(|l| l.0);
                    } else {
                        other.get_or_insert(key);
                        map.next_value::<de::IgnoredAny>()?;
                    }
                }
                match other {
                    Some(key) if !seen => Err(de::Error::custom(format!(
                        "unknown key \"{}\": InAppMessagesResponse holds \"{API_KEY}\"",
                        shown(&key)
                    ))),
                    _ => Ok(campaigns),
                }
            }
        }
        d.deserialize_map(Response).map(CliResponse)
    }
}

/// A map whose first key was already read to tell the shape; hands that key back first.
struct Replay<A> {
    first: Option<String>,
    rest: A,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Replay<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        match self.first.take() {
            Some(key) => seed.deserialize(key.into_deserializer()).map(Some),
            None => self.rest.next_key_seed(seed),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        self.rest.next_value_seed(seed)
    }
}

#[cfg(test)]
mod tests;
