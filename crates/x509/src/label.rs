//! The label of a PEM block. A leaf: everything else may use it, it uses nothing of the crate.

use core::fmt;

use serde::{Serialize, Serializer};

/// The label of a PEM block (`-----BEGIN <label>-----`), as far as this crate understands it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Label {
    /// `CERTIFICATE` (also accepted: `X509 CERTIFICATE`).
    Certificate,
    /// `PRIVATE KEY`: an unencrypted PKCS#8 private key.
    PrivateKey,
    /// `RSA PRIVATE KEY`: a PKCS#1 RSA private key.
    RsaPrivateKey,
    /// `EC PRIVATE KEY`: a SEC1 EC private key.
    EcPrivateKey,
    /// `ENCRYPTED PRIVATE KEY`: an encrypted PKCS#8 private key.
    EncryptedPrivateKey,
    /// `CERTIFICATE REQUEST` (also accepted: `NEW CERTIFICATE REQUEST`): a PKCS#10 CSR.
    CertificateRequest,
    /// `X509 CRL`: a certificate revocation list.
    X509Crl,
    /// `PUBLIC KEY`: a SubjectPublicKeyInfo.
    PublicKey,
    /// `RSA PUBLIC KEY`: a PKCS#1 RSA public key.
    RsaPublicKey,
    /// Any other label (the text is kept in the block's `label_text`).
    Other,
}

impl Label {
    /// The label as written in PEM (`"CERTIFICATE"`, ...); `"OTHER"` for [`Label::Other`].
    pub const fn as_str(self) -> &'static str {
        match self {
            Label::Certificate => "CERTIFICATE",
            Label::PrivateKey => "PRIVATE KEY",
            Label::RsaPrivateKey => "RSA PRIVATE KEY",
            Label::EcPrivateKey => "EC PRIVATE KEY",
            Label::EncryptedPrivateKey => "ENCRYPTED PRIVATE KEY",
            Label::CertificateRequest => "CERTIFICATE REQUEST",
            Label::X509Crl => "X509 CRL",
            Label::PublicKey => "PUBLIC KEY",
            Label::RsaPublicKey => "RSA PUBLIC KEY",
            Label::Other => "OTHER",
        }
    }

    /// The label for a (normalised, upper-case) PEM label text.
    pub fn from_text(text: &str) -> Label {
        match text {
            "CERTIFICATE" | "X509 CERTIFICATE" => Label::Certificate,
            "PRIVATE KEY" => Label::PrivateKey,
            "RSA PRIVATE KEY" => Label::RsaPrivateKey,
            "EC PRIVATE KEY" => Label::EcPrivateKey,
            "ENCRYPTED PRIVATE KEY" => Label::EncryptedPrivateKey,
            "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => Label::CertificateRequest,
            "X509 CRL" => Label::X509Crl,
            "PUBLIC KEY" => Label::PublicKey,
            "RSA PUBLIC KEY" => Label::RsaPublicKey,
            _ => Label::Other,
        }
    }

    /// Whether blocks with this label hold a private key.
    pub const fn is_private_key(self) -> bool {
        matches!(
            self,
            Label::PrivateKey
                | Label::RsaPrivateKey
                | Label::EcPrivateKey
                | Label::EncryptedPrivateKey
        )
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Label {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}
