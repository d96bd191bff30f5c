//! The certificate engine: key generation, names, certificates, CSRs and signature checks.
//!
//! Everything here is synchronous and free of HTTP; the service modules call it. A CA key is
//! the kind Create CA asks for: RSA signs `SHA256withRSA` (NCP's example), P-256 and P-521 sign
//! ecdsa-with-SHA256 (OpenSSL's default digest for both curves). End-entity keys are whatever
//! the request asks for.

use std::net::IpAddr;
use std::str::FromStr;
use std::time::{Duration, SystemTime};

use const_oid::db::{rfc4519, rfc5280, rfc5912};
use der::asn1::{BitString, Ia5String, PrintableStringRef, Utf8StringRef};
use der::{Any, Decode, Encode, EncodePem, Tag, Tagged};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use rand_core::{OsRng, RngCore};
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::pkcs1v15::SigningKey;
use rsa::signature::hazmat::RandomizedPrehashSigner;
use rsa::signature::{Keypair, SignatureEncoding, Signer};
use rsa::RsaPrivateKey;
use sha2::{Digest, Sha256};
use spki::{
    AlgorithmIdentifierOwned, DynSignatureAlgorithmIdentifier, EncodePublicKey, ObjectIdentifier,
    SignatureBitStringEncoding, SubjectPublicKeyInfoOwned,
};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::builder::{Builder, CertificateBuilder, Profile, RequestBuilder};
use x509_cert::crl::{CertificateList, RevokedCert, TbsCertList};
use x509_cert::ext::pkix::crl::dp::DistributionPoint;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::{
    AccessDescription, AuthorityInfoAccessSyntax, CrlDistributionPoints, ExtendedKeyUsage,
    SubjectAltName,
};
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::request::CertReq;
use x509_cert::request::ExtensionReq;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};
use x509_cert::Certificate;

use certkit_core::validation::split_list;

use crate::error::{ErrorKind, SandboxError};

/// PEM line ending used for everything the sandbox emits (NCP's examples use `\n`).
const LF: der::pem::LineEnding = der::pem::LineEnding::LF;

/// Base of the CRL / OCSP / CA URLs written into certificates, like NCP's `urlInfo`.
pub(crate) const EXT_URL_BASE: &str = "https://pca.apigw.ntruss.com/ext";

/// The kind of key an end certificate gets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum KeySpec {
    /// RSA with this many bits.
    Rsa(usize),
    /// ECDSA on P-256.
    P256,
    /// ECDSA on P-521.
    P521,
}

/// A freshly generated end-entity key.
pub(crate) enum LeafKey {
    Rsa(Box<RsaPrivateKey>),
    P256(p256::SecretKey),
    P521(p521::SecretKey),
}

impl LeafKey {
    /// Generates a key; RSA-4096 takes a moment, so call this off the async executor.
    pub(crate) fn generate(spec: KeySpec) -> Result<Self, SandboxError> {
        Ok(match spec {
            KeySpec::Rsa(bits) => LeafKey::Rsa(Box::new(
                RsaPrivateKey::new(&mut OsRng, bits)
                    .map_err(|e| SandboxError::new(ErrorKind::KeyGeneration, e))?,
            )),
            KeySpec::P256 => LeafKey::P256(p256::SecretKey::random(&mut OsRng)),
            KeySpec::P521 => LeafKey::P521(p521::SecretKey::random(&mut OsRng)),
        })
    }

    /// The public half as SubjectPublicKeyInfo.
    pub(crate) fn spki(&self) -> Result<SubjectPublicKeyInfoOwned, SandboxError> {
        let spki = match self {
            LeafKey::Rsa(key) => SubjectPublicKeyInfoOwned::from_key(key.to_public_key()),
            LeafKey::P256(key) => SubjectPublicKeyInfoOwned::from_key(key.public_key()),
            LeafKey::P521(key) => SubjectPublicKeyInfoOwned::from_key(key.public_key()),
        };
        spki.map_err(|e| SandboxError::new(ErrorKind::Certificate, e))
    }

    /// The private key as NCP returns it: PKCS#1 `RSA PRIVATE KEY` or SEC1 `EC PRIVATE KEY`.
    pub(crate) fn private_key_pem(&self) -> Result<String, SandboxError> {
        let pem = match self {
            LeafKey::Rsa(key) => key
                .to_pkcs1_pem(LF)
                .map_err(|e| e.to_string())
                .map(|p| p.to_string()),
            LeafKey::P256(key) => sec1_pem(
                &key.to_bytes(),
                rfc5912::SECP_256_R_1,
                key.public_key().to_encoded_point(false).as_bytes(),
            ),
            LeafKey::P521(key) => sec1_pem(
                &key.to_bytes(),
                rfc5912::SECP_521_R_1,
                key.public_key().to_encoded_point(false).as_bytes(),
            ),
        };
        pem.map_err(|e| SandboxError::new(ErrorKind::KeyGeneration, e))
    }
}

