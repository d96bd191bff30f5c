//! PEM repair: each kind of damage users and JSON do to PEMs, applied to an OpenSSL-made
//! certificate (`tests/fixtures/leaf-p256.pem`, made by `make.sh`). Every repaired parse must
//! give back exactly OpenSSL's DER (`openssl x509 -outform DER` equivalent: the base64 of the
//! undamaged file) and report the repair by its stable code.

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use certkit_x509::{parse_bundle, Bundle, ErrorKind, Label, Repair};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn clean() -> String {
    String::from_utf8(fixture("leaf-p256.pem")).unwrap()
}

/// The base64 body of the clean file, on one line.
fn body() -> String {
    clean()
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<Vec<_>>()
        .concat()
}

fn codes(bundle: &Bundle) -> Vec<&'static str> {
    bundle.repairs.iter().map(|r| r.code()).collect()
}

/// Parses `damaged`, checks the result is the clean certificate, returns the repair codes.
fn repaired(damaged: &str) -> Vec<&'static str> {
    let bundle = parse_bundle(damaged).unwrap_or_else(|e| panic!("{e}\n{damaged}"));
    assert_eq!(bundle.blocks.len(), 1, "{damaged}");
    assert_eq!(bundle.blocks[0].label, Label::Certificate);
    assert_eq!(bundle.to_pem(), clean(), "clean PEM out of {damaged:?}");
    codes(&bundle)
}

#[test]
fn clean_pem_needs_no_repair() {
    assert!(repaired(&clean()).is_empty());
}

#[test]
fn json_escaped_one_line_paste() {
    // What `"certificate": "..."` in an API response looks like when copied with its quotes.
    let json_line = format!("\"{}\"", clean().replace('\n', "\\n"));
    assert!(!json_line.contains('\n'));
    let codes = repaired(&json_line);
    assert!(codes.contains(&"unescapedNewlines"), "{codes:?}");
    assert!(codes.contains(&"strippedSurroundingText"), "{codes:?}");
    // Without the quotes, and with \r\n escapes as Windows tools write them.
    let codes = repaired(&clean().replace('\n', "\\r\\n"));
    assert!(codes.contains(&"unescapedNewlines"), "{codes:?}");
    assert!(codes.contains(&"crlf"), "{codes:?}");
}

#[test]
fn json_escaped_slashes_and_unicode() {
    // Some JSON encoders write '/' as "\/" and '=' as "\u003d".
    let escaped = clean()
        .replace('\n', "\\n")
        .replace('/', "\\/")
        .replace('=', "\\u003d");
    let codes = repaired(&escaped);
    assert!(codes.contains(&"unescapedJson"), "{codes:?}");
}

#[test]
fn crlf_line_ends() {
    assert_eq!(repaired(&clean().replace('\n', "\r\n")), ["crlf"]);
}

#[test]
fn base64_on_one_line() {
    let one_line = format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        body()
    );
    assert_eq!(repaired(&one_line), ["rewrapped"]);
    // Wrapped at 76 (MIME) instead of 64.
    let b = body();
    let wrapped: Vec<&str> = b
        .as_bytes()
        .chunks(76)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    let mime = format!(
        "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
        wrapped.join("\n")
    );
    assert_eq!(repaired(&mime), ["rewrapped"]);
}

#[test]
fn whole_pem_on_one_line_with_spaces() {
    // A text field that turned the line breaks into spaces.
    let flattened = clean().trim_end().replace('\n', " ");
    let codes = repaired(&flattened);
    assert!(codes.contains(&"removedSpaces"), "{codes:?}");
    assert!(codes.contains(&"rewrapped"), "{codes:?}");
    assert!(codes.contains(&"addedFinalNewline"), "{codes:?}");
}

#[test]
fn spaces_inside_base64() {
    let mut spaced = String::new();
    for line in clean().lines() {
        if line.starts_with("-----") {
            spaced.push_str(line);
        } else {
            let (a, b) = line.split_at(line.len() / 2);
            spaced.push_str(&format!("{a} {b}  "));
        }
        spaced.push('\n');
    }
    assert_eq!(repaired(&spaced), ["removedSpaces"]);
    // Indented, as in YAML.
    let indented: String = clean().lines().map(|l| format!("    {l}\n")).collect();
    assert_eq!(repaired(&indented), ["removedSpaces"]);
}

/// Tabs, as indentation (a PEM pasted into a YAML or Makefile) and inside the base64.
#[test]
fn tabs_inside_base64() {
    let tabbed: String = clean()
        .lines()
        .map(|l| match l.starts_with("-----") {
            true => format!("\t{l}\n"),
            false => {
                let (a, b) = l.split_at(l.len().min(10));
                format!("\t{a}\t{b}\t\n")
            }
        })
        .collect();
    assert_eq!(repaired(&tabbed), ["removedSpaces"]);
}

/// Spaces at line ends (after the base64 or the BEGIN/END lines) are dropped, and said so.
#[test]
fn trailing_spaces() {
    let trailing: String = clean().lines().map(|l| format!("{l}  \n")).collect();
    assert_eq!(repaired(&trailing), ["removedSpaces"]);
}

