//! Registering the PSP builtins in the validator's banks.
//!
//! `solana-test-validator` only loads SBF programs, so after start we call `Bank::add_builtin` on
//! every bank. Each new bank copies its builtin list from its parent and all banks share one
//! program cache, so once every live bank has the programs all descendants do; a background
//! thread still visits every new bank, which costs one registration per slot and closes the
//! window of banks created while we were installing.

use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;
use std::time::Duration;

use anyhow::{Context, Result};
use solana_program_runtime::loaded_programs::ProgramCacheEntry;
use solana_runtime::bank::Bank;
use solana_runtime::bank_forks::BankForks;
use solana_sdk::account::ReadableAccount;

use crate::native::psp_programs;

/// How often the installer thread looks for new banks (a slot is 400 ms).
const INSTALL_INTERVAL: Duration = Duration::from_millis(50);

/// Registers every PSP builtin in every bank of `bank_forks`; returns the number of banks
/// touched. Idempotent: registering a builtin again replaces it with an identical entry.
pub fn install_builtins(bank_forks: &RwLock<BankForks>) -> usize {
    install_new(bank_forks, &mut HashSet::new())
}

/// Like [`install_builtins`], skipping banks whose id is in `seen` (then recorded there).
fn install_new(bank_forks: &RwLock<BankForks>, seen: &mut HashSet<u64>) -> usize {
    // Collect first: `add_builtin` locks the program cache, never while we hold bank forks.
    let banks: Vec<Arc<Bank>> =
        bank_forks.read().unwrap().banks().values().map(|b| b.clone_without_scheduler()).collect();
    // Forget banks that left bank forks so `seen` stays small.
    let live: HashSet<u64> = banks.iter().map(|b| b.bank_id()).collect();
    seen.retain(|id| live.contains(id));
    let mut touched = 0;
    for bank in &banks {
        // `insert` is false for banks already handled.
        if !seen.insert(bank.bank_id()) {
            continue;
        }
        for program in psp_programs() {
            // A frozen bank cannot have the account written (a reused ledger from before the
            // program existed): `add_builtin` would panic. It executes nothing new; skip it.
            let has_account =
                bank.get_account(&program.id).is_some_and(|a| solana_sdk::native_loader::check_id(a.owner()));
            if bank.is_frozen() && !has_account {
                continue;
            }
            let entry = ProgramCacheEntry::new_builtin(0, program.name.len(), program.builtin);
            bank.add_builtin(program.id, program.name, entry);
        }
        tracing::trace!(slot = bank.slot(), "PSP builtins registered");
        touched += 1;
    }
    touched
}

/// Runs the installer until `stop` is set.
pub(crate) fn spawn_installer(bank_forks: Arc<RwLock<BankForks>>, stop: Arc<AtomicBool>) -> Result<JoinHandle<()>> {
    std::thread::Builder::new()
        .name("psp-builtins".into())
        .spawn(move || {
            let mut seen = HashSet::new();
            while !stop.load(Ordering::Relaxed) {
                install_new(&bank_forks, &mut seen);
                std::thread::sleep(INSTALL_INTERVAL);
            }
        })
        .context("spawning the builtin installer thread")
}
