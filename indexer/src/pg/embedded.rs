//! A throwaway PostgreSQL cluster run from the installed binaries (Debian's `postgresql`
//! package): `initdb --no-sync` into a fresh directory, `pg_ctl start` on a free 127.0.0.1 port
//! (never 5432, where a system server may listen) with its unix socket in that directory and
//! fsync off, then a database `psp`. Stopped with `pg_ctl stop -m fast` by [`EmbeddedPostgres::stop`]
//! or on drop, which also removes the directory unless asked to keep it.
//!
//! PostgreSQL refuses to run as root: when the current user is root, every server command runs
//! as the `postgres` system user (`runuser -u postgres --`), which then owns the directory.
//! Starting blocks for about 1.5 s (processes, no async); call it from `spawn_blocking` in a
//! busy runtime.
use std::ffi::CString;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use anyhow::{anyhow, bail, Context, Result};

mod bindir;
pub use bindir::{find_bindir, BINDIR_ENV};

/// The database created in every embedded cluster.
pub const DATABASE: &str = "psp";
/// The system user the server runs as when the current user is root.
const SYSTEM_USER: &str = "postgres";
/// Seconds `pg_ctl` waits for the server to accept connections (or to stop).
const WAIT_SECS: &str = "30";
/// Start attempts, each on a fresh port (another process may take a free port before us).
const START_ATTEMPTS: usize = 3;
/// Longest unix socket path the kernel accepts (`sun_path` minus the terminator).
const MAX_SOCKET_PATH: usize = 107;

/// How to start an [`EmbeddedPostgres`].
#[derive(Clone, Debug, Default)]
pub struct EmbeddedOptions {
    /// Directory under which the cluster's own directory is created (default: the system temp
    /// directory). When running as root it must be reachable by the `postgres` user.
    pub parent: Option<PathBuf>,
    /// Keep the cluster's directory (data, `server.log`) after stopping, for inspection.
    pub keep_dir: bool,
    /// Extra `postgresql.conf` settings (name, value as written in the file, e.g.
    /// `("shared_buffers", "'256MB'")`), after the defaults.
    pub settings: Vec<(String, String)>,
}

/// A running throwaway cluster; see the module docs.
#[derive(Debug)]
pub struct EmbeddedPostgres {
    bindir: PathBuf,
    dir: PathBuf,
    port: u16,
    run_as: Option<&'static str>,
    keep_dir: bool,
    running: bool,
}

impl EmbeddedPostgres {
    /// Starts a cluster under the system temp directory.
    pub fn start() -> Result<Self> {
        Self::start_with(EmbeddedOptions::default())
    }

    /// Starts a cluster as `options` say and creates the database [`DATABASE`].
    pub fn start_with(options: EmbeddedOptions) -> Result<Self> {
        let bindir = find_bindir()?;
        let parent = options.parent.unwrap_or_else(std::env::temp_dir);
        std::fs::create_dir_all(&parent).with_context(|| format!("creating {}", parent.display()))?;
        let dir = tempfile::Builder::new()
            .prefix("psp-pg-")
            .tempdir_in(&parent)
            .with_context(|| format!("creating a cluster directory in {}", parent.display()))?
            .keep();
        // From here on, drop stops the server and removes `dir`.
        let mut pg = Self { bindir, dir, port: 0, run_as: None, keep_dir: options.keep_dir, running: false };
        if is_root() {
            pg.hand_to(SYSTEM_USER)?;
        }
        let socket = pg.dir.join(".s.PGSQL.65535");
        if socket.as_os_str().len() > MAX_SOCKET_PATH {
            bail!(
                "the cluster directory {} is too long for a unix socket path: choose a shorter parent",
                pg.dir.display()
            );
        }
        pg.initdb(&options.settings)?;
        pg.start_server()?;
        pg.run("createdb", &["-h", "127.0.0.1", "-p", &pg.port.to_string(), "-U", "postgres", DATABASE])
            .context("creating the database psp")?;
        Ok(pg)
    }

