//! What the pages ask of certkit-x509, in the shapes the components render: repairing pasted
//! PEM, the pre-send checks of Activate Sub CA, file names and downloads. The X.509 work
//! itself is certkit-x509's.
//!
//! What rests on signatures takes a verdict source and answers with an [`Outcome`]: the
//! components hand in the app's WebCrypto verdicts (`AppState::verdicts`) and ask for the
//! checks an answer still needs; the tests hand in RustCrypto's.

use std::collections::BTreeMap;

use certkit_x509::{
    export, inspect_pem_with, key_matches_certificate_with, order_chain_with, parse_bundle,
    verify_chain_with, CertificateInfo, ChainReport, Curve, Error, ErrorKind, Inspection, Item,
    KeyMatch, Outcome, Repair, SignatureCheck, SignatureStatus, VerdictSource,
};
use sha2::{Digest, Sha256};

/// Text that certkit-x509 repaired, and what it repaired.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repaired {
    /// The clean PEM.
    pub text: String,
    /// The repairs made.
    pub notes: Vec<Repair>,
}

/// Repairs pasted PEM whose line breaks (or similar) are damaged. `None` when there is
/// nothing worth rewriting the user's text for: text still being typed, surrounding text, a
/// missing final newline.
pub fn repair(text: &str) -> Option<Repaired> {
    let bundle = parse_bundle(text).ok()?;
    let notes: Vec<Repair> = bundle
        .repairs
        .iter()
        .copied()
        .filter(|r| {
            !matches!(
                r,
                Repair::AddedFinalNewline
                    | Repair::StrippedSurroundingText
                    | Repair::DerInput
                    | Repair::BareBase64
            )
        })
        .collect();
    if notes.is_empty() {
        return None;
    }
    let fixed = bundle.to_pem();
    (fixed != text).then_some(Repaired { text: fixed, notes })
}

/// `text` inspected at `now` for the readers of its certificates and CRLs. Inspection checks
/// no signature of theirs, only a CSR's self-signature, which these readers drop: so a CSR's
/// is left unchecked (`Unsupported`) rather than waited for.
fn inspect_unchecked(text: &str, now: i64) -> Result<Inspection, String> {
    inspect_pem_with(text, now, &|_| Some(SignatureStatus::Unsupported))
        .map_err(|e| e.to_string())?
        .done()
        .ok_or_else(|| "signatures not checked".to_string())
}

/// The first certificate in `text`, inspected at `now` (Unix seconds).
pub fn first_certificate(text: &str, now: i64) -> Result<CertificateInfo, String> {
    let inspection = inspect_unchecked(text, now)?;
    inspection
        .items
        .into_iter()
        .find_map(|item| match item {
            Item::Certificate(info) => Some(*info),
            _ => None,
        })
        .ok_or_else(|| "no certificate in this text".to_string())
}

/// The first CRL in `text` (Get CA Crl's `data`), inspected at `now` (Unix seconds).
pub fn first_crl(text: &str, now: i64) -> Result<certkit_x509::CrlInfo, String> {
    let inspection = inspect_unchecked(text, now)?;
    inspection
        .items
        .into_iter()
        .find_map(|item| match item {
            Item::Crl(info) => Some(*info),
            _ => None,
        })
        .ok_or_else(|| "no CRL in this text".to_string())
}

/// The answer of a `_with` call, or its error; `None`, with the checks it needs added to
/// `missing`, while it needs verdicts.
fn settle<T>(
    result: Result<Outcome<T>, Error>,
    missing: &mut Vec<SignatureCheck>,
) -> Option<Result<T, Error>> {
    match result {
        Ok(Outcome::Done(value)) => Some(Ok(value)),
        Ok(Outcome::NeedVerdicts(checks)) => {
            missing.extend(checks);
            None
        }
        Err(e) => Some(Err(e)),
    }
}

/// The pre-send checks of Activate Sub CA.
#[derive(Clone, Debug, PartialEq)]
pub struct ActivateCheck {
    /// certPem, inspected (or why it cannot be read).
    pub cert: Result<CertificateInfo, String>,
    /// What the chain says of it, once its signatures have verdicts.
    pub chain: Outcome<ChainCheck>,
}

