//! Property runs bounded by time instead of a case count, with every failing seed persisted.

use std::fmt::Debug;
use std::time::{Duration, Instant};

use proptest::strategy::Strategy;
use proptest::test_runner::{
    Config, FileFailurePersistence, TestCaseResult, TestError, TestRunner,
};

/// Seconds each target runs for; unset, a plain `cargo test` spends [`DEFAULT_SECONDS`] on each.
const BUDGET_VARIABLE: &str = "EHR_FUZZ_SECONDS";
const DEFAULT_SECONDS: f64 = 2.0;
/// Cases per batch: a fresh runner (fresh random seed) per batch, replaying the kept failures first.
const BATCH: u32 = 128;

fn budget() -> Duration {
    let seconds = std::env::var(BUDGET_VARIABLE)
        .ok()
        .and_then(|value| value.parse::<f64>().ok())
        .filter(|seconds| seconds.is_finite() && *seconds > 0.0)
        .unwrap_or(DEFAULT_SECONDS);
    Duration::from_secs_f64(seconds)
}

/// Where a target keeps its failing seeds, beside this file.
#[macro_export]
macro_rules! regressions {
    ($target:literal) => {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fuzz/regressions/",
            $target,
            ".txt"
        )
    };
}

/// Runs `test` on values of `strategy` until the budget is spent (at least one batch). Panics with the
/// shrunk input on the first failure, after its seed is written to `regressions`.
pub fn fuzz<S>(regressions: &'static str, strategy: S, test: impl Fn(S::Value) -> TestCaseResult)
where
    S: Strategy,
    S::Value: Debug,
{
    let started = Instant::now();
    let budget = budget();
    let mut cases: u64 = 0;
    loop {
        let config = Config {
            cases: BATCH,
            failure_persistence: Some(Box::new(FileFailurePersistence::Direct(regressions))),
            // Shrinking a large input must not eat the whole run.
            max_shrink_time: 20_000,
            ..Config::default()
        };
        match TestRunner::new(config).run(&strategy, &test) {
            Ok(()) => {}
            Err(TestError::Fail(reason, input)) => {
                panic!("{reason} (seed kept in {regressions})\nminimal failing input: {input:#?}")
            }
            Err(TestError::Abort(reason)) => panic!("the run was aborted: {reason}"),
        }
        cases += u64::from(BATCH);
        if started.elapsed() >= budget {
            break;
        }
    }
    let name = regressions.rsplit('/').next().unwrap_or(regressions);
    eprintln!(
        "fuzz {name}: {cases} cases in {:.1} s",
        started.elapsed().as_secs_f64()
    );
}
