//! Signatures of certificates, CSRs and CRLs: RSA PKCS#1 v1.5 and ECDSA on P-256/P-384/P-521,
//! with SHA-1/224/256/384/512.
//!
//! Checking one is split in two so the crate can stay pure: [`SignatureCheck`] is what a
//! verifier needs (the scheme, the signer's SPKI, the signed bytes, the signature), and a
//! verdict source turns it into a [`SignatureStatus`]: RustCrypto here (feature `rustcrypto`),
//! or the platform's WebCrypto through the `_with` entry points and [`Outcome`].

use alloc::string::String;
use alloc::vec::Vec;
use core::cell::RefCell;

use der::asn1::{BitString, ObjectIdentifier, UintRef};
use der::{Decode, Sequence};
use serde::Serialize;
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

use crate::der_value::from_der_value;
use crate::digest::HashAlgorithm;
use crate::key::{canonical_spki, spki_material, Curve, KeyMaterial};
use crate::text::hex;

/// The outcome of checking one signature.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum SignatureStatus {
    /// The signature verifies with the issuer's public key.
    Valid,
    /// The signature does not verify (wrong issuer key, or the data was altered).
    Invalid,
    /// The issuing certificate is not in the input, so the signature was not checked.
    IssuerMissing,
    /// The algorithm (e.g. RSA-PSS, Ed25519) is not one this crate verifies.
    Unsupported,
}

/// How a signature is made: the algorithm, the curve for ECDSA, and the hash. Serialises with
/// a `kind` tag: `{"kind": "rsaPkcs1v15", "hash": "SHA-256"}`, `{"kind": "ecdsa", "curve":
/// "P-256", "hash": "SHA-384"}`.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[non_exhaustive]
pub enum SignatureScheme {
    /// RSASSA-PKCS1-v1_5 (RFC 8017).
    RsaPkcs1v15 {
        /// The hash signed.
        hash: HashAlgorithm,
    },
    /// ECDSA on a named curve (P-256, P-384 or P-521).
    Ecdsa {
        /// The signer's curve.
        curve: Curve,
        /// The hash signed.
        hash: HashAlgorithm,
    },
}

impl SignatureScheme {
    /// The hash signed.
    pub fn hash(&self) -> HashAlgorithm {
        match self {
            SignatureScheme::RsaPkcs1v15 { hash } | SignatureScheme::Ecdsa { hash, .. } => *hash,
        }
    }
}

/// The algorithm objects WebCrypto's `importKey("spki", ...)` and `verify` take for a
/// [`SignatureCheck`]: `{name: "ECDSA", hash: "SHA-256", namedCurve: "P-256"}` or `{name:
/// "RSASSA-PKCS1-v1_5", hash: "SHA-256"}`. (`importKey` wants `hash` for RSA and
/// `namedCurve` for ECDSA; `verify` wants `hash` for ECDSA.)
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WebCryptoAlgorithm {
    /// `"RSASSA-PKCS1-v1_5"` or `"ECDSA"`.
    pub name: String,
    /// `"SHA-1"`, `"SHA-256"`, `"SHA-384"` or `"SHA-512"`.
    pub hash: String,
    /// For ECDSA: `"P-256"`, `"P-384"` or `"P-521"`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub named_curve: Option<String>,
}

/// One signature to check: what a verifier (WebCrypto, OpenSSL, RustCrypto) needs, and
/// nothing this crate must interpret again. Made by the `_with` entry points
/// (`verify_chain_with` and the other `_with` functions), which ask for its [`SignatureStatus`].
///
/// Serialises as `{id, scheme, signerSpki, message, signature, ecdsaSignatureRaw?,
/// webcrypto?}`, byte strings as arrays of numbers.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignatureCheck {
    id: String,
    scheme: SignatureScheme,
    signer_spki: Vec<u8>,
    message: Vec<u8>,
    signature: Vec<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ecdsa_signature_raw: Option<Vec<u8>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    webcrypto: Option<WebCryptoAlgorithm>,
}

