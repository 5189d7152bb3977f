#!/usr/bin/env bash
# Runs every test (unit, integration, property tests) in one build profile.
# Works on a fresh machine: cargo fetches the pinned crates (Cargo.lock) from crates.io;
# tests that read ../shared skip with a message when it is absent.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v cargo >/dev/null; then
  echo "test.sh: cargo not found: install Rust (https://rustup.rs)" >&2
  exit 1
fi
export CARGO_TERM_COLOR=never
cargo test --workspace --locked --release --no-fail-fast "$@"
