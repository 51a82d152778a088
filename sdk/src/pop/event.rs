//! The PoP event format: one JSON object per line.
//!
//! ```json
//! {"participant":"<base58>","kind":"relay","units":3,"evidence":"<64 hex>","time":1700000000,"reporter":"<base58>"}
//! ```
//! Every field is required and no other field is allowed (a misspelt field is a schema error,
//! not a silently ignored one). Lines are numbered from 1; blank lines are counted, not parsed.
use std::io::{self, BufRead};

use anchor_lang::prelude::Pubkey;
use serde::{Deserialize, Serialize};

use super::codec::{hex32, pubkey_b58};

/// Longest excerpt of a malformed line kept in its rejection.
pub const EXCERPT_LEN: usize = 160;

/// One participation event, as a reporter attests it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PopEvent {
    /// The wallet that participated (and will claim), base58 in JSON.
    #[serde(with = "pubkey_b58")]
    pub participant: Pubkey,
    /// The kind of participation; must be one of the epoch rules' kinds.
    pub kind: String,
    /// How much of `kind` was done; weighted by the kind's weight.
    pub units: u64,
    /// Hash of the evidence behind the event (hex in JSON); an evidence hash counts once.
    #[serde(with = "hex32")]
    pub evidence: [u8; 32],
    /// When it happened (unix seconds).
    pub time: i64,
    /// Who attests the event, base58 in JSON.
    #[serde(with = "pubkey_b58")]
    pub reporter: Pubkey,
}

impl PopEvent {
    /// The event as one JSON line (no trailing newline).
    pub fn to_json_line(&self) -> String {
        serde_json::to_string(self).expect("a PopEvent always serializes")
    }
}

/// One line of an events file, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    /// Empty or whitespace only.
    Blank,
    /// A well-formed event.
    Event(PopEvent),
    /// Not JSON, or JSON that does not match the schema.
    Malformed {
        /// The parser's message.
        error: String,
        /// The start of the line (at most [`EXCERPT_LEN`] bytes, lossily decoded).
        excerpt: String,
    },
}

/// Parses one line (without its newline).
pub fn parse_line(raw: &[u8]) -> Line {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Line::Blank;
    }
    match serde_json::from_slice::<PopEvent>(raw) {
        Ok(event) => Line::Event(event),
        Err(e) => {
            let cut = &raw[..raw.len().min(EXCERPT_LEN)];
            Line::Malformed { error: e.to_string(), excerpt: String::from_utf8_lossy(cut).into_owned() }
        }
    }
}

/// Iterator over the numbered lines of an events file (`(line_number, Line)`, from 1).
///
/// Reads bytes, not `String`s: a line that is not UTF-8 is a malformed line, not an I/O error
/// that would end the file early.
pub struct EventLines<R> {
    reader: R,
    buf: Vec<u8>,
    number: u64,
}

impl<R: BufRead> EventLines<R> {
    /// Lines of `reader`.
    pub fn new(reader: R) -> Self {
        EventLines { reader, buf: Vec::with_capacity(512), number: 0 }
    }
}

impl<R: BufRead> Iterator for EventLines<R> {
    type Item = io::Result<(u64, Line)>;

    fn next(&mut self) -> Option<Self::Item> {
        self.buf.clear();
        match self.reader.read_until(b'\n', &mut self.buf) {
            Ok(0) => None,
            Ok(_) => {
                self.number += 1;
                let mut raw = self.buf.as_slice();
                if let Some(rest) = raw.strip_suffix(b"\n") {
                    raw = rest.strip_suffix(b"\r").unwrap_or(rest);
                }
                Some(Ok((self.number, parse_line(raw))))
            }
            Err(e) => Some(Err(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> PopEvent {
        PopEvent {
            participant: Pubkey::new_from_array([1; 32]),
            kind: "relay".into(),
            units: 3,
            evidence: [0xab; 32],
            time: 1_700_000_000,
            reporter: Pubkey::new_from_array([2; 32]),
        }
    }

    #[test]
    fn json_line_round_trip_and_encodings() {
        let line = sample().to_json_line();
        assert!(line.contains(&format!("\"participant\":\"{}\"", Pubkey::new_from_array([1; 32]))));
        assert!(line.contains(&format!("\"evidence\":\"{}\"", "ab".repeat(32))));
        assert_eq!(parse_line(line.as_bytes()), Line::Event(sample()));
    }

    #[test]
    fn numbered_lines_blank_malformed_and_crlf() {
        let good = sample().to_json_line();
        let mut text = format!("{good}\r\n\n   \nnot json\n{{\"participant\":1}}\n").into_bytes();
        text.extend_from_slice(b"\xff\n");
        text.extend_from_slice(good.as_bytes());
        let lines: Vec<_> = EventLines::new(text.as_slice()).map(Result::unwrap).collect();
        assert_eq!(lines.len(), 7);
        assert_eq!(lines[0], (1, Line::Event(sample())));
        assert_eq!(lines[1].1, Line::Blank);
        assert_eq!(lines[2].1, Line::Blank);
        assert!(matches!(&lines[3].1, Line::Malformed { excerpt, .. } if excerpt == "not json"));
        assert!(matches!(&lines[4].1, Line::Malformed { error, .. } if error.contains("base58")));
        assert!(matches!(&lines[5].1, Line::Malformed { .. }));
        assert_eq!(lines[6], (7, Line::Event(sample())));
    }

    #[test]
    fn schema_errors() {
        let mut value = serde_json::to_value(sample()).unwrap();
        value["extra"] = 1.into();
        let err = |v: &serde_json::Value| match parse_line(v.to_string().as_bytes()) {
            Line::Malformed { error, .. } => error,
            other => panic!("expected malformed, got {other:?}"),
        };
        assert!(err(&value).contains("unknown field `extra`"));
        let mut value = serde_json::to_value(sample()).unwrap();
        value["evidence"] = "abcd".into();
        assert!(err(&value).contains("64 hex digits"));
        value = serde_json::to_value(sample()).unwrap();
        value.as_object_mut().unwrap().remove("time");
        assert!(err(&value).contains("missing field `time`"));
        value = serde_json::to_value(sample()).unwrap();
        value["units"] = (-1).into();
        assert!(err(&value).contains("invalid value"));
    }
}
