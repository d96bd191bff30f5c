//! Chain ordering, verification and exports, on the OpenSSL-made fixtures of
//! `tests/fixtures/make.sh`: root (RSA 3072) -> intermediate (EC P-384) -> leaves, and root ->
//! intermediate (EC P-521, expiring before its leaves) -> leaves. Expected orders are given as
//! the individual fixture files, so the test compares DER bytes, not our own earlier output.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use certkit_x509::{
    certificate, export, order_chain, verify_chain, ChainProblemKind, ErrorKind, SignatureStatus,
};

/// 2026-11-18T08:53:20Z: after every fixture's notBefore except ed25519's, before the
/// notAfter of every non-expired fixture.
const NOW: i64 = 1_795_000_000;

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn der(name: &str) -> Vec<u8> {
    export::der(fixture(name)).unwrap()
}

fn ders(names: &[&str]) -> Vec<Vec<u8>> {
    names.iter().map(|n| der(n)).collect()
}

#[test]
fn a_bundle_over_64_blocks_is_refused_before_any_signature_check() {
    let leaf = String::from_utf8(fixture("leaf-p256.pem")).unwrap();
    let at_cap = leaf.repeat(certkit_x509::pem::MAX_BLOCKS);
    assert_eq!(certkit_x509::pem::MAX_BLOCKS, 64);
    // 64 copies are read (ordering then finds duplicates, not a size problem).
    if let Err(error) = order_chain(&at_cap) {
        assert_ne!(error.kind(), ErrorKind::TooManyBlocks, "{error}");
    }
    let over = leaf.repeat(certkit_x509::pem::MAX_BLOCKS + 1);
    for error in [
        order_chain(&over).unwrap_err(),
        verify_chain(&over, NOW).unwrap_err(),
        certkit_x509::inspect_pem(&over, NOW).unwrap_err(),
    ] {
        assert_eq!(error.kind(), ErrorKind::TooManyBlocks);
        assert_eq!(error.block(), Some(65));
        assert_eq!(error.kind().code(), "tooManyBlocks");
        let message = error.to_string();
        assert!(
            message.contains("more than 64 PEM blocks") && message.contains("split the bundle"),
            "{message}"
        );
    }
    // The same cap holds for concatenated DER.
    let der_over: Vec<u8> = der("leaf-p256.pem").repeat(65);
    assert_eq!(
        order_chain(&der_over).unwrap_err().kind(),
        ErrorKind::TooManyBlocks
    );
}

#[test]
fn shuffled_bundle_is_ordered_leaf_first() {
    let chain = order_chain(fixture("chain-shuffled.pem")).unwrap();
    let got: Vec<Vec<u8>> = chain.certificates.iter().map(|c| c.der.clone()).collect();
    assert_eq!(got, ders(&["leaf-p256.pem", "int-p384.pem", "root.pem"]));
    // Input order was int, root, leaf.
    let positions: Vec<usize> = chain.certificates.iter().map(|c| c.position).collect();
    assert_eq!(positions, [2, 0, 1]);
    assert!(chain.complete);
    assert!(chain.missing.is_empty() && chain.extra.is_empty());
}

#[test]
fn ordered_and_shuffled_chains_verify() {
    for file in ["chain-ordered.pem", "chain-shuffled.pem", "chain-p521.pem"] {
        let report = verify_chain(fixture(file), NOW).unwrap();
        assert_eq!(report.links.len(), 3, "{file}");
        for link in &report.links {
            assert_eq!(
                link.signature,
                SignatureStatus::Valid,
                "{file}: {}",
                link.subject
            );
            assert_eq!(link.signature_valid, Some(true));
            assert!(link.valid_at_now, "{file}: {}", link.subject);
        }
        assert!(report.complete, "{file}");
        assert_eq!(
            report.root.as_deref(),
            Some("CN=Certkit Test Root,O=Certkit Test,C=KR")
        );
        assert!(report.ok, "{file}: {:?}", report.problems);
    }
}

