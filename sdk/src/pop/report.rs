//! The rejections file of an epoch (`epoch-<n>-rejections.json`): the accounting of the
//! validation and every rejection (full or partial) with its line, reason code, message and
//! event (or the start of the line when it did not parse).
use std::fs::File;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::event::PopEvent;
use super::validate::{RejectReason, Validation, ValidationStats};
use super::PopError;

/// One rejection as written to the file.
#[derive(Serialize)]
pub struct RejectionRecord<'a> {
    /// Line of the events file.
    pub line: u64,
    /// [`RejectReason::code`].
    pub code: &'static str,
    /// The reason in words.
    pub message: String,
    /// Whether some of the event's units were accepted.
    pub partial: bool,
    /// The structured reason.
    pub reason: &'a RejectReason,
    /// The event, when the line parsed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event: Option<&'a PopEvent>,
    /// The start of the line, when it did not parse.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<&'a str>,
}

/// The rejections file.
#[derive(Serialize)]
pub struct RejectionsReport<'a> {
    /// Epoch number.
    pub epoch: u64,
    /// The accounting of lines and units.
    pub stats: &'a ValidationStats,
    /// Every rejection in file order.
    pub rejections: Vec<RejectionRecord<'a>>,
}

impl<'a> RejectionsReport<'a> {
    /// The report of `validation` for `epoch`.
    pub fn new(epoch: u64, validation: &'a Validation) -> Self {
        let rejections = validation
            .rejections
            .iter()
            .map(|r| RejectionRecord {
                line: r.line,
                code: r.reason.code(),
                message: r.reason.to_string(),
                partial: r.is_partial(),
                reason: &r.reason,
                event: r.event.as_ref(),
                excerpt: r.excerpt.as_deref(),
            })
            .collect();
        RejectionsReport { epoch, stats: &validation.stats, rejections }
    }
}

/// Name of the rejections file of `epoch`.
pub fn rejections_file_name(epoch: u64) -> String {
    format!("epoch-{epoch}-rejections.json")
}

/// Writes `dir/epoch-<n>-rejections.json` (creating `dir`); returns its path.
pub fn write_rejections_file(epoch: u64, validation: &Validation, dir: &Path) -> Result<PathBuf, PopError> {
    std::fs::create_dir_all(dir).map_err(|e| PopError::io(dir, e))?;
    let path = dir.join(rejections_file_name(epoch));
    let file = File::create(&path).map_err(|e| PopError::io(&path, e))?;
    serde_json::to_writer_pretty(BufWriter::new(file), &RejectionsReport::new(epoch, validation))
        .map_err(|e| PopError::io(&path, e.into()))?;
    Ok(path)
}
