//! Validation of operation input against the vendor's rules, reporting every problem at once.
//!
//! Each [`Problem`] names the field by its JSON path (`x509Parameters.commonName`,
//! `dnsName[2]`), carries a stable machine [`ProblemCode`] (the app translates codes, so codes
//! are the contract) and an English message naming the rule. [`check_field`] checks one field
//! as a form types it, with exactly the rules [`validate`] applies to a whole operation.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;
use core::net::{Ipv4Addr, Ipv6Addr};

use serde::{Deserialize, Serialize};

pub use crate::country::COUNTRY_CODES;
use crate::operation::{
    ActivateSubCa, IssueEndCert, KeyType, Operation, OperationKind, Period,
    RequestCertificateIssuance, ValidationMethod,
};

/// A stable, machine-readable reason for a [`Problem`]. Serialized as its snake_case string.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ProblemCode {
    /// `required`: a required field is missing or empty.
    Required,
    /// `too_long`: more characters than the field allows.
    TooLong,
    /// `invalid_key_type`: keyType is not RSA2048, RSA4096, EC256 or EC521.
    InvalidKeyType,
    /// `invalid_period`: period is not a whole number of days 1-3650 or `MAX`.
    InvalidPeriod,
    /// `invalid_country`: not an ISO 3166-1 alpha-2 code.
    InvalidCountry,
    /// `invalid_ip`: an entry of the IP list is not an IPv4 or IPv6 address.
    InvalidIp,
    /// `invalid_alt_name`: an entry of altName is neither a host name nor an e-mail address.
    InvalidAltName,
    /// `invalid_ca_tag`: caTag contains a character that would change or encode the URL path.
    InvalidCaTag,
    /// `invalid_pem`: no `-----BEGIN CERTIFICATE-----` ... `-----END CERTIFICATE-----` block.
    InvalidPem,
    /// `contains_private_key`: a certificate field holds a private key, which must not be sent.
    ContainsPrivateKey,
    /// `invalid_domain`: not an FQDN, apex or wildcard (`*.example.com`) domain.
    InvalidDomain,
    /// `invalid_validation_method`: validationMethod is not `D` (or the retiring `E`).
    InvalidValidationMethod,
    /// `invalid_json`: the input could not be read as this operation's JSON object.
    InvalidJson,
    /// `unknown_field`: [`check_field`] was asked about a field the operation does not have.
    UnknownField,
    /// `unknown_operation`: an operation name other than the three supported.
    UnknownOperation,
}

impl ProblemCode {
    /// Every code, for documentation and translation tables.
    pub const ALL: [ProblemCode; 15] = [
        ProblemCode::Required,
        ProblemCode::TooLong,
        ProblemCode::InvalidKeyType,
        ProblemCode::InvalidPeriod,
        ProblemCode::InvalidCountry,
        ProblemCode::InvalidIp,
        ProblemCode::InvalidAltName,
        ProblemCode::InvalidCaTag,
        ProblemCode::InvalidPem,
        ProblemCode::ContainsPrivateKey,
        ProblemCode::InvalidDomain,
        ProblemCode::InvalidValidationMethod,
        ProblemCode::InvalidJson,
        ProblemCode::UnknownField,
        ProblemCode::UnknownOperation,
    ];

    /// The stable string, e.g. `too_long`.
    pub fn as_str(self) -> &'static str {
        match self {
            ProblemCode::Required => "required",
            ProblemCode::TooLong => "too_long",
            ProblemCode::InvalidKeyType => "invalid_key_type",
            ProblemCode::InvalidPeriod => "invalid_period",
            ProblemCode::InvalidCountry => "invalid_country",
            ProblemCode::InvalidIp => "invalid_ip",
            ProblemCode::InvalidAltName => "invalid_alt_name",
            ProblemCode::InvalidCaTag => "invalid_ca_tag",
            ProblemCode::InvalidPem => "invalid_pem",
            ProblemCode::ContainsPrivateKey => "contains_private_key",
            ProblemCode::InvalidDomain => "invalid_domain",
            ProblemCode::InvalidValidationMethod => "invalid_validation_method",
            ProblemCode::InvalidJson => "invalid_json",
            ProblemCode::UnknownField => "unknown_field",
            ProblemCode::UnknownOperation => "unknown_operation",
        }
    }
}

