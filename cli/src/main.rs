//! `psp`: the PSP command line. Administrative and user actions for every program, an embedded
//! local validator (`psp localnet`) and the end-to-end demo (`psp demo`).
mod client;
mod cluster;
mod commands;
mod console;
mod lookup;
mod output;

use clap::{Parser, Subcommand};

use crate::cluster::GlobalOpts;

/// PSP: Perpetual Scaling Protocol command line.
#[derive(Parser)]
#[command(name = "psp", version, about, propagate_version = true)]
struct Cli {
    #[command(flatten)]
    global: GlobalOpts,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run a local validator with every PSP program loaded, until Ctrl-C.
    Localnet(commands::localnet::LocalnetArgs),
    /// Start a local validator and run the end-to-end scenario, printing each step.
    Demo(commands::demo::DemoArgs),
    /// Multisig: create, inspect, propose, vote, execute, spending limits.
    #[command(subcommand)]
    Multisig(commands::multisig::MultisigCommand),
    /// Timelock: vesting and time-locked transfers, guardian veto, settings.
    #[command(subcommand)]
    Timelock(commands::timelock::TimelockCommand),
    /// Staking: pools, reward streams, lockup-boosted positions, claims.
    #[command(subcommand)]
    Staking(commands::staking::StakingCommand),
    /// Proof-of-Participation rewards: distributors, kinds, attestors, epoch building and votes, claims.
    #[command(subcommand)]
    Pop(commands::pop::PopCommand),
    /// Governance: realms over a staking pool, proposals, votes by positions, veto, execution.
    #[command(subcommand)]
    Gov(commands::gov::GovCommand),
}

/// Default log filter: warnings, minus the embedded validator's harmless start-up complaints.
const QUIET_VALIDATOR: &str = "warn,solana_ledger::blockstore=off,solana_core::validator=off,solana_metrics=off";

fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PSP_LOG").unwrap_or_else(|_| QUIET_VALIDATOR.into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("tokio runtime");
    let result = runtime.block_on(async {
        match cli.command {
            Command::Localnet(args) => commands::localnet::run(args).await,
            Command::Demo(args) => commands::demo::run(args).await,
            Command::Multisig(cmd) => commands::multisig::run(&cli.global, cmd).await,
            Command::Timelock(cmd) => commands::timelock::run(&cli.global, cmd).await,
            Command::Staking(cmd) => commands::staking::run(&cli.global, cmd).await,
            Command::Pop(cmd) => commands::pop::run(&cli.global, cmd).await,
            Command::Gov(cmd) => commands::gov::run(&cli.global, cmd).await,
        }
    });
    if let Err(error) = result {
        eprintln!("error: {error:#}");
        std::process::exit(1);
    }
}
