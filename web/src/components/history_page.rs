//! This tab's past requests (no private keys), reopenable, exportable as JSON.

use yew::prelude::*;

use super::button::button;
use super::dispatch_on;
use super::help;
use super::nav::page_title;
use super::table;
use super::text;
use super::use_store;
use crate::browser;
use crate::i18n::{failure_title, Lang, Msg};
use crate::state::history::to_json;
use crate::state::{dom_name, Action, HistoryEntry, Page, Summary};

/// The file "Export as JSON" offers.
const EXPORT_FILE: &str = "ncp-certkit-history.json";

/// An entry's time, in the browser's format for `lang`.
pub fn local_time(at_ms: f64, lang: Lang) -> String {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at_ms))
        .to_locale_time_string(lang.code())
        .as_string()
        .unwrap_or_default()
}

/// An entry's operation, by its page's name.
pub fn operation_name(entry: &HistoryEntry, lang: Lang) -> &'static str {
    Page::of(entry.op).map_or(entry.op.as_str(), |p| page_title(p).text(lang))
}

/// Success, or the failure's title.
pub fn outcome_text(summary: &Summary, lang: Lang) -> String {
    match summary.outcome {
        Ok(()) => Msg::Success.text(lang).to_string(),
        Err(kind) => failure_title(lang, kind),
    }
}

/// A value, or a muted "none".
fn value_or_none(value: &Option<String>, lang: Lang) -> Html {
    match value {
        Some(v) => text::wrap_code(v.clone()),
        None => text::muted(Msg::NoneValue.text(lang)),
    }
}

/// The History page.
#[function_component(HistoryPage)]
pub fn history_page() -> Html {
    let Some(store) = use_store() else {
        return Html::default();
    };
    let lang = store.lang;
    let clear = dispatch_on(&store, Action::ClearHistory);
    let export = {
        let store = store.clone();
        Callback::from(move |_| {
            let json = to_json(&store.history);
            browser::download(EXPORT_FILE, "application/json", json.as_bytes());
        })
    };
    html! {
        <section class="page" aria-labelledby="history-title">
            <h1 id="history-title">{ Msg::HistoryTitle.text(lang) }</h1>
            { help(Msg::HistoryHelp.text(lang)) }
            { help(Msg::HistoryStored.text(lang)) }
            if store.history.is_empty() {
                <p id="history-empty">{ Msg::HistoryEmpty.text(lang) }</p>
            } else {
                <div class="table-wrap">
                <table class="history stack">
                    <thead><tr>
                        { table::col_heads(&[Msg::When.text(lang), Msg::Operation.text(lang), Msg::Site.text(lang), Msg::HistoryCaTag.text(lang), Msg::HistoryName.text(lang), Msg::HistorySerial.text(lang), Msg::Status.text(lang), Msg::Outcome.text(lang)]) }
                        <th scope="col"><span class="visually-hidden">{ Msg::Reopen.text(lang) }</span></th>
                    </tr></thead>
                    <tbody>
                        { for store.history.iter().map(|entry| {
                            let summary = entry.summary();
                            let when = local_time(entry.at_ms, lang);
                            let reopen = {
                                let store = store.clone();
                                let key = entry.key;
                                Callback::from(move |_| store.dispatch(Action::ReopenHistory(key)))
                            };
                            // Says which row the button reopens, for screen readers.
                            let reopen_label = format!("{}: {} {}", Msg::Reopen.text(lang),
                                operation_name(entry, lang), summary.name.clone().unwrap_or_default());
                            html! {
                                <tr key={entry.key} data-op={dom_name(entry.op)} data-key={entry.key.to_string()}>
                                    { table::cell(Msg::When.text(lang), when) }
                                    { table::cell(Msg::Operation.text(lang), operation_name(entry, lang)) }
                                    { table::cell(Msg::Site.text(lang), entry.site.id()) }
                                    <td data-label={Msg::HistoryCaTag.text(lang)} class="ca-tag">{ value_or_none(&summary.ca_tag, lang) }</td>
                                    <td data-label={Msg::HistoryName.text(lang)} class="name">{ value_or_none(&summary.name, lang) }</td>
                                    <td data-label={Msg::HistorySerial.text(lang)} class="serial">{ value_or_none(&summary.serial, lang) }</td>
                                    { table::cell(Msg::Status.text(lang), entry.completed.response.status) }
                                    <td data-label={Msg::Outcome.text(lang)} class="outcome">{ outcome_text(&summary, lang) }</td>
                                    <td><button type="button" class="small reopen" onclick={reopen}
                                        aria-label={reopen_label}>{ Msg::Reopen.text(lang) }</button></td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                </div>
                <p class="card-actions">
                    { button("export-history", export, Msg::ExportHistory.text(lang)) }
                    { button("clear-history", clear, Msg::ClearHistory.text(lang)) }
                </p>
            }
        </section>
    }
}
