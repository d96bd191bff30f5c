//! Splitting text into PEM blocks, repairing what copy-paste and JSON do to PEMs, and DER input.
//!
//! `parse_bundle` (crate root) accepts any mix of blocks and the damage users bring: literal
//! `\n` escapes (a PEM pasted out of JSON), a byte-order mark, CRLF or CR line ends, no-break
//! spaces, the base64 on one line or wrapped at another width (or with blank lines), spaces,
//! tabs or indentation inside the base64 and at line ends, a missing final newline, text
//! before, between and after blocks, boundaries with the wrong number of dashes, missing `=`
//! padding, base64 without BEGIN/END lines, and binary DER (one object or several
//! concatenated). Each repair made is reported once in [`Bundle::repairs`]. [`Bundle::to_pem`]
//! gives the clean text.
//!
//! This module reads text and base64 only; what a DER object is (which means decoding it) is
//! decided by the caller's classifier (see `ClassifyDer`).

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

use certkit_base64::STANDARD;
use der::{Reader, SliceReader};
use serde::{Serialize, Serializer};

use crate::error::{Error, ErrorKind};
pub use crate::label::Label;

/// One decoded PEM block (or one DER object of binary input). `Debug` prints `<redacted>`
/// instead of the DER of a private-key block (any label containing `PRIVATE KEY`).
#[derive(Clone, PartialEq, Eq)]
pub struct Block {
    /// What the label says the block holds.
    pub label: Label,
    /// The label as written (normalised to upper case and single spaces).
    pub label_text: String,
    /// RFC 1421 headers (`Proc-Type`, `DEK-Info`) of legacy encrypted keys, in order.
    pub headers: Vec<(String, String)>,
    /// The decoded bytes.
    pub der: Vec<u8>,
    /// The 1-based line of the BEGIN line in the (unescaped) text; 0 for binary input.
    pub line: usize,
}

impl fmt::Debug for Block {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("Block");
        out.field("label", &self.label)
            .field("label_text", &self.label_text)
            .field("headers", &self.headers);
        if self.holds_private_key() {
            out.field("der", &"<redacted>");
        } else {
            out.field("der", &self.der);
        }
        out.field("line", &self.line).finish()
    }
}

impl Block {
    /// Whether the block holds a private key: its label is a private-key label, or any
    /// other label containing `PRIVATE KEY` (e.g. `OPENSSH PRIVATE KEY`).
    pub fn holds_private_key(&self) -> bool {
        self.label.is_private_key() || self.label_text.contains("PRIVATE KEY")
    }

    /// The block as clean PEM: headers kept, base64 wrapped at 64, LF line ends.
    pub fn to_pem(&self) -> String {
        let mut out = String::new();
        out.push_str("-----BEGIN ");
        out.push_str(&self.label_text);
        out.push_str("-----\n");
        for (name, value) in &self.headers {
            out.push_str(name);
            out.push_str(": ");
            out.push_str(value);
            out.push('\n');
        }
        if !self.headers.is_empty() {
            out.push('\n');
        }
        push_base64_lines(&mut out, &self.der);
        out.push_str("-----END ");
        out.push_str(&self.label_text);
        out.push_str("-----\n");
        out
    }

    /// Whether the block carries legacy OpenSSL encryption headers (`Proc-Type: 4,ENCRYPTED`).
    pub fn has_encryption_headers(&self) -> bool {
        self.headers.iter().any(|(name, value)| {
            name.eq_ignore_ascii_case("Proc-Type") && value.contains("ENCRYPTED")
        })
    }
}

/// What `parse_bundle` found: the blocks in input order and the repairs it made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bundle {
    /// The blocks, in the order they appear.
    pub blocks: Vec<Block>,
    /// Each kind of repair made, once, in the order first made.
    pub repairs: Vec<Repair>,
}

impl Bundle {
    /// All blocks as clean PEM text.
    pub fn to_pem(&self) -> String {
        self.blocks.iter().map(Block::to_pem).collect()
    }

