//! PKCS#10 certificate signing requests: reading one ([`inspect`]), and building one around a
//! signature made elsewhere ([`info_to_sign`], then [`assemble`]). Building does no
//! cryptography: the caller (WebCrypto in the app) signs the bytes `info_to_sign` returns.

use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;
use core::net::IpAddr;

use der::asn1::{
    Any, AnyRef, BitString, Ia5String, ObjectIdentifier, OctetString, PrintableStringRef, SetOfVec,
    UintRef, Utf8StringRef,
};
use der::{Decode, Encode, Sequence};
use serde::Serialize;
use spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use x509_cert::attr::{Attribute, AttributeTypeAndValue};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::ext::pkix::SubjectAltName;
use x509_cert::ext::Extension;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};
use x509_cert::request::{CertReq, CertReqInfo, ExtensionReq, Version};

use crate::certificate::{alt_name, AltName, ExtensionInfo};
use crate::der_value::from_der_value;
use crate::error::{DerProblem, Error, ErrorKind};
use crate::general_name;
use crate::key::{public_key_info, PublicKeyInfo};
use crate::signature::{
    self, Answer, Asker, EcdsaSigValue, Outcome, SignatureStatus, VerdictSource,
};
use crate::text::{
    extension_name, hex, name_attributes, oid_text, rfc4514, signature_algorithm_name,
    NameAttribute,
};

const EXTENSION_REQUEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.14");
const SUBJECT_ALT_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.17");
const ECDSA_WITH_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.2");
const ECDSA_WITH_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.4.3.3");
const SHA256_WITH_RSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.11");

/// What a CSR asks for (the `kind: "certificateRequest"` item of `inspectPem`).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateRequestInfo {
    /// Requested subject, RFC 4514.
    pub subject: String,
    /// Requested subject attributes in encoding order.
    pub subject_attributes: Vec<NameAttribute>,
    /// Requested subject alternative names (from the extension request).
    pub subject_alt_names: Vec<AltName>,
    /// The public key to be certified.
    pub public_key: PublicKeyInfo,
    /// The signature algorithm, openssl's name or dotted OID.
    pub signature_algorithm: String,
    /// Whether the CSR's self-signature verifies (proof of possession of the key).
    pub signature: SignatureStatus,
    /// Requested extensions.
    pub extensions: Vec<ExtensionInfo>,
    /// The CSR as clean PEM.
    pub pem: String,
}

/// Inspects one DER CSR, verifying its self-signature with RustCrypto.
///
/// # Errors
/// Malformed DER (with offset) or a malformed requested subjectAltName.
#[cfg(feature = "rustcrypto")]
pub fn inspect(der: &[u8]) -> Result<CertificateRequestInfo, Error> {
    inspect_answered(der, &signature::rustcrypto_answer)
}

/// [`inspect`] with the verdict on the CSR's self-signature from `verdict` (WebCrypto, say):
/// [`Outcome::NeedVerdicts`] with the check while `verdict` has none for it.
///
/// # Errors
/// As [`inspect`].
pub fn inspect_with(
    der: &[u8],
    verdict: VerdictSource<'_>,
) -> Result<Outcome<CertificateRequestInfo>, Error> {
    let asker = Asker::new(verdict);
    let info = inspect_answered(der, &|check| asker.answer(check))?;
    Ok(asker.outcome(info))
}

pub(crate) fn inspect_answered(
    der: &[u8],
    answer: Answer<'_>,
) -> Result<CertificateRequestInfo, Error> {
    let request =
        from_der_value::<CertReq>(der).map_err(|e| Error::der(e, "certificate request"))?;
    let info = &request.info;
    let mut subject_alt_names = Vec::new();
    let mut extensions = Vec::new();
    for attribute in info
        .attributes
        .iter()
        .filter(|a| a.oid == EXTENSION_REQUEST)
    {
        for value in attribute.values.iter() {
            let requested: ExtensionReq = value
                .decode_as()
                .map_err(|e| Error::der(e, "extension request"))?;
            for extension in &requested.0 {
                let name = extension_name(&extension.extn_id);
                if extension.extn_id == SUBJECT_ALT_NAME {
                    let names: Vec<general_name::GeneralName> =
                        from_der_value(extension.extn_value.as_bytes())
                            .map_err(|e| Error::der(e, "requested subjectAltName"))?;
                    subject_alt_names.extend(names.iter().map(alt_name));
                }
                extensions.push(ExtensionInfo {
                    oid: oid_text(&extension.extn_id),
                    name: name.map(str::to_string),
                    critical: extension.critical,
                    value_hex: name.is_none().then(|| hex(extension.extn_value.as_bytes())),
                });
            }
        }
    }
    let status = match signature::signed_part(der) {
        Some(signed) => signature::decide(
            signature::prepare(
                &info.public_key,
                &request.algorithm,
                signed,
                &request.signature,
            ),
            answer,
        ),
        None => SignatureStatus::Invalid,
    };
    Ok(CertificateRequestInfo {
        subject: rfc4514(&info.subject),
        subject_attributes: name_attributes(&info.subject),
        subject_alt_names,
        public_key: public_key_info(&info.public_key)?,
        signature_algorithm: signature_algorithm_name(&request.algorithm.oid),
        signature: status,
        extensions,
        pem: crate::pem::encode("CERTIFICATE REQUEST", der),
    })
}

