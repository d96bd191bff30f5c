//! The sandbox's own error type.

use std::fmt;

/// What went wrong while setting up or running the sandbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A key could not be generated (the OS random source failed).
    KeyGeneration,
    /// A certificate, CSR or name could not be built or encoded.
    Certificate,
    /// The configuration is unusable (for example two seeded CAs share a tag).
    Config,
}

/// An error from the sandbox, with a message saying what failed.
#[derive(Clone, Debug)]
pub struct SandboxError {
    kind: ErrorKind,
    message: String,
}

impl SandboxError {
    pub(crate) fn new(kind: ErrorKind, detail: impl fmt::Display) -> Self {
        Self {
            kind,
            message: detail.to_string(),
        }
    }

    /// The kind of failure.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for SandboxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.kind {
            ErrorKind::KeyGeneration => "key generation failed",
            ErrorKind::Certificate => "certificate building failed",
            ErrorKind::Config => "invalid sandbox configuration",
        };
        write!(f, "{what}: {}", self.message)
    }
}

impl std::error::Error for SandboxError {}
