//! The exchange of each operation: the request sent, its progress, and the answers received.

use std::collections::BTreeMap;

use certkit_core::clock::clock_skew_ms;
use certkit_core::site::SiteError;
use certkit_core::Problem;

use super::HistoryEntry;

/// Why a request cannot be sent now.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// Access key or secret key is empty.
    KeysMissing,
    /// The form has problems (certkit-core's validation).
    Invalid(Vec<Problem>),
    /// The site does not offer this operation.
    NotOffered(SiteError),
}

/// What was sent: everything the preview shows, kept so it can be shown after sending. Holds
/// no secret (the signature is not the secret). Serde: history is kept in sessionStorage.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SentRequest {
    /// HTTP method.
    pub method: String,
    /// Full URL as the browser sends it.
    pub url: String,
    /// Headers as sent.
    pub headers: Vec<(String, String)>,
    /// JSON body, if any.
    pub body: Option<String>,
    /// The string the signature covers.
    pub string_to_sign: String,
    /// The same request as a curl command.
    pub curl: String,
}

/// An HTTP answer as received.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HttpResponse {
    /// HTTP status.
    pub status: u16,
    /// Response body text.
    pub body: String,
    /// The `Date` response header, if any.
    pub date: Option<String>,
}

impl HttpResponse {
    /// Server clock minus local clock (ms), from the `Date` header and the local time the
    /// answer arrived (`Date.now()`); whole seconds are all the header can tell.
    pub fn clock_skew_ms(&self, received_ms: f64) -> Option<i64> {
        let date = self.date.as_deref()?;
        clock_skew_ms(date, received_ms.max(0.0) as u64)
    }

    /// A 2xx status.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// A finished exchange.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Completed {
    /// Request id.
    pub id: u32,
    /// What was sent.
    pub sent: SentRequest,
    /// What came back.
    pub response: HttpResponse,
    /// How long it took.
    pub elapsed_ms: f64,
    /// Server clock minus local clock, measured from `Date` (ms).
    pub clock_skew_ms: Option<i64>,
}

/// Where the current exchange of one operation is.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Phase {
    /// Nothing in flight.
    #[default]
    Idle,
    /// Waiting for the answer.
    Sending {
        /// Request id.
        id: u32,
        /// `Date.now()` when sent.
        started_ms: f64,
        /// What was sent.
        sent: SentRequest,
        /// The form as it was sent (for history).
        form: BTreeMap<String, String>,
    },
    /// The request never got an HTTP answer.
    NetworkError {
        /// What was sent.
        sent: SentRequest,
        /// The browser's message.
        message: String,
    },
    /// The user cancelled.
    Cancelled {
        /// What was sent.
        sent: SentRequest,
    },
}

/// One operation's exchanges: what is in flight, the latest answer and the latest success.
/// The latest success is kept apart so a later failure never hides a received private key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Exchange {
    /// In flight / failed to send / cancelled.
    pub phase: Phase,
    /// The latest HTTP answer (success or failure).
    pub last: Option<Completed>,
    /// The latest 2xx answer.
    pub last_success: Option<Completed>,
    /// A history entry reopened on this page: shown apart, read-only, labelled as history, so
    /// it never replaces a received private key, an answer in flight or typed values.
    pub reopened: Option<HistoryEntry>,
}

impl Exchange {
    /// No exchange (what an operation the app does not offer reads as).
    pub const IDLE: Exchange = Exchange {
        phase: Phase::Idle,
        last: None,
        last_success: None,
        reopened: None,
    };

    /// The id of the request in flight, if one is.
    pub fn sending(&self) -> Option<u32> {
        match self.phase {
            Phase::Sending { id, .. } => Some(id),
            _ => None,
        }
    }

    /// A request left with the form as it stood; ignored while another is in flight (one
    /// request at a time per operation).
    pub(super) fn start(
        &mut self,
        id: u32,
        started_ms: f64,
        sent: SentRequest,
        form: BTreeMap<String, String>,
    ) {
        if self.sending().is_none() {
            self.phase = Phase::Sending {
                id,
                started_ms,
                sent,
                form,
            };
        }
    }

    /// The answer to request `id` arrived: it becomes the latest answer (and the latest
    /// success if it is one). Returns it with the form as sent, for history; `None` when the
    /// request is no longer in flight (cancelled, or a stale id), and the answer is dropped.
    pub(super) fn receive(
        &mut self,
        id: u32,
        response: HttpResponse,
        received_ms: f64,
    ) -> Option<(Completed, BTreeMap<String, String>)> {
        let Phase::Sending {
            id: pending,
            started_ms,
            sent,
            form,
        } = std::mem::take(&mut self.phase)
        else {
            return None;
        };
        if pending != id {
            self.phase = Phase::Sending {
                id: pending,
                started_ms,
                sent,
                form,
            };
            return None;
        }
        let completed = Completed {
            id,
            sent,
            clock_skew_ms: response.clock_skew_ms(received_ms),
            response,
            elapsed_ms: (received_ms - started_ms).max(0.0),
        };
        if completed.response.is_success() {
            self.last_success = Some(completed.clone());
        }
        self.last = Some(completed.clone());
        Some((completed, form))
    }

