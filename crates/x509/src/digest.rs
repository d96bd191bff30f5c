//! The hash functions this crate uses, behind one small enum.

use alloc::vec::Vec;

use serde::Serialize;
use sha1::Sha1;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};

/// A hash function used in a signature algorithm. Serialises as WebCrypto names it
/// (`"SHA-256"`, ...).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum HashAlgorithm {
    /// SHA-1.
    #[serde(rename = "SHA-1")]
    Sha1,
    /// SHA-224 (WebCrypto has none).
    #[serde(rename = "SHA-224")]
    Sha224,
    /// SHA-256.
    #[serde(rename = "SHA-256")]
    Sha256,
    /// SHA-384.
    #[serde(rename = "SHA-384")]
    Sha384,
    /// SHA-512.
    #[serde(rename = "SHA-512")]
    Sha512,
}

impl HashAlgorithm {
    /// The name as WebCrypto and the serialised form spell it (`"SHA-256"`).
    pub const fn name(self) -> &'static str {
        match self {
            HashAlgorithm::Sha1 => "SHA-1",
            HashAlgorithm::Sha224 => "SHA-224",
            HashAlgorithm::Sha256 => "SHA-256",
            HashAlgorithm::Sha384 => "SHA-384",
            HashAlgorithm::Sha512 => "SHA-512",
        }
    }

    pub(crate) fn digest(self, message: &[u8]) -> Vec<u8> {
        match self {
            HashAlgorithm::Sha1 => Sha1::digest(message).to_vec(),
            HashAlgorithm::Sha224 => Sha224::digest(message).to_vec(),
            HashAlgorithm::Sha256 => Sha256::digest(message).to_vec(),
            HashAlgorithm::Sha384 => Sha384::digest(message).to_vec(),
            HashAlgorithm::Sha512 => Sha512::digest(message).to_vec(),
        }
    }
}

pub(crate) fn sha256(message: &[u8]) -> Vec<u8> {
    HashAlgorithm::Sha256.digest(message)
}

pub(crate) fn sha1(message: &[u8]) -> Vec<u8> {
    HashAlgorithm::Sha1.digest(message)
}
