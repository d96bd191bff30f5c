//! Pieces of the stacked tables (`<table class="stack">`): the column heads and a plain cell
//! labelled for the narrow layout.
//!
//! Built once here rather than inline in every view, where `html!` builds each cell in place
//! (wasm size); `#[inline(never)]` keeps LLVM from copying them back.

use yew::prelude::*;

/// `<thead><tr><th scope="col">{label}</th>…</tr></thead>`, one head per label, in order.
#[inline(never)]
pub fn head(labels: &[&'static str]) -> Html {
    html! { <thead><tr>{ col_heads(labels) }</tr></thead> }
}

/// `<th scope="col">{label}</th>` for each label, in order.
#[inline(never)]
pub fn col_heads(labels: &[&'static str]) -> Html {
    labels
        .iter()
        .map(|label| html! { <th scope="col">{ *label }</th> })
        .collect()
}

/// `<td data-label={label}>{value}</td>`: the label names the column when the row is stacked.
pub fn cell(label: &'static str, value: impl Into<Html>) -> Html {
    cell_html(label, value.into())
}

#[inline(never)]
fn cell_html(label: &'static str, value: Html) -> Html {
    html! { <td data-label={label}>{ value }</td> }
}
