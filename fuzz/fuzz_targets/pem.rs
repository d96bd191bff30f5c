//! PEM repair and splitting: core's request-side `normalise` and x509's `parse_bundle`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = certkit_core::pem::normalise(text);
        // Scrubbing leaves nothing to scrub: no private key block survives it.
        let scrubbed = certkit_core::pem::scrub_private_keys(text);
        assert_eq!(
            certkit_core::pem::scrub_private_keys(&scrubbed),
            scrubbed,
            "a private key survived scrubbing"
        );
    }
    if let Ok(bundle) = certkit_x509::parse_bundle(data) {
        assert!(bundle.blocks.len() <= certkit_x509::pem::MAX_BLOCKS);
    }
});
