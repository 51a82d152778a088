//! Free-port selection for the validator.
//!
//! `solana-test-validator` defaults to a fixed port range (debug builds: 5000..5020 in every
//! process), so two test processes would collide. We pick a random range that is free right now;
//! the small race between probing and binding is what every port picker has, and random starts
//! keep concurrent processes apart.

use std::net::{Ipv4Addr, TcpListener, UdpSocket};

use anyhow::{bail, Result};

/// Ports the validator's node binds (gossip, TVU, TPU, repair, ...) inside its port range.
/// `Node::new_single_bind` needs about 20; a little slack keeps its own searches happy.
const RANGE_WIDTH: u16 = 32;
/// Candidate range starts are drawn from this window (well below Linux's ephemeral ports).
const LOW: u16 = 12_000;
const HIGH: u16 = 30_000;
const ATTEMPTS: usize = 64;

/// Ports chosen for one validator.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ports {
    /// JSON-RPC port; PubSub is `rpc + 1` (that is how `TestValidatorGenesis::rpc_port` sets it).
    pub rpc: u16,
    /// Half-open range for the node's sockets, `[start, end)`.
    pub range: (u16, u16),
}

/// Picks a free node port range, and free RPC/PubSub ports unless `rpc` is given.
pub(crate) fn pick(rpc: Option<u16>) -> Result<Ports> {
    if let Some(rpc) = rpc {
        if !tcp_free(rpc) || !tcp_free(rpc + 1) {
            bail!("RPC port {rpc} or PubSub port {} is in use", rpc + 1);
        }
    }
    let mut seed = random_seed();
    for _ in 0..ATTEMPTS {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let slots = (HIGH - LOW) / (RANGE_WIDTH + 2);
        let start = LOW + ((seed >> 33) % u64::from(slots)) as u16 * (RANGE_WIDTH + 2);
        let range = (start, start + RANGE_WIDTH);
        let rpc_candidate = rpc.unwrap_or(range.1);
        let rpc_ok = rpc.is_some() || (tcp_free(range.1) && tcp_free(range.1 + 1));
        let overlaps = rpc.is_some_and(|p| p + 1 >= range.0 && p < range.1);
        if rpc_ok && !overlaps && (range.0..range.1).all(|p| udp_free(p) && tcp_free(p)) {
            return Ok(Ports { rpc: rpc_candidate, range });
        }
    }
    bail!("no free port range of {RANGE_WIDTH} ports found in {LOW}..{HIGH} after {ATTEMPTS} attempts")
}

/// RPC binds on all interfaces, node sockets on 127.0.0.1: probe both.
fn tcp_free(port: u16) -> bool {
    TcpListener::bind((Ipv4Addr::UNSPECIFIED, port)).is_ok() && TcpListener::bind((Ipv4Addr::LOCALHOST, port)).is_ok()
}

fn udp_free(port: u16) -> bool {
    UdpSocket::bind((Ipv4Addr::LOCALHOST, port)).is_ok()
}

/// Per-call randomness without a `rand` dependency: std's SipHash keys are random per process,
/// and the counter and clock separate calls within one process.
fn random_seed() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    use std::sync::atomic::{AtomicU64, Ordering};
    static CALLS: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(CALLS.fetch_add(1, Ordering::Relaxed));
    hasher
        .write_u128(std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos());
    hasher.write_u32(std::process::id());
    hasher.finish()
}