/// The checks of caChainPem, which rest on signatures (which certificate is the root, which
/// signed which).
#[derive(Clone, Debug, PartialEq)]
pub struct ChainCheck {
    /// Subjects of caChainPem, leaf to root.
    pub chain_order: Vec<String>,
    /// caChainPem was not leaf-to-root; `ordered_chain` is.
    pub shuffled: bool,
    /// caChainPem in leaf-to-root order.
    pub ordered_chain: String,
    /// certPem followed by the chain, verified.
    pub verification: Result<ChainReport, String>,
}

impl ChainCheck {
    /// Whether the chain verifies certPem's signature.
    pub fn signs_cert(&self) -> bool {
        self.verification.as_ref().is_ok_and(|report| {
            report
                .links
                .first()
                .is_some_and(|leaf| leaf.position == 0 && leaf.signature == SignatureStatus::Valid)
        })
    }
}

/// Checks certPem against caChainPem at `now`, signatures judged by `verdict`; `None` until
/// both hold something.
pub fn activate_check(
    cert_pem: &str,
    chain_pem: &str,
    now: i64,
    verdict: VerdictSource<'_>,
) -> Option<ActivateCheck> {
    if cert_pem.trim().is_empty() || chain_pem.trim().is_empty() {
        return None;
    }
    let cert = first_certificate(cert_pem, now);
    let mut missing = Vec::new();
    let ordered = settle(order_chain_with(chain_pem, verdict), &mut missing);
    let verification = settle(
        verify_chain_with(format!("{cert_pem}\n{chain_pem}"), now, verdict),
        &mut missing,
    );
    let (Some(ordered), Some(verification)) = (ordered, verification) else {
        return Some(ActivateCheck {
            cert,
            chain: Outcome::NeedVerdicts(missing),
        });
    };
    let (chain_order, shuffled, ordered_chain) = match ordered {
        Ok(ordered) => {
            let positions: Vec<usize> = ordered.certificates.iter().map(|c| c.position).collect();
            let shuffled = !positions.is_sorted();
            let pem: String = ordered
                .certificates
                .iter()
                .map(|c| export::pem("CERTIFICATE", &c.der))
                .collect();
            let subjects = ordered
                .certificates
                .iter()
                .map(|c| c.subject.clone())
                .collect();
            (subjects, shuffled, pem)
        }
        Err(_) => (Vec::new(), false, String::new()),
    };
    Some(ActivateCheck {
        cert,
        chain: Outcome::Done(ChainCheck {
            chain_order,
            shuffled,
            ordered_chain,
            verification: verification.map_err(|e| e.to_string()),
        }),
    })
}

/// The name certkit-x509 gives a value in its JSON (`"RSA"`, `"P-256"`, `"PKCS#8"`), for
/// display.
pub fn display_name<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(name)) => name,
        _ => String::new(),
    }
}

/// A file name stem from a common name: `*.example.com` -> `wildcard.example.com`.
pub fn file_stem(common_name: &str) -> String {
    let stem: String = common_name
        .replace('*', "wildcard")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let stem = stem.trim_matches('.').to_string();
    if stem.is_empty() {
        "certificate".to_string()
    } else {
        stem
    }
}

/// The common name among a name's attributes as certkit-x509 decoded them (the last `CN`,
/// OID 2.5.4.3, i.e. the most specific one); commas or escapes in it stay as they are.
pub fn common_name(attributes: &[certkit_x509::NameAttribute]) -> Option<&str> {
    attributes
        .iter()
        .rev()
        .find(|a| a.oid == "2.5.4.3" || a.kind == "CN")
        .map(|a| a.value.as_str())
}

/// Where a certificate sits in a chain, for its card's title.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// The end of the chain (the certificate the chain is for).
    Leaf,
    /// A CA between the leaf and the root.
    Intermediate,
    /// A self-signed CA.
    Root,
}

