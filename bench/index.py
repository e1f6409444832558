"""Issue 12's targets, side by side in one run: find and list with and without a current index, report
with one, show with the agent and without it, beside a bare Typer app's --help and the decrypt floor.

    python bench/index.py [--cases 20000] [--runs 5]

Every command is a fresh process, run --runs times, the commands interleaved so the
machine's noise hits all alike. For each: the median wall-clock time, the median CPU
time (user + system, the process and its workers: robust to other load on a shared
machine), and the peak memory (max RSS of the process or any worker). "No index":
local/index/ removed before the run (the first command after a sync of the whole
vault); the index is made current again before the next command. The floor beside the
no-index figures: bench/throughput.py's bare loop (read, two X25519 decrypts, rtoml)
over every case on every core. With --cases 100000, each figure is also divided by
the 20,000-case run's (bench/out/index-20000.json; target: within 5.5x).
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
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from bench.startup import BARE_APP  # noqa: E402
from bench.throughput import OUT, _busy_jiffies, ensure_vault, run  # noqa: E402


# Linux keeps a process's peak RSS across exec, so a command started straight from this
# process (which holds every id of the vault) would report at least this process's size:
# each command is started by a small launcher instead, which times it and reports its
# wait4 figures (the peak of the command or any of its workers).
LAUNCHER = """import os, sys, time
t = time.perf_counter()
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as f:
    f.write(f"{os.waitstatus_to_exitcode(status)} {time.perf_counter() - t} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}")
"""


def timed(argv: list[str], env: dict) -> tuple[float, float, int]:
    """(wall s, CPU s of the process and its children, peak RSS MB of any of them)."""
    with tempfile.NamedTemporaryFile("r", suffix=".txt") as report:
        p = subprocess.run([sys.executable, "-c", LAUNCHER, report.name] + argv, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
        code, elapsed, used, peak = report.read().split()
    assert int(code) == 0 and p.returncode == 0, (argv, p.stderr.decode(errors="replace"))
    return float(elapsed), float(used), int(peak) // 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cases", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    vault_dir = OUT / f"vault-{args.cases}"
    key, ids = ensure_vault(vault_dir, args.cases)
    run_dir = tempfile.mkdtemp(prefix="svb-")
    bare = Path(run_dir) / "bare.py"
    bare.write_text(BARE_APP)
    py = sys.executable
    base = {**os.environ, "SENDVAULT_VAULT": str(vault_dir), "SENDVAULT_IDENTITY": str(key), "XDG_RUNTIME_DIR": run_dir}
    plain = {**base, "SENDVAULT_AGENT": "off"}
    sv = [py, "-m", "sendvault"]
    subprocess.run(sv + ["unlock", "--timeout", "1h"], env=base, capture_output=True, text=True, check=True)
    index_dir = vault_dir / "local" / "index"

    def make_current() -> None:
        subprocess.run(sv + ["list", "--json"], env=plain, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)

    def no_index() -> None:
        shutil.rmtree(index_dir, ignore_errors=True)

    # name: (argv, env, set-up before each run, target)
    cases = {
        "bare Typer app --help": ([py, str(bare), "--help"], plain, None, "the floor of start-up"),
        "show ID, agent running": (sv + ["show", ids[0]], base, None, "<= 1.5x bare"),
        "show ID, plain identity": (sv + ["show", ids[0]], plain, None, "<= 1.5x bare"),
        "find smith --json, current index": (sv + ["find", "smith", "--json"], plain, None, "< 0.3 s"),
        "list --json, current index": (sv + ["list", "--json"], plain, None, "< 0.3 s"),
        "list (table), current index": (sv + ["list"], plain, None, "< 0.3 s"),
        "report --json, current index": (sv + ["report", "--json"], plain, None, "< 0.5 s"),
        "retention plan --json, current index": (sv + ["retention", "plan", "--json"], plain, None, "< 0.5 s"),
        "find smith --json, no index": (sv + ["find", "smith", "--json"], plain, no_index, "< 3 s"),
        "list --json, no index": (sv + ["list", "--json"], plain, no_index, "< 3 s"),
    }
    rules = subprocess.run(sv + ["retention", "rules", "--json"], env=plain, capture_output=True, text=True, check=True)
    if not json.loads(rules.stdout):  # a plan reads every case only once there are rules
        subprocess.run(sv + ["retention", "rules", "set", "--birthday", "25", "--after-last-contact", "72"], env=plain,
                       capture_output=True, check=True)
    make_current()
    subprocess.run(sv + ["report", "--json"], env=plain, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    times = {k: [] for k in cases}
    cpu = {k: [] for k in cases}
    peak = {k: 0 for k in cases}
    busy0, total0 = _busy_jiffies()
    load0 = os.getloadavg()
    try:
        for _ in range(args.runs):
            for name, (argv, env, before, _target) in cases.items():
                if before:
                    before()
                wall, used, rss = timed(argv, env)
                times[name].append(wall)
                cpu[name].append(used)
                peak[name] = max(peak[name], rss)
                if before:
                    make_current()
    finally:
        subprocess.run(sv + ["lock"], env=base, capture_output=True)
    busy1, total1 = _busy_jiffies()
    # The floor of a whole-vault read: every case decrypted (two X25519) and parsed, on every core.
    floor = run("floor-rtoml", vault_dir, key, ids, os.cpu_count() or 1)
    floor_s = len(ids) / floor["wall"]
    floor_cpu_s = len(ids) / floor["cpu"]
    previous = {}
    if args.cases != 20000 and (OUT / "index-20000.json").exists():
        previous = json.loads((OUT / "index-20000.json").read_text())["measures"]

    bare_wall = statistics.median(times["bare Typer app --help"])
    bare_cpu = statistics.median(cpu["bare Typer app --help"])
    print(f"{len(ids)} cases; {os.cpu_count()} cores; {platform.machine()}; Python {platform.python_version()}; "
          f"median of {args.runs} runs, interleaved; load average {load0[0]:.1f} before; the whole machine "
          f"{(busy1 - busy0) / max(1, total1 - total0) * 100:.0f} % busy meanwhile (this bench included)")
    head = "| measure | wall s | × bare | CPU s | × bare (CPU) | peak MB | target |"
    if previous:
        head += " wall / 20,000's | CPU / 20,000's |"
    print(head)
    print("|" + "|".join(["---"] * (head.count("|") - 1)) + "|")
    out = {}
    for name, ts in times.items():
        wall, used = statistics.median(ts), statistics.median(cpu[name])
        target = cases[name][3]
        line = (f"| {name} | {wall:.3f} | {wall / bare_wall:.2f} | {used:.3f} | {used / bare_cpu:.2f} | {peak[name]} | {target} |")
        if previous and name in previous:
            line += f" {wall / previous[name]['wall_s']:.2f} | {used / previous[name]['cpu_s']:.2f} |"
        print(line)
        out[name] = {"wall_s": wall, "cpu_s": used, "x_bare": wall / bare_wall, "x_bare_cpu": used / bare_cpu,
                     "peak_mb": peak[name], "target": target, "runs": ts}
    print(f"| floor: read and decrypt every case, bare loop, {os.cpu_count()} processes | {floor_s:.3f} | | "
          f"{floor_cpu_s:.3f} | | | |")
    OUT.mkdir(exist_ok=True)
    (OUT / f"index-{args.cases}.json").write_text(json.dumps(
        {"cases": len(ids), "load_before": load0, "floor": {"wall_s": floor_s, "cpu_s": floor_cpu_s, **floor}, "measures": out},
        indent=1))


if __name__ == "__main__":
    main()
