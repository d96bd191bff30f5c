//! English and Korean text for everything the app says.
//!
//! UI text is a [`Msg`] (so a missing translation is a compile error); validation problems are
//! translated by their stable certkit-core code, failures by their kind.

use certkit_core::{FailureKind, ProblemCode, ProxyRefusal};

/// The UI language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Korean.
    Ko,
}

impl Lang {
    /// The `lang` attribute value.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ko => "ko",
        }
    }

    /// Picks the text of this language.
    pub fn pick(self, en: &'static str, ko: &'static str) -> &'static str {
        match self {
            Lang::En => en,
            Lang::Ko => ko,
        }
    }
}

macro_rules! messages {
    ($($name:ident => $en:expr, $ko:expr;)*) => {
        /// A piece of UI text.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Msg { $(
            #[allow(missing_docs)]
            $name
        ),* }

        impl Msg {
            /// Every message (for the translation test).
            #[cfg(test)]
            pub const ALL: &'static [Msg] = &[$(Msg::$name),*];

            /// The text in `lang`.
            pub fn text(self, lang: Lang) -> &'static str {
                // A table indexed by the message's discriminant (declaration order), not a
                // `match`: its 500-odd arms compiled to 16 kB of wasm code.
                const TEXTS: &[[&str; 2]] = &[$([$en, $ko]),*];
                let [en, ko] = TEXTS.get(self as usize).copied().unwrap_or_default();
                lang.pick(en, ko)
            }

            /// [`Msg::text`] as a `match`, the reference its table is tested against.
            #[cfg(test)]
            fn text_by_match(self, lang: Lang) -> &'static str {
                match self { $( Msg::$name => lang.pick($en, $ko), )* }
            }

            /// The text in `lang` with its `{endpoint}` filled in from certkit-core's table, so
            /// that no path is written twice.
            pub fn text_with_endpoint(self, lang: Lang, op: certkit_core::OperationKind) -> String {
                self.text(lang).replace("{endpoint}", &op.endpoint())
            }
        }
    };
}

