//! Normalising the PEM text of request fields (`csrPem`, `certPem`, `caChainPem`, `csr`) to
//! the layout NCP documents, before the request is signed.
//!
//! NCP asks for `\n` right after each `-----BEGIN …-----` line and right before each
//! `-----END …-----` line (ncp-operations.md PS5). Users paste PEMs out of JSON (literal `\n`),
//! from Windows (CRLF), or squashed onto one line. [`normalise`] repairs those at the text
//! level, without decoding the base64, and reports each repair so the caller can tell the
//! user. Deep repairs (DER input, bad padding, wrong dash counts) are certkit-x509's
//! `parse_bundle`; this is the light pass every request gets, including from npm and the CLI.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::{Deserialize, Serialize};

/// One repair [`normalise`] made.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum PemRepairCode {
    /// `unescapedNewlines`: literal `\n` escapes (a PEM copied out of JSON) became line breaks.
    UnescapedNewlines,
    /// `crlf`: CRLF (or lone CR) line ends became LF.
    Crlf,
    /// `addedLineBreaks`: a BEGIN or END line was not on a line of its own (a one-line paste).
    AddedLineBreaks,
    /// `rewrapped`: the base64 was re-wrapped at 64 characters per line.
    Rewrapped,
    /// `strippedSurroundingText`: text outside the BEGIN/END blocks was dropped.
    StrippedSurroundingText,
}

impl PemRepairCode {
    /// A sentence for people.
    pub fn message(self) -> &'static str {
        match self {
            PemRepairCode::UnescapedNewlines => {
                "replaced literal \\n escapes (a PEM copied from JSON) with line breaks"
            }
            PemRepairCode::Crlf => "converted Windows (CRLF) line ends to LF",
            PemRepairCode::AddedLineBreaks => {
                "put the BEGIN and END lines on lines of their own, as NCP requires"
            }
            PemRepairCode::Rewrapped => "re-wrapped the base64 at 64 characters per line",
            PemRepairCode::StrippedSurroundingText => "dropped text outside the BEGIN/END blocks",
        }
    }
}

impl fmt::Display for PemRepairCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message())
    }
}

/// A repair made to one field of a request.
#[cfg_attr(feature = "tsify", derive(tsify::Tsify))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PemRepair {
    /// The field's JSON name, e.g. `certPem`.
    pub field: String,
    /// What was repaired.
    pub code: PemRepairCode,
    /// The repair in English.
    pub message: String,
}

impl PemRepair {
    /// A repair of `field`.
    pub fn new(field: &str, code: PemRepairCode) -> Self {
        Self {
            field: field.into(),
            code,
            message: code.message().into(),
        }
    }
}

const BEGIN: &str = "-----BEGIN ";
const END: &str = "-----END ";
const DASHES: &str = "-----";

/// Normalises PEM text: every block as `-----BEGIN X-----\n`, base64 lines of 64 characters,
/// `-----END X-----\n`. Returns the text and what was repaired (empty when it was already in
/// that form). Text without a complete block is returned unchanged (validation names it).
pub fn normalise(text: &str) -> (String, Vec<PemRepairCode>) {
    let mut repairs = Vec::new();
    let mut work = String::from(text);
    if work.contains("\\n") {
        work = work.replace("\\r\\n", "\n").replace("\\n", "\n");
        repairs.push(PemRepairCode::UnescapedNewlines);
    }
    if work.contains('\r') {
        work = work.replace("\r\n", "\n").replace('\r', "\n");
        repairs.push(PemRepairCode::Crlf);
    }
    let Some(blocks) = blocks(&work) else {
        return (String::from(text), Vec::new());
    };
    let mut out = String::with_capacity(work.len());
    let mut outside = String::new();
    let mut last_end = 0;
    for block in &blocks {
        outside.push_str(&work[last_end..block.start]);
        last_end = block.end;
        out.push_str(&work[block.start..block.begin_line_end]);
        out.push('\n');
        let body: String = work[block.begin_line_end..block.end_line_start]
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let mut rest = body.as_str();
        while !rest.is_empty() {
            // 64 characters per line; counted in chars, as a pasted body may hold non-ASCII.
            let cut = rest.char_indices().nth(64).map_or(rest.len(), |(at, _)| at);
            let (line, tail) = rest.split_at(cut);
            out.push_str(line);
            out.push('\n');
            rest = tail;
        }
        out.push_str(&work[block.end_line_start..block.end]);
        out.push('\n');
    }
    outside.push_str(&work[last_end..]);
    if !outside.trim().is_empty() {
        repairs.push(PemRepairCode::StrippedSurroundingText);
    }
    // Judge the layout on the input after the escape and CRLF passes, block by block.
    let lines_ok = blocks.iter().all(|b| {
        let before_begin = work[..b.start].chars().next_back();
        let after_begin = work[b.begin_line_end..].starts_with('\n');
        let before_end = work[..b.end_line_start].ends_with('\n');
        before_begin.is_none_or(|c| c == '\n') && after_begin && before_end
    });
    if !lines_ok {
        repairs.push(PemRepairCode::AddedLineBreaks);
    } else {
        let wrapped_ok = blocks.iter().all(|b| {
            let inner = work
                .get(b.begin_line_end + 1..b.end_line_start.saturating_sub(1))
                .unwrap_or_default();
            let lines: Vec<&str> = inner.split('\n').collect();
            lines
                .iter()
                .enumerate()
                .all(|(i, l)| l.len() == 64 || (i + 1 == lines.len() && l.len() <= 64))
                && !inner.contains([' ', '\t'])
        });
        if !wrapped_ok {
            repairs.push(PemRepairCode::Rewrapped);
        }
    }
    (out, repairs)
}

