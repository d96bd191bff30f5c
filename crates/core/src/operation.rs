//! The three operations as types that serialize to exactly the vendor's JSON body.
//!
//! Serializing an operation struct yields its request body: camelCase field names, absent
//! optional fields (and empty optional strings) omitted, and `caTag` left out because it is a
//! path parameter. Deserializing is lenient so that [`crate::validation`], not serde, reports
//! bad values: `caTag` is read when present (the npm package passes it in the
//! same object), an empty string counts as absent, and an unknown key type, period or
//! validation method is kept as [`KeyType::Unrecognized`] (etc.) for validation to name.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use core::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::certificate_manager::{
    DeleteCertificate, DownloadCertificate, GetCertificateChain, ListCertificates,
    ListCloudCertificates, ListDcvStatuses, ReissueCertificate, RevokeCertificate,
};
use crate::pem::PemRepair;
use crate::private_ca::{
    CreateCa, DeleteCa, GetCa, GetCaChain, GetCaCrl, GetCaList, GetEndCert, GetEndCertList,
    GetSubCsr, RevokeEndCert, SignEndCsr, SignSubCsr, UpdateCa,
};
use crate::site::{ApiVersion, Service};
use crate::validation::{Problem, ProblemCode, Severity};

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
    /// ([`ProblemCode::InvalidKeyType`]).
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

impl<'de> Deserialize<'de> for KeyType {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(KeyType::parse(&lenient::scalar_string(deserializer)?))
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
    /// report it ([`ProblemCode::InvalidPeriod`]).
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

impl<'de> Deserialize<'de> for Period {
    /// Accepts a string or (from JS callers) a number.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Period::parse(&lenient::scalar_string(deserializer)?))
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
    /// ([`ProblemCode::InvalidValidationMethod`]).
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
    /// it deserializes and validation reports `required`.
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

impl<'de> Deserialize<'de> for ValidationMethod {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(ValidationMethod::parse(&lenient::scalar_string(
            deserializer,
        )?))
    }
}

/// Issue End Cert's `x509Parameters`: the subject and SANs of the certificate to issue.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct X509Parameters {
    /// Subject CN, 1-64 characters (required).
    #[serde(default, deserialize_with = "lenient::string")]
    pub common_name: String,
    /// DNS names or e-mail addresses for the SAN, comma-separated.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "is_absent"
    )]
    pub alt_name: Option<String>,
    /// Organization (O), 0-64 characters.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "is_absent"
    )]
    pub organization: Option<String>,
    /// Organizational unit (OU), 0-128 characters.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "is_absent"
    )]
    pub organization_unit: Option<String>,
    /// Locality (L), 0-128 characters, e.g. `Seoul`.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "is_absent"
    )]
    pub locality: Option<String>,
    /// State or province (ST), 0-128 characters, e.g. `Gyeonggi-do`.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "is_absent"
    )]
    pub state_province: Option<String>,
    /// Street address, 0-128 characters.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "is_absent"
    )]
    pub street_address: Option<String>,
    /// Country (C), an ISO 3166-1 alpha-2 code such as `KR`.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "is_absent"
    )]
    pub country: Option<String>,
    /// IPv4/IPv6 addresses for the SAN, comma-separated.
    #[serde(
        default,
        deserialize_with = "lenient::opt_string",
        skip_serializing_if = "is_absent"
    )]
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
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IssueEndCert {
    /// The issuing CA's tag (path parameter; never serialized into the body).
    #[serde(default, deserialize_with = "lenient::string", skip_serializing)]
    pub ca_tag: String,
    /// Key type; absent lets NCP choose.
    #[serde(
        default,
        deserialize_with = "lenient::opt_key_type",
        skip_serializing_if = "key_type_absent"
    )]
    pub key_type: Option<KeyType>,
    /// Validity period; absent lets NCP choose.
    #[serde(
        default,
        deserialize_with = "lenient::opt_period",
        skip_serializing_if = "period_absent"
    )]
    pub period: Option<Period>,
    /// Subject and SANs.
    #[serde(default)]
    pub x509_parameters: X509Parameters,
}

