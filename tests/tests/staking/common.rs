//! Fixtures shared by the staking tests: a bank with one pool (admin, guardian, stake mint with
//! a small boost curve: 1x to 3x over 10_000 s), stakers with funded stake accounts, reward
//! streams on fresh mints funded by the admin, and one-line position and claim operations.
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_spl::token::spl_token;
use psp_sdk::decoder::PspEvent;
use psp_sdk::staking as st;
use psp_sdk::staking::events::StakingEvent;
use psp_sdk::staking::replay::StakingReplay;
use psp_staking::errors::StakingError;
use psp_staking::events::StreamsSettled;
use psp_staking::state::StreamSnapshot;
use psp_staking::state::{Pool, Position};
use psp_staking::{CreatePoolArgs, OutflowCap, SetStreamArgs};
use psp_tests::{TestEnv, TxFailure, TxOutput};
use solana_sdk::signature::{Keypair, Signer};

/// The unix time every fixture starts at (a multiple of 100, so outflow buckets of 100 s start
/// exactly here).
pub const T0: i64 = 1_700_000_000;
/// The fixture pool's longest lock (seconds).
pub const MAX_LOCKUP: i64 = 10_000;
/// The fixture pool's multiplier at the longest lock (3x): the boost is `1x + 2 * lock / 10_000`.
pub const MAX_MULTIPLIER_BPS: u32 = 30_000;
/// The fixture pool's minimum committed lock for voting power.
pub const MIN_VOTING_LOCKUP: i64 = 1_000;
/// The fixture pool's cooldown.
pub const COOLDOWN: i64 = 100;
/// Stake tokens minted to every fixture staker.
pub const STAKER_FUNDS: u64 = 1_000_000_000;
/// Reward tokens minted to the admin for every new stream.
pub const ADMIN_REWARD_FUNDS: u64 = 1_000_000_000_000;

/// Anchor error code of a staking error (6000 + declaration index).
pub fn code(error: StakingError) -> u32 {
    error.into()
}

/// Anchor error code of a framework error (constraints, account checks).
pub fn anchor_code(error: anchor_lang::error::ErrorCode) -> u32 {
    error.into()
}

/// The fixture pool's settings for `admin` and `guardian`.
pub fn pool_args(admin: Pubkey, guardian: Pubkey) -> CreatePoolArgs {
    CreatePoolArgs {
        admin,
        guardian,
        max_lockup: MAX_LOCKUP,
        max_multiplier_bps: MAX_MULTIPLIER_BPS,
        min_voting_lockup: MIN_VOTING_LOCKUP,
        cooldown: COOLDOWN,
    }
}

/// The fixture curve's multiplier (bps) for a lock of `seconds` (recomputed independently).
pub fn boost(seconds: i64) -> u32 {
    10_000 + (20_000 * seconds.clamp(0, MAX_LOCKUP) / MAX_LOCKUP) as u32
}

/// Replaces every occurrence of account `from` in `ix` by `to`.
pub fn swap(mut ix: Instruction, from: &Pubkey, to: &Pubkey) -> Instruction {
    ix.accounts.iter_mut().filter(|m| m.pubkey == *from).for_each(|m| m.pubkey = *to);
    ix
}

/// Clears the signer flag of `key` in `ix`.
pub fn unsigned(mut ix: Instruction, key: &Pubkey) -> Instruction {
    ix.accounts.iter_mut().filter(|m| m.pubkey == *key).for_each(|m| m.is_signer = false);
    ix
}

/// A staker: its keypair and its stake token account (holds [`STAKER_FUNDS`] at start).
pub struct Staker {
    pub key: Keypair,
    pub ata: Pubkey,
}

impl Staker {
    /// The staker's address.
    pub fn pubkey(&self) -> Pubkey {
        self.key.pubkey()
    }
}

