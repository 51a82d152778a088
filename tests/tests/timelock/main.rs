//! `psp-timelock` test suite on the native program-test harness: schedules, policies, cancel
//! splits and closing, Token-2022, high-value veto, the outflow circuit breaker and the fresh
//! credit that keeps strangers from tripping it, pause bits, admin settings, the security
//! checklist, a multisig vault as admin, and a property test driving the real program.
mod common;
// The multisig suite's fixture (propose / vote / execute vault transactions), shared as is.
#[path = "../multisig/common.rs"]
#[allow(dead_code)]
mod multisig_fixture;

mod admin;
mod breaker;
mod cancel;
mod fresh_credit;
mod high_value;
mod mint_close_authority;
mod multisig;
mod pause;
mod policies;
mod properties;
mod schedules;
mod security;
mod token2022;
