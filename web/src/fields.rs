//! The form fields of each operation: API path, human name and the rule as help text, in both
//! languages. The rules themselves are enforced by certkit-core's validation; this is only
//! what the page says about them.

use std::collections::BTreeMap;

use certkit_core::operation::{Operation, OperationKind};
use certkit_core::validation::Problem;
use certkit_core::ValidationMethod;

use crate::i18n::{Lang, Msg};

/// How a field is edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// One line of text.
    Text,
    /// The caTag: text with a list of CAs to pick from.
    CaTag,
    /// A choice with an empty "service default" entry.
    Choice(&'static [&'static str]),
    /// A choice without an empty entry.
    RequiredChoice(&'static [&'static str]),
    /// Several lines.
    Lines,
    /// A PEM: several lines, paste or file drop, repaired and inspected.
    Pem,
}

/// One form field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Field {
    /// Path in the request JSON, e.g. `x509Parameters.commonName`; also certkit-core's problem
    /// field name.
    pub path: &'static str,
    /// Human name (English, Korean).
    pub name: (&'static str, &'static str),
    /// Help text with the rule (English, Korean).
    pub help: (&'static str, &'static str),
    /// Required by the API.
    pub required: bool,
    /// How it is edited.
    pub input: Input,
    /// An example value, shown as the placeholder "e.g. <example>" ([`Field::placeholder`]).
    pub example: &'static str,
}

impl Field {
    /// An optional one-line text field.
    const fn text(
        path: &'static str,
        name: (&'static str, &'static str),
        help: (&'static str, &'static str),
        example: &'static str,
    ) -> Field {
        Field {
            path,
            name,
            help,
            required: false,
            input: Input::Text,
            example,
        }
    }

    /// The same field, required by the API.
    const fn required(self) -> Field {
        Field {
            required: true,
            ..self
        }
    }

    /// The API field name: the last segment of the path.
    pub fn api_name(&self) -> &'static str {
        self.path.rsplit('.').next().unwrap_or(self.path)
    }

    /// "Human name (apiName)" in `lang`.
    pub fn label(&self, lang: Lang) -> String {
        format!(
            "{} ({})",
            lang.pick(self.name.0, self.name.1),
            self.api_name()
        )
    }

    /// The help text in `lang`.
    pub fn help(&self, lang: Lang) -> &'static str {
        lang.pick(self.help.0, self.help.1)
    }

    /// The placeholder: the example, prefixed "e.g." so it cannot be taken for a value typed
    /// in (a bare "365" or "KR" looked filled in); none without an example.
    pub fn placeholder(&self, lang: Lang) -> Option<String> {
        (!self.example.is_empty())
            .then(|| format!("{}{}", Msg::ExamplePrefix.text(lang), self.example))
    }

    /// What a choice reads as: the validation method's name (the wire value "D" stays the
    /// option's value), other choices as they are.
    pub fn option_label(&self, value: &str, lang: Lang) -> String {
        if self.path == "validationMethod" {
            validation_method_label(value, lang)
        } else {
            value.to_string()
        }
    }
}

/// A validation method's name, by certkit-core's reading of the wire value ("D" is DNS
/// validation); a value core does not know shows as it is.
pub fn validation_method_label(value: &str, lang: Lang) -> String {
    match ValidationMethod::parse(value) {
        ValidationMethod::Dns => Msg::ValidationDns.text(lang).to_string(),
        ValidationMethod::Email => Msg::ValidationEmail.text(lang).to_string(),
        _ => value.to_string(),
    }
}

/// The `<select>` needs `'static` strings; a test keeps them equal to certkit-core's list.
const KEY_TYPES: [&str; 4] = ["RSA2048", "RSA4096", "EC256", "EC521"];

const CA_TAG: Field = Field {
    path: "caTag",
    name: ("CA tag", "CA 태그"),
    help: (
        "Required. The CA's tag as NCP shows it; no '/', '?', '#', '%', spaces or control characters. Pick a listed CA or type it.",
        "필수. NCP에 표시된 CA 태그. '/', '?', '#', '%', 공백, 제어 문자는 쓸 수 없습니다. 목록에서 고르거나 입력하세요.",
    ),
    required: true,
    input: Input::CaTag,
    example: "",
};

