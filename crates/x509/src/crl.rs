//! Certificate revocation lists.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use der::asn1::ObjectIdentifier;
use serde::Serialize;
use x509_cert::certificate::Raw;
use x509_cert::crl::CertificateList;
use x509_cert::ext::pkix::{CrlNumber, CrlReason};

use crate::certificate::ExtensionInfo;
use crate::der_value::from_der_value;
use crate::error::Error;
use crate::text::{
    colon_hex, extension_name, hex, name_attributes, oid_text, rfc3339, rfc4514, serial_hex,
    signature_algorithm_name, strip_sign_byte, unix_seconds, NameAttribute,
};

const CRL_NUMBER: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.20");
const CRL_REASON: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.21");

/// What a CRL says (the `kind: "crl"` item of `inspectPem`).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CrlInfo {
    /// The issuing CA, RFC 4514.
    pub issuer: String,
    /// Issuer attributes in encoding order.
    pub issuer_attributes: Vec<NameAttribute>,
    /// When this CRL was issued, RFC 3339.
    pub this_update: String,
    /// When the next CRL is due, RFC 3339.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub next_update: Option<String>,
    /// `nextUpdate` is before the given time.
    pub stale: bool,
    /// The CRL number, in decimal (colon hex if longer than 128 bits).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crl_number: Option<String>,
    /// The revoked certificates.
    pub revoked: Vec<RevokedCertificate>,
    /// The signature algorithm, openssl's name or dotted OID.
    pub signature_algorithm: String,
    /// CRL extensions.
    pub extensions: Vec<ExtensionInfo>,
    /// The CRL as clean PEM.
    pub pem: String,
}

/// One revoked certificate.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RevokedCertificate {
    /// Its serial number, colon hex as in [`crate::certificate::CertificateInfo::serial_number`].
    pub serial_number: String,
    /// When it was revoked, RFC 3339.
    pub revocation_date: String,
    /// The reason code's RFC 5280 name (`keyCompromise`, ...), when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Inspects one DER CRL at time `now` (Unix seconds).
///
/// # Errors
/// Malformed DER (with offset), or a date out of range.
pub fn inspect(der: &[u8], now: i64) -> Result<CrlInfo, Error> {
    let list = from_der_value::<CertificateList<Raw>>(der).map_err(|e| Error::der(e, "CRL"))?;
    let tbs = &list.tbs_cert_list;
    let mut revoked = Vec::new();
    for entry in tbs.revoked_certificates.iter().flatten() {
        let reason = entry
            .crl_entry_extensions
            .iter()
            .flatten()
            .find(|e| e.extn_id == CRL_REASON)
            .and_then(|e| from_der_value::<CrlReason>(e.extn_value.as_bytes()).ok())
            .map(reason_name);
        revoked.push(RevokedCertificate {
            serial_number: serial_hex(entry.serial_number.as_bytes()),
            revocation_date: rfc3339(entry.revocation_date.to_unix_duration().as_secs())?,
            reason: reason.map(str::to_string),
        });
    }
    let mut crl_number = None;
    let mut extensions = Vec::new();
    for extension in tbs.crl_extensions.iter().flatten() {
        if extension.extn_id == CRL_NUMBER {
            crl_number = from_der_value::<CrlNumber>(extension.extn_value.as_bytes())
                .ok()
                .map(|n| decimal_or_hex(strip_sign_byte(n.0.as_bytes())));
        }
        let name = extension_name(&extension.extn_id);
        extensions.push(ExtensionInfo {
            oid: oid_text(&extension.extn_id),
            name: name.map(str::to_string),
            critical: extension.critical,
            value_hex: name.is_none().then(|| hex(extension.extn_value.as_bytes())),
        });
    }
    let next_update = match tbs.next_update {
        Some(time) => Some(rfc3339(time.to_unix_duration().as_secs())?),
        None => None,
    };
    Ok(CrlInfo {
        issuer: rfc4514(&tbs.issuer),
        issuer_attributes: name_attributes(&tbs.issuer),
        this_update: rfc3339(tbs.this_update.to_unix_duration().as_secs())?,
        next_update,
        stale: tbs.next_update.is_some_and(|t| unix_seconds(t) < now),
        crl_number,
        revoked,
        signature_algorithm: signature_algorithm_name(&list.signature_algorithm.oid),
        extensions,
        pem: crate::pem::encode("X509 CRL", der),
    })
}

fn decimal_or_hex(bytes: &[u8]) -> String {
    if bytes.len() > 16 {
        return colon_hex(bytes);
    }
    bytes
        .iter()
        .fold(0u128, |acc, &b| (acc << 8) | u128::from(b))
        .to_string()
}

fn reason_name(reason: CrlReason) -> &'static str {
    match reason {
        CrlReason::Unspecified => "unspecified",
        CrlReason::KeyCompromise => "keyCompromise",
        CrlReason::CaCompromise => "cACompromise",
        CrlReason::AffiliationChanged => "affiliationChanged",
        CrlReason::Superseded => "superseded",
        CrlReason::CessationOfOperation => "cessationOfOperation",
        CrlReason::CertificateHold => "certificateHold",
        CrlReason::RemoveFromCRL => "removeFromCRL",
        CrlReason::PrivilegeWithdrawn => "privilegeWithdrawn",
        CrlReason::AaCompromise => "aACompromise",
    }
}
