//! `psp multisig show` and `psp multisig proposals`.
use anchor_lang::Discriminator;
use anyhow::Result;
use clap::Args;
use psp_multisig::state::{ConfigTransaction, Proposal};
use psp_sdk::amounts::format_amount;
use psp_sdk::multisig::{self as ms, decode_account, format_permissions, proposal_state, ProposalState};
use serde::Serialize;
use solana_sdk::pubkey::Pubkey;

use super::ops;
use crate::client::Client;
use crate::cluster::{parse_pubkey, OutputFormat};
use crate::output::print;

#[derive(Serialize)]
struct MemberView {
    key: String,
    permissions: String,
}

#[derive(Serialize)]
struct TokenBalanceView {
    mint: String,
    account: String,
    amount: String,
}

#[derive(Serialize)]
struct MultisigView {
    address: String,
    threshold: u16,
    time_lock: u32,
    config_authority: Option<String>,
    rent_collector: Option<String>,
    transaction_index: u64,
    stale_transaction_index: u64,
    paused: u8,
    vault: String,
    vault_lamports: u64,
    vault_tokens: Vec<TokenBalanceView>,
    members: Vec<MemberView>,
}

/// Token accounts of `owner` under SPL Token and Token-2022, with UI amounts.
async fn token_balances(client: &Client, owner: &Pubkey) -> Result<Vec<TokenBalanceView>> {
    use solana_account_decoder_client_types::UiAccountData;
    use solana_rpc_client_api::request::TokenAccountsFilter;
    let mut out = Vec::new();
    for program in [anchor_spl::token::ID, anchor_spl::token_2022::ID] {
        let accounts = client.rpc.get_token_accounts_by_owner(owner, TokenAccountsFilter::ProgramId(program)).await?;
        for keyed in accounts {
            let UiAccountData::Json(parsed) = keyed.account.data else { continue };
            let info = &parsed.parsed["info"];
            out.push(TokenBalanceView {
                mint: info["mint"].as_str().unwrap_or_default().to_string(),
                account: keyed.pubkey,
                amount: info["tokenAmount"]["uiAmountString"].as_str().unwrap_or_default().to_string(),
            });
        }
    }
    Ok(out)
}

/// Prints a multisig.
pub async fn show(client: &Client, out: OutputFormat, address: &Pubkey) -> Result<()> {
    let m = ops::multisig(client, address).await?;
    let vault = ms::vault_pda(address, 0).0;
    let view = MultisigView {
        address: address.to_string(),
        threshold: m.threshold,
        time_lock: m.time_lock,
        config_authority: (!m.is_autonomous()).then(|| m.config_authority.to_string()),
        rent_collector: m.rent_collector.map(|k| k.to_string()),
        transaction_index: m.transaction_index,
        stale_transaction_index: m.stale_transaction_index,
        paused: m.paused,
        vault: vault.to_string(),
        vault_lamports: client.rpc.get_balance(&vault).await?,
        vault_tokens: token_balances(client, &vault).await?,
        members: m
            .members
            .iter()
            .map(|x| MemberView { key: x.key.to_string(), permissions: format_permissions(x.permissions) })
            .collect(),
    };
    print(out, &view, || {
        let mut s = format!(
            "Multisig {}\n  threshold {} of {} voters, time lock {}s, {}\n  transactions: {} (stale up to {}), paused flags: {}\n  rent collector: {}\n  vault 0: {} ({} SOL)",
            view.address,
            m.threshold,
            m.voter_count(),
            m.time_lock,
            view.config_authority.as_ref().map_or("autonomous".to_string(), |a| format!("config authority {a}")),
            m.transaction_index,
            m.stale_transaction_index,
            m.paused,
            view.rent_collector.as_deref().unwrap_or("none"),
            view.vault,
            format_amount(view.vault_lamports, 9),
        );
        for token in &view.vault_tokens {
            s.push_str(&format!("\n    {} of mint {}", token.amount, token.mint));
        }
        s.push_str("\n  members:");
        for member in &view.members {
            s.push_str(&format!("\n    {} {}", member.permissions, member.key));
        }
        s
    });
    Ok(())
}

/// Arguments of `psp multisig proposals`.
#[derive(Args, Debug)]
pub struct ProposalsArgs {
    /// Multisig address.
    #[arg(value_parser = parse_pubkey)]
    pub multisig: Pubkey,
    /// How many of the most recent transactions to list.
    #[arg(long, default_value_t = 20)]
    pub limit: u64,
}

#[derive(Serialize)]
struct ProposalView {
    index: u64,
    kind: &'static str,
    #[serde(flatten)]
    state: ProposalState,
    approvals: usize,
    rejections: usize,
    cancellations: usize,
}

/// Lists recent proposals with their derived state.
pub async fn proposals(client: &Client, out: OutputFormat, args: ProposalsArgs) -> Result<()> {
    let m = ops::multisig(client, &args.multisig).await?;
    let first = m.transaction_index.saturating_sub(args.limit.saturating_sub(1)).max(1);
    let indexes: Vec<u64> = (first..=m.transaction_index).rev().collect();
    let mut views = Vec::new();
    for chunk in indexes.chunks(50) {
        let keys: Vec<Pubkey> = chunk
            .iter()
            .flat_map(|i| [ms::proposal_pda(&args.multisig, *i).0, ms::transaction_pda(&args.multisig, *i).0])
            .collect();
        let accounts = client.rpc.get_multiple_accounts(&keys).await?;
        for (i, pair) in chunk.iter().zip(accounts.chunks(2)) {
            let (Some(p), Some(t)) = (&pair[0], &pair[1]) else { continue };
            let Some(proposal) = decode_account::<Proposal>(&p.data) else { continue };
            let is_config = t.data.starts_with(ConfigTransaction::DISCRIMINATOR);
            views.push(ProposalView {
                index: *i,
                kind: if is_config { "config" } else { "vault" },
                state: proposal_state(&proposal, &m, is_config),
                approvals: proposal.approvals(),
                rejections: proposal.rejections(),
                // Cancel votes cast before the last config change no longer count.
                cancellations: proposal.live_cancellations(m.config_generation),
            });
        }
    }
    print(out, &views, || {
        if views.is_empty() {
            return "No open or unclosed proposals.".to_string();
        }
        let mut s = format!(
            "{:>6}  {:<7} {:<28} {:>9} {:>9} {:>7}",
            "index", "kind", "state", "approvals", "rejected", "cancel"
        );
        for v in &views {
            let state = match v.state {
                ProposalState::Approved { executable_at } => format!("approved (exec at {executable_at})"),
                other => format!("{other:?}").to_lowercase(),
            };
            s.push_str(&format!(
                "\n{:>6}  {:<7} {:<28} {:>5}/{:<3} {:>9} {:>7}",
                v.index, v.kind, state, v.approvals, m.threshold, v.rejections, v.cancellations
            ));
        }
        s
    });
    Ok(())
}
