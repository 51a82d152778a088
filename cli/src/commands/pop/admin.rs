//! `psp pop pause | unpause | veto | propose-admin | accept-admin | reclaim | fund`: the admin's
//! (and guardian's) distributor actions, signed directly or proposed with `--multisig`, and
//! funding, open to anyone.
use anyhow::{anyhow, bail, Result};
use clap::Args;
use psp_pop::constants::MAX_REASON_LEN;
use psp_pop::events::Funded;
use psp_pop::state::{pause, EpochStatus};
use psp_sdk::pop::chain::format_pause_flags;
use psp_sdk::pop::codec::to_hex;
use psp_sdk::pop::instructions as pop_ix;
use serde_json::json;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::Signer;

use super::show::token_amount;
use super::{ensure_not_paused, load, load_distributor, load_epoch};
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::commands::common::{check_balance, done, program_events, AdminOpts};
use crate::commands::time::describe_time;

/// Arguments of `veto`.
#[derive(Args, Debug)]
pub struct VetoArgs {
    /// Distributor address.
    #[arg(value_parser = parse_pubkey)]
    pub distributor: Pubkey,
    /// Epoch number.
    #[arg(long)]
    pub epoch: u64,
    /// Why the root is rejected (at most 200 bytes; recorded in the event).
    #[arg(long)]
    pub reason: String,
    #[command(flatten)]
    pub admin: AdminOpts,
}

/// `pause` / `unpause`: replaces the distributor's pause bits with `change(old)`.
pub async fn set_pause(
    client: &Client,
    out: OutputFormat,
    address: &Pubkey,
    admin: &AdminOpts,
    change: impl Fn(u8) -> u8,
    verb: &str,
) -> Result<()> {
    let distributor = load_distributor(client, address).await?;
    let authority = admin.authority(client)?;
    if authority != distributor.admin && authority != distributor.guardian {
        let who =
            if admin.multisig.is_some() { format!("vault {authority} is") } else { format!("you ({authority}) are") };
        bail!(
            "Unauthorized: {who} neither the admin ({}) nor the guardian ({}) of distributor {address}; nothing was sent",
            distributor.admin, distributor.guardian
        );
    }
    let new = change(distributor.paused) & pause::ALL;
    if new == distributor.paused {
        bail!(
            "nothing to change: the pause flags of distributor {address} are already {}; nothing was sent",
            format_pause_flags(new)
        );
    }
    if authority != distributor.admin && new & distributor.paused != distributor.paused {
        bail!("GuardianCannotUnpause: the guardian may only add pause flags; clearing them needs the admin; nothing was sent");
    }
    let ix = pop_ix::set_pause(address, &authority, new);
    let what = format!(
        "{verb} distributor {address}: flags {} -> {}",
        format_pause_flags(distributor.paused),
        format_pause_flags(new)
    );
    admin.send(client, out, ix, &what).await
}

/// `veto`: the guardian or admin rejects a proposed root during the challenge window.
pub async fn veto(client: &Client, out: OutputFormat, args: VetoArgs) -> Result<()> {
    let l = load(client, &args.distributor).await?;
    let d = &l.distributor;
    let authority = args.admin.authority(client)?;
    if authority != d.guardian && authority != d.admin {
        bail!(
            "Unauthorized: only the guardian ({}) or the admin ({}) may veto; {authority} is neither; nothing was sent",
            d.guardian,
            d.admin
        );
    }
    if args.reason.len() > MAX_REASON_LEN {
        bail!("ReasonTooLong: the reason is {} bytes, at most {MAX_REASON_LEN}; nothing was sent", args.reason.len());
    }
    let index = args.epoch;
    let epoch = load_epoch(client, &args.distributor, index)
        .await?
        .ok_or_else(|| anyhow!("EpochNotProposed: epoch {index} has no votes yet; nothing was sent"))?;
    if epoch.status != EpochStatus::Proposed {
        bail!(
            "EpochNotProposed: epoch {index} is {:?}: only a proposed root can be vetoed; nothing was sent",
            epoch.status
        );
    }
    if l.now >= epoch.challenge_ends_at {
        bail!(
            "ChallengeWindowClosed: the challenge window of epoch {index} ended at {}; nothing was sent",
            describe_time(epoch.challenge_ends_at, l.now)
        );
    }
    let ix = pop_ix::veto(&args.distributor, &authority, index, &args.reason);
    let what = format!(
        "veto root {} of epoch {index} of distributor {} (round {}): voting restarts in round {}; reason: {}",
        to_hex(&epoch.root),
        args.distributor,
        epoch.round,
        epoch.round + 1,
        args.reason
    );
    args.admin.send(client, out, ix, &what).await
}