/// One attribute of a requested subject: the `x509Parameters` fields of Issue End Cert.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubjectField {
    /// C (`country`), a PrintableString.
    Country,
    /// ST (`stateProvince`).
    StateProvince,
    /// L (`locality`).
    Locality,
    /// street (`streetAddress`).
    StreetAddress,
    /// O (`organization`).
    Organization,
    /// OU (`organizationUnit`).
    OrganizationUnit,
    /// CN (`commonName`).
    CommonName,
}

impl SubjectField {
    /// Every field, in the order a subject is written (C first, CN last, as openssl does).
    pub const ALL: [SubjectField; 7] = [
        SubjectField::Country,
        SubjectField::StateProvince,
        SubjectField::Locality,
        SubjectField::StreetAddress,
        SubjectField::Organization,
        SubjectField::OrganizationUnit,
        SubjectField::CommonName,
    ];

    fn oid(self) -> ObjectIdentifier {
        ObjectIdentifier::new_unwrap(match self {
            SubjectField::Country => "2.5.4.6",
            SubjectField::StateProvince => "2.5.4.8",
            SubjectField::Locality => "2.5.4.7",
            SubjectField::StreetAddress => "2.5.4.9",
            SubjectField::Organization => "2.5.4.10",
            SubjectField::OrganizationUnit => "2.5.4.11",
            SubjectField::CommonName => "2.5.4.3",
        })
    }
}

/// A subject alternative name to request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RequestedName {
    /// dNSName.
    Dns(String),
    /// rfc822Name (an e-mail address).
    Email(String),
    /// iPAddress.
    Ip(IpAddr),
}

impl RequestedName {
    /// The names of Issue End Cert's `altName` (host names and e-mail addresses) and `ip`
    /// fields, both comma-separated; empty entries are skipped.
    ///
    /// # Errors
    /// An `ip` entry that is not an IPv4 or IPv6 address.
    pub fn from_fields(alt_name: &str, ip: &str) -> Result<Vec<RequestedName>, Error> {
        let entries = |list: &str| -> Vec<String> {
            list.split(',')
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .map(str::to_string)
                .collect()
        };
        let mut names: Vec<RequestedName> = entries(alt_name)
            .into_iter()
            .map(|name| {
                if name.contains('@') {
                    RequestedName::Email(name)
                } else {
                    RequestedName::Dns(name)
                }
            })
            .collect();
        for address in entries(ip) {
            let parsed = address.parse::<IpAddr>().map_err(|_| {
                Error::new(ErrorKind::MalformedDer(DerProblem::Value)).in_field("iPAddress")
            })?;
            names.push(RequestedName::Ip(parsed));
        }
        Ok(names)
    }

    fn general_name(&self) -> Result<GeneralName, Error> {
        let ia5 = |text: &str, field| Ia5String::new(text).map_err(|e| Error::der(e, field));
        Ok(match self {
            RequestedName::Dns(name) => GeneralName::DnsName(ia5(name, "dNSName")?),
            RequestedName::Email(address) => GeneralName::Rfc822Name(ia5(address, "rfc822Name")?),
            RequestedName::Ip(ip) => {
                let octets = match ip {
                    IpAddr::V4(v4) => v4.octets().to_vec(),
                    IpAddr::V6(v6) => v6.octets().to_vec(),
                };
                GeneralName::IpAddress(
                    OctetString::new(octets).map_err(|e| Error::der(e, "iPAddress"))?,
                )
            }
        })
    }
}

/// The algorithm of a request's signature, as WebCrypto makes them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignatureAlgorithm {
    /// ECDSA with SHA-256 (P-256 keys), signature DER `Ecdsa-Sig-Value`.
    EcdsaSha256,
    /// ECDSA with SHA-384 (P-384 keys), signature DER `Ecdsa-Sig-Value`.
    EcdsaSha384,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RsaSha256,
}

impl SignatureAlgorithm {
    fn identifier(self) -> AlgorithmIdentifierOwned {
        match self {
            SignatureAlgorithm::EcdsaSha256 => AlgorithmIdentifierOwned {
                oid: ECDSA_WITH_SHA256,
                parameters: None,
            },
            SignatureAlgorithm::EcdsaSha384 => AlgorithmIdentifierOwned {
                oid: ECDSA_WITH_SHA384,
                parameters: None,
            },
            // RFC 4055: the parameters of sha256WithRSAEncryption are NULL.
            SignatureAlgorithm::RsaSha256 => AlgorithmIdentifierOwned {
                oid: SHA256_WITH_RSA,
                parameters: Some(Any::from(der::asn1::Null)),
            },
        }
    }
}

