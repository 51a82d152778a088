//! Claim bitmaps: one bit per leaf, 65,536 leaves per 8 KB account, so a million-leaf epoch
//! needs 16 accounts instead of a million.
use anchor_lang::prelude::*;

use crate::constants::{CHUNK_BYTES, LEAVES_PER_CHUNK};

/// Bitmap of leaves `[chunk * 65,536, (chunk + 1) * 65,536)` of an epoch, at
/// `[CLAIMS_SEED, epoch, chunk]`.
#[account(zero_copy)]
#[derive(Debug)]
pub struct ClaimChunk {
    /// The epoch.
    pub epoch: Pubkey,
    /// Paid the rent; gets it back when the chunk is closed after the sweep.
    pub payer: Pubkey,
    /// Chunk number.
    pub chunk: u32,
    /// Bits set.
    pub claimed_count: u32,
    /// Canonical bump.
    pub bump: u8,
    /// Alignment padding.
    pub padding: [u8; 7],
    /// One bit per leaf (bit `i % 8` of byte `i / 8`, `i` relative to the chunk).
    pub bits: [u8; CHUNK_BYTES],
}

/// Chunk holding leaf `index`.
pub fn chunk_of(index: u64) -> u64 {
    index / LEAVES_PER_CHUNK
}

impl ClaimChunk {
    /// Sets the bit of leaf `index` (which must belong to this chunk); returns false when it
    /// was already set.
    pub fn set(&mut self, index: u64) -> bool {
        let offset = (index % LEAVES_PER_CHUNK) as usize;
        let (byte, mask) = (offset / 8, 1u8 << (offset % 8));
        if self.bits[byte] & mask != 0 {
            return false;
        }
        self.bits[byte] |= mask;
        self.claimed_count += 1;
        true
    }

    /// Whether leaf `index` (of this chunk) is claimed.
    pub fn is_set(&self, index: u64) -> bool {
        let offset = (index % LEAVES_PER_CHUNK) as usize;
        self.bits[offset / 8] & (1u8 << (offset % 8)) != 0
    }
}
