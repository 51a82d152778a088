//! Off-chain epoch tools: `build-epoch` validates an events file against the epoch rules (a
//! file, or read from a distributor's on-chain kinds), splits the budget and writes the proofs
//! and rejections files; `verify-proof` checks a claimant's proof against the root of a proofs
//! file, locally; `rules` writes the rules a distributor's kinds give an epoch.
use std::collections::BTreeMap;
use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;

use anyhow::{bail, Context, Result};
use clap::{ArgGroup, Args};
use psp_pop::state::{Distributor, Kind};
use psp_sdk::pop::chain::{epoch_rules, REGISTRY_DISTRIBUTOR_OFFSET};
use psp_sdk::pop::codec::to_hex;
use psp_sdk::pop::proofs::write_proofs_file;
use psp_sdk::pop::report::write_rejections_file;
use psp_sdk::pop::validate::validate_reader;
use psp_sdk::pop::{build_epoch, EpochRules, ProofsFile};
use serde::Serialize;
use serde_json::json;
use solana_sdk::pubkey::Pubkey;

use super::load;
use crate::client::Client;
use crate::cluster::{parse_pubkey, GlobalOpts, OutputFormat};
use crate::commands::time::describe_time;
use crate::output::print;

/// Rejections listed in text output (all are in the rejections file).
const SHOWN_REJECTIONS: usize = 10;

/// `psp pop build-epoch`.
#[derive(Args, Debug)]
#[command(group(ArgGroup::new("source").required(true).args(["rules", "distributor"])))]
pub struct BuildEpochArgs {
    /// Events file: one JSON event per line.
    #[arg(long)]
    pub events: PathBuf,
    /// Epoch rules (JSON): epoch, start, end, kinds with weights and caps, reporters.
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Read the rules from this distributor's on-chain kinds instead (needs --epoch and RPC).
    #[arg(long, value_parser = parse_pubkey, requires = "epoch")]
    pub distributor: Option<Pubkey>,
    /// Epoch number (with --distributor).
    #[arg(long, requires = "distributor")]
    pub epoch: Option<u64>,
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

/// `psp pop rules`.
#[derive(Args, Debug)]
pub struct RulesArgs {
    /// Distributor address.
    #[arg(value_parser = parse_pubkey)]
    pub distributor: Pubkey,
    /// Epoch number.
    #[arg(long)]
    pub epoch: u64,
    /// Where to write the rules (JSON).
    #[arg(long)]
    pub out: PathBuf,
}

/// The rules of epoch `epoch` of distributor `address` from its on-chain kinds (active ones,
/// in definition order), with the distributor.
pub async fn chain_rules(client: &Client, address: &Pubkey, epoch: u64) -> Result<(EpochRules, Distributor)> {
    let distributor = super::load_distributor(client, address).await?;
    let kinds: Vec<Kind> = client
        .program_accounts::<Kind>(&psp_pop::ID, vec![(REGISTRY_DISTRIBUTOR_OFFSET, address.to_bytes().to_vec())])
        .await?
        .into_iter()
        .map(|(_, kind)| kind)
        .collect();
    if !kinds.iter().any(|k| k.active) {
        bail!("distributor {address} has no active kind of participation: define one with `psp pop kind set {address} NAME --weight W`");
    }
    let rules =
        epoch_rules(&distributor, &kinds, epoch).with_context(|| format!("rules of epoch {epoch} of {address}"))?;
    Ok((rules, distributor))
}

/// `rules`: writes the epoch's rules from chain.
pub async fn rules(client: &Client, out: OutputFormat, args: RulesArgs) -> Result<()> {
    let loaded = load(client, &args.distributor).await?;
    let (rules, _) = chain_rules(client, &args.distributor, args.epoch).await?;
    let text = serde_json::to_string_pretty(&rules)?;
    std::fs::write(&args.out, text + "\n").with_context(|| format!("cannot write {}", args.out.display()))?;
    let kinds: Vec<String> = rules
        .kinds
        .iter()
        .map(|k| {
            format!(
                "{} x{}{}",
                k.name,
                k.weight,
                k.max_units_per_participant.map_or(String::new(), |c| format!(" (cap {c})"))
            )
        })
        .collect();
    let value = json!({ "epoch": rules.epoch, "start": rules.start, "end": rules.end, "kinds": rules.kinds.len(), "file": args.out.display().to_string() });
    print(out, &value, || {
        format!(
            "Wrote the rules of epoch {} to {}\n  window {} .. {}\n  kinds  {}\n(kinds are read as they are on chain now: changes apply to epochs built after them)",
            rules.epoch,
            args.out.display(),
            describe_time(rules.start, loaded.now),
            describe_time(rules.end, loaded.now),
            kinds.join(", ")
        )
    });
    Ok(())
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

/// `build-epoch`.
pub async fn build(global: &GlobalOpts, args: BuildEpochArgs) -> Result<()> {
    let rules = match (&args.rules, &args.distributor, args.epoch) {
        (Some(path), _, _) => EpochRules::load(path)?,
        (None, Some(address), Some(epoch)) => {
            let client = global.client();
            let (rules, distributor) = chain_rules(&client, address, epoch).await?;
            if args.budget > distributor.max_epoch_total {
                bail!(
                    "the budget {} exceeds the distributor's max epoch total {} (base units): attestors could not vote for it",
                    args.budget, distributor.max_epoch_total
                );
            }
            rules
        }
        _ => bail!("pass --rules FILE, or --distributor D --epoch N"),
    };
    let file =
        File::open(&args.events).with_context(|| format!("cannot read events file {}", args.events.display()))?;
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

/// `verify-proof`.
pub fn verify(out: OutputFormat, args: VerifyProofArgs) -> Result<()> {
    // A streaming lookup: a 1,000,000-claim file is not loaded whole.
    let proofs = ProofsFile::find_in_file(&args.proofs, &args.claimant)?;
    let Some(claim) = proofs.claims.first() else {
        bail!(
            "{} has no claim in epoch {} ({} claimants in {})",
            args.claimant,
            proofs.epoch,
            proofs.leaf_count,
            args.proofs.display()
        );
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
        bail!(
            "the proof of {} (index {}, amount {}) does NOT lead to root {} of epoch {}",
            view.claimant,
            view.index,
            view.amount,
            view.root,
            view.epoch
        );
    }
    print(out, &view, || {
        format!(
            "valid: {} may claim {} base units in epoch {} (leaf {}, {} proof hashes, root {})",
            view.claimant, view.amount, view.epoch, view.index, view.proof_length, view.root
        )
    });
    Ok(())
}
