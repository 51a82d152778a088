//! `psp pop attest`: an attestor votes on chain for an ended epoch's (root, total, leaf count),
//! once per round; the vote reaching the quorum proposes the root. Also the checks and report
//! that signed attestations (`signed.rs`) share.
use std::path::{Path, PathBuf};

use anyhow::{bail, Result};
use clap::{ArgGroup, Args};
use psp_pop::constants::MAX_LEAVES;
use psp_pop::events::{Attested, EpochProposed};
use psp_pop::state::{pause, Attestor, Candidate, EpochStatus};
use psp_pop::Attestation;
use psp_sdk::pop::chain::voting_round;
use psp_sdk::pop::codec::to_hex;
use psp_sdk::pop::instructions as pop_ix;
use psp_sdk::pop::{attestor_pda, candidate_pda, epoch_pda, vote_pda, ProofsFile};
use serde_json::json;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Signature, Signer};

use super::{ensure_ended, ensure_not_paused, load, load_epoch, maybe, parse_root, Loaded};
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::commands::common::{done, program_events};
use crate::commands::time::describe_time;

/// The attested triple: from a proofs file, or given directly.
#[derive(Args, Debug)]
#[command(group(ArgGroup::new("triple").required(true).args(["proofs", "root"])))]
pub struct TripleArgs {
    /// Proofs file written by `build-epoch` (its root, total and leaf count are attested).
    #[arg(long, conflicts_with_all = ["root", "total", "leaves"])]
    pub proofs: Option<PathBuf>,
    /// Merkle root (64 hex digits), with --total and --leaves.
    #[arg(long, value_parser = parse_root, requires_all = ["total", "leaves"])]
    pub root: Option<[u8; 32]>,
    /// Sum of the leaves, in base units of the reward mint.
    #[arg(long, requires = "root")]
    pub total: Option<u64>,
    /// Number of leaves.
    #[arg(long, requires = "root")]
    pub leaves: Option<u64>,
}

/// Arguments of `attest`.
#[derive(Args, Debug)]
pub struct AttestArgs {
    /// Distributor address.
    #[arg(value_parser = parse_pubkey)]
    pub distributor: Pubkey,
    /// Epoch number.
    #[arg(long)]
    pub epoch: u64,
    #[command(flatten)]
    pub triple: TripleArgs,
}

/// The header of a proofs file (epoch, root, totals) without reading its claims.
pub fn proofs_header(path: &Path) -> Result<ProofsFile> {
    // The zero key sorts before every claimant, so the streaming lookup stops at the first claim.
    Ok(ProofsFile::find_in_file(path, &Pubkey::default())?)
}

impl TripleArgs {
    /// The triple to attest for epoch `epoch`.
    pub fn attestation(&self, epoch: u64) -> Result<Attestation> {
        match (&self.proofs, self.root, self.total, self.leaves) {
            (Some(path), ..) => {
                let header = proofs_header(path)?;
                if header.epoch != epoch {
                    bail!(
                        "{} is the proofs file of epoch {}, not {epoch}; nothing was sent",
                        path.display(),
                        header.epoch
                    );
                }
                Ok(Attestation { root: header.root, total: header.total_amount, leaf_count: header.leaf_count })
            }
            (None, Some(root), Some(total), Some(leaf_count)) => Ok(Attestation { root, total, leaf_count }),
            _ => bail!("pass --proofs FILE, or --root HEX --total N --leaves N"),
        }
    }
}

/// An epoch open for votes: the distributor and the round a vote cast now belongs to.
pub(super) struct Ballot {
    /// The distributor, its mint and the clock.
    pub(super) l: Loaded,
    /// The round a vote cast now counts in.
    pub(super) round: u32,
}

/// Checks that epoch `index` takes votes now; returns its round.
pub(super) async fn ballot(client: &Client, address: &Pubkey, index: u64) -> Result<Ballot> {
    let l = load(client, address).await?;
    ensure_ended(&l.distributor, index, l.now)?;
    let epoch = load_epoch(client, address, index).await?;
    if let Some(e) = epoch.as_ref().filter(|e| e.status != EpochStatus::Voting) {
        bail!("EpochNotVoting: epoch {index} is {:?} with root {} (see `psp pop epoch {address} {index}`); nothing was sent", e.status, to_hex(&e.root));
    }
    ensure_not_paused(&l.distributor, pause::ATTEST, "attesting")?;
    let round = voting_round(&l.distributor, epoch.as_ref());
    Ok(Ballot { l, round })
}

