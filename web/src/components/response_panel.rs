//! The response panel: HTTP status, certkit-core's classification of the outcome, and what to
//! do, including the measured clock offset and a one-click re-sign on auth failures.

use certkit_core::clock::skew_rejected;
use certkit_core::operation::OperationKind;
use certkit_core::response::{parse_response, Failure, FailureKind};
use yew::prelude::*;

use super::nav::page_title;
use super::text;
use super::use_store;
use crate::i18n::{ca_status_text, failure_hint, failure_title, ncp_code_text, skew_text, Msg};
use crate::send;
use crate::state::{dom_name, Action, AppState, Load, Page, Phase};

/// What to do about `failure` of `op`: certkit-core's hint, or, where the CA's status is the
/// cause and the CA list says what it is, that status and the one the operation needs (the
/// message alone may say the CA *is* ACTIVE while the classification reads "not active").
pub fn failure_advice(state: &AppState, op: OperationKind, failure: &Failure) -> String {
    let lang = state.lang;
    if failure.kind == FailureKind::CaNotActive {
        let listed = send::listed_ca_status(state, op);
        if let (Some(needed), Some((tag, status))) = (send::needed_ca_status(op), listed) {
            let name = Page::of(op).map_or(op.as_str(), |page| page_title(page).text(lang));
            return ca_status_text(lang, name, &tag, &status, needed);
        }
    }
    failure_hint(lang, failure.kind, &failure.hint)
}

/// Whether `op`'s latest answer is a CA-status refusal the CA list has not explained yet.
fn wants_ca_status(state: &AppState, op: OperationKind) -> bool {
    let last = state.exchange(op).last.as_ref();
    let refused = last.is_some_and(|c| {
        parse_response(op, c.response.status, &c.response.body)
            .is_err_and(|f| f.kind == FailureKind::CaNotActive)
    });
    refused && send::needed_ca_status(op).is_some() && state.loads.ca_list == Load::Idle
}

/// Props of [`ResponsePanel`].
#[derive(Properties, PartialEq)]
pub struct ResponsePanelProps {
    /// Which operation.
    pub op: OperationKind,
}

/// The latest outcome of `op`.
#[function_component(ResponsePanel)]
pub fn response_panel(props: &ResponsePanelProps) -> Html {
    let store = use_store();
    // A CA-status refusal: read the CA list once, so the advice can name the CA's status.
    let wants_status = store.as_ref().is_some_and(|s| wants_ca_status(s, props.op));
    {
        let store = store.clone();
        use_effect_with(wants_status, move |wants| {
            if let (true, Some(store)) = (*wants, store) {
                send::load_ca_list(&store, store.dispatcher());
            }
        });
    }
    let Some(store) = store else {
        return Html::default();
    };
    let op = props.op;
    let lang = store.lang;
    let exchange = store.exchange(op);
    let phase_note = match &exchange.phase {
        Phase::NetworkError { message, .. } => html! {
            <div class="notice error" role="alert" id="network-error">
                <p>{ text::strong(Msg::NetworkError.text(lang)) }{ format!(": {message}") }</p>
            </div>
        },
        Phase::Cancelled { .. } => html! {
            <div class="notice" role="status" id="cancelled">{ text::para(Msg::Cancelled.text(lang)) }</div>
        },
        _ => Html::default(),
    };
    let Some(last) = &exchange.last else {
        return phase_note;
    };
    let status = last.response.status;
    let outcome = parse_response(op, status, &last.response.body);
    let body = match outcome {
        Ok(_) => html! {
            <p class="outcome ok" data-outcome="success">{ "✓ " }{ Msg::Success.text(lang) }</p>
        },
        Err(failure) => {
            let kind = failure.kind.as_str();
            let skew = last.clock_skew_ms;
            let auth = failure.kind == FailureKind::AuthFailed;
            let sending = exchange.sending().is_some();
            // Re-signing helps only when the clocks disagree beyond what NCP accepts, and never
            // while a request is in flight (it would send twice).
            let resign = skew
                .filter(|skew| auth && !sending && skew_rejected(*skew))
                .map(|skew| {
                    let store = store.clone();
                    Callback::from(move |_| {
                        let mut corrected = AppState::clone(&store);
                        corrected.clock_offset_ms = skew;
                        store.dispatch(Action::SetClockOffset(skew));
                        send::send(&corrected, op, store.dispatcher(), true);
                    })
                });
            let advice = failure_advice(&store, op, &failure);
            html! {
                <div class="outcome failed" data-outcome={kind.to_string()}>
                    <p class="failure-title">{ text::strong(failure_title(lang, failure.kind)) }
                        if let Some(code) = &failure.code { { " · " }<code class="code">{ ncp_code_text(lang, code) }</code> }
                    </p>
                    <p class="failure-message">{ failure.message.clone() }</p>
                    <div class="guidance" id="guidance">
                        <p><strong>{ Msg::WhatToDo.text(lang) }{ ": " }</strong>{ advice }</p>
                        if auth {
                            if let Some(skew) = skew {
                                <p id="clock-offset" data-skew-ms={skew.to_string()}>
                                    { Msg::MeasuredOffset.text(lang) }{ ": " }
                                    <strong>{ format!("{} s", crate::decimal::fixed(skew as f64 / 1000.0, 0, true)) }</strong>
                                    { " — " }{ skew_text(lang, skew) }{ " " }
                                    { if skew_rejected(skew) { Msg::ClockTooFar.text(lang) } else { Msg::ClockFine.text(lang) } }
                                </p>
                            }
                            if let Some(onclick) = resign {
                                <button type="button" class="primary" id="resign" {onclick}>{ Msg::Resign.text(lang) }</button>
                            }
                        }
                        if kind == "subAccountForbidden" {
                            { text::para(Msg::SubAccountForbidden.text(lang)) }
                        }
                    </div>
                </div>
            }
        }
    };
    html! {
        <section class="panel response" aria-labelledby={format!("{}-response", dom_name(op))} aria-live="polite">
            { phase_note }
            <h2 id={format!("{}-response", dom_name(op))}>{ Msg::ResponseTitle.text(lang) }</h2>
            <p class="status-line">
                { Msg::Status.text(lang) }{ ": " }
                <strong class={classes!("http-status", if (200..300).contains(&status) { "ok" } else { "bad" })}
                    data-status={status.to_string()}>{ status }</strong>
                <span class="help">{ format!(" · {} ms", crate::decimal::fixed(last.elapsed_ms, 0, false)) }</span>
            </p>
            { body }
            <details class="raw">
                <summary>{ Msg::RawBody.text(lang) }</summary>
                <pre>{ crate::state::without_private_key(&last.response.body) }</pre>
            </details>
        </section>
    }
}
