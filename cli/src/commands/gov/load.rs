//! Reading governance accounts and the checks many commands share: a realm with its pool, stake
//! mint and the cluster's clock, proposals and their stored instruction lists, the signer's
//! positions in the realm's pool and their voting power for a vote.
use anchor_lang::AnchorDeserialize;
use anyhow::{anyhow, bail, Result};
use psp_governance::state::{Proposal, ProposalInstruction, ProposalInstructions, ProposalState, Realm};
use psp_sdk::governance as gov;
use psp_staking::state::{Pool, Position};
use solana_sdk::instruction::{AccountMeta, Instruction};
use solana_sdk::pubkey::Pubkey;

use super::format_pause_flags;
use crate::client::Client;
use crate::commands::common::{cluster_now, mint_info, MintInfo};
use crate::commands::staking::load_pool;

pub use psp_sdk::governance::PROPOSAL_REALM_OFFSET;

/// A realm with its staking pool, the pool's stake mint and the cluster's clock: where most
/// commands start.
pub struct LoadedRealm {
    /// The realm's address.
    pub address: Pubkey,
    /// Its state.
    pub realm: Realm,
    /// Its staking pool.
    pub pool: Pool,
    /// The pool's stake mint (voting power is shown in its UI units).
    pub stake: MintInfo,
    /// The cluster's unix time.
    pub now: i64,
}

/// Reads realm `address`, its pool, the stake mint and the cluster's clock.
pub async fn load_realm(client: &Client, address: &Pubkey) -> Result<LoadedRealm> {
    let realm: Realm = client.account(address, "governance realm").await?;
    let pool = load_pool(client, &realm.pool).await?;
    let stake = mint_info(client, &pool.stake_mint).await?;
    Ok(LoadedRealm { address: *address, realm, pool, stake, now: cluster_now(client).await? })
}

/// Reads proposal `index` of realm `realm` (of `count` proposals ever created); returns its
/// address too.
pub async fn load_proposal(client: &Client, realm: &Pubkey, count: u64, index: u64) -> Result<(Pubkey, Proposal)> {
    let address = gov::proposal_pda(realm, index).0;
    if index >= count {
        bail!("realm {realm} has no proposal {index} ({count} created so far; see `psp gov list {realm}`); nothing was sent");
    }
    let proposal = client.account(&address, "governance proposal").await?;
    Ok((address, proposal))
}

/// The instruction list stored for `proposal` (empty for a signalling proposal).
pub async fn load_instructions(client: &Client, proposal: &Pubkey) -> Result<Vec<ProposalInstruction>> {
    let key = gov::instructions_pda(proposal).0;
    let stored: ProposalInstructions = client.account(&key, "proposal instruction list").await?;
    decode_instructions(&stored.data).map_err(|_| {
        anyhow!("the instruction list of proposal {proposal} ({key}) is not a valid list yet (a draft being written?)")
    })
}

/// Decodes a borsh `Vec<ProposalInstruction>` (empty bytes: no instructions).
pub fn decode_instructions(data: &[u8]) -> std::io::Result<Vec<ProposalInstruction>> {
    if data.is_empty() {
        return Ok(Vec::new());
    }
    Vec::<ProposalInstruction>::try_from_slice(data)
}

/// A stored instruction as a Solana instruction.
pub fn to_instruction(stored: &ProposalInstruction) -> Instruction {
    Instruction {
        program_id: stored.program_id,
        accounts: stored
            .accounts
            .iter()
            .map(|a| AccountMeta { pubkey: a.pubkey, is_signer: a.is_signer, is_writable: a.is_writable })
            .collect(),
        data: stored.data.clone(),
    }
}

