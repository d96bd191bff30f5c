//! GeneralName (RFC 5280 4.2.1.6) and the name constraints built on it, read with `der`'s
//! reader primitives: x509-cert's `GeneralName` derives a CHOICE decoder with one
//! context-specific decoder per alternative, which was a large part of the wasm code. The
//! reading here accepts and rejects what x509-cert's does, with the same errors (kind and
//! offset). Request building still encodes x509-cert's `GeneralName`.

use alloc::string::{String, ToString};
use alloc::vec::Vec;

use der::asn1::{
    Any, BmpString, ContextSpecific, Ia5StringRef, ObjectIdentifier, OctetString,
    PrintableStringRef, TeletexStringRef, Utf8StringRef,
};
use der::{Decode, DecodeValue, Header, Reader, Sequence, Tag, TagNumber};

use crate::der_value::{decode_implicit, read_choice};
use x509_cert::ext::pkix::name::OtherName;
use x509_cert::name::Name;

/// One general name, as this crate reads it. x400Address ([3]) is not one: x509-cert's
/// `GeneralName` rejects it, and so does this.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum GeneralName {
    /// otherName: type id and the value inside its `[0] EXPLICIT`.
    OtherName {
        type_id: ObjectIdentifier,
        value: Any,
    },
    /// rfc822Name.
    Email(String),
    /// dNSName.
    Dns(String),
    /// directoryName.
    DirectoryName(Name),
    /// ediPartyName, checked and not kept (nothing reports its parts).
    EdiPartyName,
    /// uniformResourceIdentifier.
    Uri(String),
    /// iPAddress: an address, or (in name constraints) an address and mask.
    Ip(Vec<u8>),
    /// registeredID.
    RegisteredId(ObjectIdentifier),
}

const OTHER_NAME: u32 = 0;
const RFC822_NAME: u32 = 1;
const DNS_NAME: u32 = 2;
const DIRECTORY_NAME: u32 = 4;
const EDI_PARTY_NAME: u32 = 5;
const URI: u32 = 6;
const IP_ADDRESS: u32 = 7;
const REGISTERED_ID: u32 = 8;

impl<'a> Decode<'a> for GeneralName {
    type Error = der::Error;

    /// As x509-cert's derived decoder: the tag (number and constructed bit) picks the
    /// alternative, then its value is read inside the header's length.
    fn decode<R: Reader<'a>>(reader: &mut R) -> der::Result<Self> {
        let accepts = |constructed: bool, number: u32| match number {
            OTHER_NAME | DIRECTORY_NAME | EDI_PARTY_NAME => constructed,
            RFC822_NAME | DNS_NAME | URI | IP_ADDRESS | REGISTERED_ID => !constructed,
            _ => false,
        };
        read_choice(reader, accepts, |r, header| {
            let text = |r: &mut R| -> der::Result<String> {
                Ok(Ia5StringRef::decode_value(r, header)?.as_str().to_string())
            };
            Ok(match header.tag().number().value() {
                OTHER_NAME => {
                    let other = OtherName::decode_value(r, header)?;
                    GeneralName::OtherName {
                        type_id: other.type_id,
                        value: other.value,
                    }
                }
                RFC822_NAME => GeneralName::Email(text(r)?),
                DNS_NAME => GeneralName::Dns(text(r)?),
                // [4] EXPLICIT: the Name's own header and value inside.
                DIRECTORY_NAME => GeneralName::DirectoryName(r.decode()?),
                EDI_PARTY_NAME => {
                    check_edi_party_name(r)?;
                    GeneralName::EdiPartyName
                }
                URI => GeneralName::Uri(text(r)?),
                IP_ADDRESS => GeneralName::Ip(
                    OctetString::decode_value(r, header)?
                        .into_bytes()
                        .into_vec(),
                ),
                // REGISTERED_ID, the only tag the check above leaves.
                _ => GeneralName::RegisteredId(ObjectIdentifier::decode_value(r, header)?),
            })
        })
    }
}

