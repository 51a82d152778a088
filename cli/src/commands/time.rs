//! Times and durations on the command line, shared by every program's commands: unix seconds,
//! RFC3339 (or a plain date), and durations relative to the cluster's clock (`+90d`, `+1h`, `+30s`, `-10m`).
use chrono::{DateTime, NaiveDate, Utc};
use psp_sdk::quote::quote;

const TIME_HELP: &str = "use unix seconds, RFC3339 (2030-01-01T00:00:00Z), a date (2030-01-01) or a duration from now (+90d, +1h, +30s, -10m)";

/// Parses a duration: a number with an optional unit `s`, `m`, `h`, `d` or `w` (seconds when
/// none), e.g. `90d`, `1h`, `30s`, `3600`.
pub fn parse_duration(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let split = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (digits, unit) = t.split_at(split);
    let unit_seconds: u64 = match unit.trim() {
        "" | "s" => 1,
        "m" => 60,
        "h" => 3_600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => {
            return Err(format!(
                "{} is not a duration: use a number with s, m, h, d or w (e.g. 90d, 1h, 30s)",
                quote(text)
            ))
        }
    };
    let n: u64 = digits.parse().map_err(|_| {
        format!("{} is not a duration: use a number with s, m, h, d or w (e.g. 90d, 1h, 30s)", quote(text))
    })?;
    n.checked_mul(unit_seconds).ok_or_else(|| format!("duration {} is too long", quote(text)))
}

/// Parses a point in time; relative forms (`now`, `+1h`, `-30s`) count from `now`.
pub fn parse_time(text: &str, now: i64) -> Result<i64, String> {
    let t = text.trim();
    if t == "now" {
        return Ok(now);
    }
    if let Some(rest) = t.strip_prefix('+') {
        let d = i64::try_from(parse_duration(rest).map_err(|_| format!("{} is not a time: {TIME_HELP}", quote(text)))?)
            .map_err(|_| format!("{} is too far away", quote(text)))?;
        return now.checked_add(d).ok_or_else(|| format!("{} is too far away", quote(text)));
    }
    if let Some(rest) = t.strip_prefix('-') {
        let d = i64::try_from(parse_duration(rest).map_err(|_| format!("{} is not a time: {TIME_HELP}", quote(text)))?)
            .map_err(|_| format!("{} is too far away", quote(text)))?;
        return now.checked_sub(d).ok_or_else(|| format!("{} is too far away", quote(text)));
    }
    if !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()) {
        return t.parse().map_err(|_| format!("{} is too large for unix seconds", quote(text)));
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
        return Ok(dt.timestamp());
    }
    if let Ok(date) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        return Ok(date.and_hms_opt(0, 0, 0).expect("midnight").and_utc().timestamp());
    }
    Err(format!("{} is not a time: {TIME_HELP}", quote(text)))
}

/// RFC3339 (UTC) for a unix time.
pub fn format_time(t: i64) -> String {
    DateTime::<Utc>::from_timestamp(t, 0).map_or_else(|| t.to_string(), |d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// A compact duration such as `1d 2h`, `90s`, `3w 1d`.
pub fn format_duration(seconds: u64) -> String {
    const UNITS: [(u64, &str); 5] = [(7 * 86_400, "w"), (86_400, "d"), (3_600, "h"), (60, "m"), (1, "s")];
    if seconds == 0 {
        return "0s".into();
    }
    let mut rest = seconds;
    let mut parts = Vec::new();
    for (size, unit) in UNITS {
        if rest >= size {
            parts.push(format!("{}{unit}", rest / size));
            rest %= size;
        }
    }
    parts.into_iter().take(2).collect::<Vec<_>>().join(" ")
}

/// `t` with its distance from `now`, e.g. `2030-01-01T00:00:00Z (in 3d 4h)`.
pub fn describe_time(t: i64, now: i64) -> String {
    let rel = if t >= now {
        format!("in {}", format_duration((t - now) as u64))
    } else {
        format!("{} ago", format_duration((now - t) as u64))
    };
    format!("{} ({rel})", format_time(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("90d"), Ok(90 * 86_400));
        assert_eq!(parse_duration("1h"), Ok(3_600));
        assert_eq!(parse_duration("30s"), Ok(30));
        assert_eq!(parse_duration("15m"), Ok(900));
        assert_eq!(parse_duration("2w"), Ok(14 * 86_400));
        assert_eq!(parse_duration("42"), Ok(42));
        assert!(parse_duration("1y").is_err());
        assert!(parse_duration("h").is_err());
        assert!(parse_duration("-1h").is_err());
        assert!(parse_duration("99999999999999999999d").is_err());
    }

    #[test]
    fn times() {
        let now = 1_700_000_000;
        assert_eq!(parse_time("now", now), Ok(now));
        assert_eq!(parse_time("+90d", now), Ok(now + 90 * 86_400));
        assert_eq!(parse_time("+30s", now), Ok(now + 30));
        assert_eq!(parse_time("-10m", now), Ok(now - 600));
        assert_eq!(parse_time("1800000000", now), Ok(1_800_000_000));
        assert_eq!(parse_time("2030-01-01T00:00:00Z", now), Ok(1_893_456_000));
        assert_eq!(parse_time("2030-01-01T01:00:00+01:00", now), Ok(1_893_456_000));
        assert_eq!(parse_time("2030-01-01", now), Ok(1_893_456_000));
        let err = parse_time("tomorrow", now).unwrap_err();
        assert!(err.contains("is not a time"), "{err}");
        assert!(parse_time("+soon", now).is_err());
        assert!(parse_time("", now).is_err());
    }

    #[test]
    fn formatting() {
        assert_eq!(format_time(1_893_456_000), "2030-01-01T00:00:00Z");
        assert_eq!(format_duration(90 * 86_400), "12w 6d");
        assert_eq!(format_duration(3_661), "1h 1m");
        assert_eq!(format_duration(0), "0s");
        assert_eq!(describe_time(110, 100), format!("{} (in 10s)", format_time(110)));
        assert_eq!(describe_time(40, 100), format!("{} (1m ago)", format_time(40)));
    }
}