/// Private CA: activate a subordinate CA with its signed certificate
/// (`POST /api/v1/ca/{caTag}/activate`).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivateSubCa {
    /// The sub CA's tag (path parameter; never serialized into the body).
    #[serde(default, deserialize_with = "lenient::string", skip_serializing)]
    pub ca_tag: String,
    /// The sub CA's certificate, signed by the outside CA (PEM).
    #[serde(default, deserialize_with = "lenient::string")]
    pub cert_pem: String,
    /// The signer's certificate chain (PEM).
    #[serde(default, deserialize_with = "lenient::string")]
    pub ca_chain_pem: String,
}

/// Certificate Manager: request a public (Cloud Basic) certificate
/// (`POST /api/v2/certificate/requestCertificateIssuance`).
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RequestCertificateIssuance {
    /// The certificate's name in the console (required).
    #[serde(default, deserialize_with = "lenient::string")]
    pub certificate_name: String,
    /// The CN: an FQDN, apex or wildcard domain (required).
    #[serde(default, deserialize_with = "lenient::string")]
    pub common_name: String,
    /// Further domains for the SAN; omitted from the body when empty.
    #[serde(
        default,
        deserialize_with = "lenient::string_list",
        skip_serializing_if = "Vec::is_empty"
    )]
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
    /// Query parameters in sending order, values unencoded ([`crate::request`] encodes them).
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