/// A started bank with one pool and its authorities.
pub struct Fixture {
    pub env: TestEnv,
    pub admin: Keypair,
    pub guardian: Keypair,
    pub stake_mint: Pubkey,
    pub token_program: Pubkey,
    /// The pool address.
    pub pool: Pubkey,
    /// The reward state rebuilt from the events of every transaction sent through the
    /// fixture's helpers (not of those sent through `env` directly).
    pub replay: StakingReplay,
}

impl Fixture {
    /// A fixture on an SPL Token stake mint, with the clock at `T0`.
    pub async fn new() -> Self {
        Self::with_token_program(spl_token::ID).await
    }

    /// A fixture whose stake mint belongs to `token_program` (no extensions).
    pub async fn with_token_program(token_program: Pubkey) -> Self {
        let mut env = TestEnv::start_with(&["psp_staking"]).await;
        env.set_time(T0).await;
        let admin = env.funded_keypair(10).await;
        let guardian = env.funded_keypair(1).await;
        let stake_mint = env.create_mint(6, &token_program).await;
        let create_key = Keypair::new();
        let payer = env.payer().pubkey();
        let (ix, pool) = st::create_pool(
            &create_key.pubkey(),
            &payer,
            &stake_mint,
            &token_program,
            pool_args(admin.pubkey(), guardian.pubkey()),
        );
        env.send_ok(&[ix], &[&create_key]).await;
        Self { env, admin, guardian, stake_mint, token_program, pool, replay: StakingReplay::default() }
    }

    /// Sends `instructions`; a success's staking events go into [`Fixture::replay`].
    pub async fn send(&mut self, instructions: &[Instruction], signers: &[&Keypair]) -> Result<TxOutput, TxFailure> {
        let result = self.env.send(instructions, signers).await;
        if let Ok(out) = &result {
            staking_events(out).iter().for_each(|e| self.replay.apply(e));
        }
        result
    }

    /// Like [`Fixture::send`], expecting success.
    pub async fn send_ok(&mut self, instructions: &[Instruction], signers: &[&Keypair]) -> TxOutput {
        ok(self.send(instructions, signers).await)
    }

    /// Sets the clock to `T0 + offset`.
    pub async fn at(&mut self, offset: i64) {
        self.env.set_time(T0 + offset).await;
    }

    /// The pool account.
    pub async fn pool_state(&mut self) -> Pool {
        let pool = self.pool;
        self.env.account(&pool).await
    }

    /// The position account at `address`.
    pub async fn position(&mut self, address: &Pubkey) -> Position {
        self.env.account(address).await
    }

    /// Token balance of `account`.
    pub async fn balance(&mut self, account: &Pubkey) -> u64 {
        self.env.token_balance(account).await
    }

    /// Balance of the pool's stake vault.
    pub async fn stake_vault_balance(&mut self) -> u64 {
        let vault = self.pool_state().await.stake_vault;
        self.balance(&vault).await
    }

    /// A new staker with SOL and [`STAKER_FUNDS`] stake tokens.
    pub async fn staker(&mut self) -> Staker {
        let key = self.env.funded_keypair(2).await;
        let (mint, program) = (self.stake_mint, self.token_program);
        let ata = self.env.funded_token_account(&mint, &key.pubkey(), STAKER_FUNDS, &program).await;
        Staker { key, ata }
    }

    /// The admin adds a stream of a new SPL Token mint at `rate` and receives
    /// [`ADMIN_REWARD_FUNDS`] of it; returns the slot index.
    pub async fn add_stream(&mut self, rate: u64) -> u8 {
        let mint = self.env.create_mint(6, &spl_token::ID).await;
        self.add_stream_of(&mint, &spl_token::ID, rate).await.0
    }

    /// The admin adds a stream of `mint` at `rate`; returns the slot index and the output.
    pub async fn add_stream_of(&mut self, mint: &Pubkey, token_program: &Pubkey, rate: u64) -> (u8, TxOutput) {
        let admin = self.admin.insecure_clone();
        self.env.funded_token_account(mint, &admin.pubkey(), ADMIN_REWARD_FUNDS, token_program).await;
        let state = self.pool_state().await;
        let payer = self.env.payer().pubkey();
        let ix = st::add_stream(&self.pool, &state, &admin.pubkey(), &payer, mint, token_program, rate);
        let out = self.send_ok(&[ix], &[&admin]).await;
        let after = self.pool_state().await;
        let index = after.streams.iter().position(|s| s.id == state.next_stream_id).expect("stream added");
        (index as u8, out)
    }

