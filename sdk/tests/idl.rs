//! Every checked-in IDL (idl/*.json) is complete and loadable: each type it references by name
//! (`{"defined": {"name": ..}}` anywhere in instructions, accounts, events or types) is defined
//! in its `types`, and every account and event has a type definition. Anchor's TypeScript
//! client refuses an IDL that breaks either rule (`Type not found`).
use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::Value;

/// Every `idl/*.json` of the workspace with its file name.
fn idls() -> Vec<(String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../idl");
    let mut out: Vec<(String, Value)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let idl = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path.file_name().unwrap().to_string_lossy().into_owned(), idl)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Names referenced through `{"defined": {"name": X}}` (or the older `{"defined": X}`) in `value`.
fn referenced(value: &Value, out: &mut BTreeSet<String>) {
    match value {
        Value::Object(map) => {
            match map.get("defined") {
                Some(Value::Object(defined)) => {
                    out.insert(defined["name"].as_str().expect("defined.name is a string").to_string());
                }
                Some(Value::String(name)) => {
                    out.insert(name.clone());
                }
                _ => {}
            }
            map.values().for_each(|v| referenced(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| referenced(v, out)),
        _ => {}
    }
}

/// Names of the entries of the `key` array of `idl` (empty when absent).
fn names(idl: &Value, key: &str) -> BTreeSet<String> {
    idl[key].as_array().into_iter().flatten().map(|e| e["name"].as_str().unwrap().to_string()).collect()
}

/// What is wrong with `idl`: references to undefined types, accounts and events without a type.
fn problems(idl: &Value) -> Vec<String> {
    let defined = names(idl, "types");
    let mut refs = BTreeSet::new();
    referenced(idl, &mut refs);
    let mut out: Vec<String> =
        refs.difference(&defined).map(|n| format!("type `{n}` is referenced but not defined")).collect();
    for key in ["accounts", "events"] {
        out.extend(names(idl, key).difference(&defined).map(|n| format!("{key}: `{n}` has no type definition")));
    }
    out
}

#[test]
fn every_idl_defines_every_type_it_references() {
    let idls = idls();
    assert!(idls.len() >= 5, "expected an IDL per program, found {:?}", idls.iter().map(|i| &i.0).collect::<Vec<_>>());
    let failures: Vec<String> = idls
        .iter()
        .flat_map(|(file, idl)| problems(idl).into_iter().map(move |p| format!("idl/{file}: {p}")))
        .collect();
    assert!(
        failures.is_empty(),
        "incomplete IDLs (run scripts/idl.sh after fixing the cause):\n{}",
        failures.join("\n")
    );
}

#[test]
fn the_check_finds_references_anywhere_and_missing_account_or_event_types() {
    let idl = serde_json::json!({
        "instructions": [{"name": "a", "args": [{"name": "x", "type": {"option": {"defined": {"name": "Args"}}}}]}],
        "accounts": [{"name": "Acc"}],
        "events": [{"name": "Ev"}],
        "types": [
            {"name": "Acc", "type": {"kind": "struct", "fields": [
                {"name": "v", "type": {"vec": {"array": [{"defined": {"name": "Inner"}}, 4]}}}
            ]}},
            {"name": "Legacy", "type": {"kind": "enum", "variants": [{"name": "V", "fields": [{"defined": "Old"}]}]}}
        ]
    });
    assert_eq!(
        problems(&idl),
        vec![
            "type `Args` is referenced but not defined",
            "type `Inner` is referenced but not defined",
            "type `Old` is referenced but not defined",
            "events: `Ev` has no type definition",
        ]
    );
}
