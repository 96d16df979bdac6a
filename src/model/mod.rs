//! The in-app message as Pinpoint sends it: serde types named as on the wire, the accepted input
//! shapes, colours, and the endpoint a campaign list belongs to. No I/O, no terminal.

mod campaign;
pub mod colour;
pub mod input;
pub mod locate;
pub mod map;
pub mod stream;
mod target;
mod wire_enum;

pub use campaign::*;
pub use target::{Target, is_safe_id};
