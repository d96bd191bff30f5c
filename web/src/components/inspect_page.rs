//! Inspect PEM: paste or drop any bundle and see the same cards (nothing is sent).

use certkit_x509::{inspect_pem_with, verify_chain_with, Item, SignatureCheck};
use yew::prelude::*;

use super::cert_card::CertCard;
use super::chain_view::{card_title, ChainView};
use super::copy_button::CopyButton;
use super::pem_input::PemInput;
use super::text;
use super::warn_days_input::WarnDaysInput;
use super::{answered, checking_signatures, key_match, use_store};
use crate::browser;
use crate::i18n::{repair_text, Msg};
use crate::pem::{self, Role};
use crate::state::Action;

/// What the pasted key card says: which certificates (1-based, as their cards are numbered)
/// the key belongs to, or that it belongs to none.
fn key_verdict(found: &[bool], lang: crate::i18n::Lang) -> Html {
    let owners: Vec<String> = found
        .iter()
        .enumerate()
        .filter(|(_, m)| **m)
        .map(|(i, _)| (i + 1).to_string())
        .collect();
    if owners.is_empty() {
        html! { <p class="key-match bad" data-match="false">{ format!("✗ {}", Msg::KeyMatchesNone.text(lang)) }</p> }
    } else {
        html! { <p class="key-match ok" data-match="true">{ format!("✓ {} {}", Msg::KeyMatchesCertificate.text(lang), owners.join(", ")) }</p> }
    }
}

/// The Inspect PEM page.
#[function_component(InspectPage)]
pub fn inspect_page() -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let text = store.inspect_text.clone();
    let onchange = {
        let store = store.clone();
        Callback::from(move |text: String| store.dispatch(Action::SetInspectText(text)))
    };
    let now = (browser::now_ms() / 1000.0) as i64;
    let verdict = |check: &SignatureCheck| store.verdicts.get(check);
    // `Some(Ok(None))` while a CSR's self-signature is being checked.
    let inspection = (!text.trim().is_empty())
        .then(|| inspect_pem_with(&text, now, &verdict).map(|outcome| answered(&store, outcome)));
    let certificates = match &inspection {
        Some(Ok(Some(i))) => i
            .items
            .iter()
            .filter(|item| matches!(item, Item::Certificate(_)))
            .count(),
        _ => 0,
    };
    // `Some(None)` while its signatures are being checked.
    let chain = (certificates > 1)
        .then(|| verify_chain_with(&text, now, &verdict).ok())
        .flatten()
        .map(|outcome| answered(&store, outcome));
    // The pasted key (the first one) against each certificate, by certkit-x509.
    let matches = match &inspection {
        Some(Ok(Some(i))) if certificates > 0 => {
            let pems: Vec<&str> = i
                .items
                .iter()
                .filter_map(|item| match item {
                    Item::Certificate(info) => Some(info.pem.as_str()),
                    _ => None,
                })
                .collect();
            // No verdict while a key's point is being derived, nor for a key that cannot be
            // compared (encrypted, or none).
            pems.iter()
                .map(|pem| key_match(&store, &text, pem).and_then(Result::ok))
                .collect::<Option<Vec<bool>>>()
        }
        _ => None,
    };
    let json = match &inspection {
        Some(Ok(Some(i))) => pem::inspection_json(i),
        _ => String::new(),
    };
    html! {
        <section class="page" aria-labelledby="inspect-title">
            <h1 id="inspect-title">{ Msg::InspectTitle.text(lang) }</h1>
            <p class="help" id="inspect-help">{ Msg::InspectHelp.text(lang) }</p>
            <div class="field">
                <label for="inspect-input">{ Msg::InspectInput.text(lang) }</label>
                <PemInput id="inspect-input" value={text.clone()} describedby="inspect-help"
                    invalid={matches!(inspection, Some(Err(_)))} onchange={onchange} onblur={Callback::noop()} />
            </div>
            <WarnDaysInput />
            { match inspection {
                None => html! { <p class="muted">{ Msg::InspectEmpty.text(lang) }</p> },
                Some(Err(e)) => html! { <p class="notice error" role="alert" id="inspect-error">{ text::strong(Msg::PemUnreadable.text(lang)) }{ format!(": {e}") }</p> },
                Some(Ok(None)) => checking_signatures(lang),
                Some(Ok(Some(inspection))) => html! {
                    <>
                        if !inspection.repairs.is_empty() {
                            <div class="notice repaired" role="status">
                                { text::para(text::strong(Msg::Repaired.text(lang))) }
                                <ul>{ for inspection.repairs.iter().map(|r| text::li(repair_text(lang, *r))) }</ul>
                            </div>
                        }
                        <p class="card-actions">
                            <CopyButton text={json} label={AttrValue::from(Msg::CopyAsJson.text(lang))}
                                what={AttrValue::from(Msg::InspectionJson.text(lang))} />
                        </p>
                        <div class="items">
                            { for inspection.items.into_iter().scan((0usize, 0usize), |(certs, keys), item| {
                                // Certificates are numbered among themselves, as the chain's
                                // positions are; keys too (only the first is the one compared).
                                let index = match item {
                                    Item::Certificate(_) => { *certs += 1; *certs - 1 }
                                    Item::PrivateKey(_) => { *keys += 1; *keys - 1 }
                                    _ => 0,
                                };
                                Some((index, item))
                            }).map(|(index, item)| match item {
                                Item::Certificate(info) => {
                                    let cn = pem::common_name(&info.subject_attributes).map(str::to_string);
                                    let role = Role::of(info.self_signed, !info.is_ca);
                                    let title = card_title(index, role, cn.as_deref(), &info.subject, lang);
                                    let key_match = matches.as_ref().and_then(|m| m.get(index).copied());
                                    html! { <CertCard info={*info} title={AttrValue::from(title)} {key_match} /> }
                                }
                                Item::PrivateKey(key) => html! {
                                    <article class="card key-item">
                                        { text::h3(Msg::PrivateKeyItem.text(lang)) }
                                        <p>{ format!("{} {} · {}{}", crate::pem::display_name(&key.algorithm), key.bits.map(|b| format!("{b} bit")).unwrap_or_default(), crate::pem::display_name(&key.container), if key.encrypted { " · encrypted" } else { "" }) }</p>
                                        if let (Some(found), 0) = (&matches, index) {
                                            { key_verdict(found, lang) }
                                        }
                                    </article>
                                },
                                Item::CertificateRequest(csr) => html! {
                                    <article class="card">
                                        { text::h3("CSR") }
                                        { text::para(text::code(csr.subject.clone())) }
                                    </article>
                                },
                                Item::Crl(crl) => html! {
                                    <article class="card">
                                        { text::h3("CRL") }
                                        { text::para(text::code(crl.issuer.clone())) }
                                    </article>
                                },
                                Item::PublicKey(key) => html! {
                                    <article class="card">
                                        { text::h3(Msg::PublicKey.text(lang)) }
                                        <p>{ format!("{} {}", crate::pem::display_name(&key.algorithm), key.bits.map(|b| format!("{b} bit")).unwrap_or_default()) }</p>
                                    </article>
                                },
                                _ => html! {
                                    <article class="card">{ text::h3("?") }</article>
                                },
                            }) }
                        </div>
                        { match chain {
                            Some(Some(report)) => html! { <ChainView report={report} pem={AttrValue::from(text.clone())} /> },
                            Some(None) => checking_signatures(lang),
                            None => Html::default(),
                        } }
                    </>
                },
            } }
        </section>
    }
}
