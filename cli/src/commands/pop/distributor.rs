//! `psp pop distributor create | show` and `psp pop config`: a distributor's settings, checked
//! here with the program's limits before anything is sent.
use anchor_lang::AccountDeserialize;
use anchor_spl::associated_token::spl_associated_token_account::instruction::create_associated_token_account_idempotent;
use anchor_spl::token_interface::TokenAccount;
use anyhow::{anyhow, bail, Result};
use clap::{Args, Subcommand};
use psp_pop::constants::{MAX_PERIOD, MIN_EPOCH_LENGTH};
use psp_pop::{ConfigArgs as ProgramConfig, CreateDistributorArgs};
use psp_sdk::pop::instructions as pop_ix;
use psp_sdk::pop::vault_pda;
use serde_json::json;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{read_keypair_file, Keypair, Signer};

use super::{load, parse_period};
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::commands::common::{add_warnings, cluster_now, done, vault_mint_info, AdminOpts, MintInfo};
use crate::commands::time::{describe_time, format_duration, parse_time};

/// Distributor subcommands.
#[derive(Subcommand, Debug)]
pub enum DistributorCommand {
    /// Create a distributor for a reward mint (you pay; a create key seeds the address).
    Create(CreateArgs),
    /// Show settings, vault balance, reservations, totals, pause flags and the current epoch.
    Show {
        /// Distributor address.
        #[arg(value_parser = parse_pubkey)]
        distributor: Pubkey,
    },
}

/// Arguments of `distributor create`.
#[derive(Args, Debug)]
pub struct CreateArgs {
    /// Reward mint (SPL Token or Token-2022 without transfer fees, hooks or permanent delegate).
    #[arg(long, value_parser = parse_pubkey)]
    pub mint: Pubkey,
    /// Admin: settings, kinds, attestors (a multisig vault in production; default: you).
    #[arg(long, value_parser = parse_pubkey)]
    pub admin: Option<Pubkey>,
    /// Guardian: may pause at once and veto proposed roots (default: you).
    #[arg(long, value_parser = parse_pubkey)]
    pub guardian: Option<Pubkey>,
    /// Start of epoch 0: unix seconds, RFC3339, a date, or relative (+1h, -2m, now).
    #[arg(long, allow_hyphen_values = true)]
    pub genesis: String,
    /// Length of every epoch (e.g. 7d, 1h; at least 1m); fixed forever.
    #[arg(long, value_parser = parse_period)]
    pub epoch_length: i64,
    /// Veto window after a root reaches quorum (e.g. 1d, 2s; 0 allowed).
    #[arg(long, value_parser = parse_period)]
    pub challenge_window: i64,
    /// Claim window after finalization (e.g. 90d, 6s; at least 1s).
    #[arg(long, value_parser = parse_period)]
    pub claim_window: i64,
    /// Most one epoch may distribute, in UI units of the mint.
    #[arg(long)]
    pub max_epoch_total: String,
    /// Agreeing attestor votes needed to propose a root.
    #[arg(long)]
    pub quorum: u32,
    /// Token account (of the mint) receiving sweeps and reclaims (default: the admin's
    /// associated token account, created if missing).
    #[arg(long, value_parser = parse_pubkey)]
    pub clawback_receiver: Option<Pubkey>,
    /// Keypair file of the create key that seeds the distributor address (default: a new key).
    #[arg(long)]
    pub create_key: Option<String>,
}

/// Arguments of `psp pop config`.
#[derive(Args, Debug)]
pub struct ConfigArgs {
    /// Distributor address.
    #[arg(value_parser = parse_pubkey)]
    pub distributor: Pubkey,
    /// New guardian.
    #[arg(long, value_parser = parse_pubkey)]
    pub guardian: Option<Pubkey>,
    /// New challenge window (applies to roots proposed from now on).
    #[arg(long, value_parser = parse_period)]
    pub challenge_window: Option<i64>,
    /// New claim window (applies to epochs finalized from now on).
    #[arg(long, value_parser = parse_period)]
    pub claim_window: Option<i64>,
    /// New max epoch total (UI units).
    #[arg(long)]
    pub max_epoch_total: Option<String>,
    /// New quorum (restarts the voting rounds of epochs still voting).
    #[arg(long)]
    pub quorum: Option<u32>,
    /// New clawback receiver (a token account of the reward mint).
    #[arg(long, value_parser = parse_pubkey)]
    pub clawback_receiver: Option<Pubkey>,
    #[command(flatten)]
    pub admin: AdminOpts,
}

