//! `psp pop sign-attestation | propose-signed`: attestors sign an epoch's (root, total, leaf
//! count) off-chain, bound to the distributor, epoch and round; anyone submits a quorum of
//! those signatures in one transaction (ed25519 instruction + `propose_signed`).
use std::path::PathBuf;
use std::str::FromStr;

use anyhow::{anyhow, bail, Context, Result};
use clap::Args;
use psp_pop::Attestation;
use psp_sdk::pop::chain::{message_for, signed_attestations};
use psp_sdk::pop::codec::{hex32, pubkey_b58, to_hex};
use serde::{Deserialize, Serialize};
use serde_json::json;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Signature, Signer};

use super::attest::{ballot, check_attestor, check_triple, report, TripleArgs};
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::output::print;

/// Arguments of `sign-attestation`.
#[derive(Args, Debug)]
pub struct SignArgs {
    /// Distributor address.
    #[arg(value_parser = parse_pubkey)]
    pub distributor: Pubkey,
    /// Epoch number.
    #[arg(long)]
    pub epoch: u64,
    #[command(flatten)]
    pub triple: TripleArgs,
    /// Where to write the signed attestation (default: epoch-<n>-attestation-<your key>.json).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

/// Arguments of `propose-signed`.
#[derive(Args, Debug)]
pub struct ProposeSignedArgs {
    /// Distributor address.
    #[arg(value_parser = parse_pubkey)]
    pub distributor: Pubkey,
    /// Signed attestation files written by `sign-attestation` (a quorum of them).
    #[arg(long = "attestation", required = true, num_args = 1..)]
    pub attestations: Vec<PathBuf>,
}

/// An attestation signed off-chain: what `sign-attestation` writes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedAttestation {
    /// The distributor.
    #[serde(with = "pubkey_b58")]
    pub distributor: Pubkey,
    /// The attestor's signing key.
    #[serde(with = "pubkey_b58")]
    pub attestor: Pubkey,
    /// Ed25519 signature of the attestation message (base58).
    pub signature: String,
    /// Epoch number.
    pub epoch: u64,
    /// Voting round the signature is bound to.
    pub round: u32,
    /// Merkle root (hex).
    #[serde(with = "hex32")]
    pub root: [u8; 32],
    /// Sum of the leaves (base units).
    pub total: u64,
    /// Number of leaves.
    pub leaf_count: u64,
}

/// `sign-attestation`: the signer signs the attestation message of the current round (no
/// transaction).
pub async fn sign(client: &Client, out: OutputFormat, args: SignArgs) -> Result<()> {
    let me = client.payer()?.pubkey();
    let a = args.triple.attestation(args.epoch)?;
    let b = ballot(client, &args.distributor, args.epoch).await?;
    check_triple(&b, &a)?;
    check_attestor(client, &args.distributor, &me).await?;
    let message = message_for(&args.distributor, args.epoch, b.round, &a);
    let signature = client.payer()?.sign_message(&message);
    let signed = SignedAttestation {
        distributor: args.distributor,
        attestor: me,
        signature: signature.to_string(),
        epoch: args.epoch,
        round: b.round,
        root: a.root,
        total: a.total,
        leaf_count: a.leaf_count,
    };
    let path = args.out.unwrap_or_else(|| PathBuf::from(format!("epoch-{}-attestation-{me}.json", args.epoch)));
    std::fs::write(&path, serde_json::to_string_pretty(&signed)? + "\n")
        .with_context(|| format!("cannot write {}", path.display()))?;
    let mut value = serde_json::to_value(&signed)?;
    value["file"] = json!(path.display().to_string());
    print(out, &value, || {
        format!(
            "Signed epoch {} round {} of distributor {} as {me}: root {}, total {} ({} base units), {} leaves\nWrote {} (submit a quorum of these with `psp pop propose-signed {} --attestation FILE...`)",
            args.epoch,
            b.round,
            args.distributor,
            to_hex(&a.root),
            b.l.mint.format(a.total),
            a.total,
            a.leaf_count,
            path.display(),
            args.distributor
        )
    });
    Ok(())
}

/// `propose-signed`: checks that the files agree and their signatures are valid, then submits
/// them (ed25519 instruction + `propose_signed`) in one transaction.
pub async fn propose_signed(client: &Client, out: OutputFormat, args: ProposeSignedArgs) -> Result<()> {
    let mut files: Vec<(PathBuf, SignedAttestation)> = Vec::new();
    for path in &args.attestations {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        let signed: SignedAttestation =
            serde_json::from_str(&text).map_err(|e| anyhow!("{} is not a signed attestation: {e}", path.display()))?;
        files.push((path.clone(), signed));
    }
    let (first_path, first) = files[0].clone();
    let a = Attestation { root: first.root, total: first.total, leaf_count: first.leaf_count };
    let message = message_for(&args.distributor, first.epoch, first.round, &a);
    let mut signatures: Vec<(Pubkey, [u8; 64])> = Vec::new();
    for (path, s) in &files {
        let p = path.display();
        if s.distributor != args.distributor {
            bail!("{p} is for distributor {}, not {}; nothing was sent", s.distributor, args.distributor);
        }
        if (s.epoch, s.round, s.root, s.total, s.leaf_count)
            != (first.epoch, first.round, first.root, first.total, first.leaf_count)
        {
            bail!("{p} and {} attest different things (epoch, round, root, total or leaf count): all must agree; nothing was sent", first_path.display());
        }
        if signatures.iter().any(|(k, _)| *k == s.attestor) {
            bail!("{p}: {} signed twice (each attestor counts once); nothing was sent", s.attestor);
        }
        let signature = Signature::from_str(&s.signature).map_err(|_| anyhow!("{p}: the signature is not base58"))?;
        if !signature.verify(s.attestor.as_ref(), &message) {
            bail!(
                "{p}: the signature of {} does not match the attestation (altered file?); nothing was sent",
                s.attestor
            );
        }
        signatures.push((s.attestor, <[u8; 64]>::try_from(signature.as_ref()).expect("64-byte signature")));
    }
    let b = ballot(client, &args.distributor, first.epoch).await?;
    if b.round != first.round {
        bail!(
            "WrongRound: the attestations are for round {}, but epoch {} now votes in round {} (a veto or attestor or quorum change started it): the attestors must sign again; nothing was sent",
            first.round,
            first.epoch,
            b.round
        );
    }
    check_triple(&b, &a)?;
    for (key, _) in &signatures {
        check_attestor(client, &args.distributor, key).await?;
    }
    let quorum = b.l.distributor.quorum;
    if (signatures.len() as u64) < u64::from(quorum) {
        bail!("QuorumNotReached: {} signed attestation(s), the quorum is {quorum}; nothing was sent", signatures.len());
    }
    let ixs =
        signed_attestations(&args.distributor, &client.payer()?.pubkey(), first.epoch, first.round, a, &signatures);
    let signature = client.send(&ixs, &[]).await?;
    report(client, out, &b, &args.distributor, first.epoch, &a, &signature).await
}