impl fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing wrong with the input: which field, why (stable code), and an English message.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// JSON path of the field, e.g. `x509Parameters.commonName` or `dnsName[1]`.
    pub field: String,
    /// Stable machine code.
    pub code: ProblemCode,
    /// English message naming the rule.
    pub message: String,
}

impl Problem {
    /// A problem with `field`.
    pub fn new(field: impl Into<String>, code: ProblemCode, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code,
            message: message.into(),
        }
    }

    /// The error code the real NCP service answers for this problem, where one is known
    /// (see [`NCP_ERROR_CODES`]); the sandbox uses it to answer as NCP does.
    pub fn ncp_code(&self) -> Option<&'static str> {
        let field = self.field.split('[').next().unwrap_or_default();
        NCP_ERROR_CODES
            .iter()
            .find(|m| m.field == field && m.problem.is_none_or(|code| code == self.code))
            .map(|m| m.ncp_code)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{} ({})", self.message, self.code)
        } else {
            write!(f, "{}: {} ({})", self.field, self.message, self.code)
        }
    }
}

/// A known correspondence between a problem and the code NCP answers with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NcpErrorCode {
    /// The field path (list indices removed).
    pub field: &'static str,
    /// The problem code, or `None` for any problem with the field.
    pub problem: Option<ProblemCode>,
    /// The Private CA `code` or Certificate Manager `returnCode` NCP answers with.
    pub ncp_code: &'static str,
}

/// The codes NCP answers for input problems, from NCP's generated client and ncp-api.md
/// section 3. Problems not listed have no documented NCP code.
pub const NCP_ERROR_CODES: &[NcpErrorCode] = &[
    NcpErrorCode {
        field: "x509Parameters.commonName",
        problem: Some(ProblemCode::Required),
        ncp_code: "EMPTY_COMMON_NAME",
    },
    NcpErrorCode {
        field: "x509Parameters.commonName",
        problem: Some(ProblemCode::TooLong),
        ncp_code: "EXCEED_COMMON_NAME",
    },
    NcpErrorCode {
        field: "period",
        problem: None,
        ncp_code: "INVALID_INPUT_PERIOD",
    },
    NcpErrorCode {
        field: "x509Parameters.ip",
        problem: None,
        ncp_code: "INVALID_X509_IP",
    },
    NcpErrorCode {
        field: "certPem",
        problem: None,
        ncp_code: "INVALID_INPUT_CERT",
    },
    NcpErrorCode {
        field: "caChainPem",
        problem: None,
        ncp_code: "INVALID_INPUT_CA_CHAIN",
    },
    // Certificate Manager: returnCode 2201 "Invalid DNS SANs input format".
    NcpErrorCode {
        field: "dnsName",
        problem: None,
        ncp_code: "2201",
    },
];

/// The field an NCP error code is about, if known (the reverse of [`Problem::ncp_code`]).
pub fn field_for_ncp_code(ncp_code: &str) -> Option<&'static str> {
    NCP_ERROR_CODES
        .iter()
        .find(|m| m.ncp_code == ncp_code)
        .map(|m| m.field)
}

/// Longest commonName of Issue End Cert (and, per RFC 5280's ub-common-name, of any CN).
pub const COMMON_NAME_MAX: usize = 64;
/// Longest organization.
pub const ORGANIZATION_MAX: usize = 64;
/// Longest organizationUnit, locality, stateProvince and streetAddress.
pub const LONG_FIELD_MAX: usize = 128;

/// Every problem with `operation`, in field order; empty when it is valid.
pub fn validate(operation: &Operation) -> Vec<Problem> {
    match operation {
        Operation::IssueEndCert(op) => validate_issue_end_cert(op),
        Operation::ActivateSubCa(op) => validate_activate_sub_ca(op),
        Operation::RequestCertificateIssuance(op) => validate_request_certificate_issuance(op),
    }
}