/// Windows Notepad and some editors save UTF-8 with a byte-order mark.
#[test]
fn byte_order_mark() {
    assert_eq!(repaired(&format!("\u{feff}{}", clean())), ["byteOrderMark"]);
    // Two files each with a mark, concatenated.
    let int = String::from_utf8(fixture("int-p384.pem")).unwrap();
    let bundle = parse_bundle(format!("\u{feff}{}\u{feff}{int}", clean())).unwrap();
    assert_eq!(bundle.blocks.len(), 2);
    assert_eq!(codes(&bundle), ["byteOrderMark"]);
}

/// No-break spaces (U+00A0), which web pages and word processors put in copied text, around
/// and inside the base64 lines.
#[test]
fn no_break_spaces() {
    let nbsp: String = clean()
        .lines()
        .map(|l| match l.starts_with("-----") {
            true => format!("{l}\u{a0}\n"),
            false => {
                let (a, b) = l.split_at(l.len().min(20));
                format!("\u{a0}{a}\u{a0}{b}\n")
            }
        })
        .collect();
    assert_eq!(repaired(&nbsp), ["noBreakSpaces", "removedSpaces"]);
}

/// Old Mac line ends: CR alone.
#[test]
fn cr_only_line_ends() {
    assert_eq!(repaired(&clean().replace('\n', "\r")), ["crLineEnds"]);
    // Mixed with CRLF: both reported.
    let mixed = clean().replacen('\n', "\r", 1).replace("\n", "\r\n");
    assert_eq!(repaired(&mixed), ["crlf", "crLineEnds"]);
}

/// Blank lines inside the base64 are dropped: the base64 is re-wrapped.
#[test]
fn blank_lines_inside_base64() {
    let gappy = clean().replacen('\n', "\n\n", 2);
    assert_eq!(repaired(&gappy), ["rewrapped"]);
}

#[test]
fn missing_final_newline() {
    assert_eq!(repaired(clean().trim_end()), ["addedFinalNewline"]);
}

#[test]
fn text_around_blocks() {
    let noisy = format!(
        "Here is the certificate you asked for:\n\n{}\nRegards,\nthe PKI team\n",
        clean()
    );
    assert_eq!(repaired(&noisy), ["strippedSurroundingText"]);
    // Text between blocks of a bundle.
    let bundle_text = format!(
        "leaf:\n{}intermediate:\n{}",
        clean(),
        String::from_utf8(fixture("int-p384.pem")).unwrap()
    );
    let bundle = parse_bundle(&bundle_text).unwrap();
    assert_eq!(bundle.blocks.len(), 2);
    assert_eq!(codes(&bundle), ["strippedSurroundingText"]);
}

#[test]
fn wrong_number_of_dashes() {
    let dashes = clean()
        .replace("-----BEGIN CERTIFICATE-----", "----BEGIN CERTIFICATE----")
        .replace("-----END CERTIFICATE-----", "------END CERTIFICATE------");
    assert_eq!(repaired(&dashes), ["fixedBoundaries"]);
}

#[test]
fn missing_padding() {
    // Whether a certificate's base64 ends in '=' depends on its length; take the fixtures that do.
    let padded: Vec<String> = [
        "leaf-p256.pem",
        "leaf-rsa2048.pem",
        "leaf-rsa4096.pem",
        "leaf-p521.pem",
        "int-p384.pem",
        "int-p521.pem",
        "root.pem",
        "expired.pem",
    ]
    .iter()
    .map(|f| String::from_utf8(fixture(f)).unwrap())
    .filter(|pem| pem.contains('='))
    .collect();
    assert!(!padded.is_empty(), "some fixture's base64 ends in padding");
    for pem in padded {
        let bundle = parse_bundle(pem.replace('=', "")).unwrap();
        assert_eq!(codes(&bundle), ["addedPadding"]);
        assert_eq!(bundle.to_pem(), pem);
    }
}

#[test]
fn der_input() {
    // `openssl x509 -outform DER` output.
    let der = fixture("leaf-rsa2048.der");
    let bundle = parse_bundle(&der).unwrap();
    assert_eq!(codes(&bundle), ["derInput"]);
    assert_eq!(bundle.blocks[0].label, Label::Certificate);
    assert_eq!(bundle.blocks[0].der, der);
    assert_eq!(
        bundle.to_pem(),
        String::from_utf8(fixture("leaf-rsa2048.pem")).unwrap()
    );
    // Concatenated DER certificates.
    let mut two = der.clone();
    two.extend(certkit_x509::export::der(fixture("int-p384.pem")).unwrap());
    let bundle = parse_bundle(&two).unwrap();
    assert_eq!(bundle.blocks.len(), 2);
    // Text that starts with '0' is still text.
    let bundle = parse_bundle(format!("0 (leaf)\n{}", clean())).unwrap();
    assert_eq!(codes(&bundle), ["strippedSurroundingText"]);
    // A DER private key is labelled by its content.
    let key = parse_bundle(fixture("leaf-rsa2048.key.der")).unwrap();
    assert_eq!(key.blocks[0].label, Label::RsaPrivateKey);
}

