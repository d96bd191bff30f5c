#!/usr/bin/env python3
"""Recomputes every signature of signature-v2.txt with Python's own HMAC-SHA256 (stdlib
hmac, hashlib, base64): a second implementation beside generate.sh's OpenSSL and
certkit-core's Rust. Exits non-zero on any mismatch, or on a file with too few vectors.

    python3 crates/core/tests/vectors/check.py [signature-v2.txt]
"""
import base64
import hashlib
import hmac
import pathlib
import sys

FIELDS = ("name", "method", "path", "timestamp", "access_key", "secret_key", "signature")


def vectors(text):
    for block in text.split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#")]
        if not lines:
            continue
        fields = {}
        for line in lines:
            key, sep, value = line.partition(": ")
            if not sep or key not in FIELDS:
                raise ValueError(f"unreadable line {line!r}")
            fields[key] = value
        missing = [f for f in FIELDS if f not in fields]
        if missing:
            raise ValueError(f"vector {fields.get('name')!r} lacks {missing}")
        yield fields


def signature(v):
    # String to sign: "{METHOD} {PATH_WITH_QUERY}\n{TIMESTAMP}\n{ACCESS_KEY}", no trailing newline.
    string_to_sign = f"{v['method']} {v['path']}\n{v['timestamp']}\n{v['access_key']}"
    mac = hmac.new(v["secret_key"].encode(), string_to_sign.encode(), hashlib.sha256)
    return base64.b64encode(mac.digest()).decode()


def main():
    default = pathlib.Path(__file__).with_name("signature-v2.txt")
    path = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else default
    found = list(vectors(path.read_text(encoding="utf-8")))
    bad = [v["name"] for v in found if signature(v) != v["signature"]]
    for name in bad:
        print(f"{path.name}: {name}: the signature does not match Python's HMAC-SHA256", file=sys.stderr)
    if len(found) < 2 or bad:
        print(f"{path.name}: {len(bad)} of {len(found)} vectors wrong", file=sys.stderr)
        return 1
    print(f"{path.name}: {len(found)} of {len(found)} signatures match Python's HMAC-SHA256")
    return 0


if __name__ == "__main__":
    sys.exit(main())
