//! The `.pem` files under `tests/fixtures/`, for the unit tests that run over every fixture, and
//! the values and changes the hand readers are checked on against x509-cert's decoders.
extern crate std;

use alloc::string::{String, ToString};
use alloc::vec;
use alloc::vec::Vec;

use der::asn1::{
    Any, BmpString, Ia5String, ObjectIdentifier, OctetString, PrintableString, TeletexString,
};
use x509_cert::ext::pkix::name::{
    DirectoryString, EdiPartyName, GeneralName as X509Name, OtherName,
};

use crate::general_name::GeneralName;

/// Every `.pem` fixture: (path, bytes).
pub(crate) fn pem_files() -> Vec<(String, Vec<u8>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "pem") {
            out.push((path.display().to_string(), std::fs::read(&path).unwrap()));
        }
    }
    assert!(out.len() > 20, "fixtures in {dir}");
    out
}

/// The DER of every block of every `.pem` fixture that parses as a bundle.
pub(crate) fn pem_blocks() -> Vec<Vec<u8>> {
    pem_files()
        .into_iter()
        .filter_map(|(_, bytes)| crate::parse_bundle(bytes).ok())
        .flat_map(|bundle| bundle.blocks.into_iter().map(|block| block.der))
        .collect()
}

/// `value`, and every one-byte change of it (six per byte: zero, all ones, the low and high bit
/// flipped, one up and one down), every truncation, and `value` with a byte after it: what the
/// hand readers are checked on against the decoders they replace.
pub(crate) fn one_byte_changes(value: &[u8]) -> Vec<Vec<u8>> {
    let mut variants = vec![value.to_vec()];
    for (i, &byte) in value.iter().enumerate() {
        for change in [
            0x00,
            0xff,
            byte ^ 0x01,
            byte ^ 0x80,
            byte.wrapping_add(1),
            byte.wrapping_sub(1),
        ] {
            let mut v = value.to_vec();
            v[i] = change;
            variants.push(v);
        }
        variants.push(value[..i].to_vec());
    }
    variants.push([value, &[0]].concat());
    variants
}

/// x509-cert's general name as this crate reads it.
pub(crate) fn converted(name: &X509Name) -> GeneralName {
    match name {
        X509Name::OtherName(other) => GeneralName::OtherName {
            type_id: other.type_id,
            value: other.value.clone(),
        },
        X509Name::Rfc822Name(s) => GeneralName::Email(s.to_string()),
        X509Name::DnsName(s) => GeneralName::Dns(s.to_string()),
        X509Name::DirectoryName(name) => GeneralName::DirectoryName(name.clone()),
        X509Name::EdiPartyName(_) => GeneralName::EdiPartyName,
        X509Name::UniformResourceIdentifier(s) => GeneralName::Uri(s.to_string()),
        X509Name::IpAddress(ip) => GeneralName::Ip(ip.as_bytes().to_vec()),
        X509Name::RegisteredId(oid) => GeneralName::RegisteredId(*oid),
    }
}

/// One general name of each alternative (two otherNames: a string value and another).
pub(crate) fn every_alternative() -> Vec<X509Name> {
    let oid = ObjectIdentifier::new_unwrap;
    let ia5 = |s: &str| Ia5String::new(s).unwrap();
    vec![
        X509Name::OtherName(OtherName {
            type_id: oid("1.3.6.1.4.1.311.20.2.3"),
            value: Any::encode_from(&der::asn1::Utf8StringRef::new("upn@x").unwrap()).unwrap(),
        }),
        X509Name::OtherName(OtherName {
            type_id: oid("1.3.6.1.5.5.7.8.9"),
            value: Any::encode_from(&7u8).unwrap(),
        }),
        X509Name::Rfc822Name(ia5("a@b.test")),
        X509Name::DnsName(ia5("www.b.test")),
        X509Name::DirectoryName("CN=x,O=y".parse().unwrap()),
        X509Name::EdiPartyName(EdiPartyName {
            name_assigner: Some(DirectoryString::Utf8String("a".into())),
            party_name: DirectoryString::PrintableString(PrintableString::new("b").unwrap()),
        }),
        X509Name::UniformResourceIdentifier(ia5("http://b.test/")),
        X509Name::IpAddress(OctetString::new([192, 0, 2, 1]).unwrap()),
        X509Name::IpAddress(
            OctetString::new([0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]).unwrap(),
        ),
        X509Name::RegisteredId(oid("1.2.3.4")),
        // The other DirectoryString alternative, and no nameAssigner.
        X509Name::EdiPartyName(EdiPartyName {
            name_assigner: None,
            party_name: DirectoryString::TeletexString(TeletexString::new("c").unwrap()),
        }),
        X509Name::EdiPartyName(EdiPartyName {
            name_assigner: Some(DirectoryString::BmpString(
                BmpString::from_utf8("d").unwrap(),
            )),
            party_name: DirectoryString::Utf8String("e".into()),
        }),
    ]
}