/// Checks settings against the program's limits (the program's `InvalidConfig`, in words).
fn check_settings(
    epoch_length: Option<i64>,
    challenge_window: i64,
    claim_window: i64,
    quorum: u32,
    max_epoch_total: u64,
) -> Result<()> {
    let max = format_duration(MAX_PERIOD as u64);
    if let Some(length) = epoch_length {
        if !(MIN_EPOCH_LENGTH..=MAX_PERIOD).contains(&length) {
            bail!(
                "InvalidConfig: the epoch length must be 1m to {max}, not {}; nothing was sent",
                format_duration(length as u64)
            );
        }
    }
    if challenge_window > MAX_PERIOD {
        bail!("InvalidConfig: the challenge window must be at most {max}; nothing was sent");
    }
    if !(1..=MAX_PERIOD).contains(&claim_window) {
        bail!("InvalidConfig: the claim window must be 1s to {max}; nothing was sent");
    }
    if quorum == 0 {
        bail!("InvalidConfig: the quorum must be at least 1; nothing was sent");
    }
    if max_epoch_total == 0 {
        bail!("InvalidConfig: the max epoch total must be greater than 0; nothing was sent");
    }
    Ok(())
}

/// Refuses a clawback receiver that is not a token account of `mint` or is the vault.
pub async fn check_receiver(client: &Client, receiver: &Pubkey, mint: &Pubkey, vault: &Pubkey) -> Result<()> {
    let data = client
        .data(receiver)
        .await?
        .ok_or_else(|| anyhow!("InvalidReceiver: no token account at {receiver}; nothing was sent"))?;
    let account = TokenAccount::try_deserialize(&mut &data[..])
        .map_err(|_| anyhow!("InvalidReceiver: {receiver} is not a token account; nothing was sent"))?;
    if account.mint != *mint || receiver == vault {
        bail!("InvalidReceiver: the clawback receiver must be a token account of the reward mint {mint}, other than the vault; nothing was sent");
    }
    Ok(())
}

/// `distributor create`.
pub async fn create(client: &Client, out: OutputFormat, args: CreateArgs) -> Result<()> {
    let now = cluster_now(client).await?;
    let genesis = parse_time(&args.genesis, now).map_err(|e| anyhow!("--genesis: {e}"))?;
    if genesis < 0 {
        bail!("InvalidConfig: the genesis must not be before 1970; nothing was sent");
    }
    let (mint, warnings): (MintInfo, _) = vault_mint_info(client, &args.mint).await?;
    let max_epoch_total = mint.parse(&args.max_epoch_total)?;
    check_settings(Some(args.epoch_length), args.challenge_window, args.claim_window, args.quorum, max_epoch_total)?;
    let create_key = match &args.create_key {
        Some(path) => read_keypair_file(path).map_err(|e| anyhow!("cannot read create key {path}: {e}"))?,
        None => Keypair::new(),
    };
    let me = client.payer()?.pubkey();
    let (admin, guardian) = (args.admin.unwrap_or(me), args.guardian.unwrap_or(me));
    let distributor = psp_sdk::pop::distributor_pda(&create_key.pubkey()).0;
    let vault = vault_pda(&distributor).0;
    let mut ixs = Vec::new();
    let receiver = match args.clawback_receiver {
        Some(receiver) => {
            check_receiver(client, &receiver, &args.mint, &vault).await?;
            receiver
        }
        None => {
            ixs.push(create_associated_token_account_idempotent(&me, &admin, &args.mint, &mint.token_program));
            mint.ata(&admin, &args.mint)
        }
    };
    let settings = CreateDistributorArgs {
        admin,
        guardian,
        genesis,
        epoch_length: args.epoch_length,
        challenge_window: args.challenge_window,
        claim_window: args.claim_window,
        max_epoch_total,
        quorum: args.quorum,
    };
    ixs.push(
        pop_ix::create_distributor(&create_key.pubkey(), &me, &args.mint, &mint.token_program, &receiver, settings).0,
    );
    let signature = client.send(&ixs, &[&create_key]).await?;
    let d = |s: i64| format_duration(s as u64);
    let mut value = json!({
        "distributor": distributor.to_string(),
        "create_key": create_key.pubkey().to_string(),
        "reward_mint": args.mint.to_string(),
        "vault": vault.to_string(),
        "admin": admin.to_string(),
        "guardian": guardian.to_string(),
        "genesis": genesis,
        "epoch_length": args.epoch_length,
        "challenge_window": args.challenge_window,
        "claim_window": args.claim_window,
        "max_epoch_total": mint.format(max_epoch_total),
        "quorum": args.quorum,
        "clawback_receiver": receiver.to_string(),
    });
    let mut text = format!(
        "Created PoP distributor {distributor}\n  create key       {}\n  reward mint      {} (vault {vault})\n  admin            {admin}\n  guardian         {guardian}\n  epochs           of {} from {}\n  challenge window {}\n  claim window     {}\n  max epoch total  {}\n  quorum           {} attestor votes (add attestors with `psp pop attestor add`)\n  clawback to      {receiver}",
        create_key.pubkey(),
        args.mint,
        d(args.epoch_length),
        describe_time(genesis, now),
        d(args.challenge_window),
        d(args.claim_window),
        mint.format(max_epoch_total),
        args.quorum
    );
    add_warnings(&mut value, &mut text, &warnings);
    done(out, value, text, &signature);
    Ok(())
}