/// SEC1 `EC PRIVATE KEY` PEM with the named curve and the public point, which OpenSSL needs
/// to read the key (`SecretKey::to_sec1_pem` leaves the curve parameters out).
fn sec1_pem(secret: &[u8], curve: ObjectIdentifier, public_point: &[u8]) -> Result<String, String> {
    sec1::EcPrivateKey {
        private_key: secret,
        parameters: Some(sec1::EcParameters::NamedCurve(curve)),
        public_key: Some(public_point),
    }
    .to_pem(LF)
    .map_err(|e| e.to_string())
}

/// The signing key of a CA, of the kind Create CA's `keyType` asks for, with its public key.
///
/// It is the signer x509-cert's builders take for every CA certificate, end certificate and
/// CSR the sandbox makes, and it signs CRLs: each signature is SHA-256 with the key's scheme.
#[derive(Clone)]
pub(crate) struct CaSigner {
    key: CaKey,
    public_key: SubjectPublicKeyInfoOwned,
}

#[derive(Clone)]
enum CaKey {
    /// sha256WithRSAEncryption (PKCS#1 v1.5).
    Rsa(Box<SigningKey<Sha256>>),
    /// ecdsa-with-SHA256.
    P256(p256::ecdsa::SigningKey),
    /// ecdsa-with-SHA256, as OpenSSL signs with a P-521 CA key by default (the curve's own
    /// digest would be SHA-512).
    P521(p521::ecdsa::SigningKey),
}

/// Bytes of a P-521 scalar; a shorter digest is signed as the same number, left-padded.
const P521_FIELD_BYTES: usize = 66;

impl CaSigner {
    /// Generates a CA key; RSA-4096 takes a moment, so call this off the async executor.
    pub(crate) fn generate(spec: KeySpec) -> Result<Self, SandboxError> {
        let (key, public_key) = match spec {
            KeySpec::Rsa(bits) => {
                let key = RsaPrivateKey::new(&mut OsRng, bits)
                    .map_err(|e| SandboxError::new(ErrorKind::KeyGeneration, e))?;
                let public_key = SubjectPublicKeyInfoOwned::from_key(key.to_public_key());
                (CaKey::Rsa(Box::new(SigningKey::new(key))), public_key)
            }
            KeySpec::P256 => {
                let key = p256::ecdsa::SigningKey::random(&mut OsRng);
                let public_key = SubjectPublicKeyInfoOwned::from_key(*key.verifying_key());
                (CaKey::P256(key), public_key)
            }
            KeySpec::P521 => {
                let secret = p521::SecretKey::random(&mut OsRng);
                let public_key = SubjectPublicKeyInfoOwned::from_key(secret.public_key());
                let key = p521::ecdsa::SigningKey::from_bytes(&secret.to_bytes())
                    .map_err(|e| SandboxError::new(ErrorKind::KeyGeneration, e))?;
                (CaKey::P521(key), public_key)
            }
        };
        Ok(Self {
            key,
            public_key: public_key.map_err(|e| SandboxError::new(ErrorKind::Certificate, e))?,
        })
    }

    /// The public key as SubjectPublicKeyInfo.
    pub(crate) fn spki(&self) -> &SubjectPublicKeyInfoOwned {
        &self.public_key
    }
}

/// A CA's public key, as x509-cert's builders read it from the signer ([`Keypair`]).
#[derive(Clone)]
pub(crate) struct CaPublicKey(SubjectPublicKeyInfoOwned);

impl EncodePublicKey for CaPublicKey {
    fn to_public_key_der(&self) -> spki::Result<der::Document> {
        Ok(der::Document::try_from(self.0.to_der()?)?)
    }
}

impl Keypair for CaSigner {
    type VerifyingKey = CaPublicKey;

    fn verifying_key(&self) -> CaPublicKey {
        CaPublicKey(self.public_key.clone())
    }
}

impl DynSignatureAlgorithmIdentifier for CaSigner {
    fn signature_algorithm_identifier(&self) -> spki::Result<AlgorithmIdentifierOwned> {
        match &self.key {
            CaKey::Rsa(key) => key.signature_algorithm_identifier(),
            // RFC 5758 §3.2: the parameters field is absent for ECDSA.
            CaKey::P256(_) | CaKey::P521(_) => Ok(AlgorithmIdentifierOwned {
                oid: rfc5912::ECDSA_WITH_SHA_256,
                parameters: None,
            }),
        }
    }
}

