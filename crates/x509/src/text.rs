//! Turning DER values into the strings users read: hex, dates, names, OID names.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write;

use der::asn1::ObjectIdentifier;
use der::{Encode, Tag, Tagged};
use serde::Serialize;
use x509_cert::name::{Name, RdnSequence, RelativeDistinguishedName};

use crate::error::{Error, ErrorKind};

/// Upper-case hex with colons, the way openssl prints fingerprints and NCP prints serials:
/// `"1A:2B:3C"`.
pub(crate) fn colon_hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for (i, &b) in bytes.iter().enumerate() {
        if i > 0 {
            out.push(':');
        }
        push_hex_byte(&mut out, b, b'A');
    }
    out
}

/// Two hex digits of `byte`, letters from `a` (`b'A'` or `b'a'`). By hand rather than
/// `write!("{b:02X}")`: core::fmt per byte was most of the time spent on fingerprints.
fn push_hex_byte(out: &mut String, byte: u8, a: u8) {
    for nibble in [byte >> 4, byte & 0x0f] {
        out.push(char::from(if nibble < 10 {
            b'0' + nibble
        } else {
            a + nibble - 10
        }));
    }
}

/// IPv4 dotted, IPv6 per RFC 5952; anything else (name-constraint ranges) as colon hex.
pub(crate) fn ip_text(octets: &[u8]) -> String {
    if let Ok(v4) = <[u8; 4]>::try_from(octets) {
        core::net::Ipv4Addr::from(v4).to_string()
    } else if let Ok(v6) = <[u8; 16]>::try_from(octets) {
        core::net::Ipv6Addr::from(v6).to_string()
    } else {
        colon_hex(octets)
    }
}

/// Lower-case hex without separators.
pub(crate) fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        push_hex_byte(&mut out, b, b'a');
    }
    out
}

/// An OID as dotted text (`"2.5.29.17"`), as its `Display` writes it. Digit by digit rather
/// than through core::fmt (once per arc, after counting the arcs): formatting OIDs was 5 % of
/// a leaf certificate's inspection.
pub(crate) fn oid_text(id: &ObjectIdentifier) -> String {
    let mut out = String::with_capacity(24);
    for (i, arc) in id.arcs().enumerate() {
        if i > 0 {
            out.push('.');
        }
        let mut divisor = 1;
        while arc / divisor >= 10 {
            divisor *= 10;
        }
        while divisor > 0 {
            out.push(char::from_digit(arc / divisor % 10, 10).unwrap_or('0'));
            divisor /= 10;
        }
    }
    out
}

/// A certificate serial number as OpenSSL and NCP show it: upper-case colon hex
/// (`"0A:FF:..."`), without the leading zero byte DER adds to keep a number positive.
/// `serial` is the INTEGER's content octets, as `x509_cert`'s `SerialNumber::as_bytes` gives.
///
/// Used for every serial this crate reports, and by the sandbox for the serials it issues, so
/// the two always agree.
///
/// ```
/// assert_eq!(certkit_x509::serial_hex(&[0x00, 0x8a, 0x0f]), "8A:0F");
/// ```
pub fn serial_hex(serial: &[u8]) -> String {
    colon_hex(strip_sign_byte(serial))
}

