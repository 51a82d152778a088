//! The proofs file of an epoch (`epoch-<n>-proofs.json`): the root, the totals and, per
//! claimant, its leaf index, amount and proof (hex sibling hashes), in leaf-index order.
//!
//! ```json
//! {"epoch":7,"root":"<hex>","budget":1000,"total_amount":998,"leaf_count":3,"remainder":2,
//!  "total_points":"42","claims":[
//! {"claimant":"<base58>","index":0,"amount":500,"proof":["<hex>","<hex>"]},
//! ...]}
//! ```
//! Written streaming (one claim at a time, proofs computed on the fly) so a 1,000,000-leaf
//! epoch never holds every proof in memory; it is ordinary JSON for readers.
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use anchor_lang::prelude::Pubkey;
use psp_common::merkle::{leaf_hash, verify};
use serde::{Deserialize, Serialize};

use super::builder::EpochBuild;
use super::codec::{hex32, hex32_vec, pubkey_b58, to_hex, u128_str};
use super::PopError;
use crate::quote::parser_message;

/// One claimant's entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimEntry {
    /// Who may claim (base58).
    #[serde(with = "pubkey_b58")]
    pub claimant: Pubkey,
    /// Leaf index.
    pub index: u64,
    /// Reward in base units.
    pub amount: u64,
    /// Sibling hashes from the leaf to the root (hex).
    #[serde(with = "hex32_vec")]
    pub proof: Vec<[u8; 32]>,
}

/// A whole proofs file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProofsFile {
    /// Epoch number.
    pub epoch: u64,
    /// Merkle root (hex).
    #[serde(with = "hex32")]
    pub root: [u8; 32],
    /// Budget of the epoch (base units).
    pub budget: u64,
    /// Sum of the claim amounts.
    pub total_amount: u64,
    /// Number of claims.
    pub leaf_count: u64,
    /// Budget not distributed (rounding).
    pub remainder: u64,
    /// Sum of the points (decimal string).
    #[serde(with = "u128_str")]
    pub total_points: u128,
    /// Claims in index order.
    pub claims: Vec<ClaimEntry>,
}

/// Name of the proofs file of `epoch`.
pub fn proofs_file_name(epoch: u64) -> String {
    format!("epoch-{epoch}-proofs.json")
}

/// Writes the proofs file of `build` to `out`, one claim per line.
pub fn write_proofs<W: Write>(build: &EpochBuild, mut out: W) -> std::io::Result<()> {
    write!(
        out,
        "{{\"epoch\":{},\"root\":\"{}\",\"budget\":{},\"total_amount\":{},\"leaf_count\":{},\"remainder\":{},\"total_points\":\"{}\",\"claims\":[",
        build.epoch, to_hex(&build.root), build.budget, build.total_amount, build.leaf_count, build.remainder, build.total_points
    )?;
    let mut proof = Vec::new();
    for (i, leaf) in build.leaves.iter().enumerate() {
        build.tree.proof_into(i, &mut proof);
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        write!(
            out,
            "{{\"claimant\":\"{}\",\"index\":{},\"amount\":{},\"proof\":[",
            leaf.claimant, leaf.index, leaf.amount
        )?;
        for (j, sibling) in proof.iter().enumerate() {
            write!(out, "{}\"{}\"", if j == 0 { "" } else { "," }, to_hex(sibling))?;
        }
        out.write_all(b"]}")?;
    }
    out.write_all(b"\n]}\n")?;
    out.flush()
}

/// Writes `dir/epoch-<n>-proofs.json` (creating `dir`); returns its path.
pub fn write_proofs_file(build: &EpochBuild, dir: &Path) -> Result<PathBuf, PopError> {
    std::fs::create_dir_all(dir).map_err(|e| PopError::io(dir, e))?;
    let path = dir.join(proofs_file_name(build.epoch));
    let file = File::create(&path).map_err(|e| PopError::io(&path, e))?;
    write_proofs(build, BufWriter::with_capacity(1 << 20, file)).map_err(|e| PopError::io(&path, e))?;
    Ok(path)
}