/// Every problem with an Issue End Cert input.
pub fn validate_issue_end_cert(op: &IssueEndCert) -> Vec<Problem> {
    let mut out = Vec::new();
    let x = &op.x509_parameters;
    ca_tag("caTag", &op.ca_tag, &mut out);
    if let Some(k) = &op.key_type {
        key_type("keyType", k, &mut out);
    }
    if let Some(p) = &op.period {
        period("period", p, &mut out);
    }
    required_length(
        "x509Parameters.commonName",
        &x.common_name,
        COMMON_NAME_MAX,
        &mut out,
    );
    let optional = |v: &Option<String>| v.clone().unwrap_or_default();
    alt_names("x509Parameters.altName", &optional(&x.alt_name), &mut out);
    max_length(
        "x509Parameters.organization",
        &optional(&x.organization),
        ORGANIZATION_MAX,
        &mut out,
    );
    for (field, value) in [
        ("x509Parameters.organizationUnit", &x.organization_unit),
        ("x509Parameters.locality", &x.locality),
        ("x509Parameters.stateProvince", &x.state_province),
        ("x509Parameters.streetAddress", &x.street_address),
    ] {
        max_length(field, &optional(value), LONG_FIELD_MAX, &mut out);
    }
    country("x509Parameters.country", &optional(&x.country), &mut out);
    ip_list("x509Parameters.ip", &optional(&x.ip), &mut out);
    out
}

/// Every problem with an Activate Sub CA input.
pub fn validate_activate_sub_ca(op: &ActivateSubCa) -> Vec<Problem> {
    let mut out = Vec::new();
    ca_tag("caTag", &op.ca_tag, &mut out);
    pem_certificate("certPem", &op.cert_pem, &mut out);
    pem_certificate("caChainPem", &op.ca_chain_pem, &mut out);
    out
}

/// Every problem with a Request Certificate Issuance input.
pub fn validate_request_certificate_issuance(op: &RequestCertificateIssuance) -> Vec<Problem> {
    let mut out = Vec::new();
    if op.certificate_name.is_empty() {
        out.push(required("certificateName"));
    }
    domain(
        "commonName",
        &op.common_name,
        true,
        Some(COMMON_NAME_MAX),
        &mut out,
    );
    for (i, name) in op.dns_name.iter().enumerate() {
        domain(&format!("dnsName[{i}]"), name, true, None, &mut out);
    }
    validation_method("validationMethod", &op.validation_method, &mut out);
    out
}

/// The fields [`check_field`] knows for `kind`, in form order.
pub fn fields(kind: OperationKind) -> &'static [&'static str] {
    match kind {
        OperationKind::IssueEndCert => &[
            "caTag",
            "keyType",
            "period",
            "x509Parameters.commonName",
            "x509Parameters.altName",
            "x509Parameters.organization",
            "x509Parameters.organizationUnit",
            "x509Parameters.locality",
            "x509Parameters.stateProvince",
            "x509Parameters.streetAddress",
            "x509Parameters.country",
            "x509Parameters.ip",
        ],
        OperationKind::ActivateSubCa => &["caTag", "certPem", "caChainPem"],
        OperationKind::RequestCertificateIssuance => &[
            "certificateName",
            "commonName",
            "dnsName",
            "validationMethod",
        ],
    }
}

