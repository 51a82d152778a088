//! Fixtures shared by the timelock tests: a bank with an initialized timelock config, an admin,
//! a guardian, a funded sender, a recipient, one mint, and one-line lock operations.
use anchor_lang::prelude::Pubkey;
use anchor_lang::solana_program::instruction::Instruction;
use anchor_spl::token::spl_token;
use psp_sdk::timelock as tl;
use psp_tests::{TestEnv, TxOutput};
use psp_timelock::errors::TimelockError;
use psp_timelock::state::{Lock, LockPolicies, MintPolicy, PartyPolicy, Schedule, Step};
use psp_timelock::{CreateLockArgs, MintPolicyArgs};
use solana_sdk::signature::{Keypair, Signer};

/// The unix time every fixture starts at (a multiple of 100 and of 2 400, so outflow buckets of
/// 100 seconds start exactly here).
pub const T0: i64 = 1_700_000_000;

/// Tokens minted to the fixture sender.
pub const SENDER_FUNDS: u64 = 1_000_000_000;

/// Anchor error code of a timelock error (6000 + declaration index).
pub fn code(error: TimelockError) -> u32 {
    error.into()
}

/// Anchor error code of a framework error (constraints, account checks).
pub fn anchor_code(error: anchor_lang::error::ErrorCode) -> u32 {
    error.into()
}

/// A linear schedule (cliff + equal installments every `period` seconds).
pub fn linear(start_time: i64, cliff_time: i64, cliff_amount: u64, end_time: i64, period: u64) -> Schedule {
    Schedule::Linear { start_time, cliff_time, cliff_amount, end_time, period }
}

/// An explicit step schedule from `(time, amount)` pairs (stored as offsets from the first time,
/// or from `T0` when empty).
pub fn steps(pairs: &[(i64, u64)]) -> Schedule {
    let start_time = pairs.first().map_or(T0, |p| p.0);
    let offset = |time: i64| u32::try_from(time - start_time).expect("steps in time order");
    Schedule::Steps {
        start_time,
        steps: pairs.iter().map(|&(time, amount)| Step { offset: offset(time), amount }).collect(),
    }
}

/// Lock policies: who may cancel, who may change the recipient, top-ups, cranking.
pub fn policies(cancel: PartyPolicy, change_recipient: PartyPolicy, top_up: bool, crank: bool) -> LockPolicies {
    LockPolicies { cancel, change_recipient, top_up, crank }
}

/// Permissive policies: either party may cancel or change the recipient; top-ups and cranks on.
pub fn open_policies() -> LockPolicies {
    policies(PartyPolicy::Either, PartyPolicy::Either, true, true)
}

/// Mint policy arguments.
pub fn mint_policy_args(
    high_value_threshold: u64,
    min_delay: i64,
    outflow_cap: u64,
    window_seconds: u32,
) -> MintPolicyArgs {
    MintPolicyArgs { high_value_threshold, min_delay, outflow_cap, window_seconds }
}

/// A started bank with the timelock config initialized and a funded sender.
pub struct Fixture {
    pub env: TestEnv,
    pub admin: Keypair,
    pub guardian: Keypair,
    pub sender: Keypair,
    pub recipient: Keypair,
    pub mint: Pubkey,
    pub token_program: Pubkey,
    /// The sender's token account (holds [`SENDER_FUNDS`] at start).
    pub sender_ata: Pubkey,
    /// The recipient's token account (empty at start).
    pub recipient_ata: Pubkey,
    next_id: u64,
}

impl Fixture {
    /// A fixture on an SPL Token mint.
    pub async fn new() -> Self {
        Self::with_token_program(spl_token::ID).await
    }

    /// A fixture whose mint belongs to `token_program` (SPL Token or Token-2022, no extensions).
    pub async fn with_token_program(token_program: Pubkey) -> Self {
        let mut env = TestEnv::start_with(&["psp_timelock"]).await;
        env.set_time(T0).await;
        let admin = env.funded_keypair(10).await;
        let guardian = env.funded_keypair(1).await;
        let sender = env.funded_keypair(10).await;
        let recipient = env.funded_keypair(1).await;
        let payer = env.payer();
        let ix = tl::initialize_config(&payer.pubkey(), &admin.pubkey(), &guardian.pubkey());
        env.send_ok(&[ix], &[]).await;
        let mint = env.create_mint(6, &token_program).await;
        let sender_ata = env.funded_token_account(&mint, &sender.pubkey(), SENDER_FUNDS, &token_program).await;
        let recipient_ata = env.token_account(&mint, &recipient.pubkey(), &token_program).await;
        Self { env, admin, guardian, sender, recipient, mint, token_program, sender_ata, recipient_ata, next_id: 1 }
    }

    /// A fresh lock id for the fixture sender.
    pub fn fresh_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// Arguments of a lock of `amount` for the fixture recipient.
    pub fn args(&mut self, amount: u64, schedule: Schedule, policies: LockPolicies) -> CreateLockArgs {
        CreateLockArgs { id: self.fresh_id(), recipient: self.recipient.pubkey(), amount, schedule, policies }
    }

    /// Arguments of lock `id` with open policies (when the id is chosen by the test).
    pub fn args_at(&self, id: u64, amount: u64, schedule: Schedule) -> CreateLockArgs {
        CreateLockArgs { id, recipient: self.recipient.pubkey(), amount, schedule, policies: open_policies() }
    }

    /// The `create_lock` instruction of the fixture sender; returns it with the lock address.
    pub fn create_ix(&self, args: CreateLockArgs) -> (Instruction, Pubkey) {
        tl::create_lock(&self.sender.pubkey(), &self.sender_ata, &self.mint, &self.token_program, args)
    }

