"""`retention plan` over a 20,000-case vault, and a `retention purge` of 1,000 of them.

Runs on a copy of the vault bench/throughput.py generates (a purge destroys), with
the rule `--after-last-contact 12` (most of six years of cases are due); the purge's --on date is chosen so that
1,000 cases are due (a purge may be run for a past day). Real processes, as cron
runs them.

    python bench/retention.py [--cases 20000] [--purge 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.throughput import OUT, ensure_vault  # noqa: E402


def run(env: dict, *argv: str) -> tuple[float, subprocess.CompletedProcess]:
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "sendvault", *argv], env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - t
    if p.returncode != 0:
        raise SystemExit(f"sendvault {' '.join(argv)} failed: {p.stderr}")
    return elapsed, p


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=20000)
    ap.add_argument("--purge", type=int, default=1000)
    args = ap.parse_args()
    source = OUT / f"vault-{args.cases}"
    key, _ = ensure_vault(source, args.cases)
    work = OUT / f"retention-{args.cases}"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(source, work, symlinks=True)
    env = {**os.environ, "SENDVAULT_VAULT": str(work), "SENDVAULT_IDENTITY": str(key)}
    run(env, "retention", "rules", "set", "--after-last-contact", "12")
    print(f"{args.cases} cases, {os.cpu_count()} cores, seconds")
    for label, extra in (("1 worker", {"SENDVAULT_WORKERS": "1"}), ("default", {})):
        e = {k: v for k, v in env.items() if k != "SENDVAULT_WORKERS"} | extra
        best = min(run(e, "retention", "plan", "--json")[0] for _ in range(2))
        print(f"retention plan ({label}): {best:.2f}  ({args.cases / best:.0f} cases/s)")
    # A day on which `--purge` cases are due: a day far ahead, dry run, gives every due date.
    _, p = run(env, "retention", "plan", "--json", "--on", "2100-01-01")
    dues = sorted(r["due"] for r in json.loads(p.stdout)["due"])
    on = dues[min(args.purge, len(dues)) - 1]
    elapsed, p = run(env, "retention", "purge", "--yes", "--on", on, "--json")
    destroyed = len(json.loads(p.stdout)["destroyed"])
    print(f"retention purge of {destroyed} (--on {on}): {elapsed:.2f}  ({destroyed / elapsed:.0f} cases/s, including the plan)")
    elapsed, p = run(env, "retention", "purge", "--yes", "--on", on, "--json")
    print(f"the same purge again (nothing to do): {elapsed:.2f}")
    elapsed, _ = run(env, "verify")
    print(f"verify afterwards: {elapsed:.2f}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
