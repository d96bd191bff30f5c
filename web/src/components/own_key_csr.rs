//! What the CSR in the form asks for, read by certkit-x509 (`request::inspect`): subject,
//! SANs, public key and whether its self-signature verifies. It is what the certificate will
//! say, whether the CSR was made in this page or pasted.

use certkit_core::operation::OperationKind;
use certkit_x509::{inspect_pem_with, Item, SignatureCheck, SignatureStatus};
use yew::prelude::*;

use super::cert_card::{alt_kind, key_text};
use super::kv;
use super::text;
use super::{answered, checking_signatures, use_store};
use crate::i18n::Msg;

/// The CSR summary under the csrPem field.
#[function_component(OwnKeyCsr)]
pub fn own_key_csr() -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let text = store.form(OperationKind::SignEndCsr).get("csrPem");
    if text.trim().is_empty() {
        return html! { <p class="notice field wide" id="own-key-csr-empty">{ Msg::OwnKeyCsrEmpty.text(lang) }</p> };
    }
    // The time does not matter for a CSR (it has no validity).
    let verdict = |check: &SignatureCheck| store.verdicts.get(check);
    let inspection = match inspect_pem_with(text, 0, &verdict) {
        Ok(outcome) => answered(&store, outcome),
        // Unreadable: core's csrPem rule says why, on the field itself.
        Err(_) => return Html::default(),
    };
    // A CSR's self-signature is being checked.
    let Some(inspection) = inspection else {
        return html! { <div class="field wide">{ checking_signatures(lang) }</div> };
    };
    let request = inspection.items.into_iter().find_map(|item| match item {
        Item::CertificateRequest(info) => Some(info),
        _ => None,
    });
    // Not a CSR: core's csrPem rule says so on the field itself.
    let Some(info) = request else {
        return Html::default();
    };
    let (class, verdict) = match info.signature {
        SignatureStatus::Valid => ("ok", Msg::OwnKeyCsrValid),
        SignatureStatus::Invalid => ("bad", Msg::OwnKeyCsrInvalid),
        _ => ("muted", Msg::OwnKeyCsrUnchecked),
    };
    let sans = info
        .subject_alt_names
        .iter()
        .map(|n| format!("{}: {}", alt_kind(n.kind), n.value));
    html! {
        <article class="card field wide own-key-csr" id="own-key-csr" aria-labelledby="own-key-csr-title">
            <header class="card-head"><h3 id="own-key-csr-title">{ Msg::OwnKeyCsrTitle.text(lang) }</h3></header>
            <dl class="kv">
                <dt>{ Msg::Subject.text(lang) }</dt><dd class="subject"><code id="own-key-csr-subject">{ info.subject.clone() }</code></dd>
                <dt>{ Msg::Sans.text(lang) }</dt>
                <dd>
                    if info.subject_alt_names.is_empty() {
                        { text::muted(Msg::NoneValue.text(lang)) }
                    } else {
                        <ul class="plain" id="own-key-csr-sans">{ for sans.map(|v| text::li(text::code(v))) }</ul>
                    }
                </dd>
                { kv::row_id(Msg::PublicKey.text(lang), "own-key-csr-key", key_text(&info.public_key)) }
                { kv::row(Msg::SignatureAlgorithm.text(lang), info.signature_algorithm.clone()) }
                <dt>{ Msg::OwnKeyCsrSignature.text(lang) }</dt>
                <dd class={classes!("verdict", class)} id="own-key-csr-signature" data-status={class}>{ verdict.text(lang) }</dd>
            </dl>
        </article>
    }
}
