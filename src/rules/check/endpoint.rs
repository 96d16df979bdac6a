//! (being written)

use super::{Finding, Options};
use crate::model::Campaign;

pub(super) fn check(_campaigns: &[Campaign], _options: &Options, _out: &mut Vec<Finding>) {}