impl SignatureCheck {
    fn new(
        scheme: SignatureScheme,
        signer_spki: Vec<u8>,
        message: &[u8],
        signature: &[u8],
    ) -> Self {
        let ecdsa_signature_raw = match &scheme {
            SignatureScheme::Ecdsa { curve, .. } => ecdsa_raw(curve, signature),
            SignatureScheme::RsaPkcs1v15 { .. } => None,
        };
        let webcrypto = webcrypto_algorithm(&scheme);
        // The id names the content, so the same check has the same id in every call and
        // round, and a verdict can never be filed under another check.
        let mut identified =
            Vec::with_capacity(signer_spki.len() + message.len() + signature.len() + 64);
        for part in [
            scheme_tag(&scheme).as_bytes(),
            &signer_spki,
            message,
            signature,
        ] {
            identified.extend_from_slice(&(part.len() as u64).to_be_bytes());
            identified.extend_from_slice(part);
        }
        SignatureCheck {
            id: hex(&crate::digest::sha256(&identified)),
            scheme,
            signer_spki,
            message: message.to_vec(),
            signature: signature.to_vec(),
            ecdsa_signature_raw,
            webcrypto,
        }
    }

    /// A stable name for this check: the lower-case hex SHA-256 of its scheme, SPKI, message
    /// and signature. Equal checks have equal ids, in any call.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The signature scheme.
    pub fn scheme(&self) -> &SignatureScheme {
        &self.scheme
    }

    /// The signer's public key as DER SubjectPublicKeyInfo, in the form WebCrypto's
    /// `importKey("spki", ...)` and `openssl pkeyutl -pubin -keyform DER` read (rsaEncryption
    /// with NULL parameters, or id-ecPublicKey with the named curve and uncompressed point).
    pub fn signer_spki(&self) -> &[u8] {
        &self.signer_spki
    }

    /// The signed bytes, exactly as encoded (a TBSCertificate or CertificationRequestInfo).
    pub fn message(&self) -> &[u8] {
        &self.message
    }

    /// The signature as the structure carries it: for ECDSA the DER `Ecdsa-Sig-Value`.
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }

    /// For ECDSA, the signature as WebCrypto's `verify` wants it: `r || s`, each left-padded to
    /// the curve's size (32, 48 or 66 bytes). `None` for RSA, or when the DER is malformed or
    /// a value is wider than the curve (such a signature is invalid).
    pub fn ecdsa_signature_raw(&self) -> Option<&[u8]> {
        self.ecdsa_signature_raw.as_deref()
    }

    /// The WebCrypto algorithm objects for this check, or `None` where WebCrypto has no
    /// algorithm for it (SHA-224).
    pub fn webcrypto(&self) -> Option<&WebCryptoAlgorithm> {
        self.webcrypto.as_ref()
    }
}

fn scheme_tag(scheme: &SignatureScheme) -> String {
    match scheme {
        SignatureScheme::RsaPkcs1v15 { hash } => alloc::format!("rsa {}", hash.name()),
        SignatureScheme::Ecdsa { curve, hash } => {
            alloc::format!("ecdsa {} {}", curve.bits().unwrap_or(0), hash.name())
        }
    }
}

fn webcrypto_algorithm(scheme: &SignatureScheme) -> Option<WebCryptoAlgorithm> {
    let hash = scheme.hash();
    if hash == HashAlgorithm::Sha224 {
        return None;
    }
    let (name, named_curve) = match scheme {
        SignatureScheme::RsaPkcs1v15 { .. } => ("RSASSA-PKCS1-v1_5", None),
        SignatureScheme::Ecdsa { curve, .. } => ("ECDSA", Some(curve.webcrypto_name()?)),
    };
    Some(WebCryptoAlgorithm {
        name: name.into(),
        hash: hash.name().into(),
        named_curve: named_curve.map(String::from),
    })
}

/// `Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }` (RFC 3279).
#[derive(Sequence)]
pub(crate) struct EcdsaSigValue<'a> {
    pub(crate) r: UintRef<'a>,
    pub(crate) s: UintRef<'a>,
}