/// `propose-admin`.
pub async fn propose_admin(
    client: &Client,
    out: OutputFormat,
    address: &Pubkey,
    new_admin: &Pubkey,
    admin: &AdminOpts,
) -> Result<()> {
    admin.check_vault(client, &load_distributor(client, address).await?.admin, "distributor admin")?;
    let ix = pop_ix::propose_admin(address, &admin.authority(client)?, new_admin);
    admin.send(client, out, ix, &format!("propose {new_admin} as admin of distributor {address}")).await
}

/// `accept-admin`.
pub async fn accept_admin(client: &Client, out: OutputFormat, address: &Pubkey, admin: &AdminOpts) -> Result<()> {
    let Some(pending) = load_distributor(client, address).await?.pending_admin else {
        bail!("NoPendingAdmin: distributor {address} has no pending admin transfer; nothing was sent")
    };
    admin.check_vault(client, &pending, "distributor's pending admin")?;
    let ix = pop_ix::accept_admin(address, &admin.authority(client)?);
    admin.send(client, out, ix, &format!("accept the admin role of distributor {address}")).await
}

/// `reclaim`: unreserved vault tokens to the clawback receiver.
pub async fn reclaim(
    client: &Client,
    out: OutputFormat,
    address: &Pubkey,
    amount: &str,
    admin: &AdminOpts,
) -> Result<()> {
    let l = load(client, address).await?;
    let d = &l.distributor;
    admin.check_vault(client, &d.admin, "distributor admin")?;
    let amount = l.mint.parse(amount)?;
    if amount == 0 {
        bail!("ZeroAmount: the amount must be greater than zero; nothing was sent");
    }
    ensure_not_paused(d, pause::SWEEP, "reclaiming")?;
    let unreserved = d.unreserved(token_amount(client, &d.vault).await);
    if amount > unreserved {
        bail!(
            "ExceedsUnreserved: only {} of the vault is unreserved ({} is reserved for finalized epochs); nothing was sent",
            l.mint.format(unreserved),
            l.mint.format(d.total_reserved)
        );
    }
    let ix = pop_ix::reclaim_unreserved(address, d, &admin.authority(client)?, amount);
    let what = format!("reclaim {} from distributor {address} to {}", l.mint.format(amount), d.clawback_receiver);
    admin.send(client, out, ix, &what).await
}

/// `fund`: from the signer's associated token account.
pub async fn fund(client: &Client, out: OutputFormat, address: &Pubkey, amount: &str) -> Result<()> {
    let l = load(client, address).await?;
    let d = &l.distributor;
    let amount = l.mint.parse(amount)?;
    if amount == 0 {
        bail!("ZeroAmount: the amount must be greater than zero; nothing was sent");
    }
    if d.paused & pause::HALT != 0 {
        bail!("Paused: distributor {address} is halted; nothing was sent");
    }
    let source = check_balance(client, &l.mint, &d.reward_mint, amount).await?;
    let ix = pop_ix::fund(address, d, &client.payer()?.pubkey(), &source, amount);
    let signature = client.send(&[ix], &[]).await?;
    let funded: Option<Funded> =
        program_events(client, &psp_pop::ID, &signature).await.unwrap_or_default().into_iter().next();
    let (vault, reserved) = match &funded {
        Some(e) => (e.vault_balance, e.total_reserved),
        None => (token_amount(client, &d.vault).await, d.total_reserved),
    };
    let value = json!({
        "distributor": address.to_string(),
        "amount": l.mint.format(amount),
        "vault_balance": l.mint.format(vault),
        "unreserved": l.mint.format(vault.saturating_sub(reserved)),
    });
    let text = format!(
        "Funded distributor {address} with {}: vault {} ({} unreserved)",
        l.mint.format(amount),
        l.mint.format(vault),
        l.mint.format(vault.saturating_sub(reserved))
    );
    done(out, value, text, &signature);
    Ok(())
}
