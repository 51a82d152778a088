//! Readiness: the validator is up *and* every PSP program executes.

use std::time::{Duration, Instant};

use anyhow::{bail, Result};
use solana_rpc_client::nonblocking::rpc_client::RpcClient;
use solana_rpc_client_api::config::RpcSimulateTransactionConfig;
use solana_sdk::commitment_config::CommitmentConfig;
use solana_sdk::instruction::{Instruction, InstructionError};
use solana_sdk::pubkey::Pubkey;
use solana_sdk::transaction::{Transaction, TransactionError};

use crate::native::psp_programs;

const POLL: Duration = Duration::from_millis(100);

/// Polls until a transaction into each PSP program executes at `processed` commitment, or fails
/// after `timeout`.
///
/// The probe calls each program with empty instruction data and is only simulated, so nothing
/// lands in the ledger (an indexer backfilling the program would otherwise see it). Anchor
/// rejects empty data with a custom error (`InstructionMissing`): a custom error proves the
/// builtin ran, whereas a missing builtin fails before any program code runs.
pub async fn wait_until_ready(rpc_url: &str, payer: &Pubkey, timeout: Duration) -> Result<()> {
    let client = RpcClient::new_with_commitment(rpc_url.to_string(), CommitmentConfig::processed());
    let deadline = Instant::now() + timeout;
    let mut pending: Vec<_> = psp_programs();
    let mut last = String::from("no answer yet");
    while !pending.is_empty() {
        if Instant::now() > deadline {
            let names: Vec<_> = pending.iter().map(|p| p.name).collect();
            bail!("PSP programs {names:?} not executable after {timeout:?}: {last}");
        }
        let program = pending[0];
        match probe(&client, payer, &program.id).await {
            Ok(()) => {
                tracing::debug!(program = program.name, "program executes");
                pending.remove(0);
                continue;
            }
            Err(err) => last = format!("{}: {err:#}", program.name),
        }
        tokio::time::sleep(POLL).await;
    }
    Ok(())
}

async fn probe(client: &RpcClient, payer: &Pubkey, program_id: &Pubkey) -> Result<()> {
    let instruction = Instruction::new_with_bytes(*program_id, &[], vec![]);
    let transaction = Transaction::new_with_payer(&[instruction], Some(payer));
    let config = RpcSimulateTransactionConfig {
        sig_verify: false,
        replace_recent_blockhash: true,
        commitment: Some(CommitmentConfig::processed()),
        ..RpcSimulateTransactionConfig::default()
    };
    let result = client.simulate_transaction_with_config(&transaction, config).await?.value;
    match result.err {
        Some(TransactionError::InstructionError(0, InstructionError::Custom(_))) => Ok(()),
        other => bail!("probe returned {other:?}, logs {:?}", result.logs),
    }
}
