//! What a sign-in costs in the key port, with the real Argon2id (m = 19 MiB, t = 2, p = 1) and
//! XChaCha20-Poly1305, side by side:
//!
//! - **verify + unwrap**: the design — the PHC hash is checked (`verify_password`), then the office key is
//!   unwrapped with the same password (`unwrap_with_password`): two Argon2id derivations for a right password;
//! - **unwrap only**: the alternative — no separate hash, the wrapping's tag as the password check: one
//!   derivation. The difference between the two is what the separate PHC verify costs;
//! - **verify only**: what a wrong password (or an unknown user name, `verify_nothing`) costs in the design.
//!
//! `cargo bench --bench sign_in` prints the median and p90 of its own runs, then criterion's figures for the
//! same paths. Nothing is asserted.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark: a panic is a failure with its location

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::Criterion;
use ehr_core::auth::Password;
use ehr_core::ports::{KeyVault, PasswordHash, WrappedKey};
use ehr_secrets::Vault;

const RUNS: usize = 40;

struct Account {
    password: Password,
    hash: PasswordHash,
    wrapped: WrappedKey,
}

fn account() -> Account {
    let password = Password::parse("correct horse battery staple").unwrap();
    let (key, _recovery) = Vault.new_office_key().unwrap();
    Account {
        hash: Vault.hash_password(&password).unwrap(),
        wrapped: key.wrap_for_password(&password).unwrap(),
        password,
    }
}

fn verify_and_unwrap(account: &Account) {
    assert!(Vault.verify_password(black_box(&account.password), &account.hash));
    black_box(
        Vault
            .unwrap_with_password(&account.wrapped, black_box(&account.password))
            .unwrap(),
    );
}

fn unwrap_only(account: &Account) {
    black_box(
        Vault
            .unwrap_with_password(&account.wrapped, black_box(&account.password))
            .unwrap(),
    );
}

fn verify_only(account: &Account) {
    black_box(Vault.verify_password(black_box(&account.password), &account.hash));
}

type Path = (&'static str, fn(&Account));

const PATHS: [Path; 3] = [
    ("verify + unwrap", verify_and_unwrap),
    ("unwrap only", unwrap_only),
    ("verify only", verify_only),
];

/// Nearest rank: with few runs the p90 is near the largest.
fn at(sorted: &[Duration], q: f64) -> Duration {
    let rank = ((q * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn own_figures(account: &Account) {
    let columns: Vec<(&str, Vec<Duration>)> = PATHS
        .iter()
        .map(|(name, path)| {
            path(account); // warm: the first allocation of 19 MiB is not what a sign-in costs
            let mut times: Vec<Duration> = (0..RUNS)
                .map(|_| {
                    let started = Instant::now();
                    path(account);
                    started.elapsed()
                })
                .collect();
            times.sort();
            (*name, times)
        })
        .collect();
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1000.0);
    println!("sign-in in the key port, Argon2id m=19456 KiB t=2 p=1, {RUNS} runs each");
    print!("{:<8}", "");
    for (name, _) in &columns {
        print!("{name:>18}");
    }
    println!();
    for (label, q) in [("min", 0.0), ("median", 0.5), ("p90", 0.9), ("max", 1.0)] {
        print!("{label:<8}");
        for (_, times) in &columns {
            print!("{:>18}", ms(at(times, q)));
        }
        println!();
    }
    let median = |i: usize| at(&columns[i].1, 0.5).as_secs_f64();
    println!(
        "the separate PHC verify adds {:.1} ms to the median sign-in ({:.0}%)",
        (median(0) - median(1)) * 1000.0,
        100.0 * (median(0) - median(1)) / median(1)
    );
}

fn main() {
    let account = account();
    own_figures(&account);

    // Few samples: each takes tens of milliseconds and the machine is shared.
    let mut criterion = Criterion::default()
        .sample_size(20)
        .measurement_time(Duration::from_secs(8))
        .configure_from_args();
    let mut group = criterion.benchmark_group("sign-in");
    for (name, path) in PATHS {
        group.bench_function(name, |b| b.iter(|| path(&account)));
    }
    group.finish();
    criterion.final_summary();
}