/// Subject fields of `x509Parameters` that Issue End Cert and Create CA share (PS3).
const ORGANIZATION: Field = Field::text(
    "x509Parameters.organization",
    ("Organization", "조직"),
    ("Optional. Up to 64 characters.", "선택. 최대 64자."),
    "",
);

const ORGANIZATION_UNIT: Field = Field::text(
    "x509Parameters.organizationUnit",
    ("Department", "부서"),
    ("Optional. Up to 128 characters.", "선택. 최대 128자."),
    "",
);

const LOCALITY: Field = Field::text(
    "x509Parameters.locality",
    ("City", "도시"),
    ("Optional. Up to 128 characters.", "선택. 최대 128자."),
    "Seoul",
);

const STATE_PROVINCE: Field = Field::text(
    "x509Parameters.stateProvince",
    ("State or province", "시/도"),
    ("Optional. Up to 128 characters.", "선택. 최대 128자."),
    "Gyeonggi-do",
);

const COUNTRY: Field = Field::text(
    "x509Parameters.country",
    ("Country", "국가"),
    (
        "Optional. A two-letter ISO 3166-1 code.",
        "선택. ISO 3166-1 두 글자 코드.",
    ),
    "KR",
);

/// Issue End Cert fields, in the spec's order.
pub const ISSUE_END_CERT: &[Field] = &[
    CA_TAG,
    Field {
        path: "keyType",
        name: ("Key type", "키 유형"),
        help: (
            "Optional. RSA2048, RSA4096, EC256 or EC521; empty lets the CA choose.",
            "선택. RSA2048, RSA4096, EC256, EC521 중 하나. 비우면 CA가 정합니다.",
        ),
        required: false,
        input: Input::Choice(&KEY_TYPES),
        example: "",
    },
    Field::text(
        "period",
        ("Validity period in days", "유효 기간(일)"),
        (
            "Optional. 1 to 3650 days, or MAX for the longest the CA allows.",
            "선택. 1~3650일, 또는 CA가 허용하는 최대 기간은 MAX.",
        ),
        "365",
    ),
    Field::text(
        "x509Parameters.commonName",
        ("Common name", "일반 이름"),
        ("Required. 1 to 64 characters.", "필수. 1~64자."),
        "api.internal.example",
    )
    .required(),
    Field::text(
        "x509Parameters.altName",
        ("DNS/e-mail alternative names", "DNS/이메일 대체 이름"),
        (
            "Optional. Host names or e-mail addresses, separated by commas without spaces.",
            "선택. 호스트 이름 또는 이메일 주소, 공백 없이 쉼표로 구분.",
        ),
        "api.internal.example,admin@example.com",
    ),
    Field::text(
        "x509Parameters.ip",
        ("IP alternative names", "IP 대체 이름"),
        (
            "Optional. IPv4 or IPv6 addresses, separated by commas without spaces.",
            "선택. IPv4 또는 IPv6 주소, 공백 없이 쉼표로 구분.",
        ),
        "10.0.0.5",
    ),
    ORGANIZATION,
    ORGANIZATION_UNIT,
    LOCALITY,
    STATE_PROVINCE,
    Field::text(
        "x509Parameters.streetAddress",
        ("Street address", "상세 주소"),
        ("Optional. Up to 128 characters.", "선택. 최대 128자."),
        "",
    ),
    COUNTRY,
];

/// Activate Sub CA fields.
pub const ACTIVATE_SUB_CA: &[Field] = &[
    CA_TAG,
    Field {
        path: "certPem",
        name: ("Signed sub CA certificate", "서명된 하위 CA 인증서"),
        help: (
            "Required. The sub CA's certificate in PEM, signed by the outside CA. Broken line breaks are repaired.",
            "필수. 외부 CA가 서명한 하위 CA 인증서(PEM). 깨진 줄바꿈은 자동으로 고칩니다.",
        ),
        required: true,
        input: Input::Pem,
        example: "-----BEGIN CERTIFICATE-----",
    },
    Field {
        path: "caChainPem",
        name: ("Signer's certificate chain", "서명자 인증서 체인"),
        help: (
            "Required. The outside CA's certificates in PEM, up to its root; any order.",
            "필수. 외부 CA의 인증서(PEM), 루트까지. 순서는 상관없습니다.",
        ),
        required: true,
        input: Input::Pem,
        example: "-----BEGIN CERTIFICATE-----",
    },
];

