//! Keeping the terminal readable while PSP programs run natively in this process: their
//! `msg!` lines go to the process's stdout (there is no SBF log sink natively), so the demo and
//! `psp localnet` move file descriptor 1 to a log file and print through a saved copy of it.
use std::fs::File;
use std::io::Write;
use std::os::fd::FromRawFd;
use std::path::Path;

use anyhow::{bail, Context, Result};

/// The real terminal, after stdout was redirected.
pub struct Console {
    out: File,
}

impl Console {
    /// Redirects this process's stdout to `log` and returns a handle on the original stdout.
    pub fn redirect_stdout(log: &Path) -> Result<Self> {
        std::io::stdout().flush().ok();
        let file = File::create(log).with_context(|| format!("cannot create {}", log.display()))?;
        // SAFETY: plain descriptor calls on descriptors we own; `saved` becomes owned by `out`.
        unsafe {
            let saved = libc::dup(1);
            if saved < 0 {
                bail!("dup(stdout) failed");
            }
            if libc::dup2(std::os::fd::AsRawFd::as_raw_fd(&file), 1) < 0 {
                bail!("dup2 failed");
            }
            Ok(Self { out: File::from_raw_fd(saved) })
        }
    }

    /// Prints one line to the terminal.
    pub fn line(&mut self, text: impl AsRef<str>) {
        let _ = writeln!(self.out, "{}", text.as_ref());
        let _ = self.out.flush();
    }
}
