//! Where the PostgreSQL server binaries are.
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{anyhow, bail, Result};

/// Environment variable naming the directory of `initdb`/`pg_ctl`, overriding the search.
pub const BINDIR_ENV: &str = "PSP_PG_BINDIR";

/// `$PSP_PG_BINDIR`, else `pg_config --bindir` when it holds `initdb` (Debian's `pg_config` may
/// point at /usr/bin, which does not), else the newest `/usr/lib/postgresql/<version>/bin`.
pub fn find_bindir() -> Result<PathBuf> {
    let has_tools = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    if let Some(dir) = std::env::var_os(BINDIR_ENV).map(PathBuf::from) {
        return match has_tools(&dir) {
            true => Ok(dir),
            false => bail!("{BINDIR_ENV}={} holds no initdb and pg_ctl", dir.display()),
        };
    }
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    if let Some(dir) = from_pg_config.filter(|d| has_tools(d)) {
        return Ok(dir);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .filter(|(_, bin)| has_tools(bin))
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin).ok_or_else(|| {
        anyhow!(
            "PostgreSQL binaries not found (initdb, pg_ctl): install the postgresql package \
             (scripts/bootstrap.sh does), or set {BINDIR_ENV}"
        )
    })
}