    /// The DER of each `CERTIFICATE` block, in order.
    pub fn certificates(&self) -> Vec<&[u8]> {
        self.blocks
            .iter()
            .filter(|block| block.label == Label::Certificate)
            .map(|block| block.der.as_slice())
            .collect()
    }
}

/// A repair `parse_bundle` made to the input. Serialises as `{code, message}`.
#[cfg_attr(
    feature = "tsify",
    derive(tsify::Tsify),
    tsify(type = "{ code: string; message: string }")
)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Repair {
    /// Literal `\n` (or `\r\n`) escapes, as in a PEM copied out of JSON, became line breaks.
    UnescapedNewlines,
    /// Other JSON escapes inside a block (`\/`, `\u003d`, ...) were decoded.
    UnescapedJson,
    /// CRLF line ends became LF.
    Crlf,
    /// Lone CR line ends (classic Mac OS) became LF.
    CrLineEnds,
    /// A byte-order mark (U+FEFF, as Windows editors save UTF-8) was removed.
    ByteOrderMark,
    /// No-break spaces (U+00A0, U+202F, from web pages and word processors) became spaces.
    NoBreakSpaces,
    /// The base64 was not wrapped at 64 characters (e.g. all on one line, or with blank lines
    /// inside) and was re-wrapped.
    Rewrapped,
    /// Spaces or tabs inside the base64, as indentation or at line ends were removed.
    RemovedSpaces,
    /// The text ended right after the last END line without a newline; one was added.
    AddedFinalNewline,
    /// Text before, between or after the blocks was ignored.
    StrippedSurroundingText,
    /// BEGIN/END lines with a wrong number of dashes were accepted.
    FixedBoundaries,
    /// Missing `=` padding at the end of the base64 was added.
    AddedPadding,
    /// The input was binary DER; it was labelled by its content.
    DerInput,
    /// The input was base64 without BEGIN/END lines; it was decoded and labelled by content.
    BareBase64,
}

impl Repair {
    /// The stable code (`"unescapedNewlines"`, `"crlf"`, ...), for programs.
    pub const fn code(self) -> &'static str {
        match self {
            Repair::UnescapedNewlines => "unescapedNewlines",
            Repair::UnescapedJson => "unescapedJson",
            Repair::Crlf => "crlf",
            Repair::CrLineEnds => "crLineEnds",
            Repair::ByteOrderMark => "byteOrderMark",
            Repair::NoBreakSpaces => "noBreakSpaces",
            Repair::Rewrapped => "rewrapped",
            Repair::RemovedSpaces => "removedSpaces",
            Repair::AddedFinalNewline => "addedFinalNewline",
            Repair::StrippedSurroundingText => "strippedSurroundingText",
            Repair::FixedBoundaries => "fixedBoundaries",
            Repair::AddedPadding => "addedPadding",
            Repair::DerInput => "derInput",
            Repair::BareBase64 => "bareBase64",
        }
    }

    /// A sentence for people saying what was repaired.
    pub const fn message(self) -> &'static str {
        match self {
            Repair::UnescapedNewlines => {
                "Replaced literal \\n escapes (a PEM copied from JSON) with line breaks."
            }
            Repair::UnescapedJson => "Decoded JSON escapes such as \\/ inside the PEM.",
            Repair::Crlf => "Converted Windows (CRLF) line endings to LF.",
            Repair::CrLineEnds => "Converted old Mac (CR) line endings to LF.",
            Repair::ByteOrderMark => "Removed the byte-order mark (U+FEFF) from the text.",
            Repair::NoBreakSpaces => "Replaced no-break spaces with ordinary spaces.",
            Repair::Rewrapped => "Re-wrapped the base64 at 64 characters per line.",
            Repair::RemovedSpaces => "Removed spaces and tabs inside the base64 and at line ends.",
            Repair::AddedFinalNewline => "Added the missing newline after the last END line.",
            Repair::StrippedSurroundingText => "Ignored text outside the BEGIN/END blocks.",
            Repair::FixedBoundaries => "Accepted BEGIN/END lines with the wrong number of dashes.",
            Repair::AddedPadding => "Added the missing '=' padding to the base64.",
            Repair::DerInput => "The input was binary DER; converted it to PEM.",
            Repair::BareBase64 => "The input was base64 without BEGIN/END lines; added them.",
        }
    }
}

