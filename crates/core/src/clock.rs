//! HTTP dates and clock skew. This crate has no clock: the caller passes "now".
//!
//! The gateway rejects a request whose timestamp is 5 minutes or more off its own clock
//! ([`MAX_CLOCK_SKEW_MS`](crate::signing::MAX_CLOCK_SKEW_MS)), with the same "Authentication
//! Failed" as a bad key. Comparing the response's `Date` header with the local clock tells
//! the two apart.

const DAY_NAMES: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Parses an HTTP date in IMF-fixdate form (`Sun, 06 Nov 1994 08:49:37 GMT`, RFC 9110) to
/// Unix epoch milliseconds. Returns `None` for anything else, including dates before 1970.
pub fn parse_http_date(text: &str) -> Option<u64> {
    let text = text.trim();
    let (day_name, rest) = text.split_once(", ")?;
    if !DAY_NAMES.contains(&day_name) {
        return None;
    }
    let mut parts = rest.split(' ');
    let day = fixed_number(parts.next()?, 2)?;
    let month_name = parts.next()?;
    let year = fixed_number(parts.next()?, 4)?;
    let time = parts.next()?;
    if parts.next()? != "GMT" || parts.next().is_some() {
        return None;
    }
    let month = MONTH_NAMES.iter().position(|m| *m == month_name)? as u64 + 1;
    let mut hms = time.split(':');
    let hour = fixed_number(hms.next()?, 2)?;
    let minute = fixed_number(hms.next()?, 2)?;
    // 60 allows a leap second.
    let second = fixed_number(hms.next()?, 2)?;
    if hms.next().is_some() || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    if year < 1970 || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some((((days * 24 + hour) * 60 + minute) * 60 + second) * 1000)
}

/// The server's clock minus the local clock, in milliseconds, from a response's `Date`
/// header and the local time when the response arrived. `None` if the header is not an
/// IMF-fixdate. The `Date` header has one-second resolution, so so does the result.
pub fn clock_skew_ms(server_date_header: &str, local_now_ms: u64) -> Option<i64> {
    let server = i128::from(parse_http_date(server_date_header)?);
    i64::try_from(server - i128::from(local_now_ms)).ok()
}

/// The largest clock correction a client applies by itself: 1 hour. A `Date` further off is
/// more likely a wrong or hostile endpoint than a wrong local clock, and re-signing at its
/// time would hand it a signature that is valid at that future (or past) time.
pub const MAX_CLOCK_CORRECTION_MS: u64 = 3_600_000;

/// Whether a client may correct its clock by `skew_ms` on its own (at most
/// [`MAX_CLOCK_CORRECTION_MS`] either way).
pub fn correction_allowed(skew_ms: i64) -> bool {
    skew_ms.unsigned_abs() <= MAX_CLOCK_CORRECTION_MS
}

/// Whether a skew (from [`clock_skew_ms`]) is large enough for the gateway to reject requests.
pub fn skew_rejected(skew_ms: i64) -> bool {
    skew_ms.unsigned_abs() >= crate::signing::MAX_CLOCK_SKEW_MS
}

fn fixed_number(digits: &str, len: usize) -> Option<u64> {
    if digits.len() != len || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn is_leap(year: u64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a date in or after 1970 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: u64, month: u64, day: u64) -> u64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y / 400;
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_example() {
        // `date -u -d 'Sun, 06 Nov 1994 08:49:37 GMT' +%s` = 784111777
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777_000)
        );
    }
}
