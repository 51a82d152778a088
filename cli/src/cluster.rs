//! Cluster and keypair selection with the Solana CLI's conventions: `--url/-u` with the
//! m/d/t/l shorthands, `--keypair/-k`, defaults from `~/.config/solana/cli/config.yml`.
use anyhow::{bail, Result};
use clap::{Args, ValueEnum};
use solana_sdk::signature::{read_keypair_file, Keypair};

use crate::client::Client;
use psp_sdk::quote::quote;

/// Output format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Human-readable text.
    #[default]
    Text,
    /// One JSON document on stdout.
    Json,
}

/// Options shared by every command that talks to a cluster.
#[derive(Args, Clone, Debug)]
pub struct GlobalOpts {
    /// RPC URL or moniker: mainnet-beta (m), devnet (d), testnet (t), localhost (l).
    #[arg(short = 'u', long = "url", global = true, env = "PSP_URL")]
    pub url: Option<String>,
    /// Signer keypair file (default: the Solana CLI config's keypair).
    #[arg(short = 'k', long = "keypair", global = true, env = "PSP_KEYPAIR")]
    pub keypair: Option<String>,
    /// Solana CLI config file to read defaults from.
    #[arg(short = 'C', long = "config", global = true)]
    pub config_file: Option<String>,
    /// Output format.
    #[arg(long = "output", global = true, value_enum, default_value_t = OutputFormat::Text)]
    pub output: OutputFormat,
}

impl GlobalOpts {
    fn cli_config(&self) -> solana_cli_config::Config {
        let path = self.config_file.clone().or_else(|| solana_cli_config::CONFIG_FILE.clone());
        path.and_then(|p| solana_cli_config::Config::load(&p).ok()).unwrap_or_default()
    }

    /// The RPC URL: `--url`, else the Solana CLI config's.
    pub fn rpc_url(&self) -> String {
        match &self.url {
            Some(url) => normalize_url(url),
            None => self.cli_config().json_rpc_url,
        }
    }

    /// The keypair file: `--keypair`, else the Solana CLI config's (`~/` expanded).
    pub fn keypair_path(&self) -> String {
        let path = match &self.keypair {
            Some(path) => path.clone(),
            None => self.cli_config().keypair_path,
        };
        shellexpand_home(&path)
    }

    /// A client of the cluster whose payer is read from [`GlobalOpts::keypair_path`] only when a
    /// command signs: read-only commands need no keypair file.
    pub fn client(&self) -> Client {
        Client::with_keypair_file(self.rpc_url(), self.keypair_path())
    }
}

/// Reads the keypair at `path`; the error names the file and how to pass one.
pub fn read_keypair(path: &str) -> Result<Keypair, String> {
    read_keypair_file(path).map_err(|e| {
        format!(
            "this command signs, but the keypair {path} cannot be read ({e}): \
             pass one with --keypair <FILE> (or PSP_KEYPAIR), or set a default with `solana config set --keypair <FILE>`"
        )
    })
}

/// Expands the Solana CLI monikers; anything else is taken as a URL.
pub fn normalize_url(url: &str) -> String {
    match url {
        "m" | "mainnet-beta" => "https://api.mainnet-beta.solana.com".into(),
        "d" | "devnet" => "https://api.devnet.solana.com".into(),
        "t" | "testnet" => "https://api.testnet.solana.com".into(),
        "l" | "localhost" => "http://127.0.0.1:8899".into(),
        other => other.into(),
    }
}

fn shellexpand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var("HOME")) {
        (Some(rest), Ok(home)) => format!("{home}/{rest}"),
        _ => path.to_string(),
    }
}

/// Parses a base58 public key with a helpful error.
pub fn parse_pubkey(text: &str) -> Result<solana_sdk::pubkey::Pubkey> {
    match text.parse() {
        Ok(key) => Ok(key),
        Err(_) => bail!("{} is not a valid base58 public key", quote(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn monikers() {
        assert_eq!(normalize_url("l"), "http://127.0.0.1:8899");
        assert_eq!(normalize_url("d"), "https://api.devnet.solana.com");
        assert_eq!(normalize_url("http://x:1"), "http://x:1");
    }
}