/// A CA's signature as it goes into a certificate, CSR or CRL: PKCS#1 v1.5 bytes, or the DER
/// `Ecdsa-Sig-Value` of an ECDSA signature.
pub(crate) struct CaSignature(Vec<u8>);

impl SignatureBitStringEncoding for CaSignature {
    fn to_bitstring(&self) -> der::Result<BitString> {
        BitString::from_bytes(&self.0)
    }
}

impl Signer<CaSignature> for CaSigner {
    fn try_sign(&self, message: &[u8]) -> Result<CaSignature, rsa::signature::Error> {
        Ok(CaSignature(match &self.key {
            CaKey::Rsa(key) => key.try_sign(message)?.to_vec(),
            CaKey::P256(key) => {
                let signature: p256::ecdsa::DerSignature = key.try_sign(message)?;
                signature.to_vec()
            }
            CaKey::P521(key) => {
                // p521's own Signer hashes with SHA-512; sign the SHA-256 digest instead.
                let digest = Sha256::digest(message);
                // Left-padded with zeros to the field size, as the prehash must be.
                let mut prehash = [0u8; P521_FIELD_BYTES];
                for (to, from) in prehash.iter_mut().rev().zip(digest.iter().rev()) {
                    *to = *from;
                }
                key.sign_prehash_with_rng(&mut OsRng, &prehash)?
                    .to_der()
                    .to_vec()
            }
        }))
    }
}

/// Subject attributes of an end certificate, in the order they appear in the DN.
#[derive(Clone, Debug, Default)]
pub(crate) struct SubjectFields {
    pub(crate) country: Option<String>,
    pub(crate) state_province: Option<String>,
    pub(crate) locality: Option<String>,
    pub(crate) street_address: Option<String>,
    pub(crate) organization: Option<String>,
    pub(crate) organization_unit: Option<String>,
    pub(crate) common_name: String,
}

impl SubjectFields {
    /// Builds the distinguished name (C as PrintableString, the rest as UTF8String).
    pub(crate) fn to_name(&self) -> Result<Name, SandboxError> {
        let mut rdns = Vec::new();
        let optional = [
            (rfc4519::C, &self.country),
            (rfc4519::ST, &self.state_province),
            (rfc4519::L, &self.locality),
            (rfc4519::STREET, &self.street_address),
            (rfc4519::O, &self.organization),
            (rfc4519::OU, &self.organization_unit),
        ];
        for (oid, value) in optional {
            if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
                rdns.push(rdn(oid, value)?);
            }
        }
        rdns.push(rdn(rfc4519::CN, &self.common_name)?);
        Ok(RdnSequence(rdns))
    }
}

fn rdn(oid: ObjectIdentifier, value: &str) -> Result<RelativeDistinguishedName, SandboxError> {
    let bad = |e: der::Error| {
        SandboxError::new(
            ErrorKind::Certificate,
            format!("subject attribute {oid}: {e}"),
        )
    };
    let value = if oid == rfc4519::C {
        Any::encode_from(&PrintableStringRef::new(value).map_err(bad)?).map_err(bad)?
    } else {
        Any::encode_from(&Utf8StringRef::new(value).map_err(bad)?).map_err(bad)?
    };
    RelativeDistinguishedName::try_from(vec![AttributeTypeAndValue { oid, value }]).map_err(bad)
}

/// The value of the first attribute `oid` in a name, when it is a string.
pub(crate) fn name_attribute(name: &Name, oid: ObjectIdentifier) -> Option<String> {
    name.0.iter().flat_map(|rdn| rdn.0.iter()).find_map(|atv| {
        if atv.oid != oid {
            return None;
        }
        match atv.value.tag() {
            Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::TeletexString => {
                std::str::from_utf8(atv.value.value())
                    .ok()
                    .map(String::from)
            }
            _ => None,
        }
    })
}

/// Subject alternative names of an end certificate.
#[derive(Clone, Debug, Default)]
pub(crate) struct AltNames {
    /// DNS names.
    pub(crate) dns: Vec<String>,
    /// E-mail addresses.
    pub(crate) email: Vec<String>,
    /// IP addresses.
    pub(crate) ip: Vec<IpAddr>,
}

