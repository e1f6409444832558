"""Start-up time: `sendvault --help`, `sendvault show ID` and `sendvault find NAME` beside a bare Typer app's --help.

Run in one go, interleaved, so the machine's noise hits all three alike; the
figure that matters is the ratio to the bare app (target: within 1.5x).

    python bench/startup.py [--runs 30]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE_APP = '''
import typer
app = typer.Typer()
@app.command()
def hello(name: str = "x"):
    """Say hello."""
    print(name)
@app.command()
def bye():
    """Say bye."""
if __name__ == "__main__":
    app()
'''


def timed(cmd: list[str], env: dict) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=30)
    args = ap.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from sendvault.store import crypto
    from sendvault.store.vault import Vault

    work = Path(tempfile.mkdtemp(prefix="sv-startup-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None))
    try:  # the work directory holds a plain key and a vault: never left behind
        bare = work / "bare.py"
        bare.write_text(BARE_APP)
        key = work / "k"
        pair = crypto.generate()
        crypto.write_identity_file(key, pair, None)
        v = Vault.create(work / "v", "Bench SENDIASS", "Ann", pair.recipient)
        v.unlock([pair])
        cid = v.create_case({
            "kind": "case", "anonymous": False, "record_personal_details": True,
            "contact": {"date": "2026-11-02", "channel": "phone", "route": "self", "caller": "young-person",
                        "policy_explained": {"version": "1", "date": "2026-11-02", "copy_given": True}},
            "person": {"name": "Alex Example"}, "profile": {"age_band": "16-18", "support_level": "advice"},
        })
        env = {**os.environ, "SENDVAULT_VAULT": str(work / "v"), "SENDVAULT_IDENTITY": str(key)}
        py = sys.executable
        cases = {
            "bare typer --help": [py, str(bare), "--help"],
            "sendvault --help": [py, "-m", "sendvault", "--help"],
            "sendvault show ID": [py, "-m", "sendvault", "show", cid],
            "sendvault find NAME": [py, "-m", "sendvault", "find", "alex"],  # one case: start-up, not the search
        }
        times: dict[str, list[float]] = {k: [] for k in cases}
        for cmd in cases.values():  # warm the page cache
            timed(cmd, env)
        for _ in range(args.runs):
            for name, cmd in cases.items():
                times[name].append(timed(cmd, env))
        base = statistics.median(times["bare typer --help"])
        print(f"{'command':<22} {'median ms':>10} {'min ms':>8} {'x bare':>7}")
        for name, ts in times.items():
            med = statistics.median(ts)
            print(f"{name:<22} {med * 1000:>10.1f} {min(ts) * 1000:>8.1f} {med / base:>7.2f}")

    finally:
        shutil.rmtree(work, ignore_errors=True)

if __name__ == "__main__":
    main()