/// The one table of operations: variant, input type, JS name, service, method and path
/// template. Everything that names an endpoint (requests, the sandbox's router, the app, npm,
/// the CLI) reads it from here.
macro_rules! operations {
    ($(
        $(#[$doc:meta])*
        $variant:ident($input:ty) = $js:literal, $service:ident, $method:literal, $template:literal;
    )*) => {
        /// Which operation (see [`OperationKind::ALL`] for the list).
        #[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "camelCase")]
        pub enum OperationKind {
            $( $(#[$doc])* $variant, )*
        }

        impl OperationKind {
            /// Every operation, Private CA first.
            pub const ALL: [OperationKind; [$($js),*].len()] = [$(OperationKind::$variant),*];

            /// The JS name, e.g. `issueEndCert`.
            pub fn as_str(self) -> &'static str {
                match self { $(OperationKind::$variant => $js,)* }
            }

            /// The service that serves the operation.
            pub fn service(self) -> Service {
                match self { $(OperationKind::$variant => Service::$service,)* }
            }

            /// The HTTP method.
            pub fn method(self) -> &'static str {
                match self { $(OperationKind::$variant => $method,)* }
            }

            /// The path template with `{caTag}`, `{serialNo}` or `{certificateNo}` placeholders,
            /// e.g. `/api/v1/ca/{caTag}/cert/{serialNo}`.
            pub fn path_template(self) -> &'static str {
                match self { $(OperationKind::$variant => $template,)* }
            }
        }

        /// One operation's input, ready to validate and build into a request.
        #[derive(Clone, Debug, PartialEq, Eq)]
        #[allow(clippy::large_enum_variant)]
        pub enum Operation {
            $( $(#[$doc])* $variant($input), )*
        }

        $(
            impl From<$input> for Operation {
                fn from(op: $input) -> Self {
                    Operation::$variant(op)
                }
            }
        )*

        impl Operation {
            /// Which operation this is.
            pub fn kind(&self) -> OperationKind {
                match self { $(Operation::$variant(_) => OperationKind::$variant,)* }
            }

            fn input(&self) -> &dyn Input {
                match self { $(Operation::$variant(op) => op,)* }
            }

            fn input_mut(&mut self) -> &mut dyn Input {
                match self { $(Operation::$variant(op) => op,)* }
            }

            fn body_value(&self) -> serde_json::Result<String> {
                match self { $(Operation::$variant(op) => serde_json::to_string(op),)* }
            }

            fn read(kind: OperationKind, value: serde_json::Value) -> serde_json::Result<Operation> {
                Ok(match kind { $(OperationKind::$variant => Operation::$variant(serde_json::from_value(value)?),)* })
            }
        }
    };
}

operations! {
    /// Private CA P1, Get CA List (JS `getCaList`).
    GetCaList(GetCaList) = "getCaList", PrivateCa, "GET", "/api/v1/ca";
    /// Private CA P2, Get CA (JS `getCa`).
    GetCa(GetCa) = "getCa", PrivateCa, "GET", "/api/v1/ca/{caTag}";
    /// Private CA P3, Create CA: a root, or a sub CA (JS `createCa`).
    CreateCa(CreateCa) = "createCa", PrivateCa, "POST", "/api/v1/ca";
    /// Private CA P4, Get Sub Csr (JS `getSubCsr`).
    GetSubCsr(GetSubCsr) = "getSubCsr", PrivateCa, "GET", "/api/v1/ca/{caTag}/sub/csr";
    /// Private CA P5, Sign Sub Csr (JS `signSubCsr`).
    SignSubCsr(SignSubCsr) = "signSubCsr", PrivateCa, "POST", "/api/v1/ca/{caTag}/sub/sign";
    /// Private CA: Activate Sub CA, a seed operation (JS `activateSubCa`).
    ActivateSubCa(ActivateSubCa) = "activateSubCa", PrivateCa, "POST", "/api/v1/ca/{caTag}/activate";
    /// Private CA: Issue End Cert, a seed operation (JS `issueEndCert`).
    IssueEndCert(IssueEndCert) = "issueEndCert", PrivateCa, "POST", "/api/v1/ca/{caTag}/cert";
    /// Private CA P13, Sign End Csr (JS `signEndCsr`).
    SignEndCsr(SignEndCsr) = "signEndCsr", PrivateCa, "POST", "/api/v1/ca/{caTag}/cert/sign";
    /// Private CA P6, Get End Cert List (JS `getEndCertList`).
    GetEndCertList(GetEndCertList) = "getEndCertList", PrivateCa, "GET", "/api/v1/ca/{caTag}/cert";
    /// Private CA P7, Get End Cert (JS `getEndCert`).
    GetEndCert(GetEndCert) = "getEndCert", PrivateCa, "GET", "/api/v1/ca/{caTag}/cert/{serialNo}";
    /// Private CA P8, Revoke End Cert (JS `revokeEndCert`).
    RevokeEndCert(RevokeEndCert) = "revokeEndCert", PrivateCa, "POST", "/api/v1/ca/{caTag}/cert/{serialNo}/revoke";
    /// Private CA P9, Get CA Chain (JS `getCaChain`).
    GetCaChain(GetCaChain) = "getCaChain", PrivateCa, "GET", "/api/v1/ca/{caTag}/chain";
    /// Private CA P10, Get CA Crl (JS `getCaCrl`).
    GetCaCrl(GetCaCrl) = "getCaCrl", PrivateCa, "GET", "/api/v1/ca/{caTag}/crl";
    /// Private CA P11, Update CA: change the status (JS `updateCa`).
    UpdateCa(UpdateCa) = "updateCa", PrivateCa, "PUT", "/api/v1/ca/{caTag}";
    /// Private CA P12, Delete CA (JS `deleteCa`).
    DeleteCa(DeleteCa) = "deleteCa", PrivateCa, "DELETE", "/api/v1/ca/{caTag}";
    /// Certificate Manager: Request Certificate Issuance, a seed operation (JS
    /// `requestCertificateIssuance`).
    RequestCertificateIssuance(RequestCertificateIssuance) = "requestCertificateIssuance", CertificateManager, "POST", "/api/v2/certificate/requestCertificateIssuance";
    /// Certificate Manager C1, ListCloudCertificates (JS `listCloudCertificates`).
    ListCloudCertificates(ListCloudCertificates) = "listCloudCertificates", CertificateManager, "GET", "/api/v2/certificate/getCertificates";
    /// Certificate Manager C1b, ListCertificates, the older list path (JS `listCertificates`).
    ListCertificates(ListCertificates) = "listCertificates", CertificateManager, "GET", "/api/v2/certificate/certificates";
    /// Certificate Manager C2, ListDcvStatuses (JS `listDcvStatuses`).
    ListDcvStatuses(ListDcvStatuses) = "listDcvStatuses", CertificateManager, "GET", "/api/v2/certificate/getVerificationInfo/{certificateNo}";
    /// Certificate Manager C3, DeleteCertificate (JS `deleteCertificate`).
    DeleteCertificate(DeleteCertificate) = "deleteCertificate", CertificateManager, "DELETE", "/api/v2/certificate/deleteCertificate/{certificateNo}";
    /// Certificate Manager C4, ReissueCertificate (JS `reissueCertificate`).
    ReissueCertificate(ReissueCertificate) = "reissueCertificate", CertificateManager, "POST", "/api/v2/certificate/{certificateNo}/reissue";
    /// Certificate Manager C5, DownloadCertificate: a ZIP of PEM files (JS
    /// `downloadCertificate`).
    DownloadCertificate(DownloadCertificate) = "downloadCertificate", CertificateManager, "POST", "/api/v2/certificate/exportCertificate/{certificateNo}";
    /// Certificate Manager C6, GetCertificateChain (JS `getCertificateChain`).
    GetCertificateChain(GetCertificateChain) = "getCertificateChain", CertificateManager, "GET", "/api/v2/certificate/exportCertificate/{certificateNo}/chain";
    /// Certificate Manager C7, RevokeCertificate (JS `revokeCertificate`).
    RevokeCertificate(RevokeCertificate) = "revokeCertificate", CertificateManager, "POST", "/api/v2/certificate/revoke";
}

/// Path parameters read by [`OperationKind::route`]: `("caTag", "…")`, `("serialNo", "…")`,
/// `("certificateNo", "…")`, decoded.
pub type PathParams = Vec<(&'static str, String)>;

impl OperationKind {
    /// The API version of the operation's path.
    pub fn api_version(self) -> ApiVersion {
        if self.path_template().starts_with("/api/v2/") {
            ApiVersion::V2
        } else {
            ApiVersion::V1
        }
    }

    /// Whether every call of the operation destroys something that cannot be undone (revoke,
    /// delete): clients ask for an explicit confirmation first. Update CA is destructive only
    /// when it schedules deletion: ask [`Operation::is_destructive`].
    pub fn is_destructive(self) -> bool {
        matches!(
            self,
            OperationKind::RevokeEndCert
                | OperationKind::DeleteCa
                | OperationKind::DeleteCertificate
                | OperationKind::RevokeCertificate
        )
    }

    /// Matches a request's method and path (without query; `%3A` read as `:`) against the
    /// path templates: the operation and its path parameters, or `None`. Literal segments win
    /// over parameters (`…/cert/sign` is Sign End Csr, not a serial number).
    pub fn route(method: &str, path: &str) -> Option<(OperationKind, PathParams)> {
        let segments: Vec<&str> = path.split('/').collect();
        let mut best: Option<(usize, OperationKind, PathParams)> = None;
        for kind in OperationKind::ALL {
            if !kind.method().eq_ignore_ascii_case(method) {
                continue;
            }
            let template: Vec<&'static str> = kind.path_template().split('/').collect();
            if template.len() != segments.len() {
                continue;
            }
            let mut params = Vec::new();
            let mut literals = 0;
            let matched = template.iter().zip(&segments).all(|(t, s)| {
                if let Some(name) = t.strip_prefix('{').and_then(|t| t.strip_suffix('}')) {
                    let value = crate::request::percent_decode(s);
                    let ok = !value.is_empty();
                    params.push((name, value));
                    ok
                } else {
                    literals += 1;
                    t == s
                }
            });
            if matched && best.as_ref().is_none_or(|(n, _, _)| literals > *n) {
                best = Some((literals, kind, params));
            }
        }
        best.map(|(_, kind, params)| (kind, params))
    }
}

impl fmt::Display for OperationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for OperationKind {
    type Err = Problem;

    /// Parses a JS name such as `issueEndCert` or `listDcvStatuses`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        OperationKind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = OperationKind::ALL.iter().map(|k| k.as_str()).collect();
                Problem::new(
                    "operation",
                    ProblemCode::UnknownOperation,
                    format!("unknown operation {s:?}: use one of {}", names.join(", ")),
                )
            })
    }
}