/// A DER ECDSA signature as fixed-width `r || s`.
fn ecdsa_raw(curve: &Curve, der: &[u8]) -> Option<Vec<u8>> {
    let width = curve.field_bytes()?;
    let value = from_der_value::<EcdsaSigValue>(der).ok()?;
    let mut raw = Vec::with_capacity(2 * width);
    for half in [value.r.as_bytes(), value.s.as_bytes()] {
        let padding = width.checked_sub(half.len())?;
        raw.resize(raw.len() + padding, 0);
        raw.extend_from_slice(half);
    }
    Some(raw)
}

/// The result of a `_with` entry point: the answer, or the signature checks it needs verdicts
/// for first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "camelCase")]
pub enum Outcome<T> {
    /// Every signature had a verdict: the answer.
    Done(T),
    /// Some signatures had none: check these (each once; ids are distinct) and call again with
    /// their verdicts. Nothing is answered until every check has one.
    NeedVerdicts(Vec<SignatureCheck>),
}

impl<T> Outcome<T> {
    /// The answer made into another, the checks kept.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Outcome<U> {
        match self {
            Outcome::Done(value) => Outcome::Done(f(value)),
            Outcome::NeedVerdicts(checks) => Outcome::NeedVerdicts(checks),
        }
    }

    /// The answer, when done.
    pub fn done(self) -> Option<T> {
        match self {
            Outcome::Done(value) => Some(value),
            Outcome::NeedVerdicts(_) => None,
        }
    }
}

/// Verdicts filed by [`SignatureCheck::id`], for a `_with` entry point:
/// `verify_chain_with(pem, now, &|check| verdicts.get(check))`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Verdicts {
    /// Sorted by id, one verdict per id: a map in a `Vec` (a chain has a handful of checks;
    /// a `BTreeMap` of them weighed some 3 kB of wasm code).
    by_id: Vec<(String, SignatureStatus)>,
}

impl Verdicts {
    /// No verdicts.
    pub fn new() -> Self {
        Self::default()
    }

    /// Files the verdict on `check`.
    pub fn insert(&mut self, check: &SignatureCheck, status: SignatureStatus) {
        self.insert_id(check.id.clone(), status);
    }

    /// Files a verdict under a check's [`id`](SignatureCheck::id), as a caller that kept only
    /// the id (JavaScript) has it.
    pub fn insert_id(&mut self, id: impl Into<String>, status: SignatureStatus) {
        let id = id.into();
        match self.position(&id) {
            Ok(i) => {
                if let Some(filed) = self.by_id.get_mut(i) {
                    filed.1 = status;
                }
            }
            Err(i) => self.by_id.insert(i, (id, status)),
        }
    }

    /// The verdict on `check`, if one was filed.
    pub fn get(&self, check: &SignatureCheck) -> Option<SignatureStatus> {
        let i = self.position(&check.id).ok()?;
        self.by_id.get(i).map(|(_, status)| *status)
    }

    /// Where `id` is filed, or would be.
    fn position(&self, id: &str) -> Result<usize, usize> {
        self.by_id
            .binary_search_by(|(filed, _)| filed.as_str().cmp(id))
    }

    /// How many verdicts are filed.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

/// A caller's verdict source, as the `_with` entry points take it.
pub type VerdictSource<'a> = &'a dyn Fn(&SignatureCheck) -> Option<SignatureStatus>;

/// Answers checks from a caller's verdict source and remembers those it had no verdict for.
/// An unanswered check counts as Invalid while the computation runs (never Valid); the
/// result is then thrown away for [`Outcome::NeedVerdicts`].
pub(crate) struct Asker<'a> {
    verdict: VerdictSource<'a>,
    unanswered: RefCell<Vec<SignatureCheck>>,
}

impl<'a> Asker<'a> {
    pub(crate) fn new(verdict: VerdictSource<'a>) -> Self {
        Asker {
            verdict,
            unanswered: RefCell::new(Vec::new()),
        }
    }

    pub(crate) fn answer(&self, check: &SignatureCheck) -> SignatureStatus {
        if let Some(status) = (self.verdict)(check) {
            return status;
        }
        let mut unanswered = self.unanswered.borrow_mut();
        if !unanswered.iter().any(|c| c.id == check.id) {
            unanswered.push(check.clone());
        }
        SignatureStatus::Invalid
    }

