//! [`TestEnv`]: a program-test bank with every PSP program loaded natively.
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_lang::{AccountDeserialize, AnchorDeserialize, Discriminator};
use psp_localnet::native::{install_syscall_stubs, psp_programs, EventCpiLogging};
use psp_sdk::decoder::{decode_transaction, DecodedTransaction, EventForm, TransactionView};
use psp_sdk::events::decode_event;
use solana_program_test::{ProgramTest, ProgramTestContext};
use solana_sdk::clock::Clock;
use solana_sdk::compute_budget::ComputeBudgetInstruction;
use solana_sdk::instruction::InstructionError;
use solana_sdk::message::{v0, AddressLookupTableAccount, VersionedMessage};
use solana_sdk::signature::{Keypair, Signer};
#[allow(deprecated)]
use solana_sdk::system_instruction;
use solana_sdk::transaction::{Transaction, TransactionError, VersionedTransaction};

/// A running bank with every PSP program, plus helpers.
pub struct TestEnv {
    /// The program-test context (banks client, payer, sysvars).
    pub ctx: ProgramTestContext,
    nonce: u32,
}

/// What a successful transaction left behind.
#[derive(Debug, Clone, Default)]
pub struct TxOutput {
    /// Transaction log lines.
    pub logs: Vec<String>,
    /// Program id of each top-level instruction (for the decoder).
    pub programs: Vec<Pubkey>,
}

/// A failed transaction: the error and the logs up to the failure.
#[derive(Debug, Clone)]
pub struct TxFailure {
    /// The runtime's error.
    pub error: TransactionError,
    /// Transaction log lines.
    pub logs: Vec<String>,
    /// Program id of each top-level instruction (for the decoder).
    pub programs: Vec<Pubkey>,
}

impl TxFailure {
    /// The custom program error code, if the failure was one.
    pub fn custom_code(&self) -> Option<u32> {
        match &self.error {
            TransactionError::InstructionError(_, InstructionError::Custom(code)) => Some(*code),
            _ => None,
        }
    }

    /// Every PSP event the failed transaction logged before it failed (the sdk's decoder).
    pub fn decoded(&self) -> DecodedTransaction {
        decode(&self.programs, &self.logs)
    }

    /// Every `emit!` event `E` that `program_id` logged before the failure.
    pub fn events<E: AnchorDeserialize + Discriminator>(&self, program_id: &Pubkey) -> Vec<E> {
        of_form(&self.decoded(), EventForm::Log, Some(program_id))
    }
}

impl TxOutput {
    /// Every PSP event of the transaction, decoded by the sdk's decoder (program-test records no
    /// inner instructions; the harness's stubs log each `emit_cpi!` as a `Program cpi-event:` line,
    /// which the decoder reads in their place).
    pub fn decoded(&self) -> DecodedTransaction {
        decode(&self.programs, &self.logs)
    }

    /// Every `emit!` event `E` logged by `program_id`.
    pub fn events<E: AnchorDeserialize + Discriminator>(&self, program_id: &Pubkey) -> Vec<E> {
        of_form(&self.decoded(), EventForm::Log, Some(program_id))
    }

    /// Every `emit_cpi!` event `E`, whichever PSP program emitted it.
    pub fn cpi_events<E: AnchorDeserialize + Discriminator>(&self) -> Vec<E> {
        of_form(&self.decoded(), EventForm::Cpi, None)
    }
}

fn decode(programs: &[Pubkey], logs: &[String]) -> DecodedTransaction {
    decode_transaction(&TransactionView { programs: programs.to_vec(), inner: None, logs: logs.to_vec() })
}

/// The events `E` of `form` (of `program_id`, if given), in execution order.
fn of_form<E: AnchorDeserialize + Discriminator>(
    tx: &DecodedTransaction,
    form: EventForm,
    program_id: Option<&Pubkey>,
) -> Vec<E> {
    tx.events
        .iter()
        .filter(|e| e.position.form == form && program_id.is_none_or(|p| *p == e.position.program_id))
        .filter_map(|e| decode_event(&e.payload))
        .collect()
}

impl TestEnv {
    /// Starts a bank with every PSP program hosted natively.
    pub async fn start() -> Self {
        Self::start_with(&[]).await
    }

    /// Starts a bank with the named PSP programs (e.g. `["psp_multisig"]`); empty means all.
    pub async fn start_with(names: &[&str]) -> Self {
        let mut program_test = ProgramTest::default();
        program_test.prefer_bpf(false);
        for program in psp_programs().into_iter().filter(|p| names.is_empty() || names.contains(&p.name)) {
            program_test.add_builtin_program(program.name, program.id, program.builtin);
        }
        let ctx = program_test.start_with_context().await;
        // ProgramTest turns on debug logging for every instruction; keep test output readable
        // (RUST_LOG still overrides).
        solana_logger::setup_with_default("error");
        // program-test installed its syscall stubs while starting; wrap them for event capture.
        install_syscall_stubs(EventCpiLogging::RecordInLogs);
        Self { ctx, nonce: 0 }
    }

    /// The funded fee payer.
    pub fn payer(&self) -> Keypair {
        self.ctx.payer.insecure_clone()
    }

    /// Signs with the payer and `signers` and processes `instructions` atomically.
    pub async fn send(&mut self, instructions: &[Instruction], signers: &[&Keypair]) -> Result<TxOutput, TxFailure> {
        self.send_with_tables(instructions, signers, &[]).await
    }

