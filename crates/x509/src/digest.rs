//! The hash functions this crate uses, behind one small enum.

use alloc::vec::Vec;

use sha1::Sha1;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};

/// A hash function used in a signature algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Hash {
    Sha1,
    Sha224,
    Sha256,
    Sha384,
    Sha512,
}

impl Hash {
    pub(crate) fn digest(self, message: &[u8]) -> Vec<u8> {
        match self {
            Hash::Sha1 => Sha1::digest(message).to_vec(),
            Hash::Sha224 => Sha224::digest(message).to_vec(),
            Hash::Sha256 => Sha256::digest(message).to_vec(),
            Hash::Sha384 => Sha384::digest(message).to_vec(),
            Hash::Sha512 => Sha512::digest(message).to_vec(),
        }
    }
}

pub(crate) fn sha256(message: &[u8]) -> Vec<u8> {
    Hash::Sha256.digest(message)
}

pub(crate) fn sha1(message: &[u8]) -> Vec<u8> {
    Hash::Sha1.digest(message)
}
