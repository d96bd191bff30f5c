//! The question asked before an action that cannot be undone: what it does, then a word to
//! type (a CA's alias, a certificate's CN or name) before the button that does it is enabled.
//! Enter in the field submits; the other button keeps things as they are. Shared by the CAs
//! page, a CA's certificates and the Certificate Manager page.

use yew::prelude::*;

/// Props of [`TypedConfirm`].
#[derive(Properties, PartialEq)]
pub struct TypedConfirmProps {
    /// The form's id; its parts are `{id}-warning`, `{id}-input` and `{id}-button`.
    pub id: AttrValue,
    /// The id of the button that keeps things as they are.
    pub keep_id: AttrValue,
    /// The action, in bold first.
    pub title: AttrValue,
    /// What it does, said before anything is typed.
    pub warning: AttrValue,
    /// The field's label ("Type the CA's alias to confirm (alias)").
    pub label: AttrValue,
    /// The word to type, shown beside the label.
    pub word: AttrValue,
    /// What is typed so far (the state's).
    pub typed: AttrValue,
    /// Whether the action may be sent (the word typed, nothing in flight).
    pub ready: bool,
    /// The confirm button's text.
    pub confirm_label: AttrValue,
    /// The keep button's text.
    pub keep_label: AttrValue,
    /// A `data-command` attribute naming the action, for tests.
    #[prop_or_default]
    pub command: Option<AttrValue>,
    /// Typed into the field.
    pub on_input: Callback<String>,
    /// The confirm button, or Enter.
    pub on_confirm: Callback<()>,
    /// The keep button.
    pub on_keep: Callback<()>,
    /// Fields the action needs besides the word (shown above it).
    #[prop_or_default]
    pub children: Html,
}

/// The typed confirmation.
#[function_component(TypedConfirm)]
pub fn typed_confirm(props: &TypedConfirmProps) -> Html {
    let id = |part: &str| format!("{}-{part}", props.id);
    let oninput = props.on_input.reform(|e: InputEvent| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        input.value()
    });
    let onsubmit = props
        .on_confirm
        .reform(|e: SubmitEvent| e.prevent_default());
    let keep = props.on_keep.reform(|_: MouseEvent| ());
    html! {
        <form class="notice warning confirm" id={props.id.clone()} data-command={props.command.clone()} {onsubmit}>
            { text::para(text::strong(props.title.clone())) }
            <p id={id("warning")}>{ props.warning.clone() }</p>
            { props.children.clone() }
            <label for={id("input")}>{ props.label.clone() }{ ": " }{ text::code(props.word.clone()) }</label>
            <input id={id("input")} type="text" autocomplete="off" spellcheck="false"
                value={props.typed.clone()} {oninput} aria-describedby={id("warning")} />
            <p class="card-actions">
                <button type="submit" id={id("button")} class="danger" disabled={!props.ready}>
                    { props.confirm_label.clone() }
                </button>
                <button type="button" id={props.keep_id.clone()} onclick={keep}>{ props.keep_label.clone() }</button>
            </p>
        </form>
    }
}
use super::text;