/// The PEM blocks of `text`, each from its BEGIN line to its END line (inclusive, as
/// written); text that holds no complete block gives its trimmed self, or nothing if empty.
pub(crate) fn split_blocks(text: &str) -> Vec<String> {
    match blocks(text) {
        Some(found) => found
            .iter()
            .map(|b| String::from(&text[b.start..b.end]))
            .collect(),
        None if text.trim().is_empty() => Vec::new(),
        None => alloc::vec![String::from(text.trim())],
    }
}

/// Byte offsets of one `BEGIN … END` block in the text.
struct Block {
    start: usize,
    begin_line_end: usize,
    end_line_start: usize,
    end: usize,
}

/// The blocks of `text`, or `None` if a BEGIN has no matching END (or there is no block).
fn blocks(text: &str) -> Option<Vec<Block>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(offset) = text[from..].find(BEGIN) {
        let start = from + offset;
        let label_start = start + BEGIN.len();
        let label_len = text[label_start..].find(DASHES)?;
        let label = &text[label_start..label_start + label_len];
        if label.contains('\n') {
            return None;
        }
        let begin_line_end = label_start + label_len + DASHES.len();
        let end_marker = alloc::format!("{END}{label}{DASHES}");
        let end_line_start = begin_line_end + text[begin_line_end..].find(&end_marker)?;
        let end = end_line_start + end_marker.len();
        out.push(Block {
            start,
            begin_line_end,
            end_line_start,
            end,
        });
        from = end;
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = "MIIBszCCAVmgAwIBAgIUaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
QQ==";
    fn clean() -> String {
        alloc::format!("-----BEGIN CERTIFICATE-----\n{BODY}\n-----END CERTIFICATE-----\n")
    }

    #[test]
    fn a_clean_pem_is_kept_and_nothing_is_reported() {
        assert_eq!(normalise(&clean()), (clean(), Vec::new()));
    }

    #[test]
    fn a_one_line_paste_gets_its_line_breaks() {
        let one_line = clean().replace('\n', "");
        let (text, repairs) = normalise(&one_line);
        assert_eq!(text, clean());
        assert_eq!(repairs, [PemRepairCode::AddedLineBreaks]);
    }

    #[test]
    fn json_escapes_and_crlf_are_undone() {
        let escaped = clean().replace('\n', "\\r\\n");
        assert_eq!(
            normalise(&escaped),
            (clean(), alloc::vec![PemRepairCode::UnescapedNewlines])
        );
        let crlf = clean().replace('\n', "\r\n");
        assert_eq!(
            normalise(&crlf),
            (clean(), alloc::vec![PemRepairCode::Crlf])
        );
    }

    #[test]
    fn text_without_a_block_is_left_for_validation() {
        assert_eq!(normalise("not a pem").0, "not a pem");
        assert_eq!(
            normalise("-----BEGIN CERTIFICATE-----\nabc").0,
            "-----BEGIN CERTIFICATE-----\nabc"
        );
    }

    /// Found by the `pem` fuzz target: a body holding a non-ASCII character where a line is
    /// cut at 64 was split inside the character (a panic, which kills the app in wasm).
    #[test]
    fn a_body_with_non_ascii_characters_is_cut_between_characters() {
        let text = include_str!("../tests/fixtures/fuzz/normalise-non-ascii-body.txt");
        let (normalised, _) = normalise(text);
        assert!(normalised
            .lines()
            .all(|line| line.chars().count() <= 64 || line.starts_with("-----")));
        let body = "é".repeat(100);
        let (normalised, _) = normalise(&alloc::format!(
            "-----BEGIN CERTIFICATE-----\n{body}\n-----END CERTIFICATE-----"
        ));
        assert!(
            normalised.contains(&alloc::format!("\n{}\n", "é".repeat(64))),
            "{normalised}"
        );
    }
}

