//! `execute_proposal`: after the hold-up and before the execution window ends, anyone runs a
//! passed proposal's instructions, once, signed by the realm's treasury PDA. The remaining
//! accounts are every account (and program) the instructions use. Only the treasury signs:
//! a signer flag stored on any other account is dropped, so the executor's signature on the
//! outer transaction is never spent. Proposals voted under older realm settings are stale and
//! cannot execute.
use anchor_lang::prelude::*;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::solana_program::program::invoke_signed;

use crate::constants::{INSTRUCTIONS_SEED, TREASURY_SEED};
// The glob brings the account group with the client module its `Accounts` derive generates.
use crate::contexts::*;
use crate::errors::GovernanceError;
use crate::events::ProposalExecuted;
use crate::state::{pause, ProposalInstruction, ProposalInstructions, ProposalState};

/// Accounts of `execute_proposal` (then every account the instructions use).
#[event_cpi]
#[derive(Accounts)]
pub struct ExecuteProposal<'info> {
    /// The proposal and its realm.
    pub target: RealmProposal<'info>,
    /// The instruction list.
    #[account(seeds = [INSTRUCTIONS_SEED, target.proposal.key().as_ref()], bump = instructions.bump)]
    pub instructions: Box<Account<'info, ProposalInstructions>>,
    /// The treasury, which signs the instructions.
    /// CHECK: the address is the realm's treasury PDA; it only signs.
    #[account(mut, seeds = [TREASURY_SEED, target.realm.key().as_ref()], bump = target.realm.treasury_bump)]
    pub treasury: UncheckedAccount<'info>,
    /// Anyone.
    pub executor: Signer<'info>,
}

/// Marks the proposal executed, then runs its instructions.
pub fn handler<'info>(ctx: Context<'_, '_, 'info, 'info, ExecuteProposal<'info>>) -> Result<()> {
    let now = Clock::get()?.unix_timestamp;
    let realm = &ctx.accounts.target.realm;
    realm.ensure_not_paused(pause::EXECUTE)?;
    let (realm_key, config_version, treasury_bump) = (realm.key(), realm.config_version, realm.treasury_bump);
    let proposal_key = ctx.accounts.target.proposal.key();
    let proposal = &mut ctx.accounts.target.proposal;
    require!(proposal.state == ProposalState::Succeeded, GovernanceError::NotSucceeded);
    require!(now >= proposal.executable_at, GovernanceError::HoldUpNotOver);
    require!(now < proposal.expires_at, GovernanceError::ProposalExpired);
    require!(proposal.config_version == config_version, GovernanceError::StaleProposal);
    // State first: an instruction calling back into this program finds it executed.
    proposal.state = ProposalState::Executed;
    proposal.closed_at = now;
    let count = proposal.instruction_count;
    proposal.exit(&crate::ID)?;

    let data = &ctx.accounts.instructions.data;
    let list = if data.is_empty() {
        Vec::new()
    } else {
        Vec::<ProposalInstruction>::try_from_slice(data).map_err(|_| GovernanceError::InvalidInstructions)?
    };
    let seeds: &[&[u8]] = &[TREASURY_SEED, realm_key.as_ref(), &[treasury_bump]];
    let treasury = ctx.accounts.treasury.key();
    let mut infos = ctx.remaining_accounts.to_vec();
    infos.push(ctx.accounts.treasury.to_account_info());
    for stored in list {
        let available = |key: &Pubkey| infos.iter().any(|info| info.key == key);
        require!(available(&stored.program_id), GovernanceError::MissingExecutionAccount);
        let metas = stored
            .accounts
            .iter()
            .map(|a| {
                require!(available(&a.pubkey), GovernanceError::MissingExecutionAccount);
                Ok(a.meta(&treasury))
            })
            .collect::<Result<Vec<_>>>()?;
        let ix = Instruction { program_id: stored.program_id, accounts: metas, data: stored.data };
        invoke_signed(&ix, &infos, &[seeds])?;
    }
    // An instruction may have changed the realm (a settings proposal calls `set_realm_config`):
    // reload, so the copies read before the calls are not written back over the changes.
    ctx.accounts.target.realm.reload()?;
    ctx.accounts.target.proposal.reload()?;
    emit_cpi!(ProposalExecuted {
        realm: realm_key,
        proposal: proposal_key,
        executor: ctx.accounts.executor.key(),
        instruction_count: count,
        timestamp: now,
    });
    Ok(())
}
