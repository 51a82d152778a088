//! `psp pop ...`: Proof-of-Participation rewards, off-chain. `build-epoch` validates an events
//! file against the epoch rules, splits the budget and writes the proofs and rejections files;
//! `verify-proof` checks a claimant's proof against the root of a proofs file, locally.
use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::{Args, Subcommand};
use psp_sdk::pop::codec::to_hex;
use psp_sdk::pop::proofs::write_proofs_file;
use psp_sdk::pop::report::write_rejections_file;
use psp_sdk::pop::validate::validate_reader;
use psp_sdk::pop::{build_epoch, EpochRules, ProofsFile};
use serde::Serialize;
use solana_sdk::pubkey::Pubkey;

use crate::cluster::{parse_pubkey, GlobalOpts};
use crate::output::print;

/// Rejections listed in text output (all are in the rejections file).
const SHOWN_REJECTIONS: usize = 10;

/// PoP subcommands.
#[derive(Subcommand, Debug)]
pub enum PopCommand {
    /// Validate an epoch's events, split the budget, write the proofs and rejections files.
    BuildEpoch(BuildEpochArgs),
    /// Check a claimant's proof in a proofs file against its root.
    VerifyProof(VerifyProofArgs),
}

/// `psp pop build-epoch`.
#[derive(Args, Debug)]
pub struct BuildEpochArgs {
    /// Events file: one JSON event per line.
    #[arg(long)]
    pub events: PathBuf,
    /// Epoch rules (JSON): epoch, start, end, kinds with weights and caps, reporters.
    #[arg(long)]
    pub rules: PathBuf,
    /// Reward budget of the epoch, in base units of the reward mint.
    #[arg(long)]
    pub budget: u64,
    /// Directory for epoch-<n>-proofs.json and epoch-<n>-rejections.json.
    #[arg(long)]
    pub out: PathBuf,
}

/// `psp pop verify-proof`.
#[derive(Args, Debug)]
pub struct VerifyProofArgs {
    /// A proofs file written by `build-epoch`.
    #[arg(long)]
    pub proofs: PathBuf,
    /// The claimant's wallet.
    #[arg(long, value_parser = parse_pubkey)]
    pub claimant: Pubkey,
}

/// Runs a PoP subcommand (no cluster needed).
pub fn run(global: &GlobalOpts, command: PopCommand) -> Result<()> {
    match command {
        PopCommand::BuildEpoch(args) => build(global, args),
        PopCommand::VerifyProof(args) => verify(global, args),
    }
}

#[derive(Serialize)]
struct BuildView {
    epoch: u64,
    root: String,
    budget: u64,
    total_amount: u64,
    leaf_count: u64,
    remainder: u64,
    total_points: String,
    unpaid_participants: usize,
    lines: u64,
    accepted_events: u64,
    truncated_events: u64,
    rejected_lines: u64,
    blank_lines: u64,
    rejections_by_reason: BTreeMap<&'static str, u64>,
    proofs_file: String,
    rejections_file: String,
}

fn build(global: &GlobalOpts, args: BuildEpochArgs) -> Result<()> {
    let rules = EpochRules::load(&args.rules)?;
    let file = File::open(&args.events).with_context(|| format!("cannot read events file {}", args.events.display()))?;
    let validation = validate_reader(&rules, BufReader::with_capacity(1 << 20, file))
        .with_context(|| format!("reading {}", args.events.display()))?;
    let build = build_epoch(&rules, &validation.accepted, args.budget)?;
    let proofs_file = write_proofs_file(&build, &args.out)?;
    let rejections_file = write_rejections_file(rules.epoch, &validation, &args.out)?;
    let s = &validation.stats;
    let view = BuildView {
        epoch: build.epoch,
        root: to_hex(&build.root),
        budget: build.budget,
        total_amount: build.total_amount,
        leaf_count: build.leaf_count,
        remainder: build.remainder,
        total_points: build.total_points.to_string(),
        unpaid_participants: build.unpaid.len(),
        lines: s.lines,
        accepted_events: s.accepted_events,
        truncated_events: s.truncated_events,
        rejected_lines: s.rejected_lines,
        blank_lines: s.blank_lines,
        rejections_by_reason: s.by_reason.clone(),
        proofs_file: proofs_file.display().to_string(),
        rejections_file: rejections_file.display().to_string(),
    };
    print(global.output, &view, || {
        let mut text = format!(
            "epoch {}: root {}\n  budget {} = {} to {} claimants + remainder {} ({} participants rounded to 0)\n  lines {}: {} accepted ({} truncated by caps), {} rejected, {} blank",
            view.epoch, view.root, view.budget, view.total_amount, view.leaf_count, view.remainder, view.unpaid_participants,
            view.lines, view.accepted_events, view.truncated_events, view.rejected_lines, view.blank_lines
        );
        if !view.rejections_by_reason.is_empty() {
            text.push_str("\n  rejections by reason:");
            for (code, count) in &view.rejections_by_reason {
                text.push_str(&format!("\n    {code:<20} {count}"));
            }
            for rejection in validation.rejections.iter().take(SHOWN_REJECTIONS) {
                text.push_str(&format!("\n  {}", rejection.summary()));
            }
            if validation.rejections.len() > SHOWN_REJECTIONS {
                text.push_str(&format!("\n  ... {} more", validation.rejections.len() - SHOWN_REJECTIONS));
            }
        }
        text.push_str(&format!("\n  proofs:     {}\n  rejections: {}", view.proofs_file, view.rejections_file));
        text
    });
    Ok(())
}

#[derive(Serialize)]
struct VerifyView {
    epoch: u64,
    root: String,
    claimant: String,
    index: u64,
    amount: u64,
    proof_length: usize,
    valid: bool,
}

fn verify(global: &GlobalOpts, args: VerifyProofArgs) -> Result<()> {
    let claimant = Pubkey::new_from_array(args.claimant.to_bytes());
    // A streaming lookup: a 1,000,000-claim file is not loaded whole.
    let proofs = ProofsFile::find_in_file(&args.proofs, &claimant)?;
    let Some(claim) = proofs.claims.first() else {
        bail!("{} has no claim in epoch {} ({} claimants in {})", args.claimant, proofs.epoch, proofs.leaf_count, args.proofs.display());
    };
    let view = VerifyView {
        epoch: proofs.epoch,
        root: to_hex(&proofs.root),
        claimant: claim.claimant.to_string(),
        index: claim.index,
        amount: claim.amount,
        proof_length: claim.proof.len(),
        valid: proofs.verify(claim),
    };
    if !view.valid {
        bail!("the proof of {} (index {}, amount {}) does NOT lead to root {} of epoch {}", view.claimant, view.index, view.amount, view.root, view.epoch);
    }
    print(global.output, &view, || {
        format!(
            "valid: {} may claim {} base units in epoch {} (leaf {}, {} proof hashes, root {})",
            view.claimant, view.amount, view.epoch, view.index, view.proof_length, view.root
        )
    });
    Ok(())
}
