//! `psp demo`: the end-to-end scenario on an embedded validator, printing each step. Every
//! program's issue extends it; today: a 2-of-3 multisig moves tokens out of its vault
//! (this file), then the timelock program vests a team grant and its guardian vetoes a
//! high-value lock (`timelock.rs`), then a staking pool administered by the multisig pays two
//! reward streams to boosted positions (`staking.rs`), then a PoP distributor administered by
//! the multisig pays one attested epoch of work by Merkle claims (`pop.rs`), then stakers
//! govern the staking pool through a realm and raise its reward rate (`gov.rs`).
mod gov;
mod pop;
mod staking;
mod timelock;

use std::time::Instant;

use anchor_spl::associated_token::get_associated_token_address_with_program_id;
use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
use anchor_spl::token::spl_token;
use anyhow::{ensure, Result};
use clap::Args;
use psp_localnet::{Localnet, LocalnetConfig};
use psp_multisig::events::VaultTransactionExecuted;
use psp_multisig::state::{permission, Member, Vote};
use psp_multisig::MultisigCreateArgs;
use psp_sdk::multisig as ms;
use solana_sdk::program_pack::Pack;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Keypair, Signer};

use super::multisig::ops;
use crate::client::Client;
use crate::commands::common::program_events;
use crate::commands::multisig::propose_transfer_instructions;
use crate::console::Console;

/// Arguments of `psp demo`.
#[derive(Args, Debug)]
pub struct DemoArgs {
    /// Keep the validator running after the scenario (until Ctrl-C).
    #[arg(long)]
    pub keep_running: bool,
}

/// Prints step `n`'s heading.
fn step(out: &mut Console, n: usize, text: &str) {
    out.line(format!("\n[{n}] {text}"));
}

