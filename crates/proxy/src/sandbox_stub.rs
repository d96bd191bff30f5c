//! TEMPORARY stand-in until certkit-sandbox compiles.
#![allow(missing_docs, dead_code)]
#[derive(Default)]
pub struct SandboxConfig {
    _private: (),
}
#[derive(Clone)]
pub struct Sandbox;
impl Sandbox {
    pub fn new(_: SandboxConfig) -> Result<Self, String> {
        Err("stub".into())
    }
    pub fn router(&self) -> axum::Router {
        axum::Router::new()
    }
}
