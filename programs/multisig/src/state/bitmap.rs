//! Vote bitmaps over member indexes: one bit per member, so a proposal of a 1024-member
//! multisig stores each vote kind in 128 bytes (Squads v4 stores 32-byte keys and cannot
//! propose above ~105 members).

/// Bytes needed for `bits` bits.
pub fn byte_len(bits: usize) -> usize {
    bits.div_ceil(8)
}

/// Whether bit `index` is set; bits beyond the slice are unset.
pub fn get(bitmap: &[u8], index: usize) -> bool {
    bitmap.get(index / 8).is_some_and(|byte| byte & (1 << (index % 8)) != 0)
}

/// Sets bit `index`, growing the bitmap if needed. Returns whether it was newly set.
pub fn set(bitmap: &mut Vec<u8>, index: usize) -> bool {
    if bitmap.len() <= index / 8 {
        bitmap.resize(index / 8 + 1, 0);
    }
    let was_set = get(bitmap, index);
    bitmap[index / 8] |= 1 << (index % 8);
    !was_set
}

/// Clears bit `index`. Returns whether it was set.
pub fn clear(bitmap: &mut [u8], index: usize) -> bool {
    let was_set = get(bitmap, index);
    if was_set {
        bitmap[index / 8] &= !(1 << (index % 8));
    }
    was_set
}

/// Number of set bits.
pub fn count(bitmap: &[u8]) -> usize {
    bitmap.iter().map(|b| b.count_ones() as usize).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_get_clear_count() {
        let mut bm = vec![0u8; byte_len(256)];
        assert_eq!(bm.len(), 32);
        for i in (0..256).step_by(3) {
            assert!(set(&mut bm, i));
            assert!(!set(&mut bm, i), "second set is a no-op");
        }
        assert_eq!(count(&bm), 86);
        assert!(get(&bm, 255));
        assert!(!get(&bm, 254));
        assert!(clear(&mut bm, 255));
        assert!(!clear(&mut bm, 255));
        assert_eq!(count(&bm), 85);
        assert!(!get(&bm, 10_000), "out of range reads as unset");
        assert!(set(&mut bm, 300), "grows on demand");
        assert_eq!(bm.len(), 38);
    }
}