messages! {
    AppName => "ncp-certkit", "ncp-certkit";
    Tagline => "Issue and inspect NAVER Cloud certificates. Requests are signed in this page.",
        "NAVER Cloud 인증서를 발급하고 검사합니다. 요청은 이 페이지에서 서명됩니다.";
    SkipToContent => "Skip to content", "본문으로 건너뛰기";
    MainNav => "Pages", "페이지";
    LanguageLabel => "Language", "언어";
    NavConnection => "Connection", "연결";
    NavIssue => "Issue End Cert", "엔드 인증서 발급";
    NavActivate => "Activate Sub CA", "하위 CA 활성화";
    NavRequest => "Request Certificate Issuance", "공인 인증서 발급 요청";
    NavInspect => "Inspect PEM", "PEM 검사";
    NavHistory => "History", "기록";
    // Connection
    SiteLabel => "Site", "사이트";
    SiteSandbox => "Sandbox (offline, built in)", "샌드박스 (오프라인, 내장)";
    SitePublic => "Public (ntruss.com)", "민간 (ntruss.com)";
    SiteGov => "Government (gov-ntruss.com)", "공공 (gov-ntruss.com)";
    SiteFin => "Financial (fin-ntruss.com)", "금융 (fin-ntruss.com)";
    AccessKeyLabel => "Access key", "액세스 키";
    SecretKeyLabel => "Secret key", "시크릿 키";
    SecretNote => "The secret key never leaves this page: it is used here only to compute each request's signature, and is never sent, not even to this app's own server.",
        "시크릿 키는 이 페이지를 벗어나지 않습니다. 이 페이지에서 요청 서명을 계산하는 데만 쓰이며, 이 앱의 서버로도 전송되지 않습니다.";
    RememberLabel => "Remember keys in this tab (sessionStorage: kept while the tab is open, and the browser may restore it with the session after a restart)",
        "이 탭에서 키 기억하기 (sessionStorage: 탭이 열려 있는 동안 보관되며, 브라우저가 재시작 후 세션과 함께 복원할 수 있음)";
    KeysInMemory => "Keys are kept in this page's memory, and in sessionStorage only if you tick \"remember\"; never in localStorage. Use a sub-account key allowed only the certificate services.",
        "키는 이 페이지의 메모리에만 보관되며, \"기억하기\"를 켠 경우에만 sessionStorage에 저장됩니다. localStorage에는 저장하지 않습니다. 인증서 서비스 권한만 가진 서브 계정 키를 쓰세요.";
    UseDemoKeys => "Use the sandbox demo keys", "샌드박스 데모 키 사용";
    DemoKeysLoaded => "Demo keys filled in.", "데모 키를 입력했습니다.";
    ShowSecret => "Show", "표시";
    HideSecret => "Hide", "숨기기";
    ClockOffsetNote => "Signing with a clock correction of", "서명 시 적용 중인 시계 보정:";
    ResetClock => "Use the local clock again", "로컬 시계로 되돌리기";
    KeysMissing => "Enter the access key and secret key on the Connection page.",
        "연결 페이지에서 액세스 키와 시크릿 키를 입력하세요.";
    // Forms
    Required => "required", "필수";
    Optional => "optional", "선택";
    Send => "Send", "보내기";
    Sending => "Sending…", "보내는 중…";
    Cancel => "Cancel", "취소";
    Cancelled => "Cancelled. Nothing you typed was lost.", "취소했습니다. 입력한 내용은 그대로입니다.";
    Elapsed => "Elapsed", "경과";
    SendRefused => "Not sent. Fix these first:", "보내지 않았습니다. 먼저 다음을 고치세요:";
    NotOffered => "This operation is not offered on the selected site", "선택한 사이트에서는 이 작업을 제공하지 않습니다";
    NotOfferedHelp => "Nothing will be sent. Pick another site on the Connection page.",
        "아무것도 보내지 않습니다. 연결 페이지에서 다른 사이트를 고르세요.";
    DefaultOption => "(service default)", "(서비스 기본값)";
    CaPickerLoad => "List CAs", "CA 목록 불러오기";
    CaPickerLoading => "Listing CAs…", "CA 목록을 불러오는 중…";
    CaPickerHint => "Pick a CA listed by {endpoint}, or type a tag.",
        "{endpoint} 목록에서 고르거나 태그를 직접 입력하세요.";
    CaPickerFailed => "Could not list CAs", "CA 목록을 불러오지 못했습니다";
    NetworkError => "The request got no answer", "요청에 응답이 없습니다";
    // Activate
    DropHint => "Paste, or drop a .pem/.crt file here.", "붙여넣거나 .pem/.crt 파일을 여기에 끌어다 놓으세요.";
    ChooseFile => "Choose file", "파일 선택";
    Repaired => "Line breaks were repaired", "줄바꿈을 고쳤습니다";
    CheckTitle => "Before sending", "보내기 전 확인";
    IsCaYes => "certPem is a CA certificate.", "certPem은 CA 인증서입니다.";
    IsCaNo => "certPem is not a CA certificate (basicConstraints CA:FALSE or missing). NCP will refuse it.",
        "certPem은 CA 인증서가 아닙니다 (basicConstraints CA:FALSE 또는 없음). NCP가 거부합니다.";
    ChainOrder => "Chain order (leaf to root)", "체인 순서 (리프에서 루트로)";
    ChainVerifies => "The chain verifies certPem.", "체인이 certPem을 검증합니다.";
    ChainFails => "The chain does not verify certPem", "체인이 certPem을 검증하지 못합니다";
    SandboxHelper => "Sandbox: sign the pending CA's CSR with the external root",
        "샌드박스: 대기 중인 CA의 CSR을 외부 루트로 서명";
    SandboxHelperHelp => "Fetches a pending sub CA's CSR (creating one if needed), has the sandbox's external root sign it, and fills in this form.",
        "대기 중인 하위 CA의 CSR을 가져와(없으면 생성) 샌드박스 외부 루트로 서명하고 이 양식을 채웁니다.";
    SandboxHelperWorking => "Signing…", "서명 중…";
    SandboxHelperDone => "Filled in for pending CA", "다음 대기 중 CA로 채웠습니다:";
    // Preview
    PreviewTitle => "Request preview", "요청 미리보기";
    PreviewSent => "Request as sent", "보낸 요청";
    PreviewUnavailable => "The preview appears once the form is valid and keys are entered.",
        "양식이 올바르고 키를 입력하면 미리보기가 나타납니다.";
    Method => "Method", "메서드";
    Url => "URL", "URL";
    Headers => "Headers", "헤더";
    Body => "Body", "본문";
    StringToSign => "String to sign", "서명 문자열";
    CopyCurl => "Copy as curl", "curl로 복사";
    CurlNote => "A signed request works like a password until it expires: whoever holds it can send any body to this path for 5 minutes after its timestamp (the signature does not cover the body). Share it as you would the key.",
        "서명된 요청은 만료될 때까지 비밀번호처럼 동작합니다. 이를 가진 사람은 타임스탬프 후 5분 동안 이 경로에 어떤 본문이든 보낼 수 있습니다(서명은 본문을 포함하지 않음). 키처럼 다루세요.";
    Copy => "Copy", "복사";
    Copied => "Copied", "복사됨";
    // Response
    ResponseTitle => "Response", "응답";
    Status => "HTTP status", "HTTP 상태";
    Outcome => "Outcome", "결과";
    Success => "Success", "성공";
    WhatToDo => "What to do", "조치 방법";
    RawBody => "Response body", "응답 본문";
    MeasuredOffset => "Measured clock offset (server − this computer)", "측정된 시계 차이 (서버 − 이 컴퓨터)";
    ClockTooFar => "Your clock is 5 minutes or more away from the server's: the gateway rejects such signatures.",
        "이 컴퓨터 시계가 서버와 5분 이상 차이 납니다. 게이트웨이가 그런 서명을 거부합니다.";
    ClockFine => "The clocks agree, so check the access key and secret key.",
        "시계는 맞습니다. 액세스 키와 시크릿 키를 확인하세요.";
    Resign => "Re-sign with the corrected clock and send again", "보정한 시계로 다시 서명해 보내기";
    SubAccountForbidden => "Certificate Manager API v2 answers 403 with an empty body to sub-account keys. Use a main-account key.",
        "Certificate Manager API v2는 서브 계정 키에 빈 본문의 403을 돌려줍니다. 메인 계정 키를 사용하세요.";
    // Results
    CertificateCard => "Certificate", "인증서";
    Subject => "Subject", "주체";
    Issuer => "Issuer", "발급자";
    Serial => "Serial number", "일련번호";
    Validity => "Validity", "유효 기간";
    NotBefore => "Not before", "시작";
    NotAfter => "Not after", "만료";
    DaysRemaining => "days remaining", "일 남음";
    Expired => "expired", "만료됨";
    WarnDaysLabel => "Warn when fewer days remain than", "남은 일수가 이보다 적으면 경고";
    Sans => "Subject alternative names", "주체 대체 이름";
    PublicKey => "Public key", "공개 키";
    SignatureAlgorithm => "Signature algorithm", "서명 알고리즘";
    KeyUsage => "Key usage", "키 용도";
    ExtKeyUsage => "Extended key usage", "확장 키 용도";
    BasicConstraints => "Basic constraints", "기본 제약";
    SubjectKeyId => "Subject key ID", "주체 키 ID";
    AuthorityKeyId => "Authority key ID", "기관 키 ID";
    CrlUrls => "CRL URLs", "CRL URL";
    OcspUrls => "OCSP URLs", "OCSP URL";
    Fingerprints => "Fingerprints", "지문";
    NoneValue => "none", "없음";
    PrivateKeyTitle => "Private key", "개인 키";
    PrivateKeyWarning => "Shown once: NCP does not keep it and this page does not store it (History excludes it). Save it now and keep it secret.",
        "한 번만 표시됩니다. NCP도 이 페이지도 보관하지 않습니다(기록에서도 제외). 지금 저장하고 비밀로 유지하세요.";
    KeyMatches => "Matches the certificate", "인증서와 일치합니다";
    KeyMismatch => "Does NOT match the certificate", "인증서와 일치하지 않습니다";
    ChainTitle => "CA chain (leaf to root)", "CA 체인 (리프에서 루트로)";
    LinkOk => "signed by the next certificate", "다음 인증서가 서명함";
    CheckingSignatures => "Checking signatures…", "서명을 확인하는 중…";
    LinkFail => "not signed by the next certificate", "다음 인증서가 서명하지 않음";
    RootSelfSigned => "self-signed root", "자체 서명 루트";
    ChainVerified => "Chain verified", "체인 검증됨";
    ChainNotVerified => "Chain not verified", "체인 검증 실패";
    IssuerPem => "Issuer (from the response)", "발급자 (응답)";
    OcspResponder => "OCSP responder", "OCSP 응답자";
    Downloads => "Downloads", "다운로드";
    CaInfoTitle => "CA", "CA";
    CaCertInfoTitle => "CA certificate", "CA 인증서";
    RequestSn => "Request serial (requestSn)", "요청 일련번호 (requestSn)";
    NextStepDns => "Next step: create the DNS records so NCP can validate each domain",
        "다음 단계: NCP가 각 도메인을 검증할 수 있도록 DNS 레코드를 만드세요";
    FetchDnsRecord => "Show the DNS records to create", "만들 DNS 레코드 보기";
    RefreshDnsRecord => "Check the records again", "레코드 다시 확인";
    DnsRecordHelp => "Finds the certificate's number by its name (List Cloud Certificates), then reads each domain's records ({endpoint}?domainAddress=…).",
        "이름으로 인증서 번호를 찾은 뒤(List Cloud Certificates) 도메인마다 레코드를 조회합니다({endpoint}?domainAddress=…).";
    DnsRecordsFailed => "Could not read the DNS records", "DNS 레코드를 읽지 못했습니다";
    CertificateNo => "Certificate number (certificateNo)", "인증서 번호 (certificateNo)";
    CertificateNotListed => "Certificate Manager lists no certificate of this name yet; wait a moment and try again:",
        "Certificate Manager에 아직 이 이름의 인증서가 없습니다. 잠시 뒤 다시 시도하세요:";
    NoRecordYet => "No record returned for this domain yet.", "이 도메인에 대해 아직 돌려받은 레코드가 없습니다.";
    OtherFields => "Other fields", "기타 항목";
    SandboxMarkCreated => "Sandbox: I created this record", "샌드박스: 이 레코드를 만들었음";
    RecordTypeNote => "NCP's pages call this record TXT in one place and CNAME in another: create it with the type and value that the Certificate Manager console shows for it.",
        "NCP 문서는 이 레코드를 한 곳에서는 TXT, 다른 곳에서는 CNAME이라고 합니다. Certificate Manager 콘솔에 표시된 유형과 값으로 만드세요.";
    // Inspect
    InspectTitle => "Inspect a PEM bundle", "PEM 번들 검사";
    InspectHelp => "Paste or drop certificates and keys in PEM. Nothing is sent anywhere.",
        "PEM 형식의 인증서와 키를 붙여넣거나 끌어다 놓으세요. 어디에도 전송하지 않습니다.";
    InspectInput => "PEM text", "PEM 텍스트";
    PrivateKeyItem => "Private key", "개인 키";
    InspectEmpty => "Paste a PEM bundle to see its contents.", "PEM 번들을 붙여넣으면 내용이 표시됩니다.";
    // History
    HistoryTitle => "History of this tab", "이 탭의 기록";
    HistoryHelp => "The last requests and their outcomes. Private keys are never kept here.",
        "최근 요청과 결과입니다. 개인 키는 여기에 보관하지 않습니다.";
    HistoryEmpty => "Nothing sent yet.", "아직 보낸 요청이 없습니다.";
    Reopen => "Reopen", "다시 열기";
    ReopenedTitle => "From history (read-only)", "기록에서 연 요청 (읽기 전용)";
    ReopenedHelp => "A past request, shown beside the current one; the form and any key received now are unchanged.",
        "지난 요청을 현재 요청과 따로 보여 줍니다. 양식과 지금 받은 키는 바뀌지 않습니다.";
    LoadIntoForm => "Load these values into the form", "이 값을 양식에 불러오기";
    CloseReopened => "Close", "닫기";
    Entry => "entry", "항목";
    NetworkDetail => "Technical detail", "기술 정보";
    PemUnreadable => "This PEM could not be read", "이 PEM을 읽을 수 없습니다";
    ClearHistory => "Clear history", "기록 지우기";
    When => "When", "시각";
    Operation => "Operation", "작업";
    Site => "Site", "사이트";
    ResultTitle => "Result", "결과";
    KeyNotKept => "The private key is not on this page: it was wiped, or this is history, which never holds one.",
        "개인 키가 이 페이지에 없습니다. 지웠거나, 개인 키를 보관하지 않는 기록입니다.";
    IssuerMissing => "issuer not in the chain, not checked", "발급자가 체인에 없어 확인하지 못함";
    SignatureUnsupported => "signature algorithm not checked here", "여기서 확인하지 않는 서명 알고리즘";
    ChainShuffled => "caChainPem is out of order.", "caChainPem의 순서가 뒤섞여 있습니다.";
    FixOrder => "Put it in order (leaf to root)", "순서 바로잡기 (리프에서 루트로)";
    Domain => "Domain", "도메인";
    RecordName => "Record name (txtName)", "레코드 이름 (txtName)";
    ValidationStatus => "Status (validStatusCode)", "상태 (validStatusCode)";
    SandboxDemoFailed => "The sandbox's demo route failed", "샌드박스 데모 경로가 실패했습니다";
    DemoKeysFailed => "Could not fetch the demo keys", "데모 키를 가져오지 못했습니다";
    SandboxHelperFailed => "Could not sign a pending CA's CSR", "대기 중 CA의 CSR에 서명하지 못했습니다";
    // issue 18: after Send, context, navigation
    GroupPrivateCa => "Private CA", "Private CA";
    GroupCertificateManager => "Certificate Manager", "Certificate Manager";
    GroupTools => "Tools", "도구";
    NavNotOffered => "· not on this site", "· 이 사이트에 없음";
    ChipSandbox => "Sandbox", "샌드박스";
    ChipPublic => "Public", "민간";
    ChipGov => "Gov", "공공";
    ChipFin => "Fin", "금융";
    ChipNoKeys => "no keys", "키 없음";
    ChipTitle => "The site and access key requests are signed for: change them on Connection",
        "요청에 서명하는 사이트와 액세스 키: 연결 페이지에서 바꿉니다";
    KeysReady => "Keys are set. Next:", "키가 준비되었습니다. 다음:";
    ConfirmTitle => "A check says NCP will refuse this request:", "확인 결과 NCP가 이 요청을 거부할 것으로 보입니다:";
    SendAnyway => "Send anyway", "그래도 보내기";
    DontSend => "Don't send", "보내지 않기";
    IssuedSummary => "Issued", "발급됨";
    ActivatedSummary => "Activated", "활성화됨";
    RequestedSummary => "Requested", "요청됨";
    RequestedNext => "next: create the DNS records", "다음: DNS 레코드 만들기";
    SeeDetails => "Details", "자세히";
    NcpErrorCode => "NCP error code", "NCP 오류 코드";
    EarlierTitle => "Earlier result, kept for its private key", "이전 결과 (개인 키 때문에 보관)";
    EarlierHelp => "This answer belongs to an earlier request. It stays because its private key exists nowhere else: save the key, then wipe it.",
        "이전 요청의 응답입니다. 개인 키가 다른 곳에는 없기 때문에 남겨 둡니다. 키를 저장한 뒤 지우세요.";
    WipeKey => "Wipe the key from this page", "이 페이지에서 키 지우기";
    WipeKeyHelp => "Once it is saved, wipe it: the page then keeps only the certificate.",
        "저장한 뒤에는 지우세요. 그러면 페이지에는 인증서만 남습니다.";
    // issue 18: history, cold load, labels
    HistoryCaTag => "CA tag (caTag)", "CA 태그 (caTag)";
    HistoryName => "Name (commonName / certificateName)", "이름 (commonName / certificateName)";
    HistorySerial => "Serial (serialNo / requestSn)", "일련번호 (serialNo / requestSn)";
    HistoryStored => "Kept in this tab's sessionStorage: it survives a reload and lasts while the tab is open (the browser may restore it with the session after a restart). Private keys and the secret key are never stored.",
        "이 탭의 sessionStorage에 보관합니다. 새로 고쳐도 남고 탭이 열려 있는 동안 유지됩니다(브라우저가 재시작 후 세션과 함께 복원할 수 있음). 개인 키와 시크릿 키는 저장하지 않습니다.";
    ExportHistory => "Export as JSON", "JSON으로 내보내기";
    ReopenedForm => "Values sent", "보낸 값";
    ExamplePrefix => "e.g. ", "예: ";
    ValidationDns => "DNS validation (CNAME record)", "DNS 검증 (CNAME 레코드)";
    ValidationEmail => "E-mail validation", "이메일 검증";
    RoleLeaf => "Leaf", "리프";
    RoleIntermediate => "Intermediate", "중간";
    RoleRoot => "Root", "루트";
    CopyAsJson => "Copy as JSON", "JSON으로 복사";
    InspectionJson => "the inspection (inspectPem JSON)", "검사 결과 (inspectPem JSON)";
    KeyMatchesPasted => "Matches the pasted private key", "붙여넣은 개인 키와 일치합니다";
    KeyMismatchPasted => "Does NOT match the pasted private key", "붙여넣은 개인 키와 일치하지 않습니다";
    KeyMatchesCertificate => "Belongs to certificate", "이 키의 인증서:";
    KeyMatchesNone => "Belongs to none of the pasted certificates", "붙여넣은 인증서 중 이 키와 맞는 것이 없습니다";
    // issue 13: the CAs page
    NavCas => "CAs", "CA 목록";
    CasIntro => "Every CA of this account on the selected site ({endpoint}), a page at a time as NCP pages it. Open one to see its certificate, chain and CRL.",
        "선택한 사이트에 있는 이 계정의 모든 CA입니다 ({endpoint}). NCP가 나누는 대로 한 페이지씩 보여 줍니다. CA를 열면 인증서, 체인, CRL을 볼 수 있습니다.";
    CasLoading => "Reading the CAs…", "CA 목록을 읽는 중…";
    CasFailed => "Could not read the CAs", "CA 목록을 읽지 못했습니다";
    CasEmpty => "This account has no CA on this site yet.", "이 사이트에 이 계정의 CA가 아직 없습니다.";
    CasEmptyNext => "Create a root CA with Create CA above, then its sub CAs. If you expected CAs here, check the site and keys on the Connection page.",
        "위의 CA 생성으로 루트 CA를 만든 다음 하위 CA를 만드세요. CA가 있어야 한다면 연결 페이지에서 사이트와 키를 확인하세요.";
    CasCheckConnection => "Check the site and keys on Connection", "연결 페이지에서 사이트와 키 확인";
    Retry => "Try again", "다시 시도";
    Reload => "Reload", "다시 읽기";
    CasColStatus => "Status (status)", "상태 (status)";
    CasColType => "Type (caType)", "유형 (caType)";
    CasColAlias => "Alias (alias)", "별칭 (alias)";
    CasColCommonName => "Common name (commonName)", "일반 이름 (commonName)";
    CasColExpires => "Expires in (notAfterDate)", "만료까지 (notAfterDate)";
    CasColSigned => "Certificates signed (signingCount)", "서명한 인증서 수 (signingCount)";
    CasColTag => "CA tag (caTag)", "CA 태그 (caTag)";
    CasPageOf => "Page {page} of {pages} (currentPageNo / totalPageNo)", "{pages}페이지 중 {page}페이지 (currentPageNo / totalPageNo)";
    CasPageOnly => "Page {page} (currentPageNo)", "{page}페이지 (currentPageNo)";
    CasTotal => "{count} CAs in all (totalCnt)", "전체 CA {count}개 (totalCnt)";
    CasPrevious => "Previous page", "이전 페이지";
    CasNext => "Next page", "다음 페이지";
    CasListLabel => "CAs on this page", "이 페이지의 CA";
    CasNoCertificate => "no certificate yet", "아직 인증서 없음";
    CasDays => "{days} days", "{days}일";
    CasExpiredDays => "expired {days} days ago", "{days}일 전에 만료";
    StatusActive => "Active", "활성";
    StatusPending => "Pending", "대기";
    StatusDeactivated => "Deactivated", "비활성";
    StatusDestroying => "Deletion scheduled", "삭제 예정";
    CaTypeRoot => "Root CA", "루트 CA";
    CaTypeSub => "Sub CA", "하위 CA";
    CaBack => "All CAs", "전체 CA 목록";
    CaTitle => "CA", "CA";
    CaLoading => "Reading the CA, its chain and its CRL…", "CA와 체인, CRL을 읽는 중…";
    CaFailed => "Could not read this CA", "이 CA를 읽지 못했습니다";
    CaSummary => "The CA (caInfo)", "CA 정보 (caInfo)";
    CaMemo => "Memo (memo)", "메모 (memo)";
    CaRegistered => "Registered (rgstDate)", "등록일 (rgstDate)";
    CaDestroyDate => "Deletion date (destroyDate)", "삭제 예정일 (destroyDate)";
    CaCertificate => "CA certificate (caCertInfo.certPem)", "CA 인증서 (caCertInfo.certPem)";
    CaNoCertificate => "This CA has no certificate yet: a sub CA signed elsewhere gets one with Activate Sub CA.",
        "이 CA에는 아직 인증서가 없습니다. 외부에서 서명하는 하위 CA는 하위 CA 활성화로 인증서를 받습니다.";
    CaCertUnreadable => "The CA certificate could not be read", "CA 인증서를 읽을 수 없습니다";
    CaChainFailed => "Could not read the chain (Get CA Chain)", "체인을 읽지 못했습니다 (Get CA Chain)";
    CaChainUnreadable => "The chain could not be read", "체인을 읽을 수 없습니다";
    CrlTitle => "Certificate revocation list (Get CA Crl)", "인증서 폐기 목록 (Get CA Crl)";
    CrlFailed => "Could not read the CRL (Get CA Crl)", "CRL을 읽지 못했습니다 (Get CA Crl)";
    CrlUnreadable => "The CRL could not be read", "CRL을 읽을 수 없습니다";
    CrlThisUpdate => "Issued (thisUpdate)", "발행 (thisUpdate)";
    CrlNextUpdate => "Next update (nextUpdate)", "다음 갱신 (nextUpdate)";
    CrlStale => "past: this CRL is out of date", "지남: 오래된 CRL입니다";
    CrlNumber => "CRL number (cRLNumber)", "CRL 번호 (cRLNumber)";
    CrlOtherIssuer => "This CRL names another issuer than this CA's certificate: it does not tell which of this CA's certificates are revoked.",
        "이 CRL의 발급자가 이 CA 인증서와 다릅니다. 이 CA의 어떤 인증서가 폐기되었는지 알려 주지 않습니다.";
    CaActionsTitle => "Status actions (status)", "상태 변경 (status)";
    CaActionsNone => "No status action for a CA in this status. A PENDING sub CA becomes ACTIVE with Activate Sub CA.",
        "이 상태의 CA에는 상태 변경이 없습니다. PENDING 하위 CA는 하위 CA 활성화로 ACTIVE가 됩니다.";
    CaActionDeactivate => "Deactivate (DEACTIVATED)", "비활성화 (DEACTIVATED)";
    CaActionActivate => "Activate (ACTIVE)", "활성화 (ACTIVE)";
    CaActionScheduleDeletion => "Schedule deletion (DESTROYING)", "삭제 예약 (DESTROYING)";
    CaActionCancelDeletion => "Cancel deletion (ACTIVE)", "삭제 예약 취소 (ACTIVE)";
    CaActionDelete => "Delete now (Delete CA)", "지금 삭제 (Delete CA)";
    CaScheduleWarning => "Scheduling deletion starts a 72-hour wait. Then this CA and every sub CA under it are deleted, whatever the state of the certificates they issued: their private keys are destroyed for good and their certificates can no longer be trusted. You can cancel the deletion during those 72 hours.",
        "삭제를 예약하면 72시간 대기가 시작됩니다. 그 뒤 이 CA와 그 아래의 모든 하위 CA가 발급한 인증서의 상태와 관계없이 삭제됩니다. 개인 키는 영구히 파기되고 발급한 인증서는 더 이상 신뢰할 수 없습니다. 72시간 안에는 삭제 예약을 취소할 수 있습니다.";
    CaDeleteWarning => "Delete CA deletes this CA now, with every sub CA under it, without waiting for the 72 hours. This cannot be undone.",
        "Delete CA는 72시간을 기다리지 않고 이 CA와 그 아래의 모든 하위 CA를 지금 삭제합니다. 되돌릴 수 없습니다.";
    CaConfirmLabel => "Type the CA's alias to confirm (alias)", "확인하려면 CA 별칭을 입력하세요 (alias)";
    CaConfirmButton => "Confirm", "확인";
    CaKeep => "Keep the CA", "CA 유지";
    CaCommandFailed => "The status action failed", "상태 변경에 실패했습니다";
    CaDoneDeactivated => "The CA is deactivated: it issues nothing until activated again.",
        "CA를 비활성화했습니다. 다시 활성화할 때까지 아무것도 발급하지 않습니다.";
    CaDoneActivated => "The CA is active again.", "CA를 다시 활성화했습니다.";
    CaDoneScheduled => "Deletion is scheduled: the CA and its sub CAs are deleted after 72 hours (destroyDate).",
        "삭제를 예약했습니다. 72시간 뒤 CA와 하위 CA가 삭제됩니다 (destroyDate).";
    CaDoneCancelled => "Deletion is cancelled: the CA is active.", "삭제 예약을 취소했습니다. CA가 활성 상태입니다.";
    CaDoneDeleted => "The CA was deleted, with its sub CAs.", "CA와 하위 CA를 삭제했습니다.";
    CrlRevokedCount => "Revoked certificates", "폐기된 인증서";
    CrlNoneRevoked => "No certificate of this CA is revoked.", "이 CA에서 폐기된 인증서가 없습니다.";
    CrlSerial => "Serial (userCertificate)", "일련번호 (userCertificate)";
    CrlRevokedAt => "Revoked (revocationDate)", "폐기일 (revocationDate)";
    CrlReason => "Reason (reasonCode)", "사유 (reasonCode)";
    // issue 13: issue with my own key
    NavOwnKey => "Issue with my own key", "내 키로 발급";
    OwnKeyTitle => "The key and its CSR", "키와 CSR";
    OwnKeyIntro => "Sign End Csr ({endpoint}): your browser makes the private key in this page (WebCrypto), or you bring your own CSR. Only the CSR is sent: the private key never leaves this page, and NCP never sees it.",
        "Sign End Csr ({endpoint}): 개인 키는 브라우저가 이 페이지에서 만들거나(WebCrypto), 직접 만든 CSR을 가져옵니다. CSR만 전송되며 개인 키는 이 페이지를 떠나지 않고 NCP도 보지 못합니다.";
    OwnKeySource => "Where the key comes from", "키를 어디서 가져올지";
    OwnKeyGenerate => "Generate a key in this page", "이 페이지에서 키 생성";
    OwnKeyPaste => "Use my own CSR (paste or drop it below)", "내 CSR 사용 (아래에 붙여 넣거나 끌어다 놓기)";
    OwnKeyAlgorithm => "Key algorithm", "키 알고리즘";
    OwnKeyAlgorithmHelp => "ECDSA P-256 or P-384 (signed with SHA-256 or SHA-384), or RSA 2048, 3072 or 4096 (PKCS#1 v1.5 with SHA-256). RSA 4096 can take a few seconds.",
        "ECDSA P-256 또는 P-384 (SHA-256 또는 SHA-384로 서명), 또는 RSA 2048, 3072, 4096 (PKCS#1 v1.5, SHA-256). RSA 4096은 몇 초 걸릴 수 있습니다.";
    OwnKeySubject => "Subject and alternative names of the CSR", "CSR의 주체와 대체 이름";
    OwnKeySubjectHelp => "The same fields and rules as Issue End Cert; the CA copies them from the CSR into the certificate.",
        "엔드 인증서 발급과 같은 항목과 규칙입니다. CA가 CSR에서 인증서로 옮겨 적습니다.";
    OwnKeyMake => "Generate key and CSR", "키와 CSR 생성";
    OwnKeyMakeAgain => "Generate a new key and CSR", "새 키와 CSR 생성";
    OwnKeyWorking => "Generating the key and signing the CSR…", "키를 만들고 CSR에 서명하는 중…";
    OwnKeyFailed => "The key or CSR could not be made", "키 또는 CSR을 만들지 못했습니다";
    OwnKeyFixSubject => "Fix the subject fields first: nothing was generated.", "먼저 주체 항목을 고치세요. 아무것도 만들지 않았습니다.";
    OwnKeyMadeHelp => "The CSR below is signed with this key. Save the key now (plain or encrypted), then send the CSR.",
        "아래 CSR은 이 키로 서명했습니다. 지금 키를 저장한 뒤(그대로 또는 암호화해서) CSR을 보내세요.";
    OwnKeyEncryptTitle => "Download encrypted (PKCS#8 with a passphrase)", "암호화해서 내려받기 (암호를 건 PKCS#8)";
    OwnKeyPassphrase => "Passphrase", "암호";
    OwnKeyPassphraseHelp => "PBES2: PBKDF2-HMAC-SHA256 (600,000 iterations, random salt) and AES-256-CBC, made by your browser. openssl pkey -in key.pem opens it. The passphrase is not stored.",
        "PBES2: PBKDF2-HMAC-SHA256(600,000회, 무작위 솔트)와 AES-256-CBC, 브라우저가 만듭니다. openssl pkey -in key.pem으로 열 수 있습니다. 암호는 저장하지 않습니다.";
    OwnKeyPassphraseShort => "A passphrase under 12 characters is easy to guess; a longer one is safer.", "12자보다 짧은 암호는 추측하기 쉽습니다. 더 길게 쓰는 것이 안전합니다.";
    OwnKeyEncrypt => "Encrypt the key", "키 암호화";
    OwnKeyEncrypting => "Encrypting (600,000 PBKDF2 rounds)…", "암호화하는 중 (PBKDF2 600,000회)…";
    OwnKeyEncryptFailed => "The key could not be encrypted", "키를 암호화하지 못했습니다";
    OwnKeyEncrypted => "Encrypted: download it below.", "암호화했습니다. 아래에서 내려받으세요.";
    OwnKeyNoPassphrase => "Type a passphrase first.", "먼저 암호를 입력하세요.";
    OwnKeyCsrTitle => "What the CSR asks for", "CSR이 요청하는 내용";
    OwnKeyCsrEmpty => "No CSR yet: generate a key above, or choose \"Use my own CSR\" and paste one (openssl req -new makes one).",
        "아직 CSR이 없습니다. 위에서 키를 만들거나, \"내 CSR 사용\"을 고르고 CSR을 붙여 넣으세요 (openssl req -new로 만들 수 있습니다).";
    OwnKeyCsrSignature => "Self-signature (proof of the key)", "자체 서명 (키 소유 증명)";
    OwnKeyCsrValid => "valid", "유효";
    OwnKeyCsrInvalid => "does not verify: NCP will refuse this CSR", "검증 실패: NCP가 이 CSR을 거부합니다";
    OwnKeyCsrUnchecked => "not checked (algorithm not supported here)", "확인하지 않음 (여기서 지원하지 않는 알고리즘)";
    OwnKeyNotHere => "The private key is not on this page: it stayed with you (your own CSR), or it was wiped. Only the CSR was sent.",
        "개인 키는 이 페이지에 없습니다. 직접 만든 CSR이라 키가 사용자에게 있거나, 지웠습니다. CSR만 전송했습니다.";
    // issue 13, point 3: the certificates of a CA
    CertsLinkTitle => "Certificates issued by this CA", "이 CA가 발급한 인증서";
    CertsLinkHelp => "List them with when each expires and whether the CRL revokes it; open one to download it or revoke it.",
        "각 인증서의 만료일과 CRL 폐기 여부를 목록으로 보고, 하나를 열어 다운로드하거나 폐기합니다.";
    CertsLinkOpen => "See the certificates", "인증서 보기";
    CertsTitle => "Certificates of {ca}", "{ca}의 인증서";
    CertsIntro => "The end certificates this CA issued, a page at a time as NCP lists them ({endpoint}), each read with Get End Cert. NCP's answers do not say whether a certificate is revoked: the CA's CRL (Get CA Crl) does.",
        "이 CA가 발급한 엔드 인증서를 NCP가 나누는 페이지 단위로 보여 주고({endpoint}), 각각을 Get End Cert로 읽습니다. NCP 응답에는 폐기 여부가 없으므로 CA의 CRL(Get CA Crl)로 판단합니다.";
    CertsBackToCa => "Back to the CA", "CA로 돌아가기";
    CertsLoading => "Reading the certificates (Get End Cert List)…", "인증서 목록을 읽는 중 (Get End Cert List)…";
    CertsFailed => "Could not read the certificates (Get End Cert List)", "인증서 목록을 읽지 못했습니다 (Get End Cert List)";
    CertsEmpty => "This CA has issued no end certificate yet.", "이 CA가 발급한 엔드 인증서가 아직 없습니다.";
    CertsEmptyNext => "Issue one on the Issue End Cert page: this CA's tag is filled in for you. Then come back here and reload.",
        "엔드 인증서 발급 페이지에서 발급하세요. 이 CA의 태그가 채워집니다. 그다음 여기로 돌아와 다시 읽으세요.";
    CertsIssueLink => "Issue End Cert with this CA", "이 CA로 엔드 인증서 발급";
    CertsColSerial => "Serial number (serialNo)", "일련번호 (serialNo)";
    CertsColRevoked => "Revoked (CRL revocationDate)", "폐기 (CRL revocationDate)";
    CertsListLabel => "Certificates on this page", "이 페이지의 인증서";
    CertsTotal => "{count} certificates in all (totalCnt)", "전체 인증서 {count}개 (totalCnt)";
    CertsLast => "Last page (newest)", "마지막 페이지 (최신)";
    CertsPageIgnored => "NCP answered page {current} when page {page} was asked: pageNo is not documented for Get End Cert List, so this list may not page.",
        "{page}페이지를 요청했지만 NCP가 {current}페이지를 응답했습니다. Get End Cert List에는 pageNo가 문서화되어 있지 않아 페이지가 나뉘지 않을 수 있습니다.";
    CertRowReading => "reading…", "읽는 중…";
    CertRowFailed => "could not be read (Get End Cert)", "읽지 못함 (Get End Cert)";
    CertRevokedOn => "revoked {date}", "{date} 폐기";
    CertNotRevoked => "not revoked", "폐기 안 됨";
    CertCrlReading => "reading the CRL…", "CRL을 읽는 중…";
    CertCrlUnknown => "unknown: the CRL could not be read", "알 수 없음: CRL을 읽지 못했습니다";
    CertsCrlAsOf => "Revocation as the CA's CRL says it, issued {date} (thisUpdate).", "폐기 여부는 {date}(thisUpdate)에 발행된 CA의 CRL 기준입니다.";
    CertTitle => "Certificate", "인증서";
    CertLoading => "Reading the certificate (Get End Cert)…", "인증서를 읽는 중 (Get End Cert)…";
    CertFailed => "Could not read this certificate (Get End Cert)", "이 인증서를 읽지 못했습니다 (Get End Cert)";
    CertSummary => "The certificate (Get End Cert)", "인증서 정보 (Get End Cert)";
    CertColNotBefore => "Valid from (notBeforeDate)", "유효 시작 (notBeforeDate)";
    CertColNotAfter => "Valid until (notAfterDate)", "유효 종료 (notAfterDate)";
    CertColPublicKey => "Public key algorithm (publicKeyAlgorithm)", "공개 키 알고리즘 (publicKeyAlgorithm)";
    CertColSignature => "Signature algorithm (signatureAlgorithm)", "서명 알고리즘 (signatureAlgorithm)";
    CertColRevocation => "Revocation (CRL)", "폐기 여부 (CRL)";
    CertPemTitle => "Certificate (certPem)", "인증서 (certPem)";
    CertUnreadable => "The certificate (certPem) could not be read", "인증서(certPem)를 읽을 수 없습니다";
    CertChainUnreadable => "The chain (certPem and caChain) could not be read", "체인(certPem과 caChain)을 읽을 수 없습니다";
    RevokeTitle => "Revoke (Revoke End Cert)", "폐기 (Revoke End Cert)";
    RevokeButton => "Revoke this certificate…", "이 인증서 폐기…";
    RevokeNoReason => "NCP's Revoke End Cert takes no reason: its documentation has no reason parameter, so none is sent, and the CRL entry may carry none.",
        "NCP의 Revoke End Cert에는 폐기 사유가 없습니다. 문서에 사유 매개변수가 없으므로 보내지 않으며, CRL 항목에도 사유가 없을 수 있습니다.";
    RevokeWarning => "Revoking cannot be undone. Once the CA's CRL lists this serial, clients that check revocation refuse this certificate: if a service still uses it, issue its replacement first.",
        "폐기는 되돌릴 수 없습니다. CA의 CRL에 이 일련번호가 올라가면 폐기 여부를 확인하는 클라이언트는 이 인증서를 거부합니다. 아직 이 인증서를 쓰는 서비스가 있으면 먼저 새 인증서를 발급하세요.";
    RevokeConfirmLabel => "Type the certificate's common name to confirm (commonName)", "확인하려면 인증서의 일반 이름을 입력하세요 (commonName)";
    RevokeConfirmButton => "Revoke", "폐기";
    RevokeKeep => "Keep the certificate", "인증서 유지";
    RevokeFailed => "The revocation failed (Revoke End Cert)", "폐기에 실패했습니다 (Revoke End Cert)";
    RevokeDoneReading => "NCP revoked it. Reading the CA's CRL again…", "NCP가 폐기했습니다. CA의 CRL을 다시 읽는 중…";
    RevokeDoneListed => "Revoked: the CA's CRL now lists this serial, revoked {date}.", "폐기됨: 이제 CA의 CRL에 이 일련번호가 {date} 폐기로 올라 있습니다.";
    RevokeDoneNotListed => "NCP revoked it, but the CRL read just now does not list it yet: NCP may publish it later. Reload to read the CRL again.",
        "NCP가 폐기했지만 방금 읽은 CRL에는 아직 없습니다. NCP가 나중에 게시할 수 있습니다. 다시 읽기로 CRL을 다시 읽으세요.";
    RevokeAlready => "This certificate is revoked: the CA's CRL lists it, revoked {date}.", "이 인증서는 폐기되었습니다. CA의 CRL에 {date} 폐기로 올라 있습니다.";
    // issue 13: the Create CA wizard
    CasCreate => "Create CA", "CA 생성";
    CaWizardTitle => "Create CA", "CA 생성";
    CaWizardIntro => "Creates a CA with {endpoint}. A sub CA then gets its certificate step by step; each step is ticked when NCP answered it, and a failed step is retried alone, with everything you typed kept.",
        "{endpoint}로 CA를 만듭니다. 하위 CA는 이어서 단계별로 인증서를 받습니다. NCP가 응답한 단계마다 체크 표시가 되고, 실패한 단계만 다시 시도하며 입력한 내용은 그대로 남습니다.";
    CaWizardKindLegend => "What to create (caType)", "만들 CA (caType)";
    CaWizardRoot => "Root CA", "루트 CA";
    CaWizardRootHelp => "A self-signed CA at the top of a hierarchy. It is ACTIVE as soon as it is created.",
        "계층 최상위의 자체 서명 CA. 만들면 바로 ACTIVE입니다.";
    CaWizardPlatform => "Sub CA signed by a CA of this account", "이 계정의 CA가 서명하는 하위 CA";
    CaWizardPlatformHelp => "Create CA, Get Sub Csr, Sign Sub Csr by the CA you pick, then Activate Sub CA: one flow.",
        "Create CA, Get Sub Csr, 고른 CA의 Sign Sub Csr, Activate Sub CA를 한 번에 진행합니다.";
    CaWizardExternal => "Sub CA signed elsewhere", "외부에서 서명하는 하위 CA";
    CaWizardExternalHelp => "Create CA and Get Sub Csr; you have the CSR signed by your own CA, bring back the certificate and chain, then Activate Sub CA.",
        "Create CA와 Get Sub Csr 뒤, 직접 운영하는 CA로 CSR에 서명하고 인증서와 체인을 가져와 Activate Sub CA를 진행합니다.";
    CaWizardStepsLabel => "Steps", "단계";
    CaWizardStepCreate => "Created (Create CA)", "생성 (Create CA)";
    CaWizardStepCsr => "CSR fetched (Get Sub Csr)", "CSR 받음 (Get Sub Csr)";
    CaWizardStepSign => "Signed by the parent CA (Sign Sub Csr)", "상위 CA가 서명 (Sign Sub Csr)";
    CaWizardStepSignedElsewhere => "Signed by your CA (certPem, caChainPem)", "외부 CA가 서명 (certPem, caChainPem)";
    CaWizardStepActivate => "Activated (Activate Sub CA)", "활성화 요청 (Activate Sub CA)";
    CaWizardStepActive => "ACTIVE (Get CA: status)", "ACTIVE (Get CA: status)";
    CaWizardStateDone => "done", "완료";
    CaWizardStateRunning => "in progress", "진행 중";
    CaWizardStateFailed => "failed", "실패";
    CaWizardStateTodo => "to do", "대기";
    CaWizardCreateLegend => "The new CA (Create CA)", "새 CA (Create CA)";
    CaWizardSignLegend => "Its signature (Sign Sub Csr)", "서명 (Sign Sub Csr)";
    CaWizardSignHelp => "The CA you pick signs the new CA's CSR with {endpoint}; the certificate and its chain then activate the new CA.",
        "고른 CA가 {endpoint}로 새 CA의 CSR에 서명합니다. 받은 인증서와 체인으로 새 CA를 활성화합니다.";
    CaWizardCsrTitle => "The new CA's CSR (csrPem)", "새 CA의 CSR (csrPem)";
    CaWizardCsrHelp => "Read with {endpoint}. Have your CA sign it as a CA certificate (basicConstraints CA:true), then paste or drop the certificate and your CA's chain below.",
        "{endpoint}로 읽었습니다. 외부 CA로 CA 인증서(basicConstraints CA:true)로 서명한 뒤, 인증서와 외부 CA의 체인을 아래에 붙여넣거나 끌어다 놓으세요.";
    CaWizardSignedLegend => "The signed certificate (Activate Sub CA)", "서명된 인증서 (Activate Sub CA)";
    CaWizardSignedHelp => "The checks below are our reading and never block: NCP judges the certificate when you activate.",
        "아래 검사는 참고용이며 진행을 막지 않습니다. 활성화할 때 NCP가 인증서를 판단합니다.";
    CaWizardCreateRoot => "Create the root CA", "루트 CA 만들기";
    CaWizardCreatePlatform => "Create, sign and activate", "만들고 서명하고 활성화";
    CaWizardCreateExternal => "Create and get its CSR", "만들고 CSR 받기";
    CaWizardActivate => "Activate (Activate Sub CA)", "활성화 (Activate Sub CA)";
    CaWizardContinue => "Continue", "계속";
    CaWizardRetry => "Retry this step", "이 단계 다시 시도";
    CaWizardFailedCreate => "Create CA failed", "Create CA에 실패했습니다";
    CaWizardFailedCsr => "Could not fetch the CSR (Get Sub Csr)", "CSR을 받지 못했습니다 (Get Sub Csr)";
    CaWizardFailedSign => "The parent CA did not sign (Sign Sub Csr)", "상위 CA가 서명하지 못했습니다 (Sign Sub Csr)";
    CaWizardFailedActivate => "Activate Sub CA failed", "Activate Sub CA에 실패했습니다";
    CaWizardFailedCheck => "Could not read the CA's status (Get CA)", "CA 상태를 읽지 못했습니다 (Get CA)";
    CaWizardFailedKept => "Everything typed and every step done is kept: the retry sends this step only.",
        "입력한 내용과 완료한 단계는 그대로입니다. 다시 시도하면 이 단계만 보냅니다.";
    CaWizardStatusNow => "Status", "상태";
    CaWizardNextCheck => "Not ACTIVE yet. Next check at {time} (in {seconds} s); the wait doubles after each check.",
        "아직 ACTIVE가 아닙니다. 다음 확인: {time} ({seconds}초 후). 확인할 때마다 간격이 두 배로 늘어납니다.";
    CaWizardChecking => "Checking the status (Get CA)…", "상태를 확인하는 중 (Get CA)…";
    CaWizardPollStop => "Stop checking", "확인 중지";
    CaWizardCheckNow => "Check now", "지금 확인";
    CaWizardPollStopped => "Checking is stopped. Check again when you like.", "확인을 중지했습니다. 원할 때 다시 확인하세요.";
    CaWizardPollGaveUp => "Still not ACTIVE after many checks: checking stopped. NCP may need longer; check again later.",
        "여러 번 확인했지만 아직 ACTIVE가 아니어서 확인을 멈췄습니다. 시간이 더 걸릴 수 있으니 나중에 다시 확인하세요.";
    CaWizardPollWrongStatus => "The CA is {status}: waiting will not make it ACTIVE. Open it to see why.",
        "CA가 {status} 상태입니다. 기다려도 ACTIVE가 되지 않습니다. CA를 열어 확인하세요.";
    CaWizardDone => "The CA is ACTIVE: it can issue certificates.", "CA가 ACTIVE입니다. 인증서를 발급할 수 있습니다.";
    CaWizardCreatedTag => "Its tag", "CA 태그";
    CaWizardOpenCa => "Open the new CA", "새 CA 열기";
    CaWizardToList => "All CAs", "전체 CA 목록";
    CaWizardStartOver => "Start over", "처음부터 다시";
    CaWizardAnother => "Create another CA", "다른 CA 만들기";
    CaWizardStartOverHelp => "Starting over keeps what you typed; the CA already created stays on NCP (delete it from its page if you do not need it).",
        "처음부터 다시 해도 입력한 내용은 남습니다. 이미 만든 CA는 NCP에 남으니 필요 없으면 CA 페이지에서 삭제하세요.";
    // issue 13: Certificate Manager
    NavCertificates => "Certificates", "인증서 목록";
    CmCertsIntro => "The certificates of this account in Certificate Manager ({endpoint}), a page at a time. Open one to follow its DNS validation, see its chain, download it, reissue, revoke or delete it.",
        "Certificate Manager에 있는 이 계정의 인증서입니다 ({endpoint}). 한 페이지씩 보여 줍니다. 인증서를 열면 DNS 검증을 따라가고, 체인을 보고, 내려받고, 재발급·폐기·삭제할 수 있습니다.";
    CmCertsLoading => "Reading the certificates…", "인증서 목록을 읽는 중…";
    CmCertsFailed => "Could not read the certificates", "인증서 목록을 읽지 못했습니다";
    CmCertsEmpty => "This account has no certificate in Certificate Manager yet.", "이 계정에는 아직 Certificate Manager 인증서가 없습니다.";
    CmCertsEmptyNext => "Request one with Request Certificate Issuance; it shows here at once, waiting for its DNS validation.",
        "공인 인증서 발급 요청으로 인증서를 요청하세요. 요청하면 DNS 검증을 기다리는 상태로 바로 여기에 나타납니다.";
    CmCertsListLabel => "Certificates on this page", "이 페이지의 인증서";
    CertColStatus => "Status (statusCode)", "상태 (statusCode)";
    CertColName => "Name (certificateName)", "이름 (certificateName)";
    CertColCommonName => "Common name (commonName)", "일반 이름 (commonName)";
    CertColDnsName => "Other domains (dnsName)", "추가 도메인 (dnsName)";
    CertColType => "Type (certificateType)", "유형 (certificateType)";
    CertColUpdated => "Last change (updateDate)", "최근 변경 (updateDate)";
    CertIssueType => "Issuance (issueType)", "발급 구분 (issueType)";
    CertPageOf => "Page {page} of {pages} (page / totalCount)", "{pages}페이지 중 {page}페이지 (page / totalCount)";
    CertPageOnly => "Page {page} (page)", "{page}페이지 (page)";
    CertTotal => "{count} certificates in all (totalCount)", "전체 인증서 {count}개 (totalCount)";
    CertStatusOngoing => "Waiting for validation", "검증 대기";
    CertStatusNormal => "Issued", "발급됨";
    CertStatusFailed => "Failed", "실패";
    CertStatusExpired => "Expired", "만료됨";
    CertStatusValidationFailed => "Validation failed", "검증 실패";
    CertStatusValidationExpired => "Validation window expired", "검증 기간 만료";
    CertStatusRevoked => "Revoked", "폐기됨";
    CertStatusDeleted => "Deleted", "삭제됨";
    CertStatusRevoking => "Revocation requested", "폐기 요청됨";
    CertStatusUnknown => "Unknown status", "알 수 없는 상태";
    CertBack => "All certificates", "전체 인증서 목록";
    CmCertTitle => "Certificate", "인증서";
    CmCertLoading => "Reading the certificate and its chain…", "인증서와 체인을 읽는 중…";
    CmCertFailed => "Could not read this certificate", "이 인증서를 읽지 못했습니다";
    CertNotListed => "Certificate Manager lists no certificate numbered {no}: it may have been deleted.",
        "Certificate Manager에 {no}번 인증서가 없습니다. 삭제되었을 수 있습니다.";
    CmCertSummary => "The certificate (sslCertificateList)", "인증서 정보 (sslCertificateList)";
    CertChainTitle => "Certificate and chain ({endpoint})", "인증서와 체인 ({endpoint})";
    CertChainFailed => "Could not read the chain (Get Certificate Chain)", "체인을 읽지 못했습니다 (Get Certificate Chain)";
    CertNotIssued => "Not issued yet: the certificate and its chain come once every domain is validated.",
        "아직 발급되지 않았습니다. 모든 도메인이 검증되면 인증서와 체인이 나옵니다.";
    CertDownloadTitle => "Download (ZIP)", "내려받기 (ZIP)";
    CertDownloadHelp => "NCP sends the certificate and its chain as a ZIP ({endpoint}); its files are listed here, read in this page.",
        "NCP는 인증서와 체인을 ZIP으로 보냅니다 ({endpoint}). 이 페이지에서 읽은 파일 목록을 여기에 보여 줍니다.";
    CertDownload => "Download the ZIP", "ZIP 내려받기";
    CertDownloadFailed => "Could not download the certificate", "인증서를 내려받지 못했습니다";
    ZipCount => "{n} files in the archive:", "압축 파일 안의 파일 {n}개:";
    ZipFilesLabel => "Files in the ZIP", "ZIP 안의 파일";
    ZipFileName => "File", "파일";
    ZipFileSize => "Size", "크기";
    ZipBytes => "{n} bytes", "{n}바이트";
    ZipFileMethod => "Compression", "압축";
    ZipStored => "stored", "압축 안 함";
    ZipDeflated => "deflated", "deflate 압축";
    ZipMethod => "method", "방식";
    ZipInsideOnly => "in the ZIP only (compressed)", "ZIP 안에서만 (압축됨)";
    ZipUnreadable => "The ZIP could not be read here; save it and open it with an unzip tool", "이 페이지에서 ZIP을 읽지 못했습니다. 저장한 뒤 압축 해제 도구로 여세요";
    CertActionsTitle => "Actions", "작업";
    CertActionsHelp => "Reissue (Advanced DV and OV certificates) asks for a new certificate from your CSR; revoke (Advanced certificates) and delete cannot be undone.",
        "재발급(Advanced DV·OV 인증서)은 CSR로 새 인증서를 요청합니다. 폐기(Advanced 인증서)와 삭제는 되돌릴 수 없습니다.";
    CertActionReissue => "Reissue (Reissue Certificate)", "재발급 (Reissue Certificate)";
    CertActionRevoke => "Revoke (Revoke Certificate)", "폐기 (Revoke Certificate)";
    CertActionDelete => "Delete (Delete Certificate)", "삭제 (Delete Certificate)";
    CertReissueHelp => "A new certificate for the same names, from your CSR ({endpoint}); the names below are sent as they are listed.",
        "같은 이름으로 CSR에서 새 인증서를 요청합니다 ({endpoint}). 아래 이름은 목록에 있는 그대로 보냅니다.";
    CertCsrLabel => "Certificate signing request (csr), PEM", "인증서 서명 요청 (csr), PEM";
    CertOrderIdLabel => "Order ID (orderId)", "주문 ID (orderId)";
    CertOrderIdHelp => "NCP's list does not return the order: copy it from the certificate's page in the NCP console.",
        "NCP 목록은 주문 ID를 돌려주지 않습니다. NCP 콘솔의 인증서 화면에서 복사하세요.";
    CertRevokeTypeLabel => "Reason (revokeType)", "사유 (revokeType)";
    RevokeAffiliationChanged => "Identifying data changed", "식별 정보 변경";
    RevokeSuperseded => "Replaced by another certificate", "다른 인증서로 대체";
    RevokeCessation => "Domain or service shut down", "도메인 또는 서비스 종료";
    RevokeUnspecified => "None of these", "해당 없음";
    CertRevokeWarning => "Revoking tells every browser to stop trusting this certificate (it becomes REQUEST_REVOKE, then REVOKE). This cannot be undone: the sites using it need another certificate first.",
        "폐기하면 모든 브라우저가 이 인증서를 더 이상 신뢰하지 않습니다 (REQUEST_REVOKE 다음 REVOKE). 되돌릴 수 없으므로 이 인증서를 쓰는 사이트에 먼저 다른 인증서를 설치하세요.";
    CertDeleteWarning => "Deleting removes the certificate from Certificate Manager for good. NCP refuses it while a load balancer or other instance still uses it.",
        "삭제하면 Certificate Manager에서 인증서가 영구히 사라집니다. 로드 밸런서 등 인스턴스가 아직 사용 중이면 NCP가 거부합니다.";
    CertConfirmLabel => "Type the certificate's name to confirm (certificateName)", "확인하려면 인증서 이름을 입력하세요 (certificateName)";
    CertKeep => "Keep the certificate", "인증서 유지";
    CertCommandFailed => "The action failed", "작업에 실패했습니다";
    CertDoneReissued => "Reissue requested: the new certificate waits for its DNS validation.", "재발급을 요청했습니다. 새 인증서는 DNS 검증을 기다립니다.";
    CertDoneRevoked => "Revocation requested.", "폐기를 요청했습니다.";
    CertDoneDeleted => "The certificate was deleted.", "인증서를 삭제했습니다.";
    FollowValidation => "Follow validation", "검증 따라가기";
    FollowValidationHelp => "Opens the certificate on the Certificates page and checks its DNS records until every domain is validated.",
        "인증서 목록에서 이 인증서를 열고 모든 도메인이 검증될 때까지 DNS 레코드를 확인합니다.";
    FollowFinding => "Finding the certificate you requested by its name:", "요청한 인증서를 이름으로 찾는 중:";
    FollowFailed => "Could not find the certificate you requested", "요청한 인증서를 찾지 못했습니다";
    DcvTitle => "DNS validation (ListDcvStatuses)", "DNS 검증 (ListDcvStatuses)";
    DcvHelp => "Create each record below at your DNS provider. NCP checks them itself; this page asks it again and again, waiting longer each time, until every domain is validated.",
        "아래 레코드를 DNS 제공자에서 만드세요. NCP가 직접 확인하며, 이 페이지는 모든 도메인이 검증될 때까지 간격을 늘려 가며 다시 묻습니다.";
    DcvChecking => "Checking the records…", "레코드를 확인하는 중…";
    DcvNextCheck => "Not validated yet. Next check at {time} (in {seconds} s).", "아직 검증되지 않았습니다. 다음 확인: {time} ({seconds}초 뒤).";
    DcvLastCheck => "Last checked at {time}.", "마지막 확인: {time}.";
    DcvPaused => "Checking is stopped. The records stay as last read.", "확인을 멈췄습니다. 레코드는 마지막으로 읽은 그대로입니다.";
    DcvValidated => "Every domain is validated (VALID_STATUS_SUCCESS).", "모든 도메인이 검증되었습니다 (VALID_STATUS_SUCCESS).";
    DcvTimedOut => "A record's validation window expired (VALID_STATUS_TIMEOUT): request the certificate again.",
        "레코드의 검증 기간이 만료되었습니다 (VALID_STATUS_TIMEOUT). 인증서를 다시 요청하세요.";
    DcvStop => "Stop checking", "확인 멈추기";
    DcvResume => "Resume checking", "다시 확인하기";
    DcvCheckNow => "Check now", "지금 확인";
    DcvCheckFailed => "The last check failed; the next one is planned", "마지막 확인에 실패했습니다. 다음 확인이 예정되어 있습니다";
    RecordType => "Type", "유형";
    RecordValue => "Value", "값";
    RecordTypeUnsaid => "TXT or CNAME (not in the answer: see the note below)", "TXT 또는 CNAME (응답에 없음: 아래 설명 참고)";
    RecordValueUnsaid => "Not in NCP's answer: copy it from the Certificate Manager console", "NCP 응답에 없습니다. Certificate Manager 콘솔에서 복사하세요";
}

