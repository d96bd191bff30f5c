//! This tab's past requests (no private keys), reopenable.

use certkit_core::response::parse_response;
use yew::prelude::*;

use super::nav::page_title;
use super::use_store;
use crate::i18n::{failure_title, Msg};
use crate::state::{dom_name, Action, Page};

/// The History page.
#[function_component(HistoryPage)]
pub fn history_page() -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let clear = {
        let store = store.clone();
        Callback::from(move |_| store.dispatch(Action::ClearHistory))
    };
    html! {
        <section class="page" aria-labelledby="history-title">
            <h1 id="history-title">{ Msg::HistoryTitle.text(lang) }</h1>
            <p class="help">{ Msg::HistoryHelp.text(lang) }</p>
            if store.history.is_empty() {
                <p id="history-empty">{ Msg::HistoryEmpty.text(lang) }</p>
            } else {
                <div class="table-wrap">
                <table class="history stack">
                    <thead><tr>
                        <th scope="col">{ Msg::When.text(lang) }</th>
                        <th scope="col">{ Msg::Operation.text(lang) }</th>
                        <th scope="col">{ Msg::Site.text(lang) }</th>
                        <th scope="col">{ Msg::Status.text(lang) }</th>
                        <th scope="col">{ Msg::Outcome.text(lang) }</th>
                        <th scope="col"><span class="visually-hidden">{ Msg::Reopen.text(lang) }</span></th>
                    </tr></thead>
                    <tbody>
                        { for store.history.iter().map(|entry| {
                            let c = &entry.completed;
                            let outcome = match parse_response(entry.op, c.response.status, &c.response.body) {
                                Ok(_) => Msg::Success.text(lang).to_string(),
                                Err(f) => failure_title(lang, f.kind),
                            };
                            let when = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(entry.at_ms))
                                .to_locale_time_string(lang.code())
                                .as_string()
                                .unwrap_or_default();
                            let reopen = {
                                let store = store.clone();
                                let id = entry.id;
                                Callback::from(move |_| store.dispatch(Action::ReopenHistory(id)))
                            };
                            html! {
                                <tr data-op={dom_name(entry.op)}>
                                    <td data-label={Msg::When.text(lang)}>{ when }</td>
                                    <td data-label={Msg::Operation.text(lang)}>{ Page::of(entry.op).map_or(entry.op.as_str(), |p| page_title(p).text(lang)) }</td>
                                    <td data-label={Msg::Site.text(lang)}>{ entry.site.id() }</td>
                                    <td data-label={Msg::Status.text(lang)}>{ c.response.status }</td>
                                    <td data-label={Msg::Outcome.text(lang)}>{ outcome }</td>
                                    <td><button type="button" class="small reopen" onclick={reopen}>{ Msg::Reopen.text(lang) }</button></td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                </div>
                <button type="button" onclick={clear}>{ Msg::ClearHistory.text(lang) }</button>
            }
        </section>
    }
}