impl Role {
    /// A certificate's role: self-signed is a root; otherwise the chain's first certificate
    /// (`leaf`) is the leaf and the rest are intermediates.
    pub fn of(self_signed: bool, leaf: bool) -> Role {
        match (self_signed, leaf) {
            (true, _) => Role::Root,
            (false, true) => Role::Leaf,
            (false, false) => Role::Intermediate,
        }
    }
}

/// An inspection as the npm package's `inspectPem` returns it, as JSON: certkit-x509's own
/// serialisation (the same `Serialize` the package hands to JS; every optional field is left
/// out when empty, so JS's `undefined` and this agree).
pub fn inspection_json(inspection: &Inspection) -> String {
    serde_json::to_string_pretty(inspection).unwrap_or_default()
}

/// The public points WebCrypto derived for EC keys that do not carry theirs, by [`point_id`];
/// `None` where it could not derive one.
pub type DerivedPoints = BTreeMap<String, Option<Vec<u8>>>;

/// What names a key's derived point: the SHA-256 of its PKCS#8, so that the state never holds
/// a second copy of the private key.
pub fn point_id(pkcs8: &[u8]) -> String {
    Sha256::digest(pkcs8)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// One key-to-certificate match with the app's derived points.
#[derive(Debug, PartialEq, Eq)]
pub enum KeyMatchState {
    /// Whether the key belongs to the certificate, or why that cannot be told.
    Known(Result<bool, Error>),
    /// The key is an EC key that does not carry its public point (Java writes them so), and
    /// WebCrypto has not derived it yet: derive the point of `pkcs8`, file it under `id`.
    NeedsPoint {
        id: String,
        curve: Curve,
        pkcs8: Vec<u8>,
    },
}

/// Whether the first private key in `key` belongs to the first certificate in `certificate`,
/// with the points the app derived for keys that do not carry theirs (certkit-x509 has no
/// curve arithmetic in the app: WebCrypto derives them).
pub fn key_match(key: &str, certificate: &str, points: &DerivedPoints) -> KeyMatchState {
    let settled = |answer: Result<KeyMatch, Error>| match answer {
        Ok(KeyMatch::Answered(matches)) => Ok(matches),
        Ok(_) => Err(Error::new(ErrorKind::PublicPointNotEmbedded)),
        Err(e) => Err(e),
    };
    let (curve, pkcs8) = match key_matches_certificate_with(key, certificate, None) {
        Ok(KeyMatch::NeedsPublicPoint { curve, pkcs8 }) => (curve, pkcs8),
        answer => return KeyMatchState::Known(settled(answer)),
    };
    let id = point_id(&pkcs8);
    match points.get(&id) {
        None => KeyMatchState::NeedsPoint { id, curve, pkcs8 },
        Some(None) => KeyMatchState::Known(Err(Error::new(ErrorKind::PublicPointNotEmbedded))),
        Some(Some(point)) => KeyMatchState::Known(settled(key_matches_certificate_with(
            key,
            certificate,
            Some(point),
        ))),
    }
}

/// The CN of each certificate in `text`, in input order (a chain link's `position`); empty
/// when the text cannot be read.
pub fn common_names(text: &str) -> Vec<Option<String>> {
    // Validity is not read here, so any time will do.
    let Ok(inspection) = inspect_unchecked(text, 0) else {
        return Vec::new();
    };
    inspection
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Certificate(info) => {
                Some(common_name(&info.subject_attributes).map(str::to_string))
            }
            _ => None,
        })
        .collect()
}

/// The files offered for an issued certificate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Downloads {
    /// (file name, MIME type, content).
    pub files: Vec<(String, &'static str, Vec<u8>)>,
}