/// The `execute_proposal` instruction of proposal `index` of `realm`, from its stored list;
/// refused when the list marks another signer than the treasury (a list stored before the
/// program checked signers: the program drops such flags, so it would fail).
pub async fn execute_instruction(
    client: &Client,
    realm: &Pubkey,
    index: u64,
    executor: &Pubkey,
) -> Result<Instruction> {
    let proposal = gov::proposal_pda(realm, index).0;
    let list: Vec<Instruction> = load_instructions(client, &proposal).await?.iter().map(to_instruction).collect();
    let treasury = gov::treasury_pda(realm).0;
    if let Some(signer) = gov::foreign_signer(&list, &treasury) {
        bail!("SignerNotTreasury: proposal {index} marks {signer} as a signer of its instructions; only the treasury {treasury} signs at execution, so it cannot run; nothing was sent");
    }
    Ok(gov::execute_proposal(realm, index, executor, &list))
}

/// Lower-case name of a proposal state.
pub fn state_name(state: ProposalState) -> &'static str {
    match state {
        ProposalState::Draft => "draft",
        ProposalState::Voting => "voting",
        ProposalState::Succeeded => "succeeded",
        ProposalState::Defeated => "defeated",
        ProposalState::Vetoed => "vetoed",
        ProposalState::Executed => "executed",
        ProposalState::Cancelled => "cancelled",
        ProposalState::Expired => "expired",
    }
}

/// Refuses when operation `op` of the realm is paused (or the realm is halted); `what` names it.
pub fn ensure_not_paused(l: &LoadedRealm, op: u8, what: &str) -> Result<()> {
    if psp_sdk::psp_common::pause::blocks(l.realm.paused, op) {
        bail!(
            "Paused: {what} is paused in realm {} (flags {}); nothing was sent",
            l.address,
            format_pause_flags(l.realm.paused)
        );
    }
    Ok(())
}

/// Every position of `owner` in `pool`, by index (getProgramAccounts on pool and owner).
pub async fn owner_positions(client: &Client, pool: &Pubkey, owner: &Pubkey) -> Result<Vec<(Pubkey, Position)>> {
    let filters = vec![
        (psp_sdk::staking::POSITION_POOL_OFFSET, pool.to_bytes().to_vec()),
        (psp_sdk::staking::POSITION_OWNER_OFFSET, owner.to_bytes().to_vec()),
    ];
    let mut positions: Vec<(Pubkey, Position)> = client.program_accounts(&psp_staking::ID, filters).await?;
    positions.sort_by_key(|(_, p)| p.index);
    Ok(positions)
}

/// Voting power of `position` on `proposal`'s vote at `now`, by the program's own rule
/// (`Proposal::vote_power`: the minimum committed lock copied when the vote started); `Err`
/// says why it has none.
pub fn power_for_vote(position: &Position, pool: &Pool, proposal: &Proposal, now: i64) -> Result<u128, String> {
    use psp_governance::errors::GovernanceError as E;
    match proposal.vote_power(position, pool, now) {
        Ok(power) => Ok(power),
        Err(E::PositionTooNew) => {
            Err("PositionTooNew: it was created at or after the vote started (positions must predate the vote)".into())
        }
        Err(E::WeightChangedDuringVote) => {
            Err("WeightChangedDuringVote: its stake or lock grew at or after the vote started".into())
        }
        Err(_) => Err(no_power_reason(position, proposal.min_voting_lockup, proposal.voting_ends_at)),
    }
}

/// Why `position` has no voting power for a vote ending at `ends` that requires a lock
/// committed for at least `min_voting_lockup`.
pub fn no_power_reason(position: &Position, min_voting_lockup: i64, ends: i64) -> String {
    use crate::commands::time::{format_duration, format_time};
    let committed = position.lock_end.saturating_sub(position.lock_start);
    if position.lock_end < ends {
        format!(
            "NoVotingPower: its lock ends {} before the vote ends {} (extend it with `psp staking extend`)",
            format_time(position.lock_end),
            format_time(ends)
        )
    } else if committed < min_voting_lockup {
        format!(
            "NoVotingPower: its lock was committed for {}, the pool requires at least {} to vote",
            format_duration(committed.max(0) as u64),
            format_duration(min_voting_lockup.max(0) as u64)
        )
    } else {
        "NoVotingPower: nothing staked (everything is unbonding)".into()
    }
}
