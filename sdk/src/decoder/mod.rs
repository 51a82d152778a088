//! THE decoder of PSP transactions: given a confirmed transaction (its top-level program ids,
//! inner instructions and logs), every PSP event in execution order, each attributed to the
//! program that emitted it and decoded only under that program's events.
//!
//! Two carriers exist: `emit!` writes `Program data: <base64>` log lines, attributed here to the
//! program on top of the invoke stack; `emit_cpi!` is a self-invocation whose instruction data is
//! Anchor's event tag plus the event, accepted only when its parent frame is the same program
//! (anyone can invoke a program with look-alike data; only the program itself can sign as its
//! event authority, and the parent check does not rely on the transaction having succeeded).
//! Logs are cut at 10 KB per transaction (`Log truncated`): log events after the cut are lost and
//! the transaction is flagged; CPI events survive and are still returned, after the walked part.
//!
//! The pure walk is in [`walk`]; [`rpc`] builds a [`TransactionView`] from `getTransaction`.
pub mod rpc;
mod walk;

use anchor_lang::event::EVENT_IX_TAG_LE;
use anchor_lang::prelude::Pubkey;
use anchor_lang::{AnchorDeserialize, Discriminator};

use crate::events::decode_event;
use crate::governance::events::GovernanceEvent;
use crate::multisig::events::MultisigEvent;
use crate::pop::program_events::PopProgramEvent;
use crate::staking::events::StakingEvent;
use crate::timelock::events::TimelockEvent;

/// One inner instruction as recorded by the runtime.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InnerInstruction {
    /// The invoked program.
    pub program_id: Pubkey,
    /// Instruction data.
    pub data: Vec<u8>,
    /// Invocation depth (2 = invoked by a top-level instruction); `None` on old records.
    pub stack_height: Option<u32>,
}

/// What the decoder reads of a transaction, independent of how it was fetched.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TransactionView {
    /// Program id of each top-level instruction, in order (v0: resolved through the loaded
    /// addresses).
    pub programs: Vec<Pubkey>,
    /// Inner instructions of each top-level instruction (`inner[i]` belongs to instruction `i`);
    /// `None` where the source records none (solana-program-test), in which case the
    /// `Program cpi-event:` lines that PSP's native test stubs log stand in for them.
    pub inner: Option<Vec<Vec<InnerInstruction>>>,
    /// Log messages (empty when the node kept none).
    pub logs: Vec<String>,
}

/// How an event was carried.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventForm {
    /// A `Program data:` log line (`emit!`).
    Log,
    /// An event self-invocation (`emit_cpi!`).
    Cpi,
}

/// A decoded event of one of the PSP programs.
#[derive(Debug)]
pub enum PspEvent {
    /// From `psp_multisig`.
    Multisig(MultisigEvent),
    /// From `psp_timelock`.
    Timelock(TimelockEvent),
    /// From `psp_staking`.
    Staking(StakingEvent),
    /// From `psp_pop`.
    Pop(PopProgramEvent),
    /// From `psp_governance`.
    Governance(GovernanceEvent),
}

impl PspEvent {
    /// Decodes `payload` under the events of `program_id` only (names repeat across programs).
    /// `None`: not a PSP program, or no event of that program matches exactly.
    pub fn decode(program_id: &Pubkey, payload: &[u8]) -> Option<Self> {
        match *program_id {
            id if id == psp_multisig::ID => MultisigEvent::decode(payload).map(Self::Multisig),
            id if id == psp_timelock::ID => TimelockEvent::decode(payload).map(Self::Timelock),
            id if id == psp_staking::ID => StakingEvent::decode(payload).map(Self::Staking),
            id if id == psp_pop::ID => PopProgramEvent::decode(payload).map(Self::Pop),
            id if id == psp_governance::ID => GovernanceEvent::decode(payload).map(Self::Governance),
            _ => None,
        }
    }

    /// The event's name as in its program's IDL (names repeat across programs: pair it with
    /// [`Self::program_name`]).
    pub fn name(&self) -> &'static str {
        match self {
            Self::Multisig(e) => e.name(),
            Self::Timelock(e) => e.name(),
            Self::Staking(e) => e.name(),
            Self::Pop(e) => e.name(),
            Self::Governance(e) => e.name(),
        }
    }

    /// The emitting program's crate name (`psp_multisig`, ...), as its IDL file is named.
    pub fn program_name(&self) -> &'static str {
        match self {
            Self::Multisig(_) => "psp_multisig",
            Self::Timelock(_) => "psp_timelock",
            Self::Staking(_) => "psp_staking",
            Self::Pop(_) => "psp_pop",
            Self::Governance(_) => "psp_governance",
        }
    }
}

