//! A child process's peak resident memory, measured from a fresh copy of the bench: a child the
//! bench spawns itself would count the bench's own high-water mark (the spawn shares its memory
//! until the exec), and a bench has held its generated data.
//!
//! Linux only: getrusage's ru_maxrss, in KiB.

use std::ffi::OsStr;
use std::process::Command;

/// Set to what the measuring copy is to run on (a folder, a file).
pub const MEASURE: &str = "PINVIEW_BENCH_MEASURE";

/// The largest resident set of any child waited for so far, in KiB (Linux reports KiB).
pub fn children_peak_kib() -> i64 {
    // SAFETY: getrusage only writes the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let rc = unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    if rc == 0 { usage.ru_maxrss } else { -1 }
}

/// Runs this bench again with `MEASURE` set to `on`; the copy runs its one child and prints
/// `children_peak_kib`, read back here.
pub fn peak_kib(on: impl AsRef<OsStr>) -> i64 {
    let out = Command::new(std::env::current_exe().expect("this bench's path"))
        .env(MEASURE, on)
        .output()
        .expect("run the measuring copy");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .unwrap_or(-1)
}
