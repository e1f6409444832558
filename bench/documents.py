"""Documents (issue 24): `attach` and `open --out` of a large file, peak memory and throughput, beside the
reference `age` CLI encrypting and decrypting the same file.

Each command runs as a real process; its peak resident memory is the child's ``ru_maxrss`` as the kernel
counts it. Targets: a 200 MB document attached and opened with a peak under 100 MB, and throughput at least
0.8x age's (age is one Go process doing nothing but the cipher: sendvault also hashes the file, checks the
vault and writes its record and audit line).

    python bench/documents.py [--mb 200] [--small-mb 2] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

MEASURE = """
import resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
took = time.perf_counter() - t
if p.returncode:
    sys.stderr.write(p.stderr.decode()); sys.exit(p.returncode)
print(took, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def measured(cmd: list[str], env: dict) -> tuple[float, float]:
    """(seconds, peak resident MB) of ``cmd`` run as its own process."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *cmd], env=env, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"{cmd[:3]} failed: {out.stderr.strip()}")
    took, kb = out.stdout.split()
    return float(took), int(kb) / 1024


def make_file(path: Path, mb: int) -> None:
    with open(path, "wb") as f:
        f.write(b"%PDF-1.4\n")
        for _ in range(mb):
            f.write(os.urandom(1 << 20))


def run(mb: int, small_mb: int, runs: int, work: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    from sendvault.store import crypto
    from sendvault.store.vault import Vault

    key = work / "ann.key"
    pair = crypto.generate()
    crypto.write_identity_file(key, pair, None)
    vault = Vault.create(work / "vault", "Bench SENDIASS", "Ann", pair.recipient)
    vault.unlock([pair])
    cid = vault.create_case({"kind": "case", "anonymous": False, "record_personal_details": True,
                             "contact": {"date": "2026-11-02", "channel": "phone", "route": "self", "caller": "parent-carer",
                                         "parental_responsibility": True,
                                         "policy_explained": {"version": "1", "date": "2026-11-02", "copy_given": True}},
                             "profile": {"age_band": "5-10"}})
    env = {**os.environ, "SENDVAULT_VAULT": str(work / "vault"), "SENDVAULT_IDENTITY": str(key), "SENDVAULT_AGENT": "off"}
    cli = [sys.executable, "-m", "sendvault"]
    subprocess.run([*cli, "documents-settings", "--max-mb", str(mb + 10)], env=env, check=True, capture_output=True)
    age = shutil.which("age")
    figures: dict = {"mb": mb, "small_mb": small_mb, "runs": runs}
    number = 0
    for size in (small_mb, mb):
        src = work / f"doc-{size}.pdf"
        make_file(src, size)
        attach, open_out, age_enc, age_dec, age_enc_sync, age_dec_sync = [], [], [], [], [], []
        for _ in range(runs):
            attach.append(measured([*cli, "attach", cid, str(src)], env))
            number += 1
            out = work / "copy.pdf"
            open_out.append(measured([*cli, "open", cid, str(number), "--out", str(out)], env))
            out.unlink()
            if age:
                enc = work / "doc.age"
                age_enc.append(measured([age, "-r", pair.recipient, "-o", str(enc), str(src)], env))
                age_dec.append(measured([age, "-d", "-i", str(key), "-o", str(work / "plain"), str(enc)], env))
                enc.unlink()
                (work / "plain").unlink()
                # The same work made as durable as the vault makes it: the output synced to disk before it
                # counts (coreutils' `sync FILE` is an fsync of that file).
                age_enc_sync.append(measured(["sh", "-c", f'"$0" -r {pair.recipient} -o "$1" "$2" && sync "$1"',
                                              age, str(enc), str(src)], env))
                age_dec_sync.append(measured(["sh", "-c", f'"$0" -d -i "$1" -o "$2" "$3" && sync "$2"',
                                              age, str(key), str(work / "plain"), str(enc)], env))
                enc.unlink()
                (work / "plain").unlink()
        src.unlink()
        row = {}
        for name, got in (("attach", attach), ("open --out", open_out), ("age -e", age_enc), ("age -d", age_dec),
                          ("age -e, synced", age_enc_sync), ("age -d, synced", age_dec_sync)):
            if got:
                row[name] = {"seconds": round(statistics.median(t for t, _ in got), 3),
                             "peak_mb": round(max(m for _, m in got), 1),
                             "mb_per_s": round(size / statistics.median(t for t, _ in got), 1)}
        figures[f"{size} MB"] = row
    big, small = figures[f"{mb} MB"], figures[f"{small_mb} MB"]
    figures["peak ratio (large / small)"] = {k: round(big[k]["peak_mb"] / small[k]["peak_mb"], 2) for k in ("attach", "open --out")}
    if "age -e" in big:
        pairs = (("attach", "age -e"), ("open --out", "age -d"))
        figures["throughput / age's"] = {ours: round(big[ours]["mb_per_s"] / big[theirs]["mb_per_s"], 2)
                                         for ours, theirs in pairs}
        figures["throughput / age's, both synced"] = {
            ours: round(big[ours]["mb_per_s"] / big[f"{theirs}, synced"]["mb_per_s"], 2) for ours, theirs in pairs}

        def marginal(name: str) -> float:
            """MB/s beyond each process's fixed start: the 198 MB between the small run and the large."""
            return (mb - small_mb) / max(big[name]["seconds"] - small[name]["seconds"], 1e-3)

        figures["marginal MB/s"] = {name: round(marginal(name), 1) for name in big}
        figures["marginal throughput / age's, both synced"] = {
            ours: round(marginal(ours) / marginal(f"{theirs}, synced"), 2) for ours, theirs in pairs}
    return figures


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=int, default=200)
    ap.add_argument("--small-mb", type=int, default=2)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    # On disk, not in RAM: a 200 MB document and its copies would weigh on /dev/shm (synthetic bytes only).
    work = Path(tempfile.mkdtemp(prefix="sv-documents-"))
    try:
        figures = run(args.mb, args.small_mb, args.runs, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(figures, indent=1))
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / f"documents-{args.mb}.json").write_text(json.dumps(figures, indent=1) + "\n")


if __name__ == "__main__":
    main()
