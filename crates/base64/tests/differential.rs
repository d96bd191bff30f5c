//! certkit-base64 against the `base64` crate (the second implementation): the same text for
//! any bytes, and for any text the same answer, accepted or refused, with the same bytes.

use base64::engine::general_purpose::{STANDARD as THEIR_STANDARD, URL_SAFE_NO_PAD as THEIR_URL};
use base64::Engine;
use certkit_base64::{Alphabet, STANDARD, URL_SAFE_NO_PAD};
use proptest::prelude::*;

fn pairs() -> [(Alphabet, &'static base64::engine::GeneralPurpose); 2] {
    [(STANDARD, &THEIR_STANDARD), (URL_SAFE_NO_PAD, &THEIR_URL)]
}

fn same_decoding(text: &[u8]) {
    for (ours, theirs) in pairs() {
        assert_eq!(
            ours.decode(text),
            theirs.decode(text).ok(),
            "{ours:?} {text:?}"
        );
    }
}

/// Text made of both alphabets' symbols, padding and a few strangers, so that most texts are
/// nearly valid: the edge cases (padding, length, trailing bits) are where the two could part.
fn nearly_base64() -> impl Strategy<Value = Vec<u8>> {
    let symbol = prop::sample::select(b"AQgwBb9+/-_==\n .".to_vec());
    prop::collection::vec(symbol, 0..24)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]

    #[test]
    fn encodes_as_the_base64_crate(bytes in prop::collection::vec(any::<u8>(), 0..100)) {
        for (ours, theirs) in pairs() {
            let text = ours.encode(&bytes);
            prop_assert_eq!(&text, &theirs.encode(&bytes));
            prop_assert_eq!(ours.decode(text.as_bytes()), Some(bytes.clone()));
            // Into a buffer: the same text, cut where the buffer ends.
            let mut buffer = [0u8; 80];
            let written = ours.encode_to_slice(&bytes, &mut buffer);
            prop_assert_eq!(written, text.len());
            let held = written.min(buffer.len());
            prop_assert_eq!(&buffer[..held], &text.as_bytes()[..held]);
        }
    }

    #[test]
    fn decodes_as_the_base64_crate(text in nearly_base64()) {
        same_decoding(&text);
    }

    #[test]
    fn decodes_any_bytes_as_the_base64_crate(text in prop::collection::vec(any::<u8>(), 0..12)) {
        same_decoding(&text);
    }
}

/// Every one- to four-symbol text over a small alphabet that covers each edge: all of them.
#[test]
fn every_short_text_decodes_as_the_base64_crate() {
    let symbols = b"AB/_-=+Z";
    let mut texts: Vec<Vec<u8>> = vec![Vec::new()];
    for _ in 0..4 {
        let longer: Vec<Vec<u8>> = texts
            .iter()
            .filter(|t| t.len() < 4)
            .flat_map(|t| symbols.iter().map(move |&s| [t.as_slice(), &[s]].concat()))
            .collect();
        texts.extend(longer);
    }
    assert!(texts.len() > 4000, "{}", texts.len());
    for text in &texts {
        same_decoding(text);
        let eight = [text.as_slice(), b"QUJD"].concat();
        same_decoding(&eight);
    }
}
