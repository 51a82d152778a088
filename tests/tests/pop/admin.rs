//! Admin settings: distributor creation and its validation (config bounds, receiver mint,
//! Token-2022 extensions), the two-step admin transfer, set_config, kinds and the rules the
//! builder reads from them, attestors, reclaiming unreserved funds, and non-admins refused on
//! every admin instruction.
use anchor_lang::error::ErrorCode;
use anchor_spl::token_2022::spl_token_2022;
use psp_pop::errors::PopError;
use psp_pop::events::{
    AdminChanged, AttestorSet, ConfigChanged, DistributorCreated, Funded, KindSet, UnreservedReclaimed,
};
use psp_pop::{ConfigArgs, CreateDistributorArgs, KindArgs};
use psp_sdk::pop::{self, chain, instructions as ix};
use psp_tests::tokens::MintExtension;
use solana_sdk::signature::{Keypair, Signer};

use crate::common::*;

/// The fixture's current config.
async fn config(f: &mut Fixture) -> ConfigArgs {
    let d = f.state().await;
    ConfigArgs {
        guardian: d.guardian,
        challenge_window: d.challenge_window,
        claim_window: d.claim_window,
        max_epoch_total: d.max_epoch_total,
        quorum: d.quorum,
    }
}

#[tokio::test]
async fn create_distributor_validates_its_settings() {
    let mut f = Fixture::bare(1).await;
    let payer = f.env.payer().pubkey();
    let good = distributor_args(f.admin.pubkey(), f.guardian.pubkey(), 1);
    let max = psp_pop::constants::MAX_PERIOD;
    let bad: [CreateDistributorArgs; 9] = [
        CreateDistributorArgs { epoch_length: 59, ..good },
        CreateDistributorArgs { epoch_length: max + 1, ..good },
        CreateDistributorArgs { genesis: -1, ..good },
        CreateDistributorArgs { challenge_window: -1, ..good },
        CreateDistributorArgs { challenge_window: max + 1, ..good },
        CreateDistributorArgs { claim_window: 0, ..good },
        CreateDistributorArgs { claim_window: max + 1, ..good },
        CreateDistributorArgs { quorum: 0, ..good },
        CreateDistributorArgs { max_epoch_total: 0, ..good },
    ];
    for args in bad {
        let key = Keypair::new();
        let (create, _) = ix::create_distributor(&key.pubkey(), &payer, &f.mint, &f.token_program, &f.receiver, args);
        f.env.send_err(&[create], &[&key], code(PopError::InvalidConfig)).await;
    }
    // The receiver must be an account of the reward mint.
    let other_mint = f.env.create_mint(6, &f.token_program.clone()).await;
    let foreign = f.env.token_account(&other_mint, &payer, &f.token_program.clone()).await;
    let key = Keypair::new();
    let (create, _) = ix::create_distributor(&key.pubkey(), &payer, &f.mint, &f.token_program, &foreign, good);
    f.env.send_err(&[create], &[&key], anchor_code(ErrorCode::ConstraintTokenMint)).await;
    // The create key must sign.
    let (create, address) = ix::create_distributor(&key.pubkey(), &payer, &f.mint, &f.token_program, &f.receiver, good);
    f.env.send_err(&[unsigned(create.clone(), &key.pubkey())], &[], anchor_code(ErrorCode::AccountNotSigner)).await;
    let out = f.env.send_ok(std::slice::from_ref(&create), &[&key]).await;
    let e = &out.events::<DistributorCreated>(&psp_pop::ID)[0];
    assert_eq!(
        (e.distributor, e.admin, e.guardian, e.reward_mint),
        (address, f.admin.pubkey(), f.guardian.pubkey(), f.mint)
    );
    assert_eq!((e.vault, e.genesis, e.epoch_length, e.quorum), (pop::vault_pda(&address).0, T0, EPOCH_LENGTH, 1));
    // Creating it again fails and changes nothing.
    let again = ix::create_distributor(
        &key.pubkey(),
        &payer,
        &f.mint,
        &f.token_program,
        &f.receiver,
        CreateDistributorArgs { quorum: 9, ..good },
    )
    .0;
    f.env.send_fails(&[again], &[&key]).await;
    let d: psp_pop::state::Distributor = f.env.account(&address).await;
    assert_eq!((d.quorum, d.create_key, d.admin), (1, key.pubkey(), f.admin.pubkey()));
}