/// Checks one field's value as a form holds it, with the same rules as [`validate`].
///
/// `field` is the JSON path as in [`Problem::field`] (see [`fields`]). An empty value of an
/// optional field is absent and valid. `dnsName` takes the whole list as typed: entries
/// separated by commas or new lines (problems name `dnsName[i]`).
pub fn check_field(kind: OperationKind, field: &str, value: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    match (kind, field) {
        (OperationKind::IssueEndCert | OperationKind::ActivateSubCa, "caTag") => {
            ca_tag(field, value, &mut out)
        }
        (OperationKind::IssueEndCert, _) => match field {
            "keyType" if !value.is_empty() => key_type(field, &KeyType::parse(value), &mut out),
            "period" if !value.is_empty() => period(field, &Period::parse(value), &mut out),
            "keyType" | "period" => {}
            "x509Parameters.commonName" => required_length(field, value, COMMON_NAME_MAX, &mut out),
            "x509Parameters.altName" => alt_names(field, value, &mut out),
            "x509Parameters.organization" => max_length(field, value, ORGANIZATION_MAX, &mut out),
            "x509Parameters.organizationUnit"
            | "x509Parameters.locality"
            | "x509Parameters.stateProvince"
            | "x509Parameters.streetAddress" => max_length(field, value, LONG_FIELD_MAX, &mut out),
            "x509Parameters.country" => country(field, value, &mut out),
            "x509Parameters.ip" => ip_list(field, value, &mut out),
            _ => out.push(unknown_field(kind, field)),
        },
        (OperationKind::ActivateSubCa, "certPem" | "caChainPem") => {
            pem_certificate(field, value, &mut out)
        }
        (OperationKind::RequestCertificateIssuance, "certificateName") => {
            if value.is_empty() {
                out.push(required(field));
            }
        }
        (OperationKind::RequestCertificateIssuance, "commonName") => {
            domain(field, value, true, Some(COMMON_NAME_MAX), &mut out)
        }
        (OperationKind::RequestCertificateIssuance, "dnsName") => {
            for (i, name) in split_list(value).enumerate() {
                domain(&format!("dnsName[{i}]"), name, true, None, &mut out);
            }
        }
        (OperationKind::RequestCertificateIssuance, "validationMethod") => {
            validation_method(field, &ValidationMethod::parse(value), &mut out)
        }
        _ => out.push(unknown_field(kind, field)),
    }
    out
}

/// Splits a list typed into one box (commas or new lines between entries), trimming
/// whitespace and dropping empty entries. Used for `dnsName`, which is sent as an array.
pub fn split_list(text: &str) -> impl Iterator<Item = &str> {
    text.split([',', '\n'])
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
}

fn unknown_field(kind: OperationKind, field: &str) -> Problem {
    Problem::new(
        field,
        ProblemCode::UnknownField,
        format!(
            "{} has no field {field:?}; known fields: {}",
            kind.as_str(),
            fields(kind).join(", ")
        ),
    )
}

/// The last segment of a field path, for messages.
fn short(field: &str) -> &str {
    field.rsplit('.').next().unwrap_or(field)
}

fn required(field: &str) -> Problem {
    Problem::new(
        field,
        ProblemCode::Required,
        format!("{} is required", short(field)),
    )
}

fn required_length(field: &str, value: &str, max: usize, out: &mut Vec<Problem>) {
    if value.is_empty() {
        out.push(Problem::new(
            field,
            ProblemCode::Required,
            format!("{} is required (1 to {max} characters)", short(field)),
        ));
    } else {
        max_length(field, value, max, out);
    }
}

fn max_length(field: &str, value: &str, max: usize, out: &mut Vec<Problem>) {
    let len = value.chars().count();
    if len > max {
        out.push(Problem::new(
            field,
            ProblemCode::TooLong,
            format!(
                "{} must be at most {max} characters; it has {len}",
                short(field)
            ),
        ));
    }
}

/// Characters a caTag must not contain: they would end, re-route or percent-encode the path.
/// `\\` is read as `/` by URL parsers; `@` is refused in paths by the proxy (SSRF guard), so
/// the user hears it here before sending.
fn ca_tag_bad_char(c: char) -> bool {
    matches!(
        c,
        '/' | '?' | '#' | '%' | '\\' | '@' | '"' | '<' | '>' | '`' | '{' | '}'
    ) || c.is_whitespace()
        || c.is_control()
        || !c.is_ascii()
}

/// Whether `tag` can go into the URL path as it is (non-empty, no character that would end,
/// re-route or need percent-encoding, not `.` or `..`). Deliberately no stricter format:
/// real tags vary.
pub fn is_valid_ca_tag(tag: &str) -> bool {
    !tag.is_empty() && tag != "." && tag != ".." && !tag.chars().any(ca_tag_bad_char)
}

