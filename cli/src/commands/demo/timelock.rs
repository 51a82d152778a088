//! The timelock part of `psp demo`: settings owned by the demo multisig's vault, a mint policy
//! set by proposal, a team vesting grant that pays out after its cliff, and a high-value lock
//! the guardian vetoes.
use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
use anchor_spl::token::spl_token;
use anyhow::{anyhow, ensure, Result};
use psp_multisig::state::Vote;
use psp_sdk::timelock as tl;
use psp_timelock::events::LockVetoed;
use psp_timelock::state::{Lock, LockPolicies, MintPolicy, PartyPolicy, Schedule};
use psp_timelock::{CreateLockArgs, MintPolicyArgs};
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};

use super::{step, token_ui};
use crate::client::Client;
use crate::commands::common::{cluster_now, program_events, MintInfo};
use crate::commands::multisig::ops;
use crate::commands::time::describe_time;
use crate::commands::timelock::{curve_table, load_lock, schedule_summary, withdraw_instructions};
use crate::console::Console;

/// What the multisig part of the demo set up.
pub struct World<'a> {
    /// The localnet faucet (mint authority of PSPT).
    pub faucet: &'a Client,
    /// A client signing as each member: alice, bob, carol.
    pub clients: &'a [Client],
    /// The demo multisig.
    pub multisig: Pubkey,
    /// Its vault 0.
    pub vault: Pubkey,
    /// The PSPT mint (SPL Token, 6 decimals).
    pub mint: Pubkey,
}

/// The demo's PSPT mint: SPL Token, 6 decimals.
pub const PSPT: MintInfo = MintInfo { decimals: 6, token_program: spl_token::ID };

fn pspt(ui: &str) -> u64 {
    PSPT.parse(ui).expect("valid demo amount")
}

/// A fresh wallet with `lamports` from the faucet, and a client signing as it.
pub async fn wallet(faucet: &Client, lamports: u64) -> Result<Client> {
    let keypair = Keypair::new();
    #[allow(deprecated)]
    let ix = solana_sdk::system_instruction::transfer(&faucet.payer()?.pubkey(), &keypair.pubkey(), lamports);
    faucet.send(&[ix], &[]).await?;
    Ok(Client::new(faucet.rpc.url(), keypair))
}

/// Creates a lock from the signer's PSPT account; returns its address.
async fn create_lock(
    sender: &Client,
    mint: &Pubkey,
    id: u64,
    recipient: &Pubkey,
    amount: u64,
    schedule: Schedule,
    cancel: PartyPolicy,
) -> Result<(Pubkey, Lock)> {
    let me = sender.payer()?.pubkey();
    let policies = LockPolicies { cancel, change_recipient: PartyPolicy::Nobody, top_up: false, crank: true };
    let args = CreateLockArgs { id, recipient: *recipient, amount, schedule, policies };
    let (ix, address) = tl::create_lock(&me, &PSPT.ata(&me, mint), mint, &spl_token::ID, args);
    sender.send(&[ix], &[]).await?;
    Ok((address, load_lock(sender, &address).await?))
}

