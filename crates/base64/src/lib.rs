#![no_std]
#![doc = include_str!("../README.md")]

extern crate alloc;

use alloc::string::String;
use alloc::vec::Vec;

/// An alphabet, and whether encoded text ends in `=` padding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Alphabet {
    symbols: &'static [u8; 64],
    /// Each byte's six bits, or [`NOT_A_SYMBOL`]: a table, as PEM decoding is on the
    /// inspection's hot path.
    values: &'static [u8; 256],
    padded: bool,
}

const STANDARD_SYMBOLS: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const URL_SAFE_SYMBOLS: &[u8; 64] =
    b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// `A–Z a–z 0–9 + /`, padded with `=` (RFC 4648 section 4).
pub const STANDARD: Alphabet = Alphabet {
    symbols: STANDARD_SYMBOLS,
    values: &values_of(STANDARD_SYMBOLS),
    padded: true,
};

/// `A–Z a–z 0–9 - _`, unpadded (RFC 4648 section 5, as JWK writes it).
pub const URL_SAFE_NO_PAD: Alphabet = Alphabet {
    symbols: URL_SAFE_SYMBOLS,
    values: &values_of(URL_SAFE_SYMBOLS),
    padded: false,
};

/// A byte outside the alphabet, in [`Alphabet::values`].
const NOT_A_SYMBOL: u8 = 0xff;

/// The table of each byte's six bits for `symbols`. Only the constants above call it, so it
/// runs at compile time, where an index out of range would fail the build.
#[allow(clippy::indexing_slicing)]
const fn values_of(symbols: &[u8; 64]) -> [u8; 256] {
    let mut values = [NOT_A_SYMBOL; 256];
    let mut i = 0;
    while i < 64 {
        values[symbols[i] as usize] = i as u8;
        i += 1;
    }
    values
}

impl Alphabet {
    /// `bytes` as base64 text.
    pub fn encode(self, bytes: &[u8]) -> String {
        let mut text = Vec::with_capacity(bytes.len().div_ceil(3) * 4);
        self.encode_each(bytes, |symbols| text.extend_from_slice(symbols));
        // Every symbol is ASCII, so this never falls back.
        String::from_utf8(text).unwrap_or_default()
    }

    /// Writes `bytes` as base64 into `out` without allocating, as far as it holds; the length
    /// of the whole text (`out` held all of it when that is at most its length).
    pub fn encode_to_slice(self, bytes: &[u8], out: &mut [u8]) -> usize {
        let mut written = 0;
        self.encode_each(bytes, |symbols| {
            for &symbol in symbols {
                if let Some(slot) = out.get_mut(written) {
                    *slot = symbol;
                }
                written += 1;
            }
        });
        written
    }

    /// Hands `bytes`' base64 to `emit`, four symbols (one quantum) at a time, in order.
    fn encode_each(self, bytes: &[u8], mut emit: impl FnMut(&[u8])) {
        let symbol = |bits: u32, shift: u32| {
            let six = (bits >> shift & 63) as usize;
            self.symbols.get(six).copied().unwrap_or(b'=')
        };
        let quantum = |bits: u32| [18, 12, 6, 0].map(|shift| symbol(bits, shift));
        let whole = bytes.chunks_exact(3);
        let rest = whole.remainder();
        for chunk in whole {
            let bits = chunk
                .iter()
                .fold(0, |bits, &byte| bits << 8 | u32::from(byte));
            emit(&quantum(bits));
        }
        if !rest.is_empty() {
            let byte = |i: usize| u32::from(rest.get(i).copied().unwrap_or(0));
            let mut last = quantum(byte(0) << 16 | byte(1) << 8);
            // The last one or two bytes take two or three symbols; padding fills the four.
            let used = rest.len() + 1;
            for padding in last.iter_mut().skip(used) {
                *padding = b'=';
            }
            let written = if self.padded { 4 } else { used };
            emit(last.get(..written).unwrap_or_default());
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
        let whole = symbols.chunks_exact(4);
        let rest = whole.remainder();
        for quantum in whole {
            let mut bits = 0u32;
            let mut seen = 0u8;
            for &symbol in quantum {
                let value = self.value(symbol);
                seen |= value;
                bits = bits << 6 | u32::from(value);
            }
            // Six-bit values never set the top bits; NOT_A_SYMBOL does.
            if seen & !63 != 0 {
                return None;
            }
            let [_, a, b, c] = bits.to_be_bytes();
            out.extend_from_slice(&[a, b, c]);
        }
        if !rest.is_empty() {
            let mut bits = 0u32;
            for (i, &symbol) in rest.iter().enumerate() {
                let value = self.value(symbol);
                if value & !63 != 0 {
                    return None;
                }
                bits |= u32::from(value) << (18 - 6 * i);
            }
            let kept = rest.len() - 1;
            // The bits after the last whole byte must be zero, or the text is not canonical.
            if bits & (0x00ff_ffff >> (8 * kept)) != 0 {
                return None;
            }
            out.extend(bits.to_be_bytes().iter().skip(1).take(kept));
        }
        Some(out)
    }

    /// A byte's six bits, or [`NOT_A_SYMBOL`].
    fn value(self, byte: u8) -> u8 {
        self.values
            .get(usize::from(byte))
            .copied()
            .unwrap_or(NOT_A_SYMBOL)
    }
}
