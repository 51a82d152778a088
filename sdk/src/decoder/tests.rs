//! Fixtures in the documented SBF log format (`invoke [n]`, `consumed N of M compute units`,
//! `Program log:`, `Program return:`, `Log truncated`), the native hosting's form, and
//! program-test's `Program cpi-event:` lines; forgeries of every kind.
use anchor_lang::event::EVENT_IX_TAG_LE;
use anchor_lang::prelude::Pubkey;
use anchor_lang::{AnchorSerialize, Discriminator};
use base64::{engine::general_purpose::STANDARD, Engine};
use psp_multisig::events::{MultisigPaused, VaultTransactionExecuted};

use super::*;

const SYSTEM: Pubkey = anchor_lang::system_program::ID;

fn payload<E: AnchorSerialize + Discriminator>(event: &E) -> Vec<u8> {
    let mut bytes = E::DISCRIMINATOR.to_vec();
    bytes.extend(event.try_to_vec().unwrap());
    bytes
}

fn paused(timestamp: i64) -> MultisigPaused {
    MultisigPaused {
        multisig: Pubkey::new_unique(),
        member: Pubkey::new_unique(),
        old_flags: 0,
        new_flags: 1,
        timestamp,
    }
}

fn executed(index: u64) -> VaultTransactionExecuted {
    VaultTransactionExecuted {
        multisig: Pubkey::new_unique(),
        transaction_index: index,
        vault: Pubkey::new_unique(),
        vault_index: 0,
        executor: Pubkey::new_unique(),
        instruction_count: 1,
        timestamp: 9,
    }
}

fn data_line<E: AnchorSerialize + Discriminator>(event: &E) -> String {
    format!("Program data: {}", STANDARD.encode(payload(event)))
}

fn event_cpi<E: AnchorSerialize + Discriminator>(program_id: Pubkey, event: &E, stack_height: u32) -> InnerInstruction {
    let mut data = EVENT_IX_TAG_LE.to_vec();
    data.extend(payload(event));
    InnerInstruction { program_id, data, stack_height: Some(stack_height) }
}

fn call(program_id: Pubkey, stack_height: u32) -> InnerInstruction {
    InnerInstruction { program_id, data: vec![2, 0, 0, 0], stack_height: Some(stack_height) }
}

fn timestamps(tx: &DecodedTransaction) -> Vec<i64> {
    tx.events
        .iter()
        .map(|e| match &e.event {
            PspEvent::Multisig(MultisigEvent::Paused(p)) => p.timestamp,
            PspEvent::Multisig(MultisigEvent::VaultTransactionExecuted(x)) => -(x.transaction_index as i64),
            other => panic!("unexpected {other:?}"),
        })
        .collect()
}

/// A real-format SBF transaction: compute budget, then a multisig instruction that logs, CPIs
/// the system program, logs again, emits a CPI event and returns data.
fn sbf_transaction() -> TransactionView {
    let ms = psp_multisig::ID;
    let budget = Pubkey::new_unique();
    let logs = vec![
        format!("Program {budget} invoke [1]"),
        format!("Program {budget} success"),
        format!("Program {ms} invoke [1]"),
        "Program log: Instruction: VaultTransactionExecute".into(),
        data_line(&paused(1)),
        format!("Program {SYSTEM} invoke [2]"),
        format!("Program {SYSTEM} success"),
        data_line(&paused(2)),
        format!("Program {ms} invoke [2]"),
        format!("Program {ms} consumed 2000 of 150000 compute units"),
        format!("Program {ms} success"),
        format!("Program return: {ms} AQID"),
        format!("Program {ms} consumed 35000 of 199850 compute units"),
        format!("Program {ms} success"),
    ];
    let inner = vec![vec![], vec![call(SYSTEM, 2), event_cpi(ms, &executed(3), 2)]];
    TransactionView { programs: vec![budget, ms], inner: Some(inner), logs }
}

#[test]
fn sbf_logs_and_cpi_events_in_execution_order() {
    let tx = decode_transaction(&sbf_transaction());
    assert!(!tx.logs_truncated);
    assert!(tx.rejected.is_empty(), "{:?}", tx.rejected);
    assert_eq!(timestamps(&tx), vec![1, 2, -3]);
    let positions: Vec<_> =
        tx.events.iter().map(|e| (e.position.instruction_index, e.position.inner_index, e.position.form)).collect();
    assert_eq!(positions, vec![(1, None, EventForm::Log), (1, None, EventForm::Log), (1, Some(1), EventForm::Cpi)]);
    assert_eq!(tx.events.iter().map(|e| e.event_index).collect::<Vec<_>>(), vec![0, 1, 2]);
    let names: Vec<_> = tx.events.iter().map(|e| (e.event.program_name(), e.event.name())).collect();
    let paused = ("psp_multisig", "MultisigPaused");
    assert_eq!(names, vec![paused, paused, ("psp_multisig", "VaultTransactionExecuted")]);
    assert_eq!(tx.events_of::<MultisigPaused>(&psp_multisig::ID).len(), 2);
    assert!(tx.events_of::<MultisigPaused>(&psp_timelock::ID).is_empty());
}