#[tokio::test]
async fn token_2022_mints_with_transfer_extensions_are_refused() {
    let mut f = Fixture::bare(1).await;
    let payer = f.env.payer().pubkey();
    let token = spl_token_2022::ID;
    let args = distributor_args(f.admin.pubkey(), f.guardian.pubkey(), 1);
    for extension in [
        MintExtension::TransferFee { basis_points: 100, maximum_fee: 1_000 },
        MintExtension::TransferHook { program_id: anchor_lang::prelude::Pubkey::new_unique() },
    ] {
        let mint = f.env.create_mint_with(6, &token, &[extension]).await;
        let receiver = f.env.token_account(&mint, &payer, &token).await;
        let key = Keypair::new();
        let (create, address) = ix::create_distributor(&key.pubkey(), &payer, &mint, &token, &receiver, args);
        f.env.send_err(&[create], &[&key], code(PopError::UnsupportedMintExtension)).await;
        assert!(!f.env.exists(&address).await);
    }
    // A plain Token-2022 mint works, funding included.
    let mint = f.env.create_mint(6, &token).await;
    let receiver = f.env.token_account(&mint, &payer, &token).await;
    let source = f.env.funded_token_account(&mint, &f.admin.pubkey(), 1_000, &token).await;
    let key = Keypair::new();
    let (create, address) = ix::create_distributor(&key.pubkey(), &payer, &mint, &token, &receiver, args);
    f.env.send_ok(&[create], &[&key]).await;
    let state = f.env.account(&address).await;
    let admin = f.admin.insecure_clone();
    f.env.send_ok(&[ix::fund(&address, &state, &admin.pubkey(), &source, 1_000)], &[&admin]).await;
    f.env.send_ok(&[ix::reclaim_unreserved(&address, &state, &admin.pubkey(), 400)], &[&admin]).await;
    assert_eq!((f.env.token_balance(&state.vault).await, f.env.token_balance(&receiver).await), (600, 400));
}

#[tokio::test]
async fn admin_transfer_takes_two_steps() {
    let mut f = Fixture::bare(1).await;
    let (admin, successor, stranger) =
        (f.admin.insecure_clone(), f.env.funded_keypair(1).await, f.env.funded_keypair(1).await);
    f.env
        .send_err(
            &[ix::accept_admin(&f.distributor, &successor.pubkey())],
            &[&successor],
            code(PopError::NoPendingAdmin),
        )
        .await;
    let out =
        f.env.send_ok(&[ix::propose_admin(&f.distributor, &admin.pubkey(), &successor.pubkey())], &[&admin]).await;
    let e = &out.events::<AdminChanged>(&psp_pop::ID)[0];
    assert_eq!((e.old_admin, e.new_admin, e.accepted), (admin.pubkey(), successor.pubkey(), false));
    f.env
        .send_err(&[ix::accept_admin(&f.distributor, &stranger.pubkey())], &[&stranger], code(PopError::NoPendingAdmin))
        .await;
    let out = f.env.send_ok(&[ix::accept_admin(&f.distributor, &successor.pubkey())], &[&successor]).await;
    assert!(out.events::<AdminChanged>(&psp_pop::ID)[0].accepted);
    let d = f.state().await;
    assert_eq!((d.admin, d.pending_admin), (successor.pubkey(), None));
    let mut args = config(&mut f).await;
    args.quorum = 2;
    let by_old = ix::set_config(&f.distributor, &admin.pubkey(), &f.receiver, args);
    f.env.send_err(&[by_old], &[&admin], code(PopError::Unauthorized)).await;
    f.env.send_ok(&[ix::set_config(&f.distributor, &successor.pubkey(), &f.receiver, args)], &[&successor]).await;
    assert_eq!(f.state().await.quorum, 2);
}

