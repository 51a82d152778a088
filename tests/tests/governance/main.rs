//! `psp-governance` test suite on the native program-test harness: realms over a staking pool
//! whose admin is the realm's treasury, proposals with treasury-signed instructions executed
//! after the hold-up, quorum / approval / tipping edges, the council's veto and expiry, vote
//! changes, the flash-loan defences, settings changed only by proposals (and stale proposals),
//! pause bits, treasury-only signers, and the security checklist.
mod common;

mod council;
mod flash;
mod lifecycle;
mod outcome;
mod pause;
mod proposals;
mod security;
mod settings;
mod signers;
mod votes;
