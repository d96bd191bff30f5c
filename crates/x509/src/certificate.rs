//! X.509 certificate inspection: every field users ask about, in the `inspectPem` shape.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use der::asn1::{Any, BitStringRef, ContextSpecific, ObjectIdentifier, OctetString};
use der::{Decode, DecodeValue, Encode, FixedTag, Reader, SliceReader, Tag, TagNumber};
use serde::Serialize;
use x509_cert::certificate::{CertificateInner, Raw, Version};
use x509_cert::ext::pkix::crl::dp::ReasonFlags;
use x509_cert::ext::Extension;
use x509_cert::name::{Name, RelativeDistinguishedName};
use x509_cert::serial_number::SerialNumber;

use crate::der_value::{decode_implicit, from_der_value, read_choice, read_tagged};
use crate::error::Error;
use crate::general_name::GeneralName;
use crate::key::{public_key_info, PublicKeyInfo};
use crate::pem;
use crate::signature::{self, Answer, SignatureStatus};
use crate::text::{
    colon_hex, days_between, extended_key_usage_name, extension_name, hex, ip_text,
    name_attributes, oid_text, rdn_rfc4514, rfc3339, rfc4514, serial_hex, signature_algorithm_name,
    unix_seconds, NameAttribute,
};

/// Certificates are read without RFC 5280's profile checks (long or negative serials exist in
/// the wild and must still be inspectable).
pub(crate) type Cert = CertificateInner<Raw>;

/// Everything this crate reports about a certificate (the `kind: "certificate"` item of
/// `inspectPem`).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CertificateInfo {
    /// X.509 version: 1, 2 or 3.
    pub version: u8,
    /// Subject as an RFC 4514 string (`CN=...,O=...,C=KR`).
    pub subject: String,
    /// Subject attributes in encoding order (country first, usually).
    pub subject_attributes: Vec<NameAttribute>,
    /// Issuer as an RFC 4514 string.
    pub issuer: String,
    /// Issuer attributes in encoding order.
    pub issuer_attributes: Vec<NameAttribute>,
    /// Serial number as upper-case colon hex without the DER sign byte (`"8F:3C:11"`).
    pub serial_number: String,
    /// Start of validity, RFC 3339 UTC.
    pub not_before: String,
    /// End of validity, RFC 3339 UTC.
    pub not_after: String,
    /// Whole days from the given time until `notAfter` (negative once expired).
    pub days_remaining: i64,
    /// `notAfter` is before the given time.
    pub expired: bool,
    /// `notBefore` is after the given time.
    pub not_yet_valid: bool,
    /// Subject alternative names.
    pub subject_alt_names: Vec<AltName>,
    /// The subject public key.
    pub public_key: PublicKeyInfo,
    /// The signature algorithm as openssl names it (`sha256WithRSAEncryption`,
    /// `ecdsa-with-SHA256`), or its dotted OID.
    pub signature_algorithm: String,
    /// SHA-256 and SHA-1 of the DER, upper-case colon hex.
    pub fingerprints: Fingerprints,
    /// Basic constraints say CA.
    pub is_ca: bool,
    /// Basic constraints' path length limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_length: Option<u8>,
    /// Self-issued, as read from the certificate alone: issuer equals subject (same DER, or
    /// the same RFC 4514 text ignoring ASCII case), the authority key identifier equals the
    /// subject key identifier when both are present, and the key is of the type its signature
    /// algorithm needs. The signature itself is not checked here (for an RSA root that check
    /// was most of an inspection's time): `verifyChain` checks it, and only a root whose
    /// signature verifies anchors a chain there (`ChainLink::self_signed`).
    pub self_signed: bool,
    /// Key usage bits by RFC 5280 name (`digitalSignature`, `keyCertSign`, ...).
    pub key_usage: Vec<String>,
    /// Extended key usages by RFC 5280 name (`serverAuth`, ...) or dotted OID.
    pub extended_key_usage: Vec<String>,
    /// Subject key identifier, colon hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subject_key_id: Option<String>,
    /// Authority key identifier (its key identifier), colon hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authority_key_id: Option<String>,
    /// CRL distribution points (URIs, or RFC 4514 names).
    pub crl_distribution_points: Vec<String>,
    /// OCSP responder URLs from authority information access.
    pub ocsp_urls: Vec<String>,
    /// CA issuer certificate URLs from authority information access.
    pub ca_issuers_urls: Vec<String>,
    /// Certificate policy OIDs.
    pub policies: Vec<String>,
    /// Every extension, in order, known or not.
    pub extensions: Vec<ExtensionInfo>,
    /// The certificate as clean PEM.
    pub pem: String,
}