    pub(crate) fn outcome<T>(self, value: T) -> Outcome<T> {
        let unanswered = self.unanswered.into_inner();
        if unanswered.is_empty() {
            Outcome::Done(value)
        } else {
            Outcome::NeedVerdicts(unanswered)
        }
    }
}

/// What decides a check inside the crate: RustCrypto, or an [`Asker`].
pub(crate) type Answer<'a> = &'a dyn Fn(&SignatureCheck) -> SignatureStatus;

/// The scheme an algorithm identifier names, with the hash.
fn scheme(algorithm: &ObjectIdentifier) -> Option<(bool, HashAlgorithm)> {
    use HashAlgorithm as H;
    const TABLE: &[(ObjectIdentifier, bool, HashAlgorithm)] = &[
        (oid("1.2.840.113549.1.1.5"), true, H::Sha1),
        (oid("1.2.840.113549.1.1.14"), true, H::Sha224),
        (oid("1.2.840.113549.1.1.11"), true, H::Sha256),
        (oid("1.2.840.113549.1.1.12"), true, H::Sha384),
        (oid("1.2.840.113549.1.1.13"), true, H::Sha512),
        (oid("1.2.840.10045.4.1"), false, H::Sha1),
        (oid("1.2.840.10045.4.3.1"), false, H::Sha224),
        (oid("1.2.840.10045.4.3.2"), false, H::Sha256),
        (oid("1.2.840.10045.4.3.3"), false, H::Sha384),
        (oid("1.2.840.10045.4.3.4"), false, H::Sha512),
    ];
    TABLE
        .iter()
        .find(|(o, _, _)| o == algorithm)
        .map(|&(_, rsa, hash)| (rsa, hash))
}

const fn oid(s: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(s)
}

/// Whether the signer's key is of the type `algorithm` signs with (RSA, EC, Ed25519, ...), as
/// OpenSSL checks before taking a certificate as an issuer; unknown pairs are not ruled out.
pub(crate) fn key_fits(
    signer: &SubjectPublicKeyInfoOwned,
    algorithm: &AlgorithmIdentifierOwned,
) -> bool {
    const RSA_KEY: ObjectIdentifier = oid("1.2.840.113549.1.1.1");
    const RSA_PSS: ObjectIdentifier = oid("1.2.840.113549.1.1.10");
    const EC_KEY: ObjectIdentifier = oid("1.2.840.10045.2.1");
    const ED25519: ObjectIdentifier = oid("1.3.101.112");
    const ED448: ObjectIdentifier = oid("1.3.101.113");
    let key = &signer.algorithm.oid;
    let needs = match scheme(&algorithm.oid) {
        Some((true, _)) => RSA_KEY,
        Some((false, _)) => EC_KEY,
        None if algorithm.oid == RSA_PSS => return *key == RSA_KEY || *key == RSA_PSS,
        None if algorithm.oid == ED25519 || algorithm.oid == ED448 => algorithm.oid,
        None => return true,
    };
    *key == needs
}

/// The check of `signature` over `message` (the DER of the signed part) with the signer's
/// key, or the status when no verifier is needed to know it: `Unsupported` for an algorithm
/// or curve this crate does not check, `Invalid` for a key that does not decode or does not
/// fit the algorithm.
pub(crate) fn prepare(
    signer: &SubjectPublicKeyInfoOwned,
    algorithm: &AlgorithmIdentifierOwned,
    message: &[u8],
    signature: &BitString,
) -> Result<SignatureCheck, SignatureStatus> {
    let Some((rsa, hash)) = scheme(&algorithm.oid) else {
        return Err(SignatureStatus::Unsupported);
    };
    let Some(signature) = signature.as_bytes() else {
        return Err(SignatureStatus::Invalid);
    };
    let Ok(material) = spki_material(signer) else {
        return Err(SignatureStatus::Invalid);
    };
    let scheme = match (rsa, &material) {
        (true, KeyMaterial::Rsa { .. }) => SignatureScheme::RsaPkcs1v15 { hash },
        (false, KeyMaterial::Ec { curve, .. }) if curve.field_bytes().is_some() => {
            SignatureScheme::Ecdsa {
                curve: curve.clone(),
                hash,
            }
        }
        (false, KeyMaterial::Ec { .. }) => return Err(SignatureStatus::Unsupported),
        // The key's type does not fit the signature algorithm.
        _ => return Err(SignatureStatus::Invalid),
    };
    let spki = canonical_spki(&material).ok_or(SignatureStatus::Invalid)?;
    Ok(SignatureCheck::new(scheme, spki, message, signature))
}

