//! What a client does around the three seed operations, beside sending them: the signing time
//! with an accepted clock correction, walking Get CA List's pages for a CA picker, and finding
//! the DNS records that validate a requested certificate (its number by name with List Cloud
//! Certificates, then List Dcv Statuses per domain).
//!
//! Pure functions over certkit-core's answers; the client sends the requests they name.

use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cmp::Reverse;

use crate::certificate_manager::{
    CertificateList, CloudCertificate, DnsVerification, ListCloudCertificates, ListDcvStatuses,
};
use crate::operation::Operation;
use crate::private_ca::{CaList, GetCaList};
use crate::response::CaInfo;

/// The timestamp to sign with: the local clock (`Date.now()`, ms) plus the correction the user
/// accepted (server minus local, ms, e.g. from [`crate::clock::clock_skew_ms`]); never below 0.
pub fn signing_time_ms(local_now_ms: f64, correction_ms: i64) -> u64 {
    // `as` saturates (NaN becomes 0): a float clock cannot overflow the timestamp.
    let local = local_now_ms.max(0.0) as i64;
    u64::try_from(local.saturating_add(correction_ms)).unwrap_or(0)
}

/// The most Get CA List pages a picker reads: a stop for a server that always says there is
/// another page.
pub const MAX_CA_PAGES: u32 = 20;

/// Get CA List for page `page_no` (1-based).
pub fn ca_list_page(page_no: u32) -> Operation {
    GetCaList {
        page_no: Some(page_no.to_string()),
    }
    .into()
}

/// The CAs of one Get CA List page a user can pick (a CA without a tag cannot be named).
pub fn listed_cas(list: &CaList) -> Vec<CaInfo> {
    list.ca_info_list
        .iter()
        .map(|ca| &ca.ca_info)
        .filter(|info| !info.ca_tag.is_empty())
        .cloned()
        .collect()
}

/// The page to ask for after page `requested`, while the answer says there is one (and at most
/// [`MAX_CA_PAGES`]).
pub fn next_ca_page(requested: u32, list: &CaList) -> Option<u32> {
    (list.has_next_page() && !list.ca_info_list.is_empty() && requested < MAX_CA_PAGES)
        .then_some(requested + 1)
}

/// List Cloud Certificates for the certificates named `name` (how the number of a certificate
/// just requested is found).
pub fn certificates_query(name: &str) -> Operation {
    ListCloudCertificates {
        certificate_name: Some(name.to_string()),
        ..ListCloudCertificates::default()
    }
    .into()
}

/// The listed certificates named `name` that have a number, newest (highest certificateNo)
/// first. The name rule is [`ListCloudCertificates::apply_to`]'s, as the older fallback lists
/// every certificate.
pub fn certificates_named(list: &CertificateList, name: &str) -> Vec<CloudCertificate> {
    let mut list = list.clone();
    ListCloudCertificates {
        certificate_name: Some(name.to_string()),
        ..ListCloudCertificates::default()
    }
    .apply_to(&mut list);
    let mut named: Vec<CloudCertificate> = list
        .ssl_certificate_list
        .into_iter()
        .filter(|c| !c.certificate_no.is_empty())
        .collect();
    // Numbers grow with time; a number that is not one sorts last.
    named.sort_by_key(|c| Reverse(c.certificate_no.parse::<u128>().ok()));
    named
}

/// The domains whose DNS records to read, each as written on the request: the common name,
/// then every dnsName not already listed (compared without case).
pub fn domains_to_query(common_name: &str, dns_name: &[String]) -> Vec<String> {
    let mut domains: Vec<String> = Vec::new();
    for domain in core::iter::once(common_name).chain(dns_name.iter().map(String::as_str)) {
        let domain = domain.trim();
        if !domain.is_empty() && !domains.iter().any(|d| d.eq_ignore_ascii_case(domain)) {
            domains.push(domain.to_string());
        }
    }
    domains
}