impl Serialize for Repair {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Repair", 2)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", self.message())?;
        s.end()
    }
}

/// Encodes DER as a PEM block with the given label, wrapped at 64 columns, LF line ends.
pub(crate) fn encode(label: &str, der: &[u8]) -> String {
    let mut out = String::new();
    out.push_str("-----BEGIN ");
    out.push_str(label);
    out.push_str("-----\n");
    push_base64_lines(&mut out, der);
    out.push_str("-----END ");
    out.push_str(label);
    out.push_str("-----\n");
    out
}

fn push_base64_lines(out: &mut String, der: &[u8]) {
    let b64 = STANDARD.encode(der);
    let mut rest = b64.as_str();
    while !rest.is_empty() {
        let (line, tail) = rest.split_at(rest.len().min(64));
        out.push_str(line);
        out.push('\n');
        rest = tail;
    }
}

/// What a DER object is (`None`: nothing this crate reads). Recognising a DER object means
/// decoding certificates and keys, which is the layer above this one: the caller passes it in.
pub(crate) type ClassifyDer = fn(&[u8]) -> Option<Label>;

/// Splits PEM text or DER into blocks, reporting the repairs made; DER objects (binary input,
/// or bare base64) are labelled by `classify_der`. The public entry point, with the full
/// contract, is `parse_bundle` in the `bundle` module.
pub(crate) fn parse(bytes: &[u8], classify_der: ClassifyDer) -> Result<Bundle, Error> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::new(ErrorKind::Empty));
    }
    // Binary DER starts with a SEQUENCE tag; text that happens to start with '0' is read as
    // text when it is not DER and holds a BEGIN line.
    if bytes.first() == Some(&0x30) {
        match parse_der_objects(bytes, Repair::DerInput, classify_der) {
            Ok(bundle) => return Ok(bundle),
            Err(error) if !bytes.windows(5).any(|w| w == b"BEGIN") => return Err(error),
            Err(_) => {}
        }
    }
    if let Some(blocks) = well_formed_blocks(bytes) {
        return Ok(Bundle {
            blocks,
            repairs: Vec::new(),
        });
    }
    parse_repairing(bytes, classify_der)
}

/// [`parse`] of text, with every repair it knows.
fn parse_repairing(bytes: &[u8], classify_der: ClassifyDer) -> Result<Bundle, Error> {
    let text = String::from_utf8_lossy(bytes);
    let mut repairs = Repairs::default();
    let text = unescape_if_json(&text, &mut repairs);
    let text = normalise_characters(text, &mut repairs);
    let blocks = split_blocks(&text, &mut repairs)?;
    if blocks.is_empty() {
        return parse_bare_base64(&text, classify_der);
    }
    Ok(Bundle {
        blocks,
        repairs: repairs.0,
    })
}

