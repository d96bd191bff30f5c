//! Response parsing of every operation: the first byte picks the operation, the next two the
//! HTTP status, the rest is the body.
#![no_main]

use certkit_core::OperationKind;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let [pick, high, low, body @ ..] = data else {
        return;
    };
    let kinds = OperationKind::ALL;
    let Some(kind) = kinds.get(usize::from(*pick) % kinds.len()) else {
        return;
    };
    let status = 100 + u16::from_be_bytes([*high, *low]) % 500;
    if let Err(failure) = certkit_core::response::parse_response_bytes(*kind, status, body) {
        // An error never quotes a private key block, whatever the body.
        let text = failure.to_string();
        assert_eq!(
            certkit_core::pem::scrub_private_keys(&text),
            text,
            "a failure quoted a private key"
        );
    }
});
