//! Following a certificate's DNS validation: List Dcv Statuses for each domain, again and again
//! with a growing wait, until every record is `VALID_STATUS_SUCCESS` (or one times out). The
//! user can stop and resume; each check is numbered, so an answer to an older check, or for
//! another certificate, changes nothing. Time comes in with the actions.

use super::backoff::Backoff;
use super::{DnsRecord, HelperError};

/// The wait between two checks: 10 s, doubling up to 5 min (NCP does not say how long DNS
/// validation takes; minutes to hours).
pub const DCV_BACKOFF: Backoff = Backoff {
    first_ms: 10_000.0,
    longest_ms: 300_000.0,
};

/// Where the polling stands.
#[derive(Clone, Debug, PartialEq)]
pub enum PollPhase {
    /// Nothing read yet: check now.
    Due,
    /// Check `id` is in flight.
    Checking {
        /// The check's number.
        id: u32,
    },
    /// The next check is at `next_check_ms` (epoch ms).
    Waiting {
        /// When.
        next_check_ms: f64,
    },
    /// The user stopped it (resume checks at once).
    Paused,
    /// Every domain's records are `VALID_STATUS_SUCCESS`.
    Validated,
    /// A record is `VALID_STATUS_TIMEOUT`: the validation window expired, checking again will
    /// not change it.
    TimedOut,
}

/// The DNS validation of one certificate.
#[derive(Clone, Debug, PartialEq)]
pub struct DcvPoll {
    /// The certificate (`certificateNo`).
    pub certificate_no: String,
    /// The domains queried: the common name, then each dnsName.
    pub domains: Vec<String>,
    /// The records last read (kept while checking again, and after a failed check).
    pub records: Option<Vec<DnsRecord>>,
    /// Where it stands.
    pub phase: PollPhase,
    /// Checks without success since the last start (the backoff's exponent).
    pub checks: u32,
    /// When the records were last read (epoch ms).
    pub last_checked_ms: Option<f64>,
    /// Why the last check failed (cleared by the next success).
    pub error: Option<HelperError>,
    /// Sandbox: the domain whose "I created the record" is being sent.
    pub marking: Option<String>,
}

/// What a set of records says of the whole validation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DcvVerdict {
    /// Every domain has records and all are `VALID_STATUS_SUCCESS`.
    Validated,
    /// A record is `VALID_STATUS_TIMEOUT`.
    TimedOut,
    /// Still in progress (or a domain has no record yet).
    Pending,
}

/// The verdict of `records`.
pub fn verdict(records: &[DnsRecord]) -> DcvVerdict {
    let all = || records.iter().flat_map(|d| &d.records);
    if all().any(|r| r.valid_status_code == "VALID_STATUS_TIMEOUT") {
        DcvVerdict::TimedOut
    } else if !records.is_empty()
        && records.iter().all(|d| {
            !d.records.is_empty()
                && d.records
                    .iter()
                    .all(|r| r.valid_status_code == "VALID_STATUS_SUCCESS")
        })
    {
        DcvVerdict::Validated
    } else {
        DcvVerdict::Pending
    }
}

impl DcvPoll {
    /// A certificate to follow, checked at once.
    pub fn new(certificate_no: String, domains: Vec<String>) -> Self {
        DcvPoll {
            certificate_no,
            domains,
            records: None,
            phase: PollPhase::Due,
            checks: 0,
            last_checked_ms: None,
            error: None,
            marking: None,
        }
    }

    /// Whether it still checks (or will): not stopped, validated or timed out.
    pub fn active(&self) -> bool {
        matches!(
            self.phase,
            PollPhase::Due | PollPhase::Checking { .. } | PollPhase::Waiting { .. }
        )
    }

    /// When the next check is due, if one is planned.
    pub fn next_check_ms(&self) -> Option<f64> {
        match self.phase {
            PollPhase::Waiting { next_check_ms } => Some(next_check_ms),
            _ => None,
        }
    }

