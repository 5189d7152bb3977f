#!/usr/bin/env bash
# The main job: build (first time only), crawl the sources in feeds.toml into
# beatwatch.db, then print today's digest. Safe to run from cron; exit codes in README.
set -uo pipefail
cd "$(dirname "$0")"
cargo build --release --locked --quiet || exit 1
BIN=target/release/beatwatch
"$BIN" crawl "$@"
crawl_status=$?
# 0 = ok, 3 = some sources failed: still worth a digest. Anything else stops here.
if [ "$crawl_status" -ne 0 ] && [ "$crawl_status" -ne 3 ]; then
  exit "$crawl_status"
fi
if "$BIN" digest --help >/dev/null 2>&1; then
  "$BIN" digest --since 24h || exit $?
else
  "$BIN" stats
fi
exit "$crawl_status"
