#!/bin/sh
# Makes twins-self-signed-last.pem: a chain whose order depends on a signature verdict, for
# tests/verdicts.rs. No certificate has key identifiers, so two same-named CAs can both have
# issued the leaf: "Verdicts Twin CA" as a self-signed root (which did sign the leaf) and as an
# intermediate under "Verdicts Other Root" (which did not). The bundle lists the intermediate
# first. Until the root's self-signature has a verdict nothing is a root, and the first
# candidate (the intermediate) would be taken; with it, the self-signed twin is taken, as
# `openssl verify` does (twins-self-signed-last.openssl-verify.txt). Valid for ten years
# from the day it is run (openssl x509 -req sets notBefore to now).
# Run from this directory: sh make.sh
set -eu
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat >"$work/ext.cnf" <<'CNF'
[ca]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = none
authorityKeyIdentifier = none
[leaf]
basicConstraints = CA:false
keyUsage = critical, digitalSignature
subjectKeyIdentifier = none
authorityKeyIdentifier = none
subjectAltName = DNS:www.verdicts.test
CNF
O="/C=KR/O=Certkit Test"
for k in twin-root twin-int other-root leaf; do
    openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$work/$k.key"
done
serial=100
# cert NAME SUBJECT SIGNER EXT
cert() {
    serial=$((serial + 1))
    openssl req -new -key "$work/$1.key" -subj "$2" -out "$work/$1.csr"
    if [ "$3" = self ]; then
        openssl x509 -req -in "$work/$1.csr" -signkey "$work/$1.key" -days 3650 -sha256 \
            -set_serial "$serial" -extfile "$work/ext.cnf" -extensions "$4" -out "$work/$1.pem"
    else
        openssl x509 -req -in "$work/$1.csr" -CA "$work/$3.pem" -CAkey "$work/$3.key" -days 3650 \
            -sha256 -set_serial "$serial" -extfile "$work/ext.cnf" -extensions "$4" -out "$work/$1.pem"
    fi
}
cert twin-root "$O/CN=Verdicts Twin CA" self ca
cert other-root "$O/CN=Verdicts Other Root" self ca
cert twin-int "$O/CN=Verdicts Twin CA" other-root ca
cert leaf "$O/CN=www.verdicts.test" twin-root leaf
cat "$work/leaf.pem" "$work/twin-int.pem" "$work/other-root.pem" "$work/twin-root.pem" \
    >twins-self-signed-last.pem
cat "$work/other-root.pem" "$work/twin-root.pem" >"$work/anchors.pem"
{
    echo "# openssl verify -no-CAfile -no-CApath -no-CAstore -CAfile <its two self-signed certificates> -untrusted twins-self-signed-last.pem <its leaf>"
    openssl verify -no-CAfile -no-CApath -no-CAstore -CAfile "$work/anchors.pem" \
        -untrusted twins-self-signed-last.pem "$work/leaf.pem" 2>&1 | sed "s|$work/||"
} >twins-self-signed-last.openssl-verify.txt
