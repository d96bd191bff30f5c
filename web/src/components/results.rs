//! The latest successful result of an operation, rendered client-side.

use certkit_core::operation::OperationKind;
use yew::prelude::*;

use super::activate_sub_ca_result::ActivateSubCaResult;
use super::button::button;
use super::dispatch_on;
use super::help;
use super::history_page::{local_time, operation_name, outcome_text};
use super::issue_end_cert_result::IssueEndCertResult;
use super::kv;
use super::request_certificate_issuance_result::RequestCertificateIssuanceResult;
use super::text;
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
                OperationKind::IssueEndCert | OperationKind::SignEndCsr => {
                    html! { <IssueEndCertResult {op} {body} {id} /> }
                }
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
                { text::h2("earlier-title", Msg::EarlierTitle.text(lang)) }
                { help(Msg::EarlierHelp.text(lang)) }
                <IssueEndCertResult body={AttrValue::from(earlier.response.body.clone())} id={earlier.id}
                    id_prefix="earlier-" />
            </section>
        },
        _ => Html::default(),
    };
    // A reopened entry comes first: it is what the user just asked to see.
    html! {
        <>
            <Reopened op={op} />
            { live }
            { earlier }
        </>
    }
}

/// A history entry reopened on `op`'s page: read-only, apart from the live result (which may
/// hold a private key), with a button that copies its values into the form. Reopening moves
/// focus to it ([`crate::state::Focus::Reopened`]).
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
    let summary = entry.summary();
    let load = dispatch_on(&store, Action::LoadReopenedForm(op));
    let close = dispatch_on(&store, Action::CloseReopened(op));
    let response = &entry.completed.response;
    html! {
        <section class="panel reopened" id="reopened" aria-labelledby="reopened-title" tabindex="-1"
            data-id={entry.id.to_string()} data-key={entry.key.to_string()}>
            { text::h2("reopened-title", Msg::ReopenedTitle.text(lang)) }
            { help(Msg::ReopenedHelp.text(lang)) }
            <dl class="kv reopened-summary">
                { kv::row(Msg::When.text(lang), local_time(entry.at_ms, lang)) }
                { kv::row(Msg::Operation.text(lang), operation_name(&entry, lang)) }
                { kv::row(Msg::Site.text(lang), entry.site.id()) }
                if let Some(tag) = &summary.ca_tag {
                    { kv::wrap_code_row(Msg::HistoryCaTag.text(lang), tag.clone()) }
                }
                if let Some(name) = &summary.name {
                    <dt>{ Msg::HistoryName.text(lang) }</dt><dd><code class="wrap" id="reopened-name">{ name.clone() }</code></dd>
                }
                if let Some(serial) = &summary.serial {
                    <dt>{ Msg::HistorySerial.text(lang) }</dt><dd><code class="wrap" id="reopened-serial">{ serial.clone() }</code></dd>
                }
                <dt>{ Msg::Status.text(lang) }</dt><dd><strong data-status={response.status.to_string()}>{ response.status }</strong></dd>
                { kv::row(Msg::Outcome.text(lang), outcome_text(&summary, lang)) }
            </dl>
            { text::h3(Msg::ReopenedForm.text(lang)) }
            <dl class="kv">
                { for entry.form.iter().map(|(k, v)| html! { <><dt>{ k.clone() }</dt><dd>{ text::wrap_code(v.clone()) }</dd></> }) }
            </dl>
            <details class="raw">
                <summary>{ Msg::RawBody.text(lang) }</summary>
                <pre>{ without_private_key(&response.body) }</pre>
            </details>
            <p class="card-actions">
                { button("load-reopened", load, Msg::LoadIntoForm.text(lang)) }
                { button("close-reopened", close, Msg::CloseReopened.text(lang)) }
            </p>
        </section>
    }
}
