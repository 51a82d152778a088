//! The security checklist (BRIEF.md §3) on voting and execution: positions of another pool or
//! owner, missing signers, fake and cosplaying position accounts, votes after the end, execution
//! without every account, a wrong treasury, and the treasury's signature outside the program.
use anchor_lang::error::ErrorCode;
use anchor_lang::prelude::Pubkey;
use anchor_spl::token::spl_token;
use psp_governance::errors::GovernanceError;
use psp_governance::state::{Choice, ProposalState};
use psp_sdk::governance as gov;
use psp_sdk::staking as st;
use psp_staking::CreatePoolArgs;
use solana_sdk::account::AccountSharedData;
use solana_sdk::signature::{Keypair, Signer};

use crate::common::{anchor_code, code, fails_with, ok, Fixture, Setup, MAX_LOCKUP, TREASURY_FUNDS};

/// Replaces every occurrence of account `from` in `ix` by `to`.
fn swap(
    mut ix: anchor_lang::solana_program::instruction::Instruction,
    from: &Pubkey,
    to: &Pubkey,
) -> anchor_lang::solana_program::instruction::Instruction {
    ix.accounts.iter_mut().filter(|m| m.pubkey == *from).for_each(|m| m.pubkey = *to);
    ix
}

#[tokio::test]
async fn positions_of_another_pool_are_refused() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    // A second pool of the same mint, and a position of voter 3 in it (before the vote).
    let admin = Keypair::new().pubkey();
    let args = CreatePoolArgs {
        admin,
        guardian: admin,
        max_lockup: MAX_LOCKUP,
        max_multiplier_bps: 30_000,
        min_voting_lockup: 0,
        cooldown: 0,
    };
    let create_key = Keypair::new();
    let payer = f.env.payer().pubkey();
    let (ix, other_pool) = st::create_pool(&create_key.pubkey(), &payer, &f.stake_mint, &spl_token::ID, args);
    f.env.send_ok(&[ix], &[&create_key]).await;
    let v = &f.voters[3];
    let (key, ata) = (v.key.insecure_clone(), v.ata);
    let state = f.env.account(&other_pool).await;
    let (ix, other_position) = st::create_position(&other_pool, &state, &key.pubkey(), &ata, 0, 100_000, MAX_LOCKUP);
    f.env.send_ok(&[ix], &[&key]).await;
    f.env.advance_time(1).await;
    let (created, index) = f.create(3, "other pool").await;
    ok(created);
    let wrong_pool = code(GovernanceError::WrongPool);
    // Starting the vote or voting with it: with its own pool, or passed with the realm's pool.
    let start = gov::start_voting(&f.realm, index, &other_pool, &other_position, &key.pubkey());
    f.env.send_err(&[start], &[&key], wrong_pool).await;
    let start = gov::start_voting(&f.realm, index, &f.pool, &other_position, &key.pubkey());
    f.env.send_err(&[start], &[&key], wrong_pool).await;
    ok(f.start(3, index).await);
    let vote = gov::cast_vote(&f.realm, index, &other_pool, &other_position, &key.pubkey(), &key.pubkey(), Choice::Yes);
    f.env.send_err(&[vote], &[&key], wrong_pool).await;
    let vote = gov::cast_vote(&f.realm, index, &f.pool, &other_position, &key.pubkey(), &key.pubkey(), Choice::Yes);
    f.env.send_err(&[vote], &[&key], wrong_pool).await;
    assert_eq!(f.proposal(index).await.voters, 0);
}

#[tokio::test]
async fn positions_of_another_owner_and_missing_signers_are_refused() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let index = f.propose(3, &[]).await;
    let (thief, victim) = (f.voters[0].key.insecure_clone(), f.voters[3].position);
    let vote = gov::cast_vote(&f.realm, index, &f.pool, &victim, &thief.pubkey(), &thief.pubkey(), Choice::No);
    f.env.send_err(&[vote], &[&thief], code(GovernanceError::NotPositionOwner)).await;
    // The owner's key without its signature.
    let owner = f.voters[3].key.pubkey();
    let mut vote = gov::cast_vote(&f.realm, index, &f.pool, &victim, &owner, &thief.pubkey(), Choice::No);
    vote.accounts.iter_mut().filter(|m| m.pubkey == owner).for_each(|m| m.is_signer = false);
    f.env.send_err(&[vote], &[&thief], anchor_code(ErrorCode::AccountNotSigner)).await;
    // Nor can another owner's position start someone's draft.
    let (created, draft) = f.create(0, "draft").await;
    ok(created);
    let start = gov::start_voting(&f.realm, draft, &f.pool, &victim, &thief.pubkey());
    f.env.send_err(&[start], &[&thief], code(GovernanceError::NotPositionOwner)).await;
    assert_eq!(f.proposal(index).await.voters, 0);
}

