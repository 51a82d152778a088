#!/usr/bin/env bash
# Installs what building PSP needs on a fresh Debian machine: the C libraries and tools that
# solana-test-validator's dependencies build against (hidapi, rocksdb bindgen, etcd-client),
# PostgreSQL (the indexer's embedded cluster runs its initdb/pg_ctl), cargo-nextest, and the Anchor
# CLI (IDL generation). Idempotent and quick when all is present.
set -euo pipefail

packages=(libudev-dev libclang-dev protobuf-compiler pkg-config libssl-dev postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing ${missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if ! cargo nextest --version >/dev/null 2>&1; then
  echo "bootstrap: installing cargo-nextest"
  cargo install cargo-nextest --locked
fi
