//! `psp pop kind set | kinds | attestor add | attestor remove | attestors`: the distributor's
//! kinds of participation (what the epoch builder weighs) and its attestor set.
use anyhow::{bail, Result};
use clap::{Args, Subcommand};
use psp_pop::constants::MAX_KIND_NAME;
use psp_pop::state::{Attestor, Kind};
use psp_pop::KindArgs;
use psp_sdk::pop::chain::REGISTRY_DISTRIBUTOR_OFFSET;
use psp_sdk::pop::instructions as pop_ix;
use psp_sdk::pop::{attestor_pda, kind_pda};
use serde::Serialize;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::Signer;

use super::{load_distributor, maybe};
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::commands::common::AdminOpts;
use crate::commands::time::format_time;
use crate::output::print;

/// Kind subcommands.
#[derive(Subcommand, Debug)]
pub enum KindCommand {
    /// Define a kind of participation or change its weight, cap or activity (admin).
    Set(KindSetArgs),
}

/// Arguments of `kind set`.
#[derive(Args, Debug)]
pub struct KindSetArgs {
    /// Distributor address.
    #[arg(value_parser = parse_pubkey)]
    pub distributor: Pubkey,
    /// Name used by participation events (1 to 32 bytes).
    pub name: String,
    /// Points per unit (> 0).
    #[arg(long)]
    pub weight: u64,
    /// Most units counted per participant and epoch (default: no cap).
    #[arg(long)]
    pub cap: Option<u64>,
    /// Define or keep the kind inactive: its events do not count.
    #[arg(long)]
    pub inactive: bool,
    #[command(flatten)]
    pub admin: AdminOpts,
}

/// Attestor subcommands.
#[derive(Subcommand, Debug)]
pub enum AttestorCommand {
    /// Add (or reactivate) an attestor (admin).
    Add {
        /// Distributor address.
        #[arg(value_parser = parse_pubkey)]
        distributor: Pubkey,
        /// The attestor's signing key.
        #[arg(value_parser = parse_pubkey)]
        key: Pubkey,
        #[command(flatten)]
        admin: AdminOpts,
    },
    /// Deactivate an attestor (admin); epochs still voting restart their round.
    Remove {
        /// Distributor address.
        #[arg(value_parser = parse_pubkey)]
        distributor: Pubkey,
        /// The attestor's signing key.
        #[arg(value_parser = parse_pubkey)]
        key: Pubkey,
        #[command(flatten)]
        admin: AdminOpts,
    },
}

/// Who pays a new account's rent: the multisig vault when proposing (the keypair does not sign
/// the vault transaction), else the keypair.
fn rent_payer(client: &Client, admin: &AdminOpts) -> Result<Pubkey> {
    if admin.multisig.is_some() {
        admin.authority(client)
    } else {
        Ok(client.payer()?.pubkey())
    }
}

fn describe_cap(cap: u64) -> String {
    if cap == 0 {
        "no cap".into()
    } else {
        format!("cap {cap} units per participant")
    }
}

/// Runs a kind subcommand.
pub async fn run_kind(client: &Client, out: OutputFormat, command: KindCommand) -> Result<()> {
    let KindCommand::Set(args) = command;
    let d = load_distributor(client, &args.distributor).await?;
    args.admin.check_vault(client, &d.admin, "distributor admin")?;
    if args.name.is_empty() || args.name.len() > MAX_KIND_NAME {
        bail!("InvalidKindName: kind names are 1 to {MAX_KIND_NAME} bytes; nothing was sent");
    }
    if args.weight == 0 {
        bail!("InvalidKindWeight: the weight must be greater than zero; nothing was sent");
    }
    let kind_args = KindArgs {
        name: args.name.clone(),
        weight: args.weight,
        max_units_per_participant: args.cap.unwrap_or(0),
        active: !args.inactive,
    };
    let address = kind_pda(&args.distributor, &args.name).0;
    let existing: Option<Kind> = maybe(client, &address).await?;
    let verb = match &existing {
        Some(k)
            if k.weight == kind_args.weight
                && k.max_units_per_participant == kind_args.max_units_per_participant
                && k.active == kind_args.active =>
        {
            bail!(
                "NothingToChange: kind '{}' already has weight {}, {} and is {}; nothing was sent",
                k.name,
                k.weight,
                describe_cap(k.max_units_per_participant),
                if k.active { "active" } else { "inactive" }
            )
        }
        Some(k) => format!("change kind '{}' (id {})", k.name, k.id),
        None => format!("define kind '{}' (id {})", args.name, d.kind_count),
    };
    let what = format!(
        "{verb} of distributor {}: weight {}, {}, {} ({address})",
        args.distributor,
        kind_args.weight,
        describe_cap(kind_args.max_units_per_participant),
        if kind_args.active { "active" } else { "inactive" }
    );
    let ix = pop_ix::set_kind(
        &args.distributor,
        &args.admin.authority(client)?,
        &rent_payer(client, &args.admin)?,
        kind_args,
    );
    args.admin.send(client, out, ix, &what).await
}

