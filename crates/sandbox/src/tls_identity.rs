//! A throwaway TLS identity for `localhost`, made with the sandbox's own PKI code, so that a
//! test (or a demo) can serve HTTPS without openssl or a third certificate generator.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::time::SystemTime;

use crate::error::SandboxError;
use crate::pki::{self, AltNames, CaSigner, KeySpec, LeafKey, LeafSpec, SubjectFields};

/// Days the identity is valid.
const DAYS: u64 = 7;

/// A root CA and a server certificate it signed for `localhost`, `127.0.0.1` and `::1`.
#[derive(Clone)]
pub struct TlsIdentity {
    /// The root CA certificate (PEM): the trust anchor a client adds.
    pub ca_pem: String,
    /// The server certificate (PEM, P-256 key, serverAuth).
    pub cert_pem: String,
    /// The server certificate's private key (SEC1 `EC PRIVATE KEY` PEM).
    pub key_pem: String,
}

impl std::fmt::Debug for TlsIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TlsIdentity")
            .field("ca_pem", &self.ca_pem)
            .field("cert_pem", &self.cert_pem)
            .field("key_pem", &"<redacted>")
            .finish()
    }
}

/// Makes a fresh [`TlsIdentity`] (P-256 keys: milliseconds).
pub fn localhost_tls_identity() -> Result<TlsIdentity, SandboxError> {
    let now = SystemTime::now();
    let ca_key = CaSigner::generate(KeySpec::P256)?;
    let ca_name = SubjectFields {
        organization: Some("certkit sandbox".into()),
        common_name: "certkit sandbox localhost TLS root".into(),
        ..SubjectFields::default()
    }
    .to_name()?;
    let ca =
        pki::build_root_certificate(ca_name.clone(), pki::validity(now, DAYS, None)?, &ca_key)?;
    let leaf_key = LeafKey::generate(KeySpec::P256)?;
    let alt_names = AltNames {
        dns: vec!["localhost".into()],
        email: Vec::new(),
        ip: vec![
            IpAddr::V4(Ipv4Addr::LOCALHOST),
            IpAddr::V6(Ipv6Addr::LOCALHOST),
        ],
    };
    let leaf = pki::build_leaf_certificate(LeafSpec {
        subject: SubjectFields {
            common_name: "localhost".into(),
            ..SubjectFields::default()
        }
        .to_name()?,
        alt_names: alt_names.general_names()?,
        public_key: leaf_key.spki()?,
        serial: pki::random_serial()?.0,
        validity: pki::validity(now, DAYS, None)?,
        issuer: ca_name,
        ca_tag: None,
        signer: &ca_key,
    })?;
    Ok(TlsIdentity {
        ca_pem: pki::cert_pem(&ca)?,
        cert_pem: pki::cert_pem(&leaf)?,
        key_pem: leaf_key.private_key_pem()?,
    })
}
