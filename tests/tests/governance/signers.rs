//! Only the realm's treasury signs a proposal's instructions. A stored account marked as a
//! signer keeps that flag until execution, where whoever executes (a keeper bot) signs the
//! outer transaction: a passed `system transfer(keeper -> attacker)` would spend the keeper's
//! lamports. So a list marking any other account as a signer is refused when it is written
//! (in whichever chunk the flag lands) and again when the vote starts, and execution never
//! passes another signer, even for a list stored before these checks.
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::{AccountSerialize, AnchorSerialize};
use psp_governance::errors::GovernanceError;
use psp_governance::state::{ProposalInstruction, ProposalInstructions, ProposalState};
use psp_sdk::governance as gov;
use solana_sdk::account::AccountSharedData;
use solana_sdk::signature::{Keypair, Signer};
#[allow(deprecated)]
use solana_sdk::system_instruction;

use crate::common::{fails_with, ok, Fixture, Setup};

/// Lamports the attack moves.
const LOOT: u64 = 1_000_000_000;

/// The attack: a system transfer from the keeper (marked as a signer) to the attacker.
fn drain(keeper: &Pubkey, attacker: &Pubkey) -> Instruction {
    system_instruction::transfer(keeper, attacker, LOOT)
}

/// Overwrites the stored instruction list of proposal `index` with `ixs`, as a list written
/// before the program checked signers would be.
async fn store_list(f: &mut Fixture, index: u64, ixs: &[Instruction]) {
    let proposal = gov::proposal_pda(&f.realm, index).0;
    let (address, bump) = gov::instructions_pda(&proposal);
    let list: Vec<ProposalInstruction> = ixs.iter().map(gov::stored).collect();
    let stored = ProposalInstructions { bump, proposal, data: list.try_to_vec().unwrap() };
    let mut data = Vec::new();
    stored.try_serialize(&mut data).unwrap();
    let mut account = AccountSharedData::new(1_000_000_000, data.len(), &psp_governance::ID);
    account.set_data_from_slice(&data);
    f.env.ctx.set_account(&address, &account);
}

#[tokio::test]
async fn a_list_signed_by_anyone_but_the_treasury_is_refused_when_written() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let (keeper, attacker, treasury) = (Keypair::new().pubkey(), Keypair::new().pubkey(), f.treasury);
    let (created, index) = f.create(3, "pay the keeper's tip").await;
    ok(created);
    fails_with(f.append(3, index, &[drain(&keeper, &attacker)]).await, GovernanceError::SignerNotTreasury);
    // The flag is caught in whichever chunk it lands, here not the first: twelve treasury
    // transfers come first, and the keeper's signer flag is the 52nd byte from the end (then its
    // writable flag, the attacker's account, the data length and 12 bytes of data).
    let mut ixs: Vec<Instruction> = (0..12).map(|i| system_instruction::transfer(&treasury, &attacker, i)).collect();
    ixs.push(drain(&keeper, &attacker));
    let flag_chunk = (gov::list_bytes(&ixs).len() - 52) / gov::APPEND_CHUNK;
    assert!(flag_chunk >= 1);
    let (key, payer) = (f.voters[3].key.insecure_clone(), f.env.payer().pubkey());
    let chunks = gov::append_instructions(&f.realm, index, &key.pubkey(), &payer, &ixs);
    for chunk in &chunks[..flag_chunk] {
        f.env.send_ok(std::slice::from_ref(chunk), &[&key]).await;
    }
    let refused = f.env.send(std::slice::from_ref(&chunks[flag_chunk]), &[&key]).await;
    fails_with(refused, GovernanceError::SignerNotTreasury);
    let proposal = gov::proposal_pda(&f.realm, index).0;
    let stored: ProposalInstructions = f.env.account(&gov::instructions_pda(&proposal).0).await;
    assert_eq!(stored.data.len(), flag_chunk * gov::APPEND_CHUNK);
    // The treasury's own signature is what proposals are for.
    let (created, index) = f.create(3, "treasury transfer").await;
    ok(created);
    ok(f.append(3, index, &[system_instruction::transfer(&treasury, &attacker, 1)]).await);
}

#[tokio::test]
async fn a_list_signed_by_anyone_but_the_treasury_cannot_start_its_vote() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let (keeper, attacker, treasury) = (Keypair::new().pubkey(), Keypair::new().pubkey(), f.treasury);
    let (created, index) = f.create(3, "pay the keeper's tip").await;
    ok(created);
    ok(f.append(3, index, &[system_instruction::transfer(&treasury, &attacker, 1)]).await);
    store_list(&mut f, index, &[drain(&keeper, &attacker)]).await;
    fails_with(f.start(3, index).await, GovernanceError::SignerNotTreasury);
    assert_eq!(f.proposal(index).await.state, ProposalState::Draft);
}

#[tokio::test]
async fn execution_never_spends_the_executors_signature() {
    let mut f = Fixture::new(Setup::boosted(false)).await;
    let keeper = f.env.funded_keypair(5).await;
    let attacker = Keypair::new().pubkey();
    let treasury = f.treasury;
    let index = f.propose(3, &[system_instruction::transfer(&treasury, &attacker, 1)]).await;
    f.pass(index, &[3]).await;
    // A passed proposal whose list (stored before the checks) makes the executor sign.
    let ixs = [drain(&keeper.pubkey(), &attacker)];
    store_list(&mut f, index, &ixs).await;
    let before = f.env.lamports(&keeper.pubkey()).await;
    // The keeper's bot builds the remaining accounts from the stored list and signs.
    let ix = f.execute_ix(index, &keeper.pubkey(), &ixs);
    assert!(f.env.send(&[ix], &[&keeper]).await.is_err(), "the keeper's signature was passed on");
    assert_eq!(f.env.lamports(&keeper.pubkey()).await, before);
    assert_eq!(f.env.lamports(&attacker).await, 0);
    assert_eq!(f.proposal(index).await.state, ProposalState::Succeeded);
}
