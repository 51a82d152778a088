//! `psp pop finalize | sweep | close-chunks`: what keepers (anyone) run as an epoch moves on:
//! finalize after the challenge window (and open every claim bitmap chunk the epoch needs),
//! sweep the unclaimed rest after the claim deadline, close the bitmaps of swept epochs.

use anyhow::{anyhow, bail, Result};
use psp_pop::constants::LEAVES_PER_CHUNK;
use psp_pop::events::Swept;
use psp_pop::state::{pause, EpochStatus};
use psp_sdk::pop::chain::chunk_payer;
use psp_sdk::pop::instructions as pop_ix;
use psp_sdk::pop::{claim_chunk_pda, epoch_pda};
use serde_json::json;
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Signature, Signer};

use super::{ensure_not_paused, load, load_epoch, EpochTarget};
use crate::client::Client;
use crate::cluster::OutputFormat;
use crate::commands::common::{done, program_events};
use crate::commands::time::describe_time;
use crate::output::print;

/// Chunk instructions per transaction (each opens or closes an 8 KB account).
const CHUNKS_PER_TX: usize = 8;
/// Accounts per `getMultipleAccounts` request (the RPC limit).
const ACCOUNTS_PER_REQUEST: usize = 100;

/// Claim bitmap chunks an epoch of `leaf_count` leaves needs.
pub fn chunk_count(leaf_count: u64) -> u32 {
    u32::try_from(leaf_count.div_ceil(LEAVES_PER_CHUNK)).unwrap_or(u32::MAX)
}

/// The data of every claim chunk of epoch `index` of `address` (`None` where not open).
pub async fn chunk_accounts(
    client: &Client,
    address: &Pubkey,
    index: u64,
    leaf_count: u64,
) -> Result<Vec<Option<Vec<u8>>>> {
    let epoch = epoch_pda(address, index).0;
    let keys: Vec<Pubkey> = (0..chunk_count(leaf_count)).map(|c| claim_chunk_pda(&epoch, c).0).collect();
    let mut found = Vec::with_capacity(keys.len());
    for batch in keys.chunks(ACCOUNTS_PER_REQUEST) {
        found.extend(client.rpc.get_multiple_accounts(batch).await?.into_iter().map(|a| a.map(|a| a.data)));
    }
    Ok(found)
}

/// Chunks of epoch `index` of `address` (with `leaf_count` leaves) not opened yet.
pub async fn missing_chunks(client: &Client, address: &Pubkey, index: u64, leaf_count: u64) -> Result<Vec<u32>> {
    let found = chunk_accounts(client, address, index, leaf_count).await?;
    Ok(found.iter().enumerate().filter(|(_, a)| a.is_none()).map(|(c, _)| c as u32).collect())
}

/// `open_claim_chunk` of each of `chunks` of epoch `index`, rent paid by `payer`.
pub fn open_chunk_instructions(address: &Pubkey, payer: &Pubkey, index: u64, chunks: &[u32]) -> Vec<Instruction> {
    chunks.iter().map(|c| pop_ix::open_claim_chunk(address, payer, index, *c)).collect()
}

/// Sends `ixs` after `first` (alone or with none), `CHUNKS_PER_TX` per transaction; returns
/// the signatures.
async fn send_batches(client: &Client, first: Option<Instruction>, ixs: Vec<Instruction>) -> Result<Vec<Signature>> {
    let mut signatures = Vec::new();
    let mut batches: Vec<Vec<Instruction>> = ixs.chunks(CHUNKS_PER_TX).map(<[Instruction]>::to_vec).collect();
    if let Some(first) = first {
        // The first transaction does the state change; chunks ride along in it.
        match batches.first_mut() {
            Some(batch) => batch.insert(0, first),
            None => batches.push(vec![first]),
        }
    }
    for batch in batches {
        signatures.push(client.send(&batch, &[]).await?);
    }
    Ok(signatures)
}

/// `finalize`: finalizes a proposed epoch and opens its claim chunks; on a finalized epoch,
/// opens the chunks still missing.
pub async fn finalize(client: &Client, out: OutputFormat, t: EpochTarget) -> Result<()> {
    let (address, index) = (t.distributor, t.epoch);
    let l = load(client, &address).await?;
    let d = &l.distributor;
    let epoch = load_epoch(client, &address, index)
        .await?
        .ok_or_else(|| anyhow!("EpochNotProposed: epoch {index} has no votes yet; nothing was sent"))?;
    let first = match epoch.status {
        EpochStatus::Voting => bail!("EpochNotProposed: epoch {index} is still voting (round {}): no root has reached the quorum of {}; nothing was sent", epoch.round, d.quorum),
        EpochStatus::Swept => bail!("epoch {index} is already swept; nothing to finalize"),
        EpochStatus::Finalized if l.now >= epoch.claim_deadline => bail!("epoch {index} is already finalized and its claim window is over; nothing was sent"),
        EpochStatus::Finalized => None,
        EpochStatus::Proposed => {
            if l.now < epoch.challenge_ends_at {
                bail!("ChallengeWindowOpen: the guardian may veto epoch {index} until {}; finalize after that; nothing was sent", describe_time(epoch.challenge_ends_at, l.now));
            }
            if epoch.total > d.max_epoch_total {
                bail!("EpochTotalTooLarge: the epoch total {} exceeds the max epoch total {} (lowered since the proposal); nothing was sent", l.mint.format(epoch.total), l.mint.format(d.max_epoch_total));
            }
            ensure_not_paused(d, pause::FINALIZE, "finalizing")?;
            let unreserved = d.unreserved(super::show::token_amount(client, &d.vault).await);
            if unreserved < epoch.total {
                bail!(
                    "InsufficientFunds: epoch {index} needs {} but only {} of the vault is unreserved: fund at least {} more with `psp pop fund {address} AMOUNT`; nothing was sent",
                    l.mint.format(epoch.total),
                    l.mint.format(unreserved),
                    l.mint.format(epoch.total - unreserved)
                );
            }
            Some(pop_ix::finalize(&address, d, index))
        }
    };
    let missing = missing_chunks(client, &address, index, epoch.leaf_count).await?;
    if first.is_none() && missing.is_empty() {
        bail!(
            "epoch {index} is already finalized and all its {} claim chunk(s) are open; nothing to do",
            chunk_count(epoch.leaf_count)
        );
    }
    let finalizing = first.is_some();
    let signatures =
        send_batches(client, first, open_chunk_instructions(&address, &client.payer()?.pubkey(), index, &missing))
            .await?;
    let after = load_epoch(client, &address, index).await?.unwrap_or(epoch);
    let value = json!({
        "distributor": address.to_string(),
        "epoch": index,
        "finalized": finalizing,
        "total": l.mint.format(after.total),
        "claim_deadline": after.claim_deadline,
        "chunks_opened": missing,
        "signatures": signatures.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
    });
    let head = if finalizing {
        format!("Finalized epoch {index} of {address}: {} reserved", l.mint.format(after.total))
    } else {
        format!("Epoch {index} of {address} was already finalized")
    };
    let text = format!(
        "{head}; opened {} claim chunk(s) (rent paid by you, returned after the sweep)\nClaims are open until {}",
        missing.len(),
        describe_time(after.claim_deadline, l.now)
    );
    done(out, value, text, signatures.last().expect("at least one transaction"));
    Ok(())
}

