//! `psp-governance` test suite on the native program-test harness: realms over a staking pool
//! whose admin is the realm's treasury, proposals with treasury-signed instructions executed
//! after the hold-up, quorum / approval / tipping edges, the council's veto and expiry, vote
//! changes (final once tipped), eligibility fixed when a vote starts, the flash-loan defences,
//! settings changed only by proposals (and stale proposals), pause bits, treasury-only
//! signers, events (all `emit_cpi!`), and the security checklist.
mod common;

mod council;
mod events;
mod flash;
mod lifecycle;
mod outcome;
mod pause;
mod proposals;
mod security;
mod settings;
mod signers;
mod votes;