/// A serial number written as text (NCP's `serialNo`, a CRL's or openssl's output) in
/// [`serial_hex`]'s form, so that two writings of one serial compare equal: colon-separated
/// hex octets in either case (`"0a:ff"`) or bare hex (`"0AFF"`, odd length padded), a leading
/// zero octet dropped. `None` for anything else (empty, not hex, a stray colon).
///
/// ```
/// assert_eq!(certkit_x509::serial_from_text("00:8a:0f").as_deref(), Some("8A:0F"));
/// assert_eq!(certkit_x509::serial_from_text("8A0F").as_deref(), Some("8A:0F"));
/// assert_eq!(certkit_x509::serial_from_text("8a:g0"), None);
/// ```
pub fn serial_from_text(text: &str) -> Option<String> {
    let text = text.trim();
    let digits: String = if text.contains(':') {
        let octets: Vec<&str> = text.split(':').collect();
        if octets.iter().any(|o| o.is_empty() || o.len() > 2) {
            return None;
        }
        octets.iter().map(|o| format!("{o:0>2}")).collect()
    } else if text.len() % 2 == 1 {
        format!("0{text}")
    } else {
        text.to_string()
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let bytes: Option<Vec<u8>> = digits
        .as_bytes()
        .chunks(2)
        .map(|pair| {
            core::str::from_utf8(pair)
                .ok()
                .and_then(|p| u8::from_str_radix(p, 16).ok())
        })
        .collect();
    bytes.map(|b| serial_hex(&b))
}

/// A DER INTEGER's content bytes without the sign-padding zero (the magnitude of a positive
/// serial, as openssl's `-serial` prints it).
pub(crate) fn strip_sign_byte(bytes: &[u8]) -> &[u8] {
    match bytes {
        [0, rest @ ..] if !rest.is_empty() => rest,
        _ => bytes,
    }
}

/// Unix seconds as RFC 3339 UTC (`"2026-11-23T10:00:00Z"`).
pub(crate) fn rfc3339(unix_seconds: u64) -> Result<String, Error> {
    let duration = core::time::Duration::from_secs(unix_seconds);
    der::DateTime::from_unix_duration(duration)
        .map(|dt| dt.to_string())
        .map_err(|_| Error::new(ErrorKind::InvalidTime))
}

/// Seconds since the Unix epoch of an X.509 time, as a signed number.
pub(crate) fn unix_seconds(time: x509_cert::time::Time) -> i64 {
    i64::try_from(time.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
}

/// Whole days from `now` until `until` (negative once passed), rounding towards the past.
pub(crate) fn days_between(now: i64, until: i64) -> i64 {
    until.saturating_sub(now).div_euclid(86_400)
}

/// One attribute of a distinguished name, e.g. `{type: "CN", oid: "2.5.4.3", value: "x"}`.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NameAttribute {
    /// The short name openssl uses (`CN`, `O`, `emailAddress`, ...), or the dotted OID.
    #[serde(rename = "type")]
    pub kind: String,
    /// The dotted OID of the attribute type.
    pub oid: String,
    /// The value as text (`#` and hex of its DER when it is not a string type).
    pub value: String,
}

/// The attributes of a name in the order they are encoded (most significant first).
pub(crate) fn name_attributes(name: &Name) -> Vec<NameAttribute> {
    name.iter()
        .map(|atv| NameAttribute {
            kind: attribute_short_name(&atv.oid).map_or_else(|| oid_text(&atv.oid), str::to_string),
            oid: oid_text(&atv.oid),
            value: attribute_value(&atv.value),
        })
        .collect()
}

/// A name as an RFC 4514 string (last RDN first, `+` inside multi-valued RDNs), with the
/// attribute names openssl's `-nameopt RFC2253` uses.
pub(crate) fn rfc4514(name: &Name) -> String {
    let mut out = String::new();
    // Name's own iterators run forwards only; its RDN sequence is a Vec underneath.
    let rdns: &RdnSequence = name.as_ref();
    let rdns: &Vec<RelativeDistinguishedName> = rdns.as_ref();
    for (i, rdn) in rdns.iter().rev().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_rdn(rdn, &mut out);
    }
    out
}

/// One relative distinguished name as RFC 4514 text (`+` between its attributes): what a CRL
/// distribution point's `nameRelativeToCRLIssuer` is.
pub(crate) fn rdn_rfc4514(rdn: &RelativeDistinguishedName) -> String {
    let mut out = String::new();
    push_rdn(rdn, &mut out);
    out
}

fn push_rdn(rdn: &RelativeDistinguishedName, out: &mut String) {
    for (j, atv) in rdn.iter().enumerate() {
        if j > 0 {
            out.push('+');
        }
        match (attribute_short_name(&atv.oid), string_value(&atv.value)) {
            (Some(short), Some(value)) => {
                out.push_str(short);
                out.push('=');
                escape_rfc4514(&value, out);
            }
            _ => {
                out.push_str(&oid_text(&atv.oid));
                out.push_str("=#");
                out.push_str(&hex(&atv.value.to_der().unwrap_or_default()));
            }
        }
    }
}

