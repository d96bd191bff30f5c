//! The vendor's rules for input fields, one function per rule, each reporting every problem
//! it finds into `out`. The inputs' `check`s (in `input`'s seeds, `private_ca` and
//! `certificate_manager`) call them; `validation` is the public face.
//!
//! Each [`Problem`] names the field by its JSON path (`x509Parameters.commonName`,
//! `dnsName[2]`), carries a stable machine [`ProblemCode`] (the app translates codes, so codes
//! are the contract) and an English message naming the rule.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::net::{Ipv4Addr, Ipv6Addr};

use crate::country::COUNTRY_CODES;
use crate::input::{
    ActivateSubCa, IssueEndCert, KeyType, Period, RequestCertificateIssuance, ValidationMethod,
    X509Parameters,
};
use crate::problem::{Problem, ProblemCode};

/// Longest commonName of Issue End Cert (and, per RFC 5280's ub-common-name, of any CN).
pub(crate) const COMMON_NAME_MAX: usize = 64;
/// Longest organization.
pub(crate) const ORGANIZATION_MAX: usize = 64;
/// Longest organizationUnit, locality, stateProvince and streetAddress.
pub(crate) const LONG_FIELD_MAX: usize = 128;

pub(crate) fn check_issue_end_cert(op: &IssueEndCert, out: &mut Vec<Problem>) {
    ca_tag("caTag", &op.ca_tag, out);
    if let Some(k) = &op.key_type {
        key_type("keyType", k, out);
    }
    if let Some(p) = &op.period {
        period("period", p, out);
    }
    x509_parameters(&op.x509_parameters, true, out);
}

/// `x509Parameters` of Issue End Cert and Create CA (PS3); `street_address` says whether the
/// operation documents `streetAddress` (only Issue End Cert does).
pub(crate) fn x509_parameters(x: &X509Parameters, street_address: bool, out: &mut Vec<Problem>) {
    required_length(
        "x509Parameters.commonName",
        &x.common_name,
        COMMON_NAME_MAX,
        out,
    );
    let optional = |v: &Option<String>| v.clone().unwrap_or_default();
    alt_names("x509Parameters.altName", &optional(&x.alt_name), out);
    max_length(
        "x509Parameters.organization",
        &optional(&x.organization),
        ORGANIZATION_MAX,
        out,
    );
    for (field, value) in [
        ("x509Parameters.organizationUnit", &x.organization_unit),
        ("x509Parameters.locality", &x.locality),
        ("x509Parameters.stateProvince", &x.state_province),
        ("x509Parameters.streetAddress", &x.street_address),
    ] {
        max_length(field, &optional(value), LONG_FIELD_MAX, out);
    }
    if !street_address && x.street_address.is_some() {
        out.push(Problem::warning(
            "x509Parameters.streetAddress",
            ProblemCode::NotDocumented,
            "streetAddress is documented for Issue End Cert only, not for this operation: NCP may ignore or refuse it",
        ));
    }
    country("x509Parameters.country", &optional(&x.country), out);
    ip_list("x509Parameters.ip", &optional(&x.ip), out);
}

pub(crate) fn check_activate_sub_ca(op: &ActivateSubCa, out: &mut Vec<Problem>) {
    ca_tag("caTag", &op.ca_tag, out);
    pem_certificate("certPem", &op.cert_pem, out);
    pem_certificate("caChainPem", &op.ca_chain_pem, out);
}

/// Request Certificate Issuance's fields, which Reissue Certificate sends too.
pub(crate) fn check_request_certificate_issuance(
    op: &RequestCertificateIssuance,
    out: &mut Vec<Problem>,
) {
    let RequestCertificateIssuance {
        certificate_name,
        common_name,
        dns_name,
        validation_method,
    } = op;
    check_issuance_fields(
        certificate_name,
        common_name,
        dns_name,
        validation_method,
        out,
    );
}

