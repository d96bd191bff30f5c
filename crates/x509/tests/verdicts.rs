//! The `_with` entry points, which take signature verdicts from the caller (WebCrypto in the
//! npm package) instead of verifying: on every fixture they give what the sync entry points
//! give when the verdicts come from RustCrypto or from the `openssl` CLI (an independent
//! verifier, run on the exact bytes each `SignatureCheck` hands out); a single Invalid verdict
//! changes the status it is about and nothing else; a missing verdict never counts as Valid;
//! and one round of verdicts always settles an answer, whatever the verdicts say.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use certkit_x509::{
    chain, export, inspect_pem, inspect_pem_with, order_chain, order_chain_with, parse_bundle,
    request, verify_chain, verify_chain_with, ChainProblemKind, HashAlgorithm, Item, Outcome,
    SignatureCheck, SignatureScheme, SignatureStatus, Verdicts,
};

/// 2026-11-18T08:53:20Z, as in the other suites.
const NOW: i64 = 1_795_000_000;

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every certificate, CSR, key and chain fixture (PEM or DER), by name.
fn every_fixture() -> Vec<(String, Vec<u8>)> {
    let mut all = Vec::new();
    let verdict_fixtures = fixtures_dir().join("../verdict-fixtures");
    for dir in [
        fixtures_dir(),
        fixtures_dir().join("chains"),
        verdict_fixtures,
    ] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
            if ext == "pem" || ext == "der" {
                let name = path.display().to_string();
                all.push((name, std::fs::read(&path).unwrap()));
            }
        }
    }
    all.sort();
    assert!(all.len() >= 60, "only {} fixtures", all.len());
    all
}

fn verdict_fixture(name: &str) -> Vec<u8> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/verdict-fixtures");
    std::fs::read(dir.join(name)).unwrap()
}

fn chain_fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixtures_dir().join("chains").join(name)).unwrap()
}

/// The certificates' DER of a fixture, for the `chain::` and `export::` entry points.
fn certificates(input: &[u8]) -> Option<Vec<Vec<u8>>> {
    let bundle = parse_bundle(input).ok()?;
    Some(bundle.certificates().iter().map(|c| c.to_vec()).collect())
}

/// The checks an answer needs, asked with no verdict at all.
fn first_round<T: std::fmt::Debug>(outcome: Outcome<T>) -> Vec<SignatureCheck> {
    match outcome {
        Outcome::NeedVerdicts(checks) => checks,
        Outcome::Done(_) => Vec::new(),
    }
}

fn done<T: std::fmt::Debug>(outcome: Outcome<T>, what: &str) -> T {
    match outcome {
        Outcome::Done(value) => value,
        Outcome::NeedVerdicts(checks) => panic!(
            "{what}: a second round was asked for {} check(s) after every check of the first had a verdict",
            checks.len()
        ),
    }
}

/// Two rounds, as the JavaScript side will run them: no verdicts, then a verdict from
/// `source` on every check asked for.
fn two_rounds<T: std::fmt::Debug, E: std::fmt::Debug>(
    what: &str,
    call: impl Fn(&dyn Fn(&SignatureCheck) -> Option<SignatureStatus>) -> Result<Outcome<T>, E>,
    source: &dyn Fn(&SignatureCheck) -> SignatureStatus,
) -> Result<T, E> {
    let checks = first_round(call(&|_| None)?);
    let mut verdicts = Verdicts::new();
    for check in &checks {
        verdicts.insert(check, source(check));
    }
    assert_eq!(verdicts.len(), checks.len(), "{what}: check ids repeat");
    call(&|check| verdicts.get(check)).map(|outcome| done(outcome, what))
}

/// A verdict source that always answers.
type VerdictFn = dyn Fn(&SignatureCheck) -> SignatureStatus;

fn rustcrypto(check: &SignatureCheck) -> SignatureStatus {
    check.verify_with_rustcrypto()
}

/// `openssl dgst -verify` on the check's SPKI, message and signature: Valid when it says
/// "Verified OK".
fn openssl_verdict(check: &SignatureCheck) -> SignatureStatus {
    openssl_verify(
        check.scheme().hash(),
        check.signer_spki(),
        check.message(),
        check.signature(),
    )
}