impl AltNames {
    /// Splits NCP's comma-separated `altName` (DNS or e-mail) and `ip` fields. Entries are
    /// expected to be validated already; an IP that does not parse is reported.
    pub(crate) fn from_fields(alt_name: Option<&str>, ip: Option<&str>) -> Result<Self, String> {
        let mut names = AltNames::default();
        for entry in split_list(alt_name.unwrap_or_default()) {
            if entry.contains('@') {
                names.email.push(entry.to_string());
            } else {
                names.dns.push(entry.to_string());
            }
        }
        for entry in split_list(ip.unwrap_or_default()) {
            let addr =
                IpAddr::from_str(entry).map_err(|_| format!("'{entry}' is not an IP address"))?;
            names.ip.push(addr);
        }
        Ok(names)
    }

    pub(crate) fn general_names(&self) -> Result<Vec<GeneralName>, SandboxError> {
        let ia5 = |s: &str| {
            Ia5String::new(s)
                .map_err(|e| SandboxError::new(ErrorKind::Certificate, format!("SAN '{s}': {e}")))
        };
        let mut out = Vec::new();
        for dns in &self.dns {
            out.push(GeneralName::DnsName(ia5(dns)?));
        }
        for email in &self.email {
            out.push(GeneralName::Rfc822Name(ia5(email)?));
        }
        for ip in &self.ip {
            out.push(GeneralName::from(*ip));
        }
        Ok(out)
    }
}

/// A positive 20-byte serial number (first byte 0x01..=0x7f, so DER needs no padding byte).
pub(crate) fn random_serial() -> Result<(SerialNumber, String), SandboxError> {
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    if let Some(first) = bytes.first_mut() {
        *first = (*first & 0x7f).max(1);
    }
    let serial =
        SerialNumber::new(&bytes).map_err(|e| SandboxError::new(ErrorKind::Certificate, e))?;
    Ok((serial, certkit_x509::serial_hex(&bytes)))
}

/// Lower-case hex of random bytes (Certificate Manager's `requestSn`).
pub(crate) fn random_hex(len_bytes: usize) -> String {
    let mut bytes = vec![0u8; len_bytes];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Random decimal digits (CA tags).
pub(crate) fn random_digits(count: usize) -> String {
    (0..count)
        .map(|_| char::from(b'0' + (OsRng.next_u32() % 10) as u8))
        .collect()
}

fn time(at: SystemTime) -> Result<Time, SandboxError> {
    Time::try_from(at).map_err(|e| SandboxError::new(ErrorKind::Certificate, e))
}

/// Validity from `now` for `days`, never past `cap`.
pub(crate) fn validity(
    now: SystemTime,
    days: u64,
    cap: Option<SystemTime>,
) -> Result<Validity, SandboxError> {
    let wanted = now.checked_add(Duration::from_secs(days.saturating_mul(86_400)));
    let not_after = match (wanted, cap) {
        (Some(wanted), Some(cap)) => wanted.min(cap),
        (Some(wanted), None) => wanted,
        (None, Some(cap)) => cap,
        (None, None) => {
            return Err(SandboxError::new(
                ErrorKind::Certificate,
                "validity period is too long",
            ))
        }
    };
    Ok(Validity {
        not_before: time(now)?,
        not_after: time(not_after)?,
    })
}

/// Builds a self-signed root CA certificate for `signer`'s own key (no pathLen limit).
pub(crate) fn build_root_certificate(
    subject: Name,
    validity: Validity,
    signer: &CaSigner,
) -> Result<Certificate, SandboxError> {
    let builder = CertificateBuilder::new(
        Profile::Root,
        random_serial()?.0,
        validity,
        subject,
        signer.spki().clone(),
        signer,
    )
    .map_err(cert_error)?;
    builder.build::<CaSignature>().map_err(cert_error)
}

/// What a sub CA certificate needs besides its path length.
pub(crate) struct SubCaSpec<'a> {
    pub(crate) subject: Name,
    pub(crate) public_key: SubjectPublicKeyInfoOwned,
    /// The issuing CA's subject.
    pub(crate) issuer: Name,
    pub(crate) validity: Validity,
    /// The issuing CA's key.
    pub(crate) signer: &'a CaSigner,
    /// Subject alternative names copied from a CSR (none: no extension).
    pub(crate) alt_names: Vec<GeneralName>,
}

/// Builds a sub CA certificate with pathLen `path_len` (`None`: unlimited).
pub(crate) fn build_sub_ca_certificate(
    spec: SubCaSpec<'_>,
    path_len: Option<u8>,
) -> Result<Certificate, SandboxError> {
    let profile = Profile::SubCA {
        issuer: spec.issuer,
        path_len_constraint: path_len,
    };
    let mut builder = CertificateBuilder::new(
        profile,
        random_serial()?.0,
        spec.validity,
        spec.subject,
        spec.public_key,
        spec.signer,
    )
    .map_err(cert_error)?;
    add_alt_names(&mut builder, spec.alt_names)?;
    builder.build::<CaSignature>().map_err(cert_error)
}

