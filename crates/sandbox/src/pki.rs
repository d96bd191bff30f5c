//! The certificate engine: key generation, names, certificates, CSRs and signature checks.
//!
//! Everything here is synchronous and free of HTTP; the service modules call it. CA keys are
//! RSA (`SHA256withRSA` signatures, like NCP's example); end-entity keys are whatever the
//! request asks for.

use std::net::IpAddr;
use std::str::FromStr;
use std::time::{Duration, SystemTime};

use const_oid::db::{rfc4519, rfc5280, rfc5912};
use der::asn1::{Ia5String, PrintableStringRef, Utf8StringRef};
use der::{Any, Decode, DecodePem, Encode, EncodePem, Tag, Tagged};
use p256::elliptic_curve::sec1::ToEncodedPoint;
use rand_core::{OsRng, RngCore};
use rsa::pkcs1::EncodeRsaPrivateKey;
use rsa::pkcs1v15::SigningKey;
use rsa::pkcs8::DecodePublicKey;
use rsa::RsaPrivateKey;
use sha2::Sha256;
use spki::{ObjectIdentifier, SubjectPublicKeyInfoOwned};
use x509_cert::attr::AttributeTypeAndValue;
use x509_cert::builder::{Builder, CertificateBuilder, Profile, RequestBuilder};
use x509_cert::ext::pkix::crl::dp::DistributionPoint;
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::{
    AccessDescription, AuthorityInfoAccessSyntax, BasicConstraints, CrlDistributionPoints,
    ExtendedKeyUsage, SubjectAltName,
};
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::request::CertReq;
use x509_cert::serial_number::SerialNumber;
use x509_cert::time::{Time, Validity};
use x509_cert::Certificate;

use crate::error::{ErrorKind, SandboxError};

