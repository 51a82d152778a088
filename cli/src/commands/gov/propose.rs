//! `psp gov propose | start`: a draft with its title, description link and hash, the instruction
//! list appended in chunks, and the vote started with the proposer's position. Everything is
//! checked before the first transaction; a small proposal goes out as one transaction.
use std::path::PathBuf;

use anchor_lang::AnchorSerialize;
use anyhow::{anyhow, bail, Context, Result};
use clap::{ArgGroup, Args};
use psp_governance::constants::{MAX_INSTRUCTIONS_BYTES, MAX_LINK_LEN, MAX_TITLE_LEN};
use psp_governance::state::{pause, Proposal, ProposalInstruction, ProposalInstructions, ProposalState};
use psp_sdk::governance as gov;
use serde_json::json;
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::signature::{Signature, Signer};

use super::{ensure_not_paused, load_proposal, load_realm, no_power_reason, sources, LoadedRealm, ProposalTarget};
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::commands::common::{cluster_now, done};
use crate::commands::staking::{format_weight, load_position};
use crate::commands::time::describe_time;
use psp_sdk::quote::quote;

/// Arguments of `psp gov propose`. Instruction sources run in this order: accept the pool's
/// admin role, set a stream's rate, transfer SOL, transfer tokens, then the file's; with none
/// it is a signalling proposal.
#[derive(Args, Debug)]
#[command(group(ArgGroup::new("description").args(["description_file", "hash"])))]
pub struct ProposeArgs {
    /// Realm address.
    #[arg(value_parser = parse_pubkey)]
    pub realm: Pubkey,
    /// Title (at most 80 bytes).
    #[arg(long)]
    pub title: String,
    /// Link to the full description (at most 200 bytes).
    #[arg(long)]
    pub link: String,
    /// The description document: its SHA-256 is recorded so the link cannot change what is voted on.
    #[arg(long)]
    pub description_file: Option<PathBuf>,
    /// SHA-256 of the description document (64 hex digits) instead of --description-file.
    #[arg(long, value_parser = parse_hash)]
    pub hash: Option<[u8; 32]>,
    /// Your staking position (index) in the realm's pool that meets the minimum power to propose.
    #[arg(long, default_value_t = 0)]
    pub position: u32,
    /// Transfer this much SOL from the treasury to --to.
    #[arg(long, requires = "to")]
    pub transfer_sol: Option<String>,
    /// Transfer this much of --mint (UI units) from the treasury's token account to --to's
    /// associated token account (which must exist).
    #[arg(long, requires_all = ["mint", "to"])]
    pub transfer_token: Option<String>,
    /// Mint of --transfer-token.
    #[arg(long, value_parser = parse_pubkey, requires = "transfer_token")]
    pub mint: Option<Pubkey>,
    /// Recipient of --transfer-sol / owner of the destination of --transfer-token.
    #[arg(long, value_parser = parse_pubkey)]
    pub to: Option<Pubkey>,
    /// Set reward stream --stream of the realm's pool to this rate (UI units per second; the
    /// pool's admin must be the treasury).
    #[arg(long, requires = "stream")]
    pub set_stream_rate: Option<String>,
    /// Stream index of --set-stream-rate.
    #[arg(long, requires = "set_stream_rate")]
    pub stream: Option<u8>,
    /// Have the treasury accept the pool's admin role first (after `psp staking pool
    /// propose-admin POOL TREASURY`).
    #[arg(long)]
    pub accept_pool_admin: bool,
    /// More instructions: a JSON list of {"program_id", "accounts": [{"pubkey", "is_signer",
    /// "is_writable"}], "data": base64}; only the treasury may sign.
    #[arg(long)]
    pub instructions_file: Option<PathBuf>,
    /// Leave it a draft (start the vote later with `psp gov start`).
    #[arg(long)]
    pub draft: bool,
}

/// Parses a SHA-256 as 64 hex digits.
pub fn parse_hash(text: &str) -> Result<[u8; 32], String> {
    psp_sdk::pop::codec::from_hex(text.trim().trim_start_matches("0x"))
        .map_err(|e| format!("{} is not a SHA-256 (64 hex digits): {e}", quote(text)))
}

/// What to propose.
pub struct ProposalDraft {
    /// Title (at most 80 bytes).
    pub title: String,
    /// Description link (at most 200 bytes).
    pub link: String,
    /// SHA-256 of the description document.
    pub description_hash: [u8; 32],
    /// The proposer's position index in the realm's pool (for starting the vote).
    pub position: u32,
    /// Instructions the treasury runs if it passes (empty: signalling).
    pub instructions: Vec<Instruction>,
    /// Leave it a draft.
    pub draft: bool,
}

/// A sent proposal.
pub struct Proposed {
    /// Its address.
    pub address: Pubkey,
    /// Its index in the realm.
    pub index: u64,
    /// Its state after sending.
    pub proposal: Proposal,
    /// Bytes of its serialized instruction list.
    pub bytes: usize,
    /// Transactions sent.
    pub transactions: usize,
    /// The last transaction.
    pub signature: Signature,
}

