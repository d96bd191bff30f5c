#![doc = include_str!("../README.md")]

mod browser;
mod components;
mod fields;
mod i18n;
mod pem;
mod send;
mod state;

#[cfg(target_arch = "wasm32")]
fn main() {
    yew::Renderer::<components::app::App>::new().render();
}

/// Natively the crate exists for its unit tests (`cargo test -p certkit-web`). Naming the
/// renderer (without running it) keeps every component compiled and linted natively too.
#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let _render = yew::Renderer::<components::app::App>::new;
}
