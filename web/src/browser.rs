//! The edges to the browser: clock, origin, HTTP (with cancel), focus, the location's hash,
//! sessionStorage, clipboard, downloads and files. Everything else in the app is plain Rust.
//!
//! Each function degrades to a harmless default when a browser API is missing (and outside a
//! browser), so nothing here can panic.

use std::cell::RefCell;
use std::collections::BTreeMap;

use gloo_net::http::{Method, RequestBuilder};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::state::HttpResponse;

/// Milliseconds since the Unix epoch, from the local clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The `value` of an event's target (an input, a textarea or a select), or "" without one.
pub fn target_value(event: &web_sys::Event) -> String {
    event
        .target()
        .and_then(|target| js_sys::Reflect::get(&target, &"value".into()).ok())
        .and_then(|value| value.as_string())
        .unwrap_or_default()
}

/// The page's origin, e.g. `http://127.0.0.1:8080`.
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}

thread_local! {
    static NEXT_ID: RefCell<u32> = const { RefCell::new(1) };
    static IN_FLIGHT: RefCell<BTreeMap<u32, web_sys::AbortController>> =
        const { RefCell::new(BTreeMap::new()) };
}

/// A fresh request id.
pub fn next_id() -> u32 {
    NEXT_ID.with(|n| {
        let mut n = n.borrow_mut();
        let id = *n;
        *n = n.wrapping_add(1);
        id
    })
}

/// Why no HTTP answer came.
#[derive(Debug)]
pub enum FetchError {
    /// Cancelled with [`cancel`].
    Aborted,
    /// The browser's message.
    Network(String),
}

/// An answer as bytes (Download Certificate's ZIP), with its status and `Date` header.
pub struct BytesResponse {
    /// HTTP status.
    pub status: u16,
    /// The `Date` header.
    pub date: Option<String>,
    /// The body.
    pub bytes: Vec<u8>,
}

/// Sends a request and reads the whole answer as text. `id` makes it cancellable with
/// [`cancel`].
pub async fn fetch(
    id: u32,
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: Option<&str>,
) -> Result<HttpResponse, FetchError> {
    fetch_bytes(id, method, url, headers, body)
        .await
        .map(HttpResponse::from)
}

impl From<BytesResponse> for HttpResponse {
    fn from(answer: BytesResponse) -> Self {
        HttpResponse {
            status: answer.status,
            // What `Response.text()` does: UTF-8, bad sequences replaced.
            body: String::from_utf8_lossy(&answer.bytes).into_owned(),
            date: answer.date,
        }
    }
}

/// [`fetch`], the answer's body as bytes.
pub async fn fetch_bytes(
    id: u32,
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: Option<&str>,
) -> Result<BytesResponse, FetchError> {
    let controller = web_sys::AbortController::new().ok();
    if let Some(controller) = &controller {
        IN_FLIGHT.with(|m| m.borrow_mut().insert(id, controller.clone()));
    }
    let signal = controller.as_ref().map(|c| c.signal());
    let method = match method {
        "GET" => Method::GET,
        "PUT" => Method::PUT,
        "DELETE" => Method::DELETE,
        _ => Method::POST,
    };
    let mut builder = RequestBuilder::new(url)
        .method(method)
        .abort_signal(signal.as_ref());
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    let result = async {
        let request = match body {
            Some(body) => builder.body(body.to_string()),
            None => builder.build(),
        }
        .map_err(|e| FetchError::Network(e.to_string()))?;
        let response = request
            .send()
            .await
            .map_err(|e| FetchError::Network(e.to_string()))?;
        let status = response.status();
        let date = response.headers().get("date");
        let bytes = response
            .binary()
            .await
            .map_err(|e| FetchError::Network(e.to_string()))?;
        Ok(BytesResponse {
            status,
            date,
            bytes,
        })
    }
    .await;
    let aborted = signal.as_ref().is_some_and(web_sys::AbortSignal::aborted);
    IN_FLIGHT.with(|m| m.borrow_mut().remove(&id));
    match result {
        Err(_) if aborted => Err(FetchError::Aborted),
        other => other,
    }
}

/// Cancels request `id` if it is still in flight.
pub fn cancel(id: u32) {
    if let Some(controller) = IN_FLIGHT.with(|m| m.borrow_mut().remove(&id)) {
        controller.abort();
    }
}

