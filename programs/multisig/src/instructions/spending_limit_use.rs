//! `spending_limit_use`: a member allowed by a spending limit moves SOL or tokens out of a
//! vault within the limit's per-period allowance, without a proposal.
use anchor_lang::prelude::*;
use anchor_lang::system_program;
use anchor_spl::token_2022::spl_token_2022::extension::{
    transfer_hook::TransferHook, BaseStateWithExtensions, StateWithExtensions,
};
use anchor_spl::token_2022::spl_token_2022::state::Mint as MintState;
use anchor_spl::token_interface::{self, Mint, TokenAccount, TokenInterface, TransferChecked};

use crate::constants::{MULTISIG_SEED, SPENDING_LIMIT_SEED, VAULT_SEED};
use crate::errors::MultisigError;
use crate::events::SpendingLimitUsed;
use crate::state::{pause, Multisig, SpendingLimit};
use crate::utils::validate_memo;

/// Accounts of `spending_limit_use`. For SOL pass `system_program`; for tokens pass `mint`,
/// both token accounts and `token_program` (SPL Token or Token-2022).
#[event_cpi]
#[derive(Accounts)]
pub struct SpendingLimitUse<'info> {
    /// The multisig.
    #[account(seeds = [MULTISIG_SEED, multisig.create_key.as_ref()], bump = multisig.bump)]
    pub multisig: Box<Account<'info, Multisig>>,
    /// A multisig member listed on the spending limit.
    pub member: Signer<'info>,
    /// The spending limit.
    #[account(
        mut,
        has_one = multisig @ MultisigError::InvalidSpendingLimitAccount,
        seeds = [MULTISIG_SEED, multisig.key().as_ref(), SPENDING_LIMIT_SEED, spending_limit.create_key.as_ref()],
        bump = spending_limit.bump
    )]
    pub spending_limit: Box<Account<'info, SpendingLimit>>,
    /// The vault the limit spends from.
    #[account(
        mut,
        seeds = [MULTISIG_SEED, multisig.key().as_ref(), VAULT_SEED, &[spending_limit.vault_index]],
        bump
    )]
    pub vault: SystemAccount<'info>,
    /// Receiving wallet (receives SOL directly; owns the destination token account).
    /// CHECK: checked against the allow-list; for tokens, must own `destination_token_account`.
    #[account(mut)]
    pub destination: UncheckedAccount<'info>,
    /// For SOL limits.
    pub system_program: Option<Program<'info, System>>,
    /// For token limits: the limit's mint.
    #[account(constraint = mint.key() == spending_limit.mint @ MultisigError::InvalidSpendingLimitAccounts)]
    pub mint: Option<Box<InterfaceAccount<'info, Mint>>>,
    /// For token limits: the vault's token account.
    #[account(mut, token::mint = mint, token::authority = vault, token::token_program = token_program)]
    pub vault_token_account: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// For token limits: the destination wallet's token account.
    #[account(mut, token::mint = mint, token::authority = destination, token::token_program = token_program)]
    pub destination_token_account: Option<Box<InterfaceAccount<'info, TokenAccount>>>,
    /// For token limits: SPL Token or Token-2022.
    pub token_program: Option<Interface<'info, TokenInterface>>,
}

/// Debits the allowance (refilling first if a period has passed), then transfers.
pub fn handler(ctx: Context<SpendingLimitUse>, amount: u64, decimals: u8, memo: Option<String>) -> Result<()> {
    validate_memo(&memo)?;
    let multisig = &ctx.accounts.multisig;
    let member = ctx.accounts.member.key();
    let destination = ctx.accounts.destination.key();
    require!(multisig.paused & pause::SPENDING_LIMITS == 0, MultisigError::Paused);
    require!(multisig.member_index(&member).is_some(), MultisigError::NotAMember);
    let limit = &mut ctx.accounts.spending_limit;
    require!(limit.members.contains(&member), MultisigError::Unauthorized);
    require!(
        limit.destinations.is_empty() || limit.destinations.contains(&destination),
        MultisigError::DestinationNotAllowed
    );
    let now = Clock::get()?.unix_timestamp;
    limit.spend(amount, now)?;

    let multisig_key = multisig.key();
    let vault_index = [limit.vault_index];
    let vault_bump = [ctx.bumps.vault];
    let seeds: &[&[u8]] = &[MULTISIG_SEED, multisig_key.as_ref(), VAULT_SEED, &vault_index, &vault_bump];
    if limit.mint == Pubkey::default() {
        transfer_sol(ctx.accounts, amount, seeds)?;
    } else {
        transfer_tokens(ctx.accounts, amount, decimals, seeds)?;
    }

    emit_cpi!(SpendingLimitUsed {
        multisig: multisig_key,
        spending_limit: ctx.accounts.spending_limit.key(),
        member,
        vault: ctx.accounts.vault.key(),
        mint: ctx.accounts.spending_limit.mint,
        destination,
        amount,
        remaining_amount: ctx.accounts.spending_limit.remaining_amount,
        memo,
        timestamp: now,
    });
    Ok(())
}

fn transfer_sol(accounts: &SpendingLimitUse, amount: u64, seeds: &[&[u8]]) -> Result<()> {
    let system = accounts.system_program.as_ref().ok_or(MultisigError::InvalidSpendingLimitAccounts)?;
    system_program::transfer(
        CpiContext::new_with_signer(
            system.to_account_info(),
            system_program::Transfer {
                from: accounts.vault.to_account_info(),
                to: accounts.destination.to_account_info(),
            },
            &[seeds],
        ),
        amount,
    )
}

fn transfer_tokens(accounts: &SpendingLimitUse, amount: u64, decimals: u8, seeds: &[&[u8]]) -> Result<()> {
    let (Some(mint), Some(from), Some(to), Some(token_program)) = (
        accounts.mint.as_ref(),
        accounts.vault_token_account.as_ref(),
        accounts.destination_token_account.as_ref(),
        accounts.token_program.as_ref(),
    ) else {
        return err!(MultisigError::InvalidSpendingLimitAccounts);
    };
    require!(mint.decimals == decimals, MultisigError::DecimalsMismatch);
    refuse_transfer_hook(&mint.to_account_info())?;
    // Transfer fees (Token-2022) are supported: the limit is debited the gross amount.
    token_interface::transfer_checked(
        CpiContext::new_with_signer(
            token_program.to_account_info(),
            TransferChecked {
                from: from.to_account_info(),
                mint: mint.to_account_info(),
                to: to.to_account_info(),
                authority: accounts.vault.to_account_info(),
            },
            &[seeds],
        ),
        amount,
        decimals,
    )
}

/// Token-2022 transfer hooks need extra accounts this instruction does not take: refuse them
/// with a clear error rather than fail inside the token program.
fn refuse_transfer_hook(mint: &AccountInfo) -> Result<()> {
    if *mint.owner != anchor_spl::token_2022::ID {
        return Ok(());
    }
    let data = mint.try_borrow_data()?;
    let state = StateWithExtensions::<MintState>::unpack(&data)?;
    if let Ok(hook) = state.get_extension::<TransferHook>() {
        require!(Option::<Pubkey>::from(hook.program_id).is_none(), MultisigError::UnsupportedMintExtension);
    }
    Ok(())
}