/// A subjectAltName extension with `names`; none at all when there are no names (an empty
/// one is invalid, RFC 5280 4.2.1.6).
fn add_alt_names(
    builder: &mut CertificateBuilder<'_, CaSigner>,
    names: Vec<GeneralName>,
) -> Result<(), SandboxError> {
    if names.is_empty() {
        return Ok(());
    }
    builder
        .add_extension(&SubjectAltName(names))
        .map_err(cert_error)
}

/// Signs a CSR as a sub CA with pathLen 0, as NCP's Sign Sub Csr and an outside root both do:
/// the CSR's subject and key, `alt_names` (from the CSR, or none), valid `days` from `now` but
/// never past the issuer's notAfter.
pub(crate) fn sign_sub_ca_csr(
    csr: &CertReq,
    alt_names: Vec<GeneralName>,
    issuer: &Certificate,
    signer: &CaSigner,
    now: SystemTime,
    days: u64,
) -> Result<Certificate, SandboxError> {
    let issuer = &issuer.tbs_certificate;
    let cap = issuer.validity.not_after.to_system_time();
    build_sub_ca_certificate(
        SubCaSpec {
            subject: csr.info.subject.clone(),
            public_key: csr.info.public_key.clone(),
            issuer: issuer.subject.clone(),
            validity: validity(now, days, Some(cap))?,
            signer,
            alt_names,
        },
        Some(0),
    )
}

fn cert_error(e: x509_cert::builder::Error) -> SandboxError {
    SandboxError::new(ErrorKind::Certificate, e)
}

/// What an end certificate needs.
pub(crate) struct LeafSpec<'a> {
    pub(crate) subject: Name,
    /// Subject alternative names (none: no extension).
    pub(crate) alt_names: Vec<GeneralName>,
    pub(crate) public_key: SubjectPublicKeyInfoOwned,
    pub(crate) serial: SerialNumber,
    pub(crate) validity: Validity,
    /// The issuing CA's subject.
    pub(crate) issuer: Name,
    /// The issuing CA's tag, for the CRL and OCSP URLs (`None`: no such extensions).
    pub(crate) ca_tag: Option<&'a str>,
    pub(crate) signer: &'a CaSigner,
}

/// Builds and signs an end certificate with the extensions NCP's certificates carry.
pub(crate) fn build_leaf_certificate(spec: LeafSpec<'_>) -> Result<Certificate, SandboxError> {
    let profile = Profile::Leaf {
        issuer: spec.issuer,
        enable_key_agreement: false,
        enable_key_encipherment: spec.public_key.algorithm.oid == rfc5912::RSA_ENCRYPTION,
        // This field exists only with x509-cert's `hazmat` feature, which certkit-x509
        // enables; this crate enables it too so that it builds with and without that crate.
        include_subject_key_identifier: true,
    };
    let mut builder = CertificateBuilder::new(
        profile,
        spec.serial,
        spec.validity,
        spec.subject,
        spec.public_key,
        spec.signer,
    )
    .map_err(cert_error)?;
    builder
        .add_extension(&ExtendedKeyUsage(vec![
            rfc5280::ID_KP_SERVER_AUTH,
            rfc5280::ID_KP_CLIENT_AUTH,
        ]))
        .map_err(cert_error)?;
    add_alt_names(&mut builder, spec.alt_names)?;
    if let Some(ca_tag) = spec.ca_tag {
        add_ca_urls(&mut builder, ca_tag)?;
    }
    builder.build::<CaSignature>().map_err(cert_error)
}

/// The CRL distribution point and the OCSP / CA issuer URLs of a Private CA certificate.
fn add_ca_urls(
    builder: &mut CertificateBuilder<'_, CaSigner>,
    ca_tag: &str,
) -> Result<(), SandboxError> {
    let uri = |s: String| {
        Ia5String::new(&s)
            .map(GeneralName::UniformResourceIdentifier)
            .map_err(|e| SandboxError::new(ErrorKind::Certificate, e))
    };
    let base = format!("{EXT_URL_BASE}/{}", ca_tag);
    builder
        .add_extension(&CrlDistributionPoints(vec![DistributionPoint {
            distribution_point: Some(DistributionPointName::FullName(vec![uri(format!(
                "{base}/crl"
            ))?])),
            reasons: None,
            crl_issuer: None,
        }]))
        .map_err(cert_error)?;
    builder
        .add_extension(&AuthorityInfoAccessSyntax(vec![
            AccessDescription {
                access_method: rfc5280::ID_AD_OCSP,
                access_location: uri(format!("{base}/ocsp"))?,
            },
            AccessDescription {
                access_method: rfc5280::ID_AD_CA_ISSUERS,
                access_location: uri(format!("{base}/ca"))?,
            },
        ]))
        .map_err(cert_error)?;
    Ok(())
}

