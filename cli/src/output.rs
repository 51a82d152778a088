//! Printing results as text or JSON.
use serde::Serialize;

use crate::cluster::OutputFormat;

/// Prints `value` as pretty JSON, or `text()` in text mode.
pub fn print<T: Serialize>(format: OutputFormat, value: &T, text: impl FnOnce() -> String) {
    match format {
        OutputFormat::Json => println!("{}", serde_json::to_string_pretty(value).expect("serializable")),
        OutputFormat::Text => println!("{}", text()),
    }
}