#[test]
fn bare_base64_without_armor() {
    let bundle = parse_bundle(body()).unwrap();
    assert_eq!(codes(&bundle), ["bareBase64"]);
    assert_eq!(bundle.to_pem(), clean());
}

#[test]
fn mixed_bundle_keeps_every_block_in_order() {
    let text = [
        "leaf-p256.pem",
        "leaf-p256.key.pem",
        "leaf-rsa2048.pkcs1.pem",
        "leaf-p256.sec1.pem",
        "leaf-rsa2048.encrypted.pem",
        "request.csr.pem",
        "int.crl.pem",
    ]
    .iter()
    .map(|f| String::from_utf8(fixture(f)).unwrap())
    .collect::<String>();
    let bundle = parse_bundle(&text).unwrap();
    let labels: Vec<Label> = bundle.blocks.iter().map(|b| b.label).collect();
    assert_eq!(
        labels,
        [
            Label::Certificate,
            Label::PrivateKey,
            Label::RsaPrivateKey,
            Label::EcPrivateKey,
            Label::EncryptedPrivateKey,
            Label::CertificateRequest,
            Label::X509Crl
        ]
    );
    assert!(bundle.repairs.is_empty());
    assert_eq!(bundle.to_pem(), text);
    let inspection = certkit_x509::inspect_pem(&text, 0).unwrap();
    let kinds: Vec<String> = serde_json::to_value(&inspection).unwrap()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        kinds,
        [
            "certificate",
            "privateKey",
            "privateKey",
            "privateKey",
            "privateKey",
            "certificateRequest",
            "crl"
        ]
    );
}

#[test]
fn repairs_serialise_as_code_and_message() {
    let bundle = parse_bundle(clean().replace('\n', "\r\n")).unwrap();
    let json = serde_json::to_value(&bundle.repairs).unwrap();
    assert_eq!(json[0]["code"], "crlf");
    assert!(json[0]["message"].as_str().unwrap().contains("CRLF"));
    assert_eq!(Repair::DerInput.code(), "derInput");
}

#[test]
fn errors_say_what_and_where() {
    // A character that is not base64 on line 5 of the second block.
    let int = String::from_utf8(fixture("int-p384.pem")).unwrap();
    let mut lines: Vec<String> = int.lines().map(str::to_string).collect();
    lines[3].replace_range(10..11, "!");
    let text = format!("{}{}\n", clean(), lines.join("\n"));
    let first_block_lines = clean().lines().count();
    let err = parse_bundle(&text).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidBase64);
    assert_eq!(err.block(), Some(2));
    assert_eq!(err.line(), Some(first_block_lines + 4));
    assert_eq!(
        err.to_string(),
        format!(
            "block 2 (CERTIFICATE): invalid base64 at line {}",
            first_block_lines + 4
        )
    );

    let cut = clean().replace("-----END CERTIFICATE-----\n", "");
    let err = parse_bundle(&cut).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::MissingEnd);
    assert_eq!((err.block(), err.line()), (Some(1), Some(1)));

    let mismatched = clean().replace("END CERTIFICATE", "END PRIVATE KEY");
    assert_eq!(
        parse_bundle(&mismatched).unwrap_err().kind(),
        ErrorKind::MismatchedEnd
    );
    assert_eq!(parse_bundle("  \n").unwrap_err().kind(), ErrorKind::Empty);
    assert_eq!(
        parse_bundle("hello, world").unwrap_err().kind(),
        ErrorKind::NoPemBlock
    );
    assert_eq!(
        parse_bundle("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")
            .unwrap_err()
            .kind(),
        ErrorKind::EmptyBlock
    );
    // Binary that starts like DER but is not a known structure.
    assert_eq!(
        parse_bundle([0x30, 0x03, 0x02, 0x01, 0x05])
            .unwrap_err()
            .kind(),
        ErrorKind::UnrecognisedDer
    );
    // Valid base64, but not a certificate: inspection names the block and the DER offset.
    let garbage = "-----BEGIN CERTIFICATE-----\nMAMCAQU=\n-----END CERTIFICATE-----\n";
    let err = certkit_x509::inspect_pem(garbage, 0).unwrap_err();
    assert!(matches!(err.kind(), ErrorKind::MalformedDer(_)));
    assert!(
        err.to_string()
            .starts_with("block 1 (CERTIFICATE): certificate: malformed DER"),
        "{err}"
    );
}

#[test]
fn errors_serialise_with_a_stable_code() {
    let err =
        parse_bundle("-----BEGIN CERTIFICATE-----\nMII!\n-----END CERTIFICATE-----\n").unwrap_err();
    let json = serde_json::to_value(err).unwrap();
    assert_eq!(json["code"], "invalidBase64");
    assert_eq!(json["block"], 1);
    assert_eq!(json["label"], "CERTIFICATE");
    assert_eq!(json["line"], 2);
    assert_eq!(
        json["message"],
        "block 1 (CERTIFICATE): invalid base64 at line 2"
    );
}
