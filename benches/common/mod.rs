//! Realistic large responses for the benches: the demo's campaigns, cloned with unique ids and
//! varied text until there are a thousand (about 2 MB of API body) or ten thousand (about 14 MB).

use pinview::model::Campaign;
use pinview::model::input::to_api_body;
use pinview::source::{Source, Target};

pub const CAMPAIGNS: usize = 1_000;
/// The size the body is padded towards.
const TARGET_BYTES: usize = 2_000_000;
const MIN_BYTES: usize = 1_500_000;
const MAX_BYTES: usize = 2_500_000;

const FILLER: &str = "Limited time only: members save more on selected lines, \
    free returns within thirty days, terms apply, see the app for details. ";

/// `{"InAppMessageCampaigns":[...]}` with `CAMPAIGNS` campaigns, between 1.5 and 2.5 MB.
pub fn api_body() -> Vec<u8> {
    let bytes = body(CAMPAIGNS, TARGET_BYTES);
    assert!(
        (MIN_BYTES..=MAX_BYTES).contains(&bytes.len()),
        "bench body is {} bytes, wanted {MIN_BYTES}..={MAX_BYTES}",
        bytes.len()
    );
    bytes
}

/// Ten thousand campaigns in about 14 MB: the large file the hardening targets are set for.
#[allow(dead_code)]
pub fn large_body() -> Vec<u8> {
    body(LARGE_CAMPAIGNS, 14_000_000)
}

#[allow(dead_code)]
pub const LARGE_CAMPAIGNS: usize = 10_000;

/// `count` campaigns padded towards `target` bytes.
fn body(count: usize, target: usize) -> Vec<u8> {
    let unpadded = serialize(&generate(count, 0));
    let per_campaign = target.saturating_sub(unpadded.len()) / count;
    serialize(&generate(count, per_campaign))
}

fn serialize(campaigns: &[Campaign]) -> Vec<u8> {
    serde_json::to_vec(&to_api_body(campaigns)).expect("serialize campaigns")
}

/// The demo campaigns of every endpoint, cloned to `count`, each first card's body grown by
/// `pad` bytes of plain text.
fn generate(count: usize, pad: usize) -> Vec<Campaign> {
    let source = Source::Demo;
    let templates: Vec<Campaign> = source
        .targets()
        .iter()
        .filter(|t| t.app == "demo-app")
        .flat_map(|t| {
            source
                .fetch_local(&Target::new("demo-app", t.endpoint.clone()))
                .expect("demo endpoint")
        })
        .collect();
    assert!(!templates.is_empty(), "the demo has no campaigns");
    (0..count)
        .map(|i| {
            let mut c = templates[i % templates.len()].clone();
            c.campaign_id = Some(format!("{}-{i:04}", c.id()).into());
            // Spread priorities so device order interleaves the copies.
            c.priority = Some((i * 7 % 10) as i32 + 1);
            let cards = c.in_app_message.as_mut().and_then(|m| m.content.as_mut());
            for (n, card) in cards.into_iter().flatten().enumerate() {
                if let Some(h) = card.header_config.as_mut().and_then(|h| h.header.as_mut()) {
                    h.push_str(&format!(" · #{i}"));
                }
                if let Some(b) = card.body_config.as_mut().and_then(|b| b.body.as_mut()) {
                    b.push_str(&format!(" (variant {i}.{n})"));
                    if n == 0 {
                        b.push(' ');
                        b.push_str(&filler(pad));
                    }
                }
            }
            c
        })
        .collect()
}

/// `len` bytes of ASCII prose.
fn filler(len: usize) -> String {
    FILLER.chars().cycle().take(len).collect()
}
