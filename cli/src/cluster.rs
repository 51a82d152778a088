//! Cluster and keypair selection with the Solana CLI's conventions: `--url/-u` with the
//! m/d/t/l shorthands, `--keypair/-k`, defaults from `~/.config/solana/cli/config.yml`.
use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use solana_sdk::signature::{read_keypair_file, Keypair};

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

    /// The signer: `--keypair`, else the Solana CLI config's keypair.
    pub fn signer(&self) -> Result<Keypair> {
        let path = match &self.keypair {
            Some(path) => path.clone(),
            None => self.cli_config().keypair_path,
        };
        let path = shellexpand_home(&path);
        read_keypair_file(&path).map_err(|e| anyhow::anyhow!("{e}")).with_context(|| {
            format!("cannot read keypair {path} (pass --keypair or set one with `solana config set --keypair`)")
        })
    }
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
        Err(_) => bail!("'{text}' is not a valid base58 public key"),
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
