#!/usr/bin/env bash
# The test command: prerequisites, IDL freshness, then every test of the workspace
# (unit, property, program-test suites, localnet and CLI end-to-end tests).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/psp/target}"

bash scripts/bootstrap.sh
bash scripts/idl.sh --check
cargo nextest run --workspace --no-fail-fast "$@"
