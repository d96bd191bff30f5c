//! The caTag input: free typing, plus the CAs that Get CA List (`GET /api/v1/ca`) lists.

use certkit_core::operation::OperationKind;
use yew::prelude::*;

use super::form_field::InputProps;
use super::help;
use super::helper_error;
use super::text;
use super::use_store;
use crate::browser;
use crate::i18n::Msg;
use crate::send;
use crate::state::Load;

/// caTag with a CA list.
#[function_component(CaTagInput)]
pub fn ca_tag_input(props: &InputProps) -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let list_id = format!("{}-cas", props.id);
    let oninput = props
        .onchange
        .reform(|e: InputEvent| browser::target_value(&e));
    let loading = store.loads.ca_list == Load::Loading;
    let load = {
        let store = store.clone();
        // aria-disabled rather than disabled while loading: a disabled button drops focus.
        Callback::from(move |_| {
            if !loading {
                send::load_ca_list(&store, store.dispatcher())
            }
        })
    };
    let cas = match &store.loads.ca_list {
        Load::Loaded((_, list)) => list.clone(),
        _ => Vec::new(),
    };
    let pick = |tag: String| {
        let onchange = props.onchange.clone();
        Callback::from(move |_| onchange.emit(tag.clone()))
    };
    html! {
        <>
            <div class="with-button">
                <input id={props.id.clone()} name="caTag" type="text" list={list_id.clone()}
                    value={props.value.clone()} aria-describedby={props.describedby.clone()}
                    aria-invalid={props.invalid.then_some("true")} aria-required="true"
                    spellcheck="false" autocomplete="off" {oninput} onblur={props.onblur.clone()} />
                <button type="button" class="small" onclick={load} data-action="list-cas"
                    aria-disabled={loading.then_some("true")}>
                    { Msg::CaPickerLoad.text(lang) }
                </button>
            </div>
            <datalist id={list_id}>
                { for cas.iter().map(|ca| html! {
                    <option value={ca.ca_tag.clone()}>{ format!("{} · {} · {}", ca.alias, ca.ca_type, ca.status) }</option>
                }) }
            </datalist>
            <div aria-live="polite" class="ca-list-status">
                { match &store.loads.ca_list {
                    Load::Loading => html! { <p class="status">{ Msg::CaPickerLoading.text(lang) }</p> },
                    Load::Failed(error) => helper_error::notice(Msg::CaPickerFailed, error.clone()),
                    Load::Loaded((_, list)) => html! {
                        <ul class="ca-list" aria-label={Msg::CaPickerHint.text_with_endpoint(lang, OperationKind::GetCaList)}>
                            { for list.iter().map(|ca| html! {
                                <li>
                                    <button type="button" class="ca-choice" onclick={pick(ca.ca_tag.clone())}
                                        aria-pressed={(props.value == ca.ca_tag).to_string()}
                                        data-ca-tag={ca.ca_tag.clone()} data-status={ca.status.clone()}>
                                        { text::code(ca.ca_tag.clone()) }
                                        <span>{ format!(" {} · {} · ", ca.alias, ca.ca_type) }</span>
                                        <span class={classes!("badge", (ca.status == "ACTIVE").then_some("ok"))}>{ ca.status.clone() }</span>
                                    </button>
                                </li>
                            }) }
                        </ul>
                    },
                    Load::Idle => help(Msg::CaPickerHint.text_with_endpoint(lang, OperationKind::GetCaList)),
                } }
            </div>
        </>
    }
}
