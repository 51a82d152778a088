//! Tests of the pure vote arithmetic and rules: quorum rounding, outcomes, tipping never
//! contradicting the final outcome (votes being changeable until a tipped vote closes), and
//! the treasury-only signer check on lists cut anywhere.
use anchor_lang::prelude::{AnchorSerialize, Pubkey};
use proptest::prelude::*;

use super::*;

fn tally(yes: u128, no: u128, abstain: u128) -> Tally {
    Tally { yes, no, abstain }
}

#[test]
fn quorum_rounds_up_and_outcome_needs_quorum_and_approval() {
    assert_eq!(quorum_power(1_000, 2_000), Some(200));
    assert_eq!(quorum_power(1_001, 2_000), Some(201));
    assert_eq!(quorum_power(0, 10_000), Some(0));
    // 60% approval: 60 yes / 40 no passes, 59/41 fails; abstain counts for the quorum only.
    assert_eq!(passed(&tally(60, 40, 0), 100, 6_000), Some(true));
    assert_eq!(passed(&tally(59, 41, 0), 100, 6_000), Some(false));
    assert_eq!(passed(&tally(60, 30, 9), 100, 6_000), Some(false), "99 < quorum 100");
    assert_eq!(passed(&tally(60, 30, 10), 100, 6_000), Some(true));
    assert_eq!(passed(&tally(0, 0, 100), 100, 1), Some(false), "abstain only never passes");
}

#[test]
fn tipping_decides_only_when_nothing_can_change() {
    // total 100, quorum 30, approval 50%.
    assert_eq!(tipped(&tally(51, 0, 0), 30, 5_000, 100), Some(Some(true)), "51 yes > 49 possible no");
    assert_eq!(tipped(&tally(50, 0, 0), 30, 5_000, 100), Some(Some(true)), "50 vs at most 50 no still approves at 50%");
    assert_eq!(tipped(&tally(40, 0, 0), 30, 5_000, 100), Some(None));
    assert_eq!(tipped(&tally(0, 51, 0), 30, 5_000, 100), Some(Some(false)));
    assert_eq!(tipped(&tally(20, 0, 0), 30, 5_000, 100), Some(None), "below quorum: not decided yet");
    assert_eq!(tipped(&tally(0, 0, 0), 30, 5_000, 0), Some(Some(false)), "no power at all can never pass");
}

proptest! {
    /// Whatever the remaining power does, the final outcome equals the tipped one.
    #[test]
    fn tipping_agrees_with_every_completion(
        yes in 0u128..1_000, no in 0u128..1_000, abstain in 0u128..1_000,
        extra in 0u128..1_000, split in 0u128..=1_000, quorum_bps in 1u16..=10_000, approval_bps in 1u16..=10_000,
    ) {
        let total = yes + no + abstain + extra;
        let quorum = quorum_power(total, quorum_bps).unwrap();
        if let Some(Some(decided)) = tipped(&tally(yes, no, abstain), quorum, approval_bps, total) {
            // The rest votes: `split` per mille yes, the remainder no (or abstains).
            let more_yes = extra * split / 1_000;
            for rest in [tally(yes + more_yes, no + extra - more_yes, abstain), tally(yes + more_yes, no, abstain + extra - more_yes)] {
                prop_assert_eq!(passed(&rest, quorum, approval_bps), Some(decided));
            }
        }
    }
}

/// One ballot of the sequence model: position `who` votes `choice` (0 yes, 1 no, 2 abstain).
fn apply(tally: &mut Tally, record: &mut Option<(Choice, u128)>, choice: Choice, power: u128) {
    if let Some((old, old_power)) = record.take() {
        tally.remove(old, old_power).unwrap();
    }
    tally.add(choice, power).unwrap();
    *record = Some((choice, power));
}

fn choice(c: u8) -> Choice {
    [Choice::Yes, Choice::No, Choice::Abstain][usize::from(c % 3)]
}

#[test]
fn a_switch_could_flip_a_tipped_outcome_so_a_tipped_vote_closes() {
    // Total 100, quorum 30, approval 60%: 60 yes tips (60 vs at most 40 no) ...
    let mut t = tally(60, 0, 0);
    assert_eq!(tipped(&t, 30, 6_000, 100), Some(Some(true)));
    // ... but were the vote left open, 30 of that yes switching to no would defeat it.
    t.remove(Choice::Yes, 30).unwrap();
    t.add(Choice::No, 30).unwrap();
    assert_eq!(passed(&t, 30, 6_000), Some(false));
}

