//! The one error type of this crate: what went wrong, and where.

use core::fmt;

use crate::label::Label;

/// An error from parsing or inspecting PEM/DER input.
///
/// Small and `Copy`, like `der::Error`: a [`ErrorKind`] plus where it happened (block number,
/// PEM label, line in the text, byte offset in the DER, the field being read). Its `Display`
/// says both, for example `block 2 (CERTIFICATE): invalid base64 at line 5`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    block: Option<usize>,
    label: Option<Label>,
    line: Option<usize>,
    offset: Option<usize>,
    field: Option<&'static str>,
}

/// What went wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is empty or only whitespace.
    Empty,
    /// The input holds no `-----BEGIN ...-----` block, and is not DER or bare base64 either.
    NoPemBlock,
    /// A `-----BEGIN ...-----` line has no matching `-----END ...-----` line.
    MissingEnd,
    /// The `-----END ...-----` label differs from the `-----BEGIN ...-----` label.
    MismatchedEnd,
    /// A character that is not base64 inside a block, or base64 of an impossible length.
    InvalidBase64,
    /// A block with nothing between its BEGIN and END lines.
    EmptyBlock,
    /// The block's bytes are not valid DER for what the label says.
    MalformedDer(DerProblem),
    /// Binary input that is not a DER certificate, key, CSR or CRL.
    UnrecognisedDer,
    /// An algorithm this crate cannot handle for the requested operation.
    UnsupportedAlgorithm,
    /// An elliptic curve other than P-256, P-384 and P-521 where the curve's points are read.
    UnsupportedCurve,
    /// An EC key whose curve is not named (neither in the key nor around it).
    MissingCurve,
    /// The private key is encrypted; this crate does not decrypt keys.
    EncryptedKey,
    /// The input holds no certificate where one is needed.
    NoCertificate,
    /// The input holds no private key where one is needed.
    NoPrivateKey,
    /// A public or private key whose numbers are not a valid key.
    InvalidKey,
    /// An EC private key that does not carry its public point, in a build without curve
    /// arithmetic (no `rustcrypto` feature) to derive it: derive it elsewhere and pass it to
    /// `key_matches_certificate_with`, or (feature `webcrypto`) let WebCrypto derive it, which
    /// failed if this is what `webcrypto::key_matches_certificate` returns.
    PublicPointNotEmbedded,
    /// A date that cannot be represented (before 1970 or after 9999).
    InvalidTime,
    /// More PEM blocks than `pem::MAX_BLOCKS`: chain ordering compares
    /// every certificate with every other, so the input is bounded.
    TooManyBlocks,
    /// Signatures must be checked and the JavaScript host offers no WebCrypto
    /// (`globalThis.crypto.subtle`): a browser page not served over https or from localhost,
    /// or Node before 20. Only `webcrypto::with_webcrypto` (feature `webcrypto`) returns it.
    NoWebCrypto,
}

/// Which DER rule was broken (mirrors the useful part of `der::ErrorKind`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum DerProblem {
    /// The data ends before the structure does.
    Truncated,
    /// Bytes left over after the structure.
    TrailingData,
    /// A different ASN.1 type than the structure requires at this point.
    UnexpectedTag,
    /// A length that is invalid or does not fit.
    Length,
    /// A value that is invalid for its type (integer, string, time, OID, ...).
    Value,
    /// Anything else `der` reports.
    Other,
}

impl Error {
    /// An error of this kind with no location yet.
    pub const fn new(kind: ErrorKind) -> Self {
        Error {
            kind,
            block: None,
            label: None,
            line: None,
            offset: None,
            field: None,
        }
    }

    /// What went wrong.
    pub const fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The 1-based number of the PEM block (or DER object) where it happened.
    pub const fn block(&self) -> Option<usize> {
        self.block
    }

    /// The label of that block.
    pub const fn label(&self) -> Option<Label> {
        self.label
    }

    /// The 1-based line of the (unescaped) text where it happened.
    pub const fn line(&self) -> Option<usize> {
        self.line
    }

    /// The byte offset inside the block's DER where decoding failed.
    pub const fn offset(&self) -> Option<usize> {
        self.offset
    }

    /// The field or structure being read, e.g. `"extension subjectAltName"`.
    pub const fn field(&self) -> Option<&'static str> {
        self.field
    }

    pub(crate) fn at_block(mut self, block: usize, label: Label) -> Self {
        if self.block.is_none() {
            self.block = Some(block);
            self.label = Some(label);
        }
        self
    }

    pub(crate) fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }

    pub(crate) fn in_field(mut self, field: &'static str) -> Self {
        if self.field.is_none() {
            self.field = Some(field);
        }
        self
    }

    /// Converts a `der` error, naming the structure that was being decoded.
    pub(crate) fn der(err: der::Error, field: &'static str) -> Self {
        use der::ErrorKind as K;
        let problem = match err.kind() {
            K::Incomplete { .. } => DerProblem::Truncated,
            K::TrailingData { .. } => DerProblem::TrailingData,
            K::TagUnexpected { .. } | K::TagUnknown { .. } | K::TagNumberInvalid => {
                DerProblem::UnexpectedTag
            }
            K::Length { .. } | K::Overlength | K::Overflow | K::IndefiniteLength => {
                DerProblem::Length
            }
            K::Value { .. }
            | K::DateTime
            | K::OidMalformed
            | K::Noncanonical { .. }
            | K::SetOrdering
            | K::Utf8(_) => DerProblem::Value,
            _ => DerProblem::Other,
        };
        let mut error = Error::new(ErrorKind::MalformedDer(problem)).in_field(field);
        error.offset = err.position().map(|p| u32::from(p) as usize);
        error
    }
}

