//! The Merkle tree over an epoch's leaves, hashed with [`psp_common::merkle`] so the on-chain
//! verifier and this builder agree by construction.
//!
//! Levels are stored bottom-up as flat `Vec<[u8; 32]>` (one allocation per level, none per
//! node): about 2 x 32 bytes per leaf, ~64 MB for 1,000,000 leaves. A node without a sibling is
//! carried up unchanged and contributes no proof element, matching
//! [`psp_common::merkle::root_from_proof`].
use psp_common::merkle::node_hash;

/// A Merkle tree: `levels[0]` are the leaf hashes, the last level is the root.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MerkleTree {
    levels: Vec<Vec<[u8; 32]>>,
}

impl MerkleTree {
    /// Builds the tree over `leaves` (leaf hashes, in index order).
    pub fn from_leaves(leaves: Vec<[u8; 32]>) -> Self {
        let mut levels = vec![leaves];
        while levels.last().is_some_and(|level| level.len() > 1) {
            let below = levels.last().expect("non-empty");
            let mut level = Vec::with_capacity(below.len().div_ceil(2));
            for pair in below.chunks(2) {
                level.push(match pair {
                    [a, b] => node_hash(a, b),
                    [single] => *single,
                    _ => unreachable!("chunks(2)"),
                });
            }
            levels.push(level);
        }
        MerkleTree { levels }
    }

    /// The root; all zeros for an empty tree (no leaf can hash to it).
    pub fn root(&self) -> [u8; 32] {
        self.levels.last().and_then(|level| level.first()).copied().unwrap_or([0; 32])
    }

    /// Number of leaves.
    pub fn leaf_count(&self) -> usize {
        self.levels[0].len()
    }

    /// Hash of leaf `index`.
    pub fn leaf(&self, index: usize) -> Option<[u8; 32]> {
        self.levels[0].get(index).copied()
    }

    /// Writes the proof of leaf `index` into `out` (cleared first), reusing its allocation;
    /// false when there is no such leaf.
    pub fn proof_into(&self, index: usize, out: &mut Vec<[u8; 32]>) -> bool {
        out.clear();
        if index >= self.leaf_count() {
            return false;
        }
        let mut i = index;
        for level in &self.levels[..self.levels.len() - 1] {
            if let Some(sibling) = level.get(i ^ 1) {
                out.push(*sibling);
            }
            i >>= 1;
        }
        true
    }

    /// The sibling hashes from leaf `index` up to the root.
    pub fn proof(&self, index: usize) -> Option<Vec<[u8; 32]>> {
        let mut out = Vec::with_capacity(self.levels.len());
        self.proof_into(index, &mut out).then_some(out)
    }

    /// Bytes held by the hashes of every level.
    pub fn memory_bytes(&self) -> usize {
        self.levels.iter().map(|level| level.capacity() * 32).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use psp_common::merkle::verify;

    fn leaves(n: u8) -> Vec<[u8; 32]> {
        (0..n).map(|i| [i; 32]).collect()
    }

    #[test]
    fn every_size_up_to_17_verifies() {
        for n in 1..=17u8 {
            let tree = MerkleTree::from_leaves(leaves(n));
            for i in 0..usize::from(n) {
                let proof = tree.proof(i).unwrap();
                assert!(verify(&tree.root(), [i as u8; 32], &proof), "n={n} i={i}");
                assert!(!verify(&tree.root(), [99; 32], &proof));
            }
            assert!(tree.proof(usize::from(n)).is_none());
        }
    }

    #[test]
    fn shapes() {
        assert_eq!(MerkleTree::from_leaves(vec![]).root(), [0; 32]);
        assert_eq!(MerkleTree::from_leaves(vec![]).proof(0), None);
        let one = MerkleTree::from_leaves(leaves(1));
        assert_eq!((one.root(), one.proof(0).unwrap().len()), ([0; 32], 0));
        // Three leaves: the third is carried up and pairs with node(0, 1).
        let three = MerkleTree::from_leaves(leaves(3));
        let l = leaves(3);
        assert_eq!(three.root(), node_hash(&node_hash(&l[0], &l[1]), &l[2]));
        assert_eq!(three.proof(2).unwrap(), vec![node_hash(&l[0], &l[1])]);
        assert_eq!(three.memory_bytes(), (3 + 2 + 1) * 32);
    }
}