/// EDIPartyName (`nameAssigner [0] DirectoryString OPTIONAL, partyName [1] DirectoryString`),
/// checked as x509-cert's derived decoder checks it, field by field, without keeping the
/// strings: its owned `DirectoryString` cost the wasm builds 6 kB of code for text nothing shows.
fn check_edi_party_name<'a, R: Reader<'a>>(reader: &mut R) -> der::Result<()> {
    ContextSpecific::<CheckedDirectoryString>::decode_explicit(reader, TagNumber(0))?;
    // A required EXPLICIT field: any context-specific value is read, then its number checked.
    let party_name = ContextSpecific::<CheckedDirectoryString>::decode(reader)?;
    if party_name.tag_number != TagNumber(1) {
        let tag = Tag::ContextSpecific {
            number: TagNumber(1),
            constructed: false,
        };
        return Err(tag.value_error().into());
    }
    Ok(())
}

/// x509-cert's DirectoryString CHOICE (PrintableString, TeletexString, UTF8String or
/// BMPString), checked by the constructor each alternative's decoder ends in, and not kept.
/// The header is read once for all four: `der`'s per-type decoders were 5 kB of wasm here.
struct CheckedDirectoryString;

impl<'a> Decode<'a> for CheckedDirectoryString {
    type Error = der::Error;

    fn decode<R: Reader<'a>>(reader: &mut R) -> der::Result<Self> {
        let tag = Tag::peek(reader)?;
        let check: fn(&[u8]) -> der::Result<()> = match tag {
            Tag::PrintableString => |text| PrintableStringRef::new(text).map(drop),
            Tag::TeletexString => |text| TeletexStringRef::new(text).map(drop),
            Tag::Utf8String => |text| Utf8StringRef::new(text).map(drop),
            Tag::BmpString => |text| BmpString::from_ucs2(text).map(drop),
            actual => {
                let kind = der::ErrorKind::TagUnexpected {
                    expected: None,
                    actual,
                };
                return Err(der::Error::new(kind, reader.position()));
            }
        };
        let header = Header::decode(reader)?;
        reader.read_nested(header.length(), |r| check(r.read_slice(header.length())?))?;
        Ok(CheckedDirectoryString)
    }
}

/// NameConstraints: permitted and excluded subtrees (an absent list read as an empty one,
/// which RFC 5280's rules treat alike).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct NameConstraints {
    pub(crate) permitted: Vec<GeneralSubtree>,
    pub(crate) excluded: Vec<GeneralSubtree>,
}

/// GeneralSubtree: a base name, and the minimum and maximum RFC 5280 says not to use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct GeneralSubtree {
    pub(crate) base: GeneralName,
    pub(crate) minimum: u32,
    pub(crate) maximum: Option<u32>,
}

impl Sequence<'_> for NameConstraints {}

impl<'a> DecodeValue<'a> for NameConstraints {
    type Error = der::Error;

    /// `[0] IMPLICIT GeneralSubtrees OPTIONAL, [1] IMPLICIT GeneralSubtrees OPTIONAL`.
    fn decode_value<R: Reader<'a>>(reader: &mut R, _header: Header) -> der::Result<Self> {
        let permitted = decode_implicit::<_, Vec<GeneralSubtree>>(reader, 0)?.unwrap_or_default();
        let excluded = decode_implicit::<_, Vec<GeneralSubtree>>(reader, 1)?.unwrap_or_default();
        Ok(NameConstraints {
            permitted,
            excluded,
        })
    }
}

impl Sequence<'_> for GeneralSubtree {}

impl<'a> DecodeValue<'a> for GeneralSubtree {
    type Error = der::Error;

    /// `base GeneralName, minimum [0] IMPLICIT DEFAULT 0, maximum [1] IMPLICIT OPTIONAL`.
    fn decode_value<R: Reader<'a>>(reader: &mut R, _header: Header) -> der::Result<Self> {
        let base = reader.decode()?;
        let minimum = decode_implicit::<_, u32>(reader, 0)?.unwrap_or(0);
        let maximum = decode_implicit::<_, u32>(reader, 1)?;
        Ok(GeneralSubtree {
            base,
            minimum,
            maximum,
        })
    }
}

#[cfg(test)]
mod tests {
    //! The readers here give what x509-cert's `SubjectAltName`, `GeneralName` and
    //! `NameConstraints` decoders give, errors included (kind and offset), on every fixture's
    //! values, on hand-made ones with every alternative, and on every one-byte change,
    //! truncation and extension of those.
    extern crate std;

    use alloc::vec;

    use super::*;
    use der::Encode;
    use x509_cert::certificate::{CertificateInner, Raw};
    use x509_cert::ext::pkix::constraints::name::GeneralSubtree as X509Subtree;
    use x509_cert::ext::pkix::name::GeneralName as X509Name;
    use x509_cert::ext::pkix::{NameConstraints as X509Constraints, SubjectAltName};