#[test]
fn every_signature_algorithm_in_the_fixtures_verifies() {
    // RSA-SHA256 (root), RSA-SHA384 (int-p384), RSA-SHA512 (int-p521, leaf-rsa4096),
    // ECDSA P-384 with SHA-256/384 (leaf-rsa2048, leaf-p256),
    // ECDSA P-521 with SHA-512 (leaf-p521) and SHA-256 (leaf-p256-by-p521).
    let cases: [(&str, &[&str]); 6] = [
        ("leaf-rsa2048.pem", &["int-p384.pem", "root.pem"]),
        ("leaf-rsa4096.pem", &["root.pem"]),
        ("leaf-p256.pem", &["int-p384.pem", "root.pem"]),
        ("leaf-p521.pem", &["int-p521.pem", "root.pem"]),
        ("leaf-p256-by-p521.pem", &["int-p521.pem", "root.pem"]),
        ("int-p521.pem", &["root.pem"]),
    ];
    for (leaf, issuers) in cases {
        let mut certs = vec![der(leaf)];
        certs.extend(ders(issuers));
        let report = certkit_x509::chain::verify(&certs, NOW).unwrap();
        assert!(
            report
                .links
                .iter()
                .all(|l| l.signature == SignatureStatus::Valid),
            "{leaf}: {:?}",
            report.links
        );
    }
}

#[test]
fn broken_signature_is_reported_on_its_link() {
    let report = verify_chain(fixture("chain-broken-signature.pem"), NOW).unwrap();
    assert_eq!(report.links[0].signature, SignatureStatus::Invalid);
    assert_eq!(report.links[0].signature_valid, Some(false));
    assert_eq!(report.links[1].signature, SignatureStatus::Valid);
    assert_eq!(report.links[2].signature, SignatureStatus::Valid);
    assert!(!report.ok);
    assert!(report.problems[0].contains("does not verify"));
    assert_eq!(kinds_on(&report, 1), [ChainProblemKind::SignatureInvalid]);
    // A CA with another name (int-p521 did not issue leaf-p256) is not linked: the issuer is
    // missing, no signature is checked against the wrong key.
    let other_name =
        certkit_x509::chain::verify(&ders(&["leaf-p256.pem", "int-p521.pem"]), NOW).unwrap();
    assert_eq!(
        other_name.links[0].signature,
        SignatureStatus::IssuerMissing
    );
    assert!(!other_name.ok);
}

#[test]
fn a_root_whose_own_signature_fails_is_self_issued_but_anchors_nothing() {
    // root.pem with the last byte of its signature flipped: names and key identifiers intact.
    let mut broken = der("root.pem");
    if let Some(last) = broken.last_mut() {
        *last ^= 0x01;
    }
    // Inspection's selfSigned reads names and key identifiers only (no signature check)...
    let inspect = |der: &[u8]| certificate::inspect(der, NOW).unwrap().self_signed;
    assert!(inspect(&der("root.pem")) && inspect(&broken));
    assert!(!inspect(&der("int-p384.pem")));
    // ...while ordering and verification check the root's signature before taking it as one.
    let certs = vec![der("leaf-p256.pem"), der("int-p384.pem"), broken.clone()];
    let ordered = certkit_x509::chain::order(&certs).unwrap();
    assert!(ordered.certificates.iter().all(|c| !c.self_signed));
    assert!(!ordered.complete);
    for input in [certs, vec![broken]] {
        let report = certkit_x509::chain::verify(&input, NOW).unwrap();
        assert!(report.links.iter().all(|l| !l.self_signed), "{report:?}");
        assert!(!report.complete && !report.ok, "{report:?}");
        assert_eq!(report.root, None);
    }
}

/// The problem kinds a report names for certificate `n` (1 = leaf).
fn kinds_on(report: &certkit_x509::ChainReport, n: usize) -> Vec<ChainProblemKind> {
    report
        .problem_details
        .iter()
        .filter(|p| p.certificate == n)
        .map(|p| p.kind)
        .collect()
}

/// The certificates of one chain of the differential corpus (`fixtures/chains/`, made by
/// make.sh with OpenSSL), in bundle order.
fn corpus_chain(name: &str) -> Vec<Vec<u8>> {
    let bundle = certkit_x509::parse_bundle(fixture(&format!("chains/{name}.pem"))).unwrap();
    bundle.certificates().iter().map(|c| c.to_vec()).collect()
}