/// Whether `program_id` is one of the PSP programs.
pub fn is_psp_program(program_id: &Pubkey) -> bool {
    [psp_multisig::ID, psp_timelock::ID, psp_staking::ID, psp_pop::ID, psp_governance::ID].contains(program_id)
}

/// Where an event sits in its transaction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EventPosition {
    /// The emitting program.
    pub program_id: Pubkey,
    /// Index of the top-level instruction it belongs to.
    pub instruction_index: u32,
    /// `Cpi`: index of the event's own inner instruction; `Log`: index of the inner instruction
    /// whose frame logged it, `None` when logged by the top-level frame.
    pub inner_index: Option<u32>,
    /// How it was carried.
    pub form: EventForm,
}

/// One PSP event of a transaction.
#[derive(Debug)]
pub struct DecodedEvent {
    /// Where it was emitted.
    pub position: EventPosition,
    /// Its index among the transaction's events, in execution order.
    pub event_index: u32,
    /// The raw event (discriminator + borsh), for typed access with [`DecodedTransaction::events_of`].
    pub payload: Vec<u8>,
    /// The decoded event.
    pub event: PspEvent,
}

/// Why a PSP-looking payload was not accepted as an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// A PSP program logged data that is no event of that program (unknown discriminator,
    /// a layout that does not match exactly, or invalid base64).
    Undecodable,
    /// An event self-invocation whose parent frame is not the program itself (a forgery, or a
    /// record too old to carry stack heights).
    ForeignInvocation,
}

/// A payload that looked like a PSP event but was refused, with the reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RejectedEvent {
    /// Where it appeared.
    pub position: EventPosition,
    /// Why it was refused.
    pub reason: Rejection,
    /// At most the first 64 bytes of the payload, for diagnosis.
    pub payload_prefix: Vec<u8>,
}

/// Every PSP event of one transaction.
#[derive(Debug, Default)]
pub struct DecodedTransaction {
    /// The events, in execution order.
    pub events: Vec<DecodedEvent>,
    /// Payloads refused, with their reason (never silently dropped).
    pub rejected: Vec<RejectedEvent>,
    /// The runtime cut the logs (`Log truncated`): `emit!` events after the cut are missing and
    /// the transaction's accounts must be reconciled from chain state.
    pub logs_truncated: bool,
    /// For a failed transaction, the innermost program that failed (its error code is that
    /// program's), as the logs tell.
    pub failed_program: Option<Pubkey>,
}

impl DecodedTransaction {
    /// Every event `E` that `program_id` emitted, in execution order.
    pub fn events_of<E: AnchorDeserialize + Discriminator>(&self, program_id: &Pubkey) -> Vec<E> {
        self.events
            .iter()
            .filter(|e| e.position.program_id == *program_id)
            .filter_map(|e| decode_event(&e.payload))
            .collect()
    }
}

/// The event payload of an event self-invocation's data, if it carries Anchor's event tag.
pub fn cpi_event_payload(ix_data: &[u8]) -> Option<&[u8]> {
    ix_data.strip_prefix(EVENT_IX_TAG_LE)
}

/// Decodes every PSP event of `tx` in execution order (see the module docs).
pub fn decode_transaction(tx: &TransactionView) -> DecodedTransaction {
    let walked = walk::walk(tx);
    let mut out = DecodedTransaction {
        logs_truncated: walked.truncated,
        failed_program: walked.failed_program,
        ..Default::default()
    };
    for found in walked.found {
        let event_index = out.events.len() as u32;
        match found.verdict {
            Err(reason) => out.rejected.push(RejectedEvent {
                position: found.position,
                reason,
                payload_prefix: found.payload.iter().take(64).copied().collect(),
            }),
            Ok(()) => match PspEvent::decode(&found.position.program_id, &found.payload) {
                Some(event) => out.events.push(DecodedEvent {
                    position: found.position,
                    event_index,
                    payload: found.payload,
                    event,
                }),
                None => out.rejected.push(RejectedEvent {
                    position: found.position,
                    reason: Rejection::Undecodable,
                    payload_prefix: found.payload.iter().take(64).copied().collect(),
                }),
            },
        }
    }
    out
}

#[cfg(test)]
mod tests;
