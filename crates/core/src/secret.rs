//! [`Secret`]: text that must never reach a log, whose `Debug` redacts it.

use alloc::string::String;
use core::fmt;

use serde::{Deserialize, Serialize};

/// A secret's text (a secret key, a signature, a private key). `Debug` prints `<redacted>`
/// (or `""` when empty, so that a missing value still shows), so a struct holding one can
/// derive `Debug` and be logged; read the text with [`Secret::expose`].
///
/// Serialized as the plain string (serde `transparent`): wire formats do not change.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps `text`.
    pub fn new(text: impl Into<String>) -> Self {
        Secret(text.into())
    }

    /// The text itself: for keying a MAC, sending, or showing to its owner on purpose.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// Whether the text is empty (a field not filled in yet).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(if self.0.is_empty() {
            "\"\""
        } else {
            "<redacted>"
        })
    }
}

impl From<String> for Secret {
    fn from(text: String) -> Self {
        Secret(text)
    }
}

impl From<&str> for Secret {
    fn from(text: &str) -> Self {
        Secret(text.into())
    }
}

/// Masks an identifier for display (an access key id, which is sent in clear but need not be
/// on every screen): the first four characters, then `****`; four characters or fewer are
/// masked completely.
pub(crate) fn mask(value: &str) -> String {
    let mut out: String = value.chars().take(4).collect();
    if value.chars().nth(4).is_none() {
        out.clear();
    }
    out.push_str("****");
    out
}

/// An identifier whose `Debug` shows only [`mask`]'s form.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Masked(pub(crate) String);

impl fmt::Debug for Masked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&mask(&self.0), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;

    #[test]
    fn debug_never_shows_the_text() {
        let secret = Secret::new("s3cr3t-VALUE");
        assert_eq!(format!("{secret:?}"), "<redacted>");
        assert_eq!(format!("{:?}", Secret::default()), "\"\"");
        assert_eq!(secret.expose(), "s3cr3t-VALUE");
    }

    #[test]
    fn serializes_as_the_plain_string() {
        let secret = Secret::new("abc");
        assert_eq!(
            serde_json::to_string(&secret).ok().as_deref(),
            Some("\"abc\"")
        );
        let back: Result<Secret, _> = serde_json::from_str("\"abc\"");
        assert_eq!(back.ok(), Some(secret));
    }

    #[test]
    fn mask_keeps_four_characters() {
        assert_eq!(mask("ABCDEFGH"), "ABCD****");
        assert_eq!(mask("ABCD"), "****");
        assert_eq!(mask(""), "****");
        assert_eq!(
            format!("{:?}", Masked("AKIAEXAMPLE".into())),
            "\"AKIA****\""
        );
    }
}