proptest! {
    /// Votes in any order, changes included, under the program's rule (a tipped vote closes and
    /// refuses every later ballot): the tipped outcome is the outcome of every way the positions
    /// that never voted could still have voted.
    #[test]
    fn tipping_with_changeable_votes_is_final(
        powers in proptest::collection::vec(1u128..1_000, 1..8),
        ballots in proptest::collection::vec((0usize..8, 0u8..3), 0..24),
        unused in 0u128..1_000, rest in 0u8..3, quorum_bps in 1u16..=10_000, approval_bps in 1u16..=10_000,
    ) {
        let total = powers.iter().sum::<u128>() + unused;
        let quorum = quorum_power(total, quorum_bps).unwrap();
        let (mut t, mut records) = (Tally::default(), vec![None; powers.len()]);
        let mut decided = None;
        for (who, c) in ballots {
            let who = who % powers.len();
            if decided.is_some() {
                break; // closed: every later ballot, first or changed, is refused
            }
            apply(&mut t, &mut records[who], choice(c), powers[who]);
            decided = tipped(&t, quorum, approval_bps, total).unwrap();
        }
        if let Some(outcome) = decided {
            let mut end = t;
            for (record, power) in records.iter().zip(&powers) {
                if record.is_none() {
                    end.add(choice(rest), *power).unwrap();
                }
            }
            prop_assert_eq!(passed(&end, quorum, approval_bps), Some(outcome));
        }
    }
}

/// A stored list of instructions with `signers[i][j]` telling whether account j of
/// instruction i signs, account keys drawn from `keys`, and `data_len[i]` bytes of data.
fn list(keys: &[Pubkey], signers: &[Vec<(usize, bool)>], data_len: &[usize]) -> Vec<ProposalInstruction> {
    signers
        .iter()
        .zip(data_len)
        .map(|(accounts, len)| ProposalInstruction {
            program_id: keys[0],
            accounts: accounts
                .iter()
                .map(|(k, s)| InstructionAccount { pubkey: keys[k % keys.len()], is_signer: *s, is_writable: true })
                .collect(),
            data: vec![7; *len],
        })
        .collect()
}

#[test]
fn only_the_treasury_may_sign() {
    let (treasury, other) = (Pubkey::new_unique(), Pubkey::new_unique());
    let keys = [treasury, other];
    let bytes = |l: &Vec<ProposalInstruction>| l.try_to_vec().unwrap();
    assert_eq!(foreign_signer(&bytes(&list(&keys, &[vec![(0, true), (1, false)]], &[3])), &treasury), None);
    assert_eq!(
        foreign_signer(&bytes(&list(&keys, &[vec![(0, true)], vec![(1, true)]], &[0, 9])), &treasury),
        Some(other)
    );
    assert_eq!(foreign_signer(&[], &treasury), None, "an empty list");
    assert!(ensure_only_treasury_signs(&bytes(&list(&keys, &[vec![(1, true)]], &[0])), &treasury).is_err());
}

proptest! {
    /// Cut anywhere (a list written in chunks), the check finds exactly the foreign signers
    /// whose flag byte has arrived, so by the last chunk every account was checked.
    #[test]
    fn every_prefix_is_checked_as_far_as_it_goes(
        signers in proptest::collection::vec(proptest::collection::vec((0usize..3, any::<bool>()), 0..4), 0..5),
        data in proptest::collection::vec(0usize..40, 5),
    ) {
        let keys = [Pubkey::new_unique(), Pubkey::new_unique(), Pubkey::new_unique()];
        let treasury = keys[1];
        let stored = list(&keys, &signers, &data[..signers.len()]);
        let bytes = stored.try_to_vec().unwrap();
        // Offsets of each account's signer flag, in order, with the account.
        let (mut flags, mut at) = (Vec::new(), 4);
        for ix in &stored {
            at += 32 + 4;
            for a in &ix.accounts {
                flags.push((at + 32, a));
                at += 34;
            }
            at += 4 + ix.data.len();
        }
        prop_assert_eq!(at, bytes.len());
        for cut in 0..=bytes.len() {
            let expected = flags
                .iter()
                .find(|(offset, a)| *offset < cut && a.is_signer && a.pubkey != treasury)
                .map(|(_, a)| a.pubkey);
            prop_assert_eq!(foreign_signer(&bytes[..cut], &treasury), expected);
        }
    }
}
