//! Parsing a 1,000-campaign, ~2 MB API body, against parsing the same bytes into an untyped
//! `serde_json::Value` as a floor.

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
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(10));
    targets = parse_1000
}
criterion_main!(benches);