/// Signing key of every CA the sandbox holds.
pub(crate) type CaSigner = SigningKey<Sha256>;

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

    /// Whether keyUsage keyEncipherment makes sense for this key (RSA only).
    fn can_encipher(&self) -> bool {
        matches!(self, LeafKey::Rsa(_))
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

/// Generates a CA signing key (RSA, SHA-256 PKCS#1 v1.5 signatures).
pub(crate) fn generate_ca_signer(bits: usize) -> Result<CaSigner, SandboxError> {
    let key = RsaPrivateKey::new(&mut OsRng, bits)
        .map_err(|e| SandboxError::new(ErrorKind::KeyGeneration, e))?;
    Ok(SigningKey::<Sha256>::new(key))
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
        for entry in split_list(alt_name) {
            if entry.contains('@') {
                names.email.push(entry.to_string());
            } else {
                names.dns.push(entry.to_string());
            }
        }
        for entry in split_list(ip) {
            let addr =
                IpAddr::from_str(entry).map_err(|_| format!("'{entry}' is not an IP address"))?;
            names.ip.push(addr);
        }
        Ok(names)
    }

    fn is_empty(&self) -> bool {
        self.dns.is_empty() && self.email.is_empty() && self.ip.is_empty()
    }

    fn general_names(&self) -> Result<Vec<GeneralName>, SandboxError> {
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

/// Comma-separated list entries, trimmed, empty ones dropped.
pub(crate) fn split_list(value: Option<&str>) -> impl Iterator<Item = &str> {
    value
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
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
    Ok((serial, colon_hex(&bytes)))
}

/// `AB:01:...` upper-case colon-separated hex, NCP's serial number format.
pub(crate) fn colon_hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// Serial number of a certificate, as NCP prints it (leading DER sign byte dropped).
pub(crate) fn serial_colon_hex(cert: &Certificate) -> String {
    let bytes = cert.tbs_certificate.serial_number.as_bytes();
    let trimmed = match bytes {
        [0, rest @ ..] if !rest.is_empty() => rest,
        _ => bytes,
    };
    colon_hex(trimmed)
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

/// What a CA certificate needs besides the key.
pub(crate) struct CaCertSpec<'a> {
    pub(crate) subject: Name,
    pub(crate) public_key: SubjectPublicKeyInfoOwned,
    /// `None` for a self-signed root.
    pub(crate) issuer: Option<Name>,
    pub(crate) validity: Validity,
    pub(crate) signer: &'a CaSigner,
}

/// Builds a CA certificate (root when `issuer` is `None`, otherwise a sub CA with pathLen 0
/// under a root, or unlimited when `path_len` is `None`).
pub(crate) fn build_ca_certificate(
    spec: CaCertSpec<'_>,
    path_len: Option<u8>,
) -> Result<Certificate, SandboxError> {
    let (serial, _) = random_serial()?;
    let profile = match spec.issuer {
        None => Profile::Root,
        Some(issuer) => Profile::SubCA {
            issuer,
            path_len_constraint: path_len,
        },
    };
    let builder = CertificateBuilder::new(
        profile,
        serial,
        spec.validity,
        spec.subject,
        spec.public_key,
        spec.signer,
    )
    .map_err(cert_error)?;
    builder
        .build::<rsa::pkcs1v15::Signature>()
        .map_err(cert_error)
}

fn cert_error(e: x509_cert::builder::Error) -> SandboxError {
    SandboxError::new(ErrorKind::Certificate, e)
}

/// The public key of a CA signer as SubjectPublicKeyInfo.
pub(crate) fn signer_spki(signer: &CaSigner) -> Result<SubjectPublicKeyInfoOwned, SandboxError> {
    let key: &RsaPrivateKey = signer.as_ref();
    SubjectPublicKeyInfoOwned::from_key(key.to_public_key())
        .map_err(|e| SandboxError::new(ErrorKind::Certificate, e))
}

/// What an end certificate needs.
pub(crate) struct LeafSpec<'a> {
    pub(crate) subject: Name,
    pub(crate) alt_names: AltNames,
    pub(crate) key: &'a LeafKey,
    pub(crate) serial: SerialNumber,
    pub(crate) validity: Validity,
    /// The issuing CA's subject.
    pub(crate) issuer: Name,
    /// The issuing CA's tag, for the CRL and OCSP URLs.
    pub(crate) ca_tag: &'a str,
    pub(crate) signer: &'a CaSigner,
}

/// Builds and signs an end certificate with the extensions NCP's certificates carry.
pub(crate) fn build_leaf_certificate(spec: LeafSpec<'_>) -> Result<Certificate, SandboxError> {
    let profile = Profile::Leaf {
        issuer: spec.issuer,
        enable_key_agreement: false,
        enable_key_encipherment: spec.key.can_encipher(),
        // This field exists only with x509-cert's `hazmat` feature, which certkit-x509
        // enables; this crate enables it too so that it builds with and without that crate.
        include_subject_key_identifier: true,
    };
    let mut builder = CertificateBuilder::new(
        profile,
        spec.serial,
        spec.validity,
        spec.subject,
        spec.key.spki()?,
        spec.signer,
    )
    .map_err(cert_error)?;
    builder
        .add_extension(&ExtendedKeyUsage(vec![
            rfc5280::ID_KP_SERVER_AUTH,
            rfc5280::ID_KP_CLIENT_AUTH,
        ]))
        .map_err(cert_error)?;
    if !spec.alt_names.is_empty() {
        builder
            .add_extension(&SubjectAltName(spec.alt_names.general_names()?))
            .map_err(cert_error)?;
    }
    let uri = |s: String| {
        Ia5String::new(&s)
            .map(GeneralName::UniformResourceIdentifier)
            .map_err(|e| SandboxError::new(ErrorKind::Certificate, e))
    };
    let base = format!("{EXT_URL_BASE}/{}", spec.ca_tag);
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
    builder
        .build::<rsa::pkcs1v15::Signature>()
        .map_err(cert_error)
}

/// Builds the PKCS#10 request a PENDING CA hands out.
pub(crate) fn build_csr(subject: Name, signer: &CaSigner) -> Result<CertReq, SandboxError> {
    let builder = RequestBuilder::new(subject, signer).map_err(cert_error)?;
    builder
        .build::<rsa::pkcs1v15::Signature>()
        .map_err(cert_error)
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

/// Repairs pasted PEM text: literal `\n` / `\r\n` escapes become line breaks, and the base64
/// body of every block is re-wrapped, so a PEM squeezed onto one line parses too.
pub(crate) fn normalise_pem(text: &str) -> String {
    let text = text
        .replace("\\r\\n", "\n")
        .replace("\\n", "\n")
        .replace("\r\n", "\n");
    let mut out = String::new();
    let mut rest = text.as_str();
    while let Some((_, after_begin)) = rest.split_once("-----BEGIN ") {
        let Some((label, after_label)) = after_begin.split_once("-----") else {
            break;
        };
        let end_marker = format!("-----END {label}-----");
        let Some((body, after_end)) = after_label.split_once(end_marker.as_str()) else {
            break;
        };
        let body: String = body.chars().filter(|c| !c.is_whitespace()).collect();
        out.push_str(&format!("-----BEGIN {label}-----\n"));
        for line in body.as_bytes().chunks(64) {
            out.push_str(&String::from_utf8_lossy(line));
            out.push('\n');
        }
        out.push_str(&end_marker);
        out.push('\n');
        rest = after_end;
    }
    out
}

/// All `CERTIFICATE` blocks in (normalised) PEM text.
pub(crate) fn parse_certificates(text: &str) -> Result<Vec<Certificate>, String> {
    const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
    const END: &str = "-----END CERTIFICATE-----";
    let normalised = normalise_pem(text);
    let mut certs = Vec::new();
    let mut rest = normalised.as_str();
    while let Some((_, after_begin)) = rest.split_once(BEGIN) {
        let Some((body, after_end)) = after_begin.split_once(END) else {
            break;
        };
        let block = format!("{BEGIN}{body}{END}\n");
        let cert = Certificate::from_pem(block.as_bytes())
            .map_err(|e| format!("certificate {} does not parse: {e}", certs.len() + 1))?;
        certs.push(cert);
        rest = after_end;
    }
    if certs.is_empty() {
        return Err("no -----BEGIN CERTIFICATE----- block found".to_string());
    }
    Ok(certs)
}

/// Parses a PEM `CERTIFICATE REQUEST` (normalised first) and checks its self-signature.
pub(crate) fn parse_csr(text: &str) -> Result<CertReq, String> {
    let normalised = normalise_pem(text);
    let csr = CertReq::from_pem(normalised.as_bytes())
        .map_err(|e| format!("csrPem is not a PEM CERTIFICATE REQUEST: {e}"))?;
    let info = csr
        .info
        .to_der()
        .map_err(|e| format!("csrPem does not re-encode: {e}"))?;
    let signature = csr
        .signature
        .as_bytes()
        .ok_or("csrPem has a signature with unused bits")?;
    verify_signature(&csr.info.public_key, &csr.algorithm.oid, &info, signature)
        .map_err(|e| format!("csrPem is not signed by its own key: {e}"))?;
    Ok(csr)
}

/// Whether a certificate carries basicConstraints CA:true.
pub(crate) fn is_ca(cert: &Certificate) -> bool {
    let Some(extensions) = &cert.tbs_certificate.extensions else {
        return false;
    };
    extensions
        .iter()
        .filter(|ext| ext.extn_id == rfc5280::ID_CE_BASIC_CONSTRAINTS)
        .any(|ext| {
            BasicConstraints::from_der(ext.extn_value.as_bytes())
                .map(|bc| bc.ca)
                .unwrap_or(false)
        })
}

/// Checks that `issuer` signed `cert` (names match and the signature verifies).
pub(crate) fn verify_issued_by(cert: &Certificate, issuer: &Certificate) -> Result<(), String> {
    if cert.tbs_certificate.issuer != issuer.tbs_certificate.subject {
        return Err(format!(
            "issuer name '{}' is not the subject '{}'",
            cert.tbs_certificate.issuer, issuer.tbs_certificate.subject
        ));
    }
    let tbs = cert
        .tbs_certificate
        .to_der()
        .map_err(|e| format!("certificate does not re-encode: {e}"))?;
    let signature = cert
        .signature
        .as_bytes()
        .ok_or("certificate signature has unused bits")?;
    verify_signature(
        &issuer.tbs_certificate.subject_public_key_info,
        &cert.signature_algorithm.oid,
        &tbs,
        signature,
    )
}

/// Verifies `signature` over `message` with `key` for the common X.509 algorithms
/// (RSA PKCS#1 v1.5 with SHA-256/384/512, ECDSA P-256/SHA-256 and P-384/SHA-384).
pub(crate) fn verify_signature(
    key: &SubjectPublicKeyInfoOwned,
    algorithm: &ObjectIdentifier,
    message: &[u8],
    signature: &[u8],
) -> Result<(), String> {
    use signature::Verifier;
    let key_der = key
        .to_der()
        .map_err(|e| format!("public key does not encode: {e}"))?;
    let bad = |e: signature::Error| format!("signature does not verify: {e}");
    let rsa_key = || {
        rsa::RsaPublicKey::from_public_key_der(&key_der)
            .map_err(|e| format!("not an RSA public key: {e}"))
    };
    let rsa_sig = || {
        rsa::pkcs1v15::Signature::try_from(signature).map_err(|e| format!("bad RSA signature: {e}"))
    };
    match *algorithm {
        a if a == rfc5912::SHA_256_WITH_RSA_ENCRYPTION => {
            rsa::pkcs1v15::VerifyingKey::<Sha256>::new(rsa_key()?)
                .verify(message, &rsa_sig()?)
                .map_err(bad)
        }
        a if a == rfc5912::SHA_384_WITH_RSA_ENCRYPTION => {
            rsa::pkcs1v15::VerifyingKey::<sha2::Sha384>::new(rsa_key()?)
                .verify(message, &rsa_sig()?)
                .map_err(bad)
        }
        a if a == rfc5912::SHA_512_WITH_RSA_ENCRYPTION => {
            rsa::pkcs1v15::VerifyingKey::<sha2::Sha512>::new(rsa_key()?)
                .verify(message, &rsa_sig()?)
                .map_err(bad)
        }
        a if a == rfc5912::ECDSA_WITH_SHA_256 => {
            let key = p256::ecdsa::VerifyingKey::from_public_key_der(&key_der)
                .map_err(|e| format!("not a P-256 public key: {e}"))?;
            let sig = p256::ecdsa::DerSignature::try_from(signature)
                .map_err(|e| format!("bad ECDSA signature: {e}"))?;
            key.verify(message, &sig).map_err(bad)
        }
        a if a == rfc5912::ECDSA_WITH_SHA_384 => {
            let key = p384::ecdsa::VerifyingKey::from_public_key_der(&key_der)
                .map_err(|e| format!("not a P-384 public key: {e}"))?;
            let sig = p384::ecdsa::DerSignature::try_from(signature)
                .map_err(|e| format!("bad ECDSA signature: {e}"))?;
            key.verify(message, &sig).map_err(bad)
        }
        other => Err(format!("unsupported signature algorithm {other}")),
    }
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

    const BODY: &str =
        "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAxMjM0NTY3ODk=";

    #[test]
    fn normalise_pem_repairs_literal_newlines_and_single_lines() {
        let expected = format!(
            "-----BEGIN CERTIFICATE-----\n{}\n{}\n-----END CERTIFICATE-----\n",
            &BODY[..64],
            &BODY[64..]
        );
        let escaped = format!("-----BEGIN CERTIFICATE-----\\n{BODY}\\n-----END CERTIFICATE-----");
        assert_eq!(normalise_pem(&escaped), expected);
        let one_line = format!("-----BEGIN CERTIFICATE-----{BODY}-----END CERTIFICATE-----");
        assert_eq!(normalise_pem(&one_line), expected);
        let crlf = expected.replace('\n', "\r\n");
        assert_eq!(normalise_pem(&crlf), expected);
        // Two blocks stay two blocks; text around them is dropped.
        let two = format!("junk {escaped}\n\n{one_line} tail");
        assert_eq!(normalise_pem(&two), format!("{expected}{expected}"));
        assert_eq!(normalise_pem("no pem here"), "");
    }

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
        }
        assert_eq!(colon_hex(&[0x0a, 0xff]), "0A:FF");
    }
}