/// Runs the scenario.
pub async fn run(args: DemoArgs) -> Result<()> {
    let started = Instant::now();
    let program_log = std::env::temp_dir().join("psp-demo-program-output.log");
    let mut out = Console::redirect_stdout(&program_log)?;
    step(&mut out, 1, "Starting the embedded validator with every PSP program");
    let localnet = Localnet::start(LocalnetConfig::default()).await?;
    out.line(format!("    RPC {}  websocket {}", localnet.rpc_url(), localnet.ws_url()));
    for (name, id) in localnet.programs() {
        out.line(format!("    program {name} = {id}"));
    }
    let faucet = Client::new(localnet.rpc_url(), localnet.payer().insecure_clone());

    step(
        &mut out,
        2,
        "Funding three members (alice, bob, carol) with 10 SOL each by requestAirdrop (the validator's faucet)",
    );
    let names = ["alice", "bob", "carol"];
    let members: Vec<Keypair> = names.iter().map(|_| Keypair::new()).collect();
    for m in &members {
        faucet.airdrop(&m.pubkey(), 10_000_000_000).await?;
    }
    let clients: Vec<Client> = members.iter().map(|m| Client::new(localnet.rpc_url(), m.insecure_clone())).collect();
    for (name, m) in names.iter().zip(&members) {
        out.line(format!("    {name:<6} {}", m.pubkey()));
    }

    step(&mut out, 3, "alice creates a 2-of-3 multisig (every member may initiate, vote and execute)");
    let rent_collector = members[0].pubkey();
    let create_args = MultisigCreateArgs {
        config_authority: None,
        threshold: 2,
        members: members.iter().map(|m| Member { key: m.pubkey(), permissions: permission::ALL }).collect(),
        time_lock: 0,
        rent_collector: Some(rent_collector),
        memo: Some("PSP demo treasury".into()),
    };
    let (multisig, signature) = ops::create(&clients[0], create_args).await?;
    let vault = ms::vault_pda(&multisig, 0).0;
    out.line(format!("    multisig {multisig}\n    vault 0  {vault}\n    tx {signature}"));

    step(&mut out, 4, "Funding the vault: 1 SOL and 1,000 PSPT (a new SPL token)");
    let mint = create_token(&faucet, 6).await?;
    let vault_ata = get_associated_token_address_with_program_id(&vault, &mint, &spl_token::ID);
    #[allow(deprecated)]
    let payer = faucet.payer()?.pubkey();
    let fund = vec![
        solana_sdk::system_instruction::transfer(&payer, &vault, 1_000_000_000),
        create_associated_token_account_idempotent(&payer, &vault, &mint, &spl_token::ID),
        spl_token::instruction::mint_to(&spl_token::ID, &mint, &vault_ata, &payer, &[], 1_000_000_000)?,
    ];
    faucet.send(&fund, &[]).await?;
    out.line(format!(
        "    mint {mint}\n    vault token account {vault_ata}: {} PSPT",
        token_ui(&faucet, &vault_ata).await?
    ));

    step(&mut out, 5, "alice proposes: transfer 250 PSPT from the vault to a grantee (her approval is recorded)");
    let grantee = Keypair::new().pubkey();
    let ixs = propose_transfer_instructions(&clients[0], &vault, &grantee, Some(&mint), "250").await?;
    let (index, signature) = ops::propose_vault(&clients[0], &multisig, 0, &ixs, Some("grant #1".into())).await?;
    let proposal = ops::proposal(&clients[0], &multisig, index).await?;
    out.line(format!("    transaction {index}: {} of 2 approvals  tx {signature}", proposal.approvals()));

    step(&mut out, 6, "bob approves: threshold reached");
    let signature = ops::vote(&clients[1], &multisig, index, Vote::Approve, Some("lgtm".into())).await?;
    let state = ms::proposal_state(
        &ops::proposal(&clients[1], &multisig, index).await?,
        &ops::multisig(&clients[1], &multisig).await?,
        false,
    );
    out.line(format!("    state {state:?}  tx {signature}"));

    step(&mut out, 7, "carol executes: the vault signs the token transfer by CPI");
    let signature = ops::execute(&clients[2], &multisig, index, false).await?;
    let grantee_ata = get_associated_token_address_with_program_id(&grantee, &mint, &spl_token::ID);
    let (vault_balance, grantee_balance) =
        (token_ui(&faucet, &vault_ata).await?, token_ui(&faucet, &grantee_ata).await?);
    out.line(format!("    vault {vault_balance} PSPT, grantee {grantee_balance} PSPT  tx {signature}"));
    ensure!(grantee_balance == "250", "grantee should hold 250 PSPT, holds {grantee_balance}");
    let executed = executed_event(&faucet, &signature).await?;
    out.line(format!(
        "    event VaultTransactionExecuted (inner instruction): index {}, executor {}",
        executed.transaction_index, executed.executor
    ));

    step(&mut out, 8, "alice closes the executed proposal; its rent returns to the rent collector");
    let before = faucet.rpc.get_balance(&rent_collector).await?;
    ops::close(&clients[0], &multisig, index).await?;
    let reclaimed = faucet.rpc.get_balance(&rent_collector).await?.saturating_sub(before);
    out.line(format!("    reclaimed {reclaimed} lamports (minus alice's fee)"));

    let world = timelock::World { faucet: &faucet, clients: &clients, multisig, vault, mint };
    let (summary, next) = timelock::run(&mut out, 9, &world).await?;
    let (staking_summary, next, pool) = staking::run(&mut out, next, &world).await?;
    let (pop_summary, next) = pop::run(&mut out, next, &world).await?;
    let gov_summary = gov::run(&mut out, next, &world, pool).await?;

    out.line(format!(
        "\nDemo complete in {:.1}s: multisig {multisig} moved 250 PSPT with 2 of 3 approvals; {summary}; {staking_summary}; {pop_summary}; {gov_summary}.",
        started.elapsed().as_secs_f64()
    ));
    out.line(format!("(native program output: {})", program_log.display()));
    if args.keep_running {
        out.line(format!("Validator still running at {} (Ctrl-C to stop).", localnet.rpc_url()));
        tokio::signal::ctrl_c().await?;
    }
    localnet.stop();
    Ok(())
}

async fn create_token(faucet: &Client, decimals: u8) -> Result<Pubkey> {
    let mint = Keypair::new();
    let space = spl_token::state::Mint::LEN;
    let rent = faucet.rpc.get_minimum_balance_for_rent_exemption(space).await?;
    #[allow(deprecated)]
    let ixs = vec![
        solana_sdk::system_instruction::create_account(
            &faucet.payer()?.pubkey(),
            &mint.pubkey(),
            rent,
            space as u64,
            &spl_token::ID,
        ),
        spl_token::instruction::initialize_mint2(
            &spl_token::ID,
            &mint.pubkey(),
            &faucet.payer()?.pubkey(),
            None,
            decimals,
        )?,
    ];
    faucet.send(&ixs, &[&mint]).await?;
    Ok(mint.pubkey())
}

async fn token_ui(client: &Client, account: &Pubkey) -> Result<String> {
    Ok(client.rpc.get_token_account_balance(account).await?.ui_amount_string)
}

/// Reads the executed transaction back and decodes the `emit_cpi!` event from its inner
/// instructions, as the indexer does.
async fn executed_event(
    client: &Client,
    signature: &solana_sdk::signature::Signature,
) -> Result<VaultTransactionExecuted> {
    program_events::<VaultTransactionExecuted>(client, &psp_multisig::ID, signature)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| anyhow::anyhow!("no VaultTransactionExecuted event in transaction {signature}"))
}
