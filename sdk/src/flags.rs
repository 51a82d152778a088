//! Pause-bit names, parsed from and formatted to comma-separated lists, for every program.
use crate::quote::quote;

/// Parses a comma-separated list of bit `names` (`all` = `all_bits`, `none` = 0).
pub fn parse_flags(text: &str, names: &[(&str, u8)], all_bits: u8) -> Result<u8, String> {
    let mut flags = 0u8;
    for name in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        flags |= match name {
            "all" => all_bits,
            "none" => 0,
            _ => names.iter().find(|(n, _)| *n == name).map(|(_, bit)| *bit).ok_or_else(|| {
                let known: Vec<&str> = names.iter().map(|(n, _)| *n).collect();
                format!("unknown pause flag {}: use {} or all", quote(name), known.join(", "))
            })?,
        };
    }
    Ok(flags)
}

/// Names of the bits of `flags` that `names` knows (`none` when clear).
pub fn format_flags(flags: u8, names: &[(&str, u8)]) -> String {
    let set: Vec<&str> = names.iter().filter(|(_, bit)| flags & bit != 0).map(|(n, _)| *n).collect();
    if set.is_empty() {
        "none".into()
    } else {
        set.join(",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: [(&str, u8); 2] = [("a", 1), ("b", 2)];

    #[test]
    fn round_trip_and_errors() {
        assert_eq!(parse_flags("a, b", &NAMES, 3), Ok(3));
        assert_eq!(parse_flags("all", &NAMES, 3), Ok(3));
        assert_eq!(parse_flags("none", &NAMES, 3), Ok(0));
        assert_eq!(parse_flags("c", &NAMES, 3), Err("unknown pause flag 'c': use a, b or all".into()));
        assert_eq!(format_flags(2, &NAMES), "b");
        assert_eq!(format_flags(0, &NAMES), "none");
    }
}
