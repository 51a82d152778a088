//! `psp gov ...`: token-holder governance (program psp-governance). Realms over a staking pool
//! (create, show, pause), proposals whose instruction lists the realm's treasury executes
//! (propose with SOL and token transfers, stream rates, the pool's admin hand-over or any
//! instruction from a JSON file; start, cancel), votes by staking positions (yes / no /
//! abstain, changeable while open; a tipped vote is final), tallies, lists, deciding ended votes, the
//! council's veto (directly or, with `--multisig`, as a vault transaction proposal) and
//! execution after the hold-up.
mod act;
mod describe;
mod load;
mod propose;
mod realm;
mod show;
mod sources;
mod vote;

// For the demo (`commands/demo/gov.rs`): loading, proposing, voting, views and execution.
#[allow(unused_imports)]
pub use load::*;
#[allow(unused_imports)]
pub use propose::{propose, ProposalDraft, Proposed};
#[allow(unused_imports)]
pub use realm::{realm_view, RealmView};
#[allow(unused_imports)]
pub use show::{proposal_view, render_proposal, InstructionView, ProposalView};
#[allow(unused_imports)]
pub use sources::{accept_pool_admin, parse_instructions_file, set_stream_rate, transfer_sol, transfer_token};
#[allow(unused_imports)]
pub use vote::{cast_votes, eligible_positions, CastReport, VoteReport};

use anyhow::Result;
use clap::{Args, Subcommand, ValueEnum};
use psp_governance::state::{pause, Choice, ProposalState};
use solana_sdk::pubkey::Pubkey;

use crate::cluster::{parse_pubkey, GlobalOpts};
use crate::commands::common::AdminOpts;
use psp_sdk::quote::quote;

/// Governance subcommands.
#[derive(Subcommand, Debug)]
pub enum GovCommand {
    /// Realms: create, show.
    #[command(subcommand)]
    Realm(realm::RealmCommand),
    /// Draft a proposal with the instructions the treasury runs if it passes, and start its vote.
    Propose(propose::ProposeArgs),
    /// Start the vote of your draft (your position must have the realm's minimum power).
    Start {
        #[command(flatten)]
        target: ProposalTarget,
        /// Your staking position in the realm's pool that qualifies you.
        #[arg(long, default_value_t = 0)]
        position: u32,
    },
    /// Vote yes, no or abstain with your positions (again: replaces your vote).
    Vote(vote::VoteArgs),
    /// The vote: quorum, yes / no / abstain, approval share, outcome so far.
    Tally(ProposalTarget),
    /// Everything about a proposal: text, times, vote and instructions.
    Show(ProposalTarget),
    /// List a realm's proposals.
    List {
        /// Realm address.
        #[arg(value_parser = parse_pubkey)]
        realm: Pubkey,
        /// Only proposals in this state.
        #[arg(long, value_enum)]
        state: Option<StateFilter>,
    },
    /// Decide an ended vote, or expire a passed proposal not executed in time (anyone).
    Update(ProposalTarget),
    /// Withdraw your draft or open vote (proposer).
    Cancel(ProposalTarget),
    /// Veto a passed proposal during its hold-up (council; `--multisig` for a vault council).
    Veto {
        #[command(flatten)]
        target: ProposalTarget,
        #[command(flatten)]
        admin: AdminOpts,
    },
    /// Run a passed proposal's instructions after its hold-up (anyone, once).
    Execute(ProposalTarget),
    /// Add pause flags (council): propose, vote, execute, halt, all.
    Pause {
        /// Realm address.
        #[arg(value_parser = parse_pubkey)]
        realm: Pubkey,
        /// Comma-separated flags to add: propose, vote, execute, halt or all.
        #[arg(value_parser = parse_pause_flags)]
        flags: u8,
        #[command(flatten)]
        admin: AdminOpts,
    },
    /// Clear pause flags (council): the given ones, or all.
    Unpause {
        /// Realm address.
        #[arg(value_parser = parse_pubkey)]
        realm: Pubkey,
        /// Comma-separated flags to clear (default: all).
        #[arg(value_parser = parse_pause_flags)]
        flags: Option<u8>,
        #[command(flatten)]
        admin: AdminOpts,
    },
}

/// A realm and one of its proposals.
#[derive(Args, Debug, Clone)]
pub struct ProposalTarget {
    /// Realm address.
    #[arg(value_parser = parse_pubkey)]
    pub realm: Pubkey,
    /// Proposal index (see `psp gov list`).
    pub index: u64,
}

/// A vote's choice on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum VoteChoice {
    /// For.
    Yes,
    /// Against.
    No,
    /// Counts toward the quorum only.
    Abstain,
}

impl From<VoteChoice> for Choice {
    fn from(c: VoteChoice) -> Self {
        match c {
            VoteChoice::Yes => Choice::Yes,
            VoteChoice::No => Choice::No,
            VoteChoice::Abstain => Choice::Abstain,
        }
    }
}

