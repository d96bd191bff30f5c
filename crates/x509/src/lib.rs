// Module layering, lowest first; each module uses only those named on its line (plus
// external crates), so there are no import cycles. Keep it that way when adding a `use`.
//   label            (nothing)
//   der_value        (nothing)
//   digest           (nothing)
//   general_name     der_value
//   error            label
//   text             error
//   pem              error, label        (text and base64 only; DER is labelled by a classifier
//                                         the caller passes in)
//   key              der_value, digest, error, label, pem, text
//   signature        der_value, digest, key, text
//   certificate      der_value, digest, error, general_name, key, pem, signature, text
//   name_constraints general_name, text
//   request          certificate, der_value, error, general_name, key, pem, signature, text
//   crl              certificate, der_value, error, pem, text
//   chain            certificate, der_value, error, general_name, label, name_constraints,
//                    signature, text
//   bundle           certificate, der_value, error, key, label, pem
//                                        (whole inputs: DER sniffing, first key/certificate,
//                                         key-to-certificate match)
//   export           bundle, certificate, chain, error, key, pem
//   webcrypto        bundle, error, key, signature (feature `webcrypto`: verdicts and EC points
//                                         from the JS host)
//   lib.rs           all of the above (inspect_pem, order_chain, verify_chain)
//   test_fixtures    general_name, lib.rs (unit tests only: the fixtures' files and blocks,
//                                         general names of every kind, one-byte changes)

#![no_std]
#![doc = include_str!("../README.md")]

extern crate alloc;

mod bundle;
pub mod certificate;
pub mod chain;
pub mod crl;
mod der_value;
mod digest;
mod error;
pub mod export;
mod general_name;
pub mod key;
mod label;
mod limits;
mod name_constraints;
pub mod pem;
pub mod request;
mod signature;
#[cfg(test)]
mod test_fixtures;
mod text;
#[cfg(feature = "webcrypto")]
pub mod webcrypto;

use alloc::string::String;
use alloc::vec::Vec;

use serde::Serialize;

pub use bundle::{
    inspect_private_key, key_matches_certificate, key_matches_certificate_with, parse_bundle,
    KeyMatch,
};
pub use certificate::{AltName, AltNameKind, CertificateInfo, ExtensionInfo, Fingerprints};
pub use chain::{
    ChainEntry, ChainLink, ChainProblem, ChainProblemKind, ChainReport, MissingIssuer, OrderedChain,
};
pub use crl::{CrlInfo, RevokedCertificate};
pub use digest::HashAlgorithm;
pub use error::{DerProblem, Error, ErrorKind};
pub use key::{Curve, KeyAlgorithm, KeyContainer, Pbes2Parameters, PrivateKeyInfo, PublicKeyInfo};
pub use label::Label;
pub use pem::{Block, Bundle, Repair};
pub use request::CertificateRequestInfo;
pub use signature::{
    Outcome, SignatureCheck, SignatureScheme, SignatureStatus, VerdictSource, Verdicts,
    WebCryptoAlgorithm,
};
pub use text::{serial_from_text, serial_hex, NameAttribute};

/// One inspected block. Serialises with a `kind` tag: `"certificate"`, `"privateKey"`,
/// `"certificateRequest"`, `"crl"`, `"publicKey"`, `"other"`.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[non_exhaustive]
pub enum Item {
    /// A certificate.
    Certificate(alloc::boxed::Box<CertificateInfo>),
    /// A private key (any container, possibly encrypted).
    PrivateKey(PrivateKeyInfo),
    /// A PKCS#10 certificate signing request.
    CertificateRequest(alloc::boxed::Box<CertificateRequestInfo>),
    /// A certificate revocation list.
    Crl(alloc::boxed::Box<CrlInfo>),
    /// A bare public key.
    PublicKey(PublicKeyInfo),
    /// A block this crate does not interpret (kept, not dropped).
    Other(OtherBlock),
}

/// A block with a label this crate does not interpret.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OtherBlock {
    /// The PEM label as written.
    pub label: String,
    /// Size of the decoded content in bytes.
    pub size: usize,
}

/// What [`inspect_pem`] found: one item per block, in input order, and the repairs made.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Inspection {
    /// One item per block.
    pub items: Vec<Item>,
    /// The repairs made to the input (see [`Repair`]).
    pub repairs: Vec<Repair>,
}