/// `sweep`: the unclaimed rest to the clawback receiver after the claim deadline.
pub async fn sweep(client: &Client, out: OutputFormat, t: EpochTarget) -> Result<()> {
    let (address, index) = (t.distributor, t.epoch);
    let l = load(client, &address).await?;
    let d = &l.distributor;
    let epoch = load_epoch(client, &address, index)
        .await?
        .ok_or_else(|| anyhow!("EpochNotFinalized: epoch {index} has no votes yet; nothing was sent"))?;
    match epoch.status {
        EpochStatus::Finalized => {}
        EpochStatus::Swept => bail!("epoch {index} is already swept ({} went to the clawback receiver); nothing was sent", l.mint.format(epoch.swept_amount)),
        other => bail!("EpochNotFinalized: epoch {index} is {other:?}; only finalized epochs are swept, after their claim deadline; nothing was sent"),
    }
    if l.now < epoch.claim_deadline {
        bail!(
            "ClaimWindowOpen: claims of epoch {index} are accepted until {}; sweep after that; nothing was sent",
            describe_time(epoch.claim_deadline, l.now)
        );
    }
    ensure_not_paused(d, pause::SWEEP, "sweeping")?;
    let ix = pop_ix::sweep(&address, d, index);
    let signature = client.send(&[ix], &[]).await?;
    let amount = program_events::<Swept>(client, &psp_pop::ID, &signature)
        .await
        .unwrap_or_default()
        .first()
        .map_or(epoch.unclaimed(), |e| e.amount);
    let value = json!({
        "distributor": address.to_string(),
        "epoch": index,
        "amount": l.mint.format(amount),
        "amount_base": amount,
        "receiver": d.clawback_receiver.to_string(),
        "claimed": l.mint.format(epoch.claimed_amount),
        "claimed_count": epoch.claimed_count,
        "leaf_count": epoch.leaf_count,
    });
    let text = format!(
        "Swept epoch {index} of {address}: {} unclaimed to {} ({} claimed by {} of {} claimants)\nClose its claim chunks with `psp pop close-chunks {address} --epoch {index}`",
        l.mint.format(amount),
        d.clawback_receiver,
        l.mint.format(epoch.claimed_amount),
        epoch.claimed_count,
        epoch.leaf_count
    );
    done(out, value, text, &signature);
    Ok(())
}

/// `close-chunks`: closes every open claim chunk of a swept epoch (rent to each opener).
pub async fn close_chunks(client: &Client, out: OutputFormat, t: EpochTarget) -> Result<()> {
    let (address, index) = (t.distributor, t.epoch);
    let epoch = load_epoch(client, &address, index)
        .await?
        .ok_or_else(|| anyhow!("EpochNotSwept: epoch {index} has no votes yet; nothing was sent"))?;
    if epoch.status != EpochStatus::Swept {
        bail!(
            "EpochNotSwept: epoch {index} is {:?}: its claim chunks close after the sweep; nothing was sent",
            epoch.status
        );
    }
    let found = chunk_accounts(client, &address, index, epoch.leaf_count).await?;
    let open: Vec<(u32, Pubkey)> = found
        .iter()
        .enumerate()
        .filter_map(|(c, data)| data.as_deref().and_then(chunk_payer).map(|payer| (c as u32, payer)))
        .collect();
    let ixs: Vec<Instruction> =
        open.iter().map(|(c, payer)| pop_ix::close_claim_chunk(&address, index, *c, payer)).collect();
    let signatures = send_batches(client, None, ixs).await?;
    let value = json!({
        "distributor": address.to_string(),
        "epoch": index,
        "chunks_closed": open.iter().map(|(c, _)| c).collect::<Vec<_>>(),
        "signatures": signatures.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
    });
    print(out, &value, || {
        if open.is_empty() {
            format!("Epoch {index} of {address} has no open claim chunk: nothing to close")
        } else {
            format!(
                "Closed {} claim chunk(s) of epoch {index} of {address}; their rent went back to whoever opened them",
                open.len()
            )
        }
    });
    Ok(())
}
