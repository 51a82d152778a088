//! `psp gov tally | show | list`: a proposal's state and times (absolute and relative), the vote
//! against its quorum and approval share, and its instructions; a realm's proposals.
use anyhow::Result;
use psp_governance::state::{passed, Proposal, ProposalInstruction, ProposalState};
use psp_sdk::pop::codec::to_hex;
use serde::Serialize;
use serde_json::json;
use solana_sdk::pubkey::Pubkey;

use super::describe::{program_name, summary};
use super::{
    format_bps, load_instructions, load_proposal, load_realm, state_name, LoadedRealm, ProposalTarget, StateFilter,
    PROPOSAL_REALM_OFFSET,
};
use crate::client::Client;
use crate::cluster::OutputFormat;
use crate::commands::staking::{format_weight, ratio};
use crate::commands::time::describe_time;
use crate::output::print;

/// One stored instruction as `show` reports it.
#[derive(Serialize, Clone)]
pub struct InstructionView {
    /// Program called.
    pub program: String,
    /// Its name when known.
    pub program_name: Option<&'static str>,
    /// Number of accounts.
    pub accounts: usize,
    /// Bytes of data.
    pub data_len: usize,
    /// What it does, when recognized.
    pub summary: Option<String>,
}

/// A proposal as `tally` and `show` report it (powers in UI units of the stake mint).
#[derive(Serialize, Clone)]
pub struct ProposalView {
    /// Realm.
    pub realm: String,
    /// Proposal address.
    pub proposal: String,
    /// Index in the realm.
    pub index: u64,
    /// Title.
    pub title: String,
    /// Description link.
    pub link: String,
    /// SHA-256 of the description (hex).
    pub description_hash: String,
    /// Proposer.
    pub proposer: String,
    /// State.
    pub state: &'static str,
    /// Where it stands and what comes next, in words.
    pub phase: String,
    /// The cluster's time.
    pub now: i64,
    /// Creation time.
    pub created_at: i64,
    /// Vote start (after the draft).
    pub voting_starts_at: Option<i64>,
    /// Vote end.
    pub voting_ends_at: Option<i64>,
    /// When the outcome was decided.
    pub decided_at: Option<i64>,
    /// Earliest execution (passed proposals).
    pub executable_at: Option<i64>,
    /// Latest execution (passed proposals).
    pub expires_at: Option<i64>,
    /// When it was executed, vetoed, cancelled or expired.
    pub closed_at: Option<i64>,
    /// The pool's total weight at the vote's start.
    pub total_power: String,
    /// Power that must take part.
    pub quorum_power: String,
    /// Power cast (yes + no + abstain).
    pub cast: String,
    /// Whether the cast power reaches the quorum.
    pub quorum_reached: bool,
    /// Yes power.
    pub yes: String,
    /// No power.
    pub no: String,
    /// Abstaining power.
    pub abstain: String,
    /// Yes, no and abstain as shares of the cast power.
    pub shares: serde_json::Value,
    /// Yes among yes + no.
    pub approval: String,
    /// Approval share required.
    pub approval_required: String,
    /// Whether the tally passes (quorum and approval) as it stands.
    pub passing: bool,
    /// Positions that voted.
    pub voters: u32,
    /// Whether the vote was decided before its end (tipping).
    pub tipped: bool,
    /// Number of instructions.
    pub instruction_count: usize,
    /// SHA-256 of the instruction list fixed at the vote's start (hex).
    pub instructions_hash: String,
    /// The instructions.
    pub instructions: Vec<InstructionView>,
}

/// `n / d` as a percentage with two decimals (`-` when `d` is 0).
fn pct(n: u128, d: u128) -> String {
    if d == 0 {
        "-".into()
    } else {
        format!("{}%", ratio(n.saturating_mul(100), d, 2))
    }
}

