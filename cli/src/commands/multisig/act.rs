//! `psp multisig approve | reject | cancel | execute | close | pause`.
use anyhow::{bail, Result};
use clap::Args;
use psp_multisig::state::{pause, Vote};
use psp_sdk::multisig as ms;
use serde_json::json;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Signature, Signer};

use super::ops;
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::output::print;

/// A multisig and a transaction index.
#[derive(Args, Debug)]
pub struct IndexArgs {
    /// Multisig address.
    #[arg(value_parser = parse_pubkey)]
    pub multisig: Pubkey,
    /// Transaction index.
    pub index: u64,
}

/// Arguments of the vote commands.
#[derive(Args, Debug)]
pub struct VoteArgs {
    #[command(flatten)]
    pub target: IndexArgs,
    /// Memo recorded in the vote event.
    #[arg(long)]
    pub memo: Option<String>,
}

/// Arguments of `execute`.
#[derive(Args, Debug)]
pub struct ExecuteArgs {
    #[command(flatten)]
    pub target: IndexArgs,
    /// Cast your approval first (the last approval executes at once when the time lock is 0).
    #[arg(long)]
    pub approve: bool,
}

/// Arguments of `pause`.
#[derive(Args, Debug)]
pub struct PauseArgs {
    /// Multisig address.
    #[arg(value_parser = parse_pubkey)]
    pub multisig: Pubkey,
    /// Pause spending limits.
    #[arg(long)]
    pub spending_limits: bool,
    /// Pause vault transaction execution.
    #[arg(long)]
    pub vault_transactions: bool,
}

fn done(out: OutputFormat, what: String, signature: Signature) {
    print(out, &json!({ "result": what, "signature": signature.to_string() }), || {
        format!("{what}\nSignature: {signature}")
    });
}

/// Approve, reject or cancel.
pub async fn vote(client: &Client, out: OutputFormat, args: VoteArgs, vote: Vote) -> Result<()> {
    let signature = ops::vote(client, &args.target.multisig, args.target.index, vote, args.memo).await?;
    let proposal = ops::proposal(client, &args.target.multisig, args.target.index).await?;
    let multisig = ops::multisig(client, &args.target.multisig).await?;
    let state = ms::proposal_state(&proposal, &multisig, false);
    done(
        out,
        format!(
            "{vote:?} recorded on transaction {}; now {state:?} ({} approvals of {})",
            args.target.index,
            proposal.approvals(),
            multisig.threshold
        ),
        signature,
    );
    Ok(())
}

/// Execute.
pub async fn execute(client: &Client, out: OutputFormat, args: ExecuteArgs) -> Result<()> {
    let signature = ops::execute(client, &args.target.multisig, args.target.index, args.approve).await?;
    done(out, format!("Executed transaction {}", args.target.index), signature);
    Ok(())
}

/// Close.
pub async fn close(client: &Client, out: OutputFormat, args: IndexArgs) -> Result<()> {
    let signature = ops::close(client, &args.multisig, args.index).await?;
    done(out, format!("Closed transaction {} and its proposal", args.index), signature);
    Ok(())
}

/// Pause.
pub async fn pause(client: &Client, out: OutputFormat, args: PauseArgs) -> Result<()> {
    let mut flags = 0;
    if args.spending_limits {
        flags |= pause::SPENDING_LIMITS;
    }
    if args.vault_transactions {
        flags |= pause::VAULT_TRANSACTIONS;
    }
    if flags == 0 {
        bail!("choose what to pause: --spending-limits and/or --vault-transactions");
    }
    let ix = ms::multisig_pause(&args.multisig, &client.payer()?.pubkey(), flags);
    let signature = client.send(&[ix], &[]).await?;
    done(out, format!("Paused (flags {flags:#04b})"), signature);
    Ok(())
}
