//! The Certificate Manager page's flows: each signs and sends certkit-core operations with
//! [`crate::send`]'s helpers and reports back through [`CmAction`]s. They run in the browser
//! (they compile anywhere).

use certkit_core::certificate_manager::{
    CloudCertificate, DownloadCertificate, GetCertificateChain, ListCloudCertificates,
};
use certkit_core::operation::{wants_fallback, Operation, OperationKind};
use certkit_core::response::{
    parse_response_bytes, RequestCertificateIssuanceResponse, ResponseData,
};

use crate::browser;
use crate::send::{
    call, demo_record_created, records, send_signed_bytes, unexpected, verification, Dispatch,
};
use crate::state::{
    Action, AppState, CertCommand, CertificateListPage, CertificateView, CmAction, HelperError,
    HttpResponse, PAGE_SIZE,
};

/// Certificates asked for per page while looking for one number.
const FIND_PAGE_SIZE: u32 = 100;
/// The most pages read while looking for one number.
const FIND_MAX_PAGES: u32 = 20;

fn to(dispatch: &Dispatch, action: CmAction) {
    dispatch.dispatch(Action::Certificates(action));
}

fn list_page(page: u32, page_size: u32) -> Operation {
    ListCloudCertificates {
        page: Some(page.to_string()),
        page_size: Some(page_size.to_string()),
        certificate_name: None,
    }
    .into()
}

/// Reads page `page_no` of List Cloud Certificates.
pub fn load_certificates(state: &AppState, page_no: u32, dispatch: Dispatch) {
    let state = state.clone();
    let page_no = page_no.max(1);
    to(&dispatch, CmAction::ListLoading(page_no));
    wasm_bindgen_futures::spawn_local(async move {
        let action = match call(&state, list_page(page_no, PAGE_SIZE)).await {
            Ok(ResponseData::CertificateList(list)) => CmAction::ListLoaded(CertificateListPage {
                site: state.connection.site,
                page_no,
                list: *list,
            }),
            Ok(_) => {
                CmAction::ListFailed(page_no, unexpected(OperationKind::ListCloudCertificates))
            }
            Err(error) => CmAction::ListFailed(page_no, error),
        };
        to(&dispatch, action);
    });
}

/// The list entry of certificate `certificate_no` (no operation reads one certificate: the
/// list is walked, a page at a time), or `None` when no page has it.
async fn find(
    state: &AppState,
    certificate_no: &str,
) -> Result<Option<CloudCertificate>, HelperError> {
    for page in 1..=FIND_MAX_PAGES {
        let list = match call(state, list_page(page, FIND_PAGE_SIZE)).await? {
            ResponseData::CertificateList(list) => list,
            _ => return Err(unexpected(OperationKind::ListCloudCertificates)),
        };
        let shown = list.ssl_certificate_list.len();
        if let Some(found) = list
            .ssl_certificate_list
            .into_iter()
            .find(|c| c.certificate_no == certificate_no)
        {
            return Ok(Some(found));
        }
        let read = u64::from(page) * u64::from(FIND_PAGE_SIZE);
        let more = match list.total_count.and_then(|t| u64::try_from(t).ok()) {
            Some(total) => read < total,
            None => shown >= FIND_PAGE_SIZE as usize,
        };
        if !more || shown == 0 {
            break;
        }
    }
    Ok(None)
}

/// Reads certificate `certificate_no`'s detail: its list entry, then Get Certificate Chain.
pub fn load_certificate(state: &AppState, certificate_no: String, dispatch: Dispatch) {
    let state = state.clone();
    to(&dispatch, CmAction::DetailLoading(certificate_no.clone()));
    wasm_bindgen_futures::spawn_local(async move {
        let certificate = match find(&state, &certificate_no).await {
            Ok(found) => found,
            Err(error) => {
                return to(
                    &dispatch,
                    CmAction::DetailFailed {
                        certificate_no,
                        error,
                    },
                )
            }
        };
        let chain = match &certificate {
            Some(_) => {
                let operation = GetCertificateChain {
                    certificate_no: certificate_no.clone(),
                };
                match call(&state, operation.into()).await {
                    Ok(ResponseData::CertificateChain(chain)) => Ok(*chain),
                    Ok(_) => Err(unexpected(OperationKind::GetCertificateChain)),
                    Err(error) => Err(error),
                }
            }
            None => Err(HelperError::CertificateNotListed(certificate_no.clone())),
        };
        let view = CertificateView {
            site: state.connection.site,
            certificate,
            chain,
        };
        to(
            &dispatch,
            CmAction::DetailLoaded {
                certificate_no,
                view: Box::new(view),
            },
        );
    });
}

