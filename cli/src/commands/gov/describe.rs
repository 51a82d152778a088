//! Describing a proposal's stored instructions for people: the program's name when known, and
//! what the instructions proposals usually carry do (SOL and token transfers, staking and
//! governance settings).
use anchor_lang::Discriminator;
use psp_governance::state::ProposalInstruction;
use solana_sdk::pubkey::Pubkey;

/// Names of programs a proposal commonly calls.
pub fn program_name(id: &Pubkey) -> Option<&'static str> {
    [
        (solana_sdk::system_program::ID, "system"),
        (anchor_spl::token::ID, "spl-token"),
        (anchor_spl::token_2022::ID, "token-2022"),
        (anchor_spl::associated_token::ID, "associated-token"),
        (psp_staking::ID, "psp-staking"),
        (psp_governance::ID, "psp-governance"),
        (psp_multisig::ID, "psp-multisig"),
        (psp_timelock::ID, "psp-timelock"),
        (psp_pop::ID, "psp-pop"),
    ]
    .iter()
    .find(|(k, _)| k == id)
    .map(|(_, n)| *n)
}

/// What a stored instruction does, for the ones proposals usually carry.
pub fn summary(ix: &ProposalInstruction) -> Option<String> {
    let key = |i: usize| ix.accounts.get(i).map(|a| a.pubkey.to_string()).unwrap_or_default();
    let d = &ix.data;
    if ix.program_id == solana_sdk::system_program::ID && d.len() == 12 && d[..4] == [2, 0, 0, 0] {
        let lamports = u64::from_le_bytes(d[4..12].try_into().ok()?);
        return Some(format!(
            "transfer {} SOL from {} to {}",
            psp_sdk::amounts::format_amount(lamports, 9),
            key(0),
            key(1)
        ));
    }
    if (ix.program_id == anchor_spl::token::ID || ix.program_id == anchor_spl::token_2022::ID)
        && d.len() == 10
        && d[0] == 12
    {
        let amount = u64::from_le_bytes(d[1..9].try_into().ok()?);
        return Some(format!(
            "transfer {} of mint {} to token account {}",
            psp_sdk::amounts::format_amount(amount, d[9]),
            key(1),
            key(2)
        ));
    }
    let anchor: &[(&Pubkey, &[u8], &str)] = &[
        (&psp_staking::ID, psp_staking::instruction::AcceptAdmin::DISCRIMINATOR, "staking accept_admin"),
        (&psp_staking::ID, psp_staking::instruction::ProposeAdmin::DISCRIMINATOR, "staking propose_admin"),
        (&psp_staking::ID, psp_staking::instruction::SetStream::DISCRIMINATOR, "staking set_stream"),
        (&psp_staking::ID, psp_staking::instruction::SetPoolConfig::DISCRIMINATOR, "staking set_pool_config"),
        (&psp_staking::ID, psp_staking::instruction::SetPause::DISCRIMINATOR, "staking set_pause"),
        (
            &psp_governance::ID,
            psp_governance::instruction::SetRealmConfig::DISCRIMINATOR,
            "governance set_realm_config",
        ),
        (&psp_governance::ID, psp_governance::instruction::SetPause::DISCRIMINATOR, "governance set_pause"),
    ];
    let (_, _, name) = anchor.iter().find(|(p, disc, _)| **p == ix.program_id && d.starts_with(disc))?;
    Some(match *name {
        "staking set_stream" => {
            let args: (u8, psp_staking::SetStreamArgs) =
                anchor_lang::AnchorDeserialize::try_from_slice(&d[8..]).ok()?;
            let rate = args.1.rate_per_second.map_or(String::new(), |r| format!(" rate {r} base units/s"));
            format!("{name} of stream {} of pool {}{rate}", args.0, key(0))
        }
        _ => format!("{name} on {}", key(0)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use psp_staking::SetStreamArgs;

    #[test]
    fn summaries() {
        let (treasury, to, pool) = (Pubkey::new_unique(), Pubkey::new_unique(), Pubkey::new_unique());
        #[allow(deprecated)]
        let transfer =
            psp_sdk::governance::stored(&solana_sdk::system_instruction::transfer(&treasury, &to, 1_500_000_000));
        assert_eq!(summary(&transfer), Some(format!("transfer 1.5 SOL from {treasury} to {to}")));
        let args = SetStreamArgs { rate_per_second: Some(7), outflow_cap: None };
        let set = psp_sdk::governance::stored(&psp_sdk::staking::set_stream(&pool, &treasury, 1, args));
        assert_eq!(summary(&set), Some(format!("staking set_stream of stream 1 of pool {pool} rate 7 base units/s")));
        assert_eq!(program_name(&psp_staking::ID), Some("psp-staking"));
        let unknown = ProposalInstruction { program_id: Pubkey::new_unique(), accounts: vec![], data: vec![1] };
        assert_eq!((summary(&unknown), program_name(&unknown.program_id)), (None, None));
    }
}
