//! Name constraints (RFC 5280 4.2.1.10) on DNS names, e-mail addresses and IP addresses, matched
//! as OpenSSL matches them (`crypto/x509/v3_ncons.c`), so that a chain OpenSSL refuses is never
//! accepted here. Constraints on other forms (directory names, URIs, ...) are not checked: the
//! caller reports them as such instead of passing them.

use alloc::string::String;
use alloc::vec::Vec;

use der::asn1::ObjectIdentifier;
use x509_cert::name::Name;

use crate::general_name::{GeneralName, GeneralSubtree, NameConstraints};
use crate::text::{ip_text, string_value};

const COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const EMAIL_ADDRESS: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.1");
/// otherName SmtpUTF8Mailbox (RFC 8398), which OpenSSL matches against e-mail constraints.
const SMTP_UTF8_MAILBOX: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.6.1.5.5.7.8.9");

/// The names of a certificate that name constraints apply to.
#[derive(Clone, Debug, Default)]
pub(crate) struct Names {
    dns: Vec<String>,
    emails: Vec<String>,
    ips: Vec<Vec<u8>>,
    /// Subject common names that look like host names (checked as DNS names for a leaf
    /// without DNS alternative names, as OpenSSL does).
    host_common_names: Vec<String>,
    /// It has an SmtpUTF8Mailbox name, which this crate does not match.
    smtp_utf8_mailbox: bool,
}

impl Names {
    pub(crate) fn new(subject: &Name, alt_names: &[GeneralName]) -> Self {
        let mut names = Names::default();
        for atv in subject.iter() {
            let Some(value) = string_value(&atv.value) else {
                continue;
            };
            if atv.oid == EMAIL_ADDRESS {
                names.emails.push(value);
            } else if atv.oid == COMMON_NAME && looks_like_host_name(&value) {
                names.host_common_names.push(value);
            }
        }
        for name in alt_names {
            match name {
                GeneralName::Dns(dns) => names.dns.push(dns.clone()),
                GeneralName::Email(email) => names.emails.push(email.clone()),
                GeneralName::Ip(ip) => names.ips.push(ip.clone()),
                GeneralName::OtherName { type_id, .. } if *type_id == SMTP_UTF8_MAILBOX => {
                    names.smtp_utf8_mailbox = true;
                }
                _ => {}
            }
        }
        names
    }
}

/// OpenSSL's test for a common name worth checking as a DNS name (`cn2dnsid`): letters,
/// digits, `_`, and `-` or `.` inside, with at least one dot between two labels.
fn looks_like_host_name(cn: &str) -> bool {
    let bytes = cn.as_bytes();
    let mut dotted = false;
    for (i, &c) in bytes.iter().enumerate() {
        if c.is_ascii_alphanumeric() || c == b'_' {
            continue;
        }
        let inside = i > 0 && i + 1 < bytes.len();
        let before = bytes.get(i.wrapping_sub(1)).copied();
        let after = bytes.get(i + 1).copied();
        if inside && c == b'-' {
            continue;
        }
        if inside && c == b'.' && after != Some(b'.') && before != Some(b'-') && after != Some(b'-')
        {
            dotted = true;
            continue;
        }
        return false;
    }
    dotted
}

fn subtrees(constraints: &NameConstraints) -> impl Iterator<Item = &GeneralSubtree> {
    constraints.permitted.iter().chain(&constraints.excluded)
}

/// The first form of name the constraints restrict that this crate does not check (`None`
/// when every subtree is a DNS name, e-mail address or IP range without minimum or maximum).
/// `names` are those of the certificates below, for forms only some certificates carry.
pub(crate) fn unchecked_form<'a>(
    constraints: &NameConstraints,
    mut names: impl Iterator<Item = &'a Names>,
) -> Option<&'static str> {
    for subtree in subtrees(constraints) {
        if subtree.minimum != 0 || subtree.maximum.is_some() {
            return Some("minimum/maximum");
        }
        let form = match &subtree.base {
            GeneralName::Dns(_) | GeneralName::Ip(_) => continue,
            GeneralName::Email(_) => {
                if names.any(|n| n.smtp_utf8_mailbox) {
                    return Some("SmtpUTF8Mailbox");
                }
                continue;
            }
            GeneralName::DirectoryName(_) => "directoryName",
            GeneralName::Uri(_) => "URI",
            GeneralName::OtherName { .. } => "otherName",
            GeneralName::RegisteredId(_) => "registeredID",
            GeneralName::EdiPartyName => "ediPartyName",
        };
        return Some(form);
    }
    None
}

