//! `--images`: every distinct image the campaigns name, loaded once with the loader the preview
//! uses (a few at a time, each within a time limit) and described for the image rules.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Duration;

use futures_util::{StreamExt, stream};

use super::input::Unit;
use crate::images::{Limits, Loader, Location, resolve};
use crate::rules::check::ImageFact;

/// Images loaded at once: enough to hide latency, few enough to be polite to one server.
const AT_ONCE: usize = 8;
/// One image's whole load, download and decoding included.
const PER_IMAGE: Duration = Duration::from_secs(15);
/// Larger than the preview allows: a big image is a finding here, not a reason to stop.
const MAX_BYTES: u64 = 20 * 1000 * 1000;

/// What loading found, by where each image lives.
pub(crate) struct Facts {
    by_location: HashMap<Location, ImageFact>,
}

impl Facts {
    /// The fact for an ImageUrl as written in a file whose folder is `base`.
    pub fn fact(&self, raw: &str, base: Option<&Path>) -> Option<ImageFact> {
        match resolve(raw, base) {
            Ok(at) => self.by_location.get(&at).cloned(),
            Err(e) => Some(ImageFact::Failed(e.to_string())),
        }
    }
}

/// Loads every image the endpoints name, each once.
pub(super) async fn gather(units: &[Unit]) -> Facts {
    let mut wanted = Vec::new();
    let mut seen = HashSet::new();
    for unit in units {
        let base = unit.image_base();
        let urls = unit.campaigns.iter().flat_map(|c| c.cards());
        for raw in urls.filter_map(|card| card.image_url.as_deref()) {
            if let Ok(at) = resolve(raw, base.as_deref())
                && seen.insert(at.clone())
            {
                wanted.push(at);
            }
        }
    }
    let limits = Limits {
        max_bytes: MAX_BYTES,
        ..Limits::default()
    };
    // Opted into with --images, so the network is allowed; no disk cache: the check is of now.
    let loader = Loader::new(limits, true, None);
    let by_location = stream::iter(wanted)
        .map(|at| {
            let loader = loader.clone();
            async move {
                let fact = match tokio::time::timeout(PER_IMAGE, loader.load(&at)).await {
                    Ok(Ok(loaded)) => ImageFact::Loaded {
                        bytes: loaded.info.bytes,
                        width: loaded.info.width,
                        height: loaded.info.height,
                    },
                    Ok(Err(e)) => ImageFact::Failed(e.to_string()),
                    Err(_) => {
                        ImageFact::Failed(format!("timed out after {} s", PER_IMAGE.as_secs()))
                    }
                };
                (at, fact)
            }
        })
        .buffer_unordered(AT_ONCE)
        .collect()
        .await;
    Facts { by_location }
}
