//! Signature verification for certificates, CSRs and CRLs: RSA PKCS#1 v1.5 and ECDSA on
//! P-256/P-384/P-521, with SHA-1/224/256/384/512.

use alloc::vec::Vec;

use der::asn1::{BitString, ObjectIdentifier};
use der::Decode;
use serde::Serialize;
use sha1::Sha1;
use sha2::{Sha224, Sha256, Sha384, Sha512};
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};

use crate::digest::Hash;
use crate::key::{spki_material, Curve, KeyMaterial};

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

enum Scheme {
    RsaPkcs1(Hash),
    Ecdsa(Hash),
}

const fn oid(s: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(s)
}

fn scheme(algorithm: &ObjectIdentifier) -> Option<Scheme> {
    const TABLE: &[(ObjectIdentifier, bool, Hash)] = &[
        (oid("1.2.840.113549.1.1.5"), true, Hash::Sha1),
        (oid("1.2.840.113549.1.1.14"), true, Hash::Sha224),
        (oid("1.2.840.113549.1.1.11"), true, Hash::Sha256),
        (oid("1.2.840.113549.1.1.12"), true, Hash::Sha384),
        (oid("1.2.840.113549.1.1.13"), true, Hash::Sha512),
        (oid("1.2.840.10045.4.1"), false, Hash::Sha1),
        (oid("1.2.840.10045.4.3.1"), false, Hash::Sha224),
        (oid("1.2.840.10045.4.3.2"), false, Hash::Sha256),
        (oid("1.2.840.10045.4.3.3"), false, Hash::Sha384),
        (oid("1.2.840.10045.4.3.4"), false, Hash::Sha512),
    ];
    TABLE
        .iter()
        .find(|(o, _, _)| o == algorithm)
        .map(|&(_, rsa, hash)| {
            if rsa {
                Scheme::RsaPkcs1(hash)
            } else {
                Scheme::Ecdsa(hash)
            }
        })
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
        Some(Scheme::RsaPkcs1(_)) => RSA_KEY,
        Some(Scheme::Ecdsa(_)) => EC_KEY,
        None if algorithm.oid == RSA_PSS => return *key == RSA_KEY || *key == RSA_PSS,
        None if algorithm.oid == ED25519 || algorithm.oid == ED448 => algorithm.oid,
        None => return true,
    };
    *key == needs
}

/// Checks `signature` over `message` (the DER of the signed part) with the signer's key.
pub(crate) fn verify(
    signer: &SubjectPublicKeyInfoOwned,
    algorithm: &AlgorithmIdentifierOwned,
    message: &[u8],
    signature: &BitString,
) -> SignatureStatus {
    let Some(scheme) = scheme(&algorithm.oid) else {
        return SignatureStatus::Unsupported;
    };
    let Some(signature) = signature.as_bytes() else {
        return SignatureStatus::Invalid;
    };
    let material = match spki_material(signer) {
        Ok(material) => material,
        Err(_) => return SignatureStatus::Invalid,
    };
    let valid = match (scheme, material) {
        (Scheme::RsaPkcs1(hash), KeyMaterial::Rsa { n, e }) => {
            verify_rsa(&n, &e, hash, message, signature)
        }
        (Scheme::Ecdsa(hash), KeyMaterial::Ec { curve, point }) => {
            match verify_ecdsa(&curve, &point, hash, message, signature) {
                Some(valid) => valid,
                None => return SignatureStatus::Unsupported,
            }
        }
        // The key's type does not fit the signature algorithm.
        _ => false,
    };
    if valid {
        SignatureStatus::Valid
    } else {
        SignatureStatus::Invalid
    }
}

fn verify_rsa(n: &[u8], e: &[u8], hash: Hash, message: &[u8], signature: &[u8]) -> bool {
    let n = rsa::BigUint::from_bytes_be(n);
    let e = rsa::BigUint::from_bytes_be(e);
    let Ok(key) = rsa::RsaPublicKey::new_with_max_size(n, e, 16_384) else {
        return false;
    };
    let scheme = match hash {
        Hash::Sha1 => rsa::Pkcs1v15Sign::new::<Sha1>(),
        Hash::Sha224 => rsa::Pkcs1v15Sign::new::<Sha224>(),
        Hash::Sha256 => rsa::Pkcs1v15Sign::new::<Sha256>(),
        Hash::Sha384 => rsa::Pkcs1v15Sign::new::<Sha384>(),
        Hash::Sha512 => rsa::Pkcs1v15Sign::new::<Sha512>(),
    };
    key.verify(scheme, &hash.digest(message), signature).is_ok()
}

/// The digest as ECDSA's `bits2field` wants it: a digest shorter than the field (SHA-256 with
/// P-521) is the same number left-padded with zeros, which the `ecdsa` crate only accepts down
/// to half the field size, so pad it here.
fn prehash(hash: Hash, message: &[u8], field_bytes: usize) -> Vec<u8> {
    let digest = hash.digest(message);
    if digest.len() >= field_bytes {
        return digest;
    }
    let mut padded = alloc::vec![0u8; field_bytes - digest.len()];
    padded.extend_from_slice(&digest);
    padded
}

/// `None` when the curve is not one this crate verifies.
fn verify_ecdsa(
    curve: &Curve,
    point: &[u8],
    hash: Hash,
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

/// The first element inside the outer SEQUENCE of `der`: the signed part (TBSCertificate,
/// CertificationRequestInfo, TBSCertList) exactly as encoded.
pub(crate) fn signed_part(der: &[u8]) -> Option<&[u8]> {
    use der::{Reader, SliceReader};
    let outer = der::asn1::AnyRef::from_der(der).ok()?;
    let mut reader = SliceReader::new(outer.value()).ok()?;
    reader.tlv_bytes().ok()
}
