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
}