/// `config`: reads the current settings and changes only the given ones.
pub async fn config(client: &Client, out: OutputFormat, args: ConfigArgs) -> Result<()> {
    let given = [
        args.guardian.is_some(),
        args.challenge_window.is_some(),
        args.claim_window.is_some(),
        args.max_epoch_total.is_some(),
        args.quorum.is_some(),
        args.clawback_receiver.is_some(),
    ];
    if !given.contains(&true) {
        bail!("nothing to change: pass --guardian, --challenge-window, --claim-window, --max-epoch-total, --quorum and/or --clawback-receiver");
    }
    let l = load(client, &args.distributor).await?;
    let d = &l.distributor;
    args.admin.check_vault(client, &d.admin, "distributor admin")?;
    let new = ProgramConfig {
        guardian: args.guardian.unwrap_or(d.guardian),
        challenge_window: args.challenge_window.unwrap_or(d.challenge_window),
        claim_window: args.claim_window.unwrap_or(d.claim_window),
        max_epoch_total: args
            .max_epoch_total
            .as_deref()
            .map(|a| l.mint.parse(a))
            .transpose()?
            .unwrap_or(d.max_epoch_total),
        quorum: args.quorum.unwrap_or(d.quorum),
    };
    let receiver = args.clawback_receiver.unwrap_or(d.clawback_receiver);
    let current = ProgramConfig {
        guardian: d.guardian,
        challenge_window: d.challenge_window,
        claim_window: d.claim_window,
        max_epoch_total: d.max_epoch_total,
        quorum: d.quorum,
    };
    if new == current && receiver == d.clawback_receiver {
        bail!("NothingToChange: distributor {} already has these settings; nothing was sent", args.distributor);
    }
    check_settings(None, new.challenge_window, new.claim_window, new.quorum, new.max_epoch_total)?;
    if receiver != d.clawback_receiver {
        check_receiver(client, &receiver, &d.reward_mint, &d.vault).await?;
    }
    if new.quorum > d.attestor_count {
        eprintln!(
            "note: the quorum {} exceeds the {} active attestors: no root can be proposed until more are added",
            new.quorum, d.attestor_count
        );
    }
    let ix = pop_ix::set_config(&args.distributor, &args.admin.authority(client)?, &receiver, new);
    let dur = |s: i64| format_duration(s as u64);
    let what = format!(
        "set distributor {}: guardian {}, challenge window {}, claim window {}, max epoch total {}, quorum {}, clawback receiver {receiver}",
        args.distributor,
        new.guardian,
        dur(new.challenge_window),
        dur(new.claim_window),
        l.mint.format(new.max_epoch_total),
        new.quorum
    );
    args.admin.send(client, out, ix, &what).await
}
