//! Words every room may need: the sanitiser (no control character reaches a terminal or a
//! log), display widths, and units as people write them ("5MB", "30s", instants).

pub mod sanitize;
pub mod units;
pub mod width;
pub mod xml;

pub use sanitize::{clean, clean_multiline};
pub use units::{
    Refresh, parse_byte_size, parse_endpoint_url, parse_now, parse_refresh, parse_timeout,
    size_words,
};
pub use width::{fit, fit_tail, pad_to};
