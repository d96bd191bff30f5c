//! What is wrong with an input: [`Problem`] (field, stable [`ProblemCode`], English message,
//! [`Severity`]), and the error codes NCP answers for the problems it documents.
//!
//! A leaf: the operations, the rules and the response classification all speak it, so it
//! depends on none of them.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use serde::{Deserialize, Serialize};

/// A stable, machine-readable reason for a [`Problem`]. Serialized as its snake_case string.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
// Not `non_exhaustive`: translations match every code, so a new code without one fails to
// compile (see `ALL`).
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
    /// `unknown_field`: `validation::check_field` was asked about a field the operation does not have.
    UnknownField,
    /// `unknown_operation`: an operation name that is not in `OperationKind::ALL`.
    UnknownOperation,
    /// `invalid_alias`: a CA alias is not 3-15 letters, digits, `-` or `_` starting with a
    /// letter.
    InvalidAlias,
    /// `invalid_ca_type`: caType is not PRIVATE_ROOT or PRIVATE_SUB.
    InvalidCaType,
    /// `invalid_status`: a CA status outside ACTIVE, DEACTIVATED, DESTROYING.
    InvalidStatus,
    /// `invalid_serial_no`: a serial number is not colon-separated hex octets.
    InvalidSerialNo,
    /// `invalid_certificate_no`: a certificate number is not a whole number.
    InvalidCertificateNo,
    /// `invalid_page`: a page number or page size is not a whole number from 1.
    InvalidPage,
    /// `invalid_csr`: no `-----BEGIN CERTIFICATE REQUEST-----` ... `END` block.
    InvalidCsr,
    /// `invalid_revoke_type`: revokeType is not one of the four documented reasons.
    InvalidRevokeType,
    /// `not_documented`: a value the vendor's docs do not mention (a warning).
    NotDocumented,
}

impl ProblemCode {
    /// Every code, for documentation and translation tables.
    pub const ALL: [ProblemCode; 24] = [
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
        ProblemCode::InvalidAlias,
        ProblemCode::InvalidCaType,
        ProblemCode::InvalidStatus,
        ProblemCode::InvalidSerialNo,
        ProblemCode::InvalidCertificateNo,
        ProblemCode::InvalidPage,
        ProblemCode::InvalidCsr,
        ProblemCode::InvalidRevokeType,
        ProblemCode::NotDocumented,
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
            ProblemCode::InvalidAlias => "invalid_alias",
            ProblemCode::InvalidCaType => "invalid_ca_type",
            ProblemCode::InvalidStatus => "invalid_status",
            ProblemCode::InvalidSerialNo => "invalid_serial_no",
            ProblemCode::InvalidCertificateNo => "invalid_certificate_no",
            ProblemCode::InvalidPage => "invalid_page",
            ProblemCode::InvalidCsr => "invalid_csr",
            ProblemCode::InvalidRevokeType => "invalid_revoke_type",
            ProblemCode::NotDocumented => "not_documented",
        }
    }
}

impl fmt::Display for ProblemCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a [`Problem`] blocks sending.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// `error`: breaks a rule the vendor documents; nothing is sent.
    #[default]
    Error,
    /// `warning`: our own advice beyond the docs (NCP may well accept the value); shown,
    /// never blocking.
    Warning,
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
    /// Whether it blocks sending (`error`) or is advice (`warning`).
    #[serde(default)]
    pub severity: Severity,
}

impl Problem {
    /// An error (a documented rule) with `field`.
    pub fn new(field: impl Into<String>, code: ProblemCode, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code,
            message: message.into(),
            severity: Severity::Error,
        }
    }

    /// A warning (our own advice, not a documented rule) with `field`.
    pub fn warning(
        field: impl Into<String>,
        code: ProblemCode,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::new(field, code, message)
        }
    }

    /// Whether this is a warning.
    pub fn is_warning(&self) -> bool {
        self.severity == Severity::Warning
    }

    /// The error code the real NCP service answers for this problem, where one is known
    /// (`NCP_ERROR_CODES`); the sandbox uses it to answer as NCP does.
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
        if self.is_warning() {
            f.write_str("warning: ")?;
        }
        if self.field.is_empty() {
            write!(f, "{} ({})", self.message, self.code)
        } else {
            write!(f, "{}: {} ({})", self.field, self.message, self.code)
        }
    }
}

/// A known correspondence between a problem and the code NCP answers with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct NcpErrorCode {
    /// The field path (list indices removed).
    field: &'static str,
    /// The problem code, or `None` for any problem with the field.
    problem: Option<ProblemCode>,
    /// The Private CA `code` or Certificate Manager `returnCode` NCP answers with.
    ncp_code: &'static str,
}

/// The codes NCP answers for input problems, from NCP's generated client and ncp-api.md
/// section 3. Problems not listed have no documented NCP code.
pub(crate) const NCP_ERROR_CODES: &[NcpErrorCode] = &[
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
pub(crate) fn field_for_ncp_code(ncp_code: &str) -> Option<&'static str> {
    NCP_ERROR_CODES
        .iter()
        .find(|m| m.ncp_code == ncp_code)
        .map(|m| m.field)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A new code fails to compile here until it gets an arm (numbered on from the last, and
    /// counted in `ARMS`); the test then fails until `ALL` lists it.
    #[test]
    fn all_lists_every_code_once() {
        const ARMS: usize = 24;
        let position = |code: ProblemCode| -> usize {
            match code {
                ProblemCode::Required => 0,
                ProblemCode::TooLong => 1,
                ProblemCode::InvalidKeyType => 2,
                ProblemCode::InvalidPeriod => 3,
                ProblemCode::InvalidCountry => 4,
                ProblemCode::InvalidIp => 5,
                ProblemCode::InvalidAltName => 6,
                ProblemCode::InvalidCaTag => 7,
                ProblemCode::InvalidPem => 8,
                ProblemCode::ContainsPrivateKey => 9,
                ProblemCode::InvalidDomain => 10,
                ProblemCode::InvalidValidationMethod => 11,
                ProblemCode::InvalidJson => 12,
                ProblemCode::UnknownField => 13,
                ProblemCode::UnknownOperation => 14,
                ProblemCode::InvalidAlias => 15,
                ProblemCode::InvalidCaType => 16,
                ProblemCode::InvalidStatus => 17,
                ProblemCode::InvalidSerialNo => 18,
                ProblemCode::InvalidCertificateNo => 19,
                ProblemCode::InvalidPage => 20,
                ProblemCode::InvalidCsr => 21,
                ProblemCode::InvalidRevokeType => 22,
                ProblemCode::NotDocumented => 23,
            }
        };
        assert_eq!(ProblemCode::ALL.len(), ARMS);
        for (i, code) in ProblemCode::ALL.into_iter().enumerate() {
            assert_eq!(position(code), i, "{code:?}");
        }
    }

    #[test]
    fn ncp_codes_name_known_fields() {
        assert_eq!(
            field_for_ncp_code("INVALID_X509_IP"),
            Some("x509Parameters.ip")
        );
        assert_eq!(field_for_ncp_code("2201"), Some("dnsName"));
        assert_eq!(field_for_ncp_code("SOMETHING_ELSE"), None);
    }
}
