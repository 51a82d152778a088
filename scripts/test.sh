#!/usr/bin/env bash
# The test command: prerequisites, formatting, lints, IDL freshness, then every test of the
# workspace (unit, property, program-test suites, localnet and CLI end-to-end tests).
set -euo pipefail
cd "$(dirname "$0")/.."
# Cargo's own default target (./target) unless CARGO_TARGET_DIR is set: the same one
# `cargo run -p psp-cli -- demo` builds into, so the README's two commands build once.

bash scripts/bootstrap.sh
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
bash scripts/idl.sh --check
cargo nextest run --workspace --no-fail-fast "$@"