/// Checks that position `index` of the signer has the realm's minimum power for a vote
/// starting now; returns its address.
async fn check_power(client: &Client, l: &LoadedRealm, index: u32) -> Result<Pubkey> {
    let me = client.payer()?.pubkey();
    let (address, position) = load_position(client, &l.realm.pool, &me, index)
        .await
        .map_err(|e| anyhow!("{e}: proposing needs a locked position in the realm's pool (`psp staking stake {} --lock ...`); nothing was sent", l.realm.pool))?;
    let ends = l.now + l.realm.config.voting_period;
    let power = psp_sdk::staking::voting_power(&position, &l.pool, l.now, ends);
    let min = l.realm.config.min_power_to_propose;
    if power == 0 || power < min {
        let why = if power == 0 {
            format!(" ({})", no_power_reason(&position, l.pool.min_voting_lockup, ends))
        } else {
            String::new()
        };
        bail!(
            "NotEnoughPowerToPropose: position {index} has voting power {} for a vote ending {}{why}; the realm requires {}; nothing was sent",
            format_weight(power, l.stake.decimals),
            describe_time(ends, l.now),
            format_weight(min.max(1), l.stake.decimals)
        );
    }
    Ok(address)
}

/// Creates proposal `realm.proposal_count`, appends `d.instructions` in chunks (one
/// transaction each) and starts the vote with the signer's position `d.position` (unless
/// `d.draft`). Everything is checked first; when all of it fits one transaction it is sent as one.
pub async fn propose(client: &Client, l: &LoadedRealm, d: &ProposalDraft) -> Result<Proposed> {
    if d.title.len() > MAX_TITLE_LEN || d.link.len() > MAX_LINK_LEN {
        bail!("TextTooLong: the title is {} bytes (at most {MAX_TITLE_LEN}), the link {} (at most {MAX_LINK_LEN}); nothing was sent", d.title.len(), d.link.len());
    }
    ensure_not_paused(l, pause::PROPOSE, "proposing")?;
    let list: Vec<ProposalInstruction> = d.instructions.iter().map(gov::stored).collect();
    let bytes = if list.is_empty() { 0 } else { list.try_to_vec()?.len() };
    if bytes > MAX_INSTRUCTIONS_BYTES {
        bail!("InstructionsTooLarge: the instruction list is {bytes} bytes, at most {MAX_INSTRUCTIONS_BYTES}; nothing was sent");
    }
    if let Some(signer) = gov::foreign_signer(&d.instructions, &l.realm.treasury) {
        bail!("SignerNotTreasury: {signer} is marked as a signer, but only the treasury {} can sign a proposal's instructions; nothing was sent", l.realm.treasury);
    }
    let me = client.payer()?.pubkey();
    let position = if d.draft { None } else { Some(check_power(client, l, d.position).await?) };
    let (realm, index) = (l.address, l.realm.proposal_count);
    let (create, address) = gov::create_proposal(&realm, index, &me, &me, &d.title, &d.link, d.description_hash);
    let appends = if d.instructions.is_empty() {
        vec![]
    } else {
        gov::append_instructions(&realm, index, &me, &me, &d.instructions)
    };
    let start = position.map(|p| gov::start_voting(&realm, index, &l.realm.pool, &p, &me));
    let mut all = vec![create.clone()];
    all.extend(appends.iter().cloned());
    all.extend(start.clone());
    let (signature, transactions) = if !crate::lookup::too_large(&me, &all) {
        (client.send(&all, &[]).await?, 1)
    } else {
        let mut signature = client.send(&[create], &[]).await?;
        let cancel = format!("draft {index} ({address}) was created; finish it with `psp gov start {realm} {index}` or cancel it with `psp gov cancel {realm} {index}`");
        for (i, append) in appends.iter().enumerate() {
            signature = client
                .send(std::slice::from_ref(append), &[])
                .await
                .with_context(|| format!("appending chunk {} of {}: {cancel}", i + 1, appends.len()))?;
        }
        if let Some(start) = start {
            signature = client.send(&[start], &[]).await.with_context(|| format!("starting the vote: {cancel}"))?;
        }
        (signature, 2 + appends.len())
    };
    let proposal = client.account(&address, "governance proposal").await?;
    Ok(Proposed { address, index, proposal, bytes, transactions, signature })
}