/// Builds the PKCS#10 request a PENDING CA hands out.
pub(crate) fn build_csr(subject: Name, signer: &CaSigner) -> Result<CertReq, SandboxError> {
    let builder = RequestBuilder::new(subject, signer).map_err(cert_error)?;
    builder.build::<CaSignature>().map_err(cert_error)
}

/// PEM of a certificate.
pub(crate) fn cert_pem(cert: &Certificate) -> Result<String, SandboxError> {
    cert.to_pem(LF)
        .map_err(|e| SandboxError::new(ErrorKind::Certificate, e))
}

/// PEM of a CSR.
pub(crate) fn csr_pem(csr: &CertReq) -> Result<String, SandboxError> {
    csr.to_pem(LF)
        .map_err(|e| SandboxError::new(ErrorKind::Certificate, e))
}

/// Concatenated PEMs, one string (NCP's `caChain`).
pub(crate) fn pem_chain(certs: &[Certificate]) -> Result<String, SandboxError> {
    let mut out = String::new();
    for cert in certs {
        out.push_str(&cert_pem(cert)?);
    }
    Ok(out)
}

/// The DER of every `CERTIFICATE` block in pasted PEM text, repaired and split by
/// certkit-x509 (literal `\\n` escapes, JSON quoting, PEMs squeezed onto one line, CRLF).
pub(crate) fn certificate_ders(text: &str) -> Result<Vec<Vec<u8>>, String> {
    let bundle = certkit_x509::parse_bundle(text).map_err(|e| e.to_string())?;
    let ders: Vec<Vec<u8>> = bundle
        .certificates()
        .into_iter()
        .map(<[u8]>::to_vec)
        .collect();
    if ders.is_empty() {
        return Err("no -----BEGIN CERTIFICATE----- block found".to_string());
    }
    Ok(ders)
}

/// Parses a PEM `CERTIFICATE REQUEST` (repaired by certkit-x509) and checks its
/// self-signature.
pub(crate) fn parse_csr(text: &str) -> Result<CertReq, String> {
    let bundle = certkit_x509::parse_bundle(text)
        .map_err(|e| format!("csrPem is not a PEM CERTIFICATE REQUEST: {e}"))?;
    let der = bundle
        .blocks
        .iter()
        .find(|block| block.label == certkit_x509::Label::CertificateRequest)
        .map(|block| block.der.as_slice())
        .ok_or("csrPem holds no -----BEGIN CERTIFICATE REQUEST----- block")?;
    let info = certkit_x509::request::inspect(der)
        .map_err(|e| format!("csrPem is not a PEM CERTIFICATE REQUEST: {e}"))?;
    match info.signature {
        certkit_x509::SignatureStatus::Valid => {}
        certkit_x509::SignatureStatus::Unsupported => {
            return Err(format!(
                "csrPem is signed with {}, which the sandbox does not verify",
                info.signature_algorithm
            ))
        }
        _ => return Err("csrPem is not signed by its own key".to_string()),
    }
    CertReq::from_der(der).map_err(|e| format!("csrPem is not a PEM CERTIFICATE REQUEST: {e}"))
}

