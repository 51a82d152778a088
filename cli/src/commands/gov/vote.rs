//! `psp gov vote`: the signer's positions vote yes, no or abstain (one `cast_vote` transaction
//! per position; voting again replaces a position's vote). By default every position of the
//! signer in the realm's pool with power for this vote votes; the others are skipped with the
//! reason (created after the vote started, lock ending before the vote ends, ...).
use anyhow::{anyhow, bail, Result};
use clap::Args;
use psp_governance::events::{ProposalDecided, VoteCast};
use psp_governance::state::{pause, Choice, Proposal, ProposalState, Tally};
use psp_sdk::governance as gov;
use psp_staking::state::Position;
use serde_json::json;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Signature, Signer};

use super::{
    choice_name, ensure_not_paused, load_proposal, load_realm, owner_positions, power_for_vote, state_name,
    LoadedRealm, VoteChoice,
};
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::commands::common::{done, program_events};
use crate::commands::staking::{format_weight, load_position};
use crate::commands::time::describe_time;

/// Arguments of `psp gov vote`.
#[derive(Args, Debug)]
pub struct VoteArgs {
    /// Realm address.
    #[arg(value_parser = parse_pubkey)]
    pub realm: Pubkey,
    /// Proposal index.
    pub index: u64,
    /// yes, no or abstain.
    #[arg(value_enum)]
    pub choice: VoteChoice,
    /// Vote with this position index only (repeat for several; default: every position of
    /// yours with power for this vote).
    #[arg(long)]
    pub position: Vec<u32>,
}

/// One position's vote.
pub struct CastReport {
    /// The position.
    pub position: Pubkey,
    /// Its index.
    pub index: u32,
    /// Power counted.
    pub power: u128,
    /// The replaced choice, if it had voted.
    pub previous: Option<(Choice, u128)>,
    /// The transaction.
    pub signature: Signature,
}

/// What `cast_votes` did.
pub struct VoteReport {
    /// The votes sent, in order.
    pub votes: Vec<CastReport>,
    /// Positions not voting, with the reason.
    pub skipped: Skipped,
    /// The tally after the last vote.
    pub tally: Tally,
    /// Positions that voted so far.
    pub voters: u32,
    /// The outcome, when a vote tipped it.
    pub decided: Option<ProposalDecided>,
}

/// Positions that can vote: address, index, power.
pub type Eligible = Vec<(Pubkey, u32, u128)>;
/// Positions that cannot vote: index, reason.
pub type Skipped = Vec<(u32, String)>;

/// Splits `positions` into those with power for `proposal`'s vote at `now` (address, index,
/// power) and those without (index, reason).
pub fn eligible_positions(
    l: &LoadedRealm,
    proposal: &Proposal,
    positions: &[(Pubkey, Position)],
) -> (Eligible, Skipped) {
    let (mut eligible, mut skipped) = (Vec::new(), Vec::new());
    for (address, p) in positions {
        match power_for_vote(p, &l.pool, proposal, l.now) {
            Ok(power) => eligible.push((*address, p.index, power)),
            Err(reason) => skipped.push((p.index, reason)),
        }
    }
    (eligible, skipped)
}

/// Refuses when proposal `index` is not open for votes at `l.now`.
fn ensure_open(l: &LoadedRealm, index: u64, proposal: &Proposal) -> Result<()> {
    ensure_not_paused(l, pause::VOTE, "voting")?;
    if proposal.state != ProposalState::Voting {
        bail!(
            "NotVoting: proposal {index} is {}: it is not open for votes; nothing was sent",
            state_name(proposal.state)
        );
    }
    if l.now >= proposal.voting_ends_at {
        bail!(
            "VotingEnded: the vote on proposal {index} ended {}; decide it with `psp gov update {} {index}`; nothing was sent",
            describe_time(proposal.voting_ends_at, l.now),
            l.address
        );
    }
    Ok(())
}

/// Sends one `cast_vote` per position (`(address, index)`) of the signer on proposal `index`,
/// stopping early when a vote tips the outcome (the rest are reported as skipped).
pub async fn cast_votes(
    client: &Client,
    l: &LoadedRealm,
    index: u64,
    positions: &[(Pubkey, u32)],
    choice: Choice,
) -> Result<VoteReport> {
    let me = client.payer()?.pubkey();
    let mut report =
        VoteReport { votes: Vec::new(), skipped: Vec::new(), tally: Tally::default(), voters: 0, decided: None };
    for (address, position_index) in positions {
        if report.decided.is_some() {
            report.skipped.push((*position_index, "the vote was already decided (tipped)".into()));
            continue;
        }
        let ix = gov::cast_vote(&l.address, index, &l.realm.pool, address, &me, &me, choice);
        let signature = client.send(&[ix], &[]).await?;
        let cast: Option<VoteCast> =
            program_events(client, &psp_governance::ID, &signature).await.unwrap_or_default().into_iter().next();
        report.decided = program_events::<ProposalDecided>(client, &psp_governance::ID, &signature)
            .await
            .unwrap_or_default()
            .into_iter()
            .next();
        let (power, previous) = match &cast {
            Some(e) => {
                report.tally = e.tally;
                report.voters = e.voters;
                (e.power, e.previous_choice.map(|c| (c, e.previous_power)))
            }
            None => {
                let p: Proposal =
                    client.account(&gov::proposal_pda(&l.address, index).0, "governance proposal").await?;
                report.tally = p.tally;
                report.voters = p.voters;
                (0, None)
            }
        };
        report.votes.push(CastReport { position: *address, index: *position_index, power, previous, signature });
    }
    Ok(report)
}

