//! [`Localnet`]: an in-process `solana-test-validator` hosting every PSP program natively.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context, Result};
use solana_rpc::rpc::JsonRpcConfig;
use solana_sdk::account::{Account, AccountSharedData};
use solana_sdk::epoch_schedule::{EpochSchedule, MINIMUM_SLOTS_PER_EPOCH};
use solana_sdk::native_token::LAMPORTS_PER_SOL;
use solana_sdk::pubkey::Pubkey;
use solana_sdk::rent::Rent;
use solana_sdk::signature::Keypair;
use solana_sdk::signer::Signer;
use solana_streamer::socket::SocketAddrSpace;
use solana_test_validator::{TestValidator, TestValidatorGenesis};

use crate::builtins::{install_builtins, spawn_installer};
use crate::native::{ensure_syscall_stubs, psp_programs, EventCpiLogging};
use crate::{faucet, ports, ready};

/// SOL of the airdrop faucet's account at genesis, as `solana-test-validator --faucet-sol`
/// defaults.
pub const DEFAULT_FAUCET_SOL: u64 = 1_000_000;

/// Options for [`Localnet::start`]. `LocalnetConfig::default()` gives a throwaway ledger, free
/// ports and Solana's default epoch length.
#[derive(Clone, Debug)]
pub struct LocalnetConfig {
    /// Ledger directory to create, kept after stop; `None` uses a temporary directory removed on
    /// stop. An existing ledger is refused: on restart the validator replays the ledger before
    /// the PSP builtins can be registered, so PSP transactions fail in replay and the chain
    /// forks back (measured: state lost, slot back to 1).
    pub ledger_path: Option<PathBuf>,
    /// Slots per epoch, no warmup (minimum 32); `None` keeps Solana's default (432 000).
    pub slots_per_epoch: Option<u64>,
    /// JSON-RPC port (PubSub is the next one); `None` picks free ports.
    pub rpc_port: Option<u16>,
    /// Extra accounts to create at genesis.
    pub accounts: Vec<(Pubkey, AccountSharedData)>,
    /// How long [`Localnet::start`] waits for the PSP programs to execute.
    pub ready_timeout: Duration,
    /// Lamports of the airdrop faucet's account at genesis (`requestAirdrop` draws on it).
    pub faucet_lamports: u64,
}

impl Default for LocalnetConfig {
    fn default() -> Self {
        Self {
            ledger_path: None,
            slots_per_epoch: None,
            rpc_port: None,
            accounts: Vec::new(),
            ready_timeout: Duration::from_secs(60),
            faucet_lamports: DEFAULT_FAUCET_SOL * LAMPORTS_PER_SOL,
        }
    }
}

/// A running validator with every PSP program ([`psp_programs`]) callable over RPC.
/// Stopped by [`Localnet::stop`] or on drop.
pub struct Localnet {
    validator: Option<TestValidator>,
    payer: Keypair,
    faucet_keypair: Keypair,
    // Stopped after the validator (the RPC server may be answering an airdrop until then).
    faucet: Option<faucet::FaucetServer>,
    ledger_path: PathBuf,
    /// Stops the thread that registers the builtins in new banks.
    installer_stop: Arc<AtomicBool>,
    installer: Option<JoinHandle<()>>,
    // Declared last so it is removed after the validator has closed its files.
    _ledger_tempdir: Option<tempfile::TempDir>,
}

impl Localnet {
    /// Starts the validator and returns once a transaction into every PSP program executes
    /// (checked by simulation, which leaves no transaction in the ledger).
    ///
    /// Needs a tokio runtime (any flavor). Also installs PSP's syscall stubs in
    /// [`EventCpiLogging::Off`] mode unless the process already installed them.
    pub async fn start(config: LocalnetConfig) -> Result<Localnet> {
        let started = Instant::now();
        ensure_syscall_stubs(EventCpiLogging::Off);
        let (ledger_path, ledger_tempdir) = ledger_dir(config.ledger_path.as_deref())?;
        let payer = Keypair::new();
        let ports = ports::pick(config.rpc_port)?;
        let faucet_keypair = Keypair::new();
        let faucet = faucet::start(faucet_keypair.insecure_clone())?;
        let genesis = genesis(&config, &ledger_path, ports, (faucet_keypair.pubkey(), faucet.addr()))?;
        tracing::info!(ledger = %ledger_path.display(), rpc = ports.rpc, range = ?ports.range, "starting localnet");

        let mint = payer.pubkey();
        // Off the async thread: `start_with_mint_address` blocks on its own runtime internally.
        let validator = tokio::task::spawn_blocking(move || {
            genesis.start_with_mint_address(mint, SocketAddrSpace::new(true)).map_err(|e| anyhow!("{e}"))
        })
        .await
        .context("validator start task")?
        .context("starting solana-test-validator")?;

        let bank_forks = validator.bank_forks();
        install_builtins(&bank_forks);
        let installer_stop = Arc::new(AtomicBool::new(false));
        let installer = spawn_installer(bank_forks, installer_stop.clone())?;
        let localnet = Localnet {
            validator: Some(validator),
            payer,
            faucet_keypair,
            faucet: Some(faucet),
            ledger_path,
            installer_stop,
            installer: Some(installer),
            _ledger_tempdir: ledger_tempdir,
        };
        ready::wait_until_ready(&localnet.rpc_url(), &localnet.payer.pubkey(), config.ready_timeout).await?;
        tracing::info!(rpc = %localnet.rpc_url(), elapsed = ?started.elapsed(), "localnet ready");
        Ok(localnet)
    }