/// An NCP error code, named as one ("NCP error code 200"), so it never reads as an HTTP status.
pub fn ncp_code_text(lang: Lang, code: &str) -> String {
    format!("{} {code}", Msg::NcpErrorCode.text(lang))
}

/// A CA-status refusal explained from the CA's listed status: `operation` (its name) needs a
/// CA in `needed`, and `ca_tag` is in `status`.
pub fn ca_status_text(
    lang: Lang,
    operation: &str,
    ca_tag: &str,
    status: &str,
    needed: &str,
) -> String {
    match lang {
        Lang::En => format!(
            "This CA ({ca_tag}) is {status}; {operation} needs a {needed} CA: pick a {needed} CA (List CAs shows each one's status)."
        ),
        Lang::Ko => format!(
            "이 CA({ca_tag})는 {status} 상태입니다. {operation}에는 {needed} 상태의 CA가 필요합니다. {needed} CA를 고르세요(CA 목록에 상태가 나옵니다)."
        ),
    }
}

/// What a DCV record's `validStatusCode` means (ncp-operations.md C2), or `None` for a code the
/// docs do not list (show it as given).
pub fn dcv_status_text(lang: Lang, code: &str) -> Option<&'static str> {
    Some(match code {
        "VALID_STATUS_REG" => lang.pick("validation in progress", "검증 진행 중"),
        "VALID_STATUS_SUCCESS" => lang.pick("validated", "검증됨"),
        "VALID_STATUS_TIMEOUT" => lang.pick("validation window expired", "검증 기간 만료"),
        _ => return None,
    })
}