    use crate::der_value::from_der_value;
    use crate::test_fixtures::{converted, every_alternative, one_byte_changes};

    fn error(e: der::Error) -> (der::ErrorKind, Option<der::Length>) {
        (e.kind(), e.position())
    }

    /// The extension values of every fixture certificate with the given extension OID.
    fn fixture_values(id: &str) -> Vec<Vec<u8>> {
        let id = ObjectIdentifier::new_unwrap(id);
        let mut values = Vec::new();
        for der in crate::test_fixtures::pem_blocks() {
            // As `certificate::parse` reads them (that module is above this one).
            let Ok(cert) = CertificateInner::<Raw>::from_der(&der) else {
                continue;
            };
            for ext in cert.tbs_certificate().extensions().into_iter().flatten() {
                if ext.extn_id == id {
                    values.push(ext.extn_value.as_bytes().to_vec());
                }
            }
        }
        values
    }

    #[test]
    fn general_names_read_as_x509_cert_reads_them() {
        let mut seeds = fixture_values("2.5.29.17");
        assert!(!seeds.is_empty());
        let names = every_alternative();
        seeds.push(SubjectAltName(names.clone()).to_der().unwrap());
        let mut checked = 0;
        for seed in &seeds {
            for v in one_byte_changes(seed) {
                let ours = from_der_value::<Vec<GeneralName>>(&v).map_err(error);
                let theirs = SubjectAltName::from_der(&v)
                    .map(|san| san.0.iter().map(converted).collect::<Vec<_>>())
                    .map_err(error);
                assert_eq!(ours, theirs, "{v:02x?}");
                checked += usize::from(ours.is_ok());
            }
        }
        // Each alternative alone, as AIA's accessLocation reads one.
        for name in &names {
            for v in one_byte_changes(&name.to_der().unwrap()) {
                let ours = GeneralName::from_der(&v).map_err(error);
                let theirs = X509Name::from_der(&v).map(|n| converted(&n)).map_err(error);
                assert_eq!(ours, theirs, "{v:02x?}");
                checked += usize::from(ours.is_ok());
            }
        }
        assert!(checked > 50, "{checked}");
    }

    #[test]
    fn name_constraints_read_as_x509_cert_reads_them() {
        let mut seeds = fixture_values("2.5.29.30");
        let subtree = |base: X509Name, minimum, maximum| X509Subtree {
            base,
            minimum,
            maximum,
        };
        let names = every_alternative();
        let mut permitted: Vec<X509Subtree> =
            names.iter().map(|n| subtree(n.clone(), 0, None)).collect();
        permitted.push(subtree(names[3].clone(), 1, Some(2)));
        let constraints = X509Constraints {
            permitted_subtrees: Some(permitted),
            excluded_subtrees: Some(vec![subtree(names[7].clone(), 0, Some(1))]),
        };
        seeds.push(constraints.to_der().unwrap());
        let excluded_only = X509Constraints {
            permitted_subtrees: None,
            excluded_subtrees: Some(vec![subtree(names[2].clone(), 0, None)]),
        };
        seeds.push(excluded_only.to_der().unwrap());
        // A subtree with its DEFAULT minimum 0 encoded, which DER leaves out.
        seeds.push(vec![
            0x30, 0x0b, 0xa0, 0x09, 0x30, 0x07, 0x82, 0x02, b'a', b'b', 0x80, 0x01, 0x00,
        ]);
        let subtrees = |s: &Option<Vec<X509Subtree>>| -> Vec<GeneralSubtree> {
            s.iter()
                .flatten()
                .map(|s| GeneralSubtree {
                    base: converted(&s.base),
                    minimum: s.minimum,
                    maximum: s.maximum,
                })
                .collect()
        };
        let mut checked = 0;
        for seed in &seeds {
            for v in one_byte_changes(seed) {
                let ours = from_der_value::<NameConstraints>(&v).map_err(error);
                let theirs = X509Constraints::from_der(&v)
                    .map(|c| NameConstraints {
                        permitted: subtrees(&c.permitted_subtrees),
                        excluded: subtrees(&c.excluded_subtrees),
                    })
                    .map_err(error);
                assert_eq!(ours, theirs, "{v:02x?}");
                checked += usize::from(ours.is_ok());
            }
        }
        assert!(checked > 50, "{checked}");
    }
}
