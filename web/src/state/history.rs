//! History: this tab's past requests, newest first, never with a private key. Kept in
//! sessionStorage as JSON ([`to_json`], [`from_json`]) so it survives a reload of the tab; the
//! same JSON is what "Export" downloads.

use std::collections::BTreeMap;

use certkit_core::operation::OperationKind;
use certkit_core::response::{parse_response, ResponseData};
use certkit_core::FailureKind;

use super::{Completed, HttpResponse, SiteChoice};

/// How many past requests the History page keeps.
pub const HISTORY_LIMIT: usize = 30;

/// A past request of this tab. Never holds a private key (nor the secret key, which no request
/// or answer carries).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct HistoryEntry {
    /// The entry's own number, unique in the history (request ids restart at 1 after a reload,
    /// so a restored entry and a new one can share an id: Reopen goes by this key).
    #[serde(default)]
    pub key: u32,
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
            key: 0,
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

/// What a history row says about an entry, read from its form and answer by certkit-core
/// (the answer's model) and certkit-x509 (the certificates in it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// The CA's tag (Private CA operations).
    pub ca_tag: Option<String>,
    /// The certificate's CN (Private CA), or the certificate name (Certificate Manager).
    pub name: Option<String>,
    /// The serial number (Private CA) or the request serial (`requestSn`).
    pub serial: Option<String>,
    /// Success, or the kind of failure.
    pub outcome: Result<(), FailureKind>,
}