/// A validation problem in `lang`, by certkit-core's stable code. English shows core's own
/// message (it names the field, the rule and the value); Korean translates the code.
pub fn problem_text(lang: Lang, code: ProblemCode, message: &str) -> String {
    if lang == Lang::En {
        return message.to_string();
    }
    // Every code, no wildcard: a new code without Korean text does not compile.
    let text = match code {
        ProblemCode::Required => "필수 항목입니다. 값을 입력하세요.",
        ProblemCode::TooLong => "허용된 길이보다 깁니다. 줄이세요.",
        ProblemCode::InvalidKeyType => "키 유형은 RSA2048, RSA4096, EC256, EC521 중 하나여야 합니다.",
        ProblemCode::InvalidPeriod => "기간은 1~3650 사이의 정수(일) 또는 MAX여야 합니다.",
        ProblemCode::InvalidCountry => "국가는 ISO 3166-1 두 글자 코드여야 합니다 (예: KR).",
        ProblemCode::InvalidIp => "IPv4 또는 IPv6 주소가 아닌 항목이 있습니다.",
        ProblemCode::InvalidAltName => "호스트 이름도 이메일 주소도 아닌 항목이 있습니다.",
        ProblemCode::InvalidCaTag => {
            "CA 태그에 URL 경로를 바꾸는 문자('/', '?', '#', '%', 공백, 제어 문자)가 있습니다. 빼고 입력하세요."
        }
        ProblemCode::InvalidPem => "-----BEGIN CERTIFICATE----- … -----END CERTIFICATE----- 블록이 없습니다.",
        ProblemCode::ContainsPrivateKey => {
            "인증서 칸에 개인 키가 들어 있습니다. 개인 키는 보내면 안 됩니다."
        }
        ProblemCode::InvalidDomain => "FQDN, 루트 도메인 또는 와일드카드(*.example.com) 도메인이 아닙니다.",
        ProblemCode::InvalidValidationMethod => "검증 방법은 D(DNS)여야 합니다.",
        ProblemCode::InvalidJson => "입력을 이 작업의 JSON으로 읽을 수 없습니다.",
        ProblemCode::UnknownField => "이 작업에 없는 항목입니다.",
        ProblemCode::UnknownOperation => "지원하지 않는 작업입니다.",
        ProblemCode::InvalidAlias => "별칭은 영문자로 시작하는 3~15자의 영문, 숫자, '-', '_'여야 합니다.",
        ProblemCode::InvalidCaType => "CA 유형은 PRIVATE_ROOT 또는 PRIVATE_SUB여야 합니다.",
        ProblemCode::InvalidStatus => "상태는 ACTIVE, DEACTIVATED, DESTROYING 중 하나여야 합니다.",
        ProblemCode::InvalidSerialNo => "일련번호는 콜론으로 구분한 16진수 바이트여야 합니다 (예: 5d:8a:01).",
        ProblemCode::InvalidCertificateNo => "인증서 번호는 정수여야 합니다.",
        ProblemCode::InvalidPage => "페이지 번호와 페이지 크기는 1 이상의 정수여야 합니다.",
        ProblemCode::InvalidCsr => "-----BEGIN CERTIFICATE REQUEST----- … -----END CERTIFICATE REQUEST----- 블록이 없습니다.",
        ProblemCode::InvalidRevokeType => "폐기 사유는 affiliationChanged, superseded, cessationOfOperation, unspecified 중 하나여야 합니다.",
        ProblemCode::NotDocumented => "NCP 문서에 없는 값입니다. NCP가 거부할 수 있습니다(경고일 뿐 전송은 막지 않습니다).",
    };
    text.to_string()
}

