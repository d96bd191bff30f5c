//! A plain button that runs a callback: `<button type="button" id=… onclick=…>label</button>`.
//!
//! Written once here rather than inline in every view, where `html!` builds each button's tag,
//! attributes and listener in place (wasm size); `#[inline(never)]` keeps LLVM from copying
//! it back.

use yew::prelude::*;

/// `<button type="button" id={id} onclick={onclick}>{label}</button>`.
pub fn button(id: &'static str, onclick: Callback<MouseEvent>, label: &'static str) -> Html {
    button_disabled(id, onclick, false, label)
}

/// The same button, `disabled` when `disabled` (no attribute otherwise, as `html!` does).
#[inline(never)]
pub fn button_disabled(
    id: &'static str,
    onclick: Callback<MouseEvent>,
    disabled: bool,
    label: &'static str,
) -> Html {
    html! { <button type="button" {id} {onclick} {disabled}>{ label }</button> }
}
