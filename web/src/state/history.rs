//! History: this tab's past requests, newest first, never with a private key.

use std::collections::BTreeMap;

use certkit_core::operation::OperationKind;

use super::{Completed, HttpResponse, SiteChoice};

/// How many past requests the History page keeps.
pub const HISTORY_LIMIT: usize = 30;

/// A past request of this tab. Never holds a private key.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryEntry {
    /// Request id.
    pub id: u32,
    /// Which operation.
    pub op: OperationKind,
    /// Which site.
    pub site: SiteChoice,
    /// `Date.now()` when the answer came.
    pub at_ms: f64,
    /// The form as sent.
    pub form: BTreeMap<String, String>,
    /// The answer, private key removed.
    pub completed: Completed,
}

impl HistoryEntry {
    /// The entry of a finished exchange: its answer with every private key removed.
    pub(super) fn new(
        op: OperationKind,
        site: SiteChoice,
        at_ms: f64,
        form: BTreeMap<String, String>,
        completed: Completed,
    ) -> Self {
        let body = without_private_key(&completed.response.body);
        HistoryEntry {
            id: completed.id,
            op,
            site,
            at_ms,
            form,
            completed: Completed {
                response: HttpResponse {
                    body,
                    ..completed.response
                },
                ..completed
            },
        }
    }
}

/// Adds `entry` first and forgets what is past [`HISTORY_LIMIT`].
pub(super) fn record(history: &mut Vec<HistoryEntry>, entry: HistoryEntry) {
    history.insert(0, entry);
    history.truncate(HISTORY_LIMIT);
}

/// A response body with every `privateKey` value removed, for history. A body that is not
/// JSON but holds a PEM private key is dropped whole.
pub fn without_private_key(body: &str) -> String {
    fn scrub(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(map) => {
                if map.contains_key("privateKey") {
                    map.insert(
                        "privateKey".into(),
                        serde_json::Value::String("(not kept in history)".into()),
                    );
                }
                map.values_mut().for_each(scrub);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(scrub),
            _ => {}
        }
    }
    match serde_json::from_str::<serde_json::Value>(body) {
        Ok(mut value) => {
            scrub(&mut value);
            if value.to_string().contains("PRIVATE KEY-----") {
                return String::new();
            }
            serde_json::to_string_pretty(&value).unwrap_or_default()
        }
        Err(_) if body.contains("PRIVATE KEY-----") => String::new(),
        Err(_) => body.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use certkit_core::operation::OperationKind::IssueEndCert;

    use super::*;
    use crate::state::test_support::{answer, receive, start, ISSUED};
    use crate::state::{reduce, Action, AppState, Page};

    fn type_ca_tag(s: &AppState, value: &str) -> AppState {
        reduce(
            s,
            Action::SetField {
                op: IssueEndCert,
                field: "caTag".into(),
                value: value.into(),
            },
        )
    }

    fn live_body(s: &AppState) -> Option<&str> {
        let success = s.exchange(IssueEndCert).last_success.as_ref();
        success.map(|c| c.response.body.as_str())
    }

    #[test]
    fn history_never_keeps_a_private_key_and_reopens() {
        let s = type_ca_tag(&AppState::default(), "ca-1");
        let s = start(&s, IssueEndCert, 7);
        // Typing while the request is in flight does not change what history records.
        let s = type_ca_tag(&s, "typed-later");
        let s = receive(&s, IssueEndCert, 7, answer(200, ISSUED), 1_200.0);
        assert_eq!(s.history.len(), 1);
        let kept = &s.history[0].completed.response.body;
        assert!(!kept.contains("PRIVATE KEY"), "{kept}");
        assert!(kept.contains("\"certificate\""));

        // Type something else, reopen from history: the entry shows apart, the received key
        // and the typed values stay; the form takes the entry's values only when asked.
        let s = type_ca_tag(&s, "other");
        let s = reduce(&s, Action::Navigate(Page::History));
        let s = reduce(&s, Action::ReopenHistory(7));
        assert_eq!(s.page, Page::IssueEndCert);
        assert_eq!(s.form(IssueEndCert).get("caTag"), "other");
        assert_eq!(live_body(&s), Some(ISSUED), "the received key stays");
        let reopened = s.exchange(IssueEndCert).reopened.as_ref();
        assert!(reopened
            .is_some_and(|e| e.id == 7 && !e.completed.response.body.contains("PRIVATE KEY")));
        let s = reduce(&s, Action::LoadReopenedForm(IssueEndCert));
        assert_eq!(s.form(IssueEndCert).get("caTag"), "ca-1");
        let s = reduce(&s, Action::CloseReopened(IssueEndCert));
        assert!(s.exchange(IssueEndCert).reopened.is_none());
        assert_eq!(live_body(&s), Some(ISSUED));
    }

    #[test]
    fn reopening_history_while_sending_keeps_the_answer_in_flight() {
        let s = start(&AppState::default(), IssueEndCert, 1);
        let s = receive(&s, IssueEndCert, 1, answer(200, ISSUED), 1_100.0);
        let s = start(&s, IssueEndCert, 2);
        let s = reduce(&s, Action::ReopenHistory(1));
        assert_eq!(s.exchange(IssueEndCert).sending(), Some(2));
        let s = receive(&s, IssueEndCert, 2, answer(200, ISSUED), 1_300.0);
        let ex = s.exchange(IssueEndCert);
        assert_eq!(ex.last_success.as_ref().map(|c| c.id), Some(2));
        assert_eq!(s.history.len(), 2);
    }

    #[test]
    fn history_keeps_the_latest_entries_only() {
        let mut s = AppState::default();
        for id in 0..(HISTORY_LIMIT as u32 + 5) {
            s = start(&s, IssueEndCert, id);
            s = receive(&s, IssueEndCert, id, answer(200, "{}"), 1_000.0);
        }
        assert_eq!(s.history.len(), HISTORY_LIMIT);
        assert_eq!(s.history[0].id, HISTORY_LIMIT as u32 + 4);
        let s = reduce(&s, Action::ClearHistory);
        assert!(s.history.is_empty());
    }

    #[test]
    fn private_keys_are_scrubbed_from_any_body() {
        assert_eq!(
            without_private_key("-----BEGIN EC PRIVATE KEY-----\nX\n-----END EC PRIVATE KEY-----"),
            ""
        );
        assert_eq!(without_private_key("not json"), "not json");
        let nested = r#"{"a":[{"privateKey":"secret"}]}"#;
        assert!(!without_private_key(nested).contains("secret"));
    }
}