/// Request Certificate Issuance fields.
pub const REQUEST_ISSUANCE: &[Field] = &[
    Field::text(
        "certificateName",
        ("Certificate name", "인증서 이름"),
        (
            "Required. The name the certificate gets in the console.",
            "필수. 콘솔에 표시될 인증서 이름.",
        ),
        "my-site-cert",
    )
    .required(),
    Field::text(
        "commonName",
        ("Common name (domain)", "일반 이름(도메인)"),
        (
            "Required. A domain: FQDN, apex or wildcard (*.example.com).",
            "필수. 도메인: FQDN, 루트 도메인 또는 와일드카드(*.example.com).",
        ),
        "*.example.com",
    )
    .required(),
    Field {
        path: "dnsName",
        name: ("More domains", "추가 도메인"),
        help: (
            "Optional. More domains for the certificate, separated by commas.",
            "선택. 인증서에 넣을 추가 도메인, 쉼표로 구분.",
        ),
        required: false,
        input: Input::Lines,
        example: "example.com, www.example.com",
    },
    Field {
        path: "validationMethod",
        name: ("Domain validation method", "도메인 검증 방법"),
        help: (
            "Required. DNS validation (sent as D): NCP checks a CNAME record you create, the method NCP documents today.",
            "필수. DNS 검증(D로 전송): 직접 만든 CNAME 레코드를 NCP가 확인합니다. 현재 NCP가 안내하는 방법입니다.",
        ),
        required: true,
        input: Input::RequiredChoice(&["D"]),
        example: "",
    },
];

/// Sign End Csr fields ("Issue with my own key"). The CSR is made in the page from
/// [`own_key_subject_fields`], or pasted.
pub const SIGN_END_CSR: &[Field] = &[
    CA_TAG,
    Field {
        path: "csrPem",
        name: ("Certificate signing request", "인증서 서명 요청(CSR)"),
        help: (
            "Required. A PKCS#10 CSR in PEM: made above with a key generated in this page, or your own (paste or drop it). Its subject and SANs are what the certificate gets.",
            "필수. PEM 형식의 PKCS#10 CSR: 위에서 이 페이지가 만든 키로 만들거나, 직접 만든 CSR을 붙여 넣거나 끌어다 놓으세요. 인증서의 주체와 SAN은 CSR의 것을 따릅니다.",
        ),
        required: true,
        input: Input::Pem,
        example: "-----BEGIN CERTIFICATE REQUEST-----",
    },
];

/// Whether a form field is one of the subject's (Issue End Cert's `x509Parameters`).
pub fn is_subject_field(path: &str) -> bool {
    path.starts_with("x509Parameters.")
}

/// The subject and SAN fields a CSR made in the page is built from: Issue End Cert's
/// `x509Parameters`, with their rules.
pub fn own_key_subject_fields() -> impl Iterator<Item = &'static Field> {
    ISSUE_END_CERT.iter().filter(|f| is_subject_field(f.path))
}
/// issue 13: Create CA's fields (the wizard, `#/cas/new`), in the docs' order (P3, PS3;
/// `streetAddress` is Issue End Cert's only). `caType` is the wizard's choice of what to create.
pub const CREATE_CA: &[Field] = &[
    Field::text(
        "alias",
        ("CA name", "CA 이름"),
        (
            "Required. 3 to 15 letters, digits, '-' or '_', starting with a letter.",
            "필수. 영문자, 숫자, '-', '_' 3~15자. 영문자로 시작.",
        ),
        "team-sub-ca",
    )
    .required(),
    Field::text(
        "memo",
        ("Memo", "메모"),
        ("Optional. Free text.", "선택. 자유 입력."),
        "",
    ),
    Field {
        path: "keyType",
        name: ("Key type", "키 유형"),
        help: (
            "Required. RSA2048, RSA4096, EC256 or EC521.",
            "필수. RSA2048, RSA4096, EC256, EC521 중 하나.",
        ),
        required: true,
        input: Input::RequiredChoice(&KEY_TYPES),
        example: "",
    },
    Field::text(
        "period",
        ("Validity period in days", "유효 기간(일)"),
        (
            "Required. 1 to 3650 days, or MAX for the longest allowed.",
            "필수. 1~3650일, 또는 허용되는 최대 기간은 MAX.",
        ),
        "3650",
    )
    .required(),
    Field::text(
        "x509Parameters.commonName",
        ("Common name", "일반 이름"),
        ("Required. 1 to 64 characters.", "필수. 1~64자."),
        "Team Sub CA",
    )
    .required(),
    ORGANIZATION,
    ORGANIZATION_UNIT,
    LOCALITY,
    STATE_PROVINCE,
    COUNTRY,
];

