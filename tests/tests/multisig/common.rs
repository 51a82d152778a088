//! Fixtures shared by the multisig tests.
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use psp_multisig::errors::MultisigError;
use psp_multisig::state::{permission, ConfigAction, Member, Multisig, Proposal, VaultTransactionMessage, Vote};
use psp_multisig::MultisigCreateArgs;
use psp_sdk::multisig as ms;
use psp_tests::TestEnv;
use solana_sdk::signature::{Keypair, Signer};

/// Anchor error code of a multisig error.
pub fn code(error: MultisigError) -> u32 {
    error.into()
}

/// Anchor error code of a framework error (constraints, account checks).
pub fn anchor_code(error: anchor_lang::error::ErrorCode) -> u32 {
    error.into()
}

/// A started bank with one multisig and its member keypairs.
pub struct Fixture {
    pub env: TestEnv,
    pub members: Vec<Keypair>,
    pub multisig: Pubkey,
    pub rent_collector: Pubkey,
}

/// Settings of a fixture multisig.
pub struct Settings {
    pub members: usize,
    pub threshold: u16,
    pub time_lock: u32,
    pub config_authority: Option<Pubkey>,
}

impl Default for Settings {
    fn default() -> Self {
        Self { members: 3, threshold: 2, time_lock: 0, config_authority: None }
    }
}

impl Fixture {
    /// A 2-of-3 autonomous multisig, every member with every permission.
    pub async fn new() -> Self {
        Self::with(Settings::default()).await
    }

    /// A multisig with the given settings.
    pub async fn with(settings: Settings) -> Self {
        let mut env = TestEnv::start().await;
        let mut members = Vec::new();
        for _ in 0..settings.members {
            members.push(env.funded_keypair(10).await);
        }
        let rent_collector = Pubkey::new_unique();
        let create_key = Keypair::new();
        let args = MultisigCreateArgs {
            config_authority: settings.config_authority,
            threshold: settings.threshold,
            members: members.iter().map(|k| Member { key: k.pubkey(), permissions: permission::ALL }).collect(),
            time_lock: settings.time_lock,
            rent_collector: Some(rent_collector),
            memo: Some("fixture".into()),
        };
        let creator = env.payer();
        let ix = ms::multisig_create(&create_key.pubkey(), &creator.pubkey(), args);
        env.send_ok(&[ix], &[&create_key]).await;
        let multisig = ms::multisig_pda(&create_key.pubkey()).0;
        env.transfer_sol(&rent_collector, 1_000_000_000).await;
        Self { env, members, multisig, rent_collector }
    }

    /// Current multisig account.
    pub async fn multisig(&mut self) -> Multisig {
        let key = self.multisig;
        self.env.account(&key).await
    }

    /// Proposal of transaction `index`.
    pub async fn proposal(&mut self, index: u64) -> Proposal {
        let key = ms::proposal_pda(&self.multisig, index).0;
        self.env.account(&key).await
    }

    /// Index the next transaction will get.
    pub async fn next_index(&mut self) -> u64 {
        self.multisig().await.transaction_index + 1
    }

    /// Member `i` proposes `actions` (approving them); returns the transaction index.
    pub async fn propose_config(&mut self, i: usize, actions: Vec<ConfigAction>) -> u64 {
        let index = self.next_index().await;
        let ix = ms::config_transaction_create(
            &self.multisig,
            index,
            &self.members[i].pubkey(),
            &self.members[i].pubkey(),
            actions,
            None,
        );
        let signer = self.members[i].insecure_clone();
        self.env.send_ok(&[ix], &[&signer]).await;
        index
    }

    /// Member `i` proposes `instructions` for vault `vault_index`; returns index and message.
    pub async fn propose_vault(
        &mut self,
        i: usize,
        vault_index: u8,
        instructions: &[Instruction],
    ) -> (u64, VaultTransactionMessage) {
        let index = self.next_index().await;
        let vault = self.vault(vault_index);
        let message = ms::compile_message(&vault, instructions).expect("compiles");
        let ix = ms::vault_transaction_create(
            &self.multisig,
            index,
            &self.members[i].pubkey(),
            &self.members[i].pubkey(),
            vault_index,
            message.clone(),
            None,
        );
        let signer = self.members[i].insecure_clone();
        self.env.send_ok(&[ix], &[&signer]).await;
        (index, message)
    }

    /// Funds vault 0 with 1 SOL and has member 0 propose sending 0.001 SOL from it to a new
    /// wallet (the common "some vault transaction" of many tests).
    pub async fn propose_small_transfer(&mut self) -> (u64, VaultTransactionMessage) {
        let vault = self.vault(0);
        self.env.transfer_sol(&vault, 1_000_000_000).await;
        #[allow(deprecated)]
        let transfer = solana_sdk::system_instruction::transfer(&vault, &Keypair::new().pubkey(), 1_000_000);
        self.propose_vault(0, 0, &[transfer]).await
    }

    /// The vote instruction of member `i`.
    pub fn vote_ix(&self, index: u64, i: usize, vote: Vote) -> Instruction {
        ms::proposal_vote(&self.multisig, index, &self.members[i].pubkey(), vote, None)
    }

    /// Member `i` votes.
    pub async fn vote(&mut self, index: u64, i: usize, vote: Vote) {
        let ix = self.vote_ix(index, i, vote);
        let signer = self.members[i].insecure_clone();
        self.env.send_ok(&[ix], &[&signer]).await;
    }

    /// Member `i` executes config transaction `index` (paying any rent; removed spending limits
    /// return theirs to the fixture's rent collector).
    pub async fn execute_config(&mut self, index: u64, i: usize, actions: &[ConfigAction]) -> psp_tests::TxOutput {
        let member = self.members[i].insecure_clone();
        let collector = self.multisig().await.rent_collector;
        let ix = ms::config_transaction_execute(
            &self.multisig,
            index,
            &member.pubkey(),
            Some(&member.pubkey()),
            collector.as_ref(),
            actions,
            false,
        );
        self.env.send_ok(&[ix], &[&member]).await
    }

    /// Member `i` executes vault transaction `index`.
    pub fn execute_vault_ix(
        &self,
        index: u64,
        i: usize,
        message: &VaultTransactionMessage,
        approve: bool,
    ) -> Instruction {
        ms::vault_transaction_execute(&self.multisig, index, &self.members[i].pubkey(), message, approve)
    }

    /// Vault `index` of the fixture multisig.
    pub fn vault(&self, index: u8) -> Pubkey {
        ms::vault_pda(&self.multisig, index).0
    }

    /// Keypair of member `i` (cloned, for signing).
    pub fn member(&self, i: usize) -> Keypair {
        self.members[i].insecure_clone()
    }
}
