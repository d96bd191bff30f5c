//! Numbers shown with a fixed count of decimals (a duration, a clock offset) without Rust's
//! float formatting: its Grisu/Dragon code is about 7 kB of the app's gzipped wasm, for three
//! numbers on screen.

/// `value` with `decimals` digits after the point (at most 3), `+` before it when `plus` and it
/// is not negative. Rounds half away from zero; `format!("{value:.N}")` rounds the binary
/// value exactly, so the two can differ on a tie such as 1.05, never elsewhere.
pub fn fixed(value: f64, decimals: u32, plus: bool) -> String {
    let decimals = decimals.min(3);
    let scale = 10u64.pow(decimals);
    // Times and offsets shown here are far below 2^53 / 1000; `as` saturates anything larger
    // and turns NaN into 0, so nothing here panics.
    let scaled = (value.abs() * scale as f64).round() as u64;
    let sign = if value < 0.0 && scaled != 0 {
        "-"
    } else if plus {
        "+"
    } else {
        ""
    };
    let whole = scaled / scale;
    if decimals == 0 {
        return format!("{sign}{whole}");
    }
    let fraction = scaled % scale;
    format!(
        "{sign}{whole}.{fraction:0width$}",
        width = decimals as usize
    )
}

#[cfg(test)]
mod tests {
    use super::fixed;

    /// Rust's formatting, except that a negative value rounding to zero has no minus sign.
    fn expected(rust: String, plus: bool) -> String {
        let is_zero = rust.chars().all(|c| matches!(c, '-' | '+' | '0' | '.'));
        match rust.strip_prefix('-') {
            Some(zero) if is_zero => format!("{}{zero}", if plus { "+" } else { "" }),
            _ => rust,
        }
    }

    /// Agrees with Rust's own formatting away from ties, on the values shown: milliseconds and
    /// seconds, positive and negative.
    #[test]
    fn matches_format_away_from_ties() {
        let mut checked = 0;
        for millis in -100_000i64..100_000 {
            for value in [millis as f64, millis as f64 / 1000.0, millis as f64 / 7.0] {
                for decimals in 0..=2u32 {
                    let scaled = value.abs() * 10f64.powi(decimals as i32);
                    if (scaled.fract() - 0.5).abs() < 1e-6 {
                        continue; // a tie: see `fixed`'s doc
                    }
                    let prec = decimals as usize;
                    let rust = expected(format!("{value:.prec$}"), false);
                    assert_eq!(fixed(value, decimals, false), rust, "{value} {decimals}");
                    let rust = expected(format!("{value:+.prec$}"), true);
                    assert_eq!(fixed(value, decimals, true), rust, "{value} {decimals} +");
                    checked += 1;
                }
            }
        }
        assert!(checked > 1_000_000, "{checked}");
    }

    #[test]
    fn no_panic_on_odd_values() {
        assert_eq!(fixed(f64::NAN, 1, false), "0.0");
        assert_eq!(fixed(f64::INFINITY, 0, false), u64::MAX.to_string());
        assert_eq!(fixed(-0.0, 0, true), "+0");
        assert_eq!(fixed(1.5, 9, false), "1.500");
    }
}
