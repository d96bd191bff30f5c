//! The parts operation inputs are made of: the value types of their fields ([`KeyType`],
//! [`Period`], [`ValidationMethod`], [`X509Parameters`]), the seeds' inputs ([`IssueEndCert`],
//! [`ActivateSubCa`], [`RequestCertificateIssuance`]), what every input tells the request
//! builder (`Input`), and the input-only readers of [`Fields`].
//!
//! Serializing an input yields its request body: camelCase field names, absent optional
//! fields (and empty optional strings) omitted, and `caTag` left out because it is a path
//! parameter. Reading is lenient so that validation, not the reader, reports bad values:
//! `caTag` is read when present (the npm package passes it in the same object), an empty
//! string counts as absent, and an unknown key type, period or validation method is kept as
//! [`KeyType::Unrecognized`] (etc.) for validation to name.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use serde::{Serialize, Serializer};

use crate::problem::Problem;
use crate::wire::{Fields, FromFields};

/// Key algorithm and size for Issue End Cert's `keyType`.
#[cfg_attr(
    feature = "tsify",
    derive(tsify::Tsify),
    tsify(type = "\"RSA2048\" | \"RSA4096\" | \"EC256\" | \"EC521\"")
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum KeyType {
    /// `RSA2048`
    Rsa2048,
    /// `RSA4096`
    Rsa4096,
    /// `EC256` (P-256)
    Ec256,
    /// `EC521` (P-521)
    Ec521,
    /// Any other string, kept as given so that validation can report it
    /// ([`ProblemCode::InvalidKeyType`](crate::problem::ProblemCode::InvalidKeyType)).
    Unrecognized(String),
}

impl KeyType {
    /// The values NCP accepts, in its order.
    pub const ALL: [KeyType; 4] = [
        KeyType::Rsa2048,
        KeyType::Rsa4096,
        KeyType::Ec256,
        KeyType::Ec521,
    ];

    /// The wire value, e.g. `RSA2048` (or the unrecognized string as given).
    pub fn as_str(&self) -> &str {
        match self {
            KeyType::Rsa2048 => "RSA2048",
            KeyType::Rsa4096 => "RSA4096",
            KeyType::Ec256 => "EC256",
            KeyType::Ec521 => "EC521",
            KeyType::Unrecognized(s) => s,
        }
    }

    /// Maps a wire value to a key type; anything but the four exact (case-sensitive) values
    /// becomes [`KeyType::Unrecognized`].
    pub fn parse(s: &str) -> KeyType {
        KeyType::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .unwrap_or_else(|| KeyType::Unrecognized(s.to_string()))
    }
}

impl fmt::Display for KeyType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for KeyType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Validity period for Issue End Cert's `period`: days `1..=3650`, or `MAX`.
#[cfg_attr(
    feature = "tsify",
    derive(tsify::Tsify),
    tsify(type = "`${number}` | \"MAX\" | number")
)]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    /// A number of days. Validation accepts `1..=3650`.
    Days(u32),
    /// `MAX`: the longest validity the CA allows.
    Max,
    /// Any other string (e.g. `max`, `007`, `1y`), kept as given so that validation can
    /// report it ([`ProblemCode::InvalidPeriod`](crate::problem::ProblemCode::InvalidPeriod)).
    Unrecognized(String),
}

impl Period {
    /// The longest period in days that NCP accepts as a number.
    pub const MAX_DAYS: u32 = 3650;

    /// Maps a wire value to a period. Only canonical decimals (no sign, no leading zero) become
    /// [`Period::Days`]; only upper-case `MAX` becomes [`Period::Max`].
    pub fn parse(s: &str) -> Period {
        if s == "MAX" {
            return Period::Max;
        }
        let canonical = !s.is_empty()
            && s.bytes().all(|b| b.is_ascii_digit())
            && !(s.len() > 1 && s.starts_with('0'));
        match s.parse::<u32>() {
            Ok(days) if canonical => Period::Days(days),
            _ => Period::Unrecognized(s.to_string()),
        }
    }

    /// An input's period as typed: "" is absent, anything else is [`Period::parse`]d.
    pub fn parse_input(s: &str) -> Option<Period> {
        (!s.is_empty()).then(|| Period::parse(s))
    }

