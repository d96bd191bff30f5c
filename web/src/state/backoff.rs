//! The schedule of every status poll: a wait that doubles after each check, up to a ceiling.
//! NCP documents no polling interval for any status (a CA's activation, a domain's
//! validation), so each poll picks its first wait and ceiling; the doubling is shared.

/// A doubling wait, from `first_ms` up to `longest_ms`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Backoff {
    /// The wait before the first check after the start (ms).
    pub first_ms: f64,
    /// The longest wait between two checks (ms).
    pub longest_ms: f64,
}

impl Backoff {
    /// The wait before check `checks` (0-based: the number of checks made so far).
    pub fn wait_ms(self, checks: u32) -> f64 {
        // 2^30 times any first wait is past every ceiling; the cap keeps powi in range.
        let factor = 2f64.powi(i32::try_from(checks.min(30)).unwrap_or(30));
        (self.first_ms * factor).min(self.longest_ms)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_up_to_its_ceiling_and_stays_there() {
        let backoff = Backoff {
            first_ms: 1_000.0,
            longest_ms: 5_000.0,
        };
        let waits: Vec<f64> = (0..5).map(|n| backoff.wait_ms(n)).collect();
        assert_eq!(waits, [1_000.0, 2_000.0, 4_000.0, 5_000.0, 5_000.0]);
        assert_eq!(backoff.wait_ms(u32::MAX), 5_000.0);
    }
}
