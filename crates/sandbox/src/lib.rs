#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

mod cert_manager;
mod demo;
mod error;
mod gateway;
mod pki;
mod private_ca;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::routing::{get, post};
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;

pub use error::{ErrorKind, SandboxError};
pub use gateway::MAX_BODY_BYTES;

/// Access key of the sandbox's main account (works for every route).
pub const DEMO_MAIN_ACCESS_KEY: &str = "SBXMAINACCESSKEY0001";
/// Secret key of the sandbox's main account. Grants nothing outside the sandbox.
pub const DEMO_MAIN_SECRET_KEY: &str = "SBXmainSecretKeyForTheOfflineSandbox0001";
/// Access key of the sandbox's sub account (Certificate Manager v2 answers it with HTTP 403).
pub const DEMO_SUB_ACCESS_KEY: &str = "SBXSUBACCESSKEY00001";
/// Secret key of the sandbox's sub account. Grants nothing outside the sandbox.
pub const DEMO_SUB_SECRET_KEY: &str = "SBXsubSecretKeyForTheOfflineSandbox00001";

/// The tags of the three CAs seeded at start.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct CaTags {
    /// The ACTIVE root CA (`PRIVATE_ROOT`).
    pub root: String,
    /// The ACTIVE issuing CA under the root (`PRIVATE_SUB`): issue end certificates here.
    pub issuing: String,
    /// The sub CA seeded PENDING, waiting for Activate Sub CA.
    pub pending: String,
}

/// How to start a sandbox.
#[derive(Clone, Debug, Default)]
pub struct SandboxConfig {
    /// Offset added to the machine clock, in milliseconds (negative: the sandbox is behind).
    pub clock_offset_ms: i64,
    /// Fixed tags for the seeded CAs; `None` draws NCP-looking random ones.
    pub ca_tags: Option<CaTags>,
}

/// An in-memory NCP: gateway, Private CA and Certificate Manager. Cheap to clone (shared state).
#[derive(Clone)]
pub struct Sandbox {
    inner: Arc<Inner>,
}

struct Inner {
    clock_offset_ms: AtomicI64,
    seeded: CaTags,
    cas: Mutex<private_ca::CaStore>,
    external_root: demo::ExternalRoot,
    requests: Mutex<cert_manager::RequestStore>,
    demo_ca_quota: demo::DemoCaQuota,
}

impl Sandbox {
    /// Generates the seeded CAs (RSA-2048 keys, so this takes well under a second in an
    /// optimised build) and the external demo root.
    pub fn new(config: SandboxConfig) -> Result<Self, SandboxError> {
        let clock = Clock(config.clock_offset_ms);
        let tags = match config.ca_tags {
            Some(tags) => tags,
            None => CaTags {
                root: private_ca::random_ca_tag(),
                issuing: private_ca::random_ca_tag(),
                pending: private_ca::random_ca_tag(),
            },
        };
        if tags.root == tags.issuing || tags.root == tags.pending || tags.issuing == tags.pending {
            return Err(SandboxError::new(
                ErrorKind::Config,
                "ca_tags: root, issuing and pending must be three different tags",
            ));
        }
        let (store, external_root) = std::thread::scope(|scope| {
            let external = scope.spawn(|| demo::ExternalRoot::generate(clock.now()));
            let store = private_ca::CaStore::seed(&tags, clock.now());
            let external = external.join().unwrap_or_else(|_| {
                Err(SandboxError::new(
                    ErrorKind::KeyGeneration,
                    "external root generation thread failed",
                ))
            });
            (store, external)
        });
        Ok(Self {
            inner: Arc::new(Inner {
                clock_offset_ms: AtomicI64::new(config.clock_offset_ms),
                seeded: tags,
                cas: Mutex::new(store?),
                external_root: external_root?,
                requests: Mutex::new(cert_manager::RequestStore::default()),
                demo_ca_quota: demo::DemoCaQuota::default(),
            }),
        })
    }