/// The DER `CertificationRequestInfo` (RFC 2986) to sign: `subject` in the given order (empty
/// values skipped), the `names` as a requested subjectAltName extension (none when empty), and
/// the public key `spki_der` (a DER SubjectPublicKeyInfo, as WebCrypto exports "spki").
///
/// # Errors
/// A malformed public key, or a value that the string type cannot hold (a non-ASCII domain, a
/// country that is not PrintableString).
pub fn info_to_sign(
    subject: &[(SubjectField, &str)],
    names: &[RequestedName],
    spki_der: &[u8],
) -> Result<Vec<u8>, Error> {
    let public_key = from_der_value::<SubjectPublicKeyInfoOwned>(spki_der)
        .map_err(|e| Error::der(e, "public key"))?;
    let mut rdns = Vec::new();
    for (field, value) in subject.iter().filter(|(_, v)| !v.is_empty()) {
        let value = match field {
            SubjectField::Country => Any::encode_from(
                &PrintableStringRef::new(value).map_err(|e| Error::der(e, "country"))?,
            ),
            _ => {
                Any::encode_from(&Utf8StringRef::new(value).map_err(|e| Error::der(e, "subject"))?)
            }
        }
        .map_err(|e| Error::der(e, "subject"))?;
        let atv = AttributeTypeAndValue {
            oid: field.oid(),
            value,
        };
        let set = SetOfVec::try_from(vec![atv]).map_err(|e| Error::der(e, "subject"))?;
        rdns.push(RelativeDistinguishedName::from(set));
    }
    let mut attributes = SetOfVec::new();
    if !names.is_empty() {
        let general_names = names
            .iter()
            .map(RequestedName::general_name)
            .collect::<Result<Vec<_>, _>>()?;
        let san = SubjectAltName(general_names)
            .to_der()
            .map_err(|e| Error::der(e, "subjectAltName"))?;
        let extension = Extension {
            extn_id: SUBJECT_ALT_NAME,
            critical: false,
            extn_value: OctetString::new(san).map_err(|e| Error::der(e, "subjectAltName"))?,
        };
        let attribute = Attribute::try_from(ExtensionReq(vec![extension]))
            .map_err(|e| Error::der(e, "extension request"))?;
        attributes
            .insert(attribute)
            .map_err(|e| Error::der(e, "extension request"))?;
    }
    CertReqInfo {
        version: Version::V1,
        // x509-cert builds names only from strings or, as here, from typed attributes through
        // its `hazmat` door; these are RFC 5280's own string types (PrintableString for C).
        subject: Name::hazmat_from_rdn_sequence(RdnSequence::from(rdns)),
        public_key,
        attributes,
    }
    .to_der()
    .map_err(|e| Error::der(e, "certification request info"))
}

/// The DER CSR: `info_der` (from [`info_to_sign`]) with its `signature` made by `algorithm`
/// (for ECDSA the DER `Ecdsa-Sig-Value`: see [`ecdsa_signature_der`]).
///
/// # Errors
/// `info_der` is not a `CertificationRequestInfo`.
pub fn assemble(
    info_der: &[u8],
    algorithm: SignatureAlgorithm,
    signature: &[u8],
) -> Result<Vec<u8>, Error> {
    // The signed bytes go in as they are (never decoded and written again), so the
    // signature covers exactly what is sent; checking they are a CertificationRequestInfo
    // costs no new code (the inspection decodes one too).
    from_der_value::<CertReqInfo>(info_der)
        .map_err(|e| Error::der(e, "certification request info"))?;
    SignedRequest {
        info: AnyRef::from_der(info_der)
            .map_err(|e| Error::der(e, "certification request info"))?,
        algorithm: algorithm.identifier(),
        signature: BitString::from_bytes(signature).map_err(|e| Error::der(e, "signature"))?,
    }
    .to_der()
    .map_err(|e| Error::der(e, "certificate request"))
}

/// `CertificationRequest` (RFC 2986) around the info's DER as signed.
#[derive(Sequence)]
struct SignedRequest<'a> {
    info: AnyRef<'a>,
    algorithm: AlgorithmIdentifierOwned,
    signature: BitString,
}

/// An ECDSA signature as WebCrypto returns it (`r || s`, each half the curve's size) in the
/// DER form X.509 carries.
///
/// # Errors
/// An empty or odd-length input.
pub fn ecdsa_signature_der(raw: &[u8]) -> Result<Vec<u8>, Error> {
    if raw.is_empty() || raw.len() % 2 != 0 {
        return Err(Error::new(ErrorKind::MalformedDer(DerProblem::Length)).in_field("signature"));
    }
    let (r, s) = raw.split_at(raw.len() / 2);
    let value = EcdsaSigValue {
        r: UintRef::new(r).map_err(|e| Error::der(e, "signature"))?,
        s: UintRef::new(s).map_err(|e| Error::der(e, "signature"))?,
    };
    value.to_der().map_err(|e| Error::der(e, "signature"))
}