/// What [`scrub_private_keys`] puts where a private key was.
pub const PRIVATE_KEY_REMOVED: &str = "[private key removed]";

/// `text` with every PEM private key (`-----BEGIN [RSA |EC |ENCRYPTED ]PRIVATE KEY-----`
/// through its END line, or through the end of the text when the END is missing) replaced by
/// [`PRIVATE_KEY_REMOVED`], so an error message can quote a response body without its key.
/// Works on JSON-escaped text too (the markers have no characters JSON escapes).
pub fn scrub_private_keys(text: &str) -> String {
    const BEGIN: &str = "-----BEGIN ";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find(BEGIN) {
        let after_begin = rest.get(start + BEGIN.len()..).unwrap_or_default();
        // The label is the run of letters, digits and spaces after BEGIN: it stops at the
        // closing dashes, a line end, or anything else, so that removing a key further on
        // never changes an earlier label (a second pass then finds nothing to remove).
        let label_end = after_begin
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == ' '))
            .unwrap_or(after_begin.len());
        let label = after_begin.get(..label_end).unwrap_or(after_begin);
        // Any label naming PRIVATE counts, malformed or cut-off ones too: erring towards
        // removal.
        let is_key = label.contains("PRIVATE");
        if !is_key {
            out.push_str(rest.get(..start + BEGIN.len()).unwrap_or(rest));
            rest = after_begin;
            continue;
        }
        out.push_str(rest.get(..start).unwrap_or_default());
        out.push_str(PRIVATE_KEY_REMOVED);
        let body = after_begin.get(label_end..).unwrap_or_default();
        rest = match body.find("-----END ") {
            Some(end) => {
                let tail = body.get(end + 9..).unwrap_or_default();
                tail.find("-----")
                    .and_then(|i| tail.get(i + 5..))
                    .unwrap_or_default()
            }
            None => "",
        };
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod scrub_tests {
    use super::*;

    #[test]
    fn private_keys_are_removed_and_everything_else_kept() {
        let cert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
        for label in [
            "PRIVATE KEY",
            "RSA PRIVATE KEY",
            "EC PRIVATE KEY",
            "ENCRYPTED PRIVATE KEY",
        ] {
            let key =
                alloc::format!("-----BEGIN {label}-----\nSECRETBASE64\n-----END {label}-----");
            let body = alloc::format!(r#"{{"privateKey":"{key}","certificate":"{cert}"}}"#);
            let scrubbed = scrub_private_keys(&body);
            assert!(!scrubbed.contains("SECRETBASE64"), "{scrubbed}");
            assert_eq!(
                scrubbed,
                alloc::format!(
                    r#"{{"privateKey":"{PRIVATE_KEY_REMOVED}","certificate":"{cert}"}}"#
                )
            );
        }
        // A key cut off (no END line, or a BEGIN line cut inside its label) goes to the end.
        for cut in [
            "x -----BEGIN RSA PRIVATE KEY-----\nSECRET",
            "x -----BEGIN RSA PRIVATE",
        ] {
            assert_eq!(
                scrub_private_keys(cut),
                alloc::format!("x {PRIVATE_KEY_REMOVED}")
            );
        }
        assert_eq!(scrub_private_keys(cert), cert);
        assert_eq!(scrub_private_keys("no pem"), "no pem");
    }

    /// Found by the `pem` fuzz target: a malformed BEGIN line before a real key ("PRIVATE
    /// KEY--udGV-----"), and a certificate's BEGIN whose label ran across lines into a
    /// "PRIVATE" further on. Either way one pass kept what a second pass removed; scrubbing
    /// once must leave nothing for a second pass.
    #[test]
    fn one_pass_leaves_nothing_for_a_second() {
        for text in [
            include_str!("../tests/fixtures/fuzz/scrub-malformed-key-label.txt"),
            include_str!("../tests/fixtures/fuzz/scrub-label-across-lines.txt"),
            "-----BEGIN X-----BEGIN PRIVATE KEY-----\nS\n-----END PRIVATE KEY-----PRIVATE\n",
        ] {
            let once = scrub_private_keys(text);
            assert_eq!(scrub_private_keys(&once), once, "{text}");
            assert!(!once.contains("BEGIN PRIVATE KEY"), "{once}");
        }
    }
}