/// The blocks of PEM text that needs no repair, read in one pass: the shape openssl writes
/// (`-----BEGIN LABEL-----`, base64 lines of 64 characters and a shorter last one, padded,
/// `-----END LABEL-----`, LF line ends, nothing but line breaks between blocks and after the
/// last), with an upper-case label and no headers. `None` for anything else, errors included:
/// [`parse_repairing`] then reads it, so the fast path saves time (most input is clean, and
/// the repairing path scans it a dozen times over) without ever deciding a result of its own.
fn well_formed_blocks(bytes: &[u8]) -> Option<Vec<Block>> {
    const BEGIN: &[u8] = b"-----BEGIN ";
    const END: &[u8] = b"-----END ";
    const DASHES: &[u8] = b"-----\n";
    let mut blocks = Vec::new();
    let mut rest = bytes;
    let mut line = 1;
    loop {
        while let Some(tail) = rest.strip_prefix(b"\n") {
            rest = tail;
            line += 1;
        }
        if rest.is_empty() {
            break;
        }
        if blocks.len() == MAX_BLOCKS {
            return None;
        }
        let begin_line = line;
        let after_begin = rest.strip_prefix(BEGIN)?;
        let label_len = after_begin.iter().position(|&b| b == b'-')?;
        let (label, after_label) = after_begin.split_at(label_len);
        // Words of capitals and digits, single spaces between: as the repairing path
        // normalises a label, so the two agree on its text.
        let words_ok = label.split(|&b| b == b' ').all(|word| {
            !word.is_empty()
                && word
                    .iter()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        });
        if !words_ok {
            return None;
        }
        rest = after_label.strip_prefix(DASHES)?;
        line += 1;
        // A certificate's base64 fits, so it seldom grows (the rest of the text would be
        // quadratic over many blocks).
        let mut b64 = Vec::with_capacity(rest.len().min(4096));
        let mut last_len = 64;
        loop {
            let line_len = rest.iter().position(|&b| b == b'\n')?;
            let (text, tail) = rest.split_at(line_len);
            rest = tail.get(1..)?;
            line += 1;
            if let Some(end_label) = text.strip_prefix(END) {
                if end_label.strip_suffix(b"-----")? != label {
                    return None;
                }
                break;
            }
            // Every line but the last holds 64 characters.
            if last_len != 64
                || !(1..=64).contains(&text.len())
                || !text
                    .iter()
                    .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
            {
                return None;
            }
            last_len = text.len();
            b64.extend_from_slice(text);
        }
        if b64.is_empty() || b64.len() % 4 != 0 {
            return None;
        }
        let label = core::str::from_utf8(label).ok()?;
        blocks.push(Block {
            label: Label::from_text(label),
            label_text: label.to_string(),
            headers: Vec::new(),
            der: STANDARD.decode(&b64)?,
            line: begin_line,
        });
    }
    (!blocks.is_empty()).then_some(blocks)
}

/// Byte-order marks (anywhere: concatenated files), line ends and no-break spaces.
fn normalise_characters(mut text: String, repairs: &mut Repairs) -> String {
    if text.contains('\u{feff}') {
        repairs.add(Repair::ByteOrderMark);
        text = text.replace('\u{feff}', "");
    }
    if text.contains("\r\n") {
        repairs.add(Repair::Crlf);
        text = text.replace("\r\n", "\n");
    }
    if text.contains('\r') {
        repairs.add(Repair::CrLineEnds);
        text = text.replace('\r', "\n");
    }
    if text.contains(['\u{a0}', '\u{202f}']) {
        repairs.add(Repair::NoBreakSpaces);
        text = text.replace(['\u{a0}', '\u{202f}'], " ");
    }
    text
}

#[derive(Default)]
struct Repairs(Vec<Repair>);

impl Repairs {
    fn add(&mut self, repair: Repair) {
        if !self.0.contains(&repair) {
            self.0.push(repair);
        }
    }
}

/// Decodes JSON string escapes when a backslash sits inside a block (base64 never has one).
fn unescape_if_json(text: &str, repairs: &mut Repairs) -> String {
    let region = match (text.find("BEGIN"), text.rfind("END")) {
        (Some(start), Some(end)) if start < end => text.get(start..end).unwrap_or(""),
        (Some(start), _) => text.get(start..).unwrap_or(""),
        _ => "",
    };
    if !region.contains('\\') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some('n') => {
                chars.next();
                out.push('\n');
                repairs.add(Repair::UnescapedNewlines);
            }
            Some('r') => {
                chars.next();
                out.push('\r');
                repairs.add(Repair::UnescapedNewlines);
            }
            Some('t') => {
                chars.next();
                out.push('\t');
                repairs.add(Repair::UnescapedJson);
            }
            Some(e @ ('/' | '"' | '\\')) => {
                chars.next();
                out.push(e);
                repairs.add(Repair::UnescapedJson);
            }
            Some('u') => {
                let hex: String = chars.clone().skip(1).take(4).collect();
                match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    Some(decoded) if hex.len() == 4 => {
                        for _ in 0..5 {
                            chars.next();
                        }
                        out.push(decoded);
                        repairs.add(Repair::UnescapedJson);
                    }
                    _ => out.push('\\'),
                }
            }
            _ => out.push('\\'),
        }
    }
    out
}

