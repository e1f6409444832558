"""Issue 12's targets, side by side in one run: find and list with and without a current index,
show with the agent and without it, beside a bare Typer app's --help and the decrypt floor.

    python bench/index.py [--cases 20000] [--runs 5]

"Without an index": local/index*.age removed before each run (the first run after a sync
of the whole vault). Medians of --runs fresh processes; peak memory (max RSS) of each.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.startup import BARE_APP  # noqa: E402
from bench.throughput import OUT, ensure_vault  # noqa: E402


def timed(argv: list[str], env: dict) -> tuple[float, int]:
    t = time.perf_counter()
    p = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    elapsed = time.perf_counter() - t
    assert os.waitstatus_to_exitcode(status) == 0, argv
    return elapsed, usage.ru_maxrss // 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    vault_dir = OUT / f"vault-{args.cases}"
    key, ids = ensure_vault(vault_dir, args.cases)
    run = tempfile.mkdtemp(prefix="svb-")
    bare = Path(run) / "bare.py"
    bare.write_text(BARE_APP)
    py = sys.executable
    base = {**os.environ, "SENDVAULT_VAULT": str(vault_dir), "SENDVAULT_IDENTITY": str(key), "XDG_RUNTIME_DIR": run}
    plain = {**base, "SENDVAULT_AGENT": "off"}
    sv = [py, "-m", "sendvault"]
    unlock = subprocess.run(sv + ["unlock", "--json", "--timeout", "1h"], env=base, capture_output=True, text=True, check=True)
    agent_pid = json.loads(unlock.stdout)["pid"]
    index_files = [vault_dir / "local" / "index.age", vault_dir / "local" / "index-key.age"]

    def no_index() -> None:
        for f in index_files:
            f.unlink(missing_ok=True)

    cases = {
        "bare typer --help": ([py, str(bare), "--help"], plain, None, None),
        "show ID (agent)": (sv + ["show", ids[0]], base, None, "1.5x bare"),
        "show ID (plain identity)": (sv + ["show", ids[0]], plain, None, "1.5x bare"),
        "find (current index)": (sv + ["find", "smith", "--json"], plain, None, "0.3 s"),
        "list --json (current index)": (sv + ["list", "--json"], plain, None, "0.3 s"),
        "find (no index)": (sv + ["find", "smith", "--json"], plain, no_index, "3 s"),
        "list --json (no index)": (sv + ["list", "--json"], plain, no_index, "3 s"),
    }
    subprocess.run(sv + ["list", "--json"], env=plain, stdout=subprocess.DEVNULL, check=True)  # the index, current
    times: dict[str, list[float]] = {k: [] for k in cases}
    peak: dict[str, int] = {k: 0 for k in cases}
    try:
        for _ in range(args.runs):
            for name, (argv, env, before, _target) in cases.items():
                if before:
                    before()
                t, rss = timed(argv, env)
                times[name].append(t)
                peak[name] = max(peak[name], rss)
                if before:  # leave the index current for the next measures
                    subprocess.run(sv + ["list", "--json"], env=plain, stdout=subprocess.DEVNULL, check=True)
    finally:
        subprocess.run(sv + ["lock"], env=base, capture_output=True)
    bare_med = statistics.median(times["bare typer --help"])
    print(f"{len(ids)} cases; {os.cpu_count()} cores; {platform.processor() or platform.machine()}; Python {platform.python_version()}; "
          f"median of {args.runs}")
    print(f"{'measure':<30}{'median s':>10}{'x bare':>8}{'peak MB':>9}  target")
    out = {}
    for name, ts in times.items():
        med = statistics.median(ts)
        target = cases[name][3] or ""
        print(f"{name:<30}{med:>10.3f}{med / bare_med:>8.2f}{peak[name]:>9}  {target}")
        out[name] = {"median_s": med, "x_bare": med / bare_med, "peak_mb": peak[name], "target": target}
    (OUT / f"index-{args.cases}.json").write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
