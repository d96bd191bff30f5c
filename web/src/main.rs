#![doc = include_str!("../README.md")]

mod browser;
mod components;
mod decimal;
mod fields;
mod i18n;
mod own_key;
mod pem;
mod send;
// issue 13: the Create CA wizard's requests
mod ca_wizard_flow;
mod send_certificates;
mod state;
mod webcrypto;

#[cfg(target_arch = "wasm32")]
fn main() {
    // index.html's header and loading line go as the app mounts: both happen before the
    // browser paints again, so nothing flashes.
    browser::remove_by_id("boot");
    yew::Renderer::<components::app::App>::new().render();
}

/// Natively the crate exists for its unit tests (`cargo test -p certkit-web`). Naming the
/// renderer (without running it) keeps every component compiled and linted natively too.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let _render = yew::Renderer::<components::app::App>::new;
    let _unmount_placeholder = browser::remove_by_id;
}