/// The status of a prepared check, asking `answer` when a verifier is needed.
pub(crate) fn decide(
    prepared: Result<SignatureCheck, SignatureStatus>,
    answer: Answer<'_>,
) -> SignatureStatus {
    match prepared {
        Ok(check) => answer(&check),
        Err(status) => status,
    }
}

/// The first element inside the outer SEQUENCE of `der`: the signed part (TBSCertificate,
/// CertificationRequestInfo, TBSCertList) exactly as encoded.
pub(crate) fn signed_part(der: &[u8]) -> Option<&[u8]> {
    use der::{Reader, SliceReader};
    let outer = der::asn1::AnyRef::from_der(der).ok()?;
    let mut reader = SliceReader::new(outer.value()).ok()?;
    reader.tlv_bytes().ok()
}

#[cfg(feature = "rustcrypto")]
impl SignatureCheck {
    /// The verdict of RustCrypto (`rsa`, `p256`/`p384`/`p521`) on this check: what the sync
    /// entry points use, and a verdict source for the `_with` ones:
    /// `&|check| Some(check.verify_with_rustcrypto())`.
    pub fn verify_with_rustcrypto(&self) -> SignatureStatus {
        let Ok(signer) = from_der_value::<SubjectPublicKeyInfoOwned>(&self.signer_spki) else {
            return SignatureStatus::Invalid;
        };
        let valid = match (&self.scheme, spki_material(&signer)) {
            (SignatureScheme::RsaPkcs1v15 { hash }, Ok(KeyMaterial::Rsa { n, e })) => {
                rustcrypto::verify_rsa(&n, &e, *hash, &self.message, &self.signature)
            }
            (SignatureScheme::Ecdsa { curve, hash }, Ok(KeyMaterial::Ec { point, .. })) => {
                match rustcrypto::verify_ecdsa(curve, &point, *hash, &self.message, &self.signature)
                {
                    Some(valid) => valid,
                    None => return SignatureStatus::Unsupported,
                }
            }
            _ => false,
        };
        if valid {
            SignatureStatus::Valid
        } else {
            SignatureStatus::Invalid
        }
    }
}

/// RustCrypto's verdict on a prepared check: the [`Answer`] of the sync entry points.
#[cfg(feature = "rustcrypto")]
pub(crate) fn rustcrypto_answer(check: &SignatureCheck) -> SignatureStatus {
    check.verify_with_rustcrypto()
}

#[cfg(feature = "rustcrypto")]
mod rustcrypto {
    use alloc::vec::Vec;

    use sha1::Sha1;
    use sha2::{Sha224, Sha256, Sha384, Sha512};

    use crate::digest::HashAlgorithm;
    use crate::key::Curve;

    pub(super) fn verify_rsa(
        n: &[u8],
        e: &[u8],
        hash: HashAlgorithm,
        message: &[u8],
        signature: &[u8],
    ) -> bool {
        let n = rsa::BigUint::from_bytes_be(n);
        let e = rsa::BigUint::from_bytes_be(e);
        let Ok(key) = rsa::RsaPublicKey::new_with_max_size(n, e, 16_384) else {
            return false;
        };
        let scheme = match hash {
            HashAlgorithm::Sha1 => rsa::Pkcs1v15Sign::new::<Sha1>(),
            HashAlgorithm::Sha224 => rsa::Pkcs1v15Sign::new::<Sha224>(),
            HashAlgorithm::Sha256 => rsa::Pkcs1v15Sign::new::<Sha256>(),
            HashAlgorithm::Sha384 => rsa::Pkcs1v15Sign::new::<Sha384>(),
            HashAlgorithm::Sha512 => rsa::Pkcs1v15Sign::new::<Sha512>(),
        };
        key.verify(scheme, &hash.digest(message), signature).is_ok()
    }