fn ca_tag(field: &str, tag: &str, out: &mut Vec<Problem>) {
    if tag.is_empty() {
        out.push(Problem::new(
            field,
            ProblemCode::Required,
            "caTag is required: copy the CA's tag from the Private CA console",
        ));
    } else if tag == "." || tag == ".." {
        out.push(Problem::new(
            field,
            ProblemCode::InvalidCaTag,
            "caTag cannot be \".\" or \"..\": it would change the URL path",
        ));
    } else if let Some(c) = tag.chars().find(|c| ca_tag_bad_char(*c)) {
        let what = if c.is_whitespace() {
            String::from("whitespace")
        } else if c.is_control() {
            String::from("a control character")
        } else if !c.is_ascii() {
            format!("the non-ASCII character {c:?}")
        } else {
            format!("{c:?}")
        };
        out.push(Problem::new(
            field,
            ProblemCode::InvalidCaTag,
            format!(
                "caTag must not contain {what}: it would change the URL path or be refused by the proxy; copy the tag exactly from the console"
            ),
        ));
    }
}

fn key_type(field: &str, key: &KeyType, out: &mut Vec<Problem>) {
    if let KeyType::Unrecognized(s) = key {
        let upper = s.to_ascii_uppercase();
        let hint = if KeyType::ALL.iter().any(|k| k.as_str() == upper) {
            format!(" (write it in upper case: {upper})")
        } else {
            String::new()
        };
        out.push(Problem::new(
            field,
            ProblemCode::InvalidKeyType,
            format!("keyType must be one of RSA2048, RSA4096, EC256, EC521{hint}"),
        ));
    }
}

fn period(field: &str, period: &Period, out: &mut Vec<Problem>) {
    let ok = match period {
        Period::Days(days) => (1..=Period::MAX_DAYS).contains(days),
        Period::Max => true,
        Period::Unrecognized(_) => false,
    };
    if !ok {
        let hint = match period {
            Period::Unrecognized(s) if s.eq_ignore_ascii_case("max") => {
                " (write MAX in upper case)"
            }
            _ => "",
        };
        out.push(Problem::new(
            field,
            ProblemCode::InvalidPeriod,
            format!(
                "period must be a whole number of days from 1 to {}, or MAX{hint}",
                Period::MAX_DAYS
            ),
        ));
    }
}

/// Whether `code` is an officially assigned ISO 3166-1 alpha-2 code (upper case).
pub fn is_country_code(code: &str) -> bool {
    COUNTRY_CODES.binary_search(&code).is_ok()
}

fn country(field: &str, value: &str, out: &mut Vec<Problem>) {
    if value.is_empty() || is_country_code(value) {
        return;
    }
    let upper = value.to_ascii_uppercase();
    let message = if is_country_code(&upper) {
        format!("country must be an upper-case ISO 3166-1 alpha-2 code: write {upper}")
    } else {
        format!("country must be an ISO 3166-1 alpha-2 code such as KR or US; {value:?} is not one")
    };
    out.push(Problem::new(field, ProblemCode::InvalidCountry, message));
}

/// Whether `s` is a dotted-quad IPv4 address (four decimal octets 0-255, no leading zeros).
pub fn is_ipv4(s: &str) -> bool {
    s.parse::<Ipv4Addr>().is_ok()
}

/// Whether `s` is an IPv6 address in text form (RFC 4291: `::`, `::1`, embedded IPv4 such as
/// `::ffff:10.0.0.1`; no brackets, no zone index).
pub fn is_ipv6(s: &str) -> bool {
    s.parse::<Ipv6Addr>().is_ok()
}

/// Whether `s` is an IPv4 or IPv6 address.
pub fn is_ip_address(s: &str) -> bool {
    is_ipv4(s) || is_ipv6(s)
}

/// Entries of a comma-separated field sent as one string (`ip`, `altName`).
fn comma_entries(value: &str) -> impl Iterator<Item = (usize, &str)> {
    value.split(',').enumerate().map(|(i, e)| (i + 1, e))
}

fn list_entry_shape(entry: &str) -> Option<&'static str> {
    if entry.is_empty() {
        Some("is empty (two commas in a row, or a comma at the start or end)")
    } else if entry.chars().any(char::is_whitespace) {
        Some("contains whitespace: separate entries with commas only, without spaces")
    } else {
        None
    }
}

