//! Property tests: generated input against the parser, the drawing, the state machine and the
//! server, each property bounded and seeded here and run far longer on demand.
//!
//! `cargo test` runs every property a fixed number of cases from a fixed seed, so a run is
//! repeatable and writes no files. The `#[ignore]`d `*_long` tests run the same properties with
//! `PINVIEW_PROPTEST_CASES` cases (default 20 times the bounded count) from
//! `PINVIEW_PROPTEST_SEED` (default: a new seed, printed so a failure can be replayed):
//!
//! ```sh
//! PINVIEW_PROPTEST_CASES=20000 cargo test props -- --ignored --nocapture
//! ```

mod campaigns;
mod draw;
mod machine;
mod output;
mod parse;
mod serve;
mod serve_requests;
mod strings;

use std::fmt::Debug;
use std::time::Instant;

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, RngSeed, TestCaseError, TestError, TestRunner};

/// The seed of every bounded run: change it and the cases change, keep it and they do not.
const SEED: u64 = 0x0070_696e_7669_6577;

/// How many cases, from which seed: the bounded run's, or the long run's from the environment.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    pub cases: u32,
    pub seed: u64,
}

impl Budget {
    pub fn bounded(cases: u32) -> Budget {
        Budget { cases, seed: SEED }
    }

    /// `PINVIEW_PROPTEST_CASES` cases (else 20 times `bounded`), from `PINVIEW_PROPTEST_SEED`
    /// (else one from the clock, printed).
    pub fn long(bounded: u32) -> Budget {
        let var = |name: &str| std::env::var(name).unwrap_or_default();
        let clock = || {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
            now.map_or(SEED, |d| d.as_nanos() as u64)
        };
        Budget {
            cases: (var("PINVIEW_PROPTEST_CASES").trim().parse().ok())
                .unwrap_or(bounded.saturating_mul(20)),
            seed: (var("PINVIEW_PROPTEST_SEED").trim().parse().ok()).unwrap_or_else(clock),
        }
    }
}

/// Runs `test` on `budget.cases` values of `strategy`; on failure, panics with the shrunk input.
/// Panics inside `test` are caught by proptest and count as failures.
pub fn run<S>(
    name: &str,
    budget: Budget,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) where
    S: Strategy,
    S::Value: Debug,
{
    let config = Config {
        cases: budget.cases,
        rng_seed: RngSeed::Fixed(budget.seed),
        // No proptest-regressions files: the seed is the record.
        failure_persistence: None,
        // A failure is reported within a couple of minutes even when shrinking is slow.
        max_shrink_time: 120_000,
        ..Config::default()
    };
    let started = Instant::now();
    let result = TestRunner::new(config).run(&strategy, test);
    let took = started.elapsed();
    match result {
        Ok(()) => eprintln!(
            "props {name}: {} cases in {took:.1?} (seed {})",
            budget.cases, budget.seed
        ),
        Err(TestError::Fail(why, input)) => panic!(
            "props {name} failed (seed {}): {why}\nshrunk input: {input:#?}",
            budget.seed
        ),
        Err(TestError::Abort(why)) => panic!("props {name} aborted: {why}"),
    }
}
