//! Proof-of-Participation rewards: the off-chain half (the event format and its validator, the
//! per-epoch reward builder, the Merkle tree over the rewards and the per-epoch proofs file)
//! and the client side of `psp-pop` ([`pda`], [`instructions`], [`chain`] for rounds, signed
//! attestations and pause names, [`program_events`]).
//!
//! The pipeline is `events (JSON lines) -> validate -> build -> tree -> proofs file`:
//! - [`event`]: one [`event::PopEvent`] per line, parsed with its line number;
//! - [`rules`]: the epoch's window, kinds and weights, caps and reporters ([`rules::EpochRules`]);
//! - [`validate`]: every line is accepted, truncated (a cap) or rejected with a reason
//!   ([`reject`]);
//! - [`builder`]: points = units x weight, reward = budget x points / total points (floor);
//! - [`tree`]: the Merkle tree over the leaves, hashed with [`psp_common::merkle`];
//! - [`proofs`]: the proofs file written per epoch, its loader and the claimant lookup;
//! - [`report`]: the rejections file.
//!
//! All value math is integer math (u64 amounts, u128 points), checked; nothing uses floats.
//! The same events and rules give the same root on every machine: participants are ordered by
//! their public key bytes and no hash-map iteration order reaches the outputs.
pub mod builder;
pub mod chain;
pub mod codec;
pub mod event;
pub mod instructions;
pub mod pda;
pub mod program_events;
pub mod proofs;
pub mod reject;
pub mod report;
pub mod rules;
pub mod tree;
pub mod validate;

#[cfg(test)]
mod tests;

pub use builder::{build_epoch, EpochBuild, Leaf, Unpaid};
pub use event::{Line, PopEvent};
pub use pda::*;
pub use proofs::{ClaimEntry, ProofsFile};
pub use rules::{EpochRules, KindRule};
pub use tree::MerkleTree;
pub use validate::{AcceptedEvent, RejectReason, Rejection, Validation, ValidationStats, Validator};

/// Errors of the PoP off-chain tools.
#[derive(Debug, thiserror::Error)]
pub enum PopError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The epoch rules are malformed or inconsistent.
    #[error("invalid epoch rules: {0}")]
    Rules(String),
    /// A value does not fit its integer type.
    #[error("arithmetic overflow: {0}")]
    Overflow(&'static str),
    /// A proofs file is malformed or inconsistent.
    #[error("invalid proofs file: {0}")]
    Proofs(String),
}

impl PopError {
    /// An I/O error on `path`.
    pub fn io(path: impl AsRef<std::path::Path>, source: std::io::Error) -> Self {
        PopError::Io { path: path.as_ref().display().to_string(), source }
    }
}
