//! Reading Download Certificate's ZIP (ncp-operations.md C5) without unpacking it: the file
//! list from the central directory, and the bytes of each file stored without compression.
//!
//! The docs name neither the files nor the compression, so every entry is listed (name, sizes,
//! method) whatever its method; only a stored entry's bytes are handed out (after its CRC-32 is
//! checked), as inflating would cost the app a decompressor. No ZIP64, no multi-disk archives,
//! no encryption: a certificate archive needs none, and each is refused with its own kind.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// End of central directory, central directory header and local file header signatures
/// (APPNOTE.TXT 4.3.16, 4.3.12, 4.3.7).
const END: u32 = 0x0605_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const LOCAL: u32 = 0x0403_4b50;
/// The fixed part of each record.
const END_LEN: usize = 22;
const CENTRAL_LEN: usize = 46;
const LOCAL_LEN: usize = 30;
/// The most entries read: a certificate archive holds a handful.
pub const MAX_ENTRIES: usize = 1000;
/// Compression method 0: stored.
pub const METHOD_STORED: u16 = 0;
/// Compression method 8: deflate.
pub const METHOD_DEFLATE: u16 = 8;

/// Why an archive could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ZipError {
    kind: ZipErrorKind,
    offset: usize,
}

/// What is wrong with the archive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ZipErrorKind {
    /// No end-of-central-directory record: not a ZIP, or cut short.
    NotZip,
    /// A record runs past the end of the data.
    Truncated,
    /// A record does not start with its signature where the directory says it is.
    BadSignature,
    /// A ZIP64 or multi-disk archive.
    Unsupported,
    /// More than [`MAX_ENTRIES`] entries.
    TooManyEntries,
}

impl ZipError {
    fn new(kind: ZipErrorKind, offset: usize) -> Self {
        ZipError { kind, offset }
    }

    /// What is wrong.
    pub fn kind(self) -> ZipErrorKind {
        self.kind
    }

    /// The byte offset where it was found.
    pub fn offset(self) -> usize {
        self.offset
    }
}

impl fmt::Display for ZipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            ZipErrorKind::NotZip => "not a ZIP archive (no end of central directory)",
            ZipErrorKind::Truncated => "the ZIP archive is cut short",
            ZipErrorKind::BadSignature => "a ZIP record has a wrong signature",
            ZipErrorKind::Unsupported => "a ZIP64 or multi-disk archive",
            ZipErrorKind::TooManyEntries => "too many entries in the ZIP archive",
        };
        write!(f, "{what} at byte {}", self.offset)
    }
}

/// One file of the archive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ZipEntry<'a> {
    /// Its name as stored (`dir/name.pem`; not UTF-8 bytes replaced).
    pub name: String,
    /// Its size once unpacked.
    pub size: u32,
    /// Its size in the archive.
    pub compressed_size: u32,
    /// The compression method ([`METHOD_STORED`], [`METHOD_DEFLATE`], ...).
    pub method: u16,
    /// Encrypted (general purpose flag bit 0).
    pub encrypted: bool,
    /// The file's bytes: a stored, unencrypted entry whose CRC-32 matches; `None` otherwise.
    pub data: Option<&'a [u8]>,
}

impl ZipEntry<'_> {
    /// A directory entry (its name ends with `/`).
    pub fn is_dir(&self) -> bool {
        self.name.ends_with('/')
    }
}

/// A little-endian field of a record read whole (`N` is 2 or 4).
fn field<const N: usize>(record: &[u8], at: usize) -> [u8; N] {
    let mut out = [0u8; N];
    if let Some(bytes) = record.get(at..at.saturating_add(N)) {
        out.copy_from_slice(bytes);
    }
    out
}

fn u16_in(record: &[u8], at: usize) -> u16 {
    u16::from_le_bytes(field(record, at))
}

fn u32_in(record: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(field(record, at))
}

/// `len` bytes at `at`, or the archive is cut short.
fn slice_at(bytes: &[u8], at: usize, len: usize) -> Result<&[u8], ZipError> {
    at.checked_add(len)
        .and_then(|end| bytes.get(at..end))
        .ok_or(ZipError::new(ZipErrorKind::Truncated, at))
}

/// The record at `at`: its fixed part of `len` bytes, which starts with `signature`.
fn record(zip: &[u8], at: usize, len: usize, signature: u32) -> Result<&[u8], ZipError> {
    let record = slice_at(zip, at, len)?;
    if u32_in(record, 0) == signature {
        Ok(record)
    } else {
        Err(ZipError::new(ZipErrorKind::BadSignature, at))
    }
}