#[tokio::test]
async fn set_config_is_validated_and_only_a_quorum_change_restarts_rounds() {
    let mut f = Fixture::bare(1).await;
    let admin = f.admin.insecure_clone();
    let base = config(&mut f).await;
    let send = |args: ConfigArgs, receiver| ix::set_config(&f.distributor, &admin.pubkey(), &receiver, args);
    let max = psp_pop::constants::MAX_PERIOD;
    let invalid = [
        ConfigArgs { challenge_window: -1, ..base },
        ConfigArgs { challenge_window: max + 1, ..base },
        ConfigArgs { claim_window: 0, ..base },
        ConfigArgs { quorum: 0, ..base },
        ConfigArgs { max_epoch_total: 0, ..base },
    ]
    .map(|args| send(args, f.receiver));
    let unchanged = send(base, f.receiver);
    let to_vault = send(base, pop::vault_pda(&f.distributor).0);
    for bad in invalid {
        f.env.send_err(&[bad], &[&admin], code(PopError::InvalidConfig)).await;
    }
    f.env.send_err(&[unchanged], &[&admin], code(PopError::NothingToChange)).await;
    f.env.send_err(&[to_vault], &[&admin], code(PopError::InvalidReceiver)).await;
    let program = f.token_program;
    let other_mint = f.env.create_mint(6, &program).await;
    let foreign = f.env.token_account(&other_mint, &admin.pubkey(), &program).await;
    let ix = ix::set_config(&f.distributor, &admin.pubkey(), &foreign, base);
    f.env.send_err(&[ix], &[&admin], code(PopError::InvalidReceiver)).await;
    // Windows, cap, guardian and receiver change without a new generation.
    let receiver = f.env.token_account(&f.mint.clone(), &f.guardian.pubkey(), &program).await;
    let args =
        ConfigArgs { guardian: admin.pubkey(), challenge_window: 0, claim_window: 5, max_epoch_total: 7, ..base };
    let out = f.env.send_ok(&[ix::set_config(&f.distributor, &admin.pubkey(), &receiver, args)], &[&admin]).await;
    let e = &out.events::<ConfigChanged>(&psp_pop::ID)[0];
    assert_eq!(
        (e.guardian, e.challenge_window, e.claim_window, e.max_epoch_total, e.clawback_receiver),
        (admin.pubkey(), 0, 5, 7, receiver)
    );
    assert_eq!(e.attestor_generation, 0);
    let out = f
        .env
        .send_ok(
            &[ix::set_config(&f.distributor, &admin.pubkey(), &receiver, ConfigArgs { quorum: 3, ..args })],
            &[&admin],
        )
        .await;
    assert_eq!(out.events::<ConfigChanged>(&psp_pop::ID)[0].attestor_generation, 1);
    let d = f.state().await;
    assert_eq!((d.quorum, d.clawback_receiver, d.guardian, d.attestor_generation), (3, receiver, admin.pubkey(), 1));
}

#[tokio::test]
async fn kinds_are_validated_and_feed_the_epoch_rules() {
    let mut f = Fixture::bare(1).await;
    let admin = f.admin.insecure_clone();
    let out = f.set_kind("relay", 3, 10, true).await;
    let e = &out.events::<KindSet>(&psp_pop::ID)[0];
    assert_eq!((e.id, e.name.as_str(), e.weight, e.kind), (0, "relay", 3, pop::kind_pda(&f.distributor, "relay").0));
    f.set_kind("vote", 1, 0, true).await;
    f.set_kind("storage", 5, 0, true).await;
    let kind =
        |name: &str, weight, active| KindArgs { name: name.into(), weight, max_units_per_participant: 10, active };
    let same = ix::set_kind(&f.distributor, &admin.pubkey(), &admin.pubkey(), kind("relay", 3, true));
    f.env.send_err(&[same], &[&admin], code(PopError::NothingToChange)).await;
    let empty = ix::set_kind(&f.distributor, &admin.pubkey(), &admin.pubkey(), kind("", 1, true));
    f.env.send_err(&[empty], &[&admin], code(PopError::InvalidKindName)).await;
    let zero = ix::set_kind(&f.distributor, &admin.pubkey(), &admin.pubkey(), kind("relay", 0, true));
    f.env.send_err(&[zero], &[&admin], code(PopError::InvalidKindWeight)).await;
    // An update keeps the id; a deactivated kind drops out of the rules.
    let out = f.set_kind("relay", 4, 0, true).await;
    assert_eq!(out.events::<KindSet>(&psp_pop::ID)[0].id, 0);
    f.set_kind("vote", 1, 0, false).await;
    assert_eq!(f.state().await.kind_count, 3);
    let state = f.state().await;
    let kinds = f.kinds(&["storage", "vote", "relay"]).await;
    let rules = chain::epoch_rules(&state, &kinds, 2).unwrap();
    let named: Vec<_> = rules.kinds.iter().map(|k| (k.name.as_str(), k.weight, k.max_units_per_participant)).collect();
    assert_eq!(named, vec![("relay", 4, None), ("storage", 5, None)]);
    assert_eq!((rules.epoch, rules.start, rules.end), (2, T0 + 2 * EPOCH_LENGTH, T0 + 3 * EPOCH_LENGTH));
}

