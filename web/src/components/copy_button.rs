//! A button that copies text to the clipboard and says so.

use yew::prelude::*;

use super::use_store;
use crate::browser;
use crate::i18n::Msg;

/// Props of [`CopyButton`].
#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// The text to copy.
    pub text: AttrValue,
    /// Button label (default: "Copy").
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// What is copied, for screen readers (e.g. "certificate").
    #[prop_or_default]
    pub what: Option<AttrValue>,
}

/// Copy to clipboard.
#[function_component(CopyButton)]
pub fn copy_button(props: &CopyButtonProps) -> Html {
    let copied = use_state(|| false);
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let onclick = {
        let text = props.text.to_string();
        let copied = copied.clone();
        Callback::from(move |_| {
            let text = text.clone();
            let copied = copied.clone();
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(browser::copy_text(&text).await);
            });
        })
    };
    let label = props
        .label
        .clone()
        .unwrap_or_else(|| AttrValue::from(Msg::Copy.text(lang)));
    let aria = props.what.as_ref().map(|what| format!("{label}: {what}"));
    html! {
        <button type="button" class="small" {onclick} aria-label={aria}>
            { if *copied { format!("{label} ✓") } else { label.to_string() } }
            <span class="visually-hidden" aria-live="polite">
                { if *copied { Msg::Copied.text(lang) } else { "" } }
            </span>
        </button>
    }
}