/// Runs the timelock steps from step number `first`; returns a one-line summary and the next
/// step number.
pub async fn run(out: &mut Console, first: usize, w: &World<'_>) -> Result<(String, usize)> {
    let [alice, bob, carol] = [&w.clients[0], &w.clients[1], &w.clients[2]];
    let mut n = first;

    step(out, n, "alice initializes the timelock: admin = the multisig's vault, guardian = carol");
    let ix = tl::initialize_config(&alice.payer()?.pubkey(), &w.vault, &carol.payer()?.pubkey());
    let signature = alice.send(&[ix], &[]).await?;
    out.line(format!("    config {}  tx {signature}", tl::config_pda().0));

    n += 1;
    step(out, n, "The multisig sets the PSPT policy by proposal: high-value from 100,000 PSPT with a 30 s veto delay, outflow cap 500,000 PSPT per day");
    let args = MintPolicyArgs {
        high_value_threshold: pspt("100000"),
        min_delay: 30,
        outflow_cap: pspt("500000"),
        window_seconds: 86_400,
    };
    let ix = tl::set_mint_policy(&w.vault, &w.vault, &w.mint, args);
    let (index, _) = ops::propose_vault(alice, &w.multisig, 0, &[ix], Some("timelock policy for PSPT".into())).await?;
    ops::vote(bob, &w.multisig, index, Vote::Approve, None).await?;
    let signature = ops::execute(carol, &w.multisig, index, false).await?;
    let policy: MintPolicy = alice.account(&tl::mint_policy_pda(&w.mint).0, "mint policy").await?;
    out.line(format!("    transaction {index}: proposed by alice, approved by bob, executed by carol  tx {signature}"));
    out.line(format!(
        "    policy: threshold {} PSPT, delay {} s, cap {} PSPT per {} s",
        PSPT.format(policy.high_value_threshold),
        policy.min_delay,
        PSPT.format(policy.outflow.cap),
        policy.outflow.window_seconds
    ));
    ensure!(policy.high_value_threshold == pspt("100000"), "the policy proposal did not apply");

    n += 1;
    step(
        out,
        n,
        "alice grants dave 12,000 PSPT: cliff in 4 s, then linear to 12 s, a release every 2 s, cancellable by alice",
    );
    let ixs = vec![
        create_associated_token_account_idempotent(
            &w.faucet.payer()?.pubkey(),
            &alice.payer()?.pubkey(),
            &w.mint,
            &spl_token::ID,
        ),
        spl_token::instruction::mint_to(
            &spl_token::ID,
            &w.mint,
            &PSPT.ata(&alice.payer()?.pubkey(), &w.mint),
            &w.faucet.payer()?.pubkey(),
            &[],
            pspt("200000"),
        )?,
    ];
    w.faucet.send(&ixs, &[]).await?;
    let dave = wallet(w.faucet, 50_000_000).await?;
    let now = cluster_now(alice).await?;
    let schedule =
        Schedule::Linear { start_time: now, cliff_time: now + 4, cliff_amount: 0, end_time: now + 12, period: 2 };
    let (grant, lock) =
        create_lock(alice, &w.mint, 1, &dave.payer()?.pubkey(), pspt("12000"), schedule, PartyPolicy::Sender).await?;
    out.line(format!(
        "    (the faucet minted 200,000 PSPT to alice)\n    dave  {}\n    lock  {grant}",
        dave.payer()?.pubkey()
    ));
    out.line(format!("    {}", schedule_summary(&lock.schedule, &PSPT, now)));

    n += 1;
    step(out, n, "Waiting past the cliff; dave withdraws what has vested");
    let Schedule::Linear { cliff_time, .. } = lock.schedule else { unreachable!("linear schedule") };
    let now = loop {
        let now = cluster_now(alice).await?;
        if now > cliff_time {
            break now;
        }
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    };
    let (ixs, destination) = withdraw_instructions(&grant, &lock, &dave.payer()?.pubkey(), None, None);
    let signature = dave.send(&ixs, &[]).await?;
    let lock = load_lock(alice, &grant).await?;
    let progress = tl::lock_progress(&lock, now);
    out.line(format!(
        "    vested {} of {} PSPT, dave withdrew {} (his account {destination} holds {})  tx {signature}",
        PSPT.format(progress.vested.max(lock.withdrawn)),
        PSPT.format(lock.total),
        PSPT.format(lock.withdrawn),
        token_ui(alice, &destination).await?
    ));
    ensure!(lock.withdrawn > 0, "dave should have withdrawn something after the cliff");
    out.line("    unlock curve:");
    out.line(curve_table(&lock, &PSPT, now, 12));

    n += 1;
    step(out, n, "alice locks 150,000 PSPT for an unknown recipient (mallory): above the threshold, so high-value");
    let mallory = Keypair::new().pubkey();
    let now = cluster_now(alice).await?;
    let schedule = Schedule::Linear {
        start_time: now + 60,
        cliff_time: now + 60,
        cliff_amount: 0,
        end_time: now + 3_660,
        period: 60,
    };
    let alice_ata = PSPT.ata(&alice.payer()?.pubkey(), &w.mint);
    let before = token_ui(alice, &alice_ata).await?;
    let (suspicious, lock) =
        create_lock(alice, &w.mint, 2, &mallory, pspt("150000"), schedule, PartyPolicy::Nobody).await?;
    ensure!(lock.high_value, "a 150,000 PSPT lock should be high-value");
    out.line(format!(
        "    lock {suspicious}: high-value, guardian may veto until {}",
        describe_time(lock.veto_deadline, now)
    ));
    out.line(format!("    alice's PSPT: {before} before, {} after locking", token_ui(alice, &alice_ata).await?));

    n += 1;
    step(out, n, "carol (guardian) vetoes it within the delay: everything back to alice, the reason on record");
    let reason = "recipient flagged by risk monitoring; confirm off-band before re-creating";
    let ix = tl::veto_lock(&suspicious, &lock, &carol.payer()?.pubkey(), &alice_ata, reason.into());
    let signature = carol.send(&[ix], &[]).await?;
    let after = token_ui(alice, &alice_ata).await?;
    ensure!(after == before, "alice should have her {before} PSPT back, has {after}");
    let vetoed: LockVetoed = program_events(alice, &psp_timelock::ID, &signature)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| anyhow!("no LockVetoed event in {signature}"))?;
    out.line(format!("    alice's PSPT back to {after}  tx {signature}"));
    out.line(format!(
        "    event LockVetoed (inner instruction): lock {}, guardian {}, refunded {} PSPT, reason \"{}\"",
        vetoed.lock,
        vetoed.guardian,
        PSPT.format(vetoed.refunded_to_sender),
        vetoed.reason
    ));
    let summary = format!(
        "dave's vesting paid out after its cliff; carol vetoed a {} PSPT high-value lock",
        PSPT.format(vetoed.refunded_to_sender)
    );
    Ok((summary, n + 1))
}
