#![no_std]
#![doc = include_str!("../README.md")]

extern crate alloc;

pub mod archive;
pub mod certificate_manager;
pub mod clock;
mod country;
pub mod follow_up;
mod input;
mod json;
pub mod operation;
pub mod pem;
mod percent;
pub mod private_ca;
pub mod problem;
mod refusal;
pub mod request;
pub mod response;
mod rules;
pub mod secret;
pub mod signing;
pub mod site;
pub mod validation;
mod wire;

pub use certificate_manager::{
    DeleteCertificate, DownloadCertificate, GetCertificateChain, ListCertificates,
    ListCloudCertificates, ListDcvStatuses, ReissueCertificate, RevokeCertificate,
};
pub use input::{
    ActivateSubCa, IssueEndCert, KeyType, Period, RequestCertificateIssuance, ValidationMethod,
    X509Parameters,
};
pub use operation::{wants_fallback, Operation, OperationKind};
pub use pem::{PemRepair, PemRepairCode};
pub use percent::percent_decode_bytes;
pub use private_ca::{
    CreateCa, DeleteCa, GetCa, GetCaChain, GetCaCrl, GetCaList, GetEndCert, GetEndCertList,
    GetSubCsr, RevokeEndCert, SignEndCsr, SignSubCsr, UpdateCa,
};
pub use problem::{Problem, ProblemCode, Severity};
pub use refusal::ProxyRefusal;
pub use request::{BuildError, Request, Target};
pub use response::{parse_response, Failure, FailureKind, ResponseData};
pub use secret::Secret;
pub use signing::{sign, signed_headers, string_to_sign, Credentials, SignedHeaders, Signer};
pub use site::{base_url, check_base_url, BaseUrlError, Service, Site, SiteError};
