//! What a campaign means: schedule, platform, caps and documented limits. Pure functions of
//! (campaigns, platform, counters, now); no I/O.

pub mod caps;
pub mod check;
pub mod contrast;
pub mod end_date;
pub mod layout;
pub mod platform;
pub mod schedule;
pub mod select;
