//! Reading PoP accounts and the checks many commands share: a distributor with its mint and
//! the cluster's clock, epochs (absent before their first vote), the epoch clock, pause bits,
//! and `emit!` events read back from a transaction's logs.
use anchor_lang::AccountDeserialize;
use anyhow::{anyhow, bail, Result};
use psp_pop::state::{Distributor, Epoch};
use psp_sdk::pop::epoch_pda;
use solana_sdk::pubkey::Pubkey;

use crate::client::Client;
use crate::commands::common::{cluster_now, mint_info, MintInfo};
use crate::commands::time::describe_time;

/// Reads the distributor at `address`.
pub async fn load_distributor(client: &Client, address: &Pubkey) -> Result<Distributor> {
    client.account(address, "PoP distributor").await
}

/// Reads epoch `index` of distributor `address`; `None` before its first vote (the account is
/// created by it).
pub async fn load_epoch(client: &Client, address: &Pubkey, index: u64) -> Result<Option<Epoch>> {
    let key = epoch_pda(address, index).0;
    match client.data(&key).await? {
        None => Ok(None),
        Some(data) => {
            Epoch::try_deserialize(&mut &data[..]).map(Some).map_err(|_| anyhow!("{key} is not a PoP epoch account"))
        }
    }
}

/// Reads an Anchor account of type `T` that may not exist yet (`None` when missing or of
/// another type).
pub async fn maybe<T: AccountDeserialize>(client: &Client, key: &Pubkey) -> Result<Option<T>> {
    Ok(client.data(key).await?.and_then(|data| T::try_deserialize(&mut &data[..]).ok()))
}

/// A distributor with its reward mint and the cluster's clock: where most commands start.
pub struct Loaded {
    /// Its address.
    pub address: Pubkey,
    /// Its state.
    pub distributor: Distributor,
    /// The reward mint's decimals and token program.
    pub mint: MintInfo,
    /// The cluster's unix time.
    pub now: i64,
}

/// Reads distributor `address`, its reward mint and the cluster's clock.
pub async fn load(client: &Client, address: &Pubkey) -> Result<Loaded> {
    let distributor = load_distributor(client, address).await?;
    let mint = mint_info(client, &distributor.reward_mint).await?;
    Ok(Loaded { address: *address, distributor, mint, now: cluster_now(client).await? })
}

/// The epoch running at `now` (`None` before genesis).
pub fn epoch_at(distributor: &Distributor, now: i64) -> Option<u64> {
    (now >= distributor.genesis).then(|| ((now - distributor.genesis) / distributor.epoch_length) as u64)
}

/// Start and end (exclusive) of epoch `index`.
pub fn epoch_window(distributor: &Distributor, index: u64) -> Result<(i64, i64)> {
    let end = distributor.epoch_end(index).ok_or_else(|| anyhow!("epoch {index} is too far in the future"))?;
    Ok((end - distributor.epoch_length, end))
}

/// Refuses epochs that have not ended at `now` (nothing can be voted before their end).
pub fn ensure_ended(distributor: &Distributor, index: u64, now: i64) -> Result<()> {
    let (_, end) = epoch_window(distributor, index)?;
    if now < end {
        bail!("EpochNotEnded: epoch {index} ends at {}; nothing was sent", describe_time(end, now));
    }
    Ok(())
}

/// Refuses when pause bit `op` (or the full halt) is set; `what` names the operation.
pub fn ensure_not_paused(distributor: &Distributor, op: u8, what: &str) -> Result<()> {
    if psp_sdk::psp_common::pause::blocks(distributor.paused, op) {
        bail!(
            "Paused: {what} is paused on this distributor (flags {}); nothing was sent",
            psp_sdk::pop::chain::format_pause_flags(distributor.paused)
        );
    }
    Ok(())
}