/// What a failure kind means and what to do, in Korean; English uses core's own hint.
pub fn failure_hint(lang: Lang, kind: FailureKind, core_hint: &str) -> String {
    if lang == Lang::En {
        return core_hint.to_string();
    }
    // Every kind, no wildcard: a new kind without Korean text does not compile.
    let text = match kind {
        FailureKind::BadRequest => "게이트웨이가 요청을 읽지 못했습니다. URL과 본문이 Content-Type: application/json의 JSON인지 확인하세요.",
        FailureKind::AuthFailed => "액세스 키와 시크릿 키를 확인하고(NCP 콘솔에서 다시 복사), 이 컴퓨터 시계가 실제 시각과 5분 이내인지 확인하세요.",
        FailureKind::PermissionDenied => "이 키에는 이 API 권한이 없습니다. Sub Account에서 서비스 권한을 주거나 메인 계정 키를 쓰세요.",
        FailureKind::Forbidden => "이 키로는 접근이 금지되어 있습니다. Sub Account에서 사용자 권한을 확인하세요.",
        FailureKind::SubAccountForbidden => "Certificate Manager API v2는 서브 계정 키에 빈 본문의 403을 돌려줍니다. 이 작업에는 메인 계정 API 키를 쓰세요.",
        FailureKind::NotFound => "경로를 찾지 못했습니다. 경로는 /api/v1(Private CA) 또는 /api/v2(Certificate Manager)로 시작해야 하고 호스트가 사이트와 맞아야 합니다. caTag도 확인하세요.",
        FailureKind::Throttled => "요청이 너무 많습니다. 1분 뒤 다시 시도하세요.",
        FailureKind::TooLarge => "요청이 너무 큽니다. 붙여넣은 PEM에 불필요한 내용이 없는지 확인하세요.",
        FailureKind::Timeout => "서비스가 제때 응답하지 않았습니다. 나중에 다시 시도하고, 반복되면 NCP 상태 페이지를 확인하세요.",
        FailureKind::ServerError => "NCP 내부 오류입니다. 나중에 다시 시도하고, 반복되면 요청 시각과 함께 NCP 지원팀에 문의하세요.",
        FailureKind::CaNotActive => "NCP가 CA의 현재 상태 때문에 거부했습니다. Issue End Cert와 Sign End Csr는 ACTIVE CA, Activate Sub CA는 PENDING CA, Update CA는 CA의 현재 상태와 다른 상태가 필요합니다. CA 목록에서 상태를 확인하고, 필요한 상태의 CA를 고르거나 상태를 바꾼 뒤 다시 시도하세요.",
        FailureKind::CaNotFound => "이 태그의 CA가 없습니다. Private CA 콘솔에서 caTag를 다시 복사하고 사이트가 맞는지 확인하세요.",
        FailureKind::InvalidInput => "NCP가 입력을 거부했습니다. 메시지에 나온 항목을 고쳐 다시 시도하세요.",
        FailureKind::ServiceError => "서비스가 오류를 보고했습니다. 메시지를 읽고, 일시적인 문제로 보이면 다시 시도하세요.",
        FailureKind::NotJson => "응답이 JSON이 아닙니다. URL이 웹 페이지가 아니라 NCP API(또는 이 프로젝트의 프록시나 샌드박스)를 가리키는지 확인하세요.",
        FailureKind::UnexpectedResponse => "응답이 JSON이지만 알려진 형식이 아닙니다. URL과 작업을 확인하세요.",
        FailureKind::ProxyRefused => return proxy_refused_ko(),
    };
    text.to_string()
}

