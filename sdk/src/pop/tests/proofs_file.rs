//! The proofs file: write, read back, look up, verify; the rejections file.
use super::*;
use crate::pop::builder::build_epoch;
use crate::pop::proofs::{write_proofs, write_proofs_file, ProofsFile};
use crate::pop::report::write_rejections_file;
use crate::pop::validate::validate_str;

#[test]
fn proofs_file_round_trip_lookup_and_verification() {
    let events: Vec<_> = (0..9u16)
        .map(|p| event(p, if p % 2 == 0 { "relay" } else { "vote" }, u64::from(p) + 1, u32::from(p)))
        .collect();
    let v = validate_str(&rules(), &lines(&events));
    let build = build_epoch(&rules(), &v.accepted, 1_000_003).unwrap();
    let dir = std::env::temp_dir().join(format!("psp-pop-proofs-{}", std::process::id()));
    let path = write_proofs_file(&build, &dir).unwrap();
    assert!(path.ends_with("epoch-7-proofs.json"));
    let file = ProofsFile::load(&path).unwrap();
    assert_eq!(
        (file.epoch, file.root, file.leaf_count, file.total_amount, file.remainder),
        (7, build.root, build.leaf_count, build.total_amount, build.remainder)
    );
    assert_eq!(file.total_points, build.total_points);
    for leaf in &build.leaves {
        let claim = file.find(&leaf.claimant).unwrap();
        assert_eq!((claim.index, claim.amount), (leaf.index, leaf.amount));
        assert!(file.verify(claim));
        let mut forged = claim.clone();
        forged.amount += 1;
        assert!(!file.verify(&forged));
    }
    assert!(file.find(&key(500)).is_none());
    // The streaming lookup finds the same entries without loading the whole file.
    for leaf in &build.leaves {
        let one = ProofsFile::find_in_file(&path, &leaf.claimant).unwrap();
        assert_eq!((one.root, one.epoch, one.claims.len()), (file.root, file.epoch, 1));
        assert_eq!(Some(&one.claims[0]), file.find(&leaf.claimant));
        assert!(one.verify(&one.claims[0]));
    }
    let none = ProofsFile::find_in_file(&path, &key(500)).unwrap();
    assert_eq!((none.claims.len(), none.leaf_count), (0, file.leaf_count));
    // A pretty-printed copy (another layout) falls back to a whole load.
    let pretty = dir.join("pretty.json");
    std::fs::write(&pretty, serde_json::to_string_pretty(&file).unwrap()).unwrap();
    let first = &build.leaves[0].claimant;
    assert_eq!(ProofsFile::find_in_file(&pretty, first).unwrap().claims[0].claimant, *first);
    // The file is plain JSON: it parses and re-serializes to the same document.
    let text = std::fs::read_to_string(&path).unwrap();
    let reparsed: ProofsFile = serde_json::from_str(&serde_json::to_string(&file).unwrap()).unwrap();
    assert_eq!(reparsed, file);
    let mut again = Vec::new();
    write_proofs(&build, &mut again).unwrap();
    assert_eq!(String::from_utf8(again).unwrap(), text, "writing is deterministic");

    let rejected = validate_str(&rules(), &format!("{}garbage\n", lines(&events[..1])));
    let rpath = write_rejections_file(7, &rejected, &dir).unwrap();
    let report: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(rpath).unwrap()).unwrap();
    assert_eq!(report["rejections"][0]["code"], "malformed");
    assert_eq!(report["rejections"][0]["line"], 2);
    assert_eq!(report["stats"]["by_reason"]["malformed"], 1);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn inconsistent_proofs_files_are_refused() {
    let v = validate_str(&rules(), &lines(&[event(1, "vote", 1, 1), event(2, "vote", 3, 2)]));
    let build = build_epoch(&rules(), &v.accepted, 100).unwrap();
    let mut out = Vec::new();
    write_proofs(&build, &mut out).unwrap();
    let good: ProofsFile = serde_json::from_slice(&out).unwrap();
    good.check().unwrap();
    let mut bad = good.clone();
    bad.remainder += 1;
    assert!(bad.check().unwrap_err().to_string().contains("budget"));
    let mut bad = good.clone();
    bad.claims.swap(0, 1);
    assert!(bad.check().is_err());
    let mut bad = good.clone();
    bad.leaf_count = 5;
    assert!(bad.check().unwrap_err().to_string().contains("leaf_count"));
}