/// The rules of Request Certificate Issuance's fields, which Reissue Certificate sends too.
pub(crate) fn check_issuance_fields(
    certificate_name: &str,
    common_name: &str,
    dns_name: &[String],
    method: &ValidationMethod,
    out: &mut Vec<Problem>,
) {
    required_text("certificateName", certificate_name, out);
    domain("commonName", common_name, true, out);
    // Our advice: X.509 caps a CN at 64 characters (RFC 5280 ub-common-name); Certificate
    // Manager's pages state no limit, so a longer name is a warning, not an error.
    if is_domain_name(common_name) && common_name.chars().count() > COMMON_NAME_MAX {
        out.push(Problem::warning(
            "commonName",
            ProblemCode::TooLong,
            format!("commonName has more than {COMMON_NAME_MAX} characters, more than an X.509 common name holds; NCP may refuse it (the page states no limit)"),
        ));
    }
    for (i, name) in dns_name.iter().enumerate() {
        domain(&format!("dnsName[{i}]"), name, true, out);
    }
    validation_method("validationMethod", method, out);
}

/// The last segment of a field path, for messages.
fn short(field: &str) -> &str {
    field.rsplit('.').next().unwrap_or(field)
}

pub(crate) fn required(field: &str) -> Problem {
    Problem::new(
        field,
        ProblemCode::Required,
        format!("{} is required", short(field)),
    )
}

