//! PKCS#10 certificate signing requests.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use der::asn1::ObjectIdentifier;
use der::Decode;
use serde::Serialize;
use x509_cert::ext::pkix::SubjectAltName;
use x509_cert::request::{CertReq, ExtensionReq};

use crate::certificate::{alt_name, AltName, ExtensionInfo};
use crate::error::Error;
use crate::key::{public_key_info, PublicKeyInfo};
use crate::signature::{self, SignatureStatus};
use crate::text::{
    extension_name, hex, name_attributes, rfc4514, signature_algorithm_name, NameAttribute,
};

const EXTENSION_REQUEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.14");
const SUBJECT_ALT_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.29.17");

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

/// Inspects one DER CSR.
///
/// # Errors
/// Malformed DER (with offset) or a malformed requested subjectAltName.
pub fn inspect(der: &[u8]) -> Result<CertificateRequestInfo, Error> {
    let request = CertReq::from_der(der).map_err(|e| Error::der(e, "certificate request"))?;
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
                    let san = SubjectAltName::from_der(extension.extn_value.as_bytes())
                        .map_err(|e| Error::der(e, "requested subjectAltName"))?;
                    subject_alt_names.extend(san.0.iter().map(alt_name));
                }
                extensions.push(ExtensionInfo {
                    oid: extension.extn_id.to_string(),
                    name: name.map(str::to_string),
                    critical: extension.critical,
                    value_hex: name.is_none().then(|| hex(extension.extn_value.as_bytes())),
                });
            }
        }
    }
    let status = match signature::signed_part(der) {
        Some(signed) => signature::verify(
            &info.public_key,
            &request.algorithm,
            signed,
            &request.signature,
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
