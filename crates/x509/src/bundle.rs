//! The layer above certificates and keys that reads whole inputs: labelling DER by what it
//! decodes as, finding the first certificate or private key of an input, and matching the two.
//!
//! It sits here, not in `pem`, because recognising a DER object means decoding it as each
//! structure this crate reads; `pem` stays text and base64 only.

use alloc::vec::Vec;

use crate::certificate::{self, Cert};
use crate::der_value::from_der_value;
use crate::error::{Error, ErrorKind};
use crate::key::{
    given_point, parse_private_key, spki_material, Curve, EncryptedPrivateKeyInfo, PrivateKeyInfo,
};
use crate::label::Label;
use crate::pem::{self, Block, Bundle};

/// Splits PEM text (any mix of blocks, damaged as described in the [`pem`](crate::pem) module
/// docs) or DER into blocks, reporting the repairs made.
///
/// `input` is text (`&str`, `String`) or bytes (`&[u8]`, `Vec<u8>`); binary input starting with
/// a DER SEQUENCE is read as one or more concatenated DER objects and labelled by content.
///
/// # Errors
/// An [`Error`] saying what is wrong and where: empty input, no block found, a block without
/// END line or with a different END label, invalid base64 (with the line), binary input that
/// is not DER.
pub fn parse_bundle(input: impl AsRef<[u8]>) -> Result<Bundle, Error> {
    pem::parse(input.as_ref(), classify_der)
}

/// What a DER object is, by trying each structure this crate reads (as the types the rest of the
/// crate decodes it as, so that each structure has one decoder in the binary).
fn classify_der(der: &[u8]) -> Option<Label> {
    if from_der_value::<Cert>(der).is_ok() {
        Some(Label::Certificate)
    } else if from_der_value::<x509_cert::request::CertReq>(der).is_ok() {
        Some(Label::CertificateRequest)
    } else if from_der_value::<x509_cert::crl::CertificateList<x509_cert::certificate::Raw>>(der)
        .is_ok()
    {
        Some(Label::X509Crl)
    } else if from_der_value::<pkcs8::PrivateKeyInfoRef<'_>>(der).is_ok() {
        Some(Label::PrivateKey)
    } else if from_der_value::<EncryptedPrivateKeyInfo>(der).is_ok() {
        Some(Label::EncryptedPrivateKey)
    } else if from_der_value::<pkcs1::RsaPrivateKeyRef<'_>>(der).is_ok() {
        Some(Label::RsaPrivateKey)
    } else if from_der_value::<sec1::EcPrivateKey<'_>>(der).is_ok() {
        Some(Label::EcPrivateKey)
    } else if from_der_value::<spki::SubjectPublicKeyInfoOwned>(der).is_ok() {
        Some(Label::PublicKey)
    } else if from_der_value::<pkcs1::RsaPublicKey<der::asn1::UintRef<'_>>>(der).is_ok() {
        Some(Label::RsaPublicKey)
    } else {
        None
    }
}

/// The first private key block of an input, with its 1-based block number.
pub(crate) fn first_private_key(input: &[u8]) -> Result<(usize, Block), Error> {
    let bundle = parse_bundle(input)?;
    bundle
        .blocks
        .into_iter()
        .enumerate()
        .find(|(_, block)| block.label.is_private_key())
        .map(|(i, block)| (i + 1, block))
        .ok_or(Error::new(ErrorKind::NoPrivateKey))
}

/// The first certificate in PEM text or DER.
fn first_certificate(input: &[u8]) -> Result<Cert, Error> {
    let bundle = parse_bundle(input)?;
    let (index, block) = bundle
        .blocks
        .iter()
        .enumerate()
        .find(|(_, block)| block.label == Label::Certificate)
        .ok_or(Error::new(ErrorKind::NoCertificate))?;
    certificate::parse(&block.der).map_err(|e| e.at_block(index + 1, block.label))
}

