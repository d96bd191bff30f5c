//! A minimal ZIP writer for Download Certificate (ncp-operations.md C5): stored entries (no
//! compression), no timestamps beyond a fixed DOS date, no ZIP64. Small PEM files only.

/// Local file header, central directory header and end-of-central-directory signatures.
const LOCAL: u32 = 0x0403_4b50;
const CENTRAL: u32 = 0x0201_4b50;
const END: u32 = 0x0605_4b50;
/// "Version needed to extract": 1.0, enough for stored entries.
const VERSION: u16 = 10;
/// 1980-01-01 00:00 in DOS date/time (the archive carries no meaningful time).
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = (1 << 5) | 1;

/// A ZIP archive of `files` (name, contents), stored without compression. `None` when a name
/// or file is too large for a non-ZIP64 archive (never for certificates).
pub(crate) fn stored(files: &[(&str, &[u8])]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let offset = u32::try_from(out.len()).ok()?;
        let size = u32::try_from(data.len()).ok()?;
        let name_len = u16::try_from(name.len()).ok()?;
        let crc = crc32fast::hash(data);
        let common = |buf: &mut Vec<u8>| {
            buf.extend_from_slice(&VERSION.to_le_bytes()); // version needed
            buf.extend_from_slice(&0u16.to_le_bytes()); // flags
            buf.extend_from_slice(&0u16.to_le_bytes()); // method: stored
            buf.extend_from_slice(&DOS_TIME.to_le_bytes());
            buf.extend_from_slice(&DOS_DATE.to_le_bytes());
            buf.extend_from_slice(&crc.to_le_bytes());
            buf.extend_from_slice(&size.to_le_bytes()); // compressed
            buf.extend_from_slice(&size.to_le_bytes()); // uncompressed
            buf.extend_from_slice(&name_len.to_le_bytes());
            buf.extend_from_slice(&0u16.to_le_bytes()); // extra field length
        };
        out.extend_from_slice(&LOCAL.to_le_bytes());
        common(&mut out);
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(data);

        central.extend_from_slice(&CENTRAL.to_le_bytes());
        central.extend_from_slice(&VERSION.to_le_bytes()); // version made by
        common(&mut central);
        central.extend_from_slice(&0u16.to_le_bytes()); // comment length
        central.extend_from_slice(&0u16.to_le_bytes()); // disk number
        central.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
        central.extend_from_slice(&0u32.to_le_bytes()); // external attributes
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name.as_bytes());
    }
    let count = u16::try_from(files.len()).ok()?;
    let central_offset = u32::try_from(out.len()).ok()?;
    let central_size = u32::try_from(central.len()).ok()?;
    out.extend_from_slice(&central);
    out.extend_from_slice(&END.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // this disk
    out.extend_from_slice(&0u16.to_le_bytes()); // disk with the central directory
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&count.to_le_bytes());
    out.extend_from_slice(&central_size.to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Python's `zipfile` (an independent implementation) reads the archive back.
    #[test]
    fn python_zipfile_reads_it_back() {
        let zip = stored(&[("a.pem", b"hello\n"), ("dir/b.pem", b"")]).expect("small");
        let path = std::env::temp_dir().join(format!("certkit-zip-{}.zip", std::process::id()));
        std::fs::write(&path, &zip).expect("write");
        let script = "import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nfor i in z.infolist(): print(i.filename, i.compress_type, repr(z.read(i)))";
        let output = std::process::Command::new("python3")
            .args(["-c", script, &path.to_string_lossy()])
            .output();
        let _ = std::fs::remove_file(&path);
        let Ok(output) = output else {
            eprintln!("python3 not installed: skipped");
            return;
        };
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            "a.pem 0 b'hello\\n'\ndir/b.pem 0 b''\n"
        );
    }
}
