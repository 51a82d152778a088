//! `psp demo` (the README's main command) runs to completion: every scenario step, on its own
//! embedded validator, checks its own results and fails loudly if any is off.
use assert_cmd::Command;

#[test]
fn demo_runs_every_step() {
    let assert =
        Command::cargo_bin("psp").unwrap().arg("demo").timeout(std::time::Duration::from_secs(600)).assert().success();
    let out = String::from_utf8_lossy(&assert.get_output().stdout).to_string();
    assert!(out.contains("Demo complete in"), "{out}");
    for text in [
        "[1] Starting the embedded validator",
        "by requestAirdrop (the validator's faucet)",
        "carol (guardian) vetoes it",
        "three boosted stakers claimed",
        "PoP epoch 0:",
        "AlreadyClaimed",
        "PositionTooNew",
        "raised the PSPT reward rate",
    ] {
        assert!(out.contains(text), "the demo output lacks '{text}':\n{out}");
    }
}