/// The Korean advice for a refusal of the project's proxy, by its code; `None` for the
/// refusals the Korean hint leaves to the message (which carries the code). Every refusal, no
/// wildcard: a new one must be placed here to compile.
fn proxy_refusal_advice_ko(refusal: ProxyRefusal) -> Option<&'static str> {
    use ProxyRefusal as R;
    match refusal {
        R::UpstreamTimeout | R::UpstreamUnreachable => Some("네트워크를 확인하고 다시 시도하세요."),
        R::Overloaded | R::RateLimited => Some("잠시 뒤 다시 시도하세요."),
        R::OriginNotAllowed | R::HostNotAllowed => {
            Some("프록시 자체 주소로 앱을 열거나 프록시를 --allow-origin으로 시작하세요.")
        }
        R::PathRefused | R::UnknownRoute => {
            Some("프록시가 전달하지 않는 경로나 사이트/서비스입니다.")
        }
        R::BodyTooLarge => Some("요청 본문이 프록시의 --max-body를 넘습니다."),
        R::UpstreamFailed
        | R::AbsoluteTarget
        | R::MethodNotAllowed
        | R::BodyUnreadable
        | R::SandboxUnavailable
        | R::Misconfigured => None,
    }
}

/// The Korean hint of `proxyRefused`: the advice for each code, the codes (core's, in
/// `ProxyRefusal::ALL` order) with the same advice joined by `·`.
fn proxy_refused_ko() -> String {
    let mut groups: Vec<(Vec<&str>, &str)> = Vec::new();
    for refusal in ProxyRefusal::ALL {
        let Some(advice) = proxy_refusal_advice_ko(refusal) else {
            continue;
        };
        match groups.last_mut() {
            Some((codes, last)) if *last == advice => codes.push(refusal.code()),
            _ => groups.push((vec![refusal.code()], advice)),
        }
    }
    let mut text = String::from(
        "이 프로젝트의 프록시가 요청을 NCP로 전달하지 않았습니다. 메시지의 코드에 따라:",
    );
    for (codes, advice) in groups {
        text.push_str(&format!(" {}이면 {advice}", codes.join("·")));
    }
    text
}

