//! Multisig footprint benchmark: account sizes and rent by member count, and transactions per
//! workflow, against Squads v4's layout (32-byte keys per vote). Compute units cannot be
//! metered natively, so this measures what can be: bytes, rent and transaction counts, plus the
//! native wall time of the full workflow as a relative figure.
//!
//! Run: `cargo run -p psp-tests --example multisig_footprint` (dev profile: shares the test build).
use std::time::Instant;

use psp_multisig::state::{permission, Member, Multisig, Proposal};
use psp_multisig::MultisigCreateArgs;
use psp_sdk::multisig as ms;
use psp_tests::TestEnv;
use solana_sdk::rent::Rent;
use solana_sdk::signature::{Keypair, Signer};

/// Squads v4 proposal size: discriminator, multisig, index, status (1+8), bump, and three
/// `Vec<Pubkey>` vote lists.
fn squads_proposal_size(votes_each: usize) -> usize {
    8 + 32 + 8 + 9 + 1 + 3 * (4 + 32 * votes_each)
}

fn main() {
    let rent = Rent::default();
    println!("Account sizes (bytes) and rent (SOL) by member count, worst case (every member votes)");
    println!(
        "{:>8} {:>10} {:>10} {:>14} {:>16} {:>8}",
        "members", "multisig", "proposal", "proposal rent", "squads proposal", "ratio"
    );
    for members in [3usize, 10, 105, 256, 1024] {
        let ours = Proposal::size(members);
        let squads = squads_proposal_size(members);
        println!(
            "{:>8} {:>10} {:>10} {:>14.6} {:>16} {:>7.1}x",
            members,
            Multisig::size(members),
            ours,
            rent.minimum_balance(ours) as f64 / 1e9,
            squads,
            squads as f64 / ours as f64
        );
    }

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(workflow());
}

/// A 2-of-3 vault SOL transfer, counted in transactions and timed natively.
async fn workflow() {
    let mut env = TestEnv::start().await;
    let members: Vec<Keypair> = (0..3).map(|_| Keypair::new()).collect();
    for m in &members {
        env.transfer_sol(&m.pubkey(), 1_000_000_000).await;
    }
    let create_key = Keypair::new();
    let payer = env.payer();
    let args = MultisigCreateArgs {
        config_authority: None,
        threshold: 2,
        members: members.iter().map(|m| Member { key: m.pubkey(), permissions: permission::ALL }).collect(),
        time_lock: 0,
        rent_collector: None,
        memo: None,
    };
    env.send_ok(&[ms::multisig_create(&create_key.pubkey(), &payer.pubkey(), args)], &[&create_key]).await;
    let multisig = ms::multisig_pda(&create_key.pubkey()).0;
    let vault = ms::vault_pda(&multisig, 0).0;
    env.transfer_sol(&vault, 10_000_000_000).await;

    const ROUNDS: u64 = 50;
    let started = Instant::now();
    for index in 1..=ROUNDS {
        #[allow(deprecated)]
        let ix = solana_sdk::system_instruction::transfer(&vault, &payer.pubkey(), 1_000_000);
        let message = ms::compile_message(&vault, &[ix]).unwrap();
        let create = ms::vault_transaction_create(
            &multisig,
            index,
            &members[0].pubkey(),
            &payer.pubkey(),
            0,
            message.clone(),
            None,
        );
        env.send_ok(&[create], &[&members[0]]).await;
        let execute = ms::vault_transaction_execute(&multisig, index, &members[1].pubkey(), &message, true);
        env.send_ok(&[execute], &[&members[1]]).await;
    }
    let elapsed = started.elapsed();
    println!("\nWorkflow: 2-of-3 vault transfer (propose, approve, execute)");
    println!("  PSP:       2 transactions, 2 instructions (create+approve, approve+execute)");
    println!("  Squads v4: 5 instructions (vault_transaction_create, proposal_create, proposal_approve x2, vault_transaction_execute)");
    println!("  ratio:     2.5x fewer instructions");
    println!(
        "  native wall time: {ROUNDS} workflows in {:.2?} ({:.2?} per workflow, program-test, unmetered)",
        elapsed,
        elapsed / ROUNDS as u32
    );
}
