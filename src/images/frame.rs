//! An image fitted into a slot of terminal cells, aspect kept, and encoded for the terminal's
//! protocol: kitty, sixel and iTerm2 from the detected picker, or coloured half blocks.

use image::imageops::{self, FilterType};
use image::{DynamicImage, Rgb, RgbImage, RgbaImage};
use ratatui::layout::{Rect, Size};
use ratatui_image::picker::{Picker, ProtocolType};
use ratatui_image::protocol::Protocol;
use ratatui_image::protocol::halfblocks::Halfblocks;
use ratatui_image::{FontSize, Resize};

/// The cells an image of `width`x`height` pixels takes in `slot`, its aspect ratio kept for a
/// font whose cells are `font` pixels. Empty when nothing fits.
pub fn fit(width: u32, height: u32, slot: Size, font: FontSize) -> Size {
    if slot.width == 0 || slot.height == 0 || width == 0 || height == 0 {
        return Size::new(0, 0);
    }
    let (fw, fh) = (f64::from(font.width.max(1)), f64::from(font.height.max(1)));
    let scale = f64::min(
        f64::from(slot.width) * fw / f64::from(width),
        f64::from(slot.height) * fh / f64::from(height),
    );
    let cells = |pixels: u32, cell: f64, room: u16| {
        ((f64::from(pixels) * scale / cell).round() as u16).clamp(1, room)
    };
    Size::new(cells(width, fw, slot.width), cells(height, fh, slot.height))
}

/// `size` centred in `slot`.
pub fn centre(slot: Rect, size: Size) -> Rect {
    let w = size.width.min(slot.width);
    let h = size.height.min(slot.height);
    Rect::new(
        slot.x + (slot.width - w) / 2,
        slot.y + (slot.height - h) / 2,
        w,
        h,
    )
}

/// Resizes `pixels` to exactly `cells`, flattens transparency onto `background` (the card's
/// colour, as a device composites it), and encodes the result for `picker`'s protocol.
pub fn encode(
    pixels: &RgbaImage,
    picker: &Picker,
    cells: Size,
    background: [u8; 3],
) -> Result<Protocol, String> {
    if cells.width == 0 || cells.height == 0 {
        return Err("no room for the image".into());
    }
    let halfblocks = picker.protocol_type() == ProtocolType::Halfblocks;
    let font = picker.font_size();
    // Half blocks carry two pixels a cell; the other protocols the font's full resolution.
    let (w, h) = if halfblocks {
        (u32::from(cells.width), u32::from(cells.height) * 2)
    } else {
        (
            u32::from(cells.width) * u32::from(font.width),
            u32::from(cells.height) * u32::from(font.height),
        )
    };
    let resized = imageops::resize(pixels, w, h, FilterType::Triangle);
    let flat = DynamicImage::ImageRgb8(flatten(&resized, background));
    let protocol = if halfblocks {
        Halfblocks::new(flat, cells).map(Protocol::Halfblocks)
    } else {
        picker.new_protocol(flat, cells, Resize::Fit(None))
    };
    protocol.map_err(|e| e.to_string())
}

/// Alpha composited over `background`.
fn flatten(image: &RgbaImage, background: [u8; 3]) -> RgbImage {
    RgbImage::from_fn(image.width(), image.height(), |x, y| {
        let p = image.get_pixel(x, y).0;
        let a = u16::from(p[3]);
        let mix = |c: u8, b: u8| ((u16::from(c) * a + u16::from(b) * (255 - a) + 127) / 255) as u8;
        Rgb([
            mix(p[0], background[0]),
            mix(p[1], background[1]),
            mix(p[2], background[2]),
        ])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HALF: FontSize = FontSize::new(10, 20);

    #[test]
    fn fit_keeps_the_aspect_ratio_for_the_font() {
        // 3:2 in cells twice as tall as wide: 30 cells wide is 10 rows tall.
        assert_eq!(fit(300, 200, Size::new(30, 40), HALF), Size::new(30, 10));
        // Limited by height instead.
        assert_eq!(fit(300, 200, Size::new(80, 5), HALF), Size::new(15, 5));
        // A square banner image in a square-ish slot.
        assert_eq!(fit(100, 100, Size::new(8, 4), HALF), Size::new(8, 4));
        assert_eq!(fit(100, 100, Size::new(0, 4), HALF), Size::new(0, 0));
        // Extreme shapes still get a cell.
        assert_eq!(fit(4000, 1, Size::new(10, 10), HALF), Size::new(10, 1));
    }

    #[test]
    fn centre_places_the_image_in_the_middle_of_its_slot() {
        let slot = Rect::new(10, 5, 20, 8);
        assert_eq!(centre(slot, Size::new(10, 8)), Rect::new(15, 5, 10, 8));
        assert_eq!(centre(slot, Size::new(30, 2)), Rect::new(10, 8, 20, 2));
    }

    #[test]
    fn transparency_takes_the_card_colour() {
        let mut image = RgbaImage::new(2, 1);
        image.put_pixel(0, 0, image::Rgba([255, 0, 0, 255]));
        image.put_pixel(1, 0, image::Rgba([255, 0, 0, 0]));
        let flat = flatten(&image, [0, 0, 200]);
        assert_eq!(flat.get_pixel(0, 0).0, [255, 0, 0]);
        assert_eq!(flat.get_pixel(1, 0).0, [0, 0, 200]);
    }

    #[test]
    fn half_blocks_are_the_asked_size_and_the_image_colours() {
        let image = RgbaImage::from_pixel(300, 200, image::Rgba([10, 200, 30, 255]));
        let protocol = encode(&image, &Picker::halfblocks(), Size::new(12, 4), [0; 3]).unwrap();
        assert_eq!(protocol.size(), Size::new(12, 4));
        let mut buf = ratatui::buffer::Buffer::empty(Rect::new(0, 0, 12, 4));
        ratatui::widgets::Widget::render(ratatui_image::Image::new(&protocol), buf.area, &mut buf);
        assert_eq!(buf[(5, 2)].bg, ratatui::style::Color::Rgb(10, 200, 30));
    }
}