/// A BEGIN or END boundary found in the text.
struct Boundary {
    /// Byte range of the whole boundary (dashes included).
    start: usize,
    end: usize,
    /// The label, normalised to upper case with single spaces.
    label: String,
    /// Whether it had exactly five dashes on both sides.
    exact: bool,
}

/// Finds the next `-----BEGIN label-----` (or END) at or after `from`, tolerating 2..=10
/// dashes on each side.
fn find_boundary(text: &str, from: usize, keyword: &str) -> Option<Boundary> {
    let bytes = text.as_bytes();
    let mut search = from;
    loop {
        let rel = text.get(search..)?.find(keyword)?;
        let kw_start = search + rel;
        search = kw_start + keyword.len();
        let dashes_before = bytes
            .get(..kw_start)?
            .iter()
            .rev()
            .take_while(|&&b| b == b'-')
            .count();
        if dashes_before < 2 {
            continue;
        }
        // The label runs to the next dash, on the same line.
        let after_kw = text.get(search..)?;
        let label_len = after_kw.find(['-', '\n'])?;
        if after_kw.as_bytes().get(label_len) != Some(&b'-') {
            continue;
        }
        let label_raw = after_kw.get(..label_len)?;
        let dashes_after = after_kw
            .get(label_len..)?
            .bytes()
            .take_while(|&b| b == b'-')
            .count();
        if dashes_after < 2 || !label_raw.starts_with(' ') && !label_raw.is_empty() {
            continue;
        }
        let label = label_raw
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_ascii_uppercase();
        return Some(Boundary {
            start: kw_start - dashes_before,
            end: search + label_len + dashes_after,
            label,
            exact: dashes_before == 5 && dashes_after == 5,
        });
    }
}

/// 1-based line numbers of byte positions, counted incrementally (positions only grow), so a
/// text with many blocks is scanned once.
struct LineCounter<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text,
            pos: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, pos: usize) -> usize {
        if pos < self.pos {
            *self = LineCounter::new(self.text);
        }
        let newlines = self
            .text
            .as_bytes()
            .get(self.pos..pos)
            .map_or(0, |b| b.iter().filter(|&&c| c == b'\n').count());
        self.line += newlines;
        self.pos = pos;
        self.line
    }
}

fn is_surrounding_text(s: &str) -> bool {
    !s.trim().is_empty()
}

pub use crate::limits::MAX_BLOCKS;

fn split_blocks(text: &str, repairs: &mut Repairs) -> Result<Vec<Block>, Error> {
    let mut blocks = Vec::new();
    let mut pos = 0;
    let mut lines = LineCounter::new(text);
    while let Some(begin) = find_boundary(text, pos, "BEGIN") {
        let index = blocks.len() + 1;
        let label = Label::from_text(&begin.label);
        if index > MAX_BLOCKS {
            return Err(Error::new(ErrorKind::TooManyBlocks)
                .at_block(index, label)
                .at_line(lines.line_at(begin.start)));
        }
        let begin_line = lines.line_at(begin.start);
        let before = text.get(pos..begin.start).unwrap_or("");
        if is_surrounding_text(before) {
            repairs.add(Repair::StrippedSurroundingText);
        } else if before.contains([' ', '\t']) {
            repairs.add(Repair::RemovedSpaces);
        }
        let end = find_boundary(text, begin.end, "END").ok_or_else(|| {
            Error::new(ErrorKind::MissingEnd)
                .at_block(index, label)
                .at_line(begin_line)
        })?;
        // Another BEGIN before this END: the block was cut off.
        if let Some(next) = find_boundary(text, begin.end, "BEGIN") {
            if next.start < end.start {
                return Err(Error::new(ErrorKind::MissingEnd)
                    .at_block(index, label)
                    .at_line(begin_line));
            }
        }
        if end.label != begin.label {
            return Err(Error::new(ErrorKind::MismatchedEnd)
                .at_block(index, label)
                .at_line(lines.line_at(end.start)));
        }
        if !begin.exact || !end.exact {
            repairs.add(Repair::FixedBoundaries);
        }
        let body = text.get(begin.end..end.start).unwrap_or("");
        let block = decode_body(body, begin_line, repairs).map_err(|e| e.at_block(index, label))?;
        let (headers, der) = block;
        blocks.push(Block {
            label,
            label_text: begin.label,
            headers,
            der,
            line: begin_line,
        });
        pos = end.end;
        if pos >= text.len() {
            repairs.add(Repair::AddedFinalNewline);
        }
    }
    let after = text.get(pos..).unwrap_or("");
    if !blocks.is_empty() && is_surrounding_text(after) {
        repairs.add(Repair::StrippedSurroundingText);
    } else if !blocks.is_empty() && after.contains([' ', '\t']) {
        repairs.add(Repair::RemovedSpaces);
    }
    Ok(blocks)
}