#[tokio::test]
async fn fake_and_cosplaying_positions_are_refused() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let index = f.propose(3, &[]).await;
    let v = &f.voters[3];
    let (key, real) = (v.key.insecure_clone(), v.position);
    // The same bytes at another address owned by another program (here: governance itself).
    let account = f.env.ctx.banks_client.get_account(real).await.unwrap().unwrap();
    let fake = Pubkey::new_unique();
    let mut copy = AccountSharedData::new(account.lamports, account.data.len(), &psp_governance::ID);
    copy.set_data_from_slice(&account.data);
    f.env.ctx.set_account(&fake, &copy);
    let vote = gov::cast_vote(&f.realm, index, &f.pool, &fake, &key.pubkey(), &key.pubkey(), Choice::Yes);
    f.env.send_err(&[vote], &[&key], anchor_code(ErrorCode::AccountOwnedByWrongProgram)).await;
    // Another staking account (the pool) as the position: another type.
    let pool = f.pool;
    let vote = gov::cast_vote(&f.realm, index, &f.pool, &pool, &key.pubkey(), &key.pubkey(), Choice::Yes);
    f.env.send_err(&[vote], &[&key], anchor_code(ErrorCode::AccountDiscriminatorMismatch)).await;
    // A fake pool (the realm, owned by governance) as the pool.
    let realm = f.realm;
    let vote = swap(f.vote_ix(3, index, Choice::Yes), &pool, &realm);
    f.env.send_err(&[vote], &[&key], anchor_code(ErrorCode::AccountOwnedByWrongProgram)).await;
    assert_eq!(f.proposal(index).await.voters, 0);
    ok(f.vote(3, index, Choice::Yes).await);
}

#[tokio::test]
async fn votes_after_the_end_are_refused() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let index = f.propose(3, &[]).await;
    ok(f.vote(0, index, Choice::Yes).await);
    let end = f.proposal(index).await.voting_ends_at;
    f.env.set_time(end).await;
    fails_with(f.vote(3, index, Choice::No).await, GovernanceError::VotingEnded);
    fails_with(f.vote(0, index, Choice::No).await, GovernanceError::VotingEnded);
    assert_eq!(f.finish(index).await, ProposalState::Defeated);
    fails_with(f.vote(3, index, Choice::Yes).await, GovernanceError::NotVoting);
}

#[tokio::test]
async fn execution_needs_every_account_and_the_realms_treasury() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let mint = f.stake_mint;
    let dest = f.env.token_account(&mint, &Keypair::new().pubkey(), &spl_token::ID).await;
    let ixs = [f.treasury_transfer(&dest, 77)];
    let index = f.propose(3, &ixs).await;
    f.pass(index, &[3]).await;
    let executor = Keypair::new();
    let full = f.execute_ix(index, &executor.pubkey(), &ixs);
    let missing = code(GovernanceError::MissingExecutionAccount);
    for absent in [dest, spl_token::ID] {
        let mut ix = full.clone();
        ix.accounts.retain(|m| m.pubkey != absent);
        f.env.send_err(&[ix], &[&executor], missing).await;
    }
    // Another realm's (or any other) account as the treasury.
    let other = gov::treasury_pda(&Keypair::new().pubkey()).0;
    let mut ix = full.clone();
    ix.accounts[3].pubkey = other;
    f.env.send_err(&[ix], &[&executor], anchor_code(ErrorCode::ConstraintSeeds)).await;
    assert_eq!(f.proposal(index).await.state, ProposalState::Succeeded);
    f.env.send_ok(&[full], &[&executor]).await;
    assert_eq!(f.balance(&dest).await, 77);
}

#[tokio::test]
async fn the_treasury_cannot_sign_outside_the_program() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let mint = f.stake_mint;
    let dest = f.env.token_account(&mint, &Keypair::new().pubkey(), &spl_token::ID).await;
    let treasury = f.treasury;
    let mut ix = f.treasury_transfer(&dest, 1);
    ix.accounts.iter_mut().filter(|m| m.pubkey == treasury).for_each(|m| m.is_signer = false);
    f.env.send_fails(&[ix], &[]).await;
    // Nor can a proposal sign for anyone but the treasury (see signers.rs).
    let (voter, voter_ata) = (f.voters[0].key.pubkey(), f.voters[0].ata);
    let steal = spl_token::instruction::transfer(&spl_token::ID, &voter_ata, &dest, &voter, &[], 1).unwrap();
    let (created, index) = f.create(3, "steal").await;
    ok(created);
    fails_with(f.append(3, index, &[steal]).await, GovernanceError::SignerNotTreasury);
    let treasury_ata = f.treasury_ata;
    assert_eq!((f.balance(&dest).await, f.balance(&treasury_ata).await), (0, TREASURY_FUNDS));
}
