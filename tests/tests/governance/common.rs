//! Fixtures shared by the governance tests: a bank with a staking pool whose admin is the
//! realm's treasury, voters holding one position each (created and locked for the pool's
//! longest lock before any vote starts), the realm (a keypair council), its treasury funded
//! with SOL and stake tokens, and one-line proposal operations (propose, vote, update, execute).
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_spl::token::spl_token;
use psp_governance::errors::GovernanceError;
use psp_governance::state::{Choice, Proposal, ProposalState, Realm, RealmConfig};
use psp_sdk::governance as gov;
use psp_sdk::staking as st;
use psp_staking::CreatePoolArgs;
use psp_tests::{TestEnv, TxFailure, TxOutput};
use solana_sdk::signature::{Keypair, Signer};

/// The unix time every fixture starts at (positions are created then).
pub const T0: i64 = 1_700_000_000;
/// The pool's longest lock (seconds); fixture positions lock for all of it.
pub const MAX_LOCKUP: i64 = 1_000;
/// The boosted pool's multiplier at the longest lock (3x).
pub const BOOSTED_BPS: u32 = 30_000;
/// The pool's shortest committed lock that gives voting power.
pub const MIN_VOTING_LOCKUP: i64 = 10;
/// The pool's cooldown.
pub const COOLDOWN: i64 = 50;
/// Stake tokens minted to every staker.
pub const STAKER_FUNDS: u64 = 1_000_000;
/// Stake tokens minted to the treasury's token account.
pub const TREASURY_FUNDS: u64 = 500_000;
/// Fixture vote length (seconds).
pub const VOTING_PERIOD: i64 = 100;
/// Fixture hold-up between success and execution (the council's veto window).
pub const HOLD_UP: i64 = 50;
/// Fixture execution window after the hold-up.
pub const EXECUTION_WINDOW: i64 = 100;

/// Anchor error code of a governance error (6000 + declaration index).
pub fn code(error: GovernanceError) -> u32 {
    error.into()
}

/// Anchor error code of a framework error (constraints, account checks).
pub fn anchor_code(error: anchor_lang::error::ErrorCode) -> u32 {
    error.into()
}

/// The fixture rules: min power 1, quorum 30%, approval 60%, 100 s vote, 50 s hold-up, 100 s window.
pub fn rules(tipping: bool) -> RealmConfig {
    RealmConfig {
        min_power_to_propose: 1,
        quorum_bps: 3_000,
        approval_bps: 6_000,
        voting_period: VOTING_PERIOD,
        hold_up: HOLD_UP,
        execution_window: EXECUTION_WINDOW,
        tipping,
    }
}

/// Voting power at `now` of a fixture position of `amount` locked at `T0` for `MAX_LOCKUP` in
/// the 3x pool (recomputed independently: the boost of the remaining lock, rounded down).
pub fn power(amount: u64, now: i64) -> u128 {
    let remaining = (T0 + MAX_LOCKUP - now).clamp(0, MAX_LOCKUP);
    let multiplier = 10_000 + 20_000 * remaining / MAX_LOCKUP;
    u128::from(amount) * multiplier as u128 / 10_000
}

/// Unwraps a transaction result, panicking with the logs on failure.
pub fn ok(result: Result<TxOutput, TxFailure>) -> TxOutput {
    match result {
        Ok(out) => out,
        Err(f) => panic!("transaction failed: {:?}\n{}", f.error, f.logs.join("\n")),
    }
}

/// Asserts that `result` failed with governance error `error`.
pub fn fails_with(result: Result<TxOutput, TxFailure>, error: GovernanceError) -> TxFailure {
    match result {
        Ok(out) => panic!("expected {error:?}, transaction succeeded:\n{}", out.logs.join("\n")),
        Err(f) => {
            assert_eq!(f.custom_code(), Some(code(error)), "wrong error: {:?}\n{}", f.error, f.logs.join("\n"));
            f
        }
    }
}

/// A staker with SOL, a stake token account and (for fixture voters) position 0.
pub struct Voter {
    pub key: Keypair,
    pub ata: Pubkey,
    pub position: Pubkey,
}

/// How to build a fixture: the realm's rules, the pool's boost and each voter's stake.
pub struct Setup {
    pub config: RealmConfig,
    pub multiplier_bps: u32,
    pub amounts: Vec<u64>,
}

impl Setup {
    /// A 3x pool with four voters staking 1_000..4_000 (weights 3_000..12_000, total 30_000).
    pub fn boosted(tipping: bool) -> Self {
        Self { config: rules(tipping), multiplier_bps: BOOSTED_BPS, amounts: vec![1_000, 2_000, 3_000, 4_000] }
    }

