"""A new officer's first clone of a vault with documents (issue 24.5): ``sendvault clone`` (a partial
clone: the documents stay on the server until a case's are needed) against ``sendvault clone --full``,
and ``sendvault open`` of a document not yet fetched.

    python bench/documents_sync.py [--cases 2000] [--documents 5000] [--kb 40]

A vault of synthetic cases (bench/generate.py) gets synthetic documents (random bytes: nothing personal,
nothing compressible, as encrypted files are) through ``records.documents.attach``, is pushed to a bare
server made by ``sendvault serve-init``, then cloned each way by sendvault over ``file://`` (git's own
transport, as over ssh). Each figure is one run of the real command line, its start-up included.
Results go to bench/out/documents-sync-N.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def du(path: Path) -> float:
    """MB on disk under ``path``."""
    return int(subprocess.run(["du", "-sk", str(path)], capture_output=True, text=True, check=True).stdout.split()[0]) / 1024


def timed(cmd: list[str], cwd: Path | None = None, env: dict | None = None) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, env=env, check=True, capture_output=True)
    return time.perf_counter() - t


def build(work: Path, cases: int, documents: int, kb: int) -> tuple[Path, Path, list[tuple[str, str]]]:
    from bench.generate import generate
    from sendvault.records import consent
    from sendvault.records import documents as docs
    from sendvault.store import crypto
    from sendvault.store.vault import Vault

    vault_dir = work / "vault"
    generate(vault_dir, cases, seed=1)
    key = Path(f"{vault_dir}.key")
    vault = Vault.open(vault_dir)
    vault.unlock(crypto.load_identity_file(key, lambda: ""))
    # Only a case that may hold personal details takes a document (some generated ones may not).
    ids = [c for c in sorted(vault.case_ids()) if consent.personal_details_allowed(vault.read_case(c))]
    src = work / "doc.pdf"
    placed = []
    t = time.perf_counter()
    for n in range(documents):
        src.write_bytes(b"%PDF-1.4\n" + os.urandom(kb * 1024))
        cid = ids[n % len(ids)]
        done = docs.attach(vault, cid, src, "the file", None, False, None, None, False)
        placed.append((cid, done.numbers[0]))
    print(f"attached {documents} documents in {time.perf_counter() - t:.0f} s", file=sys.stderr)
    src.unlink()
    return vault_dir, key, placed


def run(cases: int, documents: int, kb: int, work: Path) -> dict:
    vault_dir, key, placed = build(work, cases, documents, kb)
    env = {**os.environ, "SENDVAULT_VAULT": str(vault_dir), "SENDVAULT_IDENTITY": str(key), "SENDVAULT_AGENT": "off"}
    cli = [sys.executable, "-m", "sendvault"]
    server = work / "server.git"
    subprocess.run([*cli, "serve-init", str(server)], env=env, check=True, capture_output=True)
    url = f"file://{server}"
    push = timed([*cli, "sync", "--remote", url], env=env)
    figures: dict = {"cases": cases, "documents": documents, "document_kb": kb, "first push s": round(push, 1),
                     "server MB": round(du(server), 1), "documents MB": round(du(vault_dir / "documents"), 1)}
    full, partial = work / "full", work / "partial"
    figures["sendvault clone --full"] = {"seconds": round(timed([*cli, "clone", "--full", url, str(full)], env=env), 2),
                                         "MB": round(du(full), 1)}
    figures["sendvault clone"] = {"seconds": round(timed([*cli, "clone", url, str(partial)], env=env), 2),
                                  "MB": round(du(partial), 1)}
    assert not (partial / "documents").exists(), "the partial clone holds documents"
    cid, number = placed[len(placed) // 2]
    out = work / "opened.pdf"

    def open_in(where: Path) -> float:
        took = timed([*cli, "open", cid, str(number), "--out", str(out)], env={**env, "SENDVAULT_VAULT": str(where)})
        out.unlink()
        return round(took, 2)

    figures["sendvault open, full clone"] = {"seconds": open_in(full)}
    figures["sendvault open, not yet fetched"] = {"seconds": open_in(partial), "MB after": round(du(partial), 1)}
    figures["sendvault open, fetched before"] = {"seconds": open_in(partial)}
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cases", type=int, default=2000)
    ap.add_argument("--documents", type=int, default=5000)
    ap.add_argument("--kb", type=int, default=40)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sv-docsync-"))
    try:
        figures = run(args.cases, args.documents, args.kb, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(figures, indent=1))
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / f"documents-sync-{args.documents}.json").write_text(json.dumps(figures, indent=1) + "\n")


if __name__ == "__main__":
    main()