/// The first name in `names` that the constraints do not allow. `leaf`: the common name counts
/// as a DNS name when there is no DNS alternative name.
pub(crate) fn first_violation(
    constraints: &NameConstraints,
    names: &Names,
    leaf: bool,
) -> Option<String> {
    let common_names: &[String] = if leaf && names.dns.is_empty() {
        &names.host_common_names
    } else {
        &[]
    };
    for dns in names.dns.iter().chain(common_names) {
        if !allowed(constraints, |base| match base {
            GeneralName::Dns(base) => Some(dns_matches(dns, base)),
            _ => None,
        }) {
            return Some(dns.clone());
        }
    }
    for email in &names.emails {
        if !allowed(constraints, |base| match base {
            GeneralName::Email(base) => Some(email_matches(email, base)),
            _ => None,
        }) {
            return Some(email.clone());
        }
    }
    for ip in &names.ips {
        if !allowed(constraints, |base| match base {
            GeneralName::Ip(base) => Some(ip_matches(ip, base)),
            _ => None,
        }) {
            return Some(ip_text(ip));
        }
    }
    None
}

/// RFC 5280's rule: when there are permitted subtrees of the name's form, one matches; no
/// excluded subtree matches. `matches` is `None` for a subtree of another form.
fn allowed(constraints: &NameConstraints, matches: impl Fn(&GeneralName) -> Option<bool>) -> bool {
    let mut permitted = constraints
        .permitted
        .iter()
        .filter_map(|s| matches(&s.base))
        .peekable();
    let restricted = permitted.peek().is_some();
    if restricted && !permitted.any(|m| m) {
        return false;
    }
    !constraints
        .excluded
        .iter()
        .filter_map(|s| matches(&s.base))
        .any(|m| m)
}

/// `nc_dns`: the base is a suffix of the name, on a label boundary unless the base starts
/// with a dot; ASCII case-insensitive; an empty base matches everything.
fn dns_matches(name: &str, base: &str) -> bool {
    if base.is_empty() {
        return true;
    }
    let (name, base) = (name.as_bytes(), base.as_bytes());
    let Some(split) = name.len().checked_sub(base.len()) else {
        return false;
    };
    let boundary = split == 0 || base.first() == Some(&b'.') || name.get(split - 1) == Some(&b'.');
    boundary
        && name
            .get(split..)
            .is_some_and(|tail| tail.eq_ignore_ascii_case(base))
}

/// `nc_email`: a base with a local part matches that mailbox (local part case-sensitive); a
/// host matches mailboxes at exactly that host; `.host` matches mailboxes at its subdomains.
fn email_matches(email: &str, base: &str) -> bool {
    let Some((local, host)) = email.rsplit_once('@') else {
        // OpenSSL: unsupported name syntax, a failure either way.
        return false;
    };
    if !base.contains('@') && base.starts_with('.') {
        let (email, base) = (email.as_bytes(), base.as_bytes());
        return email.len() > base.len()
            && email
                .get(email.len() - base.len()..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(base));
    }
    let base_host = match base.rsplit_once('@') {
        Some((base_local, base_host)) => {
            if !base_local.is_empty() && base_local != local {
                return false;
            }
            base_host
        }
        None => base,
    };
    base_host.eq_ignore_ascii_case(host)
}

/// `nc_ip`: an IPv4 (IPv6) address against an address and mask of 8 (32) bytes.
fn ip_matches(ip: &[u8], base: &[u8]) -> bool {
    if !matches!(ip.len(), 4 | 16) || base.len() != ip.len() * 2 {
        return false;
    }
    let (address, mask) = base.split_at(ip.len());
    ip.iter()
        .zip(mask)
        .zip(address)
        .all(|((byte, mask), address)| byte & mask == *address)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_names_match_on_label_boundaries() {
        assert!(dns_matches("good.test", "good.test"));
        assert!(dns_matches("www.GOOD.test", "good.test"));
        assert!(!dns_matches("evilgood.test", "good.test"));
        assert!(dns_matches("www.good.test", ".good.test"));
        assert!(!dns_matches("good.test", ".good.test"));
        assert!(!dns_matches("test", "good.test"));
        assert!(dns_matches("anything", ""));
    }

    #[test]
    fn emails_match_mailbox_host_or_subdomains() {
        assert!(email_matches("admin@good.test", "good.test"));
        assert!(!email_matches("admin@www.good.test", "good.test"));
        assert!(email_matches("admin@www.good.test", ".good.test"));
        assert!(email_matches("admin@good.test", "admin@good.test"));
        assert!(!email_matches("Admin@good.test", "admin@good.test"));
        assert!(!email_matches("no-at-sign", "good.test"));
    }

    #[test]
    fn ips_match_under_their_mask() {
        assert!(ip_matches(&[10, 1, 2, 3], &[10, 0, 0, 0, 255, 0, 0, 0]));
        assert!(!ip_matches(&[192, 0, 2, 7], &[10, 0, 0, 0, 255, 0, 0, 0]));
        assert!(
            !ip_matches(&[10, 1, 2, 3], &[0; 32]),
            "IPv4 against an IPv6 range"
        );
    }

    #[test]
    fn common_names_that_look_like_host_names() {
        assert!(looks_like_host_name("www.evil.test"));
        assert!(looks_like_host_name("a_b.c-d.test"));
        assert!(!looks_like_host_name("Certkit Test Root"));
        assert!(!looks_like_host_name("localhost"));
        assert!(!looks_like_host_name("*.wild.test"));
        assert!(!looks_like_host_name(".lead.test"));
        assert!(!looks_like_host_name("a..b"));
    }
}