    /// A 1x pool (power = amount) with voters staking `amounts`.
    pub fn flat(tipping: bool, amounts: &[u64]) -> Self {
        Self { config: rules(tipping), multiplier_bps: 10_000, amounts: amounts.to_vec() }
    }
}

/// A started bank with the realm, its pool, treasury and voters; the clock at `T0 + 10`.
pub struct Fixture {
    /// The bank.
    pub env: TestEnv,
    pub council: Keypair,
    pub realm_key: Keypair,
    pub realm: Pubkey,
    pub treasury: Pubkey,
    pub pool: Pubkey,
    pub stake_mint: Pubkey,
    /// The treasury's stake token account (an ATA of the treasury PDA).
    pub treasury_ata: Pubkey,
    pub voters: Vec<Voter>,
}

impl Fixture {
    /// Builds the fixture described by `setup`.
    pub async fn new(setup: Setup) -> Self {
        let mut env = TestEnv::start_with(&["psp_staking", "psp_governance"]).await;
        env.set_time(T0).await;
        let council = env.funded_keypair(1).await;
        let stake_mint = env.create_mint(6, &spl_token::ID).await;
        let realm_key = Keypair::new();
        let realm = gov::realm_pda(&realm_key.pubkey()).0;
        let treasury = gov::treasury_pda(&realm).0;
        let payer = env.payer().pubkey();
        let (max_multiplier_bps, guardian) = (setup.multiplier_bps, council.pubkey());
        let args = CreatePoolArgs {
            admin: treasury,
            guardian,
            max_lockup: MAX_LOCKUP,
            max_multiplier_bps,
            min_voting_lockup: MIN_VOTING_LOCKUP,
            cooldown: COOLDOWN,
        };
        let pool_key = Keypair::new();
        let (ix, pool) = st::create_pool(&pool_key.pubkey(), &payer, &stake_mint, &spl_token::ID, args);
        env.send_ok(&[ix], &[&pool_key]).await;
        let (ix, created) = gov::create_realm(&realm_key.pubkey(), &payer, &pool, setup.config, &council.pubkey());
        assert_eq!(created, realm);
        env.send_ok(&[ix], &[&realm_key]).await;
        env.transfer_sol(&treasury, 1_000_000_000).await;
        let treasury_ata = env.funded_token_account(&stake_mint, &treasury, TREASURY_FUNDS, &spl_token::ID).await;
        let mut f =
            Self { env, council, realm_key, realm, treasury, pool, stake_mint, treasury_ata, voters: Vec::new() };
        for amount in setup.amounts {
            let (key, ata) = f.staker().await;
            let (result, position) = f.open(&key, &ata, 0, amount, MAX_LOCKUP).await;
            ok(result);
            f.voters.push(Voter { key, ata, position });
        }
        f.env.set_time(T0 + 10).await;
        f
    }

    /// The current unix time.
    pub async fn now(&mut self) -> i64 {
        self.env.clock().await.unix_timestamp
    }

    /// A new staker (SOL and [`STAKER_FUNDS`] stake tokens) without a position.
    pub async fn staker(&mut self) -> (Keypair, Pubkey) {
        let key = self.env.funded_keypair(2).await;
        let mint = self.stake_mint;
        let ata = self.env.funded_token_account(&mint, &key.pubkey(), STAKER_FUNDS, &spl_token::ID).await;
        (key, ata)
    }

    /// The `create_position` instruction of `owner` (index, amount, lock) and the position.
    pub async fn open_ix(
        &mut self,
        owner: &Pubkey,
        ata: &Pubkey,
        index: u32,
        amount: u64,
        lock: i64,
    ) -> (Instruction, Pubkey) {
        let state = self.env.account(&self.pool).await;
        st::create_position(&self.pool, &state, owner, ata, index, amount, lock)
    }

    /// `key` opens position `index`; returns the result and the position.
    pub async fn open(
        &mut self,
        key: &Keypair,
        ata: &Pubkey,
        index: u32,
        amount: u64,
        lock: i64,
    ) -> (Result<TxOutput, TxFailure>, Pubkey) {
        let (ix, position) = self.open_ix(&key.pubkey(), ata, index, amount, lock).await;
        (self.env.send(&[ix], &[key]).await, position)
    }

    /// The realm account.
    pub async fn realm_state(&mut self) -> Realm {
        let realm = self.realm;
        self.env.account(&realm).await
    }

    /// Proposal `index`.
    pub async fn proposal(&mut self, index: u64) -> Proposal {
        let address = gov::proposal_pda(&self.realm, index).0;
        self.env.account(&address).await
    }