/// issue 13: the Create CA wizard's Sign Sub Csr fields (a sub CA signed by a CA of this
/// account): the signing CA and the certificate's validity.
pub const CA_WIZARD_SIGN: &[Field] = &[
    Field {
        path: "sign.caTag",
        name: ("Signing CA", "서명할 CA"),
        help: (
            "Required. The ACTIVE CA of this account that signs the new sub CA's CSR (Sign Sub Csr). Pick a listed CA or type its tag.",
            "필수. 새 하위 CA의 CSR에 서명할 이 계정의 ACTIVE CA (Sign Sub Csr). 목록에서 고르거나 태그를 입력하세요.",
        ),
        required: true,
        input: Input::CaTag,
        example: "",
    },
    Field::text(
        "sign.period",
        ("Sub CA certificate validity in days", "하위 CA 인증서 유효 기간(일)"),
        (
            "Required. 1 to 3650 days (Sign Sub Csr documents days only).",
            "필수. 1~3650일 (Sign Sub Csr는 일 수만 안내합니다).",
        ),
        "1825",
    )
    .required(),
];

/// The fields of `op` (none for an operation the app does not offer).
pub fn fields(op: OperationKind) -> &'static [Field] {
    match op {
        OperationKind::IssueEndCert => ISSUE_END_CERT,
        OperationKind::ActivateSubCa => ACTIVATE_SUB_CA,
        OperationKind::RequestCertificateIssuance => REQUEST_ISSUANCE,
        OperationKind::SignEndCsr => SIGN_END_CSR,
        _ => &[],
    }
}

/// The request JSON for the typed values: each path becomes (nested) keys, empty values are
/// left out, so certkit-core sees exactly what the user typed.
pub fn form_json(values: &BTreeMap<String, String>) -> serde_json::Value {
    let mut root = serde_json::Map::new();
    for (path, value) in values {
        if value.is_empty() {
            continue;
        }
        let mut node = &mut root;
        let mut parts = path.split('.').peekable();
        while let Some(part) = parts.next() {
            if parts.peek().is_none() {
                node.insert(part.to_string(), serde_json::Value::String(value.clone()));
            } else {
                let child = node
                    .entry(part.to_string())
                    .or_insert_with(|| serde_json::Value::Object(serde_json::Map::new()));
                match child {
                    serde_json::Value::Object(map) => node = map,
                    _ => break,
                }
            }
        }
    }
    serde_json::Value::Object(root)
}

/// The operation the form describes (not yet validated), or the problem that stops reading it.
pub fn operation(
    op: OperationKind,
    values: &BTreeMap<String, String>,
) -> Result<Operation, Problem> {
    Operation::from_json(op, &form_json(values).to_string())
}

/// certkit-core's problems with the form (empty when it may be sent).
pub fn problems(op: OperationKind, values: &BTreeMap<String, String>) -> Vec<Problem> {
    match operation(op, values) {
        Ok(operation) => operation.validate(),
        Err(problem) => vec![problem],
    }
}

/// The form field a problem path is about, and the 0-based list entry if the path names one:
/// `dnsName[1]` -> (`dnsName`, Some(1)).
pub fn split_path(path: &str) -> (&str, Option<usize>) {
    match path.split_once('[') {
        Some((base, rest)) => (base, rest.trim_end_matches(']').parse().ok()),
        None => (path, None),
    }
}

/// certkit-core's problems for the form, translated and grouped by form field; a problem about
/// one entry of a list (`dnsName[1]`) says which entry ("entry 2: ...").
pub fn field_errors(
    op: OperationKind,
    values: &BTreeMap<String, String>,
    lang: Lang,
) -> BTreeMap<String, Vec<String>> {
    errors_by_field(problems(op, values), lang)
}