#[tokio::test]
async fn attestor_changes_are_counted_and_redundant_ones_refused() {
    let mut f = Fixture::bare(1).await;
    let admin = f.admin.insecure_clone();
    let key = Keypair::new().pubkey();
    let set = |active| ix::set_attestor(&f.distributor, &admin.pubkey(), &admin.pubkey(), &key, active);
    let (on, off) = (set(true), set(false));
    f.env.send_err(std::slice::from_ref(&off), &[&admin], code(PopError::NothingToChange)).await;
    let out = f.env.send_ok(std::slice::from_ref(&on), &[&admin]).await;
    let e = &out.events::<AttestorSet>(&psp_pop::ID)[0];
    assert_eq!((e.attestor, e.active, e.attestor_count, e.attestor_generation), (key, true, 1, 0));
    f.env.send_err(std::slice::from_ref(&on), &[&admin], code(PopError::NothingToChange)).await;
    let out = f.env.send_ok(std::slice::from_ref(&off), &[&admin]).await;
    let e = &out.events::<AttestorSet>(&psp_pop::ID)[0];
    assert_eq!((e.active, e.attestor_count, e.attestor_generation), (false, 0, 1));
    f.env.send_err(&[off], &[&admin], code(PopError::NothingToChange)).await;
    f.env.send_ok(&[on], &[&admin]).await;
    let attestor: psp_pop::state::Attestor = f.env.account(&pop::attestor_pda(&f.distributor, &key).0).await;
    assert_eq!((attestor.key, attestor.active, attestor.distributor), (key, true, f.distributor));
}

#[tokio::test]
async fn reclaim_takes_only_unreserved_funds_and_only_to_the_receiver() {
    let mut f = Fixture::new(1, 1).await;
    f.finalized(0, psp_pop::Attestation { root: [1; 32], total: 4_000_000, leaf_count: 1 }).await;
    let (admin, state) = (f.admin.insecure_clone(), f.state().await);
    let reclaim = |amount| ix::reclaim_unreserved(&f.distributor, &state, &admin.pubkey(), amount);
    let (too_much, zero, exact) = (reclaim(FUNDED - 4_000_000 + 1), reclaim(0), reclaim(FUNDED - 4_000_000));
    let elsewhere = swap(reclaim(1), &f.receiver, &f.funder_ata);
    f.env.send_err(&[too_much], &[&admin], code(PopError::ExceedsUnreserved)).await;
    f.env.send_err(&[zero], &[&admin], code(PopError::ZeroAmount)).await;
    f.env.send_err(&[elsewhere], &[&admin], code(PopError::InvalidReceiver)).await;
    let out = f.env.send_ok(&[exact], &[&admin]).await;
    let e = &out.cpi_events::<UnreservedReclaimed>()[0];
    assert_eq!((e.receiver, e.amount, e.vault_balance), (f.receiver, FUNDED - 4_000_000, 4_000_000));
    assert_eq!(e.mint, f.mint, "UnreservedReclaimed names the reward mint");
    let receiver = f.receiver;
    assert_eq!((f.balance(&receiver).await, f.vault_balance().await), (FUNDED - 4_000_000, 4_000_000));
    assert_eq!(f.state().await.total_swept, FUNDED - 4_000_000);
    // Funding reports the vault balance read after its transfer (reloaded), not before.
    let out = f.fund(7).await;
    let e = &out.cpi_events::<Funded>()[0];
    assert_eq!((e.amount, e.vault_balance, e.total_reserved), (7, 4_000_007, 4_000_000));
    assert_eq!(e.mint, f.mint, "Funded names the reward mint");
    assert_eq!(f.state().await.total_funded, FUNDED + 7);
}

#[tokio::test]
async fn non_admins_are_refused_on_every_admin_instruction() {
    let mut f = Fixture::new(1, 1).await;
    let stranger = f.env.funded_keypair(1).await;
    let (s, state, base) = (stranger.pubkey(), f.state().await, config(&mut f).await);
    let ixs = [
        ix::set_config(&f.distributor, &s, &f.receiver, ConfigArgs { quorum: 5, ..base }),
        ix::set_kind(
            &f.distributor,
            &s,
            &s,
            KindArgs { name: "relay".into(), weight: 99, max_units_per_participant: 0, active: true },
        ),
        ix::set_kind(
            &f.distributor,
            &s,
            &s,
            KindArgs { name: "new".into(), weight: 1, max_units_per_participant: 0, active: true },
        ),
        ix::set_attestor(&f.distributor, &s, &s, &s, true),
        ix::set_attestor(&f.distributor, &s, &s, &f.attestors[0].pubkey(), false),
        ix::reclaim_unreserved(&f.distributor, &state, &s, 1),
        ix::propose_admin(&f.distributor, &s, &s),
    ];
    for ix in ixs {
        f.env.send_err(&[ix], &[&stranger], code(PopError::Unauthorized)).await;
    }
    let admin = f.admin.pubkey();
    let unsigned_ix =
        unsigned(ix::set_config(&f.distributor, &admin, &f.receiver, ConfigArgs { quorum: 5, ..base }), &admin);
    f.env.send_err(&[unsigned_ix], &[], anchor_code(ErrorCode::AccountNotSigner)).await;
    let after = f.state().await;
    assert_eq!(
        (after.admin, after.quorum, after.attestor_count, after.kind_count, after.pending_admin),
        (admin, 1, 1, 2, None)
    );
    assert_eq!(f.vault_balance().await, FUNDED);
}