/// A CA with the issuer's name but another key (twin-a; the leaf was signed by twin-b, whose
/// subject key identifier its authority key identifier names) is not taken as the issuer.
#[test]
fn same_issuer_name_with_another_key_is_not_the_issuer() {
    let [leaf, twin_a, _twin_b, root] =
        <[Vec<u8>; 4]>::try_from(corpus_chain("good-twins-by-key-id")).unwrap();
    let report = certkit_x509::chain::verify(&[leaf, twin_a, root], NOW).unwrap();
    assert_eq!(report.links[0].signature, SignatureStatus::IssuerMissing);
    assert_eq!(report.missing.len(), 1, "{:?}", report.missing);
    assert_eq!(kinds_on(&report, 1), [ChainProblemKind::IssuerMissing]);
    assert!(!report.ok);
}

/// Several candidate issuers with the same name: the key identifier picks (twin-b, second in
/// the bundle); without key identifiers the first one valid at the time is taken, as
/// `openssl verify` does, whether or not its signature then verifies.
#[test]
fn the_issuer_is_chosen_among_same_named_candidates_as_openssl_does() {
    let report = verify_chain(fixture("chains/good-twins-by-key-id.pem"), NOW).unwrap();
    let positions: Vec<usize> = report.links.iter().map(|l| l.position).collect();
    assert_eq!(positions, [0, 2, 3]);
    assert_eq!(
        report.extra.iter().map(|e| e.position).collect::<Vec<_>>(),
        [1]
    );
    assert!(report.ok, "{:?}", report.problems);

    let first_signed = verify_chain(fixture("chains/good-twins-without-key-id.pem"), NOW).unwrap();
    assert_eq!(first_signed.links[1].position, 1);
    assert!(first_signed.ok, "{:?}", first_signed.problems);

    let first_did_not_sign =
        verify_chain(fixture("chains/bad-twins-without-key-id.pem"), NOW).unwrap();
    assert_eq!(first_did_not_sign.links[1].position, 1);
    assert_eq!(
        first_did_not_sign.links[0].signature,
        SignatureStatus::Invalid
    );
    assert_eq!(
        kinds_on(&first_did_not_sign, 1),
        [ChainProblemKind::SignatureInvalid]
    );
    assert!(!first_did_not_sign.ok);
}

/// Ed25519 is not verified here: reported on its link and never passed, although OpenSSL
/// accepts the chain (`chains/stricter-unsupported-algorithm.openssl-verify.txt`).
#[test]
fn an_unsupported_algorithm_is_reported_not_passed() {
    let report = verify_chain(fixture("chains/stricter-unsupported-algorithm.pem"), NOW).unwrap();
    assert_eq!(report.links[0].signature, SignatureStatus::Unsupported);
    assert_eq!(report.links[0].signature_valid, None);
    assert_eq!(report.links[1].signature, SignatureStatus::Valid);
    assert_eq!(
        kinds_on(&report, 1),
        [ChainProblemKind::UnsupportedAlgorithm]
    );
    assert_eq!(report.problem_details[0].detail.as_deref(), Some("ED25519"));
    assert!(!report.ok);
    // A self-signed Ed25519 certificate alone: its own signature is not checked either.
    let alone = verify_chain(fixture("ed25519.pem"), NOW).unwrap();
    assert_eq!(alone.links[0].signature, SignatureStatus::Unsupported);
    assert!(!alone.ok);
}

#[test]
fn missing_intermediate_is_named() {
    let report = verify_chain(fixture("chain-missing-intermediate.pem"), NOW).unwrap();
    assert_eq!(report.missing.len(), 1);
    let gap = &report.missing[0];
    assert_eq!(
        gap.issuer,
        "CN=Certkit Test Issuing CA P-384,OU=Issuing,O=Certkit Test,C=KR"
    );
    assert_eq!(gap.needed_by, "CN=p256.example.test,O=Certkit Test,C=KR");
    assert!(!gap.at_top, "the root above the gap was supplied");
    assert_eq!(report.links[0].signature, SignatureStatus::IssuerMissing);
    assert!(!report.complete && !report.ok);
    assert_eq!(kinds_on(&report, 1), [ChainProblemKind::IssuerMissing]);

    // Leaf and intermediate only (what servers send): the root is missing at the top, so
    // nothing anchors the chain and it is not ok, as `openssl verify` says without the root
    // (chains/bad-missing-root.openssl-verify.txt: error 20). Each link present still checks.
    let served =
        certkit_x509::chain::verify(&ders(&["int-p384.pem", "leaf-p256.pem"]), NOW).unwrap();
    assert_eq!(served.missing.len(), 1);
    assert!(served.missing[0].at_top);
    assert_eq!(
        served.missing[0].issuer,
        "CN=Certkit Test Root,O=Certkit Test,C=KR"
    );
    assert_eq!(served.links[0].signature, SignatureStatus::Valid);
    assert!(!served.complete);
    assert!(!served.ok);
    assert_eq!(kinds_on(&served, 2), [ChainProblemKind::RootMissing]);
    assert_eq!(served.problems.len(), 1, "{:?}", served.problems);
}