    /// The wire value: the decimal number of days, `MAX`, or the unrecognized string.
    pub fn to_wire(&self) -> String {
        match self {
            Period::Days(days) => days.to_string(),
            Period::Max => "MAX".to_string(),
            Period::Unrecognized(s) => s.clone(),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_wire())
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_wire())
    }
}

/// Domain control validation method for Request Certificate Issuance.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify), tsify(type = "\"D\" | \"E\""))]
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ValidationMethod {
    /// `D`: DNS CNAME validation (the current documentation's only method).
    Dns,
    /// `E`: e-mail validation (listed by an older page; NAVER Cloud is retiring it).
    Email,
    /// Any other string, kept as given for validation to report
    /// ([`ProblemCode::InvalidValidationMethod`](crate::problem::ProblemCode::InvalidValidationMethod)).
    Unrecognized(String),
}

impl ValidationMethod {
    /// The wire value: `D`, `E`, or the unrecognized string.
    pub fn as_str(&self) -> &str {
        match self {
            ValidationMethod::Dns => "D",
            ValidationMethod::Email => "E",
            ValidationMethod::Unrecognized(s) => s,
        }
    }

    /// Maps a wire value (`D` or `E`, case-sensitive) to a method.
    pub fn parse(s: &str) -> ValidationMethod {
        match s {
            "D" => ValidationMethod::Dns,
            "E" => ValidationMethod::Email,
            other => ValidationMethod::Unrecognized(other.to_string()),
        }
    }
}

impl Default for ValidationMethod {
    /// An empty [`ValidationMethod::Unrecognized`]: the field is required, so a body without
    /// it is read and validation reports `required`.
    fn default() -> Self {
        ValidationMethod::Unrecognized(String::new())
    }
}

impl fmt::Display for ValidationMethod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ValidationMethod {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Issue End Cert's `x509Parameters`: the subject and SANs of the certificate to issue.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct X509Parameters {
    /// Subject CN, 1-64 characters (required).
    #[serde(default)]
    pub common_name: String,
    /// DNS names or e-mail addresses for the SAN, comma-separated.
    #[serde(default, skip_serializing_if = "is_absent")]
    pub alt_name: Option<String>,
    /// Organization (O), 0-64 characters.
    #[serde(default, skip_serializing_if = "is_absent")]
    pub organization: Option<String>,
    /// Organizational unit (OU), 0-128 characters.
    #[serde(default, skip_serializing_if = "is_absent")]
    pub organization_unit: Option<String>,
    /// Locality (L), 0-128 characters, e.g. `Seoul`.
    #[serde(default, skip_serializing_if = "is_absent")]
    pub locality: Option<String>,
    /// State or province (ST), 0-128 characters, e.g. `Gyeonggi-do`.
    #[serde(default, skip_serializing_if = "is_absent")]
    pub state_province: Option<String>,
    /// Street address, 0-128 characters.
    #[serde(default, skip_serializing_if = "is_absent")]
    pub street_address: Option<String>,
    /// Country (C), an ISO 3166-1 alpha-2 code such as `KR`.
    #[serde(default, skip_serializing_if = "is_absent")]
    pub country: Option<String>,
    /// IPv4/IPv6 addresses for the SAN, comma-separated.
    #[serde(default, skip_serializing_if = "is_absent")]
    pub ip: Option<String>,
}

impl X509Parameters {
    /// Parameters with only the required common name set.
    pub fn with_common_name(common_name: impl Into<String>) -> Self {
        Self {
            common_name: common_name.into(),
            ..Self::default()
        }
    }
}

/// Private CA: issue an end-entity certificate (`POST /api/v1/ca/{caTag}/cert`).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IssueEndCert {
    /// The issuing CA's tag (path parameter; never serialized into the body).
    #[serde(default, skip_serializing)]
    pub ca_tag: String,
    /// Key type; absent lets NCP choose.
    #[serde(default, skip_serializing_if = "key_type_absent")]
    pub key_type: Option<KeyType>,
    /// Validity period; absent lets NCP choose.
    #[serde(default, skip_serializing_if = "period_absent")]
    pub period: Option<Period>,
    /// Subject and SANs.
    #[serde(default)]
    pub x509_parameters: X509Parameters,
}

/// Private CA: activate a subordinate CA with its signed certificate
/// (`POST /api/v1/ca/{caTag}/activate`).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivateSubCa {
    /// The sub CA's tag (path parameter; never serialized into the body).
    #[serde(default, skip_serializing)]
    pub ca_tag: String,
    /// The sub CA's certificate, signed by the outside CA (PEM).
    #[serde(default)]
    pub cert_pem: String,
    /// The signer's certificate chain (PEM).
    #[serde(default)]
    pub ca_chain_pem: String,
}