/// The view of proposal `p` at `address` of loaded realm `l`, with its stored `instructions`.
pub fn proposal_view(
    l: &LoadedRealm,
    address: &Pubkey,
    p: &Proposal,
    instructions: &[ProposalInstruction],
) -> ProposalView {
    let fmt = |w: u128| format_weight(w, l.stake.decimals);
    let (t, now, started) = (&p.tally, l.now, p.state != ProposalState::Draft);
    let cast = t.yes.saturating_add(t.no).saturating_add(t.abstain);
    let passing = started && passed(t, p.quorum_power, p.config.approval_bps).unwrap_or(false);
    let when = |t: i64| describe_time(t, now);
    let update = format!("`psp gov update {} {}`", l.address, p.index);
    let phase = match p.state {
        ProposalState::Draft => {
            format!("draft: being written; its proposer starts the vote with `psp gov start {} {}`", l.address, p.index)
        }
        ProposalState::Voting if now < p.voting_ends_at => format!(
            "voting: open until {}; {} as it stands",
            when(p.voting_ends_at),
            if passing { "passing" } else { "not passing" }
        ),
        ProposalState::Voting => format!(
            "vote ended {}: it {} once decided with {update}",
            when(p.voting_ends_at),
            if passing { "passes" } else { "fails" }
        ),
        ProposalState::Succeeded if now < p.executable_at => format!(
            "passed: hold-up (council may veto) until {}, then executable until {}",
            when(p.executable_at),
            when(p.expires_at)
        ),
        ProposalState::Succeeded if now < p.expires_at => format!(
            "passed: executable now until {} with `psp gov execute {} {}`",
            when(p.expires_at),
            l.address,
            p.index
        ),
        ProposalState::Succeeded => {
            format!("passed, but its execution window ended {}: expire it with {update}", when(p.expires_at))
        }
        ProposalState::Defeated if cast < p.quorum_power => "defeated: the quorum was not reached".into(),
        ProposalState::Defeated => "defeated: yes did not reach the approval share".into(),
        s => format!("{} {}", state_name(s), when(p.closed_at)),
    };
    let some = |t: i64| (t != 0).then_some(t);
    ProposalView {
        realm: l.address.to_string(),
        proposal: address.to_string(),
        index: p.index,
        title: p.title.clone(),
        link: p.description_link.clone(),
        description_hash: to_hex(&p.description_hash),
        proposer: p.proposer.to_string(),
        state: state_name(p.state),
        phase,
        now,
        created_at: p.created_at,
        voting_starts_at: some(p.voting_starts_at),
        voting_ends_at: some(p.voting_ends_at),
        decided_at: some(p.decided_at),
        executable_at: some(p.executable_at),
        expires_at: some(p.expires_at),
        closed_at: some(p.closed_at),
        total_power: fmt(p.total_power),
        quorum_power: fmt(p.quorum_power),
        cast: fmt(cast),
        quorum_reached: started && cast >= p.quorum_power,
        yes: fmt(t.yes),
        no: fmt(t.no),
        abstain: fmt(t.abstain),
        shares: json!({ "yes": pct(t.yes, cast), "no": pct(t.no, cast), "abstain": pct(t.abstain, cast) }),
        approval: pct(t.yes, t.yes.saturating_add(t.no)),
        approval_required: format_bps(if started { p.config.approval_bps } else { l.realm.config.approval_bps }),
        passing,
        voters: p.voters,
        tipped: p.decided_at != 0 && p.decided_at < p.voting_ends_at,
        instruction_count: instructions.len(),
        instructions_hash: to_hex(&p.instructions_hash),
        instructions: instructions
            .iter()
            .map(|ix| InstructionView {
                program: ix.program_id.to_string(),
                program_name: program_name(&ix.program_id),
                accounts: ix.accounts.len(),
                data_len: ix.data.len(),
                summary: summary(ix),
            })
            .collect(),
    }
}

