//! Vote arithmetic, pure: the quorum, the outcome at the end, and tipping (deciding early once
//! no remaining vote can change the outcome). All in u128 with checked math.
//!
//! Tipping and changeable votes: a position may change its vote while the vote is open, but a
//! tipped vote is final for everyone. Tipping looks only at the power not yet cast (if it also
//! allowed for switches, yes could always fall back to 0 and no vote would ever tip), so it is
//! sound only because the vote closes at once: `cast_vote` decides the proposal in the same
//! instruction and refuses every later vote, first or changed (`NotVoting`).
use super::Tally;
use crate::constants::BPS;

/// Power that must take part: `ceil(total x quorum_bps / 10,000)` (rounded against passing).
pub fn quorum_power(total: u128, quorum_bps: u16) -> Option<u128> {
    total.checked_mul(u128::from(quorum_bps))?.checked_add(u128::from(BPS) - 1).map(|x| x / u128::from(BPS))
}

impl Tally {
    /// Power cast (yes + no + abstain).
    pub fn cast(&self) -> Option<u128> {
        self.yes.checked_add(self.no)?.checked_add(self.abstain)
    }

    /// Adds `power` to `choice`.
    pub fn add(&mut self, choice: super::Choice, power: u128) -> Option<()> {
        let slot = self.slot(choice);
        *slot = slot.checked_add(power)?;
        Some(())
    }

    /// Removes `power` from `choice` (a changed vote).
    pub fn remove(&mut self, choice: super::Choice, power: u128) -> Option<()> {
        let slot = self.slot(choice);
        *slot = slot.checked_sub(power)?;
        Some(())
    }

    fn slot(&mut self, choice: super::Choice) -> &mut u128 {
        match choice {
            super::Choice::Yes => &mut self.yes,
            super::Choice::No => &mut self.no,
            super::Choice::Abstain => &mut self.abstain,
        }
    }
}

/// Whether `yes` is at least `approval_bps` of `yes + against` (and not zero).
fn approves(yes: u128, against: u128, approval_bps: u16) -> Option<bool> {
    let lhs = yes.checked_mul(u128::from(BPS))?;
    let rhs = yes.checked_add(against)?.checked_mul(u128::from(approval_bps))?;
    Some(yes > 0 && lhs >= rhs)
}

/// The outcome when the vote ends: passed iff the quorum took part and yes reached the approval share.
pub fn passed(tally: &Tally, quorum: u128, approval_bps: u16) -> Option<bool> {
    Some(tally.cast()? >= quorum && approves(tally.yes, tally.no, approval_bps)?)
}

/// The outcome if it can no longer change, whatever the `total - cast` power not yet cast
/// does: `Some(true)` when the quorum is met and yes keeps the approval share even if all the
/// rest votes no; `Some(false)` when yes cannot reach it even if all the rest votes yes.
/// Votes already cast are taken as final: the caller closes the vote on `Some(_)`.
pub fn tipped(tally: &Tally, quorum: u128, approval_bps: u16, total: u128) -> Option<Option<bool>> {
    let cast = tally.cast()?;
    let remaining = total.saturating_sub(cast);
    if cast >= quorum && approves(tally.yes, tally.no.checked_add(remaining)?, approval_bps)? {
        return Some(Some(true));
    }
    if !approves(tally.yes.checked_add(remaining)?, tally.no, approval_bps)? {
        return Some(Some(false));
    }
    Some(None)
}
