//! Why a helper (CA picker, DNS records, sandbox buttons) has nothing to show: certkit-core's
//! classified failure with what to do, a refusal before sending, or no answer.

use yew::prelude::*;

use super::text;
use super::use_store;
use crate::i18n::{failure_hint, failure_title, ncp_code_text, problem_text, Msg};
use crate::send::network_text;
use crate::state::HelperError;
use crate::state::Refusal;

/// Props of [`HelperErrorNotice`].
#[derive(Properties, PartialEq)]
pub struct HelperErrorNoticeProps {
    /// What failed, e.g. "Could not list the CAs".
    pub lead: Msg,
    /// Why.
    pub error: HelperError,
}

/// A helper's failure, translated.
#[function_component(HelperErrorNotice)]
pub fn helper_error_notice(props: &HelperErrorNoticeProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let (outcome, details) = match &props.error {
        HelperError::Failed(failure) => {
            let kind = failure.kind.as_str();
            (
                kind,
                html! { <>
                    <p class="failure-title">{ failure_title(lang, failure.kind) }
                        if let Some(code) = &failure.code { { " · " }<code class="code">{ ncp_code_text(lang, code) }</code> }
                    </p>
                    <p class="failure-message">{ failure.message.clone() }</p>
                    <p><strong>{ Msg::WhatToDo.text(lang) }{ ": " }</strong>{ failure_hint(lang, failure.kind, &failure.hint) }</p>
                </> },
            )
        }
        HelperError::Refused(refusal) => {
            let reasons: Vec<String> = match refusal {
                Refusal::KeysMissing => vec![Msg::KeysMissing.text(lang).to_string()],
                Refusal::NotOffered(e) => vec![format!("{}: {e}", Msg::NotOffered.text(lang))],
                Refusal::Invalid(problems) => problems
                    .iter()
                    .map(|p| {
                        let text = problem_text(lang, p.code, &p.message);
                        format!("{}: {text}", p.field)
                    })
                    .collect(),
            };
            (
                "refused",
                html! { <ul>{ for reasons.into_iter().map(text::li) }</ul> },
            )
        }
        HelperError::Network(detail) => ("network", text::para(network_text(lang, detail))),
        HelperError::CertificateNotListed(name) => (
            "notListed",
            html! { <p>{ Msg::CertificateNotListed.text(lang) }{ " " }{ text::code(name.clone()) }</p> },
        ),
        HelperError::Demo(detail) => (
            "demo",
            html! { <p>{ Msg::SandboxDemoFailed.text(lang) }{ ": " }{ detail.clone() }</p> },
        ),
    };
    html! {
        <div class="notice error helper-error" role="alert" data-outcome={outcome}>
            { text::para(text::strong(props.lead.text(lang))) }
            { details }
        </div>
    }
}

/// `<HelperErrorNotice {lead} {error} />`, built here once rather than at each of its many call
/// sites, where `html!` builds the props and the component node inline (wasm size).
#[inline(never)]
pub fn notice(lead: Msg, error: HelperError) -> Html {
    html! { <HelperErrorNotice {lead} {error} /> }
}
