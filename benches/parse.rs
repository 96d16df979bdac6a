//! Parsing API bodies against their floor: serde_json into the same typed structs (the API
//! body's own shape, no shape detection, no error paths), and an untyped `Value` for scale.

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

mod common;

fn parse_1000(c: &mut Criterion) {
    let bytes = common::api_body();
    let parsed = pinview::model::input::parse_campaigns(&bytes).expect("bench body parses");
    assert_eq!(parsed.len(), common::CAMPAIGNS);

    let mut group = c.benchmark_group("parse_1000");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.bench_function("pinview", |b| {
        b.iter(|| pinview::model::input::parse_campaigns(black_box(&bytes)).unwrap())
    });
    group.bench_function("serde_json_value_floor", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(&bytes)).unwrap())
    });
    group.bench_function("serde_json_typed_floor", |b| {
        b.iter(|| {
            serde_json::from_slice::<pinview::model::InAppMessagesResponse>(black_box(&bytes))
                .unwrap()
        })
    });
    group.finish();
}

/// The hardening target: ten thousand campaigns (about 14 MB) within 1.5x of the typed floor.
fn parse_10000(c: &mut Criterion) {
    let bytes = common::large_body();
    let parsed = pinview::model::input::parse_campaigns(&bytes).expect("bench body parses");
    assert_eq!(parsed.len(), common::LARGE_CAMPAIGNS);
    eprintln!("parse_10000: {} bytes", bytes.len());

    let mut group = c.benchmark_group("parse_10000");
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    group.sample_size(20);
    group.bench_function("pinview", |b| {
        b.iter(|| pinview::model::input::parse_campaigns(black_box(&bytes)).unwrap())
    });
    group.bench_function("serde_json_typed_floor", |b| {
        b.iter(|| {
            serde_json::from_slice::<pinview::model::InAppMessagesResponse>(black_box(&bytes))
                .unwrap()
        })
    });
    // What opening, rendering and serving a file do: read it a chunk at a time, never whole.
    group.bench_function("pinview_streamed", |b| {
        b.iter(|| {
            pinview::model::stream::read_campaigns(std::io::Cursor::new(black_box(&bytes))).unwrap()
        })
    });
    // The same from the file, beside the floor reading the whole file first.
    let file = std::env::temp_dir().join(format!("pinview-bench-{}.json", std::process::id()));
    std::fs::write(&file, &bytes).expect("a temporary file");
    group.bench_function("pinview_streamed_file", |b| {
        b.iter(|| {
            let f = std::fs::File::open(black_box(&file)).unwrap();
            pinview::model::stream::read_campaigns(f).unwrap()
        })
    });
    group.bench_function("serde_json_typed_floor_file", |b| {
        b.iter(|| {
            let read = std::fs::read(black_box(&file)).unwrap();
            serde_json::from_slice::<pinview::model::InAppMessagesResponse>(&read).unwrap()
        })
    });
    group.finish();
    let _ = std::fs::remove_file(&file);
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(10));
    targets = parse_1000, parse_10000
}
criterion_main!(benches);
