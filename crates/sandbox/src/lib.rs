#![doc = include_str!("../README.md")]
// Handlers' helpers return the failure answer to send as their `Err` (an axum `Response`).
#![allow(clippy::result_large_err)]

mod api;
mod cert_manager;
mod demo;
mod error;
mod gateway;
pub mod guard;
mod pki;
mod private_ca;
mod tls_identity;
mod zip;

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use axum::routing::{get, post};
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;

pub use error::{ErrorKind, SandboxError};
pub use gateway::MAX_BODY_BYTES;
pub use tls_identity::{localhost_tls_identity, TlsIdentity};

/// Access key of the sandbox's main account (works for every route).
pub const DEMO_MAIN_ACCESS_KEY: &str = "SBXMAINACCESSKEY0001";
/// Secret key of the sandbox's main account. Grants nothing outside the sandbox.
pub const DEMO_MAIN_SECRET_KEY: &str = "SBXmainSecretKeyForTheOfflineSandbox0001";
/// Access key of the sandbox's sub account (Certificate Manager v2 answers it with HTTP 403).
pub const DEMO_SUB_ACCESS_KEY: &str = "SBXSUBACCESSKEY00001";
/// Secret key of the sandbox's sub account. Grants nothing outside the sandbox.
pub const DEMO_SUB_SECRET_KEY: &str = "SBXsubSecretKeyForTheOfflineSandbox00001";

/// Whether a log written to a stream should be coloured: only on a terminal, and not when
/// `NO_COLOR` is set (<https://no-color.org>). A log redirected to a file, as `cargo xtask serve`
/// does, stays plain text. Shared by this crate's binary and certkit-proxy's.
pub fn log_colours(stream_is_terminal: bool) -> bool {
    stream_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
}

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

/// NCP member number of the sandbox's account (`nrn`, `memberNo`; made up).
pub(crate) const MEMBER_NO: &str = "2730001";

/// Page size of Get CA List and Get End Cert List, and Certificate Manager's default
/// `pageSize` (the docs give none).
pub const DEFAULT_PAGE_SIZE: usize = 20;
/// How long an activated sub CA stays PENDING, and a requested Certificate Manager revocation
/// REQUEST_REVOKE, before the change shows ("within seconds").
pub const DEFAULT_SETTLE_DELAY: Duration = Duration::from_secs(2);

/// How to start a sandbox.
#[derive(Clone, Debug, Default)]
pub struct SandboxConfig {
    /// Offset added to the machine clock, in milliseconds (negative: the sandbox is behind).
    pub clock_offset_ms: i64,
    /// Fixed tags for the seeded CAs; `None` draws NCP-looking random ones.
    pub ca_tags: Option<CaTags>,
    /// Items per page of the paged lists; `None` (or 0): [`DEFAULT_PAGE_SIZE`].
    pub page_size: Option<usize>,
    /// How long Activate Sub CA's PENDING (and Revoke Certificate's REQUEST_REVOKE) lasts;
    /// `None`: [`DEFAULT_SETTLE_DELAY`]. Tests set zero or a short delay.
    pub settle_delay: Option<Duration>,
    /// Also serve Download Certificate the older way, `GET` without a body (C5); off by
    /// default (faithful to the newest docs, which say POST).
    pub download_via_get: bool,
}

/// An in-memory NCP: gateway, Private CA and Certificate Manager. Cheap to clone (shared state).
#[derive(Clone)]
pub struct Sandbox {
    inner: Arc<Inner>,
}

struct Inner {
    clock_offset_ms: AtomicI64,
    seeded: CaTags,
    page_size: usize,
    settle_delay_ms: u64,
    download_via_get: bool,
    cas: Mutex<private_ca::CaStore>,
    external_root: demo::ExternalRoot,
    public_ca: cert_manager::PublicCa,
    certificates: Mutex<cert_manager::CertificateStore>,
    demo_ca_quota: demo::DemoCaQuota,
    /// Key generation and signing run at most this many at a time, so that a flood of
    /// RSA-4096 requests queues instead of starving the machine.
    heavy_permits: Arc<tokio::sync::Semaphore>,
}