fn escape_rfc4514(value: &str, out: &mut String) {
    let last = value.chars().count().saturating_sub(1);
    for (i, c) in value.chars().enumerate() {
        match c {
            '#' if i == 0 => out.push_str("\\#"),
            ' ' if i == 0 || i == last => out.push_str("\\ "),
            '"' | '+' | ',' | ';' | '<' | '>' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\0'..='\x1f' | '\x7f' => {
                let _ = write!(out, "\\{:02X}", c as u32);
            }
            _ => out.push(c),
        }
    }
}

fn attribute_value(value: &der::Any) -> String {
    string_value(value).unwrap_or_else(|| format!("#{}", hex(&value.to_der().unwrap_or_default())))
}

/// The text of a directory string (UTF8, Printable, IA5, Teletex, BMP, Visible).
pub(crate) fn string_value(value: &der::Any) -> Option<String> {
    let bytes = value.value();
    match value.tag() {
        Tag::Utf8String | Tag::PrintableString | Tag::Ia5String | Tag::VisibleString => {
            core::str::from_utf8(bytes).ok().map(str::to_string)
        }
        // T.61 in theory; Latin-1 in practice.
        Tag::TeletexString => Some(bytes.iter().map(|&b| char::from(b)).collect()),
        Tag::BmpString => {
            let units: Vec<u16> = bytes
                .chunks_exact(2)
                .map(|p| u16::from_be_bytes([p.first().copied()?, p.get(1).copied()?]).into())
                .collect::<Option<Vec<u16>>>()
                .unwrap_or_default();
            char::decode_utf16(units)
                .collect::<Result<String, _>>()
                .ok()
        }
        _ => None,
    }
}

const fn oid(s: &str) -> ObjectIdentifier {
    ObjectIdentifier::new_unwrap(s)
}

/// Looks up a name for an OID in a `(dotted, name)` table.
fn lookup(
    table: &[(ObjectIdentifier, &'static str)],
    id: &ObjectIdentifier,
) -> Option<&'static str> {
    table.iter().find(|(o, _)| o == id).map(|(_, n)| *n)
}

const ATTRIBUTES: &[(ObjectIdentifier, &str)] = &[
    (oid("2.5.4.3"), "CN"),
    (oid("2.5.4.4"), "SN"),
    (oid("2.5.4.5"), "serialNumber"),
    (oid("2.5.4.6"), "C"),
    (oid("2.5.4.7"), "L"),
    (oid("2.5.4.8"), "ST"),
    (oid("2.5.4.9"), "street"),
    (oid("2.5.4.10"), "O"),
    (oid("2.5.4.11"), "OU"),
    (oid("2.5.4.12"), "title"),
    (oid("2.5.4.15"), "businessCategory"),
    (oid("2.5.4.17"), "postalCode"),
    (oid("2.5.4.42"), "GN"),
    (oid("2.5.4.43"), "initials"),
    (oid("2.5.4.44"), "generationQualifier"),
    (oid("2.5.4.46"), "dnQualifier"),
    (oid("2.5.4.65"), "pseudonym"),
    (oid("2.5.4.97"), "organizationIdentifier"),
    (oid("0.9.2342.19200300.100.1.1"), "UID"),
    (oid("0.9.2342.19200300.100.1.25"), "DC"),
    (oid("1.2.840.113549.1.9.1"), "emailAddress"),
    (oid("1.3.6.1.4.1.311.60.2.1.1"), "jurisdictionL"),
    (oid("1.3.6.1.4.1.311.60.2.1.2"), "jurisdictionST"),
    (oid("1.3.6.1.4.1.311.60.2.1.3"), "jurisdictionC"),
];

pub(crate) fn attribute_short_name(id: &ObjectIdentifier) -> Option<&'static str> {
    lookup(ATTRIBUTES, id)
}