    /// Check `id` left: a start (or resume) by the user begins the backoff again.
    pub(super) fn started(&mut self, id: u32, by_user: bool) {
        if by_user {
            self.checks = 0;
        }
        self.phase = PollPhase::Checking { id };
    }

    /// Check `id` answered at `now_ms`. Returns whether every domain is now validated (the
    /// moment to read the certificate again).
    pub(super) fn checked(
        &mut self,
        id: u32,
        result: Result<Vec<DnsRecord>, HelperError>,
        now_ms: f64,
    ) -> bool {
        let current = self.phase == PollPhase::Checking { id };
        let paused_during = self.phase == PollPhase::Paused;
        if !current && !paused_during {
            return false; // an older check's answer
        }
        self.marking = None;
        let next = PollPhase::Waiting {
            next_check_ms: now_ms + DCV_BACKOFF.wait_ms(self.checks),
        };
        match result {
            Ok(records) => {
                self.error = None;
                self.last_checked_ms = Some(now_ms);
                let verdict = verdict(&records);
                self.records = Some(records);
                match verdict {
                    DcvVerdict::Validated => {
                        self.phase = PollPhase::Validated;
                        return true;
                    }
                    DcvVerdict::TimedOut => self.phase = PollPhase::TimedOut,
                    DcvVerdict::Pending if current => {
                        self.phase = next;
                        self.checks = self.checks.saturating_add(1);
                    }
                    DcvVerdict::Pending => {}
                }
            }
            Err(error) => {
                self.error = Some(error);
                if current {
                    self.phase = next;
                    self.checks = self.checks.saturating_add(1);
                }
            }
        }
        false
    }

    /// The user stopped checking.
    pub(super) fn pause(&mut self) {
        if self.active() {
            self.phase = PollPhase::Paused;
        }
    }

    /// Sandbox: "I created the record" of `domain` is being sent.
    pub(super) fn marking(&mut self, domain: String) {
        self.marking = Some(domain);
    }