/// `<cn>.crt`, `<cn>.key`, `chain.pem`, `fullchain.pem` and `<cn>.der` for an issued
/// certificate; a file certkit-x509 cannot build is left out. The chain's order rests on which
/// certificate is the root, a signature `verdict` judges.
pub fn downloads(
    stem: &str,
    certificate: &str,
    private_key: &str,
    chain: &[String],
    verdict: VerdictSource<'_>,
) -> Outcome<Downloads> {
    let pem_mime = "application/x-pem-file";
    let mut files = vec![(
        format!("{stem}.crt"),
        pem_mime,
        certificate.as_bytes().to_vec(),
    )];
    if !private_key.is_empty() {
        files.push((
            format!("{stem}.key"),
            pem_mime,
            private_key.as_bytes().to_vec(),
        ));
    }
    let mut ders: Vec<Vec<u8>> = Vec::new();
    for pem in std::iter::once(certificate).chain(chain.iter().map(String::as_str)) {
        if let Ok(bundle) = parse_bundle(pem) {
            ders.extend(bundle.certificates().into_iter().map(<[u8]>::to_vec));
        }
    }
    let mut missing = Vec::new();
    let chain_pem = settle(export::chain_pem_with(&ders, verdict), &mut missing);
    let fullchain_pem = settle(export::fullchain_pem_with(&ders, verdict), &mut missing);
    let (Some(chain_pem), Some(fullchain_pem)) = (chain_pem, fullchain_pem) else {
        return Outcome::NeedVerdicts(missing);
    };
    if let Ok(text) = chain_pem {
        files.push(("chain.pem".into(), pem_mime, text.into_bytes()));
    }
    if let Ok(text) = fullchain_pem {
        files.push(("fullchain.pem".into(), pem_mime, text.into_bytes()));
    }
    if let Ok(der) = export::der(certificate) {
        files.push((format!("{stem}.der"), "application/pkix-cert", der));
    }
    Outcome::Done(Downloads { files })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(file_stem("*.example.com"), "wildcard.example.com");
        assert_eq!(file_stem("a b/c"), "a_b_c");
        assert_eq!(file_stem(""), "certificate");
    }

    #[test]
    fn common_name_is_read_from_the_subject() {
        let attribute = |kind: &str, oid: &str, value: &str| certkit_x509::NameAttribute {
            kind: kind.into(),
            oid: oid.into(),
            value: value.into(),
        };
        let org = attribute("O", "2.5.4.10", "Org");
        let cn = attribute("CN", "2.5.4.3", "Acme, Inc. CN=x");
        assert_eq!(
            common_name(&[org.clone(), cn]),
            Some("Acme, Inc. CN=x"),
            "a comma in the CN is kept"
        );
        assert_eq!(common_name(std::slice::from_ref(&org)), None);
        // And from a real certificate (openssl fixture below).
        let info = first_certificate(LEAF, 0);
        assert!(info.is_ok_and(|i| common_name(&i.subject_attributes).is_some()));
    }

    // Certificates and keys made with openssl by crates/x509/tests/fixtures/make.sh: a root
    // (RSA 3072) signs an issuing CA (P-384), which signs leaf-p256.
    const ROOT: &str = include_str!("../../crates/x509/tests/fixtures/root.pem");
    const INT: &str = include_str!("../../crates/x509/tests/fixtures/int-p384.pem");
    const LEAF: &str = include_str!("../../crates/x509/tests/fixtures/leaf-p256.pem");
    const LEAF_KEY: &str = include_str!("../../crates/x509/tests/fixtures/leaf-p256.key.pem");
    const CRL: &str = include_str!("../../crates/x509/tests/fixtures/int.crl.pem");

    #[test]
    fn a_ca_s_crl_is_read_with_its_revoked_serials() {
        // 2026-01-15: before nextUpdate (2026-02-01), so not stale.
        let crl = first_crl(CRL, 1_768_435_200).expect("the fixture CRL reads");
        assert_eq!(crl.revoked.len(), 1);
        let revoked = &crl.revoked[0];
        assert_eq!(revoked.serial_number, "0D:EA:D0");
        assert_eq!(revoked.reason.as_deref(), Some("keyCompromise"));
        assert_eq!(crl.next_update.as_deref(), Some("2026-02-01T00:00:00Z"));
        assert!(!crl.stale);
        assert_eq!(crl.crl_number.as_deref(), Some("4096"));
        assert!(first_crl(ROOT, 0).is_err());
        assert!(first_crl("", 0).is_err());
    }

    fn now() -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0)
    }

    /// Verdicts as the browser's WebCrypto gives them, from RustCrypto (a dev-dependency
    /// feature: the app itself carries no RSA or ECDSA code).
    fn rustcrypto(check: &SignatureCheck) -> Option<SignatureStatus> {
        Some(check.verify_with_rustcrypto())
    }

    /// The chain's checks of certPem against caChainPem, with RustCrypto's verdicts.
    fn chain_check(cert_pem: &str, chain_pem: &str) -> ChainCheck {
        match activate_check(cert_pem, chain_pem, now(), &rustcrypto).map(|c| c.chain) {
            Some(Outcome::Done(chain)) => chain,
            other => panic!("every verdict was given: {other:?}"),
        }
    }

    #[test]
    fn a_ca_signed_by_the_chain_passes_the_activate_checks() {
        let check = activate_check(INT, ROOT, now(), &rustcrypto).expect("both fields filled");
        assert!(check.cert.as_ref().is_ok_and(|c| c.is_ca));
        let chain = chain_check(INT, ROOT);
        assert!(chain.signs_cert());
        assert!(!chain.shuffled);
        assert_eq!(chain.chain_order.len(), 1);
    }

    #[test]
    fn a_leaf_or_a_wrong_signer_fails_them() {
        let check = activate_check(LEAF, ROOT, now(), &rustcrypto).expect("both fields filled");
        assert!(check.cert.as_ref().is_ok_and(|c| !c.is_ca));
        assert!(
            !chain_check(LEAF, ROOT).signs_cert(),
            "the root did not sign the leaf"
        );
        assert_eq!(activate_check(LEAF, "  ", now(), &rustcrypto), None);
    }

    #[test]
    fn a_shuffled_chain_is_detected_and_ordered() {
        let chain = chain_check(LEAF, &format!("{ROOT}{INT}"));
        assert!(chain.shuffled);
        assert!(chain.signs_cert());
        assert!(
            chain.chain_order[0].contains("Issuing CA P-384"),
            "{:?}",
            chain.chain_order
        );
        assert!(!chain_check(LEAF, &chain.ordered_chain).shuffled);
    }

    #[test]
    fn until_the_signatures_have_verdicts_only_the_chain_waits() {
        let check = activate_check(INT, ROOT, now(), &|_| None).expect("both fields filled");
        assert!(
            check.cert.as_ref().is_ok_and(|c| c.is_ca),
            "certPem is read at once"
        );
        let Outcome::NeedVerdicts(checks) = &check.chain else {
            panic!("no verdicts were given: {:?}", check.chain);
        };
        // Answer exactly what was asked: the chain is then settled.
        let mut verdicts = certkit_x509::Verdicts::new();
        for check in checks {
            verdicts.insert(check, check.verify_with_rustcrypto());
        }
        let again = activate_check(INT, ROOT, now(), &|c| verdicts.get(c)).expect("filled");
        assert!(matches!(&again.chain, Outcome::Done(chain) if chain.signs_cert()));
    }

    #[test]
    fn pem_pasted_from_json_is_repaired_and_the_user_told() {
        let escaped = INT.trim_end().replace('\n', "\\n");
        assert!(!escaped.contains('\n'));
        let repaired = repair(&escaped).expect("damaged input is repaired");
        assert_eq!(repaired.text, INT);
        assert!(
            repaired.notes.contains(&Repair::UnescapedNewlines),
            "{:?}",
            repaired.notes
        );
        assert_eq!(repair(INT), None, "clean PEM is left alone");
    }

    #[test]
    fn downloads_hold_the_expected_files() {
        let chain = vec![INT.to_string(), ROOT.to_string()];
        assert!(
            matches!(
                downloads("leaf", LEAF, LEAF_KEY, &chain, &|_| None),
                Outcome::NeedVerdicts(_)
            ),
            "chain.pem's order waits for the root's self-signature"
        );
        let files = match downloads("leaf", LEAF, LEAF_KEY, &chain, &rustcrypto) {
            Outcome::Done(downloads) => downloads.files,
            Outcome::NeedVerdicts(checks) => panic!("every verdict was given: {checks:?}"),
        };
        let names: Vec<&str> = files.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "leaf.crt",
                "leaf.key",
                "chain.pem",
                "fullchain.pem",
                "leaf.der"
            ]
        );
        let text = |name: &str| {
            files
                .iter()
                .find(|(n, _, _)| n == name)
                .map(|(_, _, b)| String::from_utf8_lossy(b).into_owned())
                .unwrap_or_default()
        };
        assert_eq!(text("chain.pem"), INT, "chain.pem: the intermediate only");
        assert_eq!(
            text("fullchain.pem"),
            format!("{LEAF}{INT}"),
            "leaf, then intermediate"
        );
        assert_eq!(
            files[4].2.first(),
            Some(&0x30),
            "DER starts with a SEQUENCE"
        );
    }

    #[test]
    fn half_typed_text_is_not_rewritten() {
        assert_eq!(repair("-----BEGIN CERTIFICATE-----\nMIIB"), None);
        assert_eq!(repair(""), None);
    }

    #[test]
    fn common_names_follow_the_input_order() {
        let names = common_names(&format!("{ROOT}{LEAF_KEY}{INT}"));
        assert_eq!(names.len(), 2, "the key is no certificate");
        assert!(
            names[1]
                .as_deref()
                .is_some_and(|cn| cn.contains("Issuing CA P-384")),
            "{names:?}"
        );
        assert!(common_names("garbage").is_empty());
    }

    #[test]
    fn roles_follow_the_chain() {
        assert_eq!(Role::of(false, true), Role::Leaf);
        assert_eq!(Role::of(false, false), Role::Intermediate);
        assert_eq!(Role::of(true, false), Role::Root);
        assert_eq!(
            Role::of(true, true),
            Role::Root,
            "a lone self-signed certificate"
        );
    }

    #[test]
    fn a_pasted_key_is_matched_against_each_certificate() {
        // Natively certkit-x509 has RustCrypto (a dev-dependency feature), which derives a
        // missing point itself; the app's WebCrypto path is the browser suite's
        // (tests/e2e/history-load-labels.test.mjs, keys without their point).
        let text = format!("{LEAF}{INT}{LEAF_KEY}");
        let none = DerivedPoints::new();
        assert_eq!(
            key_match(&text, LEAF, &none),
            KeyMatchState::Known(Ok(true))
        );
        assert_eq!(
            key_match(&text, INT, &none),
            KeyMatchState::Known(Ok(false))
        );
        assert!(matches!(
            key_match(&format!("{LEAF}{INT}"), LEAF, &none),
            KeyMatchState::Known(Err(_))
        ));
    }

    #[test]
    fn a_derived_point_is_named_by_the_sha256_of_its_key() {
        // FIPS 180-2's SHA-256 vector for "abc".
        assert_eq!(
            point_id(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    /// `inspectPem`'s JSON for leaf-p256.pem at 2026-06-01T00:00:00Z, the time the npm suite
    /// uses (crates/wasm/tests-js/inspect.test.mjs compares the package with the same file).
    const LEAF_INSPECTION: &str =
        include_str!("../../crates/x509/tests/fixtures/leaf-p256.inspection.json");

    #[test]
    fn copy_as_json_is_the_npm_inspect_pem_shape() {
        let inspection = certkit_x509::inspect_pem(LEAF, 1_780_272_000).expect("the fixture reads");
        let ours: serde_json::Value =
            serde_json::from_str(&inspection_json(&inspection)).unwrap_or_default();
        let npm: serde_json::Value = serde_json::from_str(LEAF_INSPECTION).unwrap_or_default();
        assert_eq!(ours, npm);
        assert_eq!(ours["items"][0]["kind"], "certificate");
        assert!(ours["items"][0]["serialNumber"].is_string());
        assert!(
            !inspection_json(&inspection).contains("null"),
            "no field is null"
        );
    }
}
