//! Merkle proofs for reward distributions, shared by the PoP program (verification) and the
//! off-chain epoch builder (tree construction), so both hash exactly the same way.
//!
//! Leaves and inner nodes use distinct one-byte domain prefixes, so an inner node can never be
//! presented as a leaf (second-preimage / leaf-node confusion). Inner nodes hash their two
//! children in sorted order, so a proof is just the list of siblings from leaf to root. A node
//! without a sibling at some level is carried up unchanged (no duplication).
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::hash::hashv;

/// Domain prefix of leaf hashes.
pub const LEAF_PREFIX: &[u8] = &[0];
/// Domain prefix of inner-node hashes.
pub const NODE_PREFIX: &[u8] = &[1];

/// Hash of the leaf paying `amount` to `claimant` at `index` of `epoch`.
pub fn leaf_hash(epoch: u64, index: u64, claimant: &Pubkey, amount: u64) -> [u8; 32] {
    hashv(&[LEAF_PREFIX, &epoch.to_le_bytes(), &index.to_le_bytes(), claimant.as_ref(), &amount.to_le_bytes()])
        .to_bytes()
}

/// Hash of an inner node over children `a` and `b` (order-independent).
pub fn node_hash(a: &[u8; 32], b: &[u8; 32]) -> [u8; 32] {
    let (low, high) = if a <= b { (a, b) } else { (b, a) };
    hashv(&[NODE_PREFIX, low, high]).to_bytes()
}

/// The root reached from `leaf` through the sibling hashes of `proof`.
pub fn root_from_proof(leaf: [u8; 32], proof: &[[u8; 32]]) -> [u8; 32] {
    proof.iter().fold(leaf, |node, sibling| node_hash(&node, sibling))
}

/// Whether `proof` links `leaf` to `root`.
pub fn verify(root: &[u8; 32], leaf: [u8; 32], proof: &[[u8; 32]]) -> bool {
    root_from_proof(leaf, proof) == *root
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_leaf_tree_verifies_both_ways_and_rejects_confusion() {
        let (alice, bob) = (Pubkey::new_unique(), Pubkey::new_unique());
        let a = leaf_hash(7, 0, &alice, 100);
        let b = leaf_hash(7, 1, &bob, 50);
        let root = node_hash(&a, &b);
        assert!(verify(&root, a, &[b]));
        assert!(verify(&root, b, &[a]));
        // Another epoch, index, claimant or amount gives another leaf.
        assert!(!verify(&root, leaf_hash(8, 0, &alice, 100), &[b]));
        assert!(!verify(&root, leaf_hash(7, 1, &alice, 100), &[b]));
        assert!(!verify(&root, leaf_hash(7, 0, &bob, 100), &[b]));
        assert!(!verify(&root, leaf_hash(7, 0, &alice, 101), &[b]));
        // The root itself, presented as a leaf with an empty proof, is not the leaf hash of
        // anything: prefixes keep leaves and nodes apart.
        assert_ne!(node_hash(&a, &b), hashv(&[LEAF_PREFIX, &a, &b]).to_bytes());
        assert!(verify(&root, root, &[]), "the root trivially reaches itself; claims hash the leaf on chain");
    }
}