    /// Request `id` ended without an answer (network error, cancel): `phase` says how.
    pub(super) fn end(&mut self, id: u32, phase: impl FnOnce(SentRequest) -> Phase) {
        if let Phase::Sending {
            id: pending, sent, ..
        } = &self.phase
        {
            if *pending == id {
                self.phase = phase(sent.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use certkit_core::operation::OperationKind::{
        ActivateSubCa, IssueEndCert, RequestCertificateIssuance,
    };

    use crate::state::test_support::{answer, receive, sent, start, ISSUED};
    use crate::state::{reduce, Action, AppState, Phase};

    #[test]
    fn a_failure_after_a_success_keeps_the_received_key() {
        let s = start(&AppState::default(), IssueEndCert, 1);
        let s = receive(&s, IssueEndCert, 1, answer(200, ISSUED), 1_500.0);
        let s = start(&s, IssueEndCert, 2);
        let failed = answer(401, r#"{"error":{"errorCode":"200"}}"#);
        let s = receive(&s, IssueEndCert, 2, failed, 2_000.0);
        let ex = s.exchange(IssueEndCert);
        assert_eq!(ex.last.as_ref().map(|c| c.response.status), Some(401));
        let success = ex.last_success.as_ref().map(|c| c.response.body.as_str());
        assert_eq!(success, Some(ISSUED));
        assert_eq!(ex.last.as_ref().map(|c| c.elapsed_ms), Some(1_000.0));
    }

    #[test]
    fn a_second_send_while_one_is_in_flight_is_ignored() {
        let s = start(&AppState::default(), IssueEndCert, 1);
        let s = start(&s, IssueEndCert, 2);
        assert_eq!(s.exchange(IssueEndCert).sending(), Some(1));
        // Another operation may send meanwhile.
        let s = start(&s, ActivateSubCa, 3);
        assert_eq!(s.exchange(ActivateSubCa).sending(), Some(3));
    }

    #[test]
    fn a_cancelled_or_stale_answer_is_dropped() {
        let s = start(&AppState::default(), RequestCertificateIssuance, 3);
        let s = reduce(
            &s,
            Action::Cancel {
                op: RequestCertificateIssuance,
                id: 3,
            },
        );
        assert!(matches!(
            s.exchange(RequestCertificateIssuance).phase,
            Phase::Cancelled { .. }
        ));
        let s = receive(&s, RequestCertificateIssuance, 3, answer(200, "{}"), 5.0);
        assert!(s.exchange(RequestCertificateIssuance).last.is_none());
        assert!(s.history.is_empty());

        let s = start(&s, RequestCertificateIssuance, 4);
        let s = receive(&s, RequestCertificateIssuance, 3, answer(200, "{}"), 5.0);
        assert_eq!(s.exchange(RequestCertificateIssuance).sending(), Some(4));
    }

    #[test]
    fn clock_skew_is_measured_from_the_date_header() {
        // 1994-11-06T08:49:37Z is 784111777 s after the epoch (RFC 7231's example date;
        // `date -u -d 'Sun, 06 Nov 1994 08:49:37 GMT' +%s`).
        let local_ms = 784_111_777_000.0 - 600_000.0;
        let s = start(&AppState::default(), IssueEndCert, 1);
        let s = receive(&s, IssueEndCert, 1, answer(401, "{}"), local_ms);
        let skew = s
            .exchange(IssueEndCert)
            .last
            .as_ref()
            .and_then(|c| c.clock_skew_ms);
        assert_eq!(skew, Some(600_000));
        let s = reduce(&s, Action::SetClockOffset(600_000));
        assert_eq!(s.clock_offset_ms, 600_000);
    }

    #[test]
    fn a_network_error_keeps_what_was_sent() {
        let s = start(&AppState::default(), ActivateSubCa, 9);
        let s = reduce(
            &s,
            Action::SendFailed {
                op: ActivateSubCa,
                id: 9,
                message: "offline".into(),
            },
        );
        match &s.exchange(ActivateSubCa).phase {
            Phase::NetworkError {
                sent: kept,
                message,
            } => {
                assert_eq!(kept, &sent());
                assert_eq!(message, "offline");
            }
            other => panic!("unexpected phase {other:?}"),
        }
    }
}
