//! Converting between UI amounts ("1.25") and base units, exactly (no floats).
use crate::quote::quote;

/// Parses a decimal amount into base units with `decimals` decimals. Refuses more fractional
/// digits than the mint has (rounding would move value silently) and overflow.
pub fn parse_amount(text: &str, decimals: u8) -> Result<u64, String> {
    let text = text.trim().replace('_', "");
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    if whole.is_empty() && fraction.is_empty() || !whole.chars().chain(fraction.chars()).all(|c| c.is_ascii_digit()) {
        return Err(format!("{} is not a decimal amount", quote(&text)));
    }
    if fraction.len() > decimals as usize {
        return Err(format!("{} has more than {decimals} decimal places", quote(&text)));
    }
    let scale = 10u64.checked_pow(decimals as u32).ok_or("too many decimals")?;
    let whole: u64 =
        if whole.is_empty() { 0 } else { whole.parse().map_err(|_| format!("{} is too large", quote(&text)))? };
    let padded = format!("{fraction:0<width$}", width = decimals as usize);
    let fraction: u64 = if padded.is_empty() { 0 } else { padded.parse().map_err(|_| "bad fraction")? };
    whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(fraction))
        .ok_or_else(|| format!("{} is too large", quote(&text)))
}

/// Formats base units as a decimal amount, trimming trailing zeros.
pub fn format_amount(amount: u64, decimals: u8) -> String {
    if decimals == 0 {
        return amount.to_string();
    }
    let scale = 10u128.pow(decimals as u32);
    let (whole, fraction) = (amount as u128 / scale, amount as u128 % scale);
    let fraction = format!("{fraction:0width$}", width = decimals as usize);
    let fraction = fraction.trim_end_matches('0');
    if fraction.is_empty() {
        whole.to_string()
    } else {
        format!("{whole}.{fraction}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_and_refuses() {
        assert_eq!(parse_amount("1.5", 9), Ok(1_500_000_000));
        assert_eq!(parse_amount("0.000001", 6), Ok(1));
        assert_eq!(parse_amount("42", 0), Ok(42));
        assert_eq!(parse_amount(".5", 1), Ok(5));
        assert!(parse_amount("0.0000001", 6).is_err(), "more decimals than the mint");
        assert!(parse_amount("1e5", 6).is_err());
        assert!(parse_amount("-1", 6).is_err());
        assert!(parse_amount("", 6).is_err());
        assert!(parse_amount("18446744073709551616", 0).is_err(), "overflow");
        assert_eq!(format_amount(1_500_000_000, 9), "1.5");
        assert_eq!(format_amount(7, 0), "7");
    }

    proptest! {
        #[test]
        fn round_trips(amount in any::<u64>(), decimals in 0u8..=12) {
            prop_assert_eq!(parse_amount(&format_amount(amount, decimals), decimals), Ok(amount));
        }
    }
}