/// SHA-256 and SHA-1 fingerprints, upper-case colon hex as openssl prints them.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fingerprints {
    /// SHA-256 of the DER.
    pub sha256: String,
    /// SHA-1 of the DER.
    pub sha1: String,
}

/// One general name: `{type: "dns"|"ip"|"email"|"uri"|..., value}`.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AltName {
    /// The kind of name.
    #[serde(rename = "type")]
    pub kind: AltNameKind,
    /// The name as text: IP addresses as `192.0.2.1` / RFC 5952 IPv6, directory names as
    /// RFC 4514, other names as `OID:hex`.
    pub value: String,
}

/// The kinds of general name.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum AltNameKind {
    /// dNSName.
    Dns,
    /// iPAddress.
    Ip,
    /// rfc822Name.
    Email,
    /// uniformResourceIdentifier.
    Uri,
    /// directoryName.
    DirectoryName,
    /// registeredID.
    RegisteredId,
    /// otherName.
    OtherName,
    /// ediPartyName.
    EdiPartyName,
}

/// One extension: `{oid, name?, critical, valueHex?}`.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExtensionInfo {
    /// Dotted OID.
    pub oid: String,
    /// RFC name (`subjectAltName`, ...) when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The critical flag.
    pub critical: bool,
    /// For extensions this crate does not know: the DER of the value, lower-case hex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_hex: Option<String>,
}

/// Decodes one certificate (strict DER, nothing after it).
pub(crate) fn parse(der: &[u8]) -> Result<Cert, Error> {
    from_der_value::<Cert>(der).map_err(|e| Error::der(e, "certificate"))
}

/// Inspects one DER certificate at time `now` (Unix seconds).
///
/// # Errors
/// Malformed DER (with the byte offset), or a malformed known extension (naming it).
pub fn inspect(der: &[u8], now: i64) -> Result<CertificateInfo, Error> {
    let cert = parse(der)?;
    let tbs = &cert.tbs_certificate();
    let not_before = unix_seconds(tbs.validity().not_before);
    let not_after = unix_seconds(tbs.validity().not_after);
    let mut info = CertificateInfo {
        version: match tbs.version() {
            Version::V1 => 1,
            Version::V2 => 2,
            Version::V3 => 3,
        },
        subject: rfc4514(tbs.subject()),
        subject_attributes: name_attributes(tbs.subject()),
        issuer: rfc4514(tbs.issuer()),
        issuer_attributes: name_attributes(tbs.issuer()),
        serial_number: serial_hex(tbs.serial_number().as_bytes()),
        not_before: rfc3339(tbs.validity().not_before.to_unix_duration().as_secs())?,
        not_after: rfc3339(tbs.validity().not_after.to_unix_duration().as_secs())?,
        days_remaining: days_between(now, not_after),
        expired: now > not_after,
        not_yet_valid: now < not_before,
        subject_alt_names: Vec::new(),
        public_key: public_key_info(tbs.subject_public_key_info())?,
        signature_algorithm: signature_algorithm_name(&cert.signature_algorithm().oid),
        fingerprints: Fingerprints {
            sha256: colon_hex(&crate::digest::sha256(der)),
            sha1: colon_hex(&crate::digest::sha1(der)),
        },
        is_ca: false,
        path_length: None,
        self_signed: false,
        key_usage: Vec::new(),
        extended_key_usage: Vec::new(),
        subject_key_id: None,
        authority_key_id: None,
        crl_distribution_points: Vec::new(),
        ocsp_urls: Vec::new(),
        ca_issuers_urls: Vec::new(),
        policies: Vec::new(),
        extensions: Vec::new(),
        pem: pem::encode("CERTIFICATE", der),
    };
    for extension in tbs.extensions().into_iter().flatten() {
        read_extension(extension, &mut info)?;
    }
    info.self_signed = could_issue(&cert, &cert);
    Ok(info)
}

const ID_AD_OCSP: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.1");
const ID_AD_CA_ISSUERS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.48.2");

fn decode_ext<'a, T: DecodeValue<'a, Error = der::Error> + FixedTag>(
    extension: &'a Extension,
    field: &'static str,
) -> Result<T, Error> {
    from_der_value(extension.extn_value.as_bytes()).map_err(|e| Error::der(e, field))
}