/// For `*.example.com`, `example.com`: the docs do not say how a wildcard is queried, so a
/// wildcard with no records is asked again as its apex (ncp-operations.md C2), unless the apex
/// is one of `domains` already.
pub fn wildcard_apex<'a>(domain: &'a str, domains: &[String]) -> Option<&'a str> {
    domain
        .strip_prefix("*.")
        .filter(|apex| !apex.is_empty())
        .filter(|apex| !domains.iter().any(|d| d.eq_ignore_ascii_case(apex)))
}

/// How many certificates of the requested name a client reads the DCV records of before
/// settling for the newest.
pub const MAX_SAME_NAME: usize = 5;

/// Whether the DCV records read for one of `candidates` certificates of the requested name
/// (newest first, [`certificates_named`]) show it is the request's: they carry its
/// `request_sn`, or it is the only one. Failing that for every one, the newest is taken.
pub fn is_requested_certificate<'a>(
    records: impl Iterator<Item = &'a DnsVerification>,
    request_sn: &str,
    candidates: usize,
) -> bool {
    candidates == 1 || records_of_request(records, request_sn)
}

/// Whether DCV records belong to issuance request `request_sn`.
pub fn records_of_request<'a>(
    mut records: impl Iterator<Item = &'a DnsVerification>,
    request_sn: &str,
) -> bool {
    records.any(|r| !r.request_sn.is_empty() && r.request_sn == request_sn)
}

/// List Dcv Statuses for `domain` of certificate `certificate_no`, a number a list answer gave:
/// validation (digits only) runs before it goes into a signed path.
pub fn dcv_query(certificate_no: &str, domain: &str) -> Operation {
    ListDcvStatuses {
        certificate_no: certificate_no.to_string(),
        domain_address: domain.to_string(),
    }
    .into()
}

#[cfg(test)]
mod tests {
    use alloc::string::ToString;
    use alloc::vec;
    use alloc::vec::Vec;

    use super::*;
    use crate::operation::OperationKind;
    use crate::response::{parse_response, ResponseData};

    fn ca_list(body: &str) -> CaList {
        match parse_response(OperationKind::GetCaList, 200, body) {
            Ok(ResponseData::CaList(list)) => *list,
            _ => panic!("not a CA list"),
        }
    }

    #[test]
    fn the_accepted_clock_correction_moves_the_signing_time() {
        assert_eq!(signing_time_ms(1_000_000.0, -600_000), 400_000);
        assert_eq!(signing_time_ms(1_000.0, -600_000), 0);
        assert_eq!(signing_time_ms(-5.0, 0), 0);
        assert_eq!(signing_time_ms(f64::NAN, 7), 7);
    }

