//! Activate Sub CA's checks before sending: is certPem a CA certificate, the chain order
//! (with a one-click fix), and does the chain verify certPem (certkit-x509).

use certkit_core::operation::OperationKind;
use yew::prelude::*;

use super::use_store;
use crate::browser;
use crate::i18n::{chain_problem_text, Lang, Msg};
use crate::pem;
use crate::state::Action;

/// The checks of the Activate form.
#[function_component(ActivateChecks)]
pub fn activate_checks() -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let form = store.form(OperationKind::ActivateSubCa);
    let fix = {
        let store = store.clone();
        Callback::from(move |ordered: String| {
            store.dispatch(Action::SetField {
                op: OperationKind::ActivateSubCa,
                field: "caChainPem".into(),
                value: ordered,
            })
        })
    };
    checks(store.lang, form.get("certPem"), form.get("caChainPem"), fix)
}

/// Activate Sub CA's checks of `cert_pem` and `ca_chain_pem` (nothing until both hold
/// text); `fix` gets the chain in order. The Activate form's and the Create CA wizard's.
pub fn checks(lang: Lang, cert_pem: &str, ca_chain_pem: &str, fix: Callback<String>) -> Html {
    let now = (browser::now_ms() / 1000.0) as i64;
    let Some(check) = pem::activate_check(cert_pem, ca_chain_pem, now) else {
        return Html::default();
    };
    let fix = {
        let ordered = check.ordered_chain.clone();
        Callback::from(move |_| fix.emit(ordered.clone()))
    };
    let verifies = check.chain_signs_cert();
    html! {
        <section class="panel checks" aria-labelledby="checks-title" aria-live="polite">
            <h2 id="checks-title">{ Msg::CheckTitle.text(lang) }</h2>
            <ul class="check-list">
                { match &check.cert {
                    Ok(info) if info.is_ca => html! { <li class="ok" id="check-is-ca" data-ok="true">{ "✓ " }{ Msg::IsCaYes.text(lang) }</li> },
                    Ok(_) => html! { <li class="bad" id="check-is-ca" data-ok="false">{ "✗ " }{ Msg::IsCaNo.text(lang) }</li> },
                    Err(e) => html! { <li class="bad" id="check-is-ca" data-ok="false">{ format!("✗ certPem: {}: {e}", Msg::PemUnreadable.text(lang)) }</li> },
                } }
                <li class={if verifies { "ok" } else { "bad" }} id="check-verifies" data-ok={verifies.to_string()}>
                    { if verifies { format!("✓ {}", Msg::ChainVerifies.text(lang)) } else { format!("✗ {}", Msg::ChainFails.text(lang)) } }
                    if let Ok(report) = &check.verification {
                        if !verifies && !report.problem_details.is_empty() {
                            <ul>{ for report.problem_details.iter().map(|p| html! { <li>{ chain_problem_text(lang, p) }</li> }) }</ul>
                        }
                    }
                    if let Err(e) = &check.verification {
                        { format!(": {e}") }
                    }
                </li>
            </ul>
            if !check.chain_order.is_empty() {
                <h3>{ Msg::ChainOrder.text(lang) }</h3>
                <ol class="chain-order" id="chain-order">
                    { for check.chain_order.iter().map(|s| html! { <li><code>{ s.clone() }</code></li> }) }
                </ol>
                if check.shuffled {
                    <p class="notice warning" id="chain-shuffled">
                        { Msg::ChainShuffled.text(lang) }{ " " }
                        <button type="button" id="fix-order" onclick={fix}>{ Msg::FixOrder.text(lang) }</button>
                    </p>
                }
            }
        </section>
    }
}
