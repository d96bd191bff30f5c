//! HTTP dates: expected epoch values computed with GNU date (`date -u -d '<date>' +%s`).

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use certkit_core::clock::{
    clock_skew_ms, correction_allowed, parse_http_date, skew_rejected, MAX_CLOCK_CORRECTION_MS,
};

#[test]
fn automatic_correction_stops_at_one_hour_either_way() {
    assert_eq!(MAX_CLOCK_CORRECTION_MS, 3_600_000);
    for allowed in [0, 300_000, -300_000, 3_600_000, -3_600_000] {
        assert!(correction_allowed(allowed), "{allowed}");
    }
    for refused in [3_600_001, -3_600_001, 86_400_000, i64::MIN, i64::MAX] {
        assert!(!correction_allowed(refused), "{refused}");
    }
}

#[test]
fn imf_fixdates() {
    let cases = [
        ("Sun, 06 Nov 1994 08:49:37 GMT", 784111777),
        ("Thu, 01 Jan 1970 00:00:00 GMT", 0),
        ("Thu, 08 Aug 2024 07:10:03 GMT", 1723101003),
        ("Thu, 29 Feb 2024 23:59:59 GMT", 1709251199),
        ("Tue, 29 Feb 2000 12:00:00 GMT", 951825600),
        ("Fri, 31 Dec 9999 23:59:59 GMT", 253402300799),
    ];
    for (text, seconds) in cases {
        assert_eq!(parse_http_date(text), Some(seconds * 1000), "{text}");
    }
}

#[test]
fn rejects_other_forms() {
    for text in [
        "",
        "Sunday, 06-Nov-94 08:49:37 GMT", // RFC 850: obsolete
        "Sun Nov  6 08:49:37 1994",       // asctime: obsolete
        "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 31 Nov 1994 08:49:37 GMT",
        "Sun, 29 Feb 1900 08:49:37 GMT",
        "Sun, 06 Foo 1994 08:49:37 GMT",
        "Sun, 06 Nov 1969 08:49:37 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT extra",
        "Xyz, 06 Nov 1994 08:49:37 GMT",
    ] {
        assert_eq!(parse_http_date(text), None, "{text:?}");
    }
}

#[test]
fn skew_is_server_minus_local() {
    let server = "Thu, 08 Aug 2024 07:10:03 GMT";
    assert_eq!(clock_skew_ms(server, 1723101003000), Some(0));
    assert_eq!(
        clock_skew_ms(server, 1723101003000 - 372_000),
        Some(372_000)
    );
    assert_eq!(clock_skew_ms(server, 1723101003000 + 1_500), Some(-1_500));
    assert_eq!(clock_skew_ms("garbage", 0), None);
    assert!(skew_rejected(300_000) && skew_rejected(-300_000));
    assert!(!skew_rejected(299_999) && !skew_rejected(-299_999));
}