#[test]
fn unrelated_certificates_are_extra() {
    let chain = order_chain(fixture("chain-extra.pem")).unwrap();
    let got: Vec<Vec<u8>> = chain.certificates.iter().map(|c| c.der.clone()).collect();
    assert_eq!(got, ders(&["leaf-rsa2048.pem", "int-p384.pem", "root.pem"]));
    let extra: Vec<Vec<u8>> = chain.extra.iter().map(|c| c.der.clone()).collect();
    assert_eq!(extra, ders(&["leaf-rsa4096.pem"]));
}

#[test]
fn expired_certificate_fails_validity_at_now() {
    let certs = ders(&["expired.pem", "int-p384.pem", "root.pem"]);
    let report = certkit_x509::chain::verify(&certs, NOW).unwrap();
    assert!(!report.links[0].valid_at_now);
    assert!(report.links[0].days_remaining < 0);
    assert_eq!(report.links[0].signature, SignatureStatus::Valid);
    assert!(!report.ok);
    assert!(report
        .problems
        .iter()
        .any(|p| p.contains("expired on 2021-01-01T00:00:00Z")));
    assert_eq!(kinds_on(&report, 1), [ChainProblemKind::Expired]);
    // At a time inside the leaf's validity (2020-06-01) the leaf is fine, but the intermediate
    // and the root are not valid yet, so the chain is not ok either.
    let then = certkit_x509::chain::verify(&certs, 1_590_969_600).unwrap();
    assert!(then.links[0].valid_at_now);
    assert!(
        !then.links[1].valid_at_now,
        "the intermediate starts in 2025"
    );
    assert!(!then.ok);
    assert_eq!(kinds_on(&then, 1), []);
    assert_eq!(kinds_on(&then, 2), [ChainProblemKind::NotYetValid]);
    assert_eq!(kinds_on(&then, 3), [ChainProblemKind::NotYetValid]);
    assert!(
        then.problems[0].contains("is not valid before 2025-06-01T00:00:00Z"),
        "{:?}",
        then.problems
    );
}

#[test]
fn ca_expiring_before_the_leaf_is_flagged() {
    let report = verify_chain(fixture("chain-p521.pem"), NOW).unwrap();
    assert!(!report.links[0].ca_expires_before_leaf, "the leaf itself");
    assert!(
        report.links[1].ca_expires_before_leaf,
        "int-p521 ends 2027-03, the leaf 2028"
    );
    assert!(!report.links[2].ca_expires_before_leaf);
    assert!(report
        .problems
        .iter()
        .any(|p| p.contains("before the leaf")));
}

#[test]
fn exports_follow_chain_order() {
    let bundle = certkit_x509::parse_bundle(fixture("chain-shuffled.pem")).unwrap();
    let certs = bundle.certificates();
    let leaf = String::from_utf8(fixture("leaf-p256.pem")).unwrap();
    let int = String::from_utf8(fixture("int-p384.pem")).unwrap();
    assert_eq!(
        export::fullchain_pem(&certs).unwrap(),
        format!("{leaf}{int}")
    );
    assert_eq!(export::chain_pem(&certs).unwrap(), int);
    // DER export equals `openssl x509 -outform DER`.
    assert_eq!(
        export::der(fixture("leaf-rsa2048.pem")).unwrap(),
        fixture("leaf-rsa2048.der")
    );
    assert_eq!(
        export::pem("CERTIFICATE", &fixture("leaf-rsa2048.der")),
        String::from_utf8(fixture("leaf-rsa2048.pem")).unwrap()
    );
}

