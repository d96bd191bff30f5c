//! The proxy's `/ncp/...` target parser: whatever it accepts stays a plain `/api/...` path.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(target) = std::str::from_utf8(data) else {
        return;
    };
    let Some(upstream) = certkit_proxy::forwarded_path(target) else {
        return;
    };
    assert!(upstream.starts_with("/api/"), "{upstream:?}");
    assert!(target.ends_with(upstream), "not a suffix of the target: {upstream:?}");
    let path = upstream.split('?').next().unwrap_or_default();
    // Three levels of percent-decoding, as the proxy checks.
    let mut decoded = path.as_bytes().to_vec();
    for _ in 0..3 {
        decoded = certkit_core::percent_decode_bytes(&decoded);
    }
    let decoded = String::from_utf8_lossy(&decoded);
    for segment in decoded.split('/') {
        assert!(segment != ".." && segment != ".", "{upstream:?}");
    }
    assert!(!decoded.contains('\\') && !decoded.contains('@'), "{upstream:?}");
    assert!(!decoded.chars().any(char::is_control), "{upstream:?}");
});
