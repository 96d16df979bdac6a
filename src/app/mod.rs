//! The state machine: `State`, `Action`, `update`. No I/O, no drawing, no clock reads: time
//! comes in with the action, and whatever must happen outside comes back as an `Effect`.

pub mod clock;
pub mod geometry;
mod images;
pub mod keys;
mod state;
mod update;

pub use state::*;
pub use update::*;