/// Refuses a triple the program would refuse (`InvalidAttestation`).
pub(super) fn check_triple(b: &Ballot, a: &Attestation) -> Result<()> {
    let (d, m) = (&b.l.distributor, &b.l.mint);
    if a.root == [0; 32] {
        bail!("InvalidAttestation: the root is zero (an epoch without leaves has nothing to distribute); nothing was sent");
    }
    if a.total == 0 || a.total > d.max_epoch_total {
        bail!(
            "InvalidAttestation: the total ({} base units) must be 1 to the max epoch total {} ({}); nothing was sent",
            a.total,
            d.max_epoch_total,
            m.format(d.max_epoch_total)
        );
    }
    if a.leaf_count == 0 || a.leaf_count > MAX_LEAVES {
        bail!("InvalidAttestation: the leaf count must be 1 to {MAX_LEAVES}; nothing was sent");
    }
    Ok(())
}

/// Refuses a key that is not an active attestor of `address`.
pub(super) async fn check_attestor(client: &Client, address: &Pubkey, key: &Pubkey) -> Result<()> {
    match maybe::<Attestor>(client, &attestor_pda(address, key).0).await? {
        Some(a) if a.active => Ok(()),
        Some(_) => bail!("AttestorInactive: {key} was removed from the attestors of distributor {address}; nothing was sent"),
        None => bail!("{key} is not an attestor of distributor {address} (the admin adds one with `psp pop attestor add`); nothing was sent"),
    }
}

/// Prints the outcome of a vote or signed proposal from its transaction's events.
pub(super) async fn report(
    client: &Client,
    out: OutputFormat,
    b: &Ballot,
    address: &Pubkey,
    index: u64,
    a: &Attestation,
    signature: &Signature,
) -> Result<()> {
    let attested: Vec<Attested> = program_events(client, &psp_pop::ID, signature).await.unwrap_or_default();
    let proposed: Option<EpochProposed> =
        program_events(client, &psp_pop::ID, signature).await.unwrap_or_default().into_iter().next();
    let epoch_key = epoch_pda(address, index).0;
    let votes = match attested.iter().map(|e| e.votes).max() {
        Some(votes) => votes,
        // Without logs, the tally account has the count.
        None => client
            .account::<Candidate>(&candidate_pda(&epoch_key, b.round, a).0, "PoP candidate")
            .await
            .map_or(0, |c| c.votes),
    };
    let quorum = b.l.distributor.quorum;
    let value = json!({
        "distributor": address.to_string(),
        "epoch": index,
        "round": b.round,
        "root": to_hex(&a.root),
        "total": a.total,
        "leaf_count": a.leaf_count,
        "votes": votes,
        "quorum": quorum,
        "attestors": attested.iter().map(|e| e.attestor.to_string()).collect::<Vec<_>>(),
        "proposed": proposed.is_some(),
        "challenge_ends_at": proposed.as_ref().map(|p| p.challenge_ends_at),
    });
    let mut text = format!(
        "Epoch {index} round {}: {votes} of {quorum} votes for root {} (total {} = {} base units, {} leaves)",
        b.round,
        to_hex(&a.root),
        b.l.mint.format(a.total),
        a.total,
        a.leaf_count
    );
    match &proposed {
        Some(p) => {
            text += &format!(
                "\nQuorum reached: the root is proposed. The guardian may veto until {}; then anyone finalizes with `psp pop finalize {address} --epoch {index}`",
                describe_time(p.challenge_ends_at, b.l.now)
            )
        }
        None => text += &format!("\n{} more vote(s) needed", quorum.saturating_sub(votes)),
    }
    done(out, value, text, signature);
    Ok(())
}

/// `attest`: the signer votes on chain.
pub async fn attest(client: &Client, out: OutputFormat, args: AttestArgs) -> Result<()> {
    let me = client.payer()?.pubkey();
    let a = args.triple.attestation(args.epoch)?;
    let b = ballot(client, &args.distributor, args.epoch).await?;
    check_triple(&b, &a)?;
    check_attestor(client, &args.distributor, &me).await?;
    let epoch_key = epoch_pda(&args.distributor, args.epoch).0;
    if client.data(&vote_pda(&epoch_key, b.round, &me).0).await?.is_some() {
        bail!(
            "AlreadyVoted: you ({me}) already voted in round {} of epoch {} (a new round starts after a veto or an attestor or quorum change); nothing was sent",
            b.round,
            args.epoch
        );
    }
    let ix = pop_ix::attest(&args.distributor, &me, &me, args.epoch, b.round, a);
    let signature = client.send(&[ix], &[]).await?;
    report(client, out, &b, &args.distributor, args.epoch, &a, &signature).await
}
