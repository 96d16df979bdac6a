//! Hostile images made on the spot, shared by the unit tests (through `#[path]`) and the
//! integration tests.

use std::io::Cursor;

use image::{ImageFormat, RgbImage};

/// A PNG whose header claims `w`x`h` but whose data is a 1x1 image's: a decompression bomb,
/// with a checksum that makes the forged header genuine.
pub fn png_claiming(w: u32, h: u32) -> Vec<u8> {
    let mut out = Cursor::new(Vec::new());
    RgbImage::new(1, 1)
        .write_to(&mut out, ImageFormat::Png)
        .unwrap();
    let mut bytes = out.into_inner();
    // IHDR's width and height follow the 8-byte signature, the chunk length and its type.
    bytes[16..20].copy_from_slice(&w.to_be_bytes());
    bytes[20..24].copy_from_slice(&h.to_be_bytes());
    let crc = crc32(&bytes[12..29]);
    bytes[29..33].copy_from_slice(&crc.to_be_bytes());
    bytes
}

/// PNG's chunk checksum.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}