/// Reads an extension whose value is one SEQUENCE OF, calling `element` on each element, with
/// the same checks and errors as `Vec<T>::from_der` but without a decoder (and an owned copy)
/// per element type: these extensions are read only to fill [`CertificateInfo`].
fn read_sequence_of<'a>(
    extension: &'a Extension,
    field: &'static str,
    element: &mut dyn FnMut(&mut SliceReader<'a>) -> der::Result<()>,
) -> Result<(), Error> {
    read_tagged(
        extension.extn_value.as_bytes(),
        Tag::Sequence,
        &mut |r, _| {
            while !r.is_finished() {
                element(r)?;
            }
            Ok(())
        },
    )
    .map_err(|e| Error::der(e, field))
}

/// Adds one extension to `info`: always to the list, and its content to the matching field.
fn read_extension(extension: &Extension, info: &mut CertificateInfo) -> Result<(), Error> {
    let name = extension_name(&extension.extn_id);
    let known = match name {
        Some("subjectAltName") => {
            let names: Vec<GeneralName> = decode_ext(extension, "extension subjectAltName")?;
            info.subject_alt_names = names.iter().map(alt_name).collect();
            true
        }
        Some("keyUsage") => {
            let usage = key_usage(extension.extn_value.as_bytes())
                .map_err(|e| Error::der(e, "extension keyUsage"))?;
            info.key_usage = key_usage_names(usage);
            true
        }
        Some("extendedKeyUsage") => {
            // A repeated extension replaces the earlier list, as assigning the decoded one did.
            info.extended_key_usage.clear();
            read_sequence_of(extension, "extension extendedKeyUsage", &mut |r| {
                let usage: ObjectIdentifier = r.decode()?;
                info.extended_key_usage
                    .push(extended_key_usage_name(&usage));
                Ok(())
            })?;
            true
        }
        Some("basicConstraints") => {
            let constraints = basic_constraints(extension.extn_value.as_bytes())
                .map_err(|e| Error::der(e, "extension basicConstraints"))?;
            info.is_ca = constraints.ca;
            info.path_length = constraints.path_length;
            true
        }
        Some("subjectKeyIdentifier") => {
            let id = subject_key_id(extension)
                .map_err(|e| Error::der(e, "extension subjectKeyIdentifier"))?;
            info.subject_key_id = Some(colon_hex(id.as_bytes()));
            true
        }
        Some("authorityKeyIdentifier") => {
            let id = authority_key_id(extension)
                .map_err(|e| Error::der(e, "extension authorityKeyIdentifier"))?;
            info.authority_key_id = id.map(|id| colon_hex(id.as_bytes()));
            true
        }
        Some("cRLDistributionPoints") => {
            // DistributionPoint: [0] EXPLICIT name, [1] IMPLICIT reasons, [2] IMPLICIT crlIssuer.
            read_sequence_of(extension, "extension cRLDistributionPoints", &mut |r| {
                r.sequence(|r| {
                    let name = ContextSpecific::<PointName>::decode_explicit(r, TagNumber(0))?;
                    decode_implicit::<_, ReasonFlags>(r, 1)?;
                    decode_implicit::<_, Vec<GeneralName>>(r, 2)?;
                    match name.map(|name| name.value) {
                        Some(PointName::FullName(names)) => info
                            .crl_distribution_points
                            .extend(names.iter().map(|n| alt_name(n).value)),
                        Some(PointName::RelativeToIssuer(rdn)) => {
                            info.crl_distribution_points.push(rdn_rfc4514(&rdn))
                        }
                        None => {}
                    }
                    Ok(())
                })
            })?;
            true
        }
        Some("authorityInfoAccess") => {
            // AccessDescription: accessMethod OID, accessLocation GeneralName.
            read_sequence_of(extension, "extension authorityInfoAccess", &mut |r| {
                r.sequence(|r| {
                    let method: ObjectIdentifier = r.decode()?;
                    let location = alt_name(&r.decode::<GeneralName>()?).value;
                    if method == ID_AD_OCSP {
                        info.ocsp_urls.push(location);
                    } else if method == ID_AD_CA_ISSUERS {
                        info.ca_issuers_urls.push(location);
                    }
                    Ok(())
                })
            })?;
            true
        }
        Some("certificatePolicies") => {
            // PolicyInformation: policyIdentifier OID, policyQualifiers SEQUENCE OF
            // PolicyQualifierInfo (qualifier id OID, qualifier ANY) OPTIONAL; only the
            // identifiers are reported, the qualifiers are checked as x509-cert checks them.
            info.policies.clear();
            read_sequence_of(extension, "extension certificatePolicies", &mut |r| {
                r.sequence(|r| {
                    let policy: ObjectIdentifier = r.decode()?;
                    if !r.is_finished() && Tag::peek(r)? == Tag::Sequence {
                        r.sequence(|r| {
                            while !r.is_finished() {
                                r.sequence(|r| {
                                    r.decode::<ObjectIdentifier>()?;
                                    if !r.is_finished() {
                                        r.decode::<Any>()?;
                                    }
                                    Ok::<_, der::Error>(())
                                })?;
                            }
                            Ok::<_, der::Error>(())
                        })?;
                    }
                    info.policies.push(oid_text(&policy));
                    Ok(())
                })
            })?;
            true
        }
        // Named for display; the value is not broken down further.
        Some(_) => true,
        None => false,
    };
    info.extensions.push(ExtensionInfo {
        oid: oid_text(&extension.extn_id),
        name: name.map(str::to_string),
        critical: extension.critical,
        value_hex: (!known).then(|| hex(extension.extn_value.as_bytes())),
    });
    Ok(())
}

