//! `psp timelock withdraw | cancel | transfer | top-up | close | veto`.
use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
use anyhow::{bail, Result};
use clap::Args;
use psp_sdk::timelock as tl;
use psp_timelock::state::Lock;
use serde_json::json;
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::Signer;

use super::load_lock;
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::commands::common::{check_balance, done, mint_info, MintInfo};

/// Arguments of `psp timelock withdraw`.
#[derive(Args, Debug)]
pub struct WithdrawArgs {
    /// Lock address.
    #[arg(value_parser = parse_pubkey)]
    pub lock: Pubkey,
    /// Amount in UI units (default: everything available now).
    #[arg(long)]
    pub amount: Option<String>,
    /// Destination token account (default: the recipient's associated token account, created
    /// if missing; a signer other than the recipient cranks to the recipient's).
    #[arg(long, value_parser = parse_pubkey)]
    pub to: Option<Pubkey>,
}

/// Arguments of `psp timelock transfer`.
#[derive(Args, Debug)]
pub struct TransferArgs {
    /// Lock address.
    #[arg(value_parser = parse_pubkey)]
    pub lock: Pubkey,
    /// The new recipient wallet.
    #[arg(long, value_parser = parse_pubkey)]
    pub to: Pubkey,
}

/// Arguments of `psp timelock top-up`.
#[derive(Args, Debug)]
pub struct TopUpArgs {
    /// Lock address.
    #[arg(value_parser = parse_pubkey)]
    pub lock: Pubkey,
    /// Amount to add in UI units (from your associated token account).
    #[arg(long)]
    pub amount: String,
}

/// Arguments of `psp timelock veto`.
#[derive(Args, Debug)]
pub struct VetoArgs {
    /// Lock address.
    #[arg(value_parser = parse_pubkey)]
    pub lock: Pubkey,
    /// Why the lock is vetoed (on record in the LockVetoed event; at most 200 bytes).
    #[arg(long)]
    pub reason: String,
}

/// Creates `owner`'s associated token account for the lock's mint if missing (paid by `payer`).
fn ensure_ata(payer: &Pubkey, owner: &Pubkey, lock: &Lock) -> Instruction {
    create_associated_token_account_idempotent(payer, owner, &lock.mint, &lock.token_program)
}

/// The instructions of a withdrawal by `signer` (paying fees) of `amount` (all available when
/// `None`) to `to`, or by default to the recipient's associated token account, created
/// idempotently first. Returns them with the destination.
pub fn withdraw_instructions(
    lock_address: &Pubkey,
    lock: &Lock,
    signer: &Pubkey,
    amount: Option<u64>,
    to: Option<Pubkey>,
) -> (Vec<Instruction>, Pubkey) {
    let mint = MintInfo { decimals: 0, token_program: lock.token_program };
    let mut ixs = Vec::new();
    let destination = match to {
        Some(to) => to,
        None => {
            ixs.push(ensure_ata(signer, &lock.recipient, lock));
            mint.ata(&lock.recipient, &lock.mint)
        }
    };
    ixs.push(tl::withdraw(lock_address, lock, signer, &destination, amount));
    (ixs, destination)
}

/// `withdraw`.
pub async fn withdraw(client: &Client, out: OutputFormat, args: WithdrawArgs) -> Result<()> {
    let lock = load_lock(client, &args.lock).await?;
    let mint = mint_info(client, &lock.mint).await?;
    let amount = args.amount.as_deref().map(|a| mint.parse(a)).transpose()?;
    let me = client.payer()?.pubkey();
    let (ixs, destination) = withdraw_instructions(&args.lock, &lock, &me, amount, args.to);
    let signature = client.send(&ixs, &[]).await?;
    let after = load_lock(client, &args.lock).await?;
    let paid = after.withdrawn.saturating_sub(lock.withdrawn);
    let how = if me == lock.recipient { "Withdrew" } else { "Cranked" };
    let value = json!({ "lock": args.lock.to_string(), "amount": mint.format(paid), "destination": destination.to_string(), "withdrawn": mint.format(after.withdrawn), "total": mint.format(after.total) });
    let text = format!(
        "{how} {} to {destination} (withdrawn {} of {})",
        mint.format(paid),
        mint.format(after.withdrawn),
        mint.format(after.total)
    );
    done(out, value, text, &signature);
    Ok(())
}