/// Runs an attestor subcommand.
pub async fn run_attestor(client: &Client, out: OutputFormat, command: AttestorCommand) -> Result<()> {
    let (distributor, key, admin, active) = match command {
        AttestorCommand::Add { distributor, key, admin } => (distributor, key, admin, true),
        AttestorCommand::Remove { distributor, key, admin } => (distributor, key, admin, false),
    };
    let d = load_distributor(client, &distributor).await?;
    admin.check_vault(client, &d.admin, "distributor admin")?;
    let existing: Option<Attestor> = maybe(client, &attestor_pda(&distributor, &key).0).await?;
    let is_active = existing.as_ref().is_some_and(|a| a.active);
    if is_active == active {
        bail!(
            "NothingToChange: {key} is already {} attestor of distributor {distributor}; nothing was sent",
            if active { "an active" } else { "not an active" }
        );
    }
    let count = if active { d.attestor_count + 1 } else { d.attestor_count - 1 };
    let mut what = format!(
        "{} attestor {key} of distributor {distributor}: {count} active, quorum {}",
        if active { "add" } else { "remove" },
        d.quorum
    );
    if !active {
        what += " (epochs still voting restart their round)";
    }
    if count < d.quorum {
        what += &format!("\nnote: fewer active attestors ({count}) than the quorum ({}): no root can be proposed until more are added", d.quorum);
    }
    let ix = pop_ix::set_attestor(&distributor, &admin.authority(client)?, &rent_payer(client, &admin)?, &key, active);
    admin.send(client, out, ix, &what).await
}

/// One kind as `kinds` lists it.
#[derive(Serialize)]
struct KindView {
    id: u32,
    name: String,
    address: String,
    weight: u64,
    max_units_per_participant: Option<u64>,
    active: bool,
    updated_at: i64,
}

/// `kinds`.
pub async fn kinds(client: &Client, out: OutputFormat, address: &Pubkey) -> Result<()> {
    load_distributor(client, address).await?;
    let mut found = client
        .program_accounts::<Kind>(&psp_pop::ID, vec![(REGISTRY_DISTRIBUTOR_OFFSET, address.to_bytes().to_vec())])
        .await?;
    found.sort_by_key(|(_, k)| k.id);
    let views: Vec<KindView> = found
        .into_iter()
        .map(|(key, k)| KindView {
            id: k.id,
            name: k.name,
            address: key.to_string(),
            weight: k.weight,
            max_units_per_participant: (k.max_units_per_participant > 0).then_some(k.max_units_per_participant),
            active: k.active,
            updated_at: k.updated_at,
        })
        .collect();
    print(out, &views, || {
        if views.is_empty() {
            return format!(
                "Distributor {address} has no kinds yet (define one with `psp pop kind set {address} NAME --weight W`)"
            );
        }
        let mut text = format!("{:>3}  {:<32} {:>12} {:>12}  {:<8} updated", "id", "name", "weight", "cap", "active");
        for k in &views {
            let cap = k.max_units_per_participant.map_or("-".into(), |c| c.to_string());
            text += &format!(
                "\n{:>3}  {:<32} {:>12} {:>12}  {:<8} {}",
                k.id,
                k.name,
                k.weight,
                cap,
                if k.active { "yes" } else { "no" },
                format_time(k.updated_at)
            );
        }
        text
    });
    Ok(())
}

/// One attestor as `attestors` lists it.
#[derive(Serialize)]
struct AttestorView {
    key: String,
    address: String,
    active: bool,
    added_at: i64,
    votes_cast: u64,
}

/// `attestors`.
pub async fn attestors(client: &Client, out: OutputFormat, address: &Pubkey) -> Result<()> {
    let d = load_distributor(client, address).await?;
    let mut found = client
        .program_accounts::<Attestor>(&psp_pop::ID, vec![(REGISTRY_DISTRIBUTOR_OFFSET, address.to_bytes().to_vec())])
        .await?;
    // Active first, then by key, so the list is stable.
    found.sort_by_key(|(_, a)| (!a.active, a.key.to_string()));
    let views: Vec<AttestorView> = found
        .into_iter()
        .map(|(account, a)| AttestorView {
            key: a.key.to_string(),
            address: account.to_string(),
            active: a.active,
            added_at: a.added_at,
            votes_cast: a.votes_cast,
        })
        .collect();
    print(out, &views, || {
        let mut text = format!("Distributor {address}: {} active attestors, quorum {}", d.attestor_count, d.quorum);
        for a in &views {
            text += &format!(
                "\n  {:<44} {:<8} added {}  {} votes",
                a.key,
                if a.active { "active" } else { "removed" },
                format_time(a.added_at),
                a.votes_cast
            );
        }
        text
    });
    Ok(())
}
