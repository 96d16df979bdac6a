//! A campaign image from bytes to the terminal: decoding the demo's 300x200 PNG, and resizing it
//! into a 40x12-cell half-block image, the target size (under 2 ms median, both steps).

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use pinview::images::{Format, Limits, decode, frame};
use ratatui::layout::Size;
use ratatui_image::picker::Picker;

/// A real picture from the demo, not a flat colour: its compression and resize cost are real.
const TOUR: &[u8] = include_bytes!("../assets/demo/images/tour-1.png");
const CELLS: Size = Size::new(40, 12);
/// The card colour transparency is flattened onto.
const BACKGROUND: [u8; 3] = [255, 255, 255];

fn images(c: &mut Criterion) {
    let limits = Limits::default();
    let picker = Picker::halfblocks();
    let loaded = decode(TOUR, &limits).expect("tour-1.png decodes");
    assert_eq!(
        (loaded.info.width, loaded.info.height, loaded.info.format),
        (300, 200, Format::Png)
    );
    let frame = frame::encode(&loaded.pixels, &picker, CELLS, BACKGROUND).expect("encodes");
    assert_eq!(frame.size(), CELLS);

    let mut group = c.benchmark_group("images");
    group.bench_function("decode 300x200 png", |b| {
        b.iter(|| decode(black_box(TOUR), &limits).expect("decodes"))
    });
    group.bench_function("decode+halfblocks 300x200 png to 40x12", |b| {
        b.iter(|| {
            let loaded = decode(black_box(TOUR), &limits).expect("decodes");
            frame::encode(&loaded.pixels, &picker, CELLS, BACKGROUND).expect("encodes")
        })
    });
    group.bench_function("halfblocks 40x12 from decoded", |b| {
        b.iter(|| {
            frame::encode(black_box(&loaded.pixels), &picker, CELLS, BACKGROUND).expect("encodes")
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(5));
    targets = images
}
criterion_main!(benches);