/// `Some` for a non-blank value.
fn filled(value: &str) -> Option<String> {
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

/// The CN and serial number of the first certificate in `pem`.
fn certificate_names(pem: &str) -> (Option<String>, Option<String>) {
    match crate::pem::first_certificate(pem, 0) {
        Ok(info) => (
            crate::pem::common_name(&info.subject_attributes).and_then(filled),
            filled(&info.serial_number),
        ),
        Err(_) => (None, None),
    }
}

impl HistoryEntry {
    /// The row's summary: the answer's values where it has them, else the form's.
    pub fn summary(&self) -> Summary {
        let form = |key: &str| self.form.get(key).and_then(|v| filled(v));
        let response = &self.completed.response;
        let answer = parse_response(self.op, response.status, &response.body);
        let (name, serial) = match &answer {
            Ok(ResponseData::IssueEndCert(data)) => {
                // NCP's serialNo is the one its console and API use; the certificate's own
                // serial stands in when the answer lacks it.
                let (cn, serial) = certificate_names(&data.certificate);
                (cn, filled(&data.serial_no).or(serial))
            }
            Ok(ResponseData::RequestCertificateIssuance(data)) => {
                (filled(&data.certificate_name), filled(&data.request_sn))
            }
            // Sign End Csr (issue with my own key): as Issue End Cert, without a key.
            Ok(ResponseData::SignedCertificate(data)) => {
                let (cn, serial) = certificate_names(&data.certificate);
                (cn, filled(&data.serial_no).or(serial))
            }
            // Activate Sub CA answers with no serial: the certificate sent holds both.
            _ if self.op == OperationKind::ActivateSubCa => {
                certificate_names(self.form.get("certPem").map_or("", String::as_str))
            }
            _ => (None, None),
        };
        let name = name.or_else(|| match self.op {
            OperationKind::RequestCertificateIssuance => form("certificateName"),
            _ => form("x509Parameters.commonName"),
        });
        Summary {
            ca_tag: form("caTag"),
            name,
            serial,
            outcome: answer.map(|_| ()).map_err(|f| f.kind),
        }
    }
}

/// Adds `entry` first, with a key no other entry has, and forgets what is past
/// [`HISTORY_LIMIT`].
pub(super) fn record(history: &mut Vec<HistoryEntry>, mut entry: HistoryEntry) {
    entry.key = history
        .iter()
        .map(|e| e.key)
        .max()
        .unwrap_or(0)
        .wrapping_add(1);
    history.insert(0, entry);
    history.truncate(HISTORY_LIMIT);
}

/// History restored from sessionStorage at start, unless something was recorded meanwhile
/// (then the tab's live history wins). Keys are made unique again, newest highest.
pub(super) fn restore(history: &mut Vec<HistoryEntry>, restored: Vec<HistoryEntry>) {
    if !history.is_empty() {
        return;
    }
    let count = restored.len().min(HISTORY_LIMIT);
    *history = restored.into_iter().take(HISTORY_LIMIT).collect();
    for (entry, key) in history.iter_mut().zip((1..=count as u32).rev()) {
        entry.key = key;
    }
}

/// The history as JSON, for sessionStorage and for "Export". Bodies are scrubbed again on the
/// way out, so nothing that holds a private key is ever written.
pub fn to_json(history: &[HistoryEntry]) -> String {
    let scrubbed: Vec<HistoryEntry> = history.iter().cloned().map(scrubbed).collect();
    serde_json::to_string_pretty(&scrubbed).unwrap_or_default()
}

/// History from [`to_json`]'s JSON; anything unreadable (another version, a damaged entry)
/// reads as no history rather than an error. Scrubbed again on the way in.
pub fn from_json(text: &str) -> Vec<HistoryEntry> {
    serde_json::from_str::<Vec<HistoryEntry>>(text)
        .map(|entries| entries.into_iter().map(scrubbed).collect())
        .unwrap_or_default()
}

/// `entry` with its answer's private key removed.
fn scrubbed(mut entry: HistoryEntry) -> HistoryEntry {
    entry.completed.response.body = without_private_key(&entry.completed.response.body);
    entry
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
        let s = reduce(&s, Action::ReopenHistory(s.history[0].key));
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
        let s = reduce(&s, Action::ReopenHistory(s.history[0].key));
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

    /// Issue End Cert with caTag `tag` sent as request `id`, answered with `body`.
    fn issued(s: &AppState, tag: &str, id: u32, status: u16, body: &str) -> AppState {
        let s = type_ca_tag(s, tag);
        let s = start(&s, IssueEndCert, id);
        receive(
            &s,
            IssueEndCert,
            id,
            answer(status, body),
            2_000.0 + f64::from(id),
        )
    }

    fn reopened_tag(s: &AppState) -> Option<String> {
        let reopened = s.exchange(IssueEndCert).reopened.as_ref();
        reopened.and_then(|e| e.form.get("caTag").cloned())
    }

    #[test]
    fn reopen_restores_exactly_the_row_clicked() {
        let s = issued(&AppState::default(), "ca-old", 1, 200, ISSUED);
        let s = issued(&s, "ca-new", 2, 200, ISSUED);
        assert_eq!(s.history.len(), 2);
        let older = s.history[1].key;
        let s = reduce(&s, Action::FocusTaken);
        let s = reduce(&s, Action::ReopenHistory(older));
        assert_eq!(reopened_tag(&s).as_deref(), Some("ca-old"));
        assert_eq!(
            s.focus,
            Some(crate::state::Focus::Reopened),
            "the panel takes focus"
        );
        let newer = s.history[0].key;
        let s = reduce(&s, Action::ReopenHistory(newer));
        assert_eq!(reopened_tag(&s).as_deref(), Some("ca-new"));
    }

    #[test]
    fn a_restored_history_reopens_like_a_live_one() {
        let s = issued(&AppState::default(), "ca-old", 1, 200, ISSUED);
        let s = issued(&s, "ca-new", 2, 200, ISSUED);
        let stored = to_json(&s.history);

        // A reload: request ids start at 1 again, so a new request shares id 1 with a stored one.
        let s = reduce(
            &AppState::default(),
            Action::RestoreHistory(from_json(&stored)),
        );
        assert_eq!(s.history.len(), 2);
        let s = issued(&s, "ca-after-reload", 1, 200, ISSUED);
        let keys: Vec<u32> = s.history.iter().map(|e| e.key).collect();
        assert_eq!(keys, [3, 2, 1], "keys stay unique and newest first");
        let tags: Vec<String> = (0..3)
            .filter_map(|i| {
                let s = reduce(&s, Action::ReopenHistory(s.history[i].key));
                reopened_tag(&s)
            })
            .collect();
        assert_eq!(tags, ["ca-after-reload", "ca-new", "ca-old"]);
    }

    #[test]
    fn restoring_never_replaces_what_this_page_recorded() {
        let live = issued(&AppState::default(), "live", 1, 200, ISSUED);
        let older = issued(&AppState::default(), "stored", 1, 200, ISSUED);
        let s = reduce(&live, Action::RestoreHistory(older.history.clone()));
        assert_eq!(s.history, live.history);
    }

    #[test]
    fn stored_history_holds_no_private_key_and_no_secret() {
        let secret = "s3cr3t-VALUE-xyz";
        let s = reduce(&AppState::default(), Action::SetSecretKey(secret.into()));
        let s = issued(&s, "ca-1", 1, 200, ISSUED);
        let json = to_json(&s.history);
        assert!(!json.contains("PRIVATE KEY"), "{json}");
        assert!(!json.contains(secret));
        assert!(json.contains("\"caTag\": \"ca-1\""), "{json}");
        // The round trip is exact.
        assert_eq!(from_json(&json), s.history);
        // A key put into storage by other means is scrubbed on the way in.
        let tampered = json.replace("(not kept in history)", "-----BEGIN PRIVATE KEY-----");
        assert!(tampered.contains("BEGIN PRIVATE KEY"));
        let restored = from_json(&tampered);
        assert_eq!(restored.len(), 1);
        assert!(!to_json(&restored).contains("BEGIN PRIVATE KEY"));
        assert!(from_json("not json").is_empty());
        assert!(from_json(r#"[{"key":1}]"#).is_empty(), "a damaged entry");
    }

    #[test]
    fn sites_serialise_as_their_ids() {
        for site in SiteChoice::ALL {
            let json = serde_json::to_string(&site).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", site.id()));
        }
    }

    // A leaf made with openssl by crates/x509/tests/fixtures/make.sh.
    const LEAF: &str = include_str!("../../../crates/x509/tests/fixtures/leaf-p256.pem");

    #[test]
    fn rows_name_the_ca_the_certificate_and_its_serial() {
        let info = crate::pem::first_certificate(LEAF, 0);
        let info = info.expect("the fixture reads");
        let cn = crate::pem::common_name(&info.subject_attributes).map(str::to_string);
        let body = serde_json::json!({
            "code": "SUCCESS",
            "data": {"privateKey": "", "certificate": LEAF, "serialNo": "from-the-answer",
                     "caChain": [], "ocspResponder": "", "issuer": ""}
        })
        .to_string();
        let s = issued(&AppState::default(), "ca-7", 1, 200, &body);
        let summary = s.history[0].summary();
        assert_eq!(summary.ca_tag.as_deref(), Some("ca-7"));
        assert!(cn.is_some());
        assert_eq!(summary.name, cn, "the CN of the certificate received");
        assert_eq!(summary.serial.as_deref(), Some("from-the-answer"));
        assert_eq!(summary.outcome, Ok(()));

        // A refusal still names what was asked for, and says why it failed.
        let s = type_ca_tag(&s, "ca-8");
        let s = reduce(
            &s,
            Action::SetField {
                op: IssueEndCert,
                field: "x509Parameters.commonName".into(),
                value: "asked.example".into(),
            },
        );
        let s = issued(
            &s,
            "ca-8",
            2,
            401,
            r#"{"error":{"errorCode":"200","message":"x"}}"#,
        );
        let summary = s.history[0].summary();
        assert_eq!(summary.name.as_deref(), Some("asked.example"));
        assert_eq!(summary.serial, None);
        assert!(summary.outcome.is_err());
    }

    #[test]
    fn certificate_manager_rows_show_the_name_and_request_serial() {
        use certkit_core::operation::OperationKind::RequestCertificateIssuance as Rci;
        let s = reduce(
            &AppState::default(),
            Action::SetField {
                op: Rci,
                field: "certificateName".into(),
                value: "typed-name".into(),
            },
        );
        let s = start(&s, Rci, 1);
        let body = r#"{"returnCode":"0","returnMessage":"success","totalRows":1,"certificateName":"site-cert","commonName":"example.com","dnsName":[],"validationMethod":"D","requestSn":"RSN-42"}"#;
        let s = receive(&s, Rci, 1, answer(200, body), 3_000.0);
        let summary = s.history[0].summary();
        assert_eq!(summary.name.as_deref(), Some("site-cert"));
        assert_eq!(summary.serial.as_deref(), Some("RSN-42"));
        assert_eq!(summary.ca_tag, None);
    }
}