    /// The admin's token account of stream `index`'s reward mint.
    pub async fn admin_reward_ata(&mut self, index: u8) -> Pubkey {
        let admin = self.admin.pubkey();
        self.reward_ata(&admin, index).await
    }

    /// `owner`'s token account of stream `index`'s reward mint (created if missing).
    pub async fn reward_ata(&mut self, owner: &Pubkey, index: u8) -> Pubkey {
        let stream = self.pool_state().await.streams[usize::from(index)];
        self.env.token_account(&stream.reward_mint, owner, &stream.token_program).await
    }

    /// The admin funds stream `index` with `amount`.
    pub async fn fund(&mut self, index: u8, amount: u64) -> TxOutput {
        let admin = self.admin.insecure_clone();
        let ata = self.admin_reward_ata(index).await;
        let state = self.pool_state().await;
        let ix = st::fund_stream(&self.pool, &state, index, &admin.pubkey(), &ata, amount);
        self.send_ok(&[ix], &[&admin]).await
    }

    /// The admin changes stream `index`.
    pub async fn set_stream(&mut self, index: u8, rate: Option<u64>, outflow_cap: Option<(u64, u32)>) -> TxOutput {
        let admin = self.admin.insecure_clone();
        let outflow_cap = outflow_cap.map(|(cap, window_seconds)| OutflowCap { cap, window_seconds });
        let args = SetStreamArgs { rate_per_second: rate, outflow_cap };
        let ix = st::set_stream(&self.pool, &admin.pubkey(), index, args);
        self.send_ok(&[ix], &[&admin]).await
    }

    /// The `create_position` instruction of `staker`; returns it with the position address.
    pub async fn open_ix(&mut self, staker: &Staker, index: u32, amount: u64, lock: i64) -> (Instruction, Pubkey) {
        let state = self.pool_state().await;
        st::create_position(&self.pool, &state, &staker.pubkey(), &staker.ata, index, amount, lock)
    }

    /// `staker` opens position `index` with `amount` locked for `lock` seconds.
    pub async fn open(&mut self, staker: &Staker, index: u32, amount: u64, lock: i64) -> (Pubkey, TxOutput) {
        let (ix, position) = self.open_ix(staker, index, amount, lock).await;
        let out = self.send_ok(&[ix], &[&staker.key]).await;
        (position, out)
    }

    /// The `update_position` instruction of `staker` on `position`.
    pub async fn update_ix(
        &mut self,
        staker: &Staker,
        position: &Pubkey,
        add: u64,
        lock_end: Option<i64>,
    ) -> Instruction {
        let state = self.pool_state().await;
        st::update_position(&self.pool, &state, position, &staker.pubkey(), &staker.ata, add, lock_end)
    }

    /// The `claim_rewards` instruction of stream `index` into the staker's reward account.
    pub async fn claim_ix(&mut self, staker: &Staker, position: &Pubkey, index: u8) -> Instruction {
        let destination = self.reward_ata(&staker.pubkey(), index).await;
        let state = self.pool_state().await;
        st::claim_rewards(&self.pool, &state, position, &staker.pubkey(), index, &destination, None)
    }

    /// `staker` claims stream `index` for `position`.
    pub async fn claim(&mut self, staker: &Staker, position: &Pubkey, index: u8) -> Result<TxOutput, TxFailure> {
        let ix = self.claim_ix(staker, position, index).await;
        self.send(&[ix], &[&staker.key]).await
    }

