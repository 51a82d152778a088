//! `psp multisig create`.
use anyhow::Result;
use clap::Args;
use psp_multisig::state::Member;
use psp_multisig::MultisigCreateArgs;
use psp_sdk::multisig as ms;
use serde_json::json;
use solana_sdk::pubkey::Pubkey;

use super::{ops, parse_member};
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::output::print;

/// Arguments of `psp multisig create`.
#[derive(Args, Debug)]
pub struct CreateArgs {
    /// Member as KEY or KEY:PERMS (i=initiate, v=vote, e=execute; default all). Repeat.
    #[arg(long = "member", required = true, value_parser = parse_member)]
    pub members: Vec<Member>,
    /// Approvals needed.
    #[arg(long)]
    pub threshold: u16,
    /// Seconds between approval and execution (0..=7776000).
    #[arg(long, default_value_t = 0)]
    pub time_lock: u32,
    /// Config authority (omit for an autonomous multisig).
    #[arg(long, value_parser = parse_pubkey)]
    pub config_authority: Option<Pubkey>,
    /// Receiver of closed accounts' rent.
    #[arg(long, value_parser = parse_pubkey)]
    pub rent_collector: Option<Pubkey>,
    /// Memo recorded in the creation event.
    #[arg(long)]
    pub memo: Option<String>,
}

/// Creates the multisig and prints its address and first vault.
pub async fn run(client: &Client, out: OutputFormat, args: CreateArgs) -> Result<()> {
    let create_args = MultisigCreateArgs {
        config_authority: args.config_authority,
        threshold: args.threshold,
        members: args.members,
        time_lock: args.time_lock,
        rent_collector: args.rent_collector,
        memo: args.memo,
    };
    let (multisig, signature) = ops::create(client, create_args).await?;
    let vault = ms::vault_pda(&multisig, 0).0;
    print(
        out,
        &json!({ "multisig": multisig.to_string(), "vault": vault.to_string(), "signature": signature.to_string() }),
        || format!("Multisig: {multisig}\nVault 0:  {vault}\nSignature: {signature}"),
    );
    Ok(())
}
