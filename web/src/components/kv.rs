//! The rows of a description list (`<dl class="kv">`): a term and its description.
//!
//! `html!` builds every element inline, so each `<dt>…</dt><dd>…</dd>` written out in a view
//! is its own copy of that code in the wasm; these build the pair once (`#[inline(never)]`
//! keeps LLVM from copying it back).

use yew::prelude::*;

/// `<dt>{label}</dt><dd>{value}</dd>`.
pub fn row(label: &'static str, value: impl Into<Html>) -> Html {
    row_html(label, value.into())
}

#[inline(never)]
fn row_html(label: &'static str, value: Html) -> Html {
    html! { <><dt>{ label }</dt><dd>{ value }</dd></> }
}

/// `<dt>{label}</dt><dd id={id}>{value}</dd>`.
pub fn row_id(label: &'static str, id: &'static str, value: impl Into<Html>) -> Html {
    row_id_html(label, id, value.into())
}

#[inline(never)]
fn row_id_html(label: &'static str, id: &'static str, value: Html) -> Html {
    html! { <><dt>{ label }</dt><dd {id}>{ value }</dd></> }
}

/// `<dt>{label}</dt><dd><code>{text}</code></dd>`.
#[inline(never)]
pub fn code_row(label: &'static str, text: String) -> Html {
    html! { <><dt>{ label }</dt><dd><code>{ text }</code></dd></> }
}

/// `<dt>{label}</dt><dd><code class="wrap">{text}</code></dd>`.
#[inline(never)]
pub fn wrap_code_row(label: &'static str, text: String) -> Html {
    html! { <><dt>{ label }</dt><dd><code class="wrap">{ text }</code></dd></> }
}