/// The native hosting's form of `logs` (as recorded from the embedded validator): a top-level
/// PSP builtin is announced twice at `[1]`; a CPI first by the syscall stub at the caller's depth,
/// then at its own depth by the runtime, and once more by the shim when it is a PSP builtin; each
/// frame has as many exit lines as invoke lines; no compute lines.
fn native_form(logs: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for line in logs {
        if line.contains(" consumed ") || line.starts_with("Program return:") {
            continue;
        }
        if let Some((head, depth)) = line.strip_suffix(']').and_then(|l| l.rsplit_once(" invoke [")) {
            let depth: usize = depth.parse().unwrap();
            let builtin = is_psp_program(&head.trim_start_matches("Program ").parse().unwrap());
            let mut lines = vec![format!("{head} invoke [{}]", depth.saturating_sub(1).max(1))];
            if depth > 1 {
                lines.push(line.clone());
            }
            if builtin {
                lines.push(line.clone());
            }
            open.push(lines.len());
            out.extend(lines);
        } else if line.ends_with(" success") || line.contains(" failed: ") {
            out.extend(std::iter::repeat_n(line.clone(), open.pop().unwrap()));
        } else {
            out.push(line.clone());
        }
    }
    out
}

#[test]
fn native_form_decodes_the_same() {
    let mut view = sbf_transaction();
    view.logs = native_form(&view.logs);
    assert_eq!(view.logs[2], view.logs[3], "compute budget frame pair");
    let tx = decode_transaction(&view);
    assert_eq!(timestamps(&tx), vec![1, 2, -3]);
    assert_eq!(tx.events[2].position.inner_index, Some(1));
}

#[test]
fn native_log_event_after_a_self_invocation_stays_attributed() {
    let ms = psp_multisig::ID;
    let logs = native_form(&[
        format!("Program {ms} invoke [1]"),
        format!("Program {ms} invoke [2]"),
        format!("Program {ms} success"),
        data_line(&paused(2)),
        format!("Program {ms} success"),
    ]);
    assert_eq!(logs.len(), 2 + 3 + 3 + 1 + 2, "{logs:#?}");
    let view = TransactionView { programs: vec![ms], inner: Some(vec![vec![event_cpi(ms, &executed(1), 2)]]), logs };
    assert_eq!(timestamps(&decode_transaction(&view)), vec![-1, 2]);
}

/// Recorded from the embedded validator (`multisig_create`, whose account creation CPIs the system
/// program), verbatim.
#[test]
fn recorded_native_validator_logs() {
    let ms = "8Aag4ev1bXRbGvmDfyw2H8pRSGhtW9BJ7izQwMQ3RE3S";
    let sys = "11111111111111111111111111111111";
    let logs: Vec<String> = [
        format!("Program {ms} invoke [1]"),
        format!("Program {ms} invoke [1]"),
        format!("Program {sys} invoke [1]"),
        format!("Program {sys} invoke [2]"),
        format!("Program {sys} success"),
        format!("Program {sys} success"),
        "Program data: Xhnubl8o+0IV/V7u0lA8dpW5M9GVTlUZ9QCmienXtpYuAgWyPi4wZJNZfP05mCHvPrXyBGddWPs+h5CiEQjh5DXrmB00RzSCPNjcWI9MhkeCcsfmDA//e0DImH3PQt2A1hAv58J6go8AAQAAAAAAAAEAAAA82NxYj0yGR4Jyx+YMD/97QMiYfc9C3YDWEC/nwnqCjwcBDQAAAGxvY2FsbmV0IHRlc3TNbBNrAAAAAA==".into(),
        format!("Program {ms} success"),
        format!("Program {ms} success"),
    ]
    .into();
    let view = TransactionView { programs: vec![psp_multisig::ID], inner: Some(vec![vec![call(SYSTEM, 2)]]), logs };
    let tx = decode_transaction(&view);
    assert!(tx.rejected.is_empty());
    let created: Vec<psp_multisig::events::MultisigCreated> = tx.events_of(&psp_multisig::ID);
    assert_eq!(created.len(), 1);
    assert_eq!(created[0].memo.as_deref(), Some("localnet test"));
    assert_eq!((tx.events[0].position.instruction_index, tx.events[0].position.inner_index), (0, None));
}

