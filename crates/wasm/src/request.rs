//! What `buildRequest` and the client share: the connection options (site, key pair, base
//! URL), reading an operation's input, and building and signing its request.

use certkit_core::signing::Credentials;
use certkit_core::{BuildError, Operation, OperationKind, Request, Secret, Site, Target};
use serde::Deserialize;
use tsify::Tsify;
use wasm_bindgen::prelude::*;

use crate::convert::{operation, JsOptions};
use crate::error::{error, ErrorCode};

/// Where to send and with which key: the options `buildRequest` and `createClient` share.
/// `Debug` redacts the secret key.
#[derive(Debug, Deserialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionOptions {
    /// `public` (default), `gov` or `fin`.
    #[serde(default)]
    #[tsify(optional, type = "Site")]
    pub site: Option<String>,
    /// The API access key id.
    pub access_key: String,
    /// The API secret key; it only keys signatures and is never sent.
    #[tsify(type = "string")]
    pub secret_key: Secret,
    /// Send here instead of NCP's host for the site, e.g. the sandbox
    /// `http://127.0.0.1:8081` or a proxy route; the signature still covers `/api/v...`.
    /// `https:` only, except `http:` to localhost, 127.0.0.0/8 or `[::1]`.
    #[serde(default)]
    #[tsify(optional)]
    pub base_url: Option<String>,
}

impl ConnectionOptions {
    /// Reads the options from `options` (other keys, such as `fetch` or `timestampMs`, are
    /// left to their readers).
    pub(crate) fn from_js(options: &JsOptions<'_>) -> Result<Self, JsValue> {
        Ok(ConnectionOptions {
            site: options.opt_string("site")?,
            access_key: options.string("accessKey")?,
            secret_key: Secret::from(options.string("secretKey")?),
            base_url: options.opt_string("baseUrl")?,
        })
    }

    /// The target and the key pair, or `invalid_argument` for an unknown site.
    pub(crate) fn into_parts(self) -> Result<(Target, Credentials), JsValue> {
        let target = target(self.site.as_deref(), self.base_url.as_deref())?;
        Ok((target, Credentials::new(self.access_key, self.secret_key)))
    }
}

/// Turns `site`/`baseUrl` options into core's target.
fn target(site: Option<&str>, base_url: Option<&str>) -> Result<Target, JsValue> {
    let site = match site {
        Some(name) => name
            .parse::<Site>()
            .map_err(|e| error(ErrorCode::InvalidArgument, &e.to_string(), &[]))?,
        None => Site::Public,
    };
    Ok(match base_url {
        Some(url) if !url.is_empty() => {
            certkit_core::check_base_url(url).map_err(|e| {
                error(
                    ErrorCode::InvalidArgument,
                    &format!("baseUrl {url:?}: {e}"),
                    &[],
                )
            })?;
            Target::BaseUrl(url.to_string())
        }
        _ => Target::Site(site),
    })
}

/// Reads an operation's input, or throws `invalid_input` with the one problem (input that is
/// not an object, or a field of an impossible shape).
pub(crate) fn parse_operation(kind: OperationKind, input: &JsValue) -> Result<Operation, JsValue> {
    operation(kind, input).map_err(|problem| {
        error(
            ErrorCode::InvalidInput,
            &problem.message,
            std::slice::from_ref(&problem),
        )
    })
}

/// Builds and signs an operation's request; throws `invalid_input` with the problems when the
/// input is invalid, `not_offered` when the site lacks the operation.
pub(crate) fn sign_request(
    op: &Operation,
    target: &Target,
    credentials: &Credentials,
    timestamp_ms: u64,
) -> Result<Request, JsValue> {
    Request::build(op, target, credentials, timestamp_ms).map_err(|e| match &e {
        BuildError::NotOffered(_) => error(ErrorCode::NotOffered, &e.to_string(), &[]),
        _ => error(ErrorCode::InvalidInput, &e.to_string(), e.problems()),
    })
}
