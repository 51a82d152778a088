#!/usr/bin/env bash
# Generates the Anchor IDL of every program under programs/ into idl/<lib_name>.json, natively:
# `anchor idl build` compiles and runs the program's `idl-build` test (no Solana/SBF tools needed).
#
# Usage: scripts/idl.sh [--check]
#   (no flag)  regenerate idl/*.json
#   --check    regenerate into a temp dir and diff against the committed idl/*.json (CI)
# IDL_DIR=<dir> compares against / writes to another directory than idl/ (default: idl).
set -euo pipefail
cd "$(dirname "$0")/.."

ANCHOR_VERSION=0.31.1
IDL_DIR="${IDL_DIR:-idl}"
# The cargo target: CARGO_TARGET_DIR when set, else cargo's default ./target (shared with the
# other commands of the README).

check=0
case "${1:-}" in
  "") ;;
  --check) check=1 ;;
  *) echo "usage: scripts/idl.sh [--check]" >&2; exit 2 ;;
esac

# The Anchor CLI, from crates.io (its npm binary needs a newer glibc than these machines have).
# Installed with cargo's own temporary target dir, not the shared one.
anchor_bin="$(command -v anchor || true)"
if [ -z "$anchor_bin" ] || [ "$("$anchor_bin" --version 2>/dev/null)" != "anchor-cli $ANCHOR_VERSION" ]; then
  echo "idl: installing anchor-cli $ANCHOR_VERSION (6-11 minutes on 2 cores)"
  env -u CARGO_TARGET_DIR cargo install anchor-cli --version "$ANCHOR_VERSION" --locked
  anchor_bin="${CARGO_HOME:-$HOME/.cargo}/bin/anchor"
fi

# `anchor idl build` needs Anchor.toml. Without a [programs.localnet] table (and with no
# ./target/deploy) it would generate program keypairs and rewrite declare_id! in the sources.
if ! grep -q '^\[programs\.localnet\]' Anchor.toml 2>/dev/null; then
  echo "idl: Anchor.toml with a [programs.localnet] table is required" >&2
  exit 1
fi

# Anchor 0.31 builds the IDL with `cargo +nightly` unless RUSTUP_TOOLCHAIN is set: use the
# toolchain the workspace builds with (same compiler, warm target dir, nothing extra to install).
if [ -z "${RUSTUP_TOOLCHAIN:-}" ]; then
  RUSTUP_TOOLCHAIN="$(rustup show active-toolchain | cut -d' ' -f1)"
  export RUSTUP_TOOLCHAIN
fi
# Anchor 0.31 also forces RUSTFLAGS="--cfg procmacro2_semver_exempt -A warnings". On stable that
# cfg switches proc-macro2 to its fallback printer ("user . key ()"), which breaks Anchor's
# seed parser ("cannot find value `multisig` in this scope"). Anchor 0.32 dropped the cfg; do
# the same by passing the caller's flags as CARGO_ENCODED_RUSTFLAGS, which cargo prefers over
# RUSTFLAGS. Same flags as the normal build also keep the shared target dir warm.
if [ -z "${CARGO_ENCODED_RUSTFLAGS+set}" ]; then
  CARGO_ENCODED_RUSTFLAGS="$(printf '%s' "${RUSTFLAGS:-}" | xargs -r printf '%s\x1f' | sed 's/\x1f$//')"
  export CARGO_ENCODED_RUSTFLAGS
fi

# The crate's lib name: [lib] name, else the package name with '-' -> '_' (as Anchor does).
lib_name() {
  awk -F'"' '
    /^\[/ { section = $0 }
    section == "[package]" && /^name *=/ { pkg = $2 }
    section == "[lib]" && /^name *=/ { lib = $2 }
    END { if (lib == "") { lib = pkg; gsub("-", "_", lib) }; print lib }
  ' "$1/Cargo.toml"
}

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

for dir in programs/*/; do
  dir="${dir%/}"
  [ -f "$dir/Cargo.toml" ] || continue
  name="$(lib_name "$dir")"
  echo "idl: building $name ($dir)"
  # -p takes the lib name or the directory name of a program listed in Anchor.toml [workspace].
  "$anchor_bin" idl build -p "$name" -o "$out/$name.json"
  # Anchor writes no final newline; add one so editors and linters leave the file alone.
  echo >>"$out/$name.json"
done

if [ "$check" -eq 0 ]; then
  mkdir -p "$IDL_DIR"
  # Drop IDLs of programs that no longer exist, then install the fresh ones.
  for f in "$IDL_DIR"/*.json; do
    [ -e "$f" ] || continue
    [ -e "$out/$(basename "$f")" ] || { echo "idl: removing stale $f"; rm -f "$f"; }
  done
  cp "$out"/*.json "$IDL_DIR"/
  echo "idl: wrote $(cd "$out" && ls *.json | sed "s|^|$IDL_DIR/|" | tr '\n' ' ')"
  exit 0
fi

# --check: every generated IDL must be committed unchanged, and no committed IDL may be stale.
status=0
for f in "$out"/*.json; do
  committed="$IDL_DIR/$(basename "$f")"
  if [ ! -f "$committed" ]; then
    echo "idl: $committed is missing" >&2
    status=1
  elif ! diff -u --label "$committed (committed)" --label "$committed (generated)" "$committed" "$f"; then
    status=1
  fi
done
for f in "$IDL_DIR"/*.json; do
  [ -e "$f" ] || continue
  [ -e "$out/$(basename "$f")" ] || { echo "idl: $f has no program under programs/" >&2; status=1; }
done
if [ "$status" -ne 0 ]; then
  echo "IDL out of date: run scripts/idl.sh" >&2
  exit 1
fi
echo "idl: up to date"