/// `vote`.
pub async fn run(client: &Client, out: OutputFormat, args: VoteArgs) -> Result<()> {
    let l = load_realm(client, &args.realm).await?;
    let (_, proposal) = load_proposal(client, &l.address, l.realm.proposal_count, args.index).await?;
    ensure_open(&l, args.index, &proposal)?;
    let me = client.payer()?.pubkey();
    let (eligible, mut skipped) = if args.position.is_empty() {
        let mine = owner_positions(client, &l.realm.pool, &me).await?;
        if mine.is_empty() {
            bail!("NoVotingPower: you ({me}) have no position in the realm's pool {} (stake with `psp staking stake`); nothing was sent", l.realm.pool);
        }
        let (eligible, skipped) = eligible_positions(&l, &proposal, &mine);
        if eligible.is_empty() {
            let why: Vec<String> = skipped.iter().map(|(i, r)| format!("position {i}: {r}")).collect();
            bail!(
                "none of your positions can vote on proposal {}:\n  {}\nnothing was sent",
                args.index,
                why.join("\n  ")
            );
        }
        (eligible, skipped)
    } else {
        let mut eligible = Vec::new();
        for index in &args.position {
            let (address, position) = load_position(client, &l.realm.pool, &me, *index)
                .await
                .map_err(|e| anyhow!("{e}; nothing was sent"))?;
            match power_for_vote(&position, &l.pool, &proposal, l.now) {
                Ok(power) => eligible.push((address, *index, power)),
                Err(reason) => {
                    bail!("position {index} cannot vote on proposal {}: {reason}; nothing was sent", args.index)
                }
            }
        }
        (eligible, Vec::new())
    };
    let targets: Vec<(Pubkey, u32)> = eligible.iter().map(|(a, i, _)| (*a, *i)).collect();
    let report = cast_votes(client, &l, args.index, &targets, args.choice.into()).await?;
    skipped.extend(report.skipped.iter().cloned());
    let fmt = |w: u128| format_weight(w, l.stake.decimals);
    let t = &report.tally;
    let cast = t.yes.saturating_add(t.no).saturating_add(t.abstain);
    let votes: Vec<_> = report
        .votes
        .iter()
        .map(|v| {
            json!({
                "position": v.position.to_string(),
                "index": v.index,
                "power": fmt(v.power),
                "previous_choice": v.previous.map(|(c, _)| choice_name(c)),
                "previous_power": v.previous.map(|(_, p)| fmt(p)),
                "signature": v.signature.to_string(),
            })
        })
        .collect();
    let state = report.decided.as_ref().map_or("voting", |d| state_name(d.state));
    let value = json!({
        "realm": l.address.to_string(),
        "index": args.index,
        "choice": choice_name(args.choice.into()),
        "votes": votes,
        "skipped": skipped.iter().map(|(i, r)| json!({ "index": i, "reason": r })).collect::<Vec<_>>(),
        "tally": { "yes": fmt(t.yes), "no": fmt(t.no), "abstain": fmt(t.abstain), "cast": fmt(cast) },
        "quorum": fmt(proposal.quorum_power),
        "voters": report.voters,
        "tipped": report.decided.as_ref().is_some_and(|d| d.tipped),
        "state": state,
    });
    let mut text =
        format!("Voted {} on proposal {} of realm {}", choice_name(args.choice.into()), args.index, l.address);
    for v in &report.votes {
        let changed =
            v.previous.map_or(String::new(), |(c, p)| format!(" (replacing {} with {})", choice_name(c), fmt(p)));
        text += &format!("\n  position {} ({}): power {}{changed}", v.index, v.position, fmt(v.power));
    }
    for (i, reason) in &skipped {
        text += &format!("\n  skipped position {i}: {reason}");
    }
    text += &format!(
        "\n  tally: yes {}, no {}, abstain {} ({} cast of {} needed for the quorum; {} voter(s))",
        fmt(t.yes),
        fmt(t.no),
        fmt(t.abstain),
        fmt(cast),
        fmt(proposal.quorum_power),
        report.voters
    );
    if let Some(d) = &report.decided {
        text += &format!("\n  the vote tipped: proposal {} {}", args.index, state_name(d.state));
        if d.state == ProposalState::Succeeded {
            text += &format!(", executable {}", describe_time(d.executable_at, l.now));
        }
    }
    let last = report.votes.last().map(|v| v.signature).unwrap_or_default();
    done(out, value, text, &last);
    Ok(())
}
