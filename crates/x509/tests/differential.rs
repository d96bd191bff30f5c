//! The differential test: on every chain of `tests/fixtures/chains/` (made with the `openssl`
//! CLI by `tests/fixtures/make.sh`, which stores `openssl verify`'s output beside each chain),
//! certkit-x509's verdict equals OpenSSL's, and the reasons name the same rules.
//!
//! `openssl verify` was given the bundle's self-issued certificates as its only trust anchors,
//! the whole bundle as untrusted certificates and `-attime 1795000000`; certkit-x509 gets the
//! bundle alone, at that time. `CERTKIT_CHAINS_DIR` points the test at another run of make.sh
//! (re-running it changes bytes, never verdicts).

// A test reports a failed expectation by panicking.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use certkit_x509::{verify_chain, ChainProblemKind, ChainReport};

/// make.sh's `-attime`.
const AT: i64 = 1_795_000_000;

/// What OpenSSL said about one chain.
struct OpensslVerdict {
    ok: bool,
    /// 1-based position in the bundle of the certificate that was verified.
    target: usize,
    /// `(error code, depth)` in the order printed; depth 0 is the target.
    errors: Vec<(u32, usize)>,
}

fn read_verdict(text: &str) -> OpensslVerdict {
    let target = text
        .lines()
        .find_map(|l| l.strip_prefix("# target: "))
        .and_then(|t| t.trim().parse().ok())
        .expect("a `# target: N` line");
    let errors = text
        .lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("error ")?;
            let (code, rest) = rest.split_once(" at ")?;
            let (depth, _) = rest.split_once(" depth lookup")?;
            Some((code.parse().ok()?, depth.parse().ok()?))
        })
        .collect();
    let ok = text.lines().any(|l| l == "target.pem: OK");
    OpensslVerdict { ok, target, errors }
}

/// The certkit-x509 problems that state the rule an `openssl verify` error code states.
fn same_rule(code: u32) -> &'static [ChainProblemKind] {
    use ChainProblemKind as K;
    match code {
        // unable to get issuer certificate (locally)
        2 | 20 => &[K::IssuerMissing, K::RootMissing],
        7 => &[K::SignatureInvalid],
        9 => &[K::NotYetValid],
        10 => &[K::Expired],
        // OpenSSL 3 says "invalid CA certificate" (79) both for an issuer that is not a CA
        // and for a CA whose keyUsage lacks keyCertSign (X509_check_ca), then 32 for the latter.
        24 | 79 => &[K::IssuerNotCa, K::IssuerWithoutKeyCertSign],
        25 => &[K::PathLenExceeded],
        32 => &[K::IssuerWithoutKeyCertSign],
        34 => &[K::UnhandledCriticalExtension],
        41 => &[K::MalformedExtension],
        47 | 48 => &[K::NameConstraintsViolation],
        49 | 51 | 53 => &[K::NameConstraintsNotChecked],
        _ => &[],
    }
}

/// Problems certkit-x509 may raise where OpenSSL checks and passes: what it does not verify.
const STRICTER: &[ChainProblemKind] = &[
    ChainProblemKind::UnsupportedAlgorithm,
    ChainProblemKind::NameConstraintsNotChecked,
];

fn corpus_dir() -> std::path::PathBuf {
    std::env::var_os("CERTKIT_CHAINS_DIR")
        .map(Into::into)
        .unwrap_or_else(|| format!("{}/tests/fixtures/chains", env!("CARGO_MANIFEST_DIR")).into())
}

fn corpus() -> Vec<(String, String, OpensslVerdict)> {
    let dir = corpus_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|entry| {
            let name = entry.ok()?.file_name().into_string().ok()?;
            Some(name.strip_suffix(".openssl-verify.txt")?.to_string())
        })
        .collect();
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let read = |file: String| {
                std::fs::read_to_string(dir.join(&file)).unwrap_or_else(|e| panic!("{file}: {e}"))
            };
            let verdict = read_verdict(&read(format!("{name}.openssl-verify.txt")));
            (name.clone(), read(format!("{name}.pem")), verdict)
        })
        .collect()
}

fn failing_kinds(report: &ChainReport) -> Vec<ChainProblemKind> {
    report
        .problem_details
        .iter()
        .filter(|p| !p.kind.is_warning())
        .map(|p| p.kind)
        .collect()
}

#[test]
fn certkit_agrees_with_openssl_verify_on_every_chain() {
    let corpus = corpus();
    assert!(corpus.len() >= 20, "only {} chains", corpus.len());
    let mut disagreements = Vec::new();
    let mut table = Vec::new();
    for (name, pem, openssl) in &corpus {
        let report = verify_chain(pem, AT).unwrap_or_else(|e| panic!("{name}: {e}"));
        let codes: Vec<&str> = report
            .problem_details
            .iter()
            .map(|p| p.kind.code())
            .collect();
        table.push(format!(
            "{name}: openssl {} {:?}, certkit {} {codes:?}",
            if openssl.ok { "OK" } else { "fails" },
            openssl.errors,
            if report.ok { "ok" } else { "not ok" },
        ));
        // The same certificate is the leaf.
        let leaf = report.links.first().map(|l| l.position + 1);
        if leaf != Some(openssl.target) {
            disagreements.push(format!(
                "{name}: certkit took certificate {leaf:?} as the leaf, openssl verified {}",
                openssl.target
            ));
        }
        // The same verdict; where certkit refuses what it cannot check, OpenSSL accepted and
        // nothing else is wrong.
        if name.starts_with("stricter-") {
            let kinds = failing_kinds(&report);
            if !openssl.ok || report.ok || kinds.iter().any(|k| !STRICTER.contains(k)) {
                disagreements.push(format!(
                    "{name}: expected openssl OK and certkit refusing only for {STRICTER:?}; got openssl {}, certkit {kinds:?}",
                    openssl.ok
                ));
            }
        } else if report.ok != openssl.ok {
            disagreements.push(format!(
                "{name}: openssl says {}, certkit says ok={} {:?}",
                if openssl.ok { "OK" } else { "fails" },
                report.ok,
                report.problems
            ));
        }
        // Each OpenSSL error has a certkit problem of the same rule on the same certificate
        // (OpenSSL stops at its first fatal error, so certkit may name more).
        for &(code, depth) in &openssl.errors {
            let kinds = same_rule(code);
            let found = report
                .problem_details
                .iter()
                .any(|p| kinds.contains(&p.kind) && p.certificate == depth + 1);
            if !found {
                disagreements.push(format!(
                    "{name}: openssl error {code} at depth {depth} has no certkit problem {kinds:?} on certificate {}: {:?}",
                    depth + 1,
                    report.problem_details
                ));
            }
        }
    }
    eprintln!("{}", table.join("\n"));
    assert!(
        disagreements.is_empty(),
        "{} of {} chains disagree:\n{}",
        disagreements.len(),
        corpus.len(),
        disagreements.join("\n")
    );
}

/// Every bad chain's OpenSSL output names at least one error this table maps, so no reason
/// goes unchecked for lack of a mapping.
#[test]
fn every_openssl_error_in_the_corpus_is_mapped() {
    for (name, _, openssl) in corpus() {
        assert_eq!(
            openssl.ok,
            openssl.errors.is_empty(),
            "{name}: verdict and errors disagree"
        );
        for (code, _) in openssl.errors {
            assert!(!same_rule(code).is_empty(), "{name}: error {code} unmapped");
        }
    }
}
