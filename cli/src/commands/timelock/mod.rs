//! `psp timelock ...`: vesting and time-locked transfers (create, inspect, withdraw, cancel,
//! transfer, top up, close, veto) and the program's settings (`config ...`).
mod act;
mod config;
mod crank;
mod create;
mod show;

pub use act::withdraw_instructions;
pub use show::{curve_table, schedule_summary};

use anyhow::Result;
use clap::{Args, Subcommand};
use psp_timelock::state::Lock;
use solana_sdk::pubkey::Pubkey;

use crate::client::Client;
use crate::cluster::{parse_pubkey, GlobalOpts};

/// Timelock subcommands.
#[derive(Subcommand, Debug)]
pub enum TimelockCommand {
    /// Lock tokens for a recipient under a linear (cliff) or step schedule.
    Create(create::CreateArgs),
    /// Show a lock: policies, schedule, progress now and the unlock curve.
    Show(LockTarget),
    /// List locks (all, or by sender and/or recipient).
    List(show::ListArgs),
    /// Withdraw vested tokens (as the recipient, or cranked to the recipient when allowed).
    Withdraw(act::WithdrawArgs),
    /// Cancel a lock: the vested part goes to the recipient, the rest back to the sender.
    Cancel(LockTarget),
    /// Hand a lock's future payouts to a new recipient.
    Transfer(act::TransferArgs),
    /// Add tokens to a lock that allows top-ups.
    TopUp(act::TopUpArgs),
    /// Close a finished lock and its escrow (rent back to the sender).
    Close(LockTarget),
    /// Veto a high-value lock during its delay (guardian): everything back to the sender.
    Veto(act::VetoArgs),
    /// Pay out every lock that allows cranking and has vested tokens (a keeper's job).
    Crank(crank::CrankArgs),
    /// Program settings: init, show, mint policy, pause, guardian, admin transfer.
    #[command(subcommand)]
    Config(config::ConfigCommand),
}

/// A lock address.
#[derive(Args, Debug)]
pub struct LockTarget {
    /// Lock address.
    #[arg(value_parser = parse_pubkey)]
    pub lock: Pubkey,
}

/// Runs a timelock subcommand.
pub async fn run(global: &GlobalOpts, command: TimelockCommand) -> Result<()> {
    let client = global.client();
    let out = global.output;
    match command {
        TimelockCommand::Create(args) => create::run(&client, out, args).await,
        TimelockCommand::Show(t) => show::show(&client, out, &t.lock).await,
        TimelockCommand::List(args) => show::list(&client, out, args).await,
        TimelockCommand::Withdraw(args) => act::withdraw(&client, out, args).await,
        TimelockCommand::Cancel(t) => act::cancel(&client, out, &t.lock).await,
        TimelockCommand::Transfer(args) => act::transfer(&client, out, args).await,
        TimelockCommand::TopUp(args) => act::top_up(&client, out, args).await,
        TimelockCommand::Close(t) => act::close(&client, out, &t.lock).await,
        TimelockCommand::Veto(args) => act::veto(&client, out, args).await,
        TimelockCommand::Crank(args) => crank::run(&client, out, args).await,
        TimelockCommand::Config(cmd) => config::run(&client, out, cmd).await,
    }
}

/// Reads the lock at `address`.
pub async fn load_lock(client: &Client, address: &Pubkey) -> Result<Lock> {
    client.account(address, "timelock lock").await
}
