//! Fixtures shared by the PoP tests: a bank with one distributor (admin, guardian, SPL reward
//! mint, clawback receiver, two kinds, N attestors with a quorum, a funded vault), participants
//! with token accounts, the off-chain pipeline (events -> rules from chain -> validation ->
//! build) and one-line attest / finalize / chunk / claim / sweep operations built with the SDK.
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_spl::token::spl_token;
use psp_pop::state::{Distributor, Epoch, Kind};
use psp_pop::{Attestation, KindArgs};
use psp_sdk::pop::{self, chain, instructions as ix, EpochBuild, PopEvent};
use psp_tests::{TestEnv, TxFailure, TxOutput};
use solana_sdk::signature::{Keypair, Signer};

/// Genesis of the fixture distributor (start of epoch 0) and the clock at start.
pub const T0: i64 = 1_700_000_000;
/// Epoch length (seconds).
pub const EPOCH_LENGTH: i64 = 3_600;
/// Challenge (veto) window.
pub const CHALLENGE: i64 = 600;
/// Claim window.
pub const CLAIM_WINDOW: i64 = 86_400;
/// Most one epoch may distribute.
pub const MAX_TOTAL: u64 = 1_000_000_000;
/// Tokens funded into the vault by the fixture.
pub const FUNDED: u64 = 10_000_000;
/// Tokens the fixture funder holds before funding.
pub const FUNDER_TOKENS: u64 = 100_000_000;

pub use crate::helpers::*;

/// A participant: its keypair (the claimant) and its reward token account.
pub struct Participant {
    pub key: Keypair,
    pub ata: Pubkey,
}

impl Participant {
    /// The participant's address.
    pub fn pubkey(&self) -> Pubkey {
        self.key.pubkey()
    }
}

/// A started bank with one distributor and its authorities.
pub struct Fixture {
    pub env: TestEnv,
    pub admin: Keypair,
    pub guardian: Keypair,
    pub mint: Pubkey,
    pub token_program: Pubkey,
    /// The distributor address.
    pub distributor: Pubkey,
    /// The clawback receiver (a token account of the admin).
    pub receiver: Pubkey,
    /// Attestor signing keys, in the order they were added.
    pub attestors: Vec<Keypair>,
    /// Holds [`FUNDER_TOKENS`] at start (owned by the env payer).
    pub funder_ata: Pubkey,
}

impl Fixture {
    /// `attestors` attestors with `quorum`, kinds "relay" (weight 3, cap 10) and "vote"
    /// (weight 1), [`FUNDED`] in the vault, the clock at `T0`.
    pub async fn new(attestors: usize, quorum: u32) -> Self {
        let mut f = Self::bare(quorum).await;
        f.set_kind("relay", 3, 10, true).await;
        f.set_kind("vote", 1, 0, true).await;
        for _ in 0..attestors {
            f.add_attestor().await;
        }
        f.fund(FUNDED).await;
        f
    }

    /// A distributor with no kind, attestor or funds.
    pub async fn bare(quorum: u32) -> Self {
        let mut env = TestEnv::start_with(&["psp_pop"]).await;
        env.set_time(T0).await;
        let (admin, guardian) = (env.funded_keypair(10).await, env.funded_keypair(1).await);
        let token_program = spl_token::ID;
        let mint = env.create_mint(6, &token_program).await;
        let receiver = env.token_account(&mint, &admin.pubkey(), &token_program).await;
        let payer = env.payer().pubkey();
        let funder_ata = env.funded_token_account(&mint, &payer, FUNDER_TOKENS, &token_program).await;
        let create_key = Keypair::new();
        let args = distributor_args(admin.pubkey(), guardian.pubkey(), quorum);
        let (ix, distributor) =
            ix::create_distributor(&create_key.pubkey(), &payer, &mint, &token_program, &receiver, args);
        env.send_ok(&[ix], &[&create_key]).await;
        Self { env, admin, guardian, mint, token_program, distributor, receiver, attestors: Vec::new(), funder_ata }
    }

    /// Sets the clock to `unix_timestamp`.
    pub async fn at(&mut self, unix_timestamp: i64) {
        self.env.set_time(unix_timestamp).await;
    }

    /// The distributor account.
    pub async fn state(&mut self) -> Distributor {
        let address = self.distributor;
        self.env.account(&address).await
    }

