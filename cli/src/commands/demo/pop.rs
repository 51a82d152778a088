//! The Proof-of-Participation part of `psp demo`: a PSPT reward distributor administered by
//! the demo multisig's vault, three kinds of work and three attestors defined by one proposal,
//! one epoch of reported work validated and split off-chain, attestors disagreeing until a
//! quorum agrees, the guardian's challenge window, permissionless finalization, Merkle claims
//! (a second claim refused) and the sweep of the unclaimed rest to the multisig's vault.
use anchor_spl::token::spl_token;
use anyhow::{anyhow, ensure, Result};
use psp_multisig::state::Vote;
use psp_pop::events::{Attested, Claimed, EpochProposed, Swept};
use psp_pop::state::{Distributor, Epoch, Kind};
use psp_pop::{Attestation, CreateDistributorArgs, KindArgs};
use psp_sdk::pop::{self as pop, chain, PopEvent};
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};

use super::step;
use super::timelock::{World, PSPT};
use crate::client::Client;
use crate::commands::common::{cluster_now, program_events};
use crate::commands::multisig::ops;
use crate::console::Console;

/// Epoch length of the demo distributor; genesis is one epoch ago, so epoch 0 has just ended.
const EPOCH_LENGTH: i64 = 3_600;
/// Guardian's veto window after a root reaches quorum (seconds).
const CHALLENGE_WINDOW: i64 = 3;
/// Claim window after finalization (seconds).
const CLAIM_WINDOW: i64 = 8;
/// Kinds of work: name, points per unit, cap of units per participant (0: none).
const KINDS: [(&str, u64, u64); 3] = [("mining", 5, 0), ("storage", 3, 0), ("bandwidth", 1, 500)];
/// Participants and their work: name, then (kind, units) reports.
const WORK: [(&str, &[(&str, u64)]); 5] = [
    ("miner-1", &[("mining", 120), ("bandwidth", 300)]),
    ("miner-2", &[("mining", 80)]),
    ("storer", &[("storage", 200), ("bandwidth", 900)]),
    ("relay", &[("bandwidth", 450)]),
    ("idle", &[("storage", 10)]),
];