    /// The router: `/api/v1/...` (Private CA), `/api/v2/...` (Certificate Manager) behind the
    /// gateway checks, and the unsigned `/demo/...` routes. Mount it anywhere (`nest`): it
    /// checks signatures against the path it sees.
    pub fn router(&self) -> Router {
        let api = Router::new()
            .route("/api/v1/ca", get(private_ca::list))
            .route("/api/v1/ca/{ca_tag}", get(private_ca::detail))
            .route("/api/v1/ca/{ca_tag}/cert", post(private_ca::issue_end_cert))
            .route("/api/v1/ca/{ca_tag}/sub/csr", get(private_ca::sub_csr))
            .route("/api/v1/ca/{ca_tag}/activate", post(private_ca::activate))
            .route("/api/v1/ca/{ca_tag}/chain", get(private_ca::chain))
            .route(
                "/api/v2/certificate/requestCertificateIssuance",
                post(cert_manager::request_issuance),
            )
            .route(
                "/api/v2/certificate/getVerificationInfo/{certificate_no}",
                get(cert_manager::verification_info),
            )
            .route("/demo/credentials", get(demo::credentials))
            .route("/demo/external-ca/sign", post(demo::external_sign))
            .route("/demo/pending-ca", post(demo::new_pending_ca))
            .fallback(gateway::not_found)
            .method_not_allowed_fallback(gateway::not_found);
        // The gateway runs outermost so that even the panic answer gets its `Date` header and
        // log line; a handler panic (a bug) answers 500 instead of dropping the connection.
        api.layer(CatchPanicLayer::custom(gateway::panic_response))
            .layer(axum::middleware::from_fn_with_state(
                self.clone(),
                gateway::gateway,
            ))
            .with_state(self.clone())
    }

    /// Sets the sandbox clock to the machine clock plus `offset_ms`; later requests see it.
    pub fn set_clock_offset_ms(&self, offset_ms: i64) {
        self.inner
            .clock_offset_ms
            .store(offset_ms, Ordering::Relaxed);
    }

    /// The current clock offset in milliseconds.
    pub fn clock_offset_ms(&self) -> i64 {
        self.inner.clock_offset_ms.load(Ordering::Relaxed)
    }

    /// The tags of the CAs seeded at start.
    pub fn ca_tags(&self) -> CaTags {
        self.inner.seeded.clone()
    }

    /// The sandbox's PEM of the "External Demo Root CA" that `/demo/external-ca/sign` uses.
    pub fn external_root_pem(&self) -> &str {
        self.inner.external_root.pem()
    }

    pub(crate) fn clock(&self) -> Clock {
        Clock(self.clock_offset_ms())
    }

    pub(crate) fn cas(&self) -> MutexGuard<'_, private_ca::CaStore> {
        // A handler that panicked cannot leave the store half-written (every mutation is a
        // single assignment), so a poisoned lock is safe to keep using.
        self.inner
            .cas
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn requests(&self) -> MutexGuard<'_, cert_manager::RequestStore> {
        self.inner
            .requests
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn demo_ca_quota(&self) -> &demo::DemoCaQuota {
        &self.inner.demo_ca_quota
    }

    pub(crate) fn external_root(&self) -> &demo::ExternalRoot {
        &self.inner.external_root
    }
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("ca_tags", &self.inner.seeded)
            .field("clock_offset_ms", &self.clock_offset_ms())
            .finish_non_exhaustive()
    }
}

/// The sandbox clock: machine time plus an offset.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Clock(i64);

impl Clock {
    /// Now, in Unix epoch milliseconds.
    pub(crate) fn now_ms(self) -> u64 {
        let machine = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
            .unwrap_or(0);
        u64::try_from(machine.saturating_add(self.0)).unwrap_or(0)
    }

    /// Now, as a `SystemTime`.
    pub(crate) fn now(self) -> SystemTime {
        UNIX_EPOCH + Duration::from_millis(self.now_ms())
    }
}
