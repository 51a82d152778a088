//! Syscall stubs for native PSP programs.
//!
//! Natively, every `sol_*` syscall goes through one process-global `SyscallStubs` object
//! (`solana_program::program_stubs`). `solana-program-test` installs stubs that implement CPI,
//! sysvars and return data against the current `InvokeContext`; without them native programs
//! cannot CPI or read sysvars, even inside the test validator. They print `sol_log_data`
//! (Anchor `emit!`) to stdout, though, so we wrap them: every method is forwarded, except that
//! `sol_log_data` writes `Program data: <base64>` into the transaction's log collector, and,
//! in [`EventCpiLogging::RecordInLogs`] mode, `emit_cpi!` self-invocations are also logged.

use std::sync::{Arc, Once, OnceLock};

use anchor_lang::solana_program::{
    account_info::AccountInfo,
    entrypoint::ProgramResult,
    instruction::Instruction,
    program_stubs::{set_syscall_stubs, SyscallStubs},
    pubkey::Pubkey,
};
use base64::{prelude::BASE64_STANDARD, Engine};
use solana_program_runtime::stable_log;

use super::{is_psp_program, with_current_context};

/// Whether `emit_cpi!` events are also written to the transaction logs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventCpiLogging {
    /// Log `Program cpi-event: <base64 of the event after the 8-byte tag>` for every
    /// `sol_invoke_signed` into a PSP program whose data starts with Anchor's `EVENT_IX_TAG_LE`.
    /// For the program-test harness: program-test 2.3.13's `TransactionMetadata` has no inner
    /// instructions, so logs are the only place a test can see these events.
    RecordInLogs,
    /// Forward CPIs unchanged. For the validator: real inner instructions carry the events.
    Off,
}

/// Mode chosen by the first successful [`install_syscall_stubs`] call.
static MODE: OnceLock<EventCpiLogging> = OnceLock::new();

/// Wraps the installed stubs with PSP's (see the module docs). Idempotent: the first call wins
/// and its mode is returned on every later call.
///
/// Must run only after program-test has installed its own stubs, which it does under a private
/// `Once` in the first `ProgramTest::start*` of the process; installing ours earlier would let
/// that first start replace them. Use [`ensure_syscall_stubs`] when unsure.
pub fn install_syscall_stubs(mode: EventCpiLogging) -> EventCpiLogging {
    let installed = *MODE.get_or_init(|| {
        // One replacement, then hand program-test's stubs (returned by the swap) to ours: no
        // syscall of a concurrently running test ever sees default stubs (whose CPI is a silent
        // no-op); one landing in between waits in `PspStubs::inner`.
        let inner = Arc::new(OnceLock::new());
        let previous = set_syscall_stubs(Box::new(PspStubs { inner: inner.clone(), mode }));
        assert!(inner.set(previous).is_ok(), "PSP stubs initialised twice");
        tracing::debug!(?mode, "PSP syscall stubs installed");
        mode
    });
    if installed != mode {
        tracing::warn!(requested = ?mode, ?installed, "syscall stubs already installed in another mode");
    }
    installed
}

/// Starts a throwaway `ProgramTest` once per process (so program-test's stubs are in place),
/// then calls [`install_syscall_stubs`]. Safe to call from sync or async code: the throwaway runs
/// on its own thread and runtime, which are gone when this returns.
///
/// `ProgramTest::default()` points the `log` crate at `solana_logger` with debug output for every
/// executed instruction (a line per vote on a validator). The throwaway's filter is reset to
/// solana_logger's quiet default (`error`, or `RUST_LOG` if set); set up other logging after
/// this call. Later `ProgramTest`s install their debug filter again, as usual.
pub fn ensure_syscall_stubs(mode: EventCpiLogging) -> EventCpiLogging {
    static PROGRAM_TEST_STARTED: Once = Once::new();
    PROGRAM_TEST_STARTED.call_once(|| {
        std::thread::spawn(|| {
            let runtime = solana_program_test::tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("tokio runtime for the throwaway ProgramTest");
            runtime.block_on(solana_program_test::ProgramTest::default().start());
        })
        .join()
        .expect("throwaway ProgramTest panicked");
        solana_logger::setup();
    });
    install_syscall_stubs(mode)
}

/// Forwards every syscall to `inner` (program-test's stubs) except the two documented above.
struct PspStubs {
    inner: Arc<OnceLock<Box<dyn SyscallStubs>>>,
    mode: EventCpiLogging,
}