/// The text of a proposal view: the vote (`tally`), or everything (`full`, for `show`).
pub fn render_proposal(v: &ProposalView, full: bool) -> String {
    let when = |t: Option<i64>| t.map_or("-".to_string(), |t| describe_time(t, v.now));
    let mut text =
        format!("Proposal {} ({}) \"{}\"\n  state     {}\n  {}", v.index, v.proposal, v.title, v.state, v.phase);
    if full {
        text += &format!(
            "\n  link      {}\n  hash      {}\n  proposer  {}\n  created   {}",
            v.link,
            v.description_hash,
            v.proposer,
            describe_time(v.created_at, v.now)
        );
    }
    if v.voting_starts_at.is_some() {
        let s = &v.shares;
        text += &format!(
            "\n  vote      {} to {}{}\n  quorum    {} cast of {} needed ({} total power){}\n  yes       {} ({})\n  no        {} ({})\n  abstain   {} ({})\n  approval  {} yes of yes + no, {} required\n  voters    {}",
            when(v.voting_starts_at), when(v.voting_ends_at), if v.tipped { format!(", decided early (tipped) {}", when(v.decided_at)) } else { String::new() },
            v.cast, v.quorum_power, v.total_power, if v.quorum_reached { ": reached" } else { ": not reached" },
            v.yes, s["yes"].as_str().unwrap_or("-"), v.no, s["no"].as_str().unwrap_or("-"), v.abstain, s["abstain"].as_str().unwrap_or("-"),
            v.approval, v.approval_required, v.voters
        );
    }
    if v.executable_at.is_some() {
        text += &format!("\n  execute   from {} until {}", when(v.executable_at), when(v.expires_at));
    }
    if full {
        text += &format!(
            "\n  instructions: {}",
            if v.instructions.is_empty() {
                "none (signalling proposal)".to_string()
            } else {
                v.instruction_count.to_string()
            }
        );
        for (i, ix) in v.instructions.iter().enumerate() {
            let name = ix.program_name.map_or(String::new(), |n| format!(" ({n})"));
            text += &format!(
                "\n    {i}: program {}{name}, {} accounts, {} bytes of data",
                ix.program, ix.accounts, ix.data_len
            );
            if let Some(s) = &ix.summary {
                text += &format!("\n       {s}");
            }
        }
    }
    text
}

/// `tally` (`full` false) and `show` (`full` true).
pub async fn run(client: &Client, out: OutputFormat, target: &ProposalTarget, full: bool) -> Result<()> {
    let l = load_realm(client, &target.realm).await?;
    let (address, proposal) = load_proposal(client, &l.address, l.realm.proposal_count, target.index).await?;
    let instructions = match load_instructions(client, &address).await {
        Ok(list) => list,
        // A draft whose list is still being appended.
        Err(_) if proposal.state == ProposalState::Draft => Vec::new(),
        Err(e) => return Err(e),
    };
    let v = proposal_view(&l, &address, &proposal, &instructions);
    print(out, &v, || render_proposal(&v, full));
    Ok(())
}

/// `list`.
pub async fn list(client: &Client, out: OutputFormat, realm: &Pubkey, state: Option<StateFilter>) -> Result<()> {
    let l = load_realm(client, realm).await?;
    let mut proposals: Vec<(Pubkey, Proposal)> =
        client.program_accounts(&psp_governance::ID, vec![(PROPOSAL_REALM_OFFSET, realm.to_bytes().to_vec())]).await?;
    proposals.retain(|(_, p)| state.is_none_or(|s| s.matches(p.state)));
    proposals.sort_by_key(|(_, p)| p.index);
    let fmt = |w: u128| format_weight(w, l.stake.decimals);
    let rows: Vec<_> = proposals
        .iter()
        .map(|(k, p)| {
            json!({
                "index": p.index,
                "proposal": k.to_string(),
                "state": state_name(p.state),
                "title": p.title,
                "voting_ends_at": (p.voting_ends_at != 0).then_some(p.voting_ends_at),
                "yes": fmt(p.tally.yes),
                "no": fmt(p.tally.no),
                "abstain": fmt(p.tally.abstain),
                "voters": p.voters,
            })
        })
        .collect();
    print(out, &rows, || {
        if rows.is_empty() {
            return format!(
                "No proposals{} in realm {realm}.",
                state.map_or(String::new(), |s| format!(" in state {s:?}").to_lowercase())
            );
        }
        let lines: Vec<String> = proposals
            .iter()
            .map(|(k, p)| {
                let end = if p.state == ProposalState::Voting {
                    format!(", vote ends {}", describe_time(p.voting_ends_at, l.now))
                } else {
                    String::new()
                };
                format!(
                    "{:>4}  {:<9}  \"{}\"  yes {} / no {} / abstain {} ({} voter{}){end}\n      {k}",
                    p.index,
                    state_name(p.state),
                    p.title,
                    fmt(p.tally.yes),
                    fmt(p.tally.no),
                    fmt(p.tally.abstain),
                    p.voters,
                    if p.voters == 1 { "" } else { "s" }
                )
            })
            .collect();
        lines.join("\n")
    });
    Ok(())
}
