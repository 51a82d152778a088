//! A batch of [`TransactionRecord`]s turned into one array per column, bound as parameters of
//! one `INSERT ... SELECT FROM UNNEST(...)` per table (a batch of any size is one statement).
//! Pure: every conversion that can fail (a u64 beyond BIGINT) fails here, before the database.
use anyhow::{Context, Result};
use psp_sdk::decoder::{EventForm, Rejection};

use super::sink::TransactionRecord;

/// The text stored for an event's carrier in `events.form` and `rejected_events.form`.
pub fn form_name(form: EventForm) -> &'static str {
    match form {
        EventForm::Log => "log",
        EventForm::Cpi => "cpi",
    }
}

/// The text stored in `rejected_events.reason`.
pub fn reason_name(reason: Rejection) -> &'static str {
    match reason {
        Rejection::Undecodable => "undecodable",
        Rejection::ForeignInvocation => "foreign_invocation",
    }
}

/// Columns of `transactions`.
#[derive(Default)]
pub struct TransactionColumns<'a> {
    pub signature: Vec<&'a str>,
    pub slot: Vec<i64>,
    pub block_time: Vec<Option<i64>>,
    pub failed: Vec<bool>,
    pub error: Vec<Option<&'a str>>,
    pub failed_program: Vec<Option<String>>,
    pub logs_truncated: Vec<bool>,
    pub commitment: Vec<&'static str>,
}

/// Columns of `events`.
#[derive(Default)]
pub struct EventColumns<'a> {
    pub slot: Vec<i64>,
    pub signature: Vec<&'a str>,
    pub instruction_index: Vec<i32>,
    pub inner_index: Vec<Option<i32>>,
    pub event_index: Vec<i32>,
    pub program: Vec<String>,
    pub program_name: Vec<&'static str>,
    pub name: Vec<&'static str>,
    pub form: Vec<&'static str>,
    pub payload: Vec<&'a [u8]>,
    pub block_time: Vec<Option<i64>>,
}

/// Columns of `rejected_events`.
#[derive(Default)]
pub struct RejectedColumns<'a> {
    pub slot: Vec<i64>,
    pub signature: Vec<&'a str>,
    pub rejected_index: Vec<i32>,
    pub instruction_index: Vec<i32>,
    pub inner_index: Vec<Option<i32>>,
    pub program: Vec<String>,
    pub form: Vec<&'static str>,
    pub reason: Vec<&'static str>,
    pub payload_prefix: Vec<&'a [u8]>,
}

/// Every row of a batch, column by column.
#[derive(Default)]
pub struct BatchColumns<'a> {
    pub transactions: TransactionColumns<'a>,
    pub events: EventColumns<'a>,
    pub rejected: RejectedColumns<'a>,
}

/// A slot as BIGINT.
pub fn bigint(slot: u64) -> Result<i64> {
    i64::try_from(slot).with_context(|| format!("slot {slot} exceeds BIGINT"))
}

fn int(value: u32, what: &str) -> Result<i32> {
    i32::try_from(value).with_context(|| format!("{what} {value} exceeds INTEGER"))
}

impl<'a> BatchColumns<'a> {
    /// The columns of `records`, in order.
    pub fn of(records: &'a [TransactionRecord]) -> Result<Self> {
        let mut out = Self::default();
        for record in records {
            out.push(record).with_context(|| format!("transaction {}", record.signature))?;
        }
        Ok(out)
    }

    fn push(&mut self, r: &'a TransactionRecord) -> Result<()> {
        let slot = bigint(r.slot)?;
        let tx = &mut self.transactions;
        tx.signature.push(&r.signature);
        tx.slot.push(slot);
        tx.block_time.push(r.block_time);
        tx.failed.push(r.failed);
        tx.error.push(r.error.as_deref());
        tx.failed_program.push(r.decoded.failed_program.map(|p| p.to_string()));
        tx.logs_truncated.push(r.decoded.logs_truncated);
        tx.commitment.push(r.commitment.as_str());

        for e in &r.decoded.events {
            let ev = &mut self.events;
            ev.slot.push(slot);
            ev.signature.push(&r.signature);
            ev.instruction_index.push(int(e.position.instruction_index, "instruction index")?);
            ev.inner_index.push(e.position.inner_index.map(|i| int(i, "inner index")).transpose()?);
            ev.event_index.push(int(e.event_index, "event index")?);
            ev.program.push(e.position.program_id.to_string());
            ev.program_name.push(e.event.program_name());
            ev.name.push(e.event.name());
            ev.form.push(form_name(e.position.form));
            ev.payload.push(&e.payload);
            ev.block_time.push(r.block_time);
        }
        for (index, rejected) in r.decoded.rejected.iter().enumerate() {
            let rj = &mut self.rejected;
            rj.slot.push(slot);
            rj.signature.push(&r.signature);
            rj.rejected_index.push(i32::try_from(index).context("rejected index exceeds INTEGER")?);
            rj.instruction_index.push(int(rejected.position.instruction_index, "instruction index")?);
            rj.inner_index.push(rejected.position.inner_index.map(|i| int(i, "inner index")).transpose()?);
            rj.program.push(rejected.position.program_id.to_string());
            rj.form.push(form_name(rejected.position.form));
            rj.reason.push(reason_name(rejected.reason));
            rj.payload_prefix.push(&rejected.payload_prefix);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pg::sink::Commitment;

    fn record(slot: u64) -> TransactionRecord {
        TransactionRecord {
            slot,
            signature: "5sig".into(),
            block_time: None,
            failed: false,
            error: None,
            commitment: Commitment::Finalized,
            decoded: Default::default(),
        }
    }

    #[test]
    fn a_slot_beyond_bigint_is_refused_before_the_database() {
        let fits = [record(i64::MAX as u64)];
        let ok = BatchColumns::of(&fits).unwrap();
        assert_eq!((ok.transactions.slot, ok.transactions.commitment), (vec![i64::MAX], vec!["finalized"]));
        let too_far = [record(1), record(u64::MAX)];
        let err = BatchColumns::of(&too_far).err().expect("u64::MAX does not fit");
        let text = format!("{err:#}");
        assert!(text.contains("5sig") && text.contains("exceeds BIGINT"), "{text}");
    }
}