impl PspStubs {
    /// The wrapped stubs; set right after installation, so the wait is at most a few instructions.
    fn inner(&self) -> &dyn SyscallStubs {
        loop {
            if let Some(inner) = self.inner.get() {
                return inner.as_ref();
            }
            std::thread::yield_now();
        }
    }
}

impl SyscallStubs for PspStubs {
    fn sol_log_data(&self, fields: &[&[u8]]) {
        let logged = with_current_context(|ic| stable_log::program_data(&ic.get_log_collector(), fields));
        // Outside a PSP builtin (e.g. a program hosted with plain `processor!`) keep the old path.
        if logged.is_none() {
            self.inner().sol_log_data(fields);
        }
    }

    fn sol_invoke_signed(
        &self,
        instruction: &Instruction,
        account_infos: &[AccountInfo],
        signers_seeds: &[&[&[u8]]],
    ) -> ProgramResult {
        if self.mode == EventCpiLogging::RecordInLogs
            && instruction.data.starts_with(anchor_lang::event::EVENT_IX_TAG_LE)
            && is_psp_program(&instruction.program_id)
        {
            let event = &instruction.data[anchor_lang::event::EVENT_IX_TAG_LE.len()..];
            let line = format!("Program cpi-event: {}", BASE64_STANDARD.encode(event));
            with_current_context(|ic| {
                if let Some(collector) = ic.get_log_collector() {
                    collector.borrow_mut().log(&line);
                }
            });
        }
        self.inner().sol_invoke_signed(instruction, account_infos, signers_seeds)
    }

    // Everything below is plain forwarding, one line per `SyscallStubs` method.
    fn sol_log(&self, message: &str) {
        self.inner().sol_log(message)
    }
    fn sol_log_compute_units(&self) {
        self.inner().sol_log_compute_units()
    }
    fn sol_remaining_compute_units(&self) -> u64 {
        self.inner().sol_remaining_compute_units()
    }
    fn sol_get_sysvar(&self, sysvar_id_addr: *const u8, var_addr: *mut u8, offset: u64, length: u64) -> u64 {
        self.inner().sol_get_sysvar(sysvar_id_addr, var_addr, offset, length)
    }
    fn sol_get_clock_sysvar(&self, var_addr: *mut u8) -> u64 {
        self.inner().sol_get_clock_sysvar(var_addr)
    }
    fn sol_get_epoch_schedule_sysvar(&self, var_addr: *mut u8) -> u64 {
        self.inner().sol_get_epoch_schedule_sysvar(var_addr)
    }
    fn sol_get_fees_sysvar(&self, var_addr: *mut u8) -> u64 {
        self.inner().sol_get_fees_sysvar(var_addr)
    }
    fn sol_get_rent_sysvar(&self, var_addr: *mut u8) -> u64 {
        self.inner().sol_get_rent_sysvar(var_addr)
    }
    fn sol_get_epoch_rewards_sysvar(&self, var_addr: *mut u8) -> u64 {
        self.inner().sol_get_epoch_rewards_sysvar(var_addr)
    }
    fn sol_get_last_restart_slot(&self, var_addr: *mut u8) -> u64 {
        self.inner().sol_get_last_restart_slot(var_addr)
    }
    fn sol_get_epoch_stake(&self, vote_address: *const u8) -> u64 {
        self.inner().sol_get_epoch_stake(vote_address)
    }
    unsafe fn sol_memcpy(&self, dst: *mut u8, src: *const u8, n: usize) {
        self.inner().sol_memcpy(dst, src, n)
    }
    unsafe fn sol_memmove(&self, dst: *mut u8, src: *const u8, n: usize) {
        self.inner().sol_memmove(dst, src, n)
    }
    unsafe fn sol_memcmp(&self, s1: *const u8, s2: *const u8, n: usize, result: *mut i32) {
        self.inner().sol_memcmp(s1, s2, n, result)
    }
    unsafe fn sol_memset(&self, s: *mut u8, c: u8, n: usize) {
        self.inner().sol_memset(s, c, n)
    }
    fn sol_get_return_data(&self) -> Option<(Pubkey, Vec<u8>)> {
        self.inner().sol_get_return_data()
    }
    fn sol_set_return_data(&self, data: &[u8]) {
        self.inner().sol_set_return_data(data)
    }
    fn sol_get_processed_sibling_instruction(&self, index: usize) -> Option<Instruction> {
        self.inner().sol_get_processed_sibling_instruction(index)
    }
    fn sol_get_stack_height(&self) -> u64 {
        self.inner().sol_get_stack_height()
    }
}
