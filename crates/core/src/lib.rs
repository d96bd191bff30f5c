#![no_std]
#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod certificate_manager;
pub mod clock;
mod country;
pub mod follow_up;
pub mod operation;
pub mod pem;
pub mod private_ca;
pub mod request;
pub mod response;
pub mod signing;
pub mod site;
pub mod validation;

pub use certificate_manager::{
    DeleteCertificate, DownloadCertificate, GetCertificateChain, ListCertificates,
    ListCloudCertificates, ListDcvStatuses, ReissueCertificate, RevokeCertificate,
};
pub use operation::{
    wants_fallback, ActivateSubCa, IssueEndCert, KeyType, Operation, OperationKind, Period,
    RequestCertificateIssuance, ValidationMethod, X509Parameters,
};
pub use pem::{PemRepair, PemRepairCode};
pub use private_ca::{
    CreateCa, DeleteCa, GetCa, GetCaChain, GetCaCrl, GetCaList, GetEndCert, GetEndCertList,
    GetSubCsr, RevokeEndCert, SignEndCsr, SignSubCsr, UpdateCa,
};
pub use request::{BuildError, Request, Target};
pub use response::{parse_response, Failure, FailureKind, ResponseData};
pub use signing::{sign, signed_headers, string_to_sign, Credentials, SignedHeaders};
pub use site::{base_url, Service, Site, SiteError};
pub use validation::{Problem, ProblemCode, Severity};
