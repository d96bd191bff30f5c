//! The pager under a paged list (Get CA List, Get End Cert List): previous, "Page 2 of 5
//! (currentPageNo / totalPageNo)", next, optionally the last page, and the total count.

use yew::prelude::*;

use super::use_store;
use crate::i18n::Msg;

/// Props of [`Pager`].
#[derive(Properties, PartialEq)]
pub struct PagerProps {
    /// The stem of its element ids: `{id}-previous`, `{id}-position`, `{id}-next`,
    /// `{id}-last`, `{id}-total`.
    pub id: AttrValue,
    /// The page shown (1-based).
    pub page_no: u32,
    /// `totalPageNo`, when the answer gives a usable one.
    pub total_pages: Option<u32>,
    /// Whether the answer says a page follows.
    pub has_next: bool,
    /// The total count, said after the buttons ("12 CAs in all (totalCnt)").
    #[prop_or_default]
    pub total: Option<AttrValue>,
    /// Whether a button goes to the last page (where a list oldest first has its newest).
    #[prop_or_default]
    pub offer_last: bool,
    /// A page asked for.
    pub on_go: Callback<u32>,
}

/// The pager.
#[function_component(Pager)]
pub fn pager(props: &PagerProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let id = |part: &str| format!("{}-{part}", props.id);
    let page_no = props.page_no;
    let go = |to: u32| props.on_go.reform(move |_: MouseEvent| to);
    let position = match props.total_pages {
        Some(pages) => Msg::CasPageOf
            .text(lang)
            .replace("{pages}", &pages.to_string()),
        None => Msg::CasPageOnly.text(lang).to_string(),
    }
    .replace("{page}", &page_no.to_string());
    let last = props
        .total_pages
        .filter(|last| props.offer_last && *last > page_no);
    html! {
        <div class="pager actions">
            <button type="button" id={id("previous")} disabled={page_no <= 1}
                onclick={go(page_no.saturating_sub(1))}>{ "← " }{ Msg::CasPrevious.text(lang) }</button>
            <span id={id("position")} tabindex="-1">{ position }</span>
            <button type="button" id={id("next")} disabled={!props.has_next}
                onclick={go(page_no.saturating_add(1))}>{ Msg::CasNext.text(lang) }{ " →" }</button>
            if let Some(last) = last {
                <button type="button" id={id("last")} onclick={go(last)}>{ Msg::CertsLast.text(lang) }{ " ⇥" }</button>
            }
            if let Some(total) = props.total.clone() {
                <span class="muted" id={id("total")}>{ total }</span>
            }
        </div>
    }
}