    /// Voter `who` drafts the next proposal; returns the result and its index.
    pub async fn create(&mut self, who: usize, title: &str) -> (Result<TxOutput, TxFailure>, u64) {
        let index = self.realm_state().await.proposal_count;
        let key = self.voters[who].key.insecure_clone();
        let payer = self.env.payer().pubkey();
        let (ix, _) =
            gov::create_proposal(&self.realm, index, &key.pubkey(), &payer, title, "https://psp.example/p", [7; 32]);
        (self.env.send(&[ix], &[&key]).await, index)
    }

    /// Voter `who` appends `ixs` to draft `index` (one transaction per chunk).
    pub async fn append(&mut self, who: usize, index: u64, ixs: &[Instruction]) -> Result<TxOutput, TxFailure> {
        let key = self.voters[who].key.insecure_clone();
        let payer = self.env.payer().pubkey();
        let mut last = Ok(TxOutput::default());
        for chunk in gov::append_instructions(&self.realm, index, &key.pubkey(), &payer, ixs) {
            last = self.env.send(&[chunk], &[&key]).await;
            if last.is_err() {
                break;
            }
        }
        last
    }

    /// Voter `who` starts the vote of draft `index` with its position.
    pub async fn start(&mut self, who: usize, index: u64) -> Result<TxOutput, TxFailure> {
        let v = &self.voters[who];
        let (key, position) = (v.key.insecure_clone(), v.position);
        let ix = gov::start_voting(&self.realm, index, &self.pool, &position, &key.pubkey());
        self.env.send(&[ix], &[&key]).await
    }

    /// Voter `who` drafts a proposal running `ixs` and opens its vote; returns its index.
    pub async fn propose(&mut self, who: usize, ixs: &[Instruction]) -> u64 {
        let (created, index) = self.create(who, "proposal").await;
        ok(created.and(self.append(who, index, ixs).await).and(self.start(who, index).await));
        index
    }

    /// The `cast_vote` instruction of voter `who` on proposal `index`.
    pub fn vote_ix(&self, who: usize, index: u64, choice: Choice) -> Instruction {
        let v = &self.voters[who];
        gov::cast_vote(&self.realm, index, &self.pool, &v.position, &v.key.pubkey(), &v.key.pubkey(), choice)
    }

    /// Voter `who` votes `choice` on proposal `index`.
    pub async fn vote(&mut self, who: usize, index: u64, choice: Choice) -> Result<TxOutput, TxFailure> {
        let ix = self.vote_ix(who, index, choice);
        let key = self.voters[who].key.insecure_clone();
        self.env.send(&[ix], &[&key]).await
    }

    /// Anyone updates proposal `index`.
    pub async fn update(&mut self, index: u64) -> Result<TxOutput, TxFailure> {
        let ix = gov::update_proposal(&self.realm, index);
        self.env.send(&[ix], &[]).await
    }

    /// Moves the clock to the end of proposal `index`'s vote and decides it; returns the state.
    pub async fn finish(&mut self, index: u64) -> ProposalState {
        let end = self.proposal(index).await.voting_ends_at;
        self.env.set_time(end).await;
        ok(self.update(index).await);
        self.proposal(index).await.state
    }

    /// Voters `yes` vote yes on proposal `index`, which then passes; the clock ends at its hold-up's end.
    pub async fn pass(&mut self, index: u64, yes: &[usize]) {
        for &who in yes {
            ok(self.vote(who, index, Choice::Yes).await);
        }
        if self.proposal(index).await.state == ProposalState::Voting {
            assert_eq!(self.finish(index).await, ProposalState::Succeeded);
        }
        let at = self.proposal(index).await.executable_at;
        self.env.set_time(at).await;
    }

    /// The `execute_proposal` instruction of proposal `index` storing `ixs` (the sdk's).
    pub fn execute_ix(&self, index: u64, executor: &Pubkey, ixs: &[Instruction]) -> Instruction {
        gov::execute_proposal(&self.realm, index, executor, ixs)
    }

    /// A fresh keypair executes proposal `index` storing `ixs`.
    pub async fn execute(&mut self, index: u64, ixs: &[Instruction]) -> Result<TxOutput, TxFailure> {
        let executor = Keypair::new();
        let ix = self.execute_ix(index, &executor.pubkey(), ixs);
        self.env.send(&[ix], &[&executor]).await
    }

    /// The spl-token transfer of `amount` from the treasury's token account to `to`, signed by the treasury.
    pub fn treasury_transfer(&self, to: &Pubkey, amount: u64) -> Instruction {
        spl_token::instruction::transfer(&spl_token::ID, &self.treasury_ata, to, &self.treasury, &[], amount)
            .expect("transfer ix")
    }

    /// Token balance of `account`.
    pub async fn balance(&mut self, account: &Pubkey) -> u64 {
        self.env.token_balance(account).await
    }
}