async fn wait_until(client: &Client, time: i64) -> Result<()> {
    while cluster_now(client).await? < time {
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    Ok(())
}

/// The epoch's participation events: every reported unit of [`WORK`], then three bad lines
/// (an unknown kind, a time outside the epoch, a replayed evidence hash).
fn events(participants: &[Keypair], reporter: &Pubkey, start: i64) -> String {
    let mut lines = Vec::new();
    let mut evidence = 0u8;
    let mut event = |participant: Pubkey, kind: &str, units: u64, time: i64| {
        evidence = evidence.wrapping_add(1);
        PopEvent { participant, kind: kind.into(), units, evidence: [evidence; 32], time, reporter: *reporter }
    };
    for ((_, work), p) in WORK.iter().zip(participants) {
        for (kind, units) in work.iter() {
            lines.push(event(p.pubkey(), kind, *units, start + 60).to_json_line());
        }
    }
    let first = participants[0].pubkey();
    lines.push(event(first, "gpu", 40, start + 60).to_json_line());
    lines.push(event(first, "mining", 40, start - 1).to_json_line());
    let mut replay = event(first, "mining", 40, start + 90);
    replay.evidence = [1; 32];
    lines.push(replay.to_json_line());
    lines.join("\n")
}

/// Runs the PoP steps from step number `first`; returns a one-line summary and the next step number.
pub async fn run(out: &mut Console, first: usize, w: &World<'_>) -> Result<(String, usize)> {
    let [alice, bob, carol] = [&w.clients[0], &w.clients[1], &w.clients[2]];
    let faucet = w.faucet;
    let mut n = first;

    step(out, n, "alice creates a PoP reward distributor for PSPT: admin = the multisig's vault, guardian = carol, 1 h epochs (epoch 0 just ended), quorum 2, 3 s challenge window, 8 s claim window, unclaimed rewards back to the vault");
    let create_key = Keypair::new();
    let now = cluster_now(alice).await?;
    let receiver = PSPT.ata(&w.vault, &w.mint);
    let settings = CreateDistributorArgs {
        admin: w.vault,
        guardian: carol.payer()?.pubkey(),
        genesis: now - EPOCH_LENGTH,
        epoch_length: EPOCH_LENGTH,
        challenge_window: CHALLENGE_WINDOW,
        claim_window: CLAIM_WINDOW,
        max_epoch_total: PSPT.parse("10000")?,
        quorum: 2,
    };
    let (ix, address) = pop::instructions::create_distributor(
        &create_key.pubkey(),
        &alice.payer()?.pubkey(),
        &w.mint,
        &spl_token::ID,
        &receiver,
        settings,
    );
    let signature = alice.send(&[ix], &[&create_key]).await?;
    out.line(format!("    distributor {address}  tx {signature}"));

    n += 1;
    step(out, n, "The multisig defines three kinds of work (mining 5 pts/unit, storage 3, bandwidth 1 capped at 500 units) and three attestors in one proposal");
    let oracles: Vec<Keypair> = (0..3).map(|_| Keypair::new()).collect();
    let mut ixs: Vec<_> = KINDS
        .iter()
        .map(|(name, weight, cap)| {
            let args =
                KindArgs { name: (*name).into(), weight: *weight, max_units_per_participant: *cap, active: true };
            pop::instructions::set_kind(&address, &w.vault, &w.vault, args)
        })
        .collect();
    ixs.extend(
        oracles.iter().map(|o| pop::instructions::set_attestor(&address, &w.vault, &w.vault, &o.pubkey(), true)),
    );
    let (index, _) = ops::propose_vault(alice, &w.multisig, 0, &ixs, Some("PoP kinds and attestors".into())).await?;
    ops::vote(bob, &w.multisig, index, Vote::Approve, None).await?;
    let signature = ops::execute(carol, &w.multisig, index, false).await?;
    for (i, o) in oracles.iter().enumerate() {
        out.line(format!("    oracle-{} {}", i + 1, o.pubkey()));
    }
    out.line(format!("    transaction {index}: proposed by alice, approved by bob, executed by carol  tx {signature}"));

    n += 1;
    step(out, n, "The faucet funds the distributor with 5,000 PSPT");
    let state: Distributor = alice.account(&address, "PoP distributor").await?;
    let faucet_key = faucet.payer()?.pubkey();
    let faucet_ata = PSPT.ata(&faucet_key, &w.mint);
    let budget = PSPT.parse("5000")?;
    let ixs = vec![
        spl_token::instruction::mint_to(&spl_token::ID, &w.mint, &faucet_ata, &faucet_key, &[], budget)?,
        pop::instructions::fund(&address, &state, &faucet_key, &faucet_ata, budget),
    ];
    let signature = faucet.send(&ixs, &[]).await?;
    out.line(format!("    vault {}: 5000 PSPT  tx {signature}", state.vault));

    n += 1;
    step(out, n, "Epoch 0's work reports are validated against the kinds read from chain and the 5,000 PSPT budget is split by points (rounded down)");
    let participants: Vec<Keypair> = WORK.iter().map(|_| Keypair::new()).collect();
    let kinds: Vec<Kind> = alice
        .program_accounts::<Kind>(&psp_pop::ID, vec![(chain::REGISTRY_DISTRIBUTOR_OFFSET, address.to_bytes().to_vec())])
        .await?
        .into_iter()
        .map(|(_, k)| k)
        .collect();
    let rules = chain::epoch_rules(&state, &kinds, 0)?;
    let validation = pop::validate::validate_str(&rules, &events(&participants, &oracles[0].pubkey(), rules.start));
    for r in &validation.rejections {
        out.line(format!("    line {}: {} ({})", r.line, r.reason.code(), r.reason));
    }
    let build = pop::build_epoch(&rules, &validation.accepted, budget)?;
    for ((name, _), p) in WORK.iter().zip(&participants) {
        let leaf = build.leaf_of(&p.pubkey()).ok_or_else(|| anyhow!("{name} has no leaf"))?;
        out.line(format!("    {name:<8} {:>6} points -> {:>9} PSPT", leaf.points, PSPT.format(leaf.amount)));
    }
    let attestation = Attestation { root: build.root, total: build.total_amount, leaf_count: build.leaf_count };
    out.line(format!(
        "    {} leaves, total {} PSPT, remainder {} base units; root {}",
        build.leaf_count,
        PSPT.format(build.total_amount),
        build.remainder,
        pop::codec::to_hex(&build.root)
    ));

    n += 1;
    step(out, n, "Attestors vote: oracle-1 for the root, oracle-2 for a wrong total (no quorum), oracle-3 for the root: quorum 2 reached, root proposed");
    let wrong = Attestation { total: attestation.total + 1, ..attestation };
    let mut proposed = None;
    for (i, (oracle, vote)) in oracles.iter().zip([attestation, wrong, attestation]).enumerate() {
        let state: Distributor = alice.account(&address, "PoP distributor").await?;
        let epoch: Option<Epoch> = alice.account(&pop::epoch_pda(&address, 0).0, "epoch").await.ok();
        let round = chain::voting_round(&state, epoch.as_ref());
        let ix = pop::instructions::attest(&address, &oracle.pubkey(), &faucet_key, 0, round, vote);
        let signature = faucet.send(&[ix], &[oracle]).await?;
        let attested: Vec<Attested> = program_events(faucet, &psp_pop::ID, &signature).await?;
        let votes = attested.first().map_or(0, |a| a.votes);
        out.line(format!(
            "    oracle-{} votes total {} PSPT: {votes} of 2 for that triple  tx {signature}",
            i + 1,
            PSPT.format(vote.total)
        ));
        if let Some(p) = program_events::<EpochProposed>(faucet, &psp_pop::ID, &signature).await?.into_iter().next() {
            proposed = Some(p);
        }
    }
    let proposed = proposed.ok_or_else(|| anyhow!("epoch 0 was not proposed"))?;
    ensure!(proposed.root == build.root, "the proposed root is not the built root");
    out.line(format!(
        "    EpochProposed: round {}, {} votes, vetoable by carol until {}",
        proposed.round, proposed.votes, proposed.challenge_ends_at
    ));

    n += 1;
    step(out, n, "After the challenge window anyone finalizes (the epoch total is reserved from the vault) and opens the claim bitmap (one bit per leaf)");
    wait_until(alice, proposed.challenge_ends_at).await?;
    let ixs = vec![
        pop::instructions::finalize(&address, &state, 0),
        pop::instructions::open_claim_chunk(&address, &faucet_key, 0, 0),
    ];
    let signature = faucet.send(&ixs, &[]).await?;
    let state: Distributor = alice.account(&address, "PoP distributor").await?;
    out.line(format!("    reserved {} PSPT  tx {signature}", PSPT.format(state.total_reserved)));

    n += 1;
    step(
        out,
        n,
        "Four participants claim with their Merkle proofs; a second claim by miner-1 is refused; idle does not claim",
    );
    let mut claimed = 0;
    for ((name, _), p) in WORK.iter().zip(&participants).take(4) {
        let leaf = build.leaf_of(&p.pubkey()).ok_or_else(|| anyhow!("{name} has no leaf"))?;
        let proof = build.tree.proof(leaf.index as usize).ok_or_else(|| anyhow!("no proof for {name}"))?;
        let destination = PSPT.ata(&p.pubkey(), &w.mint);
        let ixs = vec![
            anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent(&faucet_key, &p.pubkey(), &w.mint, &spl_token::ID),
            pop::instructions::claim(&address, &state, 0, leaf.index, &p.pubkey(), leaf.amount, proof, &destination),
        ];
        let signature = faucet.send(&ixs, &[p]).await?;
        let event = program_events::<Claimed>(faucet, &psp_pop::ID, &signature)
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| anyhow!("no Claimed event"))?;
        ensure!(event.amount == leaf.amount, "{name} claimed {} instead of {}", event.amount, leaf.amount);
        claimed += event.amount;
        out.line(format!(
            "    {name:<8} claimed {:>9} PSPT (leaf {})  tx {signature}",
            PSPT.format(event.amount),
            leaf.index
        ));
    }
    let leaf = build.leaf_of(&participants[0].pubkey()).ok_or_else(|| anyhow!("miner-1 has no leaf"))?;
    let again = pop::instructions::claim(
        &address,
        &state,
        0,
        leaf.index,
        &participants[0].pubkey(),
        leaf.amount,
        build.tree.proof(leaf.index as usize).unwrap_or_default(),
        &PSPT.ata(&participants[0].pubkey(), &w.mint),
    );
    match faucet.send(&[again], &[&participants[0]]).await {
        Ok(signature) => return Err(anyhow!("a second claim went through: {signature}")),
        Err(e) => out.line(format!("    miner-1 again: refused: {}", first_line(&e.to_string()))),
    }

    n += 1;
    step(
        out,
        n,
        "After the claim window anyone sweeps the unclaimed rest to the clawback receiver (the multisig's vault)",
    );
    let epoch: Epoch = alice.account(&pop::epoch_pda(&address, 0).0, "epoch").await?;
    wait_until(alice, epoch.claim_deadline).await?;
    let signature = faucet.send(&[pop::instructions::sweep(&address, &state, 0)], &[]).await?;
    let swept = program_events::<Swept>(faucet, &psp_pop::ID, &signature)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| anyhow!("no Swept event"))?;
    ensure!(
        claimed + swept.amount == build.total_amount,
        "claims {claimed} + swept {} != total {}",
        swept.amount,
        build.total_amount
    );
    out.line(format!(
        "    swept {} PSPT to {receiver}; claimed + swept = {} PSPT = the epoch total  tx {signature}",
        PSPT.format(swept.amount),
        PSPT.format(build.total_amount)
    ));
    let summary = format!(
        "PoP epoch 0: {} participants earned {} PSPT from 3 kinds of work, attested 2 of 3, {} PSPT claimed by proof and {} PSPT swept back",
        build.leaf_count,
        PSPT.format(build.total_amount),
        PSPT.format(claimed),
        PSPT.format(swept.amount)
    );
    Ok((summary, n + 1))
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or(text)
}
