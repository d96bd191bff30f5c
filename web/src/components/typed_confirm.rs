//! The question before a destructive action: what it does, then the word to type (a CA's
//! alias, a certificate's name) before the confirm button works. Shared by the CAs page and
//! the Certificate Manager page; ids start with `prefix` (`ca-confirm-input`,
//! `cert-confirm-input`).

use yew::prelude::*;

/// Props of [`TypedConfirm`].
#[derive(Properties, PartialEq)]
pub struct TypedConfirmProps {
    /// The ids' prefix (`ca`, `cert`).
    pub prefix: &'static str,
    /// The action's id stem, as `data-command`.
    pub command: AttrValue,
    /// The action's name.
    pub title: AttrValue,
    /// What it does, said before anything is typed.
    pub warning: AttrValue,
    /// "Type the ... to confirm".
    pub label: AttrValue,
    /// The word to type.
    pub word: AttrValue,
    /// What is typed so far.
    pub typed: AttrValue,
    /// Whether the action may be sent now.
    pub ready: bool,
    /// The confirm button's text.
    pub confirm: AttrValue,
    /// The button that keeps things as they are.
    pub keep: AttrValue,
    /// Typed into the word.
    pub on_input: Callback<String>,
    /// The confirm button (or Enter).
    pub on_confirm: Callback<()>,
    /// Keep.
    pub on_keep: Callback<()>,
    /// Fields the action needs besides the word (shown above it).
    #[prop_or_default]
    pub children: Html,
}

/// The typed confirmation.
#[function_component(TypedConfirm)]
pub fn typed_confirm(props: &TypedConfirmProps) -> Html {
    let p = props.prefix;
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            on_input.emit(input.value());
        })
    };
    let onsubmit = {
        let on_confirm = props.on_confirm.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_confirm.emit(());
        })
    };
    let keep = props.on_keep.reform(|_: MouseEvent| ());
    let input_id = format!("{p}-confirm-input");
    let warning_id = format!("{p}-confirm-warning");
    html! {
        <form class="notice warning confirm" id={format!("{p}-confirm")} data-command={props.command.clone()} {onsubmit}>
            <p><strong>{ props.title.clone() }</strong></p>
            <p id={warning_id.clone()}>{ props.warning.clone() }</p>
            { props.children.clone() }
            <label for={input_id.clone()}>{ props.label.clone() }{ ": " }<code>{ props.word.clone() }</code></label>
            <input id={input_id} type="text" autocomplete="off" spellcheck="false"
                value={props.typed.clone()} {oninput} aria-describedby={warning_id} />
            <p class="card-actions">
                <button type="submit" id={format!("{p}-confirm-button")} class="danger" disabled={!props.ready}>
                    { props.confirm.clone() }
                </button>
                <button type="button" id={format!("{p}-keep")} onclick={keep}>{ props.keep.clone() }</button>
            </p>
        </form>
    }
}