/// RFC 5280's key usage bits, bit 0 first.
const KEY_USAGE_NAMES: [&str; 9] = [
    "digitalSignature",
    "nonRepudiation",
    "keyEncipherment",
    "dataEncipherment",
    "keyAgreement",
    "keyCertSign",
    "cRLSign",
    "encipherOnly",
    "decipherOnly",
];

/// keyCertSign in the set [`key_usage`] returns.
pub(crate) const KEY_CERT_SIGN: u16 = 1 << 5;

/// The keyUsage extension's value (a BIT STRING) as a set of bits, bit `i` for
/// `KEY_USAGE_NAMES[i]`, read as x509-cert's `KeyUsage` reads it: at most 16 bits, the ones
/// RFC 5280 does not name dropped.
pub(crate) fn key_usage(value: &[u8]) -> der::Result<u16> {
    let mut usage = 0;
    read_tagged(value, Tag::BitString, &mut |r, header| {
        let position = r.position();
        let bits = BitStringRef::decode_value(r, header)?;
        if bits.bit_len() > 16 {
            return Err(der::Error::new(der::ErrorKind::Overlength, position));
        }
        for (i, bit) in bits.bits().take(KEY_USAGE_NAMES.len()).enumerate() {
            usage |= u16::from(bit) << i;
        }
        Ok(())
    })?;
    Ok(usage)
}

fn key_usage_names(usage: u16) -> Vec<String> {
    KEY_USAGE_NAMES
        .iter()
        .enumerate()
        .filter(|(i, _)| usage >> i & 1 == 1)
        .map(|(_, name)| (*name).to_string())
        .collect()
}

/// What the basicConstraints extension says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct BasicConstraints {
    pub(crate) ca: bool,
    pub(crate) path_length: Option<u8>,
}

/// The basicConstraints extension's value, `SEQUENCE { cA BOOLEAN DEFAULT FALSE,
/// pathLenConstraint INTEGER OPTIONAL }`, read as x509-cert's `BasicConstraints` reads it (an
/// encoded default accepted, a path length above 255 an error).
pub(crate) fn basic_constraints(value: &[u8]) -> der::Result<BasicConstraints> {
    let mut constraints = BasicConstraints::default();
    read_tagged(value, Tag::Sequence, &mut |r, _| {
        constraints.ca = r.decode::<Option<bool>>()?.unwrap_or_default();
        constraints.path_length = r.decode()?;
        Ok(())
    })?;
    Ok(constraints)
}

/// DistributionPointName: `fullName [0] IMPLICIT GeneralNames`, or
/// `nameRelativeToCRLIssuer [1] IMPLICIT RelativeDistinguishedName`.
enum PointName {
    FullName(Vec<GeneralName>),
    RelativeToIssuer(RelativeDistinguishedName),
}

impl<'a> Decode<'a> for PointName {
    type Error = der::Error;

    /// As x509-cert's derived `DistributionPointName` decoder: the exact tag picks the
    /// alternative, then its value is read inside the header's length.
    fn decode<R: Reader<'a>>(reader: &mut R) -> der::Result<Self> {
        // [0] and [1], both constructed.
        read_choice(
            reader,
            |constructed, number| constructed && number <= 1,
            |r, header| {
                Ok(if header.tag().number().value() == 0 {
                    PointName::FullName(Vec::decode_value(r, header)?)
                } else {
                    PointName::RelativeToIssuer(RelativeDistinguishedName::decode_value(r, header)?)
                })
            },
        )
    }
}