    /// Epoch `index`'s account.
    pub async fn epoch(&mut self, index: u64) -> Epoch {
        let address = pop::epoch_pda(&self.distributor, index).0;
        self.env.account(&address).await
    }

    /// Token balance of `account`.
    pub async fn balance(&mut self, account: &Pubkey) -> u64 {
        self.env.token_balance(account).await
    }

    /// Balance of the reward vault.
    pub async fn vault_balance(&mut self) -> u64 {
        let vault = pop::vault_pda(&self.distributor).0;
        self.balance(&vault).await
    }

    /// Asserts the vault invariant: it holds at least the reserved total.
    pub async fn assert_vault_covers_reserved(&mut self) {
        let reserved = self.state().await.total_reserved;
        let vault = self.vault_balance().await;
        assert!(vault >= reserved, "vault {vault} below reserved {reserved}");
    }

    /// The admin defines or changes kind `name`.
    pub async fn set_kind(&mut self, name: &str, weight: u64, cap: u64, active: bool) -> TxOutput {
        let admin = self.admin.insecure_clone();
        let args = KindArgs { name: name.into(), weight, max_units_per_participant: cap, active };
        let ix = ix::set_kind(&self.distributor, &admin.pubkey(), &admin.pubkey(), args);
        self.env.send_ok(&[ix], &[&admin]).await
    }

    /// The kind accounts named `names`.
    pub async fn kinds(&mut self, names: &[&str]) -> Vec<Kind> {
        let mut kinds = Vec::new();
        for name in names {
            let address = pop::kind_pda(&self.distributor, name).0;
            kinds.push(self.env.account(&address).await);
        }
        kinds
    }

    /// The admin adds a new attestor key; returns its index in `attestors`.
    pub async fn add_attestor(&mut self) -> usize {
        let key = Keypair::new();
        self.set_attestor(&key.pubkey(), true).await;
        self.attestors.push(key);
        self.attestors.len() - 1
    }

    /// The admin (de)activates attestor `key`.
    pub async fn set_attestor(&mut self, key: &Pubkey, active: bool) -> TxOutput {
        let admin = self.admin.insecure_clone();
        let ix = ix::set_attestor(&self.distributor, &admin.pubkey(), &admin.pubkey(), key, active);
        self.env.send_ok(&[ix], &[&admin]).await
    }

    /// The env payer funds the vault with `amount` from [`Fixture::funder_ata`].
    pub async fn fund(&mut self, amount: u64) -> TxOutput {
        let state = self.state().await;
        let payer = self.env.payer().pubkey();
        let ix = ix::fund(&self.distributor, &state, &payer, &self.funder_ata, amount);
        self.env.send_ok(&[ix], &[]).await
    }

    /// The round a vote on `epoch` cast now belongs to.
    pub async fn round(&mut self, epoch: u64) -> u32 {
        let state = self.state().await;
        let address = pop::epoch_pda(&self.distributor, epoch).0;
        let account = if self.env.exists(&address).await { Some(self.epoch(epoch).await) } else { None };
        chain::voting_round(&state, account.as_ref())
    }

    /// The `attest` instruction of attestor `who` (paid by the env payer).
    pub fn attest_ix(&self, who: usize, epoch: u64, round: u32, attestation: Attestation) -> Instruction {
        let payer = self.env.payer().pubkey();
        ix::attest(&self.distributor, &self.attestors[who].pubkey(), &payer, epoch, round, attestation)
    }

    /// Attestor `who` votes for `attestation` of `epoch` in `round`.
    pub async fn attest(
        &mut self,
        who: usize,
        epoch: u64,
        round: u32,
        attestation: Attestation,
    ) -> Result<TxOutput, TxFailure> {
        let ix = self.attest_ix(who, epoch, round, attestation);
        let key = self.attestors[who].insecure_clone();
        self.env.send(&[ix], &[&key]).await
    }

    /// Attestors `who` vote for `attestation` in the epoch's current round; returns the last output.
    pub async fn propose(&mut self, who: &[usize], epoch: u64, attestation: Attestation) -> TxOutput {
        let round = self.round(epoch).await;
        let mut last = None;
        for &w in who {
            last = Some(ok(self.attest(w, epoch, round, attestation).await));
        }
        last.expect("at least one attestor")
    }