    /// It failed: said like a failed check, and the polling goes on as it was.
    pub(super) fn mark_failed(&mut self, error: HelperError) {
        self.marking = None;
        self.error = Some(error);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use certkit_core::certificate_manager::DnsVerification;

    fn domain(name: &str, statuses: &[&str]) -> DnsRecord {
        DnsRecord {
            domain: name.into(),
            records: statuses
                .iter()
                .map(|s| DnsVerification {
                    valid_status_code: (*s).into(),
                    txt_name: format!("_t.{name}"),
                    ..DnsVerification::default()
                })
                .collect(),
        }
    }

    fn pending() -> Vec<DnsRecord> {
        vec![
            domain("a.example", &["VALID_STATUS_SUCCESS"]),
            domain("b.example", &["VALID_STATUS_REG"]),
        ]
    }

    #[test]
    fn the_wait_doubles_from_10_seconds_up_to_5_minutes() {
        let waits: Vec<f64> = (0..7).map(|n| DCV_BACKOFF.wait_ms(n)).collect();
        assert_eq!(
            waits,
            [10_000.0, 20_000.0, 40_000.0, 80_000.0, 160_000.0, 300_000.0, 300_000.0]
        );
    }

    #[test]
    fn the_verdict_needs_every_domain_validated() {
        assert_eq!(verdict(&pending()), DcvVerdict::Pending);
        assert_eq!(verdict(&[]), DcvVerdict::Pending);
        // A domain without a record yet is not validated.
        let missing = vec![domain("a", &["VALID_STATUS_SUCCESS"]), domain("b", &[])];
        assert_eq!(verdict(&missing), DcvVerdict::Pending);
        let done = vec![
            domain("a", &["VALID_STATUS_SUCCESS"]),
            domain("b", &["VALID_STATUS_SUCCESS"]),
        ];
        assert_eq!(verdict(&done), DcvVerdict::Validated);
        let late = vec![
            domain("a", &["VALID_STATUS_SUCCESS"]),
            domain("b", &["VALID_STATUS_TIMEOUT"]),
        ];
        assert_eq!(verdict(&late), DcvVerdict::TimedOut);
    }

    #[test]
    fn pending_checks_back_off_and_success_stops_polling() {
        let mut poll = DcvPoll::new("12".into(), vec!["a.example".into(), "b.example".into()]);
        assert_eq!(poll.phase, PollPhase::Due);
        poll.started(1, true);
        assert!(!poll.checked(1, Ok(pending()), 1_000.0));
        assert_eq!(poll.next_check_ms(), Some(11_000.0));
        poll.started(2, false);
        assert!(!poll.checked(2, Ok(pending()), 11_000.0));
        assert_eq!(poll.next_check_ms(), Some(31_000.0));
        // A failed check says why, keeps the records, and waits longer.
        poll.started(3, false);
        let error = HelperError::Network("offline".into());
        assert!(!poll.checked(3, Err(error.clone()), 31_000.0));
        assert_eq!(poll.error, Some(error));
        assert_eq!(poll.records, Some(pending()));
        assert_eq!(poll.next_check_ms(), Some(71_000.0));
        assert_eq!(poll.last_checked_ms, Some(11_000.0));
        // The user's own start begins the backoff again.
        poll.started(4, true);
        assert!(!poll.checked(4, Ok(pending()), 100_000.0));
        assert_eq!(poll.next_check_ms(), Some(110_000.0));
        assert_eq!(poll.error, None);
        poll.started(5, false);
        let done = vec![
            domain("a.example", &["VALID_STATUS_SUCCESS"]),
            domain("b.example", &["VALID_STATUS_SUCCESS"]),
        ];
        assert!(poll.checked(5, Ok(done), 120_000.0));
        assert_eq!(poll.phase, PollPhase::Validated);
        assert!(!poll.active());
        assert_eq!(poll.next_check_ms(), None);
    }

    #[test]
    fn an_older_check_s_answer_changes_nothing() {
        let mut poll = DcvPoll::new("12".into(), vec!["a".into()]);
        poll.started(1, true);
        poll.started(2, true);
        let before = poll.clone();
        assert!(!poll.checked(1, Ok(pending()), 5.0));
        assert_eq!(poll, before);
    }

    #[test]
    fn stopping_keeps_what_was_read_and_plans_nothing() {
        let mut poll = DcvPoll::new("12".into(), vec!["a".into()]);
        poll.started(1, true);
        poll.pause();
        assert_eq!(poll.phase, PollPhase::Paused);
        // The check in flight still shows its records, but no next check is planned.
        assert!(!poll.checked(1, Ok(pending()), 5.0));
        assert_eq!(poll.phase, PollPhase::Paused);
        assert_eq!(poll.records, Some(pending()));
        // Nothing to stop once validated.
        let mut done = DcvPoll::new("12".into(), vec![]);
        done.phase = PollPhase::Validated;
        done.pause();
        assert_eq!(done.phase, PollPhase::Validated);
    }

    #[test]
    fn a_timed_out_record_ends_the_polling() {
        let mut poll = DcvPoll::new("12".into(), vec!["a".into()]);
        poll.started(1, true);
        assert!(!poll.checked(1, Ok(vec![domain("a", &["VALID_STATUS_TIMEOUT"])]), 5.0));
        assert_eq!(poll.phase, PollPhase::TimedOut);
        assert!(!poll.active());
    }

    #[test]
    fn the_sandbox_mark_is_said_while_it_is_sent() {
        let mut poll = DcvPoll::new("12".into(), vec!["a".into()]);
        poll.marking("a".into());
        assert_eq!(poll.marking.as_deref(), Some("a"));
        poll.mark_failed(HelperError::Demo("HTTP 404".into()));
        assert_eq!(poll.marking, None);
        assert!(poll.error.is_some());
    }
}