fn ip_list(field: &str, value: &str, out: &mut Vec<Problem>) {
    if value.is_empty() {
        return;
    }
    for (n, entry) in comma_entries(value) {
        let reason = list_entry_shape(entry).map(String::from).or_else(|| {
            (!is_ip_address(entry)).then(|| {
                format!("{entry:?} is not an IPv4 (e.g. 10.0.0.1, octets 0-255) or IPv6 (e.g. ::1) address")
            })
        });
        if let Some(reason) = reason {
            out.push(Problem::new(
                field,
                ProblemCode::InvalidIp,
                format!("ip entry {n} {reason}"),
            ));
        }
    }
}

/// Why `name` is not a valid DNS name, or `None` if it is.
///
/// Rules: labels of 1-63 letters, digits and hyphens (no hyphen at either end), at most 253
/// characters in all, no trailing dot, a top-level label that is not all digits, an optional
/// `*.` wildcard as the whole first label; `min_labels` labels at least (not counting `*`).
pub fn dns_name_problem(name: &str, min_labels: usize) -> Option<&'static str> {
    if name.is_empty() {
        return Some("is empty");
    }
    if name.len() > 253 {
        return Some("is longer than 253 characters");
    }
    let rest = name.strip_prefix("*.").unwrap_or(name);
    if rest.contains('*') {
        return Some("may have a wildcard only as the whole first label, as in *.example.com");
    }
    if rest.ends_with('.') {
        return Some("must not end with a dot");
    }
    let mut count = 0;
    let mut last = "";
    for label in rest.split('.') {
        if label.is_empty() {
            return Some("has an empty label (two dots in a row, or a dot at the start)");
        }
        if label.len() > 63 {
            return Some("has a label longer than 63 characters");
        }
        if !label.is_ascii() {
            return Some("contains non-ASCII characters: use the punycode (xn--) form");
        }
        if !label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        {
            return Some("may contain only letters, digits, hyphens and dots");
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Some("has a label that starts or ends with a hyphen");
        }
        count += 1;
        last = label;
    }
    if count < min_labels {
        return Some("needs at least two labels, as in example.com");
    }
    if last.bytes().all(|b| b.is_ascii_digit()) {
        return Some("has an all-digit last label (an IP address is not a domain name)");
    }
    None
}

/// Whether `name` is an FQDN, apex or wildcard domain (at least two labels), as Certificate
/// Manager's commonName and dnsName need.
pub fn is_domain_name(name: &str) -> bool {
    dns_name_problem(name, 2).is_none()
}

/// Why `address` is not an e-mail address (`local@domain`), or `None` if it is.
///
/// The local part is a dot-atom of at most 64 characters; the domain follows the DNS rules
/// with at least two labels and no wildcard.
pub fn email_problem(address: &str) -> Option<&'static str> {
    let Some((local, domain)) = address.rsplit_once('@') else {
        return Some("has no @");
    };
    if local.is_empty() {
        return Some("has nothing before the @");
    }
    if local.len() > 64 {
        return Some("has more than 64 characters before the @");
    }
    const ATEXT: &[u8] = b"!#$%&'*+-/=?^_`{|}~.";
    if !local
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || ATEXT.contains(&b))
    {
        return Some("has a character not allowed before the @");
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Some("has a misplaced dot before the @");
    }
    if domain.starts_with("*.") {
        return Some("has a wildcard after the @");
    }
    dns_name_problem(domain, 2).map(|_| "has an invalid domain after the @")
}

/// Whether `address` is an e-mail address (`local@domain`).
pub fn is_email(address: &str) -> bool {
    address.contains('@') && email_problem(address).is_none()
}

fn alt_names(field: &str, value: &str, out: &mut Vec<Problem>) {
    if value.is_empty() {
        return;
    }
    for (n, entry) in comma_entries(value) {
        let reason = if let Some(shape) = list_entry_shape(entry) {
            Some(format!("altName entry {n} {shape}"))
        } else if entry.contains('@') {
            email_problem(entry).map(|why| {
                format!("altName entry {n} {entry:?} is not an e-mail address: it {why}")
            })
        } else if is_ip_address(entry) {
            Some(format!(
                "altName entry {n} {entry:?} is an IP address: put IP addresses in the ip field"
            ))
        } else {
            dns_name_problem(entry, 1)
                .map(|why| format!("altName entry {n} {entry:?} is not a host name: it {why}"))
        };
        if let Some(message) = reason {
            out.push(Problem::new(field, ProblemCode::InvalidAltName, message));
        }
    }
}

