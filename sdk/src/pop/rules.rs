//! The rules of one epoch: its time window, the kinds of participation with their weights and
//! caps, a cap over all kinds, and (optionally) the reporters whose events count.
//!
//! ```json
//! {"epoch": 7, "start": 1700000000, "end": 1700604800,
//!  "kinds": [{"name": "relay", "weight": 3, "max_units_per_participant": 100}, {"name": "vote", "weight": 1}],
//!  "max_units_per_participant": 150, "allowed_reporters": ["<base58>"]}
//! ```
use std::path::Path;

use anchor_lang::prelude::Pubkey;
use serde::{Deserialize, Serialize};

use super::codec::opt_pubkeys_b58;
use super::PopError;
use crate::quote::{parser_message, quote};

/// Most kinds an epoch may define.
pub const MAX_KINDS: usize = 256;

/// One kind of participation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KindRule {
    /// Name used by events' `kind`.
    pub name: String,
    /// Points per unit (> 0).
    pub weight: u64,
    /// Most units of this kind counted per participant in the epoch (`None`: no cap).
    #[serde(default)]
    pub max_units_per_participant: Option<u64>,
}

/// The rules of one epoch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EpochRules {
    /// Epoch number (part of every leaf hash).
    pub epoch: u64,
    /// First second of the epoch (unix seconds, inclusive).
    pub start: i64,
    /// End of the epoch (unix seconds, exclusive).
    pub end: i64,
    /// Known kinds.
    pub kinds: Vec<KindRule>,
    /// Most units per participant over all kinds together (`None`: no cap).
    #[serde(default)]
    pub max_units_per_participant: Option<u64>,
    /// Reporters whose events count (`None`: any reporter).
    #[serde(default, with = "opt_pubkeys_b58", skip_serializing_if = "Option::is_none")]
    pub allowed_reporters: Option<Vec<Pubkey>>,
}

impl EpochRules {
    /// Parses and checks rules from JSON text.
    pub fn from_json(text: &str) -> Result<Self, PopError> {
        let rules: EpochRules = serde_json::from_str(text).map_err(|e| PopError::Rules(parser_message(&e)))?;
        rules.check()?;
        Ok(rules)
    }

    /// Reads, parses and checks a rules file.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, PopError> {
        let text = std::fs::read_to_string(path.as_ref()).map_err(|e| PopError::io(&path, e))?;
        Self::from_json(&text).map_err(|e| PopError::Rules(format!("{}: {e}", path.as_ref().display())))
    }

    /// Checks consistency: `start < end`, 1..=[`MAX_KINDS`] kinds with unique non-empty
    /// names, weights > 0, caps > 0 (a cap of 0 would refuse everything: remove the kind).
    pub fn check(&self) -> Result<(), PopError> {
        let fail = |m: String| Err(PopError::Rules(m));
        if self.start >= self.end {
            return fail(format!("start ({}) must be before end ({})", self.start, self.end));
        }
        if self.kinds.is_empty() || self.kinds.len() > MAX_KINDS {
            return fail(format!("1 to {MAX_KINDS} kinds are needed, got {}", self.kinds.len()));
        }
        for (i, kind) in self.kinds.iter().enumerate() {
            if kind.name.is_empty() {
                return fail(format!("kind {i} has an empty name"));
            }
            if self.kinds[..i].iter().any(|k| k.name == kind.name) {
                return fail(format!("kind {} is defined twice", quote(&kind.name)));
            }
            if kind.weight == 0 {
                return fail(format!("kind {} has weight 0 (remove the kind to refuse its events)", quote(&kind.name)));
            }
            if kind.max_units_per_participant == Some(0) {
                return fail(format!("kind {} has a cap of 0 (remove the kind instead)", quote(&kind.name)));
            }
        }
        if self.max_units_per_participant == Some(0) {
            return fail("max_units_per_participant is 0: nothing could be rewarded".into());
        }
        Ok(())
    }

    /// Position of the kind named `name`.
    pub fn kind_index(&self, name: &str) -> Option<usize> {
        self.kinds.iter().position(|k| k.name == name)
    }

    /// Whether `time` lies in `[start, end)`.
    pub fn contains_time(&self, time: i64) -> bool {
        self.start <= time && time < self.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RULES: &str = r#"{"epoch": 7, "start": 100, "end": 200,
        "kinds": [{"name": "relay", "weight": 3, "max_units_per_participant": 10}, {"name": "vote", "weight": 1}],
        "max_units_per_participant": 15, "allowed_reporters": ["11111111111111111111111111111111"]}"#;

    #[test]
    fn loads_and_queries() {
        let rules = EpochRules::from_json(RULES).unwrap();
        assert_eq!(rules.epoch, 7);
        assert_eq!(rules.kind_index("vote"), Some(1));
        assert_eq!(rules.kind_index("other"), None);
        assert!(rules.contains_time(100) && rules.contains_time(199));
        assert!(!rules.contains_time(99) && !rules.contains_time(200));
        assert_eq!(rules.allowed_reporters, Some(vec![Pubkey::default()]));
        let again = EpochRules::from_json(&serde_json::to_string(&rules).unwrap()).unwrap();
        assert_eq!(again, rules);
        let open = EpochRules::from_json(r#"{"epoch":1,"start":0,"end":1,"kinds":[{"name":"a","weight":1}]}"#).unwrap();
        assert_eq!((open.allowed_reporters, open.max_units_per_participant), (None, None));
    }

    #[test]
    fn refuses_inconsistent_rules() {
        let bad = |text: &str| EpochRules::from_json(text).unwrap_err().to_string();
        let k = r#"[{"name":"a","weight":1}]"#;
        assert!(bad(&format!(r#"{{"epoch":1,"start":5,"end":5,"kinds":{k}}}"#)).contains("before end"));
        assert!(bad(r#"{"epoch":1,"start":0,"end":5,"kinds":[]}"#).contains("kinds are needed"));
        assert!(bad(r#"{"epoch":1,"start":0,"end":5,"kinds":[{"name":"a","weight":1},{"name":"a","weight":2}]}"#)
            .contains("twice"));
        assert!(bad(r#"{"epoch":1,"start":0,"end":5,"kinds":[{"name":"a","weight":0}]}"#).contains("weight 0"));
        assert!(bad(
            r#"{"epoch":1,"start":0,"end":5,"kinds":[{"name":"a","weight":1,"max_units_per_participant":0}]}"#
        )
        .contains("cap of 0"));
        assert!(bad(&format!(r#"{{"epoch":1,"start":0,"end":5,"kinds":{k},"max_units_per_participant":0}}"#))
            .contains("is 0"));
        assert!(bad(&format!(r#"{{"epoch":1,"start":0,"end":5,"kinds":{k},"colour":1}}"#)).contains("unknown field"));
        assert!(bad(&format!(r#"{{"epoch":1,"start":0,"end":5,"kinds":{k},"allowed_reporters":["x"]}}"#))
            .contains("base58"));
    }
}