    /// The fixture sender creates a lock; returns its address and the transaction output.
    pub async fn create(&mut self, amount: u64, schedule: Schedule, policies: LockPolicies) -> (Pubkey, TxOutput) {
        let args = self.args(amount, schedule, policies);
        let (ix, lock) = self.create_ix(args);
        let sender = self.sender.insecure_clone();
        let out = self.env.send_ok(&[ix], &[&sender]).await;
        (lock, out)
    }

    /// Shorthand: a lock with open policies; returns only its address.
    pub async fn lock_with(&mut self, amount: u64, schedule: Schedule) -> Pubkey {
        self.create(amount, schedule, open_policies()).await.0
    }

    /// The lock account at `address`.
    pub async fn lock(&mut self, address: &Pubkey) -> Lock {
        self.env.account(address).await
    }

    /// The fixture mint's policy account.
    pub async fn mint_policy(&mut self) -> MintPolicy {
        let key = tl::mint_policy_pda(&self.mint).0;
        self.env.account(&key).await
    }

    /// `withdraw` of `amount` from `lock` by `authority` to `destination`.
    pub async fn withdraw_ix(
        &mut self,
        lock: &Pubkey,
        authority: &Pubkey,
        destination: &Pubkey,
        amount: Option<u64>,
    ) -> Instruction {
        let state = self.lock(lock).await;
        tl::withdraw(lock, &state, authority, destination, amount)
    }

    /// The fixture recipient withdraws `amount` to its own token account.
    pub async fn withdraw(&mut self, lock: &Pubkey, amount: Option<u64>) -> Result<TxOutput, psp_tests::TxFailure> {
        let recipient = self.recipient.insecure_clone();
        let ix = self.withdraw_ix(lock, &recipient.pubkey(), &self.recipient_ata.clone(), amount).await;
        self.env.send(&[ix], &[&recipient]).await
    }

    /// Like [`Fixture::withdraw`], expecting success.
    pub async fn withdraw_ok(&mut self, lock: &Pubkey, amount: Option<u64>) -> TxOutput {
        match self.withdraw(lock, amount).await {
            Ok(out) => out,
            Err(f) => panic!("withdraw failed: {:?}\n{}", f.error, f.logs.join("\n")),
        }
    }

    /// Like [`Fixture::withdraw`], expecting timelock error `error`.
    pub async fn withdraw_err(&mut self, lock: &Pubkey, amount: Option<u64>, error: TimelockError) {
        let recipient = self.recipient.insecure_clone();
        let ix = self.withdraw_ix(lock, &recipient.pubkey(), &self.recipient_ata.clone(), amount).await;
        self.env.send_err(&[ix], &[&recipient], code(error)).await;
    }

    /// `cancel_lock` by `authority`, paying to the fixture's token accounts.
    pub async fn cancel_ix(&mut self, lock: &Pubkey, authority: &Pubkey) -> Instruction {
        let state = self.lock(lock).await;
        tl::cancel_lock(lock, &state, authority, &self.recipient_ata, &self.sender_ata)
    }

    /// `close_lock` by `authority`, with the sender's token account for stray tokens.
    pub async fn close_ix(&mut self, lock: &Pubkey, authority: &Pubkey) -> Instruction {
        let state = self.lock(lock).await;
        tl::close_lock(lock, &state, authority, Some(&self.sender_ata))
    }

    /// `top_up` of `amount` by the fixture sender.
    pub async fn top_up_ix(&mut self, lock: &Pubkey, amount: u64) -> Instruction {
        let state = self.lock(lock).await;
        tl::top_up(lock, &state, &self.sender.pubkey(), &self.sender_ata, amount)
    }

    /// The admin sets the fixture mint's policy.
    pub async fn set_policy(&mut self, args: MintPolicyArgs) -> TxOutput {
        let admin = self.admin.insecure_clone();
        let ix = tl::set_mint_policy(&admin.pubkey(), &admin.pubkey(), &self.mint, args);
        self.env.send_ok(&[ix], &[&admin]).await
    }

    /// The admin sets pause `flags` (program-wide when `mint` is `None`).
    pub async fn admin_pause(&mut self, mint: Option<&Pubkey>, flags: u8) -> TxOutput {
        let admin = self.admin.insecure_clone();
        let ix = tl::set_pause(&admin.pubkey(), mint, flags);
        self.env.send_ok(&[ix], &[&admin]).await
    }

    /// Token balance of `account`.
    pub async fn balance(&mut self, account: &Pubkey) -> u64 {
        self.env.token_balance(account).await
    }

    /// Balances of (sender, recipient, escrow of `lock`).
    pub async fn balances(&mut self, lock: &Pubkey) -> (u64, u64, u64) {
        let escrow = tl::escrow_pda(lock).0;
        (
            self.balance(&self.sender_ata.clone()).await,
            self.balance(&self.recipient_ata.clone()).await,
            self.balance(&escrow).await,
        )
    }

    /// A second party with SOL and an (empty) token account of the fixture mint.
    pub async fn stranger(&mut self) -> (Keypair, Pubkey) {
        let key = self.env.funded_keypair(1).await;
        let ata = self.env.token_account(&self.mint, &key.pubkey(), &self.token_program).await;
        (key, ata)
    }

    /// Sets the clock to `T0 + offset`.
    pub async fn at(&mut self, offset: i64) {
        self.env.set_time(T0 + offset).await;
    }
}
