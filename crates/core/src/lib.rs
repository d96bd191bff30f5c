#![no_std]
#![doc = include_str!("../README.md")]
#![deny(missing_docs)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod clock;
mod country;
pub mod operation;
pub mod request;
pub mod response;
pub mod signing;
pub mod site;
pub mod validation;

pub use operation::{
    ActivateSubCa, IssueEndCert, KeyType, Operation, OperationKind, Period,
    RequestCertificateIssuance, ValidationMethod, X509Parameters,
};
pub use request::{BuildError, Request, Target};
pub use response::{parse_response, Failure, FailureKind, ResponseData};
pub use signing::{sign, signed_headers, string_to_sign, Credentials, SignedHeaders};
pub use site::{base_url, Service, Site, SiteError};
pub use validation::{Problem, ProblemCode};
