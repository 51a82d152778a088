//! Where the PostgreSQL server binaries are.
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{anyhow, bail, Result};

/// Environment variable naming the directory of `initdb`/`pg_ctl`, overriding the search.
pub const BINDIR_ENV: &str = "PSP_PG_BINDIR";

/// `$PSP_PG_BINDIR`, else `pg_config --bindir` when it holds `initdb` (Debian's `pg_config` may
/// point at /usr/bin, which does not), else the newest `/usr/lib/postgresql/<version>/bin`.
pub fn find_bindir() -> Result<PathBuf> {
    let from_pg_config = Command::new("pg_config")
        .arg("--bindir")
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()));
    search(std::env::var_os(BINDIR_ENV).map(PathBuf::from), from_pg_config, Path::new("/usr/lib/postgresql"))
}

fn has_tools(dir: &Path) -> bool {
    dir.join("initdb").is_file() && dir.join("pg_ctl").is_file()
}

/// The search of [`find_bindir`] over its three sources; `versions_root` holds `<major>/bin`.
fn search(override_dir: Option<PathBuf>, pg_config: Option<PathBuf>, versions_root: &Path) -> Result<PathBuf> {
    if let Some(dir) = override_dir {
        return match has_tools(&dir) {
            true => Ok(dir),
            false => bail!("{BINDIR_ENV}={} holds no initdb and pg_ctl", dir.display()),
        };
    }
    if let Some(dir) = pg_config.filter(|d| has_tools(d)) {
        return Ok(dir);
    }
    let mut versions: Vec<(u32, PathBuf)> = std::fs::read_dir(versions_root)
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

#[cfg(test)]
mod tests {
    use super::*;

    fn tools_in(dir: &Path) -> PathBuf {
        std::fs::create_dir_all(dir).unwrap();
        for tool in ["initdb", "pg_ctl"] {
            std::fs::write(dir.join(tool), "").unwrap();
        }
        dir.to_path_buf()
    }

    #[test]
    fn override_then_pg_config_then_the_newest_version() {
        let root = tempfile::tempdir().unwrap();
        let versions = root.path().join("lib");
        let none = search(None, None, &versions).unwrap_err().to_string();
        assert!(none.contains("install the postgresql package (scripts/bootstrap.sh does)"), "{none}");

        std::fs::create_dir_all(versions.join("16/bin")).unwrap(); // no tools: skipped
        let v9 = tools_in(&versions.join("9/bin"));
        let v15 = tools_in(&versions.join("15/bin"));
        assert_eq!(search(None, None, &versions).unwrap(), v15, "newest by number, not by name");
        let usr_bin = root.path().join("usr-bin"); // Debian's pg_config without the server
        assert_eq!(search(None, Some(usr_bin), &versions).unwrap(), v15);
        assert_eq!(search(None, Some(v9.clone()), &versions).unwrap(), v9);
        assert_eq!(search(Some(v9.clone()), Some(v15.clone()), &versions).unwrap(), v9);
        let bad = search(Some(root.path().into()), Some(v15), &versions).unwrap_err().to_string();
        assert!(bad.contains("PSP_PG_BINDIR") && bad.contains("holds no initdb"), "{bad}");
    }
}
