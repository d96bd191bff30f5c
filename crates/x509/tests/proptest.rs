//! Property tests: no input makes PEM splitting, inspection, key matching, chain ordering or
//! verification panic (proptest reports a panic as a failure), and whatever parses re-parses
//! from its clean PEM to the same blocks. Valid fixtures (made by OpenSSL, see
//! `tests/fixtures/make.sh`) are also mutated byte by byte, with these invariants:
//! - a certificate of a valid chain, mutated so that it still parses, no longer verifies;
//! - a bit flipped in a signature makes that link's signature invalid;
//! - PEM encoding then parsing gives back the label and bytes, with nothing to repair.
//!
//! `PROPTEST_CASES` sets the number of cases (each property was run with 10,000 once:
//! `PROPTEST_CASES=10000 cargo test -p certkit-x509 --release --test proptest`); the default
//! keeps `cargo test` quick.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use certkit_x509::{
    certificate, chain, export, inspect_pem, inspect_private_key, key_matches_certificate,
    order_chain, parse_bundle, verify_chain,
};
use proptest::prelude::*;

/// `PROPTEST_CASES`, or `default` (an explicit `with_cases` would ignore the variable).
fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default);
    ProptestConfig::with_cases(cases)
}

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn der(name: &str) -> Vec<u8> {
    parse_bundle(fixture(name)).unwrap().blocks[0].der.clone()
}

/// Everything the crate offers, on one input; results are ignored, panics are not.
fn exercise(input: &[u8]) {
    let now = 1_795_000_000;
    if let Ok(bundle) = parse_bundle(input) {
        // Clean output parses back to the same blocks with nothing to repair.
        let clean = bundle.to_pem();
        let again = parse_bundle(&clean).expect("clean PEM re-parses");
        assert_eq!(again.blocks.len(), bundle.blocks.len());
        for (a, b) in again.blocks.iter().zip(&bundle.blocks) {
            assert_eq!(a.der, b.der);
            assert_eq!(a.label, b.label);
        }
        assert!(again.repairs.is_empty(), "{:?}", again.repairs);
        for block in &bundle.blocks {
            let _ = certificate::inspect(&block.der, now);
        }
    }
    let _ = inspect_pem(input, now);
    let _ = inspect_private_key(input);
    let _ = key_matches_certificate(input, input);
    let _ = order_chain(input);
    let _ = verify_chain(input, now);
    let _ = export::private_key_pkcs8_pem(input);
    let _ = export::der(input);
}

/// Pieces users' PEMs are made of, to build inputs close to real ones.
fn pem_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("-----BEGIN CERTIFICATE-----".to_string()),
        Just("-----END CERTIFICATE-----".to_string()),
        Just("-----BEGIN PRIVATE KEY-----".to_string()),
        Just("-----END PRIVATE KEY-----".to_string()),
        Just("-----BEGIN EC PRIVATE KEY-----".to_string()),
        Just("---BEGIN X509 CRL--".to_string()),
        Just("Proc-Type: 4,ENCRYPTED".to_string()),
        Just("\n".to_string()),
        Just("\\n".to_string()),
        Just("\r\n".to_string()),
        Just("\\u00".to_string()),
        Just(" ".to_string()),
        Just("\"".to_string()),
        Just("=".to_string()),
        "[A-Za-z0-9+/]{0,80}",
        ".{0,10}",
    ]
}

proptest! {
    #![proptest_config(cases(512))]

    #[test]
    fn arbitrary_bytes_never_panic(input in proptest::collection::vec(any::<u8>(), 0..600)) {
        exercise(&input);
    }

    #[test]
    fn arbitrary_der_like_bytes_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..300)) {
        // Starting with a SEQUENCE tag sends the input down the DER path.
        let mut input = vec![0x30];
        input.extend(tail);
        exercise(&input);
    }

    #[test]
    fn pem_shaped_text_never_panics(pieces in proptest::collection::vec(pem_piece(), 0..40)) {
        exercise(pieces.concat().as_bytes());
    }

    #[test]
    fn mutated_pem_text_never_panics(
        position in any::<prop::sample::Index>(),
        replacement in any::<char>(),
    ) {
        let text = String::from_utf8(fixture("chain-ordered.pem")).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let i = position.index(chars.len());
        let mutated: String = chars
            .iter()
            .enumerate()
            .map(|(j, c)| if j == i { replacement } else { *c })
            .collect();
        exercise(mutated.as_bytes());
    }
}

/// Byte-level mutations of a valid DER object.
#[derive(Debug, Clone)]
enum Mutation {
    Flip(prop::sample::Index, u8),
    Truncate(prop::sample::Index),
    Insert(prop::sample::Index, u8),
    Remove(prop::sample::Index, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<prop::sample::Index>(), 1..=255u8).prop_map(|(i, x)| Mutation::Flip(i, x)),
        any::<prop::sample::Index>().prop_map(Mutation::Truncate),
        (any::<prop::sample::Index>(), any::<u8>()).prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<prop::sample::Index>(), 1..40usize).prop_map(|(i, n)| Mutation::Remove(i, n)),
    ]
}

fn mutate(mut der: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        if der.is_empty() {
            break;
        }
        match m {
            Mutation::Flip(i, x) => {
                let i = i.index(der.len());
                der[i] ^= x;
            }
            Mutation::Truncate(i) => der.truncate(i.index(der.len())),
            Mutation::Insert(i, b) => {
                let i = i.index(der.len());
                der.insert(i, *b);
            }
            Mutation::Remove(i, n) => {
                let i = i.index(der.len());
                let end = (i + n).min(der.len());
                der.drain(i..end);
            }
        }
    }
    der
}