pub(crate) fn required_length(field: &str, value: &str, max: usize, out: &mut Vec<Problem>) {
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

pub(crate) fn max_length(field: &str, value: &str, max: usize, out: &mut Vec<Problem>) {
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
/// the user hears it here before sending. Chromium's `fetch` also sends `^` and `|` in a path
/// as `%5E` and `%7C` (Node's does not), which no longer matches the signed path.
fn ca_tag_bad_char(c: char) -> bool {
    matches!(
        c,
        '/' | '?' | '#' | '%' | '\\' | '@' | '"' | '<' | '>' | '`' | '{' | '}' | '^' | '|'
    ) || c.is_whitespace()
        || c.is_control()
        || !c.is_ascii()
}

pub(crate) fn ca_tag(field: &str, tag: &str, out: &mut Vec<Problem>) {
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

pub(crate) fn key_type(field: &str, key: &KeyType, out: &mut Vec<Problem>) {
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

/// `period`: days `"1"`-`"3650"` or `MAX` (PS5). Leading zeros (`"030"`) break no documented
/// rule, so they are a warning and the value is sent as typed.
pub(crate) fn period(field: &str, period: &Period, out: &mut Vec<Problem>) {
    let ok = match period {
        Period::Days(days) => (1..=Period::MAX_DAYS).contains(days),
        Period::Max => true,
        Period::Unrecognized(s) => {
            let digits = !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            let days = s.parse::<u32>().unwrap_or(0);
            if digits && (1..=Period::MAX_DAYS).contains(&days) {
                out.push(Problem::warning(
                    field,
                    ProblemCode::InvalidPeriod,
                    format!("period {s:?} has leading zeros: NCP's examples write {days}"),
                ));
                return;
            }
            false
        }
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
pub(crate) fn is_country_code(code: &str) -> bool {
    COUNTRY_CODES.binary_search(&code).is_ok()
}

/// The documented rule is "an ISO 3166-1 alpha-2 code", and X.509 holds exactly two
/// characters (RFC 5280): anything else is an error. Whether NCP checks the code against the
/// assigned list (refusing `XK`, say) or its case is not documented, so those are warnings.
pub(crate) fn country(field: &str, value: &str, out: &mut Vec<Problem>) {
    if value.is_empty() || is_country_code(value) {
        return;
    }
    if value.len() != 2 || !value.bytes().all(|b| b.is_ascii_alphabetic()) {
        out.push(Problem::new(
            field,
            ProblemCode::InvalidCountry,
            format!("country must be a two-letter ISO 3166-1 alpha-2 code such as KR or US; {value:?} is not one"),
        ));
        return;
    }
    let upper = value.to_ascii_uppercase();
    let message = if is_country_code(&upper) {
        format!("country codes are written in upper case: {upper}")
    } else {
        format!("{value:?} is not an assigned ISO 3166-1 alpha-2 code; NCP may refuse it")
    };
    out.push(Problem::warning(
        field,
        ProblemCode::InvalidCountry,
        message,
    ));
}

/// Whether `s` is a dotted-quad IPv4 address (four decimal octets 0-255, no leading zeros).
pub(crate) fn is_ipv4(s: &str) -> bool {
    s.parse::<Ipv4Addr>().is_ok()
}

/// Whether `s` is an IPv6 address in text form (RFC 4291: `::`, `::1`, embedded IPv4 such as
/// `::ffff:10.0.0.1`; no brackets, no zone index).
pub(crate) fn is_ipv6(s: &str) -> bool {
    s.parse::<Ipv6Addr>().is_ok()
}

/// Whether `s` is an IPv4 or IPv6 address.
pub(crate) fn is_ip_address(s: &str) -> bool {
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

pub(crate) fn ip_list(field: &str, value: &str, out: &mut Vec<Problem>) {
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
pub(crate) fn dns_name_problem(name: &str, min_labels: usize) -> Option<&'static str> {
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
pub(crate) fn is_domain_name(name: &str) -> bool {
    dns_name_problem(name, 2).is_none()
}

/// Why `address` is not an e-mail address (`local@domain`), or `None` if it is.
///
/// The local part is a dot-atom of at most 64 characters; the domain follows the DNS rules
/// with at least two labels and no wildcard.
pub(crate) fn email_problem(address: &str) -> Option<&'static str> {
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

/// altName holds DNS names or e-mail addresses (PS3). An entry with spaces or an `_` (legal
/// in many internal names) breaks no documented rule, so those are warnings.
pub(crate) fn alt_names(field: &str, value: &str, out: &mut Vec<Problem>) {
    if value.is_empty() {
        return;
    }
    for (n, entry) in comma_entries(value) {
        let trimmed = entry.trim();
        if trimmed.is_empty() {
            out.push(Problem::new(
                field,
                ProblemCode::InvalidAltName,
                format!("altName entry {n} is empty (two commas in a row, or a comma at the start or end)"),
            ));
            continue;
        }
        if trimmed.contains(char::is_whitespace) {
            out.push(Problem::warning(
                field,
                ProblemCode::InvalidAltName,
                format!("altName entry {n} {entry:?} contains whitespace: NCP may refuse it; separate entries with commas only"),
            ));
            continue;
        } else if trimmed != entry {
            out.push(Problem::warning(
                field,
                ProblemCode::InvalidAltName,
                format!("altName entry {n} {entry:?} has spaces around it: NCP may keep them in the name"),
            ));
        }
        let entry = trimmed;
        let error = if entry.contains('@') {
            email_problem(entry).map(|why| {
                format!("altName entry {n} {entry:?} is not an e-mail address: it {why}")
            })
        } else if is_ip_address(entry) {
            Some(format!(
                "altName entry {n} {entry:?} is an IP address: put IP addresses in the ip field"
            ))
        } else if entry.contains('_') && dns_name_problem(&entry.replace('_', "a"), 1).is_none() {
            out.push(Problem::warning(
                field,
                ProblemCode::InvalidAltName,
                format!("altName entry {n} {entry:?} contains '_', which host names may not: NCP or TLS clients may refuse it"),
            ));
            None
        } else {
            dns_name_problem(entry, 1)
                .map(|why| format!("altName entry {n} {entry:?} is not a host name: it {why}"))
        };
        if let Some(message) = error {
            out.push(Problem::new(field, ProblemCode::InvalidAltName, message));
        }
    }
}

/// Checks a domain name (FQDN, apex or `*.` wildcard; ncp-api.md section 4).
pub(crate) fn domain(field: &str, value: &str, required_field: bool, out: &mut Vec<Problem>) {
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
    }
}

pub(crate) fn validation_method(field: &str, method: &ValidationMethod, out: &mut Vec<Problem>) {
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

/// Why `text` does not look like PEM certificate(s), or `None` if it does.
///
/// Only the shape is checked: at least one `BEGIN CERTIFICATE` ... `END CERTIFICATE` block
/// whose body is Base64. Line breaks may be missing, CRLF, or typed as a literal `\n`:
/// [`crate::pem::normalise`] repairs those before sending, so they are not rejected here.
pub(crate) fn pem_problem(text: &str) -> Option<&'static str> {
    pem_block_problem(text, "CERTIFICATE")
}

/// [`pem_problem`] for blocks labelled `label` (`CERTIFICATE`, `CERTIFICATE REQUEST`).
fn pem_block_problem(text: &str, label: &str) -> Option<&'static str> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    // `NEW CERTIFICATE REQUEST` is the older armour of the same thing.
    let start = text.find(&begin).map(|i| i + begin.len()).or_else(|| {
        let older = format!("-----BEGIN NEW {label}-----");
        text.find(&older).map(|i| i + older.len())
    });
    let Some(start) = start else {
        return Some("has no BEGIN line");
    };
    let after = text.get(start..).unwrap_or_default();
    let Some(stop) = after
        .find(&end)
        .or_else(|| after.find(&format!("-----END NEW {label}-----")))
    else {
        return Some("has no END line after its BEGIN line");
    };
    let body = after
        .get(..stop)
        .unwrap_or_default()
        .replace("\\n", "")
        .replace("\\r", "");
    let body: String = body.chars().filter(|c| !c.is_whitespace()).collect();
    if body.is_empty() {
        return Some("is empty between BEGIN and END");
    }
    if !body
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=')
    {
        return Some("has characters other than Base64 between BEGIN and END");
    }
    None
}

pub(crate) fn pem_certificate(field: &str, text: &str, out: &mut Vec<Problem>) {
    if text.trim().is_empty() {
        out.push(Problem::new(
            field,
            ProblemCode::Required,
            format!("{field} is required: paste the PEM text (-----BEGIN CERTIFICATE----- ...)"),
        ));
    } else if text.contains("PRIVATE KEY-----") {
        out.push(private_key_in(field));
    } else if let Some(why) = pem_problem(text) {
        out.push(Problem::new(
            field,
            ProblemCode::InvalidPem,
            format!("{field} is not a PEM certificate (-----BEGIN CERTIFICATE----- ... -----END CERTIFICATE-----): it {why}"),
        ));
    }
}

fn private_key_in(field: &str) -> Problem {
    Problem::new(
        field,
        ProblemCode::ContainsPrivateKey,
        format!("{field} contains a private key: remove it; only certificates and requests are sent, never keys"),
    )
}

/// A CSR field (`csrPem`, `csr`): a PEM `CERTIFICATE REQUEST` (PS5, C4).
pub(crate) fn pem_csr(field: &str, text: &str, out: &mut Vec<Problem>) {
    if text.trim().is_empty() {
        out.push(Problem::new(
            field,
            ProblemCode::Required,
            format!(
                "{field} is required: paste the PEM CSR (-----BEGIN CERTIFICATE REQUEST----- ...)"
            ),
        ));
    } else if text.contains("PRIVATE KEY-----") {
        out.push(private_key_in(field));
    } else if let Some(why) = pem_block_problem(text, "CERTIFICATE REQUEST") {
        out.push(Problem::new(
            field,
            ProblemCode::InvalidCsr,
            format!("{field} is not a PEM CSR (-----BEGIN CERTIFICATE REQUEST----- ... -----END CERTIFICATE REQUEST-----): it {why}"),
        ));
    }
}

/// A required free-text field.
pub(crate) fn required_text(field: &str, value: &str, out: &mut Vec<Problem>) {
    if value.trim().is_empty() {
        out.push(required(field));
    }
}

/// Create CA's `alias`: 3-15 characters from letters, digits, `-` and `_`, the first a letter
/// (P3).
pub(crate) fn alias(field: &str, value: &str, out: &mut Vec<Problem>) {
    if value.is_empty() {
        out.push(Problem::new(
            field,
            ProblemCode::Required,
            "alias is required: 3 to 15 letters, digits, - or _, starting with a letter",
        ));
        return;
    }
    let len = value.chars().count();
    let why = if !(3..=15).contains(&len) {
        Some(format!("has {len} characters"))
    } else if !value.starts_with(|c: char| c.is_ascii_alphabetic()) {
        Some("does not start with a letter".to_string())
    } else {
        value
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '_'))
            .map(|c| format!("contains {c:?}"))
    };
    if let Some(why) = why {
        out.push(Problem::new(
            field,
            ProblemCode::InvalidAlias,
            format!("alias must be 3 to 15 letters, digits, - or _, starting with a letter; {value:?} {why}"),
        ));
    }
}

/// Whether `serial` is colon-separated hex octets (`5d:8a:…`), as NCP writes serial numbers
/// (ncp-api.md section 4, PS5). Either letter case.
pub(crate) fn is_serial_no(serial: &str) -> bool {
    !serial.is_empty()
        && serial
            .split(':')
            .all(|octet| octet.len() == 2 && octet.bytes().all(|b| b.is_ascii_hexdigit()))
}

pub(crate) fn serial_no(field: &str, value: &str, out: &mut Vec<Problem>) {
    if value.is_empty() {
        out.push(Problem::new(
            field,
            ProblemCode::Required,
            "serialNo is required: colon-separated hex such as 5d:8a:01 (from Get End Cert List)",
        ));
    } else if !is_serial_no(value) {
        out.push(Problem::new(
            field,
            ProblemCode::InvalidSerialNo,
            format!(
                "serialNo must be colon-separated hex octets such as 5d:8a:01; {value:?} is not"
            ),
        ));
    }
}

/// A Certificate Manager `certificateNo`: a whole number (typed Integer on the pages).
pub(crate) fn certificate_no(field: &str, value: &str, out: &mut Vec<Problem>) {
    if value.is_empty() {
        out.push(Problem::new(
            field,
            ProblemCode::Required,
            "certificateNo is required: the certificate's number from List Cloud Certificates",
        ));
    } else if !value.bytes().all(|b| b.is_ascii_digit()) || value.len() > 19 {
        out.push(Problem::new(
            field,
            ProblemCode::InvalidCertificateNo,
            format!("certificateNo must be a whole number such as 1234567; {value:?} is not"),
        ));
    }
}

/// An optional page number or size: a whole number from 1.
pub(crate) fn page(field: &str, value: Option<&str>, out: &mut Vec<Problem>) {
    let Some(value) = value else { return };
    let ok = !value.is_empty()
        && value.bytes().all(|b| b.is_ascii_digit())
        && value.parse::<u32>().is_ok_and(|n| n >= 1);
    if !ok {
        out.push(Problem::new(
            field,
            ProblemCode::InvalidPage,
            format!("{field} must be a whole number from 1; {value:?} is not"),
        ));
    }
}

/// A value from a closed, documented list, as its wire string; `code` names the list.
pub(crate) fn one_of(
    field: &str,
    value: &str,
    allowed: &[&str],
    code: ProblemCode,
    out: &mut Vec<Problem>,
) {
    if value.is_empty() {
        out.push(Problem::new(
            field,
            ProblemCode::Required,
            format!("{field} is required: one of {}", allowed.join(", ")),
        ));
    } else if !allowed.contains(&value) {
        let upper = value.to_ascii_uppercase();
        let hint = if allowed.contains(&upper.as_str()) {
            format!(" (write it in upper case: {upper})")
        } else {
            String::new()
        };
        out.push(Problem::new(
            field,
            code,
            format!(
                "{field} must be one of {}{hint}; {value:?} is not",
                allowed.join(", ")
            ),
        ));
    }
}
