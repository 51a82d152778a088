//! Decoding one Anchor event payload (8-byte discriminator + borsh). Finding payloads in a
//! transaction, attributed to the program that emitted them, is [`crate::decoder`]'s job.
use anchor_lang::{AnchorDeserialize, Discriminator};

/// Decodes `payload` as event `E` if its discriminator matches and the rest is exactly one `E`
/// (Anchor's own decoder ignores trailing bytes; a look-alike with extra bytes is no event).
pub fn decode_event<E: AnchorDeserialize + Discriminator>(payload: &[u8]) -> Option<E> {
    let mut body = payload.strip_prefix(E::DISCRIMINATOR)?;
    let event = E::deserialize(&mut body).ok()?;
    body.is_empty().then_some(event)
}

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang::AnchorSerialize;
    use psp_multisig::events::MultisigPaused;

    fn payload(extra: &[u8]) -> Vec<u8> {
        let event = MultisigPaused {
            multisig: Default::default(),
            member: Default::default(),
            old_flags: 0,
            new_flags: 1,
            timestamp: 7,
        };
        let mut bytes = MultisigPaused::DISCRIMINATOR.to_vec();
        bytes.extend(event.try_to_vec().unwrap());
        bytes.extend(extra);
        bytes
    }

    #[test]
    fn exact_payload_decodes() {
        assert_eq!(decode_event::<MultisigPaused>(&payload(&[])).map(|e| e.timestamp), Some(7));
    }

    #[test]
    fn trailing_bytes_or_short_payloads_are_refused() {
        assert!(decode_event::<MultisigPaused>(&payload(&[0])).is_none());
        let short = payload(&[]);
        assert!(decode_event::<MultisigPaused>(&short[..short.len() - 1]).is_none());
        assert!(decode_event::<MultisigPaused>(&short[8..]).is_none(), "no discriminator");
    }
}
