//! The log walk: runtime frame lines give the invoke stack, which attributes `Program data:`
//! lines to their program and places event self-invocations among them; CPI events the logs do
//! not reach (cut or absent) follow, in inner-instruction order, within their instruction.
use std::collections::BTreeSet;
use std::str::FromStr;

use anchor_lang::prelude::Pubkey;
use base64::{engine::general_purpose::STANDARD, Engine};

use super::{
    cpi_event_payload, is_psp_program, EventForm, EventPosition, InnerInstruction, Rejection, TransactionView,
};

/// A PSP payload found in the transaction, accepted (`Ok`) or refused before decoding.
pub(super) struct Found {
    pub position: EventPosition,
    pub payload: Vec<u8>,
    pub verdict: Result<(), Rejection>,
}

/// What the walk found, in execution order.
pub(super) struct Walked {
    pub found: Vec<Found>,
    pub truncated: bool,
    /// The innermost program that failed (the first `failed:` line).
    pub failed_program: Option<Pubkey>,
}

/// A runtime line the walk understands. Program-printed text always starts `Program log:`
/// (or `Program data:` / `Program return:`), so it cannot pose as a frame line.
enum Line<'a> {
    Invoke { program: Pubkey, depth: usize },
    Exit { program: Pubkey, failed: bool },
    Data(&'a str),
    CpiEvent(&'a str),
    Truncated,
    Other,
}

fn parse(line: &str) -> Line<'_> {
    if line == "Log truncated" {
        return Line::Truncated;
    }
    if let Some(rest) = line.strip_prefix("Program data: ") {
        return Line::Data(rest);
    }
    if let Some(rest) = line.strip_prefix("Program cpi-event: ") {
        return Line::CpiEvent(rest);
    }
    let Some(rest) = line.strip_prefix("Program ") else { return Line::Other };
    let mut words = rest.split(' ');
    let (Some(id), Some(verb)) = (words.next(), words.next()) else { return Line::Other };
    let Ok(program) = Pubkey::from_str(id) else { return Line::Other };
    match (verb, words.next()) {
        ("invoke", Some(depth)) => {
            let depth = depth.strip_prefix('[').and_then(|d| d.strip_suffix(']')).and_then(|d| d.parse().ok());
            depth.map_or(Line::Other, |depth| Line::Invoke { program, depth })
        }
        ("success", None) => Line::Exit { program, failed: false },
        ("failed:", _) => Line::Exit { program, failed: true },
        _ => Line::Other,
    }
}

/// Decodes a `Program data:` value: base64 fields separated by spaces, concatenated.
fn base64_fields(value: &str) -> Option<Vec<u8>> {
    value.split(' ').try_fold(Vec::new(), |mut bytes, field| {
        bytes.extend(STANDARD.decode(field).ok()?);
        Some(bytes)
    })
}

/// One open invocation frame.
struct Frame {
    program: Pubkey,
    /// Index of the inner instruction this frame executes; `None` for the top-level frame.
    inner: Option<u32>,
    /// Invoke lines that announced it, and exit lines seen so far: 1 each in SBF logs; natively
    /// hosted programs (solana-program-test's builtin shim, also in the embedded validator) log
    /// each frame line two or three times (see [`Walker::invoke`]); a frame closes after as many
    /// exit lines as it had invoke lines.
    lines: u32,
    exits: u32,
}

/// Walk state over one transaction.
struct Walker<'a> {
    tx: &'a TransactionView,
    stack: Vec<Frame>,
    /// Top-level instruction being executed (`None` before the first).
    instruction: Option<u32>,
    /// Inner instructions of the current top-level instruction seen in the logs so far.
    next_inner: u32,
    /// Native invoke lines logged with the caller's depth, owed to the next frame.
    pending_lines: u32,
    /// CPI events already placed, as (instruction, inner index).
    placed: BTreeSet<(u32, u32)>,
    found: Vec<Found>,
}

