//! Export formats: PEM, DER, `fullchain.pem`, `chain.pem`, and private keys as PKCS#8.

use alloc::string::String;
use alloc::vec::Vec;

use crate::bundle::{first_private_key, parse_bundle};
use crate::chain::{self, OrderedChain};
use crate::error::{Error, ErrorKind};
use crate::key::parse_private_key;
use crate::signature::{Outcome, VerdictSource};

/// A DER object as a PEM block with the given label (64 columns, LF line ends).
pub fn pem(label: &str, der: &[u8]) -> String {
    crate::pem::encode(label, der)
}

/// The DER of the first certificate in `input` (PEM text with any repairable damage, or DER).
///
/// # Errors
/// No certificate in the input, or malformed input.
pub fn der(input: impl AsRef<[u8]>) -> Result<Vec<u8>, Error> {
    let bundle = parse_bundle(input)?;
    let der = bundle
        .certificates()
        .first()
        .map(|der| der.to_vec())
        .ok_or(Error::new(ErrorKind::NoCertificate))?;
    crate::certificate::parse(&der)?;
    Ok(der)
}

/// `fullchain.pem`: the leaf then the intermediates, in chain order, without the self-signed
/// root (servers send the chain without the root). Certificates not on the leaf's chain are
/// left out.
///
/// # Errors
/// No certificates, or one that does not decode.
#[cfg(feature = "rustcrypto")]
pub fn fullchain_pem<B: AsRef<[u8]>>(certs: &[B]) -> Result<String, Error> {
    Ok(fullchain_of(&chain::order(certs)?))
}

/// [`fullchain_pem`] with signature verdicts from `verdict`, as [`chain::order_with`].
///
/// # Errors
/// As [`fullchain_pem`].
pub fn fullchain_pem_with<B: AsRef<[u8]>>(
    certs: &[B],
    verdict: VerdictSource<'_>,
) -> Result<Outcome<String>, Error> {
    Ok(chain::order_with(certs, verdict)?.map(|chain| fullchain_of(&chain)))
}

fn fullchain_of(chain: &OrderedChain) -> String {
    chain
        .certificates
        .iter()
        .filter(|c| !c.self_signed || chain.certificates.len() == 1)
        .map(|c| pem("CERTIFICATE", &c.der))
        .collect()
}

/// `chain.pem`: the intermediates only (no leaf, no self-signed root), in chain order.
///
/// # Errors
/// No certificates, or one that does not decode.
#[cfg(feature = "rustcrypto")]
pub fn chain_pem<B: AsRef<[u8]>>(certs: &[B]) -> Result<String, Error> {
    Ok(chain_of(&chain::order(certs)?))
}

/// [`chain_pem`] with signature verdicts from `verdict`, as [`chain::order_with`].
///
/// # Errors
/// As [`chain_pem`].
pub fn chain_pem_with<B: AsRef<[u8]>>(
    certs: &[B],
    verdict: VerdictSource<'_>,
) -> Result<Outcome<String>, Error> {
    Ok(chain::order_with(certs, verdict)?.map(|chain| chain_of(&chain)))
}

fn chain_of(chain: &OrderedChain) -> String {
    chain
        .certificates
        .iter()
        .skip(1)
        .filter(|c| !c.self_signed)
        .map(|c| pem("CERTIFICATE", &c.der))
        .collect()
}

/// The first private key in `input` (PKCS#1, SEC1 or PKCS#8; PEM or DER) as unencrypted
/// PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`). A SEC1 key must name its curve.
///
/// # Errors
/// No key, an encrypted key ([`ErrorKind::EncryptedKey`]), a SEC1 key without a curve,
/// malformed input.
pub fn private_key_pkcs8_pem(input: impl AsRef<[u8]>) -> Result<String, Error> {
    let (index, block) = first_private_key(input.as_ref())?;
    let parsed = parse_private_key(&block).map_err(|e| e.at_block(index, block.label))?;
    let der = parsed
        .pkcs8_der
        .map_err(|e| e.at_block(index, block.label))?;
    Ok(pem("PRIVATE KEY", &der))
}
