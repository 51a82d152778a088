//! Anchor event decoding from transaction logs (`emit!`) and from inner instructions
//! (`emit_cpi!`), attributed to the program that emitted them.
use anchor_lang::event::EVENT_IX_TAG_LE;
use anchor_lang::prelude::Pubkey;
use anchor_lang::{AnchorDeserialize, Discriminator};
use base64::{engine::general_purpose::STANDARD, Engine};
use std::str::FromStr;

/// One `Program data:` payload and the program whose frame logged it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoggedData {
    /// Program executing when the line was logged.
    pub program_id: Pubkey,
    /// Invocation depth (1 = top level).
    pub depth: usize,
    /// Decoded payload (Anchor: 8-byte discriminator + borsh).
    pub data: Vec<u8>,
}

/// Walks the log's invoke/success/failed frames and returns each `Program data:` payload with
/// the program that emitted it. Lines a program printed that merely look like frames cannot
/// forge attribution: runtime frame lines have a fixed shape checked here.
pub fn logged_data(logs: &[String]) -> Vec<LoggedData> {
    let mut stack: Vec<Pubkey> = Vec::new();
    let mut out = Vec::new();
    for line in logs {
        if let Some(rest) = line.strip_prefix("Program data: ") {
            if let Some(program_id) = stack.last() {
                let data = rest.split(' ').flat_map(|part| STANDARD.decode(part).unwrap_or_default()).collect();
                out.push(LoggedData { program_id: *program_id, depth: stack.len(), data });
            }
        } else if let Some(rest) = line.strip_prefix("Program ") {
            let mut words = rest.split(' ');
            let (Some(id), Some(verb)) = (words.next(), words.next()) else { continue };
            let Ok(id) = Pubkey::from_str(id) else { continue };
            match verb {
                "invoke" => stack.push(id),
                "success" | "failed:" if stack.last() == Some(&id) => {
                    stack.pop();
                }
                _ => {}
            }
        }
    }
    out
}

/// The event payload of an `emit_cpi!` inner instruction (its data minus Anchor's tag).
pub fn cpi_event_payload(ix_data: &[u8]) -> Option<&[u8]> {
    ix_data.strip_prefix(EVENT_IX_TAG_LE)
}

/// Decodes `payload` as event `E` if its discriminator matches.
pub fn decode_event<E: AnchorDeserialize + Discriminator>(payload: &[u8]) -> Option<E> {
    let body = payload.strip_prefix(E::DISCRIMINATOR)?;
    E::deserialize(&mut &body[..]).ok()
}

/// Every event `E` emitted by `program_id` in `logs`.
pub fn events_in_logs<E: AnchorDeserialize + Discriminator>(logs: &[String], program_id: &Pubkey) -> Vec<E> {
    logged_data(logs)
        .into_iter()
        .filter(|d| d.program_id == *program_id)
        .filter_map(|d| decode_event(&d.data))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use anchor_lang::AnchorSerialize;
    use psp_multisig::events::MultisigPaused;

    fn data_line<E: AnchorSerialize + Discriminator>(e: &E) -> String {
        let mut bytes = E::DISCRIMINATOR.to_vec();
        bytes.extend(e.try_to_vec().unwrap());
        format!("Program data: {}", STANDARD.encode(bytes))
    }

    #[test]
    fn attributes_data_to_emitting_program() {
        let ours = psp_multisig::ID;
        let other = Pubkey::new_unique();
        let event = MultisigPaused {
            multisig: Pubkey::new_unique(),
            member: Pubkey::new_unique(),
            old_flags: 0,
            new_flags: 1,
            timestamp: 7,
        };
        // A recorded SBF-style log: our program invokes another, which logs a look-alike event.
        let logs = vec![
            format!("Program {ours} invoke [1]"),
            "Program log: Instruction: MultisigPause".to_string(),
            format!("Program {other} invoke [2]"),
            data_line(&event),
            format!("Program {other} consumed 100 of 199000 compute units"),
            format!("Program {other} success"),
            data_line(&event),
            format!("Program {ours} consumed 5000 of 200000 compute units"),
            format!("Program {ours} success"),
        ];
        let found: Vec<MultisigPaused> = events_in_logs(&logs, &ours);
        assert_eq!(found.len(), 1, "the forged event from the inner program is not ours");
        assert_eq!(found[0].timestamp, 7);
        assert_eq!(logged_data(&logs)[0].depth, 2);
    }

    #[test]
    fn cpi_payload_strips_tag() {
        let mut data = EVENT_IX_TAG_LE.to_vec();
        data.extend([1, 2, 3]);
        assert_eq!(cpi_event_payload(&data), Some(&[1u8, 2, 3][..]));
        assert_eq!(cpi_event_payload(&[0u8; 4]), None);
    }
}