/// A failure kind's short title.
pub fn failure_title(lang: Lang, kind: FailureKind) -> String {
    // Every kind, no wildcard: a new kind without a title does not compile.
    let (en, ko) = match kind {
        FailureKind::BadRequest => ("Bad request", "잘못된 요청"),
        FailureKind::AuthFailed => ("Authentication failed", "인증 실패"),
        FailureKind::PermissionDenied => ("Permission denied", "권한 없음"),
        FailureKind::Forbidden => ("Forbidden", "접근 금지"),
        FailureKind::SubAccountForbidden => ("Sub-account key refused", "서브 계정 키 거부"),
        FailureKind::NotFound => ("Path not found", "경로 없음"),
        FailureKind::Throttled => ("Throttled", "요청 제한"),
        FailureKind::TooLarge => ("Request too large", "요청이 너무 큼"),
        FailureKind::Timeout => ("Timed out", "시간 초과"),
        FailureKind::ServerError => ("Server error", "서버 오류"),
        FailureKind::CaNotActive => ("CA status does not allow this", "CA 상태 때문에 거부됨"),
        FailureKind::CaNotFound => ("CA not found", "CA 없음"),
        FailureKind::InvalidInput => ("Input rejected", "입력 거부"),
        FailureKind::ServiceError => ("Service error", "서비스 오류"),
        FailureKind::NotJson => ("Not a JSON answer", "JSON 응답 아님"),
        FailureKind::UnexpectedResponse => ("Unexpected answer", "예상치 못한 응답"),
        FailureKind::ProxyRefused => ("Refused by the proxy", "프록시가 거부함"),
    };
    lang.pick(en, ko).to_string()
}

