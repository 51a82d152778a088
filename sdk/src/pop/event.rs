//! The PoP event format: one JSON object per line.
//!
//! ```json
//! {"participant":"<base58>","kind":"relay","units":3,"evidence":"<64 hex>","time":1700000000,"reporter":"<base58>"}
//! ```
//! Every field is required and no other field is allowed (a misspelt field is a schema error,
//! not a silently ignored one). Lines are numbered from 1; blank lines are counted, not parsed.
//! A line longer than [`MAX_LINE_BYTES`] is refused as too long; the reader skips to its end
//! without holding it in memory.
use std::io::{self, BufRead};

use anchor_lang::prelude::Pubkey;
use serde::{Deserialize, Serialize};

use super::codec::{hex32, pubkey_b58};
use crate::quote::{clip_bytes, parser_message};

/// Longest event line read, in bytes, without its line ending. A well-formed event is about
/// 250 bytes; a longer line is rejected as too long and never held in memory whole.
pub const MAX_LINE_BYTES: usize = 64 * 1024;

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
        /// The parser's message ([`parser_message`]: values it quotes are cut).
        error: String,
        /// The start of the line ([`clip_bytes`]).
        excerpt: String,
    },
    /// Longer than [`MAX_LINE_BYTES`]: not parsed.
    TooLong {
        /// The line's length in bytes (its line ending included when the reader skipped it).
        length: u64,
        /// The start of the line ([`clip_bytes`]).
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
        Err(e) => Line::Malformed { error: parser_message(&e), excerpt: clip_bytes(raw) },
    }
}

/// Iterator over the numbered lines of an events file (`(line_number, Line)`, from 1).
///
/// Reads bytes, not `String`s: a line that is not UTF-8 is a malformed line, not an I/O error
/// that would end the file early. Holds at most [`MAX_LINE_BYTES`] (plus its line ending) of a
/// line: the rest of a longer one is skipped, and the line is [`Line::TooLong`].
pub struct EventLines<R> {
    reader: R,
    buf: Vec<u8>,
    number: u64,
}

/// What [`EventLines::read_line`] read: the line's length in bytes (its ending included) and
/// whether it was too long to keep whole (then `buf` holds only its start).
struct RawLine {
    length: u64,
    too_long: bool,
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
        let read = match self.read_line() {
            Ok(None) => return None,
            Ok(Some(read)) => read,
            Err(e) => return Some(Err(e)),
        };
        self.number += 1;
        if read.too_long {
            let line = Line::TooLong { length: read.length, excerpt: clip_bytes(&self.buf) };
            return Some(Ok((self.number, line)));
        }
        let mut raw = self.buf.as_slice();
        if let Some(rest) = raw.strip_suffix(b"\n") {
            raw = rest.strip_suffix(b"\r").unwrap_or(rest);
        }
        let line = if raw.len() > MAX_LINE_BYTES {
            Line::TooLong { length: raw.len() as u64, excerpt: clip_bytes(raw) }
        } else {
            parse_line(raw)
        };
        Some(Ok((self.number, line)))
    }
}

impl<R: BufRead> EventLines<R> {
    /// Reads up to and including the next `\n` (or the end of input) into `buf`, keeping at
    /// most `MAX_LINE_BYTES + 2` bytes (a line and its `\r\n`); `None` at the end of input.
    fn read_line(&mut self) -> io::Result<Option<RawLine>> {
        self.buf.clear();
        let (mut length, mut too_long) = (0u64, false);
        loop {
            let available = match self.reader.fill_buf() {
                Ok(bytes) => bytes,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                break;
            }
            let newline = available.iter().position(|&b| b == b'\n');
            let chunk = &available[..newline.map_or(available.len(), |i| i + 1)];
            if !too_long {
                // Past `MAX_LINE_BYTES + 2` the line is too long even without its `\r\n`: keep
                // its start (for the excerpt) and skip the rest.
                let room = MAX_LINE_BYTES + 2 - self.buf.len();
                too_long = chunk.len() > room;
                self.buf.extend_from_slice(&chunk[..chunk.len().min(room)]);
            }
            let consumed = chunk.len();
            length += consumed as u64;
            self.reader.consume(consumed);
            if newline.is_some() {
                break;
            }
        }
        Ok((length > 0).then_some(RawLine { length, too_long }))
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

    #[test]
    fn a_line_beyond_the_limit_is_skipped_without_being_held() {
        use std::io::Read;
        // 8 MB of one line from a reader that produces it on the fly, then a good event.
        let good = sample().to_json_line();
        let huge = io::repeat(b'x').take(8 << 20);
        let input = io::BufReader::with_capacity(1 << 16, huge.chain(&b"\n"[..]).chain(good.as_bytes()));
        let mut lines = EventLines::new(input);
        let (number, line) = lines.next().unwrap().unwrap();
        assert_eq!(number, 1);
        assert!(
            matches!(&line, Line::TooLong { length, excerpt } if *length == (8 << 20) + 1 && excerpt.chars().count() == 81)
        );
        // At most the limit and its line ending were ever buffered (Vec growth may double it).
        assert!(lines.buf.capacity() <= 2 * (MAX_LINE_BYTES + 2), "buffer grew to {}", lines.buf.capacity());
        assert_eq!(lines.next().unwrap().unwrap(), (2, Line::Event(sample())));
        assert!(lines.next().is_none());
    }

    #[test]
    fn the_limit_is_on_the_line_without_its_ending() {
        let at_limit = format!("{}\r\n", " ".repeat(MAX_LINE_BYTES));
        let over = format!("{}\n", " ".repeat(MAX_LINE_BYTES + 1));
        let text = format!("{at_limit}{over}");
        let lines: Vec<_> = EventLines::new(text.as_bytes()).map(Result::unwrap).collect();
        assert_eq!(lines[0], (1, Line::Blank));
        assert!(matches!(&lines[1], (2, Line::TooLong { length, .. }) if *length == MAX_LINE_BYTES as u64 + 1));
    }
}