const EXTENSIONS: &[(ObjectIdentifier, &str)] = &[
    (oid("2.5.29.9"), "subjectDirectoryAttributes"),
    (oid("2.5.29.14"), "subjectKeyIdentifier"),
    (oid("2.5.29.15"), "keyUsage"),
    (oid("2.5.29.16"), "privateKeyUsagePeriod"),
    (oid("2.5.29.17"), "subjectAltName"),
    (oid("2.5.29.18"), "issuerAltName"),
    (oid("2.5.29.19"), "basicConstraints"),
    (oid("2.5.29.20"), "cRLNumber"),
    (oid("2.5.29.21"), "cRLReason"),
    (oid("2.5.29.24"), "invalidityDate"),
    (oid("2.5.29.27"), "deltaCRLIndicator"),
    (oid("2.5.29.28"), "issuingDistributionPoint"),
    (oid("2.5.29.29"), "certificateIssuer"),
    (oid("2.5.29.30"), "nameConstraints"),
    (oid("2.5.29.31"), "cRLDistributionPoints"),
    (oid("2.5.29.32"), "certificatePolicies"),
    (oid("2.5.29.33"), "policyMappings"),
    (oid("2.5.29.35"), "authorityKeyIdentifier"),
    (oid("2.5.29.36"), "policyConstraints"),
    (oid("2.5.29.37"), "extendedKeyUsage"),
    (oid("2.5.29.46"), "freshestCRL"),
    (oid("2.5.29.54"), "inhibitAnyPolicy"),
    (oid("1.3.6.1.5.5.7.1.1"), "authorityInfoAccess"),
    (oid("1.3.6.1.5.5.7.1.11"), "subjectInfoAccess"),
    (oid("1.3.6.1.5.5.7.1.24"), "tlsFeature"),
    (oid("1.3.6.1.5.5.7.48.1.2"), "ocspNonce"),
    (oid("1.3.6.1.5.5.7.48.1.5"), "ocspNoCheck"),
    (
        oid("1.3.6.1.4.1.11129.2.4.2"),
        "signedCertificateTimestampList",
    ),
    (oid("1.3.6.1.4.1.11129.2.4.3"), "precertificatePoison"),
    (oid("2.16.840.1.113730.1.1"), "netscapeCertType"),
    (oid("2.16.840.1.113730.1.13"), "netscapeComment"),
    (
        oid("1.3.6.1.4.1.311.20.2"),
        "microsoftCertificateTemplateName",
    ),
    (oid("1.3.6.1.4.1.311.21.7"), "microsoftCertificateTemplate"),
];

pub(crate) fn extension_name(id: &ObjectIdentifier) -> Option<&'static str> {
    lookup(EXTENSIONS, id)
}

const EXTENDED_KEY_USAGES: &[(ObjectIdentifier, &str)] = &[
    (oid("2.5.29.37.0"), "anyExtendedKeyUsage"),
    (oid("1.3.6.1.5.5.7.3.1"), "serverAuth"),
    (oid("1.3.6.1.5.5.7.3.2"), "clientAuth"),
    (oid("1.3.6.1.5.5.7.3.3"), "codeSigning"),
    (oid("1.3.6.1.5.5.7.3.4"), "emailProtection"),
    (oid("1.3.6.1.5.5.7.3.5"), "ipsecEndSystem"),
    (oid("1.3.6.1.5.5.7.3.6"), "ipsecTunnel"),
    (oid("1.3.6.1.5.5.7.3.7"), "ipsecUser"),
    (oid("1.3.6.1.5.5.7.3.8"), "timeStamping"),
    (oid("1.3.6.1.5.5.7.3.9"), "OCSPSigning"),
    (oid("1.3.6.1.4.1.311.20.2.2"), "msSmartcardLogin"),
];

/// The RFC 5280 name of an extended key usage, or its dotted OID.
pub(crate) fn extended_key_usage_name(id: &ObjectIdentifier) -> String {
    lookup(EXTENDED_KEY_USAGES, id).map_or_else(|| oid_text(id), str::to_string)
}