/// `cancel`: pays the vested part to the recipient, refunds the rest to the sender.
pub async fn cancel(client: &Client, out: OutputFormat, address: &Pubkey) -> Result<()> {
    let lock = load_lock(client, address).await?;
    let mint = mint_info(client, &lock.mint).await?;
    let me = client.payer()?.pubkey();
    let (recipient_ata, sender_ata) = (mint.ata(&lock.recipient, &lock.mint), mint.ata(&lock.sender, &lock.mint));
    let ixs = vec![
        ensure_ata(&me, &lock.recipient, &lock),
        ensure_ata(&me, &lock.sender, &lock),
        tl::cancel_lock(address, &lock, &me, &recipient_ata, &sender_ata),
    ];
    let signature = client.send(&ixs, &[]).await?;
    let after = load_lock(client, address).await?;
    let paid = after.withdrawn.saturating_sub(lock.withdrawn);
    let value = json!({ "lock": address.to_string(), "paid_to_recipient": mint.format(paid), "refunded_to_sender": mint.format(after.refunded) });
    let text = format!(
        "Cancelled lock {address}: {} to the recipient, {} refunded to the sender",
        mint.format(paid),
        mint.format(after.refunded)
    );
    done(out, value, text, &signature);
    Ok(())
}

/// `transfer`: changes the recipient.
pub async fn transfer(client: &Client, out: OutputFormat, args: TransferArgs) -> Result<()> {
    let lock = load_lock(client, &args.lock).await?;
    let ix = tl::transfer_recipient(&args.lock, &lock, &client.payer()?.pubkey(), &args.to);
    let signature = client.send(&[ix], &[]).await?;
    let value = json!({ "lock": args.lock.to_string(), "old_recipient": lock.recipient.to_string(), "new_recipient": args.to.to_string() });
    done(out, value, format!("Lock {} now pays {} (was {})", args.lock, args.to, lock.recipient), &signature);
    Ok(())
}

/// `top-up`.
pub async fn top_up(client: &Client, out: OutputFormat, args: TopUpArgs) -> Result<()> {
    let lock = load_lock(client, &args.lock).await?;
    let mint = mint_info(client, &lock.mint).await?;
    let amount = mint.parse(&args.amount)?;
    let me = client.payer()?.pubkey();
    let source = check_balance(client, &mint, &lock.mint, amount).await?;
    let ix = tl::top_up(&args.lock, &lock, &me, &source, amount);
    let signature = client.send(&[ix], &[]).await?;
    let after = load_lock(client, &args.lock).await?;
    let value = json!({ "lock": args.lock.to_string(), "amount": mint.format(amount), "total": mint.format(after.total), "high_value": after.high_value });
    done(
        out,
        value,
        format!("Added {} to lock {}: total now {}", mint.format(amount), args.lock, mint.format(after.total)),
        &signature,
    );
    Ok(())
}

/// `close`: closes a finished lock; stray escrow tokens go to the sender first.
pub async fn close(client: &Client, out: OutputFormat, address: &Pubkey) -> Result<()> {
    let lock = load_lock(client, address).await?;
    if !lock.is_finished() {
        let mint = mint_info(client, &lock.mint).await?;
        bail!(
            "lock {address} still holds {}: withdraw or cancel first (nothing was sent)",
            mint.format(lock.remaining())
        );
    }
    let me = client.payer()?.pubkey();
    let stray: u64 =
        client.rpc.get_token_account_balance(&lock.escrow).await.map(|b| b.amount.parse().unwrap_or(0)).unwrap_or(0);
    let mut ixs = Vec::new();
    let sender_ata = MintInfo { decimals: 0, token_program: lock.token_program }.ata(&lock.sender, &lock.mint);
    if stray > 0 {
        ixs.push(ensure_ata(&me, &lock.sender, &lock));
    }
    ixs.push(tl::close_lock(address, &lock, &me, (stray > 0).then_some(&sender_ata)));
    let signature = client.send(&ixs, &[]).await?;
    done(
        out,
        json!({ "lock": address.to_string(), "rent_to": lock.sender.to_string() }),
        format!("Closed lock {address}; rent returned to {}", lock.sender),
        &signature,
    );
    Ok(())
}

/// `veto` (guardian): refunds the whole lock to the sender.
pub async fn veto(client: &Client, out: OutputFormat, args: VetoArgs) -> Result<()> {
    if args.reason.len() > psp_timelock::constants::MAX_REASON_LEN {
        bail!(
            "--reason is {} bytes; at most {} (nothing was sent)",
            args.reason.len(),
            psp_timelock::constants::MAX_REASON_LEN
        );
    }
    let lock = load_lock(client, &args.lock).await?;
    let mint = mint_info(client, &lock.mint).await?;
    let me = client.payer()?.pubkey();
    let sender_ata = mint.ata(&lock.sender, &lock.mint);
    let ixs = vec![
        ensure_ata(&me, &lock.sender, &lock),
        tl::veto_lock(&args.lock, &lock, &me, &sender_ata, args.reason.clone()),
    ];
    let signature = client.send(&ixs, &[]).await?;
    let after = load_lock(client, &args.lock).await?;
    let value = json!({ "lock": args.lock.to_string(), "refunded_to_sender": mint.format(after.refunded), "reason": args.reason });
    done(
        out,
        value,
        format!(
            "Vetoed lock {}: {} refunded to {} (reason: {})",
            args.lock,
            mint.format(after.refunded),
            lock.sender,
            args.reason
        ),
        &signature,
    );
    Ok(())
}