fn openssl_verify(
    hash: HashAlgorithm,
    spki: &[u8],
    message: &[u8],
    signature: &[u8],
) -> SignatureStatus {
    let hash = match hash {
        HashAlgorithm::Sha1 => "-sha1",
        HashAlgorithm::Sha224 => "-sha224",
        HashAlgorithm::Sha256 => "-sha256",
        HashAlgorithm::Sha384 => "-sha384",
        HashAlgorithm::Sha512 => "-sha512",
    };
    let dir = std::env::temp_dir().join(format!(
        "certkit-verdicts-{}-{}",
        std::process::id(),
        NEXT_DIR.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let files = [
        (dir.join("spki.der"), spki),
        (dir.join("message.bin"), message),
        (dir.join("signature.bin"), signature),
    ];
    for (path, bytes) in &files {
        std::fs::write(path, bytes).unwrap();
    }
    let output = Command::new("openssl")
        .args(["dgst", hash, "-verify"])
        .arg(&files[0].0)
        .args(["-keyform", "DER", "-signature"])
        .arg(&files[2].0)
        .arg(&files[1].0)
        .output()
        .expect("openssl");
    let _ = std::fs::remove_dir_all(&dir);
    let said = String::from_utf8_lossy(&output.stdout);
    if output.status.success() && said.contains("Verified OK") {
        return SignatureStatus::Valid;
    }
    // A key openssl cannot read would be a wrong SPKI, not a wrong signature.
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        said.contains("Verification failure"),
        "openssl did not get to verifying: {said} {stderr}"
    );
    SignatureStatus::Invalid
}

static NEXT_DIR: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// openssl's verdicts, each check run once (the same root signature recurs in many fixtures).
struct OpensslVerdicts {
    by_id: RefCell<BTreeMap<String, SignatureStatus>>,
}

impl OpensslVerdicts {
    fn verdict(&self, check: &SignatureCheck) -> SignatureStatus {
        if let Some(status) = self.by_id.borrow().get(check.id()) {
            return *status;
        }
        let status = openssl_verdict(check);
        self.by_id
            .borrow_mut()
            .insert(check.id().to_string(), status);
        status
    }
}

/// Every `_with` entry point against its sync twin on one input, verdicts from `source`.
fn assert_same_as_sync(
    name: &str,
    input: &[u8],
    source: &dyn Fn(&SignatureCheck) -> SignatureStatus,
) {
    let what = |entry: &str| format!("{name}: {entry}");
    assert_eq!(
        two_rounds(
            &what("inspect_pem"),
            |v| inspect_pem_with(input, NOW, v),
            source
        ),
        inspect_pem(input, NOW),
        "{name}: inspect_pem"
    );
    assert_eq!(
        two_rounds(&what("order_chain"), |v| order_chain_with(input, v), source),
        order_chain(input),
        "{name}: order_chain"
    );
    assert_eq!(
        two_rounds(
            &what("verify_chain"),
            |v| verify_chain_with(input, NOW, v),
            source
        ),
        verify_chain(input, NOW),
        "{name}: verify_chain"
    );
    if let Some(certs) = certificates(input) {
        assert_eq!(
            two_rounds(
                &what("chain::order"),
                |v| chain::order_with(&certs, v),
                source
            ),
            chain::order(&certs),
        );
        assert_eq!(
            two_rounds(
                &what("chain::verify"),
                |v| chain::verify_with(&certs, NOW, v),
                source
            ),
            chain::verify(&certs, NOW),
        );
        assert_eq!(
            two_rounds(
                &what("fullchain_pem"),
                |v| export::fullchain_pem_with(&certs, v),
                source
            ),
            export::fullchain_pem(&certs),
        );
        assert_eq!(
            two_rounds(
                &what("chain_pem"),
                |v| export::chain_pem_with(&certs, v),
                source
            ),
            export::chain_pem(&certs),
        );
    }
    if let Ok(bundle) = parse_bundle(input) {
        for block in bundle
            .blocks
            .iter()
            .filter(|b| b.label_text == "CERTIFICATE REQUEST")
        {
            assert_eq!(
                two_rounds(
                    &what("request::inspect"),
                    |v| request::inspect_with(&block.der, v),
                    source
                ),
                request::inspect(&block.der),
            );
        }
    }
}

#[test]
fn with_rustcrypto_verdicts_every_entry_point_answers_as_the_sync_one() {
    for (name, input) in every_fixture() {
        assert_same_as_sync(&name, &input, &rustcrypto);
    }
}

#[test]
fn with_openssl_verdicts_every_entry_point_answers_as_the_sync_one() {
    let openssl = OpensslVerdicts {
        by_id: RefCell::new(BTreeMap::new()),
    };
    for (name, input) in every_fixture() {
        assert_same_as_sync(&name, &input, &|check| openssl.verdict(check));
    }
    // The comparison meant something: openssl ran, and said both things.
    let said: Vec<SignatureStatus> = openssl.by_id.borrow().values().copied().collect();
    assert!(said.len() >= 20, "only {} checks", said.len());
    assert!(said.contains(&SignatureStatus::Valid));
    assert!(said.contains(&SignatureStatus::Invalid));
}

/// The `_with` report for `input`, verdicts from RustCrypto except `overrides`.
fn report_with(
    input: &[u8],
    overrides: &BTreeMap<String, SignatureStatus>,
) -> certkit_x509::ChainReport {
    two_rounds(
        "verify_chain",
        |v| verify_chain_with(input, NOW, v),
        &|check| {
            overrides
                .get(check.id())
                .copied()
                .unwrap_or_else(|| rustcrypto(check))
        },
    )
    .unwrap()
}

#[test]
fn one_invalid_verdict_breaks_the_link_it_is_about_and_nothing_else() {
    let input = chain_fixture("good-ordered.pem");
    let sync = verify_chain(&input, NOW).unwrap();
    assert!(sync.ok && sync.links.len() == 3, "{:?}", sync.problems);
    let checks = first_round(verify_chain_with(&input, NOW, &|_| None).unwrap());
    let links = &sync.links;
    let mut flipped_links = Vec::new();
    for check in &checks {
        let overrides = BTreeMap::from([(check.id().to_string(), SignatureStatus::Invalid)]);
        let report = report_with(&input, &overrides);
        // The link whose signed part is this check's message.
        let k = (0..links.len())
            .find(|&k| {
                let der = &sync.links[k];
                let cert = &certificates(&input).unwrap()[der.position];
                cert.windows(check.message().len())
                    .any(|w| w == check.message())
            })
            .expect("every check is about a certificate of the chain");
        let top = k + 1 == links.len();
        if top {
            // The root's own signature: it no longer anchors the chain.
            assert!(!report.links[k].self_signed && !report.complete && !report.ok);
            assert_eq!(report.links[k].signature, SignatureStatus::IssuerMissing);
            let kinds: Vec<ChainProblemKind> =
                report.problem_details.iter().map(|p| p.kind).collect();
            assert_eq!(kinds, [ChainProblemKind::RootMissing]);
            assert_eq!(report.problem_details[0].certificate, k + 1);
        } else {
            assert_eq!(report.links[k].signature, SignatureStatus::Invalid);
            assert_eq!(report.links[k].signature_valid, Some(false));
            assert!(!report.ok);
            let kinds: Vec<(ChainProblemKind, usize)> = report
                .problem_details
                .iter()
                .map(|p| (p.kind, p.certificate))
                .collect();
            assert_eq!(kinds, [(ChainProblemKind::SignatureInvalid, k + 1)]);
        }
        // Every other link is as before.
        for (j, (got, was)) in report.links.iter().zip(links).enumerate() {
            if j != k {
                assert_eq!(got, was, "link {j} changed by a verdict on link {k}");
            }
        }
        assert_eq!(report.links.len(), links.len());
        flipped_links.push(k);
    }
    flipped_links.sort_unstable();
    assert_eq!(
        flipped_links,
        [0, 1, 2],
        "one check per link, root's own included"
    );
}

#[test]
fn one_invalid_verdict_on_a_csr_makes_its_signature_invalid() {
    let input = std::fs::read(fixtures_dir().join("request.csr.pem")).unwrap();
    let status = |inspection: certkit_x509::Inspection| match &inspection.items[..] {
        [Item::CertificateRequest(csr)] => csr.signature,
        other => panic!("{other:?}"),
    };
    let checks = first_round(inspect_pem_with(&input, NOW, &|_| None).unwrap());
    assert_eq!(checks.len(), 1);
    let valid = two_rounds("csr", |v| inspect_pem_with(&input, NOW, v), &rustcrypto).unwrap();
    assert_eq!(status(valid), SignatureStatus::Valid);
    let invalid = two_rounds("csr", |v| inspect_pem_with(&input, NOW, v), &|_| {
        SignatureStatus::Invalid
    })
    .unwrap();
    assert_eq!(status(invalid), SignatureStatus::Invalid);
}

#[test]
fn a_missing_verdict_is_never_valid() {
    let mut asked_somewhere = 0;
    for (name, input) in every_fixture() {
        let Ok(outcome) = verify_chain_with(&input, NOW, &|_| None) else {
            continue;
        };
        let checks = first_round(outcome);
        asked_somewhere += usize::from(!checks.is_empty());
        for left_out in &checks {
            let mut verdicts = Verdicts::new();
            for check in checks.iter().filter(|c| c.id() != left_out.id()) {
                verdicts.insert(check, SignatureStatus::Valid);
            }
            // Everything else says Valid: the check without a verdict is not taken as Valid,
            // and no answer is given until it has one.
            match verify_chain_with(&input, NOW, &|check| verdicts.get(check)).unwrap() {
                Outcome::NeedVerdicts(asked) => {
                    let ids: Vec<&str> = asked.iter().map(SignatureCheck::id).collect();
                    assert_eq!(ids, [left_out.id()], "{name}");
                }
                Outcome::Done(report) => panic!("{name}: answered without a verdict: {report:?}"),
            }
        }
    }
    assert!(asked_somewhere >= 40, "{asked_somewhere}");
}

#[test]
fn one_round_settles_the_order_whatever_the_verdicts_say() {
    // Verdicts that change which certificate is a root (and so the order and the links
    // checked) still find every check they need among the first round's.
    for (name, input) in every_fixture() {
        let Ok(outcome) = verify_chain_with(&input, NOW, &|_| None) else {
            continue;
        };
        let checks = first_round(outcome);
        let sources: Vec<Box<VerdictFn>> = vec![
            Box::new(|_| SignatureStatus::Valid),
            Box::new(|_| SignatureStatus::Invalid),
            Box::new(rustcrypto),
            // Only self-signatures (the signer's SPKI is the signed certificate's own) fail:
            // no certificate is a root any more, and the orders change.
            Box::new(|check| {
                let spki = check.signer_spki();
                if check.message().windows(spki.len()).any(|w| w == spki) {
                    SignatureStatus::Invalid
                } else {
                    rustcrypto(check)
                }
            }),
        ];
        for source in &sources {
            let mut verdicts = Verdicts::new();
            for check in &checks {
                verdicts.insert(check, source(check));
            }
            done(
                verify_chain_with(&input, NOW, &|check| verdicts.get(check)).unwrap(),
                &name,
            );
        }
    }
}

/// Whether `check` is `signer`'s signature on `subject` (both DER certificates).
fn is_check_of(check: &SignatureCheck, signer: &[u8], subject: &[u8]) -> bool {
    let within =
        |haystack: &[u8], needle: &[u8]| haystack.windows(needle.len()).any(|w| w == needle);
    within(subject, check.message()) && within(signer, check.signer_spki())
}

#[test]
fn a_verdict_that_makes_a_root_changes_the_order_and_the_first_round_asked_for_it() {
    // verdict-fixtures/make.sh: leaf, an intermediate "Verdicts Twin CA" (did not sign the
    // leaf), "Verdicts Other Root", and the self-signed "Verdicts Twin CA" (did).
    let input = verdict_fixture("twins-self-signed-last.pem");
    let certs = certificates(&input).unwrap();
    let openssl =
        String::from_utf8(verdict_fixture("twins-self-signed-last.openssl-verify.txt")).unwrap();
    assert!(openssl.lines().any(|l| l.ends_with(": OK")), "{openssl}");
    // 2027-12-28, inside the ten years the fixture is valid from the day make.sh ran.
    let now = 1_830_000_000;
    let checks = first_round(verify_chain_with(&input, now, &|_| None).unwrap());
    let by_root = checks.iter().find(|c| is_check_of(c, &certs[3], &certs[0]));
    let by_root = by_root.expect("the first round asks for the twin root's signature on the leaf");

    // With every signature but the self-signatures verifying, nothing is a root: the first
    // same-named candidate is taken, and the twin root's check is not used.
    let spki_is_own = |check: &SignatureCheck| {
        let spki = check.signer_spki();
        check.message().windows(spki.len()).any(|w| w == spki)
    };
    let no_roots = two_rounds(
        "no roots",
        |v| verify_chain_with(&input, now, v),
        &|check| {
            if spki_is_own(check) {
                SignatureStatus::Invalid
            } else {
                rustcrypto(check)
            }
        },
    )
    .unwrap();
    let positions = |report: &certkit_x509::ChainReport| -> Vec<usize> {
        report.links.iter().map(|l| l.position).collect()
    };
    // (After the leaf and the intermediate the rest follow across a gap.)
    assert_eq!(positions(&no_roots)[..2], [0, 1]);
    assert!(!no_roots.ok);

    // With the real verdicts the twin root anchors the chain, as openssl says: a link only a
    // second round would have found, had the first not asked for it.
    let report = two_rounds("twins", |v| verify_chain_with(&input, now, v), &rustcrypto).unwrap();
    assert_eq!(positions(&report), [0, 3]);
    assert!(report.ok, "{:?}", report.problems);
    assert_eq!(report.links[0].signature, SignatureStatus::Valid);
    assert_eq!(report, verify_chain(&input, now).unwrap());
    assert_eq!(rustcrypto(by_root), SignatureStatus::Valid);
}

#[test]
fn a_check_hands_out_the_bytes_openssl_verifies() {
    let input = chain_fixture("good-ordered.pem");
    let checks = first_round(verify_chain_with(&input, NOW, &|_| None).unwrap());
    assert!(checks.len() >= 3);
    for check in &checks {
        assert_eq!(
            openssl_verdict(check),
            SignatureStatus::Valid,
            "{:?}",
            check.scheme()
        );
        assert_eq!(check.verify_with_rustcrypto(), SignatureStatus::Valid);
        // One bit of the message changed does not verify: openssl really checks these bytes.
        let mut message = check.message().to_vec();
        let last = message.len() - 1;
        message[last] ^= 1;
        let hash = check.scheme().hash();
        let tampered = openssl_verify(hash, check.signer_spki(), &message, check.signature());
        assert_eq!(tampered, SignatureStatus::Invalid);
    }
}

#[test]
fn a_check_names_its_algorithm_as_webcrypto_does() {
    let mut seen = Vec::new();
    for (name, input) in every_fixture() {
        let Ok(outcome) = verify_chain_with(&input, NOW, &|_| None) else {
            continue;
        };
        for check in first_round(outcome) {
            let webcrypto = check.webcrypto();
            match check.scheme() {
                SignatureScheme::RsaPkcs1v15 { hash } => {
                    let webcrypto = webcrypto.expect("RSA with a WebCrypto hash");
                    assert_eq!(webcrypto.name, "RSASSA-PKCS1-v1_5");
                    assert_eq!(webcrypto.hash, hash.name());
                    assert_eq!(webcrypto.named_curve, None);
                    assert_eq!(check.ecdsa_signature_raw(), None, "{name}");
                }
                SignatureScheme::Ecdsa { curve, hash } => {
                    let webcrypto = webcrypto.expect("ECDSA on a WebCrypto curve");
                    assert_eq!(webcrypto.name, "ECDSA");
                    assert_eq!(webcrypto.hash, hash.name());
                    let curve_name = serde_json::to_value(curve).unwrap();
                    assert_eq!(webcrypto.named_curve.as_deref(), curve_name.as_str());
                    // r || s, each the curve's width, and back to the same DER.
                    let raw = check
                        .ecdsa_signature_raw()
                        .expect("well-formed ECDSA signature");
                    let width = usize::try_from(curve.bits().unwrap().div_ceil(8)).unwrap();
                    assert_eq!(raw.len(), 2 * width, "{name}");
                    assert_eq!(
                        request::ecdsa_signature_der(raw).unwrap(),
                        check.signature(),
                        "{name}"
                    );
                }
                other => panic!("{other:?}"),
            }
            seen.push(check.scheme().clone());
        }
    }
    assert!(seen
        .iter()
        .any(|s| matches!(s, SignatureScheme::RsaPkcs1v15 { .. })));
    assert!(seen
        .iter()
        .any(|s| matches!(s, SignatureScheme::Ecdsa { .. })));
}

#[test]
fn a_check_serialises_for_javascript() {
    let input = chain_fixture("good-ordered.pem");
    let checks = first_round(verify_chain_with(&input, NOW, &|_| None).unwrap());
    let json = serde_json::to_value(&checks[0]).unwrap();
    for field in [
        "id",
        "scheme",
        "signerSpki",
        "message",
        "signature",
        "webcrypto",
    ] {
        assert!(json.get(field).is_some(), "{field} missing from {json}");
    }
    assert_eq!(json["id"], checks[0].id());
    assert!(json["scheme"]["kind"] == "rsaPkcs1v15" || json["scheme"]["kind"] == "ecdsa");
    // A verdict filed by id (as JavaScript sends it back) is the verdict on that check.
    let mut verdicts = Verdicts::new();
    verdicts.insert_id(json["id"].as_str().unwrap(), SignatureStatus::Invalid);
    assert_eq!(verdicts.get(&checks[0]), Some(SignatureStatus::Invalid));
    assert_eq!(verdicts.get(&checks[1]), None);
}
