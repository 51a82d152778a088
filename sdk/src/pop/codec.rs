//! Text encodings of the PoP formats: public keys as base58 strings, 32-byte hashes as
//! lowercase hex (upper case accepted when reading), u128 as decimal strings, and the serde
//! adapters that apply them (`#[serde(with = "...")]`).
use std::fmt;
use std::str::FromStr;

use anchor_lang::prelude::Pubkey;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::quote::quote;

const HEX: &[u8; 16] = b"0123456789abcdef";

/// `bytes` as 64 lowercase hex digits.
pub fn to_hex(bytes: &[u8; 32]) -> String {
    let mut out = String::with_capacity(64);
    for b in bytes {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 15)]));
    }
    out
}

fn nibble(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

/// Parses exactly 64 hex digits into 32 bytes.
pub fn from_hex(text: &str) -> Result<[u8; 32], String> {
    let raw = text.as_bytes();
    if raw.len() != 64 {
        return Err(format!("expected 64 hex digits, got {} characters", raw.len()));
    }
    let mut out = [0u8; 32];
    for (byte, pair) in out.iter_mut().zip(raw.chunks_exact(2)) {
        match (nibble(pair[0]), nibble(pair[1])) {
            (Some(hi), Some(lo)) => *byte = (hi << 4) | lo,
            _ => return Err(format!("{} is not hex", quote(text))),
        }
    }
    Ok(out)
}

/// Parses a base58 public key.
pub fn parse_pubkey(text: &str) -> Result<Pubkey, String> {
    Pubkey::from_str(text).map_err(|_| format!("{} is not a base58 public key", quote(text)))
}

/// Deserializes a string through `parse` without allocating.
fn parse_str<'de, D: Deserializer<'de>, T>(
    d: D,
    what: &'static str,
    parse: fn(&str) -> Result<T, String>,
) -> Result<T, D::Error> {
    struct V<T> {
        what: &'static str,
        parse: fn(&str) -> Result<T, String>,
    }
    impl<T> Visitor<'_> for V<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str(self.what)
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
            (self.parse)(v).map_err(E::custom)
        }
    }
    d.deserialize_str(V { what, parse })
}

/// A public key that (de)serializes as a base58 string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct B58(pub Pubkey);

impl Serialize for B58 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for B58 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_str(d, "a base58 public key", parse_pubkey).map(B58)
    }
}

/// A 32-byte hash that (de)serializes as 64 hex digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hex32(pub [u8; 32]);

impl Serialize for Hex32 {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&to_hex(&self.0))
    }
}

impl<'de> Deserialize<'de> for Hex32 {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        parse_str(d, "a 32-byte hash as 64 hex digits", from_hex).map(Hex32)
    }
}

/// serde adapter: `Pubkey` as a base58 string.
pub mod pubkey_b58 {
    use super::*;
    /// Serializes as base58.
    pub fn serialize<S: Serializer>(key: &Pubkey, s: S) -> Result<S::Ok, S::Error> {
        B58(*key).serialize(s)
    }
    /// Deserializes from base58.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Pubkey, D::Error> {
        B58::deserialize(d).map(|k| k.0)
    }
}

/// serde adapter: `Option<Vec<Pubkey>>` as a list of base58 strings (or null / absent).
pub mod opt_pubkeys_b58 {
    use super::*;
    /// Serializes as base58 strings.
    pub fn serialize<S: Serializer>(keys: &Option<Vec<Pubkey>>, s: S) -> Result<S::Ok, S::Error> {
        keys.as_ref().map(|v| v.iter().copied().map(B58).collect::<Vec<_>>()).serialize(s)
    }
    /// Deserializes from base58 strings.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<Pubkey>>, D::Error> {
        Ok(Option::<Vec<B58>>::deserialize(d)?.map(|v| v.into_iter().map(|k| k.0).collect()))
    }
}

/// serde adapter: `[u8; 32]` as 64 hex digits.
pub mod hex32 {
    use super::*;
    /// Serializes as hex.
    pub fn serialize<S: Serializer>(bytes: &[u8; 32], s: S) -> Result<S::Ok, S::Error> {
        Hex32(*bytes).serialize(s)
    }
    /// Deserializes from hex.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<[u8; 32], D::Error> {
        Hex32::deserialize(d).map(|h| h.0)
    }
}

/// serde adapter: `Vec<[u8; 32]>` as a list of hex strings.
pub mod hex32_vec {
    use super::*;
    /// Serializes as hex strings.
    pub fn serialize<S: Serializer>(list: &[[u8; 32]], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(list.iter().map(|h| Hex32(*h)))
    }
    /// Deserializes from hex strings.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<[u8; 32]>, D::Error> {
        Ok(Vec::<Hex32>::deserialize(d)?.into_iter().map(|h| h.0).collect())
    }
}

/// serde adapter: `u128` as a decimal string (JSON numbers lose precision beyond 2^53 in many
/// readers).
pub mod u128_str {
    use super::*;
    /// Serializes as a decimal string.
    pub fn serialize<S: Serializer>(value: &u128, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(value)
    }
    /// Deserializes from a decimal string.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<u128, D::Error> {
        parse_str(d, "a decimal integer string", |t| t.parse::<u128>().map_err(|e| format!("{}: {e}", quote(t))))
    }
}