const SIGNATURE_ALGORITHMS: &[(ObjectIdentifier, &str)] = &[
    (oid("1.2.840.113549.1.1.4"), "md5WithRSAEncryption"),
    (oid("1.2.840.113549.1.1.5"), "sha1WithRSAEncryption"),
    (oid("1.2.840.113549.1.1.10"), "rsassaPss"),
    (oid("1.2.840.113549.1.1.11"), "sha256WithRSAEncryption"),
    (oid("1.2.840.113549.1.1.12"), "sha384WithRSAEncryption"),
    (oid("1.2.840.113549.1.1.13"), "sha512WithRSAEncryption"),
    (oid("1.2.840.113549.1.1.14"), "sha224WithRSAEncryption"),
    (oid("1.2.840.10045.4.1"), "ecdsa-with-SHA1"),
    (oid("1.2.840.10045.4.3.1"), "ecdsa-with-SHA224"),
    (oid("1.2.840.10045.4.3.2"), "ecdsa-with-SHA256"),
    (oid("1.2.840.10045.4.3.3"), "ecdsa-with-SHA384"),
    (oid("1.2.840.10045.4.3.4"), "ecdsa-with-SHA512"),
    (oid("1.3.101.112"), "ED25519"),
    (oid("1.3.101.113"), "ED448"),
    (oid("1.2.840.10040.4.3"), "dsaWithSHA1"),
    (oid("2.16.840.1.101.3.4.3.2"), "dsa_with_SHA256"),
    (oid("1.2.156.10197.1.501"), "SM2-with-SM3"),
];

/// The name openssl prints for a signature algorithm, or its dotted OID.
pub(crate) fn signature_algorithm_name(id: &ObjectIdentifier) -> String {
    lookup(SIGNATURE_ALGORITHMS, id).map_or_else(|| oid_text(id), str::to_string)
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use alloc::string::{String, ToString};
    use alloc::vec::Vec;
    use core::str::FromStr;

    use der::asn1::ObjectIdentifier;
    use proptest::prelude::*;
    use x509_cert::name::RelativeDistinguishedName;

    use super::{colon_hex, hex, oid_text, rdn_rfc4514, serial_from_text};

    /// A CRL distribution point's `nameRelativeToCRLIssuer` is printed like a name's RDNs
    /// (openssl's short names, RFC 4514 escapes), not by x509-cert's Display, which links
    /// const-oid's whole OID-name table (about 30 kB gzip of wasm).
    #[test]
    fn a_relative_name_is_printed_as_rfc4514() {
        let rdn = RelativeDistinguishedName::from_str(r"CN=CRL 1\, A+O=Certkit").unwrap();
        let text = rdn_rfc4514(&rdn);
        assert!(
            text == r"CN=CRL 1\, A+O=Certkit" || text == r"O=Certkit+CN=CRL 1\, A",
            "{text}"
        );
    }

    proptest! {
        /// Invariant: an OID's text is what const-oid's `Display` writes, for any OID a
        /// certificate can hold (what `from_bytes`, the DER decoder's check, accepts: arcs
        /// below 2^28).
        #[test]
        fn oid_text_is_display(
            first in 0u32..=2,
            second in 0u32..=39,
            rest in proptest::collection::vec(
                prop_oneof![0u32..200, 0u32..1 << 28, Just((1 << 28) - 1), Just(1_000_000)],
                1..8,
            ),
        ) {
            let arcs: Vec<u32> = [first, second].into_iter().chain(rest).collect();
            let encoded = ObjectIdentifier::from_arcs(arcs).unwrap();
            if let Ok(id) = ObjectIdentifier::from_bytes(encoded.as_bytes()) {
                prop_assert_eq!(oid_text(&id), id.to_string());
            }
        }

        /// Invariant: the hex writers agree with core::fmt's `{:02X}` and `{:02x}`.
        #[test]
        fn hex_is_fmt(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            let upper: Vec<String> = bytes.iter().map(|b| format!("{b:02X}")).collect();
            prop_assert_eq!(colon_hex(&bytes), upper.join(":"));
            let lower: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            prop_assert_eq!(hex(&bytes), lower);
        }
    }

    #[test]
    fn a_serial_read_from_text_takes_serial_hex_s_form() {
        for (text, want) in [
            ("5d:8a:01", Some("5D:8A:01")),
            ("5D:8A:01", Some("5D:8A:01")),
            (" 00:8a ", Some("8A")),
            ("008A", Some("8A")),
            ("a", Some("0A")),
            ("0DEAD0", Some("0D:EA:D0")),
            ("00", Some("00")),
            ("", None),
            (":", None),
            ("5d::8a", None),
            ("5d:8a:", None),
            ("5d8:a0", None),
            ("xy", None),
            ("+1", None),
        ] {
            assert_eq!(serial_from_text(text).as_deref(), want, "{text:?}");
        }
    }
}
