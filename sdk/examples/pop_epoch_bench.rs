//! Benchmark of the PoP epoch pipeline: `cargo run --release -p psp-sdk --example
//! pop_epoch_bench -- [PARTICIPANTS] [DIR]` (default 1,000,000 participants, a temp dir).
//!
//! Generates an events file with 3 events per participant (plus a few bad lines: duplicate
//! evidence, out-of-epoch times, malformed JSON, cap overflows), then times each phase —
//! validate (read + parse + check), build (points, rewards, tree), 10,000 sampled proofs
//! verified, the full proofs file written — and prints the peak resident memory (VmHWM).
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use psp_common::merkle::{leaf_hash, verify};
use psp_sdk::anchor_lang::prelude::Pubkey;
use psp_sdk::anchor_lang::solana_program::hash::hashv;
use psp_sdk::pop::codec::to_hex;
use psp_sdk::pop::proofs::write_proofs_file;
use psp_sdk::pop::validate::validate_reader;
use psp_sdk::pop::{build_epoch, EpochRules, KindRule, PopEvent};

const BUDGET: u64 = 1_000_000_000_000_000;

fn peak_memory() -> String {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .map(|l| l[name.len()..].trim().to_string())
            .unwrap_or_else(|| "?".into())
    };
    format!("VmHWM {} (VmRSS {})", line("VmHWM:"), line("VmRSS:"))
}

fn key(tag: &[u8], i: u64) -> Pubkey {
    Pubkey::new_from_array(hashv(&[tag, &i.to_le_bytes()]).to_bytes())
}