/// Certificate Manager: request a public (Cloud Basic) certificate
/// (`POST /api/v2/certificate/requestCertificateIssuance`).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestCertificateIssuance {
    /// The certificate's name in the console (required).
    #[serde(default)]
    pub certificate_name: String,
    /// The CN: an FQDN, apex or wildcard domain (required).
    #[serde(default)]
    pub common_name: String,
    /// Further domains for the SAN; omitted from the body when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dns_name: Vec<String>,
    /// Domain control validation method (required).
    #[serde(default)]
    pub validation_method: ValidationMethod,
}

/// What each operation's input contributes to its request, beside its JSON body.
pub(crate) trait Input {
    /// The value of path parameter `{name}` of the operation's path template.
    fn path_param(&self, _name: &str) -> &str {
        ""
    }
    /// Query parameters in sending order, values unencoded (the path builder encodes them).
    fn query(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
    /// Whether a JSON body is sent (only asked of POST and PUT operations).
    fn has_body(&self) -> bool {
        true
    }
    /// The PEM fields to normalise before signing, with their JSON names.
    fn pem_fields(&mut self) -> Vec<(&'static str, &mut String)> {
        Vec::new()
    }
    /// Every problem with the input, errors and warnings, in field order.
    fn check(&self, out: &mut Vec<Problem>);
}

pub(crate) fn is_absent(value: &Option<String>) -> bool {
    value.as_deref().is_none_or(str::is_empty)
}

pub(crate) fn key_type_absent(value: &Option<KeyType>) -> bool {
    value.as_ref().is_none_or(|k| k.as_str().is_empty())
}

pub(crate) fn period_absent(value: &Option<Period>) -> bool {
    value
        .as_ref()
        .is_none_or(|p| matches!(p, Period::Unrecognized(s) if s.is_empty()))
}

impl Fields {
    /// A key type; "" and `null` as absent, an unknown one kept for validation to name.
    pub(crate) fn key_type(&mut self, name: &str) -> Option<KeyType> {
        self.opt_scalar(name).map(|s| KeyType::parse(&s))
    }

    /// A period, string or number; "" and `null` as absent, an unknown one kept.
    pub(crate) fn period(&mut self, name: &str) -> Option<Period> {
        Period::parse_input(&self.scalar(name))
    }

    /// A validation method; absent as the empty [`ValidationMethod::Unrecognized`], its
    /// default, so that validation reports it required.
    pub(crate) fn validation_method(&mut self, name: &str) -> ValidationMethod {
        ValidationMethod::parse(&self.scalar(name))
    }
}

impl FromFields for X509Parameters {
    fn from_fields(fields: &mut Fields) -> Self {
        X509Parameters {
            common_name: fields.scalar("commonName"),
            alt_name: fields.opt_scalar("altName"),
            organization: fields.opt_scalar("organization"),
            organization_unit: fields.opt_scalar("organizationUnit"),
            locality: fields.opt_scalar("locality"),
            state_province: fields.opt_scalar("stateProvince"),
            street_address: fields.opt_scalar("streetAddress"),
            country: fields.opt_scalar("country"),
            ip: fields.opt_scalar("ip"),
        }
    }
}

impl FromFields for IssueEndCert {
    fn from_fields(fields: &mut Fields) -> Self {
        IssueEndCert {
            ca_tag: fields.scalar("caTag"),
            key_type: fields.key_type("keyType"),
            period: fields.period("period"),
            x509_parameters: fields.required_object("x509Parameters"),
        }
    }
}

impl FromFields for ActivateSubCa {
    fn from_fields(fields: &mut Fields) -> Self {
        ActivateSubCa {
            ca_tag: fields.scalar("caTag"),
            cert_pem: fields.scalar("certPem"),
            ca_chain_pem: fields.scalar("caChainPem"),
        }
    }
}

impl FromFields for RequestCertificateIssuance {
    fn from_fields(fields: &mut Fields) -> Self {
        RequestCertificateIssuance {
            certificate_name: fields.scalar("certificateName"),
            common_name: fields.scalar("commonName"),
            dns_name: fields.string_list("dnsName"),
            validation_method: fields.validation_method("validationMethod"),
        }
    }
}
