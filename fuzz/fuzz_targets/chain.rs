//! Chain ordering and verification of arbitrary bundles.
#![no_main]

use libfuzzer_sys::fuzz_target;

const NOW: i64 = 1_796_083_200;

fuzz_target!(|data: &[u8]| {
    if let Ok(chain) = certkit_x509::order_chain(data) {
        assert!(chain.certificates.len() <= certkit_x509::pem::MAX_BLOCKS);
    }
    let _ = certkit_x509::verify_chain(data, NOW);
});
