//! `psp pop ...`: Proof-of-Participation rewards. Off-chain, `build-epoch` turns an epoch's
//! participation events into a Merkle distribution and proofs file and `verify-proof` checks a
//! proof. On chain (program psp-pop): distributors (create, show, config, pause, admin
//! transfer, reclaim, fund), kinds and attestors, votes (on chain, or signed off-chain and
//! submitted together), veto, finalization, claims, sweep, bitmap clean-up and epoch status.
//! Admin actions sign with your key or, with `--multisig`, become a vault transaction proposal.
mod admin;
mod attest;
mod claim;
mod distributor;
mod epoch;
mod keeper;
mod load;
mod offchain;
mod registry;
mod show;
mod signed;

// For the demo (`commands/demo/pop.rs`): claims from a proofs file, epoch status, chunks, rules.
#[allow(unused_imports)]
pub use claim::{plan_claim, ClaimPlan};
#[allow(unused_imports)]
pub use epoch::{epoch_view, render_epoch, EpochView};
#[allow(unused_imports)]
pub use keeper::{missing_chunks, open_chunk_instructions};
pub use load::*;
#[allow(unused_imports)]
pub use offchain::chain_rules;

use anyhow::Result;
use clap::Subcommand;
use psp_sdk::pop::chain::parse_pause_flags;
use solana_sdk::pubkey::Pubkey;

use crate::cluster::{parse_pubkey, GlobalOpts};
use crate::commands::common::AdminOpts;
use crate::commands::time::parse_duration;
use psp_sdk::quote::quote;

/// PoP subcommands.
#[derive(Subcommand, Debug)]
pub enum PopCommand {
    /// Distributors: create, show.
    #[command(subcommand)]
    Distributor(distributor::DistributorCommand),
    /// Change settings (admin): only the given ones; the rest keep their current values.
    Config(distributor::ConfigArgs),
    /// Add pause flags (guardian or admin): attest, finalize, claim, sweep, halt, all.
    Pause {
        /// Distributor address.
        #[arg(value_parser = parse_pubkey)]
        distributor: Pubkey,
        /// Comma-separated flags to add: attest, finalize, claim, sweep, halt or all.
        #[arg(value_parser = parse_pause_flags)]
        flags: u8,
        #[command(flatten)]
        admin: AdminOpts,
    },
    /// Clear pause flags (admin): the given ones, or all.
    Unpause {
        /// Distributor address.
        #[arg(value_parser = parse_pubkey)]
        distributor: Pubkey,
        /// Comma-separated flags to clear (default: all).
        #[arg(value_parser = parse_pause_flags)]
        flags: Option<u8>,
        #[command(flatten)]
        admin: AdminOpts,
    },
    /// Propose a new admin (admin); it takes over when it accepts.
    ProposeAdmin {
        /// Distributor address.
        #[arg(value_parser = parse_pubkey)]
        distributor: Pubkey,
        /// The proposed admin.
        #[arg(value_parser = parse_pubkey)]
        new_admin: Pubkey,
        #[command(flatten)]
        admin: AdminOpts,
    },
    /// Accept a pending admin transfer (as the proposed admin, or its multisig vault).
    AcceptAdmin {
        /// Distributor address.
        #[arg(value_parser = parse_pubkey)]
        distributor: Pubkey,
        #[command(flatten)]
        admin: AdminOpts,
    },
    /// Kinds of participation: set (define or change).
    #[command(subcommand)]
    Kind(registry::KindCommand),
    /// List the kinds of participation with their weights and caps.
    Kinds {
        /// Distributor address.
        #[arg(value_parser = parse_pubkey)]
        distributor: Pubkey,
    },
    /// Attestors: add, remove.
    #[command(subcommand)]
    Attestor(registry::AttestorCommand),
    /// List the attestors.
    Attestors {
        /// Distributor address.
        #[arg(value_parser = parse_pubkey)]
        distributor: Pubkey,
    },
    /// Move unreserved vault tokens to the clawback receiver (admin).
    Reclaim {
        /// Distributor address.
        #[arg(value_parser = parse_pubkey)]
        distributor: Pubkey,
        /// Amount in UI units of the reward mint.
        amount: String,
        #[command(flatten)]
        admin: AdminOpts,
    },
    /// Deposit rewards from your associated token account (anyone).
    Fund {
        /// Distributor address.
        #[arg(value_parser = parse_pubkey)]
        distributor: Pubkey,
        /// Amount in UI units of the reward mint.
        amount: String,
    },
    /// Write an epoch's rules (window, active kinds, weights, caps) from chain, for `build-epoch`.
    Rules(offchain::RulesArgs),
    /// Validate an epoch's events, split the budget, write the proofs and rejections files.
    BuildEpoch(offchain::BuildEpochArgs),
    /// Check a claimant's proof in a proofs file against its root.
    VerifyProof(offchain::VerifyProofArgs),
    /// Vote for an ended epoch's (root, total, leaf count) as an attestor (you sign).
    Attest(attest::AttestArgs),
    /// Sign an attestation off-chain (no transaction), for `propose-signed`.
    SignAttestation(signed::SignArgs),
    /// Submit a quorum of signed attestations in one transaction (anyone).
    ProposeSigned(signed::ProposeSignedArgs),
    /// Veto an epoch's proposed root during the challenge window (guardian or admin).
    Veto(admin::VetoArgs),
    /// Finalize a proposed epoch after its challenge window and open its claim bitmaps (anyone).
    Finalize(EpochTarget),
    /// Claim your reward of a finalized epoch with your proof from its proofs file.
    Claim(claim::ClaimArgs),
    /// Send an epoch's unclaimed rest to the clawback receiver after the claim deadline (anyone).
    Sweep(EpochTarget),
    /// Close a swept epoch's claim bitmaps; their rent goes back to whoever opened them (anyone).
    CloseChunks(EpochTarget),
    /// An epoch's status: votes, proposed root, challenge end, claims, sweep.
    Epoch {
        /// Distributor address.
        #[arg(value_parser = parse_pubkey)]
        distributor: Pubkey,
        /// Epoch number.
        epoch: u64,
    },
}