type DecodedBody = (Vec<(String, String)>, Vec<u8>);

/// Decodes the text between BEGIN and END: optional RFC 1421 headers, then base64.
fn decode_body(body: &str, begin_line: usize, repairs: &mut Repairs) -> Result<DecodedBody, Error> {
    let lines: Vec<&str> = body.split('\n').collect();
    let mut i = 0;
    // Headers (legacy encrypted keys): "Name: value" lines up to a blank line. Base64 has no ':'.
    let mut headers: Vec<(String, String)> = Vec::new();
    let first_content = lines.iter().position(|l| !l.trim().is_empty());
    if let Some(first) = first_content.filter(|&f| lines.get(f).is_some_and(|l| l.contains(':'))) {
        i = first;
        while let Some(line) = lines.get(i) {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                break;
            }
            if let Some((name, value)) = trimmed.split_once(':') {
                headers.push((name.trim().to_string(), value.trim().to_string()));
            } else if line.starts_with([' ', '\t']) {
                if let Some(last) = headers.last_mut() {
                    last.1.push_str(trimmed);
                }
            } else {
                break;
            }
            i += 1;
        }
    }
    let mut b64 = String::with_capacity(body.len());
    let mut line_lengths: Vec<usize> = Vec::new();
    let mut had_spaces = false;
    let mut blank_inside = false;
    for (offset, line) in lines.iter().enumerate().skip(i) {
        let trimmed = line.trim();
        // Any space or tab is dropped: indentation, at line ends, after the BEGIN line.
        if line.contains([' ', '\t']) {
            had_spaces = true;
        }
        if trimmed.is_empty() {
            // A blank line between base64 lines (not the BEGIN line's end, nor before END).
            blank_inside |= offset > i && !line_lengths.is_empty();
            continue;
        }
        if blank_inside {
            // The blank line was followed by more base64.
            repairs.add(Repair::Rewrapped);
        }
        let mut count = 0;
        for c in trimmed.chars() {
            match c {
                'A'..='Z' | 'a'..='z' | '0'..='9' | '+' | '/' | '=' => {
                    b64.push(c);
                    count += 1;
                }
                ' ' | '\t' => had_spaces = true,
                _ => return Err(Error::new(ErrorKind::InvalidBase64).at_line(begin_line + offset)),
            }
        }
        line_lengths.push(count);
    }
    if b64.is_empty() {
        return Err(Error::new(ErrorKind::EmptyBlock).at_line(begin_line));
    }
    if had_spaces {
        repairs.add(Repair::RemovedSpaces);
    }
    if let Some((last, rest)) = line_lengths.split_last() {
        if rest.iter().any(|&n| n != 64) || *last > 64 {
            repairs.add(Repair::Rewrapped);
        }
    }
    let der = decode_base64(&mut b64, repairs).map_err(|e| e.at_line(begin_line))?;
    Ok((headers, der))
}