/// Moves focus to element `id` and brings it into view: smoothly, unless the user asked for
/// reduced motion. `false` when no such element is on the page.
pub fn focus_and_reveal(id: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let element = window
        .document()
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    let Some(element) = element else {
        return false;
    };
    let reduced = window
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|query| query.matches());
    let focus = web_sys::FocusOptions::new();
    focus.set_prevent_scroll(true);
    let _ = element.focus_with_options(&focus);
    let view = web_sys::ScrollIntoViewOptions::new();
    view.set_block(web_sys::ScrollLogicalPosition::Center);
    view.set_behavior(if reduced {
        web_sys::ScrollBehavior::Instant
    } else {
        web_sys::ScrollBehavior::Smooth
    });
    element.scroll_into_view_with_scroll_into_view_options(&view);
    true
}

/// Whether the browser supports CSS `property: value`.
pub fn supports_css(property: &str, value: &str) -> bool {
    web_sys::css::supports_with_value(property, value).unwrap_or(false)
}

/// The location's hash (`#/inspect`), or "".
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Sets the location's hash: a new history entry, so Back returns to the page before.
pub fn set_location_hash(hash: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(hash);
    }
}

/// Replaces the location's hash without a new history entry (and without `hashchange`).
pub fn replace_location_hash(hash: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(hash));
    }
}

/// Calls `on_change` with the new hash on every `hashchange` (Back, Forward, a typed URL or a
/// link) for as long as the returned guard lives.
pub fn on_hash_change(on_change: impl Fn(String) + 'static) -> Option<HashListener> {
    let window = web_sys::window()?;
    let closure = Closure::<dyn Fn()>::new(move || on_change(location_hash()));
    window
        .add_event_listener_with_callback("hashchange", closure.as_ref().unchecked_ref())
        .ok()?;
    Some(HashListener { closure })
}

/// Removes its `hashchange` listener when dropped.
pub struct HashListener {
    closure: Closure<dyn Fn()>,
}

impl Drop for HashListener {
    fn drop(&mut self) {
        if let Some(window) = web_sys::window() {
            let _ = window.remove_event_listener_with_callback(
                "hashchange",
                self.closure.as_ref().unchecked_ref(),
            );
        }
    }
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.session_storage().ok().flatten())
}

/// Reads a sessionStorage entry.
pub fn session_get(key: &str) -> Option<String> {
    session_storage().and_then(|s| s.get_item(key).ok().flatten())
}

/// Writes (or with `None` removes) a sessionStorage entry.
pub fn session_set(key: &str, value: Option<&str>) {
    if let Some(storage) = session_storage() {
        let _ = match value {
            Some(value) => storage.set_item(key, value),
            None => storage.remove_item(key),
        };
    }
}

/// Scrolls the navigation sideways so its current item is centred (at 375 px the list is
/// wider than the screen). Only `scrollLeft` changes: the page itself does not move.
pub fn reveal_current_nav_item() {
    let document = web_sys::window().and_then(|w| w.document());
    let find = |selector: &str| {
        document
            .as_ref()
            .and_then(|d| d.query_selector(selector).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    };
    // `.main-nav` is positioned (styles.css), so the item's offsetLeft is measured from it.
    if let (Some(nav), Some(item)) = (find(".main-nav"), find(".main-nav [aria-current=\"page\"]"))
    {
        let left = item.offset_left() - (nav.client_width() - item.offset_width()) / 2;
        nav.set_scroll_left(left.max(0));
    }
}

/// Removes the element with `id` (index.html's loading placeholder, once the app mounts).
pub fn remove_by_id(id: &str) {
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id));
    if let Some(element) = element {
        element.remove();
    }
}

/// Copies text to the clipboard; `true` when the browser accepted it.
pub async fn copy_text(text: &str) -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let promise = window.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}

/// Offers `bytes` as a file download named `name`.
pub fn download(name: &str, mime: &str, bytes: &[u8]) {
    let _ = try_download(name, mime, bytes);
}

fn try_download(name: &str, mime: &str, bytes: &[u8]) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    // Revoked a little later: some browsers read the URL after click() returns.
    gloo_timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    Some(())
}

/// The text of the first file in a drop or a file input.
pub async fn first_file_text(files: Option<web_sys::FileList>) -> Option<String> {
    let file = files?.get(0)?;
    let text = JsFuture::from(file.text()).await.ok()?;
    text.as_string()
}