impl<'a> Walker<'a> {
    fn inner_of(&self, instruction: u32) -> &'a [InnerInstruction] {
        self.tx.inner.as_ref().and_then(|sets| sets.get(instruction as usize)).map_or(&[], Vec::as_slice)
    }

    /// An `invoke [depth]` line. SBF logs one per frame. Natively hosted programs add more: a
    /// top-level builtin is announced twice at `[1]` (runtime and shim); a CPI is first announced
    /// by the syscall stub with the caller's depth, then at its true depth by the runtime (and the
    /// shim again, for a builtin). So: a line at the open frame's depth for the same program adds
    /// to that frame, one at a shallower depth (or for another program) is owed to the next frame,
    /// one a level deeper opens a frame, and `[1]` on an empty stack starts the next top-level
    /// instruction.
    fn invoke(&mut self, program: Pubkey, depth: usize) {
        let open = self.stack.len();
        if depth == 1 && open == 0 {
            self.flush_unplaced();
            self.instruction = Some(self.instruction.map_or(0, |i| i + 1));
            self.next_inner = 0;
            self.push(program, None);
        } else if depth == open && self.stack.last().is_some_and(|top| top.program == program) {
            if let Some(top) = self.stack.last_mut() {
                top.lines += 1;
            }
        } else if depth <= open {
            self.pending_lines += 1;
        } else if let Some(instruction) = self.instruction {
            let index = self.next_inner;
            self.next_inner += 1;
            self.push(program, Some(index));
            if let Some(ix) = self.inner_of(instruction).get(index as usize) {
                if ix.program_id == program {
                    self.place_cpi(instruction, index);
                }
            }
        }
    }

    fn push(&mut self, program: Pubkey, inner: Option<u32>) {
        let lines = 1 + std::mem::take(&mut self.pending_lines);
        self.stack.push(Frame { program, inner, lines, exits: 0 });
    }

    /// A `success` or `failed:` line of `program`: closes the top frame once it has seen as many
    /// exit lines as invoke lines.
    fn exit(&mut self, program: Pubkey) {
        let Some(top) = self.stack.last_mut() else { return };
        if top.program != program {
            return;
        }
        top.exits += 1;
        if top.exits >= top.lines {
            self.stack.pop();
        }
    }

    /// A `Program data:` line: an event candidate of the program on top of the stack.
    fn data(&mut self, value: &str) {
        let inner = self.stack.last().and_then(|frame| frame.inner);
        self.logged_candidate(EventForm::Log, inner, base64_fields(value), value);
    }

    /// A `Program cpi-event:` line of the native test stubs (only where no inner instructions
    /// are recorded): the event self-invocation the top frame is about to make.
    fn test_stub_cpi(&mut self, value: &str) {
        if self.tx.inner.is_none() {
            self.logged_candidate(EventForm::Cpi, Some(self.next_inner), STANDARD.decode(value).ok(), value);
        }
    }

    /// Records a payload logged by the top frame, if it is a PSP program's (`None`: the text
    /// was not valid base64, kept as the payload for diagnosis).
    fn logged_candidate(&mut self, form: EventForm, inner_index: Option<u32>, payload: Option<Vec<u8>>, text: &str) {
        let (Some(instruction), Some(frame)) = (self.instruction, self.stack.last()) else { return };
        if !is_psp_program(&frame.program) {
            return;
        }
        let position = EventPosition { program_id: frame.program, instruction_index: instruction, inner_index, form };
        let (payload, verdict) = match payload {
            Some(payload) => (payload, Ok(())),
            None => (text.as_bytes().to_vec(), Err(Rejection::Undecodable)),
        };
        self.found.push(Found { position, payload, verdict });
    }

    /// Places inner instruction `index` of `instruction` if it is a PSP event self-invocation.
    fn place_cpi(&mut self, instruction: u32, index: u32) {
        let inner = self.inner_of(instruction);
        let ix = &inner[index as usize];
        if !is_psp_program(&ix.program_id) || !self.placed.insert((instruction, index)) {
            return;
        }
        let Some(payload) = cpi_event_payload(&ix.data) else { return };
        let parent = parent_program(&self.tx.programs, inner, instruction, index as usize);
        let verdict = if parent == Some(ix.program_id) { Ok(()) } else { Err(Rejection::ForeignInvocation) };
        let position = EventPosition {
            program_id: ix.program_id,
            instruction_index: instruction,
            inner_index: Some(index),
            form: EventForm::Cpi,
        };
        self.found.push(Found { position, payload: payload.to_vec(), verdict });
    }

    /// CPI events of the current instruction that its logs did not reach, in order.
    fn flush_unplaced(&mut self) {
        let Some(instruction) = self.instruction else { return };
        for index in 0..self.inner_of(instruction).len() as u32 {
            self.place_cpi(instruction, index);
        }
    }
}

/// The program that invoked inner instruction `index`: the nearest earlier inner instruction one
/// level shallower, or the top-level instruction at depth 2. `None` without stack heights.
fn parent_program(programs: &[Pubkey], inner: &[InnerInstruction], instruction: u32, index: usize) -> Option<Pubkey> {
    let height = inner[index].stack_height?;
    if height <= 2 {
        return programs.get(instruction as usize).copied();
    }
    inner[..index].iter().rev().find(|ix| ix.stack_height == Some(height - 1)).map(|ix| ix.program_id)
}

/// Walks `tx` (see the module docs).
pub(super) fn walk(tx: &TransactionView) -> Walked {
    let mut walker = Walker {
        tx,
        stack: Vec::new(),
        instruction: None,
        next_inner: 0,
        pending_lines: 0,
        placed: BTreeSet::new(),
        found: Vec::new(),
    };
    let mut truncated = false;
    let mut failed_program = None;
    for line in &tx.logs {
        match parse(line) {
            Line::Invoke { program, depth } => walker.invoke(program, depth),
            Line::Exit { program, failed } => {
                if failed && failed_program.is_none() {
                    failed_program = Some(program);
                }
                walker.exit(program)
            }
            Line::Data(value) => walker.data(value),
            Line::CpiEvent(value) => walker.test_stub_cpi(value),
            Line::Truncated => {
                truncated = true;
                break;
            }
            Line::Other => {}
        }
    }
    // What the logs did not reach: the current instruction's rest, then every later instruction.
    walker.flush_unplaced();
    let walked = walker.instruction.map_or(0, |i| i + 1);
    let total = tx.inner.as_ref().map_or(0, |sets| sets.len() as u32);
    for instruction in walked..total {
        walker.instruction = Some(instruction);
        walker.flush_unplaced();
    }
    Walked { found: walker.found, truncated, failed_program }
}