    /// Like [`Fixture::claim`], expecting success; returns the amount received.
    pub async fn claim_ok(&mut self, staker: &Staker, position: &Pubkey, index: u8) -> u64 {
        let destination = self.reward_ata(&staker.pubkey(), index).await;
        let before = self.balance(&destination).await;
        if let Err(f) = self.claim(staker, position, index).await {
            panic!("claim failed: {:?}\n{}", f.error, f.logs.join("\n"));
        }
        self.balance(&destination).await - before
    }

    /// Like [`Fixture::claim`], expecting staking error `error`; returns the failure.
    pub async fn claim_err(&mut self, staker: &Staker, position: &Pubkey, index: u8, error: StakingError) -> TxFailure {
        let ix = self.claim_ix(staker, position, index).await;
        self.env.send_err(&[ix], &[&staker.key], code(error)).await
    }

    /// `staker` starts the cooldown of `amount` of `position`.
    pub async fn cooldown(&mut self, staker: &Staker, position: &Pubkey, amount: u64) -> Result<TxOutput, TxFailure> {
        let ix = st::start_cooldown(&self.pool, position, &staker.pubkey(), amount);
        self.send(&[ix], &[&staker.key]).await
    }

    /// The `withdraw` instruction of `staker` on `position` to its stake account.
    pub async fn withdraw_ix(&mut self, staker: &Staker, position: &Pubkey) -> Instruction {
        let state = self.pool_state().await;
        st::withdraw(&self.pool, &state, position, &staker.pubkey(), &staker.ata)
    }

    /// `staker` withdraws the cooled tokens of `position`.
    pub async fn withdraw(&mut self, staker: &Staker, position: &Pubkey) -> Result<TxOutput, TxFailure> {
        let ix = self.withdraw_ix(staker, position).await;
        self.send(&[ix], &[&staker.key]).await
    }

    /// Anyone (the fee payer, not the owner) refreshes `position`.
    pub async fn refresh(&mut self, position: &Pubkey) -> TxOutput {
        let ix = st::refresh_position(&self.pool, position);
        self.send_ok(&[ix], &[]).await
    }

    /// The admin sets pause `flags`.
    pub async fn admin_pause(&mut self, flags: u8) -> TxOutput {
        let admin = self.admin.insecure_clone();
        let ix = st::set_pause(&self.pool, &admin.pubkey(), flags);
        self.send_ok(&[ix], &[&admin]).await
    }
}

/// Every staking event of `out`, in execution order (the sdk's decoder; every event that
/// carries reward state is an `emit_cpi!` one).
pub fn staking_events(out: &TxOutput) -> Vec<StakingEvent> {
    let decoded = out.decoded();
    assert!(decoded.rejected.is_empty(), "{:#?}", decoded.rejected);
    decoded
        .events
        .into_iter()
        .filter_map(|e| match e.event {
            PspEvent::Staking(event) => Some(event),
            _ => None,
        })
        .collect()
}

/// Stream slot `index` in the (single) `StreamsSettled` event of `out`.
pub fn settled(out: &TxOutput, index: u8) -> StreamSnapshot {
    let events = out.cpi_events::<StreamsSettled>();
    assert_eq!(events.len(), 1, "one StreamsSettled per instruction: {:?}", out.logs);
    events[0].streams[usize::from(index)]
}

/// Unwraps a transaction result, panicking with the logs on failure.
pub fn ok(result: Result<TxOutput, TxFailure>) -> TxOutput {
    match result {
        Ok(out) => out,
        Err(f) => panic!("transaction failed: {:?}\n{}", f.error, f.logs.join("\n")),
    }
}

/// Asserts that `result` failed with staking error `error`.
pub fn fails_with(result: Result<TxOutput, TxFailure>, error: StakingError) -> TxFailure {
    match result {
        Ok(out) => panic!("expected {error:?}, transaction succeeded:\n{}", out.logs.join("\n")),
        Err(f) => {
            assert_eq!(f.custom_code(), Some(code(error)), "wrong error: {:?}\n{}", f.error, f.logs.join("\n"));
            f
        }
    }
}