fn phase(name: &str, started: Instant) -> Duration {
    let took = started.elapsed();
    println!("{name:<28} {:>9.3} s   {}", took.as_secs_f64(), peak_memory());
    took
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: u64 =
        args.next().map(|a| a.replace('_', "").parse().expect("PARTICIPANTS must be a number")).unwrap_or(1_000_000);
    let dir: PathBuf = args
        .next()
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join(format!("psp-pop-bench-{}", std::process::id())));
    std::fs::create_dir_all(&dir).unwrap();
    let reporters: Vec<Pubkey> = (0..4).map(|i| key(b"reporter", i)).collect();
    let rules = EpochRules {
        epoch: 42,
        start: 1_700_000_000,
        end: 1_700_604_800,
        kinds: vec![
            KindRule { name: "relay".into(), weight: 5, max_units_per_participant: Some(40) },
            KindRule { name: "vote".into(), weight: 2, max_units_per_participant: None },
            KindRule { name: "uptime".into(), weight: 1, max_units_per_participant: None },
        ],
        max_units_per_participant: Some(1_000),
        allowed_reporters: Some(reporters.clone()),
    };
    println!("PoP epoch benchmark: {n} participants, 3 events each, budget {BUDGET}, dir {}", dir.display());

    // Phase 0: the events file.
    let started = Instant::now();
    let events_path = dir.join("events.jsonl");
    let mut out = BufWriter::with_capacity(1 << 20, File::create(&events_path).unwrap());
    let mut lines = 0u64;
    for i in 0..n {
        let participant = key(b"participant", i);
        let reporter = reporters[(i % 4) as usize];
        let time = rules.start + (i % 604_800) as i64;
        for (j, (kind, units)) in [("relay", 1 + i % 50), ("vote", 1 + i % 3), ("uptime", 24)].into_iter().enumerate() {
            let evidence = hashv(&[b"evidence", &i.to_le_bytes(), &[j as u8]]).to_bytes();
            let event = PopEvent { participant, kind: kind.into(), units, evidence, time, reporter };
            writeln!(out, "{}", event.to_json_line()).unwrap();
            lines += 1;
        }
        if i % 1_000 == 1 {
            // A replay of the relay event's evidence for another participant.
            let evidence = hashv(&[b"evidence", &i.to_le_bytes(), &[0]]).to_bytes();
            let event = PopEvent {
                participant: key(b"participant", i + 1),
                kind: "relay".into(),
                units: 9,
                evidence,
                time,
                reporter,
            };
            writeln!(out, "{}", event.to_json_line()).unwrap();
            lines += 1;
        }
        if i % 5_000 == 2 {
            let evidence = hashv(&[b"late", &i.to_le_bytes()]).to_bytes();
            let event = PopEvent { participant, kind: "vote".into(), units: 1, evidence, time: rules.end, reporter };
            writeln!(out, "{}", event.to_json_line()).unwrap();
            lines += 1;
        }
        if i % 10_000 == 3 {
            writeln!(out, "{{\"participant\": \"truncated").unwrap();
            lines += 1;
        }
    }
    out.flush().unwrap();
    drop(out);
    let events_bytes = std::fs::metadata(&events_path).unwrap().len();
    phase(&format!("generate ({lines} lines, {} MB)", events_bytes >> 20), started);

    // Phase 1: validate.
    let started = Instant::now();
    let validation =
        validate_reader(&rules, BufReader::with_capacity(1 << 20, File::open(&events_path).unwrap())).unwrap();
    let t_validate = phase("validate", started);
    let stats = &validation.stats;
    assert!(stats.is_balanced());

    // Phase 2: build.
    let started = Instant::now();
    let build = build_epoch(&rules, &validation.accepted, BUDGET).unwrap();
    let t_build = phase("build (points, rewards, tree)", started);

    // Phase 3: 10,000 sampled proofs.
    let started = Instant::now();
    let sample = 10_000.min(build.leaves.len());
    let step = (build.leaves.len() / sample.max(1)).max(1);
    let mut proof = Vec::new();
    let mut proof_len = 0usize;
    for leaf in build.leaves.iter().step_by(step).take(sample) {
        assert!(build.tree.proof_into(leaf.index as usize, &mut proof));
        assert!(verify(&build.root, leaf_hash(rules.epoch, leaf.index, &leaf.claimant, leaf.amount), &proof));
        proof_len = proof_len.max(proof.len());
    }
    phase(&format!("{sample} proofs verified"), started);

    // Phase 4: the proofs file with every proof.
    let started = Instant::now();
    let proofs_path = write_proofs_file(&build, &dir).unwrap();
    let t_write = phase("write proofs file", started);
    let proofs_bytes = std::fs::metadata(&proofs_path).unwrap().len();

    println!();
    println!("root            {}", to_hex(&build.root));
    println!(
        "leaves          {} (+{} unpaid), total {} + remainder {} = budget {}",
        build.leaf_count,
        build.unpaid.len(),
        build.total_amount,
        build.remainder,
        BUDGET
    );
    println!(
        "lines           {} = {} accepted ({} truncated) + {} rejected + {} blank",
        stats.lines, stats.accepted_events, stats.truncated_events, stats.rejected_lines, stats.blank_lines
    );
    println!("rejections      {:?}", stats.by_reason);
    println!(
        "units           {} = {} accepted + {} rejected",
        stats.input_units, stats.accepted_units, stats.rejected_units
    );
    println!("validate        {:.0} events/s", lines as f64 / t_validate.as_secs_f64());
    println!("build           {:.0} participants/s", build.leaf_count as f64 / t_build.as_secs_f64());
    println!(
        "proofs file     {} MB ({} B per claim), {:.0} claims/s, longest proof {proof_len}",
        proofs_bytes >> 20,
        proofs_bytes / build.leaf_count.max(1),
        build.leaf_count as f64 / t_write.as_secs_f64()
    );
    println!(
        "tree            {} MB of hashes ({} B per leaf)",
        build.tree.memory_bytes() >> 20,
        build.tree.memory_bytes() as u64 / build.leaf_count.max(1)
    );
    println!("peak            {}", peak_memory());
    if std::env::var_os("KEEP").is_none() {
        std::fs::remove_file(&events_path).ok();
        std::fs::remove_file(&proofs_path).ok();
    }
}