    /// The `finalize` instruction of `epoch`.
    pub async fn finalize_ix(&mut self, epoch: u64) -> Instruction {
        let state = self.state().await;
        ix::finalize(&self.distributor, &state, epoch)
    }

    /// Anyone finalizes `epoch`.
    pub async fn finalize(&mut self, epoch: u64) -> Result<TxOutput, TxFailure> {
        let ix = self.finalize_ix(epoch).await;
        self.env.send(&[ix], &[]).await
    }

    /// Ends `epoch`, proposes `attestation` with the first `quorum` attestors, waits out the
    /// challenge window and finalizes.
    pub async fn finalized(&mut self, epoch: u64, attestation: Attestation) -> TxOutput {
        let quorum = self.state().await.quorum as usize;
        let now = self.env.clock().await.unix_timestamp;
        self.at(now.max(epoch_end(epoch))).await;
        let who: Vec<usize> = (0..quorum).collect();
        self.propose(&who, epoch, attestation).await;
        self.env.advance_time(CHALLENGE).await;
        ok(self.finalize(epoch).await)
    }

    /// The env payer opens claim chunk `chunk` of `epoch`.
    pub async fn open_chunk(&mut self, epoch: u64, chunk: u32) -> TxOutput {
        let payer = self.env.payer().pubkey();
        let ix = ix::open_claim_chunk(&self.distributor, &payer, epoch, chunk);
        self.env.send_ok(&[ix], &[]).await
    }

    /// A new participant (no SOL needed: the env payer pays fees) with a reward token account.
    pub async fn participant(&mut self) -> Participant {
        let key = Keypair::new();
        let (mint, program) = (self.mint, self.token_program);
        let ata = self.env.token_account(&mint, &key.pubkey(), &program).await;
        Participant { key, ata }
    }

    /// The `claim` instruction of leaf (`index`, `claimant`, `amount`) of `epoch` to `destination`.
    #[allow(clippy::too_many_arguments)]
    pub async fn claim_ix(
        &mut self,
        epoch: u64,
        index: u64,
        claimant: &Pubkey,
        amount: u64,
        proof: Vec<[u8; 32]>,
        destination: &Pubkey,
    ) -> Instruction {
        let state = self.state().await;
        ix::claim(&self.distributor, &state, epoch, index, claimant, amount, proof, destination)
    }

    /// `who` claims its leaf of `build` into its token account.
    pub async fn claim(&mut self, build: &EpochBuild, who: &Participant) -> Result<TxOutput, TxFailure> {
        let leaf = *build.leaf_of(&who.pubkey()).expect("participant has a leaf");
        let proof = build.tree.proof(leaf.index as usize).expect("proof");
        let ix = self.claim_ix(build.epoch, leaf.index, &who.pubkey(), leaf.amount, proof, &who.ata).await;
        self.env.send(&[ix], &[&who.key]).await
    }

    /// Anyone sweeps `epoch` to the clawback receiver.
    pub async fn sweep(&mut self, epoch: u64) -> Result<TxOutput, TxFailure> {
        let state = self.state().await;
        let ix = ix::sweep(&self.distributor, &state, epoch);
        self.env.send(&[ix], &[]).await
    }

    /// The admin sets pause `flags`.
    pub async fn admin_pause(&mut self, flags: u8) -> TxOutput {
        let admin = self.admin.insecure_clone();
        let ix = ix::set_pause(&self.distributor, &admin.pubkey(), flags);
        self.env.send_ok(&[ix], &[&admin]).await
    }

    /// Builds `epoch` off chain from participation `events` with rules read from chain (kinds
    /// "relay" and "vote"), paying `budget`; every event must be accepted.
    pub async fn build(&mut self, epoch: u64, events: &[PopEvent], budget: u64) -> EpochBuild {
        let state = self.state().await;
        let kinds = self.kinds(&["relay", "vote"]).await;
        let rules = chain::epoch_rules(&state, &kinds, epoch).expect("rules");
        let text: String = events.iter().map(|e| e.to_json_line() + "\n").collect();
        let validation = pop::validate::validate_str(&rules, &text);
        assert!(validation.stats.is_balanced());
        pop::build_epoch(&rules, &validation.accepted, budget).expect("build")
    }
}