/// Describes the first private key in `input` (PEM text of any container, or DER).
///
/// # Errors
/// No private key in the input, or one that does not decode.
pub fn inspect_private_key(input: impl AsRef<[u8]>) -> Result<PrivateKeyInfo, Error> {
    let (index, block) = first_private_key(input.as_ref())?;
    parse_private_key(&block)
        .map(|parsed| parsed.info)
        .map_err(|e| e.at_block(index, block.label))
}

/// Whether the first private key in `key` belongs to the first certificate in `certificate`
/// (same RSA modulus and exponent, same EC point, same Ed25519 key). Both inputs are PEM text
/// (any damage [`parse_bundle`] repairs) or DER.
///
/// # Errors
/// An encrypted key ([`ErrorKind::EncryptedKey`]), no key or no certificate, malformed input,
/// or a key whose public half cannot be derived here (Ed25519 PKCS#8 without the public key,
/// curves other than P-256/384/521, and without the `rustcrypto` feature an EC key that does
/// not carry its point: [`ErrorKind::PublicPointNotEmbedded`]; see
/// [`key_matches_certificate_with`]).
pub fn key_matches_certificate(
    key: impl AsRef<[u8]>,
    certificate: impl AsRef<[u8]>,
) -> Result<bool, Error> {
    match key_matches_certificate_with(key, certificate, None)? {
        KeyMatch::Answered(matches) => Ok(matches),
        KeyMatch::NeedsPublicPoint { .. } => Err(Error::new(ErrorKind::PublicPointNotEmbedded)),
    }
}

/// What [`key_matches_certificate_with`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyMatch {
    /// Whether the key belongs to the certificate.
    Answered(bool),
    /// The key is an EC private key that does not carry its public point (SEC1 and PKCS#8 make
    /// it optional; Java, for one, leaves it out), and this build has no curve arithmetic to
    /// derive it (no `rustcrypto` feature). Derive the point from `pkcs8` and call again with
    /// it: with WebCrypto, `importKey("pkcs8", pkcs8, {name: "ECDSA", namedCurve}, true,
    /// ["sign"])` then `exportKey("jwk")`; the point is `04 ‖ x ‖ y`.
    NeedsPublicPoint {
        /// The key's curve ([`Curve::webcrypto_name`] is WebCrypto's `namedCurve`).
        curve: Curve,
        /// The private key as PKCS#8 DER.
        pkcs8: Vec<u8>,
    },
}

/// [`key_matches_certificate`] for builds without curve arithmetic: the first call (with
/// `public_point` None) answers, or asks for the key's public point when the key does not
/// carry it and this build cannot derive it; the second call, with the SEC1 point derived
/// elsewhere, answers. `public_point` is read only when asked for.
///
/// # Errors
/// As [`key_matches_certificate`], and a `public_point` that is not a point of the key's
/// curve ([`ErrorKind::InvalidKey`]).
pub fn key_matches_certificate_with(
    key: impl AsRef<[u8]>,
    certificate: impl AsRef<[u8]>,
    public_point: Option<&[u8]>,
) -> Result<KeyMatch, Error> {
    let (index, block) = first_private_key(key.as_ref())?;
    let at_key = |e: Error| e.at_block(index, block.label);
    let parsed = parse_private_key(&block).map_err(at_key)?;
    let key_material = match parsed.material {
        Err(e) if e.kind() == ErrorKind::PublicPointNotEmbedded => None,
        material => Some(material.map_err(at_key)?),
    };
    let cert = first_certificate(certificate.as_ref())?;
    let cert_material = spki_material(cert.tbs_certificate().subject_public_key_info())?;
    let key_material = match (key_material, parsed.info.curve) {
        (Some(material), _) => material,
        (None, Some(curve)) => match public_point {
            Some(point) => given_point(&curve, point).map_err(at_key)?,
            None => {
                return Ok(KeyMatch::NeedsPublicPoint {
                    curve,
                    pkcs8: parsed.pkcs8_der.map_err(at_key)?,
                })
            }
        },
        (None, None) => return Err(at_key(Error::new(ErrorKind::MissingCurve))),
    };
    Ok(KeyMatch::Answered(key_material.same_key(&cert_material)))
}
