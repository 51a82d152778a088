//! `psp multisig ...`: every multisig action.
mod act;
mod create;
pub mod ops;
mod propose;
pub use propose::parse_raw_instructions;
pub use propose::transfer_instructions as propose_transfer_instructions;
mod show;
mod spending;

use anyhow::Result;
use clap::{Args, Subcommand};
use solana_sdk::pubkey::Pubkey;

use crate::cluster::{parse_pubkey, GlobalOpts};
use psp_sdk::quote::quote;

/// Multisig subcommands.
#[derive(Subcommand, Debug)]
pub enum MultisigCommand {
    /// Create a multisig (the signer pays; a fresh create key seeds the address).
    Create(create::CreateArgs),
    /// Show settings, members, vaults and balances.
    Show(Target),
    /// List proposals and their state (active, stale, approved, ...).
    Proposals(show::ProposalsArgs),
    /// Propose settings changes (applied directly when you are the config authority).
    ProposeConfig(propose::ProposeConfigArgs),
    /// Propose a SOL or token transfer from a vault.
    ProposeTransfer(propose::ProposeTransferArgs),
    /// Propose arbitrary instructions from a JSON file, executed by a vault.
    ProposeRaw(propose::ProposeRawArgs),
    /// Approve a proposal.
    Approve(act::VoteArgs),
    /// Reject a proposal.
    Reject(act::VoteArgs),
    /// Vote to cancel an approved proposal.
    Cancel(act::VoteArgs),
    /// Execute an approved proposal (`--approve` casts your approval first).
    Execute(act::ExecuteArgs),
    /// Close a finished proposal and its transaction (rent to the rent collector).
    Close(act::IndexArgs),
    /// Emergency pause (any voting member); unpause with `propose-config --unpause`.
    Pause(act::PauseArgs),
    /// Spending limits: add, remove, use, list.
    #[command(subcommand)]
    SpendingLimit(spending::SpendingCommand),
}

/// A multisig address.
#[derive(Args, Debug)]
pub struct Target {
    /// Multisig address.
    #[arg(value_parser = parse_pubkey)]
    pub multisig: Pubkey,
}

/// Runs a multisig subcommand.
pub async fn run(global: &GlobalOpts, command: MultisigCommand) -> Result<()> {
    let client = global.client();
    let out = global.output;
    match command {
        MultisigCommand::Create(args) => create::run(&client, out, args).await,
        MultisigCommand::Show(t) => show::show(&client, out, &t.multisig).await,
        MultisigCommand::Proposals(args) => show::proposals(&client, out, args).await,
        MultisigCommand::ProposeConfig(args) => propose::config(&client, out, args).await,
        MultisigCommand::ProposeTransfer(args) => propose::transfer(&client, out, args).await,
        MultisigCommand::ProposeRaw(args) => propose::raw(&client, out, args).await,
        MultisigCommand::Approve(args) => act::vote(&client, out, args, psp_multisig::state::Vote::Approve).await,
        MultisigCommand::Reject(args) => act::vote(&client, out, args, psp_multisig::state::Vote::Reject).await,
        MultisigCommand::Cancel(args) => act::vote(&client, out, args, psp_multisig::state::Vote::Cancel).await,
        MultisigCommand::Execute(args) => act::execute(&client, out, args).await,
        MultisigCommand::Close(args) => act::close(&client, out, args).await,
        MultisigCommand::Pause(args) => act::pause(&client, out, args).await,
        MultisigCommand::SpendingLimit(cmd) => spending::run(&client, out, cmd).await,
    }
}

/// Parses `KEY` or `KEY:PERMS` (PERMS: letters i/v/e or `all`; default all).
pub fn parse_member(text: &str) -> Result<psp_multisig::state::Member, String> {
    let (key, perms) = text.split_once(':').unwrap_or((text, "all"));
    let key = key.parse().map_err(|_| format!("{} is not a valid public key", quote(key)))?;
    let permissions = psp_sdk::multisig::parse_permissions(perms)?;
    Ok(psp_multisig::state::Member { key, permissions })
}