const MUTATED_FIXTURES: &[&str] = &[
    "leaf-rsa2048.pem",
    "leaf-p256.pem",
    "leaf-p521.pem",
    "int-p384.pem",
    "ed25519.pem",
    "request.csr.pem",
    "int.crl.pem",
    "leaf-p256.sec1.pem",
    "leaf-rsa2048.pkcs1.pem",
    "leaf-rsa2048.encrypted.pem",
];

proptest! {
    #![proptest_config(cases(512))]

    #[test]
    fn mutated_der_never_panics(
        which in 0..MUTATED_FIXTURES.len(),
        mutations in proptest::collection::vec(mutation(), 1..4),
    ) {
        let name = MUTATED_FIXTURES[which];
        let original = der(name);
        let mutated = mutate(original, &mutations);
        let _ = certificate::inspect(&mutated, 1_795_000_000);
        exercise(&mutated);
        // As a PEM block, and as a link in an otherwise valid chain.
        let as_pem = export::pem("CERTIFICATE", &mutated);
        exercise(as_pem.as_bytes());
        let certs = vec![mutated.clone(), der("int-p384.pem"), der("root.pem")];
        let _ = chain::verify(&certs, 1_795_000_000);
        // (Whether such a chain verifies is the invariant of `mutated_certificate_does_not_verify`.)
        let _ = key_matches_certificate(&mutated, fixture("leaf-p256.pem"));
        let _ = key_matches_certificate(fixture("leaf-p256.key.pem"), &mutated);
    }
}

/// The valid chain the invariants start from: leaf-p256 <- int-p384 <- root (OpenSSL-made).
const CHAIN: [&str; 3] = ["leaf-p256.pem", "int-p384.pem", "root.pem"];
const NOW: i64 = 1_795_000_000;

#[test]
fn the_chain_the_mutations_start_from_verifies() {
    let certs: Vec<Vec<u8>> = CHAIN.iter().map(|n| der(n)).collect();
    let report = chain::verify(&certs, NOW).unwrap();
    assert!(report.ok, "{:?}", report.problems);
}

proptest! {
    #![proptest_config(cases(64))]

    /// Invariant: any change to a certificate of a valid chain that still decodes makes the
    /// chain not ok (a changed signed part or signature fails its signature; a changed name or
    /// key identifier breaks the link, and a chain that does not reach its root is not ok).
    /// Flips of value bytes keep most certificates decodable.
    #[test]
    fn mutated_certificate_does_not_verify(
        which in 0..CHAIN.len(),
        flips in proptest::collection::vec((any::<prop::sample::Index>(), 1..=255u8), 1..4),
    ) {
        let mut certs: Vec<Vec<u8>> = CHAIN.iter().map(|n| der(n)).collect();
        let original = certs[which].clone();
        for (i, x) in &flips {
            let i = i.index(certs[which].len());
            certs[which][i] ^= x;
        }
        prop_assume!(certs[which] != original);
        if let Ok(report) = chain::verify(&certs, NOW) {
            prop_assert!(!report.ok, "mutated {} still verifies: {:?}", CHAIN[which], report.links);
        }
    }

    /// Invariant: flipping any one bit of a certificate's signature value makes its link's
    /// signature invalid (RSA PKCS#1 v1.5 with SHA-256/384/512, ECDSA P-384 and P-521).
    #[test]
    fn bit_flipped_signature_fails_verify(
        which in 0..SIGNED.len(),
        bit in any::<prop::sample::Index>(),
    ) {
        use der::Decode;
        let (subject, issuers) = SIGNED[which];
        let mut subject = der(subject);
        let signature_len = x509_cert::Certificate::from_der(&subject)
            .unwrap()
            .signature()
            .raw_bytes()
            .len();
        let bit = bit.index(signature_len * 8);
        let at = subject.len() - signature_len + bit / 8;
        subject[at] ^= 1 << (bit % 8);
        let mut certs = vec![subject];
        certs.extend(issuers.iter().map(|n| der(n)));
        let report = chain::verify(&certs, NOW).unwrap();
        prop_assert_eq!(report.links[0].signature, certkit_x509::SignatureStatus::Invalid);
        prop_assert!(!report.ok);
    }

    /// Invariant: blocks encoded as PEM parse back to the same labels and bytes with no repair,
    /// and the parsed bundle encodes back to the same text.
    #[test]
    fn pem_encode_then_parse_round_trips(
        blocks in proptest::collection::vec(
            ("[A-Z]{1,10}( [A-Z0-9]{1,8}){0,2}", proptest::collection::vec(any::<u8>(), 1..1500)),
            1..4,
        ),
    ) {
        let text: String = blocks.iter().map(|(label, der)| export::pem(label, der)).collect();
        let bundle = parse_bundle(&text).unwrap();
        prop_assert_eq!(bundle.blocks.len(), blocks.len());
        for (block, (label, der)) in bundle.blocks.iter().zip(&blocks) {
            prop_assert_eq!(&block.label_text, label);
            prop_assert_eq!(&block.der, der);
        }
        prop_assert!(bundle.repairs.is_empty(), "{:?}", bundle.repairs);
        prop_assert_eq!(bundle.to_pem(), text);
    }
}

/// Certificates and their issuers, by signature algorithm (see tests/chains.rs).
const SIGNED: &[(&str, &[&str])] = &[
    ("leaf-p256.pem", &["int-p384.pem", "root.pem"]),
    ("int-p384.pem", &["root.pem"]),
    ("leaf-rsa4096.pem", &["root.pem"]),
    ("leaf-p521.pem", &["int-p521.pem", "root.pem"]),
    ("leaf-p256-by-p521.pem", &["int-p521.pem", "root.pem"]),
];