/// "Follow validation": finds the requested certificate by name (certkit-core's
/// `follow_up`), then its records start the polling.
pub fn follow_validation(
    state: &AppState,
    issuance: RequestCertificateIssuanceResponse,
    dispatch: Dispatch,
) {
    let state = state.clone();
    to(&dispatch, CmAction::Follow(issuance.clone()));
    wasm_bindgen_futures::spawn_local(async move {
        let request_sn = issuance.request_sn.clone();
        let action = match verification(&state, &issuance).await {
            Ok(found) => CmAction::FollowFound {
                request_sn,
                found,
                now_ms: browser::now_ms(),
            },
            Err(error) => CmAction::FollowFailed { request_sn, error },
        };
        to(&dispatch, action);
    });
}

/// One DCV check of certificate `certificate_no`: List Dcv Statuses for each of `domains`.
pub fn check_dcv(
    state: &AppState,
    certificate_no: String,
    domains: Vec<String>,
    by_user: bool,
    dispatch: Dispatch,
) {
    let state = state.clone();
    let id = browser::next_id();
    to(
        &dispatch,
        CmAction::DcvCheckStarted {
            certificate_no: certificate_no.clone(),
            id,
            by_user,
        },
    );
    wasm_bindgen_futures::spawn_local(async move {
        let result = records(&state, &certificate_no, &domains).await;
        to(
            &dispatch,
            CmAction::DcvChecked {
                certificate_no,
                id,
                result,
                now_ms: browser::now_ms(),
            },
        );
    });
}

/// Sandbox only: "I created the record" of `domain` (the sandbox's demo route), then a check
/// at once.
pub fn mark_record_created(
    state: &AppState,
    certificate_no: String,
    domains: Vec<String>,
    domain: String,
    dispatch: Dispatch,
) {
    let state = state.clone();
    to(
        &dispatch,
        CmAction::DcvMarking {
            certificate_no: certificate_no.clone(),
            domain: domain.clone(),
        },
    );
    wasm_bindgen_futures::spawn_local(async move {
        match demo_record_created(&certificate_no, &domain).await {
            Ok(()) => check_dcv(&state, certificate_no, domains, true, dispatch),
            Err(error) => to(
                &dispatch,
                CmAction::DcvMarkFailed {
                    certificate_no,
                    error,
                },
            ),
        }
    });
}

/// Download Certificate (POST, then GET the older way if the gateway does not know it): the
/// ZIP's bytes, or the classified failure.
async fn archive(state: &AppState, certificate_no: &str) -> Result<Vec<u8>, HelperError> {
    let operation: Operation = DownloadCertificate {
        certificate_no: certificate_no.to_string(),
        ..DownloadCertificate::default()
    }
    .into();
    let mut answer = send_signed_bytes(state, &operation).await?;
    if let Some(older) = operation
        .fallback()
        .filter(|_| wants_fallback(answer.status, &String::from_utf8_lossy(&answer.bytes)))
    {
        answer = send_signed_bytes(state, &older).await?;
    }
    let received_ms = browser::now_ms();
    match parse_response_bytes(
        OperationKind::DownloadCertificate,
        answer.status,
        &answer.bytes,
    ) {
        Ok(ResponseData::CertificateArchive(archive)) => Ok(archive.zip),
        Ok(_) => Err(unexpected(OperationKind::DownloadCertificate)),
        Err(failure) => {
            let dated = HttpResponse {
                status: answer.status,
                body: String::new(),
                date: answer.date,
            };
            Err(HelperError::Failed(
                match dated.clock_skew_ms(received_ms) {
                    Some(skew) => failure.with_clock_skew(skew),
                    None => failure,
                },
            ))
        }
    }
}

/// Downloads certificate `certificate_no`'s ZIP, to list its files.
pub fn download_certificate(state: &AppState, certificate_no: String, dispatch: Dispatch) {
    let state = state.clone();
    to(&dispatch, CmAction::ArchiveLoading(certificate_no.clone()));
    wasm_bindgen_futures::spawn_local(async move {
        let action = match archive(&state, &certificate_no).await {
            Ok(zip) => CmAction::ArchiveLoaded {
                certificate_no,
                zip,
            },
            Err(error) => CmAction::ArchiveFailed {
                certificate_no,
                error,
            },
        };
        to(&dispatch, action);
    });
}

/// Sends `command` on certificate `certificate_no`, if the state allows it now
/// ([`crate::state::Certificates::may_run`]: a destructive one needs the name typed).
pub fn run_cert_command(
    state: &AppState,
    certificate_no: String,
    command: CertCommand,
    dispatch: Dispatch,
) {
    if !state.certificates.may_run(&certificate_no, command) {
        return;
    }
    let Some(certificate) = state.certificates.opened(&certificate_no) else {
        return;
    };
    let operation = crate::state::cert_operation(command, certificate, &state.certificates.forms);
    let state = state.clone();
    to(
        &dispatch,
        CmAction::CommandStarted {
            certificate_no: certificate_no.clone(),
            command,
        },
    );
    wasm_bindgen_futures::spawn_local(async move {
        let action = match call(&state, operation).await {
            Ok(_) => CmAction::CommandDone {
                certificate_no,
                command,
            },
            Err(error) => CmAction::CommandFailed {
                certificate_no,
                command,
                error,
            },
        };
        to(&dispatch, action);
    });
}
