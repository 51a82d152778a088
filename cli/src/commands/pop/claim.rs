//! `psp pop claim`: a participant takes their reward of a finalized epoch with the proof from
//! the epoch's proofs file. Everything the program would refuse (wrong file, no leaf, already
//! claimed, window closed) is caught first; the bitmap chunk of the leaf is opened on the way
//! when nobody has opened it yet.
use std::path::{Path, PathBuf};

use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
use anyhow::{bail, Result};
use clap::Args;
use psp_pop::state::{pause, Epoch, EpochStatus};
use psp_sdk::pop::codec::to_hex;
use psp_sdk::pop::instructions as pop_ix;
use psp_sdk::pop::{chunk_for_leaf, claim_chunk_pda, epoch_pda, ClaimEntry, ProofsFile};
use serde_json::json;
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::Signer;

use super::{ensure_not_paused, load, load_epoch, Loaded};
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::commands::common::{done, MintInfo};
use crate::commands::time::describe_time;
use psp_sdk::pop::chain::leaf_claimed;

/// Arguments of `claim`.
#[derive(Args, Debug)]
pub struct ClaimArgs {
    /// Distributor address.
    #[arg(value_parser = parse_pubkey)]
    pub distributor: Pubkey,
    /// Epoch number.
    #[arg(long)]
    pub epoch: u64,
    /// The epoch's proofs file (as attested; `psp pop epoch` shows the root).
    #[arg(long)]
    pub proofs: PathBuf,
    /// Token account receiving the reward (default: your associated token account, created if
    /// missing).
    #[arg(long, value_parser = parse_pubkey)]
    pub destination: Option<Pubkey>,
}

/// A checked claim, ready to send (signed by the claimant, who also pays).
pub struct ClaimPlan {
    /// The claimant's leaf.
    pub entry: ClaimEntry,
    /// Where the reward goes.
    pub destination: Pubkey,
    /// Whether the leaf's bitmap chunk is opened first (its rent is paid by the claimant).
    pub opens_chunk: bool,
    /// The reward mint.
    pub mint: MintInfo,
    /// Open the chunk if missing, create the destination if defaulted, claim.
    pub instructions: Vec<Instruction>,
}

/// Epoch `index` if it takes claims at `now`; otherwise why not, in words.
fn claimable(l: &Loaded, index: u64, epoch: Option<Epoch>) -> Result<Epoch> {
    let address = l.address;
    let Some(epoch) = epoch else {
        bail!("EpochNotFinalized: epoch {index} has no votes yet (see `psp pop epoch {address} {index}`); nothing was sent");
    };
    match epoch.status {
        EpochStatus::Voting => bail!("EpochNotFinalized: epoch {index} is still voting; claims open after its root is proposed and finalized; nothing was sent"),
        EpochStatus::Proposed => bail!(
            "EpochNotFinalized: epoch {index} is proposed; after its challenge window ({}) anyone finalizes it with `psp pop finalize {address} --epoch {index}`; nothing was sent",
            describe_time(epoch.challenge_ends_at, l.now)
        ),
        EpochStatus::Swept => bail!("ClaimWindowClosed: epoch {index} was swept: its unclaimed rewards went to the clawback receiver; nothing was sent"),
        EpochStatus::Finalized if l.now >= epoch.claim_deadline => {
            bail!("ClaimWindowClosed: claims of epoch {index} closed at {}; nothing was sent", describe_time(epoch.claim_deadline, l.now))
        }
        EpochStatus::Finalized => Ok(epoch),
    }
}

/// Plans the signer's claim of epoch `index` of distributor `address` from the proofs file
/// `proofs`, paying to `destination` (default: the signer's associated token account, created
/// idempotently). Fails, with what to do, when the claim would fail on chain.
pub async fn plan_claim(
    client: &Client,
    address: &Pubkey,
    index: u64,
    proofs: &Path,
    destination: Option<Pubkey>,
) -> Result<ClaimPlan> {
    let me = client.payer()?.pubkey();
    let l = load(client, address).await?;
    let epoch = claimable(&l, index, load_epoch(client, address, index).await?)?;
    ensure_not_paused(&l.distributor, pause::CLAIM, "claiming")?;
    let p = proofs.display();
    // A streaming lookup: only the signer's line of a large file is parsed.
    let found = ProofsFile::find_in_file(proofs, &me)?;
    if found.epoch != index {
        bail!("{p} is the proofs file of epoch {}, not {index}; nothing was sent", found.epoch);
    }
    if found.root != epoch.root {
        bail!(
            "{p} has root {}, but epoch {index} was finalized with root {}: use the proofs file the attestors attested; nothing was sent",
            to_hex(&found.root),
            to_hex(&epoch.root)
        );
    }
    let Some(entry) = found.claims.first().cloned() else {
        bail!(
            "you ({me}) have no reward in epoch {index}: not among the {} claimants of {p}; nothing was sent",
            found.leaf_count
        );
    };
    if !found.verify(&entry) {
        bail!("InvalidProof: your proof in {p} does not lead to the epoch's root (damaged file?); nothing was sent");
    }
    let chunk = chunk_for_leaf(entry.index);
    let chunk_data = client.data(&claim_chunk_pda(&epoch_pda(address, index).0, chunk).0).await?;
    if chunk_data.as_deref().is_some_and(|data| leaf_claimed(data, entry.index)) {
        bail!(
            "AlreadyClaimed: leaf {} of epoch {index} ({} to {me}) was already claimed; nothing was sent",
            entry.index,
            l.mint.format(entry.amount)
        );
    }
    let mut instructions = Vec::new();
    let opens_chunk = chunk_data.is_none();
    if opens_chunk {
        instructions.push(pop_ix::open_claim_chunk(address, &me, index, chunk));
    }
    let reward_mint = l.distributor.reward_mint;
    let destination = match destination {
        Some(destination) => destination,
        None => {
            instructions.push(create_associated_token_account_idempotent(
                &me,
                &me,
                &reward_mint,
                &l.mint.token_program,
            ));
            l.mint.ata(&me, &reward_mint)
        }
    };
    instructions.push(pop_ix::claim(
        address,
        &l.distributor,
        index,
        entry.index,
        &me,
        entry.amount,
        entry.proof.clone(),
        &destination,
    ));
    Ok(ClaimPlan { entry, destination, opens_chunk, mint: l.mint, instructions })
}

/// `claim`.
pub async fn run(client: &Client, out: OutputFormat, args: ClaimArgs) -> Result<()> {
    let plan = plan_claim(client, &args.distributor, args.epoch, &args.proofs, args.destination).await?;
    let signature = client.send(&plan.instructions, &[]).await?;
    let value = json!({
        "distributor": args.distributor.to_string(),
        "epoch": args.epoch,
        "index": plan.entry.index,
        "amount": plan.mint.format(plan.entry.amount),
        "amount_base": plan.entry.amount,
        "destination": plan.destination.to_string(),
        "opened_chunk": plan.opens_chunk,
    });
    let text = format!(
        "Claimed {} from epoch {} of {} (leaf {}) to {}{}",
        plan.mint.format(plan.entry.amount),
        args.epoch,
        args.distributor,
        plan.entry.index,
        plan.destination,
        if plan.opens_chunk {
            "\n(opened the leaf's claim bitmap chunk first; its rent returns to you after the sweep)"
        } else {
            ""
        }
    );
    done(out, value, text, &signature);
    Ok(())
}
