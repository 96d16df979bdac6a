//! The state machine: `State`, `Action`, `update`. No I/O, no drawing, no clock reads: time
//! comes in with the action, and whatever must happen outside comes back as an `Effect`.

pub mod clock;
pub mod details;
mod endpoint;
mod fetching;
pub mod geometry;
pub mod help;
pub mod images;
pub mod input;
pub mod keys;
mod modes;
mod navigate;
pub mod pixels;
mod state;
mod tables;
pub mod terminal;
#[cfg(test)]
mod testing;
pub mod trigger;
mod update;

pub use state::*;
pub use update::*;