impl ErrorKind {
    /// A stable camelCase code for programs (`"invalidBase64"`, `"encryptedKey"`, ...), e.g. the
    /// `code` of an error thrown to JavaScript.
    pub const fn code(&self) -> &'static str {
        match self {
            ErrorKind::Empty => "empty",
            ErrorKind::NoPemBlock => "noPemBlock",
            ErrorKind::MissingEnd => "missingEnd",
            ErrorKind::MismatchedEnd => "mismatchedEnd",
            ErrorKind::InvalidBase64 => "invalidBase64",
            ErrorKind::EmptyBlock => "emptyBlock",
            ErrorKind::MalformedDer(_) => "malformedDer",
            ErrorKind::UnrecognisedDer => "unrecognisedDer",
            ErrorKind::UnsupportedAlgorithm => "unsupportedAlgorithm",
            ErrorKind::UnsupportedCurve => "unsupportedCurve",
            ErrorKind::MissingCurve => "missingCurve",
            ErrorKind::EncryptedKey => "encryptedKey",
            ErrorKind::NoCertificate => "noCertificate",
            ErrorKind::NoPrivateKey => "noPrivateKey",
            ErrorKind::InvalidKey => "invalidKey",
            ErrorKind::PublicPointNotEmbedded => "publicPointNotEmbedded",
            ErrorKind::InvalidTime => "invalidTime",
            ErrorKind::TooManyBlocks => "tooManyBlocks",
            ErrorKind::NoWebCrypto => "noWebCrypto",
        }
    }
}

/// Serialises as `{code, message, block?, label?, line?, offset?, field?}`, `message` being
/// the `Display` text.
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("code", self.kind.code())?;
        map.serialize_entry("message", &alloc::string::ToString::to_string(self))?;
        if let Some(block) = self.block {
            map.serialize_entry("block", &block)?;
        }
        if let Some(label) = self.label {
            map.serialize_entry("label", label.as_str())?;
        }
        if let Some(line) = self.line {
            map.serialize_entry("line", &line)?;
        }
        if let Some(offset) = self.offset {
            map.serialize_entry("offset", &offset)?;
        }
        if let Some(field) = self.field {
            map.serialize_entry("field", field)?;
        }
        map.end()
    }
}

impl fmt::Display for DerProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DerProblem::Truncated => "the data ends too early",
            DerProblem::TrailingData => "unexpected bytes after the end",
            DerProblem::UnexpectedTag => "unexpected ASN.1 type",
            DerProblem::Length => "invalid length",
            DerProblem::Value => "invalid value",
            DerProblem::Other => "invalid encoding",
        })
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Empty => f.write_str("the input is empty; paste a PEM or choose a DER file"),
            ErrorKind::NoPemBlock => f.write_str(
                "no \"-----BEGIN ...-----\" block found, and the input is not DER or base64",
            ),
            ErrorKind::MissingEnd => {
                f.write_str("the block has no \"-----END ...-----\" line; the paste may be cut off")
            }
            ErrorKind::MismatchedEnd => {
                f.write_str("the \"-----END ...-----\" label differs from the BEGIN label")
            }
            ErrorKind::InvalidBase64 => f.write_str("invalid base64"),
            ErrorKind::EmptyBlock => f.write_str("the block is empty"),
            ErrorKind::MalformedDer(problem) => write!(f, "malformed DER ({problem})"),
            ErrorKind::UnrecognisedDer => f.write_str(
                "binary input that is not a DER certificate, private key, CSR or CRL",
            ),
            ErrorKind::UnsupportedAlgorithm => f.write_str("unsupported algorithm"),
            ErrorKind::UnsupportedCurve => {
                f.write_str("unsupported elliptic curve (P-256, P-384 and P-521 are supported)")
            }
            ErrorKind::MissingCurve => {
                f.write_str("the EC key does not name its curve; export it with its parameters")
            }
            ErrorKind::EncryptedKey => f.write_str(
                "the private key is encrypted; decrypt it first (openssl pkey -in key.pem -out plain.pem)",
            ),
            ErrorKind::NoCertificate => f.write_str("no certificate found in the input"),
            ErrorKind::NoPrivateKey => f.write_str("no private key found in the input"),
            ErrorKind::InvalidKey => f.write_str("the key's numbers do not form a valid key"),
            ErrorKind::PublicPointNotEmbedded => f.write_str(
                "the EC private key does not carry its public point, and it cannot be derived here (that needs WebCrypto: Node 20 or later, or a page served over https or from localhost); or add the point to the key (openssl ec -in key.pem -out full.pem)",
            ),
            ErrorKind::InvalidTime => f.write_str("a date outside 1970..9999"),
            ErrorKind::TooManyBlocks => write!(
                f,
                "more than {} PEM blocks (certificates, keys, CSRs, CRLs) in one input; split the bundle (a certificate chain rarely has more than 5)",
                crate::limits::MAX_BLOCKS
            ),
            ErrorKind::NoWebCrypto => f.write_str(
                "signatures are checked with WebCrypto (globalThis.crypto.subtle), which this runtime does not offer: use Node 20 or later, or, in a browser, a page served over https or from localhost",
            ),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(block) = self.block {
            write!(f, "block {block}")?;
            if let Some(label) = self.label {
                write!(f, " ({})", label.as_str())?;
            }
            f.write_str(": ")?;
        }
        if let Some(field) = self.field {
            write!(f, "{field}: ")?;
        }
        write!(f, "{}", self.kind)?;
        if let Some(line) = self.line {
            write!(f, " at line {line}")?;
        }
        if let Some(offset) = self.offset {
            write!(f, " at byte {offset}")?;
        }
        Ok(())
    }
}

impl core::error::Error for Error {}
