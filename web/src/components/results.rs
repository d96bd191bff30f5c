//! The latest successful result of an operation, rendered client-side.

use certkit_core::operation::OperationKind;
use yew::prelude::*;

use super::activate_sub_ca_result::ActivateSubCaResult;
use super::issue_end_cert_result::IssueEndCertResult;
use super::request_certificate_issuance_result::RequestCertificateIssuanceResult;
use super::use_store;
use crate::i18n::Msg;
use crate::state::{without_private_key, Action};

/// Props of [`Results`].
#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    /// Which operation.
    pub op: OperationKind,
}

/// The result area of `op`: stays on screen after later failures and page switches.
#[function_component(Results)]
pub fn results(props: &ResultsProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let op = props.op;
    let live = match store.exchange(op).last_success.clone() {
        None => Html::default(),
        Some(success) => {
            let body: AttrValue = success.response.body.clone().into();
            let id = success.id;
            match op {
                OperationKind::IssueEndCert => html! { <IssueEndCertResult {body} {id} /> },
                OperationKind::ActivateSubCa => html! { <ActivateSubCaResult {body} /> },
                OperationKind::RequestCertificateIssuance => {
                    html! { <RequestCertificateIssuanceResult {body} /> }
                }
                _ => Html::default(),
            }
        }
    };
    let lang = store.lang;
    // An earlier request's success, kept only for the private key it holds.
    let earlier = match (op, store.exchange(op).earlier.clone()) {
        (OperationKind::IssueEndCert, Some(earlier)) => html! {
            <section class="panel earlier" id="earlier-result" aria-labelledby="earlier-title">
                <h2 id="earlier-title">{ Msg::EarlierTitle.text(lang) }</h2>
                <p class="help">{ Msg::EarlierHelp.text(lang) }</p>
                <IssueEndCertResult body={AttrValue::from(earlier.response.body.clone())} id={earlier.id}
                    id_prefix="earlier-" />
            </section>
        },
        _ => Html::default(),
    };
    html! {
        <>
            { live }
            { earlier }
            <Reopened op={op} />
        </>
    }
}

/// A history entry reopened on `op`'s page: read-only, apart from the live result (which may
/// hold a private key), with a button that copies its values into the form.
#[function_component(Reopened)]
fn reopened(props: &ResultsProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let op = props.op;
    let lang = store.lang;
    let Some(entry) = store.exchange(op).reopened.clone() else {
        return Html::default();
    };
    let load = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::LoadReopenedForm(op)))
    };
    let close = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::CloseReopened(op)))
    };
    let response = &entry.completed.response;
    html! {
        <section class="panel reopened" id="reopened" aria-labelledby="reopened-title"
            data-id={entry.id.to_string()}>
            <h2 id="reopened-title">{ Msg::ReopenedTitle.text(lang) }</h2>
            <p class="help">{ Msg::ReopenedHelp.text(lang) }</p>
            <p>{ Msg::Status.text(lang) }{ ": " }<strong data-status={response.status.to_string()}>{ response.status }</strong></p>
            <dl class="kv">
                { for entry.form.iter().map(|(k, v)| html! { <><dt>{ k.clone() }</dt><dd><code class="wrap">{ v.clone() }</code></dd></> }) }
            </dl>
            <details class="raw">
                <summary>{ Msg::RawBody.text(lang) }</summary>
                <pre>{ without_private_key(&response.body) }</pre>
            </details>
            <p class="card-actions">
                <button type="button" id="load-reopened" onclick={load}>{ Msg::LoadIntoForm.text(lang) }</button>
                <button type="button" id="close-reopened" onclick={close}>{ Msg::CloseReopened.text(lang) }</button>
            </p>
        </section>
    }
}
