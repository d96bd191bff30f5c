//! Decoding with the reading around a DER value written once: `der`'s `from_der` is generic, so
//! every type decoded carries its own copy of the header, tag, nesting and trailing-data code;
//! in the wasm builds those copies were a large part of the decoding code.

use der::{
    Class, Decode, DecodeValue, FixedTag, Header, IsConstructed, Reader, SliceReader, Tag,
    TagNumber,
};

/// `T::from_der` for a type with a fixed tag, with the reading around the value (header, tag
/// check, nested reader, trailing data: what `from_der` does, in the same order, so the same
/// errors) in one non-generic function, [`read_tagged`], instead of one copy per type.
pub(crate) fn from_der_value<'a, T: DecodeValue<'a, Error = der::Error> + FixedTag>(
    der: &'a [u8],
) -> der::Result<T> {
    let mut value = None;
    read_tagged(der, T::TAG, &mut |r, header| {
        value = Some(T::decode_value(r, header)?);
        Ok(())
    })?;
    // Always set when `read_tagged` succeeds.
    value.ok_or_else(|| der::ErrorKind::Failed.into())
}

/// Reads `der` as exactly one value tagged `tag`, calling `read_value` on its contents.
pub(crate) fn read_tagged<'a>(
    der: &'a [u8],
    tag: Tag,
    read_value: &mut dyn FnMut(&mut SliceReader<'a>, Header) -> der::Result<()>,
) -> der::Result<()> {
    let mut reader = SliceReader::new(der)?;
    let header = Header::decode(&mut reader)?;
    header.tag().assert_eq(tag)?;
    reader.read_nested(header.length(), |r| read_value(r, header))?;
    reader.finish()
}

/// `ContextSpecific::<T>::decode_implicit(reader, number)`'s value, with the reading around it
/// (tag peek, header, constructed bit, nesting: `der`'s checks in its order, so its errors) in
/// [`read_implicit`], one copy per reader type instead of one per `T`.
pub(crate) fn decode_implicit<'a, R, T>(reader: &mut R, number: u32) -> der::Result<Option<T>>
where
    R: Reader<'a>,
    T: DecodeValue<'a, Error = der::Error> + IsConstructed,
{
    let mut value = None;
    read_implicit(
        reader,
        TagNumber(number),
        T::CONSTRUCTED,
        &mut |r, header| {
            value = Some(T::decode_value(r, header)?);
            Ok(())
        },
    )?;
    Ok(value)
}

/// Calls `read_value` on the next value when it is `[number] IMPLICIT`; nothing is read when
/// the reader is done or the next tag is another.
fn read_implicit<'a, R: Reader<'a>>(
    reader: &mut R,
    number: TagNumber,
    constructed: bool,
    read_value: &mut dyn FnMut(&mut R, Header) -> der::Result<()>,
) -> der::Result<()> {
    // `Tag::peek_matches`, private to `der`.
    if reader.is_finished() {
        return Ok(());
    }
    let tag = Tag::peek(reader)?;
    if tag.class() != Class::ContextSpecific || tag.number() != number {
        return Ok(());
    }
    let header = Header::decode(reader)?;
    if header.tag().is_constructed() != constructed && reader.encoding_rules().is_der() {
        return Err(reader.error(header.tag().non_canonical_error()));
    }
    reader.read_nested(header.length(), |r| read_value(r, header))
}

/// One context-specific alternative of a CHOICE, read as `der`'s derived CHOICE decoders read
/// it: the tag is peeked and `accepts(constructed, number)` picks it (otherwise
/// `TagUnexpected` at the tag), then `read_value` reads the value inside its header's length.
pub(crate) fn read_choice<'a, R: Reader<'a>, T>(
    reader: &mut R,
    accepts: impl Fn(bool, u32) -> bool,
    read_value: impl FnOnce(&mut R, Header) -> der::Result<T>,
) -> der::Result<T> {
    let tag = Tag::peek(reader)?;
    let accepted = match tag {
        Tag::ContextSpecific {
            constructed,
            number,
        } => accepts(constructed, number.value()),
        _ => false,
    };
    if !accepted {
        let kind = der::ErrorKind::TagUnexpected {
            expected: None,
            actual: tag,
        };
        return Err(der::Error::new(kind, reader.position()));
    }
    let header = Header::decode(reader)?;
    reader.read_nested(header.length(), |r| read_value(r, header))
}

#[cfg(test)]
mod tests {
    //! `from_der_value` gives what `from_der` gives, errors included (kind and offset), on
    //! every fixture and every one-byte change (two bit flips per byte) or truncation of it.
    extern crate std;

    use super::*;
    use alloc::vec;
    use alloc::vec::Vec;

    fn same<'a, T>(der: &'a [u8])
    where
        T: DecodeValue<'a, Error = der::Error> + FixedTag + 'a,
    {
        // The values come from the same `decode_value`; the errors are what could differ.
        let error = |e: der::Error| (e.kind(), e.position());
        assert_eq!(
            from_der_value::<T>(der).map(|_| ()).map_err(error),
            T::from_der(der).map(|_| ()).map_err(error),
            "{der:02x?}"
        );
    }

    #[test]
    fn from_der_value_is_from_der() {
        let mut checked = 0;
        for der in crate::test_fixtures::pem_blocks() {
            let mut variants: Vec<Vec<u8>> = vec![der.clone()];
            for i in 0..der.len() {
                for change in [der[i] ^ 0x01, der[i] ^ 0x80] {
                    let mut v = der.clone();
                    v[i] = change;
                    variants.push(v);
                }
                variants.push(der[..i].to_vec());
            }
            variants.push([der.as_slice(), &[0]].concat());
            for v in &variants {
                same::<crate::certificate::Cert>(v);
                same::<x509_cert::request::CertReq>(v);
                same::<x509_cert::crl::CertificateList<x509_cert::certificate::Raw>>(v);
                same::<pkcs8::PrivateKeyInfoRef<'_>>(v);
                same::<crate::key::EncryptedPrivateKeyInfo>(v);
                same::<pkcs1::RsaPrivateKeyRef<'_>>(v);
                same::<sec1::EcPrivateKey<'_>>(v);
                same::<spki::SubjectPublicKeyInfoOwned>(v);
                same::<pkcs1::RsaPublicKey<der::asn1::UintRef<'_>>>(v);
                checked += 1;
            }
        }
        assert!(checked > 10_000, "{checked}");
    }
}
