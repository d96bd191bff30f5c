//! Activate Sub CA's checks before sending: is certPem a CA certificate, the chain order
//! (with a one-click fix), and does the chain verify certPem (certkit-x509).

use certkit_core::operation::OperationKind;
use certkit_x509::SignatureCheck;
use yew::prelude::*;

use super::button::button;
use super::text;
use super::{answered, checking_signatures, use_store, Store};
use crate::browser;
use crate::i18n::{chain_problem_text, Lang, Msg};
use crate::pem::{self, ChainCheck};
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
    checks(&store, form.get("certPem"), form.get("caChainPem"), fix)
}

/// Activate Sub CA's checks of `cert_pem` and `ca_chain_pem` (nothing until both hold
/// text); `fix` gets the chain in order. The Activate form's and the Create CA wizard's.
pub fn checks(store: &Store, cert_pem: &str, ca_chain_pem: &str, fix: Callback<String>) -> Html {
    let lang = store.lang;
    let now = (browser::now_ms() / 1000.0) as i64;
    let verdict = |check: &SignatureCheck| store.verdicts.get(check);
    let Some(check) = pem::activate_check(cert_pem, ca_chain_pem, now, &verdict) else {
        return Html::default();
    };
    let chain = answered(store, check.chain);
    html! {
        <section class="panel checks" aria-labelledby="checks-title" aria-live="polite">
            { text::h2("checks-title", Msg::CheckTitle.text(lang)) }
            <ul class="check-list">
                { match &check.cert {
                    Ok(info) if info.is_ca => html! { <li class="ok" id="check-is-ca" data-ok="true">{ "✓ " }{ Msg::IsCaYes.text(lang) }</li> },
                    Ok(_) => html! { <li class="bad" id="check-is-ca" data-ok="false">{ "✗ " }{ Msg::IsCaNo.text(lang) }</li> },
                    Err(e) => html! { <li class="bad" id="check-is-ca" data-ok="false">{ format!("✗ certPem: {}: {e}", Msg::PemUnreadable.text(lang)) }</li> },
                } }
                { match &chain {
                    Some(chain) => verifies_item(lang, chain),
                    None => html! { <li class="muted">{ checking_signatures(lang) }</li> },
                } }
            </ul>
            if let Some(chain) = chain {
                { order(lang, &chain, fix) }
            }
        </section>
    }
}

/// Whether the chain verifies certPem.
fn verifies_item(lang: Lang, chain: &ChainCheck) -> Html {
    let verifies = chain.signs_cert();
    html! {
        <li class={if verifies { "ok" } else { "bad" }} id="check-verifies" data-ok={verifies.to_string()}>
            { if verifies { format!("✓ {}", Msg::ChainVerifies.text(lang)) } else { format!("✗ {}", Msg::ChainFails.text(lang)) } }
            if let Ok(report) = &chain.verification {
                if !verifies && !report.problem_details.is_empty() {
                    <ul>{ for report.problem_details.iter().map(|p| text::li(chain_problem_text(lang, p))) }</ul>
                }
            }
            if let Err(e) = &chain.verification {
                { format!(": {e}") }
            }
        </li>
    }
}

/// The chain's order, with the one-click fix when it is shuffled.
fn order(lang: Lang, chain: &ChainCheck, fix: Callback<String>) -> Html {
    let fix = {
        let ordered = chain.ordered_chain.clone();
        Callback::from(move |_| fix.emit(ordered.clone()))
    };
    html! { <>
        if !chain.chain_order.is_empty() {
            { text::h3(Msg::ChainOrder.text(lang)) }
            <ol class="chain-order" id="chain-order">
                { for chain.chain_order.iter().map(|s| text::li(text::code(s.clone()))) }
            </ol>
            if chain.shuffled {
                <p class="notice warning" id="chain-shuffled">
                    { Msg::ChainShuffled.text(lang) }{ " " }
                    { button("fix-order", fix, Msg::FixOrder.text(lang)) }
                </p>
            }
        }
    </> }
}
