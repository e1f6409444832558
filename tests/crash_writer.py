"""A vault writer for the crash and concurrency tests (not a test module itself).

    python tests/crash_writer.py VAULT IDENTITY FIELDS.json [--count N] [--step]

Opens the vault through the core API and creates cases from FIELDS.json in a loop,
printing each new case id on stdout (flushed) only once ``create_case`` has returned,
so every id printed is a case the vault promised to keep. ``--count 0`` (the default)
runs until killed; ``--step`` waits for a line on stdin before each case (to let a
test change the vault between two writes of one long-lived process).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sendvault.store import crypto
from sendvault.store.vault import Vault


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("vault", type=Path)
    ap.add_argument("identity", type=Path)
    ap.add_argument("fields", type=Path)
    ap.add_argument("--count", type=int, default=0)
    ap.add_argument("--step", action="store_true")
    args = ap.parse_args()
    fields = json.loads(args.fields.read_text())
    vault = Vault.open(args.vault)
    vault.unlock(crypto.load_identity_file(args.identity, None))
    print("ready", flush=True)
    n = 0
    while args.count == 0 or n < args.count:
        if args.step and not sys.stdin.readline():
            break
        cid = vault.create_case(fields)
        print(cid, flush=True)
        n += 1


if __name__ == "__main__":
    main()