impl Operation {
    /// Reads an operation's input from JSON using the vendor's field names (plus the path
    /// parameters `caTag`, `serialNo` and `certificateNo`, and query parameters by their
    /// documented names).
    ///
    /// Only JSON that is not an object, or has a field of an impossible shape (an object where
    /// a string belongs), fails here, as one [`ProblemCode::InvalidJson`] problem; bad values
    /// are left for [`Operation::validate`].
    pub fn from_json(kind: OperationKind, json: &str) -> Result<Operation, Problem> {
        let invalid = |detail: String| {
            Problem::new(
                "",
                ProblemCode::InvalidJson,
                format!("the input is not a valid JSON object for this operation: {detail}"),
            )
        };
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| invalid(e.to_string()))?;
        if !value.is_object() {
            return Err(invalid(format!(
                "expected an object, found {}",
                lenient::kind_name(&value)
            )));
        }
        Operation::read(kind, value).map_err(|e| invalid(e.to_string()))
    }

    /// The service that serves it.
    pub fn service(&self) -> Service {
        self.kind().service()
    }

    /// The API version of its path.
    pub fn api_version(&self) -> ApiVersion {
        self.kind().api_version()
    }

    /// The HTTP method (the kind's, except a Download Certificate retried the older way).
    pub fn method(&self) -> &'static str {
        match self {
            Operation::DownloadCertificate(op) if op.via_get => "GET",
            _ => self.kind().method(),
        }
    }

    /// The full upstream path with its query, exactly as sent and signed, e.g.
    /// `/api/v1/ca/4b0bbe37-eeea93b8/cert/5d:8a` or
    /// `/api/v2/certificate/getVerificationInfo/123?domainAddress=example.com`.
    ///
    /// Path parameters go in as given (validation refuses every character that would need
    /// encoding; colons in serial numbers are legal in a path); query values are
    /// percent-encoded once.
    pub fn path_and_query(&self) -> String {
        let input = self.input();
        let mut path = String::new();
        for (i, segment) in self.kind().path_template().split('/').enumerate() {
            if i > 0 {
                path.push('/');
            }
            match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
                Some(name) => path.push_str(input.path_param(name)),
                None => path.push_str(segment),
            }
        }
        let query = input.query();
        for (i, (name, value)) in query.iter().enumerate() {
            path.push(if i == 0 { '?' } else { '&' });
            path.push_str(name);
            path.push('=');
            path.push_str(&crate::request::percent_encode(value));
        }
        path
    }

    /// The request body: compact JSON with the vendor's field names, or `None` for an
    /// operation that sends none (GET, DELETE, Revoke End Cert).
    pub fn body_json(&self) -> Option<String> {
        let sends_body = matches!(self.method(), "POST" | "PUT") && self.input().has_body();
        // Serializing these plain structs cannot fail; `ok()` only avoids a panic path.
        sends_body.then(|| self.body_value().ok()).flatten()
    }

    /// Every problem that blocks sending (documented rules), in field order; empty when the
    /// input can be sent.
    pub fn validate(&self) -> Vec<Problem> {
        self.problems()
            .into_iter()
            .filter(|p| p.severity == Severity::Error)
            .collect()
    }

    /// Our own advice beyond the documented rules: shown, never blocking a send.
    pub fn warnings(&self) -> Vec<Problem> {
        self.problems()
            .into_iter()
            .filter(|p| p.severity == Severity::Warning)
            .collect()
    }

    /// Errors and warnings together, in field order.
    pub fn problems(&self) -> Vec<Problem> {
        let mut out = Vec::new();
        self.input().check(&mut out);
        out
    }

    /// Normalises the PEM fields to NCP's layout ([`crate::pem::normalise`]) and reports each
    /// repair with its field.
    pub fn normalise_pem(&mut self) -> Vec<PemRepair> {
        let mut repairs = Vec::new();
        for (field, text) in self.input_mut().pem_fields() {
            let (clean, codes) = crate::pem::normalise(text);
            if !codes.is_empty() {
                *text = clean;
                repairs.extend(codes.into_iter().map(|code| PemRepair::new(field, code)));
            }
        }
        repairs
    }

    /// Whether this call destroys something that cannot be undone: a revocation, a deletion,
    /// or an Update CA to `DESTROYING` (the CA and its sub CAs are deleted after 72 hours,
    /// P11). Clients ask for an explicit confirmation first.
    pub fn is_destructive(&self) -> bool {
        match self {
            Operation::UpdateCa(op) => op.status == "DESTROYING",
            _ => self.kind().is_destructive(),
        }
    }

    /// The same request the older documented way, for a client to retry once when the
    /// gateway answers that the path or method is unknown ([`wants_fallback`]): List Cloud
    /// Certificates falls back to List Certificates (which takes no filter: filter the answer
    /// by name yourself), Download Certificate from POST to GET (ncp-operations.md C1, C5).
    pub fn fallback(&self) -> Option<Operation> {
        match self {
            Operation::ListCloudCertificates(_) => {
                Some(Operation::ListCertificates(ListCertificates::default()))
            }
            Operation::DownloadCertificate(op) if !op.via_get => {
                Some(Operation::DownloadCertificate(DownloadCertificate {
                    via_get: true,
                    ..op.clone()
                }))
            }
            _ => None,
        }
    }
}