/// Orders and verifies `cert` (a sub CA certificate) and the certificates pasted as its chain
/// with certkit-x509 at `now` (Unix seconds), and returns the DER of the path above `cert`,
/// its issuer first. Certificates not on that path (other leaves, unrelated CAs, a copy of
/// `cert`, anything above a missing link) are dropped.
///
/// The path must start with `cert`'s issuer; every signature on it must verify, every
/// certificate on it must be valid at `now`, and every issuer must be a CA. The error names
/// the link that fails.
pub(crate) fn issuer_path(
    cert: &[u8],
    chain: &[Vec<u8>],
    now: i64,
) -> Result<Vec<Vec<u8>>, String> {
    // (input number in the pasted chain, from 1; DER)
    let mut pool: Vec<(usize, &[u8])> = chain
        .iter()
        .enumerate()
        .filter(|(_, der)| der.as_slice() != cert)
        .map(|(i, der)| (i + 1, der.as_slice()))
        .collect();
    // certkit-x509 takes as the leaf a certificate that issues no other one, preferring an
    // end-entity certificate; an unrelated leaf in the paste would win over `cert`, so such
    // certificates are set aside until `cert` comes first.
    let report = loop {
        let input: Vec<&[u8]> = std::iter::once(cert)
            .chain(pool.iter().map(|(_, der)| *der))
            .collect();
        let report = certkit_x509::chain::verify(&input, now).map_err(|e| e.to_string())?;
        match report.links.first().map(|link| link.position) {
            Some(0) => break report,
            Some(position) if position > 0 && position <= pool.len() => {
                pool.remove(position - 1);
            }
            _ => return Err("the chain could not be ordered from certPem".to_string()),
        }
    };
    let name = |position: usize| match position.checked_sub(1).and_then(|i| pool.get(i)) {
        Some((number, _)) => format!("its certificate {number}"),
        None => "certPem".to_string(),
    };
    // The path ends at the first missing link (or at the root).
    let end = report
        .missing
        .iter()
        .map(|gap| gap.after)
        .min()
        .unwrap_or(report.links.len().saturating_sub(1));
    let path = report.links.get(..=end).unwrap_or(&[]);
    if path.len() < 2 {
        let issuer = report
            .links
            .first()
            .map(|l| l.issuer.as_str())
            .unwrap_or("");
        return Err(format!(
            "no certificate in it issued certPem: paste the certificate of {issuer} (certPem's issuer) and the CAs above it"
        ));
    };
    let mut lower = "certPem".to_string();
    for (k, link) in path.iter().enumerate() {
        let who = name(link.position);
        if k > 0 {
            if !link.is_ca {
                return Err(format!(
                    "{who} ({}) signed {lower} but is not a CA (its basicConstraints does not say CA:true)",
                    link.subject
                ));
            }
            lower = who.clone();
        }
        if !link.valid_at_now {
            return Err(format!(
                "{who} ({}) is not valid now: it is valid from {} to {}",
                link.subject, link.not_before, link.not_after
            ));
        }
        let checked = k + 1 < path.len() || link.self_signed;
        match link.signature {
            certkit_x509::SignatureStatus::Valid => {}
            certkit_x509::SignatureStatus::IssuerMissing if !checked => {}
            certkit_x509::SignatureStatus::Unsupported => {
                return Err(format!(
                    "the signature on {who} ({}) uses {}, which the sandbox does not verify",
                    link.subject, link.signature_algorithm
                ))
            }
            _ => {
                let signer = if k + 1 < path.len() {
                    path.get(k + 1)
                        .map(|s| name(s.position))
                        .unwrap_or_default()
                } else {
                    "its own key".to_string()
                };
                return Err(format!(
                    "the signature on {who} ({}) does not verify with {signer}",
                    link.subject
                ));
            }
        }
    }
    let issuers = path
        .iter()
        .skip(1)
        .filter_map(|link| {
            link.position
                .checked_sub(1)
                .and_then(|i| pool.get(i))
                .map(|(_, der)| der.to_vec())
        })
        .collect::<Vec<_>>();
    if issuers.len() + 1 != path.len() {
        return Err("the chain could not be ordered from certPem".to_string());
    }
    Ok(issuers)
}

/// The subject alternative names a CSR asks for in its extensionRequest attribute (PKCS#9),
/// so that a signed certificate keeps them.
pub(crate) fn csr_alt_names(csr: &CertReq) -> Result<Vec<GeneralName>, String> {
    let mut names = Vec::new();
    for attribute in csr.info.attributes.iter() {
        if attribute.oid != rfc5912::ID_EXTENSION_REQ {
            continue;
        }
        for value in attribute.values.iter() {
            let request = value
                .decode_as::<ExtensionReq>()
                .map_err(|e| format!("csrPem: unreadable extensionRequest: {e}"))?;
            for extension in request.0 {
                if extension.extn_id == rfc5280::ID_CE_SUBJECT_ALT_NAME {
                    let san = SubjectAltName::from_der(extension.extn_value.as_bytes())
                        .map_err(|e| format!("csrPem: unreadable subjectAltName: {e}"))?;
                    names.extend(san.0);
                }
            }
        }
    }
    Ok(names)
}

/// A revoked certificate as a CRL lists it.
pub(crate) struct Revoked {
    pub(crate) serial: SerialNumber,
    pub(crate) at: SystemTime,
}

/// How long a CRL is valid (its nextUpdate), in days.
const CRL_DAYS: u64 = 7;