    /// Like [`TestEnv::send`], as a v0 transaction loading accounts from lookup `tables`
    /// (legacy when `tables` is empty). Needed past ~35 accounts, as on a real cluster.
    pub async fn send_with_tables(
        &mut self,
        instructions: &[Instruction],
        signers: &[&Keypair],
        tables: &[AddressLookupTableAccount],
    ) -> Result<TxOutput, TxFailure> {
        // A distinct compute-unit limit per transaction keeps identical retries (e.g. a second,
        // refused vote) from being deduplicated as already processed.
        self.nonce += 1;
        let mut all = vec![ComputeBudgetInstruction::set_compute_unit_limit(1_400_000 - self.nonce)];
        all.extend_from_slice(instructions);
        let payer = self.payer();
        let mut keys: Vec<&Keypair> = vec![&payer];
        keys.extend(signers.iter().copied().filter(|k| k.pubkey() != payer.pubkey()));
        let blockhash = self.ctx.banks_client.get_latest_blockhash().await.expect("blockhash");
        let tx: VersionedTransaction = if tables.is_empty() {
            Transaction::new_signed_with_payer(&all, Some(&payer.pubkey()), &keys, blockhash).into()
        } else {
            let message = v0::Message::try_compile(&payer.pubkey(), &all, tables, blockhash).expect("v0 message");
            VersionedTransaction::try_new(VersionedMessage::V0(message), &keys).expect("signed")
        };
        let result = self.ctx.banks_client.process_transaction_with_metadata(tx).await.expect("banks client");
        let logs = result.metadata.map(|m| m.log_messages).unwrap_or_default();
        let programs = all.iter().map(|ix| ix.program_id).collect();
        match result.result {
            Ok(()) => Ok(TxOutput { logs, programs }),
            Err(error) => Err(TxFailure { error, logs, programs }),
        }
    }

    /// Sends and panics with the logs on failure.
    pub async fn send_ok(&mut self, instructions: &[Instruction], signers: &[&Keypair]) -> TxOutput {
        match self.send(instructions, signers).await {
            Ok(out) => out,
            Err(f) => panic!("transaction failed: {:?}\n{}", f.error, f.logs.join("\n")),
        }
    }

    /// Sends, expects failure with custom error `code`, and returns the failure.
    pub async fn send_err(
        &mut self,
        instructions: &[Instruction],
        signers: &[&Keypair],
        code: impl Into<u32>,
    ) -> TxFailure {
        self.send_err_with_tables(instructions, signers, &[], code).await
    }

    /// [`TestEnv::send_err`] as a v0 transaction with lookup `tables`.
    pub async fn send_err_with_tables(
        &mut self,
        instructions: &[Instruction],
        signers: &[&Keypair],
        tables: &[AddressLookupTableAccount],
        code: impl Into<u32>,
    ) -> TxFailure {
        let code = code.into();
        match self.send_with_tables(instructions, signers, tables).await {
            Ok(out) => panic!("expected error {code}, transaction succeeded:\n{}", out.logs.join("\n")),
            Err(f) => {
                assert_eq!(f.custom_code(), Some(code), "wrong error: {:?}\n{}", f.error, f.logs.join("\n"));
                f
            }
        }
    }

    /// Sends and expects any failure (for runtime-level refusals without a custom code).
    pub async fn send_fails(&mut self, instructions: &[Instruction], signers: &[&Keypair]) -> TxFailure {
        match self.send(instructions, signers).await {
            Ok(out) => panic!("expected failure, transaction succeeded:\n{}", out.logs.join("\n")),
            Err(f) => f,
        }
    }

    /// Current clock.
    pub async fn clock(&mut self) -> Clock {
        self.ctx.banks_client.get_sysvar::<Clock>().await.expect("clock")
    }

    /// Sets the unix timestamp every later instruction sees.
    pub async fn set_time(&mut self, unix_timestamp: i64) {
        let mut clock = self.clock().await;
        clock.unix_timestamp = unix_timestamp;
        self.ctx.set_sysvar(&clock);
    }

    /// Moves the clock forward by `seconds`.
    pub async fn advance_time(&mut self, seconds: i64) {
        let now = self.clock().await.unix_timestamp;
        self.set_time(now + seconds).await;
    }

    /// A new keypair holding `sol` SOL.
    pub async fn funded_keypair(&mut self, sol: u64) -> Keypair {
        let keypair = Keypair::new();
        self.transfer_sol(&keypair.pubkey(), sol * 1_000_000_000).await;
        keypair
    }

    /// Sends `lamports` from the payer to `to`.
    pub async fn transfer_sol(&mut self, to: &Pubkey, lamports: u64) {
        let ix = system_instruction::transfer(&self.ctx.payer.pubkey(), to, lamports);
        self.send_ok(&[ix], &[]).await;
    }

    /// Lamports held by `key` (0 if the account does not exist).
    pub async fn lamports(&mut self, key: &Pubkey) -> u64 {
        self.ctx.banks_client.get_balance(*key).await.expect("balance")
    }

    /// Whether an account exists at `key`.
    pub async fn exists(&mut self, key: &Pubkey) -> bool {
        self.ctx.banks_client.get_account(*key).await.expect("account").is_some()
    }

    /// Decodes the Anchor account at `key`; panics if missing or of another type.
    pub async fn account<T: AccountDeserialize>(&mut self, key: &Pubkey) -> T {
        let account = self.ctx.banks_client.get_account(*key).await.expect("rpc").expect("account exists");
        T::try_deserialize(&mut &account.data[..]).expect("decodes")
    }
}
