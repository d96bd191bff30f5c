//! The flows of a CA's certificates (issue 13, point 3): a page of Get End Cert List, each
//! serial read with Get End Cert (a few at a time), one certificate read alone, and Revoke End
//! Cert. The CRL that tells which are revoked is read with the CA's detail ([`super::load_ca`]).

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;

use certkit_core::operation::OperationKind;
use certkit_core::private_ca::{GetEndCert, GetEndCertList};
use certkit_core::response::ResponseData;

use super::flows::call;
use super::{unexpected, AppState, Dispatch};
use crate::state::{Action, EndCertPage, Load, PendingRevoke};

/// How many Get End Cert requests are in flight at once while a page's rows are read: a page
/// holds up to 20 serials (the sandbox's page size; NCP's is undocumented), and the gateway
/// throttles bursts (429 `Throttle Limited`).
const CONCURRENT_READS: usize = 4;

/// Reads page `page_no` of CA `ca_tag`'s certificates, then each serial of it not read yet.
/// `pageNo` is sent only past page 1 (undocumented for P6: ncp-operations.md's reading).
pub fn load_end_certs(state: &AppState, ca_tag: String, page_no: u32, dispatch: Dispatch) {
    let state = state.clone();
    let page_no = page_no.max(1);
    dispatch.dispatch(Action::EndCertsLoading {
        ca_tag: ca_tag.clone(),
        page_no,
    });
    wasm_bindgen_futures::spawn_local(async move {
        let operation = GetEndCertList {
            ca_tag: ca_tag.clone(),
            page_no: (page_no > 1).then(|| page_no.to_string()),
        };
        let list = match call(&state, operation.into()).await {
            Ok(ResponseData::EndCertList(list)) => list,
            Ok(_) => {
                let error = unexpected(OperationKind::GetEndCertList);
                return dispatch.dispatch(Action::EndCertsFailed {
                    ca_tag,
                    page_no,
                    error,
                });
            }
            Err(error) => {
                return dispatch.dispatch(Action::EndCertsFailed {
                    ca_tag,
                    page_no,
                    error,
                })
            }
        };
        let unread: VecDeque<String> = list
            .list_certs
            .iter()
            .filter(|serial| {
                !matches!(
                    state.cas.certs.certs.get(serial.as_str()),
                    Some(Load::Loaded(_))
                )
            })
            .cloned()
            .collect();
        dispatch.dispatch(Action::EndCertsLoaded(Box::new(EndCertPage {
            site: state.connection.site,
            ca_tag: ca_tag.clone(),
            page_no,
            list: *list,
        })));
        let queue = Rc::new(RefCell::new(unread));
        for _ in 0..CONCURRENT_READS {
            let (state, ca_tag, dispatch, queue) = (
                state.clone(),
                ca_tag.clone(),
                dispatch.clone(),
                queue.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                loop {
                    let next = queue.borrow_mut().pop_front();
                    let Some(serial_no) = next else { break };
                    read_end_cert(&state, ca_tag.clone(), serial_no, &dispatch).await;
                }
            });
        }
    });
}

/// Reads certificate `serial_no` of CA `ca_tag` (Get End Cert), alone: its detail opened.
pub fn load_end_cert(state: &AppState, ca_tag: String, serial_no: String, dispatch: Dispatch) {
    let state = state.clone();
    wasm_bindgen_futures::spawn_local(async move {
        read_end_cert(&state, ca_tag, serial_no, &dispatch).await;
    });
}

async fn read_end_cert(state: &AppState, ca_tag: String, serial_no: String, dispatch: &Dispatch) {
    dispatch.dispatch(Action::EndCertLoading {
        ca_tag: ca_tag.clone(),
        serial_no: serial_no.clone(),
    });
    let operation = GetEndCert {
        ca_tag: ca_tag.clone(),
        serial_no: serial_no.clone(),
    };
    dispatch.dispatch(match call(state, operation.into()).await {
        Ok(ResponseData::EndCert(cert)) => Action::EndCertLoaded {
            site: state.connection.site,
            ca_tag,
            serial_no,
            cert,
        },
        Ok(_) => Action::EndCertFailed {
            ca_tag,
            serial_no,
            error: unexpected(OperationKind::GetEndCert),
        },
        Err(error) => Action::EndCertFailed {
            ca_tag,
            serial_no,
            error,
        },
    });
}

/// Sends Revoke End Cert for `serial_no`, if the state allows it now (its CN typed:
/// [`crate::state::CaCerts::may_revoke`]); once NCP accepts, the reducer has the CA's detail,
/// and with it the CRL, read again.
pub fn revoke_end_cert(state: &AppState, ca_tag: String, serial_no: String, dispatch: Dispatch) {
    let pending = state.cas.certs.revoke.as_ref();
    let Some(operation) = pending
        .filter(|_| state.cas.certs.may_revoke(&ca_tag, &serial_no))
        .map(PendingRevoke::operation)
    else {
        return;
    };
    let state = state.clone();
    dispatch.dispatch(Action::RevokeStarted {
        ca_tag: ca_tag.clone(),
        serial_no: serial_no.clone(),
    });
    wasm_bindgen_futures::spawn_local(async move {
        dispatch.dispatch(match call(&state, operation.into()).await {
            Ok(_) => Action::RevokeDone { ca_tag, serial_no },
            Err(error) => Action::RevokeFailed {
                ca_tag,
                serial_no,
                error,
            },
        });
    });
}