/// Standard base64 with `=` padding added when it is missing.
fn decode_base64(b64: &mut String, repairs: &mut Repairs) -> Result<Vec<u8>, Error> {
    match b64.len() % 4 {
        0 => {}
        1 => return Err(Error::new(ErrorKind::InvalidBase64)),
        n => {
            if b64.ends_with('=') {
                return Err(Error::new(ErrorKind::InvalidBase64));
            }
            for _ in n..4 {
                b64.push('=');
            }
            repairs.add(Repair::AddedPadding);
        }
    }
    STANDARD
        .decode(b64.as_bytes())
        .ok_or(Error::new(ErrorKind::InvalidBase64))
}

/// Text with no BEGIN line: base64 of DER, or not PEM at all.
fn parse_bare_base64(text: &str, classify_der: ClassifyDer) -> Result<Bundle, Error> {
    let mut b64: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let looks_base64 = b64.len() >= 16
        && b64
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '='));
    if !looks_base64 {
        return Err(Error::new(ErrorKind::NoPemBlock));
    }
    let mut repairs = Repairs::default();
    let der =
        decode_base64(&mut b64, &mut repairs).map_err(|_| Error::new(ErrorKind::NoPemBlock))?;
    if der.first() != Some(&0x30) {
        return Err(Error::new(ErrorKind::NoPemBlock));
    }
    let mut bundle = parse_der_objects(&der, Repair::BareBase64, classify_der)?;
    for repair in repairs.0 {
        if !bundle.repairs.contains(&repair) {
            bundle.repairs.push(repair);
        }
    }
    Ok(bundle)
}

/// Binary input: one or more concatenated DER objects, each labelled by what it decodes as.
fn parse_der_objects(
    bytes: &[u8],
    repair: Repair,
    classify_der: ClassifyDer,
) -> Result<Bundle, Error> {
    let mut blocks = Vec::new();
    let mut reader = SliceReader::new(bytes)
        .map_err(|e| Error::der(e, "DER input").at_block(1, Label::Other))?;
    while !reader.is_finished() {
        let index = blocks.len() + 1;
        if index > MAX_BLOCKS {
            return Err(Error::new(ErrorKind::TooManyBlocks).at_block(index, Label::Other));
        }
        let tlv = reader
            .tlv_bytes()
            .map_err(|e| Error::der(e, "DER input").at_block(index, Label::Other))?;
        let label = classify_der(tlv)
            .ok_or_else(|| Error::new(ErrorKind::UnrecognisedDer).at_block(index, Label::Other))?;
        blocks.push(Block {
            label,
            label_text: label.as_str().to_string(),
            headers: Vec::new(),
            der: tlv.to_vec(),
            line: 0,
        });
    }
    Ok(Bundle {
        blocks,
        repairs: alloc::vec![repair],
    })
}

#[cfg(test)]
mod tests {
    extern crate std;

    use alloc::format;
    use proptest::prelude::*;

    use super::*;

    /// What the repairing path alone makes of `bytes` (no DER classifier: text only).
    fn repairing(bytes: &[u8]) -> Result<Bundle, Error> {
        parse_repairing(bytes, |_| None)
    }

    /// The fast path's contract: where it answers, the repairing path gives the same blocks
    /// and no repair.
    fn agrees(bytes: &[u8]) -> bool {
        match well_formed_blocks(bytes) {
            None => true,
            Some(blocks) => {
                repairing(bytes)
                    == Ok(Bundle {
                        blocks,
                        repairs: Vec::new(),
                    })
            }
        }
    }

    #[test]
    fn the_fast_path_reads_openssl_output_as_the_repairing_path_does() {
        for (name, bytes) in crate::test_fixtures::pem_files() {
            assert!(agrees(&bytes), "{name}");
        }
        for name in ["leaf-rsa2048.pem", "chain-ordered.pem", "leaf-p256.key.pem"] {
            let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
            let bytes = std::fs::read(path).unwrap();
            assert!(
                well_formed_blocks(&bytes).is_some(),
                "{name} takes the fast path"
            );
        }
    }