    /// `postgres://postgres@127.0.0.1:PORT/psp` (trust authentication, no password).
    pub fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{DATABASE}", self.port)
    }

    /// The TCP port the server listens on (127.0.0.1 only).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The cluster's directory: `data/`, `server.log` and the unix socket.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The server's log file.
    pub fn log_path(&self) -> PathBuf {
        self.dir.join("server.log")
    }

    /// Stops the server (`pg_ctl stop -m fast`) and removes the directory unless kept.
    /// Idempotent; drop calls it too.
    pub fn stop(&mut self) -> Result<()> {
        let stopped = if self.running {
            self.running = false;
            let data = self.data_dir();
            self.run("pg_ctl", &["stop", "-D", &data, "-m", "fast", "-w", "-t", WAIT_SECS])
                .with_context(|| format!("stopping PostgreSQL (log: {})", self.log_path().display()))
                .map(drop)
        } else {
            Ok(())
        };
        // Even after a failed stop: a postmaster whose lock file is gone shuts itself down.
        if !self.keep_dir && self.dir.exists() {
            std::fs::remove_dir_all(&self.dir).with_context(|| format!("removing {}", self.dir.display()))?;
        }
        stopped
    }

    fn data_dir(&self) -> String {
        self.dir.join("data").display().to_string()
    }

    /// Gives the directory to `user` and checks that it can write there.
    fn hand_to(&mut self, user: &'static str) -> Result<()> {
        let (uid, gid) = system_user_ids(user).ok_or_else(|| {
            anyhow!(
                "running as root, PostgreSQL must run as the `{user}` system user, which does not exist: \
                 install the postgresql package (scripts/bootstrap.sh does) or run as a regular user"
            )
        })?;
        std::os::unix::fs::chown(&self.dir, Some(uid), Some(gid))
            .with_context(|| format!("giving {} to the {user} user", self.dir.display()))?;
        self.run_as = Some(user);
        let reachable = self.command_for("test").args(["-w"]).arg(&self.dir).status()?.success();
        if !reachable {
            bail!(
                "the `{user}` user (PostgreSQL refuses root) cannot reach {}: choose a parent directory it can \
                 traverse, e.g. /tmp",
                self.dir.display()
            );
        }
        Ok(())
    }

    fn initdb(&self, extra: &[(String, String)]) -> Result<()> {
        let data = self.data_dir();
        self.run("initdb", &["--no-sync", "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "-D", &data])
            .context("initdb")?;
        let socket_dir = self.dir.display().to_string().replace('\'', "''");
        let mut settings = format!(
            "\n# psp embedded cluster\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{socket_dir}'\n\
             fsync = off\nsynchronous_commit = off\nfull_page_writes = off\n"
        );
        settings.extend(extra.iter().map(|(name, value)| format!("{name} = {value}\n")));
        let conf = self.dir.join("data/postgresql.conf");
        let mut text = std::fs::read_to_string(&conf).with_context(|| format!("reading {}", conf.display()))?;
        text.push_str(&settings);
        std::fs::write(&conf, text).with_context(|| format!("writing {}", conf.display()))
    }

    /// `pg_ctl start -w` (it waits until connections are accepted), retrying on a fresh port
    /// when the chosen one was taken meanwhile.
    fn start_server(&mut self) -> Result<()> {
        let log = self.log_path();
        for attempt in 1..=START_ATTEMPTS {
            let port = free_port()?;
            let data = self.data_dir();
            let opts = format!("-p {port}");
            let log_arg = log.display().to_string();
            let started =
                self.run("pg_ctl", &["start", "-w", "-t", WAIT_SECS, "-D", &data, "-l", &log_arg, "-o", &opts]);
            let tail = log_tail(&log);
            match started {
                Ok(_) => {
                    self.port = port;
                    self.running = true;
                    return Ok(());
                }
                Err(_) if attempt < START_ATTEMPTS && tail.contains("already in use") => continue,
                Err(e) => {
                    self.keep_dir = true; // for the log
                    return Err(e.context(format!(
                        "PostgreSQL did not start on 127.0.0.1:{port} (its directory is kept); server log {}:\n{tail}",
                        log.display()
                    )));
                }
            }
        }
        unreachable!("the last attempt returns")
    }

    /// A command running `program` (from the bindir, or a plain system tool such as `test`) as
    /// the server's user, in the cluster directory (the caller's may be unreadable to it).
    fn command_for(&self, program: &str) -> Command {
        let path = self.bindir.join(program);
        let exe = if path.exists() { path } else { PathBuf::from(program) };
        let mut cmd = match self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.args(["-u", user, "--"]).arg(exe);
                c
            }
            None => Command::new(exe),
        };
        cmd.current_dir(&self.dir);
        cmd
    }

    fn run(&self, program: &str, args: &[&str]) -> Result<Output> {
        let out = self.command_for(program).args(args).output().with_context(|| format!("running {program}"))?;
        if !out.status.success() {
            let said = [&out.stderr, &out.stdout].map(|o| String::from_utf8_lossy(o).trim().to_string());
            bail!(
                "{program} {} failed ({}): {}",
                args.join(" "),
                out.status,
                said.join(" | ").trim_matches([' ', '|'])
            );
        }
        Ok(out)
    }
}

impl Drop for EmbeddedPostgres {
    fn drop(&mut self) {
        if let Err(e) = self.stop() {
            tracing::warn!("embedded PostgreSQL: {e:#}");
        }
    }
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// The uid and gid of a system user, if it exists.
fn system_user_ids(name: &str) -> Option<(u32, u32)> {
    let name = CString::new(name).ok()?;
    // SAFETY: getpwnam returns NULL or a pointer to a static record, read before any other call.
    let entry = unsafe { libc::getpwnam(name.as_ptr()).as_ref()? };
    Some((entry.pw_uid, entry.pw_gid))
}

/// A port free on 127.0.0.1 at this instant, never 5432.
fn free_port() -> Result<u16> {
    loop {
        let port = TcpListener::bind(("127.0.0.1", 0)).context("finding a free port")?.local_addr()?.port();
        if port != 5432 {
            return Ok(port);
        }
    }
}

/// The last lines of the server log (empty when unreadable).
fn log_tail(log: &Path) -> String {
    let text = std::fs::read_to_string(log).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(15)..].join("\n")
}
