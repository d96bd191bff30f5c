//! The latest successful result of an operation, rendered client-side.

use yew::prelude::*;

use super::activate_result::ActivateResult;
use super::issuance_result::IssuanceResult;
use super::issue_result::IssueResult;
use super::use_store;
use crate::state::Op;

/// Props of [`Results`].
#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    /// Which operation.
    pub op: Op,
}

/// The result area of `op`: stays on screen after later failures and page switches.
#[function_component(Results)]
pub fn results(props: &ResultsProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let Some(success) = store.exchange(props.op).last_success.clone() else {
        return Html::default();
    };
    let body: AttrValue = success.response.body.clone().into();
    let id = success.id;
    match props.op {
        Op::IssueEndCert => html! { <IssueResult {body} {id} /> },
        Op::ActivateSubCa => html! { <ActivateResult {body} /> },
        Op::RequestIssuance => html! { <IssuanceResult {body} /> },
    }
}