/// A general name as `{type, value}`.
pub(crate) fn alt_name(name: &GeneralName) -> AltName {
    let (kind, value) = match name {
        GeneralName::Dns(s) => (AltNameKind::Dns, s.clone()),
        GeneralName::Email(s) => (AltNameKind::Email, s.clone()),
        GeneralName::Uri(s) => (AltNameKind::Uri, s.clone()),
        GeneralName::Ip(octets) => (AltNameKind::Ip, ip_text(octets)),
        GeneralName::DirectoryName(n) => (AltNameKind::DirectoryName, rfc4514(n)),
        GeneralName::RegisteredId(oid) => (AltNameKind::RegisteredId, oid_text(oid)),
        GeneralName::OtherName { type_id, value } => (
            AltNameKind::OtherName,
            format!(
                "{}:{}",
                oid_text(type_id),
                crate::text::string_value(value)
                    .unwrap_or_else(|| hex(&value.to_der().unwrap_or_default()))
            ),
        ),
        GeneralName::EdiPartyName => (AltNameKind::EdiPartyName, String::new()),
    };
    AltName { kind, value }
}

/// Two names are the same when their DER is, or (failing that) their RFC 4514 strings agree
/// ignoring ASCII case, as RFC 5280's comparison mostly does. Decoded names are equal exactly
/// when their encodings are (encoding keeps every tag, byte and order), so they are compared
/// as decoded rather than encoded again.
pub(crate) fn same_name(a: &Name, b: &Name) -> bool {
    a == b || rfc4514(a).eq_ignore_ascii_case(&rfc4514(b))
}

/// The subjectKeyIdentifier extension's value: an OCTET STRING.
fn subject_key_id(extension: &Extension) -> der::Result<OctetString> {
    from_der_value(extension.extn_value.as_bytes())
}

/// The authorityKeyIdentifier extension's keyIdentifier. The issuer names and serial number
/// that may follow it are decoded as x509-cert's `AuthorityKeyIdentifier` decodes them (same
/// checks, same errors), and dropped: nothing here reads them.
fn authority_key_id(extension: &Extension) -> der::Result<Option<OctetString>> {
    let mut id = None;
    read_tagged(
        extension.extn_value.as_bytes(),
        Tag::Sequence,
        &mut |r, _| {
            id = decode_implicit::<_, OctetString>(r, 0)?;
            decode_implicit::<_, Vec<GeneralName>>(r, 1)?;
            decode_implicit::<_, SerialNumber>(r, 2)?;
            Ok(())
        },
    )?;
    Ok(id)
}

/// The key identifier extensions of a certificate: (subject key id, authority key id).
pub(crate) fn key_ids(cert: &Cert) -> (Option<Vec<u8>>, Option<Vec<u8>>) {
    let mut ski = None;
    let mut aki = None;
    for extension in cert.tbs_certificate().extensions().into_iter().flatten() {
        match extension_name(&extension.extn_id) {
            Some("subjectKeyIdentifier") => {
                ski = subject_key_id(extension)
                    .ok()
                    .map(|id| id.as_bytes().to_vec());
            }
            Some("authorityKeyIdentifier") => {
                aki = authority_key_id(extension)
                    .ok()
                    .flatten()
                    .map(|id| id.as_bytes().to_vec());
            }
            _ => {}
        }
    }
    (ski, aki)
}

/// Whether `issuer` could have issued `subject` (OpenSSL's `ossl_x509_likely_issued`): names
/// match, key identifiers agree when both are present, and the issuer's key is of the type
/// the subject's signature algorithm needs.
pub(crate) fn could_issue(issuer: &Cert, subject: &Cert) -> bool {
    if !same_name(
        issuer.tbs_certificate().subject(),
        subject.tbs_certificate().issuer(),
    ) {
        return false;
    }
    let ids_agree = match (key_ids(issuer).0, key_ids(subject).1) {
        (Some(ski), Some(aki)) => ski == aki,
        _ => true,
    };
    ids_agree
        && signature::key_fits(
            issuer.tbs_certificate().subject_public_key_info(),
            subject.signature_algorithm(),
        )
}

/// Checks `subject`'s signature with `issuer`'s key, asking `answer` when a verifier is
/// needed; `subject_der` is `subject` as encoded.
pub(crate) fn check_signature(
    issuer: &Cert,
    subject: &Cert,
    subject_der: &[u8],
    answer: Answer<'_>,
) -> SignatureStatus {
    // RFC 5280 4.1.1.2: the algorithm outside the signed part must be the one inside it.
    if subject.signature_algorithm() != subject.tbs_certificate().signature() {
        return SignatureStatus::Invalid;
    }
    match signature::signed_part(subject_der) {
        Some(tbs) => signature::decide(
            signature::prepare(
                issuer.tbs_certificate().subject_public_key_info(),
                subject.signature_algorithm(),
                tbs,
                subject.signature(),
            ),
            answer,
        ),
        None => SignatureStatus::Invalid,
    }
}

