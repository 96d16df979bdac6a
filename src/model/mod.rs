//! The in-app message as Pinpoint sends it: serde types named as on the wire, the accepted input
//! shapes and colours. No I/O, no terminal.

mod campaign;
pub mod colour;
pub mod input;
mod wire_enum;

pub use campaign::*;