/// A v2 CRL issued by `issuer` (the CA's subject) and signed with its key, as PEM with
/// OpenSSL's `X509 CRL` armour (ncp-operations.md P10).
pub(crate) fn build_crl(
    issuer: Name,
    signer: &CaSigner,
    revoked: &[Revoked],
    now: SystemTime,
) -> Result<String, SandboxError> {
    let bad = |e: &dyn std::fmt::Display| SandboxError::new(ErrorKind::Certificate, e);
    let revoked_certificates = revoked
        .iter()
        .map(|r| {
            Ok(RevokedCert {
                serial_number: r.serial.clone(),
                revocation_date: time(r.at)?,
                crl_entry_extensions: None,
            })
        })
        .collect::<Result<Vec<_>, SandboxError>>()?;
    let next = now
        .checked_add(Duration::from_secs(CRL_DAYS * 86_400))
        .ok_or_else(|| bad(&"nextUpdate overflows"))?;
    let tbs = TbsCertList {
        version: x509_cert::Version::V2,
        signature: signer
            .signature_algorithm_identifier()
            .map_err(|e| bad(&e))?,
        issuer,
        this_update: time(now)?,
        next_update: Some(time(next)?),
        revoked_certificates: (!revoked_certificates.is_empty()).then_some(revoked_certificates),
        crl_extensions: None,
    };
    let tbs_der = tbs.to_der().map_err(|e| bad(&e))?;
    let signature: CaSignature = signer.try_sign(&tbs_der).map_err(|e| bad(&e))?;
    let crl = CertificateList {
        signature_algorithm: tbs.signature.clone(),
        tbs_cert_list: tbs,
        signature: signature.to_bitstring().map_err(|e| bad(&e))?,
    };
    let der = crl.to_der().map_err(|e| bad(&e))?;
    der::pem::encode_string("X509 CRL", LF, &der).map_err(|e| bad(&e))
}

/// PEM text with CRLF line breaks (Certificate Manager's chain answer, C6).
pub(crate) fn crlf(pem: &str) -> String {
    pem.replace("\r\n", "\n").replace('\n', "\r\n")
}

/// Java-style name of a signature algorithm, as NCP's `signatureAlgorithm` shows it.
pub(crate) fn signature_algorithm_name(oid: &ObjectIdentifier) -> String {
    match *oid {
        o if o == rfc5912::SHA_256_WITH_RSA_ENCRYPTION => "SHA256withRSA".into(),
        o if o == rfc5912::SHA_384_WITH_RSA_ENCRYPTION => "SHA384withRSA".into(),
        o if o == rfc5912::SHA_512_WITH_RSA_ENCRYPTION => "SHA512withRSA".into(),
        o if o == rfc5912::ECDSA_WITH_SHA_256 => "SHA256withECDSA".into(),
        o if o == rfc5912::ECDSA_WITH_SHA_384 => "SHA384withECDSA".into(),
        o if o == rfc5912::ECDSA_WITH_SHA_512 => "SHA512withECDSA".into(),
        other => other.to_string(),
    }
}

/// `RSA` / `EC` for NCP's `publicKeyAlgorithm`.
pub(crate) fn public_key_algorithm_name(spki: &SubjectPublicKeyInfoOwned) -> String {
    match spki.algorithm.oid {
        o if o == rfc5912::RSA_ENCRYPTION => "RSA".into(),
        o if o == rfc5912::ID_EC_PUBLIC_KEY => "EC".into(),
        other => other.to_string(),
    }
}

/// Epoch milliseconds of a certificate time.
pub(crate) fn epoch_ms(time: &Time) -> u64 {
    let millis = time.to_unix_duration().as_millis();
    u64::try_from(millis).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alt_names_split_dns_email_and_ip() {
        let names = AltNames::from_fields(
            Some("a.example.com, ops@example.com,,"),
            Some("10.0.0.1, ::1"),
        )
        .expect("valid");
        assert_eq!(names.dns, ["a.example.com"]);
        assert_eq!(names.email, ["ops@example.com"]);
        assert_eq!(names.ip.len(), 2);
        assert!(AltNames::from_fields(None, Some("10.0.0.300")).is_err());
    }

    #[test]
    fn serials_are_twenty_positive_bytes() {
        for _ in 0..32 {
            let (serial, text) = random_serial().expect("serial");
            assert_eq!(serial.as_bytes().len(), 20);
            assert!(serial.as_bytes()[0] >= 1 && serial.as_bytes()[0] < 0x80);
            assert_eq!(text.split(':').count(), 20);
            assert_eq!(text, certkit_x509::serial_hex(serial.as_bytes()));
        }
    }
}
