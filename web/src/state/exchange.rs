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

/// One operation's exchanges: what is in flight, the answer to the current request, and an
/// earlier success kept only because it holds a private key.
///
/// What the answer says belongs to the request that got it: a new send, or a change of site or
/// keys, clears it, so nothing on screen describes a request other than the current one. The
/// one exception is a received private key, which exists nowhere else: it moves to
/// [`Exchange::earlier`], shown apart and labelled, until the user wipes it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Exchange {
    /// In flight / failed to send / cancelled.
    pub phase: Phase,
    /// The answer to the current request (success or failure).
    pub last: Option<Completed>,
    /// The current request's answer, if it is a success.
    pub last_success: Option<Completed>,
    /// An earlier request's success that holds a private key, kept when a new request begins.
    pub earlier: Option<Completed>,
    /// A pre-send check says NCP will refuse the request: Send asks before sending.
    pub confirming: bool,
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
        earlier: None,
        confirming: false,
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
            self.forget_answers();
            self.phase = Phase::Sending {
                id,
                started_ms,
                sent,
                form,
            };
        }
    }

    /// What the answers said no longer applies (a new request, another site or other keys):
    /// they go, but a success holding a private key moves to [`Exchange::earlier`]. A request
    /// in flight stays; its answer will say which request it answers.
    pub(super) fn forget_answers(&mut self) {
        if let Some(success) = self.last_success.take() {
            if holds_private_key(&success.response.body) {
                self.earlier = Some(success);
            }
        }
        self.last = None;
        self.confirming = false;
        if !matches!(self.phase, Phase::Sending { .. }) {
            self.phase = Phase::Idle;
        }
    }

    /// The user wiped the received private key from the page: every answer keeps its
    /// certificate, and loses its key.
    pub(super) fn wipe_private_key(&mut self) {
        self.earlier = None;
        for completed in [&mut self.last, &mut self.last_success]
            .into_iter()
            .flatten()
        {
            completed.response.body = super::without_private_key(&completed.response.body);
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
    /// Returns whether `id` was the request in flight.
    pub(super) fn end(&mut self, id: u32, phase: impl FnOnce(SentRequest) -> Phase) -> bool {
        match &self.phase {
            Phase::Sending {
                id: pending, sent, ..
            } if *pending == id => {
                self.phase = phase(sent.clone());
                true
            }
            _ => false,
        }
    }
}

/// Whether an answer carries a PEM private key.
pub fn holds_private_key(body: &str) -> bool {
    body.contains("PRIVATE KEY-----")
}

#[cfg(test)]
mod tests {
    use certkit_core::operation::OperationKind::{
        ActivateSubCa, IssueEndCert, RequestCertificateIssuance,
    };

    use crate::state::test_support::{answer, receive, sent, start, ISSUED};
    use crate::state::{reduce, Action, AppState, Focus, Phase};

    #[test]
    fn a_failure_after_a_success_keeps_the_received_key_apart() {
        let s = start(&AppState::default(), IssueEndCert, 1);
        let s = receive(&s, IssueEndCert, 1, answer(200, ISSUED), 1_500.0);
        let s = start(&s, IssueEndCert, 2);
        // While the new request is in flight, nothing of the old answer reads as current.
        let ex = s.exchange(IssueEndCert);
        assert!(ex.last.is_none() && ex.last_success.is_none());
        let failed = answer(401, r#"{"error":{"errorCode":"200"}}"#);
        let s = receive(&s, IssueEndCert, 2, failed, 2_000.0);
        let ex = s.exchange(IssueEndCert);
        assert_eq!(ex.last.as_ref().map(|c| c.response.status), Some(401));
        assert!(
            ex.last_success.is_none(),
            "the old success is not this request's"
        );
        let earlier = ex
            .earlier
            .as_ref()
            .map(|c| (c.id, c.response.body.as_str()));
        assert_eq!(
            earlier,
            Some((1, ISSUED)),
            "the received key stays, labelled earlier"
        );
        assert_eq!(ex.last.as_ref().map(|c| c.elapsed_ms), Some(1_000.0));
    }

    #[test]
    fn a_new_send_clears_an_old_answer_without_a_key() {
        let s = start(&AppState::default(), ActivateSubCa, 1);
        let s = receive(
            &s,
            ActivateSubCa,
            1,
            answer(200, r#"{"caInfo":{}}"#),
            1_500.0,
        );
        assert!(s.exchange(ActivateSubCa).last_success.is_some());
        let s = start(&s, ActivateSubCa, 2);
        let s = receive(&s, ActivateSubCa, 2, answer(400, "{}"), 1_600.0);
        let ex = s.exchange(ActivateSubCa);
        assert!(ex.last_success.is_none() && ex.earlier.is_none());
        assert_eq!(ex.last.as_ref().map(|c| c.id), Some(2));
    }

    #[test]
    fn a_site_or_key_change_clears_the_answers_but_not_a_received_key() {
        let changes = [
            Action::SetSite(crate::state::SiteChoice::Gov),
            Action::SetAccessKey("OTHER".into()),
            Action::SetSecretKey("other".into()),
            Action::DemoKeysLoaded {
                access_key: "AK".into(),
                secret_key: "SK".into(),
            },
        ];
        for change in changes {
            let s = start(&AppState::default(), IssueEndCert, 1);
            let s = receive(&s, IssueEndCert, 1, answer(200, ISSUED), 1_500.0);
            let s = start(&s, RequestCertificateIssuance, 2);
            let s = receive(
                &s,
                RequestCertificateIssuance,
                2,
                answer(200, "{}"),
                1_600.0,
            );
            let s = start(&s, ActivateSubCa, 3);
            let s = reduce(
                &s,
                Action::SendFailed {
                    op: ActivateSubCa,
                    id: 3,
                    message: "offline".into(),
                },
            );
            let s = reduce(&s, change.clone());
            for op in [IssueEndCert, ActivateSubCa, RequestCertificateIssuance] {
                let ex = s.exchange(op);
                assert!(
                    ex.last.is_none() && ex.last_success.is_none(),
                    "{change:?} {op}"
                );
                assert_eq!(ex.phase, Phase::Idle, "{change:?} {op}");
            }
            let kept = s.exchange(IssueEndCert).earlier.as_ref().map(|c| c.id);
            assert_eq!(kept, Some(1), "{change:?}");
            assert!(s.exchange(RequestCertificateIssuance).earlier.is_none());
        }
    }

    #[test]
    fn selecting_the_site_already_selected_changes_nothing() {
        let s = start(&AppState::default(), IssueEndCert, 1);
        let s = receive(&s, IssueEndCert, 1, answer(200, ISSUED), 1_500.0);
        let same = reduce(&s, Action::SetSite(crate::state::SiteChoice::Sandbox));
        assert_eq!(same, s);
    }

    #[test]
    fn wiping_the_key_leaves_the_certificate() {
        let s = start(&AppState::default(), IssueEndCert, 1);
        let s = receive(&s, IssueEndCert, 1, answer(200, ISSUED), 1_500.0);
        let s = start(&s, IssueEndCert, 2);
        let s = receive(&s, IssueEndCert, 2, answer(200, ISSUED), 1_600.0);
        assert!(s.exchange(IssueEndCert).earlier.is_some());
        let s = reduce(&s, Action::WipePrivateKey(IssueEndCert));
        let ex = s.exchange(IssueEndCert);
        assert!(ex.earlier.is_none());
        for completed in [&ex.last, &ex.last_success] {
            let body = completed.as_ref().map(|c| c.response.body.as_str());
            assert!(body.is_some_and(|b| !b.contains("PRIVATE KEY") && b.contains("certificate")));
        }
        assert!(s
            .history
            .iter()
            .all(|e| !e.completed.response.body.contains("PRIVATE KEY")));
    }

    #[test]
    fn focus_follows_each_outcome_and_is_taken_once() {
        let s = start(&AppState::default(), IssueEndCert, 1);
        assert_eq!(s.focus, None);
        let s = receive(&s, IssueEndCert, 1, answer(200, ISSUED), 1_500.0);
        assert_eq!(s.focus, Some(Focus::Outcome(IssueEndCert)));
        assert_eq!(
            s.focus.map(Focus::element_id).as_deref(),
            Some("IssueEndCert-outcome")
        );
        let s = reduce(&s, Action::FocusTaken);
        assert_eq!(s.focus, None);
        // A stale answer moves nothing.
        let s = receive(&s, IssueEndCert, 1, answer(200, ISSUED), 1_600.0);
        assert_eq!(s.focus, None);
        let s = start(&s, ActivateSubCa, 2);
        let s = reduce(
            &s,
            Action::Cancel {
                op: ActivateSubCa,
                id: 2,
            },
        );
        assert_eq!(s.focus, Some(Focus::Outcome(ActivateSubCa)));
        let s = reduce(&s, Action::SendRefused(RequestCertificateIssuance));
        assert_eq!(s.focus, Some(Focus::Refused(RequestCertificateIssuance)));
        assert!(s.form(RequestCertificateIssuance).submitted);
        let s = reduce(
            &s,
            Action::DemoKeysLoaded {
                access_key: "AK".into(),
                secret_key: "SK".into(),
            },
        );
        assert_eq!(
            s.focus.map(Focus::element_id).as_deref(),
            Some("connection-next")
        );
    }

    #[test]
    fn a_confirmation_belongs_to_the_input_it_was_asked_about() {
        let s = reduce(&AppState::default(), Action::ConfirmNeeded(ActivateSubCa));
        assert!(s.exchange(ActivateSubCa).confirming);
        assert_eq!(s.focus, Some(Focus::Confirm(ActivateSubCa)));
        let typed = reduce(
            &s,
            Action::SetField {
                op: ActivateSubCa,
                field: "caTag".into(),
                value: "other".into(),
            },
        );
        assert!(!typed.exchange(ActivateSubCa).confirming);
        let dismissed = reduce(&s, Action::DismissConfirm(ActivateSubCa));
        assert!(!dismissed.exchange(ActivateSubCa).confirming);
        assert_eq!(dismissed.focus, Some(Focus::Send(ActivateSubCa)));
        let sent = start(&s, ActivateSubCa, 4);
        assert!(!sent.exchange(ActivateSubCa).confirming);
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