/// Checks a domain name; `max` is an extra length cap on top of DNS's own 253 (only
/// Certificate Manager's `commonName` has one: [`COMMON_NAME_MAX`]).
fn domain(
    field: &str,
    value: &str,
    required_field: bool,
    max: Option<usize>,
    out: &mut Vec<Problem>,
) {
    if value.is_empty() {
        if required_field {
            out.push(Problem::new(
                field,
                ProblemCode::Required,
                format!(
                    "{} is required: a domain such as example.com or *.example.com",
                    short(field)
                ),
            ));
        }
        return;
    }
    if let Some(why) = dns_name_problem(value, 2) {
        out.push(Problem::new(
            field,
            ProblemCode::InvalidDomain,
            format!("{value:?} is not a domain name (FQDN, apex or *.wildcard): it {why}"),
        ));
    } else if let Some(max) = max {
        max_length(field, value, max, out);
    }
}

fn validation_method(field: &str, method: &ValidationMethod, out: &mut Vec<Problem>) {
    match method {
        ValidationMethod::Unrecognized(s) if s.is_empty() => out.push(Problem::new(
            field,
            ProblemCode::Required,
            "validationMethod is required: D (DNS CNAME validation)",
        )),
        ValidationMethod::Unrecognized(_) => out.push(Problem::new(
            field,
            ProblemCode::InvalidValidationMethod,
            "validationMethod must be D (DNS CNAME validation) or the retiring E (e-mail)",
        )),
        ValidationMethod::Dns | ValidationMethod::Email => {}
    }
}

const PEM_BEGIN: &str = "-----BEGIN CERTIFICATE-----";
const PEM_END: &str = "-----END CERTIFICATE-----";

/// Why `text` does not look like PEM certificate(s), or `None` if it does.
///
/// Only the shape is checked: at least one `BEGIN CERTIFICATE` ... `END CERTIFICATE` block
/// whose body is Base64. Line breaks may be missing, CRLF, or typed as a literal `\n`: the
/// client repairs those before sending (certkit-x509), so they are not rejected here.
pub fn pem_problem(text: &str) -> Option<&'static str> {
    let Some(start) = text.find(PEM_BEGIN) else {
        return Some("has no -----BEGIN CERTIFICATE----- line");
    };
    let after = text.get(start + PEM_BEGIN.len()..).unwrap_or_default();
    let Some(end) = after.find(PEM_END) else {
        return Some("has no -----END CERTIFICATE----- line after its BEGIN line");
    };
    let body = after
        .get(..end)
        .unwrap_or_default()
        .replace("\\n", "")
        .replace("\\r", "");
    let body: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    if body.is_empty() {
        return Some("has an empty certificate between BEGIN and END");
    }
    if !body
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=')
    {
        return Some("has characters other than Base64 between BEGIN and END");
    }
    None
}

fn pem_certificate(field: &str, text: &str, out: &mut Vec<Problem>) {
    if text.trim().is_empty() {
        out.push(Problem::new(
            field,
            ProblemCode::Required,
            format!("{field} is required: paste the PEM text (-----BEGIN CERTIFICATE----- ...)"),
        ));
    } else if text.contains("PRIVATE KEY-----") {
        out.push(Problem::new(
            field,
            ProblemCode::ContainsPrivateKey,
            format!(
                "{field} contains a private key: remove it; only certificates are sent, never keys"
            ),
        ));
    } else if let Some(why) = pem_problem(text) {
        out.push(Problem::new(
            field,
            ProblemCode::InvalidPem,
            format!("{field} is not a PEM certificate: it {why}"),
        ));
    }
}

impl Problem {
    /// Joins problems into one line each, for logs and CLI output.
    pub fn list_to_string(problems: &[Problem]) -> String {
        problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    }
}