/// Prints a proposal after `propose` or `start`.
fn report(out: OutputFormat, l: &LoadedRealm, p: &Proposed, notes: &[String], now: i64) {
    let q = &p.proposal;
    let voting = q.state == ProposalState::Voting;
    let value = json!({
        "realm": l.address.to_string(),
        "proposal": p.address.to_string(),
        "index": p.index,
        "state": super::state_name(q.state),
        "voting_ends_at": voting.then_some(q.voting_ends_at),
        "instructions": if voting { u64::from(q.instruction_count) } else { 0 },
        "bytes": p.bytes,
        "transactions": p.transactions,
        "notes": notes,
    });
    let mut text = format!("Proposal {} ({}) in realm {}: \"{}\"", p.index, p.address, l.address, q.title);
    if voting {
        text += &format!(
            "\n  vote open until {} ({} instruction(s), {} bytes; quorum {} of {} total power)",
            describe_time(q.voting_ends_at, now),
            q.instruction_count,
            p.bytes,
            format_weight(q.quorum_power, l.stake.decimals),
            format_weight(q.total_power, l.stake.decimals)
        );
        text += &format!("\n  vote with `psp gov vote {} {} yes|no|abstain`", l.address, p.index);
    } else {
        text += &format!(
            "\n  draft ({} bytes of instructions); start the vote with `psp gov start {} {} --position N`",
            p.bytes, l.address, p.index
        );
    }
    for note in notes {
        text += &format!("\n  note: {note}");
    }
    done(out, value, text, &p.signature);
}

/// `propose`.
pub async fn run(client: &Client, out: OutputFormat, args: ProposeArgs) -> Result<()> {
    let l = load_realm(client, &args.realm).await?;
    let description_hash = match (&args.description_file, args.hash) {
        (Some(path), _) => {
            let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            solana_sdk::hash::hash(&bytes).to_bytes()
        }
        (None, Some(hash)) => hash,
        (None, None) => [0; 32],
    };
    let mut instructions = Vec::new();
    let mut notes = Vec::new();
    if args.accept_pool_admin {
        instructions.push(sources::accept_pool_admin(&l)?);
    }
    if let (Some(rate), Some(stream)) = (&args.set_stream_rate, args.stream) {
        instructions.push(sources::set_stream_rate(client, &l, stream, rate, args.accept_pool_admin).await?);
    }
    if let Some(amount) = &args.transfer_sol {
        let to = args.to.ok_or_else(|| anyhow!("--transfer-sol needs --to"))?;
        let lamports = psp_sdk::amounts::parse_amount(amount, 9).map_err(|e| anyhow!("--transfer-sol: {e}"))?;
        let held = client.rpc.get_balance(&l.realm.treasury).await?;
        if held < lamports {
            notes.push(format!(
                "the treasury holds {} SOL now, {amount} will be needed at execution",
                psp_sdk::amounts::format_amount(held, 9)
            ));
        }
        instructions.push(sources::transfer_sol(&l, &to, lamports));
    }
    if let (Some(amount), Some(mint), Some(to)) = (&args.transfer_token, args.mint, args.to) {
        let (ix, more) = sources::transfer_token(client, &l, &mint, &to, amount).await?;
        instructions.push(ix);
        notes.extend(more);
    }
    if let Some(path) = &args.instructions_file {
        instructions.extend(sources::read_instructions_file(path, &l.realm.treasury)?);
    }
    let draft = ProposalDraft {
        title: args.title,
        link: args.link,
        description_hash,
        position: args.position,
        instructions,
        draft: args.draft,
    };
    let proposed = propose(client, &l, &draft).await?;
    report(out, &l, &proposed, &notes, cluster_now(client).await?);
    Ok(())
}

/// `start`: opens the vote of the signer's draft.
pub async fn start(client: &Client, out: OutputFormat, target: &ProposalTarget, position: u32) -> Result<()> {
    let l = load_realm(client, &target.realm).await?;
    let (address, proposal) = load_proposal(client, &l.address, l.realm.proposal_count, target.index).await?;
    let me = client.payer()?.pubkey();
    if proposal.state != ProposalState::Draft {
        bail!(
            "NotDraft: proposal {} is {}, not a draft; nothing was sent",
            target.index,
            super::state_name(proposal.state)
        );
    }
    if proposal.proposer != me {
        bail!("Unauthorized: only the proposer ({}) can start the vote; nothing was sent", proposal.proposer);
    }
    ensure_not_paused(&l, pause::PROPOSE, "starting votes")?;
    let stored: ProposalInstructions =
        client.account(&gov::instructions_pda(&address).0, "proposal instruction list").await?;
    if super::decode_instructions(&stored.data).is_err() {
        bail!("InvalidInstructions: the appended bytes of proposal {} do not form a valid instruction list (an interrupted append?); cancel it and propose again; nothing was sent", target.index);
    }
    let position = check_power(client, &l, position).await?;
    let signature =
        client.send(&[gov::start_voting(&l.address, target.index, &l.realm.pool, &position, &me)], &[]).await?;
    let bytes = stored.data.len();
    let proposal = client.account(&address, "governance proposal").await?;
    report(
        out,
        &l,
        &Proposed { address, index: target.index, proposal, bytes, transactions: 1, signature },
        &[],
        cluster_now(client).await?,
    );
    Ok(())
}