/// What certkit-x509 repaired in a PEM, in `lang`.
pub fn repair_text(lang: Lang, repair: certkit_x509::Repair) -> String {
    use certkit_x509::Repair;
    if lang == Lang::En {
        return repair.message().to_string();
    }
    let text = match repair {
        Repair::UnescapedNewlines => "JSON에서 복사한 PEM의 \\n 문자를 줄바꿈으로 바꿨습니다.",
        Repair::UnescapedJson => "PEM 안의 \\/ 같은 JSON 이스케이프를 풀었습니다.",
        Repair::Crlf => "Windows(CRLF) 줄 끝을 LF로 바꿨습니다.",
        Repair::CrLineEnds => "옛 Mac(CR) 줄 끝을 LF로 바꿨습니다.",
        Repair::ByteOrderMark => "텍스트의 바이트 순서 표시(BOM, U+FEFF)를 지웠습니다.",
        Repair::NoBreakSpaces => "줄바꿈 없는 공백(no-break space)을 일반 공백으로 바꿨습니다.",
        Repair::Rewrapped => "base64를 한 줄 64자로 다시 나눴습니다.",
        Repair::RemovedSpaces => "base64 안과 줄 끝의 공백과 탭을 지웠습니다.",
        Repair::AddedFinalNewline => "마지막 END 줄 뒤에 빠진 줄바꿈을 넣었습니다.",
        Repair::StrippedSurroundingText => "BEGIN/END 블록 밖의 텍스트는 무시했습니다.",
        Repair::FixedBoundaries => "대시 개수가 틀린 BEGIN/END 줄을 받아들였습니다.",
        Repair::AddedPadding => "base64 끝에 빠진 '=' 패딩을 넣었습니다.",
        Repair::DerInput => "바이너리 DER 입력을 PEM으로 바꿨습니다.",
        Repair::BareBase64 => "BEGIN/END 줄이 없는 base64에 줄을 붙였습니다.",
        _ => return repair.message().to_string(),
    };
    text.to_string()
}

/// A problem certkit-x509 found in a chain, in `lang`: English is the crate's own sentence;
/// Korean says the same from the problem's kind, certificate number and detail.
pub fn chain_problem_text(lang: Lang, problem: &certkit_x509::ChainProblem) -> String {
    use certkit_x509::ChainProblemKind as K;
    if lang == Lang::En {
        return problem.message.clone();
    }
    let this = format!("인증서 {} ({})", problem.certificate, problem.subject);
    let other = problem
        .other_certificate
        .map(|n| format!("인증서 {n}"))
        .unwrap_or_default();
    let d = problem.detail.as_deref().unwrap_or("");
    match problem.kind {
        K::Expired => format!("{this}은(는) {d}에 만료되었습니다."),
        K::NotYetValid => format!("{this}은(는) {d} 전에는 유효하지 않습니다."),
        K::SignatureInvalid => {
            format!("{this}의 서명이 발급자의 키로 검증되지 않습니다.")
        }
        K::UnsupportedAlgorithm => format!(
            "{this}의 서명 알고리즘 {d}은(는) 여기서 검증하지 않으므로 체인을 검증하지 못했습니다."
        ),
        K::IssuerNotCa => format!(
            "{this}이(가) {other}에 서명했지만 CA가 아닙니다. basicConstraints에 CA:true가 없으므로 인증서를 발급할 수 없습니다."
        ),
        K::IssuerWithoutKeyCertSign => format!(
            "{this}이(가) {other}에 서명했지만 keyUsage에 keyCertSign이 없으므로 인증서에 서명할 수 없습니다."
        ),
        K::PathLenExceeded => format!(
            "{this}은(는) 아래에 CA 인증서를 {d}개까지만 허용하지만(pathLenConstraint) 체인에 그보다 많이 있습니다."
        ),
        K::UnhandledCriticalExtension => format!(
            "{this}에 여기서 처리하지 않는 critical 확장 {d}이(가) 있어 인증서를 거부해야 합니다."
        ),
        K::MalformedExtension => {
            format!("{this}에 잘못되었거나 중복된 확장({d})이 있습니다.")
        }
        K::NameConstraintsViolation => format!(
            "{this}의 이름 {d}은(는) {other}의 이름 제약(name constraints)이 허용하지 않습니다."
        ),
        K::NameConstraintsNotChecked => format!(
            "{this}에 여기서 검사하지 않는 {d} 형식의 이름 제약이 있으므로 체인을 검증하지 못했습니다."
        ),
        K::IssuerMissing => format!(
            "연결이 빠졌습니다: {this}의 발급자 {d}이(가) 없지만 그 위의 인증서는 있습니다."
        ),
        K::RootMissing => format!(
            "{this}의 발급자 {d}이(가) 없습니다. 체인을 검증하려면 루트 CA까지 넣으세요."
        ),
        K::CaExpiresBeforeLeaf => {
            format!("CA {this}은(는) {d}에 만료되어 리프 인증서보다 먼저 만료됩니다.")
        }
        _ => problem.message.clone(),
    }
}

/// "12 min 5 s" / "12분 5초" for a duration in milliseconds (sign dropped).
pub fn duration_text(lang: Lang, ms: i64) -> String {
    let seconds = ms.unsigned_abs() / 1000;
    match lang {
        Lang::En => format!("{} min {} s", seconds / 60, seconds % 60),
        Lang::Ko => format!("{}분 {}초", seconds / 60, seconds % 60),
    }
}

/// What the measured clock offset means, in `lang`.
pub fn skew_text(lang: Lang, skew_ms: i64) -> String {
    let amount = duration_text(lang, skew_ms);
    match (lang, skew_ms > 0) {
        (Lang::En, true) => format!("This computer's clock is {amount} behind the server's."),
        (Lang::En, false) => format!("This computer's clock is {amount} ahead of the server's."),
        (Lang::Ko, true) => format!("이 컴퓨터 시계가 서버보다 {amount} 느립니다."),
        (Lang::Ko, false) => format!("이 컴퓨터 시계가 서버보다 {amount} 빠릅니다."),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn endpoints_in_help_texts_come_from_core() {
        use certkit_core::OperationKind;
        assert_eq!(
            Msg::CaPickerHint.text_with_endpoint(Lang::En, OperationKind::GetCaList),
            "Pick a CA listed by GET /api/v1/ca, or type a tag."
        );
        let dns = Msg::DnsRecordHelp.text_with_endpoint(Lang::Ko, OperationKind::ListDcvStatuses);
        assert!(dns.contains(
            "(GET /api/v2/certificate/getVerificationInfo/{certificateNo}?domainAddress=…)"
        ));
    }

    use super::*;

    #[test]
    fn the_text_table_gives_each_message_its_own_text() {
        for msg in Msg::ALL {
            for lang in [Lang::En, Lang::Ko] {
                assert_eq!(msg.text(lang), msg.text_by_match(lang), "{msg:?} {lang:?}");
            }
        }
    }

    #[test]
    fn every_message_has_both_languages() {
        for msg in Msg::ALL {
            let en = msg.text(Lang::En);
            let ko = msg.text(Lang::Ko);
            assert!(!en.is_empty() && !ko.is_empty(), "{msg:?}");
        }
    }

    #[test]
    fn every_core_problem_code_and_failure_kind_is_translated() {
        for code in certkit_core::ProblemCode::ALL {
            let ko = problem_text(Lang::Ko, code, "core message");
            assert_ne!(ko, "core message", "{code:?} has no Korean text");
            assert_eq!(problem_text(Lang::En, code, "core message"), "core message");
        }
        for kind in FailureKind::ALL {
            assert_ne!(failure_hint(Lang::Ko, kind, "hint"), "hint", "{kind:?}");
            assert_eq!(failure_hint(Lang::En, kind, "hint"), "hint", "{kind:?}");
            assert_ne!(failure_title(Lang::Ko, kind), failure_title(Lang::En, kind));
        }
    }

    #[test]
    fn the_korean_proxy_hint_names_core_s_refusal_codes() {
        assert_eq!(
            failure_hint(Lang::Ko, FailureKind::ProxyRefused, "hint"),
            "이 프로젝트의 프록시가 요청을 NCP로 전달하지 않았습니다. 메시지의 코드에 따라: upstreamTimeout·upstreamUnreachable이면 네트워크를 확인하고 다시 시도하세요. overloaded·rateLimited이면 잠시 뒤 다시 시도하세요. originNotAllowed·hostNotAllowed이면 프록시 자체 주소로 앱을 열거나 프록시를 --allow-origin으로 시작하세요. pathRefused·unknownRoute이면 프록시가 전달하지 않는 경로나 사이트/서비스입니다. bodyTooLarge이면 요청 본문이 프록시의 --max-body를 넘습니다."
        );
    }

    #[test]
    fn every_chain_problem_kind_and_repair_is_translated() {
        for &kind in certkit_x509::ChainProblemKind::ALL {
            let problem = certkit_x509::ChainProblem {
                kind,
                certificate: 2,
                subject: "CN=CA".into(),
                other_certificate: Some(1),
                detail: Some("detail".into()),
                message: "english".into(),
            };
            assert_eq!(chain_problem_text(Lang::En, &problem), "english");
            let ko = chain_problem_text(Lang::Ko, &problem);
            assert!(ko != "english" && ko.contains("인증서 2"), "{kind:?}: {ko}");
        }
        for repair in [
            certkit_x509::Repair::CrLineEnds,
            certkit_x509::Repair::ByteOrderMark,
            certkit_x509::Repair::NoBreakSpaces,
        ] {
            assert_ne!(
                repair_text(Lang::Ko, repair),
                repair.message(),
                "{repair:?}"
            );
        }
    }

    #[test]
    fn dcv_statuses_have_labels_and_unknown_codes_none() {
        for code in [
            "VALID_STATUS_REG",
            "VALID_STATUS_SUCCESS",
            "VALID_STATUS_TIMEOUT",
        ] {
            assert!(dcv_status_text(Lang::En, code).is_some(), "{code}");
            assert_ne!(
                dcv_status_text(Lang::En, code),
                dcv_status_text(Lang::Ko, code)
            );
        }
        assert_eq!(dcv_status_text(Lang::En, "VALID_STATUS_NEW"), None);
    }

    #[test]
    fn skew_is_said_with_its_direction() {
        assert_eq!(
            skew_text(Lang::En, 600_000),
            "This computer's clock is 10 min 0 s behind the server's."
        );
        assert_eq!(
            skew_text(Lang::Ko, -61_000),
            "이 컴퓨터 시계가 서버보다 1분 1초 빠릅니다."
        );
    }
}