/// Recorded from the embedded validator: a vault transaction (CPI to the system program), then
/// `emit_cpi!` (a self-invocation: three invoke lines and three exit lines), verbatim.
#[test]
fn recorded_native_validator_event_cpi() {
    let ms = "8Aag4ev1bXRbGvmDfyw2H8pRSGhtW9BJ7izQwMQ3RE3S";
    let sys = "11111111111111111111111111111111";
    let mut logs: Vec<String> = vec![
        format!("Program {ms} invoke [1]"),
        format!("Program {ms} invoke [1]"),
        format!("Program {sys} invoke [1]"),
        format!("Program {sys} invoke [2]"),
        format!("Program {sys} success"),
        format!("Program {sys} success"),
        format!("Program {ms} invoke [1]"),
        format!("Program {ms} invoke [2]"),
        format!("Program {ms} invoke [2]"),
    ];
    logs.extend(std::iter::repeat_n(format!("Program {ms} success"), 5));
    let inner = vec![call(SYSTEM, 2), event_cpi(psp_multisig::ID, &executed(1), 2)];
    let view = TransactionView { programs: vec![psp_multisig::ID], inner: Some(vec![inner]), logs };
    let tx = decode_transaction(&view);
    assert_eq!(timestamps(&tx), vec![-1]);
    assert_eq!(tx.events[0].position.inner_index, Some(1));
}

#[test]
fn native_failure_names_the_innermost_program() {
    let ms = psp_multisig::ID;
    let logs = native_form(&[
        format!("Program {ms} invoke [1]"),
        format!("Program {SYSTEM} invoke [2]"),
        format!("Program {SYSTEM} failed: insufficient lamports"),
        format!("Program {ms} failed: insufficient lamports"),
    ]);
    let tx = decode_transaction(&TransactionView { programs: vec![ms], inner: None, logs });
    assert_eq!(tx.failed_program, Some(SYSTEM));
}

#[test]
fn truncated_logs_are_flagged_and_cpi_events_survive() {
    let mut view = sbf_transaction();
    view.logs.truncate(5); // up to and including the first data line
    view.logs.push("Log truncated".into());
    let tx = decode_transaction(&view);
    assert!(tx.logs_truncated);
    assert_eq!(timestamps(&tx), vec![1, -3], "the second log event is lost, the CPI event is not");
}

#[test]
fn cpi_events_of_later_instructions_follow_a_cut() {
    let ms = psp_multisig::ID;
    let view = TransactionView {
        programs: vec![ms, ms],
        inner: Some(vec![vec![event_cpi(ms, &executed(1), 2)], vec![event_cpi(ms, &executed(2), 2)]]),
        logs: vec![format!("Program {ms} invoke [1]"), "Log truncated".into()],
    };
    let tx = decode_transaction(&view);
    assert_eq!(timestamps(&tx), vec![-1, -2]);
    assert_eq!(tx.events[1].position.instruction_index, 1);
}

#[test]
fn data_logged_by_another_program_is_not_ours() {
    let ms = psp_multisig::ID;
    let other = Pubkey::new_unique();
    let view = TransactionView {
        programs: vec![ms],
        inner: Some(vec![vec![call(other, 2)]]),
        logs: vec![
            format!("Program {ms} invoke [1]"),
            format!("Program {other} invoke [2]"),
            data_line(&paused(66)),
            format!("Program {other} consumed 100 of 199000 compute units"),
            format!("Program {other} success"),
            data_line(&paused(1)),
            format!("Program {ms} success"),
        ],
    };
    let tx = decode_transaction(&view);
    assert_eq!(timestamps(&tx), vec![1]);
    assert!(tx.rejected.is_empty());
}

#[test]
fn printed_text_cannot_pose_as_a_frame() {
    let ms = psp_multisig::ID;
    let other = Pubkey::new_unique();
    let view = TransactionView {
        programs: vec![other],
        inner: Some(vec![vec![]]),
        logs: vec![
            format!("Program {other} invoke [1]"),
            format!("Program log: Program {ms} invoke [2]"),
            data_line(&paused(66)),
            format!("Program {other} success"),
        ],
    };
    assert!(decode_transaction(&view).events.is_empty());
}

