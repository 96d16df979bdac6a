//! Integration tests, one crate so the binary and the SDK link once.

mod architecture;
mod check;
mod cli;
mod driver;
mod forge;
mod frames;
mod image_server;
mod images;
mod keys;
mod live;
mod modes;
mod pictures;
mod pixels;
mod props;
mod pty;
mod refresh;
mod retry;
mod serve;
mod serve_images;
mod serve_limits;
mod serve_log;
mod simulate;
mod support;
