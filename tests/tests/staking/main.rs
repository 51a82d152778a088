//! `psp-staking` test suite on the native program-test harness: pools, on-chain reward accrual,
//! lockup boosts, cooldown and withdrawal, reward streams and their outflow cap, pause bits,
//! admin settings, voting power, the security checklist, the reward state replayed from events
//! alone, and a property test driving the real program.
mod common;

mod accrual;
mod admin;
mod cooldown;
mod locks;
mod mint_close_authority;
mod pause;
mod pool;
mod properties;
mod replay;
mod security;
mod streams;
mod voting;