/// Whether an answer says the path or method is unknown to the gateway (HTTP 404 or 405, or
/// gateway errorCode 300): the cue to retry with [`Operation::fallback`].
pub fn wants_fallback(status: u16, body: &str) -> bool {
    if status == 404 || status == 405 {
        return true;
    }
    serde_json::from_str::<serde_json::Value>(body)
        .ok()
        .and_then(|v| v.get("error")?.get("errorCode").cloned())
        .is_some_and(|code| code == "300" || code == 300)
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

/// Lenient deserializers: accept what JS and hand-written JSON send, leave judgement to
/// validation.
pub(crate) mod lenient {
    use super::*;
    use serde_json::Value;

    /// A string, number or boolean as its string form; null as "". Objects and arrays fail.
    pub(crate) fn scalar_string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        match Value::deserialize(d)? {
            Value::Null => Ok(String::new()),
            Value::String(s) => Ok(s),
            Value::Number(n) => Ok(n.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            other => Err(serde::de::Error::custom(format!(
                "expected a string, found {}",
                kind_name(&other)
            ))),
        }
    }

    pub(crate) fn kind_name(value: &Value) -> &'static str {
        match value {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    pub(crate) fn string<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        scalar_string(d)
    }

    pub(crate) fn opt_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        let s = scalar_string(d)?;
        Ok(if s.is_empty() { None } else { Some(s) })
    }

    pub(crate) fn opt_key_type<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<KeyType>, D::Error> {
        Ok(opt_string(d)?.map(|s| KeyType::parse(&s)))
    }

    pub(crate) fn opt_period<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Period>, D::Error> {
        Ok(opt_string(d)?.map(|s| Period::parse(&s)))
    }

    /// An array of scalars, or (as typed into a form) one comma-separated string.
    pub(crate) fn string_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        match Value::deserialize(d)? {
            Value::Null => Ok(Vec::new()),
            Value::String(s) => Ok(crate::validation::split_list(&s)
                .map(ToString::to_string)
                .collect()),
            Value::Array(items) => items
                .into_iter()
                .map(|item| match item {
                    Value::String(s) => Ok(s),
                    Value::Number(n) => Ok(n.to_string()),
                    other => Err(serde::de::Error::custom(format!(
                        "expected a list of strings, found {} in it",
                        kind_name(&other)
                    ))),
                })
                .collect(),
            other => Err(serde::de::Error::custom(format!(
                "expected a list of strings, found {}",
                kind_name(&other)
            ))),
        }
    }
}
