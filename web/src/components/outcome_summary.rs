//! The one line under Send that says how the request ended: ✓ what was made (with the main
//! downloads), or the failure and what to do. It takes focus when a send ends, so the outcome
//! is in view at once, whatever the page's length.

use std::rc::Rc;

use certkit_core::operation::OperationKind;
use certkit_core::response::{parse_response, ResponseData};
use certkit_x509::SignatureCheck;
use yew::prelude::*;

use super::download_button::DownloadButton;
use super::response_panel::failure_advice;
use super::text;
use super::{answered, checking_signatures, use_store, Store};
use crate::browser;
use crate::i18n::{failure_title, ncp_code_text, Msg};
use crate::pem;
use crate::state::{dom_name, holds_private_key, Completed, Phase};

/// Props of [`OutcomeSummary`].
#[derive(Properties, PartialEq)]
pub struct OutcomeSummaryProps {
    /// Which operation.
    pub op: OperationKind,
}

/// A link that brings the details below into view.
fn details_link(target: String, label: &'static str) -> Html {
    let href = format!("#{target}");
    let onclick = Callback::from(move |e: MouseEvent| {
        e.prevent_default();
        browser::focus_and_reveal(&target);
    });
    html! { <a class="details-link" {href} {onclick}>{ label }{ " ↓" }</a> }
}

/// The files the outcome line offers: the certificate, its key and the full chain.
fn is_main_file(name: &str) -> bool {
    name.ends_with(".crt") || name.ends_with(".key") || name == "fullchain.pem"
}

/// The summary of an answer: what a success made (an issued certificate with its main files),
/// or a failure's title and what to do. `None` while the signatures that order the full chain
/// are being checked: the line then shows whole, files included, a moment later.
fn outcome_line(store: &Store, op: OperationKind, completed: &Completed) -> Option<Html> {
    let lang = store.lang;
    let body = &completed.response.body;
    let details = |target: &str| details_link(target.to_string(), Msg::SeeDetails.text(lang));
    let answer = parse_response(op, completed.response.status, body).map(|data| match data {
        // Sign End Csr's certificate reads as Issue End Cert's; its key is the one made in the
        // page, if it is still there.
        ResponseData::SignedCertificate(signed) if op == OperationKind::SignEndCsr => {
            ResponseData::IssueEndCert(Box::new(crate::state::own_key::as_issued(
                *signed,
                &store.own_key,
            )))
        }
        other => other,
    });
    match answer {
        Ok(ResponseData::IssueEndCert(data)) => {
            let now = (browser::now_ms() / 1000.0) as i64;
            let cn = pem::first_certificate(&data.certificate, now)
                .ok()
                .and_then(|c| pem::common_name(&c.subject_attributes).map(str::to_string))
                .unwrap_or_default();
            let key = if holds_private_key(data.private_key.expose()) {
                data.private_key.expose()
            } else {
                ""
            };
            let verdict = |check: &SignatureCheck| store.verdicts.get(check);
            let files = answered(
                store,
                pem::downloads(
                    &pem::file_stem(&cn),
                    &data.certificate,
                    key,
                    &data.ca_chain,
                    &verdict,
                ),
            )?;
            Some(html! {
                <>
                    <p><strong>{ "✓ " }{ Msg::IssuedSummary.text(lang) }</strong>{ " " }
                        <code>{ format!("CN={cn}") }</code>{ " · " }{ Msg::Serial.text(lang) }{ " " }{ text::wrap_code(data.serial_no.clone()) }</p>
                    <p class="card-actions">
                        // The certificate, its key and the full chain: what a server needs.
                        { for files.files.into_iter().filter(|(name, ..)| is_main_file(name)).map(|(name, mime, bytes)| html! {
                            <DownloadButton name={name} mime={mime} bytes={Rc::new(bytes)} />
                        }) }
                        { details("issue-results") }
                    </p>
                </>
            })
        }
        Ok(ResponseData::ActivateSubCa(data)) => Some(html! {
            <p><strong>{ "✓ " }{ Msg::ActivatedSummary.text(lang) }</strong>{ " " }
                { text::code(data.ca_info.ca_tag.clone()) }{ format!(" · {} ", data.ca_info.status) }
                { details("activate-results") }</p>
        }),
        Ok(ResponseData::RequestCertificateIssuance(data)) => Some(html! {
            <p><strong>{ "✓ " }{ Msg::RequestedSummary.text(lang) }</strong>{ " " }
                { text::code(data.certificate_name.clone()) }{ " · requestSn " }{ text::code(data.request_sn.clone()) }
                { " · " }{ Msg::RequestedNext.text(lang) }{ " " }
                { details("issuance-results") }</p>
        }),
        Ok(_) => Some(html! { <p><strong>{ "✓ " }{ Msg::Success.text(lang) }</strong></p> }),
        Err(failure) => {
            let advice = failure_advice(store, op, &failure);
            Some(html! {
                <>
                    <p><strong>{ "✗ " }{ failure_title(lang, failure.kind) }</strong>
                        if let Some(code) = &failure.code { { " · " }<code class="code">{ ncp_code_text(lang, code) }</code> }
                    </p>
                    <p><strong>{ Msg::WhatToDo.text(lang) }{ ": " }</strong>{ advice }{ " " }
                        { details(&format!("{}-response", dom_name(op))) }</p>
                </>
            })
        }
    }
}

/// The outcome line of `op`, empty while nothing ended.
#[function_component(OutcomeSummary)]
pub fn outcome_summary(props: &OutcomeSummaryProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let op = props.op;
    let lang = store.lang;
    let exchange = store.exchange(op);
    let (class, line) = match (&exchange.phase, &exchange.last) {
        (Phase::Sending { .. }, _) | (Phase::Idle, None) => ("", Html::default()),
        (Phase::NetworkError { message, .. }, _) => (
            "failed",
            html! { <p><strong>{ "✗ " }{ Msg::NetworkError.text(lang) }</strong>{ format!(": {message}") }</p> },
        ),
        (Phase::Cancelled { .. }, _) => ("cancelled", text::para(Msg::Cancelled.text(lang))),
        (Phase::Idle, Some(completed)) => {
            let class = if completed.response.is_success() {
                "ok"
            } else {
                "failed"
            };
            match outcome_line(&store, op, completed) {
                Some(line) => (class, line),
                None => ("", checking_signatures(lang)),
            }
        }
    };
    html! {
        <div id={format!("{}-outcome", dom_name(op))} class={classes!("outcome-summary", class)}
            tabindex="-1" role="status" aria-live="polite">
            { line }
        </div>
    }
}