impl ProofsFile {
    /// Reads and checks a proofs file.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, PopError> {
        let file = File::open(path.as_ref()).map_err(|e| PopError::io(&path, e))?;
        let proofs: ProofsFile = serde_json::from_reader(BufReader::new(file))
            .map_err(|e| PopError::Proofs(format!("{}: {}", path.as_ref().display(), parser_message(&e))))?;
        proofs.check()?;
        Ok(proofs)
    }

    /// Checks the file's own consistency (not the proofs): claims in index order 0..n with
    /// strictly increasing claimant keys, `leaf_count`, `total_amount` and
    /// `total_amount + remainder == budget`.
    pub fn check(&self) -> Result<(), PopError> {
        let fail = |m: String| Err(PopError::Proofs(m));
        if self.claims.len() as u64 != self.leaf_count {
            return fail(format!("leaf_count is {} but there are {} claims", self.leaf_count, self.claims.len()));
        }
        let mut sum = 0u64;
        for (i, claim) in self.claims.iter().enumerate() {
            if claim.index != i as u64 {
                return fail(format!("claim {i} has index {}", claim.index));
            }
            if i > 0 && self.claims[i - 1].claimant.as_ref() >= claim.claimant.as_ref() {
                return fail(format!("claim {i} is not in claimant key order"));
            }
            sum = sum.checked_add(claim.amount).ok_or(PopError::Overflow("sum of claims"))?;
        }
        if sum != self.total_amount || sum.checked_add(self.remainder) != Some(self.budget) {
            return fail(format!(
                "claims sum to {sum}; total_amount {} + remainder {} vs budget {}",
                self.total_amount, self.remainder, self.budget
            ));
        }
        Ok(())
    }

    /// Finds `claimant`'s entry by reading a proofs file line by line in constant memory (as
    /// [`write_proofs`] writes it: the header on the first line, one claim per line, in key
    /// order, so the scan stops at the first larger key). Returns the header with `claims`
    /// holding only that claim (ready for [`ProofsFile::verify`]), or no claim if the claimant
    /// has no leaf. Files in another layout are loaded whole.
    pub fn find_in_file(path: impl AsRef<Path>, claimant: &Pubkey) -> Result<Self, PopError> {
        use std::io::BufRead;
        let path = path.as_ref();
        let bad = |m: String| PopError::Proofs(format!("{}: {m}", path.display()));
        let file = File::open(path).map_err(|e| PopError::io(path, e))?;
        let mut lines = BufReader::with_capacity(1 << 20, file).lines();
        let header = lines.next().transpose().map_err(|e| PopError::io(path, e))?.unwrap_or_default();
        if !header.ends_with("\"claims\":[") {
            let whole = Self::load(path)?;
            let claims = whole.find(claimant).cloned().into_iter().collect();
            return Ok(Self { claims, ..whole });
        }
        let mut found: Self = serde_json::from_str(&format!("{header}]}}")).map_err(|e| bad(parser_message(&e)))?;
        for line in lines {
            let line = line.map_err(|e| PopError::io(path, e))?;
            let entry = line.trim().trim_end_matches(',');
            if entry.starts_with(']') {
                break;
            }
            let claim: ClaimEntry = serde_json::from_str(entry).map_err(|e| bad(parser_message(&e)))?;
            match claim.claimant.as_ref().cmp(claimant.as_ref()) {
                std::cmp::Ordering::Less => continue,
                std::cmp::Ordering::Equal => {
                    found.claims = vec![claim];
                    break;
                }
                std::cmp::Ordering::Greater => break,
            }
        }
        Ok(found)
    }

    /// The entry of `claimant` (binary search: claims are in key order).
    pub fn find(&self, claimant: &Pubkey) -> Option<&ClaimEntry> {
        self.claims.binary_search_by(|c| c.claimant.as_ref().cmp(claimant.as_ref())).ok().map(|i| &self.claims[i])
    }

    /// Whether `claim`'s proof links its leaf hash to this file's root.
    pub fn verify(&self, claim: &ClaimEntry) -> bool {
        verify(&self.root, leaf_hash(self.epoch, claim.index, &claim.claimant, claim.amount), &claim.proof)
    }
}
