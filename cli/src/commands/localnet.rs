//! `psp localnet`: an in-process validator with every PSP program, in the foreground.
use std::path::PathBuf;

use anyhow::Result;
use clap::Args;
use psp_localnet::{Localnet, LocalnetConfig};
use solana_sdk::native_token::LAMPORTS_PER_SOL;
use solana_sdk::signature::Signer;

use crate::console::Console;

/// What `--fund` airdrops to each wallet.
const FUND_LAMPORTS: u64 = 100 * LAMPORTS_PER_SOL;

/// Arguments of `psp localnet`.
#[derive(Args, Debug)]
pub struct LocalnetArgs {
    /// Ledger directory to create or reuse (default: a temporary one, removed on exit).
    #[arg(long)]
    pub ledger: Option<PathBuf>,
    /// JSON-RPC port (websocket is the next port); default: free ports.
    #[arg(long)]
    pub rpc_port: Option<u16>,
    /// Slots per epoch (minimum 32); default: Solana's.
    #[arg(long)]
    pub slots_per_epoch: Option<u64>,
    /// Airdrop 100 SOL to this wallet at start (e.g. `--fund $(solana address)`). Repeat.
    #[arg(long = "fund", value_parser = crate::cluster::parse_pubkey)]
    pub fund: Vec<solana_sdk::pubkey::Pubkey>,
}

/// Runs until Ctrl-C.
pub async fn run(args: LocalnetArgs) -> Result<()> {
    let config = LocalnetConfig {
        ledger_path: args.ledger.clone(),
        rpc_port: args.rpc_port,
        slots_per_epoch: args.slots_per_epoch,
        ..Default::default()
    };
    // Native programs print `msg!` to stdout: keep it in a file beside the ledger.
    let log = std::env::temp_dir().join(format!("psp-localnet-{}-program-output.log", std::process::id()));
    let mut out = Console::redirect_stdout(&log)?;
    let localnet = Localnet::start(config).await?;
    // Through the faucet, as `solana airdrop` and web3.js tests fund wallets. The client is
    // dropped here: an open keep-alive connection would stall the RPC server's shutdown.
    if !args.fund.is_empty() {
        let client = crate::client::Client::new(localnet.rpc_url(), localnet.payer().insecure_clone());
        for wallet in &args.fund {
            client.airdrop(wallet, FUND_LAMPORTS).await?;
        }
    }
    out.line("PSP localnet running");
    out.line(format!("  RPC URL:       {}", localnet.rpc_url()));
    out.line(format!("  Websocket URL: {}", localnet.ws_url()));
    out.line(format!("  Ledger:        {}", localnet.ledger_path().display()));
    let faucet_file = localnet.ledger_path().join("faucet-keypair.json");
    solana_sdk::signature::write_keypair_file(localnet.faucet_keypair(), &faucet_file)
        .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", faucet_file.display()))?;
    out.line(format!(
        "  Faucet:        {} at {} serves requestAirdrop (keypair {})",
        localnet.faucet_keypair().pubkey(),
        localnet.faucet_addr(),
        faucet_file.display()
    ));
    for wallet in &args.fund {
        out.line(format!("  Funded:        {wallet} ({} SOL)", FUND_LAMPORTS / LAMPORTS_PER_SOL));
    }
    for (name, id) in localnet.programs() {
        out.line(format!("  Program {name:<14} {id}"));
    }
    out.line(format!("  Program output: {}", log.display()));
    out.line("Press Ctrl-C to stop.");
    tokio::signal::ctrl_c().await?;
    out.line("Stopping...");
    localnet.stop();
    Ok(())
}
