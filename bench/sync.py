"""Sharing a 20,000-case vault through git (issue 13): the first push, a first clone, a sync with
nothing new, a sync after one change on another machine (target: under 5 s), and after a few.

    python bench/sync.py [--cases 20000] [--runs 3]

Machine A is a copy of bench/out/vault-N (generated once, as throughput.py does); the
server is a bare repository made by ``sendvault serve-init``; machine B is a
``sendvault clone`` of it. Every step is a fresh ``sendvault`` process with a plain
identity (no agent), timed from start to exit; medians of --runs where a step is
repeated. Results go to bench/out/sync-N.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.throughput import OUT, ensure_vault  # noqa: E402

TARGET_ONE_CHANGE = 5.0
# An anonymous contact (docs/intake-file.md): no personal data, even synthetic, in a file on disk.
ANONYMOUS_INTAKE = """kind = "case"
anonymous = true
record_personal_details = false

[contact]
date = 2026-11-02
channel = "phone"
route = "self"
caller = "parent-carer"
parental_responsibility = true

[contact.policy_explained]
version = "2025-01"
date = 2026-11-02
copy_given = false

[profile]
age_band = "5-10"
primary_need = "SLCN"
issues = ["sen-support"]
support_level = "advice"
"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    if shutil.which("git") is None:
        print("bench/sync.py needs git", file=sys.stderr)
        return 1
    source = OUT / f"vault-{args.cases}"
    key, ids = ensure_vault(source, args.cases)
    work = Path(tempfile.mkdtemp(prefix="svsync-", dir=OUT))
    a, b, server = work / "a", work / "b", work / "server.git"
    shutil.copytree(source, a, symlinks=True)
    shutil.rmtree(a / ".git", ignore_errors=True)  # a copy of the vault as it was before sharing
    env = {**os.environ, "SENDVAULT_IDENTITY": str(key), "SENDVAULT_AGENT": "off", "XDG_RUNTIME_DIR": str(work)}
    py = [sys.executable, "-m", "sendvault"]

    def run(vault: Path | None, *argv: str) -> float:
        e = {**env, **({"SENDVAULT_VAULT": str(vault)} if vault else {})}
        t = time.perf_counter()
        p = subprocess.run(py + list(argv), env=e, capture_output=True, text=True)
        elapsed = time.perf_counter() - t
        if p.returncode != 0:
            raise SystemExit(f"sendvault {' '.join(argv)} failed: {p.stderr.strip()}")
        return elapsed

    results: dict[str, object] = {}
    try:
        run(None, "serve-init", str(server))
        results["first sync of the whole vault (commit and push)"] = run(a, "sync", "--remote", str(server))
        results["first clone"] = run(None, "clone", str(server), str(b))
        run(b, "sync")  # B's own first sync: its device's audit log and index
        intake = work / "intake.toml"
        intake.write_text(ANONYMOUS_INTAKE)
        steps: dict[str, list[float]] = {"sync with nothing new": [], "sync after one change on another machine": [],
                                         "sync after a few changes on another machine (10 notes, 1 intake)": []}
        for i in range(args.runs):
            steps["sync with nothing new"].append(run(b, "sync"))
            run(a, "note", ids[i], f"bench note {i}")
            run(a, "sync")
            steps["sync after one change on another machine"].append(run(b, "sync"))
            for j in range(10):
                run(a, "note", ids[100 + 10 * i + j], f"bench note {i}.{j}")
            run(a, "intake", "--from", str(intake))
            run(a, "sync")
            steps["sync after a few changes on another machine (10 notes, 1 intake)"].append(run(b, "sync"))
        for name, times in steps.items():
            results[name] = statistics.median(times)
            results[name + " (runs)"] = times
    finally:
        sizes = {"server repository (MB)": _size(server) / 1e6, "machine B's vault with .git (MB)": _size(b) / 1e6}
        shutil.rmtree(work, ignore_errors=True)
    results.update(sizes)
    results["cases"] = args.cases
    results["machine"] = f"{platform.machine()}, {os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
    one = results["sync after one change on another machine"]
    results["target: one change under 5 s"] = "met" if one < TARGET_ONE_CHANGE else "NOT met"
    out = OUT / f"sync-{args.cases}.json"
    out.write_text(json.dumps(results, indent=2))
    for name, value in results.items():
        if isinstance(value, float):
            print(f"{name:70} {value:8.2f}")
        elif not isinstance(value, list):
            print(f"{name:70} {value}")
    return 0 if one < TARGET_ONE_CHANGE else 1


def _size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.exists() else 0


if __name__ == "__main__":
    raise SystemExit(main())