/// The end-of-central-directory record: the last signature that leaves room for the record
/// and its comment (searched backwards over at most a 64 KiB comment).
fn find_end(zip: &[u8]) -> Result<(usize, &[u8]), ZipError> {
    let last = zip
        .len()
        .checked_sub(END_LEN)
        .ok_or(ZipError::new(ZipErrorKind::NotZip, 0))?;
    let first = last.saturating_sub(usize::from(u16::MAX));
    (first..=last)
        .rev()
        .find_map(|at| {
            let end = record(zip, at, END_LEN, END).ok()?;
            let comment = usize::from(u16_in(end, 20));
            (at + END_LEN + comment == zip.len()).then_some((at, end))
        })
        .ok_or(ZipError::new(ZipErrorKind::NotZip, zip.len()))
}

fn to_usize(n: u32, at: usize) -> Result<usize, ZipError> {
    usize::try_from(n).map_err(|_| ZipError::new(ZipErrorKind::Unsupported, at))
}

/// The files of a ZIP archive, in central-directory order.
///
/// # Errors
/// Not a ZIP, cut short, a record without its signature, ZIP64 or multi-disk, or more than
/// [`MAX_ENTRIES`] entries.
pub fn entries(zip: &[u8]) -> Result<Vec<ZipEntry<'_>>, ZipError> {
    let (end_at, end) = find_end(zip)?;
    let disk = u16_in(end, 4);
    let directory_disk = u16_in(end, 6);
    let count = u16_in(end, 10);
    let directory_offset = u32_in(end, 16);
    if disk != 0 || directory_disk != 0 || count == u16::MAX || directory_offset == u32::MAX {
        return Err(ZipError::new(ZipErrorKind::Unsupported, end_at));
    }
    let count = usize::from(count);
    if count > MAX_ENTRIES {
        return Err(ZipError::new(ZipErrorKind::TooManyEntries, end_at));
    }
    let mut at = to_usize(directory_offset, end_at)?;
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let header = record(zip, at, CENTRAL_LEN, CENTRAL)?;
        let flags = u16_in(header, 8);
        let method = u16_in(header, 10);
        let crc = u32_in(header, 16);
        let compressed_size = u32_in(header, 20);
        let size = u32_in(header, 24);
        let name_len = usize::from(u16_in(header, 28));
        let extra_len = usize::from(u16_in(header, 30));
        let comment_len = usize::from(u16_in(header, 32));
        let local = u32_in(header, 42);
        if compressed_size == u32::MAX || size == u32::MAX || local == u32::MAX {
            return Err(ZipError::new(ZipErrorKind::Unsupported, at));
        }
        let name = slice_at(zip, at.saturating_add(CENTRAL_LEN), name_len)?;
        let encrypted = flags & 1 != 0;
        let data = if method == METHOD_STORED && !encrypted && compressed_size == size {
            Some(stored_data(zip, to_usize(local, at)?, to_usize(size, at)?)?)
                .filter(|d| crc32(d) == crc)
        } else {
            None
        };
        out.push(ZipEntry {
            name: String::from_utf8_lossy(name).into_owned(),
            size,
            compressed_size,
            method,
            encrypted,
            data,
        });
        at = at.saturating_add(CENTRAL_LEN + name_len + extra_len + comment_len);
    }
    Ok(out)
}

/// The bytes after the local header at `local` (whose name and extra field may differ in
/// length from the central directory's).
fn stored_data(zip: &[u8], local: usize, size: usize) -> Result<&[u8], ZipError> {
    let header = record(zip, local, LOCAL_LEN, LOCAL)?;
    let name_len = usize::from(u16_in(header, 26));
    let extra_len = usize::from(u16_in(header, 28));
    slice_at(
        zip,
        local.saturating_add(LOCAL_LEN + name_len + extra_len),
        size,
    )
}

/// CRC-32 (ISO-HDLC, the ZIP one), bit by bit: the files are a few kilobytes.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32_of_the_check_string() {
        // The CRC-32/ISO-HDLC check value of "123456789" (the CRC catalogue's).
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn short_or_foreign_bytes_are_not_a_zip() {
        assert_eq!(
            entries(b"").map_err(ZipError::kind),
            Err(ZipErrorKind::NotZip)
        );
        assert_eq!(
            entries(b"PK\x05\x06").map_err(ZipError::kind),
            Err(ZipErrorKind::NotZip)
        );
        assert_eq!(
            entries(&[0u8; 100]).map_err(ZipError::kind),
            Err(ZipErrorKind::NotZip)
        );
    }

    #[test]
    fn an_empty_archive_lists_nothing() {
        let mut zip = Vec::new();
        zip.extend_from_slice(&END.to_le_bytes());
        zip.extend_from_slice(&[0u8; 18]);
        assert_eq!(entries(&zip), Ok(Vec::new()));
        // A directory offset past the end with entries: cut short, not a panic.
        let mut bad = zip.clone();
        bad[10] = 1;
        bad[16] = 0xff;
        assert_eq!(
            entries(&bad).map_err(ZipError::kind),
            Err(ZipErrorKind::Truncated)
        );
    }
}
