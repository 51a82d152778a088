//! Logic shared by several instructions.
pub mod apply_config;
pub mod execute_message;
pub mod open_proposal;

pub use apply_config::*;
pub use execute_message::*;
pub use open_proposal::*;

use anchor_lang::prelude::*;
use anchor_lang::system_program;

use crate::constants::MAX_MEMO_LEN;
use crate::errors::MultisigError;
use crate::state::ProposalStatus;

/// Rejects memos longer than [`MAX_MEMO_LEN`].
pub fn validate_memo(memo: &Option<String>) -> Result<()> {
    // `Option::is_none_or` needs Rust 1.82; platform-tools' rustc for Anchor 0.31 is older.
    let len = memo.as_ref().map(String::len).unwrap_or(0);
    require!(len <= MAX_MEMO_LEN, MultisigError::MemoTooLong);
    Ok(())
}

/// Numeric status used in events: 0 active, 1 approved, 2 rejected, 3 executed, 4 cancelled.
pub fn status_code(status: &ProposalStatus) -> u8 {
    match status {
        ProposalStatus::Active { .. } => 0,
        ProposalStatus::Approved { .. } => 1,
        ProposalStatus::Rejected { .. } => 2,
        ProposalStatus::Executed { .. } => 3,
        ProposalStatus::Cancelled { .. } => 4,
    }
}

/// Grows `account` to `new_size` (never shrinks) and tops its lamports up to rent exemption
/// from `payer`.
pub fn grow_account<'info>(
    account: &AccountInfo<'info>,
    new_size: usize,
    payer: Option<&AccountInfo<'info>>,
    system_program: Option<&AccountInfo<'info>>,
) -> Result<()> {
    if new_size <= account.data_len() {
        return Ok(());
    }
    let needed = Rent::get()?.minimum_balance(new_size).saturating_sub(account.lamports());
    if needed > 0 {
        let (Some(payer), Some(system_program)) = (payer, system_program) else {
            return err!(MultisigError::RentPayerRequired);
        };
        system_program::transfer(
            CpiContext::new(
                system_program.clone(),
                system_program::Transfer { from: payer.clone(), to: account.clone() },
            ),
            needed,
        )?;
    }
    account.resize(new_size)?;
    Ok(())
}

/// Closes a program-owned account: moves its lamports to `receiver`, empties its data and
/// hands it back to the system program, so it cannot be revived in the same transaction.
pub fn close_account<'info>(account: &AccountInfo<'info>, receiver: &AccountInfo<'info>) -> Result<u64> {
    let lamports = account.lamports();
    **receiver.try_borrow_mut_lamports()? = receiver.lamports().checked_add(lamports).ok_or(MultisigError::Overflow)?;
    **account.try_borrow_mut_lamports()? = 0;
    account.assign(&system_program::ID);
    account.resize(0)?;
    Ok(lamports)
}

/// Creates a PDA owned by `owner` with `space` bytes, paid by `payer`. Works even when
/// someone pre-funded the address (a plain `create_account` would fail: a cheap DoS).
pub fn create_pda_account<'info>(
    account: &AccountInfo<'info>,
    space: usize,
    owner: &Pubkey,
    seeds: &[&[u8]],
    payer: &AccountInfo<'info>,
    system_program: &AccountInfo<'info>,
) -> Result<()> {
    let signer: &[&[&[u8]]] = &[seeds];
    let rent = Rent::get()?.minimum_balance(space);
    if account.lamports() == 0 {
        return system_program::create_account(
            CpiContext::new_with_signer(
                system_program.clone(),
                system_program::CreateAccount { from: payer.clone(), to: account.clone() },
                signer,
            ),
            rent,
            space as u64,
            owner,
        );
    }
    let top_up = rent.saturating_sub(account.lamports());
    if top_up > 0 {
        system_program::transfer(
            CpiContext::new(
                system_program.clone(),
                system_program::Transfer { from: payer.clone(), to: account.clone() },
            ),
            top_up,
        )?;
    }
    system_program::allocate(
        CpiContext::new_with_signer(
            system_program.clone(),
            system_program::Allocate { account_to_allocate: account.clone() },
            signer,
        ),
        space as u64,
    )?;
    system_program::assign(
        CpiContext::new_with_signer(
            system_program.clone(),
            system_program::Assign { account_to_assign: account.clone() },
            signer,
        ),
        owner,
    )
}
