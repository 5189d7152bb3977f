//! Where a crawl spends CPU: per-stage thread CPU time, collected always (two
//! clock reads per stage call) and read by the end-to-end benchmark.

use std::sync::atomic::{AtomicU64, Ordering};

/// The pipeline's CPU-bound stages; fetching is what remains of process CPU.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    FeedParse,
    Extract,
    Classify,
    Store,
}

const STAGES: usize = 4;
static NANOS: [AtomicU64; STAGES] = [const { AtomicU64::new(0) }; STAGES];

/// CPU time of the calling thread, in nanoseconds.
pub fn thread_cpu_ns() -> u64 {
    #[cfg(unix)]
    {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes into the timespec we own.
        if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) } == 0 {
            return ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64;
        }
    }
    0
}

/// Runs `f`, charging its thread CPU time to `stage`.
pub fn timed<T>(stage: Stage, f: impl FnOnce() -> T) -> T {
    let start = thread_cpu_ns();
    let out = f();
    NANOS[stage as usize].fetch_add(thread_cpu_ns().saturating_sub(start), Ordering::Relaxed);
    out
}

/// CPU seconds charged to each stage so far: (feed parse, extract, classify, store).
pub fn stage_seconds() -> [f64; STAGES] {
    let mut out = [0.0; STAGES];
    for (i, n) in NANOS.iter().enumerate() {
        out[i] = n.load(Ordering::Relaxed) as f64 / 1e9;
    }
    out
}

/// User + system CPU seconds of the whole process, and its peak resident set in bytes.
pub fn process_usage() -> (f64, u64) {
    #[cfg(unix)]
    {
        // SAFETY: getrusage fills the struct we own.
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut ru) } == 0 {
            let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
            return (
                secs(ru.ru_utime) + secs(ru.ru_stime),
                ru.ru_maxrss as u64 * 1024,
            );
        }
    }
    (0.0, 0)
}