    /// JSON-RPC URL, e.g. `http://127.0.0.1:12345`.
    pub fn rpc_url(&self) -> String {
        self.validator().rpc_url()
    }

    /// PubSub (websocket) URL, e.g. `ws://127.0.0.1:12346/`.
    pub fn ws_url(&self) -> String {
        self.validator().rpc_pubsub_url()
    }

    /// The mint keypair funded at genesis (500 000 000 SOL); use it as payer.
    pub fn payer(&self) -> &Keypair {
        &self.payer
    }

    /// The airdrop faucet's keypair, funded at genesis with [`LocalnetConfig::faucet_lamports`];
    /// `requestAirdrop` sends from it (as `solana-test-validator`'s `faucet-keypair.json`).
    pub fn faucet_keypair(&self) -> &Keypair {
        &self.faucet_keypair
    }

    /// Where the faucet server listens (127.0.0.1, a free port); the RPC server forwards
    /// `requestAirdrop` there.
    pub fn faucet_addr(&self) -> SocketAddr {
        self.faucet.as_ref().expect("the faucet runs until stop").addr()
    }

    /// `(name, program id)` of every hosted PSP program.
    pub fn programs(&self) -> Vec<(&'static str, Pubkey)> {
        psp_programs().into_iter().map(|p| (p.name, p.id)).collect()
    }

    /// Ledger directory in use.
    pub fn ledger_path(&self) -> &Path {
        &self.ledger_path
    }

    /// The underlying validator, for what this handle does not wrap (bank forks, cluster info).
    pub fn validator(&self) -> &TestValidator {
        self.validator.as_ref().expect("validator runs until stop")
    }

    /// Stops the validator and waits for it to shut down; a temporary ledger is removed.
    ///
    /// Drop your RPC clients first: the JSON-RPC server waits for open keep-alive connections
    /// to close, which stalls shutdown for up to ~30 s.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.installer_stop.store(true, Ordering::Relaxed);
        if let Some(installer) = self.installer.take() {
            let _ = installer.join();
        }
        if let Some(validator) = self.validator.take() {
            // Closing joins the validator's threads and drops its tokio runtimes, which panics on
            // a thread that is driving a runtime: do it on a plain thread.
            let closing = std::thread::spawn(move || drop(validator));
            if closing.join().is_err() {
                tracing::error!("validator shutdown panicked");
            }
            tracing::info!("localnet stopped");
        }
        self.faucet.take();
    }
}

impl Drop for Localnet {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Builds the genesis: PSP program accounts, the funded faucet account, epoch schedule, ports,
/// RPC with history and the faucet's address.
fn genesis(
    config: &LocalnetConfig,
    ledger_path: &Path,
    ports: ports::Ports,
    (faucet_key, faucet_addr): (Pubkey, SocketAddr),
) -> Result<TestValidatorGenesis> {
    let mut genesis = TestValidatorGenesis::default();
    genesis
        .ledger_path(ledger_path)
        .bind_ip_addr(std::net::Ipv4Addr::LOCALHOST.into())
        .port_range(ports.range)
        .gossip_port(ports.range.0)
        .rpc_port(ports.rpc)
        .rpc_config(JsonRpcConfig {
            // Without history `getTransaction` and `getSignaturesForAddress` fail (-32011).
            enable_rpc_transaction_history: true,
            enable_extended_tx_metadata_storage: true,
            // Without it `requestAirdrop` fails with "Invalid request".
            faucet_addr: Some(faucet_addr),
            ..JsonRpcConfig::default_for_test()
        });
    genesis
        .add_account(faucet_key, AccountSharedData::new(config.faucet_lamports, 0, &solana_sdk::system_program::id()));
    if let Some(slots) = config.slots_per_epoch {
        if slots < MINIMUM_SLOTS_PER_EPOCH {
            bail!("slots_per_epoch must be at least {MINIMUM_SLOTS_PER_EPOCH}, got {slots}");
        }
        genesis.epoch_schedule(EpochSchedule::custom(slots, slots, false));
    }
    // The executable native-loader account lets `Bank::add_builtin` register the program
    // without writing an account, which it cannot do on frozen banks.
    for program in psp_programs() {
        let data = program.name.as_bytes().to_vec();
        let lamports = Rent::default().minimum_balance(data.len()).max(1);
        let account =
            Account { lamports, data, owner: solana_sdk::native_loader::id(), executable: true, rent_epoch: 0 };
        genesis.add_account(program.id, account.into());
    }
    genesis.add_accounts(config.accounts.iter().cloned());
    Ok(genesis)
}

/// The ledger directory: `path` (created if missing, refused if it holds a ledger) or a new
/// temporary directory, returned with its guard.
fn ledger_dir(path: Option<&Path>) -> Result<(PathBuf, Option<tempfile::TempDir>)> {
    let Some(path) = path else {
        let dir = tempfile::Builder::new().prefix("psp-localnet-").tempdir().context("creating temp ledger dir")?;
        return Ok((dir.path().to_path_buf(), Some(dir)));
    };
    if TestValidatorGenesis::ledger_exists(path) {
        bail!(
            "{} already holds a ledger; PSP localnet cannot restart on it (see LocalnetConfig::ledger_path)",
            path.display()
        );
    }
    std::fs::create_dir_all(path).with_context(|| format!("creating ledger dir {}", path.display()))?;
    Ok((path.to_path_buf(), None))
}