/// Lower-case name of a choice.
pub fn choice_name(choice: Choice) -> &'static str {
    match choice {
        Choice::Yes => "yes",
        Choice::No => "no",
        Choice::Abstain => "abstain",
    }
}

/// A proposal state to filter on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum StateFilter {
    /// Being written.
    Draft,
    /// Open for votes (or ended, not yet decided).
    Voting,
    /// Passed, not yet executed.
    Succeeded,
    /// Rejected.
    Defeated,
    /// Vetoed by the council.
    Vetoed,
    /// Executed.
    Executed,
    /// Withdrawn by the proposer.
    Cancelled,
    /// Passed but not executed in time.
    Expired,
}

impl StateFilter {
    /// Whether `state` is this one.
    pub fn matches(self, state: ProposalState) -> bool {
        load::state_name(state) == self.to_possible_value().map(|v| v.get_name().to_string()).unwrap_or_default()
    }
}

pub use psp_sdk::governance::{format_pause_flags, parse_pause_flags};

/// Parses a percentage such as `20`, `20%` or `12.5` into basis points (1..=10,000).
pub fn parse_percent(text: &str) -> Result<u16, String> {
    let t = text.trim().trim_end_matches('%');
    let bps = psp_sdk::amounts::parse_amount(t, 2)
        .map_err(|e| format!("{} is not a percentage (e.g. 20, 12.5%): {e}", quote(text)))?;
    match u16::try_from(bps) {
        Ok(bps) if (1..=10_000).contains(&bps) => Ok(bps),
        _ => Err(format!("{} is not between 0.01% and 100%", quote(text))),
    }
}

/// Basis points as a percentage, e.g. `12.5%`.
pub fn format_bps(bps: u16) -> String {
    format!("{}%", psp_sdk::amounts::format_amount(u64::from(bps), 2))
}

/// Parses a period (`4s`, `3d`, `3600`) into seconds as the program stores them.
pub fn parse_period(text: &str) -> Result<i64, String> {
    crate::commands::pop::parse_period(text)
}

/// Runs a governance subcommand. Read-only ones need no keypair.
pub async fn run(global: &GlobalOpts, command: GovCommand) -> Result<()> {
    let out = global.output;
    // The keypair is read only by commands that sign.
    let client = global.client();
    match command {
        GovCommand::Realm(realm::RealmCommand::Show { realm }) => realm::show(&client, out, &realm).await,
        GovCommand::Realm(realm::RealmCommand::Create(args)) => realm::create(&client, out, args).await,
        GovCommand::Propose(args) => propose::run(&client, out, args).await,
        GovCommand::Start { target, position } => propose::start(&client, out, &target, position).await,
        GovCommand::Vote(args) => vote::run(&client, out, args).await,
        GovCommand::Tally(target) => show::run(&client, out, &target, false).await,
        GovCommand::Show(target) => show::run(&client, out, &target, true).await,
        GovCommand::List { realm, state } => show::list(&client, out, &realm, state).await,
        GovCommand::Update(target) => act::update(&client, out, &target).await,
        GovCommand::Cancel(target) => act::cancel(&client, out, &target).await,
        GovCommand::Veto { target, admin } => act::veto(&client, out, &target, &admin).await,
        GovCommand::Execute(target) => act::execute(&client, out, &target).await,
        GovCommand::Pause { realm, flags, admin } => {
            realm::set_pause(&client, out, &realm, &admin, |old| old | flags, "pause").await
        }
        GovCommand::Unpause { realm, flags, admin } => {
            let clear = flags.unwrap_or(pause::ALL);
            realm::set_pause(&client, out, &realm, &admin, |old| old & !clear, "unpause").await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parsing_and_formatting() {
        assert_eq!(parse_pause_flags("vote, execute").unwrap(), pause::VOTE | pause::EXECUTE);
        assert_eq!(parse_pause_flags("all").unwrap(), pause::ALL);
        assert!(parse_pause_flags("stake").unwrap_err().contains("unknown pause flag 'stake'"));
        assert_eq!(format_pause_flags(pause::PROPOSE | pause::HALT), "propose,halt");
        assert_eq!(format_pause_flags(0), "none");
        assert_eq!(parse_percent("20"), Ok(2_000));
        assert_eq!(parse_percent("12.5%"), Ok(1_250));
        assert_eq!(parse_percent("100"), Ok(10_000));
        assert!(parse_percent("0").is_err());
        assert!(parse_percent("101").is_err());
        assert!(parse_percent("1.234").is_err());
        assert_eq!(format_bps(1_250), "12.5%");
        assert_eq!(format_bps(10_000), "100%");
        assert!(StateFilter::Executed.matches(ProposalState::Executed));
        assert!(!StateFilter::Voting.matches(ProposalState::Draft));
    }
}