/// Inspects every block in `input` (PEM text with any mix of blocks and repairable damage, or
/// DER) at time `now` (Unix seconds).
///
/// # Errors
/// The first problem found, naming the block, its label and the line or byte offset.
#[cfg(feature = "rustcrypto")]
pub fn inspect_pem(input: impl AsRef<[u8]>, now: i64) -> Result<Inspection, Error> {
    inspect_answered(input.as_ref(), now, &signature::rustcrypto_answer)
}

/// [`inspect_pem`] with signature verdicts from `verdict` (WebCrypto, say): the only
/// signatures inspection checks are CSRs' self-signatures, all asked for on the first call.
///
/// # Errors
/// As [`inspect_pem`].
pub fn inspect_pem_with(
    input: impl AsRef<[u8]>,
    now: i64,
    verdict: VerdictSource<'_>,
) -> Result<Outcome<Inspection>, Error> {
    let asker = signature::Asker::new(verdict);
    let inspection = inspect_answered(input.as_ref(), now, &|check| asker.answer(check))?;
    Ok(asker.outcome(inspection))
}

fn inspect_answered(
    input: &[u8],
    now: i64,
    answer: signature::Answer<'_>,
) -> Result<Inspection, Error> {
    let bundle = parse_bundle(input)?;
    let items = bundle
        .blocks
        .iter()
        .enumerate()
        .map(|(i, block)| {
            inspect_block(block, now, answer).map_err(|e| e.at_block(i + 1, block.label))
        })
        .collect::<Result<Vec<Item>, Error>>()?;
    Ok(Inspection {
        items,
        repairs: bundle.repairs,
    })
}

fn inspect_block(block: &Block, now: i64, answer: signature::Answer<'_>) -> Result<Item, Error> {
    Ok(match block.label {
        Label::Certificate => Item::Certificate(alloc::boxed::Box::new(certificate::inspect(
            &block.der, now,
        )?)),
        Label::PrivateKey
        | Label::RsaPrivateKey
        | Label::EcPrivateKey
        | Label::EncryptedPrivateKey => Item::PrivateKey(key::parse_private_key(block)?.info),
        Label::CertificateRequest => Item::CertificateRequest(alloc::boxed::Box::new(
            request::inspect_answered(&block.der, answer)?,
        )),
        Label::X509Crl => Item::Crl(alloc::boxed::Box::new(crl::inspect(&block.der, now)?)),
        Label::PublicKey => {
            let spki: spki::SubjectPublicKeyInfoOwned =
                der_value::from_der_value(&block.der).map_err(|e| Error::der(e, "public key"))?;
            Item::PublicKey(key::public_key_info(&spki)?)
        }
        Label::RsaPublicKey | Label::Other => Item::Other(OtherBlock {
            label: block.label_text.clone(),
            size: block.der.len(),
        }),
    })
}

/// Orders the certificates in `input` (PEM or DER) leaf first; other blocks are ignored.
///
/// # Errors
/// Unparseable input, no certificate, or a certificate that does not decode.
#[cfg(feature = "rustcrypto")]
pub fn order_chain(input: impl AsRef<[u8]>) -> Result<OrderedChain, Error> {
    let bundle = parse_bundle(input)?;
    chain::order(&bundle.certificates())
}

/// [`order_chain`] with signature verdicts from `verdict`, as [`chain::order_with`].
///
/// # Errors
/// As [`order_chain`].
pub fn order_chain_with(
    input: impl AsRef<[u8]>,
    verdict: VerdictSource<'_>,
) -> Result<Outcome<OrderedChain>, Error> {
    let bundle = parse_bundle(input)?;
    chain::order_with(&bundle.certificates(), verdict)
}

/// Orders and verifies the certificates in `input` (PEM or DER) at time `now` (Unix seconds);
/// other blocks are ignored.
///
/// # Errors
/// Unparseable input, no certificate, or a certificate that does not decode.
#[cfg(feature = "rustcrypto")]
pub fn verify_chain(input: impl AsRef<[u8]>, now: i64) -> Result<ChainReport, Error> {
    let bundle = parse_bundle(input)?;
    chain::verify(&bundle.certificates(), now)
}

/// [`verify_chain`] with signature verdicts from `verdict`, as [`chain::verify_with`]: one
/// round of verdicts always settles it.
///
/// # Errors
/// As [`verify_chain`].
pub fn verify_chain_with(
    input: impl AsRef<[u8]>,
    now: i64,
    verdict: VerdictSource<'_>,
) -> Result<Outcome<ChainReport>, Error> {
    let bundle = parse_bundle(input)?;
    chain::verify_with(&bundle.certificates(), now, verdict)
}
