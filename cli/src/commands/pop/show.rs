//! `psp pop distributor show`: settings, vault balance split into reserved and unreserved,
//! lifetime totals, pause flags, and the epoch running on the cluster's clock.
use anyhow::Result;
use psp_sdk::pop::chain::format_pause_flags;
use serde::Serialize;
use solana_sdk::pubkey::Pubkey;

use super::{epoch_at, epoch_window, load, Loaded};
use crate::client::Client;
use crate::cluster::OutputFormat;
use crate::commands::time::{describe_time, format_duration};
use crate::output::print;

/// `distributor show` in JSON (amounts in UI units of the reward mint).
#[derive(Serialize)]
pub struct DistributorView {
    /// Its address.
    pub distributor: String,
    /// Key that seeded the address.
    pub create_key: String,
    /// Admin.
    pub admin: String,
    /// Proposed next admin, if any.
    pub pending_admin: Option<String>,
    /// Guardian.
    pub guardian: String,
    /// Reward mint.
    pub reward_mint: String,
    /// Its token program.
    pub token_program: String,
    /// Reward vault.
    pub vault: String,
    /// Tokens in the vault.
    pub vault_balance: String,
    /// Reserved by finalized epochs, not yet claimed or swept.
    pub reserved: String,
    /// Free for new epochs (or reclaim).
    pub unreserved: String,
    /// Start of epoch 0 (unix seconds).
    pub genesis: i64,
    /// Epoch length (seconds).
    pub epoch_length: i64,
    /// Veto window after a proposal (seconds).
    pub challenge_window: i64,
    /// Claim window after finalization (seconds).
    pub claim_window: i64,
    /// Receives sweeps and reclaims.
    pub clawback_receiver: String,
    /// Most one epoch may distribute.
    pub max_epoch_total: String,
    /// Agreeing votes needed to propose a root.
    pub quorum: u32,
    /// Active attestors.
    pub attestor_count: u32,
    /// Changes of the attestor set or quorum so far.
    pub attestor_generation: u64,
    /// Kinds ever defined.
    pub kind_count: u32,
    /// Pause flags by name (`none` when clear).
    pub paused: String,
    /// Ever funded through `fund`.
    pub total_funded: String,
    /// Ever claimed.
    pub total_claimed: String,
    /// Ever swept or reclaimed.
    pub total_swept: String,
    /// Epochs finalized.
    pub epochs_finalized: u64,
    /// The cluster's time.
    pub now: i64,
    /// The epoch running now (`None` before genesis).
    pub current_epoch: Option<u64>,
    /// When it ends.
    pub current_epoch_ends: Option<i64>,
}

/// The view of a loaded distributor whose vault holds `vault_amount` base units.
pub fn distributor_view(l: &Loaded, vault_amount: u64) -> DistributorView {
    let (d, m) = (&l.distributor, &l.mint);
    let current = epoch_at(d, l.now);
    DistributorView {
        distributor: l.address.to_string(),
        create_key: d.create_key.to_string(),
        admin: d.admin.to_string(),
        pending_admin: d.pending_admin.map(|k| k.to_string()),
        guardian: d.guardian.to_string(),
        reward_mint: d.reward_mint.to_string(),
        token_program: d.reward_token_program.to_string(),
        vault: d.vault.to_string(),
        vault_balance: m.format(vault_amount),
        reserved: m.format(d.total_reserved),
        unreserved: m.format(d.unreserved(vault_amount)),
        genesis: d.genesis,
        epoch_length: d.epoch_length,
        challenge_window: d.challenge_window,
        claim_window: d.claim_window,
        clawback_receiver: d.clawback_receiver.to_string(),
        max_epoch_total: m.format(d.max_epoch_total),
        quorum: d.quorum,
        attestor_count: d.attestor_count,
        attestor_generation: d.attestor_generation,
        kind_count: d.kind_count,
        paused: format_pause_flags(d.paused),
        total_funded: m.format(d.total_funded),
        total_claimed: m.format(d.total_claimed),
        total_swept: m.format(d.total_swept),
        epochs_finalized: d.epochs_finalized,
        now: l.now,
        current_epoch: current,
        current_epoch_ends: current.and_then(|e| epoch_window(d, e).ok()).map(|(_, end)| end),
    }
}

/// Base units in token account `account` (0 when it cannot be read).
pub async fn token_amount(client: &Client, account: &Pubkey) -> u64 {
    client.rpc.get_token_account_balance(account).await.map_or(0, |b| b.amount.parse().unwrap_or(0))
}

/// `distributor show`.
pub async fn run(client: &Client, out: OutputFormat, address: &Pubkey) -> Result<()> {
    let l = load(client, address).await?;
    let v = distributor_view(&l, token_amount(client, &l.distributor.vault).await);
    print(out, &v, || {
        let dur = |s: i64| format_duration(s.max(0) as u64);
        let epoch = match (v.current_epoch, v.current_epoch_ends) {
            (Some(0), Some(end)) => format!("0 (ends {}); no epoch has ended yet", describe_time(end, v.now)),
            (Some(e), Some(end)) => {
                format!("{e} (ends {}); epochs 0 to {} have ended", describe_time(end, v.now), e - 1)
            }
            _ => format!("none yet: epoch 0 starts {}", describe_time(v.genesis, v.now)),
        };
        let quorum_note = if v.quorum > v.attestor_count {
            "  (quorum above the attestor count: no root can be proposed)"
        } else {
            ""
        };
        format!(
            "Distributor      {}\nReward mint      {} (vault {})\nAdmin            {}{}\nGuardian         {}\nVault            {} = {} reserved + {} unreserved\nEpochs           {} long from {}\nCurrent epoch    {epoch}\nChallenge window {}\nClaim window     {}\nMax epoch total  {}\nAttestors        {} active, quorum {}{quorum_note}\nKinds            {} defined (see `psp pop kinds`)\nPaused           {}\nClawback to      {}\nTotals           funded {}, claimed {}, swept {}; epochs finalized: {}",
            v.distributor, v.reward_mint, v.vault, v.admin,
            v.pending_admin.as_ref().map_or(String::new(), |p| format!(" (pending: {p})")),
            v.guardian, v.vault_balance, v.reserved, v.unreserved,
            dur(v.epoch_length), describe_time(v.genesis, v.now),
            dur(v.challenge_window), dur(v.claim_window), v.max_epoch_total,
            v.attestor_count, v.quorum, v.kind_count, v.paused, v.clawback_receiver,
            v.total_funded, v.total_claimed, v.total_swept, v.epochs_finalized
        )
    });
    Ok(())
}
