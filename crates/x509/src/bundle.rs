//! The layer above certificates and keys that reads whole inputs: labelling DER by what it
//! decodes as, finding the first certificate or private key of an input, and matching the two.
//!
//! It sits here, not in `pem`, because recognising a DER object means decoding it as each
//! structure this crate reads; `pem` stays text and base64 only.

use der::Decode;

use crate::certificate::{self, Cert};
use crate::error::{Error, ErrorKind};
use crate::key::{parse_private_key, spki_material, EncryptedPrivateKeyInfo, PrivateKeyInfo};
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

/// What a DER object is, by trying each structure this crate reads.
fn classify_der(der: &[u8]) -> Option<Label> {
    if Cert::from_der(der).is_ok() {
        Some(Label::Certificate)
    } else if x509_cert::request::CertReq::from_der(der).is_ok() {
        Some(Label::CertificateRequest)
    } else if x509_cert::crl::CertificateList::from_der(der).is_ok() {
        Some(Label::X509Crl)
    } else if pkcs8::PrivateKeyInfo::from_der(der).is_ok() {
        Some(Label::PrivateKey)
    } else if EncryptedPrivateKeyInfo::from_der(der).is_ok() {
        Some(Label::EncryptedPrivateKey)
    } else if pkcs1::RsaPrivateKey::from_der(der).is_ok() {
        Some(Label::RsaPrivateKey)
    } else if sec1::EcPrivateKey::from_der(der).is_ok() {
        Some(Label::EcPrivateKey)
    } else if spki::SubjectPublicKeyInfoRef::from_der(der).is_ok() {
        Some(Label::PublicKey)
    } else if pkcs1::RsaPublicKey::from_der(der).is_ok() {
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
/// curves other than P-256/384/521).
pub fn key_matches_certificate(
    key: impl AsRef<[u8]>,
    certificate: impl AsRef<[u8]>,
) -> Result<bool, Error> {
    let (index, block) = first_private_key(key.as_ref())?;
    let parsed = parse_private_key(&block).map_err(|e| e.at_block(index, block.label))?;
    let key_material = parsed
        .material
        .map_err(|e| e.at_block(index, block.label))?;
    let cert = first_certificate(certificate.as_ref())?;
    let cert_material = spki_material(&cert.tbs_certificate.subject_public_key_info)?;
    Ok(key_material == cert_material)
}
