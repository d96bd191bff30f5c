#![no_std]
#![doc = include_str!("../README.md")]

extern crate alloc;

use alloc::string::String;
use alloc::vec::Vec;

/// An alphabet, and whether encoded text ends in `=` padding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Alphabet {
    symbols: &'static [u8; 64],
    padded: bool,
}

/// `A–Z a–z 0–9 + /`, padded with `=` (RFC 4648 section 4).
pub const STANDARD: Alphabet = Alphabet {
    symbols: b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
    padded: true,
};

/// `A–Z a–z 0–9 - _`, unpadded (RFC 4648 section 5, as JWK writes it).
pub const URL_SAFE_NO_PAD: Alphabet = Alphabet {
    symbols: b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
    padded: false,
};

impl Alphabet {
    /// `bytes` as base64 text.
    pub fn encode(self, bytes: &[u8]) -> String {
        let mut text = String::with_capacity(bytes.len().div_ceil(3) * 4);
        self.encode_each(bytes, |symbol| text.push(char::from(symbol)));
        text
    }

    /// Writes `bytes` as base64 into `out` without allocating, as far as it holds; the length
    /// of the whole text (`out` held all of it when that is at most its length).
    pub fn encode_to_slice(self, bytes: &[u8], out: &mut [u8]) -> usize {
        let mut written = 0;
        self.encode_each(bytes, |symbol| {
            if let Some(slot) = out.get_mut(written) {
                *slot = symbol;
            }
            written += 1;
        });
        written
    }

    /// Hands each ASCII symbol of `bytes`' base64 to `emit`, in order.
    fn encode_each(self, bytes: &[u8], mut emit: impl FnMut(u8)) {
        for chunk in bytes.chunks(3) {
            let byte = |i: usize| u32::from(chunk.get(i).copied().unwrap_or(0));
            let bits = byte(0) << 16 | byte(1) << 8 | byte(2);
            // A chunk of n bytes takes n + 1 symbols; padding fills the quantum of four.
            for i in 0..4 {
                if i <= chunk.len() {
                    let six = (bits >> (18 - 6 * i) & 63) as usize;
                    emit(self.symbols.get(six).copied().unwrap_or(b'='));
                } else if self.padded {
                    emit(b'=');
                }
            }
        }
    }

    /// The bytes of canonical base64 `text`: symbols of this alphabet only, padding exactly as
    /// the alphabet writes it, and zero bits after the last byte; `None` otherwise.
    pub fn decode(self, text: &[u8]) -> Option<Vec<u8>> {
        let symbols = if self.padded {
            let padding = text.iter().rev().take_while(|&&c| c == b'=').count();
            if text.len() % 4 != 0 || padding > 2 {
                return None;
            }
            text.split_at(text.len() - padding).0
        } else {
            text
        };
        // A lone symbol holds six bits, less than a byte.
        if symbols.len() % 4 == 1 {
            return None;
        }
        let mut out = Vec::with_capacity(symbols.len() / 4 * 3 + 2);
        for quantum in symbols.chunks(4) {
            let mut bits = 0u32;
            for (i, &symbol) in quantum.iter().enumerate() {
                bits |= self.value(symbol)? << (18 - 6 * i);
            }
            let kept = quantum.len() - 1;
            // The bits after the last whole byte must be zero, or the text is not canonical.
            if bits & (0x00ff_ffff >> (8 * kept)) != 0 {
                return None;
            }
            out.extend(bits.to_be_bytes().iter().skip(1).take(kept));
        }
        Some(out)
    }

    /// A symbol's six bits; `None` for a byte outside the alphabet.
    fn value(self, symbol: u8) -> Option<u32> {
        let value = match symbol {
            b'A'..=b'Z' => symbol - b'A',
            b'a'..=b'z' => symbol - b'a' + 26,
            b'0'..=b'9' => symbol - b'0' + 52,
            _ if Some(&symbol) == self.symbols.get(62) => 62,
            _ if Some(&symbol) == self.symbols.get(63) => 63,
            _ => return None,
        };
        Some(u32::from(value))
    }
}