#[test]
fn event_invocation_from_another_program_is_rejected() {
    let ms = psp_multisig::ID;
    let attacker = Pubkey::new_unique();
    // The attacker's program invokes the multisig with event-tagged data.
    let view = TransactionView {
        programs: vec![attacker],
        inner: Some(vec![vec![event_cpi(ms, &executed(1), 2)]]),
        logs: vec![
            format!("Program {attacker} invoke [1]"),
            format!("Program {ms} invoke [2]"),
            format!("Program {ms} success"),
            format!("Program {attacker} success"),
        ],
    };
    let tx = decode_transaction(&view);
    assert!(tx.events.is_empty());
    assert_eq!(tx.rejected.len(), 1);
    assert_eq!(tx.rejected[0].reason, Rejection::ForeignInvocation);
    // Nested one level deeper under the attacker, with the multisig as grandparent: still refused.
    let view = TransactionView {
        programs: vec![ms],
        inner: Some(vec![vec![call(attacker, 2), event_cpi(ms, &executed(1), 3)]]),
        logs: vec![],
    };
    assert_eq!(decode_transaction(&view).rejected[0].reason, Rejection::ForeignInvocation);
    // Without stack heights the parent is unknown: refused, not guessed.
    let mut unknown = event_cpi(ms, &executed(1), 2);
    unknown.stack_height = None;
    let view = TransactionView { programs: vec![ms], inner: Some(vec![vec![unknown]]), logs: vec![] };
    assert_eq!(decode_transaction(&view).rejected[0].reason, Rejection::ForeignInvocation);
}

#[test]
fn same_named_event_of_another_program_does_not_decode() {
    // Staking's PauseChanged logged by the timelock: same discriminator, other layout.
    let tl = psp_timelock::ID;
    let staking_event = psp_staking::events::PauseChanged {
        pool: Pubkey::new_unique(),
        authority: Pubkey::new_unique(),
        old_flags: 0,
        new_flags: 1,
        timestamp: 5,
    };
    let view = TransactionView {
        programs: vec![tl],
        inner: Some(vec![vec![]]),
        logs: vec![format!("Program {tl} invoke [1]"), data_line(&staking_event), format!("Program {tl} success")],
    };
    let tx = decode_transaction(&view);
    assert!(tx.events.is_empty());
    assert_eq!(tx.rejected[0].reason, Rejection::Undecodable);
}

#[test]
fn malformed_data_is_reported_not_fatal() {
    let ms = psp_multisig::ID;
    let view = TransactionView {
        programs: vec![ms],
        inner: Some(vec![vec![]]),
        logs: vec![
            format!("Program {ms} invoke [1]"),
            "Program data: !!!not-base64".into(),
            format!("Program data: {}", STANDARD.encode([1u8, 2, 3])),
            data_line(&paused(1)),
            format!("Program {ms} failed: custom program error: 0x1"),
        ],
    };
    let tx = decode_transaction(&view);
    assert_eq!(timestamps(&tx), vec![1]);
    assert_eq!(tx.rejected.iter().map(|r| r.reason).collect::<Vec<_>>(), vec![Rejection::Undecodable; 2]);
}

#[test]
fn program_test_cpi_lines_stand_in_for_inner_instructions() {
    let ms = psp_multisig::ID;
    let cpi = STANDARD.encode(payload(&executed(3)));
    let view = TransactionView {
        programs: vec![ms],
        inner: None,
        logs: vec![
            format!("Program {ms} invoke [1]"),
            data_line(&paused(1)),
            format!("Program cpi-event: {cpi}"),
            format!("Program {ms} invoke [2]"),
            format!("Program {ms} success"),
            format!("Program {ms} success"),
        ],
    };
    let tx = decode_transaction(&view);
    assert_eq!(timestamps(&tx), vec![1, -3]);
    assert_eq!(tx.events[1].position.form, EventForm::Cpi);
    assert_eq!(tx.events[1].position.inner_index, Some(0));
    // Where real inner instructions exist, such lines are ignored (a real cluster never has them).
    let mut with_inner = view.clone();
    with_inner.inner = Some(vec![vec![]]);
    assert_eq!(timestamps(&decode_transaction(&with_inner)), vec![1]);
}

#[test]
fn cpi_payload_strips_the_tag() {
    let mut data = EVENT_IX_TAG_LE.to_vec();
    data.extend([1, 2, 3]);
    assert_eq!(cpi_event_payload(&data), Some(&[1u8, 2, 3][..]));
    assert_eq!(cpi_event_payload(&[0u8; 4]), None);
}
