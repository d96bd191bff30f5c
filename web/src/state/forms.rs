//! The forms: what the user typed per operation, which fields were left, whether a send was
//! attempted.

use std::collections::{BTreeMap, BTreeSet};

use certkit_core::operation::OperationKind;

use super::PerOperation;

/// One form's values, keyed by the API field path (e.g. `x509Parameters.commonName`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormState {
    /// Field path -> typed text.
    pub values: BTreeMap<String, String>,
    /// Fields the user has left at least once: their errors show inline.
    pub touched: BTreeSet<String>,
    /// A send was attempted: every field's error shows.
    pub submitted: bool,
}

impl FormState {
    /// An empty form (what an operation the app does not offer reads as).
    pub const EMPTY: FormState = FormState {
        values: BTreeMap::new(),
        touched: BTreeSet::new(),
        submitted: false,
    };

    /// The value typed for `field`, or "".
    pub fn get(&self, field: &str) -> &str {
        self.values.get(field).map(String::as_str).unwrap_or("")
    }

    /// Whether the inline error of `field` should show now.
    pub fn shows_error(&self, field: &str) -> bool {
        self.submitted || self.touched.contains(field)
    }

    /// Sets several fields at once (a helper filled them in).
    pub(super) fn fill(&mut self, values: impl IntoIterator<Item = (&'static str, String)>) {
        for (field, value) in values {
            self.values.insert(field.to_string(), value);
        }
    }

    /// Replaces every value (a reopened history entry's), as a fresh form.
    pub(super) fn load(&mut self, values: &BTreeMap<String, String>) {
        *self = FormState {
            values: values.clone(),
            ..FormState::default()
        };
    }
}

/// The forms as the app opens: empty, but Request Certificate Issuance's validation method is
/// "D" (DNS validation), the one method NCP documents today.
pub(super) fn initial() -> PerOperation<FormState> {
    let mut forms = PerOperation::<FormState>::default();
    if let Some(issuance) = forms.get_mut(OperationKind::RequestCertificateIssuance) {
        issuance.fill([("validationMethod", "D".to_string())]);
    }
    forms
}

/// The forms' values as this tab stores them (sessionStorage), so that a reload keeps what was
/// typed: `{"IssueEndCert": {"caTag": "…"}, …}`. A value holding a PEM private key is never
/// stored (no form asks for one; a paste by mistake stays in memory only).
pub fn saved_forms(state: &super::AppState) -> String {
    let forms: serde_json::Map<String, serde_json::Value> = super::APP_OPERATIONS
        .into_iter()
        .map(|op| {
            let values = state.form(op).values.iter().filter_map(|(field, value)| {
                let keep = !super::holds_private_key(value);
                keep.then(|| (field.clone(), serde_json::Value::String(value.clone())))
            });
            (super::dom_name(op), values.collect())
        })
        .collect();
    serde_json::Value::Object(forms).to_string()
}

/// The forms [`saved_forms`] stored; anything unreadable is skipped.
pub fn read_saved_forms(text: &str) -> Vec<(OperationKind, BTreeMap<String, String>)> {
    let Ok(serde_json::Value::Object(forms)) = serde_json::from_str(text) else {
        return Vec::new();
    };
    super::APP_OPERATIONS
        .into_iter()
        .filter_map(|op| {
            let serde_json::Value::Object(values) = forms.get(&super::dom_name(op))? else {
                return None;
            };
            let values = values
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect();
            Some((op, values))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use certkit_core::operation::OperationKind::{
        ActivateSubCa, IssueEndCert, RequestCertificateIssuance,
    };

    use crate::state::{reduce, Action, AppState, Page};

    #[test]
    fn typing_keeps_values_per_form_across_pages() {
        let s = AppState::default();
        let s = reduce(
            &s,
            Action::SetField {
                op: IssueEndCert,
                field: "x509Parameters.commonName".into(),
                value: "api.internal".into(),
            },
        );
        let s = reduce(&s, Action::Navigate(Page::Inspect));
        let s = reduce(&s, Action::Navigate(Page::IssueEndCert));
        assert_eq!(
            s.form(IssueEndCert).get("x509Parameters.commonName"),
            "api.internal"
        );
        assert_eq!(s.form(ActivateSubCa).get("x509Parameters.commonName"), "");
        assert_eq!(
            s.form(RequestCertificateIssuance).get("validationMethod"),
            "D"
        );
    }

    #[test]
    fn an_operation_the_app_does_not_offer_has_no_form() {
        use certkit_core::operation::OperationKind::GetCaList;
        let s = reduce(
            &AppState::default(),
            Action::SetField {
                op: GetCaList,
                field: "pageNo".into(),
                value: "2".into(),
            },
        );
        assert_eq!(s, AppState::default());
        assert_eq!(s.form(GetCaList).get("pageNo"), "");
    }

    #[test]
    fn errors_show_after_touch_or_submit_only() {
        let s = AppState::default();
        assert!(!s.form(IssueEndCert).shows_error("caTag"));
        let s = reduce(
            &s,
            Action::Touch {
                op: IssueEndCert,
                field: "caTag".into(),
            },
        );
        assert!(s.form(IssueEndCert).shows_error("caTag"));
        assert!(!s.form(IssueEndCert).shows_error("period"));
        let s = reduce(&s, Action::SubmitAttempted(IssueEndCert));
        assert!(s.form(IssueEndCert).shows_error("period"));
        assert!(!s.form(ActivateSubCa).shows_error("caTag"));
    }

    #[test]
    fn sandbox_helper_fills_the_activate_form() {
        let s = reduce(
            &AppState::default(),
            Action::SandboxHelperDone {
                ca_tag: "sub-1".into(),
                cert_pem: "CERT".into(),
                ca_chain_pem: "CHAIN".into(),
            },
        );
        let form = s.form(ActivateSubCa);
        assert_eq!(
            (
                form.get("caTag"),
                form.get("certPem"),
                form.get("caChainPem")
            ),
            ("sub-1", "CERT", "CHAIN")
        );
    }

    #[test]
    fn saved_forms_come_back_and_never_hold_a_private_key() {
        use crate::state::{read_saved_forms, saved_forms};
        let typed = [
            (IssueEndCert, "x509Parameters.commonName", "www.example.com"),
            (
                ActivateSubCa,
                "certPem",
                "-----BEGIN CERTIFICATE-----\nAA\n-----END CERTIFICATE-----",
            ),
            (
                ActivateSubCa,
                "caChainPem",
                "-----BEGIN PRIVATE KEY-----\nAA\n-----END PRIVATE KEY-----",
            ),
        ];
        let s = typed
            .iter()
            .fold(AppState::default(), |s, (op, field, value)| {
                reduce(
                    &s,
                    Action::SetField {
                        op: *op,
                        field: field.to_string(),
                        value: value.to_string(),
                    },
                )
            });
        let saved = saved_forms(&s);
        assert!(!saved.contains("PRIVATE KEY"), "{saved}");
        let restored = reduce(
            &AppState::default(),
            Action::RestoreForms(read_saved_forms(&saved)),
        );
        let issue = restored.form(IssueEndCert);
        assert_eq!(issue.get("x509Parameters.commonName"), "www.example.com");
        assert!(!issue.submitted && issue.touched.is_empty());
        let activate = restored.form(ActivateSubCa);
        assert!(activate
            .get("certPem")
            .starts_with("-----BEGIN CERTIFICATE-----"));
        assert_eq!(activate.get("caChainPem"), "");
        // The issuance form keeps its method.
        assert_eq!(
            restored
                .form(RequestCertificateIssuance)
                .get("validationMethod"),
            "D"
        );
        // Anything unreadable restores nothing.
        assert!(read_saved_forms("not json").is_empty());
        assert!(read_saved_forms(r#"{"IssueEndCert": 3}"#).is_empty());
    }
}