    /// The digest as ECDSA's `bits2field` wants it: a digest shorter than the field (SHA-256
    /// with P-521) is the same number left-padded with zeros, which the `ecdsa` crate only
    /// accepts down to half the field size, so pad it here.
    fn prehash(hash: HashAlgorithm, message: &[u8], field_bytes: usize) -> Vec<u8> {
        let digest = hash.digest(message);
        if digest.len() >= field_bytes {
            return digest;
        }
        let mut padded = alloc::vec![0u8; field_bytes - digest.len()];
        padded.extend_from_slice(&digest);
        padded
    }

    /// `None` when the curve is not one this crate verifies.
    pub(super) fn verify_ecdsa(
        curve: &Curve,
        point: &[u8],
        hash: HashAlgorithm,
        message: &[u8],
        signature: &[u8],
    ) -> Option<bool> {
        use ecdsa::signature::hazmat::PrehashVerifier;
        Some(match curve {
            Curve::P256 => {
                let (Ok(key), Ok(sig)) = (
                    p256::ecdsa::VerifyingKey::from_sec1_bytes(point),
                    p256::ecdsa::Signature::from_der(signature),
                ) else {
                    return Some(false);
                };
                key.verify_prehash(&prehash(hash, message, 32), &sig)
                    .is_ok()
            }
            Curve::P384 => {
                let (Ok(key), Ok(sig)) = (
                    p384::ecdsa::VerifyingKey::from_sec1_bytes(point),
                    p384::ecdsa::Signature::from_der(signature),
                ) else {
                    return Some(false);
                };
                key.verify_prehash(&prehash(hash, message, 48), &sig)
                    .is_ok()
            }
            Curve::P521 => {
                let (Ok(key), Ok(sig)) = (
                    p521::ecdsa::VerifyingKey::from_sec1_bytes(point),
                    p521::ecdsa::Signature::from_der(signature),
                ) else {
                    return Some(false);
                };
                key.verify_prehash(&prehash(hash, message, 66), &sig)
                    .is_ok()
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    /// Filed in any order, a verdict is found by its id, the last filing of an id wins, and
    /// two sets of the same verdicts are equal (as the `BTreeMap` it replaced made them).
    #[test]
    fn verdicts_are_a_map_by_id() {
        let ids: Vec<String> = [7, 2, 9, 0, 5, 2, 11, 3]
            .iter()
            .map(|n| format!("check-{n}"))
            .collect();
        let status = |n: usize| {
            if n % 2 == 0 {
                SignatureStatus::Valid
            } else {
                SignatureStatus::Invalid
            }
        };
        let mut forward = Verdicts::new();
        for (n, id) in ids.iter().enumerate() {
            forward.insert_id(id.clone(), status(n));
        }
        let mut backward = Verdicts::new();
        for (n, id) in ids.iter().enumerate().rev() {
            // Filing a duplicate id first, then the value it must end with.
            if id == "check-2" {
                backward.insert_id(id.clone(), SignatureStatus::Unsupported);
            }
            backward.insert_id(id.clone(), status(n));
        }
        backward.insert_id("check-2", status(5));
        assert_eq!(forward.len(), 7);
        assert_eq!(forward, backward);
        // `get`'s lookup (a check cannot be made here without a certificate).
        let lookup = |verdicts: &Verdicts, id: &str| {
            let i = verdicts.position(id).ok()?;
            verdicts.by_id.get(i).map(|(_, s)| *s)
        };
        assert_eq!(lookup(&forward, "check-2"), Some(status(5)));
        assert_eq!(lookup(&forward, "check-7"), Some(status(0)));
        assert_eq!(lookup(&forward, "check-4"), None);
    }
}