    #[test]
    fn the_ca_picker_reads_each_ca_info_and_walks_the_pages() {
        // ncp-operations.md P1's documented nesting: data.caInfoList[].{caInfo, caCertInfo}.
        let page = ca_list(
            r#"{"code":"SUCCESS","msg":"Success","data":{"totalCnt":3,"totalPageNo":2,"currentPageNo":1,
            "caInfoList":[
              {"caInfo":{"caTag":"1111111111-1111111111","alias":"root","caType":"PRIVATE_ROOT","status":"ACTIVE"},"caCertInfo":{"commonName":"Root"}},
              {"caInfo":{"caTag":"2222222222-2222222222","alias":"pending","caType":"PRIVATE_SUB","status":"PENDING"},"caCertInfo":null},
              {"caInfo":{"alias":"no tag"}}]}}"#,
        );
        let listed = listed_cas(&page);
        let tags: Vec<&str> = listed.iter().map(|ca| ca.ca_tag.as_str()).collect();
        assert_eq!(tags, ["1111111111-1111111111", "2222222222-2222222222"]);
        let pending = &listed[1];
        assert_eq!(
            (
                pending.alias.as_str(),
                pending.ca_type.as_str(),
                pending.status.as_str()
            ),
            ("pending", "PRIVATE_SUB", "PENDING")
        );
        assert_eq!(next_ca_page(1, &page), Some(2));
        let last = ca_list(
            r#"{"code":"SUCCESS","data":{"totalPageNo":2,"currentPageNo":2,"caInfoList":[{"caInfo":{"caTag":"3"}}]}}"#,
        );
        assert_eq!(next_ca_page(2, &last), None);
        // A server that always says "more" is not followed for ever.
        assert_eq!(next_ca_page(MAX_CA_PAGES, &page), None);
        // The invented shape of old (data.caList) lists nothing rather than guessing.
        let invented = ca_list(r#"{"code":"SUCCESS","data":{"caList":[{"caTag":"x"}]}}"#);
        assert!(listed_cas(&invented).is_empty());
        assert_eq!(ca_list_page(3).path_and_query(), "/api/v1/ca?pageNo=3");
    }

    #[test]
    fn every_domain_of_the_request_is_queried_once_in_order() {
        let dns = vec![
            "e2e.example.com".to_string(),
            " WWW.e2e.example.com".to_string(),
            "*.E2E.example.com".to_string(),
            String::new(),
            "www.e2e.example.com".to_string(),
        ];
        let domains = domains_to_query("*.e2e.example.com", &dns);
        assert_eq!(
            domains,
            vec![
                "*.e2e.example.com",
                "e2e.example.com",
                "WWW.e2e.example.com"
            ]
        );
        assert_eq!(domains_to_query("", &[]), Vec::<String>::new());
        assert_eq!(wildcard_apex("*.example.com", &[]), Some("example.com"));
        // The apex is listed already: it is queried for itself.
        assert_eq!(wildcard_apex("*.e2e.example.com", &domains), None);
        assert_eq!(wildcard_apex("example.com", &[]), None);
        assert_eq!(wildcard_apex("*.", &[]), None);
    }

    #[test]
    fn the_certificate_is_found_by_name_newest_first() {
        // certificateNo as a number and as a string (ncp-operations.md C1); the older list
        // route ignores the name filter, so other names come back too.
        let body = r#"{"returnCode":"0","returnMessage":"Success","totalCount":4,"sslCertificateList":[
            {"certificateNo":9,"certificateName":"e2e-cert","statusCode":"-3"},
            {"certificateNo":"10","certificateName":"other"},
            {"certificateNo":"12","certificateName":"e2e-cert","statusCode":"0"},
            {"certificateNo":"","certificateName":"e2e-cert"}]}"#;
        let Ok(ResponseData::CertificateList(list)) =
            parse_response(OperationKind::ListCloudCertificates, 200, body)
        else {
            panic!("not a certificate list");
        };
        let named = certificates_named(&list, "e2e-cert");
        let numbers: Vec<&str> = named.iter().map(|c| c.certificate_no.as_str()).collect();
        assert_eq!(numbers, ["12", "9"]);
        assert!(certificates_named(&list, "E2E-CERT").is_empty());
        assert_eq!(
            certificates_query("e2e cert").path_and_query(),
            "/api/v2/certificate/getCertificates?certificateName=e2e%20cert"
        );
    }

    #[test]
    fn dcv_records_tell_their_request() {
        let body = r#"{"returnCode":"0","returnMessage":"Success","totalRows":1,"dnsVerificationCount":1,
            "dnsVerificationList":[{"validSn":"77","requestSn":"abc","validStatusCode":"VALID_STATUS_REG",
            "txtName":"_dcv.e2e.example.com","txtValue":"token-1","ttl":300}]}"#;
        let Ok(ResponseData::DcvStatuses(dcv)) =
            parse_response(OperationKind::ListDcvStatuses, 200, body)
        else {
            panic!("not DCV statuses");
        };
        assert!(records_of_request(dcv.dns_verification_list.iter(), "abc"));
        assert!(!records_of_request(dcv.dns_verification_list.iter(), "abd"));
        assert!(!records_of_request(core::iter::empty(), ""));
        let records = &dcv.dns_verification_list;
        assert!(is_requested_certificate(records.iter(), "abc", 3));
        assert!(!is_requested_certificate(records.iter(), "abd", 3));
        assert!(is_requested_certificate(core::iter::empty(), "abd", 1));
        assert_eq!(
            dcv_query("12", "*.example.com").path_and_query(),
            "/api/v2/certificate/getVerificationInfo/12?domainAddress=%2A.example.com"
        );
    }
}
