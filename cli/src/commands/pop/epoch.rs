//! `psp pop epoch D N`: where an epoch stands. Before the first vote there is no epoch account:
//! the status then follows the epoch clock (NotStarted, Running, Voting). While voting, this
//! round's candidates are listed with their votes (from `getProgramAccounts`).
use anyhow::Result;
use psp_pop::state::{Candidate, EpochStatus};
use psp_sdk::pop::chain::{self, voting_round};
use psp_sdk::pop::codec::to_hex;
use psp_sdk::pop::epoch_pda;
use serde::Serialize;
use solana_sdk::pubkey::Pubkey;

use super::{epoch_window, load, load_epoch};
use crate::client::Client;
use crate::cluster::OutputFormat;
use crate::commands::staking::ratio;
use crate::commands::time::describe_time;
use crate::output::print;

/// One triple voted for in the current round.
#[derive(Clone, Debug, Serialize)]
pub struct CandidateView {
    /// Merkle root (hex).
    pub root: String,
    /// Total (UI units).
    pub total: String,
    /// Total (base units).
    pub total_base: u64,
    /// Leaf count.
    pub leaf_count: u64,
    /// Votes so far.
    pub votes: u32,
}

/// An epoch's status (amounts in UI units of the reward mint, times in unix seconds).
#[derive(Clone, Debug, Serialize)]
pub struct EpochView {
    /// The distributor.
    pub distributor: String,
    /// Epoch number.
    pub epoch: u64,
    /// First second of the epoch.
    pub start: i64,
    /// End of the epoch (exclusive).
    pub end: i64,
    /// The cluster's time.
    pub now: i64,
    /// NotStarted, Running, Voting, Proposed, Finalized or Swept.
    pub status: String,
    /// Voting round (votes cast now count in it).
    pub round: u32,
    /// Vetoes so far.
    pub vetoes: u32,
    /// Agreeing votes needed.
    pub quorum: u32,
    /// Active attestors.
    pub attestor_count: u32,
    /// This round's candidates, most votes first (while voting).
    pub candidates: Vec<CandidateView>,
    /// Proposed (then finalized) root.
    pub root: Option<String>,
    /// Proposed total (UI units).
    pub total: Option<String>,
    /// Proposed total (base units).
    pub total_base: Option<u64>,
    /// Proposed leaf count.
    pub leaf_count: Option<u64>,
    /// When the root reached quorum.
    pub proposed_at: Option<i64>,
    /// Earliest finalization.
    pub challenge_ends_at: Option<i64>,
    /// When it was finalized.
    pub finalized_at: Option<i64>,
    /// Claims are accepted before this.
    pub claim_deadline: Option<i64>,
    /// Claimed so far (UI units).
    pub claimed: String,
    /// Claimed so far (base units).
    pub claimed_base: u64,
    /// Leaves claimed.
    pub claimed_count: u64,
    /// Claimed share of the total, e.g. `42.24%`.
    pub claimed_percent: Option<String>,
    /// Swept to the clawback receiver (UI units).
    pub swept: String,
    /// Claim bitmap chunks open.
    pub chunks_open: u32,
}

