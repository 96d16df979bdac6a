//! (being written)

use super::{Found, Options};
use crate::model::Campaign;

pub(super) fn check(_campaign: &Campaign, _options: &Options, _found: &mut Found) {}
