//! The private key returned by Issue End Cert: shown once, with a warning, copy, download and
//! whether it matches the certificate (certkit-x509).

use std::rc::Rc;

use yew::prelude::*;

use super::copy_button::CopyButton;
use super::download_button::DownloadButton;
use super::help;
use super::text;
use super::{key_match, use_store};
use crate::i18n::Msg;

/// Props of [`PrivateKeyCard`].
#[derive(Properties, PartialEq)]
pub struct PrivateKeyCardProps {
    /// The key (PEM).
    pub key_pem: AttrValue,
    /// The certificate it should belong to (PEM); none yet for a key made in the page.
    #[prop_or_default]
    pub cert_pem: AttrValue,
    /// File name for the download (`<cn>.key`).
    pub file_name: AttrValue,
    /// Prefix of the element ids (an earlier result shown beside the current one).
    #[prop_or_default]
    pub id_prefix: AttrValue,
    /// Removes the key from the page.
    pub on_wipe: Callback<MouseEvent>,
}

/// The private key card.
#[function_component(PrivateKeyCard)]
pub fn private_key_card(props: &PrivateKeyCardProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    // `None` for the moment WebCrypto derives the point of a key that does not carry it.
    let matches = key_match(&store, &props.key_pem, &props.cert_pem);
    let (class, text) = match &matches {
        Some(Ok(true)) => ("ok", format!("✓ {}", Msg::KeyMatches.text(lang))),
        Some(Ok(false)) => ("bad", format!("✗ {}", Msg::KeyMismatch.text(lang))),
        Some(Err(e)) => ("bad", format!("✗ {e}")),
        None => ("", String::new()),
    };
    html! {
        <article class="card key-card">
            <header class="card-head">{ text::h3(Msg::PrivateKeyTitle.text(lang)) }</header>
            <p class="notice warning" role="note">{ "⚠ " }{ Msg::PrivateKeyWarning.text(lang) }</p>
            if !props.cert_pem.is_empty() && matches.is_some() {
                <p class={classes!("key-match", class)} id={format!("{}key-match", props.id_prefix)} data-match={matches.as_ref().is_some_and(|m| m.as_ref().is_ok_and(|m| *m)).to_string()}>{ text }</p>
            }
            <pre class="key" tabindex="0" aria-label={Msg::PrivateKeyTitle.text(lang)}>{ props.key_pem.clone() }</pre>
            <p class="card-actions">
                <CopyButton text={props.key_pem.clone()} what={AttrValue::from(Msg::PrivateKeyTitle.text(lang))} />
                <DownloadButton name={props.file_name.clone()} bytes={Rc::new(props.key_pem.as_bytes().to_vec())} />
                <button type="button" class="small danger" id={format!("{}wipe-key", props.id_prefix)}
                    onclick={props.on_wipe.clone()}>{ Msg::WipeKey.text(lang) }</button>
            </p>
            { help(Msg::WipeKeyHelp.text(lang)) }
        </article>
    }
}
