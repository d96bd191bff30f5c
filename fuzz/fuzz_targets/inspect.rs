//! Certificate, CSR, CRL and key inspection of arbitrary input (PEM, DER or base64).
#![no_main]

use libfuzzer_sys::fuzz_target;

/// 2026-12-01T00:00:00Z: inspection needs a "now".
const NOW: i64 = 1_796_083_200;

fuzz_target!(|data: &[u8]| {
    let _ = certkit_x509::inspect_pem(data, NOW);
    let _ = certkit_x509::inspect_private_key(data);
    let _ = certkit_x509::certificate::inspect(data, NOW);
    let _ = certkit_x509::request::inspect(data);
    let _ = certkit_x509::crl::inspect(data, NOW);
});