#[test]
fn chain_errors_name_the_block() {
    let err = verify_chain("no certificates here", NOW).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NoPemBlock);
    let err = verify_chain(fixture("leaf-p256.key.pem"), NOW).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::NoCertificate);
    // A certificate whose DER is cut short: block 2 is named.
    let mut int = der("int-p384.pem");
    int.truncate(int.len() - 10);
    let text = format!(
        "{}{}",
        String::from_utf8(fixture("leaf-p256.pem")).unwrap(),
        export::pem("CERTIFICATE", &int)
    );
    let err = verify_chain(&text, NOW).unwrap_err();
    assert_eq!(err.block(), Some(2));
    assert!(matches!(err.kind(), ErrorKind::MalformedDer(_)));
    assert!(
        err.to_string().starts_with("block 2 (CERTIFICATE): "),
        "{err}"
    );
}

#[test]
fn report_json_shape() {
    let report = verify_chain(fixture("chain-broken-signature.pem"), NOW).unwrap();
    let json = serde_json::to_value(&report).unwrap();
    let link = &json["links"][0];
    for field in [
        "subject",
        "issuer",
        "signature",
        "signatureValid",
        "validAtNow",
        "notAfter",
        "caExpiresBeforeLeaf",
    ] {
        assert!(link.get(field).is_some(), "missing {field}");
    }
    assert_eq!(link["signature"], "invalid");
    assert_eq!(json["ok"], false);
    assert_eq!(json["complete"], true);
}

/// A certificate "issued" by an end-entity (leaf-p256, basicConstraints CA:false, keyUsage
/// digitalSignature; made by `openssl ca` with the leaf's key in make.sh) under int-p384
/// (pathlen:0): every signature verifies, yet the chain is not ok. `openssl verify` names three
/// rules (chain-leaf-issuer.openssl-verify.txt): 79 invalid CA at depth 1, 25 path length
/// exceeded at depth 2, 32 no keyCertSign at depth 1; certkit names the same three.
#[test]
fn an_end_entity_issuer_is_not_ok() {
    let openssl = String::from_utf8(fixture("chain-leaf-issuer.openssl-verify.txt")).unwrap();
    let errors: Vec<&str> = openssl
        .lines()
        .filter_map(|l| l.strip_prefix("error ")?.split_once(" depth lookup"))
        .map(|(code_depth, _)| code_depth)
        .collect();
    assert_eq!(errors, ["79 at 1", "25 at 2", "32 at 1"], "{openssl}");
    let report = verify_chain(fixture("chain-leaf-issuer.pem"), NOW).unwrap();
    let subjects: Vec<&str> = report.links.iter().map(|l| l.subject.as_str()).collect();
    assert_eq!(
        subjects,
        [
            "CN=by-leaf.example.test,O=Certkit Test,C=KR",
            "CN=p256.example.test,O=Certkit Test,C=KR",
            "CN=Certkit Test Issuing CA P-384,OU=Issuing,O=Certkit Test,C=KR",
            "CN=Certkit Test Root,O=Certkit Test,C=KR",
        ]
    );
    for link in &report.links {
        assert_eq!(link.signature, SignatureStatus::Valid, "{}", link.subject);
        assert!(link.valid_at_now, "{}", link.subject);
    }
    assert!(report.complete);
    assert!(!report.ok, "{report:?}");
    assert_eq!(
        kinds_on(&report, 2),
        [
            ChainProblemKind::IssuerNotCa,
            ChainProblemKind::IssuerWithoutKeyCertSign
        ],
        "{:?}",
        report.problems
    );
    assert_eq!(kinds_on(&report, 3), [ChainProblemKind::PathLenExceeded]);
    assert_eq!(report.problems.len(), 3, "{:?}", report.problems);
    let problem = &report.problems[0];
    assert!(
        problem.contains("certificate 2 (CN=p256.example.test")
            && problem.contains("not a CA")
            && problem.contains("certificate 1 (CN=by-leaf.example.test"),
        "{problem}"
    );
    // Without the end-entity's child, the same certificates verify as before.
    let rest = verify_chain(fixture("chain-ordered.pem"), NOW).unwrap();
    assert!(rest.ok, "{:?}", rest.problems);
}