/// A distributor and one of its epochs.
#[derive(clap::Args, Debug)]
pub struct EpochTarget {
    /// Distributor address.
    #[arg(value_parser = parse_pubkey)]
    pub distributor: Pubkey,
    /// Epoch number.
    #[arg(long)]
    pub epoch: u64,
}

/// Runs a PoP subcommand. Off-chain ones need no cluster; read-only ones need no keypair.
pub async fn run(global: &GlobalOpts, command: PopCommand) -> Result<()> {
    let out = global.output;
    // The keypair is read only by commands that sign.
    let client = global.client();
    match command {
        PopCommand::BuildEpoch(args) => offchain::build(global, args).await,
        PopCommand::VerifyProof(args) => offchain::verify(out, args),
        PopCommand::Rules(args) => offchain::rules(&client, out, args).await,
        PopCommand::Distributor(distributor::DistributorCommand::Show { distributor }) => {
            show::run(&client, out, &distributor).await
        }
        PopCommand::Kinds { distributor } => registry::kinds(&client, out, &distributor).await,
        PopCommand::Attestors { distributor } => registry::attestors(&client, out, &distributor).await,
        PopCommand::Epoch { distributor, epoch } => epoch::run(&client, out, &distributor, epoch).await,
        PopCommand::Distributor(distributor::DistributorCommand::Create(args)) => {
            distributor::create(&client, out, args).await
        }
        PopCommand::Config(args) => distributor::config(&client, out, args).await,
        PopCommand::Pause { distributor, flags, admin } => {
            admin::set_pause(&client, out, &distributor, &admin, |old| old | flags, "pause").await
        }
        PopCommand::Unpause { distributor, flags, admin } => {
            let clear = flags.unwrap_or(psp_pop::state::pause::ALL);
            admin::set_pause(&client, out, &distributor, &admin, |old| old & !clear, "unpause").await
        }
        PopCommand::ProposeAdmin { distributor, new_admin, admin } => {
            admin::propose_admin(&client, out, &distributor, &new_admin, &admin).await
        }
        PopCommand::AcceptAdmin { distributor, admin } => admin::accept_admin(&client, out, &distributor, &admin).await,
        PopCommand::Kind(cmd) => registry::run_kind(&client, out, cmd).await,
        PopCommand::Attestor(cmd) => registry::run_attestor(&client, out, cmd).await,
        PopCommand::Reclaim { distributor, amount, admin } => {
            admin::reclaim(&client, out, &distributor, &amount, &admin).await
        }
        PopCommand::Fund { distributor, amount } => admin::fund(&client, out, &distributor, &amount).await,
        PopCommand::Attest(args) => attest::attest(&client, out, args).await,
        PopCommand::SignAttestation(args) => signed::sign(&client, out, args).await,
        PopCommand::ProposeSigned(args) => signed::propose_signed(&client, out, args).await,
        PopCommand::Veto(args) => admin::veto(&client, out, args).await,
        PopCommand::Finalize(target) => keeper::finalize(&client, out, target).await,
        PopCommand::Claim(args) => claim::run(&client, out, args).await,
        PopCommand::Sweep(target) => keeper::sweep(&client, out, target).await,
        PopCommand::CloseChunks(target) => keeper::close_chunks(&client, out, target).await,
    }
}

/// Parses a duration (`90d`, `2s`, `3600`) into seconds as the program stores them.
pub fn parse_period(text: &str) -> Result<i64, String> {
    i64::try_from(parse_duration(text)?).map_err(|_| format!("duration {} is too long", quote(text)))
}

/// Parses a Merkle root: 64 hex digits.
pub fn parse_root(text: &str) -> Result<[u8; 32], String> {
    psp_sdk::pop::codec::from_hex(text.trim().trim_start_matches("0x"))
        .map_err(|e| format!("{} is not a root: {e}", quote(text)))
}