/// `problems`, translated and grouped by form field (see [`field_errors`]).
pub fn errors_by_field(problems: Vec<Problem>, lang: Lang) -> BTreeMap<String, Vec<String>> {
    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for problem in problems {
        let (base, entry) = split_path(&problem.field);
        let text = crate::i18n::problem_text(lang, problem.code, &problem.message);
        let text = match entry {
            Some(i) => format!("{} {}: {text}", crate::i18n::Msg::Entry.text(lang), i + 1),
            None => text,
        };
        errors.entry(base.to_string()).or_default().push(text);
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use certkit_core::operation::KeyType;

    fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn nested_paths_become_nested_json_and_empty_values_vanish() {
        let json = form_json(&values(&[
            ("caTag", "ca-1"),
            ("x509Parameters.commonName", "a.example"),
            ("x509Parameters.ip", ""),
            ("period", "30"),
        ]));
        assert_eq!(
            json.to_string(),
            r#"{"caTag":"ca-1","period":"30","x509Parameters":{"commonName":"a.example"}}"#
        );
    }

    #[test]
    fn every_problem_field_of_an_empty_form_is_a_form_field() {
        for op in crate::state::APP_OPERATIONS {
            for problem in problems(op, &BTreeMap::new()) {
                assert!(
                    fields(op).iter().any(|f| f.path == problem.field),
                    "{op:?}: {}",
                    problem.field
                );
            }
        }
    }

    #[test]
    fn a_bad_dns_name_entry_shows_on_the_dns_name_field() {
        let values = values(&[
            ("certificateName", "site"),
            ("commonName", "example.com"),
            ("dnsName", "www.example.com, bad domain!"),
            ("validationMethod", "D"),
        ]);
        let raw = problems(OperationKind::RequestCertificateIssuance, &values);
        assert!(raw.iter().any(|p| p.field == "dnsName[1]"), "{raw:?}");
        let errors = field_errors(OperationKind::RequestCertificateIssuance, &values, Lang::En);
        let dns = errors.get("dnsName").cloned().unwrap_or_default();
        assert_eq!(dns.len(), 1, "{errors:?}");
        assert!(dns[0].starts_with("entry 2: "), "{dns:?}");
        assert!(errors.keys().all(|k| !k.contains('[')), "{errors:?}");
        assert_eq!(split_path("dnsName[12]"), ("dnsName", Some(12)));
        assert_eq!(split_path("caTag"), ("caTag", None));
    }

    #[test]
    fn labels_name_the_api_field() {
        let cn = ISSUE_END_CERT
            .iter()
            .find(|f| f.path == "x509Parameters.commonName");
        assert_eq!(
            cn.map(|f| f.label(Lang::En)).as_deref(),
            Some("Common name (commonName)")
        );
    }

    #[test]
    fn the_key_type_choices_are_cores() {
        let core: Vec<String> = KeyType::ALL
            .iter()
            .map(|k| k.as_str().to_string())
            .collect();
        assert_eq!(KEY_TYPES.to_vec(), core);
    }

    #[test]
    fn placeholders_read_as_examples_in_both_languages() {
        let mut seen = 0;
        for op in crate::state::APP_OPERATIONS {
            for field in fields(op).iter().filter(|f| !f.example.is_empty()) {
                let en = field.placeholder(Lang::En).unwrap_or_default();
                let ko = field.placeholder(Lang::Ko).unwrap_or_default();
                assert_eq!(en, format!("e.g. {}", field.example));
                assert_eq!(ko, format!("예: {}", field.example));
                seen += 1;
            }
        }
        assert!(seen >= 5, "{seen} placeholders");
        assert_eq!(CA_TAG.placeholder(Lang::En), None);
        let period = ISSUE_END_CERT.iter().find(|f| f.path == "period");
        assert_eq!(
            period.and_then(|f| f.placeholder(Lang::En)).as_deref(),
            Some("e.g. 365")
        );
    }

    #[test]
    fn the_validation_method_reads_as_its_name_and_is_sent_as_d() {
        let method = REQUEST_ISSUANCE
            .iter()
            .find(|f| f.path == "validationMethod")
            .copied()
            .expect("the field exists");
        assert_eq!(method.input, Input::RequiredChoice(&["D"]));
        assert_eq!(
            method.option_label("D", Lang::En),
            "DNS validation (CNAME record)"
        );
        assert_eq!(
            method.option_label("D", Lang::Ko),
            "DNS 검증 (CNAME 레코드)"
        );
        assert_eq!(validation_method_label("X", Lang::En), "X");
        let key_type = ISSUE_END_CERT.iter().find(|f| f.path == "keyType");
        assert_eq!(
            key_type
                .map(|f| f.option_label("EC256", Lang::En))
                .as_deref(),
            Some("EC256")
        );
    }
}
