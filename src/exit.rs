//! Process exit codes, documented in README so cron jobs can act on them.

/// Everything worked.
pub const OK: i32 = 0;
/// An unexpected error stopped the command.
pub const FAILURE: i32 = 1;
/// Bad command line or configuration (feeds.toml, models): nothing was done.
pub const CONFIG: i32 = 2;
/// The command finished, but some sources or pages failed (recorded in `fetch_errors`).
pub const PARTIAL: i32 = 3;
/// Another process holds the database lock; nothing was done.
pub const LOCKED: i32 = 4;
