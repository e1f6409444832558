"""Whole-vault commands as an officer runs them: `list`, `find`, `policy`, `verify`.

Each command runs as a real process on the 20,000-case vault that
bench/throughput.py generates, with one worker process and with the default (one
per core), interleaved, best of --runs. The index (local/index/) is removed before
each run, so list and find read every case too: bench/index.py measures them with it.

    python bench/bulk.py [--cases 20000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.throughput import OUT, ensure_vault  # noqa: E402

COMMANDS = {
    "list --json": ["list", "--json"],
    "find (a surname)": ["find", "smith", "--json"],
    "policy --json": ["policy", "--json"],
    "verify": ["verify"],
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    vault_dir = OUT / f"vault-{args.cases}"
    key, ids = ensure_vault(vault_dir, args.cases)
    base = {**os.environ, "SENDVAULT_VAULT": str(vault_dir), "SENDVAULT_IDENTITY": str(key)}
    settings = {"1 worker": {**base, "SENDVAULT_WORKERS": "1"}, "default": {k: v for k, v in base.items() if k != "SENDVAULT_WORKERS"}}
    best: dict[tuple[str, str], float] = {}
    for _ in range(args.runs):
        for name, argv in COMMANDS.items():
            for label, env in settings.items():
                shutil.rmtree(vault_dir / "local" / "index", ignore_errors=True)
                t = time.perf_counter()
                subprocess.run([sys.executable, "-m", "sendvault", *argv], env=env, check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                elapsed = time.perf_counter() - t
                best[(name, label)] = min(best.get((name, label), elapsed), elapsed)
    print(f"{len(ids)} cases, {os.cpu_count()} cores, best of {args.runs}, seconds")
    print(f"{'command':<20}{'1 worker':>10}{'default':>10}{'speed-up':>10}")
    for name in COMMANDS:
        one, default = best[(name, "1 worker")], best[(name, "default")]
        print(f"{name:<20}{one:>10.2f}{default:>10.2f}{one / default:>9.2f}x")


if __name__ == "__main__":
    main()
