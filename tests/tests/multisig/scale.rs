//! A 256-member multisig creates, approves and executes (Squads v4 breaks above 105).
use psp_multisig::state::{permission, ConfigAction, Member, Multisig, Proposal, ProposalStatus, Vote};
use psp_multisig::MultisigCreateArgs;
use psp_sdk::multisig as ms;
use psp_tests::TestEnv;
use solana_sdk::signature::{Keypair, Signer};
#[allow(deprecated)]
use solana_sdk::system_instruction;

const MEMBERS: usize = 256;
const THRESHOLD: usize = 129;

#[tokio::test]
async fn multisig_of_256_members_creates_approves_and_executes() {
    let mut env = TestEnv::start().await;
    let members: Vec<Keypair> = (0..MEMBERS).map(|_| Keypair::new()).collect();
    let authority = env.funded_keypair(100).await;
    let create_key = Keypair::new();
    let multisig = ms::multisig_pda(&create_key.pubkey()).0;
    let member = |k: &Keypair| Member { key: k.pubkey(), permissions: permission::ALL };

    // Created controlled with a first batch (instruction size bounds one batch), grown in
    // batches by the config authority, then made autonomous.
    let args = MultisigCreateArgs {
        config_authority: Some(authority.pubkey()),
        threshold: 1,
        members: members[..16].iter().map(member).collect(),
        time_lock: 0,
        rent_collector: None,
        memo: None,
    };
    env.send_ok(&[ms::multisig_create(&create_key.pubkey(), &authority.pubkey(), args)], &[&create_key, &authority])
        .await;
    for batch in members[16..].chunks(24) {
        let actions = batch.iter().map(|k| ConfigAction::AddMember { new_member: member(k) }).collect();
        let ix =
            ms::multisig_config_apply(&multisig, &authority.pubkey(), Some(&authority.pubkey()), None, actions, None);
        env.send_ok(&[ix], &[&authority]).await;
    }
    let actions = vec![
        ConfigAction::ChangeThreshold { new_threshold: THRESHOLD as u16 },
        ConfigAction::SetConfigAuthority { new_config_authority: None },
    ];
    env.send_ok(&[ms::multisig_config_apply(&multisig, &authority.pubkey(), None, None, actions, None)], &[&authority])
        .await;
    let state: Multisig = env.account(&multisig).await;
    assert_eq!((state.members.len(), state.threshold as usize), (MEMBERS, THRESHOLD));
    assert!(state.is_autonomous());

    // The last member proposes a SOL transfer from the vault.
    let vault = ms::vault_pda(&multisig, 0).0;
    env.transfer_sol(&vault, 1_000_000_000).await;
    let recipient = Keypair::new().pubkey();
    #[allow(deprecated)]
    let transfer = system_instruction::transfer(&vault, &recipient, 1_000_000);
    let message = ms::compile_message(&vault, &[transfer]).unwrap();
    let proposer = &members[MEMBERS - 1];
    let payer = env.payer();
    let ix = ms::vault_transaction_create(&multisig, 1, &proposer.pubkey(), &payer.pubkey(), 0, message.clone(), None);
    env.send_ok(&[ix], &[proposer]).await;

    // 127 more approvals, 8 per transaction; the 129th approval executes in the same instruction.
    for batch in members[..THRESHOLD - 2].chunks(8) {
        let ixs: Vec<_> =
            batch.iter().map(|k| ms::proposal_vote(&multisig, 1, &k.pubkey(), Vote::Approve, None)).collect();
        let signers: Vec<&Keypair> = batch.iter().collect();
        env.send_ok(&ixs, &signers).await;
    }
    let proposal: Proposal = env.account(&ms::proposal_pda(&multisig, 1).0).await;
    assert_eq!(proposal.approvals(), THRESHOLD - 1);
    let last = &members[200];
    let ix = ms::vault_transaction_execute(&multisig, 1, &last.pubkey(), &message, true);
    env.send_ok(&[ix], &[last]).await;

    let proposal: Proposal = env.account(&ms::proposal_pda(&multisig, 1).0).await;
    assert!(matches!(proposal.status, ProposalStatus::Executed { .. }));
    assert_eq!(proposal.approvals(), THRESHOLD);
    assert_eq!(env.lamports(&recipient).await, 1_000_000);
    // Three 32-byte bitmaps, not three lists of 32-byte keys.
    assert_eq!(Proposal::size(MEMBERS), 8 + 1 + 1 + 32 + 8 + 9 + 8 + 16 + 3 * (4 + 32));
}