/// Reads epoch `index` of distributor `address` with this round's candidates.
pub async fn epoch_view(client: &Client, address: &Pubkey, index: u64) -> Result<EpochView> {
    let l = load(client, address).await?;
    let (d, m) = (&l.distributor, &l.mint);
    let (start, end) = epoch_window(d, index)?;
    let epoch = load_epoch(client, address, index).await?;
    let round = voting_round(d, epoch.as_ref());
    let status = match &epoch {
        Some(e) => format!("{:?}", e.status),
        None if l.now < start => "NotStarted".into(),
        None if l.now < end => "Running".into(),
        None => "Voting".into(),
    };
    let mut candidates = Vec::new();
    if epoch.as_ref().is_some_and(|e| e.status == EpochStatus::Voting) {
        let filters = vec![
            (chain::CANDIDATE_EPOCH_OFFSET, epoch_pda(address, index).0.to_bytes().to_vec()),
            (chain::CANDIDATE_ROUND_OFFSET, round.to_le_bytes().to_vec()),
        ];
        let mut found = client.program_accounts::<Candidate>(&psp_pop::ID, filters).await?;
        found.sort_by_key(|(_, c)| std::cmp::Reverse(c.votes));
        candidates = found
            .into_iter()
            .map(|(_, c)| CandidateView {
                root: to_hex(&c.root),
                total: m.format(c.total),
                total_base: c.total,
                leaf_count: c.leaf_count,
                votes: c.votes,
            })
            .collect();
    }
    let e = epoch.as_ref();
    let proposed = e.filter(|e| e.status != EpochStatus::Voting);
    let finalized = e.filter(|e| matches!(e.status, EpochStatus::Finalized | EpochStatus::Swept));
    let claimed = e.map_or(0, |e| e.claimed_amount);
    Ok(EpochView {
        distributor: address.to_string(),
        epoch: index,
        start,
        end,
        now: l.now,
        status,
        round,
        vetoes: e.map_or(0, |e| e.vetoes),
        quorum: d.quorum,
        attestor_count: d.attestor_count,
        candidates,
        root: proposed.map(|e| to_hex(&e.root)),
        total: proposed.map(|e| m.format(e.total)),
        total_base: proposed.map(|e| e.total),
        leaf_count: proposed.map(|e| e.leaf_count),
        proposed_at: proposed.map(|e| e.proposed_at),
        challenge_ends_at: proposed.map(|e| e.challenge_ends_at),
        finalized_at: finalized.map(|e| e.finalized_at),
        claim_deadline: finalized.map(|e| e.claim_deadline),
        claimed: m.format(claimed),
        claimed_base: claimed,
        claimed_count: e.map_or(0, |e| e.claimed_count),
        claimed_percent: finalized
            .map(|e| format!("{}%", ratio(u128::from(e.claimed_amount) * 100, u128::from(e.total), 2))),
        swept: m.format(e.map_or(0, |e| e.swept_amount)),
        chunks_open: e.map_or(0, |e| e.chunks_open),
    })
}

/// The text rendering of an epoch's status.
pub fn render_epoch(v: &EpochView) -> String {
    let t = |time: i64| describe_time(time, v.now);
    let mut text = format!(
        "Epoch {} of {}: {} (round {}, vetoes {})\n  window      {} to {}\n  attestors   {} active, quorum {}",
        v.epoch,
        v.distributor,
        v.status,
        v.round,
        v.vetoes,
        t(v.start),
        t(v.end),
        v.attestor_count,
        v.quorum
    );
    match v.status.as_str() {
        "NotStarted" | "Running" => text += "\n  attestors vote once the epoch has ended",
        "Voting" if v.candidates.is_empty() => text += &format!("\n  no votes yet in round {}", v.round),
        "Voting" => {
            text += &format!("\n  candidates of round {}:", v.round);
            for c in &v.candidates {
                text += &format!(
                    "\n    {} of {} votes  root {}  total {} ({} leaves)",
                    c.votes, v.quorum, c.root, c.total, c.leaf_count
                );
            }
        }
        _ => {}
    }
    if let (Some(root), Some(total), Some(leaves)) = (&v.root, &v.total, v.leaf_count) {
        text += &format!(
            "\n  root        {root}\n  total       {total} ({} base units) to {leaves} leaves",
            v.total_base.unwrap_or(0)
        );
    }
    if let (Some(proposed), Some(challenge)) = (v.proposed_at, v.challenge_ends_at) {
        text += &format!("\n  proposed    {}\n  challenge   ends {}", t(proposed), t(challenge));
    }
    if let (Some(finalized), Some(deadline)) = (v.finalized_at, v.claim_deadline) {
        text += &format!(
            "\n  finalized   {}\n  claims      until {}\n  claimed     {} ({}) by {} of {} claimants; {} bitmap chunk(s) open",
            t(finalized),
            t(deadline),
            v.claimed,
            v.claimed_percent.as_deref().unwrap_or("-"),
            v.claimed_count,
            v.leaf_count.unwrap_or(0),
            v.chunks_open
        );
    }
    if v.status == "Swept" {
        text += &format!("\n  swept       {} to the clawback receiver", v.swept);
    }
    text
}

/// `epoch`.
pub async fn run(client: &Client, out: OutputFormat, address: &Pubkey, index: u64) -> Result<()> {
    let view = epoch_view(client, address, index).await?;
    print(out, &view, || render_epoch(&view));
    Ok(())
}
