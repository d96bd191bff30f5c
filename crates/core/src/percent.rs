//! Percent-encoding of query values and path parameters, exactly once (what is sent is what
//! is signed).

use alloc::string::String;
use alloc::vec::Vec;

/// Percent-encodes a query value once: every byte but RFC 3986's unreserved characters
/// (`A-Z a-z 0-9 - . _ ~`) becomes `%XX` (upper-case hex). The result is what is sent and
/// signed; no client or server step may encode it again.
pub(crate) fn percent_encode(value: &str) -> String {
    let hex = |nibble: u8| {
        char::from_digit(u32::from(nibble), 16).map_or('0', |digit| digit.to_ascii_uppercase())
    };
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(hex(byte >> 4));
            out.push(hex(byte & 0x0f));
        }
    }
    out
}

/// Decodes `%XX` escapes (a `%` not followed by two hex digits is kept); invalid UTF-8 is
/// replaced. `+` stays `+`: these APIs are not form-encoded.
pub(crate) fn percent_decode(value: &str) -> String {
    String::from_utf8_lossy(&percent_decode_bytes(value.as_bytes())).into_owned()
}

/// One round of percent-decoding of raw bytes: `%XX` becomes the byte, and a `%` not followed
/// by two hex digits stays as it is. The proxy decodes request paths with it, round by round.
pub fn percent_decode_bytes(input: &[u8]) -> Vec<u8> {
    let hex = |byte: &u8| {
        char::from(*byte)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    };
    let mut out = Vec::with_capacity(input.len());
    let mut rest = input;
    while let Some((&byte, tail)) = rest.split_first() {
        if byte == b'%' {
            if let (Some(hi), Some(lo)) = (tail.first().and_then(hex), tail.get(1).and_then(hex)) {
                out.push(hi << 4 | lo);
                rest = tail.get(2..).unwrap_or_default();
                continue;
            }
        }
        out.push(byte);
        rest = tail;
    }
    out
}

/// The query of a path as decoded `(name, value)` pairs, in order.
pub fn query_pairs(path_and_query: &str) -> Vec<(String, String)> {
    let Some((_, query)) = path_and_query.split_once('?') else {
        return Vec::new();
    };
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(name), percent_decode(value))
        })
        .collect()
}
