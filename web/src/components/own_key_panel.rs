//! "Issue with my own key": where the key comes from (made in this page, or the user's own
//! CSR), the key to make, the subject and SANs (Issue End Cert's fields and rules), and the key
//! once made (shown once, downloadable plain or encrypted). The CSR it makes fills the form's
//! csrPem, which Send sends as Sign End Csr.

use certkit_core::operation::OperationKind;
use yew::prelude::*;

use super::dispatch_on;
use super::form_field::FormField;
use super::help;
use super::own_key_encrypt::OwnKeyEncrypt;
use super::private_key_card::PrivateKeyCard;
use super::text;
use super::use_store;
use crate::browser;
use crate::fields;
use crate::i18n::Msg;
use crate::state::own_key::subject_problems;
use crate::state::{Action, Generation, KeyChoice, KeySource};

const OP: OperationKind = OperationKind::SignEndCsr;

/// The key source, the generator and the generated key.
#[function_component(OwnKeyPanel)]
pub fn own_key_panel() -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let own = &store.own_key;
    let form = store.form(OP);
    let source = |to: KeySource| {
        let store = store.clone();
        Callback::from(move |_: Event| store.dispatch(Action::OwnKeySource(to)))
    };
    let on_choice = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            if let Some(choice) = KeyChoice::parse(&browser::target_value(&e)) {
                store.dispatch(Action::OwnKeyChoice(choice));
            }
        })
    };
    let on_make = {
        let store = store.clone();
        Callback::from(move |_| crate::own_key::generate(&store, store.dispatcher()))
    };
    let on_wipe = dispatch_on(&store, Action::WipePrivateKey(OP));
    let errors = fields::errors_by_field(subject_problems(&form.values), lang);
    let working = own.generation == Generation::Working;
    let generate = own.source == KeySource::Generate;
    let stem = crate::pem::file_stem(form.get("x509Parameters.commonName").trim());
    let stem = if stem.is_empty() {
        "private".to_string()
    } else {
        stem
    };
    html! {
        <section class="field wide own-key" id="own-key" aria-labelledby="own-key-title">
            { text::h2("own-key-title", Msg::OwnKeyTitle.text(lang)) }
            { help(Msg::OwnKeyIntro.text_with_endpoint(lang, OP)) }
            <fieldset>
                { text::legend(Msg::OwnKeySource.text(lang)) }
                <label class="radio">
                    <input type="radio" name="own-key-source" id="own-key-generate" checked={generate}
                        onchange={source(KeySource::Generate)} />
                    { Msg::OwnKeyGenerate.text(lang) }
                </label>
                <label class="radio">
                    <input type="radio" name="own-key-source" id="own-key-paste" checked={!generate}
                        onchange={source(KeySource::Paste)} />
                    { Msg::OwnKeyPaste.text(lang) }
                </label>
            </fieldset>
            if generate {
                <div class="field">
                    <label for="own-key-algorithm">{ Msg::OwnKeyAlgorithm.text(lang) }</label>
                    <select id="own-key-algorithm" aria-describedby="own-key-algorithm-help" onchange={on_choice}>
                        { for KeyChoice::ALL.iter().map(|c| html! {
                            <option value={c.name()} selected={*c == own.choice}>{ c.name() }</option>
                        }) }
                    </select>
                    <p class="help" id="own-key-algorithm-help">{ Msg::OwnKeyAlgorithmHelp.text(lang) }</p>
                </div>
                { text::h3(Msg::OwnKeySubject.text(lang)) }
                { help(Msg::OwnKeySubjectHelp.text(lang)) }
                <div class="fields">
                    { for fields::own_key_subject_fields().map(|field| html! {
                        <FormField op={OP} field={*field}
                            errors={errors.get(field.path).cloned().unwrap_or_default()} />
                    }) }
                </div>
                <div class="actions">
                    // aria-disabled rather than disabled while it works: a disabled button drops focus.
                    <button type="button" id="own-key-make" onclick={on_make}
                        aria-disabled={working.then_some("true")}>
                        { if own.key.is_some() { Msg::OwnKeyMakeAgain.text(lang) } else { Msg::OwnKeyMake.text(lang) } }
                    </button>
                    <span aria-live="polite" class="status" id="own-key-status">
                        if working {
                            <span class="sending"><progress aria-label={Msg::OwnKeyWorking.text(lang)}></progress>{ Msg::OwnKeyWorking.text(lang) }</span>
                        }
                    </span>
                </div>
                if own.generation == Generation::SubjectInvalid && !errors.is_empty() {
                    <p class="notice error" role="alert" id="own-key-refused">{ Msg::OwnKeyFixSubject.text(lang) }</p>
                }
                if let Generation::Failed(message) = &own.generation {
                    <div class="notice error" role="alert" id="own-key-failed">
                        { text::para(text::strong(Msg::OwnKeyFailed.text(lang))) }
                        { text::para(text::wrap_code(message.clone())) }
                    </div>
                }
            }
            if let Some(key) = &own.key {
                <div id="own-key-card" tabindex="-1" data-algorithm={key.choice.name()}>
                    { help(Msg::OwnKeyMadeHelp.text(lang)) }
                    <PrivateKeyCard key_pem={AttrValue::from(key.pkcs8_pem.expose().to_string())}
                        file_name={format!("{stem}.key")} id_prefix="own-" on_wipe={on_wipe} />
                    <OwnKeyEncrypt file_name={format!("{stem}.encrypted.key")} />
                </div>
            }
        </section>
    }
}
