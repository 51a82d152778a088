//! The airdrop faucet behind `requestAirdrop`, run as `solana-test-validator` runs it.
//!
//! The RPC server answers `requestAirdrop` only when its `JsonRpcConfig::faucet_addr` is set: it
//! asks the faucet at that address for a signed transfer from the faucet keypair and sends it.
//! Without one every airdrop is refused with "Invalid request", and web3.js / Anchor TypeScript
//! tests start with an airdrop. `solana-test-validator` starts `solana_faucet`'s server with a
//! keypair funded at genesis; so does [`start`], with two differences: it listens on
//! 127.0.0.1 (not every interface) on a free port, and it stops with the validator (the
//! library's `run_local_faucet*` threads never end, one leak per localnet in a test process).
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use anyhow::{anyhow, Context, Result};
use solana_faucet::faucet::{run_faucet, Faucet};
use solana_sdk::signature::Keypair;

/// A running faucet; stopped on drop.
pub(crate) struct FaucetServer {
    addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

/// Starts the faucet server for `keypair` (no per-request or per-time cap, as
/// `solana-test-validator` defaults) on a free port of 127.0.0.1 and waits until it listens.
pub(crate) fn start(keypair: Keypair) -> Result<FaucetServer> {
    let faucet = Arc::new(Mutex::new(Faucet::new(keypair, None, None, None)));
    let (bound_tx, bound_rx) = crossbeam_channel::bounded(1);
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    // Its own thread and runtime, like `run_local_faucet_with_port`: the RPC server calls the
    // faucet synchronously, so it must not depend on the caller's runtime being free.
    let thread = std::thread::Builder::new()
        .name("pspFaucet".into())
        .spawn(move || {
            let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(runtime) => runtime,
                Err(e) => return drop(bound_tx.send(Err(format!("faucet runtime: {e}")))),
            };
            runtime.block_on(async move {
                tokio::select! {
                    () = run_faucet(faucet, SocketAddr::from((Ipv4Addr::LOCALHOST, 0)), Some(bound_tx)) => {}
                    _ = stopped => {}
                }
            });
        })
        .context("spawning the faucet thread")?;
    let addr = bound_rx.recv().context("the faucet thread ended before binding")?.map_err(|e| anyhow!(e))?;
    Ok(FaucetServer { addr, stop: Some(stop), thread: Some(thread) })
}

impl FaucetServer {
    /// The address the RPC server sends airdrop requests to.
    pub(crate) fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for FaucetServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
