//! Text-level elements holding one child: `<strong>`, `<code>`, a muted `<span>`, a plain
//! `<p>`, `<h3>`, `<li>` or `<legend>`, an `<h2>` with its id.
//!
//! `html!` builds each element inline where it is written, so these small ones, written out in
//! many views, are built here once instead (wasm size); `#[inline(never)]` keeps LLVM from
//! copying them back.

use yew::prelude::*;

/// `<{name}>{child}</{name}>` with no attribute.
#[inline(never)]
fn bare(name: &'static str, child: Html) -> Html {
    html! { <@{name}>{ child }</@> }
}

/// `<strong>{text}</strong>`.
pub fn strong(text: impl Into<Html>) -> Html {
    bare("strong", text.into())
}

/// `<code>{text}</code>`.
pub fn code(text: impl Into<Html>) -> Html {
    bare("code", text.into())
}

/// `<p>{text}</p>`.
pub fn para(text: impl Into<Html>) -> Html {
    bare("p", text.into())
}

/// `<h3>{text}</h3>`.
pub fn h3(text: impl Into<Html>) -> Html {
    bare("h3", text.into())
}

/// `<li>{text}</li>`.
pub fn li(text: impl Into<Html>) -> Html {
    bare("li", text.into())
}

/// `<legend>{text}</legend>`.
pub fn legend(text: impl Into<Html>) -> Html {
    bare("legend", text.into())
}

/// `<code class="wrap">{text}</code>`: code that may break anywhere (serials, DNs).
pub fn wrap_code(text: impl Into<Html>) -> Html {
    wrap_code_html(text.into())
}

#[inline(never)]
fn wrap_code_html(text: Html) -> Html {
    html! { <code class="wrap">{ text }</code> }
}

/// `<span class="muted">{text}</span>`.
pub fn muted(text: impl Into<Html>) -> Html {
    muted_html(text.into())
}

#[inline(never)]
fn muted_html(text: Html) -> Html {
    html! { <span class="muted">{ text }</span> }
}

/// `<h2 id={id}>{text}</h2>`: a card's title, which its section is labelled by.
pub fn h2(id: &'static str, text: impl Into<Html>) -> Html {
    h2_html(id, text.into())
}

#[inline(never)]
fn h2_html(id: &'static str, text: Html) -> Html {
    html! { <h2 {id}>{ text }</h2> }
}