/// CPU-heavy tasks (key generation, signing) run at once, at most.
pub const MAX_HEAVY_TASKS: usize = 2;

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
        let (store, external_root, public_ca) = std::thread::scope(|scope| {
            let external = scope.spawn(|| demo::ExternalRoot::generate(clock.now()));
            let public = scope.spawn(|| cert_manager::PublicCa::generate(clock.now()));
            let store = private_ca::CaStore::seed(&tags, clock.now());
            let failed = |what: &str| {
                SandboxError::new(ErrorKind::KeyGeneration, format!("{what} thread failed"))
            };
            let external = external
                .join()
                .unwrap_or_else(|_| Err(failed("external root generation")));
            let public = public
                .join()
                .unwrap_or_else(|_| Err(failed("public CA generation")));
            (store, external, public)
        });
        Ok(Self {
            inner: Arc::new(Inner {
                clock_offset_ms: AtomicI64::new(config.clock_offset_ms),
                seeded: tags,
                page_size: config
                    .page_size
                    .filter(|size| *size > 0)
                    .unwrap_or(DEFAULT_PAGE_SIZE),
                settle_delay_ms: config
                    .settle_delay
                    .unwrap_or(DEFAULT_SETTLE_DELAY)
                    .as_millis()
                    .try_into()
                    .unwrap_or(u64::MAX),
                download_via_get: config.download_via_get,
                cas: Mutex::new(store?),
                external_root: external_root?,
                public_ca: public_ca?,
                certificates: Mutex::new(cert_manager::CertificateStore::default()),
                demo_ca_quota: demo::DemoCaQuota::default(),
                heavy_permits: Arc::new(tokio::sync::Semaphore::new(MAX_HEAVY_TASKS)),
            }),
        })
    }

    /// The router: `/api/v1/...` (Private CA), `/api/v2/...` (Certificate Manager) behind the
    /// gateway checks, and the unsigned `/demo/...` routes. Mount it anywhere (`nest`): it
    /// checks signatures against the path it sees. The API paths are certkit-core's table
    /// ([`certkit_core::OperationKind::route`]); anything else is the gateway's 404.
    pub fn router(&self) -> Router {
        let api = Router::new()
            .route("/demo/credentials", get(demo::credentials))
            .route("/demo/external-ca/sign", post(demo::external_sign))
            .route("/demo/pending-ca", post(demo::new_pending_ca))
            .route(
                "/demo/dcv/{certificate_no}",
                get(demo::dcv_state).post(demo::dcv_validate),
            )
            .fallback(api::dispatch)
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

    /// The CAs, with what time changed applied (activations, scheduled deletions).
    pub(crate) fn cas(&self) -> MutexGuard<'_, private_ca::CaStore> {
        // A handler that panicked cannot leave the store half-written (every mutation is a
        // single assignment), so a poisoned lock is safe to keep using.
        let mut store = self
            .inner
            .cas
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        store.settle(self.clock().now_ms());
        store
    }

    /// The Certificate Manager certificates, with requested revocations settled.
    pub(crate) fn certificates(&self) -> MutexGuard<'_, cert_manager::CertificateStore> {
        let mut store = self
            .inner
            .certificates
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        store.settle(self.clock().now_ms());
        store
    }

    pub(crate) fn public_ca(&self) -> &cert_manager::PublicCa {
        &self.inner.public_ca
    }

    pub(crate) fn page_size(&self) -> usize {
        self.inner.page_size
    }

    pub(crate) fn activation_delay_ms(&self) -> u64 {
        self.inner.settle_delay_ms
    }

    pub(crate) fn download_via_get(&self) -> bool {
        self.inner.download_via_get
    }

    pub(crate) fn demo_ca_quota(&self) -> &demo::DemoCaQuota {
        &self.inner.demo_ca_quota
    }

    pub(crate) fn external_root(&self) -> &demo::ExternalRoot {
        &self.inner.external_root
    }

    /// Runs CPU-heavy work (key generation, signing) off the async workers, at most
    /// [`MAX_HEAVY_TASKS`] at a time; later requests wait their turn. `Err` only if the task
    /// itself failed (panicked).
    pub(crate) async fn heavy_task<R: Send + 'static>(
        &self,
        work: impl FnOnce() -> R + Send + 'static,
    ) -> Result<R, String> {
        // The semaphore is never closed, so acquiring cannot fail in practice.
        let _permit = Arc::clone(&self.inner.heavy_permits)
            .acquire_owned()
            .await
            .map_err(|e| e.to_string())?;
        tokio::task::spawn_blocking(work)
            .await
            .map_err(|e| e.to_string())
    }

    /// [`Sandbox::heavy_task`] for work that fails with a [`SandboxError`].
    pub(crate) async fn heavy<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T, SandboxError> + Send + 'static,
    ) -> Result<T, SandboxError> {
        self.heavy_task(work).await.unwrap_or_else(|e| {
            Err(SandboxError::new(
                ErrorKind::Certificate,
                format!("signing task failed: {e}"),
            ))
        })
    }

    /// Tasks waiting for or holding a heavy-work permit right now (for tests and metrics).
    pub fn heavy_tasks_in_use(&self) -> usize {
        MAX_HEAVY_TASKS.saturating_sub(self.inner.heavy_permits.available_permits())
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

#[cfg(test)]
mod heavy_tests {
    use super::*;

    /// A flood of heavy work queues: never more than `MAX_HEAVY_TASKS` run at once, and the
    /// rest run as permits come back.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn heavy_work_runs_at_most_two_at_a_time() {
        let sandbox = Sandbox::new(SandboxConfig::default()).unwrap();
        let running = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let most = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let finished = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let (release, gate) = std::sync::mpsc::channel::<()>();
        let gate = Arc::new(Mutex::new(gate));
        let mut tasks = Vec::new();
        for _ in 0..6 {
            let (sandbox, running, most, gate, finished) = (
                sandbox.clone(),
                Arc::clone(&running),
                Arc::clone(&most),
                Arc::clone(&gate),
                Arc::clone(&finished),
            );
            tasks.push(tokio::spawn(async move {
                sandbox
                    .heavy_task(move || {
                        let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                        most.fetch_max(now, Ordering::SeqCst);
                        // Held until the test lets one task finish.
                        let _ = gate.lock().unwrap().recv();
                        running.fetch_sub(1, Ordering::SeqCst);
                        finished.fetch_add(1, Ordering::SeqCst);
                    })
                    .await
            }));
        }
        for done in 0..6 {
            // Two run while at least two are left (the rest wait); then one is let go and
            // the next round starts once it has finished.
            let expected = (6 - done).min(MAX_HEAVY_TASKS);
            while running.load(Ordering::SeqCst) < expected {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            release.send(()).unwrap();
            while finished.load(Ordering::SeqCst) <= done {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
        }
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        assert_eq!(most.load(Ordering::SeqCst), MAX_HEAVY_TASKS);
        assert_eq!(sandbox.heavy_tasks_in_use(), 0);
    }
}
