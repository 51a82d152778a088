//! `psp-pop` test suite on the native program-test harness: whole epochs from participation
//! events to the sweep, on-chain voting and its rounds, the challenge window (vetoes and
//! finalization), claims and Merkle safety (multi-chunk epochs included), ed25519-signed
//! attestations, admin settings, pause bits, the security checklist, and a conservation
//! property test driving the real program.
mod common;
mod helpers;

mod admin;
mod challenge;
mod claims;
mod lifecycle;
mod merkle;
mod mint_close_authority;
mod pause;
mod properties;
mod security;
mod signed;
mod voting;
