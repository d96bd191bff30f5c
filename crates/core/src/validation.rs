//! Validation of operation input against the vendor's rules, reporting every problem at once:
//! [`Operation::validate`] (errors), [`Operation::warnings`] (advice) and, for forms,
//! [`check_field`], which checks one field as it is typed with exactly the rules a whole
//! operation gets (the rules themselves are in `rules`, one function each).

use alloc::format;
use alloc::string::ToString;
use alloc::vec::Vec;

use crate::json::{Map, Value};
use crate::operation::{Operation, OperationKind};
// Their home is `problem`; these paths are kept for the crates that import them from here.
pub use crate::problem::{Problem, ProblemCode, Severity};
pub use crate::wire::split_list;

/// The fields [`check_field`] knows for `kind`, in form order: the vendor's names, with
/// nested fields as `x509Parameters.commonName`.
pub(crate) fn fields(kind: OperationKind) -> &'static [&'static str] {
    const X509: [&str; 9] = [
        "x509Parameters.commonName",
        "x509Parameters.altName",
        "x509Parameters.organization",
        "x509Parameters.organizationUnit",
        "x509Parameters.locality",
        "x509Parameters.stateProvince",
        "x509Parameters.streetAddress",
        "x509Parameters.country",
        "x509Parameters.ip",
    ];
    match kind {
        OperationKind::IssueEndCert => &[
            "caTag", "keyType", "period", X509[0], X509[1], X509[2], X509[3], X509[4], X509[5],
            X509[6], X509[7], X509[8],
        ],
        OperationKind::CreateCa => &[
            "caType",
            "issuerTag",
            "alias",
            "memo",
            "keyType",
            "period",
            X509[0],
            X509[1],
            X509[2],
            X509[3],
            X509[4],
            X509[5],
            X509[7],
            X509[8],
        ],
        OperationKind::ActivateSubCa => &["caTag", "certPem", "caChainPem"],
        OperationKind::GetCaList => &["pageNo"],
        OperationKind::GetCa
        | OperationKind::GetSubCsr
        | OperationKind::GetCaChain
        | OperationKind::GetCaCrl
        | OperationKind::DeleteCa => &["caTag"],
        OperationKind::SignSubCsr => &["caTag", "period", "csrPem"],
        OperationKind::SignEndCsr => &["caTag", "csrPem"],
        OperationKind::GetEndCertList => &["caTag", "pageNo"],
        OperationKind::GetEndCert | OperationKind::RevokeEndCert => &["caTag", "serialNo"],
        OperationKind::UpdateCa => &["caTag", "status"],
        OperationKind::RequestCertificateIssuance => &[
            "certificateName",
            "commonName",
            "dnsName",
            "validationMethod",
        ],
        OperationKind::ListCloudCertificates => &["page", "pageSize", "certificateName"],
        OperationKind::ListCertificates => &[],
        OperationKind::ListDcvStatuses => &["certificateNo", "domainAddress"],
        OperationKind::DeleteCertificate => &["certificateNo", "certificateName"],
        OperationKind::ReissueCertificate => &[
            "certificateNo",
            "csr",
            "certificateName",
            "commonName",
            "dnsName",
            "validationMethod",
        ],
        OperationKind::DownloadCertificate => &["certificateNo", "type"],
        OperationKind::GetCertificateChain => &["certificateNo"],
        OperationKind::RevokeCertificate => &["orderId", "certificateNo", "revokeType"],
    }
}

/// Checks one field's value as a form holds it, with exactly the rules of
/// [`Operation::problems`] (errors and warnings): the value is read as that operation's
/// input with only this field set, and the problems about this field are kept.
///
/// `field` is the JSON path as in [`Problem::field`] (an unknown one gets an `unknown_field`
/// problem listing the known ones). An empty value of an optional field is absent and valid. `dnsName` takes the whole list as typed: entries
/// separated by commas or new lines (problems name `dnsName[i]`).
pub fn check_field(kind: OperationKind, field: &str, value: &str) -> Vec<Problem> {
    if !fields(kind).contains(&field) {
        return alloc::vec![unknown_field(kind, field)];
    }
    let mut input = Map::new();
    let value = Value::String(value.to_string());
    match field.split_once('.') {
        Some((outer, inner)) => {
            let mut nested = Map::new();
            nested.insert(inner.to_string(), value);
            input.insert(outer.to_string(), Value::Object(nested));
        }
        None => {
            input.insert(field.to_string(), value);
        }
    }
    let json = Value::Object(input).to_string();
    match Operation::from_json(kind, &json) {
        Ok(op) => op
            .problems()
            .into_iter()
            .filter(|p| {
                p.field == field
                    || p.field
                        .strip_prefix(field)
                        .is_some_and(|rest| rest.starts_with('['))
            })
            .collect(),
        Err(mut problem) => {
            problem.field = field.to_string();
            alloc::vec![problem]
        }
    }
}

fn unknown_field(kind: OperationKind, field: &str) -> Problem {
    Problem::new(
        field,
        ProblemCode::UnknownField,
        format!(
            "{} has no field {field:?}; known fields: {}",
            kind.as_str(),
            fields(kind).join(", ")
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;
    use proptest::prelude::*;

    #[test]
    fn every_listed_field_is_known_to_check_field() {
        for kind in OperationKind::ALL {
            for field in fields(kind) {
                assert!(
                    check_field(kind, field, "")
                        .iter()
                        .all(|p| p.code != ProblemCode::UnknownField),
                    "{field}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn validation_never_panics(field_index in 0usize..20, value in any::<String>()) {
            for kind in OperationKind::ALL {
                let field = fields(kind).get(field_index).copied().unwrap_or("unknown");
                let _ = check_field(kind, field, &value);
            }
        }
    }
}
