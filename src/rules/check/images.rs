//! The image rules, from facts the caller gathered (fetching is I/O and stays out of `rules`):
//! whether each card's image loads, how big it is, and its shape against the layout's.

use super::catalog::{IMAGE_ASPECT, IMAGE_TOO_LARGE, IMAGE_UNREACHABLE};
use super::{Finding, Found, Platforms};
use crate::model::Campaign;
use crate::rules::layout::{effective_layout, ratio_words, recommended_image, same_aspect};
use crate::text::size_words;

/// Over this many bytes an image is flagged as slow to arrive.
pub const LARGE_IMAGE: u64 = 1024 * 1024;

/// What loading one image found.
#[derive(Clone, Debug, PartialEq)]
pub enum ImageFact {
    /// It could not be fetched or decoded, and why.
    Failed(String),
    Loaded {
        bytes: u64,
        width: u32,
        height: u32,
    },
}

/// The image findings of every campaign; `fact` answers for an `ImageUrl` as written, `None`
/// when it was not looked at.
pub fn review_images(
    campaigns: &[Campaign],
    fact: &dyn Fn(&str) -> Option<ImageFact>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for (index, campaign) in campaigns.iter().enumerate() {
        let mut found = Found::new(index, true);
        let wanted = recommended_image(&effective_layout(campaign));
        for (i, card) in campaign.cards().iter().enumerate() {
            let Some(url) = card.image_url.as_deref().filter(|u| !u.trim().is_empty()) else {
                continue;
            };
            let path = format!("InAppMessage.Content[{i}].ImageUrl");
            let card = Some(i);
            match fact(url) {
                None => {}
                Some(ImageFact::Failed(why)) => found.add(
                    IMAGE_UNREACHABLE,
                    card,
                    path,
                    format!("image cannot be loaded ({why}); devices show the message without it"),
                    Platforms::ALL,
                ),
                Some(ImageFact::Loaded {
                    bytes,
                    width,
                    height,
                }) => {
                    if bytes > LARGE_IMAGE {
                        found.add(
                            IMAGE_TOO_LARGE,
                            card,
                            path.clone(),
                            format!(
                                "image is {}; over {} delays the message on slow networks",
                                size_words(bytes),
                                size_words(LARGE_IMAGE)
                            ),
                            Platforms::ALL,
                        );
                    }
                    if let Some(want) = wanted
                        && !same_aspect((width, height), want)
                    {
                        found.add(
                            IMAGE_ASPECT,
                            card,
                            path,
                            format!(
                                "image is {width}x{height} ({}); the layout's recommended size is {}x{} ({})",
                                ratio_words(width, height),
                                want.0,
                                want.1,
                                ratio_words(want.0, want.1)
                            ),
                            Platforms::ALL,
                        );
                    }
                }
            }
        }
        out.extend(found.into_findings());
    }
    out
}
