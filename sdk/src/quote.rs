//! Quoting refused input in messages. Input can be hostile (a 50 MB line in an events file, a
//! huge value in a JSON field): every error or rejection message that echoes what it refuses
//! goes through [`quote`] (or [`clip`] where the text stands alone, as an excerpt field), so a
//! message quotes at most [`QUOTE_MAX_CHARS`] characters of it.
use std::borrow::Cow;

/// Most characters of refused input a message quotes; longer input is cut and marked with `…`.
pub const QUOTE_MAX_CHARS: usize = 80;

/// Longest JSON parser message kept, in characters (its position suffix aside). The parser
/// echoes some values it refuses (a string where a number belongs, an unknown field's name):
/// cutting its message cuts those.
pub const MAX_PARSER_MESSAGE_CHARS: usize = 160;

/// `text` cut to at most `max_chars` characters, with `…` appended when cut.
pub fn clip_to(text: &str, max_chars: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max_chars) {
        None => Cow::Borrowed(text),
        Some((end, _)) => Cow::Owned(format!("{}…", &text[..end])),
    }
}

/// `text` cut to at most [`QUOTE_MAX_CHARS`] characters, with `…` appended when cut.
pub fn clip(text: &str) -> Cow<'_, str> {
    clip_to(text, QUOTE_MAX_CHARS)
}

/// `text` as a message quotes it: in single quotes, cut by [`clip`] (`'abc'`, `'abcd…'`).
pub fn quote(text: &str) -> String {
    format!("'{}'", clip(text))
}

/// The start of raw bytes (perhaps not UTF-8), lossily decoded and cut by [`clip`]; reads only
/// the first bytes, however long `raw` is.
pub fn clip_bytes(raw: &[u8]) -> String {
    // A char is at most 4 bytes: a cut head still decodes to more than QUOTE_MAX_CHARS chars,
    // so `clip` marks the cut.
    let head = &raw[..raw.len().min((QUOTE_MAX_CHARS + 1) * 4)];
    clip(&String::from_utf8_lossy(head)).into_owned()
}

/// A JSON parser error in words, cut to [`MAX_PARSER_MESSAGE_CHARS`] (keeping its
/// "at line L column C" suffix): use it wherever a `serde_json` error reaches a message.
pub fn parser_message(error: &serde_json::Error) -> String {
    let full = error.to_string();
    let position = format!(" at line {} column {}", error.line(), error.column());
    match full.strip_suffix(&position) {
        Some(message) => format!("{}{position}", clip_to(message, MAX_PARSER_MESSAGE_CHARS)),
        None => clip_to(&full, MAX_PARSER_MESSAGE_CHARS).into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_kept_long_text_is_cut_at_a_char_boundary() {
        assert_eq!(quote("abc"), "'abc'");
        let long = "é".repeat(1_000_000);
        let quoted = quote(&long);
        assert_eq!(quoted.chars().count(), QUOTE_MAX_CHARS + 3);
        assert!(quoted.ends_with("…'"));
        assert_eq!(clip(&"x".repeat(QUOTE_MAX_CHARS)), "x".repeat(QUOTE_MAX_CHARS));
        assert_eq!(clip_to("abcdef", 3), "abc…");
    }

    #[test]
    fn raw_bytes_are_decoded_lossily_and_cut() {
        assert_eq!(clip_bytes(b"not json"), "not json");
        assert_eq!(clip_bytes(b"\xffab"), "\u{fffd}ab");
        let raw = vec![b'x'; 50 << 20];
        let clipped = clip_bytes(&raw);
        assert_eq!(clipped.chars().count(), QUOTE_MAX_CHARS + 1);
        let wide = "\u{10348}".repeat(QUOTE_MAX_CHARS + 5);
        assert_eq!(clip_bytes(wide.as_bytes()), format!("{}…", "\u{10348}".repeat(QUOTE_MAX_CHARS)));
    }

    #[test]
    fn parser_messages_keep_their_position_and_lose_echoed_values() {
        let long = "y".repeat(100_000);
        let error = serde_json::from_str::<u64>(&format!("\"{long}\"")).unwrap_err();
        let message = parser_message(&error);
        assert!(message.starts_with("invalid type: string \"yyy"), "{message}");
        assert!(message.ends_with("… at line 1 column 100002"), "{message}");
        assert!(message.chars().count() < MAX_PARSER_MESSAGE_CHARS + 30, "{message}");
        let error = serde_json::from_str::<u64>("[").unwrap_err();
        assert_eq!(parser_message(&error), error.to_string());
    }
}
