#!/bin/sh
# Regenerates signature-v2.txt with OpenSSL, independently of certkit-core:
#   sh crates/core/tests/vectors/generate.sh > crates/core/tests/vectors/signature-v2.txt
# String to sign: "{METHOD} {PATH_WITH_QUERY}\n{TIMESTAMP}\n{ACCESS_KEY}" (no trailing newline);
# signature: Base64(HMAC-SHA256(secret, string to sign)).
set -eu

vector() { # name method path timestamp access_key secret_key
    sts=$(printf '%s %s\n%s\n%s' "$2" "$3" "$4" "$5")
    sig=$(printf '%s' "$sts" | openssl dgst -sha256 -hmac "$6" -binary | base64)
    printf 'name: %s\nmethod: %s\npath: %s\ntimestamp: %s\naccess_key: %s\nsecret_key: %s\nsignature: %s\n\n' \
        "$1" "$2" "$3" "$4" "$5" "$6" "$sig"
}

echo "# API Gateway signature v2 vectors, computed by generate.sh with $(openssl version | cut -d' ' -f1-2)."
echo "# The first two are NAVER Cloud's public vectors (ncp-iam-authenticator tests, ncp-api.md)."
echo
vector public-kubeconfig GET /cluster/kubeconfig 1668407407855 access secret
vector public-user-query GET '/iam/krs-v1/user?clusterUuid=D11328F1-ECA9-4F1B-BA22-921F61D9C5FF' 1668407407855 access secret
vector issue-end-cert POST /api/v1/ca/3f8a1b2c-7d4e5f60/cert 1723101003000 \
    AKIAEXAMPLE0NCP00001 'sEcReT/Example+Key=0123456789abcdefABCDEF'
vector activate-sub-ca POST /api/v1/ca/3f8a1b2c-7d4e5f60/activate 1723101093000 \
    AKIAEXAMPLE0NCP00001 'sEcReT/Example+Key=0123456789abcdefABCDEF'
vector request-certificate-issuance POST /api/v2/certificate/requestCertificateIssuance 1754637093000 \
    mainAccessKey0000002 'another secret with spaces & symbols !?'
vector utf8-secret POST /api/v1/ca/tag-01/cert 1700000000000 key '비밀키-secret'
vector long-secret-over-block-size POST /api/v1/ca/tag-01/cert 1700000000001 key \
    'this secret key is longer than the sixty-four byte SHA-256 block, so HMAC hashes it first'
# Lifecycle paths, written here as they must go on the wire (the expected encoding is part of
# the vector): a serial with raw colons, a query value percent-encoded once (space -> %20,
# '*' -> %2A), a PUT and a DELETE.
vector get-end-cert GET /api/v1/ca/4b0bbe37-eeea93b8/cert/5d:8a:01:ff 1723101003000 \
    AKIAEXAMPLE0NCP00001 'sEcReT/Example+Key=0123456789abcdefABCDEF'
vector get-ca-list GET '/api/v1/ca?pageNo=1' 1723101003000 \
    AKIAEXAMPLE0NCP00001 'sEcReT/Example+Key=0123456789abcdefABCDEF'
vector update-ca PUT /api/v1/ca/4b0bbe37-eeea93b8 1723101003000 \
    AKIAEXAMPLE0NCP00001 'sEcReT/Example+Key=0123456789abcdefABCDEF'
vector delete-certificate DELETE '/api/v2/certificate/deleteCertificate/1234567?certificateName=my%20cert%26co' 1754637093000 \
    mainAccessKey0000002 'another secret with spaces & symbols !?'
vector list-dcv-statuses GET '/api/v2/certificate/getVerificationInfo/1234567?domainAddress=%2A.example.com' 1754637093000 \
    mainAccessKey0000002 'another secret with spaces & symbols !?'
# Encoded and reserved characters (issue 19): a certificateName holding '/', '+', "'" and a
# space, percent-encoded once as the query must go on the wire (%2F, %2B, %27, %20), in Delete
# Certificate and in List Cloud Certificates (three query parameters); a caTag with "'", '+'
# and ':', which a path carries raw; and a serial whose colons are raw in the path.
vector delete-certificate-reserved DELETE '/api/v2/certificate/deleteCertificate/1234567?certificateName=a%2Fb%2Bc%27d%20e' 1754637093000 \
    mainAccessKey0000002 'another secret with spaces & symbols !?'
vector list-cloud-certificates-reserved GET '/api/v2/certificate/getCertificates?page=1&pageSize=20&certificateName=a%2Fb%2Bc%27d%20e' 1754637093000 \
    mainAccessKey0000002 'another secret with spaces & symbols !?'
vector get-ca-reserved-tag GET "/api/v1/ca/o'brien+ca:1" 1723101003000 \
    AKIAEXAMPLE0NCP00001 'sEcReT/Example+Key=0123456789abcdefABCDEF'
vector revoke-end-cert-colon-serial POST /api/v1/ca/4b0bbe37-eeea93b8/cert/00:ab:cd:ef:01/revoke 1723101003000 \
    AKIAEXAMPLE0NCP00001 'sEcReT/Example+Key=0123456789abcdefABCDEF'
# Signed with certkit-sandbox's demo main key (the only key its gateway accepts), which the
# sandbox's gateway test replays with its clock moved to the timestamp.
sandbox_demo_key() { # name method path
    vector "$1" "$2" "$3" 1767225600000 SBXMAINACCESSKEY0001 SBXmainSecretKeyForTheOfflineSandbox0001
}
sandbox_demo_key sandbox-get-ca-list-page GET '/api/v1/ca?pageNo=1'
sandbox_demo_key sandbox-get-ca-list GET /api/v1/ca
sandbox_demo_key sandbox-request-certificate-issuance POST /api/v2/certificate/requestCertificateIssuance
