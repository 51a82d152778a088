//! The instructions a proposal asks the treasury to run, built from command-line sources: SOL
//! and token transfers out of the treasury, a reward stream's rate, accepting the pool's admin
//! role, and any instruction from a JSON file. Each is checked before anything is sent.
use std::path::Path;

use anchor_spl::token_2022::spl_token_2022;
use anyhow::{bail, Context, Result};
use psp_sdk::staking as st;
use psp_staking::SetStreamArgs;
use solana_sdk::instruction::Instruction;
use solana_sdk::pubkey::Pubkey;

use super::LoadedRealm;
use crate::client::Client;
use crate::commands::common::mint_info;
use crate::commands::staking::stream_at;

/// A system transfer of `lamports` from the realm's treasury to `to`.
pub fn transfer_sol(l: &LoadedRealm, to: &Pubkey, lamports: u64) -> Instruction {
    #[allow(deprecated)]
    solana_sdk::system_instruction::transfer(&l.realm.treasury, to, lamports)
}

/// A `transfer_checked` of `amount` (UI units) of `mint` from the treasury's associated token
/// account to `owner`'s, which must exist (the treasury pays no rent); returns the instruction
/// and notes for the proposer (e.g. the treasury's account is missing or holds too little now).
pub async fn transfer_token(
    client: &Client,
    l: &LoadedRealm,
    mint: &Pubkey,
    owner: &Pubkey,
    amount: &str,
) -> Result<(Instruction, Vec<String>)> {
    let info = mint_info(client, mint).await?;
    let base_units = info.parse(amount)?;
    let treasury = l.realm.treasury;
    let (source, destination) = (info.ata(&treasury, mint), info.ata(owner, mint));
    if client.data(&destination).await?.is_none() {
        bail!(
            "{owner} has no associated token account for mint {mint} ({destination}); the treasury pays no rent, so create it first (e.g. `spl-token create-account {mint} --owner {owner}`); nothing was sent"
        );
    }
    let mut notes = Vec::new();
    let held = match client.rpc.get_token_account_balance(&source).await {
        Ok(b) => Some(b.amount.parse::<u64>().unwrap_or(0)),
        Err(_) => None,
    };
    match held {
        None => {
            notes.push(format!("the treasury has no token account for {mint} yet ({source}): fund it before execution"))
        }
        Some(have) if have < base_units => notes.push(format!(
            "the treasury holds {} of {mint} now, {} will be needed at execution",
            info.format(have),
            info.format(base_units)
        )),
        Some(_) => {}
    }
    let ix = spl_token_2022::instruction::transfer_checked(
        &info.token_program,
        &source,
        mint,
        &destination,
        &treasury,
        &[],
        base_units,
        info.decimals,
    )?;
    Ok((ix, notes))
}

/// `accept_admin` of the realm's pool by its treasury: the pool must have proposed the treasury
/// as its admin (`psp staking pool propose-admin POOL TREASURY`).
pub fn accept_pool_admin(l: &LoadedRealm) -> Result<Instruction> {
    let treasury = l.realm.treasury;
    if l.pool.pending_admin != Some(treasury) {
        bail!(
            "the pool {} has not proposed the treasury {treasury} as admin (pending: {}); its admin runs `psp staking pool propose-admin {} {treasury}` first; nothing was sent",
            l.realm.pool,
            l.pool.pending_admin.map_or("none".into(), |k| k.to_string()),
            l.realm.pool
        );
    }
    Ok(st::accept_admin(&l.realm.pool, &treasury))
}

/// `set_stream` of the realm's pool setting stream `index` to `rate` (UI units of its reward
/// mint per second), signed by the treasury, which must be the pool's admin when the proposal
/// executes (already, or by an `accept_admin` earlier in the same proposal: `accepting`).
pub async fn set_stream_rate(
    client: &Client,
    l: &LoadedRealm,
    index: u8,
    rate: &str,
    accepting: bool,
) -> Result<Instruction> {
    let treasury = l.realm.treasury;
    if l.pool.admin != treasury && !(accepting && l.pool.pending_admin == Some(treasury)) {
        bail!(
            "the admin of pool {} is {}, not the realm's treasury {treasury}, so a proposal cannot set its streams; hand it over with `psp staking pool propose-admin {} {treasury}` and add --accept-pool-admin; nothing was sent",
            l.realm.pool,
            l.pool.admin,
            l.realm.pool
        );
    }
    let stream = stream_at(&l.pool, index)?;
    let info = mint_info(client, &stream.reward_mint).await?;
    let rate = info.parse(rate)?;
    Ok(st::set_stream(
        &l.realm.pool,
        &treasury,
        index,
        SetStreamArgs { rate_per_second: Some(rate), outflow_cap: None },
    ))
}

/// Parses an instructions file: `[{"program_id", "accounts": [{"pubkey", "is_signer",
/// "is_writable"}], "data": base64}]` (the format of `psp multisig propose-raw`); only
/// `treasury` may sign.
pub fn parse_instructions_file(text: &str, treasury: &Pubkey) -> Result<Vec<Instruction>> {
    let instructions = crate::commands::multisig::parse_raw_instructions(text)?;
    for (i, ix) in instructions.iter().enumerate() {
        if let Some(signer) = psp_sdk::governance::foreign_signer(std::slice::from_ref(ix), treasury) {
            bail!("SignerNotTreasury: instruction {i}: {signer} is marked as a signer, but only the treasury {treasury} can sign an executed proposal (an executor's signature is never passed on)");
        }
    }
    Ok(instructions)
}

/// Reads and parses an instructions file (see [`parse_instructions_file`]).
pub fn read_instructions_file(path: &Path, treasury: &Pubkey) -> Result<Vec<Instruction>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    parse_instructions_file(&text, treasury).with_context(|| format!("in {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instructions_file() {
        let (treasury, other, program) = (Pubkey::new_unique(), Pubkey::new_unique(), Pubkey::new_unique());
        let text = format!(
            r#"[{{"program_id": "{program}", "accounts": [{{"pubkey": "{treasury}", "is_signer": true, "is_writable": true}}, {{"pubkey": "{other}"}}], "data": "AQI="}}]"#
        );
        let ixs = parse_instructions_file(&text, &treasury).unwrap();
        assert_eq!(ixs.len(), 1);
        assert_eq!(ixs[0].data, vec![1, 2]);
        assert!(ixs[0].accounts[0].is_signer && !ixs[0].accounts[1].is_writable);
        let bad =
            text.replace(&format!(r#""pubkey": "{other}""#), &format!(r#""pubkey": "{other}", "is_signer": true"#));
        assert!(parse_instructions_file(&bad, &treasury).unwrap_err().to_string().contains("only the treasury"));
        assert!(parse_instructions_file("{}", &treasury).is_err());
    }
}