    #[test]
    fn the_fast_path_leaves_damage_to_the_repairing_path() {
        let text = std::string::String::from_utf8(
            std::fs::read(format!(
                "{}/tests/fixtures/chain-ordered.pem",
                env!("CARGO_MANIFEST_DIR")
            ))
            .unwrap(),
        )
        .unwrap();
        let one_line = |t: &str| t.replacen("\n", "", 3);
        let damaged = [
            text.replace('\n', "\r\n"),
            text.trim_end().to_string(),
            text.replace('\n', " \n"),
            text.replace("-----\n", "-----\n\n"),
            text.replace("-----BEGIN", "----BEGIN"),
            text.replace("CERTIFICATE-----", "certificate-----"),
            text.replace("BEGIN CERTIFICATE", "BEGIN  CERTIFICATE"),
            text.replace("END CERTIFICATE", "END X509 CERTIFICATE"),
            text.replacen("=\n", "\n", 1),
            format!("subject=CN=x\n{text}"),
            format!("{text}trailing words\n"),
            format!("\u{feff}{text}"),
            one_line(&text),
            text.replace("\n-----END", "\n\n-----END"),
        ];
        for bytes in damaged {
            assert!(well_formed_blocks(bytes.as_bytes()).is_none(), "{bytes}");
            assert!(agrees(bytes.as_bytes()), "{bytes}");
        }
        // The block limit is the repairing path's error to give.
        let block = encode("CERTIFICATE", b"\x30\x00");
        assert!(well_formed_blocks(block.repeat(MAX_BLOCKS).as_bytes()).is_some());
        let too_many = block.repeat(MAX_BLOCKS + 1);
        assert!(well_formed_blocks(too_many.as_bytes()).is_none());
        assert!(agrees(too_many.as_bytes()));
        // Blank lines between and after blocks are no damage: both paths read them so.
        let spaced = format!("\n\n{}\n\n", text.replace("-----\n-----", "-----\n\n-----"));
        assert!(well_formed_blocks(spaced.as_bytes()).is_some());
        assert!(agrees(spaced.as_bytes()));
    }

    proptest! {
        /// Invariant: on clean PEM of any label and content the fast path answers, as the
        /// repairing path would.
        #[test]
        fn clean_pem_takes_the_fast_path(
            blocks in proptest::collection::vec(
                ("[A-Z0-9]{1,10}( [A-Z0-9]{1,8}){0,2}", proptest::collection::vec(any::<u8>(), 1..400)),
                1..4,
            ),
            gaps in proptest::collection::vec(0usize..3, 4),
        ) {
            let mut text = std::string::String::new();
            for ((label, der), gap) in blocks.iter().zip(&gaps) {
                text.push_str(&"\n".repeat(*gap));
                text.push_str(&encode(label, der));
            }
            prop_assert!(well_formed_blocks(text.as_bytes()).is_some());
            prop_assert!(agrees(text.as_bytes()));
        }

        /// Invariant: a byte changed, added or removed anywhere in clean PEM is either still
        /// clean (and both paths read it alike) or left to the repairing path.
        #[test]
        fn damaged_pem_is_never_read_differently(
            der in proptest::collection::vec(any::<u8>(), 1..200),
            edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..3, prop::sample::select(b"\n\r -=AaZz09+/\\:\t".to_vec())), 1..4),
        ) {
            let mut bytes = encode("CERTIFICATE", &der).into_bytes();
            bytes.extend(encode("X509 CRL", &der).into_bytes());
            for (at, kind, byte) in edits {
                let i = at.index(bytes.len());
                match kind {
                    0 => bytes[i] = byte,
                    1 => bytes.insert(i, byte),
                    _ => { bytes.remove(i); }
                }
            }
            prop_assert!(agrees(&bytes), "{}", std::string::String::from_utf8_lossy(&bytes));
        }
    }
}
