//! Account groups several instructions share, each validated in one place.
use anchor_lang::prelude::*;
use psp_staking::state::{Pool, Position};

use crate::constants::{PROPOSAL_SEED, REALM_SEED};
use crate::errors::GovernanceError;
use crate::state::{Proposal, Realm};

/// A proposal with its realm.
#[derive(Accounts)]
pub struct RealmProposal<'info> {
    /// The realm.
    #[account(mut, seeds = [REALM_SEED, realm.create_key.as_ref()], bump = realm.bump)]
    pub realm: Box<Account<'info, Realm>>,
    /// The proposal.
    #[account(
        mut,
        seeds = [PROPOSAL_SEED, realm.key().as_ref(), &proposal.index.to_le_bytes()],
        bump = proposal.bump,
        has_one = realm
    )]
    pub proposal: Box<Account<'info, Proposal>>,
}

/// A staking position of the realm's pool, with its owner signing. The position account is
/// owned by the staking program (checked by `Account`), belongs to the realm's pool and to
/// the signer.
#[derive(Accounts)]
pub struct OwnedPosition<'info> {
    /// The realm's staking pool.
    pub pool: Box<Account<'info, Pool>>,
    /// The position.
    #[account(
        constraint = position.pool == pool.key() @ GovernanceError::WrongPool,
        constraint = position.owner == owner.key() @ GovernanceError::NotPositionOwner
    )]
    pub position: Box<Account<'info, Position>>,
    /// The position's owner.
    pub owner: Signer<'info>,
}

impl OwnedPosition<'_> {
    /// The pool must be the realm's.
    pub fn check_pool(&self, realm: &Realm) -> Result<()> {
        require_keys_eq!(self.pool.key(), realm.pool, GovernanceError::WrongPool);
        Ok(())
    }
}
