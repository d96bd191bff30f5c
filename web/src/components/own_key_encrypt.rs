//! The generated key, encrypted with a passphrase for download (PKCS#8 PBES2 made by
//! WebCrypto and certkit-x509): what `openssl pkey` opens with that passphrase.

use std::rc::Rc;

use yew::prelude::*;

use super::download_button::DownloadButton;
use super::use_store;
use crate::browser;
use crate::i18n::Msg;
use crate::state::{Action, Encryption, Secret};

/// Passphrases shorter than this get a warning (never a refusal: it is the user's key).
const SHORT_PASSPHRASE: usize = 12;

/// Props of [`OwnKeyEncrypt`].
#[derive(Properties, PartialEq)]
pub struct OwnKeyEncryptProps {
    /// File name of the download.
    pub file_name: AttrValue,
}

/// Passphrase, Encrypt, and the download once encrypted.
#[function_component(OwnKeyEncrypt)]
pub fn own_key_encrypt(props: &OwnKeyEncryptProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let own = &store.own_key;
    let encrypt = {
        let store = store.clone();
        move || crate::own_key::encrypt(&store, store.dispatcher())
    };
    let oninput = {
        let store = store.clone();
        Callback::from(move |e: InputEvent| {
            store.dispatch(Action::OwnKeyPassphrase(Secret::new(
                browser::target_value(&e),
            )))
        })
    };
    // Enter encrypts; it must not submit the form around it (that would send the CSR).
    let onkeydown = {
        let encrypt = encrypt.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                encrypt();
            }
        })
    };
    let onclick = Callback::from(move |_| encrypt());
    let passphrase = own.passphrase.expose();
    let working = own.encryption == Encryption::Working;
    let short = !passphrase.is_empty() && passphrase.chars().count() < SHORT_PASSPHRASE;
    html! {
        <section class="card own-key-encrypt" aria-labelledby="own-key-encrypt-title">
            <h3 id="own-key-encrypt-title">{ Msg::OwnKeyEncryptTitle.text(lang) }</h3>
            <div class="field">
                <label for="own-key-passphrase">{ Msg::OwnKeyPassphrase.text(lang) }</label>
                <div class="with-button">
                    <input type="password" id="own-key-passphrase" value={passphrase.to_string()}
                        autocomplete="new-password" aria-describedby="own-key-passphrase-help"
                        {oninput} {onkeydown} />
                    <button type="button" id="own-key-encrypt" {onclick}
                        aria-disabled={(working || passphrase.is_empty()).then_some("true")}>
                        { Msg::OwnKeyEncrypt.text(lang) }
                    </button>
                </div>
                <p class="help" id="own-key-passphrase-help">{ Msg::OwnKeyPassphraseHelp.text(lang) }</p>
                if short {
                    <p class="warn" id="own-key-passphrase-short">{ "⚠ " }{ Msg::OwnKeyPassphraseShort.text(lang) }</p>
                }
            </div>
            <p aria-live="polite" class="status" id="own-key-encrypt-status">
                { match &own.encryption {
                    Encryption::Working => html! {
                        <span class="sending"><progress aria-label={Msg::OwnKeyEncrypting.text(lang)}></progress>{ Msg::OwnKeyEncrypting.text(lang) }</span>
                    },
                    Encryption::Ready(_) => html! { <span class="ok">{ "✓ " }{ Msg::OwnKeyEncrypted.text(lang) }</span> },
                    Encryption::Failed(message) => html! {
                        <span class="status error">{ format!("{}: {message}", Msg::OwnKeyEncryptFailed.text(lang)) }</span>
                    },
                    Encryption::Idle if passphrase.is_empty() => html! { { Msg::OwnKeyNoPassphrase.text(lang) } },
                    Encryption::Idle => Html::default(),
                } }
            </p>
            if let Encryption::Ready(pem) = &own.encryption {
                <p class="card-actions" id="own-key-encrypted-download">
                    <DownloadButton name={props.file_name.clone()} bytes={Rc::new(pem.as_bytes().to_vec())} />
                </p>
            }
        </section>
    }
}
