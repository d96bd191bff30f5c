//! Revoke End Cert on a certificate's detail: what it does said first, then the certificate's
//! CN typed. NCP's operation takes no reason (P8 documents none), so no reason is offered.
//! Afterwards the CA's CRL is read again and says whether it lists the serial.

use yew::prelude::*;

use super::button::button;
use super::ca_certs_page::Revocation;
use super::dispatch_on;
use super::helper_error;
use super::progress_text;
use super::text;
use super::typed_confirm::TypedConfirm;
use super::use_store;
use crate::i18n::{Lang, Msg};
use crate::send;
use crate::state::{revoke_word, Action, CommandPhase};

/// Props of [`RevokeEndCertCard`].
#[derive(Properties, PartialEq)]
pub struct RevokeEndCertCardProps {
    /// The CA.
    pub ca_tag: AttrValue,
    /// The certificate's `serialNo`, as listed.
    pub serial_no: AttrValue,
    /// What the CA's CRL says of it.
    pub revocation: Revocation,
}

/// The sentence after NCP revoked it, as the CRL read again confirms it (focused when shown).
fn done_notice(revocation: &Revocation, on_reload: Callback<MouseEvent>, lang: Lang) -> Html {
    let (class, text) = match revocation {
        Revocation::Revoked { date, .. } => (
            "ok-notice",
            format!(
                "✓ {}",
                Msg::RevokeDoneListed.text(lang).replace("{date}", date)
            ),
        ),
        Revocation::Reading => ("", Msg::RevokeDoneReading.text(lang).to_string()),
        Revocation::NotRevoked | Revocation::Unknown => {
            ("warning", Msg::RevokeDoneNotListed.text(lang).to_string())
        }
    };
    let reading = *revocation == Revocation::Reading;
    let listed = matches!(revocation, Revocation::Revoked { .. });
    html! { <>
        <p class={classes!("notice", class)} id="cert-revoke-done" tabindex="-1" role="status"
            data-listed={listed.to_string()}>
            if reading {
                <progress aria-label={Msg::CertCrlReading.text(lang)}></progress>{ " " }
            }
            { text }
        </p>
        if !reading && !listed {
            <p class="actions">
                { button("cert-crl-reload", on_reload, Msg::Reload.text(lang)) }
            </p>
        }
    </> }
}

/// The revoke card of a certificate.
#[function_component(RevokeEndCertCard)]
pub fn revoke_end_cert_card(props: &RevokeEndCertCardProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let ca_tag = props.ca_tag.to_string();
    let serial_no = props.serial_no.to_string();
    let certs = &store.cas.certs;
    let Some(cert) = certs.cert(&ca_tag, &serial_no) else {
        return Html::default();
    };
    let revoke = {
        let store = store.clone();
        let (ca_tag, serial_no) = (ca_tag.clone(), serial_no.clone());
        Callback::from(move |()| {
            send::revoke_end_cert(
                &store,
                ca_tag.clone(),
                serial_no.clone(),
                store.dispatcher(),
            )
        })
    };
    let reload_crl = {
        let store = store.clone();
        let ca_tag = ca_tag.clone();
        Callback::from(move |_| send::load_ca(&store, ca_tag.clone(), store.dispatcher()))
    };
    let just_revoked = certs.revoked.as_ref() == Some(&(ca_tag.clone(), serial_no.clone()));
    let pending = certs
        .revoke
        .as_ref()
        .filter(|r| r.ca_tag == ca_tag && r.serial_no == serial_no);
    let phase = pending.map(|p| &p.phase);
    let body = if just_revoked {
        done_notice(&props.revocation, reload_crl, lang)
    } else if let Revocation::Revoked { date, .. } = &props.revocation {
        html! {
            <p class="notice" id="cert-revoked-already">{ Msg::RevokeAlready.text(lang).replace("{date}", date) }</p>
        }
    } else {
        match phase {
            Some(CommandPhase::Confirming { typed }) => {
                let on_input = {
                    let store = store.clone();
                    Callback::from(move |text| store.dispatch(Action::RevokeTyped(text)))
                };
                let on_keep = {
                    let store = store.clone();
                    Callback::from(move |()| store.dispatch(Action::RevokeDismiss))
                };
                html! {
                    <TypedConfirm id="cert-confirm" keep_id="cert-keep" command={AttrValue::from("revoke")}
                        title={format!("{} · {}", Msg::RevokeConfirmButton.text(lang), revoke_word(cert))} warning={Msg::RevokeWarning.text(lang)}
                        label={Msg::RevokeConfirmLabel.text(lang)} word={revoke_word(cert).to_string()}
                        typed={typed.clone()} ready={certs.may_revoke(&ca_tag, &serial_no)}
                        confirm_label={Msg::RevokeConfirmButton.text(lang)} keep_label={Msg::RevokeKeep.text(lang)}
                        {on_input} on_confirm={revoke} {on_keep} />
                }
            }
            Some(CommandPhase::Sending) => html! {
                <p class="status" role="status" id="cert-revoke-sending">
                    { progress_text(Msg::Sending.text(lang)) }
                </p>
            },
            Some(CommandPhase::Failed(error)) => {
                let again = revoke.reform(|_: MouseEvent| ());
                let keep = dispatch_on(&store, Action::RevokeDismiss);
                html! { <>
                    { helper_error::notice(Msg::RevokeFailed, error.clone()) }
                    <p class="card-actions">
                        <button type="button" id="cert-revoke-retry" class="danger" onclick={again}>{ Msg::Retry.text(lang) }</button>
                        { button("cert-keep", keep, Msg::RevokeKeep.text(lang)) }
                    </p>
                </> }
            }
            None => {
                let ask = {
                    let store = store.clone();
                    let (ca_tag, serial_no) = (ca_tag.clone(), serial_no.clone());
                    Callback::from(move |_| {
                        store.dispatch(Action::RevokeAsk {
                            ca_tag: ca_tag.clone(),
                            serial_no: serial_no.clone(),
                        })
                    })
                };
                html! {
                    <p class="actions">
                        <button type="button" id="cert-revoke" class="danger" onclick={ask}>{ Msg::RevokeButton.text(lang) }</button>
                    </p>
                }
            }
        }
    };
    html! {
        <section class="card" id="cert-revoke-card" aria-labelledby="cert-revoke-title">
            { text::h2("cert-revoke-title", Msg::RevokeTitle.text(lang)) }
            if !matches!(props.revocation, Revocation::Revoked { .. }) && !just_revoked {
                <p class="muted" id="cert-revoke-no-reason">{ Msg::RevokeNoReason.text(lang) }</p>
            }
            { body }
        </section>
    }
}
