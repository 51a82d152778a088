//! Native hosting of PSP Anchor programs inside real Solana runtimes.
//!
//! There is no SBF compiler on our machines, so every PSP program runs as a *native builtin*:
//! the program crate is linked into the host process and registered with the bank under its
//! program id. The same builtins serve both the `solana-program-test` harness (`tests/`) and the
//! in-process `solana-test-validator` ([`crate::Localnet`]).
//!
//! Pieces:
//! - [`native_builtin!`](crate::native_builtin) turns an Anchor program crate into a
//!   [`BuiltinFunctionWithContext`] (what program-test's `processor!` produces), tracking the
//!   current `InvokeContext` on a thread-local stack.
//! - [`install_syscall_stubs`] / [`ensure_syscall_stubs`] wrap program-test's syscall stubs so
//!   `emit!` events land in the transaction logs (see `native/stubs.rs`).
//! - [`psp_programs`] lists every PSP program with its builtin.

mod stubs;

use std::cell::RefCell;

use anchor_lang::solana_program::entrypoint::ProcessInstruction;
use solana_program_test::{get_runtime_environment_key, invoke_builtin_function, EbpfError, EbpfVm, InvokeContext};
use solana_sdk::pubkey::Pubkey;

pub use solana_program_runtime::invoke_context::BuiltinFunctionWithContext;
pub use stubs::{ensure_syscall_stubs, install_syscall_stubs, EventCpiLogging};

/// One PSP program as a native builtin.
#[derive(Clone, Copy)]
pub struct NativeProgram {
    /// Program name as Anchor spells the crate (`psp_multisig`); also the builtin account data.
    pub name: &'static str,
    /// Declared program id (`declare_id!`).
    pub id: Pubkey,
    /// Entry point to register with `ProgramTest::add_builtin_program` or `Bank::add_builtin`.
    pub builtin: BuiltinFunctionWithContext,
}

impl std::fmt::Debug for NativeProgram {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NativeProgram").field("name", &self.name).field("id", &self.id).finish()
    }
}

/// Every PSP program, hosted natively. Adding a program is one line here.
pub fn psp_programs() -> Vec<NativeProgram> {
    vec![
        NativeProgram { name: "psp_multisig", id: psp_multisig::ID, builtin: crate::native_builtin!(psp_multisig) },
        NativeProgram { name: "psp_timelock", id: psp_timelock::ID, builtin: crate::native_builtin!(psp_timelock) },
        NativeProgram { name: "psp_staking", id: psp_staking::ID, builtin: crate::native_builtin!(psp_staking) },
        NativeProgram { name: "psp_pop", id: psp_pop::ID, builtin: crate::native_builtin!(psp_pop) },
        NativeProgram {
            name: "psp_governance",
            id: psp_governance::ID,
            builtin: crate::native_builtin!(psp_governance),
        },
    ]
}

/// Whether `program_id` belongs to a PSP program (used to trust `emit_cpi!` self-invocations).
pub fn is_psp_program(program_id: &Pubkey) -> bool {
    psp_programs().iter().any(|p| p.id == *program_id)
}

/// Produces a [`BuiltinFunctionWithContext`] for an Anchor program crate:
/// `native_builtin!(psp_multisig)`.
///
/// Anchor's generated `entry` ties every lifetime to `'info`, so it does not coerce to
/// `ProcessInstruction`; the generated wrapper has independent lifetimes and transmutes the
/// accounts slice. The returned closure mirrors `solana_program_test::processor!` but runs through
/// [`run_builtin`], which also records the current `InvokeContext` for the syscall stubs.
#[macro_export]
macro_rules! native_builtin {
    ($($program:ident)::+) => {{
        fn entry_with_free_lifetimes<'a, 'b, 'c, 'd>(
            program_id: &'a $crate::native::__private::Pubkey,
            accounts: &'b [$crate::native::__private::AccountInfo<'c>],
            data: &'d [u8],
        ) -> $crate::native::__private::ProgramResult {
            // SAFETY: only lifetimes change. The runtime keeps the serialized accounts alive for
            // the whole call, which is all Anchor's `'info` needs.
            let accounts: &'c [$crate::native::__private::AccountInfo<'c>] =
                unsafe { ::core::mem::transmute(accounts) };
            $($program)::+::entry(program_id, accounts, data)
        }
        let builtin: $crate::native::BuiltinFunctionWithContext =
            |vm, _a0, _a1, _a2, _a3, _a4| $crate::native::run_builtin(vm, entry_with_free_lifetimes);
        builtin
    }};
}

/// Re-exports for [`native_builtin!`](crate::native_builtin); not a public API.
#[doc(hidden)]
pub mod __private {
    pub use anchor_lang::solana_program::{account_info::AccountInfo, entrypoint::ProgramResult, pubkey::Pubkey};
}

thread_local! {
    /// Invoke contexts of the native builtins currently running on this thread, innermost last.
    /// A stack because a CPI into another native program re-enters [`run_builtin`].
    static INVOKE_CONTEXTS: RefCell<Vec<*mut InvokeContext<'static>>> = const { RefCell::new(Vec::new()) };
}

/// Pops the invoke-context stack even if the builtin unwinds.
struct ContextGuard;

impl Drop for ContextGuard {
    fn drop(&mut self) {
        INVOKE_CONTEXTS.with(|stack| stack.borrow_mut().pop());
    }
}

/// Body of every [`native_builtin!`](crate::native_builtin) closure: the equivalent of
/// program-test's `processor!`, plus the invoke-context stack push/pop.
#[doc(hidden)]
pub fn run_builtin(vm: *mut EbpfVm<InvokeContext<'static>>, entry: ProcessInstruction) {
    // SAFETY: same pointer arithmetic as `solana_program_test::processor!`: the runtime passes the
    // VM address offset by the per-process environment key.
    let vm = unsafe {
        &mut *((vm as *mut u64).offset(-(get_runtime_environment_key() as isize)) as *mut EbpfVm<InvokeContext>)
    };
    let context: *mut InvokeContext<'static> = (vm.context_object_pointer as *mut InvokeContext).cast();
    INVOKE_CONTEXTS.with(|stack| stack.borrow_mut().push(context));
    let _guard = ContextGuard;
    vm.program_result =
        invoke_builtin_function(entry, vm.context_object_pointer).map_err(EbpfError::SyscallError).into();
}

/// Runs `f` with the innermost invoke context of a native builtin on this thread, if any.
pub(crate) fn with_current_context<R>(f: impl FnOnce(&mut InvokeContext) -> R) -> Option<R> {
    // Copy the pointer out first: `f` must not run while the RefCell is borrowed.
    let top = INVOKE_CONTEXTS.with(|stack| stack.borrow().last().copied())?;
    // SAFETY: the pointer was pushed by `run_builtin` and stays valid until its guard pops it;
    // we are on the same thread, inside that call.
    Some(f(unsafe { &mut *top }))
}
