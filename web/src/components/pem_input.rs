//! A PEM field: paste, type, drop a file or choose one. Broken line breaks are repaired by
//! certkit-x509 when the text arrives, and the user is told what was repaired.

use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

use super::form_field::InputProps;
use super::text;
use super::use_store;
use crate::browser;
use crate::i18n::{repair_text, Msg};
use crate::pem;

/// PEM textarea with drop and file chooser.
#[function_component(PemInput)]
pub fn pem_input(props: &InputProps) -> Html {
    // What was repaired, with the text the repair produced: the notice belongs to that text
    // and goes as soon as the field holds anything else (typed, pasted or filled in).
    let repairs = use_state(|| (String::new(), Vec::<certkit_x509::Repair>::new()));
    let dragging = use_state(|| false);
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    // Text arriving (typed, pasted, dropped): repaired when certkit-x509 finds damage.
    let accept = {
        let onchange = props.onchange.clone();
        let repairs = repairs.clone();
        Callback::from(move |text: String| match pem::repair(&text) {
            Some(repaired) => {
                repairs.set((repaired.text.clone(), repaired.notes));
                onchange.emit(repaired.text);
            }
            None => {
                repairs.set((String::new(), Vec::new()));
                onchange.emit(text)
            }
        })
    };
    let oninput = accept.reform(|e: InputEvent| browser::target_value(&e));
    let read_files = {
        let accept = accept.clone();
        move |files: Option<web_sys::FileList>| {
            let accept = accept.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(text) = browser::first_file_text(files).await {
                    accept.emit(text);
                }
            });
        }
    };
    let ondrop = {
        let read_files = read_files.clone();
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            read_files(e.data_transfer().and_then(|d| d.files()));
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let onfile = Callback::from(move |e: Event| {
        read_files(e.target_unchecked_into::<HtmlInputElement>().files())
    });
    let file_id = format!("{}-file", props.id);
    html! {
        <div class={classes!("pem-input", dragging.then_some("dragging"))}
            {ondrop} {ondragover} {ondragleave}>
            <textarea id={props.id.clone()} rows="8" spellcheck="false" value={props.value.clone()}
                aria-describedby={props.describedby.clone()} aria-invalid={props.invalid.then_some("true")}
                aria-required="true" placeholder={props.placeholder.clone()} {oninput}
                onblur={props.onblur.clone()} />
            <div class="pem-tools">
                <span class="help">{ Msg::DropHint.text(lang) }</span>
                <label class="file-button" for={file_id.clone()}>{ Msg::ChooseFile.text(lang) }</label>
                <input id={file_id} class="visually-hidden" type="file"
                    accept=".pem,.crt,.cer,.txt,.der" onchange={onfile} />
            </div>
            if !repairs.1.is_empty() && repairs.0 == props.value.as_str() {
                <div class="notice repaired" role="status">
                    { text::para(text::strong(Msg::Repaired.text(lang))) }
                    <ul>{ for repairs.1.iter().map(|r| text::li(repair_text(lang, *r))) }</ul>
                </div>
            }
        </div>
    }
}