/// Self-issued and its own key verifies its signature (or the algorithm is one this crate
/// cannot verify): what chain building takes as a root. Inspection reports only the
/// self-issued part ([`CertificateInfo::self_signed`]).
pub(crate) fn is_self_signed(cert: &Cert, der: &[u8], answer: Answer<'_>) -> bool {
    if !could_issue(cert, cert) {
        return false;
    }
    matches!(
        check_signature(cert, cert, der, answer),
        SignatureStatus::Valid | SignatureStatus::Unsupported
    )
}

// Starts from `inspect_pem`'s answer, which needs RustCrypto verification.
#[cfg(feature = "rustcrypto")]
#[cfg(test)]
mod tests {
    //! `read_extension` reads nine extensions with `der`'s reader primitives and
    //! `from_der_value` instead of x509-cert's `from_der`: the same fields and the same errors
    //! (kind and offset) as those, on valid values and on every one-byte change, truncation and
    //! extension.
    extern crate std;

    use alloc::vec;

    use super::*;
    use der::asn1::{Ia5String, SetOfVec};
    use der::Decode;
    use x509_cert::attr::AttributeTypeAndValue;
    use x509_cert::ext::pkix::certpolicy::{PolicyInformation, PolicyQualifierInfo};
    use x509_cert::ext::pkix::crl::dp::{DistributionPoint, Reasons};
    use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName as X509Name};
    use x509_cert::ext::pkix::{
        AccessDescription, AuthorityInfoAccessSyntax, AuthorityKeyIdentifier,
        BasicConstraints as X509BasicConstraints, CertificatePolicies, CrlDistributionPoints,
        ExtendedKeyUsage, KeyUsage, SubjectAltName, SubjectKeyIdentifier,
    };

    use crate::test_fixtures::{converted, every_alternative};

    /// `alt_name` of x509-cert's general name.
    fn x509_alt_name(name: &X509Name) -> AltName {
        alt_name(&converted(name))
    }

    /// The arms as they were, decoding x509-cert's types with `from_der`.
    fn reference(extension: &Extension, info: &mut CertificateInfo) -> Result<(), Error> {
        match extension_name(&extension.extn_id) {
            Some("extendedKeyUsage") => {
                let usage: ExtendedKeyUsage = decode_ext(extension, "extension extendedKeyUsage")?;
                info.extended_key_usage = usage.0.iter().map(extended_key_usage_name).collect();
            }
            Some("cRLDistributionPoints") => {
                let points: CrlDistributionPoints =
                    decode_ext(extension, "extension cRLDistributionPoints")?;
                for point in &points.0 {
                    match &point.distribution_point {
                        Some(DistributionPointName::FullName(names)) => info
                            .crl_distribution_points
                            .extend(names.iter().map(|n| x509_alt_name(n).value)),
                        Some(DistributionPointName::NameRelativeToCRLIssuer(rdn)) => {
                            info.crl_distribution_points.push(rdn_rfc4514(rdn))
                        }
                        None => {}
                    }
                }
            }
            Some("authorityInfoAccess") => {
                let access: AuthorityInfoAccessSyntax =
                    decode_ext(extension, "extension authorityInfoAccess")?;
                for description in &access.0 {
                    let location = x509_alt_name(&description.access_location).value;
                    if description.access_method == ID_AD_OCSP {
                        info.ocsp_urls.push(location);
                    } else if description.access_method == ID_AD_CA_ISSUERS {
                        info.ca_issuers_urls.push(location);
                    }
                }
            }
            Some("certificatePolicies") => {
                let policies: CertificatePolicies =
                    decode_ext(extension, "extension certificatePolicies")?;
                info.policies = policies
                    .0
                    .iter()
                    .map(|p| oid_text(&p.policy_identifier))
                    .collect();
            }
            Some("subjectKeyIdentifier") => {
                let ski: SubjectKeyIdentifier =
                    decode_ext(extension, "extension subjectKeyIdentifier")?;
                info.subject_key_id = Some(colon_hex(ski.0.as_bytes()));
            }
            Some("authorityKeyIdentifier") => {
                let aki: AuthorityKeyIdentifier =
                    decode_ext(extension, "extension authorityKeyIdentifier")?;
                info.authority_key_id = aki.key_identifier.map(|id| colon_hex(id.as_bytes()));
            }
            Some("subjectAltName") => {
                let san = SubjectAltName::from_der(extension.extn_value.as_bytes())
                    .map_err(|e| Error::der(e, "extension subjectAltName"))?;
                info.subject_alt_names = san.0.iter().map(x509_alt_name).collect();
            }
            Some("keyUsage") => {
                let usage = KeyUsage::from_der(extension.extn_value.as_bytes())
                    .map_err(|e| Error::der(e, "extension keyUsage"))?;
                info.key_usage = key_usage_names(usage.0.bits());
            }
            Some("basicConstraints") => {
                let constraints = X509BasicConstraints::from_der(extension.extn_value.as_bytes())
                    .map_err(|e| Error::der(e, "extension basicConstraints"))?;
                info.is_ca = constraints.ca;
                info.path_length = constraints.path_len_constraint;
            }
            _ => unreachable!(),
        }
        Ok(())
    }

    type Fields<'a> = (
        [&'a Vec<String>; 5],
        [&'a Option<String>; 2],
        (&'a Vec<AltName>, &'a Vec<String>, bool, Option<u8>),
    );

    fn fields(info: &CertificateInfo) -> Fields<'_> {
        (
            [
                &info.extended_key_usage,
                &info.crl_distribution_points,
                &info.ocsp_urls,
                &info.ca_issuers_urls,
                &info.policies,
            ],
            [&info.subject_key_id, &info.authority_key_id],
            (
                &info.subject_alt_names,
                &info.key_usage,
                info.is_ca,
                info.path_length,
            ),
        )
    }

    fn seeds() -> Vec<(ObjectIdentifier, Vec<u8>)> {
        let mut seeds = Vec::new();
        for der in crate::test_fixtures::pem_blocks() {
            let Ok(cert) = parse(&der) else {
                continue;
            };
            for ext in cert.tbs_certificate().extensions().into_iter().flatten() {
                seeds.push((ext.extn_id, ext.extn_value.as_bytes().to_vec()));
            }
        }
        let uri = |s: &str| X509Name::UniformResourceIdentifier(Ia5String::new(s).unwrap());
        let oid = ObjectIdentifier::new_unwrap;
        let policies = CertificatePolicies(vec![
            PolicyInformation {
                policy_identifier: oid("2.23.140.1.2.1"),
                policy_qualifiers: Some(vec![
                    PolicyQualifierInfo {
                        policy_qualifier_id: oid("1.3.6.1.5.5.7.2.1"),
                        qualifier: Some(
                            Any::encode_from(&Ia5String::new("http://cps").unwrap()).unwrap(),
                        ),
                    },
                    PolicyQualifierInfo {
                        policy_qualifier_id: oid("1.3.6.1.5.5.7.2.2"),
                        qualifier: None,
                    },
                ]),
            },
            PolicyInformation {
                policy_identifier: oid("1.2.3"),
                policy_qualifiers: None,
            },
        ]);
        let rdn = RelativeDistinguishedName::from(
            SetOfVec::try_from(vec![AttributeTypeAndValue {
                oid: oid("2.5.4.3"),
                value: Any::encode_from(&Ia5String::new("x").unwrap()).unwrap(),
            }])
            .unwrap(),
        );
        let points = CrlDistributionPoints(vec![
            DistributionPoint {
                distribution_point: Some(DistributionPointName::FullName(vec![
                    uri("http://a"),
                    uri("http://b"),
                ])),
                reasons: Some(Reasons::KeyCompromise | Reasons::CaCompromise),
                crl_issuer: Some(vec![uri("http://issuer")]),
            },
            DistributionPoint {
                distribution_point: Some(DistributionPointName::NameRelativeToCRLIssuer(rdn)),
                reasons: None,
                crl_issuer: None,
            },
            DistributionPoint {
                distribution_point: None,
                reasons: None,
                crl_issuer: Some(vec![uri("http://c")]),
            },
        ]);
        let access = AuthorityInfoAccessSyntax(vec![
            AccessDescription {
                access_method: ID_AD_OCSP,
                access_location: uri("http://o"),
            },
            AccessDescription {
                access_method: ID_AD_CA_ISSUERS,
                access_location: uri("http://i"),
            },
            AccessDescription {
                access_method: oid("1.2.3"),
                access_location: uri("http://z"),
            },
        ]);
        let usage = ExtendedKeyUsage(vec![oid("1.3.6.1.5.5.7.3.1"), oid("1.2.3.4")]);
        seeds.push((oid("2.5.29.32"), policies.to_der().unwrap()));
        seeds.push((oid("2.5.29.31"), points.to_der().unwrap()));
        seeds.push((oid("1.3.6.1.5.5.7.1.1"), access.to_der().unwrap()));
        seeds.push((oid("2.5.29.37"), usage.to_der().unwrap()));
        let aki = AuthorityKeyIdentifier {
            key_identifier: Some(OctetString::new([1, 2, 3]).unwrap()),
            authority_cert_issuer: Some(vec![uri("http://issuer")]),
            authority_cert_serial_number: Some(SerialNumber::new(&[0x01, 0x00]).unwrap()),
        };
        seeds.push((oid("2.5.29.35"), aki.to_der().unwrap()));
        let every = every_alternative();
        seeds.push((
            oid("2.5.29.17"),
            SubjectAltName(every.clone()).to_der().unwrap(),
        ));
        let aki_names = AuthorityKeyIdentifier {
            key_identifier: None,
            authority_cert_issuer: Some(every.clone()),
            authority_cert_serial_number: None,
        };
        seeds.push((oid("2.5.29.35"), aki_names.to_der().unwrap()));
        let points_names = CrlDistributionPoints(vec![DistributionPoint {
            distribution_point: Some(DistributionPointName::FullName(every.clone())),
            reasons: None,
            crl_issuer: Some(every.clone()),
        }]);
        seeds.push((oid("2.5.29.31"), points_names.to_der().unwrap()));
        let access_every = AuthorityInfoAccessSyntax(
            every
                .into_iter()
                .map(|access_location| AccessDescription {
                    access_method: ID_AD_OCSP,
                    access_location,
                })
                .collect(),
        );
        seeds.push((oid("1.3.6.1.5.5.7.1.1"), access_every.to_der().unwrap()));
        // basicConstraints with cA FALSE encoded, though DER leaves a default out.
        seeds.push((
            oid("2.5.29.19"),
            vec![0x30, 0x06, 0x01, 0x01, 0x00, 0x02, 0x01, 0x03],
        ));
        // basicConstraints: empty, path lengths 0, 255 and 256 (too long for x509-cert's u8).
        for value in [
            vec![0x30, 0x00],
            vec![0x30, 0x06, 0x01, 0x01, 0xff, 0x02, 0x01, 0x00],
            vec![0x30, 0x07, 0x01, 0x01, 0xff, 0x02, 0x02, 0x00, 0xff],
            vec![0x30, 0x07, 0x01, 0x01, 0xff, 0x02, 0x02, 0x01, 0x00],
        ] {
            seeds.push((oid("2.5.29.19"), value));
        }
        // keyUsage: no bits, all nine, sixteen, seventeen (more than x509-cert's set holds).
        for value in [
            vec![0x03, 0x01, 0x00],
            vec![0x03, 0x03, 0x07, 0xff, 0x80],
            vec![0x03, 0x03, 0x00, 0xff, 0xff],
            vec![0x03, 0x04, 0x07, 0xff, 0xff, 0x80],
        ] {
            seeds.push((oid("2.5.29.15"), value));
        }
        seeds.retain(|(id, _)| {
            matches!(
                extension_name(id),
                Some(
                    "extendedKeyUsage"
                        | "cRLDistributionPoints"
                        | "authorityInfoAccess"
                        | "certificatePolicies"
                        | "subjectKeyIdentifier"
                        | "authorityKeyIdentifier"
                        | "subjectAltName"
                        | "keyUsage"
                        | "basicConstraints"
                )
            )
        });
        seeds
    }

    #[test]
    fn extension_readers_match_x509_cert() {
        let leaf = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/leaf-p256.pem"
        ))
        .unwrap();
        let mut blank = crate::inspect_pem(&leaf, 0).unwrap();
        let crate::Item::Certificate(blank) = blank.items.remove(0) else {
            panic!()
        };
        let mut blank = *blank;
        blank.extended_key_usage = vec!["earlier".to_string()];
        blank.policies = vec!["earlier".to_string()];
        blank.crl_distribution_points.clear();
        blank.ocsp_urls.clear();
        blank.ca_issuers_urls.clear();
        blank.subject_key_id = None;
        blank.subject_alt_names.clear();
        blank.key_usage.clear();
        blank.authority_key_id = None;
        let mut checked = 0;
        for (id, value) in seeds() {
            for v in crate::test_fixtures::one_byte_changes(&value) {
                let extension = Extension {
                    extn_id: id,
                    critical: false,
                    extn_value: OctetString::new(v).unwrap(),
                };
                let mut ours = blank.clone();
                let mut theirs = blank.clone();
                let ours_result = read_extension(&extension, &mut ours);
                let theirs_result = reference(&extension, &mut theirs);
                assert_eq!(ours_result, theirs_result, "{extension:?}");
                if ours_result.is_ok() {
                    assert_eq!(fields(&ours), fields(&theirs), "{extension:?}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 20, "{checked}");
    }
}
